//! The exception classes of the `itsm` package, one per core error code.
//!
//! | class | bases | code |
//! | --- | --- | --- |
//! | `ItsmError` | `Exception` | (base of all) |
//! | `InvalidConfigError` | `ItsmError`, `ValueError` | `invalid_config` |
//! | `InvalidInputError` | `ItsmError`, `ValueError` | `invalid_input` |
//! | `InvalidArgumentError` | `ItsmError`, `ValueError` | `invalid_argument` |
//! | `NoWorkingTimeError` | `ItsmError` | `no_working_time` |
//! | `OutOfRangeError` | `ItsmError`, `ValueError` | `out_of_range` |
//! | `VersionConflictError` | `ItsmError` | `version_conflict` |
//! | `CommandRefusedError` | `ItsmError` | `command_refused` |
//!
//! `pyo3::create_exception!` takes a single base class, so the classes are built
//! with `type(name, bases, namespace)` once per interpreter. Every raised
//! exception's `str()` is the core's message, its `code` the core's code and
//! its `document` the core's error document (`{code, message, path?, details?}`)
//! as Python data. The variants' other fields are the document's `details`
//! (`expected` and `actual` of a version conflict; `command`, `reasons` and
//! `instead` of a refused command), also set as attributes of the same names.

use itsm_core::{Error, ErrorDocument};
use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

/// The exception classes, built on first use.
pub struct Classes {
    /// `ItsmError`: the base of every error the core reports.
    pub base: Py<PyType>,
    /// `InvalidConfigError`: a malformed document.
    pub invalid_config: Py<PyType>,
    /// `InvalidInputError`: a malformed input document (a record's timeline).
    pub invalid_input: Py<PyType>,
    /// `InvalidArgumentError`: an unacceptable argument.
    pub invalid_argument: Py<PyType>,
    /// `NoWorkingTimeError`: no working time within the search horizon.
    pub no_working_time: Py<PyType>,
    /// `OutOfRangeError`: an instant outside the supported range.
    pub out_of_range: Py<PyType>,
    /// `VersionConflictError`: a command or events written against another version.
    pub version_conflict: Py<PyType>,
    /// `CommandRefusedError`: a command the record's workflow or rules refuse.
    pub command_refused: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

const BASE_DOC: &str = "Base class of every error raised by itsm.\n\n\
`code` is the core's stable, machine-readable error code, `str(err)` its message and \
`document` its error document as data: {\"code\", \"message\", \"path\"?, \"details\"?}.";

/// The exception classes of this interpreter, building them on first use.
pub fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let exception = py.get_type::<PyException>();
        let value_error = py.get_type::<PyValueError>();
        let base = new_class(
            py,
            "ItsmError",
            PyTuple::new(py, [&exception])?,
            BASE_DOC,
            None,
        )?;
        let with_value_error = PyTuple::new(py, [base.bind(py), &value_error])?;
        let alone = PyTuple::new(py, [base.bind(py)])?;
        Ok(Classes {
            invalid_config: new_class(
                py,
                "InvalidConfigError",
                with_value_error.clone(),
                "A document (calendar, policy set, timeline, availability input, period) is \
                 malformed; the message starts with the path of the bad field, such as \
                 `week.tue[1]` or `events[1].at`.",
                Some("invalid_config"),
            )?,
            invalid_input: new_class(
                py,
                "InvalidInputError",
                with_value_error.clone(),
                "An input document (a record's timeline, a record's fields) is malformed: bad \
                 data rather than bad configuration; the message starts with the path of the \
                 bad field, such as `created_at`, `events[1].at` or `state`.",
                Some("invalid_input"),
            )?,
            invalid_argument: new_class(
                py,
                "InvalidArgumentError",
                with_value_error.clone(),
                "An argument is unacceptable: a naive datetime, a negative duration, an end \
                 before its start, an unknown mode, template or workflow, an evaluation instant \
                 before the record was created, a workflow request that is neither a transition \
                 nor a state, a context lacking what a guard reads.",
                Some("invalid_argument"),
            )?,
            no_working_time: new_class(
                py,
                "NoWorkingTimeError",
                alone.clone(),
                "The calendar has no working time within the search horizon (10 years), so a \
                 due date or an opening cannot be found.",
                Some("no_working_time"),
            )?,
            out_of_range: new_class(
                py,
                "OutOfRangeError",
                with_value_error,
                "An instant (an argument or a result) lies outside the supported range, \
                 1900-01-01 to 2300-01-01 UTC.",
                Some("out_of_range"),
            )?,
            version_conflict: new_class(
                py,
                "VersionConflictError",
                alone.clone(),
                "A command or a list of events was written against a version of the record \
                 that is no longer its version: another writer came first. Reload the record \
                 and try again. `expected` is the version the writer read, `actual` the \
                 record's.",
                Some("version_conflict"),
            )?,
            command_refused: new_class(
                py,
                "CommandRefusedError",
                alone,
                "The record's workflow or the desk's rules refuse a command; the record is \
                 unchanged. `command` is the command's type, `reasons` every reason (dicts \
                 with `code`, `path`, `message`, `field`?, `transition`?), `instead` the \
                 command to give instead when there is one (else None).",
                Some("command_refused"),
            )?,
            base,
        })
    })
}

