//! SLA evaluation of incident histories (about ten events each) against the
//! built-in ITIL incident template, in one batch.
//!
//! Run: `cargo bench -p itsm-benches --bench sla`. `ITSM_BENCH_RECORDS` sets the
//! batch size (1,000,000 by default).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use itsm_benches::incident_timelines;
use itsm_core::sla::{EvaluateOptions, PolicySet, template};

fn sla_batch(c: &mut Criterion) {
    let records: usize = std::env::var("ITSM_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    let timelines = incident_timelines(records, 3);
    let events: usize = timelines.iter().map(|t| t.events().len() + 1).sum();
    eprintln!(
        "{records} records, {:.1} steps each",
        events as f64 / records as f64
    );
    let now = itsm_core::parse_instant("now", "2027-01-15T00:00:00Z").unwrap();
    // Compile the calendars' spans first, as a long-lived host would have.
    set.evaluate_batch(&timelines[..records.min(1000)], now);

    let mut group = c.benchmark_group("sla");
    group.throughput(Throughput::Elements(records as u64));
    group.sample_size(10);
    group.bench_function("evaluate_batch_itil_incident", |b| {
        b.iter(|| {
            let results = set.evaluate_batch(black_box(&timelines), black_box(now));
            results.iter().filter(|r| r.is_ok()).count()
        })
    });
    group.bench_function("evaluate_batch_itil_incident_without_explanations", |b| {
        b.iter(|| {
            let options = EvaluateOptions {
                explain: false,
                ..EvaluateOptions::default()
            };
            let results = set.evaluate_batch_with(black_box(&timelines), black_box(now), options);
            results.iter().filter(|r| r.is_ok()).count()
        })
    });
    group.finish();
}

criterion_group!(benches, sla_batch);
criterion_main!(benches);
