//! The calendar document: its types, and their serde forms (with path-naming
//! errors when read).
//!
//! The JSON form is described in `docs/ARCHITECTURE.md` (section "Calendars and
//! business time"); `docs/calendar-format.md` lists every field.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::document::at;

/// Seconds in a day; `24:00` is this many seconds after midnight.
pub(crate) const DAY_SECONDS: u32 = 86_400;

/// A wall-clock time of day from `00:00` to `24:00`, at one-second precision.
///
/// # Example
/// ```
/// use itsm_core::calendar::TimeOfDay;
/// let t = TimeOfDay::from_hms(17, 30, 0).unwrap();
/// assert_eq!(t.to_string(), "17:30");
/// assert_eq!(TimeOfDay::END_OF_DAY.to_string(), "24:00");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TimeOfDay(u32);

impl TimeOfDay {
    /// Midnight at the start of the day.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    /// `24:00`, the end of the day (only valid as the end of a window).
    pub const END_OF_DAY: TimeOfDay = TimeOfDay(DAY_SECONDS);

    /// A time of day, or `None` past `24:00`.
    ///
    /// # Example
    /// ```
    /// use itsm_core::calendar::TimeOfDay;
    /// assert!(TimeOfDay::from_hms(24, 0, 0).is_some());
    /// assert!(TimeOfDay::from_hms(24, 0, 1).is_none());
    /// assert!(TimeOfDay::from_hms(9, 60, 0).is_none());
    /// ```
    pub fn from_hms(hour: u32, minute: u32, second: u32) -> Option<TimeOfDay> {
        if minute > 59 || second > 59 {
            return None;
        }
        let seconds = hour.checked_mul(3600)?.checked_add(minute * 60 + second)?;
        (seconds <= DAY_SECONDS).then_some(TimeOfDay(seconds))
    }

    /// Seconds since midnight.
    pub fn seconds(self) -> u32 {
        self.0
    }

    /// Reads `HH:MM` or `HH:MM:SS`, from `00:00` to `24:00`.
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let bytes = text.as_bytes();
        let two = |i: usize| -> Option<u32> {
            let (a, b) = (*bytes.get(i)?, *bytes.get(i + 1)?);
            (a.is_ascii_digit() && b.is_ascii_digit())
                .then(|| u32::from((a - b'0') * 10 + (b - b'0')))
        };
        match bytes.len() {
            5 if bytes[2] == b':' => TimeOfDay::from_hms(two(0)?, two(3)?, 0),
            8 if bytes[2] == b':' && bytes[5] == b':' => {
                TimeOfDay::from_hms(two(0)?, two(3)?, two(6)?)
            }
            _ => None,
        }
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

/// A half-open window of local wall time `[start, end)` within one day.
///
/// # Example
/// ```
/// use itsm_core::calendar::{TimeOfDay, Window};
/// let w = Window::new(TimeOfDay::from_hms(9, 0, 0).unwrap(), TimeOfDay::END_OF_DAY).unwrap();
/// assert_eq!(w.to_string(), "[09:00, 24:00)");
/// assert!(Window::new(w.end, w.start).is_none());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Window {
    /// First instant of the window.
    pub start: TimeOfDay,
    /// First instant after the window.
    pub end: TimeOfDay,
}

impl Window {
    /// A window, or `None` unless `start < end` and `start` is before `24:00`.
    pub fn new(start: TimeOfDay, end: TimeOfDay) -> Option<Window> {
        (start < end).then_some(Window { start, end })
    }
}

impl fmt::Display for Window {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}, {})", self.start, self.end)
    }
}

/// The weekly template of working hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Week {
    /// Open all day, every day (`"week": "24x7"`); holidays and overrides still apply.
    AlwaysOpen,
    /// Windows per weekday, Monday first; an empty list closes the day.
    Days([Vec<Window>; 7]),
}

impl Week {
    /// The windows of `weekday`.
    pub fn windows(&self, weekday: Weekday) -> &[Window] {
        const ALL_DAY: [Window; 1] = [Window {
            start: TimeOfDay::MIDNIGHT,
            end: TimeOfDay::END_OF_DAY,
        }];
        match self {
            Week::AlwaysOpen => &ALL_DAY,
            Week::Days(days) => &days[weekday.num_days_from_monday() as usize],
        }
    }
}

