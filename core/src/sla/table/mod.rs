//! Evaluating tables of tickets: a whole export in one call, in columns in and
//! columns out, with no document per record. Two input shapes:
//!
//! - **tickets**, one row per ticket: id, opened, resolved, pause intervals and
//!   any attribute the policy set reads ([`TicketTable`]);
//! - **events**, one row per event or field change: ticket id, instant, field,
//!   new value, and optionally the event's type ([`EventTable`]), the shape
//!   ticket systems export as history;
//! - **snapshots**, one row per update carrying every current value, as a
//!   ServiceNow audit export does ([`SnapshotTable`]); a ticket's consecutive
//!   rows are diffed into changes.
//!
//! Real exports rarely speak the policy's language. [`TableOptions`] renames
//! source fields (`field_names`), maps source values to the policy's
//! (`values`: `"3 - Moderate"` to `P3`, or one value setting several fields),
//! reads a null marker, orders rows at one instant by an order column, and
//! says what a row that goes back in time gets (refused, clamped or dropped,
//! and counted). Strict by default: a value with no mapping is an error naming
//! its cell; lenient, it is kept and counted in the summary.
//!
//! Each becomes the same history the per-record API folds, so a table and a
//! [`Timeline`](crate::Timeline) with the same events give the same numbers.
//! The results ([`ResultTable`]) hold one row per ticket and clock: the current
//! cycle's status, elapsed and remaining time, deadline, breach and thresholds,
//! or the record's error, or a row saying no policy applies. Explanations are
//! the per-record API's.
//!
//! This module owns the table shapes and their reading; the column layout a
//! host picks columns by is [`TableOptions`].

mod columns;
mod events;
mod export;
mod history;
mod results;
mod rows;
mod snapshots;
mod tickets;

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use columns::{InstantColumn, ValueColumn};
pub use events::EventTable;
pub use export::MappedValue;
pub use results::{Nullable, ResultTable, TableSummary};
pub use rows::{EventRow, PauseRow, SnapshotRow, TableResult, TableRow, TicketRow};
pub use snapshots::SnapshotTable;
pub use tickets::{PauseColumn, TicketTable};

/// Which shape a table has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// One row per ticket (`"tickets"`, the default).
    #[default]
    Tickets,
    /// One row per event or field change (`"events"`).
    Events,
    /// One row per update carrying every current value (`"snapshots"`).
    Snapshots,
}

/// What a row that goes back in time gets: a row before its ticket's creation
/// or, with an order column, before a row that comes earlier in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum OutOfOrder {
    /// An error naming the row (`"refuse"`, the default).
    #[default]
    Refuse,
    /// Moved to the earliest instant it may have, and counted (`"clamp"`).
    Clamp,
    /// Left out, and counted (`"drop"`).
    Drop,
}

/// The states a ticket row stands for: it is created in `opened`, each pause
/// moves it to `paused` and back to `resumed`, and its resolution to
/// `resolved`. The defaults are the built-in incident workflow's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TicketStates {
    /// `"new"` by default.
    pub opened: String,
    /// `"on_hold"` by default.
    pub paused: String,
    /// `"in_progress"` by default.
    pub resumed: String,
    /// `"resolved"` by default.
    pub resolved: String,
}

impl Default for TicketStates {
    fn default() -> Self {
        TicketStates {
            opened: "new".into(),
            paused: "on_hold".into(),
            resumed: "in_progress".into(),
            resolved: "resolved".into(),
        }
    }
}

