// Records in a backend, the way the README's host would use them.
//
// 1. An HTTP API on node:http over an in-memory store (a Map of records and
//    their events): POST /incidents creates, POST /incidents/:id/commands
//    executes a command against the version named by `If-Match`, and answers
//    409 with both versions on a conflict and 422 with every reason on a
//    refusal; GET /incidents/:id gives the record and its events. The test
//    starts the server on port 0 and makes real requests with fetch.
// 2. A property check: 200 random command sequences (a seeded PRNG, a fixed
//    menu of commands, some bound to be refused) against the default desk.
//    Every refused command leaves the record's JSON as it was; replaying all
//    the events gives the final record.
// 3. The API's smaller promises: Record getters, timeline(), apply, errors.

import assert from 'node:assert/strict'
import { createServer } from 'node:http'
import { after, before, describe, test } from 'node:test'

import { Desk, PolicySet, Record, automationTemplate, automationTemplateNames, readRecordEvent } from '../index.js'

// --- 1. an HTTP API -----------------------------------------------------------

const desk = new Desk()
/** id -> { document: canonical JSON text of the record, events: event documents (JSON data) } */
const store = new Map()
/** The server's clock: one minute per request, so tests are deterministic. */
let minutes = 0
const clock = () => new Date(Date.UTC(2026, 10, 23, 9, minutes++))

async function handle(req, res) {
  let body = ''
  for await (const chunk of req) body += chunk
  const actor = { id: req.headers['x-user'] ?? 'anonymous', roles: ['agent'], groups: ['network'] }
  const context = { actor, now: clock() }
  try {
    if (req.method === 'POST' && req.url === '/incidents') {
      const { id, fields } = JSON.parse(body)
      if (store.has(id)) return send(res, 409, { error: 'exists' })
      const outcome = desk.execute(null, { type: 'create', id, kind: 'incident', fields }, context)
      save(outcome)
      return send(res, 201, outcome.record)
    }
    const commands = /^\/incidents\/([^/]+)\/commands$/.exec(req.url)
    const one = /^\/incidents\/([^/]+)$/.exec(req.url)
    const stored = store.get((commands ?? one)?.[1])
    if (!stored) return send(res, 404, { error: 'not found' })
    if (req.method === 'GET' && one) {
      return send(res, 200, { record: JSON.parse(stored.document), events: stored.events })
    }
    if (req.method !== 'POST' || !commands) return send(res, 405, { error: 'method not allowed' })
    const command = JSON.parse(body)
    if (req.headers['if-match'] !== undefined) command.expected_version = Number(req.headers['if-match'])
    const outcome = desk.execute(Record.fromJSON(stored.document), command, context)
    save(outcome)
    return send(res, 200, outcome.record)
  } catch (error) {
    switch (error.code) {
      case 'ITSM_VERSION_CONFLICT':
        return send(res, 409, { error: 'version_conflict', message: error.message, ...error.details })
      case 'ITSM_COMMAND_REFUSED':
        return send(res, 422, { error: 'command_refused', message: error.message, ...error.details })
      case undefined:
        return send(res, 400, { error: 'bad_request', message: error.message })
      default:
        return send(res, 400, { error: error.code, message: error.message, details: error.details })
    }
  }
}

/** Keeps an outcome: its record's text and its events, as a database would. */
function save(outcome) {
  const id = outcome.record.id
  const events = store.get(id)?.events ?? []
  events.push(...outcome.events.map((event) => JSON.parse(JSON.stringify(event))))
  store.set(id, { document: JSON.stringify(outcome.record), events })
}

function send(res, status, body) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

