//! Bundles every `schemas/<provider>/<message>.schema.json` into the binary,
//! so `dmforge validate meta_graph/send_message x.json` works from any
//! directory. The list is read from the folder, sorted, and never hand-kept.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let repository = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("the cli crate has no parent folder")?;
    let root = repository.join("schemas");
    println!("cargo:rerun-if-changed={}", root.display());
    let unreadable =
        |path: &Path, e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let mut entries = Vec::new();
    for provider in fs::read_dir(&root).map_err(|e| unreadable(&root, e))? {
        let provider = provider.map_err(|e| unreadable(&root, e))?;
        if !provider.path().is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", provider.path().display());
        let folder = provider.path();
        for file in fs::read_dir(&folder).map_err(|e| unreadable(&folder, e))? {
            let path = file.map_err(|e| unreadable(&folder, e))?.path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default();
            if let Some(message) = name.strip_suffix(".schema.json") {
                let provider = provider.file_name().to_string_lossy().into_owned();
                entries.push((format!("{provider}/{message}"), path));
            }
        }
    }
    entries.sort();
    let mut out = String::from(
        "/// Every bundled schema, sorted by id.\npub static BUNDLED: &[BundledSchema] = &[\n",
    );
    for (id, path) in &entries {
        let relative = path.strip_prefix(repository)?;
        writeln!(
            out,
            "    BundledSchema {{ id: {id:?}, path: {rel:?}, json: include_str!({abs:?}) }},",
            rel = relative.display().to_string(),
            abs = path.display().to_string(),
        )?;
    }
    out.push_str("];\n");
    fs::write(
        Path::new(&env::var("OUT_DIR")?).join("bundled_schemas.rs"),
        out,
    )?;
    Ok(())
}
