//! Impact analysis: which nodes a set of failed or degraded items brings down
//! or degrades, within a depth limit, and why (the node each was reached
//! through, and for services the whole path from a failed item).

use std::collections::VecDeque;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::graph::{Group, ItemKind, Origin, RelationKind, ServiceGraph, What};
use crate::error::{Error, Result};

/// How a node stands, from best to worst. A status page shows them as
/// operational, warning and incident.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    /// Working.
    #[default]
    Operational,
    /// Working with less margin or less performance.
    Degraded,
    /// Not working.
    Down,
}

/// A failed or degraded item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Failure {
    /// The item's id.
    pub item: String,
    /// `down` (the default) or `degraded`.
    #[serde(default = "down")]
    pub health: Health,
}

fn down() -> Health {
    Health::Down
}

/// What to analyse: the failures, and how far impact is followed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactQuery {
    /// The failed or degraded items.
    pub failures: Vec<Failure>,
    /// The most relations impact is followed across from a failed item
    /// (joining a redundancy group costs none); no limit when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<u32>,
}

impl ImpactQuery {
    /// Reads a query from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field (`failures[0].health`).
    ///
    /// # Example
    /// ```
    /// use itsm_core::service::ImpactQuery;
    /// let query = ImpactQuery::from_value(&serde_json::json!({"failures": [{"item": "db-1"}], "depth": 2})).unwrap();
    /// assert_eq!((query.failures.len(), query.depth), (1, Some(2)));
    /// ```
    pub fn from_value(value: &serde_json::Value) -> Result<ImpactQuery> {
        crate::document::from_value(crate::document::Kind::Input, value)
    }

    /// Reads a query from JSON text.
    ///
    /// # Errors
    /// As [`ImpactQuery::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<ImpactQuery> {
        crate::document::from_json(crate::document::Kind::Input, text)
    }

    /// The query "these items are down", with no depth limit.
    pub fn down<S: Into<String>>(items: impl IntoIterator<Item = S>) -> ImpactQuery {
        ImpactQuery {
            failures: items
                .into_iter()
                .map(|item| Failure {
                    item: item.into(),
                    health: Health::Down,
                })
                .collect(),
            depth: None,
        }
    }
}

/// What a node of the graph is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NodeKind {
    /// A business service.
    BusinessService,
    /// A technical service.
    TechnicalService,
    /// A service offering.
    Offering,
    /// A configuration item.
    Item,
    /// A redundancy group.
    Group,
}

impl From<ItemKind> for NodeKind {
    fn from(kind: ItemKind) -> NodeKind {
        match kind {
            ItemKind::BusinessService => NodeKind::BusinessService,
            ItemKind::TechnicalService => NodeKind::TechnicalService,
            ItemKind::Offering => NodeKind::Offering,
            ItemKind::Item => NodeKind::Item,
        }
    }
}

/// Why a node is affected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Cause {
    /// It is one of the failures (`"failed"`).
    Failed,
    /// Impact reached it from `via` along a relation of this kind.
    Relation {
        /// The node impact came from.
        via: String,
        /// The relation's kind, as it is stated (`depends_on`: this node
        /// depends on `via`; `impacts`: `via` impacts this node).
        kind: RelationKind,
    },
    /// A redundancy group, counting its members: down when fewer than
    /// `min_up` are up (a degraded member counts as up).
    Group {
        /// Members down.
        down: u32,
        /// Members degraded.
        degraded: u32,
        /// Members in all.
        members: u32,
        /// Members that must be up.
        min_up: u32,
    },
}

/// A node brought down or degraded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Affected {
    /// The node's id.
    pub id: String,
    /// What it is.
    pub kind: NodeKind,
    /// How it stands.
    pub health: Health,
    /// The fewest relations between it and a failed item.
    pub depth: u32,
    /// Why.
    pub cause: Cause,
    /// For a service: the nodes impact came through, from a failed item to
    /// the service itself. Empty for items and groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub path: Vec<String>,
}

/// How many services and items stand how.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImpactCounts {
    /// Services down.
    pub services_down: usize,
    /// Services degraded.
    pub services_degraded: usize,
    /// Services operational.
    pub services_operational: usize,
    /// Items (and groups) down, the failures included.
    pub items_down: usize,
    /// Items (and groups) degraded, the failures included.
    pub items_degraded: usize,
}

/// The answer of an impact analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Impact {
    /// Every node down or degraded, nearest the failures first (by depth,
    /// then in the order nodes were added).
    pub affected: Vec<Affected>,
    /// The services left operational, in the order they were added.
    pub operational_services: Vec<String>,
    /// The counts.
    pub counts: ImpactCounts,
}

