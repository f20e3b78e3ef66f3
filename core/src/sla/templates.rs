//! Built-in policy sets: an ITIL incident SLA with response and resolution
//! clocks per priority, a "waiting for customer" pause, and an OLA for
//! assignment groups. Each is a plain document that hosts load as it is or
//! change first (their business hours, their targets).

use serde_json::{Value, json};

use crate::error::{Error, Result};

/// The names [`template`] knows.
pub const TEMPLATES: &[&str] = &["itil_incident", "assignment_group_ola"];

/// The record vocabulary the templates use: the `state` field's values.
pub const INCIDENT_STATES: &[&str] = &[
    "new",
    "assigned",
    "in_progress",
    "on_hold",
    "resolved",
    "closed",
    "cancelled",
];

/// The pause "waiting for customer": on hold with `hold_reason` `awaiting_caller`.
///
/// # Example
/// ```
/// let pause = itsm_core::sla::waiting_for_customer();
/// assert_eq!(pause["all"][1]["field_eq"]["value"], "awaiting_caller");
/// ```
pub fn waiting_for_customer() -> Value {
    json!({"all": [{"state_in": ["on_hold"]}, {"field_eq": {"field": "hold_reason", "value": "awaiting_caller"}}]})
}

/// Monday to Friday 08:00-18:00 UTC: the templates' business hours, to be
/// replaced with the host's own calendar.
fn business_hours() -> Value {
    let day = json!([["08:00", "18:00"]]);
    json!({"name": "Business hours", "time_zone": "UTC",
           "week": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day}})
}

fn assignment_group_ola() -> Value {
    json!({
        "id": "assignment_group_ola",
        "name": "Assignment group picks up the incident",
        "type": "ola",
        "applies": {"field_set": "assignment_group"},
        "metrics": [{
            "id": "group_pickup",
            "name": "Time for the assigned group to start work",
            "kind": "response",
            "calendar": "business_hours",
            "goal": {"business": "PT2H"},
            "start": {"field_set": "assignment_group"},
            "stop": {"state_in": ["in_progress", "resolved", "closed"]},
            "reset": {"changes": "assignment_group"},
            "cancel": {"state_in": ["cancelled"]},
            "thresholds": [{"percent": 75}]
        }]
    })
}

fn priority_policy(
    priority: &str,
    response: &str,
    resolution: &str,
    around_the_clock: bool,
) -> Value {
    let calendar = if around_the_clock {
        "around_the_clock"
    } else {
        "business_hours"
    };
    let goal = |d: &str| {
        if around_the_clock {
            json!({"wall": d})
        } else {
            json!({"business": d})
        }
    };
    json!({
        "id": format!("incident_{}", priority.to_lowercase()),
        "name": format!("Incident {priority}"),
        "type": "sla",
        "applies": {"field_eq": {"field": "priority", "value": priority}},
        "metrics": [
            {
                "id": "response",
                "name": "Time to first response",
                "kind": "response",
                "calendar": calendar,
                "goal": goal(response),
                "start": {"event_is": ["created"]},
                "stop": {"any": [{"state_in": ["in_progress", "on_hold", "resolved", "closed"]}, {"event_is": ["public_comment"]}]},
                "cancel": {"state_in": ["cancelled"]},
                "thresholds": [{"percent": 75}]
            },
            {
                "id": "resolution",
                "name": "Time to resolution",
                "kind": "resolution",
                "calendar": calendar,
                "goal": goal(resolution),
                "start": {"event_is": ["created"]},
                "stop": {"state_in": ["resolved", "closed"]},
                "pause": waiting_for_customer(),
                "pause_reason_field": "hold_reason",
                "cancel": {"state_in": ["cancelled"]},
                // Closing a resolved incident is not a reopen; going back to work is.
                "reopen": {"when": {"all": [
                    {"changes_from": {"field": "state", "values": ["resolved"]}},
                    {"state_in": ["new", "assigned", "in_progress", "on_hold"]}
                ]}, "policy": "continue_paused"},
                "thresholds": [{"percent": 50}, {"percent": 75}, {"percent": 90}]
            }
        ]
    })
}

/// A built-in policy set document by name:
/// - `itil_incident`: one SLA per priority `P1` to `P4` (field `priority`), each
///   with a response and a resolution clock: P1 15 minutes and 4 hours and P2
///   30 minutes and 8 hours around the clock; P3 4 and 24 business hours and P4
///   8 and 40 business hours on the `business_hours` calendar. Resolution pauses
///   while waiting for the customer ([`waiting_for_customer`]) and continues
///   after a reopen with the resolved time paused; thresholds at 50, 75 and 90 %.
///   The first matching SLA applies, and a priority change keeps the elapsed
///   time against the new goal. It also holds the assignment-group OLA.
/// - `assignment_group_ola`: the OLA alone: the assigned group starts work within
///   2 business hours; a reassignment restarts the clock.
///
/// Both use the states of [`INCIDENT_STATES`] and a `business_hours` calendar of
/// Monday to Friday 08:00-18:00 UTC, meant to be replaced.
///
/// # Errors
/// [`Error::InvalidArgument`] for an unknown name.
///
/// # Example
/// ```
/// use itsm_core::sla::{PolicySet, template};
/// let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
/// assert_eq!(set.policies().len(), 5);
/// assert!(set.lint().is_empty());
/// ```
pub fn template(name: &str) -> Result<Value> {
    let calendars = json!({
        "business_hours": business_hours(),
        "around_the_clock": {"name": "Around the clock", "time_zone": "UTC", "week": "24x7"}
    });
    match name {
        "itil_incident" => Ok(json!({
            "calendars": calendars,
            "selection": "first",
            "switch": "keep_elapsed",
            "states": INCIDENT_STATES,
            "policies": [
                priority_policy("P1", "PT15M", "PT4H", true),
                priority_policy("P2", "PT30M", "PT8H", true),
                priority_policy("P3", "PT4H", "PT24H", false),
                priority_policy("P4", "PT8H", "PT40H", false),
                assignment_group_ola()
            ]
        })),
        "assignment_group_ola" => Ok(json!({
            "calendars": {"business_hours": business_hours()},
            "states": INCIDENT_STATES,
            "policies": [assignment_group_ola()]
        })),
        other => Err(Error::invalid_argument(
            "name",
            format!(
                "no template {other:?}; the templates are {}",
                TEMPLATES.join(", ")
            ),
        )),
    }
}
