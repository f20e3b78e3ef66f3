//! Workflows for JavaScript: compiled state machines whose transitions carry
//! guards, asked on every request whether a record may make a move.
//!
//! The workflow document comes in as a plain object or JSON text, a record's
//! fields as a plain object of JavaScript values (a `Date` is read as its ISO
//! text, a safe-integer `bigint` as that number), and the context (the actor,
//! `now`, approvals, child tasks, the host's predicates) as the core's context
//! document, whose `now` may be a `Date` or RFC 3339 text. Answers go out as
//! the core's documents, plain objects under the core's snake_case keys.
//!
//! The hot path is [`Workflow::reasons_against`]: a [`WorkflowContext`] holds
//! the context and the record's fields already read, the state and the
//! request cross as plain strings into buffers the context keeps, and the
//! core's allocation-free `allows` answers; reasons are built only on refusal.

use napi::bindgen_prelude::{ClassInstance, FromNapiValue, JsObjectValue, Object, Unknown};
use napi::{Env, JsValue, Result, ValueType, sys};
use napi_derive::napi;
use serde_json::Value;

use itsm_core::rules::Context;
use itsm_core::workflow::{AvailableTransition, Reason, Verdict};
use itsm_core::{Fields, Finding};

use crate::{
    Data, Document, Fallible, ItsmCode, Kind, describe, document, engine_error, invalid_argument,
    is_plain_object, json_value, read_fields, text, to_js, type_of,
};

/// The record field that holds the state.
const STATE: &str = "state";

/// A workflow, compiled and ready to judge moves: its states, the transitions
/// between them, and the guards and required fields of each transition.
///
/// Build one with `Workflow.fromJSON(document)` or `Workflow.builtin(name)`
/// (`incident`, `problem`, `service_request`, `change_standard`,
/// `change_normal`, `change_emergency`, `task`). A request is a transition's name or
/// a target state's id. Answers are plain objects under the core's snake_case
/// keys; every failure is an `Error` with a stable `code` and the core's
/// message.
///
/// ```js
/// const incident = Workflow.builtin('incident')
/// const verdict = incident.validate({ state: 'in_progress', assignment_group: 'network' }, 'resolve',
///   { actor: { id: 'ann', roles: ['agent'], groups: ['network'] } })
/// verdict.reasons.map((r) => r.message) // ['resolve needs resolution_code', ...]
/// ```
#[napi]
pub struct Workflow {
    inner: itsm_core::workflow::Workflow,
}

#[napi]
impl Workflow {
    /// Reads a workflow document: a plain object, or the same document as
    /// JSON text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first problem, for
    /// example ``transitions[0].to: unknown state `closed` (the workflow's
    /// states: new)``, and `ITSM_INVALID_ARGUMENT` when `doc` is neither an
    /// object nor a string.
    ///
    /// ```js
    /// const doc = Workflow.builtinDocument('incident')
    /// doc.fields.find((f) => f.id === 'hold_reason').values.push('awaiting_parts')
    /// const incident = Workflow.fromJSON(doc)
    /// ```
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: WorkflowDocument | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<Workflow, ItsmCode> {
        let inner = match document("doc", "a workflow document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::workflow::Workflow::from_json(&text),
            Document::Data(value) => itsm_core::workflow::Workflow::from_value(&value),
        };
        inner.map(|inner| Workflow { inner }).map_err(to_js)
    }

    /// A built-in ITIL workflow, compiled: one of `Workflow.builtinNames()`.
    /// To change one first, edit `Workflow.builtinDocument(name)` and pass it
    /// to `Workflow.fromJSON`.
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` for an unknown name.
    ///
    /// ```js
    /// const change = Workflow.builtin('change_normal')
    /// ```
    #[napi(factory, ts_args_type = "name: string", catch_unwind)]
    pub fn builtin(name: Unknown<'_>) -> Result<Workflow, ItsmCode> {
        let name = text("name", name)?;
        itsm_core::workflow::Workflow::builtin(&name)
            .map(|inner| Workflow { inner })
            .map_err(to_js)
    }

    /// The names `Workflow.builtin` and `Workflow.builtinDocument` know:
    /// `incident`, `problem`, `service_request`, `change_standard`,
    /// `change_normal`, `change_emergency`, `task`.
    ///
    /// ```js
    /// const workflows = Object.fromEntries(Workflow.builtinNames().map((n) => [n, Workflow.builtin(n)]))
    /// ```
    #[napi(catch_unwind)]
    pub fn builtin_names() -> Vec<String> {
        itsm_core::workflow::Workflow::builtin_names()
            .into_iter()
            .map(str::to_owned)
            .collect()
    }

