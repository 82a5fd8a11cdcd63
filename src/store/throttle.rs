//! Failed sign-ins, shared by every server on the database (the policy
//! is `web/admin/throttle.rs`'s). Keys (`user:NAME`, `ip:ADDRESS`) are
//! stored as their SHA-256, never as they are, and for at most the
//! throttle's forgetting time after their last failure.

use super::Store;
use super::db::{exec, rows};

/// One key's failures: how many, and the last one (unix milliseconds).
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Failures {
    pub key: String,
    pub failures: i64,
    pub last_ms: i64,
}

impl Store {
    /// The stored failures of these keys (absent keys have none).
    pub async fn sign_in_failures(&self, keys: &[String]) -> anyhow::Result<Vec<Failures>> {
        let mut c = self.conn().await?;
        let mut out = Vec::with_capacity(keys.len());
        for key in keys {
            let stored = crate::auth::digest(key);
            let row = rows!(
                fetch_optional,
                c.on(),
                Failures,
                "SELECT key, failures, last_ms FROM sign_in_failures WHERE key = ?",
                stored
            )?;
            out.extend(row.map(|f| Failures {
                key: key.clone(),
                ..f
            }));
        }
        Ok(out)
    }

    /// Counts one failure for each key at `now_ms`; a count quiet for
    /// `forget_ms` starts again from one, and such rows are removed.
    pub async fn add_sign_in_failure(
        &self,
        keys: &[String],
        now_ms: i64,
        forget_ms: i64,
    ) -> anyhow::Result<()> {
        let stale = now_ms - forget_ms;
        let mut c = self.conn().await?;
        exec!(c.on(), "DELETE FROM sign_in_failures WHERE last_ms < ?", stale)?;
        for key in keys {
            let key = crate::auth::digest(key);
            exec!(
                c.on(),
                "INSERT INTO sign_in_failures (key, failures, last_ms) VALUES (?, 1, ?)
                 ON CONFLICT (key) DO UPDATE SET failures = sign_in_failures.failures + 1,
                     last_ms = excluded.last_ms",
                key,
                now_ms
            )?;
        }
        Ok(())
    }

    /// Forgets a key's failures (a successful sign-in).
    pub async fn clear_sign_in_failures(&self, key: &str) -> anyhow::Result<()> {
        let key = crate::auth::digest(key);
        let mut c = self.conn().await?;
        exec!(c.on(), "DELETE FROM sign_in_failures WHERE key = ?", key)?;
        Ok(())
    }

    /// Removes counts whose last failure is older than `before_ms` (run
    /// periodically by `serve`, so an address is not kept past its use).
    pub async fn forget_sign_in_failures(&self, before_ms: i64) -> anyhow::Result<u64> {
        let mut c = self.conn().await?;
        Ok(exec!(
            c.on(),
            "DELETE FROM sign_in_failures WHERE last_ms < ?",
            before_ms
        )?)
    }
}
