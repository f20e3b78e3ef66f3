//! Documents crossing the boundary: Python data (dicts, lists, str, numbers,
//! bool, None) to JSON data, and the core's serde documents to Python data.
//!
//! Python data that JSON cannot hold (a `set`, a non-str key, NaN, an integer
//! past 64 bits, endless nesting) is an error at the path of the bad value, in
//! the core's `path: reason` form: `invalid_config` in a configuration document,
//! `invalid_input` in an input document (a timeline), as the core reports a bad
//! value in the same place.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyMapping, PyString, PyTuple};
use serde::Serialize;
use serde_json::{Map, Number, Value};

use crate::exceptions::core_error;
use crate::type_name;

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
}

impl Kind {
    /// The core's error for a bad value at `path`.
    fn error(self, path: &str, reason: String) -> itsm_core::Error {
        let path = path.to_owned();
        match self {
            Kind::Config => itsm_core::Error::InvalidConfig { path, reason },
            Kind::Input => itsm_core::Error::InvalidInput { path, reason },
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
    if let Ok(dict) = value.cast::<PyDict>() {
        return object(dict.iter(), kind, path, depth);
    }
    if let Ok(list) = value.cast::<PyList>() {
        return array(list.iter(), kind, path, depth);
    }
    if let Ok(tuple) = value.cast::<PyTuple>() {
        return array(tuple.iter(), kind, path, depth);
    }
    if let Ok(mapping) = value.cast::<PyMapping>() {
        let items = mapping.items()?;
        let pairs = items
            .iter()
            .map(|item| item.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>())
            .collect::<PyResult<Vec<_>>>()?;
        return object(pairs.into_iter(), kind, path, depth);
    }
    Err(invalid(
        path,
        format!(
            "expected JSON data (dict, list, tuple, str, int, float, bool or None), found {}",
            type_name(value)
        ),
    ))
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

/// A core document or result as Python data, straight from its serde form:
/// dicts (keys in the order the core writes them), lists, str, int, float, bool
/// and None.
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, value)?)
}
