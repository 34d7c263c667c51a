# The User Management web portal (/admin), served by latchkey-server. Every locale has every key:
# crates/server/src/portal/i18n.rs tests it.

## Frame
portal-title = Latchkey User Management
skip-to-content = Skip to content
nav-label = Main
nav-users = Users
nav-add-user = Add user
nav-bulk = Bulk register
nav-domains = Domains
nav-requests = Join requests
nav-organization = Organization
signed-in-as = Signed in as { $email }
button-sign-out = Sign out
language-label = Language
button-change-language = Change

## Sign-in and Terms
heading-sign-in = Sign in to User Management
sign-in-intro = For administrators of an organization. Use the same email address and password as in the Latchkey client.
label-email = Email
label-password = Password
button-sign-in = Sign in
forgot-hint = No password yet, or forgot it? Choose “Forgot password?” in the Latchkey client, or set it here.
link-forgot = Forgot password?
error-credentials = The email address or the password is wrong.
error-locked = Too many failed attempts. Try again in { $minutes } minutes.
error-rate-limited = Too many attempts. Try again in { $minutes } minutes.
error-proof-required = Too many requests from this address or network. Turn on JavaScript in your browser (it proves this is not a bot) and send the form again.
error-proof-invalid = The check that this is not a bot failed or expired. Send the form again.
error-not-admin = This portal is for the administrators of an organization. Your account has no administrator role.
heading-terms = Terms of Service
terms-intro = Accept the Terms of Service to continue.
button-accept = Accept
button-decline = Decline
terms-declined = You cannot use User Management without accepting the Terms of Service.
terms-expired = The sign-in took too long. Sign in again.
signed-out = You are signed out.

## Forgot password
heading-forgot = Set or reset your password
forgot-intro = Enter your email address. If it is registered, we send you a code.
button-send-code = Send code
code-sent = If { $email } is registered, we sent a code to it. Enter it below with your new password.
label-code = Code from the email
label-new-password = New password
password-hint = At least { $min } characters. Longer passphrases are stronger; any characters are fine.
button-set-password = Set password
password-set = Your password is set. Sign in with it.
error-code = The code is wrong or has expired. Ask for a new one.
weak-password = The password is too weak: { $reasons }
weak-too_short = shorter than { $min } characters
weak-too_long = too long
weak-common = a commonly used password
weak-contains_email = contains your email address

## Users
heading-users = Users
search-label = Search by address or name
button-search = Search
column-email = Email
column-name = Name
column-country = Country
column-roles = Roles
column-status = Status
status-invited = Invited
status-active = Active
status-locked = Locked
no-users = No users match.
link-next-page = Next page
link-first-page = First page
users-count = { $count ->
    [one] { $count } user on this page
   *[other] { $count } users on this page
}
link-manage = Manage
column-actions = Actions
pages-label = Pages

## Add a user
heading-add-user = Add a user
add-user-intro = The user gets an email that tells them how to set their password in the Latchkey client.
label-first-name = First name
label-last-name = Last name
label-country = Country
choose-country = Choose a country
label-roles = Roles
label-mail-language = Language of their email
button-add-user = Add user
user-added = { $email } was added and invited.

## Roles
role-fulfillment_contact = Fulfillment Contact
role-account_admin = Account Administrator
role-co_admin = Co-administrator
role-product_delivery_download = Product Delivery – Download
role-not-grantable = (above your own role)

## One user
heading-user = { $name }
label-status = Status
label-member-since = Member since
button-save-roles = Save roles
roles-saved = The roles of { $email } are saved.
heading-remove = Remove from the organization
remove-intro = { $email } loses access to the organization's products at once and is signed out everywhere. The account itself stays.
button-remove = Remove { $email }
confirm-remove = Remove { $email } from the organization?
user-removed = { $email } was removed from the organization.

