//! Records and automation: `itsm_core::record` and `itsm_core::automation` for
//! Kotlin and Swift, JSON first.
//!
//! An offline app stores records and events as JSON texts and must agree with
//! the server byte for byte, so every document crosses the boundary as JSON
//! text and comes back as the core's canonical text (compact, keys in sorted
//! order): commands, contexts, desks, records, events, outcomes and wakeups.
//! The objects here hold the core's values and only convert; every rule is
//! the core's.
//!
//! ```kotlin
//! val desk = Desk() // or Desk.fromJson(text)
//! val ann = """{"actor": {"id": "ann", "roles": ["agent"]}, "now": "2026-11-23T09:00:00Z"}"""
//! val created: String = desk.executeJson(null, """{"type": "create", "id": "INC-1", "kind": "incident"}""", ann)
//! // Or with objects: the record, and the events to store, as the core writes them.
//! val outcome = desk.execute(null, """{"type": "create", "id": "INC-2", "kind": "incident"}""",
//!     WorkflowContext(actor = Actor("ann", roles = listOf("agent")), now = Instant.parse("2026-11-23T09:00:00Z")))
//! val record: Record = outcome.record()
//! val events: List<String> = outcome.events()
//! ```

use std::sync::Arc;

use itsm_core::automation;
use itsm_core::record as core;

use crate::workflow::WorkflowContext;
use crate::{Result, Timestamp, read_document};

// ---------------------------------------------------------------------------
// The desk

/// A desk: the configuration records are judged by (workflows by kind, who may
/// not approve, the reopen window, major-incident triggers, cascades,
/// automation rules, SLA policies, the priority matrix), loaded once and safe
/// to share between threads. The one place commands are decided.
///
/// ```kotlin
/// val desk = Desk.fromJson("""{"reopen_window_days": 10, "automation": [${automationTemplate("auto_close")}]}""")
/// val outcome: String = desk.executeJson(recordJson, """{"type": "transition", "transition": "resolve",
///     "set": {"resolution_code": "solved", "resolution_notes": "Replaced the switch"}}""", contextJson)
/// ```
#[derive(Debug, Clone, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct Desk {
    inner: core::Desk,
}

#[uniffi::export]
impl Desk {
    /// The default desk: the built-in workflows (`incident`, `problem`,
    /// `service_request`, `change_normal` for changes, `task`, ...) and the
    /// default rules (requesters and implementers may not approve; a parent's
    /// resolution passes on to its open children), no automation, no SLA
    /// policies, no priority matrix.
    #[uniffi::constructor]
    pub fn new() -> Self {
        Desk {
            inner: core::Desk::default(),
        }
    }

