//! The shared vocabulary of time: instants at millisecond precision and their one
//! canonical text form.
//!
//! Every computation in the core works on integer milliseconds since the Unix
//! epoch, UTC, with half-open intervals. Public functions take and return
//! [`chrono::DateTime<Utc>`]; sub-millisecond parts of an input are truncated
//! (towards the past), so every result is a whole millisecond.
//!
//! This module owns instants only; events, states and actors join it when the
//! record and SLA modules need them.

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
            instant: DateTime::<Utc>::from_timestamp_millis(ms)
                .map(format_instant)
                .unwrap_or_else(|| format!("{ms} ms since the epoch")),
            min: MIN_INSTANT,
            max: MAX_INSTANT,
        })
    }
}

/// Milliseconds back to an instant. Every `Millis` the core produces lies in the
/// supported range, far inside chrono's.
pub(crate) fn from_millis(ms: Millis) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::MIN_UTC)
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
