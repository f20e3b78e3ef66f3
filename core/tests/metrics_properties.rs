//! Property tests of the metrics on random records: the order of the records
//! does not matter; numerators and denominators of two adjoining periods add
//! up to those of the whole; MTTR and SLA compliance equal a plain reading of
//! their definitions; the backlog's buckets hold every unresolved ticket.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use itsm_core::metrics::{ChangeOutcome, Figure, MetricRecord, Metrics, MetricsReport, Period};
use proptest::prelude::*;

fn at(hours: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap() + TimeDelta::minutes(hours * 30)
}

/// A record from small numbers: creation, then optional gaps to
/// acknowledgement, resolution and close, a deadline, counts, a kind.
type Draw = (
    i64,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    u8,
    u8,
    u8,
);

fn record(
    n: usize,
    (created, ack, resolve, close, due, reopened, reassigned, kind): Draw,
) -> MetricRecord {
    let created_at = at(created);
    let resolved_at = resolve.map(|gap| created_at + TimeDelta::minutes(gap * 30));
    let closed_at = close.and_then(|gap| resolved_at.map(|r| r + TimeDelta::minutes(gap * 30)));
    let change = kind % 4 == 3;
    MetricRecord {
        id: format!("R{n}"),
        kind: if change {
            "change"
        } else {
            ["incident", "service_request", "problem"][usize::from(kind % 3)]
        }
        .to_owned(),
        created_at,
        acknowledged_at: ack.map(|gap| created_at + TimeDelta::minutes(gap * 30)),
        resolved_at,
        closed_at,
        cancelled: kind == 7,
        due_at: due.map(|gap| created_at + TimeDelta::minutes(gap * 30)),
        reopened: u32::from(reopened % 3),
        reassignments: u32::from(reassigned % 4),
        item: (!change && kind % 2 == 0).then(|| format!("ci-{}", kind % 3)),
        group: (reassigned % 3 > 0).then(|| format!("team-{}", reassigned % 3)),
        outcome: (change && resolved_at.is_some()).then(|| {
            [
                ChangeOutcome::Successful,
                ChangeOutcome::SuccessfulWithIssues,
                ChangeOutcome::Failed,
                ChangeOutcome::BackedOut,
            ][usize::from(reopened % 4)]
        }),
        emergency: change && reassigned % 2 == 0,
        caused_incidents: if change { u32::from(reassigned % 2) } else { 0 },
    }
}

fn draws() -> impl Strategy<Value = Vec<Draw>> {
    prop::collection::vec(
        (
            0..1500i64,
            prop::option::of(0..10i64),
            prop::option::of(0..200i64),
            prop::option::of(0..50i64),
            prop::option::of(0..100i64),
            any::<u8>(),
            any::<u8>(),
            0..8u8,
        ),
        0..60,
    )
}

fn between(from: DateTime<Utc>, to: DateTime<Utc>) -> Period {
    Period::Between { from, to }
}

fn figures(report: &MetricsReport) -> Vec<(&'static str, Figure)> {
    vec![
        ("mtta", report.mtta),
        ("mttr", report.mttr),
        ("sla_compliance", report.sla_compliance),
        ("reopen_rate", report.reopen_rate),
        (
            "first_assignment_resolution",
            report.first_assignment_resolution,
        ),
        ("reassignments_per_ticket", report.reassignments_per_ticket),
        ("change_success_rate", report.change_success_rate),
        ("change_failure_rate", report.change_failure_rate),
        ("emergency_change_ratio", report.emergency_change_ratio),
    ]
}

const DOCUMENTS: [&str; 4] = [
    r#"{}"#,
    r#"{"denominator": "closed_and_breached"}"#,
    r#"{"by": "resolution"}"#,
    r#"{"by": "resolution", "denominator": "closed_and_breached"}"#,
];

