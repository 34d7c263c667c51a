//! Bulk registration from a CSV file (`POST …/users:bulk`, `latchkey-server users import`).
//!
//! Two passes. The first reads the whole file (at most 10 MiB, held once) and checks everything
//! that can refuse the file as a whole — UTF-8, the header, the row count — and every row, before
//! anything is written: a bad file never leaves half an import. The second writes the valid rows
//! in batches of [`BATCH`], each in one transaction with its invitation mails, so a crash leaves
//! only whole rows and re-running the file completes it (addresses already in the organization
//! are counted and left unchanged).

use std::collections::HashSet;

use axum::http::StatusCode;
use latchkey_protocol::{BulkFailure, BulkReport, ErrorCode, Language};

use crate::audit::{self, Entry};
use crate::db::Db;
use crate::error::ApiError;
use crate::roles;
use crate::validate::{self, Email};

/// Files above this are refused with 413 `payload_too_large`.
pub const MAX_BYTES: usize = 10 * 1024 * 1024;
/// Files with more data rows than this are refused with 413 `too_many_rows`.
pub const MAX_ROWS: usize = 100_000;
/// Rows per transaction: short enough not to hold `SQLite`'s single writer for long (refreshes
/// wait behind it), long enough to amortise each commit.
const BATCH: usize = 1000;

/// Who imports: an administrator grants roles at or below its own rank; the operator any role.
#[derive(Clone, Debug)]
pub enum Granter {
    Admin { user_id: String, level: usize },
    Operator,
}

impl Granter {
    fn by(&self) -> String {
        match self {
            Granter::Admin { user_id, .. } => user_id.clone(),
            Granter::Operator => "operator".into(),
        }
    }
}

/// A valid row, ready to write. Kept small: a file holds up to 100,000 of them.
#[derive(Debug)]
pub struct Row {
    pub line: u64,
    /// The address as stored (the domain normalised).
    pub address: String,
    /// The comparison key (lower case).
    pub key: String,
    pub first_name: String,
    pub last_name: String,
    pub country: String,
    /// Bit `i` set: the role `roles::ALL[i]`.
    pub roles: u8,
    pub language: Language,
}

impl Row {
    /// The granted roles, highest first.
    pub fn roles(&self) -> impl Iterator<Item = &'static str> + '_ {
        roles::ALL.iter().enumerate().filter(move |(i, _)| self.roles & (1 << i) != 0).map(|(_, (id, _))| *id)
    }
}

/// The file, checked: the valid rows and the refused ones.
#[derive(Debug, Default)]
pub struct Checked {
    pub rows: Vec<Row>,
    pub failed: Vec<BulkFailure>,
}

fn invalid_csv(detail: impl Into<String>) -> ApiError {
    ApiError::bad_request(ErrorCode::InvalidCsv, detail)
}

/// A column that is read past: the reason the portal's error report gives for each line.
pub const IGNORED_COLUMN: &str = "problem";

/// The columns, by position.
struct Columns {
    email: usize,
    first_name: usize,
    last_name: usize,
    country: usize,
    roles: Option<usize>,
    language: Option<usize>,
}

fn columns(header: &csv::StringRecord) -> Result<Columns, ApiError> {
    let mut seen = HashSet::new();
    let find = |name: &str| header.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    for field in header {
        let name = field.trim().to_ascii_lowercase();
        // The portal's error report adds `problem` to the lines it gives back; a file fixed
        // from it is accepted as it is.
        if name == IGNORED_COLUMN {
            continue;
        }
        if !["email", "first_name", "last_name", "country", "roles", "language"].contains(&name.as_str()) {
            return Err(invalid_csv(format!(
                "unknown column `{}` in the header (expected email,first_name,last_name,country[,roles][,language])",
                field.chars().take(40).collect::<String>()
            )));
        }
        if !seen.insert(name.clone()) {
            return Err(invalid_csv(format!("the column `{name}` appears twice in the header")));
        }
    }
    let required = |name: &str| find(name).ok_or_else(|| invalid_csv(format!("the header lacks the column `{name}`")));
    Ok(Columns {
        email: required("email")?,
        first_name: required("first_name")?,
        last_name: required("last_name")?,
        country: required("country")?,
        roles: find("roles"),
        language: find("language"),
    })
}

