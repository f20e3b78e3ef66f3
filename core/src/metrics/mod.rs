//! Metrics: the figures management asks for, computed by pure functions over
//! a collection of records, each figure with its numerator and denominator.
//!
//! A [`Metrics`] document says how to count: which records enter a period
//! (by creation or by resolution), what a ticket figure's denominator is
//! (closed records only, or closed records plus open ones already breached),
//! whether durations are wall-clock or business time in a calendar, the
//! backlog's age buckets and the change success score's points.
//! [`Metrics::report`] reads [`MetricRecord`]s (the facts of each record a
//! host keeps or exports) as of `now` and gives a [`MetricsReport`]:
//!
//! - tickets: MTTA, MTTR, SLA compliance, reopen rate, resolution on first
//!   assignment, reassignments per record and their distribution, backlog
//!   ageing;
//! - changes: success and failure rates, outcomes, the change success score,
//!   the emergency change ratio;
//! - items: MTBF per configuration item, from the incidents recorded on it.
//!
//! Availability and the error budget of a service are
//! [`Availability`] reports, re-exported here.
//!
//! The readings, once and for all:
//! - "closed" counts records with a close time; a resolved record not yet
//!   closed is open. A record's resolution is its `resolved_at`, or its
//!   `closed_at` when it was closed without one.
//! - MTTA leaves out records never acknowledged; reopen rate, first-assignment
//!   resolution and reassignments are over resolved (or closed) records.
//! - With the `closed_and_breached` denominator, an open record whose
//!   resolution deadline has passed counts in MTTR with its age at `now` and
//!   in SLA compliance as missed.
//! - A backed-out change is a failure. Backlog ageing looks at what is
//!   unresolved at `now`, whatever the period.
//! - MTBF is up time over the failures that start in the period (touching or
//!   overlapping outages are one).
//! - Rates are ratios (0..1); an empty denominator gives `null`, never an
//!   error.
//! - Facts are read as of `now`: an instant after `now` has not happened yet
//!   (a record resolved after `now` is unresolved; one created after `now` is
//!   left out).
//!
//! This module sits on top: it reads calendars and the availability period,
//! and nothing below it reads it.

mod report;

use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::Calendar;
use crate::document::{self, DocumentError, Kind};
use crate::error::{Error, Result};
use crate::time::DAY_MS;

pub use crate::sla::{Availability, AvailabilityReport, Period};
pub use report::{
    AgeBucket, Backlog, ChangeOutcomes, Figure, GroupReport, ItemReliability, MetricsReport,
    ReassignmentCount, SuccessScore,
};

/// The facts of one record that metrics read: what a host keeps or an
/// export carries.
///
/// JSON form (only `id`, `kind` and `created_at` are required):
/// ```json
/// {"id": "INC-7", "kind": "incident", "created_at": "2026-11-02T09:00:00Z",
///  "acknowledged_at": "2026-11-02T09:20:00Z", "resolved_at": "2026-11-02T13:00:00Z",
///  "closed_at": "2026-11-05T13:00:00Z", "due_at": "2026-11-02T17:00:00Z",
///  "reopened": 0, "reassignments": 1, "item": "db-1"}
/// ```
/// A change adds `outcome`, `emergency` and `caused_incidents`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricRecord {
    /// The record's id, unique in the collection.
    pub id: String,
    /// `incident`, `problem`, `service_request`, `change`, `task` or the host's own.
    pub kind: String,
    /// When it was created.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub created_at: DateTime<Utc>,
    /// When it was first acknowledged (first response, or first taken in
    /// hand); left out when it never was.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// When it was last resolved; left out while unresolved.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// When it was closed (or cancelled); left out while open.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub closed_at: Option<DateTime<Utc>>,
    /// Whether it was cancelled: cancelled records are counted apart and
    /// left out of every other figure (null reads as false).
    #[serde(
        default,
        skip_serializing_if = "std::ops::Not::not",
        deserialize_with = "null_as_default"
    )]
    #[schemars(with = "Option<bool>")]
    pub cancelled: bool,
    /// The deadline of its resolution SLA (an evaluation's `deadline`);
    /// records without one are left out of SLA compliance. Met when resolved
    /// at or before it; breached once `now` is past it while unresolved.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub due_at: Option<DateTime<Utc>>,
    /// How often it was reopened (null reads as 0, as an export's empty cell).
    #[serde(
        default,
        skip_serializing_if = "is_zero",
        deserialize_with = "null_as_default"
    )]
    #[schemars(with = "Option<u32>")]
    pub reopened: u32,
    /// How often its assignment group changed from one group to another
    /// (null reads as 0).
    #[serde(
        default,
        skip_serializing_if = "is_zero",
        deserialize_with = "null_as_default"
    )]
    #[schemars(with = "Option<u32>")]
    pub reassignments: u32,
    /// The configuration item it concerns: an incident on an item is a
    /// failure of that item from its creation to its resolution.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The group it is reported under (an assignment group, a team, a
    /// service): the report gives each group's figures besides the whole's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// For a change, how it ended; left out while it has not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<ChangeOutcome>,
    /// For a change, whether it is an emergency change (null reads as false).
    #[serde(
        default,
        skip_serializing_if = "std::ops::Not::not",
        deserialize_with = "null_as_default"
    )]
    #[schemars(with = "Option<bool>")]
    pub emergency: bool,
    /// For a change, how many incidents it caused (null reads as 0).
    #[serde(
        default,
        skip_serializing_if = "is_zero",
        deserialize_with = "null_as_default"
    )]
    #[schemars(with = "Option<u32>")]
    pub caused_incidents: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

