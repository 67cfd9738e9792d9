//! Arrays typed by position (`prefixItems`): a tuple struct with one field
//! per prefix item and, when the schema allows items after the prefix, a
//! list of them. Read in one pass; every item is checked whatever happens to
//! the others, and the count is checked as `minItems`/`maxItems` say, as the
//! schema engine checks them.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::Deserializer;

use super::{skip_map, Found, StrictSkip};
use crate::{check, Context, Path};

#[doc(hidden)]
/// A tuple type of a schema, parsed item by item into a partial value.
pub trait Tuple<'de>: Sized {
    /// What has been read so far: the prefix items, each `None` until read
    /// and valid, and the items after it.
    type Partial: Default;
    /// How many items the prefix holds.
    const PREFIX: usize;
    /// Whether items after the prefix are refused (`items: false`), each
    /// reported where it stands.
    const CLOSED: bool;
    const MIN_ITEMS: Option<u64>;
    const MAX_ITEMS: Option<u64>;

    /// Reads item `index` from `seq` into `partial`, checking its own
    /// rules; `false` when the array has no item `index`. Never called for
    /// an item after the prefix of a [`Self::CLOSED`] tuple.
    fn item<A: SeqAccess<'de>>(
        partial: &mut Self::Partial,
        index: usize,
        seq: &mut A,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<bool, A::Error>;

    /// The value, once every item was read and found valid.
    fn finish(partial: Self::Partial) -> Option<Self>;
}

#[doc(hidden)]
/// Parses a [`Tuple`]: `None` when anything was reported.
pub fn parse_tuple<'de, D: Deserializer<'de>, T: Tuple<'de>>(
    de: D,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<Option<T>, D::Error> {
    de.deserialize_any(TupleVisitor {
        cx,
        at,
        marker: PhantomData::<fn() -> T>,
    })
}

struct TupleVisitor<'c, 'p, T> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    marker: PhantomData<fn() -> T>,
}

impl<T> TupleVisitor<'_, '_, T> {
    fn other<E>(self, found: Found<'_>) -> Result<Option<T>, E> {
        found.wrong_type(self.cx, self.at, "an array");
        Ok(None)
    }
}

impl<'de, T: Tuple<'de>> Visitor<'de> for TupleVisitor<'_, '_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<T>, A::Error> {
        let (cx, at) = (self.cx, self.at);
        let before = cx.count();
        let mut partial = T::Partial::default();
        let mut len = 0;
        loop {
            let more = if T::CLOSED && len >= T::PREFIX {
                let item = at.index(len);
                let extra = seq.next_element_seed(StrictSkip::new(cx, &item))?;
                if extra.is_some() {
                    // Worded as the schema engine words a `false` schema.
                    cx.fail(
                        &item,
                        crate::describe::FORBIDDEN,
                        format!("`{len}` is not allowed here"),
                    );
                }
                extra.is_some()
            } else {
                T::item(&mut partial, len, &mut seq, cx, at)?
            };
            if !more {
                break;
            }
            len += 1;
        }
        if let Some(min) = T::MIN_ITEMS {
            check::min_items(cx, at, len, min);
        }
        if let Some(max) = T::MAX_ITEMS {
            check::max_items(cx, at, len, max);
        }
        if cx.count() > before {
            return Ok(None);
        }
        Ok(T::finish(partial))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<T>, A::Error> {
        let members = skip_map(map, self.cx, self.at)?;
        self.other(Found::Object(members))
    }

    scalars_are_the_wrong_type!(Option<T>);
}
