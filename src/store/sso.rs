//! Single sign-on's part of the store (migrations/0012): the site's
//! provider settings, sign-ins under way, and the accounts the provider
//! vouches for.

use anyhow::Context;

use super::db::{On, exec, rows, scalar};
use super::users::{langs_json, user_in};
use super::{Store, audit};
use crate::domain::{Actor, GroupRule, LangTag, Role, SsoConfig, User, UserName};

/// How long a sign-in may take at the provider.
pub const SSO_LOGIN_TTL_MS: i64 = 10 * 60 * 1000;
/// Sign-ins under way at once, at most (per site).
pub const MAX_PENDING: i64 = 5_000;

/// The password hash of an account made by single sign-on: no password
/// ever matches it (not a PHC string).
const NO_PASSWORD: &str = "!sso";

/// A sign-in under way: what the provider's answer is checked against.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct PendingSso {
    pub state_hash: String,
    pub browser_hash: String,
    pub issuer: String,
    pub nonce: String,
    pub verifier: String,
    pub next: String,
    pub created_ms: i64,
}

#[derive(sqlx::FromRow)]
struct SsoRow {
    issuer: String,
    client_id: String,
    client_secret: String,
    passwords: i64,
    scopes: String,
    groups_claim: String,
}

#[derive(sqlx::FromRow)]
struct GroupRow {
    grp: String,
    role: String,
    langs: String,
}

/// The account of a provider's subject, if made.
async fn subject_id(on: On<'_>, subject: &str) -> anyhow::Result<Option<i64>> {
    Ok(scalar!(
        fetch_optional,
        on,
        i64,
        "SELECT id FROM users WHERE sso_subject = ?",
        subject
    )?)
}

