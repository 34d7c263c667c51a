//! Signing in to the portal: the same sign-in, lockout, Terms of Service gate and forgot-password
//! codes as the desktop client (`sessions`, `accounts`), then an administrator check. A session
//! is opened only for an administrator who has accepted the current Terms.

use axum::extract::{Query, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use latchkey_protocol::{ClientInfo, Language, Proof, ResetPasswordRequest, Secret, SessionResponse, SignedIn};
use maud::{html, Markup};
use serde::Deserialize;

use super::view::{csrf_field, field};
use super::{session, Flash, Visitor, VisitorForm};
use crate::error::ApiError;
use crate::http::ClientIp;
use crate::markdown::{self, Block, Span, SpanKind};
use crate::AppState;

/// How long the Terms of Service ticket waits in its cookie (the server's ticket lives as long).
const TOS_COOKIE_SECS: i64 = 10 * 60;

fn portal_client() -> ClientInfo {
    ClientInfo { name: "latchkey-admin-portal".into(), version: env!("CARGO_PKG_VERSION").into(), device: "browser".into() }
}

fn flash(id: &str) -> Option<Flash> {
    Flash::new(id, "")
}

fn sign_in_form(visitor: &Visitor, email: &str, error: Option<&str>) -> Markup {
    html! {
        p { (visitor.t("sign-in-intro")) }
        @if let Some(error) = error { p.error role="alert" #sign-in-error { (error) } }
        form.card method="post" action="/admin/sign-in" {
            (csrf_field(visitor))
            (field("email", &visitor.t("label-email"), "email", email, "username", None))
            (field("password", &visitor.t("label-password"), "password", "", "current-password", None))
            button.primary type="submit" { (visitor.t("button-sign-in")) }
        }
        p.hint { (visitor.t("forgot-hint")) " " a href="/admin/forgot" { (visitor.t("link-forgot")) } }
    }
}

pub async fn sign_in_page(State(state): State<AppState>, visitor: Visitor) -> Response {
    // Only an administrator's live session skips the form: anyone else may sign in as another.
    if !visitor.fresh {
        if let Ok(Some(user)) = session::user(&state.db, state.now(), &visitor.token).await {
            if matches!(administers(&state, &user).await, Ok(true)) {
                return visitor.redirect("/admin/users", None);
            }
        }
    }
    visitor.page(StatusCode::OK, None, &visitor.t("heading-sign-in"), &sign_in_form(&visitor, "", None))
}

/// Whether `user_id` administers the organization they belong to.
async fn administers(state: &AppState, user_id: &str) -> Result<bool, ApiError> {
    Ok(crate::members::authorize_in_own_org(&state.db, user_id).await?.is_some())
}

pub async fn sign_in(State(state): State<AppState>, ClientIp(ip): ClientIp, VisitorForm(visitor, form): VisitorForm) -> Response {
    let email = form.get("email").trim().to_owned();
    let refuse = |status: StatusCode, message: String| {
        visitor.page(status, None, &visitor.t("heading-sign-in"), &sign_in_form(&visitor, &email, Some(&message)))
    };
    let answer = crate::sessions::sign_in(&state, &email, Secret::new(form.get("password")), portal_client(), &ip).await;
    match answer {
        Ok(SessionResponse::SignedIn(signed)) => open_session(&state, &visitor, &signed, &ip).await,
        Ok(SessionResponse::TosRequired(required)) => {
            // Administrators only, before they are shown the Terms.
            let user_id: Option<String> = match crate::validate::email(&email) {
                Ok(address) => {
                    match sqlx::query_scalar("SELECT id FROM users WHERE email_key = $1")
                        .bind(&address.key)
                        .fetch_optional(&state.db.pool)
                        .await
                    {
                        Ok(id) => id,
                        Err(e) => return visitor.error(None, &ApiError::from(e)),
                    }
                }
                Err(_) => None,
            };
            match user_id {
                Some(user_id) if matches!(administers(&state, &user_id).await, Ok(true)) => {
                    let mut response = visitor.redirect("/admin/terms", None);
                    response.headers_mut().append(
                        header::SET_COOKIE,
                        visitor.cookie(session::TOS_COOKIE, required.tos_ticket.expose(), Some(TOS_COOKIE_SECS)),
                    );
                    response
                }
                _ => refuse(StatusCode::FORBIDDEN, visitor.t("error-not-admin")),
            }
        }
        Err(e) => refuse(e.status, visitor.error_message(&e)),
    }
}

/// Opens the portal session on the family `signed` belongs to, under a new browser token (a
/// token known before sign-in never becomes a session's).
async fn open_session(state: &AppState, visitor: &Visitor, signed: &SignedIn, ip: &str) -> Response {
    // Rights are checked again here: the Terms step may have taken minutes.
    match administers(state, &signed.user.id).await {
        Ok(true) => {}
        Ok(false) => {
            if let Err(e) = crate::sessions::revoke(state, &signed.refresh_token, ip).await {
                tracing::warn!(error = %e.problem.code.as_str(), "could not revoke a refused portal sign-in");
            }
            let content = sign_in_form(visitor, &signed.user.email, Some(&visitor.t("error-not-admin")));
            return visitor.page(StatusCode::FORBIDDEN, None, &visitor.t("heading-sign-in"), &content);
        }
        Err(e) => return visitor.error(None, &e),
    }
    // A session this browser had before ends with the new sign-in.
    if let Err(e) = session::close(&state.db, state.now(), &visitor.token).await {
        return visitor.error(None, &ApiError::from(e));
    }
    let token = session::new_token();
    if let Err(e) = session::open(&state.db, state.now(), &token, &signed.user.id, signed.refresh_token.expose()).await {
        return visitor.error(None, &ApiError::from(e));
    }
    let mut response = visitor.redirect("/admin/users", None);
    let headers = response.headers_mut();
    headers.append(header::SET_COOKIE, visitor.cookie(session::COOKIE, &token, None));
    headers.append(header::SET_COOKIE, visitor.cookie(session::TOS_COOKIE, "", Some(0)));
    response
}

/// The Terms' Markdown by the window's rules (`crate::markdown`): `#` is an h3 under the
/// document's h2 title, down to h6. Every text is escaped: a document cannot inject markup.
fn terms_body(source: &str) -> Markup {
    fn spans(runs: &[Span]) -> Markup {
        html! {
            @for span in runs {
                @match span.kind {
                    SpanKind::Text => (span.text),
                    SpanKind::Strong => strong { (span.text) },
                    SpanKind::Em => em { (span.text) },
                    SpanKind::Code => code { (span.text) },
                }
            }
        }
    }
    html! {
        @for block in markdown::parse(source) {
            @match block {
                Block::Heading { level, spans: runs } => @match (level + 2).min(6) {
                    3 => h3 { (spans(&runs)) },
                    4 => h4 { (spans(&runs)) },
                    5 => h5 { (spans(&runs)) },
                    _ => h6 { (spans(&runs)) },
                },
                Block::Paragraph { spans: runs } => p { (spans(&runs)) },
                Block::List { ordered: true, items } => ol { @for item in &items { li { (spans(item)) } } },
                Block::List { ordered: false, items } => ul { @for item in &items { li { (spans(item)) } } },
            }
        }
    }
}

pub async fn terms_page(State(state): State<AppState>, visitor: Visitor) -> Response {
    if visitor.tos_ticket.is_none() {
        return visitor.redirect("/admin/sign-in", flash("terms-expired"));
    }
    let document = match crate::tos::current_document(&state.db, visitor.texts.language).await {
        Ok(Some(document)) => document,
        Ok(None) => return visitor.redirect("/admin/sign-in", flash("terms-expired")),
        Err(e) => return visitor.error(None, &ApiError::from(e)),
    };
    let content = html! {
        p { (visitor.t("terms-intro")) }
        article.terms tabindex="0" aria-label=(document.title) lang=(document.lang.code()) {
            h2 { (document.title) }
            (terms_body(&document.body_markdown))
        }
        form.actions method="post" action="/admin/terms" {
            (csrf_field(&visitor))
            input type="hidden" name="version" value=(document.version);
            button.primary type="submit" name="decision" value="accept" { (visitor.t("button-accept")) }
            button type="submit" name="decision" value="decline" { (visitor.t("button-decline")) }
        }
    };
    visitor.page(StatusCode::OK, None, &visitor.t("heading-terms"), &content)
}

pub async fn terms(State(state): State<AppState>, ClientIp(ip): ClientIp, VisitorForm(visitor, form): VisitorForm) -> Response {
    let clear_ticket = |mut response: Response| {
        response.headers_mut().append(header::SET_COOKIE, visitor.cookie(session::TOS_COOKIE, "", Some(0)));
        response
    };
    let Some(ticket) = visitor.tos_ticket.clone() else {
        return visitor.redirect("/admin/sign-in", flash("terms-expired"));
    };
    if form.get("decision") != "accept" {
        // Declined: the ticket is spent, not left to open a session later.
        let spent = sqlx::query("DELETE FROM tos_tickets WHERE ticket_hash = $1")
            .bind(crate::ids::token_hash(&ticket))
            .execute(&state.db.writer)
            .await;
        if let Err(e) = spent {
            return visitor.error(None, &ApiError::from(e));
        }
        return clear_ticket(visitor.redirect("/admin/sign-in", flash("terms-declined")));
    }
    match crate::sessions::accept_tos(&state, &Secret::new(ticket), form.get("version"), &ip).await {
        Ok(SessionResponse::SignedIn(signed)) => open_session(&state, &visitor, &signed, &ip).await,
        // Newer Terms were published meanwhile: show those.
        Err(e) if e.problem.code == latchkey_protocol::ErrorCode::TosVersionMismatch => visitor.redirect("/admin/terms", None),
        Ok(SessionResponse::TosRequired(_)) | Err(_) => clear_ticket(visitor.redirect("/admin/sign-in", flash("terms-expired"))),
    }
}

pub async fn sign_out(State(state): State<AppState>, VisitorForm(visitor, _): VisitorForm) -> Response {
    if let Err(e) = session::close(&state.db, state.now(), &visitor.token).await {
        return visitor.error(None, &ApiError::from(e));
    }
    let mut response = visitor.redirect("/admin/sign-in", flash("signed-out"));
    response.headers_mut().append(header::SET_COOKIE, visitor.cookie(session::COOKIE, &session::new_token(), None));
    response
}

fn forgot_form(visitor: &Visitor, email: &str, error: Option<&str>) -> Markup {
    html! {
        p { (visitor.t("forgot-intro")) }
        @if let Some(error) = error { p.error role="alert" { (error) } }
        // The script solves a proof-of-work challenge into the hidden fields before sending
        // (`pow`); without script the form is sent without one, which the free allowance takes.
        form.card method="post" action="/admin/forgot" data-pow="forgot" {
            (csrf_field(visitor))
            input type="hidden" name="pow_challenge" value="";
            input type="hidden" name="pow_signature" value="";
            input type="hidden" name="pow_solution" value="";
            (field("email", &visitor.t("label-email"), "email", email, "username", None))
            button.primary type="submit" { (visitor.t("button-send-code")) }
        }
        p { a href="/admin/sign-in" { (visitor.t("button-sign-in")) } }
    }
}

fn reset_form(visitor: &Visitor, email: &str, error: Option<&str>) -> Markup {
    html! {
        p role="status" { (visitor.with("code-sent", &[("email", email.into())])) }
        @if let Some(error) = error { p.error role="alert" { (error) } }
        form.card method="post" action="/admin/reset" {
            (csrf_field(visitor))
            input type="hidden" name="email" value=(email);
            div.field {
                label for="code" { (visitor.t("label-code")) }
                input #code name="code" type="text" inputmode="numeric" autocomplete="one-time-code" required;
            }
            div.field {
                label for="new_password" { (visitor.t("label-new-password")) }
                input #new_password name="new_password" type="password" autocomplete="new-password" required aria-describedby="password-hint";
                p.hint #password-hint { (visitor.with("password-hint", &[("min", visitor.password_min.into())])) }
            }
            button.primary type="submit" { (visitor.t("button-set-password")) }
        }
    }
}

pub async fn forgot_page(visitor: Visitor) -> Response {
    visitor.page(StatusCode::OK, None, &visitor.t("heading-forgot"), &forgot_form(&visitor, "", None))
}

pub async fn forgot(State(state): State<AppState>, ClientIp(ip): ClientIp, VisitorForm(visitor, form): VisitorForm) -> Response {
    let email = form.get("email").trim().to_owned();
    let title = visitor.t("heading-forgot");
    let proof = proof_of(&form);
    match crate::accounts::forgot(&state, &email, &ip, proof.as_ref()).await {
        Ok(()) => visitor.page(StatusCode::OK, None, &title, &reset_form(&visitor, &email, None)),
        Err(e) => visitor.page(e.status, None, &title, &forgot_form(&visitor, &email, Some(&visitor.error_message(&e)))),
    }
}

/// The solved challenge the script put in the form, if any. A solution that is not a number is
/// kept as one that cannot solve anything, so that it is refused as `proof_invalid`.
fn proof_of(form: &super::FormFields) -> Option<Proof> {
    let challenge = form.get("pow_challenge");
    (!challenge.is_empty()).then(|| Proof {
        challenge: challenge.to_owned(),
        signature: form.get("pow_signature").to_owned(),
        solution: form.get("pow_solution").trim().parse().unwrap_or(u64::MAX),
    })
}

pub async fn reset(State(state): State<AppState>, ClientIp(ip): ClientIp, VisitorForm(visitor, form): VisitorForm) -> Response {
    let email = form.get("email").trim().to_owned();
    let request = ResetPasswordRequest {
        email: email.clone(),
        code: Secret::new(form.get("code")),
        new_password: Secret::new(form.get("new_password")),
    };
    match crate::accounts::reset(&state, request, &ip).await {
        Ok(()) => visitor.redirect("/admin/sign-in", flash("password-set")),
        Err(e) => {
            visitor.page(e.status, None, &visitor.t("heading-forgot"), &reset_form(&visitor, &email, Some(&visitor.error_message(&e))))
        }
    }
}

#[derive(Deserialize)]
pub struct LanguageQuery {
    #[serde(default)]
    lang: String,
    #[serde(default)]
    next: String,
}

/// Whether `next` is a page of the portal (never another site: no `//host`, no backslashes).
fn is_portal_path(next: &str) -> bool {
    (next == "/admin" || next.starts_with("/admin/") || next.starts_with("/admin?"))
        && !next.contains("//")
        && !next.contains('\\')
        && next.bytes().all(|b| b.is_ascii_graphic())
}

pub async fn language(visitor: Visitor, Query(query): Query<LanguageQuery>) -> Response {
    let next = if is_portal_path(&query.next) { query.next.as_str() } else { "/admin/users" };
    let mut response = visitor.redirect(next, None);
    if let Some(language) = Language::from_tag(&query.lang) {
        response.headers_mut().append(header::SET_COOKIE, visitor.cookie(session::LANGUAGE_COOKIE, language.code(), Some(365 * 86_400)));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::is_portal_path;

    #[test]
    fn the_language_switch_returns_only_to_portal_pages() {
        for good in ["/admin", "/admin/users?q=a&cursor=b", "/admin/bulk/upl_1"] {
            assert!(is_portal_path(good), "{good}");
        }
        for bad in [
            "",
            "https://evil.example/admin/",
            "//evil.example/admin/",
            "/admin//evil.example",
            "/admin/\\evil",
            "/administrator",
            "/v1/me",
        ] {
            assert!(!is_portal_path(bad), "{bad}");
        }
    }

    #[test]
    fn the_terms_show_their_markdown_and_escape_html() {
        let page = super::terms_body("# Scope\n\nRead **all** of it.\n\n- one\n- two\n\n<script>alert(1)</script>").into_string();
        assert_eq!(
            page,
            "<h3>Scope</h3><p>Read <strong>all</strong> of it.</p><ul><li>one</li><li>two</li></ul>\
             <p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"
        );
    }
}
