//! `madoguchi tenant add|list|operator`, and `--tenant` for the other
//! tools (import, export, backup, user add, translations, qr): the
//! tenant's database in place of the home one.

use std::io::Write;

use anyhow::Context;
use clap::Subcommand;

use crate::domain::{Actor, BaseUrl, HostName, TenantSlug, parse_lang_list};
use crate::sites::{NewTenant, TenantChange, change_tenant, create_tenant, tenant_database};
use crate::store::{Database, Store};

#[derive(Debug, Subcommand)]
pub enum TenantCommand {
    /// Add a municipality: its own database beside the home one and an
    /// `admin` account whose one-time password is printed once. Servers
    /// running on the home database serve it within seconds.
    Add {
        /// Its short name: a-z, 0-9 and -, e.g. kita-ku.
        slug: String,
        /// Its public address, printed in its QR codes; the host name
        /// reaches it, e.g. https://kita-ku.example.jp (not named
        /// base_url: clap would also give it to the global --base-url).
        #[arg(value_name = "BASE_URL")]
        address: String,
        /// Another host name reaching it (repeatable).
        #[arg(long = "host")]
        hosts: Vec<String>,
        /// Whose service it is, as `serve --site-name` takes it.
        #[arg(long, default_value = "")]
        site_name: String,
        /// The languages it offers besides Japanese, e.g. en,vi,zh-Hans
        /// (default: every language the server has).
        #[arg(long, default_value = "")]
        langs: String,
        /// Its data from `madoguchi archive export` (its own install, or
        /// another service): loaded whole, with its own accounts.
        #[arg(long)]
        from: Option<std::path::PathBuf>,
    },
    /// Change a tenant: servers serving it take the change within seconds
    /// (its pages are made again). What is not given stays.
    Set {
        slug: String,
        /// Its new public address (printed in QR codes printed from now on).
        #[arg(long, value_name = "BASE_URL")]
        address: Option<String>,
        /// The host names reaching it besides its address's (repeatable;
        /// replaces the ones it has; `--host ''` for none).
        #[arg(long = "host")]
        hosts: Option<Vec<String>>,
        #[arg(long)]
        site_name: Option<String>,
        /// Its languages besides Japanese; '' for every language.
        #[arg(long)]
        langs: Option<String>,
    },
    /// List the tenants and their host names.
    List,
    /// Let a home account add tenants in the staff pages.
    Operator { name: String },
}

pub async fn run(
    home_db: &Database,
    home_url: Option<&BaseUrl>,
    command: TenantCommand,
) -> anyhow::Result<()> {
    let home = Store::open_existing(home_db).await?;
    let actor = Actor::system("cli");
    match command {
        TenantCommand::Add {
            slug,
            address,
            hosts,
            site_name,
            langs,
            from,
        } => {
            let archive = from
                .map(|f| std::fs::read_to_string(&f).with_context(|| format!("reading {}", f.display())))
                .transpose()?;
            let new = NewTenant {
                archive,
                slug: TenantSlug::parse(&slug).with_context(|| format!("{slug:?}"))?,
                base_url: BaseUrl::parse(&address)?,
                hosts: hosts
                    .iter()
                    .map(|h| HostName::parse(h).with_context(|| format!("{h:?}")))
                    .collect::<anyhow::Result<_>>()?,
                site_name,
                langs: parse_lang_list(&langs)?,
            };
            // The home site's host, when given (--base-url), is not a tenant's.
            let reserved: Vec<HostName> = home_url.and_then(|u| u.host().ok()).into_iter().collect();
            let made = create_tenant(home_db, &home, new, &reserved, &actor)
                .await?
                .map_err(anyhow::Error::msg)?;
            let db = tenant_database(home_db, &made.record)?;
            let hosts: Vec<&str> = made.record.hosts.iter().map(HostName::as_str).collect();
            eprintln!(
                "added tenant {} ({}) with its database {db}",
                made.record.slug,
                hosts.join(", ")
            );
            match made.admin_password {
                Some(password) => eprintln!(
                    "staff sign in at {}/admin as \"admin\" with the one-time password {password} \
                     (shown only now; it must be changed at first sign-in)",
                    made.record.base_url
                ),
                None => eprintln!(
                    "its data and accounts came from the archive; staff sign in at {}/admin",
                    made.record.base_url
                ),
            }
            Ok(())
        }
        TenantCommand::Set {
            slug,
            address,
            hosts,
            site_name,
            langs,
        } => {
            let change = TenantChange {
                base_url: address.as_deref().map(BaseUrl::parse).transpose()?,
                hosts: hosts
                    .map(|hs| {
                        hs.iter()
                            .filter(|h| !h.is_empty())
                            .map(|h| HostName::parse(h).with_context(|| format!("{h:?}")))
                            .collect::<anyhow::Result<Vec<_>>>()
                    })
                    .transpose()?,
                site_name,
                langs: langs.as_deref().map(parse_lang_list).transpose()?,
            };
            let slug = TenantSlug::parse(&slug).with_context(|| format!("{slug:?}"))?;
            let reserved: Vec<HostName> = home_url.and_then(|u| u.host().ok()).into_iter().collect();
            let record = change_tenant(&home, &slug, change, &reserved, &actor)
                .await?
                .map_err(anyhow::Error::msg)?;
            let hosts: Vec<&str> = record.hosts.iter().map(HostName::as_str).collect();
            eprintln!(
                "changed tenant {slug}: {} ({})",
                record.base_url,
                hosts.join(", ")
            );
            Ok(())
        }
        TenantCommand::List => {
            let mut out = std::io::stdout().lock();
            for t in home.tenants().await? {
                let hosts: Vec<&str> = t.hosts.iter().map(HostName::as_str).collect();
                let langs: Vec<String> = t.langs.iter().map(ToString::to_string).collect();
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}",
                    t.slug,
                    t.base_url,
                    hosts.join(","),
                    if langs.is_empty() {
                        "all".to_owned()
                    } else {
                        langs.join(",")
                    }
                )?;
            }
            Ok(())
        }
        TenantCommand::Operator { name } => {
            anyhow::ensure!(
                home.make_operator(&name, &actor).await?,
                "no home account named {name}"
            );
            eprintln!("{name} may now add tenants at /admin/tenants");
            Ok(())
        }
    }
}

/// The database `--tenant SLUG` names (the tenant's, listed in the home
/// one) and the tenant's public address.
pub async fn database_of(home_db: &Database, slug: &str) -> anyhow::Result<(Database, BaseUrl)> {
    let slug = TenantSlug::parse(slug).with_context(|| format!("--tenant {slug:?}"))?;
    let home = Store::open_existing(home_db).await?;
    let record = home
        .tenants()
        .await?
        .into_iter()
        .find(|t| t.slug == slug)
        .with_context(|| format!("no tenant {slug} in {home_db} (see `madoguchi tenant list`)"))?;
    home.close().await;
    Ok((
        tenant_database(home_db, &record)?,
        BaseUrl::parse(&record.base_url)?,
    ))
}
