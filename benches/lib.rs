//! Shared inputs of the benchmarks: a realistic calendar and reproducible
//! pseudo-random instants (a fixed-seed generator, so every run measures the
//! same work).

use chrono::{DateTime, TimeDelta, Utc};
use itsm_core::Calendar;

/// Europe/Berlin office hours with a lunch break and the German public holidays
/// of a typical company: the calendar the calendar benchmarks query.
pub fn berlin_office() -> Calendar {
    Calendar::from_json(
        r#"{
        "name": "Berlin office",
        "time_zone": "Europe/Berlin",
        "week": {
            "mon": [["08:00", "12:30"], ["13:30", "17:00"]],
            "tue": [["08:00", "12:30"], ["13:30", "17:00"]],
            "wed": [["08:00", "12:30"], ["13:30", "17:00"]],
            "thu": [["08:00", "12:30"], ["13:30", "17:00"]],
            "fri": [["08:00", "14:00"]]
        },
        "holidays": [
            {"name": "New Year", "annual": "01-01"},
            {"name": "Good Friday", "easter": -2},
            {"name": "Easter Monday", "easter": 1},
            {"name": "Labour Day", "annual": "05-01"},
            {"name": "Ascension", "easter": 39},
            {"name": "Whit Monday", "easter": 50},
            {"name": "German Unity", "annual": "10-03"},
            {"name": "Christmas Eve", "annual": "12-24", "closed": [["12:00", "24:00"]]},
            {"name": "Christmas", "annual": "12-25"},
            {"name": "Boxing Day", "annual": "12-26"},
            {"name": "New Year's Eve", "annual": "12-31"}
        ]
    }"#,
    )
    .expect("the benchmark calendar is valid")
}

/// A small, fast, fixed-seed generator (SplitMix64).
pub struct Rng(u64);

impl Rng {
    /// A generator with the given seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
}

/// `count` pairs `(start, end)`: starts spread over 2025-2027 at millisecond
/// precision, ends up to 30 days later.
pub fn instant_pairs(count: usize, seed: u64) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
    let mut rng = Rng::new(seed);
    let origin = DateTime::<Utc>::from_timestamp_millis(1_735_689_600_000).unwrap(); // 2025-01-01
    let span_ms = 3 * 365 * 86_400_000u64;
    (0..count)
        .map(|_| {
            let start = origin + TimeDelta::milliseconds(rng.below(span_ms) as i64);
            let end = start + TimeDelta::milliseconds(rng.below(30 * 86_400_000) as i64);
            (start, end)
        })
        .collect()
}

/// `count` incident timelines of about ten events each, in the shape the ITIL
/// template expects: created, assigned, in progress, on hold waiting for the
/// caller, a public comment, back in progress, sometimes reassigned or raised in
/// priority, resolved and closed. Creation instants spread over 2026.
pub fn incident_timelines(count: usize, seed: u64) -> Vec<itsm_core::Timeline> {
    use serde_json::json;
    let mut rng = Rng::new(seed);
    let origin = 1_767_225_600_000i64; // 2026-01-01T00:00:00Z
    let minutes = |rng: &mut Rng, upto: u64| 60_000 * (1 + rng.below(upto) as i64);
    (0..count)
        .map(|n| {
            let priority = ["P1", "P2", "P3", "P3", "P4", "P4"][rng.below(6) as usize];
            let mut t = origin + rng.below(360 * 86_400_000) as i64;
            let created = t;
            let mut events = Vec::with_capacity(10);
            let mut push = |t: i64, kind: &str, set: serde_json::Value| {
                let at =
                    itsm_core::format_instant(DateTime::<Utc>::from_timestamp_millis(t).unwrap());
                events.push(json!({"at": at, "type": kind, "set": set}));
            };
            t += minutes(&mut rng, 30);
            push(
                t,
                "assigned",
                json!({"state": "assigned", "assignment_group": "network"}),
            );
            t += minutes(&mut rng, 240);
            push(t, "update", json!({"state": "in_progress"}));
            t += minutes(&mut rng, 600);
            push(
                t,
                "update",
                json!({"state": "on_hold", "hold_reason": "awaiting_caller"}),
            );
            t += minutes(&mut rng, 1440);
            push(t, "public_comment", json!({}));
            push(
                t,
                "update",
                json!({"state": "in_progress", "hold_reason": null}),
            );
            if rng.below(5) == 0 {
                t += minutes(&mut rng, 120);
                push(
                    t,
                    "reassigned",
                    json!({"state": "assigned", "assignment_group": "applications"}),
                );
                t += minutes(&mut rng, 120);
                push(t, "update", json!({"state": "in_progress"}));
            }
            if rng.below(10) == 0 {
                t += minutes(&mut rng, 60);
                push(t, "update", json!({"priority": "P2"}));
            }
            t += minutes(&mut rng, 1440);
            push(t, "update", json!({"state": "resolved"}));
            t += 3 * 86_400_000;
            push(t, "update", json!({"state": "closed"}));
            let created_at =
                itsm_core::format_instant(DateTime::<Utc>::from_timestamp_millis(created).unwrap());
            itsm_core::Timeline::from_value(&json!({
                "id": format!("INC{n}"), "created_at": created_at,
                "fields": {"state": "new", "priority": priority, "service": "email"},
                "events": events
            }))
            .expect("generated timelines are valid")
        })
        .collect()
}

/// A table of tickets in columns, as an export holds them: the analysts'
/// dataset of the table benchmarks.
pub struct TicketDataset {
    pub ids: Vec<String>,
    pub opened: Vec<i64>,
    pub resolved: Vec<i64>,
    pub resolved_valid: Vec<bool>,
    /// Ticket `i`'s pauses are `starts[offsets[i]..offsets[i + 1]]` and `ends`.
    pub offsets: Vec<usize>,
    pub starts: Vec<i64>,
    pub ends: Vec<i64>,
    pub priority: Vec<&'static str>,
}

