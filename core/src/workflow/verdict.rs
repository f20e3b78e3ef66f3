//! What `validate` and `available` answer: allowed, or every reason why not.

use schemars::JsonSchema;
use serde::Serialize;

use crate::timeline::Fields;

/// Why a transition is refused: a stable code, the path in the workflow
/// document of the guard or requirement that refused, and a sentence.
///
/// | code | refused by |
/// | --- | --- |
/// | `not_from_state` | the transition does not leave from the record's state (path: its `from`) |
/// | `no_transition_to_state` | no transition leads to the state asked for (path: the state) |
/// | `field_required` | a field the transition `requires` is not set |
/// | `field_value_unknown` | a required field holds a value outside its declared `values` |
/// | `field_not_set`, `field_not_equal`, `field_not_in` | the field guards |
/// | `condition_failed` | a `condition` guard (the message is the guard's) |
/// | `role_missing`, `group_missing`, `not_in_record_group` | the actor guards |
/// | `actor_not_named` | `actor_is`: the actor is not the one the field names |
/// | `segregation_of_duties` | `actor_is_not`: the actor is the one the field names |
/// | `approvals_missing`, `approvals_pending`, `approvals_rejected` | the quorum of `approvals` |
/// | `approval_not_counted` | an approval by an actor its `not_by` excludes (one reason each) |
/// | `children_open` | `children_in` |
/// | `outside_window`, `inside_freeze` | the calendar guards |
/// | `predicate_failed` | a `host` guard the host answered false |
/// | `no_alternative_passed` | an `any` guard none of whose guards passes |
///
/// # Example
/// ```
/// use itsm_core::workflow::Workflow;
/// let incident = Workflow::builtin("incident").unwrap();
/// let record = [("state".to_string(), "in_progress".into())].into();
/// let context = serde_json::from_str(r#"{"actor": {"id": "ann", "roles": ["agent"]}}"#).unwrap();
/// let verdict = incident.validate(&record, "resolve", &context).unwrap();
/// assert_eq!(verdict.reasons[0].code, "field_required");
/// assert_eq!(verdict.reasons[0].path, "transitions[7].requires[0]");
/// assert_eq!(verdict.reasons[0].message, "resolve needs resolution_code");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Reason {
    /// The transition refused, when the reason concerns one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition: Option<String>,
    /// A stable code (see the table above).
    #[schemars(extend("enum" = [
        "not_from_state", "no_transition_to_state", "field_required", "field_value_unknown",
        "field_not_set", "field_not_equal", "field_not_in", "condition_failed", "role_missing",
        "group_missing", "not_in_record_group", "actor_not_named", "segregation_of_duties",
        "approvals_missing", "approvals_pending", "approvals_rejected", "approval_not_counted",
        "children_open", "outside_window", "inside_freeze", "predicate_failed",
        "no_alternative_passed"
    ]))]
    pub code: &'static str,
    /// The path in the workflow document of what refused
    /// (`transitions[8].guards[1]`, `transitions[8].requires[0]`).
    pub path: String,
    /// The record field concerned, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The reason, in a sentence for people.
    pub message: String,
}

/// The answer of [`Workflow::validate`](super::Workflow::validate).
///
/// Allowed: `transition` and `to` say which move applies and `sets` what it
/// sets. Refused: `reasons` lists every failed guard and requirement, in
/// document order; `transition` and `to` are given when one transition was in
/// question.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Verdict {
    /// Whether the move may be made.
    pub allowed: bool,
    /// The record's state.
    pub from: String,
    /// The transition judged (the one taken, when allowed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition: Option<String>,
    /// The state the transition leads to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The fields the transition sets, for the host to apply (allowed only).
    #[serde(skip_serializing_if = "Fields::is_empty")]
    #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
    pub sets: Fields,
    /// Every reason against, empty when allowed.
    pub reasons: Vec<Reason>,
}

impl Verdict {
    /// The canonical JSON text: compact, keys in sorted order, as every
    /// language writes it.
    pub fn to_json(&self) -> String {
        crate::document::to_value(self).to_string()
    }
}

/// One transition out of the record's state, as
/// [`Workflow::available`](super::Workflow::available) lists it: what a UI
/// needs to draw a button, enabled or with its reasons.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct AvailableTransition {
    /// The transition's name.
    pub transition: String,
    /// Its label, when the workflow gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The state it leads to.
    pub to: String,
    /// Whether it may be taken now.
    pub allowed: bool,
    /// Every reason against, empty when allowed.
    pub reasons: Vec<Reason>,
}
