//! The SQLite store. Knows SQL and the domain types; nothing of HTTP.

mod changes;
mod procedures;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use sqlx::SqlitePool;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};

pub use procedures::ProcedureTitles;

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

    /// Whether the database answers; for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        sqlx::query("SELECT 1").execute(&self.pool).await.map(|_| ())
    }

    pub fn pool(&self) -> &SqlitePool {
        &self.pool
    }
}

/// The current time as stored: RFC 3339 UTC, whole seconds.
pub fn now() -> String {
    jiff::Timestamp::now().strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
