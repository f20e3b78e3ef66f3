//! What a command calls for beyond its own changes: the changes it implies
//! (the priority from the matrix, approvals suspended on hold, a major
//! incident flagged), the commands other records or this one should be given
//! (cascades, a child's parent, an approval's next move), and the automation
//! rules its events fire.

use serde_json::Value;

use super::approval::Outcome as RoundOutcome;
use super::command::{Action, Command};
use super::desk::{CascadeOn, Desk, Followup, Notification};
use super::event::Change;
use super::{LinkKind, Record};
use crate::automation::{self, Fired};
use crate::error::{Error, Reason, Result};
use crate::rules::Situation;
use crate::timeline::Fields;
use crate::workflow::Category;

impl Desk {
    /// The changes a command's changes call for: the priority from the
    /// matrix, approvals suspended or reinstated by `on_hold`, a major
    /// incident flagged.
    pub(super) fn derived(
        &self,
        before: Option<&Record>,
        after: &Record,
        kind: &str,
        notifications: &mut Vec<Notification>,
    ) -> Result<Vec<Change>> {
        let mut out = Vec::new();
        let empty = Fields::new();
        let before_fields = before.map_or(&empty, |r| &r.fields);
        if let Some(matrix) = &self.document.priority {
            let (impact, urgency) = (after.fields.get("impact"), after.fields.get("urgency"));
            let moved =
                impact != before_fields.get("impact") || urgency != before_fields.get("urgency");
            if let (true, Some(Value::String(impact)), Some(Value::String(urgency))) =
                (moved, impact, urgency)
            {
                // A value the matrix does not know would leave the priority
                // silently stale: it is a refusal naming the field.
                let answer = matrix
                    .priority(impact, urgency, &after.fields)
                    .map_err(|e| {
                        let field = match &e {
                            Error::InvalidArgument { name, .. } => name.clone(),
                            _ => "impact".to_owned(),
                        };
                        let message = match e {
                            Error::InvalidArgument { reason, .. } => format!("{field} {reason}"),
                            other => other.to_string(),
                        };
                        Error::CommandRefused {
                            command: kind.to_owned(),
                            reasons: vec![Reason {
                                transition: None,
                                code: "field_value_unknown",
                                path: "desk.priority".to_owned(),
                                field: Some(field),
                                message,
                            }],
                            instead: None,
                        }
                    })?;
                let priority = Value::String(answer.priority);
                if after.fields.get("priority") != Some(&priority) {
                    out.push(Change::FieldsSet {
                        set: [("priority".to_string(), priority)].into(),
                    });
                }
            }
        }
        let on_hold = |fields: &Fields| fields.get("on_hold") == Some(&Value::Bool(true));
        if let Some(round) = after.pending_approval() {
            let (was, is) = (on_hold(before_fields), on_hold(&after.fields));
            if is && !was && !round.suspended {
                out.push(Change::ApprovalsSuspended {});
            } else if was && !is && round.suspended {
                out.push(Change::ApprovalsReinstated {});
            }
        }
        if after.kind == "incident" && after.major_incident.is_none() {
            let situation = Situation {
                before: before_fields,
                after: &after.fields,
                event: kind,
            };
            if let Some(rule) = self
                .document
                .major_incident
                .iter()
                .find(|r| r.when.holds(&situation))
            {
                notifications.push(Notification {
                    record: after.id.clone(),
                    to: rule.notify.clone(),
                    message: format!("{} is a major incident ({})", after.id, rule.name),
                    because: format!("major_incident:{}", rule.name),
                });
                out.push(Change::MajorIncidentFlagged {
                    rule: rule.name.clone(),
                    notify: rule.notify.clone(),
                });
            }
        }
        Ok(out)
    }