    /// A built-in workflow's document, a plain object to change (another hold
    /// reason, a stricter guard, its own calendars) and load with
    /// `Workflow.fromJSON`.
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` for an unknown name.
    ///
    /// ```js
    /// const doc = Workflow.builtinDocument('incident')
    /// doc.name = 'major incident'
    /// const major = Workflow.fromJSON(doc)
    /// ```
    #[napi(
        ts_args_type = "name: string",
        ts_return_type = "WorkflowDocument",
        catch_unwind
    )]
    pub fn builtin_document(name: Unknown<'_>) -> Result<Value, ItsmCode> {
        let name = text("name", name)?;
        itsm_core::workflow::Workflow::builtin_document(&name).map_err(to_js)
    }

    /// Every finding of a workflow document, without loading it: the reasons
    /// it would not load (`unknown_state`, `duplicate_state`, ...) or, when
    /// there are none, its traps (`unreachable_state`, `no_way_to_terminal`,
    /// `undeclared_field`, ...). `doc` is a plain object or JSON text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` when the document cannot be read at all.
    ///
    /// ```js
    /// for (const f of Workflow.lintDocument(doc)) console.warn(`${f.path}: ${f.message} (${f.code})`)
    /// ```
    #[napi(
        ts_args_type = "doc: WorkflowDocument | string",
        ts_return_type = "Array<Finding>",
        catch_unwind
    )]
    pub fn lint_document(doc: Unknown<'_>) -> Result<Data<Vec<Finding>>, ItsmCode> {
        let value = match document("doc", "a workflow document", doc, Kind::Config)? {
            Document::Data(value) => value,
            Document::Text(text) => match serde_json::from_str(&text) {
                Ok(value) => value,
                // Text that is not JSON: the core's own error for it.
                Err(_) => {
                    return Err(match itsm_core::workflow::Workflow::from_json(&text) {
                        Err(error) => to_js(error),
                        Ok(_) => to_js(itsm_core::Error::invalid_config("", "not JSON")),
                    });
                }
            },
        };
        itsm_core::workflow::Workflow::lint_document(&value)
            .map(Data)
            .map_err(to_js)
    }

    /// The traps of this workflow, as `Workflow.lintDocument` finds them.
    /// Empty when there is nothing to say.
    ///
    /// ```js
    /// assert.deepEqual(Workflow.builtin('incident').lint(), [])
    /// ```
    #[napi(ts_return_type = "Array<Finding>", catch_unwind)]
    pub fn lint(&self) -> Data<Vec<Finding>> {
        Data(self.inner.lint())
    }

    /// The workflow document as a plain object; `Workflow.fromJSON` reads it
    /// back, and `JSON.stringify(workflow)` writes it.
    ///
    /// ```js
    /// const copy = Workflow.fromJSON(incident.toJSON())
    /// ```
    #[napi(js_name = "toJSON", ts_return_type = "WorkflowDocument", catch_unwind)]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The category of a state (`new`, `active`, `pending`, `resolved`,
    /// `closed` or `cancelled`), or `null` when the workflow has no such state.
    ///
    /// ```js
    /// incident.category('on_hold') // 'pending'
    /// ```
    #[napi(
        ts_args_type = "state: string",
        ts_return_type = "Category | null",
        catch_unwind
    )]
    pub fn category(&self, state: Unknown<'_>) -> Result<Option<String>, ItsmCode> {
        let state = text("state", state)?;
        Ok(self.inner.category(&state).and_then(|category| {
            // A category serializes as its snake_case name.
            serde_json::to_value(category)
                .ok()
                .and_then(|name| name.as_str().map(str::to_owned))
        }))
    }

    /// Whether `record` may make the move `request` (a transition's name, or
    /// a target state's id) in `context`: the verdict, `allowed` with the
    /// `transition`, the state it leads `to` and the fields it `sets`, or
    /// every reason against it in document order.
    ///
    /// `record` holds the record's fields as the move would leave them: its
    /// current `state`, and any field the request sets. `context` gives the
    /// actor, `now` (a `Date` or RFC 3339 text), approvals, child tasks and the
    /// host's predicates; left out, it is empty.
    ///
    /// Throws `ITSM_INVALID_INPUT` naming `state` when the record has no state
    /// or one the workflow lacks, and `ITSM_INVALID_ARGUMENT` naming
    /// `transition` for an unknown request, or `context.actor`, `context.now`
    /// or `context.predicates` when a guard needs what the context lacks.
    ///
    /// ```js
    /// const verdict = incident.validate(
    ///   { state: 'in_progress', assignment_group: 'network', resolution_code: 'solved_permanently', resolution_notes: 'replaced the switch' },
    ///   'resolved',
    ///   { actor: { id: 'ann', roles: ['agent'], groups: ['network'] }, now: new Date() },
    /// )
    /// if (verdict.allowed) Object.assign(record, verdict.sets, { state: verdict.to })
    /// ```
    #[napi(
        ts_args_type = "record: FieldValues, request: string, context?: ContextInput | null",
        ts_return_type = "Verdict",
        catch_unwind
    )]
    pub fn validate(
        &self,
        record: Unknown<'_>,
        request: Unknown<'_>,
        context: Option<Unknown<'_>>,
    ) -> Result<Data<Verdict>, ItsmCode> {
        let record = read_record(record)?;
        let request = text("request", request)?;
        let context = read_context(context, false)?;
        self.inner
            .validate(&record, &request, &context)
            .map(Data)
            .map_err(to_js)
    }

    /// Whether `validate` would allow the move, as a boolean: the core's fast
    /// answer, which builds no reasons. Throws as `validate`.
    ///
    /// ```js
    /// if (!incident.allows(record, 'close', { actor })) return res.status(409).end()
    /// ```
    #[napi(
        ts_args_type = "record: FieldValues, request: string, context?: ContextInput | null",
        catch_unwind
    )]
    pub fn allows(
        &self,
        record: Unknown<'_>,
        request: Unknown<'_>,
        context: Option<Unknown<'_>>,
    ) -> Result<bool, ItsmCode> {
        let record = read_record(record)?;
        let request = text("request", request)?;
        let context = read_context(context, false)?;
        self.inner
            .allows(&record, &request, &context)
            .map_err(to_js)
    }

    /// Every transition leaving the record's state, in document order, each
    /// `allowed` or with every reason against it: what a UI needs to draw its
    /// buttons. Throws as `validate`, for the guards of any of them.
    ///
    /// ```js
    /// const buttons = incident.available({ state: 'resolved', caller: 'bob' }, { actor: { id: 'bob' } })
    /// buttons.map((b) => [b.transition, b.allowed]) // [['reopen', true], ['close', true]]
    /// ```
    #[napi(
        ts_args_type = "record: FieldValues, context?: ContextInput | null",
        ts_return_type = "Array<AvailableTransition>",
        catch_unwind
    )]
    pub fn available(
        &self,
        record: Unknown<'_>,
        context: Option<Unknown<'_>>,
    ) -> Result<Data<Vec<AvailableTransition>>, ItsmCode> {
        let record = read_record(record)?;
        let context = read_context(context, false)?;
        self.inner
            .available(&record, &context)
            .map(Data)
            .map_err(to_js)
    }

    /// As `validate`, returning the core's canonical JSON text of the
    /// verdict: compact, keys sorted, the same bytes in every language.
    /// `record` and `context` may also be given as JSON text, as a host that
    /// stores them as text has them.
    ///
    /// ```js
    /// const text = incident.validateJSON('{"state":"new"}', 'assign', '{"actor":{"id":"ann","roles":["agent"]}}')
    /// ```
    #[napi(
        js_name = "validateJSON",
        ts_args_type = "record: FieldValues | string, request: string, context?: ContextInput | string | null",
        catch_unwind
    )]
    pub fn validate_json(
        &self,
        record: Unknown<'_>,
        request: Unknown<'_>,
        context: Option<Unknown<'_>>,
    ) -> Result<String, ItsmCode> {
        let record = if type_of("record", &record)? == ValueType::String {
            itsm_core::fields_from_json(&text("record", record)?).map_err(to_js)?
        } else {
            read_record(record)?
        };
        let request = text("request", request)?;
        let context = read_context(context, true)?;
        self.inner
            .validate(&record, &request, &context)
            .map(|verdict| verdict.to_json())
            .map_err(to_js)
    }

    /// The hot path of a backend: every reason against moving a record in
    /// `state` by `request` (a transition's name or a target state's id), or
    /// an empty array when the move is allowed (a frozen one, the same each
    /// time: test `reasons.length === 0`).
    ///
    /// `context` is a `WorkflowContext` built once and reused: it holds the
    /// context and the record's other fields already read, so that a call
    /// reads only the two strings, puts `state` into the context's record
    /// (its `state` field, overwritten in place), and asks the core's
    /// allocation-free `allows`; the reasons are built (by `validate`) only on
    /// refusal. The reasons are exactly `validate`'s. Throws as `validate`.
    ///
    /// ```js
    /// const incident = Workflow.builtin('incident')
    /// const context = new WorkflowContext({ actor: { id: 'ann', roles: ['agent'], groups: ['network'] } })
    /// for (const record of records) {
    ///   context.setRecord(record)
    ///   const reasons = incident.reasonsAgainst(record.state, 'resolve', context)
    ///   if (reasons.length > 0) console.log(record.id, reasons.map((r) => r.message))
    /// }
    /// ```
    #[napi(
        ts_args_type = "state: string, request: string, context: WorkflowContext",
        ts_return_type = "Array<Reason>",
        catch_unwind
    )]
    pub fn reasons_against(
        &self,
        env: Env,
        state: Unknown<'_>,
        request: Unknown<'_>,
        context: Unknown<'_>,
    ) -> Result<Data<Vec<Reason>>, ItsmCode> {
        let mut context = context_arg(context)?;
        Ok(Data(self.reasons(&env, state, request, &mut context)?))
    }
}

