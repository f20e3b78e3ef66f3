//! Reading an SLA clock at `now`: the results of a metric's cycles, from the
//! fold of a record's timeline (`clock.rs`) and the metric's definition
//! (`definition.rs`).

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::checks::{Clock, MetricChecks};
use super::clock::{Cycle, Cycles, Phase, Reason, SwitchMode, fold};
use super::definition::{Metric, ThresholdAt};
use super::goal::Goal;
use super::measure::Measure;
use crate::calendar::Calendar;
use crate::document;
use crate::error::{Error, Result};
use crate::rules::{FieldTable, History};
use crate::time::{Millis, check_range, format_instant, from_millis, ms, to_millis};
use crate::timeline::Timeline;

// ---------------------------------------------------------------------------
// Reading the clock

/// A metric's status at `now` (a clock that never started has no result).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Counting, within its goal.
    Running,
    /// Paused, within its goal.
    Paused,
    /// Stopped within its goal.
    Met,
    /// Past its goal, whether still counting, paused or stopped.
    Breached,
    /// No longer applies.
    Cancelled,
}

/// A threshold of a cycle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ThresholdResult {
    /// The threshold's name.
    pub name: String,
    /// When it was crossed, or when it will be if the clock runs on.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub at: DateTime<Utc>,
    /// Whether it has been crossed.
    pub crossed: bool,
}

/// A kind of interval in an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Running in working time: counted.
    Counted,
    /// Running outside the calendar's working time: not counted.
    OutsideHours,
    /// Running on a holiday of the calendar: not counted; `reason` names it.
    Holiday,
    /// Paused: not counted; `reason` says why.
    Paused,
}

/// One interval of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// What the interval was.
    pub kind: SegmentKind,
    /// First instant.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub from: DateTime<Utc>,
    /// First instant after.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub to: DateTime<Utc>,
    /// Why paused, or which holiday.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A metric's clock read at `now`, for one cycle.
///
/// Durations are milliseconds, measured in the goal's own terms: business time
/// in the metric's calendar, or wall time for a wall goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CycleResult {
    /// The metric's id.
    pub metric: String,
    /// 1 for the first cycle; a reopen with the `new_cycle` policy starts the next.
    pub cycle: u32,
    /// The status at `now`.
    pub status: Status,
    /// When the cycle started.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub started_at: Option<DateTime<Utc>>,
    /// When the clock stopped (met or breached) or was cancelled.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub stopped_at: Option<DateTime<Utc>>,
    /// Time counted towards the goal.
    #[serde(rename = "elapsed_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub elapsed: TimeDelta,
    /// Wall time the clock was running.
    #[serde(rename = "elapsed_wall_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub elapsed_wall: TimeDelta,
    /// Time paused, in the goal's terms (a pause in closed hours counts nothing).
    #[serde(rename = "paused_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub paused: TimeDelta,
    /// `paused_ms` per reason.
    #[serde(with = "document::durations_ms")]
    #[schemars(with = "BTreeMap<String, crate::schema::DurationMs>")]
    pub paused_by_reason: BTreeMap<String, TimeDelta>,
    /// The goal in the goal's terms (for a negotiated date, the business time
    /// from the start to it).
    #[serde(rename = "goal_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub goal: TimeDelta,
    /// Goal minus elapsed time, at least 0.
    #[serde(rename = "remaining_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub remaining: TimeDelta,
    /// Wall time from `now` to the deadline, at least 0; 0 once stopped.
    #[serde(rename = "remaining_wall_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub remaining_wall: TimeDelta,
    /// Elapsed time as a percentage of the goal, unrounded; `None` for a zero goal.
    pub percent: Option<f64>,
    /// The earliest instant at which elapsed time reaches the goal, projected
    /// from the clock's last change (it does not move while paused).
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub deadline: Option<DateTime<Utc>>,
    /// The deadline had the clock never paused.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub original_deadline: Option<DateTime<Utc>>,
    /// The first working instant at or after the deadline: where work resumes
    /// when the deadline is a closing instant.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub deadline_next_opening: Option<DateTime<Utc>>,
    /// The deadline, when breached.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub breached_at: Option<DateTime<Utc>>,
    /// Elapsed time beyond the goal.
    #[serde(rename = "overrun_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub overrun: TimeDelta,
    /// Every threshold with its instant (crossed, or projected from the clock's
    /// last change).
    pub thresholds: Vec<ThresholdResult>,
    /// When to evaluate again: the first instant after `now` at which a
    /// threshold is crossed or the clock breaches if nothing happens; `None` when
    /// paused, stopped, or breached with no threshold left.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub next_wakeup: Option<DateTime<Utc>>,
    /// The intervals from the start to the stop (or `now`): counted, outside
    /// hours, holiday, paused. Empty when the evaluation was asked not to
    /// explain ([`crate::sla::EvaluateOptions`]).
    pub explanation: Vec<Segment>,
}

