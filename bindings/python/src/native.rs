//! The core's serde documents and results as Python values, built directly by a
//! `serde::Serializer` of the binding's own.
//!
//! Every value keeps its serde shape (dicts with keys in the order the core
//! writes them, lists, str, int, float, bool, None), except the two kinds of
//! value the core marks with a newtype name when it serializes:
//!
//! | core newtype | JSON (`to_json`, `evaluate_json`) | Python |
//! | --- | --- | --- |
//! | [`itsm_core::INSTANT_NEWTYPE`] | `"2026-11-23T09:00:00.000Z"` | aware `datetime`, `tzinfo=timezone.utc` |
//! | [`itsm_core::DURATION_MS_NEWTYPE`] | `5400000` | `timedelta(hours=1, minutes=30)` |
//!
//! Instants and durations are whole milliseconds, so the `datetime` and
//! `timedelta` are exact. JSON writers see through the newtypes, so the
//! canonical text is unchanged.

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};
use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use serde::ser::{self, Serialize};

use crate::{py_delta, py_instant};

/// `value` as Python data, instants as `datetime` and millisecond durations as
/// `timedelta` (see the module documentation).
pub fn to_py<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    value.serialize(Native { py }).map_err(|e| e.0)
}

/// Why a value could not be built: a Python exception, or serde's own error
/// (a `Serialize` implementation that fails) as a `ValueError`.
pub struct Error(PyErr);

impl From<PyErr> for Error {
    fn from(err: PyErr) -> Self {
        Error(err)
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

/// The serializer: builds Python values while the GIL is held.
#[derive(Clone, Copy)]
struct Native<'py> {
    py: Python<'py>,
}

type Result<'py> = std::result::Result<Bound<'py, PyAny>, Error>;

impl<'py> Native<'py> {
    /// Any Rust value pyo3 converts, as a Python object.
    fn any<T: IntoPyObjectExt<'py>>(self, value: T) -> Result<'py> {
        Ok(value.into_bound_py_any(self.py)?)
    }

    /// `{variant: value}`: serde's external tagging of enum variants.
    fn tagged(self, variant: &'static str, value: Bound<'py, PyAny>) -> Result<'py> {
        let dict = PyDict::new(self.py);
        dict.set_item(variant, value)?;
        Ok(dict.into_any())
    }

    /// The canonical text inside an instant newtype, as a `datetime`.
    fn instant<T: Serialize + ?Sized>(self, value: &T) -> Result<'py> {
        let text = serde_json::to_value(value).map_err(|e| Error::custom_text(e.to_string()))?;
        let instant = text
            .as_str()
            .and_then(|text| DateTime::parse_from_rfc3339(text).ok())
            .ok_or_else(|| Error::custom_text(format!("not a canonical instant: {text}")))?;
        Ok(py_instant(self.py, instant.with_timezone(&Utc))?.into_any())
    }

    /// The milliseconds inside a duration newtype, as a `timedelta`.
    fn duration_ms<T: Serialize + ?Sized>(self, value: &T) -> Result<'py> {
        let ms = serde_json::to_value(value).map_err(|e| Error::custom_text(e.to_string()))?;
        let delta = ms
            .as_i64()
            .and_then(TimeDelta::try_milliseconds)
            .ok_or_else(|| Error::custom_text(format!("not a duration in milliseconds: {ms}")))?;
        Ok(py_delta(self.py, delta)?.into_any())
    }
}

impl Error {
    /// A `ValueError` with `text`.
    fn custom_text(text: String) -> Self {
        Error(PyValueError::new_err(text))
    }
}

