// Compiled (never run) by types.test.mjs with `tsc --noEmit`: the declarations
// in index.d.ts, with the document types of documents.d.ts (generated from the
// core's JSON Schemas), accept what the API accepts and reject what it refuses.

import {
  Availability,
  Calendar,
  Desk,
  Metrics,
  Record as ItsmRecord,
  automationTemplate,
  automationTemplateNames,
  readRecordEvent,
  readRecordEventJSON,
  PolicySet,
  PriorityMatrix,
  RiskPolicy,
  ChangeWindows,
  Schedule,
  ServiceGraph,
  Timeline,
  Workflow,
  WorkflowContext,
  slaTemplate,
  slaTemplates,
  tzVersion,
  waitingForCustomer,
  type AvailabilityDocument,
  type AvailabilityReport,
  type AvailableTransition,
  type Category,
  type ContextInput,
  type BatchItem,
  type CalendarDocument,
  type ErrorDocument,
  type FieldValue,
  type GraphDocument,
  type Impact,
  type RiskAssessment,
  type ChangeConflict,
  type Slot,
  type WindowConflict,
  type JSONData,
  type MetricRecordInput,
  type MetricsDocument,
  type MetricsReport,
  type CycleResult,
  type CommandInput,
  type DeskDocument,
  type Outcome,
  type RecordDocument,
  type RecordEvent,
  type RecordInput,
  type Rule,
  type TableResult,
  type TableSummary,
  type TicketRowInput,
  type Wakeup,
  type Evaluation,
  type Finding,
  type MetricResult,
  type PolicySetDocument,
  type PriorityAnswer,
  type PriorityMatrixDocument,
  type Reason,
  type Verdict,
  type WorkflowDocument,
  type Segment,
  type ThresholdResult,
  type TimelineDocument,
  type TimelineInput,
  type WorkingInterval,
} from '../index.js'

const calendar: Calendar = Calendar.fromJSON({ time_zone: 'UTC', week: '24x7' })
const fromText: Calendar = Calendar.fromJSON('{"time_zone": "UTC", "week": "24x7"}')
const always: Calendar = Calendar.twentyFourSeven()

const start = new Date('2026-11-23T09:00:00Z')
const zone: string = calendar.timeZone
const version: string = tzVersion()
const document: CalendarDocument = calendar.toJSON()
const zoneOf: string | null | undefined = document.time_zone
const text: string = fromText.toJSONString()

const ms: number = calendar.businessDuration(start, new Date())
const due: Date = calendar.addBusiness(start, 3_600_000)
const from: Date = calendar.subtractBusiness(due, 3_600_000)
const keep: Date = calendar.addWorkingDays(start, 2)
const endOfDay: Date = calendar.addWorkingDays(start, -1, 'end_of_day')
const working: boolean = always.isWorking(start)
const opening: Date = calendar.nextOpening(start)
const closing: Date | null = calendar.nextClosing(start)
const intervals: WorkingInterval[] = calendar.workingIntervals(start, due)
const first: Date | undefined = intervals[0]?.start

// @ts-expect-error: instants are Dates, not strings
calendar.isWorking('2026-11-23T09:00:00Z')
// @ts-expect-error: durations are numbers of milliseconds
calendar.addBusiness(start, '1h')
// @ts-expect-error: the mode is one of two names
calendar.addWorkingDays(start, 1, 'eod')
// @ts-expect-error: nextClosing may be null
const notNull: Date = calendar.nextClosing(start)
// @ts-expect-error: a calendar document is an object or JSON text
Calendar.fromJSON(42)
// @ts-expect-error: timeZone is read-only
calendar.timeZone = 'Europe/Berlin'

