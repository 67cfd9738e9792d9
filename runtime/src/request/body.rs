//! A message written as its endpoint's body: JSON, a form, or multipart.

use std::fmt::Write as _;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use http::HeaderValue;
use serde_json::Value;

use super::RequestError;
use crate::endpoint::{BodyEncoding, Endpoint};
use crate::rules::base64_file::sniff;

/// The content type and bytes of `message` in `endpoint`'s encoding.
pub(super) fn encode(
    endpoint: &Endpoint,
    message: &Value,
) -> Result<(HeaderValue, Vec<u8>), RequestError> {
    match endpoint.body {
        BodyEncoding::Json => Ok((
            json_media_type(endpoint)?,
            serde_json::to_vec(message).map_err(|e| RequestError::Body(e.to_string()))?,
        )),
        BodyEncoding::Form | BodyEncoding::FormRepeated => {
            let pairs = if endpoint.body == BodyEncoding::Form {
                fields(message)?
            } else {
                repeated_fields(message)?
            };
            let mut form = form_urlencoded::Serializer::new(String::new());
            for (name, value) in pairs {
                form.append_pair(&name, &value);
            }
            Ok((
                HeaderValue::from_static("application/x-www-form-urlencoded"),
                form.finish().into_bytes(),
            ))
        }
        BodyEncoding::Multipart => multipart(endpoint, message),
    }
}

/// The content type of a JSON body: the endpoint's own.
pub(super) fn json_media_type(endpoint: &Endpoint) -> Result<HeaderValue, RequestError> {
    if endpoint.media_type == "application/json" {
        return Ok(HeaderValue::from_static("application/json"));
    }
    HeaderValue::from_str(endpoint.media_type).map_err(|_| {
        RequestError::Body(format!(
            "`{}` cannot be sent as a content type",
            endpoint.media_type
        ))
    })
}

/// The members of a message as form fields, in name order, nested ones in
/// PHP's bracket form (`a[b]`, `a[0]`). `true`/`false` are `1`/`0` and `null` is empty, as
/// Laravel's `boolean` and `nullable` rules read them.
fn fields(message: &Value) -> Result<Vec<(String, String)>, RequestError> {
    fn flatten(name: String, value: &Value, out: &mut Vec<(String, String)>) {
        match value {
            Value::Object(members) => {
                for (key, value) in members {
                    flatten(format!("{name}[{key}]"), value, out);
                }
            }
            Value::Array(items) => {
                for (index, value) in items.iter().enumerate() {
                    flatten(format!("{name}[{index}]"), value, out);
                }
            }
            Value::String(text) => out.push((name, text.clone())),
            Value::Number(number) => out.push((name, number.to_string())),
            Value::Bool(flag) => out.push((name, if *flag { "1" } else { "0" }.to_string())),
            Value::Null => out.push((name, String::new())),
        }
    }
    let members = members_by_name(message, "a form")?;
    let mut out = Vec::with_capacity(members.len());
    for (name, value) in members {
        flatten(name.clone(), value, &mut out);
    }
    Ok(out)
}

/// The members of a message as form fields in OpenAPI's default style
/// (`form`, exploded), in name order: an array's items under its name,
/// repeated; an object's members under their own names; anything nested
/// deeper as its JSON text.
fn repeated_fields(message: &Value) -> Result<Vec<(String, String)>, RequestError> {
    fn scalar(value: &Value) -> String {
        match value {
            Value::String(text) => text.clone(),
            Value::Null => String::new(),
            other => other.to_string(),
        }
    }
    let members = members_by_name(message, "a form")?;
    let mut out = Vec::with_capacity(members.len());
    for (name, value) in members {
        match value {
            Value::Array(items) => {
                out.extend(items.iter().map(|item| (name.clone(), scalar(item))));
            }
            Value::Object(inner) => {
                out.extend(
                    by_name(inner)
                        .into_iter()
                        .map(|(key, item)| (key.clone(), scalar(item))),
                );
            }
            other => out.push((name.clone(), scalar(other))),
        }
    }
    Ok(out)
}

/// The members of a message that must be an object (`body` says which
/// kind of body needs it), in name order.
fn members_by_name<'a>(
    message: &'a Value,
    body: &str,
) -> Result<Vec<(&'a String, &'a Value)>, RequestError> {
    match message {
        Value::Object(members) => Ok(by_name(members)),
        _ => Err(RequestError::Body(format!(
            "{body} body is made of an object's members"
        ))),
    }
}

/// An object's members in name order: the same bytes whether or not
/// serde_json keeps the order members were written in (its
/// `preserve_order`, which another crate in the build may turn on).
fn by_name(members: &serde_json::Map<String, Value>) -> Vec<(&String, &Value)> {
    let mut sorted: Vec<_> = members.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    sorted
}

