# Latchkey's messages, shared by the window (ui/) and the Rust side (tray menu, notifications).
# Every locale has every key: src-tauri/tests/locales.rs checks it.

## Screens
heading-sign-in = Sign in
heading-session-ended = Your session ended: sign in again
heading-forgot = Forgot password
heading-terms = Terms of Service
heading-signed-in = Signed in
heading-offline = Working offline until { $until }
label-email = Email
label-password = Password
label-show-password = Show password
button-sign-in = Sign in
link-forgot = Forgot password?
forgot-intro = Enter your email address. If it is registered, we send you a code.
button-send-code = Send code
link-back = Back to sign in
code-sent = If the address is registered, we sent a code to it.
label-code = Code from the email
label-new-password = New password
policy-hint = At least { $min } characters. Longer passphrases are stronger; any characters are fine.
button-set-password = Set password
link-resend = Send the code again
terms-read-to-end = Read to the end to accept.
button-accept = Accept
button-decline = Decline
terms-declined = You cannot use Latchkey without accepting the Terms of Service. You are signed out.
org = Organization: { $name }
no-org = No organization
heading-roles = Roles
heading-entitlements = Entitlements
heading-register = Register
link-register = Register
register-intro = Register with your work email address. We send you a code to set your password.
label-first-name = First name
label-last-name = Last name
label-country = Country
button-register = Register
country-choose = Choose your country
button-sign-out = Sign out

## Settings and about
nav-settings = Settings
nav-about = About
heading-settings = Settings
heading-about = About Latchkey
setting-ServerUrl = Server
setting-AutoStart = Start at login
setting-AllowSignOut = Signing out allowed
setting-Proxy = Proxy
setting-ExtraCaFile = Extra certificate authorities
setting-Language = Language
setting-Updates = Updates
setting-ConsentMode = Program consent
setting-AllowedApps = Allowed programs
set-by-organization = set by your organization
value-unset = not set
value-yes = yes
value-no = no
about-version = Version { $version }
about-server = Server: { $server }
button-export-diagnostics = Export diagnostics
diagnostics-saved = Diagnostics saved to { $path }. They contain no passwords, codes or tokens.
link-back-generic = Back
link-trust-center = Trust Center

## Error details
not-accepted-because = Not accepted because { $reasons }.
reason-too_short = it is too short
reason-too_long = it is too long
reason-common = it is a commonly used password
reason-contains_email = it contains your email address
reasons-and = { $first } and { $second }
tries-left = { $count } tries left.
retry-in = Try again in { $seconds } seconds.
error-unknown = Something went wrong ({ $code }).

## Error codes of the backend and the local API
error-invalid_request = The request was not valid.
error-invalid_email = Enter a valid email address.
error-payload_too_large = That is too much data to send.
error-too_many_rows = The file has too many rows.
error-rate_limited = Too many requests. Wait a moment and try again.
error-proof_required = Too many requests from this address or network. Try again.
error-proof_invalid = The check that this is not a bot failed or expired. Try again.
error-invalid_code = That code is not right.
error-code_expired = That code has expired. Ask for a new one.
error-weak_password = Choose a stronger password.
error-invalid_credentials = Wrong email or password.
error-account_locked = Too many failed sign-ins. Try again later.
error-no_tos = No Terms of Service are published yet.
error-invalid_ticket = The Terms of Service prompt expired. Sign in again.
error-tos_version_mismatch = The Terms of Service changed meanwhile. Read the new version.
error-invalid_grant = Your session ended. Sign in again.
error-unsupported_audience = The server does not issue tokens for that application.
error-unauthorized = You are not signed in.
error-forbidden = You are not allowed to do that.
error-not_found = Not found.
error-already_member = This person is already a member.
error-member_of_other_org = This person belongs to another organization.
error-invalid_csv = The file is not a valid CSV file.
error-unknown_role = That role does not exist.
error-role_not_grantable = You cannot grant that role.
error-last_administrator = The organization must keep an administrator.
error-domain_not_verified = That domain is not verified.
error-public_domain = Public mail providers cannot be used as an organization's domain.
error-domain_taken = That domain belongs to another organization.
error-download_not_permitted = Downloading this requires the Product Delivery – Download role and your organization's permission. Ask your administrator.
error-internal = Something went wrong on the server.
error-not_signed_in = You are not signed in.
error-tos_required = Accept the Terms of Service first.
error-backend_unreachable = The Latchkey server cannot be reached. Check your connection.
error-timeout = Timed out.
error-no_interactive_session = There is no window to sign in with.
error-not_pending = The Terms of Service prompt expired. Sign in again.
error-sign_out_disabled = Your organization does not allow signing out.
error-forbidden_peer = Another user's program was refused.
error-forbidden_origin = Requests from web pages are refused.
error-backend_refused = The Latchkey server refused the request.
error-no_server = No Latchkey server is configured.
error-method_not_allowed = This action is not available here.
error-shutting_down = Latchkey is restarting. Try again in a moment.
error-no_release = Nothing of this product is offered for this computer.
error-integrity_failed = The download did not match its signed description, so it was not installed. Try again; if it keeps happening, tell your administrator.
error-install_failed = The installation failed. Nothing was left half-installed.
error-app_not_allowed = This program may not use your Latchkey sign-in. Allow it in Latchkey, or ask your administrator.

