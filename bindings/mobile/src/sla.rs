//! SLA clocks, policy sets and availability: the `itsm_core::sla` surface with
//! typed results for Kotlin and Swift.
//!
//! Documents (policy sets, timelines, availability inputs, periods) cross the
//! boundary as JSON text, exactly as `docs/sla-format.md` and
//! `docs/timeline-format.md` describe them. Results come back two ways:
//!
//! - typed records ([`Evaluation`], [`AvailabilityReport`], ...) that mirror the
//!   core's structs field by field, with instants as [`Timestamp`] and durations
//!   as signed milliseconds in fields named `...Ms`;
//! - the core's canonical JSON text (`evaluateJson`, `reportJson`), the same in
//!   every language, for hosts that store results and compare them byte for byte.

use std::collections::HashMap;
use std::sync::Arc;

use itsm_core::sla as core;

use crate::{ErrorDocument, Finding, Result, Timestamp, read_document};

// ---------------------------------------------------------------------------
// Timelines

/// A record's history: its fields when created and every event since, in time
/// order (see `docs/timeline-format.md`). The input of SLA evaluation; safe to
/// share between threads.
#[derive(Debug, Clone, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct Timeline {
    inner: itsm_core::Timeline,
}

#[uniffi::export]
impl Timeline {
    /// Reads a timeline from JSON text:
    /// `{"id": "INC-1", "created_at": "...", "fields": {...}, "events": [...]}`.
    ///
    /// Errors: `InvalidInput`, whose detail names the path of the first bad
    /// field (`events[2].at: ...`), for malformed JSON, unknown fields, bad
    /// instants, field values that are not scalars, or events out of time order.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Timeline {
            inner: read_document(
                &json,
                itsm_core::Timeline::from_json,
                itsm_core::Timeline::from_value,
            )?,
        })
    }

    /// The timeline as compact JSON text, instants in the canonical form;
    /// `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The record's id, as the host knows it.
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }
}

// ---------------------------------------------------------------------------
// Results of an evaluation

/// Which agreement a policy stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum Contract {
    /// A service level agreement with the customer (`sla`).
    Sla,
    /// An operational level agreement between internal teams (`ola`).
    Ola,
    /// An underpinning contract with a supplier (`underpinning_contract`).
    UnderpinningContract,
}

impl From<core::Contract> for Contract {
    fn from(contract: core::Contract) -> Self {
        match contract {
            core::Contract::Sla => Contract::Sla,
            core::Contract::Ola => Contract::Ola,
            core::Contract::UnderpinningContract => Contract::UnderpinningContract,
        }
    }
}

/// A clock's status at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum Status {
    /// Counting, within its goal.
    Running,
    /// Paused, within its goal.
    Paused,
    /// Stopped within its goal.
    Met,
    /// Past its goal, whether still counting, paused or stopped.
    Breached,
    /// No longer applies.
    Cancelled,
}

impl From<core::Status> for Status {
    fn from(status: core::Status) -> Self {
        match status {
            core::Status::Running => Status::Running,
            core::Status::Paused => Status::Paused,
            core::Status::Met => Status::Met,
            core::Status::Breached => Status::Breached,
            core::Status::Cancelled => Status::Cancelled,
        }
    }
}

/// What an interval of an explanation was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum SegmentKind {
    /// Running in working time: counted.
    Counted,
    /// Running outside the calendar's working time: not counted.
    OutsideHours,
    /// Running on a holiday of the calendar: not counted; the segment's
    /// `reason` names the holiday.
    Holiday,
    /// Paused: not counted; the segment's `reason` says why.
    Paused,
}

impl From<core::SegmentKind> for SegmentKind {
    fn from(kind: core::SegmentKind) -> Self {
        match kind {
            core::SegmentKind::Counted => SegmentKind::Counted,
            core::SegmentKind::OutsideHours => SegmentKind::OutsideHours,
            core::SegmentKind::Holiday => SegmentKind::Holiday,
            core::SegmentKind::Paused => SegmentKind::Paused,
        }
    }
}

/// One interval of a cycle's explanation, `[from, to)`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Segment {
    /// What the interval was.
    pub kind: SegmentKind,
    /// First instant.
    pub from: Timestamp,
    /// First instant after.
    pub to: Timestamp,
    /// Why paused, or which holiday (`holiday` for one without a name); null
    /// (nil) for other kinds.
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub reason: Option<String>,
}

impl From<&core::Segment> for Segment {
    fn from(segment: &core::Segment) -> Self {
        Segment {
            kind: segment.kind.into(),
            from: Timestamp::from_utc(segment.from),
            to: Timestamp::from_utc(segment.to),
            reason: segment.reason.clone(),
        }
    }
}

/// A threshold of a cycle, such as `75%` or `1h before`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct ThresholdResult {
    /// The threshold's name.
    pub name: String,
    /// When it was crossed, or when it will be if the clock runs on.
    pub at: Timestamp,
    /// Whether it has been crossed.
    pub crossed: bool,
}

