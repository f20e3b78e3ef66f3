//! Guards: what must hold for a transition to be taken, judged on the record as
//! the move would leave it and on the host's context. A guard that fails says
//! why, with a stable code, its path in the workflow document and a sentence.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::Calendar;
use crate::document::{deserialize_non_empty, deserialize_scalar, deserialize_scalars};
use crate::error::Reason;
use crate::error::{Error, Result};
use crate::rules::{Condition, Context, Decision, Situation, is_set};
use crate::time::format_instant;
use crate::timeline::Fields;

/// One guard of a transition, written as a JSON object of one key.
///
/// | form | passes when |
/// | --- | --- |
/// | `{"field_set": "assigned_to"}` | the field holds a value (not null, not blank) |
/// | `{"field_eq": {"field": "approval_required", "value": false}}` | the field has the value |
/// | `{"field_in": {"field": "risk", "values": ["low", "moderate"]}}` | the field has one of the values |
/// | `{"condition": {"when": <condition>, "message": "..."}}` | the rule language's condition holds; `message` is the reason otherwise |
/// | `{"actor_has_role": ["change_manager"]}` | the actor holds one of the roles |
/// | `{"actor_in_group": ["cab"]}` | the actor belongs to one of the groups |
/// | `{"actor_in_record_group": "assignment_group"}` | the actor belongs to the group the record's field names |
/// | `{"actor_is": "caller"}` | the actor is the one the record's field names |
/// | `{"actor_is_not": "requested_by"}` | the actor is not the one the field names (segregation of duties) |
/// | `{"approvals": {"threshold_percent": 100, "group": "cab", "not_by": ["requested_by"]}}` | the approved share of the context's approvals reaches the threshold |
/// | `{"children_in": ["closed", "cancelled"]}` | every child task in the context is in one of the states |
/// | `{"inside_window": "maintenance"}` | the context's `now` is working time of the named calendar |
/// | `{"outside_freeze": "change_freeze"}` | the context's `now` is not working time of the named calendar |
/// | `{"host": "credit_check_passed"}` | the host's answer in the context's `predicates` is true |
/// | `{"any": [<guard>, ...]}` | one of the guards passes |
///
/// # Example
/// ```
/// use itsm_core::workflow::Guard;
/// let guard: Guard = serde_json::from_str(r#"{"actor_is_not": "requested_by"}"#).unwrap();
/// assert_eq!(guard, Guard::ActorIsNot("requested_by".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Guard {
    /// The field holds a value.
    FieldSet(String),
    /// The field has this value.
    FieldEq {
        /// Field name.
        field: String,
        /// The value.
        #[serde(deserialize_with = "deserialize_scalar")]
        #[schemars(with = "crate::schema::Scalar")]
        value: Value,
    },
    /// The field has one of these values.
    FieldIn {
        /// Field name.
        field: String,
        /// Accepted values.
        #[serde(deserialize_with = "deserialize_scalars")]
        #[schemars(with = "crate::schema::Scalars")]
        values: Vec<Value>,
    },
    /// A condition of the rule language holds on the record.
    Condition(ConditionGuard),
    /// The actor holds one of these roles.
    ActorHasRole(
        #[serde(deserialize_with = "deserialize_non_empty")]
        #[schemars(length(min = 1))]
        Vec<String>,
    ),
    /// The actor belongs to one of these groups.
    ActorInGroup(
        #[serde(deserialize_with = "deserialize_non_empty")]
        #[schemars(length(min = 1))]
        Vec<String>,
    ),
    /// The actor belongs to the group this record field names.
    ActorInRecordGroup(String),
    /// The actor is the one this record field names.
    ActorIs(String),
    /// The actor is not the one this record field names.
    ActorIsNot(String),
    /// The record's approvals reach a quorum.
    Approvals(ApprovalRule),
    /// Every child task is in one of these states.
    ChildrenIn(
        #[serde(deserialize_with = "deserialize_non_empty")]
        #[schemars(length(min = 1))]
        Vec<String>,
    ),
    /// `now` lies in the named calendar's working time (a maintenance window).
    InsideWindow(String),
    /// `now` lies outside the named calendar's working time (a freeze).
    OutsideFreeze(String),
    /// The host's own predicate, answered in the context.
    Host(String),
    /// One of these guards passes.
    Any(
        #[serde(deserialize_with = "deserialize_non_empty")]
        #[schemars(length(min = 1))]
        Vec<Guard>,
    ),
}

