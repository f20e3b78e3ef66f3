//! Deciding a command: what it changes in a record, or every reason the
//! record's workflow and the desk's rules refuse it. Creation and import, the
//! moves (and reopens, with their window), assignment, fields, comments,
//! approvals and who may answer, links, children and known errors.

use chrono::TimeDelta;
use serde_json::Value;

use super::approval::{Answer, Mode};
use super::command::{Action, Command};
use super::desk::Desk;
use super::event::Change;
use super::{Link, LinkKind, Record, Round};
use crate::document;
use crate::error::Reason;
use crate::error::{Error, Result};
use crate::rules::{Child, Context, is_set};
use crate::time::format_instant;
use crate::timeline::Fields;
use crate::workflow::{Category, Workflow};

impl Desk {
    fn record_workflow(&self, record: &Record) -> Result<&Workflow> {
        self.workflow(&record.workflow).ok_or_else(|| {
            Error::invalid_argument(
                "record.workflow",
                format!("the desk has no workflow named {}", record.workflow),
            )
        })
    }

    /// The change that makes a record.
    pub(super) fn create(&self, action: &Action, context: &Context) -> Result<Vec<Change>> {
        let (Action::Create {
            id,
            kind,
            workflow,
            fields,
            ..
        }
        | Action::Import {
            id,
            kind,
            workflow,
            fields,
        }) = action
        else {
            return Err(Error::invalid_argument(
                "command",
                "only create and import make a record",
            ));
        };
        if id.trim().is_empty() {
            return Err(Error::invalid_argument("command.id", "is blank"));
        }
        let name = match workflow {
            Some(name) => name.as_str(),
            None => self.default_workflow(kind).ok_or_else(|| {
                Error::invalid_argument(
                    "command.kind",
                    format!("the desk knows no record kind {kind}"),
                )
            })?,
        };
        let flow = self.workflow(name).ok_or_else(|| {
            Error::invalid_argument(
                "command.workflow",
                format!("the desk has no workflow named {name}"),
            )
        })?;
        let mut fields = fields.clone();
        fields.retain(|_, v| !v.is_null());
        let mut reasons = Vec::new();
        let state = match action {
            Action::Create { links, .. } => {
                if fields.contains_key("state") {
                    reasons.push(refusal(
                        "state_field",
                        "command.fields.state",
                        Some("state"),
                        format!(
                            "a new record starts in {}; create it without a state",
                            flow.document().initial
                        ),
                    ));
                }
                for (i, link) in links.iter().enumerate() {
                    if &link.target == id {
                        reasons.push(refusal(
                            "link_to_itself",
                            &format!("command.links[{i}]"),
                            None,
                            format!("{id} cannot link to itself"),
                        ));
                    } else if !link.kind.allowed_from(kind) {
                        reasons.push(refusal(
                            "link_not_allowed",
                            &format!("command.links[{i}].kind"),
                            None,
                            format!(
                                "a record of kind {kind} holds no {} link",
                                link_kind_name(link.kind)
                            ),
                        ));
                    }
                }
                flow.document().initial.clone()
            }
            _ => match fields.get("state").and_then(Value::as_str) {
                Some(state) if flow.category(state).is_some() => state.to_owned(),
                Some(state) => {
                    return refused_with(
                        "import",
                        vec![refusal(
                            "unknown_state",
                            "command.fields.state",
                            Some("state"),
                            format!("{name} has no state {state}"),
                        )],
                    );
                }
                None => {
                    return Err(Error::invalid_argument(
                        "command.fields.state",
                        "an import gives the record's state",
                    ));
                }
            },
        };
        reasons.extend(value_reasons(flow, &fields, "command.fields"));
        if !reasons.is_empty() {
            return refused_with(action.kind(), reasons);
        }
        fields.insert("state".into(), Value::String(state.clone()));
        let category = flow.category(&state).unwrap_or(Category::New);
        let _ = context;
        let mut changes = vec![match action {
            Action::Create { .. } => Change::Created {
                kind: kind.clone(),
                workflow: name.to_owned(),
                fields,
                category,
            },
            _ => Change::Imported {
                kind: kind.clone(),
                workflow: name.to_owned(),
                fields,
                category,
            },
        }];
        if let Action::Create { links, .. } = action {
            changes.extend(
                links
                    .iter()
                    .map(|link| Change::Linked { link: link.clone() }),
            );
        }
        Ok(changes)
    }

