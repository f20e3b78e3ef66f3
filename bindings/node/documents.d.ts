/* Generated from schemas/*.schema.json by scripts/documents.mjs (json-schema-to-typescript): do not edit. */
/* eslint-disable */

/**
 * Any document of the core.
 */
export type AnyDocument =
  | Availability
  | AvailabilityReport
  | AvailableTransition
  | BatchItem
  | BatchSummary
  | Calendar
  | ChangeConflict
  | ChangeWindows
  | Command
  | Context
  | DeskDocument
  | ErrorDocument
  | EvaluateOptions
  | Evaluation
  | EventRow
  | Finding
  | GraphChange
  | GraphDocument
  | Impact
  | ImpactQuery
  | MetricRecord
  | Metrics
  | MetricsReport
  | Outcome
  | Period
  | PlannedChange
  | PolicySet
  | PriorityAnswer
  | PriorityMatrix
  | RecordDocument
  | RecordEvent
  | RiskAssessment
  | RiskInput
  | RiskPolicy
  | Rule
  | ScheduleDocument
  | Slot
  | SlotQuery
  | SnapshotRow
  | TableOptions
  | TableResult
  | TableSummary
  | TicketRow
  | Timeline
  | Verdict
  | Wakeup
  | WindowConflict
  | WorkflowDocument
/**
 * An instant: a `Date` in what the binding returns, whose JSON form is the canonical text 2026-11-23T09:00:00.000Z. A document passed in (`Input<T>`) may give it as RFC 3339 text with an offset (2026-11-23T09:00:00Z) instead.
 */
export type Instant = Date
/**
 * An instant (see `Instant`), or null.
 */
export type OptionalInstant = Date | null
/**
 * A local date YYYY-MM-DD.
 */
export type LocalDate = string
/**
 * A half-open window [start, end) of local wall time.
 *
 * @minItems 2
 * @maxItems 2
 */
export type Window = [TimeOfDay, TimeOfDay]
/**
 * A local time of day HH:MM or HH:MM:SS; 24:00 ends a day.
 */
export type TimeOfDay = string
export type WeekdayKey = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun'
/**
 * How an annual holiday that falls on a weekend is observed.
 */
export type Observed = 'as_is' | 'nearest_weekday' | 'next_monday'
/**
 * An IANA time zone name (Europe/Berlin, America/New_York, UTC).
 */
export type TimeZone = string
/**
 * Working hours per weekday (a missing weekday is closed), or "24x7".
 */
export type Week = '24x7' | WeekDays
/**
 * A duration in whole milliseconds.
 */
export type DurationMs = number
/**
 * One record's outcome in a batch: `{index, record, evaluation}` or
 * `{index, record, error}`, the same document in every language.
 */
export type BatchItem =
  | {
      /**
       * The record's position in the batch, from 0.
       */
      index: number
      /**
       * The record's id; `null` when its document has no readable id.
       */
      record: string | null
      evaluation: Evaluation
    }
  | {
      /**
       * The record's position in the batch, from 0.
       */
      index: number
      /**
       * The record's id; `null` when its document has no readable id.
       */
      record: string | null
      error: ErrorDocument
    }
/**
 * Which agreement a policy stands for.
 */
export type Contract = 'sla' | 'ola' | 'underpinning_contract'
/**
 * A kind of interval in an explanation.
 */
export type SegmentKind = 'counted' | 'outside_hours' | 'holiday' | 'paused'
/**
 * A metric's status at `now` (a clock that never started has no result).
 */
export type Status = 'running' | 'paused' | 'met' | 'breached' | 'cancelled'
/**
 * What a metric measures: a label for reports.
 */
export type MetricKind = 'response' | 'resolution' | 'next_update' | 'custom'
/**
 * What an evaluation warns about.
 */
export type WarningCode = 'unknown_state' | 'unmentioned_value' | 'no_policy_applies'
/**
 * How two changes conflict.
 */
export type ChangeConflictKind =
  'same_item' | 'related_item' | 'shared_service' | 'assignee_double_booked'
/**
 * What a window does to the changes it covers.
 */
export type WindowKind = 'maintenance' | 'freeze' | 'blackout'
/**
 * A command to a record: an action and, optionally, the version of the
 * record it was written against (a form loaded earlier); a record at another
 * version refuses it with `version_conflict`.
 */
export type Command =
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * Its first fields (no `state`: the workflow's initial state is taken).
       */
      fields?: {
        [k: string]: Scalar
      }
      /**
       * The new record's id, given by the host.
       */
      id: string
      /**
       * `incident`, `problem`, `service_request`, `change` or `task`.
       */
      kind: string
      /**
       * Links to make at once (a follow-up incident, a child's parent).
       */
      links?: Link[]
      type: 'create'
      /**
       * The workflow, when not the desk's default for the kind.
       */
      workflow?: string | null
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * Its fields, `state` among them.
       */
      fields: {
        [k: string]: Scalar
      }
      /**
       * As for `create`.
       */
      id: string
      /**
       * As for `create`.
       */
      kind: string
      type: 'import'
      /**
       * As for `create`.
       */
      workflow?: string | null
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * The person.
       */
      assigned_to?: string | null
      /**
       * The group.
       */
      assignment_group?: string | null
      type: 'assign'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * Fields set with the move (resolution code and notes).
       */
      set?: {
        [k: string]: Scalar
      }
      /**
       * The transition's name, or the state to move to.
       */
      transition: string
      type: 'transition'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * The fields.
       */
      set: {
        [k: string]: Scalar
      }
      type: 'set_fields'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * A work note the requester does not see.
       */
      internal?: boolean
      /**
       * The text.
       */
      text: string
      type: 'comment'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * The transition to ask for once approved.
       */
      on_approved?: string | null
      /**
       * The transition to ask for once refused.
       */
      on_rejected?: string | null
      /**
       * The steps.
       */
      steps: StepRequest[]
      type: 'request_approval'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * A comment.
       */
      comment?: string | null
      type: 'approve'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * A comment.
       */
      comment?: string | null
      type: 'reject'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * The delegate.
       */
      to: string
      type: 'delegate_approval'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * What the target is to this record.
       */
      kind: LinkKind
      /**
       * The target's id.
       */
      target: string
      type: 'link'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * As for `link`.
       */
      kind: LinkKind
      /**
       * As for `link`.
       */
      target: string
      type: 'unlink'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * The child's id.
       */
      id: string
      /**
       * Its state.
       */
      state: string
      type: 'add_child'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * The child's id.
       */
      id: string
      /**
       * Its state.
       */
      state: string
      type: 'update_child'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * The child's id.
       */
      id: string
      type: 'remove_child'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * Why.
       */
      reason?: string | null
      type: 'reopen'
    }
  | {
      /**
       * The record version the command was written against, if the host
       * checks it.
       */
      expected_version?: number | null
      /**
       * The automation rule that asked for this command, in the follow-ups a
       * desk answers. Its events fire no event-triggered rule, so rules cannot
       * set each other off without end.
       */
      rule?: string | null
      /**
       * Why it happens.
       */
      root_cause: string
      /**
       * What users see.
       */
      symptom: string
      type: 'record_known_error'
      /**
       * How to get by until it is fixed.
       */
      workaround: string
    }
/**
 * A field value: a string, number, boolean or null.
 */
export type Scalar = string | number | boolean | null
/**
 * What a link says of its target.
 */
export type LinkKind =
  | 'parent'
  | 'problem'
  | 'incident'
  | 'change'
  | 'caused_by'
  | 'duplicate_of'
  | 'follows'
  | 'related'
/**
 * How a step is decided.
 */
export type Mode = 'any' | 'all' | 'quorum'
/**
 * An approver's answer.
 */
export type Decision = 'pending' | 'approved' | 'rejected'
/**
 * What a rule asks for; the record module answers each as a command.
 */
export type Action =
  | {
      assign: {
        /**
         * The person, if any.
         */
        assigned_to?: string | null
        /**
         * The group.
         */
        assignment_group: string
      }
    }
  | {
      set_priority: string
    }
  | {
      set: {
        [k: string]: Scalar
      }
    }
  | {
      transition: string
    }
  | {
      notify: {
        /**
         * What.
         */
        message: string
        /**
         * Whom.
         */
        to: string[]
      }
    }
  | {
      add_note: string
    }
/**
 * When a rule may fire.
 */
export type Trigger =
  | {
      event: OneOrManyNames
    }
  | {
      sla: {
        /**
         * The metric's id (`resolution`).
         */
        metric: string
        /**
         * The threshold's name, or `breached`.
         */
        threshold: string
      }
    }
  | {
      in_state: {
        /**
         * How long.
         */
        after: Wait
        /**
         * The state.
         */
        state: string
      }
    }
  | {
      after_resolution: Wait
    }
export type OneOrManyNames = string | [string, ...string[]]
/**
 * A wait in wall-clock time: exactly one of `days` (of 24 hours), `hours` or
 * `minutes`, a whole number above zero.
 */
export type Wait =
  | {
      days: number
    }
  | {
      hours: number
    }
  | {
      minutes: number
    }
/**
 * A condition over a record, evaluated as each event is applied.
 *
 * JSON forms (one key each):
 * `{"always": true}`, `{"state_in": ["new", "in_progress"]}` and
 * `{"state_not_in": ["resolved", "closed"]}` (the `state` field),
 * `{"field_in": {"field": "priority", "values": ["P1", "P2"]}}`,
 * `{"field_eq": {"field": "priority", "value": "P1"}}`, `{"field_set": "assignee"}`,
 * `{"changes_to": {"field": "state", "values": ["resolved"]}}`,
 * `{"changes_from": {"field": "state", "values": ["resolved"]}}`,
 * `{"changes": "priority"}` (any change of the field),
 * `{"event_is": ["comment_public"]}`, `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`.
 */
export type Condition =
  | {
      always: boolean
    }
  | {
      state_in: Scalars
    }
  | {
      state_not_in: Scalars
    }
  | {
      field_in: {
        /**
         * Field name.
         */
        field: string
        /**
         * Accepted values.
         */
        values: Scalars
      }
    }
  | {
      field_eq: {
        /**
         * Field name.
         */
        field: string
        /**
         * The value.
         */
        value: Scalar
      }
    }
  | {
      field_set: string
    }
  | {
      changes_to: {
        /**
         * Field name.
         */
        field: string
        /**
         * Accepted new values.
         */
        values: Scalars
      }
    }
  | {
      changes_from: {
        /**
         * Field name.
         */
        field: string
        /**
         * Accepted old values.
         */
        values: Scalars
      }
    }
  | {
      changes: string
    }
  | {
      /**
       * @minItems 1
       */
      event_is: [string, ...string[]]
    }
  | {
      /**
       * @minItems 1
       */
      all: [Condition, ...Condition[]]
    }
  | {
      /**
       * @minItems 1
       */
      any: [Condition, ...Condition[]]
    }
  | {
      not: Condition
    }
/**
 * @minItems 1
 */
export type Scalars = [string | number | boolean | null, ...(string | number | boolean | null)[]]
/**
 * An ordered list of automation rules, checked as a whole on load: ids are
 * unique, waits are above zero.
 */
export type RuleSet = Rule[]
/**
 * Which resolution a cascade follows.
 */
export type CascadeOn = 'parent_resolved' | 'problem_resolved'
/**
 * An ISO 8601 duration of hours, minutes and seconds (PT8H, PT1H30M, PT0.5S); days are ambiguous and refused.
 */
export type Duration = string
/**
 * Where a working-day result lands within its day; keeping the time of day is
 * the default.
 */
export type WorkingDayMode = 'keep_time_of_day' | 'end_of_day'
/**
 * What happens when a stopped clock's record is reopened.
 */
export type ReopenPolicy =
  'continue_paused' | 'continue_counting' | 'first_completion' | 'new_cycle'
/**
 * How one policy is chosen when several match a record.
 */
export type Selection = 'all' | 'first' | 'shortest' | 'longest'
/**
 * What happens to a running or paused clock when the policy judging it changes
 * (a priority change moves an incident to another policy). A stopped clock
 * keeps the definition it was judged by.
 */
export type SwitchMode =
  | 'restart'
  | 'keep_elapsed'
  | {
      retroactive: {
        /**
         * Where the clock counts from (`created` by default).
         */
        anchor?: Anchor
        /**
         * Whether past pauses of the new definition count (true by default).
         */
        pauses?: boolean
      }
    }
/**
 * Where a recomputed clock counts from.
 */
export type Anchor =
  | 'created'
  | {
      first_set: string
    }
/**
 * What a state means, whatever the workflow calls it: reports and clocks read
 * categories, not state names.
 */
