//! The rule language at the bottom of the core: conditions over a record's
//! fields before and after an event, the event's type, and the context it is
//! judged in (the actor, the host's `now`).
//!
//! SLA start, pause and stop rules and policy applicability use it today;
//! workflow guards, automation triggers, change risk rules and window scopes
//! build on the same language. This module owns the language and the situation
//! a condition is judged in; it knows nothing of clocks, workflows or records.

mod compiled;
mod condition;
mod fields;
mod history;

pub(crate) use compiled::Check;
pub use condition::Condition;
pub(crate) use fields::{FieldId, FieldTable};
pub(crate) use history::History;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use crate::timeline::Fields;

/// Who acts and when, as the host tells it: the actor's id, roles and groups,
/// the host's `now`, and what the host read beside the record: its approvals,
/// its child tasks' states and the answers of the host's own predicates. The
/// core reads no clock and no store, so these are exactly as fresh as the
/// host's read.
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
    /// The record's approvals, as requested and answered so far.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub approvals: Vec<Approval>,
    /// The record's child tasks and their states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Child>,
    /// The host's answers to the predicates that workflow guards name
    /// (`{"credit_check_passed": true}`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub predicates: BTreeMap<String, bool>,
}

impl Context {
    /// Reads a context from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) named by the
    /// path of the bad field below `context` (`context.actor.roles[0]`,
    /// `context.now`), as the calls that take a context name what it lacks
    /// (`context.actor`).
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::rules::Context::from_json(r#"{"actor": {"roles": []}}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid argument `context.actor`: missing field `id`");
    /// ```
    pub fn from_json(text: &str) -> crate::Result<Context> {
        crate::document::from_json(crate::document::Kind::Input, text)
            .map_err(|e| crate::document::as_argument("context", e))
    }

    /// Reads a context from JSON data; errors as [`Context::from_json`].
    pub fn from_value(value: &Value) -> crate::Result<Context> {
        crate::document::from_value(crate::document::Kind::Input, value)
            .map_err(|e| crate::document::as_argument("context", e))
    }
}

/// One approval of a record: who was asked, in which group, and their answer.
///
/// # Example
/// ```
/// let approval: itsm_core::rules::Approval = serde_json::from_value(serde_json::json!(
///     {"approver": "carol", "group": "cab", "decision": "approved"})).unwrap();
/// assert_eq!(approval.decision, itsm_core::rules::Decision::Approved);
/// ```
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// The approver's actor id.
    pub approver: String,
    /// The group the approval was asked of (`cab`, `ecab`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The answer so far.
    pub decision: Decision,
}

/// An approver's answer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Asked, not answered yet.
    Pending,
    /// Approved.
    Approved,
    /// Rejected.
    Rejected,
}

/// A child task of a record (a change task, a fulfilment task, a child
/// incident) and its state.
///
/// # Example
/// ```
/// let child: itsm_core::rules::Child = serde_json::from_value(serde_json::json!(
///     {"id": "CTASK-7", "state": "closed"})).unwrap();
/// assert_eq!(child.state, "closed");
/// ```
#[derive(
    Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(deny_unknown_fields)]
pub struct Child {
    /// The child's id.
    pub id: String,
    /// The child's state.
    pub state: String,
}

/// Whether a field holds a value: anything but null or a blank string (a
/// required note of spaces is no note).
///
/// # Example
/// ```
/// use serde_json::json;
/// use itsm_core::rules::is_set;
/// assert!(is_set(&json!("done")) && is_set(&json!(0)) && is_set(&json!(false)));
/// assert!(!is_set(&json!(null)) && !is_set(&json!("  ")));
/// ```
pub fn is_set(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::String(text) => !text.chars().all(char::is_whitespace),
        _ => true,
    }
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

/// What a condition looks at: a record's fields before and after an event, and
/// the event's type. Histories are judged by compiled conditions ([`Check`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Situation<'a> {
    pub(crate) before: &'a Fields,
    pub(crate) after: &'a Fields,
    pub(crate) event: &'a str,
}

const NULL: Value = Value::Null;

impl<'a> Situation<'a> {
    pub(crate) fn before(&self, field: &str) -> &'a Value {
        self.before.get(field).unwrap_or(&NULL)
    }

    pub(crate) fn after(&self, field: &str) -> &'a Value {
        self.after.get(field).unwrap_or(&NULL)
    }

    pub(crate) fn event(&self) -> &'a str {
        self.event
    }
}
