// The Latchkey window: one screen per session state, driven by the agent's status events. Every
// action is a Tauri command of the embedded agent; this file only shows and asks.

import type { About, ConsentAnswer, ConsentView, EntitlementsView, InstallProgress, LocalCatalog, LocalProduct, PasswordPolicy, RememberedApp, SessionState, SettingsScreen, Status, UiError } from "./bindings";
import { countryOptions } from "./countries";
import { has, LANGUAGES, setLanguage, t, translate } from "./i18n";
import { renderMarkdown } from "./markdown";
import { strength } from "./strength";

declare global {
  interface Window {
    __TAURI__: {
      core: { invoke<T>(command: string, args?: Record<string, unknown>): Promise<T> };
      event: { listen<T>(event: string, handler: (event: { payload: T }) => void): Promise<() => void> };
    };
  }
}

const invoke = <T>(command: string, args?: Record<string, unknown>) => window.__TAURI__.core.invoke<T>(command, args);
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/// The sentence for an error: its code's message, then the details the code carries.
function describe(e: UiError): string {
  let text = has(`error-${e.code}`) ? t(`error-${e.code}`) : t("error-unknown", { code: e.code ?? "?" });
  if (e.reasons?.length) {
    const reasons = e.reasons.map((r) => (has(`reason-${r}`) ? t(`reason-${r}`) : r));
    const joined = reasons.reduce((first, second) => t("reasons-and", { first, second }));
    text += ` ${t("not-accepted-because", { reasons: joined })}`;
  }
  if (e.attempts_remaining !== undefined && e.attempts_remaining !== null) text += ` ${t("tries-left", { count: e.attempts_remaining })}`;
  if (e.retry_after) text += ` ${t("retry-in", { seconds: e.retry_after })}`;
  return text;
}

function showError(error: unknown) {
  const e: UiError =
    typeof error === "object" && error !== null && "code" in error
      ? (error as UiError)
      : { code: "unknown", detail: String(error), retry_after: null, attempts_remaining: null, reasons: [] };
  const box = $("error");
  box.textContent = describe(e);
  box.hidden = false;
}

/// Whether `error` is a UiError with `code`.
function isCode(error: unknown, code: UiError["code"]): boolean {
  return typeof error === "object" && error !== null && (error as UiError).code === code;
}

