//! The fold of a record's history into a metric's clock cycles: the one place
//! where start, stop, reset, reopen, cancel, pause and resume are applied, in that
//! order, and where a change of policy switches a running clock to another
//! definition.

use std::borrow::Cow;

use serde_json::Value;

use super::checks::{Clock, holds};
use super::definition::{Metric, ReopenPolicy};
use crate::rules::{FieldTable, History};
use crate::time::Millis;

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Phase<'a> {
    Running {
        since: Millis,
    },
    /// `since` starts the current pause segment; `from` is where a paused
    /// deadline is projected from. They differ after a change of reason: the
    /// hold goes on under another name, so the deadline must not move.
    Paused {
        since: Millis,
        reason: Reason<'a>,
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
pub(crate) struct Cycle<'a> {
    pub(crate) started_at: Millis,
    /// Running intervals, each with the schedule entry that measured it.
    pub(crate) runs: Vec<(Millis, Millis, usize)>,
    /// Paused intervals with their reason and measuring entry.
    pub(crate) pauses: Vec<(Millis, Millis, Reason<'a>, usize)>,
    pub(crate) phase: Phase<'a>,
    /// The schedule entry whose metric judges this cycle.
    pub(crate) definition: usize,
    /// Since when the current goal applies: the start, or the switch or
    /// reopen that changed the goal; targets passed before it count as crossed
    /// at it.
    pub(crate) since: Millis,
    /// The step after which the cycle ended, or the last step.
    pub(crate) end_step: usize,
}

impl<'a> Cycle<'a> {
    fn new(at: Millis, definition: usize) -> Cycle<'a> {
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

    /// Starts the cycle afresh at `at`, keeping its vectors' memory.
    fn restart(&mut self, at: Millis, definition: usize) {
        self.started_at = at;
        self.runs.clear();
        self.pauses.clear();
        self.phase = Phase::Running { since: at };
        self.definition = definition;
        self.since = at;
        self.end_step = 0;
    }

    fn live(&self) -> bool {
        matches!(self.phase, Phase::Running { .. } | Phase::Paused { .. })
    }

    /// Ends the open run or pause at `at`, leaving the phase to the caller.
    fn close(&mut self, at: Millis) {
        match &self.phase {
            Phase::Running { since } => self.runs.push((*since, at, self.definition)),
            Phase::Paused { since, reason, .. } => {
                self.pauses.push((*since, at, *reason, self.definition))
            }
            _ => {}
        }
    }
}

/// What a pause is named by: a field's value, or the type of the event that
/// began it. Held by reference; written out only for results.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reason<'a> {
    Value(&'a Value),
    Event(&'a str),
}

impl<'a> Reason<'a> {
    pub(crate) fn text(&self) -> Cow<'a, str> {
        match *self {
            Reason::Value(Value::String(text)) => Cow::Borrowed(text),
            Reason::Value(other) => Cow::Owned(other.to_string()),
            Reason::Event(event) => Cow::Borrowed(event),
        }
    }
}

impl PartialEq for Reason<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

/// The name of a pause: the reason field's value, else the state, else the
/// event type, looked up after step `i` (or before it, for `before`).
pub(crate) fn reason_of<'a>(
    clock: Clock<'_>,
    history: &History<'a>,
    i: usize,
    before: bool,
) -> Reason<'a> {
    let named = |field| {
        let value = if before {
            history.before(field, i)
        } else {
            history.at(field, i)
        };
        match value {
            Value::Null => None,
            Value::String(text) if text.is_empty() => None,
            value => Some(Reason::Value(value)),
        }
    };
    clock
        .checks
        .reason_field
        .and_then(named)
        .or_else(|| named(FieldTable::STATE))
        .unwrap_or_else(|| Reason::Event(history.event(i)))
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
pub(crate) type Schedule<'m> = [(usize, Option<Clock<'m>>)];

