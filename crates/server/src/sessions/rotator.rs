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
//!   IMMEDIATE` with the SQL of [`super`] (`read_grant_sql`, `rotate_sql`). sqlx would
//!   hand every statement to a connection thread and back.
//! - **PostgreSQL**: a few tasks, each with a connection of its own (not the pool's, which pings
//!   the server when it hands a connection out and again when it takes it back), each sends a
//!   whole batch as one statement: the grants go in as arrays and `POSTGRES_BATCH` reads them
//!   with `read_grant_sql`, decides them with the rule's SQL form (`rule_sql`, from the same
//!   definition as the Rust form the SQLite batch uses), and states the rotation again in SQL.
//!
//! Whatever goes wrong here (a connection that cannot be opened, a failed statement, a deadlock
//! between batches, a timeout) answers "not here", and the caller takes the transactional path
//! through sqlx, which decides every case and reports real errors. A batch that failed before
//! its commit wrote nothing; one whose answer was lost after the commit (PostgreSQL) left its
//! tokens rotated, which the slow path then treats as lost responses.

use std::path::PathBuf;
use std::sync::{Arc, LazyLock, OnceLock};
use std::time::Duration;

use tokio::sync::{mpsc, oneshot, Mutex};

use super::GrantRow;
use crate::db::{Db, Location};
use crate::sessions;

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
pub const POSTGRES_RUNNERS: usize = 4;

/// Where the runners connect.
enum Target {
    SqliteFile(PathBuf),
    PostgresUrl(String),
}

/// Owned by [`crate::AppState`].
pub struct Rotator {
    target: Target,
    /// Started at the first grant. Dropping the last `AppState` closes the queue and ends the
    /// runners.
    jobs: OnceLock<mpsc::UnboundedSender<Job>>,
}

impl Rotator {
    /// The rotator of `db`'s database; `None` for a `SQLite` database without a file, whose grants
    /// all take the transactional path.
    pub fn for_db(db: &Db) -> Option<Arc<Rotator>> {
        let target = match &db.location {
            Location::SqliteFile(path) => Target::SqliteFile(path.clone()),
            Location::Postgres(url) => Target::PostgresUrl(url.to_string()),
            Location::SqliteMemory => return None,
        };
        Some(Arc::new(Rotator { target, jobs: OnceLock::new() }))
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
        match &self.target {
            Target::SqliteFile(path) => sqlite::start(path.clone(), jobs),
            Target::PostgresUrl(url) => {
                let jobs = Arc::new(Mutex::new(jobs));
                for _ in 0..POSTGRES_RUNNERS {
                    tokio::spawn(postgres::run(url.clone(), Arc::clone(&jobs)));
                }
            }
        }
        sender
    }
}