function showMessage(id: string) {
  const box = $("error");
  box.textContent = t(id);
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

/// Runs `action` with `button` marked busy: a request is on its way, and it cannot be sent twice.
async function busy(button: HTMLElement, action: () => Promise<void>) {
  const control = button as HTMLButtonElement;
  control.setAttribute("aria-busy", "true");
  control.disabled = true;
  try {
    await action();
  } finally {
    control.removeAttribute("aria-busy");
    control.disabled = false;
    // Disabling the pressed button drops the focus; a keyboard user carries on from it.
    if (document.activeElement === document.body && !control.closest("[hidden]")) control.focus();
  }
}

/// The form's submit, with its submit button busy while the action runs.
function onSubmit(form: string, action: () => Promise<void>) {
  $(form).addEventListener("submit", (event) => {
    event.preventDefault();
    const button = $(form).querySelector<HTMLElement>("button[type=submit]")!;
    void busy(button, action);
  });
}

const SCREENS = ["first-run", "sign-in", "register", "forgot-email", "forgot-code", "tos", "signed-in", "apps", "settings", "consent", "about"];
/// The screen on show and the message id of its heading (to redraw both in another language).
let current = { screen: "", heading: () => "" };
/// Counts the screens shown, so an answer that arrives after the window moved on can tell.
let shown = 0;
function show(screen: string, heading: () => string) {
  shown += 1;
  for (const id of SCREENS) $(id).hidden = id !== screen;
  $("heading").textContent = heading();
  current = { screen, heading };
  // The first field, or on the Terms their text (read before Accept is offered). A control that
  // cannot take the focus passes it to the next one, so it never stays on the screen just hidden.
  for (const candidate of $(screen).querySelectorAll<HTMLElement>("input:not([disabled]), select:not([disabled]), [tabindex='0'], button:not([disabled])")) {
    candidate.focus();
    if (document.activeElement === candidate) break;
  }
}

function fillSettings(screen: SettingsScreen) {
  const enforced = (key: string) => screen.values[key]?.source === "policy";
  const language = $("language-choice") as HTMLSelectElement;
  const automatic = new Option(t("language-automatic"), "");
  language.replaceChildren(automatic, ...LANGUAGES.map(([code, name]) => new Option(name, code)));
  const chosen = screen.values.Language;
  language.value = chosen && chosen.source !== "default" && typeof chosen.value === "string" ? chosen.value : "";
  language.disabled = enforced("Language");
  const autostart = $("autostart-choice") as HTMLInputElement;
  autostart.checked = screen.values.AutoStart?.value === true;
  autostart.disabled = enforced("AutoStart");
  $("autostart-machine").hidden = !screen.machine_autostart_entry;
  const list = $("settings-list");
  list.replaceChildren();
  for (const [key, setting] of Object.entries(screen.values)) {
    const term = document.createElement("dt");
    term.textContent = t(`setting-${key}`);
    const value = document.createElement("dd");
    value.textContent =
      setting.value === null || setting.value === "" ? t("value-unset") : typeof setting.value === "boolean" ? t(setting.value ? "value-yes" : "value-no") : setting.value;
    if (setting.source === "policy") {
      const enforced = document.createElement("span");
      enforced.className = "enforced";
      enforced.textContent = ` (${t("set-by-organization")})`;
      value.append(enforced);
    }
    list.append(term, value);
  }
  $("settings-problems").replaceChildren(
    ...screen.problems.map((problem) => {
      const item = document.createElement("li");
      item.textContent = problem;
      return item;
    }),
  );
}

async function showSettings() {
  // The programs' list is a part of the screen, not a condition of it: without it, the settings.
  const [screen, consent] = await Promise.all([
    invoke<SettingsScreen>("settings"),
    invoke<ConsentView>("consent_view").catch((error: unknown) => {
      showError(error);
      return null;
    }),
  ]);
  fillSettings(screen);
  fillConsentSettings(consent);
  $("settings-saved").textContent = "";
  $("consent-status").textContent = "";
  show("settings", () => t("heading-settings"));
}

/// The consent part of Settings as last shown (redrawn in another language without asking again).
let consentSettings: ConsentView | null = null;

/// Settings' "Programs allowed to use your sign-in": the mode when it is not to ask, what the
/// organization allows, and each program the user decided about, with Revoke.
function fillConsentSettings(view: ConsentView | null) {
  consentSettings = view;
  const mode = $("consent-mode");
  mode.hidden = !view || view.mode === "prompt";
  mode.textContent = view?.mode === "allow" ? t("consent-mode-allow") : view?.mode === "deny-unknown" ? t("consent-mode-deny-unknown") : "";
  const organization = $("consent-org-allowed");
  const allowed = view?.allowed_apps ?? [];
  organization.hidden = allowed.length === 0;
  organization.replaceChildren();
  if (allowed.length) {
    organization.append(`${t("consent-org-allowed")} `);
    allowed.forEach((entry, index) => {
      if (index) organization.append(", ");
      const code = document.createElement("code");
      code.dir = "ltr";
      code.textContent = plain(entry);
      organization.append(code);
    });
  }
  $("consent-list").replaceChildren(...(view?.remembered ?? []).map(rememberedCard));
  $("consent-empty").hidden = !view || view.remembered.length > 0;
}

function rememberedCard(entry: RememberedApp, index: number): HTMLLIElement {
  const card = document.createElement("li");
  card.dataset.sha256 = entry.app.sha256;
  // The path is what identifies the program; the name is only what it says about itself.
  const path = document.createElement("code");
  path.id = `consent-app-${index}`;
  path.className = "consent-app-path";
  path.dir = "ltr";
  path.textContent = plain(entry.app.path);
  card.append(path);
  if (entry.app.name) card.append(line("hint consent-app-name", t("consent-app-name", { name: nameHint(entry.app.name) })));
  const date = dateTime(entry.decided_at, false);
  const decision = entry.decision === "allowed" ? t("consent-decision-allowed", { date }) : t("consent-decision-denied", { date });
  card.append(line(`hint consent-decision ${entry.decision}`, decision));
  const revoke = document.createElement("button");
  revoke.type = "button";
  revoke.className = "secondary consent-revoke";
  revoke.dataset.sha256 = entry.app.sha256;
  revoke.textContent = t("button-revoke");
  revoke.setAttribute("aria-describedby", path.id); // which program, for a screen reader
  revoke.addEventListener("click", () =>
    busy(revoke, async () => {
      clearError();
      try {
        fillConsentSettings(await invoke<ConsentView>("revoke_app", { sha256: entry.app.sha256 }));
        $("consent-status").textContent = t("consent-revoked");
        // The pressed button is gone: the focus goes to the next program's (or the last one's),
        // or to the list's heading when none is left.
        const buttons = document.querySelectorAll<HTMLElement>("#consent-list .consent-revoke");
        (buttons[Math.min(index, buttons.length - 1)] ?? $("consent-apps-heading")).focus();
      } catch (error) {
        showError(error);
      }
    }),
  );
  card.append(revoke);
  return card;
}

/// A program's path or self-given name as plain text: control and invisible formatting characters
/// (a right-to-left override can make "evil\u202Etxt.exe" read as another name) are spelled out.
function plain(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

/// What a program calls itself, shortened: a hint, and a program chooses it freely.
function nameHint(name: string): string {
  const chars = [...plain(name.trim())];
  return chars.length > 60 ? `${chars.slice(0, 60).join("")}…` : chars.join("");
}

/// The consent screen as last drawn, and the screen a request interrupted (shown again when no
/// program waits any more).
let consentView: ConsentView | null = null;
let beforeConsent: { screen: string; heading: () => string } | null = null;
let consentTimer: ReturnType<typeof setTimeout> | undefined;
const CONSENT_BUTTONS: [string, ConsentAnswer][] = [
  ["consent-allow-once", "allow_once"],
  ["consent-always", "always_allow"],
  ["consent-deny", "deny"],
];
/// The answers take a press only a moment after a request shows: the window pops up on its own,
/// and a click or key meant for what was there before must not answer it.
const CONSENT_ARM_MS = 500;
let consentArmTimer: ReturnType<typeof setTimeout> | undefined;

function enableConsentButtons(enabled: boolean) {
  clearTimeout(consentArmTimer);
  for (const [id] of CONSENT_BUTTONS) $<HTMLButtonElement>(id).disabled = !enabled;
}

/// Presses an answer: every answer waits for the agent (a second press must not answer the next
/// program); when the same request stays (the answer failed), they are offered again at once.
async function pressConsent(id: string, answer: ConsentAnswer) {
  const button = $(id);
  const answered = $("consent").dataset.request;
  enableConsentButtons(false);
  button.setAttribute("aria-busy", "true");
  try {
    await answerConsent(answer);
  } finally {
    button.removeAttribute("aria-busy");
    if (current.screen === "consent" && $("consent").dataset.request === answered) {
      enableConsentButtons(true);
      if (document.activeElement === document.body) button.focus();
    }
  }
}

/// Opens the consent screen on the first program waiting (the app navigates here when one asks).
async function showConsent() {
  try {
    await paintConsent(await invoke<ConsentView>("consent_view"), false);
  } catch (error) {
    showError(error);
  }
}

/// Shows the first waiting request of `view` and how many more wait; with none, either goes back
/// (`leaveWhenDone`: the user answered the last one) or says that none waits. When another request
/// shows, the focus goes to the heading, not to a button, and the answers wait CONSENT_ARM_MS: a
/// key or click meant for something else must not answer it.
async function paintConsent(view: ConsentView, leaveWhenDone: boolean, notice?: string) {
  clearTimeout(consentTimer);
  consentView = view;
  const request = view.pending[0];
  if (!request && leaveWhenDone) return leaveConsent(notice);
  const onScreen = current.screen === "consent";
  if (!onScreen) beforeConsent = { ...current };
  const section = $("consent");
  const drawn = section.dataset.request;
  section.dataset.request = request?.id ?? "";
  $("consent-request").hidden = !request;
  $("consent-none").hidden = !!request;
  $("consent-back").hidden = !!request;
  if (request) {
    $("consent-path").textContent = plain(request.app.path);
    $("consent-sha256").textContent = request.app.sha256.slice(0, 16);
    $("consent-pid").textContent = String(request.pid);
    const name = $("consent-name");
    name.hidden = !request.app.name;
    name.textContent = request.app.name ? t("consent-name", { name: nameHint(request.app.name) }) : "";
    $("consent-expires").textContent = t("consent-expires", { time: timeOfDay(request.expires_at) });
    const more = view.pending.length - 1;
    $("consent-more").hidden = more === 0;
    $("consent-more").textContent = more ? t("consent-more", { count: more }) : "";
    const expires = new Date(request.expires_at).getTime();
    // When it expires, the agent refuses the program: the screen then says so and moves on.
    if (!Number.isNaN(expires)) consentTimer = setTimeout(() => void consentExpired(request.id), Math.min(2 ** 31 - 1, Math.max(2000, expires - Date.now() + 500)));
  }
  if (!onScreen || drawn !== section.dataset.request) {
    if (request) enableConsentButtons(false);
    show("consent", () => (request ? t("heading-consent") : t("heading-consent-none")));
    if (request) {
      $("heading").focus();
      consentArmTimer = setTimeout(() => enableConsentButtons(true), CONSENT_ARM_MS);
    }
  }
  if (notice) showMessage(notice);
}

/// The request on show reached its end without an answer: the next one, or back.
async function consentExpired(id: string) {
  if (current.screen !== "consent" || consentView?.pending[0]?.id !== id) return;
  if (document.querySelector("#consent-request [aria-busy='true']")) return; // the answer's outcome says it
  try {
    const view = await invoke<ConsentView>("consent_view");
    if (current.screen !== "consent" || consentView?.pending[0]?.id !== id) return;
    await paintConsent(view, true, view.pending.some((r) => r.id === id) ? undefined : "consent-expired");
  } catch (error) {
    showError(error);
  }
}

/// Sends the user's answer to the request on show; an expired request is said so and skipped.
async function answerConsent(answer: ConsentAnswer) {
  const request = consentView?.pending[0];
  if (!request) return;
  clearError();
  clearTimeout(consentTimer);
  let view: ConsentView;
  let notice: string | undefined;
  try {
    view = await invoke<ConsentView>("answer_consent", { id: request.id, answer });
  } catch (error) {
    if (!isCode(error, "not_found")) {
      showError(error);
      return;
    }
    notice = "consent-expired";
    try {
      view = await invoke<ConsentView>("consent_view");
    } catch (again) {
      showError(again);
      return;
    }
  }
  await paintConsent(view, true, notice);
}

/// Back to the screen the first request interrupted (refreshed), or to what the session calls for.
async function leaveConsent(notice?: string) {
  clearTimeout(consentTimer);
  const back = beforeConsent;
  beforeConsent = null;
  const signedIn = lastStatus !== null && ["signed_in", "offline"].includes(lastStatus.state);
  try {
    if (back?.screen === "settings") await showSettings();
    else if (back?.screen === "about") await showAbout();
    else if (back?.screen === "apps" && signedIn) await showApps();
    else if (back && flow === "forgot" && ["register", "forgot-email", "forgot-code"].includes(back.screen)) show(back.screen, back.heading);
    else await renderAnswer(invoke<Status>("status"));
  } catch (error) {
    showError(error);
    return;
  }
  if (notice) showMessage(notice);
}

async function showAbout() {
  const about = await invoke<About>("about");
  $("about-version").textContent = t("about-version", { version: about.version });
  $("about-server").textContent = t("about-server", { server: about.backend ?? t("value-unset") });
  $("diagnostics-result").textContent = "";
  show("about", () => t("heading-about"));
}

let forgotEmail = "";
/// A courtesy wait before "send the code again" (the backend's rate limit is the rule; this spares
/// the user a refusal).
const RESEND_WAIT_MS = 60_000;
let resendAt = 0;
/// What "send the code again" does: ask forgot-password again, or register again.
let resend: () => Promise<void> = async () => {};
let flow: "sign-in" | "forgot" = "sign-in";

let lastStatus: Status | null = null;

/// The brand bar's badge: the state of the session at a glance, on every screen.
function showBadge(status: Status) {
  const badge = $("badge");
  badge.hidden = status.backend === null;
  badge.className = `badge ${status.state}`;
  badge.textContent =
    status.state === "signed_in" ? t("heading-signed-in") : status.state === "offline" ? t("badge-offline") : status.state === "tos_required" ? t("heading-terms") : t("tray-not-signed-in");
}

/// Shows the status an action answered with, unless the window moved on while it ran: the status
/// event can show the new state first, and the user act on it, before the answer arrives.
async function renderAnswer(answer: Promise<Status>) {
  const before = shown;
  const status = await answer;
  if (shown === before) await render(status);
  else {
    lastStatus = status;
    showBadge(status);
  }
}

async function render(status: Status) {
  lastStatus = status;
  showBadge(status);
  // The forgot-password flow keeps its screens until it signs the user in.
  const signedInOrTerms: SessionState[] = ["signed_in", "tos_required"];
  if (flow === "forgot" && !signedInOrTerms.includes(status.state)) return;
  if (status.backend === null) {
    show("first-run", () => t("heading-first-run"));
    return;
  }
  switch (status.state) {
    case "tos_required": {
      const tos = status.tos!;
      $("tos-title").textContent = tos.title;
      $("tos-trust-center").hidden = !tos.trust_center_url;
      renderMarkdown(tos.body_markdown, $("tos-body")); // DOM nodes with text only: a document cannot inject markup
      ($("tos-accept") as HTMLButtonElement).disabled = true;
      $("tos-accept").dataset.version = tos.version;
      show("tos", () => t("heading-terms"));
      checkScrolledToEnd();
      break;
    }
    case "signed_in":
    case "offline": {
      const user = status.user!;
      $("welcome").textContent = `${user.first_name} ${user.last_name}`;
      $("initials").textContent = initials(user.first_name, user.last_name);
      $("email").textContent = user.email;
      $("org").textContent = user.org ? t("org", { name: user.org.name }) : t("no-org");
      $("roles").setAttribute("aria-label", t("heading-roles"));
      $("roles").replaceChildren(...user.roles.map((role) => chip(has(`role-${role}`) ? t(`role-${role}`) : role)));
      show("signed-in", () => (status.state === "offline" ? t("heading-offline", { until: dateTime(status.offline_until) }) : t("heading-signed-in")));
      await showEntitlements();
      break;
    }
    default:
      show("sign-in", () => (status.state === "expired" ? t("heading-session-ended") : t("heading-sign-in")));
  }
}

function initials(first: string, last: string): string {
  return [first, last].map((name) => [...name.trim()][0] ?? "").join("").toUpperCase();
}

function chip(text: string): HTMLLIElement {
  const item = document.createElement("li");
  item.textContent = text;
  return item;
}

/// The system's locale (`en-GB`), from the app: the web engine's own says `en-US` regardless.
let systemLocale: string | null = null;

/// The locale for dates: the system's (en-GB) when it speaks the window's language, else that language.
function dateLocale(): string {
  const lang = document.documentElement.lang;
  return systemLocale?.split("-")[0].toLowerCase() === lang ? systemLocale : lang;
}

/// A moment in the user's language and the system's time zone ("5 Dec 2026, 14:30").
function dateTime(iso: string | null, withTime = true): string {
  return moment(iso, withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "long" });
}

/// The time of day of a moment, in the user's language and the system's time zone ("14:30").
function timeOfDay(iso: string): string {
  return moment(iso, { timeStyle: "short" });
}

function moment(iso: string | null, style: Intl.DateTimeFormatOptions): string {
  if (!iso) return "?";
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(dateLocale(), style).format(at);
  } catch {
    return new Intl.DateTimeFormat(document.documentElement.lang, style).format(at); // a locale name the engine does not know
  }
}

