//! The core's result documents as JavaScript values.
//!
//! [`ToJs`] is a `serde::Serializer` that builds JavaScript values directly
//! from a document's serde form: structs and maps become plain objects (under
//! the keys the core writes, in its order), sequences and tuples arrays,
//! strings, booleans and `null` themselves, and numbers numbers (an integer
//! only when it is a safe integer, so that it is exact). Enum variants take the
//! shapes `serde_json` gives them (`"name"`, `{ name: value }`).
//!
//! Two newtypes of the core are recognised by name:
//! - [`itsm_core::INSTANT_NEWTYPE`] (an instant, written as canonical ISO
//!   text) becomes a `Date`;
//! - [`itsm_core::DURATION_MS_NEWTYPE`] (a duration in whole milliseconds)
//!   stays a number of milliseconds, JavaScript's duration type here.
//!
//! Everything else is converted as `serde_json` sees it, so `JSON.stringify`
//! of the result has the shape of the core's JSON form (a `Date` stringifies as
//! its canonical `YYYY-MM-DDTHH:MM:SS.sssZ` text).

use napi::bindgen_prelude::{JsObjectValue, Null, Object, ToNapiValue};
use napi::{Env, JsValue, Status, sys};
use serde::Serialize;
use serde::ser::{self, Impossible};

use crate::MAX_SAFE_INTEGER;

/// The error of a conversion: a value JavaScript cannot hold exactly.
type Error = napi::Error;
/// The result of a conversion.
type Result<T> = std::result::Result<T, Error>;

/// A JavaScript value already made, to be set as a property or an element.
struct Raw(sys::napi_value);

impl ToNapiValue for Raw {
    unsafe fn to_napi_value(_env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        Ok(val.0)
    }
}

/// Serializes `value` into a JavaScript value.
pub(crate) fn to_js_value<T: Serialize + ?Sized>(
    env: sys::napi_env,
    value: &T,
) -> Result<sys::napi_value> {
    value
        .serialize(ToJs { env })
        .map_err(|ToJsError(error)| error)
}

/// A `serde::Serializer` whose output is a JavaScript value (see the module).
#[derive(Clone, Copy)]
pub(crate) struct ToJs {
    /// The environment of the current call.
    env: sys::napi_env,
}

impl ToJs {
    /// Converts a Rust value with its `ToNapiValue`.
    fn make<T: ToNapiValue>(self, value: T) -> Result<sys::napi_value> {
        // SAFETY: `env` is the live environment of the current call.
        unsafe { T::to_napi_value(self.env, value) }
    }

    /// A `Date` for the canonical ISO text of an instant.
    fn date(self, text: &str) -> Result<sys::napi_value> {
        let instant = itsm_core::parse_instant("instant", text)
            .map_err(|e| Error::new(Status::InvalidArg, e.to_string()))?;
        // Every instant the core writes lies in 1900-2300: exact as an f64.
        let env = Env::from_raw(self.env);
        let date = env.create_date(instant.timestamp_millis() as f64)?;
        Ok(date.raw())
    }

    /// An integer as a number, when it is a safe integer.
    fn integer(self, v: i128) -> Result<sys::napi_value> {
        if v.unsigned_abs() > MAX_SAFE_INTEGER as u128 {
            return Err(Error::new(
                Status::InvalidArg,
                format!("the integer {v} is outside the safe integers of JavaScript"),
            ));
        }
        // Exact: at most 2^53 - 1 in magnitude.
        self.make(v as f64)
    }

    /// An object with one property, as `serde_json` writes an enum variant
    /// holding data.
    fn variant(self, variant: &str, value: sys::napi_value) -> Result<sys::napi_value> {
        object(self.env, vec![(variant.to_owned(), value)])
    }
}

