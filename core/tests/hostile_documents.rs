//! No document, however malformed, makes the core panic or hang: a calendar,
//! policy set, timeline or availability input either loads and answers, or is an
//! `invalid_config` error.

use chrono::{DateTime, TimeDelta};
use itsm_core::Calendar;
use proptest::prelude::*;
use serde_json::{Value, json};

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        // Strings that look like the document's own vocabulary half the time.
        prop_oneof![
            "[a-z_]{0,12}",
            "[0-9]{2}:[0-9]{2}",
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            Just("24x7".to_string()),
            Just("Europe/Berlin".to_string()),
            Just("24:00".to_string()),
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        let keys = prop_oneof![
            Just("time_zone".to_string()),
            Just("week".to_string()),
            Just("mon".to_string()),
            Just("holidays".to_string()),
            Just("overrides".to_string()),
            Just("extra_working_days".to_string()),
            Just("union".to_string()),
            Just("intersection".to_string()),
            Just("difference".to_string()),
            Just("date".to_string()),
            Just("easter".to_string()),
            Just("nth_weekday".to_string()),
            Just("closed".to_string()),
            Just("policies".to_string()),
            Just("metrics".to_string()),
            Just("goal".to_string()),
            Just("start".to_string()),
            Just("stop".to_string()),
            Just("state_in".to_string()),
            Just("events".to_string()),
            Just("at".to_string()),
            Just("set".to_string()),
            Just("outages".to_string()),
            Just("initial".to_string()),
            Just("states".to_string()),
            Just("transitions".to_string()),
            Just("guards".to_string()),
            Just("from".to_string()),
            Just("to".to_string()),
            Just("requires".to_string()),
            Just("any".to_string()),
            "[a-z]{1,6}",
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(keys, inner, 0..5)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A valid document with one field replaced by arbitrary JSON.
fn mutated_document() -> impl Strategy<Value = Value> {
    let base = json!({
        "time_zone": "Europe/Berlin",
        "week": {"mon": [["09:00", "17:00"]], "fri": [["22:00", "24:00"]]},
        "holidays": [{"easter": -2}, {"annual": "12-24", "closed": [["12:00", "24:00"]]}],
        "overrides": [{"date": "2026-12-27", "hours": [["10:00", "14:00"]]}],
        "extra_working_days": [{"date": "2026-12-05", "like": "mon"}]
    });
    let pointers = prop_oneof![
        Just("/time_zone"),
        Just("/week"),
        Just("/week/mon"),
        Just("/week/mon/0"),
        Just("/week/mon/0/1"),
        Just("/holidays/0"),
        Just("/holidays/1/closed"),
        Just("/overrides/0/hours"),
        Just("/extra_working_days/0/like"),
    ];
    (pointers, any_json()).prop_map(move |(pointer, replacement)| {
        let mut doc = base.clone();
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = replacement;
        }
        doc
    })
}

fn exercise(doc: &Value) -> Result<(), TestCaseError> {
    match Calendar::from_value(doc) {
        Ok(calendar) => {
            let t = DateTime::from_timestamp_millis(1_790_000_000_000).unwrap();
            for result in [
                calendar.add_business(t, TimeDelta::hours(30)).map(|_| ()),
                calendar.next_opening(t).map(|_| ()),
                calendar
                    .business_duration(t, t + TimeDelta::days(40))
                    .map(|_| ()),
            ] {
                if let Err(e) = result {
                    prop_assert!(
                        matches!(e.code(), "no_working_time" | "out_of_range"),
                        "{e}"
                    );
                }
            }
            // What loads must write back to a document that loads the same.
            let again = Calendar::from_value(&calendar.to_value()).unwrap();
            prop_assert_eq!(again, calendar);
        }
        Err(e) => prop_assert_eq!(e.code(), "invalid_config"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn arbitrary_json_never_panics(doc in any_json()) {
        exercise(&doc)?;
    }

    #[test]
    fn a_mutated_document_loads_or_names_an_error(doc in mutated_document()) {
        exercise(&doc)?;
    }

    #[test]
    fn arbitrary_policy_sets_timelines_and_availability_never_panic(doc in any_json()) {
        use itsm_core::sla::{Availability, Period, PolicySet};
        let now = DateTime::from_timestamp_millis(1_790_000_000_000).unwrap();
        match PolicySet::from_value(&doc) {
            Ok(set) => {
                let _ = set.lint();
                let record = itsm_core::Timeline::from_value(&json!({"id": "X", "created_at": "2026-01-01T00:00:00Z",
                    "fields": {"state": "new"}, "events": [{"at": "2026-01-02T00:00:00Z", "type": "update", "set": {"state": "resolved"}}]})).unwrap();
                if let Err(e) = set.evaluate(&record, now) {
                    prop_assert!(matches!(e.code(), "invalid_argument" | "no_working_time" | "out_of_range"), "{e}");
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "invalid_config"),
        }
        if let Err(e) = itsm_core::Timeline::from_value(&doc) {
            prop_assert_eq!(e.code(), "invalid_input");
        }
        match Availability::from_value(&doc) {
            Ok(a) => {
                let _ = a.report(Period::Rolling { days: 30 }, now);
            }
            Err(e) => prop_assert_eq!(e.code(), "invalid_config"),
        }
        if let Err(e) = Period::from_value(&doc) {
            prop_assert_eq!(e.code(), "invalid_config");
        }
    }

    #[test]
    fn a_mutated_policy_set_loads_or_names_an_error(pointer in prop_oneof![
        Just("/policies/0/applies"), Just("/policies/0/metrics/0/goal"), Just("/policies/0/metrics/0/start"),
        Just("/policies/0/metrics/1/pause"), Just("/policies/0/metrics/1/thresholds"), Just("/policies/0/metrics/1/reopen"),
        Just("/switch"), Just("/selection"), Just("/calendars/business_hours/week"),
    ], replacement in any_json()) {
        let mut doc = itsm_core::sla::template("itil_incident").unwrap();
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = replacement;
        }
        if let Err(e) = itsm_core::sla::PolicySet::from_value(&doc) {
            prop_assert_eq!(e.code(), "invalid_config");
        }
    }

    #[test]
    fn arbitrary_text_is_refused_with_a_config_error(text in ".{0,64}") {
        if let Err(e) = Calendar::from_json(&text) {
            prop_assert_eq!(e.code(), "invalid_config");
        }
    }

    #[test]
    fn arbitrary_workflows_never_panic(doc in any_json()) {
        use itsm_core::workflow::Workflow;
        if let Err(e) = Workflow::lint_document(&doc) {
            prop_assert_eq!(e.code(), "invalid_config");
        }
        match Workflow::from_value(&doc) {
            Ok(workflow) => exercise_workflow(&workflow)?,
            Err(e) => prop_assert_eq!(e.code(), "invalid_config"),
        }
    }

    #[test]
    fn a_mutated_built_in_workflow_loads_or_names_an_error(name in prop_oneof![
        Just("incident"), Just("change_normal"), Just("service_request"),
    ], pointer in prop_oneof![
        Just("/initial"), Just("/states/0"), Just("/states/1/category"), Just("/fields/3"),
        Just("/fields/3/values"), Just("/transitions/0/from"), Just("/transitions/1/to"),
        Just("/transitions/2/guards/0"), Just("/transitions/4/requires"), Just("/transitions/3/sets"),
        Just("/calendars"),
    ], replacement in any_json()) {
        use itsm_core::workflow::Workflow;
        let mut doc = Workflow::builtin_document(name).unwrap();
        if let Some(slot) = doc.pointer_mut(pointer) {
            *slot = replacement;
        }
        let _ = Workflow::lint_document(&doc);
        match Workflow::from_value(&doc) {
            Ok(workflow) => exercise_workflow(&workflow)?,
            Err(e) => prop_assert_eq!(e.code(), "invalid_config"),
        }
    }
}

/// Asks a loaded workflow every question from every state: answers or named
/// errors, never a panic, and what loads writes back to the same workflow.
fn exercise_workflow(workflow: &itsm_core::workflow::Workflow) -> Result<(), TestCaseError> {
    let context = serde_json::from_value(json!({"actor": {"id": "a", "roles": ["agent"]},
        "now": "2026-11-28T10:00:00Z", "predicates": {}}))
    .unwrap();
    let again = itsm_core::workflow::Workflow::from_value(&workflow.to_value()).unwrap();
    prop_assert_eq!(again.document(), workflow.document());
    let _ = workflow.lint();
    for state in &workflow.document().states {
        let record: itsm_core::Fields =
            [("state".to_string(), Value::from(state.id.as_str()))].into();
        for request in workflow
            .document()
            .transitions
            .iter()
            .map(|t| t.name.as_str())
            .chain(["nowhere"])
        {
            let verdict = workflow.validate(&record, request, &context);
            let allows = workflow.allows(&record, request, &context);
            prop_assert_eq!(
                verdict.as_ref().ok().map(|v| v.allowed),
                allows.as_ref().ok().copied()
            );
            if let Err(e) = verdict {
                prop_assert!(
                    matches!(e.code(), "invalid_argument" | "out_of_range"),
                    "{e}"
                );
            }
        }
        if let Err(e) = workflow.available(&record, &context) {
            prop_assert!(
                matches!(e.code(), "invalid_argument" | "out_of_range"),
                "{e}"
            );
        }
    }
    Ok(())
}
