//! Property tests of impact analysis on random graphs: the answer equals a
//! plain fixed-point reading of the rules (each node the worst health that
//! reaches it, groups counted, depth by the fewest relations), and a graph
//! built by changes answers as the same graph read from its document.

use std::collections::BTreeMap;

use itsm_core::service::{
    Failure, GraphChange, GraphDocument, Group, Health, ImpactQuery, Item, ItemKind, Relation,
    RelationKind, ServiceGraph,
};
use proptest::prelude::*;

/// A random graph with no cycle along impact: relations only ever carry
/// impact from a lower-numbered node to a higher one, and groups (numbered
/// after every item) hold lower-numbered nodes.
fn graphs() -> impl Strategy<Value = GraphDocument> {
    (3usize..14, 0usize..4)
        .prop_flat_map(|(items, groups)| {
            let nodes = items + groups;
            (
                Just(items),
                Just(groups),
                prop::collection::vec((0..nodes, 0..nodes, 0u8..3), 0..nodes * 2),
                prop::collection::vec((prop::collection::vec(0..nodes, 1..5), 0u32..5), groups),
                prop::collection::vec(0u8..4, items),
            )
        })
        .prop_map(|(items, groups, relations, members, kinds)| {
            let id = |n: usize| format!("n{n}");
            let mut document = GraphDocument::default();
            for (n, kind) in kinds.iter().enumerate() {
                let kind = [
                    ItemKind::Item,
                    ItemKind::Item,
                    ItemKind::BusinessService,
                    ItemKind::TechnicalService,
                ][*kind as usize];
                document.items.push(Item {
                    id: id(n),
                    kind,
                    name: None,
                    class: None,
                });
            }
            for (g, (candidates, min)) in members.into_iter().enumerate() {
                let node = items + g;
                let mut list: Vec<String> = Vec::new();
                for m in candidates.into_iter().map(|m| m % node.max(1)) {
                    if !list.contains(&id(m)) {
                        list.push(id(m));
                    }
                }
                let count = list.len() as u32;
                document.groups.push(Group {
                    id: id(node),
                    members: list,
                    min_up: Some(1 + min % count),
                    min_up_percent: None,
                });
            }
            for (a, b, kind) in relations {
                let (low, high) = (a.min(b), a.max(b));
                if low == high {
                    continue;
                }
                // Impact flows low -> high.
                let relation = match kind {
                    0 => Relation {
                        from: id(high),
                        kind: RelationKind::DependsOn,
                        to: id(low),
                    },
                    1 => Relation {
                        from: id(high),
                        kind: RelationKind::RunsOn,
                        to: id(low),
                    },
                    _ => Relation {
                        from: id(low),
                        kind: RelationKind::Impacts,
                        to: id(high),
                    },
                };
                if !document.relations.contains(&relation) {
                    document.relations.push(relation);
                }
            }
            let _ = groups;
            document
        })
}

