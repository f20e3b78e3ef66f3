// The JavaScript surface of metrics: the document in and out, records as a
// backend reads them from its database, the report as a plain object, error
// codes and messages. The figures' semantics are covered by the conformance
// vectors (metrics-vectors.test.mjs).

import assert from 'node:assert/strict'
import { describe, test } from 'node:test'

import { Bool, Int32, Table, TimestampMillisecond, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow'

import { Metrics } from '../index.js'
import { declares } from './declarations.mjs'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR
const at = (text) => new Date(text)

// The incidents table as a database driver returns its rows: timestamps as
// `Date`s, NULL as `null`, the host's own column names.
const ROWS = [
  // Created in October: not in November's figures, by creation.
  { number: 'INC-099', type: 'incident', opened_at: at('2026-10-30T10:00:00Z'), first_response_at: at('2026-10-30T10:10:00Z'), resolved_at: at('2026-11-01T10:00:00Z'), closed_at: at('2026-11-03T10:00:00Z'), resolve_by: at('2026-10-31T10:00:00Z'), reopen_count: 0, group_changes: 0, ci: null, cancelled: false },
  // Resolved in 2 hours, by its deadline.
  { number: 'INC-101', type: 'incident', opened_at: at('2026-11-02T09:00:00Z'), first_response_at: at('2026-11-02T09:15:00Z'), resolved_at: at('2026-11-02T11:00:00Z'), closed_at: at('2026-11-04T11:00:00Z'), resolve_by: at('2026-11-02T13:00:00Z'), reopen_count: 0, group_changes: 0, ci: 'mail-1', cancelled: false },
  // Resolved in 6 hours, 2 hours late, after one reassignment.
  { number: 'INC-102', type: 'incident', opened_at: at('2026-11-05T14:00:00Z'), first_response_at: at('2026-11-05T14:30:00Z'), resolved_at: at('2026-11-05T20:00:00Z'), closed_at: at('2026-11-06T20:00:00Z'), resolve_by: at('2026-11-05T18:00:00Z'), reopen_count: 0, group_changes: 1, ci: 'db-1', cancelled: false },
  // Resolved in 1 hour, by its deadline, and reopened once.
  { number: 'INC-103', type: 'incident', opened_at: at('2026-11-10T08:00:00Z'), first_response_at: at('2026-11-10T08:05:00Z'), resolved_at: at('2026-11-10T09:00:00Z'), closed_at: at('2026-11-12T09:00:00Z'), resolve_by: at('2026-11-10T12:00:00Z'), reopen_count: 1, group_changes: 0, ci: 'mail-1', cancelled: false },
  // Resolved but not closed: open, so not in MTTR or SLA compliance.
  { number: 'INC-104', type: 'incident', opened_at: at('2026-11-20T10:00:00Z'), first_response_at: null, resolved_at: at('2026-11-20T13:00:00Z'), closed_at: null, resolve_by: at('2026-11-20T18:00:00Z'), reopen_count: 0, group_changes: 2, ci: null, cancelled: false },
  // Open and past its deadline at the end of the month.
  { number: 'INC-105', type: 'incident', opened_at: at('2026-11-28T16:00:00Z'), first_response_at: null, resolved_at: null, closed_at: null, resolve_by: at('2026-11-29T16:00:00Z'), reopen_count: 0, group_changes: 0, ci: null, cancelled: false },
  // Cancelled: counted apart.
  { number: 'INC-106', type: 'incident', opened_at: at('2026-11-11T10:00:00Z'), first_response_at: null, resolved_at: null, closed_at: at('2026-11-11T10:30:00Z'), resolve_by: null, reopen_count: 0, group_changes: 0, ci: null, cancelled: true },
  // A change: not a ticket unless `kinds` says so.
  { number: 'CHG-7', type: 'change', opened_at: at('2026-11-15T08:00:00Z'), first_response_at: null, resolved_at: null, closed_at: at('2026-11-16T08:00:00Z'), resolve_by: null, reopen_count: 0, group_changes: 0, ci: null, cancelled: false },
]

/** A row as the record facts metrics read. */
const toRecord = (row) => ({
  id: row.number,
  kind: row.type,
  created_at: row.opened_at,
  acknowledged_at: row.first_response_at,
  resolved_at: row.resolved_at,
  closed_at: row.closed_at,
  due_at: row.resolve_by,
  reopened: row.reopen_count,
  reassignments: row.group_changes,
  item: row.ci,
  cancelled: row.cancelled,
})

const NOVEMBER = { month: '2026-11' }
const END_OF_NOVEMBER = at('2026-12-01T00:00:00Z')

/** The error `fn` throws, as `{code, message}`. */
function thrown(fn) {
  try {
    fn()
  } catch (error) {
    return { code: error.code, message: error.message }
  }
  assert.fail('expected an error')
}

describe('a month of incidents from the database', () => {
  const records = ROWS.map(toRecord)

  test("November's MTTR and SLA compliance, closed tickets only", () => {
    const report = Metrics.fromJSON({}).report(records, NOVEMBER, END_OF_NOVEMBER)
    assert.deepStrictEqual(report.period_start, at('2026-11-01T00:00:00Z'))
    assert.deepStrictEqual(report.period_end, END_OF_NOVEMBER)
    assert.deepStrictEqual([report.tickets, report.changes, report.cancelled], [5, 1, 1])
    // INC-101, -102 and -103 are closed: 2 + 6 + 1 hours over 3.
    assert.deepStrictEqual(report.mttr_ms, { numerator: 9 * HOUR, denominator: 3, value: 3 * HOUR })
    // INC-102 missed its deadline.
    assert.deepStrictEqual(report.sla_compliance, { numerator: 2, denominator: 3, value: 2 / 3 })
    // 15 + 30 + 5 minutes over the 3 acknowledged.
    assert.deepStrictEqual(report.mtta_ms, { numerator: 50 * MINUTE, denominator: 3, value: (50 * MINUTE) / 3 })
    // Over the 4 resolved: INC-103 reopened; INC-102 and INC-104 reassigned.
    assert.deepStrictEqual(report.reopen_rate, { numerator: 1, denominator: 4, value: 0.25 })
    assert.deepStrictEqual(report.first_assignment_resolution, { numerator: 2, denominator: 4, value: 0.5 })
    assert.deepStrictEqual(report.reassignments_per_ticket, { numerator: 3, denominator: 4, value: 0.75 })
    assert.deepStrictEqual(report.reassignment_counts, [
      { reassignments: 0, records: 2 },
      { reassignments: 1, records: 1 },
      { reassignments: 2, records: 1 },
    ])
    // INC-105 is 2 days 8 hours old at the end of the month.
    assert.equal(report.backlog.records, 1)
    assert.equal(report.backlog.oldest_ms, 2 * DAY + 8 * HOUR)
    assert.deepStrictEqual(
      report.backlog.buckets.map((b) => b.records),
      [0, 1, 0, 0, 0],
    )
    assert.deepStrictEqual(report.emergency_change_ratio, { numerator: 0, denominator: 1, value: 0 })
    assert.deepStrictEqual(
      report.mtbf.map((m) => [m.item, m.failures, m.down_ms]),
      [
        ['db-1', 1, 6 * HOUR],
        ['mail-1', 2, 3 * HOUR],
      ],
    )
    assert.deepStrictEqual(report.mtbf[1].mtbf_ms, { numerator: 30 * DAY - 3 * HOUR, denominator: 2, value: (30 * DAY - 3 * HOUR) / 2 })
  })

  test('with the closed_and_breached denominator the open breached ticket counts, with its age, as missed', () => {
    const report = Metrics.fromJSON({ denominator: 'closed_and_breached' }).report(records, NOVEMBER, END_OF_NOVEMBER)
    const age = 2 * DAY + 8 * HOUR
    assert.deepStrictEqual(report.mttr_ms, { numerator: 9 * HOUR + age, denominator: 4, value: (9 * HOUR + age) / 4 })
    assert.deepStrictEqual(report.sla_compliance, { numerator: 2, denominator: 4, value: 0.5 })
    assert.equal(report.denominator, 'closed_and_breached')
  })

  test('instants as RFC 3339 text, a metrics document as JSON text and any period form give the same figures', () => {
    const asText = records.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v])),
    )
    const metrics = Metrics.fromJSON({})
    const report = metrics.report(records, NOVEMBER, END_OF_NOVEMBER)
    assert.deepStrictEqual(Metrics.fromJSON('{}').report(asText, NOVEMBER, END_OF_NOVEMBER), report)
    assert.deepStrictEqual(
      metrics.report(records, { from: at('2026-11-01T00:00:00Z'), to: '2026-12-01T00:00:00Z' }, END_OF_NOVEMBER),
      report,
    )
    assert.deepStrictEqual(metrics.report(records, { rolling_days: 30 }, END_OF_NOVEMBER), report)
  })

  test("JSON.stringify of a report is the core's JSON form", () => {
    const report = Metrics.fromJSON({}).report(records, NOVEMBER, END_OF_NOVEMBER)
    const json = JSON.parse(JSON.stringify(report))
    assert.equal(json.period_start, '2026-11-01T00:00:00.000Z')
    assert.equal(json.sla_compliance.value, 2 / 3)
    assert.equal(json.change_success_rate.value, null)
  })
})

