//! What `validate` and `available` answer: allowed, or every reason why not.

use schemars::JsonSchema;
use serde::Serialize;

use crate::error::Reason;
use crate::timeline::Fields;

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
