//! References across documents, bundled into one: every `$ref` of a schema
//! is resolved against its base URI (the document's `$id`, else its file,
//! changed by any `$id` on the way), and what it names (another file of the
//! schemas folder, a resource a URI prefix is mapped to, an `$anchor`, a
//! subschema with its own `$id`) is rewritten as a JSON Pointer into the one
//! document; another document is copied under the root's `$defs` first.
//! The generator then needs only local pointers, as the 2020-12 spec's
//! "bundling" describes.
//!
//! A reference that names nothing reachable (a remote URI no prefix maps, a
//! file that is not there, an anchor nobody declares) is refused with the
//! URI it resolved to.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};
use url::Url;

use dmforge_runtime::pointer::{child, from_fragment, to_fragment};

use crate::dialect::{normalize_in_place, Dialect};
use crate::vocabulary::{each_schema, each_schema_mut};

/// Where documents other than the one being read come from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resources {
    /// (URI prefix, folder): `http://localhost:1234/` → `remotes/`.
    pub prefixes: Vec<(String, PathBuf)>,
}

impl Resources {
    /// The document a URI (without fragment) names, if a prefix maps it or
    /// it is a `file:` URI of a file that exists.
    fn load(&self, uri: &Url) -> Result<Value, String> {
        let text = uri.as_str();
        let path = self
            .prefixes
            .iter()
            .find_map(|(prefix, dir)| {
                text.strip_prefix(prefix.as_str())
                    .map(|rest| dir.join(rest))
            })
            .or_else(|| {
                (uri.scheme() == "file")
                    .then(|| uri.to_file_path().ok())
                    .flatten()
            });
        let Some(path) = path else {
            return Err(format!(
                "`{uri}` is not in the schemas folder and no resource prefix maps it (`--resource URI=DIR`, `Builder::resource`); remote documents are not fetched"
            ));
        };
        let bytes = std::fs::read(&path)
            .map_err(|e| format!("`{uri}` is read from {}: {e}", path.display()))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| format!("`{uri}` ({}) is not JSON: {e}", path.display()))
    }
}

/// The base URI of a schema file at `path`, or of one without a file
/// (`urn:dmforge:schema:<name>`, which no reference reaches by accident).
#[must_use]
pub fn base_for(path: Option<&Path>, name: &str) -> Url {
    let from_file = path
        .and_then(|p| std::fs::canonicalize(p).ok())
        .and_then(|p| Url::from_file_path(p).ok());
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-._/".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    from_file
        .or_else(|| Url::parse(&format!("urn:dmforge:schema:{safe}")).ok())
        .unwrap_or_else(|| Url::parse("urn:dmforge:schema").expect("a constant URI parses"))
}

/// A problem found while bundling, at a pointer of the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleIssue {
    pub pointer: String,
    pub message: String,
}

/// `document` with every `$ref` a local JSON Pointer, other documents
/// copied in; `None` when it has no reference that needs it (the document
/// is used as it is).
pub fn bundle(
    document: &Value,
    base: &Url,
    resources: &Resources,
    dialect: Dialect,
) -> Result<Option<Value>, Vec<BundleIssue>> {
    bundle_as(document, base, resources, dialect, true)
}

/// [`bundle`], with the other documents copied as written when
/// `normalize_imports` is false (for an engine that runs the whole document
/// in its own draft, as jsonschema does).
pub fn bundle_as(
    document: &Value,
    base: &Url,
    resources: &Resources,
    dialect: Dialect,
    normalize_imports: bool,
) -> Result<Option<Value>, Vec<BundleIssue>> {
    // For the generator, a `$dynamicRef` is resolved here too; jsonschema
    // resolves it itself, against the resources as written.
    let dynamic = has_dynamic_references(document);
    let needed = needs_bundling(document);
    // For jsonschema, bundling merges resources into one, and with them the
    // dynamic scope a `$dynamicRef` resolves through: refused rather than
    // resolved differently (the generator keeps the resources apart).
    if dynamic && needed && !normalize_imports {
        return Err(vec![dynamic_scope_issue()]);
    }
    let resolve_dynamic = dynamic && normalize_imports;
    if !(needed || resolve_dynamic) {
        return Ok(None);
    }
    let mut bundler = Bundler {
        root: document.clone(),
        index: HashMap::new(),
        loaded: HashMap::new(),
        issues: Vec::new(),
        resources,
        dialect,
        normalize_imports,
        next: 0,
    };
    let base = own_base(document, base);
    bundler.index_resource("", &base);
    bundler.rewrite("", &base);
    if !bundler.issues.is_empty() {
        return Err(bundler.issues);
    }
    // Every reference is now a pointer from the root: an `$id` below it
    // would make an engine read those pointers against another document.
    // With dynamic references the generator keeps them (it reads every
    // pointer from the root): they mark the resources a `$dynamicRef`'s
    // dynamic scope is made of.
    let mut root = bundler.root;
    // Documents copied in may bring `$dynamicRef`s of their own.
    if !normalize_imports && has_dynamic_references(&root) {
        return Err(vec![dynamic_scope_issue()]);
    }
    let keep_ids = normalize_imports && has_dynamic_references(&root);
    let mut depth = 0usize;
    each_schema_mut(&mut root, &mut |object| {
        depth += 1;
        if depth > 1 && !keep_ids {
            object.remove("$id");
        }
    });
    Ok(Some(root))
}

