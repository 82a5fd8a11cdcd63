//! Staff accounts and their sessions.

use anyhow::Context;

use super::db::{On, exec, rows, scalar};
use super::{Store, audit};
use crate::domain::{Actor, LangTag, Role, User};

/// Idle and absolute lifetimes of a staff session, in seconds.
pub const SESSION_IDLE: i64 = 2 * 60 * 60;
pub const SESSION_ABSOLUTE: i64 = 12 * 60 * 60;
/// Don't write `last_seen_at` more often than this.
const TOUCH_EVERY: i64 = 60;

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    name: String,
    role: String,
    langs: String,
    disabled: i64,
    must_change_password: i64,
    created_at: String,
}

#[derive(sqlx::FromRow)]
struct SignInRow {
    id: i64,
    name: String,
    role: String,
    langs: String,
    disabled: i64,
    must_change_password: i64,
    created_at: String,
    password_hash: String,
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    user_id: i64,
    csrf_token: String,
    created_at: i64,
    last_seen_at: i64,
}

impl UserRow {
    fn into_user(self) -> anyhow::Result<User> {
        let langs: Vec<String> = serde_json::from_str(&self.langs).context("stored languages")?;
        Ok(User {
            role: self
                .role
                .parse()
                .with_context(|| format!("stored role of {}", self.name))?,
            langs: langs.iter().filter_map(|l| LangTag::parse(l).ok()).collect(),
            id: self.id,
            name: self.name,
            disabled: self.disabled != 0,
            must_change_password: self.must_change_password != 0,
            created_at: self.created_at,
        })
    }
}

/// A live session: whose it is and its CSRF token.
#[derive(Debug, Clone)]
pub struct Session {
    pub user: User,
    pub csrf: String,
}

pub fn langs_json(langs: &[LangTag]) -> String {
    serde_json::to_string(&langs.iter().map(ToString::to_string).collect::<Vec<_>>())
        .expect("strings serialise")
}

fn unix_now() -> i64 {
    jiff::Timestamp::now().as_second()
}

impl Store {
    pub async fn user_count(&self) -> anyhow::Result<i64> {
        let mut c = self.conn().await?;
        Ok(scalar!(
            fetch_one,
            c.on(),
            i64,
            r#"SELECT count(*) AS "n!: i64" FROM users"#
        )?)
    }

    pub async fn create_user(
        &self,
        name: &str,
        password_hash: &str,
        role: Role,
        langs: &[LangTag],
        must_change_password: bool,
        actor: &Actor,
    ) -> anyhow::Result<Option<i64>> {
        let (role_s, langs_s, must) = (role.as_str(), langs_json(langs), i64::from(must_change_password));
        let mut tx = self.write().await?;
        let id = scalar!(
            fetch_optional,
            tx.on(),
            i64,
            [
                "INSERT INTO users (name, password_hash, role, langs, must_change_password)
                 VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING RETURNING id",
                // The unique index is on lower(name): any conflict is that one.
                "INSERT INTO users (name, password_hash, role, langs, must_change_password)
                 VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING id"
            ],
            name,
            password_hash,
            role_s,
            langs_s,
            must
        )?;
        if id.is_some() {
            let after = serde_json::json!({ "role": role_s, "langs": langs_s });
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
        }
        tx.commit().await?;
        Ok(id)
    }

    /// A user and their password hash, by name (case-insensitive).
    pub async fn user_for_sign_in(&self, name: &str) -> anyhow::Result<Option<(User, String)>> {
        let mut c = self.conn().await?;
        let row = rows!(
            fetch_optional,
            c.on(),
            SignInRow,
            // SQLite compares names with COLLATE NOCASE; PostgreSQL's index is on lower(name).
            [
                "SELECT id, name, role, langs, disabled, must_change_password, created_at, password_hash
                 FROM users WHERE name = ?",
                "SELECT id, name, role, langs, disabled, must_change_password, created_at, password_hash
                 FROM users WHERE lower(name) = lower(?)"
            ],
            name
        )?;
        let Some(r) = row else { return Ok(None) };
        let user = UserRow {
            id: r.id,
            name: r.name,
            role: r.role,
            langs: r.langs,
            disabled: r.disabled,
            must_change_password: r.must_change_password,
            created_at: r.created_at,
        }
        .into_user()?;
        Ok(Some((user, r.password_hash)))
    }

    pub async fn user(&self, id: i64) -> anyhow::Result<Option<User>> {
        let mut c = self.conn().await?;
        user_in(c.on(), id).await
    }

    pub async fn users(&self) -> anyhow::Result<Vec<User>> {
        let mut c = self.conn().await?;
        rows!(fetch_all, c.on(), UserRow, "SELECT id, name, role, langs, disabled, must_change_password, created_at FROM users ORDER BY lower(name)")?
        .into_iter()
        .map(UserRow::into_user)
        .collect()
    }

