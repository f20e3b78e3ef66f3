// Workflow validations per second from Node: the built-in incident workflow
// through the binding (the fast path `reasonsAgainst` on a reused
// WorkflowContext, allowed and refused moves apart, and the plain `validate`
// and `allows` calls that read a record object and a context object each
// time), next to xstate's `can()` on a machine with the same states,
// transitions and equivalent guards, and a plain object lookup
// `table[state][transition]` (no guards at all) as the floor.
//
// Build the addon in release mode first (`npx napi build --platform --release`
// in bindings/node), then run: node bindings/node/benchmarks/validate.mjs [calls]
import { createRequire } from 'node:module'
import { availableParallelism, cpus, loadavg } from 'node:os'

const require = createRequire(import.meta.url)
const { Workflow, WorkflowContext } = require('../index.js')
const { createMachine } = require('xstate')

const calls = Number(process.argv[2] ?? 2_000_000)
const incident = Workflow.builtin('incident')
const doc = Workflow.builtinDocument('incident')

// Two situations: a complete record handled by an agent of its group (the
// moves below are allowed), and a bare record handled by an actor with no
// role (refused, with one to three reasons each).
const fullRecord = {
  caller: 'bob',
  assignment_group: 'network',
  assigned_to: 'ann',
  hold_reason: 'awaiting_caller',
  resolution_code: 'solved_permanently',
  resolution_notes: 'replaced the switch',
  cancel_reason: 'raised twice',
}
const agent = { id: 'ann', roles: ['agent'], groups: ['network'] }
const bareRecord = { caller: 'bob' }
const stranger = { id: 'zed', roles: [], groups: ['hr'] }

const allowedMoves = [
  ['new', 'assign'],
  ['assigned', 'start'],
  ['in_progress', 'hold'],
  ['on_hold', 'change_hold_reason'],
  ['on_hold', 'resume'],
  ['in_progress', 'resolve'],
  ['resolved', 'reopen'],
  ['resolved', 'close'],
]
const refusedMoves = [
  ['new', 'assign'],
  ['assigned', 'start'],
  ['in_progress', 'hold'],
  ['in_progress', 'resolve'],
  ['on_hold', 'resume'],
  ['new', 'close'],
  ['closed', 'reopen'],
  ['cancelled', 'start'],
]

// --- the binding ------------------------------------------------------------

const allowedContext = new WorkflowContext({ actor: agent }, fullRecord)
const refusedContext = new WorkflowContext({ actor: stranger }, bareRecord)
for (const [state, request] of allowedMoves) {
  if (incident.reasonsAgainst(state, request, allowedContext).length !== 0) throw new Error(`${state} ${request} refused`)
}
for (const [state, request] of refusedMoves) {
  if (incident.reasonsAgainst(state, request, refusedContext).length === 0) throw new Error(`${state} ${request} allowed`)
}

/**
 * The benchmarks, run in interleaved rounds so that a change in the machine's
 * load during the run weighs on all of them alike; each reports its best
 * round. `calls` is the number of calls of a round of the fast path; slower
 * benchmarks run a fraction of it (`share`).
 */
const benchmarks = []
function bench(name, body, share = 1) {
  benchmarks.push({ name, body, n: Math.max(1000, Math.round((calls / ROUNDS) * share)), best: 0 })
}
const ROUNDS = 5

function runAll() {
  for (const b of benchmarks) for (let i = 0; i < Math.min(b.n, 100_000); i++) b.body(i)
  let sink = 0
  for (let round = 0; round < ROUNDS; round++) {
    for (const b of benchmarks) {
      const start = performance.now()
      for (let i = 0; i < b.n; i++) sink += b.body(i)
      const perSecond = b.n / ((performance.now() - start) / 1000)
      if (perSecond > b.best) b.best = perSecond
    }
  }
  if (sink < 0) console.log(sink)
  return Object.fromEntries(benchmarks.map((b) => [b.name, b.best]))
}

/** The moves as two arrays, so that a loop indexes them without destructuring. */
const split = (moves) => [moves.map(([s]) => s), moves.map(([, t]) => t)]
const [allowedStates, allowedRequests] = split(allowedMoves)
const [refusedStates, refusedRequests] = split(refusedMoves)
const mask = 7 // both lists have 8 moves

bench('reasonsAgainst, allowed', (i) =>
  incident.reasonsAgainst(allowedStates[i & mask], allowedRequests[i & mask], allowedContext).length,
)
bench(
  'reasonsAgainst, refused',
  (i) => incident.reasonsAgainst(refusedStates[i & mask], refusedRequests[i & mask], refusedContext).length,
  1 / 8,
)
const allowedRecords = allowedMoves.map(([state]) => ({ ...fullRecord, state }))
const refusedRecords = refusedMoves.map(([state]) => ({ ...bareRecord, state }))
const agentContext = { actor: agent }
const strangerContext = { actor: stranger }
bench(
  'allows (objects), allowed',
  (i) => (incident.allows(allowedRecords[i & mask], allowedRequests[i & mask], agentContext) ? 1 : 0),
  1 / 32,
)
bench(
  'validate (objects), allowed',
  (i) => incident.validate(allowedRecords[i & mask], allowedRequests[i & mask], agentContext).reasons.length,
  1 / 32,
)
bench(
  'validate (objects), refused',
  (i) => incident.validate(refusedRecords[i & mask], refusedRequests[i & mask], strangerContext).reasons.length,
  1 / 32,
)

