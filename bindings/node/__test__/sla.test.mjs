// The JavaScript surface of SLA evaluation and availability: documents in and
// out, argument checking, error codes and messages, batches. Clock semantics
// are covered by the conformance vectors (sla-vectors.test.mjs).

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, test } from 'node:test'

import {
  Availability,
  PolicySet,
  Timeline,
  slaTemplate,
  slaTemplates,
  waitingForCustomer,
} from '../index.js'
import { declares, declaresOneOf, dts } from './declarations.mjs'

const HOUR = 3_600_000
const DAY = 24 * HOUR
const weekday = [['09:00', '17:00']]

// One resolution clock of 4 business hours, Monday to Friday 09:00-17:00 UTC,
// paused while on hold, with a threshold at 75 %.
const POLICIES = {
  calendars: {
    office: { time_zone: 'UTC', week: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday } },
  },
  states: ['new', 'in_progress', 'on_hold', 'resolved'],
  policies: [
    {
      id: 'incidents',
      applies: { always: true },
      metrics: [
        {
          id: 'resolution',
          kind: 'resolution',
          calendar: 'office',
          goal: { business: 'PT4H' },
          start: { event_is: ['created'] },
          stop: { state_in: ['resolved'] },
          pause: { state_in: ['on_hold'] },
          thresholds: [{ percent: 75 }],
        },
      ],
    },
  ],
}
const policies = PolicySet.fromJSON(POLICIES)

// Created Monday 23 November 2026 at 15:00 UTC: two business hours that day,
// so the 4-hour goal falls on Tuesday at 11:00 and 75 % (3 hours) at 10:00.
const CREATED = '2026-11-23T15:00:00Z'
const record = (id, events = []) => ({ id, created_at: CREATED, fields: { state: 'new' }, events })
const MON_1600 = new Date('2026-11-23T16:00:00Z')
const onHoldAt1530 = { at: '2026-11-23T15:30:00Z', type: 'hold', set: { state: 'on_hold' } }
/** The Date of an ISO instant, as results hold it. */
const at = (iso) => new Date(iso)

/** Asserts that `fn` throws an Error with exactly this code and message (or matching it). */
function throwsItsm(fn, code, message) {
  assert.throws(fn, (error) => {
    assert.ok(error instanceof Error, `not an Error: ${error}`)
    assert.equal(error.code, code)
    if (message instanceof RegExp) assert.match(error.message, message)
    else assert.equal(error.message, message)
    return true
  })
}

const badArgument = (name, reason) => `invalid argument \`${name}\`: ${reason}`

/** A copy of POLICIES with the first metric changed. */
function withMetric(change) {
  const doc = structuredClone(POLICIES)
  Object.assign(doc.policies[0].metrics[0], change)
  return doc
}

describe('templates', () => {
  test('slaTemplates lists the built-in names', () => {
    assert.deepStrictEqual(slaTemplates(), ['itil_incident', 'assignment_group_ola'])
  })

  test('every template loads and lints clean', () => {
    for (const name of slaTemplates()) {
      const set = PolicySet.template(name)
      assert.deepStrictEqual(set.lint(), [], name)
      assert.deepStrictEqual(PolicySet.fromJSON(slaTemplate(name)).toJSON(), set.toJSON(), name)
    }
  })

  test('itil_incident holds an SLA per priority and the OLA', () => {
    const doc = slaTemplate('itil_incident')
    assert.deepStrictEqual(
      doc.policies.map((p) => p.id),
      ['incident_p1', 'incident_p2', 'incident_p3', 'incident_p4', 'assignment_group_ola'],
    )
    assert.equal(doc.selection, 'first')
  })

  test('a template document can be changed before loading', () => {
    const doc = slaTemplate('itil_incident')
    doc.calendars.business_hours.time_zone = 'Europe/Berlin'
    const set = PolicySet.fromJSON(doc)
    assert.equal(set.toJSON().calendars.business_hours.time_zone, 'Europe/Berlin')
    // The template itself is untouched: each call gives a fresh document.
    assert.equal(slaTemplate('itil_incident').calendars.business_hours.time_zone, 'UTC')
  })

  test('waitingForCustomer is the templates\' pause condition', () => {
    assert.deepStrictEqual(waitingForCustomer(), {
      all: [{ state_in: ['on_hold'] }, { field_eq: { field: 'hold_reason', value: 'awaiting_caller' } }],
    })
    const resolution = slaTemplate('itil_incident').policies[0].metrics[1]
    assert.deepStrictEqual(resolution.pause, waitingForCustomer())
  })

  test('an unknown template name', () => {
    const message = badArgument('name', 'no template "itil_problem"; the templates are itil_incident, assignment_group_ola')
    throwsItsm(() => slaTemplate('itil_problem'), 'ITSM_INVALID_ARGUMENT', message)
    throwsItsm(() => PolicySet.template('itil_problem'), 'ITSM_INVALID_ARGUMENT', message)
    throwsItsm(() => slaTemplate(42), 'ITSM_INVALID_ARGUMENT', badArgument('name', 'expected a template name, found a number'))
    throwsItsm(() => PolicySet.template(), 'ITSM_INVALID_ARGUMENT', badArgument('name', 'expected a template name, found undefined'))
  })
})

