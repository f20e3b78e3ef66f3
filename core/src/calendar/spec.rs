//! The calendar document: its types, how it is read (with path-naming errors) and
//! how it is written back.
//!
//! The JSON form is described in `docs/ARCHITECTURE.md` (section "Calendars and
//! business time"); `docs/calendar-format.md` lists every field.

use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};
use chrono_tz::Tz;
use serde_json::{Map, Value, json};

use crate::config::Node;
use crate::error::Result;

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

    fn parse(text: &str) -> Option<TimeOfDay> {
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// Shown in explanations.
    pub name: Option<String>,
    /// The dates it covers.
    pub rule: HolidayRule,
    /// The closed part of each day; `None` closes the whole day.
    pub closed: Option<Vec<Window>>,
}

/// Special hours on one date, replacing everything else (an empty list closes it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateHours {
    /// The local date.
    pub date: NaiveDate,
    /// Its windows.
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
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl SetOperation {
    const ALL: [SetOperation; 3] = [
        SetOperation::Union,
        SetOperation::Intersection,
        SetOperation::Difference,
    ];

    fn key(self) -> &'static str {
        match self {
            SetOperation::Union => "union",
            SetOperation::Intersection => "intersection",
            SetOperation::Difference => "difference",
        }
    }
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
#[derive(Debug, Clone, PartialEq, Eq)]
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
// Reading

const PLAIN_FIELDS: &[&str] = &[
    "name",
    "time_zone",
    "week",
    "holidays",
    "overrides",
    "extra_working_days",
];
const COMPOSITE_FIELDS: &[&str] = &["name", "time_zone", "union", "intersection", "difference"];
const ALL_FIELDS: &[&str] = &[
    "name",
    "time_zone",
    "week",
    "holidays",
    "overrides",
    "extra_working_days",
    "union",
    "intersection",
    "difference",
];
const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

pub(crate) fn read_calendar(node: &Node<'_>) -> Result<CalendarSpec> {
    let obj = node.object(ALL_FIELDS)?;
    let operations: Vec<SetOperation> = SetOperation::ALL
        .into_iter()
        .filter(|op| obj.has(op.key()))
        .collect();
    let name = obj
        .get("name")
        .map(|n| n.str().map(str::to_owned))
        .transpose()?;
    match operations.as_slice() {
        [] => {
            node.object(PLAIN_FIELDS)?;
            let time_zone = read_zone(&obj.required("time_zone")?)?;
            let week = read_week(&obj.required("week")?)?;
            let holidays = read_list(obj.get("holidays"), read_holiday)?;
            let overrides = read_list(obj.get("overrides"), read_date_hours)?;
            let extra_working_days = read_list(obj.get("extra_working_days"), read_extra_day)?;
            Ok(CalendarSpec::Plain(PlainCalendar {
                name,
                time_zone,
                week,
                holidays,
                overrides,
                extra_working_days,
            }))
        }
        [operation] => {
            if let Some(plain) = PLAIN_FIELDS
                .iter()
                .find(|f| !COMPOSITE_FIELDS.contains(f) && obj.has(f))
            {
                return Err(obj.get(plain).map_or_else(
                    || node.error("mixed fields"),
                    |n| n.error(format!("not allowed in a `{}` calendar", operation.key())),
                ));
            }
            let time_zone = obj.get("time_zone").map(|z| read_zone(&z)).transpose()?;
            let list = obj.required(operation.key())?;
            let members = list
                .items()?
                .iter()
                .map(read_calendar)
                .collect::<Result<Vec<_>>>()?;
            if members.is_empty() {
                return Err(list.error("needs at least one calendar"));
            }
            if *operation == SetOperation::Difference && members.len() < 2 {
                return Err(
                    list.error("needs a base calendar and at least one calendar to take out of it")
                );
            }
            Ok(CalendarSpec::Composite(CompositeCalendar {
                name,
                time_zone,
                operation: *operation,
                members,
            }))
        }
        _ => Err(node.error("a calendar has at most one of `union`, `intersection`, `difference`")),
    }
}

