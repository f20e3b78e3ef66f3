//! Time on the ground floor: instants at millisecond precision and their one
//! canonical text form, ISO 8601 durations, and sets of half-open intervals with
//! the sweeps that combine them.
//!
//! Every computation in the core works on integer milliseconds since the Unix
//! epoch, UTC, with half-open intervals. Public functions take and return
//! [`chrono::DateTime<Utc>`]; sub-millisecond parts of an input are truncated
//! (towards the past), so every result is a whole millisecond.
//!
//! This module owns instants, durations and interval sets; calendars, clocks,
//! availability and change windows all compute with them. Events live in
//! [`crate::timeline`].

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};

use crate::error::{Error, Result};

/// Milliseconds since 1970-01-01T00:00:00Z.
pub(crate) type Millis = i64;

/// One minute, hour and day in milliseconds.
pub(crate) const MINUTE_MS: Millis = 60_000;
pub(crate) const HOUR_MS: Millis = 60 * MINUTE_MS;
pub(crate) const DAY_MS: Millis = 24 * HOUR_MS;

/// First instant the core computes with: 1900-01-01T00:00:00Z.
pub const MIN_INSTANT: &str = "1900-01-01T00:00:00.000Z";
/// First instant past the range the core computes with: 2300-01-01T00:00:00Z.
pub const MAX_INSTANT: &str = "2300-01-01T00:00:00.000Z";
pub(crate) const MIN_MS: Millis = -2_208_988_800_000;
pub(crate) const MAX_MS: Millis = 10_413_792_000_000;

/// Converts an instant to milliseconds, refusing instants outside
/// [`MIN_INSTANT`]..[`MAX_INSTANT`].
pub(crate) fn to_millis(instant: DateTime<Utc>) -> Result<Millis> {
    let ms = instant.timestamp_millis();
    check_range(ms)?;
    Ok(ms)
}

pub(crate) fn check_range(ms: Millis) -> Result<()> {
    if (MIN_MS..=MAX_MS).contains(&ms) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            instant: DateTime::<Utc>::from_timestamp_millis(ms).map_or_else(
                || format!("instant {ms} ms since the epoch"),
                |t| format!("instant {}", format_instant(t)),
            ),
            min: MIN_INSTANT,
            max: MAX_INSTANT,
        })
    }
}

/// The instant `ms` milliseconds after 1970-01-01T00:00:00Z, for bindings whose
/// instants are numbers (a JavaScript `Date`'s time value).
///
/// # Errors
/// [`Error::OutOfRange`] outside [`MIN_INSTANT`]..[`MAX_INSTANT`].
///
/// # Example
/// ```
/// let t = itsm_core::instant_from_millis(1_795_435_200_000).unwrap();
/// assert_eq!(itsm_core::format_instant(t), "2026-11-23T12:00:00.000Z");
/// assert_eq!(itsm_core::instant_from_millis(8_640_000_000_000_000).unwrap_err().code(), "out_of_range");
/// ```
pub fn instant_from_millis(ms: i64) -> Result<DateTime<Utc>> {
    check_range(ms)?;
    Ok(from_millis(ms))
}

/// Milliseconds back to an instant. Every `Millis` the core produces lies in the
/// supported range, far inside chrono's.
pub(crate) fn from_millis(ms: Millis) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// Milliseconds as a duration; every `Millis` the core computes fits.
pub(crate) fn ms(ms: Millis) -> TimeDelta {
    TimeDelta::milliseconds(ms)
}

/// A duration in whole milliseconds, refusing negative ones.
pub(crate) fn duration_to_millis(name: &str, duration: TimeDelta) -> Result<Millis> {
    if duration < TimeDelta::zero() {
        return Err(Error::invalid_argument(name, "must not be negative"));
    }
    Ok(duration.num_milliseconds())
}

