//! Reading documents: every configuration and input document is a serde type,
//! read here with errors that name the path of the bad field.
//!
//! Paths come from [`serde_path_to_error`] (`week.tue[1]`, `policies[0].metrics[2].goal`),
//! messages from serde and from the documents' own checks, so every error reads
//! `path: what is wrong`. A check that spans several fields of an object (a range
//! whose `to` is before its `from`) runs where the object is read and reports
//! below it with [`at`], so the path still names the field.
//!
//! This module owns reading and the leaf values every document shares (instants,
//! ISO 8601 durations, scalar field values); each area owns its documents.

use std::fmt::Display;

use chrono::{DateTime, TimeDelta, Utc};
use serde::de::{DeserializeOwned, Error as _};
use serde::{Deserialize, Deserializer, Serializer};
use serde_json::Value;

use crate::error::{Error, Result};
use crate::time::{Millis, check_range, format_instant};

/// How a serde error message carries a sub-path before its reason
/// (``at `holidays[2].to`: is before `from` ``): readable when a host reads a
/// document with plain serde, and recovered into the path by this module.
const SUB_PATH_OPEN: &str = "at `";
const SUB_PATH_CLOSE: &str = "`: ";

/// Which error a bad document gives: configuration (calendars, policies) or
/// input data (timelines).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Config,
    Input,
}

/// A serde error for a rule that concerns `sub_path` below the value being read
/// (`"to"`, `"[3].at"`): the reported path is the value's path followed by it.
pub(crate) fn at<E: serde::de::Error>(sub_path: &str, reason: impl Display) -> E {
    E::custom(DocumentError::at(sub_path, reason.to_string()))
}

/// A broken rule of a document object, found after its fields were read (in a
/// `TryFrom` of its written form): the reason and, when it concerns one field,
/// the path of that field below the object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DocumentError {
    sub_path: String,
    reason: String,
}

impl DocumentError {
    /// A rule of the object as a whole.
    pub(crate) fn here(reason: impl Into<String>) -> DocumentError {
        DocumentError {
            sub_path: String::new(),
            reason: reason.into(),
        }
    }

    /// A rule about the field at `sub_path` below the object.
    pub(crate) fn at(sub_path: impl Into<String>, reason: impl Into<String>) -> DocumentError {
        DocumentError {
            sub_path: sub_path.into(),
            reason: reason.into(),
        }
    }
}

impl DocumentError {
    /// The same error seen from `prefix` above the object.
    pub(crate) fn under(self, prefix: &str) -> DocumentError {
        let sub_path = match (self.sub_path.is_empty(), self.sub_path.starts_with('[')) {
            (true, _) => prefix.to_owned(),
            (false, true) => format!("{prefix}{}", self.sub_path),
            (false, false) => format!("{prefix}.{}", self.sub_path),
        };
        DocumentError { sub_path, ..self }
    }

    /// The configuration error this is, at `prefix` followed by its sub-path.
    pub(crate) fn into_config_error(self, prefix: &str) -> Error {
        let path = match (prefix.is_empty(), self.sub_path.is_empty()) {
            (_, true) => prefix.to_owned(),
            (true, false) => self.sub_path,
            (false, false) if self.sub_path.starts_with('[') => {
                format!("{prefix}{}", self.sub_path)
            }
            (false, false) => format!("{prefix}.{}", self.sub_path),
        };
        Error::InvalidConfig {
            path,
            reason: self.reason,
        }
    }
}

/// Written so that [`from_json`] and [`from_value`] can recover the path.
impl Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.sub_path.is_empty() {
            f.write_str(&self.reason)
        } else {
            write!(
                f,
                "{SUB_PATH_OPEN}{}{SUB_PATH_CLOSE}{}",
                self.sub_path, self.reason
            )
        }
    }
}

/// Reads a document from JSON text.
pub(crate) fn from_json<T: DeserializeOwned>(kind: Kind, text: &str) -> Result<T> {
    // Tracking paths costs on every read; only a refusal needs them, so a
    // document is read again with them only when it fails. (An array is never
    // a document, though serde would read one as a struct's fields.)
    let object = text.trim_start().starts_with('{');
    if object {
        if let Ok(document) = serde_json::from_str::<T>(text) {
            return Ok(document);
        }
    }
    if !object {
        if let Ok(value) = serde_json::from_str::<Value>(text) {
            return from_value(kind, &value);
        }
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
        let syntax = !e.inner().is_data();
        let path = e.path().to_string();
        let inner = e.into_inner();
        if syntax {
            // Reading from text, serde sees a second key where a one-key
            // object (a condition) ends as a syntax error: when the text is
            // JSON after all, the error is the document's, read from data.
            return match serde_json::from_str::<Value>(text) {
                Ok(value) => match from_value::<T>(kind, &value) {
                    Err(e) => e,
                    Ok(_) => error(kind, path, inner.to_string()),
                },
                Err(_) => error(kind, String::new(), format!("not valid JSON: {inner}")),
            };
        }
        convert(kind, path, &inner)
    })?;
    deserializer
        .end()
        .map_err(|e| error(kind, String::new(), format!("not valid JSON: {e}")))?;
    Ok(value)
}

