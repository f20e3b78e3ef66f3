//! The definition of an SLA metric (a clock) as its document declares it: goal,
//! conditions, thresholds and reopening. Reading a clock at `now` is in
//! `metric.rs`; the fold that drives it is in `clock.rs`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::goal::Goal;
use crate::document::{self, DocumentError, Kind};
use crate::error::Result;
use crate::rules::Condition;
use crate::time::{Millis, format_duration};

/// What happens when a stopped clock's record is reopened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReopenPolicy {
    /// The same clock goes on; the time it was stopped counts as paused, under
    /// the reason of the record's state then (`"continue_paused"`).
    ContinuePaused,
    /// The same clock goes on, and the time it was stopped counts (`"continue_counting"`).
    ContinueCounting,
    /// The first completion stands for ever (`"first_completion"`).
    FirstCompletion,
    /// A new cycle starts; completed cycles are kept (`"new_cycle"`).
    NewCycle,
}

/// When a stopped clock counts as reopened, and what then happens.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    /// The condition that reopens a stopped clock; left out, the record
    /// reopens the clock when it leaves what `stop` describes (the stop
    /// condition held before the event and no longer holds after it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What reopening does.
    pub policy: ReopenPolicy,
}

/// What a metric measures: a label for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Time to first response.
    Response,
    /// Time to resolution.
    Resolution,
    /// Time to the next update.
    NextUpdate,
    /// Anything else (the default).
    #[default]
    Custom,
}

/// A clock of an SLA policy: time to first response, to resolution, or custom.
///
/// # Example
/// ```
/// let metric: itsm_core::sla::Metric = serde_json::from_value(serde_json::json!({
///     "id": "resolution", "kind": "resolution", "goal": {"business": "PT8H"},
///     "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved", "closed"]},
///     "pause": {"state_in": ["on_hold"]}
/// })).unwrap();
/// assert_eq!(metric.id, "resolution");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(extend("dependentRequired" = {"resume": ["pause"]}))]
pub struct Metric {
    /// Unique within its policy.
    pub id: String,
    /// Shown in reports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `response`, `resolution`, `next_update` or `custom`: a label for reports.
    #[serde(default)]
    pub kind: MetricKind,
    /// The id of the calendar the clock counts in; `None` counts all the time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// What the clock must achieve.
    pub goal: Goal,
    /// Starts the clock.
    pub start: Condition,
    /// Stops the clock: the goal is met or breached. Left out, the clock runs
    /// until it is cancelled or its policy no longer applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stop: Option<Condition>,
    /// Pauses a running clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause: Option<Condition>,
    /// Resumes a paused clock; without it, the clock resumes when `pause` no
    /// longer holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<Condition>,
    /// Restarts a started clock from zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reset: Option<Condition>,
    /// Cancels the clock: it no longer applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel: Option<Condition>,
    /// The field whose value names a pause's reason (`hold_reason`); when it is
    /// absent or empty, the `state` field names it, and failing that the event type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pause_reason_field: Option<String>,
    /// Instants worth a notification before or after the deadline.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thresholds: Vec<Threshold>,
    /// Reopening of a stopped clock.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen: Option<Reopen>,
}

impl Serialize for Metric {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Metric::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Metric {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let metric = Metric::deserialize(d)?;
        metric.check_fields().map_err(serde::de::Error::custom)?;
        Ok(metric)
    }
}

impl Metric {
    /// The rules between the metric's fields.
    fn check_fields(&self) -> std::result::Result<(), DocumentError> {
        if self.resume.is_some() && self.pause.is_none() {
            return Err(DocumentError::at(
                "resume",
                "`resume` needs a `pause` condition",
            ));
        }
        if self
            .reopen
            .as_ref()
            .is_some_and(|r| r.when.is_none() && self.stop.is_none())
        {
            return Err(DocumentError::at(
                "reopen",
                "a metric without `stop` needs `reopen.when`: the default reopens when the record leaves what `stop` describes",
            ));
        }
        Ok(())
    }

    /// Every rule reading a metric document enforces, for a metric built in
    /// Rust: the goal's and the thresholds' as well as the fields'.
    pub(crate) fn check(&self) -> std::result::Result<(), DocumentError> {
        Goal::try_from(super::goal::GoalDocument::from(self.goal.clone()))
            .map_err(|e| e.under("goal"))?;
        for (i, t) in self.thresholds.iter().enumerate() {
            Threshold::try_from(ThresholdDocument::from(t.clone()))
                .map_err(|e| e.under(&format!("thresholds[{i}]")))?;
        }
        self.check_fields()
    }
}

/// Where a threshold lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ThresholdAt {
    /// When elapsed time reaches this share of the goal, in hundredths of a
    /// percent (`{"percent": 75}` is 7500; 100 % is the deadline).
    Percent(u32),
    /// This long before the deadline (`{"before_deadline": "PT1H"}`), counted back
    /// in business time, or in wall time with `"wall": true`.
    BeforeDeadline {
        /// The offset.
        ms: Millis,
        /// Counted in wall time rather than the goal's terms.
        wall: bool,
    },
    /// This long after the deadline (`{"after_deadline": "PT30M"}`).
    AfterDeadline {
        /// The offset.
        ms: Millis,
        /// Counted in wall time rather than the goal's terms.
        wall: bool,
    },
}

