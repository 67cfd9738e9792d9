//! The generated Acme types: parsing checks every rule and reports every
//! violation with its pointer; `validate` does the same in memory.

use dmforge::runtime::parse::check_slice;
use dmforge::runtime::{Context, Validate};
use dmforge_acme_build::send_note::{SendNote, Style};
use dmforge_cli::engine::schema::SchemaValidator;
use dmforge_cli::engine::typed::TypedValidator;
use dmforge_cli::engine::Validator;
use dmforge_cli::report::{check_bytes, Outcome};

fn violations(json: &str) -> Vec<(String, String)> {
    let mut cx = Context::now();
    check_slice::<SendNote>(json.as_bytes(), &mut cx).expect("well-formed JSON");
    cx.into_violations()
        .into_iter()
        .map(|v| (v.pointer, v.rule))
        .collect()
}

/// The generated checker of the Acme schema `id`.
fn typed_schema(id: &str) -> &'static dmforge::runtime::parse::TypedSchema {
    dmforge_acme_build::SCHEMAS
        .iter()
        .find(|s| s.id == id)
        .unwrap_or_else(|| panic!("no schema {id}"))
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(p, r)| (p.to_string(), r.to_string()))
        .collect()
}

#[test]
fn a_valid_note_parses_into_typed_fields() {
    let note: SendNote = serde_json::from_str(
        r#"{"to": "@ada", "note": "hi", "tags": ["a"], "priority": 0.5, "style": "urgent", "send_at": "2026-11-23T10:00:00Z"}"#,
    )
    .expect("valid");
    assert_eq!(note.to, "@ada");
    assert_eq!(note.style, Some(Style::Urgent));
    assert_eq!(note.priority.map(|p| p.get()), Some(0.5));
    assert!(note.validate().is_ok());
}

