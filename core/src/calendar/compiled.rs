//! A calendar compiled over a span of UTC time: sorted, merged working intervals
//! with prefix sums, a per-day index into them, and the working days of the
//! calendar's zone.
//!
//! Every query is a lookup in these arrays: the day index finds the interval at an
//! instant in O(1), prefix sums turn business duration into a subtraction, and a
//! galloping search over the prefix sums finds a due date in O(log n).

use chrono::{Datelike, NaiveDate};
use chrono_tz::Tz;

use super::days::{DayRules, time_ms};
use super::spec::{CalendarSpec, SetOperation};
use super::zone::ZoneSpan;
use crate::time::{DAY_MS, Millis, Span, difference, intersection, push_merged, union};

/// A local date with working time, and the instant its last window closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct WorkingDay {
    /// Days since 1970-01-01 in the calendar's zone.
    pub(crate) day: i64,
    pub(crate) close: Millis,
}

#[derive(Debug, Default)]
pub(crate) struct Compiled {
    /// The covered span `[lo, hi)`; intervals are clipped to it.
    pub(crate) lo: Millis,
    pub(crate) hi: Millis,
    starts: Vec<Millis>,
    ends: Vec<Millis>,
    /// `cum[i]` is the working time before interval `i`; `cum[n]` the total.
    cum: Vec<Millis>,
    /// `by_day[k]`: the first interval not ended by `lo + k` days.
    by_day: Vec<u32>,
    pub(crate) zone: ZoneSpan,
    /// Working days whose whole local day lies in the span, in order.
    pub(crate) days: Vec<WorkingDay>,
    /// Local day numbers whose whole day lies in the span.
    pub(crate) first_day: i64,
    pub(crate) last_day: i64,
}

/// Working intervals of `spec` within `[lo, hi)`, sorted and merged.
pub(crate) fn intervals(spec: &CalendarSpec, lo: Millis, hi: Millis) -> Vec<Span> {
    match spec {
        CalendarSpec::Plain(plain) => {
            let zone = ZoneSpan::new(plain.time_zone, lo, hi);
            let year = |ms: Millis| local_date(ms.div_euclid(DAY_MS)).year();
            // A year either side: an observed date or an Easter offset can move a
            // holiday across New Year.
            let rules = DayRules::new(plain, year(lo - DAY_MS) - 1, year(hi + DAY_MS) + 1);
            let mut out: Vec<Span> = Vec::new();
            for seg in zone.segments() {
                let (local_lo, local_hi) = (seg.start + seg.offset, seg.end + seg.offset);
                let mut day = local_lo.div_euclid(DAY_MS);
                while day * DAY_MS < local_hi {
                    let midnight = day * DAY_MS;
                    for w in rules.windows(local_date(day)) {
                        let start = (midnight + time_ms(w.start)).max(local_lo);
                        let end = (midnight + time_ms(w.end)).min(local_hi);
                        if start < end {
                            push_merged(&mut out, (start - seg.offset, end - seg.offset));
                        }
                    }
                    day += 1;
                }
            }
            out
        }
        CalendarSpec::Composite(c) => {
            let mut members = c.members.iter().map(|m| intervals(m, lo, hi));
            let first = members.next().unwrap_or_default();
            members.fold(first, |acc, next| match c.operation {
                SetOperation::Union => union(&acc, &next),
                SetOperation::Intersection => intersection(&acc, &next),
                SetOperation::Difference => difference(&acc, &next),
            })
        }
    }
}

pub(crate) fn local_date(day: i64) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt((day + 719_163) as i32).unwrap_or(NaiveDate::MIN)
}

impl Compiled {
    pub(crate) fn new(spec: &CalendarSpec, day_zone: Tz, lo: Millis, hi: Millis) -> Compiled {
        let spans = intervals(spec, lo, hi);
        let mut starts = Vec::with_capacity(spans.len());
        let mut ends = Vec::with_capacity(spans.len());
        let mut cum = Vec::with_capacity(spans.len() + 1);
        let mut total = 0;
        for (s, e) in spans {
            starts.push(s);
            ends.push(e);
            cum.push(total);
            total += e - s;
        }
        cum.push(total);
        let bucket_count = (hi - lo).div_euclid(DAY_MS) + 2;
        let mut by_day = Vec::with_capacity(bucket_count as usize);
        let mut i = 0usize;
        for k in 0..bucket_count {
            let at = lo + k * DAY_MS;
            while i < ends.len() && ends[i] <= at {
                i += 1;
            }
            by_day.push(i as u32);
        }
        // Day boundaries need local midnights just outside the span.
        let zone = ZoneSpan::new(day_zone, lo - 2 * DAY_MS, hi + 2 * DAY_MS);
        let mut compiled = Compiled {
            lo,
            hi,
            starts,
            ends,
            cum,
            by_day,
            zone,
            days: Vec::new(),
            first_day: 0,
            last_day: -1,
        };
        compiled.index_days();
        compiled
    }

    fn index_days(&mut self) {
        let day_start = |day: i64| self.zone.first_instant_at_or_after(day * DAY_MS);
        let mut day = self.zone.local(self.lo).div_euclid(DAY_MS);
        while day_start(day) < self.lo {
            day += 1;
        }
        self.first_day = day;
        let mut days = Vec::new();
        loop {
            let (start, end) = (day_start(day), day_start(day + 1));
            if end > self.hi {
                break;
            }
            if self.worked(start) < self.worked(end) {
                let last = self.starts.partition_point(|&s| s < end) - 1;
                days.push(WorkingDay {
                    day,
                    close: self.ends[last].min(end),
                });
            }
            day += 1;
        }
        self.last_day = day - 1;
        self.days = days;
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len()
    }

