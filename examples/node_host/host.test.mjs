// The host's other duties, in one process on an in-memory database with a
// clock the test moves: follow-ups for the same record run at once as the
// system actor, those for other records wait in the queue for drain(), a
// record's next wakeup is kept and due(now) finds it, wakeDue runs what time
// asks for, and refusals and duplicate creations are the core's errors with
// nothing stored.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import itsm from '../../bindings/node/index.js'
import { Host, parts } from './host.mjs'

const { Desk, Record, automationTemplate, readRecordEventJSON } = itsm

const DAY = 86_400_000
const ann = { actor: { id: 'ann', roles: ['agent'], groups: ['network'] } }
const resolve = { type: 'transition', transition: 'resolve', set: { resolution_code: 'duplicate', resolution_notes: 'see INC-9' } }

function host() {
  let now = Date.UTC(2026, 10, 23, 9)
  const desk = new Desk({ automation: [automationTemplate('auto_assign'), automationTemplate('auto_close')] })
  const clock = () => new Date((now += 60_000))
  const h = new Host(':memory:', { desk, clock })
  return { host: h, later: (ms) => new Date((now += ms)) }
}

/** Every stored record is the replay of its stored events, and every stored text is canonical. */
function consistent(h) {
  for (const { id, version, document } of h.db.prepare('SELECT id, version, document FROM records').all()) {
    const events = h.events(id)
    assert.equal(events.length, version, `${id}: one event per version`)
    assert.equal(Record.fromJSON(document).toJSONString(), document, `${id}: the stored record is canonical text`)
    for (const event of events) assert.equal(readRecordEventJSON(event), event, `${id}: a stored event is canonical text`)
    assert.equal(Record.replayJSON(`[${events.join(',')}]`), document, `${id}: the record is the replay of its events`)
  }
}

test('a follow-up for the same record runs at once, as the system actor', () => {
  const { host: h } = host()
  const outcomes = h.handle('INC-1', { type: 'create', id: 'INC-1', kind: 'incident', fields: { caller: 'bob', category: 'network' } }, ann)
  assert.deepEqual(
    outcomes.map((o) => o.events.map((e) => [e.version, e.type, e.actor])),
    [[[1, 'created', 'ann']], [[2, 'transitioned', 'system']]],
  )
  const record = Record.fromJSON(h.document('INC-1'))
  assert.equal(record.state, 'assigned')
  assert.equal(record.fields.assignment_group, 'network')
  assert.deepEqual(h.refused, [])
  assert.equal(h.db.prepare('SELECT count(*) AS n FROM queue').get().n, 0)
  consistent(h)
})

test('the next wakeup is kept per record; wakeDue closes a resolved incident a week later', () => {
  const { host: h, later } = host()
  h.handle('INC-2', { type: 'create', id: 'INC-2', kind: 'incident', fields: { caller: 'bob' } }, ann)
  assert.deepEqual(h.due(later(0)), [])
  const [resolved] = h.handle('INC-2', resolve, ann)
  const wakeAt = new Date(Date.parse(resolved.record.resolved_at) + 7 * DAY).toISOString()
  assert.equal(resolved.next_wakeup, wakeAt)
  assert.deepEqual(h.due(later(DAY)), [])
  const weekLater = later(7 * DAY)
  assert.deepEqual(h.due(weekLater), [{ record: 'INC-2', at: wakeAt }])
  const woken = h.wakeDue(weekLater)
  assert.deepEqual(
    woken.map((o) => o.events.map((e) => [e.type, e.actor])),
    [[['commented', 'system']], [['transitioned', 'system']]],
  )
  assert.equal(Record.fromJSON(h.document('INC-2')).state, 'closed')
  assert.deepEqual(h.due(later(365 * DAY)), [])
  consistent(h)
})

test('follow-ups for other records wait in the queue until drain()', () => {
  const { host: h } = host()
  h.handle('INC-10', { type: 'create', id: 'INC-10', kind: 'incident', fields: { caller: 'bob' } }, ann)
  const [child] = h.handle(
    'INC-11',
    { type: 'create', id: 'INC-11', kind: 'incident', fields: { caller: 'bob' }, links: [{ kind: 'parent', target: 'INC-10' }] },
    ann,
  )
  assert.deepEqual(child.followups.map((f) => [f.record, f.command.type]), [['INC-10', 'add_child']])
  assert.deepEqual(h.db.prepare('SELECT record, because FROM queue').all(), [{ record: 'INC-10', because: 'parent' }])
  assert.deepEqual(h.drain().map((o) => [o.record.id, o.events.map((e) => e.type)]), [['INC-10', ['child_added']]])
  // Resolving the parent passes the resolution on to its open child.
  h.handle('INC-10', resolve, ann)
  assert.deepEqual(
    h.drain().map((o) => [o.record.id, o.events.map((e) => e.type)]),
    [
      ['INC-11', ['transitioned']],
      ['INC-10', ['child_updated']],
    ],
  )
  assert.equal(Record.fromJSON(h.document('INC-11')).state, 'resolved')
  assert.deepEqual(h.refused, [])
  consistent(h)
})

test('refusals and duplicate ids are the core\'s errors, and store nothing', () => {
  const { host: h } = host()
  h.handle('INC-20', { type: 'create', id: 'INC-20', kind: 'incident', fields: { caller: 'bob' } }, ann)
  const before = h.document('INC-20')
  assert.throws(() => h.handle('INC-20', { type: 'transition', transition: 'resolve' }, ann), (error) => {
    assert.equal(error.code, 'ITSM_COMMAND_REFUSED')
    assert.deepEqual(error.details.reasons.map((r) => r.field), ['resolution_code', 'resolution_notes'])
    return true
  })
  assert.throws(() => h.handle('INC-20', { type: 'comment', text: 'stale', expected_version: 7 }, ann), (error) => {
    assert.equal(error.code, 'ITSM_VERSION_CONFLICT')
    assert.deepEqual(error.details, { expected: 7, actual: 1 })
    return true
  })
  assert.throws(() => h.handle('INC-20', { type: 'create', id: 'INC-20', kind: 'incident' }, ann), { code: 'ITSM_INVALID_ARGUMENT' })
  assert.throws(() => h.handle('INC-21', { type: 'create', id: 'INC-22', kind: 'incident' }, ann), { code: 'ITSM_HOST_MISMATCH' })
  assert.equal(h.document('INC-21'), null)
  assert.equal(h.document('INC-20'), before)
  assert.equal(h.events('INC-20').length, 1)
  consistent(h)
})

test('parts() cuts JSON text into its top-level parts as written', () => {
  const text = '{"a":{"r":1},"b":"x\\"q\\":,]","events":[{"x":1.0},{"y":[1,{"z":"}"}]}],"n":null,"z":2}'
  assert.deepEqual(parts(text), [
    ['a', '{"r":1}'],
    ['b', '"x\\"q\\":,]"'],
    ['events', '[{"x":1.0},{"y":[1,{"z":"}"}]}]'],
    ['n', 'null'],
    ['z', '2'],
  ])
  assert.deepEqual(parts('[{"x":1.0},{"y":[1,{"z":"}"}]},3,"s",null]'), ['{"x":1.0}', '{"y":[1,{"z":"}"}]}', '3', '"s"', 'null'])
  assert.deepEqual(parts('[]'), [])
  assert.deepEqual(parts('{}'), [])
})