impl Impact {
    /// The canonical JSON text: compact, keys sorted, the same bytes in every
    /// language.
    pub fn to_json(&self) -> String {
        crate::canonical_json(self)
    }

    /// How the node `id` stands: operational when it is not affected (or
    /// unknown).
    pub fn health_of(&self, id: &str) -> Health {
        self.affected
            .iter()
            .find(|a| a.id == id)
            .map_or(Health::Operational, |a| a.health)
    }
}

const UNREACHED: u32 = u32::MAX;

impl ServiceGraph {
    /// The impact of `query`'s failures: every node they bring down or
    /// degrade within the depth limit, with the cause and, for services, the
    /// path. Impact flows to what depends on or runs on a node and along
    /// `impacts` relations; a node takes the worst health that reaches it; a
    /// redundancy group is down when fewer than its minimum of members are up
    /// and degraded while any member is down or degraded.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming `failures[i].item` for an unknown item or
    /// a group, or `failures[i].health` for a failure given as operational.
    ///
    /// # Example
    /// ```
    /// use itsm_core::service::{Health, ImpactQuery, ServiceGraph};
    /// let graph = ServiceGraph::from_value(&serde_json::json!({
    ///     "items": [{"id": "web", "kind": "business_service"}, {"id": "app"}, {"id": "vm"}],
    ///     "relations": [{"from": "web", "kind": "depends_on", "to": "app"},
    ///                   {"from": "app", "kind": "runs_on", "to": "vm"}]})).unwrap();
    /// let mut query = ImpactQuery::down(["vm"]);
    /// assert_eq!(graph.impact(&query).unwrap().health_of("web"), Health::Down);
    /// query.depth = Some(1);
    /// assert_eq!(graph.impact(&query).unwrap().health_of("web"), Health::Operational);
    /// ```
    pub fn impact(&self, query: &ImpactQuery) -> Result<Impact> {
        let slots = self.nodes.len();
        let mut own = vec![Health::Operational; slots];
        let mut depth = vec![UNREACHED; slots];
        let mut queue: VecDeque<u32> = VecDeque::new();
        for (i, failure) in query.failures.iter().enumerate() {
            let bad = |field: &str, reason: String| Error::InvalidInput {
                path: format!("failures[{i}].{field}"),
                reason,
            };
            let node = match self.index.get(&failure.item) {
                Some(&node) => node,
                None => return Err(bad("item", format!("unknown item {:?}", failure.item))),
            };
            if matches!(self.node(node).what, What::Group(_)) {
                return Err(bad(
                    "item",
                    format!(
                        "{:?} is a group: name its members that failed",
                        failure.item
                    ),
                ));
            }
            if failure.health == Health::Operational {
                return Err(bad(
                    "health",
                    "a failure is down or degraded, not operational".into(),
                ));
            }
            own[node as usize] = own[node as usize].max(failure.health);
            if depth[node as usize] != 0 {
                depth[node as usize] = 0;
                queue.push_back(node);
            }
        }
        let limit = query.depth.unwrap_or(UNREACHED - 1);

        // The fewest relations to each node (a membership costs none), as far
        // as the limit: a breadth-first search with zero-cost edges first.
        let mut reached: Vec<u32> = Vec::new();
        while let Some(node) = queue.pop_front() {
            let d = depth[node as usize];
            if reached.last() != Some(&node) {
                reached.push(node);
            }
            for &(next, origin) in &self.node(node).out {
                let cost = u32::from(matches!(origin, Origin::Relation(_)));
                let nd = d + cost;
                if nd <= limit && nd < depth[next as usize] {
                    depth[next as usize] = nd;
                    if cost == 0 {
                        queue.push_front(next);
                    } else {
                        queue.push_back(next);
                    }
                }
            }
        }
        reached.sort_unstable();
        reached.dedup();

        // The reached nodes in an order where every node comes after the
        // reached nodes that impact it (the graph has no cycle).
        let within = |node: u32| depth[node as usize] != UNREACHED;
        let mut waiting = vec![0u32; slots];
        for &node in &reached {
            waiting[node as usize] = self
                .node(node)
                .inc
                .iter()
                .filter(|&&(source, _)| within(source))
                .count() as u32;
        }
        let mut order: Vec<u32> = reached
            .iter()
            .copied()
            .filter(|&n| waiting[n as usize] == 0)
            .collect();
        let mut next = 0;
        while next < order.len() {
            let node = order[next];
            next += 1;
            for &(target, _) in &self.node(node).out {
                if within(target) {
                    waiting[target as usize] -= 1;
                    if waiting[target as usize] == 0 {
                        order.push(target);
                    }
                }
            }
        }

        let mut health = own.clone();
        // Causes in numbers, written as documents for the affected only.
        let mut cause = vec![Reached::Failed; slots];
        let mut via = vec![UNREACHED; slots];
        for &node in &order {
            let n = node as usize;
            let entry = self.node(node);
            if own[n] > Health::Operational {
                cause[n] = Reached::Failed;
            }
            for &(source, origin) in &entry.inc {
                let Origin::Relation(slot) = origin else {
                    continue;
                };
                if within(source) && health[source as usize] > health[n] {
                    health[n] = health[source as usize];
                    via[n] = source;
                    cause[n] = Reached::Relation(slot);
                }
            }
            if let What::Group(group) = &entry.what {
                let (counted, worst) = self.count_members(group, &entry.inc, &health, within);
                if worst > health[n] {
                    health[n] = worst;
                    via[n] = counted.first_bad;
                    cause[n] = Reached::Group {
                        down: counted.down,
                        degraded: counted.degraded,
                    };
                }
            }
        }

        let mut impact = Impact {
            affected: Vec::new(),
            operational_services: Vec::new(),
            counts: ImpactCounts::default(),
        };
        let mut affected: Vec<u32> = reached
            .iter()
            .copied()
            .filter(|&n| health[n as usize] > Health::Operational)
            .collect();
        affected.sort_by_key(|&n| (depth[n as usize], n));
        for node in affected {
            let n = node as usize;
            let kind = self.kind_of(node);
            let service = !matches!(kind, NodeKind::Item | NodeKind::Group);
            let mut path = Vec::new();
            if service {
                let mut at = node;
                path.push(self.id_of(at).to_owned());
                while via[at as usize] != UNREACHED {
                    at = via[at as usize];
                    path.push(self.id_of(at).to_owned());
                }
                path.reverse();
            }
            let counts = &mut impact.counts;
            match (service, health[n]) {
                (true, Health::Down) => counts.services_down += 1,
                (true, _) => counts.services_degraded += 1,
                (false, Health::Down) => counts.items_down += 1,
                (false, _) => counts.items_degraded += 1,
            }
            impact.affected.push(Affected {
                id: self.id_of(node).to_owned(),
                kind,
                health: health[n],
                depth: depth[n],
                cause: match cause[n] {
                    Reached::Failed => Cause::Failed,
                    Reached::Relation(slot) => Cause::Relation {
                        via: self.id_of(via[n]).to_owned(),
                        kind: self.relation_kind(slot),
                    },
                    Reached::Group { down, degraded } => match &self.node(node).what {
                        What::Group(group) => Cause::Group {
                            down,
                            degraded,
                            members: group.members.len() as u32,
                            min_up: group.required(),
                        },
                        What::Item(_) => Cause::Failed,
                    },
                },
                path,
            });
        }
        for (slot, node) in self.nodes.iter().enumerate() {
            let Some(node) = node else { continue };
            if let What::Item(item) = &node.what {
                if item.kind.is_service() && health[slot] == Health::Operational {
                    impact.operational_services.push(item.id.clone());
                }
            }
        }
        impact.counts.services_operational = impact.operational_services.len();
        Ok(impact)
    }

