//! `dmforge send` as a user runs it, against a real HTTP server on
//! 127.0.0.1: what is sent, what is printed, and the exit codes (0 sent, 1
//! invalid payload, 2 usage, 4 refused or failed).

use std::process::{Command, Output};

use wiremock::matchers::path;
use wiremock::{Mock, MockServer, ResponseTemplate};

const META_TEXT: &str = "tests/fixtures/meta_graph/send_message/valid/doc_text.json";

/// The binary, run off the async runtime, with `TOKEN` set.
async fn dmforge(args: &[&str]) -> Output {
    let args: Vec<String> = args.iter().map(ToString::to_string).collect();
    tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_dmforge"))
            .args(&args)
            .env("TOKEN", "EAAG-secret")
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
            .output()
            .expect("the dmforge binary runs")
    })
    .await
    .expect("the binary's thread ends")
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("an exit code")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn fixture_body(path: &str) -> String {
    let file = format!("{}/../{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"));
    let value: serde_json::Value = serde_json::from_str(&text).expect("JSON");
    value.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dry_run_prints_the_exact_request_with_the_credential_masked() {
    let out = dmforge(&[
        "send",
        "--dry-run",
        "--path-param",
        "IG_ID=123",
        "--token-env",
        "TOKEN",
        "meta_graph/send_message",
        META_TEXT,
    ])
    .await;
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let text = stdout(&out);
    let (head, body) = text.split_once("\n\n").expect("headers, then the body");
    assert_eq!(
        head,
        "POST https://graph.instagram.com/v24.0/123/messages\n\
         content-type: application/json\n\
         authorization: Bearer ****"
    );
    // The body is what the generated types write: the fixture's members,
    // compact.
    let sent: serde_json::Value = serde_json::from_str(body).expect("a JSON body");
    let file: serde_json::Value =
        serde_json::from_str(&fixture_body(META_TEXT)).expect("a JSON fixture");
    assert_eq!(sent, file);
    assert!(!text.contains("EAAG-secret"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_message_is_sent_and_its_id_printed() {
    let server = MockServer::start().await;
    Mock::given(path("/v25.0/123/messages"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(
            r#"{"recipient_id":"1789","message_id":"m-42"}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let base = format!("{}/v25.0", server.uri());
    let out = dmforge(&[
        "send",
        "--base-url",
        &base,
        "--path-param",
        "IG_ID=123",
        "--token-env",
        "TOKEN",
        "meta_graph/send_message",
        META_TEXT,
    ])
    .await;
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains("doc_text.json: sent (HTTP 200, message id m-42)"),
        "{}",
        stdout(&out)
    );
    let seen = server.received_requests().await.unwrap_or_default();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0]
            .headers
            .get("authorization")
            .and_then(|v| v.to_str().ok()),
        Some("Bearer EAAG-secret")
    );
    let sent: serde_json::Value = serde_json::from_slice(&seen[0].body).expect("JSON");
    let file: serde_json::Value =
        serde_json::from_str(&fixture_body(META_TEXT)).expect("a JSON fixture");
    assert_eq!(sent, file);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_is_printed_with_its_code_and_exits_4() {
    let server = MockServer::start().await;
    Mock::given(path("/1/messages"))
        .respond_with(ResponseTemplate::new(400).set_body_raw(
            r#"{"error":{"message":"(#551) This person isn't available right now.","type":"OAuthException","code":551,"fbtrace_id":"A"}}"#,
            "application/json",
        ))
        .mount(&server)
        .await;
    let out = dmforge(&[
        "send",
        "--base-url",
        &server.uri(),
        "--path-param",
        "IG_ID=1",
        "--token-env",
        "TOKEN",
        "meta_graph/send_message",
        META_TEXT,
    ])
    .await;
    assert_eq!(code(&out), 4, "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains(
            "refused with HTTP 400 Bad Request, code 551: (#551) This person isn't available right now."
        ),
        "{}",
        stdout(&out)
    );
    // Not retryable: sent once.
    assert_eq!(
        server.received_requests().await.unwrap_or_default().len(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invalid_payload_sends_nothing_and_exits_1() {
    let server = MockServer::start().await;
    Mock::given(path("/1/messages"))
        .respond_with(ResponseTemplate::new(200))
        .mount(&server)
        .await;
    let out = dmforge(&[
        "send",
        "--base-url",
        &server.uri(),
        "--path-param",
        "IG_ID=1",
        "--token-env",
        "TOKEN",
        "meta_graph/send_message",
        META_TEXT,
        "tests/fixtures/meta_graph/send_message/invalid/text_1001_bytes_ascii.json",
    ])
    .await;
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("[maxBytes]"), "{}", stdout(&out));
    assert!(stderr(&out).contains("nothing was sent"));
    assert!(server
        .received_requests()
        .await
        .unwrap_or_default()
        .is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_errors_exit_2_and_send_nothing() {
    let cases: [(&[&str], &str); 6] = [
        (
            &["send", "--dry-run", "infobip/send_response", META_TEXT],
            "is not a request",
        ),
        (
            &[
                "send",
                "--path-param",
                "IG_ID=1",
                "meta_graph/send_message",
                META_TEXT,
            ],
            "needs a credential",
        ),
        (
            &[
                "send",
                "--path-param",
                "IG_ID=1",
                "--token-env",
                "NO_SUCH_VARIABLE",
                "meta_graph/send_message",
                META_TEXT,
            ],
            "NO_SUCH_VARIABLE: the variable is not set",
        ),
        (
            &[
                "send",
                "--dry-run",
                "--path-param",
                "IG_ID",
                "meta_graph/send_message",
                META_TEXT,
            ],
            "expected NAME=VALUE",
        ),
        (
            &["send", "--dry-run", "meta_graph/send_message", META_TEXT],
            "no value for the URL's `IG_ID`",
        ),
        (
            &[
                "send",
                "--dry-run",
                "--token-env",
                "TOKEN",
                "abebot/send_text",
                "tests/fixtures/abebot/send_text/valid/doc_sample.json",
            ],
            "takes no credential",
        ),
    ];
    for (args, expected) in cases {
        let out = dmforge(args).await;
        assert_eq!(code(&out), 2, "{args:?}: {}", stderr(&out));
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
        assert!(stdout(&out).is_empty(), "{args:?}: {}", stdout(&out));
    }
}
