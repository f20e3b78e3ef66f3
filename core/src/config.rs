//! Reading configuration documents with errors that name the path of the bad field.
//!
//! Every configuration (calendars now; policies and workflows later) is parsed
//! from a [`serde_json::Value`] through [`Node`], which knows where it is in the
//! document. Unknown fields are errors, and every error reads
//! `path: what is wrong`, such as `week.tue[1]: end 08:00 is before start 09:00`.

use serde_json::{Map, Value};

use crate::error::{Error, Result};

/// A value inside a configuration document, with its path from the root.
#[derive(Clone, Copy)]
pub(crate) struct Node<'a> {
    value: &'a Value,
    parent: Option<&'a Node<'a>>,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Field(&'a str),
    Index(usize),
}

/// The fields of a JSON object, checked against the names a document allows.
pub(crate) struct Object<'a> {
    node: &'a Node<'a>,
    map: &'a Map<String, Value>,
}

impl<'a> Node<'a> {
    pub(crate) fn root(value: &'a Value) -> Self {
        Node {
            value,
            parent: None,
            step: Step::Root,
        }
    }

    pub(crate) fn value(&self) -> &'a Value {
        self.value
    }

    /// The path of this node: `week.tue[1]`; empty for the root.
    pub(crate) fn path(&self) -> String {
        let mut steps = Vec::new();
        let mut node = Some(self);
        while let Some(n) = node {
            steps.push(n.step);
            node = n.parent;
        }
        let mut path = String::new();
        for step in steps.iter().rev() {
            match step {
                Step::Root => {}
                Step::Field(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Step::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
            }
        }
        path
    }

    pub(crate) fn error(&self, reason: impl Into<String>) -> Error {
        Error::invalid_config(self.path(), reason)
    }

    fn expected(&self, what: &str) -> Error {
        self.error(format!("expected {what}, found {}", describe(self.value)))
    }

    /// This node as an object whose keys must all be in `allowed`.
    pub(crate) fn object(&'a self, allowed: &[&str]) -> Result<Object<'a>> {
        let map = self
            .value
            .as_object()
            .ok_or_else(|| self.expected("an object"))?;
        for key in map.keys() {
            if !allowed.contains(&key.as_str()) {
                let child = Node {
                    value: &map[key],
                    parent: Some(self),
                    step: Step::Field(key),
                };
                return Err(child.error(format!(
                    "unknown field; expected one of {}",
                    allowed.join(", ")
                )));
            }
        }
        Ok(Object { node: self, map })
    }

    pub(crate) fn str(&self) -> Result<&'a str> {
        self.value.as_str().ok_or_else(|| self.expected("a string"))
    }

    pub(crate) fn int(&self) -> Result<i64> {
        self.value
            .as_i64()
            .ok_or_else(|| self.expected("an integer"))
    }

    /// An integer within `range`, named in the error when outside.
    pub(crate) fn int_in(&self, range: std::ops::RangeInclusive<i64>) -> Result<i64> {
        let n = self.int()?;
        if range.contains(&n) {
            Ok(n)
        } else {
            Err(self.error(format!(
                "{n} is not between {} and {}",
                range.start(),
                range.end()
            )))
        }
    }

    /// The elements of an array, each with its index in the path.
    pub(crate) fn items(&'a self) -> Result<Vec<Node<'a>>> {
        let array = self
            .value
            .as_array()
            .ok_or_else(|| self.expected("an array"))?;
        Ok(array
            .iter()
            .enumerate()
            .map(|(i, value)| Node {
                value,
                parent: Some(self),
                step: Step::Index(i),
            })
            .collect())
    }
}

impl<'a> Object<'a> {
    pub(crate) fn get(&self, key: &'a str) -> Option<Node<'a>> {
        self.map.get(key).map(|value| Node {
            value,
            parent: Some(self.node),
            step: Step::Field(key),
        })
    }

    pub(crate) fn has(&self, key: &str) -> bool {
        self.map.contains_key(key)
    }

    pub(crate) fn required(&self, key: &'a str) -> Result<Node<'a>> {
        self.get(key)
            .ok_or_else(|| self.node.error(format!("missing field `{key}`")))
    }
}

fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

/// Parses a whole JSON text, reporting syntax errors with line and column.
pub(crate) fn parse_json(text: &str) -> Result<Value> {
    serde_json::from_str(text)
        .map_err(|e| Error::invalid_config("", format!("not valid JSON: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_name_fields_and_indices() {
        let doc = json!({"week": {"tue": [["09:00", "13:00"], ["14:00", "x"]]}});
        let root = Node::root(&doc);
        let obj = root.object(&["week"]).unwrap();
        let week = obj.required("week").unwrap();
        let week_obj = week.object(&["tue"]).unwrap();
        let tue = week_obj.required("tue").unwrap();
        let items = tue.items().unwrap();
        let second = items[1].items().unwrap();
        assert_eq!(second[1].path(), "week.tue[1][1]");
        assert_eq!(root.path(), "");
    }

    #[test]
    fn unknown_fields_are_named() {
        let doc = json!({"time_zone": "UTC", "wek": {}});
        let root = Node::root(&doc);
        let err = root.object(&["time_zone", "week"]).err().unwrap();
        assert_eq!(
            err.to_string(),
            "wek: unknown field; expected one of time_zone, week"
        );
    }

    #[test]
    fn wrong_types_say_what_was_found() {
        let doc = json!({"n": "3"});
        let root = Node::root(&doc);
        let obj = root.object(&["n"]).unwrap();
        let err = obj.required("n").unwrap().int().unwrap_err();
        assert_eq!(
            err.to_string(),
            "n: expected an integer, found string \"3\""
        );
        let err = obj.required("m").err().unwrap();
        assert_eq!(err.to_string(), "(document): missing field `m`");
    }
}
