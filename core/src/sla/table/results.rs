//! The results of a table, in columns: one row per ticket and clock, read from
//! the same numbers the per-record documents are written from, and the counts
//! an analyst reports (met, breached, at risk, open; compliance over a stated
//! denominator).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorDocument};
use crate::rules::History;
use crate::sla::measure::Held;
use crate::sla::policy::Scratch;
use crate::sla::{PolicySet, Status};
use crate::time::Millis;

/// A column whose entries may be missing, laid out as Arrow lays one out: a
/// value per row (the type's default where missing) and whether each is
/// present, so that a host hands both vectors over without copying them.
///
/// # Example
/// ```
/// use itsm_core::sla::Nullable;
/// let column: Nullable<i64> = [Some(5), None].into_iter().collect();
/// assert_eq!((column.get(0), column.get(1)), (Some(5), None));
/// assert_eq!((column.values(), column.validity()), (&[5, 0][..], &[true, false][..]));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Nullable<T> {
    values: Vec<T>,
    valid: Vec<bool>,
}

impl<T: Copy + Default> Nullable<T> {
    /// The entry of `row`, `None` where missing or past the end.
    pub fn get(&self, row: usize) -> Option<T> {
        self.valid
            .get(row)
            .copied()
            .filter(|&valid| valid)
            .map(|_| self.values[row])
    }

    /// Each row's value, the type's default where missing.
    pub fn values(&self) -> &[T] {
        &self.values
    }

    /// Whether each row's value is present.
    pub fn validity(&self) -> &[bool] {
        &self.valid
    }

    /// The values and the validity, for a host to own.
    pub fn into_parts(self) -> (Vec<T>, Vec<bool>) {
        (self.values, self.valid)
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.valid.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.valid.is_empty()
    }

    fn push(&mut self, value: Option<T>) {
        self.values.push(value.unwrap_or_default());
        self.valid.push(value.is_some());
    }

    fn reserve(&mut self, rows: usize) {
        self.values.reserve(rows);
        self.valid.reserve(rows);
    }

    fn append(&mut self, other: &mut Nullable<T>) {
        self.values.append(&mut other.values);
        self.valid.append(&mut other.valid);
    }
}

impl<T: Copy + Default> FromIterator<Option<T>> for Nullable<T> {
    fn from_iter<I: IntoIterator<Item = Option<T>>>(entries: I) -> Self {
        let mut column = Nullable {
            values: Vec::new(),
            valid: Vec::new(),
        };
        for entry in entries {
            column.push(entry);
        }
        column
    }
}