impl Workflow {
    /// The body of `reasonsAgainst`, shared by the method napi-rs declares and
    /// the entry point [`reasons_against_entry`] that replaces it.
    fn reasons(
        &self,
        env: &Env,
        state: Unknown<'_>,
        request: Unknown<'_>,
        context: &mut WorkflowContext,
    ) -> Result<Vec<Reason>, ItsmCode> {
        let WorkflowContext {
            context,
            record,
            request: buffer,
        } = context;
        read_into(env, "state", state, state_slot(record))?;
        read_into(env, "request", request, buffer)?;
        if self.inner.allows(record, buffer, context).map_err(to_js)? {
            return Ok(Vec::new());
        }
        let verdict = self
            .inner
            .validate(record, buffer, context)
            .map_err(to_js)?;
        Ok(verdict.reasons)
    }
}

/// Defines `Workflow.prototype.reasonsAgainst` as [`reasons_against_entry`]
/// once the classes are registered.
///
/// The method napi-rs generates for [`Workflow::reasons_against`] (kept for
/// its declaration and as the reference) opens a borrow scope for its
/// receiver on every call, which costs several times what the workflow's
/// answer costs. The entry point does the same work without that bookkeeping:
/// it calls no JavaScript while it holds the workflow and the context, so
/// nothing can reach them meanwhile.
#[napi(module_exports)]
pub fn install_reasons_against(exports: Object<'_>) -> Result<()> {
    // The class is a function: read it as any value, then as an object.
    let class: Unknown<'_> = exports.get_named_property("Workflow")?;
    let prototype: Object<'_> = class.coerce_to_object()?.get_named_property("prototype")?;
    let env = prototype.value().env;
    let name = "reasonsAgainst";
    let mut function = std::ptr::null_mut();
    // SAFETY: the environment is live for this call, and the name is
    // `name.len()` bytes of UTF-8.
    let status = unsafe {
        sys::napi_create_function(
            env,
            name.as_ptr().cast(),
            name.len() as isize,
            Some(reasons_against_entry),
            std::ptr::null_mut(),
            &mut function,
        )
    };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(
            napi::Status::from(status),
            "could not make Workflow.prototype.reasonsAgainst",
        ));
    }
    let method = sys::napi_property_descriptor {
        utf8name: c"reasonsAgainst".as_ptr(),
        name: std::ptr::null_mut(),
        method: None,
        getter: None,
        setter: None,
        value: function,
        // As napi-rs defines instance methods.
        attributes: sys::PropertyAttributes::writable
            | sys::PropertyAttributes::enumerable
            | sys::PropertyAttributes::configurable,
        data: std::ptr::null_mut(),
    };
    // SAFETY: the environment and the prototype are live for this call, and
    // the descriptor points to a NUL-terminated static name.
    let status = unsafe { sys::napi_define_properties(env, prototype.raw(), 1, &method) };
    if status != sys::Status::napi_ok {
        return Err(napi::Error::new(
            napi::Status::from(status),
            "could not define Workflow.prototype.reasonsAgainst",
        ));
    }
    Recent::start(env)
}

