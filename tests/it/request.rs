//! Each provider's message as the request its provider accepts, and each
//! provider's answer read back (`request` feature, no I/O).

use dmforge::abebot::{error_response::ErrorResponse as AbebotError, send_image, send_text};
use dmforge::infobip::send_message as infobip;
use dmforge::meta_graph::{error_response::ErrorResponse as MetaError, send_message as meta};
use dmforge::runtime::endpoint::Operation;
use dmforge::runtime::http::{HeaderMap, HeaderValue, Request, StatusCode};
use dmforge::runtime::request::{show, Credential, ProviderError, RequestError, Target, ToRequest};
use dmforge::webex_connect::send_message as webex;

fn fixture(path: &str) -> String {
    let file = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn parsed<T: for<'de> serde::Deserialize<'de>>(path: &str) -> T {
    serde_json::from_str(&fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Headers as `name: value` lines, in order.
fn headers(request: &Request<Vec<u8>>) -> Vec<String> {
    request
        .headers()
        .iter()
        .map(|(n, v)| format!("{n}: {}", v.to_str().expect("text")))
        .collect()
}

fn body(request: &Request<Vec<u8>>) -> &str {
    std::str::from_utf8(request.body()).expect("a text body")
}

fn meta_text() -> meta::SendMessage {
    serde_json::from_str(r#"{"recipient": {"id": "1789"}, "message": {"text": "Hi 😀"}}"#)
        .expect("valid")
}

#[test]
fn meta_sends_json_with_a_bearer_token_to_the_accounts_path() {
    let target = Target::new().parameter("IG_ID", "17841400000000000");
    let request = meta_text()
        .to_request(&target, &Credential::Token("EAAG-token".into()))
        .expect("a request");
    assert_eq!(request.method(), "POST");
    assert_eq!(
        request.uri(),
        "https://graph.instagram.com/v24.0/17841400000000000/messages"
    );
    assert_eq!(
        headers(&request),
        [
            "content-type: application/json",
            "authorization: Bearer EAAG-token"
        ]
    );
    assert_eq!(
        body(&request),
        r#"{"recipient":{"id":"1789"},"message":{"text":"Hi 😀"}}"#
    );
    // The credential is marked sensitive: never printed.
    let auth = request.headers().get("authorization").expect("sent");
    assert!(auth.is_sensitive());
    assert!(!format!("{request:?}").contains("EAAG-token"));
}

#[test]
fn a_base_url_replaces_the_schemas_version_segment_too() {
    let target = Target::new()
        .parameter("IG_ID", "1")
        .base_url("http://127.0.0.1:8080/v25.0/");
    let request = meta_text()
        .to_request(&target, &Credential::Token("t".into()))
        .expect("a request");
    assert_eq!(request.uri(), "http://127.0.0.1:8080/v25.0/1/messages");
}

#[test]
fn a_target_changed_after_use_makes_its_new_address() {
    let token = Credential::Token("t".into());
    let target = Target::new().parameter("IG_ID", "1");
    let first = meta_text().to_request(&target, &token).expect("a request");
    // The address made for `target` is kept; a changed copy makes its own.
    let moved = target.clone().base_url("http://127.0.0.1:9/v25.0");
    let second = meta_text().to_request(&moved, &token).expect("a request");
    let other = target.clone().parameter("IG_ID", "2");
    let third = meta_text().to_request(&other, &token).expect("a request");
    assert_eq!(first.uri(), "https://graph.instagram.com/v24.0/1/messages");
    assert_eq!(second.uri(), "http://127.0.0.1:9/v25.0/1/messages");
    assert_eq!(third.uri(), "https://graph.instagram.com/v24.0/2/messages");
    let again = meta_text().to_request(&target, &token).expect("a request");
    assert_eq!(again.uri(), first.uri());
}

#[test]
fn path_values_are_one_segment_and_host_values_cannot_leave_the_host() {
    let token = Credential::Token("t".into());
    let escaped = meta_text()
        .to_request(&Target::new().parameter("IG_ID", "a/b?c d"), &token)
        .expect("a request");
    assert_eq!(
        escaped.uri(),
        "https://graph.instagram.com/v24.0/a%2Fb%3Fc%20d/messages"
    );

    // A value that would leave its segment once the URL is normalized.
    for climbing in ["..", ".", ""] {
        let refused = meta_text().to_request(&Target::new().parameter("IG_ID", climbing), &token);
        assert!(
            matches!(refused, Err(RequestError::Url(_))),
            "{climbing:?}: {refused:?}"
        );
    }

    let message: infobip::SendMessage = parsed("infobip/send_message/valid/doc_request.json");
    let key = Credential::Token("k".into());
    for host in ["evil.com/x", "a@b", "", "x y"] {
        let refused = message.to_request(&Target::new().parameter("baseUrl", host), &key);
        assert!(
            matches!(refused, Err(RequestError::Url(_))),
            "{host}: {refused:?}"
        );
    }
}

#[test]
fn missing_and_unknown_variables_and_the_wrong_credential_are_refused() {
    let message = meta_text();
    let token = Credential::Token("t".into());
    assert_eq!(
        message.to_request(&Target::new(), &token).err(),
        Some(RequestError::MissingParameter("IG_ID".into()))
    );
    let typo = Target::new().parameter("IG_ID", "1").parameter("IGID", "1");
    assert_eq!(
        message.to_request(&typo, &token).err(),
        Some(RequestError::UnknownParameter("IGID".into()))
    );
    let target = Target::new().parameter("IG_ID", "1");
    for wrong in [Credential::None, Credential::ServiceKey("k".into())] {
        assert!(matches!(
            message.to_request(&target, &wrong),
            Err(RequestError::Credential(_))
        ));
    }
    assert!(matches!(
        message.to_request(&target, &Credential::Token("a\nb".into())),
        Err(RequestError::Credential(_))
    ));
    let not_a_url = Target::new().parameter("IG_ID", "1").base_url("ftp://x");
    assert!(matches!(
        message.to_request(&not_a_url, &token),
        Err(RequestError::Url(_))
    ));
    // A credential never shows in a debug print.
    assert_eq!(format!("{token:?}"), "Token(****)");
}

#[test]
fn a_value_that_breaks_a_rule_across_members_is_not_sent() {
    let mut message = meta_text();
    if let meta::SendMessage::Message(request) = &mut message {
        request.recipient.comment_id = Some(dmforge::text!("c-1"));
    }
    let refused = message.to_request(
        &Target::new().parameter("IG_ID", "1"),
        &Credential::Token("t".into()),
    );
    let Err(RequestError::Invalid(errors)) = refused else {
        panic!("{refused:?}");
    };
    assert_eq!(errors.violations()[0].pointer, "/recipient");
}

#[test]
fn infobip_sends_its_app_key_to_the_accounts_host() {
    let message: infobip::SendMessage = parsed("infobip/send_message/valid/doc_request.json");
    let request = message
        .to_request(
            &Target::new().parameter("baseUrl", "xyz12.api.infobip.com"),
            &Credential::Token("003026bbc1".into()),
        )
        .expect("a request");
    assert_eq!(
        request.uri(),
        "https://xyz12.api.infobip.com/instagram/1/messages"
    );
    assert_eq!(
        headers(&request),
        [
            "content-type: application/json",
            "authorization: App 003026bbc1"
        ]
    );
    assert_eq!(
        body(&request),
        r#"{"messages":[{"sender":"OFFICIAL-ACCOUNT-ID-123","destinations":[{"to":"66855538125"}],"content":{"type":"TEXT","text":"Hello!"}}]}"#
    );
}

#[test]
fn webex_connect_sends_a_service_key_or_a_jwt() {
    let message: webex::SendMessage = parsed("webex_connect/send_message/valid/doc_sticker.json");
    let target = Target::new().parameter("region", "us");
    let with_key = message
        .to_request(&target, &Credential::Token("svc-key".into()))
        .expect("a request");
    assert_eq!(
        with_key.uri(),
        "https://api.us.webexconnect.io/v1/instagram/messages"
    );
    assert_eq!(
        headers(&with_key),
        ["content-type: application/json", "key: svc-key"]
    );
    let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJpc3MiOiJzIn0.c2ln";
    for credential in [Credential::Token(jwt.into()), Credential::Jwt(jwt.into())] {
        let with_jwt = message.to_request(&target, &credential).expect("a request");
        assert_eq!(
            headers(&with_jwt),
            [
                "content-type: application/json".to_string(),
                format!("authorization: Bearer {jwt}")
            ]
        );
    }
    let body: serde_json::Value = serde_json::from_slice(with_key.body()).expect("JSON");
    assert_eq!(
        body,
        serde_json::from_str::<serde_json::Value>(&fixture(
            "webex_connect/send_message/valid/doc_sticker.json"
        ))
        .expect("JSON")
    );
}

#[test]
fn abebot_text_is_a_form_asking_for_json_answers() {
    let message: send_text::SendText =
        serde_json::from_str(r#"{"user_id": 885653200, "message": "velit & more 😀"}"#)
            .expect("valid");
    let request = message
        .to_request(&Target::new(), &Credential::None)
        .expect("a request");
    assert_eq!(
        request.uri(),
        "http://abebot.tk/api/instagram/messages/text"
    );
    assert_eq!(
        headers(&request),
        [
            "accept: application/json",
            "content-type: application/x-www-form-urlencoded"
        ]
    );
    assert_eq!(
        body(&request),
        "message=velit+%26+more+%F0%9F%98%80&user_id=885653200"
    );
    assert!(matches!(
        message.to_request(&Target::new(), &Credential::Token("t".into())),
        Err(RequestError::Credential(_))
    ));
}

#[test]
fn abebot_image_is_a_multipart_file_of_its_own_type() {
    let message: send_image::SendImage = parsed("abebot/send_image/valid/gif.json");
    let request = message
        .to_request(&Target::new(), &Credential::None)
        .expect("a request");
    assert_eq!(
        request.uri(),
        "http://abebot.tk/api/instagram/messages/image"
    );
    let content_type = request.headers()["content-type"].to_str().expect("text");
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart");
    let gif = base64_decode("R0lGODlhAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==");
    let mut expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"image\"; filename=\"image.gif\"\r\nContent-Type: image/gif\r\n\r\n"
    )
    .into_bytes();
    expected.extend_from_slice(&gif);
    expected.extend_from_slice(
        format!("\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"user_id\"\r\n\r\n1\r\n--{boundary}--\r\n")
            .as_bytes(),
    );
    assert_eq!(request.body(), &expected);
    // The same message is the same bytes.
    let again = message
        .to_request(&Target::new(), &Credential::None)
        .expect("a request");
    assert_eq!(again.body(), request.body());
    // A dry run shows the parts, not the file's bytes.
    let shown = show(&request);
    assert!(
        shown.contains("filename=\"image.gif\"\r\nContent-Type: image/gif\r\n\r\n<46 bytes>"),
        "{shown}"
    );
}

fn base64_decode(text: &str) -> Vec<u8> {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .expect("base64")
}

#[test]
fn a_dry_run_masks_the_credential_but_keeps_its_scheme() {
    let request = meta_text()
        .to_request(
            &Target::new().parameter("IG_ID", "123"),
            &Credential::Token("secret-token".into()),
        )
        .expect("a request");
    assert_eq!(
        show(&request),
        "POST https://graph.instagram.com/v24.0/123/messages\n\
         content-type: application/json\n\
         authorization: Bearer ****\n\
         \n\
         {\"recipient\":{\"id\":\"1789\"},\"message\":{\"text\":\"Hi 😀\"}}\n"
    );
}

fn with_header(name: &'static str, value: &'static str) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(name, HeaderValue::from_static(value));
    headers
}

#[test]
fn meta_answers_are_read_as_its_response_or_its_error() {
    let sent = meta::SendMessage::read_response(
        StatusCode::OK,
        &HeaderMap::new(),
        br#"{"recipient_id": "1254", "message_id": "m-1"}"#,
    )
    .expect("sent");
    assert_eq!(sent.message_id, "m-1");

    // Throttled: a 400 whose code is a throttling code is retried, and is
    // safe to repeat, since Meta did nothing with it.
    let throttled = meta::SendMessage::read_response(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"error": {"message": "(#4) Application request limit reached", "type": "OAuthException", "code": 4, "fbtrace_id": "A"}}"#,
    )
    .expect_err("refused");
    assert!(throttled.is_retryable() && throttled.repeat_is_safe());
    assert_eq!(throttled.code(), Some("4"));
    let ProviderError::Refused(refusal) = &throttled else {
        panic!("{throttled:?}");
    };
    let error: &MetaError = refusal.error.as_ref().expect("Meta's error body");
    assert_eq!(error.error.code, 4);
    assert_eq!(
        throttled.to_string(),
        "refused with HTTP 400 Bad Request, code 4: (#4) Application request limit reached"
    );

    // A 400 for the request's own fault is not retried.
    let invalid = meta::SendMessage::read_response(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"error": {"message": "(#100) Invalid parameter", "type": "OAuthException", "code": 100}}"#,
    )
    .expect_err("refused");
    assert!(!invalid.is_retryable());

    // A 5xx is retried, but may follow a sent message.
    let down = meta::SendMessage::read_response(
        StatusCode::SERVICE_UNAVAILABLE,
        &HeaderMap::new(),
        b"<html>down</html>",
    )
    .expect_err("refused");
    assert!(down.is_retryable() && !down.repeat_is_safe());
    let ProviderError::Refused(refusal) = &down else {
        panic!("{down:?}");
    };
    assert!(refusal.error.is_none());
    assert_eq!(refusal.body, "<html>down</html>");

    // 429 with Retry-After.
    let slow_down = meta::SendMessage::read_response(
        StatusCode::TOO_MANY_REQUESTS,
        &with_header("retry-after", "3"),
        b"{}",
    )
    .expect_err("refused");
    assert!(slow_down.is_retryable() && slow_down.repeat_is_safe());
    assert_eq!(
        slow_down.retry_after(),
        Some(std::time::Duration::from_secs(3))
    );

    // A success whose body is not the documented response: the message
    // may be out, so it is not retried.
    for malformed in [
        &b"{\"recipient_id\": 1"[..],
        b"{\"recipient_id\": \"1\"}",
        b"",
    ] {
        let error = meta::SendMessage::read_response(StatusCode::OK, &HeaderMap::new(), malformed)
            .expect_err("malformed");
        assert!(matches!(error, ProviderError::Malformed(_)), "{error:?}");
        assert!(!error.is_retryable() && !error.repeat_is_safe());
    }
}

#[test]
fn infobip_errors_are_read_in_either_of_its_forms() {
    let legacy = infobip::SendMessage::read_response(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"requestError": {"serviceException": {"messageId": "BAD_REQUEST", "text": "Bad request", "validationErrors": {"messages[0].content.text": ["must not be blank"]}}}}"#,
    )
    .expect_err("refused");
    assert_eq!(legacy.code(), Some("BAD_REQUEST"));
    assert!(!legacy.is_retryable());
    let ProviderError::Refused(refusal) = &legacy else {
        panic!("{legacy:?}");
    };
    let errors = &refusal
        .error
        .as_ref()
        .and_then(|e| e.request_error.as_ref())
        .and_then(|r| r.service_exception.validation_errors.as_ref())
        .expect("validation errors");
    // A map of lists is a checked JSON value (see schemas/README.md).
    assert_eq!(
        errors["messages[0].content.text"],
        serde_json::json!(["must not be blank"])
    );
    assert_eq!(refusal.message.as_deref(), Some("Bad request"));

    let newer = infobip::SendMessage::read_response(
        StatusCode::TOO_MANY_REQUESTS,
        &HeaderMap::new(),
        br#"{"errorCode": "E429", "description": "Too many requests sent.", "violations": []}"#,
    )
    .expect_err("refused");
    assert_eq!(newer.code(), Some("E429"));
    assert!(newer.is_retryable() && newer.repeat_is_safe());
}