// SLA evaluation.
const doc: PolicySetDocument = slaTemplate('itil_incident')
doc.selection = 'shortest'
const policies: PolicySet = PolicySet.fromJSON(doc)
const builtIn: PolicySet = PolicySet.template(slaTemplates()[0] ?? 'itil_incident')
const custom = PolicySet.fromJSON({
  calendars: { office: { time_zone: 'UTC', week: '24x7' } },
  switch: { retroactive: { anchor: { first_set: 'assignment_group' } } },
  policies: [
    {
      id: 'p',
      type: 'ola',
      applies: { always: true },
      metrics: [{ id: 'm', goal: { wall: 'PT1H' }, start: { always: true }, stop: { state_in: ['resolved'] }, pause: waitingForCustomer() }],
    },
  ],
})
const findings: Finding[] = custom.lint()
const findingCode: string | undefined = findings[0]?.code
const record: TimelineInput = {
  id: 'INC-1',
  created_at: new Date('2026-11-23T09:00:00Z'),
  fields: { state: 'new', priority: 'P3', vip: true, score: 3, hold_reason: null },
  events: [{ at: '2026-11-23T10:00:00Z', type: 'hold', set: { state: 'on_hold', count: 2n, due: new Date() }, actor: 'ana' }],
}
const value: FieldValue = 12n
// @ts-expect-error: a field value is a scalar, not an array
const notScalar: FieldValue = ['a']
const timeline: Timeline = Timeline.fromJSON(record)
const id: string = timeline.id
const back: JSONData<TimelineDocument> = timeline.toJSON()
const createdText: string = back.created_at
// @ts-expect-error: toJSON gives JSON data, its instants as text, not Dates
const notDates: TimelineDocument = timeline.toJSON()
// @ts-expect-error: the JSON form of a timeline holds its instants as text
const jsonForm: JSONData<TimelineDocument> = record
const evaluation: Evaluation = policies.evaluate(timeline, start)
const fromDocument: Evaluation = builtIn.evaluate(record, start)
const fromJsonText: Evaluation = builtIn.evaluate(JSON.stringify(record), start)
const wakeup: Date | null = evaluation.next_wakeup
const evaluatedAt: Date = evaluation.now
const again: Evaluation = policies.evaluate(timeline, evaluation.next_wakeup ?? start)
const canonicalText: string = policies.evaluateJSON(timeline, start)
const parsed: JSONData<Evaluation> = JSON.parse(canonicalText)
const parsedNow: string = parsed.now
// @ts-expect-error: instants in results are Dates, not text
const nowText: string = evaluation.now
const metric: MetricResult | undefined = evaluation.metrics[0]
const cycle: CycleResult | undefined = metric?.cycles[0]
const status: 'running' | 'paused' | 'met' | 'breached' | 'cancelled' | undefined = cycle?.status
const deadline: Date | null | undefined = cycle?.deadline
const elapsed: number | undefined = cycle?.elapsed_ms
const percent: number | null | undefined = cycle?.percent
const reasons: Record<string, number> | undefined = cycle?.paused_by_reason
const crossesAt: Date | undefined = cycle?.thresholds[0]?.at
const segmentFrom: Date | undefined = cycle?.explanation[0]?.from
const threshold: ThresholdResult | undefined = cycle?.thresholds[0]
const segment: Segment | undefined = cycle?.explanation[0]
const reason: string | null | undefined = segment?.reason
const batch: Array<BatchItem> = policies.evaluateBatch([timeline, record, '{}'], start)
for (const item of batch) {
  const index: number = item.index
  const who: string | null | undefined = item.record
  if ('error' in item) {
    const error: ErrorDocument = item.error
    const code: string = error.code
    const path: string | null | undefined = error.path
    const details: { [k: string]: unknown } | null | undefined = error.details
    // @ts-expect-error: a batch item holds an evaluation or an error, not both
    const none = item.evaluation
    void [code, path, details, none]
  } else {
    const ok: Evaluation = item.evaluation
    void ok
  }
  void [index, who]
}
const setDocument: PolicySetDocument = policies.toJSON()

// @ts-expect-error: now is a Date
policies.evaluate(record, '2026-11-23T09:00:00Z')
// @ts-expect-error: a timeline needs an id and created_at
policies.evaluate({ events: [] }, start)
// @ts-expect-error: next_wakeup may be null
const wakeupNotNull: Date = evaluation.next_wakeup
// @ts-expect-error: statuses are a closed set
const notAStatus: typeof status = 'late'
// @ts-expect-error: a policy set needs its policies
PolicySet.fromJSON({ selection: 'first' })
// @ts-expect-error: selection is one of four names
PolicySet.fromJSON({ selection: 'best', policies: [] })

