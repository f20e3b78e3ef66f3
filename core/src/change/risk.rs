//! A change's risk: ordered first-match rules over its fields, a
//! questionnaire score in bands, and an impact x probability lookup, the
//! highest level winning; the level picks the approval steps and whether the
//! change advisory board (CAB) reviews it.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{self, Kind};
use crate::error::{Error, Result};
use crate::record::StepRequest;
use crate::rules::{Condition, Situation};
use crate::timeline::Fields;

/// A rule: when its condition holds on the change's fields, it says the risk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskRule {
    /// Shown in assessments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tested on the change's fields.
    pub when: Condition,
    /// The level it gives.
    pub risk: String,
}

/// A question and the points of each answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// How answers name it.
    pub id: String,
    /// Shown to people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The points of each answer.
    #[schemars(length(min = 1))]
    pub answers: BTreeMap<String, i64>,
}

/// A score band: a score of at least `at_least` (up to the next band) gives
/// `risk`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The lowest score of the band.
    pub at_least: i64,
    /// The level it gives.
    pub risk: String,
}

/// Questions whose answers add up to a score, and the bands that turn the
/// score into a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Questionnaire {
    /// The questions.
    #[schemars(length(min = 1))]
    pub questions: Vec<Question>,
    /// In increasing `at_least`; the first band starts at the lowest score.
    #[schemars(length(min = 1))]
    pub bands: Vec<Band>,
}

/// Impact x probability to a level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskMatrix {
    /// Impact values.
    #[schemars(length(min = 1))]
    pub impacts: Vec<String>,
    /// Probability values.
    #[schemars(length(min = 1))]
    pub probabilities: Vec<String>,
    /// The level of each impact (outer key) and probability (inner key).
    pub cells: BTreeMap<String, BTreeMap<String, String>>,
}

/// What a level asks for: the approval steps (as a `request_approval`
/// command takes them) and whether the CAB reviews.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalPolicy {
    /// The steps, in sequence; none for a change that needs no approval.
    #[serde(default)]
    pub steps: Vec<StepRequest>,
    /// Whether the change advisory board reviews the change.
    #[serde(default)]
    pub cab: bool,
}

/// How risk is assessed, and what each level asks for.
///
/// ```json
/// {"levels": ["low", "moderate", "high"], "default": "moderate",
///  "rules": [{"name": "database change", "when": {"field_eq": {"field": "category", "value": "database"}}, "risk": "high"}],
///  "questionnaire": {"questions": [{"id": "tested", "answers": {"yes": 0, "no": 3}}],
///                    "bands": [{"at_least": 0, "risk": "low"}, {"at_least": 3, "risk": "moderate"}]},
///  "matrix": {"impacts": ["high", "low"], "probabilities": ["likely", "unlikely"],
///             "cells": {"high": {"likely": "high", "unlikely": "moderate"}, "low": {"likely": "moderate", "unlikely": "low"}}},
///  "approvals": {"low": {}, "moderate": {"steps": [{"mode": "any", "approvers": ["lead"]}]},
///                "high": {"steps": [{"mode": "quorum", "threshold_percent": 60, "group": "cab", "approvers": ["a", "b", "c"]}], "cab": true}}}
/// ```
///
/// # Example
/// ```
/// use itsm_core::change::{RiskInput, RiskPolicy};
/// let policy = RiskPolicy::from_value(&serde_json::json!({
///     "levels": ["low", "high"], "default": "low",
///     "rules": [{"when": {"field_eq": {"field": "category", "value": "database"}}, "risk": "high"}],
///     "approvals": {"low": {}, "high": {"steps": [{"mode": "all", "approvers": ["dba"]}], "cab": true}}})).unwrap();
/// let input = RiskInput::from_value(&serde_json::json!({"fields": {"category": "database"}})).unwrap();
/// let assessment = policy.assess(&input).unwrap();
/// assert_eq!((assessment.risk.as_str(), assessment.approval.cab), ("high", true));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct RiskPolicy {
    /// The levels, lowest first.
    #[schemars(length(min = 1))]
    pub levels: Vec<String>,
    /// The level when no rule matches, no question is answered and no impact
    /// and probability are given.
    pub default: String,
    /// Tried in order; the first whose condition holds gives its level.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RiskRule>,
    /// Scored when the input answers any question.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub questionnaire: Option<Questionnaire>,
    /// Looked up when the input gives an impact and a probability.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub matrix: Option<RiskMatrix>,
    /// What each level asks for; every level has an entry.
    pub approvals: BTreeMap<String, ApprovalPolicy>,
}

impl Serialize for RiskPolicy {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        RiskPolicy::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for RiskPolicy {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let policy = RiskPolicy::deserialize(d)?;
        policy
            .check()
            .map_err(|(path, reason)| document::at(&path, reason))?;
        Ok(policy)
    }
}

