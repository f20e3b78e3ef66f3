//! The linter of policy sets: configurations that load but are almost certainly
//! not what was meant, found by trying each metric's conditions on records in
//! each state. Reading and evaluating are in `policy.rs`.

use serde_json::Value;

use super::policy::PolicySet;
use crate::document::Finding;
use crate::rules::{Condition, Situation};

impl PolicySet {
    /// Finds the known traps, by trying each metric's conditions on records in
    /// each state (the set's `states`, or every state the metric mentions):
    /// - `start_inside_stop`: every state that starts the clock also stops it, so
    ///   it never runs;
    /// - `pause_inside_start`: every state that starts the clock also pauses it,
    ///   so it is paused from the start;
    /// - `start_excludes_pause`: moving from a start state to a pause state makes
    ///   the cancel condition hold (typically `cancel: not start`), so the clock is
    ///   cancelled where it should pause;
    /// - `unknown_state`: a condition names a state the set's `states` lacks.
    ///
    /// # Example
    /// ```
    /// let set = itsm_core::sla::PolicySet::from_value(&serde_json::json!({
    ///   "states": ["new", "in_progress", "resolved"],
    ///   "policies": [{"id": "p", "applies": {"always": true}, "metrics": [{
    ///     "id": "m", "goal": {"wall": "PT1H"},
    ///     "start": {"state_in": ["resolved"]}, "stop": {"state_in": ["resolved", "closed"]}}]}]
    /// })).unwrap();
    /// let codes: Vec<&str> = set.lint().iter().map(|f| f.code).collect();
    /// assert_eq!(codes, ["start_inside_stop", "unknown_state"]);
    /// ```
    pub fn lint(&self) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (p, policy) in self.policies().iter().enumerate() {
            for (m, metric) in policy.metrics.iter().enumerate() {
                let path = format!("policies[{p}].metrics[{m}]");
                let mut mentioned = Vec::new();
                for (_, condition) in metric.conditions() {
                    condition.state_values(&mut mentioned);
                }
                let candidates: Vec<String> = match self.states() {
                    Some(known) => known.to_vec(),
                    None => {
                        let mut unique = mentioned.clone();
                        unique.sort();
                        unique.dedup();
                        unique
                    }
                };
                let record = |state: &str| -> crate::timeline::Fields {
                    [("state".to_string(), Value::from(state))]
                        .into_iter()
                        .collect()
                };
                let empty = crate::timeline::Fields::new();
                let created = |c: &Condition, state: &str| {
                    let after = record(state);
                    c.holds(&Situation {
                        before: &empty,
                        after: &after,
                        event: "created",
                    })
                };
                let starts: Vec<&String> = candidates
                    .iter()
                    .filter(|s| created(&metric.start, s))
                    .collect();
                let stopped =
                    |s: &String| metric.stop.as_ref().is_some_and(|stop| created(stop, s));
                if !starts.is_empty() && starts.iter().all(|s| stopped(s)) {
                    findings.push(Finding {
                        path: format!("{path}.start"),
                        code: "start_inside_stop",
                        message: "every state that starts the clock also stops it: it never runs"
                            .into(),
                    });
                }
                if let Some(pause) = &metric.pause {
                    if !starts.is_empty() && starts.iter().all(|s| created(pause, s)) {
                        findings.push(Finding {
                            path: format!("{path}.pause"),
                            code: "pause_inside_start",
                            message: "every state that starts the clock also pauses it: it is paused from the start".into(),
                        });
                    }
                    if let Some(cancel) = &metric.cancel {
                        let pauses: Vec<&String> =
                            candidates.iter().filter(|s| created(pause, s)).collect();
                        let cancelled = starts
                            .iter()
                            .flat_map(|s| pauses.iter().map(move |p| (*s, *p)))
                            .find(|(s, p)| {
                                let (before, after) = (record(s), record(p));
                                cancel.holds(&Situation {
                                    before: &before,
                                    after: &after,
                                    event: "update",
                                })
                            });
                        if let Some((from, to)) = cancelled {
                            findings.push(Finding {
                                path: format!("{path}.cancel"),
                                code: "start_excludes_pause",
                                message: format!("moving from {from:?} to the pause state {to:?} cancels the clock instead of pausing it"),
                            });
                        }
                    }
                }
                if let Some(known) = self.states() {
                    for (name, condition) in metric.conditions() {
                        let mut referenced = Vec::new();
                        condition.state_values(&mut referenced);
                        for state in referenced {
                            if !known.contains(&state) {
                                findings.push(Finding {
                                    path: format!("{path}.{name}"),
                                    code: "unknown_state",
                                    message: format!(
                                        "state {state:?} is not in the set's `states`"
                                    ),
                                });
                            }
                        }
                    }
                }
            }
        }
        findings
    }
}
