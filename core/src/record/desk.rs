//! The desk: the configuration records are judged by (workflows by kind, who
//! may not approve, the reopen window, major-incident triggers, cascades,
//! automation, SLA policies, the priority matrix) and the one place commands
//! are decided. A command against a record gives events, the next record,
//! the commands the host should give other records (or this one) next, whom to
//! tell, and when to wake.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::approval::{Answer, Mode, Outcome as RoundOutcome};
use super::command::{Action, Command};
use super::event::{Change, RecordEvent};
use super::{Link, LinkKind, Record};
use crate::automation::{self, Fired, RuleSet, Subject};
use crate::document::{self, Kind, Reason};
use crate::error::{Error, Result};
use crate::priority::PriorityMatrix;
use crate::rules::{Actor, Child, Condition, Context, Situation, is_set};
use crate::sla::{EvaluateOptions, Evaluation, PolicySet};
use crate::time::format_instant;
use crate::timeline::Fields;
use crate::workflow::{Category, Workflow, WorkflowDocument};

/// A desk as written: every part optional, the built-in workflows always there.
///
/// # Example
/// ```
/// let desk = itsm_core::record::Desk::from_json(r#"{
///     "reopen_window_days": 10,
///     "major_incident": [{"name": "p1", "when": {"field_eq": {"field": "priority", "value": "P1"}}, "notify": ["major_incident_manager"]}],
///     "automation": [{"id": "auto_close", "on": {"after_resolution": {"days": 7}}, "actions": [{"transition": "close"}]}]
/// }"#).unwrap();
/// assert_eq!(desk.document().reopen_window_days, Some(10));
/// let err = itsm_core::record::Desk::from_json(r#"{"kinds": {"incident": "nonesuch"}}"#).unwrap_err();
/// assert_eq!(err.to_string(), "kinds.incident: no workflow named nonesuch (built in or under workflows)");
/// ```
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeskDocument {
    /// Workflows by name, beside the built-in ones (a name of a built-in one
    /// replaces it).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub workflows: BTreeMap<String, WorkflowDocument>,
    /// The workflow a kind's records take when a command names none, beside
    /// the defaults (`incident`, `problem`, `service_request`, `change` →
    /// `change_normal`, `task`); a kind not here is refused.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub kinds: BTreeMap<String, String>,
    /// Record fields naming actors whose approval never counts and who may
    /// not answer (`requested_by`, `requested_for`, `implementer` by default).
    #[serde(default = "default_not_approved_by")]
    pub not_approved_by: Vec<String>,
    /// How many days (of 24 hours) after resolution a record may reopen;
    /// any time while resolved when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reopen_window_days: Option<u32>,
    /// Major-incident triggers, in order: the first that holds flags an
    /// incident, once.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub major_incident: Vec<MajorIncidentRule>,
    /// What a resolution passes on (by default, a parent's resolution to
    /// its open children).
    #[serde(default = "default_cascades")]
    pub cascades: Vec<Cascade>,
    /// Automation rules, in order.
    #[serde(default, skip_serializing_if = "RuleSet::is_empty")]
    pub automation: RuleSet,
    /// SLA policies the desk evaluates records against when it wakes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla: Option<PolicySet>,
    /// A priority matrix: when set, a record whose `impact` and `urgency`
    /// change takes its `priority` from it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<PriorityMatrix>,
}

fn default_not_approved_by() -> Vec<String> {
    ["requested_by", "requested_for", "implementer"]
        .map(String::from)
        .to_vec()
}

fn default_cascades() -> Vec<Cascade> {
    vec![Cascade {
        on: CascadeOn::ParentResolved,
        to: "resolved".into(),
        copy: vec!["resolution_code".into(), "resolution_notes".into()],
        set: Fields::new(),
    }]
}

/// A major-incident trigger: a name, a condition, and whom to tell.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MajorIncidentRule {
    /// The rule's name, kept on the record.
    pub name: String,
    /// What must hold of the incident after a command.
    pub when: Condition,
    /// Whom to tell (ids, groups or roles, as the host resolves them).
    #[serde(default)]
    pub notify: Vec<String>,
}

/// What one resolution passes on to other records, as commands.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Cascade {
    /// Which resolution.
    pub on: CascadeOn,
    /// The transition (or state) to ask of each record reached.
    pub to: String,
    /// Fields copied from the resolved record into the command.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub copy: Vec<String>,
    /// Fields the command sets besides.
    #[serde(
        default,
        skip_serializing_if = "Fields::is_empty",
        deserialize_with = "crate::timeline::deserialize_fields"
    )]
    #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
    pub set: Fields,
}

/// Which resolution a cascade follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CascadeOn {
    /// A record with children was resolved: each child not yet resolved,
    /// closed or cancelled is reached.
    ParentResolved,
    /// A problem was resolved: each incident it links is reached.
    ProblemResolved,
}

/// A command the host should give next, to another record or this one, and
/// why (`cascade:parent_resolved`, `approval:approved`, `parent`,
/// `automation:<rule id>`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Followup {
    /// The record to give it to.
    pub record: String,
    /// The command.
    pub command: Command,
    /// Why.
    pub because: String,
}

/// Someone to tell, and why (`major_incident:<rule>`, `automation:<rule id>`).
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Notification {
    /// The record concerned.
    pub record: String,
    /// Whom.
    pub to: Vec<String>,
    /// What.
    pub message: String,
    /// Why.
    pub because: String,
}

/// What a command gives: the events to store, the record they make, what to
/// do next, and when to wake.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Outcome {
    /// The next record.
    pub record: Record,
    /// The events, in order, to store with the version the command read.
    pub events: Vec<RecordEvent>,
    /// Commands for the host to give next.
    pub followups: Vec<Followup>,
    /// People to tell.
    pub notifications: Vec<Notification>,
    /// When to call [`Desk::wake`] for the record: the earliest time trigger
    /// or SLA threshold to come.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub next_wakeup: Option<DateTime<Utc>>,
}

/// What waking a record gives: the commands time triggers ask for, whom to
/// tell, the SLA evaluation when the desk has policies, and when to wake next.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Wakeup {
    /// Commands for the host to give.
    pub followups: Vec<Followup>,
    /// People to tell.
    pub notifications: Vec<Notification>,
    /// The record's SLA evaluation at `now` (without explanations).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sla: Option<Evaluation>,
    /// When to wake next.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub next_wakeup: Option<DateTime<Utc>>,
}

