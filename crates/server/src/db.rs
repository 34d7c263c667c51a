//! The database: one pool over `SQLite` (the embedded default) or `PostgreSQL`, and its migrations.
//!
//! Queries are written once in the SQL both databases share (`$1` parameters, `ON CONFLICT`,
//! `RETURNING`), over sqlx's `Any` driver; each database has its own migration folder. The
//! refresh grant's common case is batched on connections of its own ([`rotator`]).

pub mod rotator;

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
    /// Batches the refresh grant's common case; `None` for a SQLite database without a file,
    /// whose grants all take the transactional path.
    pub(crate) rotator: Option<Arc<rotator::Rotator>>,
}

pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    pub async fn connect(url: &str) -> Result<Db, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("sqlite:") { Dialect::Sqlite } else { Dialect::Postgres };
        let mut rotator =
            (dialect == Dialect::Postgres).then(|| Arc::new(rotator::Rotator::new(rotator::Target::PostgresUrl(url.to_owned()))));
        if dialect == Dialect::Sqlite {
            if let Some(path) = sqlite_path(url) {
                if let Some(parent) = path.parent() {
                    create_private_dir(parent)?;
                }
                rotator = Some(Arc::new(rotator::Rotator::new(rotator::Target::SqliteFile(path))));
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
        Ok(Db { pool, writer, dialect, rotator })
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

    #[tokio::test]
    async fn an_in_memory_database_has_no_rotator() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        assert!(db.rotator.is_none(), "its grants take the transactional path");
    }
}
