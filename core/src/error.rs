//! The one error type of the core, with a stable machine-readable code per variant.
//!
//! Bindings map [`Error::code`] to their own error model (a Python exception
//! subclass, a Node `err.code`, a Kotlin sealed class), so codes never change once
//! published; messages may improve.

/// Everything that can go wrong in the core.
///
/// # Example
/// ```
/// use itsm_core::Calendar;
///
/// let err = Calendar::from_json(r#"{"time_zone": "Mars/Olympus", "week": "24x7"}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_config");
/// assert_eq!(err.to_string(), r#"time_zone: unknown time zone "Mars/Olympus""#);
/// ```
/// Deliberately not `#[non_exhaustive]`: each binding maps the variants with one
/// exhaustive `match`, so a new variant cannot compile until every language maps it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    /// A configuration document (calendar, policy, workflow) is malformed.
    /// `path` locates the bad field, such as `week.tue[1]` or `holidays[3].easter`.
    #[error("{}: {reason}", display_path(path))]
    InvalidConfig {
        /// Where in the document the problem is; empty for the document itself.
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// An input document (a record's timeline) is malformed: bad data rather
    /// than bad configuration. `path` locates the bad field, such as
    /// `events[3].at`.
    #[error("{}: {reason}", display_path(path))]
    InvalidInput {
        /// Where in the document the problem is; empty for the document itself.
        path: String,
        /// What is wrong there.
        reason: String,
    },
    /// An argument of a call is unacceptable (a negative duration, an end before
    /// its start).
    #[error("invalid argument `{name}`: {reason}")]
    InvalidArgument {
        /// The argument's name as the documentation spells it.
        name: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A calendar has no working time in the searched horizon, so a due date or an
    /// opening cannot be found.
    #[error("no working time within {years} years {direction} {from}")]
    NoWorkingTime {
        /// The instant the search started from, as RFC 3339 UTC.
        from: String,
        /// `after` or `before`.
        direction: &'static str,
        /// The horizon searched, in years.
        years: u32,
    },
    /// An instant lies outside the range of years the core computes in.
    #[error("{instant} is outside the supported range {min} to {max}")]
    OutOfRange {
        /// The offending instant, as RFC 3339 UTC, or what lies outside ("the
        /// result").
        instant: String,
        /// First supported instant.
        min: &'static str,
        /// First instant past the supported range.
        max: &'static str,
    },
    /// A command or a set of events was written against a version of the record
    /// that is no longer its version: another writer came first. The host
    /// reloads the record and tries again.
    #[error("version conflict: expected version {expected}, the record is at version {actual}")]
    VersionConflict {
        /// The version the writer read.
        expected: u64,
        /// The record's version.
        actual: u64,
    },
    /// A command the record's workflow or its own rules refuse, with every
    /// reason; the record is unchanged.
    #[error("{command} refused: {}", messages(reasons))]
    CommandRefused {
        /// The command's type (`transition`, `approve`).
        command: String,
        /// Every reason, in the order the rules were judged.
        reasons: Vec<Reason>,
        /// The command to give instead, when there is one (a new incident
        /// linked to a closed one that may no longer reopen).
        instead: Option<serde_json::Value>,
    },
}

fn messages(reasons: &[Reason]) -> String {
    let texts: Vec<&str> = reasons.iter().map(|r| r.message.as_str()).collect();
    texts.join("; ")
}

impl Error {
    /// The stable, machine-readable code of this error.
    ///
    /// | variant | code |
    /// | --- | --- |
    /// | [`Error::InvalidConfig`] | `invalid_config` |
    /// | [`Error::InvalidInput`] | `invalid_input` |
    /// | [`Error::InvalidArgument`] | `invalid_argument` |
    /// | [`Error::NoWorkingTime`] | `no_working_time` |
    /// | [`Error::OutOfRange`] | `out_of_range` |
    /// | [`Error::VersionConflict`] | `version_conflict` |
    /// | [`Error::CommandRefused`] | `command_refused` |
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::Error::invalid_argument("duration", "must not be negative");
    /// assert_eq!(err.code(), "invalid_argument");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::InvalidConfig { .. } => "invalid_config",
            Error::InvalidInput { .. } => "invalid_input",
            Error::InvalidArgument { .. } => "invalid_argument",
            Error::NoWorkingTime { .. } => "no_working_time",
            Error::OutOfRange { .. } => "out_of_range",
            Error::VersionConflict { .. } => "version_conflict",
            Error::CommandRefused { .. } => "command_refused",
        }
    }

    /// Every code that [`Error::code`] can return, for bindings that build one
    /// exception class per code.
    pub const CODES: &'static [&'static str] = &[
        "invalid_config",
        "invalid_input",
        "invalid_argument",
        "no_working_time",
        "out_of_range",
        "version_conflict",
        "command_refused",
    ];

    /// An [`Error::InvalidConfig`] at `path`.
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::Error::invalid_config("week.mon[0]", "empty window");
    /// assert_eq!(err.to_string(), "week.mon[0]: empty window");
    /// ```
    pub fn invalid_config(path: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidConfig {
            path: path.into(),
            reason: reason.into(),
        }
    }

    /// An [`Error::InvalidArgument`] for the argument `name`.
    ///
    /// # Example
    /// ```
    /// let err = itsm_core::Error::invalid_argument("end", "is before start");
    /// assert_eq!(err.to_string(), "invalid argument `end`: is before start");
    /// ```
    pub fn invalid_argument(name: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::InvalidArgument {
            name: name.into(),
            reason: reason.into(),
        }
    }
}

