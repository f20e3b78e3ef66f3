//! The snapshots shape: one row per update carrying every current value, as a
//! ServiceNow audit export does. A ticket's rows, in order, are diffed into
//! the history the clocks fold, as the events shape reads its rows: the
//! ticket is created at its `created` value or at its first row, rows at the
//! creation instant give the creation's fields, and each later row an update
//! of the fields whose values differ from the row before (rows at one instant
//! being one update).

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::TableOptions;
use super::columns::{InstantColumn, ValueColumn, check_len};
use super::export::{Export, ReadCache, Unmapped};
use super::history::{ReadHistory, Timing};
use super::results::ResultTable;
use crate::error::Result;
use crate::rules::{FieldId, History};
use crate::sla::PolicySet;
use crate::time::{Millis, to_millis};

/// A table of snapshots, one row per update with every current value, in
/// columns.
///
/// # Example
/// ```
/// use itsm_core::sla::{InstantColumn, PolicySet, SnapshotTable, Status, TableOptions, ValueColumn, template};
/// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
/// let monday = 1_795_424_400_000; // 2026-11-23T09:00:00Z
/// let hour = 3_600_000;
/// let at = [monday, monday + hour, monday + 2 * hour];
/// let table = SnapshotTable {
///     ids: vec!["INC-1", "INC-1", "INC-1"],
///     at: InstantColumn::new("at", &at),
///     created: None,
///     order: None,
///     fields: vec![
///         ValueColumn::from_strs("priority", [Some("P2"), Some("P2"), Some("P2")]),
///         ValueColumn::from_strs("state", [Some("new"), Some("in_progress"), Some("resolved")]),
///     ],
/// };
/// let now = itsm_core::parse_instant("now", "2026-11-23T17:00:00Z").unwrap();
/// let results = set.evaluate_snapshots(&table, now, &TableOptions::default()).unwrap();
/// let resolution = (0..results.len()).find(|&r| results.metric[r] == Some("resolution")).unwrap();
/// assert_eq!(results.status[resolution], Some(Status::Met));
/// assert_eq!(results.elapsed_ms.get(resolution), Some(2 * hour));
/// ```
#[derive(Debug, Clone)]
pub struct SnapshotTable<'a> {
    /// The ticket each row belongs to.
    pub ids: Vec<&'a str>,
    /// When the update happened; required.
    pub at: InstantColumn<'a>,
    /// When the ticket was created (read from its first row in order).
    pub created: Option<InstantColumn<'a>>,
    /// Integers ordering a ticket's rows (ServiceNow's `sys_mod_count`);
    /// `None` orders them by instant.
    pub order: Option<ValueColumn<'a>>,
    /// The attribute columns, each named by its source field.
    pub fields: Vec<ValueColumn<'a>>,
}

impl SnapshotTable<'_> {
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
        if let Some(created) = &self.created {
            created.check_len(rows)?;
        }
        if let Some(order) = &self.order {
            check_len(order.name(), order.len(), rows)?;
        }
        for field in &self.fields {
            check_len(field.name(), field.len(), rows)?;
        }
        Ok(())
    }
}

impl PolicySet {
    /// Evaluates every ticket of a snapshot table at `now`, as
    /// [`PolicySet::evaluate_events`] does an event table: one result row per
    /// ticket and clock, tickets in order of first appearance. Updates after
    /// `now` are not seen.
    ///
    /// # Errors
    /// [`Error::InvalidInput`](crate::Error::InvalidInput) naming the column
    /// and row of the first cell that makes the table unreadable: a null
    /// instant, an order that is not an integer, a row before its ticket's
    /// creation or before an earlier row in order (unless clamped or
    /// dropped), a value a strict reading cannot map, an instant out of range;
    /// or the column whose length differs from the table's.
    pub fn evaluate_snapshots<'a>(
        &'a self,
        table: &SnapshotTable<'a>,
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
        let mut differ = Differ {
            history: History::empty(fields),
            current: vec![None; fields.len()],
            next: vec![None; fields.len()],
            cache: ReadCache::default(),
            changes: Vec::new(),
            columns: export.columns(&table.fields),
            export,
        };
        self.evaluate_histories(timing, now_ms, options, &mut differ)
    }
}

/// Diffs one ticket's rows into its history, keeping its vectors from ticket
/// to ticket.
struct Differ<'h> {
    history: History<'h>,
    /// The fields after the row before, by field id.
    current: Vec<Option<&'h Value>>,
    /// The fields of the row being read.
    next: Vec<Option<&'h Value>>,
    cache: ReadCache<'h>,
    changes: Vec<(FieldId, u32, &'h Value)>,
    columns: Vec<(FieldId, &'h ValueColumn<'h>)>,
    export: Export<'h>,
}

impl<'h> ReadHistory<'h> for Differ<'h> {
    fn read(
        &mut self,
        group: &[u32],
        created: Millis,
        now: Millis,
        at: &[Millis],
        unmapped: &mut Unmapped,
    ) -> Result<&History<'h>> {
        let steps = self.history.reset_steps();
        steps.push((created, "created"));
        self.changes.clear();
        self.current.fill(None);
        let mut creation_pending = true;
        for &r in group {
            let row = r as usize;
            if at[row] > now {
                break;
            }
            let (columns, next) = (&self.columns, &mut self.next);
            self.export
                .row(columns, row, next, &mut self.cache, unmapped)?;
            if at[row] == created {
                // Rows at the creation instant are the creation, the last
                // one's values standing.
                std::mem::swap(&mut self.current, &mut self.next);
                continue;
            }
            if creation_pending {
                creation(&self.current, &mut self.changes);
                creation_pending = false;
            }
            let last = steps.len() - 1;
            let step = if last > 0 && steps[last].0 == at[row] {
                last
            } else {
                steps.push((at[row], "update"));
                steps.len() - 1
            };
            for (field, (after, before)) in self.next.iter().zip(&self.current).enumerate() {
                let value = after.unwrap_or(&Value::Null);
                if before.unwrap_or(&Value::Null) != value {
                    self.changes.push((field as FieldId, step as u32, value));
                }
            }
            std::mem::swap(&mut self.current, &mut self.next);
        }
        if creation_pending {
            creation(&self.current, &mut self.changes);
        }
        // A row at a later instant than the row before adds a step and may
        // change nothing: such steps are kept, being updates all the same.
        self.history.set_changes(self.changes.iter().copied());
        Ok(&self.history)
    }
}

/// The creation's changes: every field with a value, before any update's.
fn creation<'h>(values: &[Option<&'h Value>], changes: &mut Vec<(FieldId, u32, &'h Value)>) {
    debug_assert!(changes.is_empty());
    changes.extend(values.iter().enumerate().filter_map(|(field, value)| {
        value
            .filter(|v| !v.is_null())
            .map(|v| (field as FieldId, 0, v))
    }));
}