/// Why the schema engine refuses a schema whose `$dynamicRef`s resolve
/// across resources.
fn dynamic_scope_issue() -> BundleIssue {
    BundleIssue {
        pointer: String::new(),
        message: DYNAMIC_ACROSS_RESOURCES.into(),
    }
}

/// Why the schema engine refuses a schema whose `$dynamicRef`s resolve
/// across resources: it reads one resource, the generator follows many.
pub const DYNAMIC_ACROSS_RESOURCES: &str = "this schema's `$dynamicRef`s resolve through resources with their own `$id` or in other documents; the schema engine reads a schema bundled into one resource, which would change what they resolve to, so it refuses it (the generator follows them)";

/// Whether any subschema has a `$dynamicRef`.
pub(crate) fn has_dynamic_references(document: &Value) -> bool {
    let mut found = false;
    each_schema(document, &mut |_, object| {
        found |= object.contains_key("$dynamicRef");
    });
    found
}

/// Whether any `$ref` is more than a pointer from the root, or any
/// subschema has its own `$id` (whose pointers are relative to it).
fn needs_bundling(document: &Value) -> bool {
    let mut needs = false;
    each_schema(document, &mut |at, object| {
        let embedded = !at.is_empty() && object.get("$id").is_some_and(Value::is_string);
        let far = object
            .get("$ref")
            .and_then(Value::as_str)
            .is_some_and(|r| !(r == "#" || r.starts_with("#/")));
        needs |= embedded || far;
    });
    needs
}

/// The base a document's root `$id` sets, resolved against `base`.
fn own_base(document: &Value, base: &Url) -> Url {
    document
        .get("$id")
        .and_then(Value::as_str)
        .and_then(|id| base.join(id).ok())
        .map_or_else(|| base.clone(), without_fragment)
}

fn without_fragment(mut url: Url) -> Url {
    url.set_fragment(None);
    url
}

struct Bundler<'r> {
    root: Value,
    /// Absolute URI (with `#anchor` for anchors) → pointer in `root`.
    index: HashMap<String, String>,
    /// Document URI → pointer of its copy in `root`.
    loaded: HashMap<String, String>,
    issues: Vec<BundleIssue>,
    resources: &'r Resources,
    /// The referring document's dialect: another document without
    /// `$schema` is read in it.
    dialect: Dialect,
    normalize_imports: bool,
    next: usize,
}

