//! `format: uri`: an absolute URI as RFC 3986 §3 defines it (scheme, `:`,
//! hierarchical part, optional query and fragment). A scheme-less
//! `www.example.com` or a string with a space is not a URI. JSON Schema's
//! `uri` format is exactly this grammar; the schema engine's checker and this
//! one are compared in the root crate's tests.

/// Whether `s` is an absolute URI (RFC 3986 `URI`).
#[must_use]
pub fn is_uri(s: &str) -> bool {
    // One pass left to right, classifying bytes through one table: this runs
    // on every URL member. Every delimiter is ASCII, so byte positions are
    // character boundaries.
    let Some((scheme, rest)) = split_first(s, b':') else {
        return false;
    };
    if !is_scheme(scheme) {
        return false;
    }
    let bytes = rest.as_bytes();
    let mut i = 0;
    if let Some(after) = rest.strip_prefix("//") {
        // The authority runs to the path, query or fragment.
        let end = after
            .bytes()
            .position(|b| matches!(b, b'/' | b'?' | b'#'))
            .unwrap_or(after.len());
        if !is_authority(&after[..end]) {
            return false;
        }
        i = 2 + end;
    }
    let Some(i) = scan(bytes, i, PCHAR | SLASH, b"?#") else {
        return false;
    };
    let i = match bytes.get(i) {
        Some(b'?') => match scan(bytes, i + 1, PCHAR | SLASH | QUESTION, b"#") {
            Some(i) => i,
            None => return false,
        },
        _ => i,
    };
    match bytes.get(i) {
        Some(b'#') => scan(bytes, i + 1, PCHAR | SLASH | QUESTION, b"") == Some(bytes.len()),
        _ => i == bytes.len(),
    }
}

/// From `i`, skips bytes in `classes` and `%XX` escapes; the index of the
/// first byte in `stops` (or the end), or `None` at any other byte.
fn scan(bytes: &[u8], mut i: usize, classes: u8, stops: &[u8]) -> Option<usize> {
    while let Some(&b) = bytes.get(i) {
        if is(b, classes) {
            i += 1;
        } else if b == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            if !hex.iter().all(u8::is_ascii_hexdigit) {
                return None;
            }
            i += 3;
        } else if stops.contains(&b) {
            return Some(i);
        } else {
            return None;
        }
    }
    Some(i)
}

/// `s` split around the first `byte`.
fn split_first(s: &str, byte: u8) -> Option<(&str, &str)> {
    let i = s.bytes().position(|b| b == byte)?;
    Some((&s[..i], &s[i + 1..]))
}

/// `s` split around the last `byte`.
fn split_last(s: &str, byte: u8) -> Option<(&str, &str)> {
    let i = s.bytes().rposition(|b| b == byte)?;
    Some((&s[..i], &s[i + 1..]))
}

fn is_scheme(scheme: &str) -> bool {
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
}

fn is_authority(authority: &str) -> bool {
    let (userinfo, host_port) = match split_last(authority, b'@') {
        Some((userinfo, host_port)) => (Some(userinfo), host_port),
        None => (None, authority),
    };
    if !userinfo.is_none_or(|u| all_chars(u, UNRESERVED | SUB_DELIM | COLON)) {
        return false;
    }
    let (host, port) = if let Some(literal) = host_port.strip_prefix('[') {
        let Some((inside, after)) = split_first(literal, b']') else {
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
        match split_last(host_port, b':') {
            Some((host, port)) => (host, Some(port)),
            None => (host_port, None),
        }
    };
    port.is_none_or(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && all_chars(host, UNRESERVED | SUB_DELIM)
}

/// IPv6 (hex groups separated by `:`, at most one `::`, an optional
/// dotted-quad tail) or IPvFuture (`v<hex>.<chars>`).
fn is_ip_literal(inside: &str) -> bool {
    if let Some(future) = inside.strip_prefix(['v', 'V']) {
        return match split_first(future, b'.') {
            Some((version, rest)) => {
                !version.is_empty()
                    && version.bytes().all(|b| b.is_ascii_hexdigit())
                    && !rest.is_empty()
                    && rest.bytes().all(|b| is(b, UNRESERVED | SUB_DELIM | COLON))
            }
            None => false,
        };
    }
    inside.parse::<std::net::Ipv6Addr>().is_ok()
}

/// Every byte is in one of the `classes`, except well-formed `%XX` escapes.
fn all_chars(s: &str, classes: u8) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if is(bytes[i], classes) {
            i += 1;
        } else if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
        } else {
            return false;
        }
    }
    true
}

// Character classes of RFC 3986 §2, as bits of one table entry per byte.
/// `ALPHA / DIGIT / "-" / "." / "_" / "~"`.
const UNRESERVED: u8 = 1;
/// `"!" / "$" / "&" / "'" / "(" / ")" / "*" / "+" / "," / ";" / "="`.
const SUB_DELIM: u8 = 2;
const COLON: u8 = 4;
const AT: u8 = 8;
const SLASH: u8 = 16;
const QUESTION: u8 = 32;
/// `pchar = unreserved / pct-encoded / sub-delims / ":" / "@"` (the
/// percent-escapes are `all_chars`' business).
const PCHAR: u8 = UNRESERVED | SUB_DELIM | COLON | AT;

static CLASSES: [u8; 256] = classes();

const fn classes() -> [u8; 256] {
    let mut table = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        table[c] = if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            UNRESERVED
        } else if matches!(
            b,
            b'!' | b'$' | b'&' | b'\'' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'='
        ) {
            SUB_DELIM
        } else {
            match b {
                b':' => COLON,
                b'@' => AT,
                b'/' => SLASH,
                b'?' => QUESTION,
                _ => 0,
            }
        };
        c += 1;
    }
    table
}

fn is(byte: u8, classes: u8) -> bool {
    CLASSES[byte as usize] & classes != 0
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

    /// The checker as first written (one `split_once` per delimiter, a
    /// closure per class), kept to pin the table-driven one to it.
    mod reference {
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
            if !userinfo
                .is_none_or(|u| all_chars(u, |c| is_unreserved(c) || is_sub_delim(c) || c == b':'))
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
    }

    /// Every string of up to 4 characters over the delimiters and a few
    /// ordinary characters, plus longer pseudo-random ones: the fast checker
    /// and the reference agree on each.
    #[test]
    fn agrees_with_the_reference_checker() {
        const ALPHABET: &[u8] = b"a1:/?#@[]%F.-+!v ";
        let mut checked = 0;
        let mut text = Vec::new();
        let mut agree = |s: &[u8]| {
            let s = std::str::from_utf8(s).expect("ASCII");
            assert_eq!(is_uri(s), reference::is_uri(s), "{s:?}");
            checked += 1;
        };
        for len in 0..=4u32 {
            for mut n in 0..ALPHABET.len().pow(len) {
                text.clear();
                for _ in 0..len {
                    text.push(ALPHABET[n % ALPHABET.len()]);
                    n /= ALPHABET.len();
                }
                agree(&text);
            }
        }
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..50_000 {
            text.clear();
            text.extend_from_slice(b"https://");
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            for i in 0..(state % 24) {
                text.push(ALPHABET[((state >> (i % 60)) as usize + i as usize) % ALPHABET.len()]);
            }
            agree(&text);
        }
        assert!(checked > 100_000);
    }
}
