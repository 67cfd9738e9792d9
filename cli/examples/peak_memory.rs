//! Peak heap memory of parsing and validating an Infobip send request to
//! 10 .. 1,000,000 destinations, for dmforge's typed engine and the
//! alternatives, measured by a counting allocator (exact and repeatable,
//! unlike RSS). The input bytes are allocated before measuring and are not
//! counted.
//!
//! `cargo run --release --example peak_memory`

use dmforge::runtime::parse::check_slice;
use dmforge::runtime::Context;
use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_contenders::alloc::{peak_of, Counting};
use dmforge_contenders::payloads::infobip_bulk;
use dmforge_contenders::{plain, with_garde};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let now = time::OffsetDateTime::now_utc();
    let bundled = dmforge_cli::registry::find("infobip/send_message").ok_or("not bundled")?;
    let engine = SchemaValidator::bundled(bundled, now).map_err(|e| format!("{e:?}"))?;
    println!("| destinations | input | serde floor | dmforge | garde | Value + jsonschema | dmforge per destination |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for destinations in [10, 1_000, 100_000, 1_000_000] {
        let bytes = infobip_bulk(destinations);
        let floor = peak_of(|| {
            let value: Result<plain::infobip::send_message::SendMessage, _> =
                serde_json::from_slice(&bytes);
            assert!(value.is_ok());
        });
        let ours = peak_of(|| {
            let mut cx = Context::at_time(now);
            let parsed =
                check_slice::<dmforge::infobip::send_message::SendMessage>(&bytes, &mut cx);
            assert!(parsed.is_ok() && cx.is_clean());
        });
        let garde = peak_of(|| {
            let value: with_garde::infobip::send_message::SendMessage =
                serde_json::from_slice(&bytes).expect("parses");
            assert!(garde::Validate::validate(&value).is_ok());
        });
        let schema = peak_of(|| {
            let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
            assert!(engine.jsonschema().is_valid(&value));
        });
        println!(
            "| {destinations} | {} | {} | {} | {} | {} | {:.1} B |",
            mib(bytes.len()),
            mib(floor),
            mib(ours),
            mib(garde),
            mib(schema),
            ours as f64 / destinations as f64
        );
    }
    Ok(())
}

fn mib(bytes: usize) -> String {
    if bytes < 1 << 20 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1 << 20) as f64)
    }
}