/// A condition guard: the condition, and the reason given when it fails.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConditionGuard {
    /// The condition, judged on the record as the move leaves it.
    pub when: Condition,
    /// The reason for people when it does not hold.
    pub message: String,
}

/// How a record's approvals are counted.
///
/// A quorum is reached when the approved share of the counted approvals is at
/// least `threshold_percent`; 0 means the first answer decides. Approvals by
/// an actor that a `not_by` field names never count, and each is a reason of
/// its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRule {
    /// The approved share needed, in percent (0 to 100).
    #[serde(default = "all_percent", deserialize_with = "deserialize_percent")]
    #[schemars(range(max = 100))]
    pub threshold_percent: u8,
    /// Count only approvals asked of this group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Record fields naming actors whose approvals never count
    /// (`requested_by`, `implementer`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_by: Vec<String>,
}

fn all_percent() -> u8 {
    100
}

fn deserialize_percent<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<u8, D::Error> {
    let percent = u64::deserialize(d)?;
    u8::try_from(percent)
        .ok()
        .filter(|p| *p <= 100)
        .ok_or_else(|| {
            serde::de::Error::custom(format!("a percentage from 0 to 100, found {percent}"))
        })
}

/// What a guard needs from the context, found once when the workflow compiles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Needs {
    pub(crate) actor: bool,
    pub(crate) now: bool,
}

/// The record and context a transition is judged in.
pub(crate) struct Judged<'a> {
    pub(crate) record: &'a Fields,
    pub(crate) context: &'a Context,
    pub(crate) transition: &'a str,
    pub(crate) calendars: &'a BTreeMap<String, Calendar>,
}

const NULL: Value = Value::Null;

/// Whether two field names are the same, looking at lengths and last bytes
/// before calling for a comparison of the bytes: names of one record often
/// share lengths and prefixes (`resolution_code`, `resolution_notes`).
pub(crate) fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.as_bytes().last() == b.as_bytes().last() && a == b
}

/// A record field's value, null when absent. Records are small: a scan that
/// compares lengths before bytes beats the map's ordered search, whose every
/// step is a call to compare bytes.
pub(crate) fn field<'r>(record: &'r Fields, name: &str) -> &'r Value {
    const SCAN_UP_TO: usize = 24;
    if record.len() > SCAN_UP_TO {
        return record.get(name).unwrap_or(&NULL);
    }
    record
        .iter()
        .find(|(key, _)| same_name(key, name))
        .map_or(&NULL, |(_, value)| value)
}

impl Judged<'_> {
    fn field(&self, name: &str) -> &Value {
        field(self.record, name)
    }

    fn actor_id(&self) -> &str {
        self.context.actor.as_ref().map_or("", |a| a.id.as_str())
    }
}

/// A field's value for people: strings bare, anything else as JSON.
pub(crate) fn shown(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A list for people: `a, b or c`.
pub(crate) fn one_of<T: AsRef<str>>(items: &[T], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let init: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} {word} {}", init.join(", "), last.as_ref())
        }
    }
}

/// What a field holds, after "must be ...": `not P3`, or `and is not set`.
fn what_it_is(found: &Value) -> String {
    if found.is_null() {
        "and is not set".to_owned()
    } else {
        format!("not {}", shown(found))
    }
}

fn shown_values(values: &[Value]) -> String {
    let shown: Vec<String> = values.iter().map(shown).collect();
    one_of(&shown, "or")
}

impl Guard {
    /// What this guard needs from the context.
    pub(crate) fn needs(&self) -> Needs {
        match self {
            Guard::ActorHasRole(_)
            | Guard::ActorInGroup(_)
            | Guard::ActorInRecordGroup(_)
            | Guard::ActorIs(_)
            | Guard::ActorIsNot(_) => Needs {
                actor: true,
                now: false,
            },
            Guard::InsideWindow(_) | Guard::OutsideFreeze(_) => Needs {
                actor: false,
                now: true,
            },
            Guard::Any(guards) => guards.iter().fold(Needs::default(), |acc, g| {
                let n = g.needs();
                Needs {
                    actor: acc.actor || n.actor,
                    now: acc.now || n.now,
                }
            }),
            _ => Needs::default(),
        }
    }

