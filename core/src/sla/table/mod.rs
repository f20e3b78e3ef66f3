//! Evaluating tables of tickets: a whole export in one call, in columns in and
//! columns out, with no document per record. Two input shapes:
//!
//! - **tickets**, one row per ticket: id, opened, resolved, pause intervals and
//!   any attribute the policy set reads ([`TicketTable`]);
//! - **events**, one row per event or field change: ticket id, instant, field,
//!   new value, and optionally the event's type ([`EventTable`]), the shape
//!   ticket systems export as history.
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
mod results;
mod rows;
mod tickets;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use columns::{InstantColumn, ValueColumn};
pub use events::EventTable;
pub use results::{Nullable, ResultTable, TableSummary};
pub use rows::{EventRow, PauseRow, TableResult, TableRow, TicketRow};
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
    /// Events: when the ticket was created (`null`: at its first row).
    pub created: Option<String>,
    /// The attribute columns read into fields; `null` (the default) reads every
    /// column named like a field the policy set reads.
    pub fields: Option<Vec<String>>,
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
            fields: None,
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
