//! Tables as documents: tickets and events given as JSON rows, and results
//! answered as JSON rows with their summary. The entry point for hosts that
//! hold plain objects rather than Arrow columns (Node arrays, Kotlin and Swift),
//! and the form of the table conformance vectors. Rows are read into the same
//! columns an Arrow table gives, so both paths give the same numbers.

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::columns::{InstantColumn, ValueColumn};
use super::results::{ResultTable, TableSummary};
use super::{EventTable, PauseColumn, Shape, SnapshotTable, TableOptions, TicketTable};
use crate::document::{self, Kind};
use crate::error::{ErrorDocument, Result};
use crate::sla::{PolicySet, Status};
use crate::time::from_millis;
use crate::timeline::{Fields, deserialize_fields};

/// One ticket of the tickets shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketRow {
    /// The ticket's id.
    pub id: String,
    /// When it was opened.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub opened: DateTime<Utc>,
    /// When it was resolved; null while open.
    #[serde(default, with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub resolved: Option<DateTime<Utc>>,
    /// Its pauses, in order.
    #[serde(default)]
    pub pauses: Vec<PauseRow>,
    /// Its attributes (`priority`...), as the fields they fill.
    #[serde(default, deserialize_with = "deserialize_fields")]
    #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
    pub fields: Fields,
}

/// One pause of a ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PauseRow {
    /// When it started.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub start: DateTime<Utc>,
    /// When it ended; null while paused.
    #[serde(default, with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub end: Option<DateTime<Utc>>,
}

/// One event or field change of the events shape.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EventRow {
    /// The ticket's id.
    pub id: String,
    /// When it happened.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub at: DateTime<Utc>,
    /// The field it sets; absent for an event that sets none.
    #[serde(default)]
    pub field: Option<String>,
    /// The field's new value; null clears it.
    #[serde(default, deserialize_with = "document::deserialize_scalar")]
    #[schemars(with = "crate::schema::Scalar")]
    pub value: Value,
    /// The event's type; absent is `update`.
    #[serde(default, rename = "type")]
    pub event_type: Option<String>,
    /// When the ticket was created (read from its first row); absent, at its
    /// first row.
    #[serde(default, with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub created: Option<DateTime<Utc>>,
    /// Its place among the ticket's rows (ServiceNow's `sys_mod_count`); when
    /// any row has one, every row needs one and rows go in its order.
    #[serde(default)]
    pub order: Option<i64>,
}

/// One update of the snapshots shape: every current value of the ticket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SnapshotRow {
    /// The ticket's id.
    pub id: String,
    /// When the update happened.
    #[serde(with = "document::instant")]
    #[schemars(with = "crate::schema::Instant")]
    pub at: DateTime<Utc>,
    /// Its place among the ticket's rows; when any row has one, every row
    /// needs one and rows go in its order.
    #[serde(default)]
    pub order: Option<i64>,
    /// When the ticket was created (read from its first row); absent, at its
    /// first row.
    #[serde(default, with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub created: Option<DateTime<Utc>>,
    /// The ticket's values after the update, by source field; a field a row
    /// leaves out is null in it.
    #[serde(default, deserialize_with = "deserialize_fields")]
    #[schemars(with = "std::collections::BTreeMap<String, crate::schema::Scalar>")]
    pub fields: Fields,
}

/// One result row as a document: a ticket and clock, as a [`ResultTable`] row
/// says it, durations in milliseconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableRow {
    /// The ticket's row (tickets) or number in order of first appearance (events).
    pub row: u32,
    /// The ticket's id.
    pub record: String,
    /// The policy judging the clock.
    pub policy: Option<String>,
    /// The metric.
    pub metric: Option<String>,
    /// The current cycle, from 1.
    pub cycle: Option<u32>,
    /// Its status.
    pub status: Option<Status>,
    /// When it started.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub started_at: Option<DateTime<Utc>>,
    /// When it stopped.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub stopped_at: Option<DateTime<Utc>>,
    /// Time counted.
    #[serde(with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub elapsed_ms: Option<TimeDelta>,
    /// Wall time counted.
    #[serde(with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub elapsed_wall_ms: Option<TimeDelta>,
    /// Time paused.
    #[serde(with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub paused_ms: Option<TimeDelta>,
    /// The goal.
    #[serde(with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub goal_ms: Option<TimeDelta>,
    /// Time left to the goal.
    #[serde(with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub remaining_ms: Option<TimeDelta>,
    /// Wall time left to the deadline.
    #[serde(with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub remaining_wall_ms: Option<TimeDelta>,
    /// Elapsed over goal, in percent.
    pub percent: Option<f64>,
    /// The deadline.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub deadline: Option<DateTime<Utc>>,
    /// The deadline had the clock never paused.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub original_deadline: Option<DateTime<Utc>>,
    /// When the goal was breached.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub breached_at: Option<DateTime<Utc>>,
    /// Time counted past the goal.
    #[serde(with = "document::option_duration_ms")]
    #[schemars(with = "crate::schema::OptionalDurationMs")]
    pub overrun_ms: Option<TimeDelta>,
    /// Whether the current cycle is breached.
    pub breached: Option<bool>,
    /// Whether any cycle was.
    pub ever_breached: Option<bool>,
    /// The thresholds crossed, in the metric's order.
    pub thresholds_crossed: Vec<String>,
    /// When the clock must be read again.
    #[serde(with = "document::option_instant")]
    #[schemars(with = "crate::schema::OptionalInstant")]
    pub next_wakeup: Option<DateTime<Utc>>,
    /// How many warnings the ticket's values gave.
    pub warnings: u32,
    /// The error that prevented the ticket's evaluation.
    pub error: Option<ErrorDocument>,
}

