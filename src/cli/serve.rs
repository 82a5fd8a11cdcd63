//! `madoguchi serve`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use arc_swap::ArcSwap;

use anyhow::Context;

use super::live;
use crate::domain::{BaseUrl, redact_url};
use crate::i18n::Locales;
use crate::samples;
use crate::sites::{Current, Platform, Site, Sites, dispatch};
use crate::store::{BUSY_TIMEOUT, Database, Fault, OpenOptions, SESSION_ABSOLUTE, SESSION_IDLE, Store};

use super::platform::Upkeep;

pub struct Options {
    pub db: Database,
    pub addr: SocketAddr,
    pub base_url: Option<BaseUrl>,
    pub samples: bool,
    pub locales: Option<PathBuf>,
    pub metrics_addr: Option<SocketAddr>,
    pub qr_per_minute: u32,
    pub read_only: bool,
    pub trusted_proxies: Vec<std::net::IpAddr>,
    pub time_zone: jiff::tz::TimeZone,
    pub site_name: crate::domain::SiteName,
    pub log_format: super::LogFormat,
    pub page_cache_mb: u64,
    /// `None`: `--no-audio`.
    pub audio: Option<AudioOptions>,
    pub limits: super::connections::Limits,
}

pub struct AudioOptions {
    pub dir: PathBuf,
    pub engines: crate::audio::EngineConfig,
}

/// `madoguchi.db` → `madoguchi-audio`, in the same folder; with
/// PostgreSQL, `madoguchi-audio` in the working folder.
pub fn audio_dir_beside(db: &Database) -> PathBuf {
    let Some(db) = db.file() else {
        return PathBuf::from("madoguchi-audio");
    };
    let stem = db
        .file_stem()
        .map_or_else(|| "madoguchi".into(), |s| s.to_string_lossy().into_owned());
    db.with_file_name(format!("{stem}-audio"))
}

/// How often counted scans are written to the database.
const SCAN_FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

pub async fn serve(o: Options) -> anyhow::Result<()> {
    let store = open_store(&o).await?;
    if store.is_read_only() {
        tracing::warn!(
            "the database is read-only: public pages are served; staff sign-in and changes are \
             refused with a message, and scan counts are not kept"
        );
    } else {
        if o.samples {
            let n = samples::load_if_empty(&store).await?;
            if n > 0 {
                tracing::info!("empty database: loaded {n} sample procedures");
            }
        }
        ensure_first_admin(&store).await?;
    }
    let (locales, locales_source, locales_dir) = load_locales(o.locales.clone())?;
    let listener = tokio::net::TcpListener::bind(o.addr)
        .await
        .with_context(|| format!("listening on {}", o.addr))?;
    let local = listener.local_addr()?;
    let base_url = match &o.base_url {
        Some(b) => b.clone(),
        None => BaseUrl::parse(&format!("http://{local}"))?,
    };
    let metrics_listener = match o.metrics_addr {
        Some(addr) => Some(
            tokio::net::TcpListener::bind(addr)
                .await
                .with_context(|| format!("listening on {addr}"))?,
        ),
        None => None,
    };
    let metrics_local = metrics_listener.as_ref().map(|l| l.local_addr()).transpose()?;
    log_configuration(
        &o,
        &store,
        local,
        metrics_local,
        &base_url,
        &locales,
        &locales_source,
    );
    let site_options = super::platform::SiteOptions {
        qr_per_minute: o.qr_per_minute,
        trusted_proxies: o.trusted_proxies.clone(),
        time_zone: o.time_zone.clone(),
        page_cache_mb: o.page_cache_mb,
        read_only: store.is_read_only(),
    };
    let home_host = base_url.host().ok();
    let state = site_options
        .state(store.clone(), locales, base_url)
        .with_site_name(o.site_name.clone())
        .with_platform(Arc::new(Platform {
            home_db: o.db.clone(),
            home_host,
        }));
    let audio = match &o.audio {
        Some(a) => start_audio(a).await,
        None => None,
    };
    let state = match &audio {
        Some(audio) => state.with_audio(audio.clone()),
        None => state,
    };
    let upkeep = Upkeep::new();
    upkeep.start(&state, SCAN_FLUSH_EVERY);
    let home_schema = match store.postgres() {
        Some(_) => Some(store.current_schema().await?),
        None => None,
    };
    let home = Sites::new(Site::new(state.clone(), None, home_schema), Vec::new());
    let mut failing = super::platform::Failing::new();
    let records = store.tenants().await?;
    let tenants: Vec<Arc<Site>> = super::platform::open_new(
        &o.db,
        &records,
        &home,
        &site_options,
        &upkeep,
        SCAN_FLUSH_EVERY,
        &mut failing,
    )
    .await
    .into_iter()
    .map(Arc::new)
    .collect();
    let sites = home.with_added(&tenants).with_listed(&records);
    if let Some(listener) = metrics_listener {
        let metrics = axum::Router::new().route("/metrics", axum::routing::get(crate::telemetry::render));
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, metrics).await {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
        tracing::info!("metrics on http://{}/metrics", metrics_local.expect("bound"));
    }
    // Tests and scripts read this line to find a port-0 server.
    tracing::info!("listening on http://{local}");
    let current: Current = Arc::new(ArcSwap::from_pointee(sites));
    if let Some(audio) = audio {
        let current = current.clone();
        crate::audio::start(audio, move || current.load().home.state.clone());
    }
    if let Some(dir) = locales_dir {
        tokio::spawn(live::watch_locales(dir, current.clone()));
    }
    tokio::spawn(super::platform::watch_tenants(
        o.db.clone(),
        store.clone(),
        current.clone(),
        site_options,
        upkeep.clone(),
        SCAN_FLUSH_EVERY,
        failing,
    ));
    if let Some(pool) = store.postgres() {
        tokio::spawn(listen_for_changes(pool.clone(), current.clone()));
    }
    let served = super::connections::serve(listener, dispatch(current), o.limits, shutdown_signal()).await;
    // The flushers write the last counts and end, even when serving failed.
    upkeep.finish().await;
    served?;
    tracing::info!("stopped");
    Ok(())
}

