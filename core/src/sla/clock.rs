//! The fold of a record's history into a metric's clock cycles: the one place
//! where start, stop, reset, reopen, cancel, pause and resume are applied, in that
//! order, and where a change of policy switches a running clock to another
//! definition.

use serde_json::Value;

use super::definition::{Metric, ReopenPolicy};
use crate::rules::{Condition, History, Situation};
use crate::time::Millis;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Phase {
    Running {
        since: Millis,
    },
    /// `since` starts the current pause segment; `from` is where a paused
    /// deadline is projected from. They differ after a change of reason: the
    /// hold goes on under another name, so the deadline must not move.
    Paused {
        since: Millis,
        reason: String,
        from: Millis,
    },
    Stopped {
        at: Millis,
    },
    Cancelled {
        at: Millis,
    },
}

/// One cycle of a clock.
#[derive(Debug, Clone)]
pub(crate) struct Cycle {
    pub(crate) started_at: Millis,
    /// Running intervals, each with the schedule entry that measured it.
    pub(crate) runs: Vec<(Millis, Millis, usize)>,
    /// Paused intervals with their reason and measuring entry.
    pub(crate) pauses: Vec<(Millis, Millis, String, usize)>,
    pub(crate) phase: Phase,
    /// The schedule entry whose metric judges this cycle.
    pub(crate) definition: usize,
    /// Since when the current goal applies: the start, or the switch or
    /// reopen that changed the goal; targets passed before it count as crossed
    /// at it.
    pub(crate) since: Millis,
    /// The step after which the cycle ended, or the last step.
    pub(crate) end_step: usize,
}

impl Cycle {
    fn new(at: Millis, definition: usize) -> Cycle {
        Cycle {
            started_at: at,
            runs: Vec::new(),
            pauses: Vec::new(),
            phase: Phase::Running { since: at },
            definition,
            since: at,
            end_step: 0,
        }
    }

    fn live(&self) -> bool {
        matches!(self.phase, Phase::Running { .. } | Phase::Paused { .. })
    }

    /// Ends the open run or pause at `at`, leaving the phase to the caller.
    fn close(&mut self, at: Millis) {
        match &self.phase {
            Phase::Running { since } => self.runs.push((*since, at, self.definition)),
            Phase::Paused { since, reason, .. } => {
                self.pauses
                    .push((*since, at, reason.clone(), self.definition))
            }
            _ => {}
        }
    }
}

/// The name of a pause: the reason field's value, else the state, else the
/// event type, looked up after the event (or before it, for `before`).
pub(crate) fn reason_of(metric: &Metric, s: &Situation<'_>, before: bool) -> String {
    let named = |field: &str| match if before {
        s.before(field)
    } else {
        s.after(field)
    } {
        Value::String(text) if text.is_empty() => None,
        Value::String(text) => Some(text.clone()),
        Value::Null => None,
        other => Some(other.to_string()),
    };
    let event = s.event();
    metric
        .pause_reason_field
        .as_deref()
        .and_then(named)
        .or_else(|| named("state"))
        .unwrap_or_else(|| event.to_owned())
}

/// Where a recomputed clock counts from.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Anchor {
    /// The record's creation (`"created"`, the default).
    #[default]
    Created,
    /// The first step that gives the field a value (`{"first_set": "assignment_group"}`);
    /// the creation when it never does.
    FirstSet(String),
}

/// What happens to a running or paused clock when the policy judging it changes
/// (a priority change moves an incident to another policy). A stopped clock
/// keeps the definition it was judged by.
#[derive(
    Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum SwitchMode {
    /// A new clock starts at the change, from zero (`"restart"`).
    Restart,
    /// The elapsed time stays; the new goal applies (`"keep_elapsed"`, the default).
    #[default]
    KeepElapsed,
    /// The new definition is applied retroactively from an anchor, with or
    /// without replaying its pause conditions over the past
    /// (`{"retroactive": {"anchor": "created", "pauses": true}}`).
    Retroactive {
        /// Where the clock counts from (`created` by default).
        #[serde(default)]
        anchor: Anchor,
        /// Whether past pauses of the new definition count (true by default).
        #[serde(default = "yes")]
        pauses: bool,
    },
}

fn yes() -> bool {
    true
}

/// Which metric definition judges a clock from a step on; `None` detaches it.
pub(crate) type Schedule<'m> = [(usize, Option<&'m Metric>)];

fn pause_resume(cycle: &mut Cycle, metric: &Metric, history: &History<'_>, i: usize) {
    let s = history.situation(i);
    let t = history.steps[i].0;
    let pause_holds = metric.pause.as_ref().is_some_and(|c| c.holds(&s));
    let reason = || reason_of(metric, &s, false);
    match &cycle.phase {
        Phase::Running { .. } if pause_holds => {
            cycle.close(t);
            cycle.phase = Phase::Paused {
                since: t,
                reason: reason(),
                from: t,
            };
        }
        Phase::Paused {
            reason: current,
            from,
            ..
        } => {
            let from = *from;
            let resumes = match &metric.resume {
                Some(resume) => resume.holds(&s),
                None => !pause_holds,
            };
            if resumes {
                cycle.close(t);
                cycle.phase = Phase::Running { since: t };
            } else if pause_holds && reason() != *current {
                cycle.close(t);
                cycle.phase = Phase::Paused {
                    since: t,
                    reason: reason(),
                    from,
                };
            }
        }
        _ => {}
    }
}

/// Whether moving from `old` to `new` changes what the clock is measured
/// against, so that targets passed before count as crossed at the change.
fn goal_changed(old: Option<&Metric>, new: &Metric) -> bool {
    old.is_none_or(|old| old.goal != new.goal || old.thresholds != new.thresholds)
}

