//! The events shape: one row per event or field change, as ticket systems
//! export history, read into the history the clocks fold.
//!
//! Rows are grouped by ticket (tickets numbered in order of first appearance)
//! and ordered by instant, keeping the input's order among equal instants, or
//! by the order column when there is one. A ticket is created at its
//! `created` value, or at its first row. Rows at the creation instant without
//! a type (or of type `created`) give the creation's fields; other rows at the
//! same instant with the same type are one event.

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::TableOptions;
use super::columns::{InstantColumn, ValueColumn, bad_cell, check_len};
use super::export::{Export, Unmapped};
use super::history::{ReadHistory, Timing};
use super::results::ResultTable;
use crate::error::Result;
use crate::rules::{FieldId, History};
use crate::sla::PolicySet;
use crate::time::{Millis, to_millis};

/// A table of events, one row per event or field change, in columns.
///
/// # Example
/// ```
/// use itsm_core::sla::{EventTable, InstantColumn, PolicySet, Status, TableOptions, ValueColumn, template};
/// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
/// let monday = 1_795_424_400_000; // 2026-11-23T09:00:00Z
/// let hour = 3_600_000;
/// let at = [monday, monday, monday + hour];
/// let table = EventTable {
///     ids: vec!["INC-1", "INC-1", "INC-1"],
///     at: InstantColumn::new("at", &at),
///     field: ValueColumn::from_strs("field", [Some("priority"), Some("state"), Some("state")]),
///     value: ValueColumn::from_strs("value", [Some("P2"), Some("new"), Some("resolved")]),
///     event_type: None,
///     created: None,
///     order: None,
/// };
/// let now = itsm_core::parse_instant("now", "2026-11-23T17:00:00Z").unwrap();
/// let results = set.evaluate_events(&table, now, &TableOptions::default()).unwrap();
/// let resolution = (0..results.len()).find(|&r| results.metric[r] == Some("resolution")).unwrap();
/// assert_eq!(results.status[resolution], Some(Status::Met));
/// assert_eq!(results.elapsed_ms.get(resolution), Some(hour));
/// ```
#[derive(Debug, Clone)]
pub struct EventTable<'a> {
    /// The ticket each row belongs to.
    pub ids: Vec<&'a str>,
    /// When the event happened; required.
    pub at: InstantColumn<'a>,
    /// The field it sets (a string), or null for an event that sets none.
    pub field: ValueColumn<'a>,
    /// The field's new value; null clears it.
    pub value: ValueColumn<'a>,
    /// The event's type (a string); absent or null is `update`.
    pub event_type: Option<ValueColumn<'a>>,
    /// When the ticket was created (read from its first row in order).
    pub created: Option<InstantColumn<'a>>,
    /// Integers ordering a ticket's rows (ServiceNow's `sys_mod_count`);
    /// `None` orders them by instant.
    pub order: Option<ValueColumn<'a>>,
}

impl EventTable<'_> {
    /// The number of rows.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn check(&self) -> Result<()> {
        let rows = self.len();
        self.at.check_len(rows)?;
        check_len(self.field.name(), self.field.len(), rows)?;
        check_len(self.value.name(), self.value.len(), rows)?;
        if let Some(kind) = &self.event_type {
            check_len(kind.name(), kind.len(), rows)?;
        }
        if let Some(created) = &self.created {
            created.check_len(rows)?;
        }
        if let Some(order) = &self.order {
            check_len(order.name(), order.len(), rows)?;
        }
        Ok(())
    }

    pub(crate) fn text<'v>(column: &'v ValueColumn<'_>, row: usize) -> Result<Option<&'v str>> {
        match column.get(row) {
            Value::Null => Ok(None),
            Value::String(text) => Ok(Some(text)),
            other => Err(bad_cell(
                column.name(),
                row,
                format!("expected a string, found {other}"),
            )),
        }
    }
}