/// A desk, loaded: its document with every workflow compiled.
#[derive(Debug, Clone)]
pub struct Desk {
    document: DeskDocument,
    workflows: BTreeMap<String, Workflow>,
}

impl Default for Desk {
    /// The built-in workflows and the default rules.
    fn default() -> Desk {
        Desk::from_document(DeskDocument {
            workflows: BTreeMap::new(),
            kinds: BTreeMap::new(),
            not_approved_by: default_not_approved_by(),
            reopen_window_days: None,
            major_incident: Vec::new(),
            cascades: default_cascades(),
            automation: RuleSet::default(),
            sla: None,
            priority: None,
        })
        .expect("the built-in workflows load")
    }
}

const DEFAULT_KINDS: &[(&str, &str)] = &[
    ("incident", "incident"),
    ("problem", "problem"),
    ("service_request", "service_request"),
    ("change", "change_normal"),
    ("task", "task"),
];

impl Desk {
    /// Reads a desk from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path of the bad field
    /// (`workflows.onboarding.transitions[2].to`, `automation[0].on`).
    pub fn from_json(text: &str) -> Result<Desk> {
        Desk::from_document(document::from_json(Kind::Config, text)?)
    }

    /// Reads a desk from JSON data; errors as [`Desk::from_json`].
    pub fn from_value(value: &Value) -> Result<Desk> {
        Desk::from_document(document::from_value(Kind::Config, value)?)
    }

    /// Loads a desk document.
    ///
    /// # Errors
    /// As [`Desk::from_json`].
    pub fn from_document(document: DeskDocument) -> Result<Desk> {
        let mut workflows = BTreeMap::new();
        for name in Workflow::builtin_names() {
            workflows.insert(name.to_owned(), Workflow::builtin(name)?);
        }
        for (name, doc) in &document.workflows {
            let workflow = Workflow::from_document(doc.clone()).map_err(|e| match e {
                Error::InvalidConfig { path, reason } => Error::InvalidConfig {
                    path: if path.is_empty() {
                        format!("workflows.{name}")
                    } else {
                        format!("workflows.{name}.{path}")
                    },
                    reason,
                },
                other => other,
            })?;
            workflows.insert(name.clone(), workflow);
        }
        for (kind, name) in &document.kinds {
            if !workflows.contains_key(name) {
                return Err(Error::invalid_config(
                    format!("kinds.{kind}"),
                    format!("no workflow named {name} (built in or under workflows)"),
                ));
            }
        }
        for (i, rule) in document.automation.rules().iter().enumerate() {
            if let automation::Trigger::Event(types) = &rule.on {
                if let Some((j, t)) = types
                    .iter()
                    .enumerate()
                    .find(|(_, t)| !Change::KINDS.contains(&t.as_str()))
                {
                    return Err(Error::invalid_config(
                        format!("automation[{i}].on.event[{j}]"),
                        format!(
                            "no event is of type {t} (types: {})",
                            Change::KINDS.join(", ")
                        ),
                    ));
                }
            }
        }
        Ok(Desk {
            document,
            workflows,
        })
    }

    /// The desk's document.
    pub fn document(&self) -> &DeskDocument {
        &self.document
    }

    /// The desk as JSON data.
    pub fn to_value(&self) -> Value {
        document::to_value(&self.document)
    }

    /// A workflow by name.
    pub fn workflow(&self, name: &str) -> Option<&Workflow> {
        self.workflows.get(name)
    }

    /// The workflow a kind's records take by default, if the kind is known.
    pub fn default_workflow(&self, kind: &str) -> Option<&str> {
        self.document
            .kinds
            .get(kind)
            .map(String::as_str)
            .or_else(|| {
                DEFAULT_KINDS
                    .iter()
                    .find(|(k, _)| *k == kind)
                    .map(|(_, w)| *w)
            })
    }

    /// Judges `command` against `record` (none for `create` and `import`) in
    /// `context`, and answers the events it yields, the next record, the
    /// follow-up commands, whom to tell and when to wake. The context names
    /// the actor and `now`; the record's own approvals and children are
    /// used, so the context gives none.
    ///
    /// # Errors
    /// [`Error::CommandRefused`] with every reason (the workflow's guards,
    /// the desk's rules); [`Error::VersionConflict`] when the command's
    /// `expected_version` is not the record's; [`Error::InvalidArgument`] for
    /// a context without actor or `now`, a `now` before the record's last
    /// event, a record given to `create` or none to another command, or a
    /// malformed part of the command (`command.text`).
    ///
    /// # Example
    /// ```
    /// use itsm_core::record::{Command, Desk};
    /// use itsm_core::rules::Context;
    /// let desk = Desk::default();
    /// let at = |now: &str| Context::from_json(&format!(r#"{{"actor": {{"id": "ann", "roles": ["agent"]}}, "now": "{now}"}}"#)).unwrap();
    /// let new = desk.execute(None, &Command::from_json(r#"{"type": "create", "id": "INC-7", "kind": "incident"}"#)?, &at("2026-11-23T09:00:00Z"))?;
    /// let err = desk.execute(Some(&new.record), &Command::from_json(r#"{"type": "transition", "transition": "resolve"}"#)?,
    ///     &at("2026-11-23T09:05:00Z")).unwrap_err();
    /// assert_eq!(err.code(), "command_refused");
    /// assert_eq!(err.to_string(), "transition refused: resolve needs resolution_code; resolve needs resolution_notes");
    /// # Ok::<(), itsm_core::Error>(())
    /// ```
    pub fn execute(
        &self,
        record: Option<&Record>,
        command: &Command,
        context: &Context,
    ) -> Result<Outcome> {
        let (actor, now) = self.check_context(context)?;
        let kind = command.action.kind();
        let (before, changes) = match (record, &command.action) {
            (None, Action::Create { .. } | Action::Import { .. }) => {
                if let Some(expected) = command.expected_version.filter(|v| *v != 0) {
                    return Err(Error::VersionConflict {
                        expected,
                        actual: 0,
                    });
                }
                (None, self.create(&command.action, context)?)
            }
            (Some(_), Action::Create { .. } | Action::Import { .. }) => {
                return Err(Error::invalid_argument(
                    "record",
                    format!("{kind} makes a new record; give none"),
                ));
            }
            (None, _) => {
                return Err(Error::invalid_argument(
                    "record",
                    format!("{kind} needs the record it changes"),
                ));
            }
            (Some(record), action) => {
                if let Some(expected) = command.expected_version.filter(|v| *v != record.version) {
                    return Err(Error::VersionConflict {
                        expected,
                        actual: record.version,
                    });
                }
                let last = record
                    .history
                    .events()
                    .last()
                    .map_or(record.created_at(), |e| e.at());
                if now < last {
                    return Err(Error::invalid_argument(
                        "context.now",
                        format!(
                            "{} is before the record's last event at {}",
                            format_instant(now),
                            format_instant(last)
                        ),
                    ));
                }
                (Some(record), self.decide(record, action, context)?)
            }
        };
        let id = match (&command.action, before) {
            (Action::Create { id, .. } | Action::Import { id, .. }, _) => id.clone(),
            (_, Some(record)) => record.id.clone(),
            _ => unreachable_id(),
        };
        let version = before.map_or(0, |r| r.version);
        let mut events: Vec<RecordEvent> = changes
            .into_iter()
            .enumerate()
            .map(|(i, change)| {
                RecordEvent::new(&id, version + 1 + i as u64, now, &actor.id, change)
            })
            .collect();
        let first = match before {
            Some(record) => record.apply(&events),
            None => Record::replay(&events),
        }
        .map_err(|e| Error::invalid_argument("command", e.to_string()))?;
        let mut notifications = Vec::new();
        let derived = self.derived(before, &first, kind, &mut notifications);
        let next = if derived.is_empty() {
            first
        } else {
            let start = first.version;
            let more: Vec<RecordEvent> = derived
                .into_iter()
                .enumerate()
                .map(|(i, change)| {
                    RecordEvent::new(&id, start + 1 + i as u64, now, &actor.id, change)
                })
                .collect();
            let next = first
                .apply(&more)
                .map_err(|e| Error::invalid_argument("command", e.to_string()))?;
            events.extend(more);
            next
        };
        let mut followups = self.followups(before, &next);
        let types: Vec<&str> = events.iter().map(RecordEvent::kind).collect();
        let empty = Fields::new();
        let fired = self.document.automation.on_events(
            &subject(&next),
            before.map_or(&empty, |r| &r.fields),
            &types,
            now,
        );
        self.actions(&next, &fired, &mut followups, &mut notifications);
        let next_wakeup = self.wake(&next, Some(now), now)?.next_wakeup;
        Ok(Outcome {
            record: next,
            events,
            followups,
            notifications,
            next_wakeup,
        })
    }

