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

/// The entries of a list in a vector file (empty when the file has none).
fn entries<'a>(file: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    file.get(key)
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// Counts and checks a file's documents that must fail to load with exactly the
/// expected code and message.
fn check_invalid(
    label: &str,
    file: &Value,
    list: &str,
    document: &str,
    load: impl Fn(&Value) -> Result<(), itsm_core::Error>,
    tally: &mut Tally,
) {
    for case in entries(file, list) {
        tally.cases += 1;
        let got = loaded_or_error(load(&case[document]));
        if got != case["expect"] {
            tally.failures.push(format!(
                "{label} / {}: expected {}, got {got}",
                case["name"], case["expect"]
            ));
        }
    }
}

/// Counts and checks a file's cases whose results must contain `expect`.
fn check_cases(label: &str, file: &Value, run: impl Fn(&Value) -> Value, tally: &mut Tally) {
    for case in entries(file, "cases") {
        tally.cases += 1;
        if let Err(difference) = itsm_conformance::contains(&run(case), &case["expect"], "$") {
            tally
                .failures
                .push(format!("{label} / {}: {difference}", case["name"]));
        }
    }
}

#[derive(Default)]
struct Tally {
    cases: usize,
    failures: Vec<String>,
}

impl Tally {
    fn assert_passed(&self, what: &str) {
        assert!(
            self.failures.is_empty(),
            "{} of {} {what} vectors failed:\n{}",
            self.failures.len(),
            self.cases,
            self.failures.join("\n")
        );
    }
}

