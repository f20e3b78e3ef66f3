//! Real exports read in the policy's terms: source field names renamed, source
//! values mapped (one value may set several fields), a null marker, and the
//! values a lenient reading keeps and counts.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::Value;

use super::TableOptions;
use super::columns::{ValueColumn, bad_cell};
use crate::document::check_scalar;
use crate::error::Result;
use crate::rules::{FieldId, FieldTable};
use crate::timeline::{Fields, deserialize_fields};

/// What a source value maps to: the field's own value (`"P3"`), or several
/// fields' values (`{"state": "on_hold", "hold_reason": "awaiting_caller"}`).
///
/// # Example
/// ```
/// use itsm_core::sla::MappedValue;
/// let one: MappedValue = serde_json::from_str(r#""P3""#).unwrap();
/// assert_eq!(one, MappedValue::Value(serde_json::json!("P3")));
/// let several: MappedValue = serde_json::from_str(r#"{"state": "on_hold", "hold_reason": "awaiting_caller"}"#).unwrap();
/// assert!(matches!(several, MappedValue::Fields(fields) if fields.len() == 2));
/// assert!(serde_json::from_str::<MappedValue>("[1]").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum MappedValue {
    /// The field's own value.
    Value(Value),
    /// Several fields' values, by field.
    Fields(Fields),
}

impl<'de> Deserialize<'de> for MappedValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        use serde::de::{Error, IntoDeserializer};
        match Value::deserialize(d)? {
            Value::Object(fields) => deserialize_fields(Value::Object(fields).into_deserializer())
                .map(MappedValue::Fields)
                .map_err(D::Error::custom),
            Value::Array(_) => Err(D::Error::custom(
                "expected the field's value or an object of fields' values, found an array",
            )),
            scalar => check_scalar(scalar)
                .map(MappedValue::Value)
                .map_err(D::Error::custom),
        }
    }
}

impl schemars::JsonSchema for MappedValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        crate::schema::MappedValue::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        crate::schema::MappedValue::json_schema(generator)
    }
}

/// Values kept for want of a mapping, by field and value: how many cells.
pub(crate) type Unmapped = BTreeMap<String, BTreeMap<String, usize>>;

/// A field's value map, compiled: source text to the fields it sets.
struct ValueMap<'o> {
    field: &'o str,
    to: HashMap<&'o str, Vec<(FieldId, &'o Value)>>,
    /// Every field some value sets.
    targets: Vec<FieldId>,
}

/// What the distinct values of a table's attribute columns set, each read
/// once (see [`Export::row`]).
#[derive(Default)]
pub(crate) struct ReadCache<'v> {
    /// By column, by dictionary key: the range of `sets` the value sets, and
    /// whether it was kept for want of a mapping.
    keys: Vec<Vec<Option<(u32, u32, bool)>>>,
    sets: Vec<(FieldId, &'v Value)>,
    /// What the mappings of one row set in other fields than their own.
    others: Vec<(FieldId, &'v Value)>,
}

/// The text a cell matches a value map by: a string itself, a number or a
/// boolean its JSON text.
fn key_text(value: &Value) -> std::borrow::Cow<'_, str> {
    match value {
        Value::String(text) => std::borrow::Cow::Borrowed(text),
        other => std::borrow::Cow::Owned(other.to_string()),
    }
}

/// How the cells of an export read as the fields a policy set reads.
pub(crate) struct Export<'o> {
    options: &'o TableOptions,
    fields: &'o FieldTable,
    /// By field id.
    maps: Vec<Option<ValueMap<'o>>>,
}

const NULL: Value = Value::Null;