    /// What time asks of `record` at `now`: the commands of the automation
    /// rules whose time trigger was met in `(since, now]` (every one met by
    /// `now` when `since` is none; pass the instant of the last wake), the SLA
    /// evaluation when the desk has policies, and the one instant to wake next.
    ///
    /// # Errors
    /// As [`PolicySet::evaluate`] for a `now` before the record's creation or
    /// outside the supported years.
    ///
    /// # Example
    /// ```
    /// use itsm_core::record::{Desk, Record};
    /// let desk = Desk::from_json(r#"{"automation": [{"id": "auto_close", "kinds": ["incident"],
    ///     "on": {"after_resolution": {"days": 7}}, "actions": [{"transition": "close"}]}]}"#)?;
    /// # let record = itsm_core::record::Record::replay(&[
    /// #   itsm_core::record::RecordEvent::from_json(r#"{"record": "INC-1", "version": 1, "at": "2026-11-02T09:00:00Z", "actor": "ann",
    /// #     "type": "imported", "kind": "incident", "workflow": "incident", "fields": {"state": "resolved"}, "category": "resolved"}"#)?])?;
    /// let now = itsm_core::parse_instant("now", "2026-11-09T09:00:00Z")?;
    /// let wakeup = desk.wake(&record, None, now)?;
    /// assert_eq!(wakeup.followups[0].command.to_json(), r#"{"transition":"close","type":"transition"}"#);
    /// # Ok::<(), itsm_core::Error>(())
    /// ```
    pub fn wake(
        &self,
        record: &Record,
        since: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Result<Wakeup> {
        let sla = match &self.document.sla {
            Some(policies) => Some(policies.evaluate_with(
                record.timeline(),
                now,
                EvaluateOptions {
                    explain: false,
                    strict: false,
                },
            )?),
            None => None,
        };
        let (fired, next) =
            self.document
                .automation
                .due(&subject(record), since, now, sla.as_ref());
        let (mut followups, mut notifications) = (Vec::new(), Vec::new());
        self.actions(record, &fired, &mut followups, &mut notifications);
        let sla_next = sla.as_ref().and_then(|e| e.next_wakeup);
        let next_wakeup = match (next, sla_next) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Ok(Wakeup {
            followups,
            notifications,
            sla,
            next_wakeup,
        })
    }

    /// [`Desk::execute`] on JSON texts, answering the outcome's canonical
    /// JSON text: what bindings and hosts that store JSON call.
    ///
    /// # Errors
    /// As [`Desk::execute`]; a bad record text is [`Error::InvalidInput`]
    /// naming its path, a bad command or context [`Error::InvalidArgument`]
    /// named `command.<path>` or `context.<path>`.
    ///
    /// # Example
    /// ```
    /// let desk = itsm_core::record::Desk::default();
    /// let out = desk.execute_json(None, r#"{"type": "create", "id": "T-1", "kind": "task"}"#,
    ///     r#"{"actor": {"id": "ann"}, "now": "2026-11-23T09:00:00Z"}"#)?;
    /// assert!(out.contains(r#""version":1"#));
    /// # Ok::<(), itsm_core::Error>(())
    /// ```
    pub fn execute_json(
        &self,
        record: Option<&str>,
        command: &str,
        context: &str,
    ) -> Result<String> {
        let record = record.map(Record::from_json).transpose()?;
        let command = Command::from_json(command)?;
        let context = Context::from_json(context)?;
        Ok(self.execute(record.as_ref(), &command, &context)?.to_json())
    }

    /// [`Desk::wake`] on a record's JSON text and RFC 3339 instants,
    /// answering the wakeup's canonical JSON text.
    ///
    /// # Errors
    /// As [`Desk::wake`]; a bad instant is [`Error::InvalidArgument`] naming
    /// `since` or `now`.
    pub fn wake_json(&self, record: &str, since: Option<&str>, now: &str) -> Result<String> {
        let record = Record::from_json(record)?;
        let since = since
            .map(|s| crate::time::parse_instant("since", s))
            .transpose()?;
        let now = crate::time::parse_instant("now", now)?;
        Ok(self.wake(&record, since, now)?.to_json())
    }

    fn check_context<'c>(&self, context: &'c Context) -> Result<(&'c Actor, DateTime<Utc>)> {
        let actor = context.actor.as_ref().ok_or_else(|| {
            Error::invalid_argument(
                "context.actor",
                "every event names its actor, and the context names none",
            )
        })?;
        let now = context.now.ok_or_else(|| {
            Error::invalid_argument(
                "context.now",
                "every event carries its instant, and the context gives no now",
            )
        })?;
        crate::time::to_millis(now)?;
        if !context.approvals.is_empty() || !context.children.is_empty() {
            let part = if context.approvals.is_empty() {
                "context.children"
            } else {
                "context.approvals"
            };
            return Err(Error::invalid_argument(
                part,
                "a record command judges the record's own; leave them out",
            ));
        }
        Ok((actor, now))
    }

