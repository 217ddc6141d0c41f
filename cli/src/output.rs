//! Output: the answer's `data` as JSON (pretty on a terminal, compact when piped), or its list
//! as a table or as tab-separated text, after an optional JMESPath `--query`.

use crate::action::Listing;
use crate::failure::{one_line, Failure};
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};
use serde_json::Value;
use std::fmt;

/// A JSON value that keeps its members in the order they were written: the order the spec
/// declares an answer's fields in (`serde_json::Value` sorts them).
#[derive(Debug, Clone, PartialEq)]
pub enum Ordered {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(serde_json::Number),
    /// A string.
    Text(String),
    /// An array.
    List(Vec<Ordered>),
    /// An object, its members in order.
    Object(Vec<(String, Ordered)>),
}

impl Ordered {
    /// `value` as JSON, its fields in declaration order.
    pub fn of<T: Serialize>(value: &T) -> Result<Ordered, Failure> {
        serde_json::to_string(value)
            .and_then(|text| serde_json::from_str(&text))
            .map_err(|e| Failure::Other(format!("the answer cannot be shown as JSON: {e}")))
    }

    /// The member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Ordered> {
        match self {
            Ordered::Object(members) => members.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Takes the member `key` out of an object, leaving `null` in its place.
    pub fn take(&mut self, key: &str) -> Option<Ordered> {
        match self {
            Ordered::Object(members) => members
                .iter_mut()
                .find(|(k, _)| k == key)
                .map(|(_, v)| std::mem::replace(v, Ordered::Null)),
            _ => None,
        }
    }

    /// Sets the member `key` of an object, in its place when it has one.
    pub fn set(&mut self, key: &str, value: Ordered) {
        if let Ordered::Object(members) = self {
            match members.iter_mut().find(|(k, _)| k == key) {
                Some((_, old)) => *old = value,
                None => members.push((key.to_owned(), value)),
            }
        }
    }

    /// The same value as a `serde_json::Value`.
    pub fn to_value(&self) -> Value {
        match self {
            Ordered::Null => Value::Null,
            Ordered::Bool(b) => Value::Bool(*b),
            Ordered::Number(n) => Value::Number(n.clone()),
            Ordered::Text(s) => Value::String(s.clone()),
            Ordered::List(items) => Value::Array(items.iter().map(Ordered::to_value).collect()),
            Ordered::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|(k, v)| (k.clone(), v.to_value()))
                    .collect(),
            ),
        }
    }
}

