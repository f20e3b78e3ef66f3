// Commands per second on records through the binding, and the write path of
// the reference SQLite host next to the same write without the core.
//
// The command is the one a desk gives most: an internal note on an incident in
// progress, as a request handler gives it (the command and context as objects).
//
// - execute: a Record of 50 events already read, the outcome as objects;
// - executeJSON: the record's JSON text in, the outcome's text out;
// - the host's handle (read, decide, then in one IMMEDIATE transaction the
//   events, the record where its version is the one read, the wakeup) on a
//   SQLite file, against the bare write a host would do without rules: read the
//   document, append one event row and update the record where its version
//   matches, in the same transaction shape. The ratio is what the rules add to
//   a stored write.
//
// Not part of the test run. Build the binding in release mode and install the
// host's packages first:
//
//   (cd bindings/node && npx napi build --platform --release)
//   (cd examples/node_host && npm ci)
//   node bindings/node/benchmarks/records.mjs [calls]

import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'

const require = createRequire(import.meta.url)
const { Desk, Record, automationTemplate, automationTemplateNames } = require('../index.js')
const Database = createRequire(new URL('../../../examples/node_host/package.json', import.meta.url))('better-sqlite3')
const { Host } = await import('../../../examples/node_host/host.mjs')

const calls = Number(process.argv[2] ?? 2000)
const ann = { id: 'ann', roles: ['agent'], groups: ['network'] }
const note = { type: 'comment', text: 'Still looking', internal: true }
const t0 = new Date('2026-11-23T09:00:00Z')
const later = new Date('2026-11-24T09:00:00Z')

function rate (call, n) {
  for (let i = 0; i < Math.min(n, 50); i++) call(i)
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) call(i)
  return n / (Number(process.hrtime.bigint() - start) / 1e9)
}

const desk = new Desk({ automation: automationTemplateNames().map(automationTemplate) })
let outcome = desk.execute(null, { type: 'create', id: 'INC-1', kind: 'incident', fields: { caller: 'bob', priority: 'P3' } }, { actor: ann, now: t0 })
const steps = [{ type: 'assign', assignment_group: 'network', assigned_to: 'ann' }, { type: 'transition', transition: 'start' }]
while (outcome.record.version < 50) outcome = desk.execute(outcome.record, steps.shift() ?? note, { actor: ann, now: t0 })
const record = Record.fromJSON(outcome.record)
const text = record.toJSONString()
const context = { actor: ann, now: later }
const contextText = JSON.stringify(context)
const noteText = JSON.stringify(note)

console.log(`node ${process.version}, ${cpus().length} cpus, ${cpus()[0]?.model ?? ''}`)
console.log(`a record of ${record.version} events (${text.length.toLocaleString('en')} bytes of JSON); ${calls.toLocaleString('en')} calls each`)
const line = (label, value, unit = '/s') => console.log(`  ${label.padEnd(44)}${Math.round(value).toLocaleString('en').padStart(10)}${unit}`)
line('execute (Record in, objects out)', rate(() => desk.execute(record, note, context), calls))
line('executeJSON (JSON text in and out)', rate(() => desk.executeJSON(text, noteText, contextText), calls))

const folder = mkdtempSync(join(tmpdir(), 'itsm-bench-'))
try {
  const host = new Host(join(folder, 'host.sqlite'), { desk })
  host.handle('INC-1', { type: 'create', id: 'INC-1', kind: 'incident', fields: { caller: 'bob', priority: 'P3' } }, { actor: ann, now: t0 })
  let tick = 0
  const ours = rate(() => host.handle('INC-1', note, { actor: ann, now: new Date(later.getTime() + 1000 * tick++) }), Math.floor(calls / 4))
  host.close()

  const db = new Database(join(folder, 'bare.sqlite'))
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE records (id TEXT PRIMARY KEY, version INTEGER, document TEXT);' +
    'CREATE TABLE events (record TEXT, version INTEGER, document TEXT, PRIMARY KEY (record, version))')
  const seed = JSON.parse(desk.executeJSON(null, JSON.stringify({ type: 'create', id: 'INC-1', kind: 'incident', fields: { caller: 'bob', priority: 'P3' } }),
    JSON.stringify({ actor: ann, now: t0 }))).record
  db.prepare('INSERT INTO records VALUES (?, ?, ?)').run('INC-1', 1, JSON.stringify(seed))
  const read = db.prepare('SELECT document, version FROM records WHERE id = ?')
  const insert = db.prepare('INSERT INTO events (record, version, document) VALUES (?, ?, ?)')
  const update = db.prepare('UPDATE records SET version = ?, document = ? WHERE id = ? AND version = ?')
  const write = db.transaction((id, at) => {
    const row = read.get(id)
    const doc = JSON.parse(row.document)
    const version = row.version + 1
    const event = { record: id, version, at, actor: 'ann', type: 'commented', text: note.text, internal: true, schema_version: 1 }
    doc.version = version
    doc.history.events.push({ at, type: 'commented', actor: 'ann' })
    insert.run(id, version, JSON.stringify(event))
    update.run(version, JSON.stringify(doc), id, row.version)
  })
  const theirs = rate(() => write.immediate('INC-1', '2026-11-24T09:00:00.000Z'), Math.floor(calls / 4))
  db.close()
  line('SQLite host handle (rules and write)', ours)
  line('the same write without rules', theirs)
  console.log(`  ${'ratio (without / with)'.padEnd(44)}${(theirs / ours).toFixed(2).padStart(10)}x`)
} finally {
  rmSync(folder, { recursive: true, force: true })
}
