//! Change risk for JavaScript: rules, a questionnaire and an impact x
//! probability matrix that give a change's risk, and the approvals each level
//! asks for.
//!
//! The policy and a change's description come in as plain objects or JSON
//! text; the assessment goes out as the core's document, a plain object under
//! the core's snake_case keys.

use napi::Result;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use serde_json::Value;

use itsm_core::change::{RiskAssessment, RiskInput};

use crate::{Data, Document, ItsmCode, Kind, document, to_js};

/// How risky a change is: ordered first-match rules over its fields, a
/// questionnaire's score in bands, an impact x probability matrix; the
/// highest level wins and picks the approval steps and the CAB review.
///
/// Build one with `RiskPolicy.fromJSON(document)`.
#[napi]
pub struct RiskPolicy {
    inner: itsm_core::change::RiskPolicy,
}

#[napi]
impl RiskPolicy {
    /// Reads a risk policy document: a plain object, or the same document as
    /// JSON text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field
    /// (`rules[1].risk: "extreme" is not one of the levels low, high`).
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: RiskPolicyDocument | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<RiskPolicy, ItsmCode> {
        let inner = match document("doc", "a risk policy document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::change::RiskPolicy::from_json(&text),
            Document::Data(value) => itsm_core::change::RiskPolicy::from_value(&value),
        };
        inner.map(|inner| RiskPolicy { inner }).map_err(to_js)
    }

    /// The policy document as a plain object; `RiskPolicy.fromJSON` reads it
    /// back, and `JSON.stringify(policy)` writes it.
    #[napi(
        js_name = "toJSON",
        ts_return_type = "RiskPolicyDocument",
        catch_unwind
    )]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The risk of a change given by its `fields`, `answers`, `impact` and
    /// `probability`: the highest level, every source that gave one, and the
    /// level's `approval` (steps and CAB review).
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the field (`answers.tested: "maybe"
    /// is not one of no, yes`, `probability: an impact needs a probability`).
    #[napi(
        ts_args_type = "change: RiskInput | string",
        ts_return_type = "RiskAssessment",
        catch_unwind
    )]
    pub fn assess(&self, change: Unknown<'_>) -> Result<Data<RiskAssessment>, ItsmCode> {
        let input = match document("change", "a change's risk input", change, Kind::Input)? {
            Document::Text(text) => RiskInput::from_json(&text),
            Document::Data(value) => RiskInput::from_value(&value),
        }
        .map_err(to_js)?;
        self.inner.assess(&input).map(Data).map_err(to_js)
    }
}
