// Whole tables in Node: a generated table gives, row for row, what
// PolicySet.evaluate gives on the same tickets as timelines; threads change
// nothing; bad input is refused with the core's code and the column and row
// named.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { Dictionary, Field, Int32, List, Struct, Table, TimestampMillisecond, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow'

import { PolicySet } from '../index.js'

const HOUR = 3_600_000
const UTC_MS = new TimestampMillisecond('UTC')
const office = PolicySet.fromJSON({
  calendars: {
    office: {
      time_zone: 'Europe/Berlin',
      week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]])),
      holidays: [{ easter: -2 }, { easter: 1 }],
    },
  },
  policies: [{
    id: 'by_priority', applies: { always: true },
    metrics: [{
      id: 'resolution', calendar: 'office',
      goal: { by: 'priority', values: { P1: { business: 'PT4H' }, P2: { business: 'PT16H' } }, default: { business: 'PT40H' } },
      start: { always: true }, stop: { state_in: ['resolved'] }, pause: { state_in: ['on_hold'] },
      thresholds: [{ name: 'warning', percent: 75 }],
    }],
  }],
})

/** A small seeded generator (mulberry32), so every run builds the same table. */
function generator(seed) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function tickets(n, seed) {
  const random = generator(seed)
  const start = Date.parse('2026-03-20T00:00:00Z')
  return Array.from({ length: n }, (_, i) => {
    const opened = start + Math.floor(random() * 20 * 24 * 60) * 60_000
    let t = opened
    const pauses = []
    for (let k = Math.floor(random() * 6) - 2; k > 0; k--) {
      const begin = t + Math.floor(random() * 2 * 24 * 60) * 60_000
      const end = begin + (30 + Math.floor(random() * 3 * 24 * 60)) * 60_000
      pauses.push({ start: begin, end })
      t = end
    }
    const resolved = random() < 0.8 ? t + Math.floor(random() * 5 * 24 * 60) * 60_000 : null
    return { id: `T${i}`, opened, resolved, pauses, priority: ['P1', 'P2', 'P3', null][Math.floor(random() * 4)] }
  })
}

function ipcOf(list) {
  const pause = new Struct([new Field('start', UTC_MS, true), new Field('end', UTC_MS, true)])
  return tableToIPC(new Table({
    id: vectorFromArray(list.map((t) => t.id), new Utf8()),
    opened: vectorFromArray(list.map((t) => t.opened), UTC_MS),
    resolved: vectorFromArray(list.map((t) => t.resolved), UTC_MS),
    pauses: vectorFromArray(list.map((t) => t.pauses), new List(new Field('item', pause, true))),
    priority: vectorFromArray(list.map((t) => t.priority), new Utf8()),
  }), 'stream')
}

function timeline(t) {
  const events = []
  for (const p of t.pauses) {
    events.push({ at: new Date(p.start), type: 'paused', set: { state: 'on_hold' } })
    events.push({ at: new Date(p.end), type: 'resumed', set: { state: 'in_progress' } })
  }
  if (t.resolved != null) events.push({ at: new Date(t.resolved), type: 'resolved', set: { state: 'resolved' } })
  const fields = { state: 'new', ...(t.priority ? { priority: t.priority } : {}) }
  return { id: t.id, created_at: new Date(t.opened), fields, events }
}

test('a table gives the numbers of the per-record API', () => {
  const list = tickets(300, 11)
  const now = new Date('2026-04-20T00:00:00Z')
  const { table, summary } = office.evaluateArrow(ipcOf(list), now)
  const results = tableFromIPC(table)
  assert.equal(results.numRows, list.length)
  assert.equal(summary.records, list.length)
  for (let i = 0; i < results.numRows; i++) {
    const row = results.get(i).toJSON()
    const cycle = office.evaluate(timeline(list[row.row]), now, { explain: false }).metrics[0].cycles.at(-1)
    assert.equal(row.status, cycle.status)
    assert.equal(Number(row.elapsed), cycle.elapsed_ms)
    assert.equal(Number(row.deadline), cycle.deadline.getTime())
    assert.equal(row.breached_at == null ? null : Number(row.breached_at), cycle.breached_at?.getTime() ?? null)
  }
})

test('threads change nothing but the time', () => {
  const ipc = ipcOf(tickets(200, 5))
  const now = new Date('2026-04-07T12:00:00Z')
  const one = Buffer.from(office.evaluateArrow(ipc, now).table)
  for (const threads of [2, 3, 8]) assert.deepEqual(Buffer.from(office.evaluateArrow(ipc, now, undefined, threads).table), one)
})

