// The JavaScript surface of Workflow and WorkflowContext: built-in workflows
// and their documents, records and contexts as JavaScript values, the fast
// path on a reused context, argument checking and error codes. The workflows'
// semantics are covered by the conformance vectors (workflow-vectors.test.mjs).

import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'

import { Workflow, WorkflowContext } from '../index.js'

/** Asserts that `fn` throws an Error with exactly this code and message. */
function throwsItsm(fn, code, message) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error)
    assert.equal(error.code, code)
    assert.equal(error.message, message)
    return true
  })
}

const incident = Workflow.builtin('incident')
const agent = { id: 'ann', roles: ['agent'], groups: ['network'] }
const resolvable = {
  state: 'in_progress',
  assignment_group: 'network',
  resolution_code: 'solved_permanently',
  resolution_notes: 'replaced the switch',
}

test('every built-in workflow loads, lints clean and gives its document', () => {
  assert.deepStrictEqual(Workflow.builtinNames(), [
    'incident',
    'problem',
    'service_request',
    'change_standard',
    'change_normal',
    'change_emergency',
    'task',
  ])
  for (const name of Workflow.builtinNames()) {
    const workflow = Workflow.builtin(name)
    const doc = Workflow.builtinDocument(name)
    assert.deepStrictEqual(workflow.lint(), [], name)
    assert.deepStrictEqual(Workflow.lintDocument(doc), [], name)
    assert.deepStrictEqual(Workflow.fromJSON(doc).toJSON(), workflow.toJSON(), name)
    assert.deepStrictEqual(Workflow.fromJSON(JSON.stringify(workflow)).toJSON(), workflow.toJSON(), name)
  }
})

test('validate answers the verdict as a plain object under the core\'s keys', () => {
  assert.deepStrictEqual(incident.validate(resolvable, 'resolved', { actor: agent }), {
    allowed: true,
    from: 'in_progress',
    transition: 'resolve',
    to: 'resolved',
    sets: { hold_reason: null },
    reasons: [],
  })
  const verdict = incident.validate({ state: 'in_progress', assignment_group: 'network' }, 'resolve', { actor: agent })
  assert.equal(verdict.allowed, false)
  assert.deepStrictEqual(
    verdict.reasons.map((r) => [r.code, r.field, r.message]),
    [
      ['field_required', 'resolution_code', 'resolve needs resolution_code'],
      ['field_required', 'resolution_notes', 'resolve needs resolution_notes'],
    ],
  )
  assert.equal(incident.allows(resolvable, 'resolve', { actor: agent }), true)
  assert.equal(incident.allows({ state: 'new' }, 'resolve', { actor: agent }), false)
  assert.equal(incident.category('on_hold'), 'pending')
  assert.equal(incident.category('closed'), 'closed')
  assert.equal(incident.category('limbo'), null)
})

test('validateJSON gives the canonical text, from objects or from JSON text', () => {
  const fromObjects = incident.validateJSON(resolvable, 'resolve', { actor: agent })
  const fromText = incident.validateJSON(JSON.stringify(resolvable), 'resolve', JSON.stringify({ actor: agent }))
  assert.equal(fromObjects, '{"allowed":true,"from":"in_progress","reasons":[],"sets":{"hold_reason":null},"to":"resolved","transition":"resolve"}')
  assert.equal(fromText, fromObjects)
})

test('available lists the moves out of the record\'s state', () => {
  const moves = incident.available({ state: 'resolved', caller: 'bob' }, { actor: { id: 'bob' } })
  assert.deepStrictEqual(
    moves.map((m) => [m.transition, m.allowed]),
    [
      ['reopen', true],
      ['close', true],
    ],
  )
})