/// The results of a table given as rows: a row per ticket and clock, and the
/// summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableResult {
    /// The result rows, as [`ResultTable`] orders them.
    pub rows: Vec<TableRow>,
    /// The counts.
    pub summary: TableSummary,
}

impl TableResult {
    /// The canonical JSON text: compact, keys sorted, the same bytes in every
    /// language.
    pub fn to_json(&self) -> String {
        crate::canonical_json(self)
    }
}

impl ResultTable<'_> {
    /// The rows as documents.
    pub fn rows(&self) -> Vec<TableRow> {
        let at = |v: Option<i64>| v.map(from_millis);
        (0..self.len())
            .map(|r| {
                let crossed =
                    self.crossed_offsets[r] as usize..self.crossed_offsets[r + 1] as usize;
                TableRow {
                    row: self.row[r],
                    record: self.record[r].to_owned(),
                    policy: self.policy[r].map(str::to_owned),
                    metric: self.metric[r].map(str::to_owned),
                    cycle: self.cycle.get(r),
                    status: self.status[r],
                    started_at: at(self.started_at.get(r)),
                    stopped_at: at(self.stopped_at.get(r)),
                    elapsed_ms: self.elapsed_ms.get(r).map(TimeDelta::milliseconds),
                    elapsed_wall_ms: self.elapsed_wall_ms.get(r).map(TimeDelta::milliseconds),
                    paused_ms: self.paused_ms.get(r).map(TimeDelta::milliseconds),
                    goal_ms: self.goal_ms.get(r).map(TimeDelta::milliseconds),
                    remaining_ms: self.remaining_ms.get(r).map(TimeDelta::milliseconds),
                    remaining_wall_ms: self.remaining_wall_ms.get(r).map(TimeDelta::milliseconds),
                    percent: self.percent.get(r),
                    deadline: at(self.deadline.get(r)),
                    original_deadline: at(self.original_deadline.get(r)),
                    breached_at: at(self.breached_at.get(r)),
                    overrun_ms: self.overrun_ms.get(r).map(TimeDelta::milliseconds),
                    breached: self.breached[r],
                    ever_breached: self.ever_breached[r],
                    thresholds_crossed: self.crossed[crossed]
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect(),
                    next_wakeup: at(self.next_wakeup.get(r)),
                    warnings: self.warnings[r],
                    error: self.error(r).cloned(),
                }
            })
            .collect()
    }
}

/// Reads `rows` (a JSON array) as rows of type `T`, naming `rows[i]...` on error.
fn read_rows<T: serde::de::DeserializeOwned>(rows: &Value) -> Result<Vec<T>> {
    let wrapped = serde_json::json!({ "rows": rows });
    #[derive(Deserialize)]
    struct Rows<T> {
        rows: Vec<T>,
    }
    document::from_value::<Rows<T>>(Kind::Input, &wrapped).map(|r| r.rows)
}

