//! The address of a request: the base URL and path template, their
//! `{name}` variables filled from the target.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

use super::{RequestError, Target};
use crate::endpoint::Endpoint;

/// What a path segment keeps as it is: RFC 3986's unreserved characters.
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

pub(super) fn uri(endpoint: &Endpoint, target: &Target) -> Result<http::Uri, RequestError> {
    for (name, _) in &target.parameters {
        if !endpoint.parameters.iter().any(|p| p.name == name)
            && !variables(endpoint.base_url).any(|v| v == name)
        {
            return Err(RequestError::UnknownParameter(name.clone()));
        }
    }
    let base = match &target.base_url {
        Some(base) => base.clone(),
        // A variable of the base URL is a host, or part of one: it is put
        // in as it is, but may hold nothing that would end the host.
        None => {
            let mut base = String::with_capacity(endpoint.base_url.len() + 64);
            fill_into(&mut base, endpoint.base_url, target, |out, name, value| {
                if value.is_empty()
                    || value
                        .bytes()
                        .any(|b| !(b.is_ascii_alphanumeric() || b"-.:_".contains(&b)))
                {
                    Err(RequestError::Url(format!(
                        "`{name}` is part of the host, so it may hold only letters, digits, `-`, `.`, `_` and `:`; got `{value}`"
                    )))
                } else {
                    out.push_str(value);
                    Ok(())
                }
            })?;
            base
        }
    };
    let address = match endpoint.path {
        // A path value is one segment: `/` and the like are escaped.
        Some(path) => {
            let mut address = base;
            let kept = address.trim_end_matches('/').len();
            address.truncate(kept);
            fill_into(&mut address, path, target, |out, name, value| {
                // `.` and `..` would move the request to another path once
                // the URL is normalized (`%2E%2E` too, by the URL
                // standard), and an empty value drops the segment.
                if matches!(value, "" | "." | "..") {
                    return Err(RequestError::Url(format!(
                        "`{name}` is a path segment, so it may not be `{value}`"
                    )));
                }
                out.extend(utf8_percent_encode(value, SEGMENT));
                Ok(())
            })?;
            address
        }
        None if target.base_url.is_some() => base,
        None => {
            return Err(RequestError::Url(format!(
                "the provider's document gives no path for `{}`: give the whole address as the base URL",
                endpoint.id
            )))
        }
    };
    // Taken as it is, with no copy.
    let uri = http::Uri::try_from(address).map_err(|e| {
        RequestError::Url(format!(
            "the address made from base URL `{}` is not a URL: {e}",
            target.base_url.as_deref().unwrap_or(endpoint.base_url)
        ))
    })?;
    match (uri.scheme_str(), uri.authority()) {
        (Some("http" | "https"), Some(_)) => Ok(uri),
        _ => Err(RequestError::Url(format!(
            "`{uri}` is not an absolute http or https URL"
        ))),
    }
}

/// The `{name}`s of a template.
fn variables(template: &str) -> impl Iterator<Item = &str> {
    template
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
}

/// `template` written to `out`, each `{name}` replaced by what
/// `put(out, name, value)` writes.
fn fill_into(
    out: &mut String,
    template: &str,
    target: &Target,
    put: impl Fn(&mut String, &str, &str) -> Result<(), RequestError>,
) -> Result<(), RequestError> {
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some((name, after)) = rest[open + 1..].split_once('}') else {
            return Err(RequestError::Url(format!(
                "`{template}` opens a variable it does not close"
            )));
        };
        let value = target
            .value(name)
            .ok_or_else(|| RequestError::MissingParameter(name.to_string()))?;
        put(out, name, value)?;
        rest = after;
    }
    out.push_str(rest);
    Ok(())
}
