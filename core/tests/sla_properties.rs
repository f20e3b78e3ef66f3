//! Property tests of SLA clocks: time only moves elapsed time forward, a paused
//! clock stands still, and a pause lying entirely in closed hours changes
//! nothing.

use std::sync::LazyLock;

use chrono::{DateTime, Utc};
use itsm_core::Timeline;
use itsm_core::sla::{CycleResult, PolicySet, template};
use proptest::prelude::*;
use serde_json::json;

static SET: LazyLock<PolicySet> = LazyLock::new(|| {
    let mut doc = template("itil_incident").unwrap();
    doc["calendars"]["business_hours"] = json!({"time_zone": "Europe/Berlin", "week": {
        "mon": [["08:00", "12:00"], ["13:00", "17:00"]], "tue": [["08:00", "17:00"]],
        "wed": [["08:00", "17:00"]], "thu": [["08:00", "17:00"]], "fri": [["08:00", "15:00"]]},
        "holidays": [{"easter": -2}, {"easter": 1}, {"annual": "10-03"}]});
    PolicySet::from_value(&doc).unwrap()
});

const CREATED: i64 = 1_774_332_000_000; // 2026-03-24T06:00:00Z, days before the Berlin DST change

fn at(ms: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(ms).unwrap()
}

fn iso(ms: i64) -> String {
    itsm_core::format_instant(at(ms))
}

/// Events: (minutes after the previous one, what happens).
fn steps() -> impl Strategy<Value = Vec<(i64, u8)>> {
    proptest::collection::vec((1i64..3000, 0u8..7), 0..10)
}

fn timeline(priority: &str, steps: &[(i64, u8)]) -> (Timeline, Vec<i64>) {
    let mut t = CREATED;
    let mut events = Vec::new();
    let mut instants = vec![t];
    for &(gap, what) in steps {
        t += gap * 60_000;
        instants.push(t);
        let set = match what {
            0 => json!({"state": "in_progress", "hold_reason": null}),
            1 => json!({"state": "on_hold", "hold_reason": "awaiting_caller"}),
            2 => json!({"state": "on_hold", "hold_reason": "awaiting_vendor"}),
            3 => json!({"state": "resolved"}),
            4 => {
                let group = ["network", "desk"][(gap % 2) as usize];
                json!({ "assignment_group": group })
            }
            5 => {
                let priority = ["P1", "P2", "P3", "P4"][(gap % 4) as usize];
                json!({ "priority": priority })
            }
            _ => json!({}),
        };
        events.push(json!({"at": iso(t), "type": if what == 6 { "public_comment" } else { "update" }, "set": set}));
    }
    let doc = json!({"id": "X", "created_at": iso(CREATED), "fields": {"state": "new", "priority": priority}, "events": events});
    (Timeline::from_value(&doc).unwrap(), instants)
}

fn clocks(timeline: &Timeline, now: i64) -> Vec<(String, CycleResult)> {
    SET.evaluate(timeline, at(now))
        .unwrap()
        .metrics
        .into_iter()
        .flat_map(|m| {
            let id = m.metric;
            m.cycles.into_iter().map(move |c| (id.clone(), c))
        })
        .collect()
}

