//! The rule language at the bottom of the core: conditions over a record's
//! fields before and after an event, the event's type, and the context it is
//! judged in (the actor, the host's `now`).
//!
//! SLA start, pause and stop rules and policy applicability use it today;
//! workflow guards, automation triggers, change risk rules and window scopes
//! build on the same language. This module owns the language and the situation
//! a condition is judged in; it knows nothing of clocks, workflows or records.

mod condition;
mod history;

pub use condition::Condition;
pub(crate) use history::History;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::timeline::Fields;

/// Who acts and when, as the host tells it: the actor's id, roles and groups,
/// and the host's `now`. The core reads no clock and no identity store.
///
/// # Example
/// ```
/// let context: itsm_core::rules::Context = serde_json::from_value(serde_json::json!({
///     "actor": {"id": "alice", "roles": ["agent"], "groups": ["service_desk"]},
///     "now": "2026-11-23T09:00:00Z"
/// })).unwrap();
/// assert_eq!(context.actor.unwrap().roles, ["agent"]);
/// ```
#[derive(
    Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// The actor, when one acts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    /// The host's current instant.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub now: Option<DateTime<Utc>>,
}

/// An authenticated actor: an id, the roles it holds and the groups it belongs to.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    /// The actor's id, as the host knows it.
    pub id: String,
    /// Roles held (`agent`, `change_manager`).
    #[serde(default)]
    pub roles: Vec<String>,
    /// Groups belonged to (`service_desk`, `network`).
    #[serde(default)]
    pub groups: Vec<String>,
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
