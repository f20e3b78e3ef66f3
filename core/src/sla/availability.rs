//! Availability of a service: outages against agreed service hours, less
//! agreed maintenance, over a calendar month or a rolling window, with the
//! target, the error budget left and the rate at which it burns.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::calendar::Calendar;
use crate::document::{self, DocumentError, Kind};
use crate::error::{Error, Result};
use crate::time::{
    DAY_MS, Millis, Span, check_range, difference, from_millis, intersection, merged, ms, to_millis,
};

/// What availability is measured against: service hours, a target, outages and
/// agreed maintenance windows.
///
/// JSON form:
/// ```json
/// {"service_hours": {"time_zone": "Europe/Berlin", "week": "24x7"}, "target": 99.9,
///  "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:45:00Z"},
///              {"start": "2026-11-20T08:00:00Z", "end": null}],
///  "maintenance": [{"start": "2026-11-08T01:00:00Z", "end": "2026-11-08T03:00:00Z"}]}
/// ```
/// `service_hours` is a calendar document (24x7 UTC when left out); the target
/// has at most three decimals (99.999); an outage whose `end` is null or left
/// out is still going on at `now`.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Availability {
    /// The agreed service hours.
    #[serde(default = "Calendar::twenty_four_seven")]
    service_hours: Calendar,
    /// The target in thousandths of a percent (99.999 % is 99999).
    #[schemars(
        description = "The availability target in percent, at most three decimals (99.9, 99.999)."
    )]
    #[serde(
        rename = "target",
        serialize_with = "serialize_target",
        deserialize_with = "deserialize_target"
    )]
    #[schemars(with = "f64", range(min = 0, max = 100))]
    target_thousandths: u32,
    /// Outages; one without an end is still going on.
    #[serde(default, deserialize_with = "deserialize_outages")]
    outages: Vec<Outage>,
    /// Agreed maintenance, left out of both sides.
    #[serde(default, deserialize_with = "deserialize_maintenance")]
    maintenance: Vec<Maintenance>,
}

/// An outage of the service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Outage {
    /// The host's id for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// When it began.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub start: DateTime<Utc>,
    /// When it ended; `None` while it goes on.
    #[serde(default, with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub end: Option<DateTime<Utc>>,
}

/// An agreed maintenance window.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Maintenance {
    /// The host's id for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// First instant.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub start: DateTime<Utc>,
    /// First instant after.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub end: DateTime<Utc>,
}

fn serialize_target<S: serde::Serializer>(
    thousandths: &u32,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(f64::from(*thousandths) / 1000.0)
}

fn deserialize_target<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<u32, D::Error> {
    let target = f64::deserialize(d)?;
    let thousandths = (target * 1000.0).round();
    if !(0.0..=100.0).contains(&target) || (thousandths - target * 1000.0).abs() > 1e-6 {
        return Err(serde::de::Error::custom(format!(
            "expected a percentage from 0 to 100 with at most three decimals, found {target}"
        )));
    }
    Ok(thousandths as u32)
}

fn deserialize_outages<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<Outage>, D::Error> {
    let outages = Vec::<Outage>::deserialize(d)?;
    for (i, o) in outages.iter().enumerate() {
        if o.end.is_some_and(|end| end < o.start) {
            return Err(document::at(&format!("[{i}].end"), "is before `start`"));
        }
    }
    Ok(outages)
}

fn deserialize_maintenance<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Vec<Maintenance>, D::Error> {
    let windows = Vec::<Maintenance>::deserialize(d)?;
    for (i, w) in windows.iter().enumerate() {
        if w.end < w.start {
            return Err(document::at(&format!("[{i}].end"), "is before `start`"));
        }
    }
    Ok(windows)
}

/// The period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(try_from = "PeriodDocument", into = "PeriodDocument")]
pub enum Period {
    /// A calendar month in the service hours' zone (`{"month": "2026-11"}`).
    Month {
        /// The year.
        year: i32,
        /// The month, 1-12.
        month: u32,
    },
    /// The `days` days of 24 hours ending at `now` (`{"rolling_days": 30}`).
    Rolling {
        /// 7, 30, 90 or any number of days.
        days: u32,
    },
    /// Any interval (`{"from": ..., "to": ...}`).
    Between {
        /// First instant.
        from: DateTime<Utc>,
        /// First instant after.
        to: DateTime<Utc>,
    },
}

/// A period as written: exactly one of `month`, `rolling_days`, or `from` with `to`.
#[derive(Clone, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Period",
    extend("oneOf" = [{"required": ["month"]}, {"required": ["rolling_days"]}, {"required": ["from", "to"]}])
)]
struct PeriodDocument {
    /// A calendar month `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^\d{4}-\d{2}$"))]
    month: Option<String>,
    /// Days of 24 hours ending at `now`, 1 to 3660.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 3660))]
    rolling_days: Option<u32>,
    /// First instant.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "Option<crate::schema::Instant>")]
    from: Option<DateTime<Utc>>,
    /// First instant after.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "document::option_instant"
    )]
    #[schemars(with = "Option<crate::schema::Instant>")]
    to: Option<DateTime<Utc>>,
}