impl PolicySet {
    /// Evaluates a table given as rows (a JSON array of [`TicketRow`] or, with
    /// `options.shape` `events` or `snapshots`, [`EventRow`] or
    /// [`SnapshotRow`]) at `now`: the result rows and the summary, as
    /// [`PolicySet::evaluate_tickets`], [`PolicySet::evaluate_events`] and
    /// [`PolicySet::evaluate_snapshots`] answer them. Column names in
    /// `options` do not apply to rows; the rest (states, field names, values,
    /// null marker, out of order, strictness) does.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming the bad row
    /// and field (`rows[3].opened`), or the cell the evaluation cannot read
    /// (`opened[3]`, `pauses[3]`).
    ///
    /// # Example
    /// ```
    /// use itsm_core::sla::{PolicySet, TableOptions, template};
    /// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    /// let rows = serde_json::json!([{"id": "INC-1", "opened": "2026-11-23T09:00:00Z",
    ///     "resolved": "2026-11-23T10:30:00Z", "fields": {"priority": "P2"}}]);
    /// let now = itsm_core::parse_instant("now", "2026-11-23T17:00:00Z").unwrap();
    /// let result = set.evaluate_rows(&rows, now, &TableOptions::default()).unwrap();
    /// let resolution = result.rows.iter().find(|r| r.metric.as_deref() == Some("resolution")).unwrap();
    /// assert_eq!(resolution.elapsed_ms, Some(chrono::TimeDelta::minutes(90)));
    /// assert_eq!(result.summary.met, 1);
    /// let bad = serde_json::json!([{"id": "INC-1", "opened": "yesterday"}]);
    /// assert!(set.evaluate_rows(&bad, now, &TableOptions::default()).unwrap_err().to_string().starts_with("rows[0].opened:"));
    /// ```
    pub fn evaluate_rows(
        &self,
        rows: &Value,
        now: DateTime<Utc>,
        options: &TableOptions,
    ) -> Result<TableResult> {
        let results = match options.shape {
            Shape::Tickets => {
                let rows: Vec<TicketRow> = read_rows(rows)?;
                let columns = TicketColumns::of(&rows);
                let table = columns.table();
                let results = self.evaluate_tickets(&table, 0..rows.len(), now, options)?;
                (results.rows(), results.summary())
            }
            Shape::Events => {
                let rows: Vec<EventRow> = read_rows(rows)?;
                let columns = EventColumns::of(&rows);
                let table = columns.table(&rows);
                let results = self.evaluate_events(&table, now, options)?;
                (results.rows(), results.summary())
            }
            Shape::Snapshots => {
                let rows: Vec<SnapshotRow> = read_rows(rows)?;
                let columns = SnapshotColumns::of(&rows);
                let table = columns.table(&rows);
                let results = self.evaluate_snapshots(&table, now, options)?;
                (results.rows(), results.summary())
            }
        };
        Ok(TableResult {
            rows: results.0,
            summary: results.1,
        })
    }

    /// [`PolicySet::evaluate_rows`] on JSON text: the rows in, the canonical
    /// JSON text of the [`TableResult`] out.
    ///
    /// # Errors
    /// As [`PolicySet::evaluate_rows`], and for text that is not JSON.
    pub fn evaluate_rows_json(
        &self,
        rows: &str,
        now: DateTime<Utc>,
        options: &TableOptions,
    ) -> Result<String> {
        let rows: Value = serde_json::from_str(rows).map_err(|e| crate::Error::InvalidInput {
            path: "rows".into(),
            reason: format!("not JSON: {e}"),
        })?;
        Ok(self.evaluate_rows(&rows, now, options)?.to_json())
    }
}

/// Ticket rows laid out as columns.
struct TicketColumns<'r> {
    ids: Vec<&'r str>,
    opened: Vec<i64>,
    resolved: Vec<i64>,
    resolved_valid: Vec<bool>,
    offsets: Vec<usize>,
    starts: Vec<i64>,
    ends: Vec<i64>,
    ends_valid: Vec<bool>,
    fields: Vec<(&'r str, Vec<Value>)>,
}

impl<'r> TicketColumns<'r> {
    fn of(rows: &'r [TicketRow]) -> TicketColumns<'r> {
        let ms = |t: DateTime<Utc>| t.timestamp_millis();
        let mut c = TicketColumns {
            ids: rows.iter().map(|r| r.id.as_str()).collect(),
            opened: rows.iter().map(|r| ms(r.opened)).collect(),
            resolved: rows.iter().map(|r| r.resolved.map_or(0, ms)).collect(),
            resolved_valid: rows.iter().map(|r| r.resolved.is_some()).collect(),
            offsets: vec![0],
            starts: Vec::new(),
            ends: Vec::new(),
            ends_valid: Vec::new(),
            fields: Vec::new(),
        };
        for row in rows {
            for pause in &row.pauses {
                c.starts.push(ms(pause.start));
                c.ends.push(pause.end.map_or(0, ms));
                c.ends_valid.push(pause.end.is_some());
            }
            c.offsets.push(c.starts.len());
        }
        c.fields = field_columns(rows.iter().map(|r| &r.fields));
        c
    }

    fn table(&self) -> TicketTable<'_> {
        TicketTable {
            ids: self.ids.clone(),
            opened: InstantColumn::new("opened", &self.opened),
            resolved: Some(
                InstantColumn::new("resolved", &self.resolved).with_validity(&self.resolved_valid),
            ),
            pauses: Some(PauseColumn {
                name: "pauses",
                offsets: self.offsets.clone(),
                starts: InstantColumn::new("pauses.start", &self.starts),
                ends: InstantColumn::new("pauses.end", &self.ends).with_validity(&self.ends_valid),
            }),
            fields: self
                .fields
                .iter()
                .map(|(name, values)| each_row(name, values.clone()))
                .collect(),
        }
    }
}

