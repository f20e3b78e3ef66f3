//! The desk: the configuration records are judged by (workflows by kind, who
//! may not approve, the reopen window, major-incident triggers, cascades,
//! automation, SLA policies, the priority matrix) and the one place commands
//! are decided. A command against a record gives events, the next record,
//! the commands the host should give other records (or this one) next, whom to
//! tell, and when to wake.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::Record;
use super::command::{Action, Command};
use super::event::{Change, RecordEvent};
use crate::automation::{self, RuleSet};
use crate::document::{self, Kind};
use crate::error::{Error, Result};
use crate::priority::PriorityMatrix;
use crate::rules::{Actor, Condition, Context};
use crate::sla::{EvaluateOptions, Evaluation, PolicySet};
use crate::time::format_instant;
use crate::timeline::Fields;
use crate::workflow::{Workflow, WorkflowDocument};

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
    pub(super) document: DeskDocument,
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
        let (before, id, changes) = match (record, &command.action) {
            (None, Action::Create { id, .. } | Action::Import { id, .. }) => {
                if let Some(expected) = command.expected_version.filter(|v| *v != 0) {
                    return Err(Error::VersionConflict {
                        expected,
                        actual: 0,
                    });
                }
                (None, id.clone(), self.create(&command.action, context)?)
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
                (
                    Some(record),
                    record.id.clone(),
                    self.decide(record, action, context)?,
                )
            }
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
        let derived = self.derived(before, &first, kind, &mut notifications)?;
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
        // A rule's own command fires no event rule: rules cannot set each
        // other off without end.
        let types: Vec<&str> = match command.rule {
            Some(_) => Vec::new(),
            None => events.iter().map(RecordEvent::kind).collect(),
        };
        let empty = Fields::new();
        let fired = self.document.automation.on_events(
            &next.subject(),
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
    /// assert_eq!(wakeup.followups[0].command.to_json(), r#"{"rule":"auto_close","transition":"close","type":"transition"}"#);
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
                .due(&record.subject(), since, now, sla.as_ref());
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
