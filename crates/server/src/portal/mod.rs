//! The User Management web portal at `/admin`: server-rendered pages (maud) for the
//! administrators of an organization, with a little progressive JavaScript. It calls the same
//! domain functions as the `/v1/orgs/{org}/…` API (`members`, `bulk`, `sessions`, `accounts`),
//! so every rule holds here too; these modules only translate between forms and those functions.
//!
//! Security, in one place: the session is an `HttpOnly`, `SameSite=Strict` cookie whose token only
//! the database's hash can recognise (`session`); every POST carries a CSRF token derived from
//! that cookie (`FormFields`, `bulk::upload`) and is refused when the browser says it comes from
//! another site (`guard`); rights are read from the database on every request (`AdminPage`);
//! pages are sent with a strict Content-Security-Policy, never framed, never cached.

mod auth;
mod bulk;
pub mod i18n;
mod manage;
pub mod session;
mod software;
mod view;

use std::convert::Infallible;

use axum::body::{Body, Bytes};
use axum::extract::{DefaultBodyLimit, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use latchkey_protocol::{ErrorCode, Language};
use maud::Markup;

use crate::error::ApiError;
use crate::members::{self, Admin};
use crate::AppState;
pub use bulk::UPLOAD_KEEP_SECS;
use i18n::{Arg, Texts};

/// The bulk upload's body limit: the file's 10 MiB plus the form around it.
const UPLOAD_LIMIT: usize = crate::bulk::MAX_BYTES + 64 * 1024;

pub fn router(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/admin", get(|| async { Redirect::to("/admin/users") }))
        .route("/admin/", get(|| async { Redirect::to("/admin/users") }))
        .route("/admin/assets/portal.css", get(|| async { asset("text/css; charset=utf-8", include_str!("assets/portal.css")) }))
        .route("/admin/assets/portal.js", get(|| async { asset("text/javascript; charset=utf-8", include_str!("assets/portal.js")) }))
        .route("/admin/language", get(auth::language))
        .route("/admin/sign-in", get(auth::sign_in_page).post(auth::sign_in))
        .route("/admin/terms", get(auth::terms_page).post(auth::terms))
        .route("/admin/sign-out", post(auth::sign_out))
        .route("/admin/forgot", get(auth::forgot_page).post(auth::forgot))
        .route("/admin/reset", post(auth::reset))
        .route("/admin/users", get(manage::users))
        .route("/admin/users/new", get(manage::add_page).post(manage::add))
        .route("/admin/users/{user}", get(manage::user))
        .route("/admin/users/{user}/roles", post(manage::set_roles))
        .route("/admin/users/{user}/remove", post(manage::remove))
        .route("/admin/bulk", get(bulk::page).post(bulk::upload).layer(DefaultBodyLimit::max(UPLOAD_LIMIT)))
        .route("/admin/bulk/template.csv", get(bulk::template))
        .route("/admin/bulk/{upload}", get(bulk::report))
        .route("/admin/bulk/{upload}/errors.csv", get(bulk::errors_csv))
        .route("/admin/bulk/{upload}/import", post(bulk::import))
        .route("/admin/domains", get(manage::domains))
        .route("/admin/domains/{domain}", post(manage::set_domain))
        .route("/admin/requests", get(manage::requests))
        .route("/admin/requests/{id}/{decision}", post(manage::decide))
        .route("/admin/organization", get(manage::organization))
        .route("/admin/software", get(software::page).post(software::save))
        // The portal's pages share its cookies' path (`/admin`): the public page lives there too,
        // and the short address leads to it.
        .route("/admin/download", get(software::download))
        .route("/download", get(|| async { Redirect::to("/admin/download") }))
        .layer(axum::middleware::from_fn_with_state(state, guard))
}

/// The static assets: small, and revalidated every few minutes so that an upgrade shows soon.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "public, max-age=300")], body).into_response()
}

const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; \
                   frame-ancestors 'none'; base-uri 'none'";

