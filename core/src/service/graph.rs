//! The graph document (items, relations, redundancy groups), its checks, and
//! the graph held for queries: nodes by id with the edges impact flows along,
//! kept up to date by [`GraphChange`]s without a rebuild.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::document::{self, Kind};
use crate::error::{Error, Result};

/// What an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// A service the business consumes (payroll).
    BusinessService,
    /// A service IT runs for other services (the database service).
    TechnicalService,
    /// A variant of a service offered to some consumers (payroll for Germany).
    Offering,
    /// A configuration item: a server, an application, a network link
    /// (`"item"`, the default).
    #[default]
    Item,
}

impl ItemKind {
    /// Whether impact analysis reports it as a service (everything but a
    /// plain item).
    pub fn is_service(self) -> bool {
        self != ItemKind::Item
    }
}

/// A service or configuration item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Unique among items and groups.
    #[schemars(length(min = 1))]
    pub id: String,
    /// What it is (`item` by default).
    #[serde(default, skip_serializing_if = "is_plain_item")]
    pub kind: ItemKind,
    /// Shown to people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The host's class of item (`server`, `database`), carried, not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
}

fn is_plain_item(kind: &ItemKind) -> bool {
    *kind == ItemKind::Item
}

/// How two nodes are related, read as `from <kind> to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// `from` needs `to`: a failure of `to` reaches `from`.
    DependsOn,
    /// `from` runs on `to` (an application on a server): a failure of `to`
    /// reaches `from`.
    RunsOn,
    /// A failure of `from` reaches `to`.
    Impacts,
}

/// A typed relation between two nodes (items or groups).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Relation {
    /// The node the relation is stated of.
    pub from: String,
    /// How `from` relates to `to`.
    pub kind: RelationKind,
    /// The other node.
    pub to: String,
}

impl Relation {
    /// The node whose failure flows along the relation, and the node it reaches.
    fn flow(&self) -> (&str, &str) {
        match self.kind {
            RelationKind::DependsOn | RelationKind::RunsOn => (&self.to, &self.from),
            RelationKind::Impacts => (&self.from, &self.to),
        }
    }
}

/// A redundancy group: members that stand in for each other ("at least 2 of
/// the 3 web nodes up"). Relations may point at the group as at an item; it is
/// down only when fewer than its minimum of members are up (a degraded member
/// counts as up), and degraded when any member is down or degraded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Unique among items and groups.
    #[schemars(length(min = 1))]
    pub id: String,
    /// Items or groups, each at most once.
    #[schemars(length(min = 1))]
    pub members: Vec<String>,
    /// How many members must be up, from 1 to the number of members; or give
    /// `min_up_percent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1))]
    pub min_up: Option<u32>,
    /// The share of members that must be up, in percent (1 to 100), rounded
    /// up to whole members; or give `min_up`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1, max = 100))]
    pub min_up_percent: Option<u32>,
}

impl Group {
    /// How many members must be up for the group to be up.
    pub fn required(&self) -> u32 {
        let members = self.members.len() as u32;
        match (self.min_up, self.min_up_percent) {
            (Some(count), _) => count,
            (None, Some(percent)) => (members * percent).div_ceil(100),
            (None, None) => members,
        }
    }

    /// The group's own rules, as `(sub-path, reason)`.
    fn check(&self) -> std::result::Result<(), (String, String)> {
        let members = self.members.len() as u32;
        if members == 0 {
            return Err(("members".into(), "a group needs members".into()));
        }
        for (m, member) in self.members.iter().enumerate() {
            if let Some(first) = self.members[..m].iter().position(|x| x == member) {
                return Err((
                    format!("members[{m}]"),
                    format!("{member:?} is already members[{first}]"),
                ));
            }
            if *member == self.id {
                return Err((
                    format!("members[{m}]"),
                    "a group cannot be its own member".into(),
                ));
            }
        }
        match (self.min_up, self.min_up_percent) {
            (Some(_), Some(_)) => Err((
                "min_up_percent".into(),
                "give min_up or min_up_percent, not both".into(),
            )),
            (None, None) => Err((
                "min_up".into(),
                "a group needs min_up or min_up_percent".into(),
            )),
            (Some(count), None) if count == 0 || count > members => Err((
                "min_up".into(),
                format!("{count} is not between 1 and the group's {members} members"),
            )),
            (None, Some(percent)) if percent == 0 || percent > 100 => Err((
                "min_up_percent".into(),
                format!("{percent} is not between 1 and 100"),
            )),
            _ => Ok(()),
        }
    }
}

