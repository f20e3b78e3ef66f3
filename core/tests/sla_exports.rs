//! Real exports: snapshots diffed into the same histories as events, source
//! values mapped as if the export had spoken the policy's language, rows in an
//! order column's order, and the timestamps of exports read in their zone.

use chrono::DateTime;
use itsm_core::sla::{PolicySet, TableOptions, TableResult, template};
use proptest::prelude::*;
use serde_json::{Value, json};

const HOUR: i64 = 3_600_000;
/// 2026-10-23T08:00:00Z, a Friday before the autumn DST change in Berlin.
const FRIDAY: i64 = 1_792_742_400_000;

fn instant(ms: i64) -> String {
    itsm_core::format_instant(DateTime::from_timestamp_millis(ms).unwrap())
}

fn options(value: Value) -> TableOptions {
    TableOptions::from_value(&value).unwrap()
}

fn evaluate(set: &PolicySet, rows: &Value, now: i64, options: &TableOptions) -> TableResult {
    set.evaluate_rows(rows, DateTime::from_timestamp_millis(now).unwrap(), options)
        .unwrap()
}

const STATES: [&str; 5] = ["new", "in_progress", "on_hold", "resolved", "closed"];
const PRIORITIES: [&str; 4] = ["P1", "P2", "P3", "P4"];
const REASONS: [&str; 2] = ["awaiting_caller", "awaiting_vendor"];

/// A ticket's updates: hours after the previous one, and the state,
/// priority and hold reason after it (indices into the lists above).
type Updates = Vec<(i64, usize, usize, usize)>;

fn tickets() -> impl Strategy<Value = Vec<Updates>> {
    prop::collection::vec(
        prop::collection::vec((0i64..30, 0usize..5, 0usize..4, 0usize..2), 1..8),
        1..12,
    )
}

/// The same tickets as snapshot rows (every value after each update) and as
/// event rows (the values that changed).
fn shapes(tickets: &[Updates]) -> (Vec<Value>, Vec<Value>) {
    let (mut snapshots, mut events) = (Vec::new(), Vec::new());
    for (n, updates) in tickets.iter().enumerate() {
        let id = format!("T{n}");
        let mut at = FRIDAY + n as i64 * HOUR / 4;
        let mut before: Option<[&str; 3]> = None;
        for &(gap, state, priority, reason) in updates {
            at += gap * HOUR;
            let values = [STATES[state], PRIORITIES[priority], REASONS[reason]];
            snapshots.push(json!({"id": id, "at": instant(at), "fields": {
                "state": values[0], "priority": values[1], "hold_reason": values[2]}}));
            for (k, field) in ["state", "priority", "hold_reason"].iter().enumerate() {
                if before.is_none_or(|b| b[k] != values[k]) {
                    events.push(
                        json!({"id": id, "at": instant(at), "field": field, "value": values[k]}),
                    );
                }
            }
            before = Some(values);
        }
    }
    (snapshots, events)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Snapshots diffed give the histories the events give: the same results.
    #[test]
    fn snapshots_read_as_the_events_of_their_differences(tickets in tickets(), later in 0i64..200) {
        let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
        let (snapshots, events) = shapes(&tickets);
        let now = FRIDAY + later * HOUR;
        let from_snapshots = evaluate(&set, &Value::from(snapshots), now, &options(json!({"shape": "snapshots"})));
        let from_events = evaluate(&set, &Value::from(events), now, &options(json!({"shape": "events"})));
        prop_assert_eq!(from_snapshots, from_events);
    }

    /// Rows shuffled with an order column read as the rows in order.
    #[test]
    fn an_order_column_restores_the_order(tickets in tickets(), seed in any::<u64>()) {
        let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
        let (snapshots, _) = shapes(&tickets);
        let now = FRIDAY + 300 * HOUR;
        let ordered = evaluate(&set, &Value::from(snapshots.clone()), now, &options(json!({"shape": "snapshots"})));
        let mut numbered: Vec<Value> = snapshots
            .into_iter()
            .enumerate()
            .map(|(k, mut row)| {
                row["order"] = json!(k);
                row
            })
            .collect();
        // A shuffle (xorshift): tickets may then be numbered otherwise, so
        // rows are compared without their numbers.
        let mut state = seed | 1;
        for i in (1..numbered.len()).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            numbered.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let shuffled = evaluate(&set, &Value::from(numbered), now, &options(json!({"shape": "snapshots"})));
        let key = |r: &TableResult| {
            let mut rows: Vec<String> = r.rows.iter().map(|row| {
                let mut row = serde_json::to_value(row).unwrap();
                row["row"] = Value::Null;
                row.to_string()
            }).collect();
            rows.sort();
            (rows, r.summary.clone())
        };
        prop_assert_eq!(key(&shuffled), key(&ordered));
    }

    /// An export in its own words, mapped, reads as the export already in
    /// the policy's words.
    #[test]
    fn mapped_values_read_as_the_values_they_map_to(tickets in tickets(), later in 0i64..200) {
        let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
        let (snapshots, _) = shapes(&tickets);
        let source = |policy: &str| format!("{} (source)", policy.to_uppercase());
        let exported: Vec<Value> = snapshots
            .iter()
            .map(|row| {
                let fields = &row["fields"];
                // On hold speaks through one source state per reason.
                let state = match fields["state"].as_str().unwrap() {
                    "on_hold" => source(&format!("on_hold {}", fields["hold_reason"].as_str().unwrap())),
                    other => source(other),
                };
                json!({"id": row["id"], "at": row["at"], "fields": {
                    "incident_state": state,
                    "u_priority": source(fields["priority"].as_str().unwrap())}})
            })
            .collect();
        let mut states = serde_json::Map::new();
        for state in STATES.iter().filter(|s| **s != "on_hold") {
            states.insert(source(state), json!(state));
        }
        for reason in REASONS {
            states.insert(source(&format!("on_hold {reason}")), json!({"state": "on_hold", "hold_reason": reason}));
        }
        let priorities: serde_json::Map<String, Value> =
            PRIORITIES.iter().map(|p| (source(p), json!(p))).collect();
        let mapping = options(json!({
            "shape": "snapshots",
            "field_names": {"incident_state": "state", "u_priority": "priority"},
            "values": {"state": states, "priority": priorities}
        }));
        // The policy's words, with the hold reason only while on hold, as the
        // mapping says it.
        let plain: Vec<Value> = snapshots
            .iter()
            .map(|row| {
                let mut row = row.clone();
                if row["fields"]["state"] != "on_hold" {
                    row["fields"].as_object_mut().unwrap().remove("hold_reason");
                }
                row
            })
            .collect();
        let now = FRIDAY + later * HOUR;
        let mapped = evaluate(&set, &Value::from(exported), now, &mapping);
        let direct = evaluate(&set, &Value::from(plain), now, &options(json!({"shape": "snapshots"})));
        prop_assert_eq!(mapped, direct);
    }
}

