//! Service management metrics: the class `Metrics`, read from a document
//! (Python data or JSON text), reporting the figures of a period over a
//! collection of records' facts.
//!
//! The records, the period and the report cross as Python data shaped as the
//! core's documents (`MetricRecord`, `Period`, `MetricsReport`): the report's
//! instants as aware `datetime` in UTC, its figures' numerators and
//! denominators (milliseconds for durations) as ints, their values floats or
//! `None`. Errors are the core's: `InvalidConfigError` for a bad metrics
//! document or period, `InvalidInputError` naming the record's field
//! (`records[3].created_at`).

use itsm_core::metrics::{self, MetricRecord, Period};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyString, PyTuple};
use pyo3::{IntoPyObjectExt, intern};

use crate::exceptions::core_error;
use crate::{instant, json, reduce, type_name};

/// How figures are counted: which records a period holds, the ticket
/// figures' denominator, wall-clock or business time, the kinds counted, the
/// backlog's age buckets and the change success score's points (Python class
/// `itsm.Metrics`).
///
/// Immutable and safe to share between threads; the GIL is released while the
/// core computes.
#[pyclass(frozen, module = "itsm", name = "Metrics")]
pub struct Metrics {
    inner: metrics::Metrics,
}

#[pymethods]
impl Metrics {
    /// Reads a metrics document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Config)?;
        let inner = py
            .detach(|| metrics::Metrics::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(Metrics { inner })
    }

    /// Reads a metrics document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| metrics::Metrics::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(Metrics { inner })
    }

    /// The metrics document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The metrics document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// Every figure of `period` over `records` (a list of `MetricRecord`
    /// dicts, such as `DataFrame.to_dict("records")`) as of `now`: the
    /// `MetricsReport` as Python data.
    fn report<'py>(
        &self,
        py: Python<'py>,
        records: &Bound<'py, PyAny>,
        period: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let records = records_arg(records)?;
        self.report_of(py, || MetricRecord::list_from_value(&records), period, now)
    }

    /// The same report over an Arrow table of records (any Arrow PyCapsule
    /// producer: pyarrow, polars, DuckDB; pandas through
    /// `pyarrow.Table.from_pandas`), one row per record with columns named as
    /// `MetricRecord`'s fields; other columns are left alone.
    fn report_table<'py>(
        &self,
        py: Python<'py>,
        table: &Bound<'py, PyAny>,
        period: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (batches, _) = crate::table::batches(table)?;
        self.report_of(py, || itsm_arrow::metric_records(&batches), period, now)
    }

    /// `Metrics.from_json('...')`: evaluates back to equal metrics.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("Metrics.from_json({text})"))
    }

    /// Equal when built from the same document; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Metrics>() {
            Ok(other) => (self.inner == other.get().inner).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `Metrics.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().to_json())
    }
}

impl Metrics {
    /// The report over the records `read` gives (without the GIL), for the
    /// `period` and `now` arguments, as Python data.
    fn report_of<'py>(
        &self,
        py: Python<'py>,
        read: impl FnOnce() -> itsm_core::Result<Vec<MetricRecord>> + Send,
        period: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let period = json::to_value(period, json::Kind::Config)?;
        let now = instant(now, "now")?;
        let report = py
            .detach(|| {
                let records = read()?;
                let period = Period::from_value(&period)?;
                self.inner.report(&records, period, now)
            })
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &report)
    }
}

/// The argument `records` as JSON data, bad values named by their path
/// (`records[0].created_at`); the core reads the records from it. A table
/// (a pandas or polars DataFrame, an Arrow table) is a `TypeError` that
/// points to `report_table`, or says how to pass its rows.
fn records_arg(records: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    let py = records.py();
    if records.hasattr(intern!(py, "__arrow_c_stream__"))?
        || records.hasattr(intern!(py, "to_arrow"))?
        || records.hasattr(intern!(py, "iterrows"))?
    {
        return Err(PyTypeError::new_err(format!(
            "argument `records`: a table ({}) is not a sequence of records; Metrics.report_table reads a table (about 20 times faster), or pass its rows, such as DataFrame.to_dict(\"records\")",
            type_name(records)
        )));
    }
    json::to_value_at(records, json::Kind::Input, "records")
}
