//! Typed predicates over a record's state and the event being applied: the start,
//! pause, resume, stop, reset and cancel rules of SLA metrics and the
//! applicability of policies.

use serde_json::{Value, json};

use super::clock::History;
use crate::config::Node;
use crate::error::Result;
use crate::timeline::Fields;

/// A condition over a record, evaluated as each event is applied.
///
/// JSON forms (one key each):
/// `{"always": true}`, `{"state_in": ["new", "in_progress"]}` (the `state` field),
/// `{"field_in": {"field": "priority", "values": ["P1", "P2"]}}`,
/// `{"field_eq": {"field": "priority", "value": "P1"}}`, `{"field_set": "assignee"}`,
/// `{"changes_to": {"field": "state", "values": ["resolved"]}}`,
/// `{"changes_from": {"field": "state", "values": ["resolved"]}}`,
/// `{"changes": "priority"}` (any change of the field),
/// `{"event_is": ["comment_public"]}`, `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// Always true (`{"always": true}`) or always false (`{"always": false}`).
    Always(bool),
    /// The field's value after the event is one of these.
    FieldIn {
        /// Field name.
        field: String,
        /// Accepted values.
        values: Vec<Value>,
    },
    /// The field has a non-null value after the event.
    FieldSet(String),
    /// The event changes the field to one of these values.
    ChangesTo {
        /// Field name.
        field: String,
        /// Accepted new values.
        values: Vec<Value>,
    },
    /// The event changes the field away from one of these values.
    ChangesFrom {
        /// Field name.
        field: String,
        /// Accepted old values.
        values: Vec<Value>,
    },
    /// The event changes the field at all.
    Changes(String),
    /// The event's type is one of these (creation is `"created"`).
    EventIs(Vec<String>),
    /// Every condition holds.
    All(Vec<Condition>),
    /// Some condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

/// What a condition looks at: the fields before and after an event, and its
/// type; either a step of a record's history or two sets of fields.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Situation<'a> {
    /// A step of a history.
    Step {
        history: &'a History<'a>,
        step: usize,
    },
    /// Fields given outright (the linter's trial records).
    Fields {
        before: &'a Fields,
        after: &'a Fields,
        event: &'a str,
    },
}

const NULL: Value = Value::Null;

impl<'a> Situation<'a> {
    pub(crate) fn before(&self, field: &str) -> &'a Value {
        match *self {
            Situation::Step { history, step } if step > 0 => history.value(field, step - 1),
            Situation::Step { .. } => &NULL,
            Situation::Fields { before, .. } => before.get(field).unwrap_or(&NULL),
        }
    }

    pub(crate) fn after(&self, field: &str) -> &'a Value {
        match *self {
            Situation::Step { history, step } => history.value(field, step),
            Situation::Fields { after, .. } => after.get(field).unwrap_or(&NULL),
        }
    }

    pub(crate) fn event(&self) -> &'a str {
        match *self {
            Situation::Step { history, step } => history.steps[step].1,
            Situation::Fields { event, .. } => event,
        }
    }
}

impl Condition {
    pub(crate) fn holds(&self, s: &Situation<'_>) -> bool {
        let after = |f: &str| s.after(f);
        let before = |f: &str| s.before(f);
        match self {
            Condition::Always(b) => *b,
            Condition::FieldIn { field, values } => values.contains(after(field)),
            Condition::FieldSet(field) => !after(field).is_null(),
            Condition::ChangesTo { field, values } => {
                before(field) != after(field) && values.contains(after(field))
            }
            Condition::ChangesFrom { field, values } => {
                before(field) != after(field) && values.contains(before(field))
            }
            Condition::Changes(field) => before(field) != after(field),
            Condition::EventIs(kinds) => kinds.iter().any(|k| k == s.event()),
            Condition::All(all) => all.iter().all(|c| c.holds(s)),
            Condition::Any(any) => any.iter().any(|c| c.holds(s)),
            Condition::Not(c) => !c.holds(s),
        }
    }

    /// Every value of the `state` field this condition mentions.
    pub(crate) fn state_values(&self, out: &mut Vec<String>) {
        match self {
            Condition::FieldIn { field, values }
            | Condition::ChangesTo { field, values }
            | Condition::ChangesFrom { field, values }
                if field == "state" =>
            {
                out.extend(
                    values
                        .iter()
                        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)),
                );
            }
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|c| c.state_values(out))
            }
            Condition::Not(c) => c.state_values(out),
            _ => {}
        }
    }

    /// The condition as JSON data, in the form [`read_condition`] reads.
    pub fn to_value(&self) -> Value {
        match self {
            Condition::Always(b) => json!({"always": b}),
            Condition::FieldIn { field, values } if field == "state" => json!({"state_in": values}),
            Condition::FieldIn { field, values } => {
                json!({"field_in": {"field": field, "values": values}})
            }
            Condition::FieldSet(field) => json!({"field_set": field}),
            Condition::ChangesTo { field, values } => {
                json!({"changes_to": {"field": field, "values": values}})
            }
            Condition::ChangesFrom { field, values } => {
                json!({"changes_from": {"field": field, "values": values}})
            }
            Condition::Changes(field) => json!({"changes": field}),
            Condition::EventIs(kinds) => json!({"event_is": kinds}),
            Condition::All(list) => {
                json!({"all": list.iter().map(Condition::to_value).collect::<Vec<_>>()})
            }
            Condition::Any(list) => {
                json!({"any": list.iter().map(Condition::to_value).collect::<Vec<_>>()})
            }
            Condition::Not(c) => json!({"not": c.to_value()}),
        }
    }
}

