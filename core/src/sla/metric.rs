//! One SLA metric (a clock) and its evaluation over a record's timeline: a pure
//! fold over the events, then a reading of the clock at `now`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde_json::{Value, json};

use super::condition::{Condition, Situation, read_condition};
use super::goal::{Goal, read_goal};
use crate::calendar::Calendar;
use crate::config::Node;
use crate::error::{Error, Result};
use crate::timeline::{Fields, Millis, Timeline, format_instant, from_millis, to_millis};

/// What happens when a stopped clock's record is reopened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReopenPolicy {
    /// The same clock goes on; the time it was stopped counts as paused, under
    /// the reason of the record's state then (`"continue_paused"`).
    ContinuePaused,
    /// The same clock goes on, and the time it was stopped counts (`"continue_counting"`).
    ContinueCounting,
    /// The first completion stands for ever (`"first_completion"`).
    FirstCompletion,
    /// A new cycle starts; completed cycles are kept (`"new_cycle"`).
    NewCycle,
}

impl ReopenPolicy {
    fn as_str(self) -> &'static str {
        match self {
            ReopenPolicy::ContinuePaused => "continue_paused",
            ReopenPolicy::ContinueCounting => "continue_counting",
            ReopenPolicy::FirstCompletion => "first_completion",
            ReopenPolicy::NewCycle => "new_cycle",
        }
    }
}

/// When a stopped clock counts as reopened, and what then happens.
#[derive(Debug, Clone, PartialEq)]
pub struct Reopen {
    /// The condition that reopens a stopped clock.
    pub when: Condition,
    /// What reopening does.
    pub policy: ReopenPolicy,
}

/// A clock of an SLA policy: time to first response, to resolution, or custom.
#[derive(Debug, Clone, PartialEq)]
pub struct Metric {
    /// Unique within its policy.
    pub id: String,
    /// Shown in reports.
    pub name: Option<String>,
    /// `response`, `resolution`, `next_update` or `custom`: a label for reports.
    pub kind: String,
    /// The id of the calendar the clock counts in; `None` counts all the time.
    pub calendar: Option<String>,
    /// What the clock must achieve.
    pub goal: Goal,
    /// Starts the clock.
    pub start: Condition,
    /// Stops the clock: the goal is met or breached.
    pub stop: Condition,
    /// Pauses a running clock.
    pub pause: Option<Condition>,
    /// Resumes a paused clock; without it, the clock resumes when `pause` no
    /// longer holds.
    pub resume: Option<Condition>,
    /// Restarts a started clock from zero.
    pub reset: Option<Condition>,
    /// Cancels the clock: it no longer applies.
    pub cancel: Option<Condition>,
    /// The field whose value names a pause's reason (`hold_reason`); when it is
    /// absent or empty, the `state` field names it, and failing that the event type.
    pub pause_reason_field: Option<String>,
    /// Reopening of a stopped clock.
    pub reopen: Option<Reopen>,
}

const METRIC_KINDS: &[&str] = &["response", "resolution", "next_update", "custom"];

