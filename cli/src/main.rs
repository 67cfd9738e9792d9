//! The `dmforge` command line. Exit codes: 0 success (every file valid);
//! 1 some file is an invalid payload (malformed JSON included); 2 usage
//! error, unknown schema id or unreadable file; 3 a schema cannot be used
//! (`generate`: every problem is printed with file, line:column and pointer).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_cli::engine::typed::TypedValidator;
use dmforge_cli::engine::Validator;
use dmforge_cli::registry;
use dmforge_cli::report::{FileReport, Status};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

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
    /// Validate payload files against a bundled schema.
    Validate(ValidateArgs),
    /// List the bundled schema ids.
    Schemas,
    /// Generate Rust types from a folder of JSON Schemas (`*.schema.json`).
    Generate(GenerateArgs),
    /// Run the conformance suites generated from the bundled schemas
    /// through both engines (all schemas unless ids are given).
    Check(CheckArgs),
}

#[derive(clap::Args)]
struct ValidateArgs {
    /// Validation engine.
    #[arg(long, value_enum, default_value_t = Engine::Typed)]
    engine: Engine,
    /// Output format: human lines, or one JSON object per file (JSON Lines).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The instant date rules measure from (RFC 3339); defaults to the clock.
    #[arg(long, value_parser = parse_now)]
    now: Option<OffsetDateTime>,
    /// Schema id, `<provider>/<message>` (see `dmforge schemas`).
    schema: String,
    /// Payload files.
    #[arg(required = true)]
    files: Vec<String>,
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
struct GenerateArgs {
    /// Folder of `*.schema.json` files, searched recursively.
    #[arg(long)]
    schemas: PathBuf,
    /// Folder to write into; `mod.rs` there is the entry point.
    #[arg(long)]
    out: PathBuf,
    /// Path by which the generated code names dmforge's runtime.
    #[arg(long, default_value = "::dmforge::runtime")]
    runtime: String,
}

#[derive(Clone, Copy, ValueEnum)]
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
    let result = dmforge_codegen::Builder::new()
        .schemas(&args.schemas)
        .runtime_path(&args.runtime)
        .emit_rerun_if_changed(false)
        .generate_tree(&args.out);
    match result {
        Ok(files) => {
            println!("wrote {} files under {}", files.len(), args.out.display());
            Status::Valid
        }
        Err(errors) => {
            for error in &errors.0 {
                eprintln!("error: {error}");
            }
            Status::SchemaError
        }
    }
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
    let Some(bundled) = registry::find(&args.schema) else {
        let known: Vec<&str> = registry::ids().collect();
        eprintln!(
            "error: unknown schema id `{}`; known ids: {}",
            args.schema,
            known.join(", ")
        );
        return Status::Usage;
    };
    let now = args.now.unwrap_or_else(OffsetDateTime::now_utc);
    let validator = match args.engine {
        Engine::Typed => match TypedValidator::find(bundled.id, now) {
            Some(validator) => Validator::Typed(validator),
            None => {
                eprintln!("error: no generated types for `{}`", bundled.id);
                return Status::SchemaError;
            }
        },
        Engine::Schema => match SchemaValidator::bundled(bundled, now) {
            Ok(validator) => Validator::Schema(validator),
            Err(errors) => {
                for error in errors {
                    eprintln!("error: schema {error}");
                }
                return Status::SchemaError;
            }
        },
    };
    let mut out = io::stdout().lock();
    let mut worst = Status::Valid;
    for file in &args.files {
        let report = FileReport::check_file(file, bundled.id, &validator);
        worst = worst.max(report.status());
        let written = match args.format {
            Format::Human => report.write_human(&mut out),
            Format::Json => writeln!(out, "{}", report.to_json()),
        };
        if written.is_err() {
            return Status::Usage;
        }
    }
    worst
}
