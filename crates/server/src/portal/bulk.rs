//! Bulk registration in the portal: upload a CSV, read the check of every line (a dry run of the
//! same `bulk::import` the API runs), then import. The file waits in `admin_uploads` between the
//! two, for the session that sent it. Downloads (the template, the lines with errors) are CSV
//! whose cells cannot start a spreadsheet formula.

use std::borrow::Cow;
use std::collections::HashMap;

use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use latchkey_protocol::{BulkFailure, BulkReport, ErrorCode};
use maud::{html, Markup};

use super::view::{csrf_field, table};
use super::{session, AdminForm, AdminPage, Flash, Visitor};
use crate::bulk::{self, Granter};
use crate::error::ApiError;
use crate::AppState;

/// How long an uploaded file waits for its import (housekeeping removes it after).
pub const UPLOAD_KEEP_SECS: i64 = 3600;

const TEMPLATE: &str = "email,first_name,last_name,country,roles,language\r\n\
                        ann.example@example.com,Ann,Example,DE,product_delivery_download,de\r\n\
                        bo.example@example.com,Bo,Example,SE,,en\r\n";

fn upload_form(visitor: &Visitor, alert: Option<&str>) -> Markup {
    html! {
        p { (visitor.t("bulk-intro")) }
        p { a #template href="/admin/bulk/template.csv" download="latchkey-users.csv" { (visitor.t("link-template")) } }
        @if let Some(alert) = alert { p.error role="alert" #upload-error { (alert) } }
        form.card #upload method="post" action="/admin/bulk" enctype="multipart/form-data" {
            (csrf_field(visitor))
            div.field {
                label for="file" { (visitor.t("label-file")) }
                input #file name="file" type="file" accept=".csv,text/csv" required;
            }
            button.primary type="submit" { (visitor.t("button-check")) }
        }
    }
}

pub async fn page(page: AdminPage) -> Response {
    page.page(&page.visitor.t("heading-bulk"), &upload_form(&page.visitor, None))
}

pub async fn template(page: AdminPage) -> Response {
    page.visitor.finish(csv_download("latchkey-users.csv", TEMPLATE.to_owned()))
}

fn csv_download(name: &str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response()
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, carriage return
/// first) gets a leading apostrophe, as OWASP advises for CSV exports.
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

pub async fn upload(State(state): State<AppState>, page: AdminPage, multipart: Result<Multipart, MultipartRejection>) -> Response {
    let visitor = &page.visitor;
    let mut multipart = match multipart {
        Ok(multipart) => multipart,
        Err(e) => return visitor.error(Some(&page), &ApiError::bad_request(ErrorCode::InvalidRequest, e.body_text())),
    };
    let title = visitor.t("heading-bulk");
    let refuse = |status: StatusCode, message: String| visitor.page(status, Some(&page), &title, &upload_form(visitor, Some(&message)));
    let mut csrf = None;
    let mut file: Option<(String, Vec<u8>)> = None;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return refuse(StatusCode::PAYLOAD_TOO_LARGE, visitor.t("error-too-large"))
            }
            Err(e) => return visitor.error(Some(&page), &ApiError::bad_request(ErrorCode::InvalidRequest, e.body_text())),
        };
        let name = field.name().unwrap_or_default().to_owned();
        let file_name = field.file_name().map(|n| n.chars().take(200).collect::<String>());
        let bytes = match field.bytes().await {
            Ok(bytes) => bytes,
            Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                return refuse(StatusCode::PAYLOAD_TOO_LARGE, visitor.t("error-too-large"))
            }
            Err(e) => return visitor.error(Some(&page), &ApiError::bad_request(ErrorCode::InvalidRequest, e.body_text())),
        };
        match name.as_str() {
            "csrf" => csrf = Some(String::from_utf8_lossy(&bytes).into_owned()),
            "file" => file = Some((file_name.unwrap_or_default(), bytes.to_vec())),
            _ => {}
        }
    }
    if let Err(refusal) = visitor.check_csrf(csrf.as_deref()) {
        return refusal;
    }
    let Some((file_name, bytes)) = file.filter(|(_, bytes)| !bytes.is_empty()) else {
        return refuse(StatusCode::BAD_REQUEST, visitor.t("error-file-missing"));
    };
    if bytes.len() > bulk::MAX_BYTES {
        return refuse(StatusCode::PAYLOAD_TOO_LARGE, visitor.t("error-too-large"));
    }
    // The whole-file checks (UTF-8, header, row count) answer now, before anything is stored.
    let level = page.admin.level;
    let (checked, bytes) = match tokio::task::spawn_blocking(move || (bulk::check(&bytes, level), bytes)).await {
        Ok(result) => result,
        Err(e) => return visitor.error(Some(&page), &ApiError::internal(&e)),
    };
    if let Err(e) = checked {
        return refuse(e.status, visitor.error_message(&e));
    }
    let id = crate::ids::new_id("upl");
    let stored =
        sqlx::query("INSERT INTO admin_uploads (id, session_hash, org_id, file_name, content, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id)
            .bind(session::key(&visitor.token))
            .bind(&page.admin.org)
            .bind(&file_name)
            .bind(bytes)
            .bind(state.now())
            .execute(&state.db.writer)
            .await;
    match stored {
        Ok(_) => visitor.redirect(&format!("/admin/bulk/{id}"), None),
        Err(e) => visitor.error(Some(&page), &ApiError::from(e)),
    }
}

