//! Records: one command against a record of 50 events, with the desk's
//! automation rules evaluated on the events it yields (with and without SLA
//! policies, which the outcome's `next_wakeup` evaluates), and replaying
//! records from their events.
//!
//! Run: `cargo bench -p itsm-benches --bench records`. The replay group
//! replays `ITSM_BENCH_RECORDS` records per iteration (10,000 by default; set
//! it to 1000000 for the million-record figure), each of 8 events.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use itsm_core::record::{Command, Desk, Record, RecordEvent};
use itsm_core::rules::Context;
use serde_json::{Value, json};

fn context(actor: &str, roles: &[&str], minute: u32) -> Context {
    Context::from_value(&json!({
        "actor": {"id": actor, "roles": roles, "groups": ["network"]},
        "now": format!("2026-11-{:02}T{:02}:{:02}:00Z", 23 + minute / 1440, minute / 60 % 24, minute % 60)
    }))
    .unwrap()
}

fn desk(sla: bool) -> Desk {
    let mut document = json!({
        "reopen_window_days": 10,
        "major_incident": [{"name": "p1_vip", "when": {"all": [
            {"field_eq": {"field": "priority", "value": "P1"}}, {"field_eq": {"field": "vip", "value": true}}]},
            "notify": ["major_incident_manager"]}],
        "automation": itsm_core::automation::template_names().iter()
            .map(|name| itsm_core::automation::template(name).unwrap()).collect::<Vec<Value>>()
    });
    if sla {
        document["sla"] = itsm_core::sla::template("itil_incident").unwrap();
    }
    Desk::from_value(&document).unwrap()
}

fn run(
    desk: &Desk,
    record: Option<&Record>,
    command: Value,
    context: &Context,
) -> (Record, Vec<RecordEvent>) {
    let outcome = desk
        .execute(record, &Command::from_value(&command).unwrap(), context)
        .unwrap();
    (outcome.record, outcome.events)
}

/// An incident in progress with 50 events: assignment, work, comments and
/// field changes.
fn fifty_events(desk: &Desk, id: &str) -> (Record, Vec<RecordEvent>) {
    let agent = |minute| context("ann", &["agent"], minute);
    let (mut record, mut events) = run(
        desk,
        None,
        json!({"type": "create", "id": id, "kind": "incident", "fields": {"caller": "bob", "priority": "P3", "category": "email"}}),
        &agent(0),
    );
    let mut step = |command: Value, minute: u32, record: &mut Record| {
        let (next, more) = run(desk, Some(record), command, &agent(minute));
        *record = next;
        events.extend(more);
    };
    step(
        json!({"type": "assign", "assignment_group": "network", "assigned_to": "ann"}),
        5,
        &mut record,
    );
    step(
        json!({"type": "transition", "transition": "start"}),
        10,
        &mut record,
    );
    let mut minute = 10;
    while record.version() < 50 {
        minute += 7;
        let command = if minute % 3 == 0 {
            json!({"type": "set_fields", "set": {"impact": format!("level {minute}")}})
        } else {
            json!({"type": "comment", "text": format!("update {minute}"), "internal": minute % 2 == 0})
        };
        step(command, minute, &mut record);
    }
    (record, events)
}

fn execute(c: &mut Criterion) {
    let mut group = c.benchmark_group("records");
    group.throughput(Throughput::Elements(1));
    for (name, with_sla) in [
        ("execute_on_50_events", false),
        ("execute_on_50_events_with_sla", true),
    ] {
        let desk = desk(with_sla);
        let (record, _) = fifty_events(&desk, "INC-1");
        assert_eq!(record.version(), 50);
        let command = Command::from_value(
            &json!({"type": "comment", "text": "Still looking", "internal": true}),
        )
        .unwrap();
        let now = context("ann", &["agent"], 2000);
        group.bench_function(name, |b| {
            b.iter(|| {
                desk.execute(
                    black_box(Some(&record)),
                    black_box(&command),
                    black_box(&now),
                )
                .unwrap()
            })
        });
    }
    let desk = desk(false);
    let (record, _) = fifty_events(&desk, "INC-1");
    let resolve = Command::from_value(&json!({"type": "transition", "transition": "resolve",
        "set": {"resolution_code": "solved_permanently", "resolution_notes": "Replaced the switch"}})).unwrap();
    let now = context("ann", &["agent"], 2000);
    group.bench_function("execute_transition_on_50_events", |b| {
        b.iter(|| {
            desk.execute(
                black_box(Some(&record)),
                black_box(&resolve),
                black_box(&now),
            )
            .unwrap()
        })
    });
    group.bench_function("execute_json_on_50_events", |b| {
        let text = record.to_json();
        let command = resolve.to_json();
        let now = r#"{"actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]}, "now": "2026-11-24T09:20:00Z"}"#;
        b.iter(|| desk.execute_json(black_box(Some(&text)), black_box(&command), black_box(now)).unwrap())
    });
    group.finish();
}

fn replay(c: &mut Criterion) {
    let records: usize = std::env::var("ITSM_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let desk = desk(false);
    // 100 distinct histories of 8 events, replayed in turn.
    let histories: Vec<Vec<RecordEvent>> = (0..100)
        .map(|i| {
            let agent = |minute| context("ann", &["agent"], minute);
            let id = format!("INC-{i}");
            let mut events = Vec::new();
            let (mut record, first) = run(&desk, None, json!({"type": "create", "id": id, "kind": "incident", "fields": {"caller": "bob", "priority": format!("P{}", i % 5 + 1)}}), &agent(0));
            events.extend(first);
            for (minute, command) in [
                (5, json!({"type": "assign", "assignment_group": "network", "assigned_to": "ann"})),
                (9, json!({"type": "comment", "text": "Looking"})),
                (10, json!({"type": "transition", "transition": "start"})),
                (30, json!({"type": "transition", "transition": "hold", "set": {"hold_reason": "awaiting_caller"}})),
                (90, json!({"type": "transition", "transition": "resume"})),
                (100 + i as u32, json!({"type": "transition", "transition": "resolve", "set": {"resolution_code": "solved_permanently", "resolution_notes": "done"}})),
                (3000, json!({"type": "transition", "transition": "close"})),
            ] {
                let (next, more) = run(&desk, Some(&record), command, &agent(minute));
                record = next;
                events.extend(more);
            }
            assert_eq!(events.len(), 8);
            events
        })
        .collect();
    let mut group = c.benchmark_group("records");
    group.throughput(Throughput::Elements(records as u64));
    group.sample_size(10);
    group.bench_function("replay", |b| {
        b.iter(|| {
            (0..records)
                .map(|i| {
                    Record::replay(black_box(&histories[i % histories.len()]))
                        .unwrap()
                        .version()
                })
                .sum::<u64>()
        })
    });
    group.finish();
}

criterion_group!(benches, execute, replay);
criterion_main!(benches);
