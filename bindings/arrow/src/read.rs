//! Reading Arrow columns into the core's column types.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch, StructArray};
use arrow_schema::{DataType, TimeUnit};
use itsm_core::Error;
use itsm_core::sla::{
    EventTable, InstantColumn, PauseColumn, PolicySet, SnapshotTable, TableOptions, TicketTable,
    ValueColumn,
};

pub(crate) fn bad_column(column: &str, reason: impl Into<String>) -> Error {
    Error::InvalidInput {
        path: column.to_owned(),
        reason: reason.into(),
    }
}

/// The batches of one table joined into one batch.
pub(crate) fn join(batches: &[RecordBatch]) -> Result<RecordBatch, Error> {
    let Some(first) = batches.first() else {
        return Err(bad_column("table", "has no batches and so no schema"));
    };
    arrow_select::concat::concat_batches(&first.schema(), batches)
        .map_err(|e| bad_column("table", format!("its batches cannot be joined: {e}")))
}

/// Strings read from a column: borrowed from a string array, or written from
/// integers (ids that are numbers).
pub enum Strings<'a> {
    /// Borrowed.
    Borrowed(Vec<&'a str>),
    /// Written from another type.
    Owned(Vec<String>),
}

impl<'a> Strings<'a> {
    pub(crate) fn read(batch: &'a RecordBatch, column: &str) -> Result<Strings<'a>, Error> {
        let array = find(batch, column)?;
        if array.null_count() > 0 {
            let row = (0..array.len()).find(|&r| array.is_null(r)).unwrap_or(0);
            return Err(bad_column(
                &format!("{column}[{row}]"),
                "a value is required",
            ));
        }
        if let Some(texts) = text_cells(array.as_ref()) {
            return Ok(Strings::Borrowed(
                texts.into_iter().map(Option::unwrap_or_default).collect(),
            ));
        }
        if let Some(numbers) = integers(array.as_ref()) {
            return Ok(Strings::Owned(
                numbers
                    .into_iter()
                    .map(|n| n.unwrap_or_default().to_string())
                    .collect(),
            ));
        }
        Err(bad_column(
            column,
            format!("expected strings or integers, found {}", array.data_type()),
        ))
    }

    /// Each row's string.
    pub fn as_strs(&self) -> Vec<&str> {
        match self {
            Strings::Borrowed(v) => v.clone(),
            Strings::Owned(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

fn find<'b>(batch: &'b RecordBatch, column: &str) -> Result<&'b ArrayRef, Error> {
    batch.column_by_name(column).ok_or_else(|| {
        let names: Vec<&str> = batch
            .schema_ref()
            .fields()
            .iter()
            .map(|f| f.name().as_str())
            .collect();
        bad_column(
            column,
            format!(
                "the table has no such column (it has {})",
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        )
    })
}

/// The cells of a string column, plain or dictionary-encoded, null where a
/// cell is; `None` for a column of another type.
pub(crate) fn text_cells(array: &dyn Array) -> Option<Vec<Option<&str>>> {
    if let Some(cells) = texts(array) {
        return Some(cells);
    }
    let DataType::Dictionary(_, _) = array.data_type() else {
        return None;
    };
    let dictionary = array.as_any_dictionary();
    let names = texts(dictionary.values().as_ref())?;
    // Arrow refuses to normalize the keys of an empty dictionary, which only
    // a column without values has.
    if names.is_empty() {
        return Some(vec![None; array.len()]);
    }
    Some(
        dictionary
            .normalized_keys()
            .into_iter()
            .enumerate()
            .map(|(row, key)| if array.is_null(row) { None } else { names[key] })
            .collect(),
    )
}

fn texts(array: &dyn Array) -> Option<Vec<Option<&str>>> {
    if let Some(a) = array.as_string_opt::<i32>() {
        return Some(a.iter().collect());
    }
    if let Some(a) = array.as_string_opt::<i64>() {
        return Some(a.iter().collect());
    }
    array.as_string_view_opt().map(|a| a.iter().collect())
}

pub(crate) fn integers(array: &dyn Array) -> Option<Vec<Option<i64>>> {
    macro_rules! widen {
        ($($t:ty),*) => {
            $(if let Some(a) = array.as_primitive_opt::<$t>() {
                return Some(a.iter().map(|v| v.map(|v| v as i64)).collect());
            })*
        };
    }
    widen!(
        Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type
    );
    if let Some(a) = array.as_primitive_opt::<UInt64Type>() {
        return Some(
            a.iter()
                .map(|v| v.and_then(|v| i64::try_from(v).ok()))
                .collect(),
        );
    }
    None
}

/// Instants in milliseconds with their validity, from a timestamp column that
/// carries a time zone or, read by a table's options, naive timestamps or
/// timestamp text.
struct Instants {
    name: String,
    values: Vec<i64>,
    valid: Option<Vec<bool>>,
}

impl Instants {
    /// Reads `array`; with `export`, the options of a table, naive
    /// timestamps are wall times of its zone and text reads as it says.
    fn read(
        array: &dyn Array,
        name: &str,
        export: Option<&TableOptions>,
    ) -> Result<Instants, Error> {
        if let (Some(options), Some(cells)) = (export, text_cells(array)) {
            return Instants::text(&cells, name, options);
        }
        if array.data_type() == &DataType::Null {
            // A column with no value at all, as an export's empty column reads.
            return Ok(Instants {
                name: name.to_owned(),
                values: vec![0; array.len()],
                valid: Some(vec![false; array.len()]),
            });
        }
        let DataType::Timestamp(unit, zone) = array.data_type() else {
            let text = if export.is_some() {
                "timestamps or timestamp text"
            } else {
                "timestamps with a time zone"
            };
            return Err(bad_column(
                name,
                format!("expected {text}, found {}", array.data_type()),
            ));
        };
        let local = match (zone, export) {
            (Some(_), _) => None,
            (None, Some(options)) if options.time_zone.is_some() => Some(options),
            (None, _) => {
                return Err(bad_column(
                    name,
                    "naive timestamps (no time zone): say which zone they are in (options.time_zone, or pandas: .dt.tz_localize(\"Europe/Berlin\"), polars: .dt.replace_time_zone(...)), or UTC",
                ));
            }
        };
        let raw: Vec<i64> = match unit {
            TimeUnit::Second => array
                .as_primitive::<arrow_array::types::TimestampSecondType>()
                .values()
                .iter()
                .map(|s| s.saturating_mul(1000))
                .collect(),
            TimeUnit::Millisecond => array
                .as_primitive::<arrow_array::types::TimestampMillisecondType>()
                .values()
                .to_vec(),
            TimeUnit::Microsecond => array
                .as_primitive::<arrow_array::types::TimestampMicrosecondType>()
                .values()
                .iter()
                .map(|us| us.div_euclid(1000))
                .collect(),
            TimeUnit::Nanosecond => array
                .as_primitive::<arrow_array::types::TimestampNanosecondType>()
                .values()
                .iter()
                .map(|ns| ns.div_euclid(1_000_000))
                .collect(),
        };
        let valid: Option<Vec<bool>> = array
            .nulls()
            .filter(|n| n.null_count() > 0)
            .map(|n| n.iter().collect());
        let mut values = raw;
        if let Some(options) = local {
            for (row, value) in values.iter_mut().enumerate() {
                if valid.as_ref().is_none_or(|v| v[row]) {
                    *value = options
                        .local_instant(*value)
                        .map_err(|reason| bad_column(&format!("{name}[{row}]"), reason))?;
                }
            }
        }
        Ok(Instants {
            name: name.to_owned(),
            values,
            valid,
        })
    }

    /// Timestamp text, read as the table's options say.
    fn text(cells: &[Option<&str>], name: &str, options: &TableOptions) -> Result<Instants, Error> {
        let instants = cells
            .iter()
            .enumerate()
            .map(|(row, cell)| match cell {
                Some(text) if !options.reads_as_null(text) => options
                    .text_instant(text)
                    .map(Some)
                    .map_err(|reason| bad_column(&format!("{name}[{row}]"), reason)),
                _ => Ok(None),
            })
            .collect::<Result<Vec<Option<i64>>, Error>>()?;
        let valid = instants
            .iter()
            .any(Option::is_none)
            .then(|| instants.iter().map(Option::is_some).collect());
        Ok(Instants {
            name: name.to_owned(),
            values: instants.iter().map(|i| i.unwrap_or(0)).collect(),
            valid,
        })
    }

    fn column(&self) -> InstantColumn<'_> {
        let column = InstantColumn::new(&self.name, &self.values);
        match &self.valid {
            Some(valid) => column.with_validity(valid),
            None => column,
        }
    }
}

/// A column of scalars, dictionary-encoded for the core.
fn values<'a>(array: &'a dyn Array, name: &'a str) -> Result<ValueColumn<'a>, Error> {
    if let Some(texts) = texts(array) {
        return Ok(ValueColumn::from_strs(name, texts));
    }
    if let Some(numbers) = integers(array) {
        return Ok(ValueColumn::from_i64s(name, numbers));
    }
    if let Some(a) = array.as_primitive_opt::<arrow_array::types::Float64Type>() {
        return Ok(ValueColumn::from_f64s(name, a.iter()));
    }
    if let Some(a) = array.as_primitive_opt::<arrow_array::types::Float32Type>() {
        return Ok(ValueColumn::from_f64s(
            name,
            a.iter().map(|v| v.map(f64::from)),
        ));
    }
    if let Some(a) = array.as_boolean_opt() {
        return Ok(ValueColumn::from_bools(name, a.iter()));
    }
    if let DataType::Dictionary(_, _) = array.data_type() {
        let dictionary = array.as_any_dictionary();
        // An empty dictionary (no rows, or every row null) has no keys to
        // normalize, and arrow refuses to try.
        let keys: Vec<Option<u32>> = if dictionary.values().is_empty() {
            vec![None; array.len()]
        } else {
            dictionary
                .normalized_keys()
                .into_iter()
                .enumerate()
                .map(|(row, key)| (!array.is_null(row)).then_some(key as u32))
                .collect()
        };
        let distinct = values(dictionary.values().as_ref(), name)?;
        let dictionary_values: Vec<serde_json::Value> = (0..distinct.len())
            .map(|k| distinct.get(k).clone())
            .collect();
        return ValueColumn::from_dictionary(name, dictionary_values, keys);
    }
    Err(bad_column(
        name,
        format!(
            "expected strings, integers, numbers or booleans, found {}",
            array.data_type()
        ),
    ))
}

/// The columns of one batch, converted where the core needs another layout,
/// from which the core's table borrows.
pub struct TableColumns<'b> {
    batch: &'b RecordBatch,
    ids: Strings<'b>,
    instants: Vec<Instants>,
    pauses: Option<(Vec<usize>, Instants, Instants)>,
    fields: Vec<&'b str>,
}

impl<'b> TableColumns<'b> {
    /// The columns of a tickets table.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a missing or mistyped column.
    pub fn tickets(
        batch: &'b RecordBatch,
        options: &TableOptions,
        set: &PolicySet,
    ) -> Result<TableColumns<'b>, Error> {
        let ids = Strings::read(batch, &options.id)?;
        let mut instants = vec![Instants::read(
            find(batch, &options.opened)?.as_ref(),
            &options.opened,
            Some(options),
        )?];
        if let Some(resolved) = batch.column_by_name(&options.resolved) {
            instants.push(Instants::read(
                resolved.as_ref(),
                &options.resolved,
                Some(options),
            )?);
        }
        let pauses = match batch.column_by_name(&options.pauses) {
            Some(list) => Some(pause_columns(list, options)?),
            None => None,
        };
        Ok(TableColumns {
            batch,
            ids,
            instants,
            pauses,
            fields: field_columns(batch, options, set)?,
        })
    }

    /// The columns of an events table.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a missing or mistyped column.
    pub fn events(
        batch: &'b RecordBatch,
        options: &TableOptions,
    ) -> Result<TableColumns<'b>, Error> {
        let columns = TableColumns::events_instants(batch, options)?;
        find(batch, &options.field)?;
        find(batch, &options.value)?;
        if let Some(order) = &options.order {
            find(batch, order)?;
        }
        Ok(columns)
    }

