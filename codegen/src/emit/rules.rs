//! Object rules (required members, conditionals, counts, time windows) as
//! statements over an object's members. The same rule is emitted twice:
//! over a partial value while parsing (`p.member` is a `Slot`) and over a
//! finished value when validating (`self.member` is a value or an
//! `Option`); [`Access`] says how to ask "is it present?" and "what valid
//! value does it hold?" in each.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{ident, Emitter};
use crate::ir::{Condition, Effects, Field, FieldType, ObjectRule, TypeKind};

#[derive(Clone, Copy)]
pub enum Access {
    /// `p.member`, a `Slot`.
    Partial,
    /// `self.member`: the value when required, an `Option` when not.
    Built,
}

/// One part of a check's condition: known true, known false, or a test
/// (with its negation written the way a reader, and clippy, expect).
#[derive(Clone)]
enum Guard {
    True,
    False,
    Test { yes: TokenStream, no: TokenStream },
}

impl Guard {
    fn not(&self) -> Guard {
        match self {
            Guard::True => Guard::False,
            Guard::False => Guard::True,
            Guard::Test { yes, no } => Guard::Test {
                yes: no.clone(),
                no: yes.clone(),
            },
        }
    }
}

/// `if part && part … { body }`; nothing when a part is known false.
fn guarded(parts: &[Guard], body: TokenStream) -> TokenStream {
    if parts.iter().any(|g| matches!(g, Guard::False)) {
        return quote!();
    }
    let tests: Vec<&TokenStream> = parts
        .iter()
        .filter_map(|g| match g {
            Guard::Test { yes, .. } => Some(yes),
            _ => None,
        })
        .collect();
    if tests.is_empty() {
        body
    } else {
        quote! {
            if #(#tests)&&* {
                #body
            }
        }
    }
}