pub(crate) fn read_metric(node: &Node<'_>) -> Result<Metric> {
    let obj = node.object(&[
        "id",
        "name",
        "kind",
        "calendar",
        "goal",
        "start",
        "stop",
        "pause",
        "resume",
        "reset",
        "cancel",
        "pause_reason_field",
        "reopen",
    ])?;
    let optional = |key: &'static str| obj.get(key).map(|n| read_condition(&n)).transpose();
    let kind = match obj.get("kind") {
        None => "custom".to_owned(),
        Some(k) => {
            let text = k.str()?;
            if !METRIC_KINDS.contains(&text) {
                return Err(k.error(format!(
                    "expected one of {}, found {text:?}",
                    METRIC_KINDS.join(", ")
                )));
            }
            text.to_owned()
        }
    };
    let reopen = match obj.get("reopen") {
        None => None,
        Some(r) => {
            let ro = r.object(&["when", "policy"])?;
            let policy_node = ro.required("policy")?;
            let policy = match policy_node.str()? {
                "continue_paused" => ReopenPolicy::ContinuePaused,
                "continue_counting" => ReopenPolicy::ContinueCounting,
                "first_completion" => ReopenPolicy::FirstCompletion,
                "new_cycle" => ReopenPolicy::NewCycle,
                other => {
                    return Err(policy_node.error(format!(
                        "expected \"continue_paused\", \"continue_counting\", \"first_completion\" or \"new_cycle\", found {other:?}"
                    )));
                }
            };
            Some(Reopen {
                when: read_condition(&ro.required("when")?)?,
                policy,
            })
        }
    };
    if obj.has("resume") && !obj.has("pause") {
        return Err(obj
            .required("resume")?
            .error("`resume` needs a `pause` condition"));
    }
    Ok(Metric {
        id: obj.required("id")?.str()?.to_owned(),
        name: obj
            .get("name")
            .map(|n| n.str().map(str::to_owned))
            .transpose()?,
        kind,
        calendar: obj
            .get("calendar")
            .map(|n| n.str().map(str::to_owned))
            .transpose()?,
        goal: read_goal(&obj.required("goal")?)?,
        start: read_condition(&obj.required("start")?)?,
        stop: read_condition(&obj.required("stop")?)?,
        pause: optional("pause")?,
        resume: optional("resume")?,
        reset: optional("reset")?,
        cancel: optional("cancel")?,
        pause_reason_field: obj
            .get("pause_reason_field")
            .map(|n| n.str().map(str::to_owned))
            .transpose()?,
        reopen,
    })
}

impl Metric {
    /// Reads a metric definition from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path of the bad field.
    ///
    /// # Example
    /// ```
    /// let metric = itsm_core::sla::Metric::from_value(&serde_json::json!({
    ///     "id": "resolution", "kind": "resolution", "goal": {"business": "PT8H"},
    ///     "start": {"event_is": ["created"]}, "stop": {"state_in": ["resolved", "closed"]},
    ///     "pause": {"state_in": ["on_hold"]}
    /// })).unwrap();
    /// assert_eq!(metric.id, "resolution");
    /// let err = itsm_core::sla::Metric::from_value(&serde_json::json!({
    ///     "id": "r", "goal": {"business": "P1D"}, "start": {"always": true}, "stop": {"always": false}
    /// })).unwrap_err();
    /// assert!(err.to_string().starts_with("goal.business: expected an ISO 8601 duration"), "{err}");
    /// ```
    pub fn from_value(value: &Value) -> Result<Metric> {
        read_metric(&Node::root(value))
    }

    /// The definition as JSON data, in the form [`Metric::from_value`] reads.
    pub fn to_value(&self) -> Value {
        let mut map = serde_json::Map::new();
        map.insert("id".into(), self.id.clone().into());
        if let Some(name) = &self.name {
            map.insert("name".into(), name.clone().into());
        }
        map.insert("kind".into(), self.kind.clone().into());
        if let Some(c) = &self.calendar {
            map.insert("calendar".into(), c.clone().into());
        }
        map.insert("goal".into(), self.goal.to_value());
        map.insert("start".into(), self.start.to_value());
        map.insert("stop".into(), self.stop.to_value());
        for (key, c) in [
            ("pause", &self.pause),
            ("resume", &self.resume),
            ("reset", &self.reset),
            ("cancel", &self.cancel),
        ] {
            if let Some(c) = c {
                map.insert(key.into(), c.to_value());
            }
        }
        if let Some(f) = &self.pause_reason_field {
            map.insert("pause_reason_field".into(), f.clone().into());
        }
        if let Some(r) = &self.reopen {
            map.insert(
                "reopen".into(),
                json!({"when": r.when.to_value(), "policy": r.policy.as_str()}),
            );
        }
        Value::Object(map)
    }
}

// ---------------------------------------------------------------------------
// The fold

#[derive(Debug, Clone, PartialEq)]
enum Phase {
    NotStarted,
    Running { since: Millis },
    Paused { since: Millis, reason: String },
    Stopped { at: Millis },
    Cancelled { at: Millis },
}