/// `type(name, bases, {...})`, in module `itsm`.
fn new_class(
    py: Python<'_>,
    name: &str,
    bases: Bound<'_, PyTuple>,
    doc: &str,
    code: Option<&str>,
) -> PyResult<Py<PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__doc__", doc)?;
    namespace.set_item("__module__", "itsm")?;
    if let Some(code) = code {
        namespace.set_item("code", code)?;
    }
    let class = py.get_type::<PyType>().call1((name, bases, namespace))?;
    Ok(class.cast_into::<PyType>()?.unbind())
}

/// The Python exception for a core error: the class of its code, the core's
/// message as `str()`, the code as the `code` attribute and the core's error
/// document as the `document` attribute.
pub fn core_error(py: Python<'_>, error: &Error) -> PyErr {
    let classes = match classes(py) {
        Ok(classes) => classes,
        Err(err) => return err,
    };
    // One exhaustive match: a new core variant does not compile until it is mapped.
    let class = match error {
        Error::InvalidConfig { .. } => &classes.invalid_config,
        Error::InvalidInput { .. } => &classes.invalid_input,
        Error::InvalidArgument { .. } => &classes.invalid_argument,
        Error::NoWorkingTime { .. } => &classes.no_working_time,
        Error::OutOfRange { .. } => &classes.out_of_range,
        Error::VersionConflict { .. } => &classes.version_conflict,
        Error::CommandRefused { .. } => &classes.command_refused,
    };
    let raised = class
        .bind(py)
        .call1((error.to_string(),))
        .and_then(|exception| {
            exception.setattr("code", error.code())?;
            let document = ErrorDocument::from(error);
            match error {
                Error::VersionConflict { .. } | Error::CommandRefused { .. } => {
                    for (key, value) in document.details.iter().flatten() {
                        exception.setattr(key.as_str(), crate::native::to_py(py, value)?)?;
                    }
                    if let Error::CommandRefused { instead: None, .. } = error {
                        exception.setattr("instead", py.None())?;
                    }
                }
                _ => {}
            }
            exception.setattr("document", crate::native::to_py(py, &document)?)?;
            Ok(exception)
        });
    match raised {
        Ok(exception) => PyErr::from_value(exception),
        Err(err) => err,
    }
}

/// Adds the exception classes to the module.
pub fn register(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    let classes = classes(py)?;
    module.add("ItsmError", classes.base.bind(py))?;
    module.add("InvalidConfigError", classes.invalid_config.bind(py))?;
    module.add("InvalidInputError", classes.invalid_input.bind(py))?;
    module.add("InvalidArgumentError", classes.invalid_argument.bind(py))?;
    module.add("NoWorkingTimeError", classes.no_working_time.bind(py))?;
    module.add("OutOfRangeError", classes.out_of_range.bind(py))?;
    module.add("VersionConflictError", classes.version_conflict.bind(py))?;
    module.add("CommandRefusedError", classes.command_refused.bind(py))?;
    Ok(())
}
