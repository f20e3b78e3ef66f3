//! SLA clocks and availability for JavaScript: timelines, policy sets,
//! evaluations and availability reports.
//!
//! Documents come in as plain objects or JSON text; in timelines, outages and
//! periods an instant may also be a `Date`. Results (evaluations, batch items,
//! availability reports, lint findings) go out as the core's documents, value
//! for value under the keys the core writes (snake_case), with instants as
//! `Date`s and durations as numbers of milliseconds (see `value`), so that
//! `JSON.stringify` of a result has the core's JSON shape. The `toJSON()` of a
//! `Timeline`, `PolicySet` or `Availability` gives JSON data: instants as
//! canonical ISO text. Their TypeScript declarations are `documents.d.ts`,
//! generated from the core's JSON Schemas (`scripts/documents.mjs`); the
//! signatures here name those types.

use napi::bindgen_prelude::{ClassInstance, JavaScriptClassExt, JsObjectValue, Unknown};
use napi::{Env, JsValue, Result, ValueType, sys};
use napi_derive::napi;
use serde_json::Value;

use itsm_core::sla::BatchItem;

use crate::{
    Data, Document, Failure, Fallible, ItsmCode, Kind, describe, document, engine_error, instant,
    invalid_argument, is_plain_object, json_value, to_js, to_js_detailed, type_of,
};

/// A record's history, validated: the input of SLA evaluation.
///
/// Build one with `Timeline.fromJSON(document)`. Every method that takes a
/// timeline also takes the document itself (a plain object or JSON text), so
/// a `Timeline` is worth building only to evaluate one record several times.
#[napi]
pub struct Timeline {
    inner: itsm_core::Timeline,
}

#[napi]
impl Timeline {
    /// Reads a timeline document: a plain object (whose instants may be
    /// `Date`s), or the same document as JSON text.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the path of the first bad field,
    /// for example `events[1].at: ... is before the previous event's ...:
    /// events must be in time order`, and `ITSM_INVALID_ARGUMENT` when `doc`
    /// is neither an object nor a string.
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: TimelineInput | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<Timeline, ItsmCode> {
        let inner = read_timeline("doc", doc)?;
        Ok(Timeline { inner })
    }

    /// The timeline document as JSON data (a plain object, instants as
    /// canonical ISO text); `Timeline.fromJSON` reads it back, and
    /// `JSON.stringify(timeline)` writes it.
    #[napi(
        js_name = "toJSON",
        ts_return_type = "JSONData<TimelineDocument>",
        catch_unwind
    )]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The record's id.
    #[napi(getter, catch_unwind)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }
}

impl Timeline {
    /// A `Timeline` holding `inner` (a record's history).
    pub(crate) fn of(inner: itsm_core::Timeline) -> Timeline {
        Timeline { inner }
    }
}

/// A record that could not be read, to be thrown or (in `evaluateBatch`)
/// reported in its place: the core's error, and the record's id when known.
struct RecordError {
    /// What `Timeline.fromJSON` would throw.
    error: itsm_core::Error,
    /// The document's `id`, if it is a string.
    id: Option<String>,
}

impl From<Failure> for RecordError {
    fn from(failure: Failure) -> Self {
        RecordError {
            error: failure.0,
            id: None,
        }
    }
}

impl From<RecordError> for napi::Error<ItsmCode> {
    fn from(unreadable: RecordError) -> Self {
        to_js(unreadable.error)
    }
}

/// The `id` of a timeline document, if it is a string.
fn document_id(value: &Value) -> Option<String> {
    value.get("id")?.as_str().map(str::to_owned)
}

/// The `id` property of an object that failed to convert to a timeline
/// document, if it is a string: the record of its batch item.
fn object_id(doc: Unknown<'_>) -> Option<String> {
    if doc.get_type().ok()? != ValueType::Object || doc.is_array().ok()? {
        return None;
    }
    let id = doc
        .coerce_to_object()
        .ok()?
        .get_named_property::<Unknown<'_>>("id")
        .ok()?;
    if id.get_type().ok()? != ValueType::String {
        return None;
    }
    // SAFETY: the value has just been checked to be a string.
    unsafe { id.cast::<String>() }.ok()
}