    /// The changes a command makes to an existing record, or every reason not.
    pub(super) fn decide(
        &self,
        record: &Record,
        action: &Action,
        context: &Context,
    ) -> Result<Vec<Change>> {
        let flow = self.record_workflow(record)?;
        let kind = action.kind();
        let actor = context.actor.as_ref().map_or("", |a| a.id.as_str());
        let closed = flow
            .category(record.state())
            .unwrap_or(record.category)
            .is_terminal();
        let open_to_closed = matches!(
            action,
            Action::Link { .. }
                | Action::Unlink { .. }
                | Action::UpdateChild { .. }
                | Action::RemoveChild { .. }
                | Action::Reopen { .. }
        );
        if closed && !open_to_closed {
            return refused_with(
                kind,
                vec![refusal(
                    "record_closed",
                    "record.state",
                    Some("state"),
                    format!("{} is {}: it takes no {kind}", record.id, record.state()),
                )],
            );
        }
        let refuse = |code, path: &str, message: String| {
            refused_with(kind, vec![refusal(code, path, None, message)])
        };
        match action {
            Action::Create { .. } | Action::Import { .. } => Err(Error::invalid_argument(
                "record",
                format!("{kind} makes a new record; give none"),
            )),
            Action::Transition { transition, set } => {
                let reopen = self.reopen_check(kind, flow, record, transition, context);
                self.moved(kind, flow, record, transition, set, context, reopen, None)
                    .map(|c| vec![c])
            }
            Action::Reopen { reason } => {
                let reopens = flow
                    .document()
                    .transitions
                    .iter()
                    .any(|t| t.name == "reopen");
                if !reopens || record.category != Category::Resolved && closed {
                    let instead = self.follow_up(flow, record);
                    return Err(Error::CommandRefused {
                        command: kind.into(),
                        reasons: vec![refusal(
                            "not_reopenable",
                            "record.state",
                            Some("state"),
                            format!(
                                "{} is {} and cannot reopen; create a new record that follows it",
                                record.id,
                                record.state()
                            ),
                        )],
                        instead: Some(instead.to_value()),
                    });
                }
                let reopen = self.reopen_check(kind, flow, record, "reopen", context);
                self.moved(
                    kind,
                    flow,
                    record,
                    "reopen",
                    &Fields::new(),
                    context,
                    reopen,
                    reason.clone(),
                )
                .map(|c| vec![c])
            }
            Action::Assign {
                assignment_group,
                assigned_to,
            } => {
                let mut set = Fields::new();
                if let Some(group) = assignment_group {
                    set.insert("assignment_group".into(), group.as_str().into());
                }
                if let Some(person) = assigned_to {
                    set.insert("assigned_to".into(), person.as_str().into());
                }
                if set.is_empty() {
                    return Err(Error::invalid_argument(
                        "command",
                        "assign names an assignment_group, an assigned_to or both",
                    ));
                }
                let has_assign = flow
                    .document()
                    .transitions
                    .iter()
                    .any(|t| t.name == "assign");
                if has_assign {
                    let mut merged = record.fields.clone();
                    merged.extend(set.clone());
                    let verdict =
                        flow.validate(&merged, "assign", &self.guard_context(record, context))?;
                    if verdict.allowed {
                        return self
                            .moved(kind, flow, record, "assign", &set, context, Ok(false), None)
                            .map(|c| vec![c]);
                    }
                    if !verdict.reasons.iter().all(|r| r.code == "not_from_state") {
                        return refused_with(kind, verdict.reasons);
                    }
                }
                let set = changed(&record.fields, &set);
                if set.is_empty() {
                    return refuse(
                        "nothing_to_change",
                        "command",
                        format!("{} is already assigned so: nothing changes", record.id),
                    );
                }
                Ok(vec![Change::Assigned { set }])
            }
            Action::SetFields { set } => {
                if set.is_empty() {
                    return Err(Error::invalid_argument("command.set", "names no field"));
                }
                let mut reasons = Vec::new();
                if set.contains_key("state") {
                    reasons.push(refusal(
                        "state_field",
                        "command.set.state",
                        Some("state"),
                        "the state moves only by a transition".into(),
                    ));
                }
                reasons.extend(value_reasons(flow, set, "command.set"));
                if !reasons.is_empty() {
                    return refused_with(kind, reasons);
                }
                let set = changed(&record.fields, set);
                if set.is_empty() {
                    return refuse(
                        "nothing_to_change",
                        "command.set",
                        "every field already holds that value".into(),
                    );
                }
                Ok(vec![Change::FieldsSet { set }])
            }
            Action::Comment { text, internal } => {
                if text.trim().is_empty() {
                    return Err(Error::invalid_argument("command.text", "is blank"));
                }
                Ok(vec![Change::Commented {
                    text: text.clone(),
                    internal: *internal,
                }])
            }
            Action::RequestApproval {
                steps,
                on_approved,
                on_rejected,
            } => {
                if record.pending_approval().is_some() {
                    return refuse(
                        "approval_in_progress",
                        "command",
                        format!("{} already awaits approval", record.id),
                    );
                }
                for (name, transition) in
                    [("on_approved", on_approved), ("on_rejected", on_rejected)]
                {
                    if let Some(t) = transition {
                        let known = flow.document().transitions.iter().any(|d| &d.name == t)
                            || flow.category(t).is_some();
                        if !known {
                            return Err(Error::invalid_argument(
                                format!("command.{name}"),
                                format!("{} has no transition or state {t}", record.workflow),
                            ));
                        }
                    }
                }
                let mut reasons = Vec::new();
                for (i, step) in steps.iter().enumerate() {
                    let path = format!("command.steps[{i}]");
                    if step.approvers.is_empty() {
                        return Err(Error::invalid_argument(
                            format!("{path}.approvers"),
                            "names no approver",
                        ));
                    }
                    match (step.mode, step.threshold_percent) {
                        (Mode::Quorum, None) => {
                            return Err(Error::invalid_argument(
                                format!("{path}.threshold_percent"),
                                "a quorum needs its threshold",
                            ));
                        }
                        (Mode::Quorum, Some(t)) if t > 100 => {
                            return Err(Error::invalid_argument(
                                format!("{path}.threshold_percent"),
                                "is a percentage, 0 to 100",
                            ));
                        }
                        (Mode::Any | Mode::All, Some(_)) => {
                            return Err(Error::invalid_argument(
                                format!("{path}.threshold_percent"),
                                "only a quorum has a threshold",
                            ));
                        }
                        _ => {}
                    }
                    for (j, approver) in step.approvers.iter().enumerate() {
                        if step.approvers[..j].contains(approver) {
                            return Err(Error::invalid_argument(
                                format!("{path}.approvers[{j}]"),
                                format!("{approver} is named twice"),
                            ));
                        }
                        if let Some(field) = self.excluded(record, approver) {
                            reasons.push(refusal("self_approval", &format!("{path}.approvers[{j}]"), Some(field),
                                format!("{approver} is the record's {field}: their approval never counts")));
                        }
                    }
                }
                if !reasons.is_empty() {
                    return refused_with(kind, reasons);
                }
                Ok(vec![Change::ApprovalRequested {
                    steps: steps.clone(),
                    on_approved: on_approved.clone(),
                    on_rejected: on_rejected.clone(),
                }])
            }
            Action::Approve { comment } | Action::Reject { comment } => {
                let (_, step, approver) = self.approver_slot(record, actor, kind)?;
                let answer = if matches!(action, Action::Approve { .. }) {
                    Answer::Approved
                } else {
                    Answer::Rejected
                };
                Ok(vec![Change::ApprovalAnswered {
                    step,
                    approver,
                    answer,
                    comment: comment.clone(),
                }])
            }
            Action::DelegateApproval { to } => {
                let (round, step, from) = self.approver_slot(record, actor, kind)?;
                if let Some(field) = self.excluded(record, to) {
                    return refused_with(
                        kind,
                        vec![refusal(
                            "self_approval",
                            "command.to",
                            Some(field),
                            format!("{to} is the record's {field}: their approval never counts"),
                        )],
                    );
                }
                if round.steps[step]
                    .approvers
                    .iter()
                    .any(|a| &a.approver == to)
                {
                    return refuse(
                        "already_an_approver",
                        "command.to",
                        format!("{to} is already an approver of this step"),
                    );
                }
                Ok(vec![Change::ApprovalDelegated {
                    step,
                    from,
                    to: to.clone(),
                }])
            }
            Action::Link {
                kind: link_kind,
                target,
            } => {
                let link = Link {
                    kind: *link_kind,
                    target: target.clone(),
                };
                if target == &record.id {
                    return refuse(
                        "link_to_itself",
                        "command.target",
                        format!("{} cannot link to itself", record.id),
                    );
                }
                if !link_kind.allowed_from(&record.kind) {
                    return refuse(
                        "link_not_allowed",
                        "command.kind",
                        format!(
                            "a record of kind {} holds no {} link",
                            record.kind,
                            link_kind_name(*link_kind)
                        ),
                    );
                }
                if record.links.contains(&link) {
                    return refuse(
                        "link_exists",
                        "command",
                        format!("{} already has that link to {target}", record.id),
                    );
                }
                if *link_kind == LinkKind::Parent
                    && record.links.iter().any(|l| l.kind == LinkKind::Parent)
                {
                    return refuse(
                        "second_parent",
                        "command.kind",
                        format!("{} already has a parent", record.id),
                    );
                }
                Ok(vec![Change::Linked { link }])
            }
            Action::Unlink {
                kind: link_kind,
                target,
            } => {
                let link = Link {
                    kind: *link_kind,
                    target: target.clone(),
                };
                if !record.links.contains(&link) {
                    return refuse(
                        "link_unknown",
                        "command",
                        format!(
                            "{} has no {} link to {target}",
                            record.id,
                            link_kind_name(*link_kind)
                        ),
                    );
                }
                Ok(vec![Change::Unlinked { link }])
            }
            Action::AddChild { id, state } => {
                if id == &record.id {
                    return refuse(
                        "link_to_itself",
                        "command.id",
                        format!("{} cannot be its own child", record.id),
                    );
                }
                if record.children.iter().any(|c| &c.id == id) {
                    return refuse(
                        "child_exists",
                        "command.id",
                        format!("{id} is already a child of {}", record.id),
                    );
                }
                Ok(vec![Change::ChildAdded {
                    child: Child {
                        id: id.clone(),
                        state: state.clone(),
                    },
                }])
            }
            Action::UpdateChild { id, state } => match record.children.iter().find(|c| &c.id == id)
            {
                None => refuse(
                    "child_unknown",
                    "command.id",
                    format!("{id} is no child of {}", record.id),
                ),
                Some(c) if &c.state == state => refuse(
                    "nothing_to_change",
                    "command.state",
                    format!("{id} is already {state}"),
                ),
                Some(_) => Ok(vec![Change::ChildUpdated {
                    child: Child {
                        id: id.clone(),
                        state: state.clone(),
                    },
                }]),
            },
            Action::RemoveChild { id } => {
                if !record.children.iter().any(|c| &c.id == id) {
                    return refuse(
                        "child_unknown",
                        "command.id",
                        format!("{id} is no child of {}", record.id),
                    );
                }
                Ok(vec![Change::ChildRemoved { id: id.clone() }])
            }
            Action::RecordKnownError {
                symptom,
                root_cause,
                workaround,
            } => {
                if record.kind != "problem" {
                    return refuse(
                        "not_a_problem",
                        "command",
                        format!(
                            "{} is a {}; known errors belong to problems",
                            record.id, record.kind
                        ),
                    );
                }
                let mut set = Fields::new();
                for (field, text) in [
                    ("symptom", symptom),
                    ("root_cause", root_cause),
                    ("workaround", workaround),
                ] {
                    if text.trim().is_empty() {
                        return Err(Error::invalid_argument(
                            format!("command.{field}"),
                            "is blank",
                        ));
                    }
                    set.insert(field.into(), text.as_str().into());
                }
                set.insert("known_error".into(), true.into());
                let set = changed(&record.fields, &set);
                if set.is_empty() {
                    return refuse(
                        "nothing_to_change",
                        "command",
                        "the known error is already recorded so".into(),
                    );
                }
                Ok(vec![Change::KnownErrorRecorded { set }])
            }
        }
    }