/// A plain object with `entries` as its properties, in order.
fn object(env: sys::napi_env, entries: Vec<(String, sys::napi_value)>) -> Result<sys::napi_value> {
    let env = Env::from_raw(env);
    let mut object = Object::new(&env)?;
    for (key, value) in entries {
        if key == "__proto__" {
            // Assignment would call the prototype's setter and change the
            // object's prototype; a field of that name is defined as data.
            let property = napi::Property::new()
                .with_utf8_name(&key)?
                .with_napi_value(&env, Raw(value))?;
            object.define_properties(&[property])?;
        } else {
            object.set_named_property(&key, Raw(value))?;
        }
    }
    Ok(object.raw())
}

/// An error for a value that has no JavaScript form here.
fn unsupported(what: &str) -> Error {
    Error::new(
        Status::InvalidArg,
        format!("{what} cannot be converted to a JavaScript value"),
    )
}

impl ser::Error for ToJsError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        ToJsError(Error::new(Status::GenericFailure, msg.to_string()))
    }
}

/// `napi::Error` as a serde error (serde needs its own trait on it).
#[derive(Debug)]
pub(crate) struct ToJsError(pub(crate) Error);

impl std::fmt::Display for ToJsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.reason)
    }
}

impl std::error::Error for ToJsError {}

impl From<Error> for ToJsError {
    fn from(error: Error) -> Self {
        ToJsError(error)
    }
}

/// The serializer's own result type.
type Out<T> = std::result::Result<T, ToJsError>;

/// Runs `make` in a handle scope of its own, so that the JavaScript values it
/// makes are released when it returns unless something made outside the scope
/// holds them. Without one, a call that reads or writes a million rows keeps
/// every value of every row alive until it returns, and each garbage collection
/// walks them all again: the time grows with the square of the rows.
/// `failed` turns the engine's refusal to open or close the scope into the
/// caller's error.
pub(crate) fn in_handle_scope<T, E>(
    env: sys::napi_env,
    failed: impl Fn(Error) -> E,
    make: impl FnOnce() -> std::result::Result<T, E>,
) -> std::result::Result<T, E> {
    let mut scope = std::ptr::null_mut();
    // SAFETY: `env` is the live environment of the current call, and the
    // scope is closed below on the same thread, after `make` returns.
    napi::check_status!(
        unsafe { sys::napi_open_handle_scope(env, &mut scope) },
        "could not open a handle scope"
    )
    .map_err(&failed)?;
    let made = make();
    // SAFETY: `scope` is the scope opened above, the innermost one open.
    napi::check_status!(
        unsafe { sys::napi_close_handle_scope(env, scope) },
        "could not close a handle scope"
    )
    .map_err(&failed)?;
    made
}

/// The elements of an array being made; with `variant`, the array is the data
/// of that enum variant.
pub(crate) struct Seq {
    /// The serializer.
    to: ToJs,
    /// The array, made before its elements so that each element's values can
    /// be released once it is stored (see [`in_handle_scope`]).
    array: sys::napi_value,
    /// The elements so far.
    len: u32,
    /// The variant holding the array, if any.
    variant: Option<&'static str>,
}

impl Seq {
    /// Adds an element.
    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Out<()> {
        let (to, array, index) = (self.to, self.array, self.len);
        in_handle_scope(
            to.env,
            |e| e,
            || {
                let element = value.serialize(to).map_err(|ToJsError(error)| error)?;
                // SAFETY: `array` is an array made in an enclosing scope of this
                // call, and `element` a value of the current scope.
                napi::check_status!(
                    unsafe { sys::napi_set_element(to.env, array, index, element) },
                    "could not store an array element"
                )
            },
        )?;
        self.len += 1;
        Ok(())
    }

    /// The array (in its variant's object, if any).
    fn finish(self) -> Out<sys::napi_value> {
        let array = self.array;
        Ok(match self.variant {
            Some(variant) => self.to.variant(variant, array)?,
            None => array,
        })
    }
}

impl ser::SerializeSeq for Seq {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Out<()> {
        self.push(value)
    }
    fn end(self) -> Out<sys::napi_value> {
        self.finish()
    }
}

impl ser::SerializeTuple for Seq {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Out<()> {
        self.push(value)
    }
    fn end(self) -> Out<sys::napi_value> {
        self.finish()
    }
}

