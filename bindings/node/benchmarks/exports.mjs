// An audit export read as it comes, from Node: a ServiceNow-style export of
// one row per update with every current value, states and priorities in the
// system's words, evaluated through evaluateArrow with the snapshots shape and
// a mapping, against what a backend would write instead: a plain JavaScript
// pass that maps the values and diffs each ticket's rows into an event log,
// then evaluateArrow on the events shape. Both must give the same result
// rows, or the run fails.
//
// Not part of the test run. Build the binding in release mode first:
//
//   (cd bindings/node && npx napi build --platform --release)
//   node bindings/node/benchmarks/exports.mjs [tickets]

import { createRequire } from 'node:module'

import { Int64, Table, TimestampMillisecond, Utf8, tableFromIPC, tableToIPC, vectorFromArray } from 'apache-arrow'

import { median } from './timing.mjs'

const require = createRequire(import.meta.url)
const { PolicySet } = require('../index.js')

const tickets = Number(process.argv[2] ?? 200_000)
const UPDATES = 5
const MINUTE = 60_000
let seed = 7
const random = (n) => {
  seed = (seed * 1103515245 + 12345) % 2147483648
  return seed % n
}

const STATES = ['New', 'In Progress', 'Awaiting User Info', 'Awaiting Vendor', 'Resolved']
const PRIORITIES = ['1 - Critical', '2 - High', '3 - Moderate', '4 - Low']
const STATE_MAP = {
  New: 'new',
  'In Progress': 'in_progress',
  'Awaiting User Info': { state: 'on_hold', hold_reason: 'awaiting_caller' },
  'Awaiting Vendor': { state: 'on_hold', hold_reason: 'awaiting_vendor' },
  Resolved: 'resolved',
}
const PRIORITY_MAP = Object.fromEntries(PRIORITIES.map((text, n) => [text, `P${n + 1}`]))

// Each ticket: New, three updates, then Resolved, minutes to days apart;
// rows of all tickets interleaved by time.
const rows = []
for (let t = 0; t < tickets; t++) {
  let at = Date.UTC(2026, 0, 1) + random(120 * 24 * 60) * MINUTE
  const priority = PRIORITIES[random(4)]
  for (let u = 0; u < UPDATES; u++) {
    const state = u === 0 ? STATES[0] : u === UPDATES - 1 ? STATES[4] : STATES[1 + random(3)]
    rows.push({ number: `INC${String(t).padStart(7, '0')}`, at, order: u, state, priority })
    at += (1 + random(3 * 24 * 60)) * MINUTE
  }
}
rows.sort((a, b) => a.at - b.at)

const UTC = new TimestampMillisecond('UTC')
const texts = (values) => vectorFromArray(values, new Utf8())
const exportIpc = tableToIPC(new Table({
  number: texts(rows.map((r) => r.number)),
  sys_updated_on: vectorFromArray(rows.map((r) => r.at), UTC),
  sys_mod_count: vectorFromArray(rows.map((r) => BigInt(r.order)), new Int64()),
  incident_state: texts(rows.map((r) => r.state)),
  u_priority: texts(rows.map((r) => r.priority)),
}), 'stream')

const options = {
  shape: 'snapshots', id: 'number', at: 'sys_updated_on', order: 'sys_mod_count',
  field_names: { incident_state: 'state', u_priority: 'priority' },
  values: { state: STATE_MAP, priority: PRIORITY_MAP },
}

/** What a backend writes without the snapshots shape: map, group, diff into an event log. */
function eventLog() {
  const byTicket = new Map()
  for (const r of rows) {
    let list = byTicket.get(r.number)
    if (!list) byTicket.set(r.number, (list = []))
    list.push(r)
  }
  const events = { id: [], at: [], order: [], field: [], value: [] }
  const push = (r, field, value) => {
    events.id.push(r.number)
    events.at.push(r.at)
    events.order.push(BigInt(r.order))
    events.field.push(field)
    events.value.push(value)
  }
  for (const list of byTicket.values()) {
    list.sort((a, b) => a.order - b.order)
    let before = null
    for (const r of list) {
      const mapped = STATE_MAP[r.state]
      const now = {
        state: typeof mapped === 'string' ? mapped : mapped.state,
        hold_reason: typeof mapped === 'string' ? null : mapped.hold_reason,
        priority: PRIORITY_MAP[r.priority],
      }
      for (const field of ['state', 'hold_reason', 'priority']) {
        if (before === null ? now[field] !== null : now[field] !== before[field]) push(r, field, now[field])
      }
      before = now
    }
  }
  return tableToIPC(new Table({
    id: texts(events.id),
    at: vectorFromArray(events.at, UTC),
    order: vectorFromArray(events.order, new Int64()),
    field: texts(events.field),
    value: texts(events.value),
  }), 'stream')
}

/** Result rows keyed by ticket and metric: the two paths number tickets apart. */
function comparable(ipc) {
  const table = tableFromIPC(ipc)
  const keys = []
  for (let i = 0; i < table.numRows; i++) {
    const r = table.get(i).toJSON()
    keys.push(`${r.record} ${r.metric} ${r.status} ${r.elapsed} ${r.paused} ${r.deadline} ${r.breached_at}`)
  }
  return keys.sort().join('\n')
}

const set = PolicySet.template('itil_incident')
const now = new Date('2026-06-01T00:00:00Z')
const [oursS, ours] = median(() => set.evaluateArrow(exportIpc, now, options), 3)
const [prepareS, log] = median(eventLog, 3)
const [eventsS, hand] = median(() => set.evaluateArrow(log, now, { shape: 'events', order: 'order' }), 3)
const handS = prepareS + eventsS
if (comparable(ours.table) !== comparable(hand.table)) throw new Error('the snapshots shape and the JavaScript preparation disagree')

console.log(`${rows.length.toLocaleString()} audit rows, ${tickets.toLocaleString()} tickets, ${ours.summary.clocks.toLocaleString()} clocks; both paths agree`)
console.log(`evaluateArrow, snapshots shape with the mapping       ${oursS.toFixed(3)} s`)
console.log(`JS map + diff into an event log (Arrow IPC)           ${prepareS.toFixed(3)} s`)
console.log(`evaluateArrow, events shape, on that log               ${eventsS.toFixed(3)} s`)
console.log(`the two together                                       ${handS.toFixed(3)} s  (${(handS / oursS).toFixed(1)}x)`)