## Tray menu and tooltips
tray-not-signed-in = Not signed in
tray-open = Open Latchkey
tray-sign-in = Sign in
tray-sign-out = Sign out
tray-quit = Quit
tooltip-signed-in = Latchkey — signed in as { $email }
tooltip-signed-out = Latchkey — signed out
tooltip-offline = Latchkey — working offline until { $until }
tooltip-terms = Latchkey — new Terms of Service to accept
tooltip-expired = Latchkey — session expired, sign in again

## First run, settings, password strength, tray, notifications
heading-first-run = Welcome to Latchkey
first-run-intro = Enter the address of your organization's Latchkey server. Your IT department can tell you what it is.
label-server-url = Server address
button-continue = Continue
language-automatic = Same as the system
label-start-at-login = Start Latchkey when I sign in to this computer
autostart-machine = Your administrator set Latchkey to start at login for everyone on this computer.
setting-saved = Saved.
strength-label = Password strength
strength-0 = Too short
strength-1 = Weak
strength-2 = Fair
strength-3 = Good
strength-4 = Strong
policy-rule-length = At least { $min } and at most { $max } characters
policy-rule-common = Not a commonly used password
policy-rule-email = Does not contain your email address
tray-start-at-login = Start at login
tray-language = Language
tray-about = About Latchkey
notify-signed-in = Signed in to Latchkey
notify-signed-in-body = You are signed in as { $email }.
notify-expired = Latchkey session expired
notify-expired-body = Sign in again to keep using your applications.
notify-terms = New Terms of Service
notify-terms-body = Open Latchkey to read and accept the new Terms of Service.
notify-offline = Latchkey is working offline
notify-offline-body = The server cannot be reached. Your applications keep working until { $until }.
notify-update = Latchkey update available
notify-update-body = Latchkey { $version } is available: open Latchkey's Applications to install it.
notify-updating = Updating Latchkey
notify-updating-body = Latchkey { $version } is being installed.
error-setting_enforced = Your organization sets this, so it cannot be changed here.
error-invalid_setting = That value is not valid.
error-setting_unwritable = The setting could not be saved.
webview-missing-title = Latchkey cannot open its window
webview-missing = The Microsoft Edge WebView2 Runtime, which Latchkey's window needs, is not installed. Signing in from other apps and the latchkey command keep working. Ask your IT department to install the WebView2 Runtime, or get it from https://go.microsoft.com/fwlink/p/?LinkId=2124703

## The signed-in screen, for people
role-fulfillment_contact = Fulfillment Contact
role-account_admin = Account Administrator
role-co_admin = Co-administrator
role-product_delivery_download = Product Delivery – Download
feature-download = Downloads
badge-offline = Offline
entitlement-offline-days = { $days ->
    [one] Usable offline for one more day
   *[other] Usable offline for { $days } more days
}
entitlement-offline-hours = { $hours ->
    [one] Usable offline for one more hour
   *[other] Usable offline for { $hours } more hours
}
entitlement-ends = Subscription ends { $date }
entitlements-empty = No products are assigned to you yet. Ask your administrator.
entitlements-loading = Loading your products…

