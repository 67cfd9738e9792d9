//! Values that are one of several alternatives (`oneOf`/`anyOf`).
//!
//! When every alternative is an object ([`Object`]) and a tag or a member
//! of its own tells them apart, the value is read once, as it streams
//! past: the members before the one that selects an alternative are kept
//! as text, then those and the rest go straight into the selected
//! alternative's partial value ([`stream_object`]). Otherwise (nothing
//! selects, or the value is not an object, or an alternative is not an
//! object) the value's text is kept and the alternatives are parsed from it
//! ([`decide`] says which).

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::{too_deep, KeySeed, Member, Object, StrictSkip, StrictValue};
use crate::rules::alternatives::{report, Selector, SEVERAL_MATCHED};
use crate::{Context, Path};

#[doc(hidden)]
/// A type that is one of several alternatives, as the generator emits it:
/// what tells them apart and how to parse each.
pub trait Alternatives<'de>: Sized {
    /// `oneOf` or `anyOf`.
    const RULE: &'static str;
    /// What tells the alternatives apart, when something does.
    const SELECTOR: Option<Selector<'static, &'static str>>;
    /// How many alternatives there are.
    const COUNT: usize;
    /// Every alternative is an object parsed member by member, and a tag
    /// (through [`Self::by_tag`]) or exclusive members select one, so it
    /// can be read as the value streams past ([`Self::stream`]).
    const STREAMED: bool;

    /// Slots for the members every alternative declares alike (`()` when
    /// none is parsed ahead): alternatives told apart by exclusive members
    /// read those into it before one is selected, rather than keep their
    /// text, then hand them to the selected one ([`Self::stream`]).
    type Shared: Default;

    /// Parses member `key` into `shared` when every alternative declares it
    /// alike; [`Member::Unknown`] without reading it otherwise.
    fn shared<A: MapAccess<'de>>(
        shared: &mut Self::Shared,
        key: &str,
        map: &mut A,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Member, A::Error> {
        let _ = (shared, key, map, cx, at);
        Ok(Member::Unknown)
    }

    /// The alternative a tag's value selects, if any (none when the
    /// alternatives have no tag).
    fn by_tag(tag: &TagValue<'_>) -> Option<usize> {
        let _ = tag;
        None
    }

    /// Parses `text` (one JSON value) as alternative `index`, reporting
    /// into `cx`.
    fn attempt(
        index: usize,
        text: &str,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, serde_json::Error>;

    /// Reads the rest of an object as alternative `index`, each arm a call
    /// to [`stream_object`] with the members in `shared` moved into the
    /// alternative's partial value. Only called when [`Self::STREAMED`].
    fn stream<A: MapAccess<'de>>(
        index: usize,
        shared: Self::Shared,
        object: Streamed<'de>,
        map: &mut A,
        cx: &mut Context,
        at: &Path<'_>,
    ) -> Result<Option<Self>, A::Error> {
        let _ = (index, shared, object, map, cx, at);
        Err(A::Error::custom(
            "alternatives that are not all objects are not streamed",
        ))
    }
}

#[doc(hidden)]
/// Parses one of `T`'s alternatives: streamed when they are objects that a
/// tag or exclusive members tell apart, else from the value's text.
#[inline]
pub fn parse_alternatives<'de, D: Deserializer<'de>, T: Alternatives<'de>>(
    de: D,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<Option<T>, D::Error> {
    if T::STREAMED {
        return de.deserialize_any(Streaming::<T> {
            cx,
            at,
            marker: PhantomData,
        });
    }
    // Read strictly on this deserializer (a duplicate key or too deep a
    // nesting is told where it is, even when no alternative is parsed),
    // then parsed from its text as each alternative.
    let value = StrictValue { cx, at }.deserialize(de)?;
    from_text::<T>(&value.to_string(), cx, at).map_err(D::Error::custom)
}