/// How much longer the signed entitlements allow offline use, as people say it ("6 more days").
function offlineFor(until: string): string {
  const left = new Date(until).getTime() - Date.now();
  const hour = 3_600_000;
  if (left >= 24 * hour) return t("entitlement-offline-days", { days: Math.floor(left / (24 * hour)) });
  return t("entitlement-offline-hours", { hours: Math.max(1, Math.ceil(left / hour)) });
}

/// The products the user may use: a loading line first, then one card each, or why there are none.
async function showEntitlements() {
  const list = $("entitlements");
  const state = $("entitlements-state");
  list.setAttribute("aria-busy", "true");
  state.textContent = t("entitlements-loading");
  state.hidden = false;
  try {
    const view = await invoke<EntitlementsView>("entitlements");
    list.replaceChildren(
      ...view.entitlements.map((e) => {
        const card = document.createElement("li");
        // People read the product's name; the identifier (what applications check) stays beside it.
        const product = document.createElement("span");
        product.className = "product";
        product.textContent = e.name ?? e.product;
        card.append(product);
        if (e.name) {
          const id = document.createElement("code");
          id.className = "product-id";
          id.textContent = e.product;
          card.append(id);
        }
        if (e.features.length) {
          const features = document.createElement("ul");
          features.className = "chips features";
          features.append(...e.features.map((f) => chip(has(`feature-${f}`) ? t(`feature-${f}`) : f)));
          card.append(features);
        }
        const offline = document.createElement("span");
        offline.className = "hint";
        offline.textContent = offlineFor(view.offline_until);
        offline.title = dateTime(view.offline_until);
        card.append(offline);
        if (e.expires_at) {
          const ends = document.createElement("span");
          ends.className = "hint";
          ends.textContent = t("entitlement-ends", { date: dateTime(e.expires_at, false) });
          card.append(ends);
        }
        return card;
      }),
    );
    state.textContent = view.entitlements.length ? "" : t("entitlements-empty");
    state.hidden = view.entitlements.length > 0;
  } catch (error) {
    state.hidden = true;
    showError(error);
  } finally {
    list.removeAttribute("aria-busy");
  }
}

