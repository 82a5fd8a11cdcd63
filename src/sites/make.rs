//! Tenants' databases: where each is (a file in the folder beside the
//! home database, or a schema beside the home schema), making one with
//! its first admin account, and opening one.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::domain::{Actor, BaseUrl, HostName, LangTag, Role, SiteName, TenantSlug};
use crate::store::{Database, DbPassword, OpenOptions, Store, TenantConflict, TenantRecord};

/// A tenant to make, as the operator gave it.
#[derive(Debug, Clone)]
pub struct NewTenant {
    pub slug: TenantSlug,
    /// Its public address; its host reaches the tenant.
    pub base_url: BaseUrl,
    /// More host names reaching it (an old domain, a short one).
    pub hosts: Vec<HostName>,
    /// As `--site-name` takes it.
    pub site_name: String,
    pub langs: Vec<LangTag>,
    /// Its data from elsewhere (`archive export`): loaded instead of a
    /// first account, its own accounts coming with it.
    pub archive: Option<String>,
}

/// A tenant made: its record and, unless it came from an archive, its
/// first admin's one-time password.
#[derive(Debug)]
pub struct TenantCreated {
    pub record: TenantRecord,
    pub admin_password: Option<String>,
}

/// `madoguchi.db` → `madoguchi-tenants/`, in the same folder.
fn tenants_folder(home: &Path) -> PathBuf {
    let stem = home
        .file_stem()
        .map_or_else(|| "madoguchi".into(), |s| s.to_string_lossy().into_owned());
    home.with_file_name(format!("{stem}-tenants"))
}

/// What a stored location may be: made by [`create_tenant`] from a slug,
/// so a hand-edited row cannot point a tenant anywhere else.
fn location_ok(location: &str) -> bool {
    (1..=63).contains(&location.len())
        && location
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-' || b == b'.')
        && !location.starts_with('.')
}

/// The database of a listed tenant, beside `home`: its file, or its
/// schema reached as its own login role.
pub fn tenant_database(home: &Database, record: &TenantRecord) -> anyhow::Result<Database> {
    let location = record.location.as_str();
    anyhow::ensure!(location_ok(location), "not a tenant's database: {location:?}");
    match home {
        Database::Sqlite(path) => Ok(Database::Sqlite(tenants_folder(path).join(location))),
        Database::Postgres(url) => {
            let mut u = url::Url::parse(url).context("the database URL")?;
            let password = record
                .db_password
                .as_ref()
                .context("a tenant schema without its password")?;
            u.set_username(location)
                .map_err(|()| anyhow::anyhow!("a database URL without a host"))?;
            u.set_password(Some(&password.0))
                .map_err(|()| anyhow::anyhow!("a database URL without a host"))?;
            // Its own schema; any search path or role the home URL gives goes.
            let pairs: Vec<(String, String)> = u
                .query_pairs()
                .filter(|(k, _)| {
                    !matches!(
                        k.as_ref(),
                        "options[search_path]" | "options[role]" | "user" | "password"
                    )
                })
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            u.query_pairs_mut()
                .clear()
                .extend_pairs(pairs)
                .append_pair("options[search_path]", location);
            Ok(Database::Postgres(u.to_string()))
        }
    }
}

/// Opens a listed tenant's database, which must exist (made by
/// [`create_tenant`]): a missing one is an error, never a new empty one.
pub async fn open_tenant(home: &Database, record: &TenantRecord, o: &OpenOptions) -> anyhow::Result<Store> {
    let db = tenant_database(home, record)?;
    Store::require_existing(&db)?;
    // A PostgreSQL schema that is gone fails here too: with no schema on
    // the search path, migrations have nowhere to create their tables.
    Store::open_database(&db, o)
        .await
        .with_context(|| format!("opening tenant {}'s database {db}", record.slug))
}

