//! Property tests of the calendar algebra: the laws that hold for every calendar
//! and every pair of instants, checked on calendars chosen to be awkward (DST in
//! both hemispheres, night shifts, lunch breaks, one day a week, holidays).

use std::sync::LazyLock;

use chrono::{DateTime, TimeDelta, Utc};
use itsm_core::Calendar;
use itsm_core::calendar::WorkingDayMode;
use proptest::prelude::*;

const MS_2024: i64 = 1_704_067_200_000;
const MS_2029: i64 = 1_861_920_000_000;

fn calendars() -> Vec<Calendar> {
    let docs = [
        r#"{"time_zone": "Europe/Berlin", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]], "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
            "holidays": [{"easter": -2}, {"easter": 1}, {"annual": "12-25"}, {"annual": "12-24", "closed": [["12:00", "24:00"]]}, {"from": "2026-12-28", "to": "2026-12-31"}]}"#,
        r#"{"time_zone": "Europe/Berlin", "week": {"mon": [["00:00", "06:00"], ["22:00", "24:00"]], "sat": [["00:00", "06:00"], ["22:00", "24:00"]], "sun": [["00:00", "06:00"], ["22:00", "24:00"]]}}"#,
        r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "13:00"], ["14:00", "18:00"]], "wed": [["09:00", "13:00"], ["14:00", "18:00"]], "fri": [["09:00", "13:00"], ["14:00", "18:00"]]}}"#,
        r#"{"time_zone": "America/New_York", "week": {"wed": [["10:00", "12:00"]]}}"#,
        r#"{"time_zone": "Australia/Sydney", "week": "24x7", "holidays": [{"annual": "01-26"}]}"#,
        r#"{"time_zone": "Asia/Kolkata", "week": {"mon": [["09:30", "18:00"]], "sat": [["09:30", "18:00"]]}}"#,
    ];
    docs.iter()
        .map(|d| Calendar::from_json(d).unwrap())
        .collect()
}

static CALENDARS: LazyLock<Vec<Calendar>> = LazyLock::new(calendars);

fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap()
}

fn instant() -> impl Strategy<Value = i64> {
    // Whole minutes most of the time, so that boundaries get hit, and any
    // millisecond otherwise.
    prop_oneof![
        (MS_2024 / 60_000..MS_2029 / 60_000).prop_map(|m| m * 60_000),
        MS_2024..MS_2029,
    ]
}

fn duration() -> impl Strategy<Value = i64> {
    prop_oneof![
        Just(0i64),
        1i64..1_000,
        0i64..400 * 3_600_000,
        (0i64..200).prop_map(|h| h * 3_600_000)
    ]
}