// Availability.
const service: Availability = Availability.fromJSON({
  service_hours: { time_zone: 'UTC', week: '24x7' },
  target: 99.9,
  outages: [{ start: '2026-11-03T10:00:00Z', end: null }, { start: '2026-11-04T10:00:00Z', id: 'INC-7' }],
  maintenance: [{ start: new Date('2026-11-08T01:00:00Z'), end: '2026-11-08T03:00:00Z', id: 'CHG-1' }],
})
const month: AvailabilityReport = service.report({ month: '2026-11' }, start)
const rolling: AvailabilityReport = service.report({ rolling_days: 30 }, start)
const between: AvailabilityReport = service.report({ from: start, to: '2026-12-01T00:00:00Z' }, start)
const availability: number | null | undefined = month.availability_percent
const serviceDocument: JSONData<AvailabilityDocument> = service.toJSON()
const periodStart: Date = month.period_start
const downtime: number = month.downtime_ms
const outageStart: string | undefined = serviceDocument.outages?.[0]?.start
const burn: number | null | undefined = rolling.burn_rate
// @ts-expect-error: a period is an object
service.report('2026-11', start)
// @ts-expect-error: the target is a number
Availability.fromJSON({ target: '99.9' })
// @ts-expect-error: a maintenance window has an end
Availability.fromJSON({ target: 99.9, maintenance: [{ start: '2026-11-08T01:00:00Z', end: null }] })

// Priority matrix.
const itil: PriorityMatrix = PriorityMatrix.itil()
const matrixDocument: PriorityMatrixDocument = itil.toJSON()
const customMatrix: PriorityMatrix = PriorityMatrix.fromJSON({
  impacts: ['1', '2'],
  urgencies: ['1'],
  priorities: ['high', 'low'],
  matrix: { '1': { '1': 'high' }, '2': { '1': 'low' } },
  overrides: [{ name: 'security', when: { field_eq: { field: 'category', value: 'security' } }, set: 'high' }],
})
const fromMatrixText: PriorityMatrix = PriorityMatrix.fromJSON(JSON.stringify(matrixDocument))
const answer: PriorityAnswer = itil.priority('medium', 'high', { vip: true, seats: 12n, since: start, note: null })
const chosen: string = answer.priority
const cell: string = answer.matrix_priority
const applied: string | null = answer.override_applied
const plain: PriorityAnswer = customMatrix.priority('2', '1')
// @ts-expect-error: impact is a string
itil.priority(1, 'high')
// @ts-expect-error: a field value is a scalar
itil.priority('high', 'high', { vip: [true] })
// @ts-expect-error: a matrix needs its priorities
PriorityMatrix.fromJSON({ impacts: ['high'], urgencies: ['high'], matrix: {} })
const matrixFindings: Finding[] = itil.lint()
export const priority = [matrixDocument, fromMatrixText, chosen, cell, applied, plain, matrixFindings]

// Workflows.
const names: string[] = Workflow.builtinNames()
const incident: Workflow = Workflow.builtin('incident')
const incidentDocument: WorkflowDocument = Workflow.builtinDocument('incident')
incidentDocument.name = 'major incident'
const major: Workflow = Workflow.fromJSON(incidentDocument)
const fromWorkflowText: Workflow = Workflow.fromJSON(JSON.stringify(incident))
const workflowFindings: Finding[] = Workflow.lintDocument(incidentDocument)
const lintedText: Finding[] = Workflow.lintDocument('{"initial": "new", "states": []}')
const ownFindings: Finding[] = incident.lint()
const ownDocument: WorkflowDocument = incident.toJSON()
const category: Category | null = incident.category('on_hold')
const workflowContext: ContextInput = {
  actor: { id: 'ann', roles: ['agent'], groups: ['network'] },
  now: new Date(),
  approvals: [{ approver: 'carol', group: 'cab', decision: 'approved' }],
  children: [{ id: 'CTASK-7', state: 'closed' }],
  predicates: { credit_check_passed: true },
}
const verdict: Verdict = incident.validate({ state: 'new', caller: 'bob', opened: start, seats: 3n }, 'assign', workflowContext)
const allowed: boolean = verdict.allowed
const target: string | null | undefined = verdict.to
const firstReason: Reason | undefined = verdict.reasons[0]
const reasonCode: string | undefined = firstReason?.code
const withTextNow: Verdict = incident.validate({ state: 'new' }, 'assign', { now: '2026-11-23T09:00:00Z' })
const noContext: boolean = incident.allows({ state: 'new' }, 'assign')
const buttons: AvailableTransition[] = incident.available({ state: 'resolved' }, { actor: { id: 'bob' } })
const verdictText: string = incident.validateJSON('{"state":"new"}', 'assign', '{"actor":{"id":"ann"}}')
const verdictFromObjects: string = incident.validateJSON({ state: 'new' }, 'assign', workflowContext)
const reused = new WorkflowContext(workflowContext, { caller: 'bob' })
const bare = new WorkflowContext()
reused.setRecord({ caller: 'bob', assignment_group: 'network' })
reused.setField('assigned_to', 'ann')
reused.setField('assigned_to', undefined)
reused.setActor({ id: 'ann', roles: ['agent'] })
reused.setActor(null)
reused.setNow(new Date())
reused.setNow('2026-11-23T09:00:00Z')
reused.setApprovals([{ approver: 'carol', decision: 'pending' }])
reused.setChildren([])
reused.setPredicates({ credit_check_passed: false })
reused.setContext({ actor: { id: 'ann' } })
const fastReasons: Reason[] = incident.reasonsAgainst('new', 'assign', reused)
// @ts-expect-error: the fast path takes a WorkflowContext, not a context document
incident.reasonsAgainst('new', 'assign', workflowContext)
// @ts-expect-error: the record is an object of fields
incident.validate('new', 'assign')
// @ts-expect-error: a decision is pending, approved or rejected
reused.setApprovals([{ approver: 'carol', decision: 'maybe' }])
// @ts-expect-error: a category is one of six names
const notACategory: 'open' | null = incident.category('new')
// @ts-expect-error: a workflow document needs its initial state
Workflow.fromJSON({ states: [{ id: 'new', category: 'new' }] })
export const workflow = [
  names, major, fromWorkflowText, workflowFindings, lintedText, ownFindings, ownDocument, category, allowed, target,
  reasonCode, withTextNow, noContext, buttons, verdictText, verdictFromObjects, bare, fastReasons, notACategory,
]

