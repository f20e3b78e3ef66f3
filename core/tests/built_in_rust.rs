//! Calendars and policy sets built from Rust values, with no document to read:
//! the same rules as reading, the same paths in errors, the same answers.

use std::collections::BTreeMap;

use itsm_core::Calendar;
use itsm_core::calendar::{
    CalendarSpec, CompositeCalendar, PlainCalendar, SetOperation, TimeOfDay, Week, Window,
};
use itsm_core::sla::{Condition, Goal, Metric, MetricKind, Policy, PolicySet};

fn window(from: u32, to: u32) -> Window {
    Window::new(
        TimeOfDay::from_hms(from, 0, 0).unwrap(),
        TimeOfDay::from_hms(to, 0, 0).unwrap(),
    )
    .unwrap()
}

fn office(monday: Vec<Window>) -> CalendarSpec {
    let mut days: [Vec<Window>; 7] = Default::default();
    days[0] = monday;
    CalendarSpec::Plain(PlainCalendar {
        name: None,
        time_zone: chrono_tz::Europe::Berlin,
        week: Week::Days(days),
        holidays: vec![],
        overrides: vec![],
        extra_working_days: vec![],
    })
}

#[test]
fn a_spec_built_in_rust_obeys_the_rules_of_the_document() {
    let err = Calendar::from_spec(office(vec![window(9, 13), window(12, 18)])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "week.mon[1]: [12:00, 18:00) overlaps [09:00, 13:00) at [0]"
    );
    let union = CalendarSpec::Composite(CompositeCalendar {
        name: None,
        time_zone: None,
        operation: SetOperation::Difference,
        members: vec![office(vec![window(9, 17)])],
    });
    let err = Calendar::from_spec(union).unwrap_err();
    assert_eq!(
        err.to_string(),
        "difference: needs a base calendar and at least one calendar to take out of it"
    );
    let good = Calendar::from_spec(office(vec![window(9, 13), window(13, 18)])).unwrap();
    assert_eq!(Calendar::from_value(&good.to_value()).unwrap(), good);
}

fn metric() -> Metric {
    Metric {
        id: "resolution".into(),
        name: None,
        kind: MetricKind::Resolution,
        calendar: None,
        goal: Goal::Wall(4 * 3_600_000),
        start: Condition::EventIs(vec!["created".into()]),
        stop: Some(Condition::StateIn(vec!["resolved".into()])),
        pause: None,
        resume: None,
        reset: None,
        cancel: None,
        pause_reason_field: None,
        thresholds: vec![],
        reopen: None,
    }
}

fn policy(metric: Metric) -> Policy {
    Policy {
        id: "p".into(),
        name: None,
        contract: Default::default(),
        applies: Condition::Always(true),
        metrics: vec![metric],
    }
}

#[test]
fn a_policy_set_built_in_rust_obeys_the_rules_of_the_document() {
    let err = PolicySet::new(
        BTreeMap::new(),
        vec![policy(Metric {
            resume: Some(Condition::Always(true)),
            ..metric()
        })],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policies[0].metrics[0].resume: `resume` needs a `pause` condition"
    );
    let err = PolicySet::new(
        BTreeMap::new(),
        vec![policy(Metric {
            goal: Goal::Business(-1),
            calendar: Some("office".into()),
            ..metric()
        })],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policies[0].metrics[0].goal.business: -1 ms is not between 0 and 3162240000000"
    );
    let err = PolicySet::new(
        BTreeMap::new(),
        vec![policy(Metric {
            calendar: Some("office".into()),
            ..metric()
        })],
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "policies[0].metrics[0].calendar: unknown calendar \"office\"; the set has none"
    );
}

#[test]
fn a_policy_set_built_in_rust_answers_as_its_document_does() {
    let set = PolicySet::new(BTreeMap::new(), vec![policy(metric())])
        .unwrap()
        .with_states(vec!["new".into(), "resolved".into()]);
    let read = PolicySet::from_value(&set.to_value()).unwrap();
    assert_eq!(read.to_value(), set.to_value());
    let record = itsm_core::Timeline::from_json(
        r#"{"id": "R", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "Open"}}"#,
    )
    .unwrap();
    let now = itsm_core::parse_instant("now", "2026-11-23T10:00:00Z").unwrap();
    assert_eq!(
        set.evaluate(&record, now).unwrap(),
        read.evaluate(&record, now).unwrap()
    );
    assert_eq!(set.evaluate(&record, now).unwrap().warnings.len(), 1);
}
