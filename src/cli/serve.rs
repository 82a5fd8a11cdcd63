//! `madoguchi serve`.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context;

use crate::domain::BaseUrl;
use crate::i18n::Locales;
use crate::store::Store;
use crate::{AppState, app, samples};

pub struct Options {
    pub db: PathBuf,
    pub addr: SocketAddr,
    pub base_url: Option<BaseUrl>,
    pub samples: bool,
    pub locales: Option<PathBuf>,
    pub metrics_addr: Option<SocketAddr>,
    pub qr_per_minute: u32,
}

/// How often counted scans are written to the database.
const SCAN_FLUSH_EVERY: std::time::Duration = std::time::Duration::from_secs(10);

pub async fn serve(o: Options) -> anyhow::Result<()> {
    let store = Store::open(&o.db)
        .await
        .with_context(|| format!("opening {}", o.db.display()))?;
    if o.samples {
        let n = samples::load_if_empty(&store).await?;
        if n > 0 {
            tracing::info!("empty database: loaded {n} sample procedures");
        }
    }
    ensure_first_admin(&store).await?;
    let locales = load_locales(o.locales)?;
    let listener = tokio::net::TcpListener::bind(o.addr)
        .await
        .with_context(|| format!("listening on {}", o.addr))?;
    let local = listener.local_addr()?;
    let base_url = match o.base_url {
        Some(b) => b,
        None => BaseUrl::parse(&format!("http://{local}"))?,
    };
    tracing::info!(db = %o.db.display(), base_url = %base_url, languages = locales.tags().len(), "ready");
    let state = AppState::new(store.clone(), locales, base_url).with_qr_limit(o.qr_per_minute);
    let flusher = tokio::spawn(
        state
            .scans()
            .clone()
            .flush_periodically(store.clone(), SCAN_FLUSH_EVERY),
    );
    if let Some(addr) = o.metrics_addr {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .with_context(|| format!("listening on {addr}"))?;
        let local = listener.local_addr()?;
        let metrics = axum::Router::new().route("/metrics", axum::routing::get(crate::telemetry::render));
        tokio::spawn(async move {
            if let Err(e) = axum::serve(listener, metrics).await {
                tracing::error!(error = %e, "the metrics listener stopped");
            }
        });
        tracing::info!("metrics on http://{local}/metrics");
    }
    // Tests and scripts read this line to find a port-0 server.
    tracing::info!("listening on http://{local}");
    let state_scans = state.scans().clone();
    axum::serve(
        listener,
        app(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await?;
    flusher.abort();
    if let Err(e) = state_scans.flush(&store).await {
        tracing::warn!(error = format!("{e:#}"), "could not write the last scan counts");
    }
    tracing::info!("stopped");
    Ok(())
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
    store
        .create_user("admin", &hash, crate::domain::Role::Admin, &[], true, &actor)
        .await?;
    tracing::warn!(
        "created the first staff account: user \"admin\", one-time password {password} \
         (shown only now; sign in at /admin and choose a new one)"
    );
    Ok(())
}

fn load_locales(dir: Option<PathBuf>) -> anyhow::Result<Locales> {
    let default = PathBuf::from("locales");
    let dir = dir.or_else(|| default.is_dir().then_some(default));
    let (locales, problems) = match &dir {
        Some(d) => Locales::from_dir(d).with_context(|| format!("reading locales from {}", d.display()))?,
        None => Locales::embedded(),
    };
    for p in &problems {
        tracing::warn!("{p}");
    }
    let source = dir.map_or("built-in".to_owned(), |d| d.display().to_string());
    let tags: Vec<String> = locales.tags().iter().map(ToString::to_string).collect();
    tracing::info!(source, "languages: {}", tags.join(" "));
    Ok(locales)
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