/// The Applications screen: a card per product the user may have, with what is installed here,
/// what is offered, its release notes and Download and install (with its progress), or why not.
async function showApps() {
  clearError();
  show("apps", () => t("heading-applications"));
  const list = $("apps-list");
  const state = $("apps-state");
  list.replaceChildren(); // never another session's cards while loading
  list.setAttribute("aria-busy", "true");
  state.textContent = t("apps-loading");
  state.hidden = false;
  try {
    const catalog = await invoke<LocalCatalog>("apps");
    list.replaceChildren(...catalog.products.map(appCard));
    state.textContent = catalog.products.length ? "" : t("apps-empty");
    state.hidden = catalog.products.length > 0;
    // An installation started earlier (or by `latchkey install`) carries on showing its progress.
    for (const app of catalog.products) {
      if (watching.has(app.product)) continue;
      invoke<InstallProgress>("install_progress", { product: app.product })
        .then((progress) => {
          if (!FINAL.includes(progress.state)) void watchInstall(progress);
        })
        .catch(() => {}); // none started: nothing to show
    }
  } catch (error) {
    state.hidden = true;
    showError(error);
  } finally {
    list.removeAttribute("aria-busy");
  }
}

function line(className: string, text: string): HTMLElement {
  const element = document.createElement("span");
  element.className = className;
  element.textContent = text;
  return element;
}