impl From<&core::ThresholdResult> for ThresholdResult {
    fn from(threshold: &core::ThresholdResult) -> Self {
        ThresholdResult {
            name: threshold.name.clone(),
            at: Timestamp::from_utc(threshold.at),
            crossed: threshold.crossed,
        }
    }
}

/// One cycle of a clock read at `now`. Durations are milliseconds in the
/// goal's own terms: business time in the metric's calendar, or wall time for
/// a wall goal.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct CycleResult {
    /// The metric's id.
    pub metric: String,
    /// 1 for the first cycle; a reopen with the `new_cycle` policy starts the next.
    pub cycle: i64,
    /// The status at `now`.
    pub status: Status,
    /// When the cycle started.
    pub started_at: Option<Timestamp>,
    /// When the clock stopped (met or breached) or was cancelled.
    pub stopped_at: Option<Timestamp>,
    /// Time counted towards the goal.
    pub elapsed_ms: i64,
    /// Wall time the clock was running.
    pub elapsed_wall_ms: i64,
    /// Time paused, in the goal's terms (a pause in closed hours counts nothing).
    pub paused_ms: i64,
    /// `pausedMs` per reason.
    pub paused_by_reason: HashMap<String, i64>,
    /// The goal in the goal's terms.
    pub goal_ms: i64,
    /// Goal minus elapsed time, at least 0.
    pub remaining_ms: i64,
    /// Wall time from `now` to the deadline, at least 0; 0 once stopped.
    pub remaining_wall_ms: i64,
    /// Elapsed time as a percentage of the goal, unrounded; null (nil) for a
    /// zero goal.
    pub percent: Option<f64>,
    /// The earliest instant at which elapsed time reaches the goal, projected
    /// from the clock's last change.
    pub deadline: Option<Timestamp>,
    /// The deadline had the clock never paused.
    pub original_deadline: Option<Timestamp>,
    /// The first working instant at or after the deadline.
    pub deadline_next_opening: Option<Timestamp>,
    /// The deadline, when breached.
    pub breached_at: Option<Timestamp>,
    /// Elapsed time beyond the goal.
    pub overrun_ms: i64,
    /// Every threshold with its instant.
    pub thresholds: Vec<ThresholdResult>,
    /// When to evaluate again for this cycle; null (nil) when paused, stopped,
    /// or breached with no threshold left.
    pub next_wakeup: Option<Timestamp>,
    /// The intervals from the start to the stop (or `now`): counted, outside
    /// hours, paused.
    pub explanation: Vec<Segment>,
}

impl From<&core::CycleResult> for CycleResult {
    fn from(cycle: &core::CycleResult) -> Self {
        let instant = |t: Option<chrono::DateTime<chrono::Utc>>| t.map(Timestamp::from_utc);
        CycleResult {
            metric: cycle.metric.clone(),
            cycle: i64::from(cycle.cycle),
            status: cycle.status.into(),
            started_at: instant(cycle.started_at),
            stopped_at: instant(cycle.stopped_at),
            elapsed_ms: cycle.elapsed.num_milliseconds(),
            elapsed_wall_ms: cycle.elapsed_wall.num_milliseconds(),
            paused_ms: cycle.paused.num_milliseconds(),
            paused_by_reason: cycle
                .paused_by_reason
                .iter()
                .map(|(reason, length)| (reason.clone(), length.num_milliseconds()))
                .collect(),
            goal_ms: cycle.goal.num_milliseconds(),
            remaining_ms: cycle.remaining.num_milliseconds(),
            remaining_wall_ms: cycle.remaining_wall.num_milliseconds(),
            percent: cycle.percent,
            deadline: instant(cycle.deadline),
            original_deadline: instant(cycle.original_deadline),
            deadline_next_opening: instant(cycle.deadline_next_opening),
            breached_at: instant(cycle.breached_at),
            overrun_ms: cycle.overrun.num_milliseconds(),
            thresholds: cycle.thresholds.iter().map(ThresholdResult::from).collect(),
            next_wakeup: instant(cycle.next_wakeup),
            explanation: cycle.explanation.iter().map(Segment::from).collect(),
        }
    }
}

/// A metric's clock for one record: every cycle, and the policy judging it.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct MetricResult {
    /// The id of the policy judging the clock now.
    pub policy: String,
    /// That policy's contract.
    pub contract: Contract,
    /// The metric's id.
    pub metric: String,
    /// The metric's name, if any.
    pub name: Option<String>,
    /// `response`, `resolution`, `next_update` or `custom`.
    pub kind: String,
    /// Whether the current (last) cycle is breached.
    pub breached: bool,
    /// Whether any cycle ever breached.
    pub ever_breached: bool,
    /// Every cycle, oldest first.
    pub cycles: Vec<CycleResult>,
}

