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

/// The figures of one group's records: the tickets and changes the period
/// holds, and the group's tickets unresolved at `now`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupReport {
    /// The group (`group` of the records' facts); `null` for the records
    /// without one.
    pub group: Option<String>,
    /// The group's tickets in the period.
    pub tickets: u64,
    /// The group's changes in the period.
    pub changes: u64,
    /// Mean time to acknowledge.
    #[serde(rename = "mtta_ms")]
    pub mtta: Figure,
    /// Mean time to resolve.
    #[serde(rename = "mttr_ms")]
    pub mttr: Figure,
    /// Tickets resolved by their deadline.
    pub sla_compliance: Figure,
    /// Resolved tickets ever reopened.
    pub reopen_rate: Figure,
    /// Resolved tickets never reassigned.
    pub first_assignment_resolution: Figure,
    /// Reassignments per resolved ticket.
    pub reassignments_per_ticket: Figure,
    /// The group's tickets unresolved at `now`.
    pub backlog: u64,
    /// Successful changes over completed ones.
    pub change_success_rate: Figure,
    /// Failed and backed-out changes over completed ones.
    pub change_failure_rate: Figure,
    /// The group's change success score.
    pub change_success_score: SuccessScore,
    /// Emergency changes over the changes.
    pub emergency_change_ratio: Figure,
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
    /// The figures per group, sorted by group (records without one first),
    /// when any record has a `group`; empty otherwise. The groups' tickets,
    /// changes, backlog, numerators and denominators add up to the whole's.
    pub groups: Vec<GroupReport>,
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

/// What one record adds to the figures, measured once.
#[derive(Default)]
struct Facts {
    /// A ticket the period holds.
    ticket: bool,
    /// A ticket unresolved at `now`, whatever the period.
    unresolved: bool,
    /// Its time to acknowledge.
    acknowledged: Option<Millis>,
    /// Its time to resolve, as the denominator counts it.
    resolved_in: Option<Millis>,
    /// Whether it met its deadline, when compliance counts it.
    met: Option<bool>,
    /// Resolved: whether it was reopened, and how often reassigned.
    resolved: Option<(bool, u32)>,
    /// A change the period holds: whether an emergency one.
    change: Option<bool>,
    /// A completed change: whether it succeeded, its points, the incidents
    /// it caused.
    completed: Option<(bool, i64, u32)>,
}

/// The figures a set of records adds up to: the period's, or one group's.
#[derive(Default)]
struct Tally {
    tickets: u64,
    changes: u64,
    backlog: u64,
    mtta: Total,
    mttr: Total,
    compliance: Share,
    reopen: Share,
    first_assignment: Share,
    reassigned: Total,
    success: Share,
    failure: Share,
    emergency: Share,
    points: i64,
    caused_incidents: u64,
}

