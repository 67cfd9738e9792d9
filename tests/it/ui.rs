//! Compile-time guarantees, proven by compiling (trybuild): for each, a
//! program that compiles and one that must not, with the compiler's message
//! checked in beside it (`tests/ui/<category>/*.stderr`, made with the
//! toolchain pinned in rust-toolchain.toml). After an intended change to a
//! message, review it and run `TRYBUILD=overwrite cargo test -p dmforge --test it ui`.

#[test]
fn compile_time_guarantees() {
    let cases = trybuild::TestCases::new();
    cases.pass("tests/ui/*/pass_*.rs");
    cases.compile_fail("tests/ui/*/fail_*.rs");
}