/// One part of a multipart body.
struct Part {
    name: String,
    /// `(file name, media type)` of a file part.
    file: Option<(String, &'static str)>,
    bytes: Vec<u8>,
}

/// `multipart/form-data` (RFC 7578): a part per field, a file member's
/// base64 decoded into a file part named for its member and media type
/// (`image.png`). The boundary is made from the parts, so the same message
/// is always the same bytes, and is checked to occur in none of them.
fn multipart(endpoint: &Endpoint, message: &Value) -> Result<(HeaderValue, Vec<u8>), RequestError> {
    let members = members_by_name(message, "a multipart")?;
    let mut parts = Vec::with_capacity(members.len());
    for (name, value) in members {
        match value {
            Value::String(encoded) if endpoint.files.contains(&name.as_str()) => {
                let bytes = STANDARD.decode(encoded).map_err(|e| {
                    RequestError::Body(format!("`{name}` is not a base64 file: {e}"))
                })?;
                let media_type = sniff(&bytes).unwrap_or("application/octet-stream");
                let extension = match media_type {
                    "image/png" => "png",
                    "image/jpeg" => "jpg",
                    "image/gif" => "gif",
                    _ => "bin",
                };
                parts.push(Part {
                    name: name.clone(),
                    file: Some((format!("{name}.{extension}"), media_type)),
                    bytes,
                });
            }
            _ => {
                let mut fields = Vec::new();
                let single = serde_json::json!({ name.as_str(): value });
                fields.extend(self::fields(&single)?);
                parts.extend(fields.into_iter().map(|(name, text)| Part {
                    name,
                    file: None,
                    bytes: text.into_bytes(),
                }));
            }
        }
    }
    let boundary = boundary(&parts);
    let mut body = Vec::with_capacity(parts.iter().map(|p| p.bytes.len() + 128).sum());
    for part in &parts {
        let mut head = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{}\"",
            quoted(&part.name)
        );
        if let Some((file, media_type)) = &part.file {
            let _ = write!(
                head,
                "; filename=\"{}\"\r\nContent-Type: {media_type}",
                quoted(file)
            );
        }
        head.push_str("\r\n\r\n");
        body.extend_from_slice(head.as_bytes());
        body.extend_from_slice(&part.bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    let content_type = HeaderValue::from_str(&format!("multipart/form-data; boundary={boundary}"))
        .map_err(|e| RequestError::Body(e.to_string()))?;
    Ok((content_type, body))
}

/// A name in a quoted header parameter: `"` and line breaks escaped as
/// browsers do (HTML's form-data encoding).
fn quoted(name: &str) -> String {
    name.replace('"', "%22")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `dmforge-` and 16 hex digits of an FNV-1a hash of the parts, rehashed
/// until no part holds it.
fn boundary(parts: &[Part]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for &b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    };
    for part in parts {
        feed(part.name.as_bytes());
        feed(&part.bytes);
    }
    first_free(hash, parts)
}

/// The first boundary from `hash` on that no part holds.
fn first_free(mut hash: u64, parts: &[Part]) -> String {
    loop {
        let boundary = format!("dmforge-{hash:016x}");
        let clashes = parts
            .iter()
            .any(|p| memchr::memmem::find(&p.bytes, boundary.as_bytes()).is_some());
        if !clashes {
            return boundary;
        }
        hash = hash.rotate_left(17).wrapping_mul(0x0000_0100_0000_01b3) ^ 0x5bd1_e995;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_nest_in_brackets_as_laravel_reads_them() {
        let fields = fields(&serde_json::json!({
            "user_id": 885653200, "message": "a b&c", "flags": [true, false],
            "meta": {"x": null}
        }))
        .expect("an object");
        assert_eq!(
            fields,
            [
                ("flags[0]", "1"),
                ("flags[1]", "0"),
                ("message", "a b&c"),
                ("meta[x]", ""),
                ("user_id", "885653200"),
            ]
            .map(|(n, v)| (n.to_string(), v.to_string()))
        );
        assert!(super::fields(&serde_json::json!([1])).is_err());
    }

    #[test]
    fn openapi_forms_repeat_an_arrays_name_and_explode_objects() {
        let fields = repeated_fields(&serde_json::json!({
            "To": "+1555", "MediaUrl": ["https://x/a.jpg", "https://x/b.jpg"],
            "ShortenUrls": true, "Extra": {"k": 1, "deep": {"a": [1]}}, "Empty": null
        }))
        .expect("an object");
        assert_eq!(
            fields,
            [
                ("Empty", ""),
                ("deep", r#"{"a":[1]}"#),
                ("k", "1"),
                ("MediaUrl", "https://x/a.jpg"),
                ("MediaUrl", "https://x/b.jpg"),
                ("ShortenUrls", "true"),
                ("To", "+1555"),
            ]
            .map(|(n, v)| (n.to_string(), v.to_string()))
        );
    }

    #[test]
    fn a_boundary_found_in_a_part_is_replaced() {
        let part = |text: &str| Part {
            name: "x".to_string(),
            file: None,
            bytes: text.as_bytes().to_vec(),
        };
        assert_eq!(
            first_free(1, &[part("no clash")]),
            "dmforge-0000000000000001"
        );
        let chosen = first_free(1, &[part("a dmforge-0000000000000001 b")]);
        assert!(chosen.starts_with("dmforge-"));
        assert_ne!(chosen, "dmforge-0000000000000001");
    }

    #[test]
    fn names_cannot_break_out_of_their_quotes() {
        assert_eq!(quoted("a\"b\r\nc"), "a%22b%0D%0Ac");
    }
}