/// An input document's reading error as the argument `name` it is, its path
/// below the argument (`context.actor.id`, `command.steps[0]`).
pub(crate) fn as_argument(name: &str, error: Error) -> Error {
    match error {
        Error::InvalidInput { path, reason } => Error::InvalidArgument {
            name: match path.as_str() {
                "" => name.to_owned(),
                p if p.starts_with('[') => format!("{name}{p}"),
                p => format!("{name}.{p}"),
            },
            reason,
        },
        other => other,
    }
}

/// Reads a document of type `T` whose part `Inner`, an internally tagged
/// enum (`{"type": ...}`), is flattened beside the keys `outer`. serde loses
/// the path inside both, so a refusal is read again from the part alone, its
/// variant through `Twin`: the same variants externally tagged (declared
/// once, by `tagged_document!`), whose error names
/// the path inside the variant.
pub(crate) fn from_value_tagged<T: DeserializeOwned, Twin: DeserializeOwned>(
    kind: Kind,
    value: &Value,
    outer: &[&str],
) -> Result<T> {
    from_value::<T>(kind, value).map_err(|error| {
        let Value::Object(map) = value else {
            return error;
        };
        let mut inner = map.clone();
        inner.retain(|k, _| !outer.contains(&k.as_str()));
        let Some(Value::String(tag)) = inner.remove("type") else {
            return error;
        };
        let twin = Value::Object([(tag.clone(), Value::Object(inner))].into_iter().collect());
        match serde_path_to_error::deserialize::<_, Twin>(&twin) {
            Err(e) => {
                let path = e.path().to_string();
                let inside = match path.strip_prefix(&tag) {
                    Some(rest) => rest.trim_start_matches('.').to_owned(),
                    // The twin's root holds one key, the tag: an error there
                    // (an unknown variant) is the tag's.
                    None => "type".to_owned(),
                };
                convert(kind, inside, e.inner())
            }
            Ok(_) => error,
        }
    })
}

/// Declares a document's internally tagged enum (`{"type": "...", ...}`)
/// and, from the same tokens, its externally tagged twin, which reading uses
/// only to name the path of an error inside a variant
/// ([`from_value_tagged`]). The twin is never built.
macro_rules! tagged_document {
    ($(#[$meta:meta])* $vis:vis enum $name:ident, twin $twin:ident { $($body:tt)* }) => {
        $(#[$meta])*
        #[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
        $vis enum $name { $($body)* }

        #[derive(serde::Deserialize, schemars::JsonSchema)]
        #[serde(rename_all = "snake_case", deny_unknown_fields)]
        #[allow(dead_code)]
        enum $twin { $($body)* }
    };
}
pub(crate) use tagged_document;

/// Reads a document from JSON data.
pub(crate) fn from_value<T: DeserializeOwned>(kind: Kind, value: &Value) -> Result<T> {
    // Every document is an object; serde would read an array as the struct's
    // fields in order and report the first mismatch, which names nothing.
    if !value.is_object() {
        return Err(error(
            kind,
            String::new(),
            format!("expected an object, found {}", found(value)),
        ));
    }
    if let Ok(document) = T::deserialize(value) {
        return Ok(document);
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        convert(kind, path, e.inner())
    })
}

fn convert(kind: Kind, path: String, inner: &serde_json::Error) -> Error {
    let mut message = inner.to_string();
    if inner.line() > 0 {
        let suffix = format!(" at line {} column {}", inner.line(), inner.column());
        if let Some(stripped) = message.strip_suffix(&suffix) {
            message = stripped.to_owned();
        }
    }
    let mut path = if path == "." { String::new() } else { path };
    if let Some(rest) = message.strip_prefix(SUB_PATH_OPEN) {
        if let Some((sub, reason)) = rest.split_once(SUB_PATH_CLOSE) {
            if !sub.is_empty() {
                if !path.is_empty() && !sub.starts_with('[') {
                    path.push('.');
                }
                path.push_str(sub);
            }
            message = reason.to_owned();
        }
    }
    error(kind, path, reword(message))
}

/// Serde's `invalid type: null, expected a string` in the house order of every
/// other message: what was expected, then what was found.
fn reword(message: String) -> String {
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.split_once(", expected "))
        {
            return format!(
                "expected {}, found {}",
                json_words(expected),
                json_words(found)
            );
        }
    }
    message
}