/// Adds to `batch` every job already waiting, up to [`MAX_BATCH`], and drops the jobs whose
/// caller went away (its client hung up): nothing is rotated for them. Sorted by hash, so that
/// two batches lock the rows they share in one order.
fn gather(batch: &mut Vec<Job>, jobs: &mut mpsc::UnboundedReceiver<Job>) {
    while batch.len() < MAX_BATCH {
        match jobs.try_recv() {
            Ok(job) => batch.push(job),
            Err(_) => break,
        }
    }
    batch.retain(|job| !job.reply.is_closed());
    batch.sort_by(|a, b| a.hash.cmp(&b.hash));
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
    use rusqlite::{Connection, OpenFlags, TransactionBehavior};

    use super::{answer, gather, mpsc, sessions, Duration, GrantRow, Job, PathBuf};
    use crate::db::Dialect;

    /// How long the thread sleeps between tries for a write lock held elsewhere, and how many
    /// times it tries (about 10 s in all) before giving the batch up. SQLite's own busy handler
    /// sleeps up to 100 ms between tries, too long for a refresh.
    const LOCK_RETRY_SLEEP: Duration = Duration::from_micros(500);
    const LOCK_TRIES: i32 = 20_000;

    pub(super) fn start(path: PathBuf, mut jobs: mpsc::UnboundedReceiver<Job>) {
        let started = std::thread::Builder::new().name("latchkey-rotator".into()).spawn(move || {
            let mut connection: Option<Connection> = None;
            while let Some(first) = jobs.blocking_recv() {
                let mut batch = vec![first];
                gather(&mut batch, &mut jobs);
                if batch.is_empty() {
                    continue;
                }
                let outcome = match &mut connection {
                    Some(open) => run_batch(open, &batch),
                    None => open(&path).map_err(BatchError::from).and_then(|opened| run_batch(connection.insert(opened), &batch)),
                };
                if outcome.is_err() {
                    // As on PostgreSQL: the next batch starts on a fresh connection (the file
                    // may have been replaced, or the connection left in a bad state).
                    connection = None;
                }
                answer(batch, outcome);
            }
        });
        if let Err(e) = started {
            // Dropping `jobs` makes every send fail: grants take the slow path.
            tracing::error!(error = %e, "the refresh thread cannot start; refreshes take the slow path");
        }
    }

    /// Opens the database sqlx created and migrated (never a new one: a wrong path fails here).
    pub(super) fn open(path: &PathBuf) -> rusqlite::Result<Connection> {
        let connection = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
        connection.busy_handler(Some(wait_for_lock))?;
        // As sqlx's connections (crate::db): WAL, NORMAL syncs at checkpoints, foreign keys on.
        connection.execute_batch("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;")?;
        Ok(connection)
    }

    fn wait_for_lock(attempt: i32) -> bool {
        std::thread::sleep(LOCK_RETRY_SLEEP);
        attempt < LOCK_TRIES
    }

    /// One transaction for the whole batch; on any error nothing of it is written.
    pub(super) fn run_batch(connection: &mut Connection, batch: &[Job]) -> Result<Vec<Option<GrantRow>>, BatchError> {
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
    pub(super) enum BatchError {
        #[error(transparent)]
        Sqlite(#[from] rusqlite::Error),
        #[error(transparent)]
        Row(#[from] sqlx::Error),
    }

    impl crate::users::Columns for rusqlite::Row<'_> {
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

    use super::{answer, gather, mpsc, sessions, Arc, Duration, GrantRow, Job, LazyLock, Mutex};
    use crate::db::Dialect;

    /// How long a batch (with connecting, if needed) may take before its grants take the slow
    /// path and the connection is dropped: a network that drops packets must not hold grants.
    const BATCH_DEADLINE: Duration = Duration::from_secs(10);

    /// A whole batch in one statement. `$1`, `$2` and `$3` are the presented hashes, their
    /// successors' hashes and the times of the requests, one element per grant.
    /// [`sessions::read_grant_sql`] per grant, then the rule ([`sessions::rule_sql`]) and the
    /// update and insert of [`sessions::rotate_sql`], stated again for a whole batch (the tests run both
    /// paths on the same cases, expiry among them); a row comes back, with its
    /// `position` in the arrays, for each grant that rotated. Under READ COMMITTED
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
            "WITH input AS (SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) WITH ORDINALITY \
                            AS i(hash, successor, requested_at, position)), \
             grant_row AS MATERIALIZED (SELECT i.hash, i.successor, i.requested_at, i.position, g.* \
                                        FROM input i CROSS JOIN LATERAL ({read} LIMIT 1) g), \
             allowed AS (SELECT * FROM grant_row WHERE {rule}), \
             used AS (UPDATE refresh_tokens t SET used_at = a.requested_at, successor_hash = a.successor FROM allowed a \
                      WHERE t.token_hash = a.hash AND t.used_at IS NULL \
                      AND NOT EXISTS (SELECT 1 FROM token_families f WHERE f.id = t.family_id AND f.revoked_at IS NOT NULL) \
                      RETURNING a.successor, t.family_id, a.requested_at), \
             inserted AS (INSERT INTO refresh_tokens (token_hash, family_id, issued_at) \
                          SELECT successor, family_id, requested_at FROM used RETURNING token_hash) \
             SELECT a.* FROM allowed a JOIN inserted n ON n.token_hash = a.successor",
            read = sessions::read_grant_sql(Dialect::Postgres, "i.hash", false),
            rule = sessions::rule_sql("requested_at"),
        )
    });

    /// Takes batches off the shared queue until it closes. The connection is opened at the
    /// first batch and again after any failure. The queue's lock is held while waiting for a
    /// grant, so one runner gathers while the others run their batches.
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
            if batch.is_empty() {
                continue;
            }
            let outcome = match tokio::time::timeout(BATCH_DEADLINE, run_batch(&url, &mut connection, &batch)).await {
                Ok(outcome) => outcome.map_err(|e| e.to_string()),
                Err(_) => Err(format!("no answer within {} s", BATCH_DEADLINE.as_secs())),
            };
            if outcome.is_err() {
                connection = None;
            }
            answer(batch, outcome);
        }
    }

    pub(super) async fn run_batch(
        url: &str,
        connection: &mut Option<PgConnection>,
        batch: &[Job],
    ) -> Result<Vec<Option<GrantRow>>, sqlx::Error> {
        let connection = match connection {
            Some(open) => open,
            None => {
                let mut opened = PgConnection::connect(url).await?;
                // This connection runs POSTGRES_BATCH only, on the plan made at its first batch,
                // maybe while the tables were tiny: every lookup is by key, so no scan. A batch
                // waits for a row locked by the slow path at most briefly, then goes there too.
                sqlx::query("SET plan_cache_mode = force_generic_plan").execute(&mut opened).await?;
                sqlx::query("SET enable_seqscan = off").execute(&mut opened).await?;
                sqlx::query("SET lock_timeout = '2s'").execute(&mut opened).await?;
                connection.insert(opened)
            }
        };
        let hashes: Vec<&str> = batch.iter().map(|job| job.hash.as_str()).collect();
        let successors: Vec<&str> = batch.iter().map(|job| job.successor_hash.as_str()).collect();
        let times: Vec<i64> = batch.iter().map(|job| job.now).collect();
        let rows = sqlx::query(POSTGRES_BATCH.as_str()).bind(&hashes).bind(&successors).bind(&times).fetch_all(&mut *connection).await?;
        let mut rotated: Vec<Option<GrantRow>> = batch.iter().map(|_| None).collect();
        for row in &rows {
            let position: i64 = row.try_get("position")?;
            if let Some(slot) = usize::try_from(position - 1).ok().and_then(|index| rotated.get_mut(index)) {
                *slot = Some(GrantRow::from_columns(row)?);
            }
        }
        Ok(rotated)
    }

    impl crate::users::Columns for PgRow {
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
        let folder = tempfile::tempdir().unwrap();
        // Not created by the rotator: it opens only a database that exists.
        let sqlite = Rotator { target: Target::SqliteFile(folder.path().join("latchkey.db")), jobs: OnceLock::new() };
        let postgres = Rotator { target: Target::PostgresUrl("postgres://nobody@127.0.0.1:1/none".into()), jobs: OnceLock::new() };
        for rotator in [&sqlite, &postgres] {
            for _ in 0..2 {
                let answer = tokio::time::timeout(Duration::from_secs(30), rotator.rotate("hash", "successor", 0)).await;
                assert!(matches!(answer, Ok(None)));
            }
        }
        assert!(!folder.path().join("latchkey.db").exists(), "no stray database was created");
    }

    const DAY: i64 = 86_400;
    const NOW: i64 = 1_800_000_000;

    /// One batch holding every case the rule names, for each database: a live token presented
    /// twice, a revoked family, a used token, a token idle 31 days, a family 91 days old, a
    /// user with Terms to accept, an unknown token, and each limit to the second (idle exactly
    /// 30 days and one second more, a family exactly 90 days old and one second more). The live
    /// token rotates once, and of the limits only the ones not yet past.
    async fn every_case_in_one_batch(db: &crate::db::Db, run: impl AsyncFnOnce(&[Job]) -> Vec<Option<GrantRow>>) {
        let statements = [
            "INSERT INTO tos_versions (version, lang, title, body_markdown, published_at) VALUES ('v1', 'en', 'T', 'B', 0)",
            "INSERT INTO users (id, email, email_key, first_name, last_name, country, language, tos_accepted_version, created_at) \
             VALUES ('usr_a', 'a@x.example', 'a@x.example', 'A', 'A', 'GB', 'en', 'v1', 0), \
                    ('usr_b', 'b@x.example', 'b@x.example', 'B', 'B', 'GB', 'en', NULL, 0)",
            "INSERT INTO token_families (id, user_id, client, created_at, revoked_at) VALUES \
             ('fam_live', 'usr_a', '{}', 1799999000, NULL), ('fam_revoked', 'usr_a', '{}', 1799999000, 1799999500), \
             ('fam_used', 'usr_a', '{}', 1799999000, NULL), ('fam_idle', 'usr_a', '{}', 1797000000, NULL), \
             ('fam_old', 'usr_a', '{}', 1792137600, NULL), ('fam_terms', 'usr_b', '{}', 1799999000, NULL)",
            "INSERT INTO refresh_tokens (token_hash, family_id, issued_at, used_at, successor_hash) VALUES \
             ('live', 'fam_live', 1799999000, NULL, NULL), ('revoked', 'fam_revoked', 1799999000, NULL, NULL), \
             ('used', 'fam_used', 1799999000, 1799999100, 'used-next'), ('used-next', 'fam_used', 1799999100, NULL, NULL), \
             ('idle', 'fam_idle', 1797321600, NULL, NULL), ('old', 'fam_old', 1799999000, NULL, NULL), \
             ('terms', 'fam_terms', 1799999000, NULL, NULL)",
        ];
        for statement in statements {
            sqlx::query(statement).execute(&db.pool).await.unwrap();
        }
        // The limits to the second: (token, family, family created, token issued).
        let edges = [
            ("idle-edge", "fam_idle_edge", NOW - 30 * DAY, NOW - 30 * DAY),
            ("idle-past", "fam_idle_past", NOW - 30 * DAY - 1, NOW - 30 * DAY - 1),
            ("old-edge", "fam_old_edge", NOW - 90 * DAY, NOW - DAY),
            ("old-past", "fam_old_past", NOW - 90 * DAY - 1, NOW - DAY),
        ];
        for (token, family, created, issued) in edges {
            sqlx::query("INSERT INTO token_families (id, user_id, client, created_at) VALUES ($1, 'usr_a', '{}', $2)")
                .bind(family)
                .bind(created)
                .execute(&db.pool)
                .await
                .unwrap();
            sqlx::query("INSERT INTO refresh_tokens (token_hash, family_id, issued_at) VALUES ($1, $2, $3)")
                .bind(token)
                .bind(family)
                .bind(issued)
                .execute(&db.pool)
                .await
                .unwrap();
        }
        const { assert!(NOW - 1_797_321_600 > 30 * DAY && NOW - 1_792_137_600 > 90 * DAY, "the idle and old cases are past their limits") };
        let presented =
            ["live", "live", "revoked", "used", "idle", "old", "terms", "unknown", "idle-edge", "idle-past", "old-edge", "old-past"];
        let jobs: Vec<Job> = presented
            .iter()
            .enumerate()
            .map(|(index, hash)| Job {
                hash: (*hash).to_owned(),
                successor_hash: format!("successor-{index}"),
                now: NOW,
                reply: oneshot::channel().0,
            })
            .collect();
        let rotated = run(&jobs).await;
        let families: Vec<Option<&str>> = rotated.iter().map(|grant| grant.as_ref().map(|g| g.family.as_str())).collect();
        // Of the live token's two grants, one rotated (which one is the database's choice).
        let winner = families.iter().position(Option::is_some).unwrap();
        assert!(winner < 2, "{families:?}");
        let mut expected = [None; 12];
        expected[winner] = Some("fam_live");
        expected[8] = Some("fam_idle_edge");
        expected[10] = Some("fam_old_edge");
        assert_eq!(families, expected);
        let live: Vec<(Option<i64>, Option<String>)> =
            sqlx::query_as("SELECT used_at, successor_hash FROM refresh_tokens WHERE token_hash = 'live'")
                .fetch_all(&db.pool)
                .await
                .unwrap();
        assert_eq!(live, [(Some(NOW), Some(format!("successor-{winner}")))]);
        let tokens: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM refresh_tokens").fetch_one(&db.pool).await.unwrap();
        assert_eq!(tokens, 14, "eleven seeded, three successors");
        let tokens_where = async |condition: &str| {
            let mut hashes: Vec<String> =
                sqlx::query_scalar(&format!("SELECT token_hash FROM refresh_tokens WHERE {condition}")).fetch_all(&db.pool).await.unwrap();
            hashes.sort();
            hashes
        };
        assert_eq!(tokens_where(&format!("used_at = {NOW}")).await, ["idle-edge", "live", "old-edge"]);
        let mut unused = vec!["idle", "idle-past", "old", "old-past", "revoked", "terms", "used-next", "successor-8", "successor-10"];
        unused.push(live[0].1.as_deref().unwrap());
        unused.sort_unstable();
        assert_eq!(tokens_where("used_at IS NULL").await, unused, "every other token is as it was, and each successor is new");
    }

    #[tokio::test]
    async fn a_sqlite_batch_decides_each_grant_alone() {
        let folder = tempfile::tempdir().unwrap();
        let path = folder.path().join("latchkey.db");
        let db = crate::db::Db::connect(&format!("sqlite://{}?mode=rwc", path.display())).await.unwrap();
        db.migrate().await.unwrap();
        every_case_in_one_batch(&db, async |jobs| {
            let mut connection = sqlite::open(&path).unwrap();
            sqlite::run_batch(&mut connection, jobs).unwrap()
        })
        .await;
    }

    #[tokio::test]
    async fn a_postgres_batch_decides_each_grant_alone() {
        let admin = std::env::var("LATCHKEY_TEST_POSTGRES_URL")
            .expect("LATCHKEY_TEST_POSTGRES_URL is not set: run `make test`, which starts PostgreSQL (scripts/postgres.sh)");
        let name = format!("lk_rotator_{}", crate::ids::random_token().to_lowercase().replace(['-', '_'], "").get(..12).unwrap_or("x"));
        let server = sqlx::PgPool::connect(&admin).await.unwrap();
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&server).await.unwrap();
        let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
        let db = crate::db::Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        every_case_in_one_batch(&db, async |jobs| postgres::run_batch(&url, &mut None, jobs).await.unwrap()).await;
    }
}
