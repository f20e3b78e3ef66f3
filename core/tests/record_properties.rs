//! Properties of records over random command sequences: the record is the
//! fold of its events, its JSON round trip is lossless, a refused command
//! changes nothing, and writers that check the version lose no event and
//! apply none twice, however their writes interleave.

use itsm_core::record::{Command, Desk, Record, RecordEvent};
use itsm_core::rules::Context;
use proptest::prelude::*;
use serde_json::{Value, json};

const ACTORS: &[(&str, &[&str])] = &[
    ("ann", &["agent"]),
    ("bob", &[]),
    ("carl", &["change_manager", "incident_manager"]),
    ("a1", &["approver"]),
    ("a2", &["approver"]),
    ("rita", &[]),
];

/// A command from a fixed menu that covers every command type, valid or not
/// for the record's state.
fn command(choice: u8, n: u8) -> Value {
    let person = ["ann", "dan", "a1", "a2", "rita"][usize::from(n) % 5];
    match choice % 22 {
        0 => {
            json!({"type": "assign", "assignment_group": (["network", "database"][usize::from(n) % 2]), "assigned_to": "ann"})
        }
        1 => json!({"type": "transition", "transition": "start"}),
        2 => {
            json!({"type": "transition", "transition": "hold", "set": {"hold_reason": (["awaiting_caller", "awaiting_vendor", "bogus"][usize::from(n) % 3])}})
        }
        3 => json!({"type": "transition", "transition": "resume"}),
        4 => {
            json!({"type": "transition", "transition": "resolve", "set": {"resolution_code": "solved_permanently", "resolution_notes": "done"}})
        }
        5 => json!({"type": "transition", "transition": "close"}),
        6 => json!({"type": "reopen", "reason": "again"}),
        7 => json!({"type": "comment", "text": format!("note {n}"), "internal": n % 2 == 0}),
        8 => {
            json!({"type": "set_fields", "set": {"priority": format!("P{}", n % 5 + 1), "on_hold": n % 3 == 0}})
        }
        9 => {
            json!({"type": "request_approval", "steps": [{"mode": (["any", "all", "quorum"][usize::from(n) % 3]), "threshold_percent": (if n % 3 == 2 { Some(n % 101) } else { None }), "approvers": ["a1", "a2"]}]})
        }
        10 => json!({"type": "approve"}),
        11 => json!({"type": "reject", "comment": "no"}),
        12 => json!({"type": "delegate_approval", "to": person}),
        13 => {
            json!({"type": "link", "kind": (["parent", "problem", "related", "caused_by"][usize::from(n) % 4]), "target": format!("X-{}", n % 3)})
        }
        14 => json!({"type": "unlink", "kind": "related", "target": format!("X-{}", n % 3)}),
        15 => json!({"type": "add_child", "id": format!("T-{}", n % 3), "state": "open"}),
        16 => {
            json!({"type": "update_child", "id": format!("T-{}", n % 3), "state": (["closed", "in_progress"][usize::from(n) % 2])})
        }
        17 => json!({"type": "remove_child", "id": format!("T-{}", n % 3)}),
        18 => {
            json!({"type": "transition", "transition": "cancel", "set": {"cancel_reason": "gone"}})
        }
        19 => {
            json!({"type": "record_known_error", "symptom": "s", "root_cause": "r", "workaround": "w"})
        }
        20 => json!({"type": "transition", "transition": "caller_replied"}),
        _ => json!({"type": "assign", "assigned_to": person}),
    }
}

fn context(actor: u8, minute: u32) -> Context {
    let (id, roles) = ACTORS[usize::from(actor) % ACTORS.len()];
    Context::from_value(&json!({
        "actor": {"id": id, "roles": roles, "groups": ["network"]},
        "now": format!("2026-11-{:02}T{:02}:{:02}:00Z", 23 + minute / 1440, minute / 60 % 24, minute % 60)
    }))
    .unwrap()
}

