//! Writes an Infobip send request to N destinations (default 1,000,000) to
//! standard output: the input of the CLI benchmark (`scripts/bench-cli.sh`).
//!
//! `cargo run --release --example bulk -- 1000000 > bulk.json`

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let destinations = match std::env::args().nth(1).map(|n| n.parse::<usize>()) {
        None => 1_000_000,
        Some(Ok(n)) => n,
        Some(Err(e)) => {
            eprintln!("usage: bulk [DESTINATIONS]: {e}");
            return ExitCode::from(2);
        }
    };
    let bytes = dmforge_contenders::payloads::infobip_bulk(destinations);
    match std::io::stdout().lock().write_all(&bytes) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bulk: {e}");
            ExitCode::from(2)
        }
    }
}
