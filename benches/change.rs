//! Conflict detection on the estate of `benches/service.rs` (100,000 items,
//! 300,000 relations): 100,000 changes over a year, each on one or two items
//! of the upper layers (applications, servers, services), one to eight hours
//! long, assigned to one of 500 people. One planned change against the whole
//! schedule, and the whole schedule against itself by the sweep.
//!
//! Run: `cargo bench -p itsm-benches --bench change`. `ITSM_BENCH_ITEMS` and
//! `ITSM_BENCH_CHANGES` set the sizes.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use itsm_benches::{Rng, estate};
use itsm_core::change::{PlannedChange, Schedule, ScheduleDocument};
use itsm_core::service::ServiceGraph;

fn size(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn change(c: &mut Criterion) {
    let items = size("ITSM_BENCH_ITEMS", 100_000);
    let count = size("ITSM_BENCH_CHANGES", 100_000);
    let graph = ServiceGraph::from_document(estate(items, 11)).unwrap();
    let mut rng = Rng::new(5);
    let year_start = 1_767_225_600_000i64; // 2026-01-01T00:00Z
    let hour = 3_600_000i64;
    let upper = items / 2;
    let at = |ms: i64| itsm_core::instant_from_millis(ms).unwrap();
    let changes: Vec<PlannedChange> = (0..count)
        .map(|n| {
            let start = year_start + rng.below(365 * 24 * 4) as i64 * hour / 4;
            let touched = 1 + rng.below(2) as usize;
            PlannedChange {
                id: Some(format!("CHG{n}")),
                items: (0..touched)
                    .map(|_| format!("ci{}", upper + rng.below((items - upper) as u64) as usize))
                    .collect(),
                start: at(start),
                end: at(start + (1 + rng.below(8) as i64) * hour),
                assignee: Some(format!("person{}", rng.below(500))),
            }
        })
        .collect();
    let schedule = Schedule::new(ScheduleDocument {
        changes: changes.clone(),
    })
    .unwrap();
    let planned = PlannedChange {
        id: Some("CHG-new".into()),
        ..changes[count / 2].clone()
    };
    let all = schedule.conflicts(&graph).unwrap();
    eprintln!(
        "{count} changes on {items} items: {} conflicts in all; the planned change has {}",
        all.len(),
        schedule.conflicts_of(&graph, &planned).unwrap().len()
    );
    let mut group = c.benchmark_group("change");
    group.sample_size(10);
    group.bench_function("one_change_against_the_schedule", |b| {
        b.iter(|| {
            schedule
                .conflicts_of(&graph, black_box(&planned))
                .unwrap()
                .len()
        })
    });
    group.bench_function("the_schedule_against_itself", |b| {
        b.iter(|| schedule.conflicts(black_box(&graph)).unwrap().len())
    });
    group.finish();
}

criterion_group!(benches, change);
criterion_main!(benches);