/// What the entry point keeps between calls in one environment: the last
/// workflow and context objects it unwrapped, held weakly, with the Rust
/// values they wrap, and the frozen empty array it answers when a move is
/// allowed. Unwrapping an object costs Node-API a lookup of a private
/// property with an exception scope around it; telling that an argument is
/// the object of the last call costs two cheap calls. An object held weakly
/// and still alive still wraps its value, which napi-rs frees only once the
/// object is collected.
struct Recent {
    /// The environment the references belong to.
    env: sys::napi_env,
    /// The last `this` of `reasonsAgainst`.
    workflow: Slot,
    /// The last `context` argument.
    context: Slot,
    /// A frozen empty array, held strongly.
    empty: sys::napi_ref,
}

/// An object held weakly and the Rust value it wraps.
#[derive(Clone, Copy)]
struct Slot {
    /// The weak reference, null before the first call.
    object: sys::napi_ref,
    /// The value the object wraps.
    value: *mut std::ffi::c_void,
}

impl Slot {
    const EMPTY: Slot = Slot {
        object: std::ptr::null_mut(),
        value: std::ptr::null_mut(),
    };
}

thread_local! {
    /// The memory of the environment that runs on this thread (each worker
    /// thread runs its own environment).
    static RECENT: std::cell::RefCell<Option<Recent>> = const { std::cell::RefCell::new(None) };
}

/// Which object a [`Slot`] remembers.
#[derive(Clone, Copy)]
enum Which {
    Workflow,
    Context,
}