/// How an annual holiday that falls on a weekend is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Observed {
    /// On its date, whatever the weekday (`"as_is"`, the default).
    #[default]
    AsIs,
    /// Saturday moves to Friday, Sunday to Monday (`"nearest_weekday"`).
    NearestWeekday,
    /// Saturday and Sunday move to the following Monday (`"next_monday"`).
    NextMonday,
}

/// Which dates a holiday covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HolidayRule {
    /// One date (`{"date": "2026-12-25"}`).
    Date(NaiveDate),
    /// An inclusive range of dates (`{"from": "2026-12-28", "to": "2026-12-31"}`).
    Range {
        /// First date.
        from: NaiveDate,
        /// Last date, inclusive.
        to: NaiveDate,
    },
    /// The same month and day every year (`{"annual": "01-01"}`); `02-29` only in
    /// leap years.
    Annual {
        /// Month, 1-12.
        month: u32,
        /// Day of the month.
        day: u32,
        /// Weekend rule.
        observed: Observed,
    },
    /// The nth weekday of a month (`{"nth_weekday": {"month": 11, "weekday": "thu", "n": 4}}`);
    /// `n` is 1-5 or -1 to -5 (from the end). A fifth weekday that a month lacks
    /// makes no holiday that year.
    NthWeekday {
        /// Month, 1-12.
        month: u32,
        /// The weekday.
        weekday: Weekday,
        /// Which occurrence: 1-5, or -1 (last) to -5.
        n: i8,
    },
    /// An offset in days from Western (Gregorian) Easter Sunday (`{"easter": -2}` is
    /// Good Friday).
    Easter(i32),
}

/// A holiday: whole local days, or the closed parts of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "HolidayDocument", into = "HolidayDocument")]
pub struct Holiday {
    /// Shown in explanations.
    pub name: Option<String>,
    /// The dates it covers.
    pub rule: HolidayRule,
    /// The closed part of each day; `None` closes the whole day.
    pub closed: Option<Vec<Window>>,
}

/// Special hours on one date, replacing everything else (an empty list closes it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DateHours {
    /// The local date.
    #[serde(with = "date_text")]
    #[schemars(with = "crate::schema::Date")]
    pub date: NaiveDate,
    /// Its windows.
    #[serde(deserialize_with = "deserialize_windows")]
    pub hours: Vec<Window>,
}

/// The hours of an extra working day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExtraHours {
    /// These windows (`"hours": [["09:00", "13:00"]]`).
    Hours(Vec<Window>),
    /// The windows the week template gives this weekday (`"like": "mon"`).
    Like(Weekday),
}

/// A date that works although the week template or a holiday would close it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "ExtraWorkingDayDocument", into = "ExtraWorkingDayDocument")]
pub struct ExtraWorkingDay {
    /// The local date.
    pub date: NaiveDate,
    /// Its hours.
    pub hours: ExtraHours,
}

/// A calendar defined by a zone, a week, holidays and dated exceptions.
///
/// On a given local date the first of these that applies decides the hours:
/// an override; an extra working day; a holiday (closing the day or parts of it);
/// the week template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainCalendar {
    /// Shown in explanations.
    pub name: Option<String>,
    /// The IANA zone whose wall time the windows are in.
    pub time_zone: Tz,
    /// Weekly hours.
    pub week: Week,
    /// Holidays.
    pub holidays: Vec<Holiday>,
    /// Dated special hours.
    pub overrides: Vec<DateHours>,
    /// Dated extra working days.
    pub extra_working_days: Vec<ExtraWorkingDay>,
}

/// How a composite calendar combines its members' working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetOperation {
    /// Working when any member works (`"union"`).
    Union,
    /// Working when every member works (`"intersection"`): customer hours within
    /// team hours.
    Intersection,
    /// Working when the first member works and no other does (`"difference"`): a
    /// shared calendar of closures taken out of many calendars.
    Difference,
}