/// One of `T`'s alternatives from `text`, the whole value.
fn from_text<'de, T: Alternatives<'de>>(
    text: &str,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<Option<T>, serde_json::Error> {
    let (tag, by_member) = match T::SELECTOR {
        Some(Selector::Tag(tag)) => (Some(tag), false),
        Some(Selector::Members { .. }) => (None, true),
        None => (None, false),
    };
    let peeked = peek(text, tag, by_member);
    let selected = peeked.tag.as_ref().and_then(T::by_tag);
    decide(
        cx,
        at,
        T::RULE,
        (&peeked, selected, T::SELECTOR),
        T::COUNT,
        &mut |index, cx| T::attempt(index, text, cx, at),
    )
}

/// Reads a value whose alternatives are objects: an object is streamed
/// into the alternative its members select; anything else, or an object
/// that selects none, is parsed from its text.
struct Streaming<'c, 'p, T> {
    cx: &'c mut Context,
    at: &'p Path<'p>,
    marker: PhantomData<fn() -> T>,
}

impl<'de, T: Alternatives<'de>> Streaming<'_, '_, T> {
    fn parse_text<E: de::Error>(self, text: &str) -> Result<Option<T>, E> {
        from_text::<T>(text, self.cx, self.at).map_err(E::custom)
    }
}

impl<'de, T: Alternatives<'de>> Visitor<'de> for Streaming<'_, '_, T> {
    type Value = Option<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Option<T>, A::Error> {
        let (cx, at) = (self.cx, self.at);
        let before = cx.count();
        let mut shared = T::Shared::default();
        let mut shared_members = 0;
        // The members read before the one that selects, kept as text (a
        // copy: a `Value` would cost a tree of allocations for each). Text
        // kept is not read strictly on the way, so its nesting is checked
        // here and its duplicate keys when it is read again.
        let mut read: Vec<(Cow<'de, str>, Box<RawValue>)> = Vec::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let by_member = match T::SELECTOR {
                Some(Selector::Members { members, .. }) => members
                    .iter()
                    .position(|m| *m == key)
                    .filter(|i| *i < T::COUNT),
                _ => None,
            };
            let (index, current) = match by_member {
                Some(index) => (Some(index), Some(key)),
                None => {
                    match T::shared(&mut shared, &key, &mut map, cx, at)? {
                        Member::Parsed => {
                            shared_members += 1;
                            continue;
                        }
                        Member::Duplicate => {
                            cx.set_duplicate_key(&at.key(&key));
                            return Err(A::Error::custom("duplicate key"));
                        }
                        Member::Unknown => {}
                    }
                    let member = at.key(&key);
                    if read.iter().any(|(k, _)| *k == key) {
                        cx.set_duplicate_key(&member);
                        return Err(A::Error::custom("duplicate key"));
                    }
                    let value: Box<RawValue> = map.next_value()?;
                    if too_deep(&member, value.get()) {
                        return Err(A::Error::custom("recursion limit exceeded"));
                    }
                    let index = match T::SELECTOR {
                        Some(Selector::Tag(tag)) if key == tag => tag_value(value.get())
                            .as_ref()
                            .and_then(T::by_tag)
                            .filter(|i| *i < T::COUNT),
                        _ => None,
                    };
                    read.push((key, value));
                    (index, None)
                }
            };
            if let Some(index) = index {
                let object = Streamed {
                    read,
                    current,
                    rule: T::RULE,
                    selector: T::SELECTOR,
                    index,
                    before,
                    members: shared_members,
                };
                return T::stream(index, shared, object, &mut map, cx, at);
            }
        }
        // Nothing selected. Alternatives told apart by member may be told
        // so without parsing any, and what members read ahead found is not
        // what is wrong: the text kept is read strictly first.
        if shared_members > 0 {
            cx.discard_since(before);
        }
        if matches!(T::SELECTOR, Some(Selector::Members { .. })) {
            for (key, value) in &read {
                let member = at.key(key);
                StrictSkip::new(cx, &member)
                    .deserialize(&mut serde_json::Deserializer::from_str(value.get()))
                    .map_err(A::Error::custom)?;
            }
        }
        // Each alternative is tried on the text read.
        from_text::<T>(&object_text(&read), cx, at).map_err(A::Error::custom)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Option<T>, A::Error> {
        let value = StrictValue {
            cx: &mut *self.cx,
            at: self.at,
        }
        .visit_seq(seq)?;
        self.parse_text(&value.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Option<T>, E> {
        self.parse_text(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Option<T>, E> {
        self.parse_text(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Option<T>, E> {
        self.parse_text(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Option<T>, E> {
        match serde_json::Number::from_f64(v) {
            Some(n) => self.parse_text(&n.to_string()),
            None => Err(E::custom("number is not finite")),
        }
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Option<T>, E> {
        self.parse_text(&serde_json::Value::from(v).to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<T>, E> {
        self.parse_text("null")
    }
}

/// The JSON text of an object from its members kept as text, in order
/// (duplicates kept, for the alternatives' parsers to refuse).
fn object_text(read: &[(Cow<'_, str>, Box<RawValue>)]) -> String {
    let mut text = String::from("{");
    for (i, (key, value)) in read.iter().enumerate() {
        if i > 0 {
            text.push(',');
        }
        text.push_str(&Value::from(key.as_ref()).to_string());
        text.push(':');
        text.push_str(value.get());
    }
    text.push('}');
    text
}

/// The tag's value in `text`, one JSON value.
fn tag_value(text: &str) -> Option<TagValue<'_>> {
    TagSeed
        .deserialize(&mut serde_json::Deserializer::from_str(text))
        .ok()
}

#[doc(hidden)]
/// An object being read as the alternative its members selected: the
/// members read before (as text), the selecting member whose value is
/// still to read, and what [`stream_object`] needs to tell that a member of
/// another alternative is there too.
pub struct Streamed<'de> {
    read: Vec<(Cow<'de, str>, Box<RawValue>)>,
    current: Option<Cow<'de, str>>,
    rule: &'static str,
    selector: Option<Selector<'static, &'static str>>,
    index: usize,
    /// The violations recorded before the object was read.
    before: usize,
    /// How many members were read ahead into the partial value given.
    members: usize,
}

#[doc(hidden)]
/// Reads the rest of an object as alternative `T`, after the members read
/// before it was selected. When the alternatives have exclusive members and
/// another's is present too, no alternative can match: that alone is said,
/// and what `T` found is dropped, as the schema engine reports it.
#[inline]
pub fn stream_object<'de, T, P, A>(
    mut partial: P,
    object: Streamed<'de>,
    map: &mut A,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<Option<T>, A::Error>
where
    // Members kept as text are read from it, a shorter lifetime than the
    // payload's, into the same partial value.
    T: for<'r> Object<'r, Partial = P>,
    A: MapAccess<'de>,
{
    let Streamed {
        read,
        current,
        rule,
        selector,
        index,
        before,
        mut members,
    } = object;
    let mut unknown: Vec<Cow<'de, str>> = Vec::new();
    for (key, value) in read {
        replay::<T>(
            &mut partial,
            &mut unknown,
            &mut members,
            key,
            &value,
            cx,
            at,
        )
        .map_err(A::Error::custom)?;
    }
    let own: &[&str] = match selector {
        Some(Selector::Members {
            members,
            exclusive: true,
        }) => members,
        _ => &[],
    };
    let mut others: Vec<&str> = Vec::new();
    if let Some(key) = current {
        take_member!(T, partial, unknown, members, key, *map, cx, at);
    }
    while let Some(key) = map.next_key_seed(KeySeed)? {
        if let Some(member) = own
            .iter()
            .enumerate()
            .find(|(i, m)| *i != index && **m == key)
            .map(|(_, m)| *m)
        {
            others.push(member);
        }
        take_member!(T, partial, unknown, members, key, *map, cx, at);
    }
    let built: Result<Option<T>, A::Error> = finish_object!(T, partial, members, before, cx, at);
    if others.is_empty() {
        return built;
    }
    cx.discard_since(before);
    let selecting = own.get(index).copied();
    let present = |member: &str| selecting == Some(member) || others.contains(&member);
    cx.extend(report(
        rule,
        selector,
        Some(&present),
        &at.pointer(),
        Vec::new(),
    ));
    Ok(None)
}

/// A member read before its object's alternative was known, read again
/// from its text into `partial`.
fn replay<'de, 'r, T: Object<'r>>(
    partial: &mut T::Partial,
    unknown: &mut Vec<Cow<'de, str>>,
    members: &mut usize,
    key: Cow<'de, str>,
    value: &'r RawValue,
    cx: &mut Context,
    at: &Path<'_>,
) -> Result<(), serde_json::Error> {
    let mut map = Replay(Some(value));
    take_member!(T, *partial, *unknown, *members, key, map, cx, at);
    Ok(())
}

/// One member's value read again from its text.
struct Replay<'r>(Option<&'r RawValue>);

impl<'r> MapAccess<'r> for Replay<'r> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'r>>(
        &mut self,
        _: K,
    ) -> Result<Option<K::Value>, serde_json::Error> {
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'r>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, serde_json::Error> {
        let raw = self
            .0
            .take()
            .ok_or_else(|| serde_json::Error::custom("a member's value read twice"))?;
        seed.deserialize(&mut serde_json::Deserializer::from_slice(
            raw.get().as_bytes(),
        ))
    }
}

/// What an alternatives type learns of its value's text before parsing it
/// as one alternative: its members' names (when it is an object and they
/// were asked for) and its tag's value.
#[derive(Debug, Default)]
pub struct Peek<'r> {
    pub members: Option<Vec<Cow<'r, str>>>,
    pub tag: Option<TagValue<'r>>,
}

/// The value of a tag member, as far as selecting an alternative needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TagValue<'r> {
    String(Cow<'r, str>),
    Integer(i64),
    /// Anything else (`1.0` included): no alternative is selected by it.
    Other,
}

impl TagValue<'_> {
    /// The value when it is a string.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            TagValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value when it is an integer written as one.
    #[must_use]
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            TagValue::Integer(n) => Some(*n),
            _ => None,
        }
    }
}

impl Peek<'_> {
    /// The tag's value when it is a string.
    #[must_use]
    pub fn tag_str(&self) -> Option<&str> {
        self.tag.as_ref().and_then(TagValue::as_str)
    }

    /// The tag's value when it is an integer written as one.
    #[must_use]
    pub fn tag_i64(&self) -> Option<i64> {
        self.tag.as_ref().and_then(TagValue::as_i64)
    }
}

/// Reads a tag member's value, borrowing a string when it can.
struct TagSeed;

impl<'de> DeserializeSeed<'de> for TagSeed {
    type Value = TagValue<'de>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<TagValue<'de>, D::Error> {
        de.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for TagSeed {
    type Value = TagValue<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<TagValue<'de>, E> {
        Ok(TagValue::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<TagValue<'de>, E> {
        Ok(TagValue::String(Cow::Owned(v.to_owned())))
    }
    fn visit_i64<E>(self, v: i64) -> Result<TagValue<'de>, E> {
        Ok(TagValue::Integer(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<TagValue<'de>, E> {
        Ok(i64::try_from(v).map_or(TagValue::Other, TagValue::Integer))
    }
    fn visit_f64<E>(self, _: f64) -> Result<TagValue<'de>, E> {
        Ok(TagValue::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<TagValue<'de>, E> {
        Ok(TagValue::Other)
    }
    fn visit_unit<E>(self) -> Result<TagValue<'de>, E> {
        Ok(TagValue::Other)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TagValue<'de>, A::Error> {
        while seq.next_element::<de::IgnoredAny>()?.is_some() {}
        Ok(TagValue::Other)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TagValue<'de>, A::Error> {
        while map
            .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
            .is_some()
        {}
        Ok(TagValue::Other)
    }
}

/// Reads `raw` (one JSON value) for its [`Peek`]: a pass that keeps only
/// the value of member `tag` and, when `members` (alternatives told apart
/// by a member of their own), the names of an object's members.
#[must_use]
pub fn peek<'r>(raw: &'r str, tag: Option<&str>, members: bool) -> Peek<'r> {
    struct PeekSeed<'t>(Option<&'t str>, bool);
    impl<'de> DeserializeSeed<'de> for PeekSeed<'_> {
        type Value = Peek<'de>;
        fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Peek<'de>, D::Error> {
            de.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for PeekSeed<'_> {
        type Value = Peek<'de>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_bool<E>(self, _: bool) -> Result<Peek<'de>, E> {
            Ok(Peek::default())
        }
        fn visit_i64<E>(self, _: i64) -> Result<Peek<'de>, E> {
            Ok(Peek::default())
        }
        fn visit_u64<E>(self, _: u64) -> Result<Peek<'de>, E> {
            Ok(Peek::default())
        }
        fn visit_f64<E>(self, _: f64) -> Result<Peek<'de>, E> {
            Ok(Peek::default())
        }
        fn visit_str<E>(self, _: &str) -> Result<Peek<'de>, E> {
            Ok(Peek::default())
        }
        fn visit_unit<E>(self) -> Result<Peek<'de>, E> {
            Ok(Peek::default())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Peek<'de>, A::Error> {
            while seq.next_element::<de::IgnoredAny>()?.is_some() {}
            Ok(Peek::default())
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Peek<'de>, A::Error> {
            let mut peek = Peek {
                members: self.1.then(Vec::new),
                tag: None,
            };
            while let Some(key) = map.next_key_seed(KeySeed)? {
                if self.0 == Some(key.as_ref()) {
                    peek.tag = Some(map.next_value_seed(TagSeed)?);
                } else {
                    map.next_value::<de::IgnoredAny>()?;
                }
                if let Some(members) = &mut peek.members {
                    members.push(key);
                }
            }
            Ok(peek)
        }
    }
    let mut de = serde_json::Deserializer::from_str(raw);
    PeekSeed(tag, members)
        .deserialize(&mut de)
        .unwrap_or_default()
}

