//! Opening a PostgreSQL store: migrations, then the pool with the session
//! settings several servers sharing one database need.

use std::str::FromStr;

use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::db::Pool;
use super::{OpenOptions, Store, schema_is_current};

/// A PostgreSQL database; several servers may share it. Migrations run
/// on a connection of their own under sqlx's advisory lock, waiting as
/// long as another server's migrations take (the pool's connections
/// would give up after the busy timeout).
pub(super) async fn open(url: &str, o: &OpenOptions) -> anyhow::Result<Store> {
    use sqlx::Connection;
    let base = PgConnectOptions::from_str(url)?.application_name("madoguchi");
    if !o.read_only {
        let mut c = sqlx::PgConnection::connect_with(&base).await?;
        sqlx::migrate!("migrations/postgres").run(&mut c).await?;
        c.close().await?;
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
