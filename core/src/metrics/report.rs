//! The report: every figure of a period, computed in one pass over the
//! records and one more over the incidents of each item.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use chrono_tz::Tz;
use rustc_hash::FxHashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ChangeOutcome, Denominator, MetricRecord, Metrics, Period, PeriodBy, SeenIds, TimeBasis,
    check_record,
};
use crate::document;
use crate::error::{Error, Result};
use crate::time::{Millis, Span, from_millis, intersection, merged, ms, to_millis};

/// A figure: its numerator over its denominator, and their quotient.
///
/// For a mean duration the numerator is the total in milliseconds and the
/// denominator the records counted; for a rate both are counts.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// What is counted or added up.
    pub numerator: i64,
    /// What it is over.
    pub denominator: u64,
    /// `numerator / denominator`, unrounded; `null` when the denominator is 0.
    pub value: Option<f64>,
}

impl Figure {
    fn of(numerator: i64, denominator: u64) -> Figure {
        Figure {
            numerator,
            denominator,
            value: (denominator > 0).then(|| numerator as f64 / denominator as f64),
        }
    }
}

/// How many resolved records were reassigned a given number of times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReassignmentCount {
    /// The number of reassignments.
    pub reassignments: u32,
    /// The resolved records reassigned that often.
    pub records: u64,
}

/// One bucket of the backlog's ages: `[from_ms, to_ms)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AgeBucket {
    /// The youngest age in the bucket.
    #[serde(rename = "from_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub from: TimeDelta,
    /// The first age after it; `null` for the last, open-ended bucket.
    #[serde(rename = "to_ms", with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub to: Option<TimeDelta>,
    /// The unresolved records of an age in the bucket.
    pub records: u64,
}

/// What is unresolved at `now`, by age.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Backlog {
    /// The unresolved records.
    pub records: u64,
    /// The age of the oldest; `null` with none.
    #[serde(rename = "oldest_ms", with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub oldest: Option<TimeDelta>,
    /// The records by age, one bucket more than the bounds.
    pub buckets: Vec<AgeBucket>,
}

/// The completed changes by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeOutcomes {
    /// Implemented as planned.
    pub successful: u64,
    /// Implemented with issues.
    pub successful_with_issues: u64,
    /// Failed.
    pub failed: u64,
    /// Backed out.
    pub backed_out: u64,
}

/// The change success score and what it is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SuccessScore {
    /// `start + points`, held within the score's bounds.
    pub value: i64,
    /// Where it started.
    pub start: i64,
    /// The points the completed changes earned (and lost).
    pub points: i64,
    /// The completed changes counted.
    pub changes: u64,
    /// The incidents they caused.
    pub caused_incidents: u64,
}

/// The reliability of one configuration item over the period so far.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ItemReliability {
    /// The item.
    pub item: String,
    /// Failures that start in the period (touching or overlapping incidents
    /// are one failure).
    pub failures: u64,
    /// Time up in the period so far, in the time basis.
    #[serde(rename = "up_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub up: TimeDelta,
    /// Time down in the period so far.
    #[serde(rename = "down_ms", with = "document::duration_ms")]
    #[schemars(with = "crate::schema::DurationMs")]
    pub down: TimeDelta,
    /// Mean time between failures: `up_ms` over `failures`.
    pub mtbf_ms: Figure,
}

