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
    ChangeConflict, PlannedChange, RiskAssessment, RiskInput, Slot, SlotQuery, WindowConflict,
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
    /// without a window conflict, avoiding the changes of `schedule` it would
    /// conflict with: `{start, end}`, or `null`.
    ///
    /// Throws `ITSM_INVALID_INPUT` as `check` does, and for a duration below
    /// 1 ms or `until` before `from`.
    #[napi(
        ts_args_type = "graph: ServiceGraph, query: SlotQueryInput | string, schedule?: Schedule | null",
        ts_return_type = "Slot | null",
        catch_unwind
    )]
    pub fn next_slot(
        &self,
        graph: &ServiceGraph,
        query: Unknown<'_>,
        schedule: Option<&Schedule>,
    ) -> Result<Data<Option<Slot>>, ItsmCode> {
        let query = match document("query", "a slot query", query, Kind::Input)? {
            Document::Text(text) => SlotQuery::from_json(&text),
            Document::Data(value) => SlotQuery::from_value(&value),
        }
        .map_err(to_js)?;
        let none = itsm_core::change::Schedule::default();
        let schedule = schedule.map_or(&none, |s| &s.inner);
        self.inner
            .next_slot(&graph.inner, &query, schedule)
            .map(Data)
            .map_err(to_js)
    }
}

/// The changes scheduled, for conflicts between them: the same item, related
/// items (one's failure reaches the other), items a shared service depends
/// on, a double-booked assignee.
///
/// Build one with `Schedule.fromJSON({changes: [...]})`.
#[napi]
pub struct Schedule {
    inner: itsm_core::change::Schedule,
}

#[napi]
impl Schedule {
    /// Reads a schedule: a plain object `{changes: [...]}` (instants as
    /// `Date`s or RFC 3339 text), or the same as JSON text.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the path (`changes[1].id: "A" is
    /// already changes[0]`).
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: ScheduleInput | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<Schedule, ItsmCode> {
        let inner = match document("doc", "a schedule", doc, Kind::Input)? {
            Document::Text(text) => itsm_core::change::Schedule::from_json(&text),
            Document::Data(value) => itsm_core::change::Schedule::from_value(&value),
        };
        inner.map(|inner| Schedule { inner }).map_err(to_js)
    }

    /// The schedule as a plain object; `Schedule.fromJSON` reads it back.
    #[napi(js_name = "toJSON", ts_return_type = "ScheduleDocument", catch_unwind)]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The number of changes.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Every conflict between two scheduled changes on `graph`, each pair
    /// once, the change that starts first as `change`.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming `changes[c].items[i]` for a node the
    /// graph does not know.
    #[napi(ts_return_type = "Array<ChangeConflict>", catch_unwind)]
    pub fn conflicts(&self, graph: &ServiceGraph) -> Result<Data<Vec<ChangeConflict>>, ItsmCode> {
        self.inner.conflicts(&graph.inner).map(Data).map_err(to_js)
    }

    /// The conflicts of a planned change with the scheduled changes it
    /// overlaps.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming `items[i]` or `end`.
    #[napi(
        ts_args_type = "graph: ServiceGraph, change: PlannedChangeInput | string",
        ts_return_type = "Array<ChangeConflict>",
        catch_unwind
    )]
    pub fn conflicts_of(
        &self,
        graph: &ServiceGraph,
        change: Unknown<'_>,
    ) -> Result<Data<Vec<ChangeConflict>>, ItsmCode> {
        let change = match document("change", "a planned change", change, Kind::Input)? {
            Document::Text(text) => PlannedChange::from_json(&text),
            Document::Data(value) => PlannedChange::from_value(&value),
        }
        .map_err(to_js)?;
        self.inner
            .conflicts_of(&graph.inner, &change)
            .map(Data)
            .map_err(to_js)
    }
}