/// A calendar made of other calendars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompositeCalendar {
    /// Shown in explanations.
    pub name: Option<String>,
    /// The zone whose local dates are "days" for working-day arithmetic; the
    /// first member's zone when `None`.
    pub time_zone: Option<Tz>,
    /// How members combine.
    pub operation: SetOperation,
    /// The members, at least one.
    pub members: Vec<CalendarSpec>,
}

/// A calendar document, as data.
// Documents are configuration read once, never a hot path: boxing the plain
// variant would only make them clumsier to build.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "CalendarDocument", into = "CalendarDocument")]
pub enum CalendarSpec {
    /// Zone, week, holidays, exceptions.
    Plain(PlainCalendar),
    /// Union, intersection or difference of calendars.
    Composite(CompositeCalendar),
}

impl CalendarSpec {
    /// The zone whose local dates count as days.
    pub fn time_zone(&self) -> Tz {
        match self {
            CalendarSpec::Plain(p) => p.time_zone,
            CalendarSpec::Composite(c) => c
                .time_zone
                .or_else(|| c.members.first().map(CalendarSpec::time_zone))
                .unwrap_or(Tz::UTC),
        }
    }

    /// The name given in the document, if any.
    pub fn name(&self) -> Option<&str> {
        match self {
            CalendarSpec::Plain(p) => p.name.as_deref(),
            CalendarSpec::Composite(c) => c.name.as_deref(),
        }
    }

    /// Whether any working time can exist at all, judged from the document alone.
    pub(crate) fn can_ever_work(&self) -> bool {
        match self {
            CalendarSpec::Plain(p) => {
                let weekly = match &p.week {
                    Week::AlwaysOpen => true,
                    Week::Days(days) => days.iter().any(|d| !d.is_empty()),
                };
                weekly
                    || p.overrides.iter().any(|o| !o.hours.is_empty())
                    || p.extra_working_days.iter().any(|x| match &x.hours {
                        ExtraHours::Hours(h) => !h.is_empty(),
                        ExtraHours::Like(day) => !p.week.windows(*day).is_empty(),
                    })
            }
            CalendarSpec::Composite(c) => match c.operation {
                SetOperation::Union => c.members.iter().any(CalendarSpec::can_ever_work),
                SetOperation::Intersection => c.members.iter().all(CalendarSpec::can_ever_work),
                SetOperation::Difference => c.members[0].can_ever_work(),
            },
        }
    }

    /// The earliest year any date in the document names, used to anchor the
    /// load-time check that a calendar works at all.
    pub(crate) fn first_dated_year(&self) -> Option<i32> {
        match self {
            CalendarSpec::Plain(p) => p
                .holidays
                .iter()
                .filter_map(|h| match h.rule {
                    HolidayRule::Date(d) => Some(d),
                    HolidayRule::Range { from, .. } => Some(from),
                    _ => None,
                })
                .chain(p.overrides.iter().map(|o| o.date))
                .chain(p.extra_working_days.iter().map(|x| x.date))
                .map(|d| d.year())
                .min(),
            CalendarSpec::Composite(c) => c
                .members
                .iter()
                .filter_map(CalendarSpec::first_dated_year)
                .min(),
        }
    }
}

// ---------------------------------------------------------------------------
// Serde forms: leaf values by hand, objects derived

const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        TimeOfDay::parse(&text).ok_or_else(|| {
            D::Error::custom(format!(
                "expected a time \"HH:MM\" or \"HH:MM:SS\" from 00:00 to 24:00, found {text:?}"
            ))
        })
    }
}

impl JsonSchema for TimeOfDay {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeOfDay".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^(([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?|24:00(:00)?)$",
            "description": "A local time of day HH:MM or HH:MM:SS; 24:00 ends a day."
        })
    }
}

impl Serialize for Window {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Window {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let items = Vec::<TimeOfDay>::deserialize(d)?;
        let [start, end] = items[..] else {
            return Err(D::Error::custom(format!(
                "a window is [\"HH:MM\", \"HH:MM\"], found {} element(s)",
                items.len()
            )));
        };
        if start == TimeOfDay::END_OF_DAY {
            return Err(at("[0]", "24:00 can only end a window"));
        }
        if end < start {
            return Err(D::Error::custom(format!(
                "end {end} is before start {start}"
            )));
        }
        Window::new(start, end).ok_or_else(|| {
            D::Error::custom(format!("empty window: start and end are both {start}"))
        })
    }
}