export type Category = 'new' | 'active' | 'pending' | 'resolved' | 'closed' | 'cancelled'
/**
 * The states a transition leaves from: `"*"` (every state that is not final,
 * except the transition's own target), one state id, or a list of them.
 */
export type FromStates = string | [string, ...string[]]
/**
 * One guard of a transition, written as a JSON object of one key.
 *
 * | form | passes when |
 * | --- | --- |
 * | `{"field_set": "assigned_to"}` | the field holds a value (not null, not blank) |
 * | `{"field_eq": {"field": "approval_required", "value": false}}` | the field has the value |
 * | `{"field_in": {"field": "risk", "values": ["low", "moderate"]}}` | the field has one of the values |
 * | `{"condition": {"when": <condition>, "message": "..."}}` | the rule language's condition holds; `message` is the reason otherwise |
 * | `{"actor_has_role": ["change_manager"]}` | the actor holds one of the roles |
 * | `{"actor_in_group": ["cab"]}` | the actor belongs to one of the groups |
 * | `{"actor_in_record_group": "assignment_group"}` | the actor belongs to the group the record's field names |
 * | `{"actor_is": "caller"}` | the actor is the one the record's field names |
 * | `{"actor_is_not": "requested_by"}` | the actor is not the one the field names (segregation of duties) |
 * | `{"approvals": {"threshold_percent": 100, "group": "cab", "not_by": ["requested_by"]}}` | the approved share of the context's approvals reaches the threshold |
 * | `{"children_in": ["closed", "cancelled"]}` | every child task in the context is in one of the states |
 * | `{"inside_window": "maintenance"}` | the context's `now` is working time of the named calendar |
 * | `{"outside_freeze": "change_freeze"}` | the context's `now` is not working time of the named calendar |
 * | `{"host": "credit_check_passed"}` | the host's answer in the context's `predicates` is true |
 * | `{"any": [<guard>, ...]}` | one of the guards passes |
 */
export type Guard =
  | {
      field_set: string
    }
  | {
      field_eq: {
        /**
         * Field name.
         */
        field: string
        /**
         * The value.
         */
        value: Scalar
      }
    }
  | {
      field_in: {
        /**
         * Field name.
         */
        field: string
        /**
         * Accepted values.
         */
        values: Scalars
      }
    }
  | {
      condition: ConditionGuard
    }
  | {
      /**
       * @minItems 1
       */
      actor_has_role: [string, ...string[]]
    }
  | {
      /**
       * @minItems 1
       */
      actor_in_group: [string, ...string[]]
    }
  | {
      actor_in_record_group: string
    }
  | {
      actor_is: string
    }
  | {
      actor_is_not: string
    }
  | {
      approvals: ApprovalRule
    }
  | {
      /**
       * @minItems 1
       */
      children_in: [string, ...string[]]
    }
  | {
      inside_window: string
    }
  | {
      outside_freeze: string
    }
  | {
      host: string
    }
  | {
      /**
       * @minItems 1
       */
      any: [Guard, ...Guard[]]
    }
/**
 * One change to a graph: `{"add_item": {...}}`, `{"remove_item": "db-1"}`,
 * `{"add_relation": {...}}`, `{"remove_relation": {...}}`, `{"add_group":
 * {...}}`, `{"remove_group": "db-cluster"}`.
 */
export type GraphChange =
  | {
      add_item: Item
    }
  | {
      remove_item: string
    }
  | {
      add_relation: Relation
    }
  | {
      remove_relation: Relation
    }
  | {
      add_group: Group
    }
  | {
      remove_group: string
    }
/**
 * What an item is.
 */
export type ItemKind = 'business_service' | 'technical_service' | 'offering' | 'item'
/**
 * How two nodes are related, read as `from <kind> to`.
 */
export type RelationKind = 'depends_on' | 'runs_on' | 'impacts'
/**
 * Why a node is affected.
 */
export type Cause =
  | 'failed'
  | {
      relation: {
        /**
         * The relation's kind, as it is stated (`depends_on`: this node
         * depends on `via`; `impacts`: `via` impacts this node).
         */
        kind: RelationKind
        /**
         * The node impact came from.
         */
        via: string
      }
    }
  | {
      group: {
        /**
         * Members degraded.
         */
        degraded: number
        /**
         * Members down.
         */
        down: number
        /**
         * Members in all.
         */
        members: number
        /**
         * Members that must be up.
         */
        min_up: number
      }
    }
/**
 * How a node stands, from best to worst. A status page shows them as
 * operational, warning and incident.
 */
export type Health = 'operational' | 'degraded' | 'down'
/**
 * What a node of the graph is.
 */
export type NodeKind = 'business_service' | 'technical_service' | 'offering' | 'item' | 'group'
/**
 * How a change ended.
 */
export type ChangeOutcome = 'successful' | 'successful_with_issues' | 'failed' | 'backed_out'
/**
 * Which records a period holds.
 */
export type PeriodBy = 'creation' | 'resolution'
/**
 * What the ticket figures are over.
 */
export type Denominator = 'closed' | 'closed_and_breached'
/**
 * How durations are measured.
 */
export type TimeBasis = 'wall' | 'business'
/**
 * A duration in whole milliseconds, or null.
 */
export type OptionalDurationMs = number | null
/**
 * One event of a record: the version it makes, when, by whom, and what
 * changed. `schema_version` is the version of the event document (events
 * written before it existed read as version 1).
 */
export type RecordEvent =
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The category of its state.
       */
      category: Category
      /**
       * Its fields, `state` among them.
       */
      fields: {
        [k: string]: Scalar
      }
      /**
       * `incident`, `problem`, `service_request`, `change` or `task`.
       */
      kind: string
      type: 'created'
      /**
       * The workflow that judges it.
       */
      workflow: string
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * As for `created`.
       */
      category: Category
      /**
       * As for `created`.
       */
      fields: {
        [k: string]: Scalar
      }
      /**
       * As for `created`.
       */
      kind: string
      type: 'imported'
      /**
       * As for `created`.
       */
      workflow: string
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The fields.
       */
      set: {
        [k: string]: Scalar
      }
      type: 'fields_set'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * `assignment_group` and `assigned_to`, as set.
       */
      set: {
        [k: string]: Scalar
      }
      type: 'assigned'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * Its category.
       */
      category: Category
      /**
       * The state left.
       */
      from: string
      /**
       * The fields set with the move (the command's and the transition's own).
       */
      set?: {
        [k: string]: Scalar
      }
      /**
       * The state entered.
       */
      to: string
      /**
       * The transition taken.
       */
      transition: string
      type: 'transitioned'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * As for `transitioned`.
       */
      category: Category
      /**
       * As for `transitioned`.
       */
      from: string
      /**
       * Why, when the actor said.
       */
      reason?: string | null
      /**
       * As for `transitioned`.
       */
      set?: {
        [k: string]: Scalar
      }
      /**
       * As for `transitioned`.
       */
      to: string
      /**
       * As for `transitioned`.
       */
      transition: string
      type: 'reopened'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * A work note the requester does not see.
       */
      internal: boolean
      /**
       * The text.
       */
      text: string
      type: 'commented'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The transition to ask for once approved.
       */
      on_approved?: string | null
      /**
       * The transition to ask for once refused.
       */
      on_rejected?: string | null
      /**
       * The steps, in order.
       */
      steps: StepRequest[]
      type: 'approval_requested'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * `approved` or `rejected`.
       */
      answer: Answer
      /**
       * The approver answering, as the step names them.
       */
      approver: string
      /**
       * Their comment.
       */
      comment?: string | null
      /**
       * The step.
       */
      step: number
      type: 'approval_answered'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The approver who delegated.
       */
      from: string
      /**
       * The step.
       */
      step: number
      /**
       * The delegate.
       */
      to: string
      type: 'approval_delegated'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      type: 'approvals_suspended'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      type: 'approvals_reinstated'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The link.
       */
      link: Link
      type: 'linked'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The link.
       */
      link: Link
      type: 'unlinked'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The child and its state.
       */
      child: Child
      type: 'child_added'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * The child and its new state.
       */
      child: Child
      type: 'child_updated'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * Its id.
       */
      id: string
      type: 'child_removed'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * `known_error`, `symptom`, `root_cause` and `workaround`.
       */
      set: {
        [k: string]: Scalar
      }
      type: 'known_error_recorded'
    }
  | {
      /**
       * Who did it.
       */
      actor: string
      /**
       * When it happened.
       */
      at: Instant
      /**
       * The record's id.
       */
      record: string
      /**
       * The version of this document's shape.
       */
      schema_version?: number
      /**
       * The record's version once this event is applied: 1 for its creation.
       */
      version: number
      /**
       * Whom to tell.
       */
      notify: string[]
      /**
       * The trigger rule that matched.
       */
      rule: string
      type: 'major_incident_flagged'
    }
/**
 * An approver's answer, as the record keeps it.
 */
export type Answer = 'pending' | 'approved' | 'rejected' | 'not_required'
/**
 * Where a step or a round stands.
 */
export type ApprovalOutcome = 'pending' | 'approved' | 'rejected'
/**
 * Which part of the policy gave a level.
 */
export type RiskSourceKind = 'rule' | 'questionnaire' | 'matrix' | 'default'
/**
 * What a local time that happens twice reads as: in Europe/Berlin,
 * 2026-10-25 02:30 is 00:30Z (summer time) and 01:30Z (winter time).
 */
export type AmbiguousTimes = 'refuse' | 'earlier' | 'later'
/**
 * What a row that goes back in time gets: a row before its ticket's creation
 * or, with an order column, before a row that comes earlier in that order.
 */
export type OutOfOrder = 'refuse' | 'clamp' | 'drop'
/**
 * Which shape a table has.
 */
export type Shape = 'tickets' | 'events' | 'snapshots'
/**
 * The field's value ("P3"), or several fields' values ({"state": "on_hold", "hold_reason": "awaiting_caller"}).
 */
export type MappedValue =
  | (string | number | boolean | null)
  | {
      [k: string]: string | number | boolean | null
    }
/**
 * How a change conflicts with a window.
 */
export type WindowConflictKind = 'inside_freeze' | 'inside_blackout' | 'outside_maintenance'

/**
 * What availability is measured against: service hours, a target, outages and
 * agreed maintenance windows.
 *
 * JSON form:
 * ```json
 * {"service_hours": {"time_zone": "Europe/Berlin", "week": "24x7"}, "target": 99.9,
 *  "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:45:00Z"},
 *              {"start": "2026-11-20T08:00:00Z", "end": null}],
 *  "maintenance": [{"start": "2026-11-08T01:00:00Z", "end": "2026-11-08T03:00:00Z"}]}
 * ```
 * `service_hours` is a calendar document (24x7 UTC when left out); the target
 * has at most three decimals (99.999); an outage whose `end` is null or left
 * out is still going on at `now`.
 */
export interface Availability {
  /**
   * Agreed maintenance, left out of both sides.
   */
  maintenance?: Maintenance[]
  /**
   * Outages; one without an end is still going on.
   */
  outages?: Outage[]
  /**
   * The agreed service hours.
   */
  service_hours?: Calendar
  /**
   * The availability target in percent, at most three decimals (99.9, 99.999).
   */
  target: number
}
/**
 * An agreed maintenance window.
 */
export interface Maintenance {
  /**
   * First instant after.
   */
  end: Instant
  /**
   * The host's id for it.
   */
  id?: string | null
  /**
   * First instant.
   */
  start: Instant
}
/**
 * An outage of the service.
 */
export interface Outage {
  /**
   * When it ended; `None` while it goes on.
   */
  end?: OptionalInstant
  /**
   * The host's id for it.
   */
  id?: string | null
  /**
   * When it began.
   */
  start: Instant
}
/**
 * A calendar document, as data.
 */
export interface Calendar {
  /**
   * Working when the first member works and no other does.
   *
   * @minItems 2
   */
  difference?: [Calendar, Calendar, ...Calendar[]] | null
  /**
   * Dates that work although the week or a holiday would close them.
   */
  extra_working_days?: ExtraWorkingDay[]
  /**
   * Holidays.
   */
  holidays?: Holiday[]
  /**
   * Working when every member works.
   *
   * @minItems 1
   */
  intersection?: [Calendar, ...Calendar[]] | null
  /**
   * Shown in explanations.
   */
  name?: string | null
  /**
   * Dated special hours, replacing everything else on the date.
   */
  overrides?: DateHours[]
  /**
   * The IANA zone of the windows; for a composite, the zone whose dates are days.
   */
  time_zone?: TimeZone | null
  /**
   * Working when any member works.
   *
   * @minItems 1
   */
  union?: [Calendar, ...Calendar[]] | null
  /**
   * Weekly hours.
   */
  week?: Week | null
}
/**
 * A date that works although the week template or a holiday would close it.
 */