#[test]
fn every_rule_kind_is_enforced_with_its_pointer() {
    let note = format!(
        r#"{{"to": "ada", "note": "{}", "tags": ["a", "b", "c", "d", "e", "{}"], "priority": 1.5, "send_at": "tomorrow", "style": "loud", "x": 1}}"#,
        "😀".repeat(71),
        "t".repeat(17)
    );
    assert_eq!(
        violations(&note),
        pairs(&[
            ("/note", "maxBytes"),
            ("/priority", "maximum"),
            ("/send_at", "format"),
            ("/style", "enum"),
            ("/tags", "maxItems"),
            ("/tags/5", "maxLength"),
            ("/to", "pattern"),
            ("/x", "additionalProperties"),
        ])
    );
    assert_eq!(
        violations("{}"),
        pairs(&[("", "required"), ("", "required")])
    );
    assert_eq!(
        violations(r#"{"to": 1, "note": []}"#),
        pairs(&[("/note", "type"), ("/to", "type")])
    );
}

#[test]
fn validate_checks_values_built_in_code() {
    use dmforge_acme_build::send_note::{SendNoteNote, SendNoteTags, SendNoteTagsItem};

    // A text over its limit cannot be made: every way in checks its rules.
    let too_long = SendNoteNote::try_from("é".repeat(141)).expect_err("282 bytes");
    assert_eq!(too_long.violations()[0].rule, "maxBytes");
    assert_eq!(too_long.violations()[0].pointer, "");
    let note = SendNote {
        // A pattern is checked at run time: `try_from`.
        to: "@ada".try_into().expect("a handle"),
        note: dmforge::text!("hi"),
        tags: Some(
            SendNoteTags::try_from(vec![dmforge::text!("t0"), dmforge::text!("t1")])
                .expect("two different tags"),
        ),
        priority: None,
        attempt: None,
        retries: None,
        weight: None,
        confidence: None,
        reply_to: None,
        share: None,
        batch: None,
        level: None,
        metadata: None,
        urgency: None,
        labels: None,
        counters: None,
        cc: None,
        reach: None,
        handle: None,
        sender: None,
        signature: None,
        route: None,
        location: None,
        command: None,
        attachment: None,
        contact: None,
        content: None,
        code: None,
        thread: None,
        send_at: None,
        style: None,
    };
    // A number below its minimum cannot be made.
    let low = dmforge_acme_build::send_note::SendNotePriority::try_from(-1.0).expect_err("below 0");
    assert_eq!(low.violations()[0].rule, "minimum");
    // Nor six tags, though each is valid.
    let six: Vec<SendNoteTagsItem> = (0..6)
        .map(|i| SendNoteTagsItem::try_from(format!("t{i}")))
        .collect::<Result<_, _>>()
        .expect("each tag is valid");
    let many = SendNoteTags::try_from(six).expect_err("at most 5");
    assert_eq!(many.violations()[0].rule, "maxItems");
    // `validate` is left the rules across members, of which a note has
    // none: what was made is valid.
    assert!(note.validate().is_ok());
    assert_eq!(note.clone().validated().ok(), Some(note));
}

#[test]
fn deserialize_refuses_a_bad_note_naming_every_violation() {
    let error = serde_json::from_str::<SendNote>(r#"{"to": "ada", "note": ""}"#)
        .expect_err("two rules broken");
    let message = error.to_string();
    assert!(
        message.starts_with(
            "2 violations: /note: 0 characters, at least 1 character required [minLength]; /to:"
        ),
        "{message}"
    );
}

/// The suite dmforge derives from the schema's rules and `examples` runs
/// through both engines: this one call is all a new provider writes.
#[test]
fn the_generated_conformance_suite_passes() {
    let report = dmforge_cli::conformance::run_schema(
        "send_note.schema.json",
        include_str!("../../acme/schemas/send_note.schema.json"),
        typed_schema("send_note"),
        time::OffsetDateTime::now_utc(),
    )
    .expect("the schema can be used");
    assert!(report.cases >= 20, "only {} cases", report.cases);
    assert!(report.failures.is_empty(), "{}", report.failures.join("\n"));
    let outline = dmforge_cli::conformance::run_schema(
        "outline.schema.json",
        include_str!("../../acme/schemas/outline.schema.json"),
        typed_schema("outline"),
        time::OffsetDateTime::now_utc(),
    )
    .expect("the schema can be used");
    assert!(outline.cases >= 10, "only {} cases", outline.cases);
    assert!(
        outline.failures.is_empty(),
        "{}",
        outline.failures.join("\n")
    );
}

#[test]
fn the_types_dmforge_generate_wrote_work_like_the_build_script_ones() {
    use dmforge_acme_build::from_cli::send_note::SendNote as FromCli;
    let note: FromCli = serde_json::from_str(r#"{"to": "@ada", "note": "hi"}"#).expect("valid");
    assert_eq!(note.note, "hi");
    let refused = serde_json::from_str::<FromCli>(r#"{"to": "ada", "note": "hi"}"#)
        .expect_err("`to` must start with @");
    assert!(refused.to_string().contains("/to"), "{refused}");
    note.validate().expect("still valid");
    let ids: Vec<&str> = dmforge_acme_build::from_cli::SCHEMAS
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(
        ids,
        [
            "note_created",
            "outline",
            "problem",
            "send_note",
            "set_status"
        ]
    );
}

/// The Acme schema's two engines: the generated types, and the schema.
fn both_engines() -> (Validator, Validator) {
    let now = time::OffsetDateTime::UNIX_EPOCH;
    let schema = SchemaValidator::compile(
        "send_note.schema.json",
        include_str!("../../acme/schemas/send_note.schema.json"),
        now,
    )
    .expect("compiles");
    (
        Validator::Typed(TypedValidator::new(typed_schema("send_note"), now)),
        Validator::Schema(schema),
    )
}

/// `pointer message [rule]` of each violation of a note with `members`
/// besides `to` and `note`.
fn lines(validator: &Validator, members: &str) -> Vec<String> {
    payload_lines(
        validator,
        &format!(r#"{{"to": "@ada", "note": "hi", {members}}}"#),
    )
}

/// `pointer message [rule]` of each violation of a whole payload.
fn payload_lines(validator: &Validator, payload: &str) -> Vec<String> {
    match check_bytes(payload.as_bytes(), validator) {
        Outcome::Valid => Vec::new(),
        Outcome::Invalid(findings) => findings
            .into_iter()
            .map(|f| {
                format!(
                    "{} {} [{}]",
                    f.violation.pointer, f.violation.message, f.violation.rule
                )
            })
            .collect(),
        Outcome::Unreadable(message) => vec![message],
    }
}

/// An `integer` with no bound is held in an `i64`: both engines refuse,
/// in the same words, a value beyond it, and accept every value within it.
#[test]
fn both_engines_give_integers_beyond_64_bits_one_meaning() {
    let (typed, schema) = both_engines();
    let lines = |validator: &Validator, attempt: &str| {
        lines(validator, &format!(r#""attempt": {attempt}"#))
    };
    for within in ["0", "-9223372036854775808", "9223372036854775807", "3.0"] {
        assert_eq!(lines(&typed, within), Vec::<String>::new(), "{within}");
        assert_eq!(lines(&schema, within), Vec::<String>::new(), "{within}");
    }
    for (beyond, shown) in [
        ("9223372036854775808", "9223372036854775808"),
        // Beyond 64 bits a JSON number is read as an `f64` (serde_json), so
        // the first value below -2^63 it tells apart is -2^63 - 2048.
        ("-9223372036854777856", "-9223372036854777856"),
        ("18446744073709551616", "18446744073709551616"),
        ("1e40", "an integer of 2^127 or more"),
    ] {
        let expected = vec![format!(
            "/attempt {shown} does not fit the field's i64 type \
             (-9223372036854775808 to 9223372036854775807) [type]"
        )];
        assert_eq!(lines(&typed, beyond), expected, "typed, {beyond}");
        assert_eq!(lines(&schema, beyond), expected, "schema, {beyond}");
    }
}

/// OpenAPI's numeric formats choose the Rust type and are checked as
/// ranges, the same way by both engines.
#[test]
fn numeric_formats_choose_the_type_and_both_engines_check_their_range() {
    let note: SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "hi", "retries": 3, "weight": 0.5}"#)
            .expect("valid");
    let retries: Option<i32> = note.retries.map(i32::from);
    let weight: Option<f32> = note.weight;
    assert_eq!((retries, weight), (Some(3), Some(0.5)));

    let (typed, schema) = both_engines();
    for (members, expected) in [
        (r#""retries": 2147483647, "weight": 3.4e38"#, vec![]),
        (
            r#""retries": 2147483648"#,
            vec!["/retries 2147483648 is not a valid int32 (-2147483648 to 2147483647) [format]"],
        ),
        (r#""retries": -1"#, vec!["/retries -1 is less than the minimum 0 [minimum]"]),
        (r#""reply_to": "ada@example.com""#, vec![]),
        (r#""share": 0.07, "batch": 95"#, vec![]),
        (r#""level": 1.0"#, vec![]),
        (r#""level": {"scale": "custom"}"#, vec![]),
        (
            r#""level": "low""#,
            vec![r#"/level "low" is not one of 1, 2.5, "high", null, an object of 1 properties [enum]"#],
        ),
        (r#""share": 0"#, vec!["/share 0 is not greater than 0 [exclusiveMinimum]"]),
        (r#""share": 0.075"#, vec!["/share 0.075 is not a multiple of 0.01 [multipleOf]"]),
        (r#""batch": 100"#, vec!["/batch 100 is not less than 100 [exclusiveMaximum]"]),
        (r#""batch": 7"#, vec!["/batch 7 is not a multiple of 5 [multipleOf]"]),
        (
            r#""reply_to": "ada@@example.com""#,
            vec![r#"/reply_to "ada@@example.com" is not a valid email [format]"#],
        ),
        (
            r#""weight": 3.5e38"#,
            vec!["/weight 350000000000000000000000000000000000000 is not a valid float (at most 3.4028235e38 in magnitude) [format]"],
        ),
    ] {
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(lines(&typed, members), expected, "typed, {members}");
        assert_eq!(lines(&schema, members), expected, "schema, {members}");
    }
}

/// A `float` with a bound is held as the `f64` it was sent as: as an `f32`,
/// 0.99999999 would be 1.0, the exclusive maximum it was checked below.
#[test]
fn a_float_with_a_bound_is_held_as_sent() {
    use dmforge_acme_build::send_note::SendNoteConfidence;
    let note: SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "hi", "confidence": 0.99999999}"#)
            .expect("below 1");
    assert_eq!(note.confidence.map(|c| c.get()), Some(0.99999999));
    let written = serde_json::to_value(&note).expect("writes");
    assert_eq!(written["confidence"], 0.99999999);
    let (typed, schema) = both_engines();
    for (members, expected) in [
        (r#""confidence": 1"#, vec!["/confidence 1 is not less than 1 [exclusiveMaximum]"]),
        (
            r#""confidence": -3.5e38"#,
            vec!["/confidence -350000000000000000000000000000000000000 is not a valid float (at most 3.4028235e38 in magnitude) [format]"],
        ),
    ] {
        let expected: Vec<String> = expected.into_iter().map(String::from).collect();
        assert_eq!(lines(&typed, members), expected, "typed, {members}");
        assert_eq!(lines(&schema, members), expected, "schema, {members}");
    }
    assert!(SendNoteConfidence::try_from(1.0).is_err());
    assert!(SendNoteConfidence::try_from(f64::NAN).is_err());
}

/// Values made in code are checked by the same rules: a number's own
/// (exclusive bounds, multiples) when it is made, a JSON value's by
/// `validate`.
#[test]
fn exclusive_bounds_and_multiples_hold_for_built_values() {
    use dmforge_acme_build::send_note::{SendNoteBatch, SendNoteShare};
    let mut note: SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "hi"}"#).expect("valid");
    note.share = Some(SendNoteShare::try_from(0.3).expect("a multiple of 0.01"));
    note.batch = Some(dmforge::number!(95));
    note.validate().expect("0.3 is a multiple of 0.01, 95 of 5");
    note.level = Some(serde_json::json!(2.5));
    note.validate().expect("2.5 is a level");
    let rule = |refused: dmforge::ValidationErrors| refused.violations()[0].rule.clone();
    assert_eq!(
        SendNoteShare::try_from(0.0).map_err(rule),
        Err("exclusiveMinimum".to_string())
    );
    assert_eq!(
        SendNoteShare::try_from(0.075).map_err(rule),
        Err("multipleOf".to_string())
    );
    assert_eq!(
        SendNoteBatch::try_from(100).map_err(rule),
        Err("exclusiveMaximum".to_string())
    );
    assert_eq!(
        "7".parse::<SendNoteBatch>().map_err(rule),
        Err("multipleOf".to_string())
    );
    note.level = Some(serde_json::json!("low"));
    let rules: Vec<String> = note
        .validate()
        .expect_err("a rule broken")
        .violations()
        .iter()
        .map(|v| format!("{} {}", v.pointer, v.rule))
        .collect();
    assert_eq!(rules, ["/level enum"]);
}

/// A member with no single Rust type (a map of labels named by a pattern)
/// is kept as JSON and checked at run time; one of several types (a number
/// or a name) is an enum of them: both engines report every violation in
/// them, at its pointer, in the same words.
#[test]
fn members_without_one_rust_type_are_checked_alike_by_both_engines() {
    let (typed, schema) = both_engines();
    let valid = [
        r#""metadata": {"team": "ops", "on_call": "ada"}, "thread": 7"#,
        r#""thread": "releases""#,
    ];
    for members in valid {
        assert_eq!(lines(&typed, members), Vec::<String>::new(), "{members}");
        assert_eq!(lines(&schema, members), Vec::<String>::new(), "{members}");
    }
    let cases: &[(&str, &[&str])] = &[
        (
            r#""metadata": {"team": "a string longer than sixteen", "Bad": "x", "n": 1}"#,
            &[
                "/metadata a property name breaks `propertyNames` [propertyNames]",
                "/metadata/team 28 characters, at most 16 characters allowed [maxLength]",
                "/metadata/n expected a string, found a number [type]",
            ],
        ),
        (
            r#""metadata": {"a": "1", "b": "2", "c": "3", "d": "4", "e": "5"}"#,
            &["/metadata 5 properties, at most 4 properties allowed [maxProperties]"],
        ),
        (
            r#""metadata": []"#,
            &["/metadata expected an object, found an array [type]"],
        ),
        (
            r#""thread": 0"#,
            &["/thread 0 is less than the minimum 1 [minimum]"],
        ),
        (
            r#""thread": 1.5"#,
            &["/thread expected a string or an integer, found a number [type]"],
        ),
        (
            r#""thread": "a thread name of thirty chars""#,
            &["/thread 29 characters, at most 20 characters allowed [maxLength]"],
        ),
        (
            r#""thread": null"#,
            &["/thread expected a string or an integer, found null [type]"],
        ),
    ];
    for (members, expected) in cases {
        assert_eq!(lines(&typed, members), *expected, "typed: {members}");
        assert_eq!(lines(&schema, members), *expected, "schema: {members}");
    }
    // Built in code, the same rules hold through `validate`.
    let mut note: SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "hi"}"#).expect("valid");
    note.thread = Some(dmforge_acme_build::send_note::Thread::Integer(
        dmforge::number!(1),
    ));
    note.validate().expect("a thread number");
    let errors = dmforge_acme_build::send_note::SendNoteThreadInteger::try_from(0)
        .expect_err("thread below its minimum");
    assert_eq!(errors.violations()[0].pointer, "");
    assert_eq!(errors.violations()[0].rule, "minimum");
}

/// `"type": ["string", "null"]` is an `Option`: a required member holds
/// `None` for `null`; an optional one tells absent (`None`), `null`
/// (`Some(None)`) and a value apart, and each is written back as it came.
#[test]
fn nullable_members_round_trip_absent_null_and_a_value() {
    use dmforge_acme_build::set_status::SetStatus;
    for (json, status, expires_at, emoji_count) in [
        (
            r#"{"status":"Away","expires_at":"2026-11-23T10:00:00Z","emoji_count":2}"#,
            Some("Away"),
            Some(Some("2026-11-23T10:00:00Z")),
            Some(Some(2)),
        ),
        (
            r#"{"status":null,"expires_at":null,"emoji_count":null}"#,
            None,
            Some(None),
            Some(None),
        ),
        (r#"{"status":null}"#, None, None, None),
    ] {
        let value: SetStatus = serde_json::from_str(json).expect(json);
        assert_eq!(value.status.as_deref(), status, "{json}");
        assert_eq!(
            value.expires_at.as_ref().map(|e| e.as_deref()),
            expires_at,
            "{json}"
        );
        assert_eq!(
            value.emoji_count.map(|c| c.map(i32::from)),
            emoji_count,
            "{json}"
        );
        assert_eq!(serde_json::to_string(&value).expect("writes"), json);
        assert!(value.validate().is_ok());
    }
}

/// Both engines refuse what the nullable members' schemas refuse, in the
/// same words, and in memory `validate` checks the value inside.
#[test]
fn nullable_members_are_checked_alike_by_both_engines() {
    let now = time::OffsetDateTime::UNIX_EPOCH;
    let schema = Validator::Schema(
        SchemaValidator::compile(
            "set_status.schema.json",
            include_str!("../../acme/schemas/set_status.schema.json"),
            now,
        )
        .expect("compiles"),
    );
    let typed = Validator::Typed(TypedValidator::new(typed_schema("set_status"), now));
    let lines = payload_lines;
    let cases: &[(&str, &[&str])] = &[
        (
            r#"{"status": null, "emoji_count": null, "expires_at": null}"#,
            &[],
        ),
        (r#"{}"#, &[" missing required property `status` [required]"]),
        // A list that may be null: its count is checked whatever its items
        // are, as for any list.
        (
            r#"{"status": null, "aliases": ["far too long", "b", "c"]}"#,
            &[
                "/aliases 3 items, at most 2 items allowed [maxItems]",
                "/aliases/0 12 characters, at most 8 characters allowed [maxLength]",
            ],
        ),
        (r#"{"status": null, "aliases": null}"#, &[]),
        (
            r#"{"status": null, "aliases": "b"}"#,
            &["/aliases expected an array or null, found a string [type]"],
        ),
        (
            r#"{"status": 5}"#,
            &["/status expected a string or null, found a number [type]"],
        ),
        (
            r#"{"status": null, "emoji_count": 1.5}"#,
            &["/emoji_count expected an integer or null, found a number [type]"],
        ),
        (
            r#"{"status": null, "emoji_count": 4}"#,
            &["/emoji_count 4 is greater than the maximum 3 [maximum]"],
        ),
        (
            r#"{"status": null, "expires_at": "soon"}"#,
            &["/expires_at \"soon\" is not a valid date-time [format]"],
        ),
        (
            r#"{"status": null, "rank": 3000000000}"#,
            &["/rank 3000000000 is not a valid int32 (-2147483648 to 2147483647) [format]"],
        ),
    ];
    for (payload, expected) in cases {
        assert_eq!(lines(&typed, payload), *expected, "typed: {payload}");
        assert_eq!(lines(&schema, payload), *expected, "schema: {payload}");
    }
    let mut value: dmforge_acme_build::set_status::SetStatus =
        serde_json::from_str(r#"{"status": "ok"}"#).expect("valid");
    // Neither a status over its limit nor a count over its maximum can be
    // made.
    let refused =
        dmforge_acme_build::set_status::SetStatusStatus::try_from("x".repeat(41)).expect_err("41");
    assert_eq!(refused.violations()[0].rule, "maxLength");
    let refused = dmforge_acme_build::set_status::SetStatusEmojiCount::try_from(9).expect_err("9");
    assert_eq!(refused.violations()[0].rule, "maximum");
    value.emoji_count = Some(Some(dmforge::number!(2)));
    assert!(value.validate().is_ok());
}

/// `additionalProperties` with a schema is a typed map beside the named
/// members: each value parsed as its type and checked at its own pointer,
/// by both engines alike, and written back as it came.
#[test]
fn a_map_of_other_members_is_typed() {
    let note: SendNote = serde_json::from_str(
        r#"{"to": "@ada", "note": "hi", "labels": {"team": "ops", "tier": "gold"}}"#,
    )
    .expect("valid");
    let labels = note.labels.as_ref().expect("labels");
    assert_eq!(
        labels
            .additional_properties
            .get("tier")
            .map(|tier| tier.as_str()),
        Some("gold")
    );
    assert_eq!(
        serde_json::to_value(&note).expect("writes")["labels"],
        serde_json::json!({"team": "ops", "tier": "gold"})
    );
    let (typed, schema) = both_engines();
    let cases: &[(&str, &[&str])] = &[
        (
            r#""labels": {"team": "operations", "n": 1}"#,
            &[
                "/labels/n expected a string, found a number [type]",
                "/labels/team 10 characters, at most 8 characters allowed [maxLength]",
            ],
        ),
        (
            r#""labels": {"a": "1", "b": "2", "c": "3", "d": "4"}"#,
            &["/labels 4 properties, at most 3 properties allowed [maxProperties]"],
        ),
    ];
    for (members, expected) in cases {
        let mut found = lines(&typed, members);
        found.sort();
        assert_eq!(found, *expected, "typed: {members}");
        let mut found = lines(&schema, members);
        found.sort();
        assert_eq!(found, *expected, "schema: {members}");
    }
    // In memory, a value too long cannot be made, and the derive counts the
    // members.
    use dmforge_acme_build::send_note::LabelsAdditionalValue;
    assert!(LabelsAdditionalValue::try_from("far too long").is_err());
    let mut note = note;
    if let Some(labels) = note.labels.as_mut() {
        for name in ["x", "y"] {
            labels
                .additional_properties
                .insert(name.into(), dmforge::text!("ok"));
        }
    }
    let errors = note.validate().expect_err("too many labels");
    assert_eq!(errors.violations()[0].pointer, "/labels");
    assert_eq!(errors.violations()[0].rule, "maxProperties");
}

/// An `enum` of integers is a Rust enum whose variants stand for them: read
/// with JSON equality (`2.0` is `2`), written as the integer, refused in the
/// same words by both engines.
#[test]
fn an_integer_enum_is_a_rust_enum() {
    use dmforge_acme_build::send_note::Urgency;
    let note: SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "hi", "urgency": 2.0}"#).expect("valid");
    assert_eq!(note.urgency, Some(Urgency::V2));
    assert_eq!(Urgency::VALUES, &[0, 1, 2]);
    assert_eq!(
        serde_json::to_value(note).expect("writes")["urgency"],
        serde_json::json!(2)
    );
    let (typed, schema) = both_engines();
    for (members, expected) in [
        (
            r#""urgency": 3"#,
            vec!["/urgency 3 is not one of 0, 1, 2 [enum]".to_string()],
        ),
        (
            r#""urgency": "1""#,
            vec![
                "/urgency \"1\" is not one of 0, 1, 2 [enum]".to_string(),
                "/urgency expected an integer, found a string [type]".to_string(),
            ],
        ),
        (r#""urgency": 1"#, Vec::new()),
    ] {
        assert_eq!(lines(&typed, members), expected, "typed: {members}");
        assert_eq!(lines(&schema, members), expected, "schema: {members}");
    }
    // Its JSON Schema (schemars) says integers, not variant names.
    let described =
        serde_json::to_value(dmforge::runtime::schemars::schema_for!(Urgency)).expect("a schema");
    assert_eq!(described["type"], "integer");
    assert_eq!(described["enum"], serde_json::json!([0, 1, 2]));
}

/// `"type": ["integer", "string"]` is an enum with a variant per type,
/// written as the value itself.
#[test]
fn a_list_of_types_is_an_enum_of_them() {
    use dmforge_acme_build::send_note::Thread;
    for (json, thread) in [
        (
            r#"{"to":"@ada","note":"hi","thread":7}"#,
            Thread::Integer(dmforge::number!(7)),
        ),
        (
            r#"{"to":"@ada","note":"hi","thread":"ops"}"#,
            Thread::String(dmforge::text!("ops")),
        ),
    ] {
        let note: SendNote = serde_json::from_str(json).expect(json);
        assert_eq!(note.thread, Some(thread));
        assert_eq!(serde_json::to_string(&note).expect("writes"), json);
    }
}

/// `patternProperties` with `additionalProperties: false` is a typed map of
/// the members whose names match: another name is refused, in parsing, by
/// the schema engine and in memory alike.
#[test]
fn pattern_members_are_a_typed_map() {
    let note: SendNote = serde_json::from_str(
        r#"{"to": "@ada", "note": "hi", "counters": {"x_seen": 3, "x_sent": 1}}"#,
    )
    .expect("valid");
    let counters = note.counters.as_ref().expect("counters");
    assert_eq!(counters.additional_properties.get("x_seen"), Some(&3));
    let (typed, schema) = both_engines();
    let cases: &[(&str, &[&str])] = &[
        (
            r#""counters": {"x_a": -1, "seen": 2}"#,
            &[
                "/counters/seen property `seen` is not defined by the schema [additionalProperties]",
                "/counters/x_a -1 is less than the minimum 0 [minimum]",
            ],
        ),
        (r#""counters": {"x_a": 0}"#, &[]),
    ];
    for (members, expected) in cases {
        let mut found = lines(&typed, members);
        found.sort();
        assert_eq!(found, *expected, "typed: {members}");
        let mut found = lines(&schema, members);
        found.sort();
        assert_eq!(found, *expected, "schema: {members}");
    }
    let mut note = note;
    if let Some(counters) = note.counters.as_mut() {
        counters.additional_properties.insert("seen".into(), 1);
    }
    let errors = note.validate().expect_err("a name outside the pattern");
    assert_eq!(errors.violations()[0].pointer, "/counters/seen");
    assert_eq!(errors.violations()[0].rule, "additionalProperties");
}

/// `contains` with `maxContains` is checked by both engines alike, under
/// the rule jsonschema reports it at, with the bounds.
#[test]
fn contains_counts_are_reported_alike() {
    let (typed, schema) = both_engines();
    let bounds = "/cc from 1 to 1 items must match the `contains` schema [maxContains]";
    for (members, expected) in [
        (r#""cc": ["@ada"]"#, vec![bounds]),
        (r#""cc": ["@ops", "@ops"]"#, vec![bounds]),
        (r#""cc": ["@ops", "@ada"]"#, vec![]),
    ] {
        assert_eq!(lines(&typed, members), expected, "typed: {members}");
        assert_eq!(lines(&schema, members), expected, "schema: {members}");
    }
}

/// An `anyOf` of `required` branches inside a checked JSON value names the
/// members, as the schema engine does.
#[test]
fn alternatives_of_required_members_are_named() {
    let (typed, schema) = both_engines();
    for (members, expected) in [
        (
            r#""reach": {}"#,
            vec!["/reach one of `email`, `phone` is required [anyOf]"],
        ),
        (r#""reach": {"phone": "+1"}"#, vec![]),
    ] {
        assert_eq!(lines(&typed, members), expected, "typed: {members}");
        assert_eq!(lines(&schema, members), expected, "schema: {members}");
    }
}

/// `unevaluatedProperties` and `unevaluatedItems` see what the other
/// keywords evaluated, through `allOf` and `prefixItems`, in both engines alike.
#[test]
fn unevaluated_members_and_items_are_checked_alike() {
    let (typed, schema) = both_engines();
    for (members, expected) in [
        (
            r#""signature": {"name": "Ada", "title": "Dr", "team": "ops"}"#,
            vec!["/signature/team property `team` is not defined by the schema [unevaluatedProperties]"],
        ),
        (r#""signature": {"name": "Ada", "title": "Dr"}"#, vec![]),
        (
            r#""route": ["via", "paris", "london"]"#,
            vec!["/route has items the schema does not define [unevaluatedItems]"],
        ),
        (r#""route": ["via", "paris", "rome"]"#, vec![]),
    ] {
        assert_eq!(lines(&typed, members), expected, "typed: {members}");
        assert_eq!(lines(&schema, members), expected, "schema: {members}");
    }
}

/// An `anyOf`/`oneOf` that nothing matches reports the violations of the
/// alternative its tag selects, else of the closest (the fewest) with a line
/// naming it, in both engines alike.
#[test]
fn alternatives_report_the_closest() {
    let (typed, schema) = both_engines();
    let none = |n: usize, closest: usize, rule: &str, at: &str| {
        format!(
            "{at} matches none of the {n} alternatives; closest: alternative {closest} [{rule}]"
        )
    };
    for (members, expected) in [
        (r#""attachment": {"kind": "image", "url": "a"}"#, vec![]),
        (r#""attachment": {"kind": "document", "name": "a.pdf"}"#, vec![]),
        (
            r#""attachment": {"kind": "image", "url": "https://example.com/a.png"}"#,
            vec!["/attachment/url 25 characters, at most 20 characters allowed [maxLength]".to_string()],
        ),
        // The tag selects the document, whatever the other alternative says.
        (
            r#""attachment": {"kind": "document", "url": "a"}"#,
            vec![
                "/attachment missing required property `name` [required]".to_string(),
                "/attachment/url property `url` is not defined by the schema [additionalProperties]".to_string(),
            ],
        ),
        (r#""contact": "@ada""#, vec![]),
        (r#""contact": {"phone": "+44"}"#, vec![]),
        // No tag: the alternative with the fewest violations.
        (
            r#""contact": {"phone": "1", "x": 1}"#,
            vec![
                none(2, 1, "anyOf", "/contact"),
                "/contact expected a string, found an object [type]".to_string(),
            ],
        ),
        (
            r#""contact": "ada""#,
            vec![
                none(2, 1, "anyOf", "/contact"),
                "/contact \"ada\" does not match `^@` [pattern]".to_string(),
            ],
        ),
    ] {
        let mut found = lines(&typed, members);
        found.sort();
        let mut expected = expected;
        expected.sort();
        assert_eq!(found, expected, "typed: {members}");
        let mut found = lines(&schema, members);
        found.sort();
        assert_eq!(found, expected, "schema: {members}");
    }
}

/// `oneOf` and `anyOf` are Rust enums with JSON Schema's meaning: a value
/// matching two alternatives of a `oneOf` is refused, in parsing, by the
/// schema engine and in memory alike.
#[test]
fn alternatives_are_enums_with_exact_meaning() {
    use dmforge_acme_build::send_note::{Attachment, Code, Image, ImageKind};
    let (typed, schema) = both_engines();
    for (members, expected) in [
        (r#""code": "ab""#, vec![]),
        (r#""code": "xyzw""#, vec![]),
        (
            r#""code": "xy""#,
            vec!["/code matches more than one of the alternatives [oneOf]".to_string()],
        ),
        (
            r#""code": "abcd""#,
            vec![
                "/code 4 characters, at most 3 characters allowed [maxLength]".to_string(),
                "/code matches none of the 2 alternatives; closest: alternative 1 [oneOf]"
                    .to_string(),
            ],
        ),
    ] {
        let mut found = lines(&typed, members);
        found.sort();
        assert_eq!(found, expected, "typed: {members}");
        let mut found = lines(&schema, members);
        found.sort();
        assert_eq!(found, expected, "schema: {members}");
    }
    let note: SendNote = serde_json::from_str(
        r#"{"to": "@ada", "note": "hi", "code": "xyzw", "attachment": {"kind": "image", "url": "a.png"}}"#,
    )
    .expect("valid");
    assert_eq!(
        note.code,
        Some(Code::Extended("xyzw".parse().expect("valid")))
    );
    let mut note = note;
    note.code = Some(Code::Short(dmforge::text!("xy")));
    let errors = note.validate().expect_err("xy is short and extended");
    assert_eq!(errors.violations()[0].pointer, "/code");
    assert_eq!(errors.violations()[0].rule, "oneOf");
    note.code = None;
    // An alternative's members keep their rules too: a long url cannot be
    // made, a short one is valid.
    assert!(dmforge_acme_build::send_note::ImageUrl::try_from("x".repeat(30)).is_err());
    note.attachment = Some(Attachment::Image(Image {
        kind: ImageKind::Image,
        url: dmforge::text!("a.png"),
    }));
    note.validate().expect("valid");
}

/// `uniqueItems` on a list of strings is checked on the typed list, by both
/// engines alike and in memory.
#[test]
fn unique_items_hold_for_typed_lists() {
    let (typed, schema) = both_engines();
    for (members, expected) in [
        (
            r#""tags": ["a", "b", "a"]"#,
            vec!["/tags items are not unique [uniqueItems]"],
        ),
        (r#""tags": ["a", "b"]"#, vec![]),
        // Items of the wrong type are compared too, as JSON (found by the
        // differential test below).
        (
            r#""tags": [1, 1.0]"#,
            vec![
                "/tags items are not unique [uniqueItems]",
                "/tags/0 expected a string, found a number [type]",
                "/tags/1 expected a string, found a number [type]",
            ],
        ),
    ] {
        assert_eq!(lines(&typed, members), expected, "typed: {members}");
        assert_eq!(lines(&schema, members), expected, "schema: {members}");
    }
    // A list whose items must differ: `items!` checks its count at compile
    // time and its items when made; `push` hands back a repeat.
    use dmforge_acme_build::send_note::SendNoteTags;
    let repeated = dmforge::items![SendNoteTags; dmforge::text!("x"), dmforge::text!("x")]
        .expect_err("a repeated tag");
    assert_eq!(repeated.violations()[0].rule, "uniqueItems");
    let mut tags = dmforge::items![SendNoteTags; dmforge::text!("x"), dmforge::text!("y")]
        .expect("different tags");
    let again: dmforge_acme_build::send_note::SendNoteTagsItem = dmforge::text!("x");
    assert_eq!(tags.push(again), Err(dmforge::text!("x")));
    assert_eq!(tags.push(dmforge::text!("z")), Ok(()));
    let mut note: SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "hi"}"#).expect("valid");
    note.tags = Some(tags);
    assert!(note.validate().is_ok());
    let refused = SendNoteTags::try_from(vec![dmforge::text!("a"), dmforge::text!("a")])
        .expect_err("a repeat");
    assert_eq!(refused.violations()[0].rule, "uniqueItems");
}

/// Differential test over Acme's union-heavy payloads (alternatives told
/// apart by tag and by member, overlapping ones, `anyOf`, checked values):
/// random changes must get the same (pointer, rule) set from both engines.
#[test]
fn both_engines_agree_on_mutated_union_heavy_payloads() {
    use dmforge_cli::mutate::{apply, Mutation};
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../acme/schemas/send_note.schema.json"))
            .expect("JSON");
    let mut corpus: Vec<serde_json::Value> =
        schema["examples"].as_array().cloned().unwrap_or_default();
    corpus.push(serde_json::json!({
        "to": "@ada", "note": "hi",
        "attachment": {"kind": "document", "name": "a.pdf"},
        "content": {"text": "hello"}, "contact": {"phone": "+44"}, "code": "xyzw",
        "signature": {"name": "Ada", "title": "Dr"}, "route": ["via", "paris"],
        "reach": {"email": "a@example.com"}, "thread": 3
    }));
    assert!(corpus.len() >= 5);
    let (typed, schema) = both_engines();
    let set =
        |validator: &Validator, bytes: &[u8]| -> std::collections::BTreeSet<(String, String)> {
            match check_bytes(bytes, validator) {
                Outcome::Valid => Default::default(),
                Outcome::Invalid(findings) => findings
                    .into_iter()
                    .map(|f| (f.violation.pointer, f.violation.rule))
                    .collect(),
                Outcome::Unreadable(message) => [(String::new(), message)].into(),
            }
        };
    let config = Config {
        cases: 600,
        failure_persistence: None,
        ..Config::default()
    };
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &[13; 32]);
    let mut runner = TestRunner::new_with_rng(config, rng);
    let strategy = (
        0..corpus.len(),
        proptest::collection::vec(
            (
                any::<usize>(),
                (0..Mutation::COUNT).prop_map(Mutation::from_code),
            ),
            1..4,
        ),
    );
    let result = runner.run(&strategy, |(pick, mutations)| {
        let mut value = corpus[pick].clone();
        for (choice, mutation) in &mutations {
            apply(&mut value, *choice, *mutation);
        }
        let bytes = serde_json::to_vec(&value).expect("serializes");
        prop_assert_eq!(
            set(&schema, &bytes),
            set(&typed, &bytes),
            "{}",
            String::from_utf8_lossy(&bytes)
        );
        Ok(())
    });
    if let Err(error) = result {
        panic!("{error}");
    }
}

/// Alternatives are read in one pass: the members before the one that
/// selects an alternative (the tag, or a member of its own) are kept as
/// text and read again once it is known. Whatever the order of the
/// members, the verdict is the one the schema engine gives, word for word.
#[test]
fn alternatives_read_in_one_pass_agree_whatever_the_order_of_members() {
    let (typed, schema) = both_engines();
    let cases: &[(&str, &[&str])] = &[
        // The tag first, last, and after an unknown member.
        (
            r#""attachment": {"kind": "document", "name": "a.pdf"}"#,
            &[],
        ),
        (
            r#""attachment": {"name": "a.pdf", "kind": "document"}"#,
            &[],
        ),
        (
            r#""attachment": {"name": "much-too-long.pdf", "x": 1, "kind": "document"}"#,
            &[
                "/attachment/name 17 characters, at most 8 characters allowed [maxLength]",
                "/attachment/x property `x` is not defined by the schema [additionalProperties]",
            ],
        ),
        // A tag that selects nothing, and none at all: each is tried.
        (
            r#""attachment": {"name": "a.pdf", "kind": "video"}"#,
            &[
                "/attachment matches none of the 2 alternatives; closest: alternative 2 [oneOf]",
                "/attachment/kind \"video\" is not \"document\" [const]",
            ],
        ),
        (
            r#""attachment": {"name": "a.pdf"}"#,
            &[
                "/attachment matches none of the 2 alternatives; closest: alternative 2 [oneOf]",
                "/attachment missing required property `kind` [required]",
            ],
        ),
        // Not an object at all.
        (
            r#""attachment": [1, {"a": 2}]"#,
            &[
                "/attachment expected an object, found an array [type]",
                "/attachment matches none of the 2 alternatives; closest: alternative 1 [oneOf]",
            ],
        ),
        // A member of its own after a shared one; two at once, in either
        // order, whatever the selected alternative found wrong.
        (r#""content": {"quick": true, "text": "hello"}"#, &[]),
        (
            r#""content": {"quick": 3, "text": "much too long", "image_url": "https://a.example/x.png"}"#,
            &["/content only one of `text`, `image_url` may be given [oneOf]"],
        ),
        (
            r#""content": {"image_url": "https://a.example/x.png", "quick": true, "text": "hi"}"#,
            &["/content only one of `text`, `image_url` may be given [oneOf]"],
        ),
        (
            r#""content": {"quick": true}"#,
            &["/content one of `text`, `image_url` is required [oneOf]"],
        ),
    ];
    for (members, expected) in cases {
        let found = lines(&typed, members);
        assert_eq!(found, lines(&schema, members), "{members}");
        let mut expected: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
        expected.sort();
        let mut sorted = found.clone();
        sorted.sort();
        assert_eq!(sorted, expected, "{members}");
    }
    // A duplicate key is refused wherever it is, before or after the
    // member that selects, or when nothing selects and no alternative is
    // parsed.
    for members in [
        r#""content": {"quick": true, "quick": false}"#,
        r#""content": {"quick": {"a": 1, "a": 2}}"#,
        r#""contact": {"phone": "+44", "phone": "+45"}"#,
        r#""attachment": {"name": "a", "name": "b", "kind": "document"}"#,
        r#""attachment": {"kind": "document", "kind": "document", "name": "a"}"#,
        r#""content": {"quick": true, "text": "a", "quick": false}"#,
        r#""content": {"quick": true, "quick": false, "text": "a"}"#,
    ] {
        let found = lines(&typed, members);
        assert_eq!(found, lines(&schema, members), "{members}");
        assert!(
            found.len() == 1 && found[0].contains("duplicate"),
            "{members}: {found:?}"
        );
    }
}

/// Members read before the one that selects an alternative are read on the
/// payload's own reader, so that nesting too deep is refused wherever the
/// member is (the typed engine answers as the schema engine's reader does).
#[test]
fn nesting_too_deep_is_refused_before_or_after_the_selecting_member() {
    let (typed, schema) = both_engines();
    let deep = format!("{}{}", "[".repeat(140), "]".repeat(140));
    for members in [
        format!(r#""attachment": {{"x": {deep}, "kind": "document", "name": "a"}}"#),
        format!(r#""attachment": {{"kind": "document", "x": {deep}, "name": "a"}}"#),
        format!(r#""content": {{"quick": {deep}, "text": "a"}}"#),
        format!(r#""contact": {{"phone": {deep}}}"#),
    ] {
        let found = lines(&typed, &members);
        assert_eq!(found, lines(&schema, &members), "{members}");
        assert!(
            found.len() == 1 && found[0].contains("recursion limit"),
            "{members}: {found:?}"
        );
    }
}

/// An `allOf` whose branches only declare members is one struct: the
/// members of `party` (by `$ref`) and the role beside it, open to others
/// as the branches are, every rule reported as the schema engine reports
/// it.
#[test]
fn an_all_of_of_member_declarations_is_one_struct() {
    use dmforge_acme_build::send_note::{Role, Sender};
    let sender = Sender {
        name: dmforge::text!("Ada"),
        role: Role::Agent,
        additional_properties: Default::default(),
    };
    assert_eq!(
        serde_json::to_value(&sender).expect("serializes"),
        serde_json::json!({"name": "Ada", "role": "agent"})
    );
    let (typed, schema) = both_engines();
    for (members, expected) in [
        (
            r#""sender": {"name": "Ada", "role": "bot", "x": 1}"#,
            vec![],
        ),
        (
            r#""sender": {"name": "", "role": "chef"}"#,
            vec![
                "/sender/name 0 characters, at least 1 character required [minLength]",
                "/sender/role \"chef\" is not one of \"agent\", \"bot\" [enum]",
            ],
        ),
        (
            r#""sender": {}"#,
            vec![
                "/sender missing required property `name` [required]",
                "/sender missing required property `role` [required]",
            ],
        ),
    ] {
        let mut found = lines(&typed, members);
        assert_eq!(found, lines(&schema, members), "{members}");
        found.sort();
        assert_eq!(found, expected, "{members}");
    }
}

/// An array typed by position is a tuple struct: each item of its own type,
/// the items after the prefix in a list. Both engines report too few items,
/// one too many, an item `items: false` refuses and each item's own rules
/// alike, and a value built in code is checked the same way.
#[test]
fn arrays_typed_by_position_are_tuples() {
    use dmforge_acme_build::send_note::{
        Command, CommandItem0, Location, LocationItem0, LocationItem1,
    };

    let note: SendNote = serde_json::from_str(
        r#"{"to": "@ada", "note": "hi", "location": [51.5, -0.12], "command": ["remove", "ops", "dev"]}"#,
    )
    .expect("valid");
    assert_eq!(
        note.location.as_ref().map(|l| (l.0.get(), l.1.get())),
        Some((51.5, -0.12))
    );
    assert_eq!(
        note.command,
        Some(Command(
            CommandItem0::Remove,
            vec![dmforge::text!("ops"), dmforge::text!("dev")]
        ))
    );
    let json = serde_json::to_value(&note).expect("serializes");
    assert_eq!(json["location"], serde_json::json!([51.5, -0.12]));
    assert_eq!(json["command"], serde_json::json!(["remove", "ops", "dev"]));
    // schemars says the same shape.
    let location =
        serde_json::to_value(dmforge::runtime::schemars::schema_for!(Location)).expect("a schema");
    assert_eq!(location["prefixItems"].as_array().map(Vec::len), Some(2));
    assert_eq!(location["items"], false);
    assert_eq!(location["minItems"], 2);
    let command =
        serde_json::to_value(dmforge::runtime::schemars::schema_for!(Command)).expect("a schema");
    assert_eq!(command["items"]["type"], "string");
    assert_eq!(command["maxItems"], 4);

    let (typed, schema) = both_engines();
    for (members, expected) in [
        (r#""location": [0, 0], "command": ["add"]"#, vec![]),
        (
            r#""location": [91, 0]"#,
            vec!["/location/0 91 is greater than the maximum 90 [maximum]"],
        ),
        (
            r#""location": [0]"#,
            vec!["/location 1 item, at least 2 items required [minItems]"],
        ),
        (
            r#""location": [0, 0, 0]"#,
            vec!["/location/2 `2` is not allowed here [forbidden]"],
        ),
        (
            r#""location": {"lat": 0}"#,
            vec!["/location expected an array, found an object [type]"],
        ),
        (
            r#""command": ["stop", "a", "b", "c", "d"]"#,
            vec![
                "/command 5 items, at most 4 items allowed [maxItems]",
                "/command/0 \"stop\" is not one of \"add\", \"remove\" [enum]",
            ],
        ),
        (
            r#""command": ["add", "much-too-long", 3]"#,
            vec![
                "/command/1 13 characters, at most 10 characters allowed [maxLength]",
                "/command/2 expected a string, found a number [type]",
            ],
        ),
        (
            r#""command": []"#,
            vec!["/command 0 items, at least 1 item required [minItems]"],
        ),
    ] {
        assert_eq!(lines(&schema, members), expected, "schema: {members}");
        assert_eq!(lines(&typed, members), expected, "typed: {members}");
    }

    // An item out of its bounds cannot be made; a count the tuple's
    // owner checks is found by `validate`.
    let refused = LocationItem1::try_from(200.0).expect_err("beyond 180");
    assert_eq!(refused.violations()[0].rule, "maximum");
    let mut note = note;
    note.location = Some(Location(
        LocationItem0::try_from(0.0).expect("a latitude"),
        LocationItem1::try_from(180.0).expect("a longitude"),
    ));
    note.command = Some(Command(
        CommandItem0::Add,
        vec![
            dmforge::text!("a"),
            dmforge::text!("b"),
            dmforge::text!("c"),
            dmforge::text!("d"),
        ],
    ));
    let errors = note.validate().expect_err("out of bounds");
    let found: Vec<(&str, &str)> = errors
        .violations()
        .iter()
        .map(|v| (v.pointer.as_str(), v.rule.as_str()))
        .collect();
    assert_eq!(found, [("/command", "maxItems")]);
}

/// A type that holds itself (an outline's `next`, an outline inside a
/// tuple, an `Option`, an alternative) is boxed once per cycle, at the type
/// the cycle comes back to; lists hold it unboxed. Deep values parse, are
/// checked at every depth alike by both engines, and round-trip.
#[test]
fn types_that_hold_themselves_are_boxed_where_the_cycle_closes() {
    use dmforge_acme_build::outline::{Aside, Outline, Part, Pinned, PinnedItem0, Section};

    let schema_text = include_str!("../../acme/schemas/outline.schema.json");
    let example: serde_json::Value = serde_json::from_str(schema_text).expect("JSON");
    let example = &example["examples"][0];
    let outline: Outline = serde_json::from_value(example.clone()).expect("the example is valid");
    assert_eq!(
        serde_json::to_value(&outline).expect("serializes"),
        *example
    );
    let next: &Outline = outline.next.as_deref().expect("next");
    assert_eq!(next.heading, "Dates");
    let sections: &[Outline] = outline.sections.as_deref().expect("sections");
    assert_eq!(
        sections[1].sections.as_deref().map(<[Outline]>::len),
        Some(1)
    );
    let Some(Some(Aside {
        outline: Some(inner),
    })) = &outline.aside
    else {
        panic!("aside");
    };
    assert_eq!(inner.heading, "Note");
    let Some(Pinned(index, top)) = &outline.pinned else {
        panic!("pinned");
    };
    assert_eq!(index.get(), 1);
    assert_eq!(top.heading, "Top");
    let Some(Part::Section(Section { outline: part, .. })) = &outline.part else {
        panic!("part");
    };
    assert_eq!(part.heading, "Part");

    let now = time::OffsetDateTime::UNIX_EPOCH;
    let schema = Validator::Schema(
        SchemaValidator::compile("outline.schema.json", schema_text, now).expect("compiles"),
    );
    let typed = Validator::Typed(TypedValidator::new(typed_schema("outline"), now));
    // Twelve levels of `next`, the last heading too long; a leaf too long
    // in a part of a pinned outline; a section in a list in an aside.
    let mut deep = serde_json::json!({"heading": "thirteen chars"});
    for _ in 0..12 {
        deep = serde_json::json!({"heading": "h", "next": deep});
    }
    deep["pinned"] =
        serde_json::json!([0, {"heading": "p", "part": {"kind": "leaf", "text": "x".repeat(21)}}]);
    deep["aside"] = serde_json::json!({"outline": {"heading": "a", "sections": [{"heading": ""}]}});
    let payload = deep.to_string();
    // In the order of the text.
    let expected = vec![
        format!(
            "{}/heading 14 characters, at most 12 characters allowed [maxLength]",
            "/next".repeat(12)
        ),
        "/pinned/0 0 is less than the minimum 1 [minimum]".to_string(),
        "/pinned/1/part/text 21 characters, at most 20 characters allowed [maxLength]".to_string(),
        "/aside/outline/sections/0/heading 0 characters, at least 1 character required [minLength]"
            .to_string(),
    ];
    assert_eq!(payload_lines(&schema, &payload), expected);
    assert_eq!(payload_lines(&typed, &payload), expected);

    // Built in code: the box is where the cycle closes; a pinned index
    // below its minimum cannot be made.
    let top = Outline::builder()
        .heading(dmforge::text!("Top"))
        .build()
        .expect("valid");
    let mut last = Outline::builder()
        .heading(dmforge::text!("Dates"))
        .build()
        .expect("valid");
    let refused = PinnedItem0::try_from(0).expect_err("a pinned index of 0");
    assert_eq!(refused.violations()[0].rule, "minimum");
    last.pinned = Some(Pinned(dmforge::number!(1), Box::new(top)));
    let plan = Outline::builder()
        .heading(dmforge::text!("Plan"))
        // The box is the setter's business: it takes the value.
        .next(last)
        .build()
        .expect("valid");
    let written = serde_json::to_value(&plan).expect("writes");
    assert_eq!(written["next"]["pinned"][0], 1);
}

/// A new provider's schema with an `endpoint` block gets what the bundled
/// ones get: its request, and its answers read into their own types, from
/// the build script's types and from those `dmforge generate` wrote alike.
#[test]
fn a_note_is_a_request_and_its_answers_are_typed() {
    use dmforge::runtime::http::{HeaderMap, StatusCode};
    use dmforge::runtime::request::{Credential, ProviderError, Target, ToRequest};

    let note: SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "Lunch at noon?"}"#).expect("valid");
    let request = note
        .to_request(
            &Target::new().parameter("board", "team"),
            &Credential::Token("acme-key".into()),
        )
        .expect("a request");
    assert_eq!(request.uri(), "https://api.acme.test/v2/boards/team/notes");
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok());
    assert_eq!(header("x-acme-key"), Some("acme-key"));
    assert_eq!(header("accept"), Some("application/json"));
    assert_eq!(
        std::str::from_utf8(request.body()).expect("text"),
        r#"{"to":"@ada","note":"Lunch at noon?"}"#
    );

    let created = SendNote::read_response(
        StatusCode::CREATED,
        &HeaderMap::new(),
        br#"{"id": "n-1", "pinned_at": "2026-11-30T10:00:00Z"}"#,
    )
    .expect("created");
    assert_eq!(created.id.to_string(), "n-1");
    let slow = SendNote::read_response(
        StatusCode::BAD_REQUEST,
        &HeaderMap::new(),
        br#"{"code": "SLOW_DOWN", "detail": "Too many notes."}"#,
    )
    .expect_err("refused");
    assert!(slow.is_retryable() && slow.repeat_is_safe());
    let ProviderError::Refused(refusal) = &slow else {
        panic!("{slow:?}");
    };
    assert_eq!(refusal.message.as_deref(), Some("Too many notes."));

    // The files `dmforge generate` wrote make the same request.
    let from_cli: dmforge_acme_build::from_cli::send_note::SendNote =
        serde_json::from_str(r#"{"to": "@ada", "note": "Lunch at noon?"}"#).expect("valid");
    let again = from_cli
        .to_request(
            &Target::new().parameter("board", "team"),
            &Credential::Token("acme-key".into()),
        )
        .expect("a request");
    assert_eq!(again.uri(), request.uri());
    assert_eq!(again.body(), request.body());
    assert_eq!(
        typed_schema("send_note").endpoint.map(|e| e.path),
        Some(Some("/boards/{board}/notes"))
    );
}
