//! Locale files changed while the server runs: the folder is looked at
//! every [`CHECK_EVERY`]; when any file's size or time moved, the locales
//! are loaded again and, if the validator (`i18n::check`, the one `locales
//! check` runs) finds no error that keeps a folder out, a router with them
//! (and empty page caches) takes over for every site from the next request on. Requests
//! already running finish with the old ones. Otherwise the old locales stay
//! and each problem is logged as `path:line:column: severity: message`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::i18n::Locales;
use crate::sites::Current;

pub const CHECK_EVERY: Duration = Duration::from_secs(2);

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
pub async fn watch_locales(dir: PathBuf, current: Current) {
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
                // Every site, home and tenants, each narrowed to its languages.
                current.rcu(|sites| Arc::new(sites.with_locales(&locales)));
                // New headings: the recordings are planned again.
                if let Some(audio) = current.load().home.state.audio() {
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