impl Metric {
    /// Reads this metric's clock for `timeline` at `now`: one result per cycle,
    /// oldest first; empty when the clock never started.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `now` is before the record was created or
    /// a negotiated date field does not hold an instant; calendar errors.
    pub fn evaluate(
        &self,
        calendar: &Calendar,
        timeline: &Timeline,
        now: DateTime<Utc>,
    ) -> Result<Vec<CycleResult>> {
        let now_ms = check_now(timeline, now)?;
        let mut fields = FieldTable::default();
        let checks = MetricChecks::compile(self, &mut fields);
        let history = History::new(timeline, now_ms, &fields)?;
        let clock = Clock {
            metric: self,
            checks: &checks,
        };
        let mut cycles = Cycles::default();
        fold(
            &[(0, Some(clock))],
            &SwitchMode::default(),
            &history,
            &mut cycles,
        );
        let span = calendar.held();
        let judges = [Some((
            self,
            Measure::new(calendar, &span, self.goal.is_wall()),
        ))];
        let mut reading = Reading::empty();
        cycles
            .done
            .iter()
            .enumerate()
            .map(|(i, cycle)| {
                let number = i as u32 + 1;
                read_cycle(&judges, cycle, &history, number, now_ms, true, &mut reading)
                    .map(|()| reading.to_result(self))
            })
            .collect()
    }
}

pub(crate) fn check_now(timeline: &Timeline, now: DateTime<Utc>) -> Result<Millis> {
    let now_ms = to_millis(now)?;
    created_by(now_ms, to_millis(timeline.created_at())?)?;
    Ok(now_ms)
}

/// Refuses a `now` before the record's creation.
pub(crate) fn created_by(now: Millis, created: Millis) -> Result<()> {
    if now < created {
        return Err(Error::invalid_argument(
            "now",
            format!(
                "{} is before the record was created ({})",
                format_instant(from_millis(now)),
                format_instant(from_millis(created))
            ),
        ));
    }
    Ok(())
}

/// The instant at which elapsed time reaches `target`, walking the closed runs
/// (each measured as its definition measured it) and projecting from `open_from`
/// in the current terms when they do not reach it.
fn reach(
    judges: &[Option<Judge<'_>>],
    current: Measure<'_>,
    runs: &[(Millis, Millis, usize)],
    lengths: &[Millis],
    open_from: Millis,
    target: Millis,
) -> Result<Millis> {
    let mut counted = 0;
    for (&(a, _, definition), &length) in runs.iter().zip(lengths) {
        if counted + length >= target {
            return measure_of(judges, definition, current).add(a, target - counted);
        }
        counted += length;
    }
    current.add(open_from, target - counted)
}

fn measure_of<'h>(
    judges: &[Option<Judge<'h>>],
    definition: usize,
    current: Measure<'h>,
) -> Measure<'h> {
    judges
        .get(definition)
        .copied()
        .flatten()
        .map_or(current, |(_, measure)| measure)
}

/// A metric definition and how it measures time.
pub(crate) type Judge<'h> = (&'h Metric, Measure<'h>);