fn label(path: &std::path::Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn sla_vectors() {
    use itsm_conformance::{run_sla_case, vector_policies};
    use itsm_core::sla::PolicySet;
    let mut tally = Tally::default();
    for path in &vector_files("sla") {
        let (file, label) = (load(path), label(path));
        check_invalid(
            &label,
            &file,
            "invalid_policies",
            "policies",
            |d| PolicySet::from_value(d).map(|_| ()),
            &mut tally,
        );
        check_invalid(
            &label,
            &file,
            "invalid_timelines",
            "timeline",
            |d| itsm_core::Timeline::from_value(d).map(|_| ()),
            &mut tally,
        );
        if file.get("policies").is_none() && file.get("template").is_none() {
            continue;
        }
        let set =
            vector_policies(&file).unwrap_or_else(|e| panic!("{label}: policies do not load: {e}"));
        if let Some(expected) = file.get("expect_lint") {
            tally.cases += 1;
            let got: Vec<Value> = set
                .lint()
                .iter()
                .map(|f| json!({"path": f.path, "code": f.code}))
                .collect();
            if Value::Array(got.clone()) != *expected {
                tally.failures.push(format!(
                    "{label} / lint: expected {expected}, got {}",
                    Value::Array(got)
                ));
            }
        }
        check_cases(&label, &file, |case| run_sla_case(&set, case), &mut tally);
    }
    tally.assert_passed("SLA");
}

#[test]
fn availability_vectors() {
    use itsm_conformance::run_availability_case;
    use itsm_core::sla::Availability;
    let mut tally = Tally::default();
    for path in &vector_files("availability") {
        let (file, label) = (load(path), label(path));
        check_invalid(
            &label,
            &file,
            "invalid_availability",
            "availability",
            |d| Availability::from_value(d).map(|_| ()),
            &mut tally,
        );
        let Some(doc) = file.get("availability") else {
            continue;
        };
        let availability = Availability::from_value(doc)
            .unwrap_or_else(|e| panic!("{label}: availability does not load: {e}"));
        check_cases(
            &label,
            &file,
            |case| run_availability_case(&availability, case),
            &mut tally,
        );
    }
    tally.assert_passed("availability");
}

#[test]
fn batch_vectors() {
    use itsm_conformance::vector_policies;
    use itsm_core::sla::EvaluateOptions;
    let mut tally = Tally::default();
    for path in &vector_files("batch") {
        let (file, label) = (load(path), label(path));
        let set =
            vector_policies(&file).unwrap_or_else(|e| panic!("{label}: policies do not load: {e}"));
        let now = itsm_core::parse_instant("now", file["now"].as_str().expect("now")).unwrap();
        let records = file["records"].as_array().expect("records is a list");
        let items = set.evaluate_documents(
            records,
            now,
            EvaluateOptions {
                explain: false,
                ..EvaluateOptions::default()
            },
        );
        let got = serde_json::to_value(&items).unwrap();
        tally.cases += records.len();
        if let Err(difference) = itsm_conformance::contains(&got, &file["expect"], "$") {
            tally.failures.push(format!("{label}: {difference}"));
        }
        // Items read back equal to themselves: a host may store them.
        let again: Vec<itsm_core::sla::BatchItem> = serde_json::from_value(got).unwrap();
        assert_eq!(again, items, "{label}: batch items round trip");
    }
    assert!(tally.cases >= 8, "only {} batch vectors", tally.cases);
    tally.assert_passed("batch");
}

/// The canonical JSON text of every SLA case's evaluation, as the core writes
/// it: `tests/vectors/canonical/sla.json`, which every language compares with
/// its own canonical text byte for byte. `ITSM_WRITE_CANONICAL=1` writes it.
#[test]
fn canonical_evaluations_are_current() {
    use itsm_conformance::vector_policies;
    let mut texts = serde_json::Map::new();
    for path in &vector_files("sla") {
        let (file, label) = (load(path), label(path));
        if file.get("policies").is_none() && file.get("template").is_none() {
            continue;
        }
        let set = vector_policies(&file).unwrap();
        for case in file["cases"].as_array().into_iter().flatten() {
            let now = itsm_core::parse_instant("now", case["now"].as_str().unwrap()).unwrap();
            let text = itsm_core::Timeline::from_value(&case["timeline"])
                .and_then(|t| set.evaluate(&t, now))
                .map(|e| e.to_json());
            if let Ok(text) = text {
                let name = case["name"].as_str().unwrap();
                texts.insert(format!("{label} / {name}"), Value::String(text));
            }
        }
    }
    let document = json!({
        "description": "The canonical JSON text of the evaluation of every SLA vector case that evaluates, keyed by \"file / case name\": every language's canonical text (to_json) must equal it byte for byte. Generated by the Rust runner (ITSM_WRITE_CANONICAL=1 cargo test -p itsm-conformance --test vectors canonical).",
        "evaluations": texts,
    });
    let text = serde_json::to_string_pretty(&document).unwrap() + "\n";
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors/canonical/sla.json");
    if std::env::var_os("ITSM_WRITE_CANONICAL").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "{} is not current: regenerate it with ITSM_WRITE_CANONICAL=1 and review the diff",
        path.display()
    );
}

#[test]
fn priority_vectors() {
    use itsm_core::priority::PriorityMatrix;
    let mut tally = Tally::default();
    for path in &vector_files("priority") {
        let (file, label) = (load(path), label(path));
        check_invalid(
            &label,
            &file,
            "invalid_matrices",
            "matrix",
            |d| PriorityMatrix::from_value(d).map(|_| ()),
            &mut tally,
        );
        let matrix = PriorityMatrix::from_value(&file["matrix"])
            .unwrap_or_else(|e| panic!("{label}: matrix does not load: {e}"));
        if let Some(expect) = file.get("expect_lint") {
            let got = serde_json::to_value(matrix.lint()).unwrap();
            exactly(&label, &json!("expect_lint"), got, expect, &mut tally);
        }
        check_cases(
            &label,
            &file,
            |case| {
                let fields: itsm_core::Fields =
                    serde_json::from_value(case.get("fields").cloned().unwrap_or(json!({})))
                        .expect("fields is an object");
                let impact = case["impact"].as_str().expect("impact");
                let urgency = case["urgency"].as_str().expect("urgency");
                match matrix.priority(impact, urgency, &fields) {
                    Ok(answer) => serde_json::to_value(answer).unwrap(),
                    Err(e) => itsm_conformance::error_result(&e),
                }
            },
            &mut tally,
        );
    }
    assert!(tally.cases >= 30, "only {} priority vectors", tally.cases);
    tally.assert_passed("priority");
}