impl<'o> Export<'o> {
    /// The reading `options` describe, for a policy set reading `fields`.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`](crate::Error::InvalidArgument) naming
    /// `options.values.<name>` when `values` keys a field by a source name
    /// that `field_names` renames: its values would never be mapped.
    pub(crate) fn new(options: &'o TableOptions, fields: &'o FieldTable) -> Result<Export<'o>> {
        if let Some((source, field)) = options
            .field_names
            .iter()
            .find(|(source, field)| options.values.contains_key(*source) && source != field)
        {
            return Err(crate::Error::invalid_argument(
                format!("options.values.{source}"),
                format!("field_names renames {source} to {field}: key its values by {field}"),
            ));
        }
        let mut maps: Vec<Option<ValueMap<'o>>> = (0..fields.len()).map(|_| None).collect();
        for (field, values) in &options.values {
            let Some(id) = fields.id(field) else { continue };
            let to: HashMap<&str, Vec<(FieldId, &Value)>> = values
                .iter()
                .map(|(source, mapped)| {
                    let sets = match mapped {
                        MappedValue::Value(value) => vec![(id, value)],
                        MappedValue::Fields(set) => set
                            .iter()
                            .filter_map(|(name, value)| fields.id(name).map(|f| (f, value)))
                            .collect(),
                    };
                    (source.as_str(), sets)
                })
                .collect();
            let mut targets: Vec<FieldId> = to.values().flatten().map(|&(f, _)| f).collect();
            targets.sort_unstable();
            targets.dedup();
            maps[id as usize] = Some(ValueMap { field, to, targets });
        }
        Ok(Export {
            options,
            fields,
            maps,
        })
    }

    /// Whether every cell reads as it is.
    pub(crate) fn is_plain(&self) -> bool {
        self.options.null_marker.is_none() && self.maps.iter().all(Option::is_none)
    }

    /// The field a source field name fills, when the policy set reads it.
    pub(crate) fn field(&self, source: &str) -> Option<FieldId> {
        let name = self
            .options
            .field_names
            .get(source)
            .map_or(source, String::as_str);
        self.fields.id(name)
    }

    /// The fields whose columns are `columns`, read ones only.
    pub(crate) fn columns<'t>(
        &self,
        columns: &'t [ValueColumn<'t>],
    ) -> Vec<(FieldId, &'t ValueColumn<'t>)> {
        columns
            .iter()
            .filter_map(|column| self.field(column.name()).map(|id| (id, column)))
            .collect()
    }

    /// Pushes what `value`, a cell of field `field` at `column[row]`, sets:
    /// the field itself, or what its mapping says. A value a strict reading
    /// cannot map is an error naming the cell; a lenient one keeps it, counts
    /// it in `unmapped` and answers `true`.
    pub(crate) fn assign<'v>(
        &self,
        field: FieldId,
        value: &'v Value,
        (column, row): (&str, usize),
        out: &mut Vec<(FieldId, &'v Value)>,
        unmapped: &mut Unmapped,
    ) -> Result<bool>
    where
        'o: 'v,
    {
        let value = match value {
            Value::String(text) if self.options.reads_as_null(text) => &NULL,
            _ => value,
        };
        let Some(map) = &self.maps[field as usize] else {
            out.push((field, value));
            return Ok(false);
        };
        if value.is_null() {
            out.push((field, value));
            return Ok(false);
        }
        match map.to.get(key_text(value).as_ref()) {
            Some(sets) => {
                out.extend(sets.iter().copied());
                Ok(false)
            }
            None if self.options.strict => Err(bad_cell(
                column,
                row,
                format!(
                    "{value} has no mapping in options.values.{} (strict; set \"strict\": false to keep and count it)",
                    map.field
                ),
            )),
            None => {
                self.count_unmapped(field, value, unmapped);
                out.push((field, value));
                Ok(true)
            }
        }
    }

    /// Counts a value of a mapped field kept for want of a mapping.
    fn count_unmapped(&self, field: FieldId, value: &Value, unmapped: &mut Unmapped) {
        let Some(map) = &self.maps[field as usize] else {
            return;
        };
        let text = key_text(value);
        let counts = match unmapped.get_mut(map.field) {
            Some(counts) => counts,
            None => unmapped.entry(map.field.to_owned()).or_default(),
        };
        match counts.get_mut(text.as_ref()) {
            Some(n) => *n += 1,
            None => {
                counts.insert(text.into_owned(), 1);
            }
        }
    }

    /// The fields a row of attribute columns gives, in `values` by field id:
    /// every field the columns or their mappings fill holds its value or null.
    /// A column's own field is set first and what mappings set other fields
    /// to after, so that a mapping overrides another column. Each distinct
    /// value of a column is read once, into `cache`.
    pub(crate) fn row<'v>(
        &self,
        columns: &[(FieldId, &'v ValueColumn<'v>)],
        row: usize,
        values: &mut [Option<&'v Value>],
        cache: &mut ReadCache<'v>,
        unmapped: &mut Unmapped,
    ) -> Result<()>
    where
        'o: 'v,
    {
        if cache.keys.len() != columns.len() {
            cache.keys = columns
                .iter()
                .map(|(_, column)| vec![None; column.distinct()])
                .collect();
        }
        values.iter_mut().for_each(|v| *v = None);
        cache.others.clear();
        for (c, &(field, column)) in columns.iter().enumerate() {
            values[field as usize].get_or_insert(&NULL);
            if let Some(map) = &self.maps[field as usize] {
                for &target in &map.targets {
                    values[target as usize].get_or_insert(&NULL);
                }
            }
            let Some(key) = column.key(row) else {
                continue;
            };
            let (from, to) = match cache.keys[c][key as usize] {
                Some((from, to, kept)) => {
                    if kept {
                        self.count_unmapped(field, column.get(row), unmapped);
                    }
                    (from, to)
                }
                None => {
                    let from = cache.sets.len() as u32;
                    let cell = (column.name(), row);
                    let kept =
                        self.assign(field, column.get(row), cell, &mut cache.sets, unmapped)?;
                    let to = cache.sets.len() as u32;
                    cache.keys[c][key as usize] = Some((from, to, kept));
                    (from, to)
                }
            };
            for &(target, value) in &cache.sets[from as usize..to as usize] {
                if target == field {
                    values[field as usize] = Some(value);
                } else {
                    cache.others.push((target, value));
                }
            }
        }
        for &(target, value) in &cache.others {
            values[target as usize] = Some(value);
        }
        Ok(())
    }
}