/// Parses the value as alternative `index`, reporting into the context
/// given.
type Attempt<'a, T> = dyn FnMut(usize, &mut Context) -> Result<Option<T>, serde_json::Error> + 'a;

/// A value parsed as one of its `count` alternatives from its text (`rule`
/// is `oneOf` or `anyOf`), with JSON Schema's meaning: for `oneOf` exactly
/// one may match, for `anyOf` at least one. The text was read once
/// ([`peek`]); `selected` is the alternative its tag selects, if any (the
/// others cannot match, so it alone is parsed, into `cx`), and alternatives
/// told apart by a member of their own (`selector`) are selected here the
/// same way. Otherwise each is tried apart. When none
/// matches, what is reported is what the selector says
/// (`rules::alternatives::report`), as the schema engine reports it.
fn decide<T>(
    cx: &mut Context,
    at: &Path<'_>,
    rule: &'static str,
    (peeked, selected, selector): (&Peek<'_>, Option<usize>, Option<Selector<'_, &str>>),
    count: usize,
    attempt: &mut Attempt<'_, T>,
) -> Result<Option<T>, serde_json::Error> {
    let has = |member: &str| {
        peeked
            .members
            .as_ref()
            .is_some_and(|members| members.iter().any(|m| m == member))
    };
    let has_member = peeked
        .members
        .as_ref()
        .map(|_| &has as &dyn Fn(&str) -> bool);
    let by_member = match selector {
        Some(Selector::Members { members, exclusive }) if has_member.is_some() => {
            let mut present = members.iter().enumerate().filter(|(_, m)| has(m));
            match (present.next(), present.next()) {
                (Some((i, _)), None) => Some(i),
                // None present, or several of exclusive ones: no alternative
                // can match, and what to say needs no attempt.
                (first, second) if first.is_none() || (second.is_some() && exclusive) => {
                    cx.extend(report(
                        rule,
                        selector,
                        has_member,
                        &at.pointer(),
                        Vec::new(),
                    ));
                    return Ok(None);
                }
                _ => None,
            }
        }
        _ => None,
    };
    if let Some(index) = selected.or(by_member).filter(|i| *i < count) {
        // Its violations, if any, are what is wrong: nothing more is said.
        let before = cx.count();
        let parsed = attempt(index, cx)?;
        return Ok(parsed.filter(|_| cx.count() == before));
    }
    let exclusive = rule == "oneOf";
    let mut found = Vec::with_capacity(count);
    let mut chosen = None;
    for index in 0..count {
        let mut probe = Context::at_time(cx.time());
        let parsed = attempt(index, &mut probe)?;
        match parsed {
            Some(value) if probe.is_clean() => {
                if chosen.is_some() {
                    cx.fail(at, rule, SEVERAL_MATCHED);
                    return Ok(None);
                }
                if !exclusive {
                    return Ok(Some(value));
                }
                chosen = Some(value);
                found.push(Vec::new());
            }
            _ => found.push(probe.into_violations()),
        }
    }
    if chosen.is_some() {
        return Ok(chosen);
    }
    cx.extend(report(rule, selector, has_member, &at.pointer(), found));
    Ok(None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_peek_reads_the_tag_and_member_names_only_when_asked() {
        let text = r#"{"kind": "image", "url": "a.png", "n": {"deep": [1]}}"#;
        let peeked = peek(text, Some("kind"), false);
        assert_eq!(peeked.tag_str(), Some("image"));
        assert!(peeked.members.is_none());
        let peeked = peek(text, None, true);
        let names: Vec<&str> = peeked
            .members
            .iter()
            .flatten()
            .map(|m| m.as_ref())
            .collect();
        assert_eq!(names, ["kind", "url", "n"]);
        // An integer tag is one only when written as one.
        assert_eq!(
            peek(r#"{"type": 2}"#, Some("type"), false).tag_i64(),
            Some(2)
        );
        assert_eq!(
            peek(r#"{"type": 2.0}"#, Some("type"), false).tag_i64(),
            None
        );
        // Not an object: nothing to select by.
        let peeked = peek("[1, 2]", Some("type"), true);
        assert!(peeked.members.is_none() && peeked.tag.is_none());
    }
}