/// Checks the file: the whole of it first (UTF-8, header, at most [`MAX_ROWS`] rows), then each
/// row. `granter_level` is the importer's rank (roles above it are refused per row).
pub fn check(bytes: &[u8], granter_level: usize) -> Result<Checked, ApiError> {
    if bytes.len() > MAX_BYTES {
        return Err(
            ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::PayloadTooLarge).detail("a bulk import file may hold at most 10 MiB")
        );
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()].split(|b| *b == b'\n').count();
        return Err(invalid_csv(format!("the file is not UTF-8 text (line {line}, byte {})", e.valid_up_to() + 1)));
    }
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(true).from_reader(bytes);
    let header = reader.headers().map_err(|e| invalid_csv(format!("the header cannot be read: {e}")))?.clone();
    if header.is_empty() || header.iter().all(|h| h.trim().is_empty()) {
        return Err(invalid_csv("the file is empty: expected the header email,first_name,last_name,country[,roles][,language]"));
    }
    let columns = columns(&header)?;
    let mut checked = Checked::default();
    let mut record = csv::StringRecord::new();
    let mut count = 0_usize;
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                return Err(invalid_csv(format!("line {line} is not valid CSV: {e}")));
            }
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        count += 1;
        if count > MAX_ROWS {
            return Err(ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, ErrorCode::TooManyRows)
                .detail(format!("a bulk import file may hold at most {MAX_ROWS} rows; split the file")));
        }
        let line = start_line(bytes, &record);
        match check_row(&record, &columns, granter_level, line) {
            Ok(row) => checked.rows.push(row),
            Err(code) => {
                let email = record.get(columns.email).unwrap_or("").trim().chars().take(254).collect();
                checked.failed.push(BulkFailure { line, email, code: code.into() });
            }
        }
    }
    // A later row with an address seen before is a duplicate: sort by address then line, without
    // a second copy of every address.
    let mut order: Vec<usize> = (0..checked.rows.len()).collect();
    order.sort_unstable_by(|a, b| checked.rows[*a].key.cmp(&checked.rows[*b].key).then(a.cmp(b)));
    let mut duplicate = vec![false; checked.rows.len()];
    for pair in order.windows(2) {
        if checked.rows[pair[0]].key == checked.rows[pair[1]].key {
            duplicate[pair[1]] = true;
        }
    }
    drop(order);
    let mut index = 0;
    checked.rows.retain(|row| {
        let keep = !duplicate[index];
        index += 1;
        if !keep {
            checked.failed.push(BulkFailure { line: row.line, email: row.address.clone(), code: "duplicate_row".into() });
        }
        keep
    });
    checked.failed.sort_by_key(|f| f.line);
    Ok(checked)
}

/// The physical line where `record` starts. The csv reader, after a CRLF, counts the record from
/// the `\n` it has not consumed yet, one line early: such a start is moved past it.
pub fn start_line(bytes: &[u8], record: &csv::StringRecord) -> u64 {
    record.position().map_or(0, |p| {
        let at = usize::try_from(p.byte()).unwrap_or(usize::MAX);
        p.line() + u64::from(bytes.get(at) == Some(&b'\n'))
    })
}

fn check_row(record: &csv::StringRecord, columns: &Columns, granter_level: usize, line: u64) -> Result<Row, &'static str> {
    let cell = |index: usize| record.get(index).unwrap_or("");
    let Email { address, key, .. } = validate::email(cell(columns.email))?;
    let first_name = validate::name(cell(columns.first_name))?;
    let last_name = validate::name(cell(columns.last_name))?;
    let country = validate::country(cell(columns.country))?;
    let mut granted = 0_u8;
    for role in columns.roles.map_or("", cell).split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let rank = roles::rank(&role.to_ascii_lowercase());
        if rank == roles::ALL.len() {
            return Err("unknown_role");
        }
        if rank < granter_level {
            return Err("role_not_grantable");
        }
        granted |= 1 << rank;
    }
    let language = match columns.language.map(cell).map(str::trim).filter(|l| !l.is_empty()) {
        None => Language::default(),
        Some(tag) => Language::from_tag(tag).ok_or("invalid_language")?,
    };
    Ok(Row { line, address, key, first_name, last_name, country, roles: granted, language })
}

