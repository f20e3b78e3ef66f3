//! Workflows: `itsm_core::workflow` with typed answers for Kotlin and Swift.
//!
//! A workflow document crosses the boundary as JSON text (see the core's
//! `WorkflowDocument`), and so do a record's fields: the JSON text of an object
//! such as `{"state": "in_progress", "assignment_group": "network"}`, as for
//! the priority matrix. The context a move is judged in comes as the typed
//! record [`WorkflowContext`] (its `now` a host instant) or as the JSON text of
//! the core's context document. Answers come back two ways: records
//! ([`Verdict`], [`AvailableTransition`], [`Reason`]) that mirror the core's
//! field by field, and the core's canonical JSON text of them
//! (`validateJson`, `availableJson`), byte for byte what every other language
//! and the server write.

use std::collections::HashMap;

use itsm_core::rules as context;
use itsm_core::workflow as core;
use itsm_core::{Error as CoreError, Fields};

use crate::{Finding, Result, Timestamp, read_document};

// ---------------------------------------------------------------------------
// The context of a move

/// Who acts, when, and what the host read beside the record: the core's
/// context document (`{"actor", "now", "approvals", "children",
/// "predicates"}`). The core reads no clock and no store, so these are exactly
/// as fresh as the host's read.
///
/// Give what the transitions in question read: a guard on the actor needs
/// `actor`, a window or freeze guard needs `now`, a host guard needs its
/// answer in `predicates`; a call without it fails with `InvalidArgument`.
///
/// ```kotlin
/// val context = WorkflowContext(
///     actor = Actor("ann", roles = listOf("agent"), groups = listOf("network")),
///     now = Instant.parse("2026-11-28T10:00:00Z"),
/// )
/// ```
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct WorkflowContext {
    /// The actor, when one acts.
    #[uniffi(default)]
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub actor: Option<Actor>,
    /// The host's current instant.
    #[uniffi(default)]
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub now: Option<Timestamp>,
    /// The record's approvals, as requested and answered so far.
    #[uniffi(default)]
    #[cfg_attr(test, serde(skip_serializing_if = "Vec::is_empty"))]
    pub approvals: Vec<Approval>,
    /// The record's child tasks and their states.
    #[uniffi(default)]
    #[cfg_attr(test, serde(skip_serializing_if = "Vec::is_empty"))]
    pub children: Vec<Child>,
    /// The host's answers to the predicates that `host` guards name, such as
    /// `credit_check_passed` to true.
    #[uniffi(default)]
    #[cfg_attr(
        test,
        serde(
            skip_serializing_if = "HashMap::is_empty",
            serialize_with = "mirror::sorted"
        )
    )]
    pub predicates: HashMap<String, bool>,
}

/// An authenticated actor: an id, the roles it holds and the groups it
/// belongs to.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Actor {
    /// The actor's id, as the host knows it.
    pub id: String,
    /// Roles held (`agent`, `change_manager`).
    #[uniffi(default)]
    pub roles: Vec<String>,
    /// Groups belonged to (`service_desk`, `network`).
    #[uniffi(default)]
    pub groups: Vec<String>,
}

/// One approval of a record: who was asked, in which group, and their answer.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Approval {
    /// The approver's actor id.
    pub approver: String,
    /// The group the approval was asked of (`cab`, `ecab`); null (nil) for
    /// none.
    #[uniffi(default)]
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub group: Option<String>,
    /// The answer so far.
    pub decision: Decision,
}

/// An approver's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
#[cfg_attr(test, derive(serde::Serialize), serde(rename_all = "snake_case"))]
pub enum Decision {
    /// Asked, not answered yet (`pending`).
    Pending,
    /// Approved (`approved`).
    Approved,
    /// Rejected (`rejected`).
    Rejected,
}

/// A child task of a record (a change task, a fulfilment task, a child
/// incident) and its state.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Child {
    /// The child's id.
    pub id: String,
    /// The child's state.
    pub state: String,
}

