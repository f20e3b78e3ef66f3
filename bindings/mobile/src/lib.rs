//! Kotlin and Swift bindings of `itsm-core`, generated with uniffi.
//!
//! The surface mirrors `itsm_core::Calendar` and the SLA module
//! (`itsm_core::sla`: timelines, policy sets, evaluations, templates and
//! availability, see [`sla`]), the priority matrix (`itsm_core::priority`, see
//! [`priority`]), workflows (`itsm_core::workflow`, see [`workflow`]),
//! records, desks and automation templates (`itsm_core::record`,
//! `itsm_core::automation`, see [`record`]), the service graph, change risk,
//! windows and schedules (`itsm_core::service`, `itsm_core::change`, see
//! [`service`] and [`change`]) and metrics (`itsm_core::metrics`, see
//! [`metrics`]): JSON text in, the core's canonical JSON text out, with host
//! types at the edges:
//!
//! | core (Rust) | across the boundary | Kotlin | Swift |
//! | --- | --- | --- | --- |
//! | `DateTime<Utc>` | [`Timestamp`] (signed ms since the epoch) | `java.time.Instant` | `Date` |
//! | `TimeDelta` | [`BusinessDuration`] (signed ms) | `java.time.Duration` | `TimeInterval` |
//! | `itsm_core::Error` | [`ItsmError`] | sealed `ItsmException` | `ItsmError` enum |
//!
//! Instants and durations cross as signed milliseconds, converted by the
//! generated Kotlin and Swift code (see `uniffi.toml`). uniffi's built-in
//! `Timestamp` is not used: its wire format loses the sign of instants in the
//! last second before 1970 (-0.5 s arrives as +0.5 s), and a Swift `Date` would
//! arrive a few hundred nanoseconds short of a whole millisecond.
//!
//! Precision: the core computes in whole milliseconds. In Kotlin, an `Instant`'s
//! or `Duration`'s sub-millisecond part is truncated towards the past (0.4 ms
//! before the epoch counts as 1 ms before it). In Swift, `Date` and
//! `TimeInterval` are floating-point seconds and are rounded to the nearest
//! millisecond. Every result is a whole millisecond.
//!
//! Range: instants must lie from 1900-01-01 to 2300-01-01 UTC, as in the core;
//! others fail with `OutOfRange`. Durations are signed across the boundary so
//! that a negative one reaches the core and fails there with `InvalidArgument`,
//! as in every other binding. Values too large for milliseconds in an `i64`
//! saturate (and then fail as out of range or negative).
//!
//! Every call returns a value or an [`ItsmError`]; nothing here panics.

#![deny(missing_docs)]
// `ItsmError` carries the core's error document by value: uniffi lifts errors
// field by field across the boundary, so its variants cannot hold a box.
#![allow(clippy::result_large_err)]

use chrono::{DateTime, TimeDelta, Utc};
use itsm_core::Error as CoreError;
use std::fmt;

pub mod change;
pub mod metrics;
pub mod priority;
pub mod record;
pub mod service;
pub mod sla;
pub mod workflow;
pub use change::{ChangeWindows, RiskPolicy, Schedule};
pub use metrics::Metrics;
pub use priority::{PriorityAnswer, PriorityMatrix};
pub use record::{Desk, Outcome, Record};
pub use service::ServiceGraph;
pub use sla::{
    Availability, AvailabilityReport, BatchItem, Contract, CycleResult, Evaluation, MetricResult,
    PolicySet, Segment, SegmentKind, Status, ThresholdResult, Timeline,
};
pub use workflow::{
    Actor, Approval, AvailableTransition, Child, Decision, Reason, Verdict, Workflow,
    WorkflowContext,
};

uniffi::setup_scaffolding!();