    /// The commands other records (or this one) should be given next.
    pub(super) fn followups(&self, before: Option<&Record>, after: &Record) -> Vec<Followup> {
        let mut out = Vec::new();
        let parent_of = |record: &Record| {
            record
                .links
                .iter()
                .find(|l| l.kind == LinkKind::Parent)
                .map(|l| l.target.clone())
        };
        let (was, is) = (before.and_then(parent_of), parent_of(after));
        if was != is {
            if let Some(old) = was.clone() {
                out.push(Followup {
                    record: old,
                    command: Command::new(Action::RemoveChild {
                        id: after.id.clone(),
                    }),
                    because: "parent".into(),
                });
            }
            if let Some(new) = is.clone() {
                out.push(Followup {
                    record: new,
                    command: Command::new(Action::AddChild {
                        id: after.id.clone(),
                        state: after.state().to_owned(),
                    }),
                    because: "parent".into(),
                });
            }
        }
        let Some(before) = before else {
            return out;
        };
        if let (Some(was), Some(now)) = (before.pending_approval(), after.approvals.last()) {
            let transition = match now.outcome {
                RoundOutcome::Approved => {
                    was.on_approved.as_ref().map(|t| (t, "approval:approved"))
                }
                RoundOutcome::Rejected => {
                    was.on_rejected.as_ref().map(|t| (t, "approval:rejected"))
                }
                RoundOutcome::Pending => None,
            };
            if let Some((t, because)) = transition {
                out.push(Followup {
                    record: after.id.clone(),
                    command: Command::new(Action::Transition {
                        transition: t.clone(),
                        set: Fields::new(),
                    }),
                    because: because.into(),
                });
            }
        }
        if before.state() != after.state() && was == is {
            if let Some(parent) = is {
                out.push(Followup {
                    record: parent,
                    command: Command::new(Action::UpdateChild {
                        id: after.id.clone(),
                        state: after.state().to_owned(),
                    }),
                    because: "parent".into(),
                });
            }
        }
        if before.category != Category::Resolved && after.category == Category::Resolved {
            let flow = self.workflow(&after.workflow);
            for cascade in &self.document.cascades {
                let targets: Vec<&str> = match cascade.on {
                    // Children in the record's own workflow (child incidents of
                    // an incident) not yet resolved; tasks follow their own.
                    CascadeOn::ParentResolved => after
                        .children
                        .iter()
                        .filter(|c| {
                            flow.and_then(|f| f.category(&c.state)).is_some_and(|cat| {
                                !matches!(
                                    cat,
                                    Category::Resolved | Category::Closed | Category::Cancelled
                                )
                            })
                        })
                        .map(|c| c.id.as_str())
                        .collect(),
                    CascadeOn::ProblemResolved if after.kind == "problem" => after
                        .links
                        .iter()
                        .filter(|l| l.kind == LinkKind::Incident)
                        .map(|l| l.target.as_str())
                        .collect(),
                    CascadeOn::ProblemResolved => Vec::new(),
                };
                let mut set = cascade.set.clone();
                for field in &cascade.copy {
                    if let Some(value) = after.fields.get(field) {
                        set.insert(field.clone(), value.clone());
                    }
                }
                let because = match cascade.on {
                    CascadeOn::ParentResolved => "cascade:parent_resolved",
                    CascadeOn::ProblemResolved => "cascade:problem_resolved",
                };
                out.extend(targets.into_iter().map(|target| Followup {
                    record: target.to_owned(),
                    command: Command::new(Action::Transition {
                        transition: cascade.to.clone(),
                        set: set.clone(),
                    }),
                    because: because.into(),
                }));
            }
        }
        out
    }

    /// Fired rules' actions as commands for the record and notifications.
    pub(super) fn actions(
        &self,
        record: &Record,
        fired: &[Fired<'_>],
        followups: &mut Vec<Followup>,
        notifications: &mut Vec<Notification>,
    ) {
        for f in fired {
            let because = format!("automation:{}", f.rule.id);
            for action in &f.rule.actions {
                let command = match action {
                    automation::Action::Assign {
                        assignment_group,
                        assigned_to,
                    } => Action::Assign {
                        assignment_group: Some(assignment_group.clone()),
                        assigned_to: assigned_to.clone(),
                    },
                    automation::Action::SetPriority(priority) => Action::SetFields {
                        set: [("priority".to_string(), Value::String(priority.clone()))].into(),
                    },
                    automation::Action::Set(fields) => Action::SetFields {
                        set: fields.clone(),
                    },
                    automation::Action::Transition(t) => Action::Transition {
                        transition: t.clone(),
                        set: Fields::new(),
                    },
                    automation::Action::AddNote(text) => Action::Comment {
                        text: text.clone(),
                        internal: true,
                    },
                    automation::Action::Notify { to, message } => {
                        notifications.push(Notification {
                            record: record.id.clone(),
                            to: to.clone(),
                            message: message.clone(),
                            because: because.clone(),
                        });
                        continue;
                    }
                };
                followups.push(Followup {
                    record: record.id.clone(),
                    command: Command {
                        rule: Some(f.rule.id.clone()),
                        ..Command::new(command)
                    },
                    because: because.clone(),
                });
            }
        }
    }
}
