//! A time zone over a span of UTC time as segments of constant offset, and the one
//! place where local wall times are resolved to instants.
//!
//! chrono-tz answers "which offset at this instant" but not "where are the
//! transitions", so the transitions of a span are found by sampling the offset
//! every few hours and bisecting each change to the second. Zones change offsets
//! months apart; two changes closer than the sampling step would be missed, and
//! none is known in the tz database.
//!
//! Resolution policy for a local wall time (used where a wall time is kept, as in
//! "same time of day, three working days later"):
//! - repeated (the hour after a fall-back): the earlier instant;
//! - skipped (a spring-forward gap, or Pacific/Apia's missing 30 Dec 2011): shifted
//!   forward by the length of the gap, as Java's `ZonedDateTime` and Python's
//!   `zoneinfo` with `fold=0` do.
//!
//! Day boundaries are different: a local day starts at the first instant whose
//! local date is that day, so a skipped midnight starts the day at the transition.

use chrono::{NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;

use crate::time::{HOUR_MS, Millis};

const SAMPLE_STEP: Millis = 6 * HOUR_MS;

/// UTC instants `[start, end)` during which local time is UTC + `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub(crate) start: Millis,
    pub(crate) end: Millis,
    pub(crate) offset: Millis,
}

impl Segment {
    fn local_end(&self) -> Millis {
        self.end + self.offset
    }
}

/// The offset segments of a zone covering `[lo, hi)`, in order.
#[derive(Debug, Clone, Default)]
pub(crate) struct ZoneSpan {
    segments: Vec<Segment>,
}

fn offset_at(zone: Tz, instant: Millis) -> Millis {
    let utc = chrono::DateTime::<chrono::Utc>::from_timestamp_millis(instant)
        .map(|t| t.naive_utc())
        .unwrap_or(NaiveDateTime::MIN);
    i64::from(zone.offset_from_utc_datetime(&utc).fix().local_minus_utc()) * 1000
}

impl ZoneSpan {
    pub(crate) fn new(zone: Tz, lo: Millis, hi: Millis) -> ZoneSpan {
        let mut segments = Vec::new();
        let mut start = lo;
        let mut offset = offset_at(zone, lo);
        let mut probe = lo;
        while probe < hi {
            let next = (probe + SAMPLE_STEP).min(hi);
            let next_offset = offset_at(zone, next);
            if next_offset != offset {
                // Bisect to the first whole second carrying the new offset.
                let (mut before, mut after) = (probe / 1000, next.div_euclid(1000) + 1);
                while after - before > 1 {
                    let mid = before + (after - before) / 2;
                    if offset_at(zone, mid * 1000) == offset {
                        before = mid;
                    } else {
                        after = mid;
                    }
                }
                let transition = after * 1000;
                segments.push(Segment {
                    start,
                    end: transition,
                    offset,
                });
                start = transition;
                offset = offset_at(zone, transition);
            }
            probe = next;
        }
        segments.push(Segment {
            start,
            end: hi,
            offset,
        });
        ZoneSpan { segments }
    }

    pub(crate) fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// Index of the first segment whose local range ends after `local`. Local
    /// ends grow with the index because offsets change by hours and segments last
    /// for months.
    fn first_ending_after(&self, local: Millis) -> usize {
        self.segments
            .partition_point(|s| s.local_end() <= local)
            .min(self.segments.len().saturating_sub(1))
    }

    /// The offset in force at `instant`.
    pub(crate) fn offset(&self, instant: Millis) -> Millis {
        let i = self.segments.partition_point(|s| s.end <= instant);
        self.segments[i.min(self.segments.len() - 1)].offset
    }

    /// Local wall time, as milliseconds since 1970-01-01T00:00 local, of `instant`.
    pub(crate) fn local(&self, instant: Millis) -> Millis {
        instant + self.offset(instant)
    }

    /// The first instant whose local time is at or after `local`.
    pub(crate) fn first_instant_at_or_after(&self, local: Millis) -> Millis {
        let s = self.segments[self.first_ending_after(local)];
        (local - s.offset).max(s.start)
    }

    /// The instant of a local wall time under the module's resolution policy.
    pub(crate) fn resolve_wall(&self, local: Millis) -> Millis {
        let i = self.first_ending_after(local);
        let s = self.segments[i];
        let instant = local - s.offset;
        if instant >= s.start || i == 0 {
            instant
        } else {
            local - self.segments[i - 1].offset
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn ms(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> Millis {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0)
            .unwrap()
            .timestamp_millis()
    }

    #[test]
    fn berlin_2026_has_two_transitions_to_the_second() {
        let span = ZoneSpan::new(
            chrono_tz::Europe::Berlin,
            ms(2026, 1, 1, 0, 0),
            ms(2027, 1, 1, 0, 0),
        );
        let s = span.segments();
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].end, ms(2026, 3, 29, 1, 0));
        assert_eq!(s[1].offset, 2 * HOUR_MS);
        assert_eq!(s[1].end, ms(2026, 10, 25, 1, 0));
    }

    #[test]
    fn skipped_wall_times_shift_forward_by_the_gap() {
        let span = ZoneSpan::new(
            chrono_tz::Europe::Berlin,
            ms(2026, 3, 1, 0, 0),
            ms(2026, 4, 1, 0, 0),
        );
        // 02:30 local does not exist on 2026-03-29; it becomes 03:30 CEST = 01:30 UTC.
        let local = ms(2026, 3, 29, 2, 30);
        assert_eq!(span.resolve_wall(local), ms(2026, 3, 29, 1, 30));
        // The day boundary view: the first instant at or after 02:30 is the transition.
        assert_eq!(span.first_instant_at_or_after(local), ms(2026, 3, 29, 1, 0));
    }

    #[test]
    fn repeated_wall_times_take_the_earlier_instant() {
        let span = ZoneSpan::new(
            chrono_tz::Europe::Berlin,
            ms(2026, 10, 1, 0, 0),
            ms(2026, 11, 1, 0, 0),
        );
        // 02:30 happens twice on 2026-10-25: 00:30 UTC (CEST) and 01:30 UTC (CET).
        assert_eq!(
            span.resolve_wall(ms(2026, 10, 25, 2, 30)),
            ms(2026, 10, 25, 0, 30)
        );
    }

    #[test]
    fn apia_skips_the_whole_of_30_december_2011() {
        let span = ZoneSpan::new(
            chrono_tz::Pacific::Apia,
            ms(2011, 12, 1, 0, 0),
            ms(2012, 1, 31, 0, 0),
        );
        let start_30 = span.first_instant_at_or_after(ms(2011, 12, 30, 0, 0));
        let start_31 = span.first_instant_at_or_after(ms(2011, 12, 31, 0, 0));
        assert_eq!(start_30, start_31);
        assert_eq!(start_31, ms(2011, 12, 30, 10, 0));
    }
}
