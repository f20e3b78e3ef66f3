//! Goals of SLA metrics: what a clock must achieve, each kind explicit.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::WorkingDayMode;
use crate::document::{DocumentError, deserialize_duration, serialize_duration};
use crate::error::{Error, Result};
use crate::rules::History;
use crate::time::Millis;

const NULL: &Value = &Value::Null;

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
    /// A goal per value of a field, in one metric: a goal table keyed by
    /// priority instead of one policy per priority
    /// (`{"by": "priority", "values": {"P1": {"business": "PT4H"}, "P2": {"business": "PT8H"}}}`).
    /// The goal follows the field's value at the end of the cycle (or at `now`):
    /// time already counted stays, and thresholds a smaller goal has already
    /// passed count as crossed when the value changed.
    ByValue(GoalTable),
}

/// Goals by the value of a field; every goal in it is of one kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalTable {
    /// The field whose value picks the goal (`priority`).
    pub field: String,
    /// The goal for each value, the value written as text (`"P1"`, `"3"`, `"true"`).
    pub values: BTreeMap<String, Goal>,
    /// The goal of any other value (and of no value); without it, a record
    /// whose value has no goal is an error naming the value.
    pub default: Option<Box<Goal>>,
}

impl Goal {
    /// Whether the goal counts wall time (rather than business time).
    pub(crate) fn is_wall(&self) -> bool {
        match self {
            Goal::Wall(_) => true,
            Goal::ByValue(table) => table.goals().any(Goal::is_wall),
            _ => false,
        }
    }

    /// The goal that applies after `step` of `history`, with the first step of
    /// the run of steps up to `step` in which it applied.
    pub(crate) fn at<'g>(
        &'g self,
        history: &History<'_>,
        step: usize,
    ) -> Result<(&'g Goal, usize)> {
        let Goal::ByValue(table) = self else {
            return Ok((self, 0));
        };
        // The value holds from one change to the next: the run of steps with
        // the same goal is found change by change, not step by step.
        let changes = history.changes_named(&table.field).unwrap_or_default();
        let value = |seen: usize| seen.checked_sub(1).map_or(NULL, |c| changes[c].1);
        // The changes seen after `step`.
        let mut seen = changes.partition_point(|&(s, _)| s as usize <= step);
        let goal = table.pick(value(seen))?;
        while seen > 0 {
            let from = changes[seen - 1].0 as usize;
            if from == 0 {
                break;
            }
            let before = changes[..seen].partition_point(|&(s, _)| (s as usize) < from);
            if table.pick(value(before)).ok() != Some(goal) {
                return Ok((goal, from));
            }
            seen = before;
        }
        Ok((goal, 0))
    }

    /// The smallest goal of a table (the goal itself otherwise), to order goals.
    pub(crate) fn smallest(&self) -> &Goal {
        match self {
            Goal::ByValue(table) => table
                .goals()
                .min_by_key(|g| match g {
                    Goal::Business(ms) | Goal::Wall(ms) => *ms,
                    Goal::WorkingDays { days, .. } => days * 86_400_000,
                    _ => i64::MAX,
                })
                .unwrap_or(self),
            _ => self,
        }
    }
}

impl GoalTable {
    pub(crate) fn goals(&self) -> impl Iterator<Item = &Goal> {
        self.values.values().chain(self.default.as_deref())
    }

    fn pick(&self, value: &Value) -> Result<&Goal> {
        let key: Option<std::borrow::Cow<'_, str>> = match value {
            Value::String(text) => Some(text.as_str().into()),
            Value::Null => None,
            other => Some(other.to_string().into()),
        };
        key.as_deref()
            .and_then(|k| self.values.get(k))
            .or(self.default.as_deref())
            .ok_or_else(|| {
                let keys: Vec<&str> = self.values.keys().map(String::as_str).collect();
                Error::InvalidInput {
                    path: format!("fields.{}", self.field),
                    reason: format!(
                        "{} {} has no goal in the metric's table (it has {}) and the table has no default",
                        self.field,
                        key.map_or_else(|| "with no value".to_owned(), |k| format!("{k:?}")),
                        keys.join(", ")
                    ),
                }
            })
    }
}

/// A goal as written: exactly one of `business`, `wall`, `working_days` (with
/// an optional `mode`) or `negotiated_field`.
#[derive(Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Goal",
    extend("oneOf" = [
        {"required": ["business"]}, {"required": ["wall"]}, {"required": ["working_days"]},
        {"required": ["negotiated_field"]}, {"required": ["by", "values"]}
    ])
)]
pub(crate) struct GoalDocument {
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
    /// The field whose value picks the goal in `values`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    by: Option<String>,
    /// A goal per value of the `by` field.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    values: Option<BTreeMap<String, Goal>>,
    /// The goal of any value `values` lacks.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    default: Option<Box<Goal>>,
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
        if let Some(field) = doc.by {
            let plain = [
                ("business", doc.business.is_some()),
                ("wall", doc.wall.is_some()),
                ("working_days", doc.working_days.is_some()),
                ("mode", doc.mode.is_some()),
                ("negotiated_field", doc.negotiated_field.is_some()),
            ];
            if let Some((key, _)) = plain.iter().find(|(_, present)| *present) {
                return Err(DocumentError::at(
                    *key,
                    "not allowed beside `by`: each value's goal is given in `values`",
                ));
            }
            let values = doc
                .values
                .ok_or_else(|| DocumentError::here("a goal `by` a field needs `values`"))?;
            let table = GoalTable {
                field,
                values,
                default: doc.default,
            };
            let mut goals = table
                .values
                .iter()
                .map(|(k, g)| (format!("values.{k}"), g))
                .chain(table.default.as_deref().map(|g| ("default".to_owned(), g)));
            let Some((first_path, first)) = goals.next() else {
                return Err(DocumentError::at("values", "needs at least one value"));
            };
            for (path, goal) in std::iter::once((first_path, first)).chain(goals) {
                if matches!(goal, Goal::ByValue(_)) {
                    return Err(DocumentError::at(path, "a goal table cannot hold another"));
                }
                if std::mem::discriminant(goal) != std::mem::discriminant(first) {
                    return Err(DocumentError::at(
                        path,
                        "every goal of a table is of one kind (all business, all wall, ...)",
                    ));
                }
            }
            return Ok(Goal::ByValue(table));
        }
        if doc.values.is_some() || doc.default.is_some() {
            let key = if doc.values.is_some() {
                "values"
            } else {
                "default"
            };
            return Err(DocumentError::at(
                key,
                "needs `by`: the field whose value picks the goal",
            ));
        }
        let goal = match (
            doc.business,
            doc.wall,
            doc.working_days,
            doc.negotiated_field,
        ) {
            (Some(ms), None, None, None) | (None, Some(ms), None, None)
                if !(0..=crate::time::MAX_DURATION_MS).contains(&ms) =>
            {
                let key = if doc.business.is_some() {
                    "business"
                } else {
                    "wall"
                };
                return Err(DocumentError::at(
                    key,
                    format!(
                        "{ms} ms is not between 0 and {}",
                        crate::time::MAX_DURATION_MS
                    ),
                ));
            }
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
                    "a goal has exactly one of `business`, `wall`, `working_days`, `negotiated_field` or `by`",
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
            Goal::ByValue(table) => GoalDocument {
                by: Some(table.field),
                values: Some(table.values),
                default: table.default,
                ..GoalDocument::default()
            },
        }
    }
}