describe('policy set documents', () => {
  test('toJSON gives a document that loads back to the same set', () => {
    const doc = policies.toJSON()
    assert.equal(doc.selection, 'all')
    assert.equal(doc.policies[0].metrics[0].goal.business, 'PT4H')
    assert.deepStrictEqual(PolicySet.fromJSON(doc).toJSON(), doc)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(policies)), doc)
    assert.deepStrictEqual(PolicySet.fromJSON(JSON.stringify(POLICIES)).toJSON(), doc)
  })

  test('an unknown calendar id names its path', () => {
    throwsItsm(
      () => PolicySet.fromJSON(withMetric({ calendar: 'support' })),
      'ITSM_INVALID_CONFIG',
      'policies[0].metrics[0].calendar: unknown calendar "support"; the set has office',
    )
  })

  test('a goal in days ("P1D") names its path', () => {
    throwsItsm(
      () => PolicySet.fromJSON(withMetric({ goal: { business: 'P1D' } })),
      'ITSM_INVALID_CONFIG',
      /^policies\[0\]\.metrics\[0\]\.goal\.business: expected an ISO 8601 duration/,
    )
  })

  test('the same errors from JSON text', () => {
    throwsItsm(
      () => PolicySet.fromJSON(JSON.stringify(withMetric({ calendar: 'support' }))),
      'ITSM_INVALID_CONFIG',
      'policies[0].metrics[0].calendar: unknown calendar "support"; the set has office',
    )
    throwsItsm(() => PolicySet.fromJSON('{"policies": ['), 'ITSM_INVALID_CONFIG', /^\(document\): not valid JSON/)
  })

  test('a Date is not part of a policy set', () => {
    throwsItsm(
      () => PolicySet.fromJSON({ ...POLICIES, states: [new Date()] }),
      'ITSM_INVALID_CONFIG',
      'states[0]: a Date is not JSON data',
    )
  })

  test('neither an object nor a string', () => {
    for (const [value, found] of [
      [undefined, 'undefined'],
      [null, 'null'],
      [7, 'a number'],
      [new Date(), 'a Date'],
    ]) {
      throwsItsm(
        () => PolicySet.fromJSON(value),
        'ITSM_INVALID_ARGUMENT',
        badArgument('doc', `expected a policy set document (an object or a JSON string), found ${found}`),
      )
    }
  })

  test('lint names the path and code of each trap', () => {
    const set = PolicySet.fromJSON(withMetric({ start: { state_in: ['new'] }, pause: { state_in: ['new', 'waiting'] } }))
    assert.deepStrictEqual(set.lint(), [
      {
        path: 'policies[0].metrics[0].pause',
        code: 'pause_inside_start',
        message: 'every state that starts the clock also pauses it: it is paused from the start',
      },
      {
        path: 'policies[0].metrics[0].pause',
        code: 'unknown_state',
        message: 'state "waiting" is not in the set\'s `states`',
      },
    ])
    assert.deepStrictEqual(policies.lint(), [])
  })

  test('the classes cannot be constructed directly', () => {
    assert.throws(() => new PolicySet(), Error)
    assert.throws(() => new Timeline(), Error)
    assert.throws(() => new Availability(), Error)
  })
})

describe('timelines', () => {
  test('fromJSON reads objects and JSON text; toJSON gives the canonical document', () => {
    const timeline = Timeline.fromJSON(record('INC-1', [onHoldAt1530]))
    assert.equal(timeline.id, 'INC-1')
    const doc = {
      id: 'INC-1',
      created_at: '2026-11-23T15:00:00.000Z',
      fields: { state: 'new' },
      events: [{ at: '2026-11-23T15:30:00.000Z', type: 'hold', set: { state: 'on_hold' } }],
    }
    assert.deepStrictEqual(timeline.toJSON(), doc)
    assert.deepStrictEqual(Timeline.fromJSON(JSON.stringify(doc)).toJSON(), doc)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(timeline)), doc)
  })

  test('instants may be Dates, read as JSON.stringify writes them', () => {
    const timeline = Timeline.fromJSON({
      id: 'INC-1',
      created_at: new Date(CREATED),
      events: [{ at: new Date('2026-11-23T17:30:00+02:00'), type: 'note' }],
    })
    assert.equal(timeline.toJSON().created_at, '2026-11-23T15:00:00.000Z')
    assert.equal(timeline.toJSON().events[0].at, '2026-11-23T15:30:00.000Z')
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: new Date(NaN) }),
      'ITSM_INVALID_INPUT',
      'created_at: is an Invalid Date',
    )
    // Outside the supported years, as the same instant written as text.
    for (const at of [new Date('1800-01-01T00:00:00Z'), '1800-01-01T00:00:00Z']) {
      throwsItsm(
        () => Timeline.fromJSON({ id: 'X', created_at: at }),
        'ITSM_INVALID_INPUT',
        'created_at: instant 1800-01-01T00:00:00.000Z is outside the supported range 1900-01-01T00:00:00.000Z to 2300-01-01T00:00:00.000Z',
      )
    }
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: new Date(8.64e15) }),
      'ITSM_INVALID_INPUT',
      /^created_at: instant .* is outside the supported range/,
    )
  })

  test('events out of time order are refused, naming the event', () => {
    const events = [
      { at: '2026-11-23T16:00:00Z', type: 'assigned' },
      { at: '2026-11-23T15:30:00Z', type: 'note' },
    ]
    const message =
      "events[1].at: 2026-11-23T15:30:00.000Z is before the previous event's 2026-11-23T16:00:00.000Z: events must be in time order"
    throwsItsm(() => Timeline.fromJSON(record('INC-1', events)), 'ITSM_INVALID_INPUT', message)
    throwsItsm(() => policies.evaluate(record('INC-1', events), MON_1600), 'ITSM_INVALID_INPUT', message)
    throwsItsm(() => policies.evaluate(JSON.stringify(record('INC-1', events)), MON_1600), 'ITSM_INVALID_INPUT', message)
  })

  test('a field value must be a scalar', () => {
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: CREATED, fields: { tags: ['a'] } }),
      'ITSM_INVALID_INPUT',
      'fields.tags: a field value is a string, number, boolean or null',
    )
  })

  test('neither an object nor a string', () => {
    throwsItsm(
      () => Timeline.fromJSON(42),
      'ITSM_INVALID_ARGUMENT',
      badArgument('doc', 'expected a timeline document (an object or a JSON string), found a number'),
    )
    throwsItsm(
      () => policies.evaluate(null, MON_1600),
      'ITSM_INVALID_ARGUMENT',
      badArgument('timeline', 'expected a timeline document (an object or a JSON string), found null'),
    )
  })

  test('an object that only pretends to be a Timeline is refused', () => {
    const fake = Object.create(Timeline.prototype)
    throwsItsm(
      () => policies.evaluate(fake, MON_1600),
      'ITSM_INVALID_ARGUMENT',
      badArgument('timeline', 'is not a Timeline made by Timeline.fromJSON'),
    )
  })
})

