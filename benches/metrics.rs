//! Metrics over a year's export of a million tickets: one month's report in
//! wall time and in business time (Berlin office hours), against a
//! hand-written loop that computes the same ticket figures (MTTA, MTTR by
//! both denominators' rules, SLA compliance, reopen rate, first-assignment
//! resolution, reassignments) and nothing else: the code a host would write
//! instead. The loop is checked against the engine before it is timed.
//!
//! Run: `cargo bench -p itsm-benches --bench metrics`. `ITSM_BENCH_RECORDS`
//! sets the size.

use std::collections::{HashMap, HashSet};
use std::hint::black_box;

use chrono::{DateTime, TimeDelta, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use itsm_benches::Rng;
use itsm_core::metrics::{Figure, MetricRecord, Metrics, Period};

const DAY: i64 = 86_400_000;

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn export(count: usize) -> Vec<MetricRecord> {
    let mut rng = Rng::new(17);
    let year_start = 1_767_225_600_000i64; // 2026-01-01T00:00Z
    let at = |ms: i64| itsm_core::instant_from_millis(ms).unwrap();
    let minutes = |n: u64| TimeDelta::minutes(n as i64);
    (0..count)
        .map(|n| {
            let created_at = at(year_start + rng.below(365 * 24 * 3600) as i64 * 1000);
            let resolved_at =
                (rng.below(10) > 0).then(|| created_at + minutes(5 + rng.below(7 * 24 * 60)));
            let closed_at = resolved_at
                .filter(|_| rng.below(4) > 0)
                .map(|r| r + minutes(rng.below(3 * 24 * 60)));
            MetricRecord {
                id: format!("INC{n}"),
                kind: "incident".into(),
                created_at,
                acknowledged_at: (rng.below(5) > 0).then(|| created_at + minutes(rng.below(240))),
                resolved_at,
                closed_at,
                cancelled: rng.below(50) == 0,
                due_at: (rng.below(4) > 0).then(|| created_at + minutes(rng.below(3 * 24 * 60))),
                reopened: u32::from(rng.below(30) == 0),
                reassignments: rng.below(4) as u32 * u32::from(rng.below(3) == 0),
                item: (rng.below(3) == 0).then(|| format!("ci{}", rng.below(2000))),
                group: None,
                outcome: None,
                emergency: false,
                caused_incidents: 0,
            }
        })
        .collect()
}

/// The ticket figures by creation with the closed-only denominator, written
/// out by hand in wall time: (MTTA, MTTR, compliance, reopen, first
/// assignment, reassignments).
fn native(records: &[MetricRecord], from: i64, to: i64, now: i64) -> [Figure; 6] {
    let mut sums = [(0i64, 0u64); 6];
    let ms = |t: DateTime<Utc>| t.timestamp_millis();
    for r in records {
        let created = ms(r.created_at);
        if r.cancelled || created < from || created >= to || created > now {
            continue;
        }
        let seen = |t: Option<DateTime<Utc>>| t.map(ms).filter(|&t| t <= now);
        if let Some(ack) = seen(r.acknowledged_at) {
            sums[0].0 += ack - created;
            sums[0].1 += 1;
        }
        let closed = seen(r.closed_at);
        let resolution = seen(r.resolved_at).or(closed);
        if let (Some(_), Some(resolved)) = (closed, resolution) {
            sums[1].0 += resolved - created;
            sums[1].1 += 1;
            if let Some(due) = r.due_at {
                sums[2].0 += i64::from(resolved <= ms(due));
                sums[2].1 += 1;
            }
        }
        if resolution.is_some() {
            sums[3].0 += i64::from(r.reopened > 0);
            sums[4].0 += i64::from(r.reassignments == 0);
            sums[5].0 += i64::from(r.reassignments);
            for sum in &mut sums[3..] {
                sum.1 += 1;
            }
        }
    }
    sums.map(|(numerator, denominator)| Figure {
        numerator,
        denominator,
        value: (denominator > 0).then(|| numerator as f64 / denominator as f64),
    })
}

/// What the engine's report computes besides the six figures, written out by
/// hand as a host would with the standard library: ids checked unique, the
/// backlog's ages in buckets, each item's incidents merged into failures and
/// down time. Answers (backlog count, oldest age, items, failures, down time).
fn native_rest(
    records: &[MetricRecord],
    from: i64,
    to: i64,
    now: i64,
) -> (usize, i64, usize, u64, i64) {
    let ms = |t: DateTime<Utc>| t.timestamp_millis();
    let mut ids = HashSet::with_capacity(records.len());
    assert!(
        records.iter().all(|r| ids.insert(r.id.as_str())),
        "a repeated id"
    );
    let bounds = [DAY, 3 * DAY, 7 * DAY, 30 * DAY];
    let mut buckets = [0u64; 5];
    let mut oldest = 0;
    let mut backlog = 0;
    let mut outages: HashMap<&str, Vec<(i64, i64)>> = HashMap::new();
    for r in records {
        let created = ms(r.created_at);
        if r.cancelled || created > now {
            continue;
        }
        let seen = |t: Option<DateTime<Utc>>| t.map(ms).filter(|&t| t <= now);
        let resolution = seen(r.resolved_at).or(seen(r.closed_at));
        if resolution.is_none() {
            let age = now - created;
            buckets[bounds.partition_point(|&b| b <= age)] += 1;
            oldest = oldest.max(age);
            backlog += 1;
        }
        if let Some(item) = &r.item {
            outages
                .entry(item)
                .or_default()
                .push((created, resolution.unwrap_or(now)));
        }
    }
    let so_far = to.min(now);
    let (mut failures, mut down) = (0, 0);
    let items = outages.len();
    for (_, mut spans) in outages {
        spans.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::new();
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if last.1 >= a => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        for (a, b) in merged {
            failures += u64::from(from <= a && a < so_far);
            down += (b.min(so_far) - a.max(from)).max(0);
        }
    }
    black_box(buckets);
    (backlog, oldest, items, failures, down)
}

fn metrics(c: &mut Criterion) {
    let count = size("ITSM_BENCH_RECORDS", 1_000_000);
    let records = export(count);
    let now = itsm_core::parse_instant("now", "2027-01-01T00:00:00Z").unwrap();
    let month = Period::Month {
        year: 2026,
        month: 6,
    };
    let wall = Metrics::from_json("{}").unwrap();
    let business = Metrics::from_json(
        r#"{"time": "business", "calendar": {"time_zone": "Europe/Berlin",
            "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                     "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
            "holidays": [{"annual": "01-01"}, {"annual": "12-25"}, {"easter": 1}]}}"#,
    )
    .unwrap();
    let report = wall.report(&records, month, now).unwrap();
    let (from, to) = (
        report.period_start.timestamp_millis(),
        report.period_end.timestamp_millis(),
    );
    let by_hand = native(&records, from, to, now.timestamp_millis());
    let engine = [
        report.mtta,
        report.mttr,
        report.sla_compliance,
        report.reopen_rate,
        report.first_assignment_resolution,
        report.reassignments_per_ticket,
    ];
    assert_eq!(
        by_hand, engine,
        "the hand-written loop disagrees with the engine"
    );
    eprintln!(
        "{count} records; June: {} tickets, MTTR over {}, backlog {}, {} items with failures",
        report.tickets,
        report.mttr.denominator,
        report.backlog.records,
        report.mtbf.len()
    );
    let mut group = c.benchmark_group("metrics");
    group.sample_size(10);
    group.bench_function("native ticket figures, one month", |b| {
        b.iter(|| native(black_box(&records), from, to, now.timestamp_millis()))
    });
    group.bench_function("native whole report, one month", |b| {
        b.iter(|| {
            let now = now.timestamp_millis();
            (
                native(black_box(&records), from, to, now),
                native_rest(black_box(&records), from, to, now),
            )
        })
    });
    group.bench_function("report, one month, wall time", |b| {
        b.iter(|| wall.report(black_box(&records), month, now).unwrap())
    });
    group.bench_function("report, one month, business time", |b| {
        b.iter(|| business.report(black_box(&records), month, now).unwrap())
    });
    group.finish();
}

criterion_group!(benches, metrics);
criterion_main!(benches);
