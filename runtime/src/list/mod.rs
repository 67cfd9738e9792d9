//! Lists that keep their item limits. A generated list member with
//! `minItems`/`maxItems` has a type of its own, `List<Item, MemberRules>`
//! under the member's name (`QuickReplies`), whose only ways in count the
//! items:
//!
//! - [`List::new`] and `TryFrom<Vec<_>>` check the count and return the
//!   violation;
//! - [`List::push`] refuses an item beyond the maximum, handing it back;
//! - parsing (`Deserialize`, [`crate::parse::Parse`]) reports a count out
//!   of bounds where the list is in the payload;
//! - `dmforge::items!` checks a literal list's count at compile time
//!   against the type its place needs ([`Count::new`], in a constant).
//!
//! The items themselves may be changed in place (each keeps its own rules),
//! but not how many there are, so a value of the type always has a count
//! its rules allow. A list whose items must also differ (`uniqueItems`) is
//! a [`UniqueList`], whose items cannot be changed in place.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lit::ItemLimits;
use crate::parse::{parse_array, Items, Parse};
use crate::{check, Context, Path, Validate, ValidationErrors};

mod unique;
pub use unique::UniqueList;

/// The item limits of one list member, implemented by generated code for a
/// type of its own (`QuickRepliesRules`).
pub trait ListRules {
    /// `minItems`/`maxItems`, with the type's name for messages.
    const LIMITS: ItemLimits;
}

/// A list whose item count satisfies the rules `R`. See the [module](self).
pub struct List<T, R>(Vec<T>, PhantomData<fn() -> R>);

/// A count of literal items checked against the rules `R` at compile time,
/// for [`List::from_literal`] (`dmforge::items!` makes both calls).
pub struct Count<R>(pub(crate) usize, PhantomData<fn() -> R>);

impl<R: ListRules> Count<R> {
    /// `count`, which must satisfy the rules: in a constant (`dmforge::items!`),
    /// a count out of bounds is a compile error naming the type, the count
    /// and the limit.
    ///
    /// # Panics
    ///
    /// When `count` breaks a limit; in a constant, that is a compile error.
    #[must_use]
    pub const fn new(count: usize) -> Self {
        crate::lit::check_items(count, &R::LIMITS);
        Self(count, PhantomData)
    }
}

pub(crate) fn count_violations<R: ListRules>(len: usize, cx: &mut Context, at: &Path<'_>) {
    if let Some(max) = R::LIMITS.max_items {
        check::max_items(cx, at, len, max);
    }
    if let Some(min) = R::LIMITS.min_items {
        check::min_items(cx, at, len, min);
    }
}

pub(crate) fn count_allowed<R: ListRules>(len: usize) -> bool {
    let len = len as u64;
    R::LIMITS.max_items.is_none_or(|max| len <= max)
        && R::LIMITS.min_items.is_none_or(|min| len >= min)
}

impl<T, R: ListRules> List<T, R> {
    /// The item limits, with the type's name: what `items!` checks a literal
    /// list against.
    pub const LIMITS: ItemLimits = R::LIMITS;

    /// `items` if their count satisfies the rules; the violation otherwise,
    /// at the root pointer.
    pub fn new(items: Vec<T>) -> Result<Self, ValidationErrors> {
        let mut cx = Context::now();
        count_violations::<R>(items.len(), &mut cx, &Path::Root);
        cx.into_result()?;
        Ok(Self(items, PhantomData))
    }

    /// A literal list whose count was checked at compile time.
    ///
    /// # Panics
    ///
    /// When `items` is not as long as `count` says, which `items!` never
    /// lets happen.
    #[must_use]
    pub fn from_literal(count: Count<R>, items: Vec<T>) -> Self {
        assert_eq!(count.0, items.len(), "items! counts the items it lists");
        Self(items, PhantomData)
    }

    /// `items` parsed, whose count was reported already if it is out of
    /// bounds: the list if it is within them.
    #[doc(hidden)]
    #[inline]
    pub fn counted(items: Vec<T>) -> Option<Self> {
        count_allowed::<R>(items.len()).then_some(Self(items, PhantomData))
    }

