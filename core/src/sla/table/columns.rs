//! Columns as a table hands them over: instants as integer milliseconds with a
//! validity mask, borrowed where the host's memory allows; scalar values
//! dictionary-encoded, so that a value the policy set compares is one
//! [`Value`] however many rows hold it.

use std::collections::HashMap;
use std::hash::Hash;

use serde_json::Value;

use crate::document::canonical_number;
use crate::error::{Error, Result};
use crate::time::check_range;

/// The error for a bad cell: names the column and the row.
pub(crate) fn bad_cell(column: &str, row: usize, reason: impl std::fmt::Display) -> Error {
    Error::InvalidInput {
        path: format!("{column}[{row}]"),
        reason: reason.to_string(),
    }
}

/// A column of instants: milliseconds since the Unix epoch (UTC), with the rows
/// that hold no value marked in `valid`.
///
/// # Example
/// ```
/// use itsm_core::sla::InstantColumn;
/// let values = [1_764_000_000_000, 0];
/// let valid = [true, false];
/// let column = InstantColumn::new("resolved", &values).with_validity(&valid);
/// assert_eq!(column.get(0).unwrap(), Some(1_764_000_000_000));
/// assert_eq!(column.get(1).unwrap(), None);
/// assert_eq!(column.required(1).unwrap_err().to_string(), "resolved[1]: a value is required");
/// ```
#[derive(Debug, Clone, Copy)]
pub struct InstantColumn<'a> {
    name: &'a str,
    values: &'a [i64],
    valid: Option<&'a [bool]>,
}

impl<'a> InstantColumn<'a> {
    /// A column named `name` (for errors) in which every row holds a value.
    pub fn new(name: &'a str, values: &'a [i64]) -> InstantColumn<'a> {
        InstantColumn {
            name,
            values,
            valid: None,
        }
    }

    /// The same column with `valid[row]` false for the rows that hold no value.
    pub fn with_validity(mut self, valid: &'a [bool]) -> InstantColumn<'a> {
        self.valid = Some(valid);
        self
    }

    /// The column's name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// Its number of rows.
    pub fn len(&self) -> usize {
        self.values.len()
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }

    /// The instant of `row`, or `None` for a null.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the column and row when the instant lies
    /// outside the supported range.
    pub fn get(&self, row: usize) -> Result<Option<i64>> {
        if self.valid.is_some_and(|v| !v[row]) {
            return Ok(None);
        }
        let ms = self.values[row];
        check_range(ms).map_err(|e| bad_cell(self.name, row, e))?;
        Ok(Some(ms))
    }

    /// The instant of `row`, which must not be null.
    ///
    /// # Errors
    /// As [`InstantColumn::get`], and for a null.
    pub fn required(&self, row: usize) -> Result<i64> {
        self.get(row)?
            .ok_or_else(|| bad_cell(self.name, row, "a value is required"))
    }

    pub(crate) fn check_len(&self, rows: usize) -> Result<()> {
        check_len(self.name, self.values.len(), rows)?;
        match self.valid {
            Some(v) => check_len(self.name, v.len(), rows),
            None => Ok(()),
        }
    }
}

pub(crate) fn check_len(column: &str, len: usize, rows: usize) -> Result<()> {
    if len == rows {
        return Ok(());
    }
    Err(Error::InvalidInput {
        path: column.to_owned(),
        reason: format!("has {len} rows where the table has {rows}"),
    })
}

/// A column of scalar values (strings, integers, numbers, booleans),
/// dictionary-encoded: each row is a key into the column's distinct values.
///
/// # Example
/// ```
/// use itsm_core::sla::ValueColumn;
/// let column = ValueColumn::from_strs("priority", [Some("P1"), None, Some("P1")]);
/// assert_eq!(column.get(0), "P1");
/// assert!(column.get(1).is_null());
/// assert_eq!(column.distinct(), 1);
/// let numbers = ValueColumn::from_f64s("impact", [Some(2.0), Some(2.5)]);
/// assert_eq!(numbers.get(0), &serde_json::json!(2)); // a whole float is the integer it is
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct ValueColumn<'a> {
    name: &'a str,
    dictionary: Vec<Value>,
    keys: Vec<Option<u32>>,
}

