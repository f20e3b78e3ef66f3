//! Events and timelines: the shared vocabulary of records. A record's history is
//! its fields when created and every event since, in time order; the SLA engine
//! reads it, and workflows and records will write it.
//!
//! This module owns the timeline document and its invariants (time order, field
//! values that are scalars, instants in the supported range); it knows nothing of
//! what the events mean.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use crate::document::{self, Kind};
use crate::error::{Error, Result};
use crate::time::{check_range, format_instant};

/// A record's fields: names to JSON scalars (string, number, boolean, null).
pub type Fields = std::collections::BTreeMap<String, Value>;

/// Reads a record's fields from JSON text: an object whose values are
/// scalars.
///
/// # Errors
/// [`Error::InvalidInput`] naming the field whose value is an array or an
/// object, or the document when the text is not a JSON object.
///
/// # Example
/// ```
/// let fields = itsm_core::fields_from_json(r#"{"state": "new", "vip": true}"#).unwrap();
/// assert_eq!(fields["vip"], true);
/// let err = itsm_core::fields_from_json(r#"{"state": "new", "tags": ["a"]}"#).unwrap_err();
/// assert_eq!(err.to_string(), "tags: a field value is a string, number, boolean or null");
/// ```
pub fn fields_from_json(text: &str) -> Result<Fields> {
    #[derive(Deserialize)]
    #[serde(transparent)]
    struct Record(#[serde(deserialize_with = "deserialize_fields")] Fields);
    document::from_json::<Record>(Kind::Input, text).map(|record| record.0)
}

/// Reads fields, refusing values that are not scalars.
pub(crate) fn deserialize_fields<'de, D: Deserializer<'de>>(
    d: D,
) -> std::result::Result<Fields, D::Error> {
    let fields = Fields::deserialize(d)?;
    for (name, value) in &fields {
        if value.is_array() || value.is_object() {
            return Err(document::at(
                name,
                "a field value is a string, number, boolean or null",
            ));
        }
    }
    Ok(canonical_fields(fields))
}

/// The fields with every whole number held as a float made the integer it is.
pub(crate) fn canonical_fields(mut fields: Fields) -> Fields {
    for value in fields.values_mut().filter(|v| v.is_f64()) {
        *value = document::canonical_number(std::mem::take(value));
    }
    fields
}

pub(crate) fn checked_fields(what: &str, fields: &Fields) -> Result<()> {
    match fields.iter().find(|(_, v)| v.is_array() || v.is_object()) {
        Some((name, _)) => Err(Error::invalid_argument(
            what,
            format!("field {name:?}: a field value is a string, number, boolean or null"),
        )),
        None => Ok(()),
    }
}

/// One change to a record: at an instant, of a type, setting some fields, by an
/// actor when the host knows one.
///
/// # Example
/// ```
/// use itsm_core::Event;
/// let at = itsm_core::parse_instant("at", "2026-11-23T09:30:00Z").unwrap();
/// let event = Event::new(at, "assigned").with_field("state", "in_progress").unwrap().by("alice");
/// assert_eq!(event.kind(), "assigned");
/// assert_eq!(event.set()["state"], "in_progress");
/// assert!(Event::new(at, "x").with_field("tags", serde_json::json!(["a"])).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// When it happened.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    at: DateTime<Utc>,
    /// What happened (`"assigned"`, `"comment"`, `"state_changed"`, ...): free
    /// text that conditions test with `event_is`.
    #[serde(rename = "type")]
    kind: String,
    /// The fields it sets; a `null` value clears a field.
    #[serde(
        default,
        skip_serializing_if = "Fields::is_empty",
        deserialize_with = "deserialize_fields"
    )]
    #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
    set: Fields,
    /// Who did it, when the host knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    actor: Option<String>,
}

impl Event {
    /// An event of type `kind` at `at` that sets nothing.
    pub fn new(at: DateTime<Utc>, kind: impl Into<String>) -> Event {
        Event {
            at,
            kind: kind.into(),
            set: Fields::new(),
            actor: None,
        }
    }

    /// The event, also setting `field` to `value` (`null` clears it).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `value` is an array or an object.
    pub fn with_field(
        mut self,
        field: impl Into<String>,
        value: impl Into<Value>,
    ) -> Result<Event> {
        let (field, value) = (field.into(), value.into());
        if value.is_array() || value.is_object() {
            return Err(Error::invalid_argument(
                "value",
                format!("field {field:?}: a field value is a string, number, boolean or null"),
            ));
        }
        self.set.insert(field, document::canonical_number(value));
        Ok(self)
    }

    /// The event, also setting every field of `fields`.
    ///
    /// # Errors
    /// As [`Event::with_field`].
    pub fn with_fields(mut self, fields: Fields) -> Result<Event> {
        checked_fields("fields", &fields)?;
        self.set.extend(canonical_fields(fields));
        Ok(self)
    }

    /// The event, done by `actor`.
    pub fn by(mut self, actor: impl Into<String>) -> Event {
        self.actor = Some(actor.into());
        self
    }

    /// When it happened.
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// Its type.
    pub fn kind(&self) -> &str {
        &self.kind
    }

    /// The fields it sets.
    pub fn set(&self) -> &Fields {
        &self.set
    }

    /// Who did it.
    pub fn actor(&self) -> Option<&str> {
        self.actor.as_deref()
    }
}

