//! Change risk: `itsm_core::change` for Kotlin and Swift.
//!
//! The policy, a change's description and the assessment cross the boundary
//! as JSON text (see the core's `RiskPolicy`, `RiskInput` and
//! `RiskAssessment`); the assessment is the core's canonical JSON text, the
//! same bytes in every language.

use std::sync::Arc;

use itsm_core::change as core;

use crate::service::ServiceGraph;
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

/// Maintenance windows a change must lie inside, and freeze and blackout
/// windows it must stay out of, recurring through a calendar or one-off, and
/// scoped to services or items and so to everything they depend on.
/// Validated on load and safe to share between threads.
#[derive(Debug, uniffi::Object)]
pub struct ChangeWindows {
    inner: core::ChangeWindows,
}

#[uniffi::export]
impl ChangeWindows {
    /// Reads a windows document from JSON text: `{"windows": [...]}`.
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first bad
    /// field (`windows[1].id: the id "a" is already used`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(ChangeWindows {
            inner: read_document(
                &json,
                core::ChangeWindows::from_json,
                core::ChangeWindows::from_value,
            )?,
        })
    }

    /// The document as compact JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The window conflicts of a planned change given as JSON text
    /// (`{"items": [...], "start": "...", "end": "..."}`) on `graph`, as the
    /// core's JSON text of the list.
    ///
    /// Errors: `InvalidInput` naming `items[i]`, `windows[w].scope[s]` or
    /// `end`.
    pub fn check_json(&self, graph: Arc<ServiceGraph>, change_json: String) -> Result<String> {
        let change = read_document(
            &change_json,
            core::PlannedChange::from_json,
            core::PlannedChange::from_value,
        )?;
        let conflicts = self.inner.check(&graph.graph(), &change)?;
        Ok(itsm_core::canonical_json(&conflicts))
    }

    /// The first slot without window conflicts for a query given as JSON
    /// text (`{"items": [...], "duration_ms": 7200000, "from": "...",
    /// "until": "...", "assignee": "..."}`), avoiding the changes of
    /// `schedule` it would conflict with, as the core's JSON text: `{"start",
    /// "end"}`, or `null`.
    ///
    /// Errors: as `checkJson`, and for a duration below 1 ms or `until`
    /// before `from`.
    #[uniffi::method(default(schedule = None))]
    pub fn next_slot_json(
        &self,
        graph: Arc<ServiceGraph>,
        query_json: String,
        schedule: Option<Arc<Schedule>>,
    ) -> Result<String> {
        let query = read_document(
            &query_json,
            core::SlotQuery::from_json,
            core::SlotQuery::from_value,
        )?;
        let none = core::Schedule::default();
        let schedule = schedule.as_deref().map_or(&none, |s| &s.inner);
        let slot = self.inner.next_slot(&graph.graph(), &query, schedule)?;
        Ok(itsm_core::canonical_json(&slot))
    }
}

/// The changes scheduled, for conflicts between them: the same item, related
/// items, items a shared service depends on, a double-booked assignee. Safe
/// to share between threads.
#[derive(Debug, uniffi::Object)]
pub struct Schedule {
    inner: core::Schedule,
}

#[uniffi::export]
impl Schedule {
    /// Reads a schedule from JSON text: `{"changes": [{"id", "items",
    /// "start", "end", "assignee"}, ...]}`.
    ///
    /// Errors: `InvalidInput` naming the path (`changes[1].id: "A" is already
    /// changes[0]`).
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Schedule {
            inner: read_document(&json, core::Schedule::from_json, core::Schedule::from_value)?,
        })
    }

    /// The schedule as compact JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// Every conflict between two scheduled changes on `graph`, each pair
    /// once, as the core's JSON text of the list.
    ///
    /// Errors: `InvalidInput` naming `changes[c].items[i]`.
    pub fn conflicts_json(&self, graph: Arc<ServiceGraph>) -> Result<String> {
        let conflicts = self.inner.conflicts(&graph.graph())?;
        Ok(itsm_core::canonical_json(&conflicts))
    }

    /// The conflicts of a planned change given as JSON text with the
    /// scheduled changes it overlaps, as the core's JSON text of the list.
    ///
    /// Errors: `InvalidInput` naming `items[i]` or `end`.
    pub fn conflicts_of_json(
        &self,
        graph: Arc<ServiceGraph>,
        change_json: String,
    ) -> Result<String> {
        let change = read_document(
            &change_json,
            core::PlannedChange::from_json,
            core::PlannedChange::from_value,
        )?;
        let conflicts = self.inner.conflicts_of(&graph.graph(), &change)?;
        Ok(itsm_core::canonical_json(&conflicts))
    }
}
