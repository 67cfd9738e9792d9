//! Generates the provider types from `../schemas` into `OUT_DIR`. The
//! schemas are the source of truth; nothing generated is checked in except
//! the review snapshots under `codegen/tests/snapshots/`.

use std::path::Path;

fn main() {
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas");
    let result = dmforge_codegen::Builder::new()
        .schemas(&schemas)
        .runtime_path("::dmforge_runtime")
        .generate();
    if let Err(errors) = result {
        // The messages are complete (file, pointer, line:column, reason).
        eprintln!("{errors}");
        std::process::exit(1);
    }
}
