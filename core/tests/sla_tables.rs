//! Tables of tickets give, row for row, the numbers of the per-record API on
//! the same histories; bad tables are refused naming the column and row.

use chrono::{DateTime, Utc};
use itsm_core::sla::{
    EvaluateOptions, EventTable, InstantColumn, PauseColumn, PolicySet, ResultTable, Status,
    TableOptions, TicketTable, ValueColumn, template,
};
use itsm_core::{Timeline, parse_instant};
use proptest::prelude::*;
use serde_json::{Value, json};

const HOUR: i64 = 3_600_000;
/// 2026-03-27T08:00:00Z, a Friday before the spring DST change in Berlin.
const FRIDAY: i64 = 1_774_598_400_000;

fn instant(ms: i64) -> String {
    itsm_core::format_instant(DateTime::from_timestamp_millis(ms).unwrap())
}

fn now(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap()
}

/// One business-time resolution clock with pauses, in Berlin office hours with
/// Good Friday and Easter Monday off: the analysts' dataset.
fn office_set() -> PolicySet {
    PolicySet::from_value(&json!({
        "calendars": {"office": {
            "time_zone": "Europe/Berlin",
            "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                     "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
            "holidays": [{"easter": -2}, {"easter": 1}]
        }},
        "policies": [{
            "id": "by_priority",
            "applies": {"always": true},
            "metrics": [{
                "id": "resolution", "calendar": "office",
                "goal": {"by": "priority", "values": {"P1": {"business": "PT4H"}, "P2": {"business": "PT16H"}}, "default": {"business": "PT40H"}},
                "start": {"always": true},
                "stop": {"state_in": ["resolved"]},
                "pause": {"state_in": ["on_hold"]},
                "thresholds": [{"name": "warning", "percent": 75}]
            }]
        }]
    }))
    .unwrap()
}

#[derive(Debug, Clone)]
struct Ticket {
    opened: i64,
    pauses: Vec<(i64, Option<i64>)>,
    resolved: Option<i64>,
    priority: Option<&'static str>,
}

/// The ticket as a timeline document, the way the tickets shape reads it.
fn timeline(id: &str, t: &Ticket) -> Timeline {
    let mut events = Vec::new();
    for &(start, end) in &t.pauses {
        events.push(json!({"at": instant(start), "type": "paused", "set": {"state": "on_hold"}}));
        if let Some(end) = end {
            events.push(
                json!({"at": instant(end), "type": "resumed", "set": {"state": "in_progress"}}),
            );
        }
    }
    if let Some(resolved) = t.resolved {
        events.push(
            json!({"at": instant(resolved), "type": "resolved", "set": {"state": "resolved"}}),
        );
    }
    let mut fields = json!({"state": "new"});
    if let Some(p) = t.priority {
        fields["priority"] = json!(p);
    }
    Timeline::from_value(
        &json!({"id": id, "created_at": instant(t.opened), "fields": fields, "events": events}),
    )
    .unwrap()
}

struct Columns {
    ids: Vec<String>,
    opened: Vec<i64>,
    resolved: Vec<i64>,
    resolved_valid: Vec<bool>,
    offsets: Vec<usize>,
    starts: Vec<i64>,
    ends: Vec<i64>,
    ends_valid: Vec<bool>,
}

fn columns(tickets: &[Ticket]) -> Columns {
    let mut c = Columns {
        ids: (0..tickets.len()).map(|i| format!("T{i}")).collect(),
        opened: tickets.iter().map(|t| t.opened).collect(),
        resolved: tickets.iter().map(|t| t.resolved.unwrap_or(0)).collect(),
        resolved_valid: tickets.iter().map(|t| t.resolved.is_some()).collect(),
        offsets: vec![0],
        starts: Vec::new(),
        ends: Vec::new(),
        ends_valid: Vec::new(),
    };
    for t in tickets {
        for &(start, end) in &t.pauses {
            c.starts.push(start);
            c.ends.push(end.unwrap_or(0));
            c.ends_valid.push(end.is_some());
        }
        c.offsets.push(c.starts.len());
    }
    c
}

