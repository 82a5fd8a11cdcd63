//! `serve`'s tenants: each listed tenant's site made from its database
//! and record, its upkeep (scan counts flushed, old sign-in failures
//! forgotten), and the list watched so a tenant added by an operator — on
//! this server or another on the same database — is served within seconds.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::AppState;
use crate::domain::{BaseUrl, SiteName};
use crate::sites::{Current, Site, Sites, open_tenant};
use crate::store::{Database, OpenOptions, Store, TenantRecord};

/// How often the tenant list is read for new tenants.
pub const TENANTS_CHECK_EVERY: Duration = Duration::from_secs(2);

/// What every site of this server shares from the command line.
#[derive(Clone)]
pub struct SiteOptions {
    pub qr_per_minute: u32,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub time_zone: jiff::tz::TimeZone,
    pub page_cache_mb: u64,
    pub read_only: bool,
}

impl SiteOptions {
    /// A site's state on `store`, with these options.
    pub fn state(&self, store: Store, locales: crate::i18n::Locales, base_url: BaseUrl) -> AppState {
        AppState::new(store, locales, base_url)
            .with_qr_limit(self.qr_per_minute)
            .with_trusted_proxies(self.trusted_proxies.clone())
            .with_time_zone(self.time_zone.clone())
            .with_page_cache_mb(self.page_cache_mb)
    }
}

