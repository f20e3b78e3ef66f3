//! The Rust runner of the shared conformance vectors (`tests/vectors/`): reads a
//! vector file and evaluates each case against `itsm-core`, building the result
//! objects that `tests/vectors/README.md` defines.

use std::path::{Path, PathBuf};

use chrono::TimeDelta;
use itsm_core::calendar::WorkingDayMode;
use itsm_core::{Calendar, Error, format_instant, parse_instant};
use serde_json::{Value, json};

/// The vector files of one area (`calendar`, ...), sorted by name.
pub fn vector_files(area: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("vectors")
        .join(area);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

/// The result object of a failed operation.
pub fn error_result(error: &Error) -> Value {
    json!({ "error": error.code() })
}

fn text<'a>(case: &'a Value, key: &str) -> &'a str {
    case[key]
        .as_str()
        .unwrap_or_else(|| panic!("case field `{key}` must be a string"))
}

fn instant(case: &Value, key: &str) -> chrono::DateTime<chrono::Utc> {
    parse_instant(key, text(case, key)).unwrap_or_else(|e| panic!("bad vector input: {e}"))
}

fn integer(case: &Value, key: &str) -> i64 {
    case[key]
        .as_i64()
        .unwrap_or_else(|| panic!("case field `{key}` must be an integer"))
}

/// Evaluates one calendar case, returning its result object.
pub fn run_calendar_case(calendar: &Calendar, case: &Value) -> Value {
    let op = text(case, "op");
    let outcome: Result<Value, Error> = match op {
        "business_duration" => calendar
            .business_duration(instant(case, "start"), instant(case, "end"))
            .map(|d| json!({ "duration_ms": d.num_milliseconds() })),
        "add_business" => calendar
            .add_business(
                instant(case, "start"),
                TimeDelta::milliseconds(integer(case, "duration_ms")),
            )
            .map(|t| json!({ "instant": format_instant(t) })),
        "subtract_business" => calendar
            .subtract_business(
                instant(case, "end"),
                TimeDelta::milliseconds(integer(case, "duration_ms")),
            )
            .map(|t| json!({ "instant": format_instant(t) })),
        "add_working_days" => WorkingDayMode::parse(text(case, "mode")).and_then(|mode| {
            calendar
                .add_working_days(instant(case, "start"), integer(case, "days"), mode)
                .map(|t| json!({ "instant": format_instant(t) }))
        }),
        "is_working" => calendar
            .is_working(instant(case, "at"))
            .map(|w| json!({ "working": w })),
        "next_opening" => calendar
            .next_opening(instant(case, "at"))
            .map(|t| json!({ "instant": format_instant(t) })),
        "next_closing" => calendar
            .next_closing(instant(case, "at"))
            .map(|t| json!({ "instant": t.map(format_instant) })),
        "working_intervals" => calendar
            .working_intervals(instant(case, "start"), instant(case, "end"))
            .map(|list| {
                let pairs: Vec<Value> = list
                    .iter()
                    .map(|i| json!([format_instant(i.start), format_instant(i.end)]))
                    .collect();
                json!({ "intervals": pairs })
            }),
        other => panic!("unknown op {other:?}"),
    };
    outcome.unwrap_or_else(|e| error_result(&e))
}

