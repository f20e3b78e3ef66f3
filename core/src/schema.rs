//! JSON Schemas of the leaf values that documents share, for the schemas that
//! `schemars` derives from the document types (published under `schemas/`).
//!
//! Each type here stands for a value's JSON form in a `#[schemars(with = ...)]`
//! attribute; none is ever built.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

macro_rules! leaf {
    ($(#[$doc:meta])* $name:ident, $schema:tt) => {
        $(#[$doc])*
        pub(crate) struct $name;

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!($schema)
            }
        }
    };
}

leaf!(
    /// An RFC 3339 instant with an offset; written in UTC with milliseconds.
    Instant,
    {
        "type": "string",
        "format": "date-time",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$",
        "description": "An RFC 3339 instant with an offset (2026-11-23T09:00:00Z); results use the canonical form 2026-11-23T09:00:00.000Z."
    }
);

leaf!(
    /// An optional instant.
    OptionalInstant,
    {
        "type": ["string", "null"],
        "format": "date-time",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})$",
        "description": "An RFC 3339 instant with an offset, or null."
    }
);

leaf!(
    /// An ISO 8601 duration of hours, minutes and seconds.
    Duration,
    {
        "type": "string",
        "pattern": "^PT(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d{1,3})?S)?$",
        "description": "An ISO 8601 duration of hours, minutes and seconds (PT8H, PT1H30M, PT0.5S); days are ambiguous and refused."
    }
);

leaf!(
    /// A duration in whole milliseconds, in a result.
    DurationMs,
    {
        "type": "integer",
        "description": "A duration in whole milliseconds."
    }
);

leaf!(
    /// An optional duration in whole milliseconds, in a result.
    OptionalDurationMs,
    {
        "type": ["integer", "null"],
        "description": "A duration in whole milliseconds, or null."
    }
);

leaf!(
    /// A field value: a string, number, boolean or null.
    Scalar,
    {
        "type": ["string", "number", "boolean", "null"],
        "description": "A field value: a string, number, boolean or null."
    }
);

leaf!(
    /// What a source value of an export maps to: the field's own value, or
    /// several fields' values.
    MappedValue,
    {
        "anyOf": [
            {"type": ["string", "number", "boolean", "null"]},
            {"type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]}}
        ],
        "description": "The field's value (\"P3\"), or several fields' values ({\"state\": \"on_hold\", \"hold_reason\": \"awaiting_caller\"})."
    }
);

leaf!(
    /// A non-empty list of field values.
    Scalars,
    {
        "type": "array",
        "minItems": 1,
        "items": {"type": ["string", "number", "boolean", "null"]}
    }
);

leaf!(
    /// An IANA time zone name.
    TimeZone,
    {
        "type": "string",
        "description": "An IANA time zone name (Europe/Berlin, America/New_York, UTC).",
        "examples": ["Europe/Berlin"]
    }
);

leaf!(
    /// A local date.
    Date,
    {
        "type": "string",
        "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
        "format": "date",
        "description": "A local date YYYY-MM-DD."
    }
);

leaf!(
    /// A weekday key.
    WeekdayKey,
    {
        "type": "string",
        "enum": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    }
);

leaf!(
    /// One name, or a non-empty list of names.
    OneOrManyNames,
    {
        "oneOf": [
            {"type": "string"},
            {"type": "array", "minItems": 1, "items": {"type": "string"}}
        ]
    }
);
