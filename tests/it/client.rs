//! The sender (`client` feature) against a real HTTP server on 127.0.0.1,
//! started by each test: what arrives, byte for byte, and what is retried.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dmforge::abebot::{send_image, send_text};
use dmforge::infobip::send_message as infobip;
use dmforge::meta_graph::send_message as meta;
use dmforge::runtime::client::{Failure, RateLimit, SendError, Sender};
use dmforge::runtime::request::{Credential, ProviderError, Target};
use dmforge::webex_connect::send_message as webex;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

fn fixture(path: &str) -> String {
    let file = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn meta_text(text: &str) -> meta::SendMessage {
    serde_json::from_value(
        serde_json::json!({"recipient": {"id": "1789"}, "message": {"text": text}}),
    )
    .expect("valid")
}

/// A sender that waits little between attempts, with no rate limit.
fn quick() -> Sender {
    Sender::builder()
        .backoff(Duration::from_millis(1), Duration::from_millis(5))
        .rate_limit(RateLimit::Off)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("a sender")
}

/// Infobip's doc request, its destination carrying a `messageId` Infobip
/// deduplicates by.
fn infobip_with_message_id() -> infobip::SendMessage {
    let mut message: serde_json::Value =
        serde_json::from_str(&fixture("infobip/send_message/valid/doc_request.json"))
            .expect("JSON");
    message["messages"][0]["destinations"][0]["messageId"] = "own-id".into();
    serde_json::from_value(message).expect("valid")
}

/// A quick sender told that the provider deduplicates.
fn deduplicating() -> Sender {
    Sender::builder()
        .backoff(Duration::from_millis(1), Duration::from_millis(5))
        .provider_deduplicates(true)
        .build()
        .expect("a sender")
}

fn meta_target(server: &MockServer) -> Target {
    Target::new()
        .base_url(format!("{}/v24.0", server.uri()))
        .parameter("IG_ID", "17841400000000000")
}

const META_PATH: &str = "/v24.0/17841400000000000/messages";

fn meta_sent(id: &str) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_raw(
        format!(r#"{{"recipient_id":"1789","message_id":"{id}"}}"#),
        "application/json",
    )
}

async fn requests(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap_or_default()
}

fn header<'r>(request: &'r Request, name: &str) -> &'r str {
    request
        .headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_else(|| panic!("no {name}"))
}

