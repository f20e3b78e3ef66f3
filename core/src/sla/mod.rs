//! SLA clocks: metrics with start, pause, resume, stop, reset and cancel
//! conditions, goals of explicit kinds, per-metric calendars, reopen policies, and
//! a reading of each clock at `now` with its deadline, percentage, explanation and
//! `next_wakeup`.
//!
//! A clock is a pure fold over a record's [`Timeline`](crate::Timeline): the same
//! events and the same `now` give the same answer in every language. For each
//! event the conditions apply in a fixed order: stop, then reset / reopen /
//! start, then cancel, then pause, then resume. The record's creation is an event
//! of type `created` whose fields are the record's initial fields.
//!
//! Elapsed time is the business measure of the running intervals in the metric's
//! calendar, so a pause that lies entirely in closed hours changes nothing, and
//! paused time is kept per reason.
//!
//! This module owns clocks; policies that choose which clocks a record gets,
//! thresholds and availability build on it.

mod availability;
mod batch;
mod checks;
mod clock;
mod definition;
mod goal;
mod lint;
mod measure;
mod metric;
mod policy;
mod table;
mod templates;
mod warnings;

pub use crate::document::Finding;
pub use crate::rules::Condition;
pub use availability::{Availability, AvailabilityReport, Period};
pub use batch::{BatchItem, BatchSummary, Outcome};
pub use clock::{Anchor, SwitchMode};
pub use definition::{Metric, MetricKind, Reopen, ReopenPolicy, Threshold, ThresholdAt};
pub use goal::Goal;
pub use metric::{CycleResult, Segment, SegmentKind, Status, ThresholdResult};
pub use policy::{
    Contract, EvaluateOptions, Evaluation, MetricResult, Policy, PolicySet, Selection,
};
pub use table::{
    AmbiguousTimes, EventRow, EventTable, InstantColumn, MappedValue, Nullable, OutOfOrder,
    PauseColumn, PauseRow, ResultTable, Shape, SnapshotRow, SnapshotTable, TableOptions,
    TableResult, TableRow, TableSummary, TicketRow, TicketStates, TicketTable, ValueColumn,
};
pub use templates::{INCIDENT_STATES, TEMPLATES, template, waiting_for_customer};
pub use warnings::{Warning, WarningCode};
