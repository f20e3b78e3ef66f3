//! Commands: what a host asks of a record. A [`Desk`](super::Desk) judges each
//! against the record, its workflow and the context, and answers events or
//! every reason it refuses.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::LinkKind;
use super::approval::StepRequest;
use crate::document;
use crate::timeline::Fields;

/// A command to a record: an action and, optionally, the version of the
/// record it was written against (a form loaded earlier); a record at another
/// version refuses it with `version_conflict`.
///
/// # Example
/// ```
/// let command = itsm_core::record::Command::from_json(
///     r#"{"type": "transition", "transition": "resolve", "set": {"resolution_code": "solved_permanently"}, "expected_version": 4}"#).unwrap();
/// assert_eq!(command.expected_version, Some(4));
/// assert_eq!(command.action.kind(), "transition");
/// let err = itsm_core::record::Command::from_json(r#"{"type": "transition"}"#).unwrap_err();
/// assert_eq!(err.to_string(), "invalid argument `command`: missing field `transition`");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Command {
    /// The record version the command was written against, if the host
    /// checks it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_version: Option<u64>,
    /// The automation rule that asked for this command, in the follow-ups a
    /// desk answers. Its events fire no event-triggered rule, so rules cannot
    /// set each other off without end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<String>,
    /// What to do.
    #[serde(flatten)]
    pub action: Action,
}

impl Command {
    /// A command with no version check.
    pub fn new(action: Action) -> Command {
        Command {
            expected_version: None,
            rule: None,
            action,
        }
    }

    /// Reads a command from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) named by the
    /// path of the bad field below `command` (`command.steps[0].mode`).
    pub fn from_json(text: &str) -> crate::Result<Command> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            crate::Error::invalid_argument("command", format!("not valid JSON: {e}"))
        })?;
        Command::from_value(&value)
    }

    /// Reads a command from JSON data; errors as [`Command::from_json`].
    pub fn from_value(value: &Value) -> crate::Result<Command> {
        document::from_value_tagged::<Command, ActionPaths>(
            document::Kind::Input,
            value,
            &["expected_version", "rule"],
        )
        .map_err(|e| document::as_argument("command", e))
    }

    /// The command as JSON data.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The canonical JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

crate::document::tagged_document! {
    /// What a command asks; the `type` of its document.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
    pub enum Action, twin ActionPaths {
        /// Create a record in its workflow's initial state.
        Create {
            /// The new record's id, given by the host.
            id: String,
            /// `incident`, `problem`, `service_request`, `change` or `task`.
            kind: String,
            /// The workflow, when not the desk's default for the kind.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            workflow: Option<String>,
            /// Its first fields (no `state`: the workflow's initial state is taken).
            #[serde(
                default,
                skip_serializing_if = "Fields::is_empty",
                deserialize_with = "crate::timeline::deserialize_fields"
            )]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            fields: Fields,
            /// Links to make at once (a follow-up incident, a child's parent).
            #[serde(default, skip_serializing_if = "Vec::is_empty")]
            links: Vec<super::Link>,
        },
        /// Bring a record over from another system in whatever state it has
        /// there: checked against the workflow's states and field values, not its edges.
        Import {
            /// As for `create`.
            id: String,
            /// As for `create`.
            kind: String,
            /// As for `create`.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            workflow: Option<String>,
            /// Its fields, `state` among them.
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            fields: Fields,
        },
        /// Assign to a group, a person or both; takes the workflow's `assign`
        /// transition when one leaves the record's state.
        Assign {
            /// The group.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            assignment_group: Option<String>,
            /// The person.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            assigned_to: Option<String>,
        },
        /// Move by a transition, named or by its target state, setting fields with it.
        Transition {
            /// The transition's name, or the state to move to.
            transition: String,
            /// Fields set with the move (resolution code and notes).
            #[serde(
                default,
                skip_serializing_if = "Fields::is_empty",
                deserialize_with = "crate::timeline::deserialize_fields"
            )]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            set: Fields,
        },
        /// Set fields (not `state`); `null` clears one.
        SetFields {
            /// The fields.
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            set: Fields,
        },
        /// Add a comment, or an internal work note.
        Comment {
            /// The text.
            text: String,
            /// A work note the requester does not see.
            #[serde(default, skip_serializing_if = "std::ops::Not::not")]
            internal: bool,
        },
        /// Ask for approvals: steps decided in order.
        RequestApproval {
            /// The steps.
            #[serde(deserialize_with = "document::deserialize_non_empty")]
            steps: Vec<StepRequest>,
            /// The transition to ask for once approved.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            on_approved: Option<String>,
            /// The transition to ask for once refused.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            on_rejected: Option<String>,
        },
        /// Approve, as the acting approver.
        Approve {
            /// A comment.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            comment: Option<String>,
        },
        /// Refuse, as the acting approver.
        Reject {
            /// A comment.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            comment: Option<String>,
        },
        /// Hand the acting approver's pending approval to someone else.
        DelegateApproval {
            /// The delegate.
            to: String,
        },
        /// Link to another record.
        Link {
            /// What the target is to this record.
            kind: LinkKind,
            /// The target's id.
            target: String,
        },
        /// Remove a link.
        Unlink {
            /// As for `link`.
            kind: LinkKind,
            /// As for `link`.
            target: String,
        },
        /// Add a child (a task, a child incident) in its state.
        AddChild {
            /// The child's id.
            id: String,
            /// Its state.
            state: String,
        },
        /// Record a child's new state.
        UpdateChild {
            /// The child's id.
            id: String,
            /// Its state.
            state: String,
        },
        /// Remove a child.
        RemoveChild {
            /// The child's id.
            id: String,
        },
        /// Reopen a resolved record by its workflow's `reopen` transition.
        Reopen {
            /// Why.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            reason: Option<String>,
        },
        /// Record a problem's known error.
        RecordKnownError {
            /// What users see.
            symptom: String,
            /// Why it happens.
            root_cause: String,
            /// How to get by until it is fixed.
            workaround: String,
        },
    }
}

impl Action {
    /// The type's name in the document.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::Create { .. } => "create",
            Action::Import { .. } => "import",
            Action::Assign { .. } => "assign",
            Action::Transition { .. } => "transition",
            Action::SetFields { .. } => "set_fields",
            Action::Comment { .. } => "comment",
            Action::RequestApproval { .. } => "request_approval",
            Action::Approve { .. } => "approve",
            Action::Reject { .. } => "reject",
            Action::DelegateApproval { .. } => "delegate_approval",
            Action::Link { .. } => "link",
            Action::Unlink { .. } => "unlink",
            Action::AddChild { .. } => "add_child",
            Action::UpdateChild { .. } => "update_child",
            Action::RemoveChild { .. } => "remove_child",
            Action::Reopen { .. } => "reopen",
            Action::RecordKnownError { .. } => "record_known_error",
        }
    }
}