#[derive(Debug, Clone)]
struct Cycle {
    started_at: Millis,
    runs: Vec<(Millis, Millis)>,
    pauses: Vec<(Millis, Millis, String)>,
    phase: Phase,
    /// The record's fields when the cycle ended, or now.
    fields: Fields,
}

impl Cycle {
    fn new(at: Millis) -> Cycle {
        Cycle {
            started_at: at,
            runs: Vec::new(),
            pauses: Vec::new(),
            phase: Phase::Running { since: at },
            fields: Fields::new(),
        }
    }

    /// Ends the open run or pause at `at`.
    fn close(&mut self, at: Millis) {
        match std::mem::replace(&mut self.phase, Phase::NotStarted) {
            Phase::Running { since } => self.runs.push((since, at)),
            Phase::Paused { since, reason } => self.pauses.push((since, at, reason)),
            other => self.phase = other,
        }
    }
}

fn reason_of(metric: &Metric, fields: &Fields, event: &str) -> String {
    let named = |field: &str| match fields.get(field) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Null) | None => None,
        Some(other) => Some(other.to_string()),
    };
    metric
        .pause_reason_field
        .as_deref()
        .and_then(named)
        .or_else(|| named("state"))
        .unwrap_or_else(|| event.to_owned())
}

/// The clock's cycles after applying every event up to `now`.
fn fold(metric: &Metric, timeline: &Timeline, now: Millis) -> Result<Vec<Cycle>> {
    let mut done: Vec<Cycle> = Vec::new();
    let mut current: Option<Cycle> = None;
    let mut fields = Fields::new();
    let creation = std::iter::once((timeline.created_at, "created", &timeline.fields));
    let events = timeline
        .events
        .iter()
        .map(|e| (e.at, e.kind.as_str(), &e.set));
    for (at, kind, set) in creation.chain(events) {
        let t = to_millis(at)?;
        if t > now {
            break;
        }
        let before = fields.clone();
        for (k, v) in set {
            if v.is_null() {
                fields.remove(k);
            } else {
                fields.insert(k.clone(), v.clone());
            }
        }
        let s = Situation {
            before: &before,
            after: &fields,
            event: kind,
        };
        let holds = |c: &Option<Condition>| c.as_ref().is_some_and(|c| c.holds(&s));

        // 1. stop
        if let Some(cycle) = current.as_mut() {
            if matches!(cycle.phase, Phase::Running { .. } | Phase::Paused { .. })
                && metric.stop.holds(&s)
            {
                cycle.close(t);
                cycle.phase = Phase::Stopped { at: t };
            }
        }
        // 2. reset, reopen or start
        match current.as_mut() {
            Some(cycle)
                if holds(&metric.reset) && !matches!(cycle.phase, Phase::Cancelled { .. }) =>
            {
                *cycle = Cycle::new(t);
            }
            Some(cycle) if matches!(cycle.phase, Phase::Stopped { .. }) => {
                if let (Some(reopen), Phase::Stopped { at: stopped }) =
                    (&metric.reopen, cycle.phase.clone())
                {
                    if reopen.when.holds(&s) {
                        match reopen.policy {
                            ReopenPolicy::ContinuePaused => {
                                cycle
                                    .pauses
                                    .push((stopped, t, reason_of(metric, &before, kind)));
                                cycle.phase = Phase::Running { since: t };
                            }
                            ReopenPolicy::ContinueCounting => {
                                cycle.phase = Phase::Running { since: stopped }
                            }
                            ReopenPolicy::FirstCompletion => {}
                            ReopenPolicy::NewCycle => {
                                cycle.fields = before.clone();
                                done.push(current.take().unwrap_or_else(|| Cycle::new(t)));
                                current = Some(Cycle::new(t));
                            }
                        }
                    }
                }
            }
            None if metric.start.holds(&s) => current = Some(Cycle::new(t)),
            _ => {}
        }
        if let Some(cycle) = current.as_mut() {
            // 3. cancel
            if matches!(cycle.phase, Phase::Running { .. } | Phase::Paused { .. })
                && holds(&metric.cancel)
            {
                cycle.close(t);
                cycle.phase = Phase::Cancelled { at: t };
            }
            // 4. pause, 5. resume
            let pause_holds = holds(&metric.pause);
            match cycle.phase.clone() {
                Phase::Running { .. } if pause_holds => {
                    cycle.close(t);
                    cycle.phase = Phase::Paused {
                        since: t,
                        reason: reason_of(metric, &fields, kind),
                    };
                }
                Phase::Paused { reason, .. } => {
                    let resumes = match &metric.resume {
                        Some(resume) => resume.holds(&s),
                        None => !pause_holds,
                    };
                    if resumes {
                        cycle.close(t);
                        cycle.phase = Phase::Running { since: t };
                    } else if pause_holds && reason_of(metric, &fields, kind) != reason {
                        cycle.close(t);
                        cycle.phase = Phase::Paused {
                            since: t,
                            reason: reason_of(metric, &fields, kind),
                        };
                    }
                }
                _ => {}
            }
        }
    }
    if let Some(mut cycle) = current {
        cycle.fields = fields;
        done.push(cycle);
    }
    Ok(done)
}