/// Serde's and Rust's names of values in JSON's words: `integer `1`` is
/// `number 1`, `a sequence` is `an array`, `i64` is `an integer`, `struct
/// PlannedChange` is `an object`.
fn json_words(text: &str) -> String {
    let plain = |t: &str| t.replace('`', "");
    match text {
        "f32" | "f64" => "a number".into(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "an integer".into()
        }
        "a sequence" | "sequence" => "an array".into(),
        "map" | "a map" => "an object".into(),
        "unit value" => "null".into(),
        "map with a single key" => "an object with exactly one key".into(),
        "a boolean" | "a string" | "null" => text.into(),
        _ if text.starts_with("struct ") => "an object".into(),
        _ => {
            for (serde_word, json_word) in [
                ("integer ", "number "),
                ("floating point ", "number "),
                ("boolean ", "boolean "),
            ] {
                if let Some(rest) = text.strip_prefix(serde_word) {
                    return format!("{json_word}{}", plain(rest));
                }
            }
            text.into()
        }
    }
}

/// A JSON value as messages name what was found: `an array`, `number 3`,
/// `string "P1"`.
pub(crate) fn found(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(text) => format!("string {text:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

fn error(kind: Kind, path: String, reason: String) -> Error {
    match kind {
        Kind::Config => Error::InvalidConfig { path, reason },
        Kind::Input => Error::InvalidInput { path, reason },
    }
}

/// Writes a document as JSON data. Documents hold strings, numbers and maps with
/// string keys only, so writing cannot fail.
pub(crate) fn to_value<T: serde::Serialize>(document: &T) -> Value {
    serde_json::to_value(document).unwrap_or(Value::Null)
}

/// The canonical JSON text of a document or a list of them: compact, keys
/// sorted, the same bytes in every language.
///
/// # Example
/// ```
/// let text = itsm_core::canonical_json(&serde_json::json!({"b": 1, "a": [true]}));
/// assert_eq!(text, r#"{"a":[true],"b":1}"#);
/// ```
pub fn canonical_json<T: serde::Serialize + ?Sized>(document: &T) -> String {
    to_value(&document).to_string()
}

// ---------------------------------------------------------------------------
// Leaf values

/// `#[serde(with = "document::instant")]`: an instant as canonical text.
pub(crate) mod instant {
    pub(crate) use super::{deserialize_instant as deserialize, serialize_instant as serialize};
}

/// `#[serde(with = "document::option_instant")]`: an optional instant, or null.
pub(crate) mod option_instant {
    pub(crate) use super::{
        deserialize_option_instant as deserialize, serialize_option_instant as serialize,
    };
}

/// `#[serde(with = "document::duration_ms")]`: a duration as whole milliseconds.
pub(crate) mod duration_ms {
    pub(crate) use super::{
        deserialize_duration_ms as deserialize, serialize_duration_ms as serialize,
    };
}

/// `#[serde(with = "document::option_duration_ms")]`: an optional duration as
/// whole milliseconds, or null.
pub(crate) mod option_duration_ms {
    pub(crate) use super::{
        deserialize_option_duration_ms as deserialize, serialize_option_duration_ms as serialize,
    };
}

/// `#[serde(with = "document::durations_ms")]`: durations by key, as whole milliseconds.
pub(crate) mod durations_ms {
    pub(crate) use super::{
        deserialize_durations_ms as deserialize, serialize_durations_ms as serialize,
    };
}

/// Reads an instant: RFC 3339 text with an offset, inside the supported range.
pub(crate) fn deserialize_instant<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<DateTime<Utc>, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    parse_instant_text(&text).map_err(D::Error::custom)
}

/// Reads an optional instant (`null` or absent is `None`).
pub(crate) fn deserialize_option_instant<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    match Option::<std::borrow::Cow<'de, str>>::deserialize(d)? {
        None => Ok(None),
        Some(text) => parse_instant_text(&text)
            .map(Some)
            .map_err(D::Error::custom),
    }
}

fn parse_instant_text(text: &str) -> std::result::Result<DateTime<Utc>, String> {
    let instant = DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| format!("expected an RFC 3339 instant with an offset, found {text:?}"))?;
    check_range(instant.timestamp_millis()).map_err(|e| e.to_string())?;
    Ok(instant)
}