impl Tally {
    fn add(&mut self, facts: &Facts) -> Result<()> {
        self.tickets += u64::from(facts.ticket);
        self.backlog += u64::from(facts.unresolved);
        if let Some(ms) = facts.acknowledged {
            self.mtta.add(ms)?;
        }
        if let Some(ms) = facts.resolved_in {
            self.mttr.add(ms)?;
        }
        if let Some(met) = facts.met {
            self.compliance.count(met);
        }
        if let Some((reopened, reassignments)) = facts.resolved {
            self.reopen.count(reopened);
            self.first_assignment.count(reassignments == 0);
            self.reassigned.add(i64::from(reassignments))?;
        }
        if let Some(emergency) = facts.change {
            self.changes += 1;
            self.emergency.count(emergency);
        }
        if let Some((succeeded, points, caused)) = facts.completed {
            self.success.count(succeeded);
            self.failure.count(!succeeded);
            self.points = self.points.saturating_add(points);
            self.caused_incidents += u64::from(caused);
        }
        Ok(())
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
        let mut grouped = false;
        for (i, r) in records.iter().enumerate() {
            check_record(i, r, &mut seen)?;
            grouped |= r.group.is_some();
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

        let mut cancelled = 0;
        let mut overall = Tally::default();
        let mut groups: BTreeMap<Option<&str>, Tally> = BTreeMap::new();
        let mut reassignment_counts: BTreeMap<u32, u64> = BTreeMap::new();
        let mut ages: Vec<Millis> = Vec::new();
        let mut outcomes = ChangeOutcomes::default();
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
            let unresolved = ticket && resolution.is_none();
            if unresolved {
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
                if grouped && unresolved {
                    groups.entry(r.group.as_deref()).or_default().backlog += 1;
                }
                continue;
            }
            // What the record adds to the figures, measured once for the
            // period's tally and its group's.
            let mut facts = Facts {
                unresolved,
                ..Facts::default()
            };
            if ticket {
                facts.ticket = true;
                facts.acknowledged = acknowledged.map(|a| measure(created, a)).transpose()?;
                match (closed, resolution) {
                    (Some(_), Some(resolved)) => {
                        facts.resolved_in = Some(measure(created, resolved)?);
                        facts.met = due.map(|due| resolved <= due);
                    }
                    _ if open_breached && self.denominator == Denominator::ClosedAndBreached => {
                        facts.resolved_in = Some(measure(created, resolution.unwrap_or(now_ms))?);
                        facts.met = Some(false);
                    }
                    _ => {}
                }
                if resolution.is_some() {
                    facts.resolved = Some((r.reopened > 0, r.reassignments));
                    *reassignment_counts.entry(r.reassignments).or_default() += 1;
                }
            }
            if r.kind == "change" {
                facts.change = Some(r.emergency);
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
                    let points = earned.saturating_add(
                        self.score
                            .caused_incident
                            .saturating_mul(i64::from(r.caused_incidents)),
                    );
                    facts.completed = Some((succeeded, points, r.caused_incidents));
                }
            }
            overall.add(&facts)?;
            if grouped {
                groups.entry(r.group.as_deref()).or_default().add(&facts)?;
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

        Ok(MetricsReport {
            period_start: from_millis(start),
            period_end: from_millis(end),
            by: self.by,
            denominator: self.denominator,
            time: self.time,
            tickets: overall.tickets,
            changes: overall.changes,
            cancelled,
            mtta: overall.mtta.figure(),
            mttr: overall.mttr.figure(),
            sla_compliance: overall.compliance.figure(),
            reopen_rate: overall.reopen.figure(),
            first_assignment_resolution: overall.first_assignment.figure(),
            reassignments_per_ticket: overall.reassigned.figure(),
            reassignment_counts: reassignment_counts
                .into_iter()
                .map(|(reassignments, records)| ReassignmentCount {
                    reassignments,
                    records,
                })
                .collect(),
            backlog: self.backlog(ages),
            change_success_rate: overall.success.figure(),
            change_failure_rate: overall.failure.figure(),
            change_outcomes: outcomes,
            change_success_score: self.score_of(&overall),
            emergency_change_ratio: overall.emergency.figure(),
            mtbf,
            groups: groups
                .into_iter()
                .map(|(group, tally)| GroupReport {
                    group: group.map(str::to_owned),
                    tickets: tally.tickets,
                    changes: tally.changes,
                    mtta: tally.mtta.figure(),
                    mttr: tally.mttr.figure(),
                    sla_compliance: tally.compliance.figure(),
                    reopen_rate: tally.reopen.figure(),
                    first_assignment_resolution: tally.first_assignment.figure(),
                    reassignments_per_ticket: tally.reassigned.figure(),
                    backlog: tally.backlog,
                    change_success_rate: tally.success.figure(),
                    change_failure_rate: tally.failure.figure(),
                    change_success_score: self.score_of(&tally),
                    emergency_change_ratio: tally.emergency.figure(),
                })
                .collect(),
        })
    }

    fn score_of(&self, tally: &Tally) -> SuccessScore {
        let score = &self.score;
        SuccessScore {
            value: score
                .start
                .saturating_add(tally.points)
                .clamp(score.min, score.max),
            start: score.start,
            points: tally.points,
            changes: tally.success.of,
            caused_incidents: tally.caused_incidents,
        }
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