// ---------------------------------------------------------------------------
// Reading the clock

/// A metric's status at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The start condition has not held yet.
    NotStarted,
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

/// A kind of interval in an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// Running in working time: counted.
    Counted,
    /// Running outside the calendar's working time: not counted.
    OutsideHours,
    /// Paused: not counted; `reason` says why.
    Paused,
}

/// One interval of an explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// What the interval was.
    pub kind: SegmentKind,
    /// First instant.
    #[serde(serialize_with = "serialize_instant")]
    pub from: DateTime<Utc>,
    /// First instant after.
    #[serde(serialize_with = "serialize_instant")]
    pub to: DateTime<Utc>,
    /// Why paused.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A metric's clock read at `now`, for one cycle.
///
/// Durations are milliseconds, measured in the goal's own terms: business time
/// in the metric's calendar, or wall time for a wall goal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CycleResult {
    /// The metric's id.
    pub metric: String,
    /// 1 for the first cycle; a reopen with the `new_cycle` policy starts the next.
    pub cycle: u32,
    /// The status at `now`.
    pub status: Status,
    /// When the cycle started.
    #[serde(serialize_with = "serialize_option_instant")]
    pub started_at: Option<DateTime<Utc>>,
    /// When the clock stopped (met or breached) or was cancelled.
    #[serde(serialize_with = "serialize_option_instant")]
    pub stopped_at: Option<DateTime<Utc>>,
    /// Time counted towards the goal.
    pub elapsed_ms: i64,
    /// Wall time the clock was running.
    pub elapsed_wall_ms: i64,
    /// Time paused, in the goal's terms (a pause in closed hours counts nothing).
    pub paused_ms: i64,
    /// `paused_ms` per reason.
    pub paused_by_reason: BTreeMap<String, i64>,
    /// The goal in the goal's terms (for a negotiated date, the business time
    /// from the start to it).
    pub goal_ms: i64,
    /// Goal minus elapsed time, at least 0.
    pub remaining_ms: i64,
    /// Wall time from `now` to the deadline, at least 0; 0 once stopped.
    pub remaining_wall_ms: i64,
    /// Elapsed time as a percentage of the goal, unrounded; `None` for a zero goal.
    pub percent: Option<f64>,
    /// The earliest instant at which elapsed time reaches the goal, projected
    /// from the clock's last change (it does not move while paused).
    #[serde(serialize_with = "serialize_option_instant")]
    pub deadline: Option<DateTime<Utc>>,
    /// The deadline had the clock never paused.
    #[serde(serialize_with = "serialize_option_instant")]
    pub original_deadline: Option<DateTime<Utc>>,
    /// The first working instant at or after the deadline: where work resumes
    /// when the deadline is a closing instant.
    #[serde(serialize_with = "serialize_option_instant")]
    pub deadline_next_opening: Option<DateTime<Utc>>,
    /// The deadline, when breached.
    #[serde(serialize_with = "serialize_option_instant")]
    pub breached_at: Option<DateTime<Utc>>,
    /// Elapsed time beyond the goal.
    pub overrun_ms: i64,
    /// When to evaluate again: the instant the status changes if nothing
    /// happens; `None` when paused, stopped or already breached.
    #[serde(serialize_with = "serialize_option_instant")]
    pub next_wakeup: Option<DateTime<Utc>>,
    /// The intervals from the start to the stop (or `now`): counted, outside
    /// hours, paused.
    pub explanation: Vec<Segment>,
}