impl Serialize for Ordered {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ordered::Null => serializer.serialize_unit(),
            Ordered::Bool(b) => serializer.serialize_bool(*b),
            Ordered::Number(n) => n.serialize(serializer),
            Ordered::Text(s) => serializer.serialize_str(s),
            Ordered::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Ordered::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                for (k, v) in members {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Ordered {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Ordered, D::Error> {
        deserializer.deserialize_any(OrderedVisitor)
    }
}

struct OrderedVisitor;

impl<'de> Visitor<'de> for OrderedVisitor {
    type Value = Ordered;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Ordered, E> {
        Ok(Ordered::Null)
    }

    fn visit_none<E>(self) -> Result<Ordered, E> {
        Ok(Ordered::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Ordered, D::Error> {
        Ordered::deserialize(d)
    }

    fn visit_bool<E>(self, v: bool) -> Result<Ordered, E> {
        Ok(Ordered::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Ordered, E> {
        Ok(Ordered::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Ordered, E> {
        Ok(Ordered::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Ordered, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Ordered::Null, Ordered::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Ordered, E> {
        Ok(Ordered::Text(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Ordered, E> {
        Ok(Ordered::Text(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Ordered, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Ordered::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Ordered, A::Error> {
        let mut members: Vec<(String, Ordered)> = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Ordered>()? {
            match members.iter_mut().find(|(k, _)| *k == key) {
                Some((_, old)) => *old = value,
                None => members.push((key, value)),
            }
        }
        Ok(Ordered::Object(members))
    }
}

/// `--output`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JSON: pretty on a terminal, compact when piped.
    Json,
    /// An aligned table with a header.
    Table,
    /// Tab-separated values, one row per line, no header.
    Text,
}

impl Format {
    /// The names `--output` takes.
    pub const NAMES: &'static [&'static str] = &["json", "table", "text"];

    /// The format of a name of [`Format::NAMES`].
    pub fn parse(name: &str) -> Option<Format> {
        match name {
            "json" => Some(Format::Json),
            "table" => Some(Format::Table),
            "text" => Some(Format::Text),
            _ => None,
        }
    }
}

/// A compiled `--query`.
pub struct Query(jmespath::Expression<'static>);

impl fmt::Debug for Query {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Query({:?})", self.0.as_str())
    }
}

impl Query {
    /// Compiles a JMESPath expression; a bad one is a usage error, found before sending.
    pub fn compile(expression: &str) -> Result<Query, Failure> {
        jmespath::compile(expression)
            .map(Query)
            .map_err(|e| Failure::Usage(format!("--query: {e}")))
    }

    /// The expression applied to `data`.
    pub fn search(&self, data: &Ordered) -> Result<Value, Failure> {
        let found = self
            .0
            .search(data.to_value())
            .map_err(|e| Failure::Usage(format!("--query: {e}")))?;
        serde_json::to_value(&*found).map_err(|e| Failure::Usage(format!("--query: {e}")))
    }
}

/// How an answer is printed.
#[derive(Debug)]
pub struct Printer {
    /// `--output`.
    pub format: Format,
    /// `--query`.
    pub query: Option<Query>,
    /// Pretty JSON (stdout is a terminal).
    pub pretty: bool,
}

impl Printer {
    /// The text printed for an answer's `data`, ending with a newline (empty when a table or
    /// text output has no row).
    pub fn render(&self, data: &Ordered, listing: &Listing) -> Result<String, Failure> {
        let queried = match &self.query {
            Some(query) => Some(query.search(data)?),
            None => None,
        };
        let json = |value: &dyn ErasedSerialize| -> Result<String, Failure> {
            let text = if self.pretty {
                value.pretty()
            } else {
                value.compact()
            };
            text.map(|t| t + "\n")
                .map_err(|e| Failure::Other(format!("cannot write JSON: {e}")))
        };
        let (headers, rows) = match (self.format, &queried) {
            (Format::Json, Some(value)) => return json(value),
            (Format::Json, None) => return json(data),
            (_, Some(value)) => value_rows(value),
            (_, None) => listing_rows(data, listing),
        };
        Ok(match self.format {
            Format::Text => text(&rows),
            _ => table(&headers, &rows),
        })
    }
}

/// Serialisation to JSON text, for both kinds of value.
trait ErasedSerialize {
    fn pretty(&self) -> serde_json::Result<String>;
    fn compact(&self) -> serde_json::Result<String>;
}

impl<T: Serialize> ErasedSerialize for T {
    fn pretty(&self) -> serde_json::Result<String> {
        serde_json::to_string_pretty(self)
    }

    fn compact(&self) -> serde_json::Result<String> {
        serde_json::to_string(self)
    }
}

/// A table cell: text as it is (on one line), numbers and booleans as JSON, `null` empty,
/// lists and objects as compact JSON.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => one_line(s),
        other => one_line(&other.to_string()),
    }
}

/// The rows of an answer as its spec's listing says: the list's items, or the answer itself,
/// with the declared columns.
fn listing_rows(data: &Ordered, listing: &Listing) -> (Vec<String>, Vec<Vec<String>>) {
    let items: Vec<Value> = match listing.rows {
        Some(field) => match data.get(field) {
            Some(Ordered::List(items)) => items.iter().map(Ordered::to_value).collect(),
            Some(Ordered::Null) | None => Vec::new(),
            Some(other) => vec![other.to_value()],
        },
        None => vec![data.to_value()],
    };
    if listing.columns.is_empty() {
        // A list of scalars: one column, named after the list.
        let items = Value::Array(items);
        let (headers, rows) = value_rows(&items);
        let headers = match (listing.rows, headers.as_slice()) {
            (Some(field), [_]) => vec![field.to_owned()],
            _ => headers,
        };
        return (headers, rows);
    }
    let rows = items
        .iter()
        .map(|item| {
            listing
                .columns
                .iter()
                .map(|c| item.get(*c).map(cell).unwrap_or_default())
                .collect()
        })
        .collect();
    (
        listing.columns.iter().map(|c| (*c).to_owned()).collect(),
        rows,
    )
}

/// The rows of any JSON value (a `--query` result): an array's items, else the value itself;
/// objects give a column per member (in order of first appearance), scalars one column.
fn value_rows(value: &Value) -> (Vec<String>, Vec<Vec<String>>) {
    let items: Vec<&Value> = match value {
        Value::Array(items) => items.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    };
    let mut headers: Vec<String> = Vec::new();
    for item in &items {
        if let Value::Object(members) = item {
            for key in members.keys() {
                if !headers.contains(key) {
                    headers.push(key.clone());
                }
            }
        }
    }
    if headers.is_empty() {
        // A list of lists (`X[].[a, b]`): a column per position.
        let arrays: Option<Vec<&Vec<Value>>> = items
            .iter()
            .map(|v| match v {
                Value::Array(cells) => Some(cells),
                _ => None,
            })
            .collect();
        if let Some(arrays) = arrays.filter(|a| !a.is_empty()) {
            let width = arrays.iter().map(|a| a.len()).max().unwrap_or(0);
            let headers = (0..width).map(|i| format!("[{i}]")).collect();
            let rows = arrays
                .iter()
                .map(|a| {
                    let mut row: Vec<String> = a.iter().map(cell).collect();
                    row.resize(width, String::new());
                    row
                })
                .collect();
            return (headers, rows);
        }
        let rows = items.iter().map(|v| vec![cell(v)]).collect();
        return (vec!["value".to_owned()], rows);
    }
    let rows = items
        .iter()
        .map(|item| match item {
            Value::Object(members) => headers
                .iter()
                .map(|h| members.get(h).map(cell).unwrap_or_default())
                .collect(),
            other => {
                let mut row = vec![cell(other)];
                row.resize(headers.len(), String::new());
                row
            }
        })
        .collect();
    (headers, rows)
}

/// Tab-separated rows, no header.
fn text(rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    for row in rows {
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

/// An aligned table: the header, a rule, then the rows.
fn table(headers: &[String], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (i, c) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(c.chars().count());
            }
        }
    }
    let line = |cells: &[String]| -> String {
        let mut out = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(c);
            let width = widths.get(i).copied().unwrap_or(0);
            out.push_str(&" ".repeat(width.saturating_sub(c.chars().count())));
        }
        out.trim_end().to_owned() + "\n"
    };
    let mut out = line(headers);
    let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    out.push_str(&line(&rule));
    for row in rows {
        out.push_str(&line(row));
    }
    out
}

#[cfg(test)]
mod tests;
