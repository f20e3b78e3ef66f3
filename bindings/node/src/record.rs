//! Records and the desk for JavaScript: commands judged against a record,
//! the events they yield, the fold that makes records of events, and the
//! automation templates.
//!
//! Documents come in as plain objects or JSON text: a command and a context
//! as plain objects (the context's `now` a `Date` or RFC 3339 text), a record
//! as a `Record` or its document, events as an array of event documents (an
//! instant may be a `Date`) or JSON text. Results go out as the core's
//! documents, value for value under the keys the core writes, with instants as
//! `Date`s (see `value`); the `*JSON` methods take JSON text and answer the
//! core's canonical JSON text, for hosts that store text.
//!
//! Every error thrown here carries, besides `code` and `message`, the rest of
//! the core's error document: `path` for a bad document, and `details` (the
//! `expected` and `actual` versions of a `ITSM_VERSION_CONFLICT`; the
//! `command`, every `reason` and perhaps the command to give `instead` of an
//! `ITSM_COMMAND_REFUSED`; the `argument` of an `ITSM_INVALID_ARGUMENT`).

use napi::bindgen_prelude::{ClassInstance, JavaScriptClassExt, Unknown};
use napi::{Env, Result, ValueType};
use napi_derive::napi;
use serde_json::Value;

use itsm_core::record::RecordEvent;

use crate::sla::Timeline;
use crate::workflow::read_context;
use crate::{
    Data, Document, Fallible, ItsmCode, Kind, describe, document, engine_error, instant,
    invalid_argument, is_plain_object, json_value, text, to_js_detailed, type_of,
};

/// The desk: the configuration records are judged by (workflows by record
/// kind, who may not approve, the reopen window, major-incident triggers,
/// cascades, automation rules, SLA policies, the priority matrix), and the one
/// place commands are decided.
///
/// `execute` judges a command against a record and answers the events to
/// store, the next record, the commands to give next (`followups`), whom to
/// tell, and when to wake the record; `wake` answers what time asks of a
/// record. The desk stores nothing: the host keeps records and events.
///
/// ```js
/// const desk = new Desk()
/// const context = { actor: { id: 'ann', roles: ['agent'] }, now: new Date() }
/// const { record, events } = desk.execute(null, { type: 'create', id: 'INC-1', kind: 'incident', fields: { caller: 'bob' } }, context)
/// record.version // 1
/// ```
#[napi]
pub struct Desk {
    inner: itsm_core::record::Desk,
}

