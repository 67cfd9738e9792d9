//! Arbitrary bytes through every generated checker and the CLI's report
//! code (locating pointers in the text included): never a panic.
#![no_main]

use dmforge_cli::engine::typed::TypedValidator;
use dmforge_cli::engine::Validator;
use dmforge_cli::report::check_bytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for schema in dmforge::SCHEMAS {
        let validator = Validator::Typed(TypedValidator::new(
            schema,
            time::OffsetDateTime::UNIX_EPOCH,
        ));
        let _ = check_bytes(data, &validator);
    }
});
