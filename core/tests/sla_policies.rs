//! Policy sets: matching, selection, switching a running clock to another
//! policy, removal of clocks that no longer apply, thresholds, and bad
//! documents.

use chrono::{DateTime, Utc};
use itsm_core::sla::{PolicySet, Status};
use itsm_core::{Timeline, format_instant, parse_instant};
use serde_json::{Value, json};

const H: i64 = 3_600_000;
const MIN: i64 = 60_000;

fn t(text: &str) -> DateTime<Utc> {
    parse_instant("t", text).unwrap()
}

fn fmt(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(format_instant)
}

fn office() -> Value {
    json!({"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]],
        "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}})
}

fn resolution(goal: &str, pause: bool) -> Value {
    let mut m = json!({"id": "resolution", "kind": "resolution", "calendar": "office", "goal": {"business": goal},
        "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]},
        "thresholds": [{"percent": 50}, {"percent": 75}]});
    if pause {
        m["pause"] = json!({"state_in": ["on_hold"]});
    }
    m
}

fn by_priority(switch: Value, p1_pauses: bool) -> PolicySet {
    PolicySet::from_value(&json!({
        "calendars": {"office": office()},
        "selection": "first",
        "switch": switch,
        "policies": [
            {"id": "p1", "applies": {"field_eq": {"field": "priority", "value": "P1"}}, "metrics": [resolution("PT4H", p1_pauses)]},
            {"id": "p3", "applies": {"field_eq": {"field": "priority", "value": "P3"}}, "metrics": [resolution("PT16H", true)]}
        ]
    }))
    .unwrap()
}

/// Monday 09:00 created as P3; on hold 10:00-11:00; raised to P1 at 13:00.
fn raised_to_p1() -> Timeline {
    Timeline::from_value(&json!({
        "id": "INC-7", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "new", "priority": "P3"},
        "events": [
            {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "on_hold"}},
            {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"state": "in_progress"}},
            {"at": "2026-11-23T13:00:00Z", "type": "update", "set": {"priority": "P1"}}
        ]
    }))
    .unwrap()
}

#[test]
fn before_the_change_the_p3_policy_judges() {
    let e = by_priority(json!("keep_elapsed"), true)
        .evaluate(&raised_to_p1(), t("2026-11-23T12:00:00Z"))
        .unwrap();
    assert_eq!(
        (e.matched.as_slice(), e.selected.as_slice()),
        (&["p3".to_string()][..], &["p3".to_string()][..])
    );
    let c = &e.metrics[0].cycles[0];
    assert_eq!(
        (
            e.metrics[0].policy.as_str(),
            c.goal.num_milliseconds(),
            c.elapsed.num_milliseconds()
        ),
        ("p3", 16 * H, 2 * H)
    );
}

#[test]
fn keep_elapsed_applies_the_new_goal_to_the_time_counted_so_far() {
    let e = by_priority(json!("keep_elapsed"), true)
        .evaluate(&raised_to_p1(), t("2026-11-23T13:30:00Z"))
        .unwrap();
    let m = &e.metrics[0];
    assert_eq!(m.policy, "p1");
    let c = &m.cycles[0];
    assert_eq!(
        (
            c.goal.num_milliseconds(),
            c.elapsed.num_milliseconds(),
            c.status
        ),
        (4 * H, 3 * H + 30 * MIN, Status::Running)
    );
    assert_eq!(fmt(c.deadline).as_deref(), Some("2026-11-23T14:00:00.000Z"));
    // 50 % (2h) and 75 % (3h) were passed before the change: crossed at the change.
    let crossed: Vec<(bool, String)> = c
        .thresholds
        .iter()
        .map(|x| (x.crossed, format_instant(x.at)))
        .collect();
    assert_eq!(
        crossed,
        vec![
            (true, "2026-11-23T13:00:00.000Z".into()),
            (true, "2026-11-23T13:00:00.000Z".into())
        ]
    );
    assert_eq!(
        fmt(e.next_wakeup).as_deref(),
        Some("2026-11-23T14:00:00.001Z")
    );
}

#[test]
fn restart_starts_a_new_clock_at_the_change() {
    let e = by_priority(json!("restart"), true)
        .evaluate(&raised_to_p1(), t("2026-11-23T13:30:00Z"))
        .unwrap();
    let c = &e.metrics[0].cycles[0];
    assert_eq!(
        (c.elapsed.num_milliseconds(), fmt(c.started_at).as_deref()),
        (30 * MIN, Some("2026-11-23T13:00:00.000Z"))
    );
    assert_eq!(fmt(c.deadline).as_deref(), Some("2026-11-23T17:00:00.000Z"));
    assert_eq!(
        fmt(e.next_wakeup).as_deref(),
        Some("2026-11-23T15:00:00.000Z"),
        "the 50 % threshold comes first"
    );
}