/// An export's empty cell for a count or a flag is its default.
fn null_as_default<'de, D, T>(d: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Option::<T>::deserialize(d).map(Option::unwrap_or_default)
}

/// How a change ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ChangeOutcome {
    /// Implemented as planned.
    Successful,
    /// Implemented, with issues along the way: a success.
    SuccessfulWithIssues,
    /// Not implemented as planned: a failure.
    Failed,
    /// Implemented and then backed out: a failure.
    BackedOut,
}

/// The records a report reads, as one document.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RecordsDocument {
    records: Vec<MetricRecord>,
}

impl MetricRecord {
    /// Reads one record's facts from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<MetricRecord> {
        document::from_value(Kind::Input, value)
    }

    /// Reads a list of records' facts from JSON data (an array), naming a
    /// bad field by its place (`records[3].created_at`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field.
    ///
    /// # Example
    /// ```
    /// use itsm_core::metrics::MetricRecord;
    /// let list = serde_json::json!([{"id": "INC-1", "kind": "incident", "created_at": "2026-11-02T09:00:00Z"},
    ///                               {"id": "INC-2", "kind": "incident", "created_at": "Monday"}]);
    /// let error = MetricRecord::list_from_value(&list).unwrap_err();
    /// assert!(matches!(error, itsm_core::Error::InvalidInput { path, .. } if path == "records[1].created_at"));
    /// ```
    pub fn list_from_value(value: &Value) -> Result<Vec<MetricRecord>> {
        if !value.is_array() {
            return Err(Error::InvalidInput {
                path: "records".into(),
                reason: format!(
                    "expected an array of records, found {}",
                    document::found(value)
                ),
            });
        }
        let wrapped = serde_json::json!({ "records": value });
        document::from_value::<RecordsDocument>(Kind::Input, &wrapped).map(|d| d.records)
    }

    /// Reads a list of records' facts from JSON text (an array), errors as
    /// [`MetricRecord::list_from_value`]; text that is not JSON is refused at
    /// `records`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field, or `records` for text
    /// that is not JSON.
    pub fn list_from_json(text: &str) -> Result<Vec<MetricRecord>> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::InvalidInput {
            path: "records".into(),
            reason: format!("not valid JSON: {e}"),
        })?;
        MetricRecord::list_from_value(&value)
    }

    /// The facts as JSON data.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }
}

/// Which records a period holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PeriodBy {
    /// Records created in the period.
    #[default]
    Creation,
    /// Records resolved (or closed without a resolution) in the period; with
    /// the `closed_and_breached` denominator, also unresolved records whose
    /// deadline passed in it.
    Resolution,
}

/// What the ticket figures are over.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Denominator {
    /// Closed records only.
    #[default]
    Closed,
    /// Closed records, and open records already past their resolution
    /// deadline (MTTR counts their age so far; compliance counts them missed).
    ClosedAndBreached,
}

/// How durations are measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// Wall-clock time.
    #[default]
    Wall,
    /// Business time in the document's calendar.
    Business,
}

/// The change success score's points: a score starts at `start`, each
/// completed change adds the points of its outcome and of the incidents it
/// caused, and the sum is held within `min..=max`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct ScorePoints {
    /// Where a score starts (a team with no changes has it).
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub start: i64,
    /// The lowest score.
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub min: i64,
    /// The highest score.
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub max: i64,
    /// Points for a successful change.
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub successful: i64,
    /// Points for a change successful with issues.
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub successful_with_issues: i64,
    /// Points for a failed change.
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub failed: i64,
    /// Points for a backed-out change.
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub backed_out: i64,
    /// Points for each incident a change caused.
    #[schemars(range(min = -1_000_000_000, max = 1_000_000_000))]
    pub caused_incident: i64,
}