impl Bundler<'_> {
    /// Records the resource at `at` (a pointer in `root`) under `base`, and
    /// every `$id` and `$anchor` inside it.
    fn index_resource(&mut self, at: &str, base: &Url) {
        self.loaded
            .entry(base.as_str().to_string())
            .or_insert_with(|| at.to_string());
        self.index
            .entry(base.as_str().to_string())
            .or_insert_with(|| at.to_string());
        let Some(schema) = self.root.pointer(at).cloned() else {
            return;
        };
        let mut found = Vec::new();
        let ref_hides_siblings = self.dialect <= Dialect::Draft7;
        walk(
            &schema,
            at,
            base,
            ref_hides_siblings,
            &mut |pointer, base, object| {
                let anchor = object
                    .get("$anchor")
                    .or_else(|| object.get("$dynamicAnchor"))
                    .and_then(Value::as_str)
                    // Before 2019-09, a plain-name fragment `$id` is an anchor.
                    .or_else(|| {
                        object
                            .get("$id")
                            .filter(|_| !(ref_hides_siblings && object.contains_key("$ref")))
                            .and_then(Value::as_str)
                            .and_then(|id| id.strip_prefix('#'))
                    });
                if let Some(anchor) = anchor.filter(|a| !a.is_empty()) {
                    found.push((format!("{base}#{anchor}"), pointer.to_string()));
                }
                found.push((base.as_str().to_string(), pointer.to_string()));
            },
        );
        for (uri, pointer) in found {
            self.index.entry(uri).or_insert(pointer);
        }
    }

    /// Rewrites every `$ref` under `at`, whose base is `base`.
    fn rewrite(&mut self, at: &str, base: &Url) {
        let Some(schema) = self.root.pointer(at).cloned() else {
            return;
        };
        let mut refs = Vec::new();
        let dynamic = self.normalize_imports;
        let ref_hides_siblings = self.dialect <= Dialect::Draft7;
        walk(
            &schema,
            at,
            base,
            ref_hides_siblings,
            &mut |pointer, base, object| {
                if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
                    refs.push((
                        pointer.to_string(),
                        base.clone(),
                        reference.to_string(),
                        "$ref",
                    ));
                }
                if let Some(reference) = object.get("$dynamicRef").and_then(Value::as_str) {
                    if dynamic {
                        refs.push((
                            pointer.to_string(),
                            base.clone(),
                            reference.to_string(),
                            "$dynamicRef",
                        ));
                    }
                }
            },
        );
        for (pointer, base, reference, keyword) in refs {
            let at_ref = child(&pointer, keyword);
            match self.resolve(&base, &reference) {
                Ok(target) if keyword == "$dynamicRef" => {
                    self.dynamic_reference(&pointer, &reference, &target);
                }
                Ok(target) => {
                    if let Some(Value::Object(object)) = self.root.pointer_mut(&pointer) {
                        object.insert(
                            "$ref".into(),
                            Value::String(format!("#{}", to_fragment(&target))),
                        );
                    }
                }
                Err(message) => self.issues.push(BundleIssue {
                    pointer: at_ref,
                    message,
                }),
            }
        }
    }

    /// A `$dynamicRef` at `pointer`, first resolved (as a `$ref` would be)
    /// to `target`. It is dynamic only when it names an anchor (`#items`)
    /// and what it resolves to declares that `$dynamicAnchor`: then it stays
    /// a `$dynamicRef`, to the target's pointer, and the generator resolves
    /// it against the dynamic scope. Otherwise it is a plain `$ref`.
    fn dynamic_reference(&mut self, pointer: &str, reference: &str, target: &str) {
        let anchor = reference
            .rsplit_once('#')
            .map(|(_, fragment)| from_fragment(fragment))
            .filter(|name| !name.is_empty() && !name.starts_with('/'));
        let declared = self
            .root
            .pointer(target)
            .and_then(|t| t.get("$dynamicAnchor"))
            .and_then(Value::as_str);
        let is_dynamic = anchor.is_some() && anchor.as_deref() == declared;
        let Some(Value::Object(object)) = self.root.pointer_mut(pointer) else {
            return;
        };
        let target = Value::String(format!("#{}", to_fragment(target)));
        if is_dynamic {
            object.insert("$dynamicRef".into(), target);
            return;
        }
        object.remove("$dynamicRef");
        if object.contains_key("$ref") {
            // Both apply to the value: the second as one more `allOf` branch.
            let mut branch = Map::new();
            branch.insert("$ref".into(), target);
            match object
                .entry("allOf")
                .or_insert_with(|| Value::Array(Vec::new()))
            {
                Value::Array(branches) => branches.push(Value::Object(branch)),
                _ => self.issues.push(BundleIssue {
                    pointer: child(pointer, "allOf"),
                    message: "`allOf` must be a list of schemas".into(),
                }),
            }
        } else {
            object.insert("$ref".into(), target);
        }
    }

    /// The pointer in `root` that `reference`, read against `base`, names.
    fn resolve(&mut self, base: &Url, reference: &str) -> Result<String, String> {
        let target = base.join(reference).map_err(|e| {
            if base.as_str().starts_with("urn:dmforge:schema") {
                format!("$ref `{reference}` is relative, and this schema has no file or `$id` to resolve it against")
            } else {
                format!("$ref `{reference}` does not resolve against `{base}`: {e}")
            }
        })?;
        let fragment_text = target.fragment().map(from_fragment).unwrap_or_default();
        let document = without_fragment(target.clone());
        let at = match self.index.get(document.as_str()) {
            Some(at) => at.clone(),
            None => self.load(&document)?,
        };
        if fragment_text.is_empty() {
            return Ok(at);
        }
        if fragment_text.starts_with('/') {
            let pointer = format!("{at}{fragment_text}");
            return match self.root.pointer(&pointer) {
                Some(_) => Ok(pointer),
                None => Err(format!("$ref `{reference}` (`{target}`) points to nothing")),
            };
        }
        self.index
            .get(&format!("{document}#{fragment_text}"))
            .cloned()
            .ok_or_else(|| {
                format!("$ref `{reference}`: no `$anchor` `{fragment_text}` in `{document}`")
            })
    }

    /// Copies the document at `uri` under the root's `$defs`, indexes it and
    /// bundles its own references; the pointer of the copy.
    fn load(&mut self, uri: &Url) -> Result<String, String> {
        let mut document = self.resources.load(uri)?;
        // Read in its own dialect, into the 2020-12 terms of the rest.
        let dialect = Dialect::of(&document, self.dialect).map_err(|e| format!("`{uri}`: {e}"))?;
        if self.normalize_imports {
            normalize_in_place(&mut document, dialect);
        }
        if let Value::Object(object) = &mut document {
            object.remove("$schema");
            // The copy is a resource of its own (a `$dynamicRef`'s scope).
            object
                .entry("$id")
                .or_insert_with(|| Value::String(uri.to_string()));
        }
        let key = format!("dmforge-resource-{}", self.next);
        self.next += 1;
        let Value::Object(root) = &mut self.root else {
            return Err("a document that refers to another must be an object schema".into());
        };
        let defs = root
            .entry("$defs")
            .or_insert_with(|| Value::Object(Map::new()));
        let Value::Object(defs) = defs else {
            return Err("`$defs` must be an object".into());
        };
        defs.insert(key.clone(), document.clone());
        let at = format!("/$defs/{key}");
        let base = own_base(&document, uri);
        self.index.insert(uri.as_str().to_string(), at.clone());
        self.index_resource(&at, &base);
        self.rewrite(&at, &base);
        Ok(at)
    }
}

