//! `base64File`: a file carried in a JSON string as standard base64 (RFC 4648
//! §4, with padding, no line breaks), limited in decoded size and in media
//! type, where the media type is read from the file's leading bytes (as
//! Laravel's `mimes` rule does), not from any name.
//!
//! Decoding runs in fixed-size chunks, so checking a 13 MB string allocates
//! nothing proportional to it.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::size::{too_long, Unit};

/// Input characters decoded per chunk: a multiple of 4.
const CHUNK: usize = 4096;

/// What a valid base64 string holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Inspection {
    /// Length of the decoded file in bytes.
    pub decoded_len: u64,
    /// The media type its leading bytes show, if one dmforge recognises.
    pub media_type: Option<&'static str>,
}

/// Decodes `encoded` chunk by chunk. `Err(offset)` gives the character offset
/// near which the text stops being valid base64.
pub fn inspect(encoded: &str) -> Result<Inspection, usize> {
    let bytes = encoded.as_bytes();
    let mut buffer = [0u8; CHUNK / 4 * 3];
    let mut decoded_len = 0u64;
    let mut media_type = None;
    let chunk_count = bytes.len().div_ceil(CHUNK);
    for (index, chunk) in bytes.chunks(CHUNK).enumerate() {
        let start = index * CHUNK;
        let is_last = index + 1 == chunk_count;
        // Padding may only close the whole string, not an inner chunk.
        if !is_last && chunk.contains(&b'=') {
            return Err(start + chunk.iter().position(|&b| b == b'=').unwrap_or(0));
        }
        let written = STANDARD
            .decode_slice(chunk, &mut buffer)
            .map_err(|error| start + error_offset(&error, chunk.len()))?;
        if index == 0 {
            media_type = sniff(&buffer[..written]);
        }
        decoded_len += written as u64;
    }
    Ok(Inspection {
        decoded_len,
        media_type,
    })
}

fn error_offset(error: &base64::DecodeSliceError, len: usize) -> usize {
    match error {
        base64::DecodeSliceError::DecodeError(
            base64::DecodeError::InvalidByte(offset, _)
            | base64::DecodeError::InvalidLastSymbol { offset, .. },
        ) => *offset,
        _ => len,
    }
}

/// Every broken part of a `base64File` rule, worded for a report: not
/// base64 at all, or too large decoded, or not of an allowed media type.
#[must_use]
pub fn problems(encoded: &str, max_bytes: u64, media_types: &[&str]) -> Vec<String> {
    let inspection = match inspect(encoded) {
        Ok(inspection) => inspection,
        Err(offset) => {
            return vec![format!(
                "not valid base64 (RFC 4648, padded) at character {offset}"
            )]
        }
    };
    let mut problems = Vec::new();
    if inspection.decoded_len > max_bytes {
        problems.push(format!(
            "decoded file is {}",
            too_long(inspection.decoded_len, max_bytes, Unit::Bytes)
        ));
    }
    let allowed = inspection
        .media_type
        .is_some_and(|found| media_types.contains(&found));
    if !allowed {
        problems.push(format!(
            "file content is {}, allowed: {}",
            inspection.media_type.unwrap_or("of an unrecognised type"),
            media_types.join(", ")
        ));
    }
    problems
}

/// The media type shown by a file's magic number.
#[must_use]
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some("image/gif")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(bytes: &[u8]) -> String {
        STANDARD.encode(bytes)
    }

    #[test]
    fn measures_decoded_size_and_sniffs_type() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.resize(10_000, 7);
        let got = inspect(&encode(&png)).expect("valid base64");
        assert_eq!(got.decoded_len, 10_000);
        assert_eq!(got.media_type, Some("image/png"));
        let gif = inspect(&encode(b"GIF89a....")).expect("valid base64");
        assert_eq!(gif.media_type, Some("image/gif"));
        let jpeg = inspect(&encode(b"\xff\xd8\xff\xe0")).expect("valid base64");
        assert_eq!(jpeg.media_type, Some("image/jpeg"));
        let text = inspect(&encode(b"hello")).expect("valid base64");
        assert_eq!(text.media_type, None);
    }

    #[test]
    fn reports_where_base64_breaks() {
        assert_eq!(inspect("aGVsbG8*"), Err(7));
        assert_eq!(inspect("aGVsbG8"), Err(7), "missing padding");
        // A padded block inside a long string is refused, not silently split.
        let inner = format!(
            "{}{}",
            encode(&[1u8; 3070]).replace('\n', ""),
            "A".repeat(8)
        );
        assert!(inspect(&inner).is_err());
    }
}
