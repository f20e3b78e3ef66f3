//! Business calendars and business-time arithmetic.
//!
//! A [`Calendar`] is built from a calendar document (see [`CalendarSpec`] and
//! `docs/calendar-format.md`), validated on load, and compiled lazily to sorted
//! UTC working intervals with prefix sums over a span of years that grows when a
//! query falls outside it. Queries then cost O(1) (instant lookups through a per-day
//! index) or O(log n) (due dates, by galloping over the prefix sums).
//!
//! Semantics, exact everywhere:
//! - a window `[09:00, 17:00)` is the set of instants whose local wall time falls
//!   in it, so DST days are shorter or longer and nothing is counted twice;
//! - a due date is the earliest instant at which elapsed business time reaches
//!   the goal: 8 h from Monday 09:00 on a 09-17 calendar is Monday 17:00;
//! - subtracting gives the latest instant that far back: 1 h before Monday 10:00
//!   is Monday 09:00, not Friday 17:00;
//! - a calendar that can never work, or does not within [`HORIZON_YEARS`] of a
//!   query, is an error, never a silent 24x7 and never an endless loop.
//!
//! This module owns calendars only; SLA clocks use it through the same API.

mod compiled;
mod days;
mod held;
mod span;
pub(crate) mod spec;
mod zone;

use std::sync::{Arc, Mutex};

use arc_swap::ArcSwap;
use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde_json::Value;

pub use held::BusinessSpan;
pub use spec::{
    CalendarSpec, CompositeCalendar, DateHours, ExtraHours, ExtraWorkingDay, Holiday, HolidayRule,
    Observed, PlainCalendar, SetOperation, TimeOfDay, Week, Window,
};

use crate::document::{self, Kind};
use crate::error::{Error, Result};
use crate::time::{
    DAY_MS, MAX_MS, Millis, duration_to_millis, format_instant, from_millis, to_millis,
};
use compiled::Compiled;
use span::Step;

/// The first instant of a local date in `zone`: its midnight, or the end of the
/// gap when a transition skips midnight.
pub(crate) fn start_of_local_day(zone: Tz, date: chrono::NaiveDate) -> Millis {
    let local = (date - chrono::NaiveDate::default()).num_days() * DAY_MS;
    zone::ZoneSpan::new(zone, local - 2 * DAY_MS, local + 2 * DAY_MS)
        .first_instant_at_or_after(local)
}

/// How far a search for working time goes before it gives up with
/// [`Error::NoWorkingTime`].
pub const HORIZON_YEARS: u32 = 10;
const YEAR_MS: Millis = 366 * DAY_MS;
const HORIZON_MS: Millis = HORIZON_YEARS as Millis * YEAR_MS;
const MAX_WORKING_DAYS: u64 = 200_000;

/// The version of the IANA time zone database embedded in this build.
///
/// # Example
/// ```
/// let version = itsm_core::calendar::tz_version();
/// assert!(version.starts_with("20"), "{version}");
/// ```
pub fn tz_version() -> &'static str {
    chrono_tz::IANA_TZDB_VERSION
}

/// Where a working-day result lands within its day; keeping the time of day is
/// the default.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum WorkingDayMode {
    /// The same local wall time as the start (`"keep_time_of_day"`); a wall time
    /// that the day skips moves forward by the gap, a repeated one takes the
    /// earlier instant.
    #[default]
    KeepTimeOfDay,
    /// The closing instant of the day's last window (`"end_of_day"`).
    EndOfDay,
}

impl WorkingDayMode {
    /// The mode named `text` (`"keep_time_of_day"` or `"end_of_day"`).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `mode` for any other text.
    ///
    /// # Example
    /// ```
    /// use itsm_core::calendar::WorkingDayMode;
    /// assert_eq!(WorkingDayMode::parse("end_of_day").unwrap(), WorkingDayMode::EndOfDay);
    /// assert!(WorkingDayMode::parse("eod").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<WorkingDayMode> {
        use serde::de::IntoDeserializer;
        let words: serde::de::value::StrDeserializer<'_, serde::de::value::Error> =
            text.into_deserializer();
        <WorkingDayMode as serde::Deserialize>::deserialize(words)
            .map_err(|e| Error::invalid_argument("mode", e.to_string()))
    }
}

