//! The administrator's pages: users (search, paging), adding one, one user's roles and removal,
//! domains with auto approval, join requests, the organization and its subscriptions. Each
//! change calls the `members` function the API calls and redirects with a one-time message.

use axum::extract::{Path, Query, State};
use axum::response::Response;
use latchkey_protocol::{AddMemberRequest, FieldError, Language, OrgMember};
use maud::{html, Markup};
use serde::Deserialize;

use super::view::{country_select, csrf_field, date, field, role_names, table};
use super::{AdminForm, AdminPage, Flash, Visitor};
use crate::error::ApiError;
use crate::members;
use crate::roles;
use crate::AppState;

#[derive(Deserialize)]
pub struct UsersQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    cursor: String,
}

fn status_text(visitor: &Visitor, status: &str) -> String {
    visitor.t(&format!("status-{status}"))
}

fn encode(value: &str) -> String {
    serde_urlencoded::to_string([("", value)]).unwrap_or_default().trim_start_matches('=').to_owned()
}

pub async fn users(State(state): State<AppState>, page: AdminPage, Query(query): Query<UsersQuery>) -> Response {
    let visitor = &page.visitor;
    let found = members::list(&state.db, state.now(), &page.admin.org, Some(&query.q), Some(&query.cursor), None).await;
    let found = match found {
        Ok(found) => found,
        Err(e) => return page.error(&e),
    };
    let content = html! {
        form.search role="search" method="get" action="/admin/users" {
            label for="q" { (visitor.t("search-label")) }
            div.inline {
                input #q name="q" type="search" value=(query.q);
                button type="submit" { (visitor.t("button-search")) }
            }
        }
        @if found.users.is_empty() {
            p #no-users { (visitor.t("no-users")) }
        } @else {
            p.count aria-live="polite" { (visitor.with("users-count", &[("count", (found.users.len() as u64).into())])) }
            (table(visitor, "users", &[visitor.t("column-email"), visitor.t("column-name"), visitor.t("column-country"), visitor.t("column-roles"), visitor.t("column-status")], &html! {
                @for user in &found.users {
                    tr role="row" {
                        th scope="row" role="rowheader" data-label=(visitor.t("column-email")) { a href={ "/admin/users/" (user.id) } { (user.email) } }
                        td role="cell" data-label=(visitor.t("column-name")) { (user.first_name) " " (user.last_name) }
                        td role="cell" data-label=(visitor.t("column-country")) { span data-country=(user.country) { (user.country) } }
                        td role="cell" data-label=(visitor.t("column-roles")) { (role_names(visitor, &user.roles)) }
                        td role="cell" data-label=(visitor.t("column-status")) { span class={ "status " (user.status) } { (status_text(visitor, &user.status)) } }
                    }
                }
            }))
        }
        @if !query.cursor.is_empty() || found.next_cursor.is_some() {
            nav.pages aria-label=(visitor.t("pages-label")) {
                @if !query.cursor.is_empty() {
                    a href={ "/admin/users?q=" (encode(&query.q)) } { (visitor.t("link-first-page")) }
                }
                @if let Some(next) = &found.next_cursor {
                    a #next-page rel="next" href={ "/admin/users?q=" (encode(&query.q)) "&cursor=" (encode(next)) } { (visitor.t("link-next-page")) }
                }
            }
        }
    };
    page.page(&visitor.t("heading-users"), &content)
}

/// The role checkboxes: every role, those above the administrator's own disabled.
fn role_choices(visitor: &Visitor, level: usize, held: &[String]) -> Markup {
    html! {
        fieldset.roles {
            legend { (visitor.t("label-roles")) }
            @for (role, _) in roles::ALL {
                @let id = format!("role-{role}");
                @let grantable = roles::rank(role) >= level;
                div.check {
                    input #(id) type="checkbox" name="roles" value=(role) checked[held.iter().any(|h| h == role)] disabled[!grantable];
                    label for=(id) {
                        (visitor.t(&format!("role-{role}")))
                        @if !grantable { " " span.hint { (visitor.t("role-not-grantable")) } }
                    }
                }
            }
        }
    }
}

/// What the add form was given, to show again with its errors.
#[derive(Default)]
struct AddForm {
    email: String,
    first_name: String,
    last_name: String,
    country: String,
    roles: Vec<String>,
    language: String,
}

fn field_error<'a>(errors: &'a [(String, String)], name: &str) -> Option<&'a str> {
    errors.iter().find(|(field, _)| field == name).map(|(_, message)| message.as_str())
}

