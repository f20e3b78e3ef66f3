//! Availability of a service: outages against agreed service hours, less
//! agreed maintenance, over a calendar month or a rolling window, with the
//! target, the error budget left and the rate at which it burns.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use serde_json::Value;

use crate::calendar::Calendar;
use crate::config::{Node, parse_json};
use crate::error::{Error, Result};
use crate::timeline::{
    DAY_MS, Millis, Span, difference, from_millis, intersection, push_merged, read_instant,
    to_millis,
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
#[derive(Debug, Clone)]
pub struct Availability {
    service_hours: Calendar,
    /// The target in thousandths of a percent (99.999 % is 99999).
    target_thousandths: u32,
    outages: Vec<(Millis, Option<Millis>)>,
    maintenance: Vec<Span>,
    document: Value,
}

/// The period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        Period::from_value(&parse_json(text)?)
    }

    /// Reads a period from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<Period> {
        let node = Node::root(value);
        let obj = node.object(&["month", "rolling_days", "from", "to"])?;
        let kinds: Vec<&str> = ["month", "rolling_days", "from"]
            .into_iter()
            .filter(|k| obj.has(k))
            .collect();
        if kinds.len() != 1 {
            return Err(node.error(
                "a period has exactly one of `month`, `rolling_days`, or `from` with `to`",
            ));
        }
        if let Some(m) = obj.get("month") {
            let text = m.str()?;
            let parsed = text
                .split_once('-')
                .filter(|(y, mo)| y.len() == 4 && mo.len() == 2)
                .and_then(|(y, mo)| Some((y.parse::<i32>().ok()?, mo.parse::<u32>().ok()?)))
                .filter(|(_, mo)| (1..=12).contains(mo));
            let (year, month) = parsed
                .ok_or_else(|| m.error(format!("expected a month \"YYYY-MM\", found {text:?}")))?;
            return Ok(Period::Month { year, month });
        }
        if let Some(d) = obj.get("rolling_days") {
            return Ok(Period::Rolling {
                days: d.int_in(1..=3660)? as u32,
            });
        }
        let from = read_instant(&obj.required("from")?)?;
        let to_node = obj.required("to")?;
        let to = read_instant(&to_node)?;
        if to < from {
            return Err(to_node.error("is before `from`"));
        }
        Ok(Period::Between { from, to })
    }
}

