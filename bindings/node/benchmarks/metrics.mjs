// A month's metrics over a year's export of tickets, from Node: the whole
// report through reportArrow (an Arrow IPC stream, its read included) and
// through report (row objects with Date fields), against the six ticket
// figures (MTTA, MTTR, SLA compliance, reopen rate, first-assignment
// resolution, reassignments per ticket) written as a plain JavaScript loop,
// which a backend would write instead. The loop's numerators and denominators
// must equal the report's, or the run fails.
//
// Not part of the test run. Build the binding in release mode first:
//
//   (cd bindings/node && npx napi build --platform --release)
//   node bindings/node/benchmarks/metrics.mjs [tickets]

import { createRequire } from 'node:module'

import { Int32, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow'

import { median } from './timing.mjs'

const require = createRequire(import.meta.url)
const { Metrics } = require('../index.js')

const count = Number(process.argv[2] ?? 1_000_000)
const MINUTE = 60_000
let seed = 11
const random = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
}
const maybe = (share, value) => (random(1000) < share * 1000 ? value : null)

const yearStart = Date.UTC(2026, 0, 1)
const rows = Array.from({ length: count }, (_, n) => {
  const created = yearStart + random(365 * 24 * 60) * MINUTE
  const resolved = maybe(0.9, created + random(7 * 24 * 60) * MINUTE)
  const closed = resolved === null ? null : maybe(0.75, resolved + random(3 * 24 * 60) * MINUTE)
  return {
    id: `INC${n}`,
    kind: 'incident',
    created_at: created,
    acknowledged_at: maybe(0.8, created + random(240) * MINUTE),
    resolved_at: resolved,
    closed_at: closed,
    due_at: maybe(0.75, created + random(3 * 24 * 60) * MINUTE),
    reopened: random(30) === 0 ? 1 : 0,
    reassignments: random(3) === 0 ? random(4) : 0,
  }
})
const asDate = (ms) => (ms === null ? null : new Date(ms))
const objects = rows.map((r) => ({
  ...r,
  created_at: asDate(r.created_at),
  acknowledged_at: asDate(r.acknowledged_at),
  resolved_at: asDate(r.resolved_at),
  closed_at: asDate(r.closed_at),
  due_at: asDate(r.due_at),
}))
const UTC = new TimestampMillisecond('UTC')
const column = (name, type) => vectorFromArray(rows.map((r) => r[name]), type)
const ipc = tableToIPC(new Table({
  id: column('id', new Utf8()),
  kind: column('kind', new Utf8()),
  created_at: column('created_at', UTC),
  acknowledged_at: column('acknowledged_at', UTC),
  resolved_at: column('resolved_at', UTC),
  closed_at: column('closed_at', UTC),
  due_at: column('due_at', UTC),
  reopened: column('reopened', new Int32()),
  reassignments: column('reassignments', new Int32()),
}), 'stream')

const now = new Date('2027-01-01T00:00:00Z')
const june = { month: '2026-06' }
const [from, to] = [Date.UTC(2026, 5, 1), Date.UTC(2026, 6, 1)]

function byHand() {
  const sums = Array.from({ length: 6 }, () => [0, 0])
  for (const r of rows) {
    if (r.created_at < from || r.created_at >= to) continue
    if (r.acknowledged_at !== null) {
      sums[0][0] += r.acknowledged_at - r.created_at
      sums[0][1] += 1
    }
    const resolution = r.resolved_at ?? r.closed_at
    if (r.closed_at !== null) {
      sums[1][0] += resolution - r.created_at
      sums[1][1] += 1
      if (r.due_at !== null) {
        sums[2][0] += resolution <= r.due_at ? 1 : 0
        sums[2][1] += 1
      }
    }
    if (resolution !== null) {
      sums[3][0] += r.reopened > 0 ? 1 : 0
      sums[4][0] += r.reassignments === 0 ? 1 : 0
      sums[5][0] += r.reassignments
      for (const s of sums.slice(3)) s[1] += 1
    }
  }
  return sums
}

const metrics = Metrics.fromJSON({})
const [handS, hand] = median(byHand, 5)
const [arrowS, fromArrow] = median(() => metrics.reportArrow(ipc, june, now), 5)
const [rowsS, fromRows] = median(() => metrics.report(objects, june, now), 3)
const names = ['mtta_ms', 'mttr_ms', 'sla_compliance', 'reopen_rate', 'first_assignment_resolution', 'reassignments_per_ticket']
names.forEach((name, i) => {
  const figure = fromArrow[name]
  if (figure.numerator !== hand[i][0] || figure.denominator !== hand[i][1]) {
    throw new Error(`${name}: report ${figure.numerator}/${figure.denominator}, by hand ${hand[i][0]}/${hand[i][1]}`)
  }
})
if (JSON.stringify(fromArrow) !== JSON.stringify(fromRows)) throw new Error('reportArrow and report disagree')

console.log(`${count.toLocaleString()} tickets, June: ${fromArrow.tickets.toLocaleString()} tickets`)
console.log(`plain JS loop, six figures       ${handS.toFixed(3)} s`)
console.log(`reportArrow (whole report)       ${arrowS.toFixed(3)} s  (${(arrowS / handS).toFixed(1)}x the loop)`)
console.log(`report over row objects          ${rowsS.toFixed(3)} s  (${(rowsS / handS).toFixed(1)}x the loop)`)
