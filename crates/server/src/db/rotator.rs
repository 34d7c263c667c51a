//! The refresh grant's common case, rotated in batches: many grants, one transaction.
//!
//! A refresh that needs no decision (a live, unused token of a user who accepted the current
//! Terms: [`GrantRow::rotates_without_decision`]) is queued here. Whoever runs the queue takes
//! every grant waiting at that moment and reads and rotates them all in one transaction, so the
//! commit (PostgreSQL's fsync, SQLite's WAL append) and the hand-offs are paid once per batch,
//! not once per grant. Each grant is answered only after its batch committed: an answered
//! rotation is as durable as any other write.
//!
//! - **SQLite**: one thread owns one connection (rusqlite) and runs the batches in `BEGIN
//!   IMMEDIATE`. sqlx would hand every statement to a connection thread and back.
//! - **PostgreSQL**: a few tasks, each with a connection of its own (not the pool's, which pings
//!   the server after every use), each sends a whole batch as one statement: the grants go in as
//!   arrays and [`POSTGRES_BATCH`] reads, checks and rotates them.
//!
//! Both run the SQL of [`crate::sessions`]. Whatever goes wrong here (a connection that cannot be
//! opened, a failed statement, a deadlock between batches) rolls the batch back and answers
//! "not here": the caller then takes the transactional path through sqlx, which decides every
//! case and reports real errors.

use std::sync::{Arc, LazyLock, OnceLock};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot, Mutex};

use crate::db::Dialect;
use crate::sessions::{self, GrantRow};

/// A grant waiting for its batch. The hashes are SHA-256 of the tokens, never the tokens.
struct Job {
    hash: String,
    successor_hash: String,
    now: i64,
    reply: oneshot::Sender<Option<GrantRow>>,
}

/// Most grants one batch takes: bounds how long a batch holds its locks.
const MAX_BATCH: usize = 64;
/// PostgreSQL tasks (connections) running batches: while one commits, the next gathers.
const POSTGRES_RUNNERS: usize = 4;

pub(crate) struct Rotator {
    /// Where the runners connect: a SQLite file path, or the PostgreSQL URL.
    target: String,
    dialect: Dialect,
    /// Started at the first grant, so the operator commands (which share [`crate::db::Db`])
    /// start no runner. Dropping the last `Db` closes the queue and ends the runners.
    jobs: OnceLock<mpsc::UnboundedSender<Job>>,
}

impl Rotator {
    pub(crate) fn new(dialect: Dialect, target: String) -> Rotator {
        Rotator { target, dialect, jobs: OnceLock::new() }
    }

    /// Reads the grant of `hash` and, if it rotates without a decision, rotates it to
    /// `successor_hash` and returns it. `None` leaves the token as it was: the caller's slow
    /// path decides.
    pub(crate) async fn rotate(&self, hash: &str, successor_hash: &str, now: i64) -> Option<GrantRow> {
        let (reply, answer) = oneshot::channel();
        let job = Job { hash: hash.to_owned(), successor_hash: successor_hash.to_owned(), now, reply };
        self.jobs.get_or_init(|| self.start()).send(job).ok()?;
        answer.await.ok().flatten()
    }

    fn start(&self) -> mpsc::UnboundedSender<Job> {
        let (sender, jobs) = mpsc::unbounded_channel();
        match self.dialect {
            Dialect::Sqlite => sqlite::start(self.target.clone(), jobs),
            Dialect::Postgres => {
                let jobs = Arc::new(Mutex::new(jobs));
                for _ in 0..POSTGRES_RUNNERS {
                    tokio::spawn(postgres::run(self.target.clone(), Arc::clone(&jobs)));
                }
            }
        }
        sender
    }
}

/// Adds to `batch` every job already waiting, up to [`MAX_BATCH`].
fn gather(batch: &mut Vec<Job>, jobs: &mut mpsc::UnboundedReceiver<Job>) {
    while batch.len() < MAX_BATCH {
        match jobs.try_recv() {
            Ok(job) => batch.push(job),
            Err(_) => break,
        }
    }
}

/// Answers each job of a batch with its outcome, or all of them with "not here".
fn answer<E: std::fmt::Display>(batch: Vec<Job>, outcome: Result<Vec<Option<GrantRow>>, E>) {
    match outcome {
        Ok(rotated) => {
            for (job, grant) in batch.into_iter().zip(rotated) {
                // A caller that went away (its client hung up) finds its token rotated: the
                // lost-response rule covers it, as for any answer lost on the way.
                let _ = job.reply.send(grant);
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, grants = batch.len(), "refresh batch rolled back; its grants take the slow path");
            for job in batch {
                let _ = job.reply.send(None);
            }
        }
    }
}

mod sqlite {
    use rusqlite::{Connection, TransactionBehavior};

    use super::{answer, gather, mpsc, sessions, Dialect, Duration, GrantRow, Job};