/// Makes a tenant: its database with an `admin` account and a one-time
/// password (to be changed at first sign-in), or the archive's data; then
/// its row in the home database, so other servers open it only once it is
/// whole. What was made is removed again when a step fails. Hosts in
/// `reserved` (the home site's) and machine names are refused.
pub async fn create_tenant(
    home_db: &Database,
    home: &Store,
    new: NewTenant,
    reserved: &[HostName],
    actor: &Actor,
) -> anyhow::Result<Result<TenantCreated, TenantConflict>> {
    let mut hosts = vec![
        new.base_url
            .host()
            .map_err(|e| anyhow::anyhow!("{}: {e}", new.base_url.as_str()))?,
    ];
    for h in new.hosts {
        if !hosts.contains(&h) {
            hosts.push(h);
        }
    }
    if let Some(h) = refused_host(&hosts, reserved) {
        return Ok(Err(TenantConflict::Host(h.to_string())));
    }
    SiteName::parse(&new.site_name)?;
    let existing = home.tenants().await?;
    if existing.iter().any(|t| t.slug == new.slug) {
        return Ok(Err(TenantConflict::Slug(new.slug.to_string())));
    }
    if let Some(h) = hosts
        .iter()
        .find(|h| existing.iter().any(|t| t.hosts.contains(h)))
    {
        return Ok(Err(TenantConflict::Host(h.to_string())));
    }
    let mut record = TenantRecord {
        slug: new.slug,
        site_name: new.site_name,
        base_url: new.base_url.as_str().to_owned(),
        langs: new.langs,
        location: String::new(),
        db_password: None,
        hosts,
    };
    match home_db {
        Database::Sqlite(path) => {
            let folder = tenants_folder(path);
            std::fs::create_dir_all(&folder).with_context(|| format!("making {}", folder.display()))?;
            record.location = format!("{}.db", record.slug);
            let file = folder.join(&record.location);
            // Never take over a file left by an earlier attempt: its
            // accounts would be whoever made them.
            anyhow::ensure!(
                !file.exists(),
                "{} exists already; remove it or choose another name",
                file.display()
            );
        }
        Database::Postgres(_) => {
            let schema = format!(
                "{}_t_{}",
                home.current_schema().await?,
                record.slug.as_identifier()
            );
            anyhow::ensure!(
                schema.len() <= 63,
                "the schema name {schema} is too long for PostgreSQL"
            );
            let password = crate::auth::random_token();
            home.create_tenant_schema(&schema, &password).await?;
            record.location = schema;
            record.db_password = Some(DbPassword(password));
        }
    }
    let made = fill(home_db, home, &record, new.archive.as_deref(), actor).await;
    if !matches!(made, Ok(Ok(_))) {
        undo(home_db, home, &record).await;
    }
    made
}

/// A host no tenant may have: a machine's name (`localhost`, an IP
/// address) or one of `reserved` (the home site's).
pub fn refused_host<'a>(hosts: &'a [HostName], reserved: &[HostName]) -> Option<&'a HostName> {
    hosts.iter().find(|h| h.is_machine() || reserved.contains(h))
}

/// Changes a listed tenant: its address (whose host always reaches it),
/// other hosts, site name and languages, each when given.
pub async fn change_tenant(
    home: &Store,
    slug: &TenantSlug,
    change: TenantChange,
    reserved: &[HostName],
    actor: &Actor,
) -> anyhow::Result<Result<TenantRecord, TenantConflict>> {
    let mut record = home
        .tenants()
        .await?
        .into_iter()
        .find(|t| &t.slug == slug)
        .with_context(|| format!("no tenant {slug}"))?;
    let base_url = match change.base_url {
        Some(u) => u,
        None => BaseUrl::parse(&record.base_url)?,
    };
    let main = base_url
        .host()
        .map_err(|e| anyhow::anyhow!("{}: {e}", base_url.as_str()))?;
    let others: Vec<HostName> = match change.hosts {
        Some(hosts) => hosts,
        None => {
            let old_main = BaseUrl::parse(&record.base_url)?.host().ok();
            record
                .hosts
                .iter()
                .filter(|h| Some(*h) != old_main.as_ref())
                .cloned()
                .collect()
        }
    };
    let mut hosts = vec![main];
    for h in others {
        if !hosts.contains(&h) {
            hosts.push(h);
        }
    }
    if let Some(h) = refused_host(&hosts, reserved) {
        return Ok(Err(TenantConflict::Host(h.to_string())));
    }
    if let Some(name) = change.site_name {
        SiteName::parse(&name)?;
        record.site_name = name;
    }
    if let Some(langs) = change.langs {
        record.langs = langs;
    }
    record.base_url = base_url.as_str().to_owned();
    record.hosts = hosts;
    Ok(home.update_tenant(&record, actor).await?.map(|()| record))
}