impl Recent {
    /// Starts the memory of `env`, forgotten when the environment ends.
    fn start(env: sys::napi_env) -> Result<()> {
        let env_value = Env::from_raw(env);
        let empty = env_value.run_script::<_, Unknown<'_>>("Object.freeze([])")?;
        let mut reference = std::ptr::null_mut();
        // SAFETY: the environment is live for this call, the value is its.
        let status = unsafe { sys::napi_create_reference(env, empty.raw(), 1, &mut reference) };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(
                napi::Status::from(status),
                "could not keep the empty array of reasons",
            ));
        }
        RECENT.with_borrow_mut(|recent| {
            *recent = Some(Recent {
                env,
                workflow: Slot::EMPTY,
                context: Slot::EMPTY,
                empty: reference,
            })
        });
        /// Forgets the memory of the environment ending (its references end
        /// with it).
        unsafe extern "C" fn forget(env: *mut std::ffi::c_void) {
            let _ = RECENT.try_with(|recent| {
                let mut recent = recent.borrow_mut();
                if recent.as_ref().is_some_and(|r| r.env.cast() == env) {
                    *recent = None;
                }
            });
        }
        // SAFETY: the hook only clears this thread's memory for `env`.
        let status = unsafe { sys::napi_add_env_cleanup_hook(env, Some(forget), env.cast()) };
        if status != sys::Status::napi_ok {
            return Err(napi::Error::new(
                napi::Status::from(status),
                "could not watch the environment's end",
            ));
        }
        Ok(())
    }

    /// The value `object` wraps if it is the object of the last call.
    fn recall(
        env: sys::napi_env,
        which: Which,
        object: sys::napi_value,
    ) -> Option<*mut std::ffi::c_void> {
        RECENT.with_borrow(|recent| {
            let recent = recent.as_ref().filter(|r| r.env == env)?;
            let slot = match which {
                Which::Workflow => recent.workflow,
                Which::Context => recent.context,
            };
            if slot.object.is_null() {
                return None;
            }
            let mut last = std::ptr::null_mut();
            let mut same = false;
            // SAFETY: the reference belongs to `env`, live for this call; a
            // collected object reads as null.
            let ok = unsafe {
                sys::napi_get_reference_value(env, slot.object, &mut last) == sys::Status::napi_ok
                    && !last.is_null()
                    && sys::napi_strict_equals(env, last, object, &mut same) == sys::Status::napi_ok
            };
            (ok && same).then_some(slot.value)
        })
    }

    /// Remembers that `object` wraps `value`.
    fn remember(
        env: sys::napi_env,
        which: Which,
        object: sys::napi_value,
        value: *mut std::ffi::c_void,
    ) {
        RECENT.with_borrow_mut(|recent| {
            let Some(recent) = recent.as_mut().filter(|r| r.env == env) else {
                return;
            };
            let slot = match which {
                Which::Workflow => &mut recent.workflow,
                Which::Context => &mut recent.context,
            };
            let mut reference = std::ptr::null_mut();
            // SAFETY: the old reference belongs to `env`; the new one is weak.
            unsafe {
                if !slot.object.is_null() {
                    sys::napi_delete_reference(env, slot.object);
                }
                if sys::napi_create_reference(env, object, 0, &mut reference)
                    != sys::Status::napi_ok
                {
                    reference = std::ptr::null_mut();
                }
            }
            *slot = Slot {
                object: reference,
                value,
            };
        })
    }

    /// The frozen empty array, if this environment has one.
    fn empty(env: sys::napi_env) -> Option<sys::napi_value> {
        RECENT.with_borrow(|recent| {
            let recent = recent.as_ref().filter(|r| r.env == env)?;
            let mut array = std::ptr::null_mut();
            // SAFETY: the reference belongs to `env` and is strong.
            let status = unsafe { sys::napi_get_reference_value(env, recent.empty, &mut array) };
            (status == sys::Status::napi_ok && !array.is_null()).then_some(array)
        })
    }
}

/// The `Workflow` that `this` wraps: the last one's value when it is the same
/// object, else unwrapped and checked for its class.
fn workflow_this(env: sys::napi_env, this: sys::napi_value) -> Fallible<*mut Workflow> {
    if let Some(value) = Recent::recall(env, Which::Workflow, this) {
        return Ok(value.cast());
    }
    // SAFETY: `ClassInstance` unwraps `this` and checks that it wraps a
    // `Workflow` before reading it, and fails otherwise.
    let mut instance = unsafe { ClassInstance::<Workflow>::from_napi_value(env, this) }
        .map_err(|_| invalid_argument("this", "reasonsAgainst is a method of a Workflow"))?;
    let value: *mut Workflow = &mut *instance;
    Recent::remember(env, Which::Workflow, this, value.cast());
    Ok(value)
}

/// The `WorkflowContext` that the argument wraps, as [`workflow_this`].
fn context_value(env: sys::napi_env, context: Unknown<'_>) -> Fallible<*mut WorkflowContext> {
    if let Some(value) = Recent::recall(env, Which::Context, context.raw()) {
        return Ok(value.cast());
    }
    let raw = context.raw();
    let mut instance = context_arg(context)?;
    let value: *mut WorkflowContext = &mut *instance;
    Recent::remember(env, Which::Context, raw, value.cast());
    Ok(value)
}

