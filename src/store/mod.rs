//! The store: SQLite (the default) or PostgreSQL (`db.rs`). Knows SQL and
//! the domain types; nothing of HTTP.

mod archive;
pub mod audit;
mod categories;
mod changes;
pub(crate) mod db;
mod editing;
mod fault;
mod location;
mod offices;
mod postgres;
mod procedures;
#[doc(hidden)]
pub mod scratch;
mod sso;
mod stats;
mod tenants;
mod throttle;
mod tokens;
mod users;
mod views;

use std::path::Path;
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;

use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};

use db::{Conn, Pool, Tx};

pub use audit::AuditEntry;
pub use categories::{Category, CategoryCreated};
pub use changes::{Changed, Changes};
pub use editing::Saved;
pub use fault::Fault;
pub use location::Database;
pub use procedures::ProcedureTitles;
pub use sso::{MAX_PENDING, PendingSso, SSO_LOGIN_TTL_MS};
pub use stats::{MAX_REQUESTED_PER_DAY, MAX_ROWS_PER_DAY, OTHER_LANGUAGE, ScanRow, Tally};
pub use tenants::{DbPassword, TenantConflict, TenantRecord};
pub use throttle::Failures;
pub use tokens::ApiToken;
pub use users::{SESSION_ABSOLUTE, SESSION_IDLE, Session};
pub use views::{AdminRow, TranslationCell, TranslationRow};

/// A SQLite pool as `o` asks: 8 connections, or fewer kept only while used.
fn sqlite_pool(o: &OpenOptions) -> SqlitePoolOptions {
    match o.max_connections {
        Some(n) => SqlitePoolOptions::new()
            .max_connections(n)
            .min_connections(0)
            .idle_timeout(Duration::from_secs(60)),
        None => SqlitePoolOptions::new().max_connections(8),
    }
}

/// A handle on the database; cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    pool: Pool,
    read_only: bool,
    /// A test's own PostgreSQL schema, dropped with the last clone.
    scratch: Option<std::sync::Arc<scratch::Schema>>,
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
    /// Connections the pool may open (SQLite 8, PostgreSQL 16); tenants
    /// take fewer, and give them back when idle, as a service may have
    /// hundreds of them.
    pub max_connections: Option<u32>,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            read_only: false,
            busy_timeout: BUSY_TIMEOUT,
            max_page_count: None,
            max_connections: None,
        }
    }
}

impl Store {
    /// Opens (creating if need be) the SQLite file and brings its schema
    /// up to date.
    pub async fn open(path: &Path) -> anyhow::Result<Store> {
        Store::open_with(path, &OpenOptions::default()).await
    }

    /// Opens either database (see [`Database`]) and brings its schema up
    /// to date, unless read-only.
    pub async fn open_database(db: &Database, o: &OpenOptions) -> anyhow::Result<Store> {
        match db {
            Database::Sqlite(path) => Store::open_with(path, o).await,
            Database::Postgres(url) => postgres::open(url, o).await,
        }
    }

    /// Opens a database that must already exist: a tool run in the wrong
    /// folder, or on the wrong PostgreSQL database, must not create an
    /// empty one and report success on it.
    pub async fn open_existing(db: &Database) -> anyhow::Result<Store> {
        Store::require_existing(db)?;
        if let Database::Postgres(url) = db {
            use sqlx::Connection;
            // Before migrating: migrations would make an empty one.
            let mut c = sqlx::PgConnection::connect(url)
                .await
                .with_context(|| format!("opening {db}"))?;
            let migrated: Option<String> = sqlx::query_scalar("SELECT to_regclass('_sqlx_migrations')::text")
                .fetch_one(&mut c)
                .await?;
            anyhow::ensure!(
                migrated.is_some(),
                "{db} holds no madoguchi database; start `madoguchi serve --db …` on it once"
            );
        }
        Store::open_database(db, &OpenOptions::default()).await
    }

