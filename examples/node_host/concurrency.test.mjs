// Four processes write to the same three records in one SQLite file at once,
// each adding 50 comments and a few field changes through Host.handle.
// Afterwards the file must hold exactly the three creations and every event
// the workers say they stored: no (record, version) missing or doubled,
// versions 1..n without gaps, and every stored record equal (as canonical
// JSON text) to the replay of its stored events.
//
// Then four processes wake the same due records at the same moment (incidents
// resolved a week earlier, on a desk that closes them after seven days): each
// record is closed once, its automatic note written at most once, and every
// queued follow-up given by exactly one process or found refused.

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

const { Desk, Record, automationTemplate } = itsm

/** The desk of the wake test (as concurrency-worker.mjs makes it): incidents close seven days after resolution. */
const closingDesk = () => new Desk({ automation: [automationTemplate('auto_close')] })

const WORKERS = 4
const COMMENTS = 50
const RECORDS = ['INC-1', 'INC-2', 'INC-3']

const dir = mkdtempSync(join(tmpdir(), 'itsm-host-'))
after(() => rmSync(dir, { recursive: true, force: true }))

/** Runs one worker process with `args`; resolves with its report. */
function run(worker, args) {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./concurrency-worker.mjs', import.meta.url)), args)
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

  const reports = await Promise.all(
    Array.from({ length: WORKERS }, (_, worker) =>
      run(worker, ['write', path, String(worker), RECORDS.join(','), String(COMMENTS)]),
    ),
  )

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

test(`${WORKERS} processes wake the same due records at once`, { timeout: 120_000 }, async () => {
  const path = join(dir, 'wake.sqlite')
  let now = Date.UTC(2026, 10, 23, 9)
  const setup = new Host(path, { desk: closingDesk(), clock: () => new Date((now += 60_000)) })
  const ann = { id: 'ann', roles: ['agent'], groups: ['network'] }
  const resolve = { type: 'transition', transition: 'resolve', set: { resolution_code: 'duplicate', resolution_notes: 'see INC-1' } }
  for (const id of RECORDS) {
    setup.handle(id, { type: 'create', id, kind: 'incident', fields: { caller: 'bob' } }, { actor: ann })
    setup.handle(id, resolve, { actor: ann })
  }
  const weekLater = new Date(now + 8 * 86_400_000)
  assert.deepEqual(setup.due(weekLater).map((d) => d.record), RECORDS)
  setup.close()

  const reports = await Promise.all(
    Array.from({ length: WORKERS }, (_, worker) => run(worker, ['wake', path, String(worker), weekLater.toISOString()])),
  )

  const claimed = reports.flatMap((report) => report.stored.map(([record, version]) => `${record}@${version}`))
  assert.equal(new Set(claimed).size, claimed.length, 'no two workers stored the same (record, version)')
  const refused = reports.flatMap((report) => report.refused)
  const db = new Database(path, { readonly: true })
  try {
    assert.equal(db.prepare('SELECT count(*) AS n FROM queue').get().n, 0, 'the queue is empty')
    assert.equal(db.prepare('SELECT count(*) AS n FROM wakeups').get().n, 0, 'closed records need no wakeup')
    let given = 0
    for (const id of RECORDS) {
      const events = db.prepare('SELECT version, document FROM events WHERE record = ? ORDER BY version').all(id)
      assert.deepEqual(events.map((e) => e.version), events.map((_, i) => i + 1), `${id}: versions 1..n without gaps`)
      const system = events.slice(2).map((e) => JSON.parse(e.document))
      const notes = system.filter((e) => e.type === 'commented')
      const closes = system.filter((e) => e.type === 'transitioned' && e.to === 'closed')
      assert.equal(closes.length, 1, `${id} is closed once`)
      assert.ok(notes.length <= 1, `${id}'s automatic note is written at most once`)
      assert.ok(system.every((e) => e.actor === 'system'), `${id}: the wake acted as the system actor`)
      given += system.length
      const row = db.prepare('SELECT document FROM records WHERE id = ?').get(id)
      assert.equal(Record.replayJSON(`[${events.map((e) => e.document).join(',')}]`), row.document)
      assert.equal(Record.fromJSON(row.document).state, 'closed')
    }
    console.log(`wake: ${given} follow-ups given, ${refused.length} refused, by workers ${reports.map((r) => r.stored.length).join(", ")}`)
    // Two follow-ups were queued per record (the note, then the close): each
    // was given once or, when the close came first, found refused.
    assert.equal(given + refused.length, 2 * RECORDS.length, `given ${given}, refused ${JSON.stringify(refused)}`)
    assert.equal(claimed.length, given, 'the workers report what they stored')
  } finally {
    db.close()
  }
})
