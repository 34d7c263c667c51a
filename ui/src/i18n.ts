// The window's messages: the same Fluent files the Rust side reads (ui/locales/<lang>/main.ftl),
// bundled as text. `translate()` fills every element with a `data-l10n-id`; `t()` formats one
// message for code. A missing message falls back to English, never to a blank.

import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import { LANGUAGES } from "./bindings";
import cs from "../locales/cs/main.ftl";
import de from "../locales/de/main.ftl";
import en from "../locales/en/main.ftl";
import es from "../locales/es/main.ftl";
import fr from "../locales/fr/main.ftl";
import it from "../locales/it/main.ftl";
import nl from "../locales/nl/main.ftl";
import pl from "../locales/pl/main.ftl";
import tr from "../locales/tr/main.ftl";

const SOURCES: Record<string, string> = { en, es, fr, tr, nl, it, de, pl, cs };

/// Each language in its own name, from the product's one table (protocol's `Language`).
export { LANGUAGES };

function bundle(lang: string): FluentBundle {
  const b = new FluentBundle(lang, { useIsolating: false });
  b.addResource(new FluentResource(SOURCES[lang] ?? en));
  return b;
}

const english = bundle("en");
let current = english;

export function setLanguage(lang: string) {
  current = SOURCES[lang] ? bundle(lang) : english;
  document.documentElement.lang = SOURCES[lang] ? lang : "en";
}

export function has(id: string): boolean {
  return current.hasMessage(id) || english.hasMessage(id);
}

export function t(id: string, args?: Record<string, FluentVariable>): string {
  for (const b of [current, english]) {
    const message = b.getMessage(id);
    if (message?.value) return b.formatPattern(message.value, args);
  }
  return id;
}

export function translate(root: ParentNode = document) {
  for (const element of root.querySelectorAll<HTMLElement>("[data-l10n-id]")) {
    element.textContent = t(element.dataset.l10nId!);
  }
}
