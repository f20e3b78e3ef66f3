// Four processes write to the same three records in one SQLite file at once,
// each adding 50 comments and a few field changes through Host.handle.
// Afterwards the file must hold exactly the three creations and every event
// the workers say they stored: no (record, version) missing or doubled,
// versions 1..n without gaps, and every stored record equal (as canonical
// JSON text) to the replay of its stored events.

import assert from 'node:assert/strict'
import { fork } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, test } from 'node:test'
import { fileURLToPath } from 'node:url'

import Database from 'better-sqlite3'

import itsm from '../../bindings/node/index.js'
import { Host } from './host.mjs'

const { Record } = itsm

const WORKERS = 4
const COMMENTS = 50
const RECORDS = ['INC-1', 'INC-2', 'INC-3']

const dir = mkdtempSync(join(tmpdir(), 'itsm-host-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Runs one worker process; resolves with its report. */
function run(path, worker) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./concurrency-worker.mjs', import.meta.url)), [
      path,
      String(worker),
      RECORDS.join(','),
      String(COMMENTS),
    ])
    let report = null
    child.on('message', (message) => (report = message))
    child.on('error', reject)
    child.on('exit', (code) =>
      code === 0 && report !== null ? resolve(report) : reject(new Error(`worker ${worker} exited with ${code}`)),
    )
  })
}

test(`${WORKERS} processes write the same ${RECORDS.length} records at once`, { timeout: 120_000 }, async () => {
  const path = join(dir, 'itsm.sqlite')
  const setup = new Host(path)
  const ann = { id: 'ann', roles: ['agent'], groups: ['network'] }
  for (const id of RECORDS) {
    setup.handle(id, { type: 'create', id, kind: 'incident', fields: { caller: 'bob', priority: 'P3' } }, { actor: ann })
  }
  setup.close()

  const reports = await Promise.all(Array.from({ length: WORKERS }, (_, worker) => run(path, worker)))

  // How often a worker lost a race (and judged its command again): a number
  // that changes from run to run, reported rather than checked.
  console.log(`lost races, judged again: ${reports.map((r) => r.retried).join(', ')}`)
  // Every command was stored in the end (the workers retry on lost races).
  for (const report of reports) assert.deepEqual(report.failures, [], `worker ${report.worker} gave up`)
  const claimed = reports.flatMap((report) => report.stored.map(([record, version]) => `${record}@${version}`))
  const perWorker = Math.floor(COMMENTS / 10) // field changes: steps 5, 15, 25, ...
  assert.equal(claimed.length, WORKERS * (COMMENTS + perWorker), 'each command made one event')
  assert.equal(new Set(claimed).size, claimed.length, 'no two workers stored the same (record, version)')

  const db = new Database(path, { readonly: true })
  try {
    const stored = db.prepare('SELECT record, version FROM events ORDER BY record, version').all()
    assert.equal(stored.length, RECORDS.length + claimed.length, 'stored events = creations + accepted commands')
    const storedKeys = new Set(stored.map((e) => `${e.record}@${e.version}`))
    for (const key of claimed) assert.ok(storedKeys.has(key), `${key} was reported but is not stored`)
    for (const id of RECORDS) assert.ok(storedKeys.has(`${id}@1`), `${id}'s creation is stored`)

    for (const id of RECORDS) {
      const versions = stored.filter((e) => e.record === id).map((e) => e.version)
      assert.deepEqual(versions, versions.map((_, i) => i + 1), `${id}: versions 1..n without gaps`)
      const row = db.prepare('SELECT version, document FROM records WHERE id = ?').get(id)
      assert.equal(row.version, versions.length, `${id}: the record's version is its last event's`)
      const events = db.prepare('SELECT document FROM events WHERE record = ? ORDER BY version').all(id)
      const replayed = Record.replayJSON(`[${events.map((e) => e.document).join(',')}]`)
      assert.equal(replayed, row.document, `${id}: the stored record is the replay of its stored events`)
      assert.equal(Record.fromJSON(row.document).version, row.version)
    }
  } finally {
    db.close()
  }
})