/// Reads the timeline document argument `name`.
fn read_timeline(
    name: &str,
    doc: Unknown<'_>,
) -> std::result::Result<itsm_core::Timeline, RecordError> {
    let read =
        document(name, "a timeline document", doc, Kind::Input).map_err(|failure| RecordError {
            error: failure.0,
            id: object_id(doc),
        })?;
    match read {
        Document::Text(text) => itsm_core::Timeline::from_json(&text).map_err(|e| RecordError {
            error: e,
            id: serde_json::from_str(&text)
                .ok()
                .as_ref()
                .and_then(document_id),
        }),
        Document::Data(value) => itsm_core::Timeline::from_value(&value).map_err(|e| RecordError {
            error: e,
            id: document_id(&value),
        }),
    }
}

/// A `Timeline` instance, or a timeline read from a document.
fn timeline_arg<'a>(
    env: &Env,
    name: &str,
    value: Unknown<'a>,
) -> std::result::Result<TimelineArg<'a>, RecordError> {
    if type_of(name, &value)? == ValueType::Object
        && Timeline::instance_of(env, &value).map_err(|e| engine_error(name, e))?
    {
        // SAFETY: `ClassInstance` checks that the object wraps a `Timeline`
        // before reading it, and fails otherwise.
        let instance = unsafe { value.cast::<ClassInstance<'a, Timeline>>() }
            .map_err(|_| invalid_argument(name, "is not a Timeline made by Timeline.fromJSON"))?;
        return Ok(TimelineArg::Instance(instance));
    }
    read_timeline(name, value).map(TimelineArg::Read)
}

/// A timeline argument: the one inside a `Timeline`, or one just read.
enum TimelineArg<'a> {
    /// A `Timeline` passed as it is.
    Instance(ClassInstance<'a, Timeline>),
    /// A document read for this call.
    Read(itsm_core::Timeline),
}

impl TimelineArg<'_> {
    /// The timeline.
    fn get(&self) -> &itsm_core::Timeline {
        match self {
            TimelineArg::Instance(instance) => &instance.inner,
            TimelineArg::Read(timeline) => timeline,
        }
    }
}

/// Policies, the calendars their clocks count in, and the rules that choose
/// among them, validated and ready to evaluate records.
///
/// Build one with `PolicySet.fromJSON(document)` or
/// `PolicySet.template('itil_incident')`. Evaluations are plain objects under
/// the core's snake_case keys, with instants as `Date`s and durations as
/// numbers of milliseconds; `evaluateJSON` gives the core's canonical text.
#[napi]
pub struct PolicySet {
    inner: itsm_core::sla::PolicySet,
}

#[napi]
impl PolicySet {
    /// Reads a policy set document: a plain object, or the same document as
    /// JSON text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field,
    /// for example `policies[0].metrics[0].calendar: unknown calendar "office";
    /// the set has none`, and `ITSM_INVALID_ARGUMENT` when `doc` is neither an
    /// object nor a string.
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: PolicySetDocument | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<PolicySet, ItsmCode> {
        let inner = match document("doc", "a policy set document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::sla::PolicySet::from_json(&text),
            Document::Data(value) => itsm_core::sla::PolicySet::from_value(&value),
        };
        inner.map(|inner| PolicySet { inner }).map_err(to_js)
    }