/// The upload `$1` of the session `$2` and organization `$3`, sent after `$4`.
const THIS_SESSIONS_UPLOAD: &str = "id = $1 AND session_hash = $2 AND org_id = $3 AND created_at > $4";

/// The file `id` of this session and organization, if it is still kept.
async fn load(state: &AppState, page: &AdminPage, id: &str) -> Result<Option<(String, Vec<u8>)>, ApiError> {
    Ok(sqlx::query_as(&format!("SELECT file_name, content FROM admin_uploads WHERE {THIS_SESSIONS_UPLOAD}"))
        .bind(id)
        .bind(session::key(&page.visitor.token))
        .bind(&page.admin.org)
        .bind(state.now() - UPLOAD_KEEP_SECS)
        .fetch_optional(&state.db.pool)
        .await?)
}

/// Checks the file and runs the import (or its dry run).
async fn run(state: &AppState, page: &AdminPage, bytes: Vec<u8>, dry_run: bool) -> Result<BulkReport, ApiError> {
    let level = page.admin.level;
    let checked = tokio::task::spawn_blocking(move || bulk::check(&bytes, level)).await.map_err(|e| ApiError::internal(&e))??;
    let granter = Granter::Admin { user_id: page.admin.user_id.clone(), level };
    bulk::import(&state.db, state.now(), &page.admin.org, &granter, checked, dry_run).await
}

fn failures(visitor: &Visitor, failed: &[BulkFailure]) -> Markup {
    html! {
        (table(visitor, "failures", &[visitor.t("column-line"), visitor.t("column-email"), visitor.t("column-problem")], &html! {
            @for failure in failed {
                tr role="row" data-code=(failure.code) {
                    th scope="row" role="rowheader" data-label=(visitor.t("column-line")) { (failure.line) }
                    td role="cell" data-label=(visitor.t("column-email")) { (failure.email) }
                    td role="cell" data-label=(visitor.t("column-problem")) { (visitor.t(&format!("problem-{}", failure.code))) }
                }
            }
        }))
    }
}

fn expired(visitor: &Visitor) -> Response {
    visitor.redirect("/admin/bulk", Flash::new("upload-expired", ""))
}

pub async fn report(State(state): State<AppState>, page: AdminPage, Path(id): Path<String>) -> Response {
    let visitor = &page.visitor;
    let (file_name, bytes) = match load(&state, &page, &id).await {
        Ok(Some(upload)) => upload,
        Ok(None) => return expired(visitor),
        Err(e) => return page.error(&e),
    };
    let report = match run(&state, &page, bytes, true).await {
        Ok(report) => report,
        Err(e) => return page.error(&e),
    };
    let failed = report.failed.len() as u64;
    let content = html! {
        ul.summary #summary {
            li { (visitor.with("report-ready", &[("count", report.created.into())])) }
            @if report.already_registered > 0 { li { (visitor.with("report-already", &[("count", report.already_registered.into())])) } }
            li { (visitor.with("report-failed", &[("count", failed.into())])) }
        }
        @if failed > 0 {
            (failures(visitor, &report.failed))
            p { a #error-report href={ "/admin/bulk/" (id) "/errors.csv" } download="latchkey-errors.csv" { (visitor.t("link-error-report")) } }
            p.hint { (visitor.t("report-fix-hint")) }
        }
        div.actions {
            @if report.created > 0 {
                form method="post" action={ "/admin/bulk/" (id) "/import" } {
                    (csrf_field(visitor))
                    button.primary #import type="submit" { (visitor.with("button-import", &[("count", report.created.into())])) }
                }
            }
            a.button href="/admin/bulk" { (visitor.t("link-upload-another")) }
        }
    };
    page.page(&visitor.with("heading-report", &[("file", file_name.as_str().into())]), &content)
}

/// Takes the file `id` out of the store for its import: of two imports of one upload (a double
/// click, a reloaded result page), only one gets it.
async fn claim(state: &AppState, page: &AdminPage, id: &str) -> Result<Option<Vec<u8>>, ApiError> {
    Ok(sqlx::query_scalar(&format!("DELETE FROM admin_uploads WHERE {THIS_SESSIONS_UPLOAD} RETURNING content"))
        .bind(id)
        .bind(session::key(&page.visitor.token))
        .bind(&page.admin.org)
        .bind(state.now() - UPLOAD_KEEP_SECS)
        .fetch_optional(&state.db.writer)
        .await?)
}