fn table<'a>(c: &'a Columns, priorities: ValueColumn<'a>) -> TicketTable<'a> {
    TicketTable {
        ids: c.ids.iter().map(String::as_str).collect(),
        opened: InstantColumn::new("opened", &c.opened),
        resolved: Some(
            InstantColumn::new("resolved", &c.resolved).with_validity(&c.resolved_valid),
        ),
        pauses: Some(PauseColumn {
            name: "pauses",
            offsets: c.offsets.clone(),
            starts: InstantColumn::new("pauses.start", &c.starts),
            ends: InstantColumn::new("pauses.end", &c.ends).with_validity(&c.ends_valid),
        }),
        fields: vec![priorities],
    }
}

/// Each result row against the per-record evaluation of the same ticket.
fn assert_rows_match(set: &PolicySet, tickets: &[Ticket], results: &ResultTable<'_>, at: i64) {
    for r in 0..results.len() {
        let row = results.row[r] as usize;
        let timeline = timeline(results.record[r], &tickets[row]);
        let evaluation = set.evaluate_with(
            &timeline,
            now(at),
            EvaluateOptions {
                explain: false,
                strict: false,
            },
        );
        let Ok(evaluation) = evaluation else {
            assert!(
                results.error(r).is_some(),
                "row {r}: the record fails but the table does not"
            );
            continue;
        };
        let Some(metric) = results.metric[r] else {
            assert!(evaluation.metrics.is_empty());
            continue;
        };
        let m = evaluation.metric(metric).unwrap();
        let c = m.cycles.last().unwrap();
        let ms = |d: Option<DateTime<Utc>>| d.map(|d| d.timestamp_millis());
        assert_eq!(results.status[r], Some(c.status), "row {r}");
        assert_eq!(
            results.elapsed_ms.get(r),
            Some(c.elapsed.num_milliseconds()),
            "row {r}"
        );
        assert_eq!(
            results.paused_ms.get(r),
            Some(c.paused.num_milliseconds()),
            "row {r}"
        );
        assert_eq!(
            results.goal_ms.get(r),
            Some(c.goal.num_milliseconds()),
            "row {r}"
        );
        assert_eq!(
            results.remaining_ms.get(r),
            Some(c.remaining.num_milliseconds()),
            "row {r}"
        );
        assert_eq!(
            results.remaining_wall_ms.get(r),
            Some(c.remaining_wall.num_milliseconds()),
            "row {r}"
        );
        assert_eq!(results.percent.get(r), c.percent, "row {r}");
        assert_eq!(results.deadline.get(r), ms(c.deadline), "row {r}");
        assert_eq!(
            results.original_deadline.get(r),
            ms(c.original_deadline),
            "row {r}"
        );
        assert_eq!(results.breached_at.get(r), ms(c.breached_at), "row {r}");
        assert_eq!(results.stopped_at.get(r), ms(c.stopped_at), "row {r}");
        assert_eq!(results.next_wakeup.get(r), ms(c.next_wakeup), "row {r}");
        assert_eq!(results.breached[r], Some(m.breached), "row {r}");
        let crossed: Vec<&str> = c
            .thresholds
            .iter()
            .filter(|t| t.crossed)
            .map(|t| t.name.as_str())
            .collect();
        let (a, b) = (
            results.crossed_offsets[r] as usize,
            results.crossed_offsets[r + 1] as usize,
        );
        assert_eq!(&results.crossed[a..b], crossed.as_slice(), "row {r}");
    }
}

