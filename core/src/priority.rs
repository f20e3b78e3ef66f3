//! The priority matrix: impact x urgency to a priority, configurable, with
//! ordered override rules (the first that holds applies), such as "a VIP caller
//! raises one step". ITIL's 3 x 3 to five priorities is the default.
//!
//! This module owns the matrix document and the answer it gives; records and
//! workflows ask it, it knows nothing of them.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{self, DocumentError, Finding, Kind};
use crate::error::{Error, Result};
use crate::rules::{Condition, Situation};
use crate::timeline::Fields;

/// Impact x urgency to priority, with ordered overrides.
///
/// JSON form:
/// ```json
/// {"impacts": ["high", "medium", "low"], "urgencies": ["high", "medium", "low"],
///  "priorities": ["P1", "P2", "P3", "P4", "P5"],
///  "matrix": {"high": {"high": "P1", "medium": "P2", "low": "P3"},
///             "medium": {"high": "P2", "medium": "P3", "low": "P4"},
///             "low": {"high": "P3", "medium": "P4", "low": "P5"}},
///  "overrides": [{"name": "VIP caller", "when": {"field_eq": {"field": "vip", "value": true}}, "raise": 1}]}
/// ```
/// `impacts`, `urgencies` and `priorities` are ordered from the most severe;
/// every impact has a priority for every urgency. An override either `raise`s
/// the matrix's priority by a number of steps (negative lowers it; the ends of
/// `priorities` bound it) or `set`s one.
///
/// # Example
/// ```
/// use itsm_core::priority::PriorityMatrix;
/// let matrix = PriorityMatrix::itil();
/// let plain = matrix.priority("medium", "high", &Default::default()).unwrap();
/// assert_eq!(plain.priority, "P2");
/// let vip = [("vip".to_string(), true.into())].into();
/// let raised = matrix.priority("medium", "high", &vip).unwrap();
/// assert_eq!((raised.priority.as_str(), raised.matrix_priority.as_str()), ("P1", "P2"));
/// assert_eq!(raised.override_applied.as_deref(), Some("overrides[0]"));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct PriorityMatrix {
    /// Impact values, the most severe first.
    #[schemars(length(min = 1))]
    pub impacts: Vec<String>,
    /// Urgency values, the most urgent first.
    #[schemars(length(min = 1))]
    pub urgencies: Vec<String>,
    /// Priority values, the highest first.
    #[schemars(length(min = 1))]
    pub priorities: Vec<String>,
    /// The priority of each impact (outer key) and urgency (inner key).
    pub matrix: BTreeMap<String, BTreeMap<String, String>>,
    /// Rules tried in order; the first whose condition holds on the record's
    /// fields changes the matrix's answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub overrides: Vec<PriorityOverride>,
}

/// A rule that changes the matrix's answer for some records.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [{"required": ["raise"]}, {"required": ["set"]}]))]
pub struct PriorityOverride {
    /// Shown in answers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Tested on the record's fields.
    pub when: Condition,
    /// Steps towards the highest priority (negative: towards the lowest).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raise: Option<i32>,
    /// The priority to give.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
}

/// What the matrix answers for a record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityAnswer {
    /// The priority to use.
    pub priority: String,
    /// The matrix cell's priority, before any override.
    pub matrix_priority: String,
    /// The path of the override that applied (`overrides[0]`), if one did.
    pub override_applied: Option<String>,
    /// That override's name, if it has one.
    pub override_name: Option<String>,
}

impl Serialize for PriorityMatrix {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        PriorityMatrix::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for PriorityMatrix {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let matrix = PriorityMatrix::deserialize(d)?;
        matrix.check().map_err(serde::de::Error::custom)?;
        Ok(matrix)
    }
}

impl PriorityMatrix {
    /// ITIL's matrix: impact and urgency high, medium, low to P1 (critical) to
    /// P5 (planning), with one override: a record whose `vip` field is true is
    /// raised one step.
    pub fn itil() -> PriorityMatrix {
        let cells = [
            ("high", [("high", "P1"), ("medium", "P2"), ("low", "P3")]),
            ("medium", [("high", "P2"), ("medium", "P3"), ("low", "P4")]),
            ("low", [("high", "P3"), ("medium", "P4"), ("low", "P5")]),
        ];
        let words = |list: &[&str]| list.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        PriorityMatrix {
            impacts: words(&["high", "medium", "low"]),
            urgencies: words(&["high", "medium", "low"]),
            priorities: words(&["P1", "P2", "P3", "P4", "P5"]),
            matrix: cells
                .iter()
                .map(|(impact, row)| {
                    let row = row
                        .iter()
                        .map(|(u, p)| ((*u).to_owned(), (*p).to_owned()))
                        .collect();
                    ((*impact).to_owned(), row)
                })
                .collect(),
            overrides: vec![PriorityOverride {
                name: Some("VIP caller".into()),
                when: Condition::FieldEq {
                    field: "vip".into(),
                    value: Value::Bool(true),
                },
                raise: Some(1),
                set: None,
            }],
        }
    }

