//! SLA evaluation of whole tables: the tickets shape with one business-time
//! clock and pauses (the analysts' dataset) against a hand-written loop over
//! the calendar's cumulative business time, and the ITIL template (three
//! clocks with thresholds) over an event table.
//!
//! Run: `cargo bench -p itsm-benches --bench tables`. `ITSM_BENCH_RECORDS`
//! sets the number of tickets (1,000,000 by default).

use std::hint::black_box;

use chrono::DateTime;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use itsm_benches::{TicketDataset, incident_timelines, office_policy, ticket_dataset};
use itsm_core::sla::{
    EventTable, InstantColumn, PauseColumn, PolicySet, SnapshotTable, TableOptions, TicketTable,
    ValueColumn, template,
};

fn tickets(d: &TicketDataset) -> TicketTable<'_> {
    TicketTable {
        ids: d.ids.iter().map(String::as_str).collect(),
        opened: InstantColumn::new("opened", &d.opened),
        resolved: Some(
            InstantColumn::new("resolved", &d.resolved).with_validity(&d.resolved_valid),
        ),
        pauses: Some(PauseColumn {
            name: "pauses",
            offsets: d.offsets.clone(),
            starts: InstantColumn::new("pauses.start", &d.starts),
            ends: InstantColumn::new("pauses.end", &d.ends),
        }),
        fields: vec![ValueColumn::from_strs(
            "priority",
            d.priority.iter().map(|p| Some(*p)),
        )],
    }
}

/// What an analyst would write by hand: elapsed business time as `B(end) -
/// B(opened)` less each pause's, and the deadline as the inverse of `B` at the
/// goal plus the time paused, on a span held for the whole table.
fn native_loop(d: &TicketDataset, span: &itsm_core::calendar::BusinessSpan, now: i64) -> usize {
    let goal = |p: &str| match p {
        "P1" => 4,
        "P2" => 8,
        "P3" => 24,
        _ => 40,
    } * 3_600_000;
    let mut breached = 0;
    for i in 0..d.opened.len() {
        let end = if d.resolved_valid[i] {
            d.resolved[i].min(now)
        } else {
            now
        };
        let b = |t: i64| span.elapsed_ms(t).unwrap_or(0);
        let mut paused = 0;
        for k in d.offsets[i]..d.offsets[i + 1] {
            paused += b(d.ends[k].min(end)) - b(d.starts[k].min(end));
        }
        let elapsed = b(end) - b(d.opened[i]) - paused;
        let deadline = span.instant_ms(b(d.opened[i]) + goal(d.priority[i]) + paused);
        if elapsed > goal(d.priority[i]) && deadline.is_some() {
            breached += 1;
        }
    }
    breached
}

/// The same result row as the engine's, written by hand for this one policy:
/// elapsed, wall and paused time, remaining, percent, the deadline reached
/// through the runs between pauses, the unpaused deadline and the next opening
/// after the deadline, the 75 % threshold, breach and overrun, the next
/// wake-up, each into its own column. The peer an analyst would write to get
/// what the table path answers.
#[derive(Default)]
struct HandRows {
    elapsed: Vec<i64>,
    elapsed_wall: Vec<i64>,
    paused: Vec<i64>,
    goal: Vec<i64>,
    remaining: Vec<i64>,
    remaining_wall: Vec<i64>,
    percent: Vec<f64>,
    deadline: Vec<i64>,
    original_deadline: Vec<i64>,
    deadline_next_opening: Vec<i64>,
    warning_at: Vec<i64>,
    warning_crossed: Vec<bool>,
    breached_at: Vec<Option<i64>>,
    overrun: Vec<i64>,
    next_wakeup: Vec<Option<i64>>,
}

