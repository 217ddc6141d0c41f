//! The parameters of a GET request: the flattened query (`Filters.0.Name=…&Filters.0.Values.0=…`)
//! made into the JSON object a POST body would carry.
//!
//! Names are split at `.`; a part made of digits is a list index (lists must be given from 0
//! without gaps), any other part a member. Values are strings (the decoder reads numbers from
//! strings), except `true`/`True` and `false`/`False`, which are booleans (Python SDKs write
//! `True`). So a string parameter whose value is exactly one of those four cannot be sent by
//! GET; POST it.

use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// The deepest a flattened name may nest (`A.0.B.0.C.0.D.0` is 8).
pub(crate) const MAX_DEPTH: usize = 8;

/// A parameter tree while it is built: a leaf, or members by name (indices are names too).
enum Node {
    Leaf(String),
    Branch(BTreeMap<String, Node>),
}

/// The query's parameters as a JSON object; `Err` names what is wrong.
pub(crate) fn from_query(query: &str) -> Result<Value, String> {
    let mut root = BTreeMap::new();
    for (name, value) in form_urlencoded::parse(query.as_bytes()) {
        let parts: Vec<&str> = name.split('.').collect();
        if parts.len() > MAX_DEPTH {
            return Err(format!(
                "parameter {name:?} nests deeper than {MAX_DEPTH} levels"
            ));
        }
        if parts.iter().any(|p| p.is_empty()) {
            return Err(format!("parameter name {name:?} has an empty part"));
        }
        insert(&mut root, &parts, value.into_owned(), &name)?;
    }
    to_value(root, "")
}

fn insert(
    branch: &mut BTreeMap<String, Node>,
    parts: &[&str],
    value: String,
    name: &str,
) -> Result<(), String> {
    let Some((first, rest)) = parts.split_first() else {
        return Ok(());
    };
    if rest.is_empty() {
        return match branch.insert((*first).to_owned(), Node::Leaf(value)) {
            None => Ok(()),
            Some(_) => Err(format!("parameter {name:?} is given more than once")),
        };
    }
    let node = branch
        .entry((*first).to_owned())
        .or_insert_with(|| Node::Branch(BTreeMap::new()));
    match node {
        Node::Branch(inner) => insert(inner, rest, value, name),
        Node::Leaf(_) => Err(format!(
            "parameter {name:?} is given both as a value and as a structure"
        )),
    }
}

fn index(part: &str) -> Option<usize> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Digits too many for an index are an index no list reaches.
    Some(part.parse().unwrap_or(usize::MAX))
}

fn to_value(branch: BTreeMap<String, Node>, path: &str) -> Result<Value, String> {
    let at = |name: &str| {
        if path.is_empty() {
            name.to_owned()
        } else {
            format!("{path}.{name}")
        }
    };
    let all_indices = !branch.is_empty() && branch.keys().all(|k| index(k).is_some());
    if all_indices && !path.is_empty() {
        let mut items: Vec<(usize, Node)> = Vec::with_capacity(branch.len());
        for (key, node) in branch {
            items.push((index(&key).unwrap_or(usize::MAX), node));
        }
        items.sort_by_key(|(i, _)| *i);
        let mut list = Vec::with_capacity(items.len());
        for (expected, (i, node)) in items.into_iter().enumerate() {
            if i != expected {
                return Err(format!(
                    "list {path} must be numbered from 0 without gaps ({} is missing)",
                    at(&expected.to_string())
                ));
            }
            list.push(node_value(node, &at(&i.to_string()))?);
        }
        return Ok(Value::Array(list));
    }
    let mut object = Map::new();
    for (key, node) in branch {
        if index(&key).is_some() {
            return Err(format!(
                "{} mixes list items and members",
                if path.is_empty() { "the query" } else { path }
            ));
        }
        let value = node_value(node, &at(&key))?;
        object.insert(key, value);
    }
    Ok(Value::Object(object))
}

fn node_value(node: Node, path: &str) -> Result<Value, String> {
    match node {
        Node::Leaf(text) => Ok(match text.as_str() {
            "true" | "True" => Value::Bool(true),
            "false" | "False" => Value::Bool(false),
            _ => Value::String(text),
        }),
        Node::Branch(inner) => to_value(inner, path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn unflattens_lists_and_structures() {
        let query = "Limit=10&Filters.0.Name=auto-scaling-group-name&Filters.0.Values.0=web\
                     &Filters.0.Values.1=a%20b&Filters.1.Name=x&Filters.1.Values.0=y\
                     &ProtectedFromScaleIn=True";
        assert_eq!(
            from_query(query),
            Ok(json!({
                "Limit": "10",
                "Filters": [
                    {"Name": "auto-scaling-group-name", "Values": ["web", "a b"]},
                    {"Name": "x", "Values": ["y"]}
                ],
                "ProtectedFromScaleIn": true
            }))
        );
        assert_eq!(from_query(""), Ok(json!({})));
    }

    #[test]
    fn refuses_what_cannot_be_a_request() {
        for query in [
            "InstanceIds.1=ins-a",
            "InstanceIds.0=a&InstanceIds.0=b",
            "A=1&A.B=2",
            "A.B=2&A=1",
            "0=a",
            "A..B=1",
            "InstanceIds.99999999999999999999999=a",
            "A.0=1&A.B=2",
            "A.B.C.D.E.F.G.H.I=1",
        ] {
            assert!(from_query(query).is_err(), "{query}");
        }
        // Many levels of nesting are refused before any recursion.
        let deep = format!("{}=1", vec!["A"; 10_000].join("."));
        assert!(from_query(&deep).is_err());
        // A huge index with no items before it is refused, not allocated.
        assert!(from_query("InstanceIds.4294967295=a").is_err());
    }
}