/// An error of the core, with its stable code, its message and its document.
///
/// Each variant is one kind of core error; `code` is the core's machine-readable
/// code (`invalid_config`, `invalid_input`, `invalid_argument`, `no_working_time`,
/// `out_of_range`, `version_conflict`, `command_refused`), `detail` the core's
/// message, passed through unchanged, and `document` the core's error document
/// (the same `code` and message, with `path` and `details`), as batch items
/// carry it. `VersionConflict` and `CommandRefused` also carry their details as
/// fields.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum ItsmError {
    /// A configuration document (calendar, policy set, availability input,
    /// period, priority matrix, workflow, desk or metrics) is malformed;
    /// `detail` starts with the path of the bad field, such as `week.tue[1]`,
    /// `policies[0].metrics[1].goal` or `automation[0].on`, or `(document)`.
    InvalidConfig {
        /// Always `invalid_config`.
        code: String,
        /// The core's message.
        detail: String,
        /// The core's error document.
        document: ErrorDocument,
    },
    /// An input document (a timeline, a record, record events, the facts of
    /// records for metrics) is malformed: bad data rather than bad
    /// configuration; `detail` starts with the path of the bad field, such as
    /// `events[1].at`, `[3].at`, `fields.priority` or `records[0].created_at`,
    /// or `(document)`. A record given to a workflow without a state, or in a
    /// state the workflow lacks, fails here at `state`; so does a stored
    /// record whose fields are not the fold of its history.
    InvalidInput {
        /// Always `invalid_input`.
        code: String,
        /// The core's message.
        detail: String,
        /// The core's error document.
        document: ErrorDocument,
    },
    /// An argument of a call is unacceptable: a negative duration, an end
    /// before its start, an evaluation before the record was created, an
    /// unknown template name, an impact or urgency a priority matrix does not
    /// know, a workflow request that is neither a transition nor a state, a
    /// workflow context lacking what a guard reads (`context.actor`,
    /// `context.now`, `context.predicates`), record fields or context text
    /// that does not read, or a record command that does not read
    /// (`command.<path>`), lacks its actor or `now`, or has a `now` before the
    /// record's last event.
    InvalidArgument {
        /// Always `invalid_argument`.
        code: String,
        /// The core's message.
        detail: String,
        /// The core's error document.
        document: ErrorDocument,
    },
    /// The calendar has no working time within the searched horizon.
    NoWorkingTime {
        /// Always `no_working_time`.
        code: String,
        /// The core's message.
        detail: String,
        /// The core's error document.
        document: ErrorDocument,
    },
    /// An instant, given or computed, lies outside 1900-01-01 to 2300-01-01 UTC.
    OutOfRange {
        /// Always `out_of_range`.
        code: String,
        /// The core's message.
        detail: String,
        /// The core's error document.
        document: ErrorDocument,
    },
    /// A command or a list of events was written against a version of the
    /// record that is no longer its version: another writer came first. Reload
    /// the record and try again. The document's details are
    /// `{"expected", "actual"}`.
    VersionConflict {
        /// Always `version_conflict`.
        code: String,
        /// The core's message, such as `version conflict: expected version 3,
        /// the record is at version 4`.
        detail: String,
        /// The core's error document.
        document: ErrorDocument,
        /// The version the writer read (a command's `expected_version`, or the
        /// version an event was written after).
        expected: u64,
        /// The record's version.
        actual: u64,
    },
    /// A command that the record's workflow or the desk's rules refuse, with
    /// every reason; the record is unchanged. The document's details are
    /// `{"command", "reasons", "instead"?}`.
    CommandRefused {
        /// Always `command_refused`.
        code: String,
        /// The core's message: `<command> refused: ` and every reason's
        /// message, joined by `; `.
        detail: String,
        /// The core's error document.
        document: ErrorDocument,
        /// The refused command's type, such as `transition` or `approve`.
        command: String,
        /// Every reason, in the order the rules were judged: the workflow's
        /// guards and requirements (paths in the workflow document, such as
        /// `transitions[7].requires[0]`) and the desk's own rules (paths in the
        /// command, such as `command.approver`).
        reasons: Vec<workflow::Reason>,
        /// The command to give instead, as canonical JSON text, when there is
        /// one (a new incident following a closed one that may no longer
        /// reopen); null (nil) otherwise.
        instead_json: Option<String>,
    },
}