#[napi]
impl Desk {
    /// A desk from its document (a plain object or JSON text); left out or
    /// `null`, the default desk: the built-in workflows and the default rules.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the bad field
    /// (`kinds.incident: no workflow named nonesuch (built in or under
    /// workflows)`).
    ///
    /// ```js
    /// const desk = new Desk({ reopen_window_days: 10, automation: [automationTemplate('auto_close')] })
    /// ```
    #[napi(
        constructor,
        ts_args_type = "doc?: DeskDocument | string | null",
        catch_unwind
    )]
    pub fn new(env: Env, doc: Option<Unknown<'_>>) -> Result<Desk, ItsmCode> {
        let inner = match doc {
            Some(doc) if !is_nothing(&doc).map_err(|f| to_js_detailed(&env, f))? => {
                read_desk(doc).map_err(|f| to_js_detailed(&env, f))?
            }
            _ => itsm_core::record::Desk::default(),
        };
        Ok(Desk { inner })
    }

    /// Reads a desk document: a plain object, or the same document as JSON
    /// text. Throws as `new Desk(doc)`.
    ///
    /// ```js
    /// const desk = Desk.fromJSON(readFileSync('desk.json', 'utf8'))
    /// ```
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: DeskDocument | string",
        catch_unwind
    )]
    pub fn from_json(env: Env, doc: Unknown<'_>) -> Result<Desk, ItsmCode> {
        let inner = read_desk(doc).map_err(|f| to_js_detailed(&env, f))?;
        Ok(Desk { inner })
    }

    /// The desk document as a plain object; `Desk.fromJSON` reads it back,
    /// and `JSON.stringify(desk)` writes it.
    ///
    /// ```js
    /// const copy = Desk.fromJSON(desk.toJSON())
    /// ```
    #[napi(js_name = "toJSON", ts_return_type = "DeskDocument", catch_unwind)]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// Judges `command` against `record` (`null` for `create` and `import`)
    /// in `context`, and answers the outcome: the next `record` (a document,
    /// instants as `Date`s), the `events` to store, in order, the `followups`
    /// (commands for this record or others, each with its `record` id and
    /// `because`), the `notifications`, and `next_wakeup` (a `Date` or
    /// `null`: when to call `wake`).
    ///
    /// `record` is a `Record` or a record document (a plain object, as an
    /// outcome gives it, or `JSON.parse` of stored text). `context` names the
    /// `actor` and `now` (a `Date` or RFC 3339 text), and the host's
    /// predicates; the record's own approvals and children are used.
    ///
    /// Throws `ITSM_COMMAND_REFUSED` with every reason (`err.details.reasons`,
    /// each `{ transition?, code, path, field?, message }`, and perhaps
    /// `err.details.instead`, the command to give instead);
    /// `ITSM_VERSION_CONFLICT` when `command.expected_version` is not the
    /// record's version (`err.details.expected`, `err.details.actual`);
    /// `ITSM_INVALID_ARGUMENT` naming `command...` or `context...` for a
    /// malformed command or a context without actor or `now`; and
    /// `ITSM_INVALID_INPUT` naming the path of a bad record document.
    ///
    /// ```js
    /// try {
    ///   const outcome = desk.execute(record, { type: 'transition', transition: 'resolve', expected_version: 3 }, { actor, now: new Date() })
    ///   store(outcome.events, outcome.record)
    /// } catch (err) {
    ///   if (err.code === 'ITSM_COMMAND_REFUSED') reply(422, err.details.reasons)
    ///   else if (err.code === 'ITSM_VERSION_CONFLICT') reply(409, err.details)
    ///   else throw err
    /// }
    /// ```
    #[napi(
        ts_args_type = "record: Record | RecordInput | null, command: CommandInput, context: ContextInput",
        ts_return_type = "Outcome",
        catch_unwind
    )]
    pub fn execute(
        &self,
        env: Env,
        record: Unknown<'_>,
        command: Unknown<'_>,
        context: Option<Unknown<'_>>,
    ) -> Result<Data<itsm_core::record::Outcome>, ItsmCode> {
        let run = || -> Fallible<itsm_core::record::Outcome> {
            let record = optional_record_arg(&env, "record", record)?;
            let command = read_command(command)?;
            let context = read_context(context, false)?;
            Ok(self.inner.execute(record.get(), &command, &context)?)
        };
        run().map(Data).map_err(|f| to_js_detailed(&env, f))
    }

    /// As `execute` on JSON texts (the record's, `null` for `create` and
    /// `import`; the command's; the context's), answering the outcome's
    /// canonical JSON text: compact, keys sorted, the same bytes in every
    /// language. What a host that stores JSON text calls.
    ///
    /// Throws as `execute`.
    ///
    /// ```js
    /// const outcome = JSON.parse(desk.executeJSON(row.document, JSON.stringify(command), JSON.stringify(context)))
    /// ```
    #[napi(
        js_name = "executeJSON",
        ts_args_type = "recordJson: string | null, commandJson: string, contextJson: string",
        catch_unwind
    )]
    pub fn execute_json(
        &self,
        env: Env,
        record: Unknown<'_>,
        command: Unknown<'_>,
        context: Unknown<'_>,
    ) -> Result<String, ItsmCode> {
        let run = || -> Fallible<String> {
            let record = optional_text("recordJson", record)?;
            let command = text("commandJson", command)?;
            let context = text("contextJson", context)?;
            Ok(self
                .inner
                .execute_json(record.as_deref(), &command, &context)?)
        };
        run().map_err(|f| to_js_detailed(&env, f))
    }

    /// What time asks of `record` at `now`: the `followups` of the
    /// automation rules whose time trigger was met in `(since, now]` (every
    /// one met by `now` when `since` is `null`: pass the instant of the last
    /// wake), the `notifications`, the SLA evaluation (`sla`) when the desk
    /// has policies, and `next_wakeup`, the one instant to wake next.
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` for an Invalid Date or a `now` before
    /// the record's creation, and `ITSM_OUT_OF_RANGE` outside 1900-2300.
    ///
    /// ```js
    /// const wakeup = desk.wake(record, lastWake, new Date())
    /// for (const f of wakeup.followups) queue(f.record, f.command)
    /// schedule(record.id, wakeup.next_wakeup)
    /// ```
    #[napi(
        ts_args_type = "record: Record | RecordInput, since: Date | null, now: Date",
        ts_return_type = "Wakeup",
        catch_unwind
    )]
    pub fn wake(
        &self,
        env: Env,
        record: Unknown<'_>,
        since: Unknown<'_>,
        now: Unknown<'_>,
    ) -> Result<Data<itsm_core::record::Wakeup>, ItsmCode> {
        let run = || -> Fallible<itsm_core::record::Wakeup> {
            let record = record_arg(&env, "record", record)?;
            let since = if is_nothing(&since)? {
                None
            } else {
                Some(instant("since", since)?)
            };
            let now = instant("now", now)?;
            Ok(self.inner.wake(record.get(), since, now)?)
        };
        run().map(Data).map_err(|f| to_js_detailed(&env, f))
    }

    /// As `wake` on the record's JSON text and RFC 3339 instants (`since`
    /// `null` for none), answering the wakeup's canonical JSON text.
    ///
    /// Throws as `wake`; a bad instant is `ITSM_INVALID_ARGUMENT` naming
    /// `since` or `now`.
    ///
    /// ```js
    /// const wakeup = JSON.parse(desk.wakeJSON(row.document, null, new Date().toISOString()))
    /// ```
    #[napi(
        js_name = "wakeJSON",
        ts_args_type = "recordJson: string, since: string | null, now: string",
        catch_unwind
    )]
    pub fn wake_json(
        &self,
        env: Env,
        record: Unknown<'_>,
        since: Unknown<'_>,
        now: Unknown<'_>,
    ) -> Result<String, ItsmCode> {
        let run = || -> Fallible<String> {
            let record = text("recordJson", record)?;
            let since = optional_text("since", since)?;
            let now = text("now", now)?;
            Ok(self.inner.wake_json(&record, since.as_deref(), &now)?)
        };
        run().map_err(|f| to_js_detailed(&env, f))
    }
}

