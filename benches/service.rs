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
use itsm_benches::Rng;
use itsm_core::service::{
    GraphChange, GraphDocument, Group, ImpactQuery, Item, ItemKind, Relation, RelationKind,
    ServiceGraph,
};

/// `items` nodes in ten layers; each node above the first layer depends on
/// three or four nodes of lower layers, mostly the layer just below; every fiftieth
/// node of the lower layers is a three-member group that needs two up.
fn estate(items: usize, seed: u64) -> GraphDocument {
    let mut rng = Rng::new(seed);
    let id = |n: usize| format!("ci{n}");
    let layer = items / 10;
    let mut document = GraphDocument::default();
    for n in 0..items {
        let kind = if n >= items - layer / 10 {
            ItemKind::BusinessService
        } else if n >= items - layer {
            ItemKind::TechnicalService
        } else {
            ItemKind::Item
        };
        document.items.push(Item {
            id: id(n),
            kind,
            name: None,
            class: None,
        });
    }
    let mut groups = 0;
    for n in layer..items {
        // Three or four each: about 300,000 relations for 100,000 items.
        let wanted = 3 + usize::from(n % 3 == 0);
        let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
        while chosen.len() < wanted {
            let level = n / layer;
            let below = if rng.below(4) == 0 {
                rng.below((level * layer) as u64) as usize
            } else {
                (level - 1) * layer + rng.below(layer as u64) as usize
            };
            if !chosen.contains(&below) {
                chosen.push(below);
            }
        }
        let target = if n % 50 == 0 && n < items - layer {
            let group = format!("pool{groups}");
            groups += 1;
            document.groups.push(Group {
                id: group.clone(),
                members: chosen.iter().map(|&m| id(m)).collect(),
                min_up: Some(2),
                min_up_percent: None,
            });
            vec![group]
        } else {
            chosen.iter().map(|&m| id(m)).collect()
        };
        for to in target {
            document.relations.push(Relation {
                from: id(n),
                kind: if n < 2 * layer {
                    RelationKind::RunsOn
                } else {
                    RelationKind::DependsOn
                },
                to,
            });
        }
    }
    document
}

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
