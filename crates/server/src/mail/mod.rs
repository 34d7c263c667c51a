//! Mail: a transactional outbox and the worker that delivers it by SMTP (and, in development, to
//! a folder). A change and the mail it causes commit together; no request waits on SMTP.

pub mod texts;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use latchkey_protocol::Language;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use tokio::sync::Notify;

use crate::clock::Clock;
use crate::db::{Db, Tx};

/// How long a one-time code lives, in minutes (said in the mail).
pub const CODE_MINUTES: i64 = 10;
/// After this many failed deliveries a message is given up (and stays in the table, marked).
const MAX_ATTEMPTS: i64 = 30;

/// One mail to send, with what its text needs. Codes are only ever in the mail's body.
pub enum Mail<'a> {
    ResetCode { code: &'a str },
    RegisterCode { first_name: &'a str, code: &'a str },
    AlreadyRegistered,
    Purchase { first_name: &'a str, org: &'a str, email: &'a str },
    Invitation { first_name: &'a str, org: &'a str, email: &'a str },
    JoinRequest { name: &'a str, email: &'a str, org: &'a str },
}

/// The subject and body of `mail` in `language`.
pub fn render(mail: &Mail<'_>, language: Language) -> (String, String) {
    let t = texts::texts(language);
    let minutes = CODE_MINUTES.to_string();
    let (subject, body, values): (&str, &str, Vec<(&str, &str)>) = match mail {
        Mail::ResetCode { code } => (t.reset_code_subject, t.reset_code_body, vec![("code", code), ("minutes", &minutes)]),
        Mail::RegisterCode { first_name, code } => {
            (t.register_code_subject, t.register_code_body, vec![("first_name", first_name), ("code", code), ("minutes", &minutes)])
        }
        Mail::AlreadyRegistered => (t.already_registered_subject, t.already_registered_body, vec![]),
        Mail::Purchase { first_name, org, email } => {
            (t.purchase_subject, t.purchase_body, vec![("first_name", first_name), ("org", org), ("email", email)])
        }
        Mail::Invitation { first_name, org, email } => {
            (t.invitation_subject, t.invitation_body, vec![("first_name", first_name), ("org", org), ("email", email)])
        }
        Mail::JoinRequest { name, email, org } => {
            (t.join_request_subject, t.join_request_body, vec![("name", name), ("email", email), ("org", org)])
        }
    };
    let fill = |text: &str| values.iter().fold(text.to_owned(), |acc, (key, value)| acc.replace(&format!("{{{key}}}"), value));
    (fill(subject), format!("{}\n\n{}\n", fill(body), t.signature))
}

/// Queues `mail` in the caller's transaction: it is sent only if that transaction commits.
pub async fn enqueue(tx: &mut Tx, now: i64, recipient: &str, language: Language, mail: &Mail<'_>) -> Result<(), sqlx::Error> {
    let (subject, body) = render(mail, language);
    sqlx::query(
        "INSERT INTO outbox (id, created_at, recipient, language, subject, body, attempts, next_attempt_at) \
         VALUES ($1, $2, $3, $4, $5, $6, 0, $2)",
    )
    .bind(crate::ids::new_id("mail"))
    .bind(now)
    .bind(recipient)
    .bind(language.code())
    .bind(subject)
    .bind(body)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Queues many mails (subject and body rendered) in the caller's transaction, in multi-row
/// inserts: a bulk import queues one per new member.
pub async fn enqueue_many<'a>(
    tx: &mut Tx,
    rows_per_statement: usize,
    now: i64,
    mails: impl Iterator<Item = (&'a str, Language, &'a str, &'a str)>,
) -> Result<(), sqlx::Error> {
    let mails: Vec<_> = mails.collect();
    for chunk in mails.chunks(rows_per_statement) {
        let rows: Vec<String> = (0..chunk.len())
            .map(|i| format!("(${}, $1, ${}, ${}, ${}, ${}, 0, $1)", 2 + i * 5, 3 + i * 5, 4 + i * 5, 5 + i * 5, 6 + i * 5))
            .collect();
        let sql = format!(
            "INSERT INTO outbox (id, created_at, recipient, language, subject, body, attempts, next_attempt_at) VALUES {}",
            rows.join(", ")
        );
        let mut query = sqlx::query(&sql).bind(now);
        for (recipient, language, subject, body) in chunk {
            query = query.bind(crate::ids::new_id("mail")).bind(*recipient).bind(language.code()).bind(*subject).bind(*body);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

/// Delivers the outbox. Several instances may run one each: a message is claimed by a
/// conditional update before it is sent, and a claim expires if its instance dies mid-way.
pub struct Worker {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub smtp: Option<AsyncSmtpTransport<Tokio1Executor>>,
    pub from: lettre::message::Mailbox,
    pub mail_dir: Option<PathBuf>,
    pub wake: Arc<Notify>,
}

struct Due {
    id: String,
    recipient: String,
    language: String,
    subject: String,
    body: String,
    attempts: i64,
}

impl Worker {
    pub fn new(settings: &crate::config::Settings, db: Db, clock: Arc<dyn Clock>, wake: Arc<Notify>) -> Result<Worker, crate::ServeError> {
        let smtp = settings
            .smtp_url
            .as_ref()
            .map(|url| {
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .map(|b| b.timeout(Some(Duration::from_secs(20))).build())
                    .map_err(|e| crate::ServeError::Setting(format!("LATCHKEY_SMTP_URL: {e}")))
            })
            .transpose()?;
        let from = settings
            .mail_from
            .parse()
            .map_err(|e| crate::ServeError::Setting(format!("LATCHKEY_MAIL_FROM `{}`: {e}", settings.mail_from)))?;
        if let Some(dir) = &settings.mail_dir {
            crate::db::create_private_dir(dir)
                .map_err(|e| crate::ServeError::Setting(format!("LATCHKEY_MAIL_DIR {}: {e}", dir.display())))?;
        }
        Ok(Worker { db, clock, smtp, from, mail_dir: settings.mail_dir.clone(), wake })
    }

    pub async fn run(self) {
        loop {
            match self.deliver_due().await {
                Ok(0) => {
                    let _ = tokio::time::timeout(Duration::from_millis(500), self.wake.notified()).await;
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %e, "outbox: database error; retrying");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        }
    }

    /// Sends what is due now; returns how many messages it handled.
    pub async fn deliver_due(&self) -> Result<usize, sqlx::Error> {
        let now = self.clock.now();
        let candidates: Vec<(String,)> = sqlx::query_as(
            "SELECT id FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1 \
             AND (locked_until IS NULL OR locked_until < $1) ORDER BY created_at LIMIT 20",
        )
        .bind(now)
        .fetch_all(&self.db.pool)
        .await?;
        let mut handled = 0;
        // Writes go through the writer pool: on SQLite its one connection queues them behind other
        // writers (a bulk import's batches) instead of busy-waiting on the file lock.
        for (id,) in candidates {
            let claimed = sqlx::query(
                "UPDATE outbox SET locked_until = $2 WHERE id = $1 AND sent_at IS NULL \
                 AND (locked_until IS NULL OR locked_until < $3)",
            )
            .bind(&id)
            .bind(now + 120)
            .bind(now)
            .execute(&self.db.writer)
            .await?;
            if claimed.rows_affected() != 1 {
                continue;
            }
            let row: Option<(String, String, String, String, String, i64)> =
                sqlx::query_as("SELECT id, recipient, language, subject, body, attempts FROM outbox WHERE id = $1")
                    .bind(&id)
                    .fetch_optional(&self.db.pool)
                    .await?;
            let Some((id, recipient, language, subject, body, attempts)) = row else { continue };
            let due = Due { id, recipient, language, subject, body, attempts };
            self.deliver(&due).await?;
            handled += 1;
        }
        Ok(handled)
    }

    async fn deliver(&self, due: &Due) -> Result<(), sqlx::Error> {
        let message = match self.build(due) {
            Ok(message) => message,
            Err(e) => {
                // An address lettre cannot encode will never be deliverable: give up at once.
                tracing::warn!(mail = %due.id, error = %e, "outbox: message cannot be built; giving up");
                return self.give_up(due, &e.to_string()).await;
            }
        };
        if due.attempts == 0 {
            if let Some(dir) = &self.mail_dir {
                let path = dir.join(format!("{}.eml", due.id));
                match write_private(&path, &message.formatted()) {
                    Ok(()) => tracing::info!(mail = %due.id, path = %path.display(), "development mail written"),
                    Err(e) => tracing::warn!(mail = %due.id, error = %e, "cannot write the development mail folder"),
                }
            }
        }
        let Some(smtp) = &self.smtp else {
            return self.mark_sent(due).await;
        };
        match smtp.send(message).await {
            Ok(_) => {
                tracing::info!(mail = %due.id, "mail delivered");
                self.mark_sent(due).await
            }
            Err(e) => {
                let attempts = due.attempts + 1;
                if attempts >= MAX_ATTEMPTS {
                    return self.give_up(due, &e.to_string()).await;
                }
                let delay = 1i64 << attempts.min(8); // 2 s, 4 s … up to 256 s
                tracing::warn!(mail = %due.id, attempts, retry_in = delay, error = %e, "mail delivery failed");
                sqlx::query("UPDATE outbox SET attempts = $2, next_attempt_at = $3, locked_until = NULL, last_error = $4 WHERE id = $1")
                    .bind(&due.id)
                    .bind(attempts)
                    .bind(self.clock.now() + delay)
                    .bind(e.to_string())
                    .execute(&self.db.writer)
                    .await?;
                Ok(())
            }
        }
    }

    fn build(&self, due: &Due) -> Result<Message, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Message::builder()
            .from(self.from.clone())
            .to(due.recipient.parse()?)
            .subject(due.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .header(ContentLanguage(due.language.clone()))
            .body(due.body.clone())?)
    }

    /// Marks a message sent and blanks its body: a delivered code has no reason to stay stored.
    async fn mark_sent(&self, due: &Due) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET sent_at = $2, body = '', locked_until = NULL WHERE id = $1")
            .bind(&due.id)
            .bind(self.clock.now())
            .execute(&self.db.writer)
            .await?;
        Ok(())
    }

    async fn give_up(&self, due: &Due, error: &str) -> Result<(), sqlx::Error> {
        sqlx::query("UPDATE outbox SET failed_at = $2, body = '', locked_until = NULL, last_error = $3 WHERE id = $1")
            .bind(&due.id)
            .bind(self.clock.now())
            .bind(error)
            .execute(&self.db.writer)
            .await?;
        Ok(())
    }
}

#[derive(Clone)]
struct ContentLanguage(String);

impl lettre::message::header::Header for ContentLanguage {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("Content-Language")
    }
    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(Self(s.to_owned()))
    }
    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
    }
}

/// Writes a development mail file readable by this user only: it holds a one-time code, and an
/// existing folder may be open to others (the umask alone would give 0644).
fn write_private(path: &std::path::Path, contents: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(contents)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_fills_every_placeholder_in_every_language() {
        for language in Language::ALL {
            let (subject, body) = render(&Mail::RegisterCode { first_name: "Ada", code: "12345678" }, language);
            assert!(!subject.contains('{'), "{language}: {subject}");
            assert!(body.contains("12345678") && body.contains("Ada") && !body.contains('{'), "{language}: {body}");
        }
    }
}
