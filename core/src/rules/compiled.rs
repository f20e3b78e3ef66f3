//! Conditions compiled against a table of field names, for judging the steps of
//! a [`History`] without a string lookup: a field is an index, a step's value
//! is a slice lookup. A policy set compiles its conditions once, when it is
//! read; [`Condition::holds`] stays the reading for a record's current fields
//! (workflow guards, automation), and both must agree on every situation.

use serde_json::Value;

use super::condition::STATE;
use super::fields::{FieldId, FieldTable, field_bit};
use super::{Condition, History, is_set};

/// A [`Condition`] with its fields resolved to indices.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Check {
    Always(bool),
    In {
        field: FieldId,
        values: Box<[Value]>,
    },
    NotIn {
        field: FieldId,
        values: Box<[Value]>,
    },
    Eq {
        field: FieldId,
        value: Value,
    },
    Set(FieldId),
    ChangesTo {
        field: FieldId,
        values: Box<[Value]>,
    },
    ChangesFrom {
        field: FieldId,
        values: Box<[Value]>,
    },
    Changes(FieldId),
    EventIs(Box<[String]>),
    All(Box<[Check]>),
    Any(Box<[Check]>),
    Not(Box<Check>),
}

impl Check {
    /// Compiles `condition`, adding the fields it reads to `fields`.
    pub(crate) fn compile(condition: &Condition, fields: &mut FieldTable) -> Check {
        let values = |v: &[Value]| v.to_vec().into_boxed_slice();
        match condition {
            Condition::Always(b) => Check::Always(*b),
            Condition::StateIn(v) => Check::In {
                field: fields.intern(STATE),
                values: values(v),
            },
            Condition::StateNotIn(v) => Check::NotIn {
                field: fields.intern(STATE),
                values: values(v),
            },
            Condition::FieldIn { field, values: v } => Check::In {
                field: fields.intern(field),
                values: values(v),
            },
            Condition::FieldEq { field, value } => Check::Eq {
                field: fields.intern(field),
                value: value.clone(),
            },
            Condition::FieldSet(field) => Check::Set(fields.intern(field)),
            Condition::ChangesTo { field, values: v } => Check::ChangesTo {
                field: fields.intern(field),
                values: values(v),
            },
            Condition::ChangesFrom { field, values: v } => Check::ChangesFrom {
                field: fields.intern(field),
                values: values(v),
            },
            Condition::Changes(field) => Check::Changes(fields.intern(field)),
            Condition::EventIs(kinds) => Check::EventIs(kinds.clone().into_boxed_slice()),
            Condition::All(list) => {
                Check::All(list.iter().map(|c| Check::compile(c, fields)).collect())
            }
            Condition::Any(list) => {
                Check::Any(list.iter().map(|c| Check::compile(c, fields)).collect())
            }
            Condition::Not(c) => Check::Not(Box::new(Check::compile(c, fields))),
        }
    }

    /// The fields whose values after a step alone decide the check, as a mask
    /// of [`field_bit`]s: at a step that changes none of them it answers as at
    /// the step before. `None` when it reads the event type or a field's
    /// value before the step, which a step may change without changing the
    /// field.
    pub(crate) fn fields_read(&self) -> Option<u64> {
        match self {
            Check::Always(_) => Some(0),
            Check::In { field, .. }
            | Check::NotIn { field, .. }
            | Check::Eq { field, .. }
            | Check::Set(field) => Some(field_bit(*field)),
            Check::ChangesTo { .. }
            | Check::ChangesFrom { .. }
            | Check::Changes(_)
            | Check::EventIs(_) => None,
            Check::All(list) | Check::Any(list) => list
                .iter()
                .try_fold(0, |mask, check| Some(mask | check.fields_read()?)),
            Check::Not(check) => check.fields_read(),
        }
    }

