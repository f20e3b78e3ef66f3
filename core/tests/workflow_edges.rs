//! Workflows at the edges: large documents and records, a workflow with no
//! transitions, and records holding many fields.

use itsm_core::workflow::Workflow;
use serde_json::{Value, json};

/// A chain of `n` states, each leading to the next, the last one closed.
fn chain(n: usize) -> Value {
    let states: Vec<Value> = (0..n)
        .map(|i| {
            let category = if i + 1 == n { "closed" } else { "active" };
            json!({"id": format!("s{i}"), "category": category})
        })
        .collect();
    let transitions: Vec<Value> = (1..n)
        .map(|i| {
            json!({"name": format!("t{i}"), "from": format!("s{}", i - 1), "to": format!("s{i}"),
                   "requires": [format!("f{}", i % 7)], "guards": [{"actor_has_role": ["agent"]}]})
        })
        .collect();
    let fields: Vec<Value> = (0..7).map(|i| json!({"id": format!("f{i}")})).collect();
    json!({"initial": "s0", "states": states, "fields": fields, "transitions": transitions})
}

#[test]
fn a_chain_of_two_thousand_states_loads_lints_and_answers() {
    let workflow = Workflow::from_value(&chain(2000)).unwrap();
    assert_eq!(workflow.lint(), []);
    let record: itsm_core::Fields =
        serde_json::from_value(json!({"state": "s1998", "f5": "x"})).unwrap();
    let context =
        serde_json::from_value(json!({"actor": {"id": "a", "roles": ["agent"]}})).unwrap();
    // t1999 requires f(1999 % 7) = f4, which the record lacks.
    let verdict = workflow.validate(&record, "s1999", &context).unwrap();
    assert_eq!(verdict.reasons[0].path, "transitions[1998].requires[0]");
    assert_eq!(verdict.reasons[0].message, "t1999 needs f4");
    let moves = workflow.available(&record, &context).unwrap();
    assert_eq!(moves.len(), 1);
}

#[test]
fn a_state_cut_off_at_the_end_of_a_long_chain_is_found() {
    let mut document = chain(1500);
    document["transitions"].as_array_mut().unwrap().remove(700);
    let findings = Workflow::lint_document(&document).unwrap();
    let unreachable: Vec<&str> = findings
        .iter()
        .filter(|f| f.code == "unreachable_state")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(unreachable.len(), 799);
    assert_eq!(unreachable[0], "states[701]");
    assert!(
        findings
            .iter()
            .any(|f| f.code == "no_way_to_terminal" && f.path == "states[0]")
    );
}

#[test]
fn a_record_of_ten_thousand_fields_is_read_like_a_small_one() {
    let incident = Workflow::builtin("incident").unwrap();
    let mut record: itsm_core::Fields = (0..10_000)
        .map(|i| (format!("custom_{i:05}"), Value::from(i)))
        .collect();
    record.insert("state".into(), "in_progress".into());
    record.insert("resolution_code".into(), "solved_permanently".into());
    let context =
        serde_json::from_value(json!({"actor": {"id": "ann", "roles": ["agent"]}})).unwrap();
    assert!(!incident.allows(&record, "resolve", &context).unwrap());
    record.insert("resolution_notes".into(), "fixed".into());
    assert!(incident.allows(&record, "resolve", &context).unwrap());
    assert!(
        incident
            .validate(&record, "resolve", &context)
            .unwrap()
            .allowed
    );
}

#[test]
fn a_workflow_without_transitions_loads_and_offers_nothing() {
    let workflow = Workflow::from_value(&json!({"initial": "only",
        "states": [{"id": "only", "category": "closed"}]}))
    .unwrap();
    assert_eq!(workflow.lint(), []);
    let record = serde_json::from_value(json!({"state": "only"})).unwrap();
    assert_eq!(
        workflow.available(&record, &Default::default()).unwrap(),
        []
    );
    let verdict = workflow
        .validate(&record, "only", &Default::default())
        .unwrap();
    assert_eq!(verdict.reasons[0].code, "no_transition_to_state");
}
