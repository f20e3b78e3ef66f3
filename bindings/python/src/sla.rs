//! SLA clocks and availability: the classes `Timeline`, `PolicySet` and
//! `Availability`, and the built-in templates.
//!
//! Results cross the boundary as Python data built from the core's serde
//! documents (`Evaluation`, `BatchItem`, `AvailabilityReport`, `Finding`) by
//! the binding's serializer (`native.rs`): instants as aware `datetime` in UTC,
//! millisecond durations as `timedelta`, percentages floats; `evaluate_json`
//! gives the canonical text. Batch items and error documents are
//! the core's; the binding builds none of its own. Every method that takes a
//! timeline also takes its document as a dict (any mapping) or as JSON text.

use chrono::{DateTime, Utc};
use itsm_core::Error;
use itsm_core::sla::{self, BatchItem, EvaluateOptions};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyDateTime, PyList, PyMapping, PyString, PyTuple};
use pyo3::{IntoPyObjectExt, intern};
use serde_json::Value;

use crate::exceptions::core_error;
use crate::json::{self, DataError};
use crate::{instant, py_instant, reduce, type_name};

/// A record's history: its fields when created and every event since, in time
/// order (Python class `itsm.Timeline`). The input of SLA evaluation.
///
/// Immutable and safe to share between threads.
#[pyclass(frozen, module = "itsm", name = "Timeline")]
pub struct Timeline {
    inner: itsm_core::Timeline,
}

impl Timeline {
    /// A timeline already read (a record's history).
    pub(crate) fn new(inner: itsm_core::Timeline) -> Self {
        Timeline { inner }
    }
}

#[pymethods]
impl Timeline {
    /// Reads a timeline document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Input)?;
        let inner = py
            .detach(|| itsm_core::Timeline::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(Timeline { inner })
    }