    fn record_workflow(&self, record: &Record) -> Result<&Workflow> {
        self.workflow(&record.workflow).ok_or_else(|| {
            Error::invalid_argument(
                "record.workflow",
                format!("the desk has no workflow named {}", record.workflow),
            )
        })
    }

    /// The change that makes a record.
    fn create(&self, action: &Action, context: &Context) -> Result<Vec<Change>> {
        let (Action::Create {
            id,
            kind,
            workflow,
            fields,
            ..
        }
        | Action::Import {
            id,
            kind,
            workflow,
            fields,
        }) = action
        else {
            unreachable_id()
        };
        if id.trim().is_empty() {
            return Err(Error::invalid_argument("command.id", "is blank"));
        }
        let name = match workflow {
            Some(name) => name.as_str(),
            None => self.default_workflow(kind).ok_or_else(|| {
                Error::invalid_argument(
                    "command.kind",
                    format!("the desk knows no record kind {kind}"),
                )
            })?,
        };
        let flow = self.workflow(name).ok_or_else(|| {
            Error::invalid_argument(
                "command.workflow",
                format!("the desk has no workflow named {name}"),
            )
        })?;
        let mut fields = fields.clone();
        fields.retain(|_, v| !v.is_null());
        let mut reasons = Vec::new();
        let state = match action {
            Action::Create { links, .. } => {
                if fields.contains_key("state") {
                    reasons.push(refusal(
                        "state_field",
                        "command.fields.state",
                        Some("state"),
                        format!(
                            "a new record starts in {}; create it without a state",
                            flow.document().initial
                        ),
                    ));
                }
                for (i, link) in links.iter().enumerate() {
                    if &link.target == id {
                        reasons.push(refusal(
                            "link_to_itself",
                            &format!("command.links[{i}]"),
                            None,
                            format!("{id} cannot link to itself"),
                        ));
                    } else if !link.kind.allowed_from(kind) {
                        reasons.push(refusal(
                            "link_not_allowed",
                            &format!("command.links[{i}].kind"),
                            None,
                            format!(
                                "a record of kind {kind} holds no {} link",
                                link_kind_name(link.kind)
                            ),
                        ));
                    }
                }
                flow.document().initial.clone()
            }
            _ => match fields.get("state").and_then(Value::as_str) {
                Some(state) if flow.category(state).is_some() => state.to_owned(),
                Some(state) => {
                    return refused_with(
                        "import",
                        vec![refusal(
                            "unknown_state",
                            "command.fields.state",
                            Some("state"),
                            format!("{name} has no state {state}"),
                        )],
                    );
                }
                None => {
                    return Err(Error::invalid_argument(
                        "command.fields.state",
                        "an import gives the record's state",
                    ));
                }
            },
        };
        reasons.extend(value_reasons(flow, &fields, "command.fields"));
        if !reasons.is_empty() {
            return refused_with(action.kind(), reasons);
        }
        fields.insert("state".into(), Value::String(state.clone()));
        let category = flow.category(&state).unwrap_or(Category::New);
        let _ = context;
        let mut changes = vec![match action {
            Action::Create { .. } => Change::Created {
                kind: kind.clone(),
                workflow: name.to_owned(),
                fields,
                category,
            },
            _ => Change::Imported {
                kind: kind.clone(),
                workflow: name.to_owned(),
                fields,
                category,
            },
        }];
        if let Action::Create { links, .. } = action {
            changes.extend(
                links
                    .iter()
                    .map(|link| Change::Linked { link: link.clone() }),
            );
        }
        Ok(changes)
    }

