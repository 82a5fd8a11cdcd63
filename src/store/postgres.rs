//! Opening a PostgreSQL store: migrations, then the pool with the session
//! settings several servers sharing one database need.

use std::str::FromStr;

use anyhow::Context;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::db::Pool;
use super::{OpenOptions, Store, schema_is_current};

/// A PostgreSQL database; several servers may share it. Migrations run
/// on a connection of their own under sqlx's advisory lock, waiting as
/// long as another server's migrations take (the pool's connections
/// would give up after the busy timeout).
pub(super) async fn open(url: &str, o: &OpenOptions) -> anyhow::Result<Store> {
    let base = PgConnectOptions::from_str(url)?.application_name("madoguchi");
    if !o.read_only {
        // A pool of one, not a bare connection: `run(&mut PgConnection)`
        // makes a future rustc cannot prove `Send` (sqlx's `Acquire` is
        // not general enough), and tenants are opened in spawned tasks.
        let one = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(base.clone())
            .await?;
        sqlx::migrate!("migrations/postgres").run(&one).await?;
        one.close().await;
    }
    let lock_timeout = format!("{}ms", o.busy_timeout.as_millis());
    let mut options = base.options([
        // A write waiting for another's turn fails as Busy, like SQLite's.
        ("lock_timeout", lock_timeout.as_str()),
        // A node that stops mid-transaction (a lost network, a hung
        // process) must not hold the write lock for every other node:
        // the server ends its session after this long idle in a
        // transaction, and notices a dead peer within about a minute.
        ("idle_in_transaction_session_timeout", "30s"),
        ("tcp_keepalives_idle", "30"),
        ("tcp_keepalives_interval", "10"),
        ("tcp_keepalives_count", "3"),
    ]);
    if o.read_only {
        options = options.options([("default_transaction_read_only", "on")]);
    }
    let pool = PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(o.busy_timeout)
        .connect_with(options)
        .await?;
    let store = Store {
        pool: Pool::Postgres(pool),
        read_only: o.read_only,
        scratch: None,
    };
    if o.read_only {
        schema_is_current(&store.pool).await?;
    }
    Ok(store)
}

impl Store {
    /// The PostgreSQL schema this store works in (its `search_path`).
    pub async fn current_schema(&self) -> anyhow::Result<String> {
        let pool = self.postgres().context("a PostgreSQL store")?;
        let schema: Option<String> = sqlx::query_scalar("SELECT current_schema()::text")
            .fetch_one(pool)
            .await?;
        schema.context("no schema on the search path")
    }

    /// Makes a tenant's schema `name` if missing, owned by a role of the
    /// same name (without login) that this login may act as: the
    /// tenant's connections act as that role (`tenant_database`), which
    /// has rights in its own schema only. `name` is ours (letters,
    /// digits, `_`), quoted all the same.
    pub async fn create_tenant_schema(&self, name: &str) -> anyhow::Result<()> {
        anyhow::ensure!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "not a schema name of ours: {name:?}"
        );
        let pool = self.postgres().context("a PostgreSQL store")?;
        let sql = format!(
            "DO $$BEGIN
               IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN
                 CREATE ROLE \"{name}\" NOLOGIN;
               END IF;
             END$$;
             GRANT \"{name}\" TO CURRENT_USER;
             CREATE SCHEMA IF NOT EXISTS \"{name}\" AUTHORIZATION \"{name}\";"
        );
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .with_context(|| {
                format!("making schema {name} and its role (the database user needs CREATEROLE)")
            })?;
        Ok(())
    }
}
