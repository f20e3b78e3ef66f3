//! Metrics: `itsm_core::metrics` for Kotlin and Swift.
//!
//! The metrics document, the records' facts and the period cross the boundary
//! as JSON text (see the core's `Metrics`, `MetricRecord` and `Period`), and
//! `now` as the host's instant; the report is the core's canonical JSON text
//! of its `MetricsReport`, the same bytes in every language.

use itsm_core::metrics as core;

use crate::{Result, Timestamp, read_document};

/// How figures are counted: which records a period holds (by creation or by
/// resolution), the ticket figures' denominator (closed records, or closed
/// and open breached ones), wall-clock or business time in a calendar, the
/// kinds counted as tickets, the backlog's age buckets and the change success
/// score's points. Validated on load and safe to share between threads.
///
/// Two are equal when their documents say the same.
#[derive(Debug, Clone, PartialEq, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct Metrics {
    inner: core::Metrics,
}

// The core compares metrics documents field by field, none of them a float: a
// total equivalence.
impl Eq for Metrics {}

#[uniffi::export]
impl Metrics {
    /// Reads a metrics document from JSON text: `{"by": "resolution",
    /// "denominator": "closed_and_breached", "time": "business", "calendar":
    /// {...}, "kinds": [...], "ageing_buckets_ms": [...], "score": {...}}`,
    /// every field optional (`{}` counts by creation, closed records only, in
    /// wall-clock time).
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first bad
    /// field (`calendar: business time needs a calendar`,
    /// `ageing_buckets_ms[1]: 3600000 does not follow 86400000 in ascending
    /// order`, `score.start`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Metrics {
            inner: read_document(&json, core::Metrics::from_json, core::Metrics::from_value)?,
        })
    }

    /// The document as compact JSON text, its defaults written out;
    /// `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// Every figure of a period over the records, as of `now`, as the core's
    /// canonical JSON text of the report: MTTA, MTTR, SLA compliance, reopen
    /// rate, first-assignment resolution and reassignments, backlog ageing,
    /// change success and failure rates, outcomes and score, emergency ratio,
    /// MTBF per item, and each group's figures when records carry a `group`;
    /// each figure with its numerator, denominator and value.
    ///
    /// `recordsJson` is a JSON array of the records' facts (`{"id", "kind",
    /// "created_at", "acknowledged_at", "resolved_at", "closed_at", "due_at",
    /// "reopened", "reassignments", "item", ...}`); `periodJson` is one of
    /// `{"month": "2026-11"}` (a month in the calendar's zone, UTC without
    /// one), `{"rolling_days": 30}` (ending at `now`) or `{"from": "...",
    /// "to": "..."}`. Facts after `now` have not happened yet.
    ///
    /// Errors: `InvalidInput` naming the record's field (`records[3].created_at`,
    /// `records[1].id`), or `records` for text that is not a JSON array;
    /// `InvalidConfig` naming the bad field of the period; `InvalidArgument`
    /// when the period does not fit the supported range; `OutOfRange` for
    /// `now` outside 1900-2300; calendar errors in business time.
    pub fn report_json(
        &self,
        records_json: String,
        period_json: String,
        now: Timestamp,
    ) -> Result<String> {
        let records = core::MetricRecord::list_from_json(&records_json)?;
        let period = read_document(
            &period_json,
            core::Period::from_json,
            core::Period::from_value,
        )?;
        let report = self.inner.report(&records, period, now.to_utc()?)?;
        Ok(itsm_core::canonical_json(&report))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::vector_files;
    use serde_json::{Value, json};

    fn at(text: &str) -> Timestamp {
        Timestamp::from_utc(itsm_core::parse_instant("at", text).unwrap())
    }

    /// The binding's answer to a vector case: the report's JSON text read
    /// back, or the error as the vectors write one.
    fn answer(metrics: &Value, records: &Value, period: &Value, now: &str) -> Value {
        let report = Metrics::from_json(metrics.to_string()).and_then(|metrics| {
            metrics.report_json(
                records.to_string(),
                period.to_string(),
                Timestamp::from_utc(itsm_core::parse_instant("now", now)?),
            )
        });
        match report {
            Ok(text) => {
                let value: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(itsm_core::canonical_json(&value), text, "canonical text");
                value
            }
            Err(error) => json!({"error": error.code(), "message": error.detail()}),
        }
    }

    #[test]
    fn every_vector_gives_the_cores_answer_byte_for_byte() {
        let mut cases = 0;
        for (name, file) in vector_files("metrics") {
            for case in file["cases"].as_array().unwrap() {
                cases += 1;
                let metrics = case.get("metrics").or(file.get("metrics"));
                let records = case.get("records").or(file.get("records"));
                let (metrics, records) = (
                    metrics.cloned().unwrap_or(json!({})),
                    records.cloned().unwrap_or(json!([])),
                );
                let now = case["now"].as_str().unwrap();
                let got = answer(&metrics, &records, &case["period"], now);
                let core = (|| {
                    let records = core::MetricRecord::list_from_value(&records)?;
                    core::Metrics::from_value(&metrics)?.report(
                        &records,
                        core::Period::from_value(&case["period"])?,
                        itsm_core::parse_instant("now", now)?,
                    )
                })();
                let label = format!("{name} / {}", case["name"]);
                match core {
                    Ok(report) => assert_eq!(got, report.to_value(), "{label}"),
                    Err(error) => assert_eq!(
                        got,
                        json!({"error": error.code(), "message": error.to_string()}),
                        "{label}"
                    ),
                }
                if case["expect"].get("error").is_some() {
                    assert_eq!(got, case["expect"], "{label}");
                }
            }
        }
        assert!(cases >= 60, "only {cases} metrics vectors");
    }

    #[test]
    fn the_document_reads_back_as_itself() {
        let metrics = Metrics::from_json(
            r#"{"by": "resolution", "kinds": ["incident"], "score": {"failed": -20}}"#.into(),
        )
        .unwrap();
        let again = Metrics::from_json(metrics.to_json()).unwrap();
        assert_eq!(again, metrics);
        assert_eq!(again.to_json(), metrics.to_json());
        assert_ne!(Metrics::from_json("{}".into()).unwrap(), metrics);
    }

    #[test]
    fn records_that_are_not_a_json_array_are_refused_at_records() {
        let metrics = Metrics::from_json("{}".into()).unwrap();
        let period = r#"{"month": "2026-11"}"#.to_owned();
        let now = at("2026-12-01T00:00:00Z");
        let err = metrics
            .report_json("[{".into(), period.clone(), now)
            .unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(
            err.detail().starts_with("records: not valid JSON: "),
            "{err}"
        );
        assert_eq!(err.document().path.as_deref(), Some("records"));
        let err = metrics
            .report_json(r#"{"records": []}"#.into(), period.clone(), now)
            .unwrap_err();
        assert_eq!(
            err.detail(),
            "records: expected an array of records, found an object"
        );
        let err = metrics
            .report_json("[]".into(), period, Timestamp { millis: i64::MAX })
            .unwrap_err();
        assert_eq!(err.code(), "out_of_range");
    }
}
