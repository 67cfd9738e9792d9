//! One module per kind of rule: what is measured, in which unit, and how a
//! failure is worded. Engines decide *where* a rule applies; these functions
//! decide *whether* it holds.

pub mod alternatives;
pub mod base64_file;
pub mod clamped_duration;
pub mod date_time;
pub mod format;
pub mod integer;
pub mod json_value;
pub mod multiple_of;
pub mod pattern;
pub mod size;
pub mod time_window;
pub mod uri;
