//! The span engine of a calendar: the compiled working intervals of a span of
//! years, grown on demand behind a lock-free pointer, and the one search loop
//! that grows the span until a query's answer lies inside it or the horizon
//! rule decides there is none. The calendar's public operations are in
//! `mod.rs`; the compiled form itself is in `compiled.rs`.

use std::sync::Arc;

use super::compiled::Compiled;
use super::{Calendar, HORIZON_MS, YEAR_MS, beyond_range, no_working_time};
use crate::error::{Error, Result};
use crate::time::{MAX_MS, MIN_MS, Millis};

/// An answer that may be an instant, checked against the search horizon.
pub(super) trait Answer {
    fn instant(&self) -> Option<Millis>;
}

impl Answer for Millis {
    fn instant(&self) -> Option<Millis> {
        Some(*self)
    }
}

impl Answer for Option<Millis> {
    fn instant(&self) -> Option<Millis> {
        *self
    }
}

/// What a query over a compiled span concluded.
pub(super) enum Step<T> {
    Done(T),
    /// The answer lies after the compiled span.
    Later,
    /// The answer lies before the compiled span.
    Earlier,
}

impl Calendar {
    /// A compiled span covering `[lo, hi]`, compiling or growing it if needed.
    pub(super) fn covering(&self, lo: Millis, hi: Millis) -> arc_swap::Guard<Arc<Compiled>> {
        let current = self.inner.compiled.load();
        if current.covers(lo, hi) {
            return current;
        }
        drop(current);
        let _grow = self
            .inner
            .grow
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let current = self.inner.compiled.load();
        if current.covers(lo, hi) {
            return current;
        }
        let (mut new_lo, mut new_hi) = (lo - YEAR_MS, hi + 2 * YEAR_MS);
        if current.lo < current.hi {
            new_lo = new_lo.min(current.lo);
            new_hi = new_hi.max(current.hi);
        }
        self.install(new_lo, new_hi)
    }

    fn install(&self, lo: Millis, hi: Millis) -> arc_swap::Guard<Arc<Compiled>> {
        let (lo, hi) = (lo.max(MIN_MS), hi.min(MAX_MS));
        let compiled = Compiled::new(&self.inner.spec, self.inner.day_zone, lo, hi);
        self.inner.compiled.store(Arc::new(compiled));
        self.inner.compiled.load()
    }

    /// Runs `query` on a span covering `[lo, hi]`, growing the span while the
    /// answer lies beyond it, up to the supported range.
    ///
    /// The horizon rule does not depend on what happens to be compiled: a search
    /// fails with [`Error::NoWorkingTime`] exactly when its answer lies more than
    /// [`HORIZON_YEARS`](super::HORIZON_YEARS) from `anchor` and the calendar has no working time in the
    /// horizon on that side of `anchor`, or when it has no answer in the
    /// supported range because the calendar's working time ends (see
    /// [`Calendar::exhausted`]).
    pub(super) fn query<T: Answer>(
        &self,
        anchor: Millis,
        lo: Millis,
        hi: Millis,
        query: impl Fn(&Compiled) -> Step<T>,
    ) -> Result<T> {
        let mut compiled = self.covering(lo, hi);
        loop {
            let (span_lo, span_hi) = (compiled.lo, compiled.hi);
            let idle_after =
                |c: &Compiled| c.worked((anchor + HORIZON_MS).min(c.hi)) == c.worked(anchor);
            let idle_before =
                |c: &Compiled| c.worked((anchor - HORIZON_MS).max(c.lo)) == c.worked(anchor);
            match query(&compiled) {
                Step::Done(answer) => {
                    return match answer.instant() {
                        Some(t) if t > anchor + HORIZON_MS && idle_after(&compiled) => {
                            Err(no_working_time(anchor, "after"))
                        }
                        Some(t) if t < anchor - HORIZON_MS && idle_before(&compiled) => {
                            Err(no_working_time(anchor, "before"))
                        }
                        _ => Ok(answer),
                    };
                }
                Step::Later => {
                    if span_hi - anchor >= HORIZON_MS && idle_after(&compiled) {
                        return Err(no_working_time(anchor, "after"));
                    }
                    if span_hi >= MAX_MS {
                        return Err(self.exhausted(anchor, "after"));
                    }
                    let grown = span_hi + (span_hi - span_lo).max(YEAR_MS);
                    let _grow = self.inner.grow.lock().unwrap_or_else(|p| p.into_inner());
                    compiled = self.install(span_lo.min(self.inner.compiled.load().lo), grown);
                }
                Step::Earlier => {
                    if anchor - span_lo >= HORIZON_MS && idle_before(&compiled) {
                        return Err(no_working_time(anchor, "before"));
                    }
                    if span_lo <= MIN_MS {
                        return Err(self.exhausted(anchor, "before"));
                    }
                    let grown = span_lo - (span_hi - span_lo).max(YEAR_MS);
                    let _grow = self.inner.grow.lock().unwrap_or_else(|p| p.into_inner());
                    compiled = self.install(grown, span_hi.max(self.inner.compiled.load().hi));
                }
            }
        }
    }

    /// Why a search from `anchor` found no answer up to the end of the supported
    /// range in `direction`. When the calendar does not work in the range's last
    /// horizon, its working time has run out: more time or another working day
    /// exists nowhere, whatever the range, so that is a calendar without working
    /// time, named from its last working instant. Otherwise the answer merely lies
    /// past the range.
    fn exhausted(&self, anchor: Millis, direction: &'static str) -> Error {
        if direction == "after" {
            let edge = MAX_MS - HORIZON_MS;
            let c = self.covering(edge.min(anchor), MAX_MS);
            if c.worked(c.hi) == c.worked(edge) {
                let last = c.last_closing().map_or(anchor, |e| e.max(anchor));
                return no_working_time(last, direction);
            }
        } else {
            let edge = MIN_MS + HORIZON_MS;
            let c = self.covering(MIN_MS, edge.max(anchor));
            if c.worked(edge) == c.worked(c.lo) {
                let first = c.first_opening().map_or(anchor, |s| s.min(anchor));
                return no_working_time(first, direction);
            }
        }
        beyond_range()
    }
}
