//! Arrow tables in and out: SLA evaluation of whole tables and business-time
//! arithmetic over whole columns. Any Arrow PyCapsule producer is read
//! (pyarrow Table or RecordBatchReader, polars DataFrame, DuckDB results,
//! pandas through pyarrow); results are pyarrow objects. The conversions live
//! in `itsm-arrow`, shared with the Node binding.

use itsm_core::sla::{PolicySet, TableOptions};
use pyo3::exceptions::PyTypeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3_arrow::input::{AnyArray, AnyRecordBatch};
use pyo3_arrow::{PyArray, PyTable};

use crate::exceptions::core_error;
use crate::{instant, json, type_name};

/// Reads `table` (any Arrow stream producer) into record batches.
pub(crate) fn batches(
    table: &Bound<'_, PyAny>,
) -> PyResult<(Vec<arrow_array::RecordBatch>, arrow_schema::SchemaRef)> {
    let input: AnyRecordBatch = table.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "argument `table`: expected an Arrow table (pyarrow Table or RecordBatchReader, polars DataFrame, DuckDB result; for pandas, pyarrow.Table.from_pandas(df)), found {}",
            type_name(table)
        ))
    })?;
    let reader = input.into_reader()?;
    let schema = reader.schema();
    let batches = reader
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| PyTypeError::new_err(format!("argument `table`: {e}")))?;
    Ok((batches, schema))
}

/// The `options` argument: a `TableOptions` document, or the defaults.
pub(crate) fn table_options(options: Option<&Bound<'_, PyAny>>) -> PyResult<TableOptions> {
    match options {
        Some(options) => {
            let value = json::to_value_at(options, json::Kind::Argument, "options")?;
            TableOptions::from_value(&value).map_err(|e| core_error(options.py(), &e))
        }
        None => Ok(TableOptions::default()),
    }
}

/// `PolicySet.evaluate_table`: see the method's documentation in `sla.rs`.
pub(crate) fn evaluate_table<'py>(
    set: &PolicySet,
    table: &Bound<'py, PyAny>,
    now: &Bound<'py, PyAny>,
    options: Option<&Bound<'py, PyAny>>,
    threads: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let py = table.py();
    let now = instant(now, "now")?;
    let options = table_options(options)?;
    if threads == 0 {
        return Err(core_error(
            py,
            &itsm_core::Error::invalid_argument("threads", "must be at least 1"),
        ));
    }
    let (batches, _) = batches(table)?;
    let (results, _) = py
        .detach(|| itsm_arrow::evaluate(set, &batches, now, &options, threads))
        .map_err(|e| core_error(py, &e))?;
    let schema = results.schema();
    PyTable::try_new(vec![results], schema)?.into_pyarrow(py)
}

fn array(arg: &Bound<'_, PyAny>, name: &str) -> PyResult<arrow_array::ArrayRef> {
    let input: AnyArray = arg.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "argument `{name}`: expected an Arrow array (pyarrow Array or ChunkedArray, polars Series), found {}",
            type_name(arg)
        ))
    })?;
    let chunked = input.into_chunked_array()?;
    let chunks: Vec<&dyn arrow_array::Array> =
        chunked.chunks().iter().map(|c| c.as_ref()).collect();
    match chunks.as_slice() {
        [one] => Ok(arrow_array::make_array(one.to_data())),
        _ => arrow_select::concat::concat(&chunks)
            .map_err(|e| PyTypeError::new_err(format!("argument `{name}`: {e}"))),
    }
}

/// `Calendar.business_duration_array` and `Calendar.add_business_array`.
pub(crate) fn calendar_columns<'py>(
    calendar: &itsm_core::Calendar,
    first: &Bound<'py, PyAny>,
    second: &Bound<'py, PyAny>,
    add: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let py = first.py();
    let start = array(first, "start")?;
    let other = array(second, if add { "duration" } else { "end" })?;
    let result = py
        .detach(|| match add {
            true => itsm_arrow::add_business(calendar, start.as_ref(), other.as_ref()),
            false => itsm_arrow::business_duration(calendar, start.as_ref(), other.as_ref()),
        })
        .map_err(|e| core_error(py, &e))?;
    let array = PyArray::from_array_ref(result).into_pyobject(py)?;
    py.import(intern!(py, "pyarrow"))?
        .getattr(intern!(py, "array"))?
        .call1((array,))
}
