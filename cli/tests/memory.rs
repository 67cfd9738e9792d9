//! Peak heap memory of the typed engine, counted exactly by an allocator
//! (deterministic, unlike time): parsing a bulk request into the generated
//! types costs no more than serde's derive into the same structs, and grows
//! linearly with the number of destinations.

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