/// One row per ticket and clock, in columns (every column has one entry per
/// row). A clock's row describes its current (last) cycle. A ticket without a
/// clock (no policy applies, or none started) has one row with no policy and
/// metric; a ticket whose evaluation failed has one row with its error.
/// Instants are milliseconds since the Unix epoch (UTC) and durations
/// milliseconds, measured as the clock measures (business time in its
/// calendar, or wall time).
#[derive(Debug, Clone, PartialEq)]
pub struct ResultTable<'a> {
    /// The ticket's row in the input (the tickets shape) or its number in order
    /// of first appearance (the events shape).
    pub row: Vec<u32>,
    /// The ticket's id.
    pub record: Vec<&'a str>,
    /// The policy whose metric judges the clock.
    pub policy: Vec<Option<&'a str>>,
    /// The metric (the clock's id).
    pub metric: Vec<Option<&'a str>>,
    /// The current cycle's number, from 1.
    pub cycle: Nullable<u32>,
    /// Its status.
    pub status: Vec<Option<Status>>,
    /// When it started.
    pub started_at: Nullable<Millis>,
    /// When it stopped (met or cancelled).
    pub stopped_at: Nullable<Millis>,
    /// Time counted.
    pub elapsed_ms: Nullable<Millis>,
    /// Wall time counted.
    pub elapsed_wall_ms: Nullable<Millis>,
    /// Time paused, measured as the clock measures.
    pub paused_ms: Nullable<Millis>,
    /// The goal.
    pub goal_ms: Nullable<Millis>,
    /// Time left to the goal.
    pub remaining_ms: Nullable<Millis>,
    /// Wall time left to the deadline, for a live clock.
    pub remaining_wall_ms: Nullable<Millis>,
    /// Elapsed over goal, in percent, exact (not rounded).
    pub percent: Nullable<f64>,
    /// The deadline.
    pub deadline: Nullable<Millis>,
    /// The deadline had the clock never paused.
    pub original_deadline: Nullable<Millis>,
    /// When the goal was breached.
    pub breached_at: Nullable<Millis>,
    /// Time counted past the goal.
    pub overrun_ms: Nullable<Millis>,
    /// Whether the current cycle is breached.
    pub breached: Vec<Option<bool>>,
    /// Whether any cycle was.
    pub ever_breached: Vec<Option<bool>>,
    /// The names of the thresholds crossed, for row `r` those in
    /// `crossed[crossed_offsets[r]..crossed_offsets[r + 1]]`.
    pub crossed_offsets: Vec<u32>,
    /// The names, in the metric's order.
    pub crossed: Vec<&'a str>,
    /// When the clock must be read again.
    pub next_wakeup: Nullable<Millis>,
    /// How many warnings the ticket's values gave (see
    /// [`Warning`](crate::sla::Warning)); the same on each of its rows.
    pub warnings: Vec<u32>,
    /// The errors that prevented tickets' evaluation, with the result row each
    /// is on, in row order (few rows have one; see [`ResultTable::error`]).
    pub errors: Vec<(u32, ErrorDocument)>,
    summary: TableSummary,
}

/// The counts of a table's results: how many tickets and clocks, how the
/// clocks stand, and SLA compliance with its denominator stated.
///
/// Clocks are counted by their current cycle. `at_risk` counts live clocks
/// (running or paused) not yet breached that have crossed a threshold.
/// `compliance` is `met / (met + breached)`: clocks that are finished or
/// already breached; running, paused and cancelled clocks are left out, and
/// an empty denominator gives `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TableSummary {
    /// Tickets evaluated, failed or not.
    pub records: usize,
    /// Tickets whose evaluation failed.
    pub errors: usize,
    /// Tickets no policy applies to.
    pub no_policy: usize,
    /// Tickets a policy applies to whose clocks have not started.
    pub not_started: usize,
    /// Tickets with at least one warning.
    pub warned: usize,
    /// Clocks (ticket and metric pairs).
    pub clocks: usize,
    /// Clocks met.
    pub met: usize,
    /// Clocks breached (their current cycle).
    pub breached: usize,
    /// Live clocks that crossed a threshold but are not breached.
    pub at_risk: usize,
    /// Clocks running.
    pub running: usize,
    /// Clocks paused.
    pub paused: usize,
    /// Clocks cancelled.
    pub cancelled: usize,
    /// `met / (met + breached)`, from 0 to 1; null when both are zero.
    pub compliance: Option<f64>,
    /// Errors by code.
    pub error_codes: BTreeMap<String, usize>,
    /// Rows that went back in time, moved to the earliest instant they may
    /// have (`out_of_order: clamp`).
    pub clamped: usize,
    /// Rows that went back in time, left out (`out_of_order: drop`).
    pub dropped: usize,
    /// Values kept as they were for want of a mapping (`strict: false`), by
    /// field and value: how many cells.
    pub unmapped: BTreeMap<String, BTreeMap<String, usize>>,
}

/// Calls `$apply!` with every column that holds one entry per row (all but the
/// thresholds' offsets and names and the errors), so that each operation over
/// the columns names them once.
macro_rules! row_columns {
    ($apply:ident) => {
        $apply!(
            row,
            record,
            policy,
            metric,
            cycle,
            status,
            started_at,
            stopped_at,
            elapsed_ms,
            elapsed_wall_ms,
            paused_ms,
            goal_ms,
            remaining_ms,
            remaining_wall_ms,
            percent,
            deadline,
            original_deadline,
            breached_at,
            overrun_ms,
            breached,
            ever_breached,
            next_wakeup,
            warnings
        )
    };
}

