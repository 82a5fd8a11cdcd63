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
    let pool = match o.max_connections {
        Some(n) => PgPoolOptions::new()
            .max_connections(n)
            .min_connections(0)
            .idle_timeout(std::time::Duration::from_secs(60)),
        None => PgPoolOptions::new().max_connections(16),
    };
    let pool = pool.acquire_timeout(o.busy_timeout).connect_with(options).await?;
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

    /// Makes a tenant's schema `name` and the login role of the same
    /// name that owns it and has no rights anywhere else: the tenant's
    /// connections log in as that role (`sites::tenant_database`), so no
    /// query of theirs — nor a `SET ROLE` — reaches another schema. This
    /// login is a member of the role only while making the schema. A role
    /// of that name already there (another install on the same cluster)
    /// is refused, never taken over. `name` and `password` are ours
    /// (letters, digits, `_` and `-`).
    pub async fn create_tenant_schema(&self, name: &str, password: &str) -> anyhow::Result<()> {
        let ours = |s: &str, extra: u8| {
            s.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == extra)
        };
        anyhow::ensure!(
            ours(name, b'_') && name.bytes().all(|b| !b.is_ascii_uppercase()),
            "not a schema name of ours: {name:?}"
        );
        anyhow::ensure!(ours(password, b'-'), "not a password of ours");
        let pool = self.postgres().context("a PostgreSQL store")?;
        // One statement list, one transaction: all of it or none.
        let sql = format!(
            "CREATE ROLE \"{name}\" LOGIN NOINHERIT PASSWORD '{password}';
             GRANT \"{name}\" TO CURRENT_USER;
             CREATE SCHEMA \"{name}\" AUTHORIZATION \"{name}\";
             REVOKE \"{name}\" FROM CURRENT_USER;"
        );
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(pool)
            .await
            .with_context(|| {
                format!("making schema {name} and its role (the database user needs CREATEROLE; a role of that name must not exist)")
            })?;
        Ok(())
    }

    /// Removes what [`Store::create_tenant_schema`] made (a tenant whose
    /// making failed half-way).
    pub async fn drop_tenant_schema(&self, name: &str) -> anyhow::Result<()> {
        anyhow::ensure!(
            name.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "not a schema name of ours: {name:?}"
        );
        let pool = self.postgres().context("a PostgreSQL store")?;
        let sql = format!("DROP SCHEMA IF EXISTS \"{name}\" CASCADE; DROP ROLE IF EXISTS \"{name}\";");
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(pool).await?;
        Ok(())
    }
}