    /// Whether the guard passes; when it fails and `reasons` is given, pushes
    /// every reason it fails for. Context answers the guard needs were checked
    /// by the caller, except the host's predicates, refused here by name.
    pub(crate) fn check(
        &self,
        judged: &Judged<'_>,
        path: &dyn Fn() -> String,
        reasons: Option<&mut Vec<Reason>>,
    ) -> Result<bool> {
        let refuse = |reasons: Option<&mut Vec<Reason>>,
                      code: &'static str,
                      field: Option<&str>,
                      message: String| {
            if let Some(out) = reasons {
                out.push(Reason {
                    transition: Some(judged.transition.to_owned()),
                    code,
                    path: path(),
                    field: field.map(str::to_owned),
                    message,
                });
            }
            Ok(false)
        };
        let actor = judged.context.actor.as_ref();
        match self {
            Guard::FieldSet(field) => {
                if is_set(judged.field(field)) {
                    return Ok(true);
                }
                refuse(
                    reasons,
                    "field_not_set",
                    Some(field),
                    format!("{field} must be set"),
                )
            }
            Guard::FieldEq { field, value } => {
                let found = judged.field(field);
                if found == value {
                    return Ok(true);
                }
                refuse(
                    reasons,
                    "field_not_equal",
                    Some(field),
                    format!("{field} must be {}, {}", shown(value), what_it_is(found)),
                )
            }
            Guard::FieldIn { field, values } => {
                let found = judged.field(field);
                if values.contains(found) {
                    return Ok(true);
                }
                refuse(
                    reasons,
                    "field_not_in",
                    Some(field),
                    format!(
                        "{field} must be {}, {}",
                        shown_values(values),
                        what_it_is(found)
                    ),
                )
            }
            Guard::Condition(guard) => {
                let situation = Situation {
                    before: judged.record,
                    after: judged.record,
                    event: judged.transition,
                };
                if guard.when.holds(&situation) {
                    return Ok(true);
                }
                refuse(reasons, "condition_failed", None, guard.message.clone())
            }
            Guard::ActorHasRole(roles) => {
                if actor.is_some_and(|a| a.roles.iter().any(|r| roles.contains(r))) {
                    return Ok(true);
                }
                let word = if roles.len() == 1 { "role" } else { "roles" };
                refuse(
                    reasons,
                    "role_missing",
                    None,
                    format!(
                        "{} does not hold the {word} {}",
                        judged.actor_id(),
                        one_of(roles, "or")
                    ),
                )
            }
            Guard::ActorInGroup(groups) => {
                if actor.is_some_and(|a| a.groups.iter().any(|g| groups.contains(g))) {
                    return Ok(true);
                }
                let word = if groups.len() == 1 { "group" } else { "groups" };
                refuse(
                    reasons,
                    "group_missing",
                    None,
                    format!(
                        "{} is not in the {word} {}",
                        judged.actor_id(),
                        one_of(groups, "or")
                    ),
                )
            }
            Guard::ActorInRecordGroup(field) => {
                let group = judged.field(field);
                if actor.is_some_and(|a| {
                    group
                        .as_str()
                        .is_some_and(|g| a.groups.iter().any(|m| m == g))
                }) {
                    return Ok(true);
                }
                let message = if is_set(group) {
                    format!(
                        "{} is not in the record's {field} {}",
                        judged.actor_id(),
                        shown(group)
                    )
                } else {
                    format!(
                        "the record has no {field} for {} to belong to",
                        judged.actor_id()
                    )
                };
                refuse(reasons, "not_in_record_group", Some(field), message)
            }
            Guard::ActorIs(field) => {
                let named = judged.field(field);
                if actor.is_some_and(|a| named.as_str() == Some(a.id.as_str())) {
                    return Ok(true);
                }
                let message = if is_set(named) {
                    format!(
                        "only the record's {field} {} may do this, not {}",
                        shown(named),
                        judged.actor_id()
                    )
                } else {
                    format!("only the record's {field} may do this, and the record has none")
                };
                refuse(reasons, "actor_not_named", Some(field), message)
            }
            Guard::ActorIsNot(field) => {
                let named = judged.field(field);
                if actor.is_some_and(|a| named.as_str() != Some(a.id.as_str())) {
                    return Ok(true);
                }
                refuse(
                    reasons,
                    "segregation_of_duties",
                    Some(field),
                    format!(
                        "{} is the record's {field} and may not do this",
                        judged.actor_id()
                    ),
                )
            }
            Guard::Approvals(rule) => Ok(rule.check(judged, path, reasons)),
            Guard::ChildrenIn(states) => {
                let open: Vec<String> = judged
                    .context
                    .children
                    .iter()
                    .filter(|child| !states.contains(&child.state))
                    .map(|child| format!("{} ({})", child.id, child.state))
                    .collect();
                if open.is_empty() {
                    return Ok(true);
                }
                let count = match open.len() {
                    1 => "1 child task is".to_owned(),
                    n => format!("{n} child tasks are"),
                };
                refuse(
                    reasons,
                    "children_open",
                    None,
                    format!("{count} not {}: {}", one_of(states, "or"), open.join(", ")),
                )
            }
            Guard::InsideWindow(name) | Guard::OutsideFreeze(name) => {
                let inside_wanted = matches!(self, Guard::InsideWindow(_));
                let now = judged.context.now.unwrap_or_default();
                let calendar = judged.calendars.get(name).ok_or_else(|| {
                    Error::invalid_config(path(), format!("unknown calendar `{name}`"))
                })?;
                let inside = calendar.is_working(now)?;
                if inside == inside_wanted {
                    return Ok(true);
                }
                let (code, message) = if inside_wanted {
                    (
                        "outside_window",
                        format!("{} is outside the window {name}", format_instant(now)),
                    )
                } else {
                    (
                        "inside_freeze",
                        format!("{} is inside the freeze {name}", format_instant(now)),
                    )
                };
                refuse(reasons, code, None, message)
            }
            Guard::Host(name) => match judged.context.predicates.get(name) {
                Some(true) => Ok(true),
                Some(false) => refuse(
                    reasons,
                    "predicate_failed",
                    None,
                    format!("the host's check {name} did not pass"),
                ),
                None => Err(Error::invalid_argument(
                    "context.predicates",
                    format!(
                        "no answer for `{name}`, which the guard at {} asks the host",
                        path()
                    ),
                )),
            },
            Guard::Any(guards) => {
                let mut inner = reasons.is_some().then(Vec::new);
                for (i, guard) in guards.iter().enumerate() {
                    let sub_path = || format!("{}.any[{i}]", path());
                    if guard.check(judged, &sub_path, inner.as_mut())? {
                        return Ok(true);
                    }
                }
                let sentences: Vec<String> = inner
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| r.message)
                    .collect();
                refuse(
                    reasons,
                    "no_alternative_passed",
                    None,
                    format!("none of the alternatives holds: {}", sentences.join("; ")),
                )
            }
        }
    }

    /// The host predicates this guard asks for.
    pub(crate) fn predicates(&self, out: &mut Vec<String>) {
        match self {
            Guard::Host(name) => out.push(name.clone()),
            Guard::Any(guards) => guards.iter().for_each(|g| g.predicates(out)),
            _ => {}
        }
    }

    /// Every record field this guard reads, with its sub-path below the guard.
    pub(crate) fn fields(&self, out: &mut Vec<(String, String)>) {
        match self {
            Guard::FieldSet(field) => out.push((field.clone(), "field_set".into())),
            Guard::FieldEq { field, .. } => out.push((field.clone(), "field_eq.field".into())),
            Guard::FieldIn { field, .. } => out.push((field.clone(), "field_in.field".into())),
            Guard::Condition(guard) => {
                for (field, _) in guard.when.compared_values() {
                    if field != "state" {
                        out.push((field.to_owned(), "condition.when".into()));
                    }
                }
            }
            Guard::ActorInRecordGroup(field) => {
                out.push((field.clone(), "actor_in_record_group".into()))
            }
            Guard::ActorIs(field) => out.push((field.clone(), "actor_is".into())),
            Guard::ActorIsNot(field) => out.push((field.clone(), "actor_is_not".into())),
            Guard::Approvals(rule) => {
                for (i, field) in rule.not_by.iter().enumerate() {
                    out.push((field.clone(), format!("approvals.not_by[{i}]")));
                }
            }
            Guard::Any(guards) => under_any(guards, out, |guard, inner| guard.fields(inner)),
            _ => {}
        }
    }

    /// Every calendar this guard names, with its sub-path below the guard.
    pub(crate) fn calendars(&self, out: &mut Vec<(String, String)>) {
        match self {
            Guard::InsideWindow(name) => out.push((name.clone(), "inside_window".into())),
            Guard::OutsideFreeze(name) => out.push((name.clone(), "outside_freeze".into())),
            Guard::Any(guards) => under_any(guards, out, |guard, inner| guard.calendars(inner)),
            _ => {}
        }
    }

    /// Every value this guard compares `field` with.
    pub(crate) fn compared_values<'g>(&'g self, field: &str, out: &mut Vec<(&'g Value, String)>) {
        match self {
            Guard::FieldEq { field: f, value } if f == field => {
                out.push((value, "field_eq.value".into()))
            }
            Guard::FieldIn { field: f, values } if f == field => out.extend(
                values
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (v, format!("field_in.values[{i}]"))),
            ),
            Guard::Any(guards) => under_any(guards, out, |guard, inner| {
                guard.compared_values(field, inner)
            }),
            _ => {}
        }
    }
}

