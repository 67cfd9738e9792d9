//! The contenders are only a fair comparison if they read the same payloads
//! as dmforge and check what they claim to: every valid fixture must parse
//! into each flavour and pass garde and validator, and a violation of a
//! field rule must parse with plain serde yet fail both validators.

use std::path::{Path, PathBuf};

use dmforge_contenders::{plain, with_garde, with_validator};

fn fixtures(id: &str, verdict: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(id)
        .join(verdict);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no fixtures in {}", dir.display());
    files
}

/// What each flavour makes of one payload: (plain parses, garde passes,
/// validator passes), `None` where the payload does not even parse.
type Verdicts = (bool, Option<bool>, Option<bool>);

type Judge = fn(&[u8]) -> Verdicts;

macro_rules! judge {
    ($module:ident :: $message:ident :: $root:ident) => {
        |bytes: &[u8]| -> Verdicts {
            let plain = serde_json::from_slice::<plain::$module::$message::$root>(bytes).is_ok();
            let garde = serde_json::from_slice::<with_garde::$module::$message::$root>(bytes)
                .ok()
                .map(|value| garde::Validate::validate(&value).is_ok());
            let validator =
                serde_json::from_slice::<with_validator::$module::$message::$root>(bytes)
                    .ok()
                    .map(|value| validator::Validate::validate(&value).is_ok());
            (plain, garde, validator)
        }
    };
}

fn judges() -> Vec<(&'static str, Judge)> {
    vec![
        ("abebot/send_image", judge!(abebot::send_image::SendImage)),
        ("abebot/send_text", judge!(abebot::send_text::SendText)),
        (
            "infobip/send_message",
            judge!(infobip::send_message::SendMessage),
        ),
        (
            "infobip/send_response",
            judge!(infobip::send_response::SendResponse),
        ),
        (
            "meta_graph/send_message",
            judge!(meta_graph::send_message::SendMessage),
        ),
        (
            "webex_connect/send_message",
            judge!(webex_connect::send_message::SendMessage),
        ),
    ]
}

fn judge(id: &str, file: &str) -> Verdicts {
    let (_, judge) = judges()
        .into_iter()
        .find(|(known, _)| *known == id)
        .unwrap_or_else(|| panic!("no judge for {id}"));
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../fixtures")
        .join(id)
        .join(file);
    judge(&std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display())))
}

#[test]
fn every_valid_fixture_parses_and_passes_in_every_flavour() {
    for (id, judge) in judges() {
        for path in fixtures(id, "valid") {
            let bytes = std::fs::read(&path).expect("fixture");
            assert_eq!(
                judge(&bytes),
                (true, Some(true), Some(true)),
                "{}",
                path.display()
            );
        }
    }
}

#[test]
fn field_rule_violations_parse_but_fail_garde_and_validator() {
    for (id, file) in [
        (
            "meta_graph/send_message",
            "invalid/text_1001_bytes_ascii.json",
        ),
        (
            "meta_graph/send_message",
            "invalid/text_251_emoji_1004_bytes.json",
        ),
        ("meta_graph/send_message", "invalid/quick_replies_14.json"),
        (
            "meta_graph/send_message",
            "invalid/default_action_url_not_a_uri.json",
        ),
        (
            "meta_graph/send_message",
            "invalid/quick_reply_title_21_chars_multibyte.json",
        ),
        (
            "webex_connect/send_message",
            "invalid/quick_replies_11.json",
        ),
        (
            "webex_connect/send_message",
            "invalid/quick_reply_title_21_chars_emoji.json",
        ),
        (
            "infobip/send_message",
            "invalid/text_1001_chars_multibyte.json",
        ),
        (
            "infobip/send_message",
            "invalid/send_at_not_a_date_time.json",
        ),
        ("abebot/send_text", "invalid/message_65001_chars.json"),
        ("abebot/send_text", "invalid/user_id_zero.json"),
        ("abebot/send_image", "invalid/image_is_text.json"),
    ] {
        assert_eq!(
            judge(id, file),
            (true, Some(false), Some(false)),
            "{id} {file}"
        );
    }
}