fn serialize_instant<S: serde::Serializer>(
    t: &DateTime<Utc>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&format_instant(*t))
}

fn serialize_option_instant<S: serde::Serializer>(
    t: &Option<DateTime<Utc>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_instant(*t)),
        None => s.serialize_none(),
    }
}

/// Time arithmetic in a goal's terms: business time in a calendar, or wall time.
struct Measure<'a> {
    calendar: &'a Calendar,
    wall: bool,
}

impl Measure<'_> {
    fn length(&self, a: Millis, b: Millis) -> Result<Millis> {
        if self.wall {
            Ok(b - a)
        } else {
            self.calendar.duration_ms(a, b)
        }
    }

    fn add(&self, a: Millis, d: Millis) -> Result<Millis> {
        if self.wall {
            Ok(a + d)
        } else {
            self.calendar.add_ms(a, d)
        }
    }
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
        let now_ms = to_millis(now)?;
        if now < timeline.created_at {
            return Err(Error::invalid_argument(
                "now",
                format!(
                    "{} is before the record was created ({})",
                    format_instant(now),
                    format_instant(timeline.created_at)
                ),
            ));
        }
        let cycles = fold(self, timeline, now_ms)?;
        cycles
            .iter()
            .enumerate()
            .map(|(i, cycle)| self.read(calendar, cycle, i as u32 + 1, now_ms))
            .collect()
    }

    fn read(
        &self,
        calendar: &Calendar,
        cycle: &Cycle,
        number: u32,
        now: Millis,
    ) -> Result<CycleResult> {
        let measure = Measure {
            calendar,
            wall: matches!(self.goal, Goal::Wall(_)),
        };
        // Close the open segment at now, for reading only.
        let mut runs = cycle.runs.clone();
        let mut pauses = cycle.pauses.clone();
        let (end, open_from, stopped_at) = match &cycle.phase {
            Phase::Running { since } => {
                runs.push((*since, now));
                (now, *since, None)
            }
            Phase::Paused { since, reason } => {
                pauses.push((*since, now, reason.clone()));
                (now, *since, None)
            }
            Phase::Stopped { at } | Phase::Cancelled { at } => (*at, *at, Some(*at)),
            Phase::NotStarted => (now, now, None),
        };
        let start = cycle.started_at;
        let elapsed: Millis = runs
            .iter()
            .map(|(a, b)| measure.length(*a, *b))
            .sum::<Result<_>>()?;
        let elapsed_wall: Millis = runs.iter().map(|(a, b)| b - a).sum();
        let mut paused_by_reason: BTreeMap<String, i64> = BTreeMap::new();
        for (a, b, reason) in &pauses {
            *paused_by_reason.entry(reason.clone()).or_default() += measure.length(*a, *b)?;
        }
        let paused: Millis = paused_by_reason.values().sum();

        let negotiated = match &self.goal {
            Goal::Negotiated { field } => Some(negotiated_deadline(field, &cycle.fields)?),
            _ => None,
        };
        let goal = match &self.goal {
            Goal::Business(ms) | Goal::Wall(ms) => *ms,
            Goal::WorkingDays { days, mode } => {
                let due = calendar.add_working_days_ms(start, *days, *mode)?;
                calendar.duration_ms(start, due.max(start))?
            }
            Goal::Negotiated { .. } => {
                let deadline = negotiated.unwrap_or(start);
                calendar.duration_ms(start, deadline.max(start))?
            }
        };

        // Walk the runs to where elapsed time reaches the goal.
        let deadline = match negotiated {
            Some(d) => d,
            None => {
                let mut counted = 0;
                let mut reached = None;
                for &(a, b) in &cycle.runs {
                    let length = measure.length(a, b)?;
                    if counted + length >= goal {
                        reached = Some(measure.add(a, goal - counted)?);
                        break;
                    }
                    counted += length;
                }
                match reached {
                    Some(d) => d,
                    None => measure.add(open_from, goal - counted)?,
                }
            }
        };
        let original_deadline = negotiated.map_or_else(|| measure.add(start, goal), Ok)?;
        let breached = match negotiated {
            Some(d) => end > d,
            None => elapsed > goal,
        };
        let status = match (&cycle.phase, breached) {
            (Phase::NotStarted, _) => Status::NotStarted,
            (Phase::Cancelled { .. }, _) => Status::Cancelled,
            (_, true) => Status::Breached,
            (Phase::Running { .. }, false) => Status::Running,
            (Phase::Paused { .. }, false) => Status::Paused,
            (Phase::Stopped { .. }, false) => Status::Met,
        };
        let next_wakeup = match (status, negotiated) {
            (Status::Running, Some(d)) => Some(d + 1),
            (Status::Running, None) => Some(measure.add(deadline, 1)?),
            _ => None,
        };
        let live = matches!(status, Status::Running | Status::Paused);
        Ok(CycleResult {
            metric: self.id.clone(),
            cycle: number,
            status,
            started_at: Some(from_millis(start)),
            stopped_at: stopped_at.map(from_millis),
            elapsed_ms: elapsed,
            elapsed_wall_ms: elapsed_wall,
            paused_ms: paused,
            paused_by_reason,
            goal_ms: goal,
            remaining_ms: (goal - elapsed).max(0),
            remaining_wall_ms: if live { (deadline - now).max(0) } else { 0 },
            percent: (goal > 0).then(|| elapsed as f64 * 100.0 / goal as f64),
            deadline: Some(from_millis(deadline)),
            original_deadline: Some(from_millis(original_deadline)),
            deadline_next_opening: Some(from_millis(if measure.wall {
                deadline
            } else {
                to_millis(calendar.next_opening(from_millis(deadline))?)?
            })),
            breached_at: breached.then(|| from_millis(deadline)),
            overrun_ms: if negotiated.is_some() {
                0
            } else {
                (elapsed - goal).max(0)
            },
            next_wakeup: next_wakeup.map(from_millis),
            explanation: explain(calendar, measure.wall, &runs, &pauses)?,
        })
    }
}

