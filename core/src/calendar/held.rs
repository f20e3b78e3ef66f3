//! A compiled span that a caller holds: cumulative business time `B(t)` and its
//! inverse on integer milliseconds, for loops that ask a calendar many
//! questions about the same stretch of time (a batch of tickets, a column of
//! timestamps). The span never grows: a question outside it answers `None`,
//! and the caller asks the [`Calendar`] itself, which grows its span and
//! applies the horizon rule.

use std::sync::Arc;

use chrono::{DateTime, Utc};

use super::check_order;
use super::compiled::Compiled;
use super::{Calendar, HORIZON_MS};
use crate::error::Result;
use crate::time::{Millis, check_range, to_millis};

/// A calendar's working time over `[start, end]`, held by the caller so that a
/// query is a lookup in arrays, with no shared state touched. Instants and
/// durations are integer milliseconds (since the Unix epoch, UTC).
///
/// `elapsed_ms(t)` is `B(t)`: the working time from the span's start to `t`.
/// The business duration between two instants is `B(b) - B(a)`, and a due date
/// is `instant_ms(B(t) + d)`. Every method answers `None` outside the span.
///
/// # Example
/// ```
/// use chrono::{TimeZone, Utc};
/// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}}"#).unwrap();
/// let (from, to) = (Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap(), Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap());
/// let span = c.span(from, to).unwrap();
/// let mon_0900 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap().timestamp_millis();
/// let tue_1000 = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap().timestamp_millis();
/// let hour = 3_600_000;
/// assert_eq!(span.duration_ms(mon_0900, tue_1000), Some(9 * hour));
/// // The inverse: the instant at which 8 h from Monday 09:00 have elapsed.
/// let b = span.elapsed_ms(mon_0900).unwrap() + 8 * hour;
/// assert_eq!(span.instant_ms(b), Some(mon_0900 + 8 * hour));
/// assert_eq!(span.add_ms(mon_0900, 8 * hour), Some(mon_0900 + 8 * hour));
/// // The span covers at least what was asked; outside it there is no answer.
/// assert!(span.start_ms() <= from.timestamp_millis() && to.timestamp_millis() <= span.end_ms());
/// assert_eq!(span.elapsed_ms(span.end_ms() + 1), None);
/// ```
#[derive(Clone)]
pub struct BusinessSpan {
    compiled: Arc<Compiled>,
}

impl std::fmt::Debug for BusinessSpan {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BusinessSpan")
            .field("start_ms", &self.compiled.lo)
            .field("end_ms", &self.compiled.hi)
            .field("intervals", &self.compiled.len())
            .finish()
    }
}

impl Calendar {
    /// A span covering at least `[from, to]` that the caller holds.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) when `to` is
    /// before `from`; [`Error::OutOfRange`](crate::Error::OutOfRange) outside
    /// the supported range.
    pub fn span(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<BusinessSpan> {
        self.span_ms(to_millis(from)?, to_millis(to)?)
    }

    /// [`Calendar::span`] on milliseconds since the Unix epoch.
    ///
    /// # Errors
    /// As [`Calendar::span`].
    pub fn span_ms(&self, from: Millis, to: Millis) -> Result<BusinessSpan> {
        check_range(from)?;
        check_range(to)?;
        check_order(from, to)?;
        Ok(BusinessSpan {
            compiled: self.covering(from, to).clone(),
        })
    }

    /// The span compiled so far, whatever it covers (possibly nothing).
    pub(crate) fn held(&self) -> BusinessSpan {
        BusinessSpan {
            compiled: self.inner.compiled.load_full(),
        }
    }
}

impl BusinessSpan {
    /// The first instant covered.
    pub fn start_ms(&self) -> Millis {
        self.compiled.lo
    }

    /// The last instant covered.
    pub fn end_ms(&self) -> Millis {
        self.compiled.hi
    }

    fn covers(&self, t: Millis) -> bool {
        self.compiled.covers(t, t)
    }

    /// `B(t)`: the working time from the span's start to `t`.
    pub fn elapsed_ms(&self, t: Millis) -> Option<Millis> {
        self.covers(t).then(|| self.compiled.worked(t))
    }

    /// The inverse of `B`: the earliest instant at which `b` of working time has
    /// elapsed since the span's start (`b = 0` gives the span's start).
    pub fn instant_ms(&self, b: Millis) -> Option<Millis> {
        match b {
            0 => Some(self.compiled.lo),
            b if b < 0 => None,
            b => self.compiled.add(self.compiled.lo, b),
        }
    }

    /// The working time in `[a, b]`; `None` when `b < a` or either lies outside.
    pub fn duration_ms(&self, a: Millis, b: Millis) -> Option<Millis> {
        (a <= b && self.covers(a) && self.covers(b))
            .then(|| self.compiled.worked(b) - self.compiled.worked(a))
    }

    /// The due date: the earliest instant at which `d >= 0` of working time has
    /// elapsed since `t` (`t` itself for zero), as [`Calendar::add_business`]
    /// answers it; `None` when it lies outside the span or past the calendar's
    /// search horizon.
    pub fn add_ms(&self, t: Millis, d: Millis) -> Option<Millis> {
        if !self.covers(t) || d < 0 {
            return None;
        }
        if d == 0 {
            return Some(t);
        }
        self.compiled
            .add(t, d)
            .filter(|&due| due <= t.saturating_add(HORIZON_MS))
    }

    /// The first working instant at or after `t` (`t` itself when working), as
    /// [`Calendar::next_opening`] answers it; `None` outside the span.
    pub fn next_opening_ms(&self, t: Millis) -> Option<Millis> {
        if !self.covers(t) {
            return None;
        }
        self.compiled
            .working_at_or_after(t)
            .filter(|&opening| opening < self.compiled.hi && opening <= t + HORIZON_MS)
    }

    /// Whether `t` is working time; `None` outside the span.
    pub fn is_working_ms(&self, t: Millis) -> Option<bool> {
        self.covers(t).then(|| self.compiled.is_working(t))
    }
}
