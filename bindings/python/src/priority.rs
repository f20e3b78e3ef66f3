//! The priority matrix: the class `PriorityMatrix`, impact x urgency to a
//! priority with ordered overrides, read from a document (Python data or JSON
//! text) or ITIL's default.
//!
//! The answer crosses the boundary as Python data built from the core's
//! `PriorityAnswer` by the binding's serializer (`native.rs`); errors are the
//! core's: `InvalidConfigError` for a bad document, `InvalidArgumentError`
//! naming `impact` or `urgency` for a value the matrix does not know.

use itsm_core::Fields;
use itsm_core::priority::PriorityMatrix as Matrix;
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyString, PyTuple};
use serde_json::Value;

use crate::exceptions::core_error;
use crate::json;
use crate::type_name;

/// Impact x urgency to priority, with ordered overrides (Python class
/// `itsm.PriorityMatrix`).
///
/// Immutable and safe to share between threads.
#[pyclass(frozen, module = "itsm", name = "PriorityMatrix")]
pub struct PriorityMatrix {
    inner: Matrix,
}

#[pymethods]
impl PriorityMatrix {
    /// Reads a priority matrix document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Config)?;
        let inner = py
            .detach(|| Matrix::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(PriorityMatrix { inner })
    }

    /// Reads a priority matrix document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| Matrix::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(PriorityMatrix { inner })
    }

    /// ITIL's matrix: impact and urgency high, medium, low to P1 to P5, a
    /// record whose `vip` field is true raised one step.
    #[staticmethod]
    fn itil() -> Self {
        PriorityMatrix {
            inner: Matrix::itil(),
        }
    }

    /// The matrix document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The matrix document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The impact values, the most severe first.
    #[getter]
    fn impacts(&self) -> Vec<String> {
        self.inner.impacts.clone()
    }

    /// The urgency values, the most urgent first.
    #[getter]
    fn urgencies(&self) -> Vec<String> {
        self.inner.urgencies.clone()
    }

    /// The priority values, the highest first.
    #[getter]
    fn priorities(&self) -> Vec<String> {
        self.inner.priorities.clone()
    }

    /// The priority of a record of this `impact` and `urgency` whose fields
    /// (tested by the overrides) are `fields`: the core's answer as Python
    /// data, `{"priority", "matrix_priority", "override_applied",
    /// "override_name"}`.
    #[pyo3(signature = (impact, urgency, fields = None))]
    fn priority<'py>(
        &self,
        py: Python<'py>,
        impact: &str,
        urgency: &str,
        fields: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let fields = match fields {
            None => Fields::new(),
            Some(fields) => record_fields(fields)?,
        };
        let answer = py
            .detach(|| self.inner.priority(impact, urgency, &fields))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &answer)
    }

    /// The linter's findings: rules that load but are almost certainly not
    /// what was meant (a priority no cell gives, an override that can never
    /// apply or changes nothing), as dicts with `path`, `code` and `message`.
    fn lint<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.lint())
    }

    /// `PriorityMatrix.from_json('...')`: evaluates back to an equal matrix.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("PriorityMatrix.from_json({text})"))
    }

    /// Equal when built from the same document; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<PriorityMatrix>() {
            Ok(other) => (self.inner == other.get().inner).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `PriorityMatrix.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        crate::reduce(slf.as_any(), slf.get().to_json())
    }
}

/// The argument `fields`: a dict (or other mapping) of the record's fields,
/// its values Python data as in a timeline's fields (a bad value is an
/// `InvalidInputError` naming `fields.<key>`).
fn record_fields(fields: &Bound<'_, PyAny>) -> PyResult<Fields> {
    if fields.cast::<PyMapping>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "argument `fields`: expected a dict, found {}",
            type_name(fields)
        )));
    }
    match json::to_value_at(fields, json::Kind::Input, "fields")? {
        Value::Object(map) => Ok(map.into_iter().collect()),
        // A mapping converts to an object.
        _ => Ok(Fields::new()),
    }
}