impl ItsmError {
    /// The core's stable code, such as `invalid_config`.
    pub fn code(&self) -> &str {
        match self {
            ItsmError::InvalidConfig { code, .. }
            | ItsmError::InvalidInput { code, .. }
            | ItsmError::InvalidArgument { code, .. }
            | ItsmError::NoWorkingTime { code, .. }
            | ItsmError::OutOfRange { code, .. }
            | ItsmError::VersionConflict { code, .. }
            | ItsmError::CommandRefused { code, .. } => code,
        }
    }

    /// The core's error document.
    pub fn document(&self) -> &ErrorDocument {
        match self {
            ItsmError::InvalidConfig { document, .. }
            | ItsmError::InvalidInput { document, .. }
            | ItsmError::InvalidArgument { document, .. }
            | ItsmError::NoWorkingTime { document, .. }
            | ItsmError::OutOfRange { document, .. }
            | ItsmError::VersionConflict { document, .. }
            | ItsmError::CommandRefused { document, .. } => document,
        }
    }

    /// The core's message.
    pub fn detail(&self) -> &str {
        match self {
            ItsmError::InvalidConfig { detail, .. }
            | ItsmError::InvalidInput { detail, .. }
            | ItsmError::InvalidArgument { detail, .. }
            | ItsmError::NoWorkingTime { detail, .. }
            | ItsmError::OutOfRange { detail, .. }
            | ItsmError::VersionConflict { detail, .. }
            | ItsmError::CommandRefused { detail, .. } => detail,
        }
    }
}

impl fmt::Display for ItsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.detail())
    }
}

impl std::error::Error for ItsmError {}

impl From<CoreError> for ItsmError {
    fn from(error: CoreError) -> Self {
        let document = ErrorDocument::from(&itsm_core::ErrorDocument::from(&error));
        let code = document.code.clone();
        let detail = document.message.clone();
        // One exhaustive match: a new core variant does not compile until it is
        // mapped here.
        match error {
            CoreError::InvalidConfig { .. } => ItsmError::InvalidConfig {
                code,
                detail,
                document,
            },
            CoreError::InvalidInput { .. } => ItsmError::InvalidInput {
                code,
                detail,
                document,
            },
            CoreError::InvalidArgument { .. } => ItsmError::InvalidArgument {
                code,
                detail,
                document,
            },
            CoreError::NoWorkingTime { .. } => ItsmError::NoWorkingTime {
                code,
                detail,
                document,
            },
            CoreError::OutOfRange { .. } => ItsmError::OutOfRange {
                code,
                detail,
                document,
            },
            CoreError::VersionConflict { expected, actual } => ItsmError::VersionConflict {
                code,
                detail,
                document,
                expected,
                actual,
            },
            CoreError::CommandRefused {
                command,
                reasons,
                instead,
            } => ItsmError::CommandRefused {
                code,
                detail,
                document,
                command,
                reasons: reasons.iter().map(workflow::Reason::from).collect(),
                instead_json: instead.map(|command| command.to_string()),
            },
        }
    }
}

/// The core's error document, `{code, message, path?, details?}`, the same in
/// every language: in a batch item, and in every [`ItsmError`].
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ErrorDocument {
    /// The core's stable code, such as `invalid_input`.
    pub code: String,
    /// The core's whole message, such as `events[1].at: ...`.
    pub message: String,
    /// The path of the bad field, for document errors (`""` for the document
    /// itself); null (nil) for other errors.
    pub path: Option<String>,
    /// The error's other fields as the JSON text of an object, such as
    /// `{"argument":"now"}`; null (nil) when it has none.
    pub details: Option<String>,
    /// The whole document as compact JSON text, written by serde_json from the
    /// core's document in the canonical form (object keys in sorted order), as
    /// it appears in a batch item's `json`.
    pub json: String,
}

impl From<&itsm_core::ErrorDocument> for ErrorDocument {
    fn from(document: &itsm_core::ErrorDocument) -> Self {
        ErrorDocument {
            code: document.code.clone(),
            message: document.message.clone(),
            path: document.path.clone(),
            details: document
                .details
                .as_ref()
                .map(|details| serde_json::Value::Object(details.clone()).to_string()),
            json: serde_json::to_value(document)
                .map(|value| value.to_string())
                .unwrap_or_default(),
        }
    }
}

