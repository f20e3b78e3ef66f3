//! Conflicts between changes: two changes that overlap in time and touch the
//! same item, related items (one's failure reaches the other), items a shared
//! service depends on, or the same assignee. One change against a schedule,
//! or a whole schedule against itself by a sweep over start times.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{self, Kind};
use crate::error::{Error, Result};
use crate::service::ServiceGraph;
use crate::time::{Millis, from_millis, to_millis};

/// A change as windows and other changes judge it: what it touches, when,
/// and who carries it out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlannedChange {
    /// The change's id, carried.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The items and services it touches (ids of the service graph).
    pub items: Vec<String>,
    /// When it starts.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub start: DateTime<Utc>,
    /// When it ends (half-open: a change ending when a freeze starts does not
    /// overlap it).
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub end: DateTime<Utc>,
    /// Who carries it out (for double-booking between changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
}

/// How two changes conflict.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ChangeConflictKind {
    /// Both touch the same item.
    SameItem,
    /// One touches an item whose failure reaches an item the other touches
    /// (any ancestor or descendant).
    RelatedItem,
    /// Both touch items a service depends on, neither the same nor related.
    SharedService,
    /// Both are assigned to the same person.
    AssigneeDoubleBooked,
}

/// A conflict between two overlapping changes, both sides named.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChangeConflict {
    /// How they conflict.
    pub kind: ChangeConflictKind,
    /// The change judged (the one that starts first, or first on the
    /// schedule, in a whole schedule's conflicts).
    pub change: String,
    /// The other change.
    pub other: String,
    /// The change's item (for `assignee_double_booked`, its first item).
    pub item: String,
    /// The other's item.
    pub other_item: String,
    /// For `shared_service`, the service.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service: Option<String>,
    /// For `assignee_double_booked`, the assignee.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assignee: Option<String>,
    /// Where they overlap.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub from: DateTime<Utc>,
    /// The overlap's end.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub to: DateTime<Utc>,
}

/// The changes scheduled, held sorted by start for sweeps.
///
/// # Example
/// ```
/// use itsm_core::change::{ChangeConflictKind, Schedule};
/// use itsm_core::service::ServiceGraph;
/// let graph = ServiceGraph::from_value(&serde_json::json!({"items": [{"id": "app"}, {"id": "vm"}],
///     "relations": [{"from": "app", "kind": "runs_on", "to": "vm"}]})).unwrap();
/// let schedule = Schedule::from_value(&serde_json::json!({"changes": [
///     {"id": "CHG-1", "items": ["vm"], "start": "2026-11-28T22:00:00Z", "end": "2026-11-29T02:00:00Z"},
///     {"id": "CHG-2", "items": ["app"], "start": "2026-11-29T01:00:00Z", "end": "2026-11-29T03:00:00Z"}]})).unwrap();
/// let conflicts = schedule.conflicts(&graph).unwrap();
/// assert_eq!(conflicts[0].kind, ChangeConflictKind::RelatedItem);
/// assert_eq!((conflicts[0].change.as_str(), conflicts[0].other.as_str()), ("CHG-1", "CHG-2"));
/// ```
#[derive(Debug, Clone, Default)]
pub struct Schedule {
    changes: Vec<PlannedChange>,
    /// Each change's `(start, end)` in milliseconds.
    times: Vec<(Millis, Millis)>,
    /// Indices of `changes` by start, then end, then position.
    by_start: Vec<u32>,
}

/// The document of a schedule.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleDocument {
    /// The changes, in any order, each with an id.
    pub changes: Vec<PlannedChange>,
}

/// What a change touches, resolved against the graph: each item's node, the
/// nodes its failure reaches, and the services among them.
struct Touch {
    nodes: Vec<u32>,
    /// Per item, the nodes its failure reaches (itself included), sorted.
    reach: Vec<Nodes>,
    /// Per item, the services among `reach`, sorted.
    services: Vec<Nodes>,
}

/// Sorted node slots, shared between the changes that touch the same item.
type Nodes = Rc<Vec<u32>>;

/// The reach of each node asked, and the services in it, computed once.
#[derive(Default)]
struct Reaches {
    cache: HashMap<u32, (Nodes, Nodes)>,
    /// Per node, the search that last reached it: one vector for every search.
    seen: Vec<u32>,
    search: u32,
}

