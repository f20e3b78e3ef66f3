//! The events shape: one row per event or field change, as ticket systems
//! export history, read into the history the clocks fold.
//!
//! Rows are grouped by ticket (tickets numbered in order of first appearance)
//! and ordered by instant, keeping the input's order among equal instants, or
//! by the order column when there is one. A ticket is created at its
//! `created` value, or at its first row. Rows at the creation instant without
//! a type (or of type `created`) give the creation's fields; other rows at the
//! same instant with the same type are one event.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::columns::{InstantColumn, ValueColumn, bad_cell, check_len};
use super::export::{Export, Unmapped};
use super::results::ResultTable;
use super::{OutOfOrder, TableOptions};
use crate::error::Result;
use crate::rules::{FieldId, History};
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

    /// Evaluates the tickets of a table whose rows each are a moment of a
    /// ticket's history (events, snapshots): groups and orders the rows,
    /// settles the ones that go back in time, and has `reader` read each
    /// ticket's history from its rows.
    pub(crate) fn evaluate_histories<'a, 'h>(
        &'a self,
        timing: Timing<'_, 'a>,
        now_ms: Millis,
        options: &TableOptions,
        reader: &mut impl ReadHistory<'h>,
    ) -> Result<ResultTable<'a>> {
        let Timing {
            ids,
            mut at,
            at_column,
            created: created_column,
            order,
        } = timing;
        let ordering = order_values(order)?;
        let tickets = Tickets::of(ids, &at, ordering.as_deref());
        let earliest = at.iter().copied().min();
        let held = self.held(earliest.map(|from| (from.min(now_ms), now_ms)));
        let mut results = ResultTable::with_capacity(tickets.records.len());
        let mut scratch = Scratch::default();
        let mut kept = Vec::new();
        let mut unmapped = Unmapped::new();
        for (record, group) in tickets.groups() {
            let first = group[0] as usize;
            let id = tickets.records[record as usize];
            let created = match created_column {
                Some(column) => column.required(first)?,
                None => at[first],
            };
            settle(
                group,
                created,
                order.map(ValueColumn::name),
                at_column.name(),
                options.out_of_order,
                &mut at,
                &mut kept,
                results.counts(),
            )?;
            if let Err(error) = created_by(now_ms, created) {
                results.push_error(record as usize, id, &error);
                continue;
            }
            let history = reader.read(&kept, created, now_ms, &at, &mut unmapped)?;
            let scratch = &mut scratch;
            results.push(self, record as usize, id, history, now_ms, &held, scratch);
        }
        results.counts().unmapped = unmapped;
        Ok(results)
    }
}

/// The columns that place the rows of a history-shaped table (events,
/// snapshots) in time, the instants read.
pub(crate) struct Timing<'t, 'a> {
    ids: &'t [&'a str],
    at: Vec<Millis>,
    at_column: &'t InstantColumn<'t>,
    created: Option<&'t InstantColumn<'t>>,
    order: Option<&'t ValueColumn<'t>>,
}

impl<'t, 'a> Timing<'t, 'a> {
    /// The columns, with every row's instant read.
    pub(crate) fn read(
        ids: &'t [&'a str],
        at_column: &'t InstantColumn<'t>,
        created: Option<&'t InstantColumn<'t>>,
        order: Option<&'t ValueColumn<'t>>,
    ) -> Result<Timing<'t, 'a>> {
        let at = (0..ids.len())
            .map(|row| at_column.required(row))
            .collect::<Result<Vec<Millis>>>()?;
        Ok(Timing {
            ids,
            at,
            at_column,
            created,
            order,
        })
    }
}

/// Reads one ticket's history from its rows: what the events and snapshots
/// shapes do differently.
pub(crate) trait ReadHistory<'h> {
    /// The history of a ticket created at `created`, from its rows `rows`
    /// (kept and in order, at the instants `at`), up to `now`.
    fn read(
        &mut self,
        rows: &[u32],
        created: Millis,
        now: Millis,
        at: &[Millis],
        unmapped: &mut Unmapped,
    ) -> Result<&History<'h>>;
}

