//! The `dmforge` command line. Exit codes: 0 success (every file valid);
//! 1 some file is an invalid payload (malformed JSON included); 2 usage
//! error, unknown schema id, unreadable file or folder; 3 a schema cannot be
//! used (every problem is printed with file, line:column and pointer); 4
//! (`send`) a provider refused a message, or it failed after retries.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand, ValueEnum};
use dmforge_cli::engine::schema::{SchemaError, SchemaValidator};
use dmforge_cli::engine::typed::TypedValidator;
use dmforge_cli::engine::Validator;
use dmforge_cli::inputs::{self, Input};
use dmforge_cli::registry;
use dmforge_cli::report::{FileReport, Outcome, Status, Summary};
use dmforge_cli::sarif;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The exit codes, as `validate --help` lists them.
const EXIT_CODES: &str = "\
Exit codes:
  0  every file is valid
  1  some file is an invalid payload (malformed JSON, duplicate keys, a byte-order mark
     and a top level that is not an object included)
  2  usage error: unknown schema id, bad option, a file or folder that cannot be read
  3  the schema cannot be used (each problem printed as file:line:column: #pointer: reason)";

#[derive(Parser)]
#[command(
    name = "dmforge",
    version,
    about = "Validate Instagram messaging payloads against provider schemas"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate payload files against a bundled schema or a JSON Schema file.
    #[command(after_help = EXIT_CODES)]
    Validate(ValidateArgs),
    /// List the bundled schema ids.
    Schemas,
    /// Generate Rust types from a folder of JSON Schemas (`*.schema.json`).
    #[command(
        after_help = "Exit codes:\n  0  written\n  2  a folder that cannot be read or written\n  \
                            3  a schema cannot be turned into types (each problem printed as \
                            file:line:column: #pointer: reason)"
    )]
    Generate(GenerateArgs),
    /// Run the conformance suites generated from the bundled schemas
    /// through both engines (all schemas unless ids are given).
    Check(CheckArgs),
    /// Check payload files, then send each to its provider (or show the
    /// exact request with --dry-run). Nothing is sent unless every file is
    /// valid.
    #[command(
        after_help = "Exit codes:\n  0  every message sent (or shown, with --dry-run)\n  \
                      1  some payload is invalid: nothing was sent\n  \
                      2  usage error: unknown or non-request schema id, a missing credential or \
                      URL variable, a file that cannot be read\n  \
                      4  the provider refused a message, or it failed after retries"
    )]
    Send(SendArgs),
}

#[derive(clap::Args)]
#[command(override_usage = "dmforge send [OPTIONS] <SCHEMA-ID> <FILE>...")]
struct SendArgs {
    /// Print each request (method, URL, headers with the credential
    /// masked, body) instead of sending it.
    #[arg(long)]
    dry_run: bool,
    /// Replace the schema's base URL, version segment included
    /// (`http://127.0.0.1:8080/v25.0`); the whole address where the
    /// provider documents no path.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// A variable of the URL (`IG_ID=17841400000000000`, Infobip's
    /// `baseUrl=xyz.api.infobip.com`, Webex Connect's `region=us`).
    #[arg(long, value_name = "NAME=VALUE")]
    path_param: Vec<String>,
    /// The environment variable that holds the credential (an access
    /// token, API key or service key).
    #[arg(long, value_name = "VAR")]
    token_env: Option<String>,
    /// Webex Connect: the credential is a JSON Web Token, sent as
    /// `Authorization: Bearer` (one that looks like a JWT is taken as one
    /// anyway).
    #[arg(long)]
    jwt: bool,
    /// The instant date rules measure from (RFC 3339); defaults to the clock.
    #[arg(long, value_parser = parse_now)]
    now: Option<OffsetDateTime>,
    /// A request schema id (`meta_graph/send_message`), then payload files:
    /// `-` reads standard input, a folder stands for every `*.json` under it.
    #[arg(required = true, num_args = 2.., value_name = "SCHEMA-ID> <FILE")]
    arguments: Vec<String>,
}

