//! A request as text, its credential masked: what `dmforge send --dry-run`
//! prints.

use std::fmt::Write as _;

/// The words that name a credential's scheme, shown before its mask.
const SCHEMES: &[&str] = &["Bearer", "Basic", "App", "Bot", "Token"];

/// The request line, headers and body. A sensitive header keeps its first
/// word if it names a scheme (`Bearer ****`, `App ****`), so that the
/// scheme shows; nothing else of it. A body that is not text is described,
/// part by part for multipart.
#[must_use]
pub fn show(request: &http::Request<Vec<u8>>) -> String {
    let mut out = format!("{} {}\n", request.method(), request.uri());
    for (name, value) in request.headers() {
        let text = if value.is_sensitive() {
            match value.to_str().ok().and_then(|v| v.split_once(' ')) {
                Some((scheme, _)) if SCHEMES.contains(&scheme) => format!("{scheme} ****"),
                _ => "****".to_string(),
            }
        } else {
            String::from_utf8_lossy(value.as_bytes()).into_owned()
        };
        let _ = writeln!(out, "{name}: {text}");
    }
    out.push('\n');
    let body = request.body();
    match (boundary(request), std::str::from_utf8(body)) {
        (Some(boundary), _) => out.push_str(&multipart(body, &boundary)),
        (None, Ok(text)) => out.push_str(text),
        (None, Err(_)) => {
            let _ = write!(out, "<{} bytes>", body.len());
        }
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

fn boundary(request: &http::Request<Vec<u8>>) -> Option<String> {
    let content_type = request
        .headers()
        .get(http::header::CONTENT_TYPE)?
        .to_str()
        .ok()?;
    content_type
        .strip_prefix("multipart/form-data; boundary=")
        .map(str::to_string)
}

/// Each part's headers, and its content where it is a field's text, not a
/// file.
fn multipart(body: &[u8], boundary: &str) -> String {
    let delimiter = format!("--{boundary}");
    let mut out = String::new();
    let mut rest = body;
    while let Some(start) = memchr::memmem::find(rest, delimiter.as_bytes()) {
        let after = &rest[start + delimiter.len()..];
        let end = memchr::memmem::find(after, delimiter.as_bytes()).unwrap_or(after.len());
        let part = &after[..end];
        out.push_str(&delimiter);
        match memchr::memmem::find(part, b"\r\n\r\n") {
            Some(split) => {
                let head = String::from_utf8_lossy(&part[..split + 4]);
                out.push_str(&head);
                let content = &part[split + 4..];
                let content = content.strip_suffix(b"\r\n").unwrap_or(content);
                match std::str::from_utf8(content) {
                    Ok(text) if !head.contains("filename=") => out.push_str(text),
                    _ => {
                        let _ = write!(out, "<{} bytes>", content.len());
                    }
                }
                out.push_str("\r\n");
            }
            None => out.push_str(&String::from_utf8_lossy(part)),
        }
        rest = &after[end..];
        if end == after.len() {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_schemes_name_is_shown_of_a_credential() {
        let mut request = http::Request::new(b"{}".to_vec());
        let mut key = http::HeaderValue::from_static("abc def");
        key.set_sensitive(true);
        request.headers_mut().insert("x-api-key", key);
        let mut bearer = http::HeaderValue::from_static("Bearer secret");
        bearer.set_sensitive(true);
        request.headers_mut().insert("authorization", bearer);
        let shown = show(&request);
        assert!(shown.contains("x-api-key: ****\n"), "{shown}");
        assert!(shown.contains("authorization: Bearer ****\n"), "{shown}");
        assert!(
            !shown.contains("abc") && !shown.contains("secret"),
            "{shown}"
        );
    }
}
