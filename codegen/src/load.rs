//! Reading schema files: find them, parse them strictly (a duplicate key is
//! an error, as in payloads), check the vocabulary, lower them to IR. Every
//! error names the file, the JSON Pointer and, where it can be found, the
//! line and column.

use std::fs;
use std::path::{Path, PathBuf};

use dmforge_runtime::locate::locate;
use dmforge_runtime::parse::StrictSkip;
use dmforge_runtime::position::TextIndex;
use dmforge_runtime::{Context, Path as ValuePath};
use serde::de::DeserializeSeed;
use serde_json::Value;

use crate::dialect::{normalize, Dialect};
use crate::error::CodegenError;
use crate::ir::Module;
use crate::lower::lower;
use crate::vocabulary::check_document;

/// Suffix of a schema file; the rest of its path under the schema folder is its id.
pub const SUFFIX: &str = ".schema.json";

/// Every `*.schema.json` under `dir`, with its id (`provider/message`), sorted by id.
pub fn find_schemas(dir: &Path) -> Result<Vec<(String, PathBuf)>, CodegenError> {
    let mut found = Vec::new();
    let mut visited = std::collections::HashSet::new();
    walk(dir, dir, &mut found, &mut visited)?;
    found.sort();
    if found.is_empty() {
        return Err(CodegenError::io(
            &dir.display().to_string(),
            format!("no `*{SUFFIX}` files under this folder"),
        ));
    }
    Ok(found)
}

/// `visited`: the folders walked, by their real path, so that a symbolic
/// link back up the tree (`sub -> ..`) is walked once, not forever.
fn walk(
    root: &Path,
    dir: &Path,
    found: &mut Vec<(String, PathBuf)>,
    visited: &mut std::collections::HashSet<PathBuf>,
) -> Result<(), CodegenError> {
    if let Ok(real) = fs::canonicalize(dir) {
        if !visited.insert(real) {
            return Ok(());
        }
    }
    let unreadable = |e: std::io::Error| {
        CodegenError::io(
            &dir.display().to_string(),
            format!("cannot read folder: {e}"),
        )
    };
    for entry in fs::read_dir(dir).map_err(unreadable)? {
        let path = entry.map_err(unreadable)?.path();
        if path.is_dir() {
            walk(root, &path, found, visited)?;
            continue;
        }
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let relative: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if let Some(id) = relative.join("/").strip_suffix(SUFFIX) {
            found.push((id.to_string(), path.clone()));
        }
    }
    Ok(())
}

/// Reads, checks and lowers one schema file. Errors name the file as given;
/// the module records `shown`, a path that is the same on every machine
/// (the schema folder's name and the path under it), for generated docs.
pub fn load(
    id: &str,
    path: &Path,
    shown: &str,
    options: &LoadOptions,
) -> Result<Module, Vec<CodegenError>> {
    let file = path.display().to_string();
    let text =
        fs::read(path).map_err(|e| vec![CodegenError::io(&file, format!("cannot read: {e}"))])?;
    let mut module = load_bytes(id, &file, Some(path), &text, options)?;
    module.file = shown.to_string();
    Ok(module)
}

/// How schemas are read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// What would be a warning (an unknown keyword) is an error.
    pub strict: bool,
    /// The dialect of a schema without `$schema`.
    pub default_dialect: Dialect,
    /// Where documents a `$ref` names are read from, beyond `file:` URIs.
    pub resources: crate::bundle::Resources,
}

