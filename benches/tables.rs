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
    EventTable, InstantColumn, PauseColumn, PolicySet, TableOptions, TicketTable, ValueColumn,
    template,
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
}

criterion_group!(benches, tables);
criterion_main!(benches);