    /// Reads a desk document from JSON text: `{"workflows", "kinds",
    /// "not_approved_by", "reopen_window_days", "major_incident", "cascades",
    /// "automation", "sla", "priority"}`, every part optional.
    ///
    /// Errors: `InvalidConfig` naming the path of the bad field
    /// (`workflows.onboarding.transitions[2].to`, `automation[0].on`,
    /// `kinds.incident`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Desk {
            inner: read_document(&json, core::Desk::from_json, core::Desk::from_value)?,
        })
    }

    /// The desk document as canonical JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// Judges a command against a record in a context and answers the core's
    /// canonical JSON text of the outcome: `{"record", "events", "followups",
    /// "notifications", "next_wakeup"}`. Store the record and the events
    /// (each event exactly as written here), give the follow-up commands,
    /// tell whom the notifications name, and call `wakeJson` at
    /// `next_wakeup`.
    ///
    /// `recordJson` is the record's JSON text, null (nil) for `create` and
    /// `import`; `commandJson` a command such as `{"type": "transition",
    /// "transition": "resolve", "set": {...}, "expected_version": 4}`;
    /// `contextJson` the context document naming the actor and `now`
    /// (`{"actor": {"id": "ann", "roles": ["agent"]}, "now":
    /// "2026-11-23T09:00:00Z"}`), without approvals or children: the record's
    /// own are used.
    ///
    /// Errors: `CommandRefused` with every reason (the workflow's guards and
    /// requirements, the desk's rules), the record unchanged;
    /// `VersionConflict` when the command's `expected_version` is not the
    /// record's; `InvalidInput` naming the path of the bad field when
    /// `recordJson` is not a record; `InvalidArgument` named `command.<path>`
    /// or `context.<path>` for a bad command or context, for a context without
    /// actor or `now` or a `now` before the record's last event, and named
    /// `record` for a record given to `create` or none to another command.
    pub fn execute_json(
        &self,
        record_json: Option<String>,
        command_json: String,
        context_json: String,
    ) -> Result<String> {
        Ok(self
            .inner
            .execute_json(record_json.as_deref(), &command_json, &context_json)?)
    }

    /// As `executeJson`, with the record as a `Record` (null, nil, for
    /// `create` and `import`) and the context typed: the next record and the
    /// events come back as objects and texts, with no JSON to pick apart.
    ///
    /// Errors: as `executeJson`; `OutOfRange` for a `now` outside 1900-2300.
    pub fn execute(
        &self,
        record: Option<Arc<Record>>,
        command_json: String,
        context: WorkflowContext,
    ) -> Result<Arc<Outcome>> {
        let command = core::Command::from_json(&command_json)?;
        let context = context.to_core()?;
        let outcome =
            self.inner
                .execute(record.as_deref().map(|r| &r.inner), &command, &context)?;
        Ok(Arc::new(Outcome { inner: outcome }))
    }

    /// What time asks of a record: the commands of the automation rules whose
    /// time trigger was met after `since` and by `now` (every one met by `now`
    /// when `since` is null; pass the instant of the last wake), the SLA
    /// evaluation when the desk has policies, and when to wake next. Answers
    /// the core's canonical JSON text: `{"followups", "notifications", "sla"?,
    /// "next_wakeup"}`.
    ///
    /// `since` and `now` are RFC 3339 instants such as
    /// `2026-11-30T09:00:00Z`.
    ///
    /// Errors: `InvalidInput` when `recordJson` is not a record;
    /// `InvalidArgument` naming `since` or `now` for text that is not an
    /// instant, or `now` when it lies before the record's creation;
    /// `OutOfRange` outside 1900-2300.
    pub fn wake_json(
        &self,
        record_json: String,
        since: Option<String>,
        now: String,
    ) -> Result<String> {
        Ok(self.inner.wake_json(&record_json, since.as_deref(), &now)?)
    }

    /// As `wakeJson`, with the record as a `Record` and host instants.
    ///
    /// Errors: as `wakeJson`.
    pub fn wake(
        &self,
        record: Arc<Record>,
        since: Option<Timestamp>,
        now: Timestamp,
    ) -> Result<String> {
        let since = since.map(Timestamp::to_utc).transpose()?;
        Ok(self
            .inner
            .wake(&record.inner, since, now.to_utc()?)?
            .to_json())
    }
}

impl Default for Desk {
    fn default() -> Self {
        Desk::new()
    }
}

/// What a command gives (`Desk.execute`): the next record, the events to
/// store, and the whole outcome as the core's canonical JSON text (with the
/// follow-up commands, the notifications and the next wakeup).
#[derive(Debug, Clone, uniffi::Object)]
#[uniffi::export(Debug)]
pub struct Outcome {
    inner: core::Outcome,
}

#[uniffi::export]
impl Outcome {
    /// The record the events make.
    pub fn record(&self) -> Arc<Record> {
        Arc::new(Record {
            inner: self.inner.record.clone(),
        })
    }

    /// Each event, in order, as the core's canonical JSON text: what the host
    /// stores, one per version.
    pub fn events(&self) -> Vec<String> {
        self.inner
            .events
            .iter()
            .map(core::RecordEvent::to_json)
            .collect()
    }

    /// The events as the canonical JSON text of a list, as `Record.applyJson`
    /// and `Record.replayJson` read it.
    pub fn events_json(&self) -> String {
        serde_json::Value::Array(
            self.inner
                .events
                .iter()
                .map(core::RecordEvent::to_value)
                .collect(),
        )
        .to_string()
    }

    /// The whole outcome as the core's canonical JSON text, byte for byte what
    /// `Desk.executeJson` answers.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }
}

// ---------------------------------------------------------------------------
// Records

/// A record (an incident, problem, service request, change or task) as the
/// fold of its events, immutable and safe to share between threads. Two
/// records are equal when their documents are.
///
/// ```kotlin
/// val record = Record.fromJson(stored)            // checks its fields against its history
/// val same = Record.replayJson(storedEventsJson)  // the fold of its events
/// val next = record.applyJson(newEventsJson)      // a new record; this one is unchanged
/// println("${next.id()} ${next.state()} v${next.version()}")
/// ```
#[derive(Debug, Clone, PartialEq, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct Record {
    inner: core::Record,
}

