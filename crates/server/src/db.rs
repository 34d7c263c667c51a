//! The database: one pool over `SQLite` (the embedded default) or `PostgreSQL`, and its migrations.
//!
//! Queries are written once in the SQL both databases share (`$1` parameters, `ON CONFLICT`,
//! `RETURNING`), over sqlx's `Any` driver; each database has its own migration folder. The
//! refresh grant's common case is batched on connections of its own
//! (`sessions::rotator`, which connects to [`Db::location`]).

use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dialect {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    /// Reads, and writes that stand alone.
    pub pool: AnyPool,
    /// Transactions and hot-path writes. On SQLite a pool of one connection: SQLite has one
    /// writer anyway, and queueing here is far cheaper than its busy-wait on a locked file. On
    /// PostgreSQL the same pool as `pool`.
    pub writer: AnyPool,
    pub dialect: Dialect,
    /// Where the database is, for whatever opens connections of its own.
    pub(crate) location: Location,
}

/// Where a database is.
#[derive(Clone)]
pub(crate) enum Location {
    SqliteFile(std::path::PathBuf),
    /// A `SQLite` database without a file: it lives in this pool alone.
    SqliteMemory,
    /// The URL as configured (it may hold a password: never logged).
    Postgres(Arc<str>),
}

pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("sqlite:") { Dialect::Sqlite } else { Dialect::Postgres };
        let mut location = if dialect == Dialect::Postgres { Location::Postgres(url.into()) } else { Location::SqliteMemory };
        if dialect == Dialect::Sqlite {
            if let Some(path) = sqlite_path(url) {
                if let Some(parent) = path.parent() {
                    create_private_dir(parent)?;
                }
                create_private_sqlite_file(url, &path)?;
                location = Location::SqliteFile(path);
            }
        }
        let options = AnyConnectOptions::from_str(url)?;
        let (pool, writer) = match dialect {
            Dialect::Sqlite => {
                let sqlite = |connections: u32| {
                    AnyPoolOptions::new().max_connections(connections).acquire_timeout(Duration::from_secs(30)).after_connect(|conn, _| {
                        Box::pin(async move {
                            // WAL lets readers run beside the writer; NORMAL syncs at checkpoints,
                            // which survives a process crash (SIGKILL) but may lose the last
                            // commits on power loss.
                            conn.execute(
                                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; \
                                 PRAGMA foreign_keys=ON; PRAGMA busy_timeout=10000;",
                            )
                            .await?;
                            Ok(())
                        })
                    })
                };
                let writer = sqlite(1).connect_with(options.clone()).await?;
                (sqlite(4).connect_with(options).await?, writer)
            }
            Dialect::Postgres => {
                let pool = AnyPoolOptions::new().max_connections(16).acquire_timeout(Duration::from_secs(30)).connect_with(options).await?;
                (pool.clone(), pool)
            }
        };
        Ok(Db { pool, writer, dialect, location })
    }

    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        match self.dialect {
            Dialect::Sqlite => SQLITE_MIGRATIONS.run(&self.pool).await,
            Dialect::Postgres => POSTGRES_MIGRATIONS.run(&self.pool).await,
        }
    }

    /// Rows per multi-row statement of a bulk write. sqlx binds `SQLite` parameters by name, a cost
    /// that grows with the square of a statement's parameter count (a 9,000-parameter insert spent
    /// most of an import there); `PostgreSQL` prefers fewer round trips.
    pub fn rows_per_statement(&self) -> usize {
        match self.dialect {
            Dialect::Sqlite => 100,
            Dialect::Postgres => 1000,
        }
    }

    /// Refreshes the planner's statistics after a bulk change (PostgreSQL's autovacuum would get
    /// to it later; until then a page of members may be planned as a scan of the whole table).
    pub async fn analyze_after_bulk(&self) -> Result<(), sqlx::Error> {
        let statement = match self.dialect {
            Dialect::Sqlite => "PRAGMA optimize",
            Dialect::Postgres => "ANALYZE users, user_roles",
        };
        sqlx::query(statement).execute(&self.pool).await?;
        Ok(())
    }

    /// A transaction that will write. On `SQLite` it takes the write lock up front, so two writers
    /// never deadlock upgrading read locks (which `SQLite` answers with `SQLITE_BUSY` at once).
    pub async fn begin(&self) -> Result<Tx, sqlx::Error> {
        match self.dialect {
            Dialect::Sqlite => self.writer.begin_with("BEGIN IMMEDIATE").await,
            Dialect::Postgres => self.writer.begin().await,
        }
    }
}