fn load_bytes(
    id: &str,
    file: &str,
    path: Option<&Path>,
    text: &[u8],
    options: &LoadOptions,
) -> Result<Module, Vec<CodegenError>> {
    let strict = options.strict;
    let written = parse_strict(file, text).map_err(|e| vec![e])?;
    // An unknown `$schema` (a custom meta-schema dmforge cannot fetch) is
    // read in the default dialect, with a warning; strict mode refuses it.
    let mut dialect_warning = None;
    let dialect = match Dialect::of(&written, options.default_dialect) {
        Ok(dialect) => dialect,
        Err(message) if !strict => {
            let message = format!("{message}; read as {}", options.default_dialect.name());
            dialect_warning = Some(CodegenError::warning(file, "/$schema", message));
            options.default_dialect
        }
        Err(message) => {
            return Err(with_positions(
                text,
                vec![CodegenError::new(file, "/$schema", message)],
            ))
        }
    };
    // The checks and the lowering read the document in 2020-12 terms; a
    // keyword's pointer is the same in both unless a draft's keyword was
    // renamed (`dependencies`, an array `items`).
    let document = normalize(&written, dialect);
    // References to other documents, anchors and embedded resources become
    // pointers into this one (other documents copied under `$defs`).
    let base = crate::bundle::base_for(path, file);
    let document = match crate::bundle::bundle(&document, &base, &options.resources, dialect) {
        Ok(Some(bundled)) => bundled,
        Ok(None) => document,
        Err(issues) => {
            let errors = issues
                .into_iter()
                .map(|i| CodegenError::new(file, i.pointer, i.message))
                .collect();
            return Err(with_positions(text, errors));
        }
    };
    // Both stages run, so every problem of the file is reported at once;
    // a keyword both refuse is reported once, with the vocabulary's reason.
    let (warnings, errors): (Vec<_>, Vec<_>) = check_document(&document)
        .into_iter()
        .partition(|issue| issue.warning && !strict);
    let warnings: Vec<CodegenError> = dialect_warning
        .into_iter()
        .chain(
            warnings
                .into_iter()
                .map(|i| CodegenError::warning(file, i.pointer, i.message)),
        )
        .collect();
    let mut errors: Vec<CodegenError> = errors
        .into_iter()
        .map(|i| CodegenError::new(file, i.pointer, i.message))
        .collect();
    let stem = id.rsplit('/').next().unwrap_or(id);
    match lower(id, file, &document, stem) {
        Ok(mut module) if errors.is_empty() => {
            module.warnings = with_positions(text, warnings);
            return Ok(module);
        }
        Ok(_) => {}
        Err(more) => {
            for error in more {
                if !errors.iter().any(|e| e.pointer == error.pointer) {
                    errors.push(error);
                }
            }
        }
    }
    Err(with_positions(text, errors))
}

/// Lowers schema text that is not in a file (tests, other tools).
pub fn load_text(id: &str, file: &str, text: &str) -> Result<Module, Vec<CodegenError>> {
    load_bytes(id, file, None, text.as_bytes(), &LoadOptions::default())
}

/// [`load_text`], with unknown keywords refused rather than warned about.
pub fn load_text_strict(id: &str, file: &str, text: &str) -> Result<Module, Vec<CodegenError>> {
    let options = LoadOptions {
        strict: true,
        ..LoadOptions::default()
    };
    load_bytes(id, file, None, text.as_bytes(), &options)
}

/// [`load_text`] with the given options (a dialect for schemas without
/// `$schema`, strictness).
pub fn load_text_with(
    id: &str,
    file: &str,
    text: &str,
    options: &LoadOptions,
) -> Result<Module, Vec<CodegenError>> {
    load_bytes(id, file, None, text.as_bytes(), options)
}

pub(crate) fn parse_strict(file: &str, text: &[u8]) -> Result<Value, CodegenError> {
    let syntax = |e: serde_json::Error| {
        let position = TextIndex::new(text).from_serde(e.line(), e.column());
        let mut error = CodegenError::new(file, "", format!("not valid JSON: {e}"));
        error.position = Some((position.line, position.column));
        error
    };
    let mut cx = Context::now();
    let mut de = serde_json::Deserializer::from_slice(text);
    if let Err(e) = StrictSkip::new(&mut cx, &ValuePath::Root).deserialize(&mut de) {
        return Err(match cx.duplicate_key() {
            Some(pointer) => {
                let mut error = CodegenError::new(
                    file,
                    pointer,
                    "duplicate key: every key may appear once per object",
                );
                error.position = locate(text, [pointer])
                    .get(pointer)
                    .map(|p| (p.line, p.column));
                error
            }
            None => syntax(e),
        });
    }
    serde_json::from_slice(text).map_err(syntax)
}

/// `errors` with the line and column of each pointer in `text`, where the
/// text is JSON that holds it.
pub(crate) fn locate_errors(text: &[u8], errors: Vec<CodegenError>) -> Vec<CodegenError> {
    with_positions(text, errors)
}

fn with_positions(text: &[u8], mut errors: Vec<CodegenError>) -> Vec<CodegenError> {
    let found = locate(text, errors.iter().map(|e| e.pointer.as_str()));
    for error in &mut errors {
        error.position = found.get(&error.pointer).map(|p| (p.line, p.column));
    }
    errors
}