/// A finding of a linter (`PolicySet.lint`, `Workflow.lint`,
/// `lintWorkflowDocument`, `PriorityMatrix.lint`): a document that loads but is
/// almost certainly not what was meant, or (for `lintWorkflowDocument`) a
/// reason it would not load. The core's `{path, code, message}`, the same in
/// every area and every language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Finding {
    /// The path of the part of the document concerned, such as
    /// `policies[0].metrics[1].pause`, `states[2]` or `overrides[1]`.
    pub path: String,
    /// A stable code. Policy sets: `start_inside_stop`, `pause_inside_start`,
    /// `start_excludes_pause`, `unknown_state`. Workflows: see
    /// `lintWorkflowDocument`. Priority matrices: `unused_priority`,
    /// `unreachable_override`, `override_changes_nothing`.
    pub code: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

impl From<itsm_core::Finding> for Finding {
    fn from(finding: itsm_core::Finding) -> Self {
        Finding {
            path: finding.path,
            code: finding.code.to_owned(),
            message: finding.message,
        }
    }
}

/// Reads a document from JSON text with the core's readers.
///
/// The core's text reader reports some well-formed documents as "not valid
/// JSON" (an object holding two keys where a condition takes exactly one stops
/// serde_json's streaming reader with a syntax error). Only then, and only when
/// the text is well-formed JSON, the document is read again from JSON data,
/// where the core names the bad field as it does for Python and Node. Every
/// message is the core's.
pub(crate) fn read_document<T>(
    json: &str,
    from_json: fn(&str) -> itsm_core::Result<T>,
    from_value: fn(&serde_json::Value) -> itsm_core::Result<T>,
) -> Result<T> {
    match from_json(json) {
        Err(error @ (CoreError::InvalidConfig { .. } | CoreError::InvalidInput { .. }))
            if itsm_core::ErrorDocument::from(&error).path.as_deref() == Some("")
                && error.to_string().starts_with("(document): not valid JSON") =>
        {
            match serde_json::from_str::<serde_json::Value>(json) {
                Ok(value) => Ok(from_value(&value)?),
                Err(_) => Err(error.into()),
            }
        }
        outcome => Ok(outcome?),
    }
}

/// The result type of every fallible call.
pub type Result<T, E = ItsmError> = std::result::Result<T, E>;

/// A span of time in whole milliseconds, signed so that a negative one reaches
/// the core (which refuses it). Hosts see their own duration type: Kotlin a
/// `java.time.Duration`, Swift a `TimeInterval`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct BusinessDuration {
    /// The span in milliseconds.
    pub millis: i64,
}

uniffi::custom_type!(
    /// A span of time: `java.time.Duration` in Kotlin, `TimeInterval` in Swift.
    /// Milliseconds are the unit; a finer part is dropped (Kotlin: towards the
    /// past; Swift: to the nearest millisecond).
    BusinessDuration,
    i64,
    {
        lower: |duration| duration.millis,
        try_lift: |millis| Ok(BusinessDuration { millis }),
    }
);

impl BusinessDuration {
    fn to_time_delta(self) -> TimeDelta {
        // Only i64::MIN milliseconds is beyond TimeDelta; it is negative all the
        // same, which is all the core looks at.
        TimeDelta::try_milliseconds(self.millis).unwrap_or(TimeDelta::MIN)
    }

    fn from_time_delta(duration: TimeDelta) -> Self {
        BusinessDuration {
            millis: duration.num_milliseconds(),
        }
    }
}

/// An instant in whole milliseconds since 1970-01-01T00:00:00Z, negative
/// before. Hosts see their own instant type: Kotlin a `java.time.Instant`, Swift
/// a `Date`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    /// Milliseconds since the Unix epoch.
    pub millis: i64,
}