export const sla = [
  findingCode, id, back, fromDocument, fromJsonText, wakeup, status, deadline, percent, reasons, threshold, reason,
  setDocument, wakeupNotNull, zoneOf, jsonForm, notAStatus, between, availability, burn, serviceDocument, value, notScalar,
  createdText, notDates, evaluatedAt, again, parsedNow, nowText, elapsed, crossesAt, segmentFrom, periodStart, downtime,
  outageStart,
]

export const used = [zone, version, document, text, ms, from, keep, endOfDay, working, opening, closing, first, notNull]

// Records and the desk (in a function: its names would clash with the ones above).
export function records(): unknown[] {
  const rule: Rule = automationTemplate('auto_close')
  const ruleNames: string[] = automationTemplateNames()
  const desk = new Desk({ reopen_window_days: 10, automation: [rule] })
  const defaultDesk = new Desk()
  const deskFromText: Desk = Desk.fromJSON('{"reopen_window_days": 10}')
  const deskDocument: DeskDocument = desk.toJSON()
  const actor = { id: 'ann', roles: ['agent'], groups: ['network'] }
  const create: CommandInput = { type: 'create', id: 'INC-1', kind: 'incident', fields: { caller: 'bob', priority: 'P3' } }
  const created: Outcome = desk.execute(null, create, { actor, now: new Date() })
  const createdDocument: RecordDocument = created.record
  const firstEvent: RecordEvent = created.events[0]
  const eventAt: Date = firstEvent.at
  const nextWakeup: Date | null = created.next_wakeup
  const followupTarget: string | undefined = created.followups[0]?.record
  const assigned: Outcome = desk.execute(created.record, { type: 'assign', assignment_group: 'network', expected_version: 1 }, { actor, now: '2026-11-23T09:05:00Z' })
  const record: ItsmRecord = ItsmRecord.fromJSON(assigned.record)
  const fromText2: ItsmRecord = ItsmRecord.fromJSON(record.toJSONString())
  const replayed: ItsmRecord = ItsmRecord.replay([...created.events, ...assigned.events])
  const replayedFromText: ItsmRecord = ItsmRecord.replay(JSON.stringify(created.events))
  const replayedText: string = ItsmRecord.replayJSON(JSON.stringify(created.events))
  const applied: ItsmRecord = ItsmRecord.replay(created.events).apply(assigned.events)
  const commented: Outcome = desk.execute(record, { type: 'comment', text: 'Looking', internal: true }, { actor, now: new Date() })
  const recordId: string = record.id
  const recordKind: string = record.kind
  const recordWorkflow: string = record.workflow
  const recordVersion: number = record.version
  const recordState: string = record.state
  const recordCategory: Category = record.category
  const recordFields: { [field: string]: string | number | boolean | null } = record.fields
  const recordJson: string = JSON.stringify(record)
  const recordData: JSONData<RecordDocument> = record.toJSON()
  const stateSinceText: string = recordData.state_since
  const evaluation: Evaluation = PolicySet.template('itil_incident').evaluate(record.timeline(), new Date())
  const outcomeText: string = desk.executeJSON(null, JSON.stringify(create), JSON.stringify({ actor, now: new Date() }))
  const wakeup: Wakeup = desk.wake(record, null, new Date())
  const wokenFromDocument: Wakeup = desk.wake(assigned.record, new Date(0), new Date())
  const wakeupText: string = desk.wakeJSON(record.toJSONString(), null, new Date().toISOString())
  const readEvent: RecordEvent = readRecordEvent(JSON.stringify(firstEvent))
  const readEventText: string = readRecordEventJSON(JSON.stringify(firstEvent))
  const storedInput: RecordInput = JSON.parse(record.toJSONString())
  // @ts-expect-error: a command needs its type
  desk.execute(record, { text: 'no type' }, { actor })
  // @ts-expect-error: the record is a Record, a record document or null
  desk.execute('INC-1', { type: 'comment', text: 'x' }, { actor })
  // @ts-expect-error: the version is read only
  record.version = 3
  // @ts-expect-error: since is a Date or null
  desk.wake(record, undefined, new Date())
  return [
    ruleNames, defaultDesk, deskFromText, deskDocument, createdDocument, eventAt, nextWakeup, followupTarget, fromText2,
    replayed, replayedFromText, replayedText, applied, commented, recordId, recordKind, recordWorkflow, recordVersion,
    recordState, recordCategory, recordFields, recordJson, stateSinceText, evaluation, outcomeText, wakeup,
    wokenFromDocument, wakeupText, readEvent, readEventText, storedInput,
  ]
}

