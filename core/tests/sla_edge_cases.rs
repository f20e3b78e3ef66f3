//! Edge cases of clocks and calendars: events that start and stop at once,
//! reopening under another policy, switches that do not change the goal, and
//! holidays that move across New Year.

use chrono::{DateTime, Utc};
use itsm_core::sla::{PolicySet, Status};
use itsm_core::{Calendar, Timeline, format_instant, parse_instant};
use serde_json::{Value, json};

const H: i64 = 3_600_000;

fn t(text: &str) -> DateTime<Utc> {
    parse_instant("t", text).unwrap()
}

fn fmt(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(format_instant)
}

fn record(fields: Value, events: Value) -> Timeline {
    Timeline::from_value(&json!({"id": "X", "created_at": "2026-11-23T09:00:00Z", "fields": fields, "events": events})).unwrap()
}

fn metric(goal: Value, extra: Value) -> Value {
    let mut m = json!({"id": "resolution", "goal": goal, "start": {"event_is": ["created"]},
        "stop": {"state_in": ["resolved", "closed"]}, "thresholds": [{"percent": 75}]});
    for (k, v) in extra.as_object().unwrap() {
        m[k] = v.clone();
    }
    m
}

fn by_field(field: &str, first: (&str, Value), second: (&str, Value)) -> PolicySet {
    PolicySet::from_value(&json!({"selection": "first", "policies": [
        {"id": first.0, "applies": {"field_eq": {"field": field, "value": first.0}}, "metrics": [first.1]},
        {"id": second.0, "applies": {"field_eq": {"field": field, "value": second.0}}, "metrics": [second.1]}
    ]}))
    .unwrap()
}

#[test]
fn a_record_created_resolved_is_met_at_once() {
    let set = PolicySet::from_value(
        &json!({"policies": [{"id": "p", "applies": {"always": true},
        "metrics": [metric(json!({"wall": "PT4H"}), json!({}))]}]}),
    )
    .unwrap();
    let e = set
        .evaluate(
            &record(json!({"state": "resolved"}), json!([])),
            t("2026-11-24T09:00:00Z"),
        )
        .unwrap();
    let c = &e.metrics[0].cycles[0];
    assert_eq!((c.status, c.elapsed.num_milliseconds()), (Status::Met, 0));
    assert_eq!(
        fmt(c.stopped_at).as_deref(),
        Some("2026-11-23T09:00:00.000Z")
    );
}

#[test]
fn closing_a_resolved_record_is_not_a_reopen_even_when_the_condition_says_so() {
    let reopen = json!({"reopen": {"when": {"changes_from": {"field": "state", "values": ["resolved"]}}, "policy": "new_cycle"}});
    let set = PolicySet::from_value(
        &json!({"policies": [{"id": "p", "applies": {"always": true},
        "metrics": [metric(json!({"wall": "PT4H"}), reopen)]}]}),
    )
    .unwrap();
    let events = json!([
        {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "resolved"}},
        {"at": "2026-11-26T10:00:00Z", "type": "update", "set": {"state": "closed"}}
    ]);
    let e = set
        .evaluate(
            &record(json!({"state": "new"}), events),
            t("2026-11-30T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(e.metrics[0].cycles.len(), 1);
    assert_eq!(
        (
            e.metrics[0].cycles[0].status,
            e.metrics[0].cycles[0].elapsed.num_milliseconds()
        ),
        (Status::Met, H)
    );
}

#[test]
fn a_clock_reopened_after_a_switch_is_judged_by_the_new_policy() {
    let reopen = json!({"reopen": {"when": {"changes_from": {"field": "state", "values": ["resolved"]}}, "policy": "continue_paused"}});
    let set = by_field(
        "priority",
        ("P3", metric(json!({"wall": "PT8H"}), reopen.clone())),
        ("P1", metric(json!({"wall": "PT4H"}), reopen)),
    );
    let events = json!([
        {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "resolved"}},
        {"at": "2026-11-23T10:30:00Z", "type": "update", "set": {"priority": "P1"}},
        {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"state": "in_progress"}}
    ]);
    let e = set
        .evaluate(
            &record(json!({"state": "new", "priority": "P3"}), events),
            t("2026-11-23T20:00:00Z"),
        )
        .unwrap();
    let c = &e.metrics[0].cycles[0];
    // 1 h before the resolution, 9 h since the reopen: past P1's 4 hours.
    assert_eq!(
        (
            e.metrics[0].policy.as_str(),
            c.goal.num_milliseconds(),
            c.elapsed.num_milliseconds(),
            c.status
        ),
        ("P1", 4 * H, 10 * H, Status::Breached)
    );
    assert_eq!(
        c.paused_by_reason
            .get("resolved")
            .map(|d| d.num_milliseconds())
            .as_ref(),
        Some(&H)
    );
}

