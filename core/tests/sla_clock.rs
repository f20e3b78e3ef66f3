//! SLA clocks on a virtual clock: a script of events, and the clock read at a
//! series of `now` values, checking status, elapsed time, deadline and
//! `next_wakeup` at each step.

use chrono::{DateTime, Utc};
use itsm_core::sla::{Metric, Status};
use itsm_core::{Calendar, Timeline, format_instant, parse_instant};
use serde_json::json;

const H: i64 = 3_600_000;
const MIN: i64 = 60_000;

fn t(text: &str) -> DateTime<Utc> {
    parse_instant("t", text).unwrap()
}

fn office() -> Calendar {
    Calendar::from_value(&json!({"time_zone": "UTC", "week": {
        "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
        "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]}}))
    .unwrap()
}

fn resolution(extra: serde_json::Value) -> Metric {
    let mut doc = json!({
        "id": "resolution", "kind": "resolution", "goal": {"business": "PT8H"},
        "start": {"event_is": ["created"]},
        "stop": {"state_in": ["resolved", "closed"]},
        "pause": {"state_in": ["on_hold"]},
        "pause_reason_field": "hold_reason"
    });
    for (k, v) in extra.as_object().unwrap() {
        doc[k] = v.clone();
    }
    Metric::from_value(&doc).unwrap()
}

fn timeline(events: serde_json::Value) -> Timeline {
    Timeline::from_value(&json!({
        "id": "INC-1", "created_at": "2026-11-23T09:00:00Z",
        "fields": {"state": "new", "priority": "P3"},
        "events": events
    }))
    .unwrap()
}

fn fmt(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(format_instant)
}

/// Monday 09:00 created; 10:00 in progress; 11:00 on hold awaiting the caller;
/// Tuesday 10:00 back in progress; Tuesday 15:00 resolved.
fn held_then_resolved() -> Timeline {
    timeline(json!([
        {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "in_progress"}},
        {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"state": "on_hold", "hold_reason": "awaiting_caller"}},
        {"at": "2026-11-24T10:00:00Z", "type": "update", "set": {"state": "in_progress", "hold_reason": null}},
        {"at": "2026-11-24T15:00:00Z", "type": "update", "set": {"state": "resolved"}}
    ]))
}

#[test]
fn a_script_read_at_each_step() {
    let metric = resolution(json!({}));
    let cal = office();
    let record = held_then_resolved();
    // (now, status, elapsed, deadline, next_wakeup)
    let steps: [(&str, Status, i64, &str, Option<&str>); 6] = [
        (
            "2026-11-23T10:30:00Z",
            Status::Running,
            90 * MIN,
            "2026-11-23T17:00:00.000Z",
            Some("2026-11-24T09:00:00.001Z"),
        ),
        (
            "2026-11-23T12:00:00Z",
            Status::Paused,
            2 * H,
            "2026-11-23T17:00:00.000Z",
            None,
        ),
        (
            "2026-11-24T09:30:00Z",
            Status::Paused,
            2 * H,
            "2026-11-23T17:00:00.000Z",
            None,
        ),
        (
            "2026-11-24T12:00:00Z",
            Status::Running,
            4 * H,
            "2026-11-24T16:00:00.000Z",
            Some("2026-11-24T16:00:00.001Z"),
        ),
        (
            "2026-11-24T15:00:00Z",
            Status::Met,
            7 * H,
            "2026-11-24T16:00:00.000Z",
            None,
        ),
        (
            "2026-12-31T00:00:00Z",
            Status::Met,
            7 * H,
            "2026-11-24T16:00:00.000Z",
            None,
        ),
    ];
    for (now, status, elapsed, deadline, wakeup) in steps {
        let results = metric.evaluate(&cal, &record, t(now)).unwrap();
        assert_eq!(results.len(), 1, "{now}");
        let r = &results[0];
        assert_eq!(r.status, status, "status at {now}");
        assert_eq!(r.elapsed.num_milliseconds(), elapsed, "elapsed at {now}");
        assert_eq!(
            fmt(r.deadline).as_deref(),
            Some(deadline),
            "deadline at {now}"
        );
        assert_eq!(fmt(r.next_wakeup).as_deref(), wakeup, "wakeup at {now}");
        assert_eq!(
            fmt(r.original_deadline).as_deref(),
            Some("2026-11-23T17:00:00.000Z")
        );
    }
    let done = &metric
        .evaluate(&cal, &record, t("2026-12-31T00:00:00Z"))
        .unwrap()[0];
    assert_eq!(
        done.paused.num_milliseconds(),
        7 * H,
        "Monday 11-17 and Tuesday 09-10 in business time"
    );
    assert_eq!(
        done.paused_by_reason
            .get("awaiting_caller")
            .map(|d| d.num_milliseconds())
            .as_ref(),
        Some(&(7 * H))
    );
    assert_eq!(done.percent, Some(87.5));
    assert_eq!(done.remaining.num_milliseconds(), H);
    assert_eq!(
        fmt(done.stopped_at).as_deref(),
        Some("2026-11-24T15:00:00.000Z")
    );
    assert_eq!(done.elapsed_wall.num_milliseconds(), 2 * H + 5 * H);
}

#[test]
fn running_past_the_goal_is_breached_with_its_overrun() {
    let metric = resolution(json!({}));
    let record = timeline(json!([]));
    let r = &metric
        .evaluate(&office(), &record, t("2026-11-24T10:30:00Z"))
        .unwrap()[0];
    assert_eq!(r.status, Status::Breached);
    assert_eq!(r.elapsed.num_milliseconds(), 9 * H + 30 * MIN);
    assert_eq!(r.overrun.num_milliseconds(), 90 * MIN);
    assert_eq!(
        fmt(r.breached_at).as_deref(),
        Some("2026-11-23T17:00:00.000Z")
    );
    assert_eq!(
        fmt(r.deadline_next_opening).as_deref(),
        Some("2026-11-24T09:00:00.000Z")
    );
    assert_eq!(r.next_wakeup, None);
}

#[test]
fn met_to_the_millisecond_versus_breached() {
    let metric = resolution(json!({}));
    let at_deadline = timeline(
        json!([{"at": "2026-11-23T17:00:00Z", "type": "update", "set": {"state": "resolved"}}]),
    );
    let r = &metric
        .evaluate(&office(), &at_deadline, t("2026-11-30T00:00:00Z"))
        .unwrap()[0];
    assert_eq!(
        (r.status, r.elapsed.num_milliseconds(), r.percent),
        (Status::Met, 8 * H, Some(100.0))
    );
    let one_ms_late = timeline(
        json!([{"at": "2026-11-24T09:00:00.001Z", "type": "update", "set": {"state": "resolved"}}]),
    );
    let r = &metric
        .evaluate(&office(), &one_ms_late, t("2026-11-30T00:00:00Z"))
        .unwrap()[0];
    assert_eq!(
        (r.status, r.overrun.num_milliseconds()),
        (Status::Breached, 1)
    );
    assert!(r.percent.unwrap() > 100.0);
}

#[test]
fn a_pause_in_closed_hours_changes_nothing() {
    let metric = resolution(json!({}));
    let plain = timeline(
        json!([{"at": "2026-11-24T12:00:00Z", "type": "update", "set": {"state": "resolved"}}]),
    );
    let paused_overnight = timeline(json!([
        {"at": "2026-11-23T18:00:00Z", "type": "update", "set": {"state": "on_hold", "hold_reason": "vendor"}},
        {"at": "2026-11-24T08:00:00Z", "type": "update", "set": {"state": "in_progress"}},
        {"at": "2026-11-24T12:00:00Z", "type": "update", "set": {"state": "resolved"}}
    ]));
    let now = t("2026-11-30T00:00:00Z");
    let a = &metric.evaluate(&office(), &plain, now).unwrap()[0];
    let b = &metric.evaluate(&office(), &paused_overnight, now).unwrap()[0];
    assert_eq!(
        (a.elapsed.num_milliseconds(), a.deadline, a.status),
        (b.elapsed.num_milliseconds(), b.deadline, b.status)
    );
    assert_eq!(
        b.paused_by_reason
            .get("vendor")
            .map(|d| d.num_milliseconds())
            .as_ref(),
        Some(&0)
    );
}

#[test]
fn wall_goals_count_nights_but_not_pauses() {
    let metric = resolution(json!({"goal": {"wall": "PT24H"}}));
    let record = timeline(json!([
        {"at": "2026-11-23T12:00:00Z", "type": "update", "set": {"state": "on_hold"}},
        {"at": "2026-11-23T14:00:00Z", "type": "update", "set": {"state": "in_progress"}}
    ]));
    let r = &metric
        .evaluate(&office(), &record, t("2026-11-24T09:00:00Z"))
        .unwrap()[0];
    assert_eq!(r.elapsed.num_milliseconds(), 22 * H);
    assert_eq!(
        r.paused_by_reason
            .get("on_hold")
            .map(|d| d.num_milliseconds())
            .as_ref(),
        Some(&(2 * H))
    );
    assert_eq!(fmt(r.deadline).as_deref(), Some("2026-11-24T11:00:00.000Z"));
    assert_eq!(
        fmt(r.next_wakeup).as_deref(),
        Some("2026-11-24T11:00:00.001Z")
    );
}

#[test]
fn working_day_goals_extend_by_pauses() {
    let metric = resolution(json!({"goal": {"working_days": 2, "mode": "end_of_day"}}));
    // Two working days from Monday 09:00 end Wednesday 17:00: 24 business hours.
    let r = &metric
        .evaluate(&office(), &timeline(json!([])), t("2026-11-23T10:00:00Z"))
        .unwrap()[0];
    assert_eq!(r.goal.num_milliseconds(), 24 * H);
    assert_eq!(fmt(r.deadline).as_deref(), Some("2026-11-25T17:00:00.000Z"));
}

#[test]
fn negotiated_dates_do_not_move_when_paused() {
    let metric = resolution(json!({"goal": {"negotiated_field": "agreed_by"}}));
    let record = Timeline::from_value(&json!({
        "id": "REQ-1", "created_at": "2026-11-23T09:00:00Z",
        "fields": {"state": "new", "agreed_by": "2026-11-25T12:00:00Z"},
        "events": [
            {"at": "2026-11-23T10:00:00Z", "type": "update", "set": {"state": "on_hold"}},
            {"at": "2026-11-24T10:00:00Z", "type": "update", "set": {"state": "in_progress"}}
        ]
    }))
    .unwrap();
    let r = &metric
        .evaluate(&office(), &record, t("2026-11-24T11:00:00Z"))
        .unwrap()[0];
    assert_eq!(fmt(r.deadline).as_deref(), Some("2026-11-25T12:00:00.000Z"));
    assert_eq!(r.status, Status::Running);
    let late = &metric
        .evaluate(&office(), &record, t("2026-11-25T12:00:00.001Z"))
        .unwrap()[0];
    assert_eq!(late.status, Status::Breached);
}

#[test]
fn cancel_and_reset() {
    let metric = resolution(
        json!({"cancel": {"state_in": ["cancelled"]}, "reset": {"changes": "assignment_group"}}),
    );
    let record = timeline(json!([
        {"at": "2026-11-23T11:00:00Z", "type": "update", "set": {"assignment_group": "network"}},
        {"at": "2026-11-23T12:00:00Z", "type": "update", "set": {"state": "cancelled"}}
    ]));
    let r = &metric
        .evaluate(&office(), &record, t("2026-11-23T11:30:00Z"))
        .unwrap()[0];
    assert_eq!(
        (r.status, r.elapsed.num_milliseconds()),
        (Status::Running, 30 * MIN)
    );
    assert_eq!(
        fmt(r.started_at).as_deref(),
        Some("2026-11-23T11:00:00.000Z")
    );
    let r = &metric
        .evaluate(&office(), &record, t("2026-11-23T15:00:00Z"))
        .unwrap()[0];
    assert_eq!(
        (r.status, r.elapsed.num_milliseconds(), r.next_wakeup),
        (Status::Cancelled, H, None)
    );
}

#[test]
fn reopen_policies() {
    let reopened = timeline(json!([
        {"at": "2026-11-23T13:00:00Z", "type": "update", "set": {"state": "resolved"}},
        {"at": "2026-11-24T10:00:00Z", "type": "update", "set": {"state": "in_progress"}},
        {"at": "2026-11-24T12:00:00Z", "type": "update", "set": {"state": "resolved"}}
    ]));
    let now = t("2026-11-30T00:00:00Z");
    let when = json!({"changes_from": {"field": "state", "values": ["resolved"]}});
    let run = |policy: &str| {
        resolution(json!({"reopen": {"when": when, "policy": policy}}))
            .evaluate(&office(), &reopened, now)
            .unwrap()
    };
    // Continue, resolved time paused: 4h + 2h counted, Monday 13-17 and Tuesday 09-10 paused.
    let r = run("continue_paused");
    assert_eq!(
        (r.len(), r[0].elapsed.num_milliseconds(), r[0].status),
        (1, 6 * H, Status::Met)
    );
    assert_eq!(
        r[0].paused_by_reason
            .get("resolved")
            .map(|d| d.num_milliseconds())
            .as_ref(),
        Some(&(5 * H))
    );
    // Continue counting: the resolved time counts too: 4h + 5h + 2h = 11h.
    let r = run("continue_counting");
    assert_eq!(
        (r[0].elapsed.num_milliseconds(), r[0].status),
        (11 * H, Status::Breached)
    );
    // The first completion stands.
    let r = run("first_completion");
    assert_eq!(
        (
            r.len(),
            r[0].elapsed.num_milliseconds(),
            fmt(r[0].stopped_at).as_deref()
        ),
        (1, 4 * H, Some("2026-11-23T13:00:00.000Z"))
    );
    // A new cycle: the first is kept as it was, the second runs Tuesday 10-12.
    let r = run("new_cycle");
    assert_eq!(r.len(), 2);
    assert_eq!(
        (r[0].cycle, r[0].elapsed.num_milliseconds(), r[0].status),
        (1, 4 * H, Status::Met)
    );
    assert_eq!(
        (r[1].cycle, r[1].elapsed.num_milliseconds(), r[1].status),
        (2, 2 * H, Status::Met)
    );
    assert_eq!(
        fmt(r[1].started_at).as_deref(),
        Some("2026-11-24T10:00:00.000Z")
    );
}

#[test]
fn the_explanation_lists_counted_outside_hours_and_paused() {
    let metric = resolution(json!({}));
    let record = timeline(json!([
        {"at": "2026-11-23T16:00:00Z", "type": "update", "set": {"state": "on_hold", "hold_reason": "vendor"}},
        {"at": "2026-11-23T20:00:00Z", "type": "update", "set": {"state": "in_progress"}}
    ]));
    let r = &metric
        .evaluate(&office(), &record, t("2026-11-24T10:00:00Z"))
        .unwrap()[0];
    let summary: Vec<(String, String, String)> = r
        .explanation
        .iter()
        .map(|s| {
            (
                format!("{:?}", s.kind),
                format_instant(s.from),
                s.reason.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "Counted".into(),
                "2026-11-23T09:00:00.000Z".into(),
                String::new()
            ),
            (
                "Paused".into(),
                "2026-11-23T16:00:00.000Z".into(),
                "vendor".into()
            ),
            (
                "OutsideHours".into(),
                "2026-11-23T20:00:00.000Z".into(),
                String::new()
            ),
            (
                "Counted".into(),
                "2026-11-24T09:00:00.000Z".into(),
                String::new()
            ),
        ]
    );
}

#[test]
fn evaluating_before_creation_is_an_error() {
    let err = resolution(json!({}))
        .evaluate(&office(), &timeline(json!([])), t("2026-11-23T08:00:00Z"))
        .unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
}

#[test]
fn a_clock_that_never_starts_has_no_cycles() {
    let metric = resolution(json!({"start": {"state_in": ["in_progress"]}}));
    assert!(
        metric
            .evaluate(&office(), &timeline(json!([])), t("2026-11-24T08:00:00Z"))
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_explanation_names_holidays() {
    let calendar = Calendar::from_value(&json!({"time_zone": "UTC", "week": {
        "mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]]},
        "holidays": [{"name": "Company day", "date": "2026-11-24"}]}))
    .unwrap();
    let metric = resolution(json!({}));
    let r = &metric
        .evaluate(&calendar, &timeline(json!([])), t("2026-11-25T10:00:00Z"))
        .unwrap()[0];
    let summary: Vec<(String, String, String, String)> = r
        .explanation
        .iter()
        .map(|s| {
            (
                format!("{:?}", s.kind),
                format_instant(s.from),
                format_instant(s.to),
                s.reason.clone().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "Counted".into(),
                "2026-11-23T09:00:00.000Z".into(),
                "2026-11-23T17:00:00.000Z".into(),
                String::new()
            ),
            (
                "OutsideHours".into(),
                "2026-11-23T17:00:00.000Z".into(),
                "2026-11-24T00:00:00.000Z".into(),
                String::new()
            ),
            (
                "Holiday".into(),
                "2026-11-24T00:00:00.000Z".into(),
                "2026-11-25T00:00:00.000Z".into(),
                "Company day".into()
            ),
            (
                "OutsideHours".into(),
                "2026-11-25T00:00:00.000Z".into(),
                "2026-11-25T09:00:00.000Z".into(),
                String::new()
            ),
            (
                "Counted".into(),
                "2026-11-25T09:00:00.000Z".into(),
                "2026-11-25T10:00:00.000Z".into(),
                String::new()
            ),
        ]
    );
    assert_eq!(r.elapsed.num_milliseconds(), 9 * H);
}
