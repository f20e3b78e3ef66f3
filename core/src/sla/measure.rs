//! How a clock measures time: wall time, or business time in its calendar,
//! asked of a span held for a whole evaluation (or a whole batch) and asked of
//! the calendar itself only when an answer lies outside that span.

use std::collections::BTreeMap;

use super::definition::Metric;
use crate::calendar::{BusinessSpan, Calendar};
use crate::error::Result;
use crate::time::{Millis, from_millis, to_millis};

/// The spans of a policy set's calendars, held for one evaluation or batch,
/// and how each of its metrics measures time.
pub(crate) struct Held<'s> {
    spans: Vec<(&'s Calendar, BusinessSpan)>,
    /// By policy, then metric: the index of its span, and whether it counts
    /// wall time. Resolved once, not per clock: a calendar is found by name
    /// and a goal table is wall time only if one of its goals is.
    metrics: Vec<Vec<(usize, bool)>>,
}

impl<'s> Held<'s> {
    /// Holds what each calendar has compiled, first making sure it covers
    /// `[from, to]` when that range is given (a batch's creations to its `now`).
    pub(crate) fn new(
        calendars: &'s BTreeMap<String, Calendar>,
        always: &'s Calendar,
        metrics: impl IntoIterator<Item = &'s [Metric]>,
        range: Option<(Millis, Millis)>,
    ) -> Held<'s> {
        let hold = |c: &'s Calendar| {
            let span = range
                .and_then(|(from, to)| c.span_ms(from, to).ok())
                .unwrap_or_else(|| c.held());
            (c, span)
        };
        // The calendars in id order, then the one of metrics that name none.
        let spans = calendars
            .values()
            .chain([always])
            .map(hold)
            .collect::<Vec<_>>();
        let slot = |metric: &Metric| {
            metric
                .calendar
                .as_deref()
                .and_then(|id| calendars.keys().position(|known| known == id))
                .unwrap_or(calendars.len())
        };
        let metrics = metrics
            .into_iter()
            .map(|list| list.iter().map(|m| (slot(m), m.goal.is_wall())).collect())
            .collect();
        Held { spans, metrics }
    }

    /// How metric `metric` of policy `policy` measures time.
    pub(crate) fn measure(&self, policy: usize, metric: usize) -> Measure<'_> {
        let (slot, wall) = self.metrics[policy][metric];
        let (calendar, span) = &self.spans[slot];
        Measure::new(calendar, span, wall)
    }
}

/// Wall time, or business time in a calendar.
#[derive(Clone, Copy)]
pub(crate) struct Measure<'h> {
    pub(crate) calendar: &'h Calendar,
    span: &'h BusinessSpan,
    pub(crate) wall: bool,
}

impl<'h> Measure<'h> {
    pub(crate) fn new(calendar: &'h Calendar, span: &'h BusinessSpan, wall: bool) -> Measure<'h> {
        Measure {
            calendar,
            span,
            wall,
        }
    }

    /// The time counted in `[a, b]`.
    pub(crate) fn length(&self, a: Millis, b: Millis) -> Result<Millis> {
        if self.wall {
            return Ok(b - a);
        }
        match self.span.duration_ms(a, b) {
            Some(d) => Ok(d),
            None => self.calendar.duration_ms(a, b),
        }
    }

    /// The earliest instant at which `d` has been counted since `a`.
    pub(crate) fn add(&self, a: Millis, d: Millis) -> Result<Millis> {
        if self.wall {
            return Ok(a + d);
        }
        match self.span.add_ms(a, d) {
            Some(t) => Ok(t),
            None => self.calendar.add_ms(a, d),
        }
    }

    /// The calendar's first working instant at or after `t`.
    pub(crate) fn next_opening(&self, t: Millis) -> Result<Millis> {
        match self.span.next_opening_ms(t) {
            Some(opening) => Ok(opening),
            None => to_millis(self.calendar.next_opening(from_millis(t))?),
        }
    }
}
