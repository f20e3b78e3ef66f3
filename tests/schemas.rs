//! The JSON Schemas under `schemas/` are generated from the core's document
//! types; this test fails when a type changed and the files were not
//! regenerated. `make schemas` (or `ITSM_WRITE_SCHEMAS=1 cargo test -p
//! itsm-conformance --test schemas`) writes them anew.

use std::path::{Path, PathBuf};

use itsm_core::sla::{Availability, AvailabilityReport, BatchItem, Evaluation, Period, PolicySet};
use itsm_core::{Calendar, ErrorDocument, Timeline};
use schemars::{JsonSchema, schema_for};

/// Every published document: its file stem and its schema.
fn documents() -> Vec<(&'static str, serde_json::Value)> {
    /// Documents the core reads: optional fields may be left out.
    fn named<T: JsonSchema>(name: &'static str, title: &str) -> (&'static str, serde_json::Value) {
        finish(name, title, serde_json::to_value(schema_for!(T)).unwrap())
    }
    /// Documents the core writes: every field it always writes is required.
    fn written<T: JsonSchema>(
        name: &'static str,
        title: &str,
    ) -> (&'static str, serde_json::Value) {
        let generator = schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator();
        finish(
            name,
            title,
            serde_json::to_value(generator.into_root_schema_for::<T>()).unwrap(),
        )
    }
    fn finish(
        name: &'static str,
        title: &str,
        mut schema: serde_json::Value,
    ) -> (&'static str, serde_json::Value) {
        trim_descriptions(&mut schema);
        schema["$id"] = format!("https://itsm.invalid/schemas/{name}.schema.json").into();
        schema["title"] = title.into();
        (name, schema)
    }
    vec![
        named::<Calendar>("calendar", "Calendar"),
        named::<PolicySet>("policy-set", "PolicySet"),
        named::<Timeline>("timeline", "Timeline"),
        named::<Availability>("availability", "Availability"),
        named::<Period>("period", "Period"),
        written::<Evaluation>("evaluation", "Evaluation"),
        written::<AvailabilityReport>("availability-report", "AvailabilityReport"),
        written::<BatchItem>("batch-item", "BatchItem"),
        written::<ErrorDocument>("error", "ErrorDocument"),
        named::<itsm_core::rules::Context>("context", "Context"),
        written::<itsm_core::Finding>("lint-finding", "Finding"),
        written::<itsm_core::sla::BatchSummary>("batch-summary", "BatchSummary"),
        named::<itsm_core::sla::EvaluateOptions>("evaluate-options", "EvaluateOptions"),
        named::<itsm_core::sla::TableOptions>("table-options", "TableOptions"),
        written::<itsm_core::sla::TableSummary>("table-summary", "TableSummary"),
        named::<itsm_core::sla::TicketRow>("ticket-row", "TicketRow"),
        named::<itsm_core::sla::EventRow>("event-row", "EventRow"),
        named::<itsm_core::sla::SnapshotRow>("snapshot-row", "SnapshotRow"),
        written::<itsm_core::sla::TableResult>("table-result", "TableResult"),
        named::<itsm_core::priority::PriorityMatrix>("priority-matrix", "PriorityMatrix"),
        written::<itsm_core::priority::PriorityAnswer>("priority-answer", "PriorityAnswer"),
        named::<itsm_core::workflow::WorkflowDocument>("workflow", "WorkflowDocument"),
        written::<itsm_core::workflow::Verdict>("verdict", "Verdict"),
        written::<itsm_core::workflow::AvailableTransition>(
            "available-transition",
            "AvailableTransition",
        ),
        named::<itsm_core::record::Record>("record", "RecordDocument"),
        named::<itsm_core::record::RecordEvent>("record-event", "RecordEvent"),
        named::<itsm_core::record::Command>("command", "Command"),
        named::<itsm_core::record::DeskDocument>("desk", "DeskDocument"),
        named::<itsm_core::automation::Rule>("automation-rule", "Rule"),
        named::<itsm_core::record::Outcome>("outcome", "Outcome"),
        written::<itsm_core::record::Wakeup>("wakeup", "Wakeup"),
        named::<itsm_core::service::GraphDocument>("service-graph", "GraphDocument"),
        named::<itsm_core::service::GraphChange>("graph-change", "GraphChange"),
        named::<itsm_core::service::ImpactQuery>("impact-query", "ImpactQuery"),
        written::<itsm_core::service::Impact>("impact", "Impact"),
        named::<itsm_core::change::RiskPolicy>("risk-policy", "RiskPolicy"),
        named::<itsm_core::change::RiskInput>("risk-input", "RiskInput"),
        named::<itsm_core::change::RiskAssessment>("risk-assessment", "RiskAssessment"),
        named::<itsm_core::change::ChangeWindows>("change-windows", "ChangeWindows"),
        named::<itsm_core::change::PlannedChange>("planned-change", "PlannedChange"),
        named::<itsm_core::change::SlotQuery>("slot-query", "SlotQuery"),
        written::<itsm_core::change::WindowConflict>("window-conflict", "WindowConflict"),
        written::<itsm_core::change::Slot>("slot", "Slot"),
        named::<itsm_core::change::ScheduleDocument>("schedule", "ScheduleDocument"),
        written::<itsm_core::change::ChangeConflict>("change-conflict", "ChangeConflict"),
        named::<itsm_core::metrics::Metrics>("metrics", "Metrics"),
        named::<itsm_core::metrics::MetricRecord>("metric-record", "MetricRecord"),
        written::<itsm_core::metrics::MetricsReport>("metrics-report", "MetricsReport"),
    ]
}

/// Keeps the prose of each description and leaves out the rustdoc sections
/// (`# Example`, `# Errors`) that follow it: they are Rust, not the document.
fn trim_descriptions(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::String(text)) = map.get_mut("description") {
                if let Some(cut) = text.find("\n\n# ") {
                    text.truncate(cut);
                }
                *text = plain_links(text);
                if text.starts_with("# ") {
                    map.remove("description");
                }
            }
            map.values_mut().for_each(trim_descriptions);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(trim_descriptions),
        _ => {}
    }
}

/// Rustdoc links read as plain code in a document's description:
/// ``[`Error::code`]`` and ``[`Error::code`](crate::Error)`` become `` `Error::code` ``.
fn plain_links(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("[`") {
        let Some(close) = rest[open + 2..].find("`]").map(|i| open + 2 + i) else {
            break;
        };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close + 1]);
        rest = &rest[close + 2..];
        if rest.starts_with('(')
            && let Some(end) = rest.find(')')
        {
            rest = &rest[end + 1..];
        }
    }
    out.push_str(rest);
    out
}

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

#[test]
fn schemas_are_generated_from_the_types() {
    let write = std::env::var_os("ITSM_WRITE_SCHEMAS").is_some();
    let mut stale = Vec::new();
    for (name, schema) in documents() {
        let path = schemas_dir().join(format!("{name}.schema.json"));
        let text = serde_json::to_string_pretty(&schema).unwrap() + "\n";
        if write {
            std::fs::write(&path, &text).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "generated schemas differ from the committed files (run `make schemas` and commit): {stale:?}"
    );
}
