//! Whole tables: SLA evaluation over an Arrow IPC stream (read and written by
//! `itsm-arrow`, shared with the Python binding) or over an array of row
//! objects. Conversions only: every number comes from the core.

use std::io::Cursor;

use arrow_array::RecordBatch;
use arrow_ipc::reader::{FileReader, StreamReader};
use arrow_ipc::writer::StreamWriter;
use napi::bindgen_prelude::{Buffer, Unknown};
use napi::{JsValue, ValueType};
use napi_derive::napi;

use crate::{
    Data, Failure, Fallible, Kind, describe, engine_error, invalid_argument, is_plain_object,
    json_value, type_of,
};

/// The results of `PolicySet.evaluateArrow`.
#[napi(object, object_from_js = false)]
pub struct ArrowResult {
    /// The result rows as an Arrow IPC stream (`tableFromIPC(table)` in
    /// apache-arrow): one row per ticket and clock. A Node `Buffer`.
    #[napi(ts_type = "Uint8Array")]
    pub table: Buffer,
    /// The counts: met, breached, at risk, compliance with its denominator.
    #[napi(ts_type = "TableSummary")]
    pub summary: serde_json::Value,
}

/// The `options` argument of a table call: a `TableOptions` object, or the
/// defaults when absent.
pub(crate) fn table_options(value: Option<Unknown<'_>>) -> Fallible<itsm_core::sla::TableOptions> {
    let Some(value) = value else {
        return Ok(itsm_core::sla::TableOptions::default());
    };
    if matches!(
        type_of("options", &value)?,
        ValueType::Undefined | ValueType::Null
    ) {
        return Ok(itsm_core::sla::TableOptions::default());
    }
    if !is_plain_object("options", &value)? {
        return Err(invalid_argument(
            "options",
            format!(
                "expected table options such as {{ shape: 'events' }}, found {}",
                describe(&value)
            ),
        ));
    }
    let options = json_value(value, &mut String::new(), 0, Kind::Config)
        .map_err(|Failure(error)| invalid_argument("options", error.to_string()))?
        .unwrap_or_default();
    itsm_core::sla::TableOptions::from_value(&options).map_err(Failure)
}

/// The `threads` argument: a whole number from 1, 1 when absent.
pub(crate) fn threads(value: Option<Unknown<'_>>) -> Fallible<usize> {
    let Some(value) = value else { return Ok(1) };
    match type_of("threads", &value)? {
        ValueType::Undefined | ValueType::Null => Ok(1),
        ValueType::Number => {
            let n = value.coerce_to_number().and_then(|n| n.get_double());
            let n = n.map_err(|e| engine_error("threads", e))?;
            if n.fract() != 0.0 || !(1.0..=1024.0).contains(&n) {
                return Err(invalid_argument(
                    "threads",
                    format!("expected a whole number from 1 to 1024, found {n}"),
                ));
            }
            Ok(n as usize)
        }
        _ => Err(invalid_argument(
            "threads",
            format!("expected a number, found {}", describe(&value)),
        )),
    }
}

/// The rows argument: an array of row objects, converted to JSON data.
pub(crate) fn rows(value: Unknown<'_>) -> Fallible<serde_json::Value> {
    if !value.is_array().map_err(|e| engine_error("rows", e))? {
        return Err(invalid_argument(
            "rows",
            format!("expected an array of rows, found {}", describe(&value)),
        ));
    }
    Ok(json_value(value, &mut "rows".to_owned(), 0, Kind::Input)?.unwrap_or_default())
}

fn bad_ipc(reason: impl std::fmt::Display) -> Failure {
    Failure(itsm_core::Error::InvalidInput {
        path: "table".into(),
        reason: format!("not an Arrow IPC stream or file: {reason}"),
    })
}

/// The record batches of an Arrow IPC stream, or of an IPC file.
pub(crate) fn read_ipc(bytes: &[u8]) -> Fallible<Vec<RecordBatch>> {
    const FILE_MAGIC: &[u8] = b"ARROW1";
    if bytes.starts_with(FILE_MAGIC) {
        let reader = FileReader::try_new(Cursor::new(bytes), None).map_err(bad_ipc)?;
        return reader.collect::<Result<_, _>>().map_err(bad_ipc);
    }
    let reader = StreamReader::try_new(Cursor::new(bytes), None).map_err(bad_ipc)?;
    reader.collect::<Result<_, _>>().map_err(bad_ipc)
}

/// `batch` written as an Arrow IPC stream.
pub(crate) fn write_ipc(batch: &RecordBatch) -> Fallible<Vec<u8>> {
    let failed = |e: arrow_schema::ArrowError| {
        Failure(itsm_core::Error::invalid_argument("results", e.to_string()))
    };
    let mut out = Vec::new();
    let mut writer = StreamWriter::try_new(&mut out, &batch.schema()).map_err(failed)?;
    writer.write(batch).map_err(failed)?;
    writer.finish().map_err(failed)?;
    drop(writer);
    Ok(out)
}

/// Evaluates `ipc` with the shared Arrow reading and answers the result
/// stream and summary.
pub(crate) fn evaluate_ipc(
    set: &itsm_core::sla::PolicySet,
    ipc: &[u8],
    now: chrono::DateTime<chrono::Utc>,
    options: &itsm_core::sla::TableOptions,
    threads: usize,
) -> Fallible<ArrowResult> {
    let batches = read_ipc(ipc)?;
    let (results, summary) =
        itsm_arrow::evaluate(set, &batches, now, options, threads).map_err(Failure)?;
    let summary = serde_json::to_value(summary)
        .map_err(|e| Failure(itsm_core::Error::invalid_argument("results", e.to_string())))?;
    Ok(ArrowResult {
        table: write_ipc(&results)?.into(),
        summary,
    })
}

/// The rows result as `Data` for JavaScript (instants as `Date`s).
pub(crate) type RowsResult = Data<itsm_core::sla::TableResult>;