/// What is known of one change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskInput {
    /// The change's fields, which the rules test.
    #[serde(default)]
    pub fields: Fields,
    /// The questionnaire's answers by question id; unanswered questions score
    /// nothing.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// The impact, for the matrix (with `probability`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<String>,
    /// The probability, for the matrix (with `impact`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub probability: Option<String>,
}

/// Which part of the policy gave a level.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskSourceKind {
    /// A rule matched.
    Rule,
    /// The questionnaire's score fell in a band.
    Questionnaire,
    /// The impact x probability cell.
    Matrix,
    /// Nothing else gave a level.
    Default,
}

/// One level a part of the policy gave.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskSource {
    /// Which part.
    pub source: RiskSourceKind,
    /// The level it gave.
    pub risk: String,
    /// Where in the policy (`rules[2]`, `questionnaire.bands[1]`,
    /// `matrix.cells.high.likely`, `default`).
    pub path: String,
    /// The rule's name, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The questionnaire's score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<i64>,
}

/// A change's risk, why, and what it asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RiskAssessment {
    /// The highest level of the sources.
    pub risk: String,
    /// Every level given, in the order rules, questionnaire, matrix (or the
    /// default alone).
    pub sources: Vec<RiskSource>,
    /// What the level asks for.
    pub approval: ApprovalPolicy,
}

impl RiskPolicy {
    /// Reads a policy from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path: a level listed twice, a
    /// level that is not one of `levels` (`rules[1].risk`), a level without
    /// approvals, bands out of order, a matrix cell missing.
    pub fn from_value(value: &Value) -> Result<RiskPolicy> {
        document::from_value(Kind::Config, value)
    }

