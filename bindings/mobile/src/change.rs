//! Change risk: `itsm_core::change` for Kotlin and Swift.
//!
//! The policy, a change's description and the assessment cross the boundary
//! as JSON text (see the core's `RiskPolicy`, `RiskInput` and
//! `RiskAssessment`); the assessment is the core's canonical JSON text, the
//! same bytes in every language.

use itsm_core::change as core;

use crate::{Result, read_document};

/// How risky a change is: ordered first-match rules over its fields, a
/// questionnaire's score in bands, an impact x probability matrix; the
/// highest level wins and picks the approval steps and the CAB review.
/// Validated on load and safe to share between threads.
#[derive(Debug, uniffi::Object)]
pub struct RiskPolicy {
    inner: core::RiskPolicy,
}

#[uniffi::export]
impl RiskPolicy {
    /// Reads a risk policy document from JSON text.
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first bad
    /// field (`rules[1].risk: "extreme" is not one of the levels low, high`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(RiskPolicy {
            inner: read_document(
                &json,
                core::RiskPolicy::from_json,
                core::RiskPolicy::from_value,
            )?,
        })
    }

    /// The document as compact JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The risk of a change given as JSON text (`{"fields": {...}, "answers":
    /// {...}, "impact": "high", "probability": "likely"}`), as the core's
    /// JSON text: the level, every source that gave one, the approval.
    ///
    /// Errors: `InvalidInput` naming the field (`answers.tested`, `impact`).
    pub fn assess_json(&self, change_json: String) -> Result<String> {
        let input = read_document(
            &change_json,
            core::RiskInput::from_json,
            core::RiskInput::from_value,
        )?;
        Ok(self.inner.assess(&input)?.to_json())
    }
}
