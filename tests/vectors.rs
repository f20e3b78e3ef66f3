//! Runs every conformance vector in `tests/vectors/` against the core and reports
//! every mismatch at once.

use itsm_conformance::{run_calendar_case, vector_files};
use itsm_core::Calendar;
use serde_json::{Value, json};

fn load(path: &std::path::Path) -> Value {
    let text = std::fs::read_to_string(path).expect("vector file is readable");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn calendar_vectors() {
    let files = vector_files("calendar");
    assert!(!files.is_empty(), "no calendar vectors found");
    let (mut cases, mut failures) = (0, Vec::new());
    for path in &files {
        let file = load(path);
        let label = path.file_name().unwrap().to_string_lossy().into_owned();
        if let Some(invalid) = file.get("invalid_calendars") {
            for case in invalid.as_array().expect("invalid_calendars is a list") {
                cases += 1;
                let got = match Calendar::from_value(&case["calendar"]) {
                    Ok(_) => json!({ "error": null }),
                    Err(e) => json!({ "error": e.code(), "message": e.to_string() }),
                };
                if got != case["expect"] {
                    failures.push(format!(
                        "{label} / {}: expected {}, got {got}",
                        case["name"], case["expect"]
                    ));
                }
            }
            continue;
        }
        let calendar = Calendar::from_value(&file["calendar"])
            .unwrap_or_else(|e| panic!("{label}: calendar does not load: {e}"));
        for case in file["cases"].as_array().expect("cases is a list") {
            cases += 1;
            let got = run_calendar_case(&calendar, case);
            if got != case["expect"] {
                failures.push(format!(
                    "{label} / {}: expected {}, got {got}",
                    case["name"], case["expect"]
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(cases >= 40, "only {cases} calendar vectors");
}

fn loaded_or_error(result: Result<(), itsm_core::Error>) -> Value {
    match result {
        Ok(()) => json!({ "error": null }),
        Err(e) => json!({ "error": e.code(), "message": e.to_string() }),
    }
}

#[test]
fn sla_vectors() {
    use itsm_conformance::{contains, run_sla_case, vector_policies};
    let files = vector_files("sla");
    let (mut cases, mut failures) = (0, Vec::new());
    for path in &files {
        let file = load(path);
        let label = path.file_name().unwrap().to_string_lossy().into_owned();
        for case in file
            .get("invalid_policies")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            cases += 1;
            let got = loaded_or_error(
                itsm_core::sla::PolicySet::from_value(&case["policies"]).map(|_| ()),
            );
            if got != case["expect"] {
                failures.push(format!(
                    "{label} / {}: expected {}, got {got}",
                    case["name"], case["expect"]
                ));
            }
        }
        for case in file
            .get("invalid_timelines")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            cases += 1;
            let got =
                loaded_or_error(itsm_core::Timeline::from_value(&case["timeline"]).map(|_| ()));
            if got != case["expect"] {
                failures.push(format!(
                    "{label} / {}: expected {}, got {got}",
                    case["name"], case["expect"]
                ));
            }
        }
        if file.get("policies").is_none() && file.get("template").is_none() {
            continue;
        }
        let set =
            vector_policies(&file).unwrap_or_else(|e| panic!("{label}: policies do not load: {e}"));
        if let Some(expected) = file.get("expect_lint") {
            cases += 1;
            let got: Vec<Value> = set
                .lint()
                .iter()
                .map(|f| json!({"path": f.path, "code": f.code}))
                .collect();
            if Value::Array(got.clone()) != *expected {
                failures.push(format!(
                    "{label} / lint: expected {expected}, got {}",
                    Value::Array(got)
                ));
            }
        }
        for case in file
            .get("cases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            cases += 1;
            let got = run_sla_case(&set, case);
            if let Err(difference) = contains(&got, &case["expect"], "$") {
                failures.push(format!("{label} / {}: {difference}", case["name"]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} SLA vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn availability_vectors() {
    use itsm_conformance::{contains, run_availability_case};
    let (mut cases, mut failures) = (0, Vec::new());
    for path in &vector_files("availability") {
        let file = load(path);
        let label = path.file_name().unwrap().to_string_lossy().into_owned();
        for case in file
            .get("invalid_availability")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            cases += 1;
            let got = loaded_or_error(
                itsm_core::sla::Availability::from_value(&case["availability"]).map(|_| ()),
            );
            if got != case["expect"] {
                failures.push(format!(
                    "{label} / {}: expected {}, got {got}",
                    case["name"], case["expect"]
                ));
            }
        }
        let Some(doc) = file.get("availability") else {
            continue;
        };
        let availability = itsm_core::sla::Availability::from_value(doc)
            .unwrap_or_else(|e| panic!("{label}: availability does not load: {e}"));
        for case in file
            .get("cases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            cases += 1;
            let got = run_availability_case(&availability, case);
            if let Err(difference) = contains(&got, &case["expect"], "$") {
                failures.push(format!("{label} / {}: {difference}", case["name"]));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {cases} availability vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