/// The canonical text of an instant: RFC 3339 in UTC with exactly three
/// fractional digits, as JavaScript's `Date.prototype.toISOString` writes it.
/// Every binding and every conformance vector uses this form, so results compare
/// byte for byte across languages.
///
/// # Example
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
/// assert_eq!(itsm_core::format_instant(t), "2026-03-29T01:00:00.000Z");
/// ```
pub fn format_instant(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses an RFC 3339 instant with any offset (`Z`, `+02:00`) into UTC.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `name` when the text is not RFC 3339 or
/// lacks an offset.
///
/// # Example
/// ```
/// let t = itsm_core::parse_instant("t", "2026-03-29T03:00:00+02:00").unwrap();
/// assert_eq!(itsm_core::format_instant(t), "2026-03-29T01:00:00.000Z");
/// assert!(itsm_core::parse_instant("t", "2026-03-29T03:00:00").is_err());
/// ```
pub fn parse_instant(name: &str, text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            Error::invalid_argument(
                name,
                format!("{text:?} is not an RFC 3339 instant with an offset ({e})"),
            )
        })
}

// ---------------------------------------------------------------------------
// Sets of intervals

/// A half-open interval `[start, end)` of UTC milliseconds.
pub(crate) type Span = (Millis, Millis);

/// Appends `span` to sorted, merged spans, merging it when it touches the last.
pub(crate) fn push_merged(out: &mut Vec<Span>, (start, end): Span) {
    match out.last_mut() {
        Some(last) if last.1 >= start => last.1 = last.1.max(end),
        _ => out.push((start, end)),
    }
}

/// The spans sorted and merged: touching or overlapping spans become one.
pub(crate) fn merged(mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    spans.into_iter().fold(Vec::new(), |mut acc, span| {
        push_merged(&mut acc, span);
        acc
    })
}

/// The spans in `a` or `b` (each sorted and merged), sorted and merged.
pub(crate) fn union(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut all: Vec<Span> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    let mut out = Vec::with_capacity(all.len());
    for span in all {
        push_merged(&mut out, span);
    }
    out
}

/// The spans in both `a` and `b` (each sorted and merged).
pub(crate) fn intersection(a: &[Span], b: &[Span]) -> Vec<Span> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let start = a[i].0.max(b[j].0);
        let end = a[i].1.min(b[j].1);
        if start < end {
            out.push((start, end));
        }
        if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    out
}

/// The spans in `a` and not in `b` (each sorted and merged).
pub(crate) fn difference(a: &[Span], b: &[Span]) -> Vec<Span> {
    let (mut j, mut out) = (0, Vec::new());
    for &(mut start, end) in a {
        while j < b.len() && b[j].1 <= start {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].0 < end {
            if b[k].0 > start {
                out.push((start, b[k].0));
            }
            start = start.max(b[k].1);
            k += 1;
        }
        if start < end {
            out.push((start, end));
        }
    }
    out
}

#[cfg(test)]
mod span_tests {
    use super::*;

    #[test]
    fn set_operations_on_sorted_spans() {
        let a = [(0, 10), (20, 30)];
        let b = [(5, 25)];
        assert_eq!(union(&a, &b), vec![(0, 30)]);
        assert_eq!(intersection(&a, &b), vec![(5, 10), (20, 25)]);
        assert_eq!(difference(&a, &b), vec![(0, 5), (25, 30)]);
        assert_eq!(
            difference(&[(0, 30)], &[(5, 10), (12, 14)]),
            vec![(0, 5), (10, 12), (14, 30)]
        );
        assert_eq!(difference(&[(0, 10)], &[]), vec![(0, 10)]);
        assert_eq!(intersection(&[(0, 10)], &[]), vec![]);
        assert_eq!(union(&[(0, 10)], &[(10, 20)]), vec![(0, 20)]);
    }
}

// ---------------------------------------------------------------------------
// Durations

/// The largest duration a document may give: a hundred years of hours.
pub(crate) const MAX_DURATION_MS: Millis = 100 * 366 * 24 * HOUR_MS;

/// Parses an ISO 8601 duration of hours, minutes and seconds (`PT8H`, `PT1H30M`,
/// `PT0.5S`), up to a hundred years of hours. Days are refused because a day is
/// ambiguous in a business calendar.
pub(crate) fn parse_duration(text: &str) -> std::result::Result<Millis, String> {
    match duration_parts(text) {
        Some(Some(ms)) if ms <= MAX_DURATION_MS => Ok(ms),
        Some(_) => Err(format!(
            "{text:?} is too large: a duration is at most {}",
            format_duration(MAX_DURATION_MS)
        )),
        None => {
            let hint = if text.contains('D') || text.contains('W') || text.contains('Y') {
                "; days are ambiguous: write PT24H for wall or business hours, or use a `working_days` goal"
            } else {
                ""
            };
            Err(format!(
                "expected an ISO 8601 duration such as \"PT4H\" or \"PT1H30M\", found {text:?}{hint}"
            ))
        }
    }
}

