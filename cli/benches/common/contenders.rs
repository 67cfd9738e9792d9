//! Every contender of every benchmark case, as a closure that does the
//! whole job once and checks its verdict (so a contender that stopped
//! validating would fail loudly, not win quietly). The criterion benches
//! and the interleaved ratio bench run the same closures.

use std::hint::black_box;
use std::rc::Rc;

use dmforge::runtime::parse::{check_slice, Parse};
use dmforge::runtime::{Context, Validate};
use dmforge_contenders::payloads::infobip_bulk;
use dmforge_contenders::{plain, with_garde, with_validator};
use serde::de::DeserializeOwned;

use super::{fixture, schema_engine, typed, NOW};

pub struct Contender {
    pub name: &'static str,
    pub run: Box<dyn FnMut()>,
}

pub struct Case {
    /// `<kind>/<payload>`, the criterion group.
    pub name: String,
    /// Bytes per run, for throughput; 0 for in-memory cases.
    pub bytes: usize,
    /// Destinations per run, for the bulk cases.
    pub elements: Option<u64>,
    /// The contender the others are divided by.
    pub baseline: &'static str,
    pub contenders: Vec<Contender>,
}

fn contender(name: &'static str, run: impl FnMut() + 'static) -> Contender {
    Contender {
        name,
        run: Box::new(run),
    }
}

/// Parse into `T` with serde's derive, no rule checked.
fn serde_floor<T: DeserializeOwned>(bytes: Rc<Vec<u8>>) -> Contender {
    contender("serde_floor", move || {
        black_box(serde_json::from_slice::<T>(black_box(&bytes)).expect("parses"));
    })
}

/// dmforge's typed engine: parse and validate in one pass; `violations`
/// is how many it must find.
fn dmforge_typed<T: for<'de> Parse<'de>>(bytes: Rc<Vec<u8>>, violations: usize) -> Contender {
    contender("dmforge", move || {
        let mut cx = Context::at_time(NOW);
        check_slice::<T>(black_box(&bytes), &mut cx).expect("JSON");
        if violations == 0 {
            assert!(cx.is_clean());
        } else {
            // Every violation with its pointer, as a caller gets them.
            assert_eq!(black_box(cx.into_violations()).len(), violations);
        }
    })
}

fn garde<T: DeserializeOwned + garde::Validate<Context = ()>>(
    bytes: Rc<Vec<u8>>,
    valid: bool,
) -> Contender {
    contender("garde", move || {
        let value = serde_json::from_slice::<T>(black_box(&bytes)).expect("parses");
        assert_eq!(black_box(value.validate()).is_ok(), valid);
        black_box(value);
    })
}

fn validator<T: DeserializeOwned + validator::Validate>(
    bytes: Rc<Vec<u8>>,
    valid: bool,
) -> Contender {
    contender("validator", move || {
        let value = serde_json::from_slice::<T>(black_box(&bytes)).expect("parses");
        assert_eq!(black_box(value.validate()).is_ok(), valid);
        black_box(value);
    })
}

/// `serde_json::Value`, then jsonschema: `is_valid` for a valid payload,
/// `iter_errors` (each error's path and message) for an invalid one.
fn value_jsonschema(id: &str, bytes: Rc<Vec<u8>>, violations: usize) -> Contender {
    let engine = schema_engine(id);
    contender("value_jsonschema", move || {
        let value: serde_json::Value = serde_json::from_slice(black_box(&bytes)).expect("JSON");
        if violations == 0 {
            assert!(engine.jsonschema().is_valid(&value));
        } else {
            let errors: Vec<(String, String)> = engine
                .jsonschema()
                .iter_errors(&value)
                .map(|e| (e.instance_path().as_str().to_owned(), e.to_string()))
                .collect();
            // jsonschema reports a failed `oneOf` as one error where
            // dmforge reports the closest alternative's violations, so
            // only its verdict is checked.
            assert!(!black_box(errors).is_empty());
        }
        black_box(value);
    })
}

fn value_only(bytes: Rc<Vec<u8>>) -> Contender {
    contender("value_only", move || {
        black_box(serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).expect("JSON"));
    })
}

/// One payload, every contender, from bytes.
macro_rules! from_bytes {
    ($name:expr, $id:literal, $bytes:expr, $violations:expr, $root:ident in $provider:ident :: $message:ident) => {{
        let bytes = Rc::new($bytes);
        let violations: usize = $violations;
        let valid = violations == 0;
        let mut contenders = vec![
            serde_floor::<plain::$provider::$message::$root>(bytes.clone()),
            dmforge_typed::<dmforge::$provider::$message::$root>(bytes.clone(), violations),
            garde::<with_garde::$provider::$message::$root>(bytes.clone(), valid),
            validator::<with_validator::$provider::$message::$root>(bytes.clone(), valid),
            value_jsonschema($id, bytes.clone(), violations),
        ];
        if !valid {
            contenders.push(value_only(bytes.clone()));
        }
        Case {
            name: $name.to_string(),
            bytes: bytes.len(),
            elements: None,
            baseline: "serde_floor",
            contenders,
        }
    }};
}