impl JsonSchema for Window {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Window".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let time = generator.subschema_for::<TimeOfDay>();
        schemars::json_schema!({
            "type": "array",
            "description": "A half-open window [start, end) of local wall time.",
            "prefixItems": [time, time],
            "items": false,
            "minItems": 2,
            "maxItems": 2
        })
    }
}

/// Reads a list of windows, refusing overlaps (adjacent windows are fine).
fn deserialize_windows<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Window>, D::Error> {
    let windows = Vec::<Window>::deserialize(d)?;
    check_overlaps(&windows).map_err(|(i, reason)| at(&format!("[{i}]"), reason))?;
    Ok(windows)
}

fn deserialize_option_windows<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Vec<Window>>, D::Error> {
    deserialize_windows(d).map(Some)
}

fn check_overlaps(windows: &[Window]) -> Result<(), (usize, String)> {
    for (i, w) in windows.iter().enumerate() {
        if let Some(j) = windows[..i]
            .iter()
            .position(|o| o.start < w.end && w.start < o.end)
        {
            return Err((i, format!("{w} overlaps {} at [{j}]", windows[j])));
        }
    }
    Ok(())
}

mod date_text {
    use super::*;

    pub(super) fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&date.format("%Y-%m-%d"))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        let bytes = text.as_bytes();
        let valid_shape = text.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-';
        valid_shape
            .then(|| NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok())
            .flatten()
            .ok_or_else(|| {
                D::Error::custom(format!("expected a date \"YYYY-MM-DD\", found {text:?}"))
            })
    }
}

mod weekday_key {
    use super::*;

    pub(super) fn serialize<S: Serializer>(day: &Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(WEEKDAY_KEYS[day.num_days_from_monday() as usize])
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Weekday, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        WEEKDAY_KEYS
            .iter()
            .position(|k| *k == text)
            .and_then(|i| Weekday::try_from(i as u8).ok())
            .ok_or_else(|| {
                D::Error::custom(format!(
                    "expected a weekday (mon, tue, wed, thu, fri, sat, sun), found {text:?}"
                ))
            })
    }
}

mod zone_name {
    use super::*;

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(d)?;
        name.parse::<Tz>()
            .map_err(|_| D::Error::custom(format!("unknown time zone {name:?}")))
    }
}

pub(crate) fn deserialize_option_zone<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<Tz>, D::Error> {
    zone_name::deserialize(d).map(Some)
}

pub(crate) fn serialize_option_zone<S: Serializer>(
    zone: &Option<Tz>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match zone {
        Some(zone) => s.serialize_str(zone.name()),
        None => s.serialize_none(),
    }
}

/// The weekly template as written: `"24x7"` or hours per weekday.
impl Serialize for Week {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Week::AlwaysOpen => s.serialize_str("24x7"),
            Week::Days(days) => WeekDays::from(days).serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Week {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Week;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("\"24x7\" or an object of weekdays")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Week, E> {
                if text == "24x7" {
                    Ok(Week::AlwaysOpen)
                } else {
                    Err(E::custom(format!(
                        "expected \"24x7\" or an object of weekdays, found string {text:?}"
                    )))
                }
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Week, A::Error> {
                let days =
                    WeekDays::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
                Ok(Week::Days(days.into()))
            }
        }
        d.deserialize_any(Visitor)
    }
}

impl JsonSchema for Week {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Week".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let days = generator.subschema_for::<WeekDays>();
        schemars::json_schema!({
            "description": "Working hours per weekday (a missing weekday is closed), or \"24x7\".",
            "oneOf": [{"const": "24x7"}, days]
        })
    }
}

