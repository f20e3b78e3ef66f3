//! The priority matrix for JavaScript: impact x urgency to a priority, with
//! ordered overrides tested on a record's fields.
//!
//! The matrix document comes in as a plain object or JSON text; a record's
//! fields as a plain object of JavaScript values (a `Date` is read as its ISO
//! text, a safe-integer `bigint` as that number). The answer goes out as the
//! core's document, a plain object under the core's snake_case keys.

use napi::Result;
use napi::bindgen_prelude::Unknown;
use napi_derive::napi;
use serde_json::Value;

use itsm_core::Finding;
use itsm_core::priority::PriorityAnswer;

use crate::{Data, Document, ItsmCode, Kind, document, read_fields, text, to_js};

/// Impact x urgency to priority, with ordered overrides (the first whose
/// condition holds on the record's fields applies), validated.
///
/// Build one with `PriorityMatrix.fromJSON(document)` or
/// `PriorityMatrix.itil()` (ITIL's 3 x 3 to P1-P5, a VIP caller raised one
/// step). Answers are plain objects under the core's snake_case keys.
#[napi]
pub struct PriorityMatrix {
    inner: itsm_core::priority::PriorityMatrix,
}

#[napi]
impl PriorityMatrix {
    /// Reads a priority matrix document: a plain object, or the same document
    /// as JSON text.
    ///
    /// Throws `ITSM_INVALID_CONFIG` naming the path of the first bad field,
    /// for example `matrix.high: no priority for urgency "low"`, and
    /// `ITSM_INVALID_ARGUMENT` when `doc` is neither an object nor a string.
    #[napi(
        factory,
        js_name = "fromJSON",
        ts_args_type = "doc: PriorityMatrixDocument | string",
        catch_unwind
    )]
    pub fn from_json(doc: Unknown<'_>) -> Result<PriorityMatrix, ItsmCode> {
        let inner = match document("doc", "a priority matrix document", doc, Kind::Config)? {
            Document::Text(text) => itsm_core::priority::PriorityMatrix::from_json(&text),
            Document::Data(value) => itsm_core::priority::PriorityMatrix::from_value(&value),
        };
        inner.map(|inner| PriorityMatrix { inner }).map_err(to_js)
    }

    /// ITIL's matrix, the default: impact and urgency `high`, `medium`, `low`
    /// to `P1` (critical) to `P5` (planning), with one override: a record
    /// whose `vip` field is `true` is raised one step.
    #[napi(factory, catch_unwind)]
    pub fn itil() -> PriorityMatrix {
        PriorityMatrix {
            inner: itsm_core::priority::PriorityMatrix::itil(),
        }
    }

    /// The priority matrix document as a plain object; `PriorityMatrix.fromJSON`
    /// reads it back, and `JSON.stringify(matrix)` writes it.
    #[napi(
        js_name = "toJSON",
        ts_return_type = "PriorityMatrixDocument",
        catch_unwind
    )]
    pub fn to_json(&self) -> Value {
        self.inner.to_value()
    }

    /// The known traps in the matrix: a priority no cell or override can give
    /// (`unused_priority`), an override that an earlier one always shadows
    /// (`unreachable_override`), an override that never changes the answer
    /// (`override_changes_nothing`). Empty when there is nothing to say.
    ///
    /// ```js
    /// for (const { path, code, message } of matrix.lint()) console.warn(`${path}: ${message} (${code})`)
    /// ```
    #[napi(ts_return_type = "Array<Finding>", catch_unwind)]
    pub fn lint(&self) -> Data<Vec<Finding>> {
        Data(self.inner.lint())
    }

    /// The priority of a record of this `impact` and `urgency` whose fields
    /// are `fields` (tested by the overrides; none when left out): the
    /// `priority` to use, the cell's `matrix_priority`, and the path and name
    /// of the override that applied (`override_applied`, `override_name`, or
    /// `null`).
    ///
    /// Throws `ITSM_INVALID_ARGUMENT` naming `impact` or `urgency` when the
    /// matrix does not know the value or it is not a string, and naming
    /// `fields` when they are not an object of field values.
    #[napi(
        ts_args_type = "impact: string, urgency: string, fields?: FieldValues | null",
        ts_return_type = "PriorityAnswer",
        catch_unwind
    )]
    pub fn priority(
        &self,
        impact: Unknown<'_>,
        urgency: Unknown<'_>,
        fields: Option<Unknown<'_>>,
    ) -> Result<Data<PriorityAnswer>, ItsmCode> {
        let impact = text("impact", impact)?;
        let urgency = text("urgency", urgency)?;
        let fields = read_fields("fields", fields)?;
        self.inner
            .priority(&impact, &urgency, &fields)
            .map(Data)
            .map_err(to_js)
    }
}
