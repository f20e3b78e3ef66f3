//! Workflows: declarative state machines whose transitions carry guards, and
//! the answers a host asks of them on every request: may this record make this
//! move, and if not, every reason why; which moves are open to this actor now.
//!
//! A workflow is a document ([`WorkflowDocument`]) compiled once into indices
//! ([`Workflow`]): the allowed path allocates nothing, and reasons are built
//! only on refusal. The built-in ITIL workflows are documents too
//! ([`Workflow::builtin`]). This module owns workflows and their guards; it
//! knows nothing of records' histories, SLAs or storage.

mod builtin;
mod document;
mod guard;
mod lint;
mod verdict;

pub use crate::error::Reason;
pub use document::{
    Category, FieldDefinition, FromStates, StateDefinition, TransitionDefinition, WorkflowDocument,
};
pub use guard::{ApprovalRule, ConditionGuard, Guard};
pub use verdict::{AvailableTransition, Verdict};

use serde_json::Value;

use crate::document::{self as reading, Finding, Kind};
use crate::error::{Error, Result};
use crate::rules::{Context, is_set};
use crate::timeline::Fields;
use guard::{Judged, Needs, shown};

/// The field of a record that holds its state.
const STATE: &str = "state";

/// A compiled workflow: states and transitions by index, requirements with
/// their declared values, and what each transition needs from the context.
///
/// # Example
/// ```
/// use itsm_core::workflow::Workflow;
/// let incident = Workflow::builtin("incident")?;
/// let record = serde_json::from_str(r#"{"state": "in_progress", "assignment_group": "network",
///     "resolution_code": "solved_permanently", "resolution_notes": "replaced the switch"}"#).unwrap();
/// let context = serde_json::from_str(r#"{"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}}"#).unwrap();
/// let verdict = incident.validate(&record, "resolved", &context)?;
/// assert!(verdict.allowed);
/// assert_eq!(verdict.transition.as_deref(), Some("resolve"));
/// # Ok::<(), itsm_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Workflow {
    document: WorkflowDocument,
    transitions: Vec<Compiled>,
}

/// A transition by indices.
#[derive(Debug, Clone)]
struct Compiled {
    /// Whether it leaves from each state, by state index.
    from: Vec<bool>,
    to: usize,
    requires: Vec<Requirement>,
    needs: Needs,
    predicates: Vec<(String, String)>,
}

/// A field a transition requires, directly or through a field's own
/// `requires`, with the path that asks for it.
#[derive(Debug, Clone)]
struct Requirement {
    field: String,
    values: Option<Vec<Value>>,
    path: String,
}

