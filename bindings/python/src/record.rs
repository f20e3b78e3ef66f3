//! Records and automation: the classes `Desk` and `Record`, the readers of
//! record events, and the automation templates.
//!
//! A `Desk` judges commands against records; a `Record` is the fold of its
//! events. Inputs cross as Python data or JSON text: a record as an
//! `itsm.Record`, its document as a dict or as JSON text; a command as a dict
//! in the shape of the core's `Command` (a bad value is an
//! `InvalidArgumentError` named `command.<path>`); a context as for workflows
//! (`context.<path>`); events as a list of dicts or JSON text (a bad event is
//! an `InvalidInputError` naming `[i].<path>`). Answers cross as Python data
//! built from the core's `Outcome`, `Wakeup`, `RecordEvent` and `Record`
//! documents by the binding's serializer (`native.rs`); `execute_json`,
//! `wake_json` and `to_json` give the canonical text. The binding decides
//! nothing: every rule, and every error, is the core's.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use itsm_core::record::{self, Command, RecordEvent};
use itsm_core::{Error, automation};
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDateTime, PyMapping, PyString, PyTuple};
use serde_json::Value;

use crate::exceptions::core_error;
use crate::sla::Timeline;
use crate::workflow::{Workflow, context_arg};
use crate::{instant, json, py_instant, reduce, type_name};

/// The configuration records are judged by, and the one place commands are
/// decided (Python class `itsm.Desk`).
///
/// Immutable and safe to share between threads; the GIL is released while the
/// core decides.
#[pyclass(frozen, module = "itsm", name = "Desk")]
pub struct Desk {
    inner: record::Desk,
}

#[pymethods]
impl Desk {
    /// The default desk: the built-in workflows and the default rules.
    #[new]
    fn new() -> Self {
        Desk {
            inner: record::Desk::default(),
        }
    }

    /// Reads a desk document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
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

    /// The desk document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.inner.document())
    }

    /// The desk document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
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

    /// Judges `command` against `record` (`None` for `create` and `import`)
    /// in `context`: the outcome as Python data.
    fn execute<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        command: &Bound<'py, PyAny>,
        context: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let record = optional_record_arg(record)?;
        let command = command_arg(command)?;
        let context = context_arg(Some(context))?;
        let outcome = py
            .detach(|| {
                let record = record.map(RecordArg::load).transpose()?;
                self.inner.execute(record.as_deref(), &command, &context)
            })
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &outcome)
    }

    /// As `execute`, on JSON texts, answering the outcome's canonical JSON text.
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

    /// What time asks of `record` at `now` (the automation rules whose time
    /// trigger was met in `(since, now]`, the SLA evaluation, when to wake
    /// next), as Python data.
    #[pyo3(signature = (record, now, since = None))]
    fn wake<'py>(
        &self,
        py: Python<'py>,
        record: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
        since: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let record = record_arg(record, "record")?;
        let now = instant(now, "now")?;
        let since = optional_instant(since, "since")?;
        let wakeup = py
            .detach(|| {
                let record = record.load()?;
                self.inner.wake(&record, since, now)
            })
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &wakeup)
    }

    /// As `wake`, on the record's JSON text and RFC 3339 instants, answering
    /// the wakeup's canonical JSON text.
    #[pyo3(signature = (record_json, now, since = None))]
    fn wake_json(
        &self,
        py: Python<'_>,
        record_json: &str,
        now: &str,
        since: Option<&str>,
    ) -> PyResult<String> {
        py.detach(|| self.inner.wake_json(record_json, since, now))
            .map_err(|e| core_error(py, &e))
    }

    /// Equal when their documents are equal; `NotImplemented` for other types.
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

    /// `<Desk: 2 workflows, 3 automation rules>`: what the document adds to
    /// the defaults.
    fn __repr__(&self) -> String {
        let document = self.inner.document();
        format!(
            "<Desk: {} workflows, {} automation rules, {} major-incident rules>",
            document.workflows.len(),
            document.automation.rules().len(),
            document.major_incident.len()
        )
    }

    /// Pickles as `Desk.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().to_json())
    }
}

/// A record: an incident, problem, service request, change or task as the
/// fold of its events (Python class `itsm.Record`).
///
/// Immutable and safe to share between threads.
#[pyclass(frozen, module = "itsm", name = "Record")]
pub struct Record {
    inner: record::Record,
}

#[pymethods]
impl Record {
    /// Reads a record document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Input)?;
        let inner = py
            .detach(|| record::Record::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// Reads a record document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| record::Record::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// The record its events make: the first creates it, every other is
    /// applied in order.
    #[staticmethod]
    fn replay(events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = events.py();
        let events = events_arg(events)?;
        let inner = py
            .detach(|| record::Record::replay(&events.load()?))
            .map_err(|e| core_error(py, &e))?;
        Ok(Record { inner })
    }

    /// The record with `events` applied in order; this one is unchanged.
    fn apply(&self, events: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = events.py();
        let events = events_arg(events)?;
        let inner = py
            .detach(|| self.inner.apply(&events.load()?))
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

    /// The category of its state.
    #[getter]
    fn category<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.category())
    }

    /// Its fields now, `state` among them.
    #[getter]
    fn fields<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, self.inner.fields())
    }

    /// When it was created.
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
    #[getter]
    fn timeline(&self) -> Timeline {
        Timeline::wrap(self.inner.timeline().clone())
    }

    /// `<Record INC-1 (incident): in_progress, version 3>`.
    fn __repr__(&self) -> String {
        format!(
            "<Record {} ({}): {}, version {}>",
            self.inner.id(),
            self.inner.kind(),
            self.inner.state(),
            self.inner.version()
        )
    }

    /// Equal when their documents are equal; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Record>() {
            Ok(other) => (self.inner == other.get().inner).into_py_any(py),
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