test('rows give what the Arrow table gives', () => {
  const list = tickets(50, 3)
  const now = new Date('2026-04-07T12:00:00Z')
  const rows = list.map((t) => ({
    id: t.id, opened: new Date(t.opened), resolved: t.resolved == null ? null : new Date(t.resolved),
    pauses: t.pauses.map((p) => ({ start: new Date(p.start), end: new Date(p.end) })),
    fields: t.priority ? { priority: t.priority } : {},
  }))
  const fromRows = office.evaluateRows(rows, now)
  const fromArrow = office.evaluateArrow(ipcOf(list), now)
  assert.deepEqual(fromRows.summary, fromArrow.summary)
  assert.ok(fromRows.rows[0].deadline instanceof Date)
  const statuses = tableFromIPC(fromArrow.table).getChild('status').toArray()
  assert.deepEqual(fromRows.rows.map((r) => r.status), [...statuses])
})

function refusal(fn, code, message) {
  assert.throws(fn, (err) => {
    assert.equal(err.code, code)
    if (message !== undefined) assert.equal(err.message, message)
    return true
  })
}

test('bad tables are refused naming the column and row', () => {
  const now = new Date('2026-04-07T12:00:00Z')
  refusal(() => office.evaluateArrow(new Uint8Array([1, 2, 3]), now), 'ITSM_INVALID_INPUT')
  const renamed = tableToIPC(new Table({
    number: vectorFromArray(['A'], new Utf8()),
    opened: vectorFromArray([Date.parse('2026-04-01T08:00:00Z')], UTC_MS),
  }), 'stream')
  refusal(() => office.evaluateArrow(renamed, now), 'ITSM_INVALID_INPUT', 'id: the table has no such column (it has number, opened)')
  assert.equal(office.evaluateArrow(renamed, now, { id: 'number' }).summary.records, 1)
  const naive = tableToIPC(new Table({
    id: vectorFromArray(['A'], new Utf8()),
    opened: vectorFromArray([Date.parse('2026-04-01T08:00:00Z')], new TimestampMillisecond()),
  }), 'stream')
  assert.throws(() => office.evaluateArrow(naive, now), (err) => err.code === 'ITSM_INVALID_INPUT' && err.message.startsWith('opened: naive timestamps') && err.path === 'opened')
  const hole = tableToIPC(new Table({
    id: vectorFromArray(['A', 'B'], new Utf8()),
    opened: vectorFromArray([Date.parse('2026-04-01T08:00:00Z'), null], UTC_MS),
  }), 'stream')
  assert.throws(() => office.evaluateArrow(hole, now), (err) => err.message === 'opened[1]: a value is required' && err.path === 'opened[1]')
})

test('naive timestamps and timestamp text read in the zone the options give', () => {
  const now = new Date('2026-04-07T12:00:00Z')
  const aware = tableToIPC(new Table({
    id: vectorFromArray(['A', 'B'], new Utf8()),
    opened: vectorFromArray([Date.parse('2026-04-02T13:00:00Z'), Date.parse('2026-03-27T15:00:00Z')], UTC_MS),
    priority: vectorFromArray(['P1', 'P2'], new Utf8()),
  }), 'stream')
  const expected = Buffer.from(office.evaluateArrow(aware, now).table)
  // Berlin wall times: 15:00 CEST and 16:00 CET.
  const naive = tableToIPC(new Table({
    id: vectorFromArray(['A', 'B'], new Utf8()),
    opened: vectorFromArray([Date.parse('2026-04-02T15:00:00Z'), Date.parse('2026-03-27T16:00:00Z')], new TimestampMillisecond()),
    priority: vectorFromArray(['P1', 'P2'], new Utf8()),
  }), 'stream')
  assert.deepEqual(Buffer.from(office.evaluateArrow(naive, now, { time_zone: 'Europe/Berlin' }).table), expected)
  const text = tableToIPC(new Table({
    id: vectorFromArray(['A', 'B'], new Utf8()),
    opened: vectorFromArray(['02.04.2026 15:00', '27.03.2026 16:00'], new Utf8()),
    priority: vectorFromArray(['P1', 'P2'], new Utf8()),
  }), 'stream')
  const german = { time_zone: 'Europe/Berlin', time_format: '%d.%m.%Y %H:%M' }
  assert.deepEqual(Buffer.from(office.evaluateArrow(text, now, german).table), expected)
  assert.throws(
    () => office.evaluateArrow(text, now, { time_zone: 'Europe/Berlin' }),
    (err) => err.code === 'ITSM_INVALID_INPUT' && err.path === 'opened[0]' && err.message.startsWith('opened[0]: "02.04.2026 15:00" is not an RFC 3339 instant'),
  )
  assert.throws(
    () => office.evaluateArrow(text, now, { time_zone: 'Mars/Olympus' }),
    (err) => err.code === 'ITSM_INVALID_ARGUMENT' && err.message === 'invalid argument `options.time_zone`: unknown time zone "Mars/Olympus"',
  )
})

