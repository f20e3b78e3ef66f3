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
mod results;
mod rows;
mod snapshots;
mod tickets;

use std::collections::BTreeMap;

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
        }
    }
}

impl TableOptions {
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