#[test]
fn naive_times_are_placed_in_the_zone_and_the_autumn_hour_is_refused_unless_told() {
    // 2026-10-25 02:30 in Berlin happens at 00:30Z (summer time) and 01:30Z.
    let wall = 1_792_895_400_000; // 2026-10-25T02:30:00 as if UTC
    let half_past_midnight = 1_792_888_200_000; // 2026-10-25T00:30:00Z
    let berlin = |ambiguous: &str| {
        options(json!({"time_zone": "Europe/Berlin", "ambiguous_times": ambiguous}))
    };
    let refused = berlin("refuse").local_instant(wall).unwrap_err();
    assert_eq!(
        refused,
        "2026-10-25 02:30:00 happens twice in Europe/Berlin (the clocks went back): set options.ambiguous_times to \"earlier\" or \"later\", or export instants with an offset"
    );
    assert_eq!(
        berlin("earlier").local_instant(wall),
        Ok(half_past_midnight)
    );
    assert_eq!(
        berlin("later").local_instant(wall),
        Ok(half_past_midnight + HOUR)
    );
    // An hour before and after: one reading each.
    assert_eq!(
        berlin("refuse").local_instant(wall - HOUR),
        Ok(half_past_midnight - HOUR)
    );
    assert_eq!(
        berlin("refuse").local_instant(wall + HOUR),
        Ok(half_past_midnight + 2 * HOUR)
    );
    // Spring: 02:30 on 29 March does not exist.
    assert_eq!(
        berlin("earlier").text_instant("2026-03-29 02:30:00"),
        Err("2026-03-29 02:30:00 does not exist in Europe/Berlin (the clocks went forward)".into())
    );
    // Midnight of the change day, with milliseconds.
    assert_eq!(
        berlin("refuse").text_instant("2026-10-25T00:00:00.250"),
        Ok(1_792_879_200_250) // 2026-10-24T22:00:00.250Z
    );
}