    /// How long the thread sleeps between tries for a write lock held elsewhere, and how many
    /// times it tries (10 s in all) before giving the batch up. SQLite's own busy handler
    /// sleeps up to 100 ms between tries, too long for a refresh.
    const LOCK_RETRY_SLEEP: Duration = Duration::from_micros(500);
    const LOCK_TRIES: i32 = 20_000;

    pub(super) fn start(path: String, mut jobs: mpsc::UnboundedReceiver<Job>) {
        let started = std::thread::Builder::new().name("latchkey-rotator".into()).spawn(move || match open(&path) {
            Ok(mut connection) => {
                while let Some(first) = jobs.blocking_recv() {
                    let mut batch = vec![first];
                    gather(&mut batch, &mut jobs);
                    let outcome = run_batch(&mut connection, &batch);
                    answer(batch, outcome);
                }
            }
            // Dropping `jobs` makes every send fail: grants take the slow path.
            Err(e) => tracing::error!(error = %e, "the refresh thread cannot open the database; refreshes take the slow path"),
        });
        if let Err(e) = started {
            tracing::error!(error = %e, "the refresh thread cannot start; refreshes take the slow path");
        }
    }

    fn open(path: &str) -> rusqlite::Result<Connection> {
        let connection = Connection::open(path)?;
        // As sqlx's connections (crate::db): WAL, NORMAL syncs at checkpoints, foreign keys on.
        connection.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        connection.busy_handler(Some(wait_for_lock))?;
        Ok(connection)
    }

    fn wait_for_lock(attempt: i32) -> bool {
        std::thread::sleep(LOCK_RETRY_SLEEP);
        attempt < LOCK_TRIES
    }

    /// One transaction for the whole batch; on any error nothing of it is written.
    fn run_batch(connection: &mut Connection, batch: &[Job]) -> Result<Vec<Option<GrantRow>>, BatchError> {
        let transaction = connection.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut rotated = Vec::with_capacity(batch.len());
        {
            let mut read = transaction.prepare_cached(&sessions::read_grant_sql(Dialect::Sqlite, "$1", false))?;
            let mut rotate = transaction.prepare_cached(sessions::rotate_sql(Dialect::Sqlite))?;
            for job in batch {
                let mut rows = read.query(&[("$1", &job.hash as &dyn rusqlite::ToSql)][..])?;
                let grant = match rows.next()? {
                    Some(row) => Some(GrantRow::from_columns(row)?),
                    None => None,
                };
                drop(rows);
                let done = match grant {
                    Some(grant) if grant.rotates_without_decision(job.now) => {
                        let parameters: [(&str, &dyn rusqlite::ToSql); 4] =
                            [("$1", &job.hash), ("$2", &job.now), ("$3", &job.successor_hash), ("$4", &grant.family)];
                        (rotate.execute(&parameters[..])? == 1).then_some(grant)
                    }
                    _ => None,
                };
                rotated.push(done);
            }
        }
        transaction.commit()?;
        Ok(rotated)
    }

    #[derive(Debug, thiserror::Error)]
    enum BatchError {
        #[error(transparent)]
        Sqlite(#[from] rusqlite::Error),
        #[error(transparent)]
        Row(#[from] sqlx::Error),
    }

    impl sessions::Columns for rusqlite::Row<'_> {
        fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error> {
            self.get(name).map_err(|e| decode_error(name, e))
        }

        fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error> {
            self.get(name).map_err(|e| decode_error(name, e))
        }
    }

    fn decode_error(name: &str, e: rusqlite::Error) -> sqlx::Error {
        sqlx::Error::ColumnDecode { index: name.to_owned(), source: Box::new(e) }
    }
}

mod postgres {
    use sqlx::postgres::{PgConnection, PgRow};
    use sqlx::{Connection as _, Row as _};

    use super::{answer, gather, mpsc, sessions, Arc, Dialect, GrantRow, Job, LazyLock, Mutex};

