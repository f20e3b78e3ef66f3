//! # itsm-core
//!
//! The rules of IT service management as a pure library: business calendars now;
//! SLAs, workflows and records as they land. Hosts own storage, clocks and
//! identity; the core owns the rules. No I/O happens here: time is always an
//! argument, and results are the same in every language binding.
//!
//! # Example
//! ```
//! use chrono::{TimeDelta, TimeZone, Utc};
//! use itsm_core::Calendar;
//!
//! let calendar = Calendar::from_json(r#"{
//!     "time_zone": "America/New_York",
//!     "week": {"mon": [["09:00", "17:00"]], "tue": [["09:00", "17:00"]], "wed": [["09:00", "17:00"]],
//!              "thu": [["09:00", "17:00"]], "fri": [["09:00", "17:00"]]},
//!     "holidays": [{"nth_weekday": {"month": 11, "weekday": "thu", "n": 4}, "name": "Thanksgiving"}]
//! }"#)?;
//! // Wednesday 25 November 2026, 16:00 in New York (21:00 UTC); Thursday is Thanksgiving.
//! let opened = Utc.with_ymd_and_hms(2026, 11, 25, 21, 0, 0).unwrap();
//! let due = calendar.add_business(opened, TimeDelta::hours(4))?;
//! assert_eq!(due, Utc.with_ymd_and_hms(2026, 11, 27, 17, 0, 0).unwrap()); // Friday 12:00 local
//! # Ok::<(), itsm_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod automation;
pub mod calendar;
pub mod change;
mod document;
pub mod error;
pub mod metrics;
pub mod priority;
pub mod record;
pub mod rules;
mod schema;
pub mod service;
pub mod sla;
mod time;
mod timeline;
pub mod workflow;

pub use calendar::Calendar;

/// The README's Rust example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExample;
pub use document::{DURATION_MS_NEWTYPE, Finding, INSTANT_NEWTYPE, canonical_json};
pub use error::{Error, ErrorDocument, Reason, Result};
pub use time::{MAX_INSTANT, MIN_INSTANT, format_instant, instant_from_millis, parse_instant};
pub use timeline::{Event, Fields, Timeline, fields_from_json};
