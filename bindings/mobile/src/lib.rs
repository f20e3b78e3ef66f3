//! Kotlin and Swift bindings of `itsm-core`, generated with uniffi.
//!
//! The surface mirrors [`itsm_core::Calendar`] with host types at the edges:
//!
//! | Rust (core) | across the boundary | Kotlin | Swift |
//! | --- | --- | --- | --- |
//! | `DateTime<Utc>` | [`SystemTime`] | `java.time.Instant` | `Date` |
//! | `TimeDelta` | [`Duration`] | `java.time.Duration` | `TimeInterval` |
//! | [`itsm_core::Error`] | [`ItsmError`] | sealed `ItsmException` | `ItsmError` enum |
//!
//! Instants and durations are computed at millisecond precision: any
//! sub-millisecond part of an input is truncated towards the past (an instant
//! 0.4 ms before the epoch counts as 1 ms before it), so every result is a whole
//! millisecond. Instants must lie within 1900-01-01 and 2300-01-01 UTC, as in the
//! core; others fail with `OutOfRange`.
//!
//! Every call returns a value or an [`ItsmError`]; nothing here panics.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, TimeDelta, Utc};
use itsm_core::Error as CoreError;

uniffi::setup_scaffolding!();

/// An error of the core, with its stable code and its message.
///
/// Each variant is one kind of core error; `code` is the core's machine-readable
/// code (`invalid_config`, `invalid_argument`, `no_working_time`,
/// `out_of_range`) and `detail` the core's message, passed through unchanged.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum ItsmError {
    /// A calendar document is malformed; `detail` starts with the path of the
    /// bad field, such as `week.tue[1]`.
    InvalidConfig {
        /// Always `invalid_config`.
        code: String,
        /// The core's message.
        detail: String,
    },
    /// An argument of a call is unacceptable (an end before its start).
    InvalidArgument {
        /// Always `invalid_argument`.
        code: String,
        /// The core's message.
        detail: String,
    },
    /// The calendar has no working time within the searched horizon.
    NoWorkingTime {
        /// Always `no_working_time`.
        code: String,
        /// The core's message.
        detail: String,
    },
    /// An instant lies outside the supported range (1900 to 2300).
    OutOfRange {
        /// Always `out_of_range`.
        code: String,
        /// The core's message.
        detail: String,
    },
}

impl ItsmError {
    /// The core's message.
    pub fn detail(&self) -> &str {
        match self {
            ItsmError::InvalidConfig { detail, .. }
            | ItsmError::InvalidArgument { detail, .. }
            | ItsmError::NoWorkingTime { detail, .. }
            | ItsmError::OutOfRange { detail, .. } => detail,
        }
    }

    /// The core's stable code.
    pub fn code(&self) -> &str {
        match self {
            ItsmError::InvalidConfig { code, .. }
            | ItsmError::InvalidArgument { code, .. }
            | ItsmError::NoWorkingTime { code, .. }
            | ItsmError::OutOfRange { code, .. } => code,
        }
    }
}

impl fmt::Display for ItsmError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.detail())
    }
}

impl std::error::Error for ItsmError {}

impl From<CoreError> for ItsmError {
    fn from(error: CoreError) -> Self {
        let code = error.code().to_owned();
        let detail = error.to_string();
        // One exhaustive match: a new core variant does not compile until it is
        // mapped here.
        match error {
            CoreError::InvalidConfig { .. } => ItsmError::InvalidConfig { code, detail },
            CoreError::InvalidArgument { .. } => ItsmError::InvalidArgument { code, detail },
            CoreError::NoWorkingTime { .. } => ItsmError::NoWorkingTime { code, detail },
            CoreError::OutOfRange { .. } => ItsmError::OutOfRange { code, detail },
        }
    }
}

/// The result type of every fallible call.
pub type Result<T, E = ItsmError> = std::result::Result<T, E>;

/// Where a working-day result lands within its day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
pub enum WorkingDayMode {
    /// The same local wall time as the start (a skipped wall time moves forward
    /// by the gap, a repeated one takes the earlier instant).
    KeepTimeOfDay,
    /// The closing instant of the day's last window.
    EndOfDay,
}