export interface ExtraWorkingDay {
  /**
   * The local date.
   */
  date: LocalDate
  /**
   * Its windows.
   */
  hours?: Window[] | null
  /**
   * The weekday whose windows it takes.
   */
  like?: WeekdayKey | null
}
/**
 * A holiday: whole local days, or the closed parts of them.
 */
export interface Holiday {
  /**
   * Month and day every year, `MM-DD`.
   */
  annual?: string | null
  /**
   * The closed part of each day; the whole day when left out.
   *
   * @minItems 1
   */
  closed?: [Window, ...Window[]] | null
  /**
   * One date.
   */
  date?: LocalDate | null
  /**
   * Days from Western Easter Sunday (-2 is Good Friday).
   */
  easter?: number | null
  /**
   * First date of an inclusive range.
   */
  from?: LocalDate | null
  /**
   * Shown in explanations.
   */
  name?: string | null
  /**
   * The nth weekday of a month.
   */
  nth_weekday?: NthWeekdayDocument | null
  /**
   * How an annual holiday on a weekend is observed.
   */
  observed?: Observed | null
  /**
   * Last date of an inclusive range.
   */
  to?: LocalDate | null
}
/**
 * The dates of an nth-weekday holiday.
 */
export interface NthWeekdayDocument {
  /**
   * Month, 1-12.
   */
  month: number
  /**
   * 1-5 from the start of the month, -1 (last) to -5 from its end.
   */
  n: number
  /**
   * The weekday.
   */
  weekday: WeekdayKey
}
/**
 * Special hours on one date, replacing everything else (an empty list closes it).
 */
export interface DateHours {
  /**
   * The local date.
   */
  date: LocalDate
  /**
   * Its windows.
   */
  hours: Window[]
}
/**
 * Hours per weekday; a weekday left out is closed.
 */
export interface WeekDays {
  fri?: Window[]
  mon?: Window[]
  sat?: Window[]
  sun?: Window[]
  thu?: Window[]
  tue?: Window[]
  wed?: Window[]
}
/**
 * An availability report for one period, as of `now`.
 *
 * Durations are milliseconds of agreed service time: service hours less
 * maintenance. Figures "so far" stop at `now` for a period still running.
 */
export interface AvailabilityReport {
  /**
   * Agreed service time in the whole period.
   */
  agreed_ms: DurationMs
  /**
   * Agreed service time from the period's start to `now` (or its end).
   */
  agreed_so_far_ms: DurationMs
  /**
   * Downtime the target allows over the whole period.
   */
  allowed_downtime_ms: DurationMs
  /**
   * Agreed time up so far as a share of agreed time so far, unrounded;
   * `None` when no service time has passed yet.
   */
  availability_percent: number | null
  /**
   * How fast the budget burns: the downtime share so far divided by the
   * share the target allows; 1.0 uses exactly the budget by the period's end.
   */
  burn_rate: number | null
  /**
   * Outage time within agreed service time, so far.
   */
  downtime_ms: DurationMs
  /**
   * Allowed downtime not yet used; negative once the target is missed.
   */
  error_budget_remaining_ms: DurationMs
  /**
   * The remaining budget as a share of the allowed downtime (`None` for a
   * 100 % target).
   */
  error_budget_remaining_percent: number | null
  /**
   * Whether availability so far meets the target (true with no service time yet).
   */
  met: boolean
  /**
   * How many outages overlap agreed service time in the period so far.
   */
  outages_counted: number
  /**
   * First instant after the period.
   */
  period_end: Instant
  /**
   * First instant of the period.
   */
  period_start: Instant
  /**
   * The target, in percent.
   */
  target_percent: number
}
/**
 * One transition out of the record's state, as
 * `Workflow::available` lists it: what a UI
 * needs to draw a button, enabled or with its reasons.
 */
export interface AvailableTransition {
  /**
   * Whether it may be taken now.
   */
  allowed: boolean
  /**
   * Its label, when the workflow gives one.
   */
  label?: string | null
  /**
   * Every reason against, empty when allowed.
   */
  reasons: Reason[]
  /**
   * The state it leads to.
   */
  to: string
  /**
   * The transition's name.
   */
  transition: string
}
/**
 * Why a move or a command is refused: a stable code, the path of what
 * refused (in the workflow document for a guard or a requirement, in the
 * command for a record's own rules), and a sentence. Workflows and records
 * share it, so a host reads every refusal the same way.
 *
 * | code | refused by |
 * | --- | --- |
 * | `not_from_state` | the transition does not leave from the record's state (path: its `from`) |
 * | `no_transition_to_state` | no transition leads to the state asked for (path: the state) |
 * | `field_required` | a field the transition `requires` is not set |
 * | `field_value_unknown` | a required field holds a value outside its declared `values` |
 * | `field_not_set`, `field_not_equal`, `field_not_in` | the field guards |
 * | `condition_failed` | a `condition` guard (the message is the guard's) |
 * | `role_missing`, `group_missing`, `not_in_record_group` | the actor guards |
 * | `actor_not_named` | `actor_is`: the actor is not the one the field names |
 * | `segregation_of_duties` | `actor_is_not`: the actor is the one the field names |
 * | `approvals_missing`, `approvals_pending`, `approvals_rejected` | the quorum of `approvals` |
 * | `approval_not_counted` | an approval by an actor its `not_by` excludes (one reason each) |
 * | `children_open` | `children_in` |
 * | `outside_window`, `inside_freeze` | the calendar guards |
 * | `predicate_failed` | a `host` guard the host answered false |
 * | `no_alternative_passed` | an `any` guard none of whose guards passes |
 * | `record_closed` | a record command: the record is closed or cancelled |
 * | `reopen_window_passed` | `reopen`: the window after resolution has passed |
 * | `not_reopenable` | `reopen`: no `reopen` transition leaves the record's state |
 * | `self_approval` | an answer or a delegation by an actor whose approval never counts |
 * | `not_an_approver`, `already_answered`, `no_approval_pending`, `approvals_suspended` | the approval commands |
 * | `approval_in_progress` | `request_approval` while a request is open |
 * | `link_to_itself`, `link_exists`, `link_unknown`, `link_not_allowed`, `second_parent` | the link commands |
 * | `child_exists`, `child_unknown` | the child commands |
 * | `field_not_declared` | `set_fields`, `assign`: a field the workflow does not declare |
 * | `state_field` | `set_fields`: the state moves only through transitions |
 * | `nothing_to_change` | a command that would change nothing |
 */
export interface Reason {
  /**
   * A stable code (see the table above).
   */
  code:
    | 'not_from_state'
    | 'no_transition_to_state'
    | 'field_required'
    | 'field_value_unknown'
    | 'field_not_set'
    | 'field_not_equal'
    | 'field_not_in'
    | 'condition_failed'
    | 'role_missing'
    | 'group_missing'
    | 'not_in_record_group'
    | 'actor_not_named'
    | 'segregation_of_duties'
    | 'approvals_missing'
    | 'approvals_pending'
    | 'approvals_rejected'
    | 'approval_not_counted'
    | 'children_open'
    | 'outside_window'
    | 'inside_freeze'
    | 'predicate_failed'
    | 'no_alternative_passed'
    | 'record_closed'
    | 'reopen_window_passed'
    | 'not_reopenable'
    | 'self_approval'
    | 'not_an_approver'
    | 'already_answered'
    | 'no_approval_pending'
    | 'approvals_suspended'
    | 'approval_in_progress'
    | 'link_to_itself'
    | 'link_exists'
    | 'link_unknown'
    | 'link_not_allowed'
    | 'second_parent'
    | 'child_exists'
    | 'child_unknown'
    | 'field_not_declared'
    | 'state_field'
    | 'nothing_to_change'
  /**
   * The record field concerned, when one is.
   */
  field?: string | null
  /**
   * The reason, in a sentence for people.
   */
  message: string
  /**
   * The path of what refused: in the workflow document for a guard or a
   * requirement (`transitions[8].guards[1]`), in the command for a
   * record's own rules (`command.approver`).
   */
  path: string
  /**
   * The transition refused, when the reason concerns one.
   */
  transition?: string | null
}
/**
 * A record evaluated against a policy set at `now`.
 */
export interface Evaluation {
  /**
   * Ids of the policies that match the record now, in document order.
   */
  matched: string[]
  /**
   * The clocks attached now, by policy and metric order.
   */
  metrics: MetricResult[]
  /**
   * The earliest `next_wakeup` of any clock: schedule one timer for it.
   */
  next_wakeup: OptionalInstant
  /**
   * The instant of the evaluation.
   */
  now: Instant
  /**
   * The record's id.
   */
  record: string
  /**
   * Ids of the policies selected among them.
   */
  selected: string[]
  /**
   * What the record holds that the policy set does not know (a state it
   * does not list, a value no condition mentions, no policy at all); left
   * out when there is nothing to say.
   */
  warnings?: Warning[]
}
/**
 * A metric's clock for one record: every cycle, and what the record's policy
 * set says about it.
 */
export interface MetricResult {
  /**
   * Whether the current (last) cycle is breached.
   */
  breached: boolean
  /**
   * That policy's contract.
   */
  contract: Contract
  /**
   * Every cycle, oldest first.
   */
  cycles: CycleResult[]
  /**
   * Whether any cycle ever breached.
   */
  ever_breached: boolean
  /**
   * `response`, `resolution`, `next_update` or `custom`.
   */
  kind: MetricKind
  /**
   * The metric's id.
   */
  metric: string
  /**
   * The metric's name, if any.
   */
  name: string | null
  /**
   * The policy judging the clock now.
   */
  policy: string
}
/**
 * A metric's clock read at `now`, for one cycle.
 *
 * Durations are milliseconds, measured in the goal's own terms: business time
 * in the metric's calendar, or wall time for a wall goal.
 */
export interface CycleResult {
  /**
   * The deadline, when breached.
   */
  breached_at: OptionalInstant
  /**
   * 1 for the first cycle; a reopen with the `new_cycle` policy starts the next.
   */
  cycle: number
  /**
   * The earliest instant at which elapsed time reaches the goal, projected
   * from the clock's last change (it does not move while paused).
   */
  deadline: OptionalInstant
  /**
   * The first working instant at or after the deadline: where work resumes
   * when the deadline is a closing instant.
   */
  deadline_next_opening: OptionalInstant
  /**
   * Time counted towards the goal.
   */
  elapsed_ms: DurationMs
  /**
   * Wall time the clock was running.
   */
  elapsed_wall_ms: DurationMs
  /**
   * The intervals from the start to the stop (or `now`): counted, outside
   * hours, holiday, paused. Empty when the evaluation was asked not to
   * explain (`crate::sla::EvaluateOptions`).
   */
  explanation: Segment[]
  /**
   * The goal in the goal's terms (for a negotiated date, the business time
   * from the start to it).
   */
  goal_ms: DurationMs
  /**
   * The metric's id.
   */
  metric: string
  /**
   * When to evaluate again: the first instant after `now` at which a
   * threshold is crossed or the clock breaches if nothing happens; `None` when
   * paused, stopped, or breached with no threshold left.
   */
  next_wakeup: OptionalInstant
  /**
   * The deadline had the clock never paused.
   */
  original_deadline: OptionalInstant
  /**
   * Elapsed time beyond the goal.
   */
  overrun_ms: DurationMs
  /**
   * `paused_ms` per reason.
   */
  paused_by_reason: {
    [k: string]: DurationMs
  }
  /**
   * Time paused, in the goal's terms (a pause in closed hours counts nothing).
   */
  paused_ms: DurationMs
  /**
   * Elapsed time as a percentage of the goal, unrounded; `None` for a zero goal.
   */
  percent: number | null
  /**
   * Goal minus elapsed time, at least 0.
   */
  remaining_ms: DurationMs
  /**
   * Wall time from `now` to the deadline, at least 0; 0 once stopped.
   */
  remaining_wall_ms: DurationMs
  /**
   * When the cycle started.
   */
  started_at: OptionalInstant
  /**
   * The status at `now`.
   */
  status: Status
  /**
   * When the clock stopped (met or breached) or was cancelled.
   */
  stopped_at: OptionalInstant
  /**
   * Every threshold with its instant (crossed, or projected from the clock's
   * last change).
   */
  thresholds: ThresholdResult[]
}
/**
 * One interval of an explanation.
 */
export interface Segment {
  /**
   * First instant.
   */
  from: Instant
  /**
   * What the interval was.
   */
  kind: SegmentKind
  /**
   * Why paused, or which holiday.
   */
  reason?: string | null
  /**
   * First instant after.
   */
  to: Instant
}
/**
 * A threshold of a cycle.
 */