    /// A built-in policy set, loaded: `itil_incident` or
    /// `assignment_group_ola` (see `slaTemplates`). To change one first, edit
    /// `slaTemplate(name)` and pass it to `PolicySet.fromJSON`.
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` for an unknown name.
    #[napi(factory, ts_args_type = "name: string", catch_unwind)]
    pub fn template(name: Unknown<'_>) -> Result<PolicySet, ItsmCode> {
        let doc = template_document(name)?;
        itsm_core::sla::PolicySet::from_value(&doc)
            .map(|inner| PolicySet { inner })
            .map_err(to_js)
    }

    /// The policy set document as a plain object; `PolicySet.fromJSON` reads
    /// it back, and `JSON.stringify(policySet)` writes it.
    #[napi(js_name = "toJSON", ts_return_type = "PolicySetDocument", catch_unwind)]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The known traps in the set: configurations that load but are almost
    /// certainly not what was meant (a clock that never runs, or is paused
    /// from its start, or is cancelled where it should pause; a state the
    /// set's `states` lacks). Empty when there is nothing to say.
    #[napi(ts_return_type = "Array<Finding>", catch_unwind)]
    pub fn lint(&self) -> Data<Vec<itsm_core::sla::Finding>> {
        Data(self.inner.lint())
    }

    /// Evaluates one record at `now`: which policies apply, and every attached
    /// clock read at `now`, with the earliest `next_wakeup`. Instants in it
    /// (`deadline`, `next_wakeup`, ...) are `Date`s, durations (`elapsed_ms`,
    /// `paused_by_reason`, ...) numbers of milliseconds.
    ///
    /// `timeline` is a `Timeline`, or a timeline document (a plain object or
    /// JSON text). Throws `ITSM_INVALID_INPUT` for a bad timeline document,
    /// `ITSM_INVALID_ARGUMENT` for an Invalid Date or a `now` before the
    /// record was created, and `ITSM_OUT_OF_RANGE` outside 1900-2300.
    ///
    /// `options.explain: false` leaves every cycle's `explanation` empty.
    #[napi(
        ts_args_type = "timeline: Timeline | TimelineInput | string, now: Date, options?: EvaluateOptions",
        ts_return_type = "Evaluation",
        catch_unwind
    )]
    pub fn evaluate(
        &self,
        env: Env,
        timeline: Unknown<'_>,
        now: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Data<itsm_core::sla::Evaluation>, ItsmCode> {
        let timeline = timeline_arg(&env, "timeline", timeline)?;
        let now = instant("now", now)?;
        self.inner
            .evaluate_with(timeline.get(), now, evaluate_options(options)?)
            .map(Data)
            .map_err(to_js)
    }

    /// As `evaluate`, returning the core's canonical JSON text of the
    /// evaluation: compact, keys sorted, the same bytes in every language.
    /// Store it, or compare it byte for byte.
    #[napi(
        js_name = "evaluateJSON",
        ts_args_type = "timeline: Timeline | TimelineInput | string, now: Date, options?: EvaluateOptions",
        catch_unwind
    )]
    pub fn evaluate_json(
        &self,
        env: Env,
        timeline: Unknown<'_>,
        now: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<String, ItsmCode> {
        let Data(evaluation) = self.evaluate(env, timeline, now, options)?;
        Ok(evaluation.to_json())
    }

    /// Evaluates a whole table of tickets given as an Arrow IPC stream (or
    /// file), as apache-arrow's `tableToIPC(table)` writes it, and answers the
    /// result rows as an Arrow IPC stream (`tableFromIPC(result.table)`) with
    /// the summary. `options` names the shape (`'tickets'`: `id`, `opened`,
    /// `resolved`, `pauses` as a list of `{ start, end }` structs and
    /// attribute columns; `'events'`: `id`, `at`, `field`, `value`, `type`;
    /// `'snapshots'`: `id`, `at` and a column per field, one row per update)
    /// and the columns, and reads a real export in the policy's terms
    /// (`order`, `field_names`, `values`, `null_marker`, `out_of_order`,
    /// `strict`); timestamps must carry a time zone. `threads` (1 by default)
    /// splits the tickets shape across threads.
    ///
    /// ```ts
    /// const { table, summary } = policies.evaluateArrow(tableToIPC(tickets), new Date(), { id: 'number' })
    /// console.log(summary.compliance, tableFromIPC(table).getChild('status')?.toArray())
    /// ```
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the column and row the table cannot
    /// be read by (`opened[17]: a value is required`, a missing column with
    /// the columns there are, naive timestamps), or bytes that are not Arrow
    /// IPC; `ITSM_INVALID_ARGUMENT` for bad options (`options.shape`), threads
    /// or `now`.
    #[napi(
        ts_args_type = "ipc: Uint8Array, now: Date, options?: TableOptions, threads?: number",
        catch_unwind
    )]
    pub fn evaluate_arrow(
        &self,
        env: Env,
        ipc: napi::bindgen_prelude::Uint8Array,
        now: Unknown<'_>,
        options: Option<Unknown<'_>>,
        threads: Option<Unknown<'_>>,
    ) -> Result<crate::table::ArrowResult, ItsmCode> {
        let answer = || -> Fallible<crate::table::ArrowResult> {
            let now = instant("now", now)?;
            let options = crate::table::table_options(options)?;
            let threads = crate::table::threads(threads)?;
            crate::table::evaluate_ipc(&self.inner, &ipc, now, &options, threads)
        };
        answer().map_err(|failure| to_js_detailed(&env, failure))
    }

    /// Evaluates a table given as an array of rows (`TicketRow` objects, or
    /// with `options.shape` `'events'` or `'snapshots'` `EventRow` or
    /// `SnapshotRow` objects; instants as `Date`s or ISO text): `{ rows, summary }`, one row per ticket and clock, with
    /// instants as `Date`s and durations in milliseconds. The same answer as
    /// `evaluateArrow` on the same tickets.
    ///
    /// ```ts
    /// const { rows, summary } = policies.evaluateRows(
    ///   [{ id: 'INC-1', opened: new Date('2026-11-23T09:00:00Z'), fields: { priority: 'P2' } }], new Date())
    /// ```
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the bad row and field
    /// (`rows[3].opened`) or cell (`pauses[3]`), `ITSM_INVALID_ARGUMENT` for
    /// bad options or `now`.
    #[napi(
        ts_args_type = "rows: Array<TicketRowInput | EventRowInput | SnapshotRowInput>, now: Date, options?: TableOptions",
        ts_return_type = "TableResult",
        catch_unwind
    )]
    pub fn evaluate_rows(
        &self,
        env: Env,
        rows: Unknown<'_>,
        now: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<crate::table::RowsResult, ItsmCode> {
        let answer = || -> Fallible<crate::table::RowsResult> {
            let rows = crate::table::rows(rows)?;
            let now = instant("now", now)?;
            let options = crate::table::table_options(options)?;
            Ok(Data(self.inner.evaluate_rows(&rows, now, &options)?))
        };
        answer().map_err(|failure| to_js_detailed(&env, failure))
    }

    /// As `evaluateRows` on the rows' JSON text, answering the core's
    /// canonical JSON text of the result: the same bytes in every language.
    #[napi(
        js_name = "evaluateRowsJSON",
        ts_args_type = "rows: string, now: Date, options?: TableOptions",
        catch_unwind
    )]
    pub fn evaluate_rows_json(
        &self,
        env: Env,
        rows: String,
        now: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<String, ItsmCode> {
        let answer = || -> Fallible<String> {
            let now = instant("now", now)?;
            let options = crate::table::table_options(options)?;
            Ok(self.inner.evaluate_rows_json(&rows, now, &options)?)
        };
        answer().map_err(|failure| to_js_detailed(&env, failure))
    }

    /// Evaluates many records at the same `now`, each on its own, in order:
    /// one batch item per record, `{ index, record, evaluation }` or
    /// `{ index, record, error }`, the evaluation as `evaluate` gives it.
    ///
    /// `record` is the record's id, `null` when its document has no string
    /// `id`. `error` is the core's error document `{ code, message, path?,
    /// details? }` for a record that cannot be read or evaluated, with the
    /// code in the core's words (`invalid_input`, not `ITSM_INVALID_INPUT`),
    /// and the others go on. Only arguments that are wrong as a whole throw:
    /// `timelines` not an array, or a bad `now`. `options.explain: false`
    /// leaves the explanations empty, which makes large batches much cheaper.
    #[napi(
        ts_args_type = "timelines: Array<Timeline | TimelineInput | string>, now: Date, options?: EvaluateOptions",
        ts_return_type = "Array<BatchItem>",
        catch_unwind
    )]
    pub fn evaluate_batch(
        &self,
        env: Env,
        timelines: Unknown<'_>,
        now: Unknown<'_>,
        options: Option<Unknown<'_>>,
    ) -> Result<Vec<Data<BatchItem>>, ItsmCode> {
        let options = evaluate_options(options)?;
        if !timelines
            .is_array()
            .map_err(|e| engine_error("timelines", e))?
        {
            return Err(invalid_argument(
                "timelines",
                format!("expected an array, found {}", describe(&timelines)),
            )
            .into());
        }
        let list = timelines
            .coerce_to_object()
            .map_err(|e| engine_error("timelines", e))?;
        let len = list
            .get_array_length()
            .map_err(|e| engine_error("timelines", e))?;
        let now = instant("now", now)?;
        let mut items = Vec::with_capacity(len as usize);
        for index in 0..len {
            let name = format!("timelines[{index}]");
            let item = list
                .get_element::<Unknown<'_>>(index)
                .map_err(|e| engine_error(&name, e))?;
            let item = match timeline_arg(&env, &name, item) {
                Ok(timeline) => {
                    let timeline = timeline.get();
                    let outcome = self.inner.evaluate_with(timeline, now, options);
                    BatchItem::new(index as usize, Some(timeline.id()), outcome)
                }
                // A JavaScript exception thrown while reading the record (a
                // getter that throws) ends the whole call, as it would in any
                // JavaScript loop.
                Err(failed) if exception_pending(&env) => return Err(failed.into()),
                Err(RecordError { error, id }) => {
                    BatchItem::new(index as usize, id.as_deref(), Err(error))
                }
            };
            items.push(Data(item));
        }
        Ok(items)
    }
}