fn read_list<T>(node: Option<Node<'_>>, read: fn(&Node<'_>) -> Result<T>) -> Result<Vec<T>> {
    match node {
        None => Ok(Vec::new()),
        Some(node) => node.items()?.iter().map(read).collect(),
    }
}

fn read_zone(node: &Node<'_>) -> Result<Tz> {
    let name = node.str()?;
    name.parse::<Tz>()
        .map_err(|_| node.error(format!("unknown time zone {name:?}")))
}

fn read_week(node: &Node<'_>) -> Result<Week> {
    if let Some(text) = node.value().as_str() {
        return if text == "24x7" {
            Ok(Week::AlwaysOpen)
        } else {
            Err(node.error(format!(
                "expected \"24x7\" or an object of weekdays, found string {text:?}"
            )))
        };
    }
    let obj = node.object(&WEEKDAY_KEYS)?;
    let mut days: [Vec<Window>; 7] = Default::default();
    for (key, day) in WEEKDAY_KEYS.iter().zip(days.iter_mut()) {
        if let Some(windows) = obj.get(key) {
            *day = read_windows(&windows)?;
        }
    }
    Ok(Week::Days(days))
}

/// A list of windows, refusing overlaps (adjacent windows are fine).
pub(crate) fn read_windows(node: &Node<'_>) -> Result<Vec<Window>> {
    let items = node.items()?;
    let windows = items.iter().map(read_window).collect::<Result<Vec<_>>>()?;
    for (i, w) in windows.iter().enumerate() {
        if let Some(j) = windows[..i]
            .iter()
            .position(|o| o.start < w.end && w.start < o.end)
        {
            return Err(items[i].error(format!(
                "{w} overlaps {} at {}",
                windows[j],
                items[j].path()
            )));
        }
    }
    Ok(windows)
}

fn read_window(node: &Node<'_>) -> Result<Window> {
    let items = node.items()?;
    let [start_node, end_node] = items.as_slice() else {
        return Err(node.error(format!(
            "a window is [\"HH:MM\", \"HH:MM\"], found {} element(s)",
            items.len()
        )));
    };
    let start = read_time(start_node)?;
    let end = read_time(end_node)?;
    if start == TimeOfDay::END_OF_DAY {
        return Err(start_node.error("24:00 can only end a window"));
    }
    if end < start {
        return Err(node.error(format!("end {end} is before start {start}")));
    }
    Window::new(start, end)
        .ok_or_else(|| node.error(format!("empty window: start and end are both {start}")))
}

fn read_time(node: &Node<'_>) -> Result<TimeOfDay> {
    let text = node.str()?;
    TimeOfDay::parse(text).ok_or_else(|| {
        node.error(format!(
            "expected a time \"HH:MM\" or \"HH:MM:SS\" from 00:00 to 24:00, found {text:?}"
        ))
    })
}

fn read_date(node: &Node<'_>) -> Result<NaiveDate> {
    let text = node.str()?;
    let valid_shape = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    valid_shape
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| node.error(format!("expected a date \"YYYY-MM-DD\", found {text:?}")))
}

fn read_weekday(node: &Node<'_>) -> Result<Weekday> {
    let text = node.str()?;
    WEEKDAY_KEYS
        .iter()
        .position(|k| *k == text)
        .and_then(|i| Weekday::try_from(i as u8).ok())
        .ok_or_else(|| {
            node.error(format!(
                "expected a weekday (mon, tue, wed, thu, fri, sat, sun), found {text:?}"
            ))
        })
}

const HOLIDAY_RULES: &str = "`date`, `from` and `to`, `annual`, `nth_weekday` or `easter`";

