//! Python bindings of `itsm-core`: the extension module `itsm._itsm`, re-exported
//! by the pure-Python package `itsm` (see `python/itsm/__init__.py`).
//!
//! The boundary rules, the same for every function:
//! - datetimes in: any aware `datetime.datetime`, whatever its `tzinfo`
//!   (`timezone.utc`, `zoneinfo.ZoneInfo`, other implementations), converted to UTC
//!   through its `utcoffset()`; a naive datetime is an `InvalidArgumentError`,
//!   anything else a `TypeError`;
//! - datetimes out: aware, with `tzinfo=timezone.utc`;
//! - `timedelta` in: handed to the core with microsecond precision, which
//!   rejects negative durations and truncates sub-millisecond parts;
//! - documents in (calendars, policy sets, timelines, availability, periods,
//!   batch records, priority matrices, workflows, desks, a record's fields, a
//!   workflow's context, commands, record documents and events, metrics
//!   documents and the records they read): Python data (dicts or other
//!   mappings, lists, tuples, str, int, float, bool, None) or JSON text;
//!   inside the data, aware datetimes (pandas `Timestamp` too) become
//!   canonical instants, dates `YYYY-MM-DD`, non-negative timedeltas ISO 8601
//!   durations (`PT1H30M`), numpy scalars plain values, and NaN, `pd.NA` and
//!   `pd.NaT` null (see `json.rs`); anything else, a naive datetime or a
//!   negative timedelta is an `InvalidConfigError` (an `InvalidInputError` in
//!   a timeline, a record's fields, a record, an event or the records of
//!   metrics, an `InvalidArgumentError` in a context or a command) naming its
//!   path;
//! - documents and results out: Python data built from the core's serde
//!   documents (see `native.rs`): instants as aware datetimes in UTC, the
//!   millisecond durations of results as `timedelta` (the figures of a
//!   metrics report, numerators over denominators, stay ints; its ages and
//!   times up and down are durations); the JSON text
//!   methods give the canonical text;
//! - core errors: one exception class per error code (see [`exceptions`]), with
//!   the core's message unchanged.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};
use itsm_core::calendar::WorkingDayMode;
use pyo3::exceptions::{PyOverflowError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{
    PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyString, PyTimeAccess, PyTuple, PyTzInfo,
};
use pyo3::{IntoPyObjectExt, intern};

mod change;
pub mod exceptions;
mod json;
mod metrics;
mod native;
mod priority;
mod record;
mod service;
mod sla;
mod table;
mod workflow;

use exceptions::core_error;

/// More working days than the supported range of instants (1900-2300) holds.
/// Larger counts are clamped to it before they reach the core: the answer (an
/// out-of-range or no-working-time error) is the same for any count that large,
/// and the core's index arithmetic is not guarded against counts near `i64::MAX`.
const MAX_WORKING_DAYS: i64 = 1_000_000;

/// `(type(obj).from_json, (text,))`: how the document classes pickle.
pub(crate) fn reduce<'py>(obj: &Bound<'py, PyAny>, text: String) -> PyResult<Bound<'py, PyTuple>> {
    let py = obj.py();
    let constructor = obj.get_type().getattr(intern!(py, "from_json"))?;
    let args = PyTuple::new(py, [text])?;
    PyTuple::new(py, [constructor, args.into_any()])
}

/// The reason given for a naive datetime argument.
pub(crate) const NAIVE_REASON: &str =
    "naive datetime; pass an aware datetime such as datetime(..., tzinfo=timezone.utc)";

/// A business calendar, validated and ready for queries (Python class
/// `itsm.Calendar`).
///
/// Immutable and safe to share between threads; the GIL is released while the
/// core computes.
#[pyclass(frozen, module = "itsm", name = "Calendar")]
pub struct Calendar {
    inner: itsm_core::Calendar,
}

#[pymethods]
impl Calendar {
    /// Reads a calendar document given as Python data (a dict with str keys,
    /// lists or tuples, str, int, float, bool, None).
    #[staticmethod]
    fn from_dict(document: &Bound<'_, PyAny>) -> PyResult<Self> {
        let py = document.py();
        let value = json::to_value(document, json::Kind::Config)?;
        let inner = py
            .detach(|| itsm_core::Calendar::from_value(&value))
            .map_err(|e| core_error(py, &e))?;
        Ok(Calendar { inner })
    }

