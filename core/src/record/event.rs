//! Record events: what a command yields and what a record is the fold of.
//! Each event names its record, carries the version it makes, the instant and
//! the actor, and one change. Applying events never consults a workflow: an
//! event is a fact, so replaying a record needs nothing but its events.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::approval::{Answer, StepRequest};
use super::{Link, SCHEMA_VERSION};
use crate::document;
use crate::rules::Child;
use crate::timeline::Fields;
use crate::workflow::Category;

/// One event of a record: the version it makes, when, by whom, and what
/// changed. `schema_version` is the version of the event document (events
/// written before it existed read as version 1).
///
/// # Example
/// ```
/// let event = itsm_core::record::RecordEvent::from_json(r#"{"record": "INC-1", "version": 2,
///     "at": "2026-11-23T09:30:00Z", "actor": "ann", "type": "commented", "text": "Looking", "internal": true}"#).unwrap();
/// assert_eq!(event.version, 2);
/// assert_eq!(event.to_json(), r#"{"actor":"ann","at":"2026-11-23T09:30:00.000Z","internal":true,"record":"INC-1","schema_version":1,"text":"Looking","type":"commented","version":2}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct RecordEvent {
    /// The version of this document's shape.
    #[serde(default = "first_schema", deserialize_with = "super::schema_version")]
    pub schema_version: u32,
    /// The record's id.
    pub record: String,
    /// The record's version once this event is applied: 1 for its creation.
    pub version: u64,
    /// When it happened.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub at: DateTime<Utc>,
    /// Who did it.
    pub actor: String,
    /// What changed.
    #[serde(flatten)]
    pub change: Change,
}

fn first_schema() -> u32 {
    1
}

impl RecordEvent {
    pub(crate) fn new(
        record: &str,
        version: u64,
        at: DateTime<Utc>,
        actor: &str,
        change: Change,
    ) -> Self {
        RecordEvent {
            schema_version: SCHEMA_VERSION,
            record: record.to_owned(),
            version,
            at,
            actor: actor.to_owned(),
            change,
        }
    }

    /// Reads an event from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming the bad field;
    /// a `schema_version` newer than this library reads is refused.
    pub fn from_json(text: &str) -> crate::Result<RecordEvent> {
        let value: Value = serde_json::from_str(text).map_err(|e| crate::Error::InvalidInput {
            path: String::new(),
            reason: format!("not valid JSON: {e}"),
        })?;
        RecordEvent::from_value(&value)
    }

    /// Reads an event from JSON data; errors as [`RecordEvent::from_json`].
    pub fn from_value(value: &Value) -> crate::Result<RecordEvent> {
        document::from_value_tagged::<RecordEvent, ChangePaths>(
            document::Kind::Input,
            value,
            &["schema_version", "record", "version", "at", "actor"],
        )
    }

    /// The event as JSON data.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The canonical JSON text: compact, keys sorted, as every language writes it.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The event's type, as its document names it (`transitioned`).
    pub fn kind(&self) -> &'static str {
        self.change.kind()
    }
}

