//! Business-time arithmetic over whole columns: the duration between two
//! timestamp columns and a timestamp column moved by business durations, each
//! answered from a span held for the column.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    DurationMicrosecondType, DurationMillisecondType, DurationNanosecondType, DurationSecondType,
    Int64Type,
};
use arrow_array::{Array, ArrayRef, DurationMillisecondArray, TimestampMillisecondArray};
use arrow_schema::{DataType, TimeUnit};
use chrono::TimeDelta;
use itsm_core::{Calendar, Error, instant_from_millis};

use crate::read::instants_of;

fn held(
    calendar: &Calendar,
    columns: &[&[Option<i64>]],
) -> Option<itsm_core::calendar::BusinessSpan> {
    let all = columns.iter().flat_map(|c| c.iter().flatten());
    let (lo, hi) = all.fold((i64::MAX, i64::MIN), |(lo, hi), &t| (lo.min(t), hi.max(t)));
    (lo <= hi).then(|| calendar.span_ms(lo, hi).ok()).flatten()
}

/// The business duration from `start[i]` to `end[i]`, for every row: a
/// duration column in milliseconds, null where either is null.
///
/// # Errors
/// [`Error::InvalidInput`] naming the column that is not a timestamp column
/// with a time zone; the calendar's error, naming the row, where `end` is
/// before `start`.
pub fn business_duration(
    calendar: &Calendar,
    start: &dyn Array,
    end: &dyn Array,
) -> Result<ArrayRef, Error> {
    let (a, b) = (instants_of(start, "start")?, instants_of(end, "end")?);
    if a.len() != b.len() {
        return Err(Error::InvalidInput {
            path: "end".into(),
            reason: format!("has {} rows where start has {}", b.len(), a.len()),
        });
    }
    let span = held(calendar, &[&a, &b]);
    let mut out = Vec::with_capacity(a.len());
    for (row, (a, b)) in a.iter().zip(&b).enumerate() {
        out.push(match (a, b) {
            (Some(a), Some(b)) => Some(match span.as_ref().and_then(|s| s.duration_ms(*a, *b)) {
                Some(d) => d,
                None => calendar
                    .business_duration(instant_from_millis(*a)?, instant_from_millis(*b)?)
                    .map_err(|e| at_row(e, row))?
                    .num_milliseconds(),
            }),
            _ => None,
        });
    }
    Ok(Arc::new(DurationMillisecondArray::from(out)))
}

/// `start[i]` moved forward by `duration[i]` of business time (the due date),
/// for every row: a UTC timestamp column, null where either is null.
/// Durations are a duration column of any unit, or integers in milliseconds.
///
/// # Errors
/// As [`business_duration`]; a negative duration is an error naming its row.
pub fn add_business(
    calendar: &Calendar,
    start: &dyn Array,
    duration: &dyn Array,
) -> Result<ArrayRef, Error> {
    let a = instants_of(start, "start")?;
    let d = durations_of(duration)?;
    if a.len() != d.len() {
        return Err(Error::InvalidInput {
            path: "duration".into(),
            reason: format!("has {} rows where start has {}", d.len(), a.len()),
        });
    }
    let span = held(calendar, &[&a]);
    let mut out = Vec::with_capacity(a.len());
    for (row, (a, d)) in a.iter().zip(&d).enumerate() {
        out.push(match (a, d) {
            (Some(a), Some(d)) => Some(match span.as_ref().and_then(|s| s.add_ms(*a, *d)) {
                Some(t) => t,
                None => calendar
                    .add_business(instant_from_millis(*a)?, TimeDelta::milliseconds(*d))
                    .map_err(|e| at_row(e, row))?
                    .timestamp_millis(),
            }),
            _ => None,
        });
    }
    Ok(Arc::new(
        TimestampMillisecondArray::from(out).with_timezone("UTC"),
    ))
}

fn at_row(error: Error, row: usize) -> Error {
    Error::InvalidInput {
        path: format!("[{row}]"),
        reason: error.to_string(),
    }
}

fn durations_of(array: &dyn Array) -> Result<Vec<Option<i64>>, Error> {
    let scaled = |values: Vec<Option<i64>>, per_ms: i64, times: i64| {
        values
            .into_iter()
            .map(|v| v.map(|v| v.saturating_mul(times).div_euclid(per_ms)))
            .collect()
    };
    Ok(match array.data_type() {
        DataType::Duration(TimeUnit::Second) => scaled(
            array.as_primitive::<DurationSecondType>().iter().collect(),
            1,
            1000,
        ),
        DataType::Duration(TimeUnit::Millisecond) => array
            .as_primitive::<DurationMillisecondType>()
            .iter()
            .collect(),
        DataType::Duration(TimeUnit::Microsecond) => scaled(
            array
                .as_primitive::<DurationMicrosecondType>()
                .iter()
                .collect(),
            1000,
            1,
        ),
        DataType::Duration(TimeUnit::Nanosecond) => scaled(
            array
                .as_primitive::<DurationNanosecondType>()
                .iter()
                .collect(),
            1_000_000,
            1,
        ),
        DataType::Int64 => array.as_primitive::<Int64Type>().iter().collect(),
        other => {
            return Err(Error::InvalidInput {
                path: "duration".into(),
                reason: format!("expected durations or integer milliseconds, found {other}"),
            });
        }
    })
}