/// `Workflow.prototype.reasonsAgainst(state, request, context)`: reads its
/// receiver and arguments, runs [`Workflow::reasons`], and returns its answer
/// or throws its error, as the generated method would.
unsafe extern "C" fn reasons_against_entry(
    env: sys::napi_env,
    info: sys::napi_callback_info,
) -> sys::napi_value {
    let run = || -> Result<Vec<Reason>, ItsmCode> {
        let mut argc = 3usize;
        let mut argv = [std::ptr::null_mut(); 3];
        let mut this = std::ptr::null_mut();
        // SAFETY: `info` is this call's; `argv` has room for `argc` values.
        let status = unsafe {
            sys::napi_get_cb_info(
                env,
                info,
                &mut argc,
                argv.as_mut_ptr(),
                &mut this,
                std::ptr::null_mut(),
            )
        };
        if status != sys::Status::napi_ok {
            return Err(invalid_argument("context", "could not be read").into());
        }
        // Node-API fills the arguments not passed with `undefined`.
        // SAFETY: each value is this call's; `Unknown` reads any value.
        let read = |value| unsafe { Unknown::from_napi_value(env, value) };
        let (state, request, context) = (
            read(argv[0]).map_err(|e| engine_error("state", e))?,
            read(argv[1]).map_err(|e| engine_error("request", e))?,
            read(argv[2]).map_err(|e| engine_error("context", e))?,
        );
        let workflow = workflow_this(env, this)?;
        let context = context_value(env, context)?;
        // SAFETY: both values are wrapped by live objects (this call's
        // receiver and argument), which are of different classes; nothing in
        // the call runs JavaScript that could reach them meanwhile.
        let (workflow, context) = unsafe { (&*workflow, &mut *context) };
        workflow.reasons(&Env::from_raw(env), state, request, context)
    };
    let thrown: napi::Error = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        // Allowed, the common answer: the frozen empty array.
        Ok(Ok(reasons)) if reasons.is_empty() => {
            if let Some(array) = Recent::empty(env) {
                return array;
            }
            let mut array = std::ptr::null_mut();
            // SAFETY: `env` is this call's.
            match unsafe { sys::napi_create_array(env, &mut array) } {
                sys::Status::napi_ok => return array,
                status => napi::Error::new(
                    napi::Status::from(status),
                    "could not make the empty array of reasons",
                ),
            }
        }
        Ok(Ok(reasons)) => match crate::value::to_js_value(env, &reasons) {
            Ok(value) => return value,
            Err(error) => error,
        },
        Ok(Err(error)) => {
            // SAFETY: `env` is this call's; returning null returns
            // `undefined` with the exception pending.
            unsafe { napi::JsError::from(error).throw_into(env) };
            return std::ptr::null_mut();
        }
        Err(panic) => napi::bindgen_prelude::panic_to_error(panic),
    };
    // SAFETY: as above.
    unsafe { napi::JsError::from(thrown).throw_into(env) };
    std::ptr::null_mut()
}

/// A context and a record's fields, read once and reused across calls of
/// `Workflow.reasonsAgainst`: the actor, `now`, approvals, child tasks and the
/// host's predicates, and the record's fields but its `state` (which each call
/// gives).
///
/// Build one per request, or one per worker and change what changes with the
/// setters; every setter reads its argument once, so the hot path reads
/// nothing but two strings.
///
/// ```js
/// const context = new WorkflowContext({ actor: { id: 'ann', roles: ['agent'] }, now: new Date() }, { caller: 'bob' })
/// context.setNow(new Date())
/// context.setField('assignment_group', 'network')
/// incident.reasonsAgainst('new', 'assign', context) // []
/// ```
#[napi]
pub struct WorkflowContext {
    context: Context,
    record: Fields,
    /// The last request read, its buffer kept for the next.
    request: String,
}