#[derive(clap::Args)]
#[command(
    override_usage = "dmforge validate [OPTIONS] <SCHEMA-ID> <FILE>...\n       \
                            dmforge validate [OPTIONS] --schema <PATH> <FILE>..."
)]
struct ValidateArgs {
    /// Validation engine: `typed` (the default for a bundled id) or `schema`
    /// (the only one for `--schema`).
    #[arg(long, value_enum)]
    engine: Option<Engine>,
    /// Output format: human lines ending with a summary, one JSON object per
    /// file (JSON Lines), or a SARIF 2.1.0 log.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The instant date rules measure from (RFC 3339); defaults to the clock.
    #[arg(long, value_parser = parse_now)]
    now: Option<OffsetDateTime>,
    /// Validate against this JSON Schema file (any draft; its `$ref`s may
    /// name files beside it) instead of a bundled schema id.
    #[arg(long, value_name = "PATH")]
    schema: Option<PathBuf>,
    /// With --schema: read the documents a `$ref` names under URI prefix
    /// URI from folder DIR. Nothing is fetched.
    #[arg(long, value_name = "URI=DIR", requires = "schema")]
    resource: Vec<String>,
    /// Print only the invalid files' lines and the summary.
    #[arg(long, short)]
    quiet: bool,
    /// A bundled schema id, `<provider>/<message>` (see `dmforge schemas`),
    /// unless `--schema` is given; then payload files: `-` reads standard
    /// input, a folder stands for every `*.json` under it.
    #[arg(required = true, value_name = "SCHEMA-ID> <FILE")]
    arguments: Vec<String>,
}

#[derive(clap::Args)]
struct CheckArgs {
    /// The instant date rules measure from (RFC 3339); defaults to the clock.
    #[arg(long, value_parser = parse_now)]
    now: Option<OffsetDateTime>,
    /// Also write each suite's cases as JSON, to DIR/<provider>/<message>.cases.json.
    #[arg(long, value_name = "DIR")]
    write_cases: Option<PathBuf>,
    /// Schema ids; every bundled schema when none is given.
    schemas: Vec<String>,
}

#[derive(clap::Args)]
#[command(group(clap::ArgGroup::new("sources").required(true).multiple(true).args(["schemas", "openapi"])))]
struct GenerateArgs {
    /// Folder of `*.schema.json` files, searched recursively.
    #[arg(long)]
    schemas: Option<PathBuf>,
    /// An OpenAPI 3.0 or 3.1 document (JSON or YAML), as `[NAME=]FILE`: a
    /// module NAME (the file's stem by default) with a type for each schema
    /// of `components.schemas` and for each operation's request body and
    /// responses, named from its `operationId`. May be given more than once.
    #[arg(long, value_name = "[NAME=]FILE")]
    openapi: Vec<String>,
    /// Read the documents a `$ref` names under URI prefix URI from folder
    /// DIR (`https://example.com/schemas/=vendor/schemas`). Files of the
    /// schemas folder are found by their own path; nothing is fetched.
    #[arg(long, value_name = "URI=DIR")]
    resource: Vec<String>,
    /// Folder to write into; `mod.rs` there is the entry point.
    #[arg(long)]
    out: PathBuf,
    /// Path by which the generated code names dmforge's runtime.
    #[arg(long, default_value = "::dmforge::runtime")]
    runtime: String,
    /// Derive `schemars::JsonSchema` too (the crate then needs `dmforge`'s
    /// `json-schema` feature).
    #[arg(long)]
    json_schema: bool,
    /// Refuse unknown keywords (exit 3) instead of reading them as
    /// annotations with a warning. `x-…` vendor keywords are always read past.
    #[arg(long)]
    strict: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Engine {
    /// The generated types: one pass over the bytes, no intermediate JSON tree.
    Typed,
    /// The JSON Schema itself, through the jsonschema crate and dmforge's keywords.
    Schema,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
}

fn parse_now(s: &str) -> Result<OffsetDateTime, String> {
    OffsetDateTime::parse(s, &Rfc3339).map_err(|e| format!("not an RFC 3339 date-time: {e}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let status = match cli.command {
        Command::Schemas => list_schemas(),
        Command::Validate(args) => validate(&args),
        Command::Generate(args) => generate(&args),
        Command::Check(args) => check(&args),
        Command::Send(args) => send(args),
    };
    ExitCode::from(status as u8)
}

fn check(args: &CheckArgs) -> Status {
    let mut chosen = Vec::new();
    for id in &args.schemas {
        match registry::find(id) {
            Some(bundled) => chosen.push(bundled),
            None => {
                let known: Vec<&str> = registry::ids().collect();
                eprintln!(
                    "error: unknown schema id `{id}`; known ids: {}",
                    known.join(", ")
                );
                return Status::Usage;
            }
        }
    }
    if chosen.is_empty() {
        chosen = registry::BUNDLED.iter().collect();
    }
    let now = args.now.unwrap_or_else(OffsetDateTime::now_utc);
    let mut out = io::stdout().lock();
    let mut status = Status::Valid;
    let mut failures = Vec::new();
    let _ = writeln!(
        out,
        "{:<28} {:>6} {:>6} {:>7} {:>7}",
        "schema", "rules", "cases", "passed", "failed"
    );
    for bundled in chosen {
        if let Some(dir) = &args.write_cases {
            if let Err(error) = write_cases(dir, bundled) {
                eprintln!("error: {error}");
                return Status::Usage;
            }
        }
        match dmforge_cli::conformance::run(bundled, now) {
            Ok(report) => {
                let failed = report.failures.len();
                let _ = writeln!(
                    out,
                    "{:<28} {:>6} {:>6} {:>7} {:>7}",
                    report.id, report.rules, report.cases, report.passed, failed
                );
                if failed > 0 {
                    status = status.max(Status::Invalid);
                    failures.extend(
                        report
                            .failures
                            .into_iter()
                            .map(|f| format!("{}: {f}", report.id)),
                    );
                }
            }
            Err(error) => {
                eprintln!("error: {error}");
                status = status.max(Status::SchemaError);
            }
        }
    }
    for failure in failures {
        let _ = writeln!(out, "FAILED {failure}");
    }
    status
}

/// A suite as data: the cases of one schema, as a JSON array.
fn write_cases(dir: &std::path::Path, bundled: &registry::BundledSchema) -> Result<(), String> {
    let (_, cases) = dmforge_cli::conformance::suite(bundled.id, bundled.path, bundled.json)?;
    let file = dir.join(format!("{}.cases.json", bundled.id));
    let text = serde_json::to_string_pretty(&cases).map_err(|e| e.to_string())?;
    if let Some(parent) = file.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))
}

