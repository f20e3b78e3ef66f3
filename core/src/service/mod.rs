//! Services and configuration items: a directed graph of typed relations with
//! redundancy groups, changed one item or relation at a time, and the impact
//! of failed or degraded items on everything that depends on them.
//!
//! Impact flows from a failed item to what depends on it or runs on it, and
//! along `impacts` relations. A redundancy group ("at least 2 of 3 nodes up")
//! is down only when fewer than its minimum of members are up; a degraded
//! member counts as up, and joining a group costs no hop of a depth limit. A
//! cycle along the direction impact flows is refused, with the cycle named.
//!
//! This module owns the graph document, its changes and the impact answer;
//! changes and incidents ask it, it knows nothing of them.

mod graph;
mod impact;

pub use graph::{
    GraphChange, GraphDocument, Group, Item, ItemKind, Relation, RelationKind, ServiceGraph,
};
pub use impact::{Affected, Cause, Failure, Health, Impact, ImpactCounts, ImpactQuery, NodeKind};