proptest! {
    #[test]
    fn the_order_of_the_records_does_not_matter(draws in draws(), which in 0..4usize) {
        let metrics = Metrics::from_json(DOCUMENTS[which]).unwrap();
        let records: Vec<MetricRecord> = draws.into_iter().enumerate().map(|(n, d)| record(n, d)).collect();
        let mut reversed = records.clone();
        reversed.reverse();
        let now = at(1600);
        let period = between(at(0), at(1440));
        prop_assert_eq!(
            metrics.report(&records, period, now).unwrap(),
            metrics.report(&reversed, period, now).unwrap()
        );
    }

    #[test]
    fn adjoining_periods_add_up_to_the_whole(draws in draws(), split in 1..1440i64, which in 0..4usize) {
        let metrics = Metrics::from_json(DOCUMENTS[which]).unwrap();
        let records: Vec<MetricRecord> = draws.into_iter().enumerate().map(|(n, d)| record(n, d)).collect();
        let now = at(1600);
        let whole = metrics.report(&records, between(at(0), at(1440)), now).unwrap();
        let first = metrics.report(&records, between(at(0), at(split)), now).unwrap();
        let second = metrics.report(&records, between(at(split), at(1440)), now).unwrap();
        prop_assert_eq!(whole.tickets, first.tickets + second.tickets);
        prop_assert_eq!(whole.changes, first.changes + second.changes);
        prop_assert_eq!(whole.cancelled, first.cancelled + second.cancelled);
        for ((name, w), ((_, a), (_, b))) in figures(&whole).into_iter().zip(figures(&first).into_iter().zip(figures(&second))) {
            prop_assert_eq!(w.numerator, a.numerator + b.numerator, "{} numerator", name);
            prop_assert_eq!(w.denominator, a.denominator + b.denominator, "{} denominator", name);
        }
        prop_assert_eq!(
            whole.change_success_score.points,
            first.change_success_score.points + second.change_success_score.points
        );
    }

    #[test]
    fn the_groups_add_up_to_the_whole(draws in draws(), which in 0..4usize) {
        let metrics = Metrics::from_json(DOCUMENTS[which]).unwrap();
        let records: Vec<MetricRecord> = draws.into_iter().enumerate().map(|(n, d)| record(n, d)).collect();
        let report = metrics.report(&records, between(at(0), at(1440)), at(1600)).unwrap();
        if report.groups.is_empty() {
            // Either no record has a group, or the period counts nothing.
            let nothing = report.tickets + report.changes + report.backlog.records == 0;
            prop_assert!(nothing || records.iter().all(|r| r.group.is_none()));
            return Ok(());
        }
        let sum = |f: &dyn Fn(&itsm_core::metrics::GroupReport) -> Figure| {
            report.groups.iter().map(f).fold((0, 0), |(n, d), x| (n + x.numerator, d + x.denominator))
        };
        prop_assert_eq!(report.tickets, report.groups.iter().map(|g| g.tickets).sum::<u64>());
        prop_assert_eq!(report.changes, report.groups.iter().map(|g| g.changes).sum::<u64>());
        prop_assert_eq!(report.backlog.records, report.groups.iter().map(|g| g.backlog).sum::<u64>());
        prop_assert_eq!((report.mttr.numerator, report.mttr.denominator), sum(&|g| g.mttr));
        prop_assert_eq!((report.mtta.numerator, report.mtta.denominator), sum(&|g| g.mtta));
        prop_assert_eq!((report.sla_compliance.numerator, report.sla_compliance.denominator), sum(&|g| g.sla_compliance));
        prop_assert_eq!((report.reopen_rate.numerator, report.reopen_rate.denominator), sum(&|g| g.reopen_rate));
        prop_assert_eq!((report.change_success_rate.numerator, report.change_success_rate.denominator), sum(&|g| g.change_success_rate));
        prop_assert_eq!((report.emergency_change_ratio.numerator, report.emergency_change_ratio.denominator), sum(&|g| g.emergency_change_ratio));
        prop_assert_eq!(
            report.change_success_score.points,
            report.groups.iter().map(|g| g.change_success_score.points).sum::<i64>()
        );
    }

    #[test]
    fn mttr_and_compliance_read_plainly(draws in draws(), now_at in 0..1700i64, breached in any::<bool>()) {
        let document = if breached { DOCUMENTS[1] } else { DOCUMENTS[0] };
        let metrics = Metrics::from_json(document).unwrap();
        let records: Vec<MetricRecord> = draws.into_iter().enumerate().map(|(n, d)| record(n, d)).collect();
        let (from, to, now) = (at(0), at(1440), at(now_at));
        let report = metrics.report(&records, between(from, to), now).unwrap();
        let (mut total, mut counted, mut met, mut judged) = (0i64, 0u64, 0i64, 0u64);
        for r in &records {
            let ticket = r.kind != "change" && !r.cancelled;
            if !ticket || r.created_at > now || r.created_at < from || r.created_at >= to {
                continue;
            }
            let seen = |t: Option<DateTime<Utc>>| t.filter(|t| *t <= now);
            let resolution = seen(r.resolved_at).or(seen(r.closed_at));
            let closed = seen(r.closed_at).is_some();
            let late = r.due_at.is_some_and(|d| resolution.unwrap_or(now) > d);
            if closed {
                total += (resolution.unwrap() - r.created_at).num_milliseconds();
                counted += 1;
                if r.due_at.is_some() {
                    judged += 1;
                    met += i64::from(!late);
                }
            } else if breached && late {
                total += (resolution.unwrap_or(now) - r.created_at).num_milliseconds();
                counted += 1;
                judged += 1;
            }
        }
        prop_assert_eq!((report.mttr.numerator, report.mttr.denominator), (total, counted));
        prop_assert_eq!((report.sla_compliance.numerator, report.sla_compliance.denominator), (met, judged));
        let in_buckets: u64 = report.backlog.buckets.iter().map(|b| b.records).sum();
        prop_assert_eq!(in_buckets, report.backlog.records);
    }
}