fn generate(args: &GenerateArgs) -> Status {
    let json_schema = if args.json_schema {
        dmforge_codegen::JsonSchemaDerive::Always
    } else {
        dmforge_codegen::JsonSchemaDerive::Never
    };
    let mut builder = dmforge_codegen::Builder::new();
    if let Some(schemas) = &args.schemas {
        builder.schemas(schemas);
    }
    for spec in &args.openapi {
        let (name, file) = match spec.split_once('=') {
            Some((name, file)) if !name.is_empty() && !name.contains(['/', '\\', '.']) => {
                (name.to_string(), PathBuf::from(file))
            }
            _ => {
                let file = PathBuf::from(spec);
                let stem = file
                    .file_stem()
                    .map(|s| dmforge_codegen::names::snake(&s.to_string_lossy()))
                    .unwrap_or_default();
                (stem, file)
            }
        };
        if name.is_empty() {
            eprintln!("error: --openapi {spec}: no module name (give it as NAME=FILE)");
            return Status::Usage;
        }
        builder.openapi(&name, file);
    }
    for resource in &args.resource {
        let Some((prefix, dir)) = resource.split_once('=') else {
            eprintln!("error: --resource {resource}: expected URI=DIR");
            return Status::Usage;
        };
        builder.resource(prefix, dir);
    }
    builder
        .runtime_path(&args.runtime)
        .json_schema(json_schema)
        .strict(args.strict)
        .emit_rerun_if_changed(false);
    let result = builder.modules().and_then(|modules| {
        for module in &modules {
            for warning in &module.warnings {
                eprintln!("warning: {warning}");
            }
        }
        builder.generate_tree_for(&modules, &args.out)
    });
    match result {
        Ok(files) => {
            println!("wrote {} files under {}", files.len(), args.out.display());
            Status::Valid
        }
        Err(errors) => {
            for error in &errors.0 {
                eprintln!("error: {error}");
            }
            // A folder that is missing or cannot be written is the user's
            // invocation, not a schema dmforge cannot use.
            if errors.is_io() {
                Status::Usage
            } else {
                Status::SchemaError
            }
        }
    }
}

