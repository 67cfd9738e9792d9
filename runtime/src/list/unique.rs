//! Lists whose items must differ (`uniqueItems`) as well as be counted.

use std::fmt;
use std::marker::PhantomData;
use std::ops::Deref;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{count_allowed, count_violations, Count, ListRules};
use crate::parse::{parse_array, Items, Parse};
use crate::{check, Context, Path, Validate, ValidationErrors};

/// A list whose item count satisfies the rules `R` and whose items all
/// differ (generated only for items whose Rust equality is JSON's:
/// strings, integers, booleans, enums of them). Its only ways in check
/// both:
///
/// - [`UniqueList::new`], `TryFrom<Vec<_>>` and
///   [`UniqueList::from_literal`] (`dmforge::items![Type; …]`, whose count
///   is checked at compile time and whose items are compared when made);
/// - [`UniqueList::push`], which hands back an item beyond the maximum or
///   already there;
/// - parsing, which reports a repeat and a count out of bounds where the
///   list is in the payload.
///
/// It reads like a slice, but its items are not changed in place: that
/// could repeat one.
pub struct UniqueList<T, R>(Vec<T>, PhantomData<fn() -> R>);

fn distinct<T: PartialEq>(items: &[T]) -> bool {
    (1..items.len()).all(|j| !items[..j].contains(&items[j]))
}

impl<T: PartialEq, R: ListRules> UniqueList<T, R> {
    /// The item limits, with the type's name.
    pub const LIMITS: crate::lit::ItemLimits = R::LIMITS;

    /// `items` if their count satisfies the rules and no two are equal;
    /// the violations otherwise, at the root pointer.
    pub fn new(items: Vec<T>) -> Result<Self, ValidationErrors> {
        let mut cx = Context::now();
        count_violations::<R>(items.len(), &mut cx, &Path::Root);
        check::unique_items(&mut cx, &Path::Root, &items);
        cx.into_result()?;
        Ok(Self(items, PhantomData))
    }

    /// A literal list whose count was checked at compile time, if no two
    /// of its items are equal (which a constant cannot compare).
    ///
    /// # Panics
    ///
    /// When `items` is not as long as `count` says, which `items!` never
    /// lets happen.
    pub fn from_literal(count: Count<R>, items: Vec<T>) -> Result<Self, ValidationErrors> {
        assert_eq!(count.0, items.len(), "items! counts the items it lists");
        let mut cx = Context::now();
        check::unique_items(&mut cx, &Path::Root, &items);
        cx.into_result()?;
        Ok(Self(items, PhantomData))
    }

    /// `items` parsed, whose count and repeats were reported already: the
    /// list if it breaks neither rule.
    #[doc(hidden)]
    #[inline]
    pub fn counted(items: Vec<T>) -> Option<Self> {
        (count_allowed::<R>(items.len()) && distinct(&items)).then_some(Self(items, PhantomData))
    }

    /// Adds `item` if the maximum allows one more and no item equals it;
    /// hands it back otherwise.
    pub fn push(&mut self, item: T) -> Result<(), T> {
        let full = R::LIMITS
            .max_items
            .is_some_and(|max| self.0.len() as u64 >= max);
        if full || self.0.contains(&item) {
            return Err(item);
        }
        self.0.push(item);
        Ok(())
    }

    /// Removes the last item if the minimum allows one fewer.
    pub fn pop(&mut self) -> Option<T> {
        if R::LIMITS
            .min_items
            .is_some_and(|min| self.0.len() as u64 <= min)
        {
            return None;
        }
        self.0.pop()
    }
}

impl<T, R> UniqueList<T, R> {
    #[must_use]
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

// Read like a slice, as a `List` is; there is no `DerefMut`.
super::slice_like!(UniqueList);

impl<T: PartialEq, R: ListRules> TryFrom<Vec<T>> for UniqueList<T, R> {
    type Error = ValidationErrors;

    fn try_from(items: Vec<T>) -> Result<Self, ValidationErrors> {
        Self::new(items)
    }
}

impl<'de, T: Parse<'de> + PartialEq, R: ListRules> Deserialize<'de> for UniqueList<T, R> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        crate::parse::deserialize(de)
    }
}

/// Its items parsed as their type, its count checked whether or not they
/// are valid, and repeats among the items read.
impl<'de, T: Parse<'de> + PartialEq, R: ListRules> Parse<'de> for UniqueList<T, R> {
    fn parse<D: Deserializer<'de>>(
        de: D,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, D::Error> {
        let items = Items {
            min: R::LIMITS.min_items,
            max: R::LIMITS.max_items,
        };
        let parsed = parse_array(de, cx, at, items, |_: &T, _: &mut Context, _: &Path<'_>| {})?;
        if let Some(items) = &parsed {
            check::unique_items(cx, at, items);
        }
        Ok(parsed.and_then(Self::counted))
    }
}

/// Each item checked in memory at its index; the count and the repeats
/// are the type's own.
impl<T: Validate, R> Validate for UniqueList<T, R> {
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>) {
        for (index, item) in self.0.iter().enumerate() {
            item.validate_at(cx, &at.index(index));
        }
    }
}

#[cfg(feature = "json-schema")]
impl<T: schemars::JsonSchema, R: ListRules> schemars::JsonSchema for UniqueList<T, R> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        std::borrow::Cow::Borrowed(R::LIMITS.name)
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let mut schema = serde_json::Map::new();
        schema.insert("type".into(), "array".into());
        schema.insert("items".into(), generator.subschema_for::<T>().to_value());
        schema.insert("uniqueItems".into(), true.into());
        if let Some(n) = R::LIMITS.min_items {
            schema.insert("minItems".into(), n.into());
        }
        if let Some(n) = R::LIMITS.max_items {
            schema.insert("maxItems".into(), n.into());
        }
        schemars::Schema::from(schema)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lit::ItemLimits;

    enum Tags {}

    impl ListRules for Tags {
        const LIMITS: ItemLimits = ItemLimits {
            name: "acme::note::NoteTags",
            min_items: Some(1),
            max_items: Some(3),
        };
    }

    #[test]
    fn every_way_in_counts_the_items_and_refuses_repeats() {
        const TWO: Count<Tags> = Count::new(2);
        let rule = |refused: ValidationErrors| refused.violations()[0].rule.clone();
        let mut tags: UniqueList<u8, Tags> =
            UniqueList::from_literal(TWO, vec![1, 2]).expect("different");
        assert_eq!(
            UniqueList::<u8, Tags>::from_literal(Count::new(2), vec![1, 1]).map_err(rule),
            Err("uniqueItems".to_string())
        );
        assert_eq!(tags.push(2), Err(2), "already there");
        assert_eq!(tags.push(3), Ok(()));
        assert_eq!(tags.push(4), Err(4), "full");
        assert_eq!(tags.pop(), Some(3));
        assert_eq!(
            UniqueList::<u8, Tags>::try_from(vec![5, 5]).map_err(rule),
            Err("uniqueItems".to_string())
        );
        assert_eq!(
            UniqueList::<u8, Tags>::new(Vec::new()).map_err(rule),
            Err("minItems".to_string())
        );
        let parsed: Result<UniqueList<bool, Tags>, _> = serde_json::from_str("[true, true]");
        assert!(parsed.is_err());
        let parsed: UniqueList<bool, Tags> = serde_json::from_str("[true, false]").expect("valid");
        assert_eq!(&*parsed, &[true, false]);
    }
}