#[test]
fn retroactive_recomputes_from_creation_with_or_without_past_pauses() {
    let with = by_priority(
        json!({"retroactive": {"anchor": "created", "pauses": true}}),
        true,
    );
    let c = &with
        .evaluate(&raised_to_p1(), t("2026-11-23T13:30:00Z"))
        .unwrap()
        .metrics[0]
        .cycles[0];
    assert_eq!(
        (c.elapsed.num_milliseconds(), c.paused.num_milliseconds()),
        (3 * H + 30 * MIN, H)
    );
    let without = by_priority(
        json!({"retroactive": {"anchor": "created", "pauses": false}}),
        true,
    );
    let c = &without
        .evaluate(&raised_to_p1(), t("2026-11-23T13:30:00Z"))
        .unwrap()
        .metrics[0]
        .cycles[0];
    assert_eq!(
        (
            c.elapsed.num_milliseconds(),
            c.paused.num_milliseconds(),
            c.status
        ),
        (4 * H + 30 * MIN, 0, Status::Breached)
    );
    // The goal was reached at 13:00, the instant of the change itself.
    assert_eq!(
        fmt(c.breached_at).as_deref(),
        Some("2026-11-23T13:00:00.000Z")
    );
}

#[test]
fn a_shrunk_goal_breaches_at_the_change_not_in_the_past() {
    // Raised at 16:00 with 6h elapsed: the 4h goal was passed at 15:00, before the change.
    let record = Timeline::from_value(&json!({
        "id": "INC-8", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "new", "priority": "P3"},
        "events": [{"at": "2026-11-23T15:00:00Z", "type": "update", "set": {"priority": "P1"}}]
    }))
    .unwrap();
    let e = by_priority(json!("keep_elapsed"), true)
        .evaluate(&record, t("2026-11-23T15:30:00Z"))
        .unwrap();
    let c = &e.metrics[0].cycles[0];
    assert_eq!(c.status, Status::Breached);
    assert_eq!(fmt(c.deadline).as_deref(), Some("2026-11-23T13:00:00.000Z"));
    assert_eq!(
        fmt(c.breached_at).as_deref(),
        Some("2026-11-23T15:00:00.000Z")
    );
    assert!(
        c.thresholds
            .iter()
            .all(|x| x.crossed && format_instant(x.at) == "2026-11-23T15:00:00.000Z")
    );
    assert_eq!(e.next_wakeup, None);
}

