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

use itsm_core::change::{
    PlannedChange, RiskAssessment, RiskInput, Slot, SlotQuery, WindowConflict,
};

use crate::service::ServiceGraph;
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

/// Maintenance windows a change must lie inside, and freeze and blackout
/// windows it must stay out of, recurring through a calendar or one-off, and
/// scoped to services or items and so to everything they depend on.
///
/// Build one with `ChangeWindows.fromJSON(document)`; intervals are
/// half-open and back-to-back occurrences of one window join.
#[napi]
pub struct ChangeWindows {
    inner: itsm_core::change::ChangeWindows,
}

#[napi]
impl ChangeWindows {
    /// Reads a windows document: a plain object, or the same document as JSON
    /// text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field
    /// (`windows[1].id: the id "a" is already used`).
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: ChangeWindowsInput | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<ChangeWindows, ItsmCode> {
        let inner = match document("doc", "a windows document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::change::ChangeWindows::from_json(&text),
            Document::Data(value) => itsm_core::change::ChangeWindows::from_value(&value),
        };
        inner.map(|inner| ChangeWindows { inner }).map_err(to_js)
    }

    /// The windows document as a plain object; `ChangeWindows.fromJSON` reads
    /// it back, and `JSON.stringify(windows)` writes it.
    #[napi(
        js_name = "toJSON",
        ts_return_type = "ChangeWindowsDocument",
        catch_unwind
    )]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The window conflicts of a planned change (`items`, `start`, `end`, as
    /// `Date`s or RFC 3339 text) on `graph`: freeze and blackout overlaps,
    /// and items outside every maintenance window that covers them.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming `items[i]` or
    /// `windows[w].scope[s]` for a node the graph does not know, or `end`.
    #[napi(
        ts_args_type = "graph: ServiceGraph, change: PlannedChangeInput | string",
        ts_return_type = "Array<WindowConflict>",
        catch_unwind
    )]
    pub fn check(
        &self,
        graph: &ServiceGraph,
        change: Unknown<'_>,
    ) -> Result<Data<Vec<WindowConflict>>, ItsmCode> {
        let change = match document("change", "a planned change", change, Kind::Input)? {
            Document::Text(text) => PlannedChange::from_json(&text),
            Document::Data(value) => PlannedChange::from_value(&value),
        }
        .map_err(to_js)?;
        self.inner
            .check(&graph.inner, &change)
            .map(Data)
            .map_err(to_js)
    }

    /// The first slot of `duration_ms` from `from` that ends by `until`
    /// without a window conflict: `{start, end}`, or `null`.
    ///
    /// Throws `ITSM_INVALID_INPUT` as `check` does, and for a duration below
    /// 1 ms or `until` before `from`.
    #[napi(
        ts_args_type = "graph: ServiceGraph, query: SlotQueryInput | string",
        ts_return_type = "Slot | null",
        catch_unwind
    )]
    pub fn next_slot(
        &self,
        graph: &ServiceGraph,
        query: Unknown<'_>,
    ) -> Result<Data<Option<Slot>>, ItsmCode> {
        let query = match document("query", "a slot query", query, Kind::Input)? {
            Document::Text(text) => SlotQuery::from_json(&text),
            Document::Data(value) => SlotQuery::from_value(&value),
        }
        .map_err(to_js)?;
        self.inner
            .next_slot(&graph.inner, &query)
            .map(Data)
            .map_err(to_js)
    }
}
