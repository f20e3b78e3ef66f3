//! Goals of SLA metrics: what a clock must achieve, each kind explicit.

use serde::{Deserialize, Serialize};

use crate::calendar::WorkingDayMode;
use crate::document::{DocumentError, deserialize_duration, serialize_duration};
use crate::time::Millis;

/// What a metric must achieve. Each kind is explicit: "1 day" is never silently
/// 24 hours or 8 hours.
///
/// # Example
/// ```
/// use itsm_core::sla::Goal;
/// let goal: Goal = serde_json::from_str(r#"{"working_days": 3, "mode": "end_of_day"}"#).unwrap();
/// assert_eq!(serde_json::to_string(&goal).unwrap(), r#"{"working_days":3,"mode":"end_of_day"}"#);
/// let goal: Goal = serde_json::from_str(r#"{"business": "PT1H30M"}"#).unwrap();
/// assert_eq!(goal, Goal::Business(90 * 60_000));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(try_from = "GoalDocument", into = "GoalDocument")]
pub enum Goal {
    /// Business time in the metric's calendar (`{"business": "PT8H"}`), in
    /// milliseconds.
    Business(Millis),
    /// Wall-clock time (`{"wall": "PT24H"}`), in milliseconds; pauses still stop it.
    Wall(Millis),
    /// N working days of the metric's calendar from the start
    /// (`{"working_days": 3, "mode": "end_of_day"}`); pauses extend it by the
    /// business time they last.
    WorkingDays {
        /// How many working days, 0 to 10,000.
        days: i64,
        /// Keep the start's time of day, or end at the day's closing.
        mode: WorkingDayMode,
    },
    /// A date agreed with the customer, taken from a field of the record
    /// (`{"negotiated_field": "due_at"}`); it does not move when paused.
    Negotiated {
        /// The field holding an RFC 3339 instant.
        field: String,
    },
}

/// A goal as written: exactly one of `business`, `wall`, `working_days` (with
/// an optional `mode`) or `negotiated_field`.
#[derive(Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Goal")]
struct GoalDocument {
    /// Business time in the metric's calendar.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "optional_duration"
    )]
    #[schemars(with = "Option<crate::schema::Duration>")]
    business: Option<Millis>,
    /// Wall-clock time.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "optional_duration"
    )]
    #[schemars(with = "Option<crate::schema::Duration>")]
    wall: Option<Millis>,
    /// Working days of the metric's calendar.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 0, max = 10000))]
    working_days: Option<i64>,
    /// How working days end: `keep_time_of_day` (the default) or `end_of_day`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    mode: Option<WorkingDayMode>,
    /// The field holding the negotiated instant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    negotiated_field: Option<String>,
}

pub(crate) mod optional_duration {
    use super::*;

    pub(crate) fn serialize<S: serde::Serializer>(
        ms: &Option<Millis>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match ms {
            Some(ms) => serialize_duration(ms, s),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Millis>, D::Error> {
        deserialize_duration(d).map(Some)
    }
}

impl TryFrom<GoalDocument> for Goal {
    type Error = DocumentError;

    fn try_from(doc: GoalDocument) -> Result<Self, DocumentError> {
        let goal = match (
            doc.business,
            doc.wall,
            doc.working_days,
            doc.negotiated_field,
        ) {
            (Some(ms), None, None, None) => Goal::Business(ms),
            (None, Some(ms), None, None) => Goal::Wall(ms),
            (None, None, Some(days), None) => {
                if !(0..=10_000).contains(&days) {
                    return Err(DocumentError::at(
                        "working_days",
                        format!("{days} is not between 0 and 10000"),
                    ));
                }
                Goal::WorkingDays {
                    days,
                    mode: doc.mode.unwrap_or(WorkingDayMode::KeepTimeOfDay),
                }
            }
            (None, None, None, Some(field)) => Goal::Negotiated { field },
            _ => {
                return Err(DocumentError::here(
                    "a goal has exactly one of `business`, `wall`, `working_days` or `negotiated_field`",
                ));
            }
        };
        if doc.mode.is_some() && !matches!(goal, Goal::WorkingDays { .. }) {
            return Err(DocumentError::at(
                "mode",
                "`mode` applies to `working_days` goals only",
            ));
        }
        Ok(goal)
    }
}

impl From<Goal> for GoalDocument {
    fn from(goal: Goal) -> Self {
        match goal {
            Goal::Business(ms) => GoalDocument {
                business: Some(ms),
                ..GoalDocument::default()
            },
            Goal::Wall(ms) => GoalDocument {
                wall: Some(ms),
                ..GoalDocument::default()
            },
            Goal::WorkingDays { days, mode } => GoalDocument {
                working_days: Some(days),
                mode: Some(mode),
                ..GoalDocument::default()
            },
            Goal::Negotiated { field } => GoalDocument {
                negotiated_field: Some(field),
                ..GoalDocument::default()
            },
        }
    }
}
