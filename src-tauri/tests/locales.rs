//! Every locale has every message of the English one, with the same variables; every error code
//! of both contracts has a message; every message the window asks for exists.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};
use latchkey_protocol::local::LocalErrorCode;
use latchkey_protocol::ErrorCode;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn variables(pattern: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression: Expression::Inline(InlineExpression::VariableReference { id }) } = element {
            out.insert(id.name.to_owned());
        }
    }
}

/// message id → its variables, for one locale; panics on a syntax error.
fn messages(lang: &str) -> BTreeMap<String, BTreeSet<String>> {
    let source = std::fs::read_to_string(root().join(format!("ui/locales/{lang}/main.ftl"))).unwrap();
    let resource = fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| panic!("{lang}: {errors:?}"));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let mut vars = BTreeSet::new();
                if let Some(value) = &message.value {
                    variables(value, &mut vars);
                }
                Some((message.id.name.to_owned(), vars))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn every_locale_has_every_message_with_the_same_variables() {
    let english = messages("en");
    for lang in latchkey_protocol::Language::ALL.iter().map(|l| l.code()).filter(|code| *code != "en") {
        let other = messages(lang);
        let missing: Vec<_> = english.keys().filter(|id| !other.contains_key(*id)).collect();
        assert!(missing.is_empty(), "{lang} lacks {missing:?}");
        let extra: Vec<_> = other.keys().filter(|id| !english.contains_key(*id)).collect();
        assert!(extra.is_empty(), "{lang} has messages English does not: {extra:?}");
        for (id, vars) in &english {
            assert_eq!(&other[id], vars, "{lang}: {id} uses other variables than English");
        }
    }
}

#[test]
fn every_error_code_of_both_contracts_has_a_message() {
    let english = messages("en");
    let codes = ErrorCode::ALL.iter().map(|c| c.as_str()).chain(LocalErrorCode::ALL.iter().map(|c| c.as_str()));
    let missing: Vec<_> = codes.filter(|code| !english.contains_key(&format!("error-{code}"))).collect();
    assert!(missing.is_empty(), "no message for {missing:?}");
}

#[test]
fn every_setting_has_a_label() {
    let english = messages("en");
    for key in latchkey_config::Key::ALL {
        assert!(english.contains_key(&format!("setting-{}", key.name())), "no label for {}", key.name());
    }
}

#[test]
fn every_message_the_window_uses_exists() {
    let english = messages("en");
    let html = std::fs::read_to_string(root().join("ui/index.html")).unwrap();
    let script = std::fs::read_to_string(root().join("ui/src/main.ts")).unwrap();
    let mut used = BTreeSet::new();
    for part in html.split("data-l10n-id=\"").skip(1) {
        used.insert(part.split('"').next().unwrap().to_owned());
    }
    for call in ["t(\"", "showMessage(\""] {
        let mut rest = script.as_str();
        while let Some(at) = rest.find(call) {
            // a call of `t`, not of a function whose name ends in `t` (`createElement("li")`)
            let standalone = !rest[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
            let after = &rest[at + call.len()..];
            if standalone {
                used.insert(after.split('"').next().unwrap().to_owned());
            }
            rest = after;
        }
    }
    assert!(used.len() > 25, "{used:?}");
    let missing: Vec<_> = used.iter().filter(|id| !english.contains_key(*id)).collect();
    assert!(missing.is_empty(), "the window asks for {missing:?}");
}

/// The plain text of each message without placeables in `path` (a Fluent file).
fn texts(path: &Path) -> BTreeMap<String, String> {
    let source = std::fs::read_to_string(path).unwrap();
    let resource = fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => {
                let value = message.value.as_ref()?;
                let text: Option<String> = value
                    .elements
                    .iter()
                    .map(|e| match e {
                        PatternElement::TextElement { value } => Some(*value),
                        PatternElement::Placeable { .. } => None,
                    })
                    .collect();
                Some((message.id.name.to_owned(), text?))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_window_names_every_role_as_the_portal_does() {
    for lang in latchkey_protocol::Language::ALL.iter().map(|l| l.code()) {
        let window = texts(&root().join(format!("ui/locales/{lang}/main.ftl")));
        let portal = texts(&root().join(format!("crates/server/locales/{lang}/portal.ftl")));
        let roles: Vec<_> = portal.iter().filter(|(id, _)| id.starts_with("role-") && *id != "role-not-grantable").collect();
        assert!(roles.len() >= 4, "{lang}: the portal names the roles: {roles:?}");
        for (id, name) in roles {
            assert_eq!(window.get(id), Some(name), "{lang}: {id} in the window");
        }
    }
}
