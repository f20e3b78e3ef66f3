//! The results of a table as an Arrow record batch.

use std::mem::take;
use std::sync::{Arc, LazyLock};

use arrow_array::{
    ArrayRef, BooleanArray, DurationMillisecondArray, Float64Array, ListArray, RecordBatch,
    StringArray, TimestampMillisecondArray, UInt32Array,
};
use arrow_buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use itsm_core::Error;
use itsm_core::sla::{Nullable, ResultTable, Status};

fn instant() -> DataType {
    DataType::Timestamp(TimeUnit::Millisecond, Some("UTC".into()))
}

fn duration() -> DataType {
    DataType::Duration(TimeUnit::Millisecond)
}

fn crossed_item() -> Arc<Field> {
    Arc::new(Field::new("item", DataType::Utf8, false))
}

static SCHEMA: LazyLock<SchemaRef> = LazyLock::new(|| {
    let f = |name: &str, data_type: DataType, nullable: bool| Field::new(name, data_type, nullable);
    Arc::new(Schema::new(vec![
        f("row", DataType::UInt32, false),
        f("record", DataType::Utf8, false),
        f("policy", DataType::Utf8, true),
        f("metric", DataType::Utf8, true),
        f("cycle", DataType::UInt32, true),
        f("status", DataType::Utf8, true),
        f("started_at", instant(), true),
        f("stopped_at", instant(), true),
        f("elapsed", duration(), true),
        f("elapsed_wall", duration(), true),
        f("paused", duration(), true),
        f("goal", duration(), true),
        f("remaining", duration(), true),
        f("remaining_wall", duration(), true),
        f("percent", DataType::Float64, true),
        f("deadline", instant(), true),
        f("original_deadline", instant(), true),
        f("breached_at", instant(), true),
        f("overrun", duration(), true),
        f("breached", DataType::Boolean, true),
        f("ever_breached", DataType::Boolean, true),
        f("thresholds_crossed", DataType::List(crossed_item()), false),
        f("next_wakeup", instant(), true),
        f("warnings", DataType::UInt32, false),
        f("error_code", DataType::Utf8, true),
        f("error_message", DataType::Utf8, true),
        f("error_path", DataType::Utf8, true),
    ]))
});

/// The schema of the results: one row per ticket and clock, instants as UTC
/// timestamps and durations in milliseconds (see
/// [`ResultTable`](itsm_core::sla::ResultTable) for each column's meaning;
/// `error_*` are the error document's `code`, `message` and `path`).
pub fn result_schema() -> SchemaRef {
    SCHEMA.clone()
}

/// The key of the schema metadata that holds the results' summary, a
/// [`TableSummary`](itsm_core::sla::TableSummary) as JSON text.
pub const SUMMARY_KEY: &str = "itsm.summary";

/// The status as it is written in every document (`"breached"`).
pub fn status_name(status: Status) -> &'static str {
    match status {
        Status::Running => "running",
        Status::Paused => "paused",
        Status::Met => "met",
        Status::Breached => "breached",
        Status::Cancelled => "cancelled",
    }
}

/// The results as a record batch of [`result_schema`], with their summary in
/// the schema's metadata under [`SUMMARY_KEY`]. The number columns' buffers
/// become the batch's without a copy.
///
/// # Errors
/// Never for results the core made; an internal inconsistency is reported as
/// an error rather than a panic.
pub fn result_batch(mut results: ResultTable<'_>) -> Result<RecordBatch, Error> {
    let summary = serde_json::to_string(&results.summary())
        .map_err(|e| Error::invalid_argument("results", e.to_string()))?;
    let texts = |v: &[Option<&str>]| -> ArrayRef { Arc::new(StringArray::from_iter(v)) };
    let crossed = ListArray::try_new(
        crossed_item(),
        OffsetBuffer::new(ScalarBuffer::from(
            results
                .crossed_offsets
                .iter()
                .map(|&o| o as i32)
                .collect::<Vec<i32>>(),
        )),
        Arc::new(StringArray::from_iter_values(&results.crossed)),
        None,
    )
    .map_err(|e| Error::invalid_argument("results", e.to_string()))?;
    let rows = results.len();
    let error_texts = |part: fn(&itsm_core::ErrorDocument) -> Option<&str>| -> ArrayRef {
        if results.errors.is_empty() {
            arrow_array::new_null_array(&DataType::Utf8, rows)
        } else {
            Arc::new(StringArray::from_iter(
                (0..rows).map(|r| results.error(r).and_then(part)),
            ))
        }
    };
    let error_code = error_texts(|e| Some(e.code.as_str()));
    let error_message = error_texts(|e| Some(e.message.as_str()));
    let error_path = error_texts(|e| e.path.as_deref());
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt32Array::from(take(&mut results.row))),
        Arc::new(StringArray::from_iter_values(&results.record)),
        texts(&results.policy),
        texts(&results.metric),
        {
            let (values, valid) = take(&mut results.cycle).into_parts();
            Arc::new(UInt32Array::new(values.into(), nulls(&valid)))
        },
        Arc::new(StringArray::from_iter(
            results.status.iter().map(|s| s.map(status_name)),
        )),
        instants(take(&mut results.started_at)),
        instants(take(&mut results.stopped_at)),
        durations(take(&mut results.elapsed_ms)),
        durations(take(&mut results.elapsed_wall_ms)),
        durations(take(&mut results.paused_ms)),
        durations(take(&mut results.goal_ms)),
        durations(take(&mut results.remaining_ms)),
        durations(take(&mut results.remaining_wall_ms)),
        {
            let (values, valid) = take(&mut results.percent).into_parts();
            Arc::new(Float64Array::new(values.into(), nulls(&valid)))
        },
        instants(take(&mut results.deadline)),
        instants(take(&mut results.original_deadline)),
        instants(take(&mut results.breached_at)),
        durations(take(&mut results.overrun_ms)),
        Arc::new(BooleanArray::from(take(&mut results.breached))),
        Arc::new(BooleanArray::from(take(&mut results.ever_breached))),
        Arc::new(crossed),
        instants(take(&mut results.next_wakeup)),
        Arc::new(UInt32Array::from(take(&mut results.warnings))),
        error_code,
        error_message,
        error_path,
    ];
    let schema = result_schema()
        .as_ref()
        .clone()
        .with_metadata([(SUMMARY_KEY.to_owned(), summary)].into());
    RecordBatch::try_new(Arc::new(schema), columns)
        .map_err(|e| Error::invalid_argument("results", e.to_string()))
}

/// The validity of a column as Arrow holds it: none when every row has a value.
fn nulls(validity: &[bool]) -> Option<NullBuffer> {
    (!validity.iter().all(|&v| v)).then(|| NullBuffer::from(validity))
}

fn instants(column: Nullable<i64>) -> ArrayRef {
    let (values, valid) = column.into_parts();
    Arc::new(TimestampMillisecondArray::new(values.into(), nulls(&valid)).with_timezone("UTC"))
}

fn durations(column: Nullable<i64>) -> ArrayRef {
    let (values, valid) = column.into_parts();
    Arc::new(DurationMillisecondArray::new(values.into(), nulls(&valid)))
}