function appCard(app: LocalProduct): HTMLLIElement {
  const card = document.createElement("li");
  card.dataset.product = app.product;
  card.append(line("product", app.name ?? app.product));
  if (app.name) card.append(line("product-id", app.product));
  card.append(line("hint installed", app.installed_version ? t("app-installed", { version: app.installed_version }) : t("app-not-installed")));
  const offered = app.available;
  if (app.blocked_by) {
    card.append(line("hint blocked", t(app.blocked_by === "role_required" ? "app-ask-admin" : "app-not-allowed")));
    return card;
  }
  if (!offered) {
    card.append(line("hint", t("app-nothing-here")));
    return card;
  }
  card.append(line("hint available", t("app-available", { version: offered.version })));
  if (offered.notes) {
    const notes = document.createElement("details");
    const summary = document.createElement("summary");
    summary.textContent = t("app-release-notes");
    const body = document.createElement("div");
    renderMarkdown(offered.notes, body); // DOM nodes with text only
    notes.append(summary, body);
    card.append(notes);
  }
  if (!app.update_available) {
    card.append(line("hint", t("app-up-to-date")));
    return card;
  }
  const install = document.createElement("button");
  install.type = "button";
  install.className = "install";
  install.textContent = t(app.installed_version ? "button-update" : "button-install");
  install.addEventListener("click", () =>
    busy(install, async () => {
      clearError();
      try {
        await watchInstall(await invoke<InstallProgress>("install", { product: app.product }));
      } catch (error) {
        showError(error);
      }
    }),
  );
  const progress = document.createElement("div");
  progress.className = "progress";
  progress.hidden = true;
  const bar = document.createElement("progress");
  bar.setAttribute("aria-label", t("heading-applications"));
  const text = line("progress-state", "");
  text.setAttribute("role", "status");
  const cancel = document.createElement("button");
  cancel.type = "button";
  cancel.className = "secondary cancel";
  cancel.textContent = t("button-cancel");
  cancel.addEventListener("click", async () => {
    try {
      await invoke<InstallProgress>("cancel_install", { product: app.product });
    } catch (error) {
      showError(error);
    }
  });
  progress.append(bar, text, cancel);
  card.append(install, progress);
  return card;
}