    /// The changes a command makes to an existing record, or every reason not.
    fn decide(&self, record: &Record, action: &Action, context: &Context) -> Result<Vec<Change>> {
        let flow = self.record_workflow(record)?;
        let kind = action.kind();
        let actor = context.actor.as_ref().map_or("", |a| a.id.as_str());
        let closed = flow
            .category(record.state())
            .unwrap_or(record.category)
            .is_terminal();
        let open_to_closed = matches!(
            action,
            Action::Link { .. }
                | Action::Unlink { .. }
                | Action::UpdateChild { .. }
                | Action::RemoveChild { .. }
                | Action::Reopen { .. }
        );
        if closed && !open_to_closed {
            return refused_with(
                kind,
                vec![refusal(
                    "record_closed",
                    "record.state",
                    Some("state"),
                    format!("{} is {}: it takes no {kind}", record.id, record.state()),
                )],
            );
        }
        let refuse = |code, path: &str, message: String| {
            refused_with(kind, vec![refusal(code, path, None, message)])
        };
        match action {
            Action::Create { .. } | Action::Import { .. } => unreachable_id(),
            Action::Transition { transition, set } => {
                let reopen = self.reopen_check(flow, record, transition, None, context);
                self.moved(flow, record, transition, set, context, reopen, None)
                    .map(|c| vec![c])
            }
            Action::Reopen { reason } => {
                let reopens = flow
                    .document()
                    .transitions
                    .iter()
                    .any(|t| t.name == "reopen");
                if !reopens || record.category != Category::Resolved && closed {
                    let instead = self.follow_up(flow, record);
                    return Err(Error::CommandRefused {
                        command: kind.into(),
                        reasons: vec![refusal(
                            "not_reopenable",
                            "record.state",
                            Some("state"),
                            format!(
                                "{} is {} and cannot reopen; create a new record that follows it",
                                record.id,
                                record.state()
                            ),
                        )],
                        instead: Some(instead.to_value()),
                    });
                }
                let reopen = self.reopen_check(flow, record, "reopen", reason.clone(), context);
                self.moved(
                    flow,
                    record,
                    "reopen",
                    &Fields::new(),
                    context,
                    reopen,
                    reason.clone(),
                )
                .map(|c| vec![c])
            }
            Action::Assign {
                assignment_group,
                assigned_to,
            } => {
                let mut set = Fields::new();
                if let Some(group) = assignment_group {
                    set.insert("assignment_group".into(), group.as_str().into());
                }
                if let Some(person) = assigned_to {
                    set.insert("assigned_to".into(), person.as_str().into());
                }
                if set.is_empty() {
                    return Err(Error::invalid_argument(
                        "command",
                        "assign names an assignment_group, an assigned_to or both",
                    ));
                }
                let has_assign = flow
                    .document()
                    .transitions
                    .iter()
                    .any(|t| t.name == "assign");
                if has_assign {
                    let mut merged = record.fields.clone();
                    merged.extend(set.clone());
                    let verdict =
                        flow.validate(&merged, "assign", &self.guard_context(record, context))?;
                    if verdict.allowed {
                        return self
                            .moved(flow, record, "assign", &set, context, Ok(false), None)
                            .map(|c| vec![c]);
                    }
                    if !verdict.reasons.iter().all(|r| r.code == "not_from_state") {
                        return refused_with(kind, verdict.reasons);
                    }
                }
                let set = changed(&record.fields, &set);
                if set.is_empty() {
                    return refuse(
                        "nothing_to_change",
                        "command",
                        format!("{} is already assigned so: nothing changes", record.id),
                    );
                }
                Ok(vec![Change::Assigned { set }])
            }
            Action::SetFields { set } => {
                if set.is_empty() {
                    return Err(Error::invalid_argument("command.set", "names no field"));
                }
                let mut reasons = Vec::new();
                if set.contains_key("state") {
                    reasons.push(refusal(
                        "state_field",
                        "command.set.state",
                        Some("state"),
                        "the state moves only by a transition".into(),
                    ));
                }
                reasons.extend(value_reasons(flow, set, "command.set"));
                if !reasons.is_empty() {
                    return refused_with(kind, reasons);
                }
                let set = changed(&record.fields, set);
                if set.is_empty() {
                    return refuse(
                        "nothing_to_change",
                        "command.set",
                        "every field already holds that value".into(),
                    );
                }
                Ok(vec![Change::FieldsSet { set }])
            }
            Action::Comment { text, internal } => {
                if text.trim().is_empty() {
                    return Err(Error::invalid_argument("command.text", "is blank"));
                }
                Ok(vec![Change::Commented {
                    text: text.clone(),
                    internal: *internal,
                }])
            }
            Action::RequestApproval {
                steps,
                on_approved,
                on_rejected,
            } => {
                if record.pending_approval().is_some() {
                    return refuse(
                        "approval_in_progress",
                        "command",
                        format!("{} already awaits approval", record.id),
                    );
                }
                for (name, transition) in
                    [("on_approved", on_approved), ("on_rejected", on_rejected)]
                {
                    if let Some(t) = transition {
                        let known = flow.document().transitions.iter().any(|d| &d.name == t)
                            || flow.category(t).is_some();
                        if !known {
                            return Err(Error::invalid_argument(
                                format!("command.{name}"),
                                format!("{} has no transition or state {t}", record.workflow),
                            ));
                        }
                    }
                }
                let mut reasons = Vec::new();
                for (i, step) in steps.iter().enumerate() {
                    let path = format!("command.steps[{i}]");
                    if step.approvers.is_empty() {
                        return Err(Error::invalid_argument(
                            format!("{path}.approvers"),
                            "names no approver",
                        ));
                    }
                    match (step.mode, step.threshold_percent) {
                        (Mode::Quorum, None) => {
                            return Err(Error::invalid_argument(
                                format!("{path}.threshold_percent"),
                                "a quorum needs its threshold",
                            ));
                        }
                        (Mode::Quorum, Some(t)) if t > 100 => {
                            return Err(Error::invalid_argument(
                                format!("{path}.threshold_percent"),
                                "is a percentage, 0 to 100",
                            ));
                        }
                        (Mode::Any | Mode::All, Some(_)) => {
                            return Err(Error::invalid_argument(
                                format!("{path}.threshold_percent"),
                                "only a quorum has a threshold",
                            ));
                        }
                        _ => {}
                    }
                    for (j, approver) in step.approvers.iter().enumerate() {
                        if step.approvers[..j].contains(approver) {
                            return Err(Error::invalid_argument(
                                format!("{path}.approvers[{j}]"),
                                format!("{approver} is named twice"),
                            ));
                        }
                        if let Some(field) = self.excluded(record, approver) {
                            reasons.push(refusal("self_approval", &format!("{path}.approvers[{j}]"), Some(field),
                                format!("{approver} is the record's {field}: their approval never counts")));
                        }
                    }
                }
                if !reasons.is_empty() {
                    return refused_with(kind, reasons);
                }
                Ok(vec![Change::ApprovalRequested {
                    steps: steps.clone(),
                    on_approved: on_approved.clone(),
                    on_rejected: on_rejected.clone(),
                }])
            }
            Action::Approve { comment } | Action::Reject { comment } => {
                let (step, approver) = self.approver_slot(record, actor, kind)?;
                let answer = if matches!(action, Action::Approve { .. }) {
                    Answer::Approved
                } else {
                    Answer::Rejected
                };
                Ok(vec![Change::ApprovalAnswered {
                    step,
                    approver,
                    answer,
                    comment: comment.clone(),
                }])
            }
            Action::DelegateApproval { to } => {
                let (step, from) = self.approver_slot(record, actor, kind)?;
                if let Some(field) = self.excluded(record, to) {
                    return refused_with(
                        kind,
                        vec![refusal(
                            "self_approval",
                            "command.to",
                            Some(field),
                            format!("{to} is the record's {field}: their approval never counts"),
                        )],
                    );
                }
                let round = record
                    .pending_approval()
                    .expect("a slot lies in a pending round");
                if round.steps[step]
                    .approvers
                    .iter()
                    .any(|a| &a.approver == to)
                {
                    return refuse(
                        "already_an_approver",
                        "command.to",
                        format!("{to} is already an approver of this step"),
                    );
                }
                Ok(vec![Change::ApprovalDelegated {
                    step,
                    from,
                    to: to.clone(),
                }])
            }
            Action::Link {
                kind: link_kind,
                target,
            } => {
                let link = Link {
                    kind: *link_kind,
                    target: target.clone(),
                };
                if target == &record.id {
                    return refuse(
                        "link_to_itself",
                        "command.target",
                        format!("{} cannot link to itself", record.id),
                    );
                }
                if !link_kind.allowed_from(&record.kind) {
                    return refuse(
                        "link_not_allowed",
                        "command.kind",
                        format!(
                            "a record of kind {} holds no {} link",
                            record.kind,
                            link_kind_name(*link_kind)
                        ),
                    );
                }
                if record.links.contains(&link) {
                    return refuse(
                        "link_exists",
                        "command",
                        format!("{} already has that link to {target}", record.id),
                    );
                }
                if *link_kind == LinkKind::Parent
                    && record.links.iter().any(|l| l.kind == LinkKind::Parent)
                {
                    return refuse(
                        "second_parent",
                        "command.kind",
                        format!("{} already has a parent", record.id),
                    );
                }
                Ok(vec![Change::Linked { link }])
            }
            Action::Unlink {
                kind: link_kind,
                target,
            } => {
                let link = Link {
                    kind: *link_kind,
                    target: target.clone(),
                };
                if !record.links.contains(&link) {
                    return refuse(
                        "link_unknown",
                        "command",
                        format!(
                            "{} has no {} link to {target}",
                            record.id,
                            link_kind_name(*link_kind)
                        ),
                    );
                }
                Ok(vec![Change::Unlinked { link }])
            }
            Action::AddChild { id, state } => {
                if id == &record.id {
                    return refuse(
                        "link_to_itself",
                        "command.id",
                        format!("{} cannot be its own child", record.id),
                    );
                }
                if record.children.iter().any(|c| &c.id == id) {
                    return refuse(
                        "child_exists",
                        "command.id",
                        format!("{id} is already a child of {}", record.id),
                    );
                }
                Ok(vec![Change::ChildAdded {
                    child: Child {
                        id: id.clone(),
                        state: state.clone(),
                    },
                }])
            }
            Action::UpdateChild { id, state } => match record.children.iter().find(|c| &c.id == id)
            {
                None => refuse(
                    "child_unknown",
                    "command.id",
                    format!("{id} is no child of {}", record.id),
                ),
                Some(c) if &c.state == state => refuse(
                    "nothing_to_change",
                    "command.state",
                    format!("{id} is already {state}"),
                ),
                Some(_) => Ok(vec![Change::ChildUpdated {
                    child: Child {
                        id: id.clone(),
                        state: state.clone(),
                    },
                }]),
            },
            Action::RemoveChild { id } => {
                if !record.children.iter().any(|c| &c.id == id) {
                    return refuse(
                        "child_unknown",
                        "command.id",
                        format!("{id} is no child of {}", record.id),
                    );
                }
                Ok(vec![Change::ChildRemoved { id: id.clone() }])
            }
            Action::RecordKnownError {
                symptom,
                root_cause,
                workaround,
            } => {
                if record.kind != "problem" {
                    return refuse(
                        "not_a_problem",
                        "command",
                        format!(
                            "{} is a {}; known errors belong to problems",
                            record.id, record.kind
                        ),
                    );
                }
                let mut set = Fields::new();
                for (field, text) in [
                    ("symptom", symptom),
                    ("root_cause", root_cause),
                    ("workaround", workaround),
                ] {
                    if text.trim().is_empty() {
                        return Err(Error::invalid_argument(
                            format!("command.{field}"),
                            "is blank",
                        ));
                    }
                    set.insert(field.into(), text.as_str().into());
                }
                set.insert("known_error".into(), true.into());
                let set = changed(&record.fields, &set);
                if set.is_empty() {
                    return refuse(
                        "nothing_to_change",
                        "command",
                        "the known error is already recorded so".into(),
                    );
                }
                Ok(vec![Change::KnownErrorRecorded { set }])
            }
        }
    }

