//! The `dmforge` crate's provider modules under `src/generated/` are the
//! generator's output for `schemas/`, checked in so that a user's build
//! never runs the generator (as prost's and rust-analyzer's generated
//! sources are). This test generates them again and fails, naming the
//! command, when the checked-in files differ: after changing a schema or
//! the generator, run
//!
//! ```sh
//! DMFORGE_BLESS=1 cargo test -p dmforge-codegen --test bundled
//! ```
//!
//! and review the diff of `src/generated/`. The test lives here, not in
//! `dmforge`, so that it runs even when the checked-in modules no longer
//! compile against a changed runtime (prost's bootstrap test does the same).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use dmforge_codegen::{Builder, JsonSchemaDerive};

const REGENERATE: &str = "DMFORGE_BLESS=1 cargo test -p dmforge-codegen --test bundled";

/// Every file under `dir`, by path relative to it.
fn files_under(dir: &Path) -> BTreeMap<PathBuf, String> {
    let mut files = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        let Ok(entries) = fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let text =
                    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                files.insert(
                    path.strip_prefix(dir).expect("under dir").to_path_buf(),
                    text,
                );
            }
        }
    }
    files
}

/// How the bundled modules are generated: the runtime by its crate name
/// (the `dmforge` crate depends on it), one Cargo feature per provider, and
/// schemars under the `json-schema` feature.
fn bundled_builder(root: &Path) -> Builder {
    let mut builder = Builder::new();
    builder
        .schemas(root.join("schemas"))
        .runtime_path("::dmforge_runtime")
        .feature_per_provider(true)
        .json_schema(JsonSchemaDerive::WhenFeature("json-schema".into()))
        .examples_crate("dmforge")
        .emit_rerun_if_changed(false);
    builder
}

#[test]
fn checked_in_provider_modules_are_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("codegen/ is inside the repository");
    let checked_in = root.join("src/generated");
    let fresh = Path::new(env!("CARGO_TARGET_TMPDIR")).join("freshness");
    let _ = fs::remove_dir_all(&fresh);
    bundled_builder(root)
        .generate_tree(&fresh)
        .unwrap_or_else(|e| panic!("{e}"));
    let generated = files_under(&fresh);
    assert!(generated.len() >= 6, "{generated:?}");
    if std::env::var_os("DMFORGE_BLESS").is_some() {
        let _ = fs::remove_dir_all(&checked_in);
        for (path, text) in &generated {
            let target = checked_in.join(path);
            fs::create_dir_all(target.parent().expect("has a parent")).expect("create dir");
            fs::write(target, text).expect("write a generated module");
        }
    }
    let recorded = files_under(&checked_in);
    let stale: Vec<_> = generated
        .keys()
        .chain(recorded.keys())
        .filter(|path| generated.get(*path) != recorded.get(*path))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        stale.is_empty(),
        "src/generated/ is stale in {stale:?}: the schemas or the generator changed. \
         Regenerate with `{REGENERATE}` and review the diff."
    );
}