describe('the metrics document', () => {
  test('comes in as an object or JSON text and goes out with every default written', () => {
    const doc = {
      by: 'resolution',
      time: 'business',
      calendar: { time_zone: 'Europe/Berlin', week: { mon: [['09:00', '17:00']] } },
      kinds: ['incident'],
      ageing_buckets_ms: [DAY, 7 * DAY],
      score: { failed: -20 },
    }
    const metrics = Metrics.fromJSON(doc)
    const written = metrics.toJSON()
    assert.equal(written.denominator, 'closed')
    assert.deepStrictEqual(written.score, {
      backed_out: -10,
      caused_incident: -5,
      failed: -20,
      max: 1000,
      min: 0,
      start: 500,
      successful: 3,
      successful_with_issues: 1,
    })
    assert.deepStrictEqual(Metrics.fromJSON(JSON.stringify(doc)).toJSON(), written)
    assert.deepStrictEqual(JSON.parse(JSON.stringify(metrics)), written)
    assert.deepStrictEqual(Metrics.fromJSON(written).toJSON(), written)
  })

  test('a bad document is ITSM_INVALID_CONFIG naming its field', () => {
    assert.deepStrictEqual(thrown(() => Metrics.fromJSON({ ageing_buckets_ms: [DAY, HOUR] })), {
      code: 'ITSM_INVALID_CONFIG',
      message: 'ageing_buckets_ms[1]: 3600000 does not follow 86400000 in ascending order',
    })
    assert.deepStrictEqual(thrown(() => Metrics.fromJSON('{"time": "business"}')), {
      code: 'ITSM_INVALID_CONFIG',
      message: 'calendar: business time needs a calendar',
    })
    // The document holds no instants: a Date in it is a mistake.
    assert.equal(thrown(() => Metrics.fromJSON({ by: new Date() })).code, 'ITSM_INVALID_CONFIG')
    assert.equal(thrown(() => Metrics.fromJSON(42)).code, 'ITSM_INVALID_ARGUMENT')
  })
})