test('a built-in document edited by the host loads as its own workflow', () => {
  const doc = Workflow.builtinDocument('incident')
  const holdReason = doc.fields.find((f) => f.id === 'hold_reason')
  holdReason.values.push('awaiting_parts')
  doc.name = 'incident with parts'
  const edited = Workflow.fromJSON(doc)
  const record = { state: 'in_progress', assignment_group: 'network', hold_reason: 'awaiting_parts' }
  assert.equal(incident.validate(record, 'on_hold', { actor: agent }).allowed, false)
  assert.equal(edited.validate(record, 'on_hold', { actor: agent }).allowed, true)
  assert.equal(edited.toJSON().name, 'incident with parts')
  // A document that no longer loads is refused, naming the path.
  doc.transitions[0].to = 'limbo'
  assert.throws(() => Workflow.fromJSON(doc), { code: 'ITSM_INVALID_CONFIG', message: /^transitions\[0\]\.to: unknown state `limbo`/ })
  assert.deepStrictEqual(
    Workflow.lintDocument(doc).map((f) => [f.path, f.code]),
    [['transitions[0].to', 'unknown_state']],
  )
})

test('the context\'s now is a Date or RFC 3339 text', () => {
  const doc = {
    initial: 'open',
    states: [
      { id: 'open', category: 'active' },
      { id: 'done', category: 'closed' },
    ],
    calendars: { office: { time_zone: 'UTC', week: { mon: [['09:00', '17:00']] } } },
    transitions: [{ name: 'finish', from: 'open', to: 'done', guards: [{ inside_window: 'office' }] }],
  }
  const workflow = Workflow.fromJSON(doc)
  const monday = '2026-11-23T10:00:00Z'
  assert.equal(workflow.allows({ state: 'open' }, 'finish', { now: new Date(monday) }), true)
  assert.equal(workflow.allows({ state: 'open' }, 'finish', { now: monday }), true)
  assert.equal(workflow.allows({ state: 'open' }, 'finish', { now: new Date('2026-11-24T10:00:00Z') }), false)
  throwsItsm(
    () => workflow.validate({ state: 'open' }, 'finish'),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `context.now`: `finish` has guards on the time, and the context gives no `now`',
  )
  throwsItsm(
    () => workflow.validate({ state: 'open' }, 'finish', { now: new Date(Number.NaN) }),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `context.now`: is an Invalid Date',
  )
  const context = new WorkflowContext({ now: new Date(monday) })
  assert.deepStrictEqual(workflow.reasonsAgainst('open', 'finish', context), [])
  context.setNow(new Date('2026-11-24T10:00:00Z'))
  assert.equal(workflow.reasonsAgainst('open', 'finish', context)[0].code, 'outside_window')
  context.setNow(monday)
  assert.deepStrictEqual(workflow.reasonsAgainst('open', 'finish', context), [])
  context.setNow(null)
  assert.throws(() => workflow.reasonsAgainst('open', 'finish', context), { code: 'ITSM_INVALID_ARGUMENT' })
  throwsItsm(() => context.setNow(new Date(Number.NaN)), 'ITSM_INVALID_ARGUMENT', 'invalid argument `now`: is an Invalid Date')
})