/// One payload already in memory, each contender its own value of it.
macro_rules! in_memory {
    ($label:literal, $id:literal, $fixture:literal, $root:ident in $provider:ident :: $message:ident) => {{
        let bytes = fixture(concat!($id, "/valid/", $fixture));
        let ours: dmforge::$provider::$message::$root = typed(&bytes);
        let garde_value: with_garde::$provider::$message::$root =
            serde_json::from_slice(&bytes).expect("parses");
        let validator_value: with_validator::$provider::$message::$root =
            serde_json::from_slice(&bytes).expect("parses");
        let json: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let engine = schema_engine($id);
        Case {
            name: concat!("in_memory/", $label).to_string(),
            bytes: 0,
            elements: None,
            baseline: "dmforge",
            contenders: vec![
                contender("dmforge", move || {
                    assert!(Validate::validate_at_time(black_box(&ours), NOW).is_ok())
                }),
                contender("garde", move || {
                    assert!(garde::Validate::validate(black_box(&garde_value)).is_ok())
                }),
                contender("validator", move || {
                    assert!(validator::Validate::validate(black_box(&validator_value)).is_ok())
                }),
                contender("jsonschema", move || {
                    assert!(engine.jsonschema().is_valid(black_box(&json)))
                }),
            ],
        }
    }};
}

/// A message whose body is a `oneOf` of 10 shapes told apart by `type`
/// (`tests/data/bench/union_message.schema.json`), with the first shape and
/// with the last (serde's untagged enum tries the shapes in order). The
/// baseline is serde's untagged enum, which checks no rule and, for a body
/// no shape accepts, says only that none did.
pub fn unions() -> Vec<Case> {
    let schema_file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/data/bench/union_message.schema.json"
    );
    let schema_text = std::fs::read_to_string(schema_file).expect("the union schema");
    ["union_first.json", "union_last.json"]
        .into_iter()
        .map(|payload| {
            let path = format!(
                "{}/../tests/data/bench/{payload}",
                env!("CARGO_MANIFEST_DIR")
            );
            let bytes = Rc::new(std::fs::read(&path).expect("the union payload"));
            let engine = dmforge_cli::engine::schema::SchemaValidator::compile(
                "union_message.schema.json",
                &schema_text,
                NOW,
            )
            .expect("the union schema compiles");
            let json_bytes = bytes.clone();
            Case {
                name: format!("union/{}", payload.trim_end_matches(".json")),
                bytes: bytes.len(),
                elements: None,
                baseline: "serde_untagged",
                contenders: vec![
                    contender("serde_untagged", {
                        let bytes = bytes.clone();
                        move || {
                            black_box(
                                serde_json::from_slice::<
                                    plain::bench::union_message::UnionMessage,
                                >(black_box(&bytes))
                                .expect("parses"),
                            );
                        }
                    }),
                    dmforge_typed::<
                        dmforge_contenders::union_dmforge::bench::union_message::UnionMessage,
                    >(bytes.clone(), 0),
                    contender("value_jsonschema", move || {
                        let value: serde_json::Value =
                            serde_json::from_slice(black_box(&json_bytes)).expect("JSON");
                        assert!(engine.jsonschema().is_valid(&value));
                        black_box(value);
                    }),
                ],
            }
        })
        .collect()
}

/// One typical message per provider (Infobip twice: the documentation's
/// request and one with every field), parsed and validated from bytes.
pub fn messages() -> Vec<Case> {
    vec![
        from_bytes!("parse_validate/meta", "meta_graph/send_message",
            fixture("meta_graph/send_message/valid/quick_replies_13.json"), 0,
            SendMessage in meta_graph::send_message),
        from_bytes!("parse_validate/webex", "webex_connect/send_message",
            fixture("webex_connect/send_message/valid/doc_template.json"), 0,
            SendMessage in webex_connect::send_message),
        from_bytes!("parse_validate/infobip", "infobip/send_message",
            fixture("infobip/send_message/valid/doc_request.json"), 0,
            SendMessage in infobip::send_message),
        from_bytes!("parse_validate/infobip_every_field", "infobip/send_message",
            fixture("infobip/send_message/valid/every_field.json"), 0,
            SendMessage in infobip::send_message),
        from_bytes!("parse_validate/abebot", "abebot/send_text",
            fixture("abebot/send_text/valid/doc_sample.json"), 0,
            SendText in abebot::send_text),
    ]
}