    /// Reads a policy from JSON text.
    ///
    /// # Errors
    /// As [`RiskPolicy::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<RiskPolicy> {
        document::from_json(Kind::Config, text)
    }

    /// The policy as JSON data, in the form [`RiskPolicy::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The risk of a change, from every part of the policy that gives a
    /// level; the highest wins.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the input's field: an unknown question
    /// (`answers.tested`) or answer, an impact or probability the matrix does
    /// not know or given without the other, answers or an impact for a
    /// policy without a questionnaire or matrix, or a field value that is an
    /// array or an object.
    pub fn assess(&self, input: &RiskInput) -> Result<RiskAssessment> {
        let bad = |path: String, reason: String| Error::InvalidInput { path, reason };
        if let Some((name, _)) = input
            .fields
            .iter()
            .find(|(_, v)| v.is_array() || v.is_object())
        {
            return Err(bad(
                format!("fields.{name}"),
                "a field holds a string, number, boolean or null".into(),
            ));
        }
        let mut sources = Vec::new();
        let situation = Situation {
            before: &input.fields,
            after: &input.fields,
            event: "risk",
        };
        if let Some((i, rule)) = self
            .rules
            .iter()
            .enumerate()
            .find(|(_, rule)| rule.when.holds(&situation))
        {
            sources.push(RiskSource {
                source: RiskSourceKind::Rule,
                risk: rule.risk.clone(),
                path: format!("rules[{i}]"),
                name: rule.name.clone(),
                score: None,
            });
        }
        if !input.answers.is_empty() {
            let Some(questionnaire) = &self.questionnaire else {
                return Err(bad(
                    "answers".into(),
                    "the policy has no questionnaire".into(),
                ));
            };
            let mut score = 0i64;
            for (id, answer) in &input.answers {
                let Some(question) = questionnaire.questions.iter().find(|q| &q.id == id) else {
                    return Err(bad(format!("answers.{id}"), "no such question".into()));
                };
                let Some(points) = question.answers.get(answer) else {
                    let known: Vec<&str> = question.answers.keys().map(String::as_str).collect();
                    return Err(bad(
                        format!("answers.{id}"),
                        format!("{answer:?} is not one of {}", known.join(", ")),
                    ));
                };
                score = score.saturating_add(*points);
            }
            // The last band starting at or below the score; below the first
            // band's start, the first band.
            let band = questionnaire
                .bands
                .iter()
                .rposition(|b| b.at_least <= score)
                .unwrap_or(0);
            sources.push(RiskSource {
                source: RiskSourceKind::Questionnaire,
                risk: questionnaire.bands[band].risk.clone(),
                path: format!("questionnaire.bands[{band}]"),
                name: None,
                score: Some(score),
            });
        }
        match (&input.impact, &input.probability) {
            (None, None) => {}
            (Some(_), None) => {
                return Err(bad(
                    "probability".into(),
                    "an impact needs a probability".into(),
                ));
            }
            (None, Some(_)) => {
                return Err(bad("impact".into(), "a probability needs an impact".into()));
            }
            (Some(impact), Some(probability)) => {
                let Some(matrix) = &self.matrix else {
                    return Err(bad("impact".into(), "the policy has no matrix".into()));
                };
                let known = |field: &str, value: &str, list: &[String]| {
                    if list.iter().any(|v| v == value) {
                        Ok(())
                    } else {
                        Err(bad(
                            field.into(),
                            format!("{value:?} is not one of {}", list.join(", ")),
                        ))
                    }
                };
                known("impact", impact, &matrix.impacts)?;
                known("probability", probability, &matrix.probabilities)?;
                sources.push(RiskSource {
                    source: RiskSourceKind::Matrix,
                    risk: matrix.cells[impact][probability].clone(),
                    path: format!("matrix.cells.{impact}.{probability}"),
                    name: None,
                    score: None,
                });
            }
        }
        if sources.is_empty() {
            sources.push(RiskSource {
                source: RiskSourceKind::Default,
                risk: self.default.clone(),
                path: "default".into(),
                name: None,
                score: None,
            });
        }
        let risk = sources
            .iter()
            .map(|s| s.risk.as_str())
            .max_by_key(|level| self.rank(level))
            .unwrap_or(&self.default)
            .to_owned();
        let approval = self.approvals.get(&risk).cloned().unwrap_or_default();
        Ok(RiskAssessment {
            risk,
            sources,
            approval,
        })
    }

    fn rank(&self, level: &str) -> usize {
        self.levels.iter().position(|l| l == level).unwrap_or(0)
    }

    /// The policy's own rules, as `(path, reason)`.
    fn check(&self) -> std::result::Result<(), (String, String)> {
        for (i, level) in self.levels.iter().enumerate() {
            if let Some(first) = self.levels[..i].iter().position(|l| l == level) {
                return Err((
                    format!("levels[{i}]"),
                    format!("{level:?} is already levels[{first}]"),
                ));
            }
        }
        let known = |path: String, level: &str| {
            if self.levels.iter().any(|l| l == level) {
                Ok(())
            } else {
                Err((
                    path,
                    format!(
                        "{level:?} is not one of the levels {}",
                        self.levels.join(", ")
                    ),
                ))
            }
        };
        known("default".into(), &self.default)?;
        for (i, rule) in self.rules.iter().enumerate() {
            known(format!("rules[{i}].risk"), &rule.risk)?;
        }
        if let Some(questionnaire) = &self.questionnaire {
            for (i, question) in questionnaire.questions.iter().enumerate() {
                if questionnaire.questions[..i]
                    .iter()
                    .any(|q| q.id == question.id)
                {
                    return Err((
                        format!("questionnaire.questions[{i}].id"),
                        format!("{:?} is asked twice", question.id),
                    ));
                }
                if question.answers.is_empty() {
                    return Err((
                        format!("questionnaire.questions[{i}].answers"),
                        "a question needs answers".into(),
                    ));
                }
            }
            if questionnaire.bands.is_empty() {
                return Err((
                    "questionnaire.bands".into(),
                    "a questionnaire needs bands".into(),
                ));
            }
            for (i, band) in questionnaire.bands.iter().enumerate() {
                known(format!("questionnaire.bands[{i}].risk"), &band.risk)?;
                if i > 0 && band.at_least <= questionnaire.bands[i - 1].at_least {
                    return Err((
                        format!("questionnaire.bands[{i}].at_least"),
                        format!(
                            "{} does not follow the previous band's {}",
                            band.at_least,
                            questionnaire.bands[i - 1].at_least
                        ),
                    ));
                }
            }
        }
        if let Some(matrix) = &self.matrix {
            for impact in &matrix.impacts {
                let Some(row) = matrix.cells.get(impact) else {
                    return Err((
                        format!("matrix.cells.{impact}"),
                        "no row for this impact".into(),
                    ));
                };
                for probability in &matrix.probabilities {
                    match row.get(probability) {
                        Some(level) => {
                            known(format!("matrix.cells.{impact}.{probability}"), level)?
                        }
                        None => {
                            return Err((
                                format!("matrix.cells.{impact}"),
                                format!("no level for probability {probability:?}"),
                            ));
                        }
                    }
                }
            }
            if let Some(extra) = matrix.cells.keys().find(|k| !matrix.impacts.contains(k)) {
                return Err((
                    format!("matrix.cells.{extra}"),
                    "not one of the impacts".into(),
                ));
            }
        }
        for level in &self.levels {
            if !self.approvals.contains_key(level) {
                return Err((
                    "approvals".into(),
                    format!("no entry for the level {level:?}"),
                ));
            }
        }
        for key in self.approvals.keys() {
            known(format!("approvals.{key}"), key)?;
        }
        Ok(())
    }
}

impl RiskInput {
    /// Reads an input from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<RiskInput> {
        document::from_value(Kind::Input, value)
    }

    /// Reads an input from JSON text.
    ///
    /// # Errors
    /// As [`RiskInput::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<RiskInput> {
        document::from_json(Kind::Input, text)
    }
}

impl RiskAssessment {
    /// The canonical JSON text: compact, keys sorted, the same bytes in every
    /// language.
    pub fn to_json(&self) -> String {
        crate::canonical_json(self)
    }
}
