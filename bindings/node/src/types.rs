//! TypeScript declarations of the plain data the SLA API takes and returns.
//!
//! Results cross to JavaScript as the core's own serde form, converted value
//! for value, so their fields keep the core's snake_case names and order, and
//! instants stay canonical ISO text (`2026-11-23T09:00:00.000Z`). The structs
//! here are never built: each exists so that `napi build` writes a TypeScript
//! interface for that form into `index.d.ts`, with these doc comments. Field
//! types are spelled out with `ts_type` because they are unions and nullable
//! values that Rust types cannot express one for one.
//!
//! Every struct here is a hand-written mirror of a core type, kept in step by
//! the `declarations` test of `sla.test.mjs` (each result's keys against its
//! interface) and the tsc check of `usage.ts`; they are to be replaced by
//! declarations generated from the core's types:
//! - results: [`Evaluation`], [`MetricResult`], [`CycleResult`],
//!   [`ThresholdResult`], [`Segment`], [`Finding`], [`AvailabilityReport`],
//!   and the batch contract [`BatchItem`] ([`BatchEvaluation`] |
//!   [`BatchError`]) with [`ErrorDocument`];
//! - documents read: [`TimelineDocument`], [`TimelineEvent`], [`FieldValue`],
//!   [`PolicySetDocument`], [`PolicyDocument`], [`AvailabilityDocument`],
//!   [`Outage`], [`MaintenanceWindow`], [`MonthPeriod`], [`RollingPeriod`],
//!   [`BetweenPeriod`]. These widen instants to `string | Date` and field
//!   values to [`FieldValue`], which the binding accepts; generated
//!   declarations need the same widening.

// Declarations only: nothing in Rust builds or reads these structs.
#![allow(dead_code)]

use napi::Either;
use napi::bindgen_prelude::{BigInt, Date, Either6, Null};
use napi_derive::napi;

/// A record evaluated against a policy set at `now`: `PolicySet.evaluate`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct Evaluation {
    /// The record's id.
    pub record: String,
    /// The instant of the evaluation, as canonical ISO text.
    pub now: String,
    /// Ids of the policies that match the record now, in document order.
    pub matched: Vec<String>,
    /// Ids of the policies selected among them.
    pub selected: Vec<String>,
    /// The clocks attached now, by policy and metric order.
    #[napi(ts_type = "Array<MetricResult>")]
    pub metrics: Vec<MetricResult>,
    /// The earliest `next_wakeup` of any clock: schedule one timer for it.
    /// `null` when no clock is running towards a threshold or a breach.
    #[napi(js_name = "next_wakeup", ts_type = "string | null")]
    pub next_wakeup: String,
    /// What the record holds that the policy set does not know; left out when
    /// there is nothing to say.
    #[napi(ts_type = "Array<Warning>")]
    pub warnings: Option<Vec<Warning>>,
}

/// Something a record holds that its policy set does not know.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct Warning {
    /// `unknown_state` (a state the set does not list), `unmentioned_value`
    /// (a value no condition mentions) or `no_policy_applies`.
    #[napi(ts_type = "'unknown_state' | 'unmentioned_value' | 'no_policy_applies'")]
    pub code: String,
    /// Where the value first appears in the timeline document
    /// (`events[3].set.state`); empty for the record as a whole.
    pub path: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// A metric's clock for one record: every cycle, and which policy judges it.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct MetricResult {
    /// The policy judging the clock now.
    pub policy: String,
    /// That policy's contract: a service level agreement, an operational level
    /// agreement or an underpinning contract.
    #[napi(ts_type = "'sla' | 'ola' | 'underpinning_contract'")]
    pub contract: String,
    /// The metric's id.
    pub metric: String,
    /// The metric's name, if it has one.
    #[napi(ts_type = "string | null")]
    pub name: String,
    /// The metric's kind, a label for reports.
    #[napi(ts_type = "'response' | 'resolution' | 'next_update' | 'custom'")]
    pub kind: String,
    /// Whether the current (last) cycle is breached.
    pub breached: bool,
    /// Whether any cycle ever breached.
    #[napi(js_name = "ever_breached")]
    pub ever_breached: bool,
    /// Every cycle, oldest first.
    #[napi(ts_type = "Array<CycleResult>")]
    pub cycles: Vec<CycleResult>,
}

