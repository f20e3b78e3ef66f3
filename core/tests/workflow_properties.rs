//! Properties of workflows, for random workflows, records and contexts:
//! `validate` allows a transition exactly when `available` lists it as allowed
//! (and `allows` agrees), and the reasons name every failing guard and
//! requirement and no passing one.

use std::collections::BTreeSet;

use itsm_core::workflow::Workflow;
use proptest::prelude::*;
use serde_json::{Value, json};

const CATEGORIES: [&str; 6] = [
    "new",
    "active",
    "pending",
    "resolved",
    "closed",
    "cancelled",
];
const FIELDS: [&str; 4] = ["f0", "f1", "f2", "group"];
const VALUES: [&str; 3] = ["a", "b", "c"];

fn field_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        Just(json!("")),
        Just(json!("a")),
        Just(json!("b")),
        Just(json!("c")),
        Just(json!("ops")),
        Just(json!("u1")),
    ]
}

fn guard() -> impl Strategy<Value = Value> {
    let field = proptest::sample::select(&FIELDS[..]);
    let value = proptest::sample::select(&VALUES[..]);
    let leaf = prop_oneof![
        field.clone().prop_map(|f| json!({"field_set": f})),
        (field.clone(), value.clone()).prop_map(|(f, v)| json!({"field_eq": {"field": f, "value": v}})),
        (field.clone(), proptest::sample::subsequence(&VALUES[..], 1..3))
            .prop_map(|(f, v)| json!({"field_in": {"field": f, "values": v}})),
        proptest::sample::subsequence(&["agent", "manager"][..], 1..3).prop_map(|r| json!({"actor_has_role": r})),
        proptest::sample::subsequence(&["ops", "cab"][..], 1..3).prop_map(|g| json!({"actor_in_group": g})),
        Just(json!({"actor_in_record_group": "group"})),
        field.clone().prop_map(|f| json!({"actor_is": f})),
        field.clone().prop_map(|f| json!({"actor_is_not": f})),
        (
            prop_oneof![Just(0u8), Just(50), Just(100)],
            proptest::option::of(Just("cab")),
            proptest::sample::subsequence(&FIELDS[..], 0..2)
        )
            .prop_map(|(t, g, n)| {
                let mut rule = json!({"threshold_percent": t, "not_by": n});
                if let Some(g) = g {
                    rule["group"] = json!(g);
                }
                json!({"approvals": rule})
            }),
        proptest::sample::subsequence(&["s0", "s1", "done"][..], 1..3).prop_map(|s| json!({"children_in": s})),
        Just(json!({"inside_window": "weekdays"})),
        Just(json!({"outside_freeze": "weekdays"})),
        prop_oneof![Just("p0"), Just("p1")].prop_map(|p| json!({"host": p})),
        (field, value).prop_map(|(f, v)| json!({"condition": {"when": {"not": {"field_eq": {"field": f, "value": v}}}, "message": "no"}})),
    ];
    leaf.prop_recursive(2, 6, 3, |inner| {
        proptest::collection::vec(inner, 1..3).prop_map(|g| json!({"any": g}))
    })
}

