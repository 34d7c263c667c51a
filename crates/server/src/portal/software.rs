//! Software in the portal: the organization's software policy (which products members may
//! install, at which version, and Latchkey's update channel), and the public download page of
//! Latchkey itself (the seed's "download it from the store").

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use latchkey_protocol::delivery::{compare_versions, Platform, ProductPolicy, SoftwarePolicy, UpdateChannel};
use maud::html;

use super::view::{csrf_field, table};
use super::{AdminForm, AdminPage, Flash, Visitor};
use crate::error::ApiError;
use crate::AppState;

const CHANNELS: [UpdateChannel; 3] = [UpdateChannel::Auto, UpdateChannel::Notify, UpdateChannel::Off];

/// The versions of `product` that may be pinned: published and not yanked, newest first.
async fn versions(state: &AppState, product: &str) -> Result<Vec<String>, ApiError> {
    let mut versions: Vec<String> =
        crate::releases::list(&state.db, Some(product)).await?.into_iter().filter(|r| r.yanked_at.is_none()).map(|r| r.version).collect();
    versions.dedup();
    versions.sort_by(|a, b| compare_versions(b, a));
    versions.dedup();
    Ok(versions)
}

pub async fn page(State(state): State<AppState>, page: AdminPage) -> Response {
    let visitor = &page.visitor;
    let policy = match crate::catalog::policy(&state.db, &page.admin.org).await {
        Ok(policy) => policy,
        Err(e) => return page.error(&e),
    };
    let mut rows = Vec::with_capacity(policy.products.len());
    for entry in &policy.products {
        match versions(&state, &entry.product).await {
            Ok(versions) => rows.push((entry, versions)),
            Err(e) => return page.error(&e),
        }
    }
    let content = html! {
        p { (visitor.t("software-intro")) }
        form method="post" action="/admin/software" {
            (csrf_field(visitor))
            label for="update-channel" { (visitor.t("label-update-channel")) }
            select #update-channel name="update_channel" {
                @for channel in CHANNELS {
                    option value=(channel.as_str()) selected[channel == policy.update_channel] { (visitor.t(&format!("update-channel-{}", channel.as_str()))) }
                }
            }
            p.hint { (visitor.t("update-channel-hint")) }
            @if rows.is_empty() {
                p { (visitor.t("no-subscriptions")) }
            } @else {
                (table(visitor, "software", &[visitor.t("column-product"), visitor.t("column-members-may-install"), visitor.t("column-version")], &html! {
                    @for (entry, versions) in &rows {
                        tr role="row" {
                            th scope="row" role="rowheader" data-label=(visitor.t("column-product")) { code { (entry.product) } }
                            td role="cell" data-label=(visitor.t("column-members-may-install")) {
                                input type="checkbox" id={ "allow-" (entry.product) } name={ "allow-" (entry.product) } checked[entry.allowed]
                                    aria-label={ (visitor.t("column-members-may-install")) ": " (entry.product) };
                            }
                            td role="cell" data-label=(visitor.t("column-version")) {
                                select name={ "pin-" (entry.product) } aria-label={ (visitor.t("column-version")) ": " (entry.product) } {
                                    option value="" selected[entry.pinned_version.is_none()] { (visitor.t("version-latest")) }
                                    @for version in versions {
                                        option value=(version) selected[entry.pinned_version.as_deref() == Some(version.as_str())] { (version) }
                                    }
                                }
                            }
                        }
                    }
                }))
            }
            button.primary type="submit" { (visitor.t("button-save")) }
        }
        p { a href="/admin/download" { (visitor.t("download-page-link")) } }
    };
    page.page(&visitor.t("heading-software"), &content)
}

pub async fn save(State(state): State<AppState>, AdminForm(page, form): AdminForm) -> Response {
    let Some(update_channel) = UpdateChannel::parse(form.get("update_channel")) else {
        return page.error(&ApiError::bad_request(latchkey_protocol::ErrorCode::InvalidRequest, "update_channel is auto, notify or off"));
    };
    let current = match crate::catalog::policy(&state.db, &page.admin.org).await {
        Ok(policy) => policy,
        Err(e) => return page.error(&e),
    };
    let products = current
        .products
        .into_iter()
        .map(|entry| {
            let pinned = form.get(&format!("pin-{}", entry.product)).trim().to_owned();
            ProductPolicy {
                allowed: form.get(&format!("allow-{}", entry.product)) == "on",
                pinned_version: (!pinned.is_empty()).then_some(pinned),
                product: entry.product,
            }
        })
        .collect();
    let policy = SoftwarePolicy { update_channel, products };
    match crate::catalog::set_policy(&state.db, state.now(), Some(&page.admin.user_id), &page.admin.org, policy).await {
        Ok(_) => page.visitor.redirect("/admin/software", Flash::new("software-saved", "")),
        Err(e) => page.error(&e),
    }
}

fn platform_label(platform: Platform) -> &'static str {
    match platform {
        Platform::WindowsX64 => "platform-windows-x64",
        Platform::WindowsX86 => "platform-windows-x86",
        Platform::LinuxX64Deb => "platform-linux-deb",
        Platform::LinuxX64Rpm => "platform-linux-rpm",
        Platform::MacosUniversalPkg => "platform-macos",
    }
}

/// The public download page: the latest Latchkey installer per platform, with its size and
/// SHA-256, for anyone (no session).
pub async fn download(State(state): State<AppState>, visitor: Visitor) -> Response {
    let releases = match crate::catalog::latchkey_releases(&state).await {
        Ok(releases) => releases,
        Err(e) => return visitor.error(None, &ApiError::from(e)),
    };
    let content = html! {
        p { (visitor.t("download-intro")) }
        @if releases.is_empty() {
            p #no-downloads { (visitor.t("no-downloads")) }
        } @else {
            ul.downloads {
                @for offered in &releases {
                    @let platform = visitor.t(platform_label(offered.release.platform));
                    @let megabytes = format!("{:.1}", offered.release.size as f64 / 1_048_576.0);
                    li {
                        a href={ "/v1/releases/" (offered.release.id) "/file" } download=(offered.release.file_name) {
                            (visitor.with("download-link", &[("platform", platform.as_str().into()), ("version", offered.release.version.as_str().into())]))
                        }
                        " "
                        span.hint { (visitor.with("download-size", &[("megabytes", megabytes.as_str().into())])) }
                        br;
                        small { "SHA-256 " code { (offered.release.sha256) } }
                    }
                }
            }
        }
        p { a href="/admin/sign-in" { (visitor.t("download-admin-link")) } }
    };
    visitor.page(StatusCode::OK, None, &visitor.t("heading-download"), &content)
}