fn add_form(page: &AdminPage, form: &AddForm, errors: &[(String, String)], alert: Option<&str>) -> Markup {
    let visitor = &page.visitor;
    let language = Language::from_tag(&form.language).unwrap_or(visitor.texts.language);
    html! {
        p { (visitor.t("add-user-intro")) }
        @if let Some(alert) = alert { p.error role="alert" { (alert) } }
        form.card #add-user method="post" action="/admin/users/new" novalidate {
            (csrf_field(visitor))
            (field("email", &visitor.t("label-email"), "email", &form.email, "off", field_error(errors, "email")))
            div.pair {
                (field("first_name", &visitor.t("label-first-name"), "text", &form.first_name, "off", field_error(errors, "first_name")))
                (field("last_name", &visitor.t("label-last-name"), "text", &form.last_name, "off", field_error(errors, "last_name")))
            }
            (country_select(visitor, &form.country, field_error(errors, "country")))
            (role_choices(visitor, page.admin.level, &form.roles))
            div.field {
                label for="mail-language" { (visitor.t("label-mail-language")) }
                select #mail-language name="language" {
                    @for l in Language::ALL {
                        option value=(l.code()) lang=(l.code()) selected[l == language] { (l.endonym()) }
                    }
                }
            }
            button.primary type="submit" { (visitor.t("button-add-user")) }
        }
    }
}

pub async fn add_page(page: AdminPage) -> Response {
    let content = add_form(&page, &AddForm::default(), &[], None);
    page.page(&page.visitor.t("heading-add-user"), &content)
}

/// The message under a field for the validation code the domain layer gave.
fn field_message(visitor: &Visitor, error: &FieldError) -> String {
    match error.field.as_str() {
        "email" => visitor.t("error-field-email"),
        "country" => visitor.t("error-field-country"),
        _ => visitor.t("error-field-name"),
    }
}

pub async fn add(State(state): State<AppState>, AdminForm(page, form): AdminForm) -> Response {
    let given = AddForm {
        email: form.get("email").to_owned(),
        first_name: form.get("first_name").to_owned(),
        last_name: form.get("last_name").to_owned(),
        country: form.get("country").to_owned(),
        roles: form.all("roles"),
        language: form.get("language").to_owned(),
    };
    let request = AddMemberRequest {
        email: given.email.clone(),
        first_name: given.first_name.clone(),
        last_name: given.last_name.clone(),
        country: given.country.clone(),
        roles: given.roles.clone(),
        language: Language::from_tag(&given.language),
    };
    match members::add(&state.db, state.now(), &page.admin, request).await {
        Ok(member) => {
            state.mail_wake.notify_one();
            page.visitor.redirect(&format!("/admin/users/{}", member.id), Flash::new("user-added", &member.email))
        }
        Err(e) => {
            let errors: Vec<(String, String)> =
                e.problem.errors.iter().map(|f| (f.field.clone(), field_message(&page.visitor, f))).collect();
            let alert = page.visitor.error_message(&e);
            let content = add_form(&page, &given, &errors, Some(&alert));
            page.visitor.page(e.status, Some(&page), &page.visitor.t("heading-add-user"), &content)
        }
    }
}

fn user_view(page: &AdminPage, member: &OrgMember, alert: Option<&str>) -> Markup {
    let visitor = &page.visitor;
    let is_self = member.id == page.admin.user_id;
    html! {
        @if let Some(alert) = alert { p.error role="alert" { (alert) } }
        dl.facts {
            dt { (visitor.t("label-email")) } dd #user-email { (member.email) }
            dt { (visitor.t("label-country")) } dd { span data-country=(member.country) { (member.country) } }
            dt { (visitor.t("label-status")) } dd { span class={ "status " (member.status) } { (status_text(visitor, &member.status)) } }
            dt { (visitor.t("label-member-since")) } dd { (date(&member.created_at)) }
        }
        form.card #roles method="post" action={ "/admin/users/" (member.id) "/roles" } {
            (csrf_field(visitor))
            (role_choices(visitor, page.admin.level, &member.roles))
            // A role above the administrator's own is shown, disabled; it is sent along so that
            // saving keeps it.
            @for role in member.roles.iter().filter(|r| roles::rank(r) < page.admin.level) {
                input type="hidden" name="roles" value=(role);
            }
            button.primary type="submit" { (visitor.t("button-save-roles")) }
        }
        @if !is_self {
            section.danger aria-labelledby="remove-heading" {
                h2 #remove-heading { (visitor.t("heading-remove")) }
                p { (visitor.with("remove-intro", &[("email", member.email.as_str().into())])) }
                form method="post" action={ "/admin/users/" (member.id) "/remove" }
                    data-confirm=(visitor.with("confirm-remove", &[("email", member.email.as_str().into())])) {
                    (csrf_field(visitor))
                    button.danger type="submit" { (visitor.with("button-remove", &[("email", member.email.as_str().into())])) }
                }
            }
        }
    }
}