const FORMS: &[&str] = &[
    "always",
    "state_in",
    "field_in",
    "field_eq",
    "field_set",
    "changes_to",
    "changes_from",
    "changes",
    "event_is",
    "all",
    "any",
    "not",
];

fn scalar_list(node: &Node<'_>) -> Result<Vec<Value>> {
    let items = node.items()?;
    if items.is_empty() {
        return Err(node.error("an empty list matches nothing"));
    }
    items
        .iter()
        .map(|i| {
            if i.value().is_array() || i.value().is_object() {
                Err(i.error("expected a string, number, boolean or null"))
            } else {
                Ok(i.value().clone())
            }
        })
        .collect()
}

fn field_and_values(node: &Node<'_>) -> Result<(String, Vec<Value>)> {
    let obj = node.object(&["field", "values"])?;
    Ok((
        obj.required("field")?.str()?.to_owned(),
        scalar_list(&obj.required("values")?)?,
    ))
}

/// Reads a condition; errors name the path.
pub(crate) fn read_condition(node: &Node<'_>) -> Result<Condition> {
    let obj = node.object(FORMS)?;
    let present: Vec<&&str> = FORMS.iter().filter(|f| obj.has(f)).collect();
    let [form] = present.as_slice() else {
        return Err(node.error(format!(
            "a condition has exactly one of {}",
            FORMS.join(", ")
        )));
    };
    let arg = obj.required(form)?;
    Ok(match **form {
        "always" => Condition::Always(
            arg.value()
                .as_bool()
                .ok_or_else(|| arg.error("expected true or false"))?,
        ),
        "state_in" => Condition::FieldIn {
            field: "state".into(),
            values: scalar_list(&arg)?,
        },
        "field_in" => {
            let (field, values) = field_and_values(&arg)?;
            Condition::FieldIn { field, values }
        }
        "field_eq" => {
            let o = arg.object(&["field", "value"])?;
            let value = o.required("value")?;
            if value.value().is_array() || value.value().is_object() {
                return Err(value.error("expected a string, number, boolean or null"));
            }
            Condition::FieldIn {
                field: o.required("field")?.str()?.to_owned(),
                values: vec![value.value().clone()],
            }
        }
        "field_set" => Condition::FieldSet(arg.str()?.to_owned()),
        "changes_to" => {
            let (field, values) = field_and_values(&arg)?;
            Condition::ChangesTo { field, values }
        }
        "changes_from" => {
            let (field, values) = field_and_values(&arg)?;
            Condition::ChangesFrom { field, values }
        }
        "changes" => Condition::Changes(arg.str()?.to_owned()),
        "event_is" => Condition::EventIs(
            scalar_list(&arg)?
                .into_iter()
                .zip(arg.items()?)
                .map(|(v, n)| {
                    v.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| n.error("expected an event type string"))
                })
                .collect::<Result<_>>()?,
        ),
        "all" | "any" => {
            let items = arg.items()?;
            if items.is_empty() {
                return Err(arg.error("needs at least one condition"));
            }
            let list = items
                .iter()
                .map(read_condition)
                .collect::<Result<Vec<_>>>()?;
            if **form == "all" {
                Condition::All(list)
            } else {
                Condition::Any(list)
            }
        }
        _ => Condition::Not(Box::new(read_condition(&arg)?)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect()
    }

    fn parse(v: Value) -> Result<Condition> {
        read_condition(&Node::root(&v))
    }

    #[test]
    fn changes_to_needs_an_actual_change() {
        let c = parse(json!({"changes_to": {"field": "state", "values": ["resolved"]}})).unwrap();
        let before = fields(&[("state", "in_progress")]);
        let after = fields(&[("state", "resolved")]);
        assert!(c.holds(&Situation::Fields {
            before: &before,
            after: &after,
            event: "update"
        }));
        assert!(!c.holds(&Situation::Fields {
            before: &after,
            after: &after,
            event: "update"
        }));
    }

    #[test]
    fn combinators_compose() {
        let c = parse(json!({"all": [{"state_in": ["on_hold"]}, {"not": {"field_eq": {"field": "hold_reason", "value": "vendor"}}}]})).unwrap();
        let held = fields(&[("state", "on_hold"), ("hold_reason", "awaiting_caller")]);
        let vendor = fields(&[("state", "on_hold"), ("hold_reason", "vendor")]);
        assert!(c.holds(&Situation::Fields {
            before: &held,
            after: &held,
            event: "x"
        }));
        assert!(!c.holds(&Situation::Fields {
            before: &vendor,
            after: &vendor,
            event: "x"
        }));
        assert_eq!(parse(c.to_value()).unwrap(), c);
    }

    #[test]
    fn bad_conditions_name_their_path() {
        let err = parse(json!({"all": [{"state_in": []}]})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "all[0].state_in: an empty list matches nothing"
        );
        let err = parse(json!({"state_in": ["new"], "not": {"always": true}})).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("(document): a condition has exactly one of")
        );
        let err = parse(json!({"stat_in": ["new"]})).unwrap_err();
        assert!(err.to_string().starts_with("stat_in: unknown field"));
    }
}