/// The graph as a document: every item, relation and group.
///
/// ```json
/// {"items": [{"id": "payroll", "kind": "business_service"}, {"id": "db-1"}, {"id": "db-2"}],
///  "groups": [{"id": "db-cluster", "members": ["db-1", "db-2"], "min_up": 1}],
///  "relations": [{"from": "payroll", "kind": "depends_on", "to": "db-cluster"}]}
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GraphDocument {
    /// Services and configuration items.
    #[serde(default)]
    pub items: Vec<Item>,
    /// Redundancy groups.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Relations between items and groups.
    #[serde(default)]
    pub relations: Vec<Relation>,
}

/// One change to a graph: `{"add_item": {...}}`, `{"remove_item": "db-1"}`,
/// `{"add_relation": {...}}`, `{"remove_relation": {...}}`, `{"add_group":
/// {...}}`, `{"remove_group": "db-cluster"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum GraphChange {
    /// Adds an item.
    AddItem(Item),
    /// Removes an item with its relations and its places in groups.
    RemoveItem(String),
    /// Adds a relation.
    AddRelation(Relation),
    /// Removes a relation.
    RemoveRelation(Relation),
    /// Adds a redundancy group of existing nodes.
    AddGroup(Group),
    /// Removes a group with its relations and its places in other groups.
    RemoveGroup(String),
}

impl GraphChange {
    /// Reads a change from JSON data.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the bad field (`add_relation.kind`).
    ///
    /// # Example
    /// ```
    /// use itsm_core::service::GraphChange;
    /// let change = GraphChange::from_value(&serde_json::json!({"remove_item": "db-1"})).unwrap();
    /// assert_eq!(change, GraphChange::RemoveItem("db-1".into()));
    /// ```
    pub fn from_value(value: &Value) -> Result<GraphChange> {
        document::from_value(Kind::Input, value)
    }

    /// Reads a change from JSON text.
    ///
    /// # Errors
    /// As [`GraphChange::from_value`], and for text that is not JSON.
    pub fn from_json(text: &str) -> Result<GraphChange> {
        document::from_json(Kind::Input, text)
    }
}

/// Why an edge exists: a relation (by slot) or a group's membership.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    Relation(u32),
    Member,
}

/// A node: an item or a group, with the edges impact flows along.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) what: What,
    /// The nodes this one's failure reaches.
    pub(crate) out: Vec<(u32, Origin)>,
    /// The nodes whose failure reaches this one.
    pub(crate) inc: Vec<(u32, Origin)>,
}

#[derive(Debug, Clone)]
pub(crate) enum What {
    Item(Item),
    Group(Group),
}

impl Node {
    pub(crate) fn id(&self) -> &str {
        match &self.what {
            What::Item(item) => &item.id,
            What::Group(group) => &group.id,
        }
    }
}

/// A graph of services, items and redundancy groups, held for impact
/// analysis and changed in place ([`ServiceGraph::apply`]).
///
/// # Example
/// ```
/// use itsm_core::service::{Health, ImpactQuery, ServiceGraph};
/// let graph = ServiceGraph::from_value(&serde_json::json!({
///     "items": [{"id": "payroll", "kind": "business_service"}, {"id": "app"}, {"id": "db-1"}, {"id": "db-2"}],
///     "groups": [{"id": "db", "members": ["db-1", "db-2"], "min_up": 1}],
///     "relations": [{"from": "payroll", "kind": "depends_on", "to": "app"},
///                   {"from": "app", "kind": "depends_on", "to": "db"}]})).unwrap();
/// let one = graph.impact(&ImpactQuery::down(["db-1"])).unwrap();
/// assert_eq!(one.health_of("payroll"), Health::Degraded);
/// let both = graph.impact(&ImpactQuery::down(["db-1", "db-2"])).unwrap();
/// assert_eq!(both.health_of("payroll"), Health::Down);
/// let payroll = both.affected.iter().find(|a| a.id == "payroll").unwrap();
/// assert_eq!(payroll.path, ["db-1", "db", "app", "payroll"]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ServiceGraph {
    /// Nodes in the order they were added; a removed node leaves `None`.
    pub(crate) nodes: Vec<Option<Node>>,
    pub(crate) index: HashMap<String, u32>,
    /// Relations in the order they were added; a removed one leaves `None`.
    relations: Vec<Option<Relation>>,
    /// Each relation's slot, by its ends and kind.
    relation_index: HashMap<(u32, u32, RelationKind), u32>,
}