const NULL: Value = Value::Null;

impl<'a> ValueColumn<'a> {
    fn encode<K: Hash + Eq>(
        name: &'a str,
        rows: impl IntoIterator<Item = Option<K>>,
        to_value: impl Fn(&K) -> Value,
    ) -> ValueColumn<'a> {
        let mut index: HashMap<K, u32> = HashMap::new();
        let mut dictionary = Vec::new();
        let keys = rows
            .into_iter()
            .map(|cell| {
                cell.map(|k| {
                    *index.entry(k).or_insert_with_key(|k| {
                        dictionary.push(to_value(k));
                        (dictionary.len() - 1) as u32
                    })
                })
            })
            .collect();
        ValueColumn {
            name,
            dictionary,
            keys,
        }
    }

    /// A column of strings (`None` for a null).
    pub fn from_strs<'s>(
        name: &'a str,
        rows: impl IntoIterator<Item = Option<&'s str>>,
    ) -> ValueColumn<'a> {
        ValueColumn::encode(name, rows, |s| Value::from(*s))
    }

    /// A column of integers.
    pub fn from_i64s(
        name: &'a str,
        rows: impl IntoIterator<Item = Option<i64>>,
    ) -> ValueColumn<'a> {
        ValueColumn::encode(name, rows, |n| Value::from(*n))
    }

    /// A column of booleans.
    pub fn from_bools(
        name: &'a str,
        rows: impl IntoIterator<Item = Option<bool>>,
    ) -> ValueColumn<'a> {
        ValueColumn::encode(name, rows, |b| Value::from(*b))
    }

    /// A column of numbers; a whole number is the integer it is (`2.0` is
    /// `2`), and NaN is a null.
    pub fn from_f64s(
        name: &'a str,
        rows: impl IntoIterator<Item = Option<f64>>,
    ) -> ValueColumn<'a> {
        let bits = rows
            .into_iter()
            .map(|cell| cell.filter(|x| !x.is_nan()).map(f64::to_bits));
        ValueColumn::encode(name, bits, |b| {
            canonical_number(Value::from(f64::from_bits(*b)))
        })
    }

    /// A column from keys into a dictionary of its distinct values, as an
    /// Arrow dictionary array holds it.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming the column and row of a key past the
    /// dictionary, or the column when a dictionary value is not a scalar.
    pub fn from_dictionary(
        name: &'a str,
        dictionary: Vec<Value>,
        keys: Vec<Option<u32>>,
    ) -> Result<ValueColumn<'a>> {
        if let Some(bad) = dictionary
            .iter()
            .position(|v| v.is_array() || v.is_object())
        {
            return Err(Error::InvalidInput {
                path: format!("{name}.dictionary[{bad}]"),
                reason: "a field value is a string, number, boolean or null".into(),
            });
        }
        if let Some(row) = keys
            .iter()
            .position(|k| k.is_some_and(|k| k as usize >= dictionary.len()))
        {
            return Err(bad_cell(
                name,
                row,
                "the key is past the end of the dictionary",
            ));
        }
        let dictionary = dictionary.into_iter().map(canonical_number).collect();
        Ok(ValueColumn {
            name,
            dictionary,
            keys,
        })
    }

    /// The column's name.
    pub fn name(&self) -> &'a str {
        self.name
    }

    /// Its number of rows.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether it has no rows.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many distinct values it holds.
    pub fn distinct(&self) -> usize {
        self.dictionary.len()
    }

    /// The value of `row` (null for a null).
    pub fn get(&self, row: usize) -> &Value {
        match self.keys[row] {
            Some(k) => &self.dictionary[k as usize],
            None => &NULL,
        }
    }

    pub(crate) fn key(&self, row: usize) -> Option<u32> {
        self.keys[row]
    }
}