    /// Reads a calendar document from JSON text.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        let inner = py
            .detach(|| itsm_core::Calendar::from_json(text))
            .map_err(|e| core_error(py, &e))?;
        Ok(Calendar { inner })
    }

    /// Always open, in UTC: the calendar of wall-clock durations.
    #[staticmethod]
    fn twenty_four_seven() -> Self {
        Calendar {
            inner: itsm_core::Calendar::twenty_four_seven(),
        }
    }

    /// The calendar document as Python data; `from_dict` reads it back.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        json::to_py(py, &self.inner.to_value())
    }

    /// The calendar document as compact JSON text; `from_json` reads it back.
    fn to_json(&self) -> String {
        self.inner.to_json()
    }

    /// The IANA name of the zone whose local dates are the calendar's days.
    #[getter]
    fn time_zone(&self) -> &'static str {
        self.inner.time_zone().name()
    }

    /// The business duration from `start[i]` to `end[i]` for every row of two
    /// timestamp columns with a time zone (pyarrow arrays, polars Series): a
    /// `pyarrow` duration array in milliseconds, null where either is null.
    fn business_duration_array<'py>(
        &self,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        table::calendar_columns(&self.inner, start, end, false)
    }

    /// `start[i]` moved by `duration[i]` of business time for every row (due
    /// dates): a `pyarrow` UTC timestamp array. Durations are a duration array
    /// or integer milliseconds.
    fn add_business_array<'py>(
        &self,
        start: &Bound<'py, PyAny>,
        duration: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        table::calendar_columns(&self.inner, start, duration, true)
    }

    /// `Calendar.from_json('...')`: evaluates back to an equal calendar.
    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let text = PyString::new(py, &self.inner.to_json()).repr()?;
        Ok(format!("Calendar.from_json({text})"))
    }

    /// Equal when built from the same document; `NotImplemented` for other types.
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> PyResult<Py<PyAny>> {
        let py = other.py();
        match other.cast::<Calendar>() {
            Ok(other) => (self.inner == other.get().inner).into_py_any(py),
            Err(_) => Ok(py.NotImplemented()),
        }
    }

    /// Calendars compare by document, which may not be hashable in a way that
    /// agrees with equality cheaply: like `dict`, they are unhashable.
    #[classattr]
    fn __hash__(py: Python<'_>) -> Py<PyAny> {
        py.None()
    }

    /// Pickles as `Calendar.from_json(text)`.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        reduce(slf.as_any(), slf.get().inner.to_json())
    }

    /// Business time between two instants: the working time in `[start, end)`.
    fn business_duration<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDelta>> {
        let (start, end) = (instant(start, "start")?, instant(end, "end")?);
        let duration = py
            .detach(|| self.inner.business_duration(start, end))
            .map_err(|e| core_error(py, &e))?;
        py_delta(py, duration)
    }

    /// The due date: the earliest instant at which `duration` of business time
    /// has elapsed since `start`.
    fn add_business<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        duration: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDateTime>> {
        let (start, duration) = (instant(start, "start")?, delta(duration, "duration")?);
        let due = py
            .detach(|| self.inner.add_business(start, duration))
            .map_err(|e| core_error(py, &e))?;
        py_instant(py, due)
    }

    /// The latest instant from which `duration` of business time runs until `end`.
    fn subtract_business<'py>(
        &self,
        py: Python<'py>,
        end: &Bound<'py, PyAny>,
        duration: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDateTime>> {
        let (end, duration) = (instant(end, "end")?, delta(duration, "duration")?);
        let start = py
            .detach(|| self.inner.subtract_business(end, duration))
            .map_err(|e| core_error(py, &e))?;
        py_instant(py, start)
    }

    /// Adds `days` working days (negative: goes back).
    #[pyo3(signature = (start, days, mode = "keep_time_of_day"))]
    fn add_working_days<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        days: &Bound<'py, PyAny>,
        mode: &str,
    ) -> PyResult<Bound<'py, PyDateTime>> {
        let start = instant(start, "start")?;
        let days = working_days(days, "days")?;
        let mode = WorkingDayMode::parse(mode).map_err(|e| core_error(py, &e))?;
        let result = py
            .detach(|| self.inner.add_working_days(start, days, mode))
            .map_err(|e| core_error(py, &e))?;
        py_instant(py, result)
    }

    /// Whether `at` is working time.
    fn is_working(&self, py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<bool> {
        let at = instant(at, "at")?;
        py.detach(|| self.inner.is_working(at))
            .map_err(|e| core_error(py, &e))
    }

    /// The first working instant at or after `at`.
    fn next_opening<'py>(
        &self,
        py: Python<'py>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDateTime>> {
        let at = instant(at, "at")?;
        let opening = py
            .detach(|| self.inner.next_opening(at))
            .map_err(|e| core_error(py, &e))?;
        py_instant(py, opening)
    }

    /// When the working time containing `at` (or the next one) ends; `None`
    /// when the calendar does not close within the search horizon.
    fn next_closing<'py>(
        &self,
        py: Python<'py>,
        at: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyDateTime>>> {
        let at = instant(at, "at")?;
        let closing = py
            .detach(|| self.inner.next_closing(at))
            .map_err(|e| core_error(py, &e))?;
        closing.map(|t| py_instant(py, t)).transpose()
    }

    /// The working intervals within `[start, end)`, clipped to it, in order.
    #[allow(clippy::type_complexity)]
    fn working_intervals<'py>(
        &self,
        py: Python<'py>,
        start: &Bound<'py, PyAny>,
        end: &Bound<'py, PyAny>,
    ) -> PyResult<Vec<(Bound<'py, PyDateTime>, Bound<'py, PyDateTime>)>> {
        let (start, end) = (instant(start, "start")?, instant(end, "end")?);
        let intervals = py
            .detach(|| self.inner.working_intervals(start, end))
            .map_err(|e| core_error(py, &e))?;
        intervals
            .into_iter()
            .map(|i| Ok((py_instant(py, i.start)?, py_instant(py, i.end)?)))
            .collect()
    }
}