describe('evaluate', () => {
  test('a running clock: deadline, threshold and next wakeup', () => {
    const evaluation = policies.evaluate(record('INC-1'), MON_1600)
    assert.equal(evaluation.record, 'INC-1')
    assert.deepStrictEqual(evaluation.now, at('2026-11-23T16:00:00.000Z'))
    assert.deepStrictEqual(evaluation.matched, ['incidents'])
    assert.deepStrictEqual(evaluation.selected, ['incidents'])
    assert.equal(evaluation.metrics.length, 1)
    const metric = evaluation.metrics[0]
    assert.equal(metric.policy, 'incidents')
    assert.equal(metric.contract, 'sla')
    assert.equal(metric.metric, 'resolution')
    assert.equal(metric.name, null)
    assert.equal(metric.kind, 'resolution')
    assert.equal(metric.breached, false)
    assert.equal(metric.ever_breached, false)
    const [cycle] = metric.cycles
    assert.equal(cycle.status, 'running')
    assert.deepStrictEqual(cycle.started_at, at('2026-11-23T15:00:00.000Z'))
    assert.equal(cycle.stopped_at, null)
    assert.equal(cycle.elapsed_ms, HOUR)
    assert.equal(cycle.goal_ms, 4 * HOUR)
    assert.equal(cycle.remaining_ms, 3 * HOUR)
    assert.equal(cycle.percent, 25)
    assert.deepStrictEqual(cycle.deadline, at('2026-11-24T11:00:00.000Z'))
    // 19 hours of wall time from Monday 16:00 to Tuesday 11:00.
    assert.equal(cycle.remaining_wall_ms, 19 * HOUR)
    assert.deepStrictEqual(cycle.thresholds, [{ name: '75%', at: at('2026-11-24T10:00:00.000Z'), crossed: false }])
    assert.deepStrictEqual(cycle.next_wakeup, evaluation.next_wakeup)
    // A threshold is crossed when elapsed time reaches it; the clock breaches
    // one millisecond after elapsed time reaches the goal.
    assert.deepStrictEqual(evaluation.next_wakeup, at('2026-11-24T10:00:00.000Z'))
    // A wakeup is a Date: evaluate again at it.
    const later = policies.evaluate(record('INC-1'), evaluation.next_wakeup)
    assert.equal(later.metrics[0].cycles[0].thresholds[0].crossed, true)
    assert.deepStrictEqual(later.next_wakeup, at('2026-11-24T11:00:00.001Z'))
    assert.deepStrictEqual(cycle.explanation, [
      { kind: 'counted', from: at('2026-11-23T15:00:00.000Z'), to: at('2026-11-23T16:00:00.000Z') },
    ])
  })

  test('results are plain objects with Dates for instants and numbers of milliseconds for durations', () => {
    const evaluation = policies.evaluate(record('INC-1', [onHoldAt1530]), MON_1600)
    assert.equal(Object.getPrototypeOf(evaluation), Object.prototype)
    const instants = new Set(['now', 'at', 'from', 'to', 'deadline', 'started_at', 'stopped_at', 'breached_at',
      'next_wakeup', 'original_deadline', 'deadline_next_opening'])
    const seen = new Set()
    const check = (value, key) => {
      if (instants.has(key)) {
        seen.add(key)
        if (value !== null) assert.ok(value instanceof Date && !Number.isNaN(value.getTime()), `${key}: ${value}`)
      } else if (Array.isArray(value)) value.forEach((item) => check(item, key))
      else if (value !== null && typeof value === 'object') {
        assert.equal(Object.getPrototypeOf(value), Object.prototype, key)
        for (const [k, v] of Object.entries(value)) check(v, key === 'paused_by_reason' ? 'paused_by_reason' : k)
      } else if (key.endsWith('_ms') || key === 'paused_by_reason' || key === 'cycle') {
        assert.ok(Number.isSafeInteger(value), `${key}: ${value}`)
      } else assert.ok(!(value instanceof Date), key)
    }
    check(evaluation, '')
    assert.ok(['now', 'at', 'from', 'to', 'deadline', 'started_at'].every((key) => seen.has(key)), [...seen].join())
    // Written as JSON, every Date is its canonical text: the same document as
    // evaluateJSON, whose keys are sorted.
    const text = policies.evaluateJSON(record('INC-1', [onHoldAt1530]), MON_1600)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(evaluation)), JSON.parse(text))
    assert.match(JSON.stringify(evaluation), /"now":"2026-11-23T16:00:00\.000Z"/)
  })

  test('paused: no next wakeup, and the pause is explained with its reason', () => {
    const evaluation = policies.evaluate(record('INC-2', [onHoldAt1530]), MON_1600)
    const [cycle] = evaluation.metrics[0].cycles
    assert.equal(cycle.status, 'paused')
    assert.equal(cycle.next_wakeup, null)
    assert.equal(evaluation.next_wakeup, null)
    assert.equal(cycle.elapsed_ms, HOUR / 2)
    assert.equal(cycle.paused_ms, HOUR / 2)
    assert.deepStrictEqual(cycle.paused_by_reason, { on_hold: HOUR / 2 })
    assert.deepStrictEqual(cycle.explanation, [
      { kind: 'counted', from: at('2026-11-23T15:00:00.000Z'), to: at('2026-11-23T15:30:00.000Z') },
      { kind: 'paused', from: at('2026-11-23T15:30:00.000Z'), to: at('2026-11-23T16:00:00.000Z'), reason: 'on_hold' },
    ])
  })

  test('a holiday is explained by name', () => {
    const doc = structuredClone(POLICIES)
    doc.calendars.office.holidays = [{ date: '2026-11-24', name: 'Strike day' }]
    const evaluation = PolicySet.fromJSON(doc).evaluate(record('INC-4'), new Date('2026-11-25T10:00:00Z'))
    const [cycle] = evaluation.metrics[0].cycles
    // Monday 15:00-17:00 and Wednesday 09:00-10:00 count; Tuesday is the holiday.
    assert.equal(cycle.elapsed_ms, 3 * HOUR)
    assert.deepStrictEqual(cycle.explanation, [
      { kind: 'counted', from: at('2026-11-23T15:00:00.000Z'), to: at('2026-11-23T17:00:00.000Z') },
      { kind: 'outside_hours', from: at('2026-11-23T17:00:00.000Z'), to: at('2026-11-24T00:00:00.000Z') },
      { kind: 'holiday', from: at('2026-11-24T00:00:00.000Z'), to: at('2026-11-25T00:00:00.000Z'), reason: 'Strike day' },
      { kind: 'outside_hours', from: at('2026-11-25T00:00:00.000Z'), to: at('2026-11-25T09:00:00.000Z') },
      { kind: 'counted', from: at('2026-11-25T09:00:00.000Z'), to: at('2026-11-25T10:00:00.000Z') },
    ])
  })

  test('a Timeline, its document and its JSON text give the same evaluation', () => {
    const doc = record('INC-3', [onHoldAt1530])
    const expected = policies.evaluate(doc, MON_1600)
    assert.deepStrictEqual(policies.evaluate(Timeline.fromJSON(doc), MON_1600), expected)
    assert.deepStrictEqual(policies.evaluate(JSON.stringify(doc), MON_1600), expected)
  })

  test('now must be a valid Date', () => {
    const timeline = record('INC-1')
    throwsItsm(() => policies.evaluate(timeline, new Date(NaN)), 'ITSM_INVALID_ARGUMENT', badArgument('now', 'is an Invalid Date'))
    throwsItsm(
      () => policies.evaluate(timeline, '2026-11-23T16:00:00Z'),
      'ITSM_INVALID_ARGUMENT',
      badArgument('now', 'expected a Date, found a string'),
    )
    throwsItsm(() => policies.evaluate(timeline), 'ITSM_INVALID_ARGUMENT', badArgument('now', 'expected a Date, found undefined'))
    throwsItsm(() => policies.evaluate(timeline, new Date('2400-01-01T00:00:00Z')), 'ITSM_OUT_OF_RANGE', /is outside the supported range/)
  })

  test('now before the record was created', () => {
    throwsItsm(
      () => policies.evaluate(record('INC-1'), new Date('2026-11-23T14:00:00Z')),
      'ITSM_INVALID_ARGUMENT',
      badArgument('now', '2026-11-23T14:00:00.000Z is before the record was created (2026-11-23T15:00:00.000Z)'),
    )
  })

  test('a policy set serves many calls', () => {
    const first = policies.evaluate(record('INC-1'), MON_1600)
    for (let i = 0; i < 100; i++) policies.evaluate(record(`INC-${i}`), MON_1600)
    assert.deepStrictEqual(policies.evaluate(record('INC-1'), MON_1600), first)
  })
})

