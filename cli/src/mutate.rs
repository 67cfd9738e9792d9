//! Random-looking changes to valid payloads, for differential tests: each
//! engine must give a changed payload the same verdict and violations.
//! (The strategies that pick them live with the tests, beside proptest.)

use serde_json::{json, Value};

/// Every JSON Pointer-like path (as tokens) in `value`.
fn paths(value: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(prefix.clone());
    match value {
        Value::Object(members) => {
            for (key, member) in members {
                prefix.push(key.clone());
                paths(member, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(items) => {
            for (index, item) in items.iter().enumerate() {
                prefix.push(index.to_string());
                paths(item, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn get_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, token| match v {
        Value::Object(m) => m.get_mut(token),
        Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
        _ => None,
    })
}

/// One change to a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mutation {
    Drop,
    GrowAscii,
    GrowEmoji,
    EmptyString,
    AddItem,
    RemoveItem,
    ChangeType(u8),
    AddUnknownMember,
}

impl Mutation {
    /// How many codes [`Mutation::from_code`] reads (a strategy's range).
    pub const COUNT: u8 = 13;

    /// The mutation a code stands for: one of each kind, and six new types.
    #[must_use]
    pub fn from_code(code: u8) -> Self {
        match code % Self::COUNT {
            0 => Mutation::Drop,
            1 => Mutation::GrowAscii,
            2 => Mutation::GrowEmoji,
            3 => Mutation::EmptyString,
            4 => Mutation::AddItem,
            5 => Mutation::RemoveItem,
            6 => Mutation::AddUnknownMember,
            other => Mutation::ChangeType(other - 7),
        }
    }
}

/// Applies `mutation` at the `choice`-th path of `value`.
pub fn apply(value: &mut Value, choice: usize, mutation: Mutation) {
    let mut all = Vec::new();
    paths(value, &mut Vec::new(), &mut all);
    let path = all[choice % all.len()].clone();
    match mutation {
        Mutation::Drop => {
            if let Some((last, parent)) = path.split_last() {
                match get_mut(value, parent) {
                    Some(Value::Object(m)) => {
                        m.remove(last);
                    }
                    Some(Value::Array(a)) => {
                        if let Ok(i) = last.parse::<usize>() {
                            if i < a.len() {
                                a.remove(i);
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        Mutation::GrowAscii | Mutation::GrowEmoji | Mutation::EmptyString => {
            if let Some(Value::String(s)) = get_mut(value, &path) {
                match mutation {
                    Mutation::GrowAscii => s.push('a'),
                    Mutation::GrowEmoji => s.push('😀'),
                    _ => s.clear(),
                }
            }
        }
        Mutation::AddItem => {
            if let Some(Value::Array(a)) = get_mut(value, &path) {
                let copy = a.last().cloned().unwrap_or(json!("x"));
                a.push(copy);
            }
        }
        Mutation::RemoveItem => {
            if let Some(Value::Array(a)) = get_mut(value, &path) {
                a.pop();
            }
        }
        Mutation::ChangeType(kind) => {
            if let Some(v) = get_mut(value, &path) {
                *v = [
                    json!(1),
                    json!(1.5),
                    json!("x"),
                    json!(true),
                    Value::Null,
                    json!([]),
                ][kind as usize % 6]
                    .clone();
            }
        }
        Mutation::AddUnknownMember => {
            if let Some(Value::Object(m)) = get_mut(value, &path) {
                m.insert("zz_unknown".into(), json!(1));
            }
        }
    }
}
