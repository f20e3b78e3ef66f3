//! Approvals of a record: rounds of steps, each decided by any, all or a quorum
//! of its approvers, the steps in sequence; delegation; suspension while the
//! record is on hold. This module owns the arithmetic of a decision; the desk
//! decides who may answer.

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::document;
use crate::rules::{Approval as ContextApproval, Decision};

/// How a step is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// The first approval approves; the step is refused when every approver
    /// has refused.
    Any,
    /// Every approver must approve; one refusal refuses.
    All,
    /// The approved share must reach `threshold_percent`; 0 % means the first
    /// answer decides. A refusal that makes the share unreachable refuses at once.
    Quorum,
}

/// One step as a command asks for it.
///
/// # Example
/// ```
/// let step: itsm_core::record::StepRequest = serde_json::from_value(serde_json::json!(
///     {"mode": "quorum", "threshold_percent": 60, "group": "cab", "approvers": ["ann", "bob", "cat"]})).unwrap();
/// assert_eq!(step.approvers.len(), 3);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    /// A name for people (`manager`, `cab`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How the step is decided.
    pub mode: Mode,
    /// For `quorum`: the approved share needed, 0 to 100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 100))]
    pub threshold_percent: Option<u8>,
    /// The group the step is asked of (`cab`), which workflow guards count by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The approvers' actor ids.
    pub approvers: Vec<String>,
}

/// An approver's answer, as the record keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Not answered yet.
    Pending,
    /// Approved.
    Approved,
    /// Refused.
    Rejected,
    /// Left unanswered when the round was decided without it.
    NotRequired,
}

/// One approver of a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approver {
    /// The actor asked (after delegation, the delegate).
    pub approver: String,
    /// Whom the approval was first asked of, when it was delegated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delegated_from: Option<String>,
    /// The answer so far.
    pub answer: Answer,
    /// When it was answered.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub at: Option<DateTime<Utc>>,
    /// The approver's comment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// One step of a round.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// A name for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How the step is decided.
    pub mode: Mode,
    /// For `quorum`: the approved share needed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold_percent: Option<u8>,
    /// The group it was asked of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Its approvers.
    pub approvers: Vec<Approver>,
    /// Its outcome so far.
    pub outcome: Outcome,
}

/// Where a step or a round stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[schemars(rename = "ApprovalOutcome")]
pub enum Outcome {
    /// Not decided.
    Pending,
    /// Approved.
    Approved,
    /// Refused.
    Rejected,
}

/// One round of approvals: steps decided in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Round {
    /// Who asked.
    pub requested_by: String,
    /// When.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub requested_at: DateTime<Utc>,
    /// The steps, in order: a step is open once every step before it approved.
    pub steps: Vec<Step>,
    /// The transition to ask for once approved, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_approved: Option<String>,
    /// The transition to ask for once refused, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_rejected: Option<String>,
    /// The round's outcome so far.
    pub outcome: Outcome,
    /// Whether its pending approvals are suspended (the record is on hold).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub suspended: bool,
}

impl Round {
    /// A round as asked for.
    pub(crate) fn new(
        requested_by: &str,
        requested_at: DateTime<Utc>,
        steps: &[StepRequest],
        on_approved: Option<String>,
        on_rejected: Option<String>,
    ) -> Round {
        Round {
            requested_by: requested_by.to_owned(),
            requested_at,
            steps: steps
                .iter()
                .map(|s| Step {
                    name: s.name.clone(),
                    mode: s.mode,
                    threshold_percent: s.threshold_percent,
                    group: s.group.clone(),
                    approvers: s
                        .approvers
                        .iter()
                        .map(|a| Approver {
                            approver: a.clone(),
                            delegated_from: None,
                            answer: Answer::Pending,
                            at: None,
                            comment: None,
                        })
                        .collect(),
                    outcome: Outcome::Pending,
                })
                .collect(),
            on_approved,
            on_rejected,
            outcome: Outcome::Pending,
            suspended: false,
        }
    }

    /// The open step: the first one not decided, while the round is pending.
    pub fn open_step(&self) -> Option<usize> {
        if self.outcome != Outcome::Pending {
            return None;
        }
        self.steps
            .iter()
            .position(|s| s.outcome == Outcome::Pending)
    }

    /// Records an answer and decides the step and the round where the answers
    /// now allow: approvers left unanswered in a decided step are no longer
    /// required.
    pub(crate) fn answer(
        &mut self,
        step: usize,
        approver: usize,
        answer: Answer,
        at: DateTime<Utc>,
        comment: Option<String>,
    ) {
        let last = step + 1 == self.steps.len();
        let s = &mut self.steps[step];
        let a = &mut s.approvers[approver];
        (a.answer, a.at, a.comment) = (answer, Some(at), comment);
        s.outcome = s.decision();
        if s.outcome != Outcome::Pending {
            for a in s
                .approvers
                .iter_mut()
                .filter(|a| a.answer == Answer::Pending)
            {
                a.answer = Answer::NotRequired;
            }
        }
        self.outcome = match s.outcome {
            Outcome::Rejected => Outcome::Rejected,
            Outcome::Approved if last => Outcome::Approved,
            _ => Outcome::Pending,
        };
        if self.outcome != Outcome::Pending {
            for s in self
                .steps
                .iter_mut()
                .filter(|s| s.outcome == Outcome::Pending)
            {
                for a in &mut s.approvers {
                    a.answer = Answer::NotRequired;
                }
            }
        }
    }

    /// The approvals as workflow guards count them: every answer of every
    /// step, suspended ones pending, those no longer required left out.
    pub(crate) fn for_guards(&self) -> impl Iterator<Item = ContextApproval> + '_ {
        self.steps.iter().flat_map(move |s| {
            s.approvers.iter().filter_map(move |a| {
                let decision = match a.answer {
                    Answer::Pending => Decision::Pending,
                    Answer::Approved => Decision::Approved,
                    Answer::Rejected => Decision::Rejected,
                    Answer::NotRequired => return None,
                };
                Some(ContextApproval {
                    approver: a.approver.clone(),
                    group: s.group.clone(),
                    decision,
                })
            })
        })
    }
}

impl Step {
    /// The step's outcome from its answers.
    fn decision(&self) -> Outcome {
        let total = self.approvers.len();
        let count = |answer| self.approvers.iter().filter(|a| a.answer == answer).count();
        let (approved, rejected) = (count(Answer::Approved), count(Answer::Rejected));
        let pending = total - approved - rejected;
        let needed = match (self.mode, self.threshold_percent.unwrap_or(100)) {
            (Mode::Any, _) => 1,
            (Mode::All, _) => total,
            (Mode::Quorum, 0) => {
                // The first answer decides.
                return match (approved, rejected) {
                    (0, 0) => Outcome::Pending,
                    (0, _) => Outcome::Rejected,
                    _ => Outcome::Approved,
                };
            }
            // The approved share reaches the threshold: approved / total >= t / 100.
            (Mode::Quorum, t) => (usize::from(t) * total).div_ceil(100),
        };
        if approved >= needed {
            Outcome::Approved
        } else if approved + pending < needed {
            Outcome::Rejected
        } else {
            Outcome::Pending
        }
    }
}