export interface ThresholdResult {
  /**
   * When it was crossed, or when it will be if the clock runs on.
   */
  at: Instant
  /**
   * Whether it has been crossed.
   */
  crossed: boolean
  /**
   * The threshold's name.
   */
  name: string
}
/**
 * Something a record holds that its policy set does not know.
 */
export interface Warning {
  /**
   * A stable code.
   */
  code: WarningCode
  /**
   * What is wrong, in a sentence.
   */
  message: string
  /**
   * Where in the timeline document the value first appears
   * (`fields.priority`, `events[3].set.state`); empty for the record as a whole.
   */
  path: string
}
/**
 * The document form of an error, the same in every language:
 * `{"code", "message", "path"?, "details"?}`. `message` is the error's full
 * sentence (`week.tue[1]: end 08:00 is before start 14:00`); `path` is set for
 * document errors, `details` carries a variant's other fields.
 */
export interface ErrorDocument {
  /**
   * The stable code of `Error::code`.
   */
  code:
    | 'invalid_config'
    | 'invalid_input'
    | 'invalid_argument'
    | 'no_working_time'
    | 'out_of_range'
    | 'version_conflict'
    | 'command_refused'
  /**
   * The variant's other fields (`argument`; `from`, `direction`, `years`;
   * `instant`, `min`, `max`; `expected`, `actual`; `command`, `reasons`,
   * `instead`).
   */
  details?: {
    [k: string]: unknown
  } | null
  /**
   * The whole message, as the error displays.
   */
  message: string
  /**
   * The path of the bad field in the document, for document errors.
   */
  path?: string | null
}
/**
 * Counts over a batch: how many records were evaluated, failed, and warned
 * about, per warning code.
 */
export interface BatchSummary {
  /**
   * Errors by code.
   */
  error_codes: {
    [k: string]: number
  }
  /**
   * Records that failed, each with its error in its item.
   */
  errors: number
  /**
   * Records evaluated.
   */
  evaluated: number
  /**
   * Records in the batch.
   */
  records: number
  /**
   * Evaluated records with at least one warning.
   */
  warned: number
  /**
   * Warnings by code, over all records.
   */
  warnings: {
    [k: string]: number
  }
}
/**
 * A conflict between two overlapping changes, both sides named.
 */
export interface ChangeConflict {
  /**
   * For `assignee_double_booked`, the assignee.
   */
  assignee?: string | null
  /**
   * The change judged (the one that starts first, or first on the
   * schedule, in a whole schedule's conflicts).
   */
  change: string
  /**
   * Where they overlap.
   */
  from: Instant
  /**
   * The change's item (for `assignee_double_booked`, its first item).
   */
  item: string
  /**
   * How they conflict.
   */
  kind: ChangeConflictKind
  /**
   * The other change.
   */
  other: string
  /**
   * The other's item.
   */
  other_item: string
  /**
   * For `shared_service`, the service.
   */
  service?: string | null
  /**
   * The overlap's end.
   */
  to: Instant
}
/**
 * The windows a host keeps, as a document: `{"windows": [...]}`.
 */
export interface ChangeWindows {
  /**
   * The windows.
   */
  windows: ChangeWindow[]
}
/**
 * A maintenance, freeze or blackout window.
 */
export interface ChangeWindow {
  /**
   * Recurring: the calendar's working intervals are the occurrences (give
   * this or `occurrences`).
   */
  calendar?: Calendar | null
  /**
   * Unique among the windows.
   */
  id: string
  /**
   * What it does.
   */
  kind: WindowKind
  /**
   * Shown to people.
   */
  name?: string | null
  /**
   * One-off occurrences (give these or `calendar`).
   */
  occurrences?: Occurrence[]
  /**
   * The services or items it is for, and so everything they depend on (a
   * freeze on payroll freezes its database); every item when empty.
   */
  scope?: string[]
}
/**
 * A one-off occurrence, half-open.
 */
export interface Occurrence {
  /**
   * First instant inside.
   */
  from: Instant
  /**
   * First instant after.
   */
  to: Instant
}
/**
 * A link from a record to another, by the other's id.
 */
export interface Link {
  /**
   * What the target is to this record.
   */
  kind: LinkKind
  /**
   * The target's id.
   */
  target: string
}
/**
 * One step as a command asks for it.
 */
export interface StepRequest {
  /**
   * The approvers' actor ids.
   */
  approvers: string[]
  /**
   * The group the step is asked of (`cab`), which workflow guards count by.
   */
  group?: string | null
  /**
   * How the step is decided.
   */
  mode: Mode
  /**
   * A name for people (`manager`, `cab`).
   */
  name?: string | null
  /**
   * For `quorum`: the approved share needed, 0 to 100.
   */
  threshold_percent?: number | null
}
/**
 * Who acts and when, as the host tells it: the actor's id, roles and groups,
 * the host's `now`, and what the host read beside the record: its approvals,
 * its child tasks' states and the answers of the host's own predicates. The
 * core reads no clock and no store, so these are exactly as fresh as the
 * host's read.
 */
export interface Context {
  /**
   * The actor, when one acts.
   */
  actor?: Actor | null
  /**
   * The record's approvals, as requested and answered so far.
   */
  approvals?: Approval[]
  /**
   * The record's child tasks and their states.
   */
  children?: Child[]
  /**
   * The host's current instant.
   */
  now?: OptionalInstant
  /**
   * The host's answers to the predicates that workflow guards name
   * (`{"credit_check_passed": true}`).
   */
  predicates?: {
    [k: string]: boolean
  }
}
/**
 * An authenticated actor: an id, the roles it holds and the groups it belongs to.
 */
export interface Actor {
  /**
   * Groups belonged to (`service_desk`, `network`).
   */
  groups?: string[]
  /**
   * The actor's id, as the host knows it.
   */
  id: string
  /**
   * Roles held (`agent`, `change_manager`).
   */
  roles?: string[]
}
/**
 * One approval of a record: who was asked, in which group, and their answer.
 */
export interface Approval {
  /**
   * The approver's actor id.
   */
  approver: string
  /**
   * The answer so far.
   */
  decision: Decision
  /**
   * The group the approval was asked of (`cab`, `ecab`), if any.
   */
  group?: string | null
}
/**
 * A child task of a record (a change task, a fulfilment task, a child
 * incident) and its state.
 */
export interface Child {
  /**
   * The child's id.
   */
  id: string
  /**
   * The child's state.
   */
  state: string
}
/**
 * A desk as written: every part optional, the built-in workflows always there.
 */
export interface DeskDocument {
  /**
   * Automation rules, in order.
   */
  automation?: RuleSet
  /**
   * What a resolution passes on (by default, a parent's resolution to
   * its open children).
   */
  cascades?: Cascade[]
  /**
   * The workflow a kind's records take when a command names none, beside
   * the defaults (`incident`, `problem`, `service_request`, `change` →
   * `change_normal`, `task`); a kind not here is refused.
   */
  kinds?: {
    [k: string]: string
  }
  /**
   * Major-incident triggers, in order: the first that holds flags an
   * incident, once.
   */
  major_incident?: MajorIncidentRule[]
  /**
   * Record fields naming actors whose approval never counts and who may
   * not answer (`requested_by`, `requested_for`, `implementer` by default).
   */
  not_approved_by?: string[]
  /**
   * A priority matrix: when set, a record whose `impact` and `urgency`
   * change takes its `priority` from it.
   */
  priority?: PriorityMatrix | null
  /**
   * How many days (of 24 hours) after resolution a record may reopen;
   * any time while resolved when absent.
   */
  reopen_window_days?: number | null
  /**
   * SLA policies the desk evaluates records against when it wakes.
   */
  sla?: PolicySet | null
  /**
   * Workflows by name, beside the built-in ones (a name of a built-in one
   * replaces it).
   */
  workflows?: {
    [k: string]: WorkflowDocument
  }
}
/**
 * One automation rule: when it may fire (`on`), what must hold (`when`), and
 * what it asks for (`actions`).
 */
export interface Rule {
  /**
   * What it asks for, in order.
   */
  actions: Action[]
  /**
   * The rule's id, unique in its desk; named by what it answers.
   */
  id: string
  /**
   * The record kinds it applies to (`incident`, `change`); all when empty.
   */
  kinds?: string[]
  /**
   * A name for people.
   */
  name?: string | null
  /**
   * When it may fire.
   */
  on: Trigger
  /**
   * What must hold of the record's fields when it does (the rule language).
   */
  when?: Condition | null
}
/**
 * What one resolution passes on to other records, as commands.
 */
export interface Cascade {
  /**
   * Fields copied from the resolved record into the command.
   */
  copy?: string[]
  /**
   * Which resolution.
   */
  on: CascadeOn
  /**
   * Fields the command sets besides.
   */
  set?: {
    [k: string]: Scalar
  }
  /**
   * The transition (or state) to ask of each record reached.
   */
  to: string
}
/**
 * A major-incident trigger: a name, a condition, and whom to tell.
 */
export interface MajorIncidentRule {
  /**
   * The rule's name, kept on the record.
   */
  name: string
  /**
   * Whom to tell (ids, groups or roles, as the host resolves them).
   */
  notify?: string[]
  /**
   * What must hold of the incident after a command.
   */
  when: Condition
}
/**
 * Impact x urgency to priority, with ordered overrides.
 *
 * JSON form:
 * ```json
 * {"impacts": ["high", "medium", "low"], "urgencies": ["high", "medium", "low"],
 *  "priorities": ["P1", "P2", "P3", "P4", "P5"],
 *  "matrix": {"high": {"high": "P1", "medium": "P2", "low": "P3"},
 *             "medium": {"high": "P2", "medium": "P3", "low": "P4"},
 *             "low": {"high": "P3", "medium": "P4", "low": "P5"}},
 *  "overrides": [{"name": "VIP caller", "when": {"field_eq": {"field": "vip", "value": true}}, "raise": 1}]}
 * ```
 * `impacts`, `urgencies` and `priorities` are ordered from the most severe;
 * every impact has a priority for every urgency. An override either `raise`s
 * the matrix's priority by a number of steps (negative lowers it; the ends of
 * `priorities` bound it) or `set`s one.
 */
export interface PriorityMatrix {
  /**
   * Impact values, the most severe first.
   *
   * @minItems 1
   */
  impacts: [string, ...string[]]
  /**
   * The priority of each impact (outer key) and urgency (inner key).
   */
  matrix: {
    [k: string]: {
      [k: string]: string
    }
  }
  /**
   * Rules tried in order; the first whose condition holds on the record's
   * fields changes the matrix's answer.
   */
  overrides?: PriorityOverride[]
  /**
   * Priority values, the highest first.
   *
   * @minItems 1
   */
  priorities: [string, ...string[]]
  /**
   * Urgency values, the most urgent first.
   *
   * @minItems 1
   */
  urgencies: [string, ...string[]]
}
/**
 * A rule that changes the matrix's answer for some records.
 */
export interface PriorityOverride {
  /**
   * Shown in answers.
   */
  name?: string | null
  /**
   * Steps towards the highest priority (negative: towards the lowest).
   */
  raise?: number | null
  /**
   * The priority to give.
   */
  set?: string | null
  /**
   * Tested on the record's fields.
   */
  when: Condition
}
/**
 * Policies, the calendars their clocks count in, and the rules that choose
 * among them.
 */
export interface PolicySet {
  /**
   * The calendars metrics count in, by id.
   */
  calendars?: {
    [k: string]: Calendar
  }
  /**
   * The policies, in document order.
   */
  policies: Policy[]
  /**
   * How one policy is chosen when several match.
   */
  selection?: Selection
  /**
   * Every value the records' `state` field may take; lint and evaluation
   * warnings check conditions and records against it.
   */
  states?: string[] | null
  /**
   * What happens to running clocks when the judging policy changes.
   */
  switch?: SwitchMode
}
/**
 * A policy: the records it applies to and the clocks it gives them.
 */
export interface Policy {
  /**
   * Which records it applies to, tested on the record's fields after each
   * event (`{"field_in": {"field": "priority", "values": ["P1"]}}`).
   */
  applies: Condition
  /**
   * Unique in its set.
   */
  id: string
  /**
   * Its clocks. A metric id names a clock across the whole set: when a record
   * moves to another policy, the clock with the same id switches to it.
   *
   * @minItems 1
   */
  metrics: [Metric, ...Metric[]]
  /**
   * Shown in reports.
   */
  name?: string | null
  /**
   * SLA, OLA or underpinning contract (`type`, `sla` by default).
   */
  type?: Contract
}
/**
 * A clock of an SLA policy: time to first response, to resolution, or custom.
 */
