//! `format: uri`: an absolute URI as RFC 3986 §3 defines it (scheme, `:`,
//! hierarchical part, optional query and fragment). A scheme-less
//! `www.example.com` or a string with a space is not a URI. JSON Schema's
//! `uri` format is exactly this grammar; the schema engine's checker and this
//! one are compared in the root crate's tests.

/// Whether `s` is an absolute URI (RFC 3986 `URI`).
#[must_use]
pub fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    if !is_scheme(scheme) {
        return false;
    }
    let (rest, fragment) = match rest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest, None),
    };
    let (hier, query) = match rest.split_once('?') {
        Some((before, query)) => (before, Some(query)),
        None => (rest, None),
    };
    let tail_ok = |part: Option<&str>| {
        part.is_none_or(|p| all_chars(p, |c| is_pchar(c) || c == b'/' || c == b'?'))
    };
    if !tail_ok(query) || !tail_ok(fragment) {
        return false;
    }
    match hier.strip_prefix("//") {
        Some(after) => {
            let end = after.find('/').unwrap_or(after.len());
            is_authority(&after[..end]) && is_path(&after[end..])
        }
        None => is_path(hier),
    }
}

fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

fn is_authority(authority: &str) -> bool {
    let (userinfo, host_port) = match authority.rsplit_once('@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    if !userinfo.is_none_or(|u| all_chars(u, |c| is_unreserved(c) || is_sub_delim(c) || c == b':'))
    {
        return false;
    }
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = literal.split_once(']') else {
            return false;
        };
        if !is_ip_literal(inside) {
            return false;
        }
        match after.strip_prefix(':') {
            Some(port) => ("", Some(port)),
            None if after.is_empty() => ("", None),
            None => return false,
        }
    } else {
        match host_port.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && all_chars(host, |c| is_unreserved(c) || is_sub_delim(c))
}

/// IPv6 (hex groups separated by `:`, at most one `::`, an optional
/// dotted-quad tail) or IPvFuture (`v<hex>.<chars>`).
fn is_ip_literal(inside: &str) -> bool {
    if let Some(future) = inside.strip_prefix(['v', 'V']) {
        return match future.split_once('.') {
            Some((version, rest)) => {
                !version.is_empty()
                    && version.bytes().all(|b| b.is_ascii_hexdigit())
                    && !rest.is_empty()
                    && rest
                        .bytes()
                        .all(|b| is_unreserved(b) || is_sub_delim(b) || b == b':')
            }
            None => false,
        };
    }
    inside.parse::<std::net::Ipv6Addr>().is_ok()
}

fn is_path(path: &str) -> bool {
    all_chars(path, |c| is_pchar(c) || c == b'/')
}

/// Every byte passes `allowed`, except well-formed `%XX` escapes.
fn all_chars(s: &str, allowed: impl Fn(u8) -> bool) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
        } else if allowed(bytes[i]) {
            i += 1;
        } else {
            return false;
        }
    }
    true
}

fn is_unreserved(c: u8) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~')
}

fn is_sub_delim(c: u8) -> bool {
    matches!(
        c,
        b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
    )
}

fn is_pchar(c: u8) -> bool {
    is_unreserved(c) || is_sub_delim(c) || matches!(c, b':' | b'@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_absolute_uris() {
        for uri in [
            "https://example.com",
            "https://example.com/a/b?c=d&e#f",
            "http://user:pw@host:8080/p%20q",
            "mailto:someone@example.com",
            "urn:isbn:0451450523",
            "https://[::1]:443/",
            "ftp://[v7.fe80::a]/x",
            "https://example.com:/",
            "a:",
        ] {
            assert!(is_uri(uri), "{uri}");
        }
    }

    #[test]
    fn refuses_what_is_not_an_absolute_uri() {
        for not_uri in [
            "",
            "www.google.com",
            "my.website.com/callback",
            "not a url",
            "<IMAGE_OR_GIF_URL>",
            "https://exa mple.com",
            "1http://x",
            "https://example.com/%zz",
            "https://[::1/",
            "https://[nonsense]/",
            "https://host:80a/",
            "http://a/b#c#d",
        ] {
            assert!(!is_uri(not_uri), "{not_uri}");
        }
    }
}