impl From<&core::MetricResult> for MetricResult {
    fn from(metric: &core::MetricResult) -> Self {
        MetricResult {
            policy: metric.policy.clone(),
            contract: metric.contract.into(),
            metric: metric.metric.clone(),
            name: metric.name.clone(),
            kind: kind_name(metric.kind),
            breached: metric.breached,
            ever_breached: metric.ever_breached,
            cycles: metric.cycles.iter().map(CycleResult::from).collect(),
        }
    }
}

/// The core's name of a metric kind (`response`, `next_update`, ...), as its
/// documents spell it.
fn kind_name(kind: core::MetricKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// A record evaluated against a policy set at `now`.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Evaluation {
    /// The record's id.
    pub record: String,
    /// The instant of the evaluation.
    pub now: Timestamp,
    /// Ids of the policies that match the record now, in document order.
    pub matched: Vec<String>,
    /// Ids of the policies selected among them.
    pub selected: Vec<String>,
    /// The clocks attached now, by policy and metric order.
    pub metrics: Vec<MetricResult>,
    /// The earliest `nextWakeup` of any clock: schedule one timer for it.
    pub next_wakeup: Option<Timestamp>,
    /// What the record holds that the policy set does not know; empty when
    /// there is nothing to say.
    #[cfg_attr(test, serde(skip_serializing_if = "Vec::is_empty"))]
    pub warnings: Vec<Warning>,
}

/// Something a record holds that its policy set does not know: a state the
/// set does not list (`unknown_state`), a value no condition mentions
/// (`unmentioned_value`), or no policy at all (`no_policy_applies`).
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Warning {
    /// The core's warning code.
    pub code: String,
    /// Where the value first appears in the timeline document
    /// (`events[3].set.state`); empty for the record as a whole.
    pub path: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl From<&core::Warning> for Warning {
    fn from(warning: &core::Warning) -> Self {
        let code = match serde_json::to_value(warning.code) {
            Ok(serde_json::Value::String(code)) => code,
            _ => String::new(),
        };
        Warning {
            code,
            path: warning.path.clone(),
            message: warning.message.clone(),
        }
    }
}

impl From<&core::Evaluation> for Evaluation {
    fn from(evaluation: &core::Evaluation) -> Self {
        Evaluation {
            record: evaluation.record.clone(),
            now: Timestamp::from_utc(evaluation.now),
            matched: evaluation.matched.clone(),
            selected: evaluation.selected.clone(),
            metrics: evaluation.metrics.iter().map(MetricResult::from).collect(),
            next_wakeup: evaluation.next_wakeup.map(Timestamp::from_utc),
            warnings: evaluation.warnings.iter().map(Warning::from).collect(),
        }
    }
}

/// One record's outcome in a batch (`evaluateBatch`, `evaluateDocuments`): the
/// core's batch item `{index, record, evaluation}` or `{index, record, error}`,
/// the same document in every language.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct BatchItem {
    /// The record's position in the batch, from 0.
    pub index: i64,
    /// The record's id; null (nil) when its document has no string `id`.
    pub record: Option<String>,
    /// Its evaluation, when it was evaluated; null (nil) otherwise.
    pub evaluation: Option<Evaluation>,
    /// The core's error document, when it could not be; null (nil) otherwise.
    pub error: Option<ErrorDocument>,
    /// The whole item as compact JSON text, the core's batch item written by
    /// serde_json in the canonical form of `evaluateJson` (object keys in
    /// sorted order): what Python and Node return as data.
    pub json: String,
}

impl From<&core::BatchItem> for BatchItem {
    fn from(item: &core::BatchItem) -> Self {
        BatchItem {
            index: i64::try_from(item.index).unwrap_or(i64::MAX),
            record: item.record.clone(),
            evaluation: item.outcome.evaluation().map(Evaluation::from),
            error: item.outcome.error().map(ErrorDocument::from),
            // Through JSON data, as `Evaluation::to_json` writes the canonical
            // text: the evaluation in it is `evaluateJson`'s text, byte for byte.
            json: serde_json::to_value(item)
                .map(|value| value.to_string())
                .unwrap_or_default(),
        }
    }
}

// ---------------------------------------------------------------------------
// Policy sets

/// SLA policies, the calendars their clocks count in, and the rules that choose
/// among them (see `docs/sla-format.md`); validated on load and safe to share
/// between threads.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct PolicySet {
    inner: core::PolicySet,
}