/// A record: an incident, problem, service request, change or task, as the
/// fold of its events. A `Record` never changes: `apply` answers the next one.
///
/// Get one from an outcome's document (`Record.fromJSON(outcome.record)`),
/// from stored JSON text (`Record.fromJSON(text)`), or from its events
/// (`Record.replay(events)`). `JSON.stringify(record)` writes its document,
/// and `toJSONString()` the core's canonical text, which is what a host
/// stores beside the events. (In TypeScript, `import { Record as ItsmRecord }`
/// keeps the global `Record<K, V>` type in reach.)
///
/// ```js
/// const record = Record.replay(storedEvents)
/// record.state // 'in_progress'
/// policies.evaluate(record.timeline(), new Date())
/// ```
#[napi]
pub struct Record {
    inner: itsm_core::record::Record,
}

#[napi]
impl Record {
    /// Reads a record document: a plain object (whose instants may be
    /// `Date`s, as an outcome gives them), or the same document as JSON text.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the bad field: a `schema_version`
    /// newer than this library reads, fields that are not the fold of the
    /// record's history (`fields.state: is not what the history sets`).
    ///
    /// ```js
    /// const record = Record.fromJSON(row.document)
    /// ```
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: RecordInput | string",
        catch_unwind
    )]
    pub fn from_json(env: Env, doc: Unknown<'_>) -> Result<Record, ItsmCode> {
        read_record_document("doc", doc)
            .map(|inner| Record { inner })
            .map_err(|f| to_js_detailed(&env, f))
    }

    /// The record its first event (`created` or `imported`) makes, with
    /// every other event applied in order. `events` is an array of event
    /// documents (instants as `Date`s or RFC 3339 text) or the same array as
    /// JSON text.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming the bad event (`[2].at` for a
    /// document that cannot be read, `events[2].step` for one that does not
    /// fit the record), and `ITSM_VERSION_CONFLICT` when versions skip or
    /// repeat.
    ///
    /// ```js
    /// const record = Record.replay(db.prepare('SELECT document FROM events WHERE record = ? ORDER BY version').all(id).map((r) => JSON.parse(r.document)))
    /// ```
    #[napi(
        factory,
        ts_args_type = "events: Array<RecordEventInput> | string",
        catch_unwind
    )]
    pub fn replay(env: Env, events: Unknown<'_>) -> Result<Record, ItsmCode> {
        let run = || -> Fallible<itsm_core::record::Record> {
            let events = read_events("events", events)?;
            Ok(itsm_core::record::Record::replay(&events)?)
        };
        run()
            .map(|inner| Record { inner })
            .map_err(|f| to_js_detailed(&env, f))
    }

    /// As `replay` on the events' JSON text (an array), answering the
    /// record's canonical JSON text.
    ///
    /// ```js
    /// const text = Record.replayJSON(`[${rows.map((r) => r.document).join(',')}]`)
    /// ```
    #[napi(
        js_name = "replayJSON",
        ts_args_type = "eventsJson: string",
        catch_unwind
    )]
    pub fn replay_json(env: Env, events: Unknown<'_>) -> Result<String, ItsmCode> {
        let run = || -> Fallible<String> {
            let events = text("eventsJson", events)?;
            let events = itsm_core::record::events_from_json(&events)?;
            Ok(itsm_core::record::Record::replay(&events)?.to_json())
        };
        run().map_err(|f| to_js_detailed(&env, f))
    }

    /// The record with `events` applied in order (this one is unchanged):
    /// an array of event documents, or the same array as JSON text.
    ///
    /// Throws `ITSM_VERSION_CONFLICT` when an event's version is not the
    /// next one (`err.details.expected`, `err.details.actual`), and
    /// `ITSM_INVALID_INPUT` naming an event that does not fit.
    ///
    /// ```js
    /// const next = record.apply(outcome.events)
    /// ```
    #[napi(
        ts_args_type = "events: Array<RecordEventInput> | string",
        catch_unwind
    )]
    pub fn apply(&self, env: Env, events: Unknown<'_>) -> Result<Record, ItsmCode> {
        let run = || -> Fallible<itsm_core::record::Record> {
            let events = read_events("events", events)?;
            Ok(self.inner.apply(&events)?)
        };
        run()
            .map(|inner| Record { inner })
            .map_err(|f| to_js_detailed(&env, f))
    }

    /// The record document as JSON data (a plain object, instants as
    /// canonical ISO text, keys sorted); `Record.fromJSON` reads it back, and
    /// `JSON.stringify(record)` writes it.
    ///
    /// ```js
    /// const copy = Record.fromJSON(record.toJSON())
    /// ```
    #[napi(
        js_name = "toJSON",
        ts_return_type = "JSONData<RecordDocument>",
        catch_unwind
    )]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The core's canonical JSON text of the record: compact, keys sorted,
    /// the same bytes in every language. What a host stores.
    ///
    /// ```js
    /// db.prepare('UPDATE records SET document = ? WHERE id = ?').run(record.toJSONString(), record.id)
    /// ```
    #[napi(js_name = "toJSONString", catch_unwind)]
    pub fn to_json_string(&self) -> String {
        self.inner.to_json()
    }

    /// The record's id.
    #[napi(getter, catch_unwind)]
    pub fn id(&self) -> String {
        self.inner.id().to_owned()
    }

    /// Its kind: `incident`, `problem`, `service_request`, `change` or `task`.
    #[napi(getter, catch_unwind)]
    pub fn kind(&self) -> String {
        self.inner.kind().to_owned()
    }

    /// The name of the workflow that judges it.
    #[napi(getter, catch_unwind)]
    pub fn workflow(&self) -> String {
        self.inner.workflow().to_owned()
    }

    /// Its version: the number of events applied, 1 once created.
    #[napi(getter, catch_unwind)]
    pub fn version(&self) -> f64 {
        // Versions count events: far below 2^53, exact as a number.
        self.inner.version() as f64
    }

    /// Its state (the `state` field).
    #[napi(getter, catch_unwind)]
    pub fn state(&self) -> String {
        self.inner.state().to_owned()
    }

    /// The category of its state: `new`, `active`, `pending`, `resolved`,
    /// `closed` or `cancelled`.
    #[napi(getter, ts_return_type = "Category", catch_unwind)]
    pub fn category(&self) -> Value {
        serde_json::to_value(self.inner.category()).unwrap_or(Value::Null)
    }

    /// Its fields now, `state` among them: a new plain object on each read.
    #[napi(getter, ts_return_type = "{ [field: string]: Scalar }", catch_unwind)]
    pub fn fields(&self) -> Value {
        Value::Object(
            self.inner
                .fields()
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        )
    }

    /// Its history as a `Timeline`, which `PolicySet.evaluate` takes as it is.
    ///
    /// ```js
    /// const evaluation = PolicySet.template('itil_incident').evaluate(record.timeline(), new Date())
    /// ```
    #[napi(catch_unwind)]
    pub fn timeline(&self) -> Timeline {
        Timeline::of(self.inner.timeline().clone())
    }
}

