//! The SQLite store. Knows SQL and the domain types; nothing of HTTP.

pub mod audit;
mod changes;
mod editing;
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
pub use editing::Saved;
pub use procedures::ProcedureTitles;
pub use stats::{ScanRow, Tally};
pub use tokens::ApiToken;
pub use users::{SESSION_ABSOLUTE, SESSION_IDLE, Session};
pub use views::{AdminRow, TranslationCell, TranslationRow};

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: SqlitePool,
}

impl Store {
    /// Opens (creating if need be) the database file and brings its schema
    /// up to date.
    pub async fn open(path: &Path) -> anyhow::Result<Store> {
        let options = SqliteConnectOptions::new().filename(path).create_if_missing(true);
        Store::connect(options).await
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
        Ok(Store { pool })
    }

    async fn connect(options: SqliteConnectOptions) -> anyhow::Result<Store> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            // Durable across a crash in WAL mode, without a sync on every commit.
            .synchronous(SqliteSynchronous::Normal)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let pool = SqlitePoolOptions::new()
            .max_connections(8)
            .connect_with(options)
            .await?;
        sqlx::migrate!().run(&pool).await?;
        Ok(Store { pool })
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

/// The current time as stored: RFC 3339 UTC, whole seconds.
pub fn now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