#[uniffi::export]
impl PolicySet {
    /// Reads a policy set document from JSON text.
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first bad
    /// field (`policies[0].metrics[0].goal.business: ...`), for malformed JSON,
    /// unknown fields, bad conditions, goals or calendars, a metric naming an
    /// unknown calendar, or duplicate ids.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(PolicySet {
            inner: read_document(
                &json,
                core::PolicySet::from_json,
                core::PolicySet::from_value,
            )?,
        })
    }

    /// A built-in policy set by name (see `slaTemplates()`): `itil_incident` or
    /// `assignment_group_ola`.
    ///
    /// Errors: `InvalidArgument` naming `name` for an unknown template.
    #[uniffi::constructor]
    pub fn template(name: String) -> Result<Self> {
        Ok(PolicySet {
            inner: core::PolicySet::from_value(&core::template(&name)?)?,
        })
    }

    /// The set as compact JSON text, with every default spelled out; `fromJson`
    /// reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The known traps of the configuration, in document order; empty when
    /// there are none.
    pub fn lint(&self) -> Vec<Finding> {
        self.inner.lint().into_iter().map(Finding::from).collect()
    }

    /// Evaluates one record at `now`: which policies apply, and every attached
    /// clock read at `now`, with the earliest `nextWakeup`.
    ///
    /// Errors: `InvalidArgument` when `now` is before the record was created or
    /// a negotiated date field holds no instant; `OutOfRange` outside
    /// 1900-2300; calendar errors.
    ///
    /// `explain = false` leaves every cycle's explanation empty; `strict = true`
    /// refuses a record that would give warnings (`InvalidInput` naming the
    /// value's path).
    #[uniffi::method(default(explain = true, strict = false))]
    pub fn evaluate(
        &self,
        timeline: &Timeline,
        now: Timestamp,
        explain: bool,
        strict: bool,
    ) -> Result<Evaluation> {
        Ok(Evaluation::from(
            &self.evaluate_core(timeline, now, explain, strict)?,
        ))
    }

    /// As `evaluate`, returning the core's canonical JSON text of the
    /// evaluation, identical in every language: store it and compare it byte
    /// for byte.
    ///
    /// Errors: as `evaluate`.
    #[uniffi::method(default(explain = true, strict = false))]
    pub fn evaluate_json(
        &self,
        timeline: &Timeline,
        now: Timestamp,
        explain: bool,
        strict: bool,
    ) -> Result<String> {
        Ok(self
            .evaluate_core(timeline, now, explain, strict)?
            .to_json())
    }

    /// Evaluates many records at the same `now`, each on its own: a bad record
    /// gets its own error and the others go on. The result has one item per
    /// timeline, in order, with the timeline's id as `record`. An unusable
    /// `now` is every record's error.
    ///
    /// `explain = false` leaves every cycle's explanation empty, which makes
    /// large batches much cheaper.
    #[uniffi::method(default(explain = true, strict = false))]
    pub fn evaluate_batch(
        &self,
        timelines: Vec<Arc<Timeline>>,
        now: Timestamp,
        explain: bool,
        strict: bool,
    ) -> Vec<BatchItem> {
        let options = core::EvaluateOptions { explain, strict };
        let now = itsm_core::instant_from_millis(now.millis);
        timelines
            .iter()
            .enumerate()
            .map(|(index, timeline)| {
                let outcome = now
                    .clone()
                    .and_then(|now| self.inner.evaluate_with(&timeline.inner, now, options));
                BatchItem::from(&core::BatchItem::new(
                    index,
                    Some(timeline.inner.id()),
                    outcome,
                ))
            })
            .collect()
    }

    /// Reads and evaluates many timeline documents (each one JSON text) at the
    /// same `now`: one item per document, in order. A document that does not
    /// read, or a record that fails, gets its own error document (code
    /// `invalid_input` naming the bad field, for a bad document) and the others
    /// go on; `record` is the document's `id` when it is a string, even when
    /// the rest of the document is bad.
    ///
    /// Errors: `OutOfRange` for `now` outside 1900-2300.
    ///
    /// `explain = false` leaves every cycle's explanation empty; `strict = true`
    /// refuses a record that would give warnings (`InvalidInput` naming the
    /// value's path).
    #[uniffi::method(default(explain = true, strict = false))]
    pub fn evaluate_documents(
        &self,
        documents: Vec<String>,
        now: Timestamp,
        explain: bool,
        strict: bool,
    ) -> Result<Vec<BatchItem>> {
        let options = core::EvaluateOptions { explain, strict };
        let now = now.to_utc()?;
        // Texts that are not JSON at all stand in as null here; their items are
        // then replaced by the core's own reading of the text.
        let values: Vec<Option<serde_json::Value>> = documents
            .iter()
            .map(|text| serde_json::from_str(text).ok())
            .collect();
        let readable = values
            .iter()
            .map(|value| value.as_ref().unwrap_or(&serde_json::Value::Null));
        let items = self.inner.evaluate_documents(readable, now, options);
        Ok(items
            .iter()
            .zip(values.iter().zip(&documents))
            .map(|(item, (value, text))| match value {
                Some(_) => BatchItem::from(item),
                None => BatchItem::from(&core::BatchItem::new(
                    item.index,
                    None,
                    itsm_core::Timeline::from_json(text)
                        .and_then(|timeline| self.inner.evaluate_with(&timeline, now, options)),
                )),
            })
            .collect())
    }
}

