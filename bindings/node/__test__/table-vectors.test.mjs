// Runs every conformance vector in tests/vectors/tables/ (tests/vectors/README.md,
// "Table vectors") twice: the rows as JSON text through evaluateRowsJSON,
// compared exactly with `expect` (or the thrown error with the expected error
// document), and the same rows as an Arrow table (apache-arrow, written as IPC)
// through evaluateArrow, whose result read back gives the same rows and
// summary, or, for a refused table, the same error code.

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { Field, Int64, List, Struct, Table, TimestampMillisecond, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow'

import { PolicySet } from '../index.js'
import { vectorFiles } from './vector-support.mjs'

const instant = (text) => (text == null ? null : new Date(text).getTime())
const UTC_MS = new TimestampMillisecond('UTC')

function policies(doc) {
  return doc.template ? PolicySet.template(doc.template) : PolicySet.fromJSON(doc.policies)
}

/** The rows as the Arrow table an export would be, written as an IPC stream. */
function arrowTable(rows, shape) {
  const timestamps = (values) => vectorFromArray(values, UTC_MS)
  const texts = (values) => vectorFromArray(values, new Utf8())
  if (shape === 'events') {
    const columns = {
      id: texts(rows.map((r) => r.id)),
      at: timestamps(rows.map((r) => instant(r.at))),
      // A field name that is not text stays what it is, for the core to refuse.
      field: rows.every((r) => typeof (r.field ?? '') === 'string')
        ? texts(rows.map((r) => r.field ?? null))
        : vectorFromArray(rows.map((r) => r.field ?? null)),
      value: texts(rows.map((r) => r.value ?? null)),
      type: texts(rows.map((r) => r.type ?? null)),
    }
    if (rows.some((r) => 'created' in r)) columns.created = timestamps(rows.map((r) => instant(r.created)))
    if (rows.some((r) => 'order' in r)) columns.order = vectorFromArray(rows.map((r) => (r.order == null ? null : BigInt(r.order))), new Int64())
    return tableToIPC(new Table(columns), 'stream')
  }
  if (shape === 'snapshots') {
    const columns = {
      id: texts(rows.map((r) => r.id)),
      at: timestamps(rows.map((r) => instant(r.at))),
    }
    if (rows.some((r) => 'created' in r)) columns.created = timestamps(rows.map((r) => instant(r.created)))
    if (rows.some((r) => 'order' in r)) columns.order = vectorFromArray(rows.map((r) => (r.order == null ? null : BigInt(r.order))), new Int64())
    const names = [...new Set(rows.flatMap((r) => Object.keys(r.fields ?? {})))].sort()
    for (const name of names) columns[name] = texts(rows.map((r) => r.fields?.[name] ?? null))
    return tableToIPC(new Table(columns), 'stream')
  }
  const pause = new Struct([new Field('start', UTC_MS, true), new Field('end', UTC_MS, true)])
  const columns = {
    id: texts(rows.map((r) => r.id)),
    opened: timestamps(rows.map((r) => instant(r.opened))),
    resolved: timestamps(rows.map((r) => instant(r.resolved))),
    pauses: vectorFromArray(
      rows.map((r) => (r.pauses ?? []).map((p) => ({ start: instant(p.start), end: instant(p.end) }))),
      new List(new Field('item', pause, true)),
    ),
  }
  const names = [...new Set(rows.flatMap((r) => Object.keys(r.fields ?? {})))].sort()
  for (const name of names) columns[name] = texts(rows.map((r) => r.fields?.[name] ?? null))
  return tableToIPC(new Table(columns), 'stream')
}

const canonical = (ms) => (ms == null ? null : new Date(Number(ms)).toISOString())

/** The result table read back as TableRow documents (JSON data). */
function rowsOf(ipc) {
  const table = tableFromIPC(ipc)
  const rows = []
  for (let i = 0; i < table.numRows; i++) {
    const r = table.get(i).toJSON()
    const error = r.error_code == null ? null : { code: r.error_code, message: r.error_message }
    if (error && r.error_path != null) error.path = r.error_path
    const row = {
      row: r.row, record: r.record, policy: r.policy, metric: r.metric, cycle: r.cycle, status: r.status,
      percent: r.percent, breached: r.breached, ever_breached: r.ever_breached,
      thresholds_crossed: r.thresholds_crossed ? [...r.thresholds_crossed] : [], warnings: r.warnings, error,
    }
    for (const name of ['started_at', 'stopped_at', 'deadline', 'original_deadline', 'breached_at', 'next_wakeup']) {
      row[name] = canonical(r[name])
    }
    for (const name of ['elapsed', 'elapsed_wall', 'paused', 'goal', 'remaining', 'remaining_wall', 'overrun']) {
      row[`${name}_ms`] = r[name] == null ? null : Number(r[name])
    }
    rows.push(row)
  }
  return rows
}

const withoutDetails = ({ details, ...rest }) => rest
const sorted = (value) =>
  Array.isArray(value)
    ? value.map(sorted)
    : value && typeof value === 'object'
      ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted(value[k])]))
      : value

let cases = 0
for (const { name, vectors: doc } of vectorFiles('tables')) {
  const set = policies(doc)
  describe(name, () => {
    for (const c of doc.cases) {
      cases += 1
      const now = new Date(c.now)
      test(`${c.name} (rows)`, () => {
        if (c.expect.error) {
          assert.throws(
            () => set.evaluateRowsJSON(JSON.stringify(c.rows), now, c.options),
            (err) => {
              assert.equal(err.code, `ITSM_${c.expect.error.code.toUpperCase()}`)
              assert.equal(err.message, c.expect.error.message)
              assert.equal(err.path, c.expect.error.path)
              assert.deepEqual(err.details, c.expect.error.details)
              return true
            },
          )
          return
        }
        const text = set.evaluateRowsJSON(JSON.stringify(c.rows), now, c.options)
        assert.deepEqual(JSON.parse(text), c.expect)
        // The object form is the same document, instants as Dates.
        assert.deepEqual(JSON.parse(JSON.stringify(set.evaluateRows(c.rows, now, c.options))), c.expect)
      })
      test(`${c.name} (Arrow)`, () => {
        const shape = c.options?.shape ?? 'tickets'
        // Rows carry their creation and order under fixed keys; a table names the columns.
        let options = c.options
        for (const column of ['created', 'order']) {
          if ((shape === 'events' || shape === 'snapshots') && c.rows.some((r) => column in r)) {
            options = { [column]: column, ...options }
          }
        }
        let ipc
        try {
          ipc = arrowTable(c.rows, shape)
        } catch (error) {
          assert.ok(c.expect.error, `the rows make no Arrow table (${error}), yet the case expects results`)
          return
        }
        if (c.expect.error) {
          assert.throws(() => set.evaluateArrow(ipc, now, options), (err) => {
            assert.equal(err.code, `ITSM_${c.expect.error.code.toUpperCase()}`)
            return true
          })
          return
        }
        const { table, summary } = set.evaluateArrow(ipc, now, options)
        assert.deepEqual(summary, c.expect.summary)
        const expected = c.expect.rows.map((row) => ({ ...row, error: row.error ? withoutDetails(row.error) : null }))
        assert.deepEqual(sorted(rowsOf(table)), sorted(expected))
        for (const threads of [2, 3]) {
          assert.deepEqual(Buffer.from(set.evaluateArrow(ipc, now, options, threads).table), Buffer.from(table))
        }
      })
    }
  })
}

test('the table vectors were found', () => {
  assert.ok(cases >= 11, `only ${cases} table vectors`)
})