test('the fast path reuses one context across records and requests', () => {
  const context = new WorkflowContext({ actor: agent })
  const records = [
    { state: 'new', caller: 'bob' },
    { state: 'new', caller: 'bob', assignment_group: 'network' },
    resolvable,
    { state: 'in_progress', assignment_group: 'network' },
  ]
  const requests = ['assign', 'assigned', 'resolve', 'resolved', 'on_hold', 'cancel']
  for (const record of records) {
    context.setRecord(record)
    for (const request of requests) {
      const verdict = incident.validate(record, request, { actor: agent })
      assert.deepStrictEqual(incident.reasonsAgainst(record.state, request, context), verdict.reasons, `${record.state} ${request}`)
    }
  }
  // The state argument wins over the record's state, and long text is read whole.
  context.setRecord(resolvable)
  assert.equal(incident.reasonsAgainst('new', 'reopen', context)[0].code, 'not_from_state')
  const long = 'x'.repeat(1000)
  throwsItsm(
    () => incident.reasonsAgainst(long, 'resolve', context),
    'ITSM_INVALID_INPUT',
    `state: unknown state \`${long}\` (the workflow's states: new, assigned, in_progress, on_hold, resolved, closed, cancelled)`,
  )
  assert.deepStrictEqual(incident.reasonsAgainst('in_progress', 'resolve', context), [])
  throwsItsm(
    () => incident.reasonsAgainst('in_progress', `é${long}`, context),
    'ITSM_INVALID_ARGUMENT',
    `invalid argument \`transition\`: \`é${long}\` is neither a transition nor a state of the workflow incident`,
  )
  // Setters change one part of the context or the record.
  context.setField('resolution_notes', undefined)
  assert.equal(incident.reasonsAgainst('in_progress', 'resolve', context)[0].field, 'resolution_notes')
  context.setField('resolution_notes', 'rebooted')
  assert.deepStrictEqual(incident.reasonsAgainst('in_progress', 'resolve', context), [])
  context.setActor({ id: 'zed', roles: [] })
  assert.equal(incident.reasonsAgainst('in_progress', 'resolve', context)[0].code, 'role_missing')
  context.setActor(null)
  throwsItsm(
    () => incident.reasonsAgainst('in_progress', 'resolve', context),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `context.actor`: `resolve` has guards on the actor, and the context names none',
  )
  context.setContext({ actor: agent })
  assert.deepStrictEqual(incident.reasonsAgainst('in_progress', 'resolve', context), [])
})

test('the fast path tells workflows and contexts apart across calls, and survives their collection', () => {
  const problem = Workflow.builtin('problem')
  const agentContext = new WorkflowContext({ actor: agent }, { assignment_group: 'network' })
  const strangerContext = new WorkflowContext({ actor: { id: 'zed', roles: [] } }, { assignment_group: 'network' })
  for (let i = 0; i < 200; i++) {
    assert.deepStrictEqual(incident.reasonsAgainst('new', 'assign', agentContext), [])
    assert.equal(incident.reasonsAgainst('new', 'assign', strangerContext)[0].code, 'role_missing')
    assert.throws(() => problem.reasonsAgainst('new', 'assign', agentContext), { code: 'ITSM_INVALID_ARGUMENT' })
  }
  const allowed = incident.reasonsAgainst('new', 'assign', agentContext)
  assert.ok(Array.isArray(allowed) && Object.isFrozen(allowed) && allowed.length === 0)
  // Workflows and contexts made and dropped by the thousand: the memory of
  // the last ones never outlives them.
  for (let i = 0; i < 5000; i++) {
    const workflow = Workflow.builtin('incident')
    const context = new WorkflowContext({ actor: i % 2 ? agent : { id: 'zed' } }, { assignment_group: 'network', pad: 'x'.repeat(1000) })
    assert.equal(workflow.reasonsAgainst('new', 'assign', context).length, i % 2 ? 0 : 1)
  }
})

test('the fast path works in worker threads, each with its own environment', async () => {
  const addon = fileURLToPath(new URL('../index.js', import.meta.url))
  const code = `
    const { parentPort } = require('node:worker_threads')
    const { Workflow, WorkflowContext } = require(${JSON.stringify(addon)})
    const incident = Workflow.builtin('incident')
    const context = new WorkflowContext({ actor: { id: 'ann', roles: ['agent'] } }, { assignment_group: 'network' })
    let refused = 0
    for (let i = 0; i < 2000; i++) refused += incident.reasonsAgainst('new', i % 2 ? 'assign' : 'close', context).length
    parentPort.postMessage(refused)`
  const counts = await Promise.all(
    [1, 2, 3].map(
      () =>
        new Promise((resolve, reject) => {
          const worker = new Worker(code, { eval: true })
          worker.once('message', resolve)
          worker.once('error', reject)
        }),
    ),
  )
  assert.deepStrictEqual(counts, [1000, 1000, 1000])
  assert.deepStrictEqual(incident.reasonsAgainst('new', 'assign', new WorkflowContext({ actor: agent }, { assignment_group: 'network' })), [])
})

