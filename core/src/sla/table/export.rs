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

/// How the cells of an export read as the fields a policy set reads.
pub(crate) struct Export<'o> {
    fields: &'o FieldTable,
    field_names: &'o BTreeMap<String, String>,
    /// By field id.
    maps: Vec<Option<ValueMap<'o>>>,
    null_marker: Option<&'o str>,
    strict: bool,
}

const NULL: Value = Value::Null;

impl<'o> Export<'o> {
    pub(crate) fn new(options: &'o TableOptions, fields: &'o FieldTable) -> Export<'o> {
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
        Export {
            fields,
            field_names: &options.field_names,
            maps,
            null_marker: options.null_marker.as_deref(),
            strict: options.strict,
        }
    }

    /// Whether every cell reads as it is.
    pub(crate) fn is_plain(&self) -> bool {
        self.null_marker.is_none() && self.maps.iter().all(Option::is_none)
    }

    /// The field a source field name fills, when the policy set reads it.
    pub(crate) fn field(&self, source: &str) -> Option<FieldId> {
        let name = self.field_names.get(source).map_or(source, String::as_str);
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
    /// cannot map is an error naming the cell; a lenient one keeps it and
    /// counts it in `unmapped`.
    pub(crate) fn assign<'v>(
        &self,
        field: FieldId,
        value: &'v Value,
        (column, row): (&str, usize),
        out: &mut Vec<(FieldId, &'v Value)>,
        unmapped: &mut Unmapped,
    ) -> Result<()>
    where
        'o: 'v,
    {
        let value = match (value, self.null_marker) {
            (Value::String(text), Some(marker)) if text == marker => &NULL,
            _ => value,
        };
        let Some(map) = &self.maps[field as usize] else {
            out.push((field, value));
            return Ok(());
        };
        let number;
        let text = match value {
            Value::Null => {
                out.push((field, value));
                return Ok(());
            }
            Value::String(text) => text.as_str(),
            other => {
                number = other.to_string();
                number.as_str()
            }
        };
        match map.to.get(text) {
            Some(sets) => out.extend(sets.iter().copied()),
            None if self.strict => {
                return Err(bad_cell(
                    column,
                    row,
                    format!(
                        "{value} has no mapping in options.values.{} (strict; set \"strict\": false to keep and count it)",
                        map.field
                    ),
                ));
            }
            None => {
                *unmapped
                    .entry(map.field.to_owned())
                    .or_default()
                    .entry(text.to_owned())
                    .or_default() += 1;
                out.push((field, value));
            }
        }
        Ok(())
    }

    /// The fields a row of attribute columns gives, in `values` by field id:
    /// every field the columns or their mappings fill holds its value or null.
    /// A column's own field is set first and what mappings set other fields
    /// to after, so that a mapping overrides another column.
    pub(crate) fn row<'v>(
        &self,
        columns: &[(FieldId, &'v ValueColumn<'v>)],
        row: usize,
        values: &mut [Option<&'v Value>],
        assigned: &mut Vec<(FieldId, &'v Value)>,
        unmapped: &mut Unmapped,
    ) -> Result<()>
    where
        'o: 'v,
    {
        values.iter_mut().for_each(|v| *v = None);
        assigned.clear();
        for &(field, column) in columns {
            values[field as usize].get_or_insert(&NULL);
            if let Some(map) = &self.maps[field as usize] {
                for &target in &map.targets {
                    values[target as usize].get_or_insert(&NULL);
                }
            }
            let from = assigned.len();
            self.assign(
                field,
                column.get(row),
                (column.name(), row),
                assigned,
                unmapped,
            )?;
            let mut k = from;
            while k < assigned.len() {
                if assigned[k].0 == field {
                    values[field as usize] = Some(assigned.remove(k).1);
                } else {
                    k += 1;
                }
            }
        }
        for &(target, value) in assigned.iter() {
            values[target as usize] = Some(value);
        }
        Ok(())
    }
}