/// Hours per weekday; a weekday left out is closed.
#[derive(Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct WeekDays {
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_windows"
    )]
    mon: Vec<Window>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_windows"
    )]
    tue: Vec<Window>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_windows"
    )]
    wed: Vec<Window>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_windows"
    )]
    thu: Vec<Window>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_windows"
    )]
    fri: Vec<Window>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_windows"
    )]
    sat: Vec<Window>,
    #[serde(
        default,
        skip_serializing_if = "Vec::is_empty",
        deserialize_with = "deserialize_windows"
    )]
    sun: Vec<Window>,
}

impl From<&[Vec<Window>; 7]> for WeekDays {
    fn from(days: &[Vec<Window>; 7]) -> Self {
        let [mon, tue, wed, thu, fri, sat, sun] = days.clone();
        WeekDays {
            mon,
            tue,
            wed,
            thu,
            fri,
            sat,
            sun,
        }
    }
}

impl From<WeekDays> for [Vec<Window>; 7] {
    fn from(w: WeekDays) -> Self {
        [w.mon, w.tue, w.wed, w.thu, w.fri, w.sat, w.sun]
    }
}

/// The dates of an nth-weekday holiday.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
struct NthWeekdayDocument {
    /// Month, 1-12.
    #[schemars(range(min = 1, max = 12))]
    month: u32,
    /// The weekday.
    #[serde(with = "weekday_key")]
    #[schemars(with = "crate::schema::WeekdayKey")]
    weekday: Weekday,
    /// 1-5 from the start of the month, -1 (last) to -5 from its end.
    #[schemars(range(min = -5, max = 5), extend("not" = {"const": 0}))]
    n: i8,
}

/// A holiday as written: exactly one of `date`, `from` with `to`, `annual`,
/// `nth_weekday` or `easter`; a `name`; optionally the `closed` part of the day.
#[derive(Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend(
    "oneOf" = [
        {"required": ["date"]},
        {"required": ["from", "to"]},
        {"required": ["annual"]},
        {"required": ["nth_weekday"]},
        {"required": ["easter"]}
    ],
    "dependentRequired" = {"to": ["from"], "observed": ["annual"]}
))]
struct HolidayDocument {
    /// Shown in explanations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// One date.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "option_date")]
    #[schemars(with = "Option<crate::schema::Date>")]
    date: Option<NaiveDate>,
    /// First date of an inclusive range.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "option_date")]
    #[schemars(with = "Option<crate::schema::Date>")]
    from: Option<NaiveDate>,
    /// Last date of an inclusive range.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "option_date")]
    #[schemars(with = "Option<crate::schema::Date>")]
    to: Option<NaiveDate>,
    /// Month and day every year, `MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{2}-\d{2}$"))]
    annual: Option<String>,
    /// How an annual holiday on a weekend is observed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    observed: Option<Observed>,
    /// The nth weekday of a month.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    nth_weekday: Option<NthWeekdayDocument>,
    /// Days from Western Easter Sunday (-2 is Good Friday).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = -366, max = 366))]
    easter: Option<i32>,
    /// The closed part of each day; the whole day when left out.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deserialize_option_windows"
    )]
    #[schemars(length(min = 1))]
    closed: Option<Vec<Window>>,
}

mod option_date {
    use super::*;

    pub(super) fn serialize<S: Serializer>(
        date: &Option<NaiveDate>,
        s: S,
    ) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => date_text::serialize(date, s),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<NaiveDate>, D::Error> {
        date_text::deserialize(d).map(Some)
    }
}

const HOLIDAY_RULES: &str = "`date`, `from` and `to`, `annual`, `nth_weekday` or `easter`";

impl TryFrom<HolidayDocument> for Holiday {
    type Error = DocumentError;