impl Workflow {
    /// Loads a workflow document from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path of the first problem: a
    /// malformed field, or a finding of [`Workflow::lint_document`] that keeps
    /// a workflow from loading (an unknown state or calendar, a duplicate, a
    /// transition named like a state, a cycle of required fields).
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::workflow::Workflow::from_json(r#"{"initial": "new",
    ///     "states": [{"id": "new", "category": "new"}],
    ///     "transitions": [{"name": "close", "from": "new", "to": "closed"}]}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "transitions[0].to: unknown state `closed` (the workflow's states: new)");
    /// ```
    pub fn from_json(text: &str) -> Result<Workflow> {
        Workflow::from_document(reading::from_json(Kind::Config, text)?)
    }

    /// Loads a workflow document from a JSON value; errors as
    /// [`Workflow::from_json`].
    pub fn from_value(value: &Value) -> Result<Workflow> {
        Workflow::from_document(reading::from_value(Kind::Config, value)?)
    }

    /// Compiles a document; errors as [`Workflow::from_json`].
    pub fn from_document(document: WorkflowDocument) -> Result<Workflow> {
        if let Some(error) = lint::findings(&document)
            .into_iter()
            .find(|f| lint::ERRORS.contains(&f.code))
        {
            return Err(Error::invalid_config(error.path, error.message));
        }
        let transitions = document
            .transitions
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let mut from = vec![false; document.states.len()];
                for state in lint::leaves_from(&document, &t.from, &t.to)
                    .into_iter()
                    .flatten()
                {
                    from[state] = true;
                }
                let mut needs = Needs::default();
                let mut predicates = Vec::new();
                for (j, guard) in t.guards.iter().enumerate() {
                    let n = guard.needs();
                    needs.actor |= n.actor;
                    needs.now |= n.now;
                    let mut names = Vec::new();
                    guard.predicates(&mut names);
                    predicates.extend(
                        names
                            .into_iter()
                            .map(|name| (name, format!("transitions[{i}].guards[{j}]"))),
                    );
                }
                Compiled {
                    from,
                    to: document
                        .states
                        .iter()
                        .position(|s| s.id == t.to)
                        .unwrap_or(0),
                    requires: requirements(&document, i),
                    needs,
                    predicates,
                }
            })
            .collect();
        Ok(Workflow {
            document,
            transitions,
        })
    }

    /// Every finding of a workflow document, without loading it: the reasons
    /// it would not load (codes `unknown_state`, `unknown_calendar`,
    /// `duplicate_state`, `duplicate_field`, `duplicate_transition_name`,
    /// `name_is_a_state`, `required_fields_cycle`) or, when there are none, its
    /// traps: `unreachable_state` (no way from `initial`), `no_way_to_terminal`,
    /// `no_terminal_state`, `leaves_terminal_state`, `duplicate_transition`,
    /// `undeclared_field` (a field no `fields` entry declares), `unknown_value`
    /// (a guard or `sets` using a value outside the field's `values`).
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] when the document cannot be read at all.
    ///
    /// # Example
    /// ```
    /// let findings = itsm_core::workflow::Workflow::lint_document(&serde_json::json!({"initial": "new",
    ///     "states": [{"id": "new", "category": "new"}, {"id": "closed", "category": "closed"}, {"id": "limbo", "category": "active"}],
    ///     "transitions": [{"name": "close", "from": "new", "to": "closed"}]})).unwrap();
    /// assert_eq!(findings[0].code, "unreachable_state");
    /// assert_eq!(findings[0].path, "states[2]");
    /// ```
    pub fn lint_document(value: &Value) -> Result<Vec<Finding>> {
        let document: WorkflowDocument = reading::from_value(Kind::Config, value)?;
        Ok(lint::findings(&document))
    }

    /// The traps of this workflow, as [`Workflow::lint_document`] finds them.
    pub fn lint(&self) -> Vec<Finding> {
        lint::findings(&self.document)
    }

    /// The document this workflow was compiled from.
    pub fn document(&self) -> &WorkflowDocument {
        &self.document
    }

    /// The document as a JSON value.
    pub fn to_value(&self) -> Value {
        reading::to_value(&self.document)
    }

    /// The document as JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The category of a state, if the workflow has it.
    ///
    /// # Example
    /// ```
    /// use itsm_core::workflow::{Category, Workflow};
    /// let incident = Workflow::builtin("incident").unwrap();
    /// assert_eq!(incident.category("on_hold"), Some(Category::Pending));
    /// ```
    pub fn category(&self, state: &str) -> Option<Category> {
        self.state_index(state)
            .map(|i| self.document.states[i].category)
    }

    fn state_index(&self, id: &str) -> Option<usize> {
        self.document.states.iter().position(|s| s.id == id)
    }

    /// The index of the record's state, once its fields are known to be
    /// scalars; the values of `requires` are put in `found` on the way.
    fn record_state<'r>(
        &self,
        record: &'r Fields,
        requires: &[Requirement],
        found: &mut [&'r Value],
    ) -> Result<usize> {
        // One pass over the host's record, which is a map whose ordered search
        // costs a call to compare bytes at every step.
        let mut state = &Value::Null;
        for (name, value) in record {
            if value.is_array() || value.is_object() {
                return Err(Error::InvalidInput {
                    path: name.clone(),
                    reason: "a field value is a string, number, boolean or null".into(),
                });
            }
            if guard::same_name(name, STATE) {
                state = value;
            }
            for (slot, requirement) in found.iter_mut().zip(requires) {
                if guard::same_name(name, &requirement.field) {
                    *slot = value;
                }
            }
        }
        let invalid = |reason: String| Error::InvalidInput {
            path: STATE.into(),
            reason,
        };
        match state {
            Value::Null => Err(invalid("the record has no state".into())),
            Value::String(state) => self.state_index(state).ok_or_else(|| {
                let known: Vec<&str> = self.document.states.iter().map(|s| s.id.as_str()).collect();
                invalid(format!(
                    "unknown state `{state}` (the workflow's states: {})",
                    known.join(", ")
                ))
            }),
            other => Err(invalid(format!("expected a state id, found {other}"))),
        }
    }

    /// What a request names: a transition of that name, or else a state of
    /// that id to move to.
    fn asked(&self, request: &str) -> Result<Asked> {
        if let Some(i) = self
            .document
            .transitions
            .iter()
            .position(|t| t.name == request)
        {
            return Ok(Asked::Transition(i));
        }
        self.state_index(request).map(Asked::State).ok_or_else(|| {
            Error::invalid_argument(
                "transition",
                format!(
                    "`{request}` is neither a transition nor a state of the workflow{}",
                    self.document
                        .name
                        .as_ref()
                        .map_or(String::new(), |n| format!(" {n}"))
                ),
            )
        })
    }

    /// The transitions in question, in document order: the one named, or
    /// those into the state asked for that leave from `state`, or, when none
    /// does, every one into it.
    fn candidates(&self, asked: Asked, state: usize) -> impl Iterator<Item = usize> + Clone + '_ {
        let into = move |i: usize| match asked {
            Asked::Transition(named) => i == named,
            Asked::State(target) => self.transitions[i].to == target,
        };
        let leaving = move |i: usize| into(i) && self.transitions[i].from[state];
        let any_leaving = (0..self.transitions.len()).any(leaving);
        (0..self.transitions.len()).filter(move |&i| if any_leaving { leaving(i) } else { into(i) })
    }

    /// Refuses a context that lacks what a transition's guards read.
    fn check_context(&self, i: usize, context: &Context) -> Result<()> {
        let t = &self.transitions[i];
        let name = &self.document.transitions[i].name;
        if t.needs.actor && context.actor.is_none() {
            return Err(Error::invalid_argument(
                "context.actor",
                format!("`{name}` has guards on the actor, and the context names none"),
            ));
        }
        if t.needs.now && context.now.is_none() {
            return Err(Error::invalid_argument(
                "context.now",
                format!("`{name}` has guards on the time, and the context gives no `now`"),
            ));
        }
        if let Some((predicate, path)) = t
            .predicates
            .iter()
            .find(|(p, _)| !context.predicates.contains_key(p))
        {
            return Err(Error::invalid_argument(
                "context.predicates",
                format!("no answer for `{predicate}`, which the guard at {path} asks the host"),
            ));
        }
        Ok(())
    }

    /// Judges transition `i` from `state`; with `reasons`, pushes every reason
    /// against it, without, stops at the first.
    fn judge(
        &self,
        i: usize,
        state: usize,
        record: &Fields,
        required: Option<&[&Value]>,
        context: &Context,
        mut reasons: Option<&mut Vec<Reason>>,
    ) -> Result<bool> {
        let t = &self.transitions[i];
        let definition = &self.document.transitions[i];
        let mut allowed = true;
        let name = definition.name.as_str();
        let mut refuse = |reasons: &mut Option<&mut Vec<Reason>>, reason: &dyn Fn() -> Reason| {
            allowed = false;
            match reasons {
                Some(out) => {
                    out.push(reason());
                    false
                }
                None => true,
            }
        };
        if !t.from[state] {
            let stop = refuse(&mut reasons, &|| {
                let from: Vec<&str> = (0..t.from.len())
                    .filter(|&s| t.from[s])
                    .map(|s| self.document.states[s].id.as_str())
                    .collect();
                Reason {
                    transition: Some(name.to_owned()),
                    code: "not_from_state",
                    path: format!("transitions[{i}].from"),
                    field: None,
                    message: format!(
                        "{name} leaves from {}, not from {}",
                        guard::one_of(&from, "or"),
                        self.document.states[state].id
                    ),
                }
            });
            if stop {
                return Ok(false);
            }
        }
        for (k, requirement) in t.requires.iter().enumerate() {
            let value = match required {
                Some(values) => values[k],
                None => guard::field(record, &requirement.field),
            };
            let code = if !is_set(value) {
                "field_required"
            } else if requirement
                .values
                .as_ref()
                .is_some_and(|values| !values.contains(value))
            {
                "field_value_unknown"
            } else {
                continue;
            };
            let stop = refuse(&mut reasons, &|| Reason {
                transition: Some(name.to_owned()),
                code,
                path: requirement.path.clone(),
                field: Some(requirement.field.clone()),
                message: match &requirement.values {
                    Some(values) if code == "field_value_unknown" => format!(
                        "{} {} is not one of {}",
                        requirement.field,
                        shown(value),
                        guard::one_of(&values.iter().map(shown).collect::<Vec<_>>(), "or")
                    ),
                    _ => format!("{name} needs {}", requirement.field),
                },
            });
            if stop {
                return Ok(false);
            }
        }
        let judged = Judged {
            record,
            context,
            transition: name,
            calendars: &self.document.calendars,
        };
        for (j, guard) in definition.guards.iter().enumerate() {
            let path = || format!("transitions[{i}].guards[{j}]");
            if !guard.check(&judged, &path, reasons.as_deref_mut())? {
                allowed = false;
                if reasons.is_none() {
                    return Ok(false);
                }
            }
        }
        Ok(allowed)
    }

    /// Whether `record` may make the move `request` (a transition's name, or a
    /// target state's id) in `context`: ok with the transition that applies, or
    /// every reason against it, in document order. Asking for a state that
    /// several transitions lead to takes the first that is allowed, or reports
    /// the reasons of each.
    ///
    /// `record` holds the record's fields as the move would leave them: its
    /// current `state`, and any field the request sets (a resolution code sent
    /// with "resolve"). Approvals, child tasks and the host's predicates come
    /// in `context`, exactly as fresh as the host's read.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] at `state` when the record has no state or one
    /// the workflow lacks, or at a field whose value is an array or an object; [`Error::InvalidArgument`] when `request` is neither
    /// a transition nor a state (`transition`), or when a guard in question
    /// needs what the context lacks (`context.actor`, `context.now`,
    /// `context.predicates`); [`Error::OutOfRange`] for a `now` outside the
    /// supported years.
    ///
    /// # Example
    /// ```
    /// use itsm_core::workflow::Workflow;
    /// let incident = Workflow::builtin("incident")?;
    /// let record = serde_json::from_str(r#"{"state": "on_hold", "hold_reason": "awaiting_evidence"}"#).unwrap();
    /// let context = serde_json::from_str(r#"{"actor": {"id": "ann", "roles": ["agent"]}}"#).unwrap();
    /// let verdict = incident.validate(&record, "change_hold_reason", &context)?;
    /// assert!(!verdict.allowed);
    /// assert_eq!(verdict.reasons[0].code, "field_value_unknown");
    /// assert_eq!(verdict.reasons[0].message,
    ///     "hold_reason awaiting_evidence is not one of awaiting_caller, awaiting_change, awaiting_problem or awaiting_vendor");
    /// # Ok::<(), itsm_core::Error>(())
    /// ```
    pub fn validate(&self, record: &Fields, request: &str, context: &Context) -> Result<Verdict> {
        let state = self.record_state(record, &[], &mut [])?;
        let asked = self.asked(request)?;
        let from = self.document.states[state].id.clone();
        let candidates = self.candidates(asked, state);
        if let (Asked::State(target), None) = (asked, candidates.clone().next()) {
            let id = &self.document.states[target].id;
            return Ok(Verdict {
                allowed: false,
                from,
                transition: None,
                to: Some(id.clone()),
                sets: Fields::new(),
                reasons: vec![Reason {
                    transition: None,
                    code: "no_transition_to_state",
                    path: format!("states[{target}]"),
                    field: None,
                    message: format!("no transition leads to {id}"),
                }],
            });
        }
        for i in candidates.clone() {
            self.check_context(i, context)?;
        }
        let mut reasons = Vec::new();
        let (mut judged, mut last) = (0, 0);
        for i in candidates {
            let mut own = Vec::new();
            if self.judge(i, state, record, None, context, Some(&mut own))? {
                let definition = &self.document.transitions[i];
                return Ok(Verdict {
                    allowed: true,
                    from,
                    transition: Some(definition.name.clone()),
                    to: Some(definition.to.clone()),
                    sets: definition.sets.clone(),
                    reasons: Vec::new(),
                });
            }
            reasons.append(&mut own);
            (judged, last) = (judged + 1, i);
        }
        let only = (judged == 1).then(|| &self.document.transitions[last]);
        Ok(Verdict {
            allowed: false,
            from,
            transition: only.map(|t| t.name.clone()),
            to: only.map(|t| t.to.clone()),
            sets: Fields::new(),
            reasons,
        })
    }

    /// Whether [`Workflow::validate`] would allow the move, without building
    /// any reason: the answer of the hot path, allocating nothing.
    ///
    /// # Errors
    /// As [`Workflow::validate`].
    ///
    /// # Example
    /// ```
    /// use itsm_core::workflow::Workflow;
    /// let incident = Workflow::builtin("incident")?;
    /// let record = serde_json::from_str(r#"{"state": "new"}"#).unwrap();
    /// let context = serde_json::from_str(r#"{"actor": {"id": "ann", "roles": ["agent"]}}"#).unwrap();
    /// assert!(!incident.allows(&record, "resolve", &context)?);
    /// # Ok::<(), itsm_core::Error>(())
    /// ```
    pub fn allows(&self, record: &Fields, request: &str, context: &Context) -> Result<bool> {
        let asked = match self.asked(request) {
            Ok(asked) => asked,
            Err(unknown) => {
                // A bad record is reported first, as `validate` does.
                self.record_state(record, &[], &mut [])?;
                return Err(unknown);
            }
        };
        if let Asked::Transition(i) = asked {
            // The state and the required values in the same pass.
            const GATHERED: usize = 8;
            let requires = &self.transitions[i].requires;
            let mut found = [&Value::Null; GATHERED];
            let gathered = requires.len() <= GATHERED;
            let state = if gathered {
                self.record_state(record, requires, &mut found[..requires.len()])?
            } else {
                self.record_state(record, &[], &mut [])?
            };
            self.check_context(i, context)?;
            let required = gathered.then_some(&found[..requires.len()]);
            return self.judge(i, state, record, required, context, None);
        }
        let state = self.record_state(record, &[], &mut [])?;
        let candidates = self.candidates(asked, state);
        for i in candidates.clone() {
            self.check_context(i, context)?;
        }
        for i in candidates {
            if self.judge(i, state, record, None, context, None)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Every transition leaving the record's state, in document order, each
    /// allowed or with every reason against it: what a UI needs to draw its
    /// buttons.
    ///
    /// # Errors
    /// As [`Workflow::validate`], for the guards of any of these transitions.
    ///
    /// # Example
    /// ```
    /// use itsm_core::workflow::Workflow;
    /// let incident = Workflow::builtin("incident")?;
    /// let record = serde_json::from_str(r#"{"state": "resolved", "caller": "bob"}"#).unwrap();
    /// let context = serde_json::from_str(r#"{"actor": {"id": "bob"}}"#).unwrap();
    /// let moves = incident.available(&record, &context)?;
    /// let names: Vec<(&str, bool)> = moves.iter().map(|m| (m.transition.as_str(), m.allowed)).collect();
    /// assert_eq!(names, [("reopen", true), ("close", true)]);
    /// # Ok::<(), itsm_core::Error>(())
    /// ```
    pub fn available(
        &self,
        record: &Fields,
        context: &Context,
    ) -> Result<Vec<AvailableTransition>> {
        let state = self.record_state(record, &[], &mut [])?;
        let leaving: Vec<usize> = (0..self.transitions.len())
            .filter(|&i| self.transitions[i].from[state])
            .collect();
        for &i in &leaving {
            self.check_context(i, context)?;
        }
        leaving
            .into_iter()
            .map(|i| {
                let mut reasons = Vec::new();
                let allowed = self.judge(i, state, record, None, context, Some(&mut reasons))?;
                let definition = &self.document.transitions[i];
                Ok(AvailableTransition {
                    transition: definition.name.clone(),
                    label: definition.label.clone(),
                    to: definition.to.clone(),
                    allowed,
                    reasons,
                })
            })
            .collect()
    }
}

/// What a request names.
#[derive(Debug, Clone, Copy)]
enum Asked {
    Transition(usize),
    State(usize),
}

/// The fields transition `i` requires: its own `requires`, then each field's
/// own `requires` in turn, each once, with the path that first asks for it.
fn requirements(document: &WorkflowDocument, i: usize) -> Vec<Requirement> {
    let definition = |field: &str| document.fields.iter().position(|f| f.id == field);
    let mut out: Vec<Requirement> = Vec::new();
    let mut queue: std::collections::VecDeque<(String, String)> = document.transitions[i]
        .requires
        .iter()
        .enumerate()
        .map(|(j, field)| (field.clone(), format!("transitions[{i}].requires[{j}]")))
        .collect();
    while let Some((field, path)) = queue.pop_front() {
        if out.iter().any(|r| r.field == field) {
            continue;
        }
        let declared = definition(&field);
        if let Some(k) = declared {
            queue.extend(
                document.fields[k]
                    .requires
                    .iter()
                    .enumerate()
                    .map(|(m, next)| (next.clone(), format!("fields[{k}].requires[{m}]"))),
            );
        }
        out.push(Requirement {
            values: declared.and_then(|k| document.fields[k].values.clone()),
            field,
            path,
        });
    }
    out
}