/// What `tenant set` changes; `None` keeps it.
#[derive(Debug, Clone, Default)]
pub struct TenantChange {
    pub base_url: Option<BaseUrl>,
    /// The hosts besides the address's.
    pub hosts: Option<Vec<HostName>>,
    pub site_name: Option<String>,
    /// Empty: every language the server has.
    pub langs: Option<Vec<LangTag>>,
}

/// The new database's first account or archive, then the tenant's row.
async fn fill(
    home_db: &Database,
    home: &Store,
    record: &TenantRecord,
    archive: Option<&str>,
    actor: &Actor,
) -> anyhow::Result<Result<TenantCreated, TenantConflict>> {
    let db = tenant_database(home_db, record)?;
    let store = Store::open_database(&db, &OpenOptions::default())
        .await
        .with_context(|| format!("making tenant {}'s database {db}", record.slug))?;
    let admin_password = match archive {
        Some(json) => {
            let loaded = store.import_archive(json, actor).await;
            store.close().await;
            loaded?;
            None
        }
        None => {
            let password = crate::auth::random_password();
            let hash = crate::auth::hash_password(&password)?;
            let made = store
                .create_user("admin", &hash, Role::Admin, &[], true, actor)
                .await;
            store.close().await;
            made?.context("the new database's first account")?;
            Some(password)
        }
    };
    Ok(home.add_tenant(record, actor).await?.map(|()| TenantCreated {
        record: record.clone(),
        admin_password,
    }))
}

/// Removes a tenant database whose making failed (logged, never fatal).
async fn undo(home_db: &Database, home: &Store, record: &TenantRecord) {
    let undone = match home_db {
        Database::Sqlite(path) => {
            let file = tenants_folder(path).join(&record.location);
            for suffix in ["", "-wal", "-shm"] {
                let mut f = file.clone().into_os_string();
                f.push(suffix);
                let _ = std::fs::remove_file(f);
            }
            Ok(())
        }
        Database::Postgres(_) => home.drop_tenant_schema(&record.location).await,
    };
    if let Err(e) = undone {
        tracing::warn!(tenant = %record.slug, error = format!("{e:#}"), "removing a half-made tenant database");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_databases_are_beside_the_home_one() {
        let record = |location: &str, password: Option<&str>| TenantRecord {
            slug: TenantSlug::parse("kita-ku").unwrap(),
            site_name: String::new(),
            base_url: "https://kita-ku.example.jp".into(),
            langs: vec![],
            location: location.into(),
            db_password: password.map(|p| DbPassword(p.into())),
            hosts: vec![],
        };
        let home = Database::Sqlite("/srv/madoguchi/madoguchi.db".into());
        assert_eq!(
            tenant_database(&home, &record("kita-ku.db", None)).unwrap(),
            Database::Sqlite("/srv/madoguchi/madoguchi-tenants/kita-ku.db".into())
        );
        for bad in ["../x.db", "/etc/passwd", "a/b.db", "", ".db", "A.db"] {
            assert!(tenant_database(&home, &record(bad, None)).is_err(), "{bad:?}");
        }
        let pg = Database::Postgres(
            "postgres://u:pw@db/city?options%5Bsearch_path%5D=home&sslmode=disable&options%5Brole%5D=x"
                .into(),
        );
        assert!(
            tenant_database(&pg, &record("home_t_kita_ku", None)).is_err(),
            "a schema needs its password"
        );
        let Database::Postgres(url) =
            tenant_database(&pg, &record("home_t_kita_ku", Some("s3cret"))).unwrap()
        else {
            panic!()
        };
        let u = url::Url::parse(&url).unwrap();
        assert_eq!((u.username(), u.password()), ("home_t_kita_ku", Some("s3cret")));
        let pairs: Vec<(String, String)> = u
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("sslmode".to_owned(), "disable".to_owned()),
                ("options[search_path]".to_owned(), "home_t_kita_ku".to_owned()),
            ]
        );
        assert_eq!(u.host_str(), Some("db"));
        assert!(
            !Database::Postgres(url).to_string().contains("s3cret"),
            "shown redacted"
        );
    }
}