fn send(args: SendArgs) -> Status {
    let mut arguments = args.arguments.into_iter();
    let options = dmforge_cli::send::SendOptions {
        dry_run: args.dry_run,
        base_url: args.base_url,
        path_params: args.path_param,
        token_env: args.token_env,
        jwt: args.jwt,
        now: args.now,
        schema_id: arguments.next().unwrap_or_default(),
        files: arguments.collect(),
    };
    dmforge_cli::send::run(&options, &mut io::stdout().lock(), &mut io::stderr().lock())
}

fn list_schemas() -> Status {
    let mut out = io::stdout().lock();
    for schema in registry::BUNDLED {
        if writeln!(out, "{}\t{}", schema.id, schema.path).is_err() {
            return Status::Usage;
        }
    }
    Status::Valid
}

fn validate(args: &ValidateArgs) -> Status {
    let now = args.now.unwrap_or_else(OffsetDateTime::now_utc);
    let (label, validator, files) = match choose_validator(args, now) {
        Ok(chosen) => chosen,
        Err(status) => return status,
    };
    let inputs = match inputs::expand(files) {
        Ok(inputs) if inputs.is_empty() => {
            eprintln!("error: no payload files (the folders given hold no `*.json`)");
            return Status::Usage;
        }
        Ok(inputs) => inputs,
        Err(error) => {
            eprintln!("error: {error}");
            return Status::Usage;
        }
    };
    let stdin = if inputs.contains(&Input::Stdin) {
        match inputs::read_stdin() {
            Ok(bytes) => Some(bytes),
            Err(error) => {
                eprintln!("error: cannot read standard input: {error}");
                return Status::Usage;
            }
        }
    } else {
        None
    };
    let reports = check_all(&inputs, stdin.as_deref(), &label, &validator);
    let worst = reports
        .iter()
        .map(FileReport::status)
        .max()
        .unwrap_or(Status::Valid);
    if write_reports(args, &reports, &label).is_err() {
        // Standard output is gone (a closed pipe): nothing more can be said.
        return Status::Usage;
    }
    worst
}

/// The schema's label, its validator and the file arguments.
fn choose_validator(
    args: &ValidateArgs,
    now: OffsetDateTime,
) -> Result<(String, Validator, &[String]), Status> {
    if let Some(path) = &args.schema {
        if args.engine == Some(Engine::Typed) {
            eprintln!(
                "error: --engine typed needs a bundled schema id; a schema file is checked by \
                 the schema engine (generate types with `dmforge generate` for the typed one)"
            );
            return Err(Status::Usage);
        }
        let label = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|error| {
            eprintln!("error: cannot read {label}: {error}");
            Status::Usage
        })?;
        let mut resources = dmforge_codegen::bundle::Resources::default();
        for resource in &args.resource {
            let Some((prefix, dir)) = resource.split_once('=') else {
                eprintln!("error: --resource {resource}: expected URI=DIR");
                return Err(Status::Usage);
            };
            resources
                .prefixes
                .push((prefix.to_string(), PathBuf::from(dir)));
        }
        let validator =
            SchemaValidator::compile_with(&label, &text, now, &resources).map_err(|errors| {
                print_schema_errors("error", &errors, Some(&text));
                Status::SchemaError
            })?;
        print_schema_errors("warning", validator.warnings(), Some(&text));
        let validator = validator.accepting_any_top_level();
        return Ok((label, Validator::Schema(validator), &args.arguments));
    }
    let (id, files) = args.arguments.split_first().ok_or(Status::Usage)?;
    if files.is_empty() {
        eprintln!("error: no payload files given after the schema id `{id}`");
        return Err(Status::Usage);
    }
    let Some(bundled) = registry::find(id) else {
        let known: Vec<&str> = registry::ids().collect();
        eprintln!(
            "error: unknown schema id `{id}`; known ids: {} (or give a schema file with --schema PATH)",
            known.join(", ")
        );
        return Err(Status::Usage);
    };
    let validator = match args.engine.unwrap_or(Engine::Typed) {
        Engine::Typed => match TypedValidator::find(bundled.id, now) {
            Some(validator) => Validator::Typed(validator),
            None => {
                eprintln!("error: no generated types for `{}`", bundled.id);
                return Err(Status::SchemaError);
            }
        },
        Engine::Schema => match SchemaValidator::bundled(bundled, now) {
            Ok(validator) => Validator::Schema(validator),
            Err(errors) => {
                print_schema_errors("error", &errors, Some(bundled.json));
                return Err(Status::SchemaError);
            }
        },
    };
    Ok((bundled.id.to_string(), validator, files))
}