fn native_full_rows(
    d: &TicketDataset,
    span: &itsm_core::calendar::BusinessSpan,
    now: i64,
) -> HandRows {
    let rows = d.opened.len();
    let mut out = HandRows::default();
    macro_rules! reserve {
        ($($column:ident),*) => { $(out.$column.reserve(rows);)* };
    }
    reserve!(
        elapsed,
        elapsed_wall,
        paused,
        goal,
        remaining,
        remaining_wall,
        percent,
        deadline,
        original_deadline,
        deadline_next_opening,
        warning_at,
        warning_crossed,
        breached_at,
        overrun,
        next_wakeup
    );
    let b = |t: i64| span.elapsed_ms(t).unwrap_or(0);
    let mut runs: Vec<(i64, i64)> = Vec::new();
    for i in 0..rows {
        if d.opened[i] > now {
            continue;
        }
        let resolved = d.resolved_valid[i] && d.resolved[i] <= now;
        let end = if resolved { d.resolved[i] } else { now };
        let goal = match d.priority[i] {
            "P1" => 4,
            "P2" => 8,
            "P3" => 24,
            _ => 40,
        } * 3_600_000;
        // The runs between pauses, each pause cut at the end.
        runs.clear();
        let mut from = d.opened[i];
        let (mut paused, mut paused_wall) = (0, 0);
        let mut running = true;
        for k in d.offsets[i]..d.offsets[i + 1] {
            if d.starts[k] > end {
                break;
            }
            runs.push((from, d.starts[k]));
            let stop = d.ends[k].min(end);
            paused += b(stop) - b(d.starts[k]);
            paused_wall += stop - d.starts[k];
            from = stop;
            running = d.ends[k] <= end;
        }
        if running {
            runs.push((from, end));
        }
        let elapsed: i64 = runs.iter().map(|&(a, z)| b(z) - b(a)).sum();
        let reach = |target: i64| {
            let mut counted = 0;
            for &(a, z) in &runs {
                let length = b(z) - b(a);
                if counted + length >= target {
                    return span.instant_ms(b(a) + target - counted).unwrap_or(a);
                }
                counted += length;
            }
            let last = runs.last().map_or(from, |run| run.1);
            span.instant_ms(b(last) + target - counted).unwrap_or(last)
        };
        let deadline = reach(goal);
        let warning = (goal * 75 + 99) / 100;
        let warning_at = span.next_opening_ms(reach(warning)).unwrap_or(0);
        let breached = elapsed > goal;
        let live = !resolved;
        out.elapsed.push(elapsed);
        out.elapsed_wall.push(end - d.opened[i] - paused_wall);
        out.paused.push(paused);
        out.goal.push(goal);
        out.remaining.push((goal - elapsed).max(0));
        out.remaining_wall
            .push(if live { (deadline - now).max(0) } else { 0 });
        out.percent.push(elapsed as f64 * 100.0 / goal as f64);
        out.deadline.push(deadline);
        out.original_deadline
            .push(span.instant_ms(b(d.opened[i]) + goal).unwrap_or(0));
        out.deadline_next_opening
            .push(span.next_opening_ms(deadline).unwrap_or(0));
        out.warning_at.push(warning_at);
        out.warning_crossed.push(elapsed >= warning);
        out.breached_at.push(breached.then_some(deadline));
        out.overrun.push((elapsed - goal).max(0));
        out.next_wakeup
            .push((live && running && !breached).then(|| {
                let breach = span.add_ms(deadline, 1).unwrap_or(deadline);
                if elapsed < warning && warning_at > now {
                    warning_at.min(breach)
                } else {
                    breach
                }
            }));
    }
    out
}

/// Checks, before timing, that the hand-written rows say what the engine says,
/// so that the peer does the same work: every ticket's numbers, compared.
fn agree(
    set: &PolicySet,
    table: &TicketTable<'_>,
    data: &TicketDataset,
    span: &itsm_core::calendar::BusinessSpan,
    now: DateTime<chrono::Utc>,
    options: &TableOptions,
) {
    let results = set
        .evaluate_tickets(table, 0..table.len(), now, options)
        .unwrap();
    let hand = native_full_rows(data, span, now.timestamp_millis());
    let mut h = 0;
    let mut disagreements = 0;
    for r in 0..results.len() {
        if results.error(r).is_some() {
            continue;
        }
        let theirs = [
            hand.elapsed[h],
            hand.elapsed_wall[h],
            hand.paused[h],
            hand.remaining[h],
            hand.remaining_wall[h],
            hand.deadline[h],
            hand.original_deadline[h],
            hand.overrun[h],
            hand.breached_at[h].unwrap_or(-1),
            hand.next_wakeup[h].unwrap_or(-1),
        ];
        let ours = [
            results.elapsed_ms.get(r),
            results.elapsed_wall_ms.get(r),
            results.paused_ms.get(r),
            results.remaining_ms.get(r),
            results.remaining_wall_ms.get(r),
            results.deadline.get(r),
            results.original_deadline.get(r),
            results.overrun_ms.get(r),
            Some(results.breached_at.get(r).unwrap_or(-1)),
            Some(results.next_wakeup.get(r).unwrap_or(-1)),
        ];
        if ours.map(|v| v.unwrap_or(-2)) != theirs {
            disagreements += 1;
        }
        h += 1;
    }
    assert_eq!(h, hand.deadline.len(), "one hand-written row per ticket");
    assert_eq!(
        disagreements, 0,
        "the hand-written rows disagree with the engine"
    );
}