/// The rules read plainly: depths by relaxing every edge until nothing
/// changes, then health by relaxing every node until nothing changes.
fn oracle(document: &GraphDocument, query: &ImpactQuery) -> BTreeMap<String, (Health, u32)> {
    let flows: Vec<(String, String)> = document
        .relations
        .iter()
        .map(|r| match r.kind {
            RelationKind::DependsOn | RelationKind::RunsOn => (r.to.clone(), r.from.clone()),
            RelationKind::Impacts => (r.from.clone(), r.to.clone()),
        })
        .collect();
    let mut depth: BTreeMap<String, u32> = BTreeMap::new();
    let mut own: BTreeMap<String, Health> = BTreeMap::new();
    for failure in &query.failures {
        depth.insert(failure.item.clone(), 0);
        let worst = own.entry(failure.item.clone()).or_default();
        *worst = (*worst).max(failure.health);
    }
    let limit = query.depth.unwrap_or(u32::MAX);
    loop {
        let mut changed = false;
        let mut relax = |from: &str, to: &str, cost: u32| {
            if let Some(&d) = depth.get(from) {
                let nd = d + cost;
                if nd <= limit && depth.get(to).is_none_or(|&old| nd < old) {
                    depth.insert(to.to_owned(), nd);
                    changed = true;
                }
            }
        };
        for (from, to) in &flows {
            relax(from, to, 1);
        }
        for group in &document.groups {
            for member in &group.members {
                relax(member, &group.id, 0);
            }
        }
        if !changed {
            break;
        }
    }
    let mut health: BTreeMap<String, Health> = depth
        .keys()
        .map(|id| (id.clone(), own.get(id).copied().unwrap_or_default()))
        .collect();
    loop {
        let mut changed = false;
        let reached = health.clone();
        let at = |id: &str| reached.get(id).copied().unwrap_or_default();
        let mut raise = |id: &str, to: Health| {
            if let Some(h) = health.get_mut(id) {
                if to > *h {
                    *h = to;
                    changed = true;
                }
            }
        };
        for (from, to) in &flows {
            raise(to, at(from));
        }
        for group in &document.groups {
            let down = group
                .members
                .iter()
                .filter(|m| at(m) == Health::Down)
                .count() as u32;
            let hurt = group
                .members
                .iter()
                .filter(|m| at(m) != Health::Operational)
                .count();
            let up = group.members.len() as u32 - down;
            if up < group.required() {
                raise(&group.id, Health::Down);
            } else if hurt > 0 {
                raise(&group.id, Health::Degraded);
            }
        }
        if !changed {
            break;
        }
    }
    health
        .into_iter()
        .filter(|(_, h)| *h != Health::Operational)
        .map(|(id, h)| {
            let d = depth[&id];
            (id, (h, d))
        })
        .collect()
}

fn queries(items: usize) -> impl Strategy<Value = ImpactQuery> {
    (
        prop::collection::vec((0..items, any::<bool>()), 0..4),
        prop::option::of(0u32..4),
    )
        .prop_map(|(failures, depth)| ImpactQuery {
            failures: failures
                .into_iter()
                .map(|(n, degraded)| Failure {
                    item: format!("n{n}"),
                    health: if degraded {
                        Health::Degraded
                    } else {
                        Health::Down
                    },
                })
                .collect(),
            depth,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn impact_is_the_fixed_point_of_the_rules(
        (document, query) in graphs().prop_flat_map(|d| {
            let items = d.items.len();
            (Just(d), queries(items))
        })
    ) {
        let graph = ServiceGraph::from_document(document.clone()).unwrap();
        let impact = graph.impact(&query).unwrap();
        let got: BTreeMap<String, (Health, u32)> = impact
            .affected
            .iter()
            .map(|a| (a.id.clone(), (a.health, a.depth)))
            .collect();
        prop_assert_eq!(got, oracle(&document, &query));
        // Every service's path runs from a failed item through affected nodes to it.
        for affected in impact.affected.iter().filter(|a| !a.path.is_empty()) {
            let first = &affected.path[0];
            prop_assert!(query.failures.iter().any(|f| &f.item == first));
            prop_assert_eq!(affected.path.last(), Some(&affected.id));
        }
    }

    #[test]
    fn a_graph_built_by_changes_answers_as_its_document(
        (document, query) in graphs().prop_flat_map(|d| {
            let items = d.items.len();
            (Just(d), queries(items))
        })
    ) {
        let mut built = ServiceGraph::default();
        for item in &document.items {
            built.apply(&GraphChange::AddItem(item.clone())).unwrap();
        }
        for group in &document.groups {
            built.apply(&GraphChange::AddGroup(group.clone())).unwrap();
        }
        for relation in &document.relations {
            built.apply(&GraphChange::AddRelation(relation.clone())).unwrap();
        }
        let read = ServiceGraph::from_document(document.clone()).unwrap();
        prop_assert_eq!(&built.to_document(), &document);
        prop_assert_eq!(built.impact(&query).unwrap(), read.impact(&query).unwrap());
        // Every relation removed and added back leaves the same answers.
        for relation in &document.relations {
            built.apply(&GraphChange::RemoveRelation(relation.clone())).unwrap();
            built.apply(&GraphChange::AddRelation(relation.clone())).unwrap();
        }
        prop_assert_eq!(built.impact(&query).unwrap(), read.impact(&query).unwrap());
    }
}
