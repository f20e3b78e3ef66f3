//! The tickets shape: one row per ticket, read into the history the clocks
//! fold. A ticket is created in the `opened` state with its attributes, each
//! pause moves it to `paused` and back to `resumed` (event types `paused` and
//! `resumed`), and its resolution to `resolved` (event type `resolved`).

use std::ops::Range;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::columns::{InstantColumn, ValueColumn, bad_cell, check_len};
use super::export::{Export, ReadCache, Unmapped};
use super::results::ResultTable;
use super::{TableOptions, TicketStates};
use crate::error::{Error, Result};
use crate::rules::{FieldId, FieldTable, History};
use crate::sla::PolicySet;
use crate::sla::metric::created_by;
use crate::sla::policy::Scratch;
use crate::time::{Millis, to_millis};

/// Each ticket's pause intervals, as an Arrow list of `{start, end}` structs
/// holds them: ticket `row`'s pauses are `starts[offsets[row]..offsets[row + 1]]`
/// and the same rows of `ends`, whose null is a pause still running.
#[derive(Debug, Clone)]
pub struct PauseColumn<'a> {
    /// The column's name, for errors.
    pub name: &'a str,
    /// `rows + 1` offsets into `starts` and `ends`, never decreasing.
    pub offsets: Vec<usize>,
    /// Each pause's start.
    pub starts: InstantColumn<'a>,
    /// Each pause's end.
    pub ends: InstantColumn<'a>,
}

/// A table of tickets, one row each, in columns.
///
/// # Example
/// ```
/// use itsm_core::sla::{InstantColumn, PolicySet, TableOptions, TicketTable, ValueColumn, template};
/// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
/// let hour = 3_600_000;
/// let monday = 1_795_424_400_000; // 2026-11-23T09:00:00Z
/// let opened = [monday, monday];
/// let resolved = [monday + 2 * hour, 0];
/// let valid = [true, false];
/// let table = TicketTable {
///     ids: vec!["INC-1", "INC-2"],
///     opened: InstantColumn::new("opened", &opened),
///     resolved: Some(InstantColumn::new("resolved", &resolved).with_validity(&valid)),
///     pauses: None,
///     fields: vec![ValueColumn::from_strs("priority", [Some("P1"), Some("P3")])],
/// };
/// let now = itsm_core::parse_instant("now", "2026-11-23T17:00:00Z").unwrap();
/// let results = set.evaluate_tickets(&table, 0..2, now, &TableOptions::default()).unwrap();
/// let resolution = (0..results.len()).find(|&r| results.record[r] == "INC-1" && results.metric[r] == Some("resolution")).unwrap();
/// assert_eq!(results.elapsed_ms.get(resolution), Some(2 * hour));
/// assert_eq!(results.summary().records, 2);
/// ```
#[derive(Debug, Clone)]
pub struct TicketTable<'a> {
    /// Each ticket's id.
    pub ids: Vec<&'a str>,
    /// When each was opened; required.
    pub opened: InstantColumn<'a>,
    /// When each was resolved; null while open.
    pub resolved: Option<InstantColumn<'a>>,
    /// Each ticket's pauses.
    pub pauses: Option<PauseColumn<'a>>,
    /// Attribute columns, each named as the field it fills (`priority`).
    pub fields: Vec<ValueColumn<'a>>,
}

impl TicketTable<'_> {
    /// The number of tickets.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    fn check(&self) -> Result<()> {
        let rows = self.len();
        self.opened.check_len(rows)?;
        if let Some(resolved) = &self.resolved {
            resolved.check_len(rows)?;
        }
        for field in &self.fields {
            check_len(field.name(), field.len(), rows)?;
        }
        if let Some(pauses) = &self.pauses {
            check_len(pauses.name, pauses.offsets.len(), rows + 1)?;
            let children = pauses.starts.len();
            check_len(pauses.ends.name(), pauses.ends.len(), children)?;
            if pauses.offsets.windows(2).any(|w| w[1] < w[0])
                || pauses.offsets.last().is_some_and(|&end| end > children)
            {
                return Err(Error::InvalidInput {
                    path: pauses.name.to_owned(),
                    reason: "its offsets are not a list's offsets".into(),
                });
            }
        }
        Ok(())
    }
}

/// The states' values and the fields each attribute column fills.
struct Reading<'t> {
    states: [Value; 4],
    fields: Vec<(FieldId, &'t ValueColumn<'t>)>,
    export: Export<'t>,
}

/// One ticket's attributes when the export's cells need reading (renamed,
/// mapped, null-marked), kept from ticket to ticket.
struct Attributes<'t> {
    values: Vec<Option<&'t Value>>,
    cache: ReadCache<'t>,
    unmapped: Unmapped,
}

// Which of `Reading::states` a step sets.
const OPENED: usize = 0;
const PAUSED: usize = 1;
const RESUMED: usize = 2;
const RESOLVED: usize = 3;

