//! The fields a compiled rule set reads, by index, and masks of them: what
//! compiled conditions and the histories they read agree on.

use super::condition::STATE;

/// A field's index in a [`FieldTable`].
pub(crate) type FieldId = u16;

/// The fields a compiled rule set reads, by index. `state` is always index 0.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldTable {
    names: Vec<String>,
}

impl Default for FieldTable {
    fn default() -> Self {
        FieldTable {
            names: vec![STATE.to_owned()],
        }
    }
}

impl FieldTable {
    /// The index of `state`.
    pub(crate) const STATE: FieldId = 0;

    /// The index of `name`, adding it when new.
    pub(crate) fn intern(&mut self, name: &str) -> FieldId {
        match self.id(name) {
            Some(id) => id,
            None => {
                self.names.push(name.to_owned());
                (self.names.len() - 1) as FieldId
            }
        }
    }

    /// The index of `name`, when the table reads it.
    pub(crate) fn id(&self, name: &str) -> Option<FieldId> {
        // A handful of names: a scan that mostly rejects on length beats hashing.
        self.names
            .iter()
            .position(|n| n.len() == name.len() && n == name)
            .map(|i| i as FieldId)
    }

    pub(crate) fn name(&self, id: FieldId) -> &str {
        &self.names[id as usize]
    }

    pub(crate) fn len(&self) -> usize {
        self.names.len()
    }
}

/// Field `field`'s bit in a mask of fields; fields past the 64th share every
/// bit, so that a mask can only say too much.
pub(crate) fn field_bit(field: FieldId) -> u64 {
    1u64.checked_shl(u32::from(field)).unwrap_or(u64::MAX)
}
