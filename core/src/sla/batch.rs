//! Batches: many records evaluated at one `now`, each outcome the same document
//! in every language (`{index, record, evaluation}` or `{index, record,
//! error}`), and the counts of a batch.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::policy::{EvaluateOptions, Evaluation, PolicySet};
use crate::document;
use crate::error::{ErrorDocument, Result};
use crate::timeline::Timeline;

/// One record's outcome in a batch: `{index, record, evaluation}` or
/// `{index, record, error}`, the same document in every language.
///
/// # Example
/// ```
/// use itsm_core::sla::{BatchItem, EvaluateOptions, PolicySet, template};
/// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
/// let now = itsm_core::parse_instant("now", "2026-11-23T10:00:00Z").unwrap();
/// let records = [serde_json::json!({"id": "I-1", "created_at": "2026-11-23T09:00:00Z"}),
///                serde_json::json!({"id": "I-2", "created_at": "yesterday"})];
/// let items = set.evaluate_documents(&records, now, EvaluateOptions::default());
/// assert!(items[0].outcome.evaluation().is_some());
/// let error = serde_json::to_value(&items[1]).unwrap();
/// assert_eq!(error["record"], "I-2");
/// assert_eq!(error["error"]["code"], "invalid_input");
/// assert_eq!(error["error"]["path"], "created_at");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct BatchItem {
    /// The record's position in the batch, from 0.
    pub index: usize,
    /// The record's id; `null` when its document has no readable id.
    pub record: Option<String>,
    /// Its evaluation or its error.
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// An evaluation or the error that prevented it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The record was evaluated.
    Evaluation(Box<Evaluation>),
    /// It could not be: a bad document or a failed computation.
    Error(ErrorDocument),
}

impl Outcome {
    /// The evaluation, when there is one.
    pub fn evaluation(&self) -> Option<&Evaluation> {
        match self {
            Outcome::Evaluation(e) => Some(e),
            Outcome::Error(_) => None,
        }
    }

    /// The error, when there is one.
    pub fn error(&self) -> Option<&ErrorDocument> {
        match self {
            Outcome::Evaluation(_) => None,
            Outcome::Error(e) => Some(e),
        }
    }
}

impl BatchItem {
    /// The canonical JSON text: compact, keys in sorted order, the evaluation
    /// inside byte for byte its own [`Evaluation::to_json`].
    pub fn to_json(&self) -> String {
        document::to_value(self).to_string()
    }

    /// The item for the record at `index` (with its id, when known) and the
    /// outcome of its evaluation.
    pub fn new(index: usize, record: Option<&str>, outcome: Result<Evaluation>) -> BatchItem {
        let outcome = match outcome {
            Ok(evaluation) => Outcome::Evaluation(Box::new(evaluation)),
            Err(error) => Outcome::Error(ErrorDocument::from(&error)),
        };
        BatchItem {
            index,
            record: record.map(str::to_owned),
            outcome,
        }
    }
}

impl PolicySet {
    /// Reads and evaluates many timeline documents at the same `now`: one
    /// [`BatchItem`] per document, in order, with the record's id even when its
    /// document is bad (when the document has a string `id`).
    pub fn evaluate_documents<'v>(
        &self,
        documents: impl IntoIterator<Item = &'v Value>,
        now: DateTime<Utc>,
        options: EvaluateOptions,
    ) -> Vec<BatchItem> {
        documents
            .into_iter()
            .enumerate()
            .map(|(index, value)| {
                let outcome =
                    Timeline::from_value(value).and_then(|t| self.evaluate_with(&t, now, options));
                BatchItem::new(index, value.get("id").and_then(Value::as_str), outcome)
            })
            .collect()
    }
}

/// Counts over a batch: how many records were evaluated, failed, and warned
/// about, per warning code.
///
/// # Example
/// ```
/// use itsm_core::sla::{BatchSummary, EvaluateOptions, PolicySet, template};
/// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
/// let records = [serde_json::json!({"id": "I-1", "created_at": "2026-11-23T09:00:00Z", "fields": {"state": "Resolved"}}),
///                serde_json::json!({"id": "I-2"})];
/// let now = itsm_core::parse_instant("now", "2026-11-23T10:00:00Z").unwrap();
/// let summary = BatchSummary::of(&set.evaluate_documents(&records, now, EvaluateOptions::default()));
/// assert_eq!((summary.records, summary.evaluated, summary.errors), (2, 1, 1));
/// assert_eq!(summary.warnings["unknown_state"], 1);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BatchSummary {
    /// Records in the batch.
    pub records: usize,
    /// Records evaluated.
    pub evaluated: usize,
    /// Records that failed, each with its error in its item.
    pub errors: usize,
    /// Evaluated records with at least one warning.
    pub warned: usize,
    /// Warnings by code, over all records.
    pub warnings: BTreeMap<String, usize>,
    /// Errors by code.
    pub error_codes: BTreeMap<String, usize>,
}

impl BatchSummary {
    /// The counts of `items`.
    pub fn of(items: &[BatchItem]) -> BatchSummary {
        let mut summary = BatchSummary {
            records: items.len(),
            ..BatchSummary::default()
        };
        for item in items {
            match &item.outcome {
                Outcome::Evaluation(e) => {
                    summary.evaluated += 1;
                    if !e.warnings.is_empty() {
                        summary.warned += 1;
                    }
                    for w in &e.warnings {
                        let code = serde_json::to_value(w.code).unwrap_or_default();
                        let code = code.as_str().unwrap_or_default().to_owned();
                        *summary.warnings.entry(code).or_default() += 1;
                    }
                }
                Outcome::Error(e) => {
                    summary.errors += 1;
                    *summary.error_codes.entry(e.code.clone()).or_default() += 1;
                }
            }
        }
        summary
    }
}