    /// A whole batch in one statement. `$1`, `$2` and `$3` are the presented hashes, their
    /// successors' hashes and the times of the requests, one element per grant; `$4` and `$5`
    /// the live spans of a family and of a token. [`sessions::read_grant_sql`] per grant, then
    /// the rule of [`GrantRow::rotates_without_decision`], then [`sessions::rotate_sql`]'s
    /// update and insert; a row comes back for each grant that rotated. Under READ COMMITTED
    /// the update re-checks `used_at` against a rotation that committed meanwhile. A token
    /// presented twice in one batch rotates once (an update changes a row once).
    ///
    /// The statement is prepared once per connection and runs on one generic plan (planning it
    /// anew each time cost more than running it), made while the tables may still be tiny, so
    /// a scan may look cheapest then: the connection turns sequential scans off, and `LIMIT 1`
    /// keeps each grant's lookup a subquery of its own (an index probe per grant). Without
    /// them the plan scanned every refresh token ever issued, per grant.
    static POSTGRES_BATCH: LazyLock<String> = LazyLock::new(|| {
        format!(
            "WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) AS i(hash, successor, at)), \
             grant_row AS MATERIALIZED (SELECT i.hash, i.successor, i.at, g.* FROM input i CROSS JOIN LATERAL ({read} LIMIT 1) g), \
             allowed AS (SELECT * FROM grant_row WHERE used_at IS NULL AND revoked_at IS NULL \
                         AND at - family_created <= $4 AND at - issued_at <= $5 \
                         AND (current_tos IS NULL OR current_tos = tos_accepted_version)), \
             used AS (UPDATE refresh_tokens t SET used_at = a.at, successor_hash = a.successor FROM allowed a \
                      WHERE t.token_hash = a.hash AND t.used_at IS NULL \
                      AND NOT EXISTS (SELECT 1 FROM token_families f WHERE f.id = t.family_id AND f.revoked_at IS NOT NULL) \
                      RETURNING a.successor, t.family_id, a.at), \
             inserted AS (INSERT INTO refresh_tokens (token_hash, family_id, issued_at) SELECT successor, family_id, at FROM used \
                          RETURNING token_hash) \
             SELECT a.* FROM allowed a JOIN inserted n ON n.token_hash = a.successor",
            read = sessions::read_grant_sql(Dialect::Postgres, "i.hash", false)
        )
    });

    /// Takes batches off the shared queue until it closes. The connection is opened at the
    /// first batch and again after any failure.
    pub(super) async fn run(url: String, jobs: Arc<Mutex<mpsc::UnboundedReceiver<Job>>>) {
        let mut connection: Option<PgConnection> = None;
        loop {
            let batch = {
                let mut jobs = jobs.lock().await;
                let Some(first) = jobs.recv().await else { return };
                let mut batch = vec![first];
                gather(&mut batch, &mut jobs);
                batch
            };
            let outcome = run_batch(&url, &mut connection, &batch).await;
            if outcome.is_err() {
                connection = None;
            }
            answer(batch, outcome);
        }
    }

    async fn run_batch(url: &str, connection: &mut Option<PgConnection>, batch: &[Job]) -> Result<Vec<Option<GrantRow>>, sqlx::Error> {
        let connection = match connection {
            Some(open) => open,
            None => {
                let mut opened = PgConnection::connect(url).await?;
                // This connection runs POSTGRES_BATCH only, on the plan made at its first batch,
                // maybe while the tables were tiny: every lookup is by key, so no scan.
                sqlx::query("SET plan_cache_mode = force_generic_plan").execute(&mut opened).await?;
                sqlx::query("SET enable_seqscan = off").execute(&mut opened).await?;
                connection.insert(opened)
            }
        };
        let hashes: Vec<&str> = batch.iter().map(|job| job.hash.as_str()).collect();
        let successors: Vec<&str> = batch.iter().map(|job| job.successor_hash.as_str()).collect();
        let times: Vec<i64> = batch.iter().map(|job| job.now).collect();
        let rows = sqlx::query(POSTGRES_BATCH.as_str())
            .bind(&hashes)
            .bind(&successors)
            .bind(&times)
            .bind(sessions::REFRESH_ABSOLUTE_SECS)
            .bind(sessions::REFRESH_IDLE_SECS)
            .fetch_all(&mut *connection)
            .await?;
        let mut rotated: Vec<Option<GrantRow>> = batch.iter().map(|_| None).collect();
        for row in &rows {
            let successor: String = row.try_get("successor")?;
            if let Some(index) = batch.iter().position(|job| job.successor_hash == successor) {
                rotated[index] = Some(GrantRow::from_columns(row)?);
            }
        }
        Ok(rotated)
    }

    impl sessions::Columns for PgRow {
        fn text(&self, name: &str) -> Result<Option<String>, sqlx::Error> {
            self.try_get(name)
        }

        fn int(&self, name: &str) -> Result<Option<i64>, sqlx::Error> {
            self.try_get(name)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A runner that cannot reach its database answers "not here", never hangs or panics: the
    /// grant then takes the transactional path, which reports the real error.
    #[tokio::test]
    async fn a_runner_without_its_database_sends_every_grant_to_the_slow_path() {
        let missing = tempfile::tempdir().unwrap().path().join("no-such-folder/latchkey.db");
        let sqlite = Rotator::new(Dialect::Sqlite, missing.display().to_string());
        let postgres = Rotator::new(Dialect::Postgres, "postgres://nobody@127.0.0.1:1/none".into());
        for rotator in [&sqlite, &postgres] {
            for _ in 0..2 {
                let answer = tokio::time::timeout(Duration::from_secs(30), rotator.rotate("hash", "successor", 0)).await;
                assert!(matches!(answer, Ok(None)));
            }
        }
    }
}