/// A record's history: its fields when created and every event since, in time
/// order (equal instants keep their order). The input of SLA evaluation; hosts
/// build it from any ticket system's history (see `docs/timeline-format.md`).
///
/// The constructors keep the invariants: events are never before the creation
/// or before the event they follow, field values are scalars, instants lie in
/// the supported range. Reading a document checks the same, and names the path.
///
/// # Example
/// ```
/// let timeline = itsm_core::Timeline::from_json(r#"{
///     "id": "INC-42",
///     "created_at": "2026-11-23T09:00:00Z",
///     "fields": {"state": "new", "priority": "P2"},
///     "events": [{"at": "2026-11-23T09:30:00Z", "type": "assigned", "set": {"state": "in_progress"}}]
/// }"#).unwrap();
/// assert_eq!(timeline.events().len(), 1);
/// let err = itsm_core::Timeline::from_json(r#"{"id": "X", "created_at": "2026-11-23T09:00:00Z",
///     "events": [{"at": "2026-11-23T08:00:00Z", "type": "note"}]}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_input");
/// assert_eq!(err.to_string(), "events[0].at: 2026-11-23T08:00:00.000Z is before created_at 2026-11-23T09:00:00.000Z");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(remote = "Self", deny_unknown_fields)]
pub struct Timeline {
    /// The record's id, as the host knows it.
    id: String,
    /// When the record was created.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    created_at: DateTime<Utc>,
    /// Its fields at creation.
    #[serde(default, deserialize_with = "deserialize_fields")]
    #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
    fields: Fields,
    /// Everything that happened since, in time order.
    #[serde(default)]
    events: Vec<Event>,
}

impl Serialize for Timeline {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        Timeline::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Timeline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let timeline = Timeline::deserialize(d)?;
        if let Some((i, reason)) = timeline.first_misplaced_event() {
            return Err(document::at(&format!("events[{i}].at"), reason));
        }
        Ok(timeline)
    }
}

impl Timeline {
    /// A record created at `created_at` with `fields`, with no events yet.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when a field value is an array or an object, or
    /// [`Error::OutOfRange`] when `created_at` lies outside the supported range.
    ///
    /// # Example
    /// ```
    /// use itsm_core::{Event, Timeline, parse_instant};
    /// let created = parse_instant("t", "2026-11-23T09:00:00Z").unwrap();
    /// let mut timeline = Timeline::new("INC-1", created, [("state".to_string(), "new".into())].into()).unwrap();
    /// timeline.push(Event::new(parse_instant("t", "2026-11-23T10:00:00Z").unwrap(), "assigned")).unwrap();
    /// let err = timeline.push(Event::new(created, "late")).unwrap_err();
    /// assert_eq!(err.to_string(), "invalid argument `event`: 2026-11-23T09:00:00.000Z is before the previous event's 2026-11-23T10:00:00.000Z: events must be in time order");
    /// ```
    pub fn new(
        id: impl Into<String>,
        created_at: DateTime<Utc>,
        fields: Fields,
    ) -> Result<Timeline> {
        check_range(created_at.timestamp_millis())?;
        checked_fields("fields", &fields)?;
        Ok(Timeline {
            id: id.into(),
            created_at,
            fields: canonical_fields(fields),
            events: Vec::new(),
        })
    }

    /// Appends an event.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] naming `event` when it lies before the creation
    /// or before the last event, or [`Error::OutOfRange`] outside the supported range.
    pub fn push(&mut self, event: Event) -> Result<()> {
        check_range(event.at.timestamp_millis())?;
        if let Some(reason) = self.misplaced(event.at, self.events.last()) {
            return Err(Error::invalid_argument("event", reason));
        }
        self.events.push(event);
        Ok(())
    }

    /// A timeline with `events` appended in order.
    ///
    /// # Errors
    /// As [`Timeline::push`].
    pub fn with_events(mut self, events: impl IntoIterator<Item = Event>) -> Result<Timeline> {
        for event in events {
            self.push(event)?;
        }
        Ok(self)
    }

    /// Reads a timeline from JSON text.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the path of a bad field; events out of
    /// time order are an error, never silently sorted.
    pub fn from_json(text: &str) -> Result<Timeline> {
        document::from_json(Kind::Input, text)
    }

    /// Reads a timeline from JSON data.
    ///
    /// # Errors
    /// As [`Timeline::from_json`].
    pub fn from_value(value: &Value) -> Result<Timeline> {
        document::from_value(Kind::Input, value)
    }

    /// The timeline as compact JSON text, in the form [`Timeline::from_json`] reads.
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The timeline as JSON data, in the form [`Timeline::from_value`] reads.
    pub fn to_value(&self) -> Value {
        document::to_value(self)
    }

    /// The record's id.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// When the record was created.
    pub fn created_at(&self) -> DateTime<Utc> {
        self.created_at
    }

    /// Its fields at creation.
    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    /// Every event since, in time order.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    fn misplaced(&self, at: DateTime<Utc>, previous: Option<&Event>) -> Option<String> {
        if at < self.created_at {
            return Some(format!(
                "{} is before created_at {}",
                format_instant(at),
                format_instant(self.created_at)
            ));
        }
        match previous {
            Some(p) if at < p.at => Some(format!(
                "{} is before the previous event's {}: events must be in time order",
                format_instant(at),
                format_instant(p.at)
            )),
            _ => None,
        }
    }

    fn first_misplaced_event(&self) -> Option<(usize, String)> {
        (0..self.events.len()).find_map(|i| {
            let previous = i.checked_sub(1).map(|p| &self.events[p]);
            self.misplaced(self.events[i].at, previous).map(|r| (i, r))
        })
    }
}