    pub(crate) fn covers(&self, lo: Millis, hi: Millis) -> bool {
        self.lo <= lo && hi <= self.hi && self.lo < self.hi
    }

    /// Index of the first interval that has not ended at `t` (`lo <= t <= hi`).
    fn interval_at(&self, t: Millis) -> usize {
        let mut i = self.by_day[((t - self.lo) / DAY_MS) as usize] as usize;
        while i < self.ends.len() && self.ends[i] <= t {
            i += 1;
        }
        i
    }

    /// Working time from `lo` to `t` (`lo <= t <= hi`).
    pub(crate) fn worked(&self, t: Millis) -> Millis {
        let i = self.interval_at(t);
        match self.starts.get(i) {
            Some(&start) if start < t => self.cum[i] + (t - start),
            _ => self.cum[i],
        }
    }

    pub(crate) fn total(&self) -> Millis {
        self.cum[self.len()]
    }

    pub(crate) fn is_working(&self, t: Millis) -> bool {
        let i = self.interval_at(t);
        i < self.len() && self.starts[i] <= t
    }

    /// The earliest instant at which `d > 0` of working time has elapsed since
    /// `t`, or `None` when that lies past the span.
    pub(crate) fn add(&self, t: Millis, d: Millis) -> Option<Millis> {
        let first = self.interval_at(t);
        let worked = match self.starts.get(first) {
            Some(&start) if start < t => self.cum[first] + (t - start),
            _ => self.cum[first],
        };
        let target = worked.checked_add(d)?;
        if target > self.total() {
            return None;
        }
        let i = gallop(first, self.len(), |k| self.cum[k + 1] < target);
        Some(self.starts[i] + (target - self.cum[i]))
    }

    /// The latest instant from which `d > 0` of working time runs until `t`, or
    /// `None` when that lies before the span.
    pub(crate) fn subtract(&self, t: Millis, d: Millis) -> Option<Millis> {
        let target = self.worked(t) - d;
        if target < 0 {
            return None;
        }
        let upper = self.interval_at(t).min(self.len() - 1);
        let i = gallop_back(upper, |k| self.cum[k] <= target);
        Some(self.starts[i] + (target - self.cum[i]))
    }

    /// The first working instant at or after `t`: `t` itself when working.
    pub(crate) fn working_at_or_after(&self, t: Millis) -> Option<Millis> {
        let i = self.interval_at(t);
        self.starts.get(i).map(|&s| s.max(t))
    }

    /// The start of the first working interval in the span.
    pub(crate) fn first_opening(&self) -> Option<Millis> {
        self.starts.first().copied()
    }

    /// The end of the last working interval in the span.
    pub(crate) fn last_closing(&self) -> Option<Millis> {
        self.ends.last().copied()
    }

    /// The end of the working interval that contains `t`, or of the next one.
    pub(crate) fn closing_after(&self, t: Millis) -> Option<Millis> {
        self.ends.get(self.interval_at(t)).copied()
    }

    /// The working intervals clipped to `[a, b)`.
    pub(crate) fn between(&self, a: Millis, b: Millis) -> Vec<Span> {
        let mut out = Vec::new();
        let mut i = self.interval_at(a);
        while i < self.len() && self.starts[i] < b {
            let clipped = (self.starts[i].max(a), self.ends[i].min(b));
            if clipped.0 < clipped.1 {
                out.push(clipped);
            }
            i += 1;
        }
        out
    }
}

/// The smallest `k` in `from..end` where `before(k)` is false (`before` holds
/// for a prefix), probing 1, 2, 4 ... steps ahead first: due dates lie close to
/// their start.
fn gallop(from: usize, end: usize, before: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi, mut step) = (from, from, 1);
    while hi < end && before(hi) {
        lo = hi + 1;
        hi += step;
        step *= 2;
    }
    hi = hi.min(end);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if before(mid) { lo = mid + 1 } else { hi = mid }
    }
    lo
}

/// The largest `k <= from` where `at_or_before(k)` holds (it holds for `k = 0`).
fn gallop_back(from: usize, at_or_before: impl Fn(usize) -> bool) -> usize {
    let mut hi = from;
    let mut step = 1;
    let lo = loop {
        if at_or_before(hi) {
            return hi;
        }
        let probe = hi.saturating_sub(step);
        if probe == 0 || at_or_before(probe) {
            break probe;
        }
        hi = probe;
        step *= 2;
    };
    // at_or_before(lo) holds, at_or_before(hi) fails.
    let (mut a, mut b) = (lo, hi);
    while b - a > 1 {
        let mid = a + (b - a) / 2;
        if at_or_before(mid) { a = mid } else { b = mid }
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gallop_finds_the_first_false() {
        let v = [1, 3, 5, 7, 9, 11, 13];
        for target in 0..15 {
            let expected = v.partition_point(|&x| x < target);
            assert_eq!(
                gallop(0, v.len(), |k| v[k] < target),
                expected,
                "target {target}"
            );
        }
        assert_eq!(gallop(3, v.len(), |k| v[k] < 8), 4);
    }

    #[test]
    fn gallop_back_finds_the_last_true() {
        let v = [0, 3, 5, 7, 9, 11, 13];
        for target in 0..15 {
            for from in 0..v.len() {
                let expected = v[..=from].iter().rposition(|&x| x <= target).unwrap();
                assert_eq!(
                    gallop_back(from, |k| v[k] <= target),
                    expected,
                    "target {target} from {from}"
                );
            }
        }
    }
}