describe('evaluateBatch', () => {
  const outOfOrder = record('BAD-1', [
    { at: '2026-11-23T16:00:00Z', type: 'a' },
    { at: '2026-11-23T15:30:00Z', type: 'b' },
  ])

  test('one batch item per record, in order: the core\'s documents, a bad record in its place', () => {
    const timelines = [
      record('INC-1'),
      outOfOrder,
      Timeline.fromJSON(record('INC-2', [onHoldAt1530])),
      JSON.stringify(record('INC-3')),
      { ...record('LATE'), created_at: '2026-11-24T00:00:00Z' },
      42,
      '{"id": ',
    ]
    const items = policies.evaluateBatch(timelines, MON_1600)
    assert.equal(items.length, timelines.length)
    assert.deepStrictEqual(items[0], { index: 0, record: 'INC-1', evaluation: policies.evaluate(record('INC-1'), MON_1600) })
    assert.deepStrictEqual(items[0].evaluation.now, MON_1600)
    assert.deepStrictEqual(items[0].evaluation.metrics[0].cycles[0].deadline, at('2026-11-24T11:00:00.000Z'))
    assert.deepStrictEqual(items[1], {
      index: 1,
      record: 'BAD-1',
      error: {
        code: 'invalid_input',
        message:
          "events[1].at: 2026-11-23T15:30:00.000Z is before the previous event's 2026-11-23T16:00:00.000Z: events must be in time order",
        path: 'events[1].at',
      },
    })
    // Keys in the order the core writes them.
    assert.deepStrictEqual(Object.keys(items[1]), ['index', 'record', 'error'])
    assert.deepStrictEqual(Object.keys(items[2]), ['index', 'record', 'evaluation'])
    assert.equal(items[2].record, 'INC-2')
    assert.equal(items[2].evaluation.metrics[0].cycles[0].status, 'paused')
    assert.deepStrictEqual(items[3], { index: 3, record: 'INC-3', evaluation: policies.evaluate(record('INC-3'), MON_1600) })
    assert.deepStrictEqual(items[4], {
      index: 4,
      record: 'LATE',
      error: {
        code: 'invalid_argument',
        message: badArgument('now', '2026-11-23T16:00:00.000Z is before the record was created (2026-11-24T00:00:00.000Z)'),
        details: { argument: 'now' },
      },
    })
    assert.deepStrictEqual(items[5], {
      index: 5,
      record: null,
      error: {
        code: 'invalid_argument',
        message: badArgument('timelines[5]', 'expected a timeline document (an object or a JSON string), found a number'),
        details: { argument: 'timelines[5]' },
      },
    })
    assert.deepStrictEqual(items[6], {
      index: 6,
      record: null,
      error: {
        code: 'invalid_input',
        message: '(document): not valid JSON: EOF while parsing a value at line 1 column 7',
        path: '',
      },
    })
  })

  test('an error document says what the thrown error says, its code in the core\'s words', () => {
    let thrown
    try {
      policies.evaluate(outOfOrder, MON_1600)
    } catch (error) {
      thrown = error
    }
    const [item] = policies.evaluateBatch([outOfOrder], MON_1600)
    assert.equal(thrown.code, 'ITSM_INVALID_INPUT')
    assert.equal(item.error.code, 'invalid_input')
    assert.equal(item.error.message, thrown.message)
  })

  test('a JavaScript value that is not JSON data is an error document naming its path', () => {
    const items = policies.evaluateBatch(
      [{ ...record('NAN'), fields: { score: NaN } }, { ...record('DATE'), created_at: new Date(NaN) }],
      MON_1600,
    )
    assert.deepStrictEqual(items, [
      {
        index: 0,
        record: 'NAN',
        error: { code: 'invalid_input', message: 'fields.score: the number NaN is not JSON data', path: 'fields.score' },
      },
      {
        index: 1,
        record: 'DATE',
        error: { code: 'invalid_input', message: 'created_at: is an Invalid Date', path: 'created_at' },
      },
    ])
  })

  test('the id of a record that fails to load comes from its document or JSON text', () => {
    const items = policies.evaluateBatch([outOfOrder, JSON.stringify(outOfOrder), { id: 7 }], MON_1600)
    assert.deepStrictEqual(
      items.map((r) => [r.index, r.record]),
      [
        [0, 'BAD-1'],
        [1, 'BAD-1'],
        [2, null],
      ],
    )
    assert.deepStrictEqual(items[2].error, {
      code: 'invalid_input',
      message: 'id: expected a string, found number 7',
      path: 'id',
    })
  })

  test('an empty batch', () => {
    assert.deepStrictEqual(policies.evaluateBatch([], MON_1600), [])
  })

  test('arguments wrong as a whole throw', () => {
    throwsItsm(
      () => policies.evaluateBatch(record('INC-1'), MON_1600),
      'ITSM_INVALID_ARGUMENT',
      badArgument('timelines', 'expected an array, found an object'),
    )
    throwsItsm(() => policies.evaluateBatch([record('INC-1')], new Date(NaN)), 'ITSM_INVALID_ARGUMENT', badArgument('now', 'is an Invalid Date'))
  })

  test('an exception thrown while reading a record propagates', () => {
    const trap = {
      get id() {
        throw new RangeError('boom')
      },
    }
    assert.throws(() => policies.evaluateBatch([record('INC-1'), trap], MON_1600), { name: 'RangeError', message: 'boom' })
  })
})