uniffi::custom_type!(
    /// An instant: `java.time.Instant` in Kotlin, `Date` in Swift. Milliseconds
    /// are the unit; a finer part is dropped (Kotlin: towards the past; Swift: to
    /// the nearest millisecond).
    Timestamp,
    i64,
    {
        lower: |instant| instant.millis,
        try_lift: |millis| Ok(Timestamp { millis }),
    }
);

impl Timestamp {
    /// The instant as the core's type; `OutOfRange`, in the core's words,
    /// outside 1900-2300.
    fn to_utc(self) -> Result<DateTime<Utc>> {
        Ok(itsm_core::instant_from_millis(self.millis)?)
    }

    /// The core's results are whole milliseconds, so this is exact.
    fn from_utc(instant: DateTime<Utc>) -> Self {
        Timestamp {
            millis: instant.timestamp_millis(),
        }
    }
}

/// In the core's canonical instant form, to compare the mirrored records with
/// the core's documents in tests.
#[cfg(test)]
impl serde::Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.to_utc() {
            Ok(instant) => serializer.serialize_str(&itsm_core::format_instant(instant)),
            Err(error) => Err(serde::ser::Error::custom(error)),
        }
    }
}

/// Where a working-day result lands within its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum WorkingDayMode {
    /// The same local wall time as the start; a wall time that the day skips
    /// moves forward by the gap, a repeated one takes the earlier instant.
    KeepTimeOfDay,
    /// The closing instant of the day's last window.
    EndOfDay,
}

impl From<WorkingDayMode> for itsm_core::calendar::WorkingDayMode {
    fn from(mode: WorkingDayMode) -> Self {
        match mode {
            WorkingDayMode::KeepTimeOfDay => itsm_core::calendar::WorkingDayMode::KeepTimeOfDay,
            WorkingDayMode::EndOfDay => itsm_core::calendar::WorkingDayMode::EndOfDay,
        }
    }
}

/// The working-day mode named `name`: `keep_time_of_day` or `end_of_day`, as
/// calendar and policy documents spell it.
///
/// Errors: `InvalidArgument` naming `mode` for any other text.
#[uniffi::export]
pub fn parse_working_day_mode(name: String) -> Result<WorkingDayMode> {
    Ok(match itsm_core::calendar::WorkingDayMode::parse(&name)? {
        itsm_core::calendar::WorkingDayMode::KeepTimeOfDay => WorkingDayMode::KeepTimeOfDay,
        itsm_core::calendar::WorkingDayMode::EndOfDay => WorkingDayMode::EndOfDay,
    })
}

/// A half-open interval of time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Interval {
    /// First instant inside.
    pub start: Timestamp,
    /// First instant after.
    pub end: Timestamp,
}

/// A business calendar, validated and ready for queries; safe to share between
/// threads.
///
/// Two calendars are equal when they were read from the same document.
#[derive(Debug, Clone, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct Calendar {
    inner: itsm_core::Calendar,
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

// The core compares calendars by their documents: a total equivalence.
impl Eq for Calendar {}

