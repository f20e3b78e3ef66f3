//! Conditions: typed predicates over a record's fields before and after an
//! event and the event's type, written as JSON objects of one key each.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Situation;
use crate::document::{deserialize_non_empty, deserialize_scalar, deserialize_scalars};

/// A condition over a record, evaluated as each event is applied.
///
/// JSON forms (one key each):
/// `{"always": true}`, `{"state_in": ["new", "in_progress"]}` and
/// `{"state_not_in": ["resolved", "closed"]}` (the `state` field),
/// `{"field_in": {"field": "priority", "values": ["P1", "P2"]}}`,
/// `{"field_eq": {"field": "priority", "value": "P1"}}`, `{"field_set": "assignee"}`,
/// `{"changes_to": {"field": "state", "values": ["resolved"]}}`,
/// `{"changes_from": {"field": "state", "values": ["resolved"]}}`,
/// `{"changes": "priority"}` (any change of the field),
/// `{"event_is": ["comment_public"]}`, `{"all": [...]}`, `{"any": [...]}`, `{"not": {...}}`.
///
/// # Example
/// ```
/// use itsm_core::rules::Condition;
/// let c: Condition = serde_json::from_str(r#"{"all": [{"state_in": ["on_hold"]}, {"field_set": "hold_reason"}]}"#).unwrap();
/// assert_eq!(serde_json::to_string(&c).unwrap(), r#"{"all":[{"state_in":["on_hold"]},{"field_set":"hold_reason"}]}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Condition {
    /// Always true (`{"always": true}`) or always false (`{"always": false}`).
    Always(bool),
    /// The `state` field's value after the event is one of these.
    StateIn(
        #[serde(deserialize_with = "deserialize_scalars")]
        #[schemars(with = "crate::schema::Scalars")]
        Vec<Value>,
    ),
    /// The `state` field's value after the event is none of these.
    StateNotIn(
        #[serde(deserialize_with = "deserialize_scalars")]
        #[schemars(with = "crate::schema::Scalars")]
        Vec<Value>,
    ),
    /// The field's value after the event is one of these.
    FieldIn {
        /// Field name.
        field: String,
        /// Accepted values.
        #[serde(deserialize_with = "deserialize_scalars")]
        #[schemars(with = "crate::schema::Scalars")]
        values: Vec<Value>,
    },
    /// The field's value after the event is this one.
    FieldEq {
        /// Field name.
        field: String,
        /// The value.
        #[serde(deserialize_with = "deserialize_scalar")]
        #[schemars(with = "crate::schema::Scalar")]
        value: Value,
    },
    /// The field holds a value after the event: anything but null or a blank
    /// string ([`is_set`](super::is_set)).
    FieldSet(String),
    /// The event changes the field to one of these values.
    ChangesTo {
        /// Field name.
        field: String,
        /// Accepted new values.
        #[serde(deserialize_with = "deserialize_scalars")]
        #[schemars(with = "crate::schema::Scalars")]
        values: Vec<Value>,
    },
    /// The event changes the field away from one of these values.
    ChangesFrom {
        /// Field name.
        field: String,
        /// Accepted old values.
        #[serde(deserialize_with = "deserialize_scalars")]
        #[schemars(with = "crate::schema::Scalars")]
        values: Vec<Value>,
    },
    /// The event changes the field at all.
    Changes(String),
    /// The event's type is one of these (creation is `"created"`).
    EventIs(
        #[serde(deserialize_with = "deserialize_non_empty")]
        #[schemars(length(min = 1))]
        Vec<String>,
    ),
    /// Every condition holds.
    All(
        #[serde(deserialize_with = "deserialize_non_empty")]
        #[schemars(length(min = 1))]
        Vec<Condition>,
    ),
    /// Some condition holds.
    Any(
        #[serde(deserialize_with = "deserialize_non_empty")]
        #[schemars(length(min = 1))]
        Vec<Condition>,
    ),
    /// The condition does not hold.
    Not(Box<Condition>),
}

pub(crate) const STATE: &str = "state";

