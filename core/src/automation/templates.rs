//! The automation every service desk starts from, as rule documents a host
//! copies into its desk and edits: auto-assignment by category, escalation on
//! an SLA threshold, auto-close after resolution.

use serde_json::{Value, json};

use crate::error::{Error, Result};

/// The names of the shipped templates.
///
/// # Example
/// ```
/// assert_eq!(itsm_core::automation::template_names(), ["auto_assign", "escalate_on_sla", "auto_close"]);
/// ```
pub fn template_names() -> &'static [&'static str] {
    &["auto_assign", "escalate_on_sla", "auto_close"]
}

/// A template rule by name, as JSON data for a desk's `automation` list:
///
/// - `auto_assign`: a new incident whose `category` is `network` goes to the
///   `network` group (copy it once per category).
/// - `escalate_on_sla`: when an incident's `resolution` clock crosses 75 %, tell
///   the assignment group's manager, raise the priority to P2 and leave a note.
/// - `auto_close`: seven days (of 24 hours) after resolution, close the incident.
///
/// # Example
/// ```
/// let rule: itsm_core::automation::Rule =
///     serde_json::from_value(itsm_core::automation::template("auto_close")?).unwrap();
/// assert_eq!(rule.actions.len(), 2);
/// assert_eq!(itsm_core::automation::template("nonesuch").unwrap_err().to_string(),
///     r#"invalid argument `name`: no template "nonesuch"; the templates are auto_assign, escalate_on_sla, auto_close"#);
/// # Ok::<(), itsm_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] naming `name` when no template has that name.
pub fn template(name: &str) -> Result<Value> {
    Ok(match name {
        "auto_assign" => json!({
            "id": "auto_assign_network",
            "name": "Network incidents go to the network team",
            "kinds": ["incident"],
            "on": {"event": "created"},
            "when": {"all": [
                {"field_eq": {"field": "category", "value": "network"}},
                {"not": {"field_set": "assignment_group"}}
            ]},
            "actions": [{"assign": {"assignment_group": "network"}}]
        }),
        "escalate_on_sla" => json!({
            "id": "escalate_on_sla",
            "name": "Escalate when three quarters of the resolution time are gone",
            "kinds": ["incident"],
            "on": {"sla": {"metric": "resolution", "threshold": "75%"}},
            "when": {"field_in": {"field": "priority", "values": ["P3", "P4", "P5"]}},
            "actions": [
                {"notify": {"to": ["assignment_group_manager"], "message": "75 % of the resolution time is gone"}},
                {"set_priority": "P2"},
                {"add_note": "Escalated: 75 % of the resolution time is gone"}
            ]
        }),
        "auto_close" => json!({
            "id": "auto_close",
            "name": "Close incidents seven days after resolution",
            "kinds": ["incident"],
            "on": {"after_resolution": {"days": 7}},
            "actions": [
                {"add_note": "Closed automatically seven days after resolution"},
                {"transition": "close"}
            ]
        }),
        other => {
            return Err(Error::invalid_argument(
                "name",
                format!(
                    "no template {other:?}; the templates are {}",
                    template_names().join(", ")
                ),
            ));
        }
    })
}