/// `file:line:column: #pointer: reason`, located in the schema's text.
fn print_schema_errors(severity: &str, errors: &[SchemaError], text: Option<&str>) {
    for error in errors {
        let position = text
            .and_then(|text| {
                dmforge_runtime::locate::locate(text.as_bytes(), [error.pointer.as_str()])
                    .get(error.pointer.as_str())
                    .copied()
            })
            .map(|p| format!(":{p}"))
            .unwrap_or_default();
        eprintln!(
            "{severity}: {}{position}: #{}: {}",
            error.file, error.pointer, error.message
        );
    }
}

/// Every input checked, on every core, in input order; a progress bar on a
/// terminal's standard error when the run takes longer than about a second.
fn check_all(
    inputs: &[Input],
    stdin: Option<&[u8]>,
    label: &str,
    validator: &Validator,
) -> Vec<FileReport> {
    let progress = Progress::new(inputs.len());
    let reports = inputs
        .par_iter()
        .map(|input| {
            let report = match (input, stdin) {
                (Input::File(path), _) => {
                    FileReport::check_path(path, &input.name(), label, validator)
                }
                (Input::Stdin, Some(bytes)) => {
                    FileReport::check_read(&input.name(), bytes, label, validator)
                }
                // Standard input is read before the work starts whenever an
                // input is `-`, so this cannot happen; were it to, it is an
                // input not read, never an empty payload.
                (Input::Stdin, None) => FileReport {
                    file: input.name(),
                    schema: label.to_string(),
                    outcome: Outcome::Unreadable("standard input was not read".into()),
                },
            };
            progress.tick();
            report
        })
        .collect();
    progress.finish();
    reports
}

/// A progress bar that appears only on a terminal (never in a pipe or
/// under CI, where the `CI` variable is set), and only once the work has
/// gone on for a second (`DMFORGE_PROGRESS_DELAY_MS` changes the delay, for
/// tests). A watcher thread shows it on time even while one large file is
/// still being checked.
struct Progress {
    bar: ProgressBar,
    done: Arc<AtomicBool>,
    watcher: Option<std::thread::JoinHandle<()>>,
}

impl Progress {
    fn new(len: usize) -> Self {
        let allowed = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let delay = std::env::var("DMFORGE_PROGRESS_DELAY_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map_or(Duration::from_secs(1), Duration::from_millis);
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} files, {eta} left") {
            bar.set_style(style);
        }
        let done = Arc::new(AtomicBool::new(false));
        let watcher = allowed.then(|| {
            let (bar, done) = (bar.clone(), Arc::clone(&done));
            std::thread::spawn(move || {
                let started = Instant::now();
                while started.elapsed() < delay {
                    if done.load(Ordering::Relaxed) {
                        return;
                    }
                    std::thread::sleep(Duration::from_millis(20).min(delay));
                }
                if !done.load(Ordering::Relaxed) {
                    bar.set_draw_target(ProgressDrawTarget::stderr());
                    bar.enable_steady_tick(Duration::from_millis(100));
                }
            })
        });
        Self { bar, done, watcher }
    }

    fn tick(&self) {
        self.bar.inc(1);
    }

    fn finish(mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(watcher) = self.watcher.take() {
            // The watcher only sleeps and draws; it cannot fail in a way
            // that matters once the work is done.
            let _ = watcher.join();
        }
        self.bar.finish_and_clear();
    }
}

fn write_reports(args: &ValidateArgs, reports: &[FileReport], label: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let shown = reports
        .iter()
        .filter(|report| !args.quiet || report.status() != Status::Valid);
    match args.format {
        Format::Human => {
            for report in shown {
                report.write_human(&mut out)?;
            }
            writeln!(out, "{}", Summary::of(reports))?;
        }
        Format::Json => {
            for report in shown {
                writeln!(out, "{}", report.to_json())?;
            }
        }
        Format::Sarif => writeln!(out, "{:#}", sarif::log(reports, label))?,
    }
    out.flush()
}