    /// The move by `request` with `set`, or every reason against it; a move
    /// out of resolution back to work is a reopen (refused by `reopen` when
    /// the window has passed).
    #[allow(clippy::too_many_arguments)]
    fn moved(
        &self,
        kind: &str,
        flow: &Workflow,
        record: &Record,
        request: &str,
        set: &Fields,
        context: &Context,
        reopen: Result<bool>,
        reason: Option<String>,
    ) -> Result<Change> {
        if set.contains_key("state") {
            return refused_with(
                kind,
                vec![refusal(
                    "state_field",
                    "command.set.state",
                    Some("state"),
                    "the state moves by the transition; leave it out of set".into(),
                )],
            );
        }
        let value_refusals = value_reasons(flow, set, "command.set");
        if !value_refusals.is_empty() {
            return refused_with(kind, value_refusals);
        }
        let mut merged = record.fields.clone();
        for (field, value) in set {
            merged.insert(field.clone(), value.clone());
        }
        let verdict = flow.validate(&merged, request, &self.guard_context(record, context))?;
        if !verdict.allowed {
            return refused_with(kind, verdict.reasons);
        }
        let reopens = reopen?;
        let (transition, to) = (
            verdict.transition.unwrap_or_default(),
            verdict.to.unwrap_or_default(),
        );
        let category = flow.category(&to).unwrap_or(Category::Active);
        let mut all = set.clone();
        all.extend(verdict.sets);
        let set = changed(&record.fields, &all);
        let from = record.state().to_owned();
        Ok(if reopens {
            Change::Reopened {
                transition,
                from,
                to,
                category,
                set,
                reason,
            }
        } else {
            Change::Transitioned {
                transition,
                from,
                to,
                category,
                set,
            }
        })
    }