#[uniffi::export]
impl PolicySet {
    /// Evaluates a table of tickets given as JSON rows at `now`: `rowsJson`
    /// is an array of ticket rows (`{"id", "opened", "resolved", "pauses":
    /// [{"start", "end"}], "fields"}`) or, with `optionsJson`
    /// `{"shape": "events"}`, of event rows (`{"id", "at", "field", "value",
    /// "type", "created", "order"}`), or with `{"shape": "snapshots"}` of
    /// snapshot rows (`{"id", "at", "order", "created", "fields"}`, every
    /// current value, diffed row to row). The options also read a real
    /// export in the policy's terms: `field_names`, `values` (source values
    /// to the policy's), `null_marker`, `out_of_order` and `strict`. Answers the core's canonical JSON text of the
    /// result, `{"rows": [...], "summary": {...}}`: one row per ticket and
    /// clock, with status, elapsed and remaining milliseconds, deadline and
    /// breach, and the counts (met, breached, at risk, compliance). The same
    /// bytes as every other language gives.
    ///
    /// Errors: `InvalidInput` naming the bad row and field (`rows[3].opened`)
    /// or cell (`pauses[3]`); `InvalidArgument` for bad options
    /// (`options.shape`); `OutOfRange` for `now` outside 1900-2300.
    #[uniffi::method(default(options_json = None))]
    pub fn evaluate_rows_json(
        &self,
        rows_json: String,
        now: Timestamp,
        options_json: Option<String>,
    ) -> Result<String> {
        let options = match options_json {
            Some(text) => {
                let value = serde_json::from_str(&text).map_err(|e| {
                    itsm_core::Error::invalid_argument("options", format!("not JSON: {e}"))
                })?;
                core::TableOptions::from_value(&value)?
            }
            None => core::TableOptions::default(),
        };
        Ok(self
            .inner
            .evaluate_rows_json(&rows_json, now.to_utc()?, &options)?)
    }
}

impl PolicySet {
    fn evaluate_core(
        &self,
        timeline: &Timeline,
        now: Timestamp,
        explain: bool,
        strict: bool,
    ) -> Result<core::Evaluation> {
        let options = core::EvaluateOptions { explain, strict };
        Ok(self
            .inner
            .evaluate_with(&timeline.inner, now.to_utc()?, options)?)
    }
}

/// The names of the built-in policy sets, such as `itil_incident`.
#[uniffi::export]
pub fn sla_templates() -> Vec<String> {
    core::TEMPLATES
        .iter()
        .map(|name| (*name).to_owned())
        .collect()
}

/// A built-in policy set document as JSON text, to load as it is
/// (`PolicySet.template(name)`) or to change first (its business hours, its
/// targets) and load with `PolicySet.fromJson`.
///
/// Errors: `InvalidArgument` naming `name` for an unknown template.
#[uniffi::export]
pub fn sla_template(name: String) -> Result<String> {
    Ok(core::template(&name)?.to_string())
}

/// The templates' "waiting for customer" pause condition as JSON text: on hold
/// with `hold_reason` `awaiting_caller`.
#[uniffi::export]
pub fn sla_waiting_for_customer() -> String {
    core::waiting_for_customer().to_string()
}

// ---------------------------------------------------------------------------
// Availability

/// An availability report for one period, as of `now`. Durations are
/// milliseconds of agreed service time: service hours less maintenance.
/// Figures "so far" stop at `now` for a period still running.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AvailabilityReport {
    /// First instant of the period.
    pub period_start: Timestamp,
    /// First instant after the period.
    pub period_end: Timestamp,
    /// Agreed service time in the whole period.
    pub agreed_ms: i64,
    /// Agreed service time from the period's start to `now` (or its end).
    pub agreed_so_far_ms: i64,
    /// Outage time within agreed service time, so far.
    pub downtime_ms: i64,
    /// Agreed time up so far as a share of agreed time so far, in percent,
    /// unrounded; null (nil) when no service time has passed yet.
    pub availability_percent: Option<f64>,
    /// The target, in percent.
    pub target_percent: f64,
    /// Whether availability so far meets the target (true with no service time
    /// yet).
    pub met: bool,
    /// Downtime the target allows over the whole period.
    pub allowed_downtime_ms: i64,
    /// Allowed downtime not yet used; negative once the target is missed.
    pub error_budget_remaining_ms: i64,
    /// The remaining budget as a share of the allowed downtime, in percent;
    /// null (nil) when no downtime is allowed.
    pub error_budget_remaining_percent: Option<f64>,
    /// How fast the budget burns: 1.0 uses exactly the budget by the period's
    /// end; null (nil) when no service time has passed or no downtime is
    /// allowed.
    pub burn_rate: Option<f64>,
    /// How many outages overlap agreed service time in the period so far.
    pub outages_counted: i64,
}