describe('availability', () => {
  const OUTAGE = { start: '2026-11-03T10:00:00Z', end: '2026-11-03T10:43:12Z' }
  const service = Availability.fromJSON({ target: 99.9, outages: [OUTAGE] })

  test('a calendar month: 43.2 minutes down uses exactly the 99.9 % budget', () => {
    assert.deepStrictEqual(service.report({ month: '2026-11' }, new Date('2026-12-01T00:00:00Z')), {
      period_start: at('2026-11-01T00:00:00.000Z'),
      period_end: at('2026-12-01T00:00:00.000Z'),
      agreed_ms: 30 * DAY,
      agreed_so_far_ms: 30 * DAY,
      downtime_ms: 2_592_000,
      availability_percent: 99.9,
      target_percent: 99.9,
      met: true,
      allowed_downtime_ms: 2_592_000,
      error_budget_remaining_ms: 0,
      error_budget_remaining_percent: 0,
      burn_rate: 1,
      outages_counted: 1,
    })
  })

  test('a report written as JSON has the instants as canonical text', () => {
    const report = service.report({ month: '2026-11' }, new Date('2026-12-01T00:00:00Z'))
    const data = JSON.parse(JSON.stringify(report))
    assert.equal(data.period_start, '2026-11-01T00:00:00.000Z')
    assert.equal(data.period_end, '2026-12-01T00:00:00.000Z')
    assert.equal(data.agreed_ms, 30 * DAY)
  })

  test('a month still running counts so far', () => {
    const report = service.report({ month: '2026-11' }, new Date('2026-11-11T00:00:00Z'))
    assert.equal(report.agreed_ms, 30 * DAY)
    assert.equal(report.agreed_so_far_ms, 10 * DAY)
    assert.equal(report.downtime_ms, 2_592_000)
    assert.equal(report.met, false)
    assert.equal(report.error_budget_remaining_ms, 0)
    // The downtime share so far is three times what the target allows.
    assert.ok(Math.abs(report.burn_rate - 3) < 1e-9, `${report.burn_rate}`)
  })

  test('a rolling window of days ending at now', () => {
    const report = service.report({ rolling_days: 7 }, new Date('2026-11-10T00:00:00Z'))
    assert.deepStrictEqual(report.period_start, at('2026-11-03T00:00:00.000Z'))
    assert.deepStrictEqual(report.period_end, at('2026-11-10T00:00:00.000Z'))
    assert.equal(report.agreed_ms, 7 * DAY)
    assert.equal(report.downtime_ms, 2_592_000)
    // 99.9 % of 7 days allows 604.8 seconds.
    assert.equal(report.allowed_downtime_ms, 604_800)
    assert.equal(report.error_budget_remaining_ms, 604_800 - 2_592_000)
    assert.equal(report.met, false)
    const empty = service.report({ rolling_days: 7 }, new Date('2026-11-20T00:00:00Z'))
    assert.equal(empty.downtime_ms, 0)
    assert.equal(empty.outages_counted, 0)
    assert.equal(empty.availability_percent, 100)
  })

  test('service hours, maintenance, an interval, and Dates in the document', () => {
    const office = Availability.fromJSON({
      service_hours: POLICIES.calendars.office,
      target: 99.5,
      // Tuesday 3 November 16:00-18:00: one hour of it in service hours.
      outages: [{ start: new Date('2026-11-03T16:00:00Z'), end: new Date('2026-11-03T18:00:00Z') }],
      maintenance: [{ start: '2026-11-04T09:00:00Z', end: '2026-11-04T10:00:00Z', id: 'CHG-1' }],
    })
    // November 2026 has 21 weekdays of 8 hours; maintenance takes one hour.
    const report = office.report({ from: new Date('2026-11-01T00:00:00Z'), to: '2026-12-01T00:00:00Z' }, new Date('2026-12-01T00:00:00Z'))
    assert.equal(report.agreed_ms, 167 * HOUR)
    assert.equal(report.downtime_ms, HOUR)
    assert.equal(report.allowed_downtime_ms, 3_006_000)
    assert.equal(report.error_budget_remaining_ms, 3_006_000 - HOUR)
    assert.equal(report.met, false)
    assert.equal(report.outages_counted, 1)
  })

  test('an outage still going on counts until now', () => {
    for (const outage of [{ start: '2026-11-30T23:00:00Z', end: null }, { start: '2026-11-30T23:00:00Z' }]) {
      const ongoing = Availability.fromJSON({ target: 99, outages: [outage] })
      const report = ongoing.report({ month: '2026-11' }, new Date('2026-11-30T23:30:00Z'))
      assert.equal(report.downtime_ms, HOUR / 2)
    }
  })

  test('five nines: a target with three decimals', () => {
    const fiveNines = Availability.fromJSON({ target: 99.999, outages: [OUTAGE] })
    const report = fiveNines.report({ month: '2026-11' }, new Date('2026-12-01T00:00:00Z'))
    assert.equal(report.target_percent, 99.999)
    // 0.001 % of 30 days is 25.92 seconds.
    assert.equal(report.allowed_downtime_ms, 25_920)
    assert.equal(report.met, false)
  })

  test('toJSON gives the canonical document back, Dates and instants as ISO text', () => {
    const doc = {
      target: 99.9,
      outages: [{ start: new Date('2026-11-03T10:00:00Z'), end: null, id: 'INC-9' }],
      maintenance: [{ start: '2026-11-08T01:00:00Z', end: '2026-11-08T03:00:00Z' }],
    }
    const expected = {
      service_hours: { time_zone: 'UTC', week: '24x7' },
      target: 99.9,
      outages: [{ start: '2026-11-03T10:00:00.000Z', end: null, id: 'INC-9' }],
      maintenance: [{ start: '2026-11-08T01:00:00.000Z', end: '2026-11-08T03:00:00.000Z' }],
    }
    const availability = Availability.fromJSON(doc)
    assert.deepStrictEqual(availability.toJSON(), expected)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(availability)), expected)
    assert.deepStrictEqual(Availability.fromJSON(JSON.stringify(expected)).toJSON(), expected)
  })

  test('invalid documents name their path', () => {
    throwsItsm(
      () => Availability.fromJSON({ target: 99.9999 }),
      'ITSM_INVALID_CONFIG',
      'target: expected a percentage from 0 to 100 with at most three decimals, found 99.9999',
    )
    throwsItsm(
      () => Availability.fromJSON({ target: 99, outages: [{ start: '2026-11-03T10:00:00Z', end: '2026-11-03T09:00:00Z' }] }),
      'ITSM_INVALID_CONFIG',
      'outages[0].end: is before `start`',
    )
    throwsItsm(() => Availability.fromJSON('{"target": 99, "oops": 1}'), 'ITSM_INVALID_CONFIG', /^oops: /)
    throwsItsm(
      () => Availability.fromJSON(99.9),
      'ITSM_INVALID_ARGUMENT',
      badArgument('doc', 'expected an availability document (an object or a JSON string), found a number'),
    )
  })

  test('invalid periods and instants', () => {
    const now = new Date('2026-12-01T00:00:00Z')
    throwsItsm(
      () => service.report({ month: '2026-13' }, now),
      'ITSM_INVALID_CONFIG',
      'month: expected a month "YYYY-MM", found "2026-13"',
    )
    throwsItsm(() => service.report({ from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, now), 'ITSM_INVALID_CONFIG', 'to: is before `from`')
    throwsItsm(
      () => service.report('2026-11', now),
      'ITSM_INVALID_ARGUMENT',
      badArgument('period', "expected a period object such as { month: '2026-11' }, found a string"),
    )
    throwsItsm(
      () => service.report(null, now),
      'ITSM_INVALID_ARGUMENT',
      badArgument('period', "expected a period object such as { month: '2026-11' }, found null"),
    )
    throwsItsm(() => service.report({ month: '2026-11', extra: 1 }, now), 'ITSM_INVALID_CONFIG', /^extra: /)
    for (const period of [{}, { month: '2026-11', rolling_days: 7 }]) {
      throwsItsm(
        () => service.report(period, now),
        'ITSM_INVALID_CONFIG',
        '(document): a period has exactly one of `month`, `rolling_days`, or `from` with `to`',
      )
    }
    throwsItsm(() => service.report({ month: '2026-11' }, new Date(NaN)), 'ITSM_INVALID_ARGUMENT', badArgument('now', 'is an Invalid Date'))
  })
})

