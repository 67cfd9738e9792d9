// The whole integration: generate from the provider's schemas into OUT_DIR.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    dmforge_codegen::Builder::new()
        .schemas("../acme/schemas")
        .generate()?;
    Ok(())
}