fn ticket() -> impl Strategy<Value = Ticket> {
    let minutes = |n: i64| 0..n;
    (
        minutes(21 * 24 * 60),
        prop::collection::vec(
            (minutes(3 * 24 * 60), minutes(2 * 24 * 60), any::<bool>()),
            0..4,
        ),
        prop::option::of(minutes(10 * 24 * 60)),
        prop::option::of(prop::sample::select(vec!["P1", "P2", "P3"])),
    )
        .prop_map(|(opened, pauses, resolved, priority)| {
            let opened = FRIDAY + opened * 60_000;
            let mut last = opened;
            let mut list = Vec::new();
            let mut open_pause = false;
            for (gap, length, ends) in pauses {
                if open_pause {
                    break;
                }
                let start = last + gap * 60_000;
                let end = ends.then_some(start + length * 60_000);
                open_pause = end.is_none();
                last = end.unwrap_or(start);
                list.push((start, end));
            }
            Ticket {
                opened,
                pauses: list,
                resolved: resolved.map(|r| last + r * 60_000),
                priority,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Across the spring DST change, Easter holidays, pauses in and out of
    /// hours, open pauses and open tickets: the table's numbers are the
    /// per-record API's, at any `now`.
    #[test]
    fn a_ticket_table_gives_the_per_record_numbers(tickets in prop::collection::vec(ticket(), 1..24), later in 0i64..40 * 24) {
        let set = office_set();
        let c = columns(&tickets);
        let table = table(&c, ValueColumn::from_strs("priority", tickets.iter().map(|t| t.priority)));
        let at = FRIDAY + later * HOUR;
        let results = set.evaluate_tickets(&table, 0..tickets.len(), now(at), &TableOptions::default()).unwrap();
        assert_rows_match(&set, &tickets, &results, at);
        prop_assert_eq!(results.summary().records, tickets.len());
    }
}

#[test]
fn the_itil_template_over_a_table_gives_the_per_record_numbers() {
    let set = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    let tickets: Vec<Ticket> = (0..40)
        .map(|i| Ticket {
            opened: FRIDAY + i * 7 * HOUR / 3,
            pauses: if i % 3 == 0 {
                vec![(
                    FRIDAY + i * 7 * HOUR / 3 + HOUR,
                    Some(FRIDAY + i * 7 * HOUR / 3 + 30 * HOUR),
                )]
            } else {
                vec![]
            },
            resolved: (i % 4 != 0)
                .then_some(FRIDAY + i * 7 * HOUR / 3 + 31 * HOUR + (i % 7) * 9 * HOUR),
            priority: Some(["P1", "P2", "P3", "P4"][i as usize % 4]),
        })
        .collect();
    let c = columns(&tickets);
    let table = table(
        &c,
        ValueColumn::from_strs("priority", tickets.iter().map(|t| t.priority)),
    );
    let at = FRIDAY + 200 * HOUR;
    let results = set
        .evaluate_tickets(&table, 0..40, now(at), &TableOptions::default())
        .unwrap();
    assert_rows_match(&set, &tickets, &results, at);
    let summary = results.summary();
    assert_eq!(summary.records, 40);
    assert_eq!(summary.clocks, results.len());
    assert_eq!(
        summary.met + summary.breached + summary.running + summary.paused + summary.cancelled,
        summary.clocks
    );
    assert_eq!(
        summary.compliance,
        Some(summary.met as f64 / (summary.met + summary.breached) as f64)
    );
}

#[test]
fn parts_evaluated_apart_append_to_the_whole() {
    let set = office_set();
    let tickets: Vec<Ticket> = (0..10)
        .map(|i| Ticket {
            opened: FRIDAY + i * HOUR,
            pauses: vec![],
            resolved: (i % 2 == 0).then_some(FRIDAY + (i + 30) * HOUR),
            priority: Some("P1"),
        })
        .collect();
    let c = columns(&tickets);
    let table = table(
        &c,
        ValueColumn::from_strs("priority", tickets.iter().map(|t| t.priority)),
    );
    let options = TableOptions::default();
    let at = now(FRIDAY + 100 * HOUR);
    let whole = set.evaluate_tickets(&table, 0..10, at, &options).unwrap();
    let mut joined = set.evaluate_tickets(&table, 0..4, at, &options).unwrap();
    joined.append(set.evaluate_tickets(&table, 4..10, at, &options).unwrap());
    assert_eq!(joined, whole);
    assert_eq!(joined.summary(), whole.summary());
}

#[test]
fn a_ticket_opened_after_now_is_an_error_row_and_no_policy_is_a_row_too() {
    let set = PolicySet::from_value(&json!({"policies": [{"id": "p1", "applies": {"field_eq": {"field": "priority", "value": "P1"}},
        "metrics": [{"id": "resolution", "goal": {"wall": "PT1H"}, "start": {"always": true}, "stop": {"state_in": ["resolved"]}}]}]})).unwrap();
    let tickets = vec![
        Ticket {
            opened: FRIDAY + 10 * HOUR,
            pauses: vec![],
            resolved: None,
            priority: Some("P1"),
        },
        Ticket {
            opened: FRIDAY,
            pauses: vec![],
            resolved: None,
            priority: Some("P2"),
        },
        Ticket {
            opened: FRIDAY,
            pauses: vec![],
            resolved: None,
            priority: Some("P1"),
        },
    ];
    let c = columns(&tickets);
    let table = table(
        &c,
        ValueColumn::from_strs("priority", tickets.iter().map(|t| t.priority)),
    );
    let results = set
        .evaluate_tickets(
            &table,
            0..3,
            now(FRIDAY + 2 * HOUR),
            &TableOptions::default(),
        )
        .unwrap();
    assert_eq!(results.len(), 3);
    let error = results.error(0).unwrap();
    assert_eq!(error.code, "invalid_argument");
    assert!(
        error.message.contains("before the record was created"),
        "{}",
        error.message
    );
    assert_eq!(
        (results.metric[1], results.status[1], results.error(1)),
        (None, None, None)
    );
    assert_eq!(results.status[2], Some(Status::Breached));
    assert_eq!(results.breached_at.get(2), Some(FRIDAY + HOUR));
    let summary = results.summary();
    assert_eq!(
        (
            summary.records,
            summary.errors,
            summary.no_policy,
            summary.clocks,
            summary.breached
        ),
        (3, 1, 1, 1, 1)
    );
    assert_eq!(summary.error_codes["invalid_argument"], 1);
    assert_eq!(summary.compliance, Some(0.0));
}

#[test]
fn an_empty_table_gives_no_rows_and_no_compliance() {
    let set = office_set();
    let c = columns(&[]);
    let table = table(&c, ValueColumn::from_strs("priority", []));
    let results = set
        .evaluate_tickets(&table, 0..0, now(FRIDAY), &TableOptions::default())
        .unwrap();
    assert!(results.is_empty());
    assert_eq!(results.summary().compliance, None);
    assert_eq!(results.crossed_offsets, [0]);
}

fn refusal(tickets: &[Ticket], edit: impl FnOnce(&mut Columns)) -> String {
    let set = office_set();
    let mut c = columns(tickets);
    edit(&mut c);
    let table = table(
        &c,
        ValueColumn::from_strs("priority", tickets.iter().map(|t| t.priority)),
    );
    set.evaluate_tickets(
        &table,
        0..tickets.len(),
        now(FRIDAY + 900 * HOUR),
        &TableOptions::default(),
    )
    .unwrap_err()
    .to_string()
}

#[test]
fn bad_ticket_tables_are_refused_naming_the_column_and_row() {
    let plain = |pauses| Ticket {
        opened: FRIDAY,
        pauses,
        resolved: None,
        priority: None,
    };
    let two = [plain(vec![]), plain(vec![])];
    assert_eq!(
        refusal(&two, |c| c.opened.pop().map(|_| ()).unwrap()),
        "opened: has 1 rows where the table has 2"
    );
    assert_eq!(
        refusal(&[plain(vec![(FRIDAY + HOUR, Some(FRIDAY))])], |_| ()),
        "pauses[0]: pause 0 ends before it starts"
    );
    assert_eq!(
        refusal(&two, |c| {
            c.starts = vec![FRIDAY + HOUR, FRIDAY + 2 * HOUR];
            c.ends = vec![FRIDAY + 3 * HOUR, FRIDAY + 4 * HOUR];
            c.ends_valid = vec![true, true];
            c.offsets = vec![0, 0, 2];
        }),
        "pauses[1]: pause 1 starts before the ticket was opened or the previous pause ended; pauses are in order and do not overlap"
    );
    assert_eq!(
        refusal(&[plain(vec![(FRIDAY - HOUR, None)])], |_| ()),
        "pauses[0]: pause 0 starts before the ticket was opened or the previous pause ended; pauses are in order and do not overlap"
    );
    let resolved_early = Ticket {
        opened: FRIDAY,
        pauses: vec![],
        resolved: Some(FRIDAY - 1),
        priority: None,
    };
    assert_eq!(
        refusal(&[resolved_early], |_| ()),
        "resolved[0]: resolved before the ticket was opened"
    );
    let inside = Ticket {
        opened: FRIDAY,
        pauses: vec![(FRIDAY + HOUR, Some(FRIDAY + 3 * HOUR))],
        resolved: Some(FRIDAY + 2 * HOUR),
        priority: None,
    };
    assert_eq!(
        refusal(&[inside], |_| ()),
        "resolved[0]: resolved before its last pause"
    );
    assert_eq!(
        refusal(&two, |c| c.offsets = vec![0, 2, 1]),
        "pauses: its offsets are not a list's offsets"
    );
    assert_eq!(
        refusal(&two, |c| c.opened[1] = i64::MAX),
        "opened[1]: instant 9223372036854775807 ms since the epoch is outside the supported range 1900-01-01T00:00:00.000Z to 2300-01-01T00:00:00.000Z"
    );
}

#[test]
fn a_null_where_a_value_is_required_names_the_column_and_row() {
    let set = office_set();
    let opened = [FRIDAY, 0];
    let valid = [true, false];
    let table = TicketTable {
        ids: vec!["A", "B"],
        opened: InstantColumn::new("opened_at", &opened).with_validity(&valid),
        resolved: None,
        pauses: None,
        fields: vec![],
    };
    let err = set
        .evaluate_tickets(&table, 0..2, now(FRIDAY), &TableOptions::default())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert_eq!(err.to_string(), "opened_at[1]: a value is required");
    let err = set
        .evaluate_tickets(&table, 0..3, now(FRIDAY), &TableOptions::default())
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid argument `rows`: 0..3 goes past the table's 2 rows"
    );
}

/// A result row's id, status, elapsed time and deadline.
type Summary = (String, Option<Status>, Option<i64>, Option<i64>);

/// The same tickets as an event log (rows shuffled, the creation's fields
/// given as rows at the creation instant) give the tickets shape's numbers.
#[test]
fn an_event_table_gives_the_numbers_of_the_same_tickets() {
    let set = office_set();
    let tickets: Vec<Ticket> = (0..30)
        .map(|i| Ticket {
            opened: FRIDAY + i * 5 * HOUR,
            pauses: if i % 2 == 0 {
                vec![(
                    FRIDAY + i * 5 * HOUR + 2 * HOUR,
                    Some(FRIDAY + i * 5 * HOUR + 20 * HOUR),
                )]
            } else {
                vec![]
            },
            resolved: (i % 3 != 0).then_some(FRIDAY + i * 5 * HOUR + 40 * HOUR),
            priority: Some(["P1", "P2", "P3"][i as usize % 3]),
        })
        .collect();
    let mut rows: Vec<(String, i64, &str, Value, Option<&str>)> = Vec::new();
    for (i, t) in tickets.iter().enumerate() {
        let id = format!("T{i}");
        rows.push((id.clone(), t.opened, "state", json!("new"), None));
        rows.push((
            id.clone(),
            t.opened,
            "priority",
            json!(t.priority.unwrap()),
            None,
        ));
        for &(start, end) in &t.pauses {
            rows.push((id.clone(), start, "state", json!("on_hold"), Some("paused")));
            if let Some(end) = end {
                rows.push((
                    id.clone(),
                    end,
                    "state",
                    json!("in_progress"),
                    Some("resumed"),
                ));
            }
        }
        if let Some(resolved) = t.resolved {
            rows.push((
                id.clone(),
                resolved,
                "state",
                json!("resolved"),
                Some("resolved"),
            ));
        }
    }
    // Reverse, so that tickets and their rows arrive out of order.
    rows.reverse();
    let at: Vec<i64> = rows.iter().map(|r| r.1).collect();
    let events = EventTable {
        ids: rows.iter().map(|r| r.0.as_str()).collect(),
        at: InstantColumn::new("at", &at),
        field: ValueColumn::from_strs("field", rows.iter().map(|r| Some(r.2))),
        value: ValueColumn::from_strs("value", rows.iter().map(|r| r.3.as_str())),
        event_type: Some(ValueColumn::from_strs("type", rows.iter().map(|r| r.4))),
        created: None,
        order: None,
    };
    let moment = FRIDAY + 300 * HOUR;
    let from_events = set
        .evaluate_events(&events, now(moment), &TableOptions::default())
        .unwrap();
    let c = columns(&tickets);
    let table = table(
        &c,
        ValueColumn::from_strs("priority", tickets.iter().map(|t| t.priority)),
    );
    let from_tickets = set
        .evaluate_tickets(&table, 0..30, now(moment), &TableOptions::default())
        .unwrap();
    assert_eq!(from_events.len(), from_tickets.len());
    let by_id = |results: &ResultTable<'_>| {
        let mut rows: Vec<Summary> = (0..results.len())
            .map(|r| {
                (
                    results.record[r].to_owned(),
                    results.status[r],
                    results.elapsed_ms.get(r),
                    results.deadline.get(r),
                )
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows
    };
    assert_eq!(by_id(&from_events), by_id(&from_tickets));
    // Tickets are numbered in order of first appearance: the last one first.
    assert_eq!((from_events.record[0], from_events.row[0]), ("T29", 0));
}

#[test]
fn bad_event_tables_are_refused_naming_the_column_and_row() {
    let set = office_set();
    let at = [FRIDAY, FRIDAY - HOUR];
    let created = [FRIDAY, FRIDAY];
    let evaluate = |field: ValueColumn<'_>,
                    kind: Option<ValueColumn<'_>>,
                    created: Option<InstantColumn<'_>>| {
        let table = EventTable {
            ids: vec!["A", "A"],
            at: InstantColumn::new("at", &at),
            field,
            value: ValueColumn::from_strs("value", [Some("new"), Some("P1")]),
            event_type: kind,
            created,
            order: None,
        };
        set.evaluate_events(&table, now(FRIDAY + HOUR), &TableOptions::default())
            .map(|r| r.len())
            .map_err(|e| e.to_string())
    };
    let names = || ValueColumn::from_strs("field", [Some("state"), Some("priority")]);
    assert_eq!(
        evaluate(names(), None, Some(InstantColumn::new("created", &created))),
        Err("at[1]: the event is before its ticket was created".into())
    );
    assert_eq!(
        evaluate(
            ValueColumn::from_i64s("field", [Some(1), Some(2)]),
            None,
            None
        ),
        Err("field[0]: expected a string, found 1".into())
    );
    assert_eq!(
        evaluate(
            names(),
            Some(ValueColumn::from_bools("type", [Some(true), None])),
            None
        ),
        Err("type[0]: expected a string, found true".into())
    );
    // Without a creation column the ticket is created at its first row.
    assert_eq!(evaluate(names(), None, None), Ok(1));
}

#[test]
fn whole_floats_in_a_column_match_integer_conditions() {
    let set = PolicySet::from_value(&json!({"policies": [{"id": "sev1", "applies": {"field_eq": {"field": "severity", "value": 1}},
        "metrics": [{"id": "r", "goal": {"wall": "PT1H"}, "start": {"always": true}}]}]})).unwrap();
    let opened = [FRIDAY, FRIDAY];
    let table = TicketTable {
        ids: vec!["A", "B"],
        opened: InstantColumn::new("opened", &opened),
        resolved: None,
        pauses: None,
        fields: vec![ValueColumn::from_f64s(
            "severity",
            [Some(1.0), Some(f64::NAN)],
        )],
    };
    let results = set
        .evaluate_tickets(&table, 0..2, now(FRIDAY), &TableOptions::default())
        .unwrap();
    assert_eq!(results.metric, [Some("r"), None]);
    let _ = parse_instant("now", "2026-01-01T00:00:00Z");
}