/// `$n, $n+1, …` for `count` rows of `width` parameters, starting after `offset`.
fn placeholders(rows: usize, width: usize, offset: usize) -> String {
    (0..rows)
        .map(|r| format!("({})", (1..=width).map(|c| format!("${}", offset + r * width + c)).collect::<Vec<_>>().join(", ")))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Writes `checked` into `org` (or, with `dry_run`, only classifies its rows); one transaction
/// per batch. Answers 404 for an unknown organization.
pub async fn import(db: &Db, now: i64, org: &str, granter: &Granter, checked: Checked, dry_run: bool) -> Result<BulkReport, ApiError> {
    let org_name: Option<String> = sqlx::query_scalar("SELECT name FROM orgs WHERE id = $1").bind(org).fetch_optional(&db.pool).await?;
    let org_name = org_name.ok_or_else(|| ApiError::not_found().detail(format!("no organization `{org}`")))?;
    let mut report = BulkReport { created: 0, already_registered: 0, failed: checked.failed, dry_run };
    for batch in checked.rows.chunks(BATCH) {
        let batch: Vec<&Row> = batch.iter().collect();
        let outcome = if dry_run {
            let mut conn = db.pool.acquire().await?;
            classify(&mut conn, db.rows_per_statement(), org, &batch).await?
        } else {
            let mut tx = db.begin().await?;
            let outcome = classify_and_write(&mut tx, db.rows_per_statement(), now, org, &org_name, &batch).await?;
            audit::record(
                &mut tx,
                now,
                "users_imported",
                Entry {
                    detail: serde_json::json!({"org": org, "by": granter.by(), "created": outcome.new.len() + outcome.joining.len(),
                        "already_registered": outcome.members, "failed": outcome.elsewhere.len()}),
                    ..Entry::default()
                },
            )
            .await?;
            tx.commit().await?;
            outcome
        };
        report.created += (outcome.new.len() + outcome.joining.len()) as u64;
        report.already_registered += outcome.members;
        report.failed.extend(outcome.elsewhere.iter().map(|row| BulkFailure {
            line: row.line,
            email: row.address.clone(),
            code: "member_of_other_org".into(),
        }));
    }
    report.failed.sort_by_key(|f| f.line);
    if !dry_run && report.created > 0 {
        if let Err(e) = db.analyze_after_bulk().await {
            tracing::warn!(error = %e, "could not refresh the planner's statistics after a bulk import");
        }
    }
    Ok(report)
}

/// What the database says of a batch's addresses.
struct Outcome<'a> {
    /// No account yet: created.
    new: Vec<&'a Row>,
    /// An account with no organization: joins.
    joining: Vec<Joining<'a>>,
    /// Already in this organization: unchanged.
    members: u64,
    /// In another organization: refused.
    elsewhere: Vec<&'a Row>,
}

struct Joining<'a> {
    row: &'a Row,
    id: String,
    /// The address as the account holds it: mail goes there, not to the file's spelling.
    stored_email: String,
    /// Whether the account has a password already (else it gets an invitation).
    has_password: bool,
}

impl<'a> Outcome<'a> {
    fn merge(&mut self, other: Outcome<'a>) {
        self.new.extend(other.new);
        self.joining.extend(other.joining);
        self.members += other.members;
        self.elsewhere.extend(other.elsewhere);
    }
}

/// Classifies `rows` and writes them, in the caller's transaction. A row whose account another
/// transaction created or moved into an organization between the read and the write changed
/// nothing (the insert and the join are conditional); it is classified again, and whatever still
/// races after a few rounds is reported as another organization's.
async fn classify_and_write<'a>(
    tx: &mut crate::db::Tx,
    rows_per_statement: usize,
    now: i64,
    org: &str,
    org_name: &str,
    rows: &[&'a Row],
) -> Result<Outcome<'a>, sqlx::Error> {
    let mut done = Outcome { new: Vec::new(), joining: Vec::new(), members: 0, elsewhere: Vec::new() };
    let mut pending: Vec<&'a Row> = rows.to_vec();
    for _ in 0..3 {
        if pending.is_empty() {
            break;
        }
        let mut outcome = classify(tx, rows_per_statement, org, &pending).await?;
        pending = write(tx, rows_per_statement, now, org, org_name, &mut outcome).await?;
        done.merge(outcome);
    }
    done.elsewhere.extend(pending);
    Ok(done)
}

async fn classify<'a>(
    conn: &mut sqlx::AnyConnection,
    rows_per_statement: usize,
    org: &str,
    batch: &[&'a Row],
) -> Result<Outcome<'a>, sqlx::Error> {
    let mut existing = std::collections::HashMap::new();
    for chunk in batch.chunks(rows_per_statement) {
        let sql = format!(
            "SELECT email_key, id, email, org_id, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END FROM users WHERE email_key IN ({})",
            (1..=chunk.len()).map(|i| format!("${i}")).collect::<Vec<_>>().join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, String, String, Option<String>, i64)>(&sql);
        for row in chunk {
            query = query.bind(&row.key);
        }
        existing.extend(
            query
                .fetch_all(&mut *conn)
                .await?
                .into_iter()
                .map(|(key, id, email, org_id, has_password)| (key, (id, email, org_id, has_password))),
        );
    }
    let mut outcome = Outcome { new: Vec::new(), joining: Vec::new(), members: 0, elsewhere: Vec::new() };
    for &row in batch {
        match existing.get(&row.key) {
            None => outcome.new.push(row),
            Some((id, email, None, has_password)) => {
                outcome.joining.push(Joining { row, id: id.clone(), stored_email: email.clone(), has_password: *has_password == 1 });
            }
            Some((_, _, Some(member_of), _)) if member_of == org => outcome.members += 1,
            Some(_) => outcome.elsewhere.push(row),
        }
    }
    Ok(outcome)
}