#[test]
fn webex_connect_and_abebot_errors_are_typed_too() {
    for body in [
        &br#"{"code": 7020, "message": "limit"}"#[..],
        br#"{"code": "7020"}"#,
    ] {
        let error =
            webex::SendMessage::read_response(StatusCode::BAD_REQUEST, &HeaderMap::new(), body)
                .expect_err("refused");
        assert_eq!(error.code(), Some("7020"));
        assert!(error.is_retryable() && error.repeat_is_safe(), "{error}");
    }
    let sent = webex::SendMessage::read_response(
        StatusCode::CREATED,
        &HeaderMap::new(),
        br#"{"messageId": "0a12", "correlationId": "k1l2", "status": "queued"}"#,
    )
    .expect("sent");
    assert_eq!(sent.message_id, "0a12");

    let invalid = send_text::SendText::read_response(
        StatusCode::UNPROCESSABLE_ENTITY,
        &HeaderMap::new(),
        br#"{"message": "The given data was invalid.", "errors": {"user_id": ["The user id field is required."]}}"#,
    )
    .expect_err("refused");
    assert!(!invalid.is_retryable());
    let ProviderError::Refused(refusal) = &invalid else {
        panic!("{invalid:?}");
    };
    let error: &AbebotError = refusal.error.as_ref().expect("Laravel's body");
    assert_eq!(
        error.errors.as_ref().expect("errors")["user_id"],
        serde_json::json!(["The user id field is required."])
    );
    // abebot documents no success body: any JSON is taken, and what is not
    // JSON as it is (nothing as `null`, text as a string).
    let sent = send_text::SendText::read_response(StatusCode::OK, &HeaderMap::new(), b"[1]")
        .expect("sent");
    assert_eq!(sent, serde_json::json!([1]));
    let empty =
        send_text::SendText::read_response(StatusCode::OK, &HeaderMap::new(), b"").expect("sent");
    assert_eq!(empty, serde_json::Value::Null);
    let text =
        send_text::SendText::read_response(StatusCode::OK, &HeaderMap::new(), b"ok").expect("sent");
    assert_eq!(text, serde_json::json!("ok"));
    // Where a body is documented, text that is not it is malformed.
    assert!(matches!(
        meta::SendMessage::read_response(StatusCode::OK, &HeaderMap::new(), b"ok"),
        Err(ProviderError::Malformed(_))
    ));
}

#[test]
fn meta_audio_and_video_have_their_own_rate_limit() {
    let endpoint = <meta::SendMessage as Operation>::ENDPOINT;
    let audio = serde_json::json!({"recipient": {"id": "1"}, "message": {"attachment": {"type": "audio", "payload": {"url": "https://x/a.mp3"}}}});
    assert_eq!(endpoint.rate_limit(&audio), Some(10));
    let text = serde_json::json!({"recipient": {"id": "1"}, "message": {"text": "hi"}});
    assert_eq!(endpoint.rate_limit(&text), Some(300));
    assert_eq!(
        <send_text::SendText as Operation>::ENDPOINT.rate_limit(&text),
        None
    );
}