## The command line (`latchkey`): answers, the terminal dialogue and its prompts (the program adds ": ")
cli-signed-in = Signed in as { $who }
cli-signed-in-offline = Signed in as { $who }, working offline until { $until }
cli-tos-pending = The Terms of Service must be accepted: run `latchkey sign-in`
cli-session-ended = The session ended: run `latchkey sign-in`
cli-signing-in = Signing in…
cli-signed-out = Signed out
cli-sign-out-done = Signed out.
cli-setting-unset = (unset)
cli-entitled = { $product }: entitled ({ $features })
cli-not-entitled = { $product }: not entitled ({ $reason })
cli-entitlement-until = until { $date }
cli-entitlement-no-end = no end date
cli-entitlements-summary = { $count ->
    [one] (one entitlement, { $source }, usable offline until { $until })
   *[other] ({ $count } entitlements, { $source }, usable offline until { $until })
}
cli-window-open = The Latchkey window is open: sign in there.
cli-app-installed = installed { $version }
cli-app-not-installed = not installed
cli-app-available = { $version } available
cli-app-up-to-date = up to date
cli-app-ask-admin = ask your administrator for the Product Delivery – Download role
cli-app-not-allowed = your organization does not allow installing it
cli-app-nothing-here = nothing offered for this computer
cli-install-progress = Downloading { $product } { $version }: { $percent } %
cli-install-verifying = Checking the download…
cli-install-installing = Installing { $product } { $version }…
cli-consent-none-waiting = No program is waiting for an answer.
cli-consent-approving = Allowing: { $program }
cli-consent-confirm = Allow { $program } to use your sign-in? [y/N]
cli-consent-unknown-program = No decision is remembered for { $program }: name it by its path or SHA-256 as `latchkey apps list` shows it.
cli-consent-name-one = Several programs are waiting: name one by its id (latchkey apps approve ID).
cli-consent-mode = Consent mode: { $mode }
cli-consent-by-organization = allowed by your organization
cli-consent-allowed = allowed
cli-consent-denied = denied
cli-consent-waiting = waiting
cli-install-done = { $product } { $version } is installed.
cli-install-cancelled = Cancelled. Run the same command again to resume the download.
cli-prompt-email = Email
cli-prompt-password = Password
cli-prompt-password-or-empty = Password (leave empty if you have none yet or forgot it)
cli-prompt-new-password = New password
cli-prompt-code = Code from the email
cli-no-email = No email address was given.
cli-code-format = The code is the 8 digits from the email.
cli-code-sent = If the address is registered, a code is on its way by email.
cli-password-set = Password set.
cli-password-set-sign-in = Your password is set: sign in with `latchkey sign-in`.
cli-accept-tos = Accept the Terms of Service (version { $version })? [y/N]
# The answers that mean yes to cli-accept-tos, comma-separated; "y" and "yes" are always accepted too.
cli-yes = y, yes
cli-tos-declined = You cannot use Latchkey without accepting the Terms of Service; you are signed out.
cli-no-server = No server is configured: set ServerUrl (LATCHKEY_SERVER_URL, or server_url in ~/.config/latchkey/settings.toml).
cli-agent-not-running = Latchkey is not running on { $socket }: open the Latchkey app, or run `latchkey agent` (for servers and SSH sessions).
cli-foreign-agent = The Latchkey agent on { $socket } runs as { $user }, not as you: nothing was sent to it.
cli-not-signed-in = You are not signed in: run `latchkey sign-in` or open Latchkey.
cli-tos-required = The Terms of Service must be accepted first: run `latchkey sign-in` or open Latchkey.
cli-unexpected-answer = The agent's answer was not understood: { $detail }
cli-agent-io = Talking to the agent failed: { $detail }
cli-agent-cannot-start = The agent cannot start: { $detail }
cli-no-agent-program = This command needs latchkey-agent, which is installed beside latchkey: { $detail }

## The Applications screen
button-applications = Applications
heading-applications = Applications
apps-loading = Loading your applications…
apps-empty = No applications are available to you.
app-installed = Installed: { $version }
app-not-installed = Not installed
app-available = Available: { $version }
app-up-to-date = Up to date
app-nothing-here = Nothing is offered for this computer.
app-ask-admin = To download applications you need the Product Delivery – Download role. Ask your administrator.
app-not-allowed = Your organization does not allow installing this application.
app-release-notes = Release notes
button-install = Download and install
button-update = Update
button-cancel = Cancel
install-downloading = Downloading… { $percent } %
install-verifying = Checking the download…
install-installing = Installing…
install-done = Installed.
install-cancelled = Cancelled. Download and install again to resume.

## A program asking to use the sign-in, and the programs decided about (Settings)
heading-consent = Allow this program to use your sign-in?
heading-consent-none = Programs and your sign-in
consent-label-path = Program
consent-label-sha256 = SHA-256
consent-label-pid = Process ID
consent-name = It calls itself “{ $name }”, but any program can give itself a name: the path above is what identifies it.
consent-explain = If you allow it, it will receive access tokens and your entitlements while you are signed in.
consent-remembered = Latchkey remembers “Always allow” and “Deny” for this program; you can revoke either in Settings.
consent-expires = Without an answer by { $time }, the program is refused.
consent-more = { $count ->
    [one] One more program is waiting.
   *[other] { $count } more programs are waiting.
}
button-allow-once = Allow once
button-always-allow = Always allow
button-deny = Deny
consent-none = No program is waiting for your answer.
consent-expired = That request expired: the program was refused this time and can ask again.
heading-consent-apps = Programs allowed to use your sign-in
consent-apps-empty = You have not allowed or denied any program yet.
consent-app-name = Calls itself “{ $name }”
consent-decision-allowed = Allowed on { $date }
consent-decision-denied = Denied on { $date }
button-revoke = Revoke
consent-revoked = Revoked: Latchkey no longer remembers your decision about that program.
consent-mode-allow = Your organization allows every program to use your sign-in.
consent-mode-deny-unknown = Only programs your organization lists may use your sign-in.
consent-org-allowed = Allowed by your organization:
