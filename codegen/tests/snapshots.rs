//! Snapshots of the code generated for every shipped schema, under
//! `tests/snapshots/`, so that every change to the output is a reviewable
//! diff. The test fails when the generator's output and the snapshots
//! differ; after reviewing the change, run
//!
//! ```sh
//! DMFORGE_BLESS=1 cargo test -p dmforge-codegen --test snapshots
//! ```
//!
//! to update them. The snapshots are then compiled (trybuild), warnings
//! denied: a snapshot that does not compile fails the test.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

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
                let text = fs::read_to_string(&path).expect("snapshot is text");
                files.insert(
                    path.strip_prefix(dir).expect("under dir").to_path_buf(),
                    text,
                );
            }
        }
    }
    files
}

#[test]
fn generated_code_matches_the_snapshots_and_compiles() {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let snapshots = manifest.join("tests/snapshots");
    let fresh = Path::new(env!("CARGO_TARGET_TMPDIR")).join("snapshots");
    let _ = fs::remove_dir_all(&fresh);
    dmforge_codegen::Builder::new()
        .schemas(manifest.join("../schemas"))
        .runtime_path("::dmforge_runtime")
        .emit_rerun_if_changed(false)
        .generate_tree(&fresh)
        .unwrap_or_else(|e| panic!("{e}"));
    let generated = files_under(&fresh);
    assert!(generated.len() >= 6, "{generated:?}");
    if std::env::var_os("DMFORGE_BLESS").is_some() {
        let _ = fs::remove_dir_all(&snapshots);
        for (path, text) in &generated {
            let target = snapshots.join(path);
            fs::create_dir_all(target.parent().expect("has a parent"))
                .expect("create snapshot dir");
            fs::write(target, text).expect("write snapshot");
        }
    }
    let recorded = files_under(&snapshots);
    let mut stale = Vec::new();
    for path in generated.keys().chain(recorded.keys()) {
        if generated.get(path) != recorded.get(path) && !stale.contains(path) {
            stale.push(path.clone());
        }
    }
    assert!(
        stale.is_empty(),
        "generated code differs from the snapshots in {stale:?}; review the change, then run \
         `DMFORGE_BLESS=1 cargo test -p dmforge-codegen --test snapshots`"
    );
    trybuild::TestCases::new().pass("tests/compile/snapshots.rs");
}
