//! The workflow document: states with categories, declared fields, transitions
//! with the fields they require or set and the guards they pass, and the
//! calendars guards name. Reading only; what the references mean is checked in
//! `lint.rs`, and `mod.rs` compiles the document.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::guard::Guard;
use crate::calendar::Calendar;
use crate::document::{deserialize_non_empty, deserialize_scalars, found};
use crate::timeline::Fields;

/// A workflow as written: the states a record can be in, the transitions
/// between them with their guards, and the fields and calendars they name.
///
/// JSON form (`docs/workflow-format.md` has every field):
/// ```json
/// {"name": "incident", "initial": "new",
///  "states": [{"id": "new", "category": "new"}, {"id": "resolved", "category": "resolved"}],
///  "fields": [{"id": "resolution_code", "values": ["solved", "workaround"]}],
///  "transitions": [{"name": "resolve", "from": "new", "to": "resolved",
///                   "requires": ["resolution_code"], "guards": [{"actor_has_role": ["agent"]}]}]}
/// ```
///
/// # Example
/// ```
/// use itsm_core::workflow::WorkflowDocument;
/// let document: WorkflowDocument = serde_json::from_value(serde_json::json!({
///     "initial": "open",
///     "states": [{"id": "open", "category": "new"}, {"id": "done", "category": "closed"}],
///     "transitions": [{"name": "finish", "from": "*", "to": "done"}]
/// })).unwrap();
/// assert_eq!(document.transitions[0].to, "done");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WorkflowDocument {
    /// Shown in messages and reports (`incident`, `normal change`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state a new record starts in.
    pub initial: String,
    /// Every state, in the order a UI lists them.
    #[serde(deserialize_with = "deserialize_non_empty")]
    #[schemars(length(min = 1))]
    pub states: Vec<StateDefinition>,
    /// The record fields transitions and guards name, with their closed lists
    /// of values where they have one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDefinition>,
    /// Every transition, in the order `available` lists them.
    #[serde(default)]
    pub transitions: Vec<TransitionDefinition>,
    /// Calendars that window and freeze guards name, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub calendars: BTreeMap<String, Calendar>,
}

/// A state and its category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateDefinition {
    /// The state's id, as the record's `state` field holds it.
    pub id: String,
    /// What the state means across workflows.
    pub category: Category,
    /// A label for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// What a state means, whatever the workflow calls it: reports and clocks read
/// categories, not state names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Logged, not yet taken up.
    New,
    /// Being worked on.
    Active,
    /// Waiting on someone outside the team (caller, vendor, approval).
    Pending,
    /// Work done, awaiting confirmation or closure.
    Resolved,
    /// Final: done.
    Closed,
    /// Final: abandoned.
    Cancelled,
}

impl Category {
    /// Closed and cancelled are final: nothing should leave them.
    pub fn is_terminal(self) -> bool {
        matches!(self, Category::Closed | Category::Cancelled)
    }
}

/// A record field the workflow names.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FieldDefinition {
    /// The field's name in the record.
    pub id: String,
    /// The values the field may take; any other is refused wherever a
    /// transition requires the field. Absent: any value.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deserialize_optional_scalars"
    )]
    #[schemars(with = "Option<crate::schema::Scalars>")]
    pub values: Option<Vec<Value>>,
    /// Fields that must be set whenever this one is required (a vendor
    /// reference whenever a vendor hold reason is). Cycles are refused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// A label for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

fn deserialize_optional_scalars<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<Value>>, D::Error> {
    deserialize_scalars(d).map(Some)
}

/// A named move from one or several states to one state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TransitionDefinition {
    /// The transition's name, unique in the workflow and distinct from every
    /// state id (`validate` takes either).
    pub name: String,
    /// The states it leaves from.
    pub from: FromStates,
    /// The state it leads to.
    pub to: String,
    /// A label for people (a button's text).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Fields that must be set on the record as the move leaves it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<String>,
    /// Fields the move sets (`{"hold_reason": null}` clears the hold reason);
    /// returned with an allowed verdict for the host to apply.
    #[serde(
        default,
        skip_serializing_if = "Fields::is_empty",
        deserialize_with = "crate::timeline::deserialize_fields"
    )]
    #[schemars(with = "BTreeMap<String, crate::schema::Scalar>")]
    pub sets: Fields,
    /// Guards, all of which must pass, checked in order; every one that fails
    /// is a reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub guards: Vec<Guard>,
}

/// The states a transition leaves from: `"*"` (every state that is not final,
/// except the transition's own target), one state id, or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, JsonSchema)]
#[schemars(untagged)]
pub enum FromStates {
    /// `"*"`, written as a string like a single state id.
    #[schemars(with = "String")]
    Any,
    /// These states (one state id is written as a string).
    States(#[schemars(length(min = 1))] Vec<String>),
}

impl Serialize for FromStates {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            FromStates::Any => s.serialize_str("*"),
            FromStates::States(states) => states.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for FromStates {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let expected = |value: &Value| {
            serde::de::Error::custom(format!(
                "expected \"*\", a state id or a list of state ids, found {}",
                found(value)
            ))
        };
        match Value::deserialize(d)? {
            Value::String(any) if any == "*" => Ok(FromStates::Any),
            Value::String(state) => Ok(FromStates::States(vec![state])),
            Value::Array(items) if items.is_empty() => Err(serde::de::Error::custom(
                "an empty list leaves from no state",
            )),
            Value::Array(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, item)| match item {
                    Value::String(state) => Ok(state),
                    other => Err(crate::document::at(
                        &format!("[{i}]"),
                        format!("expected a state id, found {}", found(&other)),
                    )),
                })
                .collect::<Result<_, _>>()
                .map(FromStates::States),
            other => Err(expected(&other)),
        }
    }
}
