//! A loop to run under a profiler (`valgrind --tool=callgrind`, `perf`):
//! parse and validate one Infobip, Meta, Webex or abebot fixture N times
//! with dmforge's typed engine or the serde floor.
//!
//! `cargo build --release --example profile && valgrind --tool=callgrind \
//!   target/release/examples/profile dmforge infobip/send_message/valid/doc_request.json 10000`

use std::process::ExitCode;

use dmforge::runtime::parse::check_slice;
use dmforge::runtime::Context;
use dmforge_contenders::plain;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [contender, fixture, iterations] = args.as_slice() else {
        eprintln!("usage: profile dmforge|floor|in_memory FIXTURE ITERATIONS");
        return ExitCode::from(2);
    };
    let Ok(iterations) = iterations.parse::<usize>() else {
        eprintln!("profile: ITERATIONS must be a number");
        return ExitCode::from(2);
    };
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures")
        .join(fixture);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("profile: {}: {e}", path.display());
            return ExitCode::from(2);
        }
    };
    let id = fixture.split('/').take(2).collect::<Vec<_>>().join("/");
    let now = time::OffsetDateTime::now_utc();
    let mut valid = 0usize;
    if contender == "in_memory" {
        // validate() on a value already parsed.
        let run = match id.as_str() {
            "infobip/send_message" => in_memory::<dmforge::infobip::send_message::SendMessage>,
            "meta_graph/send_message" => {
                in_memory::<dmforge::meta_graph::send_message::SendMessage>
            }
            "webex_connect/send_message" => {
                in_memory::<dmforge::webex_connect::send_message::SendMessage>
            }
            "abebot/send_text" => in_memory::<dmforge::abebot::send_text::SendText>,
            _ => {
                eprintln!("profile: no in_memory for {id}");
                return ExitCode::from(2);
            }
        };
        match run(&bytes, now, iterations) {
            Some(valid) => println!("{valid} of {iterations} valid"),
            None => {
                eprintln!("profile: {fixture} does not parse as a valid payload");
                return ExitCode::from(2);
            }
        }
        return ExitCode::SUCCESS;
    }
    for _ in 0..iterations {
        let ok = match (contender.as_str(), id.as_str()) {
            ("dmforge", "infobip/send_message") => {
                typed::<dmforge::infobip::send_message::SendMessage>(&bytes, now)
            }
            ("dmforge", "meta_graph/send_message") => {
                typed::<dmforge::meta_graph::send_message::SendMessage>(&bytes, now)
            }
            ("dmforge", "webex_connect/send_message") => {
                typed::<dmforge::webex_connect::send_message::SendMessage>(&bytes, now)
            }
            ("dmforge", "abebot/send_text") => {
                typed::<dmforge::abebot::send_text::SendText>(&bytes, now)
            }
            ("floor", "infobip/send_message") => {
                serde_json::from_slice::<plain::infobip::send_message::SendMessage>(&bytes).is_ok()
            }
            ("floor", "meta_graph/send_message") => {
                serde_json::from_slice::<plain::meta_graph::send_message::SendMessage>(&bytes)
                    .is_ok()
            }
            ("floor", "webex_connect/send_message") => {
                serde_json::from_slice::<plain::webex_connect::send_message::SendMessage>(&bytes)
                    .is_ok()
            }
            ("floor", "abebot/send_text") => {
                serde_json::from_slice::<plain::abebot::send_text::SendText>(&bytes).is_ok()
            }
            _ => {
                eprintln!("profile: no {contender} for {id}");
                return ExitCode::from(2);
            }
        };
        valid += usize::from(ok);
    }
    println!("{valid} of {iterations} valid");
    ExitCode::SUCCESS
}

fn typed<T: for<'de> dmforge::runtime::parse::Parse<'de>>(
    bytes: &[u8],
    now: time::OffsetDateTime,
) -> bool {
    let mut cx = Context::at_time(now);
    check_slice::<T>(bytes, &mut cx).is_ok() && cx.is_clean()
}

fn in_memory<T>(bytes: &[u8], now: time::OffsetDateTime, iterations: usize) -> Option<usize>
where
    T: for<'de> dmforge::runtime::parse::Parse<'de> + dmforge::runtime::Validate,
{
    let mut cx = Context::at_time(now);
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value = T::parse(&mut de, &mut cx, &dmforge::runtime::Path::Root).ok()??;
    let valid = (0..iterations)
        .filter(|_| std::hint::black_box(&value).validate_at_time(now).is_ok())
        .count();
    Some(valid)
}