    /// Reads a timeline document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| itsm_core::Timeline::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(Timeline { inner })
    }

    /// The timeline document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner)
    }

    /// The timeline document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The record's id.
    #[getter]
    fn id(&self) -> &str {
        self.inner.id()
    }

    /// When the record was created, as an aware datetime in UTC.
    #[getter]
    fn created_at<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDateTime>> {
        py_instant(py, self.inner.created_at())
    }

    /// `Timeline.from_json('...')`: evaluates back to an equal timeline.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("Timeline.from_json({text})"))
    }

    /// Equal when they hold the same history; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Timeline>() {
            Ok(other) => (self.inner == other.get().inner).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `Timeline.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().to_json())
    }
}

/// A timeline given as data, read by the core later (without the GIL).
enum Source {
    /// Already read: a clone of an `itsm.Timeline`'s history.
    Ready(itsm_core::Timeline),
    /// A document given as Python data.
    Data(Value),
    /// A document given as JSON text.
    Text(String),
    /// Python data that is not JSON data, with its `id` when it has a str one.
    Invalid(Option<String>, Error),
}

impl Source {
    /// The timeline, read by the core.
    fn load(self) -> Result<itsm_core::Timeline, Error> {
        match self {
            Source::Ready(timeline) => Ok(timeline),
            Source::Data(value) => itsm_core::Timeline::from_value(&value),
            Source::Text(text) => itsm_core::Timeline::from_json(&text),
            Source::Invalid(_, error) => Err(error),
        }
    }
}

/// A timeline argument: an `itsm.Timeline` (borrowed) or a document.
enum Arg<'a> {
    /// An `itsm.Timeline`'s history, borrowed from the frozen object.
    Object(&'a itsm_core::Timeline),
    /// A document to read.
    Document(Source),
}

/// The argument `name` as a timeline: an `itsm.Timeline`, a mapping or JSON text;
/// anything else is a `TypeError`.
fn timeline_arg<'a>(arg: &'a Bound<'_, PyAny>, name: &str) -> PyResult<Arg<'a>> {
    let py = arg.py();
    if let Ok(timeline) = arg.cast::<Timeline>() {
        return Ok(Arg::Object(&timeline.get().inner));
    }
    if let Ok(text) = arg.cast::<PyString>() {
        return Ok(Arg::Document(Source::Text(text.to_str()?.to_owned())));
    }
    if arg.cast::<PyMapping>().is_ok() {
        return match json::try_to_value(arg, json::Kind::Input) {
            Ok(value) => Ok(Arg::Document(Source::Data(value))),
            Err(DataError::Invalid(error)) => {
                let id = arg
                    .get_item(intern!(py, "id"))
                    .ok()
                    .and_then(|id| id.extract::<String>().ok());
                Ok(Arg::Document(Source::Invalid(id, error)))
            }
            Err(DataError::Python(err)) => Err(err),
        };
    }
    Err(PyTypeError::new_err(format!(
        "argument `{name}`: expected an itsm.Timeline, a dict or JSON text, found {}",
        type_name(arg)
    )))
}

/// A set of SLA policies with the calendars their clocks count in (Python class
/// `itsm.PolicySet`).
///
/// Immutable and safe to share between threads; the GIL is released while the
/// core evaluates.
#[pyclass(frozen, module = "itsm", name = "PolicySet")]
pub struct PolicySet {
    inner: sla::PolicySet,
}

impl PolicySet {
    /// Reads a policy set document given as JSON data, without the GIL.
    fn read(py: Python<'_>, value: &Value) -> PyResult<Self> {
        let inner = py
            .detach(|| sla::PolicySet::from_value(value))
            .map_err(|e| core_error(py, &e))?;
        Ok(PolicySet { inner })
    }
}

#[pymethods]
impl PolicySet {
    /// Reads a policy set document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let value = json::to_value(document, json::Kind::Config)?;
        PolicySet::read(document.py(), &value)
    }

    /// Reads a policy set document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| sla::PolicySet::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(PolicySet { inner })
    }

    /// The policy set of a built-in template (see `SLA_TEMPLATES`).
    #[staticmethod]
    fn template(py: Python<'_>, name: &str) -> PyResult<Self> {
        let document = sla::template(name).map_err(|e| core_error(py, &e))?;
        PolicySet::read(py, &document)
    }

    /// The policy set document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner)
    }

    /// The policy set document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_value().to_string()
    }

    /// The ids of the policies, in document order.
    #[getter]
    fn policy_ids(&self) -> Vec<String> {
        self.inner.policies().iter().map(|p| p.id.clone()).collect()
    }

    /// The linter's findings: configurations that load but are almost certainly
    /// not what was meant, as dicts with `path`, `code` and `message`.
    fn lint<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.lint())
    }

    /// Evaluates one record at `now`: the evaluation's JSON form as Python data.
    /// `explain=False` leaves the explanations empty; `strict=True` refuses a
    /// record that would give warnings (`InvalidInputError` naming the value's
    /// path).
    #[pyo3(signature = (timeline, now, *, explain = true, strict = false))]
    fn evaluate<'py>(
        &self,
        py: Python<'py>,
        timeline: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
        explain: bool,
        strict: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let evaluation = self.evaluation(timeline, now, EvaluateOptions { explain, strict })?;
        json::to_py(py, &evaluation)
    }

    /// As `evaluate`, returning the core's canonical JSON text of the
    /// evaluation: compact, keys sorted, the same bytes in every language.
    /// Store it, or compare it byte for byte.
    #[pyo3(signature = (timeline, now, *, explain = true, strict = false))]
    fn evaluate_json(
        &self,
        timeline: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
        explain: bool,
        strict: bool,
    ) -> PyResult<String> {
        let evaluation = self.evaluation(timeline, now, EvaluateOptions { explain, strict })?;
        Ok(evaluation.to_json())
    }

    /// Evaluates many records at the same `now`: the core's batch items,
    /// `{"index", "record", "evaluation"}` or `{"index", "record", "error"}`
    /// with the core's error document, one per record in order. `explain=False`
    /// leaves the explanations empty, which makes large batches much cheaper.
    #[pyo3(signature = (timelines, now, *, explain = true, strict = false))]
    fn evaluate_batch<'py>(
        &self,
        py: Python<'py>,
        timelines: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
        explain: bool,
        strict: bool,
    ) -> PyResult<Bound<'py, PyList>> {
        let sources = batch_sources(timelines)?;
        let now = instant(now, "now")?;
        // `now` is the same for every record: out of range, it fails the call.
        itsm_core::instant_from_millis(now.timestamp_millis()).map_err(|e| core_error(py, &e))?;
        let items = py.detach(|| {
            let options = EvaluateOptions { explain, strict };
            sources
                .into_iter()
                .enumerate()
                .map(|(index, source)| self.batch_item(index, source, now, options))
                .collect::<Vec<BatchItem>>()
        });
        Ok(json::to_py(py, &items)?.cast_into::<PyList>()?)
    }

    /// Evaluates a whole table at `now` and answers a `pyarrow.Table` with one
    /// row per ticket and clock: status, elapsed, remaining and paused time
    /// (durations), deadline and breach (UTC timestamps), percent, the
    /// thresholds crossed, `next_wakeup`, and the error of a ticket that could
    /// not be evaluated. The table is any Arrow stream producer (pyarrow
    /// Table or RecordBatchReader, polars DataFrame, DuckDB result; pandas
    /// through `pyarrow.Table.from_pandas`). `options` (a `TableOptions` dict)
    /// names its shape (`"tickets"`, `"events"` or `"snapshots"`), its
    /// columns, and how a real export reads in the policy's terms (field
    /// names, value mappings, null marker, order, out of order, strictness).
    /// `threads` splits the tickets shape across threads. The GIL is released. The
    /// summary (met, breached, at risk, compliance) is `itsm.table_summary(result)`.
    #[pyo3(signature = (table, now, *, options = None, threads = 1))]
    fn evaluate_table<'py>(
        &self,
        table: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
        options: Option<&Bound<'py, PyAny>>,
        threads: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        crate::table::evaluate_table(&self.inner, table, now, options, threads)
    }

    /// Evaluates a table given as rows (a list of `TicketRow` dicts, or with
    /// `options={"shape": "events"}` or `"snapshots"` of `EventRow` or
    /// `SnapshotRow` dicts) at `now`: the
    /// `TableResult`, `{"rows": [...], "summary": {...}}`, as Python data. The
    /// same answer as `evaluate_table` on the same tickets, for data that is
    /// not a table; tables are far faster through `evaluate_table`.
    #[pyo3(signature = (rows, now, *, options = None))]
    fn evaluate_rows<'py>(
        &self,
        rows: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
        options: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let py = rows.py();
        let now = instant(now, "now")?;
        let options = crate::table::table_options(options)?;
        let rows = json::to_value_at(rows, json::Kind::Input, "rows")?;
        let result = py
            .detach(|| self.inner.evaluate_rows(&rows, now, &options))
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &result)
    }

    /// The names of every field the set reads, `state` first: the attribute
    /// columns a table must have for the set to see them.
    fn fields_read(&self) -> Vec<String> {
        self.inner
            .fields_read()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// Equal when their documents (`to_dict()`) are equal; `NotImplemented` for
    /// other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<PolicySet>() {
            Ok(other) => (self.inner.to_value() == other.get().inner.to_value()).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Unhashable, like `dict`.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// `<PolicySet: incident_p1, incident_p2>`: the policy ids.
    fn __repr__(&self) -> String {
        format!("<PolicySet: {}>", self.policy_ids().join(", "))
    }

    /// Pickles as `PolicySet.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().to_json())
    }
}