/// A workflow of up to six states and eight transitions, with every guard kind.
fn workflow() -> impl Strategy<Value = Value> {
    (2usize..6).prop_flat_map(|n| {
        let categories = proptest::collection::vec(proptest::sample::select(&CATEGORIES[..]), n);
        let transition = (
            prop_oneof![
                Just(json!("*")),
                proptest::collection::vec(0..n, 1..3)
                    .prop_map(|s| json!(s.iter().map(|i| format!("s{i}")).collect::<Vec<_>>()))
            ],
            0..n,
            proptest::sample::subsequence(&FIELDS[..], 0..3),
            proptest::collection::vec(guard(), 0..4),
        );
        let values = proptest::option::of(proptest::sample::subsequence(&VALUES[..], 1..3));
        (categories, proptest::collection::vec(transition, 1..8), values)
    })
    .prop_map(|(categories, transitions, values)| {
        let states: Vec<Value> = categories
            .iter()
            .enumerate()
            .map(|(i, c)| json!({"id": format!("s{i}"), "category": c}))
            .collect();
        let mut fields: Vec<Value> = FIELDS.iter().map(|f| json!({"id": f})).collect();
        if let Some(values) = values {
            fields[0]["values"] = json!(values);
        }
        let transitions: Vec<Value> = transitions
            .into_iter()
            .enumerate()
            .map(|(i, (from, to, requires, guards))| {
                json!({"name": format!("t{i}"), "from": from, "to": format!("s{to}"),
                       "requires": requires, "guards": guards})
            })
            .collect();
        json!({"initial": "s0", "states": states, "fields": fields, "transitions": transitions,
               "calendars": {"weekdays": {"time_zone": "Europe/Berlin",
                   "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]]}}}})
    })
}

fn context() -> impl Strategy<Value = Value> {
    let approval = (
        prop_oneof![Just("u1"), Just("u2"), Just("u3")],
        proptest::option::of(Just("cab")),
        prop_oneof![Just("pending"), Just("approved"), Just("rejected")],
    )
        .prop_map(|(who, group, decision)| {
            let mut a = json!({"approver": who, "decision": decision});
            if let Some(g) = group {
                a["group"] = json!(g);
            }
            a
        });
    (
        prop_oneof![Just("u1"), Just("u2")],
        proptest::sample::subsequence(&["agent", "manager"][..], 0..3),
        proptest::sample::subsequence(&["ops", "cab"][..], 0..3),
        0i64..(14 * 24),
        proptest::collection::vec(approval, 0..4),
        proptest::collection::vec(prop_oneof![Just("s0"), Just("s1"), Just("open")], 0..3),
        any::<(bool, bool)>(),
    )
        .prop_map(
            |(id, roles, groups, hours, approvals, children, (p0, p1))| {
                let now =
                    chrono::DateTime::from_timestamp(1_774_828_800 + hours * 3600, 0).unwrap();
                let children: Vec<Value> = children
                    .iter()
                    .enumerate()
                    .map(|(i, s)| json!({"id": format!("c{i}"), "state": s}))
                    .collect();
                json!({"actor": {"id": id, "roles": roles, "groups": groups},
                   "now": itsm_core::format_instant(now), "approvals": approvals,
                   "children": children, "predicates": {"p0": p0, "p1": p1}})
            },
        )
}

fn record(states: usize) -> impl Strategy<Value = Value> {
    (
        0..states,
        proptest::collection::vec(field_value(), FIELDS.len()),
    )
        .prop_map(|(s, values)| {
            let mut record = serde_json::Map::new();
            record.insert("state".into(), json!(format!("s{s}")));
            for (f, v) in FIELDS.iter().zip(values) {
                record.insert((*f).into(), v);
            }
            Value::Object(record)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn validate_is_ok_exactly_when_available_lists_the_move_and_reasons_name_every_failing_guard(
        (document, record) in workflow().prop_flat_map(|w| {
            let n = w["states"].as_array().unwrap().len();
            (Just(w), record(n))
        }),
        context in context(),
    ) {
        let workflow = Workflow::from_value(&document).unwrap();
        let fields: itsm_core::Fields = serde_json::from_value(record.clone()).unwrap();
        let context: itsm_core::rules::Context = serde_json::from_value(context).unwrap();
        let available = workflow.available(&fields, &context).unwrap();
        for (i, transition) in document["transitions"].as_array().unwrap().iter().enumerate() {
            let name = transition["name"].as_str().unwrap();
            let verdict = workflow.validate(&fields, name, &context).unwrap();
            prop_assert_eq!(workflow.allows(&fields, name, &context).unwrap(), verdict.allowed);
            let listed = available.iter().find(|a| a.transition == name);
            prop_assert_eq!(verdict.allowed, listed.is_some_and(|a| a.allowed), "{}", name);
            prop_assert_eq!(verdict.reasons.is_empty(), verdict.allowed);
            if let Some(listed) = listed {
                prop_assert_eq!(&listed.reasons, &verdict.reasons);
            }

            // Each guard alone, on a copy of the transition that has no other
            // guard and no requirement: the oracle of whether it passes.
            let named: BTreeSet<String> = verdict.reasons.iter().map(|r| r.path.clone()).collect();
            for (j, guard) in transition["guards"].as_array().unwrap().iter().enumerate() {
                let mut alone = document.clone();
                alone["transitions"][i]["guards"] = json!([guard]);
                alone["transitions"][i]["requires"] = json!([]);
                let alone = Workflow::from_value(&alone).unwrap();
                let verdict_alone = alone.validate(&fields, name, &context).unwrap();
                let passes = verdict_alone.reasons.iter().all(|r| r.code == "not_from_state");
                let path = format!("transitions[{i}].guards[{j}]");
                prop_assert_eq!(named.contains(&path), !passes, "{} in {:?}", path, named);
            }
            // Each requirement: named exactly when the field is not set, or
            // holds a value outside the field's list.
            let values = document["fields"][0].get("values").and_then(Value::as_array);
            for (j, field) in transition["requires"].as_array().unwrap().iter().enumerate() {
                let value = &record[field.as_str().unwrap()];
                let fails = !itsm_core::rules::is_set(value)
                    || (field == "f0" && values.is_some_and(|v| !v.contains(value)));
                let path = format!("transitions[{i}].requires[{j}]");
                let first = transition["requires"].as_array().unwrap().iter().position(|f| f == field) == Some(j);
                if first {
                    prop_assert_eq!(named.contains(&path), fails, "{} in {:?}", path, named);
                }
            }
            let leaves = verdict.reasons.iter().any(|r| r.code == "not_from_state");
            prop_assert_eq!(leaves, listed.is_none());
        }
    }
}