impl From<&core::AvailabilityReport> for AvailabilityReport {
    fn from(report: &core::AvailabilityReport) -> Self {
        AvailabilityReport {
            period_start: Timestamp::from_utc(report.period_start),
            period_end: Timestamp::from_utc(report.period_end),
            agreed_ms: report.agreed.num_milliseconds(),
            agreed_so_far_ms: report.agreed_so_far.num_milliseconds(),
            downtime_ms: report.downtime.num_milliseconds(),
            availability_percent: report.availability_percent,
            target_percent: report.target_percent,
            met: report.met,
            allowed_downtime_ms: report.allowed_downtime.num_milliseconds(),
            error_budget_remaining_ms: report.error_budget_remaining.num_milliseconds(),
            error_budget_remaining_percent: report.error_budget_remaining_percent,
            burn_rate: report.burn_rate,
            outages_counted: i64::from(report.outages_counted),
        }
    }
}

/// A service's availability input: service hours, a target percentage, outages
/// and agreed maintenance windows (see `docs/sla-format.md`); safe to share
/// between threads.
#[derive(Debug, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct Availability {
    inner: core::Availability,
}

#[uniffi::export]
impl Availability {
    /// Reads the availability input from JSON text:
    /// `{"service_hours": {...}, "target": 99.9, "outages": [...], "maintenance": [...]}`.
    ///
    /// Errors: `InvalidConfig`, whose detail names the bad field.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Availability {
            inner: read_document(
                &json,
                core::Availability::from_json,
                core::Availability::from_value,
            )?,
        })
    }

    /// The report for a period as of `now`. `periodJson` is one of
    /// `{"month": "2026-11"}` (a month in the service hours' zone),
    /// `{"rolling_days": 30}` (ending at `now`) or `{"from": "...", "to": "..."}`.
    ///
    /// Errors: `InvalidConfig` naming the bad field of the period;
    /// `InvalidArgument` when the period does not fit the supported range;
    /// `OutOfRange` for `now` outside 1900-2300; calendar errors.
    pub fn report(&self, period_json: String, now: Timestamp) -> Result<AvailabilityReport> {
        Ok(AvailabilityReport::from(
            &self.report_core(&period_json, now)?,
        ))
    }

    /// The document this input was read from, as JSON text.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// As `report`, returning the core's canonical JSON text of the report,
    /// identical in every language.
    ///
    /// Errors: as `report`.
    pub fn report_json(&self, period_json: String, now: Timestamp) -> Result<String> {
        Ok(self.report_core(&period_json, now)?.to_value().to_string())
    }
}

