//! A policy set's conditions compiled once, when the set is read: every field
//! the set reads (conditions, goal tables, negotiated dates, pause reasons,
//! switch anchors) gets an index, and each metric's start, stop, pause, resume,
//! reset, cancel and reopen conditions become [`Check`]s over those indices.

use super::definition::Metric;
use super::goal::Goal;
use crate::rules::{Check, Condition, FieldId, FieldTable, History};

/// One metric's conditions, compiled.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct MetricChecks {
    start: Check,
    stop: Option<Check>,
    pub(crate) pause: Option<Check>,
    pub(crate) resume: Option<Check>,
    pub(crate) reset: Option<Check>,
    pub(crate) cancel: Option<Check>,
    reopen_when: Option<Check>,
    /// The field that names a pause, before `state`.
    pub(crate) reason_field: Option<FieldId>,
}

fn optional(condition: &Option<Condition>, fields: &mut FieldTable) -> Option<Check> {
    condition.as_ref().map(|c| Check::compile(c, fields))
}

fn intern_goal_fields(goal: &Goal, fields: &mut FieldTable) {
    match goal {
        Goal::Negotiated { field } => {
            fields.intern(field);
        }
        Goal::ByValue(table) => {
            fields.intern(&table.field);
            table.goals().for_each(|g| intern_goal_fields(g, fields));
        }
        _ => {}
    }
}

impl MetricChecks {
    pub(crate) fn compile(metric: &Metric, fields: &mut FieldTable) -> MetricChecks {
        intern_goal_fields(&metric.goal, fields);
        MetricChecks {
            start: Check::compile(&metric.start, fields),
            stop: optional(&metric.stop, fields),
            pause: optional(&metric.pause, fields),
            resume: optional(&metric.resume, fields),
            reset: optional(&metric.reset, fields),
            cancel: optional(&metric.cancel, fields),
            reopen_when: optional(&metric.reopen.as_ref().and_then(|r| r.when.clone()), fields),
            reason_field: metric
                .pause_reason_field
                .as_deref()
                .map(|f| fields.intern(f)),
        }
    }

    pub(crate) fn starts(&self, history: &History<'_>, i: usize) -> bool {
        self.start.holds(history, i)
    }

    /// Whether step `i` stops the clock.
    pub(crate) fn stops(&self, history: &History<'_>, i: usize) -> bool {
        holds(&self.stop, history, i)
    }

    /// Whether step `i` reopens a stopped clock: the reopen condition holds, or
    /// without one, the record leaves what `stop` describes.
    pub(crate) fn reopens(&self, history: &History<'_>, i: usize) -> bool {
        match &self.reopen_when {
            Some(when) => when.holds(history, i),
            None => i > 0 && self.stops(history, i - 1) && !self.stops(history, i),
        }
    }
}

pub(crate) fn holds(check: &Option<Check>, history: &History<'_>, i: usize) -> bool {
    check.as_ref().is_some_and(|c| c.holds(history, i))
}

/// A metric with its compiled conditions: what judges a clock.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock<'m> {
    pub(crate) metric: &'m Metric,
    pub(crate) checks: &'m MetricChecks,
}

/// Every policy's `applies` and metrics, compiled against one field table.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct SetChecks {
    pub(crate) fields: FieldTable,
    pub(crate) applies: Vec<Check>,
    /// The fields every `applies` reads (see [`Check::fields_read`]), when
    /// their values after a step alone decide which policies match.
    pub(crate) applies_read: Option<u64>,
    /// By policy, then by metric in the policy's order.
    pub(crate) metrics: Vec<Vec<MetricChecks>>,
}

impl SetChecks {
    /// `anchor` is the field a retroactive switch counts from, when it reads one.
    pub(crate) fn compile<'p>(
        policies: impl IntoIterator<Item = (&'p Condition, &'p [Metric])>,
        anchor: Option<&str>,
    ) -> SetChecks {
        let mut fields = FieldTable::default();
        let (mut applies, mut metrics) = (Vec::new(), Vec::new());
        for (condition, list) in policies {
            applies.push(Check::compile(condition, &mut fields));
            metrics.push(
                list.iter()
                    .map(|m| MetricChecks::compile(m, &mut fields))
                    .collect(),
            );
        }
        if let Some(field) = anchor {
            fields.intern(field);
        }
        let applies_read = applies
            .iter()
            .try_fold(0, |mask, check| Some(mask | check.fields_read()?));
        SetChecks {
            fields,
            applies,
            applies_read,
            metrics,
        }
    }
}
