//! Documents crossing the boundary: Python data to JSON data, with the path of
//! every value for errors, and the core's serde documents to Python data.
//!
//! Python data in, value by value:
//!
//! | Python | JSON |
//! | --- | --- |
//! | `None`, NaN (float, numpy), `pd.NA`, `pd.NaT` | `null` |
//! | `bool`, `int` (64 bits), finite `float`, `str` | the same |
//! | aware `datetime` (any tzinfo; pandas `Timestamp`) | canonical instant `2026-11-23T09:00:00.000Z` |
//! | `date` | `"2026-11-23"` |
//! | `timedelta` (pandas `Timedelta`), not negative | ISO 8601 duration `PT1H30M`, `PT0.5S` |
//! | dict or other mapping with str keys; list, tuple | object; array |
//! | numpy scalar (`dtype`, `ndim == 0`, `item()`), `__index__`, `__float__` | its plain value |
//!
//! Sub-millisecond parts of datetimes and timedeltas are truncated, as for every
//! argument. pandas and numpy are recognised by duck typing, never imported.
//! Anything else (a `set`, a non-str key, an infinite float, an integer past 64
//! bits, a naive datetime, a negative timedelta, endless nesting) is an error at
//! the path of the bad value, in the core's `path: reason` form:
//! `invalid_config` in a configuration document, `invalid_input` in an input
//! document (a timeline, a record's fields), as the core reports a bad value in
//! the same place, and `invalid_argument` in an argument given as data (a
//! workflow's context).

use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{
    PyBool, PyDate, PyDateAccess, PyDateTime, PyDelta, PyDeltaAccess, PyDict, PyFloat, PyInt,
    PyList, PyMapping, PyString, PyTuple,
};
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::exceptions::core_error;
use crate::{NAIVE_REASON, type_name, utc_instant};

/// How deep a document may nest, as for JSON text (serde_json's limit), so that
/// a self-referencing dict is an error rather than a stack overflow.
const MAX_DEPTH: usize = 128;

/// Which error a bad value gives, as the core decides for the same document.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A configuration document (calendar, policy set, availability, period).
    Config,
    /// An input document (a timeline).
    Input,
    /// An argument given as data (a workflow's context), whose bad values are
    /// invalid arguments named by their path (`context.now`).
    Argument,
}

impl Kind {
    /// The core's error for a bad value at `path`.
    fn error(self, path: &str, reason: String) -> itsm_core::Error {
        let path = path.to_owned();
        match self {
            Kind::Config => itsm_core::Error::InvalidConfig { path, reason },
            Kind::Input => itsm_core::Error::InvalidInput { path, reason },
            Kind::Argument => itsm_core::Error::InvalidArgument { name: path, reason },
        }
    }
}

/// Why Python data could not be read as JSON data.
pub enum DataError {
    /// The data is not JSON data; the error names the path of the bad value.
    Invalid(itsm_core::Error),
    /// Python raised while the data was read (a mapping whose `items()` fails).
    Python(PyErr),
}

impl From<PyErr> for DataError {
    fn from(err: PyErr) -> Self {
        DataError::Python(err)
    }
}

impl DataError {
    /// The Python exception: the core's exception class for invalid data.
    pub fn into_py_err(self, py: Python<'_>) -> PyErr {
        match self {
            DataError::Invalid(error) => core_error(py, &error),
            DataError::Python(err) => err,
        }
    }
}

/// Python data as JSON data, raising the core's exception of `kind` for data
/// JSON cannot hold.
pub fn to_value(data: &Bound<'_, PyAny>, kind: Kind) -> PyResult<Value> {
    try_to_value(data, kind).map_err(|e| e.into_py_err(data.py()))
}

/// Python data as JSON data, keeping data errors apart from Python exceptions.
pub fn try_to_value(data: &Bound<'_, PyAny>, kind: Kind) -> Result<Value, DataError> {
    convert(data, kind, &mut String::new(), 0)
}