/// A metric's clock read at `now`, for one cycle.
///
/// Durations are whole milliseconds in the goal's own terms: business time in
/// the metric's calendar, or wall time for a wall goal. Instants are canonical
/// ISO text, or `null`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct CycleResult {
    /// The metric's id.
    pub metric: String,
    /// 1 for the first cycle; a reopen with the `new_cycle` policy starts the next.
    pub cycle: u32,
    /// The status at `now`: `breached` once past the goal, whether still
    /// counting, paused or stopped.
    #[napi(ts_type = "'running' | 'paused' | 'met' | 'breached' | 'cancelled'")]
    pub status: String,
    /// When the cycle started.
    #[napi(js_name = "started_at", ts_type = "string | null")]
    pub started_at: String,
    /// When the clock stopped (met or breached) or was cancelled.
    #[napi(js_name = "stopped_at", ts_type = "string | null")]
    pub stopped_at: String,
    /// Time counted towards the goal.
    #[napi(js_name = "elapsed_ms")]
    pub elapsed_ms: f64,
    /// Wall time the clock was running.
    #[napi(js_name = "elapsed_wall_ms")]
    pub elapsed_wall_ms: f64,
    /// Time paused, in the goal's terms (a pause in closed hours counts nothing).
    #[napi(js_name = "paused_ms")]
    pub paused_ms: f64,
    /// `paused_ms` per reason.
    #[napi(js_name = "paused_by_reason", ts_type = "Record<string, number>")]
    pub paused_by_reason: String,
    /// The goal in the goal's terms (for a negotiated date, the business time
    /// from the start to it).
    #[napi(js_name = "goal_ms")]
    pub goal_ms: f64,
    /// Goal minus elapsed time, at least 0.
    #[napi(js_name = "remaining_ms")]
    pub remaining_ms: f64,
    /// Wall time from `now` to the deadline, at least 0; 0 once stopped.
    #[napi(js_name = "remaining_wall_ms")]
    pub remaining_wall_ms: f64,
    /// Elapsed time as a percentage of the goal, unrounded; `null` for a zero goal.
    #[napi(ts_type = "number | null")]
    pub percent: f64,
    /// The earliest instant at which elapsed time reaches the goal, projected
    /// from the clock's last change (it does not move while paused).
    #[napi(ts_type = "string | null")]
    pub deadline: String,
    /// The deadline had the clock never paused.
    #[napi(js_name = "original_deadline", ts_type = "string | null")]
    pub original_deadline: String,
    /// The first working instant at or after the deadline: where work resumes
    /// when the deadline is a closing instant.
    #[napi(js_name = "deadline_next_opening", ts_type = "string | null")]
    pub deadline_next_opening: String,
    /// The deadline, when breached.
    #[napi(js_name = "breached_at", ts_type = "string | null")]
    pub breached_at: String,
    /// Elapsed time beyond the goal.
    #[napi(js_name = "overrun_ms")]
    pub overrun_ms: f64,
    /// Every threshold with its instant (crossed, or projected from the clock's
    /// last change).
    #[napi(ts_type = "Array<ThresholdResult>")]
    pub thresholds: Vec<ThresholdResult>,
    /// When to evaluate again: the first instant after `now` at which a
    /// threshold is crossed or the clock breaches if nothing happens; `null`
    /// when paused, stopped, or breached with no threshold left.
    #[napi(js_name = "next_wakeup", ts_type = "string | null")]
    pub next_wakeup: String,
    /// The intervals from the start to the stop (or `now`): counted, outside
    /// hours, paused.
    #[napi(ts_type = "Array<Segment>")]
    pub explanation: Vec<Segment>,
}