export interface Metric {
  /**
   * The id of the calendar the clock counts in; `None` counts all the time.
   */
  calendar?: string | null
  /**
   * Cancels the clock: it no longer applies.
   */
  cancel?: Condition | null
  /**
   * What the clock must achieve.
   */
  goal: Goal
  /**
   * Unique within its policy.
   */
  id: string
  /**
   * `response`, `resolution`, `next_update` or `custom`: a label for reports.
   */
  kind?: MetricKind
  /**
   * Shown in reports.
   */
  name?: string | null
  /**
   * Pauses a running clock.
   */
  pause?: Condition | null
  /**
   * The field whose value names a pause's reason (`hold_reason`); when it is
   * absent or empty, the `state` field names it, and failing that the event type.
   */
  pause_reason_field?: string | null
  /**
   * Reopening of a stopped clock.
   */
  reopen?: Reopen | null
  /**
   * Restarts a started clock from zero.
   */
  reset?: Condition | null
  /**
   * Resumes a paused clock; without it, the clock resumes when `pause` no
   * longer holds.
   */
  resume?: Condition | null
  /**
   * Starts the clock.
   */
  start: Condition
  /**
   * Stops the clock: the goal is met or breached. Left out, the clock runs
   * until it is cancelled or its policy no longer applies.
   */
  stop?: Condition | null
  /**
   * Instants worth a notification before or after the deadline.
   */
  thresholds?: Threshold[]
}
/**
 * What a metric must achieve. Each kind is explicit: "1 day" is never silently
 * 24 hours or 8 hours.
 */
export interface Goal {
  /**
   * Business time in the metric's calendar.
   */
  business?: Duration | null
  /**
   * The field whose value picks the goal in `values`.
   */
  by?: string | null
  /**
   * The goal of any value `values` lacks.
   */
  default?: Goal | null
  /**
   * How working days end: `keep_time_of_day` (the default) or `end_of_day`.
   */
  mode?: WorkingDayMode | null
  /**
   * The field holding the negotiated instant.
   */
  negotiated_field?: string | null
  /**
   * A goal per value of the `by` field.
   */
  values?: {
    [k: string]: Goal
  } | null
  /**
   * Wall-clock time.
   */
  wall?: Duration | null
  /**
   * Working days of the metric's calendar.
   */
  working_days?: number | null
}
/**
 * When a stopped clock counts as reopened, and what then happens.
 */
export interface Reopen {
  /**
   * What reopening does.
   */
  policy: ReopenPolicy
  /**
   * The condition that reopens a stopped clock; left out, the record
   * reopens the clock when it leaves what `stop` describes (the stop
   * condition held before the event and no longer holds after it).
   */
  when?: Condition | null
}
/**
 * An instant of a clock worth a notification.
 */
export interface Threshold {
  /**
   * This long after the deadline.
   */
  after_deadline?: Duration | null
  /**
   * This long before the deadline.
   */
  before_deadline?: Duration | null
  /**
   * Move the instant into working hours.
   */
  in_business_hours?: boolean
  /**
   * Shown in results; by default `75%`, `PT1H before`, `PT30M after`.
   */
  name?: string | null
  /**
   * A share of the goal, 0 to 100000 with at most two decimals.
   */
  percent?: number | null
  /**
   * Offsets in wall time rather than the goal's terms.
   */
  wall?: boolean
}
/**
 * A workflow as written: the states a record can be in, the transitions
 * between them with their guards, and the fields and calendars they name.
 *
 * JSON form (`docs/workflow-format.md` has every field):
 * ```json
 * {"name": "incident", "initial": "new",
 *  "states": [{"id": "new", "category": "new"}, {"id": "resolved", "category": "resolved"}],
 *  "fields": [{"id": "resolution_code", "values": ["solved", "workaround"]}],
 *  "transitions": [{"name": "resolve", "from": "new", "to": "resolved",
 *                   "requires": ["resolution_code"], "guards": [{"actor_has_role": ["agent"]}]}]}
 * ```
 */
export interface WorkflowDocument {
  /**
   * Calendars that window and freeze guards name, by id.
   */
  calendars?: {
    [k: string]: Calendar
  }
  /**
   * The record fields transitions and guards name, with their closed lists
   * of values where they have one.
   */
  fields?: FieldDefinition[]
  /**
   * The state a new record starts in.
   */
  initial: string
  /**
   * Shown in messages and reports (`incident`, `normal change`).
   */
  name?: string | null
  /**
   * Every state, in the order a UI lists them.
   *
   * @minItems 1
   */
  states: [StateDefinition, ...StateDefinition[]]
  /**
   * Every transition, in the order `available` lists them.
   */
  transitions?: TransitionDefinition[]
}
/**
 * A record field the workflow names.
 */
export interface FieldDefinition {
  /**
   * The field's name in the record.
   */
  id: string
  /**
   * A label for people.
   */
  label?: string | null
  /**
   * Fields that must be set whenever this one is required (a vendor
   * reference whenever a vendor hold reason is). Cycles are refused.
   */
  requires?: string[]
  /**
   * The values the field may take; any other is refused wherever a
   * transition requires the field. Absent: any value.
   */
  values?: Scalars | null
}
/**
 * A state and its category.
 */
export interface StateDefinition {
  /**
   * What the state means across workflows.
   */
  category: Category
  /**
   * The state's id, as the record's `state` field holds it.
   */
  id: string
  /**
   * A label for people.
   */
  label?: string | null
}
/**
 * A named move from one or several states to one state.
 */
export interface TransitionDefinition {
  /**
   * The states it leaves from.
   */
  from: FromStates
  /**
   * Guards, all of which must pass, checked in order; every one that fails
   * is a reason.
   */
  guards?: Guard[]
  /**
   * A label for people (a button's text).
   */
  label?: string | null
  /**
   * The transition's name, unique in the workflow and distinct from every
   * state id (`validate` takes either).
   */
  name: string
  /**
   * Fields that must be set on the record as the move leaves it.
   */
  requires?: string[]
  /**
   * Fields the move sets (`{"hold_reason": null}` clears the hold reason);
   * returned with an allowed verdict for the host to apply.
   */
  sets?: {
    [k: string]: Scalar
  }
  /**
   * The state it leads to.
   */
  to: string
}
/**
 * A condition guard: the condition, and the reason given when it fails.
 */
export interface ConditionGuard {
  /**
   * The reason for people when it does not hold.
   */
  message: string
  /**
   * The condition, judged on the record as the move leaves it.
   */
  when: Condition
}
/**
 * How a record's approvals are counted.
 *
 * A quorum is reached when the approved share of the counted approvals is at
 * least `threshold_percent`; 0 means the first answer decides. Approvals by
 * an actor that a `not_by` field names never count, and each is a reason of
 * its own.
 */
export interface ApprovalRule {
  /**
   * Count only approvals asked of this group.
   */
  group?: string | null
  /**
   * Record fields naming actors whose approvals never count
   * (`requested_by`, `implementer`).
   */
  not_by?: string[]
  /**
   * The approved share needed, in percent (0 to 100).
   */
  threshold_percent?: number
}
/**
 * How much an evaluation computes, and how strict it is.
 */
export interface EvaluateOptions {
  /**
   * Fill each cycle's explanation (true by default).
   */
  explain?: boolean
  /**
   * Refuse a record that would give warnings: the first warning becomes an
   * `invalid_input` error naming its path (false by default).
   */
  strict?: boolean
}
/**
 * One event or field change of the events shape.
 */
export interface EventRow {
  /**
   * When it happened.
   */
  at: Instant
  /**
   * When the ticket was created (read from its first row); absent, at its
   * first row.
   */
  created?: OptionalInstant
  /**
   * The field it sets; absent for an event that sets none.
   */
  field?: string | null
  /**
   * The ticket's id.
   */
  id: string
  /**
   * Its place among the ticket's rows (ServiceNow's `sys_mod_count`); when
   * any row has one, every row needs one and rows go in its order.
   */
  order?: number | null
  /**
   * The event's type; absent is `update`.
   */
  type?: string | null
  /**
   * The field's new value; null clears it.
   */
  value?: Scalar
}
/**
 * A finding of a linter: a document that loads but is almost certainly not
 * what was meant, or (for the linters that read a document before loading it)
 * a reason it would not load. The same shape for every area: policy sets,
 * workflows, priority matrices.
 */
export interface Finding {
  /**
   * A stable code; each linter lists its own.
   */
  code:
    | 'start_inside_stop'
    | 'pause_inside_start'
    | 'start_excludes_pause'
    | 'unknown_state'
    | 'unknown_calendar'
    | 'duplicate_state'
    | 'duplicate_field'
    | 'duplicate_transition_name'
    | 'name_is_a_state'
    | 'required_fields_cycle'
    | 'unreachable_state'
    | 'no_way_to_terminal'
    | 'no_terminal_state'
    | 'leaves_terminal_state'
    | 'duplicate_transition'
    | 'undeclared_field'
    | 'unknown_value'
    | 'unused_priority'
    | 'unreachable_override'
    | 'override_changes_nothing'
  /**
   * What is wrong, in a sentence.
   */
  message: string
  /**
   * The path of the part of the document concerned.
   */
  path: string
}
/**
 * A service or configuration item.
 */
export interface Item {
  /**
   * The host's class of item (`server`, `database`), carried, not read.
   */
  class?: string | null
  /**
   * Unique among items and groups.
   */
  id: string
  /**
   * What it is (`item` by default).
   */
  kind?: ItemKind
  /**
   * Shown to people.
   */
  name?: string | null
}
/**
 * A typed relation between two nodes (items or groups).
 */
export interface Relation {
  /**
   * The node the relation is stated of.
   */
  from: string
  /**
   * How `from` relates to `to`.
   */
  kind: RelationKind
  /**
   * The other node.
   */
  to: string
}
/**
 * A redundancy group: members that stand in for each other ("at least 2 of
 * the 3 web nodes up"). Relations may point at the group as at an item; it is
 * down only when fewer than its minimum of members are up (a degraded member
 * counts as up), and degraded when any member is down or degraded.
 */
export interface Group {
  /**
   * Unique among items and groups.
   */
  id: string
  /**
   * Items or groups, each at most once.
   *
   * @minItems 1
   */
  members: [string, ...string[]]
  /**
   * How many members must be up, from 1 to the number of members; or give
   * `min_up_percent`.
   */
  min_up?: number | null
  /**
   * The share of members that must be up, in percent (1 to 100), rounded
   * up to whole members; or give `min_up`.
   */
  min_up_percent?: number | null
}
/**
 * The graph as a document: every item, relation and group.
 *
 * ```json
 * {"items": [{"id": "payroll", "kind": "business_service"}, {"id": "db-1"}, {"id": "db-2"}],
 *  "groups": [{"id": "db-cluster", "members": ["db-1", "db-2"], "min_up": 1}],
 *  "relations": [{"from": "payroll", "kind": "depends_on", "to": "db-cluster"}]}
 * ```
 */
export interface GraphDocument {
  /**
   * Redundancy groups.
   */
  groups?: Group[]
  /**
   * Services and configuration items.
   */
  items?: Item[]
  /**
   * Relations between items and groups.
   */
  relations?: Relation[]
}
/**
 * The answer of an impact analysis.
 */
export interface Impact {
  /**
   * Every node down or degraded, nearest the failures first (by depth,
   * then in the order nodes were added).
   */
  affected: Affected[]
  /**
   * The counts.
   */
  counts: ImpactCounts
  /**
   * The services left operational, in the order they were added.
   */
  operational_services: string[]
}
/**
 * A node brought down or degraded.
 */
export interface Affected {
  /**
   * Why.
   */
  cause: Cause
  /**
   * The fewest relations between it and a failed item.
   */
  depth: number
  /**
   * How it stands.
   */
  health: Health
  /**
   * The node's id.
   */
  id: string
  /**
   * What it is.
   */
  kind: NodeKind
  /**
   * For a service: the nodes impact came through, from a failed item to
   * the service itself. Empty for items and groups.
   */
  path?: string[]
}
/**
 * How many services and items stand how.
 */
export interface ImpactCounts {
  /**
   * Items (and groups) degraded, the failures included.
   */
  items_degraded: number
  /**
   * Items (and groups) down, the failures included.
   */
  items_down: number
  /**
   * Services degraded.
   */
  services_degraded: number
  /**
   * Services down.
   */
  services_down: number
  /**
   * Services operational.
   */
  services_operational: number
}
/**
 * What to analyse: the failures, and how far impact is followed.
 */
