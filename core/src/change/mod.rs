//! Changes: how risky a change is, and what its risk asks for (the approval
//! steps and whether the change advisory board reviews it).
//!
//! Risk comes from ordered first-match rules over the change's fields, a
//! questionnaire's score in bands, and an impact x probability lookup; every
//! part that gives a level is reported, and the highest level wins.
//!
//! Windows: maintenance windows a change must lie inside, freeze and blackout
//! windows it must stay out of, recurring through a calendar or one-off, and
//! scoped to services or items and so to everything they depend on (the
//! service graph says what depends on what).
//!
//! Conflicts between changes: two changes that overlap and touch the same
//! item, related items, items a shared service depends on, or the same
//! assignee; one change against a schedule, or a schedule against itself by
//! a sweep over start times.
//!
//! This module owns the risk policy and its assessment; it uses the rule
//! language for its conditions and the records' approval steps for what a
//! level asks for.

mod conflict;
mod risk;
mod window;

pub use conflict::{ChangeConflict, ChangeConflictKind, PlannedChange, Schedule, ScheduleDocument};
pub use risk::{
    ApprovalPolicy, Band, Question, Questionnaire, RiskAssessment, RiskInput, RiskMatrix,
    RiskPolicy, RiskRule, RiskSource, RiskSourceKind,
};
pub use window::{
    ChangeWindow, ChangeWindows, Occurrence, Slot, SlotQuery, WindowConflict, WindowConflictKind,
    WindowKind,
};
