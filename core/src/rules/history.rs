//! A record's history as conditions read it: each step's instant and type, and
//! every field's value after any step.

use serde_json::Value;

use super::Situation;
use crate::error::Result;
use crate::time::{Millis, to_millis};
use crate::timeline::Timeline;

/// A record's history up to `now`: each step's instant and type, and every
/// field's changes, so that the value of any field after any step is a short
/// search away (no copy of the fields per step). Step 0 is the creation (type
/// `created`).
#[derive(Debug)]
pub(crate) struct History<'a> {
    pub(crate) steps: Vec<(Millis, &'a str)>,
    /// Each field the history sets, with its changes in step order.
    fields: Vec<(&'a str, Vec<(usize, &'a Value)>)>,
}

const NULL: &Value = &Value::Null;

impl<'a> History<'a> {
    pub(crate) fn new(timeline: &'a Timeline, now: Millis) -> Result<History<'a>> {
        let mut steps = Vec::with_capacity(timeline.events().len() + 1);
        let mut fields: Vec<(&'a str, Vec<(usize, &'a Value)>)> = Vec::new();
        let creation = std::iter::once((timeline.created_at(), "created", timeline.fields()));
        let events = timeline
            .events()
            .iter()
            .map(|e| (e.at(), e.kind(), e.set()));
        for (at, kind, set) in creation.chain(events) {
            let t = to_millis(at)?;
            if t > now {
                break;
            }
            let step = steps.len();
            for (name, value) in set {
                match fields.iter_mut().find(|(f, _)| *f == name) {
                    Some((_, changes)) => changes.push((step, value)),
                    None => fields.push((name, vec![(step, value)])),
                }
            }
            steps.push((t, kind));
        }
        Ok(History { steps, fields })
    }

    /// Every field the history sets, with its changes (step, value) in order.
    pub(crate) fn changes(&self) -> impl Iterator<Item = (&'a str, &[(usize, &'a Value)])> {
        self.fields
            .iter()
            .map(|(f, changes)| (*f, changes.as_slice()))
    }

    /// The field's value after `step` (null when unset).
    pub(crate) fn value(&self, field: &str, step: usize) -> &'a Value {
        // A handful of fields: a scan that mostly rejects on length beats a search.
        let Some((_, changes)) = self
            .fields
            .iter()
            .find(|(f, _)| f.len() == field.len() && *f == field)
        else {
            return NULL;
        };
        match changes.partition_point(|&(s, _)| s <= step).checked_sub(1) {
            Some(i) => changes[i].1,
            None => NULL,
        }
    }

    pub(crate) fn situation(&self, step: usize) -> Situation<'_> {
        Situation::Step {
            history: self,
            step,
        }
    }
}