/// Reads one cycle of a clock at `now` into `out`, whose vectors it reuses.
/// `judges[i]` is the metric and calendar of schedule entry `i`; the cycle's
/// own entry judges it, and each interval is measured by the entry that was in
/// force when it ran.
pub(crate) fn read_cycle<'a>(
    judges: &[Option<Judge<'_>>],
    cycle: &Cycle<'a>,
    history: &History<'a>,
    number: u32,
    now: Millis,
    explain_intervals: bool,
    out: &mut Reading<'a>,
) -> Result<()> {
    let Some((metric, measure)) = judges.get(cycle.definition).copied().flatten() else {
        return Err(Error::invalid_argument(
            "policies",
            "a clock lost the definition that judges it",
        ));
    };
    let calendar = measure.calendar;
    // Close the open segment at now, for reading only.
    let (end, open_from, stopped_at, open_run, open_pause) = match &cycle.phase {
        Phase::Running { since } => (
            now,
            *since,
            None,
            Some((*since, now, cycle.definition)),
            None,
        ),
        Phase::Paused {
            since,
            reason,
            from,
        } => (
            now,
            *from,
            None,
            None,
            Some((*since, now, *reason, cycle.definition)),
        ),
        Phase::Stopped { at } | Phase::Cancelled { at } => (*at, *at, Some(*at), None, None),
    };
    let runs = || cycle.runs.iter().copied().chain(open_run);
    let pauses = || cycle.pauses.iter().copied().chain(open_pause);
    let start = cycle.started_at;
    let mut lengths = std::mem::take(&mut out.run_lengths);
    lengths.clear();
    for (a, b, definition) in runs() {
        lengths.push(measure_of(judges, definition, measure).length(a, b)?);
    }
    let elapsed: Millis = lengths.iter().sum();
    let elapsed_wall: Millis = runs().map(|(a, b, _)| b - a).sum();
    let mut paused_by_reason = std::mem::take(&mut out.paused_by_reason);
    paused_by_reason.clear();
    for (a, b, reason, definition) in pauses().filter(|p| p.0 < p.1) {
        let length = measure_of(judges, definition, measure).length(a, b)?;
        match paused_by_reason.iter_mut().find(|(r, _)| *r == reason) {
            Some((_, total)) => *total += length,
            None => paused_by_reason.push((reason, length)),
        }
    }
    let paused: Millis = paused_by_reason.iter().map(|(_, length)| length).sum();
    let closed_runs = &cycle.runs;
    let closed_lengths = &lengths[..closed_runs.len()];

    // A goal table picks the goal by the field's value at the cycle's end; a
    // goal that changed there counts as changed since that step.
    let (metric_goal, goal_step) = metric.goal.at(history, cycle.end_step)?;
    let since = if goal_step > 0 {
        cycle.since.max(history.steps[goal_step].0)
    } else {
        cycle.since
    };
    let negotiated = match metric_goal {
        Goal::Negotiated { field } => Some(negotiated_deadline(
            field,
            history.value(field, cycle.end_step),
        )?),
        _ => None,
    };
    let goal = match metric_goal {
        Goal::Business(ms) | Goal::Wall(ms) => *ms,
        Goal::WorkingDays { days, mode } => {
            let due = calendar.add_working_days_ms(start, *days, *mode)?;
            calendar.duration_ms(start, due.max(start))?
        }
        Goal::Negotiated { .. } | Goal::ByValue(_) => {
            calendar.duration_ms(start, negotiated.unwrap_or(start).max(start))?
        }
    };
    let deadline = match negotiated {
        Some(d) => d,
        None => reach(
            judges,
            measure,
            closed_runs,
            closed_lengths,
            open_from,
            goal,
        )?,
    };
    let original_deadline = negotiated.map_or_else(|| measure.add(start, goal), Ok)?;
    let breached = match negotiated {
        Some(d) => end > d,
        None => elapsed > goal,
    };
    let status = match (&cycle.phase, breached) {
        (Phase::Cancelled { .. }, _) => Status::Cancelled,
        (_, true) => Status::Breached,
        (Phase::Running { .. }, false) => Status::Running,
        (Phase::Paused { .. }, false) => Status::Paused,
        (Phase::Stopped { .. }, false) => Status::Met,
    };
    let running = matches!(cycle.phase, Phase::Running { .. });

    // Thresholds: an elapsed-time target each, except wall offsets from the deadline.
    let mut thresholds = std::mem::take(&mut out.thresholds);
    thresholds.clear();
    for threshold in &metric.thresholds {
        let target = match threshold.at {
            ThresholdAt::Percent(h) => {
                let scaled = i128::from(goal) * i128::from(h);
                Some(((scaled + 9_999) / 10_000) as Millis)
            }
            ThresholdAt::BeforeDeadline { ms, wall: false } => Some((goal - ms).max(0)),
            ThresholdAt::AfterDeadline { ms, wall: false } => Some(goal + ms),
            _ => None,
        };
        let (mut at, reached) = match (target, threshold.at) {
            (Some(target), _) => (
                reach(
                    judges,
                    measure,
                    closed_runs,
                    closed_lengths,
                    open_from,
                    target,
                )?,
                elapsed >= target,
            ),
            (None, ThresholdAt::BeforeDeadline { ms, .. }) => (deadline - ms, deadline - ms <= end),
            (None, ThresholdAt::AfterDeadline { ms, .. }) => (deadline + ms, deadline + ms <= end),
            (None, ThresholdAt::Percent(_)) => {
                unreachable!("percent thresholds always have a target")
            }
        };
        if reached {
            // A goal that shrank below the elapsed time crossed its thresholds
            // when it changed, not in the past.
            at = at.max(since);
        }
        let mut crossed = reached;
        if threshold.in_business_hours {
            // The threshold happens when it is moved to: until then it is not crossed.
            at = measure.next_opening(at)?;
            crossed = reached && at <= end;
        }
        thresholds.push((at, crossed));
    }

    let mut next_wakeup = None;
    if running && !breached {
        let breach = match negotiated {
            Some(d) => d + 1,
            None => measure.add(deadline, 1)?,
        };
        next_wakeup = pending(&thresholds, now)?.into_iter().chain([breach]).min();
    } else if running {
        // Already breached: only thresholds after the deadline are left.
        next_wakeup = pending(&thresholds, now)?;
    }
    let live =
        matches!(status, Status::Running | Status::Paused) || (breached && stopped_at.is_none());
    *out = Reading {
        cycle: number,
        status,
        started_at: start,
        stopped_at,
        elapsed,
        elapsed_wall,
        paused,
        paused_by_reason,
        goal,
        remaining: (goal - elapsed).max(0),
        remaining_wall: if live { (deadline - now).max(0) } else { 0 },
        percent: (goal > 0).then(|| elapsed as f64 * 100.0 / goal as f64),
        deadline,
        original_deadline,
        deadline_next_opening: if measure.wall {
            deadline
        } else {
            measure.next_opening(deadline)?
        },
        breached_at: breached.then(|| deadline.max(since)),
        overrun: if negotiated.is_some() {
            0
        } else {
            (elapsed - goal).max(0)
        },
        thresholds,
        next_wakeup,
        explanation: if explain_intervals {
            explain(
                judges,
                &runs().collect::<Vec<_>>(),
                &pauses().collect::<Vec<_>>(),
            )?
        } else {
            Vec::new()
        },
        run_lengths: lengths,
    };
    Ok(())
}