fn priority() -> impl Strategy<Value = &'static str> {
    prop_oneof![Just("P1"), Just("P2"), Just("P3"), Just("P4")]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// A stored evaluation reads back equal to itself, and writes the same text.
    #[test]
    fn evaluations_round_trip_through_their_json(p in priority(), steps in steps(), later in 0i64..20_000) {
        let (timeline, instants) = timeline(p, &steps);
        let now = instants.last().copied().unwrap_or(CREATED) + later * 60_000;
        let evaluation = SET.evaluate(&timeline, at(now)).unwrap();
        let text = evaluation.to_json();
        let again = itsm_core::sla::Evaluation::from_json(&text).unwrap();
        prop_assert_eq!(&again, &evaluation);
        prop_assert_eq!(again.to_json(), text);
        let timeline_again = Timeline::from_json(&timeline.to_json()).unwrap();
        prop_assert_eq!(timeline_again, timeline);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn elapsed_never_decreases_as_now_grows(p in priority(), steps in steps(), a in 0i64..20_000, b in 0i64..20_000) {
        let (timeline, _) = timeline(p, &steps);
        let (early, late) = (CREATED + a.min(b) * 60_000, CREATED + a.max(b) * 60_000);
        let before = clocks(&timeline, early);
        let after = clocks(&timeline, late);
        for (id, clock) in &before {
            // The same metric and cycle later on: a switch of policy keeps the id.
            if let Some((_, later)) = after.iter().find(|(i, c)| i == id && c.cycle == clock.cycle) {
                if later.started_at == clock.started_at {
                    prop_assert!(later.elapsed.num_milliseconds() >= clock.elapsed.num_milliseconds(), "{id}: {} then {}", clock.elapsed.num_milliseconds(), later.elapsed.num_milliseconds());
                }
            }
        }
    }

    #[test]
    fn a_paused_clock_stands_still(p in priority(), steps in steps(), pick in 0usize..10, x in 0.0f64..1.0, y in 0.0f64..1.0) {
        let (timeline, instants) = timeline(p, &steps);
        // Two instants between the same pair of events (nothing happens in between).
        let i = pick % instants.len();
        let from = instants[i];
        let to = instants.get(i + 1).copied().unwrap_or(from + 5 * 86_400_000);
        let span = (to - from - 1) as f64;
        let (n1, n2) = (from + (span * x.min(y)) as i64, from + (span * x.max(y)) as i64);
        let first = clocks(&timeline, n1);
        let second = clocks(&timeline, n2);
        for ((id, a), (_, b)) in first.iter().zip(&second) {
            if a.status == itsm_core::sla::Status::Paused {
                prop_assert_eq!(a.elapsed.num_milliseconds(), b.elapsed.num_milliseconds(), "{}", id);
                prop_assert_eq!(a.percent, b.percent, "{}", id);
                prop_assert_eq!(a.deadline, b.deadline, "{}", id);
                prop_assert_eq!(b.next_wakeup, None);
            }
        }
    }

    #[test]
    fn a_pause_in_closed_hours_changes_nothing(later in steps(), hold_at in 0i64..1000, length in 1i64..400) {
        // P3 counts business hours. In progress from Tuesday 24 March; Saturday
        // 28 March 2026 is closed all day (it starts at 2026-03-27T23:00Z), and
        // random events follow from Monday 30 March on.
        let saturday = 1_774_652_400_000i64;
        let monday = saturday + 2 * 86_400_000 + 7 * 3_600_000;
        let (start, end) = (saturday + hold_at * 60_000, saturday + (hold_at + length) * 60_000);
        let mut events = vec![json!({"at": iso(CREATED + 3_600_000), "type": "update", "set": {"state": "in_progress"}})];
        let mut t = monday;
        for &(gap, what) in &later {
            t += gap * 60_000;
            let set = match what {
                0 => json!({"state": "in_progress", "hold_reason": null}),
                1 => json!({"state": "on_hold", "hold_reason": "awaiting_caller"}),
                3 => json!({"state": "resolved"}),
                _ => json!({}),
            };
            events.push(json!({"at": iso(t), "type": "update", "set": set}));
        }
        let record = |with_pause: bool| {
            let mut all = events.clone();
            if with_pause {
                all.insert(1, json!({"at": iso(end), "type": "update", "set": {"state": "in_progress", "hold_reason": null}}));
                all.insert(1, json!({"at": iso(start), "type": "update", "set": {"state": "on_hold", "hold_reason": "awaiting_caller"}}));
            }
            Timeline::from_value(&json!({"id": "X", "created_at": iso(CREATED), "fields": {"state": "new", "priority": "P3"}, "events": all})).unwrap()
        };
        let now = t + 20 * 86_400_000;
        let resolution = |timeline: &Timeline| clocks(timeline, now).into_iter().find(|(id, _)| id == "resolution").map(|(_, c)| c).unwrap();
        let (a, b) = (resolution(&record(false)), resolution(&record(true)));
        prop_assert_eq!((a.elapsed.num_milliseconds(), a.deadline, a.status), (b.elapsed.num_milliseconds(), b.deadline, b.status));
        prop_assert_eq!(b.paused_by_reason.get("awaiting_caller").map(|d| d.num_milliseconds()).as_ref().copied().unwrap_or(0), a.paused_by_reason.get("awaiting_caller").map(|d| d.num_milliseconds()).as_ref().copied().unwrap_or(0));
    }
}
