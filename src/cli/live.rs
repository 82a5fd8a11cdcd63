//! Locale files changed while the server runs: the folder is looked at
//! every [`CHECK_EVERY`]; when any file's size or time moved, the locales
//! are loaded again and, if the validator (`i18n::check`, the one `locales
//! check` runs) finds no error that keeps a folder out, a router with them
//! (and an empty page cache) takes over from the next request on. Requests
//! already running finish with the old ones. Otherwise the old locales stay
//! and each problem is logged as `path:line:column: severity: message`.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::Request;
use axum::response::Response;
use tower::{Service, ServiceExt};

use crate::i18n::Locales;
use crate::{AppState, app};

pub const CHECK_EVERY: Duration = Duration::from_secs(2);

/// What requests go to; replaced when the locales are.
pub struct Served {
    pub state: AppState,
    pub router: Router,
}

impl Served {
    pub fn new(state: AppState) -> Served {
        Served {
            router: app(state.clone()),
            state,
        }
    }
}

pub type Current = Arc<ArcSwap<Served>>;

/// What hyper serves: each request goes to the router current when it
/// arrives, unless a ready guidance answer can take it first.
pub fn dispatch(
    current: Current,
) -> impl Service<Request, Response = Response, Error = Infallible, Future = impl Send> + Clone + Send {
    tower::service_fn(move |request: Request| {
        let served = current.load();
        let ready = crate::web::ready_answer(&served.state, &request);
        let router = ready.is_none().then(|| served.router.clone());
        async move {
            match (ready, router) {
                (Some(response), _) => Ok(response),
                (None, Some(router)) => router.oneshot(request).await,
                (None, None) => unreachable!("a ready answer or the router"),
            }
        }
    })
}

/// Every file's path, size and modification time, in order.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    let mut files = Fingerprint::new();
    let Ok(folders) = std::fs::read_dir(dir) else {
        return files;
    };
    for folder in folders.flatten() {
        let Ok(entries) = std::fs::read_dir(folder.path()) else {
            continue;
        };
        for entry in entries.flatten() {
            if let Ok(meta) = entry.metadata() {
                files.push((entry.path(), meta.len(), meta.modified().ok()));
            }
        }
    }
    files.sort();
    files
}

/// Watches `dir` for as long as the server runs.
pub async fn watch_locales(dir: PathBuf, state: AppState, current: Current) {
    let look = |dir: PathBuf| async move {
        tokio::task::spawn_blocking(move || fingerprint(&dir))
            .await
            .unwrap_or_default()
    };
    let mut seen = look(dir.clone()).await;
    loop {
        tokio::time::sleep(CHECK_EVERY).await;
        let now = look(dir.clone()).await;
        if now == seen {
            continue;
        }
        seen = now;
        let folder = dir.clone();
        let loaded = tokio::task::spawn_blocking(move || Locales::from_dir(&folder)).await;
        match loaded {
            Ok(Ok((locales, problems))) if problems.is_empty() => {
                let tags: Vec<String> = locales.tags().iter().map(ToString::to_string).collect();
                current.store(Arc::new(Served::new(state.with_locales(locales))));
                // New headings: the recordings are planned again.
                if let Some(audio) = state.audio() {
                    audio.replan_all();
                }
                tracing::info!("locale files changed: reloaded; languages: {}", tags.join(" "));
            }
            Ok(Ok((_, problems))) => {
                for p in &problems {
                    tracing::warn!("{p}");
                }
                tracing::warn!(
                    "locale files changed but have problems: still serving the previous ones \
                     (see `madoguchi locales check {}`)",
                    dir.display()
                );
            }
            Ok(Err(e)) => tracing::warn!(
                error = %e,
                "locale files changed but cannot be read: still serving the previous ones"
            ),
            Err(e) => tracing::error!(error = %e, "reloading the locales"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_file_changes_the_fingerprint() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("vi")).unwrap();
        std::fs::write(dir.path().join("vi/main.ftl"), "a = b\n").unwrap();
        let before = fingerprint(dir.path());
        assert_eq!(before.len(), 1);
        assert_eq!(before, fingerprint(dir.path()));
        std::fs::write(dir.path().join("vi/main.ftl"), "a = bc\n").unwrap();
        assert_ne!(before, fingerprint(dir.path()));
        std::fs::create_dir(dir.path().join("ko")).unwrap();
        std::fs::write(dir.path().join("ko/main.ftl"), "a = b\n").unwrap();
        assert_eq!(fingerprint(dir.path()).len(), 2);
        assert!(fingerprint(&dir.path().join("missing")).is_empty());
    }
}
