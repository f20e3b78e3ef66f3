//! A record's history as compiled conditions read it: each step's instant and
//! type, and the value of every field a [`FieldTable`] names after any step.

use serde_json::Value;

use super::fields::{FieldId, FieldTable, field_bit};
use crate::error::Result;
use crate::time::{Millis, to_millis};
use crate::timeline::Timeline;

/// A record's history up to `now`: each step's instant and type, and the changes
/// of the fields a table names, grouped by field in step order, so that the
/// value of a field after any step is a short search away (no copy of the
/// fields per step). Fields the table does not name are left out. Step 0 is
/// the creation (type `created`).
#[derive(Debug)]
pub(crate) struct History<'a> {
    pub(crate) steps: Vec<(Millis, &'a str)>,
    /// Field `f`'s changes are `changes[offsets[f]..offsets[f + 1]]`.
    changes: Vec<(u32, &'a Value)>,
    offsets: Vec<u32>,
    /// By step, the fields it changes as a mask (see [`field_bit`]).
    changed: Vec<u64>,
    fields: &'a FieldTable,
}

const NULL: &Value = &Value::Null;

impl<'a> History<'a> {
    pub(crate) fn new(
        timeline: &'a Timeline,
        now: Millis,
        fields: &'a FieldTable,
    ) -> Result<History<'a>> {
        let mut steps = Vec::with_capacity(timeline.events().len() + 1);
        let creation = std::iter::once((timeline.created_at(), "created", timeline.fields()));
        let events = timeline
            .events()
            .iter()
            .map(|e| (e.at(), e.kind(), e.set()));
        for (at, kind, _) in creation.clone().chain(events.clone()) {
            let t = to_millis(at)?;
            if t > now {
                break;
            }
            steps.push((t, kind));
        }
        let sets = creation.chain(events).take(steps.len());
        let changes = sets.enumerate().flat_map(|(step, (_, _, set))| {
            set.iter().filter_map(move |(name, value)| {
                fields.id(name).map(|field| (field, step as u32, value))
            })
        });
        Ok(History::from_parts(steps, fields, changes))
    }

    /// A history of `steps` whose fields change as `changes` says: `(field,
    /// step, value)` in step order within each field.
    pub(crate) fn from_parts(
        steps: Vec<(Millis, &'a str)>,
        fields: &'a FieldTable,
        changes: impl Iterator<Item = (FieldId, u32, &'a Value)> + Clone,
    ) -> History<'a> {
        let mut history = History {
            steps,
            changes: Vec::new(),
            offsets: Vec::new(),
            changed: Vec::new(),
            fields,
        };
        history.set_changes(changes);
        history
    }

    /// An empty history over `fields`, whose vectors a table's records are then
    /// read into one after the other ([`History::reset_steps`],
    /// [`History::set_changes`]), so that they are allocated once per table.
    pub(crate) fn empty(fields: &'a FieldTable) -> History<'a> {
        History {
            steps: Vec::new(),
            changes: Vec::new(),
            offsets: Vec::new(),
            changed: Vec::new(),
            fields,
        }
    }

    /// The steps, emptied, to be filled with the next record's.
    pub(crate) fn reset_steps(&mut self) -> &mut Vec<(Millis, &'a str)> {
        self.steps.clear();
        &mut self.steps
    }

    /// Replaces the fields' changes with `changes`: `(field, step, value)` in
    /// step order within each field.
    pub(crate) fn set_changes(
        &mut self,
        changes: impl Iterator<Item = (FieldId, u32, &'a Value)> + Clone,
    ) {
        let fields = self.fields.len();
        // A counting sort by field keeps each field's changes in step order.
        let offsets = &mut self.offsets;
        offsets.clear();
        offsets.resize(fields + 1, 0);
        for (field, _, _) in changes.clone() {
            offsets[field as usize + 1] += 1;
        }
        for f in 0..fields {
            offsets[f + 1] += offsets[f];
        }
        let grouped = &mut self.changes;
        grouped.clear();
        grouped.resize(offsets[fields] as usize, (0u32, NULL));
        let changed = &mut self.changed;
        changed.clear();
        changed.resize(self.steps.len(), 0);
        // Each field's offset serves as its cursor, then moves back one field.
        for (field, step, value) in changes {
            if let Some(mask) = changed.get_mut(step as usize) {
                *mask |= field_bit(field);
            }
            let slot = &mut offsets[field as usize];
            grouped[*slot as usize] = (step, value);
            *slot += 1;
        }
        offsets.rotate_right(1);
        offsets[0] = 0;
    }

    fn changes_of(&self, field: FieldId) -> &[(u32, &'a Value)] {
        let f = field as usize;
        &self.changes[self.offsets[f] as usize..self.offsets[f + 1] as usize]
    }

    /// The changes (step, value) of the field named `name`, in order, when the
    /// table reads it.
    pub(crate) fn changes_named(&self, name: &str) -> Option<&[(u32, &'a Value)]> {
        self.fields.id(name).map(|f| self.changes_of(f))
    }

    /// Every field of the table with its changes (step, value) in order.
    pub(crate) fn changes(&self) -> impl Iterator<Item = (&'a str, &[(u32, &'a Value)])> {
        (0..self.fields.len()).map(|f| {
            (
                self.fields.name(f as FieldId),
                self.changes_of(f as FieldId),
            )
        })
    }

    /// The field's value after `step` (null when unset).
    pub(crate) fn at(&self, field: FieldId, step: usize) -> &'a Value {
        let changes = self.changes_of(field);
        match changes
            .partition_point(|&(s, _)| s as usize <= step)
            .checked_sub(1)
        {
            Some(i) => changes[i].1,
            None => NULL,
        }
    }

    /// The field's value before `step` (null at the creation).
    pub(crate) fn before(&self, field: FieldId, step: usize) -> &'a Value {
        match step {
            0 => NULL,
            _ => self.at(field, step - 1),
        }
    }

    /// The value of the field named `name` after `step`: null when unset or when
    /// the table does not read it.
    pub(crate) fn value(&self, name: &str, step: usize) -> &'a Value {
        self.fields.id(name).map_or(NULL, |f| self.at(f, step))
    }

    /// The fields `step` changes, as a mask of [`field_bit`]s.
    pub(crate) fn changed_at(&self, step: usize) -> u64 {
        self.changed.get(step).copied().unwrap_or(u64::MAX)
    }

    /// The event type of `step`.
    pub(crate) fn event(&self, step: usize) -> &'a str {
        self.steps[step].1
    }
}
