//! Warnings of an evaluation: what a record holds that its policy set does not
//! know, so that a wrong answer is never silent. A display value in `state`
//! (`"Resolved"` for `resolved`), a priority written `"3"` where the conditions
//! say `"P3"`, a record no policy applies to.
//!
//! The policy set's vocabulary (every value its conditions and goal tables
//! compare a field with) is built once when the set is read.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::goal::Goal;
use crate::rules::{Condition, History};

/// What an evaluation warns about.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WarningCode {
    /// The `state` field takes a value that is not among the set's `states`.
    UnknownState,
    /// A field the policies enumerate (two values or more across their
    /// `applies` conditions, or a goal table's keys) takes a value none of them
    /// mentions.
    UnmentionedValue,
    /// No policy applies to the record at `now`: it has no clock.
    NoPolicyApplies,
}

/// Something a record holds that its policy set does not know.
///
/// # Example
/// ```
/// use itsm_core::sla::{PolicySet, WarningCode, template};
/// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
/// let record = itsm_core::Timeline::from_json(r#"{"id": "I", "created_at": "2026-11-23T09:00:00Z",
///     "fields": {"state": "Resolved", "priority": "3"}}"#).unwrap();
/// let evaluation = set.evaluate(&record, itsm_core::parse_instant("now", "2026-11-23T10:00:00Z").unwrap()).unwrap();
/// let codes: Vec<WarningCode> = evaluation.warnings.iter().map(|w| w.code).collect();
/// assert_eq!(codes, [WarningCode::UnmentionedValue, WarningCode::UnknownState, WarningCode::NoPolicyApplies]);
/// assert_eq!(evaluation.warnings[1].path, "fields.state");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Warning {
    /// A stable code.
    pub code: WarningCode,
    /// Where in the timeline document the value first appears
    /// (`fields.priority`, `events[3].set.state`); empty for the record as a whole.
    pub path: String,
    /// What is wrong, in a sentence.
    pub message: String,
}

/// The values a policy set compares each field with.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// Field name to the values mentioned, and whether any value is fine
    /// (a goal table with a default).
    fields: BTreeMap<String, (Vec<Value>, bool)>,
    /// The set's `states`, when it lists them.
    states: Option<Vec<String>>,
}

impl Vocabulary {
    /// The vocabulary of policies given as each one's `applies` condition and
    /// its metrics' goals.
    pub(crate) fn of<'p>(
        policies: impl IntoIterator<Item = (&'p Condition, Vec<&'p Goal>)>,
        states: Option<&[String]>,
    ) -> Vocabulary {
        let mut fields: BTreeMap<String, (Vec<Value>, bool)> = BTreeMap::new();
        let mut note = |field: &str, values: Vec<Value>, any: bool| {
            let entry = fields.entry(field.to_owned()).or_default();
            entry.0.extend(values);
            entry.1 |= any;
        };
        // A field the policies enumerate (two values or more across their
        // `applies`, or a goal table's keys) lists its values; one value is a
        // filter (an OLA for the network group), not a list. A clock's own
        // conditions name only the values it reacts to, and `state` has the
        // set's `states` for its list.
        let mut tables: Vec<String> = Vec::new();
        for (applies, goals) in policies {
            for (field, values) in applies.compared_values() {
                note(field, values.into_iter().cloned().collect(), false);
            }
            for goal in goals {
                if let Goal::ByValue(table) = goal {
                    let keys = table
                        .values
                        .keys()
                        .map(|k| Value::from(k.as_str()))
                        .collect();
                    note(&table.field, keys, table.default.is_some());
                    tables.push(table.field.clone());
                }
            }
        }
        fields.remove("state");
        for (values, _) in fields.values_mut() {
            let mut unique: Vec<Value> = Vec::with_capacity(values.len());
            for v in values.drain(..) {
                if !unique.contains(&v) {
                    unique.push(v);
                }
            }
            *values = unique;
        }
        fields.retain(|field, (values, _)| values.len() >= 2 || tables.contains(field));
        Vocabulary {
            fields,
            states: states.map(<[String]>::to_vec),
        }
    }

    /// Calls `found` with each value of a record's history that the set does
    /// not know, the first time the field takes it: its step, field, value,
    /// and the set's states (an unknown state) or `None` (a value no policy
    /// mentions). Nothing is written out, so that counting costs no text.
    fn unknown_values<'h>(
        &self,
        history: &History<'h>,
        mut found: impl FnMut(u32, &'h str, &'h Value, Option<&[String]>),
    ) {
        for (field, changes) in history.changes() {
            let state_list = (field == "state").then_some(self.states.as_ref()).flatten();
            let known = self.fields.get(field);
            if state_list.is_none() && known.is_none_or(|(_, any)| *any) {
                continue;
            }
            let mut reported: Vec<&Value> = Vec::new();
            for &(step, value) in changes {
                if value.is_null() || reported.contains(&value) {
                    continue;
                }
                let text: std::borrow::Cow<'_, str> = match value.as_str() {
                    Some(text) => text.into(),
                    None => value.to_string().into(),
                };
                let unknown = match state_list {
                    Some(states) => !states.iter().any(|s| *s == text),
                    None => {
                        let (values, _) = known.expect("checked above");
                        !values
                            .iter()
                            .any(|v| v == value || v.as_str() == Some(&*text))
                    }
                };
                if unknown {
                    reported.push(value);
                    found(step, field, value, state_list.map(Vec::as_slice));
                }
            }
        }
    }

    /// How many warnings [`Vocabulary::warnings`] gives.
    pub(crate) fn count(&self, history: &History<'_>, no_policy: bool) -> usize {
        let mut count = usize::from(no_policy);
        self.unknown_values(history, |_, _, _, _| count += 1);
        count
    }

    /// The warnings of a record's history (and of its policies at `now`).
    pub(crate) fn warnings(&self, history: &History<'_>, no_policy: bool) -> Vec<Warning> {
        let mut out: Vec<(u32, &str, Warning)> = Vec::new();
        self.unknown_values(history, |step, field, value, states| {
            let path = match step {
                0 => format!("fields.{field}"),
                _ => format!("events[{}].set.{field}", step - 1),
            };
            let warning = match states {
                Some(states) => Warning {
                    code: WarningCode::UnknownState,
                    path,
                    message: format!(
                        "state {value} is not one of the set's states ({})",
                        states.join(", ")
                    ),
                },
                None => {
                    let (values, _) = &self.fields[field];
                    Warning {
                        code: WarningCode::UnmentionedValue,
                        path,
                        message: format!(
                            "{field} {value} is mentioned by no policy of the set (they are chosen by {field} {})",
                            values.iter().map(Value::to_string).collect::<Vec<_>>().join(", ")
                        ),
                    }
                }
            };
            out.push((step, field, warning));
        });
        // In document order: the creation's fields, then each event's.
        out.sort_by_key(|(step, field, _)| (*step, *field));
        let mut out: Vec<Warning> = out.into_iter().map(|(_, _, w)| w).collect();
        if no_policy {
            out.push(Warning {
                code: WarningCode::NoPolicyApplies,
                path: String::new(),
                message: "no policy of the set applies to the record: it has no clock".into(),
            });
        }
        out
    }
}
