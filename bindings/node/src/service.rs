//! The service graph for JavaScript: services, configuration items and
//! redundancy groups joined by typed relations, changed in place, and the
//! impact of failed or degraded items.
//!
//! The graph document, a change and a query come in as plain objects or JSON
//! text; the impact goes out as the core's document, a plain object under the
//! core's snake_case keys.

use napi::Result;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use serde_json::Value;

use itsm_core::service::{GraphChange, Impact, ImpactQuery};

use crate::{Data, Document, ItsmCode, Kind, document, to_js};

/// Services, configuration items and redundancy groups joined by typed
/// relations (`depends_on`, `runs_on`, `impacts`).
///
/// Build one with `new ServiceGraph()` or `ServiceGraph.fromJSON(document)`,
/// change it with `apply`, ask it with `impact`. Impact flows from a failed
/// item to what depends on it or runs on it, and along `impacts` relations; a
/// redundancy group is down only when fewer than its minimum of members are
/// up (a degraded member counts as up).
#[napi]
pub struct ServiceGraph {
    pub(crate) inner: itsm_core::service::ServiceGraph,
}

#[napi]
impl ServiceGraph {
    /// An empty graph.
    #[napi(constructor)]
    pub fn new() -> ServiceGraph {
        ServiceGraph {
            inner: itsm_core::service::ServiceGraph::default(),
        }
    }

    /// Reads a graph document: a plain object, or the same document as JSON
    /// text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field
    /// (`relations[2].to: unknown item or group "db-9"`), or the relation
    /// that closes a cycle along which impact flows, with the cycle.
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: GraphDocument | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<ServiceGraph, ItsmCode> {
        let inner = match document("doc", "a service graph document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::service::ServiceGraph::from_json(&text),
            Document::Data(value) => itsm_core::service::ServiceGraph::from_value(&value),
        };
        inner.map(|inner| ServiceGraph { inner }).map_err(to_js)
    }

    /// The graph document as a plain object; `ServiceGraph.fromJSON` reads it
    /// back, and `JSON.stringify(graph)` writes it.
    #[napi(js_name = "toJSON", ts_return_type = "GraphDocument", catch_unwind)]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The number of items and groups.
    #[napi(getter)]
    pub fn size(&self) -> u32 {
        self.inner.len() as u32
    }

    /// Applies one change, or none of it: `{add_item: {...}}`,
    /// `{remove_item: "db-1"}`, `{add_relation: {...}}`, `{remove_relation:
    /// {...}}`, `{add_group: {...}}`, `{remove_group: "db"}`.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the change's field
    /// (`add_relation.to: unknown item or group "x"`, `add_relation: closes a
    /// cycle along which impact flows: a -> b -> a`).
    #[napi(ts_args_type = "change: GraphChange | string", catch_unwind)]
    pub fn apply(&mut self, change: Unknown<'_>) -> Result<(), ItsmCode> {
        let change = match document("change", "a graph change", change, Kind::Input)? {
            Document::Text(text) => GraphChange::from_json(&text),
            Document::Data(value) => GraphChange::from_value(&value),
        }
        .map_err(to_js)?;
        self.inner.apply(&change).map_err(to_js)
    }

    /// Every node the query's failures bring down or degrade, within `depth`
    /// relations when given, nearest first, each with its cause and, for
    /// services, the path from a failed item; the services left operational;
    /// the counts.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming `failures[i].item` for an unknown
    /// item or a group, or `failures[i].health` for a failure given as
    /// operational.
    #[napi(
        ts_args_type = "query: ImpactQuery | string",
        ts_return_type = "Impact",
        catch_unwind
    )]
    pub fn impact(&self, query: Unknown<'_>) -> Result<Data<Impact>, ItsmCode> {
        let query = match document("query", "an impact query", query, Kind::Input)? {
            Document::Data(value) => ImpactQuery::from_value(&value),
            Document::Text(text) => ImpactQuery::from_json(&text),
        }
        .map_err(to_js)?;
        self.inner.impact(&query).map(Data).map_err(to_js)
    }
}

impl Default for ServiceGraph {
    fn default() -> Self {
        ServiceGraph::new()
    }
}