describe('errors', () => {
  const metrics = Metrics.fromJSON({})

  test("a row the database got wrong is ITSM_INVALID_INPUT naming the record's field", () => {
    const rows = ROWS.map(toRecord)
    rows[2] = { ...rows[2], resolved_at: at('2026-11-05T13:00:00Z') }
    assert.deepStrictEqual(thrown(() => metrics.report(rows, NOVEMBER, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_INPUT',
      message: 'records[2].resolved_at: is before `created_at`',
    })
    rows[2] = { ...rows[2], resolved_at: null, created_at: new Date('not a date') }
    assert.deepStrictEqual(thrown(() => metrics.report(rows, NOVEMBER, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_INPUT',
      message: 'records[2].created_at: is an Invalid Date',
    })
    assert.deepStrictEqual(thrown(() => metrics.report([{ id: 'INC-1', kind: 'incident' }], NOVEMBER, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_INPUT',
      message: 'records[0]: missing field `created_at`',
    })
  })

  test('records that are not a list are refused as the core refuses them', () => {
    assert.deepStrictEqual(thrown(() => metrics.report({ 'INC-1': ROWS[1] }, NOVEMBER, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_INPUT',
      message: 'records: expected an array of records, found an object',
    })
    assert.deepStrictEqual(thrown(() => metrics.report('[]', NOVEMBER, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_ARGUMENT',
      message: 'invalid argument `records`: expected an array of records, found a string',
    })
  })

  test('a bad period or now is refused', () => {
    assert.deepStrictEqual(thrown(() => metrics.report([], { month: '2026-13' }, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_CONFIG',
      message: 'month: expected a month "YYYY-MM", found "2026-13"',
    })
    assert.equal(thrown(() => metrics.report([], '2026-11', END_OF_NOVEMBER)).code, 'ITSM_INVALID_ARGUMENT')
    assert.deepStrictEqual(thrown(() => metrics.report([], NOVEMBER, '2026-12-01T00:00:00Z')), {
      code: 'ITSM_INVALID_ARGUMENT',
      message: 'invalid argument `now`: expected a Date, found a string',
    })
    assert.equal(thrown(() => metrics.report([], NOVEMBER, new Date(Number.NaN))).code, 'ITSM_INVALID_ARGUMENT')
  })
})

test('a large export is read record by record', () => {
  const start = Date.parse('2026-11-01T00:00:00Z')
  // One incident a minute for two weeks, each resolved and closed in an hour.
  const records = Array.from({ length: 20_000 }, (_, i) => ({
    id: `INC-${i}`,
    kind: 'incident',
    created_at: new Date(start + i * MINUTE),
    resolved_at: new Date(start + i * MINUTE + HOUR),
    closed_at: new Date(start + i * MINUTE + HOUR),
  }))
  const report = Metrics.fromJSON({}).report(records, NOVEMBER, END_OF_NOVEMBER)
  assert.equal(report.tickets, 20_000)
  assert.deepStrictEqual(report.mttr_ms, { numerator: 20_000 * HOUR, denominator: 20_000, value: HOUR })
})

test('documents.d.ts declares exactly the fields the report has', () => {
  const metrics = Metrics.fromJSON({ kinds: ['incident', 'change'] })
  const records = [
    ...ROWS.map(toRecord),
    { id: 'CHG-8', kind: 'change', created_at: at('2026-11-17T08:00:00Z'), closed_at: at('2026-11-17T09:00:00Z'), outcome: 'failed', emergency: true, caused_incidents: 1 },
  ]
  const report = metrics.report(records, NOVEMBER, END_OF_NOVEMBER)
  declares('MetricsReport', report)
  declares('Figure', report.mttr_ms)
  declares('Backlog', report.backlog)
  declares('AgeBucket', report.backlog.buckets[0])
  declares('ReassignmentCount', report.reassignment_counts[0])
  declares('ChangeOutcomes', report.change_outcomes)
  declares('SuccessScore', report.change_success_score)
  declares('ItemReliability', report.mtbf[0])
  declares('Metrics', metrics.toJSON())
  declares('ScorePoints', metrics.toJSON().score)
  declares('MetricRecord', records.at(-1))
})

describe('a table of records as Arrow IPC', () => {
  const UTC = new TimestampMillisecond('UTC')
  const records = ROWS.map(toRecord)
  const column = (name, type) => vectorFromArray(records.map((r) => r[name] instanceof Date ? r[name].getTime() : r[name]), type)
  const table = () => new Table({
    id: column('id', new Utf8()),
    kind: column('kind', new Utf8()),
    created_at: column('created_at', UTC),
    acknowledged_at: column('acknowledged_at', UTC),
    resolved_at: column('resolved_at', UTC),
    closed_at: column('closed_at', UTC),
    due_at: column('due_at', UTC),
    reopened: column('reopened', new Int32()),
    reassignments: column('reassignments', new Int32()),
    item: column('item', new Utf8()),
    cancelled: column('cancelled', new Bool()),
  })

  test('gives the report the same records give as objects', () => {
    const metrics = Metrics.fromJSON({ denominator: 'closed_and_breached' })
    const fromRows = metrics.report(records, NOVEMBER, END_OF_NOVEMBER)
    assert.deepEqual(metrics.reportArrow(tableToIPC(table(), 'stream'), NOVEMBER, END_OF_NOVEMBER), fromRows)
    assert.deepEqual(metrics.reportArrow(tableToIPC(table(), 'file'), NOVEMBER, END_OF_NOVEMBER), fromRows)
  })

  test('a column that cannot be read is named, with the row to blame', () => {
    const metrics = Metrics.fromJSON({})
    const withoutCreation = table().select(['id', 'kind'])
    assert.deepEqual(thrown(() => metrics.reportArrow(tableToIPC(withoutCreation), NOVEMBER, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_INPUT',
      message: 'created_at: the table has no such column, and every record needs it',
    })
    const negative = table().assign(new Table({ reopened: vectorFromArray(records.map((_, i) => (i === 2 ? -1 : 0)), new Int32()) }))
    assert.deepEqual(thrown(() => metrics.reportArrow(tableToIPC(negative), NOVEMBER, END_OF_NOVEMBER)), {
      code: 'ITSM_INVALID_INPUT',
      message: 'reopened[2]: expected a count from 0 to 4294967295, found -1',
    })
    assert.equal(thrown(() => metrics.reportArrow(new Uint8Array([1, 2, 3]), NOVEMBER, END_OF_NOVEMBER)).code, 'ITSM_INVALID_INPUT')
  })
})
