//! Policy authoring in the field's own terms: a metric without `stop`, the
//! default reopen, goals by value in one metric; and the warnings that keep a
//! record the set does not know from giving a silently wrong answer.

use itsm_core::sla::{
    BatchSummary, EvaluateOptions, Evaluation, PolicySet, Status, WarningCode, template,
};
use itsm_core::{Timeline, format_instant, parse_instant};
use serde_json::{Value, json};

fn set(metric: Value) -> PolicySet {
    PolicySet::from_value(&json!({
        "states": ["new", "in_progress", "on_hold", "resolved", "closed", "cancelled"],
        "policies": [{"id": "p", "applies": {"always": true}, "metrics": [metric]}]
    }))
    .unwrap()
}

fn record(fields: Value, events: Value) -> Timeline {
    Timeline::from_value(&json!({"id": "R", "created_at": "2026-11-23T09:00:00Z", "fields": fields, "events": events})).unwrap()
}

fn at(set: &PolicySet, timeline: &Timeline, now: &str) -> Evaluation {
    set.evaluate(timeline, parse_instant("now", now).unwrap())
        .unwrap()
}

#[test]
fn a_metric_without_stop_runs_until_cancelled() {
    let set = set(
        json!({"id": "age", "goal": {"wall": "PT48H"}, "start": {"event_is": ["created"]},
        "cancel": {"state_in": ["cancelled"]}}),
    );
    let t = record(
        json!({"state": "new"}),
        json!([{"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "resolved"}},
               {"at": "2026-11-24T09:00:00Z", "type": "update", "set": {"state": "cancelled"}}]),
    );
    let running = at(&set, &t, "2026-11-23T12:00:00Z");
    let clock = &running.metric("age").unwrap().cycles[0];
    assert_eq!(
        (clock.status, clock.elapsed.num_milliseconds()),
        (Status::Running, 3 * 3_600_000)
    );
    let cancelled = at(&set, &t, "2026-11-25T09:00:00Z");
    let clock = &cancelled.metric("age").unwrap().cycles[0];
    assert_eq!(
        (clock.status, clock.elapsed.num_milliseconds()),
        (Status::Cancelled, 24 * 3_600_000)
    );
    assert!(
        set.to_value()["policies"][0]["metrics"][0]
            .get("stop")
            .is_none()
    );
}

#[test]
fn the_default_reopen_is_leaving_the_stop_states() {
    let set = set(
        json!({"id": "resolution", "goal": {"wall": "PT8H"}, "start": {"event_is": ["created"]},
        "stop": {"state_in": ["resolved", "closed"]}, "reopen": {"policy": "new_cycle"}}),
    );
    let t = record(
        json!({"state": "new"}),
        json!([{"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "resolved"}},
               {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"state": "closed"}},
               {"at": "2026-11-23T12:00:00Z", "type": "update", "set": {"state": "in_progress"}}]),
    );
    let e = at(&set, &t, "2026-11-23T13:00:00Z");
    let cycles = &e.metric("resolution").unwrap().cycles;
    // resolved -> closed stays inside the stop states: no reopen there.
    assert_eq!(cycles.len(), 2);
    assert_eq!(
        (cycles[0].status, cycles[0].elapsed.num_milliseconds()),
        (Status::Met, 3_600_000)
    );
    assert_eq!(
        format_instant(cycles[1].started_at.unwrap()),
        "2026-11-23T12:00:00.000Z"
    );
    assert_eq!(cycles[1].elapsed.num_milliseconds(), 3_600_000);
}

#[test]
fn a_metric_without_stop_needs_its_reopen_condition() {
    let err = PolicySet::from_value(&json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": [
        {"id": "m", "goal": {"wall": "PT1H"}, "start": {"always": true}, "reopen": {"policy": "new_cycle"}}]}]}))
    .unwrap_err();
    assert!(
        err.to_string().starts_with(
            "policies[0].metrics[0].reopen: a metric without `stop` needs `reopen.when`"
        ),
        "{err}"
    );
}

fn table_set() -> PolicySet {
    set(
        json!({"id": "resolution", "goal": {"by": "priority", "values": {
            "P1": {"wall": "PT4H"}, "P2": {"wall": "PT8H"}, "P3": {"wall": "PT24H"}}},
        "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]},
        "thresholds": [{"percent": 50}]}),
    )
}

#[test]
fn a_goal_table_picks_the_goal_by_the_value() {
    let set = table_set();
    let p2 = record(json!({"state": "new", "priority": "P2"}), json!([]));
    let clock = &at(&set, &p2, "2026-11-23T10:00:00Z").metrics[0].cycles[0];
    assert_eq!(clock.goal.num_milliseconds(), 8 * 3_600_000);
    assert_eq!(
        format_instant(clock.deadline.unwrap()),
        "2026-11-23T17:00:00.000Z"
    );
    assert_eq!(
        format_instant(clock.thresholds[0].at),
        "2026-11-23T13:00:00.000Z"
    );
}

