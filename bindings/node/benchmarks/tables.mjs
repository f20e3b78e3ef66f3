// Tickets per second through the Node table paths: a seeded table of tickets
// (one business-time resolution clock with pauses, Berlin office hours) as an
// Arrow IPC stream through evaluateArrow (the IPC read and write included),
// and the same tickets as row objects through evaluateRows.
//
// Not part of the test run. Build the binding in release mode first:
//
//   (cd bindings/node && npx napi build --platform --release)
//   node bindings/node/benchmarks/tables.mjs [tickets]

import { createRequire } from 'node:module'
import { cpus } from 'node:os'

import { Field, List, Struct, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow'

const require = createRequire(import.meta.url)
const { PolicySet } = require('../index.js')

const count = Number(process.argv[2] ?? 200_000)
const UTC_MS = new TimestampMillisecond('UTC')
const policies = PolicySet.fromJSON({
  calendars: {
    office: {
      time_zone: 'Europe/Berlin',
      week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]])),
      holidays: [{ annual: '01-01' }, { easter: -2 }, { easter: 1 }, { annual: '05-01' }],
    },
  },
  policies: [{
    id: 'by_priority', applies: { always: true },
    metrics: [{
      id: 'resolution', calendar: 'office',
      goal: { by: 'priority', values: { P1: { business: 'PT4H' }, P2: { business: 'PT8H' }, P3: { business: 'PT24H' } }, default: { business: 'PT40H' } },
      start: { always: true }, stop: { state_in: ['resolved'] }, pause: { state_in: ['on_hold'] },
      thresholds: [{ name: 'warning', percent: 75 }],
    }],
  }],
})

/** A seeded generator (mulberry32), so every run measures the same tickets. */
function generator(seed) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = generator(7)
const start = Date.parse('2026-01-01T00:00:00+01:00')
const tickets = Array.from({ length: count }, (_, i) => {
  const opened = start + Math.floor(random() * 90 * 24 * 60) * 60_000
  let t = opened
  const pauses = []
  if (random() < 0.25) {
    for (let k = 1 + Math.floor(random() * 3); k > 0; k--) {
      const begin = t + (1 + Math.floor(random() * 2 * 24 * 60)) * 60_000
      const end = begin + (60 + Math.floor(random() * 3 * 24 * 60)) * 60_000
      pauses.push({ start: begin, end })
      t = end
    }
  }
  const resolved = random() < 0.9 ? t + (30 + Math.floor(random() * 10 * 24 * 60)) * 60_000 : null
  return { id: `INC${i}`, opened, resolved, pauses, priority: ['P1', 'P2', 'P3', 'P4'][Math.floor(random() * 4)] }
})
const now = new Date('2026-04-01T00:00:00Z')

const pause = new Struct([new Field('start', UTC_MS, true), new Field('end', UTC_MS, true)])
const ipc = tableToIPC(new Table({
  id: vectorFromArray(tickets.map((t) => t.id), new Utf8()),
  opened: vectorFromArray(tickets.map((t) => t.opened), UTC_MS),
  resolved: vectorFromArray(tickets.map((t) => t.resolved), UTC_MS),
  pauses: vectorFromArray(tickets.map((t) => t.pauses), new List(new Field('item', pause, true))),
  priority: vectorFromArray(tickets.map((t) => t.priority), new Utf8()),
}), 'stream')
const rows = tickets.map((t) => ({
  id: t.id, opened: new Date(t.opened), resolved: t.resolved == null ? null : new Date(t.resolved),
  pauses: t.pauses.map((p) => ({ start: new Date(p.start), end: new Date(p.end) })), fields: { priority: t.priority },
}))

function time(name, fn) {
  fn()
  const begin = process.hrtime.bigint()
  fn()
  const seconds = Number(process.hrtime.bigint() - begin) / 1e9
  const rate = count / seconds
  console.log(`${name}: ${count} tickets in ${seconds.toFixed(2)} s, ${Math.round(rate).toLocaleString('en')} tickets/s`)
  return rate
}

console.log(`${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown'}, Node ${process.version}`)
const arrow = time('evaluateArrow (IPC in and out)', () => policies.evaluateArrow(ipc, now))
const arrow2 = time('evaluateArrow, 2 threads', () => policies.evaluateArrow(ipc, now, undefined, 2))
const objects = time('evaluateRows (objects in and out)', () => policies.evaluateRows(rows, now))
console.log(`evaluateArrow is ${(arrow / objects).toFixed(1)}x evaluateRows; 2 threads ${(arrow2 / arrow).toFixed(2)}x 1`)