export function tables(ipc: Uint8Array): unknown[] {
  const policies = PolicySet.template('itil_incident')
  const rows: TicketRowInput[] = [
    { id: 'INC-1', opened: new Date('2026-11-23T09:00:00Z'), pauses: [{ start: '2026-11-23T10:00:00Z', end: null }] },
    { id: 'INC-2', opened: '2026-11-23T09:00:00Z', fields: { priority: 'P2' } },
  ]
  const result: TableResult = policies.evaluateRows(rows, new Date(), { states: { paused: 'awaiting_caller' } })
  const deadline: Date | null = result.rows[0].deadline
  const elapsed: number | null = result.rows[0].elapsed_ms
  const compliance: number | null = result.summary.compliance
  const text: string = policies.evaluateRowsJSON(JSON.stringify(rows), new Date(), { shape: 'tickets' })
  const arrow = policies.evaluateArrow(ipc, new Date(), { id: 'number', opened: 'opened_at' }, 2)
  const table: Uint8Array = arrow.table
  const summary: TableSummary = arrow.summary
  // @ts-expect-error: a ticket row needs its opening
  policies.evaluateRows([{ id: 'INC-3' }], new Date())
  // @ts-expect-error: the shape is tickets or events
  policies.evaluateRows(rows, new Date(), { shape: 'columns' })
  return [deadline, elapsed, compliance, text, table, summary]
}

export function services(): unknown[] {
  const graph = ServiceGraph.fromJSON({
    items: [{ id: 'payroll', kind: 'business_service' }, { id: 'db' }],
    relations: [{ from: 'payroll', kind: 'depends_on', to: 'db' }],
  })
  graph.apply({ add_item: { id: 'vm', kind: 'item' } })
  graph.apply({ remove_relation: { from: 'payroll', kind: 'depends_on', to: 'db' } })
  const impact: Impact = graph.impact({ failures: [{ item: 'db', health: 'degraded' }], depth: 2 })
  const health: 'operational' | 'degraded' | 'down' = impact.affected[0].health
  const path: string[] | undefined = impact.affected[0].path
  const document: GraphDocument = graph.toJSON()
  const size: number = new ServiceGraph().size
  // @ts-expect-error: relations are depends_on, runs_on or impacts
  graph.apply({ add_relation: { from: 'vm', kind: 'hosts', to: 'db' } })
  // @ts-expect-error: a failure names an item
  graph.impact({ failures: [{ health: 'down' }] })
  return [impact, health, path, document, size]
}