#[napi]
impl WorkflowContext {
    /// A context (as `Workflow.validate` takes it; left out, empty) and a
    /// record's fields (left out, none; a `state` among them is overwritten
    /// by each `reasonsAgainst`).
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` naming `context` or `record` (or the
    /// path inside them) for a value of the wrong shape.
    ///
    /// ```js
    /// const context = new WorkflowContext({ actor: { id: 'ann', roles: ['agent'] } })
    /// ```
    #[napi(
        constructor,
        ts_args_type = "context?: ContextInput | null, record?: FieldValues | null",
        catch_unwind
    )]
    pub fn new(
        context: Option<Unknown<'_>>,
        record: Option<Unknown<'_>>,
    ) -> Result<WorkflowContext, ItsmCode> {
        Ok(WorkflowContext {
            context: read_context(context, false)?,
            record: read_fields("record", record)?,
            request: String::new(),
        })
    }

    /// Replaces the whole context (the record's fields stay).
    ///
    /// ```js
    /// context.setContext({ actor, now: new Date(), approvals })
    /// ```
    #[napi(
        ts_args_type = "context?: ContextInput | null",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_context(&mut self, context: Option<Unknown<'_>>) -> Result<(), ItsmCode> {
        self.context = read_context(context, false)?;
        Ok(())
    }

    /// Replaces the record's fields (left out or `null`: none).
    ///
    /// ```js
    /// context.setRecord({ caller: 'bob', assignment_group: 'network' })
    /// ```
    #[napi(
        ts_args_type = "record?: FieldValues | null",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_record(&mut self, record: Option<Unknown<'_>>) -> Result<(), ItsmCode> {
        self.record = read_fields("record", record)?;
        Ok(())
    }

    /// Sets one field of the record; `undefined` removes it.
    ///
    /// ```js
    /// context.setField('resolution_code', 'solved_permanently')
    /// ```
    #[napi(
        ts_args_type = "name: string, value: FieldValue | undefined",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_field(&mut self, name: Unknown<'_>, value: Unknown<'_>) -> Result<(), ItsmCode> {
        let name = text("name", name)?;
        match json_value(value, &mut name.clone(), 0, Kind::Argument)? {
            None => {
                self.record.remove(&name);
            }
            Some(value @ (Value::Array(_) | Value::Object(_))) => {
                return Err(invalid_argument(
                    &name,
                    format!(
                        "expected a string, number, boolean or null, found {}",
                        if value.is_array() {
                            "an array"
                        } else {
                            "an object"
                        }
                    ),
                )
                .into());
            }
            Some(value) => {
                self.record.insert(name, value);
            }
        }
        Ok(())
    }

    /// Sets the actor (`null`: none).
    ///
    /// ```js
    /// context.setActor({ id: 'ann', roles: ['agent'], groups: ['network'] })
    /// ```
    #[napi(
        ts_args_type = "actor: Actor | null",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_actor(&mut self, actor: Unknown<'_>) -> Result<(), ItsmCode> {
        self.context.actor = read_part("actor", actor)?.actor;
        Ok(())
    }

    /// Sets the host's `now`: a `Date` or RFC 3339 text (`null`: none).
    ///
    /// ```js
    /// context.setNow(new Date())
    /// ```
    #[napi(
        ts_args_type = "now: Date | string | null",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_now(&mut self, now: Unknown<'_>) -> Result<(), ItsmCode> {
        self.context.now = match type_of("now", &now)? {
            ValueType::Null | ValueType::Undefined => None,
            ValueType::String => {
                Some(itsm_core::parse_instant("now", &text("now", now)?).map_err(to_js)?)
            }
            _ => Some(crate::instant("now", now)?),
        };
        Ok(())
    }

    /// Sets the record's approvals.
    ///
    /// ```js
    /// context.setApprovals([{ approver: 'carol', group: 'cab', decision: 'approved' }])
    /// ```
    #[napi(
        ts_args_type = "approvals: Approval[]",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_approvals(&mut self, approvals: Unknown<'_>) -> Result<(), ItsmCode> {
        self.context.approvals = read_part("approvals", approvals)?.approvals;
        Ok(())
    }

    /// Sets the record's child tasks and their states.
    ///
    /// ```js
    /// context.setChildren([{ id: 'CTASK-7', state: 'closed' }])
    /// ```
    #[napi(
        ts_args_type = "children: Child[]",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_children(&mut self, children: Unknown<'_>) -> Result<(), ItsmCode> {
        self.context.children = read_part("children", children)?.children;
        Ok(())
    }

    /// Sets the host's answers to the predicates that guards name.
    ///
    /// ```js
    /// context.setPredicates({ credit_check_passed: true })
    /// ```
    #[napi(
        ts_args_type = "predicates: { [name: string]: boolean }",
        ts_return_type = "void",
        catch_unwind
    )]
    pub fn set_predicates(&mut self, predicates: Unknown<'_>) -> Result<(), ItsmCode> {
        self.context.predicates = read_part("predicates", predicates)?.predicates;
        Ok(())
    }
}

/// Reads the `record` argument of a call: a plain object of field values.
fn read_record(record: Unknown<'_>) -> Fallible<Fields> {
    if matches!(
        type_of("record", &record)?,
        ValueType::Undefined | ValueType::Null
    ) {
        return Err(invalid_argument(
            "record",
            format!(
                "expected an object of field values, found {}",
                describe(&record)
            ),
        ));
    }
    read_fields("record", Some(record))
}