impl Availability {
    fn report_core(&self, period_json: &str, now: Timestamp) -> Result<core::AvailabilityReport> {
        let period = read_document(
            period_json,
            core::Period::from_json,
            core::Period::from_value,
        )?;
        Ok(self.inner.report(period, now.to_utc()?)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        Timestamp::from_utc(itsm_core::parse_instant("at", text).unwrap())
    }

    fn incident(id: &str, priority: &str) -> Arc<Timeline> {
        let json = format!(
            r#"{{"id": "{id}", "created_at": "2026-11-23T09:00:00Z",
                "fields": {{"state": "new", "priority": "{priority}"}},
                "events": [{{"at": "2026-11-23T09:10:00Z", "type": "comment"}}]}}"#
        );
        Arc::new(Timeline::from_json(json).unwrap())
    }

    #[test]
    fn typed_and_json_results_come_from_the_same_evaluation() {
        let set = PolicySet::template("itil_incident".into()).unwrap();
        let record = incident("INC-1", "P2");
        let now = at("2026-11-23T10:00:00Z");
        let typed = set.evaluate(&record, now, true, false).unwrap();
        let json: serde_json::Value =
            serde_json::from_str(&set.evaluate_json(&record, now, true, false).unwrap()).unwrap();
        assert_eq!(json["record"], "INC-1");
        assert_eq!(typed.selected, ["incident_p2"]);
        assert_eq!(
            typed.metrics.len(),
            json["metrics"].as_array().unwrap().len()
        );
        let response = &typed.metrics[0].cycles[0];
        assert_eq!(response.status, Status::Breached);
        assert_eq!(json["metrics"][0]["cycles"][0]["status"], "breached");
        assert_eq!(response.elapsed_ms, 3_600_000);
        assert_eq!(response.goal_ms, 1_800_000);
    }

    #[test]
    fn a_batch_matches_the_core_batch_and_goes_past_bad_records() {
        let set = PolicySet::template("itil_incident".into()).unwrap();
        let records = vec![incident("A", "P1"), incident("B", "P3")];
        let now = at("2026-11-23T09:05:00Z");
        let core_batch = set
            .inner
            .evaluate_batch(records.iter().map(|t| &t.inner), now.to_utc().unwrap());
        let batch = set.evaluate_batch(records.clone(), now, true, false);
        assert_eq!(batch.len(), core_batch.len());
        for (index, (item, core_item)) in batch.iter().zip(core_batch).enumerate() {
            let evaluation = core_item.unwrap();
            assert_eq!(item.evaluation, Some(Evaluation::from(&evaluation)));
            assert_eq!(item.error, None);
            let id = evaluation.record.clone();
            let expected = core::BatchItem::new(index, Some(&id), Ok(evaluation));
            assert_eq!(
                item.json,
                serde_json::to_value(&expected).unwrap().to_string()
            );
            assert!(
                item.json.contains(
                    &set.evaluate_json(&records[index], now, true, false)
                        .unwrap()
                )
            );
        }
        let early = set.evaluate_batch(
            vec![incident("C", "P1")],
            at("2026-11-23T08:00:00Z"),
            true,
            false,
        );
        assert_eq!(early[0].evaluation, None);
        assert_eq!(early[0].record.as_deref(), Some("C"));
        let error = early[0].error.as_ref().unwrap();
        assert_eq!(error.code, "invalid_argument");
        assert_eq!(error.details.as_deref(), Some(r#"{"argument":"now"}"#));
        let out = set.evaluate_batch(
            vec![incident("D", "P1")],
            Timestamp { millis: i64::MAX },
            true,
            false,
        );
        assert_eq!(out[0].error.as_ref().unwrap().code, "out_of_range");
    }

    #[test]
    fn document_batches_are_the_core_batch_items() {
        let set = PolicySet::template("itil_incident".into()).unwrap();
        let now = at("2026-11-23T12:00:00Z");
        let documents = [
            r#"{"id": "INC-1", "created_at": "2026-11-23T09:00:00Z"}"#,
            "{",
            r#"{"id": "INC-3", "created_at": "yesterday"}"#,
        ];
        let items = set
            .evaluate_documents(
                documents.iter().map(|d| (*d).to_owned()).collect(),
                now,
                false,
                false,
            )
            .unwrap();
        let values: Vec<serde_json::Value> = [documents[0], documents[2]]
            .iter()
            .map(|d| serde_json::from_str(d).unwrap())
            .collect();
        let core_items = set.inner.evaluate_documents(
            &values,
            now.to_utc().unwrap(),
            core::EvaluateOptions {
                explain: false,
                strict: false,
            },
        );
        assert_eq!(items[0], BatchItem::from(&core_items[0]));
        assert_eq!(items[1].index, 1);
        assert_eq!(items[1].record, None);
        let bad_text = items[1].error.as_ref().unwrap();
        assert_eq!(bad_text.code, "invalid_input");
        assert!(
            bad_text.message.starts_with("(document): not valid JSON"),
            "{bad_text:?}"
        );
        assert_eq!(bad_text.path.as_deref(), Some(""));
        // The same item as the core's for that document, but at index 2.
        let mut third: serde_json::Value = serde_json::from_str(&items[2].json).unwrap();
        third["index"] = 1.into();
        assert_eq!(third, serde_json::to_value(&core_items[1]).unwrap());
        assert_eq!(items[2].record.as_deref(), Some("INC-3"));
        let err = set
            .evaluate_documents(vec![], Timestamp { millis: i64::MIN }, true, false)
            .unwrap_err();
        assert_eq!(err.code(), "out_of_range");
    }

    #[test]
    fn periods_are_read_like_core_documents() {
        let service = Availability::from_json(r#"{"target": 99.9}"#.into()).unwrap();
        let now = at("2026-12-01T00:00:00Z");
        let err = service.report("{".into(), now).unwrap_err();
        assert_eq!(err.code(), "invalid_config");
        assert!(
            err.detail().starts_with("(document): not valid JSON"),
            "{err}"
        );
        let err = service
            .report(r#"{"month": "2026-13"}"#.into(), now)
            .unwrap_err();
        assert!(err.detail().starts_with("month: "), "{err}");
        let report = service
            .report(r#"{"month": "2026-11"}"#.into(), now)
            .unwrap();
        assert_eq!(report.agreed_ms, 30 * 86_400_000);
        assert_eq!(report.allowed_downtime_ms, 2_592_000);
    }

    #[test]
    fn well_formed_documents_are_never_called_invalid_json() {
        let two_forms = r#"{"policies": [{"id": "p", "applies": {"state_in": ["new"], "always": true},
            "metrics": [{"id": "m", "goal": {"wall": "PT1H"}, "start": {"always": true}, "stop": {"always": false}}]}]}"#;
        let err = PolicySet::from_json(two_forms.into()).unwrap_err();
        assert_eq!(
            err.detail(),
            "policies[0].applies: expected an object with exactly one key, found an object"
        );
        let err = PolicySet::from_json(r#"{"policies": ["#.into()).unwrap_err();
        assert!(
            err.detail().starts_with("(document): not valid JSON"),
            "{err}"
        );
        let err = Timeline::from_json("{".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(
            err.detail().starts_with("(document): not valid JSON"),
            "{err}"
        );
    }

    #[test]
    fn unknown_templates_are_invalid_arguments() {
        assert_eq!(sla_templates(), ["itil_incident", "assignment_group_ola"]);
        let err = sla_template("itil".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert!(PolicySet::template("itil".into()).is_err());
        let json = sla_template("assignment_group_ola".into()).unwrap();
        assert!(PolicySet::from_json(json).unwrap().lint().is_empty());
    }
}

/// The records above mirror the core's result documents by hand. These tests
/// hold every mirror to the core: for every conformance vector, the mirrored
/// record written as JSON must equal the core's own document, field for field
/// (a field added to, renamed in or dropped from either side fails here).
#[cfg(test)]
mod mirror_tests {
    use super::*;
    use crate::test_support::{mirrored, vector_files};
    use serde_json::Value;

    fn instant(value: &Value) -> chrono::DateTime<chrono::Utc> {
        itsm_core::parse_instant("now", value.as_str().unwrap()).unwrap()
    }

    #[test]
    fn evaluations_and_findings_mirror_the_core_documents() {
        let (mut evaluations, mut findings) = (0, 0);
        for (name, file) in vector_files("sla") {
            let set = match (file.get("template"), file.get("policies")) {
                (Some(template), _) => core::PolicySet::from_value(
                    &core::template(template.as_str().unwrap()).unwrap(),
                ),
                (None, Some(policies)) => core::PolicySet::from_value(policies),
                (None, None) => continue,
            }
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            for finding in set.lint() {
                let core_document = serde_json::to_value(&finding).unwrap();
                let record = Finding::from(finding);
                assert_eq!(mirrored(&record), core_document, "{name}: lint finding");
                findings += 1;
            }
            for case in file["cases"].as_array().into_iter().flatten() {
                let Ok(timeline) = itsm_core::Timeline::from_value(&case["timeline"]) else {
                    continue;
                };
                for explain in [true, false] {
                    let options = core::EvaluateOptions {
                        explain,
                        strict: false,
                    };
                    let Ok(evaluation) =
                        set.evaluate_with(&timeline, instant(&case["now"]), options)
                    else {
                        continue;
                    };
                    let canonical: Value = serde_json::from_str(&evaluation.to_json()).unwrap();
                    assert_eq!(
                        mirrored(&Evaluation::from(&evaluation)),
                        canonical,
                        "{name}: {}",
                        case["name"]
                    );
                    evaluations += 1;
                }
            }
        }
        assert!(evaluations >= 40, "only {evaluations} evaluations compared");
        assert!(findings >= 1, "no lint finding compared");
    }

    #[test]
    fn availability_reports_mirror_the_core_documents() {
        let mut reports = 0;
        for (name, file) in vector_files("availability") {
            let Some(input) = file.get("availability") else {
                continue;
            };
            let service = core::Availability::from_value(input).unwrap();
            for case in file["cases"].as_array().into_iter().flatten() {
                let Ok(period) = core::Period::from_value(&case["period"]) else {
                    continue;
                };
                let Ok(report) = service.report(period, instant(&case["now"])) else {
                    continue;
                };
                assert_eq!(
                    mirrored(&AvailabilityReport::from(&report)),
                    report.to_value(),
                    "{name}: {}",
                    case["name"]
                );
                reports += 1;
            }
        }
        assert!(reports >= 5, "only {reports} reports compared");
    }

    #[test]
    fn batch_items_and_error_documents_are_the_core_documents() {
        for (name, file) in vector_files("batch") {
            let set = PolicySet::template(file["template"].as_str().unwrap().into()).unwrap();
            let now = Timestamp::from_utc(instant(&file["now"]));
            let documents: Vec<String> = file["records"]
                .as_array()
                .unwrap()
                .iter()
                .map(Value::to_string)
                .collect();
            let items = set
                .evaluate_documents(documents, now, false, false)
                .unwrap();
            let core_items = set.inner.evaluate_documents(
                file["records"].as_array().unwrap(),
                now.to_utc().unwrap(),
                core::EvaluateOptions {
                    explain: false,
                    strict: false,
                },
            );
            assert_eq!(items.len(), core_items.len(), "{name}");
            for (item, core_item) in items.iter().zip(&core_items) {
                let core_document = serde_json::to_value(core_item).unwrap();
                assert_eq!(item.json, core_document.to_string(), "{name}");
                assert_eq!(Some(item.index), core_document["index"].as_i64());
                assert_eq!(
                    item.record.as_ref(),
                    core_document["record"].as_str().map(str::to_owned).as_ref()
                );
                match (&item.evaluation, &item.error) {
                    (Some(evaluation), None) => {
                        assert_eq!(mirrored(evaluation), core_document["evaluation"], "{name}");
                    }
                    (None, Some(error)) => {
                        let mut fields = serde_json::json!({
                            "code": error.code,
                            "message": error.message,
                        });
                        if let Some(path) = &error.path {
                            fields["path"] = path.as_str().into();
                        }
                        if let Some(details) = &error.details {
                            fields["details"] = serde_json::from_str(details).unwrap();
                        }
                        assert_eq!(fields, core_document["error"], "{name}");
                        assert_eq!(error.json, core_document["error"].to_string(), "{name}");
                    }
                    _ => panic!("{name}: an item has an evaluation or an error"),
                }
            }
        }
    }
}