    /// The columns of a snapshots table.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a missing or mistyped column.
    pub fn snapshots(
        batch: &'b RecordBatch,
        options: &TableOptions,
        set: &PolicySet,
    ) -> Result<TableColumns<'b>, Error> {
        let mut columns = TableColumns::events_instants(batch, options)?;
        if let Some(order) = &options.order {
            find(batch, order)?;
        }
        columns.fields = field_columns(batch, options, set)?;
        Ok(columns)
    }

    fn events_instants(
        batch: &'b RecordBatch,
        options: &TableOptions,
    ) -> Result<TableColumns<'b>, Error> {
        let ids = Strings::read(batch, &options.id)?;
        let mut instants = vec![Instants::read(
            find(batch, &options.at)?.as_ref(),
            &options.at,
            Some(options),
        )?];
        if let Some(created) = &options.created {
            instants.push(Instants::read(
                find(batch, created)?.as_ref(),
                created,
                Some(options),
            )?);
        }
        Ok(TableColumns {
            batch,
            ids,
            instants,
            pauses: None,
            fields: Vec::new(),
        })
    }

    /// The order column, when the options name one.
    fn order<'o>(&'o self, options: &'o TableOptions) -> Result<Option<ValueColumn<'o>>, Error> {
        match &options.order {
            Some(name) => {
                let array = self.batch.column_by_name(name).expect("checked when read");
                Ok(Some(values(array.as_ref(), name)?))
            }
            None => Ok(None),
        }
    }

    /// The attribute columns.
    fn attribute_columns(&self) -> Result<Vec<ValueColumn<'_>>, Error> {
        let mut fields = Vec::with_capacity(self.fields.len());
        for name in &self.fields {
            let array = self
                .batch
                .column_by_name(name)
                .expect("chosen among the batch's columns");
            fields.push(values(array.as_ref(), name)?);
        }
        Ok(fields)
    }

    /// The core's snapshots table over these columns.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a mistyped column.
    pub fn snapshot_table<'o>(
        &'o self,
        options: &'o TableOptions,
    ) -> Result<SnapshotTable<'o>, Error> {
        Ok(SnapshotTable {
            ids: self.ids.as_strs(),
            at: self.instants[0].column(),
            created: self.instants.get(1).map(Instants::column),
            order: self.order(options)?,
            fields: self.attribute_columns()?,
        })
    }

    /// The core's tickets table over these columns.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a mistyped attribute column.
    pub fn ticket_table<'o>(&'o self, options: &'o TableOptions) -> Result<TicketTable<'o>, Error> {
        let fields = self.attribute_columns()?;
        Ok(TicketTable {
            ids: self.ids.as_strs(),
            opened: self.instants[0].column(),
            resolved: self
                .instants
                .get(1)
                .filter(|i| i.name == options.resolved)
                .map(Instants::column),
            pauses: self
                .pauses
                .as_ref()
                .map(|(offsets, starts, ends)| PauseColumn {
                    name: &options.pauses,
                    offsets: offsets.clone(),
                    starts: starts.column(),
                    ends: ends.column(),
                }),
            fields,
        })
    }

    /// The core's events table over these columns.
    ///
    /// # Errors
    /// [`Error::InvalidInput`] naming a mistyped column.
    pub fn event_table<'o>(&'o self, options: &'o TableOptions) -> Result<EventTable<'o>, Error> {
        let column = |name: &str| self.batch.column_by_name(name).expect("checked when read");
        let event_type = match self.batch.column_by_name(&options.event_type) {
            Some(kinds) => Some(values(kinds.as_ref(), &options.event_type)?),
            None => None,
        };
        Ok(EventTable {
            ids: self.ids.as_strs(),
            at: self.instants[0].column(),
            field: values(column(&options.field).as_ref(), &options.field)?,
            value: values(column(&options.value).as_ref(), &options.value)?,
            event_type,
            created: self.instants.get(1).map(Instants::column),
            order: self.order(options)?,
        })
    }
}