    /// Whether a move by `request` reopens the record, or the refusal when
    /// the reopen window has passed.
    fn reopen_check(
        &self,
        kind: &str,
        flow: &Workflow,
        record: &Record,
        request: &str,
        context: &Context,
    ) -> Result<bool> {
        let was = flow.category(record.state()).unwrap_or(record.category);
        if !matches!(
            was,
            Category::Resolved | Category::Closed | Category::Cancelled
        ) {
            return Ok(false);
        }
        let target = flow
            .document()
            .transitions
            .iter()
            .find(|t| t.name == request)
            .map(|t| t.to.as_str())
            .or_else(|| flow.category(request).map(|_| request));
        let goes_back = target
            .and_then(|t| flow.category(t))
            .is_some_and(|c| matches!(c, Category::New | Category::Active | Category::Pending));
        if !goes_back {
            return Ok(false);
        }
        if let (Some(days), Some(resolved), Some(now)) = (
            self.document.reopen_window_days,
            record.resolved_at,
            context.now,
        ) {
            let until = resolved + TimeDelta::days(days.into());
            if now > until {
                return Err(Error::CommandRefused {
                    command: kind.to_owned(),
                    reasons: vec![refusal(
                        "reopen_window_passed",
                        "record.resolved_at",
                        None,
                        format!(
                            "{} was resolved at {}; it could reopen until {}; create a new record that follows it",
                            record.id,
                            format_instant(resolved),
                            format_instant(until)
                        ),
                    )],
                    instead: Some(self.follow_up(flow, record).to_value()),
                });
            }
        }
        Ok(true)
    }

