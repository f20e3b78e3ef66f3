//! Node bindings of `itsm-core`: business calendars, SLA clocks,
//! availability, the priority matrix, workflows, records and the desk that
//! judges their commands, automation templates, and the metrics of a
//! collection of records for JavaScript.
//!
//! The binding is thin. It converts JavaScript values to the core's types,
//! calls the core, and converts the answers back: `Date` in and out, durations as
//! integer milliseconds, documents (calendars, policy sets, timelines,
//! availability, priority matrices, metrics) as plain objects or JSON text.
//! SLA evaluations, availability and metrics reports and priority answers come
//! back as the core's documents made of JavaScript values: instants as
//! `Date`s, durations as numbers of milliseconds (see the `sla`, `metrics`,
//! `priority` and `value` modules).
//!
//! Every failure is a thrown `Error` whose `code` is one of the stable
//! [`ItsmCode`] strings and whose message is the core's message, unchanged;
//! errors of the record API also carry the core error document's `path` and
//! `details` (see the `record` module).
//! Arguments are checked here before they reach the core: an Invalid Date, a
//! duration that is not a whole non-negative number of milliseconds, a day count
//! that is not a safe integer, or a value of the wrong type is an
//! `ITSM_INVALID_ARGUMENT` naming the argument, never a silent default.

#![deny(missing_docs)]

use chrono::{DateTime, TimeDelta, Utc};
use itsm_core::calendar::WorkingDayMode;
use napi::bindgen_prelude::{BigInt, JsObjectValue, Object, ToNapiValue, Unknown};
use napi::{Env, JsDate, JsValue, Result, ValueType, sys};
use napi_derive::napi;
use serde_json::Value;

use itsm_core::Fields;

mod change;
mod metrics;
mod priority;
mod record;
mod service;
mod sla;
mod table;
mod value;
mod workflow;

pub use change::{ChangeWindows, RiskPolicy, Schedule};
pub use metrics::Metrics;
pub use priority::PriorityMatrix;
pub use record::{
    Desk, Record, automation_template, automation_template_names, read_record_event,
    read_record_event_json,
};
pub use service::ServiceGraph;
pub use sla::{
    Availability, PolicySet, Timeline, sla_template, sla_templates, waiting_for_customer,
};
pub use workflow::{Workflow, WorkflowContext, install_reasons_against};

/// The stable `code` of every error the binding throws.
///
/// One code per variant of the core's error, prefixed with `ITSM_` and written
/// in upper case, so JavaScript callers can branch on `err.code`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItsmCode {
    /// `ITSM_INVALID_CONFIG`: a configuration document (a calendar, a policy
    /// set, an availability input, a period or a priority matrix) is malformed.
    InvalidConfig,
    /// `ITSM_INVALID_INPUT`: an input document (a record's timeline) is
    /// malformed.
    InvalidInput,
    /// `ITSM_INVALID_ARGUMENT`: an argument of a call is unacceptable.
    InvalidArgument,
    /// `ITSM_NO_WORKING_TIME`: no working time within the search horizon.
    NoWorkingTime,
    /// `ITSM_OUT_OF_RANGE`: an instant outside the supported years.
    OutOfRange,
    /// `ITSM_VERSION_CONFLICT`: a command or events were written against a
    /// version of the record that is no longer its version.
    VersionConflict,
    /// `ITSM_COMMAND_REFUSED`: the record's workflow or the desk's rules
    /// refuse a command, with every reason.
    CommandRefused,
}

impl AsRef<str> for ItsmCode {
    fn as_ref(&self) -> &str {
        match self {
            ItsmCode::InvalidConfig => "ITSM_INVALID_CONFIG",
            ItsmCode::InvalidInput => "ITSM_INVALID_INPUT",
            ItsmCode::InvalidArgument => "ITSM_INVALID_ARGUMENT",
            ItsmCode::NoWorkingTime => "ITSM_NO_WORKING_TIME",
            ItsmCode::OutOfRange => "ITSM_OUT_OF_RANGE",
            ItsmCode::VersionConflict => "ITSM_VERSION_CONFLICT",
            ItsmCode::CommandRefused => "ITSM_COMMAND_REFUSED",
        }
    }
}

