//! The priority matrix: `itsm_core::priority` with a typed answer for Kotlin
//! and Swift.
//!
//! The matrix document crosses the boundary as JSON text (see the core's
//! `PriorityMatrix`), and so do a record's fields: a JSON object such as
//! `{"vip": true}`. The answer comes back two ways: the record
//! [`PriorityAnswer`], which mirrors the core's field by field, and the core's
//! JSON text of it (`priorityJson`), the same in every language.

use itsm_core::priority as core;
use itsm_core::{Error as CoreError, Fields};

use crate::{Finding, Result, read_document};

/// What the matrix answers for a record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
#[cfg_attr(test, derive(serde::Serialize))]
pub struct PriorityAnswer {
    /// The priority to use.
    pub priority: String,
    /// The matrix cell's priority, before any override.
    pub matrix_priority: String,
    /// The path of the override that applied (`overrides[0]`); null (nil) when
    /// none did.
    pub override_applied: Option<String>,
    /// That override's name; null (nil) when none applied or it has no name.
    pub override_name: Option<String>,
}

impl From<core::PriorityAnswer> for PriorityAnswer {
    fn from(answer: core::PriorityAnswer) -> Self {
        PriorityAnswer {
            priority: answer.priority,
            matrix_priority: answer.matrix_priority,
            override_applied: answer.override_applied,
            override_name: answer.override_name,
        }
    }
}

/// Impact x urgency to priority, with ordered override rules (the first that
/// holds on the record's fields applies); validated on load and safe to share
/// between threads.
///
/// Two matrices are equal when they were read from the same document.
#[derive(Debug, Clone, PartialEq, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct PriorityMatrix {
    inner: core::PriorityMatrix,
}

// The core compares matrices by their documents, whose override conditions
// compare JSON values: a total equivalence for documents that load.
impl Eq for PriorityMatrix {}

#[uniffi::export]
impl PriorityMatrix {
    /// Reads a matrix document from JSON text:
    /// `{"impacts": [...], "urgencies": [...], "priorities": [...],
    /// "matrix": {impact: {urgency: priority}}, "overrides": [...]}`.
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first bad
    /// field (`matrix.high: no priority for urgency "low"`), for malformed
    /// JSON, unknown fields, a missing cell, an unknown priority, a value
    /// listed twice, or an override with both or neither of `raise` and `set`.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(PriorityMatrix {
            inner: read_document(
                &json,
                core::PriorityMatrix::from_json,
                core::PriorityMatrix::from_value,
            )?,
        })
    }

    /// ITIL's matrix, the default: impact and urgency `high`, `medium`, `low`
    /// to `P1` (critical) to `P5` (planning); a record whose `vip` field is
    /// true is raised one step.
    #[uniffi::constructor]
    pub fn itil() -> Self {
        PriorityMatrix {
            inner: core::PriorityMatrix::itil(),
        }
    }

    /// The document as compact JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The traps of the matrix, in document order; empty when there are none:
    /// a priority no cell, `set` or `raise` ever gives (`unused_priority`), an
    /// override that never applies because an earlier one always holds, or
    /// holds exactly when it does (`unreachable_override`), an override of
    /// `raise: 0` (`override_changes_nothing`).
    ///
    /// ```kotlin
    /// val matrix = PriorityMatrix.fromJson("""{"impacts": ["high"], "urgencies": ["high"],
    ///     "priorities": ["P1", "P2"], "matrix": {"high": {"high": "P1"}}}""")
    /// println(matrix.lint().map { it.code }) // [unused_priority]
    /// ```
    pub fn lint(&self) -> Vec<Finding> {
        self.inner.lint().into_iter().map(Finding::from).collect()
    }

    /// The priority of a record of this `impact` and `urgency`. `fieldsJson`
    /// is the record's fields as the JSON text of an object, such as
    /// `{"vip": true}`, which the overrides test; null (nil) for none.
    ///
    /// Errors: `InvalidArgument` naming `impact` or `urgency` when the matrix
    /// does not know the value, or naming `fields` when `fieldsJson` is not a
    /// JSON object.
    #[uniffi::method(default(fields_json = None))]
    pub fn priority(
        &self,
        impact: String,
        urgency: String,
        fields_json: Option<String>,
    ) -> Result<PriorityAnswer> {
        Ok(self
            .answer(&impact, &urgency, fields_json.as_deref())?
            .into())
    }

    /// As `priority`, returning the core's JSON text of the answer,
    /// `{"priority", "matrix_priority", "override_applied", "override_name"}`,
    /// the same in every language.
    ///
    /// Errors: as `priority`.
    #[uniffi::method(default(fields_json = None))]
    pub fn priority_json(
        &self,
        impact: String,
        urgency: String,
        fields_json: Option<String>,
    ) -> Result<String> {
        let answer = self.answer(&impact, &urgency, fields_json.as_deref())?;
        Ok(serde_json::to_value(&answer)
            .map(|value| value.to_string())
            .unwrap_or_default())
    }
}