/// The argument `name` as a UTC instant: any aware `datetime.datetime`.
pub(crate) fn instant(arg: &Bound<'_, PyAny>, name: &str) -> PyResult<DateTime<Utc>> {
    let Ok(datetime) = arg.cast::<PyDateTime>() else {
        return Err(PyTypeError::new_err(format!(
            "argument `{name}`: expected an aware datetime.datetime, found {}",
            type_name(arg)
        )));
    };
    utc_instant(datetime, &format!("argument `{name}`"))?.ok_or_else(|| {
        core_error(
            arg.py(),
            &itsm_core::Error::invalid_argument(name, NAIVE_REASON),
        )
    })
}

/// The instant of an aware datetime, in UTC; `None` when it is naive. `what`
/// names the datetime in the messages of the exceptions raised for a tzinfo
/// whose `utcoffset()` is not a timedelta or a datetime that cannot be
/// represented in UTC.
pub(crate) fn utc_instant(
    datetime: &Bound<'_, PyDateTime>,
    what: &str,
) -> PyResult<Option<DateTime<Utc>>> {
    let py = datetime.py();
    // `utcoffset()` is what `astimezone(timezone.utc)` uses, and it works for any
    // tzinfo (including ZoneInfo, with `fold`); subtracting it here rather than in
    // Python keeps datetimes near year 1 or 9999 from overflowing before the core
    // can report them as out of range.
    let offset = datetime.call_method0(intern!(py, "utcoffset"))?;
    if offset.is_none() {
        return Ok(None);
    }
    let offset = offset.cast_into::<PyDelta>().map_err(|_| {
        PyTypeError::new_err(format!(
            "{what}: its tzinfo's utcoffset() did not return a timedelta"
        ))
    })?;
    let wall = NaiveDate::from_ymd_opt(
        datetime.get_year(),
        u32::from(datetime.get_month()),
        u32::from(datetime.get_day()),
    )
    .and_then(|date| {
        date.and_hms_micro_opt(
            u32::from(datetime.get_hour()),
            u32::from(datetime.get_minute()),
            u32::from(datetime.get_second()),
            datetime.get_microsecond(),
        )
    });
    wall.zip(delta_value(&offset))
        .and_then(|(wall, offset)| wall.checked_sub_signed(offset))
        .map(|utc| Some(utc.and_utc()))
        .ok_or_else(|| {
            PyValueError::new_err(format!(
                "{what}: {} is not a representable datetime",
                datetime.repr().map(|r| r.to_string()).unwrap_or_default()
            ))
        })
}