fn switch(
    cycle: &mut Cycle,
    mode: &SwitchMode,
    old: Option<&Metric>,
    metric: &Metric,
    definition: usize,
    history: &History<'_>,
    i: usize,
) {
    let t = history.steps[i].0;
    match mode {
        SwitchMode::Restart => *cycle = Cycle::new(t, definition),
        SwitchMode::KeepElapsed => {
            // Time so far stays measured as the old definition measured it; the
            // open interval continues under the new one.
            cycle.close(t);
            cycle.phase = match &cycle.phase {
                Phase::Running { .. } => Phase::Running { since: t },
                Phase::Paused { reason, .. } => Phase::Paused {
                    since: t,
                    reason: reason.clone(),
                    from: t,
                },
                other => other.clone(),
            };
        }
        SwitchMode::Retroactive { anchor, pauses } => {
            let from = match anchor {
                Anchor::Created => 0,
                Anchor::FirstSet(field) => (0..i)
                    .find(|&j| !history.value(field, j).is_null())
                    .unwrap_or(0),
            };
            let mut replay = Cycle::new(history.steps[from].0, definition);
            if *pauses {
                for j in from..i {
                    pause_resume(&mut replay, metric, history, j);
                }
            }
            *cycle = replay;
        }
    }
    cycle.definition = definition;
    if goal_changed(old, metric) {
        cycle.since = t;
    }
}

fn holds(condition: &Option<Condition>, s: &Situation<'_>) -> bool {
    condition.as_ref().is_some_and(|c| c.holds(s))
}

/// The clock's cycles, oldest first, after every step of `history`, with the
/// metric definitions of `schedule`.
pub(crate) fn fold(
    schedule: &Schedule<'_>,
    mode: &SwitchMode,
    history: &History<'_>,
) -> Vec<Cycle> {
    let mut done: Vec<Cycle> = Vec::new();
    let mut current: Option<Cycle> = None;
    let mut active: Option<(usize, &Metric)> = None;
    let mut next_entry = 0;
    for i in 0..history.steps.len() {
        let t = history.steps[i].0;
        while next_entry < schedule.len() && schedule[next_entry].0 <= i {
            let (_, metric) = schedule[next_entry];
            match (active, metric) {
                (Some((_, old)), Some(m)) => {
                    if let Some(cycle) = current.as_mut().filter(|c| c.live()) {
                        switch(cycle, mode, Some(old), m, next_entry, history, i);
                    }
                }
                _ => {
                    // Attached afresh or detached: earlier cycles are removed.
                    done.clear();
                    current = None;
                }
            }
            active = metric.map(|m| (next_entry, m));
            next_entry += 1;
        }
        let Some((definition, metric)) = active else {
            continue;
        };
        let s = history.situation(i);

        // 1. stop
        if let Some(cycle) = current.as_mut().filter(|c| c.live()) {
            if metric.stops(&s) {
                cycle.close(t);
                cycle.phase = Phase::Stopped { at: t };
                cycle.end_step = i;
            }
        }
        // 2. reset, reopen or start
        match current.as_mut() {
            Some(cycle)
                if holds(&metric.reset, &s) && !matches!(cycle.phase, Phase::Cancelled { .. }) =>
            {
                *cycle = Cycle::new(t, definition);
            }
            Some(cycle) => {
                if let (Some(reopen), Phase::Stopped { at: stopped }) =
                    (&metric.reopen, cycle.phase.clone())
                {
                    // A reopen on an event that also stops the clock changes nothing.
                    if metric.reopens(reopen, history, i) && !metric.stops(&s) {
                        if reopen.policy != ReopenPolicy::NewCycle && cycle.definition != definition
                        {
                            // Reopened under another policy than the one that stopped it.
                            let old = schedule.get(cycle.definition).and_then(|entry| entry.1);
                            if goal_changed(old, metric) {
                                cycle.since = t;
                            }
                            cycle.definition = definition;
                        }
                        match reopen.policy {
                            ReopenPolicy::ContinuePaused => {
                                // The stopped time is named by the state it was spent in.
                                let state = match s.before("state") {
                                    Value::String(text) if !text.is_empty() => text.clone(),
                                    _ => s.event().to_owned(),
                                };
                                cycle.pauses.push((stopped, t, state, cycle.definition));
                                cycle.phase = Phase::Running { since: t };
                            }
                            ReopenPolicy::ContinueCounting => {
                                cycle.phase = Phase::Running { since: stopped }
                            }
                            ReopenPolicy::FirstCompletion => {}
                            ReopenPolicy::NewCycle => {
                                if let Some(finished) = current.replace(Cycle::new(t, definition)) {
                                    done.push(finished);
                                }
                            }
                        }
                    }
                }
            }
            None if metric.start.holds(&s) => {
                let mut cycle = Cycle::new(t, definition);
                if metric.stops(&s) {
                    // Started on an event that also stops it: met at once.
                    cycle.phase = Phase::Stopped { at: t };
                    cycle.end_step = i;
                }
                current = Some(cycle);
            }
            None => {}
        }
        if let Some(cycle) = current.as_mut() {
            // 3. cancel
            if cycle.live() && holds(&metric.cancel, &s) {
                cycle.close(t);
                cycle.phase = Phase::Cancelled { at: t };
                cycle.end_step = i;
            }
            // 4. pause, 5. resume
            pause_resume(cycle, metric, history, i);
        }
    }
    if let Some(mut cycle) = current {
        if cycle.live() {
            cycle.end_step = history.steps.len().saturating_sub(1);
        }
        done.push(cycle);
    }
    done
}
