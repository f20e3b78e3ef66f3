//! Changes: how risky a change is, and what its risk asks for (the approval
//! steps and whether the change advisory board reviews it).
//!
//! Risk comes from ordered first-match rules over the change's fields, a
//! questionnaire's score in bands, and an impact x probability lookup; every
//! part that gives a level is reported, and the highest level wins. Change
//! windows and conflict detection are not built yet.
//!
//! This module owns the risk policy and its assessment; it uses the rule
//! language for its conditions and the records' approval steps for what a
//! level asks for.

mod risk;

pub use risk::{
    ApprovalPolicy, Band, Question, Questionnaire, RiskAssessment, RiskInput, RiskMatrix,
    RiskPolicy, RiskRule, RiskSource, RiskSourceKind,
};