    fn try_from(doc: HolidayDocument) -> Result<Self, DocumentError> {
        let present: Vec<&str> = [
            ("date", doc.date.is_some()),
            ("from", doc.from.is_some()),
            ("annual", doc.annual.is_some()),
            ("nth_weekday", doc.nth_weekday.is_some()),
            ("easter", doc.easter.is_some()),
        ]
        .into_iter()
        .filter_map(|(k, present)| present.then_some(k))
        .collect();
        if present.len() > 1 {
            return Err(DocumentError::here(format!(
                "a holiday has exactly one of {HOLIDAY_RULES}; found {}",
                present.join(", ")
            )));
        }
        if doc.to.is_some() && doc.from.is_none() {
            return Err(DocumentError::at("to", "`to` needs `from`"));
        }
        if doc.observed.is_some() && doc.annual.is_none() {
            return Err(DocumentError::at(
                "observed",
                "`observed` applies to `annual` holidays only",
            ));
        }
        let rule = if let Some(date) = doc.date {
            HolidayRule::Date(date)
        } else if let Some(from) = doc.from {
            let to = doc
                .to
                .ok_or_else(|| DocumentError::here("missing field `to`"))?;
            if to < from {
                return Err(DocumentError::at(
                    "to",
                    format!("{to} is before from {from}"),
                ));
            }
            HolidayRule::Range { from, to }
        } else if let Some(text) = &doc.annual {
            let (month, day) = parse_month_day(text).ok_or_else(|| {
                DocumentError::at(
                    "annual",
                    format!("expected a month and day \"MM-DD\", found {text:?}"),
                )
            })?;
            HolidayRule::Annual {
                month,
                day,
                observed: doc.observed.unwrap_or_default(),
            }
        } else if let Some(nth) = &doc.nth_weekday {
            if !(1..=12).contains(&nth.month) {
                return Err(DocumentError::at(
                    "nth_weekday.month",
                    format!("{} is not between 1 and 12", nth.month),
                ));
            }
            if nth.n == 0 || !(-5..=5).contains(&nth.n) {
                return Err(DocumentError::at(
                    "nth_weekday.n",
                    "n counts from 1 (first) to 5, or from -1 (last) to -5",
                ));
            }
            HolidayRule::NthWeekday {
                month: nth.month,
                weekday: nth.weekday,
                n: nth.n,
            }
        } else if let Some(offset) = doc.easter {
            if !(-366..=366).contains(&offset) {
                return Err(DocumentError::at(
                    "easter",
                    format!("{offset} is not between -366 and 366"),
                ));
            }
            HolidayRule::Easter(offset)
        } else {
            return Err(DocumentError::here(format!(
                "a holiday needs one of {HOLIDAY_RULES}"
            )));
        };
        if doc.closed.as_ref().is_some_and(Vec::is_empty) {
            return Err(DocumentError::at(
                "closed",
                "an empty list closes nothing; leave `closed` out to close the whole day",
            ));
        }
        Ok(Holiday {
            name: doc.name,
            rule,
            closed: doc.closed,
        })
    }
}

impl From<Holiday> for HolidayDocument {
    fn from(h: Holiday) -> Self {
        let mut doc = HolidayDocument {
            name: h.name,
            closed: h.closed,
            ..HolidayDocument::default()
        };
        match h.rule {
            HolidayRule::Date(d) => doc.date = Some(d),
            HolidayRule::Range { from, to } => (doc.from, doc.to) = (Some(from), Some(to)),
            HolidayRule::Annual {
                month,
                day,
                observed,
            } => {
                doc.annual = Some(format!("{month:02}-{day:02}"));
                doc.observed = (observed != Observed::AsIs).then_some(observed);
            }
            HolidayRule::NthWeekday { month, weekday, n } => {
                doc.nth_weekday = Some(NthWeekdayDocument { month, weekday, n })
            }
            HolidayRule::Easter(offset) => doc.easter = Some(offset),
        }
        doc
    }
}

fn parse_month_day(text: &str) -> Option<(u32, u32)> {
    let (m, d) = text.split_once('-')?;
    if m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (month, day): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    // 2000 is a leap year, so 02-29 is accepted and then only matches leap years.
    NaiveDate::from_ymd_opt(2000, month, day).map(|_| (month, day))
}

/// An extra working day as written: a `date` and exactly one of `hours` or `like`.
#[derive(Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(extend("oneOf" = [{"required": ["hours"]}, {"required": ["like"]}]))]
struct ExtraWorkingDayDocument {
    /// The local date.
    #[serde(with = "date_text")]
    #[schemars(with = "crate::schema::Date")]
    date: NaiveDate,
    /// Its windows.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deserialize_option_windows"
    )]
    hours: Option<Vec<Window>>,
    /// The weekday whose windows it takes.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "option_weekday"
    )]
    #[schemars(with = "Option<crate::schema::WeekdayKey>")]
    like: Option<Weekday>,
}