export interface ImpactQuery {
  /**
   * The most relations impact is followed across from a failed item
   * (joining a redundancy group costs none); no limit when absent.
   */
  depth?: number | null
  /**
   * The failed or degraded items.
   */
  failures: Failure[]
}
/**
 * A failed or degraded item.
 */
export interface Failure {
  /**
   * `down` (the default) or `degraded`.
   */
  health?: Health
  /**
   * The item's id.
   */
  item: string
}
/**
 * The facts of one record that metrics read: what a host keeps or an
 * export carries.
 *
 * JSON form (only `id`, `kind` and `created_at` are required):
 * ```json
 * {"id": "INC-7", "kind": "incident", "created_at": "2026-11-02T09:00:00Z",
 *  "acknowledged_at": "2026-11-02T09:20:00Z", "resolved_at": "2026-11-02T13:00:00Z",
 *  "closed_at": "2026-11-05T13:00:00Z", "due_at": "2026-11-02T17:00:00Z",
 *  "reopened": 0, "reassignments": 1, "item": "db-1"}
 * ```
 * A change adds `outcome`, `emergency` and `caused_incidents`.
 */
export interface MetricRecord {
  /**
   * When it was first acknowledged (first response, or first taken in
   * hand); left out when it never was.
   */
  acknowledged_at?: OptionalInstant
  /**
   * Whether it was cancelled: cancelled records are counted apart and
   * left out of every other figure (null reads as false).
   */
  cancelled?: boolean | null
  /**
   * For a change, how many incidents it caused (null reads as 0).
   */
  caused_incidents?: number | null
  /**
   * When it was closed (or cancelled); left out while open.
   */
  closed_at?: OptionalInstant
  /**
   * When it was created.
   */
  created_at: Instant
  /**
   * The deadline of its resolution SLA (an evaluation's `deadline`);
   * records without one are left out of SLA compliance. Met when resolved
   * at or before it; breached once `now` is past it while unresolved.
   */
  due_at?: OptionalInstant
  /**
   * For a change, whether it is an emergency change (null reads as false).
   */
  emergency?: boolean | null
  /**
   * The group it is reported under (an assignment group, a team, a
   * service): the report gives each group's figures besides the whole's.
   */
  group?: string | null
  /**
   * The record's id, unique in the collection.
   */
  id: string
  /**
   * The configuration item it concerns: an incident on an item is a
   * failure of that item from its creation to its resolution.
   */
  item?: string | null
  /**
   * `incident`, `problem`, `service_request`, `change`, `task` or the host's own.
   */
  kind: string
  /**
   * For a change, how it ended; left out while it has not.
   */
  outcome?: ChangeOutcome | null
  /**
   * How often its assignment group changed from one group to another
   * (null reads as 0).
   */
  reassignments?: number | null
  /**
   * How often it was reopened (null reads as 0, as an export's empty cell).
   */
  reopened?: number | null
  /**
   * When it was last resolved; left out while unresolved.
   */
  resolved_at?: OptionalInstant
}
/**
 * How figures are counted: the period's records, the denominator, the time
 * basis, the backlog's buckets and the score's points.
 *
 * JSON form (every field may be left out):
 * ```json
 * {"by": "resolution", "denominator": "closed_and_breached", "time": "business",
 *  "calendar": {"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}},
 *  "kinds": ["incident"], "ageing_buckets_ms": [86400000, 259200000, 604800000],
 *  "score": {"start": 500, "failed": -20}}
 * ```
 */
export interface Metrics {
  /**
   * The backlog's bucket bounds in milliseconds (of the time basis),
   * ascending; 1, 3, 7 and 30 days when left out.
   */
  ageing_buckets_ms?: number[]
  /**
   * Which records a period holds: `creation` (the default) or `resolution`.
   */
  by?: PeriodBy
  /**
   * The calendar of business time; its zone also places a month period
   * (UTC without one).
   */
  calendar?: Calendar | null
  /**
   * The ticket figures' denominator: `closed` (the default) or
   * `closed_and_breached`.
   */
  denominator?: Denominator
  /**
   * The kinds the ticket figures count; every kind but `change` when left out.
   */
  kinds?: string[] | null
  /**
   * The change success score's points.
   */
  score?: ScorePoints
  /**
   * `wall` (the default) or `business` time; business time needs `calendar`.
   */
  time?: TimeBasis
}
/**
 * The change success score's points: a score starts at `start`, each
 * completed change adds the points of its outcome and of the incidents it
 * caused, and the sum is held within `min..=max`.
 */
export interface ScorePoints {
  /**
   * Points for a backed-out change.
   */
  backed_out?: number
  /**
   * Points for each incident a change caused.
   */
  caused_incident?: number
  /**
   * Points for a failed change.
   */
  failed?: number
  /**
   * The highest score.
   */
  max?: number
  /**
   * The lowest score.
   */
  min?: number
  /**
   * Where a score starts (a team with no changes has it).
   */
  start?: number
  /**
   * Points for a successful change.
   */
  successful?: number
  /**
   * Points for a change successful with issues.
   */
  successful_with_issues?: number
}
/**
 * Every figure of a period, as of `now`.
 */
export interface MetricsReport {
  /**
   * The tickets unresolved at `now`, whatever the period, by age.
   */
  backlog: Backlog
  /**
   * Which records the period holds.
   */
  by: PeriodBy
  /**
   * The cancelled records in the period, left out of every figure.
   */
  cancelled: number
  /**
   * Failed and backed-out changes over the completed changes.
   */
  change_failure_rate: Figure
  /**
   * The completed changes by outcome.
   */
  change_outcomes: ChangeOutcomes
  /**
   * Successful changes (with issues or not) over the completed changes.
   */
  change_success_rate: Figure
  /**
   * The change success score.
   */
  change_success_score: SuccessScore
  /**
   * The changes in the period, cancelled ones left out.
   */
  changes: number
  /**
   * What the ticket figures are over.
   */
  denominator: Denominator
  /**
   * Emergency changes over the changes.
   */
  emergency_change_ratio: Figure
  /**
   * Resolved tickets never reassigned over the resolved tickets.
   */
  first_assignment_resolution: Figure
  /**
   * The figures per group, sorted by group (records without one first),
   * when any record has a `group`; empty otherwise. The groups' tickets,
   * changes, backlog, numerators and denominators add up to the whole's.
   */
  groups: GroupReport[]
  /**
   * Per item with incidents in the period, sorted by item.
   */
  mtbf: ItemReliability[]
  /**
   * Mean time to acknowledge: time from creation to acknowledgement over
   * the acknowledged tickets.
   */
  mtta_ms: Figure
  /**
   * Mean time to resolve: time from creation to resolution over the closed
   * tickets (and the age of the open breached ones, with that denominator).
   */
  mttr_ms: Figure
  /**
   * First instant after the period.
   */
  period_end: Instant
  /**
   * First instant of the period.
   */
  period_start: Instant
  /**
   * The resolved tickets by how often they were reassigned, fewest first.
   */
  reassignment_counts: ReassignmentCount[]
  /**
   * Reassignments over the resolved tickets.
   */
  reassignments_per_ticket: Figure
  /**
   * Resolved tickets ever reopened over the resolved tickets.
   */
  reopen_rate: Figure
  /**
   * Tickets resolved by their deadline over the closed tickets with one
   * (and the open breached ones, with that denominator).
   */
  sla_compliance: Figure
  /**
   * The tickets in the period (records of the counted kinds, cancelled
   * ones left out).
   */
  tickets: number
  /**
   * How durations are measured.
   */
  time: TimeBasis
}
/**
 * What is unresolved at `now`, by age.
 */
export interface Backlog {
  /**
   * The records by age, one bucket more than the bounds.
   */
  buckets: AgeBucket[]
  /**
   * The age of the oldest; `null` with none.
   */
  oldest_ms: OptionalDurationMs
  /**
   * The unresolved records.
   */
  records: number
}
/**
 * One bucket of the backlog's ages: `[from_ms, to_ms)`.
 */
export interface AgeBucket {
  /**
   * The youngest age in the bucket.
   */
  from_ms: DurationMs
  /**
   * The unresolved records of an age in the bucket.
   */
  records: number
  /**
   * The first age after it; `null` for the last, open-ended bucket.
   */
  to_ms: OptionalDurationMs
}
/**
 * A figure: its numerator over its denominator, and their quotient.
 *
 * For a mean duration the numerator is the total in milliseconds and the
 * denominator the records counted; for a rate both are counts.
 */
export interface Figure {
  /**
   * What it is over.
   */
  denominator: number
  /**
   * What is counted or added up.
   */
  numerator: number
  /**
   * `numerator / denominator`, unrounded; `null` when the denominator is 0.
   */
  value: number | null
}
/**
 * The completed changes by outcome.
 */
export interface ChangeOutcomes {
  /**
   * Backed out.
   */
  backed_out: number
  /**
   * Failed.
   */
  failed: number
  /**
   * Implemented as planned.
   */
  successful: number
  /**
   * Implemented with issues.
   */
  successful_with_issues: number
}
/**
 * The change success score and what it is made of.
 */
export interface SuccessScore {
  /**
   * The incidents they caused.
   */
  caused_incidents: number
  /**
   * The completed changes counted.
   */
  changes: number
  /**
   * The points the completed changes earned (and lost).
   */
  points: number
  /**
   * Where it started.
   */
  start: number
  /**
   * `start + points`, held within the score's bounds.
   */
  value: number
}
/**
 * The figures of one group's records: the tickets and changes the period
 * holds, and the group's tickets unresolved at `now`.
 */
export interface GroupReport {
  /**
   * The group's tickets unresolved at `now`.
   */
  backlog: number
  /**
   * Failed and backed-out changes over completed ones.
   */
  change_failure_rate: Figure
  /**
   * Successful changes over completed ones.
   */
  change_success_rate: Figure
  /**
   * The group's change success score.
   */
  change_success_score: SuccessScore
  /**
   * The group's changes in the period.
   */
  changes: number
  /**
   * Emergency changes over the changes.
   */
  emergency_change_ratio: Figure
  /**
   * Resolved tickets never reassigned.
   */
  first_assignment_resolution: Figure
  /**
   * The group (`group` of the records' facts); `null` for the records
   * without one.
   */
  group: string | null
  /**
   * Mean time to acknowledge.
   */
  mtta_ms: Figure
  /**
   * Mean time to resolve.
   */
  mttr_ms: Figure
  /**
   * Reassignments per resolved ticket.
   */
  reassignments_per_ticket: Figure
  /**
   * Resolved tickets ever reopened.
   */
  reopen_rate: Figure
  /**
   * Tickets resolved by their deadline.
   */
  sla_compliance: Figure
  /**
   * The group's tickets in the period.
   */
  tickets: number
}
/**
 * The reliability of one configuration item over the period so far.
 */
export interface ItemReliability {
  /**
   * Time down in the period so far.
   */
  down_ms: DurationMs
  /**
   * Failures that start in the period (touching or overlapping incidents
   * are one failure).
   */
  failures: number
  /**
   * The item.
   */
  item: string
  /**
   * Mean time between failures: `up_ms` over `failures`.
   */
  mtbf_ms: Figure
  /**
   * Time up in the period so far, in the time basis.
   */
  up_ms: DurationMs
}
/**
 * How many resolved records were reassigned a given number of times.
 */
export interface ReassignmentCount {
  /**
   * The number of reassignments.
   */
  reassignments: number
  /**
   * The resolved records reassigned that often.
   */
  records: number
}
/**
 * What a command gives: the events to store, the record they make, what to
 * do next, and when to wake.
 */
export interface Outcome {
  /**
   * The events, in order, to store with the version the command read.
   */
  events: RecordEvent[]
  /**
   * Commands for the host to give next.
   */
  followups: Followup[]
  /**
   * When to call `Desk::wake` for the record: the earliest time trigger
   * or SLA threshold to come.
   */
  next_wakeup: OptionalInstant
  /**
   * People to tell.
   */
  notifications: Notification[]
  /**
   * The next record.
   */
  record: RecordDocument
}
/**
 * A command the host should give next, to another record or this one, and
 * why (`cascade:parent_resolved`, `approval:approved`, `parent`,
 * `automation:<rule id>`).
 */
export interface Followup {
  /**
   * Why.
   */
  because: string
  /**
   * The command.
   */
  command: Command
  /**
   * The record to give it to.
   */
  record: string
}
/**
 * Someone to tell, and why (`major_incident:<rule>`, `automation:<rule id>`).
 */