impl From<Decision> for context::Decision {
    fn from(decision: Decision) -> Self {
        match decision {
            Decision::Pending => context::Decision::Pending,
            Decision::Approved => context::Decision::Approved,
            Decision::Rejected => context::Decision::Rejected,
        }
    }
}

impl From<context::Decision> for Decision {
    fn from(decision: context::Decision) -> Self {
        match decision {
            context::Decision::Pending => Decision::Pending,
            context::Decision::Approved => Decision::Approved,
            context::Decision::Rejected => Decision::Rejected,
        }
    }
}

impl WorkflowContext {
    /// The core's context; `OutOfRange`, in the core's words, for a `now`
    /// outside 1900-2300.
    pub(crate) fn to_core(&self) -> Result<context::Context> {
        Ok(context::Context {
            actor: self.actor.as_ref().map(|actor| context::Actor {
                id: actor.id.clone(),
                roles: actor.roles.clone(),
                groups: actor.groups.clone(),
            }),
            now: self.now.map(Timestamp::to_utc).transpose()?,
            approvals: self
                .approvals
                .iter()
                .map(|approval| context::Approval {
                    approver: approval.approver.clone(),
                    group: approval.group.clone(),
                    decision: approval.decision.into(),
                })
                .collect(),
            children: self
                .children
                .iter()
                .map(|child| context::Child {
                    id: child.id.clone(),
                    state: child.state.clone(),
                })
                .collect(),
            predicates: self
                .predicates
                .iter()
                .map(|(name, answer)| (name.clone(), *answer))
                .collect(),
        })
    }
}

impl From<&context::Context> for WorkflowContext {
    fn from(context: &context::Context) -> Self {
        WorkflowContext {
            actor: context.actor.as_ref().map(|actor| Actor {
                id: actor.id.clone(),
                roles: actor.roles.clone(),
                groups: actor.groups.clone(),
            }),
            now: context.now.map(Timestamp::from_utc),
            approvals: context
                .approvals
                .iter()
                .map(|approval| Approval {
                    approver: approval.approver.clone(),
                    group: approval.group.clone(),
                    decision: approval.decision.into(),
                })
                .collect(),
            children: context
                .children
                .iter()
                .map(|child| Child {
                    id: child.id.clone(),
                    state: child.state.clone(),
                })
                .collect(),
            predicates: context
                .predicates
                .iter()
                .map(|(name, answer)| (name.clone(), *answer))
                .collect(),
        }
    }
}

/// Reads the core's context document from JSON text, such as
/// `{"actor": {"id": "ann", "roles": ["agent"]}, "now": "2026-11-28T10:00:00Z"}`.
///
/// Errors: `InvalidArgument` naming `context` when the text is not a context
/// document (not JSON, an unknown key, a bad instant or decision); the
/// message is serde's, with the line and column.
#[uniffi::export]
pub fn workflow_context_from_json(json: String) -> Result<WorkflowContext> {
    Ok(WorkflowContext::from(&read_context(&json)?))
}

/// The context as the core's JSON document: compact, keys in sorted order,
/// `now` as canonical instant text; `workflowContextFromJson` reads it back.
///
/// Errors: `OutOfRange` for a `now` outside 1900-2300.
#[uniffi::export]
pub fn workflow_context_to_json(context: WorkflowContext) -> Result<String> {
    Ok(serde_json::to_value(context.to_core()?)
        .map(|value| value.to_string())
        .unwrap_or_default())
}

fn read_context(json: &str) -> Result<context::Context> {
    context::Context::from_json(json).map_err(Into::into)
}

fn read_record(json: &str) -> Result<Fields> {
    itsm_core::fields_from_json(json).map_err(Into::into)
}

// ---------------------------------------------------------------------------
// Answers

