//! Arbitrary text as a schema: the generator accepts it and emits code that
//! parses, or refuses it with errors; it never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(module) = dmforge_codegen::load::load_text("fuzz/schema", "fuzz.schema.json", text) {
        let _ = dmforge_codegen::conformance::cases(&module);
        if let Err(error) = dmforge_codegen::render(&[module], "::dmforge::runtime") {
            panic!("an accepted schema must render: {error}");
        }
    }
});