/// Whether `actual` contains `expected`: objects by the keys `expected` lists,
/// arrays element by element with the same length, scalars by value. Returns the
/// path of the first difference.
pub fn contains(actual: &Value, expected: &Value, path: &str) -> Result<(), String> {
    match (actual, expected) {
        (Value::Object(a), Value::Object(e)) => {
            for (key, want) in e {
                let here = format!("{path}.{key}");
                match a.get(key) {
                    Some(got) => contains(got, want, &here)?,
                    None => return Err(format!("{here}: missing, expected {want}")),
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(e)) => {
            if a.len() != e.len() {
                return Err(format!(
                    "{path}: {} elements, expected {}: {actual}",
                    a.len(),
                    e.len()
                ));
            }
            for (i, (got, want)) in a.iter().zip(e).enumerate() {
                contains(got, want, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(e)) if a.as_f64() == e.as_f64() => Ok(()),
        _ if actual == expected => Ok(()),
        _ => Err(format!("{path}: got {actual}, expected {expected}")),
    }
}

/// The policy set of an SLA vector file: its `policies`, or its `template`.
pub fn vector_policies(file: &Value) -> Result<itsm_core::sla::PolicySet, Error> {
    match file.get("template").and_then(Value::as_str) {
        Some(name) => itsm_core::sla::PolicySet::from_value(&itsm_core::sla::template(name)?),
        None => itsm_core::sla::PolicySet::from_value(&file["policies"]),
    }
}

/// Evaluates one SLA case, returning the evaluation's JSON or an error object.
pub fn run_sla_case(set: &itsm_core::sla::PolicySet, case: &Value) -> Value {
    let outcome = itsm_core::Timeline::from_value(&case["timeline"])
        .and_then(|timeline| set.evaluate(&timeline, instant(case, "now")))
        .map(|evaluation| evaluation.to_value());
    outcome.unwrap_or_else(|e| error_result(&e))
}

/// Builds one availability report, returning its JSON or an error object.
pub fn run_availability_case(availability: &itsm_core::sla::Availability, case: &Value) -> Value {
    itsm_core::sla::Period::from_value(&case["period"])
        .and_then(|period| availability.report(period, instant(case, "now")))
        .map(|report| report.to_value())
        .unwrap_or_else(|e| error_result(&e))
}

/// The error object of a record case: code, whole message, and the error
/// document's details when it has some.
pub fn record_error(error: &Error) -> Value {
    let document = itsm_core::ErrorDocument::from(error);
    let mut out = json!({ "error": error.code(), "message": error.to_string() });
    if let Some(details) = document.details {
        out["details"] = Value::Object(details);
    }
    out
}

/// Runs one record case (`tests/vectors/README.md`, "Record vectors"): builds
/// the record from `given`, runs `op` through the JSON entry points, and
/// checks that the outcome's record is the replay of every event so far and
/// survives a JSON round trip, and that a refused command leaves the record
/// as it was.
pub fn run_record_case(desk: &itsm_core::record::Desk, case: &Value) -> Value {
    use itsm_core::record::{Command, Record, RecordEvent, events_from_value};
    use itsm_core::rules::Context;
    let name = &case["name"];
    let mut record: Option<Record> = None;
    let mut events: Vec<RecordEvent> = Vec::new();
    for (i, step) in case["given"].as_array().into_iter().flatten().enumerate() {
        let command = Command::from_value(&step["command"])
            .unwrap_or_else(|e| panic!("{name}: given[{i}].command: {e}"));
        let context = Context::from_value(&step["context"])
            .unwrap_or_else(|e| panic!("{name}: given[{i}].context: {e}"));
        let outcome = desk
            .execute(record.as_ref(), &command, &context)
            .unwrap_or_else(|e| panic!("{name}: given[{i}] is refused: {e}"));
        events.extend(outcome.events);
        record = Some(outcome.record);
    }
    let held = record.as_ref().map(Record::to_json);
    let result = match text(case, "op") {
        "execute" => desk
            .execute_json(
                held.as_deref(),
                &case["command"].to_string(),
                &case["context"].to_string(),
            )
            .map(|out| {
                let outcome: Value = serde_json::from_str(&out).expect("outcome is JSON");
                let written = outcome["record"].to_string();
                let next = Record::from_value(&outcome["record"])
                    .unwrap_or_else(|e| panic!("{name}: the outcome's record does not load: {e}"));
                assert_eq!(
                    next.to_json(),
                    written,
                    "{name}: the record's JSON round trip"
                );
                let mut all = events.clone();
                all.extend(
                    events_from_value(&outcome["events"])
                        .unwrap_or_else(|e| panic!("{name}: the outcome's events: {e}")),
                );
                let replayed = Record::replay(&all)
                    .unwrap_or_else(|e| panic!("{name}: the events do not replay: {e}"));
                assert_eq!(
                    replayed.to_json(),
                    written,
                    "{name}: replay gives the record"
                );
                outcome
            }),
        "wake" => desk
            .wake_json(
                held.as_deref().expect("wake needs given"),
                case["since"].as_str(),
                text(case, "now"),
            )
            .map(|out| serde_json::from_str(&out).expect("wakeup is JSON")),
        "replay" => events_from_value(&case["events"])
            .and_then(|events| Record::replay(&events))
            .map(|r| r.to_value()),
        "apply" => events_from_value(&case["events"]).and_then(|events| {
            record
                .as_ref()
                .expect("apply needs given")
                .apply(&events)
                .map(|r| r.to_value())
        }),
        "load_record" => Record::from_value(&case["document"]).map(|r| r.to_value()),
        "load_event" => RecordEvent::from_value(&case["document"]).map(|e| e.to_value()),
        op => panic!("{name}: unknown op {op}"),
    };
    assert_eq!(
        record.as_ref().map(Record::to_json),
        held,
        "{name}: the held record changed"
    );
    result.unwrap_or_else(|e| record_error(&e))
}
