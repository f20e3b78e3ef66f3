//! A whole number given as a float (`2.0`: JavaScript cannot tell it from
//! `2`, Python can) is the integer it is in a record's fields, in what the
//! record writes and in what conditions compare, so every language writes the
//! same bytes and matches the same rules.

use itsm_core::record::{Command, Desk};
use itsm_core::rules::Context;

#[test]
fn a_whole_float_is_written_and_compared_as_the_integer_it_is() {
    let desk = Desk::from_json(
        r#"{"major_incident": [{"name": "many", "when": {"field_eq": {"field": "users", "value": 500}}, "notify": ["mim"]}]}"#,
    )
    .unwrap();
    let context =
        Context::from_json(r#"{"actor": {"id": "ann"}, "now": "2026-11-23T09:00:00Z"}"#).unwrap();
    let outcome = desk
        .execute(
            None,
            &Command::from_json(r#"{"type": "create", "id": "INC-1", "kind": "incident", "fields": {"users": 500.0, "ratio": 0.5}}"#)
                .unwrap(),
            &context,
        )
        .unwrap();
    let text = outcome.record.to_json();
    assert!(text.contains(r#""users":500}"#), "{text}");
    assert!(text.contains(r#""ratio":0.5"#), "{text}");
    assert_eq!(outcome.record.major_incident().unwrap().rule, "many");
    let from_integer = desk
        .execute(
            None,
            &Command::from_json(r#"{"type": "create", "id": "INC-1", "kind": "incident", "fields": {"users": 500, "ratio": 0.5}}"#)
                .unwrap(),
            &context,
        )
        .unwrap();
    assert_eq!(from_integer.record.to_json(), text);
}

#[test]
fn desks_and_records_may_be_shared_across_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Desk>();
    shared::<itsm_core::record::Record>();
}