/// Refuses a change that the browser says comes from another site (`Sec-Fetch-Site`, `Origin`),
/// before any handler runs, and adds the portal's security headers to every answer.
async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if request.method() != Method::GET
        && request.method() != Method::HEAD
        && from_another_site(request.headers(), &state.settings.public_url)
    {
        tracing::warn!(path = %request.uri().path(), "refused a cross-site change to the portal");
        let mut response = (StatusCode::FORBIDDEN, "cross-site requests are refused").into_response();
        add_security_headers(response.headers_mut());
        return response;
    }
    let mut response = next.run(request).await;
    add_security_headers(response.headers_mut());
    response
}

/// Whether the browser says the request comes from another site. The `Origin` must name this
/// server: the `Host` asked for, or the public URL (a reverse proxy may rewrite `Host`).
fn from_another_site(headers: &HeaderMap, public_url: &str) -> bool {
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if text("sec-fetch-site").is_some_and(|site| site != "same-origin" && site != "none") {
        return true;
    }
    let Some(origin) = text("origin") else { return false };
    let authority = origin.split_once("://").map(|(_, authority)| authority);
    let ours = authority.is_some() && authority == text("host");
    let public = public_url.trim_end_matches('/');
    !(ours || origin.eq_ignore_ascii_case(public))
}

fn add_security_headers(headers: &mut HeaderMap) {
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    // `same-origin`, not `no-referrer`: with no referrer, a browser sends `Origin: null` on our
    // own forms, and the guard above could no longer tell them from a foreign page's.
    headers.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
}

/// A one-time message for the page a change redirects to: a message id of [`FLASHES`] and the
/// address or domain it names (`$email`, `$domain`).
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Flash {
    pub id: String,
    #[serde(default)]
    pub subject: String,
}

impl Flash {
    pub fn new(id: &str, subject: &str) -> Option<Flash> {
        Some(Flash { id: id.to_owned(), subject: subject.to_owned() })
    }
}

/// The messages a flash may carry (any other cookie value is ignored).
const FLASHES: [&str; 12] = [
    "user-added",
    "roles-saved",
    "user-removed",
    "domain-saved",
    "request-approved",
    "request-rejected",
    "signed-out",
    "password-set",
    "terms-declined",
    "terms-expired",
    "upload-expired",
    "software-saved",
];

/// Whoever asks for a page: their language, their browser token (made now when they have none)
/// and the flash their last change left.
pub struct Visitor {
    pub texts: Texts,
    token: String,
    fresh: bool,
    pub flash: Option<Flash>,
    secure: bool,
    /// The path and query of the page to return to after switching the language.
    pub here: String,
    /// The path asked for (the navigation marks its section).
    pub path: String,
    tos_ticket: Option<String>,
    /// The password policy's minimum length (for the weak-password reasons).
    password_min: u64,
}

fn cookies(headers: &HeaderMap) -> impl Iterator<Item = (&str, &str)> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
}

impl FromRequestParts<AppState> for Visitor {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Infallible> {
        let mut token = None;
        let mut language = None;
        let mut flash = None;
        let mut tos_ticket = None;
        for (name, value) in cookies(&parts.headers) {
            match name {
                session::COOKIE if value.len() >= 32 => token = Some(value.to_owned()),
                session::LANGUAGE_COOKIE => language = Language::from_tag(value),
                session::FLASH_COOKIE => {
                    flash = crate::ids::b64_decode(value)
                        .and_then(|json| serde_json::from_slice::<Flash>(&json).ok())
                        .filter(|f| FLASHES.contains(&f.id.as_str()));
                }
                session::TOS_COOKIE => tos_ticket = Some(value.to_owned()),
                _ => {}
            }
        }
        let language = language
            .or_else(|| parts.headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).and_then(Language::from_accept_language))
            .unwrap_or_default();
        let fresh = token.is_none();
        Ok(Visitor {
            texts: Texts::new(language),
            token: token.unwrap_or_else(session::new_token),
            fresh,
            flash,
            secure: state.settings.public_url.starts_with("https://"),
            path: parts.uri.path().to_owned(),
            // The page to come back to after switching the language: a page rendered for a POST
            // has no GET of its own.
            here: if parts.method == Method::GET {
                parts.uri.path_and_query().map_or_else(|| "/admin/users".to_owned(), ToString::to_string)
            } else {
                "/admin/users".to_owned()
            },
            tos_ticket,
            password_min: state.settings.password_min_length as u64,
        })
    }
}