fn pause_resume<'a>(cycle: &mut Cycle<'a>, clock: Clock<'_>, history: &History<'a>, i: usize) {
    let t = history.steps[i].0;
    let pause_holds = holds(&clock.checks.pause, history, i);
    let reason = || reason_of(clock, history, i, false);
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
            let resumes = match &clock.checks.resume {
                Some(resume) => resume.holds(history, i),
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

fn switch<'a>(
    cycle: &mut Cycle<'a>,
    mode: &SwitchMode,
    old: Option<&Metric>,
    clock: Clock<'_>,
    definition: usize,
    history: &History<'a>,
    i: usize,
) {
    let t = history.steps[i].0;
    match mode {
        SwitchMode::Restart => cycle.restart(t, definition),
        SwitchMode::KeepElapsed => {
            // Time so far stays measured as the old definition measured it; the
            // open interval continues under the new one.
            cycle.close(t);
            cycle.phase = match &cycle.phase {
                Phase::Running { .. } => Phase::Running { since: t },
                Phase::Paused { reason, .. } => Phase::Paused {
                    since: t,
                    reason: *reason,
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
            // The replay reads nothing of the cycle it replaces.
            cycle.restart(history.steps[from].0, definition);
            if *pauses {
                for j in from..i {
                    pause_resume(cycle, clock, history, j);
                }
            }
        }
    }
    cycle.definition = definition;
    if goal_changed(old, clock.metric) {
        cycle.since = t;
    }
}

/// A clock's cycles, and spare ones whose vectors later folds reuse: a table
/// folds many clocks, and each would otherwise allocate its cycles anew.
#[derive(Debug, Default)]
pub(crate) struct Cycles<'a> {
    /// The cycles of the last fold, oldest first.
    pub(crate) done: Vec<Cycle<'a>>,
    spare: Vec<Cycle<'a>>,
}

impl<'a> Cycles<'a> {
    fn fresh(&mut self, at: Millis, definition: usize) -> Cycle<'a> {
        match self.spare.pop() {
            Some(mut cycle) => {
                cycle.restart(at, definition);
                cycle
            }
            None => Cycle::new(at, definition),
        }
    }

    fn recycle(&mut self, cycle: Option<Cycle<'a>>) {
        self.spare.extend(cycle);
    }

    fn clear(&mut self) {
        self.spare.append(&mut self.done);
    }
}

/// The clock's cycles, oldest first, after every step of `history`, with the
/// metric definitions of `schedule`, into `cycles.done`.
pub(crate) fn fold<'a>(
    schedule: &Schedule<'_>,
    mode: &SwitchMode,
    history: &History<'a>,
    cycles: &mut Cycles<'a>,
) {
    cycles.clear();
    let mut current: Option<Cycle> = None;
    let mut active: Option<(usize, Clock<'_>)> = None;
    let mut next_entry = 0;
    for i in 0..history.steps.len() {
        let t = history.steps[i].0;
        while next_entry < schedule.len() && schedule[next_entry].0 <= i {
            let (_, clock) = schedule[next_entry];
            match (active, clock) {
                (Some((_, old)), Some(new)) => {
                    if let Some(cycle) = current.as_mut().filter(|c| c.live()) {
                        switch(cycle, mode, Some(old.metric), new, next_entry, history, i);
                    }
                }
                _ => {
                    // Attached afresh or detached: earlier cycles are removed.
                    cycles.clear();
                    cycles.recycle(current.take());
                }
            }
            active = clock.map(|c| (next_entry, c));
            next_entry += 1;
        }
        let Some((definition, clock)) = active else {
            continue;
        };
        let (metric, checks) = (clock.metric, clock.checks);

        // 1. stop
        if let Some(cycle) = current.as_mut().filter(|c| c.live()) {
            if checks.stops(history, i) {
                cycle.close(t);
                cycle.phase = Phase::Stopped { at: t };
                cycle.end_step = i;
            }
        }
        // 2. reset, reopen or start
        match current.as_mut() {
            Some(cycle)
                if holds(&checks.reset, history, i)
                    && !matches!(cycle.phase, Phase::Cancelled { .. }) =>
            {
                cycle.restart(t, definition);
            }
            Some(cycle) => {
                if let (Some(reopen), Phase::Stopped { at: stopped }) =
                    (&metric.reopen, cycle.phase.clone())
                {
                    // A reopen on an event that also stops the clock changes nothing.
                    if checks.reopens(history, i) && !checks.stops(history, i) {
                        if reopen.policy != ReopenPolicy::NewCycle && cycle.definition != definition
                        {
                            // Reopened under another policy than the one that stopped it.
                            let old = schedule
                                .get(cycle.definition)
                                .and_then(|entry| entry.1)
                                .map(|c| c.metric);
                            if goal_changed(old, metric) {
                                cycle.since = t;
                            }
                            cycle.definition = definition;
                        }
                        match reopen.policy {
                            ReopenPolicy::ContinuePaused => {
                                // The stopped time is named by the state it was spent in.
                                let state = match history.before(FieldTable::STATE, i) {
                                    Value::String(text) if !text.is_empty() => {
                                        Reason::Value(history.before(FieldTable::STATE, i))
                                    }
                                    _ => Reason::Event(history.event(i)),
                                };
                                cycle.pauses.push((stopped, t, state, cycle.definition));
                                cycle.phase = Phase::Running { since: t };
                            }
                            ReopenPolicy::ContinueCounting => {
                                cycle.phase = Phase::Running { since: stopped }
                            }
                            ReopenPolicy::FirstCompletion => {}
                            ReopenPolicy::NewCycle => {
                                let next = cycles.fresh(t, definition);
                                cycles.done.extend(current.replace(next));
                            }
                        }
                    }
                }
            }
            None if checks.starts(history, i) => {
                let mut cycle = cycles.fresh(t, definition);
                if checks.stops(history, i) {
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
            if cycle.live() && holds(&checks.cancel, history, i) {
                cycle.close(t);
                cycle.phase = Phase::Cancelled { at: t };
                cycle.end_step = i;
            }
            // 4. pause, 5. resume
            pause_resume(cycle, clock, history, i);
        }
    }
    if let Some(mut cycle) = current {
        if cycle.live() {
            cycle.end_step = history.steps.len().saturating_sub(1);
        }
        cycles.done.push(cycle);
    }
}