#[uniffi::export]
impl Calendar {
    /// Reads a calendar document from JSON text (see `docs/calendar-format.md`).
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first bad
    /// field, for malformed JSON, unknown fields, bad values or a calendar that
    /// never works.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Calendar {
            inner: read_document(
                &json,
                itsm_core::Calendar::from_json,
                itsm_core::Calendar::from_value,
            )?,
        })
    }

    /// Always open, in UTC: the calendar of wall-clock durations.
    #[uniffi::constructor]
    pub fn twenty_four_seven() -> Self {
        Calendar {
            inner: itsm_core::Calendar::twenty_four_seven(),
        }
    }

    /// The document as compact JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The IANA name of the zone whose local dates are days, such as
    /// `Europe/Berlin`.
    pub fn time_zone(&self) -> String {
        self.inner.time_zone().name().to_owned()
    }

    /// Business time between two instants: the working time in `[start, end)`.
    ///
    /// Errors: `InvalidArgument` when `end` is before `start`; `OutOfRange`
    /// outside 1900-2300.
    pub fn business_duration(&self, start: Timestamp, end: Timestamp) -> Result<BusinessDuration> {
        let worked = self
            .inner
            .business_duration(start.to_utc()?, end.to_utc()?)?;
        Ok(BusinessDuration::from_time_delta(worked))
    }

    /// The due date: the earliest instant at which `duration` of business time
    /// has elapsed since `start`; `start` itself for a zero duration.
    ///
    /// Errors: `InvalidArgument` for a negative duration; `NoWorkingTime` when
    /// the calendar has no working time within its horizon (10 years);
    /// `OutOfRange` outside 1900-2300.
    pub fn add_business(&self, start: Timestamp, duration: BusinessDuration) -> Result<Timestamp> {
        let due = self
            .inner
            .add_business(start.to_utc()?, duration.to_time_delta())?;
        Ok(Timestamp::from_utc(due))
    }

    /// The latest instant from which `duration` of business time runs until
    /// `end` ("one hour before the deadline"); `end` itself for a zero duration.
    ///
    /// Errors: as `addBusiness`, searching backwards.
    pub fn subtract_business(
        &self,
        end: Timestamp,
        duration: BusinessDuration,
    ) -> Result<Timestamp> {
        let from = self
            .inner
            .subtract_business(end.to_utc()?, duration.to_time_delta())?;
        Ok(Timestamp::from_utc(from))
    }

    /// Adds `days` working days (negative: goes back). A working day is a local
    /// date of the calendar's zone with any working time, and days are counted
    /// from the start's local date. `mode` says where in the day the result
    /// lands; with `END_OF_DAY`, zero days means the first closing at or after
    /// `start`.
    ///
    /// Errors: `NoWorkingTime` and `OutOfRange` as for `addBusiness`.
    pub fn add_working_days(
        &self,
        start: Timestamp,
        days: i64,
        mode: WorkingDayMode,
    ) -> Result<Timestamp> {
        // The supported years hold far fewer days than this, so larger counts
        // end the same way (out of range) and stay clear of integer overflow.
        let days = days.clamp(-MAX_DAYS, MAX_DAYS);
        let result = self
            .inner
            .add_working_days(start.to_utc()?, days, mode.into())?;
        Ok(Timestamp::from_utc(result))
    }

    /// Whether `at` is working time.
    ///
    /// Errors: `OutOfRange` outside 1900-2300.
    pub fn is_working(&self, at: Timestamp) -> Result<bool> {
        Ok(self.inner.is_working(at.to_utc()?)?)
    }

    /// The first working instant at or after `at`: `at` itself when the
    /// calendar is working then, otherwise the next opening.
    ///
    /// Errors: `NoWorkingTime` and `OutOfRange` as for `addBusiness`.
    pub fn next_opening(&self, at: Timestamp) -> Result<Timestamp> {
        Ok(Timestamp::from_utc(self.inner.next_opening(at.to_utc()?)?))
    }

    /// When the working time that contains `at` ends or, when the calendar is
    /// not working then, when the next working time ends. The closing instant
    /// itself is not working time. Null (nil) when the calendar works without a
    /// break for its whole horizon, as a 24x7 calendar does.
    ///
    /// Errors: `NoWorkingTime` and `OutOfRange` as for `addBusiness`.
    pub fn next_closing(&self, at: Timestamp) -> Result<Option<Timestamp>> {
        Ok(self
            .inner
            .next_closing(at.to_utc()?)?
            .map(Timestamp::from_utc))
    }

    /// The working intervals within `[start, end)`, clipped to it, in order.
    ///
    /// Errors: as `businessDuration`.
    pub fn working_intervals(&self, start: Timestamp, end: Timestamp) -> Result<Vec<Interval>> {
        Ok(self
            .inner
            .working_intervals(start.to_utc()?, end.to_utc()?)?
            .into_iter()
            .map(|interval| Interval {
                start: Timestamp::from_utc(interval.start),
                end: Timestamp::from_utc(interval.end),
            })
            .collect())
    }
}