/// A holiday on one local date of a calendar, as the UTC interval of that day.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct HolidayOccurrence {
    /// The holiday's name, when the document gives one.
    pub(crate) name: Option<String>,
    /// The day's first instant.
    pub(crate) start: DateTime<Utc>,
    /// The next day's first instant.
    pub(crate) end: DateTime<Utc>,
}

/// A half-open interval of UTC time `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Interval {
    /// First instant inside.
    pub start: DateTime<Utc>,
    /// First instant after.
    pub end: DateTime<Utc>,
}

/// A business calendar, validated and ready for queries.
///
/// Cheap to clone (the compiled form is shared) and safe to use from many
/// threads at once.
///
/// # Example
/// ```
/// use chrono::{TimeDelta, TimeZone, Utc};
/// use itsm_core::Calendar;
///
/// let calendar = Calendar::from_json(r#"{
///     "time_zone": "Europe/Berlin",
///     "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]},
///     "holidays": [{"date": "2026-12-22"}]
/// }"#).unwrap();
/// // Monday 21 December 2026, 15:00 in Berlin (14:00 UTC).
/// let start = Utc.with_ymd_and_hms(2026, 12, 21, 14, 0, 0).unwrap();
/// let due = calendar.add_business(start, TimeDelta::hours(4)).unwrap();
/// // Two hours on Monday, Tuesday is a holiday, two more on Monday 28th.
/// assert_eq!(due, Utc.with_ymd_and_hms(2026, 12, 28, 10, 0, 0).unwrap());
/// ```
#[derive(Clone)]
pub struct Calendar {
    inner: Arc<Inner>,
}

struct Inner {
    spec: CalendarSpec,
    day_zone: Tz,
    compiled: ArcSwap<Compiled>,
    grow: Mutex<()>,
}

impl std::fmt::Debug for Calendar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Calendar")
            .field("spec", &self.inner.spec)
            .finish_non_exhaustive()
    }
}

/// Writes the calendar's document.
impl serde::Serialize for Calendar {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        self.inner.spec.serialize(serializer)
    }
}

/// Reads and validates a calendar document, as [`Calendar::from_value`].
///
/// # Example
/// ```
/// #[derive(serde::Deserialize)]
/// struct Team { name: String, calendar: itsm_core::Calendar }
///
/// let team: Team = serde_json::from_str(r#"{"name": "Desk", "calendar": {"time_zone": "UTC", "week": "24x7"}}"#).unwrap();
/// assert_eq!(team.calendar.time_zone(), chrono_tz::UTC);
/// // serde_path_to_error names the path inside the host's own document.
/// let text = r#"{"name": "Desk", "calendar": {"time_zone": "UTC", "week": {"mon": [["10:00", "09:00"]]}}}"#;
/// let err = serde_path_to_error::deserialize::<_, Team>(&mut serde_json::Deserializer::from_str(text)).err().unwrap();
/// assert_eq!(err.path().to_string(), "calendar.week.mon[0]");
/// assert!(err.inner().to_string().starts_with("end 09:00 is before start 10:00"), "{err}");
/// ```
impl<'de> serde::Deserialize<'de> for Calendar {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        let spec = CalendarSpec::deserialize(deserializer)?;
        Calendar::checked(spec).map_err(|e| match e {
            Error::InvalidConfig { path, reason } => {
                serde::de::Error::custom(document::DocumentError::at(path, reason))
            }
            other => serde::de::Error::custom(other),
        })
    }
}

impl schemars::JsonSchema for Calendar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        CalendarSpec::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        CalendarSpec::json_schema(generator)
    }
}

impl PartialEq for Calendar {
    fn eq(&self, other: &Self) -> bool {
        self.inner.spec == other.inner.spec
    }
}

impl Calendar {
    /// Reads a calendar document from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path of the first bad field, for
    /// malformed JSON, unknown fields, bad values, or a calendar that never works.
    ///
    /// # Example
    /// ```
    /// use itsm_core::Calendar;
    /// let err = Calendar::from_json(r#"{"time_zone": "UTC", "week": {"tue": [["09:00", "13:00"], ["14:00", "08:00"]]}}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "week.tue[1]: end 08:00 is before start 14:00");
    /// ```
    pub fn from_json(text: &str) -> Result<Calendar> {
        Calendar::checked(document::from_json(Kind::Config, text)?)
    }