/// Whether a JavaScript exception is pending, so that the engine refuses
/// further calls until it propagates.
fn exception_pending(env: &Env) -> bool {
    let mut pending = false;
    // SAFETY: `env` is the live environment of the current call.
    let status = unsafe { sys::napi_is_exception_pending(env.raw(), &mut pending) };
    status != sys::Status::napi_ok || pending
}

/// Reads the template name argument and builds the template's document.
fn template_document(name: Unknown<'_>) -> Fallible<Value> {
    if type_of("name", &name)? != ValueType::String {
        return Err(invalid_argument(
            "name",
            format!("expected a template name, found {}", describe(&name)),
        ));
    }
    // SAFETY: the value has just been checked to be a string.
    let text = unsafe { name.cast::<String>() }.map_err(|e| engine_error("name", e))?;
    Ok(itsm_core::sla::template(&text)?)
}

/// A built-in policy set document by name, as a plain object to load as it is
/// or change first (its business hours, its targets):
/// - `itil_incident`: one SLA per priority `P1` to `P4` (field `priority`),
///   each with a response and a resolution clock, resolution paused while
///   waiting for the customer, and the assignment-group OLA;
/// - `assignment_group_ola`: the assigned group starts work within 2 business
///   hours; a reassignment restarts the clock.
///
/// Throws `ITSM_INVALID_ARGUMENT` for an unknown name.
#[napi(
    ts_args_type = "name: string",
    ts_return_type = "PolicySetDocument",
    catch_unwind
)]
pub fn sla_template(name: Unknown<'_>) -> Result<Value, ItsmCode> {
    Ok(template_document(name)?)
}