impl Reaches {
    /// What `items` touch; `scheduled` is the change's place on the schedule,
    /// which an unknown item's path names.
    fn touch(
        &mut self,
        graph: &ServiceGraph,
        items: &[String],
        scheduled: Option<usize>,
    ) -> Result<Touch> {
        let mut touch = Touch {
            nodes: Vec::with_capacity(items.len()),
            reach: Vec::with_capacity(items.len()),
            services: Vec::with_capacity(items.len()),
        };
        for (i, item) in items.iter().enumerate() {
            let node = graph.slot_of(item).ok_or_else(|| Error::InvalidInput {
                path: match scheduled {
                    Some(c) => format!("changes[{c}].items[{i}]"),
                    None => format!("items[{i}]"),
                },
                reason: format!("unknown item or group {item:?}"),
            })?;
            if !self.cache.contains_key(&node) {
                self.search += 1;
                let reach = graph.reach_into(node, &mut self.seen, self.search);
                let services = reach
                    .iter()
                    .copied()
                    .filter(|&n| graph.is_service(n))
                    .collect();
                self.cache.insert(node, (Rc::new(reach), Rc::new(services)));
            }
            let (reach, services) = &self.cache[&node];
            touch.nodes.push(node);
            touch.reach.push(reach.clone());
            touch.services.push(services.clone());
        }
        Ok(touch)
    }
}

/// The conflicts of two changes that overlap in `[from, to)`, one per kind
/// that holds, each naming the first pair of items (in the changes' orders)
/// it holds for. `may_share` false says the two reach no service in common
/// (a sweep knows it), and spares the search; `b_reach`, the marked reach of
/// `b`'s items, answers "does `b`'s item reach this node" without a search.
#[allow(clippy::too_many_arguments)]
fn pair(
    graph: &ServiceGraph,
    (may_share, b_reach): (bool, Option<&ReachMarks>),
    (change, a, a_assignee): (&str, &Touch, Option<&str>),
    (other, b, b_assignee): (&str, &Touch, Option<&str>),
    a_items: &[String],
    b_items: &[String],
    (from, to): (Millis, Millis),
    out: &mut Vec<ChangeConflict>,
) {
    let conflict =
        |kind, i: usize, j: usize, service: Option<u32>, assignee: Option<&str>| ChangeConflict {
            kind,
            change: change.to_owned(),
            other: other.to_owned(),
            item: a_items.get(i).cloned().unwrap_or_default(),
            other_item: b_items.get(j).cloned().unwrap_or_default(),
            service: service.map(|s| graph.id_of(s).to_owned()),
            assignee: assignee.map(str::to_owned),
            from: from_millis(from),
            to: from_millis(to),
        };
    let pairs = || (0..a.nodes.len()).flat_map(move |i| (0..b.nodes.len()).map(move |j| (i, j)));
    let same = pairs().find(|&(i, j)| a.nodes[i] == b.nodes[j]);
    if let Some((i, j)) = same {
        out.push(conflict(ChangeConflictKind::SameItem, i, j, None, None));
    }
    let b_reaches = |j: usize, node: u32| match b_reach {
        Some(marks) => marks.reaches(j, node),
        None => b.reach[j].binary_search(&node).is_ok(),
    };
    let related = |i: usize, j: usize| {
        a.nodes[i] != b.nodes[j]
            && (a.reach[i].binary_search(&b.nodes[j]).is_ok() || b_reaches(j, a.nodes[i]))
    };
    if let Some((i, j)) = pairs().find(|&(i, j)| related(i, j)) {
        out.push(conflict(ChangeConflictKind::RelatedItem, i, j, None, None));
    }
    let shared = pairs()
        .filter(|_| may_share)
        .filter(|&(i, j)| a.nodes[i] != b.nodes[j] && !related(i, j))
        .find_map(|(i, j)| {
            let common = match b_reach {
                // `a`'s services in order: the first `b`'s item reaches.
                Some(_) => a.services[i].iter().copied().find(|&s| b_reaches(j, s)),
                None => first_common(&a.services[i], &b.services[j]),
            };
            common.map(|service| (i, j, service))
        });
    if let Some((i, j, service)) = shared {
        out.push(conflict(
            ChangeConflictKind::SharedService,
            i,
            j,
            Some(service),
            None,
        ));
    }
    if let (Some(x), Some(y)) = (a_assignee, b_assignee) {
        if x == y {
            out.push(conflict(
                ChangeConflictKind::AssigneeDoubleBooked,
                0,
                0,
                None,
                Some(x),
            ));
        }
    }
}

/// The nodes the items of one change reach, marked per node with the items
/// that reach it, so that a sweep asks in one step what a search would find.
struct ReachMarks {
    /// Per node slot, the change (plus one) whose marks `items` holds.
    stamp: Vec<u32>,
    /// Per node slot, one bit per item of that change that reaches it.
    items: Vec<u8>,
    /// The change marked last.
    current: u32,
}

impl ReachMarks {
    fn new(slots: usize) -> ReachMarks {
        ReachMarks {
            stamp: vec![0; slots],
            items: vec![0; slots],
            current: 0,
        }
    }