/// The milliseconds of a well-formed duration (`None` inside when it overflows),
/// or `None` when the text is not one.
fn duration_parts(text: &str) -> Option<Option<Millis>> {
    let rest = text.strip_prefix("PT")?;
    if rest.is_empty() {
        return None;
    }
    let (mut total, mut number, mut last_unit) = (Some(0i64), String::new(), 0);
    for c in rest.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let (rank, unit_ms) = match c {
            'H' => (1, HOUR_MS),
            'M' => (2, MINUTE_MS),
            'S' => (3, 1000),
            _ => return None,
        };
        if rank <= last_unit || number.is_empty() {
            return None;
        }
        last_unit = rank;
        let ms = if let Some((whole, frac)) = number.split_once('.') {
            // Fractions only on seconds, to whole milliseconds.
            if c != 'S'
                || frac.is_empty()
                || frac.len() > 3
                || whole.is_empty()
                || !frac.bytes().all(|b| b.is_ascii_digit())
            {
                return None;
            }
            let millis: i64 = format!("{frac:0<3}").parse().ok()?;
            whole_units(whole, 1000).and_then(|w| w.checked_add(millis))
        } else {
            whole_units(&number, unit_ms)
        };
        total = total.zip(ms).and_then(|(t, ms)| t.checked_add(ms));
        number.clear();
    }
    number.is_empty().then_some(total)
}

/// `digits` units of `unit_ms`, or `None` when it overflows (the digits are
/// known to be ASCII digits, possibly very many).
fn whole_units(digits: &str, unit_ms: Millis) -> Option<Millis> {
    digits.parse::<i64>().ok()?.checked_mul(unit_ms)
}

/// The canonical ISO 8601 text of a duration.
pub(crate) fn format_duration(ms: Millis) -> String {
    if ms == 0 {
        return "PT0S".into();
    }
    let (h, m, s, milli) = (
        ms / HOUR_MS,
        ms % HOUR_MS / MINUTE_MS,
        ms % MINUTE_MS / 1000,
        ms % 1000,
    );
    let mut out = String::from("PT");
    if h > 0 {
        out += &format!("{h}H");
    }
    if m > 0 {
        out += &format!("{m}M");
    }
    if milli > 0 {
        out += &format!("{s}.{milli:03}S");
    } else if s > 0 {
        out += &format!("{s}S");
    }
    out
}

#[cfg(test)]
mod duration_tests {
    use super::*;

    #[test]
    fn durations_parse_and_print() {
        assert_eq!(parse_duration("PT8H"), Ok(8 * HOUR_MS));
        assert_eq!(parse_duration("PT1H30M"), Ok(90 * MINUTE_MS));
        assert_eq!(parse_duration("PT0.5S"), Ok(500));
        assert_eq!(parse_duration("PT90M"), Ok(90 * MINUTE_MS));
        for bad in [
            "P1D",
            "PT",
            "8h",
            "PT1M1H",
            "PT1.5H",
            "PTH",
            "PT1H2",
            "PT0.0001S",
            "PT1.-5S",
        ] {
            assert!(
                parse_duration(bad)
                    .unwrap_err()
                    .starts_with("expected an ISO 8601"),
                "{bad}"
            );
        }
        assert_eq!(format_duration(90 * MINUTE_MS + 1500), "PT1H30M1.500S");
        assert_eq!(format_duration(0), "PT0S");
    }

    #[test]
    fn huge_durations_are_too_large_not_malformed() {
        assert_eq!(
            parse_duration("PT99999999999H").unwrap_err(),
            "\"PT99999999999H\" is too large: a duration is at most PT878400H"
        );
        assert!(
            parse_duration("PT878401H")
                .unwrap_err()
                .contains("too large")
        );
        assert_eq!(parse_duration("PT878400H"), Ok(878_400 * HOUR_MS));
        assert!(
            parse_duration("PT99999999999999999999999S")
                .unwrap_err()
                .contains("too large")
        );
    }
}