/// Why a transition is refused: a stable code, the path in the workflow
/// document of the guard or requirement that refused, and a sentence.
///
/// Codes: `not_from_state`, `no_transition_to_state`, `field_required`,
/// `field_value_unknown`, `field_not_set`, `field_not_equal`, `field_not_in`,
/// `condition_failed`, `role_missing`, `group_missing`, `not_in_record_group`,
/// `actor_not_named`, `segregation_of_duties`, `approvals_missing`,
/// `approvals_pending`, `approvals_rejected`, `approval_not_counted`,
/// `children_open`, `outside_window`, `inside_freeze`, `predicate_failed`,
/// `no_alternative_passed`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Reason {
    /// The transition refused, when the reason concerns one; null (nil)
    /// otherwise.
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub transition: Option<String>,
    /// A stable code, such as `outside_window`.
    pub code: String,
    /// The path in the workflow document of what refused, such as
    /// `transitions[8].guards[1]` or `transitions[8].requires[0]`.
    pub path: String,
    /// The record field concerned, when one is; null (nil) otherwise.
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub field: Option<String>,
    /// The reason, in a sentence for people.
    pub message: String,
}

impl From<&core::Reason> for Reason {
    fn from(reason: &core::Reason) -> Self {
        Reason {
            transition: reason.transition.clone(),
            code: reason.code.to_owned(),
            path: reason.path.clone(),
            field: reason.field.clone(),
            message: reason.message.clone(),
        }
    }
}

/// The answer of `validate`: may the record make the move, and if not, every
/// reason why.
///
/// Allowed: `transition` and `to` say which move applies and `setsJson` what it
/// sets. Refused: `reasons` lists every failed guard and requirement, in
/// document order; `transition` and `to` are given when one transition was in
/// question.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct Verdict {
    /// Whether the move may be made.
    pub allowed: bool,
    /// The record's state.
    pub from: String,
    /// The transition judged (the one taken, when allowed); null (nil) when
    /// none or several were in question.
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub transition: Option<String>,
    /// The state the transition leads to; null (nil) as for `transition`.
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub to: Option<String>,
    /// The fields the transition sets, for the host to apply (allowed only),
    /// as the JSON text of an object with keys in sorted order, such as
    /// `{"hold_reason":null}`; `{}` when it sets none.
    #[cfg_attr(
        test,
        serde(
            rename = "sets",
            skip_serializing_if = "mirror::is_empty_object",
            serialize_with = "mirror::json_text"
        )
    )]
    pub sets_json: String,
    /// Every reason against, in document order; empty when allowed.
    pub reasons: Vec<Reason>,
}

impl From<&core::Verdict> for Verdict {
    fn from(verdict: &core::Verdict) -> Self {
        Verdict {
            allowed: verdict.allowed,
            from: verdict.from.clone(),
            transition: verdict.transition.clone(),
            to: verdict.to.clone(),
            sets_json: fields_json(&verdict.sets),
            reasons: verdict.reasons.iter().map(Reason::from).collect(),
        }
    }
}

/// Fields as compact JSON text, keys in sorted order.
fn fields_json(fields: &Fields) -> String {
    serde_json::to_value(fields)
        .map(|value| value.to_string())
        .unwrap_or_else(|_| "{}".to_owned())
}

/// One transition out of the record's state, as `available` lists it: what a
/// UI needs to draw a button, enabled or with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct AvailableTransition {
    /// The transition's name.
    pub transition: String,
    /// Its label, when the workflow gives one; null (nil) otherwise.
    #[cfg_attr(test, serde(skip_serializing_if = "Option::is_none"))]
    pub label: Option<String>,
    /// The state it leads to.
    pub to: String,
    /// Whether it may be taken now.
    pub allowed: bool,
    /// Every reason against, in document order; empty when allowed.
    pub reasons: Vec<Reason>,
}

impl From<&core::AvailableTransition> for AvailableTransition {
    fn from(available: &core::AvailableTransition) -> Self {
        AvailableTransition {
            transition: available.transition.clone(),
            label: available.label.clone(),
            to: available.to.clone(),
            allowed: available.allowed,
            reasons: available.reasons.iter().map(Reason::from).collect(),
        }
    }
}

// ---------------------------------------------------------------------------
// Workflows