impl ser::SerializeTupleStruct for Seq {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Out<()> {
        self.push(value)
    }
    fn end(self) -> Out<sys::napi_value> {
        self.finish()
    }
}

impl ser::SerializeTupleVariant for Seq {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Out<()> {
        self.push(value)
    }
    fn end(self) -> Out<sys::napi_value> {
        self.finish()
    }
}

/// The properties of an object being made; with `variant`, the object is the
/// data of that enum variant.
pub(crate) struct Map {
    /// The serializer.
    to: ToJs,
    /// The properties so far.
    entries: Vec<(String, sys::napi_value)>,
    /// The key waiting for its value.
    key: Option<String>,
    /// The variant holding the object, if any.
    variant: Option<&'static str>,
}

impl Map {
    /// Adds a property.
    fn insert<T: Serialize + ?Sized>(&mut self, key: String, value: &T) -> Out<()> {
        let value = value.serialize(self.to)?;
        self.entries.push((key, value));
        Ok(())
    }

    /// The object (in its variant's object, if any).
    fn finish(self) -> Out<sys::napi_value> {
        let value = object(self.to.env, self.entries)?;
        Ok(match self.variant {
            Some(variant) => self.to.variant(variant, value)?,
            None => value,
        })
    }
}

impl ser::SerializeMap for Map {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Out<()> {
        self.key = Some(key.serialize(KeyText)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Out<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| ToJsError(unsupported("a map value without its key")))?;
        self.insert(key, value)
    }
    fn end(self) -> Out<sys::napi_value> {
        self.finish()
    }
}

impl ser::SerializeStruct for Map {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Out<()> {
        self.insert(key.to_owned(), value)
    }
    fn end(self) -> Out<sys::napi_value> {
        self.finish()
    }
}

impl ser::SerializeStructVariant for Map {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Out<()> {
        self.insert(key.to_owned(), value)
    }
    fn end(self) -> Out<sys::napi_value> {
        self.finish()
    }
}

impl ser::Serializer for ToJs {
    type Ok = sys::napi_value;
    type Error = ToJsError;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = Map;
    type SerializeStruct = Map;
    type SerializeStructVariant = Map;