describe('native values in documents', () => {
  const SAFE = 'the safe integers, -9007199254740991 to 9007199254740991'

  test('a Date anywhere in a timeline or availability document is its ISO text', () => {
    const timeline = Timeline.fromJSON({
      id: 'INC-1',
      created_at: new Date(CREATED),
      fields: { due: new Date('2026-11-30T12:00:00+01:00') },
      events: [{ at: new Date('2026-11-23T15:30:00Z'), type: 'note', set: { seen: new Date('2026-11-23T15:30:00Z') } }],
    })
    assert.deepStrictEqual(timeline.toJSON(), {
      id: 'INC-1',
      created_at: '2026-11-23T15:00:00.000Z',
      fields: { due: '2026-11-30T11:00:00.000Z' },
      events: [{ at: '2026-11-23T15:30:00.000Z', type: 'note', set: { seen: '2026-11-23T15:30:00.000Z' } }],
    })
  })

  test('an Invalid Date is an error naming its path, never the epoch', () => {
    const invalid = new Date(NaN)
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: CREATED, events: [{ at: invalid, type: 'note' }] }),
      'ITSM_INVALID_INPUT',
      'events[0].at: is an Invalid Date',
    )
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: CREATED, fields: { due: invalid } }),
      'ITSM_INVALID_INPUT',
      'fields.due: is an Invalid Date',
    )
    throwsItsm(
      () => Availability.fromJSON({ target: 99, outages: [{ start: invalid }] }),
      'ITSM_INVALID_CONFIG',
      'outages[0].start: is an Invalid Date',
    )
    throwsItsm(
      () => Availability.fromJSON({ target: 99 }).report({ from: invalid, to: '2026-11-02T00:00:00Z' }, MON_1600),
      'ITSM_INVALID_CONFIG',
      'from: is an Invalid Date',
    )
    assert.deepStrictEqual(policies.evaluateBatch([{ id: 'X', created_at: CREATED, events: [{ at: invalid, type: 'note' }] }], MON_1600), [
      { index: 0, record: 'X', error: { code: 'invalid_input', message: 'events[0].at: is an Invalid Date', path: 'events[0].at' } },
    ])
  })

  test('a bigint that is a safe integer is that number', () => {
    const big = 2n ** 53n - 1n
    const timeline = Timeline.fromJSON({
      id: 'INC-1',
      created_at: CREATED,
      fields: { count: 3n, most: big, least: -big, zero: 0n },
      events: [{ at: '2026-11-23T15:30:00Z', type: 'note', set: { count: 4n } }],
    })
    assert.deepStrictEqual(timeline.toJSON().fields, { count: 3, most: 9007199254740991, least: -9007199254740991, zero: 0 })
    assert.deepStrictEqual(timeline.toJSON().events[0].set, { count: 4 })
    const report = Availability.fromJSON({ target: 99n }).report({ rolling_days: 7n }, MON_1600)
    assert.deepStrictEqual(report, Availability.fromJSON({ target: 99 }).report({ rolling_days: 7 }, MON_1600))
    assert.deepStrictEqual(PolicySet.fromJSON(withMetric({ thresholds: [{ percent: 75n }] })).toJSON(), PolicySet.fromJSON(POLICIES).toJSON())
  })

  test('any other bigint is an error naming its path', () => {
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: CREATED, fields: { n: 2n ** 53n } }),
      'ITSM_INVALID_INPUT',
      `fields.n: the bigint 9007199254740992n is outside ${SAFE}`,
    )
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: CREATED, events: [{ at: CREATED, type: 'n', set: { n: -(2n ** 63n) } }] }),
      'ITSM_INVALID_INPUT',
      `events[0].set.n: the bigint -9223372036854775808n is outside ${SAFE}`,
    )
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: CREATED, fields: { n: 2n ** 64n } }),
      'ITSM_INVALID_INPUT',
      `fields.n: the bigint 18446744073709551616n is outside ${SAFE}`,
    )
    throwsItsm(
      () => Timeline.fromJSON({ id: 'X', created_at: CREATED, fields: { n: -(2n ** 200n) } }),
      'ITSM_INVALID_INPUT',
      `fields.n: a bigint of more than 192 bits is outside ${SAFE}`,
    )
    throwsItsm(
      () => Availability.fromJSON({ target: 99, outages: [], maintenance: [], service_hours: { time_zone: 'UTC', week: '24x7', holidays: [{ easter: 2n ** 60n }] } }),
      'ITSM_INVALID_CONFIG',
      `service_hours.holidays[0].easter: the bigint 1152921504606846976n is outside ${SAFE}`,
    )
    assert.deepStrictEqual(policies.evaluateBatch([{ ...record('BIG'), fields: { n: 2n ** 53n } }], MON_1600), [
      {
        index: 0,
        record: 'BIG',
        error: { code: 'invalid_input', message: `fields.n: the bigint 9007199254740992n is outside ${SAFE}`, path: 'fields.n' },
      },
    ])
  })
})