/// Reads one event document (a plain object whose instants may be `Date`s,
/// or JSON text) and answers it as the core writes it: every field in place,
/// `schema_version` included, instants as `Date`s.
///
/// Throws `ITSM_INVALID_INPUT` naming the bad field.
///
/// ```js
/// const event = readRecordEvent(row.document)
/// event.version // 3
/// ```
#[napi(
    ts_args_type = "doc: RecordEventInput | string",
    ts_return_type = "RecordEvent",
    catch_unwind
)]
pub fn read_record_event(env: Env, doc: Unknown<'_>) -> Result<Data<RecordEvent>, ItsmCode> {
    let run = || -> Fallible<RecordEvent> {
        Ok(
            match document("doc", "an event document", doc, Kind::Input)? {
                Document::Text(text) => RecordEvent::from_json(&text)?,
                Document::Data(value) => RecordEvent::from_value(&value)?,
            },
        )
    };
    run().map(Data).map_err(|f| to_js_detailed(&env, f))
}

/// Reads one event's JSON text and answers its canonical JSON text.
///
/// Throws as `readRecordEvent`.
///
/// ```js
/// const canonical = readRecordEventJSON('{"record":"INC-1","version":2,"at":"2026-11-23T09:30:00Z","actor":"ann","type":"commented","text":"Looking","internal":true}')
/// ```
#[napi(
    js_name = "readRecordEventJSON",
    ts_args_type = "text: string",
    catch_unwind
)]
pub fn read_record_event_json(env: Env, doc: Unknown<'_>) -> Result<String, ItsmCode> {
    let run = || -> Fallible<String> {
        let doc = text("text", doc)?;
        Ok(RecordEvent::from_json(&doc)?.to_json())
    };
    run().map_err(|f| to_js_detailed(&env, f))
}