/// The order column's integers, when there is one.
pub(crate) fn order_values(column: Option<&ValueColumn<'_>>) -> Result<Option<Vec<i64>>> {
    let Some(column) = column else {
        return Ok(None);
    };
    (0..column.len())
        .map(|row| match column.get(row) {
            Value::Null => Err(bad_cell(column.name(), row, "a value is required")),
            value => value.as_i64().ok_or_else(|| {
                bad_cell(
                    column.name(),
                    row,
                    format!("expected an integer, found {value}"),
                )
            }),
        })
        .collect::<Result<Vec<i64>>>()
        .map(Some)
}

/// A table's rows by ticket: tickets numbered in order of first appearance,
/// and the rows of each together, in order.
pub(crate) struct Tickets<'t> {
    /// The ids, by ticket number.
    pub(crate) records: Vec<&'t str>,
    record_of: Vec<u32>,
    /// Every row, grouped by ticket and in order within each.
    order: Vec<u32>,
}

impl<'t> Tickets<'t> {
    /// Groups rows by ticket, ordered by instant (equal instants in input
    /// order) or, given an order column's values, by those.
    pub(crate) fn of(ids: &[&'t str], at: &[Millis], ordering: Option<&[i64]>) -> Tickets<'t> {
        let mut number: HashMap<&str, u32> = HashMap::new();
        let mut records: Vec<&str> = Vec::new();
        let mut last: Option<(&str, u32)> = None;
        let record_of: Vec<u32> = ids
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
        let mut order: Vec<u32> = (0..ids.len() as u32).collect();
        match ordering {
            Some(ordering) => order.sort_by_key(|&r| (record_of[r as usize], ordering[r as usize])),
            None => order.sort_by_key(|&r| (record_of[r as usize], at[r as usize])),
        }
        Tickets {
            records,
            record_of,
            order,
        }
    }

    /// Each ticket's number and rows, in ticket order.
    pub(crate) fn groups(&self) -> impl Iterator<Item = (u32, &[u32])> {
        self.order
            .chunk_by(|&a, &b| self.record_of[a as usize] == self.record_of[b as usize])
            .map(|group| (self.record_of[group[0] as usize], group))
    }
}

/// Puts into `kept` the rows of one ticket (in order) that stay, as
/// `out_of_order` says: a row before the ticket's creation, or with an order
/// column before a row that comes earlier in it, is refused, clamped (its
/// instant in `at` moved forward) or dropped, and counted in `counts`.
#[allow(clippy::too_many_arguments)]
pub(crate) fn settle(
    group: &[u32],
    created: Millis,
    order_column: Option<&str>,
    at_column: &str,
    out_of_order: OutOfOrder,
    at: &mut [Millis],
    kept: &mut Vec<u32>,
    counts: &mut super::TableSummary,
) -> Result<()> {
    kept.clear();
    let mut floor = created;
    let mut floor_row: Option<u32> = None;
    for &r in group {
        let row = r as usize;
        if at[row] < floor {
            match out_of_order {
                OutOfOrder::Refuse => {
                    let reason = match (floor_row, order_column) {
                        (Some(earlier), Some(order)) => format!(
                            "the row is before row {earlier}, which comes earlier in {order}; set options.out_of_order to \"clamp\" or \"drop\" to accept it"
                        ),
                        _ => "the event is before its ticket was created".to_owned(),
                    };
                    return Err(bad_cell(at_column, row, reason));
                }
                OutOfOrder::Clamp => {
                    at[row] = floor;
                    counts.clamped += 1;
                }
                OutOfOrder::Drop => {
                    counts.dropped += 1;
                    continue;
                }
            }
        }
        if order_column.is_some() && at[row] > floor {
            floor = at[row];
            floor_row = Some(r);
        } else if order_column.is_some() && floor_row.is_none() {
            floor_row = Some(r);
        }
        kept.push(r);
    }
    Ok(())
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