test('approvals, children and predicates reach the guards through the context', () => {
  const doc = {
    initial: 'draft',
    states: [
      { id: 'draft', category: 'new' },
      { id: 'done', category: 'closed' },
    ],
    transitions: [
      {
        name: 'finish',
        from: 'draft',
        to: 'done',
        guards: [{ approvals: { threshold_percent: 100 } }, { children_in: ['closed'] }, { host: 'credit_ok' }],
      },
    ],
  }
  const workflow = Workflow.fromJSON(doc)
  const context = new WorkflowContext({ predicates: { credit_ok: true } })
  context.setApprovals([{ approver: 'carol', decision: 'approved' }])
  context.setChildren([{ id: 'T1', state: 'closed' }])
  assert.deepStrictEqual(workflow.reasonsAgainst('draft', 'finish', context), [])
  context.setChildren([{ id: 'T1', state: 'open' }])
  context.setPredicates({ credit_ok: false })
  context.setApprovals([{ approver: 'carol', decision: 'rejected' }])
  assert.deepStrictEqual(
    workflow.reasonsAgainst('draft', 'finish', context).map((r) => r.code),
    workflow.validate({ state: 'draft' }, 'finish', {
      approvals: [{ approver: 'carol', decision: 'rejected' }],
      children: [{ id: 'T1', state: 'open' }],
      predicates: { credit_ok: false },
    }).reasons.map((r) => r.code),
  )
  context.setPredicates({})
  assert.throws(() => workflow.reasonsAgainst('draft', 'finish', context), {
    code: 'ITSM_INVALID_ARGUMENT',
    message: /^invalid argument `context\.predicates`: no answer for `credit_ok`/,
  })
})

test('errors carry the core\'s code and message', () => {
  throwsItsm(
    () => Workflow.builtin('major_incident'),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `name`: no built-in workflow `major_incident` (built in: incident, problem, service_request, change_standard, change_normal, change_emergency, task)',
  )
  throwsItsm(
    () => Workflow.fromJSON({ initial: 'new', states: [{ id: 'new', category: 'new' }], transitions: [{ name: 'close', from: 'new', to: 'closed' }] }),
    'ITSM_INVALID_CONFIG',
    "transitions[0].to: unknown state `closed` (the workflow's states: new)",
  )
  throwsItsm(
    () => Workflow.fromJSON(42),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `doc`: expected a workflow document (an object or a JSON string), found a number',
  )
  assert.throws(() => Workflow.fromJSON('{'), { code: 'ITSM_INVALID_CONFIG' })
  assert.throws(() => Workflow.lintDocument('{'), { code: 'ITSM_INVALID_CONFIG' })
  throwsItsm(() => incident.validate({}, 'assign', { actor: agent }), 'ITSM_INVALID_INPUT', 'state: the record has no state')
  throwsItsm(
    () => incident.validate({ state: 'new' }, 'escalate', { actor: agent }),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `transition`: `escalate` is neither a transition nor a state of the workflow incident',
  )
  throwsItsm(
    () => incident.validate(undefined, 'assign'),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `record`: expected an object of field values, found undefined',
  )
  throwsItsm(
    () => incident.validate({ state: 'new' }, 3),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `request`: expected a string, found a number',
  )
  throwsItsm(
    () => incident.validate({ state: 'new' }, 'assign', 'ann'),
    'ITSM_INVALID_ARGUMENT',
    "invalid argument `context`: expected a context object such as { actor: { id: 'ann' } }, found a string",
  )
  throwsItsm(
    () => incident.validate({ state: 'new' }, 'assign', { actor: { id: 'ann' }, who: 'me' }),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `context.who`: unknown field `who`, expected one of `actor`, `now`, `approvals`, `children`, `predicates`',
  )
  throwsItsm(
    () => new WorkflowContext().setActor({ roles: ['agent'] }),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `context.actor`: missing field `id`',
  )
  throwsItsm(
    () => incident.validateJSON('{"state": "new", "tags": ["a"]}', 'assign'),
    'ITSM_INVALID_INPUT',
    'tags: a field value is a string, number, boolean or null',
  )
  throwsItsm(
    () => new WorkflowContext(null, [1]),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `record`: expected an object of field values, found an array',
  )
  throwsItsm(
    () => new WorkflowContext().setField('notes', { text: 'x' }),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `notes`: expected a string, number, boolean or null, found an object',
  )
  const context = new WorkflowContext({ actor: agent })
  const refused = (value, found) =>
    throwsItsm(
      () => incident.reasonsAgainst('new', 'assign', value),
      'ITSM_INVALID_ARGUMENT',
      `invalid argument \`context\`: expected a WorkflowContext (new WorkflowContext(...)), found ${found}`,
    )
  refused({ actor: agent }, 'an object')
  refused(undefined, 'undefined')
  refused(null, 'null')
  refused(incident, 'an object')
  throwsItsm(
    () => Workflow.prototype.reasonsAgainst.call(context, 'new', 'assign', context),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `this`: reasonsAgainst is a method of a Workflow',
  )
  assert.equal(incident.reasonsAgainst.name, 'reasonsAgainst')
  throwsItsm(() => incident.reasonsAgainst(1, 'assign', context), 'ITSM_INVALID_ARGUMENT', 'invalid argument `state`: expected a string, found a number')
  throwsItsm(() => incident.reasonsAgainst('new', null, context), 'ITSM_INVALID_ARGUMENT', 'invalid argument `request`: expected a string, found null')
})