/// How a host's table is laid out: its shape, the name of each column, and for
/// the tickets shape the states its rows stand for. Every language reads a
/// table by this document, so the same options pick the same columns.
///
/// # Example
/// ```
/// use itsm_core::sla::{Shape, TableOptions};
/// let options: TableOptions = serde_json::from_value(serde_json::json!({
///     "shape": "tickets", "id": "number", "opened": "opened_at"
/// })).unwrap();
/// assert_eq!((options.shape, options.id.as_str(), options.resolved.as_str()), (Shape::Tickets, "number", "resolved"));
/// assert!(serde_json::from_value::<TableOptions>(serde_json::json!({"opend": "x"})).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct TableOptions {
    /// `tickets` (the default) or `events`.
    pub shape: Shape,
    /// The ticket id column (`"id"`).
    pub id: String,
    /// Tickets: when the ticket was opened (`"opened"`).
    pub opened: String,
    /// Tickets: when it was resolved, null while open (`"resolved"`).
    pub resolved: String,
    /// Tickets: its pause intervals, a list of `{start, end}` (`"pauses"`); an
    /// absent column means no pauses.
    pub pauses: String,
    /// The start field of a pause (`"start"`).
    pub pause_start: String,
    /// The end field of a pause, null while paused (`"end"`).
    pub pause_end: String,
    /// Tickets: the states its rows stand for.
    pub states: TicketStates,
    /// Events: the instant of the event (`"at"`).
    pub at: String,
    /// Events: the field it sets (`"field"`); null for an event that sets none.
    pub field: String,
    /// Events: the field's new value (`"value"`); null clears the field.
    pub value: String,
    /// Events: the event's type (`"type"`); an absent column or a null is
    /// `update`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Events and snapshots: when the ticket was created (`null`: at its
    /// first row).
    pub created: Option<String>,
    /// Events and snapshots: the integer column that orders a ticket's rows
    /// (ServiceNow's `sys_mod_count`); `null` orders them by instant, equal
    /// instants in the input's order.
    pub order: Option<String>,
    /// The attribute columns read into fields; `null` (the default) reads every
    /// column named like a field the policy set reads, or renamed to one.
    pub fields: Option<Vec<String>>,
    /// Source field names and the policy's fields they fill: columns of the
    /// tickets and snapshots shapes, names in the field column of events
    /// (`{"incident_state": "state"}`).
    pub field_names: BTreeMap<String, String>,
    /// Source values and what they map to, by the policy's field: `{"priority":
    /// {"3 - Moderate": "P3"}, "state": {"Awaiting User Info": {"state":
    /// "on_hold", "hold_reason": "awaiting_caller"}}}`. A number or boolean
    /// cell matches by its JSON text (`"3"`, `"true"`); a null is not mapped.
    pub values: BTreeMap<String, BTreeMap<String, MappedValue>>,
    /// A text that reads as null in every value cell (`""`, `"NULL"`).
    pub null_marker: Option<String>,
    /// What a row that goes back in time gets (`"refuse"` by default).
    pub out_of_order: OutOfOrder,
    /// `true` (the default): a value of a field `values` maps that has no
    /// mapping is an error naming its cell. `false`: it is kept as it is and
    /// counted in the summary's `unmapped`.
    pub strict: bool,
    /// The zone of naive timestamps and of timestamp text without an offset
    /// (`"Europe/Berlin"`); such timestamps are refused without it.
    #[serde(
        deserialize_with = "crate::calendar::spec::deserialize_option_zone",
        serialize_with = "crate::calendar::spec::serialize_option_zone"
    )]
    #[schemars(with = "Option<crate::schema::TimeZone>")]
    pub time_zone: Option<Tz>,
    /// The format of timestamp text, in strftime notation
    /// (`"%d.%m.%Y %H:%M:%S"`, with `%z` when it carries an offset); `null`
    /// reads RFC 3339 and `2026-11-23 09:00:00`.
    pub time_format: Option<String>,
    /// What a local time that happens twice (in the hour the clocks go back)
    /// reads as.
    pub ambiguous_times: AmbiguousTimes,
}

/// What a local time that happens twice reads as: in Europe/Berlin,
/// 2026-10-25 02:30 is 00:30Z (summer time) and 01:30Z (winter time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AmbiguousTimes {
    /// An error naming the cell (`"refuse"`, the default).
    #[default]
    Refuse,
    /// The first of the two instants, in summer time (`"earlier"`).
    Earlier,
    /// The second, in winter time (`"later"`).
    Later,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            shape: Shape::Tickets,
            id: "id".into(),
            opened: "opened".into(),
            resolved: "resolved".into(),
            pauses: "pauses".into(),
            pause_start: "start".into(),
            pause_end: "end".into(),
            states: TicketStates::default(),
            at: "at".into(),
            field: "field".into(),
            value: "value".into(),
            event_type: "type".into(),
            created: None,
            order: None,
            fields: None,
            field_names: BTreeMap::new(),
            values: BTreeMap::new(),
            null_marker: None,
            out_of_order: OutOfOrder::Refuse,
            strict: true,
            time_zone: None,
            time_format: None,
            ambiguous_times: AmbiguousTimes::Refuse,
        }
    }
}

impl TableOptions {
    /// Whether a text cell reads as null: it is the [`TableOptions::null_marker`].
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::TableOptions;
    /// let options = TableOptions::from_value(&serde_json::json!({"null_marker": "-"})).unwrap();
    /// assert!(options.reads_as_null("-") && !options.reads_as_null(""));
    /// assert!(!TableOptions::default().reads_as_null("-"));
    /// ```
    pub fn reads_as_null(&self, text: &str) -> bool {
        self.null_marker.as_deref() == Some(text)
    }