/// The same messages, validated in memory.
pub fn in_memory() -> Vec<Case> {
    vec![
        in_memory!("meta", "meta_graph/send_message", "quick_replies_13.json",
            SendMessage in meta_graph::send_message),
        in_memory!("webex", "webex_connect/send_message", "doc_template.json",
            SendMessage in webex_connect::send_message),
        in_memory!("infobip", "infobip/send_message", "doc_request.json",
            SendMessage in infobip::send_message),
        in_memory!("infobip_every_field", "infobip/send_message", "every_field.json",
            SendMessage in infobip::send_message),
        in_memory!("abebot", "abebot/send_text", "doc_sample.json",
            SendText in abebot::send_text),
    ]
}

/// Meta's several-violations fixture: an empty recipient id, 1004 bytes of
/// text, 14 quick replies. Every contender collects all of them.
pub fn all_errors() -> Case {
    from_bytes!("all_errors/meta", "meta_graph/send_message",
        fixture("meta_graph/send_message/invalid/several_violations.json"), 3,
        SendMessage in meta_graph::send_message)
}

/// An Infobip request to `destinations` numbers.
pub fn bulk(destinations: usize) -> Case {
    let mut case = from_bytes!(format!("bulk/{destinations}"), "infobip/send_message",
        infobip_bulk(destinations), 0,
        SendMessage in infobip::send_message);
    case.elements = Some(destinations as u64);
    case
}

/// A valid message made into the request its provider accepts
/// (`to_request`: the message checked, the URL, the credential header and
/// the body), against writing its body alone (`serde_json::to_vec`, the
/// baseline) and against the `http::Request` a program writes by hand
/// around that body (the URL formatted, the credential and content type
/// set, nothing checked). abebot's form is written through a JSON value
/// first; its by-hand form is not measured.
macro_rules! request {
    ($label:literal, $id:literal, $fixture:literal, $root:ident in $provider:ident :: $message:ident,
     $target:expr, $credential:expr, $by_hand:expr) => {{
        use dmforge::runtime::request::ToRequest as _;
        let bytes = fixture(concat!($id, "/valid/", $fixture));
        let ours: dmforge::$provider::$message::$root = typed(&bytes);
        let body = ours.clone();
        let target: dmforge::runtime::request::Target = $target;
        let credential: dmforge::runtime::request::Credential = $credential;
        let mut contenders = vec![
            contender("serialize", move || {
                black_box(serde_json::to_vec(black_box(&body)).expect("writes"));
            }),
            contender("dmforge", move || {
                black_box(
                    black_box(&ours)
                        .to_request(&target, &credential)
                        .expect("a request"),
                );
            }),
        ];
        let by_hand: Option<(&'static str, &'static str, &'static str, &'static str)> = $by_hand;
        if let Some((url, id, header, credential)) = by_hand {
            let value: dmforge::$provider::$message::$root = typed(&bytes);
            contenders.push(contender("by_hand", move || {
                let request = dmforge::runtime::http::Request::builder()
                    .method("POST")
                    .uri(format!("{url}/{id}/messages"))
                    .header(header, credential)
                    .header("content-type", "application/json")
                    .body(serde_json::to_vec(black_box(&value)).expect("writes"))
                    .expect("a request");
                black_box(request);
            }));
        }
        Case {
            name: concat!("request/", $label).to_string(),
            bytes: bytes.len(),
            elements: None,
            baseline: "serialize",
            contenders,
        }
    }};
}

pub fn requests() -> Vec<Case> {
    use dmforge::runtime::request::{Credential, Target};
    let token = || Credential::Token("EAAG-0123456789abcdef".to_string());
    let meta = Some((
        "https://graph.instagram.com/v24.0",
        "17841400000000000",
        "authorization",
        "Bearer EAAG-0123456789abcdef",
    ));
    vec![
        request!("meta_text", "meta_graph/send_message", "doc_text.json",
            SendMessage in meta_graph::send_message,
            Target::new().parameter("IG_ID", "17841400000000000"), token(), meta),
        request!("meta_13_quick_replies", "meta_graph/send_message", "quick_replies_13.json",
            SendMessage in meta_graph::send_message,
            Target::new().parameter("IG_ID", "17841400000000000"), token(), meta),
        request!("infobip", "infobip/send_message", "doc_request.json",
            SendMessage in infobip::send_message,
            Target::new().parameter("baseUrl", "xyz12.api.infobip.com"), token(),
            Some(("https://xyz12.api.infobip.com", "instagram/1", "authorization", "App EAAG-0123456789abcdef"))),
        request!("webex", "webex_connect/send_message", "doc_template.json",
            SendMessage in webex_connect::send_message,
            Target::new().parameter("region", "us"), token(),
            Some(("https://api.us.webexconnect.io", "v1/instagram", "key", "EAAG-0123456789abcdef"))),
        request!("abebot_form", "abebot/send_text", "doc_sample.json",
            SendText in abebot::send_text,
            Target::new(), Credential::None, None),
    ]
}