    /// The move by `request` with `set`, or every reason against it; a move
    /// out of resolution back to work is a reopen (refused by `reopen` when
    /// the window has passed).
    #[allow(clippy::too_many_arguments)]
    fn moved(
        &self,
        flow: &Workflow,
        record: &Record,
        request: &str,
        set: &Fields,
        context: &Context,
        reopen: Result<bool>,
        reason: Option<String>,
    ) -> Result<Change> {
        let kind = if request == "reopen" && reason.is_some() {
            "reopen"
        } else {
            "transition"
        };
        if set.contains_key("state") {
            return refused_with(
                kind,
                vec![refusal(
                    "state_field",
                    "command.set.state",
                    Some("state"),
                    "the state moves by the transition; leave it out of set".into(),
                )],
            );
        }
        let value_refusals = value_reasons(flow, set, "command.set");
        if !value_refusals.is_empty() {
            return refused_with(kind, value_refusals);
        }
        let mut merged = record.fields.clone();
        for (field, value) in set {
            merged.insert(field.clone(), value.clone());
        }
        let verdict = flow.validate(&merged, request, &self.guard_context(record, context))?;
        if !verdict.allowed {
            return refused_with(kind, verdict.reasons);
        }
        let reopens = reopen?;
        let (transition, to) = (
            verdict.transition.unwrap_or_default(),
            verdict.to.unwrap_or_default(),
        );
        let category = flow.category(&to).unwrap_or(Category::Active);
        let mut all = set.clone();
        all.extend(verdict.sets);
        let set = changed(&record.fields, &all);
        let from = record.state().to_owned();
        Ok(if reopens {
            Change::Reopened {
                transition,
                from,
                to,
                category,
                set,
                reason,
            }
        } else {
            Change::Transitioned {
                transition,
                from,
                to,
                category,
                set,
            }
        })
    }

    /// Whether a move by `request` reopens the record, or the refusal when
    /// the reopen window has passed.
    fn reopen_check(
        &self,
        flow: &Workflow,
        record: &Record,
        request: &str,
        _reason: Option<String>,
        context: &Context,
    ) -> Result<bool> {
        let was = flow.category(record.state()).unwrap_or(record.category);
        if !matches!(
            was,
            Category::Resolved | Category::Closed | Category::Cancelled
        ) {
            return Ok(false);
        }
        let target = flow
            .document()
            .transitions
            .iter()
            .find(|t| t.name == request)
            .map(|t| t.to.as_str())
            .or_else(|| flow.category(request).map(|_| request));
        let goes_back = target
            .and_then(|t| flow.category(t))
            .is_some_and(|c| matches!(c, Category::New | Category::Active | Category::Pending));
        if !goes_back {
            return Ok(false);
        }
        if let (Some(days), Some(resolved), Some(now)) = (
            self.document.reopen_window_days,
            record.resolved_at,
            context.now,
        ) {
            let until = resolved + TimeDelta::days(days.into());
            if now > until {
                return Err(Error::CommandRefused {
                    command: if request == "reopen" {
                        "reopen".into()
                    } else {
                        "transition".into()
                    },
                    reasons: vec![refusal(
                        "reopen_window_passed",
                        "record.resolved_at",
                        None,
                        format!(
                            "{} was resolved at {}; it could reopen until {}; create a new record that follows it",
                            record.id,
                            format_instant(resolved),
                            format_instant(until)
                        ),
                    )],
                    instead: Some(self.follow_up(flow, record).to_value()),
                });
            }
        }
        Ok(true)
    }

