//! The service graph: `itsm_core::service` for Kotlin and Swift.
//!
//! The graph document, a change and a query cross the boundary as JSON text,
//! and so does the impact: the core's canonical JSON text, the same bytes in
//! every language (see the core's `GraphDocument`, `GraphChange`,
//! `ImpactQuery` and `Impact`).

use std::sync::Mutex;

use itsm_core::service as core;

use crate::{Result, read_document};

/// Services, configuration items and redundancy groups joined by typed
/// relations (`depends_on`, `runs_on`, `impacts`), changed in place by
/// `apply` and asked for the impact of failures. Safe to share between
/// threads: a change waits for a query in progress, and the other way round.
#[derive(Debug, uniffi::Object)]
pub struct ServiceGraph {
    inner: Mutex<core::ServiceGraph>,
}

impl ServiceGraph {
    pub(crate) fn graph(&self) -> std::sync::MutexGuard<'_, core::ServiceGraph> {
        // A panic while the lock was held cannot leave a graph half-changed:
        // `apply` changes nothing until its checks pass.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[uniffi::export]
impl ServiceGraph {
    /// An empty graph.
    #[uniffi::constructor]
    pub fn new() -> Self {
        ServiceGraph {
            inner: Mutex::new(core::ServiceGraph::default()),
        }
    }

    /// Reads a graph document from JSON text: `{"items": [...], "groups":
    /// [...], "relations": [...]}`.
    ///
    /// Errors: `InvalidConfig`, whose detail names the path of the first bad
    /// field (`relations[2].to: unknown item or group "db-9"`), or the relation
    /// that closes a cycle along which impact flows, with the cycle.
    #[uniffi::constructor]
    pub fn from_json(json: String) -> Result<Self> {
        let graph = read_document(
            &json,
            core::ServiceGraph::from_json,
            core::ServiceGraph::from_value,
        )?;
        Ok(ServiceGraph {
            inner: Mutex::new(graph),
        })
    }

    /// The graph document as compact JSON text; `fromJson` reads it back.
    pub fn to_json(&self) -> String {
        self.graph().to_value().to_string()
    }

    /// The number of items and groups.
    pub fn size(&self) -> u64 {
        self.graph().len() as u64
    }

    /// Applies one change given as JSON text, or none of it:
    /// `{"add_item": {...}}`, `{"remove_item": "db-1"}`, `{"add_relation":
    /// {...}}`, `{"remove_relation": {...}}`, `{"add_group": {...}}`,
    /// `{"remove_group": "db"}`.
    ///
    /// Errors: `InvalidInput` naming the change's field (`add_relation.to:
    /// unknown item or group "x"`, `add_relation: closes a cycle along which
    /// impact flows: a -> b -> a`).
    pub fn apply(&self, change_json: String) -> Result<()> {
        let change = read_document(
            &change_json,
            core::GraphChange::from_json,
            core::GraphChange::from_value,
        )?;
        Ok(self.graph().apply(&change)?)
    }

    /// The impact of a query given as JSON text (`{"failures": [{"item":
    /// "db-1"}], "depth": 3}`), as the core's JSON text: every node brought
    /// down or degraded with its cause and, for services, the path; the
    /// services left operational; the counts.
    ///
    /// Errors: `InvalidInput` naming `failures[i].item` for an unknown item or
    /// a group, or `failures[i].health`.
    pub fn impact_json(&self, query_json: String) -> Result<String> {
        let query = read_document(
            &query_json,
            core::ImpactQuery::from_json,
            core::ImpactQuery::from_value,
        )?;
        Ok(self.graph().impact(&query)?.to_json())
    }
}

impl Default for ServiceGraph {
    fn default() -> Self {
        ServiceGraph::new()
    }
}
