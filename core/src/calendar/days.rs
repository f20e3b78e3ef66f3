//! Which hours a local date has: the week template, holidays, overrides and extra
//! working days resolved for one plain calendar over a range of years.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::spec::{ExtraHours, HolidayRule, Observed, PlainCalendar, TimeOfDay, Window};

/// A plain calendar's rules with its dated entries indexed for a range of years.
pub(crate) struct DayRules<'a> {
    calendar: &'a PlainCalendar,
    /// Closed parts per date from holidays; `None` closes the whole day.
    closures: HashMap<NaiveDate, Option<Vec<Window>>>,
    overrides: HashMap<NaiveDate, &'a [Window]>,
    extra: HashMap<NaiveDate, &'a ExtraHours>,
}

impl<'a> DayRules<'a> {
    /// Indexes the calendar for local dates in the years `first_year..=last_year`.
    pub(crate) fn new(calendar: &'a PlainCalendar, first_year: i32, last_year: i32) -> Self {
        let mut closures: HashMap<NaiveDate, Option<Vec<Window>>> = HashMap::new();
        for holiday in &calendar.holidays {
            for date in holiday_dates(&holiday.rule, first_year, last_year) {
                let entry = closures.entry(date).or_insert_with(|| Some(Vec::new()));
                match (&holiday.closed, entry.as_mut()) {
                    (None, _) => *entry = None,
                    (Some(parts), Some(existing)) => existing.extend_from_slice(parts),
                    (Some(_), None) => {}
                }
            }
        }
        DayRules {
            calendar,
            closures,
            overrides: calendar
                .overrides
                .iter()
                .map(|o| (o.date, o.hours.as_slice()))
                .collect(),
            extra: calendar
                .extra_working_days
                .iter()
                .map(|x| (x.date, &x.hours))
                .collect(),
        }
    }

    /// The working windows of `date`, sorted and disjoint.
    pub(crate) fn windows(&self, date: NaiveDate) -> Vec<Window> {
        let week = &self.calendar.week;
        let mut windows = if let Some(hours) = self.overrides.get(&date) {
            hours.to_vec()
        } else if let Some(extra) = self.extra.get(&date) {
            match extra {
                ExtraHours::Hours(hours) => hours.clone(),
                ExtraHours::Like(weekday) => week.windows(*weekday).to_vec(),
            }
        } else {
            match self.closures.get(&date) {
                None => week.windows(date.weekday()).to_vec(),
                Some(None) => Vec::new(),
                Some(Some(closed)) => subtract_windows(week.windows(date.weekday()), closed),
            }
        };
        windows.sort();
        windows
    }
}

/// The holidays of `calendar` in `first_year..=last_year` that decide a date's
/// hours (no override or extra working day takes precedence), with their names.
pub(crate) fn holidays_in(
    calendar: &PlainCalendar,
    first_year: i32,
    last_year: i32,
) -> Vec<(NaiveDate, Option<String>)> {
    let decided_otherwise = |date: &NaiveDate| {
        calendar.overrides.iter().any(|o| o.date == *date)
            || calendar.extra_working_days.iter().any(|x| x.date == *date)
    };
    let mut out: Vec<(NaiveDate, Option<String>)> = calendar
        .holidays
        .iter()
        .flat_map(|h| {
            holiday_dates(&h.rule, first_year, last_year)
                .into_iter()
                .map(move |d| (d, h.name.clone()))
        })
        .filter(|(d, _)| !decided_otherwise(d))
        .collect();
    out.sort();
    out
}

/// `base` minus every window of `closed`.
fn subtract_windows(base: &[Window], closed: &[Window]) -> Vec<Window> {
    let mut result = base.to_vec();
    for cut in closed {
        result = result
            .into_iter()
            .flat_map(|w| {
                let before = Window::new(w.start, w.end.min(cut.start));
                let after = Window::new(w.start.max(cut.end), w.end);
                before.into_iter().chain(after)
            })
            .collect();
    }
    result
}

