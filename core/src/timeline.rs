//! The shared vocabulary of time: instants at millisecond precision and their one
//! canonical text form.
//!
//! Every computation in the core works on integer milliseconds since the Unix
//! epoch, UTC, with half-open intervals. Public functions take and return
//! [`chrono::DateTime<Utc>`]; sub-millisecond parts of an input are truncated
//! (towards the past), so every result is a whole millisecond.
//!
//! This module owns instants only; events, states and actors join it when the
//! record and SLA modules need them.

use chrono::{DateTime, SecondsFormat, TimeDelta, Utc};

use crate::error::{Error, Result};

/// Milliseconds since 1970-01-01T00:00:00Z.
pub(crate) type Millis = i64;

/// One minute, hour and day in milliseconds.
pub(crate) const MINUTE_MS: Millis = 60_000;
pub(crate) const HOUR_MS: Millis = 60 * MINUTE_MS;
pub(crate) const DAY_MS: Millis = 24 * HOUR_MS;

/// First instant the core computes with: 1900-01-01T00:00:00Z.
pub const MIN_INSTANT: &str = "1900-01-01T00:00:00.000Z";
/// First instant past the range the core computes with: 2300-01-01T00:00:00Z.
pub const MAX_INSTANT: &str = "2300-01-01T00:00:00.000Z";
pub(crate) const MIN_MS: Millis = -2_208_988_800_000;
pub(crate) const MAX_MS: Millis = 10_413_792_000_000;

/// Converts an instant to milliseconds, refusing instants outside
/// [`MIN_INSTANT`]..[`MAX_INSTANT`].
pub(crate) fn to_millis(instant: DateTime<Utc>) -> Result<Millis> {
    let ms = instant.timestamp_millis();
    check_range(ms)?;
    Ok(ms)
}

pub(crate) fn check_range(ms: Millis) -> Result<()> {
    if (MIN_MS..=MAX_MS).contains(&ms) {
        Ok(())
    } else {
        Err(Error::OutOfRange {
            instant: DateTime::<Utc>::from_timestamp_millis(ms).map_or_else(
                || format!("instant {ms} ms since the epoch"),
                |t| format!("instant {}", format_instant(t)),
            ),
            min: MIN_INSTANT,
            max: MAX_INSTANT,
        })
    }
}

/// The instant `ms` milliseconds after 1970-01-01T00:00:00Z, for bindings whose
/// instants are numbers (a JavaScript `Date`'s time value).
///
/// # Errors
/// [`Error::OutOfRange`] outside [`MIN_INSTANT`]..[`MAX_INSTANT`].
///
/// # Example
/// ```
/// let t = itsm_core::instant_from_millis(1_795_435_200_000).unwrap();
/// assert_eq!(itsm_core::format_instant(t), "2026-11-23T12:00:00.000Z");
/// assert_eq!(itsm_core::instant_from_millis(8_640_000_000_000_000).unwrap_err().code(), "out_of_range");
/// ```
pub fn instant_from_millis(ms: i64) -> Result<DateTime<Utc>> {
    check_range(ms)?;
    Ok(from_millis(ms))
}

/// Milliseconds back to an instant. Every `Millis` the core produces lies in the
/// supported range, far inside chrono's.
pub(crate) fn from_millis(ms: Millis) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

/// A duration in whole milliseconds, refusing negative ones.
pub(crate) fn duration_to_millis(name: &str, duration: TimeDelta) -> Result<Millis> {
    if duration < TimeDelta::zero() {
        return Err(Error::invalid_argument(name, "must not be negative"));
    }
    Ok(duration.num_milliseconds())
}

/// The canonical text of an instant: RFC 3339 in UTC with exactly three
/// fractional digits, as JavaScript's `Date.prototype.toISOString` writes it.
/// Every binding and every conformance vector uses this form, so results compare
/// byte for byte across languages.
///
/// # Example
/// ```
/// use chrono::{TimeZone, Utc};
/// let t = Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0).unwrap();
/// assert_eq!(itsm_core::format_instant(t), "2026-03-29T01:00:00.000Z");
/// ```
pub fn format_instant(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Serializes an instant in the canonical form of [`format_instant`].
pub(crate) fn serialize_instant<S: serde::Serializer>(
    t: &DateTime<Utc>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&format_instant(*t))
}

/// Serializes an optional instant in the canonical form, or null.
pub(crate) fn serialize_option_instant<S: serde::Serializer>(
    t: &Option<DateTime<Utc>>,
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_instant(*t)),
        None => s.serialize_none(),
    }
}