/// The rows' fields as columns, one per field any row names (every field: the
/// evaluation keeps those the policy set reads, by name or renamed), null
/// where a row leaves it out.
fn field_columns<'r>(rows: impl Iterator<Item = &'r Fields> + Clone) -> Vec<(&'r str, Vec<Value>)> {
    let mut names: Vec<&str> = rows
        .clone()
        .flat_map(|f| f.keys().map(String::as_str))
        .collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let values = rows
                .clone()
                .map(|fields| fields.get(name).cloned().unwrap_or(Value::Null))
                .collect();
            (name, values)
        })
        .collect()
}

/// The rows' orders as a column, when any row has one.
fn order_column(orders: impl Iterator<Item = Option<i64>> + Clone) -> Option<ValueColumn<'static>> {
    let mut any = orders.clone();
    any.any(|o| o.is_some())
        .then(|| ValueColumn::from_i64s("order", orders))
}

/// A column whose dictionary is its rows' values, one per row.
fn each_row<'a>(name: &'a str, values: Vec<Value>) -> ValueColumn<'a> {
    let keys = values
        .iter()
        .enumerate()
        .map(|(k, v)| (!v.is_null()).then_some(k as u32))
        .collect();
    ValueColumn::from_dictionary(name, values, keys)
        .expect("row values are scalars and every key is in range")
}

/// Event rows laid out as columns.
struct EventColumns {
    at: Vec<i64>,
    created: Vec<i64>,
    any_created: bool,
}

impl EventColumns {
    fn of(rows: &[EventRow]) -> EventColumns {
        EventColumns {
            at: rows.iter().map(|r| r.at.timestamp_millis()).collect(),
            created: rows
                .iter()
                .map(|r| {
                    r.created
                        .map_or(r.at.timestamp_millis(), |c| c.timestamp_millis())
                })
                .collect(),
            any_created: rows.iter().any(|r| r.created.is_some()),
        }
    }

    fn table<'r>(&'r self, rows: &'r [EventRow]) -> EventTable<'r> {
        EventTable {
            ids: rows.iter().map(|r| r.id.as_str()).collect(),
            at: InstantColumn::new("at", &self.at),
            field: ValueColumn::from_strs("field", rows.iter().map(|r| r.field.as_deref())),
            value: each_row("value", rows.iter().map(|r| r.value.clone()).collect()),
            event_type: Some(ValueColumn::from_strs(
                "type",
                rows.iter().map(|r| r.event_type.as_deref()),
            )),
            created: self
                .any_created
                .then(|| InstantColumn::new("created", &self.created)),
            order: order_column(rows.iter().map(|r| r.order)),
        }
    }
}

/// Snapshot rows laid out as columns.
struct SnapshotColumns<'r> {
    at: Vec<i64>,
    created: Vec<i64>,
    any_created: bool,
    fields: Vec<(&'r str, Vec<Value>)>,
}

impl<'r> SnapshotColumns<'r> {
    fn of(rows: &'r [SnapshotRow]) -> SnapshotColumns<'r> {
        SnapshotColumns {
            at: rows.iter().map(|r| r.at.timestamp_millis()).collect(),
            created: rows
                .iter()
                .map(|r| r.created.unwrap_or(r.at).timestamp_millis())
                .collect(),
            any_created: rows.iter().any(|r| r.created.is_some()),
            fields: field_columns(rows.iter().map(|r| &r.fields)),
        }
    }

    fn table(&'r self, rows: &'r [SnapshotRow]) -> SnapshotTable<'r> {
        SnapshotTable {
            ids: rows.iter().map(|r| r.id.as_str()).collect(),
            at: InstantColumn::new("at", &self.at),
            created: self
                .any_created
                .then(|| InstantColumn::new("created", &self.created)),
            order: order_column(rows.iter().map(|r| r.order)),
            fields: self
                .fields
                .iter()
                .map(|(name, values)| each_row(name, values.clone()))
                .collect(),
        }
    }
}
