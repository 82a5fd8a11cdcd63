//! The SQLite store. Knows SQL and the domain types; nothing of HTTP.

pub mod audit;
mod categories;
mod changes;
mod editing;
mod fault;
mod offices;
mod procedures;
mod stats;
mod tokens;
mod users;
mod views;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use audit::AuditEntry;
pub use categories::{Category, CategoryCreated};
pub use changes::{Changed, Changes};
pub use editing::Saved;
pub use fault::Fault;
pub use procedures::ProcedureTitles;
pub use stats::{MAX_REQUESTED_PER_DAY, MAX_ROWS_PER_DAY, OTHER_LANGUAGE, ScanRow, Tally};
pub use tokens::ApiToken;
pub use users::{SESSION_ABSOLUTE, SESSION_IDLE, Session};
pub use views::{AdminRow, TranslationCell, TranslationRow};

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
    read_only: bool,
}

/// How long a write waits for another writer's lock before failing with
/// [`Fault::Busy`].
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// How to open the database file; [`Store::open`] uses the defaults.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Without write access (`SQLITE_OPEN_READONLY`): reads work, every
    /// write fails with [`Fault::ReadOnly`]. The schema must be up to date.
    pub read_only: bool,
    pub busy_timeout: Duration,
    /// `PRAGMA max_page_count` on every connection: the file cannot grow
    /// past this many pages, and writes that need more fail with
    /// [`Fault::Full`] — a full disk without filling one (tests).
    pub max_page_count: Option<u64>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            read_only: false,
            busy_timeout: BUSY_TIMEOUT,
            max_page_count: None,
        }
    }
}

impl Store {
    /// Opens (creating if need be) the database file and brings its schema
    /// up to date.
    pub async fn open(path: &Path) -> anyhow::Result<Store> {
        Store::open_with(path, &OpenOptions::default()).await
    }

    /// Opens a database that must already exist: a tool run in the wrong
    /// folder must not create an empty one and report success on it.
    pub async fn open_existing(path: &Path) -> anyhow::Result<Store> {
        Store::require_existing(path)?;
        Store::open(path).await
    }

    /// Fails unless a database file is at `path` (see [`Store::open_existing`]).
    pub fn require_existing(path: &Path) -> anyhow::Result<()> {
        anyhow::ensure!(
            path.exists(),
            "no database at {}; start `madoguchi serve` once or pass --db",
            path.display()
        );
        Ok(())
    }

    pub async fn open_with(path: &Path, o: &OpenOptions) -> anyhow::Result<Store> {
        let mut options = SqliteConnectOptions::new()
            .filename(path)
            .foreign_keys(true)
            .busy_timeout(o.busy_timeout);
        if let Some(pages) = o.max_page_count {
            options = options.pragma("max_page_count", pages.to_string());
        }
        if o.read_only {
            // No journal-mode change and no migrations: both would write.
            let options = options.read_only(true);
            let mut pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options.clone())
                .await?;
            if let Err(e) = schema_is_current(&pool).await {
                if Fault::of(&e) != Some(Fault::ReadOnly) {
                    return Err(e);
                }
                // A WAL database in a folder we may not write, without its
                // -shm file, opens only as immutable: nobody can change a
                // file there while it is served anyway.
                pool = SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(options.immutable(true))
                    .await?;
                schema_is_current(&pool).await?;
            }
            return Ok(Store {
                pool,
                read_only: true,
            });
        }
        Store::connect(options.create_if_missing(true)).await
    }

    /// An in-memory database, for tests and one-off commands.
    pub async fn in_memory() -> anyhow::Result<Store> {
        // One connection: every in-memory connection would be its own database.
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.foreign_keys(true))
            .await?;
        sqlx::migrate!().run(&pool).await?;
        Ok(Store {
            pool,
            read_only: false,
        })
    }

    async fn connect(options: SqliteConnectOptions) -> anyhow::Result<Store> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            // Durable across a crash in WAL mode, without a sync on every commit.
            .synchronous(SqliteSynchronous::Normal)
            // SQLite's own page cache, per connection (8 of them): the
            // operating system caches the file too, and rendered pages are
            // what is worth the memory (the default is 2 MiB each).
            .pragma("cache_size", "-512");
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!().run(&pool).await?;
        Ok(Store {
            pool,
            read_only: false,
        })
    }

    /// Fails with [`Fault::ReadOnly`] when the database cannot be written
    /// (SQLite opens a file it may not write read-only without a word, and
    /// applied migrations need no write): writes in a transaction that is
    /// rolled back, so nothing reaches the file. A lock held elsewhere or
    /// a full disk is no reason to fail: reads still work, writes say why.
    pub async fn check_writable(&self) -> anyhow::Result<()> {
        let probe = async {
            let mut tx = self.write().await?;
            sqlx::query("CREATE TABLE write_probe (x)")
                .execute(&mut *tx)
                .await?;
            tx.rollback().await
        };
        match probe.await {
            Err(e) if matches!(Fault::of_sqlx(&e), Some(Fault::Busy | Fault::Full)) => Ok(()),
            other => Ok(other?),
        }
    }

    /// Opened with [`OpenOptions::read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// A write transaction that takes the write lock at once. A deferred
    /// transaction that reads first and writes later fails at once with
    /// "database is locked" when another writer committed in between (WAL
    /// cannot upgrade a stale snapshot); an immediate one waits its turn
    /// (busy timeout) instead.
    pub(crate) async fn write(&self) -> Result<sqlx::Transaction<'static, sqlx::Sqlite>, sqlx::Error> {
        self.pool.begin_with("BEGIN IMMEDIATE").await
    }

    /// Whether the database answers; for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }

    /// Writes a consistent snapshot of the database to `target` (which must
    /// not exist). `VACUUM INTO` reads inside one transaction, so writers
    /// carry on and the copy is exactly one committed state, compacted.
    pub async fn backup_to(&self, target: &Path) -> anyhow::Result<()> {
        let target = target.to_str().context("the backup path must be valid UTF-8")?;
        sqlx::query("VACUUM INTO ?")
            .bind(target)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok" for a sound database.
    pub async fn integrity_check(&self) -> anyhow::Result<String> {
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.join("\n"))
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

/// A read-only database cannot be migrated: refuse one whose schema is
/// behind this binary's, with what to do.
async fn schema_is_current(pool: &SqlitePool) -> anyhow::Result<()> {
    let applied: Vec<i64> = sqlx::query_scalar("SELECT version FROM _sqlx_migrations WHERE success")
        .fetch_all(pool)
        .await
        .context("reading which migrations the read-only database has")?;
    let missing: Vec<String> = sqlx::migrate!()
        .iter()
        .filter(|m| !m.migration_type.is_down_migration() && !applied.contains(&m.version))
        .map(|m| m.version.to_string())
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "the read-only database needs migrations {} first: open it once with write access",
            missing.join(", ")
        );
    }
    Ok(())
}

/// The current time as stored: RFC 3339 UTC, whole seconds.
pub fn now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
