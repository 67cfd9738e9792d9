//! `dmforge send`: payload files checked, then sent to their provider (or,
//! with `--dry-run`, shown as the exact request).
//!
//! Nothing is sent unless every file is valid. A payload is sent as the
//! generated types write it (what a program using them would send), through
//! the library's sender: retries, `Retry-After` and the provider's rate
//! limits included.

use std::io::Write;

use dmforge_runtime::client::{SendError, Sender};
use dmforge_runtime::endpoint::{Auth, Endpoint};
use dmforge_runtime::request::{request_from_value, show, Credential, Target};
use time::OffsetDateTime;

use crate::engine::typed::TypedValidator;
use crate::engine::Validator;
use crate::inputs::{self, Input};
use crate::report::{FileReport, Status, Summary};

/// What `dmforge send` was asked.
#[derive(Debug, Clone, Default)]
pub struct SendOptions {
    pub dry_run: bool,
    pub base_url: Option<String>,
    /// `NAME=VALUE`, as given.
    pub path_params: Vec<String>,
    /// The environment variable holding the credential.
    pub token_env: Option<String>,
    /// Webex Connect: the credential is a JWT, not a service key.
    pub jwt: bool,
    pub now: Option<OffsetDateTime>,
    pub schema_id: String,
    pub files: Vec<String>,
}

/// A usage error, said on standard error.
fn usage(err: &mut dyn Write, message: &str) -> Status {
    let _ = writeln!(err, "error: {message}");
    Status::Usage
}

/// Runs `send`; every line goes to `out` or `err`.
pub fn run(options: &SendOptions, out: &mut dyn Write, err: &mut dyn Write) -> Status {
    let now = options.now.unwrap_or_else(OffsetDateTime::now_utc);
    let Some(schema) = dmforge::SCHEMAS
        .iter()
        .find(|schema| schema.id == options.schema_id)
    else {
        let known: Vec<&str> = dmforge::SCHEMAS
            .iter()
            .filter(|s| s.endpoint.is_some())
            .map(|s| s.id)
            .collect();
        return usage(
            err,
            &format!(
                "unknown schema id `{}`; requests: {}",
                options.schema_id,
                known.join(", ")
            ),
        );
    };
    let Some(endpoint) = schema.endpoint else {
        return usage(
            err,
            &format!(
                "`{}` is not a request: its schema has no `endpoint`",
                schema.id
            ),
        );
    };
    let target = match target(options) {
        Ok(target) => target,
        Err(message) => return usage(err, &message),
    };
    let credential = match credential(options, endpoint) {
        Ok(credential) => credential,
        Err(message) => return usage(err, &message),
    };
    let payloads = match read_all(&options.files) {
        Ok(payloads) => payloads,
        Err(message) => return usage(err, &message),
    };

    // Every file checked first: an invalid one stops the whole send.
    let validator = Validator::Typed(TypedValidator::new(schema, now));
    let reports: Vec<FileReport> = payloads
        .iter()
        .map(|(name, bytes)| FileReport::check_read(name, bytes, schema.id, &validator))
        .collect();
    if reports.iter().any(|r| r.status() != Status::Valid) {
        for report in reports.iter().filter(|r| r.status() != Status::Valid) {
            let _ = report.write_human(&mut &mut *out);
        }
        let _ = writeln!(out, "{}", Summary::of(&reports));
        let _ = writeln!(err, "error: nothing was sent: every payload must be valid");
        return reports
            .iter()
            .map(FileReport::status)
            .max()
            .unwrap_or(Status::Invalid);
    }
    let mut messages = Vec::with_capacity(payloads.len());
    for (name, bytes) in &payloads {
        match (schema.reserialize)(bytes) {
            Ok(value) => messages.push((name.as_str(), value)),
            Err(why) => return usage(err, &format!("{name}: {why}")),
        }
    }

    if options.dry_run {
        for (index, (name, message)) in messages.iter().enumerate() {
            match request_from_value(endpoint, message, &target, &credential) {
                Ok(request) => {
                    if index > 0 {
                        let _ = writeln!(out);
                    }
                    if messages.len() > 1 {
                        let _ = writeln!(out, "# {name}");
                    }
                    let _ = write!(out, "{}", show(&request));
                }
                Err(error) => return usage(err, &format!("{name}: {error}")),
            }
        }
        return Status::Valid;
    }
    send_all(endpoint, &messages, &target, &credential, out, err)
}

fn send_all(
    endpoint: &'static Endpoint,
    messages: &[(&str, serde_json::Value)],
    target: &Target,
    credential: &Credential,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Status {
    let sender = match Sender::builder().build() {
        Ok(sender) => sender,
        Err(why) => return usage(err, &format!("no HTTP client: {why}")),
    };
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(why) => return usage(err, &format!("no async runtime: {why}")),
    };
    let mut status = Status::Valid;
    for (name, message) in messages {
        let outcome = runtime.block_on(sender.send_value(endpoint, message, target, credential));
        match outcome {
            Ok(sent) => {
                let id = sent
                    .message_id
                    .map(|id| format!(", message id {id}"))
                    .unwrap_or_default();
                let _ = writeln!(out, "{name}: sent (HTTP {}{id})", sent.status.as_u16());
                let _ = writeln!(out, "{}", sent.response);
            }
            Err(SendError::Request(error)) => return usage(err, &format!("{name}: {error}")),
            Err(error) => {
                let _ = writeln!(out, "{name}: {error}");
                status = Status::Refused;
            }
        }
    }
    status
}

fn target(options: &SendOptions) -> Result<Target, String> {
    let mut target = Target::new();
    if let Some(base) = &options.base_url {
        target = target.base_url(base);
    }
    for pair in &options.path_params {
        match pair.split_once('=') {
            Some((name, value)) if !name.is_empty() => target = target.parameter(name, value),
            _ => return Err(format!("--path-param {pair}: expected NAME=VALUE")),
        }
    }
    Ok(target)
}

/// The credential from `--token-env`; none where the endpoint takes none.
/// A dry run without one shows where it would go.
fn credential(options: &SendOptions, endpoint: &Endpoint) -> Result<Credential, String> {
    let token = match &options.token_env {
        Some(var) => match std::env::var(var) {
            Ok(token) if !token.is_empty() => Some(token),
            _ => return Err(format!("--token-env {var}: the variable is not set")),
        },
        None => None,
    };
    match (endpoint.auth, token) {
        (Auth::None, None) => Ok(Credential::None),
        (Auth::None, Some(_)) => Err(format!(
            "`{}` takes no credential: drop --token-env",
            endpoint.id
        )),
        (_, None) if options.dry_run => Ok(Credential::Token("<token>".to_string())),
        (_, None) => Err(format!(
            "`{}` needs a credential: name the variable that holds it with --token-env VAR",
            endpoint.id
        )),
        (Auth::ServiceKeyOrJwt, Some(token)) if options.jwt => Ok(Credential::Jwt(token)),
        (_, Some(token)) => Ok(Credential::Token(token)),
    }
}

/// Every payload's name and bytes, in argument order.
fn read_all(files: &[String]) -> Result<Vec<(String, Vec<u8>)>, String> {
    let inputs = inputs::expand(files).map_err(|e| e.to_string())?;
    if inputs.is_empty() {
        return Err("no payload files (the folders given hold no `*.json`)".to_string());
    }
    inputs
        .iter()
        .map(|input| {
            let bytes = match input {
                Input::File(path) => std::fs::read(path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?,
                Input::Stdin => {
                    inputs::read_stdin().map_err(|e| format!("cannot read standard input: {e}"))?
                }
            };
            Ok((input.name(), bytes))
        })
        .collect()
}