/// A workflow answer or error, as every runner builds it: the core's JSON of
/// the verdict or list, or `{"error": code, "message": message}`.
fn answer_or_error(result: Result<Value, itsm_core::Error>) -> Value {
    match result {
        Ok(answer) => answer,
        Err(e) => json!({ "error": e.code(), "message": e.to_string() }),
    }
}

fn to_json<T: serde::Serialize>(value: T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// Records a difference between what a case expects and what it got, compared
/// exactly: reasons are an ordered list, and nothing may be added.
fn exactly(label: &str, name: &Value, got: Value, expect: &Value, tally: &mut Tally) {
    tally.cases += 1;
    if &got != expect {
        tally
            .failures
            .push(format!("{label} / {name}: expected {expect}, got {got}"));
    }
}

#[test]
fn workflow_vectors() {
    use itsm_core::workflow::Workflow;
    let mut tally = Tally::default();
    for path in &vector_files("workflow") {
        let (file, label) = (load(path), label(path));
        for case in entries(&file, "invalid_workflows") {
            let got =
                answer_or_error(Workflow::from_value(&case["workflow"]).map(|_| json!("loaded")));
            exactly(&label, &case["name"], got, &case["expect"], &mut tally);
        }
        for case in entries(&file, "lint_documents") {
            let got = answer_or_error(Workflow::lint_document(&case["workflow"]).map(to_json));
            exactly(&label, &case["name"], got, &case["expect"], &mut tally);
        }
        let workflow = match (file.get("workflow"), file.get("builtin")) {
            (Some(document), _) => Workflow::from_value(document),
            (None, Some(name)) => Workflow::builtin(name.as_str().expect("builtin is a name")),
            (None, None) => continue,
        }
        .unwrap_or_else(|e| panic!("{label}: workflow does not load: {e}"));
        if let Some(expect) = file.get("expect_lint") {
            let got = serde_json::to_value(workflow.lint()).unwrap();
            exactly(&label, &json!("expect_lint"), got, expect, &mut tally);
        }
        for case in entries(&file, "cases") {
            let record: itsm_core::Fields =
                serde_json::from_value(case["record"].clone()).expect("record is an object");
            let context = serde_json::from_value(case["context"].clone()).expect("context");
            let got = match case["op"].as_str().expect("op") {
                "validate" => {
                    let request = case["request"].as_str().expect("request");
                    let verdict = workflow.validate(&record, request, &context);
                    let allows = workflow.allows(&record, request, &context);
                    assert_eq!(
                        allows.as_ref().ok(),
                        verdict.as_ref().ok().map(|v| &v.allowed),
                        "{label} / {}: allows disagrees with validate",
                        case["name"]
                    );
                    answer_or_error(verdict.map(to_json))
                }
                "available" => answer_or_error(workflow.available(&record, &context).map(to_json)),
                op => panic!("{label}: unknown op {op}"),
            };
            exactly(&label, &case["name"], got, &case["expect"], &mut tally);
        }
    }
    assert!(tally.cases >= 80, "only {} workflow vectors", tally.cases);
    tally.assert_passed("workflow");
}

#[test]
fn record_vectors() {
    use itsm_core::record::Desk;
    let mut tally = Tally::default();
    for path in &vector_files("records") {
        let (file, label) = (load(path), label(path));
        check_invalid(
            &label,
            &file,
            "invalid_desks",
            "desk",
            |d| Desk::from_value(d).map(|_| ()),
            &mut tally,
        );
        let desk = match file.get("desk") {
            Some(document) => Desk::from_value(document),
            None => Ok(Desk::default()),
        }
        .unwrap_or_else(|e| panic!("{label}: desk does not load: {e}"));
        check_cases(
            &label,
            &file,
            |case| itsm_conformance::run_record_case(&desk, case),
            &mut tally,
        );
    }
    assert!(tally.cases >= 80, "only {} record vectors", tally.cases);
    tally.assert_passed("record");
}

/// Table vectors: rows of tickets or events in, result rows and summary out,
/// through `evaluate_rows_json` (the canonical JSON text every language reads),
/// or the error document when the table is refused.
#[test]
fn table_vectors() {
    use itsm_core::sla::{PolicySet, TableOptions, template};
    let mut tally = Tally::default();
    for path in &vector_files("tables") {
        let (file, label) = (load(path), label(path));
        let set = match file.get("template") {
            Some(name) => PolicySet::from_value(&template(name.as_str().unwrap()).unwrap()),
            None => PolicySet::from_value(&file["policies"]),
        }
        .unwrap_or_else(|e| panic!("{label}: policies do not load: {e}"));
        for case in entries(&file, "cases") {
            let now = itsm_core::parse_instant("now", case["now"].as_str().unwrap()).unwrap();
            let options = match case.get("options") {
                Some(o) => TableOptions::from_value(o),
                None => Ok(TableOptions::default()),
            };
            let got = options
                .and_then(|o| set.evaluate_rows_json(&case["rows"].to_string(), now, &o))
                .map(|text| serde_json::from_str(&text).unwrap())
                .unwrap_or_else(|e| json!({"error": to_json(itsm_core::ErrorDocument::from(&e))}));
            exactly(&label, &case["name"], got, &case["expect"], &mut tally);
        }
    }
    assert!(tally.cases >= 11, "only {} table vectors", tally.cases);
    tally.assert_passed("tables");
}

/// Service vectors: a graph, changes applied to it in order, an impact query;
/// the answer (contained), the whole graph afterwards (exact), or the first
/// error as `{"error": code, "message": message}`; and graphs that must be
/// refused.
#[test]
fn service_vectors() {
    use itsm_core::service::{GraphChange, ImpactQuery, ServiceGraph};
    let mut tally = Tally::default();
    for path in &vector_files("service") {
        let (file, label) = (load(path), label(path));
        check_invalid(
            &label,
            &file,
            "invalid_graphs",
            "graph",
            |d| ServiceGraph::from_value(d).map(|_| ()),
            &mut tally,
        );
        if file.get("graph").is_none() {
            continue;
        }
        let graph = ServiceGraph::from_value(&file["graph"])
            .unwrap_or_else(|e| panic!("{label}: graph does not load: {e}"));
        for case in entries(&file, "cases") {
            let mut graph = graph.clone();
            let mut run = || -> Result<Value, itsm_core::Error> {
                for change in entries(case, "changes") {
                    let change: GraphChange =
                        serde_json::from_value(change.clone()).expect("a change document");
                    graph.apply(&change)?;
                }
                match case.get("query") {
                    Some(query) => {
                        let query: ImpactQuery =
                            serde_json::from_value(query.clone()).expect("a query document");
                        Ok(to_json(graph.impact(&query)?))
                    }
                    None => Ok(json!({})),
                }
            };
            let got = answer_or_error(run());
            tally.cases += 1;
            if let Err(difference) = itsm_conformance::contains(&got, &case["expect"], "$") {
                tally
                    .failures
                    .push(format!("{label} / {}: {difference}", case["name"]));
            }
            if let Some(document) = case.get("expect_document") {
                exactly(
                    &label,
                    &case["name"],
                    graph.to_value(),
                    document,
                    &mut tally,
                );
            }
        }
    }
    assert!(tally.cases >= 50, "only {} service vectors", tally.cases);
    tally.assert_passed("service");
}

/// Change vectors: a risk policy and inputs whose assessment contains
/// `expect`, or windows over a service graph with planned changes whose
/// conflicts (`{"conflicts": [...]}`) or next slot (`{"slot": ...}`)
/// contain `expect`; or `{"error": code, "message": message}` exactly; and
/// policies and windows that must be refused.
#[test]
fn change_vectors() {
    use itsm_core::change::{
        ChangeWindows, PlannedChange, RiskInput, RiskPolicy, Schedule, SlotQuery,
    };
    use itsm_core::service::ServiceGraph;
    let mut tally = Tally::default();
    for path in &vector_files("change") {
        let (file, label) = (load(path), label(path));
        check_invalid(
            &label,
            &file,
            "invalid_policies",
            "policy",
            |d| RiskPolicy::from_value(d).map(|_| ()),
            &mut tally,
        );
        check_invalid(
            &label,
            &file,
            "invalid_windows",
            "windows",
            |d| ChangeWindows::from_value(d).map(|_| ()),
            &mut tally,
        );
        check_invalid(
            &label,
            &file,
            "invalid_schedules",
            "schedule",
            |d| Schedule::from_value(d).map(|_| ()),
            &mut tally,
        );
        if let Some(windows) = file.get("windows") {
            let windows = ChangeWindows::from_value(windows)
                .unwrap_or_else(|e| panic!("{label}: windows do not load: {e}"));
            let graph = ServiceGraph::from_value(&file["graph"])
                .unwrap_or_else(|e| panic!("{label}: graph does not load: {e}"));
            let schedule = match file.get("schedule") {
                Some(document) => Schedule::from_value(document)
                    .unwrap_or_else(|e| panic!("{label}: schedule does not load: {e}")),
                None => Schedule::default(),
            };
            for case in entries(&file, "cases") {
                let got = answer_or_error(match case["op"].as_str() {
                    Some("check") => PlannedChange::from_value(&case["change"])
                        .and_then(|change| windows.check(&graph, &change))
                        .map(|conflicts| json!({ "conflicts": conflicts })),
                    Some("next_slot") => SlotQuery::from_value(&case["query"])
                        .and_then(|query| windows.next_slot(&graph, &query, &schedule))
                        .map(|slot| json!({ "slot": slot })),
                    Some("conflicts_of") => PlannedChange::from_value(&case["change"])
                        .and_then(|change| schedule.conflicts_of(&graph, &change))
                        .map(|conflicts| json!({ "conflicts": conflicts })),
                    Some("conflicts") => schedule
                        .conflicts(&graph)
                        .map(|conflicts| json!({ "conflicts": conflicts })),
                    other => panic!("{label}: unknown op {other:?}"),
                });
                tally.cases += 1;
                if let Err(difference) = itsm_conformance::contains(&got, &case["expect"], "$") {
                    tally
                        .failures
                        .push(format!("{label} / {}: {difference}", case["name"]));
                }
            }
            continue;
        }
        let policy = RiskPolicy::from_value(&file["policy"])
            .unwrap_or_else(|e| panic!("{label}: policy does not load: {e}"));
        for case in entries(&file, "cases") {
            let got = answer_or_error(
                RiskInput::from_value(&case["input"])
                    .and_then(|input| policy.assess(&input))
                    .map(to_json),
            );
            tally.cases += 1;
            if let Err(difference) = itsm_conformance::contains(&got, &case["expect"], "$") {
                tally
                    .failures
                    .push(format!("{label} / {}: {difference}", case["name"]));
            }
        }
    }
    assert!(tally.cases >= 30, "only {} change vectors", tally.cases);
    tally.assert_passed("change");
}

/// Metrics: each case reads its `metrics` document and `records` (or the
/// file's), and the report for `period` as of `now` must contain `expect`,
/// or the call must fail with `{"error": code, "message": message}` exactly.
#[test]
fn metrics_vectors() {
    use itsm_core::metrics::{MetricRecord, Metrics, Period};
    let mut tally = Tally::default();
    for path in &vector_files("metrics") {
        let (file, label) = (load(path), label(path));
        check_cases(
            &label,
            &file,
            |case| {
                let metrics = case.get("metrics").or(file.get("metrics"));
                let records = case.get("records").or(file.get("records"));
                answer_or_error((|| {
                    let metrics = Metrics::from_value(metrics.unwrap_or(&json!({})))?;
                    let records = MetricRecord::list_from_value(records.unwrap_or(&json!([])))?;
                    let period = Period::from_value(&case["period"])?;
                    let now = itsm_core::parse_instant("now", case["now"].as_str().unwrap_or(""))?;
                    Ok(metrics.report(&records, period, now)?.to_value())
                })())
            },
            &mut tally,
        );
    }
    tally.assert_passed("metrics");
    assert!(tally.cases >= 30, "only {} metrics vectors", tally.cases);
}
