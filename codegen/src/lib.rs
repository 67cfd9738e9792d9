//! dmforge's generator: JSON Schemas in, strongly typed, self-validating Rust
//! types out.
//!
//! The pipeline is three stages, each its own module:
//! 1. [`load`]: find `*.schema.json` files, parse them strictly, check every
//!    keyword against the [`vocabulary`];
//! 2. [`lower`]: schema → [`ir`], a small type space of structs, tagged
//!    unions and enums with their rules as data (or an error at the JSON
//!    Pointer of whatever cannot be enforced);
//! 3. [`emit`]: IR → tokens with `quote!`, formatted by prettyplease.
//!
//! From a build script, in the style of prost-build:
//!
//! ```no_run
//! // build.rs
//! fn main() -> Result<(), Box<dyn std::error::Error>> {
//!     dmforge_codegen::Builder::new().schemas("schemas/acme").generate()?;
//!     Ok(())
//! }
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/dmforge_generated.rs"));
//! ```

pub mod bundle;
pub mod conformance;
pub mod dialect;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod names;
pub mod openapi;
mod parallel;
pub mod vocabulary;

use std::fs;
use std::path::{Path, PathBuf};

use quote::quote;

pub use dialect::Dialect;
pub use emit::{JsonSchemaDerive, Options};
pub use error::{CodegenError, CodegenErrors, ErrorKind};
use ir::{Module, TypeId};
pub use load::LoadOptions;

/// The file a build script's output goes to, in `OUT_DIR`.
pub const GENERATED_FILE: &str = "dmforge_generated.rs";

/// Configures and runs the generator.
#[derive(Debug, Clone)]
pub struct Builder {
    schema_dirs: Vec<PathBuf>,
    /// OpenAPI documents, with the module id each becomes.
    openapi: Vec<(String, PathBuf)>,
    out_dir: Option<PathBuf>,
    runtime_path: String,
    emit_rerun_if_changed: bool,
    options: Options,
    feature_per_provider: bool,
    load: LoadOptions,
}

impl Default for Builder {
    fn default() -> Self {
        Self::new()
    }
}

impl Builder {
    /// Generated code will name the runtime as `::dmforge::runtime`, so it
    /// compiles in any crate that depends on `dmforge`.
    #[must_use]
    pub fn new() -> Self {
        Self {
            schema_dirs: Vec::new(),
            openapi: Vec::new(),
            out_dir: None,
            runtime_path: "::dmforge::runtime".to_string(),
            emit_rerun_if_changed: std::env::var_os("CARGO").is_some()
                && std::env::var_os("OUT_DIR").is_some(),
            options: Options::default(),
            feature_per_provider: false,
            load: LoadOptions::default(),
        }
    }

    /// The dialect of schemas without a `$schema` (2020-12 by default).
    pub fn default_dialect(&mut self, dialect: Dialect) -> &mut Self {
        self.load.default_dialect = dialect;
        self
    }

    /// Refuses unknown keywords instead of reading them as annotations
    /// with a warning. (`x-…` vendor keywords are always read past; a
    /// near-miss of a known keyword, `maxLenght`, is always refused.)
    pub fn strict(&mut self, on: bool) -> &mut Self {
        self.load.strict = on;
        self
    }

    /// Whether the types derive `schemars::JsonSchema` (never, by default;
    /// `Always` needs `dmforge`'s `json-schema` feature).
    pub fn json_schema(&mut self, derive: JsonSchemaDerive) -> &mut Self {
        self.options.json_schema = derive;
        self
    }

    /// Makes each root type's first `example` a doctest that deserializes it
    /// through `krate` (the crate, and path inside it, the generated modules
    /// are reached by: `dmforge`, or `my_crate::providers`). Without it the
    /// example is shown as JSON, not run.
    pub fn examples_crate(&mut self, krate: &str) -> &mut Self {
        self.options.examples_crate = Some(krate.to_string());
        self
    }