/// The names `slaTemplate` and `PolicySet.template` know.
#[napi(catch_unwind)]
pub fn sla_templates() -> Vec<String> {
    itsm_core::sla::TEMPLATES
        .iter()
        .map(|&name| name.to_owned())
        .collect()
}

/// The pause condition "waiting for the customer": state `on_hold` with
/// `hold_reason` `awaiting_caller`, to use as a metric's `pause`.
#[napi(ts_return_type = "Condition", catch_unwind)]
pub fn waiting_for_customer() -> Value {
    itsm_core::sla::waiting_for_customer()
}

/// What availability of a service is measured against: service hours, a
/// target, outages and agreed maintenance windows.
///
/// Build one with `Availability.fromJSON(document)`, then ask for reports.
#[napi]
pub struct Availability {
    inner: itsm_core::sla::Availability,
}

#[napi]
impl Availability {
    /// Reads an availability document: a plain object (whose instants may be
    /// `Date`s), or the same document as JSON text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field,
    /// such as `target: expected a percentage from 0 to 100 with at most three
    /// decimals, found 99.9999`, and `ITSM_INVALID_ARGUMENT` when `doc` is
    /// neither an object nor a string.
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: AvailabilityInput | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<Availability, ItsmCode> {
        let inner = match document(
            "doc",
            "an availability document",
            doc,
            Kind::ConfigWithInstants,
        )? {
            Document::Text(text) => itsm_core::sla::Availability::from_json(&text),
            Document::Data(value) => itsm_core::sla::Availability::from_value(&value),
        };
        inner.map(|inner| Availability { inner }).map_err(to_js)
    }