/// The earliest threshold not yet crossed that lies after `now`.
fn pending(thresholds: &[(Millis, bool)], now: Millis) -> Result<Option<Millis>> {
    let mut earliest = None;
    for &(at, crossed) in thresholds {
        if !crossed {
            check_range(at)?;
            if at > now && earliest.is_none_or(|e| at < e) {
                earliest = Some(at);
            }
        }
    }
    Ok(earliest)
}

/// One cycle of a clock read at `now`, in numbers: what a [`CycleResult`] says
/// before any of it is written as text. Table outputs read it directly.
#[derive(Debug, Clone)]
pub(crate) struct Reading<'a> {
    pub(crate) cycle: u32,
    pub(crate) status: Status,
    pub(crate) started_at: Millis,
    pub(crate) stopped_at: Option<Millis>,
    pub(crate) elapsed: Millis,
    pub(crate) elapsed_wall: Millis,
    pub(crate) paused: Millis,
    /// Paused time per reason, in the order the reasons first paused the clock.
    pub(crate) paused_by_reason: Vec<(Reason<'a>, Millis)>,
    pub(crate) goal: Millis,
    pub(crate) remaining: Millis,
    pub(crate) remaining_wall: Millis,
    pub(crate) percent: Option<f64>,
    pub(crate) deadline: Millis,
    pub(crate) original_deadline: Millis,
    pub(crate) deadline_next_opening: Millis,
    pub(crate) breached_at: Option<Millis>,
    pub(crate) overrun: Millis,
    /// Each of the metric's thresholds, in order: when, and whether crossed.
    pub(crate) thresholds: Vec<(Millis, bool)>,
    pub(crate) next_wakeup: Option<Millis>,
    pub(crate) explanation: Vec<Segment>,
    /// The time counted in each run, the closed ones then the open one.
    pub(crate) run_lengths: Vec<Millis>,
}