    /// The instant (milliseconds since the epoch) of a naive timestamp of an
    /// export, given as the milliseconds its wall time would be in UTC: the
    /// wall time in [`TableOptions::time_zone`].
    ///
    /// # Errors
    /// A reason, for the caller to place at its cell: no zone given, a wall
    /// time the clocks skipped, or one they passed twice while
    /// [`TableOptions::ambiguous_times`] refuses.
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::TableOptions;
    /// let options = TableOptions::from_value(&serde_json::json!({"time_zone": "Europe/Berlin"})).unwrap();
    /// let noon = 1_795_435_200_000; // 2026-11-23 12:00 as wall time
    /// assert_eq!(options.local_instant(noon), Ok(noon - 3_600_000)); // 11:00Z
    /// let skipped = 1_774_751_400_000; // 2026-03-29 02:30, when Berlin's clocks jump from 02:00 to 03:00
    /// assert!(options.local_instant(skipped).unwrap_err().contains("does not exist"));
    /// ```
    pub fn local_instant(&self, wall_ms: i64) -> std::result::Result<i64, String> {
        let wall = DateTime::from_timestamp_millis(wall_ms)
            .ok_or_else(|| format!("{wall_ms} ms is outside the supported range"))?
            .naive_utc();
        self.local(wall)
    }

    /// The instant (milliseconds since the epoch) a timestamp text of an
    /// export stands for: in [`TableOptions::time_format`] when there is
    /// one, else RFC 3339 or `2026-11-23 09:00:00`; without an offset, in
    /// [`TableOptions::time_zone`].
    ///
    /// # Errors
    /// A reason, for the caller to place at its cell: text that is no such
    /// timestamp, or a local time that cannot be placed (see
    /// [`TableOptions::local_instant`]).
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::TableOptions;
    /// let options = TableOptions::from_value(&serde_json::json!({
    ///     "time_zone": "Europe/Berlin", "time_format": "%d.%m.%Y %H:%M"})).unwrap();
    /// assert_eq!(options.text_instant("23.11.2026 12:00"), Ok(1_795_431_600_000)); // 11:00Z
    /// assert!(options.text_instant("2026-11-23").unwrap_err().contains("%d.%m.%Y %H:%M"));
    /// let plain = TableOptions::default();
    /// assert_eq!(plain.text_instant("2026-11-23T11:00:00Z"), Ok(1_795_431_600_000));
    /// assert!(plain.text_instant("2026-11-23 12:00:00").unwrap_err().contains("time_zone"));
    /// ```
    pub fn text_instant(&self, text: &str) -> std::result::Result<i64, String> {
        let text = text.trim();
        match &self.time_format {
            Some(format) => match DateTime::<FixedOffset>::parse_from_str(text, format) {
                Ok(instant) => Ok(instant.timestamp_millis()),
                Err(_) => match NaiveDateTime::parse_from_str(text, format) {
                    Ok(wall) => self.local(wall),
                    Err(e) => Err(format!("{text:?} does not read as {format:?}: {e}")),
                },
            },
            None => match DateTime::parse_from_rfc3339(text) {
                Ok(instant) => Ok(instant.timestamp_millis()),
                Err(_) => ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"]
                    .iter()
                    .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
                    .ok_or_else(|| {
                        format!(
                            "{text:?} is not an RFC 3339 instant or a date and time such as 2026-11-23 09:00:00; set options.time_format to read another form"
                        )
                    })
                    .and_then(|wall| self.local(wall)),
            },
        }
    }

    fn local(&self, wall: NaiveDateTime) -> std::result::Result<i64, String> {
        let zone = self.time_zone.ok_or_else(|| {
            format!("{wall} has no offset or zone: set options.time_zone to the zone it is in")
        })?;
        let instant = match zone.from_local_datetime(&wall) {
            LocalResult::Single(instant) => instant,
            LocalResult::None => {
                return Err(format!(
                    "{wall} does not exist in {zone} (the clocks went forward)"
                ));
            }
            LocalResult::Ambiguous(earlier, later) => match self.ambiguous_times {
                AmbiguousTimes::Earlier => earlier,
                AmbiguousTimes::Later => later,
                AmbiguousTimes::Refuse => {
                    return Err(format!(
                        "{wall} happens twice in {zone} (the clocks went back): set options.ambiguous_times to \"earlier\" or \"later\", or export instants with an offset"
                    ));
                }
            },
        };
        Ok(instant.timestamp_millis())
    }

    /// Reads table options from a JSON value, naming the path of a bad field.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming
    /// `options` and the bad field.
    pub fn from_value(value: &serde_json::Value) -> crate::Result<TableOptions> {
        crate::document::from_value(crate::document::Kind::Input, value)
            .map_err(|e| crate::document::as_argument("options", e))
    }
}