/// `count` tickets opened over the first quarter of 2026 (the spring DST change
/// and Easter inside it), an eighth of them at local midnight or at 17:00
/// sharp; a quarter paused one to three times; nine in ten resolved.
pub fn ticket_dataset(count: usize, seed: u64) -> TicketDataset {
    let mut rng = Rng::new(seed);
    let origin = 1_767_222_000_000i64; // 2026-01-01T00:00:00+01:00
    let quarter = 90 * 86_400_000u64;
    let mut d = TicketDataset {
        ids: Vec::with_capacity(count),
        opened: Vec::with_capacity(count),
        resolved: Vec::with_capacity(count),
        resolved_valid: Vec::with_capacity(count),
        offsets: Vec::with_capacity(count + 1),
        starts: Vec::new(),
        ends: Vec::new(),
        priority: Vec::with_capacity(count),
    };
    d.offsets.push(0);
    for n in 0..count {
        let mut opened = origin + rng.below(quarter) as i64;
        match rng.below(16) {
            0 => opened -= (opened - origin).rem_euclid(86_400_000),
            1 => opened = opened - (opened - origin).rem_euclid(86_400_000) + 17 * 3_600_000,
            _ => {}
        }
        let mut last = opened;
        if rng.below(4) == 0 {
            for _ in 0..1 + rng.below(3) {
                let start = last + 60_000 * (1 + rng.below(2 * 24 * 60) as i64);
                let end = start + 60_000 * (60 + rng.below(3 * 24 * 60) as i64);
                d.starts.push(start);
                d.ends.push(end);
                last = end;
            }
        }
        d.offsets.push(d.starts.len());
        let resolved = rng.below(10) != 0;
        d.resolved
            .push(last + 60_000 * (30 + rng.below(10 * 24 * 60) as i64));
        d.resolved_valid.push(resolved);
        d.opened.push(opened);
        d.priority
            .push(["P1", "P2", "P3", "P4"][rng.below(4) as usize]);
        d.ids.push(format!("INC{n}"));
    }
    d
}

/// Berlin office hours, Monday to Friday 09:00-17:00, with the German public
/// holidays: the dataset's calendar, as a policy set with one resolution clock
/// paused while on hold (goals by priority, a 75 % warning).
pub fn office_policy() -> itsm_core::sla::PolicySet {
    itsm_core::sla::PolicySet::from_value(&serde_json::json!({
        "calendars": {"office": {
            "time_zone": "Europe/Berlin",
            "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
                     "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
            "holidays": [{"annual": "01-01"}, {"easter": -2}, {"easter": 1}, {"annual": "05-01"},
                         {"easter": 39}, {"easter": 50}, {"annual": "10-03"}, {"annual": "12-25"}, {"annual": "12-26"}]
        }},
        "policies": [{
            "id": "resolution_by_priority",
            "applies": {"always": true},
            "metrics": [{
                "id": "resolution", "calendar": "office",
                "goal": {"by": "priority", "values": {"P1": {"business": "PT4H"}, "P2": {"business": "PT8H"}, "P3": {"business": "PT24H"}, "P4": {"business": "PT40H"}}},
                "start": {"always": true},
                "stop": {"state_in": ["resolved"]},
                "pause": {"state_in": ["on_hold"]},
                "thresholds": [{"name": "warning", "percent": 75}]
            }]
        }]
    }))
    .expect("the benchmark policy is valid")
}

/// An estate for impact and conflict benchmarks: `items` nodes in ten layers; each node above the first layer depends on
/// three or four nodes of lower layers, mostly the layer just below; every fiftieth
/// node of the lower layers is a three-member group that needs two up.
pub fn estate(items: usize, seed: u64) -> itsm_core::service::GraphDocument {
    let mut rng = Rng::new(seed);
    let id = |n: usize| format!("ci{n}");
    let layer = items / 10;
    let mut document = itsm_core::service::GraphDocument::default();
    for n in 0..items {
        let kind = if n >= items - layer / 10 {
            itsm_core::service::ItemKind::BusinessService
        } else if n >= items - layer {
            itsm_core::service::ItemKind::TechnicalService
        } else {
            itsm_core::service::ItemKind::Item
        };
        document.items.push(itsm_core::service::Item {
            id: id(n),
            kind,
            name: None,
            class: None,
        });
    }
    let mut groups = 0;
    for n in layer..items {
        // Three or four each: about 300,000 relations for 100,000 items.
        let wanted = 3 + usize::from(n % 3 == 0);
        let mut chosen: Vec<usize> = Vec::with_capacity(wanted);
        while chosen.len() < wanted {
            let level = n / layer;
            let below = if rng.below(4) == 0 {
                rng.below((level * layer) as u64) as usize
            } else {
                (level - 1) * layer + rng.below(layer as u64) as usize
            };
            if !chosen.contains(&below) {
                chosen.push(below);
            }
        }
        let target = if n % 50 == 0 && n < items - layer {
            let group = format!("pool{groups}");
            groups += 1;
            document.groups.push(itsm_core::service::Group {
                id: group.clone(),
                members: chosen.iter().map(|&m| id(m)).collect(),
                min_up: Some(2),
                min_up_percent: None,
            });
            vec![group]
        } else {
            chosen.iter().map(|&m| id(m)).collect()
        };
        for to in target {
            document.relations.push(itsm_core::service::Relation {
                from: id(n),
                kind: if n < 2 * layer {
                    itsm_core::service::RelationKind::RunsOn
                } else {
                    itsm_core::service::RelationKind::DependsOn
                },
                to,
            });
        }
    }
    document
}
