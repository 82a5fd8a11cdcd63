//! madoguchi: multilingual guidance for a city's procedures, reached by QR code.
//!
//! `main.rs` parses the command line and calls [`cli`]; everything else
//! lives here. [`app`] builds the one router used by the server and tests.

pub mod audio;
pub mod auth;
pub mod cli;
pub mod domain;
pub mod error;
pub mod i18n;
pub mod qr;
pub mod samples;
pub mod sites;
pub mod sso;
pub mod stats;
pub mod store;
pub mod telemetry;
pub mod transfer;
pub mod translations;
pub mod web;

use std::sync::Arc;

use axum::Router;

use domain::BaseUrl;
use i18n::Locales;
use store::Store;

/// QR images one client may fetch per minute: plenty for a person or a
/// print run, not enough to keep the CPU busy drawing.
pub const QR_RENDERS_PER_MINUTE: u32 = 120;

/// Everything a request handler may need; cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
    rendering: Arc<Rendering>,
}

struct Inner {
    store: Store,
    base_url: BaseUrl,
    throttle: web::admin::Throttle,
    scans: Arc<stats::Scans>,
    qr_cache: qr::Cache,
    qr_limit: web::RateLimit,
    /// Bumped after each successful write through this server; shared by
    /// every page cache, including one made by a locale reload mid-write.
    writes: std::sync::atomic::AtomicU64,
    /// Peers whose X-Forwarded-For names the client (`--trusted-proxy`).
    trusted_proxies: Vec<std::net::IpAddr>,
    /// The zone staff pages show times in (`--time-zone`, Asia/Tokyo).
    staff_zone: jiff::tz::TimeZone,
    /// Whose service this is, printed on posters (`--site-name`).
    site_name: domain::SiteName,
    /// The page cache's byte budget (`--page-cache-mb`), kept for the
    /// cache a locale reload makes.
    page_cache_bytes: u64,
    /// Recordings of the guidance texts (`--audio-dir`), when turned on.
    audio: Option<Arc<audio::Audio>>,
    /// The languages this site offers (a tenant's choice; empty: all),
    /// kept for the locales a reload brings.
    languages: Vec<domain::LangTag>,
    /// Which tenant this is; `None` for the home site.
    tenant: Option<domain::TenantSlug>,
    /// On the home site of a service with tenants: where to make theirs.
    platform: Option<Arc<sites::Platform>>,
    /// OpenID Providers found for single sign-on, made on first use.
    providers: std::sync::OnceLock<Arc<sso::Providers>>,
}

/// The locales and the pages rendered with them, replaced together when
/// the locale files change ([`AppState::with_locales`]): a request still
/// running with the old locales can only fill the old cache, which goes
/// with them.
struct Rendering {
    locales: Locales,
    pages: web::PageCache,
}

impl AppState {
    pub fn new(store: Store, locales: Locales, base_url: BaseUrl) -> Self {
        AppState {
            inner: Arc::new(Inner {
                store,
                base_url,
                throttle: Default::default(),
                scans: Default::default(),
                qr_cache: Default::default(),
                qr_limit: web::RateLimit::new(QR_RENDERS_PER_MINUTE, std::time::Duration::from_secs(60)),
                writes: Default::default(),
                trusted_proxies: Vec::new(),
                staff_zone: i18n::dates::zone(i18n::dates::ZONE).expect("Tokyo always resolves"),
                site_name: domain::SiteName::default(),
                page_cache_bytes: web::DEFAULT_BUDGET_MB << 20,
                audio: None,
                languages: Vec::new(),
                tenant: None,
                platform: None,
                providers: std::sync::OnceLock::new(),
            }),
            rendering: Arc::new(Rendering {
                locales,
                pages: web::PageCache::default(),
            }),
        }
    }

    /// The same state with other locales and an empty page cache; the
    /// store, sessions, scan tally and QR caches are shared.
    pub fn with_locales(&self, locales: Locales) -> AppState {
        AppState {
            inner: self.inner.clone(),
            rendering: Arc::new(Rendering {
                pages: web::PageCache::new(web::CHECK_EVERY, self.inner.page_cache_bytes),
                locales: locales.only(&self.inner.languages),
            }),
        }
    }

