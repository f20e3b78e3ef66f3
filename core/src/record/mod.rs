//! Records: incidents, problems, service requests, changes and tasks as
//! versioned aggregates. A command, judged by a [`Desk`] against the record's
//! workflow and the context, yields events; applying events yields the next
//! record; a record is the fold of its events, so replaying them gives it back
//! exactly. Each record carries its history as a [`Timeline`], which the SLA
//! engine evaluates as it is.
//!
//! This module owns the record and event documents, the fold, the commands
//! and the desk's rules (approvals, links, reopen, major incidents, cascades);
//! it asks workflows whether a move is allowed and automation which rules
//! fire, and never stores anything.

mod approval;
mod command;
mod consequences;
mod decide;
mod desk;
mod event;

pub use approval::{Answer, Approver, Mode, Outcome as ApprovalOutcome, Round, Step, StepRequest};
pub use command::{Action, Command};
pub use desk::{
    Cascade, CascadeOn, Desk, DeskDocument, Followup, MajorIncidentRule, Notification, Outcome,
    Wakeup,
};
pub use event::{Change, RecordEvent};

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::document::{self, Kind};
use crate::error::{Error, Result};
use crate::rules::{Child, is_set};
use crate::time::format_instant;
use crate::timeline::{Event, Fields, Timeline};
use crate::workflow::Category;

/// The version of the record and event documents this library writes; it
/// reads every version up to it.
pub const SCHEMA_VERSION: u32 = 1;

pub(crate) fn schema_version<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<u32, D::Error> {
    let version = u32::deserialize(d)?;
    match version {
        1..=SCHEMA_VERSION => Ok(version),
        0 => Err(serde::de::Error::custom("schema versions start at 1")),
        _ => Err(serde::de::Error::custom(format!(
            "version {version} is newer than this library reads ({SCHEMA_VERSION}); upgrade the library"
        ))),
    }
}

/// What a link says of its target.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LinkKind {
    /// The target is this record's parent (a child incident's major incident,
    /// a task's change or request); a record has one at most.
    Parent,
    /// The target is the problem behind this incident or change.
    Problem,
    /// The target is an incident this problem or change concerns.
    Incident,
    /// The target is a change that fixes this incident or problem.
    Change,
    /// The target is a change that caused this incident or problem.
    CausedBy,
    /// This record repeats the target.
    DuplicateOf,
    /// This record follows the target, which was closed and could not reopen.
    Follows,
    /// Related, no more said.
    Related,
}

impl LinkKind {
    /// The record kinds that may hold a link of this kind.
    fn allowed_from(self, kind: &str) -> bool {
        match self {
            LinkKind::Problem => matches!(kind, "incident" | "change"),
            LinkKind::Incident => matches!(kind, "problem" | "change"),
            LinkKind::Change | LinkKind::CausedBy => matches!(kind, "incident" | "problem"),
            LinkKind::Parent | LinkKind::DuplicateOf | LinkKind::Follows | LinkKind::Related => {
                true
            }
        }
    }
}

/// A link from a record to another, by the other's id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// What the target is to this record.
    pub kind: LinkKind,
    /// The target's id.
    pub target: String,
}

/// A comment or work note on a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Comment {
    /// When.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub at: DateTime<Utc>,
    /// By whom.
    pub by: String,
    /// The text.
    pub text: String,
    /// A work note the requester does not see.
    pub internal: bool,
}

/// How often and when a record was reopened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Reopened {
    /// How many times.
    pub count: u32,
    /// The last time.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub last_at: DateTime<Utc>,
    /// By whom, the last time.
    pub last_by: String,
}

/// A record's flag as a major incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MajorIncident {
    /// The trigger rule that matched.
    pub rule: String,
    /// When.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub at: DateTime<Utc>,
    /// Whom the rule said to tell.
    pub notify: Vec<String>,
}