// Records that load compare as their documents, JSON values without NaN: a
// total equivalence.
impl Eq for Record {}

#[uniffi::export]
impl Record {
    /// Reads a record from its JSON text, as `toJson` (or the `record` of an
    /// outcome) wrote it.
    ///
    /// Errors: `InvalidInput` naming the bad field: text that is not a record,
    /// a `schema_version` newer than this library reads, fields that are not
    /// the fold of the history (`fields.priority: is not what the history
    /// sets`), a history whose id or creation differs from the record's.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Record {
            inner: read_document(&json, core::Record::from_json, core::Record::from_value)?,
        })
    }

    /// The record its events make: the JSON text of a list of events, the
    /// first of them `created` or `imported`.
    ///
    /// Errors: `InvalidInput` naming the bad event (`[3].at`) when the text
    /// is not a list of events, or the event that does not fit
    /// (`events[0].type`, `events[2].record`) when there is none, the first
    /// does not create the record, or another is for another record, lies
    /// before the last one or answers an approval that does not exist;
    /// `VersionConflict` when versions skip or repeat.
    #[uniffi::constructor]
    pub fn replay_json(events_json: String) -> Result<Self> {
        let events = core::events_from_json(&events_json)?;
        Ok(Record {
            inner: core::Record::replay(&events)?,
        })
    }

    /// A new record: this one with the events of the JSON text of a list
    /// applied in order (events written by `Desk.executeJson` or another
    /// device). This record is unchanged.
    ///
    /// Errors: `VersionConflict` naming the version an event was written
    /// after and this record's, when an event's version is not the next one;
    /// `InvalidInput` as for `replayJson`.
    pub fn apply_json(&self, events_json: String) -> Result<Arc<Record>> {
        let events = core::events_from_json(&events_json)?;
        Ok(Arc::new(Record {
            inner: self.inner.apply(&events)?,
        }))
    }

    /// The record as the core's canonical JSON text, byte for byte what every
    /// language and the server write; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The record's id.
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// Its kind: `incident`, `problem`, `service_request`, `change` or `task`.
    pub fn kind(&self) -> String {
        self.inner.kind().to_owned()
    }

    /// The name of the workflow that judges it.
    pub fn workflow(&self) -> String {
        self.inner.workflow().to_owned()
    }

    /// Its version: the number of events applied, 1 once created.
    pub fn version(&self) -> u64 {
        self.inner.version()
    }

    /// Its state.
    pub fn state(&self) -> String {
        self.inner.state().to_owned()
    }

    /// Its fields now, `state` among them, as the JSON text of an object
    /// with keys in sorted order: what `Workflow.validate` takes.
    pub fn fields_json(&self) -> String {
        serde_json::to_value(self.inner.fields())
            .map(|value| value.to_string())
            .unwrap_or_else(|_| "{}".to_owned())
    }
}

/// Reads one record event from JSON text and answers its canonical JSON text
/// (keys sorted, instants with milliseconds, `schema_version` written): what
/// to store for an event received from elsewhere.
///
/// Errors: `InvalidInput` naming the bad field (`at`, `type`), or a
/// `schema_version` newer than this library reads.
#[uniffi::export]
pub fn read_record_event_json(json: String) -> Result<String> {
    Ok(core::RecordEvent::from_json(&json)?.to_json())
}

// ---------------------------------------------------------------------------
// Automation

/// The names of the automation templates: `auto_assign`, `escalate_on_sla`,
/// `auto_close`.
#[uniffi::export]
pub fn automation_template_names() -> Vec<String> {
    automation::template_names()
        .iter()
        .map(|name| (*name).to_owned())
        .collect()
}

