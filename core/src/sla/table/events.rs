//! The events shape: one row per event or field change, as ticket systems
//! export history, read into the history the clocks fold.
//!
//! Rows are grouped by ticket (tickets numbered in order of first appearance)
//! and ordered by instant, keeping the input's order among equal instants. A
//! ticket is created at its `created` value, or at its first row. Rows at the
//! creation instant without a type (or of type `created`) give the creation's
//! fields; other rows at the same instant with the same type are one event.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::columns::{InstantColumn, ValueColumn, bad_cell, check_len};
use super::results::ResultTable;
use crate::error::Result;
use crate::rules::{FieldId, FieldTable, History};
use crate::sla::PolicySet;
use crate::sla::metric::created_by;
use crate::sla::policy::Scratch;
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
        Ok(())
    }

    fn text<'v>(column: &'v ValueColumn<'_>, row: usize) -> Result<Option<&'v str>> {
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
    /// metric. Events after `now` are not seen.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming the column and row of the first cell that
    /// makes the table unreadable: a null instant, a field name or type that is
    /// not a string, a row before its ticket's creation, an instant out of
    /// range; or the column whose length differs from the table's.
    pub fn evaluate_events<'a>(
        &'a self,
        table: &EventTable<'a>,
        now: DateTime<Utc>,
        _options: &super::TableOptions,
    ) -> Result<ResultTable<'a>> {
        table.check()?;
        let now_ms = to_millis(now)?;
        let fields = self.fields();
        let rows = table.len();
        let mut at = Vec::with_capacity(rows);
        for row in 0..rows {
            at.push(table.at.required(row)?);
        }
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
                        let id = fields.id(name).filter(|_| !name.is_empty());
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

        let mut number: HashMap<&str, u32> = HashMap::new();
        let mut records: Vec<&str> = Vec::new();
        let mut last: Option<(&str, u32)> = None;
        let record_of: Vec<u32> = table
            .ids
            .iter()
            .map(|&id| {
                // A ticket's rows mostly come together: comparing with the row
                // before spares hashing the id.
                if let Some((last_id, n)) = last {
                    if last_id == id {
                        return n;
                    }
                }
                let n = *number.entry(id).or_insert_with(|| {
                    records.push(id);
                    (records.len() - 1) as u32
                });
                last = Some((id, n));
                n
            })
            .collect();
        let mut order: Vec<u32> = (0..rows as u32).collect();
        order.sort_by_key(|&r| (record_of[r as usize], at[r as usize]));

        let earliest = at.iter().copied().min();
        let held = self.held(earliest.map(|from| (from.min(now_ms), now_ms)));
        let mut results = ResultTable::with_capacity(records.len());
        let mut reader = Reader::new(fields);
        let mut scratch = Scratch::default();
        let mut start = 0;
        while start < order.len() {
            let record = record_of[order[start] as usize];
            let end = start
                + order[start..]
                    .iter()
                    .take_while(|&&r| record_of[r as usize] == record)
                    .count();
            let group = &order[start..end];
            start = end;
            let first = group[0] as usize;
            let id = records[record as usize];
            let created = match &table.created {
                Some(column) => column.required(first)?,
                None => at[first],
            };
            if let Some(&early) = group.iter().find(|&&r| at[r as usize] < created) {
                return Err(bad_cell(
                    table.at.name(),
                    early as usize,
                    "the event is before its ticket was created",
                ));
            }
            if let Err(error) = created_by(now_ms, created) {
                results.push_error(record as usize, id, &error);
                continue;
            }
            let history = reader.read(group, created, now_ms, &at, &kinds, &field_ids, table);
            let scratch = &mut scratch;
            results.push(self, record as usize, id, history, now_ms, &held, scratch);
        }
        Ok(results)
    }
}

/// What one ticket's rows are read into, kept from ticket to ticket so that
/// its vectors are allocated once per table.
struct Reader<'h> {
    history: History<'h>,
    /// The changes of the creation (step 0), in input order.
    created: Vec<(FieldId, u32, &'h Value)>,
    /// The changes of later steps, in input order, which is step order.
    later: Vec<(FieldId, u32, &'h Value)>,
}

impl<'h> Reader<'h> {
    fn new(fields: &'h FieldTable) -> Reader<'h> {
        Reader {
            history: History::empty(fields),
            created: Vec::new(),
            later: Vec::new(),
        }
    }

    /// Reads the history of one ticket's rows (in order) up to `now`.
    #[allow(clippy::too_many_arguments)]
    fn read(
        &mut self,
        group: &[u32],
        created: Millis,
        now: Millis,
        at: &[Millis],
        kinds: &[&'h str],
        field_ids: &[Option<FieldId>],
        table: &'h EventTable<'h>,
    ) -> &History<'h> {
        let steps = self.history.reset_steps();
        steps.push((created, "created"));
        self.created.clear();
        self.later.clear();
        for &r in group {
            let row = r as usize;
            if at[row] > now {
                break;
            }
            let kind = kinds[row];
            let step = if at[row] == created && (kind.is_empty() || kind == "created") {
                0
            } else {
                let kind = if kind.is_empty() { "update" } else { kind };
                let last = steps.len() - 1;
                if last > 0 && steps[last] == (at[row], kind) {
                    last
                } else {
                    steps.push((at[row], kind));
                    steps.len() - 1
                }
            };
            if let Some(field) = field_ids[row] {
                let change = (field, step as u32, table.value.get(row));
                if step == 0 {
                    self.created.push(change);
                } else {
                    self.later.push(change);
                }
            }
        }
        // Creation rows may follow others in input order, but other rows only
        // ever go to the last step or a new one: the creation's changes first,
        // then the rest as they came, is each field's changes in step order,
        // equal steps in input order (no sort needed).
        self.history
            .set_changes(self.created.iter().chain(&self.later).copied());
        &self.history
    }
}
