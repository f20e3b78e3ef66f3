//! Records and the desk: the classes `Record` (a versioned aggregate, the fold
//! of its events) and `Desk` (the configuration commands are judged by), the
//! reading of single events and the automation templates.
//!
//! Inputs cross as Python data or JSON text: a command (a dict in the shape
//! of the core's `Command`; a bad value is an `InvalidArgumentError` named
//! `command.<path>`), a context (as for `Workflow`, named `context.<path>`),
//! events (a list of dicts; a bad value is an `InvalidInputError` named
//! `[i].<path>`), a desk document (an `InvalidConfigError` naming its path).
//! Answers cross as Python data built from the core's `Outcome`, `Wakeup`,
//! record and event documents by the binding's serializer (`native.rs`):
//! instants as aware datetimes in UTC. The `*_json` methods take and give the
//! core's canonical JSON text. Errors are the core's, `VersionConflictError` and
//! `CommandRefusedError` among them.

use itsm_core::record::{self, Command};
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDateTime, PyList, PyMapping, PyString, PyTuple};
use serde_json::Value;

use crate::exceptions::core_error;
use crate::sla::Timeline;
use crate::workflow::Workflow;
use crate::workflow::context_arg;
use crate::{instant, json, py_instant, reduce, type_name};

/// A record: an incident, problem, service request, change or task, as the
/// fold of its events (Python class `itsm.Record`).
///
/// Immutable and safe to share between threads; every change is a new record.
#[pyclass(frozen, module = "itsm", name = "Record")]
pub struct Record {
    inner: record::Record,
}