/// Products whose installation the window is following.
const watching = new Set<string>();
const FINAL = ["installed", "failed", "cancelled"];

/// Follows an installation until it ends, showing its progress on its card.
async function watchInstall(first: InstallProgress) {
  const product = first.product;
  if (watching.has(product)) return;
  watching.add(product);
  let progress = first;
  try {
    paintProgress(progress);
    while (!FINAL.includes(progress.state)) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      progress = await invoke<InstallProgress>("install_progress", { product });
      paintProgress(progress);
    }
  } catch (error) {
    showError(error);
  } finally {
    watching.delete(product);
  }
  if (progress.state === "installed" && current.screen === "apps") {
    await showApps(); // the installed version, from the system
    paintProgress(progress);
  }
}

function paintProgress(progress: InstallProgress) {
  const card = document.querySelector<HTMLElement>(`#apps-list li[data-product="${CSS.escape(progress.product)}"]`);
  if (!card) return;
  const area = card.querySelector<HTMLElement>(".progress");
  if (!area) {
    // A card without an install button (up to date after the installation): its outcome only.
    if (progress.state === "installed" && !card.querySelector(".outcome")) card.append(line("hint outcome", t("install-done")));
    return;
  }
  area.hidden = false;
  const bar = area.querySelector("progress")!;
  bar.max = Math.max(progress.total, 1);
  bar.value = progress.received;
  const active = !FINAL.includes(progress.state);
  (card.querySelector(".install") as HTMLButtonElement).disabled = active;
  area.querySelector<HTMLElement>(".cancel")!.hidden = progress.state !== "downloading";
  const percent = progress.total ? Math.floor((progress.received * 100) / progress.total) : 0;
  const text = area.querySelector<HTMLElement>(".progress-state")!;
  switch (progress.state) {
    case "downloading":
      text.textContent = t("install-downloading", { percent });
      break;
    case "verifying":
      text.textContent = t("install-verifying");
      break;
    case "installing":
      text.textContent = t("install-installing");
      break;
    case "installed":
      text.textContent = t("install-done");
      break;
    case "cancelled":
      text.textContent = t("install-cancelled");
      break;
    case "failed":
      text.textContent = describe({ code: progress.error ?? "internal", detail: progress.detail ?? null, retry_after: null, attempts_remaining: null, reasons: [] });
      break;
  }
  text.className = `progress-state${progress.state === "failed" ? " error" : ""}`;
}

function checkScrolledToEnd() {
  const body = $("tos-body");
  if (body.scrollTop + body.clientHeight >= body.scrollHeight - 4) ($("tos-accept") as HTMLButtonElement).disabled = false;
}

function value(id: string) {
  return ($(id) as HTMLInputElement).value;
}

let policy: PasswordPolicy | null = null;