/// An availability report for one period, as of `now`.
///
/// Durations are milliseconds of agreed service time: service hours less
/// maintenance. Figures "so far" stop at `now` for a period still running.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AvailabilityReport {
    /// First instant of the period.
    #[serde(serialize_with = "crate::timeline::serialize_instant")]
    pub period_start: DateTime<Utc>,
    /// First instant after the period.
    #[serde(serialize_with = "crate::timeline::serialize_instant")]
    pub period_end: DateTime<Utc>,
    /// Agreed service time in the whole period.
    pub agreed_ms: i64,
    /// Agreed service time from the period's start to `now` (or its end).
    pub agreed_so_far_ms: i64,
    /// Outage time within agreed service time, so far.
    pub downtime_ms: i64,
    /// Agreed time up so far as a share of agreed time so far, unrounded;
    /// `None` when no service time has passed yet.
    pub availability_percent: Option<f64>,
    /// The target, in percent.
    pub target_percent: f64,
    /// Whether availability so far meets the target (true with no service time yet).
    pub met: bool,
    /// Downtime the target allows over the whole period.
    pub allowed_downtime_ms: i64,
    /// Allowed downtime not yet used; negative once the target is missed.
    pub error_budget_remaining_ms: i64,
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
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Availability {
    /// Reads the availability input from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the bad field.
    pub fn from_json(text: &str) -> Result<Availability> {
        Availability::from_value(&parse_json(text)?)
    }

    /// Reads the availability input from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<Availability> {
        let node = Node::root(value);
        let obj = node.object(&["service_hours", "target", "outages", "maintenance"])?;
        let service_hours = match obj.get("service_hours") {
            None => Calendar::twenty_four_seven(),
            Some(c) => {
                Calendar::from_spec(crate::calendar::read_spec(&c)?).map_err(|e| match e {
                    Error::InvalidConfig { path, reason } if path.is_empty() => {
                        Error::invalid_config("service_hours", reason)
                    }
                    other => other,
                })?
            }
        };
        let t = obj.required("target")?;
        let target = t
            .value()
            .as_f64()
            .ok_or_else(|| t.error(format!("expected a number, found {}", t.value())))?;
        let thousandths = (target * 1000.0).round();
        if !(0.0..=100.0).contains(&target) || (thousandths - target * 1000.0).abs() > 1e-6 {
            return Err(t.error(format!(
                "expected a percentage from 0 to 100 with at most three decimals, found {target}"
            )));
        }
        let read_list =
            |key: &'static str, open_end: bool| -> Result<Vec<(Millis, Option<Millis>)>> {
                let Some(list) = obj.get(key) else {
                    return Ok(Vec::new());
                };
                let mut out = Vec::new();
                for item in list.items()? {
                    let o = item.object(&["start", "end", "id"])?;
                    let start = to_millis(read_instant(&o.required("start")?)?)?;
                    let end = match o.get("end") {
                        Some(end_node) if !(open_end && end_node.value().is_null()) => {
                            let end = to_millis(read_instant(&end_node)?)?;
                            if end < start {
                                return Err(end_node.error("is before `start`"));
                            }
                            Some(end)
                        }
                        _ if open_end => None,
                        _ => return Err(item.error("missing field `end`")),
                    };
                    out.push((start, end));
                }
                Ok(out)
            };
        let outages = read_list("outages", true)?;
        let mut maintenance: Vec<Span> = read_list("maintenance", false)?
            .into_iter()
            .map(|(s, e)| (s, e.unwrap_or(s)))
            .collect();
        maintenance.sort_unstable();
        let maintenance = maintenance.into_iter().fold(Vec::new(), |mut acc, span| {
            push_merged(&mut acc, span);
            acc
        });
        Ok(Availability {
            service_hours,
            target_thousandths: thousandths as u32,
            document: value.clone(),
            outages,
            maintenance,
        })
    }

    /// The document this input was read from.
    pub fn to_value(&self) -> Value {
        self.document.clone()
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
    /// assert_eq!(report.agreed_ms, 30 * 86_400_000);
    /// assert_eq!(report.downtime_ms, 2_592_000); // 43.2 minutes: exactly the budget
    /// assert_eq!(report.error_budget_remaining_ms, 0);
    /// assert!(report.met);
    /// ```
    pub fn report(&self, period: Period, now: DateTime<Utc>) -> Result<AvailabilityReport> {
        let now_ms = to_millis(now)?;
        let (start, end) = match period {
            Period::Month { year, month } => {
                let zone = self.service_hours.time_zone();
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
            Period::Rolling { days } => (now_ms - i64::from(days) * DAY_MS, now_ms),
            Period::Between { from, to } => (to_millis(from)?, to_millis(to)?),
        };
        crate::timeline::check_range(start)
            .map_err(|e| Error::invalid_argument("period", e.to_string()))?;
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
            Ok(difference(&hours, &self.maintenance))
        };
        let agreed = agreed_in(start, end)?;
        let so_far_end = end.min(now_ms);
        let agreed_so_far = agreed_in(start, so_far_end)?;
        let mut outages: Vec<Span> = self
            .outages
            .iter()
            .map(|&(s, e)| (s, e.unwrap_or(now_ms).min(now_ms)))
            .filter(|(s, e)| s < e)
            .collect();
        outages.sort_unstable();
        let counted = outages
            .iter()
            .filter(|o| !intersection(&[**o], &agreed_so_far).is_empty())
            .count() as u32;
        let merged = outages.into_iter().fold(Vec::new(), |mut acc, span| {
            push_merged(&mut acc, span);
            acc
        });
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
            agreed_ms,
            agreed_so_far_ms,
            downtime_ms,
            availability_percent,
            target_percent: f64::from(self.target_thousandths) / 1000.0,
            met,
            allowed_downtime_ms,
            error_budget_remaining_ms: remaining,
            error_budget_remaining_percent: (allowed_downtime_ms > 0)
                .then(|| remaining as f64 * 100.0 / allowed_downtime_ms as f64),
            burn_rate: (agreed_so_far_ms > 0 && allowed_share > 0).then(|| {
                (downtime_ms as f64 / agreed_so_far_ms as f64) / (allowed_share as f64 / 100_000.0)
            }),
            outages_counted: counted,
        })
    }
}
