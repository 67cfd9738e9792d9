//! Typestate for generated builders: a required member not yet set is a
//! `Missing<member>` type parameter, and `build()` exists only once every
//! one is set, so leaving out a required member is a compile error that
//! names it (``no method named `build` found for `SendMessageBuilder<Missing<recipient>>` ``).

use std::marker::PhantomData;

/// A required member that has not been set; `M` is a marker named after it.
pub struct Missing<M>(PhantomData<M>);

impl<M> Missing<M> {
    #[must_use]
    pub const fn new() -> Self {
        Self(PhantomData)
    }
}

impl<M> Default for Missing<M> {
    fn default() -> Self {
        Self::new()
    }
}

impl<M> std::fmt::Debug for Missing<M> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Missing")
    }
}
