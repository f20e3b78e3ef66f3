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