/// The argument `name` as a count of working days: a Python int (or an object
/// with `__index__`) of any size, clamped to [`MAX_WORKING_DAYS`]. Extracting an
/// `i64` directly would turn a count past 64 bits into a bare `OverflowError`,
/// where every other very large count gets the core's answer.
fn working_days(arg: &Bound<'_, PyAny>, name: &str) -> PyResult<i64> {
    let py = arg.py();
    match arg.extract::<i64>() {
        Ok(days) => Ok(days.clamp(-MAX_WORKING_DAYS, MAX_WORKING_DAYS)),
        Err(e) if e.is_instance_of::<PyOverflowError>(py) => {
            let negative = py
                .import(intern!(py, "operator"))?
                .call_method1(intern!(py, "index"), (arg,))?
                .lt(0)?;
            Ok(if negative {
                -MAX_WORKING_DAYS
            } else {
                MAX_WORKING_DAYS
            })
        }
        Err(e) if e.is_instance_of::<PyTypeError>(py) => Err(PyTypeError::new_err(format!(
            "argument `{name}`: expected an int, found {}",
            type_name(arg)
        ))),
        Err(e) => Err(e),
    }
}

/// The argument `name` as a duration: a `datetime.timedelta`.
fn delta(arg: &Bound<'_, PyAny>, name: &str) -> PyResult<TimeDelta> {
    let Ok(value) = arg.cast::<PyDelta>() else {
        return Err(PyTypeError::new_err(format!(
            "argument `{name}`: expected a datetime.timedelta, found {}",
            type_name(arg)
        )));
    };
    delta_value(value)
        .ok_or_else(|| PyValueError::new_err(format!("argument `{name}`: timedelta out of range")))
}

/// A timedelta at microsecond precision; `None` only outside chrono's range,
/// which Python's timedelta range never reaches.
pub(crate) fn delta_value(value: &Bound<'_, PyDelta>) -> Option<TimeDelta> {
    let seconds = i64::from(value.get_days()) * 86_400 + i64::from(value.get_seconds());
    let nanos = u32::try_from(value.get_microseconds()).ok()? * 1_000;
    TimeDelta::new(seconds, nanos)
}

/// A UTC instant as an aware `datetime` with `tzinfo=timezone.utc`.
pub(crate) fn py_instant(py: Python<'_>, t: DateTime<Utc>) -> PyResult<Bound<'_, PyDateTime>> {
    let utc = PyTzInfo::utc(py)?;
    // Every field fits its type: chrono guarantees the ranges, and the core's
    // results lie in 1900-2300.
    PyDateTime::new(
        py,
        t.year(),
        t.month() as u8,
        t.day() as u8,
        t.hour() as u8,
        t.minute() as u8,
        t.second() as u8,
        t.nanosecond() / 1_000,
        Some(&utc),
    )
}

/// A duration as a normalized `timedelta`.
pub(crate) fn py_delta(py: Python<'_>, d: TimeDelta) -> PyResult<Bound<'_, PyDelta>> {
    const DAY_US: i64 = 86_400_000_000;
    let us = d
        .num_microseconds()
        .ok_or_else(|| PyValueError::new_err("duration out of range for timedelta"))?;
    let days = i32::try_from(us.div_euclid(DAY_US))
        .map_err(|_| PyValueError::new_err("duration out of range for timedelta"))?;
    let rest = us.rem_euclid(DAY_US);
    // Both parts are below one day, so they fit an i32.
    let (seconds, micros) = ((rest / 1_000_000) as i32, (rest % 1_000_000) as i32);
    PyDelta::new(py, days, seconds, micros, true)
}

/// The Python type name of `value`, for error messages.
pub(crate) fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "an object of unknown type".to_owned())
}

/// The version of the IANA time zone database embedded in this build.
#[pyfunction]
fn tz_version() -> &'static str {
    itsm_core::calendar::tz_version()
}

/// The extension module `itsm._itsm`.
#[pymodule]
mod _itsm {
    #[pymodule_export]
    use super::Calendar;
    #[pymodule_export]
    use super::change::{ChangeWindows, RiskPolicy, Schedule};
    #[pymodule_export]
    use super::metrics::Metrics;
    #[pymodule_export]
    use super::priority::PriorityMatrix;
    #[pymodule_export]
    use super::record::{
        Desk, Record, automation_template, automation_template_names, read_event, read_event_json,
    };
    #[pymodule_export]
    use super::service::ServiceGraph;
    #[pymodule_export]
    use super::sla::{Availability, PolicySet, Timeline, sla_template, waiting_for_customer};
    #[pymodule_export]
    use super::tz_version;
    #[pymodule_export]
    use super::workflow::Workflow;

    use pyo3::prelude::*;

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        super::exceptions::register(m)?;
        super::sla::register(m)?;
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        Ok(())
    }
}