/// The version of the IANA time zone database embedded in this build, such as
/// `2025b`.
#[uniffi::export]
pub fn tz_version() -> String {
    itsm_core::calendar::tz_version().to_owned()
}

/// More days than the 400 supported years hold.
const MAX_DAYS: i64 = 1_000_000;

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(millis: i64) -> Timestamp {
        Timestamp { millis }
    }

    #[test]
    fn timestamps_round_trip_before_and_after_1970() {
        for millis in [-2_208_988_800_000, -1_001, -1, 0, 1, 1_795_449_600_123] {
            let instant = ms(millis).to_utc().unwrap();
            assert_eq!(instant.timestamp_millis(), millis);
            assert_eq!(Timestamp::from_utc(instant), ms(millis));
        }
    }

    #[test]
    fn unrepresentable_timestamps_are_out_of_range() {
        for millis in [i64::MIN, i64::MAX] {
            let err = ms(millis).to_utc().unwrap_err();
            assert_eq!(err.code(), "out_of_range");
            assert!(err.detail().contains(&millis.to_string()), "{err}");
        }
    }

    #[test]
    fn errors_keep_the_core_code_and_message() {
        let err = Calendar::from_json(r#"{"time_zone": "Mars/Olympus", "week": "24x7"}"#.into())
            .unwrap_err();
        let detail = r#"time_zone: unknown time zone "Mars/Olympus""#;
        assert_eq!(
            err,
            ItsmError::InvalidConfig {
                code: "invalid_config".into(),
                detail: detail.into(),
                document: ErrorDocument {
                    code: "invalid_config".into(),
                    message: detail.into(),
                    path: Some("time_zone".into()),
                    details: None,
                    json: r#"{"code":"invalid_config","message":"time_zone: unknown time zone \"Mars/Olympus\"","path":"time_zone"}"#.into(),
                },
            }
        );
        assert_eq!(err.to_string(), err.detail());
        let err = parse_working_day_mode("eod".into()).unwrap_err();
        assert_eq!(err.document().path, None);
        assert_eq!(
            err.document().details.as_deref(),
            Some(r#"{"argument":"mode"}"#)
        );
    }

    #[test]
    fn working_day_modes_parse_like_the_core() {
        let mode = parse_working_day_mode("end_of_day".into()).unwrap();
        assert_eq!(mode, WorkingDayMode::EndOfDay);
        let err = parse_working_day_mode("eod".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
    }

    #[test]
    fn huge_and_negative_arguments_are_errors_not_panics() {
        let calendar = Calendar::twenty_four_seven();
        for days in [i64::MAX, i64::MIN] {
            let err = calendar
                .add_working_days(ms(0), days, WorkingDayMode::KeepTimeOfDay)
                .unwrap_err();
            assert_eq!(err.code(), "out_of_range", "{days}: {err}");
        }
        for millis in [-1, i64::MIN] {
            let err = calendar
                .add_business(ms(0), BusinessDuration { millis })
                .unwrap_err();
            assert_eq!(err.code(), "invalid_argument", "{millis}: {err}");
        }
        let err = calendar
            .add_business(ms(0), BusinessDuration { millis: i64::MAX })
            .unwrap_err();
        assert_eq!(err.code(), "out_of_range");
    }
}

/// What the unit tests of every area share: the conformance vector files of
/// an area, and a mirrored record written as JSON to compare with the core's.
#[cfg(test)]
mod test_support {
    use serde_json::Value;
    use std::path::PathBuf;

    pub(crate) fn vector_files(area: &str) -> Vec<(String, Value)> {
        let directory = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../tests/vectors")
            .join(area);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&directory)
            .unwrap_or_else(|e| panic!("{}: {e}", directory.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|e| e == "json"))
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no vectors in {}", directory.display());
        files
            .into_iter()
            .map(|path| {
                let text = std::fs::read_to_string(&path).unwrap();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                (name, serde_json::from_str(&text).unwrap())
            })
            .collect()
    }

    pub(crate) fn mirrored<T: serde::Serialize>(record: &T) -> Value {
        serde_json::to_value(record).unwrap()
    }
}