/// The document form of an error, the same in every language:
/// `{"code", "message", "path"?, "details"?}`. `message` is the error's full
/// sentence (`week.tue[1]: end 08:00 is before start 14:00`); `path` is set for
/// document errors, `details` carries a variant's other fields.
///
/// # Example
/// ```
/// let err = itsm_core::Error::invalid_config("week.mon[0]", "empty window");
/// assert_eq!(
///     itsm_core::ErrorDocument::from(&err).to_json(),
///     r#"{"code":"invalid_config","message":"week.mon[0]: empty window","path":"week.mon[0]"}"#
/// );
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDocument {
    /// The stable code of [`Error::code`].
    #[schemars(extend("enum" = ["invalid_config", "invalid_input", "invalid_argument", "no_working_time", "out_of_range", "version_conflict", "command_refused"]))]
    pub code: String,
    /// The whole message, as the error displays.
    pub message: String,
    /// The path of the bad field in the document, for document errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The variant's other fields (`argument`; `from`, `direction`, `years`;
    /// `instant`, `min`, `max`; `expected`, `actual`; `command`, `reasons`,
    /// `instead`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Map<String, serde_json::Value>>,
}

impl ErrorDocument {
    /// The canonical JSON text: compact, keys in sorted order, as every
    /// language writes it.
    pub fn to_json(&self) -> String {
        serde_json::to_value(self)
            .map(|v| v.to_string())
            .unwrap_or_default()
    }
}

