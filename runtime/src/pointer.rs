//! RFC 6901 JSON Pointers, built by appending reference tokens.

/// Appends `token` to `pointer` as one reference token, escaping `~` and `/`.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// `pointer` with `token` appended.
#[must_use]
pub fn child(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    push_token(&mut out, token);
    out
}

/// A pointer as a URI fragment (after `#`): characters a fragment may not
/// hold (`{`, `}`, `%`, spaces, non-ASCII) percent-encoded.
#[must_use]
pub fn to_fragment(pointer: &str) -> String {
    let mut out = String::with_capacity(pointer.len());
    for byte in pointer.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A URI fragment as the pointer it spells: `%xx` escapes decoded (bytes
/// that are not UTF-8 replaced).
#[must_use]
pub fn from_fragment(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Splits a pointer into its unescaped reference tokens; `None` if it is not a
/// valid pointer (non-empty and not starting with `/`, or a bad `~` escape).
#[must_use]
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').map(unescape).collect()
}

fn unescape(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_round_trip_pointers() {
        let pointer = "/paths/~1v2~1{id}/a b/é%";
        let fragment = to_fragment(pointer);
        assert_eq!(fragment, "/paths/~1v2~1%7Bid%7D/a%20b/%C3%A9%25");
        assert_eq!(from_fragment(&fragment), pointer);
    }

    #[test]
    fn escapes_tilde_before_slash() {
        assert_eq!(child("/a", "b/c~d"), "/a/b~1c~0d");
    }

    #[test]
    fn tokens_round_trip_escapes() {
        assert_eq!(
            tokens("/a/b~1c~0d/0"),
            Some(vec!["a".into(), "b/c~d".into(), "0".into()])
        );
        assert_eq!(tokens(""), Some(vec![]));
        assert_eq!(tokens("/"), Some(vec![String::new()]));
    }

    #[test]
    fn rejects_malformed_pointers() {
        assert_eq!(tokens("a/b"), None);
        assert_eq!(tokens("/a~2"), None);
        assert_eq!(tokens("/a~"), None);
    }
}