impl From<WorkingDayMode> for itsm_core::calendar::WorkingDayMode {
    fn from(mode: WorkingDayMode) -> Self {
        match mode {
            WorkingDayMode::KeepTimeOfDay => itsm_core::calendar::WorkingDayMode::KeepTimeOfDay,
            WorkingDayMode::EndOfDay => itsm_core::calendar::WorkingDayMode::EndOfDay,
        }
    }
}

/// A half-open interval of time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Interval {
    /// First instant inside.
    pub start: SystemTime,
    /// First instant after.
    pub end: SystemTime,
}

/// A business calendar, validated and ready for queries; safe to share between
/// threads.
///
/// Two calendars are equal when they were built from the same document.
#[derive(Debug, Clone, uniffi::Object)]
#[uniffi::export(Debug, Eq)]
pub struct Calendar {
    inner: itsm_core::Calendar,
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.inner == other.inner
    }
}

// The core compares calendars by their documents: a total equivalence.
impl Eq for Calendar {}

#[uniffi::export]
impl Calendar {
    /// Reads a calendar document from JSON text (see `docs/calendar-format.md`).
    ///
    /// # Errors
    /// [`ItsmError::InvalidConfig`] naming the path of the first bad field.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        Ok(Calendar {
            inner: itsm_core::Calendar::from_json(&json)?,
        })
    }

    /// Always open, in UTC: the calendar of wall-clock durations.
    #[uniffi::constructor]
    pub fn twenty_four_seven() -> Self {
        Calendar {
            inner: itsm_core::Calendar::twenty_four_seven(),
        }
    }

    /// The document as compact JSON text; [`Calendar::from_json`] reads it back.
    pub fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The IANA name of the zone whose local dates are days, such as
    /// `Europe/Berlin`.
    pub fn time_zone(&self) -> String {
        self.inner.time_zone().name().to_owned()
    }

    /// Business time between two instants: the working time in `[start, end)`.
    ///
    /// # Errors
    /// [`ItsmError::InvalidArgument`] when `end` is before `start`;
    /// [`ItsmError::OutOfRange`] outside 1900-2300.
    pub fn business_duration(&self, start: SystemTime, end: SystemTime) -> Result<Duration> {
        let worked = self
            .inner
            .business_duration(to_utc(start)?, to_utc(end)?)?;
        Ok(to_std_duration(worked))
    }

    /// The due date: the earliest instant at which `duration` of business time
    /// has elapsed since `start`.
    ///
    /// # Errors
    /// [`ItsmError::NoWorkingTime`] when the calendar has no working time within
    /// its horizon; [`ItsmError::OutOfRange`] outside 1900-2300.
    pub fn add_business(&self, start: SystemTime, duration: Duration) -> Result<SystemTime> {
        let due = self
            .inner
            .add_business(to_utc(start)?, to_time_delta(duration))?;
        to_system_time(due)
    }

    /// The latest instant from which `duration` of business time runs until
    /// `end`.
    ///
    /// # Errors
    /// As [`Calendar::add_business`], searching backwards.
    pub fn subtract_business(&self, end: SystemTime, duration: Duration) -> Result<SystemTime> {
        let from = self
            .inner
            .subtract_business(to_utc(end)?, to_time_delta(duration))?;
        to_system_time(from)
    }

    /// Adds `days` working days (negative: goes back), counted from the start's
    /// local date in the calendar's zone; `mode` says where in the day the
    /// result lands.
    ///
    /// # Errors
    /// As [`Calendar::add_business`].
    pub fn add_working_days(
        &self,
        start: SystemTime,
        days: i64,
        mode: WorkingDayMode,
    ) -> Result<SystemTime> {
        // No range of supported years holds this many days, so larger counts
        // end the same way (out of range) and stay clear of overflow.
        let days = days.clamp(-MAX_DAYS, MAX_DAYS);
        let result = self
            .inner
            .add_working_days(to_utc(start)?, days, mode.into())?;
        to_system_time(result)
    }

    /// Whether `at` is working time.
    ///
    /// # Errors
    /// [`ItsmError::OutOfRange`] outside 1900-2300.
    pub fn is_working(&self, at: SystemTime) -> Result<bool> {
        Ok(self.inner.is_working(to_utc(at)?)?)
    }

    /// The first working instant at or after `at`: `at` itself when the
    /// calendar is working then, otherwise the next opening.
    ///
    /// # Errors
    /// As [`Calendar::add_business`].
    pub fn next_opening(&self, at: SystemTime) -> Result<SystemTime> {
        to_system_time(self.inner.next_opening(to_utc(at)?)?)
    }

    /// When the working time that contains `at` ends, or, when the calendar is
    /// not working then, when the next working time ends; `null` (`nil`) when
    /// the calendar works without a break for its whole horizon (24x7).
    ///
    /// # Errors
    /// As [`Calendar::add_business`].
    pub fn next_closing(&self, at: SystemTime) -> Result<Option<SystemTime>> {
        self.inner
            .next_closing(to_utc(at)?)?
            .map(to_system_time)
            .transpose()
    }

    /// The working intervals within `[start, end)`, clipped to it, in order.
    ///
    /// # Errors
    /// As [`Calendar::business_duration`].
    pub fn working_intervals(&self, start: SystemTime, end: SystemTime) -> Result<Vec<Interval>> {
        self.inner
            .working_intervals(to_utc(start)?, to_utc(end)?)?
            .into_iter()
            .map(|interval| {
                Ok(Interval {
                    start: to_system_time(interval.start)?,
                    end: to_system_time(interval.end)?,
                })
            })
            .collect()
    }
}