/// Writes `outcome`: creates the new accounts, joins the unattached ones, grants the roles and
/// queues the invitations, each only for a row that changed. Rows that changed nothing (lost a
/// race) are taken out of `outcome` and returned.
async fn write<'a>(
    tx: &mut crate::db::Tx,
    rows_per_statement: usize,
    now: i64,
    org: &str,
    org_name: &str,
    outcome: &mut Outcome<'a>,
) -> Result<Vec<&'a Row>, sqlx::Error> {
    let ids: Vec<String> = outcome.new.iter().map(|_| crate::ids::new_id("usr")).collect();
    let new: Vec<(&Row, &String)> = outcome.new.iter().copied().zip(&ids).collect();
    let mut inserted = std::collections::HashSet::new();
    for chunk in new.chunks(rows_per_statement) {
        // 9 parameters a row; `ON CONFLICT DO NOTHING` covers an address registered meanwhile,
        // and `RETURNING` tells which rows were really inserted.
        let sql = format!(
            "INSERT INTO users (id, email, email_key, first_name, last_name, country, language, org_id, created_at) VALUES {} \
             ON CONFLICT (email_key) DO NOTHING RETURNING id",
            placeholders(chunk.len(), 9, 0)
        );
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for (row, id) in chunk {
            query = query
                .bind(*id)
                .bind(&row.address)
                .bind(&row.key)
                .bind(&row.first_name)
                .bind(&row.last_name)
                .bind(&row.country)
                .bind(row.language.code())
                .bind(org)
                .bind(now);
        }
        inserted.extend(query.fetch_all(&mut **tx).await?);
    }
    let mut lost = Vec::new();
    let mut created = Vec::new();
    for (row, id) in outcome.new.drain(..).zip(ids) {
        if inserted.contains(&id) {
            created.push((row, id));
        } else {
            lost.push(row);
        }
    }
    let mut joined = Vec::new();
    for joining in outcome.joining.drain(..) {
        let changed = sqlx::query("UPDATE users SET org_id = $2 WHERE id = $1 AND org_id IS NULL")
            .bind(&joining.id)
            .bind(org)
            .execute(&mut **tx)
            .await?;
        if changed.rows_affected() == 0 {
            lost.push(joining.row);
            continue;
        }
        sqlx::query("DELETE FROM join_requests WHERE user_id = $1").bind(&joining.id).execute(&mut **tx).await?;
        joined.push(joining);
    }
    let members = created.iter().map(|(row, id)| (*row, id.as_str())).chain(joined.iter().map(|j| (j.row, j.id.as_str())));
    let grants: Vec<(&str, &str)> = members.flat_map(|(row, id)| row.roles().map(move |role| (id, role))).collect();
    for chunk in grants.chunks(rows_per_statement) {
        let sql = format!("INSERT INTO user_roles (user_id, role) VALUES {} ON CONFLICT DO NOTHING", placeholders(chunk.len(), 2, 0));
        let mut query = sqlx::query(&sql);
        for (id, role) in chunk {
            query = query.bind(*id).bind(*role);
        }
        query.execute(&mut **tx).await?;
    }
    // An invitation to each new member without a password: complete registration with forgot
    // password. A new account holds the file's address; a joining one its own.
    let invited: Vec<(&Row, &str)> = created
        .iter()
        .map(|(row, _)| (*row, row.address.as_str()))
        .chain(joined.iter().filter(|j| !j.has_password).map(|j| (j.row, j.stored_email.as_str())))
        .collect();
    if !invited.is_empty() {
        let mails: Vec<(String, String, &Row, &str)> = invited
            .iter()
            .map(|&(row, address)| {
                let (subject, body) = crate::mail::render(
                    &crate::mail::Mail::Invitation { first_name: &row.first_name, org: org_name, email: address },
                    row.language,
                );
                (subject, body, row, address)
            })
            .collect();
        crate::mail::enqueue_many(
            tx,
            rows_per_statement,
            now,
            mails.iter().map(|(subject, body, row, address)| (*address, row.language, subject.as_str(), body.as_str())),
        )
        .await?;
    }
    outcome.new = created.into_iter().map(|(row, _)| row).collect();
    outcome.joining = joined;
    Ok(lost)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A file saved by Excel on Windows ends its lines with CRLF: the report names the same lines
    /// as for LF.
    #[test]
    fn lines_are_counted_alike_with_crlf_and_lf() {
        let lf = "email,first_name,last_name,country\nok@example.com,A,B,DE\nbad@example.com,A,B,XX\n\"x\ny\"@example.com,A,B,DE\nlast@example.com,A,B,YY\n";
        let crlf = lf.replace('\n', "\r\n");
        for file in [lf.to_owned(), crlf] {
            let failed: Vec<(u64, String)> = check(file.as_bytes(), 0).unwrap().failed.into_iter().map(|f| (f.line, f.code)).collect();
            assert_eq!(
                failed,
                [(3, "invalid_country".to_owned()), (4, "invalid_email".to_owned()), (6, "invalid_country".to_owned())],
                "{file:?}"
            );
        }
    }

    fn codes(checked: &Checked) -> Vec<(u64, &str)> {
        checked.failed.iter().map(|f| (f.line, f.code.as_str())).collect()
    }

    #[test]
    fn rows_are_checked_one_by_one_and_reported_by_their_first_line() {
        let file = "\u{feff}Country,email,last_name,first_name,roles\n\
            gb,ada@acme.example,Lovelace,Ada,product_delivery_download\n\
            xx,bob@acme.example,B,Bob,\n\
            gb,not-an-address,C,Cy,\n\
            gb,dee@acme.example,D,Dee,wizard\n\
            gb,ADA@acme.example,L,Ada,\n\
            gb,eve@acme.example,\"multi\nline\",Eve,\n\
            gb,fay@acme.example,,Fay,\n\
            gb,gus@acme.example,=cmd|' /C calc'!A0,Gus,co_admin;co_admin\n";
        let checked = check(file.as_bytes(), 0).unwrap();
        assert_eq!(
            codes(&checked),
            [
                (3, "invalid_country"),
                (4, "invalid_email"),
                (5, "unknown_role"),
                (6, "duplicate_row"),
                (7, "invalid_characters"),
                (9, "missing_field")
            ],
            "a quoted field over two lines is reported at its first line, and a line break is no part of a name"
        );
        let lines: Vec<u64> = checked.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 10]);
        assert_eq!(checked.rows[1].last_name, "=cmd|' /C calc'!A0", "formula-like cells are plain text");
        assert_eq!(checked.rows[1].roles().collect::<Vec<_>>(), ["co_admin"]);
        assert_eq!(checked.rows[0].country, "GB");
    }

    #[test]
    fn a_role_above_the_importer_is_refused_per_row() {
        let file = "email,first_name,last_name,country,roles,language\na@x.example,A,A,de,account_admin,de\nb@x.example,B,B,de,,xx\n";
        let checked = check(file.as_bytes(), roles::rank(roles::CO_ADMIN)).unwrap();
        assert_eq!(codes(&checked), [(2, "role_not_grantable"), (3, "invalid_language")]);
    }

    #[test]
    fn a_bad_file_is_refused_whole() {
        let refused = |bytes: &[u8]| check(bytes, 0).unwrap_err().problem.code;
        assert_eq!(refused(b""), ErrorCode::InvalidCsv);
        assert_eq!(refused(b"{\"users\": []}\n"), ErrorCode::InvalidCsv, "not CSV");
        assert_eq!(refused(b"email,first_name,last_name\na@x.example,A,B\n"), ErrorCode::InvalidCsv, "a column is missing");
        assert_eq!(refused(b"email,email,first_name,last_name,country\n"), ErrorCode::InvalidCsv, "a column twice");
        assert_eq!(refused(b"email,first_name,last_name,country\na@x.example,\xff\xfe,B,GB\n"), ErrorCode::InvalidCsv, "not UTF-8");
        let mut many = String::from("email,first_name,last_name,country\n");
        for i in 0..=MAX_ROWS {
            std::fmt::Write::write_fmt(&mut many, format_args!("u{i}@x.example,A,B,GB\n")).unwrap();
        }
        assert_eq!(refused(many.as_bytes()), ErrorCode::TooManyRows);
        assert_eq!(refused(&vec![b'a'; MAX_BYTES + 1]), ErrorCode::PayloadTooLarge);
    }

    #[test]
    fn placeholders_number_rows_in_order() {
        assert_eq!(placeholders(2, 3, 1), "($2, $3, $4), ($5, $6, $7)");
    }
}