    /// The command that makes a new record following `record`, which may no
    /// longer reopen: its fields but its state and what its workflow's
    /// transitions require or set (resolution, hold, cancel details, assignment).
    fn follow_up(&self, flow: &Workflow, record: &Record) -> Command {
        let lifecycle: Vec<&str> = flow
            .document()
            .transitions
            .iter()
            .flat_map(|t| {
                t.requires
                    .iter()
                    .map(String::as_str)
                    .chain(t.sets.keys().map(String::as_str))
            })
            .collect();
        let fields: Fields = record
            .fields
            .iter()
            .filter(|(k, _)| k.as_str() != "state" && !lifecycle.contains(&k.as_str()))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        Command::new(Action::Create {
            id: format!("{}-follow-up", record.id),
            kind: record.kind.clone(),
            workflow: Some(record.workflow.clone()),
            fields,
            links: vec![Link {
                kind: LinkKind::Follows,
                target: record.id.clone(),
            }],
        })
    }

    /// The acting approver's pending slot in the open step, or why not.
    fn approver_slot<'r>(
        &self,
        record: &'r Record,
        actor: &str,
        kind: &str,
    ) -> Result<(&'r Round, usize, String)> {
        let refuse = |code, path: &str, message: String| {
            refused_with(kind, vec![refusal(code, path, None, message)])
        };
        let Some(round) = record.pending_approval() else {
            return refuse(
                "no_approval_pending",
                "command",
                format!("{} awaits no approval", record.id),
            );
        };
        if round.suspended {
            return refuse(
                "approvals_suspended",
                "command",
                format!("{} is on hold: its approvals are suspended", record.id),
            );
        }
        if let Some(field) = self.excluded(record, actor) {
            return refused_with(
                kind,
                vec![refusal(
                    "self_approval",
                    "context.actor",
                    Some(field),
                    format!("{actor} is the record's {field}: their approval never counts"),
                )],
            );
        }
        let Some(step) = round.open_step() else {
            return refuse(
                "no_approval_pending",
                "command",
                format!("{} awaits no approval", record.id),
            );
        };
        match round.steps[step]
            .approvers
            .iter()
            .find(|a| a.approver == actor)
        {
            None => refuse(
                "not_an_approver",
                "context.actor",
                format!("{actor} is no approver of step {step}"),
            ),
            Some(a) if a.answer != Answer::Pending => refuse(
                "already_answered",
                "context.actor",
                format!("{actor} has already answered"),
            ),
            Some(_) => Ok((round, step, actor.to_owned())),
        }
    }

    /// The field naming `actor` among those whose approval never counts.
    fn excluded<'d>(&'d self, record: &Record, actor: &str) -> Option<&'d str> {
        self.document
            .not_approved_by
            .iter()
            .find(|f| record.fields.get(f.as_str()).and_then(Value::as_str) == Some(actor))
            .map(String::as_str)
    }

    /// The context workflow guards judge in: the host's actor, `now` and
    /// predicates, with the record's current approvals and children.
    fn guard_context(&self, record: &Record, context: &Context) -> Context {
        Context {
            actor: context.actor.clone(),
            now: context.now,
            approvals: record
                .approvals
                .last()
                .map(|r| r.for_guards().collect())
                .unwrap_or_default(),
            children: record.children.clone(),
            predicates: context.predicates.clone(),
        }
    }
}