impl<'t> Reading<'t> {
    fn new(states: &TicketStates, table: &'t TicketTable<'t>, export: Export<'t>) -> Reading<'t> {
        Reading {
            states: [
                Value::from(states.opened.as_str()),
                Value::from(states.paused.as_str()),
                Value::from(states.resumed.as_str()),
                Value::from(states.resolved.as_str()),
            ],
            fields: export
                .columns(&table.fields)
                .into_iter()
                .filter(|(id, _)| *id != FieldTable::STATE)
                .collect(),
            export,
        }
    }

    /// Reads ticket `row`'s history up to `now` into `history`, or names the
    /// cell that makes it unreadable.
    fn history<'h>(
        &'h self,
        table: &TicketTable<'_>,
        row: usize,
        now: Millis,
        history: &mut History<'h>,
        attributes: &mut Attributes<'h>,
    ) -> Result<()> {
        let opened = table.opened.required(row)?;
        let resolved = match &table.resolved {
            Some(column) => column.get(row)?,
            None => None,
        };
        let steps = history.reset_steps();
        steps.push((opened, "created"));
        let mut last = opened;
        let mut paused = false;
        if let Some(pauses) = &table.pauses {
            for k in pauses.offsets[row]..pauses.offsets[row + 1] {
                let start = pauses.starts.required(k).map_err(|_| {
                    bad_cell(
                        pauses.name,
                        row,
                        format!("pause {} has no start", k - pauses.offsets[row]),
                    )
                })?;
                let n = k - pauses.offsets[row];
                if paused || start < last {
                    return Err(bad_cell(
                        pauses.name,
                        row,
                        format!(
                            "pause {n} starts before the ticket was opened or the previous pause ended; pauses are in order and do not overlap"
                        ),
                    ));
                }
                steps.push((start, "paused"));
                last = start;
                match pauses.ends.get(k)? {
                    Some(end) if end < start => {
                        return Err(bad_cell(
                            pauses.name,
                            row,
                            format!("pause {n} ends before it starts"),
                        ));
                    }
                    Some(end) => {
                        steps.push((end, "resumed"));
                        last = end;
                    }
                    None => paused = true,
                }
            }
        }
        if let Some(resolved) = resolved {
            if resolved < last {
                let what = if last == opened {
                    "before the ticket was opened"
                } else {
                    "before its last pause"
                };
                let column = table.resolved.as_ref().map_or("resolved", |c| c.name());
                return Err(bad_cell(column, row, format!("resolved {what}")));
            }
            steps.push((resolved, "resolved"));
        }
        // Steps alternate pause starts (odd) and ends (even) after the
        // creation, and the resolution, when there is one, comes last.
        let total = steps.len();
        steps.truncate(steps.partition_point(|&(t, _)| t <= now));
        let state_of = move |step: usize| match step {
            0 => OPENED,
            last if resolved.is_some() && last == total - 1 => RESOLVED,
            odd if odd % 2 == 1 => PAUSED,
            _ => RESUMED,
        };
        let steps = steps.len();
        let states = &self.states;
        let plain = self.export.is_plain();
        if !plain {
            let Attributes {
                values,
                cache,
                unmapped,
            } = attributes;
            self.export
                .row(&self.fields, row, values, cache, unmapped)?;
            values[FieldTable::STATE as usize] = None;
        }
        let plain_fields = self
            .fields
            .iter()
            .filter(move |_| plain)
            .filter(move |(_, column)| !column.get(row).is_null())
            .map(move |(id, column)| (*id, 0u32, column.get(row)));
        let read_fields = attributes
            .values
            .iter()
            .enumerate()
            .filter(move |_| !plain)
            .filter_map(|(id, value)| {
                value
                    .filter(|v| !v.is_null())
                    .map(|v| (id as FieldId, 0u32, v))
            });
        let changes = plain_fields.chain(read_fields).chain(
            (0..steps).map(move |step| (FieldTable::STATE, step as u32, &states[state_of(step)])),
        );
        history.set_changes(changes);
        Ok(())
    }
}

impl PolicySet {
    /// Evaluates the tickets of `rows` at `now`: one result row per ticket and
    /// clock (see [`ResultTable`]). Tickets opened after `now` and tickets whose
    /// evaluation fails get an error row; a ticket no policy applies to gets a
    /// row without a metric.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the column and row of the first cell that
    /// makes the table unreadable: a null where a value is required, a pause
    /// that ends before it starts or overlaps the previous one, a resolution
    /// before the opening or inside a pause, an instant out of range; or the
    /// column whose length differs from the table's.
    pub fn evaluate_tickets<'a>(
        &'a self,
        table: &TicketTable<'a>,
        rows: Range<usize>,
        now: DateTime<Utc>,
        options: &TableOptions,
    ) -> Result<ResultTable<'a>> {
        table.check()?;
        if rows.end > table.len() {
            return Err(Error::invalid_argument(
                "rows",
                format!("{rows:?} goes past the table's {} rows", table.len()),
            ));
        }
        let now_ms = to_millis(now)?;
        let fields = self.fields();
        let reading = Reading::new(&options.states, table, Export::new(options, fields)?);
        let mut attributes = Attributes {
            values: vec![None; fields.len()],
            cache: ReadCache::default(),
            unmapped: Unmapped::new(),
        };
        let earliest = rows
            .clone()
            .filter_map(|row| table.opened.get(row).ok().flatten())
            .min();
        let held = self.held(earliest.map(|from| (from.min(now_ms), now_ms)));
        let mut results = ResultTable::with_capacity(rows.len());
        let mut history = History::empty(fields);
        let mut scratch = Scratch::default();
        for row in rows {
            let id = table.ids[row];
            if let Err(early) = created_by(now_ms, table.opened.required(row)?) {
                results.push_error(row, id, &early);
                continue;
            }
            reading.history(table, row, now_ms, &mut history, &mut attributes)?;
            results.push(self, row, id, &history, now_ms, &held, &mut scratch);
        }
        results.counts().unmapped = attributes.unmapped;
        Ok(results)
    }
}