    /// Marks what `touch`'s items reach, for the change `stamp`; false (the
    /// marks then answer nothing, and pairs search instead) for a change of
    /// more items than a mark has bits.
    fn mark(&mut self, touch: &Touch, stamp: u32) -> bool {
        if touch.reach.len() > 8 {
            return false;
        }
        for (j, reach) in touch.reach.iter().enumerate() {
            for &node in reach.iter() {
                let n = node as usize;
                if self.stamp[n] != stamp {
                    self.stamp[n] = stamp;
                    self.items[n] = 0;
                }
                self.items[n] |= 1 << j;
            }
        }
        self.current = stamp;
        true
    }

    /// Whether item `j` of the change marked last reaches `node`.
    fn reaches(&self, j: usize, node: u32) -> bool {
        let n = node as usize;
        self.stamp[n] == self.current && self.items[n] & (1 << j) != 0
    }
}

/// A change's id; every scheduled change has one.
fn name(change: &PlannedChange) -> &str {
    change.id.as_deref().unwrap_or("")
}

/// The first element of two sorted lists both hold.
fn first_common(a: &[u32], b: &[u32]) -> Option<u32> {
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => return Some(a[i]),
        }
    }
    None
}

impl Schedule {
    /// Reads a schedule (`{"changes": [...]}`) from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the path: a repeated id
    /// (`changes[3].id`), a change that ends before it starts
    /// (`changes[3].end`), a bad field.
    pub fn from_value(value: &Value) -> Result<Schedule> {
        Schedule::new(document::from_value(Kind::Input, value)?)
    }

    /// Reads a schedule from JSON text.
    ///
    /// # Errors
    /// As [`Schedule::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<Schedule> {
        Schedule::new(document::from_json(Kind::Input, text)?)
    }

    /// Holds the changes of a document, sorted for sweeps.
    ///
    /// # Errors
    /// As [`Schedule::from_value`].
    pub fn new(document: ScheduleDocument) -> Result<Schedule> {
        let mut ids: HashMap<&str, usize> = HashMap::with_capacity(document.changes.len());
        let mut times = Vec::with_capacity(document.changes.len());
        for (c, change) in document.changes.iter().enumerate() {
            let Some(id) = change.id.as_deref() else {
                return Err(Error::InvalidInput {
                    path: format!("changes[{c}].id"),
                    reason: "a scheduled change needs an id".into(),
                });
            };
            if let Some(first) = ids.insert(id, c) {
                return Err(Error::InvalidInput {
                    path: format!("changes[{c}].id"),
                    reason: format!("{id:?} is already changes[{first}]"),
                });
            }
            let (start, end) = (to_millis(change.start)?, to_millis(change.end)?);
            if end < start {
                return Err(Error::InvalidInput {
                    path: format!("changes[{c}].end"),
                    reason: "the change ends before it starts".into(),
                });
            }
            times.push((start, end));
        }
        let mut by_start: Vec<u32> = (0..document.changes.len() as u32).collect();
        by_start.sort_by_key(|&c| (times[c as usize], c));
        Ok(Schedule {
            changes: document.changes,
            times,
            by_start,
        })
    }

    /// The schedule's document, the changes in the order given.
    pub fn to_document(&self) -> ScheduleDocument {
        ScheduleDocument {
            changes: self.changes.clone(),
        }
    }

    /// The schedule as JSON data, in the form [`Schedule::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(&self.to_document())
    }

    /// The number of changes.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The conflicts of `change` (planned, not on the schedule, or on it by
    /// id and then skipped) with every scheduled change it overlaps, the
    /// others by start.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `items[i]` (or `changes[c].items[i]`)
    /// for a node the graph does not know, or `end`.
    pub fn conflicts_of(
        &self,
        graph: &ServiceGraph,
        change: &PlannedChange,
    ) -> Result<Vec<ChangeConflict>> {
        let (start, end) = (to_millis(change.start)?, to_millis(change.end)?);
        if end < start {
            return Err(Error::InvalidInput {
                path: "end".into(),
                reason: "the change ends before it starts".into(),
            });
        }
        let mut reaches = Reaches::default();
        let touch = reaches.touch(graph, &change.items, None)?;
        let id = change.id.as_deref().unwrap_or("");
        let mut out = Vec::new();
        // Only changes that start before this one ends can overlap it.
        let last = self
            .by_start
            .partition_point(|&c| self.times[c as usize].0 < end);
        for &c in &self.by_start[..last] {
            let (s, e) = self.times[c as usize];
            let other = &self.changes[c as usize];
            if e <= start || s >= end || start == end || s == e || other.id == change.id {
                continue;
            }
            let theirs = reaches.touch(graph, &other.items, Some(c as usize))?;
            pair(
                graph,
                (true, None),
                (id, &touch, change.assignee.as_deref()),
                (name(other), &theirs, other.assignee.as_deref()),
                &change.items,
                &other.items,
                (start.max(s), end.min(e)),
                &mut out,
            );
        }
        Ok(out)
    }

    /// Every conflict between two changes of the schedule, each pair once
    /// (the change that starts first is `change`), by a sweep over start
    /// times: a change is compared only with the changes still running when
    /// it starts.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `changes[c].items[i]` for a node the
    /// graph does not know.
    pub fn conflicts(&self, graph: &ServiceGraph) -> Result<Vec<ChangeConflict>> {
        let mut reaches = Reaches::default();
        let mut touches: Vec<Option<Touch>> = (0..self.changes.len()).map(|_| None).collect();
        let mut out = Vec::new();
        // Running changes by index into `by_start`, pruned as the sweep moves.
        let mut running: Vec<u32> = Vec::new();
        // Per service, the running changes whose items reach it: a change
        // that starts learns which running ones it shares a service with by
        // looking up its own services, instead of comparing lists pair by
        // pair (most overlapping pairs share none).
        let mut at_service: Vec<Vec<u32>> = vec![Vec::new(); graph.slot_count()];
        // Per change, the last change (plus one) that found it sharing a
        // service.
        let mut shares = vec![0u32; self.changes.len()];
        let mut reach_marks = ReachMarks::new(graph.slot_count());
        for &c in &self.by_start {
            let (start, end) = self.times[c as usize];
            running.retain(|&r| {
                let still = self.times[r as usize].1 > start;
                if !still && let Some(touch) = &touches[r as usize] {
                    for &service in touch.services.iter().flat_map(|s| s.iter()) {
                        at_service[service as usize].retain(|&x| x != r);
                    }
                }
                still
            });
            if start == end {
                continue;
            }
            let change = &self.changes[c as usize];
            if touches[c as usize].is_none() {
                touches[c as usize] =
                    Some(reaches.touch(graph, &change.items, Some(c as usize))?);
            }
            let stamp = c + 1;
            let marked = touches[c as usize]
                .as_ref()
                .is_some_and(|touch| reach_marks.mark(touch, stamp));
            if let Some(touch) = &touches[c as usize] {
                for &service in touch.services.iter().flat_map(|s| s.iter()) {
                    let list = &mut at_service[service as usize];
                    for &r in list.iter() {
                        shares[r as usize] = stamp;
                    }
                    // Two items of the change may reach one service.
                    if list.last() != Some(&c) {
                        list.push(c);
                    }
                }
            }
            for &r in &running {
                let earlier = &self.changes[r as usize];
                let (s, e) = self.times[r as usize];
                let (Some(theirs), Some(ours)) = (&touches[r as usize], &touches[c as usize])
                else {
                    continue;
                };
                pair(
                    graph,
                    (shares[r as usize] == stamp, marked.then_some(&reach_marks)),
                    (name(earlier), theirs, earlier.assignee.as_deref()),
                    (name(change), ours, change.assignee.as_deref()),
                    &earlier.items,
                    &change.items,
                    (start.max(s), end.min(e)),
                    &mut out,
                );
            }
            running.push(c);
        }
        Ok(out)
    }
}