/// The newtype name under which instants are written: JSON writers see only
/// the canonical text inside, while a binding's own serializer can recognise it
/// and hand its language's instant type (`datetime`, `Date`) instead.
///
/// # Example
/// ```
/// // serde_json (and every plain JSON writer) sees through the newtype.
/// let t = itsm_core::parse_instant("t", "2026-11-23T09:00:00Z").unwrap();
/// let event = itsm_core::Event::new(t, "note");
/// assert_eq!(serde_json::to_string(&event).unwrap(), r#"{"at":"2026-11-23T09:00:00.000Z","type":"note"}"#);
/// assert_eq!(itsm_core::INSTANT_NEWTYPE, "$itsm::instant");
/// ```
pub const INSTANT_NEWTYPE: &str = "$itsm::instant";

/// The newtype name under which durations in milliseconds are written (the
/// `*_ms` fields of results): JSON writers see the integer, a binding's
/// serializer may hand a duration type (`timedelta`).
pub const DURATION_MS_NEWTYPE: &str = "$itsm::duration_ms";

/// Writes an instant in the canonical form of [`format_instant`].
pub(crate) fn serialize_instant<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(INSTANT_NEWTYPE, &format_instant(*t))
}

/// Writes a duration as whole milliseconds.
pub(crate) fn serialize_duration_ms<S: Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_newtype_struct(DURATION_MS_NEWTYPE, &d.num_milliseconds())
}

/// Reads a duration given as whole milliseconds.
pub(crate) fn deserialize_duration_ms<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<TimeDelta, D::Error> {
    let ms = i64::deserialize(d)?;
    TimeDelta::try_milliseconds(ms)
        .ok_or_else(|| D::Error::custom(format!("{ms} ms is not a duration chrono can hold")))
}

/// A duration that serializes as [`serialize_duration_ms`] does.
struct Ms(TimeDelta);

impl serde::Serialize for Ms {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_duration_ms(&self.0, s)
    }
}

/// Writes an optional duration as whole milliseconds, or null.
pub(crate) fn serialize_option_duration_ms<S: Serializer>(
    d: &Option<TimeDelta>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_some(&Ms(*d)),
        None => s.serialize_none(),
    }
}

/// Reads an optional duration given as whole milliseconds.
pub(crate) fn deserialize_option_duration_ms<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<TimeDelta>, D::Error> {
    Option::<i64>::deserialize(d)?
        .map(|ms| {
            TimeDelta::try_milliseconds(ms).ok_or_else(|| {
                D::Error::custom(format!("{ms} ms is not a duration chrono can hold"))
            })
        })
        .transpose()
}

/// Writes durations as whole milliseconds, by key.
pub(crate) fn serialize_durations_ms<S: Serializer>(
    map: &std::collections::BTreeMap<String, TimeDelta>,
    s: S,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut out = s.serialize_map(Some(map.len()))?;
    for (k, v) in map {
        out.serialize_entry(k, &Ms(*v))?;
    }
    out.end()
}

/// Reads durations given as whole milliseconds, by key.
pub(crate) fn deserialize_durations_ms<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<std::collections::BTreeMap<String, TimeDelta>, D::Error> {
    std::collections::BTreeMap::<String, i64>::deserialize(d)?
        .into_iter()
        .map(|(k, ms)| {
            TimeDelta::try_milliseconds(ms)
                .map(|d| (k, d))
                .ok_or_else(|| {
                    D::Error::custom(format!("{ms} ms is not a duration chrono can hold"))
                })
        })
        .collect()
}

/// Writes an optional instant in the canonical form, or null.
pub(crate) fn serialize_option_instant<S: Serializer>(
    t: &Option<DateTime<Utc>>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_some(&Canonical(*t)),
        None => s.serialize_none(),
    }
}

/// An instant that serializes as [`serialize_instant`] does.
struct Canonical(DateTime<Utc>);

impl serde::Serialize for Canonical {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_instant(&self.0, s)
    }
}

/// Reads an ISO 8601 duration of hours, minutes and seconds (`PT8H`, `PT1H30M`,
/// `PT0.5S`); days are refused because a day is ambiguous here.
pub(crate) fn deserialize_duration<'de, D: Deserializer<'de>>(d: D) -> Result<Millis, D::Error> {
    let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
    crate::time::parse_duration(&text).map_err(D::Error::custom)
}

/// Writes a duration as its canonical ISO 8601 text.
pub(crate) fn serialize_duration<S: Serializer>(ms: &Millis, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::time::format_duration(*ms))
}