    /// The same state with a page cache of `megabytes`. Call before
    /// cloning the state.
    pub fn with_page_cache_mb(mut self, megabytes: u64) -> Self {
        let bytes = megabytes << 20;
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.page_cache_bytes = bytes;
        }
        if let Some(rendering) = Arc::get_mut(&mut self.rendering) {
            rendering.pages = web::PageCache::new(web::CHECK_EVERY, bytes);
        }
        self
    }

    /// The same state with another budget for `/qr/…` per client and
    /// minute (0: none). Call before cloning the state.
    pub fn with_qr_limit(mut self, per_minute: u32) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.qr_limit = web::RateLimit::new(per_minute, std::time::Duration::from_secs(60));
        }
        self
    }

    /// The same state trusting X-Forwarded-For from these peers. Call
    /// before cloning the state.
    pub fn with_trusted_proxies(mut self, proxies: Vec<std::net::IpAddr>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            // As peers are compared: an IPv4-mapped address is IPv4.
            inner.trusted_proxies = proxies.into_iter().map(|ip| ip.to_canonical()).collect();
        }
        self
    }

    /// The same state showing staff times in `zone`. Call before cloning
    /// the state.
    pub fn with_time_zone(mut self, zone: jiff::tz::TimeZone) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.staff_zone = zone;
        }
        self
    }

    /// The same state printing `name` on posters. Call before cloning.
    pub fn with_site_name(mut self, name: domain::SiteName) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.site_name = name;
        }
        self
    }

    /// The same state offering the recordings of `audio` (made by
    /// [`audio::start`]). Call before cloning.
    pub fn with_audio(mut self, audio: Arc<audio::Audio>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.audio = Some(audio);
        }
        self
    }

    /// The same state offering only `langs` and Japanese (a tenant's
    /// choice; empty: every loaded language). Call before cloning.
    pub fn with_languages(mut self, langs: Vec<domain::LangTag>) -> Self {
        if let Some(rendering) = Arc::get_mut(&mut self.rendering) {
            rendering.locales = rendering.locales.only(&langs);
        }
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.languages = langs;
        }
        self
    }

    /// The same state as tenant `slug`'s. Call before cloning.
    pub fn with_tenant(mut self, slug: domain::TenantSlug) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.tenant = Some(slug);
        }
        self
    }

    /// The same state as the home site of a service that may have
    /// tenants (whose operators add them). Call before cloning.
    pub fn with_platform(mut self, platform: Arc<sites::Platform>) -> Self {
        if let Some(inner) = Arc::get_mut(&mut self.inner) {
            inner.platform = Some(platform);
        }
        self
    }

    /// The OpenID Providers of single sign-on (with their HTTP client).
    pub fn providers(&self) -> &Arc<sso::Providers> {
        self.inner.providers.get_or_init(|| {
            Arc::new(sso::Providers::new().expect("an HTTP client with no options to fail on"))
        })
    }

    /// Which tenant this site is; `None` for the home site.
    pub fn tenant(&self) -> Option<&domain::TenantSlug> {
        self.inner.tenant.as_ref()
    }

    /// Where tenants are made, on the home site only.
    pub fn platform(&self) -> Option<&Arc<sites::Platform>> {
        self.inner.platform.as_ref()
    }

    pub fn audio(&self) -> Option<&Arc<audio::Audio>> {
        self.inner.audio.as_ref()
    }

    pub fn site_name(&self) -> &domain::SiteName {
        &self.inner.site_name
    }

    pub fn staff_zone(&self) -> &jiff::tz::TimeZone {
        &self.inner.staff_zone
    }

    pub fn trusted_proxies(&self) -> &[std::net::IpAddr] {
        &self.inner.trusted_proxies
    }

    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    pub fn locales(&self) -> &Locales {
        &self.rendering.locales
    }

    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.base_url
    }

    /// The in-memory scan tally (see [`stats`]).
    pub fn scans(&self) -> &Arc<stats::Scans> {
        &self.inner.scans
    }

    pub fn throttle(&self) -> &web::admin::Throttle {
        &self.inner.throttle
    }

    /// Rendered guidance pages (see [`web::PageCache`]).
    pub fn pages(&self) -> &web::PageCache {
        &self.rendering.pages
    }

    /// Something may have been written: the page caches read the change
    /// counter on their next request instead of waiting for their check.
    pub fn note_write(&self) {
        self.inner
            .writes
            .fetch_add(1, std::sync::atomic::Ordering::Release);
        if let Some(audio) = &self.inner.audio {
            audio.nudge();
        }
    }

    /// How many times [`AppState::note_write`] was called.
    pub fn writes(&self) -> u64 {
        self.inner.writes.load(std::sync::atomic::Ordering::Acquire)
    }

    /// The per-client budget for `/qr/…`.
    pub fn qr_limit(&self) -> &web::RateLimit {
        &self.inner.qr_limit
    }

    /// Drawn QR codes, shared by `/qr/…` and the print pages.
    pub fn qr_cache(&self) -> &qr::Cache {
        &self.inner.qr_cache
    }
}

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    web::router(state)
}
