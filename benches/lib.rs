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