    /// Reads a calendar document from JSON data (what the bindings hand over from
    /// a Python dict or a JavaScript object).
    ///
    /// # Errors
    /// As [`Calendar::from_json`].
    ///
    /// # Example
    /// ```
    /// use itsm_core::Calendar;
    /// let calendar = Calendar::from_value(&serde_json::json!({"time_zone": "UTC", "week": "24x7"})).unwrap();
    /// assert_eq!(calendar.to_json(), r#"{"time_zone":"UTC","week":"24x7"}"#);
    /// ```
    pub fn from_value(value: &Value) -> Result<Calendar> {
        Calendar::checked(document::from_value(Kind::Config, value)?)
    }

    /// A calendar from a document built in Rust; validated as if read from JSON.
    ///
    /// # Errors
    /// As [`Calendar::from_json`].
    ///
    /// # Example
    /// ```
    /// use itsm_core::calendar::{Calendar, CalendarSpec, PlainCalendar, Week};
    /// let spec = CalendarSpec::Plain(PlainCalendar {
    ///     name: None,
    ///     time_zone: chrono_tz::Asia::Kolkata,
    ///     week: Week::AlwaysOpen,
    ///     holidays: vec![],
    ///     overrides: vec![],
    ///     extra_working_days: vec![],
    /// });
    /// assert!(Calendar::from_spec(spec).is_ok());
    /// ```
    pub fn from_spec(spec: CalendarSpec) -> Result<Calendar> {
        spec.check().map_err(|e| e.into_config_error(""))?;
        Calendar::checked(spec)
    }

    /// Always open, in UTC: the calendar of wall-clock durations.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let c = itsm_core::Calendar::twenty_four_seven();
    /// let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
    /// assert_eq!(c.add_business(t, TimeDelta::days(3)).unwrap(), t + TimeDelta::days(3));
    /// ```
    pub fn twenty_four_seven() -> Calendar {
        Calendar::new(CalendarSpec::Plain(PlainCalendar {
            name: None,
            time_zone: Tz::UTC,
            week: Week::AlwaysOpen,
            holidays: Vec::new(),
            overrides: Vec::new(),
            extra_working_days: Vec::new(),
        }))
    }

    fn new(spec: CalendarSpec) -> Calendar {
        let day_zone = spec.time_zone();
        Calendar {
            inner: Arc::new(Inner {
                spec,
                day_zone,
                compiled: ArcSwap::from_pointee(Compiled::default()),
                grow: Mutex::new(()),
            }),
        }
    }

    fn checked(spec: CalendarSpec) -> Result<Calendar> {
        if !spec.can_ever_work() {
            return Err(Error::invalid_config(
                "",
                "the calendar never works: no weekday has hours and no override or extra working day adds any",
            ));
        }
        if let CalendarSpec::Composite(_) = spec {
            // Set operations can cancel out (Mondays intersected with Tuesdays);
            // find that now rather than at the first query.
            let year = spec.first_dated_year().unwrap_or(2000);
            let lo = year_start(year);
            let hi = year_start(year + HORIZON_YEARS as i32);
            if compiled::intervals(&spec, lo, hi).is_empty() {
                return Err(Error::invalid_config(
                    "",
                    format!(
                        "the calendar has no working time from {year} to {}",
                        year + HORIZON_YEARS as i32 - 1
                    ),
                ));
            }
        }
        Ok(Calendar::new(spec))
    }

    /// The document this calendar was built from.
    pub fn spec(&self) -> &CalendarSpec {
        &self.inner.spec
    }

    /// The document as JSON data; [`Calendar::from_value`] reads it back.
    pub fn to_value(&self) -> Value {
        document::to_value(&self.inner.spec)
    }

    /// The document as compact JSON text; [`Calendar::from_json`] reads it back.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The zone whose local dates are days for [`Calendar::add_working_days`].
    pub fn time_zone(&self) -> Tz {
        self.inner.day_zone
    }

