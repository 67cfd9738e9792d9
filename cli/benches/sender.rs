//! The sender's throughput against a local HTTP server (wiremock on
//! 127.0.0.1, on its own threads), with the rate limiter off: `send_all`
//! of a batch of Meta messages, 16 in flight, against the same bodies
//! posted by a bare reqwest client with the same concurrency (the
//! baseline, which checks, retries and limits nothing), interleaved round
//! by round as `ratios` does.
//!
//! `cargo bench --bench sender`; `DMFORGE_BENCH_ROUNDS` sets the rounds
//! (default 15). Prints a Markdown table.

use std::time::Instant;

use dmforge::meta_graph::send_message::SendMessage;
use dmforge::runtime::client::{RateLimit, Sender};
use dmforge::runtime::request::{Credential, Target, ToRequest};
use futures_util::stream::{self, StreamExt};
use wiremock::{Mock, MockServer, ResponseTemplate};

const BATCH: usize = 400;
const IN_FLIGHT: usize = 16;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rounds = std::env::var("DMFORGE_BENCH_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(15usize);
    // The server runs on a runtime of its own, so the client's runtime
    // measures the client.
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
    let client_runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let target = Target::new()
        .base_url(format!("{}/v24.0", server.uri()))
        .parameter("IG_ID", "17841400000000000");
    let credential = Credential::Token("EAAG-0123456789abcdef".to_string());
    let messages: Vec<SendMessage> = (0..BATCH)
        .map(|i| {
            serde_json::from_value(serde_json::json!({
                "recipient": {"id": "1789"}, "message": {"text": format!("message {i}")}
            }))
        })
        .collect::<Result<_, _>>()?;
    let sender = Sender::builder()
        .rate_limit(RateLimit::Off)
        .concurrency(IN_FLIGHT)
        .build()?;
    let bare = reqwest::Client::new();
    let requests: Vec<_> = messages
        .iter()
        .map(|m| m.to_request(&target, &credential))
        .collect::<Result<_, _>>()?;

    let mut ours = Vec::with_capacity(rounds);
    let mut theirs = Vec::with_capacity(rounds);
    for round in 0..rounds {
        let run_ours = || {
            client_runtime.block_on(async {
                let outcomes = sender
                    .send_all(messages.iter().cloned(), &target, &credential)
                    .await;
                assert!(outcomes.iter().all(Result::is_ok));
            })
        };
        let run_bare = || {
            client_runtime.block_on(async {
                let sent = stream::iter(&requests)
                    .map(|request| {
                        let mut builder = bare
                            .post(request.uri().to_string())
                            .body(request.body().clone());
                        for (name, value) in request.headers() {
                            builder = builder.header(name, value);
                        }
                        async move {
                            let response = builder.send().await.expect("sent");
                            response.bytes().await.expect("read");
                        }
                    })
                    .buffer_unordered(IN_FLIGHT)
                    .count()
                    .await;
                assert_eq!(sent, BATCH);
            })
        };
        // Alternate which goes first, so neither always meets a warm pool.
        let (first, second) = if round % 2 == 0 {
            (&mut ours, &mut theirs)
        } else {
            (&mut theirs, &mut ours)
        };
        let start = Instant::now();
        if round % 2 == 0 {
            run_ours()
        } else {
            run_bare()
        }
        first.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        if round % 2 == 0 {
            run_bare()
        } else {
            run_ours()
        }
        second.push(start.elapsed().as_secs_f64());
    }
    let mut ratios: Vec<f64> = ours.iter().zip(&theirs).map(|(o, t)| o / t).collect();
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let quartiles = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        (v[v.len() / 4], v[v.len() * 3 / 4])
    };
    let (ours_s, theirs_s) = (median(&mut ours.clone()), median(&mut theirs.clone()));
    let (low, high) = quartiles(&mut ratios);
    println!("| sender ({BATCH} Meta messages, {IN_FLIGHT} in flight, limiter off) | messages/s (median) | × bare reqwest (median) | interquartile range |");
    println!("| --- | ---: | ---: | --- |");
    println!(
        "| bare reqwest (baseline) | {:.0} | 1.00 | |",
        BATCH as f64 / theirs_s
    );
    println!(
        "| dmforge `send_all` | {:.0} | {:.2} | {low:.2} – {high:.2} |",
        BATCH as f64 / ours_s,
        median(&mut ratios)
    );
    drop(server_runtime);
    Ok(())
}