## Bulk register
heading-bulk = Bulk register users
bulk-intro = Upload a CSV file with the columns email, first_name, last_name, country and optionally roles (separated by ;) and language. First you see a check of every line; nothing is written until you import.
link-template = Download the template (CSV)
label-file = CSV file (at most 10 MiB, 100,000 rows)
button-check = Check the file
heading-report = Check of { $file }
report-ready = { $count ->
    [one] { $count } user can be added.
   *[other] { $count } users can be added.
}
report-already = { $count ->
    [one] { $count } address is already a member and stays unchanged.
   *[other] { $count } addresses are already members and stay unchanged.
}
report-failed = { $count ->
    [0] No line has an error.
    [one] { $count } line has an error and will not be imported:
   *[other] { $count } lines have errors and will not be imported:
}
column-line = Line
column-problem = Problem
link-error-report = Download the lines with errors (CSV)
link-upload-another = Upload another file
button-import = Import { $count ->
    [one] { $count } user
   *[other] { $count } users
}
report-fix-hint = Fix the lines with errors in your file and upload it again, or import the valid lines now.
heading-imported = Import finished
imported = { $count ->
    [one] { $count } user was added and invited.
   *[other] { $count } users were added and invited.
}
upload-expired = This upload is no longer available. Upload the file again.
error-file-missing = Choose a CSV file to upload.
problem-invalid_email = The email address is not valid.
problem-invalid_country = The country is not an ISO 3166 code such as DE or US.
problem-unknown_role = A role is unknown.
problem-duplicate_row = The address appears earlier in the file.
problem-missing_field = A required field is empty.
problem-field_too_long = A field is too long.
problem-invalid_characters = A field contains characters that are not allowed, such as a line break.
problem-member_of_other_org = The address belongs to another organization.
problem-role_not_grantable = A role is above your own.
problem-invalid_language = The language is not one of en, es, fr, tr, nl, it, de, pl, cs.

## Domains
heading-domains = Domains
domains-intro = With auto approval on, anyone who registers with an address at the domain joins the organization without waiting for an administrator.
column-domain = Domain
column-verified = Verified
column-auto-approval = Auto approval
yes = Yes
no = No
button-turn-on = Turn on auto approval
button-turn-off = Turn off auto approval
no-domains = The organization has no domains yet.
heading-add-domain = Verify your domain
add-domain-intro = You can verify the domain of your own address, { $domain }.
label-auto-approve = Turn on auto approval at once
button-verify-domain = Verify { $domain }
domain-saved = { $domain } is saved.

## Join requests
heading-requests = Join requests
requests-intro = People who registered at a verified domain of the organization while auto approval was off.
column-requested = Asked on
button-approve = Approve
button-reject = Reject
no-requests = No one is waiting.
request-approved = { $email } joined the organization.
request-rejected = The request of { $email } was rejected.

## Organization
heading-organization = Organization
label-org-name = Name
label-org-id = Identifier
label-fulfillment-contact = Fulfillment Contact
label-offline-grace = Offline use
offline-grace-days = { $days ->
    [one] { $days } day without a connection
   *[other] { $days } days without a connection
}
heading-subscriptions = Subscriptions
column-product = Product
column-expires = Expires
never-expires = Does not expire
no-subscriptions = The organization has no subscriptions.

## Errors
heading-error = Something went wrong
error-forbidden = You may not do this. Only the administrators of this organization may.
error-not-found = This page does not exist, or the user is not a member of your organization.
error-csrf = The form has expired. Reload the page and try again.
error-too-large = The file is larger than 10 MiB.
error-too-many-rows = The file has more than 100,000 rows.
error-invalid-csv = The file cannot be read as CSV: { $detail }
error-last-administrator = The organization must keep a Fulfillment Contact and an administrator.
error-validation = Check the highlighted fields.
error-field-email = Enter a valid email address.
error-field-name = Enter a name (at most 100 characters, no line breaks).
error-field-country = Choose a country.
error-already-member = This address is already a member of the organization.
error-other-org = This address belongs to another organization.
error-public-domain = A public mail domain cannot belong to an organization.
error-domain-taken = Another organization has this domain.
error-domain-not-verified = Only the domain of your own address can be verified here.
error-bad-request = The request is not valid: { $detail }
error-generic = The server could not do this. Try again later. (Reference: { $code })
link-back-to-users = Back to the users

## Software: the policy page and the public download page
nav-software = Software
heading-software = Software
software-intro = Choose which of your products members with the Product Delivery – Download role may install from Latchkey, and at which version.
label-update-channel = Latchkey updates
update-channel-auto = Automatically
update-channel-notify = Tell the user
update-channel-off = Off (IT deploys updates)
update-channel-hint = A computer whose Updates policy is stricter keeps its own setting.
column-members-may-install = Members may install
column-version = Version
version-latest = Latest
button-save = Save
software-saved = The software policy is saved.
heading-download = Download Latchkey
download-intro = Latchkey signs you in to your organization's applications. Install it on your computer, then choose Forgot password? to set your password.
no-downloads = No installer is published yet.
download-link = { $platform }: Latchkey { $version }
download-size = ({ $megabytes } MB)
download-admin-link = Administrators: sign in to User Management
platform-windows-x64 = Windows (64-bit)
platform-windows-x86 = Windows (32-bit)
platform-linux-deb = Linux (Debian, Ubuntu)
platform-linux-rpm = Linux (Fedora, RHEL, SUSE)
platform-macos = macOS
download-page-link = Latchkey's installers for your users: the public download page