/// Reads a context argument: left out, `undefined` or `null` for the empty
/// context, else the core's context document as a plain object (or, with
/// `text`, as JSON text) whose `now` may be a `Date`.
pub(crate) fn read_context(value: Option<Unknown<'_>>, text_allowed: bool) -> Fallible<Context> {
    let name = "context";
    let Some(value) = value else {
        return Ok(Context::default());
    };
    match type_of(name, &value)? {
        ValueType::Undefined | ValueType::Null => return Ok(Context::default()),
        ValueType::String if text_allowed => return Ok(Context::from_json(&text(name, value)?)?),
        _ if is_plain_object(name, &value)? => {}
        _ => {
            return Err(invalid_argument(
                name,
                format!(
                    "expected a context object such as {{ actor: {{ id: 'ann' }} }}, found {}",
                    describe(&value)
                ),
            ));
        }
    }
    let data = json_value(value, &mut name.to_owned(), 0, Kind::Argument)?;
    Ok(Context::from_value(&data.unwrap_or_default())?)
}

/// Reads the part `name` of a context (`actor`, `approvals`, ...), as the
/// core reads it in a context: the context holding only that part.
fn read_part(name: &str, value: Unknown<'_>) -> Fallible<Context> {
    let path = format!("context.{name}");
    let data = json_value(value, &mut path.clone(), 0, Kind::Argument)?.unwrap_or_default();
    let mut document = serde_json::Map::new();
    document.insert(name.to_owned(), data);
    Ok(Context::from_value(&Value::Object(document))?)
}

/// The `WorkflowContext` argument of `reasonsAgainst`.
fn context_arg(value: Unknown<'_>) -> Fallible<ClassInstance<'_, WorkflowContext>> {
    let refuse = |value: &Unknown<'_>| {
        invalid_argument(
            "context",
            format!(
                "expected a WorkflowContext (new WorkflowContext(...)), found {}",
                describe(value)
            ),
        )
    };
    // Node-API refuses to unwrap anything but an object wrapped by this addon.
    // SAFETY: `ClassInstance` unwraps the object and checks that it wraps a
    // `WorkflowContext` before reading it, and fails otherwise.
    unsafe { value.cast::<ClassInstance<'_, WorkflowContext>>() }.map_err(|_| refuse(&value))
}

/// The record's `state` field as a string to overwrite, made one when it is
/// missing or holds another value.
fn state_slot(record: &mut Fields) -> &mut String {
    if !matches!(record.get(STATE), Some(Value::String(_))) {
        record.insert(STATE.to_owned(), Value::String(String::new()));
    }
    match record.get_mut(STATE) {
        Some(Value::String(state)) => state,
        // Just made a string above.
        _ => unreachable!("the state field is a string"),
    }
}

/// Reads the string argument `name` into `out`, reusing its buffer: no
/// allocation unless the text is longer than any before.
fn read_into(env: &Env, name: &str, value: Unknown<'_>, out: &mut String) -> Fallible<()> {
    let mut bytes = std::mem::take(out).into_bytes();
    bytes.clear();
    if bytes.capacity() < 32 {
        bytes.reserve(32);
    }
    let mut len = 0usize;
    // SAFETY: the buffer has `capacity()` writable bytes; Node-API writes at
    // most that many, a terminating NUL included, and reports how many bytes
    // of text it wrote.
    let status = unsafe {
        sys::napi_get_value_string_utf8(
            env.raw(),
            value.raw(),
            bytes.as_mut_ptr().cast(),
            bytes.capacity(),
            &mut len,
        )
    };
    if status == sys::Status::napi_string_expected {
        return Err(invalid_argument(
            name,
            format!("expected a string, found {}", describe(&value)),
        ));
    }
    if status != sys::Status::napi_ok {
        return Err(invalid_argument(name, "could not be read"));
    }
    if len + 1 >= bytes.capacity() {
        // Perhaps cut short: ask for the length, and read it all.
        let mut full = 0usize;
        // SAFETY: with a null buffer Node-API only reports the length.
        let status = unsafe {
            sys::napi_get_value_string_utf8(
                env.raw(),
                value.raw(),
                std::ptr::null_mut(),
                0,
                &mut full,
            )
        };
        if status != sys::Status::napi_ok {
            return Err(invalid_argument(name, "could not be read"));
        }
        if full > len {
            bytes.reserve(full + 1);
            // SAFETY: as above, with room for the whole text and its NUL.
            let status = unsafe {
                sys::napi_get_value_string_utf8(
                    env.raw(),
                    value.raw(),
                    bytes.as_mut_ptr().cast(),
                    bytes.capacity(),
                    &mut len,
                )
            };
            if status != sys::Status::napi_ok {
                return Err(invalid_argument(name, "could not be read"));
            }
        }
    }
    // SAFETY: Node-API has initialised the first `len` bytes (fewer than the
    // capacity).
    unsafe { bytes.set_len(len) };
    *out = String::from_utf8(bytes).map_err(|_| invalid_argument(name, "is not valid text"))?;
    Ok(())
}