/// The background work of every site: started per site, stopped (with a
/// last flush of the scan counts) at shutdown.
pub struct Upkeep {
    stop: tokio::sync::watch::Sender<bool>,
    flushers: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl Upkeep {
    pub fn new() -> Arc<Upkeep> {
        Arc::new(Upkeep {
            stop: tokio::sync::watch::channel(false).0,
            flushers: Mutex::default(),
        })
    }

    /// Scan counts flushed every `every`, failed sign-ins forgotten: not
    /// for a read-only database, which keeps neither.
    pub fn start(&self, state: &AppState, every: Duration) {
        let store = state.store().clone();
        if store.is_read_only() {
            return;
        }
        let mut stopped = self.stop.subscribe();
        let flusher = tokio::spawn(state.scans().clone().flush_periodically(
            store.clone(),
            every,
            async move {
                let _ = stopped.wait_for(|stop| *stop).await;
            },
        ));
        self.flushers
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(flusher);
        tokio::spawn(async move {
            let mut every = tokio::time::interval(crate::web::admin::FORGET_EVERY);
            loop {
                every.tick().await;
                crate::web::admin::forget_old(&store).await;
            }
        });
    }

    /// Stops the flushers, each writing its last counts, and waits for them.
    pub async fn finish(&self) {
        self.stop.send_replace(true);
        let flushers = std::mem::take(&mut *self.flushers.lock().unwrap_or_else(|p| p.into_inner()));
        for f in flushers {
            let _ = f.await;
        }
    }
}

/// Connections each tenant's pool may open (given back when idle): a
/// service with hundreds of tenants must stay within the database's limit.
const TENANT_CONNECTIONS: u32 = 4;
/// Tenants opened at once, and how long one may take (migrations included).
const OPENING_AT_ONCE: usize = 8;
const OPENING_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a tenant that would not open waits before the next try.
const RETRY_AFTER: Duration = Duration::from_secs(60);

/// Opens a tenant's site; `locales` are all the server has.
async fn open_site(
    home_db: Database,
    record: TenantRecord,
    locales: crate::i18n::Locales,
    options: SiteOptions,
) -> anyhow::Result<Site> {
    let open = OpenOptions {
        read_only: options.read_only,
        max_connections: Some(TENANT_CONNECTIONS),
        ..OpenOptions::default()
    };
    let store = open_tenant(&home_db, &record, &open).await?;
    let schema = match store.postgres() {
        Some(_) => Some(store.current_schema().await?),
        None => None,
    };
    site_for(store, schema, record, &locales, &options)
}

/// A tenant's site on its open store, as its record says.
fn site_for(
    store: Store,
    schema: Option<String>,
    record: TenantRecord,
    locales: &crate::i18n::Locales,
    options: &SiteOptions,
) -> anyhow::Result<Site> {
    let state = options
        .state(store, locales.only(&[]), BaseUrl::parse(&record.base_url)?)
        .with_site_name(SiteName::parse(&record.site_name)?)
        .with_languages(record.langs.clone())
        .with_tenant(record.slug.clone());
    Ok(Site::new(state, Some(record), schema))
}

/// The served tenants whose listed record changed (`tenant set`), made
/// again from it on the same database, with new caches. A record that
/// does not parse keeps the site as it was (logged once).
fn changed(
    records: &[TenantRecord],
    sites: &Sites,
    options: &SiteOptions,
    upkeep: &Upkeep,
    every: Duration,
    failing: &mut Failing,
) -> Vec<Site> {
    let mut out = Vec::new();
    for record in records {
        let Some(site) = sites.tenant(&record.slug) else {
            continue;
        };
        if site.record.as_ref() == Some(record) {
            continue;
        }
        let store = site.state.store().clone();
        match site_for(
            store,
            site.schema.clone(),
            record.clone(),
            sites.home.state.locales(),
            options,
        ) {
            Ok(new) => {
                upkeep.start(&new.state, every);
                failing.remove(&format!("{} (changed)", record.slug));
                tracing::info!(tenant = %record.slug, "tenant changed: serving its new settings");
                out.push(new);
            }
            Err(e) => {
                let key = format!("{} (changed)", record.slug);
                if failing.insert(key, Instant::now()).is_none() {
                    tracing::error!(tenant = %record.slug, error = format!("{e:#}"), "tenant's new settings refused; serving the old ones");
                }
            }
        }
    }
    out
}

/// Tenants that would not open, and when to try each again.
pub type Failing = HashMap<String, Instant>;

/// Opens the sites of `records` not yet in `sites`, several at once; one
/// that fails is logged once, left out (its hosts answer 503) and tried
/// again after [`RETRY_AFTER`].
pub async fn open_new(
    home_db: &Database,
    records: &[TenantRecord],
    sites: &Sites,
    options: &SiteOptions,
    upkeep: &Upkeep,
    every: Duration,
    failing: &mut Failing,
) -> Vec<Site> {
    let limit = Arc::new(tokio::sync::Semaphore::new(OPENING_AT_ONCE));
    let mut opening = tokio::task::JoinSet::new();
    for record in records {
        let due = failing
            .get(record.slug.as_str())
            .is_none_or(|at| *at <= Instant::now());
        if sites.tenant(&record.slug).is_some() || !due {
            continue;
        }
        let (db, record, locales, options) = (
            home_db.clone(),
            record.clone(),
            sites.home.state.locales().clone(),
            options.clone(),
        );
        let limit = limit.clone();
        opening.spawn(async move {
            let _turn = limit.acquire_owned().await;
            let opened =
                tokio::time::timeout(OPENING_TIMEOUT, open_site(db, record.clone(), locales, options)).await;
            (
                record,
                opened.unwrap_or_else(|_| Err(anyhow::anyhow!("still opening after {OPENING_TIMEOUT:?}"))),
            )
        });
    }
    let mut added = Vec::new();
    while let Some(done) = opening.join_next().await {
        let Ok((record, opened)) = done else { continue };
        match opened {
            Ok(site) => {
                upkeep.start(&site.state, every);
                let hosts: Vec<&str> = record.hosts.iter().map(|h| h.as_str()).collect();
                tracing::info!(tenant = %record.slug, hosts = hosts.join(" "), "serving tenant");
                failing.remove(record.slug.as_str());
                added.push(site);
            }
            Err(e) => {
                let first = failing
                    .insert(record.slug.to_string(), Instant::now() + RETRY_AFTER)
                    .is_none();
                if first {
                    tracing::error!(tenant = %record.slug, error = format!("{e:#}"), "tenant not served; its hosts answer 503");
                }
            }
        }
    }
    added
}

/// Reads the tenant list every [`TENANTS_CHECK_EVERY`]: serves the
/// tenants that are new, and those changed with their new settings.
pub async fn watch_tenants(
    home_db: Database,
    home: Store,
    current: Current,
    options: SiteOptions,
    upkeep: Arc<Upkeep>,
    every: Duration,
    mut failing: Failing,
) {
    loop {
        tokio::time::sleep(TENANTS_CHECK_EVERY).await;
        let records = match home.tenants().await {
            Ok(r) => r,
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "reading the tenant list");
                continue;
            }
        };
        let sites = current.load_full();
        let added = open_new(&home_db, &records, &sites, &options, &upkeep, every, &mut failing).await;
        let changed = changed(&records, &sites, &options, &upkeep, every, &mut failing);
        if added.is_empty() && changed.is_empty() && sites.down_for(&records) == *sites.down() {
            continue;
        }
        let added: Vec<Arc<Site>> = added.into_iter().map(Arc::new).collect();
        let changed: Vec<Arc<Site>> = changed.into_iter().map(Arc::new).collect();
        // Applied to whatever is current, with its locales (a reload may
        // have come while these opened).
        current.rcu(|now| {
            let locales = now.home.state.locales();
            let fresh = |sites: &[Arc<Site>]| -> Vec<Arc<Site>> {
                sites.iter().map(|s| Arc::new(s.with_locales(locales))).collect()
            };
            Arc::new(
                now.with_changed(&fresh(&changed))
                    .with_added(&fresh(&added))
                    .with_listed(&records),
            )
        });
    }
}
