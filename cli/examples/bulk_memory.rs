//! Peak heap of a bulk send, as the number of messages grows: the
//! sender's `send_stream` over messages made one by one as room frees up,
//! each outcome counted and dropped as it comes, against a local HTTP
//! server (wiremock, on threads of its own, not counted). Measured by a
//! counting allocator on the sending thread (exact, unlike RSS): the
//! connection pool, requests in flight, retries and the rate limiter's
//! state. It stays flat: nothing is kept per message once it has its
//! outcome.
//!
//! `cargo run --release --example bulk_memory`

use dmforge::meta_graph::send_message::SendMessage;
use dmforge::runtime::client::{RateLimit, Sender};
use dmforge::runtime::request::{Credential, Target};
use dmforge_contenders::alloc::{peak_of, Counting};
use futures_util::StreamExt;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn message(i: usize) -> SendMessage {
    serde_json::from_value(serde_json::json!({
        "recipient": {"id": "1789"}, "message": {"text": format!("message {i}")}
    }))
    .expect("valid")
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let server_runtime = tokio::runtime::Runtime::new()?;
    let server = server_runtime.block_on(async {
        let server = MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        Mock::given(wiremock::matchers::method("POST"))
            .respond_with(ResponseTemplate::new(200).set_body_raw(
                r#"{"recipient_id":"1789","message_id":"m-1"}"#,
                "application/json",
            ))
            .mount(&server)
            .await;
        server
    });
    let target = Target::new()
        .base_url(format!("{}/v24.0", server.uri()))
        .parameter("IG_ID", "17841400000000000");
    let credential = Credential::Token("EAAG-0123456789abcdef".to_string());
    println!("| messages | peak heap of the sending thread | per message |");
    println!("| ---: | ---: | ---: |");
    for count in [1_000usize, 4_000, 16_000, 64_000] {
        let mut sent = 0usize;
        let peak = peak_of(|| {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("a runtime");
            let sender = Sender::builder()
                .rate_limit(RateLimit::Off)
                .concurrency(16)
                .build()
                .expect("a sender");
            runtime.block_on(async {
                let mut outcomes =
                    sender.send_stream((0..count).map(message), &target, &credential);
                while let Some((_, outcome)) = outcomes.next().await {
                    sent += usize::from(outcome.is_ok());
                }
            });
        });
        assert_eq!(sent, count, "every message sent");
        println!(
            "| {count} | {:.1} KiB | {:.1} B |",
            peak as f64 / 1024.0,
            peak as f64 / count as f64
        );
    }
    drop(server_runtime);
    Ok(())
}