#[test]
fn a_switch_that_keeps_the_goal_keeps_past_crossings_where_they_were() {
    let set = by_field(
        "service",
        ("email", metric(json!({"wall": "PT4H"}), json!({}))),
        ("vpn", metric(json!({"wall": "PT4H"}), json!({}))),
    );
    let events =
        json!([{"at": "2026-11-23T15:00:00Z", "type": "update", "set": {"service": "vpn"}}]);
    let e = set
        .evaluate(
            &record(json!({"state": "new", "service": "email"}), events),
            t("2026-11-23T16:00:00Z"),
        )
        .unwrap();
    let c = &e.metrics[0].cycles[0];
    assert_eq!(e.metrics[0].policy, "vpn");
    assert_eq!(
        fmt(c.breached_at).as_deref(),
        Some("2026-11-23T13:00:00.000Z")
    );
    assert_eq!(
        format_instant(c.thresholds[0].at),
        "2026-11-23T12:00:00.000Z"
    );
}

#[test]
fn reopened_time_is_named_by_the_state_and_empty_reasons_fall_back() {
    let set = PolicySet::from_value(&json!({"policies": [{"id": "p", "applies": {"always": true}, "metrics": [metric(
        json!({"wall": "PT40H"}),
        json!({"pause": {"state_in": ["on_hold"]}, "pause_reason_field": "hold_reason",
               "reopen": {"when": {"changes_from": {"field": "state", "values": ["resolved"]}}, "policy": "continue_paused"}}),
    )]}]})).unwrap();
    let events = json!([
        {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "on_hold", "hold_reason": "awaiting_caller"}},
        {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"state": "resolved"}},
        {"at": "2026-11-23T13:00:00Z", "type": "update", "set": {"state": "on_hold", "hold_reason": ""}},
        {"at": "2026-11-23T14:00:00Z", "type": "update", "set": {"state": "in_progress"}},
        {"at": "2026-11-23T14:00:00Z", "type": "update", "set": {"state": "on_hold", "hold_reason": "vendor"}},
        {"at": "2026-11-23T14:00:00Z", "type": "update", "set": {"state": "in_progress"}}
    ]);
    let e = set
        .evaluate(
            &record(json!({"state": "new"}), events),
            t("2026-11-23T15:00:00Z"),
        )
        .unwrap();
    let c = &e.metrics[0].cycles[0];
    let reasons: Vec<(&str, i64)> = c
        .paused_by_reason
        .iter()
        .map(|(k, v)| (k.as_str(), v.num_milliseconds()))
        .collect();
    // The resolved time under "resolved", the empty reason under the state, and
    // no zero-length "vendor" entry.
    assert_eq!(
        reasons,
        [("awaiting_caller", H), ("on_hold", H), ("resolved", 2 * H)]
    );
}