    /// Fails unless a SQLite file is at the path (see [`Store::open_existing`]).
    pub fn require_existing(db: &Database) -> anyhow::Result<()> {
        if let Database::Sqlite(path) = db {
            anyhow::ensure!(
                path.exists(),
                "no database at {}; start `madoguchi serve` once or pass --db",
                path.display()
            );
        }
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
            let mut pool = sqlite_pool(o).connect_with(options.clone()).await?;
            if let Err(e) = schema_is_current(&Pool::Sqlite(pool.clone())).await {
                if Fault::of(&e) != Some(Fault::ReadOnly) {
                    return Err(e);
                }
                // A WAL database in a folder we may not write, without its
                // -shm file, opens only as immutable: nobody can change a
                // file there while it is served anyway.
                pool = sqlite_pool(o).connect_with(options.immutable(true)).await?;
                schema_is_current(&Pool::Sqlite(pool.clone())).await?;
            }
            return Ok(Store {
                pool: Pool::Sqlite(pool),
                read_only: true,
                scratch: None,
            });
        }
        Store::connect(options.create_if_missing(true), o).await
    }

    /// An in-memory SQLite database, for tests and one-off commands.
    pub async fn in_memory() -> anyhow::Result<Store> {
        // One connection: every in-memory connection would be its own database.
        let options = SqliteConnectOptions::from_str("sqlite::memory:")?;
        let pool = SqlitePoolOptions::new()
            .max_connections(1)
            .connect_with(options.foreign_keys(true))
            .await?;
        sqlx::migrate!().run(&pool).await?;
        Ok(Store {
            pool: Pool::Sqlite(pool),
            read_only: false,
            scratch: None,
        })
    }

    async fn connect(options: SqliteConnectOptions, o: &OpenOptions) -> anyhow::Result<Store> {
        let options = options
            .journal_mode(SqliteJournalMode::Wal)
            // Durable across a crash in WAL mode, without a sync on every commit.
            .synchronous(SqliteSynchronous::Normal)
            // SQLite's own page cache, per connection (8 of them): the
            // operating system caches the file too, and rendered pages are
            // what is worth the memory (the default is 2 MiB each).
            .pragma("cache_size", "-512");
        let pool = sqlite_pool(o).connect_with(options).await?;
        sqlx::migrate!().run(&pool).await?;
        Ok(Store {
            pool: Pool::Sqlite(pool),
            read_only: false,
            scratch: None,
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
            match tx.on() {
                db::On::Sqlite(c) => sqlx::query("CREATE TABLE write_probe (x INTEGER)")
                    .execute(c)
                    .await
                    .map(drop),
                // A write that changes nothing and needs no right to create
                // tables: a read-only transaction refuses it all the same.
                db::On::Postgres(c) => sqlx::query("UPDATE changes SET code = code WHERE false")
                    .execute(c)
                    .await
                    .map(drop),
            }?;
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

    /// A write transaction that holds the write lock from its start:
    /// writers take turns. In SQLite a deferred transaction that reads
    /// first and writes later fails at once with "database is locked" when
    /// another writer committed in between (WAL cannot upgrade a stale
    /// snapshot); `BEGIN IMMEDIATE` waits its turn (busy timeout) instead.
    /// PostgreSQL takes an advisory lock to the same end, one per schema
    /// (`madoguchi_write_lock()`, migrations/postgres/0009), which also
    /// numbers `changes` in commit order.
    pub(crate) async fn write(&self) -> Result<Tx, sqlx::Error> {
        match &self.pool {
            Pool::Sqlite(pool) => Ok(Tx::Sqlite(pool.begin_with("BEGIN IMMEDIATE").await?)),
            Pool::Postgres(pool) => {
                // Read committed whatever the server's default: reads after
                // the lock must see what the previous holder committed.
                let mut tx = pool.begin_with("BEGIN ISOLATION LEVEL READ COMMITTED").await?;
                sqlx::query("SELECT pg_advisory_xact_lock(madoguchi_write_lock())")
                    .execute(&mut *tx)
                    .await?;
                Ok(Tx::Postgres(tx))
            }
        }
    }

    /// A connection for reads.
    pub(crate) async fn conn(&self) -> Result<Conn, sqlx::Error> {
        Ok(match &self.pool {
            Pool::Sqlite(pool) => Conn::Sqlite(pool.acquire().await?),
            Pool::Postgres(pool) => Conn::Postgres(pool.acquire().await?),
        })
    }

    /// Whether the database answers; for `/healthz`.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        match &self.pool {
            Pool::Sqlite(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
            Pool::Postgres(pool) => sqlx::query("SELECT 1").execute(pool).await.map(|_| ()),
        }
    }

    /// Writes a consistent snapshot of a SQLite database to `target`
    /// (which must not exist). `VACUUM INTO` reads inside one transaction,
    /// so writers carry on and the copy is exactly one committed state,
    /// compacted. PostgreSQL has its own tools (`pg_dump`).
    pub async fn backup_to(&self, target: &Path) -> anyhow::Result<()> {
        let target = target.to_str().context("the backup path must be valid UTF-8")?;
        let Pool::Sqlite(pool) = &self.pool else {
            anyhow::bail!("a PostgreSQL database is backed up with pg_dump (see docs/deployment.md)");
        };
        sqlx::query("VACUUM INTO ?").bind(target).execute(pool).await?;
        Ok(())
    }

    /// `PRAGMA integrity_check`: "ok" for a sound SQLite database.
    pub async fn integrity_check(&self) -> anyhow::Result<String> {
        let Pool::Sqlite(pool) = &self.pool else {
            anyhow::bail!("PostgreSQL checks its own pages (amcheck); there is no integrity_check");
        };
        let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(pool)
            .await?;
        Ok(rows.join("\n"))
    }

    /// The SQLite pool, for tests that look under the store.
    pub fn sqlite(&self) -> Option<&SqlitePool> {
        match &self.pool {
            Pool::Sqlite(pool) => Some(pool),
            Pool::Postgres(_) => None,
        }
    }

    /// The PostgreSQL pool, for tests that look under the store.
    pub fn postgres(&self) -> Option<&PgPool> {
        match &self.pool {
            Pool::Sqlite(_) => None,
            Pool::Postgres(pool) => Some(pool),
        }
    }

    /// Closes every connection (tests that reopen the database).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }
}

/// A read-only database cannot be migrated: refuse one whose schema is
/// behind this binary's, with what to do.
async fn schema_is_current(pool: &Pool) -> anyhow::Result<()> {
    const SQL: &str = "SELECT version FROM _sqlx_migrations WHERE success";
    let (applied, migrator): (Result<Vec<i64>, sqlx::Error>, sqlx::migrate::Migrator) = match pool {
        Pool::Sqlite(p) => (sqlx::query_scalar(SQL).fetch_all(p).await, sqlx::migrate!()),
        Pool::Postgres(p) => (
            sqlx::query_scalar(SQL).fetch_all(p).await,
            sqlx::migrate!("migrations/postgres"),
        ),
    };
    let applied = applied.context("reading which migrations the read-only database has")?;
    let missing: Vec<String> = migrator
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
