//! Provider types generated from `schemas/`. Built in issue #3.