/// Reads a field value: a string, number, boolean or null.
pub(crate) fn deserialize_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Value, D::Error> {
    let value = Value::deserialize(d)?;
    check_scalar(value).map_err(D::Error::custom)
}

pub(crate) fn check_scalar(value: Value) -> std::result::Result<Value, &'static str> {
    if value.is_array() || value.is_object() {
        Err("a field value is a string, number, boolean or null")
    } else {
        Ok(canonical_number(value))
    }
}

/// A whole number held as a float (`1.0`, from a language that cannot tell
/// `1` from `1.0`, or from JSON text) as the integer it is: field values and
/// the values conditions compare them with are equal, and written the same,
/// whichever language gave them.
pub(crate) fn canonical_number(value: Value) -> Value {
    const EXACT: f64 = 9_007_199_254_740_992.0; // 2^53: integers beyond are not exact in a float
    match value.as_f64() {
        Some(f) if value.is_f64() && f.fract() == 0.0 && f.abs() <= EXACT => Value::from(f as i64),
        _ => value,
    }
}

/// Reads a non-empty list of field values (an empty list would match nothing).
pub(crate) fn deserialize_scalars<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Value>, D::Error> {
    let values = Vec::<Value>::deserialize(d)?;
    if values.is_empty() {
        return Err(D::Error::custom("an empty list matches nothing"));
    }
    for (i, v) in values.iter().enumerate() {
        if v.is_array() || v.is_object() {
            return Err(at(
                &format!("[{i}]"),
                "expected a string, number, boolean or null",
            ));
        }
    }
    Ok(values.into_iter().map(canonical_number).collect())
}

/// Reads a non-empty list.
pub(crate) fn deserialize_non_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    let values = Vec::<T>::deserialize(d)?;
    if values.is_empty() {
        return Err(D::Error::custom("needs at least one element"));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        week: std::collections::BTreeMap<String, Vec<Vec<u32>>>,
        #[serde(default)]
        n: Option<i64>,
    }

    #[test]
    fn paths_name_fields_and_indices() {
        let err = from_value::<Doc>(Kind::Config, &json!({"week": {"tue": [[1], [2, "x"]]}}))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "week.tue[1][1]: expected an integer, found string \"x\""
        );
    }

    #[test]
    fn unknown_fields_and_missing_fields_are_named() {
        let err = from_value::<Doc>(Kind::Config, &json!({"week": {}, "wek": 1})).unwrap_err();
        assert_eq!(
            err.to_string(),
            "wek: unknown field `wek`, expected `week` or `n`"
        );
        let err = from_json::<Doc>(Kind::Input, r#"{"n": 1}"#).unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert_eq!(err.to_string(), "(document): missing field `week`");
    }

    #[test]
    fn a_well_formed_text_gets_the_error_of_its_data() {
        let text = r#"{"state_in": ["new"], "always": true}"#;
        let err = from_json::<crate::rules::Condition>(Kind::Config, text).unwrap_err();
        assert_eq!(
            err.to_string(),
            "(document): expected an object with exactly one key, found an object"
        );
    }

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = from_json::<Doc>(Kind::Config, "{\"week\": ").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("(document): not valid JSON: EOF"),
            "{err}"
        );
        let err = from_json::<Doc>(Kind::Config, r#"{"week": {}} x"#).unwrap_err();
        assert!(err.to_string().contains("trailing characters"), "{err}");
    }
}

/// A finding of a linter: a document that loads but is almost certainly not
/// what was meant, or (for the linters that read a document before loading it)
/// a reason it would not load. The same shape for every area: policy sets,
/// workflows, priority matrices.
///
/// # Example
/// ```
/// let finding = itsm_core::Finding { path: "states[3]".into(), code: "unreachable_state", message: "no transition leads to on_hold".into() };
/// assert_eq!(serde_json::to_string(&finding).unwrap(),
///     r#"{"path":"states[3]","code":"unreachable_state","message":"no transition leads to on_hold"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Finding {
    /// The path of the part of the document concerned.
    pub path: String,
    /// A stable code; each linter lists its own.
    #[schemars(extend("enum" = [
        "start_inside_stop", "pause_inside_start", "start_excludes_pause", "unknown_state",
        "unknown_calendar", "duplicate_state", "duplicate_field", "duplicate_transition_name",
        "name_is_a_state", "required_fields_cycle", "unreachable_state", "no_way_to_terminal",
        "no_terminal_state", "leaves_terminal_state", "duplicate_transition", "undeclared_field",
        "unknown_value", "unused_priority", "unreachable_override", "override_changes_nothing"
    ]))]
    pub code: &'static str,
    /// What is wrong, in a sentence.
    pub message: String,
}