    /// Business time between two instants: the working time in `[start, end)`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `end` is before `start`;
    /// [`Error::OutOfRange`] outside 1900-2300.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "13:00"], ["14:00", "18:00"]]}}"#).unwrap();
    /// let mon_0800 = Utc.with_ymd_and_hms(2026, 11, 23, 8, 0, 0).unwrap();
    /// let mon_1500 = Utc.with_ymd_and_hms(2026, 11, 23, 15, 0, 0).unwrap();
    /// assert_eq!(c.business_duration(mon_0800, mon_1500).unwrap(), TimeDelta::hours(5));
    /// assert!(c.business_duration(mon_1500, mon_0800).is_err());
    /// ```
    pub fn business_duration(&self, start: DateTime<Utc>, end: DateTime<Utc>) -> Result<TimeDelta> {
        let (a, b) = (to_millis(start)?, to_millis(end)?);
        Ok(TimeDelta::milliseconds(self.duration_ms(a, b)?))
    }

    pub(crate) fn duration_ms(&self, a: Millis, b: Millis) -> Result<Millis> {
        check_order(a, b)?;
        let compiled = self.covering(a, b);
        Ok(compiled.worked(b) - compiled.worked(a))
    }

    /// The due date: the earliest instant at which `duration` of business time
    /// has elapsed since `start`. A zero duration gives `start` itself.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for a negative duration;
    /// [`Error::NoWorkingTime`] when the calendar has no working time within
    /// [`HORIZON_YEARS`]; [`Error::OutOfRange`] past 2300.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]]}}"#).unwrap();
    /// let mon_0900 = Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap();
    /// // Exactly a day's hours ends at Monday's closing, not Tuesday's opening.
    /// assert_eq!(c.add_business(mon_0900, TimeDelta::hours(8)).unwrap(), Utc.with_ymd_and_hms(2026, 11, 23, 17, 0, 0).unwrap());
    /// ```
    pub fn add_business(&self, start: DateTime<Utc>, duration: TimeDelta) -> Result<DateTime<Utc>> {
        let a = to_millis(start)?;
        let d = duration_to_millis("duration", duration)?;
        self.add_ms(a, d).map(from_millis)
    }

    pub(crate) fn add_ms(&self, a: Millis, d: Millis) -> Result<Millis> {
        if d == 0 {
            return Ok(a);
        }
        self.query(a, a, a, |c| match c.add(a, d) {
            Some(due) => Step::Done(due),
            None => Step::Later,
        })
    }

    /// The latest instant from which `duration` of business time runs until
    /// `end`: "one hour before the deadline". A zero duration gives `end`.
    ///
    /// # Errors
    /// As [`Calendar::add_business`], searching backwards.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"fri": [["09:00", "17:00"]], "mon": [["09:00", "17:00"]]}}"#).unwrap();
    /// let mon_1000 = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    /// assert_eq!(c.subtract_business(mon_1000, TimeDelta::hours(1)).unwrap(), Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap());
    /// assert_eq!(c.subtract_business(mon_1000, TimeDelta::hours(2)).unwrap(), Utc.with_ymd_and_hms(2026, 11, 20, 16, 0, 0).unwrap());
    /// ```
    pub fn subtract_business(
        &self,
        end: DateTime<Utc>,
        duration: TimeDelta,
    ) -> Result<DateTime<Utc>> {
        let b = to_millis(end)?;
        let d = duration_to_millis("duration", duration)?;
        self.subtract_ms(b, d).map(from_millis)
    }

    pub(crate) fn subtract_ms(&self, b: Millis, d: Millis) -> Result<Millis> {
        if d == 0 {
            return Ok(b);
        }
        self.query(b, b, b, |c| match c.subtract(b, d) {
            Some(start) => Step::Done(start),
            None => Step::Earlier,
        })
    }