    /// The command that makes a new record following `record`, which may no
    /// longer reopen: its fields but its state and what its workflow's
    /// transitions require or set (resolution, hold, cancel details, assignment).
    fn follow_up(&self, flow: &Workflow, record: &Record) -> Command {
        let lifecycle: Vec<&str> = flow
            .document()
            .transitions
            .iter()
            .flat_map(|t| {
                t.requires
                    .iter()
                    .map(String::as_str)
                    .chain(t.sets.keys().map(String::as_str))
            })
            .collect();
        let fields: Fields = record
            .fields
            .iter()
            .filter(|(k, _)| k.as_str() != "state" && !lifecycle.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Command::new(Action::Create {
            id: format!("{}-follow-up", record.id),
            kind: record.kind.clone(),
            workflow: Some(record.workflow.clone()),
            fields,
            links: vec![Link {
                kind: LinkKind::Follows,
                target: record.id.clone(),
            }],
        })
    }

    /// The acting approver's pending slot in the open step, or why not.
    fn approver_slot(&self, record: &Record, actor: &str, kind: &str) -> Result<(usize, String)> {
        let refuse = |code, path: &str, message: String| {
            refused_with(kind, vec![refusal(code, path, None, message)])
        };
        let Some(round) = record.pending_approval() else {
            return refuse(
                "no_approval_pending",
                "command",
                format!("{} awaits no approval", record.id),
            );
        };
        if round.suspended {
            return refuse(
                "approvals_suspended",
                "command",
                format!("{} is on hold: its approvals are suspended", record.id),
            );
        }
        if let Some(field) = self.excluded(record, actor) {
            return refused_with(
                kind,
                vec![refusal(
                    "self_approval",
                    "context.actor",
                    Some(field),
                    format!("{actor} is the record's {field}: their approval never counts"),
                )],
            );
        }
        let step = round.open_step().expect("a pending round has an open step");
        match round.steps[step]
            .approvers
            .iter()
            .find(|a| a.approver == actor)
        {
            None => refuse(
                "not_an_approver",
                "context.actor",
                format!("{actor} is no approver of step {step}"),
            ),
            Some(a) if a.answer != Answer::Pending => refuse(
                "already_answered",
                "context.actor",
                format!("{actor} has already answered"),
            ),
            Some(_) => Ok((step, actor.to_owned())),
        }
    }

    /// The field naming `actor` among those whose approval never counts.
    fn excluded<'d>(&'d self, record: &Record, actor: &str) -> Option<&'d str> {
        self.document
            .not_approved_by
            .iter()
            .find(|f| record.fields.get(f.as_str()).and_then(Value::as_str) == Some(actor))
            .map(String::as_str)
    }

    /// The context workflow guards judge in: the host's actor, `now` and
    /// predicates, with the record's current approvals and children.
    fn guard_context(&self, record: &Record, context: &Context) -> Context {
        Context {
            actor: context.actor.clone(),
            now: context.now,
            approvals: record
                .approvals
                .last()
                .map(|r| r.for_guards().collect())
                .unwrap_or_default(),
            children: record.children.clone(),
            predicates: context.predicates.clone(),
        }
    }

    /// The changes a command's changes call for: the priority from the
    /// matrix, approvals suspended or reinstated by `on_hold`, a major
    /// incident flagged.
    fn derived(
        &self,
        before: Option<&Record>,
        after: &Record,
        kind: &str,
        notifications: &mut Vec<Notification>,
    ) -> Vec<Change> {
        let mut out = Vec::new();
        let empty = Fields::new();
        let before_fields = before.map_or(&empty, |r| &r.fields);
        if let Some(matrix) = &self.document.priority {
            let (impact, urgency) = (after.fields.get("impact"), after.fields.get("urgency"));
            let moved =
                impact != before_fields.get("impact") || urgency != before_fields.get("urgency");
            if let (true, Some(Value::String(impact)), Some(Value::String(urgency))) =
                (moved, impact, urgency)
            {
                if let Ok(answer) = matrix.priority(impact, urgency, &after.fields) {
                    let priority = Value::String(answer.priority);
                    if after.fields.get("priority") != Some(&priority) {
                        out.push(Change::FieldsSet {
                            set: [("priority".to_string(), priority)].into(),
                        });
                    }
                }
            }
        }
        let on_hold = |fields: &Fields| fields.get("on_hold") == Some(&Value::Bool(true));
        if let Some(round) = after.pending_approval() {
            let (was, is) = (on_hold(before_fields), on_hold(&after.fields));
            if is && !was && !round.suspended {
                out.push(Change::ApprovalsSuspended {});
            } else if was && !is && round.suspended {
                out.push(Change::ApprovalsReinstated {});
            }
        }
        if after.kind == "incident" && after.major_incident.is_none() {
            let situation = Situation::Fields {
                before: before_fields,
                after: &after.fields,
                event: kind,
            };
            if let Some(rule) = self
                .document
                .major_incident
                .iter()
                .find(|r| r.when.holds(&situation))
            {
                notifications.push(Notification {
                    record: after.id.clone(),
                    to: rule.notify.clone(),
                    message: format!("{} is a major incident ({})", after.id, rule.name),
                    because: format!("major_incident:{}", rule.name),
                });
                out.push(Change::MajorIncidentFlagged {
                    rule: rule.name.clone(),
                    notify: rule.notify.clone(),
                });
            }
        }
        out
    }

    /// The commands other records (or this one) should be given next.
    fn followups(&self, before: Option<&Record>, after: &Record) -> Vec<Followup> {
        let mut out = Vec::new();
        let parent_of = |record: &Record| {
            record
                .links
                .iter()
                .find(|l| l.kind == LinkKind::Parent)
                .map(|l| l.target.clone())
        };
        let (was, is) = (before.and_then(parent_of), parent_of(after));
        if was != is {
            if let Some(old) = was.clone() {
                out.push(Followup {
                    record: old,
                    command: Command::new(Action::RemoveChild {
                        id: after.id.clone(),
                    }),
                    because: "parent".into(),
                });
            }
            if let Some(new) = is.clone() {
                out.push(Followup {
                    record: new,
                    command: Command::new(Action::AddChild {
                        id: after.id.clone(),
                        state: after.state().to_owned(),
                    }),
                    because: "parent".into(),
                });
            }
        }
        let Some(before) = before else {
            return out;
        };
        if let (Some(was), Some(now)) = (before.pending_approval(), after.approvals.last()) {
            let transition = match now.outcome {
                RoundOutcome::Approved => {
                    was.on_approved.as_ref().map(|t| (t, "approval:approved"))
                }
                RoundOutcome::Rejected => {
                    was.on_rejected.as_ref().map(|t| (t, "approval:rejected"))
                }
                RoundOutcome::Pending => None,
            };
            if let Some((t, because)) = transition {
                out.push(Followup {
                    record: after.id.clone(),
                    command: Command::new(Action::Transition {
                        transition: t.clone(),
                        set: Fields::new(),
                    }),
                    because: because.into(),
                });
            }
        }
        if before.state() != after.state() && was == is {
            if let Some(parent) = is {
                out.push(Followup {
                    record: parent,
                    command: Command::new(Action::UpdateChild {
                        id: after.id.clone(),
                        state: after.state().to_owned(),
                    }),
                    because: "parent".into(),
                });
            }
        }
        if before.category != Category::Resolved && after.category == Category::Resolved {
            let flow = self.workflow(&after.workflow);
            for cascade in &self.document.cascades {
                let targets: Vec<&str> = match cascade.on {
                    CascadeOn::ParentResolved => after
                        .children
                        .iter()
                        .filter(|c| {
                            !flow.and_then(|f| f.category(&c.state)).is_some_and(|cat| {
                                matches!(
                                    cat,
                                    Category::Resolved | Category::Closed | Category::Cancelled
                                )
                            })
                        })
                        .map(|c| c.id.as_str())
                        .collect(),
                    CascadeOn::ProblemResolved if after.kind == "problem" => after
                        .links
                        .iter()
                        .filter(|l| l.kind == LinkKind::Incident)
                        .map(|l| l.target.as_str())
                        .collect(),
                    CascadeOn::ProblemResolved => Vec::new(),
                };
                let mut set = cascade.set.clone();
                for field in &cascade.copy {
                    if let Some(value) = after.fields.get(field) {
                        set.insert(field.clone(), value.clone());
                    }
                }
                let because = match cascade.on {
                    CascadeOn::ParentResolved => "cascade:parent_resolved",
                    CascadeOn::ProblemResolved => "cascade:problem_resolved",
                };
                out.extend(targets.into_iter().map(|target| Followup {
                    record: target.to_owned(),
                    command: Command::new(Action::Transition {
                        transition: cascade.to.clone(),
                        set: set.clone(),
                    }),
                    because: because.into(),
                }));
            }
        }
        out
    }

    /// Fired rules' actions as commands for the record and notifications.
    fn actions(
        &self,
        record: &Record,
        fired: &[Fired<'_>],
        followups: &mut Vec<Followup>,
        notifications: &mut Vec<Notification>,
    ) {
        for f in fired {
            let because = format!("automation:{}", f.rule.id);
            for action in &f.rule.actions {
                let command = match action {
                    automation::Action::Assign {
                        assignment_group,
                        assigned_to,
                    } => Action::Assign {
                        assignment_group: Some(assignment_group.clone()),
                        assigned_to: assigned_to.clone(),
                    },
                    automation::Action::SetPriority(priority) => Action::SetFields {
                        set: [("priority".to_string(), Value::String(priority.clone()))].into(),
                    },
                    automation::Action::Set(fields) => Action::SetFields {
                        set: fields.clone(),
                    },
                    automation::Action::Transition(t) => Action::Transition {
                        transition: t.clone(),
                        set: Fields::new(),
                    },
                    automation::Action::AddNote(text) => Action::Comment {
                        text: text.clone(),
                        internal: true,
                    },
                    automation::Action::Notify { to, message } => {
                        notifications.push(Notification {
                            record: record.id.clone(),
                            to: to.clone(),
                            message: message.clone(),
                            because: because.clone(),
                        });
                        continue;
                    }
                };
                followups.push(Followup {
                    record: record.id.clone(),
                    command: Command::new(command),
                    because: because.clone(),
                });
            }
        }
    }
}

