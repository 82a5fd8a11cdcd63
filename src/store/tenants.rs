//! The tenant list, kept in the home database (migrations/0011): which
//! municipality answers which host names, with its site name, public
//! address, languages and where its own database is. Each tenant's data
//! is in that database alone; nothing here reads it.

use anyhow::Context;

use super::db::{On, exec, rows, scalar};
use super::{Store, audit};
use crate::domain::{Actor, HostName, LangTag, TenantSlug};

/// One tenant as listed in the home database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TenantRecord {
    pub slug: TenantSlug,
    /// As `--site-name` takes it (`熊本市` or `ja=…; en=…`).
    pub site_name: String,
    pub base_url: String,
    /// Languages offered; empty: all the server has.
    pub langs: Vec<LangTag>,
    /// A file name in the tenants folder (SQLite) or a schema (PostgreSQL).
    pub location: String,
    /// PostgreSQL: the password of the tenant's own login role.
    pub db_password: Option<DbPassword>,
    pub hosts: Vec<HostName>,
}

/// A tenant's database password: never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DbPassword(pub String);

impl std::fmt::Debug for DbPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbPassword(***)")
    }
}

#[derive(sqlx::FromRow)]
struct TenantRow {
    slug: String,
    site_name: String,
    base_url: String,
    langs: String,
    location: String,
    db_password: Option<String>,
}

#[derive(sqlx::FromRow)]
struct HostRow {
    host: String,
    tenant: String,
}

/// Why a tenant was not added.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TenantConflict {
    #[error("a tenant named {0} exists already")]
    Slug(String),
    #[error("the host {0} already reaches another tenant")]
    Host(String),
}

/// A host of `t` that reaches another tenant already, if any.
async fn host_of_another(mut on: On<'_>, t: &TenantRecord) -> anyhow::Result<Option<String>> {
    for host in &t.hosts {
        let host = host.as_str();
        let owner = scalar!(
            fetch_optional,
            on.re(),
            String,
            "SELECT tenant FROM tenant_hosts WHERE host = ?",
            host
        )?;
        if owner.is_some_and(|o| o != t.slug.as_str()) {
            return Ok(Some(host.to_owned()));
        }
    }
    Ok(None)
}

/// Lists `t`'s hosts (its old ones removed first by the caller) and
/// audits `action` with what it now is.
async fn hosts_and_audit(
    mut on: On<'_>,
    t: &TenantRecord,
    action: &str,
    actor: &Actor,
) -> anyhow::Result<()> {
    let slug = t.slug.as_str();
    for host in &t.hosts {
        let host = host.as_str();
        exec!(
            on.re(),
            "INSERT INTO tenant_hosts (host, tenant) VALUES (?, ?)",
            host,
            slug
        )?;
    }
    let after = serde_json::json!({
        "site_name": t.site_name,
        "base_url": t.base_url,
        "langs": super::users::langs_json(&t.langs),
        "hosts": t.hosts.iter().map(HostName::as_str).collect::<Vec<_>>(),
    });
    audit::record(
        on,
        actor,
        action,
        &format!("tenant:{slug}"),
        None,
        None,
        Some(&after),
    )
    .await
}

impl Store {
    /// Every tenant, by slug, with its hosts. Rows that no longer parse (an
    /// edit by hand) are refused loudly rather than served half-right.
    pub async fn tenants(&self) -> anyhow::Result<Vec<TenantRecord>> {
        let mut c = self.conn().await?;
        let tenants = rows!(
            fetch_all,
            c.on(),
            TenantRow,
            "SELECT slug, site_name, base_url, langs, location, db_password FROM tenants ORDER BY slug"
        )?;
        let hosts = rows!(
            fetch_all,
            c.on(),
            HostRow,
            "SELECT host, tenant FROM tenant_hosts ORDER BY host"
        )?;
        tenants
            .into_iter()
            .map(|t| {
                let langs: Vec<String> = serde_json::from_str(&t.langs)
                    .with_context(|| format!("stored languages of tenant {}", t.slug))?;
                Ok(TenantRecord {
                    slug: TenantSlug::parse(&t.slug)
                        .with_context(|| format!("stored tenant {:?}", t.slug))?,
                    langs: langs
                        .iter()
                        .map(|l| {
                            LangTag::parse(l).with_context(|| format!("tenant {}: language {l:?}", t.slug))
                        })
                        .collect::<anyhow::Result<_>>()?,
                    hosts: hosts
                        .iter()
                        .filter(|h| h.tenant == t.slug)
                        .map(|h| {
                            HostName::parse(&h.host)
                                .with_context(|| format!("tenant {}: host {:?}", t.slug, h.host))
                        })
                        .collect::<anyhow::Result<_>>()?,
                    site_name: t.site_name,
                    base_url: t.base_url,
                    location: t.location,
                    db_password: t.db_password.map(DbPassword),
                })
            })
            .collect()
    }

