//! Arrays typed by position (`prefixItems`) as tuple structs: a field per
//! prefix item, each of its own type, and a list of the items allowed after
//! them. A prefix item `minItems` does not ask for may be absent, which no
//! Rust tuple says; such an array, and one with other array keywords, is
//! checked as a JSON value instead.

use serde_json::{Map, Value};

use super::{child, doc_of, Lowerer};
use crate::ir::{FieldType, Rest, TupleDef, TypeKind};

/// What a tuple schema may say besides annotations.
const TUPLE_KEYWORDS: &[&str] = &["type", "prefixItems", "items", "minItems", "maxItems"];

/// The most prefix items a tuple type holds: its partial value while parsing
/// is a Rust tuple of one slot per item (and two for the rest), and Rust
/// implements `Default` for tuples of at most 12.
const MAX_PREFIX: usize = 10;

/// The schema of an item no keyword constrains.
static ANY_ITEM: Value = Value::Bool(true);

impl<'a> Lowerer<'a> {
    /// The tuple struct of an array schema with `prefixItems`.
    pub(super) fn tuple_type(
        &mut self,
        pointer: &str,
        object: &'a Map<String, Value>,
        names: (&str, &str),
    ) -> Option<FieldType> {
        // A definition that several `$ref`s name is one type.
        if let Some(id) = self.by_pointer.get(&self.memo_key(pointer)) {
            return Some(FieldType::Named(*id));
        }
        self.only(pointer, object, TUPLE_KEYWORDS, "a tuple schema");
        let at = child(pointer, "prefixItems");
        let Some(prefix) = object.get("prefixItems").and_then(Value::as_array) else {
            self.error(&at, "`prefixItems` must be a list of schemas");
            return None;
        };
        let count = prefix.len() as u64;
        if prefix.is_empty() || prefix.len() > MAX_PREFIX {
            self.error(
                &at,
                format!("a tuple type holds 1 to {MAX_PREFIX} items; this one is checked as a JSON value"),
            );
            return None;
        }
        let min_items = object.get("minItems").and_then(Value::as_u64);
        let max_items = object.get("maxItems").and_then(Value::as_u64);
        if min_items.is_none_or(|min| min < count) {
            self.error(
                pointer,
                format!("`minItems` does not ask for all {count} `prefixItems`, so the last may be absent, which a Rust tuple cannot say; the array is checked as a JSON value"),
            );
            return None;
        }
        let items = object.get("items");
        let forbidden = items == Some(&Value::Bool(false));
        let unsatisfiable = matches!((min_items, max_items), (Some(min), Some(max)) if min > max);
        if unsatisfiable
            || max_items.is_some_and(|max| max < count)
            || (forbidden && min_items > Some(count))
        {
            self.error(
                pointer,
                "no array has as many items as `minItems`, `maxItems` and `prefixItems` together ask for",
            );
            return None;
        }
        let name = self.unique_name(names.0, names.1);
        let id = self.reserve(name.clone(), doc_of(object, pointer));
        let mut types = Vec::with_capacity(prefix.len());
        for (index, item) in prefix.iter().enumerate() {
            let item_name = format!("{name}Item{index}");
            let ty = self.type_of(
                &child(&at, &index.to_string()),
                item,
                (&item_name, &item_name),
            )?;
            types.push(ty);
        }
        let rest = match items {
            Some(Value::Bool(false)) => Rest::Forbidden,
            None if max_items.is_some_and(|max| max <= count) => Rest::Counted,
            None => Rest::Kept(self.value_type(&child(pointer, "items"), &ANY_ITEM)?),
            Some(items) => {
                let item_name = format!("{name}Item");
                Rest::Kept(self.type_of(
                    &child(pointer, "items"),
                    items,
                    (&item_name, &item_name),
                )?)
            }
        };
        self.types[id.0].kind = TypeKind::Tuple(TupleDef {
            prefix: types,
            rest,
            min_items,
            max_items,
        });
        // Remembered once its items are lowered: a tuple that holds itself
        // is refused on the way (no value of it could be written), and
        // checked as a JSON value.
        self.by_pointer.insert(self.memo_key(pointer), id);
        Some(FieldType::Named(id))
    }
}
