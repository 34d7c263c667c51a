//! The Rust side of the app's messages (tray menu, tooltips): the same Fluent files as the window
//! (`ui/locales/<lang>/main.ftl`), compiled in. The language is the `Language` setting, else the
//! OS locale, else English; a message missing in a language falls back to English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The nine languages and their messages.
pub const SOURCES: [(&str, &str); 9] = [
    ("en", include_str!("../../ui/locales/en/main.ftl")),
    ("es", include_str!("../../ui/locales/es/main.ftl")),
    ("fr", include_str!("../../ui/locales/fr/main.ftl")),
    ("tr", include_str!("../../ui/locales/tr/main.ftl")),
    ("nl", include_str!("../../ui/locales/nl/main.ftl")),
    ("it", include_str!("../../ui/locales/it/main.ftl")),
    ("de", include_str!("../../ui/locales/de/main.ftl")),
    ("pl", include_str!("../../ui/locales/pl/main.ftl")),
    ("cs", include_str!("../../ui/locales/cs/main.ftl")),
];

/// The language to show: `setting` (the effective `Language`) when set, else the OS locale's
/// language when it is one of ours, else English.
pub fn choose(setting: Option<&str>, os_locale: Option<&str>) -> &'static str {
    let known = |tag: &str| {
        let primary = tag.split(['-', '_', '.']).next().unwrap_or("").to_ascii_lowercase();
        SOURCES.iter().map(|(lang, _)| *lang).find(|lang| *lang == primary)
    };
    setting.and_then(known).or_else(|| os_locale.and_then(known)).unwrap_or("en")
}

fn bundle(lang: &str) -> FluentBundle<FluentResource> {
    let source = SOURCES.iter().find(|(l, _)| *l == lang).map_or(SOURCES[0].1, |(_, s)| *s);
    let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
    let mut bundle = FluentBundle::new_concurrent(vec![lang.parse().unwrap_or_default()]);
    bundle.set_use_isolating(false);
    let _ = bundle.add_resource(resource);
    bundle
}

/// The messages of one language, with English behind them.
pub struct Messages {
    pub lang: &'static str,
    chosen: FluentBundle<FluentResource>,
    english: FluentBundle<FluentResource>,
}

impl Messages {
    pub fn new(lang: &'static str) -> Messages {
        Messages { lang, chosen: bundle(lang), english: bundle("en") }
    }

    /// The message `id`, formatted with `args`.
    pub fn text(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        for bundle in [&self.chosen, &self.english] {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned();
            }
        }
        id.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_messages_for_each_language_of_the_product_in_its_order() {
        let codes: Vec<&str> = super::SOURCES.iter().map(|(lang, _)| *lang).collect();
        let product: Vec<&str> = latchkey_protocol::Language::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(codes, product);
    }

    #[test]
    fn the_setting_wins_then_the_os_locale_then_english() {
        assert_eq!(choose(Some("de"), Some("fr_FR.UTF-8")), "de");
        assert_eq!(choose(None, Some("fr_FR.UTF-8")), "fr");
        assert_eq!(choose(None, Some("pt-BR")), "en");
        assert_eq!(choose(None, None), "en");
    }

    #[test]
    fn messages_format_with_arguments_and_fall_back_to_english() {
        let german = Messages::new("de");
        assert_eq!(german.text("tray-open", &[]), "Latchkey öffnen");
        assert_eq!(german.text("tooltip-signed-in", &[("email", "a@b.example")]), "Latchkey – angemeldet als a@b.example");
        assert_eq!(german.text("no-such-message", &[]), "no-such-message");
    }
}