impl PolicySet {
    /// One record evaluated without the GIL, its timeline read from whatever
    /// the caller gave.
    fn evaluation(
        &self,
        timeline: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
        options: EvaluateOptions,
    ) -> PyResult<itsm_core::sla::Evaluation> {
        let py = timeline.py();
        let arg = timeline_arg(timeline, "timeline")?;
        let now = instant(now, "now")?;
        py.detach(|| {
            let owned;
            let timeline = match arg {
                Arg::Object(timeline) => timeline,
                Arg::Document(source) => {
                    owned = source.load()?;
                    &owned
                }
            };
            self.inner.evaluate_with(timeline, now, options)
        })
        .map_err(|e| core_error(py, &e))
    }

    /// The core's batch item for the record at `index`. Documents go through
    /// the core's batch call, which reads the timeline and keeps the record's
    /// id even when the document is bad; a timeline already read, or Python
    /// data the binding could not turn into JSON data, through
    /// `BatchItem::new`.
    fn batch_item(
        &self,
        index: usize,
        source: Source,
        now: DateTime<Utc>,
        options: EvaluateOptions,
    ) -> BatchItem {
        let evaluate =
            |timeline: itsm_core::Timeline| self.inner.evaluate_with(&timeline, now, options);
        let document = match source {
            Source::Ready(timeline) => {
                let id = timeline.id().to_owned();
                return BatchItem::new(index, Some(&id), evaluate(timeline));
            }
            Source::Invalid(id, error) => return BatchItem::new(index, id.as_deref(), Err(error)),
            Source::Data(value) => value,
            Source::Text(text) => match serde_json::from_str::<Value>(&text) {
                Ok(value) => value,
                // Not JSON: the core's reader says why; no id can be read.
                Err(_) => {
                    let outcome = itsm_core::Timeline::from_json(&text).and_then(evaluate);
                    return BatchItem::new(index, None, outcome);
                }
            },
        };
        let item = self
            .inner
            .evaluate_documents([&document], now, options)
            .pop();
        match item {
            Some(item) => BatchItem { index, ..item },
            // One document in, one item out; never reached.
            None => {
                let outcome = itsm_core::Timeline::from_value(&document).and_then(evaluate);
                BatchItem::new(index, None, outcome)
            }
        }
    }
}