impl From<&Error> for ErrorDocument {
    fn from(error: &Error) -> Self {
        let details = |pairs: &[(&str, serde_json::Value)]| {
            Some(
                pairs
                    .iter()
                    .map(|(k, v)| ((*k).to_owned(), v.clone()))
                    .collect(),
            )
        };
        let (path, details) = match error {
            Error::InvalidConfig { path, .. } | Error::InvalidInput { path, .. } => {
                (Some(path.clone()), None)
            }
            Error::InvalidArgument { name, .. } => {
                (None, details(&[("argument", name.as_str().into())]))
            }
            Error::NoWorkingTime {
                from,
                direction,
                years,
            } => (
                None,
                details(&[
                    ("from", from.as_str().into()),
                    ("direction", (*direction).into()),
                    ("years", (*years).into()),
                ]),
            ),
            Error::OutOfRange { instant, min, max } => (
                None,
                details(&[
                    ("instant", instant.as_str().into()),
                    ("min", (*min).into()),
                    ("max", (*max).into()),
                ]),
            ),
            Error::VersionConflict { expected, actual } => (
                None,
                details(&[
                    ("expected", (*expected).into()),
                    ("actual", (*actual).into()),
                ]),
            ),
            Error::CommandRefused {
                command,
                reasons,
                instead,
            } => {
                let mut pairs = vec![
                    ("command", command.as_str().into()),
                    ("reasons", serde_json::to_value(reasons).unwrap_or_default()),
                ];
                if let Some(instead) = instead {
                    pairs.push(("instead", instead.clone()));
                }
                (None, details(&pairs))
            }
        };
        ErrorDocument {
            code: error.code().to_owned(),
            message: error.to_string(),
            path,
            details,
        }
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() { "(document)" } else { path }
}

/// The result type of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Why a move or a command is refused: a stable code, the path of what
/// refused (in the workflow document for a guard or a requirement, in the
/// command for a record's own rules), and a sentence. Workflows and records
/// share it, so a host reads every refusal the same way.
///
/// | code | refused by |
/// | --- | --- |
/// | `not_from_state` | the transition does not leave from the record's state (path: its `from`) |
/// | `no_transition_to_state` | no transition leads to the state asked for (path: the state) |
/// | `field_required` | a field the transition `requires` is not set |
/// | `field_value_unknown` | a required field holds a value outside its declared `values` |
/// | `field_not_set`, `field_not_equal`, `field_not_in` | the field guards |
/// | `condition_failed` | a `condition` guard (the message is the guard's) |
/// | `role_missing`, `group_missing`, `not_in_record_group` | the actor guards |
/// | `actor_not_named` | `actor_is`: the actor is not the one the field names |
/// | `segregation_of_duties` | `actor_is_not`: the actor is the one the field names |
/// | `approvals_missing`, `approvals_pending`, `approvals_rejected` | the quorum of `approvals` |
/// | `approval_not_counted` | an approval by an actor its `not_by` excludes (one reason each) |
/// | `children_open` | `children_in` |
/// | `outside_window`, `inside_freeze` | the calendar guards |
/// | `predicate_failed` | a `host` guard the host answered false |
/// | `no_alternative_passed` | an `any` guard none of whose guards passes |
/// | `record_closed` | a record command: the record is closed or cancelled |
/// | `reopen_window_passed` | `reopen`: the window after resolution has passed |
/// | `not_reopenable` | `reopen`: no `reopen` transition leaves the record's state |
/// | `self_approval` | an answer or a delegation by an actor whose approval never counts |
/// | `not_an_approver`, `already_answered`, `no_approval_pending`, `approvals_suspended` | the approval commands |
/// | `approval_in_progress` | `request_approval` while a request is open |
/// | `link_to_itself`, `link_exists`, `link_unknown`, `link_not_allowed`, `second_parent` | the link commands |
/// | `child_exists`, `child_unknown` | the child commands |
/// | `field_not_declared` | `set_fields`, `assign`: a field the workflow does not declare |
/// | `state_field` | `set_fields`: the state moves only through transitions |
/// | `nothing_to_change` | a command that would change nothing |
///
/// # Example
/// ```
/// use itsm_core::workflow::Workflow;
/// let incident = Workflow::builtin("incident").unwrap();
/// let record = [("state".to_string(), "in_progress".into())].into();
/// let context = serde_json::from_str(r#"{"actor": {"id": "ann", "roles": ["agent"]}}"#).unwrap();
/// let verdict = incident.validate(&record, "resolve", &context).unwrap();
/// assert_eq!(verdict.reasons[0].code, "field_required");
/// assert_eq!(verdict.reasons[0].path, "transitions[7].requires[0]");
/// assert_eq!(verdict.reasons[0].message, "resolve needs resolution_code");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Reason {
    /// The transition refused, when the reason concerns one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transition: Option<String>,
    /// A stable code (see the table above).
    #[schemars(extend("enum" = [
        "not_from_state", "no_transition_to_state", "field_required", "field_value_unknown",
        "field_not_set", "field_not_equal", "field_not_in", "condition_failed", "role_missing",
        "group_missing", "not_in_record_group", "actor_not_named", "segregation_of_duties",
        "approvals_missing", "approvals_pending", "approvals_rejected", "approval_not_counted",
        "children_open", "outside_window", "inside_freeze", "predicate_failed",
        "no_alternative_passed", "record_closed", "reopen_window_passed", "not_reopenable",
        "self_approval", "not_an_approver", "already_answered", "no_approval_pending",
        "approvals_suspended", "approval_in_progress", "link_to_itself", "link_exists",
        "link_unknown", "link_not_allowed", "second_parent", "child_exists", "child_unknown",
        "field_not_declared", "state_field", "nothing_to_change"
    ]))]
    pub code: &'static str,
    /// The path of what refused: in the workflow document for a guard or a
    /// requirement (`transitions[8].guards[1]`), in the command for a
    /// record's own rules (`command.approver`).
    pub path: String,
    /// The record field concerned, when one is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The reason, in a sentence for people.
    pub message: String,
}
