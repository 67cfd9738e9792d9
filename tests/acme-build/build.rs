// The whole integration: generate from the provider's schemas into OUT_DIR.
fn main() -> Result<(), Box<dyn std::error::Error>> {
    // With schemars' derive, so its tests can read the types' JSON Schema.
    dmforge_codegen::Builder::new()
        .schemas("../acme/schemas")
        .json_schema(dmforge_codegen::JsonSchemaDerive::Always)
        .generate()?;
    Ok(())
}