/// Other servers' writes, told by PostgreSQL (`pg_notify` in the trigger of
/// migrations/postgres/0009): each makes the next request read what
/// changed at once, as this server's own writes do, instead of at the next
/// half-second check (which stays, should a notification be lost).
async fn listen_for_changes(pool: sqlx::PgPool, current: Current) {
    let mut listener = match sqlx::postgres::PgListener::connect_with(&pool).await {
        Ok(mut l) => match l.listen("madoguchi_changes").await {
            Ok(()) => l,
            Err(e) => return not_told(&e),
        },
        Err(e) => return not_told(&e),
    };
    loop {
        // recv() reconnects by itself after a lost connection. The payload
        // is the schema written, which tells the site (home or tenant).
        match listener.recv().await {
            Ok(n) => {
                let sites = current.load();
                if let Some(site) = sites.all().find(|s| s.schema.as_deref() == Some(n.payload())) {
                    site.state.note_write();
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "listening for changes");
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        }
    }
}

fn not_told(e: &sqlx::Error) {
    tracing::warn!(error = %e, "not told of other servers' changes; checking every half second");
}

/// Finds the speech engines (they run a few probes) and opens the folder.
async fn start_audio(a: &AudioOptions) -> Option<Arc<crate::audio::Audio>> {
    let config = a.engines.clone();
    let engines = tokio::task::spawn_blocking(move || crate::audio::Engines::detect(&config))
        .await
        .ok()?;
    for m in engines.missing() {
        tracing::warn!("audio: {m}; its languages get no recording");
    }
    match crate::audio::Audio::new(a.dir.clone(), engines) {
        Ok(audio) => Some(audio),
        Err(e) => {
            tracing::warn!(error = %e, dir = %a.dir.display(), "audio: cannot use the folder; no recordings");
            None
        }
    }
}

/// Opens the database for writing; a file that cannot be written (read-only
/// disk or permissions) is served read-only rather than not at all.
async fn open_store(o: &Options) -> anyhow::Result<Store> {
    let read_only = OpenOptions {
        read_only: true,
        ..OpenOptions::default()
    };
    let opened = if o.read_only {
        Store::open_database(&o.db, &read_only).await
    } else {
        let writable = match Store::open_database(&o.db, &OpenOptions::default()).await {
            Ok(store) => store.check_writable().await.map(|()| store),
            Err(e) => Err(e),
        };
        match writable {
            Err(e) if Fault::of(&e) == Some(Fault::ReadOnly) => {
                tracing::warn!(
                    error = format!("{e:#}"),
                    "{} cannot be written; opening it read-only",
                    o.db
                );
                Store::open_database(&o.db, &read_only).await
            }
            other => other,
        }
    };
    opened.with_context(|| format!("opening {}", o.db))
}

/// One line with the effective configuration, for whoever reads the logs
/// later. Secrets never appear: URLs go through [`redact_url`] (no option
/// holds a secret today; one that does must be left out or redacted here).
fn log_configuration(
    o: &Options,
    store: &Store,
    addr: SocketAddr,
    metrics: Option<SocketAddr>,
    base_url: &BaseUrl,
    locales: &Locales,
    locales_source: &str,
) {
    let languages: Vec<String> = locales.tags().iter().map(ToString::to_string).collect();
    tracing::info!(
        addr = %addr,
        metrics_addr = metrics.map_or("off".to_owned(), |m| m.to_string()),
        db = %o.db,
        read_only = store.is_read_only(),
        base_url = redact_url(base_url.as_str()),
        log_format = format!("{:?}", o.log_format).to_lowercase(),
        qr_per_minute = o.qr_per_minute,
        trusted_proxies = o
            .trusted_proxies
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" "),
        time_zone = o.time_zone.iana_name().unwrap_or("fixed"),
        samples = o.samples,
        locales = locales_source,
        languages = languages.join(" "),
        session_idle_secs = SESSION_IDLE,
        session_absolute_secs = SESSION_ABSOLUTE,
        busy_timeout_ms = BUSY_TIMEOUT.as_millis() as u64,
        scan_flush_secs = SCAN_FLUSH_EVERY.as_secs(),
        header_timeout_secs = o.limits.header_read.as_secs(),
        max_connections = o.limits.max_connections,
        page_cache_mb = o.page_cache_mb,
        audio_dir = o.audio.as_ref().map_or("off".to_owned(), |a| a.dir.display().to_string()),
        "configuration"
    );
}