impl PolicySet {
    /// Evaluates every ticket of an event table at `now`: one result row per
    /// ticket and clock (see [`ResultTable`]), tickets in order of first
    /// appearance. Tickets created after `now` and tickets whose evaluation
    /// fails get an error row; a ticket without a clock gets a row without a
    /// metric. Events after `now` are not seen. `options` renames fields, maps
    /// values and says what rows that go back in time get (see
    /// [`TableOptions`]); its column names are the table's business.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming the column and row of the first cell that
    /// makes the table unreadable: a null instant, a field name or type that is
    /// not a string, an order that is not an integer, a row before its
    /// ticket's creation or before an earlier row in order (unless clamped or
    /// dropped), a value a strict reading cannot map, an instant out of range;
    /// or the column whose length differs from the table's.
    pub fn evaluate_events<'a>(
        &'a self,
        table: &EventTable<'a>,
        now: DateTime<Utc>,
        options: &TableOptions,
    ) -> Result<ResultTable<'a>> {
        table.check()?;
        let now_ms = to_millis(now)?;
        let fields = self.fields();
        let export = Export::new(options, fields)?;
        let timing = Timing::read(
            &table.ids,
            &table.at,
            table.created.as_ref(),
            table.order.as_ref(),
        )?;
        let rows = table.len();
        // Which field each distinct name is, looked up once per name.
        let mut field_of_key: Vec<Option<Option<FieldId>>> = vec![None; table.field.distinct()];
        let mut field_ids = Vec::with_capacity(rows);
        for row in 0..rows {
            let id = match table.field.key(row) {
                None => None,
                Some(key) => match field_of_key[key as usize] {
                    Some(id) => id,
                    None => {
                        let name = EventTable::text(&table.field, row)?.unwrap_or_default();
                        let id = export.field(name).filter(|_| !name.is_empty());
                        field_of_key[key as usize] = Some(id);
                        id
                    }
                },
            };
            field_ids.push(id);
        }
        let mut kinds: Vec<&str> = Vec::with_capacity(rows);
        for row in 0..rows {
            let kind = match &table.event_type {
                Some(column) => EventTable::text(column, row)?,
                None => None,
            };
            kinds.push(kind.unwrap_or(""));
        }
        let mut reader = Reader {
            history: History::empty(fields),
            created: Vec::new(),
            later: Vec::new(),
            assigned: Vec::new(),
            kinds,
            field_ids,
            table,
            export,
        };
        self.evaluate_histories(timing, now_ms, options, &mut reader)
    }
}

/// Reads a ticket's history from its rows of an event table, keeping its
/// vectors from ticket to ticket so that they are allocated once per table.
struct Reader<'h> {
    history: History<'h>,
    /// The changes of the creation (step 0), in input order.
    created: Vec<(FieldId, u32, &'h Value)>,
    /// The changes of later steps, in input order, which is step order.
    later: Vec<(FieldId, u32, &'h Value)>,
    /// What one row sets.
    assigned: Vec<(FieldId, &'h Value)>,
    /// Each row's event type ("" for none).
    kinds: Vec<&'h str>,
    /// Each row's field, when the policy set reads it.
    field_ids: Vec<Option<FieldId>>,
    table: &'h EventTable<'h>,
    export: Export<'h>,
}

impl<'h> ReadHistory<'h> for Reader<'h> {
    /// Reads the history of one ticket's rows (in order) up to `now`.
    fn read(
        &mut self,
        group: &[u32],
        created: Millis,
        now: Millis,
        at: &[Millis],
        unmapped: &mut Unmapped,
    ) -> Result<&History<'h>> {
        let export = &self.export;
        let steps = self.history.reset_steps();
        steps.push((created, "created"));
        self.created.clear();
        self.later.clear();
        let plain = export.is_plain();
        for &r in group {
            let row = r as usize;
            let at = at[row];
            if at > now {
                break;
            }
            let kind = self.kinds[row];
            let step = if at == created && (kind.is_empty() || kind == "created") {
                0
            } else {
                let kind = if kind.is_empty() { "update" } else { kind };
                let last = steps.len() - 1;
                if last > 0 && steps[last] == (at, kind) {
                    last
                } else {
                    steps.push((at, kind));
                    steps.len() - 1
                }
            };
            let Some(field) = self.field_ids[row] else {
                continue;
            };
            let into = if step == 0 {
                &mut self.created
            } else {
                &mut self.later
            };
            let value = self.table.value.get(row);
            if plain {
                into.push((field, step as u32, value));
            } else {
                self.assigned.clear();
                let cell = (self.table.value.name(), row);
                export.assign(field, value, cell, &mut self.assigned, unmapped)?;
                into.extend(self.assigned.iter().map(|&(f, v)| (f, step as u32, v)));
            }
        }
        // Creation rows may follow others in input order, but other rows only
        // ever go to the last step or a new one: the creation's changes first,
        // then the rest as they came, is each field's changes in step order,
        // equal steps in input order (no sort needed).
        self.history
            .set_changes(self.created.iter().chain(&self.later).copied());
        Ok(&self.history)
    }
}