impl Visitor {
    pub fn t(&self, id: &str) -> String {
        self.texts.t(id)
    }

    pub fn with(&self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        self.texts.with(id, args)
    }

    /// The CSRF token for this visitor's forms.
    pub fn csrf(&self) -> String {
        session::csrf_token(&self.token)
    }

    /// `name=value` with the portal's attributes: only for `/admin`, never readable by script,
    /// never sent by another site's request; `Secure` when the server is reached over HTTPS.
    fn cookie(&self, name: &str, value: &str, max_age: Option<i64>) -> HeaderValue {
        let mut cookie = format!("{name}={value}; Path=/admin; HttpOnly; SameSite=Strict");
        if self.secure {
            cookie.push_str("; Secure");
        }
        if let Some(seconds) = max_age {
            cookie.push_str("; Max-Age=");
            cookie.push_str(&seconds.to_string());
        }
        HeaderValue::from_str(&cookie).unwrap_or_else(|_| HeaderValue::from_static(""))
    }

    /// Adds the cookies this visit changes: a new browser token, a consumed flash.
    fn finish(&self, mut response: Response) -> Response {
        let headers = response.headers_mut();
        if self.fresh {
            headers.append(header::SET_COOKIE, self.cookie(session::COOKIE, &self.token, None));
        }
        if self.flash.is_some() && !headers.get_all(header::SET_COOKIE).iter().any(|c| c.as_bytes().starts_with(b"latchkey_admin_flash=")) {
            headers.append(header::SET_COOKIE, self.cookie(session::FLASH_COOKIE, "", Some(0)));
        }
        response
    }

    /// A whole page.
    pub fn page(&self, status: StatusCode, admin: Option<&AdminPage>, title: &str, content: &Markup) -> Response {
        let markup = view::layout(self, admin, title, content);
        self.finish((status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.into_string()).into_response())
    }

    /// 303 to `to` (a path of the portal), leaving `flash` for it.
    pub fn redirect(&self, to: &str, flash: Option<Flash>) -> Response {
        let mut response = Redirect::to(to).into_response();
        if let Some(flash) = flash {
            let value = crate::ids::b64(serde_json::to_string(&flash).unwrap_or_default().as_bytes());
            response.headers_mut().append(header::SET_COOKIE, self.cookie(session::FLASH_COOKIE, &value, Some(60)));
        }
        self.finish(response)
    }

    /// The page for a refusal or failure of the domain layer.
    pub fn error(&self, admin: Option<&AdminPage>, error: &ApiError) -> Response {
        let message = self.error_message(error);
        let content = maud::html! {
            p.error role="alert" { (message) }
            @if admin.is_some() { p { a href="/admin/users" { (self.t("link-back-to-users")) } } }
        };
        self.page(error.status, admin, &self.t("heading-error"), &content)
    }

