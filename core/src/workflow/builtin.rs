//! The built-in ITIL workflows, as documents in `builtin/`: incident, problem,
//! service request, standard, normal and emergency change, and task. Hosts load them
//! as they are, or take the document, change it and load their own.

use serde_json::Value;

use super::Workflow;
use crate::error::{Error, Result};

/// Each built-in workflow's name and document text.
const BUILT_IN: &[(&str, &str)] = &[
    ("incident", include_str!("builtin/incident.json")),
    ("problem", include_str!("builtin/problem.json")),
    (
        "service_request",
        include_str!("builtin/service_request.json"),
    ),
    (
        "change_standard",
        include_str!("builtin/change_standard.json"),
    ),
    ("change_normal", include_str!("builtin/change_normal.json")),
    (
        "change_emergency",
        include_str!("builtin/change_emergency.json"),
    ),
    ("task", include_str!("builtin/task.json")),
];

fn text(name: &str) -> Result<&'static str> {
    BUILT_IN
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
        .ok_or_else(|| {
            let names: Vec<&str> = BUILT_IN.iter().map(|(n, _)| *n).collect();
            Error::invalid_argument(
                "name",
                format!(
                    "no built-in workflow `{name}` (built in: {})",
                    names.join(", ")
                ),
            )
        })
}

impl Workflow {
    /// The names of the built-in workflows: `incident`, `problem`,
    /// `service_request`, `change_standard`, `change_normal`, `change_emergency`,
    /// `task`.
    pub fn builtin_names() -> Vec<&'static str> {
        BUILT_IN.iter().map(|(n, _)| *n).collect()
    }

    /// A built-in workflow, compiled (`docs/workflow-format.md` describes each).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] (`name`) for a name not built in.
    ///
    /// # Example
    /// ```
    /// let change = itsm_core::workflow::Workflow::builtin("change_normal").unwrap();
    /// assert_eq!(change.document().initial, "new");
    /// ```
    pub fn builtin(name: &str) -> Result<Workflow> {
        Workflow::from_json(text(name)?)
    }

    /// A built-in workflow's document, for a host to change and load as its
    /// own (another hold reason, a stricter guard, its own calendars).
    ///
    /// # Errors
    /// As [`Workflow::builtin`].
    ///
    /// # Example
    /// ```
    /// use itsm_core::workflow::Workflow;
    /// let mut document = Workflow::builtin_document("incident").unwrap();
    /// let hold_reason = document["fields"].as_array_mut().unwrap().iter_mut()
    ///     .find(|f| f["id"] == "hold_reason").unwrap();
    /// hold_reason["values"].as_array_mut().unwrap().push("awaiting_evidence".into());
    /// let ours = Workflow::from_value(&document).unwrap();
    /// assert!(ours.lint().is_empty());
    /// ```
    pub fn builtin_document(name: &str) -> Result<Value> {
        serde_json::from_str(text(name)?)
            .map_err(|e| Error::invalid_config("", format!("built-in workflow `{name}`: {e}")))
    }
}