/// Every figure of a period, as of `now`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MetricsReport {
    /// First instant of the period.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub period_start: DateTime<Utc>,
    /// First instant after the period.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub period_end: DateTime<Utc>,
    /// Which records the period holds.
    pub by: PeriodBy,
    /// What the ticket figures are over.
    pub denominator: Denominator,
    /// How durations are measured.
    pub time: TimeBasis,
    /// The tickets in the period (records of the counted kinds, cancelled
    /// ones left out).
    pub tickets: u64,
    /// The changes in the period, cancelled ones left out.
    pub changes: u64,
    /// The cancelled records in the period, left out of every figure.
    pub cancelled: u64,
    /// Mean time to acknowledge: time from creation to acknowledgement over
    /// the acknowledged tickets.
    #[serde(rename = "mtta_ms")]
    pub mtta: Figure,
    /// Mean time to resolve: time from creation to resolution over the closed
    /// tickets (and the age of the open breached ones, with that denominator).
    #[serde(rename = "mttr_ms")]
    pub mttr: Figure,
    /// Tickets resolved by their deadline over the closed tickets with one
    /// (and the open breached ones, with that denominator).
    pub sla_compliance: Figure,
    /// Resolved tickets ever reopened over the resolved tickets.
    pub reopen_rate: Figure,
    /// Resolved tickets never reassigned over the resolved tickets.
    pub first_assignment_resolution: Figure,
    /// Reassignments over the resolved tickets.
    pub reassignments_per_ticket: Figure,
    /// The resolved tickets by how often they were reassigned, fewest first.
    pub reassignment_counts: Vec<ReassignmentCount>,
    /// The tickets unresolved at `now`, whatever the period, by age.
    pub backlog: Backlog,
    /// Successful changes (with issues or not) over the completed changes.
    pub change_success_rate: Figure,
    /// Failed and backed-out changes over the completed changes.
    pub change_failure_rate: Figure,
    /// The completed changes by outcome.
    pub change_outcomes: ChangeOutcomes,
    /// The change success score.
    pub change_success_score: SuccessScore,
    /// Emergency changes over the changes.
    pub emergency_change_ratio: Figure,
    /// Per item with incidents in the period, sorted by item.
    pub mtbf: Vec<ItemReliability>,
}

impl MetricsReport {
    /// The report as JSON data, with instants in the canonical form.
    pub fn to_value(&self) -> serde_json::Value {
        document::to_value(self)
    }
}

/// A total of milliseconds and how many were added.
#[derive(Default)]
struct Total {
    sum: i64,
    count: u64,
}

impl Total {
    fn add(&mut self, ms: Millis) -> Result<()> {
        self.sum = self
            .sum
            .checked_add(ms)
            .ok_or_else(|| Error::InvalidInput {
                path: "records".into(),
                reason: "the durations add up past the supported range".into(),
            })?;
        self.count += 1;
        Ok(())
    }

    fn figure(&self) -> Figure {
        Figure::of(self.sum, self.count)
    }
}

/// A count of records that hold over a count of records.
#[derive(Default)]
struct Share {
    hits: u64,
    of: u64,
}

impl Share {
    fn count(&mut self, hit: bool) {
        self.of += 1;
        self.hits += u64::from(hit);
    }

    fn figure(&self) -> Figure {
        Figure::of(self.hits as i64, self.of)
    }
}