/// Python data as JSON data, as [`to_value`], for data that is part of a larger
/// whole at `path` (an argument such as `fields`): errors name `path.key`.
pub fn to_value_at(data: &Bound<'_, PyAny>, kind: Kind, path: &str) -> PyResult<Value> {
    convert(data, kind, &mut path.to_owned(), 0).map_err(|e| e.into_py_err(data.py()))
}

/// Python data as JSON data; `path` locates `value` in the document, for errors.
fn convert(
    value: &Bound<'_, PyAny>,
    kind: Kind,
    path: &mut String,
    depth: usize,
) -> Result<Value, DataError> {
    let invalid = |path: &str, reason: String| DataError::Invalid(kind.error(path, reason));
    if depth > MAX_DEPTH {
        return Err(invalid(
            path,
            format!("nested deeper than {MAX_DEPTH} levels"),
        ));
    }
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if value.cast::<PyInt>().is_ok() {
        if let Ok(i) = value.extract::<i64>() {
            return Ok(Value::from(i));
        }
        if let Ok(u) = value.extract::<u64>() {
            return Ok(Value::from(u));
        }
        return Err(invalid(
            path,
            format!("integer {} does not fit in 64 bits", value.repr()?),
        ));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        // NaN is how pandas and numpy write a missing number: absent, like None.
        if f.value().is_nan() {
            return Ok(Value::Null);
        }
        return match Number::from_f64(f.value()) {
            Some(number) => Ok(Value::Number(number)),
            None => Err(invalid(
                path,
                format!("{} is not a finite number", value.repr()?),
            )),
        };
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    // Containers before the checks by type name: they are most values.
    if let Ok(dict) = value.cast::<PyDict>() {
        return object(dict.iter(), kind, path, depth);
    }
    if let Ok(list) = value.cast::<PyList>() {
        return array(list.iter(), kind, path, depth);
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        return array(tuple.iter(), kind, path, depth);
    }
    if pandas_missing(value)? {
        return Ok(Value::Null);
    }
    if let Ok(datetime) = value.cast::<PyDateTime>() {
        let what = display_path(path);
        return match utc_instant(datetime, what)? {
            Some(instant) => Ok(Value::String(itsm_core::format_instant(instant))),
            None => Err(invalid(path, NAIVE_REASON.to_owned())),
        };
    }
    if let Ok(delta) = value.cast::<PyDelta>() {
        return match duration_text(delta) {
            Some(text) => Ok(Value::String(text)),
            None => Err(invalid(
                path,
                format!("a duration must not be negative, found {}", value.repr()?),
            )),
        };
    }
    if let Ok(date) = value.cast::<PyDate>() {
        let text = format!(
            "{:04}-{:02}-{:02}",
            date.get_year(),
            date.get_month(),
            date.get_day()
        );
        return Ok(Value::String(text));
    }
    if let Ok(mapping) = value.cast::<PyMapping>() {
        let items = mapping.items()?;
        let pairs = items
            .iter()
            .map(|item| item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>())
            .collect::<PyResult<Vec<_>>>()?;
        return object(pairs.into_iter(), kind, path, depth);
    }
    if let Some(plain) = plain_scalar(value)? {
        return convert(&plain, kind, path, depth + 1);
    }
    Err(invalid(
        path,
        format!(
            "expected JSON data (dict, list, tuple, str, int, float, bool or None), a \
             datetime, date, timedelta or numpy scalar, found {}",
            type_name(value)
        ),
    ))
}

/// The path as the core displays it: `(document)` for the document itself.
fn display_path(path: &str) -> &str {
    if path.is_empty() { "(document)" } else { path }
}

/// Whether `value` is pandas' missing value `pd.NA` or `pd.NaT`, recognised by
/// its type's name and module, without importing pandas.
fn pandas_missing(value: &Bound<'_, PyAny>) -> PyResult<bool> {
    let py = value.py();
    let class = value.get_type();
    let name = class.name()?;
    if name != "NAType" && name != "NaTType" {
        return Ok(false);
    }
    let module = class.getattr(intern!(py, "__module__"))?;
    Ok(module.extract::<String>()?.starts_with("pandas"))
}

/// A scalar of another library as a plain Python value, by duck typing: a
/// numpy scalar (or any zero-dimensional value with a `dtype`) through `item()`,
/// then anything with `__index__` as an int and with `__float__` as a float.
/// `None` when `value` is none of these.
fn plain_scalar<'py>(value: &Bound<'py, PyAny>) -> PyResult<Option<Bound<'py, PyAny>>> {
    let py = value.py();
    if value.hasattr(intern!(py, "dtype"))? && value.hasattr(intern!(py, "item"))? {
        let ndim = value.getattr(intern!(py, "ndim")).ok();
        if ndim.is_some_and(|n| n.extract::<i64>().ok() == Some(0)) {
            return Ok(Some(value.call_method0(intern!(py, "item"))?));
        }
    }
    if value.hasattr(intern!(py, "__index__"))? {
        let operator = py.import(intern!(py, "operator"))?;
        return Ok(Some(operator.call_method1(intern!(py, "index"), (value,))?));
    }
    if value.hasattr(intern!(py, "__float__"))? {
        let float = py.get_type::<PyFloat>();
        return Ok(Some(float.call1((value,))?));
    }
    Ok(None)
}