#[test]
fn raising_the_priority_keeps_elapsed_time_and_crosses_passed_thresholds_at_the_change() {
    let set = table_set();
    // P3 for five hours, then P1: 5 h elapsed already beyond P1's 4 h goal.
    let t = record(
        json!({"state": "new", "priority": "P3"}),
        json!([{"at": "2026-11-23T14:00:00Z", "type": "update", "set": {"priority": "P1"}}]),
    );
    let clock = &at(&set, &t, "2026-11-23T14:30:00Z").metrics[0].cycles[0];
    assert_eq!(
        (
            clock.goal.num_milliseconds(),
            clock.elapsed.num_milliseconds(),
            clock.status
        ),
        (4 * 3_600_000, 5 * 3_600_000 + 1_800_000, Status::Breached)
    );
    assert_eq!(
        format_instant(clock.deadline.unwrap()),
        "2026-11-23T13:00:00.000Z"
    );
    // Breached and the 50 % mark both count from the change, not from the past.
    assert_eq!(
        format_instant(clock.breached_at.unwrap()),
        "2026-11-23T14:00:00.000Z"
    );
    assert_eq!(
        (
            format_instant(clock.thresholds[0].at),
            clock.thresholds[0].crossed
        ),
        ("2026-11-23T14:00:00.000Z".to_string(), true)
    );
}

#[test]
fn a_value_without_a_goal_is_an_error_unless_the_table_has_a_default() {
    let set = table_set();
    let p9 = record(json!({"state": "new", "priority": "P9"}), json!([]));
    let err = set
        .evaluate(&p9, parse_instant("now", "2026-11-23T10:00:00Z").unwrap())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string()
            .contains("priority \"P9\" has no goal in the metric's table (it has P1, P2, P3)"),
        "{err}"
    );
    let with_default = set_with_default();
    let clock = &at(&with_default, &p9, "2026-11-23T10:00:00Z").metrics[0].cycles[0];
    assert_eq!(clock.goal.num_milliseconds(), 72 * 3_600_000);
}

fn set_with_default() -> PolicySet {
    set(
        json!({"id": "resolution", "goal": {"by": "priority", "values": {"P1": {"wall": "PT4H"}},
        "default": {"wall": "PT72H"}}, "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]}}),
    )
}

#[test]
fn goal_tables_refuse_mixed_kinds_and_round_trip() {
    let err = PolicySet::from_value(&json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": [
        {"id": "m", "goal": {"by": "priority", "values": {"P1": {"wall": "PT4H"}, "P2": {"business": "PT8H"}}},
         "start": {"always": true}}]}]}))
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policies[0].metrics[0].goal.values.P2: every goal of a table is of one kind (all business, all wall, ...)"
    );
    let set = set_with_default();
    assert_eq!(
        PolicySet::from_value(&set.to_value()).unwrap().to_value(),
        set.to_value()
    );
}

#[test]
fn display_values_and_unknown_priorities_are_warned_about_with_their_path() {
    let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    let t = record(
        json!({"state": "new", "priority": "P3"}),
        json!([{"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "Resolved"}},
               {"at": "2026-11-23T10:30:00Z", "type": "update", "set": {"priority": "3"}}]),
    );
    let e = at(&set, &t, "2026-11-23T11:00:00Z");
    let warnings: Vec<(WarningCode, &str)> = e
        .warnings
        .iter()
        .map(|w| (w.code, w.path.as_str()))
        .collect();
    assert_eq!(
        warnings,
        [
            (WarningCode::UnknownState, "events[0].set.state"),
            (WarningCode::UnmentionedValue, "events[1].set.priority"),
            (WarningCode::NoPolicyApplies, ""),
        ]
    );
    assert!(
        e.warnings[0]
            .message
            .starts_with("state \"Resolved\" is not one of the set's states (new, "),
        "{}",
        e.warnings[0].message
    );
    // A clean record has none, and its JSON carries no `warnings` key.
    let clean = record(json!({"state": "new", "priority": "P3"}), json!([]));
    let e = at(&set, &clean, "2026-11-23T11:00:00Z");
    assert!(e.warnings.is_empty());
    assert!(!e.to_json().contains("warnings"));
}

#[test]
fn strict_evaluation_refuses_what_would_be_a_warning() {
    let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    let t = record(json!({"state": "Open", "priority": "P3"}), json!([]));
    let strict = EvaluateOptions {
        strict: true,
        ..EvaluateOptions::default()
    };
    let err = set
        .evaluate_with(
            &t,
            parse_instant("now", "2026-11-23T10:00:00Z").unwrap(),
            strict,
        )
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(
        err.to_string()
            .starts_with("fields.state: state \"Open\" is not one of the set's states"),
        "{err}"
    );
}

#[test]
fn a_batch_counts_its_warnings_and_errors() {
    let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    let records: Vec<Value> = (0..10)
        .map(|i| {
            let state = if i % 3 == 0 { "Resolved" } else { "new" };
            json!({"id": format!("I-{i}"), "created_at": "2026-11-23T09:00:00Z", "fields": {"state": state, "priority": "P3"}})
        })
        .chain([json!({"id": "bad"})])
        .collect();
    let items = set.evaluate_documents(
        &records,
        parse_instant("now", "2026-11-23T10:00:00Z").unwrap(),
        EvaluateOptions::default(),
    );
    let summary = BatchSummary::of(&items);
    assert_eq!(
        (
            summary.records,
            summary.evaluated,
            summary.errors,
            summary.warned
        ),
        (11, 10, 1, 4)
    );
    assert_eq!(summary.warnings["unknown_state"], 4);
    assert_eq!(summary.error_codes["invalid_input"], 1);
}