impl Reading<'_> {
    /// A reading of nothing, for [`read_cycle`] to fill.
    pub(crate) fn empty() -> Reading<'static> {
        Reading {
            cycle: 0,
            status: Status::Running,
            started_at: 0,
            stopped_at: None,
            elapsed: 0,
            elapsed_wall: 0,
            paused: 0,
            paused_by_reason: Vec::new(),
            goal: 0,
            remaining: 0,
            remaining_wall: 0,
            percent: None,
            deadline: 0,
            original_deadline: 0,
            deadline_next_opening: 0,
            breached_at: None,
            overrun: 0,
            thresholds: Vec::new(),
            next_wakeup: None,
            explanation: Vec::new(),
            run_lengths: Vec::new(),
        }
    }

    /// The result document of this reading of `metric`'s clock.
    pub(crate) fn to_result(&self, metric: &Metric) -> CycleResult {
        CycleResult {
            metric: metric.id.clone(),
            cycle: self.cycle,
            status: self.status,
            started_at: Some(from_millis(self.started_at)),
            stopped_at: self.stopped_at.map(from_millis),
            elapsed: ms(self.elapsed),
            elapsed_wall: ms(self.elapsed_wall),
            paused: ms(self.paused),
            paused_by_reason: self
                .paused_by_reason
                .iter()
                .map(|(reason, length)| (reason.text().into_owned(), ms(*length)))
                .collect(),
            goal: ms(self.goal),
            remaining: ms(self.remaining),
            remaining_wall: ms(self.remaining_wall),
            percent: self.percent,
            deadline: Some(from_millis(self.deadline)),
            original_deadline: Some(from_millis(self.original_deadline)),
            deadline_next_opening: Some(from_millis(self.deadline_next_opening)),
            breached_at: self.breached_at.map(from_millis),
            overrun: ms(self.overrun),
            thresholds: metric
                .thresholds
                .iter()
                .zip(&self.thresholds)
                .map(|(threshold, &(at, crossed))| ThresholdResult {
                    name: threshold.name.clone(),
                    at: from_millis(at),
                    crossed,
                })
                .collect(),
            next_wakeup: self.next_wakeup.map(from_millis),
            explanation: self.explanation.clone(),
        }
    }
}

fn negotiated_deadline(field: &str, value: &Value) -> Result<Millis> {
    let text = value.as_str().ok_or_else(|| {
        Error::invalid_argument(field, "the negotiated date field holds no RFC 3339 instant")
    })?;
    to_millis(crate::time::parse_instant(field, text)?)
}

fn explain(
    judges: &[Option<Judge<'_>>],
    runs: &[(Millis, Millis, usize)],
    pauses: &[(Millis, Millis, Reason<'_>, usize)],
) -> Result<Vec<Segment>> {
    let segment = |kind, a: Millis, b: Millis, reason: Option<String>| Segment {
        kind,
        from: from_millis(a),
        to: from_millis(b),
        reason,
    };
    let mut out = Vec::new();
    for &(a, b, definition) in runs {
        let Some((_, measure)) = judges.get(definition).copied().flatten() else {
            continue;
        };
        let calendar = measure.calendar;
        if measure.wall {
            out.push(segment(SegmentKind::Counted, a, b, None));
            continue;
        }
        let begin = out.len();
        let mut cursor = a;
        for interval in calendar.working_intervals(from_millis(a), from_millis(b))? {
            let (s, e) = (to_millis(interval.start)?, to_millis(interval.end)?);
            if s > cursor {
                out.push(segment(SegmentKind::OutsideHours, cursor, s, None));
            }
            out.push(segment(SegmentKind::Counted, s, e, None));
            cursor = e;
        }
        if cursor < b {
            out.push(segment(SegmentKind::OutsideHours, cursor, b, None));
        }
        // Name the holidays among the closed stretches of this run.
        let holidays = calendar.holidays_between(from_millis(a), from_millis(b))?;
        if !holidays.is_empty() {
            let mut named = Vec::new();
            for seg in out.split_off(begin) {
                if seg.kind != SegmentKind::OutsideHours {
                    named.push(seg);
                    continue;
                }
                let (mut from, to) = (to_millis(seg.from)?, to_millis(seg.to)?);
                for h in &holidays {
                    let (hs, he) = (to_millis(h.start)?.max(from), to_millis(h.end)?.min(to));
                    if hs >= he {
                        continue;
                    }
                    if hs > from {
                        named.push(segment(SegmentKind::OutsideHours, from, hs, None));
                    }
                    let name = h.name.clone().unwrap_or_else(|| "holiday".into());
                    named.push(segment(SegmentKind::Holiday, hs, he, Some(name)));
                    from = he;
                }
                if from < to {
                    named.push(segment(SegmentKind::OutsideHours, from, to, None));
                }
            }
            out.extend(named);
        }
    }
    for (a, b, reason, _) in pauses {
        out.push(segment(
            SegmentKind::Paused,
            *a,
            *b,
            Some(reason.text().into_owned()),
        ));
    }
    out.sort_by_key(|s| s.from);
    out.retain(|s| s.from < s.to);
    Ok(out)
}