impl<'py> ser::Serializer for Native<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    type SerializeSeq = Seq<'py>;
    type SerializeTuple = Seq<'py>;
    type SerializeTupleStruct = Seq<'py>;
    type SerializeTupleVariant = Seq<'py>;
    type SerializeMap = Map<'py>;
    type SerializeStruct = Map<'py>;
    type SerializeStructVariant = Map<'py>;

    fn serialize_bool(self, v: bool) -> Result<'py> {
        self.any(v)
    }
    fn serialize_i8(self, v: i8) -> Result<'py> {
        self.any(v)
    }
    fn serialize_i16(self, v: i16) -> Result<'py> {
        self.any(v)
    }
    fn serialize_i32(self, v: i32) -> Result<'py> {
        self.any(v)
    }
    fn serialize_i64(self, v: i64) -> Result<'py> {
        self.any(v)
    }
    fn serialize_i128(self, v: i128) -> Result<'py> {
        self.any(v)
    }
    fn serialize_u8(self, v: u8) -> Result<'py> {
        self.any(v)
    }
    fn serialize_u16(self, v: u16) -> Result<'py> {
        self.any(v)
    }
    fn serialize_u32(self, v: u32) -> Result<'py> {
        self.any(v)
    }
    fn serialize_u64(self, v: u64) -> Result<'py> {
        self.any(v)
    }
    fn serialize_u128(self, v: u128) -> Result<'py> {
        self.any(v)
    }
    fn serialize_f32(self, v: f32) -> Result<'py> {
        self.any(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<'py> {
        self.any(v)
    }
    fn serialize_char(self, v: char) -> Result<'py> {
        self.any(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<'py> {
        self.any(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<'py> {
        Ok(PyBytes::new(self.py, v).into_any())
    }
    fn serialize_none(self) -> Result<'py> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<'py> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<'py> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<'py> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<'py> {
        self.any(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result<'py> {
        if name == itsm_core::INSTANT_NEWTYPE {
            self.instant(value)
        } else if name == itsm_core::DURATION_MS_NEWTYPE {
            self.duration_ms(value)
        } else {
            value.serialize(self)
        }
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<'py> {
        let value = value.serialize(self)?;
        self.tagged(variant, value)
    }
    fn serialize_seq(self, len: Option<usize>) -> std::result::Result<Seq<'py>, Error> {
        Ok(Seq::new(self, None, len))
    }
    fn serialize_tuple(self, len: usize) -> std::result::Result<Seq<'py>, Error> {
        Ok(Seq::new(self, None, Some(len)))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> std::result::Result<Seq<'py>, Error> {
        Ok(Seq::new(self, None, Some(len)))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Seq<'py>, Error> {
        Ok(Seq::new(self, Some(variant), Some(len)))
    }
    fn serialize_map(self, _len: Option<usize>) -> std::result::Result<Map<'py>, Error> {
        Ok(Map::new(self, None))
    }
    fn serialize_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> std::result::Result<Map<'py>, Error> {
        Ok(Map::new(self, None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        _len: usize,
    ) -> std::result::Result<Map<'py>, Error> {
        Ok(Map::new(self, Some(variant)))
    }
}

/// A sequence being built: a list, tagged with its variant for a tuple variant.
struct Seq<'py> {
    native: Native<'py>,
    variant: Option<&'static str>,
    items: Vec<Bound<'py, PyAny>>,
}

impl<'py> Seq<'py> {
    fn new(native: Native<'py>, variant: Option<&'static str>, len: Option<usize>) -> Self {
        let items = Vec::with_capacity(len.unwrap_or(0));
        Seq {
            native,
            variant,
            items,
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> std::result::Result<(), Error> {
        self.items.push(value.serialize(self.native)?);
        Ok(())
    }

    fn finish(self) -> Result<'py> {
        let list = PyList::new(self.native.py, self.items)?.into_any();
        match self.variant {
            Some(variant) => self.native.tagged(variant, list),
            None => Ok(list),
        }
    }
}

impl<'py> ser::SerializeSeq for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> std::result::Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTuple for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> std::result::Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> std::result::Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> std::result::Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

/// A map or struct being built: a dict, tagged with its variant for a struct
/// variant.
struct Map<'py> {
    native: Native<'py>,
    variant: Option<&'static str>,
    dict: Bound<'py, PyDict>,
    key: Option<Bound<'py, PyAny>>,
}

impl<'py> Map<'py> {
    fn new(native: Native<'py>, variant: Option<&'static str>) -> Self {
        let dict = PyDict::new(native.py);
        Map {
            native,
            variant,
            dict,
            key: None,
        }
    }

    fn finish(self) -> Result<'py> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(variant) => self.native.tagged(variant, dict),
            None => Ok(dict),
        }
    }
}

impl<'py> ser::SerializeMap for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> std::result::Result<(), Error> {
        self.key = Some(key.serialize(self.native)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(
        &mut self,
        value: &T,
    ) -> std::result::Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error::custom_text("a map value without its key".to_owned()))?;
        self.dict.set_item(key, value.serialize(self.native)?)?;
        Ok(())
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStruct for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> std::result::Result<(), Error> {
        self.dict.set_item(key, value.serialize(self.native)?)?;
        Ok(())
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'py> {
    type Ok = Bound<'py, PyAny>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> std::result::Result<(), Error> {
        self.dict.set_item(key, value.serialize(self.native)?)?;
        Ok(())
    }
    fn end(self) -> Result<'py> {
        self.finish()
    }
}