/// Parses an RFC 3339 instant with any offset (`Z`, `+02:00`) into UTC.
///
/// # Errors
/// [`Error::InvalidArgument`] naming `name` when the text is not RFC 3339 or
/// lacks an offset.
///
/// # Example
/// ```
/// let t = itsm_core::parse_instant("t", "2026-03-29T03:00:00+02:00").unwrap();
/// assert_eq!(itsm_core::format_instant(t), "2026-03-29T01:00:00.000Z");
/// assert!(itsm_core::parse_instant("t", "2026-03-29T03:00:00").is_err());
/// ```
pub fn parse_instant(name: &str, text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            Error::invalid_argument(
                name,
                format!("{text:?} is not an RFC 3339 instant with an offset ({e})"),
            )
        })
}

// ---------------------------------------------------------------------------
// Sets of intervals

/// A half-open interval `[start, end)` of UTC milliseconds.
pub(crate) type Span = (Millis, Millis);

/// Appends `span` to sorted, merged spans, merging it when it touches the last.
pub(crate) fn push_merged(out: &mut Vec<Span>, (start, end): Span) {
    match out.last_mut() {
        Some(last) if last.1 >= start => last.1 = last.1.max(end),
        _ => out.push((start, end)),
    }
}

/// The spans in `a` or `b` (each sorted and merged), sorted and merged.
pub(crate) fn union(a: &[Span], b: &[Span]) -> Vec<Span> {
    let mut all: Vec<Span> = a.iter().chain(b).copied().collect();
    all.sort_unstable();
    let mut out = Vec::with_capacity(all.len());
    for span in all {
        push_merged(&mut out, span);
    }
    out
}

/// The spans in both `a` and `b` (each sorted and merged).
pub(crate) fn intersection(a: &[Span], b: &[Span]) -> Vec<Span> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() && j < b.len() {
        let start = a[i].0.max(b[j].0);
        let end = a[i].1.min(b[j].1);
        if start < end {
            out.push((start, end));
        }
        if a[i].1 < b[j].1 { i += 1 } else { j += 1 }
    }
    out
}

/// The spans in `a` and not in `b` (each sorted and merged).
pub(crate) fn difference(a: &[Span], b: &[Span]) -> Vec<Span> {
    let (mut j, mut out) = (0, Vec::new());
    for &(mut start, end) in a {
        while j < b.len() && b[j].1 <= start {
            j += 1;
        }
        let mut k = j;
        while k < b.len() && b[k].0 < end {
            if b[k].0 > start {
                out.push((start, b[k].0));
            }
            start = start.max(b[k].1);
            k += 1;
        }
        if start < end {
            out.push((start, end));
        }
    }
    out
}

#[cfg(test)]
mod span_tests {
    use super::*;

    #[test]
    fn set_operations_on_sorted_spans() {
        let a = [(0, 10), (20, 30)];
        let b = [(5, 25)];
        assert_eq!(union(&a, &b), vec![(0, 30)]);
        assert_eq!(intersection(&a, &b), vec![(5, 10), (20, 25)]);
        assert_eq!(difference(&a, &b), vec![(0, 5), (25, 30)]);
        assert_eq!(
            difference(&[(0, 30)], &[(5, 10), (12, 14)]),
            vec![(0, 5), (10, 12), (14, 30)]
        );
        assert_eq!(difference(&[(0, 10)], &[]), vec![(0, 10)]);
        assert_eq!(intersection(&[(0, 10)], &[]), vec![]);
        assert_eq!(union(&[(0, 10)], &[(10, 20)]), vec![(0, 20)]);
    }
}

// ---------------------------------------------------------------------------
// Records as timelines of events

/// A record's fields: names to JSON scalars (string, number, boolean, null).
pub type Fields = std::collections::BTreeMap<String, serde_json::Value>;

/// One change to a record: at an instant, of a type, setting some fields.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened (`"assigned"`, `"comment"`, `"state_changed"`, ...): free
    /// text that conditions can test with `event_is`.
    pub kind: String,
    /// The fields it sets; a `null` value clears a field.
    pub set: Fields,
    /// Who did it, when the host knows.
    pub actor: Option<String>,
}

/// A record's history: its fields when created and every event since, in order.
/// The input of SLA evaluation; hosts build it from any ticket system's history
/// (see `docs/timeline-format.md`).
///
/// # Example
/// ```
/// let timeline = itsm_core::Timeline::from_json(r#"{
///     "id": "INC-42",
///     "created_at": "2026-11-23T09:00:00Z",
///     "fields": {"state": "new", "priority": "P2"},
///     "events": [{"at": "2026-11-23T09:30:00Z", "type": "assigned", "set": {"state": "in_progress"}}]
/// }"#).unwrap();
/// assert_eq!(timeline.events.len(), 1);
/// let err = itsm_core::Timeline::from_json(r#"{"id": "X", "created_at": "2026-11-23T09:00:00Z",
///     "events": [{"at": "2026-11-23T08:00:00Z", "type": "note"}]}"#).unwrap_err();
/// assert_eq!(err.to_string(), "events[0].at: 2026-11-23T08:00:00.000Z is before created_at 2026-11-23T09:00:00.000Z");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The record's id, as the host knows it.
    pub id: String,
    /// When the record was created.
    pub created_at: DateTime<Utc>,
    /// Its fields at creation.
    pub fields: Fields,
    /// Everything that happened since, in time order (equal instants keep their
    /// order).
    pub events: Vec<Event>,
}