/// What [`walk`] calls for each schema object: its pointer, its base URI.
type Visit<'v> = dyn FnMut(&str, &Url, &Map<String, Value>) + 'v;

/// Calls `visit(pointer, base, schema)` for every schema object under
/// `schema` (at `at`), with the base URI in force there. Before 2019-09
/// (`ref_hides_siblings`), a `$ref` makes every keyword beside it, `$id`
/// too, count for nothing.
fn walk(schema: &Value, at: &str, base: &Url, ref_hides_siblings: bool, visit: &mut Visit<'_>) {
    fn go(
        schema: &Value,
        at: &str,
        base: &Url,
        depth: usize,
        ref_hides_siblings: bool,
        visit: &mut Visit<'_>,
    ) {
        let Value::Object(object) = schema else {
            return;
        };
        if depth > 512 {
            return;
        }
        let hidden = ref_hides_siblings && object.contains_key("$ref");
        let base = match object.get("$id").and_then(Value::as_str) {
            Some(id) if depth > 0 && !hidden => base
                .join(id)
                .map_or_else(|_| base.clone(), without_fragment),
            _ => base.clone(),
        };
        visit(at, &base, object);
        for (keyword, value) in object {
            let here = child(at, keyword);
            if crate::vocabulary::is_subschema_keyword(keyword) {
                match value {
                    Value::Array(items) if crate::vocabulary::is_subschema_array(keyword) => {
                        for (i, item) in items.iter().enumerate() {
                            go(
                                item,
                                &format!("{here}/{i}"),
                                &base,
                                depth + 1,
                                ref_hides_siblings,
                                visit,
                            );
                        }
                    }
                    Value::Object(members) if crate::vocabulary::is_subschema_map(keyword) => {
                        for (name, member) in members {
                            go(
                                member,
                                &child(&here, name),
                                &base,
                                depth + 1,
                                ref_hides_siblings,
                                visit,
                            );
                        }
                    }
                    _ => go(value, &here, &base, depth + 1, ref_hides_siblings, visit),
                }
            }
        }
    }
    go(schema, at, base, 0, ref_hides_siblings, visit);
}