export function risk(): unknown[] {
  const policy = RiskPolicy.fromJSON({
    levels: ['low', 'high'], default: 'low',
    rules: [{ when: { field_eq: { field: 'category', value: 'database' } }, risk: 'high' }],
    approvals: { low: {}, high: { steps: [{ mode: 'all', approvers: ['dba'] }], cab: true } },
  })
  const assessment: RiskAssessment = policy.assess({ fields: { category: 'database' } })
  const cab: boolean | undefined = assessment.approval.cab
  // @ts-expect-error: answers are text
  policy.assess({ answers: { tested: true } })
  return [assessment, cab, policy.toJSON()]
}

export function windows(graph: ServiceGraph): unknown[] {
  const freeze = ChangeWindows.fromJSON({
    windows: [{ id: 'year-end', kind: 'freeze', scope: ['payroll'], occurrences: [{ from: '2026-12-20T00:00:00Z', to: '2027-01-04T00:00:00Z' }] }],
  })
  const conflicts: WindowConflict[] = freeze.check(graph, { items: ['db'], start: new Date('2026-12-22T22:00:00Z'), end: '2026-12-23T02:00:00Z' })
  const at: Date = conflicts[0].from
  const slot: Slot | null = freeze.nextSlot(graph, { items: ['db'], duration_ms: 7_200_000, from: new Date(), until: new Date() })
  // @ts-expect-error: a window is maintenance, freeze or blackout
  ChangeWindows.fromJSON({ windows: [{ id: 'w', kind: 'quiet', occurrences: [] }] })
  return [conflicts, at, slot]
}

export function schedules(graph: ServiceGraph): unknown[] {
  const schedule = Schedule.fromJSON({ changes: [{ id: 'CHG-1', items: ['db'], start: new Date(), end: '2026-11-29T02:00:00Z', assignee: 'ivan' }] })
  const all: ChangeConflict[] = schedule.conflicts(graph)
  const mine: ChangeConflict[] = schedule.conflictsOf(graph, { items: ['app'], start: new Date(), end: new Date(), assignee: 'olga' })
  const kind: 'same_item' | 'related_item' | 'shared_service' | 'assignee_double_booked' = all[0].kind
  const size: number = schedule.size
  return [all, mine, kind, size]
}

export function metrics(): unknown[] {
  const metrics: Metrics = Metrics.fromJSON({ denominator: 'closed_and_breached', kinds: ['incident'], score: { failed: -20 } })
  const fromText: Metrics = Metrics.fromJSON('{"by": "resolution"}')
  const records: MetricRecordInput[] = [
    { id: 'INC-1', kind: 'incident', created_at: new Date('2026-11-02T09:00:00Z'), resolved_at: '2026-11-02T11:00:00Z', closed_at: null, due_at: new Date() },
    { id: 'CHG-1', kind: 'change', created_at: '2026-11-03T09:00:00Z', outcome: 'backed_out', emergency: true, caused_incidents: 1 },
  ]
  const month: MetricsReport = metrics.report(records, { month: '2026-11' }, new Date())
  const between: MetricsReport = fromText.report(records, { from: new Date(), to: '2026-12-01T00:00:00Z' }, new Date())
  const fromTable: MetricsReport = metrics.reportArrow(new Uint8Array(), { month: '2026-11' }, new Date())
  const mttr: number | null = month.mttr_ms.value
  const compliance: number = month.sla_compliance.denominator
  const periodStart: Date = between.period_start
  const oldest: number | null = month.backlog.oldest_ms
  const mtbf: number | null = month.mtbf[0].mtbf_ms.value
  const document: MetricsDocument = metrics.toJSON()
  // @ts-expect-error: the denominator is closed or closed_and_breached
  Metrics.fromJSON({ denominator: 'open' })
  // @ts-expect-error: a record needs its creation
  metrics.report([{ id: 'INC-2', kind: 'incident' }], { rolling_days: 30 }, new Date())
  // @ts-expect-error: an outcome is one of four
  metrics.report([{ id: 'CHG-2', kind: 'change', created_at: new Date(), outcome: 'partly' }], { rolling_days: 30 }, new Date())
  // @ts-expect-error: now is a Date
  metrics.report(records, { month: '2026-11' }, '2026-12-01T00:00:00Z')
  return [month, fromTable, mttr, compliance, periodStart, oldest, mtbf, document]
}