/// The version of the IANA time zone database embedded in this build, such as
/// `2025b`.
#[uniffi::export]
pub fn tz_version() -> String {
    itsm_core::calendar::tz_version().to_owned()
}

/// More working days than the supported range of years (400 years) has days.
const MAX_DAYS: i64 = 1_000_000;

const NANOS_PER_MILLI: i128 = 1_000_000;

/// A host instant as a UTC date-time, truncated to the millisecond towards the
/// past.
fn to_utc(instant: SystemTime) -> Result<DateTime<Utc>> {
    let nanos = match instant.duration_since(UNIX_EPOCH) {
        Ok(after) => i128::try_from(after.as_nanos()).unwrap_or(i128::MAX),
        Err(before) => i128::try_from(before.duration().as_nanos())
            .map(|n| -n)
            .unwrap_or(i128::MIN),
    };
    let millis = nanos.div_euclid(NANOS_PER_MILLI);
    i64::try_from(millis)
        .ok()
        .and_then(DateTime::<Utc>::from_timestamp_millis)
        .ok_or_else(|| out_of_range(format!("{millis} ms since the epoch")))
}

/// A UTC date-time as a host instant.
fn to_system_time(instant: DateTime<Utc>) -> Result<SystemTime> {
    let seconds = instant.timestamp();
    let whole = Duration::from_secs(seconds.unsigned_abs());
    let base = if seconds >= 0 {
        UNIX_EPOCH.checked_add(whole)
    } else {
        UNIX_EPOCH.checked_sub(whole)
    };
    base.and_then(|t| {
        t.checked_add(Duration::from_nanos(u64::from(
            instant.timestamp_subsec_nanos(),
        )))
    })
    .ok_or_else(|| out_of_range(itsm_core::format_instant(instant)))
}

/// A host duration as a signed one; beyond the largest `TimeDelta` (some 290
/// million years, far past any calendar's range) it saturates, which ends the
/// same way in the core.
fn to_time_delta(duration: Duration) -> TimeDelta {
    TimeDelta::from_std(duration).unwrap_or(TimeDelta::MAX)
}

/// A business duration as a host duration. The core never returns a negative
/// one (it refuses an end before its start), so the zero fallback is unreachable.
fn to_std_duration(duration: TimeDelta) -> Duration {
    duration.to_std().unwrap_or(Duration::ZERO)
}

fn out_of_range(instant: String) -> ItsmError {
    CoreError::OutOfRange {
        instant,
        min: itsm_core::MIN_INSTANT,
        max: itsm_core::MAX_INSTANT,
    }
    .into()
}