/// The dates a holiday rule covers within `first_year..=last_year`.
fn holiday_dates(rule: &HolidayRule, first_year: i32, last_year: i32) -> Vec<NaiveDate> {
    let years = first_year..=last_year;
    match *rule {
        HolidayRule::Date(date) => years
            .contains(&date.year())
            .then_some(date)
            .into_iter()
            .collect(),
        HolidayRule::Range { from, to } => {
            let (Some(lo), Some(hi)) = (
                NaiveDate::from_ymd_opt(first_year, 1, 1),
                NaiveDate::from_ymd_opt(last_year, 12, 31),
            ) else {
                return Vec::new();
            };
            let (from, to) = (from.max(lo), to.min(hi));
            from.iter_days().take_while(|d| *d <= to).collect()
        }
        HolidayRule::Annual {
            month,
            day,
            observed,
        } => years
            .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
            .map(|d| observe(d, observed))
            .collect(),
        HolidayRule::NthWeekday { month, weekday, n } => years
            .filter_map(|y| nth_weekday(y, month, weekday, n))
            .collect(),
        HolidayRule::Easter(offset) => years
            .filter_map(|y| {
                let easter = easter_sunday(y)?;
                if offset >= 0 {
                    easter.checked_add_days(Days::new(offset as u64))
                } else {
                    easter.checked_sub_days(Days::new(offset.unsigned_abs() as u64))
                }
            })
            .collect(),
    }
}

fn observe(date: NaiveDate, observed: Observed) -> NaiveDate {
    let shift = match (observed, date.weekday()) {
        (Observed::NearestWeekday, Weekday::Sat) => -1,
        (Observed::NearestWeekday, Weekday::Sun) => 1,
        (Observed::NextMonday, Weekday::Sat) => 2,
        (Observed::NextMonday, Weekday::Sun) => 1,
        _ => 0,
    };
    date.checked_add_signed(chrono::TimeDelta::days(shift))
        .unwrap_or(date)
}

/// The `n`th `weekday` of a month; negative `n` counts from the month's end.
pub(crate) fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i8) -> Option<NaiveDate> {
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8)
    } else {
        let first_of_next = if month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, month + 1, 1)?
        };
        let last = first_of_next.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        let date = last.checked_sub_days(Days::new(
            u64::from(back) + 7 * (u64::from(n.unsigned_abs()) - 1),
        ))?;
        (date.month() == month).then_some(date)
    }
}

/// Western Easter Sunday (Gregorian computus, the anonymous algorithm).
pub(crate) fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// Whole seconds of a time of day in milliseconds.
pub(crate) fn time_ms(t: TimeOfDay) -> i64 {
    i64::from(t.seconds()) * 1000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn easter_dates_match_the_published_tables() {
        assert_eq!(easter_sunday(2024), Some(date(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(date(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(date(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(date(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(date(2038, 4, 25)));
        assert_eq!(easter_sunday(2285), Some(date(2285, 3, 22)));
        assert_eq!(easter_sunday(1943), Some(date(1943, 4, 25)));
    }

    #[test]
    fn nth_weekday_counts_from_either_end() {
        assert_eq!(
            nth_weekday(2026, 11, Weekday::Thu, 4),
            Some(date(2026, 11, 26))
        );
        assert_eq!(
            nth_weekday(2026, 5, Weekday::Mon, -1),
            Some(date(2026, 5, 25))
        );
        assert_eq!(
            nth_weekday(2026, 12, Weekday::Thu, -1),
            Some(date(2026, 12, 31))
        );
        assert_eq!(nth_weekday(2026, 2, Weekday::Mon, 5), None);
        assert_eq!(nth_weekday(2026, 2, Weekday::Mon, -5), None);
        assert_eq!(
            nth_weekday(2026, 3, Weekday::Sun, -5),
            Some(date(2026, 3, 1))
        );
    }

    #[test]
    fn observed_moves_weekend_holidays() {
        // 2026-07-04 is a Saturday, 2027-07-04 a Sunday.
        assert_eq!(
            observe(date(2026, 7, 4), Observed::NearestWeekday),
            date(2026, 7, 3)
        );
        assert_eq!(
            observe(date(2027, 7, 4), Observed::NearestWeekday),
            date(2027, 7, 5)
        );
        assert_eq!(
            observe(date(2026, 7, 4), Observed::NextMonday),
            date(2026, 7, 6)
        );
        assert_eq!(observe(date(2026, 7, 4), Observed::AsIs), date(2026, 7, 4));
    }

    #[test]
    fn closed_parts_are_cut_out_of_the_day() {
        let w = |a: u32, b: u32| {
            Window::new(
                TimeOfDay::from_hms(a, 0, 0).unwrap(),
                TimeOfDay::from_hms(b, 0, 0).unwrap(),
            )
            .unwrap()
        };
        assert_eq!(subtract_windows(&[w(9, 17)], &[w(12, 24)]), vec![w(9, 12)]);
        assert_eq!(
            subtract_windows(&[w(9, 17)], &[w(11, 12)]),
            vec![w(9, 11), w(12, 17)]
        );
        assert_eq!(
            subtract_windows(&[w(9, 13), w(14, 18)], &[w(0, 24)]),
            vec![]
        );
    }
}
