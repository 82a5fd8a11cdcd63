//! Tenants' databases: where each is (a file in the folder beside the
//! home database, or a schema beside the home schema), making one with
//! its first admin account, and opening one.

use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::domain::{Actor, BaseUrl, HostName, LangTag, Role, SiteName, TenantSlug};
use crate::store::{Database, OpenOptions, Store, TenantConflict, TenantRecord};

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

/// The database of the tenant stored at `location`, beside `home`.
pub fn tenant_database(home: &Database, location: &str) -> anyhow::Result<Database> {
    anyhow::ensure!(location_ok(location), "not a tenant's database: {location:?}");
    match home {
        Database::Sqlite(path) => Ok(Database::Sqlite(tenants_folder(path).join(location))),
        Database::Postgres(url) => {
            let mut u = url::Url::parse(url).context("the database URL")?;
            // Its own schema, acting as its own role (a second fence: that
            // role has no rights outside the schema, so a query naming
            // another tenant's or the home tables fails). Ours replace any
            // the home URL gives.
            let pairs: Vec<(String, String)> = u
                .query_pairs()
                .filter(|(k, _)| k != "options[search_path]" && k != "options[role]")
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            u.query_pairs_mut()
                .clear()
                .extend_pairs(pairs)
                .append_pair("options[search_path]", location)
                .append_pair("options[role]", location);
            Ok(Database::Postgres(u.to_string()))
        }
    }
}

/// Opens a listed tenant's database, which must exist (made by
/// [`create_tenant`]): a missing one is an error, never a new empty one.
pub async fn open_tenant(home: &Database, record: &TenantRecord, o: &OpenOptions) -> anyhow::Result<Store> {
    let db = tenant_database(home, &record.location)?;
    Store::require_existing(&db)?;
    // A PostgreSQL schema that is gone fails here too: with no schema on
    // the search path, migrations have nowhere to create their tables.
    Store::open_database(&db, o)
        .await
        .with_context(|| format!("opening tenant {}'s database {db}", record.slug))
}

/// Makes a tenant: its database, an `admin` account with a one-time
/// password (to be changed at first sign-in), then its row in the home
/// database, so other servers open it only once it is whole.
pub async fn create_tenant(
    home_db: &Database,
    home: &Store,
    new: NewTenant,
    actor: &Actor,
) -> anyhow::Result<Result<TenantCreated, TenantConflict>> {
    let mut hosts = vec![new.base_url.host()];
    for h in new.hosts {
        if !hosts.contains(&h) {
            hosts.push(h);
        }
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
    let location = match home_db {
        Database::Sqlite(path) => {
            let folder = tenants_folder(path);
            std::fs::create_dir_all(&folder).with_context(|| format!("making {}", folder.display()))?;
            format!("{}.db", new.slug)
        }
        Database::Postgres(_) => {
            let schema = format!("{}_t_{}", home.current_schema().await?, new.slug.as_identifier());
            anyhow::ensure!(
                schema.len() <= 63,
                "the schema name {schema} is too long for PostgreSQL"
            );
            home.create_tenant_schema(&schema).await?;
            schema
        }
    };
    let db = tenant_database(home_db, &location)?;
    let store = Store::open_database(&db, &OpenOptions::default())
        .await
        .with_context(|| format!("making tenant {}'s database {db}", new.slug))?;
    // A database left by an earlier attempt is never taken over: its
    // accounts would be whoever made them.
    anyhow::ensure!(
        store.user_count().await? == 0,
        "{db} exists already and has accounts; remove it or choose another name"
    );
    let admin_password = match &new.archive {
        Some(json) => {
            store.import_archive(json, actor).await?;
            None
        }
        None => {
            let password = crate::auth::random_password();
            let hash = crate::auth::hash_password(&password)?;
            store
                .create_user("admin", &hash, Role::Admin, &[], true, actor)
                .await?
                .context("the new database's first account")?;
            Some(password)
        }
    };
    store.close().await;
    let record = TenantRecord {
        slug: new.slug,
        site_name: new.site_name,
        base_url: new.base_url.as_str().to_owned(),
        langs: new.langs,
        location,
        hosts,
    };
    Ok(home.add_tenant(&record, actor).await?.map(|()| TenantCreated {
        record,
        admin_password,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tenant_databases_are_beside_the_home_one() {
        let home = Database::Sqlite("/srv/madoguchi/madoguchi.db".into());
        assert_eq!(
            tenant_database(&home, "kita-ku.db").unwrap(),
            Database::Sqlite("/srv/madoguchi/madoguchi-tenants/kita-ku.db".into())
        );
        for bad in ["../x.db", "/etc/passwd", "a/b.db", "", ".db", "A.db"] {
            assert!(tenant_database(&home, bad).is_err(), "{bad:?}");
        }
        let pg = Database::Postgres(
            "postgres://u:pw@db/city?options%5Bsearch_path%5D=home&sslmode=disable".into(),
        );
        let Database::Postgres(url) = tenant_database(&pg, "home_t_kita_ku").unwrap() else {
            panic!()
        };
        let pairs: Vec<(String, String)> = url::Url::parse(&url)
            .unwrap()
            .query_pairs()
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("sslmode".to_owned(), "disable".to_owned()),
                ("options[search_path]".to_owned(), "home_t_kita_ku".to_owned()),
                ("options[role]".to_owned(), "home_t_kita_ku".to_owned())
            ]
        );
        assert!(url.starts_with("postgres://u:pw@db/city?"));
    }
}
