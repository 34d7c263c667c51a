//! The portal's words in the nine languages: `locales/<lang>/portal.ftl`, compiled in and parsed
//! once. A message missing in a language falls back to English; a test checks that none is
//! missing and that every id the pages ask for exists.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use latchkey_protocol::Language;

pub const SOURCES: [(Language, &str); 9] = [
    (Language::En, include_str!("../../locales/en/portal.ftl")),
    (Language::Es, include_str!("../../locales/es/portal.ftl")),
    (Language::Fr, include_str!("../../locales/fr/portal.ftl")),
    (Language::Tr, include_str!("../../locales/tr/portal.ftl")),
    (Language::Nl, include_str!("../../locales/nl/portal.ftl")),
    (Language::It, include_str!("../../locales/it/portal.ftl")),
    (Language::De, include_str!("../../locales/de/portal.ftl")),
    (Language::Pl, include_str!("../../locales/pl/portal.ftl")),
    (Language::Cs, include_str!("../../locales/cs/portal.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<HashMap<Language, Bundle>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(language, source)| {
            // A syntax error drops only the broken message (the test below catches it).
            let resource = FluentResource::try_new((*source).to_owned()).unwrap_or_else(|(resource, _)| resource);
            let mut bundle = FluentBundle::new_concurrent(vec![language.code().parse().unwrap_or_default()]);
            // Isolation marks (U+2068/9) would end up inside attribute values and e-mail addresses.
            bundle.set_use_isolating(false);
            let _ = bundle.add_resource(resource);
            (*language, bundle)
        })
        .collect()
});

/// An argument of a message: text or a number (numbers choose plural forms).
#[derive(Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(text: &'a String) -> Self {
        Arg::Text(text)
    }
}

impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Number(n)
    }
}

/// The messages of one language.
#[derive(Clone, Copy)]
pub struct Texts {
    pub language: Language,
}

impl Texts {
    pub fn new(language: Language) -> Texts {
        Texts { language }
    }

    /// The message `id` without arguments.
    pub fn t(&self, id: &str) -> String {
        self.with(id, &[])
    }

    /// The message `id` with its arguments; the id itself when no language has it (a test keeps
    /// that from shipping).
    pub fn with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent_args.set(*name, FluentValue::from(*text)),
                Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
            }
        }
        for language in [self.language, Language::En] {
            let bundle = &BUNDLES[&language];
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
                if errors.is_empty() {
                    return text.into_owned();
                }
            }
        }
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;

    use super::*;

    fn ids(source: &str) -> BTreeSet<String> {
        let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(_, errors)| panic!("does not parse: {errors:?}"));
        resource
            .entries()
            .filter_map(|entry| match entry {
                fluent_syntax::ast::Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_language_has_every_message_and_parses() {
        let english = ids(SOURCES[0].1);
        for (language, source) in SOURCES {
            let theirs = ids(source);
            let missing: Vec<_> = english.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&english).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{}: missing {missing:?}, unknown {extra:?}", language.code());
        }
    }

    /// Every message id the code asks for (`t("…")`, `with("…"`) exists in English, so a typo
    /// cannot show a raw id to an administrator.
    #[test]
    fn every_id_the_pages_use_exists() {
        let english = ids(SOURCES[0].1);
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/portal");
        let mut used = BTreeSet::new();
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "rs") {
                let code = std::fs::read_to_string(&path).unwrap();
                for opener in [".t(\"", ".with(\""] {
                    for (i, _) in code.match_indices(opener) {
                        let rest = &code[i + opener.len()..];
                        let id = &rest[..rest.find('"').unwrap()];
                        if !id.is_empty() && !id.contains('{') {
                            used.insert(id.to_owned());
                        }
                    }
                }
            }
        }
        assert!(used.len() > 50, "the scan found too few ids: {used:?}");
        let unknown: Vec<_> = used.iter().filter(|id| !english.contains(*id)).collect();
        assert!(unknown.is_empty(), "ids used by the pages but missing in en/portal.ftl: {unknown:?}");
    }

    /// A locale that is a copy of English would pass the test above: most messages must differ
    /// (a few words, such as "Status", are the same in some languages).
    #[test]
    fn every_language_is_translated() {
        let english = Texts::new(Language::En);
        let ids = ids(SOURCES[0].1);
        for (language, _) in &SOURCES[1..] {
            let theirs = Texts::new(*language);
            let args = [
                ("count", Arg::Number(3)),
                ("days", Arg::Number(7)),
                ("minutes", Arg::Number(5)),
                ("min", Arg::Number(15)),
                ("email", Arg::Text("a@b.example")),
                ("domain", Arg::Text("b.example")),
                ("name", Arg::Text("Ann Example")),
                ("file", Arg::Text("users.csv")),
                ("reasons", Arg::Text("…")),
                ("detail", Arg::Text("…")),
                ("code", Arg::Text("internal")),
            ];
            let same: Vec<&String> = ids.iter().filter(|id| theirs.with(id, &args) == english.with(id, &args)).collect();
            assert!(
                same.len() * 10 < ids.len() && !same.contains(&&"heading-users".to_owned()),
                "{}: {} of {} messages are the English text: {same:?}",
                language.code(),
                same.len(),
                ids.len()
            );
        }
    }

    #[test]
    fn plurals_and_arguments_are_filled() {
        let english = Texts::new(Language::En);
        assert_eq!(english.with("imported", &[("count", 1.into())]), "1 user was added and invited.");
        assert_eq!(english.with("imported", &[("count", 3.into())]), "3 users were added and invited.");
        assert_eq!(english.with("signed-in-as", &[("email", "a@b.example".into())]), "Signed in as a@b.example");
        let polish = Texts::new(Language::Pl);
        assert_ne!(polish.with("imported", &[("count", 2.into())]), polish.with("imported", &[("count", 5.into())]));
        let unknown = "no-such-message";
        assert_eq!(english.t(unknown), unknown);
    }
}
