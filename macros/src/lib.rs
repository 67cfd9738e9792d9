//! Derive macros. Built in issue #4.