    /// Puts each top-level folder's module (a provider: `meta_graph/…`)
    /// under `#[cfg(feature = "<folder>")]`, with its entries of `SCHEMAS`,
    /// so that a crate can offer one Cargo feature per provider.
    pub fn feature_per_provider(&mut self, on: bool) -> &mut Self {
        self.feature_per_provider = on;
        self
    }

    /// The `cfg` attribute a top-level module gets, if any.
    fn provider_cfg(&self, provider: &str) -> Option<proc_macro2::TokenStream> {
        self.feature_per_provider
            .then(|| quote!(#[cfg(feature = #provider)]))
    }

    /// Adds a folder of `*.schema.json` files (searched recursively); a
    /// schema's id and module path are its path under the folder.
    pub fn schemas(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.schema_dirs.push(dir.as_ref().to_path_buf());
        self
    }

    /// Adds an OpenAPI 3.0 or 3.1 document (JSON or YAML) as module `id`
    /// (`line`, or a path such as `providers/line`): a type for each schema
    /// of `components.schemas` and for each operation's JSON request body
    /// and responses, named from its `operationId` (see [`openapi`]).
    pub fn openapi(&mut self, id: &str, file: impl AsRef<Path>) -> &mut Self {
        self.openapi
            .push((id.to_string(), file.as_ref().to_path_buf()));
        self
    }

    /// Reads the documents under URI `prefix` from `dir`: a `$ref` to
    /// `https://example.com/schemas/x.json` with the prefix
    /// `https://example.com/schemas/` reads `dir/x.json`. (Files of the
    /// schemas folder are found by their own path; nothing is fetched.)
    pub fn resource(&mut self, prefix: &str, dir: impl AsRef<Path>) -> &mut Self {
        self.load
            .resources
            .prefixes
            .push((prefix.to_string(), dir.as_ref().to_path_buf()));
        self
    }

    /// Where [`Builder::generate`] writes; `OUT_DIR` by default.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// The path generated code uses for dmforge's runtime, e.g.
    /// `::dmforge_runtime` inside this workspace.
    pub fn runtime_path(&mut self, path: &str) -> &mut Self {
        self.runtime_path = path.to_string();
        self
    }

    /// Whether to print `cargo:rerun-if-changed` lines (on by default in
    /// build scripts).
    pub fn emit_rerun_if_changed(&mut self, on: bool) -> &mut Self {
        self.emit_rerun_if_changed = on;
        self
    }

    /// Reads and lowers every schema; all errors of all files at once.
    pub fn modules(&self) -> Result<Vec<Module>, CodegenErrors> {
        let mut modules = Vec::new();
        let mut errors = Vec::new();
        for dir in &self.schema_dirs {
            if self.emit_rerun_if_changed {
                println!("cargo:rerun-if-changed={}", dir.display());
            }
            for (id, path) in load::find_schemas(dir)? {
                if self.emit_rerun_if_changed {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
                let folder = dir
                    .file_name()
                    .map_or_else(String::new, |n| format!("{}/", n.to_string_lossy()));
                let shown = format!("{folder}{id}{}", load::SUFFIX);
                match load::load(&id, &path, &shown, &self.load) {
                    Ok(module) => {
                        // In a build script, cargo shows these beside the build.
                        if self.emit_rerun_if_changed {
                            for warning in &module.warnings {
                                println!("cargo:warning={warning}");
                            }
                        }
                        modules.push(module);
                    }
                    Err(e) => errors.extend(e),
                }
            }
        }
        for (id, path) in &self.openapi {
            if self.emit_rerun_if_changed {
                println!("cargo:rerun-if-changed={}", path.display());
            }
            let file = path.display().to_string();
            let loaded = fs::read(path)
                .map_err(|e| vec![CodegenError::io(&file, format!("cannot read: {e}"))])
                .and_then(|text| openapi::load_openapi(id, &file, &text, &self.load));
            match loaded {
                Ok(module) => {
                    if self.emit_rerun_if_changed {
                        for warning in &module.warnings {
                            println!("cargo:warning={warning}");
                        }
                    }
                    modules.push(module);
                }
                Err(e) => errors.extend(e),
            }
        }
        if !errors.is_empty() {
            return Err(CodegenErrors(errors));
        }
        link_endpoints(&mut modules)?;
        Ok(modules)
    }

    fn runtime(&self) -> Result<syn::Path, CodegenErrors> {
        runtime_path(&self.runtime_path)
    }

    /// Every module in one Rust file, modules nested by schema path, plus
    /// `SCHEMAS`, the table of typed checkers by schema id.
    pub fn generate_string(&self) -> Result<String, CodegenErrors> {
        self.render(&self.modules()?)
    }

    /// Writes [`GENERATED_FILE`] into the output folder (`OUT_DIR` unless
    /// set), only when its content changed.
    pub fn generate(&self) -> Result<PathBuf, CodegenErrors> {
        let code = self.generate_string()?;
        let dir = match &self.out_dir {
            Some(dir) => dir.clone(),
            None => std::env::var_os("OUT_DIR")
                .map(PathBuf::from)
                .ok_or_else(|| {
                    CodegenErrors(vec![CodegenError::new(
                        "",
                        "",
                        "OUT_DIR is not set: call out_dir() outside a build script",
                    )])
                })?,
        };
        let path = dir.join(GENERATED_FILE);
        write_if_changed(&path, &code)?;
        Ok(path)
    }

    /// Writes plain `.rs` files under `dir`: one per schema, a `mod.rs` per
    /// folder, `dir/mod.rs` the entry, so `#[path = "dir/mod.rs"] mod x;`
    /// includes them. Returns the files written.
    pub fn generate_tree(&self, dir: &Path) -> Result<Vec<PathBuf>, CodegenErrors> {
        self.generate_tree_for(&self.modules()?, dir)
    }

    /// [`Builder::generate_tree`] for modules already read with
    /// [`Builder::modules`] (whose warnings the caller shows).
    pub fn generate_tree_for(
        &self,
        modules: &[Module],
        dir: &Path,
    ) -> Result<Vec<PathBuf>, CodegenErrors> {
        // Refuse a bad runtime path before starting any thread.
        self.runtime()?;
        let modules = &*linked(modules)?;
        let mut files = Vec::new();
        let mut folders: std::collections::BTreeMap<
            Vec<String>,
            std::collections::BTreeSet<String>,
        > = Default::default();
        let codes = parallel::map_modules(modules, |module| {
            let runtime = runtime_path(&self.runtime_path).map_err(|e| e.to_string())?;
            let docs = module_docs(module);
            let body = emit::module_tokens_with(module, &runtime, &self.options);
            let header = format!(
                "// @generated by dmforge-codegen from {}.\n// Do not edit: change the schema and generate again.\n\n",
                module.file
            );
            emit::format_file(&header, quote!(#(#![doc = #docs])* #body)).map_err(|e| e.to_string())
        })
        .map_err(|e| internal(&e))?;
        for (module, code) in modules.iter().zip(codes) {
            let path: Vec<String> = module_path(&module.id)
                .iter()
                .map(ToString::to_string)
                .collect();
            for depth in 0..path.len() {
                folders
                    .entry(path[..depth].to_vec())
                    .or_default()
                    .insert(path[depth].clone());
            }
            let mut file = dir.to_path_buf();
            file.extend(&path[..path.len() - 1]);
            file.push(format!("{}.rs", path[path.len() - 1]));
            write_if_changed(&file, &code)?;
            files.push(file);
        }
        for (folder, children) in folders {
            let top = folder.is_empty();
            let children = children.iter().map(|c| {
                let cfg = if top { self.provider_cfg(c) } else { None };
                let c = emit::ident(c);
                quote!(#cfg pub mod #c;)
            });
            let table = top.then(|| self.schemas_table(modules)).transpose()?;
            let code = emit::format_file(
                "// @generated by dmforge-codegen. Do not edit.\n\n",
                quote!(#(#children)* #table),
            )
            .map_err(|e| internal(&e))?;
            let mut file = dir.to_path_buf();
            file.extend(&folder);
            file.push("mod.rs");
            write_if_changed(&file, &code)?;
            files.push(file);
        }
        Ok(files)
    }
}

/// Names the types of each endpoint's responses: the root type of the
/// module its `responses` name. A response schema that is not among the
/// modules is an error at its pointer.
pub fn link_endpoints(modules: &mut [Module]) -> Result<(), CodegenErrors> {
    let roots: std::collections::BTreeMap<String, String> = modules
        .iter()
        .map(|m| (m.id.clone(), m.types[m.root.0].name.clone()))
        .collect();
    let mut errors = Vec::new();
    unsendable(modules)?;
    for module in modules.iter_mut() {
        let file = module.file.clone();
        let Some(endpoint) = &mut module.endpoint else {
            continue;
        };
        for linked in [&mut endpoint.success, &mut endpoint.error]
            .into_iter()
            .flatten()
        {
            match roots.get(&linked.id) {
                Some(name) => linked.type_name = Some(name.clone()),
                None => errors.push(CodegenError::new(
                    &file,
                    linked.pointer.clone(),
                    format!(
                        "`{}` is not among the schemas generated (its id would be `{}`)",
                        linked.file, linked.id
                    ),
                )),
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CodegenErrors(errors))
    }
}

/// Refuses an `endpoint` on a schema whose root is written as an alias of
/// a runtime type: `Operation` cannot be implemented for it.
fn unsendable(modules: &[Module]) -> Result<(), CodegenErrors> {
    let errors: Vec<CodegenError> = modules
        .iter()
        .filter(|m| m.endpoint.is_some() && m.types[m.root.0].kind.is_alias())
        .map(|m| {
            CodegenError::new(
                &m.file,
                "/endpoint",
                "a request whose body is a bare list, string or number has no type of its own to send: make the body an object",
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(CodegenErrors(errors))
    }
}

/// `modules` with every endpoint's response types named, linking a copy
/// only if some are not (modules not made by [`Builder::modules`]).
fn linked(modules: &[Module]) -> Result<std::borrow::Cow<'_, [Module]>, CodegenErrors> {
    unsendable(modules)?;
    let unlinked = modules.iter().filter_map(|m| m.endpoint.as_ref()).any(|e| {
        [&e.success, &e.error]
            .into_iter()
            .flatten()
            .any(|l| l.type_name.is_none())
    });
    if !unlinked {
        return Ok(std::borrow::Cow::Borrowed(modules));
    }
    let mut copy = modules.to_vec();
    link_endpoints(&mut copy)?;
    Ok(std::borrow::Cow::Owned(copy))
}

/// Every module in one Rust file, as [`Builder::generate_string`] writes it,
/// for modules lowered by the caller (such as [`load::load_text`]), with the
/// default [`Options`].
pub fn render(modules: &[Module], runtime: &str) -> Result<String, CodegenErrors> {
    let mut builder = Builder::new();
    builder.runtime_path(runtime);
    builder.render(modules)
}

impl Builder {
    /// Every module in one Rust file, nested by schema path, and `SCHEMAS`.
    pub fn render(&self, modules: &[Module]) -> Result<String, CodegenErrors> {
        self.runtime()?;
        let modules = &*linked(modules)?;
        let bodies = parallel::map_modules(modules, |module| {
            // syn's types are not `Send`: each thread parses the path itself.
            let runtime = runtime_path(&self.runtime_path).map_err(|e| e.to_string())?;
            emit::format_file(
                "",
                emit::module_tokens_with(module, &runtime, &self.options),
            )
            .map_err(|e| e.to_string())
        })
        .map_err(|e| internal(&e))?;
        let mut root = TextNode::default();
        for (module, body) in modules.iter().zip(bodies) {
            let mut node = &mut root;
            for segment in module.id.split('/') {
                node = node.children.entry(names::snake(segment)).or_default();
            }
            node.module = Some((module, body));
        }
        let sources: Vec<String> = modules.iter().map(|m| m.file.clone()).collect();
        let mut out = format!(
            "// @generated by dmforge-codegen from {}.\n// Do not edit: change the schemas and build again.\n\n",
            sources.join(", ")
        );
        self.write_children(&mut out, &root, 0)?;
        let table = self.schemas_table(modules)?;
        out.push('\n');
        out.push_str(&emit::format_file("", table).map_err(|e| internal(&e.to_string()))?);
        Ok(out)
    }

    /// `SCHEMAS`: every module's typed checker, by schema id.
    fn schemas_table(&self, modules: &[Module]) -> Result<proc_macro2::TokenStream, CodegenErrors> {
        let runtime = &self.runtime()?;
        // A schema file's module has one checker, its root's; an OpenAPI
        // document's has one per entry, `<id>/<entry>`.
        let checkers = modules.iter().flat_map(|m| {
            let roots: Vec<(String, TypeId, Option<&str>)> = if m.entries.is_empty() {
                vec![(m.id.clone(), m.root, None)]
            } else {
                m.entries
                    .iter()
                    .map(|(name, ty)| {
                        (
                            format!("{}/{}", m.id, names::snake(name)),
                            *ty,
                            Some(name.as_str()),
                        )
                    })
                    .collect()
            };
            roots
                .into_iter()
                .map(move |(id, ty, entry)| (m, id, ty, entry))
        });
        let mut checkers: Vec<_> = checkers.collect();
        checkers.sort_by(|a, b| a.1.cmp(&b.1));
        let entries = checkers.into_iter().map(|(m, id, ty, entry)| {
            let path = module_path(&m.id);
            let root = emit::ident(&m.types[ty.0].name);
            let provider = names::snake(m.id.split('/').next().unwrap_or_default());
            let cfg = self.provider_cfg(&provider);
            // An OpenAPI entry's type is not the module's root.
            let operation = m
                .operations
                .iter()
                .find(|(name, _, _)| Some(name.as_str()) == entry);
            let endpoint = match (&m.endpoint, operation) {
                (_, Some(_)) => {
                    let constant = emit::ident(&emit::endpoint_constant(&m.types[ty.0].name));
                    quote!(Some(&#(#path::)*#constant))
                }
                (Some(_), None) if ty == m.root && m.entries.is_empty() => {
                    quote!(Some(&#(#path::)*ENDPOINT))
                }
                _ => quote!(None),
            };
            quote! {
                #cfg
                #runtime::parse::TypedSchema {
                    id: #id,
                    check: #runtime::parse::check_slice::<#(#path::)*#root>,
                    reserialize: #runtime::parse::reserialize::<#(#path::)*#root>,
                    endpoint: #endpoint,
                },
            }
        });
        Ok(quote! {
            /// Every generated schema's typed checker, sorted by id.
            pub static SCHEMAS: &[#runtime::parse::TypedSchema] = &[#(#entries)*];
        })
    }

    /// Writes `node`'s children as nested inline modules (`pub mod x { .. }`),
    /// indented to `depth`: a module's own items first, then its children.
    fn write_children(
        &self,
        out: &mut String,
        node: &TextNode<'_>,
        depth: usize,
    ) -> Result<(), CodegenErrors> {
        for (name, child) in &node.children {
            let cfg = if depth == 0 {
                self.provider_cfg(name)
            } else {
                None
            };
            let name = emit::ident(name);
            let docs = child
                .module
                .as_ref()
                .map(|(m, _)| module_docs(m))
                .unwrap_or_default();
            // prettyplease writes the docs and the head, so they read as the rest.
            let head = emit::format_file("", quote!(#(#[doc = #docs])* #cfg pub mod #name {}))
                .map_err(|e| internal(&e.to_string()))?;
            let head = head.trim_end().strip_suffix("{}").unwrap_or(&head);
            indent(out, head, depth);
            out.push_str("{\n");
            if let Some((_, body)) = &child.module {
                indent(out, body, depth + 1);
            }
            self.write_children(out, child, depth + 1)?;
            indent(out, "}\n", depth);
        }
        Ok(())
    }
}

/// The module tree of the single-file output, each module already formatted.
#[derive(Default)]
struct TextNode<'m> {
    children: std::collections::BTreeMap<String, TextNode<'m>>,
    module: Option<(&'m Module, String)>,
}

/// Appends `text` with every non-empty line indented four spaces per level.
/// (Generated code has no multi-line literals: quote escapes newlines.)
fn indent(out: &mut String, text: &str, depth: usize) {
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.extend(std::iter::repeat_n("    ", depth));
        }
        out.push_str(line);
    }
}

fn runtime_path(path: &str) -> Result<syn::Path, CodegenErrors> {
    syn::parse_str(path).map_err(|e| {
        CodegenErrors(vec![CodegenError::new(
            "",
            "",
            format!("runtime path `{path}` is not a Rust path: {e}"),
        )])
    })
}

/// Module path of a schema id: `meta_graph/send_message` → `meta_graph::send_message`.
fn module_path(id: &str) -> Vec<proc_macro2::Ident> {
    id.split('/')
        .map(|segment| emit::ident(&names::snake(segment)))
        .collect()
}

fn module_docs(module: &Module) -> Vec<String> {
    let mut docs = Vec::new();
    if let Some(title) = &module.doc.title {
        docs.push(format!(" {}: `{}`.", emit::clean_doc(title), module.id));
    }
    if let Some(description) = &module.doc.description {
        docs.push(String::new());
        docs.extend(
            description
                .lines()
                .map(|l| format!(" {}", emit::clean_doc(l))),
        );
    }
    docs.push(String::new());
    docs.push(format!(
        " Generated from `{}`.",
        module.file.replace('\\', "/")
    ));
    docs
}

fn write_if_changed(path: &Path, content: &str) -> Result<(), CodegenErrors> {
    if fs::read_to_string(path).is_ok_and(|old| old == content) {
        return Ok(());
    }
    let fail = |e: std::io::Error| {
        CodegenErrors(vec![CodegenError::io(
            &path.display().to_string(),
            format!("cannot write: {e}"),
        )])
    };
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(fail)?;
    }
    fs::write(path, content).map_err(fail)
}

fn internal(error: &impl std::fmt::Display) -> CodegenErrors {
    CodegenErrors(vec![CodegenError::new(
        "",
        "",
        format!("internal error: generated code does not parse ({error}); please report it"),
    )])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The single-file output is assembled as text, each module formatted on
    /// its own and indented into its parents: that must leave every token
    /// (docs and literals included) as the module alone has it.
    #[test]
    fn nesting_modules_as_text_changes_no_token() {
        let schema = r#"{
            "title": "Multi",
            "description": "first line\n    indented second line\n\nafter a blank",
            "type": "object",
            "properties": {"s": {"type": "string", "maxLength": 3, "description": "one\ntwo  "}},
            "additionalProperties": false
        }"#;
        let module = load::load_text("p/q", "q.schema.json", schema).expect("loads");
        let nested = render(std::slice::from_ref(&module), "::dmforge_runtime").expect("renders");
        let runtime = runtime_path("::dmforge_runtime").expect("a path");
        let alone = emit::format_file("", emit::module_tokens(&module, &runtime)).expect("formats");

        let nested = syn::parse_file(&nested).expect("the nested file parses");
        let inner_items = |items: &[syn::Item], name: &str| -> Vec<syn::Item> {
            items
                .iter()
                .find_map(|item| match item {
                    syn::Item::Mod(m) if m.ident == name => {
                        m.content.as_ref().map(|(_, i)| i.clone())
                    }
                    _ => None,
                })
                .unwrap_or_else(|| panic!("no module {name}"))
        };
        let q = inner_items(&inner_items(&nested.items, "p"), "q");
        let alone = syn::parse_file(&alone).expect("the module parses").items;
        assert_eq!(quote!(#(#q)*).to_string(), quote!(#(#alone)*).to_string());
    }
}
