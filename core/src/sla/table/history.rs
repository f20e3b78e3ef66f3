//! Tables whose rows are moments of a ticket's history (the events and
//! snapshots shapes): rows grouped by ticket and ordered, rows that go back in
//! time settled as the options say, and each ticket's history read by its
//! shape's reader and evaluated.

use std::collections::HashMap;

use serde_json::Value;

use super::columns::{InstantColumn, ValueColumn, bad_cell};
use super::export::Unmapped;
use super::results::ResultTable;
use super::{OutOfOrder, TableOptions};
use crate::error::Result;
use crate::rules::History;
use crate::sla::PolicySet;
use crate::sla::metric::created_by;
use crate::sla::policy::Scratch;
use crate::time::Millis;

impl PolicySet {
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
        // With an order column, later rows may not go back past this one.
        if order_column.is_some() && (floor_row.is_none() || at[row] > floor) {
            floor = at[row];
            floor_row = Some(r);
        }
        kept.push(r);
    }
    Ok(())
}