fn subject(record: &Record) -> Subject<'_> {
    Subject {
        kind: &record.kind,
        fields: &record.fields,
        state_since: record.state_since,
        resolved_at: if record.category == Category::Resolved {
            record.resolved_at
        } else {
            None
        },
    }
}

/// The fields of `set` that change `fields`.
fn changed(fields: &Fields, set: &Fields) -> Fields {
    set.iter()
        .filter(|(k, v)| match fields.get(*k) {
            Some(old) => old != *v,
            None => !v.is_null(),
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A refusal for every value of `set` outside its field's declared values.
fn value_reasons(flow: &Workflow, set: &Fields, prefix: &str) -> Vec<Reason> {
    let mut out = Vec::new();
    for (field, value) in set.iter().filter(|(_, v)| is_set(v)) {
        let declared = flow.document().fields.iter().find(|f| &f.id == field);
        if let Some(values) = declared.and_then(|f| f.values.as_ref()) {
            if !values.contains(value) {
                let shown: Vec<String> = values
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect();
                let value = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                out.push(refusal(
                    "field_value_unknown",
                    &format!("{prefix}.{field}"),
                    Some(field),
                    format!("{field} {value} is not one of {}", shown.join(", ")),
                ));
            }
        }
    }
    out
}

fn refusal(code: &'static str, path: &str, field: Option<&str>, message: String) -> Reason {
    Reason {
        transition: None,
        code,
        path: path.to_owned(),
        field: field.map(str::to_owned),
        message,
    }
}

fn refused_with<T>(command: &str, reasons: Vec<Reason>) -> Result<T> {
    Err(Error::CommandRefused {
        command: command.to_owned(),
        reasons,
        instead: None,
    })
}

fn link_kind_name(kind: LinkKind) -> String {
    document::to_value(&kind)
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

fn unreachable_id() -> ! {
    unreachable!("create and import carry their id; other commands have a record")
}

impl Outcome {
    /// The outcome as JSON data.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The canonical JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

impl Wakeup {
    /// The wakeup as JSON data.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The canonical JSON text.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}