#[test]
fn clocks_of_a_policy_that_no_longer_matches_are_removed() {
    let set = PolicySet::from_value(&json!({
        "policies": [
            {"id": "network-ola", "type": "ola", "applies": {"field_eq": {"field": "assignment_group", "value": "network"}},
             "metrics": [{"id": "ola", "goal": {"wall": "PT2H"}, "start": {"always": true}, "stop": {"state_in": ["resolved"]}}]},
            {"id": "sla", "applies": {"always": true},
             "metrics": [{"id": "resolution", "goal": {"wall": "PT8H"}, "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]}}]}
        ]
    }))
    .unwrap();
    let record = Timeline::from_value(&json!({
        "id": "INC-9", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "new"},
        "events": [
            {"at": "2026-11-23T09:30:00Z", "type": "assigned", "set": {"assignment_group": "network"}},
            {"at": "2026-11-23T10:00:00Z", "type": "assigned", "set": {"assignment_group": "desk"}}
        ]
    }))
    .unwrap();
    let ids = |now: &str| -> Vec<String> {
        set.evaluate(&record, t(now))
            .unwrap()
            .metrics
            .iter()
            .map(|m| format!("{}/{}", m.policy, m.metric))
            .collect()
    };
    assert_eq!(
        ids("2026-11-23T09:45:00Z"),
        ["network-ola/ola", "sla/resolution"]
    );
    assert_eq!(ids("2026-11-23T10:30:00Z"), ["sla/resolution"]);
    let e = set.evaluate(&record, t("2026-11-23T09:45:00Z")).unwrap();
    assert_eq!(e.metrics[0].contract, itsm_core::sla::Contract::Ola);
    assert_eq!(
        fmt(e.metrics[0].cycles[0].started_at).as_deref(),
        Some("2026-11-23T09:30:00.000Z")
    );
}

#[test]
fn shortest_and_longest_pick_by_the_first_metric_goal() {
    let policies = json!([
        {"id": "gold", "applies": {"always": true}, "metrics": [{"id": "r", "goal": {"wall": "PT2H"}, "start": {"always": true}, "stop": {"always": false}}]},
        {"id": "silver", "applies": {"always": true}, "metrics": [{"id": "r", "goal": {"wall": "PT8H"}, "start": {"always": true}, "stop": {"always": false}}]}
    ]);
    let record =
        Timeline::from_value(&json!({"id": "X", "created_at": "2026-11-23T09:00:00Z"})).unwrap();
    for (selection, expected) in [
        ("shortest", "gold"),
        ("longest", "silver"),
        ("first", "gold"),
    ] {
        let set =
            PolicySet::from_value(&json!({"selection": selection, "policies": policies})).unwrap();
        let e = set.evaluate(&record, t("2026-11-23T10:00:00Z")).unwrap();
        assert_eq!(e.selected, [expected], "{selection}");
        assert_eq!(e.matched, ["gold", "silver"]);
    }
    let all = PolicySet::from_value(&json!({"selection": "all", "policies": policies})).unwrap();
    let e = all.evaluate(&record, t("2026-11-23T10:00:00Z")).unwrap();
    assert_eq!(
        e.metrics.len(),
        1,
        "metric id r is one clock, judged by the first policy"
    );
    assert_eq!(e.metrics[0].policy, "gold");
}

#[test]
fn thresholds_by_offset_count_back_across_days_and_move_into_hours() {
    let set = PolicySet::from_value(&json!({
        "calendars": {"office": office()},
        "policies": [{"id": "p", "applies": {"always": true}, "metrics": [{
            "id": "r", "calendar": "office", "goal": {"business": "PT8H"},
            "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]},
            "thresholds": [
                {"name": "2h before", "before_deadline": "PT2H"},
                {"name": "wall 20h before", "before_deadline": "PT20H", "wall": true},
                {"name": "wall 20h before, in hours", "before_deadline": "PT20H", "wall": true, "in_business_hours": true},
                {"name": "1h after", "after_deadline": "PT1H"}
            ]}]}]
    }))
    .unwrap();
    // Created Monday 14:00: the deadline is Tuesday 14:00.
    let record = Timeline::from_value(
        &json!({"id": "Y", "created_at": "2026-11-23T14:00:00Z", "fields": {"state": "new"}}),
    )
    .unwrap();
    let e = set.evaluate(&record, t("2026-11-23T15:00:00Z")).unwrap();
    let c = &e.metrics[0].cycles[0];
    assert_eq!(fmt(c.deadline).as_deref(), Some("2026-11-24T14:00:00.000Z"));
    let at: Vec<String> = c.thresholds.iter().map(|x| format_instant(x.at)).collect();
    assert_eq!(
        at,
        [
            "2026-11-24T12:00:00.000Z", // two business hours back, on Tuesday
            "2026-11-23T18:00:00.000Z", // twenty wall hours back: Monday evening
            "2026-11-24T09:00:00.000Z", // ... moved to Tuesday's opening
            "2026-11-24T15:00:00.000Z",
        ]
    );
    assert!(c.thresholds.iter().all(|x| !x.crossed));
    assert_eq!(
        fmt(e.next_wakeup).as_deref(),
        Some("2026-11-23T18:00:00.000Z")
    );
}

#[test]
fn a_batch_evaluates_each_record_on_its_own() {
    let set = by_priority(json!("keep_elapsed"), true);
    let early = Timeline::from_value(
        &json!({"id": "late", "created_at": "2026-12-01T09:00:00Z", "fields": {"priority": "P1"}}),
    )
    .unwrap();
    let results = set.evaluate_batch(&[raised_to_p1(), early], t("2026-11-24T09:00:00Z"));
    assert!(results[0].is_ok());
    assert_eq!(results[1].as_ref().unwrap_err().code(), "invalid_argument");
}

#[test]
fn bad_policy_documents_name_their_path() {
    let cases = [
        (
            json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": [{"id": "m", "calendar": "ofice", "goal": {"wall": "PT1H"}, "start": {"always": true}, "stop": {"always": false}}]}], "calendars": {"office": office()}}),
            "policies[0].metrics[0].calendar: unknown calendar \"ofice\"; the set has office",
        ),
        (
            json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": []}]}),
            "policies[0].metrics: needs at least one element",
        ),
        (
            json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": [{"id": "m", "goal": {"wall": "PT1H"}, "start": {"always": true}, "stop": {"always": false}}]},
                            {"id": "p", "applies": {"always": true}, "metrics": [{"id": "m", "goal": {"wall": "PT1H"}, "start": {"always": true}, "stop": {"always": false}}]}]}),
            "policies[1].id: duplicate policy id \"p\"",
        ),
        (
            json!({"selection": "best", "policies": []}),
            "selection: unknown variant `best`, expected one of `all`, `first`, `shortest`, `longest`",
        ),
        (
            json!({"calendars": {"office": {"time_zone": "UTC", "week": {"mon": [["10:00", "09:00"]]}}}, "policies": []}),
            "calendars.office.week.mon[0]: end 09:00 is before start 10:00",
        ),
        (
            json!({"switch": {"retroactive": {"anchor": "assigned"}}, "policies": []}),
            "switch.retroactive.anchor: unknown variant `assigned`, expected `created` or `first_set`",
        ),
        (
            json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": [{"id": "m", "goal": {"wall": "PT1H"}, "start": {"always": true}, "stop": {"always": false},
            "thresholds": [{"percent": 33.333}]}]}]}),
            "policies[0].metrics[0].thresholds[0].percent: expected a percentage from 0 to 100000 with at most two decimals, found 33.333",
        ),
    ];
    for (doc, message) in cases {
        let err = PolicySet::from_value(&doc).unwrap_err();
        assert_eq!(
            (err.code(), err.to_string()),
            ("invalid_config", message.to_string())
        );
    }
}