#[pymethods]
impl Record {
    /// Reads a record document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| record::Record::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// Reads a record document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        mapping(document, "document")?;
        let value = json::to_value(document, json::Kind::Input)?;
        let inner = py
            .detach(|| record::Record::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// The record its events make: the first creates it, the others apply.
    #[staticmethod]
    fn replay(events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = events.py();
        let value = events_arg(events)?;
        let inner = py
            .detach(|| record::Record::replay(&record::events_from_value(&value)?))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// As `replay`, from the events' JSON text (an array).
    #[staticmethod]
    fn replay_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| record::Record::replay(&record::events_from_json(text)?))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// A new record: this one with `events` applied in order.
    fn apply(&self, events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = events.py();
        let value = events_arg(events)?;
        let inner = py
            .detach(|| self.inner.apply(&record::events_from_value(&value)?))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// As `apply`, from the events' JSON text (an array).
    fn apply_json(&self, py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| self.inner.apply(&record::events_from_json(text)?))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// The record document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner)
    }

    /// The record document as canonical JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The record's id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// Its kind (`incident`).
    #[getter]
    fn kind(&self) -> &str {
        self.inner.kind()
    }

    /// The workflow that judges it.
    #[getter]
    fn workflow(&self) -> &str {
        self.inner.workflow()
    }

    /// Its version: the number of events applied.
    #[getter]
    fn version(&self) -> u64 {
        self.inner.version()
    }

    /// Its state.
    #[getter]
    fn state(&self) -> &str {
        self.inner.state()
    }

    /// Its fields now, `state` among them, as a new dict.
    #[getter]
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.inner.fields())
    }

    /// The category of its state (`new`, `active`, `pending`, `resolved`,
    /// `closed`, `cancelled`).
    #[getter]
    fn category<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.category())
    }

    /// When it was created, as an aware datetime in UTC.
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        py_instant(py, self.inner.created_at())
    }

    /// Who created (or imported) it.
    #[getter]
    fn created_by(&self) -> &str {
        self.inner.created_by()
    }

    /// When it entered its state.
    #[getter]
    fn state_since<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        py_instant(py, self.inner.state_since())
    }

    /// When it was last resolved, while it is resolved or closed.
    #[getter]
    fn resolved_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        self.inner
            .resolved_at()
            .map(|t| py_instant(py, t))
            .transpose()
    }

    /// When it was closed or cancelled.
    #[getter]
    fn closed_at<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        self.inner
            .closed_at()
            .map(|t| py_instant(py, t))
            .transpose()
    }

    /// How often, when and by whom it was reopened; `None` when never.
    #[getter]
    fn reopened<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.reopened())
    }

    /// How often its assignment group changed from one group to another.
    #[getter]
    fn reassignments(&self) -> u32 {
        self.inner.reassignments()
    }

    /// Every round of approvals, the current one last.
    #[getter]
    fn approvals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.inner.approvals())
    }

    /// The current round of approvals while it is pending; `None` otherwise.
    #[getter]
    fn pending_approval<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.pending_approval())
    }

    /// Its links, in the order they were made.
    #[getter]
    fn links<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.inner.links())
    }

    /// Its children (tasks, child incidents) and their states.
    #[getter]
    fn children<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.inner.children())
    }

    /// Its comments and work notes, oldest first.
    #[getter]
    fn comments<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.inner.comments())
    }

    /// Its flag as a major incident; `None` when not flagged.
    #[getter]
    fn major_incident<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.major_incident())
    }

    /// Its history as an `itsm.Timeline`, which `PolicySet.evaluate` takes.
    fn timeline(&self) -> Timeline {
        Timeline::new(self.inner.timeline().clone())
    }

    /// `<Record INC-1 incident version 3: resolved>`.
    fn __repr__(&self) -> String {
        format!(
            "<Record {} {} version {}: {}>",
            self.inner.id(),
            self.inner.kind(),
            self.inner.version(),
            self.inner.state()
        )
    }

    /// Equal when their canonical JSON texts are; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Record>() {
            Ok(other) => (self.inner.to_json() == other.get().inner.to_json()).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `Record.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().inner.to_json())
    }
}

/// A desk: the workflows by record kind, the desk's rules (approvals, reopen,
/// major incidents, cascades), automation, SLA policies and a priority
/// matrix, loaded once; the one place commands are judged (Python class
/// `itsm.Desk`).
///
/// Immutable and safe to share between threads; the GIL is released while the
/// core judges.
#[pyclass(frozen, module = "itsm", name = "Desk")]
pub struct Desk {
    inner: record::Desk,
}

#[pymethods]
impl Desk {
    /// The desk of a document given as Python data; the default desk (the
    /// built-in workflows and rules) when `document` is `None`.
    #[new]
    #[pyo3(signature = (document = None))]
    fn new(document: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let Some(document) = document.filter(|d| !d.is_none()) else {
            return Ok(Desk {
                inner: record::Desk::default(),
            });
        };
        let py = document.py();
        mapping(document, "document")?;
        let value = json::to_value(document, json::Kind::Config)?;
        let inner = py
            .detach(|| record::Desk::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(Desk { inner })
    }

    /// Reads a desk document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| record::Desk::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(Desk { inner })
    }

    /// The desk document as Python data; `Desk(document)` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The desk document as canonical JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// Judges `command` against `record` (`None` for `create` and `import`)
    /// in `context`: the outcome (events, the next record's document,
    /// follow-ups, notifications, the next wakeup) as Python data.
    fn execute<'py>(
        &self,
        py: Python<'py>,
        record: Option<Bound<'py, Record>>,
        command: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let command = command_arg(command)?;
        let context = context_arg(Some(context))?;
        let record = record.as_ref().map(|r| &r.get().inner);
        let outcome = py
            .detach(|| self.inner.execute(record, &command, &context))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &outcome)
    }

    /// As `execute`, on JSON texts (the record's document or `None`, the
    /// command, the context), answering the outcome's canonical JSON text.
    #[pyo3(signature = (record_json, command_json, context_json))]
    fn execute_json(
        &self,
        py: Python<'_>,
        record_json: Option<&str>,
        command_json: &str,
        context_json: &str,
    ) -> PyResult<String> {
        py.detach(|| {
            self.inner
                .execute_json(record_json, command_json, context_json)
        })
        .map_err(|e| core_error(py, &e))
    }

    /// What time asks of `record` at `now` (time triggers met in
    /// `(since, now]`, the SLA evaluation, the next wakeup), as Python data.
    fn wake<'py>(
        &self,
        py: Python<'py>,
        record: Bound<'py, Record>,
        since: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let since = match since.is_none() {
            true => None,
            false => Some(instant(since, "since")?),
        };
        let now = instant(now, "now")?;
        let record = &record.get().inner;
        let wakeup = py
            .detach(|| self.inner.wake(record, since, now))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &wakeup)
    }

    /// As `wake`, on the record's JSON text and RFC 3339 instants, answering
    /// the wakeup's canonical JSON text.
    #[pyo3(signature = (record_json, since, now))]
    fn wake_json(
        &self,
        py: Python<'_>,
        record_json: &str,
        since: Option<&str>,
        now: &str,
    ) -> PyResult<String> {
        py.detach(|| self.inner.wake_json(record_json, since, now))
            .map_err(|e| core_error(py, &e))
    }

    /// A workflow of the desk by name (built in, or from its `workflows`);
    /// `None` when it has none of that name.
    fn workflow(&self, name: &str) -> Option<Workflow> {
        self.inner.workflow(name).cloned().map(Workflow::wrap)
    }

    /// The workflow a kind's records take when a command names none; `None`
    /// for a kind the desk does not know.
    fn default_workflow(&self, kind: &str) -> Option<&str> {
        self.inner.default_workflow(kind)
    }

    /// Equal when their documents are; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Desk>() {
            Ok(other) => (self.inner.to_value() == other.get().inner.to_value()).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// `<Desk: 8 workflows, 2 automation rules>`.
    fn __repr__(&self) -> String {
        let document = self.inner.document();
        let workflows = itsm_core::workflow::Workflow::builtin_names()
            .iter()
            .filter(|n| !document.workflows.contains_key(**n))
            .count()
            + document.workflows.len();
        format!(
            "<Desk: {workflows} workflows, {} automation rules>",
            document.automation.rules().len()
        )
    }

    /// Pickles as `Desk.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().to_json())
    }
}