export interface Notification {
  /**
   * Why.
   */
  because: string
  /**
   * What.
   */
  message: string
  /**
   * The record concerned.
   */
  record: string
  /**
   * Whom.
   */
  to: string[]
}
/**
 * A record: an incident, problem, service request, change or task, as the
 * fold of its events. Its JSON document is what hosts store beside the
 * events; reading it checks that its fields are the fold of its history.
 */
export interface RecordDocument {
  /**
   * Every round of approvals, the current one last.
   */
  approvals?: Round[]
  /**
   * The category of its state.
   */
  category: Category
  /**
   * Its children (tasks, child incidents) and their states.
   */
  children?: Child[]
  /**
   * When it was closed or cancelled.
   */
  closed_at?: OptionalInstant
  /**
   * Comments and work notes, oldest first.
   */
  comments?: Comment[]
  /**
   * Who created (or imported) it.
   */
  created_by: string
  /**
   * Its fields now, `state` among them.
   */
  fields: {
    [k: string]: Scalar
  }
  /**
   * Its history as the SLA engine reads it: its fields at creation and
   * every event since, each with the fields it set.
   */
  history: Timeline
  /**
   * The record's id.
   */
  id: string
  /**
   * `incident`, `problem`, `service_request`, `change` or `task`.
   */
  kind: string
  /**
   * Its links, in the order they were made.
   */
  links?: Link[]
  /**
   * Its flag as a major incident.
   */
  major_incident?: MajorIncident | null
  /**
   * How often its assignment group changed from one group to another.
   */
  reassignments?: number
  /**
   * How often it reopened.
   */
  reopened?: Reopened | null
  /**
   * When it was last resolved, while it is resolved or closed.
   */
  resolved_at?: OptionalInstant
  /**
   * The version of this document's shape.
   */
  schema_version?: number
  /**
   * When it entered its state.
   */
  state_since: Instant
  /**
   * The number of events applied: each event makes the next version.
   */
  version: number
  /**
   * The workflow that judges it.
   */
  workflow: string
}
/**
 * One round of approvals: steps decided in order.
 */
export interface Round {
  /**
   * The transition to ask for once approved, if any.
   */
  on_approved?: string | null
  /**
   * The transition to ask for once refused, if any.
   */
  on_rejected?: string | null
  /**
   * The round's outcome so far.
   */
  outcome: ApprovalOutcome
  /**
   * When.
   */
  requested_at: Instant
  /**
   * Who asked.
   */
  requested_by: string
  /**
   * The steps, in order: a step is open once every step before it approved.
   */
  steps: Step[]
  /**
   * Whether its pending approvals are suspended (the record is on hold).
   */
  suspended?: boolean
}
/**
 * One step of a round.
 */
export interface Step {
  /**
   * Its approvers.
   */
  approvers: Approver[]
  /**
   * The group it was asked of.
   */
  group?: string | null
  /**
   * How the step is decided.
   */
  mode: Mode
  /**
   * A name for people.
   */
  name?: string | null
  /**
   * Its outcome so far.
   */
  outcome: ApprovalOutcome
  /**
   * For `quorum`: the approved share needed.
   */
  threshold_percent?: number | null
}
/**
 * One approver of a step.
 */
export interface Approver {
  /**
   * The answer so far.
   */
  answer: Answer
  /**
   * The actor asked (after delegation, the delegate).
   */
  approver: string
  /**
   * When it was answered.
   */
  at?: OptionalInstant
  /**
   * The approver's comment.
   */
  comment?: string | null
  /**
   * Whom the approval was first asked of, when it was delegated.
   */
  delegated_from?: string | null
}
/**
 * A comment or work note on a record.
 */
export interface Comment {
  /**
   * When.
   */
  at: Instant
  /**
   * By whom.
   */
  by: string
  /**
   * A work note the requester does not see.
   */
  internal: boolean
  /**
   * The text.
   */
  text: string
}
/**
 * A record's history: its fields when created and every event since, in time
 * order (equal instants keep their order). The input of SLA evaluation; hosts
 * build it from any ticket system's history (see `docs/timeline-format.md`).
 *
 * The constructors keep the invariants: events are never before the creation
 * or before the event they follow, field values are scalars, instants lie in
 * the supported range. Reading a document checks the same, and names the path.
 */
export interface Timeline {
  /**
   * When the record was created.
   */
  created_at: Instant
  /**
   * Everything that happened since, in time order.
   */
  events?: Event[]
  /**
   * Its fields at creation.
   */
  fields?: {
    [k: string]: Scalar
  }
  /**
   * The record's id, as the host knows it.
   */
  id: string
}
/**
 * One change to a record: at an instant, of a type, setting some fields, by an
 * actor when the host knows one.
 */
export interface Event {
  /**
   * Who did it, when the host knows.
   */
  actor?: string | null
  /**
   * When it happened.
   */
  at: Instant
  /**
   * The fields it sets; a `null` value clears a field.
   */
  set?: {
    [k: string]: Scalar
  }
  /**
   * What happened (`"assigned"`, `"comment"`, `"state_changed"`, ...): free
   * text that conditions test with `event_is`.
   */
  type: string
}
/**
 * A record's flag as a major incident.
 */
export interface MajorIncident {
  /**
   * When.
   */
  at: Instant
  /**
   * Whom the rule said to tell.
   */
  notify: string[]
  /**
   * The trigger rule that matched.
   */
  rule: string
}
/**
 * How often and when a record was reopened.
 */
export interface Reopened {
  /**
   * How many times.
   */
  count: number
  /**
   * The last time.
   */
  last_at: Instant
  /**
   * By whom, the last time.
   */
  last_by: string
}
/**
 * The period a report covers.
 */
export interface Period {
  /**
   * First instant.
   */
  from?: Instant | null
  /**
   * A calendar month `YYYY-MM`.
   */
  month?: string | null
  /**
   * Days of 24 hours ending at `now`, 1 to 3660.
   */
  rolling_days?: number | null
  /**
   * First instant after.
   */
  to?: Instant | null
}
/**
 * A change as windows and other changes judge it: what it touches, when,
 * and who carries it out.
 */
export interface PlannedChange {
  /**
   * Who carries it out (for double-booking between changes).
   */
  assignee?: string | null
  /**
   * When it ends (half-open: a change ending when a freeze starts does not
   * overlap it).
   */
  end: Instant
  /**
   * The change's id, carried.
   */
  id?: string | null
  /**
   * The items and services it touches (ids of the service graph).
   */
  items: string[]
  /**
   * When it starts.
   */
  start: Instant
}
/**
 * What the matrix answers for a record.
 */
export interface PriorityAnswer {
  /**
   * The matrix cell's priority, before any override.
   */
  matrix_priority: string
  /**
   * The path of the override that applied (`overrides[0]`), if one did.
   */
  override_applied: string | null
  /**
   * That override's name, if it has one.
   */
  override_name: string | null
  /**
   * The priority to use.
   */
  priority: string
}
/**
 * A change's risk, why, and what it asks for.
 */
export interface RiskAssessment {
  /**
   * What the level asks for.
   */
  approval: ApprovalPolicy
  /**
   * The highest level of the sources.
   */
  risk: string
  /**
   * Every level given, in the order rules, questionnaire, matrix (or the
   * default alone).
   */
  sources: RiskSource[]
}
/**
 * What a level asks for: the approval steps (as a `request_approval`
 * command takes them) and whether the CAB reviews.
 */
export interface ApprovalPolicy {
  /**
   * Whether the change advisory board reviews the change.
   */
  cab?: boolean
  /**
   * The steps, in sequence; none for a change that needs no approval.
   */
  steps?: StepRequest[]
}
/**
 * One level a part of the policy gave.
 */
export interface RiskSource {
  /**
   * The rule's name, when it has one.
   */
  name?: string | null
  /**
   * Where in the policy (`rules[2]`, `questionnaire.bands[1]`,
   * `matrix.cells.high.likely`, `default`).
   */
  path: string
  /**
   * The level it gave.
   */
  risk: string
  /**
   * The questionnaire's score.
   */
  score?: number | null
  /**
   * Which part.
   */
  source: RiskSourceKind
}
/**
 * What is known of one change.
 */
export interface RiskInput {
  /**
   * The questionnaire's answers by question id; unanswered questions score
   * nothing.
   */
  answers?: {
    [k: string]: string
  }
  /**
   * The change's fields, which the rules test.
   */
  fields?: {
    [k: string]: unknown
  }
  /**
   * The impact, for the matrix (with `probability`).
   */
  impact?: string | null
  /**
   * The probability, for the matrix (with `impact`).
   */
  probability?: string | null
}
/**
 * How risk is assessed, and what each level asks for.
 *
 * ```json
 * {"levels": ["low", "moderate", "high"], "default": "moderate",
 *  "rules": [{"name": "database change", "when": {"field_eq": {"field": "category", "value": "database"}}, "risk": "high"}],
 *  "questionnaire": {"questions": [{"id": "tested", "answers": {"yes": 0, "no": 3}}],
 *                    "bands": [{"at_least": 0, "risk": "low"}, {"at_least": 3, "risk": "moderate"}]},
 *  "matrix": {"impacts": ["high", "low"], "probabilities": ["likely", "unlikely"],
 *             "cells": {"high": {"likely": "high", "unlikely": "moderate"}, "low": {"likely": "moderate", "unlikely": "low"}}},
 *  "approvals": {"low": {}, "moderate": {"steps": [{"mode": "any", "approvers": ["lead"]}]},
 *                "high": {"steps": [{"mode": "quorum", "threshold_percent": 60, "group": "cab", "approvers": ["a", "b", "c"]}], "cab": true}}}
 * ```
 */
export interface RiskPolicy {
  /**
   * What each level asks for; every level has an entry.
   */
  approvals: {
    [k: string]: ApprovalPolicy
  }
  /**
   * The level when no rule matches, no question is answered and no impact
   * and probability are given.
   */
  default: string
  /**
   * The levels, lowest first.
   *
   * @minItems 1
   */
  levels: [string, ...string[]]
  /**
   * Looked up when the input gives an impact and a probability.
   */
  matrix?: RiskMatrix | null
  /**
   * Scored when the input answers any question.
   */
  questionnaire?: Questionnaire | null
  /**
   * Tried in order; the first whose condition holds gives its level.
   */
  rules?: RiskRule[]
}
/**
 * Impact x probability to a level.
 */
export interface RiskMatrix {
  /**
   * The level of each impact (outer key) and probability (inner key).
   */
  cells: {
    [k: string]: {
      [k: string]: string
    }
  }
  /**
   * Impact values.
   *
   * @minItems 1
   */
  impacts: [string, ...string[]]
  /**
   * Probability values.
   *
   * @minItems 1
   */
  probabilities: [string, ...string[]]
}
/**
 * Questions whose answers add up to a score, and the bands that turn the
 * score into a level.
 */
export interface Questionnaire {
  /**
   * In increasing `at_least`; the first band starts at the lowest score.
   *
   * @minItems 1
   */
  bands: [Band, ...Band[]]
  /**
   * The questions.
   *
   * @minItems 1
   */
  questions: [Question, ...Question[]]
}
/**
 * A score band: a score of at least `at_least` (up to the next band) gives
 * `risk`.
 */
export interface Band {
  /**
   * The lowest score of the band.
   */
  at_least: number
  /**
   * The level it gives.
   */
  risk: string
}
/**
 * A question and the points of each answer.
 */
export interface Question {
  /**
   * The points of each answer.
   */
  answers: {
    [k: string]: number
  }
  /**
   * How answers name it.
   */
  id: string
  /**
   * Shown to people.
   */
  text?: string | null
}
/**
 * A rule: when its condition holds on the change's fields, it says the risk.
 */
export interface RiskRule {
  /**
   * Shown in assessments.
   */
  name?: string | null
  /**
   * The level it gives.
   */
  risk: string
  /**
   * Tested on the change's fields.
   */
  when: Condition
}
/**
 * The document of a schedule.
 */
export interface ScheduleDocument {
  /**
   * The changes, in any order, each with an id.
   */
  changes: PlannedChange[]
}
/**
 * A slot without window conflicts.
 */
export interface Slot {
  /**
   * When it then ends.
   */
  end: Instant
  /**
   * When the change may start.
   */
  start: Instant
}
/**
 * What to find a slot for.
 */
export interface SlotQuery {
  /**
   * Who would carry it out (a slot avoids their other changes).
   */
  assignee?: string | null
  /**
   * How long it takes, in milliseconds (at least 1).
   */
  duration_ms: number
  /**
   * The earliest start.
   */
  from: Instant
  /**
   * The items and services the change touches.
   */
  items: string[]
  /**
   * The latest end searched to.
   */
  until: Instant
}
/**
 * One update of the snapshots shape: every current value of the ticket.
 */