/// The items of the argument `timelines` as owned sources: any iterable of
/// timelines but a str, bytes, a mapping or a single timeline.
fn batch_sources(timelines: &Bound<'_, PyAny>) -> PyResult<Vec<Source>> {
    if timelines.hasattr(intern!(timelines.py(), "__arrow_c_stream__"))?
        || timelines.hasattr(intern!(timelines.py(), "to_arrow"))?
        || timelines.hasattr(intern!(timelines.py(), "iterrows"))?
    {
        return Err(PyTypeError::new_err(format!(
            "argument `timelines`: a table ({}) is not a sequence of timelines; evaluate it with PolicySet.evaluate_table",
            type_name(timelines)
        )));
    }
    let single = timelines.cast::<PyString>().is_ok()
        || timelines.cast::<PyBytes>().is_ok()
        || timelines.cast::<PyByteArray>().is_ok()
        || timelines.cast::<PyMapping>().is_ok()
        || timelines.cast::<Timeline>().is_ok();
    let items = match single {
        true => None,
        false => timelines.try_iter().ok(),
    };
    let Some(items) = items else {
        return Err(PyTypeError::new_err(format!(
            "argument `timelines`: expected a sequence of timelines, found {}",
            type_name(timelines)
        )));
    };
    let mut sources = Vec::new();
    for (index, item) in items.enumerate() {
        let item = item?;
        let source = match timeline_arg(&item, &format!("timelines[{index}]"))? {
            Arg::Object(timeline) => Source::Ready(timeline.clone()),
            Arg::Document(source) => source,
        };
        sources.push(source);
    }
    Ok(sources)
}

/// A service's availability input: service hours, a target, outages and
/// maintenance windows (Python class `itsm.Availability`).
///
/// Immutable and safe to share between threads.
#[pyclass(frozen, module = "itsm", name = "Availability")]
pub struct Availability {
    inner: sla::Availability,
    /// The document it was read from, for `to_dict` and pickling.
    document: Value,
}

#[pymethods]
impl Availability {
    /// Reads an availability document given as Python data.
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let document = json::to_value(document, json::Kind::Config)?;
        let inner = py
            .detach(|| sla::Availability::from_value(&document))
            .map_err(|e| core_error(py, &e))?;
        Ok(Availability { inner, document })
    }

    /// Reads an availability document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let read = py.detach(|| {
            let inner = sla::Availability::from_json(text)?;
            // The core read it, so it is JSON.
            let document = serde_json::from_str(text).unwrap_or(Value::Null);
            Ok::<_, Error>(Availability { inner, document })
        });
        read.map_err(|e| core_error(py, &e))
    }

    /// The document it was read from, as Python data, with the instants of its
    /// outages and maintenance windows as aware datetimes in UTC.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let dict = json::to_py(py, &self.document)?;
        for list in ["outages", "maintenance"] {
            let Some(Value::Array(windows)) = self.document.get(list) else {
                continue;
            };
            let items = dict.get_item(list)?;
            for (index, window) in windows.iter().enumerate() {
                for bound in ["start", "end"] {
                    // The core read the document, so every instant parses.
                    if let Some(Value::String(text)) = window.get(bound) {
                        let at = itsm_core::parse_instant(bound, text)
                            .map_err(|e| core_error(py, &e))?;
                        items
                            .get_item(index)?
                            .set_item(bound, py_instant(py, at)?)?;
                    }
                }
            }
        }
        Ok(dict)
    }

    /// The document it was read from, as compact JSON text.
    fn to_json(&self) -> String {
        self.document.to_string()
    }

    /// The availability report for `period` at `now`, as Python data.
    fn report<'py>(
        &self,
        py: Python<'py>,
        period: &Bound<'py, PyAny>,
        now: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let period = json::to_value(period, json::Kind::Config)?;
        let now = instant(now, "now")?;
        let report = py
            .detach(|| {
                let period = sla::Period::from_value(&period)?;
                self.inner.report(period, now)
            })
            .map_err(|e| core_error(py, &e))?;
        json::to_py(py, &report)
    }

    /// `Availability.from_json('...')`.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.to_json()).repr()?;
        Ok(format!("Availability.from_json({text})"))
    }

    /// Pickles as `Availability.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().to_json())
    }
}

/// A built-in policy set document by name (see `SLA_TEMPLATES`).
#[pyfunction]
pub fn sla_template<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    let document = sla::template(name).map_err(|e| core_error(py, &e))?;
    json::to_py(py, &document)
}

/// The pause condition "waiting for the customer": on hold with `hold_reason`
/// `awaiting_caller`.
#[pyfunction]
pub fn waiting_for_customer(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    json::to_py(py, &sla::waiting_for_customer())
}

/// Adds `SLA_TEMPLATES`, the names `sla_template` knows, to the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let names = PyTuple::new(module.py(), sla::TEMPLATES)?;
    module.add("SLA_TEMPLATES", names)
}