/// One record event given as Python data or JSON text, read and checked by
/// the core: its document as Python data.
#[pyfunction]
pub fn read_event<'py>(document: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let py = document.py();
    let event = match document.cast::<PyString>() {
        Ok(text) => record::RecordEvent::from_json(text.to_str()?),
        Err(_) => {
            mapping(document, "document")?;
            record::RecordEvent::from_value(&json::to_value(document, json::Kind::Input)?)
        }
    }
    .map_err(|e| core_error(py, &e))?;
    json::to_py(py, &event)
}

/// One record event's JSON text, read and checked by the core: its canonical
/// JSON text.
#[pyfunction]
pub fn read_event_json(py: Python<'_>, text: &str) -> PyResult<String> {
    record::RecordEvent::from_json(text)
        .map(|event| event.to_json())
        .map_err(|e| core_error(py, &e))
}

/// A shipped automation rule by name (see `automation_template_names`), as
/// Python data for a desk's `automation` list.
#[pyfunction]
pub fn automation_template<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    match itsm_core::automation::template(name) {
        Ok(rule) => json::to_py(py, &rule),
        Err(error) => Err(core_error(py, &error)),
    }
}

/// The names of the shipped automation rules.
#[pyfunction]
pub fn automation_template_names() -> Vec<&'static str> {
    itsm_core::automation::template_names().to_vec()
}

/// A `TypeError` unless `arg` is a mapping.
fn mapping(arg: &Bound<'_, PyAny>, name: &str) -> PyResult<()> {
    match arg.cast::<PyMapping>() {
        Ok(_) => Ok(()),
        Err(_) => Err(PyTypeError::new_err(format!(
            "argument `{name}`: expected a dict, found {}",
            type_name(arg)
        ))),
    }
}

/// The argument `command`: a dict in the shape of the core's `Command`.
fn command_arg(command: &Bound<'_, PyAny>) -> PyResult<Command> {
    let py = command.py();
    mapping(command, "command")?;
    let value = json::to_value_at(command, json::Kind::Argument, "command")?;
    Command::from_value(&value).map_err(|e| core_error(py, &e))
}

/// The argument `events`: an iterable of event documents (a list, a tuple, a
/// generator; not a str, bytes or a mapping), as JSON data for the core to
/// read (a bad value is named `[i].<path>`).
fn events_arg(events: &Bound<'_, PyAny>) -> PyResult<Value> {
    let single = events.cast::<PyString>().is_ok()
        || events.cast::<PyBytes>().is_ok()
        || events.cast::<PyMapping>().is_ok();
    let items = match single {
        true => None,
        false => events.try_iter().ok(),
    };
    let Some(items) = items else {
        return Err(PyTypeError::new_err(format!(
            "argument `events`: expected a list of events, found {}",
            type_name(events)
        )));
    };
    let list = PyList::new(events.py(), items.collect::<PyResult<Vec<_>>>()?)?;
    json::to_value(list.as_any(), json::Kind::Input)
}