#[tokio::test]
async fn each_provider_receives_its_request_byte_for_byte() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(|request: &Request| match request.url.path() {
            META_PATH => meta_sent("m-1"),
            "/instagram/1/messages" => ResponseTemplate::new(200).set_body_raw(
                r#"{"messages":[{"messageId":"ib-1","status":{"groupId":1,"groupName":"PENDING","id":26,"name":"PENDING_ACCEPTED"},"destination":"66855538125"}]}"#,
                "application/json",
            ),
            "/v1/instagram/messages" => ResponseTemplate::new(201)
                .set_body_raw(r#"{"messageId":"wx-1","status":"queued"}"#, "application/json"),
            _ => ResponseTemplate::new(200).set_body_raw("{}", "application/json"),
        })
        .mount(&server)
        .await;
    let sender = quick();

    let sent = sender
        .send(
            &meta_text("Hi 😀"),
            &meta_target(&server),
            &Credential::Token("EAAG".into()),
        )
        .await
        .expect("sent");
    assert_eq!(
        (sent.message_id.as_deref(), sent.attempts),
        (Some("m-1"), 1)
    );
    assert_eq!(sent.response.recipient_id, "1789");

    let infobip: infobip::SendMessage =
        serde_json::from_str(&fixture("infobip/send_message/valid/doc_request.json"))
            .expect("valid");
    let sent = sender
        .send(
            &infobip,
            &Target::new().base_url(server.uri()),
            &Credential::Token("key".into()),
        )
        .await
        .expect("sent");
    assert_eq!(sent.message_id.as_deref(), Some("ib-1"));

    let webex: webex::SendMessage = serde_json::from_str(&fixture(
        "webex_connect/send_message/valid/doc_sticker.json",
    ))
    .expect("valid");
    let sent = sender
        .send(
            &webex,
            &Target::new().base_url(server.uri()),
            &Credential::ServiceKey("svc".into()),
        )
        .await
        .expect("sent");
    assert_eq!(
        (sent.status.as_u16(), sent.message_id.as_deref()),
        (201, Some("wx-1"))
    );

    let text: send_text::SendText =
        serde_json::from_str(r#"{"user_id": 885653200, "message": "velit"}"#).expect("valid");
    sender
        .send(
            &text,
            &Target::new().base_url(server.uri()),
            &Credential::None,
        )
        .await
        .expect("sent");
    let image: send_image::SendImage =
        serde_json::from_str(&fixture("abebot/send_image/valid/gif.json")).expect("valid");
    sender
        .send(
            &image,
            &Target::new().base_url(server.uri()),
            &Credential::None,
        )
        .await
        .expect("sent");

    let seen = requests(&server).await;
    assert_eq!(seen.len(), 5);
    let body = |i: usize| String::from_utf8_lossy(&seen[i].body).into_owned();
    assert_eq!(seen[0].url.path(), META_PATH);
    assert_eq!(header(&seen[0], "authorization"), "Bearer EAAG");
    assert_eq!(header(&seen[0], "content-type"), "application/json");
    assert_eq!(
        body(0),
        r#"{"recipient":{"id":"1789"},"message":{"text":"Hi 😀"}}"#
    );

    assert_eq!(seen[1].url.path(), "/instagram/1/messages");
    assert_eq!(header(&seen[1], "authorization"), "App key");
    assert_eq!(
        body(1),
        r#"{"messages":[{"sender":"OFFICIAL-ACCOUNT-ID-123","destinations":[{"to":"66855538125"}],"content":{"type":"TEXT","text":"Hello!"}}]}"#
    );

    assert_eq!(seen[2].url.path(), "/v1/instagram/messages");
    assert_eq!(header(&seen[2], "key"), "svc");
    assert!(seen[2].headers.get("authorization").is_none());

    assert_eq!(seen[3].url.path(), "/api/instagram/messages/text");
    assert_eq!(header(&seen[3], "accept"), "application/json");
    assert_eq!(
        header(&seen[3], "content-type"),
        "application/x-www-form-urlencoded"
    );
    assert_eq!(body(3), "message=velit&user_id=885653200");

    assert_eq!(seen[4].url.path(), "/api/instagram/messages/image");
    let content_type = header(&seen[4], "content-type");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart");
    let built = dmforge::runtime::request::ToRequest::to_request(
        &image,
        &Target::new().base_url(server.uri()),
        &Credential::None,
    )
    .expect("a request");
    assert_eq!(seen[4].body, *built.body());
    assert!(body(4).contains(&format!("--{boundary}--\r\n")));
    for request in &seen {
        assert!(header(request, "user-agent").starts_with("dmforge/"));
    }
}

#[tokio::test]
async fn a_429_is_retried_after_its_retry_after() {
    let server = MockServer::start().await;
    Mock::given(path(META_PATH))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(META_PATH))
        .respond_with(meta_sent("m-2"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let sent = quick()
        .send(
            &meta_text("hi"),
            &meta_target(&server),
            &Credential::Token("t".into()),
        )
        .await
        .expect("sent");
    assert_eq!(sent.attempts, 2);
    // The backoff alone would have waited at most 5 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(requests(&server).await.len(), 2);
}

#[tokio::test]
async fn a_5xx_is_retried_only_where_the_provider_deduplicates() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500))
        .up_to_n_times(2)
        .with_priority(1)
        .mount(&server)
        .await;
    Mock::given(path(META_PATH))
        .respond_with(meta_sent("m-3"))
        .mount(&server)
        .await;
    Mock::given(path("/instagram/1/messages"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"messages":[{"messageId":"own-id","status":{"groupId":1,"groupName":"PENDING","id":26,"name":"P"},"destination":"d"}]}"#,
            "application/json",
        ))
        .mount(&server)
        .await;

    // Meta deduplicates nothing: the 500 may follow a sent message.
    let failed = quick()
        .send(
            &meta_text("hi"),
            &meta_target(&server),
            &Credential::Token("t".into()),
        )
        .await
        .expect_err("not repeated");
    let SendError::Failed {
        last: Failure::Provider(error),
        attempts: 1,
    } = &failed
    else {
        panic!("{failed:?}");
    };
    assert_eq!(error.status(), 500);
    assert_eq!(requests(&server).await.len(), 1);

    // Infobip with a messageId on every message, its idempotency on: the
    // 500 is retried, and the second attempt goes through.
    let message = infobip_with_message_id();
    let deduplicating = deduplicating();
    let sent = deduplicating
        .send(
            &message,
            &Target::new().base_url(server.uri()),
            &Credential::Token("k".into()),
        )
        .await
        .expect("sent");
    assert_eq!(
        (sent.attempts, sent.message_id.as_deref()),
        (2, Some("own-id"))
    );
    assert_eq!(requests(&server).await.len(), 3);
}