/// A threshold of a cycle, such as `75%` or `1h before`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct ThresholdResult {
    /// The threshold's name.
    pub name: String,
    /// When it was crossed, or when it will be if the clock runs on.
    pub at: String,
    /// Whether it has been crossed.
    pub crossed: bool,
}

/// One interval of a cycle's explanation, `[from, to)`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct Segment {
    /// `counted`: running in working time; `outside_hours`: running outside the
    /// calendar's working time, not counted; `holiday`: running on a holiday of
    /// the calendar, not counted, `reason` names it; `paused`: not counted,
    /// `reason` says why.
    #[napi(ts_type = "'counted' | 'outside_hours' | 'holiday' | 'paused'")]
    pub kind: String,
    /// First instant.
    pub from: String,
    /// First instant after.
    pub to: String,
    /// Why paused (the `pause_reason_field` value, else the `state`, else the
    /// event type), or which holiday. Present on paused and holiday segments
    /// only.
    pub reason: Option<String>,
}

/// A finding of `PolicySet.lint`: a configuration that loads but is almost
/// certainly not what was meant.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct Finding {
    /// The path of the metric or condition concerned, such as
    /// `policies[0].metrics[1].pause`.
    pub path: String,
    /// A stable code.
    #[napi(
        ts_type = "'start_inside_stop' | 'pause_inside_start' | 'start_excludes_pause' | 'unknown_state'"
    )]
    pub code: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// An availability report for one period, as of `now`:
/// `Availability.report`.
///
/// Durations are whole milliseconds of agreed service time: service hours less
/// maintenance. Figures "so far" stop at `now` for a period still running.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct AvailabilityReport {
    /// First instant of the period, as canonical ISO text.
    #[napi(js_name = "period_start")]
    pub period_start: String,
    /// First instant after the period.
    #[napi(js_name = "period_end")]
    pub period_end: String,
    /// Agreed service time in the whole period.
    #[napi(js_name = "agreed_ms")]
    pub agreed_ms: f64,
    /// Agreed service time from the period's start to `now` (or its end).
    #[napi(js_name = "agreed_so_far_ms")]
    pub agreed_so_far_ms: f64,
    /// Outage time within agreed service time, so far.
    #[napi(js_name = "downtime_ms")]
    pub downtime_ms: f64,
    /// Agreed time up so far as a share of agreed time so far, in percent,
    /// unrounded; `null` when no service time has passed yet.
    #[napi(js_name = "availability_percent", ts_type = "number | null")]
    pub availability_percent: f64,
    /// The target, in percent.
    #[napi(js_name = "target_percent")]
    pub target_percent: f64,
    /// Whether availability so far meets the target (true with no service
    /// time yet).
    pub met: bool,
    /// Downtime the target allows over the whole period.
    #[napi(js_name = "allowed_downtime_ms")]
    pub allowed_downtime_ms: f64,
    /// Allowed downtime not yet used; negative once the target is missed.
    #[napi(js_name = "error_budget_remaining_ms")]
    pub error_budget_remaining_ms: f64,
    /// The remaining budget as a percentage of the allowed downtime; `null`
    /// for a 100 % target.
    #[napi(js_name = "error_budget_remaining_percent", ts_type = "number | null")]
    pub error_budget_remaining_percent: f64,
    /// How fast the budget burns: the downtime share so far divided by the
    /// share the target allows; 1 uses exactly the budget by the period's end.
    /// `null` before any service time or for a 100 % target.
    #[napi(js_name = "burn_rate", ts_type = "number | null")]
    pub burn_rate: f64,
    /// How many outages overlap agreed service time in the period so far.
    #[napi(js_name = "outages_counted")]
    pub outages_counted: u32,
}

/// One record's outcome in `PolicySet.evaluateBatch`: the core's batch item,
/// the same document in every language. Test for `'error' in item`.
#[napi]
pub type BatchItem = Either<BatchEvaluation, BatchError>;