describe('declarations', () => {
  test('index.d.ts takes the document types from documents.d.ts', () => {
    const index = readFileSync(new URL('../index.d.ts', import.meta.url), 'utf8')
    assert.match(index, /^export \* from '\.\/documents'$/m)
    assert.doesNotMatch(index, /^export interface (Evaluation|CycleResult|BatchItem|ErrorDocument|Finding) /m)
    assert.match(dts, /^\/\* Generated from schemas\/\*\.schema\.json by scripts\/documents\.mjs/)
  })

  test('documents.d.ts declares exactly the fields the results have', () => {
    const evaluation = policies.evaluate(record('INC-2', [onHoldAt1530]), MON_1600)
    declares('Evaluation', evaluation)
    const [metric] = evaluation.metrics
    declares('MetricResult', metric)
    const [cycle] = metric.cycles
    declares('CycleResult', cycle)
    declares('ThresholdResult', cycle.thresholds[0])
    for (const segment of cycle.explanation) declares('Segment', segment)
    const warned = PolicySet.template('itil_incident').evaluate(
      { id: 'INC-3', created_at: CREATED, fields: { state: 'bogus', priority: 'P9' } },
      MON_1600,
    )
    assert.ok(warned.warnings.length > 0)
    declares('Evaluation', warned)
    for (const warning of warned.warnings) declares('Warning', warning)
    declares('Finding', PolicySet.fromJSON(withMetric({ start: { state_in: ['resolved'] } })).lint()[0])
    const [evaluated, failed, unreadable] = policies.evaluateBatch([record('INC-1'), 42, { id: 'X' }], MON_1600)
    declaresOneOf('BatchItem', evaluated)
    declaresOneOf('BatchItem', failed)
    declaresOneOf('BatchItem', unreadable)
    declares('ErrorDocument', failed.error)
    declares('ErrorDocument', unreadable.error)
    const service = Availability.fromJSON({
      target: 99.9,
      service_hours: POLICIES.calendars.office,
      outages: [{ start: CREATED, end: null, id: 'INC-9' }],
      maintenance: [{ start: CREATED, end: CREATED, id: 'CHG-1' }],
    })
    declares('AvailabilityReport', service.report({ rolling_days: 7 }, MON_1600))
    declares('Availability', service.toJSON())
    declares('Calendar', service.toJSON().service_hours)
    declares('Outage', service.toJSON().outages[0])
    declares('Maintenance', service.toJSON().maintenance[0])
    declares('Timeline', Timeline.fromJSON(record('INC-2', [onHoldAt1530])).toJSON())
    declares('Event', Timeline.fromJSON(record('INC-2', [onHoldAt1530])).toJSON().events[0])
    declares('PolicySet', policies.toJSON())
    declares('Policy', policies.toJSON().policies[0])
    declares('Metric', policies.toJSON().policies[0].metrics[0])
  })
})

