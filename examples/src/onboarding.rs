//! Employee onboarding, a service desk process beyond IT, defined purely in
//! JSON (`examples/onboarding/desk.json`): a request approved by the hiring
//! manager and then by half of HR, tasks for HR, facilities and IT that must
//! all close before the employee is ready, a reminder when an HR task waits
//! two days, and closure three days after day one.
//!
//! Run: `cargo run -p itsm-examples --bin onboarding`. The host here keeps
//! records in memory and gives every follow-up command as the `system`
//! actor; the Python and Node versions print the same transcript.

use std::collections::{BTreeMap, VecDeque};

use itsm_core::record::{Command, Desk, Record};
use itsm_core::rules::Context;
use itsm_core::{Error, parse_instant};
use serde_json::{Value, json};

/// The records, and the transcript of what happened to them.
struct Host {
    desk: Desk,
    records: BTreeMap<String, Record>,
    transcript: Vec<String>,
}

impl Host {
    /// Gives `command` to record `id` as `actor` at `now`, then every follow-up
    /// it asks for, as the `system` actor. A refusal is written down.
    fn handle(&mut self, now: &str, actor: (&str, &[&str]), id: &str, command: Value) {
        let mut queue =
            VecDeque::from([(actor.0.to_owned(), actor.1.to_vec(), id.to_owned(), command)]);
        while let Some((who, groups, id, command)) = queue.pop_front() {
            let context =
                Context::from_value(&json!({"actor": {"id": who, "groups": groups}, "now": now}))
                    .expect("the context is well formed");
            let command = Command::from_value(&command).expect("the command is well formed");
            let what = describe(&command);
            match self.desk.execute(self.records.get(&id), &command, &context) {
                Ok(outcome) => {
                    self.transcript.push(format!(
                        "{now} {who} {id} {what} -> v{} {}",
                        outcome.record.version(),
                        outcome.record.state()
                    ));
                    self.notify(&outcome.notifications);
                    self.records.insert(id, outcome.record);
                    for followup in outcome.followups {
                        queue.push_back((
                            "system".into(),
                            vec![],
                            followup.record,
                            followup.command.to_value(),
                        ));
                    }
                }
                Err(error) => self.refused(now, &who, &id, &error),
            }
        }
    }

    /// Wakes record `id` at `now` and gives the commands its time triggers ask for.
    fn wake(&mut self, since: &str, now: &str, id: &str) {
        let record = &self.records[id];
        let wakeup = self
            .desk
            .wake(record, Some(instant(since)), instant(now))
            .expect("the record wakes");
        self.transcript.push(format!(
            "{now} wake {id}: {} follow-ups",
            wakeup.followups.len()
        ));
        self.notify(&wakeup.notifications);
        for followup in wakeup.followups {
            self.handle(
                now,
                ("system", &[]),
                &followup.record,
                followup.command.to_value(),
            );
        }
    }

    fn notify(&mut self, notifications: &[itsm_core::record::Notification]) {
        for n in notifications {
            self.transcript
                .push(format!("  notify {}: {}", n.to.join(", "), n.message));
        }
    }

    fn refused(&mut self, now: &str, who: &str, id: &str, error: &Error) {
        self.transcript.push(format!("{now} {who} {id} {error}"));
    }
}

fn describe(command: &Command) -> String {
    let value = command.to_value();
    match value.get("transition") {
        Some(Value::String(t)) => format!("{} {t}", command.action.kind()),
        _ => command.action.kind().to_owned(),
    }
}

fn instant(text: &str) -> chrono::DateTime<chrono::Utc> {
    parse_instant("now", text).expect("an RFC 3339 instant")
}

/// The whole story, as the transcript lines.
fn onboarding() -> Vec<String> {
    let desk = Desk::from_json(include_str!("../onboarding/desk.json")).expect("the desk loads");
    let mut host = Host {
        desk,
        records: BTreeMap::new(),
        transcript: Vec::new(),
    };
    let rita = ("rita", &[][..]);
    host.handle("2026-12-01T09:00:00Z", rita, "ONB-1", json!({"type": "create", "id": "ONB-1", "kind": "onboarding",
        "fields": {"employee": "Noor Haddad", "start_date": "2027-01-04", "manager": "mia", "department": "engineering", "requested_by": "rita"}}));
    host.handle(
        "2026-12-01T09:05:00Z",
        rita,
        "ONB-1",
        json!({"type": "transition", "transition": "request_approval"}),
    );
    host.handle("2026-12-01T09:06:00Z", rita, "ONB-1", json!({"type": "request_approval", "on_approved": "approve", "steps": [
        {"name": "manager", "mode": "any", "approvers": ["mia"]},
        {"name": "hr", "mode": "quorum", "threshold_percent": 50, "group": "hr", "approvers": ["hank", "hera"]}]}));
    host.handle(
        "2026-12-01T09:10:00Z",
        rita,
        "ONB-1",
        json!({"type": "approve"}),
    );
    host.handle(
        "2026-12-01T10:00:00Z",
        ("mia", &[]),
        "ONB-1",
        json!({"type": "approve", "comment": "Welcome aboard"}),
    );
    host.handle(
        "2026-12-01T11:00:00Z",
        ("hank", &["hr"]),
        "ONB-1",
        json!({"type": "approve"}),
    );
    for (task, group, what) in [
        ("TASK-HR", "hr", "Contract and payroll"),
        ("TASK-FAC", "facilities", "Desk and badge"),
        ("TASK-IT", "it", "Laptop and accounts"),
    ] {
        host.handle("2026-12-01T11:30:00Z", ("system", &[]), task, json!({"type": "create", "id": task, "kind": "task",
            "fields": {"assignment_group": group, "short_description": what}, "links": [{"kind": "parent", "target": "ONB-1"}]}));
    }
    host.handle(
        "2026-12-02T09:00:00Z",
        ("mia", &[]),
        "ONB-1",
        json!({"type": "transition", "transition": "mark_ready", "set": {"welcome_notes": "Desk 4.12"}}),
    );
    host.wake("2026-12-01T11:30:00Z", "2026-12-03T12:00:00Z", "TASK-HR");
    host.handle("2026-12-03T14:00:00Z", ("fay", &["facilities"]), "TASK-FAC", json!({"type": "transition", "transition": "close", "set": {"close_notes": "Desk 4.12, badge printed"}}));
    host.handle("2026-12-03T15:00:00Z", ("ivan", &["it"]), "TASK-IT", json!({"type": "transition", "transition": "close", "set": {"close_notes": "Laptop imaged"}}));
    host.handle("2026-12-03T16:00:00Z", ("hank", &["hr"]), "TASK-HR", json!({"type": "transition", "transition": "close", "set": {"close_notes": "Contract signed"}}));
    host.handle("2026-12-04T09:00:00Z", ("mia", &[]), "ONB-1", json!({"type": "transition", "transition": "mark_ready", "set": {"welcome_notes": "Desk 4.12; laptop at the IT bar"}}));
    host.wake("2026-12-04T09:00:00Z", "2026-12-07T10:00:00Z", "ONB-1");
    let record = &host.records["ONB-1"];
    let line = format!(
        "ONB-1 is {} at version {}, {} events",
        record.state(),
        record.version(),
        record.timeline().events().len() + 1
    );
    host.transcript.push(line);
    host.transcript
}

fn main() {
    for line in onboarding() {
        println!("{line}");
    }
}