    /// Lists a new tenant (its database made already), audited; refused
    /// when its slug or a host is taken.
    pub async fn add_tenant(
        &self,
        t: &TenantRecord,
        actor: &Actor,
    ) -> anyhow::Result<Result<(), TenantConflict>> {
        let slug = t.slug.as_str();
        let langs = super::users::langs_json(&t.langs);
        let mut tx = self.write().await?;
        let taken = scalar!(
            fetch_optional,
            tx.on(),
            String,
            "SELECT slug FROM tenants WHERE slug = ? OR location = ?",
            slug,
            t.location
        )?;
        if taken.is_some() {
            return Ok(Err(TenantConflict::Slug(slug.to_owned())));
        }
        if let Some(host) = host_of_another(tx.on(), t).await? {
            return Ok(Err(TenantConflict::Host(host)));
        }
        let password = t.db_password.as_ref().map(|p| p.0.as_str());
        exec!(
            tx.on(),
            "INSERT INTO tenants (slug, site_name, base_url, langs, location, db_password) VALUES (?, ?, ?, ?, ?, ?)",
            slug,
            t.site_name,
            t.base_url,
            langs,
            t.location,
            password
        )?;
        hosts_and_audit(tx.on(), t, "tenant.add", actor).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Changes a listed tenant's site name, address, languages and hosts
    /// (its slug and database stay), audited; refused when a host reaches
    /// another tenant. Servers serving it pick the change up within seconds.
    pub async fn update_tenant(
        &self,
        t: &TenantRecord,
        actor: &Actor,
    ) -> anyhow::Result<Result<(), TenantConflict>> {
        let slug = t.slug.as_str();
        let langs = super::users::langs_json(&t.langs);
        let mut tx = self.write().await?;
        if let Some(host) = host_of_another(tx.on(), t).await? {
            return Ok(Err(TenantConflict::Host(host)));
        }
        let changed = exec!(
            tx.on(),
            "UPDATE tenants SET site_name = ?, base_url = ?, langs = ? WHERE slug = ?",
            t.site_name,
            t.base_url,
            langs,
            slug
        )?;
        anyhow::ensure!(changed > 0, "no tenant {slug}");
        exec!(tx.on(), "DELETE FROM tenant_hosts WHERE tenant = ?", slug)?;
        hosts_and_audit(tx.on(), t, "tenant.update", actor).await?;
        tx.commit().await?;
        Ok(Ok(()))
    }

    /// Whether this home account may add tenants.
    pub async fn is_operator(&self, user_id: i64) -> anyhow::Result<bool> {
        let mut c = self.conn().await?;
        let found = scalar!(
            fetch_optional,
            c.on(),
            i64,
            "SELECT user_id FROM operators WHERE user_id = ?",
            user_id
        )?;
        Ok(found.is_some())
    }

    /// Makes the home account `name` an operator; `false` when there is none.
    pub async fn make_operator(&self, name: &str, actor: &Actor) -> anyhow::Result<bool> {
        let mut tx = self.write().await?;
        let id = scalar!(
            fetch_optional,
            tx.on(),
            i64,
            [
                "SELECT id FROM users WHERE name = ?",
                "SELECT id FROM users WHERE lower(name) = lower(?)"
            ],
            name
        )?;
        let Some(id) = id else { return Ok(false) };
        exec!(
            tx.on(),
            "INSERT INTO operators (user_id) VALUES (?) ON CONFLICT DO NOTHING",
            id
        )?;
        audit::record(
            tx.on(),
            actor,
            "user.operator",
            &format!("user:{name}"),
            None,
            None,
            None,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }
}