/// No rows: the start of a table that [`ResultTable::append`] grows.
impl Default for ResultTable<'_> {
    fn default() -> Self {
        macro_rules! empty {
            ($($column:ident),*) => {
                ResultTable {
                    $($column: Default::default(),)*
                    crossed_offsets: vec![0],
                    crossed: Vec::new(),
                    errors: Vec::new(),
                    summary: TableSummary::default(),
                }
            };
        }
        row_columns!(empty)
    }
}

impl<'a> ResultTable<'a> {
    pub(crate) fn with_capacity(records: usize) -> ResultTable<'a> {
        // Every record gives at least one row: the columns grow past that only
        // for records with several clocks.
        let mut table = ResultTable {
            crossed_offsets: Vec::with_capacity(records + 1),
            ..ResultTable::default()
        };
        table.crossed_offsets.push(0);
        macro_rules! reserve {
            ($($column:ident),*) => { $(table.$column.reserve(records);)* };
        }
        row_columns!(reserve);
        table
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.row.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.row.is_empty()
    }

    /// The error on result row `row`, if its ticket's evaluation failed.
    pub fn error(&self, row: usize) -> Option<&ErrorDocument> {
        self.errors
            .binary_search_by_key(&row, |(r, _)| *r as usize)
            .ok()
            .map(|i| &self.errors[i].1)
    }

    /// The counts over every ticket evaluated.
    pub fn summary(&self) -> TableSummary {
        let mut summary = self.summary.clone();
        let judged = summary.met + summary.breached;
        summary.compliance = (judged > 0).then(|| summary.met as f64 / judged as f64);
        summary
    }

    /// Appends `other`'s rows and counts: the results of consecutive parts of a
    /// table, evaluated apart (on several threads), joined in order.
    pub fn append(&mut self, mut other: ResultTable<'a>) {
        let base = self.crossed.len() as u32;
        self.crossed_offsets
            .extend(other.crossed_offsets.iter().skip(1).map(|o| o + base));
        self.crossed.append(&mut other.crossed);
        let rows = self.len() as u32;
        self.errors.extend(
            other
                .errors
                .drain(..)
                .map(|(row, error)| (row + rows, error)),
        );
        macro_rules! join {
            ($($column:ident),*) => { $(self.$column.append(&mut other.$column);)* };
        }
        row_columns!(join);
        let (ours, theirs) = (&mut self.summary, other.summary);
        ours.records += theirs.records;
        ours.errors += theirs.errors;
        ours.no_policy += theirs.no_policy;
        ours.not_started += theirs.not_started;
        ours.warned += theirs.warned;
        ours.clocks += theirs.clocks;
        ours.met += theirs.met;
        ours.breached += theirs.breached;
        ours.at_risk += theirs.at_risk;
        ours.running += theirs.running;
        ours.paused += theirs.paused;
        ours.cancelled += theirs.cancelled;
        for (code, n) in theirs.error_codes {
            *ours.error_codes.entry(code).or_default() += n;
        }
        ours.clamped += theirs.clamped;
        ours.dropped += theirs.dropped;
        for (field, values) in theirs.unmapped {
            let counts = ours.unmapped.entry(field).or_default();
            for (value, n) in values {
                *counts.entry(value).or_default() += n;
            }
        }
    }

    /// The counts the reading of the table adds to (rows clamped, dropped,
    /// values unmapped).
    pub(crate) fn counts(&mut self) -> &mut TableSummary {
        &mut self.summary
    }

    /// A row with only the ticket, its warnings and possibly its error.
    fn push_bare(&mut self, row: usize, id: &'a str, warnings: u32, error: Option<ErrorDocument>) {
        if let Some(error) = error {
            self.errors.push((self.len() as u32, error));
        }
        self.row.push(row as u32);
        self.record.push(id);
        self.policy.push(None);
        self.metric.push(None);
        self.cycle.push(None);
        self.status.push(None);
        for column in [
            &mut self.started_at,
            &mut self.stopped_at,
            &mut self.elapsed_ms,
            &mut self.elapsed_wall_ms,
            &mut self.paused_ms,
            &mut self.goal_ms,
            &mut self.remaining_ms,
            &mut self.remaining_wall_ms,
            &mut self.deadline,
            &mut self.original_deadline,
            &mut self.breached_at,
            &mut self.overrun_ms,
            &mut self.next_wakeup,
        ] {
            column.push(None);
        }
        self.percent.push(None);
        self.breached.push(None);
        self.ever_breached.push(None);
        self.crossed_offsets.push(self.crossed.len() as u32);
        self.warnings.push(warnings);
    }

    /// The error row of ticket `row`.
    pub(crate) fn push_error(&mut self, row: usize, id: &'a str, error: &Error) {
        let document = ErrorDocument::from(error);
        self.summary.records += 1;
        self.summary.errors += 1;
        *self
            .summary
            .error_codes
            .entry(document.code.clone())
            .or_default() += 1;
        self.push_bare(row, id, 0, Some(document));
    }

    /// The rows of ticket `row`, evaluated from `history` at `now` in
    /// `scratch`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push<'h>(
        &mut self,
        set: &'a PolicySet,
        row: usize,
        id: &'a str,
        history: &History<'h>,
        now: Millis,
        held: &Held<'_>,
        scratch: &mut Scratch<'a, 'h>,
    ) {
        let assessment = match set.assess(history, now, false, held, scratch) {
            Ok(assessment) => assessment,
            Err(error) => return self.push_error(row, id, &error),
        };
        let warnings = set.warning_count(history, assessment.selected.is_empty());
        self.summary.records += 1;
        if warnings > 0 {
            self.summary.warned += 1;
        }
        if assessment.clocks.is_empty() {
            if assessment.selected.is_empty() {
                self.summary.no_policy += 1;
            } else {
                self.summary.not_started += 1;
            }
            return self.push_bare(row, id, warnings, None);
        }
        for clock in &assessment.clocks {
            let Some(current) = assessment.cycles(clock).last() else {
                continue;
            };
            let metric = clock.metric;
            self.row.push(row as u32);
            self.record.push(id);
            self.policy
                .push(Some(set.policies()[clock.policy].id.as_str()));
            self.metric.push(Some(metric.id.as_str()));
            self.cycle.push(Some(current.cycle));
            self.status.push(Some(current.status));
            self.started_at.push(Some(current.started_at));
            self.stopped_at.push(current.stopped_at);
            self.elapsed_ms.push(Some(current.elapsed));
            self.elapsed_wall_ms.push(Some(current.elapsed_wall));
            self.paused_ms.push(Some(current.paused));
            self.goal_ms.push(Some(current.goal));
            self.remaining_ms.push(Some(current.remaining));
            self.remaining_wall_ms.push(Some(current.remaining_wall));
            self.percent.push(current.percent);
            self.deadline.push(Some(current.deadline));
            self.original_deadline.push(Some(current.original_deadline));
            self.breached_at.push(current.breached_at);
            self.overrun_ms.push(Some(current.overrun));
            self.breached.push(Some(clock.breached));
            self.ever_breached.push(Some(clock.ever_breached));
            let mut crossed_any = false;
            for (threshold, &(_, crossed)) in metric.thresholds.iter().zip(&current.thresholds) {
                if crossed {
                    self.crossed.push(threshold.name.as_str());
                    crossed_any = true;
                }
            }
            self.crossed_offsets.push(self.crossed.len() as u32);
            self.next_wakeup.push(current.next_wakeup);
            self.warnings.push(warnings);

            let summary = &mut self.summary;
            summary.clocks += 1;
            match current.status {
                Status::Met => summary.met += 1,
                Status::Breached => summary.breached += 1,
                Status::Running => summary.running += 1,
                Status::Paused => summary.paused += 1,
                Status::Cancelled => summary.cancelled += 1,
            }
            if crossed_any && matches!(current.status, Status::Running | Status::Paused) {
                summary.at_risk += 1;
            }
        }
    }
}