fn negotiated_deadline(field: &str, fields: &Fields) -> Result<Millis> {
    let text = fields.get(field).and_then(Value::as_str).ok_or_else(|| {
        Error::invalid_argument(field, "the negotiated date field holds no RFC 3339 instant")
    })?;
    to_millis(crate::timeline::parse_instant(field, text)?)
}

fn explain(
    calendar: &Calendar,
    wall: bool,
    runs: &[(Millis, Millis)],
    pauses: &[(Millis, Millis, String)],
) -> Result<Vec<Segment>> {
    let mut out = Vec::new();
    for &(a, b) in runs {
        if wall {
            out.push(Segment {
                kind: SegmentKind::Counted,
                from: from_millis(a),
                to: from_millis(b),
                reason: None,
            });
            continue;
        }
        let mut cursor = a;
        for interval in calendar.working_intervals(from_millis(a), from_millis(b))? {
            let (s, e) = (to_millis(interval.start)?, to_millis(interval.end)?);
            if s > cursor {
                out.push(Segment {
                    kind: SegmentKind::OutsideHours,
                    from: from_millis(cursor),
                    to: from_millis(s),
                    reason: None,
                });
            }
            out.push(Segment {
                kind: SegmentKind::Counted,
                from: from_millis(s),
                to: from_millis(e),
                reason: None,
            });
            cursor = e;
        }
        if cursor < b {
            out.push(Segment {
                kind: SegmentKind::OutsideHours,
                from: from_millis(cursor),
                to: from_millis(b),
                reason: None,
            });
        }
    }
    for (a, b, reason) in pauses {
        out.push(Segment {
            kind: SegmentKind::Paused,
            from: from_millis(*a),
            to: from_millis(*b),
            reason: Some(reason.clone()),
        });
    }
    out.sort_by_key(|s| s.from);
    out.retain(|s| s.from < s.to);
    Ok(out)
}