/// The policy's rules, each marked as met or not by the password typed so far, and its strength.
function checkPassword() {
  const password = value("new-password");
  const score = strength(password, policy?.min_length ?? 12);
  ($("strength") as HTMLMeterElement).value = score;
  $("strength-text").textContent = password ? t(`strength-${score}`) : "";
  if (!policy) return;
  const length = [...password].length;
  const local = forgotEmail.split("@")[0]?.toLowerCase() ?? "";
  const rules: [string, boolean | null][] = [[t("policy-rule-length", { min: policy.min_length, max: policy.max_length }), length >= policy.min_length && length <= policy.max_length]];
  if (policy.rejects_email) rules.push([t("policy-rule-email"), local.length > 0 && password.length > 0 && !password.toLowerCase().includes(local)]);
  if (policy.rejects_common) rules.push([t("policy-rule-common"), null]); // only the server knows the list
  $("policy-rules").replaceChildren(
    ...rules.map(([text, met]) => {
      const item = document.createElement("li");
      item.textContent = text;
      item.className = met === true ? "met" : "unmet";
      return item;
    }),
  );
}

async function showCodeScreen(heading: string) {
  // A code or password typed in an earlier attempt must not linger into this one.
  for (const id of ["code-input", "new-password"]) ($(id) as HTMLInputElement).value = "";
  show("forgot-code", () => t(heading));
  policy = await invoke<PasswordPolicy>("password_policy");
  $("policy").textContent = t("policy-hint", { min: policy.min_length });
  checkPassword();
}

/// Redraws everything in `lang` (a live switch from the tray or the settings screen).
function applyLanguage(lang: string) {
  setLanguage(lang);
  translate();
  const country = value("register-country");
  $("register-country").replaceChildren(...countryOptions(lang, t("country-choose")));
  ($("register-country") as HTMLSelectElement).value = country;
  $("heading").textContent = current.heading();
  if (lastStatus) showBadge(lastStatus);
  if (current.screen === "settings") {
    void invoke<SettingsScreen>("settings").then(fillSettings);
    fillConsentSettings(consentSettings);
  } else if (current.screen === "consent" && consentView) void paintConsent(consentView, false);
  else if (current.screen === "about") void showAbout();
  else if (current.screen === "apps") void showApps();
  else if (current.screen === "forgot-code") checkPassword();
  else if (lastStatus && ["signed-in", "tos"].includes(current.screen)) void render(lastStatus);
}