async fn member_or_404(state: &AppState, page: &AdminPage, user: &str) -> Result<OrgMember, Response> {
    match members::get(&state.db, state.now(), &page.admin.org, user).await {
        Ok(Some(member)) => Ok(member),
        Ok(None) => Err(page.error(&ApiError::not_found())),
        Err(e) => Err(page.error(&e)),
    }
}

pub async fn user(State(state): State<AppState>, page: AdminPage, Path(user): Path<String>) -> Response {
    let member = match member_or_404(&state, &page, &user).await {
        Ok(member) => member,
        Err(response) => return response,
    };
    let title = format!("{} {}", member.first_name, member.last_name);
    page.page(&title, &user_view(&page, &member, None))
}

pub async fn set_roles(State(state): State<AppState>, Path(user): Path<String>, AdminForm(page, form): AdminForm) -> Response {
    let member = match member_or_404(&state, &page, &user).await {
        Ok(member) => member,
        Err(response) => return response,
    };
    match members::set_roles(&state.db, state.now(), &page.admin, &user, &form.all("roles")).await {
        Ok(member) => page.visitor.redirect(&format!("/admin/users/{}", member.id), Flash::new("roles-saved", &member.email)),
        Err(e) => {
            let title = format!("{} {}", member.first_name, member.last_name);
            page.visitor.page(e.status, Some(&page), &title, &user_view(&page, &member, Some(&page.visitor.error_message(&e))))
        }
    }
}

pub async fn remove(State(state): State<AppState>, Path(user): Path<String>, AdminForm(page, _): AdminForm) -> Response {
    let member = match member_or_404(&state, &page, &user).await {
        Ok(member) => member,
        Err(response) => return response,
    };
    match members::remove(&state.db, state.now(), &page.admin, &user).await {
        Ok(()) => page.visitor.redirect("/admin/users", Flash::new("user-removed", &member.email)),
        Err(e) => {
            let title = format!("{} {}", member.first_name, member.last_name);
            page.visitor.page(e.status, Some(&page), &title, &user_view(&page, &member, Some(&page.visitor.error_message(&e))))
        }
    }
}

fn yes_no(visitor: &Visitor, value: bool) -> String {
    visitor.t(if value { "yes" } else { "no" })
}

pub async fn domains(State(state): State<AppState>, page: AdminPage) -> Response {
    let visitor = &page.visitor;
    let domains = match members::domains(&state.db, &page.admin.org).await {
        Ok(domains) => domains,
        Err(e) => return page.error(&e),
    };
    let own = page.admin.email_domain.clone();
    let content = html! {
        p { (visitor.t("domains-intro")) }
        @if domains.is_empty() {
            p { (visitor.t("no-domains")) }
        } @else {
            (table(visitor, "domains", &[visitor.t("column-domain"), visitor.t("column-verified"), visitor.t("column-auto-approval"), String::new()], &html! {
                @for domain in &domains {
                    tr role="row" {
                        th scope="row" role="rowheader" data-label=(visitor.t("column-domain")) { (domain.domain) }
                        td role="cell" data-label=(visitor.t("column-verified")) { (yes_no(visitor, domain.verified)) }
                        td role="cell" data-label=(visitor.t("column-auto-approval")) { (yes_no(visitor, domain.auto_approve)) }
                        td role="cell" {
                            form method="post" action={ "/admin/domains/" (domain.domain) } {
                                (csrf_field(visitor))
                                @if domain.auto_approve {
                                    input type="hidden" name="auto_approve" value="off";
                                    button type="submit" { (visitor.t("button-turn-off")) }
                                } @else {
                                    input type="hidden" name="auto_approve" value="on";
                                    button type="submit" { (visitor.t("button-turn-on")) }
                                }
                            }
                        }
                    }
                }
            }))
        }
        @if !own.is_empty() && !domains.iter().any(|d| d.domain == own && d.verified) {
            section.card aria-labelledby="verify-heading" {
                h2 #verify-heading { (visitor.t("heading-add-domain")) }
                p { (visitor.with("add-domain-intro", &[("domain", own.as_str().into())])) }
                form method="post" action={ "/admin/domains/" (own) } {
                    (csrf_field(visitor))
                    div.check {
                        input #auto_approve type="checkbox" name="auto_approve" value="on";
                        label for="auto_approve" { (visitor.t("label-auto-approve")) }
                    }
                    button.primary type="submit" { (visitor.with("button-verify-domain", &[("domain", own.as_str().into())])) }
                }
            }
        }
    };
    page.page(&visitor.t("heading-domains"), &content)
}