/// An automation rule template by name, as a plain object to copy into a
/// desk's `automation` list (and edit first, if need be):
/// - `auto_assign`: a new incident whose `category` is `network` goes to the
///   `network` group (copy it once per category);
/// - `escalate_on_sla`: when an incident's `resolution` clock crosses 75 %,
///   tell the assignment group's manager, raise the priority to P2 and leave
///   a note;
/// - `auto_close`: seven days (of 24 hours) after resolution, close the
///   incident.
///
/// Throws `ITSM_INVALID_ARGUMENT` for an unknown name.
///
/// ```js
/// const rule = automationTemplate('auto_close')
/// rule.on.after_resolution.days = 3
/// const desk = new Desk({ automation: [rule] })
/// ```
#[napi(ts_args_type = "name: string", ts_return_type = "Rule", catch_unwind)]
pub fn automation_template(env: Env, name: Unknown<'_>) -> Result<Value, ItsmCode> {
    let run = || -> Fallible<Value> {
        let name = text("name", name)?;
        Ok(itsm_core::automation::template(&name)?)
    };
    run().map_err(|f| to_js_detailed(&env, f))
}

/// The names `automationTemplate` knows: `auto_assign`, `escalate_on_sla`,
/// `auto_close`.
///
/// ```js
/// const automation = automationTemplateNames().map(automationTemplate)
/// ```
#[napi(catch_unwind)]
pub fn automation_template_names() -> Vec<String> {
    itsm_core::automation::template_names()
        .iter()
        .map(|&name| name.to_owned())
        .collect()
}

/// Whether an argument is `undefined` or `null`.
fn is_nothing(value: &Unknown<'_>) -> Fallible<bool> {
    Ok(matches!(
        type_of("argument", value)?,
        ValueType::Undefined | ValueType::Null
    ))
}

/// Reads a desk document argument.
fn read_desk(doc: Unknown<'_>) -> Fallible<itsm_core::record::Desk> {
    Ok(
        match document("doc", "a desk document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::record::Desk::from_json(&text)?,
            Document::Data(value) => itsm_core::record::Desk::from_value(&value)?,
        },
    )
}

