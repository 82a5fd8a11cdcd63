//! The audit log: who changed what, when; before and after for texts.

use super::Store;
use super::db::{On, exec, rows};
use crate::domain::Actor;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub procedure: Option<String>,
    pub before: Option<String>,
    pub after: Option<String>,
}

/// Writes one entry inside the caller's transaction, so the change and its
/// record commit together or not at all.
pub(crate) async fn record(
    on: On<'_>,
    actor: &Actor,
    action: &str,
    entity: &str,
    procedure: Option<&str>,
    before: Option<&serde_json::Value>,
    after: Option<&serde_json::Value>,
) -> anyhow::Result<()> {
    let before = before.map(ToString::to_string);
    let after = after.map(ToString::to_string);
    let who = &actor.0;
    exec!(
        on,
        "INSERT INTO audit_log (actor, action, entity, procedure, before, after) VALUES (?, ?, ?, ?, ?, ?)",
        who,
        action,
        entity,
        procedure,
        before,
        after
    )?;
    Ok(())
}

impl Store {
    /// The newest entries first, optionally only for one procedure code
    /// and/or one actor.
    pub async fn audit(
        &self,
        procedure: Option<&str>,
        actor: Option<&str>,
        limit: i64,
    ) -> anyhow::Result<Vec<AuditEntry>> {
        let mut c = self.conn().await?;
        Ok(rows!(
            fetch_all,
            c.on(),
            AuditEntry,
            "SELECT id, at, actor, action, entity, procedure, before, after FROM audit_log
             WHERE (?1 IS NULL OR procedure = ?1) AND (?2 IS NULL OR actor = ?2)
             ORDER BY id DESC LIMIT ?3",
            procedure,
            actor,
            limit
        )?)
    }
}
