//! Peak heap memory of the typed engine, counted exactly by an allocator
//! (deterministic, unlike time): parsing a bulk request into the generated
//! types costs no more than serde's derive into the same structs, and grows
//! linearly with the number of destinations; a bulk send's stays flat as
//! the number of messages grows.

use dmforge::runtime::parse::check_slice;
use dmforge::runtime::Context;
use dmforge_contenders::alloc::{peak_of, Counting};
use dmforge_contenders::payloads::infobip_bulk;
use dmforge_contenders::plain;

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The tests run one at a time: the allocator counts every thread, so one
/// test building its payload would count in the other's measurement.
static ONE_TEST_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn typed_peak(bytes: &[u8]) -> usize {
    peak_of(|| {
        let mut cx = Context::at_time(time::OffsetDateTime::UNIX_EPOCH);
        check_slice::<dmforge::infobip::send_message::SendMessage>(bytes, &mut cx).expect("JSON");
        assert!(cx.is_clean());
    })
}

#[test]
fn typed_engine_peaks_no_higher_than_serde_into_the_same_structs() {
    let _alone = ONE_TEST_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    for destinations in [10, 1_000, 20_000] {
        let bytes = infobip_bulk(destinations);
        let floor = peak_of(|| {
            let parsed: plain::infobip::send_message::SendMessage =
                serde_json::from_slice(&bytes).expect("parses");
            drop(parsed);
        });
        let typed = typed_peak(&bytes);
        // A few hundred bytes of context and partial values on top at most.
        assert!(
            typed <= floor + 1024,
            "{destinations}: typed {typed} B, serde {floor} B"
        );
    }
}

#[test]
fn typed_engine_peak_grows_linearly_with_destinations() {
    let _alone = ONE_TEST_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    // Per destination at 40,000 against 5,000 (eight times as many): the
    // same within the factor a doubling vector's spare capacity allows.
    let small = typed_peak(&infobip_bulk(5_000)) as f64 / 5_000.0;
    let large = typed_peak(&infobip_bulk(40_000)) as f64 / 40_000.0;
    assert!(
        large <= small * 2.0 && small <= large * 2.0,
        "{small:.1} B vs {large:.1} B per destination"
    );
    assert!(large < 200.0, "{large:.1} B per destination");
}

/// Peak heap of the sending thread for a bulk send of `count` Meta
/// messages, made one by one, to a local server on threads of its own.
fn bulk_send_peak(server_uri: &str, count: usize) -> usize {
    use dmforge::runtime::client::{RateLimit, Sender};
    use dmforge::runtime::request::{Credential, Target};
    use futures_util::StreamExt;

    let target = Target::new()
        .base_url(format!("{server_uri}/v24.0"))
        .parameter("IG_ID", "1");
    let credential = Credential::Token("t".to_string());
    let mut sent = 0;
    let peak = peak_of(|| {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        let sender = Sender::builder()
            .rate_limit(RateLimit::Off)
            .build()
            .expect("a sender");
        let messages = (0..count).map(|i| {
            serde_json::from_value::<dmforge::meta_graph::send_message::SendMessage>(
                serde_json::json!({"recipient": {"id": "1"}, "message": {"text": format!("m{i}")}}),
            )
            .expect("valid")
        });
        runtime.block_on(async {
            let mut outcomes = sender.send_stream(messages, &target, &credential);
            while let Some((_, outcome)) = outcomes.next().await {
                sent += usize::from(outcome.is_ok());
            }
        });
    });
    assert_eq!(sent, count);
    peak
}

#[test]
fn a_bulk_sends_memory_stays_flat_as_messages_grow() {
    let _alone = ONE_TEST_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let server_runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let server = server_runtime.block_on(async {
        let server = wiremock::MockServer::builder()
            .disable_request_recording()
            .start()
            .await;
        wiremock::Mock::given(wiremock::matchers::method("POST"))
            .respond_with(wiremock::ResponseTemplate::new(200).set_body_raw(
                r#"{"recipient_id":"1","message_id":"m"}"#,
                "application/json",
            ))
            .mount(&server)
            .await;
        server
    });
    // Both past the first few hundred messages, by which the pool and the
    // requests in flight have reached their size.
    let few = bulk_send_peak(&server.uri(), 1_000);
    let many = bulk_send_peak(&server.uri(), 8_000);
    // 8 times the messages: the peak is the pool and the requests in
    // flight, not a list of messages or outcomes (8,000 outcomes kept
    // would add more than a quarter).
    assert!(
        many <= few + few / 4,
        "1000 messages peaked at {few} B, 8000 at {many} B"
    );
}