    /// Whether the condition holds at `step` of `history` (whose fields are
    /// those this check was compiled against).
    pub(crate) fn holds(&self, history: &History<'_>, step: usize) -> bool {
        let after = |f: FieldId| history.at(f, step);
        let before = |f: FieldId| history.before(f, step);
        match self {
            Check::Always(b) => *b,
            Check::In { field, values } => values.contains(after(*field)),
            Check::NotIn { field, values } => !values.contains(after(*field)),
            Check::Eq { field, value } => after(*field) == value,
            Check::Set(field) => is_set(after(*field)),
            Check::ChangesTo { field, values } => {
                let now = after(*field);
                before(*field) != now && values.contains(now)
            }
            Check::ChangesFrom { field, values } => {
                let was = before(*field);
                was != after(*field) && values.contains(was)
            }
            Check::Changes(field) => before(*field) != after(*field),
            Check::EventIs(kinds) => {
                let event = history.steps[step].1;
                kinds.iter().any(|k| k == event)
            }
            Check::All(all) => all.iter().all(|c| c.holds(history, step)),
            Check::Any(any) => any.iter().any(|c| c.holds(history, step)),
            Check::Not(c) => !c.holds(history, step),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Kind, from_value};
    use crate::rules::Situation;
    use crate::timeline::{Fields, Timeline};
    use serde_json::json;

    /// Every condition kind, compiled, judges a step as `Condition::holds`
    /// judges the same fields before and after it.
    #[test]
    fn compiled_checks_agree_with_conditions() {
        let conditions = [
            json!({"always": true}),
            json!({"always": false}),
            json!({"state_in": ["on_hold", "new"]}),
            json!({"state_not_in": ["resolved"]}),
            json!({"field_in": {"field": "priority", "values": ["P1", 2]}}),
            json!({"field_eq": {"field": "vip", "value": true}}),
            json!({"field_set": "hold_reason"}),
            json!({"changes_to": {"field": "state", "values": ["resolved"]}}),
            json!({"changes_from": {"field": "state", "values": ["on_hold"]}}),
            json!({"changes": "priority"}),
            json!({"event_is": ["reply", "update"]}),
            json!({"all": [{"state_in": ["on_hold"]}, {"not": {"field_set": "hold_reason"}}]}),
            json!({"any": [{"changes": "vip"}, {"field_eq": {"field": "missing", "value": null}}]}),
        ];
        let states = [
            json!("new"),
            json!("on_hold"),
            json!("resolved"),
            json!(null),
        ];
        let others = [
            json!("P1"),
            json!(2),
            json!(""),
            json!(" "),
            json!(true),
            json!(null),
        ];
        let mut checked = 0;
        for (i, before_state) in states.iter().enumerate() {
            for after_state in &states {
                for (j, other) in others.iter().enumerate() {
                    let before: Fields = [
                        ("state".to_owned(), before_state.clone()),
                        (
                            "priority".to_owned(),
                            others[(i + j) % others.len()].clone(),
                        ),
                        ("vip".to_owned(), json!(false)),
                    ]
                    .into_iter()
                    .collect();
                    let after: Fields = [
                        ("state".to_owned(), after_state.clone()),
                        ("priority".to_owned(), other.clone()),
                        ("hold_reason".to_owned(), other.clone()),
                        ("vip".to_owned(), json!(j % 2 == 0)),
                    ]
                    .into_iter()
                    .collect();
                    for event in ["reply", "comment"] {
                        let timeline = Timeline::from_value(&json!({
                            "id": "R", "created_at": "2026-11-23T09:00:00Z", "fields": before,
                            "events": [{"at": "2026-11-23T10:00:00Z", "type": event,
                                        "set": after.iter().map(|(k, v)| (k.clone(), v.clone())).collect::<Fields>()}]
                        }))
                        .unwrap();
                        let mut fields = FieldTable::default();
                        let compiled: Vec<(Condition, Check)> = conditions
                            .iter()
                            .map(|c| {
                                let condition: Condition = from_value(Kind::Config, c).unwrap();
                                let check = Check::compile(&condition, &mut fields);
                                (condition, check)
                            })
                            .collect();
                        let history = History::new(&timeline, i64::MAX, &fields).unwrap();
                        // The event sets every field anew, so after = before + set.
                        let mut merged = before.clone();
                        merged.extend(after.clone());
                        let situation = Situation {
                            before: &before,
                            after: &merged,
                            event,
                        };
                        for (condition, check) in &compiled {
                            assert_eq!(
                                check.holds(&history, 1),
                                condition.holds(&situation),
                                "{condition:?} with {before:?} -> {merged:?} on {event}"
                            );
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 4 * 4 * 6 * 2 * 13);
    }
}