/// The attribute columns to read: those named in the options, or every column
/// named like a field the set reads or renamed to one.
fn field_columns<'b>(
    batch: &'b RecordBatch,
    options: &TableOptions,
    set: &PolicySet,
) -> Result<Vec<&'b str>, Error> {
    let schema = batch.schema_ref();
    match &options.fields {
        Some(names) => names
            .iter()
            .map(|name| {
                find(batch, name)?;
                let field = schema.field_with_name(name).expect("found above");
                Ok(field.name().as_str())
            })
            .collect(),
        None => {
            let read = set.fields_read();
            Ok(schema
                .fields()
                .iter()
                .map(|f| f.name().as_str())
                .filter(|name| {
                    let field = options.field_names.get(*name).map_or(*name, String::as_str);
                    read.contains(&field) && *name != options.id
                })
                .collect())
        }
    }
}

fn pause_columns(
    list: &ArrayRef,
    options: &TableOptions,
) -> Result<(Vec<usize>, Instants, Instants), Error> {
    let name = &options.pauses;
    let (offsets, items): (Vec<usize>, &ArrayRef) = if let Some(l) = list.as_list_opt::<i32>() {
        (
            l.value_offsets().iter().map(|&o| o as usize).collect(),
            l.values(),
        )
    } else if let Some(l) = list.as_list_opt::<i64>() {
        (
            l.value_offsets().iter().map(|&o| o as usize).collect(),
            l.values(),
        )
    } else {
        return Err(bad_column(
            name,
            format!(
                "expected a list of {{{}, {}}} structs, found {}",
                options.pause_start,
                options.pause_end,
                list.data_type()
            ),
        ));
    };
    // A null list is no pauses: its offsets already give it none.
    let items: &StructArray = items.as_struct_opt().ok_or_else(|| {
        bad_column(
            name,
            format!(
                "expected a list of structs, found a list of {}",
                items.data_type()
            ),
        )
    })?;
    let part = |field: &str| -> Result<Instants, Error> {
        let path = format!("{name}.{field}");
        let column = items
            .column_by_name(field)
            .ok_or_else(|| bad_column(&path, "the pauses' structs have no such field"))?;
        Instants::read(column.as_ref(), &path, Some(options))
    };
    Ok((
        offsets,
        part(&options.pause_start)?,
        part(&options.pause_end)?,
    ))
}

/// A timestamp column (with a time zone) as optional milliseconds.
pub(crate) fn instants_of(array: &dyn Array, name: &str) -> Result<Vec<Option<i64>>, Error> {
    let instants = Instants::read(array, name, None)?;
    Ok(match &instants.valid {
        Some(valid) => instants
            .values
            .iter()
            .zip(valid)
            .map(|(&v, &ok)| ok.then_some(v))
            .collect(),
        None => instants.values.into_iter().map(Some).collect(),
    })
}