test('bad arguments are refused', () => {
  const ipc = ipcOf(tickets(3, 1))
  const now = new Date('2026-04-07T12:00:00Z')
  refusal(() => office.evaluateArrow(ipc, now, { shape: 'columns' }), 'ITSM_INVALID_ARGUMENT')
  refusal(() => office.evaluateArrow(ipc, now, { opend: 'x' }), 'ITSM_INVALID_ARGUMENT')
  refusal(() => office.evaluateArrow(ipc, now, 'tickets'), 'ITSM_INVALID_ARGUMENT')
  for (const threads of [0, -1, 1.5, '2']) refusal(() => office.evaluateArrow(ipc, now, undefined, threads), 'ITSM_INVALID_ARGUMENT')
  refusal(() => office.evaluateArrow(ipc, new Date(NaN)), 'ITSM_INVALID_ARGUMENT')
  refusal(() => office.evaluateRows({ id: 'A' }, now), 'ITSM_INVALID_ARGUMENT', 'invalid argument `rows`: expected an array of rows, found an object')
  assert.throws(() => office.evaluateRows([{ id: 'A', opened: 'yesterday' }], now), (err) => err.code === 'ITSM_INVALID_INPUT' && err.path === 'rows[0].opened')
})

test('damaged IPC bytes are refused as input, never read past their end', () => {
  const now = new Date('2026-04-07T12:00:00Z')
  // Read as a stream, "not " is a message length of 544 MB.
  assert.throws(() => office.evaluateArrow(Buffer.from('not an arrow table'), now), (err) =>
    err.code === 'ITSM_INVALID_INPUT' && err.path === 'table' && err.message.startsWith('table: not an Arrow IPC stream or file: '))
  refusal(() => office.evaluateArrow(new Uint8Array(0), now), 'ITSM_INVALID_INPUT')
  const file = tableToIPC(tableFromIPC(ipcOf(tickets(3, 1))), 'file')
  const footer = Uint8Array.from(file)
  new DataView(footer.buffer).setInt32(footer.length - 10, 0x7fffffff, true)
  refusal(() => office.evaluateArrow(footer, now), 'ITSM_INVALID_INPUT')
  const random = generator(3)
  for (const good of [ipcOf(tickets(3, 1)), file]) {
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from(good)
      let damaged = bytes.subarray(0, Math.floor(random() * bytes.length))
      if (i % 2 === 1) {
        for (let k = 0; k < 3; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
        damaged = bytes
      }
      try {
        office.evaluateArrow(damaged, now)
      } catch (err) {
        assert.ok(err.code === 'ITSM_INVALID_INPUT', `${i}: ${err.code} ${err.message}`)
      }
    }
  }
})

test('an empty table, and a column of nulls with an empty dictionary, as apache-arrow writes them', () => {
  const now = new Date('2026-04-07T12:00:00Z')
  const strings = () => new Dictionary(new Utf8(), new Int32())
  const empty = tableToIPC(new Table({ id: vectorFromArray([], strings()), opened: vectorFromArray([], UTC_MS) }), 'stream')
  const answer = office.evaluateArrow(empty, now)
  assert.deepStrictEqual([tableFromIPC(answer.table).numRows, answer.summary.records], [0, 0])
  const events = tableToIPC(new Table({
    id: vectorFromArray([], strings()),
    at: vectorFromArray([], UTC_MS),
    field: vectorFromArray([], strings()),
    value: vectorFromArray([], strings()),
  }), 'stream')
  assert.equal(office.evaluateArrow(events, now, { shape: 'events' }).summary.records, 0)
  refusal(() => office.evaluateArrow(events, now), 'ITSM_INVALID_INPUT', 'opened: the table has no such column (it has id, at, field, value)')
  const nulls = tableToIPC(new Table({
    id: vectorFromArray(['A', 'B'], new Utf8()),
    opened: vectorFromArray([Date.parse('2026-04-01T08:00:00Z'), Date.parse('2026-04-02T08:00:00Z')], UTC_MS),
    priority: vectorFromArray([null, null], strings()),
  }), 'stream')
  const goals = tableFromIPC(office.evaluateArrow(nulls, now).table).toArray().map((r) => Number(r.goal))
  assert.deepStrictEqual(goals, [40 * HOUR, 40 * HOUR])
})

test('an hour of a paused ticket is not counted', () => {
  const rows = [{ id: 'A', opened: '2026-03-30T07:00:00Z', pauses: [{ start: '2026-03-30T08:00:00Z', end: '2026-03-30T09:00:00Z' }], resolved: '2026-03-30T10:00:00Z' }]
  const [row] = office.evaluateRows(rows, new Date('2026-03-30T12:00:00Z')).rows
  assert.equal(row.elapsed_ms, 2 * HOUR)
  assert.equal(row.paused_ms, HOUR)
})
