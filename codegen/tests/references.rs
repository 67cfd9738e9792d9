//! `$ref`s across the files of a schemas folder, to anchors, into embedded
//! resources and to URIs mapped to folders: bundled into one document
//! before lowering, or refused with the URI they resolved to.

use std::path::PathBuf;

use dmforge_codegen::ir::{FieldType, Module, TypeKind};
use dmforge_codegen::Builder;

fn folder(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    for (file, text) in files {
        let path = dir.join(file);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("scratch dir");
        std::fs::write(path, text).expect("write schema");
    }
    dir
}

fn field<'m>(module: &'m Module, wire: &str) -> &'m FieldType {
    let TypeKind::Struct(root) = &module.types[module.root.0].kind else {
        panic!("{}: the root is a struct", module.id);
    };
    &root.fields.iter().find(|f| f.wire == wire).expect(wire).ty
}

#[test]
fn references_reach_other_files_anchors_and_mapped_uris() {
    let schemas = folder(
        "references-ok",
        &[
            (
                "note.schema.json",
                r##"{"type": "object", "properties": {
                    "who": {"$ref": "common/names.schema.json#/$defs/name"},
                    "tag": {"$ref": "common/names.schema.json#short"},
                    "site": {"$ref": "https://example.com/schemas/site.json"}
                }}"##,
            ),
            (
                "common/names.schema.json",
                r#"{"$defs": {
                    "name": {"type": "string", "maxLength": 3},
                    "short": {"$anchor": "short", "type": "string", "maxLength": 1}
                }}"#,
            ),
        ],
    );
    let vendor = folder(
        "references-vendor",
        &[("site.json", r#"{"type": "string", "format": "uri"}"#)],
    );
    let modules = Builder::new()
        .schemas(&schemas)
        .resource("https://example.com/schemas/", &vendor)
        .modules()
        .unwrap_or_else(|e| panic!("{e:?}"));
    let note = modules
        .iter()
        .find(|m| m.id == "note")
        .expect("note generated");
    let rules = |wire: &str| note.string_rules(field(note, wire)).expect(wire);
    assert_eq!(rules("who").max_length, Some(3));
    assert_eq!(rules("tag").max_length, Some(1));
    assert!(rules("site").format.is_some());
}

#[test]
fn a_reference_nothing_serves_is_refused_with_its_uri() {
    let schemas = folder(
        "references-missing",
        &[(
            "note.schema.json",
            r##"{"type": "object", "properties": {
                "a": {"$ref": "https://example.com/elsewhere.json"},
                "b": {"$ref": "missing.schema.json"},
                "c": {"$ref": "#nowhere"}
            }}"##,
        )],
    );
    let errors = Builder::new()
        .schemas(&schemas)
        .modules()
        .expect_err("refused")
        .0;
    let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        text.iter()
            .any(|e| e.contains("#/properties/a/$ref") && e.contains("no resource prefix maps it")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("#/properties/b/$ref") && e.contains("missing.schema.json")),
        "{text:?}"
    );
    assert!(
        text.iter()
            .any(|e| e.contains("#/properties/c/$ref") && e.contains("no `$anchor` `nowhere`")),
        "{text:?}"
    );
}

/// A symbolic link back to the schemas folder is walked once: the generator
/// finds each schema, and does not loop.
#[cfg(unix)]
#[test]
fn a_link_back_to_the_folder_is_walked_once() {
    let schemas = folder(
        "references-loop",
        &[(
            "note.schema.json",
            r#"{"type": "object", "properties": {"a": {"type": "string"}}}"#,
        )],
    );
    std::os::unix::fs::symlink(".", schemas.join("again")).expect("a symbolic link");
    let found = dmforge_codegen::load::find_schemas(&schemas).expect("found");
    let ids: Vec<&str> = found.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["note"]);
}