    /// The words for `error`, in this visitor's language.
    pub fn error_message(&self, error: &ApiError) -> String {
        let minutes = || error.problem.retry_after.unwrap_or(60).div_ceil(60);
        match error.problem.code {
            ErrorCode::Forbidden => self.t("error-forbidden"),
            ErrorCode::NotFound => self.t("error-not-found"),
            ErrorCode::PayloadTooLarge => self.t("error-too-large"),
            ErrorCode::TooManyRows => self.t("error-too-many-rows"),
            ErrorCode::InvalidCsv => {
                self.with("error-invalid-csv", &[("detail", error.problem.detail.as_deref().unwrap_or_default().into())])
            }
            ErrorCode::LastAdministrator => self.t("error-last-administrator"),
            ErrorCode::RoleNotGrantable => self.t("problem-role_not_grantable"),
            ErrorCode::UnknownRole => self.t("problem-unknown_role"),
            ErrorCode::AlreadyMember => self.t("error-already-member"),
            ErrorCode::MemberOfOtherOrg => self.t("error-other-org"),
            ErrorCode::PublicDomain => self.t("error-public-domain"),
            ErrorCode::DomainTaken => self.t("error-domain-taken"),
            ErrorCode::DomainNotVerified => self.t("error-domain-not-verified"),
            ErrorCode::InvalidCredentials => self.t("error-credentials"),
            ErrorCode::AccountLocked => self.with("error-locked", &[("minutes", minutes().into())]),
            ErrorCode::RateLimited => self.with("error-rate-limited", &[("minutes", minutes().into())]),
            ErrorCode::ProofRequired => self.t("error-proof-required"),
            ErrorCode::ProofInvalid => self.t("error-proof-invalid"),
            ErrorCode::InvalidCode | ErrorCode::CodeExpired => self.t("error-code"),
            ErrorCode::InvalidEmail => self.t("error-field-email"),
            ErrorCode::InvalidRequest if !error.problem.errors.is_empty() => self.t("error-validation"),
            ErrorCode::InvalidRequest => {
                self.with("error-bad-request", &[("detail", error.problem.detail.as_deref().unwrap_or_default().into())])
            }
            ErrorCode::WeakPassword => {
                let min = self.password_min;
                let reasons: Vec<String> = error
                    .problem
                    .reasons
                    .iter()
                    .map(|r| {
                        let id = format!(
                            "weak-{}",
                            serde_json::to_value(r).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
                        );
                        self.with(&id, &[("min", min.into())])
                    })
                    .collect();
                self.with("weak-password", &[("reasons", reasons.join(", ").as_str().into())])
            }
            code => self.with("error-generic", &[("code", code.as_str().into())]),
        }
    }

    /// Refuses a form whose CSRF token is not this browser's.
    fn check_csrf(&self, presented: Option<&str>) -> Result<(), Response> {
        match presented {
            Some(token) if !self.fresh && session::csrf_matches(&self.token, token) => Ok(()),
            _ => {
                tracing::warn!(path = %self.here.split('?').next().unwrap_or_default(), "refused a portal form without a valid CSRF token");
                let error = ApiError::forbidden("the form's CSRF token is missing or wrong");
                let content = maud::html! { p.error role="alert" { (self.t("error-csrf")) } };
                Err(self.page(error.status, None, &self.t("heading-error"), &content))
            }
        }
    }
}

/// A signed-in administrator of their organization, as the database says now. Anyone else is
/// sent to the sign-in page (no session) or refused with 403 (no administrator role).
pub struct AdminPage {
    pub visitor: Visitor,
    pub admin: Admin,
}

impl FromRequestParts<AppState> for AdminPage {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let Ok(visitor) = Visitor::from_request_parts(parts, state).await;
        let user = match session::user(&state.db, state.now(), &visitor.token).await {
            Ok(Some(user)) => user,
            Ok(None) => return Err(visitor.redirect("/admin/sign-in", None)),
            Err(e) => return Err(visitor.error(None, &ApiError::from(e))),
        };
        let refusal = match members::authorize_in_own_org(&state.db, &user).await {
            Ok(Some(admin)) => return Ok(AdminPage { visitor, admin }),
            Ok(None) => ApiError::forbidden("only an administrator of this organization may do this"),
            Err(error) => error,
        };
        // Signed in but no administrator (demoted, removed): refused, with a way to sign out.
        let content = maud::html! {
            p.error role="alert" { (visitor.error_message(&refusal)) }
            form method="post" action="/admin/sign-out" {
                (view::csrf_field(&visitor))
                button type="submit" { (visitor.t("button-sign-out")) }
            }
        };
        Err(visitor.page(refusal.status, None, &visitor.t("heading-error"), &content))
    }
}