    /// Changes role, languages and the disabled flag; disabling ends the
    /// user's sessions.
    pub async fn update_user(
        &self,
        user: &User,
        role: Role,
        langs: &[LangTag],
        disabled: bool,
        actor: &Actor,
    ) -> anyhow::Result<()> {
        let (role_s, langs_s, dis) = (role.as_str(), langs_json(langs), i64::from(disabled));
        let mut tx = self.write().await?;
        exec!(
            tx.on(),
            "UPDATE users SET role = ?, langs = ?, disabled = ? WHERE id = ?",
            role_s,
            langs_s,
            dis,
            user.id
        )?;
        if disabled {
            exec!(tx.on(), "DELETE FROM sessions WHERE user_id = ?", user.id)?;
        }
        let before = serde_json::json!({ "role": user.role.as_str(), "langs": langs_json(&user.langs), "disabled": user.disabled });
        let after = serde_json::json!({ "role": role_s, "langs": langs_s, "disabled": disabled });
        let entity = format!("user:{}", user.name);
        audit::record(
            tx.on(),
            actor,
            "user.update",
            &entity,
            None,
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Sets a new password and ends every session of the user but `keep`.
    pub async fn set_password(
        &self,
        user: &User,
        password_hash: &str,
        must_change: bool,
        keep_session: Option<&str>,
        actor: &Actor,
    ) -> anyhow::Result<()> {
        let must = i64::from(must_change);
        let keep = keep_session.map(crate::auth::digest).unwrap_or_default();
        let mut tx = self.write().await?;
        exec!(
            tx.on(),
            "UPDATE users SET password_hash = ?, must_change_password = ? WHERE id = ?",
            password_hash,
            must,
            user.id
        )?;
        exec!(
            tx.on(),
            "DELETE FROM sessions WHERE user_id = ? AND token_hash <> ?",
            user.id,
            keep
        )?;
        let action = if must_change {
            "user.password-reset"
        } else {
            "user.password-change"
        };
        audit::record(
            tx.on(),
            actor,
            action,
            &format!("user:{}", user.name),
            None,
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Starts a session; returns the cookie token and the CSRF token.
    pub async fn create_session(&self, user_id: i64) -> anyhow::Result<(String, String)> {
        let mut c = self.conn().await?;
        let (token, csrf) = (crate::auth::random_token(), crate::auth::random_token());
        let (hash, now) = (crate::auth::digest(&token), unix_now());
        exec!(
            c.on(),
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?)",
            hash,
            user_id,
            csrf,
            now,
            now
        )?;
        Ok((token, csrf))
    }

    /// The live session for a cookie token, if it has not expired and its
    /// user is not disabled. Expired sessions are deleted on sight.
    pub async fn session(&self, token: &str) -> anyhow::Result<Option<Session>> {
        let hash = crate::auth::digest(token);
        let mut c = self.conn().await?;
        let Some(row) = rows!(
            fetch_optional,
            c.on(),
            SessionRow,
            "SELECT s.user_id, s.csrf_token, s.created_at, s.last_seen_at FROM sessions s WHERE s.token_hash = ?",
            hash
        )?
        else {
            return Ok(None);
        };
        let now = unix_now();
        if now - row.last_seen_at > SESSION_IDLE || now - row.created_at > SESSION_ABSOLUTE {
            exec!(c.on(), "DELETE FROM sessions WHERE token_hash = ?", hash)?;
            return Ok(None);
        }
        let Some(user) = user_in(c.on(), row.user_id).await?.filter(|u| !u.disabled) else {
            return Ok(None);
        };
        if now - row.last_seen_at > TOUCH_EVERY {
            // Best effort: a locked, full or read-only database must not
            // sign staff out; the next request touches it again.
            let touched = exec!(
                c.on(),
                "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?",
                now,
                hash
            );
            if let Err(e) = touched {
                tracing::debug!(error = %e, "session not touched");
            }
        }
        Ok(Some(Session {
            user,
            csrf: row.csrf_token,
        }))
    }

    pub async fn end_session(&self, token: &str) -> anyhow::Result<()> {
        let mut c = self.conn().await?;
        let hash = crate::auth::digest(token);
        exec!(c.on(), "DELETE FROM sessions WHERE token_hash = ?", hash)?;
        Ok(())
    }

    pub async fn end_all_sessions(&self, user_id: i64) -> anyhow::Result<()> {
        let mut c = self.conn().await?;
        exec!(c.on(), "DELETE FROM sessions WHERE user_id = ?", user_id)?;
        Ok(())
    }

    /// Moves a session's clock, for tests of expiry.
    #[doc(hidden)]
    pub async fn age_sessions(&self, seconds: i64) -> anyhow::Result<()> {
        let mut c = self.conn().await?;
        exec!(
            c.on(),
            "UPDATE sessions SET created_at = created_at - ?, last_seen_at = last_seen_at - ?",
            seconds,
            seconds
        )?;
        Ok(())
    }
}

pub(super) async fn user_in(on: On<'_>, id: i64) -> anyhow::Result<Option<User>> {
    rows!(
        fetch_optional,
        on,
        UserRow,
        "SELECT id, name, role, langs, disabled, must_change_password, created_at FROM users WHERE id = ?",
        id
    )?
    .map(UserRow::into_user)
    .transpose()
}