impl PartialEq for ServiceGraph {
    /// Equal when their documents are.
    fn eq(&self, other: &Self) -> bool {
        self.to_document() == other.to_document()
    }
}

impl ServiceGraph {
    /// Reads a graph document given as JSON data (see [`GraphDocument`]).
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path: a duplicate id
    /// (`items[3].id`), a relation or member naming an unknown node
    /// (`relations[2].to`), a repeated relation, a group's bad minimum, or a
    /// relation or membership that closes a cycle along which impact flows
    /// (the cycle named).
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::service::ServiceGraph::from_value(&serde_json::json!({
    ///     "items": [{"id": "a"}], "relations": [{"from": "a", "kind": "depends_on", "to": "b"}]})).unwrap_err();
    /// assert_eq!(err.to_string(), "relations[0].to: unknown item or group \"b\"");
    /// ```
    pub fn from_value(value: &Value) -> Result<ServiceGraph> {
        let document: GraphDocument = document::from_value(Kind::Config, value)?;
        ServiceGraph::from_document(document)
    }

    /// Reads a graph document from JSON text.
    ///
    /// # Errors
    /// As [`ServiceGraph::from_value`].
    pub fn from_json(text: &str) -> Result<ServiceGraph> {
        let document: GraphDocument = document::from_json(Kind::Config, text)?;
        ServiceGraph::from_document(document)
    }

    /// Builds the graph of a document.
    ///
    /// # Errors
    /// As [`ServiceGraph::from_value`].
    pub fn from_document(document: GraphDocument) -> Result<ServiceGraph> {
        let mut graph = ServiceGraph::default();
        let config = |path: String, reason: String| Error::invalid_config(path, reason);
        for (i, item) in document.items.into_iter().enumerate() {
            graph
                .insert_node(What::Item(item))
                .map_err(|reason| config(format!("items[{i}].id"), reason))?;
        }
        for (g, group) in document.groups.iter().enumerate() {
            group
                .check()
                .map_err(|(sub, reason)| config(format!("groups[{g}].{sub}"), reason))?;
            graph
                .insert_node(What::Group(group.clone()))
                .map_err(|reason| config(format!("groups[{g}].id"), reason))?;
        }
        // Members are linked once every group exists: a group may hold one
        // declared after it.
        for (g, group) in document.groups.iter().enumerate() {
            let node = graph.index[&group.id];
            for (m, member) in group.members.iter().enumerate() {
                let from = graph
                    .lookup(member)
                    .map_err(|reason| config(format!("groups[{g}].members[{m}]"), reason))?;
                graph.link(from, node, Origin::Member);
            }
        }
        for (r, relation) in document.relations.into_iter().enumerate() {
            graph
                .insert_relation(relation)
                .map_err(|(sub, reason)| config(format!("relations[{r}]{sub}"), reason))?;
        }
        if let Some((cycle, origin)) = graph.find_cycle() {
            let path = match origin {
                Origin::Relation(slot) => format!("relations[{slot}]"),
                Origin::Member => {
                    let (group, member) = (cycle[cycle.len() - 1], cycle[cycle.len() - 2]);
                    let group_index = document
                        .groups
                        .iter()
                        .position(|g| g.id == graph.id_of(group))
                        .unwrap_or_default();
                    let member_index = document.groups[group_index]
                        .members
                        .iter()
                        .position(|m| m == graph.id_of(member))
                        .unwrap_or_default();
                    format!("groups[{group_index}].members[{member_index}]")
                }
            };
            return Err(config(path, graph.cycle_reason(&cycle)));
        }
        Ok(graph)
    }

    /// The graph as a document: items, groups and relations in the order
    /// they were added.
    pub fn to_document(&self) -> GraphDocument {
        let mut document = GraphDocument::default();
        for node in self.nodes.iter().flatten() {
            match &node.what {
                What::Item(item) => document.items.push(item.clone()),
                What::Group(group) => document.groups.push(group.clone()),
            }
        }
        document.relations = self.relations.iter().flatten().cloned().collect();
        document
    }

    /// The graph as JSON data, in the form [`ServiceGraph::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(&self.to_document())
    }

    /// The number of items and groups.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    /// Applies one change, or none of it.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the change's field: an id already used
    /// (`add_item.id`), an unknown node (`add_relation.to`, `remove_item`), a
    /// relation already there or not there, a group's bad minimum, or a
    /// relation or group that would close a cycle along which impact flows
    /// (the cycle named).
    ///
    /// # Example
    /// ```
    /// use itsm_core::service::{GraphChange, Relation, RelationKind, ServiceGraph};
    /// let mut graph = ServiceGraph::from_value(&serde_json::json!({"items": [{"id": "a"}, {"id": "b"}],
    ///     "relations": [{"from": "a", "kind": "depends_on", "to": "b"}]})).unwrap();
    /// let back = GraphChange::AddRelation(Relation { from: "b".into(), kind: RelationKind::DependsOn, to: "a".into() });
    /// let err = graph.apply(&back).unwrap_err();
    /// assert_eq!(err.to_string(), "add_relation: closes a cycle along which impact flows: a -> b -> a");
    /// graph.apply(&GraphChange::RemoveItem("b".into())).unwrap();
    /// assert_eq!(graph.to_value()["relations"], serde_json::json!([]));
    /// ```
    pub fn apply(&mut self, change: &GraphChange) -> Result<()> {
        let input = |path: &str, reason: String| Error::InvalidInput {
            path: path.to_owned(),
            reason,
        };
        match change {
            GraphChange::AddItem(item) => self
                .insert_node(What::Item(item.clone()))
                .map(|_| ())
                .map_err(|reason| input("add_item.id", reason)),
            GraphChange::RemoveItem(id) => {
                let node = self
                    .node_of_kind(id, false)
                    .and_then(|node| self.removable(node))
                    .map_err(|r| input("remove_item", r))?;
                self.remove_node(node);
                Ok(())
            }
            GraphChange::AddRelation(relation) => {
                let slot = self
                    .insert_relation(relation.clone())
                    .map_err(|(sub, reason)| input(&format!("add_relation{sub}"), reason))?;
                let (from, to) = self.ends(relation);
                if let Some(path) = self.path_between(to, from) {
                    let mut cycle = vec![from];
                    cycle.extend(path);
                    let reason = self.cycle_reason(&cycle);
                    self.remove_relation_slot(slot);
                    return Err(input("add_relation", reason));
                }
                Ok(())
            }
            GraphChange::RemoveRelation(relation) => {
                let (from, to) =
                    match (self.index.get(&relation.from), self.index.get(&relation.to)) {
                        (Some(&from), Some(&to)) => (from, to),
                        _ => return Err(input("remove_relation", "no such relation".into())),
                    };
                match self.relation_index.get(&(from, to, relation.kind)) {
                    Some(&slot) => {
                        self.remove_relation_slot(slot);
                        Ok(())
                    }
                    None => Err(input("remove_relation", "no such relation".into())),
                }
            }
            GraphChange::AddGroup(group) => {
                group
                    .check()
                    .map_err(|(sub, reason)| input(&format!("add_group.{sub}"), reason))?;
                if self.index.contains_key(&group.id) {
                    return Err(input("add_group.id", already(&group.id)));
                }
                let mut members = Vec::with_capacity(group.members.len());
                for (m, member) in group.members.iter().enumerate() {
                    members.push(
                        self.lookup(member)
                            .map_err(|r| input(&format!("add_group.members[{m}]"), r))?,
                    );
                }
                // A new node has no edges out: membership cannot close a cycle.
                let node = self
                    .insert_node(What::Group(group.clone()))
                    .map_err(|reason| input("add_group.id", reason))?;
                for member in members {
                    self.link(member, node, Origin::Member);
                }
                Ok(())
            }
            GraphChange::RemoveGroup(id) => {
                let node = self
                    .node_of_kind(id, true)
                    .and_then(|node| self.removable(node))
                    .map_err(|r| input("remove_group", r))?;
                self.remove_node(node);
                Ok(())
            }
        }
    }

    /// Whether node `node` is a service (of any kind but a plain item).
    pub(crate) fn is_service(&self, node: u32) -> bool {
        matches!(&self.node(node).what, What::Item(item) if item.kind.is_service())
    }

    /// The number of node slots, removed ones included: every node's slot
    /// is below it.
    pub(crate) fn slot_count(&self) -> usize {
        self.nodes.len()
    }

    /// The node of `id`, when the graph has it.
    pub(crate) fn slot_of(&self, id: &str) -> Option<u32> {
        self.index.get(id).copied()
    }

    /// `node` and every node its failure reaches, sorted, marking them in
    /// `seen` with `search` (a number no earlier search used) so that many
    /// searches share one vector.
    pub(crate) fn reach_into(&self, node: u32, seen: &mut Vec<u32>, search: u32) -> Vec<u32> {
        seen.resize(self.nodes.len(), 0);
        seen[node as usize] = search;
        let mut reached = vec![node];
        let mut next = 0;
        while next < reached.len() {
            let at = reached[next];
            next += 1;
            for &(target, _) in &self.node(at).out {
                if seen[target as usize] != search {
                    seen[target as usize] = search;
                    reached.push(target);
                }
            }
        }
        reached.sort_unstable();
        reached
    }

    pub(crate) fn id_of(&self, node: u32) -> &str {
        self.nodes[node as usize].as_ref().map_or("", Node::id)
    }

    pub(crate) fn node(&self, node: u32) -> &Node {
        self.nodes[node as usize]
            .as_ref()
            .expect("edges name live nodes only")
    }

    pub(crate) fn relation_kind(&self, slot: u32) -> RelationKind {
        self.relations[slot as usize]
            .as_ref()
            .map_or(RelationKind::DependsOn, |r| r.kind)
    }

    fn lookup(&self, id: &str) -> std::result::Result<u32, String> {
        self.index
            .get(id)
            .copied()
            .ok_or_else(|| format!("unknown item or group {id:?}"))
    }

    fn node_of_kind(&self, id: &str, group: bool) -> std::result::Result<u32, String> {
        let node = self.lookup(id)?;
        match (&self.node(node).what, group) {
            (What::Group(_), true) | (What::Item(_), false) => Ok(node),
            (What::Group(_), false) => Err(format!("{id:?} is a group, not an item")),
            (What::Item(_), true) => Err(format!("{id:?} is an item, not a group")),
        }
    }

    /// `node`, unless it is the last member of a group (a group keeps at
    /// least one member).
    fn removable(&self, node: u32) -> std::result::Result<u32, String> {
        for &(target, origin) in &self.node(node).out {
            if let (Origin::Member, What::Group(group)) = (origin, &self.node(target).what) {
                if group.members.len() == 1 {
                    return Err(format!(
                        "{:?} is the last member of the group {:?}: remove the group first",
                        self.id_of(node),
                        group.id
                    ));
                }
            }
        }
        Ok(node)
    }

    fn insert_node(&mut self, what: What) -> std::result::Result<u32, String> {
        let node = Node {
            what,
            out: Vec::new(),
            inc: Vec::new(),
        };
        let id = node.id().to_owned();
        if id.is_empty() {
            return Err("an id cannot be empty".into());
        }
        if self.index.contains_key(&id) {
            return Err(already(&id));
        }
        let slot = self.nodes.len() as u32;
        self.nodes.push(Some(node));
        self.index.insert(id, slot);
        Ok(slot)
    }

    /// Where impact flows along `relation`, as node slots (both exist).
    fn ends(&self, relation: &Relation) -> (u32, u32) {
        let (from, to) = relation.flow();
        (self.index[from], self.index[to])
    }

    /// Adds a relation between existing nodes, or says which end is wrong
    /// (`(".to", reason)`).
    fn insert_relation(
        &mut self,
        relation: Relation,
    ) -> std::result::Result<u32, (String, String)> {
        let from = self
            .lookup(&relation.from)
            .map_err(|r| (".from".into(), r))?;
        let to = self.lookup(&relation.to).map_err(|r| (".to".into(), r))?;
        if from == to {
            return Err((".to".into(), "a node cannot relate to itself".into()));
        }
        let key = (from, to, relation.kind);
        if self.relation_index.contains_key(&key) {
            return Err((String::new(), "the same relation is already there".into()));
        }
        let slot = self.relations.len() as u32;
        let (source, target) = self.ends(&relation);
        self.relations.push(Some(relation));
        self.relation_index.insert(key, slot);
        self.link(source, target, Origin::Relation(slot));
        Ok(slot)
    }

    fn link(&mut self, source: u32, target: u32, origin: Origin) {
        if let Some(node) = self.nodes[source as usize].as_mut() {
            node.out.push((target, origin));
        }
        if let Some(node) = self.nodes[target as usize].as_mut() {
            node.inc.push((source, origin));
        }
    }

    fn unlink(&mut self, source: u32, target: u32, origin: Origin) {
        if let Some(node) = self.nodes[source as usize].as_mut() {
            node.out.retain(|&edge| edge != (target, origin));
        }
        if let Some(node) = self.nodes[target as usize].as_mut() {
            node.inc.retain(|&edge| edge != (source, origin));
        }
    }

    fn remove_relation_slot(&mut self, slot: u32) {
        if let Some(relation) = self.relations[slot as usize].take() {
            let (from, to) = (self.index[&relation.from], self.index[&relation.to]);
            self.relation_index.remove(&(from, to, relation.kind));
            let (source, target) = self.ends(&relation);
            self.unlink(source, target, Origin::Relation(slot));
        }
    }

    fn remove_node(&mut self, node: u32) {
        let Some(removed) = self.nodes[node as usize].as_ref() else {
            return;
        };
        let edges: Vec<(u32, u32, Origin)> = removed
            .out
            .iter()
            .map(|&(target, origin)| (node, target, origin))
            .chain(
                removed
                    .inc
                    .iter()
                    .map(|&(source, origin)| (source, node, origin)),
            )
            .collect();
        let id = removed.id().to_owned();
        for (source, target, origin) in edges {
            match origin {
                Origin::Relation(slot) => self.remove_relation_slot(slot),
                Origin::Member => {
                    self.unlink(source, target, origin);
                    // The node was a member of `target`: it leaves the group's list.
                    if target != node {
                        if let Some(Node {
                            what: What::Group(group),
                            ..
                        }) = self.nodes[target as usize].as_mut()
                        {
                            group.members.retain(|m| *m != id);
                            let members = group.members.len() as u32;
                            if let Some(count) = group.min_up.as_mut() {
                                *count = (*count).min(members);
                            }
                        }
                    }
                }
            }
        }
        self.nodes[node as usize] = None;
        self.index.remove(&id);
    }

    /// A path from `from` to `to` along the edges impact flows on, when there
    /// is one: `[from, ..., to]`.
    fn path_between(&self, from: u32, to: u32) -> Option<Vec<u32>> {
        let mut came_from: HashMap<u32, u32> = HashMap::new();
        let mut stack = vec![from];
        came_from.insert(from, from);
        while let Some(node) = stack.pop() {
            if node == to {
                let mut path = vec![to];
                let mut at = to;
                while at != from {
                    at = came_from[&at];
                    path.push(at);
                }
                path.reverse();
                return Some(path);
            }
            for &(next, _) in &self.node(node).out {
                if let std::collections::hash_map::Entry::Vacant(slot) = came_from.entry(next) {
                    slot.insert(node);
                    stack.push(next);
                }
            }
        }
        None
    }

    /// The first cycle along the edges impact flows on, in the order nodes
    /// were added: its nodes (the first repeated at the end) and the origin
    /// of the edge that closes it.
    fn find_cycle(&self) -> Option<(Vec<u32>, Origin)> {
        #[derive(Clone, Copy, PartialEq)]
        enum Mark {
            New,
            Open,
            Done,
        }
        let mut mark = vec![Mark::New; self.nodes.len()];
        for start in 0..self.nodes.len() as u32 {
            if self.nodes[start as usize].is_none() || mark[start as usize] != Mark::New {
                continue;
            }
            // Each frame: a node and how many of its edges were followed.
            let mut stack: Vec<(u32, usize)> = vec![(start, 0)];
            mark[start as usize] = Mark::Open;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let out = &self.node(node).out;
                if *next == out.len() {
                    mark[node as usize] = Mark::Done;
                    stack.pop();
                    continue;
                }
                let (target, origin) = out[*next];
                *next += 1;
                match mark[target as usize] {
                    Mark::New => {
                        mark[target as usize] = Mark::Open;
                        stack.push((target, 0));
                    }
                    Mark::Open => {
                        let at = stack.iter().position(|&(n, _)| n == target).unwrap_or(0);
                        let mut cycle: Vec<u32> = stack[at..].iter().map(|&(n, _)| n).collect();
                        cycle.push(target);
                        return Some((cycle, origin));
                    }
                    Mark::Done => {}
                }
            }
        }
        None
    }

    fn cycle_reason(&self, cycle: &[u32]) -> String {
        let names: Vec<&str> = cycle.iter().map(|&n| self.id_of(n)).collect();
        format!(
            "closes a cycle along which impact flows: {}",
            names.join(" -> ")
        )
    }
}

fn already(id: &str) -> String {
    format!("the id {id:?} is already used")
}
