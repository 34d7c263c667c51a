// The Latchkey window: one screen per session state, driven by the agent's status events. Every
// action is a Tauri command of the embedded agent; this file only shows and asks.

import { countryOptions } from "./countries";
import { has, setLanguage, t, translate } from "./i18n";
import { renderMarkdown } from "./markdown";

interface Org { id: string; name: string }
interface StatusUser { id: string; email: string; first_name: string; last_name: string; org: Org | null; roles: string[] }
interface Tos { version: string; title: string; body_markdown: string }
interface Status { state: string; user: StatusUser | null; tos?: Tos; offline_until: string | null }
interface UiError { code: string; detail?: string; retry_after?: number; attempts_remaining?: number; reasons: string[] }
interface Entitlement { product: string; features: string[]; expires_at: string | null }
interface Policy { min_length: number; max_length: number }

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
  const e = typeof error === "object" && error !== null && "code" in error ? (error as UiError) : { code: "unknown", detail: String(error), reasons: [] };
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

const SCREENS = ["sign-in", "register", "forgot-email", "forgot-code", "tos", "signed-in", "settings", "about"];
function show(screen: string, heading: string) {
  for (const id of SCREENS) $(id).hidden = id !== screen;
  $("heading").textContent = heading;
  const first = $(screen).querySelector<HTMLElement>("input, button:not([disabled])");
  first?.focus();
}

interface Setting { value: string | boolean | null; source: string }
interface SettingsScreen { values: Record<string, Setting>; problems: string[] }
interface About { version: string; backend: string | null }

async function showSettings() {
  const screen = await invoke<SettingsScreen>("settings");
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
  show("settings", t("heading-settings"));
}

async function showAbout() {
  const about = await invoke<About>("about");
  $("about-version").textContent = t("about-version", { version: about.version });
  $("about-server").textContent = t("about-server", { server: about.backend ?? t("value-unset") });
  $("diagnostics-result").textContent = "";
  show("about", t("heading-about"));
}

let forgotEmail = "";
let resendAt = 0;
/// What "send the code again" does: ask forgot-password again, or register again.
let resend: () => Promise<void> = async () => {};
let flow: "sign-in" | "forgot" = "sign-in";

async function render(status: Status) {
  if (flow === "forgot" && !["signed_in", "tos_required"].includes(status.state)) return;
  switch (status.state) {
    case "tos_required": {
      const tos = status.tos!;
      $("tos-title").textContent = tos.title;
      renderMarkdown(tos.body_markdown, $("tos-body")); // DOM nodes with text only: a document cannot inject markup
      ($("tos-accept") as HTMLButtonElement).disabled = true;
      $("tos-accept").dataset.version = tos.version;
      show("tos", t("heading-terms"));
      checkScrolledToEnd();
      break;
    }
    case "signed_in":
    case "offline": {
      const user = status.user!;
      $("welcome").textContent = `${user.first_name} ${user.last_name}`;
      $("org").textContent = user.org ? t("org", { name: user.org.name }) : t("no-org");
      $("roles").textContent = user.roles.length ? t("roles", { roles: user.roles.join(", ") }) : "";
      show("signed-in", status.state === "offline" ? t("heading-offline", { until: status.offline_until ?? "?" }) : t("heading-signed-in"));
      try {
        const view = await invoke<{ entitlements: Entitlement[]; offline_until: string }>("entitlements");
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
      show("sign-in", status.state === "expired" ? t("heading-session-ended") : t("heading-sign-in"));
  }
}

function checkScrolledToEnd() {
  const body = $("tos-body");
  if (body.scrollTop + body.clientHeight >= body.scrollHeight - 4) ($("tos-accept") as HTMLButtonElement).disabled = false;
}

function value(id: string) {
  return ($(id) as HTMLInputElement).value;
}

async function main() {
  const lang = await invoke<string>("language");
  setLanguage(lang);
  translate();
  $("register-country").replaceChildren(...countryOptions(lang, t("country-choose")));
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
    show("forgot-email", t("heading-forgot"));
  });
  $("register-link").addEventListener("click", () => {
    clearError();
    flow = "forgot"; // registering ends, like forgot password, with a code and a new password
    ($("register-email") as HTMLInputElement).value = value("sign-in-email");
    show("register", t("heading-register"));
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
      show("forgot-code", t("heading-register"));
      const policy = await invoke<Policy>("password_policy");
      $("policy").textContent = t("policy-hint", { min: policy.min_length });
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
      show("forgot-code", t("heading-forgot"));
      const policy = await invoke<Policy>("password_policy");
      $("policy").textContent = t("policy-hint", { min: policy.min_length });
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
    if (wait > 0) return showError({ code: "rate_limited", retry_after: wait, reasons: [] });
    await resend();
  });
  $("code-input").addEventListener("input", () => {
    // A pasted code may carry spaces or dashes: keep the digits.
    const input = $("code-input") as HTMLInputElement;
    const digits = input.value.replace(/[\s-]/g, "");
    if (/^\d{8}$/.test(digits)) input.value = digits;
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
  await render(await invoke<Status>("status"));
  requestAnimationFrame(() => requestAnimationFrame(() => void invoke("painted")));
}

void main();

export {};
