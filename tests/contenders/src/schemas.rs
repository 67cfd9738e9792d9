//! Synthetic schemas for measuring the generator.

use std::fmt::Write as _;

/// A schema whose root has one member per definition, each definition an
/// object with a character limit, an integer range, an array of
/// byte-limited strings, a required member and no unknown members: the
/// rules of a real provider, `definitions` times over.
#[must_use]
pub fn with_definitions(definitions: usize) -> String {
    let mut properties = String::new();
    let mut defs = String::new();
    for i in 0..definitions {
        let comma = if i > 0 { "," } else { "" };
        // Writing into a String cannot fail.
        let _ = write!(
            properties,
            r##"{comma}"member{i}":{{"$ref":"#/$defs/Item{i}"}}"##
        );
        let _ = write!(
            defs,
            r#"{comma}"Item{i}":{{"type":"object","properties":{{"name":{{"type":"string","minLength":1,"maxLength":80}},"count":{{"type":"integer","minimum":0,"maximum":100}},"tags":{{"type":"array","maxItems":5,"items":{{"type":"string","maxBytes":20}}}}}},"required":["name"],"additionalProperties":false}}"#
        );
    }
    format!(
        r#"{{"$schema":"https://json-schema.org/draft/2020-12/schema","title":"Synthetic","type":"object","properties":{{{properties}}},"additionalProperties":false,"$defs":{{{defs}}}}}"#
    )
}
