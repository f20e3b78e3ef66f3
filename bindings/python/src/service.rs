//! The service graph: the class `ServiceGraph`, services, items and
//! redundancy groups read from a document (Python data or JSON text), changed
//! one item or relation at a time, and asked for the impact of failures.
//!
//! Changes, queries and answers cross as Python data shaped as the core's
//! documents (`GraphChange`, `ImpactQuery`, `Impact`); errors are the core's:
//! `InvalidConfigError` for a bad graph document, `InvalidInputError` naming
//! the change's or the query's field.

use itsm_core::service::{GraphChange, ImpactQuery, ServiceGraph as Graph};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::exceptions::core_error;
use crate::json;

/// Services, configuration items and redundancy groups joined by typed
/// relations (Python class `itsm.ServiceGraph`).
///
/// Changed in place by `apply`; not shared between threads while it changes.
#[pyclass(module = "itsm", name = "ServiceGraph")]
pub struct ServiceGraph {
    pub(crate) inner: Graph,
}

#[pymethods]
impl ServiceGraph {
    /// An empty graph, or the graph of `document` (Python data).
    #[new]
    #[pyo3(signature = (document = None))]
    fn new(document: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        match document {
            None => Ok(ServiceGraph {
                inner: Graph::default(),
            }),
            Some(document) => ServiceGraph::from_dict(document),
        }
    }

    /// Reads a graph document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Config)?;
        let inner = py
            .detach(|| Graph::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(ServiceGraph { inner })
    }

    /// Reads a graph document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| Graph::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(ServiceGraph { inner })
    }

    /// The graph document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The graph document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// Applies one change (`{"add_item": {...}}`, `{"remove_relation":
    /// {...}}`...), or none of it.
    fn apply(&mut self, change: &Bound<'_, PyAny>) -> PyResult<()> {
        let py = change.py();
        let change = GraphChange::from_value(&json::to_value(change, json::Kind::Input)?)
            .map_err(|e| core_error(py, &e))?;
        self.inner.apply(&change).map_err(|e| core_error(py, &e))
    }

    /// The impact of the query's failures, as Python data.
    fn impact<'py>(&self, query: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = query.py();
        let query = ImpactQuery::from_value(&json::to_value(query, json::Kind::Input)?)
            .map_err(|e| core_error(py, &e))?;
        let impact = py
            .detach(|| self.inner.impact(&query))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &impact)
    }

    /// The number of items and groups.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// `ServiceGraph.from_json('...')`: evaluates back to an equal graph.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("ServiceGraph.from_json({text})"))
    }

    /// Equal when their documents are; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<ServiceGraph>() {
            Ok(other) => (self.inner == other.borrow().inner).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `ServiceGraph.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let text = slf.borrow().to_json();
        crate::reduce(slf.as_any(), text)
    }
}