test('evaluations can leave explanations out', () => {
  const policies = PolicySet.template('itil_incident')
  const incident = { id: 'INC-9', created_at: '2026-11-23T09:00:00Z', fields: { state: 'new', priority: 'P3' } }
  const now = new Date('2026-11-24T12:00:00Z')
  const full = policies.evaluate(incident, now)
  const lean = policies.evaluate(incident, now, { explain: false })
  const [batch] = policies.evaluateBatch([incident], now, { explain: false })
  assert.notDeepStrictEqual(full.metrics[0].cycles[0].explanation, [])
  assert.deepStrictEqual(lean.metrics[0].cycles[0].explanation, [])
  assert.deepStrictEqual(batch, { index: 0, record: 'INC-9', evaluation: lean })
  assert.deepStrictEqual(policies.evaluate(incident, now, {}), full)
  for (const metric of full.metrics) for (const cycle of metric.cycles) cycle.explanation = []
  assert.deepStrictEqual(full, lean)
})

test('evaluation options are the core options document', () => {
  const policies = PolicySet.template('itil_incident')
  const incident = { id: 'INC-9', created_at: '2026-11-23T09:00:00Z', fields: { state: 'new', priority: 'P3' } }
  const now = new Date('2026-11-24T12:00:00Z')
  const full = policies.evaluate(incident, now)
  assert.deepStrictEqual(policies.evaluate(incident, now, null), full)
  assert.deepStrictEqual(policies.evaluate(incident, now, { explain: undefined, strict: null }), full)
  for (const [options, message] of [
    [{ explain: 'no' }, /invalid argument `options`: invalid type: string "no", expected a boolean/],
    [{ explian: false }, /invalid argument `options`: unknown field `explian`/],
    [42, /invalid argument `options`: expected an options object .*found a number/],
    [[], /found an array/],
  ]) {
    assert.throws(() => policies.evaluate(incident, now, options), { code: 'ITSM_INVALID_ARGUMENT', message })
    assert.throws(() => policies.evaluateBatch([incident], now, options), { code: 'ITSM_INVALID_ARGUMENT', message })
  }
})