impl AdminPage {
    pub fn page(&self, title: &str, content: &Markup) -> Response {
        self.visitor.page(StatusCode::OK, Some(self), title, content)
    }

    pub fn error(&self, error: &ApiError) -> Response {
        self.visitor.error(Some(self), error)
    }
}

/// The fields of a URL-encoded form (a name may repeat), accepted only with this browser's CSRF
/// token in its `csrf` field: a handler cannot take a form without the check.
pub struct FormFields {
    fields: Vec<(String, String)>,
}

impl FormFields {
    pub fn get(&self, name: &str) -> &str {
        self.fields.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }

    pub fn all(&self, name: &str) -> Vec<String> {
        self.fields.iter().filter(|(n, _)| n == name).map(|(_, v)| v.clone()).collect()
    }
}

/// A POST of an administrator: the session and rights of [`AdminPage`], then the form.
pub struct AdminForm(pub AdminPage, pub FormFields);

async fn read_form(visitor: &Visitor, body: Body) -> Result<FormFields, Response> {
    let bytes: Bytes = axum::body::to_bytes(body, crate::http::BODY_LIMIT).await.map_err(|_| {
        visitor.error(None, &ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge).detail("the form is too large"))
    })?;
    let fields: Vec<(String, String)> = serde_urlencoded::from_bytes(&bytes)
        .map_err(|e| visitor.error(None, &ApiError::bad_request(ErrorCode::InvalidRequest, format!("the form cannot be read: {e}"))))?;
    let form = FormFields { fields };
    visitor.check_csrf(Some(form.get("csrf")).filter(|t| !t.is_empty()))?;
    Ok(form)
}

/// A POST of anyone (sign-in, Terms, forgot password): the visitor and the checked form.
pub struct VisitorForm(pub Visitor, pub FormFields);

impl FromRequest<AppState> for VisitorForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Ok(visitor) = Visitor::from_request_parts(&mut parts, state).await;
        let form = read_form(&visitor, body).await?;
        Ok(VisitorForm(visitor, form))
    }
}

impl FromRequest<AppState> for AdminForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let admin = AdminPage::from_request_parts(&mut parts, state).await?;
        let form = read_form(&admin.visitor, body).await?;
        Ok(AdminForm(admin, form))
    }
}

/// The HTML answer for an unknown path under `/admin` (the API's fallback answers JSON).
pub async fn not_found(parts: Parts, state: &AppState) -> Response {
    let mut parts = parts;
    let Ok(visitor) = Visitor::from_request_parts(&mut parts, state).await;
    let mut response = visitor.error(None, &ApiError::not_found());
    add_security_headers(response.headers_mut());
    response
}

#[cfg(test)]
mod tests {
    use axum::http::{HeaderMap, HeaderValue};

    use super::from_another_site;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(n, v)| (axum::http::HeaderName::from_static(n), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn only_the_portals_own_pages_may_post() {
        let public = "https://admin.acme.example";
        for own in [
            headers(&[("host", "127.0.0.1:8080")]),
            headers(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080"), ("sec-fetch-site", "same-origin")]),
            // Behind a proxy that rewrote Host, the public URL is our origin.
            headers(&[("host", "backend:8080"), ("origin", "https://admin.acme.example")]),
        ] {
            assert!(!from_another_site(&own, public), "{own:?}");
        }
        for foreign in [
            headers(&[("host", "127.0.0.1:8080"), ("origin", "http://evil.example")]),
            headers(&[("host", "127.0.0.1:8080"), ("origin", "null")]),
            headers(&[("host", "127.0.0.1:8080"), ("sec-fetch-site", "cross-site")]),
            headers(&[("host", "127.0.0.1:8080"), ("sec-fetch-site", "same-site")]),
            headers(&[("origin", "https://admin.acme.example.evil.example")]),
        ] {
            assert!(from_another_site(&foreign, public), "{foreign:?}");
        }
    }
}