fn calendar() -> impl Strategy<Value = usize> {
    0..CALENDARS.len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn measuring_an_added_duration_gives_it_back(c in calendar(), a in instant(), d in duration()) {
        let cal = &CALENDARS[c];
        let due = cal.add_business(at(a), TimeDelta::milliseconds(d)).unwrap();
        prop_assert_eq!(cal.business_duration(at(a), due).unwrap().num_milliseconds(), d);
    }

    #[test]
    fn a_due_date_is_the_earliest_such_instant(c in calendar(), a in instant(), d in 1i64..400 * 3_600_000) {
        let cal = &CALENDARS[c];
        let due = cal.add_business(at(a), TimeDelta::milliseconds(d)).unwrap();
        let just_before = due - TimeDelta::milliseconds(1);
        prop_assert!(cal.business_duration(at(a), just_before).unwrap().num_milliseconds() < d);
    }

    #[test]
    fn duration_is_additive(c in calendar(), mut points in proptest::collection::vec(instant(), 3)) {
        points.sort_unstable();
        let cal = &CALENDARS[c];
        let d = |x: i64, y: i64| cal.business_duration(at(x), at(y)).unwrap();
        prop_assert_eq!(d(points[0], points[2]), d(points[0], points[1]) + d(points[1], points[2]));
    }

    #[test]
    fn duration_never_decreases_as_the_end_grows(c in calendar(), a in instant(), b in instant(), step in 0i64..100_000_000) {
        let (a, b) = (a.min(b), a.max(b));
        let cal = &CALENDARS[c];
        let shorter = cal.business_duration(at(a), at(b)).unwrap();
        let longer = cal.business_duration(at(a), at(b + step)).unwrap();
        prop_assert!(shorter <= longer);
        prop_assert!(longer - shorter <= TimeDelta::milliseconds(step));
    }

    #[test]
    fn subtract_undoes_add(c in calendar(), a in instant(), d in 1i64..400 * 3_600_000) {
        let cal = &CALENDARS[c];
        let due = cal.add_business(at(a), TimeDelta::milliseconds(d)).unwrap();
        let back = cal.subtract_business(due, TimeDelta::milliseconds(d)).unwrap();
        // The latest instant with the same elapsed time as `a`: `a` itself when
        // working, else the next opening.
        prop_assert_eq!(back, cal.next_opening(at(a)).unwrap());
    }

    #[test]
    fn add_undoes_subtract(c in calendar(), b in instant(), d in 1i64..400 * 3_600_000) {
        let cal = &CALENDARS[c];
        let start = cal.subtract_business(at(b), TimeDelta::milliseconds(d)).unwrap();
        prop_assert_eq!(cal.business_duration(start, at(b)).unwrap().num_milliseconds(), d);
        let due = cal.add_business(start, TimeDelta::milliseconds(d)).unwrap();
        prop_assert!(due <= at(b));
        prop_assert_eq!(cal.business_duration(due, at(b)).unwrap(), TimeDelta::zero());
    }

    #[test]
    fn openings_and_closings_bracket_working_time(c in calendar(), t in instant()) {
        let cal = &CALENDARS[c];
        let opening = cal.next_opening(at(t)).unwrap();
        prop_assert!(cal.is_working(opening).unwrap());
        prop_assert_eq!(cal.business_duration(at(t), opening).unwrap(), TimeDelta::zero());
        if let Some(closing) = cal.next_closing(at(t)).unwrap() {
            prop_assert!(!cal.is_working(closing).unwrap());
            prop_assert!(cal.is_working(closing - TimeDelta::milliseconds(1)).unwrap());
            prop_assert_eq!(cal.business_duration(opening, closing).unwrap(), closing - opening);
        }
    }

    #[test]
    fn working_intervals_sum_to_the_duration(c in calendar(), a in instant(), len in 0i64..30 * 86_400_000) {
        let cal = &CALENDARS[c];
        let intervals = cal.working_intervals(at(a), at(a + len)).unwrap();
        let total: TimeDelta = intervals.iter().map(|i| i.end - i.start).sum();
        prop_assert_eq!(total, cal.business_duration(at(a), at(a + len)).unwrap());
        prop_assert!(intervals.windows(2).all(|w| w[0].end < w[1].start));
    }

    #[test]
    fn end_of_day_results_are_closings(c in calendar(), a in instant(), n in -30i64..30) {
        let cal = &CALENDARS[c];
        let t = cal.add_working_days(at(a), n, WorkingDayMode::EndOfDay).unwrap();
        prop_assert!(cal.is_working(t - TimeDelta::milliseconds(1)).unwrap());
        if n > 0 {
            prop_assert!(t > at(a));
        }
        if n < 0 {
            prop_assert!(t < at(a));
        }
    }

    #[test]
    fn working_days_go_back_where_they_came_from(a in instant(), n in 1i64..60) {
        // UTC keeps wall times unambiguous; the start must be on a working day.
        let cal = &CALENDARS[2];
        let start = cal.add_working_days(at(a), 0, WorkingDayMode::EndOfDay).unwrap() - TimeDelta::hours(3);
        let there = cal.add_working_days(start, n, WorkingDayMode::KeepTimeOfDay).unwrap();
        prop_assert_eq!(cal.add_working_days(there, -n, WorkingDayMode::KeepTimeOfDay).unwrap(), start);
    }

    #[test]
    fn answers_do_not_depend_on_what_was_compiled_before(c in calendar(), a in instant(), d in duration()) {
        // A calendar that has been asked about 1950 and 2250 has compiled a very
        // different span from a fresh one; the answers must not differ.
        let warm = CALENDARS[c].clone();
        let fresh = Calendar::from_value(&warm.to_value()).unwrap();
        warm.is_working(at(-631_152_000_000)).unwrap();
        warm.is_working(at(8_836_128_000_000)).unwrap();
        let dd = TimeDelta::milliseconds(d);
        prop_assert_eq!(warm.add_business(at(a), dd).unwrap(), fresh.add_business(at(a), dd).unwrap());
        prop_assert_eq!(warm.subtract_business(at(a), dd).unwrap(), fresh.subtract_business(at(a), dd).unwrap());
        prop_assert_eq!(warm.next_closing(at(a)).unwrap(), fresh.next_closing(at(a)).unwrap());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// A held span answers every question inside it as the calendar does, and
    /// its inverse undoes `B`: `instant(B(t))` is the first working instant at
    /// or after `t` (or `t` where no time has yet been worked since).
    #[test]
    fn a_held_span_answers_as_its_calendar(c in calendar(), a in instant(), b in instant(), d in duration()) {
        let cal = &CALENDARS[c];
        let (a, b) = (a.min(b), a.max(b));
        let span = cal.span_ms(a, b).unwrap();
        prop_assert!(span.start_ms() <= a && b <= span.end_ms());
        prop_assert_eq!(
            span.duration_ms(a, b).unwrap(),
            cal.business_duration(at(a), at(b)).unwrap().num_milliseconds()
        );
        prop_assert_eq!(
            span.elapsed_ms(b).unwrap() - span.elapsed_ms(a).unwrap(),
            span.duration_ms(a, b).unwrap()
        );
        if let Some(due) = span.add_ms(a, d) {
            prop_assert_eq!(due, cal.add_business(at(a), TimeDelta::milliseconds(d)).unwrap().timestamp_millis());
        }
        let opening = cal.next_opening(at(a)).unwrap().timestamp_millis();
        if let Some(held) = span.next_opening_ms(a) {
            prop_assert_eq!(held, opening);
        }
        prop_assert_eq!(span.is_working_ms(a).unwrap(), cal.is_working(at(a)).unwrap());
        let back = span.instant_ms(span.elapsed_ms(a).unwrap()).unwrap();
        prop_assert!(back <= a, "instant(B(a)) = {back} after a = {a}");
        prop_assert_eq!(span.duration_ms(back, a).unwrap(), 0);
    }
}

#[test]
fn a_held_span_refuses_what_lies_outside_it() {
    let cal = &CALENDARS[0];
    let span = cal.span_ms(MS_2024, MS_2024 + 86_400_000).unwrap();
    let past = span.end_ms() + 1;
    assert_eq!(span.elapsed_ms(past), None);
    assert_eq!(span.duration_ms(MS_2024, past), None);
    assert_eq!(span.add_ms(past, 1), None);
    assert_eq!(span.instant_ms(-1), None);
    assert_eq!(span.instant_ms(0), Some(span.start_ms()));
    assert_eq!(span.duration_ms(MS_2024 + 1, MS_2024), None);
    let err = cal.span_ms(MS_2024 + 1, MS_2024).unwrap_err();
    assert_eq!(err.code(), "invalid_argument");
    let err = cal.span_ms(i64::MIN, MS_2024).unwrap_err();
    assert_eq!(err.code(), "out_of_range");
}