/// The JavaScript error for a core error: its code, and its message unchanged.
fn to_js(error: itsm_core::Error) -> napi::Error<ItsmCode> {
    let code = match &error {
        itsm_core::Error::InvalidConfig { .. } => ItsmCode::InvalidConfig,
        itsm_core::Error::InvalidInput { .. } => ItsmCode::InvalidInput,
        itsm_core::Error::InvalidArgument { .. } => ItsmCode::InvalidArgument,
        itsm_core::Error::NoWorkingTime { .. } => ItsmCode::NoWorkingTime,
        itsm_core::Error::OutOfRange { .. } => ItsmCode::OutOfRange,
        itsm_core::Error::VersionConflict { .. } => ItsmCode::VersionConflict,
        itsm_core::Error::CommandRefused { .. } => ItsmCode::CommandRefused,
    };
    napi::Error::new(code, error.to_string())
}

/// The JavaScript error for a core error, as [`to_js`] makes it, with the
/// rest of the core's error document as properties: `path` (for a bad
/// document) and `details` (the variant's other fields: the versions of a
/// version conflict, the reasons of a refused command, the argument of an
/// invalid argument). The error is thrown here, and the answer is what
/// napi-rs then finds pending and throws as it is.
fn to_js_detailed(env: &Env, failure: Failure) -> napi::Error<ItsmCode> {
    let error = failure.0;
    let document = itsm_core::ErrorDocument::from(&error);
    let plain = to_js(error);
    let copy = napi::Error::new(plain.status, plain.reason.clone());
    // SAFETY: `env` is the live environment of the current call.
    let thrown = unsafe { napi::JsError::from(copy).into_value(env.raw()) };
    if thrown.is_null() {
        return plain;
    }
    let mut complete = true;
    if let Some(path) = &document.path {
        complete &= set_property(env, thrown, c"path", path);
    }
    if let Some(details) = &document.details {
        complete &= set_property(env, thrown, c"details", details);
    }
    // SAFETY: as above; a failure leaves nothing pending, and napi-rs throws
    // the plain error instead.
    if complete {
        unsafe { sys::napi_throw(env.raw(), thrown) };
    }
    plain
}

/// Sets the property `key` of `object` to `value` made a JavaScript value;
/// whether it could.
fn set_property<T: serde::Serialize + ?Sized>(
    env: &Env,
    object: sys::napi_value,
    key: &std::ffi::CStr,
    value: &T,
) -> bool {
    match value::to_js_value(env.raw(), value) {
        // SAFETY: both values belong to this call's environment.
        Ok(value) => unsafe {
            sys::napi_set_named_property(env.raw(), object, key.as_ptr(), value)
                == sys::Status::napi_ok
        },
        Err(_) => false,
    }
}

/// A core error found while reading arguments. Readers return it rather than a
/// JavaScript error so that a batch can keep it as the core's error document;
/// `?` in an exported call throws it as [`to_js`] does.
struct Failure(itsm_core::Error);

impl From<itsm_core::Error> for Failure {
    fn from(error: itsm_core::Error) -> Self {
        Failure(error)
    }
}

impl From<Failure> for napi::Error<ItsmCode> {
    fn from(failure: Failure) -> Self {
        to_js(failure.0)
    }
}

/// The result of reading an argument.
type Fallible<T> = std::result::Result<T, Failure>;

/// An `invalid_argument` worded exactly as the core words its own.
fn invalid_argument(name: &str, reason: impl Into<String>) -> Failure {
    Failure(itsm_core::Error::invalid_argument(name, reason))
}

/// A failure of Node-API itself (not of the arguments), reported against the
/// argument being read.
fn engine_error(name: &str, error: napi::Error) -> Failure {
    invalid_argument(name, format!("could not be read: {}", error.reason))
}

