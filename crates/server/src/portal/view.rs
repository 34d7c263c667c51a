//! The frame every page shares (header, navigation, language switch) and the small pieces of
//! markup the pages repeat. maud escapes every value it prints.

use latchkey_protocol::Language;
use maud::{html, Markup, DOCTYPE};

use super::{AdminPage, Visitor};

/// The sections of the navigation: (path, message id).
const SECTIONS: [(&str, &str); 7] = [
    ("/admin/users", "nav-users"),
    ("/admin/users/new", "nav-add-user"),
    ("/admin/bulk", "nav-bulk"),
    ("/admin/domains", "nav-domains"),
    ("/admin/requests", "nav-requests"),
    ("/admin/software", "nav-software"),
    ("/admin/organization", "nav-organization"),
];

/// The section `here` belongs to (the longest matching path).
fn current_section(here: &str) -> Option<&'static str> {
    let path = here.split('?').next().unwrap_or(here);
    SECTIONS
        .iter()
        .map(|(p, _)| *p)
        .filter(|p| path == *p || (path.starts_with(p) && path[p.len()..].starts_with('/') && *p != "/admin/users"))
        .max_by_key(|p| p.len())
        .or_else(|| path.starts_with("/admin/users/").then_some("/admin/users"))
        .filter(|p| *p != "/admin/users" || path != "/admin/users/new")
}

pub fn layout(visitor: &Visitor, admin: Option<&AdminPage>, title: &str, content: &Markup) -> Markup {
    let portal = visitor.t("portal-title");
    let section = current_section(&visitor.path);
    html! {
        (DOCTYPE)
        html lang=(visitor.texts.language.code()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="referrer" content="same-origin";
                title { (title) " – " (portal) }
                link rel="stylesheet" href="/admin/assets/portal.css";
                script src="/admin/assets/portal.js" defer {}
            }
            body {
                a.skip href="#main" { (visitor.t("skip-to-content")) }
                header.top {
                    div.brand { span.logo aria-hidden="true" { "◆" } " " (portal) }
                    @if let Some(admin) = admin {
                        div.account {
                            span.who { (visitor.with("signed-in-as", &[("email", admin.admin.email.as_str().into())])) }
                            form method="post" action="/admin/sign-out" {
                                (csrf_field(visitor))
                                button.link type="submit" { (visitor.t("button-sign-out")) }
                            }
                        }
                    }
                }
                @if admin.is_some() {
                    nav aria-label=(visitor.t("nav-label")) {
                        ul {
                            @for (path, id) in SECTIONS {
                                li {
                                    @if section == Some(path) {
                                        a href=(path) aria-current="page" { (visitor.t(id)) }
                                    } @else {
                                        a href=(path) { (visitor.t(id)) }
                                    }
                                }
                            }
                        }
                    }
                }
                main #main tabindex="-1" {
                    h1 { (title) }
                    @if let Some(flash) = &visitor.flash {
                        p.flash role="status" { (visitor.with(&flash.id, &[("email", flash.subject.as_str().into()), ("domain", flash.subject.as_str().into())])) }
                    }
                    (content)
                }
                footer {
                    form.language method="get" action="/admin/language" {
                        input type="hidden" name="next" value=(visitor.here);
                        label for="language" { (visitor.t("language-label")) }
                        select #language name="lang" {
                            @for language in Language::ALL {
                                option value=(language.code()) lang=(language.code()) selected[language == visitor.texts.language] { (language.endonym()) }
                            }
                        }
                        button type="submit" { (visitor.t("button-change-language")) }
                    }
                }
            }
        }
    }
}

/// The hidden CSRF field every form carries.
pub fn csrf_field(visitor: &Visitor) -> Markup {
    html! { input type="hidden" name="csrf" value=(visitor.csrf()); }
}

/// A labelled text input; `error` shows under it and marks it invalid.
pub fn field(id: &str, label: &str, kind: &str, value: &str, autocomplete: &str, error: Option<&str>) -> Markup {
    let error_id = format!("{id}-error");
    html! {
        div.field {
            label for=(id) { (label) }
            input #(id) name=(id) type=(kind) value=(value) autocomplete=(autocomplete) required
                aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| error_id.as_str())];
            @if let Some(error) = error { p.field-error #(error_id) { (error) } }
        }
    }
}

/// The country picker: every ISO 3166 country by its English name and code (the script puts
/// the names in the page's language where the browser knows them).
pub fn country_select(visitor: &Visitor, selected: &str, error: Option<&str>) -> Markup {
    let mut countries: Vec<(&str, &str)> = isocountry::CountryCode::iter().map(|c| (c.alpha2(), c.name())).collect();
    countries.sort_by_key(|(_, name)| *name);
    html! {
        div.field {
            label for="country" { (visitor.t("label-country")) }
            select #country name="country" required data-country-names
                aria-invalid=[error.map(|_| "true")] aria-describedby=[error.map(|_| "country-error")] {
                option value="" { (visitor.t("choose-country")) }
                @for (code, name) in countries {
                    option value=(code) selected[code.eq_ignore_ascii_case(selected)] { (name) " (" (code) ")" }
                }
            }
            @if let Some(error) = error { p.field-error #country-error { (error) } }
        }
    }
}

/// A table: its column headers (an empty one is the actions column, named for screen readers
/// only) and its rows. The roles are explicit because the narrow layout restyles the elements,
/// which takes their table semantics away in some browsers.
pub fn table(visitor: &Visitor, id: &str, headers: &[String], rows: &Markup) -> Markup {
    html! {
        div.table-wrap {
            table #(id) role="table" {
                thead role="rowgroup" {
                    tr role="row" {
                        @for header in headers {
                            @if header.is_empty() {
                                th scope="col" role="columnheader" { span.visually-hidden { (visitor.t("column-actions")) } }
                            } @else {
                                th scope="col" role="columnheader" { (header) }
                            }
                        }
                    }
                }
                tbody role="rowgroup" { (rows) }
            }
        }
    }
}

/// A member's roles as words.
pub fn role_names(visitor: &Visitor, roles: &[String]) -> String {
    roles.iter().map(|r| visitor.t(&format!("role-{r}"))).collect::<Vec<_>>().join(", ")
}

/// A date of an RFC 3339 time, as the browser would write it (the script formats it locally).
pub fn date(rfc3339: &str) -> Markup {
    let day = rfc3339.get(..10).unwrap_or(rfc3339);
    html! { time datetime=(rfc3339) { (day) } }
}

#[cfg(test)]
mod tests {
    use super::current_section;

    #[test]
    fn the_navigation_marks_the_section_shown() {
        assert_eq!(current_section("/admin/users"), Some("/admin/users"));
        assert_eq!(current_section("/admin/users?q=ann"), Some("/admin/users"));
        assert_eq!(current_section("/admin/users/new"), Some("/admin/users/new"));
        assert_eq!(current_section("/admin/users/usr_1"), Some("/admin/users"));
        assert_eq!(current_section("/admin/bulk/upl_1"), Some("/admin/bulk"));
        assert_eq!(current_section("/admin/sign-in"), None);
    }
}