/// A record: an incident, problem, service request, change or task, as the
/// fold of its events. Its JSON document is what hosts store beside the
/// events; reading it checks that its fields are the fold of its history.
///
/// # Example
/// ```
/// use itsm_core::record::{Desk, Record};
/// use itsm_core::rules::Context;
/// let desk = Desk::default();
/// let context = Context::from_json(r#"{"actor": {"id": "ann", "roles": ["agent"]}, "now": "2026-11-23T09:00:00Z"}"#)?;
/// let created = desk.execute(None, &serde_json::from_str(
///     r#"{"type": "create", "id": "INC-1", "kind": "incident", "fields": {"caller": "bob", "priority": "P3"}}"#).unwrap(), &context)?;
/// let record = created.record;
/// assert_eq!((record.state(), record.version()), ("new", 1));
/// // The record is the fold of its events.
/// assert_eq!(Record::replay(&created.events)?, record);
/// assert_eq!(Record::from_json(&record.to_json())?, record);
/// # Ok::<(), itsm_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
#[schemars(rename = "RecordDocument")]
pub struct Record {
    /// The version of this document's shape.
    #[serde(default = "first_schema", deserialize_with = "schema_version")]
    schema_version: u32,
    /// The record's id.
    id: String,
    /// `incident`, `problem`, `service_request`, `change` or `task`.
    kind: String,
    /// The workflow that judges it.
    workflow: String,
    /// The number of events applied: each event makes the next version.
    version: u64,
    /// Its fields now, `state` among them.
    #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
    #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
    fields: Fields,
    /// The category of its state.
    category: Category,
    /// When it entered its state.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    state_since: DateTime<Utc>,
    /// Who created (or imported) it.
    created_by: String,
    /// When it was last resolved, while it is resolved or closed.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    resolved_at: Option<DateTime<Utc>>,
    /// When it was closed or cancelled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    closed_at: Option<DateTime<Utc>>,
    /// How often it reopened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reopened: Option<Reopened>,
    /// How often its assignment group changed from one group to another.
    #[serde(default, skip_serializing_if = "is_zero")]
    reassignments: u32,
    /// Every round of approvals, the current one last.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    approvals: Vec<Round>,
    /// Its links, in the order they were made.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    links: Vec<Link>,
    /// Its children (tasks, child incidents) and their states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    children: Vec<Child>,
    /// Comments and work notes, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    comments: Vec<Comment>,
    /// Its flag as a major incident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    major_incident: Option<MajorIncident>,
    /// Its history as the SLA engine reads it: its fields at creation and
    /// every event since, each with the fields it set.
    history: Timeline,
}

