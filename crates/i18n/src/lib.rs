//! Latchkey's messages for its Rust programs (the app's tray menu, tooltips and notifications,
//! and the `latchkey` command): the same Fluent files as the window (`ui/locales/<lang>/main.ftl`),
//! compiled in. The language is the `Language` setting, else the OS locale, else English; a
//! message missing in a language falls back to English.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

/// The nine languages and their messages.
pub const SOURCES: [(&str, &str); 9] = [
    ("en", include_str!("../../../ui/locales/en/main.ftl")),
    ("es", include_str!("../../../ui/locales/es/main.ftl")),
    ("fr", include_str!("../../../ui/locales/fr/main.ftl")),
    ("tr", include_str!("../../../ui/locales/tr/main.ftl")),
    ("nl", include_str!("../../../ui/locales/nl/main.ftl")),
    ("it", include_str!("../../../ui/locales/it/main.ftl")),
    ("de", include_str!("../../../ui/locales/de/main.ftl")),
    ("pl", include_str!("../../../ui/locales/pl/main.ftl")),
    ("cs", include_str!("../../../ui/locales/cs/main.ftl")),
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

    /// The message `id`, formatted with the texts `args`; its id when no language has it.
    pub fn text(&self, id: &str, args: &[(&str, &str)]) -> String {
        let args: Vec<(&str, Arg<'_>)> = args.iter().map(|(name, value)| (*name, Arg::Text(value))).collect();
        self.format(id, &args)
    }

    /// The message `id`, formatted with `args` (texts and counts); its id when no language has it.
    pub fn format(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.find(id, args).unwrap_or_else(|| id.to_owned())
    }

    /// The message `id`, formatted with `args`, when there is one (in this language or English).
    pub fn find(&self, id: &str, args: &[(&str, Arg<'_>)]) -> Option<String> {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            match value {
                Arg::Text(text) => fluent_args.set(*name, *text),
                Arg::Count(count) => fluent_args.set(*name, *count),
            }
        }
        [&self.chosen, &self.english].into_iter().find_map(|bundle| {
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
        })
    }
}

/// What a refused request carries (an RFC 9457 problem of either contract), to be worded.
#[derive(Clone, Copy, Debug, Default)]
pub struct Problem<'a> {
    /// The error code (`invalid_code`, `weak_password`, …).
    pub code: &'a str,
    /// The sender's own title, shown when this build has no words for the code.
    pub title: &'a str,
    /// Why a password was refused (`too_short`, …).
    pub reasons: &'a [&'a str],
    pub attempts_remaining: Option<u64>,
    pub retry_after: Option<u64>,
}

impl Messages {
    /// The sentence for a problem, as the window words it (`describe` in `ui/src/main.ts`): the
    /// code's message (else the sender's title), then why, the tries left and when to retry.
    pub fn problem(&self, problem: &Problem<'_>) -> String {
        let mut text = self.find(&format!("error-{}", problem.code), &[]).unwrap_or_else(|| {
            let title = problem.title.trim();
            if title.ends_with(['.', '!', '?']) {
                title.to_owned()
            } else {
                format!("{title}.")
            }
        });
        if !problem.reasons.is_empty() {
            let reasons: Vec<String> =
                problem.reasons.iter().map(|r| self.find(&format!("reason-{r}"), &[]).unwrap_or_else(|| (*r).to_owned())).collect();
            let joined = reasons
                .into_iter()
                .reduce(|first, second| self.text("reasons-and", &[("first", &first), ("second", &second)]))
                .unwrap_or_default();
            text = format!("{text} {}", self.text("not-accepted-because", &[("reasons", &joined)]));
        }
        if let Some(count) = problem.attempts_remaining {
            text = format!("{text} {}", self.format("tries-left", &[("count", Arg::Count(count))]));
        }
        if let Some(seconds) = problem.retry_after {
            text = format!("{text} {}", self.format("retry-in", &[("seconds", Arg::Count(seconds))]));
        }
        text
    }
}

/// A message argument: a text, or a number that selects a plural form.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Text(&'a str),
    Count(u64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(text: &'a str) -> Self {
        Arg::Text(text)
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
        assert_eq!(german.find("no-such-message", &[]), None);
        assert_eq!(german.format("entitlement-offline-days", &[("days", Arg::Count(1))]), "Noch einen Tag offline nutzbar");
        assert_eq!(german.format("entitlement-offline-days", &[("days", Arg::Count(3))]), "Noch 3 Tage offline nutzbar");
    }

    #[test]
    fn a_problem_reads_as_in_the_window() {
        let english = Messages::new("en");
        let weak = Problem {
            code: "weak_password",
            title: "Weak password",
            reasons: &["too_short", "common", "contains_email"],
            ..Problem::default()
        };
        assert_eq!(
            english.problem(&weak),
            "Choose a stronger password. Not accepted because it is too short and it is a commonly used password and it contains your email address."
        );
        let code = Problem { code: "invalid_code", title: "Invalid code", attempts_remaining: Some(2), ..Problem::default() };
        assert_eq!(english.problem(&code), "That code is not right. 2 tries left.");
        let unknown = Problem { code: "from_a_newer_server", title: "A newer refusal", retry_after: Some(30), ..Problem::default() };
        assert_eq!(english.problem(&unknown), "A newer refusal. Try again in 30 seconds.");
    }
}