test('bad input never crashes the process', () => {
  const cyclic = { state: 'new' }
  cyclic.self = cyclic
  const weird = [
    undefined,
    null,
    0,
    Number.NaN,
    -1,
    1n << 80n,
    'text',
    '',
    Symbol('s'),
    () => 1,
    [],
    [1, 2],
    {},
    cyclic,
    new Date(Number.NaN),
    new Map(),
    Object.create(null),
    { state: Symbol('s') },
    { state: 1n << 80n },
    { state: { nested: true } },
    { actor: { id: 1 } },
    { now: 'yesterday' },
    { now: new Date(Number.NaN) },
    { approvals: [{ approver: 'x', decision: 'maybe' }] },
    incident,
    new WorkflowContext(),
  ]
  const context = new WorkflowContext({ actor: agent })
  for (const a of weird) {
    for (const b of weird) {
      for (const call of [
        () => incident.validate(a, 'assign', b),
        () => incident.validate({ state: 'new' }, a, b),
        () => incident.allows(a, b),
        () => incident.available(a, b),
        () => incident.validateJSON(a, 'assign', b),
        () => incident.reasonsAgainst(a, b, context),
        () => incident.reasonsAgainst('new', 'assign', a),
        () => Workflow.prototype.reasonsAgainst.call(a, 'new', 'assign', context),
        () => incident.category(a),
        () => Workflow.fromJSON(a),
        () => Workflow.lintDocument(a),
        () => Workflow.builtin(a),
        () => Workflow.builtinDocument(a),
        () => new WorkflowContext(a, b),
        () => context.setRecord(a),
        () => context.setField(a, b),
        () => context.setActor(a),
        () => context.setNow(a),
        () => context.setApprovals(a),
        () => context.setChildren(a),
        () => context.setPredicates(a),
      ]) {
        try {
          call()
        } catch (error) {
          assert.ok(error instanceof Error, String(error))
          assert.match(error.code, /^ITSM_/, error.message)
        }
      }
      context.setContext({ actor: agent })
    }
  }
})

test('a field named __proto__ comes back as data, not as the prototype', () => {
  const workflow = Workflow.fromJSON({
    initial: 'open',
    states: [{ id: 'open', category: 'new' }, { id: 'done', category: 'closed' }],
    transitions: [{ name: 'finish', from: 'open', to: 'done', sets: JSON.parse('{"__proto__": "polluted"}') }],
  })
  const verdict = workflow.validate({ state: 'open' }, 'finish')
  assert.equal(Object.getPrototypeOf(verdict.sets), Object.prototype)
  assert.deepEqual(Object.keys(verdict.sets), ['__proto__'])
  assert.equal(Object.getOwnPropertyDescriptor(verdict.sets, '__proto__').value, 'polluted')
})
