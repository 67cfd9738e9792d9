//! The schemas shipped with dmforge, embedded at build time (see `build.rs`).

/// One shipped schema: its id (`<provider>/<message>`), its path in the
/// repository, and its text.
#[derive(Debug, Clone, Copy)]
pub struct BundledSchema {
    pub id: &'static str,
    pub path: &'static str,
    pub json: &'static str,
}

include!(concat!(env!("OUT_DIR"), "/bundled_schemas.rs"));

/// The bundled schema with this id.
#[must_use]
pub fn find(id: &str) -> Option<&'static BundledSchema> {
    BUNDLED.iter().find(|schema| schema.id == id)
}

/// Every bundled schema id, sorted.
pub fn ids() -> impl Iterator<Item = &'static str> {
    BUNDLED.iter().map(|schema| schema.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundles_the_shipped_schemas() {
        assert_eq!(
            ids().collect::<Vec<_>>(),
            [
                "abebot/error_response",
                "abebot/send_image",
                "abebot/send_text",
                "infobip/error_response",
                "infobip/send_message",
                "infobip/send_response",
                "meta_graph/error_response",
                "meta_graph/send_message",
                "meta_graph/send_response",
                "webex_connect/error_response",
                "webex_connect/send_message",
                "webex_connect/send_response",
            ]
        );
        let meta = find("meta_graph/send_message").expect("bundled");
        assert_eq!(meta.path, "schemas/meta_graph/send_message.schema.json");
        assert!(meta.json.contains("maxBytes"));
        assert!(find("meta_graph/nope").is_none());
    }
}
