//! API bearer tokens: stored as digests, shown once, revocable.

use anyhow::Context;

use super::db::{exec, rows, scalar};
use super::users::langs_json;
use super::{Store, audit};
use crate::domain::{Actor, LangTag, Role};

#[derive(Debug, Clone)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    pub role: Role,
    pub langs: Vec<LangTag>,
    pub created_by: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: i64,
    name: String,
    role: String,
    langs: String,
    created_by: String,
    created_at: String,
    revoked_at: Option<String>,
}

#[derive(sqlx::FromRow)]
struct LiveTokenRow {
    id: i64,
    name: String,
    role: String,
    langs: String,
    created_by: String,
    created_at: String,
    revoked_at: Option<String>,
    creator_role: String,
    creator_langs: String,
}

impl TokenRow {
    fn into_token(self) -> anyhow::Result<ApiToken> {
        let langs: Vec<String> = serde_json::from_str(&self.langs).context("stored token languages")?;
        Ok(ApiToken {
            role: self.role.parse().context("stored token role")?,
            langs: langs.iter().filter_map(|l| LangTag::parse(l).ok()).collect(),
            id: self.id,
            name: self.name,
            created_by: self.created_by,
            created_at: self.created_at,
            revoked_at: self.revoked_at,
        })
    }
}

impl Store {
    /// Creates a token; returns its id and the secret, which is not stored.
    pub async fn create_token(
        &self,
        name: &str,
        role: Role,
        langs: &[LangTag],
        created_by: i64,
        actor: &Actor,
    ) -> anyhow::Result<(i64, String)> {
        let secret = format!("mdg_{}", crate::auth::random_token());
        let (hash, role_s, langs_s) = (crate::auth::digest(&secret), role.as_str(), langs_json(langs));
        let mut tx = self.write().await?;
        let id = scalar!(
            fetch_one,
            tx.on(),
            i64,
            "INSERT INTO api_tokens (name, token_hash, role, langs, created_by) VALUES (?, ?, ?, ?, ?) RETURNING id AS \"id!\"",
            name,
            hash,
            role_s,
            langs_s,
            created_by
        )?;
        let after = serde_json::json!({ "name": name, "role": role_s, "langs": langs_s });
        audit::record(
            tx.on(),
            actor,
            "token.create",
            &format!("token:{id}"),
            None,
            None,
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok((id, secret))
    }

    pub async fn tokens(&self) -> anyhow::Result<Vec<ApiToken>> {
        let mut c = self.conn().await?;
        rows!(
            fetch_all,
            c.on(),
            TokenRow,
            "SELECT t.id, t.name, t.role, t.langs, u.name AS created_by, t.created_at, t.revoked_at
             FROM api_tokens t JOIN users u ON u.id = t.created_by ORDER BY t.id DESC"
        )?
        .into_iter()
        .map(TokenRow::into_token)
        .collect()
    }

    /// The live token for a secret: not revoked, made by a user who is not
    /// disabled, and carrying no more than that user's current role and
    /// languages (a token must not outlive its creator's rights).
    pub async fn token_for_secret(&self, secret: &str) -> anyhow::Result<Option<ApiToken>> {
        let hash = crate::auth::digest(secret);
        let mut c = self.conn().await?;
        let Some(row) = rows!(
            fetch_optional,
            c.on(),
            LiveTokenRow,
            r#"SELECT t.id, t.name, t.role, t.langs, u.name AS created_by, t.created_at, t.revoked_at,
                      u.role AS creator_role, u.langs AS creator_langs
               FROM api_tokens t JOIN users u ON u.id = t.created_by
               WHERE t.token_hash = ? AND t.revoked_at IS NULL AND u.disabled = 0"#,
            hash
        )?
        else {
            return Ok(None);
        };
        let creator_role: Role = row.creator_role.parse().context("stored user role")?;
        let creator_langs: Vec<String> =
            serde_json::from_str(&row.creator_langs).context("stored user languages")?;
        let creator_langs: Vec<LangTag> = creator_langs
            .iter()
            .filter_map(|l| LangTag::parse(l).ok())
            .collect();
        let mut token = TokenRow {
            id: row.id,
            name: row.name,
            role: row.role,
            langs: row.langs,
            created_by: row.created_by,
            created_at: row.created_at,
            revoked_at: row.revoked_at,
        }
        .into_token()?;
        (token.role, token.langs) = token.role.narrowed(&token.langs, creator_role, &creator_langs);
        Ok(Some(token))
    }

    pub async fn revoke_token(&self, id: i64, actor: &Actor) -> anyhow::Result<bool> {
        let now = super::now();
        let mut tx = self.write().await?;
        let done = exec!(
            tx.on(),
            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
            now,
            id
        )? > 0;
        if done {
            audit::record(
                tx.on(),
                actor,
                "token.revoke",
                &format!("token:{id}"),
                None,
                None,
                None,
            )
            .await?;
        }
        tx.commit().await?;
        Ok(done)
    }
}
