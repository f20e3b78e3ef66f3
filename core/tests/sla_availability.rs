//! Availability: outages against service hours less maintenance, over months
//! and rolling windows, with error budget and burn rate.

use chrono::{DateTime, Utc};
use itsm_core::sla::{Availability, Period};
use itsm_core::{format_instant, parse_instant};
use serde_json::json;

const H: i64 = 3_600_000;
const MIN: i64 = 60_000;

fn t(text: &str) -> DateTime<Utc> {
    parse_instant("t", text).unwrap()
}

#[test]
fn a_berlin_month_with_the_dst_change_has_745_hours() {
    let service = Availability::from_value(&json!({
        "service_hours": {"time_zone": "Europe/Berlin", "week": "24x7"}, "target": 99.5, "outages": []
    }))
    .unwrap();
    let r = service
        .report(
            Period::Month {
                year: 2026,
                month: 10,
            },
            t("2026-11-15T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(format_instant(r.period_start), "2026-09-30T22:00:00.000Z");
    assert_eq!(format_instant(r.period_end), "2026-10-31T23:00:00.000Z");
    assert_eq!(r.agreed.num_milliseconds(), 745 * H);
    assert_eq!(r.allowed_downtime.num_milliseconds(), 745 * H / 200);
    assert_eq!(
        (r.availability_percent, r.met, r.burn_rate),
        (Some(100.0), true, Some(0.0))
    );
}

#[test]
fn outages_count_only_in_service_hours_outside_maintenance() {
    let service = Availability::from_value(&json!({
        "service_hours": {"time_zone": "UTC", "week": {"mon": [["08:00", "18:00"]], "tue": [["08:00", "18:00"]],
            "wed": [["08:00", "18:00"]], "thu": [["08:00", "18:00"]], "fri": [["08:00", "18:00"]]}},
        "target": 99,
        "outages": [
            {"id": "night", "start": "2026-11-03T02:00:00Z", "end": "2026-11-03T04:00:00Z"},
            {"id": "morning", "start": "2026-11-04T07:00:00Z", "end": "2026-11-04T09:00:00Z"},
            {"id": "during maintenance", "start": "2026-11-05T12:00:00Z", "end": "2026-11-05T13:30:00Z"},
            {"id": "overlapping", "start": "2026-11-04T08:30:00Z", "end": "2026-11-04T09:30:00Z"}
        ],
        "maintenance": [{"start": "2026-11-05T12:00:00Z", "end": "2026-11-05T13:00:00Z"}]
    }))
    .unwrap();
    let r = service
        .report(
            Period::Month {
                year: 2026,
                month: 11,
            },
            t("2026-12-01T00:00:00Z"),
        )
        .unwrap();
    // November 2026 has 21 weekdays: 210 hours, less the 1 h maintenance.
    assert_eq!(r.agreed.num_milliseconds(), 209 * H);
    // 08:00-09:30 on the 4th (merged) and 13:00-13:30 on the 5th.
    assert_eq!(r.downtime.num_milliseconds(), 2 * H);
    assert_eq!(r.outages_counted, 3);
    assert_eq!(r.allowed_downtime.num_milliseconds(), 209 * H / 100);
    assert_eq!(
        r.error_budget_remaining.num_milliseconds(),
        209 * H / 100 - 2 * H
    );
    assert!(r.met);
    let burn = r.burn_rate.unwrap();
    assert!((burn - (2.0 / 209.0) / 0.01).abs() < 1e-12, "{burn}");
}

#[test]
fn rolling_windows_end_now_and_count_an_ongoing_outage() {
    let service = Availability::from_value(&json!({
        "target": 99.9,
        "outages": [
            {"start": "2026-11-20T10:00:00Z", "end": "2026-11-20T10:30:00Z"},
            {"start": "2026-11-24T08:00:00Z", "end": null}
        ]
    }))
    .unwrap();
    let now = t("2026-11-24T09:00:00Z");
    let week = service.report(Period::Rolling { days: 7 }, now).unwrap();
    assert_eq!(
        (
            week.agreed.num_milliseconds(),
            week.downtime.num_milliseconds(),
            week.outages_counted
        ),
        (168 * H, 90 * MIN, 2)
    );
    assert!(!week.met);
    assert_eq!(week.allowed_downtime.num_milliseconds(), 168 * H / 1000);
    assert!(week.error_budget_remaining.num_milliseconds() < 0);
    let r30 = service.report(Period::Rolling { days: 30 }, now).unwrap();
    assert_eq!(r30.agreed.num_milliseconds(), 720 * H);
    let r90 = service.report(Period::Rolling { days: 90 }, now).unwrap();
    assert_eq!(
        (
            r90.agreed.num_milliseconds(),
            r90.downtime.num_milliseconds()
        ),
        (2160 * H, 90 * MIN)
    );
    assert!(r90.met);
}

#[test]
fn five_nines_and_an_outage_without_an_end() {
    let service = Availability::from_value(
        &json!({"target": 99.999, "outages": [{"start": "2026-11-30T23:59:00Z"}]}),
    )
    .unwrap();
    let r = service
        .report(
            Period::Month {
                year: 2026,
                month: 11,
            },
            t("2026-12-01T00:00:00Z"),
        )
        .unwrap();
    // 0.001 % of 720 hours is 25.92 seconds; the ongoing outage has used 60.
    assert_eq!(
        (
            r.allowed_downtime.num_milliseconds(),
            r.downtime.num_milliseconds(),
            r.met
        ),
        (25_920, 60_000, false)
    );
    assert_eq!(r.target_percent, 99.999);
}

#[test]
fn a_month_in_progress_reports_so_far() {
    let service = Availability::from_value(&json!({"target": 99.9, "outages": [
        {"start": "2026-11-10T00:00:00Z", "end": "2026-11-10T00:36:00Z"}]}))
    .unwrap();
    let r = service
        .report(
            Period::Month {
                year: 2026,
                month: 11,
            },
            t("2026-11-11T00:00:00Z"),
        )
        .unwrap();
    assert_eq!(
        (
            r.agreed.num_milliseconds(),
            r.agreed_so_far.num_milliseconds(),
            r.downtime.num_milliseconds()
        ),
        (720 * H, 240 * H, 36 * MIN)
    );
    // 36 minutes of the 43.2 allowed this month, burnt in a third of it.
    assert_eq!(
        r.error_budget_remaining.num_milliseconds(),
        720 * H / 1000 - 36 * MIN
    );
    assert!((r.burn_rate.unwrap() - 2.5).abs() < 1e-12);
    // 99.75 % is not 99.9 %.
    assert!(!r.met);
    assert!((r.availability_percent.unwrap() - 99.75).abs() < 1e-12);
}

#[test]
fn bad_availability_input_names_the_field() {
    let cases = [
        (
            json!({"target": 101}),
            "target: expected a percentage from 0 to 100 with at most three decimals, found 101",
        ),
        (
            json!({"target": 99.9, "outages": [{"start": "2026-11-10T00:00:00Z", "end": "2026-11-09T00:00:00Z"}]}),
            "outages[0].end: is before `start`",
        ),
        (
            json!({"target": 99.9, "maintenance": [{"start": "2026-11-10T00:00:00Z", "end": null}]}),
            "maintenance[0].end: expected a string, found null",
        ),
        (
            json!({"target": 99.9, "outages": [{"start": "yesterday", "end": null}]}),
            "outages[0].start: expected an RFC 3339 instant with an offset, found \"yesterday\"",
        ),
        (
            json!({"target": 99.9, "service_hours": {"time_zone": "UTC", "week": {}}}),
            "service_hours: the calendar never works: no weekday has hours and no override or extra working day adds any",
        ),
    ];
    for (doc, message) in cases {
        let err = Availability::from_value(&doc).unwrap_err();
        assert_eq!(err.to_string(), message);
    }
    for (period, message) in [
        (
            json!({}),
            "(document): a period has exactly one of `month`, `rolling_days`, or `from` with `to`",
        ),
        (
            json!({"month": "2026-11", "rolling_days": 3}),
            "(document): a period has exactly one of `month`, `rolling_days`, or `from` with `to`",
        ),
        (
            json!({"rolling_days": 0}),
            "rolling_days: 0 is not between 1 and 3660",
        ),
    ] {
        assert_eq!(
            Period::from_value(&period).unwrap_err().to_string(),
            message
        );
    }
    let err = Period::from_value(&json!({"month": "2026-13"})).unwrap_err();
    assert_eq!(
        err.to_string(),
        "month: expected a month \"YYYY-MM\", found \"2026-13\""
    );
    assert_eq!(
        Period::from_value(&json!({"rolling_days": 30})).unwrap(),
        Period::Rolling { days: 30 }
    );
}