mod option_weekday {
    use super::*;

    pub(super) fn serialize<S: Serializer>(day: &Option<Weekday>, s: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(day) => weekday_key::serialize(day, s),
            None => s.serialize_none(),
        }
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<Weekday>, D::Error> {
        weekday_key::deserialize(d).map(Some)
    }
}

impl TryFrom<ExtraWorkingDayDocument> for ExtraWorkingDay {
    type Error = DocumentError;

    fn try_from(doc: ExtraWorkingDayDocument) -> Result<Self, DocumentError> {
        let hours = match (doc.hours, doc.like) {
            (Some(h), None) => ExtraHours::Hours(h),
            (None, Some(l)) => ExtraHours::Like(l),
            _ => {
                return Err(DocumentError::here(
                    "an extra working day needs exactly one of `hours` or `like`",
                ));
            }
        };
        Ok(ExtraWorkingDay {
            date: doc.date,
            hours,
        })
    }
}

impl From<ExtraWorkingDay> for ExtraWorkingDayDocument {
    fn from(x: ExtraWorkingDay) -> Self {
        let (hours, like) = match x.hours {
            ExtraHours::Hours(h) => (Some(h), None),
            ExtraHours::Like(d) => (None, Some(d)),
        };
        ExtraWorkingDayDocument {
            date: x.date,
            hours,
            like,
        }
    }
}

/// A calendar as written: a plain calendar (`time_zone`, `week`, `holidays`,
/// `overrides`, `extra_working_days`) or a composite one (one of `union`,
/// `intersection`, `difference`, with an optional `time_zone`).
#[derive(Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Calendar",
    extend("oneOf" = [
        {
            "required": ["time_zone", "week"],
            "not": {"anyOf": [{"required": ["union"]}, {"required": ["intersection"]}, {"required": ["difference"]}]}
        },
        {
            "oneOf": [{"required": ["union"]}, {"required": ["intersection"]}, {"required": ["difference"]}],
            "not": {"anyOf": [
                {"required": ["week"]}, {"required": ["holidays"]}, {"required": ["overrides"]},
                {"required": ["extra_working_days"]}
            ]}
        }
    ])
)]
struct CalendarDocument {
    /// Shown in explanations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    /// The IANA zone of the windows; for a composite, the zone whose dates are days.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_option_zone",
        deserialize_with = "deserialize_option_zone"
    )]
    #[schemars(with = "Option<crate::schema::TimeZone>")]
    time_zone: Option<Tz>,
    /// Weekly hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    week: Option<Week>,
    /// Holidays.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    holidays: Vec<Holiday>,
    /// Dated special hours, replacing everything else on the date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    overrides: Vec<DateHours>,
    /// Dates that work although the week or a holiday would close them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    extra_working_days: Vec<ExtraWorkingDay>,
    /// Working when any member works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    union: Option<Vec<CalendarSpec>>,
    /// Working when every member works.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 1))]
    intersection: Option<Vec<CalendarSpec>>,
    /// Working when the first member works and no other does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(length(min = 2))]
    difference: Option<Vec<CalendarSpec>>,
}

impl TryFrom<CalendarDocument> for CalendarSpec {
    type Error = DocumentError;

