//! Validating moves on the built-in incident workflow, with its guards: the
//! hot path a backend calls on every request (`allows`, allocating nothing),
//! the full verdict (`validate`), and the refused case with every reason.
//!
//! Run: `cargo bench -p itsm-benches --bench workflow`. Each iteration
//! validates a batch of 1,000 requests, so throughput reads as validations per
//! second.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use itsm_core::Fields;
use itsm_core::rules::Context;
use itsm_core::workflow::Workflow;
use serde_json::json;

const BATCH: usize = 1_000;

fn fields(value: serde_json::Value) -> Fields {
    serde_json::from_value(value).unwrap()
}

fn validate(c: &mut Criterion) {
    let incident = Workflow::builtin("incident").unwrap();
    let context: Context = serde_json::from_value(json!({
        "actor": {"id": "ann", "roles": ["agent"], "groups": ["network"]},
        "now": "2026-11-23T09:00:00Z"
    }))
    .unwrap();
    // Resolve from in progress: two required fields and a role guard pass.
    let resolvable = fields(json!({"state": "in_progress", "caller": "bob",
        "assignment_group": "network", "assigned_to": "ann",
        "resolution_code": "solved_permanently", "resolution_notes": "replaced the switch"}));
    // Start work: the any-guard passes on the record's group.
    let startable = fields(json!({"state": "assigned", "caller": "bob",
        "assignment_group": "network", "assigned_to": "ann"}));
    // Resolve without code and notes: two reasons.
    let unresolvable = fields(json!({"state": "in_progress", "caller": "bob",
        "assignment_group": "network", "assigned_to": "ann"}));
    assert!(incident.allows(&resolvable, "resolve", &context).unwrap());
    assert!(incident.allows(&startable, "start", &context).unwrap());
    assert!(!incident.allows(&unresolvable, "resolve", &context).unwrap());

    let mut group = c.benchmark_group("workflow");
    group.throughput(Throughput::Elements(BATCH as u64));
    let cases = [
        ("allows_allowed_resolve", &resolvable, "resolve"),
        ("allows_allowed_start_by_group", &startable, "start"),
        ("allows_allowed_target_state", &resolvable, "resolved"),
        ("allows_refused_resolve", &unresolvable, "resolve"),
    ];
    for (name, record, request) in cases {
        group.bench_function(name, |b| {
            b.iter(|| {
                (0..BATCH)
                    .filter(|_| {
                        incident
                            .allows(black_box(record), black_box(request), black_box(&context))
                            .unwrap()
                    })
                    .count()
            })
        });
    }
    group.bench_function("validate_allowed_resolve", |b| {
        b.iter(|| {
            (0..BATCH)
                .filter(|_| {
                    incident
                        .validate(black_box(&resolvable), "resolve", black_box(&context))
                        .unwrap()
                        .allowed
                })
                .count()
        })
    });
    group.bench_function("validate_refused_resolve_with_reasons", |b| {
        b.iter(|| {
            (0..BATCH)
                .map(|_| {
                    incident
                        .validate(black_box(&unresolvable), "resolve", black_box(&context))
                        .unwrap()
                        .reasons
                        .len()
                })
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, validate);
criterion_main!(benches);
