//! Goals of SLA metrics, and the ISO 8601 durations they are written in.

use serde_json::{Value, json};

use crate::calendar::WorkingDayMode;
use crate::config::Node;
use crate::error::Result;
use crate::timeline::{HOUR_MS, MINUTE_MS, Millis};

/// What a metric must achieve. Each kind is explicit: "1 day" is never silently
/// 24 hours or 8 hours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Goal {
    /// Business time in the metric's calendar (`{"business": "PT8H"}`).
    Business(Millis),
    /// Wall-clock time (`{"wall": "PT24H"}`); pauses still stop it.
    Wall(Millis),
    /// N working days of the metric's calendar from the start
    /// (`{"working_days": 3, "mode": "end_of_day"}`); pauses extend it by the
    /// business time they last.
    WorkingDays {
        /// How many working days.
        days: i64,
        /// Keep the start's time of day, or end at the day's closing.
        mode: WorkingDayMode,
    },
    /// A date agreed with the customer, taken from a field of the record
    /// (`{"negotiated_field": "due_at"}`); it does not move when paused.
    Negotiated {
        /// The field holding an RFC 3339 instant.
        field: String,
    },
}

impl Goal {
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Goal::Business(ms) => json!({"business": format_duration(*ms)}),
            Goal::Wall(ms) => json!({"wall": format_duration(*ms)}),
            Goal::WorkingDays { days, mode } => {
                json!({"working_days": days, "mode": mode.as_str()})
            }
            Goal::Negotiated { field } => json!({"negotiated_field": field}),
        }
    }
}

pub(crate) fn read_goal(node: &Node<'_>) -> Result<Goal> {
    let obj = node.object(&[
        "business",
        "wall",
        "working_days",
        "mode",
        "negotiated_field",
    ])?;
    let kinds: Vec<&str> = ["business", "wall", "working_days", "negotiated_field"]
        .into_iter()
        .filter(|k| obj.has(k))
        .collect();
    let goal = match kinds.as_slice() {
        ["business"] => Goal::Business(read_duration(&obj.required("business")?)?),
        ["wall"] => Goal::Wall(read_duration(&obj.required("wall")?)?),
        ["working_days"] => {
            let mode = match obj.get("mode") {
                None => WorkingDayMode::KeepTimeOfDay,
                Some(m) => WorkingDayMode::parse(m.str()?).map_err(|_| {
                    m.error(format!(
                        "expected \"keep_time_of_day\" or \"end_of_day\", found {}",
                        m.value()
                    ))
                })?,
            };
            Goal::WorkingDays {
                days: obj.required("working_days")?.int_in(0..=10_000)?,
                mode,
            }
        }
        ["negotiated_field"] => Goal::Negotiated {
            field: obj.required("negotiated_field")?.str()?.to_owned(),
        },
        _ => {
            return Err(node.error(
                "a goal has exactly one of `business`, `wall`, `working_days` or `negotiated_field`",
            ));
        }
    };
    if obj.has("mode") && !matches!(goal, Goal::WorkingDays { .. }) {
        return Err(obj
            .required("mode")?
            .error("`mode` applies to `working_days` goals only"));
    }
    Ok(goal)
}

/// Reads an ISO 8601 duration of hours, minutes and seconds (`PT8H`, `PT1H30M`,
/// `PT0.5S`); days are refused because a day is ambiguous here.
pub(crate) fn read_duration(node: &Node<'_>) -> Result<Millis> {
    let text = node.str()?;
    parse_duration(text).ok_or_else(|| {
        let hint = if text.contains('D') || text.contains('W') || text.contains('Y') {
            "; days are ambiguous: write PT24H for wall or business hours, or use a `working_days` goal"
        } else {
            ""
        };
        node.error(format!("expected an ISO 8601 duration such as \"PT4H\" or \"PT1H30M\", found {text:?}{hint}"))
    })
}

fn parse_duration(text: &str) -> Option<Millis> {
    let rest = text.strip_prefix("PT")?;
    if rest.is_empty() {
        return None;
    }
    let (mut total, mut number, mut last_unit) = (0i64, String::new(), 0);
    for c in rest.chars() {
        if c.is_ascii_digit() || c == '.' {
            number.push(c);
            continue;
        }
        let (rank, unit_ms) = match c {
            'H' => (1, HOUR_MS),
            'M' => (2, MINUTE_MS),
            'S' => (3, 1000),
            _ => return None,
        };
        if rank <= last_unit || number.is_empty() {
            return None;
        }
        last_unit = rank;
        let ms = if let Some((whole, frac)) = number.split_once('.') {
            // Fractions only on seconds, to whole milliseconds.
            if c != 'S' || frac.is_empty() || frac.len() > 3 || whole.is_empty() {
                return None;
            }
            whole.parse::<i64>().ok()?.checked_mul(1000)?
                + format!("{frac:0<3}").parse::<i64>().ok()?
        } else {
            number.parse::<i64>().ok()?.checked_mul(unit_ms)?
        };
        total = total.checked_add(ms)?;
        number.clear();
    }
    (number.is_empty() && total <= 100 * 366 * 24 * HOUR_MS).then_some(total)
}

/// The canonical ISO 8601 text of a duration.
pub(crate) fn format_duration(ms: Millis) -> String {
    if ms == 0 {
        return "PT0S".into();
    }
    let (h, m, s, milli) = (
        ms / HOUR_MS,
        ms % HOUR_MS / MINUTE_MS,
        ms % MINUTE_MS / 1000,
        ms % 1000,
    );
    let mut out = String::from("PT");
    if h > 0 {
        out += &format!("{h}H");
    }
    if m > 0 {
        out += &format!("{m}M");
    }
    if milli > 0 {
        out += &format!("{s}.{milli:03}S");
    } else if s > 0 {
        out += &format!("{s}S");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_print() {
        assert_eq!(parse_duration("PT8H"), Some(8 * HOUR_MS));
        assert_eq!(parse_duration("PT1H30M"), Some(90 * MINUTE_MS));
        assert_eq!(parse_duration("PT0.5S"), Some(500));
        assert_eq!(parse_duration("PT90M"), Some(90 * MINUTE_MS));
        for bad in [
            "P1D",
            "PT",
            "8h",
            "PT1M1H",
            "PT1.5H",
            "PTH",
            "PT1H2",
            "PT0.0001S",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad}");
        }
        assert_eq!(format_duration(90 * MINUTE_MS + 1500), "PT1H30M1.500S");
        assert_eq!(format_duration(0), "PT0S");
    }
}