/// A record argument: an `itsm.Record` (borrowed from the frozen object) or a
/// document to read.
enum RecordArg<'a> {
    /// An `itsm.Record`'s record.
    Ready(&'a record::Record),
    /// A document given as Python data.
    Data(Value),
    /// A document given as JSON text.
    Text(String),
}

impl<'a> RecordArg<'a> {
    /// The record, read by the core.
    fn load(self) -> Result<Cow<'a, record::Record>, Error> {
        match self {
            RecordArg::Ready(record) => Ok(Cow::Borrowed(record)),
            RecordArg::Data(value) => record::Record::from_value(&value).map(Cow::Owned),
            RecordArg::Text(text) => record::Record::from_json(&text).map(Cow::Owned),
        }
    }
}

/// The argument `name` as a record: an `itsm.Record`, a mapping or JSON text;
/// anything else is a `TypeError`.
fn record_arg<'a>(arg: &'a Bound<'_, PyAny>, name: &str) -> PyResult<RecordArg<'a>> {
    if let Ok(record) = arg.cast::<Record>() {
        return Ok(RecordArg::Ready(&record.get().inner));
    }
    if let Ok(text) = arg.cast::<PyString>() {
        return Ok(RecordArg::Text(text.to_str()?.to_owned()));
    }
    if arg.cast::<PyMapping>().is_ok() {
        return json::to_value(arg, json::Kind::Input).map(RecordArg::Data);
    }
    Err(PyTypeError::new_err(format!(
        "argument `{name}`: expected an itsm.Record, a dict or JSON text, found {}",
        type_name(arg)
    )))
}

/// The argument `record` of `execute`: `None`, or as [`record_arg`].
fn optional_record_arg<'a>(arg: &'a Bound<'_, PyAny>) -> PyResult<Option<RecordArg<'a>>> {
    if arg.is_none() {
        return Ok(None);
    }
    record_arg(arg, "record").map(Some)
}

/// The argument `command`: a mapping in the shape of the core's `Command`.
fn command_arg(command: &Bound<'_, PyAny>) -> PyResult<Command> {
    if command.cast::<PyMapping>().is_err() {
        return Err(PyTypeError::new_err(format!(
            "argument `command`: expected a dict, found {}",
            type_name(command)
        )));
    }
    let value = json::to_value_at(command, json::Kind::Argument, "command")?;
    Command::from_value(&value).map_err(|e| core_error(command.py(), &e))
}

/// An optional instant argument: `None` or an aware datetime.
fn optional_instant(arg: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<DateTime<Utc>>> {
    arg.filter(|a| !a.is_none())
        .map(|a| instant(a, name))
        .transpose()
}

/// Events given as Python data or JSON text, read by the core later.
enum EventsArg {
    /// A list of event documents as JSON data.
    Data(Value),
    /// A list of event documents as JSON text.
    Text(String),
}

impl EventsArg {
    /// The events, read by the core.
    fn load(self) -> Result<Vec<RecordEvent>, Error> {
        match self {
            EventsArg::Data(value) => record::events_from_value(&value),
            EventsArg::Text(text) => record::events_from_json(&text),
        }
    }
}

/// The argument `events`: JSON text, or Python data (a list or tuple of
/// event dicts).
fn events_arg(events: &Bound<'_, PyAny>) -> PyResult<EventsArg> {
    if let Ok(text) = events.cast::<PyString>() {
        return Ok(EventsArg::Text(text.to_str()?.to_owned()));
    }
    json::to_value(events, json::Kind::Input).map(EventsArg::Data)
}

/// Reads a list of record events from JSON text (a stored history, in order),
/// as Python data.
#[pyfunction]
pub fn events_from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    let events = py
        .detach(|| record::events_from_json(text))
        .map_err(|e| core_error(py, &e))?;
    json::to_py(py, &events)
}

/// One record event, given as Python data or JSON text, as its canonical JSON
/// text: what a host stores.
#[pyfunction]
pub fn event_to_json(event: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = event.py();
    let event = if let Ok(text) = event.cast::<PyString>() {
        let text = text.to_str()?.to_owned();
        py.detach(|| RecordEvent::from_json(&text))
    } else if event.cast::<PyMapping>().is_ok() {
        let value = json::to_value(event, json::Kind::Input)?;
        py.detach(|| RecordEvent::from_value(&value))
    } else {
        return Err(PyTypeError::new_err(format!(
            "argument `event`: expected a dict or JSON text, found {}",
            type_name(event)
        )));
    };
    event
        .map(|event| event.to_json())
        .map_err(|e| core_error(py, &e))
}

/// A shipped automation rule by name (see `AUTOMATION_TEMPLATES`), as Python
/// data for a desk's `automation` list.
#[pyfunction]
pub fn automation_template<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let Some(rule) = automation::template(name) else {
        let error = Error::invalid_argument(
            "name",
            format!(
                "no automation template {name:?}; the templates are {}",
                automation::template_names().join(", ")
            ),
        );
        return Err(core_error(py, &error));
    };
    json::to_py(py, &rule)
}

/// Adds `AUTOMATION_TEMPLATES`, the names `automation_template` knows, to the
/// module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let names = PyTuple::new(module.py(), automation::template_names())?;
    module.add("AUTOMATION_TEMPLATES", names)
}