/// The fields of `set` that change `fields`.
fn changed(fields: &Fields, set: &Fields) -> Fields {
    set.iter()
        .filter(|(k, v)| match fields.get(*k) {
            Some(old) => old != *v,
            None => !v.is_null(),
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// A refusal for every value of `set` outside its field's declared values.
fn value_reasons(flow: &Workflow, set: &Fields, prefix: &str) -> Vec<Reason> {
    let mut out = Vec::new();
    for (field, value) in set.iter().filter(|(_, v)| is_set(v)) {
        let declared = flow.document().fields.iter().find(|f| &f.id == field);
        if let Some(values) = declared.and_then(|f| f.values.as_ref()) {
            if !values.contains(value) {
                let shown: Vec<String> = values
                    .iter()
                    .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
                    .collect();
                let value = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                out.push(refusal(
                    "field_value_unknown",
                    &format!("{prefix}.{field}"),
                    Some(field),
                    format!("{field} {value} is not one of {}", shown.join(", ")),
                ));
            }
        }
    }
    out
}

fn refusal(code: &'static str, path: &str, field: Option<&str>, message: String) -> Reason {
    Reason {
        transition: None,
        code,
        path: path.to_owned(),
        field: field.map(str::to_owned),
        message,
    }
}

fn refused_with<T>(command: &str, reasons: Vec<Reason>) -> Result<T> {
    Err(Error::CommandRefused {
        command: command.to_owned(),
        reasons,
        instead: None,
    })
}

fn link_kind_name(kind: LinkKind) -> String {
    document::to_value(&kind)
        .as_str()
        .unwrap_or_default()
        .to_owned()
}