impl Schedule {
    /// The times of the scheduled changes a change of `items` carried out by
    /// `assignee` would conflict with whenever it overlapped them, sorted and
    /// joined: what a slot for it must avoid.
    pub(crate) fn blocking(
        &self,
        graph: &ServiceGraph,
        items: &[String],
        assignee: Option<&str>,
    ) -> Result<Vec<crate::time::Span>> {
        let mut reaches = Reaches::default();
        let touch = reaches.touch(graph, items, None)?;
        let mut spans = Vec::new();
        let mut found = Vec::new();
        for (c, other) in self.changes.iter().enumerate() {
            let (s, e) = self.times[c];
            if s == e {
                continue;
            }
            let theirs = reaches.touch(graph, &other.items, Some(c))?;
            found.clear();
            pair(
                graph,
                (true, None),
                ("", &touch, assignee),
                (name(other), &theirs, other.assignee.as_deref()),
                items,
                &other.items,
                (s, e),
                &mut found,
            );
            if !found.is_empty() {
                spans.push((s, e));
            }
        }
        Ok(crate::time::union(&spans, &[]))
    }
}

impl ScheduleDocument {
    /// Reads a schedule document from JSON data, without holding it.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<ScheduleDocument> {
        document::from_value(Kind::Input, value)
    }
}

impl PlannedChange {
    /// Reads a planned change from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field.
    pub fn from_value(value: &Value) -> Result<PlannedChange> {
        document::from_value(Kind::Input, value)
    }

    /// Reads a planned change from JSON text.
    ///
    /// # Errors
    /// As [`PlannedChange::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<PlannedChange> {
        document::from_json(Kind::Input, text)
    }
}