impl Access {
    fn present(&self, field: &Field) -> Guard {
        let name = ident(&field.rust);
        match self {
            Access::Partial => Guard::Test {
                yes: quote!(p.#name.present()),
                no: quote!(!p.#name.present()),
            },
            Access::Built if field.required => Guard::True,
            Access::Built => Guard::Test {
                yes: quote!(self.#name.is_some()),
                no: quote!(self.#name.is_none()),
            },
        }
    }

    /// Whether the object in `field` has member `inner_wire`, as
    /// `Option<bool>` (`None` when `field` is absent or not an object).
    /// While parsing this is read from the keys sent, so it holds even when
    /// the member object is itself invalid, as the schema engine sees it.
    fn nested_has(&self, field: &Field, inner: &Ident, inner_wire: &str) -> TokenStream {
        match self {
            Access::Partial => {
                let keys = keys_ident(field);
                quote!(p.#keys.as_ref().map(|keys| keys.iter().any(|k| k == #inner_wire)))
            }
            Access::Built => {
                let value = self.value(field);
                quote!(#value.map(|inner| inner.#inner.is_some()))
            }
        }
    }

    fn value(&self, field: &Field) -> TokenStream {
        let name = ident(&field.rust);
        match self {
            Access::Partial => quote!(p.#name.value()),
            Access::Built if field.required => quote!(Some(&self.#name)),
            Access::Built => quote!(self.#name.as_ref()),
        }
    }
}

/// `missing required property` checks for `required` members.
pub fn required(
    access: Access,
    fields: &[Field],
    required: impl IntoIterator<Item = String>,
) -> TokenStream {
    let checks = required.into_iter().filter_map(|wire| {
        let field = Emitter::field(fields, &wire)?;
        let message = dmforge_runtime::describe::missing(&wire);
        Some(guarded(
            &[access.present(field).not()],
            quote!(cx.fail(at, "required", #message);),
        ))
    });
    quote!(#(#checks)*)
}

/// Statements for every rule; `members` is the count of keys sent (only
/// meaningful while parsing).
pub fn object_rules(
    emitter: &Emitter<'_>,
    access: Access,
    fields: &[Field],
    rules: &[ObjectRule],
) -> TokenStream {
    let statements = rules.iter().map(|rule| match rule {
        ObjectRule::AnyOfRequired(members) => {
            let absent: Vec<Guard> = members
                .iter()
                .filter_map(|m| Emitter::field(fields, m))
                .map(|f| access.present(f).not())
                .collect();
            let message = dmforge_runtime::describe::none_of(members);
            guarded(&absent, quote!(cx.fail(at, "anyOf", #message);))
        }
        ObjectRule::DependentRequired { trigger, required } => {
            let Some(trigger_field) = Emitter::field(fields, trigger) else {
                return quote!();
            };
            let when = access.present(trigger_field);
            let checks = required.iter().filter_map(|r| {
                let missing = access.present(Emitter::field(fields, r)?).not();
                let message = dmforge_runtime::describe::dependent(trigger, r);
                Some(guarded(
                    &[when.clone(), missing],
                    quote!(cx.fail(at, "dependentRequired", #message);),
                ))
            });
            quote!(#(#checks)*)
        }
        ObjectRule::PropertyCount { min, max } => {
            let count = match access {
                Access::Partial => quote!(),
                Access::Built => {
                    let present = fields.iter().map(|f| match access.present(f) {
                        Guard::Test { yes, .. } => yes,
                        Guard::True => quote!(true),
                        Guard::False => quote!(false),
                    });
                    quote! {
                        let members = [#(#present),*].into_iter().filter(|present| *present).count();
                    }
                }
            };
            let max = max.map(|n| quote!(__rt::check::max_properties(cx, at, members, #n);));
            let min = min.map(|n| quote!(__rt::check::min_properties(cx, at, members, #n);));
            quote!(#count #max #min)
        }
        ObjectRule::TimeWindow(spec) => {
            let (Some(from), Some(to)) = (Emitter::field(fields, &spec.from), Emitter::field(fields, &spec.to)) else {
                return quote!();
            };
            let FieldType::Named(time_type) = from.ty else { return quote!() };
            if !matches!(emitter.def(time_type).kind, TypeKind::Struct(_)) {
                return quote!();
            }
            let time_type = emitter.type_ident(time_type);
            let (from, to) = (access.value(from), access.value(to));
            let min = spec.min_minutes;
            quote! {
                let time_of_day = |t: &#time_type| {
                    use __rt::rules::time_window::Whole as _;
                    __rt::rules::time_window::TimeOfDay::new(
                        u8::try_from(t.hour.whole()).ok()?,
                        u8::try_from(t.minute.whole()).ok()?,
                    )
                };
                if let (Some(from), Some(to)) = (#from.and_then(time_of_day), #to.and_then(time_of_day)) {
                    if let Some(message) = __rt::rules::time_window::check(from, to, #min) {
                        cx.fail(at, "timeWindow", message);
                    }
                }
            }
        }
        ObjectRule::Conditional {
            when,
            then,
            otherwise,
        } => {
            let condition = condition(emitter, access, fields, when);
            let (holds, fails) = describe(when);
            let then = effects(emitter, access, fields, then, &condition, &holds);
            let otherwise = effects(emitter, access, fields, otherwise, &condition.not(), &fails);
            quote!(#then #otherwise)
        }
    });
    quote!(#(#statements)*)
}

fn condition(emitter: &Emitter<'_>, access: Access, fields: &[Field], when: &Condition) -> Guard {
    let Some(field) = Emitter::field(fields, &when.member) else {
        return Guard::False;
    };
    match &when.values {
        None => access.present(field),
        Some(values) => {
            let value = access.value(field);
            let pattern = value_pattern(emitter, field, values);
            Guard::Test {
                yes: quote!(matches!(#value, Some(#pattern))),
                no: quote!(!matches!(#value, Some(#pattern))),
            }
        }
    }
}

/// A pattern matching a member's value against wire values: enum variants,
/// or string literals through `as_str`.
fn value_pattern(emitter: &Emitter<'_>, field: &Field, values: &[String]) -> TokenStream {
    match &field.ty {
        FieldType::Named(id) if matches!(emitter.def(*id).kind, TypeKind::Enum(_)) => {
            let variants = values.iter().filter_map(|v| emitter.enum_variant(*id, v));
            quote!(#(#variants)|*)
        }
        _ => quote!(#(#values)|*),
    }
}

/// (when the condition holds, when it does not), for messages.
fn describe(when: &Condition) -> (String, String) {
    let member = &when.member;
    match when.values.as_deref() {
        None => (
            format!("when `{member}` is present"),
            format!("without `{member}`"),
        ),
        Some([one]) => (
            format!("when `{member}` is \"{one}\""),
            format!("unless `{member}` is \"{one}\""),
        ),
        Some(many) => {
            let list = many
                .iter()
                .map(|v| format!("\"{v}\""))
                .collect::<Vec<_>>()
                .join(", ");
            (
                format!("when `{member}` is one of {list}"),
                format!("unless `{member}` is one of {list}"),
            )
        }
    }
}

fn effects(
    emitter: &Emitter<'_>,
    access: Access,
    fields: &[Field],
    effects: &Effects,
    when: &Guard,
    described: &str,
) -> TokenStream {
    let mut out = Vec::new();
    for wire in &effects.required {
        let Some(field) = Emitter::field(fields, wire) else {
            continue;
        };
        let message = dmforge_runtime::describe::missing_when(wire, described);
        out.push(guarded(
            &[when.clone(), access.present(field).not()],
            quote!(cx.fail(at, "required", #message);),
        ));
    }
    for wire in &effects.forbidden {
        let Some(field) = Emitter::field(fields, wire) else {
            continue;
        };
        let message = dmforge_runtime::describe::not_allowed(wire, described);
        out.push(guarded(
            &[when.clone(), access.present(field)],
            quote!(cx.fail(&at.key(#wire), __rt::describe::FORBIDDEN, #message);),
        ));
    }
    for (wire, values, rule) in &effects.values {
        let Some(field) = Emitter::field(fields, wire) else {
            continue;
        };
        let value = access.value(field);
        let pattern = value_pattern(emitter, field, values);
        let keyword = rule.keyword();
        let wrong = Guard::Test {
            yes: quote!(!matches!(#value, Some(#pattern))),
            no: quote!(matches!(#value, Some(#pattern))),
        };
        out.push(guarded(
            &[when.clone(), access.present(field), wrong],
            quote! {
                let shown = #value.map_or_else(|| "the value".to_string(), |v| __rt::describe::preview_str(v.as_str()));
                __rt::parse::choice_failed(cx, &at.key(#wire), &shown, &[#(#values),*], #keyword);
            },
        ));
    }
    for (wire, inner) in &effects.nested {
        let Some(field) = Emitter::field(fields, wire) else {
            continue;
        };
        let FieldType::Named(id) = field.ty else {
            continue;
        };
        let TypeKind::Struct(def) = &emitter.def(id).kind else {
            continue;
        };
        for m in &inner.required {
            let Some(name) = Emitter::field(&def.fields, m).map(|f| ident(&f.rust)) else {
                continue;
            };
            let message = dmforge_runtime::describe::missing_when(m, described);
            let has = access.nested_has(field, &name, m);
            let missing = Guard::Test {
                yes: quote!(#has == Some(false)),
                no: quote!(#has != Some(false)),
            };
            out.push(guarded(
                &[when.clone(), missing],
                quote!(cx.fail(&at.key(#wire), "required", #message);),
            ));
        }
        for m in &inner.forbidden {
            let Some(name) = Emitter::field(&def.fields, m).map(|f| ident(&f.rust)) else {
                continue;
            };
            let message = dmforge_runtime::describe::not_allowed(m, described);
            let has = access.nested_has(field, &name, m);
            let present = Guard::Test {
                yes: quote!(#has == Some(true)),
                no: quote!(#has != Some(true)),
            };
            out.push(guarded(
                &[when.clone(), present],
                quote!(cx.fail(&at.key(#wire).key(#m), __rt::describe::FORBIDDEN, #message);),
            ));
        }
    }
    quote!(#(#out)*)
}

/// The partial value's record of which members the object in `field` had.
pub fn keys_ident(field: &Field) -> Ident {
    quote::format_ident!("__keys_{}", field.rust.trim_start_matches("r#"))
}

/// Members whose own members a rule requires or forbids (`nested` effects):
/// parsing records which keys they had.
pub fn nested_targets(rules: &[ObjectRule]) -> Vec<String> {
    let mut targets = Vec::new();
    for rule in rules {
        if let ObjectRule::Conditional {
            then, otherwise, ..
        } = rule
        {
            for (wire, _) in then.nested.iter().chain(&otherwise.nested) {
                if !targets.contains(wire) {
                    targets.push(wire.clone());
                }
            }
        }
    }
    targets
}