export interface SnapshotRow {
  /**
   * When the update happened.
   */
  at: Instant
  /**
   * When the ticket was created (read from its first row); absent, at its
   * first row.
   */
  created?: OptionalInstant
  /**
   * The ticket's values after the update, by source field; a field a row
   * leaves out is null in it.
   */
  fields?: {
    [k: string]: Scalar
  }
  /**
   * The ticket's id.
   */
  id: string
  /**
   * Its place among the ticket's rows; when any row has one, every row
   * needs one and rows go in its order.
   */
  order?: number | null
}
/**
 * How a host's table is laid out: its shape, the name of each column, and for
 * the tickets shape the states its rows stand for. Every language reads a
 * table by this document, so the same options pick the same columns.
 */
export interface TableOptions {
  /**
   * What a local time that happens twice (in the hour the clocks go back)
   * reads as.
   */
  ambiguous_times?: AmbiguousTimes
  /**
   * Events: the instant of the event (`"at"`).
   */
  at?: string
  /**
   * Events and snapshots: when the ticket was created (`null`: at its
   * first row).
   */
  created?: string | null
  /**
   * Events: the field it sets (`"field"`); null for an event that sets none.
   */
  field?: string
  /**
   * Source field names and the policy's fields they fill: columns of the
   * tickets and snapshots shapes, names in the field column of events
   * (`{"incident_state": "state"}`).
   */
  field_names?: {
    [k: string]: string
  }
  /**
   * The attribute columns read into fields; `null` (the default) reads every
   * column named like a field the policy set reads, or renamed to one.
   */
  fields?: string[] | null
  /**
   * The ticket id column (`"id"`).
   */
  id?: string
  /**
   * A text that reads as null in every value cell (`""`, `"NULL"`).
   */
  null_marker?: string | null
  /**
   * Tickets: when the ticket was opened (`"opened"`).
   */
  opened?: string
  /**
   * Events and snapshots: the integer column that orders a ticket's rows
   * (ServiceNow's `sys_mod_count`); `null` orders them by instant, equal
   * instants in the input's order.
   */
  order?: string | null
  /**
   * What a row that goes back in time gets (`"refuse"` by default).
   */
  out_of_order?: OutOfOrder
  /**
   * The end field of a pause, null while paused (`"end"`).
   */
  pause_end?: string
  /**
   * The start field of a pause (`"start"`).
   */
  pause_start?: string
  /**
   * Tickets: its pause intervals, a list of `{start, end}` (`"pauses"`); an
   * absent column means no pauses.
   */
  pauses?: string
  /**
   * Tickets: when it was resolved, null while open (`"resolved"`).
   */
  resolved?: string
  /**
   * `tickets` (the default) or `events`.
   */
  shape?: Shape
  /**
   * Tickets: the states its rows stand for.
   */
  states?: TicketStates
  /**
   * `true` (the default): a value of a field `values` maps that has no
   * mapping is an error naming its cell. `false`: it is kept as it is and
   * counted in the summary's `unmapped`.
   */
  strict?: boolean
  /**
   * The format of timestamp text, in strftime notation
   * (`"%d.%m.%Y %H:%M:%S"`, with `%z` when it carries an offset); `null`
   * reads RFC 3339 and `2026-11-23 09:00:00`.
   */
  time_format?: string | null
  /**
   * The zone of naive timestamps and of timestamp text without an offset
   * (`"Europe/Berlin"`); such timestamps are refused without it.
   */
  time_zone?: TimeZone | null
  /**
   * Events: the event's type (`"type"`); an absent column or a null is
   * `update`.
   */
  type?: string
  /**
   * Events: the field's new value (`"value"`); null clears the field.
   */
  value?: string
  /**
   * Source values and what they map to, by the policy's field: `{"priority":
   * {"3 - Moderate": "P3"}, "state": {"Awaiting User Info": {"state":
   * "on_hold", "hold_reason": "awaiting_caller"}}}`. A number or boolean
   * cell matches by its JSON text (`"3"`, `"true"`); a null is not mapped.
   */
  values?: {
    [k: string]: {
      [k: string]: MappedValue
    }
  }
}
/**
 * The states a ticket row stands for: it is created in `opened`, each pause
 * moves it to `paused` and back to `resumed`, and its resolution to
 * `resolved`. The defaults are the built-in incident workflow's.
 */
export interface TicketStates {
  /**
   * `"new"` by default.
   */
  opened?: string
  /**
   * `"on_hold"` by default.
   */
  paused?: string
  /**
   * `"resolved"` by default.
   */
  resolved?: string
  /**
   * `"in_progress"` by default.
   */
  resumed?: string
}
/**
 * The results of a table given as rows: a row per ticket and clock, and the
 * summary.
 */
export interface TableResult {
  /**
   * The result rows, as `ResultTable` orders them.
   */
  rows: TableRow[]
  /**
   * The counts.
   */
  summary: TableSummary
}
/**
 * One result row as a document: a ticket and clock, as a `ResultTable` row
 * says it, durations in milliseconds.
 */
export interface TableRow {
  /**
   * Whether the current cycle is breached.
   */
  breached: boolean | null
  /**
   * When the goal was breached.
   */
  breached_at: OptionalInstant
  /**
   * The current cycle, from 1.
   */
  cycle: number | null
  /**
   * The deadline.
   */
  deadline: OptionalInstant
  /**
   * Time counted.
   */
  elapsed_ms: OptionalDurationMs
  /**
   * Wall time counted.
   */
  elapsed_wall_ms: OptionalDurationMs
  /**
   * The error that prevented the ticket's evaluation.
   */
  error: ErrorDocument | null
  /**
   * Whether any cycle was.
   */
  ever_breached: boolean | null
  /**
   * The goal.
   */
  goal_ms: OptionalDurationMs
  /**
   * The metric.
   */
  metric: string | null
  /**
   * When the clock must be read again.
   */
  next_wakeup: OptionalInstant
  /**
   * The deadline had the clock never paused.
   */
  original_deadline: OptionalInstant
  /**
   * Time counted past the goal.
   */
  overrun_ms: OptionalDurationMs
  /**
   * Time paused.
   */
  paused_ms: OptionalDurationMs
  /**
   * Elapsed over goal, in percent.
   */
  percent: number | null
  /**
   * The policy judging the clock.
   */
  policy: string | null
  /**
   * The ticket's id.
   */
  record: string
  /**
   * Time left to the goal.
   */
  remaining_ms: OptionalDurationMs
  /**
   * Wall time left to the deadline.
   */
  remaining_wall_ms: OptionalDurationMs
  /**
   * The ticket's row (tickets) or number in order of first appearance (events).
   */
  row: number
  /**
   * When it started.
   */
  started_at: OptionalInstant
  /**
   * Its status.
   */
  status: Status | null
  /**
   * When it stopped.
   */
  stopped_at: OptionalInstant
  /**
   * The thresholds crossed, in the metric's order.
   */
  thresholds_crossed: string[]
  /**
   * How many warnings the ticket's values gave.
   */
  warnings: number
}
/**
 * The counts of a table's results: how many tickets and clocks, how the
 * clocks stand, and SLA compliance with its denominator stated.
 *
 * Clocks are counted by their current cycle. `at_risk` counts live clocks
 * (running or paused) not yet breached that have crossed a threshold.
 * `compliance` is `met / (met + breached)`: clocks that are finished or
 * already breached; running, paused and cancelled clocks are left out, and
 * an empty denominator gives `null`.
 */
export interface TableSummary {
  /**
   * Live clocks that crossed a threshold but are not breached.
   */
  at_risk: number
  /**
   * Clocks breached (their current cycle).
   */
  breached: number
  /**
   * Clocks cancelled.
   */
  cancelled: number
  /**
   * Rows that went back in time, moved to the earliest instant they may
   * have (`out_of_order: clamp`).
   */
  clamped: number
  /**
   * Clocks (ticket and metric pairs).
   */
  clocks: number
  /**
   * `met / (met + breached)`, from 0 to 1; null when both are zero.
   */
  compliance: number | null
  /**
   * Rows that went back in time, left out (`out_of_order: drop`).
   */
  dropped: number
  /**
   * Errors by code.
   */
  error_codes: {
    [k: string]: number
  }
  /**
   * Tickets whose evaluation failed.
   */
  errors: number
  /**
   * Clocks met.
   */
  met: number
  /**
   * Tickets no policy applies to.
   */
  no_policy: number
  /**
   * Tickets a policy applies to whose clocks have not started.
   */
  not_started: number
  /**
   * Clocks paused.
   */
  paused: number
  /**
   * Tickets evaluated, failed or not.
   */
  records: number
  /**
   * Clocks running.
   */
  running: number
  /**
   * Values kept as they were for want of a mapping (`strict: false`), by
   * field and value: how many cells.
   */
  unmapped: {
    [k: string]: {
      [k: string]: number
    }
  }
  /**
   * Tickets with at least one warning.
   */
  warned: number
}
/**
 * One ticket of the tickets shape.
 */
export interface TicketRow {
  /**
   * Its attributes (`priority`...), as the fields they fill.
   */
  fields?: {
    [k: string]: Scalar
  }
  /**
   * The ticket's id.
   */
  id: string
  /**
   * When it was opened.
   */
  opened: Instant
  /**
   * Its pauses, in order.
   */
  pauses?: PauseRow[]
  /**
   * When it was resolved; null while open.
   */
  resolved?: OptionalInstant
}
/**
 * One pause of a ticket.
 */
export interface PauseRow {
  /**
   * When it ended; null while paused.
   */
  end?: OptionalInstant
  /**
   * When it started.
   */
  start: Instant
}
/**
 * The answer of `Workflow::validate`.
 *
 * Allowed: `transition` and `to` say which move applies and `sets` what it
 * sets. Refused: `reasons` lists every failed guard and requirement, in
 * document order; `transition` and `to` are given when one transition was in
 * question.
 */
export interface Verdict {
  /**
   * Whether the move may be made.
   */
  allowed: boolean
  /**
   * The record's state.
   */
  from: string
  /**
   * Every reason against, empty when allowed.
   */
  reasons: Reason[]
  /**
   * The fields the transition sets, for the host to apply (allowed only).
   */
  sets?: {
    [k: string]: Scalar
  }
  /**
   * The state the transition leads to.
   */
  to?: string | null
  /**
   * The transition judged (the one taken, when allowed).
   */
  transition?: string | null
}
/**
 * What waking a record gives: the commands time triggers ask for, whom to
 * tell, the SLA evaluation when the desk has policies, and when to wake next.
 */
export interface Wakeup {
  /**
   * Commands for the host to give.
   */
  followups: Followup[]
  /**
   * When to wake next.
   */
  next_wakeup: OptionalInstant
  /**
   * People to tell.
   */
  notifications: Notification[]
  /**
   * The record's SLA evaluation at `now` (without explanations).
   */
  sla?: Evaluation | null
}
/**
 * A conflict between a change and a window, both sides named.
 */
export interface WindowConflict {
  /**
   * The change's id, when it has one.
   */
  change?: string | null
  /**
   * For a freeze or blackout, the overlap; for `outside_maintenance`, the
   * change.
   */
  from: Instant
  /**
   * The item of the change the window covers.
   */
  item: string
  /**
   * What kind.
   */
  kind: WindowConflictKind
  /**
   * The overlap's (or the change's) end.
   */
  to: Instant
  /**
   * The freeze or blackout; for `outside_maintenance`, the first of the
   * maintenance windows covering the item.
   */
  window: string
}

/**
 * A document as the binding reads it: an instant may be a `Date` or its
 * RFC 3339 text; wherever the document holds other text, a `Date` may
 * stand too (read as its canonical ISO text, as `JSON.stringify` writes
 * it), and wherever it holds a number, a `bigint` that is a safe integer
 * (read as that number). Names of fixed sets (`'sla'`) stay text.
 */
export type Input<T> = T extends Date
  ? Date | string
  : T extends string
    ? string extends T
      ? T | Date
      : T
    : T extends number
      ? T | bigint
      : T extends readonly (infer U)[]
        ? Input<U>[]
        : T extends object
          ? { [K in keyof T]: Input<T[K]> }
          : T

/**
 * A document as JSON data: every `Date` as its canonical ISO text
 * (`2026-11-23T09:00:00.000Z`). What `toJSON()` methods return, what
 * `JSON.stringify` writes of a result, and what `JSON.parse` gives back
 * of `evaluateJSON`.
 */
export type JSONData<T> = T extends Date
  ? string
  : T extends readonly (infer U)[]
    ? JSONData<U>[]
    : T extends object
      ? { [K in keyof T]: JSONData<T[K]> }
      : T