#[test]
fn first_set_anchors_before_the_switch() {
    let set = PolicySet::from_value(&json!({
        "selection": "first", "switch": {"retroactive": {"anchor": {"first_set": "assignment_group"}, "pauses": false}},
        "policies": [
            {"id": "P1", "applies": {"field_eq": {"field": "priority", "value": "P1"}}, "metrics": [metric(json!({"wall": "PT4H"}), json!({}))]},
            {"id": "P3", "applies": {"field_eq": {"field": "priority", "value": "P3"}}, "metrics": [metric(json!({"wall": "PT8H"}), json!({}))]}
        ]})).unwrap();
    let events = json!([{"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"priority": "P1", "assignment_group": "network"}}]);
    let e = set
        .evaluate(
            &record(json!({"state": "new", "priority": "P3"}), events),
            t("2026-11-23T11:00:00Z"),
        )
        .unwrap();
    let c = &e.metrics[0].cycles[0];
    // Set only by the switch itself: the anchor falls back to the creation.
    assert_eq!(
        (fmt(c.started_at).as_deref(), c.elapsed.num_milliseconds()),
        (Some("2026-11-23T09:00:00.000Z"), 2 * H)
    );
}

#[test]
fn holidays_that_move_across_new_year_do_not_depend_on_earlier_queries() {
    let doc = json!({"time_zone": "UTC", "week": "24x7", "holidays": [
        {"annual": "12-31", "observed": "next_monday"}, {"easter": 300}]});
    let fresh = Calendar::from_value(&doc).unwrap();
    let warm = Calendar::from_value(&doc).unwrap();
    warm.is_working(t("2024-01-03T05:00:00Z")).unwrap();
    warm.is_working(t("2028-01-20T00:00:00Z")).unwrap();
    for calendar in [&fresh, &warm] {
        // 31 Dec 2022 was a Saturday: observed on Monday 2 January 2023.
        assert!(!calendar.is_working(t("2023-01-02T10:00:00Z")).unwrap());
        // Easter 2026 (5 April) + 300 days is 30 January 2027.
        assert!(!calendar.is_working(t("2027-01-30T10:00:00Z")).unwrap());
        assert_eq!(
            calendar
                .business_duration(t("2027-01-29T00:00:00Z"), t("2027-02-02T00:00:00Z"))
                .unwrap()
                .num_hours(),
            72
        );
    }
}

#[test]
fn hand_built_documents_do_not_panic() {
    use itsm_core::calendar::{CalendarSpec, CompositeCalendar, SetOperation, TimeOfDay};
    assert_eq!(TimeOfDay::from_hms(1_193_046, 59, 59), None);
    let empty = CalendarSpec::Composite(CompositeCalendar {
        name: None,
        time_zone: None,
        operation: SetOperation::Union,
        members: vec![],
    });
    assert_eq!(empty.time_zone(), chrono_tz::UTC);
    assert_eq!(
        Calendar::from_spec(empty).unwrap_err().code(),
        "invalid_config"
    );
}

#[test]
fn relabelling_a_hold_keeps_the_paused_deadline() {
    let set = PolicySet::from_value(&json!({
    "calendars": {"office": {"time_zone": "UTC", "week": {
        "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
        "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}}},
    "policies": [{"id": "p", "applies": {"always": true}, "metrics": [metric(
        json!({"business": "PT8H"}),
        json!({"calendar": "office", "stop": {"state_in": ["resolved"]},
               "pause": {"state_in": ["on_hold", "pending"]}}),
    )]}]}))
    .unwrap();
    let events = json!([
        {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "on_hold"}},
        {"at": "2026-11-24T10:00:00Z", "type": "update", "set": {"state": "pending"}}
    ]);
    let timeline = record(json!({"state": "open"}), events);
    let read = |now: &str| {
        let e = set.evaluate(&timeline, t(now)).unwrap();
        let c = &e.metrics[0].cycles[0];
        let projection = (
            c.status,
            c.elapsed.num_milliseconds(),
            fmt(c.deadline),
            format_instant(c.thresholds[0].at),
            c.thresholds[0].crossed,
        );
        let reasons: Vec<(String, i64)> = c
            .paused_by_reason
            .clone()
            .into_iter()
            .map(|(r, d)| (r, d.num_milliseconds()))
            .collect();
        (projection, reasons)
    };
    // 1 h counted before the hold: 7 h are left from Monday 10:00, so the
    // deadline stands at Monday 17:00 and 75 % (6 h) at Monday 15:00.
    let projected = (
        Status::Paused,
        H,
        Some("2026-11-23T17:00:00.000Z".to_owned()),
        "2026-11-23T15:00:00.000Z".to_owned(),
        false,
    );
    let (before, before_reasons) = read("2026-11-24T09:59:00Z");
    let (after, after_reasons) = read("2026-11-24T10:01:00Z");
    assert_eq!(before, projected);
    assert_eq!(after, projected);
    // Monday 10-17 and Tuesday 09-10 on hold, then one minute pending.
    assert_eq!(
        before_reasons,
        [("on_hold".to_owned(), 7 * H + 59 * 60_000)]
    );
    assert_eq!(
        after_reasons,
        [
            ("on_hold".to_owned(), 8 * H),
            ("pending".to_owned(), 60_000)
        ]
    );
}