/// A workflow: states with categories, transitions with the fields they
/// require and the guards they pass, compiled once and safe to share between
/// threads. Two workflows are equal when they were read from the same document.
///
/// ```kotlin
/// val incident = Workflow.builtin("incident")
/// val context = WorkflowContext(actor = Actor("ann", roles = listOf("agent")))
/// val verdict = incident.validate("""{"state": "in_progress"}""", "resolve", context)
/// println(verdict.reasons.first().message) // resolve needs resolution_code
/// ```
#[derive(Debug, Clone, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct Workflow {
    inner: core::Workflow,
}

impl PartialEq for Workflow {
    fn eq(&self, other: &Self) -> bool {
        self.inner.document() == other.inner.document()
    }
}

// Documents that load compare as a total equivalence (their field values are
// JSON scalars, compared as JSON).
impl Eq for Workflow {}

#[uniffi::export]
impl Workflow {
    /// Reads a workflow document from JSON text:
    /// `{"name", "initial", "states": [...], "fields": [...], "transitions":
    /// [...], "calendars": {...}}`.
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first
    /// problem (`transitions[0].to: unknown state ...`): malformed JSON, an
    /// unknown field, an unknown state or calendar, a duplicate, a transition
    /// named like a state, a cycle of required fields.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Workflow {
            inner: read_document(&json, core::Workflow::from_json, core::Workflow::from_value)?,
        })
    }

    /// A built-in ITIL workflow by name (see `workflowBuiltinNames()`):
    /// `incident`, `problem`, `service_request`, `change_standard`,
    /// `change_normal`, `change_emergency` or `task`.
    ///
    /// Errors: `InvalidArgument` naming `name` for a name not built in.
    #[uniffi::constructor]
    pub fn builtin(name: String) -> Result<Self> {
        Ok(Workflow {
            inner: core::Workflow::builtin(&name)?,
        })
    }

    /// The document as compact JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The category of a state (`new`, `active`, `pending`, `resolved`,
    /// `closed` or `cancelled`); null (nil) when the workflow has no such
    /// state.
    pub fn category(&self, state: String) -> Option<String> {
        self.inner
            .category(&state)
            .and_then(|category| match serde_json::to_value(category) {
                Ok(serde_json::Value::String(name)) => Some(name),
                _ => None,
            })
    }

    /// The traps of this workflow, in document order; empty when there are
    /// none (codes as `lintWorkflowDocument` lists them).
    pub fn lint(&self) -> Vec<Finding> {
        self.inner.lint().into_iter().map(Finding::from).collect()
    }

    /// Whether a record may make the move `request` (a transition's name, or a
    /// target state's id) in `context`: allowed with the transition that
    /// applies, or every reason against it, in document order.
    ///
    /// `recordJson` is the JSON text of the record's fields as the move would
    /// leave them, such as `{"state": "in_progress", "resolution_code":
    /// "solved"}`: its current `state`, and any field the request sets (a
    /// resolution code sent with "resolve").
    ///
    /// Errors: `InvalidInput` at `state` when the record has no state or one
    /// the workflow lacks, at a field whose value is an array or an object, or
    /// at the document when `recordJson` is not the JSON text of an object;
    /// `InvalidArgument` naming `transition` when `request` is neither
    /// a transition nor a state, or `context.actor`, `context.now`,
    /// `context.predicates` when a guard in question needs what the context
    /// lacks; `OutOfRange` for a `now` outside 1900-2300.
    pub fn validate(
        &self,
        record_json: String,
        request: String,
        context: WorkflowContext,
    ) -> Result<Verdict> {
        let verdict =
            self.inner
                .validate(&read_record(&record_json)?, &request, &context.to_core()?)?;
        Ok(Verdict::from(&verdict))
    }

    /// Whether `validate` would allow the move, without building any reason:
    /// the answer of the hot path.
    ///
    /// Errors: as `validate`.
    pub fn allows(
        &self,
        record_json: String,
        request: String,
        context: WorkflowContext,
    ) -> Result<bool> {
        Ok(self
            .inner
            .allows(&read_record(&record_json)?, &request, &context.to_core()?)?)
    }

    /// Every transition leaving the record's state, in document order, each
    /// allowed or with every reason against it: what a UI needs to draw its
    /// buttons.
    ///
    /// Errors: as `validate`, for the guards of any of these transitions.
    pub fn available(
        &self,
        record_json: String,
        context: WorkflowContext,
    ) -> Result<Vec<AvailableTransition>> {
        let moves = self
            .inner
            .available(&read_record(&record_json)?, &context.to_core()?)?;
        Ok(moves.iter().map(AvailableTransition::from).collect())
    }

    /// As `validate`, with the context as the JSON text of the core's context
    /// document (`now` as RFC 3339 text), returning the core's canonical JSON
    /// text of the verdict, byte for byte what every language and the server
    /// write.
    ///
    /// Errors: as `validate`, and `InvalidArgument` named by the path of the
    /// bad field below `context` when `contextJson` is not a context document.
    pub fn validate_json(
        &self,
        record_json: String,
        request: String,
        context_json: String,
    ) -> Result<String> {
        let (record, context) = (read_record(&record_json)?, read_context(&context_json)?);
        Ok(self.inner.validate(&record, &request, &context)?.to_json())
    }

    /// As `available`, with the context as JSON text, returning the core's
    /// canonical JSON text of the list.
    ///
    /// Errors: as `validateJson`.
    pub fn available_json(&self, record_json: String, context_json: String) -> Result<String> {
        let (record, context) = (read_record(&record_json)?, read_context(&context_json)?);
        let moves = self.inner.available(&record, &context)?;
        Ok(serde_json::to_value(&moves)
            .map(|value| value.to_string())
            .unwrap_or_default())
    }
}

