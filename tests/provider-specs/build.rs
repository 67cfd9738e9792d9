//! Every published spec in `tests/data/provider-specs`, through the
//! generator's OpenAPI reader, into one module per provider.

const PROVIDERS: &[(&str, &str)] = &[
    ("discord", "discord/openapi.json"),
    ("line", "line/openapi.yaml"),
    ("resend", "resend/openapi.yaml"),
    ("sendgrid", "sendgrid/openapi.json"),
    ("twilio", "twilio/openapi.json"),
    ("vonage", "vonage/openapi.yaml"),
    ("whatsapp", "whatsapp/openapi.json"),
];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/provider-specs");
    let mut builder = dmforge_codegen::Builder::new();
    for (id, file) in PROVIDERS {
        builder.openapi(id, root.join(file));
    }
    builder.generate()?;
    Ok(())
}