crate::document::tagged_document! {
    /// What an event changes; the `type` of its document.
    #[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
    pub enum Change, twin ChangePaths {
        /// The record was created in its workflow's initial state.
        Created {
            /// `incident`, `problem`, `service_request`, `change` or `task`.
            kind: String,
            /// The workflow that judges it.
            workflow: String,
            /// Its fields, `state` among them.
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            fields: Fields,
            /// The category of its state.
            category: Category,
        },
        /// The record was brought over from another system in whatever state it
        /// had there.
        Imported {
            /// As for `created`.
            kind: String,
            /// As for `created`.
            workflow: String,
            /// As for `created`.
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            fields: Fields,
            /// As for `created`.
            category: Category,
        },
        /// Fields were set (`null` clears one).
        FieldsSet {
            /// The fields.
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            set: Fields,
        },
        /// The record was assigned.
        Assigned {
            /// `assignment_group` and `assigned_to`, as set.
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            set: Fields,
        },
        /// The record moved by a transition.
        Transitioned {
            /// The transition taken.
            transition: String,
            /// The state left.
            from: String,
            /// The state entered.
            to: String,
            /// Its category.
            category: Category,
            /// The fields set with the move (the command's and the transition's own).
            #[serde(default, skip_serializing_if = "Fields::is_empty")]
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            set: Fields,
        },
        /// The record moved out of resolution (or closure) back to work.
        Reopened {
            /// As for `transitioned`.
            transition: String,
            /// As for `transitioned`.
            from: String,
            /// As for `transitioned`.
            to: String,
            /// As for `transitioned`.
            category: Category,
            /// As for `transitioned`.
            #[serde(default, skip_serializing_if = "Fields::is_empty")]
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            set: Fields,
            /// Why, when the actor said.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            reason: Option<String>,
        },
        /// A comment or an internal work note.
        Commented {
            /// The text.
            text: String,
            /// A work note the requester does not see.
            internal: bool,
        },
        /// Approvals were asked for.
        ApprovalRequested {
            /// The steps, in order.
            steps: Vec<StepRequest>,
            /// The transition to ask for once approved.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            on_approved: Option<String>,
            /// The transition to ask for once refused.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            on_rejected: Option<String>,
        },
        /// An approver answered (the actor is who answered).
        ApprovalAnswered {
            /// The step.
            step: usize,
            /// The approver answering, as the step names them.
            approver: String,
            /// `approved` or `rejected`.
            answer: Answer,
            /// Their comment.
            #[serde(default, skip_serializing_if = "Option::is_none")]
            comment: Option<String>,
        },
        /// An approver handed their approval to someone else.
        ApprovalDelegated {
            /// The step.
            step: usize,
            /// The approver who delegated.
            from: String,
            /// The delegate.
            to: String,
        },
        /// The pending approvals were suspended: the record went on hold.
        ApprovalsSuspended {},
        /// The suspended approvals were reinstated: the record came off hold.
        ApprovalsReinstated {},
        /// A link to another record was added.
        Linked {
            /// The link.
            link: Link,
        },
        /// A link was removed.
        Unlinked {
            /// The link.
            link: Link,
        },
        /// A child (a task, a child incident) was added.
        ChildAdded {
            /// The child and its state.
            child: Child,
        },
        /// A child's state changed.
        ChildUpdated {
            /// The child and its new state.
            child: Child,
        },
        /// A child was removed.
        ChildRemoved {
            /// Its id.
            id: String,
        },
        /// A problem's known error was recorded.
        KnownErrorRecorded {
            /// `known_error`, `symptom`, `root_cause` and `workaround`.
            #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
            #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
            set: Fields,
        },
        /// The record was flagged a major incident.
        MajorIncidentFlagged {
            /// The trigger rule that matched.
            rule: String,
            /// Whom to tell.
            notify: Vec<String>,
        },
    }
}

impl Change {
    /// The type's name in the document.
    pub fn kind(&self) -> &'static str {
        match self {
            Change::Created { .. } => "created",
            Change::Imported { .. } => "imported",
            Change::FieldsSet { .. } => "fields_set",
            Change::Assigned { .. } => "assigned",
            Change::Transitioned { .. } => "transitioned",
            Change::Reopened { .. } => "reopened",
            Change::Commented { .. } => "commented",
            Change::ApprovalRequested { .. } => "approval_requested",
            Change::ApprovalAnswered { .. } => "approval_answered",
            Change::ApprovalDelegated { .. } => "approval_delegated",
            Change::ApprovalsSuspended {} => "approvals_suspended",
            Change::ApprovalsReinstated {} => "approvals_reinstated",
            Change::Linked { .. } => "linked",
            Change::Unlinked { .. } => "unlinked",
            Change::ChildAdded { .. } => "child_added",
            Change::ChildUpdated { .. } => "child_updated",
            Change::ChildRemoved { .. } => "child_removed",
            Change::KnownErrorRecorded { .. } => "known_error_recorded",
            Change::MajorIncidentFlagged { .. } => "major_incident_flagged",
        }
    }

    /// Every type an event can have, for automation triggers to name.
    pub const KINDS: &'static [&'static str] = &[
        "created",
        "imported",
        "fields_set",
        "assigned",
        "transitioned",
        "reopened",
        "commented",
        "approval_requested",
        "approval_answered",
        "approval_delegated",
        "approvals_suspended",
        "approvals_reinstated",
        "linked",
        "unlinked",
        "child_added",
        "child_updated",
        "child_removed",
        "known_error_recorded",
        "major_incident_flagged",
    ];
}