    /// The document the input was read from, as JSON data (a plain object, a
    /// `Date` in it became its canonical ISO text); `Availability.fromJSON`
    /// reads it back, and `JSON.stringify(availability)` writes it.
    #[napi(
        js_name = "toJSON",
        ts_return_type = "JSONData<AvailabilityDocument>",
        catch_unwind
    )]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The report for `period` as of `now`: a calendar month in the service
    /// hours' zone (`{ month: '2026-11' }`), the days ending at `now`
    /// (`{ rolling_days: 30 }`), or any interval (`{ from, to }`).
    /// `period_start` and `period_end` are `Date`s, the `*_ms` figures numbers
    /// of milliseconds.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the bad field of `period`,
    /// `ITSM_INVALID_ARGUMENT` for an Invalid Date or a period outside the
    /// supported range, and `ITSM_OUT_OF_RANGE` outside 1900-2300.
    #[napi(
        ts_args_type = "period: PeriodInput, now: Date",
        ts_return_type = "AvailabilityReport",
        catch_unwind
    )]
    pub fn report(
        &self,
        period: Unknown<'_>,
        now: Unknown<'_>,
    ) -> Result<Data<itsm_core::sla::AvailabilityReport>, ItsmCode> {
        let period = period_value(period)?;
        let now = instant("now", now)?;
        let period = itsm_core::sla::Period::from_value(&period).map_err(to_js)?;
        self.inner.report(period, now).map(Data).map_err(to_js)
    }
}

/// Reads the `period` argument of a report (`Availability.report`,
/// `Metrics.report`) as JSON data for the core's `Period::from_value`: an
/// object such as `{ month: '2026-11' }`, whose instants may be `Date`s.
/// Anything else is an `ITSM_INVALID_ARGUMENT`.
pub(crate) fn period_value(period: Unknown<'_>) -> Fallible<Value> {
    let is_object = type_of("period", &period)? == ValueType::Object
        && !period.is_date().map_err(|e| engine_error("period", e))?;
    if !is_object {
        return Err(invalid_argument(
            "period",
            format!(
                "expected a period object such as {{ month: '2026-11' }}, found {}",
                describe(&period)
            ),
        ));
    }
    let period = json_value(period, &mut String::new(), 0, Kind::ConfigWithInstants)?;
    Ok(period.unwrap_or_default())
}

/// Reads the `options` argument of an evaluation: left out, `undefined` or
/// `null` for the defaults, else the core's options document
/// (`{ explain: false }`), whose unknown keys and non-boolean values are
/// `ITSM_INVALID_ARGUMENT`s.
fn evaluate_options(value: Option<Unknown<'_>>) -> Fallible<itsm_core::sla::EvaluateOptions> {
    let Some(value) = value else {
        return Ok(itsm_core::sla::EvaluateOptions::default());
    };
    if matches!(
        type_of("options", &value)?,
        ValueType::Undefined | ValueType::Null
    ) {
        return Ok(itsm_core::sla::EvaluateOptions::default());
    }
    if !is_plain_object("options", &value)? {
        return Err(invalid_argument(
            "options",
            format!(
                "expected an options object such as {{ explain: false }}, found {}",
                describe(&value)
            ),
        ));
    }
    let mut options = json_value(value, &mut String::new(), 0, Kind::Config)
        .map_err(|Failure(error)| invalid_argument("options", error.to_string()))?
        .unwrap_or_default();
    // An option set to `null` is left out, as one set to `undefined` is.
    if let Value::Object(map) = &mut options {
        map.retain(|_, value| !value.is_null());
    }
    serde_json::from_value(options).map_err(|e| invalid_argument("options", e.to_string()))
}