/// With no users at all, creates `admin` with a random one-time password,
/// printed once; it must be changed at first sign-in.
async fn ensure_first_admin(store: &Store) -> anyhow::Result<()> {
    if store.user_count().await? > 0 {
        return Ok(());
    }
    let password = crate::auth::random_password();
    let hash = crate::auth::hash_password(&password)?;
    let actor = crate::domain::Actor::system("first-start");
    let created = store
        .create_user("admin", &hash, crate::domain::Role::Admin, &[], true, &actor)
        .await?;
    if created.is_none() {
        // Another server on the same database made it first (and said so).
        return Ok(());
    }
    tracing::warn!(
        "created the first staff account: user \"admin\", one-time password {password} \
         (shown only now; sign in at /admin and choose a new one)"
    );
    Ok(())
}

/// The locales and where they came from.
/// The locales, where they came from (for the log), and their folder when
/// they came from one (to watch it).
fn load_locales(dir: Option<PathBuf>) -> anyhow::Result<(Locales, String, Option<PathBuf>)> {
    let default = PathBuf::from("locales");
    let dir = dir.or_else(|| default.is_dir().then_some(default));
    let (locales, problems) = match &dir {
        Some(d) => Locales::from_dir(d).with_context(|| format!("reading locales from {}", d.display()))?,
        None => Locales::embedded(),
    };
    for p in &problems {
        tracing::warn!("{p}");
    }
    let source = dir
        .as_ref()
        .map_or("built-in".to_owned(), |d| d.display().to_string());
    let tags: Vec<String> = locales.tags().iter().map(ToString::to_string).collect();
    tracing::info!(source, "languages: {}", tags.join(" "));
    Ok((locales, source, dir))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