    fn kind_of(&self, node: u32) -> NodeKind {
        match &self.node(node).what {
            What::Item(item) => item.kind.into(),
            What::Group(_) => NodeKind::Group,
        }
    }

    /// A group's members by health (members beyond the depth limit count as
    /// up), and the health that gives the group.
    fn count_members(
        &self,
        group: &Group,
        inc: &[(u32, Origin)],
        health: &[Health],
        within: impl Fn(u32) -> bool,
    ) -> (Members, Health) {
        let mut counted = Members {
            down: 0,
            degraded: 0,
            first_bad: UNREACHED,
        };
        for &(member, origin) in inc {
            if origin != Origin::Member || !within(member) {
                continue;
            }
            match health[member as usize] {
                Health::Down => counted.down += 1,
                Health::Degraded => counted.degraded += 1,
                Health::Operational => continue,
            }
            if counted.first_bad == UNREACHED
                || health[member as usize] > health[counted.first_bad as usize]
            {
                counted.first_bad = member;
            }
        }
        let up = group.members.len() as u32 - counted.down;
        let worst = if up < group.required() {
            Health::Down
        } else if counted.down + counted.degraded > 0 {
            Health::Degraded
        } else {
            Health::Operational
        };
        (counted, worst)
    }
}

/// Why a node has its health, before it is written as a [`Cause`].
#[derive(Debug, Clone, Copy)]
enum Reached {
    Failed,
    Relation(u32),
    Group { down: u32, degraded: u32 },
}

struct Members {
    down: u32,
    degraded: u32,
    /// The worst member, first among equals: the group's `via`.
    first_bad: u32,
}