fn read_holiday(node: &Node<'_>) -> Result<Holiday> {
    let obj = node.object(&[
        "name",
        "date",
        "from",
        "to",
        "annual",
        "observed",
        "nth_weekday",
        "easter",
        "closed",
    ])?;
    let name = obj
        .get("name")
        .map(|n| n.str().map(str::to_owned))
        .transpose()?;
    let present: Vec<&str> = ["date", "from", "annual", "nth_weekday", "easter"]
        .into_iter()
        .filter(|k| obj.has(k))
        .collect();
    let rule = match present.as_slice() {
        ["date"] => HolidayRule::Date(read_date(&obj.required("date")?)?),
        ["from"] => {
            let from = read_date(&obj.required("from")?)?;
            let to_node = obj.required("to")?;
            let to = read_date(&to_node)?;
            if to < from {
                return Err(to_node.error(format!("{to} is before from {from}")));
            }
            HolidayRule::Range { from, to }
        }
        ["annual"] => {
            let annual = obj.required("annual")?;
            let text = annual.str()?;
            let (month, day) = parse_month_day(text).ok_or_else(|| {
                annual.error(format!(
                    "expected a month and day \"MM-DD\", found {text:?}"
                ))
            })?;
            let observed = match obj.get("observed") {
                None => Observed::AsIs,
                Some(o) => match o.str()? {
                    "as_is" => Observed::AsIs,
                    "nearest_weekday" => Observed::NearestWeekday,
                    "next_monday" => Observed::NextMonday,
                    other => {
                        return Err(o.error(format!(
                            "expected \"as_is\", \"nearest_weekday\" or \"next_monday\", found {other:?}"
                        )));
                    }
                },
            };
            HolidayRule::Annual {
                month,
                day,
                observed,
            }
        }
        ["nth_weekday"] => {
            let spec = obj.required("nth_weekday")?;
            let fields = spec.object(&["month", "weekday", "n"])?;
            let month = fields.required("month")?.int_in(1..=12)? as u32;
            let weekday = read_weekday(&fields.required("weekday")?)?;
            let n_node = fields.required("n")?;
            let n = n_node.int_in(-5..=5)?;
            if n == 0 {
                return Err(n_node.error("n counts from 1 (first) or from -1 (last); 0 is neither"));
            }
            HolidayRule::NthWeekday {
                month,
                weekday,
                n: n as i8,
            }
        }
        ["easter"] => HolidayRule::Easter(obj.required("easter")?.int_in(-366..=366)? as i32),
        [] => return Err(node.error(format!("a holiday needs one of {HOLIDAY_RULES}"))),
        _ => {
            return Err(node.error(format!(
                "a holiday has exactly one of {HOLIDAY_RULES}; found {}",
                present.join(", ")
            )));
        }
    };
    if obj.has("to") && !obj.has("from") {
        return Err(obj.required("to")?.error("`to` needs `from`"));
    }
    if obj.has("observed") && !matches!(rule, HolidayRule::Annual { .. }) {
        return Err(obj
            .required("observed")?
            .error("`observed` applies to `annual` holidays only"));
    }
    let closed = obj.get("closed").map(|c| read_windows(&c)).transpose()?;
    if let (Some(c), Some(windows)) = (obj.get("closed"), &closed) {
        if windows.is_empty() {
            return Err(
                c.error("an empty list closes nothing; leave `closed` out to close the whole day")
            );
        }
    }
    Ok(Holiday { name, rule, closed })
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

fn read_date_hours(node: &Node<'_>) -> Result<DateHours> {
    let obj = node.object(&["date", "hours"])?;
    Ok(DateHours {
        date: read_date(&obj.required("date")?)?,
        hours: read_windows(&obj.required("hours")?)?,
    })
}

fn read_extra_day(node: &Node<'_>) -> Result<ExtraWorkingDay> {
    let obj = node.object(&["date", "hours", "like"])?;
    let date = read_date(&obj.required("date")?)?;
    let hours = match (obj.get("hours"), obj.get("like")) {
        (Some(h), None) => ExtraHours::Hours(read_windows(&h)?),
        (None, Some(l)) => ExtraHours::Like(read_weekday(&l)?),
        _ => return Err(node.error("an extra working day needs exactly one of `hours` or `like`")),
    };
    Ok(ExtraWorkingDay { date, hours })
}

// ---------------------------------------------------------------------------
// Writing

fn windows_value(windows: &[Window]) -> Value {
    Value::Array(
        windows
            .iter()
            .map(|w| json!([w.start.to_string(), w.end.to_string()]))
            .collect(),
    )
}

fn weekday_key(weekday: Weekday) -> &'static str {
    WEEKDAY_KEYS[weekday.num_days_from_monday() as usize]
}

