//! Automation rules as data: the IT process automation every service desk runs
//! (assign by category, escalate on an SLA threshold, close N days after
//! resolution), written as triggers, conditions in the rule language and
//! actions.
//!
//! The core never performs an action: a rule that fires answers its actions,
//! and the record module turns them into commands for the host to apply.
//! Time triggers answer `next_wakeup`, as SLA clocks do, so the host schedules
//! one timer. This module owns the rule document, when each trigger fires and
//! the templates; it knows nothing of commands or of how records change.

mod templates;

pub use templates::{template, template_names};

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};

use crate::document;
use crate::rules::{Condition, Situation};
use crate::sla::Evaluation;
use crate::timeline::Fields;

/// One automation rule: when it may fire (`on`), what must hold (`when`), and
/// what it asks for (`actions`).
///
/// # Example
/// ```
/// let rule: itsm_core::automation::Rule = serde_json::from_value(serde_json::json!({
///     "id": "auto_close",
///     "on": {"after_resolution": {"days": 7}},
///     "actions": [{"transition": "close"}]
/// })).unwrap();
/// assert_eq!(rule.id, "auto_close");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// The rule's id, unique in its desk; named by what it answers.
    pub id: String,
    /// A name for people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The record kinds it applies to (`incident`, `change`); all when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kinds: Vec<String>,
    /// When it may fire.
    pub on: Trigger,
    /// What must hold of the record's fields when it does (the rule language).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What it asks for, in order.
    #[serde(deserialize_with = "document::deserialize_non_empty")]
    pub actions: Vec<Action>,
}

/// When a rule may fire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// When a command yields an event of one of these types (`created`,
    /// `transitioned`, `commented`).
    Event(
        #[serde(deserialize_with = "one_or_many")]
        #[schemars(with = "crate::schema::OneOrManyNames")]
        Vec<String>,
    ),
    /// When an SLA clock of the record crosses a threshold (by its name, such
    /// as `75%`), or breaches (`breached`).
    Sla {
        /// The metric's id (`resolution`).
        metric: String,
        /// The threshold's name, or `breached`.
        threshold: String,
    },
    /// When the record has been in a state this long.
    InState {
        /// The state.
        state: String,
        /// How long.
        after: Wait,
    },
    /// This long after the record was resolved, while it stays resolved.
    AfterResolution(Wait),
}

/// A wait in wall-clock time: exactly one of `days` (of 24 hours), `hours` or
/// `minutes`, a whole number above zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Wait {
    /// Days of 24 hours.
    Days(#[schemars(range(min = 1))] u32),
    /// Hours.
    Hours(#[schemars(range(min = 1))] u32),
    /// Minutes.
    Minutes(#[schemars(range(min = 1))] u32),
}

impl Wait {
    fn duration(self) -> TimeDelta {
        match self {
            Wait::Days(n) => TimeDelta::days(n.into()),
            Wait::Hours(n) => TimeDelta::hours(n.into()),
            Wait::Minutes(n) => TimeDelta::minutes(n.into()),
        }
    }

    fn count(self) -> u32 {
        match self {
            Wait::Days(n) | Wait::Hours(n) | Wait::Minutes(n) => n,
        }
    }
}

/// What a rule asks for; the record module answers each as a command.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Assign the record to a group, and to a person when given.
    Assign {
        /// The group.
        assignment_group: String,
        /// The person, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        assigned_to: Option<String>,
    },
    /// Set the record's `priority` field.
    SetPriority(String),
    /// Set fields.
    Set(
        #[serde(deserialize_with = "crate::timeline::deserialize_fields")]
        #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
        Fields,
    ),
    /// Move the record by a transition (or to a state).
    Transition(String),
    /// Tell people (ids, groups or roles, as the host resolves them).
    Notify {
        /// Whom.
        #[serde(deserialize_with = "document::deserialize_non_empty")]
        to: Vec<String>,
        /// What.
        message: String,
    },
    /// Add an internal work note.
    AddNote(String),
}

fn one_or_many<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    let types = match OneOrMany::deserialize(d)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    };
    if types.is_empty() {
        return Err(document::at("", "names no event type"));
    }
    Ok(types)
}

/// What automation looks at in a record: its kind, fields and state, when it
/// entered that state, and when it was resolved (while it is).
#[derive(Debug, Clone, Copy)]
pub struct Subject<'a> {
    /// The record kind (`incident`).
    pub kind: &'a str,
    /// Its fields now.
    pub fields: &'a Fields,
    /// When it entered its current state.
    pub state_since: DateTime<Utc>,
    /// When it was resolved, while it is resolved.
    pub resolved_at: Option<DateTime<Utc>>,
}

/// A rule that fired: which, at what instant its trigger was met, and its
/// actions.
#[derive(Debug, Clone, PartialEq)]
pub struct Fired<'r> {
    /// The rule.
    pub rule: &'r Rule,
    /// When its trigger was met.
    pub at: DateTime<Utc>,
}

