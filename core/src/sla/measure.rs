//! How a clock measures time: wall time, or business time in its calendar,
//! asked of a span held for a whole evaluation (or a whole batch) and asked of
//! the calendar itself only when an answer lies outside that span.

use std::collections::BTreeMap;

use super::definition::Metric;
use crate::calendar::{BusinessSpan, Calendar};
use crate::error::Result;
use crate::time::{Millis, from_millis, to_millis};

/// The spans of a policy set's calendars, held for one evaluation or batch.
pub(crate) struct Held<'s> {
    calendars: BTreeMap<&'s str, (&'s Calendar, BusinessSpan)>,
    always: (&'s Calendar, BusinessSpan),
}

impl<'s> Held<'s> {
    /// Holds what each calendar has compiled, first making sure it covers
    /// `[from, to]` when that range is given (a batch's creations to its `now`).
    pub(crate) fn new(
        calendars: &'s BTreeMap<String, Calendar>,
        always: &'s Calendar,
        range: Option<(Millis, Millis)>,
    ) -> Held<'s> {
        let hold = |c: &'s Calendar| {
            let span = range
                .and_then(|(from, to)| c.span_ms(from, to).ok())
                .unwrap_or_else(|| c.held());
            (c, span)
        };
        Held {
            calendars: calendars
                .iter()
                .map(|(id, c)| (id.as_str(), hold(c)))
                .collect(),
            always: hold(always),
        }
    }

    /// How `metric` measures time.
    pub(crate) fn measure(&self, metric: &Metric) -> Measure<'_> {
        let (calendar, span) = metric
            .calendar
            .as_deref()
            .and_then(|id| self.calendars.get(id))
            .unwrap_or(&self.always);
        Measure::new(calendar, span, metric.goal.is_wall())
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