fn desk() -> Desk {
    Desk::from_value(&json!({
        "reopen_window_days": 2,
        "major_incident": [{"name": "p1", "when": {"field_eq": {"field": "priority", "value": "P1"}}, "notify": ["mim"]}],
        "automation": [{"id": "note", "on": {"event": ["commented"]}, "actions": [{"add_note": "seen"}]}]
    }))
    .unwrap()
}

fn created(desk: &Desk, kind: &str) -> (Record, Vec<RecordEvent>) {
    let fields =
        json!({"caller": "bob", "requested_by": "rita", "implementer": "ivan", "priority": "P3"});
    let outcome = desk
        .execute(
            None,
            &Command::from_value(
                &json!({"type": "create", "id": "R-1", "kind": kind, "fields": fields}),
            )
            .unwrap(),
            &context(0, 0),
        )
        .unwrap();
    (outcome.record, outcome.events)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn the_record_is_the_fold_of_its_events_and_refusals_change_nothing(
        kind in prop::sample::select(vec!["incident", "problem", "change", "service_request", "task"]),
        steps in prop::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 1..60),
    ) {
        let desk = desk();
        let (mut record, mut events) = created(&desk, kind);
        for (i, (choice, n, actor)) in steps.into_iter().enumerate() {
            let before = record.to_json();
            let command = Command::from_value(&command(choice, n)).unwrap();
            match desk.execute(Some(&record), &command, &context(actor, 10 * (i as u32 + 1))) {
                Ok(outcome) => {
                    prop_assert!(!outcome.events.is_empty());
                    events.extend(outcome.events);
                    record = outcome.record;
                    let replayed = Record::replay(&events).unwrap();
                    prop_assert_eq!(&replayed, &record);
                    let text = record.to_json();
                    prop_assert_eq!(Record::from_json(&text).unwrap().to_json(), text);
                    for event in &events {
                        let written = event.to_json();
                        prop_assert_eq!(RecordEvent::from_json(&written).unwrap().to_json(), written);
                    }
                }
                Err(error) => {
                    prop_assert!(
                        matches!(error.code(), "command_refused" | "invalid_argument"),
                        "{}", error
                    );
                    prop_assert_eq!(record.to_json(), before);
                }
            }
        }
        prop_assert_eq!(record.version(), events.len() as u64);
    }

    #[test]
    fn writers_that_check_the_version_lose_no_event_and_double_none(
        turns in prop::collection::vec((0usize..4, any::<u8>(), any::<u8>()), 1..80),
    ) {
        let desk = desk();
        let (record, first) = created(&desk, "incident");
        // The store: events appended only when the writer read the last version.
        let mut store: Vec<RecordEvent> = first;
        let mut stored = record.clone();
        // Each writer holds the record as it last read it.
        let mut held: Vec<Record> = vec![record; 4];
        let mut accepted = 0usize;
        for (i, (writer, choice, n)) in turns.into_iter().enumerate() {
            // Comments and field changes: commands every writer's record accepts.
            let value = if choice % 2 == 0 {
                json!({"type": "comment", "text": format!("w{writer} {n}")})
            } else {
                json!({"type": "set_fields", "set": {"note": format!("w{writer} {n} {i}")}})
            };
            let command = Command::from_value(&value).unwrap();
            let now = context(0, 10 * (i as u32 + 1));
            loop {
                let outcome = desk.execute(Some(&held[writer]), &command, &now).unwrap();
                let read = held[writer].version();
                // The conditional write: `UPDATE ... WHERE version = read`.
                if stored.version() == read {
                    accepted += outcome.events.len();
                    store.extend(outcome.events.iter().cloned());
                    stored = outcome.record.clone();
                    held[writer] = outcome.record;
                    break;
                }
                // The core refuses the stale events too.
                let conflict = stored.apply(&outcome.events).unwrap_err();
                prop_assert_eq!(conflict.code(), "version_conflict");
                held[writer] = Record::replay(&store).unwrap();
            }
        }
        let versions: Vec<u64> = store.iter().map(|e| e.version).collect();
        prop_assert_eq!(versions, (1..=store.len() as u64).collect::<Vec<_>>());
        prop_assert_eq!(store.len(), 1 + accepted);
        prop_assert_eq!(Record::replay(&store).unwrap(), stored);
    }
}