impl TryFrom<PeriodDocument> for Period {
    type Error = DocumentError;

    fn try_from(doc: PeriodDocument) -> std::result::Result<Self, DocumentError> {
        match (doc.month, doc.rolling_days, doc.from, doc.to) {
            (Some(text), None, None, None) => {
                let parsed = text
                    .split_once('-')
                    .filter(|(y, mo)| y.len() == 4 && mo.len() == 2)
                    .and_then(|(y, mo)| Some((y.parse::<i32>().ok()?, mo.parse::<u32>().ok()?)))
                    .filter(|(_, mo)| (1..=12).contains(mo));
                let (year, month) = parsed.ok_or_else(|| {
                    DocumentError::at(
                        "month",
                        format!("expected a month \"YYYY-MM\", found {text:?}"),
                    )
                })?;
                Ok(Period::Month { year, month })
            }
            (None, Some(days), None, None) => {
                if !(1..=3660).contains(&days) {
                    return Err(DocumentError::at(
                        "rolling_days",
                        format!("{days} is not between 1 and 3660"),
                    ));
                }
                Ok(Period::Rolling { days })
            }
            (None, None, Some(from), Some(to)) => {
                if to < from {
                    return Err(DocumentError::at("to", "is before `from`"));
                }
                Ok(Period::Between { from, to })
            }
            (None, None, Some(_), None) => Err(DocumentError::here("missing field `to`")),
            _ => Err(DocumentError::here(
                "a period has exactly one of `month`, `rolling_days`, or `from` with `to`",
            )),
        }
    }
}

impl From<Period> for PeriodDocument {
    fn from(period: Period) -> Self {
        match period {
            Period::Month { year, month } => PeriodDocument {
                month: Some(format!("{year:04}-{month:02}")),
                ..PeriodDocument::default()
            },
            Period::Rolling { days } => PeriodDocument {
                rolling_days: Some(days),
                ..PeriodDocument::default()
            },
            Period::Between { from, to } => PeriodDocument {
                from: Some(from),
                to: Some(to),
                ..PeriodDocument::default()
            },
        }
    }
}

impl Period {
    /// Reads a period from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] for malformed JSON or a bad field.
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::Period;
    /// assert_eq!(Period::from_json(r#"{"rolling_days": 30}"#).unwrap(), Period::Rolling { days: 30 });
    /// ```
    pub fn from_json(text: &str) -> Result<Period> {
        document::from_json(Kind::Config, text)
    }

    /// Reads a period from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<Period> {
        document::from_value(Kind::Config, value)
    }

    /// The period's `[start, end)` as of `now`, a month's in `zone`.
    pub(crate) fn bounds(self, zone: Tz, now: Millis) -> Result<Span> {
        let (start, end) = match self {
            Period::Month { year, month } => {
                let first = |y: i32, m: u32| -> Result<Millis> {
                    let date = NaiveDate::from_ymd_opt(y, m, 1).ok_or_else(|| {
                        Error::invalid_argument("period", format!("no month {y}-{m:02}"))
                    })?;
                    Ok(crate::calendar::start_of_local_day(zone, date))
                };
                let (ny, nm) = if month == 12 {
                    (year + 1, 1)
                } else {
                    (year, month + 1)
                };
                (first(year, month)?, first(ny, nm)?)
            }
            Period::Rolling { days } => (now - i64::from(days) * DAY_MS, now),
            Period::Between { from, to } => (to_millis(from)?, to_millis(to)?),
        };
        check_range(start).map_err(|e| Error::invalid_argument("period", e.to_string()))?;
        Ok((start, end))
    }
}

/// An availability report for one period, as of `now`.
///
/// Durations are milliseconds of agreed service time: service hours less
/// maintenance. Figures "so far" stop at `now` for a period still running.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AvailabilityReport {
    /// First instant of the period.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub period_start: DateTime<Utc>,
    /// First instant after the period.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub period_end: DateTime<Utc>,
    /// Agreed service time in the whole period.
    #[serde(rename = "agreed_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub agreed: TimeDelta,
    /// Agreed service time from the period's start to `now` (or its end).
    #[serde(rename = "agreed_so_far_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub agreed_so_far: TimeDelta,
    /// Outage time within agreed service time, so far.
    #[serde(rename = "downtime_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub downtime: TimeDelta,
    /// Agreed time up so far as a share of agreed time so far, unrounded;
    /// `None` when no service time has passed yet.
    pub availability_percent: Option<f64>,
    /// The target, in percent.
    pub target_percent: f64,
    /// Whether availability so far meets the target (true with no service time yet).
    pub met: bool,
    /// Downtime the target allows over the whole period.
    #[serde(rename = "allowed_downtime_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub allowed_downtime: TimeDelta,
    /// Allowed downtime not yet used; negative once the target is missed.
    #[serde(rename = "error_budget_remaining_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub error_budget_remaining: TimeDelta,
    /// The remaining budget as a share of the allowed downtime (`None` for a
    /// 100 % target).
    pub error_budget_remaining_percent: Option<f64>,
    /// How fast the budget burns: the downtime share so far divided by the
    /// share the target allows; 1.0 uses exactly the budget by the period's end.
    pub burn_rate: Option<f64>,
    /// How many outages overlap agreed service time in the period so far.
    pub outages_counted: u32,
}

