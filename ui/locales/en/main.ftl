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
roles = Roles: { $roles }
heading-entitlements = Entitlements
entitlement-offline = usable offline until { $until }
heading-register = Register
link-register = Register
register-intro = Register with your work email address. We send you a code to set your password.
label-first-name = First name
label-last-name = Last name
label-country = Country
button-register = Register
country-choose = Choose your country
button-sign-out = Sign out

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