/// How an error message describes the type of a JavaScript value.
fn describe(value: &Unknown<'_>) -> &'static str {
    match value.get_type() {
        Ok(ValueType::Undefined) => "undefined",
        Ok(ValueType::Null) => "null",
        Ok(ValueType::Boolean) => "a boolean",
        Ok(ValueType::Number) => "a number",
        Ok(ValueType::String) => "a string",
        Ok(ValueType::Symbol) => "a symbol",
        Ok(ValueType::BigInt) => "a bigint",
        Ok(ValueType::Function) => "a function",
        Ok(ValueType::Object) if value.is_array().unwrap_or(false) => "an array",
        Ok(ValueType::Object) if value.is_date().unwrap_or(false) => "a Date",
        Ok(ValueType::Object) => "an object",
        Ok(ValueType::External | ValueType::Unknown) | Err(_) => "an unknown value",
    }
}

/// The type of `value`, or an `ITSM_INVALID_ARGUMENT` naming `name`.
fn type_of(name: &str, value: &Unknown<'_>) -> Fallible<ValueType> {
    value.get_type().map_err(|e| engine_error(name, e))
}

/// Reads the `Date` argument `name` as an instant.
fn instant(name: &str, value: Unknown<'_>) -> Fallible<DateTime<Utc>> {
    if !value.is_date().map_err(|e| engine_error(name, e))? {
        return Err(invalid_argument(
            name,
            format!("expected a Date, found {}", describe(&value)),
        ));
    }
    // SAFETY: `is_date` has just confirmed that the value is a `Date`.
    let date = unsafe { value.cast::<JsDate<'_>>() }.map_err(|e| engine_error(name, e))?;
    let ms = date.value_of().map_err(|e| engine_error(name, e))?;
    if !ms.is_finite() {
        return Err(invalid_argument(name, "is an Invalid Date"));
    }
    // A valid Date holds a whole number of milliseconds within +-8.64e15, so the
    // cast is exact; the core refuses what lies outside its range.
    Ok(itsm_core::instant_from_millis(ms as i64)?)
}

/// Reads the number argument `name`.
fn number(name: &str, value: Unknown<'_>) -> Fallible<f64> {
    if type_of(name, &value)? != ValueType::Number {
        return Err(invalid_argument(
            name,
            format!("expected a number, found {}", describe(&value)),
        ));
    }
    // SAFETY: the value has just been checked to be a number.
    unsafe { value.cast::<f64>() }.map_err(|e| engine_error(name, e))
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Reads the integer argument `name`, refusing anything that is not a safe integer.
fn safe_integer(name: &str, value: Unknown<'_>, what: &str) -> Fallible<i64> {
    let n = number(name, value)?;
    if !n.is_finite() || n.fract() != 0.0 || n.abs() > MAX_SAFE_INTEGER {
        return Err(invalid_argument(
            name,
            format!("expected {what} (a safe integer), found {}", js_number(n)),
        ));
    }
    // Exact: `n` is an integer no larger than 2^53 in magnitude.
    Ok(n as i64)
}

/// Reads the duration argument `name`: a whole, non-negative number of milliseconds.
fn duration(name: &str, value: Unknown<'_>) -> Fallible<TimeDelta> {
    let ms = safe_integer(name, value, "a whole number of milliseconds")?;
    if ms < 0 {
        return Err(invalid_argument(
            name,
            format!("must not be negative, found {ms}"),
        ));
    }
    TimeDelta::try_milliseconds(ms)
        .ok_or_else(|| invalid_argument(name, format!("{ms} ms is too long")))
}

/// Reads the optional `mode` argument; `undefined` means `"keep_time_of_day"`.
fn working_day_mode(value: Option<Unknown<'_>>) -> Fallible<WorkingDayMode> {
    let Some(value) = value else {
        return Ok(WorkingDayMode::KeepTimeOfDay);
    };
    if type_of("mode", &value)? != ValueType::String {
        return Err(invalid_argument(
            "mode",
            format!(
                "expected \"keep_time_of_day\" or \"end_of_day\", found {}",
                describe(&value)
            ),
        ));
    }
    // SAFETY: the value has just been checked to be a string.
    let text = unsafe { value.cast::<String>() }.map_err(|e| engine_error("mode", e))?;
    Ok(WorkingDayMode::parse(&text)?)
}

/// Reads the string argument `name`.
fn text(name: &str, value: Unknown<'_>) -> Fallible<String> {
    if type_of(name, &value)? != ValueType::String {
        return Err(invalid_argument(
            name,
            format!("expected a string, found {}", describe(&value)),
        ));
    }
    // SAFETY: the value has just been checked to be a string.
    unsafe { value.cast::<String>() }.map_err(|e| engine_error(name, e))
}

/// Whether an argument is a plain object: an object that is neither an array
/// nor a `Date`.
fn is_plain_object(name: &str, value: &Unknown<'_>) -> Fallible<bool> {
    Ok(type_of(name, value)? == ValueType::Object
        && !value.is_array().map_err(|e| engine_error(name, e))?
        && !value.is_date().map_err(|e| engine_error(name, e))?)
}

/// Reads the optional argument `what`, a record's fields: a plain object of
/// field values, each a string, number, boolean or `null` (or a `Date` or a
/// safe-integer `bigint`, read as a timeline's fields are). Left out or
/// `null`: no fields.
fn read_fields(what: &str, value: Option<Unknown<'_>>) -> Fallible<Fields> {
    let Some(value) = value else {
        return Ok(Fields::new());
    };
    match type_of(what, &value)? {
        ValueType::Undefined | ValueType::Null => return Ok(Fields::new()),
        _ if is_plain_object(what, &value)? => {}
        _ => {
            return Err(invalid_argument(
                what,
                format!(
                    "expected an object of field values, found {}",
                    describe(&value)
                ),
            ));
        }
    }
    // The core refuses field values that are not scalars, naming the field.
    let Some(Value::Object(map)) = json_value(value, &mut what.to_owned(), 0, Kind::Argument)?
    else {
        return Ok(Fields::new());
    };
    Ok(map.into_iter().collect())
}

/// How deeply a document may nest; deeper data (or a cycle) is refused.
const MAX_DEPTH: usize = 64;

/// Which document is being read: what it may hold besides JSON data, and
/// which error a bad value in it gives (the one the core gives for that document).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A configuration document without instants (a calendar, a policy set):
    /// a `Date` in it is a mistake and is refused. Errors are `invalid_config`.
    Config,
    /// A configuration document made of instants (an availability input, a
    /// period): a valid `Date` becomes its canonical ISO text, as
    /// `JSON.stringify` writes it. Errors are `invalid_config`.
    ConfigWithInstants,
    /// An input document (a timeline): `Date`s as for
    /// [`Kind::ConfigWithInstants`]. Errors are `invalid_input`.
    Input,
    /// Data passed as an argument (a record's fields): `Date`s as for
    /// [`Kind::ConfigWithInstants`]. Errors are `invalid_argument`.
    Argument,
}

impl Kind {
    /// The core's error for a bad value at `path` of such a document.
    fn error(self, path: &str, reason: String) -> Failure {
        Failure(match self {
            Kind::Config | Kind::ConfigWithInstants => {
                itsm_core::Error::invalid_config(path, reason)
            }
            Kind::Input => itsm_core::Error::InvalidInput {
                path: path.to_owned(),
                reason,
            },
            Kind::Argument => itsm_core::Error::invalid_argument(path, reason),
        })
    }
}

/// Converts the JavaScript data at `path` to JSON data, as `JSON.stringify`
/// then `JSON.parse` would, except that:
/// - anything JSON cannot hold (a function, a symbol, `NaN`, `undefined` in an
///   array, an Invalid Date, and a `Date` in a [`Kind::Config`] document) is
///   the document's error naming its path instead of silently becoming `null`;
/// - a valid `Date` elsewhere becomes its canonical ISO text;
/// - a bigint that is a safe integer becomes that number, and any other
///   bigint is an error naming its path (`JSON.stringify` throws on both).
///
/// Properties whose value is `undefined` are left out, as `JSON.stringify`
/// leaves them out; the answer is `None` for those.
fn json_value(
    value: Unknown<'_>,
    path: &mut String,
    depth: usize,
    kind: Kind,
) -> Fallible<Option<serde_json::Value>> {
    use serde_json::{Map, Number, Value};
    let not_json = |path: &str, what: String| -> Failure {
        kind.error(path, format!("{what} is not JSON data"))
    };
    let engine = |path: &str, e: napi::Error| -> Failure {
        kind.error(path, format!("could not be read: {}", e.reason))
    };
    let json = match value.get_type().map_err(|e| engine(path, e))? {
        ValueType::Undefined => return Ok(None),
        ValueType::Null => Value::Null,
        ValueType::Boolean => Value::Bool(value.coerce_to_bool().map_err(|e| engine(path, e))?),
        ValueType::String => {
            // SAFETY: the value has just been checked to be a string.
            Value::String(unsafe { value.cast::<String>() }.map_err(|e| engine(path, e))?)
        }
        ValueType::Number => {
            // SAFETY: the value has just been checked to be a number.
            let n = unsafe { value.cast::<f64>() }.map_err(|e| engine(path, e))?;
            if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
                // Exact: an integer no larger than 2^53 in magnitude.
                Value::Number(Number::from(n as i64))
            } else {
                match Number::from_f64(n) {
                    Some(number) => Value::Number(number),
                    None => return Err(not_json(path, format!("the number {}", js_number(n)))),
                }
            }
        }
        ValueType::BigInt => {
            // SAFETY: the value has just been checked to be a bigint.
            let n = unsafe { value.cast::<BigInt>() }.map_err(|e| engine(path, e))?;
            match safe_bigint(&n) {
                Ok(n) => Value::Number(Number::from(n)),
                Err(what) => {
                    return Err(kind.error(
                        path,
                        format!(
                            "{what} is outside the safe integers, -{MAX_SAFE_INTEGER} to {MAX_SAFE_INTEGER}"
                        ),
                    ));
                }
            }
        }
        ValueType::Object if value.is_date().map_err(|e| engine(path, e))? => {
            if kind == Kind::Config {
                return Err(not_json(path, "a Date".into()));
            }
            // SAFETY: `is_date` has just confirmed that the value is a `Date`.
            let date = unsafe { value.cast::<JsDate<'_>>() }.map_err(|e| engine(path, e))?;
            let ms = date.value_of().map_err(|e| engine(path, e))?;
            let invalid = |reason: String| kind.error(path, reason);
            if !ms.is_finite() {
                return Err(invalid("is an Invalid Date".into()));
            }
            // A valid Date holds a whole number of milliseconds within
            // +-8.64e15, so the cast is exact. Outside the core's years the
            // message is the one the core gives for such an instant as text.
            let instant =
                itsm_core::instant_from_millis(ms as i64).map_err(|e| invalid(e.to_string()))?;
            Value::String(itsm_core::format_instant(instant))
        }
        ValueType::Object => {
            if depth >= MAX_DEPTH {
                return Err(kind.error(
                    path,
                    format!(
                        "nested more than {MAX_DEPTH} levels deep (does the data refer to itself?)"
                    ),
                ));
            }
            let object = value.coerce_to_object().map_err(|e| engine(path, e))?;
            let base = path.len();
            if value.is_array().map_err(|e| engine(path, e))? {
                let len = object.get_array_length().map_err(|e| engine(path, e))?;
                let mut items = Vec::with_capacity(len as usize);
                let env = object.value().env;
                let array_path = path.clone();
                for index in 0..len {
                    path.push_str(&format!("[{index}]"));
                    // Each element's values are released once it is read: a
                    // long array would otherwise hold them all to the end.
                    let item = value::in_handle_scope(
                        env,
                        |e| engine(&array_path, e),
                        || {
                            let item = object
                                .get_element::<Unknown<'_>>(index)
                                .map_err(|e| engine(path, e))?;
                            json_value(item, path, depth + 1, kind)
                        },
                    )?;
                    match item {
                        Some(item) => items.push(item),
                        None => return Err(not_json(path, "undefined".into())),
                    }
                    path.truncate(base);
                }
                Value::Array(items)
            } else {
                let mut map = Map::new();
                for key in Object::keys(&object).map_err(|e| engine(path, e))? {
                    if base > 0 {
                        path.push('.');
                    }
                    path.push_str(&key);
                    let item = object
                        .get_named_property::<Unknown<'_>>(&key)
                        .map_err(|e| engine(path, e))?;
                    if let Some(item) = json_value(item, path, depth + 1, kind)? {
                        map.insert(key, item);
                    }
                    path.truncate(base);
                }
                Value::Object(map)
            }
        }
        _ => return Err(not_json(path, describe(&value).into())),
    };
    Ok(Some(json))
}

/// A bigint as an integer when it is a safe integer (at most
/// `Number.MAX_SAFE_INTEGER` in magnitude, so exact as a JSON number in every
/// language), else how a message names it (`the bigint 9007199254740992n`).
fn safe_bigint(n: &BigInt) -> std::result::Result<i64, String> {
    let sign = if n.sign_bit { "-" } else { "" };
    match n.words.as_slice() {
        &[magnitude] if magnitude <= MAX_SAFE_INTEGER as u64 => {
            // Exact: at most 2^53 - 1.
            let magnitude = magnitude as i64;
            Ok(if n.sign_bit { -magnitude } else { magnitude })
        }
        &[low] => Err(format!("the bigint {sign}{low}n")),
        &[low, high] => Err(format!(
            "the bigint {sign}{}n",
            (u128::from(high) << 64) | u128::from(low)
        )),
        words => Err(format!(
            "a bigint of more than {} bits",
            (words.len() - 1) * 64
        )),
    }
}

/// A document argument as it came: JSON text for the core's parser, or the JSON
/// data of a plain object.
enum Document {
    /// JSON text, parsed by the core (which reports bad JSON itself).
    Text(String),
    /// A plain object or array, already converted.
    Data(serde_json::Value),
}

/// Reads the document argument `name`: a JSON string, or an object converted by
/// [`json_value`]. Anything else is an `ITSM_INVALID_ARGUMENT` saying that
/// `what` (such as "a calendar document") was expected.
fn document(name: &str, what: &str, value: Unknown<'_>, kind: Kind) -> Fallible<Document> {
    match type_of(name, &value)? {
        ValueType::String => {
            // SAFETY: the value has just been checked to be a string.
            let text = unsafe { value.cast::<String>() }.map_err(|e| engine_error(name, e))?;
            Ok(Document::Text(text))
        }
        ValueType::Object if !value.is_date().map_err(|e| engine_error(name, e))? => {
            let data = json_value(value, &mut String::new(), 0, kind)?.unwrap_or_default();
            Ok(Document::Data(data))
        }
        _ => Err(invalid_argument(
            name,
            format!(
                "expected {what} (an object or a JSON string), found {}",
                describe(&value)
            ),
        )),
    }
}

/// A number as JavaScript prints it in the cases messages need: `NaN`,
/// `Infinity`, and exponents for very large or very small magnitudes.
fn js_number(n: f64) -> String {
    if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n != 0.0 && (n.abs() >= 1e21 || n.abs() < 1e-6) {
        format!("{n:e}").replace("e", "e+").replace("e+-", "e-")
    } else {
        format!("{n}")
    }
}

/// An instant on its way to JavaScript, where it becomes a `Date`.
pub struct Instant(DateTime<Utc>);

impl ToNapiValue for Instant {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        // Every instant the core returns lies in 1900-2300: exact as an f64.
        let env = Env::from_raw(env);
        let date = env.create_date(val.0.timestamp_millis() as f64)?;
        Ok(date.raw())
    }
}

/// A result document of the core on its way to JavaScript: its serde form
/// (the words and keys the core writes, in its order, the same in every
/// language), converted value for value into JavaScript values by
/// [`value::ToJs`]: instants become `Date`s, durations stay numbers of
/// milliseconds, everything else is plain data.
pub struct Data<T>(pub(crate) T);

impl<T: serde::Serialize> ToNapiValue for Data<T> {
    unsafe fn to_napi_value(env: sys::napi_env, val: Self) -> Result<sys::napi_value> {
        value::to_js_value(env, &val.0)
    }
}

/// A half-open interval of working time `[start, end)`.
#[napi(object, object_from_js = false)]
pub struct WorkingInterval {
    /// The first working instant.
    #[napi(ts_type = "Date")]
    pub start: Instant,
    /// The first instant after, not working (or the end of the queried range).
    #[napi(ts_type = "Date")]
    pub end: Instant,
}

/// A business calendar, validated and ready for queries.
///
/// Build one with `Calendar.fromJSON(document)` (a plain object or JSON text,
/// see the calendar format) or `Calendar.twentyFourSeven()`. Instants are
/// `Date`s; durations are whole milliseconds. Every method throws an `Error`
/// with a stable `code` (`ITSM_INVALID_CONFIG`, `ITSM_INVALID_ARGUMENT`,
/// `ITSM_NO_WORKING_TIME`, `ITSM_OUT_OF_RANGE`) and the core's message.
#[napi]
pub struct Calendar {
    inner: itsm_core::Calendar,
}

#[napi]
impl Calendar {
    /// Reads a calendar document: a plain object, or the same document as JSON
    /// text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field, for
    /// example `week.tue[1]: end 08:00 is before start 14:00`, and
    /// `ITSM_INVALID_ARGUMENT` when `doc` is neither an object nor a string.
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: CalendarDocument | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<Calendar, ItsmCode> {
        let inner = match document("doc", "a calendar document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::Calendar::from_json(&text),
            Document::Data(value) => itsm_core::Calendar::from_value(&value),
        };
        inner.map(|inner| Calendar { inner }).map_err(to_js)
    }

    /// Always open, in UTC: business time equals wall-clock time.
    #[napi(factory, catch_unwind)]
    pub fn twenty_four_seven() -> Calendar {
        Calendar {
            inner: itsm_core::Calendar::twenty_four_seven(),
        }
    }

    /// The calendar document as a plain object; `Calendar.fromJSON` reads it
    /// back, and `JSON.stringify(calendar)` writes it.
    #[napi(js_name = "toJSON", ts_return_type = "CalendarDocument", catch_unwind)]
    pub fn to_json(&self) -> serde_json::Value {
        self.inner.to_value()
    }

    /// The calendar document as compact JSON text.
    #[napi(js_name = "toJSONString", catch_unwind)]
    pub fn to_json_string(&self) -> String {
        self.inner.to_json()
    }

    /// The IANA name of the zone whose local dates are the calendar's days,
    /// such as `"Europe/Berlin"`.
    #[napi(getter, catch_unwind)]
    pub fn time_zone(&self) -> String {
        self.inner.time_zone().name().to_owned()
    }

    /// Business time in `[start, end)`, in milliseconds.
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` when `end` is before `start` and
    /// `ITSM_OUT_OF_RANGE` outside 1900-2300.
    #[napi(ts_args_type = "start: Date, end: Date", catch_unwind)]
    pub fn business_duration(&self, start: Unknown<'_>, end: Unknown<'_>) -> Result<f64, ItsmCode> {
        let (start, end) = (instant("start", start)?, instant("end", end)?);
        let duration = self.inner.business_duration(start, end).map_err(to_js)?;
        // At most 400 years of milliseconds: exact as an f64.
        Ok(duration.num_milliseconds() as f64)
    }

    /// The due date: the earliest instant at which `ms` milliseconds of
    /// business time have elapsed since `start`. Zero gives `start`.
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` unless `ms` is a whole, non-negative number,
    /// `ITSM_NO_WORKING_TIME` when the calendar has no working time within the
    /// ten-year horizon, and `ITSM_OUT_OF_RANGE` past 2300.
    #[napi(
        ts_args_type = "start: Date, ms: number",
        ts_return_type = "Date",
        catch_unwind
    )]
    pub fn add_business(&self, start: Unknown<'_>, ms: Unknown<'_>) -> Result<Instant, ItsmCode> {
        let (start, ms) = (instant("start", start)?, duration("ms", ms)?);
        self.inner
            .add_business(start, ms)
            .map(Instant)
            .map_err(to_js)
    }

    /// The latest instant from which `ms` milliseconds of business time run
    /// until `end` ("one hour before the deadline"). Zero gives `end`.
    ///
    /// Throws as `addBusiness`, searching backwards.
    #[napi(
        ts_args_type = "end: Date, ms: number",
        ts_return_type = "Date",
        catch_unwind
    )]
    pub fn subtract_business(
        &self,
        end: Unknown<'_>,
        ms: Unknown<'_>,
    ) -> Result<Instant, ItsmCode> {
        let (end, ms) = (instant("end", end)?, duration("ms", ms)?);
        self.inner
            .subtract_business(end, ms)
            .map(Instant)
            .map_err(to_js)
    }

    /// Adds `days` working days (negative: goes back), counted from the local
    /// date of `start` in the calendar's zone.
    ///
    /// With `mode` `"keep_time_of_day"` (the default) the result keeps the local
    /// wall time of `start`; with `"end_of_day"` it is the closing instant of
    /// that day's last window, and zero days means the first closing at or
    /// after `start`. Throws `ITSM_INVALID_ARGUMENT` for a `days` that is not a
    /// safe integer or an unknown `mode`.
    #[napi(
        ts_args_type = "start: Date, days: number, mode?: 'keep_time_of_day' | 'end_of_day'",
        ts_return_type = "Date",
        catch_unwind
    )]
    pub fn add_working_days(
        &self,
        start: Unknown<'_>,
        days: Unknown<'_>,
        mode: Option<Unknown<'_>>,
    ) -> Result<Instant, ItsmCode> {
        let start = instant("start", start)?;
        let days = safe_integer("days", days, "a whole number of days")?;
        let mode = working_day_mode(mode)?;
        self.inner
            .add_working_days(start, days, mode)
            .map(Instant)
            .map_err(to_js)
    }

    /// Whether `at` is working time.
    #[napi(ts_args_type = "at: Date", catch_unwind)]
    pub fn is_working(&self, at: Unknown<'_>) -> Result<bool, ItsmCode> {
        self.inner.is_working(instant("at", at)?).map_err(to_js)
    }

    /// The first working instant at or after `at`: `at` itself when the
    /// calendar is working then.
    ///
    /// Throws `ITSM_NO_WORKING_TIME` when the calendar does not work within the
    /// ten-year horizon.
    #[napi(ts_args_type = "at: Date", ts_return_type = "Date", catch_unwind)]
    pub fn next_opening(&self, at: Unknown<'_>) -> Result<Instant, ItsmCode> {
        self.inner
            .next_opening(instant("at", at)?)
            .map(Instant)
            .map_err(to_js)
    }

    /// When the working time containing `at` ends or, outside working time,
    /// when the next working time ends. The closing instant is not working time
    /// itself. `null` when the calendar works without a break for the whole
    /// ten-year horizon (a 24x7 calendar never closes).
    #[napi(
        ts_args_type = "at: Date",
        ts_return_type = "Date | null",
        catch_unwind
    )]
    pub fn next_closing(&self, at: Unknown<'_>) -> Result<Option<Instant>, ItsmCode> {
        let closing = self.inner.next_closing(instant("at", at)?).map_err(to_js)?;
        Ok(closing.map(Instant))
    }

    /// The working intervals within `[start, end)`, clipped to it, in order.
    ///
    /// Throws as `businessDuration`.
    #[napi(ts_args_type = "start: Date, end: Date", catch_unwind)]
    pub fn working_intervals(
        &self,
        start: Unknown<'_>,
        end: Unknown<'_>,
    ) -> Result<Vec<WorkingInterval>, ItsmCode> {
        let (start, end) = (instant("start", start)?, instant("end", end)?);
        let intervals = self.inner.working_intervals(start, end).map_err(to_js)?;
        Ok(intervals
            .into_iter()
            .map(|interval| WorkingInterval {
                start: Instant(interval.start),
                end: Instant(interval.end),
            })
            .collect())
    }
}

/// The version of the IANA time zone database built in, such as `"2025b"`.
#[napi(catch_unwind)]
pub fn tz_version() -> String {
    itsm_core::calendar::tz_version().to_owned()
}