    fn try_from(doc: CalendarDocument) -> Result<Self, DocumentError> {
        let operations: Vec<(SetOperation, &'static str, Vec<CalendarSpec>)> = [
            (SetOperation::Union, "union", doc.union),
            (SetOperation::Intersection, "intersection", doc.intersection),
            (SetOperation::Difference, "difference", doc.difference),
        ]
        .into_iter()
        .filter_map(|(op, key, members)| members.map(|m| (op, key, m)))
        .collect();
        if operations.len() > 1 {
            return Err(DocumentError::here(
                "a calendar has at most one of `union`, `intersection`, `difference`",
            ));
        }
        let Some((operation, key, members)) = operations.into_iter().next() else {
            let time_zone = doc
                .time_zone
                .ok_or_else(|| DocumentError::here("missing field `time_zone`"))?;
            let week = doc
                .week
                .ok_or_else(|| DocumentError::here("missing field `week`"))?;
            return Ok(CalendarSpec::Plain(PlainCalendar {
                name: doc.name,
                time_zone,
                week,
                holidays: doc.holidays,
                overrides: doc.overrides,
                extra_working_days: doc.extra_working_days,
            }));
        };
        let plain_fields = [
            ("week", doc.week.is_some()),
            ("holidays", !doc.holidays.is_empty()),
            ("overrides", !doc.overrides.is_empty()),
            ("extra_working_days", !doc.extra_working_days.is_empty()),
        ];
        if let Some((field, _)) = plain_fields.iter().find(|(_, present)| *present) {
            return Err(DocumentError::at(
                *field,
                format!("not allowed in a `{key}` calendar"),
            ));
        }
        if members.is_empty() {
            return Err(DocumentError::at(key, "needs at least one calendar"));
        }
        if operation == SetOperation::Difference && members.len() < 2 {
            return Err(DocumentError::at(
                key,
                "needs a base calendar and at least one calendar to take out of it",
            ));
        }
        Ok(CalendarSpec::Composite(CompositeCalendar {
            name: doc.name,
            time_zone: doc.time_zone,
            operation,
            members,
        }))
    }
}

impl From<CalendarSpec> for CalendarDocument {
    fn from(spec: CalendarSpec) -> Self {
        match spec {
            CalendarSpec::Plain(p) => CalendarDocument {
                name: p.name,
                time_zone: Some(p.time_zone),
                week: Some(p.week),
                holidays: p.holidays,
                overrides: p.overrides,
                extra_working_days: p.extra_working_days,
                ..CalendarDocument::default()
            },
            CalendarSpec::Composite(c) => {
                let mut doc = CalendarDocument {
                    name: c.name,
                    time_zone: c.time_zone,
                    ..CalendarDocument::default()
                };
                let members = Some(c.members);
                match c.operation {
                    SetOperation::Union => doc.union = members,
                    SetOperation::Intersection => doc.intersection = members,
                    SetOperation::Difference => doc.difference = members,
                }
                doc
            }
        }
    }
}

pub(crate) use crate::document::DocumentError;

impl CalendarSpec {
    /// Every rule reading a calendar document enforces, for a spec built in
    /// Rust: one kind of calendar, members present, holiday rules in range,
    /// windows that do not overlap.
    pub(crate) fn check(&self) -> Result<(), DocumentError> {
        CalendarSpec::try_from(CalendarDocument::from(self.clone()))?;
        let windows = |list: &[Window], path: &str| {
            check_overlaps(list)
                .map_err(|(i, reason)| DocumentError::at(format!("{path}[{i}]"), reason))
        };
        match self {
            CalendarSpec::Plain(p) => {
                if let Week::Days(days) = &p.week {
                    for (key, day) in WEEKDAY_KEYS.iter().zip(days) {
                        windows(day, &format!("week.{key}"))?;
                    }
                }
                for (i, h) in p.holidays.iter().enumerate() {
                    Holiday::try_from(HolidayDocument::from(h.clone()))
                        .map_err(|e| e.under(&format!("holidays[{i}]")))?;
                    if let Some(closed) = &h.closed {
                        windows(closed, &format!("holidays[{i}].closed"))?;
                    }
                }
                for (i, o) in p.overrides.iter().enumerate() {
                    windows(&o.hours, &format!("overrides[{i}].hours"))?;
                }
                for (i, x) in p.extra_working_days.iter().enumerate() {
                    if let ExtraHours::Hours(hours) = &x.hours {
                        windows(hours, &format!("extra_working_days[{i}].hours"))?;
                    }
                }
            }
            CalendarSpec::Composite(c) => {
                let key = match c.operation {
                    SetOperation::Union => "union",
                    SetOperation::Intersection => "intersection",
                    SetOperation::Difference => "difference",
                };
                for (i, member) in c.members.iter().enumerate() {
                    member
                        .check()
                        .map_err(|e| e.under(&format!("{key}[{i}]")))?;
                }
            }
        }
        Ok(())
    }
}
