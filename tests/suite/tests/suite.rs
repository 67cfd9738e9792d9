//! Every case of every Test Suite schema the generator accepts gets the
//! suite's verdict from the generated types.

use dmforge_runtime::Context;
use dmforge_suite::generated::SCHEMAS;
use dmforge_suite::{CASES, GROUPS, REFUSED};

#[test]
fn generated_types_agree_with_every_case_of_every_accepted_schema() {
    let mut wrong = Vec::new();
    for case in CASES {
        let schema = SCHEMAS
            .iter()
            .find(|s| s.id == case.id)
            .unwrap_or_else(|| panic!("{} was not generated", case.id));
        let mut cx = Context::now();
        let parsed = (schema.check)(case.data.as_bytes(), &mut cx);
        let valid = parsed.is_ok() && cx.is_clean();
        if valid != case.valid {
            let found = cx
                .into_violations()
                .into_iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>();
            wrong.push(format!(
                "{} [{}] {}: suite says valid={}, dmforge {found:?}",
                case.id, case.description, case.data, case.valid
            ));
        }
    }
    for (prefix, groups) in GROUPS {
        let accepted = SCHEMAS
            .iter()
            .filter(|s| s.id.starts_with(&format!("{prefix}/")))
            .count();
        let cases = CASES
            .iter()
            .filter(|c| c.id.starts_with(&format!("{prefix}/")))
            .count();
        println!(
            "{prefix}: {accepted} of {groups} groups accepted, every case agreeing ({cases} cases)"
        );
    }
    println!(
        "{} schemas accepted ({} cases), {} refused",
        SCHEMAS.len(),
        CASES.len(),
        REFUSED.len()
    );
    assert!(
        wrong.is_empty(),
        "{} of {} cases disagree:\n{}",
        wrong.len(),
        CASES.len(),
        wrong.join("\n")
    );
    // Fewer than this means the generator refuses something it used to honour.
    let accepted = |prefix: &str| {
        SCHEMAS
            .iter()
            .filter(|s| s.id.starts_with(&format!("{prefix}/")))
            .count()
    };
    assert!(
        accepted("d2020") >= 360,
        "only {} draft 2020-12 groups",
        accepted("d2020")
    );
    assert!(
        accepted("d7") >= 255,
        "only {} draft 7 groups",
        accepted("d7")
    );
}

#[test]
fn every_refused_schema_says_why() {
    for (id, reason) in REFUSED {
        assert!(!reason.is_empty(), "{id} refused without a reason");
    }
}