/// The batch item of a record that was evaluated.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct BatchEvaluation {
    /// The record's position in the batch, from 0.
    pub index: u32,
    /// The record's id.
    #[napi(ts_type = "string | null")]
    pub record: String,
    /// Its evaluation, as `PolicySet.evaluate` returns it.
    pub evaluation: Evaluation,
}

/// The batch item of a record that could not be read as a timeline, or whose
/// evaluation failed. The other records are evaluated all the same.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct BatchError {
    /// The record's position in the batch, from 0.
    pub index: u32,
    /// The record's id: its document's `id` when that is a string, else `null`.
    #[napi(ts_type = "string | null")]
    pub record: String,
    /// What went wrong.
    pub error: ErrorDocument,
}

/// The core's error document, the same in every language. Its `code` is the
/// core's word (`invalid_input`); a thrown `Error` carries the same code as
/// `err.code` in upper case with `ITSM_` before it (`ITSM_INVALID_INPUT`), and
/// the same `message`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct ErrorDocument {
    /// The stable error code.
    #[napi(
        ts_type = "'invalid_config' | 'invalid_input' | 'invalid_argument' | 'no_working_time' | 'out_of_range'"
    )]
    pub code: String,
    /// The core's message: the whole sentence, path first for document errors.
    pub message: String,
    /// The path of the bad field for a document error (`created_at`,
    /// `events[1].at`; empty for the document itself).
    pub path: Option<String>,
    /// The error's other fields: `argument` for `invalid_argument`; `from`,
    /// `direction` and `years` for `no_working_time`; `instant`, `min` and
    /// `max` for `out_of_range`.
    #[napi(ts_type = "Record<string, string | number>")]
    pub details: Option<String>,
}

/// A record's history, the input of SLA evaluation (see the timeline format):
/// its fields when created and every event since, in time order.
///
/// Instants are RFC 3339 text with an offset, or `Date`s (read as
/// `JSON.stringify` writes them). A field value may also be a `Date` (read as
/// its ISO text) or a bigint that is a safe integer (read as that number).
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct TimelineDocument {
    /// The record's id, as the host knows it.
    pub id: String,
    /// When the record was created.
    #[napi(js_name = "created_at", ts_type = "string | Date")]
    pub created_at: String,
    /// Its fields at creation: names to strings, numbers, booleans or `null`.
    #[napi(ts_type = "Record<string, FieldValue>")]
    pub fields: Option<String>,
    /// Everything that happened since, in time order (never sorted for you:
    /// an event before the previous one is an error).
    #[napi(ts_type = "Array<TimelineEvent>")]
    pub events: Option<Vec<TimelineEvent>>,
}

/// The value of a record's field: a string, a number, a boolean or `null`;
/// in a document passed in, also a `Date` (read as its ISO text) or a bigint
/// that is a safe integer (read as that number).
#[napi]
pub type FieldValue<'a> = Either6<String, f64, BigInt, bool, Date<'a>, Null>;

/// One change to a record.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct TimelineEvent {
    /// When it happened.
    #[napi(ts_type = "string | Date")]
    pub at: String,
    /// What happened (`"assigned"`, `"comment"`, ...): free text that
    /// conditions test with `event_is`.
    #[napi(js_name = "type")]
    pub kind: String,
    /// The fields it sets; `null` clears a field.
    #[napi(ts_type = "Record<string, FieldValue>")]
    pub set: Option<String>,
    /// Who did it, when the host knows.
    pub actor: Option<String>,
}