/// Opens the screen the tray or a second launch asked for.
async function navigate(fragment: string) {
  const screen = fragment.replace(/^#/, "");
  clearError();
  if (screen === "about") return showAbout();
  if (screen === "apps") return showApps();
  if (screen === "consent") return showConsent();
  if (screen === "sign-in") {
    flow = "sign-in";
    return render(await invoke<Status>("status"));
  }
}

async function main() {
  // Each question to the app is a round trip: the first screen's go out together, so the window
  // opens in the time of the slowest rather than of their sum.
  const asked = Promise.all([invoke<string | null>("system_locale").catch(() => null), invoke<string>("language")]);
  const listening = Promise.all([
    window.__TAURI__.event.listen<Status>("status", (event) => {
      // Settings and About stay open while the session changes underneath (a setting saved there
      // announces a new status): only the badge follows; their Back button shows the new state.
      // Applications stays open while the session stays signed in (a refresh announces a status);
      // a program's request stays until answered (Back from it shows the state).
      const signedIn = ["signed_in", "offline"].includes(event.payload.state);
      if (["settings", "about", "consent"].includes(current.screen) || (current.screen === "apps" && signedIn)) {
        lastStatus = event.payload;
        showBadge(event.payload);
      } else void render(event.payload);
    }),
    window.__TAURI__.event.listen<string>("language", (event) => applyLanguage(event.payload)),
    window.__TAURI__.event.listen<string>("navigate", (event) => void navigate(event.payload)),
  ]);
  onSubmit("sign-in", async () => {
    clearError();
    try {
      await renderAnswer(invoke<Status>("sign_in", { email: value("sign-in-email"), password: value("sign-in-password") }));
    } catch (error) {
      showError(error);
    }
  });
  $("show-password").addEventListener("change", () => {
    ($("sign-in-password") as HTMLInputElement).type = ($("show-password") as HTMLInputElement).checked ? "text" : "password";
  });
  $("forgot-link").addEventListener("click", () => {
    clearError();
    flow = "forgot";
    ($("forgot-email-input") as HTMLInputElement).value = value("sign-in-email");
    show("forgot-email", () => t("heading-forgot"));
  });
  $("register-link").addEventListener("click", () => {
    clearError();
    flow = "forgot"; // registering ends, like forgot password, with a code and a new password
    ($("register-email") as HTMLInputElement).value = value("sign-in-email");
    show("register", () => t("heading-register"));
  });
  const sendRegistration = async () => {
    clearError();
    try {
      await invoke("register", {
        email: forgotEmail,
        firstName: value("register-first-name"),
        lastName: value("register-last-name"),
        country: value("register-country"),
      });
      resendAt = Date.now() + RESEND_WAIT_MS;
      await showCodeScreen("heading-register");
    } catch (error) {
      showError(error);
    }
  };
  onSubmit("register", async () => {
    forgotEmail = value("register-email").trim();
    resend = sendRegistration;
    await sendRegistration();
  });
  $("nav-settings").addEventListener("click", () => void showSettings());
  $("nav-about").addEventListener("click", () => void showAbout());
  $("open-apps").addEventListener("click", () => void showApps());
  for (const [id, answer] of CONSENT_BUTTONS) $(id).addEventListener("click", () => void pressConsent(id, answer));
  $("consent-back").addEventListener("click", () => {
    clearError();
    void leaveConsent();
  });
  $("export-diagnostics").addEventListener("click", async () => {
    try {
      const path = await invoke<string>("export_diagnostics");
      $("diagnostics-result").textContent = t("diagnostics-saved", { path });
    } catch (error) {
      showError(error);
    }
  });
  for (const back of document.querySelectorAll(".to-status")) {
    back.addEventListener("click", async () => {
      clearError();
      await renderAnswer(invoke<Status>("status"));
    });
  }
  for (const back of document.querySelectorAll(".back")) {
    back.addEventListener("click", async () => {
      clearError();
      flow = "sign-in";
      await renderAnswer(invoke<Status>("status"));
    });
  }
  const sendCode = async () => {
    clearError();
    try {
      await invoke("forgot_password", { email: forgotEmail });
      resendAt = Date.now() + RESEND_WAIT_MS;
      await showCodeScreen("heading-forgot");
    } catch (error) {
      showError(error);
    }
  };
  onSubmit("forgot-email", async () => {
    forgotEmail = value("forgot-email-input").trim();
    resend = sendCode;
    await sendCode();
  });
  $("resend").addEventListener("click", async () => {
    const wait = Math.ceil((resendAt - Date.now()) / 1000);
    if (wait > 0) return showError({ code: "rate_limited", detail: null, retry_after: wait, attempts_remaining: null, reasons: [] });
    await resend();
  });
  $("code-input").addEventListener("input", () => {
    // A pasted code may carry spaces or dashes: keep the digits.
    const input = $("code-input") as HTMLInputElement;
    const digits = input.value.replace(/[\s-]/g, "");
    if (/^\d{8}$/.test(digits)) input.value = digits;
  });
  $("new-password").addEventListener("input", checkPassword);
  onSubmit("first-run", async () => {
    clearError();
    try {
      await renderAnswer(invoke<Status>("set_server", { url: value("server-url") }));
    } catch (error) {
      showError(error);
    }
  });
  $("language-choice").addEventListener("change", async () => {
    clearError();
    try {
      await invoke<string>("set_language", { language: value("language-choice") || null });
      $("settings-saved").textContent = t("setting-saved");
    } catch (error) {
      showError(error);
    }
  });
  $("autostart-choice").addEventListener("change", async () => {
    clearError();
    try {
      fillSettings(await invoke<SettingsScreen>("set_autostart", { enabled: ($("autostart-choice") as HTMLInputElement).checked }));
      $("settings-saved").textContent = t("setting-saved");
    } catch (error) {
      showError(error);
      fillSettings(await invoke<SettingsScreen>("settings"));
    }
  });
  onSubmit("forgot-code", async () => {
    clearError();
    const password = value("new-password");
    try {
      await invoke("reset_password", { email: forgotEmail, code: value("code-input").trim(), newPassword: password });
      flow = "sign-in";
      await renderAnswer(invoke<Status>("sign_in", { email: forgotEmail, password }));
    } catch (error) {
      showError(error);
    }
  });
  $("tos-body").addEventListener("scroll", checkScrolledToEnd);
  $("tos-trust-center").addEventListener("click", () => void invoke("open_trust_center").catch(showError));
  $("tos-accept").addEventListener("click", async () => {
    clearError();
    try {
      await renderAnswer(invoke<Status>("accept_tos", { version: $("tos-accept").dataset.version }));
    } catch (error) {
      showError(error);
    }
  });
  $("tos-decline").addEventListener("click", async () => {
    await renderAnswer(invoke<Status>("decline_tos"));
    showMessage("terms-declined");
  });
  $("sign-out").addEventListener("click", () =>
    busy($("sign-out"), async () => {
      clearError();
      try {
        await renderAnswer(invoke<Status>("sign_out"));
      } catch (error) {
        showError(error);
      }
    }),
  );
  const [locale, language] = await asked;
  systemLocale = locale;
  applyLanguage(language);
  // Asked once the listeners are in place, so no status announced meanwhile is older than it.
  await listening;
  await render(await invoke<Status>("status"));
  if (location.hash) await navigate(location.hash.slice(1));
  requestAnimationFrame(() => requestAnimationFrame(() => void invoke("painted", { pageMs: Math.round(performance.now()) })));
}

void main();

export {};