impl Metrics {
    /// Every figure of `period` over `records`, as of `now`.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the record's field: two records with
    /// one id, an acknowledgement, resolution or close before creation, a
    /// close before resolution, change facts on a record that is not a
    /// change. [`Error::InvalidArgument`] for a period outside the supported
    /// range; calendar errors in business time.
    ///
    /// # Example
    /// ```
    /// use itsm_core::metrics::{MetricRecord, Metrics, Period};
    /// let metrics = Metrics::from_json(r#"{"denominator": "closed_and_breached"}"#).unwrap();
    /// let records = MetricRecord::list_from_value(&serde_json::json!([
    ///     {"id": "INC-1", "kind": "incident", "created_at": "2026-11-02T09:00:00Z",
    ///      "resolved_at": "2026-11-02T10:00:00Z", "closed_at": "2026-11-02T10:00:00Z",
    ///      "due_at": "2026-11-02T13:00:00Z"},
    ///     {"id": "INC-2", "kind": "incident", "created_at": "2026-11-20T09:00:00Z",
    ///      "due_at": "2026-11-20T13:00:00Z"}])).unwrap();
    /// let now = itsm_core::parse_instant("now", "2026-12-01T00:00:00Z").unwrap();
    /// let report = metrics.report(&records, Period::Month { year: 2026, month: 11 }, now).unwrap();
    /// // INC-2 is open and past its deadline: it counts as missed.
    /// assert_eq!((report.sla_compliance.numerator, report.sla_compliance.denominator), (1, 2));
    /// assert_eq!(report.backlog.records, 1);
    /// ```
    pub fn report(
        &self,
        records: &[MetricRecord],
        period: Period,
        now: DateTime<Utc>,
    ) -> Result<MetricsReport> {
        // Checked in a pass of their own: the id lookups' cache misses slow
        // the counting pass down more when they are mixed into it.
        let mut seen = SeenIds::with_capacity_and_hasher(records.len(), Default::default());
        for (i, r) in records.iter().enumerate() {
            check_record(i, r, &mut seen)?;
        }
        drop(seen);
        let now_ms = to_millis(now)?;
        let zone = self.calendar.as_ref().map_or(Tz::UTC, |c| c.time_zone());
        let (start, end) = period.bounds(zone, now_ms)?;
        let in_period = |t: Millis| start <= t && t < end;
        let measure = |a: Millis, b: Millis| -> Result<Millis> {
            match (&self.calendar, self.time) {
                (Some(calendar), TimeBasis::Business) => calendar.duration_ms(a, b),
                _ => Ok(b - a),
            }
        };
        let as_of =
            |t: Option<DateTime<Utc>>| t.map(|t| t.timestamp_millis()).filter(|&t| t <= now_ms);

        let (mut tickets, mut changes, mut cancelled) = (0, 0, 0);
        let (mut mtta, mut mttr) = (Total::default(), Total::default());
        let (mut compliance, mut reopen, mut first_assignment) =
            (Share::default(), Share::default(), Share::default());
        let mut reassigned = Total::default();
        let mut reassignment_counts: BTreeMap<u32, u64> = BTreeMap::new();
        let mut ages: Vec<Millis> = Vec::new();
        let (mut success, mut failure, mut emergency) =
            (Share::default(), Share::default(), Share::default());
        let mut outcomes = ChangeOutcomes::default();
        let (mut points, mut caused_incidents) = (0i64, 0u64);
        let mut outages: FxHashMap<&str, Vec<Span>> = FxHashMap::default();

        for r in records {
            let created = r.created_at.timestamp_millis();
            if created > now_ms {
                continue;
            }
            let (acknowledged, closed) = (as_of(r.acknowledged_at), as_of(r.closed_at));
            let resolution = as_of(r.resolved_at).or(closed);
            let due = r.due_at.map(|d| d.timestamp_millis());
            let breached = due.is_some_and(|d| resolution.unwrap_or(now_ms) > d);
            let open_breached = closed.is_none() && breached;
            let counted = match self.by {
                PeriodBy::Creation => in_period(created),
                // One instant per record, so that adjoining periods never
                // both hold it: its resolution, or for an unresolved record
                // counted as breached, its deadline.
                PeriodBy::Resolution => match resolution {
                    Some(resolved) => in_period(resolved),
                    None => {
                        self.denominator == Denominator::ClosedAndBreached
                            && open_breached
                            && due.is_some_and(in_period)
                    }
                },
            };
            if r.cancelled {
                cancelled += u64::from(counted);
                continue;
            }
            let ticket = self.counts_kind(&r.kind);
            if ticket && resolution.is_none() {
                ages.push(measure(created, now_ms)?);
            }
            if r.kind == "incident"
                && let Some(item) = &r.item
            {
                outages
                    .entry(item)
                    .or_default()
                    .push((created, resolution.unwrap_or(now_ms)));
            }
            if !counted {
                continue;
            }
            if ticket {
                tickets += 1;
                if let Some(acknowledged) = acknowledged {
                    mtta.add(measure(created, acknowledged)?)?;
                }
                match (closed, resolution) {
                    (Some(_), Some(resolved)) => {
                        mttr.add(measure(created, resolved)?)?;
                        if let Some(due) = due {
                            compliance.count(resolved <= due);
                        }
                    }
                    _ if open_breached && self.denominator == Denominator::ClosedAndBreached => {
                        mttr.add(measure(created, resolution.unwrap_or(now_ms))?)?;
                        compliance.count(false);
                    }
                    _ => {}
                }
                if resolution.is_some() {
                    reopen.count(r.reopened > 0);
                    first_assignment.count(r.reassignments == 0);
                    reassigned.add(i64::from(r.reassignments))?;
                    *reassignment_counts.entry(r.reassignments).or_default() += 1;
                }
            }
            if r.kind == "change" {
                changes += 1;
                emergency.count(r.emergency);
                if let Some(outcome) = r.outcome {
                    let (counter, earned) = match outcome {
                        ChangeOutcome::Successful => {
                            (&mut outcomes.successful, self.score.successful)
                        }
                        ChangeOutcome::SuccessfulWithIssues => (
                            &mut outcomes.successful_with_issues,
                            self.score.successful_with_issues,
                        ),
                        ChangeOutcome::Failed => (&mut outcomes.failed, self.score.failed),
                        ChangeOutcome::BackedOut => {
                            (&mut outcomes.backed_out, self.score.backed_out)
                        }
                    };
                    *counter += 1;
                    let succeeded = matches!(
                        outcome,
                        ChangeOutcome::Successful | ChangeOutcome::SuccessfulWithIssues
                    );
                    success.count(succeeded);
                    failure.count(!succeeded);
                    caused_incidents += u64::from(r.caused_incidents);
                    points = points.saturating_add(earned).saturating_add(
                        self.score
                            .caused_incident
                            .saturating_mul(i64::from(r.caused_incidents)),
                    );
                }
            }
        }

        let so_far = end.min(now_ms).max(start);
        let mut mtbf = Vec::with_capacity(outages.len());
        for (item, spans) in outages {
            let merged = merged(spans);
            let failures = merged
                .iter()
                .filter(|(s, _)| start <= *s && *s < so_far)
                .count() as u64;
            let mut down = 0;
            for (a, b) in intersection(&merged, &[(start, so_far)]) {
                down += measure(a, b)?;
            }
            if failures == 0 && down == 0 {
                continue;
            }
            let up = measure(start, so_far)? - down;
            mtbf.push(ItemReliability {
                item: item.to_owned(),
                failures,
                up: ms(up),
                down: ms(down),
                mtbf_ms: Figure::of(up, failures),
            });
        }
        mtbf.sort_unstable_by(|a, b| a.item.cmp(&b.item));

        let score = &self.score;
        Ok(MetricsReport {
            period_start: from_millis(start),
            period_end: from_millis(end),
            by: self.by,
            denominator: self.denominator,
            time: self.time,
            tickets,
            changes,
            cancelled,
            mtta: mtta.figure(),
            mttr: mttr.figure(),
            sla_compliance: compliance.figure(),
            reopen_rate: reopen.figure(),
            first_assignment_resolution: first_assignment.figure(),
            reassignments_per_ticket: reassigned.figure(),
            reassignment_counts: reassignment_counts
                .into_iter()
                .map(|(reassignments, records)| ReassignmentCount {
                    reassignments,
                    records,
                })
                .collect(),
            backlog: self.backlog(ages),
            change_success_rate: success.figure(),
            change_failure_rate: failure.figure(),
            change_outcomes: outcomes,
            change_success_score: SuccessScore {
                value: score
                    .start
                    .saturating_add(points)
                    .clamp(score.min, score.max),
                start: score.start,
                points,
                changes: success.of,
                caused_incidents,
            },
            emergency_change_ratio: emergency.figure(),
            mtbf,
        })
    }

    fn backlog(&self, ages: Vec<Millis>) -> Backlog {
        let bounds = &self.ageing_buckets;
        let mut buckets: Vec<AgeBucket> = (0..=bounds.len())
            .map(|k| AgeBucket {
                from: ms(if k == 0 { 0 } else { bounds[k - 1] }),
                to: bounds.get(k).copied().map(ms),
                records: 0,
            })
            .collect();
        for &age in &ages {
            buckets[bounds.partition_point(|&b| b <= age)].records += 1;
        }
        Backlog {
            records: ages.len() as u64,
            oldest: ages.iter().copied().max().map(ms),
            buckets,
        }
    }
}