/// Creates a missing folder readable by this user only (it holds the database with the signing
/// key, or mail with codes); a folder that exists keeps the mode its owner gave it.
pub fn create_private_dir(path: &std::path::Path) -> std::io::Result<()> {
    if path.as_os_str().is_empty() || path.exists() {
        return Ok(());
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(path)
}

/// Creates the database file of a plain `sqlite://` URL when it does not exist yet, readable by
/// this user only (it will hold the signing and code keys; SQLite gives its `-wal` and `-shm`
/// files the same mode). sqlx alone would refuse a missing file ("unable to open database file"),
/// and SQLite's own creation follows the umask. A URL that says `mode=` keeps its meaning:
/// `ro`/`rw` never create, `rwc` creates here the same private way.
fn create_private_sqlite_file(url: &str, path: &std::path::Path) -> std::io::Result<()> {
    let mode = url.split_once('?').and_then(|(_, query)| query.split('&').find_map(|pair| pair.strip_prefix("mode=")).map(str::to_owned));
    if matches!(mode.as_deref(), Some("ro" | "rw")) {
        return Ok(());
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// What an operator reads when the database cannot be opened at start-up: the setting, what went
/// wrong, and what to do. The URL's password never appears.
pub fn explain_open_error(url: &str, error: &sqlx::Error) -> String {
    let shown = redact_url(url);
    let cause = error.to_string();
    if url.starts_with("sqlite:") {
        let file = sqlite_path(url).map_or_else(|| "(in memory)".to_owned(), |p| p.display().to_string());
        return format!(
            "cannot open the SQLite database {file} named by LATCHKEY_DATABASE_URL ({shown}): {cause}. \
             Check that its folder exists and this user may write there (or drop `mode=ro`/`mode=rw` so that a missing file is created)."
        );
    }
    let lower = cause.to_lowercase();
    let advice = if lower.contains("connection refused") || lower.contains("timed out") || lower.contains("pool timed out") {
        "Is PostgreSQL running and listening at that host and port?"
    } else if lower.contains("password authentication failed") || lower.contains("authentication") {
        "Check the user name and password in the URL."
    } else if lower.contains("does not exist") {
        "Create the database (createdb) or name an existing one in the URL."
    } else if lower.contains("failed to lookup") || lower.contains("name or service not known") {
        "Check the host name in the URL."
    } else {
        "Check the URL: postgres://USER:PASSWORD@HOST:PORT/DATABASE or sqlite:///path/to/latchkey.db."
    };
    format!("cannot connect to the database named by LATCHKEY_DATABASE_URL ({shown}): {cause}. {advice}")
}

/// The URL with its password replaced by `***`.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(parsed) => parsed.to_string(),
        Err(_) => url.split_once('@').map_or_else(|| url.to_owned(), |(_, host)| format!("***@{host}")),
    }
}

/// Whether a SQLite URL names an in-memory database: no file, so nothing the server's
/// connections (or the rotator's) could share.
pub fn is_in_memory_sqlite(url: &str) -> bool {
    url.starts_with("sqlite:") && (url.contains(":memory:") || url.contains("mode=memory"))
}

/// The database file of a SQLite URL, as sqlx reads it (percent-decoded, without its options);
/// `None` for an in-memory database (sqlx names those `file:sqlx-in-memory-N`, not a file).
fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    if is_in_memory_sqlite(url) {
        return None;
    }
    let options = sqlx::sqlite::SqliteConnectOptions::from_str(url).ok()?;
    Some(options.get_filename().to_path_buf()).filter(|path| !path.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_url_names_its_file_as_sqlx_reads_it_and_an_in_memory_one_none() {
        assert_eq!(sqlite_path("sqlite:///var/lib/latchkey/latchkey.db?mode=rwc"), Some("/var/lib/latchkey/latchkey.db".into()));
        assert_eq!(sqlite_path("sqlite:///tmp/a%20b/latchkey.db"), Some("/tmp/a b/latchkey.db".into()));
        for in_memory in ["sqlite::memory:", "sqlite://:memory:", "sqlite://shared?mode=memory"] {
            assert!(is_in_memory_sqlite(in_memory), "{in_memory}");
            assert_eq!(sqlite_path(in_memory), None, "{in_memory}");
        }
    }

    // Regression (issue 14, defects 4 and 6): a plain `sqlite://` URL naming a missing file
    // failed ("unable to open database file"), and SQLite created files with the umask (0644).
    #[tokio::test]
    async fn a_missing_sqlite_file_is_created_private_and_mode_is_kept() {
        use std::os::unix::fs::PermissionsExt;
        let folder = tempfile::tempdir().unwrap();
        std::fs::set_permissions(folder.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let file = folder.path().join("latchkey.db");
        let url = format!("sqlite://{}", file.display());
        let db = Db::connect(&url).await.unwrap();
        db.migrate().await.unwrap();
        assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
        for entry in std::fs::read_dir(folder.path()).unwrap() {
            let entry = entry.unwrap();
            assert_eq!(entry.metadata().unwrap().permissions().mode() & 0o077, 0, "{} is private", entry.path().display());
        }
        drop(db);
        assert!(Db::connect(&url).await.is_ok(), "an existing file opens again");

        let read_only = folder.path().join("absent.db");
        let url = format!("sqlite://{}?mode=ro", read_only.display());
        let error = Db::connect(&url).await.err().expect("mode=ro never creates");
        assert!(!read_only.exists());
        let text = explain_open_error(&url, &error);
        assert!(text.contains("LATCHKEY_DATABASE_URL") && text.contains("absent.db") && text.contains("mode=ro"), "{text}");
    }

    #[tokio::test]
    async fn a_postgres_that_cannot_be_reached_is_explained_without_the_password() {
        let url = "postgres://latchkey:hunter2-secret@127.0.0.1:1/latchkey";
        let error = Db::connect(url).await.err().expect("nothing listens on port 1");
        let text = explain_open_error(url, &error);
        assert!(text.contains("LATCHKEY_DATABASE_URL") && text.contains("Is PostgreSQL running"), "{text}");
        assert!(!text.contains("hunter2-secret"), "{text}");
    }

    #[tokio::test]
    async fn an_in_memory_database_has_no_file_for_other_connections() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        assert!(matches!(db.location, Location::SqliteMemory), "its refresh grants take the transactional path");
    }
}
