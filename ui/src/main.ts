// The Latchkey window: one screen per session state, driven by the agent's status events. Every
// action is a Tauri command of the embedded agent; this file only shows and asks.

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

const MESSAGES: Record<string, string> = {
  invalid_credentials: "Wrong email or password.",
  account_locked: "Too many failed sign-ins. Try again later.",
  invalid_code: "That code is not right.",
  code_expired: "That code has expired. Ask for a new one.",
  weak_password: "Choose a stronger password.",
  rate_limited: "Too many requests. Wait a moment and try again.",
  invalid_email: "Enter a valid email address.",
  backend_unreachable: "The Latchkey server cannot be reached. Check your connection.",
  tos_version_mismatch: "The Terms of Service changed meanwhile. Read the new version.",
  not_pending: "The Terms of Service prompt expired. Sign in again.",
  sign_out_disabled: "Your organization does not allow signing out.",
  no_server: "No Latchkey server is configured.",
};
const REASONS: Record<string, string> = {
  too_short: "it is too short",
  too_long: "it is too long",
  common: "it is a commonly used password",
  contains_email: "it contains your email address",
};

function showError(error: unknown) {
  const e = error as UiError;
  let text = MESSAGES[e.code] ?? `Something went wrong (${e.code ?? String(error)}).`;
  if (e.reasons?.length) text += ` Not accepted because ${e.reasons.map((r) => REASONS[r] ?? r).join(" and ")}.`;
  if (e.attempts_remaining !== undefined && e.attempts_remaining !== null) text += ` ${e.attempts_remaining} tries left.`;
  if (e.retry_after) text += ` Try again in ${e.retry_after} seconds.`;
  const box = $("error");
  box.textContent = text;
  box.hidden = false;
}

function clearError() {
  $("error").hidden = true;
  $("error").textContent = "";
}

const SCREENS = ["sign-in", "forgot-email", "forgot-code", "tos", "signed-in"];
function show(screen: string, heading: string) {
  for (const id of SCREENS) $(id).hidden = id !== screen;
  $("heading").textContent = heading;
  const first = $(screen).querySelector<HTMLElement>("input, button:not([disabled])");
  first?.focus();
}

let forgotEmail = "";
let resendAt = 0;
let flow: "sign-in" | "forgot" = "sign-in";

async function render(status: Status) {
  if (flow === "forgot" && !["signed_in", "tos_required"].includes(status.state)) return;
  switch (status.state) {
    case "tos_required": {
      const tos = status.tos!;
      $("tos-title").textContent = tos.title;
      $("tos-body").textContent = tos.body_markdown; // text, never HTML: a document cannot inject markup
      ($("tos-accept") as HTMLButtonElement).disabled = true;
      $("tos-accept").dataset.version = tos.version;
      show("tos", "Terms of Service");
      checkScrolledToEnd();
      break;
    }
    case "signed_in":
    case "offline": {
      const user = status.user!;
      $("welcome").textContent = `${user.first_name} ${user.last_name}`;
      $("org").textContent = user.org ? `Organization: ${user.org.name}` : "No organization";
      $("roles").textContent = user.roles.length ? `Roles: ${user.roles.join(", ")}` : "";
      show("signed-in", status.state === "offline" ? `Working offline until ${status.offline_until}` : "Signed in");
      try {
        const view = await invoke<{ entitlements: Entitlement[]; offline_until: string }>("entitlements");
        const list = $("entitlements");
        list.replaceChildren(
          ...view.entitlements.map((e) => {
            const item = document.createElement("li");
            item.textContent = `${e.product}${e.features.length ? ` (${e.features.join(", ")})` : ""} — usable offline until ${view.offline_until}`;
            return item;
          }),
        );
      } catch (error) {
        showError(error);
      }
      break;
    }
    default:
      show("sign-in", status.state === "expired" ? "Your session ended: sign in again" : "Sign in");
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
    show("forgot-email", "Forgot password");
  });
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
      show("forgot-code", "Forgot password");
      const policy = await invoke<Policy>("password_policy");
      $("policy").textContent = `At least ${policy.min_length} characters. Longer passphrases are stronger; any characters are fine.`;
    } catch (error) {
      showError(error);
    }
  };
  $("forgot-email").addEventListener("submit", async (event) => {
    event.preventDefault();
    forgotEmail = value("forgot-email-input").trim();
    await sendCode();
  });
  $("resend").addEventListener("click", async () => {
    const wait = Math.ceil((resendAt - Date.now()) / 1000);
    if (wait > 0) return showError({ code: "rate_limited", retry_after: wait, reasons: [] });
    await sendCode();
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
    showError({ code: "tos_declined", reasons: [] });
    $("error").textContent = "You cannot use Latchkey without accepting the Terms of Service. You are signed out.";
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
}

void main();

export {};