/// An ordered list of automation rules, checked as a whole on load: ids are
/// unique, waits are above zero.
///
/// # Example
/// ```
/// use itsm_core::automation::RuleSet;
/// let rules: Result<RuleSet, _> = serde_json::from_str(
///     r#"[{"id": "a", "on": {"event": "created"}, "actions": [{"add_note": "hello"}]},
///         {"id": "a", "on": {"event": "created"}, "actions": [{"add_note": "again"}]}]"#);
/// assert!(rules.unwrap_err().to_string().contains("a second rule named a"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
#[serde(transparent)]
pub struct RuleSet {
    rules: Vec<Rule>,
}

impl<'de> Deserialize<'de> for RuleSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let rules = Vec::<Rule>::deserialize(d)?;
        let mut seen = BTreeSet::new();
        for (i, rule) in rules.iter().enumerate() {
            if !seen.insert(rule.id.as_str()) {
                return Err(document::at(
                    &format!("[{i}].id"),
                    format!("a second rule named {}", rule.id),
                ));
            }
            let wait = match rule.on {
                Trigger::InState { after, .. } => Some(("on.in_state.after", after)),
                Trigger::AfterResolution(wait) => Some(("on.after_resolution", wait)),
                _ => None,
            };
            if let Some((path, _)) = wait.filter(|(_, w)| w.count() == 0) {
                return Err(document::at(
                    &format!("[{i}].{path}"),
                    "a wait is a whole number above zero",
                ));
            }
        }
        Ok(RuleSet { rules })
    }
}

impl RuleSet {
    /// The rules, in order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules an event of these types fires, in order: those whose trigger
    /// names one of the types and whose condition holds of `fields` (the
    /// fields before the command are `before`).
    pub fn on_events<'r>(
        &'r self,
        subject: &Subject<'_>,
        before: &Fields,
        types: &[&str],
        at: DateTime<Utc>,
    ) -> Vec<Fired<'r>> {
        self.rules
            .iter()
            .filter(|rule| applies(rule, subject.kind))
            .filter_map(|rule| {
                let Trigger::Event(names) = &rule.on else {
                    return None;
                };
                let event = types.iter().find(|t| names.iter().any(|n| n == *t))?;
                holds(rule, before, subject.fields, event).then_some(Fired { rule, at })
            })
            .collect()
    }

    /// The rules whose time trigger was met in `(since, now]` (every one met
    /// by `now` when `since` is none) and whose condition holds now, in rule
    /// order; and the earliest instant after `now` at which a trigger will be
    /// met if nothing changes.
    pub fn due<'r>(
        &'r self,
        subject: &Subject<'_>,
        since: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
        sla: Option<&Evaluation>,
    ) -> (Vec<Fired<'r>>, Option<DateTime<Utc>>) {
        let mut fired = Vec::new();
        let mut next: Option<DateTime<Utc>> = None;
        for rule in self.rules.iter().filter(|rule| applies(rule, subject.kind)) {
            for (at, crossed) in trigger_instants(rule, subject, sla) {
                if at > now || !crossed {
                    if at > now {
                        next = Some(next.map_or(at, |n| n.min(at)));
                    }
                    continue;
                }
                if since.is_none_or(|s| at > s) && holds(rule, subject.fields, subject.fields, "") {
                    fired.push(Fired { rule, at });
                    break;
                }
            }
        }
        (fired, next)
    }
}

fn applies(rule: &Rule, kind: &str) -> bool {
    rule.kinds.is_empty() || rule.kinds.iter().any(|k| k == kind)
}

fn holds(rule: &Rule, before: &Fields, after: &Fields, event: &str) -> bool {
    rule.when.as_ref().is_none_or(|c| {
        c.holds(&Situation {
            before,
            after,
            event,
        })
    })
}

/// The instants at which a time trigger is met, each with whether the record
/// really reached it (an SLA threshold not yet crossed is a forecast).
fn trigger_instants(
    rule: &Rule,
    subject: &Subject<'_>,
    sla: Option<&Evaluation>,
) -> Vec<(DateTime<Utc>, bool)> {
    match &rule.on {
        Trigger::Event(_) => Vec::new(),
        Trigger::InState { state, after } => {
            let current = subject.fields.get("state").and_then(|s| s.as_str());
            if current == Some(state.as_str()) {
                vec![(subject.state_since + after.duration(), true)]
            } else {
                Vec::new()
            }
        }
        Trigger::AfterResolution(wait) => subject
            .resolved_at
            .map(|at| vec![(at + wait.duration(), true)])
            .unwrap_or_default(),
        Trigger::Sla { metric, threshold } => {
            let Some(result) = sla.and_then(|e| e.metric(metric)) else {
                return Vec::new();
            };
            // Only what was crossed: the clock's own `next_wakeup` is the
            // forecast, and the desk schedules it beside these.
            let mut out = Vec::new();
            for cycle in &result.cycles {
                if threshold == "breached" {
                    out.extend(cycle.breached_at.map(|at| (at, true)));
                    continue;
                }
                out.extend(
                    cycle
                        .thresholds
                        .iter()
                        .filter(|t| &t.name == threshold && t.crossed)
                        .map(|t| (t.at, true)),
                );
            }
            out
        }
    }
}
