//! Change risk: the class `RiskPolicy`, read from a document (Python data or
//! JSON text), assessing a change's risk and what it asks for.
//!
//! The input and the assessment cross as Python data shaped as the core's
//! documents (`RiskInput`, `RiskAssessment`); errors are the core's:
//! `InvalidConfigError` for a bad policy, `InvalidInputError` naming the
//! input's field.

use itsm_core::change::{
    ChangeWindows as Windows, PlannedChange, RiskInput, RiskPolicy as Policy,
    Schedule as CoreSchedule, SlotQuery,
};
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};

use crate::exceptions::core_error;
use crate::json;
use crate::service::ServiceGraph;

/// Rules, a questionnaire and an impact x probability matrix that give a
/// change's risk, and the approvals each level asks for (Python class
/// `itsm.RiskPolicy`).
///
/// Immutable and safe to share between threads.
#[pyclass(frozen, module = "itsm", name = "RiskPolicy")]
pub struct RiskPolicy {
    inner: Policy,
}

#[pymethods]
impl RiskPolicy {
    /// Reads a risk policy document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Config)?;
        let inner = Policy::from_value(&value).map_err(|e| core_error(py, &e))?;
        Ok(RiskPolicy { inner })
    }

    /// Reads a risk policy document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = Policy::from_json(text).map_err(|e| core_error(py, &e))?;
        Ok(RiskPolicy { inner })
    }

    /// The policy document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The policy document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The risk of a change described by `change` (`fields`, `answers`,
    /// `impact`, `probability`), as Python data.
    fn assess<'py>(&self, change: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = change.py();
        let input = RiskInput::from_value(&json::to_value(change, json::Kind::Input)?)
            .map_err(|e| core_error(py, &e))?;
        let assessment = self.inner.assess(&input).map_err(|e| core_error(py, &e))?;
        json::to_py(py, &assessment)
    }

    /// `RiskPolicy.from_json('...')`: evaluates back to an equal policy.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("RiskPolicy.from_json({text})"))
    }

    /// Equal when built from the same document; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<RiskPolicy>() {
            Ok(other) => (self.inner == other.get().inner).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `RiskPolicy.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        crate::reduce(slf.as_any(), slf.get().to_json())
    }
}

/// Maintenance, freeze and blackout windows, recurring through a calendar or
/// one-off, scoped to services or items (Python class `itsm.ChangeWindows`).
///
/// Immutable and safe to share between threads.
#[pyclass(frozen, module = "itsm", name = "ChangeWindows")]
pub struct ChangeWindows {
    inner: Windows,
}

#[pymethods]
impl ChangeWindows {
    /// Reads a windows document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Config)?;
        let inner = Windows::from_value(&value).map_err(|e| core_error(py, &e))?;
        Ok(ChangeWindows { inner })
    }

    /// Reads a windows document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = Windows::from_json(text).map_err(|e| core_error(py, &e))?;
        Ok(ChangeWindows { inner })
    }

    /// The windows document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The windows document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The window conflicts of a planned change (`items`, `start`, `end`) on
    /// `graph`, as Python data.
    fn check<'py>(
        &self,
        graph: PyRef<'py, ServiceGraph>,
        change: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = change.py();
        let change = PlannedChange::from_value(&json::to_value(change, json::Kind::Input)?)
            .map_err(|e| core_error(py, &e))?;
        let conflicts = self
            .inner
            .check(&graph.inner, &change)
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &conflicts)
    }

    /// The first slot without window conflicts for a query (`items`,
    /// `duration_ms`, `from`, `until`, `assignee`) on `graph`, avoiding the
    /// changes of `schedule` it would conflict with: `{"start", "end"}`, or
    /// `None`.
    #[pyo3(signature = (graph, query, schedule = None))]
    fn next_slot<'py>(
        &self,
        graph: PyRef<'py, ServiceGraph>,
        query: &Bound<'py, PyAny>,
        schedule: Option<PyRef<'py, Schedule>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = query.py();
        let query = SlotQuery::from_value(&json::to_value(query, json::Kind::Input)?)
            .map_err(|e| core_error(py, &e))?;
        let none = CoreSchedule::default();
        let schedule = schedule.as_ref().map_or(&none, |s| &s.inner);
        let slot = self
            .inner
            .next_slot(&graph.inner, &query, schedule)
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &slot)
    }

    /// `ChangeWindows.from_json('...')`: evaluates back to equal windows.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("ChangeWindows.from_json({text})"))
    }

    /// Equal when their documents are; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<ChangeWindows>() {
            Ok(other) => (self.inner.to_value() == other.get().inner.to_value()).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `ChangeWindows.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        crate::reduce(slf.as_any(), slf.get().to_json())
    }
}

/// The changes scheduled, for conflicts between them (Python class
/// `itsm.Schedule`).
///
/// Immutable and safe to share between threads.
#[pyclass(frozen, module = "itsm", name = "Schedule")]
pub struct Schedule {
    inner: CoreSchedule,
}

#[pymethods]
impl Schedule {
    /// Reads a schedule (`{"changes": [...]}`) given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Input)?;
        let inner = CoreSchedule::from_value(&value).map_err(|e| core_error(py, &e))?;
        Ok(Schedule { inner })
    }

    /// Reads a schedule from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = CoreSchedule::from_json(text).map_err(|e| core_error(py, &e))?;
        Ok(Schedule { inner })
    }

    /// The schedule as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The schedule as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// Every conflict between two scheduled changes on `graph`, each pair
    /// once, as Python data.
    fn conflicts<'py>(&self, graph: PyRef<'py, ServiceGraph>) -> PyResult<Bound<'py, PyAny>> {
        let py = graph.py();
        let graph = &graph.inner;
        let conflicts = py
            .detach(|| self.inner.conflicts(graph))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &conflicts)
    }

    /// The conflicts of a planned change with the scheduled changes it
    /// overlaps, as Python data.
    fn conflicts_of<'py>(
        &self,
        graph: PyRef<'py, ServiceGraph>,
        change: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = change.py();
        let change = PlannedChange::from_value(&json::to_value(change, json::Kind::Input)?)
            .map_err(|e| core_error(py, &e))?;
        let conflicts = self
            .inner
            .conflicts_of(&graph.inner, &change)
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &conflicts)
    }

    /// The number of changes.
    fn __len__(&self) -> usize {
        self.inner.len()
    }

    /// `Schedule.from_json('...')`: evaluates back to an equal schedule.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("Schedule.from_json({text})"))
    }

    /// Equal when their documents are; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Schedule>() {
            Ok(other) => (self.inner.to_value() == other.get().inner.to_value()).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `Schedule.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        crate::reduce(slf.as_any(), slf.get().to_json())
    }
}