/// An automation template: a rule document as canonical JSON text, to copy
/// into a desk's `automation` list and edit (`auto_assign` sends new network
/// incidents to the `network` group, `escalate_on_sla` escalates at 75 % of
/// the resolution time, `auto_close` closes seven days after resolution).
///
/// Errors: `InvalidArgument` naming `name` for a name that is not a template,
/// as for `slaTemplate`.
#[uniffi::export]
pub fn automation_template(name: String) -> Result<String> {
    Ok(automation::template(&name)?.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ItsmError;
    use crate::test_support::{mirrored, vector_files};
    use serde_json::{Value, json};

    fn context(actor: &str, now: &str) -> String {
        json!({"actor": {"id": actor, "roles": ["agent"]}, "now": now}).to_string()
    }

    /// The typed fields of the two record errors say what the core's error
    /// document says, field by field.
    fn assert_mirrors_details(error: &ItsmError) {
        let details: Option<Value> = error
            .document()
            .details
            .as_deref()
            .map(|text| serde_json::from_str(text).unwrap());
        match error {
            ItsmError::VersionConflict {
                expected, actual, ..
            } => {
                assert_eq!(
                    details,
                    Some(json!({"expected": expected, "actual": actual}))
                );
            }
            ItsmError::CommandRefused {
                command,
                reasons,
                instead_json,
                ..
            } => {
                let details = details.unwrap();
                assert_eq!(details["command"], json!(command));
                assert_eq!(mirrored(reasons), details["reasons"]);
                assert_eq!(
                    instead_json
                        .as_deref()
                        .map(|text| serde_json::from_str::<Value>(text).unwrap()),
                    details.get("instead").cloned()
                );
                if let Some(text) = instead_json {
                    assert_eq!(text, &details["instead"].to_string(), "canonical text");
                }
            }
            _ => {}
        }
    }

    #[test]
    fn record_errors_carry_their_details_as_fields() {
        let desk = Desk::new();
        let created = desk
            .execute_json(
                None,
                r#"{"type": "create", "id": "INC-7", "kind": "incident"}"#.into(),
                context("ann", "2026-11-23T09:00:00Z"),
            )
            .unwrap();
        let outcome: Value = serde_json::from_str(&created).unwrap();
        let record = outcome["record"].to_string();
        let err = desk
            .execute_json(
                Some(record.clone()),
                r#"{"type": "transition", "transition": "resolve"}"#.into(),
                context("ann", "2026-11-23T09:05:00Z"),
            )
            .unwrap_err();
        assert_eq!(err.code(), "command_refused");
        assert_eq!(
            err.detail(),
            "transition refused: resolve needs resolution_code; resolve needs resolution_notes"
        );
        let ItsmError::CommandRefused {
            command, reasons, ..
        } = &err
        else {
            panic!("{err:?}");
        };
        assert_eq!(command, "transition");
        assert_eq!(reasons.len(), 2);
        assert_eq!(reasons[0].field.as_deref(), Some("resolution_code"));
        assert_mirrors_details(&err);
        let err = desk
            .execute_json(
                Some(record),
                r#"{"type": "comment", "text": "x", "expected_version": 3}"#.into(),
                context("ann", "2026-11-23T09:05:00Z"),
            )
            .unwrap_err();
        assert_eq!(
            err,
            ItsmError::from(itsm_core::Error::VersionConflict {
                expected: 3,
                actual: 1
            })
        );
        assert!(matches!(
            err,
            ItsmError::VersionConflict {
                expected: 3,
                actual: 1,
                ..
            }
        ));
        assert_mirrors_details(&err);
        // A follow-up command offered instead: its canonical text.
        let instead = json!({"type": "create", "id": "INC-8", "kind": "incident", "links": [{"kind": "follows", "target": "INC-7"}]});
        let err = ItsmError::from(itsm_core::Error::CommandRefused {
            command: "reopen".into(),
            reasons: vec![],
            instead: Some(instead.clone()),
        });
        assert_mirrors_details(&err);
        let ItsmError::CommandRefused { instead_json, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!(instead_json.as_deref(), Some(instead.to_string().as_str()));
    }

    #[test]
    fn templates_are_the_core_documents() {
        let names = automation_template_names();
        assert_eq!(names, automation::template_names());
        for name in names {
            let text = automation_template(name.clone()).unwrap();
            assert_eq!(text, automation::template(&name).unwrap().to_string());
            let desk = Desk::from_json(format!(r#"{{"automation": [{text}]}}"#)).unwrap();
            assert_eq!(
                Desk::from_json(desk.to_json()).unwrap().to_json(),
                desk.to_json()
            );
        }
        let err = automation_template("nonesuch".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert_eq!(
            err.detail(),
            r#"invalid argument `name`: no template "nonesuch"; the templates are auto_assign, escalate_on_sla, auto_close"#
        );
        assert_eq!(
            err.document().details.as_deref(),
            Some(r#"{"argument":"name"}"#)
        );
    }

    /// Every execute case of every record vector, through the binding's JSON
    /// and object entry points: the texts are the core's own, byte for byte,
    /// and every error's typed fields mirror its document.
    #[test]
    fn the_binding_answers_the_core_text_for_every_vector() {
        let (mut executed, mut refused, mut others) = (0, 0, 0);
        for (name, file) in vector_files("records") {
            let desk = match file.get("desk") {
                Some(document) => Desk::from_json(document.to_string()).unwrap(),
                None => Desk::new(),
            };
            let core_desk = match file.get("desk") {
                Some(document) => core::Desk::from_value(document).unwrap(),
                None => core::Desk::default(),
            };
            for case in file["cases"].as_array().into_iter().flatten() {
                let label = format!("{name}: {}", case["name"]);
                let mut record: Option<Arc<Record>> = None;
                for step in case["given"].as_array().into_iter().flatten() {
                    let context =
                        crate::workflow::workflow_context_from_json(step["context"].to_string())
                            .unwrap();
                    let outcome = desk
                        .execute(record.clone(), step["command"].to_string(), context)
                        .unwrap_or_else(|e| panic!("{label}: given: {e}"));
                    record = Some(outcome.record());
                }
                if case["op"] != "execute" {
                    same_answer(&label, other_op(case, record.as_deref(), &desk, &core_desk));
                    others += 1;
                    continue;
                }
                let record_json = record.as_ref().map(|r| r.to_json());
                let (command, context) = (case["command"].to_string(), case["context"].to_string());
                let core = core_desk.execute_json(record_json.as_deref(), &command, &context);
                let ours = desk.execute_json(record_json.clone(), command.clone(), context.clone());
                match (core, ours) {
                    (Ok(core), Ok(ours)) => {
                        assert_eq!(ours, core, "{label}");
                        let typed = desk
                            .execute(
                                record.clone(),
                                command,
                                crate::workflow::workflow_context_from_json(context).unwrap(),
                            )
                            .unwrap();
                        assert_eq!(typed.to_json(), core, "{label}");
                        let outcome: Value = serde_json::from_str(&core).unwrap();
                        assert_eq!(typed.record().to_json(), outcome["record"].to_string());
                        assert_eq!(typed.events_json(), outcome["events"].to_string());
                        executed += 1;
                    }
                    (Err(core), Err(ours)) => {
                        assert_eq!(ours, ItsmError::from(core), "{label}");
                        assert_mirrors_details(&ours);
                        refused += 1;
                    }
                    (core, ours) => panic!("{label}: core {core:?}, binding {ours:?}"),
                }
            }
        }
        assert!(executed >= 20, "only {executed} commands executed");
        assert!(refused >= 10, "only {refused} commands refused");
        assert!(others >= 10, "only {others} other cases compared");
    }

    type Answers = (itsm_core::Result<String>, Result<String>);

    /// The core's answer and the binding's to a case that is not `execute`.
    fn other_op(
        case: &Value,
        record: Option<&Record>,
        desk: &Desk,
        core_desk: &core::Desk,
    ) -> Answers {
        let text = |key: &str| case[key].to_string();
        match case["op"].as_str().unwrap() {
            "wake" => {
                let record = record.expect("wake has a given record");
                let (since, now) = (case["since"].as_str(), case["now"].as_str().unwrap());
                let core = core_desk.wake_json(&record.to_json(), since, now);
                let ours = desk.wake_json(record.to_json(), since.map(Into::into), now.into());
                (core, ours)
            }
            "replay" => {
                let core = core::events_from_json(&text("events"))
                    .and_then(|events| core::Record::replay(&events))
                    .map(|r| r.to_json());
                (
                    core,
                    Record::replay_json(text("events")).map(|r| r.to_json()),
                )
            }
            "apply" => {
                let record = record.expect("apply has a given record");
                let core = core::events_from_json(&text("events"))
                    .and_then(|events| record.inner.apply(&events))
                    .map(|r| r.to_json());
                (core, record.apply_json(text("events")).map(|r| r.to_json()))
            }
            "load_record" => (
                core::Record::from_value(&case["document"]).map(|r| r.to_json()),
                Record::from_json(text("document")).map(|r| r.to_json()),
            ),
            "load_event" => (
                core::RecordEvent::from_value(&case["document"]).map(|e| e.to_json()),
                read_record_event_json(text("document")),
            ),
            op => panic!("unknown op {op}"),
        }
    }

    fn same_answer(label: &str, (core, ours): Answers) {
        match (core, ours) {
            (Ok(core), Ok(ours)) => assert_eq!(ours, core, "{label}"),
            (Err(core), Err(ours)) => {
                assert_eq!(ours, ItsmError::from(core), "{label}");
                assert_mirrors_details(&ours);
            }
            (core, ours) => panic!("{label}: core {core:?}, binding {ours:?}"),
        }
    }
}