#[tokio::test]
async fn a_refusal_after_an_attempt_that_may_have_been_taken_is_not_called_a_refusal() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .with_priority(1)
        .mount(&server)
        .await;
    // The repeat is refused, as a duplicate of the first would be.
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"requestError":{"serviceException":{"messageId":"BAD_REQUEST","text":"duplicate"}}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let message = infobip_with_message_id();
    let outcome = deduplicating()
        .send(
            &message,
            &Target::new().base_url(server.uri()),
            &Credential::Token("k".into()),
        )
        .await
        .expect_err("not sent for sure");
    let SendError::Failed {
        last: Failure::Provider(error),
        attempts: 2,
    } = &outcome
    else {
        panic!("{outcome:?}");
    };
    assert_eq!(error.status(), 400);
}

#[tokio::test]
async fn a_timeout_is_reported_and_not_repeated() {
    let server = MockServer::start().await;
    Mock::given(path(META_PATH))
        .respond_with(meta_sent("late").set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let sender = Sender::builder()
        .timeout(Duration::from_millis(200))
        .rate_limit(RateLimit::Off)
        .build()
        .expect("a sender");
    let failed = sender
        .send(
            &meta_text("hi"),
            &meta_target(&server),
            &Credential::Token("t".into()),
        )
        .await
        .expect_err("timed out");
    let SendError::Failed {
        last: Failure::Transport(error),
        attempts: 1,
    } = &failed
    else {
        panic!("{failed:?}");
    };
    assert!(error.timed_out && error.may_have_been_sent, "{error:?}");
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_connection_refused_is_retried_since_nothing_was_sent() {
    // A port nobody listens on: bound, then freed.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let failed = quick()
        .send(
            &meta_text("hi"),
            &Target::new()
                .base_url(format!("http://127.0.0.1:{port}"))
                .parameter("IG_ID", "1"),
            &Credential::Token("t".into()),
        )
        .await
        .expect_err("no server");
    let SendError::Failed {
        last: Failure::Transport(error),
        attempts: 4,
    } = &failed
    else {
        panic!("{failed:?}");
    };
    assert!(!error.may_have_been_sent);
}

#[tokio::test]
async fn a_malformed_answer_is_reported_not_repeated() {
    let server = MockServer::start().await;
    Mock::given(path(META_PATH))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("{\"recipient_id\": ", "application/json"),
        )
        .mount(&server)
        .await;
    let failed = quick()
        .send(
            &meta_text("hi"),
            &meta_target(&server),
            &Credential::Token("t".into()),
        )
        .await
        .expect_err("malformed");
    assert!(
        matches!(
            &failed,
            SendError::Failed {
                last: Failure::Provider(ProviderError::Malformed(_)),
                attempts: 1
            }
        ),
        "{failed:?}"
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn a_400_is_refused_at_once_with_the_providers_code() {
    let server = MockServer::start().await;
    Mock::given(path(META_PATH))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"error":{"message":"(#100) The parameter recipient is required","type":"OAuthException","code":100,"fbtrace_id":"A1"}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let refused = quick()
        .send(
            &meta_text("hi"),
            &meta_target(&server),
            &Credential::Token("t".into()),
        )
        .await
        .expect_err("refused");
    let SendError::Refused { error, attempts: 1 } = &refused else {
        panic!("{refused:?}");
    };
    assert_eq!(error.code(), Some("100"));
    assert_eq!(
        refused.to_string(),
        "refused with HTTP 400 Bad Request, code 100: (#100) The parameter recipient is required"
    );
    assert_eq!(requests(&server).await.len(), 1);
}

#[tokio::test]
async fn an_invalid_value_or_a_missing_variable_sends_nothing() {
    let server = MockServer::start().await;
    let failed = quick()
        .send(
            &meta_text("hi"),
            &Target::new().base_url(server.uri()),
            &Credential::Token("t".into()),
        )
        .await
        .expect_err("no IG_ID");
    assert!(matches!(failed, SendError::Request(_)));
    assert_eq!(failed.attempts(), 0);
    assert!(requests(&server).await.is_empty());
}

#[tokio::test]
async fn the_rate_limit_spaces_one_accounts_requests() {
    let server = MockServer::start().await;
    Mock::given(path(META_PATH))
        .respond_with(meta_sent("m"))
        .mount(&server)
        .await;
    let sender = Sender::builder()
        .rate_limit(RateLimit::PerSecond(NonZeroU32::new(5).expect("5")))
        .build()
        .expect("a sender");
    let started = Instant::now();
    let messages: Vec<_> = (0..10).map(|i| meta_text(&format!("m{i}"))).collect();
    let outcomes = sender
        .send_all(
            messages,
            &meta_target(&server),
            &Credential::Token("t".into()),
        )
        .await;
    assert!(outcomes.iter().all(Result::is_ok));
    // A burst of 5, then one every 200 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "{:?}",
        started.elapsed()
    );
}

/// Answers each message by its index (`m<i>`): every tenth message is
/// throttled once (429), or once with Meta's code 4, or fails with a 500,
/// or is refused with a 400; the rest are sent. Counts what it saw.
struct Injected {
    seen: Arc<Mutex<HashMap<usize, usize>>>,
}

impl Respond for Injected {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let body: serde_json::Value = serde_json::from_slice(&request.body).unwrap_or_default();
        let index: usize = body["message"]["text"]
            .as_str()
            .and_then(|t| t.strip_prefix('m'))
            .and_then(|n| n.parse().ok())
            .unwrap_or(usize::MAX);
        let times = {
            let mut seen = self
                .seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            let count = seen.entry(index).or_default();
            *count += 1;
            *count
        };
        match (index % 10, times) {
            (3, 1) => ResponseTemplate::new(429).insert_header("retry-after", "0"),
            (9, 1) => ResponseTemplate::new(400).set_body_raw(
                r#"{"error":{"message":"(#4) Application request limit reached","code":4}}"#,
                "application/json",
            ),
            (5, _) => ResponseTemplate::new(500),
            (7, _) => ResponseTemplate::new(400).set_body_raw(
                r#"{"error":{"message":"(#100) Invalid parameter","code":100}}"#,
                "application/json",
            ),
            _ => meta_sent(&format!("mid-{index}")),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bulk_send_gives_every_message_exactly_one_outcome() {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(HashMap::new()));
    Mock::given(path(META_PATH))
        .respond_with(Injected {
            seen: Arc::clone(&seen),
        })
        .mount(&server)
        .await;
    let sender = Sender::builder()
        .backoff(Duration::from_millis(1), Duration::from_millis(5))
        .rate_limit(RateLimit::Off)
        .concurrency(32)
        .build()
        .expect("a sender");
    let messages: Vec<_> = (0..1000).map(|i| meta_text(&format!("m{i}"))).collect();
    let outcomes = sender
        .send_all(
            messages,
            &meta_target(&server),
            &Credential::Token("t".into()),
        )
        .await;
    assert_eq!(outcomes.len(), 1000);
    let seen = seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    assert_eq!(seen.len(), 1000, "every message reached the server");
    for (index, outcome) in outcomes.iter().enumerate() {
        let sends = seen[&index];
        match (index % 10, outcome) {
            // Throttled once, then sent: refused before anything was done,
            // so repeating was safe.
            (3 | 9, Ok(sent)) => {
                assert_eq!((sent.attempts, sends), (2, 2), "m{index}");
                assert_eq!(sent.message_id, Some(format!("mid-{index}")));
            }
            // A 500 may follow a sent message: never sent twice.
            (
                5,
                Err(SendError::Failed {
                    last: Failure::Provider(e),
                    attempts: 1,
                }),
            ) => {
                assert_eq!((e.status().as_u16(), sends), (500, 1), "m{index}");
            }
            (7, Err(SendError::Refused { error, attempts: 1 })) => {
                assert_eq!((error.code(), sends), (Some("100"), 1), "m{index}");
            }
            (0 | 1 | 2 | 4 | 6 | 8, Ok(sent)) => {
                assert_eq!((sent.attempts, sends), (1, 1), "m{index}");
                assert_eq!(sent.message_id, Some(format!("mid-{index}")));
            }
            (_, other) => panic!("m{index}: {other:?}"),
        }
    }
}