/// A policy set document (see the SLA format): policies, the calendars their
/// clocks count in, and the rules that choose among them. `PolicySet.template`
/// and `slaTemplate` give complete examples.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct PolicySetDocument {
    /// Calendar documents by id; a metric names one, or counts all the time.
    #[napi(ts_type = "Record<string, Record<string, unknown>>")]
    pub calendars: Option<String>,
    /// How policies are chosen when several match: every one (`all`, the
    /// default), or one per contract type.
    #[napi(ts_type = "'all' | 'first' | 'shortest' | 'longest'")]
    pub selection: Option<String>,
    /// What a running clock does when the policy judging it changes.
    #[napi(
        ts_type = "'keep_elapsed' | 'restart' | { retroactive: { anchor?: 'created' | { first_set: string }; pauses?: boolean } }"
    )]
    pub switch: Option<String>,
    /// The known values of the `state` field, for the linter.
    pub states: Option<Vec<String>>,
    /// The policies, in document order.
    #[napi(ts_type = "Array<PolicyDocument>")]
    pub policies: Vec<PolicyDocument>,
}

/// One policy of a policy set document.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct PolicyDocument {
    /// Unique in its set.
    pub id: String,
    /// Shown in reports.
    pub name: Option<String>,
    /// The contract type; `sla` by default.
    #[napi(js_name = "type", ts_type = "'sla' | 'ola' | 'underpinning_contract'")]
    pub contract: Option<String>,
    /// The condition on the record's fields that makes the policy apply, such
    /// as `{ field_eq: { field: 'priority', value: 'P1' } }`.
    #[napi(ts_type = "Record<string, unknown>")]
    pub applies: String,
    /// Its clocks: each with an `id`, a `goal` (`{ business: 'PT8H' }`,
    /// `{ wall: ... }`, `{ working_days: ... }` or `{ negotiated_field: ... }`),
    /// `start` and `stop` conditions, and optionally `pause`, `resume`,
    /// `reset`, `cancel`, `reopen`, `thresholds`, `calendar`, `kind`, `name`.
    #[napi(ts_type = "Array<Record<string, unknown>>")]
    pub metrics: Vec<String>,
}

/// What availability is measured against: `Availability.fromJSON`.
///
/// Instants are RFC 3339 text with an offset, or `Date`s.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct AvailabilityDocument {
    /// A calendar document: the agreed service hours (24x7 UTC when left out).
    #[napi(js_name = "service_hours", ts_type = "Record<string, unknown>")]
    pub service_hours: Option<String>,
    /// The target in percent, with at most three decimals (`99.9`, `99.999`).
    pub target: f64,
    /// Outages; one without an `end` (or with `null`) is still going on at
    /// `now`.
    #[napi(ts_type = "Array<Outage>")]
    pub outages: Option<Vec<Outage>>,
    /// Agreed maintenance windows, which do not count as service time.
    #[napi(ts_type = "Array<MaintenanceWindow>")]
    pub maintenance: Option<Vec<MaintenanceWindow>>,
}

/// An outage of the service, `[start, end)`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct Outage {
    /// When it began.
    #[napi(ts_type = "string | Date")]
    pub start: String,
    /// When it ended; `null` or left out while it is still going on.
    #[napi(ts_type = "string | Date | null")]
    pub end: Option<String>,
    /// The host's id for it, if any.
    pub id: Option<String>,
}

/// An agreed maintenance window, `[start, end)`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct MaintenanceWindow {
    /// When it begins.
    #[napi(ts_type = "string | Date")]
    pub start: String,
    /// When it ends.
    #[napi(ts_type = "string | Date")]
    pub end: String,
    /// The host's id for it, if any.
    pub id: Option<String>,
}

/// A calendar month of an availability report, in the service hours' zone.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct MonthPeriod {
    /// The month, `"YYYY-MM"`.
    pub month: String,
}

/// The days of 24 hours of an availability report ending at `now`.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct RollingPeriod {
    /// How many days, 1 to 3660 (7, 30 and 90 are usual).
    #[napi(js_name = "rolling_days")]
    pub rolling_days: u32,
}

/// Any interval `[from, to)` of an availability report.
#[napi(object, object_to_js = false, object_from_js = false)]
pub struct BetweenPeriod {
    /// First instant.
    #[napi(ts_type = "string | Date")]
    pub from: String,
    /// First instant after; not before `from`.
    #[napi(ts_type = "string | Date")]
    pub to: String,
}