impl Timeline {
    /// Reads a timeline from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] naming the path of a bad field; events out of
    /// time order are an error, never silently sorted.
    pub fn from_json(text: &str) -> Result<Timeline> {
        Timeline::from_value(&crate::config::parse_json(text)?)
    }

    /// Reads a timeline from JSON data.
    ///
    /// # Errors
    /// As [`Timeline::from_json`].
    pub fn from_value(value: &serde_json::Value) -> Result<Timeline> {
        read_timeline(&crate::config::Node::root(value))
    }

    /// The timeline as compact JSON text, in the form [`Timeline::from_json`] reads.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The timeline as JSON data, in the form [`Timeline::from_value`] reads.
    pub fn to_value(&self) -> serde_json::Value {
        let events: Vec<serde_json::Value> = self
            .events
            .iter()
            .map(|e| {
                let mut map = serde_json::Map::new();
                map.insert("at".into(), format_instant(e.at).into());
                map.insert("type".into(), e.kind.clone().into());
                if !e.set.is_empty() {
                    map.insert(
                        "set".into(),
                        serde_json::to_value(&e.set).unwrap_or_default(),
                    );
                }
                if let Some(actor) = &e.actor {
                    map.insert("actor".into(), actor.clone().into());
                }
                serde_json::Value::Object(map)
            })
            .collect();
        serde_json::json!({
            "id": self.id,
            "created_at": format_instant(self.created_at),
            "fields": self.fields,
            "events": events,
        })
    }
}

pub(crate) fn read_instant(node: &crate::config::Node<'_>) -> Result<DateTime<Utc>> {
    let text = node.str()?;
    let instant = DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            node.error(format!(
                "expected an RFC 3339 instant with an offset, found {text:?}"
            ))
        })?;
    check_range(instant.timestamp_millis()).map_err(|e| node.error(e.to_string()))?;
    Ok(instant)
}

fn read_fields(node: &crate::config::Node<'_>) -> Result<Fields> {
    let map = node
        .value()
        .as_object()
        .ok_or_else(|| node.error("expected an object of field values"))?;
    let obj = node.object(&map.keys().map(String::as_str).collect::<Vec<_>>())?;
    let mut fields = Fields::new();
    for key in map.keys() {
        let child = obj.required(key)?;
        if child.value().is_array() || child.value().is_object() {
            return Err(child.error("a field value is a string, number, boolean or null"));
        }
        fields.insert(key.clone(), child.value().clone());
    }
    Ok(fields)
}

fn read_timeline(node: &crate::config::Node<'_>) -> Result<Timeline> {
    let obj = node.object(&["id", "created_at", "fields", "events"])?;
    let id = obj.required("id")?.str()?.to_owned();
    let created_node = obj.required("created_at")?;
    let created_at = read_instant(&created_node)?;
    let fields = obj
        .get("fields")
        .map(|f| read_fields(&f))
        .transpose()?
        .unwrap_or_default();
    let mut events: Vec<Event> = Vec::new();
    if let Some(list) = obj.get("events") {
        for item in list.items()? {
            let e = item.object(&["at", "type", "set", "actor"])?;
            let at_node = e.required("at")?;
            let at = read_instant(&at_node)?;
            if at < created_at {
                return Err(at_node.error(format!(
                    "{} is before created_at {}",
                    format_instant(at),
                    format_instant(created_at)
                )));
            }
            if let Some(previous) = events.last() {
                if at < previous.at {
                    return Err(at_node.error(format!(
                        "{} is before the previous event's {}: events must be in time order",
                        format_instant(at),
                        format_instant(previous.at)
                    )));
                }
            }
            events.push(Event {
                at,
                kind: e.required("type")?.str()?.to_owned(),
                set: e
                    .get("set")
                    .map(|s| read_fields(&s))
                    .transpose()?
                    .unwrap_or_default(),
                actor: e
                    .get("actor")
                    .map(|a| a.str().map(str::to_owned))
                    .transpose()?,
            });
        }
    }
    Ok(Timeline {
        id,
        created_at,
        fields,
        events,
    })
}
