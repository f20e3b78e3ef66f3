//! Property test of conflict detection: the sweep over a schedule finds the
//! same conflicts as a plain pairwise scan with the rules read naively (items
//! compared as text, what a failure reaches by a search over the document's
//! relations), on random estates and schedules.

use std::collections::{BTreeSet, HashSet};

use itsm_core::change::{ChangeConflictKind, PlannedChange, Schedule, ScheduleDocument};
use itsm_core::service::{GraphDocument, Item, ItemKind, Relation, RelationKind, ServiceGraph};
use proptest::prelude::*;

fn estate(kinds: &[u8], relations: &[(usize, usize)]) -> GraphDocument {
    let mut document = GraphDocument::default();
    for (n, kind) in kinds.iter().enumerate() {
        document.items.push(Item {
            id: format!("n{n}"),
            kind: if *kind == 0 {
                ItemKind::BusinessService
            } else {
                ItemKind::Item
            },
            name: None,
            class: None,
        });
    }
    for &(a, b) in relations {
        let (low, high) = (a.min(b), a.max(b));
        let relation = Relation {
            from: format!("n{high}"),
            kind: RelationKind::DependsOn,
            to: format!("n{low}"),
        };
        if low != high && !document.relations.contains(&relation) {
            document.relations.push(relation);
        }
    }
    document
}

/// What `item`'s failure reaches, itself included.
fn reached(document: &GraphDocument, item: &str) -> HashSet<String> {
    let mut seen = HashSet::from([item.to_owned()]);
    let mut stack = vec![item.to_owned()];
    while let Some(node) = stack.pop() {
        for r in document.relations.iter().filter(|r| r.to == node) {
            if seen.insert(r.from.clone()) {
                stack.push(r.from.clone());
            }
        }
    }
    seen
}

/// Every `(change, other, kind)` of every overlapping pair, the earlier start
/// (then the earlier end, then the earlier place) as `change`.
fn pairwise(
    document: &GraphDocument,
    changes: &[PlannedChange],
) -> BTreeSet<(String, String, ChangeConflictKind)> {
    let services: HashSet<&str> = document
        .items
        .iter()
        .filter(|i| i.kind.is_service())
        .map(|i| i.id.as_str())
        .collect();
    let mut out = BTreeSet::new();
    for (i, a) in changes.iter().enumerate() {
        for (j, b) in changes.iter().enumerate() {
            let key = |c: &PlannedChange, n: usize| (c.start, c.end, n);
            let empty = a.start == a.end || b.start == b.end;
            if key(a, i) >= key(b, j) || empty || !(a.start < b.end && b.start < a.end) {
                continue;
            }
            let (x, y) = (a.id.clone().unwrap(), b.id.clone().unwrap());
            let mut add = |kind| {
                out.insert((x.clone(), y.clone(), kind));
            };
            if a.items.iter().any(|p| b.items.contains(p)) {
                add(ChangeConflictKind::SameItem);
            }
            let related = |p: &String, q: &String| {
                p != q && (reached(document, p).contains(q) || reached(document, q).contains(p))
            };
            let pairs: Vec<(&String, &String)> = a
                .items
                .iter()
                .flat_map(|p| b.items.iter().map(move |q| (p, q)))
                .collect();
            if pairs.iter().any(|(p, q)| related(p, q)) {
                add(ChangeConflictKind::RelatedItem);
            }
            if pairs.iter().any(|(p, q)| {
                p != q
                    && !related(p, q)
                    && reached(document, p)
                        .intersection(&reached(document, q))
                        .any(|n| services.contains(n.as_str()))
            }) {
                add(ChangeConflictKind::SharedService);
            }
            if a.assignee.is_some() && a.assignee == b.assignee {
                add(ChangeConflictKind::AssigneeDoubleBooked);
            }
        }
    }
    out
}

fn schedules() -> impl Strategy<Value = (GraphDocument, Vec<PlannedChange>)> {
    (2usize..9)
        .prop_flat_map(|items| {
            (
                prop::collection::vec(0u8..3, items),
                prop::collection::vec((0..items, 0..items), 0..items * 2),
                prop::collection::vec(
                    (
                        prop::collection::vec(0..items, 1..3),
                        0i64..40,
                        0i64..8,
                        prop::option::of(0u8..3),
                    ),
                    0..14,
                ),
            )
        })
        .prop_map(|(kinds, relations, changes)| {
            let document = estate(&kinds, &relations);
            let hour = 3_600_000;
            let base = 1_795_000_000_000i64;
            let planned = changes
                .into_iter()
                .enumerate()
                .map(|(c, (items, start, length, assignee))| PlannedChange {
                    id: Some(format!("CHG-{c}")),
                    items: items.into_iter().map(|n| format!("n{n}")).collect(),
                    start: itsm_core::instant_from_millis(base + start * hour).unwrap(),
                    end: itsm_core::instant_from_millis(base + (start + length) * hour).unwrap(),
                    assignee: assignee.map(|a| format!("person-{a}")),
                })
                .collect();
            (document, planned)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_sweep_finds_what_a_pairwise_scan_finds((document, changes) in schedules()) {
        let graph = ServiceGraph::from_document(document.clone()).unwrap();
        let schedule = Schedule::new(ScheduleDocument { changes: changes.clone() }).unwrap();
        let swept: BTreeSet<(String, String, ChangeConflictKind)> = schedule
            .conflicts(&graph)
            .unwrap()
            .into_iter()
            .map(|c| (c.change, c.other, c.kind))
            .collect();
        prop_assert_eq!(&swept, &pairwise(&document, &changes));
        // One change against the schedule finds its conflicts with every other.
        for change in &changes {
            let id = change.id.clone().unwrap();
            let mine: BTreeSet<(String, ChangeConflictKind)> = schedule
                .conflicts_of(&graph, change)
                .unwrap()
                .into_iter()
                .map(|c| (c.other, c.kind))
                .collect();
            let expected: BTreeSet<(String, ChangeConflictKind)> = swept
                .iter()
                .filter_map(|(a, b, kind)| {
                    if *a == id {
                        Some((b.clone(), *kind))
                    } else if *b == id {
                        Some((a.clone(), *kind))
                    } else {
                        None
                    }
                })
                .collect();
            prop_assert_eq!(mine, expected);
        }
    }
}
