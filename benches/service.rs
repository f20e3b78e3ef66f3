//! Impact analysis on a large estate: 100,000 items and 300,000 relations in
//! layers (storage and network at the bottom, services at the top), with
//! redundancy groups, against a hand-written breadth-first search over
//! adjacency lists (what a host would write to find what a failure reaches,
//! without groups, health or paths).
//!
//! Run: `cargo bench -p itsm-benches --bench service`. `ITSM_BENCH_ITEMS` sets
//! the number of items (100,000 by default).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use itsm_benches::estate;
use itsm_core::service::{GraphChange, ImpactQuery, Relation, RelationKind, ServiceGraph};

/// The nodes a failure of `start` reaches, by a plain breadth-first search.
fn reached(out: &[Vec<u32>], start: u32) -> usize {
    let mut seen = vec![false; out.len()];
    let mut queue = std::collections::VecDeque::from([start]);
    seen[start as usize] = true;
    let mut count = 0;
    while let Some(node) = queue.pop_front() {
        count += 1;
        for &next in &out[node as usize] {
            if !seen[next as usize] {
                seen[next as usize] = true;
                queue.push_back(next);
            }
        }
    }
    count
}

fn service(c: &mut Criterion) {
    let items: usize = std::env::var("ITSM_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let document = estate(items, 11);
    let relations = document.relations.len()
        + document
            .groups
            .iter()
            .map(|g| g.members.len())
            .sum::<usize>();
    let graph = ServiceGraph::from_document(document.clone()).unwrap();
    let core = ImpactQuery::down(["ci7"]);
    let impact = graph.impact(&core).unwrap();
    eprintln!(
        "{items} items, {} groups, {relations} edges; a failure of ci7 affects {} nodes ({} services down, {} degraded)",
        document.groups.len(),
        impact.affected.len(),
        impact.counts.services_down,
        impact.counts.services_degraded
    );

    // The peer's adjacency lists: relations and memberships as plain edges.
    let index: std::collections::HashMap<&str, u32> = document
        .items
        .iter()
        .map(|i| i.id.as_str())
        .chain(document.groups.iter().map(|g| g.id.as_str()))
        .enumerate()
        .map(|(n, id)| (id, n as u32))
        .collect();
    let mut out = vec![Vec::new(); index.len()];
    for r in &document.relations {
        out[index[r.to.as_str()] as usize].push(index[r.from.as_str()]);
    }
    for g in &document.groups {
        for m in &g.members {
            out[index[m.as_str()] as usize].push(index[g.id.as_str()]);
        }
    }

    let mut group = c.benchmark_group("service");
    group.sample_size(20);
    group.bench_function("impact_of_one_core_item", |b| {
        b.iter(|| graph.impact(black_box(&core)).unwrap().affected.len())
    });
    group.bench_function("plain_bfs_of_one_core_item", |b| {
        b.iter(|| reached(black_box(&out), index["ci7"]))
    });
    let mut limited = core.clone();
    limited.depth = Some(3);
    group.bench_function("impact_of_one_core_item_depth_3", |b| {
        b.iter(|| graph.impact(black_box(&limited)).unwrap().affected.len())
    });
    group.bench_function("load_the_document", |b| {
        b.iter(|| {
            ServiceGraph::from_document(black_box(document.clone()))
                .unwrap()
                .len()
        })
    });
    let mut changing = graph.clone();
    let mut n = 0u64;
    group.bench_function("add_and_remove_a_relation", |b| {
        b.iter(|| {
            n += 1;
            let relation = Relation {
                from: format!("ci{}", items - 1 - (n as usize % 1000)),
                kind: RelationKind::Impacts,
                to: format!("ci{}", items - 1001 - (n as usize % 1000)),
            };
            // Impact flows from the higher node down: a cycle unless refused,
            // so half the calls measure the refusal's search.
            let added = changing.apply(&GraphChange::AddRelation(relation.clone()));
            if added.is_ok() {
                changing
                    .apply(&GraphChange::RemoveRelation(relation))
                    .unwrap();
            }
        })
    });
    group.finish();
}

criterion_group!(benches, service);
criterion_main!(benches);
