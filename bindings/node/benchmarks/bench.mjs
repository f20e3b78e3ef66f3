// Throughput of SLA batch evaluation and calendar queries from Node.
//
// Build the addon in release mode first (`npx napi build --platform --release`
// in bindings/node), then run: node bindings/node/benchmarks/bench.mjs [records]
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { Calendar, PolicySet, Timeline } = require('../index.js')

let seed = 3
const random = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
}
const iso = (ms) => new Date(ms).toISOString()

function timeline(n) {
  let t = Date.UTC(2026, 0, 1) + random(360 * 24 * 60) * 60_000
  const created = t
  const events = []
  const step = (minutes, type, set) => {
    t += (1 + random(minutes)) * 60_000
    events.push({ at: iso(t), type, set })
  }
  step(30, 'assigned', { state: 'assigned', assignment_group: 'network' })
  step(240, 'update', { state: 'in_progress' })
  step(600, 'update', { state: 'on_hold', hold_reason: 'awaiting_caller' })
  step(1440, 'public_comment', {})
  step(1, 'update', { state: 'in_progress', hold_reason: null })
  step(1440, 'update', { state: 'resolved' })
  step(4320, 'update', { state: 'closed' })
  const priority = ['P1', 'P2', 'P3', 'P4'][random(4)]
  return { id: `INC${n}`, created_at: iso(created), fields: { state: 'new', priority }, events }
}

const records = Number(process.argv[2] ?? 100_000)
const timelines = Array.from({ length: records }, (_, n) => Timeline.fromJSON(timeline(n)))
const policies = PolicySet.template('itil_incident')
const now = new Date('2027-01-15T00:00:00Z')
policies.evaluateBatch(timelines.slice(0, 1000), now)
let start = performance.now()
const results = policies.evaluateBatch(timelines, now)
let seconds = (performance.now() - start) / 1000
if (results.length !== records || results.some((r) => 'error' in r)) throw new Error('a record failed')
console.log(`evaluateBatch: ${records} records in ${seconds.toFixed(2)} s, ${Math.round(records / seconds)} records/s`)

const week = Object.fromEntries(['mon', 'tue', 'wed', 'thu'].map((d) => [d, [['08:00', '12:30'], ['13:30', '17:00']]]))
const calendar = Calendar.fromJSON({
  time_zone: 'Europe/Berlin',
  week: { ...week, fri: [['08:00', '14:00']] },
  holidays: [{ easter: -2 }, { easter: 1 }, { annual: '12-25' }],
})
const calls = 200_000
const starts = Array.from({ length: calls }, () => new Date(Date.UTC(2025, 0, 1) + random(3 * 365 * 24 * 60) * 60_000))
const ends = starts.map((s) => new Date(s.getTime() + random(30 * 24 * 60) * 60_000))
start = performance.now()
for (let i = 0; i < calls; i++) calendar.businessDuration(starts[i], ends[i])
seconds = (performance.now() - start) / 1000
console.log(`businessDuration: ${calls} calls in ${seconds.toFixed(2)} s, ${Math.round(calls / seconds)} calls/s`)