pub async fn set_domain(State(state): State<AppState>, Path(domain): Path<String>, AdminForm(page, form): AdminForm) -> Response {
    let auto_approve = form.get("auto_approve") == "on";
    match members::put_domain(&state.db, state.now(), &page.admin, &domain, auto_approve).await {
        Ok(entry) => page.visitor.redirect("/admin/domains", Flash::new("domain-saved", &entry.domain)),
        Err(e) => page.error(&e),
    }
}

pub async fn requests(State(state): State<AppState>, page: AdminPage) -> Response {
    let visitor = &page.visitor;
    let pending = match members::requests(&state.db, &page.admin.org).await {
        Ok(pending) => pending.requests,
        Err(e) => return page.error(&e),
    };
    let content = html! {
        p { (visitor.t("requests-intro")) }
        @if pending.is_empty() {
            p #no-requests { (visitor.t("no-requests")) }
        } @else {
            (table(visitor, "requests", &[visitor.t("column-email"), visitor.t("column-name"), visitor.t("column-country"), visitor.t("column-requested"), String::new()], &html! {
                @for request in &pending {
                    tr role="row" {
                        th scope="row" role="rowheader" data-label=(visitor.t("column-email")) { (request.email) }
                        td role="cell" data-label=(visitor.t("column-name")) { (request.first_name) " " (request.last_name) }
                        td role="cell" data-label=(visitor.t("column-country")) { span data-country=(request.country) { (request.country) } }
                        td role="cell" data-label=(visitor.t("column-requested")) { (date(&request.created_at)) }
                        td.actions role="cell" {
                            form method="post" action={ "/admin/requests/" (request.id) "/approve" } {
                                (csrf_field(visitor))
                                button.primary type="submit" aria-label={ (visitor.t("button-approve")) ": " (request.email) } { (visitor.t("button-approve")) }
                            }
                            form method="post" action={ "/admin/requests/" (request.id) "/reject" } {
                                (csrf_field(visitor))
                                button type="submit" aria-label={ (visitor.t("button-reject")) ": " (request.email) } { (visitor.t("button-reject")) }
                            }
                        }
                    }
                }
            }))
        }
    };
    page.page(&visitor.t("heading-requests"), &content)
}

pub async fn decide(
    State(state): State<AppState>,
    Path((id, decision)): Path<(String, String)>,
    AdminForm(page, _): AdminForm,
) -> Response {
    let approve = match decision.as_str() {
        "approve" => true,
        "reject" => false,
        _ => return page.error(&ApiError::not_found()),
    };
    match members::decide(&state.db, state.now(), &page.admin, &id, approve).await {
        Ok(request) => {
            state.mail_wake.notify_one();
            let id = if approve { "request-approved" } else { "request-rejected" };
            page.visitor.redirect("/admin/requests", Flash::new(id, &request.email))
        }
        Err(e) => page.error(&e),
    }
}

pub async fn organization(State(state): State<AppState>, page: AdminPage) -> Response {
    let visitor = &page.visitor;
    let org = async {
        let mut tx = state.db.pool.begin().await?;
        crate::orgs::describe(&mut tx, &page.admin.org).await
    };
    let org = match org.await {
        Ok(Some(org)) => org,
        Ok(None) => return page.error(&ApiError::not_found()),
        Err(e) => return page.error(&ApiError::from(e)),
    };
    let content = html! {
        dl.facts {
            dt { (visitor.t("label-org-name")) } dd #org-name { (org.name) }
            dt { (visitor.t("label-org-id")) } dd { code { (org.id) } }
            dt { (visitor.t("label-fulfillment-contact")) } dd { (org.fulfillment_contact.email) }
            dt { (visitor.t("label-offline-grace")) } dd { (visitor.with("offline-grace-days", &[("days", (org.offline_grace_days.max(0) as u64).into())])) }
        }
        h2 { (visitor.t("heading-subscriptions")) }
        @if org.subscriptions.is_empty() {
            p { (visitor.t("no-subscriptions")) }
        } @else {
            (table(visitor, "subscriptions", &[visitor.t("column-product"), visitor.t("column-expires")], &html! {
                @for subscription in &org.subscriptions {
                    tr role="row" {
                        th scope="row" role="rowheader" data-label=(visitor.t("column-product")) {
                            @if let Some(name) = &subscription.name { (name) " " }
                            code { (subscription.product) }
                        }
                        td role="cell" data-label=(visitor.t("column-expires")) {
                            @match &subscription.expires_at {
                                Some(at) => (date(at)),
                                None => (visitor.t("never-expires")),
                            }
                        }
                    }
                }
            }))
        }
    };
    page.page(&visitor.t("heading-organization"), &content)
}