#[test]
fn lint_finds_the_known_traps() {
    let set = PolicySet::from_value(&json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": [
        {"id": "a", "goal": {"wall": "PT1H"}, "start": {"state_in": ["new"]}, "stop": {"state_in": ["resolved"]}, "pause": {"state_in": ["new", "on_hold"]}},
        {"id": "b", "goal": {"wall": "PT1H"}, "start": {"state_in": ["new", "in_progress"]}, "stop": {"state_in": ["resolved"]}, "pause": {"state_in": ["on_hold"]},
         "cancel": {"not": {"state_in": ["new", "in_progress", "resolved"]}}},
        {"id": "c", "goal": {"wall": "PT1H"}, "start": {"state_in": ["new", "in_progress"]}, "stop": {"state_in": ["resolved"]}, "pause": {"state_in": ["on_hold"]},
         "cancel": {"state_in": ["cancelled"]}},
        {"id": "d", "goal": {"wall": "PT1H"}, "start": {"state_in": ["resolved"]}, "stop": {"state_in": ["resolved", "closed"]}}
    ]}]})).unwrap();
    let findings: Vec<(String, &str)> = set.lint().into_iter().map(|f| (f.path, f.code)).collect();
    assert_eq!(
        findings,
        [
            (
                "policies[0].metrics[0].pause".to_string(),
                "pause_inside_start"
            ),
            (
                "policies[0].metrics[1].cancel".to_string(),
                "start_excludes_pause"
            ),
            (
                "policies[0].metrics[3].start".to_string(),
                "start_inside_stop"
            ),
        ]
    );
}

#[test]
fn keeping_elapsed_across_calendars_keeps_what_was_counted() {
    // P1 counts around the clock, P3 in office hours: lowered from P1 to P3 on
    // Monday 09:00 after a weekend, the 63 wall hours since Friday 18:00 stay.
    let set = PolicySet::from_value(&json!({
        "calendars": {"office": office()},
        "selection": "first",
        "policies": [
            {"id": "p1", "applies": {"field_eq": {"field": "priority", "value": "P1"}},
             "metrics": [{"id": "resolution", "goal": {"wall": "PT100H"}, "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]}}]},
            {"id": "p3", "applies": {"field_eq": {"field": "priority", "value": "P3"}},
             "metrics": [{"id": "resolution", "calendar": "office", "goal": {"business": "PT70H"}, "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved"]}}]}
        ]
    }))
    .unwrap();
    let record = Timeline::from_value(&json!({
        "id": "INC-10", "created_at": "2026-11-20T18:00:00Z", "fields": {"state": "new", "priority": "P1"},
        "events": [{"at": "2026-11-23T09:00:00Z", "type": "update", "set": {"priority": "P3"}}]
    }))
    .unwrap();
    let e = set.evaluate(&record, t("2026-11-23T12:00:00Z")).unwrap();
    let c = &e.metrics[0].cycles[0];
    assert_eq!(
        (e.metrics[0].policy.as_str(), c.elapsed.num_milliseconds()),
        ("p3", 63 * H + 3 * H)
    );
    // 4 business hours left from 12:00: Monday 16:00.
    assert_eq!(fmt(c.deadline).as_deref(), Some("2026-11-23T16:00:00.000Z"));
}