impl Default for ScorePoints {
    fn default() -> Self {
        ScorePoints {
            start: 500,
            min: 0,
            max: 1000,
            successful: 3,
            successful_with_issues: 1,
            failed: -10,
            backed_out: -10,
            caused_incident: -5,
        }
    }
}

/// How figures are counted: the period's records, the denominator, the time
/// basis, the backlog's buckets and the score's points.
///
/// JSON form (every field may be left out):
/// ```json
/// {"by": "resolution", "denominator": "closed_and_breached", "time": "business",
///  "calendar": {"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}},
///  "kinds": ["incident"], "ageing_buckets_ms": [86400000, 259200000, 604800000],
///  "score": {"start": 500, "failed": -20}}
/// ```
///
/// # Example
/// ```
/// use itsm_core::metrics::{MetricRecord, Metrics, Period};
/// let metrics = Metrics::from_json(r#"{"kinds": ["incident"]}"#).unwrap();
/// let records = MetricRecord::list_from_value(&serde_json::json!([
///     {"id": "INC-1", "kind": "incident", "created_at": "2026-11-02T09:00:00Z",
///      "resolved_at": "2026-11-02T11:00:00Z", "closed_at": "2026-11-03T09:00:00Z"},
///     {"id": "INC-2", "kind": "incident", "created_at": "2026-11-03T09:00:00Z",
///      "resolved_at": "2026-11-03T13:00:00Z", "reopened": 1}])).unwrap();
/// let now = itsm_core::parse_instant("now", "2026-12-01T00:00:00Z").unwrap();
/// let report = metrics.report(&records, Period::Month { year: 2026, month: 11 }, now).unwrap();
/// // Only INC-1 is closed: MTTR is its two hours.
/// assert_eq!((report.mttr.numerator, report.mttr.denominator), (7_200_000, 1));
/// // Both are resolved: one of two reopened.
/// assert_eq!(report.reopen_rate.value, Some(0.5));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(
    deny_unknown_fields,
    try_from = "MetricsDocument",
    into = "MetricsDocument"
)]
#[schemars(with = "MetricsDocument")]
pub struct Metrics {
    by: PeriodBy,
    denominator: Denominator,
    time: TimeBasis,
    calendar: Option<Calendar>,
    kinds: Option<Vec<String>>,
    ageing_buckets: Vec<i64>,
    score: ScorePoints,
}

/// The metrics document as written.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Metrics")]
struct MetricsDocument {
    /// Which records a period holds: `creation` (the default) or `resolution`.
    #[serde(default)]
    by: PeriodBy,
    /// The ticket figures' denominator: `closed` (the default) or
    /// `closed_and_breached`.
    #[serde(default)]
    denominator: Denominator,
    /// `wall` (the default) or `business` time; business time needs `calendar`.
    #[serde(default)]
    time: TimeBasis,
    /// The calendar of business time; its zone also places a month period
    /// (UTC without one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    calendar: Option<Calendar>,
    /// The kinds the ticket figures count; every kind but `change` when left out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    kinds: Option<Vec<String>>,
    /// The backlog's bucket bounds in milliseconds (of the time basis),
    /// ascending; 1, 3, 7 and 30 days when left out.
    #[serde(default = "default_buckets")]
    #[schemars(extend("items" = {"type": "integer", "minimum": 1, "maximum": 9_486_720_000_000i64}))]
    ageing_buckets_ms: Vec<i64>,
    /// The change success score's points.
    #[serde(default)]
    score: ScorePoints,
}

/// The longest bucket bound: about 300 years, the supported range of instants.
const MAX_AGE_MS: i64 = 300 * 366 * DAY_MS;

/// The largest score or points, in either sign: sums of a million changes'
/// points stay exact in every language's numbers.
const MAX_POINTS: i64 = 1_000_000_000;

fn default_buckets() -> Vec<i64> {
    vec![DAY_MS, 3 * DAY_MS, 7 * DAY_MS, 30 * DAY_MS]
}

impl TryFrom<MetricsDocument> for Metrics {
    type Error = DocumentError;