    /// Adds `item` if the maximum allows one more; hands it back otherwise.
    pub fn push(&mut self, item: T) -> Result<(), T> {
        if R::LIMITS
            .max_items
            .is_some_and(|max| self.0.len() as u64 >= max)
        {
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

    #[must_use]
    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

/// Items changed in place keep their own rules; the count cannot change.
impl<T, R> DerefMut for List<T, R> {
    fn deref_mut(&mut self) -> &mut [T] {
        &mut self.0
    }
}

/// What both list types share: they read like a slice, compare, clone and
/// are written as the `Vec` they hold (neither is made from one without its
/// checks).
macro_rules! slice_like {
    ($list:ident) => {
        impl<T: Clone, R> Clone for $list<T, R> {
            fn clone(&self) -> Self {
                Self(self.0.clone(), PhantomData)
            }
        }

        impl<T: fmt::Debug, R> fmt::Debug for $list<T, R> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }

        impl<T: PartialEq, R> PartialEq for $list<T, R> {
            fn eq(&self, other: &Self) -> bool {
                self.0 == other.0
            }
        }

        impl<T: Eq, R> Eq for $list<T, R> {}

        impl<T, R> Deref for $list<T, R> {
            type Target = [T];

            fn deref(&self) -> &[T] {
                &self.0
            }
        }

        impl<T, R> AsRef<[T]> for $list<T, R> {
            fn as_ref(&self) -> &[T] {
                &self.0
            }
        }

        impl<'a, T, R> IntoIterator for &'a $list<T, R> {
            type Item = &'a T;
            type IntoIter = std::slice::Iter<'a, T>;

            fn into_iter(self) -> Self::IntoIter {
                self.0.iter()
            }
        }

        impl<T, R> IntoIterator for $list<T, R> {
            type Item = T;
            type IntoIter = std::vec::IntoIter<T>;

            fn into_iter(self) -> Self::IntoIter {
                self.0.into_iter()
            }
        }

        impl<T, R> From<$list<T, R>> for Vec<T> {
            fn from(list: $list<T, R>) -> Vec<T> {
                list.0
            }
        }

        impl<T: Serialize, R> Serialize for $list<T, R> {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                self.0.serialize(serializer)
            }
        }
    };
}
pub(crate) use slice_like;

slice_like!(List);

impl<T, R: ListRules> TryFrom<Vec<T>> for List<T, R> {
    type Error = ValidationErrors;

    fn try_from(items: Vec<T>) -> Result<Self, ValidationErrors> {
        Self::new(items)
    }
}

impl<'de, T: Parse<'de>, R: ListRules> Deserialize<'de> for List<T, R> {
    fn deserialize<D: Deserializer<'de>>(de: D) -> Result<Self, D::Error> {
        crate::parse::deserialize(de)
    }
}

/// Its items parsed as their type, its count checked whether or not they
/// are valid.
impl<'de, T: Parse<'de>, R: ListRules> Parse<'de> for List<T, R> {
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
        Ok(parsed.and_then(Self::counted))
    }
}

/// Each item checked in memory at its index; the count is the type's own.
impl<T: Validate, R> Validate for List<T, R> {
    fn validate_at(&self, cx: &mut Context, at: &Path<'_>) {
        for (index, item) in self.0.iter().enumerate() {
            item.validate_at(cx, &at.index(index));
        }
    }
}

#[cfg(feature = "json-schema")]
impl<T: schemars::JsonSchema, R: ListRules> schemars::JsonSchema for List<T, R> {
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

    enum Replies {}

    impl ListRules for Replies {
        const LIMITS: ItemLimits = ItemLimits {
            name: "acme::note::NoteReplies",
            min_items: Some(1),
            max_items: Some(2),
        };
    }

    #[test]
    fn every_way_in_counts_the_items() {
        const TWO: Count<Replies> = Count::new(2);
        let mut list: List<u8, Replies> = List::from_literal(TWO, vec![1, 2]);
        assert_eq!(list.push(3), Err(3));
        assert_eq!(list.pop(), Some(2));
        assert_eq!(list.pop(), None, "one item is the minimum");
        assert!(List::<u8, Replies>::new(Vec::new()).is_err());
        assert!(List::<u8, Replies>::try_from(vec![1, 2, 3]).is_err());
        list[0] = 9;
        assert_eq!(&*list, &[9]);
        let parsed: Result<List<bool, Replies>, _> = serde_json::from_str("[true, true, true]");
        assert!(parsed.is_err());
        let parsed: List<bool, Replies> = serde_json::from_str("[true]").expect("valid");
        assert_eq!(
            serde_json::to_string(&parsed).expect("serializes"),
            "[true]"
        );
    }

    #[test]
    fn a_literal_list_out_of_bounds_panics_naming_the_type() {
        let panic = std::panic::catch_unwind(|| Count::<Replies>::new(3).0).expect_err("three");
        let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
        assert_eq!(
            message,
            "acme::note::NoteReplies: 3 items, at most 2 allowed"
        );
    }
}