    /// Adds `days` working days (negative: goes back). A working day is a local
    /// date of the calendar's zone with any working time. Days are counted from
    /// the start's local date: one working day after a Friday or a Saturday is the
    /// Monday. With [`WorkingDayMode::KeepTimeOfDay`] the result keeps the start's
    /// local wall time; with [`WorkingDayMode::EndOfDay`] it is that day's last
    /// closing (its midnight when working time runs on past it), and zero days
    /// means the end of the start's own working day, or of the next one when that
    /// day is over or not a working day.
    ///
    /// # Errors
    /// [`Error::NoWorkingTime`] and [`Error::OutOfRange`] as for
    /// [`Calendar::add_business`].
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use itsm_core::calendar::WorkingDayMode;
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]], "fri": [["09:00", "15:00"]]}}"#).unwrap();
    /// let fri_1100 = Utc.with_ymd_and_hms(2026, 11, 20, 11, 0, 0).unwrap();
    /// assert_eq!(c.add_working_days(fri_1100, 1, WorkingDayMode::KeepTimeOfDay).unwrap(), Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).unwrap());
    /// assert_eq!(c.add_working_days(fri_1100, 2, WorkingDayMode::EndOfDay).unwrap(), Utc.with_ymd_and_hms(2026, 11, 27, 15, 0, 0).unwrap());
    /// ```
    pub fn add_working_days(
        &self,
        start: DateTime<Utc>,
        days: i64,
        mode: WorkingDayMode,
    ) -> Result<DateTime<Utc>> {
        let a = to_millis(start)?;
        self.add_working_days_ms(a, days, mode).map(from_millis)
    }

    pub(crate) fn add_working_days_ms(
        &self,
        a: Millis,
        n: i64,
        mode: WorkingDayMode,
    ) -> Result<Millis> {
        if n == 0 && mode == WorkingDayMode::KeepTimeOfDay {
            return Ok(a);
        }
        // The supported range holds about 146,000 days; more can only end outside it.
        if n.unsigned_abs() > MAX_WORKING_DAYS {
            return Err(beyond_range());
        }
        self.query(a, a - DAY_MS, a + DAY_MS, |c| {
            let local = c.zone.local(a);
            let day = local.div_euclid(DAY_MS);
            if day < c.first_day {
                return Step::Earlier;
            }
            if day > c.last_day {
                return Step::Later;
            }
            let index = if n > 0 {
                let k = c.days.partition_point(|d| d.day <= day) as i64 + n - 1;
                if k >= c.days.len() as i64 {
                    return Step::Later;
                }
                k as usize
            } else if n < 0 {
                let before = c.days.partition_point(|d| d.day < day) as i64;
                if before < -n {
                    return Step::Earlier;
                }
                (before + n) as usize
            } else {
                let k = c.days.partition_point(|d| d.day < day || d.close < a);
                if k >= c.days.len() {
                    return Step::Later;
                }
                k
            };
            let target = c.days[index];
            Step::Done(match mode {
                WorkingDayMode::KeepTimeOfDay => c
                    .zone
                    .resolve_wall(target.day * DAY_MS + (local - day * DAY_MS)),
                WorkingDayMode::EndOfDay => target.close,
            })
        })
    }

    /// Whether `instant` is working time.
    ///
    /// # Errors
    /// [`Error::OutOfRange`] outside 1900-2300.
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}"#).unwrap();
    /// assert!(c.is_working(Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0).unwrap()).unwrap());
    /// assert!(!c.is_working(Utc.with_ymd_and_hms(2026, 11, 23, 17, 0, 0).unwrap()).unwrap());
    /// ```
    pub fn is_working(&self, instant: DateTime<Utc>) -> Result<bool> {
        let t = to_millis(instant)?;
        Ok(self.covering(t, t + 1).is_working(t))
    }

    /// The first working instant at or after `instant`: `instant` itself when
    /// the calendar is working then, otherwise the next opening. Work that starts
    /// outside working hours starts counting here.
    ///
    /// # Errors
    /// [`Error::NoWorkingTime`] when the calendar does not work within
    /// [`HORIZON_YEARS`]; [`Error::OutOfRange`] as for [`Calendar::add_business`].
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}"#).unwrap();
    /// let mon_1000 = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    /// assert_eq!(c.next_opening(mon_1000).unwrap(), mon_1000);
    /// let mon_1700 = Utc.with_ymd_and_hms(2026, 11, 23, 17, 0, 0).unwrap();
    /// assert_eq!(c.next_opening(mon_1700).unwrap(), Utc.with_ymd_and_hms(2026, 11, 30, 9, 0, 0).unwrap());
    /// ```
    pub fn next_opening(&self, instant: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let t = to_millis(instant)?;
        self.query(t, t, t + 1, |c| match c.working_at_or_after(t) {
            Some(opening) => Step::Done(opening),
            None => Step::Later,
        })
        .map(from_millis)
    }

    /// When the working time that contains `instant` ends, or, when the calendar
    /// is not working then, when the next working time ends. The closing instant
    /// itself is not working time, so at exactly 17:00 on a 09-17 calendar the
    /// answer is the next day's 17:00. `None` when the calendar works without a
    /// break for [`HORIZON_YEARS`] (a 24x7 calendar never closes).
    ///
    /// # Errors
    /// As [`Calendar::next_opening`].
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "17:00"]]}}"#).unwrap();
    /// let mon_1000 = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    /// assert_eq!(c.next_closing(mon_1000).unwrap(), Some(Utc.with_ymd_and_hms(2026, 11, 23, 17, 0, 0).unwrap()));
    /// assert_eq!(itsm_core::Calendar::twenty_four_seven().next_closing(mon_1000).unwrap(), None);
    /// ```
    pub fn next_closing(&self, instant: DateTime<Utc>) -> Result<Option<DateTime<Utc>>> {
        let t = to_millis(instant)?;
        // Fails when there is no working time to close within the horizon.
        self.next_opening(instant)?;
        let horizon = t + HORIZON_MS;
        self.query(t, t, t + 1, |c| match c.closing_after(t) {
            Some(closing) if closing < c.hi => Step::Done((closing <= horizon).then_some(closing)),
            _ if c.hi >= horizon || c.hi >= MAX_MS => Step::Done(None),
            _ => Step::Later,
        })
        .map(|closing| closing.map(from_millis))
    }

    /// The holidays that fall within `[start, end)`, each as its whole local
    /// day (a holiday that closes part of a day is listed too), in order. The
    /// holidays of every member of a union or intersection count, and of the
    /// base of a difference. Dates whose hours an override or an extra working
    /// day decides are left out. Used to name holidays in SLA explanations.
    pub(crate) fn holidays_between(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<HolidayOccurrence>> {
        let (a, b) = (to_millis(start)?, to_millis(end)?);
        check_order(a, b)?;
        let mut out = Vec::new();
        collect_holidays(&self.inner.spec, a, b, &mut out);
        out.sort_by(|x, y| (x.start, &x.name).cmp(&(y.start, &y.name)));
        out.dedup();
        Ok(out)
    }

    /// The working intervals within `[start, end)`, clipped to it, in order.
    ///
    /// # Errors
    /// As [`Calendar::business_duration`].
    ///
    /// # Example
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// let c = itsm_core::Calendar::from_json(r#"{"time_zone": "UTC", "week": {"mon": [["09:00", "13:00"], ["14:00", "18:00"]]}}"#).unwrap();
    /// let day = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
    /// let intervals = c.working_intervals(day, day + chrono::TimeDelta::hours(24)).unwrap();
    /// assert_eq!(intervals.len(), 2);
    /// assert_eq!(intervals[0].start, day);
    /// ```
    pub fn working_intervals(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<Interval>> {
        let (a, b) = (to_millis(start)?, to_millis(end)?);
        check_order(a, b)?;
        let compiled = self.covering(a, b);
        Ok(compiled
            .between(a, b)
            .into_iter()
            .map(|(s, e)| Interval {
                start: from_millis(s),
                end: from_millis(e),
            })
            .collect())
    }
}

/// Refuses an end before its start.
fn check_order(a: Millis, b: Millis) -> Result<()> {
    if b < a {
        return Err(Error::invalid_argument(
            "end",
            format!(
                "{} is before start {}",
                format_instant(from_millis(b)),
                format_instant(from_millis(a))
            ),
        ));
    }
    Ok(())
}

fn collect_holidays(spec: &CalendarSpec, a: Millis, b: Millis, out: &mut Vec<HolidayOccurrence>) {
    use chrono::Datelike;
    match spec {
        CalendarSpec::Plain(plain) => {
            let year = |ms: Millis| from_millis(ms).year();
            let (first, last) = (year(a) - 1, year(b) + 1);
            for (date, name) in days::holidays_in(plain, first, last) {
                let day_start = start_of_local_day(plain.time_zone, date);
                let day_end = date
                    .succ_opt()
                    .map_or(day_start, |next| start_of_local_day(plain.time_zone, next));
                if day_start < b && day_end > a {
                    out.push(HolidayOccurrence {
                        name,
                        start: from_millis(day_start),
                        end: from_millis(day_end),
                    });
                }
            }
        }
        CalendarSpec::Composite(c) => {
            let members = match c.operation {
                SetOperation::Difference => &c.members[..1],
                _ => &c.members[..],
            };
            for member in members {
                collect_holidays(member, a, b, out);
            }
        }
    }
}

fn year_start(year: i32) -> Millis {
    chrono::NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc().timestamp_millis())
        .unwrap_or(0)
}