impl Condition {
    pub(crate) fn holds(&self, s: &Situation<'_>) -> bool {
        let after = |f: &str| s.after(f);
        let before = |f: &str| s.before(f);
        match self {
            Condition::Always(b) => *b,
            Condition::StateIn(values) => values.contains(after(STATE)),
            Condition::StateNotIn(values) => !values.contains(after(STATE)),
            Condition::FieldIn { field, values } => values.contains(after(field)),
            Condition::FieldEq { field, value } => after(field) == value,
            Condition::FieldSet(field) => super::is_set(after(field)),
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

    /// Every value this condition compares `field` with, in document order.
    pub(crate) fn values_of<'c>(&'c self, field: &str, out: &mut Vec<&'c Value>) {
        match self {
            Condition::StateIn(values) | Condition::StateNotIn(values) if field == STATE => {
                out.extend(values)
            }
            Condition::FieldIn { field: f, values }
            | Condition::ChangesTo { field: f, values }
            | Condition::ChangesFrom { field: f, values }
                if f == field =>
            {
                out.extend(values)
            }
            Condition::FieldEq { field: f, value } if f == field => out.push(value),
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|c| c.values_of(field, out))
            }
            Condition::Not(c) => c.values_of(field, out),
            _ => {}
        }
    }

    /// Every field this condition compares by value, with the values, in
    /// document order.
    pub(crate) fn compared_values(&self) -> Vec<(&str, Vec<&Value>)> {
        let mut out: Vec<(&str, Vec<&Value>)> = Vec::new();
        self.collect_compared(&mut out);
        out
    }

    fn collect_compared<'c>(&'c self, out: &mut Vec<(&'c str, Vec<&'c Value>)>) {
        let mut note = |field: &'c str, values: Vec<&'c Value>| match out
            .iter_mut()
            .find(|(f, _)| *f == field)
        {
            Some((_, known)) => known.extend(values),
            None => out.push((field, values)),
        };
        match self {
            Condition::StateIn(values) | Condition::StateNotIn(values) => {
                note(STATE, values.iter().collect())
            }
            Condition::FieldIn { field, values }
            | Condition::ChangesTo { field, values }
            | Condition::ChangesFrom { field, values } => note(field, values.iter().collect()),
            Condition::FieldEq { field, value } => note(field, vec![value]),
            Condition::All(list) | Condition::Any(list) => {
                list.iter().for_each(|c| c.collect_compared(out))
            }
            Condition::Not(c) => c.collect_compared(out),
            Condition::Always(_)
            | Condition::FieldSet(_)
            | Condition::Changes(_)
            | Condition::EventIs(_) => {}
        }
    }

    /// Every value of the `state` field this condition mentions, as text.
    pub(crate) fn state_values(&self, out: &mut Vec<String>) {
        let mut values = Vec::new();
        self.values_of(STATE, &mut values);
        out.extend(
            values
                .into_iter()
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Kind, from_value};
    use crate::timeline::Fields;
    use serde_json::json;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Value::from(*v)))
            .collect()
    }

    fn parse(v: Value) -> crate::Result<Condition> {
        from_value(Kind::Config, &v)
    }

    fn holds(c: &Condition, before: &Fields, after: &Fields) -> bool {
        c.holds(&Situation {
            before,
            after,
            event: "update",
        })
    }

    #[test]
    fn changes_to_needs_an_actual_change() {
        let c = parse(json!({"changes_to": {"field": "state", "values": ["resolved"]}})).unwrap();
        let before = fields(&[("state", "in_progress")]);
        let after = fields(&[("state", "resolved")]);
        assert!(holds(&c, &before, &after));
        assert!(!holds(&c, &after, &after));
    }

    #[test]
    fn combinators_compose_and_round_trip() {
        let c = parse(json!({"all": [{"state_in": ["on_hold"]}, {"not": {"field_eq": {"field": "hold_reason", "value": "vendor"}}}]})).unwrap();
        let held = fields(&[("state", "on_hold"), ("hold_reason", "awaiting_caller")]);
        let vendor = fields(&[("state", "on_hold"), ("hold_reason", "vendor")]);
        assert!(holds(&c, &held, &held));
        assert!(!holds(&c, &vendor, &vendor));
        assert_eq!(parse(serde_json::to_value(&c).unwrap()).unwrap(), c);
    }

    #[test]
    fn state_not_in_holds_for_every_other_state_and_for_none() {
        let c = parse(json!({"state_not_in": ["resolved", "closed"]})).unwrap();
        assert!(holds(&c, &Fields::new(), &fields(&[("state", "new")])));
        assert!(holds(&c, &Fields::new(), &Fields::new()));
        assert!(!holds(&c, &Fields::new(), &fields(&[("state", "closed")])));
    }

    #[test]
    fn bad_conditions_name_their_path() {
        let err = parse(json!({"all": [{"state_in": []}]})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "all[0].state_in: an empty list matches nothing"
        );
        let err =
            parse(json!({"all": [{"field_in": {"field": "p", "values": [1, [2]]}}]})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "all[0].field_in.values[1]: expected a string, number, boolean or null"
        );
        let err = parse(json!({"state_in": ["new"], "not": {"always": true}})).unwrap_err();
        assert!(err.to_string().starts_with("(document): "), "{err}");
        let err = parse(json!({"stat_in": ["new"]})).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("(document): unknown variant `stat_in`"),
            "{err}"
        );
        let err = parse(json!({"any": []})).unwrap_err();
        assert_eq!(err.to_string(), "any: needs at least one element");
    }
}
