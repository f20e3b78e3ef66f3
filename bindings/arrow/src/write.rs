//! The results of a table as an Arrow record batch.

use std::sync::{Arc, LazyLock};

use arrow_array::{
    ArrayRef, BooleanArray, DurationMillisecondArray, Float64Array, ListArray, RecordBatch,
    StringArray, TimestampMillisecondArray, UInt32Array,
};
use arrow_buffer::{OffsetBuffer, ScalarBuffer};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use itsm_core::Error;
use itsm_core::sla::{ResultTable, Status};

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
/// the schema's metadata under [`SUMMARY_KEY`].
///
/// # Errors
/// Never for results the core made; an internal inconsistency is reported as
/// an error rather than a panic.
pub fn result_batch(results: &ResultTable<'_>) -> Result<RecordBatch, Error> {
    let instants = |v: &[Option<i64>]| -> ArrayRef {
        Arc::new(TimestampMillisecondArray::from(v.to_vec()).with_timezone("UTC"))
    };
    let durations =
        |v: &[Option<i64>]| -> ArrayRef { Arc::new(DurationMillisecondArray::from(v.to_vec())) };
    let texts = |v: Vec<Option<&str>>| -> ArrayRef { Arc::new(StringArray::from(v)) };
    let crossed = ListArray::try_new(
        crossed_item(),
        OffsetBuffer::new(ScalarBuffer::from(
            results
                .crossed_offsets
                .iter()
                .map(|&o| o as i32)
                .collect::<Vec<i32>>(),
        )),
        Arc::new(StringArray::from(results.crossed.clone())),
        None,
    )
    .map_err(|e| Error::invalid_argument("results", e.to_string()))?;
    let errors = |part: fn(&itsm_core::ErrorDocument) -> Option<&str>| {
        texts(
            results
                .error
                .iter()
                .map(|e| e.as_ref().and_then(part))
                .collect(),
        )
    };
    let columns: Vec<ArrayRef> = vec![
        Arc::new(UInt32Array::from(results.row.clone())),
        texts(results.record.iter().map(|r| Some(*r)).collect()),
        texts(results.policy.clone()),
        texts(results.metric.clone()),
        Arc::new(UInt32Array::from(results.cycle.clone())),
        texts(results.status.iter().map(|s| s.map(status_name)).collect()),
        instants(&results.started_at),
        instants(&results.stopped_at),
        durations(&results.elapsed_ms),
        durations(&results.elapsed_wall_ms),
        durations(&results.paused_ms),
        durations(&results.goal_ms),
        durations(&results.remaining_ms),
        durations(&results.remaining_wall_ms),
        Arc::new(Float64Array::from(results.percent.clone())),
        instants(&results.deadline),
        instants(&results.original_deadline),
        instants(&results.breached_at),
        durations(&results.overrun_ms),
        Arc::new(BooleanArray::from(results.breached.clone())),
        Arc::new(BooleanArray::from(results.ever_breached.clone())),
        Arc::new(crossed),
        instants(&results.next_wakeup),
        Arc::new(UInt32Array::from(results.warnings.clone())),
        errors(|e| Some(e.code.as_str())),
        errors(|e| Some(e.message.as_str())),
        errors(|e| e.path.as_deref()),
    ];
    let summary = serde_json::to_string(&results.summary())
        .map_err(|e| Error::invalid_argument("results", e.to_string()))?;
    let schema = result_schema()
        .as_ref()
        .clone()
        .with_metadata([(SUMMARY_KEY.to_owned(), summary)].into());
    RecordBatch::try_new(Arc::new(schema), columns)
        .map_err(|e| Error::invalid_argument("results", e.to_string()))
}