/// An instant of a clock worth a notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "ThresholdDocument", into = "ThresholdDocument")]
pub struct Threshold {
    /// Shown in results (`"75%"`, `"1h before"`).
    pub name: String,
    /// Where it lies.
    pub at: ThresholdAt,
    /// Moves the instant to the next opening of the metric's calendar when it
    /// falls outside working hours ("notify within business hours only"); the
    /// threshold counts as crossed from the moved instant on.
    pub in_business_hours: bool,
}

/// A threshold as written: a `name` and exactly one of `percent`,
/// `before_deadline` or `after_deadline`.
#[derive(Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Threshold",
    extend("oneOf" = [{"required": ["percent"]}, {"required": ["before_deadline"]}, {"required": ["after_deadline"]}])
)]
struct ThresholdDocument {
    /// Shown in results; by default `75%`, `PT1H before`, `PT30M after`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// A share of the goal, 0 to 100000 with at most two decimals.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_percent"
    )]
    #[schemars(range(min = 0, max = 100000))]
    percent: Option<f64>,
    /// This long before the deadline.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::goal::optional_duration"
    )]
    #[schemars(with = "Option<crate::schema::Duration>")]
    before_deadline: Option<Millis>,
    /// This long after the deadline.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "super::goal::optional_duration"
    )]
    #[schemars(with = "Option<crate::schema::Duration>")]
    after_deadline: Option<Millis>,
    /// Offsets in wall time rather than the goal's terms.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    wall: bool,
    /// Move the instant into working hours.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    in_business_hours: bool,
}

/// Writes a whole percentage as an integer (`75`, not `75.0`).
fn serialize_percent<S: serde::Serializer>(
    percent: &Option<f64>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match percent {
        Some(p) if p.fract() == 0.0 => s.serialize_u64(*p as u64),
        Some(p) => s.serialize_f64(*p),
        None => s.serialize_none(),
    }
}

impl TryFrom<ThresholdDocument> for Threshold {
    type Error = DocumentError;

    fn try_from(doc: ThresholdDocument) -> std::result::Result<Self, DocumentError> {
        let wall = doc.wall;
        let (at, default_name) = match (doc.percent, doc.before_deadline, doc.after_deadline) {
            (Some(value), None, None) => {
                let hundredths = (value * 100.0).round();
                if !(0.0..=100_000.0).contains(&value) || (hundredths - value * 100.0).abs() > 1e-6
                {
                    return Err(DocumentError::at(
                        "percent",
                        format!(
                            "expected a percentage from 0 to 100000 with at most two decimals, found {value}"
                        ),
                    ));
                }
                if wall {
                    return Err(DocumentError::at(
                        "wall",
                        "`wall` applies to `before_deadline` and `after_deadline` only",
                    ));
                }
                (ThresholdAt::Percent(hundredths as u32), format!("{value}%"))
            }
            (None, Some(ms), None) => (
                ThresholdAt::BeforeDeadline { ms, wall },
                format!("{} before", format_duration(ms)),
            ),
            (None, None, Some(ms)) => (
                ThresholdAt::AfterDeadline { ms, wall },
                format!("{} after", format_duration(ms)),
            ),
            _ => {
                return Err(DocumentError::here(
                    "a threshold has exactly one of `percent`, `before_deadline` or `after_deadline`",
                ));
            }
        };
        Ok(Threshold {
            name: doc.name.unwrap_or(default_name),
            at,
            in_business_hours: doc.in_business_hours,
        })
    }
}

impl From<Threshold> for ThresholdDocument {
    fn from(t: Threshold) -> Self {
        let mut doc = ThresholdDocument {
            name: Some(t.name),
            in_business_hours: t.in_business_hours,
            ..ThresholdDocument::default()
        };
        match t.at {
            ThresholdAt::Percent(h) => doc.percent = Some(f64::from(h) / 100.0),
            ThresholdAt::BeforeDeadline { ms, wall } => {
                (doc.before_deadline, doc.wall) = (Some(ms), wall)
            }
            ThresholdAt::AfterDeadline { ms, wall } => {
                (doc.after_deadline, doc.wall) = (Some(ms), wall)
            }
        }
        doc
    }
}

impl Metric {
    /// Reads a metric definition from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`](crate::Error::InvalidConfig) naming the path of the bad field.
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::sla::Metric::from_value(&serde_json::json!({
    ///     "id": "r", "goal": {"business": "P1D"}, "start": {"always": true}, "stop": {"always": false}
    /// })).unwrap_err();
    /// assert!(err.to_string().starts_with("goal.business: expected an ISO 8601 duration"), "{err}");
    /// ```
    pub fn from_value(value: &Value) -> Result<Metric> {
        document::from_value(Kind::Config, value)
    }

    /// The metric's conditions with their field names.
    pub(crate) fn conditions(&self) -> Vec<(&'static str, &Condition)> {
        let mut list = vec![("start", &self.start)];
        for (name, c) in [
            ("stop", &self.stop),
            ("pause", &self.pause),
            ("resume", &self.resume),
            ("reset", &self.reset),
            ("cancel", &self.cancel),
        ] {
            if let Some(c) = c {
                list.push((name, c));
            }
        }
        if let Some(when) = self.reopen.as_ref().and_then(|r| r.when.as_ref()) {
            list.push(("reopen.when", when));
        }
        list
    }

    /// The definition as JSON data, in the form [`Metric::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }
}
