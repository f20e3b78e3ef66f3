//! Reading a table of records' facts (one row per record, columns named as
//! the fields of [`MetricRecord`]) for the core's metrics.

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use itsm_core::Error;
use itsm_core::metrics::{ChangeOutcome, MetricRecord};

use crate::read::{Strings, bad_column, instants_of, integers, join, text_cells};

/// The records of a table: `id`, `kind` and `created_at` are required
/// (strings, or integers for ids; timestamps with a time zone), the other
/// fields of [`MetricRecord`] are read when their column is there, and other
/// columns are left alone. A null is an absent instant, item or outcome, a
/// count of 0, a flag that is false.
///
/// # Errors
/// [`Error::InvalidInput`] naming the column, and the row where one is to
/// blame (`reopened[3]`): a missing required column or value, a column of
/// the wrong type, naive timestamps, a count that is negative or not whole,
/// an unknown outcome.
pub fn metric_records(batches: &[RecordBatch]) -> Result<Vec<MetricRecord>, Error> {
    let joined;
    let batch = match batches {
        [] => return Ok(Vec::new()),
        [one] => one,
        _ => {
            joined = join(batches)?;
            &joined
        }
    };
    let rows = batch.num_rows();
    let ids = Strings::read(batch, "id")?;
    let kinds = Strings::read(batch, "kind")?;
    let created = instants_of(required(batch, "created_at")?, "created_at")?;
    let column = |name: &str| batch.column_by_name(name);
    let instants = |name: &str| -> Result<Vec<Option<i64>>, Error> {
        column(name).map_or(Ok(vec![None; rows]), |a| instants_of(a.as_ref(), name))
    };
    let (acknowledged, resolved, closed, due) = (
        instants("acknowledged_at")?,
        instants("resolved_at")?,
        instants("closed_at")?,
        instants("due_at")?,
    );
    let counts = |name: &str| column(name).map_or(Ok(vec![0; rows]), |a| counts(a.as_ref(), name));
    let (reopened, reassignments, caused) = (
        counts("reopened")?,
        counts("reassignments")?,
        counts("caused_incidents")?,
    );
    let flags =
        |name: &str| column(name).map_or(Ok(vec![false; rows]), |a| flags(a.as_ref(), name));
    let (cancelled, emergency) = (flags("cancelled")?, flags("emergency")?);
    let texts_of = |name: &str| match column(name) {
        Some(array) => optional_texts(array.as_ref(), name),
        None => Ok(vec![None; rows]),
    };
    let (items, groups) = (texts_of("item")?, texts_of("group")?);
    let outcomes = match column("outcome") {
        Some(array) => outcomes(array.as_ref())?,
        None => vec![None; rows],
    };
    let at = |ms: i64, name: &str, row: usize| {
        itsm_core::instant_from_millis(ms)
            .map_err(|e| bad_column(&format!("{name}[{row}]"), e.to_string()))
    };
    let instant =
        |ms: Option<i64>, name: &str, row: usize| ms.map(|ms| at(ms, name, row)).transpose();
    let (ids, kinds) = (ids.as_strs(), kinds.as_strs());
    (0..rows)
        .map(|row| {
            let created_at = created[row]
                .ok_or_else(|| bad_column(&format!("created_at[{row}]"), "a value is required"))?;
            Ok(MetricRecord {
                id: ids[row].to_owned(),
                kind: kinds[row].to_owned(),
                created_at: at(created_at, "created_at", row)?,
                acknowledged_at: instant(acknowledged[row], "acknowledged_at", row)?,
                resolved_at: instant(resolved[row], "resolved_at", row)?,
                closed_at: instant(closed[row], "closed_at", row)?,
                cancelled: cancelled[row],
                due_at: instant(due[row], "due_at", row)?,
                reopened: reopened[row],
                reassignments: reassignments[row],
                item: items[row].map(str::to_owned),
                group: groups[row].map(str::to_owned),
                outcome: outcomes[row],
                emergency: emergency[row],
                caused_incidents: caused[row],
            })
        })
        .collect()
}

fn required<'b>(batch: &'b RecordBatch, name: &str) -> Result<&'b dyn Array, Error> {
    batch
        .column_by_name(name)
        .map(|a| a.as_ref())
        .ok_or_else(|| {
            bad_column(
                name,
                "the table has no such column, and every record needs it",
            )
        })
}

/// Counts: integers, or whole floating-point numbers (a pandas integer
/// column with gaps is floats); null is 0.
fn counts(array: &dyn Array, name: &str) -> Result<Vec<u32>, Error> {
    let bad = |row: usize, found: String| {
        bad_column(
            &format!("{name}[{row}]"),
            format!("expected a count from 0 to {}, found {found}", u32::MAX),
        )
    };
    if let Some(numbers) = integers(array) {
        return numbers
            .into_iter()
            .enumerate()
            .map(|(row, n)| {
                n.map_or(Ok(0), |n| {
                    u32::try_from(n).map_err(|_| bad(row, n.to_string()))
                })
            })
            .collect();
    }
    let floats: Option<Vec<Option<f64>>> = array
        .as_primitive_opt::<arrow_array::types::Float64Type>()
        .map(|a| a.iter().collect())
        .or_else(|| {
            array
                .as_primitive_opt::<arrow_array::types::Float32Type>()
                .map(|a| a.iter().map(|v| v.map(f64::from)).collect())
        });
    let Some(floats) = floats else {
        return Err(bad_column(
            name,
            format!("expected integers, found {}", array.data_type()),
        ));
    };
    floats
        .into_iter()
        .enumerate()
        .map(|(row, v)| match v {
            None => Ok(0),
            Some(v) if v.is_nan() => Ok(0),
            Some(v) if v.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&v) => Ok(v as u32),
            Some(v) => Err(bad(row, v.to_string())),
        })
        .collect()
}

/// Flags: booleans; null is false.
fn flags(array: &dyn Array, name: &str) -> Result<Vec<bool>, Error> {
    let Some(booleans) = array.as_boolean_opt() else {
        return Err(bad_column(
            name,
            format!("expected booleans, found {}", array.data_type()),
        ));
    };
    Ok(booleans.iter().map(Option::unwrap_or_default).collect())
}

/// Optional strings, plain or dictionary-encoded.
fn optional_texts<'a>(array: &'a dyn Array, name: &str) -> Result<Vec<Option<&'a str>>, Error> {
    text_cells(array).ok_or_else(|| {
        bad_column(
            name,
            format!("expected strings, found {}", array.data_type()),
        )
    })
}

fn outcomes(array: &dyn Array) -> Result<Vec<Option<ChangeOutcome>>, Error> {
    optional_texts(array, "outcome")?
        .into_iter()
        .enumerate()
        .map(|(row, text)| {
            text.map(|text| {
                serde_json::from_value(serde_json::Value::String(text.to_owned())).map_err(|_| {
                    bad_column(
                        &format!("outcome[{row}]"),
                        format!(
                            "unknown outcome {text:?}, expected one of successful, successful_with_issues, failed, backed_out"
                        ),
                    )
                })
            })
            .transpose()
        })
        .collect()
}
