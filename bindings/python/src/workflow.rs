//! Workflows: the class `Workflow`, a compiled state machine whose transitions
//! carry guards, read from a document (Python data or JSON text) or built in.
//!
//! Inputs cross as Python data: a record's fields (a dict of scalars, whose
//! datetimes become canonical instants; a bad value is an `InvalidInputError`
//! naming the field) and a context (a dict in the shape of the core's
//! `Context`, whose `now` is an aware datetime; a bad value is an
//! `InvalidArgumentError` naming its path, such as `context.now`). Answers
//! cross as Python data built from the core's `Verdict`,
//! `AvailableTransition` and `Finding` by the binding's serializer
//! (`native.rs`); `validate_json` gives the canonical text. Errors are the
//! core's.

use itsm_core::Fields;
use itsm_core::rules::Context;
use itsm_core::workflow::Workflow as Compiled;
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyMapping, PyTuple};
use serde_json::Value;

use crate::exceptions::core_error;
use crate::{json, reduce, type_name};

/// A workflow: states, the transitions between them and the guards on each,
/// compiled once and asked on every request (Python class `itsm.Workflow`).
///
/// Immutable and safe to share between threads; the GIL is released while the
/// core judges.
#[pyclass(frozen, module = "itsm", name = "Workflow")]
pub struct Workflow {
    inner: Compiled,
}

impl Workflow {
    /// A compiled workflow of the core's, as the Python class (a desk's).
    pub(crate) fn wrap(inner: Compiled) -> Self {
        Workflow { inner }
    }

    /// Compiles a workflow document given as JSON data, without the GIL.
    fn read(py: Python<'_>, value: &Value) -> PyResult<Self> {
        let inner = py
            .detach(|| Compiled::from_value(value))
            .map_err(|e| core_error(py, &e))?;
        Ok(Workflow { inner })
    }
}

#[pymethods]
impl Workflow {
    /// Reads a workflow document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = json::to_value(document, json::Kind::Config)?;
        Workflow::read(document.py(), &value)
    }

    /// Reads a workflow document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| Compiled::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(Workflow { inner })
    }

    /// A built-in workflow by name (see `builtin_names`).
    #[staticmethod]
    fn builtin(py: Python<'_>, name: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| Compiled::builtin(name))
            .map_err(|e| core_error(py, &e))?;
        Ok(Workflow { inner })
    }

    /// The names of the built-in workflows.
    #[staticmethod]
    fn builtin_names() -> Vec<&'static str> {
        Compiled::builtin_names()
    }

    /// A built-in workflow's document as Python data, to change and load with
    /// `from_dict`.
    #[staticmethod]
    fn builtin_document<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
        let document = Compiled::builtin_document(name).map_err(|e| core_error(py, &e))?;
        json::to_py(py, &document)
    }

    /// Every finding of a workflow document given as Python data, without
    /// loading it: the reasons it would not load or, when there are none, its
    /// traps; dicts with `path`, `code` and `message`.
    #[staticmethod]
    fn lint_document<'py>(document: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Config)?;
        let findings = py
            .detach(|| Compiled::lint_document(&value))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &findings)
    }

    /// The workflow's traps (unreachable states, undeclared fields...), as
    /// dicts with `path`, `code` and `message`; empty when none.
    fn lint<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.lint())
    }

    /// The workflow document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The workflow document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The workflow's name, when its document gives one.
    #[getter]
    fn name(&self) -> Option<&str> {
        self.inner.document().name.as_deref()
    }

    /// The category of a state (`new`, `active`, `pending`, `resolved`,
    /// `closed`, `cancelled`); `None` when the workflow has no such state.
    fn category<'py>(&self, py: Python<'py>, state: &str) -> PyResult<Option<Bound<'py, PyAny>>> {
        self.inner
            .category(state)
            .map(|category| json::to_py(py, &category))
            .transpose()
    }

    /// Whether `record` may make the move `request` (a transition's name or a
    /// target state's id) in `context`: the core's verdict as Python data,
    /// every reason against it in document order.
    #[pyo3(signature = (record, request, context = None))]
    fn validate<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        request: &str,
        context: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (record, context) = (record_arg(record)?, context_arg(context)?);
        let verdict = py
            .detach(|| self.inner.validate(&record, request, &context))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &verdict)
    }

    /// Whether `validate` would allow the move, without building any reason:
    /// the fast answer.
    #[pyo3(signature = (record, request, context = None))]
    fn allows(
        &self,
        py: Python<'_>,
        record: &Bound<'_, PyAny>,
        request: &str,
        context: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<bool> {
        let (record, context) = (record_arg(record)?, context_arg(context)?);
        // The fast answer allocates nothing and takes well under a
        // microsecond: releasing the GIL would cost more than it frees.
        self.inner
            .allows(&record, request, &context)
            .map_err(|e| core_error(py, &e))
    }

    /// Every transition leaving the record's state, in document order, each
    /// allowed or with every reason against it.
    #[pyo3(signature = (record, context = None))]
    fn available<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        context: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (record, context) = (record_arg(record)?, context_arg(context)?);
        let moves = py
            .detach(|| self.inner.available(&record, &context))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &moves)
    }

    /// As `validate`, from the record's fields and the context as JSON text,
    /// returning the core's canonical JSON text of the verdict: compact, keys
    /// sorted, the same bytes in every language.
    fn validate_json(
        &self,
        py: Python<'_>,
        record_json: &str,
        request: &str,
        context_json: &str,
    ) -> PyResult<String> {
        py.detach(|| {
            let record = itsm_core::fields_from_json(record_json)?;
            let context = Context::from_json(context_json)?;
            self.inner
                .validate(&record, request, &context)
                .map(|verdict| verdict.to_json())
        })
        .map_err(|e| core_error(py, &e))
    }

    /// Equal when their documents are equal; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Workflow>() {
            Ok(other) => (self.inner.document() == other.get().inner.document()).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// `<Workflow incident: 8 states, 15 transitions>`.
    fn __repr__(&self) -> String {
        let document = self.inner.document();
        let name = document
            .name
            .as_ref()
            .map_or(String::new(), |n| format!(" {n}"));
        format!(
            "<Workflow{name}: {} states, {} transitions>",
            document.states.len(),
            document.transitions.len()
        )
    }

    /// Pickles as `Workflow.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().inner.to_json())
    }
}

/// The argument `record`: a dict (or other mapping) of the record's fields,
/// its values Python data as in a timeline's fields (a bad value is an
/// `InvalidInputError` naming the field, as the core names `state`).
fn record_arg(record: &Bound<'_, PyAny>) -> PyResult<Fields> {
    if record.cast::<PyMapping>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "argument `record`: expected a dict, found {}",
            type_name(record)
        )));
    }
    match json::to_value_at(record, json::Kind::Input, "")? {
        Value::Object(map) => Ok(map.into_iter().collect()),
        // A mapping converts to an object.
        _ => Ok(Fields::new()),
    }
}

/// The argument `context`: `None` (no actor, no `now`, nothing read beside
/// the record) or a dict in the shape of the core's `Context`.
pub(crate) fn context_arg(context: Option<&Bound<'_, PyAny>>) -> PyResult<Context> {
    let Some(context) = context.filter(|c| !c.is_none()) else {
        return Ok(Context::default());
    };
    let py = context.py();
    if context.cast::<PyMapping>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "argument `context`: expected a dict, found {}",
            type_name(context)
        )));
    }
    let value = json::to_value_at(context, json::Kind::Argument, "context")?;
    Context::from_value(&value).map_err(|e| core_error(py, &e))
}