fn date_value(date: NaiveDate) -> Value {
    Value::String(date.format("%Y-%m-%d").to_string())
}

impl CalendarSpec {
    /// The document as JSON data, in the form [`crate::Calendar::from_value`] reads.
    /// Empty lists and absent names are left out.
    pub fn to_value(&self) -> Value {
        let mut map = Map::new();
        if let Some(name) = self.name() {
            map.insert("name".into(), name.into());
        }
        match self {
            CalendarSpec::Plain(p) => {
                map.insert("time_zone".into(), p.time_zone.name().into());
                let week = match &p.week {
                    Week::AlwaysOpen => Value::from("24x7"),
                    Week::Days(days) => Value::Object(
                        WEEKDAY_KEYS
                            .iter()
                            .zip(days)
                            .filter(|(_, d)| !d.is_empty())
                            .map(|(k, d)| ((*k).to_owned(), windows_value(d)))
                            .collect(),
                    ),
                };
                map.insert("week".into(), week);
                if !p.holidays.is_empty() {
                    map.insert(
                        "holidays".into(),
                        p.holidays.iter().map(holiday_value).collect(),
                    );
                }
                if !p.overrides.is_empty() {
                    let list = p
                        .overrides
                        .iter()
                        .map(|o| json!({"date": date_value(o.date), "hours": windows_value(&o.hours)}))
                        .collect();
                    map.insert("overrides".into(), list);
                }
                if !p.extra_working_days.is_empty() {
                    let list = p
                        .extra_working_days
                        .iter()
                        .map(|x| match &x.hours {
                            ExtraHours::Hours(h) => {
                                json!({"date": date_value(x.date), "hours": windows_value(h)})
                            }
                            ExtraHours::Like(d) => {
                                json!({"date": date_value(x.date), "like": weekday_key(*d)})
                            }
                        })
                        .collect();
                    map.insert("extra_working_days".into(), list);
                }
            }
            CalendarSpec::Composite(c) => {
                if let Some(zone) = c.time_zone {
                    map.insert("time_zone".into(), zone.name().into());
                }
                map.insert(
                    c.operation.key().into(),
                    c.members.iter().map(CalendarSpec::to_value).collect(),
                );
            }
        }
        Value::Object(map)
    }
}

fn holiday_value(h: &Holiday) -> Value {
    let mut map = Map::new();
    if let Some(name) = &h.name {
        map.insert("name".into(), name.as_str().into());
    }
    match &h.rule {
        HolidayRule::Date(d) => {
            map.insert("date".into(), date_value(*d));
        }
        HolidayRule::Range { from, to } => {
            map.insert("from".into(), date_value(*from));
            map.insert("to".into(), date_value(*to));
        }
        HolidayRule::Annual {
            month,
            day,
            observed,
        } => {
            map.insert("annual".into(), format!("{month:02}-{day:02}").into());
            let observed = match observed {
                Observed::AsIs => None,
                Observed::NearestWeekday => Some("nearest_weekday"),
                Observed::NextMonday => Some("next_monday"),
            };
            if let Some(o) = observed {
                map.insert("observed".into(), o.into());
            }
        }
        HolidayRule::NthWeekday { month, weekday, n } => {
            map.insert(
                "nth_weekday".into(),
                json!({"month": month, "weekday": weekday_key(*weekday), "n": n}),
            );
        }
        HolidayRule::Easter(offset) => {
            map.insert("easter".into(), (*offset).into());
        }
    }
    if let Some(closed) = &h.closed {
        map.insert("closed".into(), windows_value(closed));
    }
    Value::Object(map)
}

/// Writes the document as [`CalendarSpec::to_value`] does.
impl serde::Serialize for CalendarSpec {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(serializer)
    }
}

/// Reads the document with the same validation as [`crate::Calendar::from_value`]
/// (apart from the never-works check, which needs the calendar compiled); the
/// error message names the path of the bad field.
impl<'de> serde::Deserialize<'de> for CalendarSpec {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        read_calendar(&Node::root(&value)).map_err(serde::de::Error::custom)
    }
}