// --- xstate: the same machine, guards written as JavaScript ------------------

const fieldDefinitions = Object.fromEntries(doc.fields.map((f) => [f.id, f]))
const isSet = (value) => value !== undefined && value !== null && !(typeof value === 'string' && value.trim() === '')

/** A guard function equivalent to the workflow's guard document. */
function guardOf(guard) {
  if (guard.actor_has_role) {
    const roles = guard.actor_has_role
    return ({ actor }) => actor.roles.some((r) => roles.includes(r))
  }
  if (guard.actor_in_record_group) {
    const field = guard.actor_in_record_group
    return ({ actor, record }) => actor.groups.includes(record[field])
  }
  if (guard.actor_is) {
    const field = guard.actor_is
    return ({ actor, record }) => actor.id === record[field]
  }
  if (guard.field_eq) {
    const { field, value } = guard.field_eq
    return ({ record }) => record[field] === value
  }
  if (guard.any) {
    const alternatives = guard.any.map(guardOf)
    return (context) => alternatives.some((g) => g(context))
  }
  throw new Error(`no JavaScript for the guard ${JSON.stringify(guard)}`)
}

/** The required fields set (with their declared values) and every guard passing. */
function transitionGuard(t) {
  const checks = (t.requires ?? []).map((field) => {
    const values = fieldDefinitions[field]?.values
    return values
      ? ({ record }) => isSet(record[field]) && values.includes(record[field])
      : ({ record }) => isSet(record[field])
  })
  checks.push(...(t.guards ?? []).map(guardOf))
  return ({ context }) => checks.every((check) => check(context))
}

const states = Object.fromEntries(doc.states.map((s) => [s.id, { on: {} }]))
for (const t of doc.transitions) {
  for (const from of [t.from].flat()) {
    states[from].on[t.name] = { target: t.to, guard: transitionGuard(t) }
  }
}
const machine = createMachine({ id: 'incident', initial: doc.initial, context: {}, states })
const snapshots = (record, actor) =>
  Object.fromEntries(doc.states.map((s) => [s.id, machine.resolveState({ value: s.id, context: { record, actor } })]))
const allowedSnapshots = snapshots(fullRecord, agent)
const refusedSnapshots = snapshots(bareRecord, stranger)
const events = Object.fromEntries(doc.transitions.map((t) => [t.name, { type: t.name }]))
for (const [state, request] of allowedMoves) {
  if (!allowedSnapshots[state].can(events[request])) throw new Error(`xstate refuses ${state} ${request}`)
}
for (const [state, request] of refusedMoves) {
  if (refusedSnapshots[state].can(events[request])) throw new Error(`xstate allows ${state} ${request}`)
}
bench('xstate can(), allowed', (i) =>
  allowedSnapshots[allowedStates[i & mask]].can(events[allowedRequests[i & mask]]) ? 1 : 0,
)
bench('xstate can(), refused', (i) =>
  refusedSnapshots[refusedStates[i & mask]].can(events[refusedRequests[i & mask]]) ? 0 : 1,
)

// --- a plain object lookup: the target state, no guards ----------------------

const table = Object.fromEntries(doc.states.map((s) => [s.id, {}]))
for (const t of doc.transitions) for (const from of [t.from].flat()) table[from][t.name] = t.to
bench(
  'table[state][transition]',
  (i) => (table[allowedStates[i & mask]][allowedRequests[i & mask]] === undefined ? 0 : 1),
  10,
)
const results = runAll()

// --- report -------------------------------------------------------------------

const cpu = cpus()[0]?.model ?? 'unknown CPU'
console.log(
  `node ${process.version}, ${availableParallelism()} CPUs (${cpu}), load average ${loadavg()[0].toFixed(2)}; ` +
    `best of ${ROUNDS} interleaved rounds, ${calls / ROUNDS} fast-path calls a round`,
)
const width = Math.max(...Object.keys(results).map((k) => k.length))
for (const [name, perSecond] of Object.entries(results)) {
  console.log(`${name.padEnd(width)}  ${(perSecond / 1e6).toFixed(2).padStart(7)} M/s`)
}
const ratio = (a, b) => (results[a] / results[b]).toFixed(2)
console.log(`reasonsAgainst / xstate can(), allowed: ${ratio('reasonsAgainst, allowed', 'xstate can(), allowed')}x`)
console.log(`reasonsAgainst / xstate can(), refused: ${ratio('reasonsAgainst, refused', 'xstate can(), refused')}x`)
console.log(`reasonsAgainst / validate (objects), allowed: ${ratio('reasonsAgainst, allowed', 'validate (objects), allowed')}x`)
console.log(`table lookup / reasonsAgainst, allowed: ${ratio('table[state][transition]', 'reasonsAgainst, allowed')}x`)