fn first_schema() -> u32 {
    1
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Serialize for Record {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Record::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Record {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let record = Record::deserialize(d)?;
        record
            .check_history()
            .map_err(|(path, reason)| document::at(&path, reason))?;
        Ok(record)
    }
}

impl Record {
    /// Reads a record from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field: a `schema_version` newer
    /// than this library reads, fields that are not the fold of the history,
    /// a history whose id or creation differs from the record's.
    pub fn from_json(text: &str) -> Result<Record> {
        document::from_json(Kind::Input, text)
    }

    /// Reads a record from JSON data; errors as [`Record::from_json`].
    pub fn from_value(value: &Value) -> Result<Record> {
        document::from_value(Kind::Input, value)
    }

    /// The record as JSON data.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The canonical JSON text: compact, keys sorted, as every language writes it.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The record's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its kind (`incident`).
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The workflow that judges it.
    pub fn workflow(&self) -> &str {
        &self.workflow
    }

    /// Its version: the number of events applied.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Its state.
    pub fn state(&self) -> &str {
        self.fields
            .get("state")
            .and_then(Value::as_str)
            .unwrap_or("")
    }

    /// The category of its state.
    pub fn category(&self) -> Category {
        self.category
    }

    /// Its fields now.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// When it was created.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.history.created_at()
    }

    /// Who created it.
    pub fn created_by(&self) -> &str {
        &self.created_by
    }

    /// When it entered its state.
    pub fn state_since(&self) -> DateTime<Utc> {
        self.state_since
    }

    /// When it was last resolved, while it is resolved or closed.
    pub fn resolved_at(&self) -> Option<DateTime<Utc>> {
        self.resolved_at
    }

    /// When it was closed or cancelled.
    pub fn closed_at(&self) -> Option<DateTime<Utc>> {
        self.closed_at
    }

    /// How often, when and by whom it was reopened.
    pub fn reopened(&self) -> Option<&Reopened> {
        self.reopened.as_ref()
    }

    /// How often its assignment group changed from one group to another.
    pub fn reassignments(&self) -> u32 {
        self.reassignments
    }

    /// Every round of approvals, the current one last.
    pub fn approvals(&self) -> &[Round] {
        &self.approvals
    }

    /// Its links.
    pub fn links(&self) -> &[Link] {
        &self.links
    }

    /// Its children and their states.
    pub fn children(&self) -> &[Child] {
        &self.children
    }

    /// Its comments and work notes.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Its flag as a major incident.
    pub fn major_incident(&self) -> Option<&MajorIncident> {
        self.major_incident.as_ref()
    }

    /// Its history, which [`PolicySet::evaluate`](crate::sla::PolicySet::evaluate)
    /// takes as it is.
    pub fn timeline(&self) -> &Timeline {
        &self.history
    }

    /// The record its first event creates, then every other event applied.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] when there is no event, the first is neither
    /// `created` nor `imported`, or an event does not fit (see
    /// [`Record::apply`]); [`Error::VersionConflict`] when versions skip or repeat.
    pub fn replay(events: &[RecordEvent]) -> Result<Record> {
        let Some((first, rest)) = events.split_first() else {
            return Err(Error::InvalidInput {
                path: String::new(),
                reason: "a record is replayed from at least its creation event".into(),
            });
        };
        let record = Record::born(first).map_err(|e| at_event(0, e))?;
        record.applied(rest, 1)
    }

    /// The record with `events` applied in order.
    ///
    /// # Errors
    /// [`Error::VersionConflict`] naming the version an event expects and the
    /// record's, when an event's version is not the next one; [`Error::InvalidInput`]
    /// naming `events[i]` when an event is for another record, lies before the
    /// last one, creates the record again, or answers an approval that does not
    /// exist. The record is unchanged in every case.
    ///
    /// # Example
    /// ```
    /// use itsm_core::record::{Record, RecordEvent};
    /// let created = RecordEvent::from_json(r#"{"record": "T-1", "version": 1, "at": "2026-11-23T09:00:00Z",
    ///     "actor": "ann", "type": "created", "kind": "task", "workflow": "task", "fields": {"state": "open"}, "category": "new"}"#)?;
    /// let record = Record::replay(&[created.clone()])?;
    /// let err = record.apply(&[created]).unwrap_err();
    /// assert_eq!(err.to_string(), "version conflict: expected version 0, the record is at version 1");
    /// # Ok::<(), itsm_core::Error>(())
    /// ```
    pub fn apply(&self, events: &[RecordEvent]) -> Result<Record> {
        self.clone().applied(events, 0)
    }

    fn applied(mut self, events: &[RecordEvent], offset: usize) -> Result<Record> {
        for (i, event) in events.iter().enumerate() {
            if event.version != self.version + 1 {
                return Err(Error::VersionConflict {
                    expected: event.version.saturating_sub(1),
                    actual: self.version,
                });
            }
            self.fold(event).map_err(|e| at_event(i + offset, e))?;
        }
        Ok(self)
    }

    /// A record from its creation event.
    fn born(event: &RecordEvent) -> Result<Record, (String, String)> {
        let (Change::Created {
            kind,
            workflow,
            fields,
            category,
        }
        | Change::Imported {
            kind,
            workflow,
            fields,
            category,
        }) = &event.change
        else {
            return Err((
                "type".into(),
                format!(
                    "a record begins with created or imported, not {}",
                    event.kind()
                ),
            ));
        };
        if event.version != 1 {
            return Err((
                "version".into(),
                format!(
                    "a record's first event makes version 1, not {}",
                    event.version
                ),
            ));
        }
        let history = Timeline::new(&event.record, event.at, fields.clone())
            .map_err(|e| (String::from("at"), e.to_string()))?;
        let mut record = Record {
            schema_version: SCHEMA_VERSION,
            id: event.record.clone(),
            kind: kind.clone(),
            workflow: workflow.clone(),
            version: 1,
            fields: fields.clone(),
            category: *category,
            state_since: event.at,
            created_by: event.actor.clone(),
            resolved_at: None,
            closed_at: None,
            reopened: None,
            reassignments: 0,
            approvals: Vec::new(),
            links: Vec::new(),
            children: Vec::new(),
            comments: Vec::new(),
            major_incident: None,
            history,
        };
        record.entered(*category, event.at);
        Ok(record)
    }

    /// Applies one event that is not the first.
    fn fold(&mut self, event: &RecordEvent) -> Result<(), (String, String)> {
        if event.record != self.id {
            return Err((
                "record".into(),
                format!("the event is for {}, not {}", event.record, self.id),
            ));
        }
        let mut set = Fields::new();
        match &event.change {
            Change::Created { .. } | Change::Imported { .. } => {
                return Err(("type".into(), format!("{} is already created", self.id)));
            }
            Change::FieldsSet { set: s }
            | Change::Assigned { set: s }
            | Change::KnownErrorRecorded { set: s } => {
                if s.contains_key("state") {
                    return Err((
                        "set.state".into(),
                        "the state changes only by a transition".into(),
                    ));
                }
                set.clone_from(s);
            }
            Change::Transitioned {
                to,
                category,
                set: s,
                ..
            }
            | Change::Reopened {
                to,
                category,
                set: s,
                ..
            } => {
                set.clone_from(s);
                set.insert("state".into(), Value::String(to.clone()));
                if let Change::Reopened { .. } = &event.change {
                    let count = self.reopened.as_ref().map_or(0, |r| r.count) + 1;
                    self.reopened = Some(Reopened {
                        count,
                        last_at: event.at,
                        last_by: event.actor.clone(),
                    });
                }
                self.state_since = event.at;
                self.category = *category;
                self.entered(*category, event.at);
            }
            Change::Commented { text, internal } => self.comments.push(Comment {
                at: event.at,
                by: event.actor.clone(),
                text: text.clone(),
                internal: *internal,
            }),
            Change::ApprovalRequested {
                steps,
                on_approved,
                on_rejected,
            } => {
                self.approvals.push(Round::new(
                    &event.actor,
                    event.at,
                    steps,
                    on_approved.clone(),
                    on_rejected.clone(),
                ));
            }
            Change::ApprovalAnswered {
                step,
                approver,
                answer,
                comment,
            } => {
                let round = self
                    .open_round()
                    .ok_or(("type".to_string(), "no approval is pending".to_string()))?;
                if round.open_step() != Some(*step) {
                    return Err(("step".into(), format!("step {step} is not the open step")));
                }
                let slot = round.steps[*step]
                    .approvers
                    .iter()
                    .position(|a| &a.approver == approver && a.answer == Answer::Pending)
                    .ok_or((
                        "approver".to_string(),
                        format!("{approver} has no pending approval in step {step}"),
                    ))?;
                if !matches!(answer, Answer::Approved | Answer::Rejected) {
                    return Err(("answer".into(), "an answer is approved or rejected".into()));
                }
                round.answer(*step, slot, *answer, event.at, comment.clone());
            }
            Change::ApprovalDelegated { step, from, to } => {
                let round = self
                    .open_round()
                    .ok_or(("type".to_string(), "no approval is pending".to_string()))?;
                let slot = round
                    .steps
                    .get_mut(*step)
                    .and_then(|s| {
                        s.approvers
                            .iter_mut()
                            .find(|a| &a.approver == from && a.answer == Answer::Pending)
                    })
                    .ok_or((
                        "from".to_string(),
                        format!("{from} has no pending approval in step {step}"),
                    ))?;
                slot.delegated_from.get_or_insert_with(|| from.clone());
                slot.approver.clone_from(to);
            }
            Change::ApprovalsSuspended {} | Change::ApprovalsReinstated {} => {
                let suspend = matches!(event.change, Change::ApprovalsSuspended {});
                let round = self
                    .open_round()
                    .ok_or(("type".to_string(), "no approval is pending".to_string()))?;
                round.suspended = suspend;
            }
            Change::Linked { link } => self.links.push(link.clone()),
            Change::Unlinked { link } => {
                let i = self.links.iter().position(|l| l == link).ok_or((
                    "link".to_string(),
                    format!("{} has no {:?} link to {}", self.id, link.kind, link.target),
                ))?;
                self.links.remove(i);
            }
            Change::ChildAdded { child } => self.children.push(child.clone()),
            Change::ChildUpdated { child } => {
                let c = self.children.iter_mut().find(|c| c.id == child.id).ok_or((
                    "child.id".to_string(),
                    format!("{} has no child {}", self.id, child.id),
                ))?;
                c.state.clone_from(&child.state);
            }
            Change::ChildRemoved { id } => {
                let i = self
                    .children
                    .iter()
                    .position(|c| &c.id == id)
                    .ok_or(("id".to_string(), format!("{} has no child {id}", self.id)))?;
                self.children.remove(i);
            }
            Change::MajorIncidentFlagged { rule, notify } => {
                self.major_incident = Some(MajorIncident {
                    rule: rule.clone(),
                    at: event.at,
                    notify: notify.clone(),
                });
            }
        }
        if let Some(group) = set.get("assignment_group") {
            let before = self.fields.get("assignment_group").filter(|g| is_set(g));
            if before.is_some_and(|b| b != group) && is_set(group) {
                self.reassignments += 1;
            }
        }
        let timeline_event = Event::new(event.at, event.kind())
            .with_fields(set.clone())
            .map_err(|e| ("set".to_string(), e.to_string()))?
            .by(event.actor.clone());
        self.history.push(timeline_event).map_err(|e| match e {
            Error::InvalidArgument { reason, .. } => ("at".to_string(), reason),
            other => ("at".to_string(), other.to_string()),
        })?;
        for (field, value) in set {
            if value.is_null() {
                self.fields.remove(&field);
            } else {
                self.fields.insert(field, value);
            }
        }
        self.version = event.version;
        Ok(())
    }

    /// Keeps the resolution and closure instants as the record enters a state
    /// of `category`.
    fn entered(&mut self, category: Category, at: DateTime<Utc>) {
        match category {
            Category::Resolved => (self.resolved_at, self.closed_at) = (Some(at), None),
            Category::Closed | Category::Cancelled => {
                self.closed_at = Some(at);
            }
            Category::New | Category::Active | Category::Pending => {
                (self.resolved_at, self.closed_at) = (None, None);
            }
        }
    }

    /// The current round of approvals, while it is pending.
    pub(crate) fn open_round(&mut self) -> Option<&mut Round> {
        self.approvals
            .last_mut()
            .filter(|r| r.outcome == ApprovalOutcome::Pending)
    }

    /// What automation looks at in the record.
    pub(crate) fn subject(&self) -> crate::automation::Subject<'_> {
        crate::automation::Subject {
            kind: &self.kind,
            fields: &self.fields,
            state_since: self.state_since,
            resolved_at: if self.category == Category::Resolved {
                self.resolved_at
            } else {
                None
            },
        }
    }

    /// The current round, while pending.
    pub fn pending_approval(&self) -> Option<&Round> {
        self.approvals
            .last()
            .filter(|r| r.outcome == ApprovalOutcome::Pending)
    }

    /// The fields the history folds to, and the id and creation it names,
    /// against the record's own: a stored record that was edited by hand is
    /// refused, never silently wrong.
    fn check_history(&self) -> Result<(), (String, String)> {
        if self.history.id() != self.id {
            return Err((
                "history.id".into(),
                format!("{} is not the record's id {}", self.history.id(), self.id),
            ));
        }
        let mut folded = self.history.fields().clone();
        for event in self.history.events() {
            for (field, value) in event.set() {
                if value.is_null() {
                    folded.remove(field);
                } else {
                    folded.insert(field.clone(), value.clone());
                }
            }
        }
        if folded != self.fields {
            let differs = self
                .fields
                .keys()
                .chain(folded.keys())
                .find(|k| self.fields.get(*k) != folded.get(*k))
                .cloned()
                .unwrap_or_default();
            return Err((
                format!("fields.{differs}"),
                "is not what the history sets".into(),
            ));
        }
        if self.history.events().len() as u64 + 1 != self.version {
            return Err((
                "version".into(),
                format!(
                    "{} is not the number of events in the history and the creation ({})",
                    self.version,
                    self.history.events().len() + 1
                ),
            ));
        }
        if let Some(last) = self.history.events().last() {
            if self.state_since > last.at() || self.state_since < self.history.created_at() {
                return Err((
                    "state_since".into(),
                    format!(
                        "{} lies outside the history",
                        format_instant(self.state_since)
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Reads a list of events from JSON text (a stored history, in order).
///
/// # Errors
/// [`Error::InvalidInput`] naming the bad event's field (`[3].at`).
///
/// # Example
/// ```
/// let err = itsm_core::record::events_from_json(
///     r#"[{"record": "T-1", "at": "2026-11-23T09:00:00Z", "actor": "ann", "type": "commented", "text": "x", "internal": true}]"#).unwrap_err();
/// assert_eq!(err.to_string(), "[0]: missing field `version`");
/// ```
pub fn events_from_json(text: &str) -> Result<Vec<RecordEvent>> {
    let value: Value = serde_json::from_str(text).map_err(|e| Error::InvalidInput {
        path: String::new(),
        reason: format!("not valid JSON: {e}"),
    })?;
    events_from_value(&value)
}

/// Reads a list of events from JSON data; errors as [`events_from_json`].
pub fn events_from_value(value: &Value) -> Result<Vec<RecordEvent>> {
    let Value::Array(items) = value else {
        return Err(Error::InvalidInput {
            path: String::new(),
            reason: format!(
                "expected an array of events, found {}",
                document::found(value)
            ),
        });
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            RecordEvent::from_value(item).map_err(|e| match e {
                Error::InvalidInput { path, reason } => Error::InvalidInput {
                    path: if path.is_empty() {
                        format!("[{i}]")
                    } else {
                        format!("[{i}].{path}")
                    },
                    reason,
                },
                other => other,
            })
        })
        .collect()
}

fn at_event(i: usize, (path, reason): (String, String)) -> Error {
    Error::InvalidInput {
        path: if path.is_empty() {
            format!("events[{i}]")
        } else {
            format!("events[{i}].{path}")
        },
        reason,
    }
}