/// What `collect` finds in each guard of an `any`, with sub-paths below the
/// `any` guard.
fn under_any<'g, T>(
    guards: &'g [Guard],
    out: &mut Vec<(T, String)>,
    collect: impl Fn(&'g Guard, &mut Vec<(T, String)>),
) {
    for (i, guard) in guards.iter().enumerate() {
        let mut inner = Vec::new();
        collect(guard, &mut inner);
        out.extend(
            inner
                .into_iter()
                .map(|(found, sub)| (found, format!("any[{i}].{sub}"))),
        );
    }
}

impl ApprovalRule {
    fn check(
        &self,
        judged: &Judged<'_>,
        path: &dyn Fn() -> String,
        mut reasons: Option<&mut Vec<Reason>>,
    ) -> bool {
        let excluded = |approver: &str| {
            self.not_by
                .iter()
                .find(|field| judged.field(field).as_str() == Some(approver))
        };
        let mut passes = true;
        let (mut approved, mut rejected, mut total) = (0usize, 0usize, 0usize);
        let mut first_answer = None;
        for approval in &judged.context.approvals {
            if self
                .group
                .as_ref()
                .is_some_and(|g| approval.group.as_ref() != Some(g))
            {
                continue;
            }
            if let Some(field) = excluded(&approval.approver) {
                passes = false;
                if let Some(out) = reasons.as_deref_mut() {
                    out.push(Reason {
                        transition: Some(judged.transition.to_owned()),
                        code: "approval_not_counted",
                        path: path(),
                        field: Some(field.clone()),
                        message: format!(
                            "the approval of {} does not count: {} is the record's {field}",
                            approval.approver, approval.approver
                        ),
                    });
                }
                continue;
            }
            total += 1;
            match approval.decision {
                Decision::Approved => approved += 1,
                Decision::Rejected => rejected += 1,
                Decision::Pending => continue,
            }
            first_answer.get_or_insert(approval.decision);
        }
        let of_group = self
            .group
            .as_ref()
            .map_or(String::new(), |g| format!(" of {g}"));
        let threshold = usize::from(self.threshold_percent);
        let outcome = if total == 0 {
            Some((
                "approvals_missing",
                format!("no approval{of_group} has been asked for"),
            ))
        } else if threshold == 0 {
            match first_answer {
                Some(Decision::Approved) => None,
                Some(_) => Some((
                    "approvals_rejected",
                    format!("the first answer{of_group} is a rejection"),
                )),
                None => Some((
                    "approvals_pending",
                    format!("no approver{of_group} has answered yet"),
                )),
            }
        } else if approved * 100 >= threshold * total {
            None
        } else if (total - rejected) * 100 < threshold * total {
            Some((
                "approvals_rejected",
                format!(
                    "{rejected} of {total} approvers{of_group} rejected, so the {threshold} % of approvals needed can no longer be reached"
                ),
            ))
        } else {
            Some((
                "approvals_pending",
                format!(
                    "{approved} of {total} approvers{of_group} approved; {threshold} % must approve"
                ),
            ))
        };
        if let Some((code, message)) = outcome {
            passes = false;
            if let Some(out) = reasons {
                out.push(Reason {
                    transition: Some(judged.transition.to_owned()),
                    code,
                    path: path(),
                    field: None,
                    message,
                });
            }
        }
        passes
    }
}
