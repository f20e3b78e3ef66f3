//! Whole tables: SLA evaluation over an Arrow IPC stream (read and written by
//! `itsm-arrow`, shared with the Python binding) or over an array of row
//! objects. Conversions only: every number comes from the core.

use std::cell::Cell;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Once};

use arrow_array::RecordBatch;
use arrow_buffer::Buffer;
use arrow_ipc::Block;
use arrow_ipc::reader::{FileDecoder, StreamDecoder, read_footer_length};
use arrow_ipc::writer::StreamWriter;
use arrow_schema::SchemaRef;
use napi::bindgen_prelude::Unknown;
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
    pub table: napi::bindgen_prelude::Buffer,
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

/// An IPC file starts and ends with this magic; a stream starts with a
/// message's length (after a marker of four 0xFF bytes).
const FILE_MAGIC: &[u8] = b"ARROW1";

/// The schema and record batches of an IPC file, read by the blocks its
/// footer lists, each checked to lie inside the file before it is read.
///
/// arrow's `FileReader` allocates what the footer claims (a block of up to
/// 2^63 bytes), and a failed allocation aborts the process.
fn read_file(bytes: &[u8]) -> Fallible<(SchemaRef, Vec<RecordBatch>)> {
    let damaged = || bad_ipc("it starts as an IPC file but its footer is missing or damaged");
    let trailer = bytes
        .len()
        .checked_sub(10)
        .filter(|&at| at >= FILE_MAGIC.len())
        .ok_or_else(damaged)?;
    let footer_len =
        read_footer_length(bytes[trailer..].try_into().map_err(|_| damaged())?).map_err(bad_ipc)?;
    let start = trailer
        .checked_sub(footer_len)
        .filter(|&start| start >= 8)
        .ok_or_else(damaged)?;
    let footer = arrow_ipc::root_as_footer(&bytes[start..trailer]).map_err(bad_ipc)?;
    let schema = footer
        .schema()
        .ok_or_else(|| bad_ipc("its footer holds no schema"))?;
    let schema = Arc::new(arrow_ipc::convert::fb_to_schema(schema));
    let buffer = Buffer::from_slice_ref(bytes);
    // A message starts with at least 8 bytes (marker and length); arrow
    // slices a block by the lengths the footer gives without checking them.
    let block = |b: &Block| -> Fallible<Buffer> {
        let offset = usize::try_from(b.offset()).ok();
        let meta = usize::try_from(b.metaDataLength()).ok().filter(|&m| m >= 8);
        let body = usize::try_from(b.bodyLength()).ok();
        match (offset, meta, body) {
            (Some(offset), Some(meta), Some(body))
                if offset
                    .checked_add(meta)
                    .and_then(|n| n.checked_add(body))
                    .is_some_and(|end| end <= bytes.len()) =>
            {
                Ok(buffer.slice_with_length(offset, meta + body))
            }
            _ => Err(bad_ipc("a block its footer lists lies outside the file")),
        }
    };
    let mut decoder = FileDecoder::new(schema.clone(), footer.version());
    for b in footer.dictionaries().iter().flatten() {
        decoder.read_dictionary(b, &block(b)?).map_err(bad_ipc)?;
    }
    let mut batches = Vec::new();
    for b in footer.recordBatches().iter().flatten() {
        if let Some(batch) = decoder.read_record_batch(b, &block(b)?).map_err(bad_ipc)? {
            batches.push(batch);
        }
    }
    Ok((schema, batches))
}

/// The schema and record batches of an IPC stream.
///
/// The push decoder only ever holds bytes it was given; arrow's
/// `StreamReader` allocates what a message's length prefix claims, so the
/// first four bytes of a text ("not ") asked for 544 MB.
fn read_stream(bytes: &[u8]) -> Fallible<(SchemaRef, Vec<RecordBatch>)> {
    let mut buffer = Buffer::from_slice_ref(bytes);
    let mut decoder = StreamDecoder::new();
    let mut batches = Vec::new();
    while !buffer.is_empty() {
        if let Some(batch) = decoder.decode(&mut buffer).map_err(bad_ipc)? {
            batches.push(batch);
        }
    }
    decoder.finish().map_err(bad_ipc)?;
    let schema = decoder
        .schema()
        .ok_or_else(|| bad_ipc("it holds no schema"))?;
    Ok((schema, batches))
}

thread_local! {
    /// Whether this thread is decoding IPC, whose panics are reported as
    /// errors rather than printed.
    static DECODING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `decode`, turning a panic into the error for damaged bytes: arrow-ipc
/// 59 panics on some damaged input (a buffer sliced past its end, a type id
/// it does not know) where it could have answered an error. The panic hook in
/// place is kept for every other panic.
fn guarded<T>(decode: impl FnOnce() -> Fallible<T>) -> Fallible<T> {
    static QUIET_HOOK: Once = Once::new();
    QUIET_HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !DECODING.with(Cell::get) {
                previous(info);
            }
        }));
    });
    DECODING.with(|d| d.set(true));
    let result = std::panic::catch_unwind(AssertUnwindSafe(decode));
    DECODING.with(|d| d.set(false));
    result.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("a malformed message");
        Err(bad_ipc(format!("the bytes are damaged ({what})")))
    })
}

/// The record batches of an Arrow IPC stream, or of an IPC file. A table
/// without batches gives one empty batch, so that its columns are still
/// checked (and an empty events table is no error).
pub(crate) fn read_ipc(bytes: &[u8]) -> Fallible<Vec<RecordBatch>> {
    let (schema, batches) = guarded(|| {
        if bytes.starts_with(FILE_MAGIC) {
            read_file(bytes)
        } else {
            read_stream(bytes)
        }
    })?;
    let batches = if batches.is_empty() {
        vec![RecordBatch::new_empty(schema)]
    } else {
        batches
    };
    Ok(batches)
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