#[test]
fn timestamp_text_reads_in_its_format_and_offsets_win_over_the_zone() {
    let german = options(json!({"time_zone": "Europe/Berlin", "time_format": "%d.%m.%Y %H:%M:%S"}));
    assert_eq!(
        german.text_instant(" 23.10.2026 10:00:00 "),
        Ok(FRIDAY) // 08:00Z in summer time
    );
    assert_eq!(
        german.text_instant("2026-10-23 10:00:00"),
        Err("\"2026-10-23 10:00:00\" does not read as \"%d.%m.%Y %H:%M:%S\": input contains invalid characters".into())
    );
    let with_offset =
        options(json!({"time_zone": "Asia/Tokyo", "time_format": "%d/%m/%Y %H:%M %z"}));
    assert_eq!(
        with_offset.text_instant("23/10/2026 09:00 +0100"),
        Ok(FRIDAY)
    );
    let plain = TableOptions::default();
    assert_eq!(plain.text_instant("2026-10-23T10:00:00+02:00"), Ok(FRIDAY));
    assert_eq!(
        plain.text_instant("2026-10-23 10:00:00"),
        Err(
            "2026-10-23 10:00:00 has no offset or zone: set options.time_zone to the zone it is in"
                .into()
        )
    );
    assert_eq!(
        plain.text_instant("yesterday"),
        Err("\"yesterday\" is not an RFC 3339 instant or a date and time such as 2026-11-23 09:00:00; set options.time_format to read another form".into())
    );
    let bad = TableOptions::from_value(&json!({"time_zone": "Mars/Olympus"})).unwrap_err();
    assert_eq!(
        bad.to_string(),
        "invalid argument `options.time_zone`: unknown time zone \"Mars/Olympus\""
    );
}

/// A hostile export: any ids, instants, orders, values and options.
fn hostile_rows(snapshots: bool) -> impl Strategy<Value = Vec<Value>> {
    let value = prop_oneof![
        Just(Value::Null),
        Just(json!("")),
        Just(json!("New")),
        Just(json!("Awaiting User Info")),
        Just(json!("resolved")),
        Just(json!("P1")),
        Just(json!(3)),
        Just(json!(2.5)),
        Just(json!(true)),
    ];
    let field = prop_oneof![
        Just("state"),
        Just("incident_state"),
        Just("priority"),
        Just("hold_reason"),
        Just("other"),
    ];
    prop::collection::vec(
        (
            0usize..4,
            -3i64..20,
            prop::option::of(0i64..6),
            prop::option::of(-2i64..4),
            field,
            value.clone(),
            value,
        ),
        0..24,
    )
    .prop_map(move |rows| {
        rows.into_iter()
            .map(|(id, hours, order, created, field, first, second)| {
                let mut row = if snapshots {
                    json!({"id": format!("T{id}"), "at": instant(FRIDAY + hours * HOUR),
                           "fields": {field: first, "priority": second}})
                } else {
                    json!({"id": format!("T{id}"), "at": instant(FRIDAY + hours * HOUR),
                           "field": field, "value": first})
                };
                if let Some(order) = order {
                    row["order"] = json!(order);
                }
                if let Some(created) = created {
                    row["created"] = json!(instant(FRIDAY + created * HOUR));
                }
                row
            })
            .collect()
    })
}

fn hostile_options() -> impl Strategy<Value = Value> {
    (
        prop::bool::ANY,
        prop::bool::ANY,
        prop_oneof![Just("refuse"), Just("clamp"), Just("drop")],
        prop::option::of(prop_oneof![Just(""), Just("New")]),
        prop::bool::ANY,
    )
        .prop_map(|(snapshots, strict, out_of_order, marker, renamed)| {
            let mut options = json!({
                "shape": if snapshots { "snapshots" } else { "events" },
                "strict": strict,
                "out_of_order": out_of_order,
                "values": {
                    "state": {"New": "new", "Awaiting User Info": {"state": "on_hold", "hold_reason": "awaiting_caller", "priority": "P1"}},
                    "priority": {"P1": "P1", "3": "P3", "true": {"state": "resolved"}}
                }
            });
            if let Some(marker) = marker {
                options["null_marker"] = json!(marker);
            }
            if renamed {
                options["field_names"] = json!({"incident_state": "state", "other": "priority"});
            }
            options
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Whatever an export holds, its reading answers or refuses, never
    /// panics; an answer counts every ticket, and no more rows are clamped
    /// or dropped than there are.
    #[test]
    fn a_hostile_export_is_answered_or_refused(
        options in hostile_options(),
        events in hostile_rows(false),
        snapshots in hostile_rows(true),
        later in -2i64..30,
    ) {
        let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
        let options = TableOptions::from_value(&options).unwrap();
        let rows = if options.shape == itsm_core::sla::Shape::Snapshots { snapshots } else { events };
        let now = DateTime::from_timestamp_millis(FRIDAY + later * HOUR).unwrap();
        if let Ok(result) = set.evaluate_rows(&Value::from(rows.clone()), now, &options) {
            let tickets: std::collections::BTreeSet<&str> =
                rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
            prop_assert_eq!(result.summary.records, tickets.len());
            prop_assert!(result.summary.clamped + result.summary.dropped <= rows.len());
            let unmapped: usize = result.summary.unmapped.values().flat_map(|v| v.values()).sum();
            prop_assert!(!options.strict || unmapped == 0);
        }
    }
}