fn no_working_time(anchor: Millis, direction: &'static str) -> Error {
    Error::NoWorkingTime {
        from: format_instant(from_millis(anchor)),
        direction,
        years: HORIZON_YEARS,
    }
}

fn beyond_range() -> Error {
    Error::OutOfRange {
        instant: "the result".into(),
        min: crate::time::MIN_INSTANT,
        max: crate::time::MAX_INSTANT,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extreme_day_counts_are_out_of_range_not_a_panic() {
        let c = Calendar::twenty_four_seven();
        let t = from_millis(1_795_435_200_000);
        for n in [i64::MAX, i64::MIN, 200_001, -200_001] {
            for mode in [WorkingDayMode::KeepTimeOfDay, WorkingDayMode::EndOfDay] {
                let err = c.add_working_days(t, n, mode).unwrap_err();
                assert_eq!(
                    err.to_string(),
                    "the result is outside the supported range 1900-01-01T00:00:00.000Z to 2300-01-01T00:00:00.000Z"
                );
            }
        }
        let err = c.add_business(t, TimeDelta::MAX).unwrap_err();
        assert_eq!(err.code(), "out_of_range");
    }

    #[test]
    fn a_calendar_whose_working_time_runs_out_has_no_working_time_not_out_of_range() {
        let at = |text: &str| crate::time::parse_instant("t", text).unwrap();
        let fails = |result: Result<DateTime<Utc>>| {
            let err = result.unwrap_err();
            (err.code(), err.to_string())
        };
        let after = |from: &str| {
            (
                "no_working_time",
                format!("no working time within 10 years after {from}"),
            )
        };
        // Its only working time is Monday 23 November 2026, 09:00-17:00.
        let doc = serde_json::json!({"time_zone": "UTC", "week": {},
            "overrides": [{"date": "2026-11-23", "hours": [["09:00", "17:00"]]}]});
        let fresh = Calendar::from_value(&doc).unwrap();
        let warm = Calendar::from_value(&doc).unwrap();
        warm.is_working(at("2299-12-31T00:00:00Z")).unwrap();
        warm.is_working(at("1900-01-01T00:00:00Z")).unwrap();
        for c in [&fresh, &warm] {
            let monday = at("2026-11-23T09:00:00Z");
            // 8 h exist, the 9th nowhere: the search ends at the last closing.
            assert_eq!(
                fails(c.add_business(monday, TimeDelta::hours(9))),
                after("2026-11-23T17:00:00.000Z")
            );
            assert_eq!(
                c.add_business(monday, TimeDelta::hours(8)).unwrap(),
                at("2026-11-23T17:00:00Z")
            );
            assert_eq!(
                fails(c.add_working_days(monday, 1, WorkingDayMode::KeepTimeOfDay)),
                after("2026-11-23T17:00:00.000Z")
            );
            assert_eq!(
                fails(c.subtract_business(at("2026-11-23T17:00:00Z"), TimeDelta::hours(9))),
                (
                    "no_working_time",
                    "no working time within 10 years before 2026-11-23T09:00:00.000Z".into()
                )
            );
            // Less than the horizon is left before 2300, yet nothing works in it.
            assert_eq!(
                fails(c.next_opening(at("2295-01-01T00:00:00Z"))),
                after("2295-01-01T00:00:00.000Z")
            );
        }
        // A calendar that still works in its last years has results past 2300.
        let weekly = Calendar::from_value(&serde_json::json!({"time_zone": "UTC",
            "week": {"mon": [["09:00", "17:00"]]}}))
        .unwrap();
        assert_eq!(
            fails(weekly.add_business(at("2299-12-30T09:00:00Z"), TimeDelta::hours(9))).0,
            "out_of_range"
        );
    }

    #[test]
    fn calendars_are_shared_across_threads() {
        fn is_send_sync<T: Send + Sync>() {}
        is_send_sync::<Calendar>();
    }
}