impl PriorityMatrix {
    fn answer(
        &self,
        impact: &str,
        urgency: &str,
        fields_json: Option<&str>,
    ) -> Result<core::PriorityAnswer> {
        let fields = match fields_json {
            None => Fields::new(),
            Some(text) => serde_json::from_str::<Fields>(text).map_err(|error| {
                CoreError::invalid_argument(
                    "fields",
                    format!("not the JSON text of an object: {error}"),
                )
            })?,
        };
        Ok(self.inner.priority(impact, urgency, &fields)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;
    use std::path::PathBuf;

    #[test]
    fn itil_is_the_default_and_reads_back_as_itself() {
        let matrix = PriorityMatrix::itil();
        assert_eq!(PriorityMatrix::from_json(matrix.to_json()).unwrap(), matrix);
        let plain = matrix
            .priority("medium".into(), "high".into(), None)
            .unwrap();
        assert_eq!(plain.priority, "P2");
        assert_eq!(plain.override_applied, None);
        let vip = matrix
            .priority(
                "medium".into(),
                "high".into(),
                Some(r#"{"vip": true}"#.into()),
            )
            .unwrap();
        assert_eq!(
            vip,
            PriorityAnswer {
                priority: "P1".into(),
                matrix_priority: "P2".into(),
                override_applied: Some("overrides[0]".into()),
                override_name: Some("VIP caller".into()),
            }
        );
        assert_eq!(
            matrix
                .priority_json(
                    "medium".into(),
                    "high".into(),
                    Some(r#"{"vip": true}"#.into())
                )
                .unwrap(),
            r#"{"matrix_priority":"P2","override_applied":"overrides[0]","override_name":"VIP caller","priority":"P1"}"#
        );
    }

    #[test]
    fn errors_name_the_argument_or_the_field() {
        let matrix = PriorityMatrix::itil();
        let err = matrix
            .priority("severe".into(), "high".into(), None)
            .unwrap_err();
        assert_eq!(err.code(), "invalid_argument");
        assert_eq!(
            err.detail(),
            "invalid argument `impact`: \"severe\" is not one of high, medium, low"
        );
        assert_eq!(
            err.document().details.as_deref(),
            Some(r#"{"argument":"impact"}"#)
        );
        let err = matrix
            .priority_json("high".into(), "3".into(), None)
            .unwrap_err();
        assert_eq!(
            err.document().details.as_deref(),
            Some(r#"{"argument":"urgency"}"#)
        );
        for bad in ["[true]", "{", "\"vip\""] {
            let err = matrix
                .priority("high".into(), "high".into(), Some(bad.into()))
                .unwrap_err();
            assert_eq!(err.code(), "invalid_argument", "{bad}");
            assert_eq!(
                err.document().details.as_deref(),
                Some(r#"{"argument":"fields"}"#)
            );
        }
        let err = PriorityMatrix::from_json("{".into()).unwrap_err();
        assert_eq!(err.code(), "invalid_config");
    }

    /// The mirrored record, written as JSON, is the core's answer document for
    /// every case of every priority vector.
    #[test]
    fn answers_mirror_the_core_documents() {
        let directory =
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors/priority");
        let mut compared = 0;
        for entry in std::fs::read_dir(&directory).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let file: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let Some(document) = file.get("matrix") else {
                continue;
            };
            let matrix = PriorityMatrix::from_json(document.to_string()).unwrap();
            for case in file["cases"].as_array().into_iter().flatten() {
                let fields = case.get("fields").map(Value::to_string);
                let (impact, urgency) = (
                    case["impact"].as_str().unwrap().to_owned(),
                    case["urgency"].as_str().unwrap().to_owned(),
                );
                let Ok(answer) = matrix.priority(impact.clone(), urgency.clone(), fields.clone())
                else {
                    continue;
                };
                let core_fields: Fields = case
                    .get("fields")
                    .map(|f| serde_json::from_value(f.clone()).unwrap())
                    .unwrap_or_default();
                let core_answer = matrix
                    .inner
                    .priority(&impact, &urgency, &core_fields)
                    .unwrap();
                let core_document = serde_json::to_value(&core_answer).unwrap();
                assert_eq!(
                    serde_json::to_value(&answer).unwrap(),
                    core_document,
                    "{}",
                    case["name"]
                );
                assert_eq!(
                    matrix.priority_json(impact, urgency, fields).unwrap(),
                    core_document.to_string()
                );
                compared += 1;
            }
        }
        assert!(compared >= 20, "only {compared} answers compared");
    }
}
