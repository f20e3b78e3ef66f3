//! Arrow record batches in and out of the core's table evaluation, shared by the
//! Python binding (Arrow PyCapsule tables) and the Node binding (Arrow IPC).
//!
//! Reading turns the columns a [`TableOptions`] names into the core's
//! [`TicketTable`] or [`EventTable`], borrowing where the layout allows and
//! refusing, with the column (and row) named, what the core cannot read: a
//! missing column, a column of the wrong type, naive timestamps. Writing turns a
//! [`ResultTable`] into a record batch of [`result_schema`]. No rules live here:
//! every number comes from the core.

#![forbid(unsafe_code)]

mod calendar;
mod metrics;
mod read;
mod write;

use std::ops::Range;

use arrow_array::RecordBatch;
use chrono::{DateTime, Utc};
use itsm_core::Error;
use itsm_core::sla::{PolicySet, ResultTable, Shape, TableOptions, TableSummary};

pub use calendar::{add_business, business_duration};
pub use metrics::metric_records;
pub use read::{Strings, TableColumns};
pub use write::{SUMMARY_KEY, result_batch, result_schema, status_name};

/// Evaluates every ticket of `batches` at `now` and answers the results as one
/// record batch (see [`result_schema`]) with the summary of the whole table.
///
/// Batches are one table, joined before reading (a copy, when there are
/// several): a ticket's rows may lie in several batches, and a refused cell's
/// row and each result's `row` count from the table's first row. `threads` above 1 splits the
/// tickets shape into that many parts evaluated at once and joined in order.
///
/// # Errors
/// [`Error::InvalidInput`] naming the column (and row) the table cannot be read
/// by, as the core's evaluation names it.
pub fn evaluate(
    set: &PolicySet,
    batches: &[RecordBatch],
    now: DateTime<Utc>,
    options: &TableOptions,
    threads: usize,
) -> Result<(RecordBatch, TableSummary), Error> {
    // One table, read as one batch: a ticket's rows may lie in several
    // batches, and a cell's row and a result's `row` count from its first row.
    let joined;
    let batch = match batches {
        [] => {
            return Ok((
                result_batch(ResultTable::default())?,
                TableSummary::default(),
            ));
        }
        [one] => one,
        _ => {
            joined = read::join(batches)?;
            &joined
        }
    };
    let (results, summary) = match options.shape {
        Shape::Tickets => {
            let columns = TableColumns::tickets(batch, options, set)?;
            let table = columns.ticket_table(options)?;
            let results = evaluate_tickets(set, &table, now, options, threads)?;
            {
                let summary = results.summary();
                (result_batch(results)?, summary)
            }
        }
        Shape::Events => {
            let columns = TableColumns::events(batch, options)?;
            let table = columns.event_table(options)?;
            let results = set.evaluate_events(&table, now, options)?;
            {
                let summary = results.summary();
                (result_batch(results)?, summary)
            }
        }
        Shape::Snapshots => {
            let columns = TableColumns::snapshots(batch, options, set)?;
            let table = columns.snapshot_table(options)?;
            let results = set.evaluate_snapshots(&table, now, options)?;
            {
                let summary = results.summary();
                (result_batch(results)?, summary)
            }
        }
    };
    Ok((results, summary))
}

/// The most threads one table is split across.
pub const MAX_THREADS: usize = 256;

fn evaluate_tickets<'a>(
    set: &'a PolicySet,
    table: &itsm_core::sla::TicketTable<'a>,
    now: DateTime<Utc>,
    options: &TableOptions,
    threads: usize,
) -> Result<ResultTable<'a>, Error> {
    let rows = table.len();
    // More threads than tickets, or than any machine has cores, only cost.
    let threads = threads.clamp(1, rows.clamp(1, MAX_THREADS));
    if threads == 1 {
        return set.evaluate_tickets(table, 0..rows, now, options);
    }
    let parts: Vec<Range<usize>> = (0..threads)
        .map(|t| rows * t / threads..rows * (t + 1) / threads)
        .collect();
    let failed = |reason: String| Error::invalid_argument("threads", reason);
    let results: Vec<Result<ResultTable<'a>, Error>> = std::thread::scope(|scope| {
        // A thread the system will not start is an error, not a panic.
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| {
                std::thread::Builder::new().spawn_scoped(scope, move || {
                    set.evaluate_tickets(table, part, now, options)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle {
                Ok(handle) => handle
                    .join()
                    .unwrap_or_else(|_| Err(failed("a worker thread failed".into()))),
                Err(e) => Err(failed(format!("could not start a worker thread: {e}"))),
            })
            .collect()
    });
    let mut all = ResultTable::default();
    for part in results {
        all.append(part?);
    }
    Ok(all)
}