/// The names of the built-in workflows: `incident`, `problem`,
/// `service_request`, `change_standard`, `change_normal`, `change_emergency`,
/// `task`.
#[uniffi::export]
pub fn workflow_builtin_names() -> Vec<String> {
    core::Workflow::builtin_names()
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// A built-in workflow's document as JSON text, to load as it is
/// (`Workflow.builtin(name)`) or to change first (another hold reason, its own
/// maintenance window) and load with `Workflow.fromJson`.
///
/// Errors: `InvalidArgument` naming `name` for a name not built in.
#[uniffi::export]
pub fn workflow_builtin_document(name: String) -> Result<String> {
    Ok(core::Workflow::builtin_document(&name)?.to_string())
}

/// Every finding of a workflow document, without loading it: the reasons it
/// would not load (codes `unknown_state`, `unknown_calendar`,
/// `duplicate_state`, `duplicate_field`, `duplicate_transition_name`,
/// `name_is_a_state`, `required_fields_cycle`) or, when there are none, its
/// traps (`unreachable_state`, `no_way_to_terminal`, `no_terminal_state`,
/// `leaves_terminal_state`, `duplicate_transition`, `undeclared_field`,
/// `unknown_value`).
///
/// Errors: `InvalidConfig` naming the bad field when the document cannot be
/// read at all (not JSON, an unknown field, a malformed guard).
#[uniffi::export]
pub fn lint_workflow_document(json: String) -> Result<Vec<Finding>> {
    let findings = match serde_json::from_str::<serde_json::Value>(&json) {
        Ok(value) => core::Workflow::lint_document(&value)?,
        // Not JSON: the core's own error for the text.
        Err(error) => {
            return Err(match core::Workflow::from_json(&json) {
                Err(core_error) => core_error,
                Ok(_) => CoreError::invalid_config("", format!("not valid JSON: {error}")),
            }
            .into());
        }
    };
    Ok(findings.into_iter().map(Finding::from).collect())
}

/// Serializers of the mirrored records, to compare them with the core's
/// documents in tests.
#[cfg(test)]
mod mirror {
    use std::collections::{BTreeMap, HashMap};

    pub(super) fn sorted<S: serde::Serializer>(
        map: &HashMap<String, bool>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&map.iter().collect::<BTreeMap<_, _>>(), serializer)
    }

    pub(super) fn is_empty_object(text: &str) -> bool {
        text == "{}"
    }

    pub(super) fn json_text<S: serde::Serializer>(
        text: &str,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(serde::ser::Error::custom)?;
        serde::Serialize::serialize(&value, serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{mirrored, vector_files};
    use serde_json::{Value, json};

    fn at(text: &str) -> Timestamp {
        Timestamp::from_utc(itsm_core::parse_instant("at", text).unwrap())
    }

    fn implementer() -> WorkflowContext {
        WorkflowContext {
            actor: Some(Actor {
                id: "ivan".into(),
                roles: vec![],
                groups: vec!["network".into()],
            }),
            now: Some(at("2026-11-28T10:00:00Z")),
            approvals: vec![],
            children: vec![],
            predicates: HashMap::new(),
        }
    }

    #[test]
    fn a_normal_change_moves_to_implement_only_inside_its_window() {
        let change = Workflow::builtin("change_normal".into()).unwrap();
        let record = r#"{"state": "scheduled", "implementer": "ivan"}"#.to_owned();
        let saturday = implementer();
        let verdict = change
            .validate(
                record.clone(),
                "start_implementation".into(),
                saturday.clone(),
            )
            .unwrap();
        assert!(verdict.allowed, "{verdict:?}");
        assert_eq!(verdict.to.as_deref(), Some("implement"));
        assert!(
            change
                .allows(record.clone(), "implement".into(), saturday)
                .unwrap()
        );
        let tuesday = WorkflowContext {
            now: Some(at("2026-12-01T12:00:00Z")),
            ..implementer()
        };
        let verdict = change
            .validate(record.clone(), "implement".into(), tuesday.clone())
            .unwrap();
        assert!(!verdict.allowed);
        assert_eq!(verdict.reasons.len(), 1, "{verdict:?}");
        assert_eq!(verdict.reasons[0].code, "outside_window");
        assert!(!change.allows(record, "implement".into(), tuesday).unwrap());
    }

    #[test]
    fn bad_records_contexts_and_requests_are_errors_naming_them() {
        let incident = Workflow::builtin("incident".into()).unwrap();
        let context = WorkflowContext::from(&context::Context::default());
        for (bad, path) in [
            ("[1]", ""),
            ("{", ""),
            ("\"new\"", ""),
            (r#"{"tags": [1]}"#, "tags"),
        ] {
            let err = incident
                .validate(bad.into(), "resolve".into(), context.clone())
                .unwrap_err();
            assert_eq!(err.code(), "invalid_input", "{bad}");
            assert_eq!(err.document().path.as_deref(), Some(path), "{bad}");
        }
        for (bad, argument) in [
            ("{", "context"),
            (r#"{"actor": {"name": "ann"}}"#, "context.actor.name"),
            (r#"{"now": "noon"}"#, "context.now"),
        ] {
            let err = incident
                .validate_json(r#"{"state": "new"}"#.into(), "resolve".into(), bad.into())
                .unwrap_err();
            assert_eq!(err.code(), "invalid_argument", "{bad}");
            assert_eq!(
                err.document().details,
                Some(format!(r#"{{"argument":"{argument}"}}"#)),
                "{bad}"
            );
            assert!(workflow_context_from_json(bad.into()).is_err());
        }
        let err = incident
            .available(r#"{"state": "new"}"#.into(), context.clone())
            .unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert_eq!(
            err.document().details.as_deref(),
            Some(r#"{"argument":"context.actor"}"#)
        );
        let err = incident
            .allows(r#"{"state": 3}"#.into(), "resolve".into(), context)
            .unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(err.detail(), "state: expected a state id, found 3");
        let change = Workflow::builtin("change_normal".into()).unwrap();
        let far = WorkflowContext {
            now: Some(Timestamp { millis: i64::MAX }),
            ..implementer()
        };
        let err = change
            .validate(
                r#"{"state": "scheduled"}"#.into(),
                "implement".into(),
                far.clone(),
            )
            .unwrap_err();
        assert_eq!(err.code(), "out_of_range");
        assert_eq!(
            workflow_context_to_json(far).unwrap_err().code(),
            "out_of_range"
        );
    }

    #[test]
    fn builtins_documents_and_lint() {
        let names = workflow_builtin_names();
        assert_eq!(
            names,
            [
                "incident",
                "problem",
                "service_request",
                "change_standard",
                "change_normal",
                "change_emergency",
                "task"
            ]
        );
        for name in names {
            let builtin = Workflow::builtin(name.clone()).unwrap();
            let document = workflow_builtin_document(name.clone()).unwrap();
            let loaded = Workflow::from_json(document.clone()).unwrap();
            assert_eq!(loaded, builtin, "{name}");
            assert_eq!(Workflow::from_json(builtin.to_json()).unwrap(), builtin);
            assert!(builtin.lint().is_empty(), "{name}: {:?}", builtin.lint());
            assert!(lint_workflow_document(document).unwrap().is_empty());
        }
        let err = Workflow::builtin("incidents".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert!(workflow_builtin_document("incidents".into()).is_err());
        let incident = Workflow::builtin("incident".into()).unwrap();
        assert_eq!(
            incident.category("on_hold".into()).as_deref(),
            Some("pending")
        );
        assert_eq!(incident.category("limbo".into()), None);
        let err = lint_workflow_document("{".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_config");
        assert!(
            err.detail().starts_with("(document): not valid JSON"),
            "{err}"
        );
        let err = Workflow::from_json("{".into()).unwrap_err();
        assert_eq!(
            err.detail(),
            lint_workflow_document("{".into()).unwrap_err().detail()
        );
        let document = json!({"initial": "new",
                "states": [{"id": "new", "category": "new"}, {"id": "closed", "category": "closed"},
                           {"id": "limbo", "category": "active"}],
                "transitions": [{"name": "close", "from": "new", "to": "closed"}]})
        .to_string();
        let findings = lint_workflow_document(document.clone()).unwrap();
        assert_eq!(findings[0].code, "unreachable_state");
        assert_eq!(findings[0].path, "states[2]");
        let core_findings =
            core::Workflow::lint_document(&serde_json::from_str(&document).unwrap()).unwrap();
        assert_eq!(
            serde_json::to_value(&findings).unwrap(),
            serde_json::to_value(&core_findings).unwrap()
        );
    }

    /// The records above mirror the core's documents by hand: for every case of
    /// every workflow vector, each mirrored record written as JSON must equal
    /// the core's own document, field for field (a field added to, renamed in
    /// or dropped from either side fails here), and the JSON entry points must
    /// write the core's canonical text.
    #[test]
    fn records_mirror_the_core_documents() {
        let (mut verdicts, mut moves, mut contexts, mut findings) = (0, 0, 0, 0);
        for (name, file) in vector_files("workflow") {
            for case in file["lint_documents"].as_array().into_iter().flatten() {
                let Ok(list) = core::Workflow::lint_document(&case["workflow"]) else {
                    continue;
                };
                let typed = lint_workflow_document(case["workflow"].to_string()).unwrap();
                assert_eq!(
                    mirrored(&typed),
                    mirrored(&list),
                    "{name}: {}",
                    case["name"]
                );
                findings += list.len();
            }
            let workflow = match (file.get("workflow"), file.get("builtin")) {
                (Some(document), _) => Workflow::from_json(document.to_string()),
                (None, Some(builtin)) => Workflow::builtin(builtin.as_str().unwrap().into()),
                (None, None) => continue,
            }
            .unwrap_or_else(|e| panic!("{name}: {e}"));
            for finding in workflow.inner.lint() {
                assert_eq!(
                    mirrored(&Finding::from(finding.clone())),
                    mirrored(&finding),
                    "{name}"
                );
                findings += 1;
            }
            for case in file["cases"].as_array().into_iter().flatten() {
                let label = format!("{name}: {}", case["name"]);
                let record_json = case["record"].to_string();
                let Ok(core_context) =
                    serde_json::from_value::<context::Context>(case["context"].clone())
                else {
                    continue;
                };
                let context = WorkflowContext::from(&core_context);
                let core_document = mirrored(&core_context);
                assert_eq!(mirrored(&context), core_document, "{label}: context");
                assert_eq!(context.to_core().unwrap(), core_context, "{label}");
                assert_eq!(
                    workflow_context_to_json(context.clone()).unwrap(),
                    core_document.to_string()
                );
                contexts += 1;
                let record: Fields = serde_json::from_value(case["record"].clone()).unwrap();
                let context_json = case["context"].to_string();
                match case["op"].as_str().unwrap() {
                    "validate" => {
                        let request = case["request"].as_str().unwrap().to_owned();
                        let Ok(verdict) = workflow.inner.validate(&record, &request, &core_context)
                        else {
                            continue;
                        };
                        let typed = workflow
                            .validate(record_json.clone(), request.clone(), context)
                            .unwrap();
                        assert_eq!(mirrored(&typed), mirrored(&verdict), "{label}");
                        assert_eq!(
                            workflow
                                .validate_json(record_json, request, context_json)
                                .unwrap(),
                            verdict.to_json(),
                            "{label}"
                        );
                        verdicts += 1;
                    }
                    "available" => {
                        let Ok(list) = workflow.inner.available(&record, &core_context) else {
                            continue;
                        };
                        let typed = workflow.available(record_json.clone(), context).unwrap();
                        assert_eq!(mirrored(&typed), mirrored(&list), "{label}");
                        assert_eq!(
                            workflow.available_json(record_json, context_json).unwrap(),
                            mirrored(&list).to_string(),
                            "{label}"
                        );
                        moves += 1;
                    }
                    op => panic!("{label}: unknown op {op}"),
                }
            }
        }
        assert!(verdicts >= 20, "only {verdicts} verdicts compared");
        assert!(moves >= 5, "only {moves} available lists compared");
        assert!(contexts >= 30, "only {contexts} contexts compared");
        // The built-in workflows lint clean; findings come from the vectors'
        // `lint_documents`, once there are any (and from the test below).
        println!("{findings} lint findings compared");
    }

    /// A verdict that sets fields and a context with every part: the parts
    /// the vectors may not exercise.
    #[test]
    fn every_field_of_the_records_mirrors_the_core() {
        let core_context: context::Context = serde_json::from_value(json!({
            "actor": {"id": "carl", "roles": ["change_manager"], "groups": ["cab"]},
            "now": "2026-11-28T10:00:00.5+01:00",
            "approvals": [{"approver": "amy", "group": "cab", "decision": "approved"},
                          {"approver": "ali", "decision": "pending"},
                          {"approver": "abe", "decision": "rejected"}],
            "children": [{"id": "CTASK-1", "state": "closed"}],
            "predicates": {"b": true, "a": false}
        }))
        .unwrap();
        let context = WorkflowContext::from(&core_context);
        assert_eq!(mirrored(&context), mirrored(&core_context));
        assert_eq!(context.to_core().unwrap(), core_context);
        let read = workflow_context_from_json(mirrored(&core_context).to_string()).unwrap();
        assert_eq!(read, context);
        let incident = Workflow::builtin("incident".into()).unwrap();
        let core_incident = core::Workflow::builtin("incident").unwrap();
        let record = r#"{"state": "on_hold", "hold_reason": "awaiting_caller", "assignment_group": "network"}"#;
        let agent = r#"{"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}}"#;
        let mut sets = 0;
        for request in ["resume", "in_progress", "resolve", "closed"] {
            let json = incident
                .validate_json(record.into(), request.into(), agent.into())
                .unwrap();
            let core_verdict = core_incident
                .validate(
                    &serde_json::from_str(record).unwrap(),
                    request,
                    &serde_json::from_str(agent).unwrap(),
                )
                .unwrap();
            assert_eq!(json, core_verdict.to_json());
            let typed = incident
                .validate(
                    record.into(),
                    request.into(),
                    workflow_context_from_json(agent.into()).unwrap(),
                )
                .unwrap();
            assert_eq!(mirrored(&typed), mirrored(&core_verdict), "{request}");
            if !core_verdict.sets.is_empty() {
                assert_eq!(
                    typed.sets_json,
                    Value::from(
                        core_verdict
                            .sets
                            .clone()
                            .into_iter()
                            .collect::<serde_json::Map<_, _>>()
                    )
                    .to_string()
                );
                sets += 1;
            }
        }
        assert!(sets >= 1, "no verdict that sets a field");
    }
}