impl Store {
    /// This site's single sign-on, if set.
    pub async fn sso_config(&self) -> anyhow::Result<Option<SsoConfig>> {
        let mut c = self.conn().await?;
        let Some(row) = rows!(
            fetch_optional,
            c.on(),
            SsoRow,
            "SELECT issuer, client_id, client_secret, passwords, scopes, groups_claim FROM sso WHERE id = 1"
        )?
        else {
            return Ok(None);
        };
        let groups = rows!(
            fetch_all,
            c.on(),
            GroupRow,
            "SELECT grp, role, langs FROM sso_groups ORDER BY grp"
        )?;
        let rules = groups
            .into_iter()
            .map(|g| {
                let langs: Vec<String> = serde_json::from_str(&g.langs).context("stored group languages")?;
                Ok(GroupRule {
                    role: g
                        .role
                        .parse()
                        .with_context(|| format!("stored role of group {}", g.grp))?,
                    langs: langs.iter().filter_map(|l| LangTag::parse(l).ok()).collect(),
                    group: g.grp,
                })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Some(SsoConfig {
            issuer: row.issuer,
            client_id: row.client_id,
            client_secret: row.client_secret,
            passwords: row.passwords != 0,
            rules,
            scopes: row.scopes.split_whitespace().map(str::to_owned).collect(),
            groups_claim: row.groups_claim,
        }))
    }

    /// Sets (or replaces) this site's single sign-on, audited without the secret.
    pub async fn set_sso(&self, cfg: &SsoConfig, actor: &Actor) -> anyhow::Result<()> {
        let (passwords, scopes) = (i64::from(cfg.passwords), cfg.scopes.join(" "));
        let mut tx = self.write().await?;
        exec!(tx.on(), "DELETE FROM sso_groups")?;
        exec!(tx.on(), "DELETE FROM sso")?;
        exec!(
            tx.on(),
            "INSERT INTO sso (id, issuer, client_id, client_secret, passwords, scopes, groups_claim)
             VALUES (1, ?, ?, ?, ?, ?, ?)",
            cfg.issuer,
            cfg.client_id,
            cfg.client_secret,
            passwords,
            scopes,
            cfg.groups_claim
        )?;
        for r in &cfg.rules {
            let (role, langs) = (r.role.as_str(), langs_json(&r.langs));
            exec!(
                tx.on(),
                "INSERT INTO sso_groups (grp, role, langs) VALUES (?, ?, ?)",
                r.group,
                role,
                langs
            )?;
        }
        let after = serde_json::json!({
            "issuer": cfg.issuer,
            "client_id": cfg.client_id,
            "passwords": cfg.passwords,
            "scopes": scopes,
            "groups_claim": cfg.groups_claim,
            "groups": cfg.rules.iter().map(ToString::to_string).collect::<Vec<_>>(),
        });
        audit::record(tx.on(), actor, "sso.set", "sso", None, None, Some(&after)).await?;
        // Sessions the new settings would not let in end now: those of
        // another provider, and password ones when passwords go off.
        exec!(
            tx.on(),
            "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE sso_subject IS NOT NULL
                 AND substr(sso_subject, 1, length(?) + 1) <> ? || ' ')",
            cfg.issuer,
            cfg.issuer
        )?;
        if !cfg.passwords {
            exec!(tx.on(), "DELETE FROM sessions WHERE id_token IS NULL")?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Turns single sign-on off (local passwords sign in again); `false`
    /// when it was not on.
    pub async fn clear_sso(&self, actor: &Actor) -> anyhow::Result<bool> {
        let mut tx = self.write().await?;
        exec!(tx.on(), "DELETE FROM sso_groups")?;
        let gone = scalar!(fetch_optional, tx.on(), i64, "DELETE FROM sso RETURNING id")?;
        if gone.is_some() {
            audit::record(tx.on(), actor, "sso.clear", "sso", None, None, None).await?;
            // The provider no longer vouches for anyone here.
            exec!(tx.on(), "DELETE FROM sessions WHERE id_token IS NOT NULL")?;
        }
        tx.commit().await?;
        Ok(gone.is_some())
    }

    /// Keeps a sign-in under way; those older than [`SSO_LOGIN_TTL_MS`] go.
    /// `false` (nothing kept) when [`MAX_PENDING`] are under way already:
    /// anyone may start one, and none may fill the database.
    pub async fn begin_sso_login(&self, p: &PendingSso) -> anyhow::Result<bool> {
        let stale = p.created_ms - SSO_LOGIN_TTL_MS;
        let mut tx = self.write().await?;
        exec!(tx.on(), "DELETE FROM sso_logins WHERE created_ms < ?", stale)?;
        let pending = scalar!(
            fetch_one,
            tx.on(),
            i64,
            r#"SELECT count(*) AS "n!: i64" FROM sso_logins"#
        )?;
        if pending >= MAX_PENDING {
            return Ok(false);
        }
        exec!(
            tx.on(),
            "INSERT INTO sso_logins (state_hash, browser_hash, issuer, nonce, verifier, next, created_ms)
             VALUES (?, ?, ?, ?, ?, ?, ?)",
            p.state_hash,
            p.browser_hash,
            p.issuer,
            p.nonce,
            p.verifier,
            p.next,
            p.created_ms
        )?;
        tx.commit().await?;
        Ok(true)
    }

    /// Takes the sign-in of this state, once: a second answer with the same
    /// state finds nothing.
    pub async fn take_sso_login(&self, state_hash: &str) -> anyhow::Result<Option<PendingSso>> {
        let mut c = self.conn().await?;
        Ok(rows!(
            fetch_optional,
            c.on(),
            PendingSso,
            "DELETE FROM sso_logins WHERE state_hash = ?
             RETURNING state_hash, browser_hash, issuer, nonce, verifier, next, created_ms",
            state_hash
        )?)
    }

    /// The provider no longer gives `subject` a role here (its groups
    /// changed): its account is disabled, which ends its sessions and its
    /// API tokens; an admin may enable it again. Nothing when it has none.
    pub async fn sso_lost_role(&self, subject: &str, actor: &Actor) -> anyhow::Result<()> {
        let mut tx = self.write().await?;
        let id = subject_id(tx.on(), subject).await?;
        let Some(user) = (match id {
            Some(id) => user_in(tx.on(), id).await?,
            None => None,
        }) else {
            return Ok(());
        };
        if !user.disabled {
            exec!(tx.on(), "UPDATE users SET disabled = 1 WHERE id = ?", user.id)?;
            exec!(tx.on(), "DELETE FROM sessions WHERE user_id = ?", user.id)?;
            let after = serde_json::json!({ "disabled": true });
            let entity = format!("user:{}", user.name);
            audit::record(tx.on(), actor, "user.update", &entity, None, None, Some(&after)).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Whether an account was made by single sign-on (it has no password here).
    pub async fn is_sso_account(&self, user_id: i64) -> anyhow::Result<bool> {
        let mut c = self.conn().await?;
        let subject = scalar!(
            fetch_optional,
            c.on(),
            Option<String>,
            "SELECT sso_subject FROM users WHERE id = ?",
            user_id
        )?;
        Ok(subject.flatten().is_some())
    }

    /// The account of the provider's `subject`, made on its first sign-in
    /// (named after `name_hint` when free) and given `role` and `langs` at
    /// every sign-in, as the provider's groups say now. `None`: an admin
    /// here has disabled it.
    pub async fn sso_user(
        &self,
        subject: &str,
        name_hint: &str,
        role: Role,
        langs: &[LangTag],
        actor: &Actor,
    ) -> anyhow::Result<Option<User>> {
        let (role_s, langs_s) = (role.as_str(), langs_json(langs));
        let mut tx = self.write().await?;
        let id = subject_id(tx.on(), subject).await?;
        let id = match id {
            Some(id) => {
                let user = user_in(tx.on(), id).await?.context("the account just found")?;
                if user.disabled {
                    return Ok(None);
                }
                if user.role != role || user.langs != langs {
                    exec!(
                        tx.on(),
                        "UPDATE users SET role = ?, langs = ? WHERE id = ?",
                        role_s,
                        langs_s,
                        id
                    )?;
                    let after = serde_json::json!({ "role": role_s, "langs": langs_s });
                    let entity = format!("user:{}", user.name);
                    audit::record(tx.on(), actor, "user.update", &entity, None, None, Some(&after)).await?;
                }
                id
            }
            None => {
                let base = UserName::parse(name_hint)
                    .map(|n| n.as_str().to_owned())
                    .unwrap_or_else(|_| format!("sso-{}", &crate::auth::digest(subject)[..8]));
                let mut made = None;
                for n in 1..=50 {
                    let name = if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    };
                    made = scalar!(
                        fetch_optional,
                        tx.on(),
                        i64,
                        [
                            "INSERT INTO users (name, password_hash, role, langs, sso_subject)
                             VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id",
                            "INSERT INTO users (name, password_hash, role, langs, sso_subject)
                             VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id"
                        ],
                        name,
                        NO_PASSWORD,
                        role_s,
                        langs_s,
                        subject
                    )?
                    .map(|id| (id, name));
                    if made.is_some() {
                        break;
                    }
                }
                let (id, name) = made.context("no free account name")?;
                let after = serde_json::json!({ "role": role_s, "langs": langs_s, "sso": true });
                audit::record(
                    tx.on(),
                    actor,
                    "user.create",
                    &format!("user:{name}"),
                    None,
                    None,
                    Some(&after),
                )
                .await?;
                id
            }
        };
        let user = user_in(tx.on(), id).await?.context("the account")?;
        tx.commit().await?;
        Ok(Some(user))
    }

    /// Keeps the ID token a session was signed in with (for signing out).
    pub async fn set_session_id_token(&self, token: &str, id_token: &str) -> anyhow::Result<()> {
        let hash = crate::auth::digest(token);
        let mut c = self.conn().await?;
        exec!(
            c.on(),
            "UPDATE sessions SET id_token = ? WHERE token_hash = ?",
            id_token,
            hash
        )?;
        Ok(())
    }

    /// The ID token of a session signed in by single sign-on.
    pub async fn session_id_token(&self, token: &str) -> anyhow::Result<Option<String>> {
        let hash = crate::auth::digest(token);
        let mut c = self.conn().await?;
        let t = scalar!(
            fetch_optional,
            c.on(),
            Option<String>,
            "SELECT id_token FROM sessions WHERE token_hash = ?",
            hash
        )?;
        Ok(t.flatten())
    }
}