pub async fn import(State(state): State<AppState>, Path(id): Path<String>, AdminForm(page, _): AdminForm) -> Response {
    let visitor = &page.visitor;
    let bytes = match claim(&state, &page, &id).await {
        Ok(Some(bytes)) => bytes,
        Ok(None) => return expired(visitor),
        Err(e) => return page.error(&e),
    };
    let report = match run(&state, &page, bytes, false).await {
        Ok(report) => report,
        Err(e) => return page.error(&e),
    };
    state.mail_wake.notify_one();
    let content = html! {
        div role="status" {
            ul.summary #summary {
                li #imported { (visitor.with("imported", &[("count", report.created.into())])) }
                @if report.already_registered > 0 { li { (visitor.with("report-already", &[("count", report.already_registered.into())])) } }
                @if !report.failed.is_empty() { li { (visitor.with("report-failed", &[("count", (report.failed.len() as u64).into())])) } }
            }
        }
        @if !report.failed.is_empty() {
            (failures(visitor, &report.failed))
        }
        p { a href="/admin/users" { (visitor.t("link-back-to-users")) } }
    };
    page.page(&visitor.t("heading-imported"), &content)
}

/// The lines with errors, as they were in the file plus a `problem` column, every cell
/// neutralised: fixed and uploaded again, the file imports (the column is read past).
pub fn error_report(bytes: &[u8], failed: &[BulkFailure], problem_text: impl Fn(&str) -> String) -> Result<String, csv::Error> {
    let by_line: HashMap<u64, &str> = failed.iter().map(|f| (f.line, f.code.as_str())).collect();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(bytes);
    let mut writer = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
    let header = reader.headers()?.clone();
    let keep: Vec<usize> = (0..header.len()).filter(|i| !header[*i].trim().eq_ignore_ascii_case(bulk::IGNORED_COLUMN)).collect();
    let mut out: Vec<String> = keep.iter().map(|i| neutralise(&header[*i]).into_owned()).collect();
    out.push(bulk::IGNORED_COLUMN.to_owned());
    writer.write_record(&out)?;
    for record in reader.records() {
        let record = record?;
        let line = bulk::start_line(bytes, &record);
        if let Some(code) = by_line.get(&line) {
            let mut out: Vec<String> = keep.iter().map(|i| neutralise(record.get(*i).unwrap_or("")).into_owned()).collect();
            out.push(neutralise(&problem_text(code)).into_owned());
            writer.write_record(&out)?;
        }
    }
    let bytes = writer.into_inner().map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

pub async fn errors_csv(State(state): State<AppState>, page: AdminPage, Path(id): Path<String>) -> Response {
    let visitor = &page.visitor;
    let (_, bytes) = match load(&state, &page, &id).await {
        Ok(Some(upload)) => upload,
        Ok(None) => return expired(visitor),
        Err(e) => return page.error(&e),
    };
    let report = match run(&state, &page, bytes.clone(), true).await {
        Ok(report) => report,
        Err(e) => return page.error(&e),
    };
    match error_report(&bytes, &report.failed, |code| visitor.t(&format!("problem-{code}"))) {
        Ok(csv) => visitor.finish(csv_download("latchkey-errors.csv", csv)),
        Err(e) => page.error(&ApiError::internal(&e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        for formula in ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] {
            assert!(neutralise(formula).starts_with('\''), "{formula:?}");
        }
        for plain in ["Ann", "ann@example.com", "DE", "", "O'Brien", "1=1"] {
            assert_eq!(neutralise(plain), plain);
        }
    }

    #[test]
    fn the_error_report_gives_back_the_failed_lines_neutralised_and_reimportable() {
        let file = "email,first_name,last_name,country\r\nok@example.com,Ok,Fine,DE\r\nbad@example.com,=cmd|' /C calc'!A0,Doe,XX\r\n\"multi\r\nline\"@example.com,A,B,DE\r\n";
        let failed = bulk::check(file.as_bytes(), 0).unwrap().failed;
        assert_eq!(failed.iter().map(|f| f.code.as_str()).collect::<Vec<_>>(), ["invalid_country", "invalid_email"], "{failed:?}");
        let report = error_report(file.as_bytes(), &failed, |code| format!("text of {code}")).unwrap();
        let mut reader = csv::Reader::from_reader(report.as_bytes());
        assert_eq!(reader.headers().unwrap().iter().collect::<Vec<_>>(), ["email", "first_name", "last_name", "country", "problem"]);
        let rows: Vec<Vec<String>> = reader.records().map(|r| r.unwrap().iter().map(str::to_owned).collect()).collect();
        assert_eq!(rows.len(), 2, "{report:?}");
        assert_eq!(rows[0], ["bad@example.com", "'=cmd|' /C calc'!A0", "Doe", "XX", "text of invalid_country"]);
        assert_eq!(rows[1][0], "multi\r\nline@example.com");
        // The report, fixed, is a file the import reads (the problem column is read past).
        let fixed = report.replace(",XX,", ",DE,");
        let checked = bulk::check(fixed.as_bytes(), 0).unwrap();
        assert_eq!(checked.rows.len(), 1);
        assert_eq!(checked.rows[0].country, "DE");
    }

    #[test]
    fn the_template_is_a_valid_file() {
        let checked = bulk::check(TEMPLATE.as_bytes(), 0).unwrap();
        assert_eq!(checked.rows.len(), 2);
        assert!(checked.failed.is_empty());
    }
}