/// Reads the command argument: a plain object, named `command` in errors as
/// the core names the fields of commands.
fn read_command(value: Unknown<'_>) -> Fallible<itsm_core::record::Command> {
    let name = "command";
    match type_of(name, &value)? {
        _ if is_plain_object(name, &value)? => {}
        _ => {
            return Err(invalid_argument(
                name,
                format!(
                    "expected a command object such as {{ type: 'comment', text: '...' }}, found {}",
                    describe(&value)
                ),
            ));
        }
    }
    let data = json_value(value, &mut name.to_owned(), 0, Kind::Argument)?;
    Ok(itsm_core::record::Command::from_value(
        &data.unwrap_or_default(),
    )?)
}

/// Reads a record document argument: a plain object or JSON text.
fn read_record_document(name: &str, value: Unknown<'_>) -> Fallible<itsm_core::record::Record> {
    Ok(
        match document(name, "a record document", value, Kind::Input)? {
            Document::Text(text) => itsm_core::record::Record::from_json(&text)?,
            Document::Data(value) => itsm_core::record::Record::from_value(&value)?,
        },
    )
}

/// Reads an events argument: an array of event documents, or JSON text.
fn read_events(name: &str, value: Unknown<'_>) -> Fallible<Vec<RecordEvent>> {
    Ok(
        match document(name, "an array of events", value, Kind::Input)? {
            Document::Text(text) => itsm_core::record::events_from_json(&text)?,
            Document::Data(value) => itsm_core::record::events_from_value(&value)?,
        },
    )
}

/// Reads a string argument that may be `null` (or left out).
fn optional_text(name: &str, value: Unknown<'_>) -> Fallible<Option<String>> {
    if is_nothing(&value)? {
        return Ok(None);
    }
    text(name, value).map(Some)
}

/// A record argument: the one inside a `Record`, or one read from a document.
enum RecordArg<'a> {
    /// A `Record` passed as it is.
    Instance(ClassInstance<'a, Record>),
    /// A document read for this call.
    Read(Box<itsm_core::record::Record>),
}

impl RecordArg<'_> {
    /// The record.
    fn get(&self) -> &itsm_core::record::Record {
        match self {
            RecordArg::Instance(instance) => &instance.inner,
            RecordArg::Read(record) => record,
        }
    }
}

/// A record argument that may be `null`.
struct OptionalRecord<'a>(Option<RecordArg<'a>>);

impl OptionalRecord<'_> {
    /// The record, if any.
    fn get(&self) -> Option<&itsm_core::record::Record> {
        self.0.as_ref().map(RecordArg::get)
    }
}

/// Reads a record argument: a `Record`, or a record document (a plain
/// object; JSON text is for the `*JSON` methods).
fn record_arg<'a>(env: &Env, name: &str, value: Unknown<'a>) -> Fallible<RecordArg<'a>> {
    match type_of(name, &value)? {
        _ if is_plain_object(name, &value)? => {}
        _ => {
            return Err(invalid_argument(
                name,
                format!(
                    "expected a Record or a record document, found {}",
                    describe(&value)
                ),
            ));
        }
    }
    if Record::instance_of(env, &value).map_err(|e| engine_error(name, e))? {
        // SAFETY: `ClassInstance` checks that the object wraps a `Record`
        // before reading it, and fails otherwise.
        let instance = unsafe { value.cast::<ClassInstance<'a, Record>>() }
            .map_err(|_| invalid_argument(name, "is not a Record made by this library"))?;
        return Ok(RecordArg::Instance(instance));
    }
    let data = json_value(value, &mut String::new(), 0, Kind::Input)?.unwrap_or_default();
    let record = itsm_core::record::Record::from_value(&data)?;
    Ok(RecordArg::Read(Box::new(record)))
}

/// As [`record_arg`], with `null` (or `undefined`) for no record.
fn optional_record_arg<'a>(
    env: &Env,
    name: &str,
    value: Unknown<'a>,
) -> Fallible<OptionalRecord<'a>> {
    if is_nothing(&value)? {
        return Ok(OptionalRecord(None));
    }
    record_arg(env, name, value).map(|record| OptionalRecord(Some(record)))
}
