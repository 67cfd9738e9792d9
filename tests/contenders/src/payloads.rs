//! Payloads the benchmarks generate rather than keep as files.

use std::fmt::Write as _;

/// An Infobip send request of one message to `destinations` numbers
/// (about 23 bytes per destination).
#[must_use]
pub fn infobip_bulk(destinations: usize) -> Vec<u8> {
    let mut out = String::with_capacity(128 + destinations * 24);
    out.push_str(r#"{"messages":[{"sender":"InfoSMS","destinations":["#);
    for i in 0..destinations {
        if i > 0 {
            out.push(',');
        }
        // Writing into a String cannot fail.
        let _ = write!(out, r#"{{"to":"{}"}}"#, 41_793_026_727u64 + i as u64);
    }
    out.push_str(r#"],"content":{"text":"This is a sample message","type":"TEXT"}}]}"#);
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_request_is_json_with_every_destination() {
        let value: serde_json::Value =
            serde_json::from_slice(&infobip_bulk(3)).expect("valid JSON");
        let destinations = &value["messages"][0]["destinations"];
        assert_eq!(destinations.as_array().map(Vec::len), Some(3));
        assert_eq!(destinations[2]["to"], "41793026729");
    }
}