describe('an incident over HTTP', () => {
  let server
  let base

  before(async () => {
    server = createServer(handle)
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${server.address().port}`
  })

  after(() => new Promise((resolve) => server.close(resolve)))

  /** Makes a request and answers the status and the JSON body. */
  async function call(method, path, body, headers = {}) {
    const response = await fetch(base + path, {
      method,
      headers: { 'content-type': 'application/json', 'x-user': 'ann', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: response.status, body: await response.json() }
  }

  test('create, assign, refuse, resolve, conflict, reopen', async () => {
    // Create.
    let r = await call('POST', '/incidents', { id: 'INC-42', fields: { caller: 'bob', priority: 'P3' } })
    assert.equal(r.status, 201)
    assert.equal(r.body.version, 1)
    assert.equal(r.body.fields.state, 'new')
    assert.equal(r.body.created_by, 'ann')

    // Assign, against the version the client read.
    r = await call('POST', '/incidents/INC-42/commands', { type: 'assign', assignment_group: 'network' }, { 'if-match': '1' })
    assert.equal(r.status, 200)
    assert.equal(r.body.version, 2)
    assert.equal(r.body.fields.state, 'assigned')
    assert.equal(r.body.fields.assignment_group, 'network')
    assert.equal(r.body.category, 'active')

    // Resolve without the resolution: refused, with every reason, and nothing stored.
    r = await call('POST', '/incidents/INC-42/commands', { type: 'transition', transition: 'resolve' }, { 'if-match': '2' })
    assert.equal(r.status, 422)
    assert.equal(r.body.error, 'command_refused')
    assert.equal(r.body.command, 'transition')
    assert.deepEqual(
      r.body.reasons.map((reason) => [reason.code, reason.field, reason.transition]),
      [
        ['field_required', 'resolution_code', 'resolve'],
        ['field_required', 'resolution_notes', 'resolve'],
      ],
    )
    assert.equal(r.body.message, 'transition refused: resolve needs resolution_code; resolve needs resolution_notes')
    assert.equal((await call('GET', '/incidents/INC-42')).body.record.version, 2)

    // Resolve with it.
    const resolve = {
      type: 'transition',
      transition: 'resolve',
      set: { resolution_code: 'solved_permanently', resolution_notes: 'replaced the switch' },
    }
    r = await call('POST', '/incidents/INC-42/commands', resolve, { 'if-match': '2' })
    assert.equal(r.status, 200)
    assert.equal(r.body.version, 3)
    assert.equal(r.body.fields.state, 'resolved')
    assert.equal(typeof r.body.resolved_at, 'string')

    // A second client still holding version 2: a conflict naming both versions.
    r = await call('POST', '/incidents/INC-42/commands', { type: 'comment', text: 'any news?' }, { 'if-match': '2', 'x-user': 'bob' })
    assert.equal(r.status, 409)
    assert.equal(r.body.error, 'version_conflict')
    assert.equal(r.body.expected, 2)
    assert.equal(r.body.actual, 3)
    assert.equal(r.body.message, 'version conflict: expected version 2, the record is at version 3')

    // Reopen against the current version.
    r = await call('POST', '/incidents/INC-42/commands', { type: 'reopen', reason: 'the switch failed again' }, { 'if-match': '3', 'x-user': 'bob' })
    assert.equal(r.status, 200)
    assert.equal(r.body.fields.state, 'in_progress')
    assert.equal(r.body.reopened.count, 1)
    assert.equal(r.body.reopened.last_by, 'bob')
    assert.equal(r.body.fields.resolution_code, undefined)
    assert.equal(r.body.resolved_at, undefined)

    // A malformed command is a 400 naming the field.
    r = await call('POST', '/incidents/INC-42/commands', { type: 'comment' })
    assert.equal(r.status, 400)
    assert.equal(r.body.error, 'ITSM_INVALID_ARGUMENT')
    assert.equal(r.body.message, 'invalid argument `command`: missing field `text`')

    // What was stored: versions 1..n, and the record is the fold of its events.
    const { record, events } = (await call('GET', '/incidents/INC-42')).body
    assert.deepEqual(
      events.map((e) => [e.version, e.type]),
      [
        [1, 'created'],
        [2, 'transitioned'],
        [3, 'transitioned'],
        [4, 'reopened'],
      ],
    )
    assert.equal(record.version, 4)
    assert.equal(Record.replay(events).toJSONString(), Record.fromJSON(record).toJSONString())
    assert.deepEqual(Record.replay(events).toJSON(), record)
  })
})

// --- 2. random command sequences ------------------------------------------------

/** A small seeded PRNG (mulberry32): the same sequences on every run. */
function prng(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The menu: commands an incident may be given, some of them bound to be refused in some states. */
const MENU = [
  () => ({ type: 'comment', text: 'looking into it' }),
  () => ({ type: 'comment', text: 'work note', internal: true }),
  () => ({ type: 'assign', assignment_group: 'network' }),
  () => ({ type: 'assign', assignment_group: 'desktop', assigned_to: 'ann' }),
  () => ({ type: 'transition', transition: 'start', set: { assigned_to: 'ann' } }),
  () => ({ type: 'transition', transition: 'start' }),
  () => ({ type: 'transition', transition: 'hold', set: { hold_reason: 'awaiting_caller' } }),
  () => ({ type: 'transition', transition: 'hold', set: { hold_reason: 'lunch' } }),
  () => ({ type: 'transition', transition: 'resume' }),
  () => ({
    type: 'transition',
    transition: 'resolve',
    set: { resolution_code: 'solved_workaround', resolution_notes: 'restarted the router' },
  }),
  () => ({ type: 'transition', transition: 'resolve' }),
  () => ({ type: 'reopen', reason: 'still broken' }),
  () => ({ type: 'transition', transition: 'close' }),
  () => ({ type: 'transition', transition: 'cancel', set: { cancel_reason: 'duplicate' } }),
  () => ({ type: 'set_fields', set: { short_description: 'VPN down', priority: 'P2' } }),
  () => ({ type: 'set_fields', set: { state: 'closed' } }),
  () => ({ type: 'link', kind: 'problem', target: 'PRB-1' }),
  () => ({ type: 'comment', text: 'stale form', expected_version: 1 }),
]
const ACTORS = [
  { id: 'ann', roles: ['agent'], groups: ['network'] },
  { id: 'bob', roles: [] },
]
/** The errors a command of the menu may meet; anything else fails the test. */
const REFUSALS = new Set(['ITSM_COMMAND_REFUSED', 'ITSM_VERSION_CONFLICT', 'ITSM_INVALID_ARGUMENT'])

test('200 random command sequences: refusals change nothing, and the events replay to the record', () => {
  const random = prng(20261123)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const tally = { accepted: 0, refused: {} }
  for (let sequence = 0; sequence < 200; sequence++) {
    const id = `INC-${sequence}`
    let at = Date.UTC(2026, 10, 23, 9)
    const context = () => ({ actor: pick(ACTORS), now: new Date((at += 60_000 + Math.floor(random() * 3_600_000))) })
    const created = desk.execute(null, { type: 'create', id, kind: 'incident', fields: { caller: 'bob' } }, context())
    let record = Record.fromJSON(created.record)
    const events = [...created.events]
    const steps = 5 + Math.floor(random() * 20)
    for (let step = 0; step < steps; step++) {
      const command = pick(MENU)()
      const before = record.toJSONString()
      let outcome
      try {
        outcome = desk.execute(record, command, context())
      } catch (error) {
        assert.ok(REFUSALS.has(error.code), `${id} step ${step}: ${JSON.stringify(command)} threw ${error.code}: ${error.message}`)
        tally.refused[error.code] = (tally.refused[error.code] ?? 0) + 1
        assert.equal(record.toJSONString(), before, `${id} step ${step}: a refused command changed the record`)
        if (error.code === 'ITSM_COMMAND_REFUSED') assert.ok(error.details.reasons.length > 0, 'a refusal has its reasons')
        if (error.code === 'ITSM_VERSION_CONFLICT') {
          assert.deepEqual(error.details, { expected: 1, actual: record.version })
        }
        continue
      }
      tally.accepted++
      assert.equal(record.toJSONString(), before, `${id} step ${step}: execute changed the record it was given`)
      assert.deepEqual(
        outcome.events.map((e) => e.version),
        outcome.events.map((_, i) => record.version + 1 + i),
        'the events make the next versions',
      )
      events.push(...outcome.events)
      const next = Record.fromJSON(outcome.record)
      assert.equal(record.apply(outcome.events).toJSONString(), next.toJSONString(), 'apply gives the outcome record')
      record = next
    }
    // The record is the fold of its events, whether they come as objects or as stored text.
    assert.equal(Record.replay(events).toJSONString(), record.toJSONString(), `${id}: replay differs`)
    const stored = JSON.stringify(events)
    assert.equal(Record.replayJSON(stored), record.toJSONString(), `${id}: replayJSON differs`)
    assert.equal(record.version, events.length)
  }
  // The menu reaches both answers, refusals and conflicts.
  assert.ok(tally.accepted > 500, `only ${tally.accepted} commands were accepted`)
  for (const code of ['ITSM_COMMAND_REFUSED', 'ITSM_VERSION_CONFLICT']) {
    assert.ok((tally.refused[code] ?? 0) > 10, `too few ${code}: ${JSON.stringify(tally)}`)
  }
})

// --- 3. the API's smaller promises -------------------------------------------------

const ann = { id: 'ann', roles: ['agent'], groups: ['network'] }
const at = (minute) => new Date(Date.UTC(2026, 10, 23, 9, minute))

test('a Record: getters, JSON, timeline and apply', () => {
  const created = desk.execute(null, { type: 'create', id: 'INC-7', kind: 'incident', fields: { caller: 'bob', priority: 'P2' } }, { actor: ann, now: at(0) })
  assert.ok(created.record.state_since instanceof Date, 'an outcome hands instants out as Dates')
  assert.equal(created.next_wakeup, null)
  const record = Record.fromJSON(created.record)
  assert.equal(record.id, 'INC-7')
  assert.equal(record.kind, 'incident')
  assert.equal(record.workflow, 'incident')
  assert.equal(record.version, 1)
  assert.equal(record.state, 'new')
  assert.equal(record.category, 'new')
  assert.deepEqual(record.fields, { caller: 'bob', priority: 'P2', state: 'new' })
  // toJSON is the document as JSON data, so JSON.stringify writes the canonical text.
  assert.equal(JSON.stringify(record), record.toJSONString())
  assert.equal(record.toJSON().state_since, '2026-11-23T09:00:00.000Z')
  assert.equal(Record.fromJSON(record.toJSONString()).toJSONString(), record.toJSONString())
  // The timeline is what PolicySet.evaluate takes.
  const evaluation = PolicySet.template('itil_incident').evaluate(record.timeline(), at(30))
  assert.ok(evaluation.metrics.length > 0)
  assert.equal(record.timeline().id, 'INC-7')
  // A Record never changes: apply answers the next one.
  const commented = desk.execute(record, { type: 'comment', text: 'on it' }, { actor: ann, now: at(5) })
  const next = record.apply(commented.events)
  assert.equal(record.version, 1)
  assert.equal(next.version, 2)
  assert.equal(next.toJSONString(), Record.fromJSON(commented.record).toJSONString())
  // Applying the same events again is a conflict naming both versions.
  assert.throws(() => next.apply(commented.events), (error) => {
    assert.equal(error.code, 'ITSM_VERSION_CONFLICT')
    assert.deepEqual(error.details, { expected: 1, actual: 2 })
    return true
  })
  // Events read back in their canonical form.
  const event = readRecordEvent(JSON.stringify(commented.events[0]))
  assert.ok(event.at instanceof Date)
  assert.deepEqual(JSON.parse(JSON.stringify(event)), JSON.parse(JSON.stringify(commented.events[0])))
})

test('the desk: documents, wake and the automation templates', () => {
  assert.deepEqual(automationTemplateNames(), ['auto_assign', 'escalate_on_sla', 'auto_close'])
  const closing = new Desk({ automation: [automationTemplate('auto_close')] })
  assert.deepEqual(Desk.fromJSON(JSON.stringify(closing)).toJSON(), closing.toJSON())
  const context = (minute) => ({ actor: ann, now: at(minute) })
  let outcome = closing.execute(null, { type: 'create', id: 'INC-8', kind: 'incident', fields: { caller: 'bob' } }, context(0))
  outcome = closing.execute(
    outcome.record,
    { type: 'transition', transition: 'resolve', set: { resolution_code: 'duplicate', resolution_notes: 'see INC-7' } },
    context(10),
  )
  const weekLater = new Date(Date.UTC(2026, 10, 30, 9, 10))
  assert.equal(outcome.next_wakeup.toISOString(), weekLater.toISOString())
  const record = Record.fromJSON(outcome.record)
  const early = closing.wake(record, null, at(20))
  assert.deepEqual(early.followups, [])
  assert.equal(early.next_wakeup.toISOString(), weekLater.toISOString())
  const due = closing.wake(record, at(20), weekLater)
  assert.deepEqual(
    due.followups.map((f) => [f.record, f.command.type, f.because]),
    [
      ['INC-8', 'comment', 'automation:auto_close'],
      ['INC-8', 'transition', 'automation:auto_close'],
    ],
  )
  assert.deepEqual(JSON.parse(closing.wakeJSON(record.toJSONString(), at(20).toISOString(), weekLater.toISOString())), JSON.parse(JSON.stringify(due)))
})

test('errors name their argument and keep the core\'s message', () => {
  const throwsItsm = (fn, code, message) =>
    assert.throws(fn, (error) => {
      assert.ok(error instanceof Error)
      assert.equal(error.code, code)
      if (message !== undefined) assert.equal(error.message, message)
      return true
    })
  throwsItsm(() => new Desk({ kinds: { incident: 'nonesuch' } }), 'ITSM_INVALID_CONFIG', 'kinds.incident: no workflow named nonesuch (built in or under workflows)')
  throwsItsm(() => new Desk(42), 'ITSM_INVALID_ARGUMENT')
  throwsItsm(() => desk.execute(null, 'comment', { actor: ann, now: at(0) }), 'ITSM_INVALID_ARGUMENT')
  throwsItsm(() => desk.execute('INC-1', { type: 'comment', text: 'x' }, { actor: ann, now: at(0) }), 'ITSM_INVALID_ARGUMENT')
  throwsItsm(
    () => desk.execute(null, { type: 'create', id: 'X-1', kind: 'incident' }, { actor: ann }),
    'ITSM_INVALID_ARGUMENT',
    'invalid argument `context.now`: every event carries its instant, and the context gives no now',
  )
  throwsItsm(() => desk.execute(null, { type: 'create', id: 'X-1', kind: 'incident' }, { actor: ann, now: new Date(NaN) }), 'ITSM_INVALID_ARGUMENT')
  throwsItsm(() => Record.fromJSON('{'), 'ITSM_INVALID_INPUT')
  throwsItsm(() => Record.replay([]), 'ITSM_INVALID_INPUT', '(document): a record is replayed from at least its creation event')
  throwsItsm(() => automationTemplate('nonesuch'), 'ITSM_INVALID_ARGUMENT')
  const created = desk.execute(null, { type: 'create', id: 'INC-9', kind: 'incident' }, { actor: ann, now: at(0) })
  throwsItsm(() => desk.wake(created.record, null, new Date('nonsense')), 'ITSM_INVALID_ARGUMENT')
  // A bad event names its index, as the core does.
  assert.throws(() => Record.replay([{ ...created.events[0], at: 'yesterday' }]), (error) => {
    assert.equal(error.code, 'ITSM_INVALID_INPUT')
    assert.match(error.message, /^\[0\]\.at: /)
    assert.equal(error.path, '[0].at')
    return true
  })
})