    fn try_from(doc: MetricsDocument) -> std::result::Result<Self, DocumentError> {
        if doc.time == TimeBasis::Business && doc.calendar.is_none() {
            return Err(DocumentError::at(
                "calendar",
                "business time needs a calendar",
            ));
        }
        for (i, &bound) in doc.ageing_buckets_ms.iter().enumerate() {
            if !(1..=MAX_AGE_MS).contains(&bound) {
                return Err(DocumentError::at(
                    format!("ageing_buckets_ms[{i}]"),
                    format!("{bound} is not a number of milliseconds from 1 to {MAX_AGE_MS}"),
                ));
            }
            if i > 0 && bound <= doc.ageing_buckets_ms[i - 1] {
                return Err(DocumentError::at(
                    format!("ageing_buckets_ms[{i}]"),
                    format!(
                        "{bound} does not follow {} in ascending order",
                        doc.ageing_buckets_ms[i - 1]
                    ),
                ));
            }
        }
        let score = &doc.score;
        let points = [
            ("start", score.start),
            ("min", score.min),
            ("max", score.max),
            ("successful", score.successful),
            ("successful_with_issues", score.successful_with_issues),
            ("failed", score.failed),
            ("backed_out", score.backed_out),
            ("caused_incident", score.caused_incident),
        ];
        if let Some((field, value)) = points.iter().find(|(_, v)| v.abs() > MAX_POINTS) {
            return Err(DocumentError::at(
                format!("score.{field}"),
                format!("{value} is not from -{MAX_POINTS} to {MAX_POINTS}"),
            ));
        }
        if score.min > score.max {
            return Err(DocumentError::at(
                "score.min",
                format!("{} is above `max` ({})", score.min, score.max),
            ));
        }
        if !(score.min..=score.max).contains(&score.start) {
            return Err(DocumentError::at(
                "score.start",
                format!(
                    "{} is outside `min` ({}) to `max` ({})",
                    score.start, score.min, score.max
                ),
            ));
        }
        Ok(Metrics {
            by: doc.by,
            denominator: doc.denominator,
            time: doc.time,
            calendar: doc.calendar,
            kinds: doc.kinds,
            ageing_buckets: doc.ageing_buckets_ms,
            score: doc.score,
        })
    }
}

impl From<Metrics> for MetricsDocument {
    fn from(m: Metrics) -> Self {
        MetricsDocument {
            by: m.by,
            denominator: m.denominator,
            time: m.time,
            calendar: m.calendar,
            kinds: m.kinds,
            ageing_buckets_ms: m.ageing_buckets,
            score: m.score,
        }
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            by: PeriodBy::Creation,
            denominator: Denominator::Closed,
            time: TimeBasis::Wall,
            calendar: None,
            kinds: None,
            ageing_buckets: default_buckets(),
            score: ScorePoints::default(),
        }
    }
}

impl Metrics {
    /// Reads a metrics document from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the bad field (`calendar` missing for
    /// business time, `ageing_buckets_ms[2]` out of order, `score.start`
    /// outside its bounds).
    pub fn from_json(text: &str) -> Result<Metrics> {
        document::from_json(Kind::Config, text)
    }

    /// Reads a metrics document from JSON data; errors as [`Metrics::from_json`].
    pub fn from_value(value: &Value) -> Result<Metrics> {
        document::from_value(Kind::Config, value)
    }

    /// The document as JSON data; [`Metrics::from_value`] reads it back.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// Whether the ticket figures count records of `kind`.
    fn counts_kind(&self, kind: &str) -> bool {
        match &self.kinds {
            Some(kinds) => kinds.iter().any(|k| k == kind),
            None => kind != "change",
        }
    }
}

/// The ids seen so far, to refuse a second record with one of them.
type SeenIds<'a> = FxHashMap<&'a str, usize>;

/// Refuses the record at `i` when its facts contradict each other or its id
/// is one `seen` already, naming the field.
fn check_record<'a>(i: usize, r: &'a MetricRecord, seen: &mut SeenIds<'a>) -> Result<()> {
    let bad = |field: &str, reason: String| Error::InvalidInput {
        path: format!("records[{i}].{field}"),
        reason,
    };
    if let Some(first) = seen.insert(&r.id, i) {
        return Err(bad(
            "id",
            format!("{:?} is also the id of records[{first}]", r.id),
        ));
    }
    for (field, at) in [
        ("acknowledged_at", r.acknowledged_at),
        ("resolved_at", r.resolved_at),
        ("closed_at", r.closed_at),
        ("due_at", r.due_at),
    ] {
        if at.is_some_and(|at| at < r.created_at) {
            return Err(bad(field, "is before `created_at`".into()));
        }
    }
    if let (Some(resolved), Some(closed)) = (r.resolved_at, r.closed_at)
        && closed < resolved
    {
        return Err(bad("closed_at", "is before `resolved_at`".into()));
    }
    if r.kind != "change" {
        let change_only = [
            ("outcome", r.outcome.is_some()),
            ("emergency", r.emergency),
            ("caused_incidents", r.caused_incidents > 0),
        ];
        if let Some((field, _)) = change_only.iter().find(|(_, set)| *set) {
            return Err(bad(
                field,
                format!("is a fact of changes, not of a record of kind {:?}", r.kind),
            ));
        }
    }
    Ok(())
}