impl AvailabilityReport {
    /// The report as JSON data, with instants in the canonical form.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }
}

impl Availability {
    /// Reads the availability input from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the bad field.
    pub fn from_json(text: &str) -> Result<Availability> {
        document::from_json(Kind::Config, text)
    }

    /// Reads the availability input from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<Availability> {
        document::from_value(Kind::Config, value)
    }

    /// The document as JSON data; [`Availability::from_value`] reads it back.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// Maintenance windows, sorted and merged.
    fn maintenance_spans(&self) -> Vec<Span> {
        merged(
            self.maintenance
                .iter()
                .map(|w| (w.start.timestamp_millis(), w.end.timestamp_millis()))
                .collect(),
        )
    }

    /// The report for `period` as of `now`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when a rolling window or the period does not
    /// fit the supported range; calendar errors.
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::{Availability, Period};
    /// let service = Availability::from_json(r#"{"target": 99.9,
    ///     "outages": [{"start": "2026-11-03T10:00:00Z", "end": "2026-11-03T10:43:12Z"}]}"#).unwrap();
    /// let now = itsm_core::parse_instant("now", "2026-12-01T00:00:00Z").unwrap();
    /// let report = service.report(Period::Month { year: 2026, month: 11 }, now).unwrap();
    /// assert_eq!(report.agreed, chrono::TimeDelta::days(30));
    /// assert_eq!(report.downtime, chrono::TimeDelta::milliseconds(2_592_000)); // 43.2 minutes: exactly the budget
    /// assert_eq!(report.error_budget_remaining, chrono::TimeDelta::zero());
    /// assert!(report.met);
    /// ```
    pub fn report(&self, period: Period, now: DateTime<Utc>) -> Result<AvailabilityReport> {
        let now_ms = to_millis(now)?;
        let (start, end) = period.bounds(self.service_hours.time_zone(), now_ms)?;
        let maintenance = self.maintenance_spans();
        let agreed_in = |a: Millis, b: Millis| -> Result<Vec<Span>> {
            if b <= a {
                return Ok(Vec::new());
            }
            let hours: Vec<Span> = self
                .service_hours
                .working_intervals(from_millis(a), from_millis(b))?
                .iter()
                .map(|i| Ok((to_millis(i.start)?, to_millis(i.end)?)))
                .collect::<Result<_>>()?;
            Ok(difference(&hours, &maintenance))
        };
        let agreed = agreed_in(start, end)?;
        let so_far_end = end.min(now_ms);
        let agreed_so_far = agreed_in(start, so_far_end)?;
        let mut outages: Vec<Span> = self
            .outages
            .iter()
            .map(|o| {
                let end = o.end.map_or(now_ms, |e| e.timestamp_millis());
                (o.start.timestamp_millis(), end.min(now_ms))
            })
            .filter(|(s, e)| s < e)
            .collect();
        outages.sort_unstable();
        let counted = outages
            .iter()
            .filter(|o| !intersection(&[**o], &agreed_so_far).is_empty())
            .count() as u32;
        let merged = merged(outages);
        let total = |spans: &[Span]| spans.iter().map(|(a, b)| b - a).sum::<Millis>();
        let agreed_ms = total(&agreed);
        let agreed_so_far_ms = total(&agreed_so_far);
        let downtime_ms = total(&intersection(&merged, &agreed_so_far));
        let allowed_share = 100_000 - i64::from(self.target_thousandths); // thousandths of a percent
        let allowed_downtime_ms =
            (i128::from(agreed_ms) * i128::from(allowed_share) / 100_000) as i64;
        let availability_percent = (agreed_so_far_ms > 0)
            .then(|| (agreed_so_far_ms - downtime_ms) as f64 * 100.0 / agreed_so_far_ms as f64);
        // Compare exactly, in thousandths of a percent.
        let met = agreed_so_far_ms == 0
            || i128::from(agreed_so_far_ms - downtime_ms) * 100_000
                >= i128::from(self.target_thousandths) * i128::from(agreed_so_far_ms);
        let remaining = allowed_downtime_ms - downtime_ms;
        Ok(AvailabilityReport {
            period_start: from_millis(start),
            period_end: from_millis(end),
            agreed: ms(agreed_ms),
            agreed_so_far: ms(agreed_so_far_ms),
            downtime: ms(downtime_ms),
            availability_percent,
            target_percent: f64::from(self.target_thousandths) / 1000.0,
            met,
            allowed_downtime: ms(allowed_downtime_ms),
            error_budget_remaining: ms(remaining),
            error_budget_remaining_percent: (allowed_downtime_ms > 0)
                .then(|| remaining as f64 * 100.0 / allowed_downtime_ms as f64),
            burn_rate: (agreed_so_far_ms > 0 && allowed_share > 0).then(|| {
                (downtime_ms as f64 / agreed_so_far_ms as f64) / (allowed_share as f64 / 100_000.0)
            }),
            outages_counted: counted,
        })
    }
}