/// A `timedelta` as an ISO 8601 duration of hours, minutes and seconds, in
/// whole milliseconds (sub-millisecond parts are truncated, as for every
/// duration): `PT1H30M`, `PT0.5S`, `PT0S`. `None` when it is negative.
fn duration_text(delta: &Bound<'_, PyDelta>) -> Option<String> {
    // 128 bits: `timedelta.max` in microseconds overflows 64.
    let micros = i128::from(delta.get_days()) * 86_400_000_000
        + i128::from(delta.get_seconds()) * 1_000_000
        + i128::from(delta.get_microseconds());
    if micros < 0 {
        return None;
    }
    let millis = micros / 1_000;
    let (hours, minutes) = (millis / 3_600_000, millis / 60_000 % 60);
    let (seconds, fraction) = (millis / 1_000 % 60, millis % 1_000);
    let mut text = String::from("PT");
    if hours > 0 {
        text.push_str(&format!("{hours}H"));
    }
    if minutes > 0 {
        text.push_str(&format!("{minutes}M"));
    }
    if fraction > 0 {
        let digits = format!("{fraction:03}");
        text.push_str(&format!("{seconds}.{}S", digits.trim_end_matches('0')));
    } else if seconds > 0 || millis == 0 {
        text.push_str(&format!("{seconds}S"));
    }
    Some(text)
}

/// The entries of a dict or mapping as a JSON object.
fn object<'py>(
    entries: impl Iterator<Item = (Bound<'py, PyAny>, Bound<'py, PyAny>)>,
    kind: Kind,
    path: &mut String,
    depth: usize,
) -> Result<Value, DataError> {
    let mut map = Map::new();
    let parent = path.len();
    for (key, item) in entries {
        let Ok(key) = key.cast::<PyString>() else {
            return Err(DataError::Invalid(kind.error(
                path,
                format!(
                    "keys must be strings, found {} {}",
                    type_name(&key),
                    key.repr()?
                ),
            )));
        };
        let key = key.to_str()?;
        if !path.is_empty() {
            path.push('.');
        }
        path.push_str(key);
        let value = convert(&item, kind, path, depth + 1)?;
        path.truncate(parent);
        map.insert(key.to_owned(), value);
    }
    Ok(Value::Object(map))
}

/// The items of a list or tuple as a JSON array.
fn array<'py>(
    items: impl Iterator<Item = Bound<'py, PyAny>>,
    kind: Kind,
    path: &mut String,
    depth: usize,
) -> Result<Value, DataError> {
    let parent = path.len();
    let mut values = Vec::new();
    for (index, item) in items.enumerate() {
        path.push_str(&format!("[{index}]"));
        values.push(convert(&item, kind, path, depth + 1)?);
        path.truncate(parent);
    }
    Ok(Value::Array(values))
}

/// A core document or result as Python data (see `native.rs`): dicts (keys in
/// the order the core writes them), lists, str, int, float, bool and None, with
/// instants as aware `datetime` in UTC and millisecond durations as `timedelta`.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    crate::native::to_py(py, value)
}