    /// Reads a matrix from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path: a missing cell, an unknown
    /// priority, a repeated value, an override with both or neither of `raise`
    /// and `set`.
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::priority::PriorityMatrix::from_json(r#"{"impacts": ["high"], "urgencies": ["high", "low"],
    ///     "priorities": ["P1"], "matrix": {"high": {"high": "P1"}}}"#).unwrap_err();
    /// assert_eq!(err.to_string(), "matrix.high: no priority for urgency \"low\"");
    /// ```
    pub fn from_json(text: &str) -> Result<PriorityMatrix> {
        document::from_json(Kind::Config, text)
    }

    /// Reads a matrix from JSON data.
    ///
    /// # Errors
    /// As [`PriorityMatrix::from_json`].
    pub fn from_value(value: &Value) -> Result<PriorityMatrix> {
        document::from_value(Kind::Config, value)
    }

    /// The matrix as JSON data, in the form [`PriorityMatrix::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The priority of a record of this `impact` and `urgency` whose fields are
    /// `fields` (tested by the overrides).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `impact` or `urgency` when the matrix
    /// does not know the value, or `fields` when a field value is an array or
    /// an object.
    pub fn priority(&self, impact: &str, urgency: &str, fields: &Fields) -> Result<PriorityAnswer> {
        crate::timeline::checked_fields("fields", fields)?;
        let known = |name: &str, value: &str, list: &[String]| {
            if list.iter().any(|v| v == value) {
                Ok(())
            } else {
                Err(Error::invalid_argument(
                    name,
                    format!("{value:?} is not one of {}", list.join(", ")),
                ))
            }
        };
        known("impact", impact, &self.impacts)?;
        known("urgency", urgency, &self.urgencies)?;
        let matrix_priority = self.matrix[impact][urgency].clone();
        let situation = Situation {
            before: fields,
            after: fields,
            event: "priority",
        };
        let mut answer = PriorityAnswer {
            priority: matrix_priority.clone(),
            matrix_priority,
            override_applied: None,
            override_name: None,
        };
        if let Some((i, rule)) = self
            .overrides
            .iter()
            .enumerate()
            .find(|(_, rule)| rule.when.holds(&situation))
        {
            answer.priority = match (&rule.set, rule.raise) {
                (Some(set), _) => set.clone(),
                (None, Some(steps)) => {
                    let at = self.rank(&answer.matrix_priority) as i64 - i64::from(steps);
                    let last = self.priorities.len() as i64 - 1;
                    self.priorities[at.clamp(0, last) as usize].clone()
                }
                (None, None) => answer.priority,
            };
            answer.override_applied = Some(format!("overrides[{i}]"));
            answer.override_name = rule.name.clone();
        }
        Ok(answer)
    }

    /// The traps of a matrix that loads:
    /// - `unused_priority`: no cell, `set` or `raise` ever gives this priority;
    /// - `unreachable_override`: an earlier override always holds, or holds
    ///   exactly when this one does, so this one never applies;
    /// - `override_changes_nothing`: `raise: 0`.
    ///
    /// # Example
    /// ```
    /// let matrix = itsm_core::priority::PriorityMatrix::from_value(&serde_json::json!({
    ///     "impacts": ["high"], "urgencies": ["high"], "priorities": ["P1", "P2"],
    ///     "matrix": {"high": {"high": "P1"}}})).unwrap();
    /// let findings = matrix.lint();
    /// assert_eq!((findings[0].path.as_str(), findings[0].code), ("priorities[1]", "unused_priority"));
    /// ```
    pub fn lint(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let last = self.priorities.len() as i64 - 1;
        let mut given: Vec<bool> = vec![false; self.priorities.len()];
        let cells: Vec<usize> = self
            .matrix
            .values()
            .flat_map(|row| row.values())
            .map(|p| self.rank(p))
            .collect();
        cells.iter().for_each(|&r| given[r] = true);
        for rule in &self.overrides {
            match (&rule.set, rule.raise) {
                (Some(p), _) => given[self.rank(p)] = true,
                (None, Some(steps)) => cells.iter().for_each(|&r| {
                    given[(r as i64 - i64::from(steps)).clamp(0, last) as usize] = true
                }),
                (None, None) => {}
            }
        }
        for (i, priority) in self.priorities.iter().enumerate() {
            if !given[i] {
                out.push(Finding {
                    path: format!("priorities[{i}]"),
                    code: "unused_priority",
                    message: format!("no cell or override ever gives {priority}"),
                });
            }
        }
        for (i, rule) in self.overrides.iter().enumerate() {
            let shadow = self.overrides[..i].iter().position(|earlier| {
                earlier.when == Condition::Always(true) || earlier.when == rule.when
            });
            if let Some(k) = shadow {
                out.push(Finding {
                    path: format!("overrides[{i}]"),
                    code: "unreachable_override",
                    message: format!(
                        "overrides[{k}] holds whenever this one does and comes first, so this one never applies"
                    ),
                });
            }
            if rule.raise == Some(0) {
                out.push(Finding {
                    path: format!("overrides[{i}].raise"),
                    code: "override_changes_nothing",
                    message: "raising by 0 steps changes nothing".into(),
                });
            }
        }
        out
    }

    fn rank(&self, priority: &str) -> usize {
        self.priorities
            .iter()
            .position(|p| p == priority)
            .unwrap_or_default()
    }

    /// The rules between the fields: values listed once, every cell present
    /// and naming a known priority, overrides that do one thing.
    fn check(&self) -> std::result::Result<(), DocumentError> {
        for (key, list) in [
            ("impacts", &self.impacts),
            ("urgencies", &self.urgencies),
            ("priorities", &self.priorities),
        ] {
            if list.is_empty() {
                return Err(DocumentError::at(key, "needs at least one value"));
            }
            if let Some(i) = (1..list.len()).find(|&i| list[..i].contains(&list[i])) {
                return Err(DocumentError::at(
                    format!("{key}[{i}]"),
                    format!("{:?} is listed twice", list[i]),
                ));
            }
        }
        for impact in self.matrix.keys() {
            if !self.impacts.contains(impact) {
                return Err(DocumentError::at(
                    format!("matrix.{impact}"),
                    format!(
                        "unknown impact; the impacts are {}",
                        self.impacts.join(", ")
                    ),
                ));
            }
        }
        for impact in &self.impacts {
            let Some(row) = self.matrix.get(impact) else {
                return Err(DocumentError::at(
                    "matrix",
                    format!("no row for impact {impact:?}"),
                ));
            };
            for urgency in row.keys() {
                if !self.urgencies.contains(urgency) {
                    return Err(DocumentError::at(
                        format!("matrix.{impact}.{urgency}"),
                        format!(
                            "unknown urgency; the urgencies are {}",
                            self.urgencies.join(", ")
                        ),
                    ));
                }
            }
            for urgency in &self.urgencies {
                match row.get(urgency) {
                    None => {
                        return Err(DocumentError::at(
                            format!("matrix.{impact}"),
                            format!("no priority for urgency {urgency:?}"),
                        ));
                    }
                    Some(p) if !self.priorities.contains(p) => {
                        return Err(DocumentError::at(
                            format!("matrix.{impact}.{urgency}"),
                            format!(
                                "unknown priority {p:?}; the priorities are {}",
                                self.priorities.join(", ")
                            ),
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
        for (i, rule) in self.overrides.iter().enumerate() {
            let here = format!("overrides[{i}]");
            match (&rule.raise, &rule.set) {
                (Some(_), Some(_)) | (None, None) => {
                    return Err(DocumentError::at(
                        here,
                        "an override has exactly one of `raise` or `set`",
                    ));
                }
                (None, Some(p)) if !self.priorities.contains(p) => {
                    return Err(DocumentError::at(
                        format!("{here}.set"),
                        format!(
                            "unknown priority {p:?}; the priorities are {}",
                            self.priorities.join(", ")
                        ),
                    ));
                }
                _ => {}
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_itil_matrix_reads_back_as_itself() {
        let matrix = PriorityMatrix::itil();
        assert_eq!(
            PriorityMatrix::from_value(&matrix.to_value()).unwrap(),
            matrix
        );
    }

    #[test]
    fn raising_stops_at_the_highest_priority_and_lowering_at_the_lowest() {
        let mut matrix = PriorityMatrix::itil();
        matrix.overrides[0].raise = Some(9);
        let vip: Fields = [("vip".to_string(), json!(true))].into();
        assert_eq!(matrix.priority("low", "low", &vip).unwrap().priority, "P1");
        matrix.overrides[0].raise = Some(-9);
        assert_eq!(
            matrix.priority("high", "high", &vip).unwrap().priority,
            "P5"
        );
    }

    #[test]
    fn field_values_are_scalars() {
        let fields: Fields = [("tags".to_string(), json!(["a"]))].into();
        let err = PriorityMatrix::itil()
            .priority("high", "high", &fields)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid argument `fields`: field \"tags\": a field value is a string, number, boolean or null"
        );
    }

    #[test]
    fn an_unknown_impact_names_the_argument() {
        let err = PriorityMatrix::itil()
            .priority("severe", "high", &Fields::new())
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid argument `impact`: \"severe\" is not one of high, medium, low"
        );
    }
}
