//! Metrics for JavaScript: MTTA, MTTR, SLA compliance, reopen rate,
//! first-assignment resolution, reassignments, backlog ageing, change success
//! and failure rates, the change success score, the emergency change ratio
//! and MTBF per configuration item, over a collection of records.
//!
//! The metrics document comes in as a plain object or JSON text, the records
//! as an array of plain objects (instants as `Date`s or RFC 3339 text); the
//! report goes out as the core's document, a plain object under the core's
//! snake_case keys with its period's bounds as `Date`s (see `value`).

use napi::bindgen_prelude::Unknown;
use napi::{JsValue, Result, ValueType};
use napi_derive::napi;
use serde_json::Value;

use itsm_core::metrics::{MetricRecord, MetricsReport, Period};

use crate::sla::period_value;
use crate::{
    Data, Document, Fallible, ItsmCode, Kind, describe, document, engine_error, instant,
    invalid_argument, json_value, to_js, type_of,
};

/// How figures are counted: which records a period holds (by creation or by
/// resolution), what the ticket figures are over (closed records, or closed
/// and open breached ones), wall-clock or business time in a calendar, the
/// backlog's age buckets and the change success score's points.
///
/// Build one with `Metrics.fromJSON(document)` (`Metrics.fromJSON({})` for
/// the defaults), then ask for reports.
#[napi]
pub struct Metrics {
    inner: itsm_core::metrics::Metrics,
}

#[napi]
impl Metrics {
    /// Reads a metrics document: a plain object, or the same document as
    /// JSON text. Every field may be left out.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field
    /// (`ageing_buckets_ms[1]: 3600000 does not follow 86400000 in ascending
    /// order`, `calendar: business time needs a calendar`), and
    /// `ITSM_INVALID_ARGUMENT` when `doc` is neither an object nor a string.
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: MetricsDocument | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<Metrics, ItsmCode> {
        let inner = match document("doc", "a metrics document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::metrics::Metrics::from_json(&text),
            Document::Data(value) => itsm_core::metrics::Metrics::from_value(&value),
        };
        inner.map(|inner| Metrics { inner }).map_err(to_js)
    }

    /// The metrics document as a plain object, every default written out;
    /// `Metrics.fromJSON` reads it back, and `JSON.stringify(metrics)` writes
    /// it.
    #[napi(js_name = "toJSON", ts_return_type = "MetricsDocument", catch_unwind)]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// Every figure of `period` over `records`, as of `now`: each figure
    /// `{ numerator, denominator, value }` (`value` is `null` over an empty
    /// denominator; durations are milliseconds, as in `mttr_ms`), the backlog
    /// by age, the changes by outcome, MTBF per item. `period_start` and
    /// `period_end` are `Date`s.
    ///
    /// `records` is an array of the records' facts (`{ id, kind, created_at,
    /// acknowledged_at?, resolved_at?, closed_at?, due_at?, ... }`), instants
    /// as `Date`s or RFC 3339 text. `period` is a calendar month in the
    /// calendar's zone (`{ month: '2026-11' }`, UTC without a calendar), the
    /// days ending at `now` (`{ rolling_days: 30 }`), or any interval
    /// (`{ from, to }`).
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the record's field
    /// (`records[3].created_at`, `records[1].id: "INC-1" is also the id of
    /// records[0]`), `ITSM_INVALID_CONFIG` naming the bad field of `period`,
    /// `ITSM_INVALID_ARGUMENT` when `records` or `period` is not an object,
    /// for an Invalid Date or a period outside the supported range, and
    /// `ITSM_OUT_OF_RANGE` outside 1900-2300.
    #[napi(
        ts_args_type = "records: Array<MetricRecordInput>, period: PeriodInput, now: Date",
        ts_return_type = "MetricsReport",
        catch_unwind
    )]
    pub fn report(
        &self,
        records: Unknown<'_>,
        period: Unknown<'_>,
        now: Unknown<'_>,
    ) -> Result<Data<MetricsReport>, ItsmCode> {
        let records = read_records(records)?;
        let period = Period::from_value(&period_value(period)?).map_err(to_js)?;
        let now = instant("now", now)?;
        self.inner
            .report(&records, period, now)
            .map(Data)
            .map_err(to_js)
    }

    /// The same report over a table of records given as an Arrow IPC stream
    /// (or file), as apache-arrow's `tableToIPC(table)` writes it: one row
    /// per record, columns named as `MetricRecord`'s fields. `id` (strings or
    /// integers), `kind` and `created_at` are required; the other fields are
    /// read when their column is there, and other columns are left alone.
    /// Instants are timestamps with a time zone; a null is an absent instant,
    /// item or outcome, a count of 0 or a false flag.
    ///
    /// ```ts
    /// const report = metrics.reportArrow(tableToIPC(tickets), { month: '2026-11' }, new Date())
    /// ```
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the column (and row) that cannot be
    /// read (`reopened[3]: expected a count ...`, a missing column, naive
    /// timestamps), bytes that are not Arrow IPC, or the report's own
    /// refusals naming `records[row].field`; `ITSM_INVALID_CONFIG` for a bad
    /// `period`; `ITSM_INVALID_ARGUMENT` for `now`.
    #[napi(
        ts_args_type = "ipc: Uint8Array, period: PeriodInput, now: Date",
        ts_return_type = "MetricsReport",
        catch_unwind
    )]
    pub fn report_arrow(
        &self,
        ipc: napi::bindgen_prelude::Uint8Array,
        period: Unknown<'_>,
        now: Unknown<'_>,
    ) -> Result<Data<MetricsReport>, ItsmCode> {
        let period = Period::from_value(&period_value(period)?).map_err(to_js)?;
        let now = instant("now", now)?;
        let batches = crate::table::read_ipc(&ipc)?;
        let records = itsm_arrow::metric_records(&batches).map_err(to_js)?;
        self.inner
            .report(&records, period, now)
            .map(Data)
            .map_err(to_js)
    }
}

/// Reads the `records` argument. An array (or any other object, which the
/// core refuses as it refuses one in every language) is converted under the
/// path `records`, element by element each in its own handle scope (see
/// `json_value`), so that a bad value is named as the core names its own
/// (`records[3].created_at`); anything else is an `ITSM_INVALID_ARGUMENT`.
fn read_records(value: Unknown<'_>) -> Fallible<Vec<MetricRecord>> {
    let is_object = type_of("records", &value)? == ValueType::Object
        && !value.is_date().map_err(|e| engine_error("records", e))?;
    if !is_object {
        return Err(invalid_argument(
            "records",
            format!("expected an array of records, found {}", describe(&value)),
        ));
    }
    let data = json_value(value, &mut "records".to_owned(), 0, Kind::Input)?.unwrap_or_default();
    Ok(MetricRecord::list_from_value(&data)?)
}