/// An event log's columns: ticket id, instant, field, value and type per row.
type EventColumns = (
    Vec<String>,
    Vec<i64>,
    Vec<String>,
    Vec<serde_json::Value>,
    Vec<String>,
);

fn event_columns(timelines: &[itsm_core::Timeline]) -> EventColumns {
    let (mut ids, mut at, mut field, mut value, mut kind) =
        (vec![], vec![], vec![], vec![], vec![]);
    for t in timelines {
        let created = t.created_at().timestamp_millis();
        for (name, v) in t.fields() {
            ids.push(t.id().to_owned());
            at.push(created);
            field.push(name.clone());
            value.push(v.clone());
            kind.push(String::new());
        }
        for e in t.events() {
            for (name, v) in e.set() {
                ids.push(t.id().to_owned());
                at.push(e.at().timestamp_millis());
                field.push(name.clone());
                value.push(v.clone());
                kind.push(e.kind().to_owned());
            }
        }
    }
    (ids, at, field, value, kind)
}

fn tables(c: &mut Criterion) {
    let records: usize = std::env::var("ITSM_BENCH_RECORDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let now = DateTime::from_timestamp_millis(1_775_000_000_000).unwrap(); // 2026-03-31
    let options = TableOptions::default();

    let set = office_policy();
    let data = ticket_dataset(records, 7);
    let table = tickets(&data);
    let calendar = set.to_value()["calendars"]["office"].clone();
    let calendar = itsm_core::Calendar::from_value(&calendar).unwrap();
    let span = calendar
        .span_ms(1_767_000_000_000, 1_790_000_000_000)
        .unwrap();
    agree(&set, &table, &data, &span, now, &options);
    let mut group = c.benchmark_group("tables");
    group.throughput(Throughput::Elements(records as u64));
    group.sample_size(10);
    group.bench_function("tickets_one_clock_with_pauses", |b| {
        b.iter(|| {
            let results = set
                .evaluate_tickets(black_box(&table), 0..records, now, &options)
                .unwrap();
            results.summary().breached
        })
    });
    group.bench_function("native_loop_one_clock_with_pauses", |b| {
        b.iter(|| native_loop(black_box(&data), &span, now.timestamp_millis()))
    });
    group.bench_function("native_full_rows_one_clock_with_pauses", |b| {
        b.iter(|| {
            native_full_rows(black_box(&data), &span, now.timestamp_millis())
                .deadline
                .len()
        })
    });

    let itil = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    let timelines = incident_timelines(records, 3);
    let (ids, at, field, value, kind) = event_columns(&timelines);
    drop(timelines);
    let events = EventTable {
        ids: ids.iter().map(String::as_str).collect(),
        at: InstantColumn::new("at", &at),
        field: ValueColumn::from_strs("field", field.iter().map(|f| Some(f.as_str()))),
        value: ValueColumn::from_dictionary(
            "value",
            value.clone(),
            (0..value.len() as u32).map(Some).collect(),
        )
        .unwrap(),
        event_type: Some(ValueColumn::from_strs(
            "type",
            kind.iter().map(|k| (!k.is_empty()).then_some(k.as_str())),
        )),
        created: None,
        order: None,
    };
    let later = DateTime::from_timestamp_millis(1_800_000_000_000).unwrap(); // 2027-01-15
    group.bench_function("events_itil_three_clocks", |b| {
        b.iter(|| {
            let results = itil
                .evaluate_events(black_box(&events), later, &options)
                .unwrap();
            results.summary().breached
        })
    });
    group.finish();
    exports(c, records, later);
}

/// An audit export of `rows` rows, five updates a ticket: every current value
/// per row, in the source system's words (`words`) or already in the policy's.
struct Export {
    ids: Vec<String>,
    at: Vec<i64>,
    order: Vec<i64>,
    state: Vec<&'static str>,
    priority: Vec<&'static str>,
}

fn audit_export(rows: usize, words: bool) -> Export {
    const SOURCE_STATES: [&str; 5] = [
        "New",
        "In Progress",
        "Awaiting User Info",
        "Awaiting Vendor",
        "Resolved",
    ];
    const STATES: [&str; 5] = ["new", "in_progress", "on_hold", "on_hold", "resolved"];
    const SOURCE_PRIORITIES: [&str; 4] = ["1 - Critical", "2 - High", "3 - Moderate", "4 - Low"];
    const PRIORITIES: [&str; 4] = ["P1", "P2", "P3", "P4"];
    let (states, priorities) = if words {
        (SOURCE_STATES, SOURCE_PRIORITIES)
    } else {
        (STATES, PRIORITIES)
    };
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut export = Export {
        ids: Vec::new(),
        at: Vec::new(),
        order: Vec::new(),
        state: Vec::new(),
        priority: Vec::new(),
    };
    for ticket in 0..rows / 5 {
        let mut at = 1_767_225_600_000 + next(120 * 24 * 60) as i64 * 60_000; // from 2026-01-01
        let priority = priorities[next(4) as usize];
        for update in 0..5 {
            let state = match update {
                0 => states[0],
                4 => states[4],
                _ => states[1 + next(3) as usize],
            };
            export.ids.push(format!("INC{ticket:07}"));
            export.at.push(at);
            export.order.push(update);
            export.state.push(state);
            export.priority.push(priority);
            at += (1 + next(3 * 24 * 60)) as i64 * 60_000;
        }
    }
    export
}

fn exports(c: &mut Criterion, records: usize, now: DateTime<chrono::Utc>) {
    let itil = PolicySet::from_value(&template("itil_incident").unwrap()).unwrap();
    let mapping = TableOptions::from_value(&serde_json::json!({
        "shape": "snapshots",
        "field_names": {"incident_state": "state", "u_priority": "priority"},
        "values": {
            "state": {"New": "new", "In Progress": "in_progress", "Resolved": "resolved",
                      "Awaiting User Info": {"state": "on_hold", "hold_reason": "awaiting_caller"},
                      "Awaiting Vendor": {"state": "on_hold", "hold_reason": "awaiting_vendor"}},
            "priority": {"1 - Critical": "P1", "2 - High": "P2", "3 - Moderate": "P3", "4 - Low": "P4"}
        }
    }))
    .unwrap();
    let plain = TableOptions::from_value(&serde_json::json!({"shape": "snapshots"})).unwrap();
    let mut group = c.benchmark_group("exports");
    group.throughput(Throughput::Elements(records as u64));
    group.sample_size(10);
    for (name, words, options, state, priority) in [
        (
            "snapshots_itil_source_words_mapped",
            true,
            &mapping,
            "incident_state",
            "u_priority",
        ),
        (
            "snapshots_itil_policy_words",
            false,
            &plain,
            "state",
            "priority",
        ),
    ] {
        let export = audit_export(records, words);
        let table = SnapshotTable {
            ids: export.ids.iter().map(String::as_str).collect(),
            at: InstantColumn::new("at", &export.at),
            created: None,
            order: Some(ValueColumn::from_i64s(
                "order",
                export.order.iter().map(|&o| Some(o)),
            )),
            fields: vec![
                ValueColumn::from_strs(state, export.state.iter().map(|s| Some(*s))),
                ValueColumn::from_strs(priority, export.priority.iter().map(|s| Some(*s))),
            ],
        };
        group.bench_function(name, |b| {
            b.iter(|| {
                let results = itil
                    .evaluate_snapshots(black_box(&table), now, options)
                    .unwrap();
                results.summary().breached
            })
        });
    }
    group.finish();
}

criterion_group!(benches, tables);
criterion_main!(benches);