    fn serialize_bool(self, v: bool) -> Out<sys::napi_value> {
        Ok(self.make(v)?)
    }
    fn serialize_i8(self, v: i8) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_i16(self, v: i16) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_i32(self, v: i32) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_i64(self, v: i64) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_i128(self, v: i128) -> Out<sys::napi_value> {
        Ok(self.integer(v)?)
    }
    fn serialize_u8(self, v: u8) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_u16(self, v: u16) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_u32(self, v: u32) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_u64(self, v: u64) -> Out<sys::napi_value> {
        Ok(self.integer(v.into())?)
    }
    fn serialize_u128(self, v: u128) -> Out<sys::napi_value> {
        let v = i128::try_from(v).map_err(|_| {
            Error::new(
                Status::InvalidArg,
                format!("the integer {v} is outside the safe integers of JavaScript"),
            )
        })?;
        Ok(self.integer(v)?)
    }
    fn serialize_f32(self, v: f32) -> Out<sys::napi_value> {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Out<sys::napi_value> {
        // As in JSON, which has no NaN or infinities.
        if v.is_finite() {
            Ok(self.make(v)?)
        } else {
            self.serialize_unit()
        }
    }
    fn serialize_char(self, v: char) -> Out<sys::napi_value> {
        Ok(self.make(v.to_string())?)
    }
    fn serialize_str(self, v: &str) -> Out<sys::napi_value> {
        Ok(self.make(v)?)
    }
    fn serialize_bytes(self, v: &[u8]) -> Out<sys::napi_value> {
        // As `serde_json` writes bytes: an array of numbers.
        use ser::SerializeSeq;
        let mut seq = self.serialize_seq(Some(v.len()))?;
        for byte in v {
            seq.serialize_element(byte)?;
        }
        seq.end()
    }
    fn serialize_none(self) -> Out<sys::napi_value> {
        self.serialize_unit()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<sys::napi_value> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<sys::napi_value> {
        Ok(self.make(Null)?)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<sys::napi_value> {
        self.serialize_unit()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<sys::napi_value> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        value: &T,
    ) -> Out<sys::napi_value> {
        if name == itsm_core::INSTANT_NEWTYPE {
            let text = value.serialize(KeyText)?;
            return Ok(self.date(&text)?);
        }
        // `DURATION_MS_NEWTYPE` (whole milliseconds) stays a number, and any
        // other newtype is its content, as in JSON.
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Out<sys::napi_value> {
        let value = value.serialize(self)?;
        Ok(self.variant(variant, value)?)
    }
    fn serialize_seq(self, len: Option<usize>) -> Out<Seq> {
        let mut array = std::ptr::null_mut();
        // SAFETY: `env` is the live environment of the current call.
        napi::check_status!(
            unsafe { sys::napi_create_array_with_length(self.env, len.unwrap_or(0), &mut array) },
            "could not make an array"
        )?;
        Ok(Seq {
            to: self,
            array,
            len: 0,
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Out<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Out<Seq> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Out<Seq> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, len: Option<usize>) -> Out<Map> {
        Ok(Map {
            to: self,
            entries: Vec::with_capacity(len.unwrap_or(0)),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Out<Map> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Out<Map> {
        let mut map = self.serialize_map(Some(len))?;
        map.variant = Some(variant);
        Ok(map)
    }
}

/// A serializer of text: map keys (strings, or integers and booleans written
/// as text, as `serde_json` writes keys) and the canonical text of an instant.
struct KeyText;

/// An error for a key that cannot be text.
fn not_text<T>(what: &str) -> Out<T> {
    Err(ToJsError(unsupported(&format!("{what} as an object key"))))
}

impl ser::Serializer for KeyText {
    type Ok = String;
    type Error = ToJsError;
    type SerializeSeq = Impossible<String, ToJsError>;
    type SerializeTuple = Impossible<String, ToJsError>;
    type SerializeTupleStruct = Impossible<String, ToJsError>;
    type SerializeTupleVariant = Impossible<String, ToJsError>;
    type SerializeMap = Impossible<String, ToJsError>;
    type SerializeStruct = Impossible<String, ToJsError>;
    type SerializeStructVariant = Impossible<String, ToJsError>;

    fn serialize_bool(self, v: bool) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_i8(self, v: i8) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_i16(self, v: i16) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_i32(self, v: i32) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_i64(self, v: i64) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_u8(self, v: u8) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_u16(self, v: u16) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_u32(self, v: u32) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_u64(self, v: u64) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_f32(self, _v: f32) -> Out<String> {
        not_text("a float")
    }
    fn serialize_f64(self, _v: f64) -> Out<String> {
        not_text("a float")
    }
    fn serialize_char(self, v: char) -> Out<String> {
        Ok(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Out<String> {
        Ok(v.to_owned())
    }
    fn serialize_bytes(self, _v: &[u8]) -> Out<String> {
        not_text("bytes")
    }
    fn serialize_none(self) -> Out<String> {
        not_text("null")
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Out<String> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Out<String> {
        not_text("null")
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Out<String> {
        not_text("null")
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Out<String> {
        Ok(variant.to_owned())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Out<String> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Out<String> {
        not_text("an enum variant with data")
    }
    fn serialize_seq(self, _len: Option<usize>) -> Out<Self::SerializeSeq> {
        not_text("an array")
    }
    fn serialize_tuple(self, _len: usize) -> Out<Self::SerializeTuple> {
        not_text("an array")
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Out<Self::SerializeTupleStruct> {
        not_text("an array")
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Out<Self::SerializeTupleVariant> {
        not_text("an enum variant with data")
    }
    fn serialize_map(self, _len: Option<usize>) -> Out<Self::SerializeMap> {
        not_text("an object")
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Out<Self::SerializeStruct> {
        not_text("an object")
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Out<Self::SerializeStructVariant> {
        not_text("an enum variant with data")
    }
}
