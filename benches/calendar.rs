//! Business-time queries on a compiled Europe/Berlin calendar with holidays,
//! over 1,000,000 pseudo-random instant pairs per measurement.
//!
//! Run: `cargo bench -p itsm-benches --bench calendar`.

use std::hint::black_box;

use chrono::TimeDelta;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use itsm_benches::{Rng, berlin_office, instant_pairs};
use itsm_core::calendar::WorkingDayMode;

const QUERIES: usize = 1_000_000;

fn calendar_queries(c: &mut Criterion) {
    let calendar = berlin_office();
    let pairs = instant_pairs(QUERIES, 7);
    let mut rng = Rng::new(11);
    let durations: Vec<TimeDelta> = (0..QUERIES)
        .map(|_| TimeDelta::milliseconds(rng.below(40 * 3_600_000) as i64))
        .collect();
    let day_counts: Vec<i64> = (0..QUERIES).map(|_| rng.below(21) as i64 - 5).collect();
    // Compile the span the queries touch, as a long-lived host would have.
    calendar
        .business_duration(pairs[0].0, pairs[0].0 + TimeDelta::days(4 * 365))
        .unwrap();
    calendar
        .add_business(pairs[0].0, TimeDelta::days(3 * 365))
        .unwrap();

    let mut group = c.benchmark_group("calendar");
    group.throughput(Throughput::Elements(QUERIES as u64));
    group.sample_size(20);

    group.bench_function("business_duration", |b| {
        b.iter(|| {
            let mut sum = TimeDelta::zero();
            for &(start, end) in &pairs {
                sum += calendar
                    .business_duration(black_box(start), black_box(end))
                    .unwrap();
            }
            sum
        })
    });
    group.bench_function("add_business", |b| {
        b.iter(|| {
            let mut last = pairs[0].0;
            for (&(start, _), &d) in pairs.iter().zip(&durations) {
                last = last.max(
                    calendar
                        .add_business(black_box(start), black_box(d))
                        .unwrap(),
                );
            }
            last
        })
    });
    group.bench_function("subtract_business", |b| {
        b.iter(|| {
            let mut last = pairs[0].0;
            for (&(_, end), &d) in pairs.iter().zip(&durations) {
                last = last.max(
                    calendar
                        .subtract_business(black_box(end), black_box(d))
                        .unwrap(),
                );
            }
            last
        })
    });
    for (name, mode) in [
        ("add_working_days_keep_time", WorkingDayMode::KeepTimeOfDay),
        ("add_working_days_end_of_day", WorkingDayMode::EndOfDay),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut last = pairs[0].0;
                for (&(start, _), &n) in pairs.iter().zip(&day_counts) {
                    last = last.max(
                        calendar
                            .add_working_days(black_box(start), black_box(n), mode)
                            .unwrap(),
                    );
                }
                last
            })
        });
    }
    group.bench_function("is_working", |b| {
        b.iter(|| {
            pairs
                .iter()
                .filter(|(start, _)| calendar.is_working(black_box(*start)).unwrap())
                .count()
        })
    });
    group.finish();

    let mut load = c.benchmark_group("calendar_load");
    load.bench_function("parse_and_first_query", |b| {
        b.iter(|| {
            let fresh = berlin_office();
            fresh.is_working(black_box(pairs[0].0)).unwrap()
        })
    });
    load.finish();
}

criterion_group!(benches, calendar_queries);
criterion_main!(benches);
