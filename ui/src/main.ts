// The Latchkey window: one screen per session state, driven by the agent's status events. Every
// action is a Tauri command of the embedded agent; this file only shows and asks.

import type { About, EntitlementsView, PasswordPolicy, SettingsScreen, Status, UiError } from "./bindings";
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

function showMessage(id: string) {
  const box = $("error");
  box.textContent = t(id);
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

const SCREENS = ["first-run", "sign-in", "register", "forgot-email", "forgot-code", "tos", "signed-in", "settings", "about"];
/// The screen on show and the message id of its heading (to redraw both in another language).
let current = { screen: "", heading: () => "" };
function show(screen: string, heading: () => string) {
  for (const id of SCREENS) $(id).hidden = id !== screen;
  $("heading").textContent = heading();
  current = { screen, heading };
  // The first field, or on the Terms their text (read before Accept is offered).
  const first = $(screen).querySelector<HTMLElement>("input, select, [tabindex='0'], button:not([disabled])");
  first?.focus();
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
  fillSettings(await invoke<SettingsScreen>("settings"));
  $("settings-saved").textContent = "";
  show("settings", () => t("heading-settings"));
}

async function showAbout() {
  const about = await invoke<About>("about");
  $("about-version").textContent = t("about-version", { version: about.version });
  $("about-server").textContent = t("about-server", { server: about.backend ?? t("value-unset") });
  $("diagnostics-result").textContent = "";
  show("about", () => t("heading-about"));
}

let forgotEmail = "";
let resendAt = 0;
/// What "send the code again" does: ask forgot-password again, or register again.
let resend: () => Promise<void> = async () => {};
let flow: "sign-in" | "forgot" = "sign-in";

let lastStatus: Status | null = null;

async function render(status: Status) {
  lastStatus = status;
  if (flow === "forgot" && !["signed_in", "tos_required"].includes(status.state)) return;
  if (status.backend === null) {
    show("first-run", () => t("heading-first-run"));
    return;
  }
  switch (status.state) {
    case "tos_required": {
      const tos = status.tos!;
      $("tos-title").textContent = tos.title;
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
      $("org").textContent = user.org ? t("org", { name: user.org.name }) : t("no-org");
      $("roles").textContent = user.roles.length ? t("roles", { roles: user.roles.join(", ") }) : "";
      show("signed-in", () => (status.state === "offline" ? t("heading-offline", { until: status.offline_until ?? "?" }) : t("heading-signed-in")));
      try {
        const view = await invoke<EntitlementsView>("entitlements");
        const list = $("entitlements");
        list.replaceChildren(
          ...view.entitlements.map((e) => {
            const item = document.createElement("li");
            item.textContent = `${e.product}${e.features.length ? ` (${e.features.join(", ")})` : ""} — ${t("entitlement-offline", { until: view.offline_until })}`;
            return item;
          }),
        );
      } catch (error) {
        showError(error);
      }
      break;
    }
    default:
      show("sign-in", () => (status.state === "expired" ? t("heading-session-ended") : t("heading-sign-in")));
  }
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
  if (current.screen === "settings") void invoke<SettingsScreen>("settings").then(fillSettings);
  else if (current.screen === "about") void showAbout();
  else if (current.screen === "forgot-code") checkPassword();
  else if (lastStatus && ["signed-in", "tos"].includes(current.screen)) void render(lastStatus);
}

/// Opens the screen the tray or a second launch asked for.
async function navigate(screen: string) {
  clearError();
  if (screen === "about") return showAbout();
  if (screen === "sign-in") {
    flow = "sign-in";
    return render(await invoke<Status>("status"));
  }
}

async function main() {
  applyLanguage(await invoke<string>("language"));
  $("sign-in").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    try {
      await render(await invoke<Status>("sign_in", { email: value("sign-in-email"), password: value("sign-in-password") }));
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
      resendAt = Date.now() + 60_000;
      await showCodeScreen("heading-register");
    } catch (error) {
      showError(error);
    }
  };
  $("register").addEventListener("submit", async (event) => {
    event.preventDefault();
    forgotEmail = value("register-email").trim();
    resend = sendRegistration;
    await sendRegistration();
  });
  $("nav-settings").addEventListener("click", () => void showSettings());
  $("nav-about").addEventListener("click", () => void showAbout());
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
      await render(await invoke<Status>("status"));
    });
  }
  for (const back of document.querySelectorAll(".back")) {
    back.addEventListener("click", async () => {
      clearError();
      flow = "sign-in";
      await render(await invoke<Status>("status"));
    });
  }
  const sendCode = async () => {
    clearError();
    try {
      await invoke("forgot_password", { email: forgotEmail });
      resendAt = Date.now() + 60_000;
      await showCodeScreen("heading-forgot");
    } catch (error) {
      showError(error);
    }
  };
  $("forgot-email").addEventListener("submit", async (event) => {
    event.preventDefault();
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
  $("first-run").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    try {
      await render(await invoke<Status>("set_server", { url: value("server-url") }));
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
  $("forgot-code").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearError();
    const password = value("new-password");
    try {
      await invoke("reset_password", { email: forgotEmail, code: value("code-input").trim(), newPassword: password });
      flow = "sign-in";
      await render(await invoke<Status>("sign_in", { email: forgotEmail, password }));
    } catch (error) {
      showError(error);
    }
  });
  $("tos-body").addEventListener("scroll", checkScrolledToEnd);
  $("tos-accept").addEventListener("click", async () => {
    clearError();
    try {
      await render(await invoke<Status>("accept_tos", { version: $("tos-accept").dataset.version }));
    } catch (error) {
      showError(error);
    }
  });
  $("tos-decline").addEventListener("click", async () => {
    await render(await invoke<Status>("decline_tos"));
    showMessage("terms-declined");
  });
  $("sign-out").addEventListener("click", async () => {
    clearError();
    try {
      await render(await invoke<Status>("sign_out"));
    } catch (error) {
      showError(error);
    }
  });
  await window.__TAURI__.event.listen<Status>("status", (event) => void render(event.payload));
  await window.__TAURI__.event.listen<string>("language", (event) => applyLanguage(event.payload));
  await window.__TAURI__.event.listen<string>("navigate", (event) => void navigate(event.payload));
  await render(await invoke<Status>("status"));
  if (location.hash) await navigate(location.hash.slice(1));
  requestAnimationFrame(() => requestAnimationFrame(() => void invoke("painted")));
}

void main();

export {};
