//! Counting scans without slowing pages down: each guidance-page view adds
//! one to an in-memory tally; a background task writes the tally to the
//! store every few seconds and once more at shutdown. Nothing that could
//! identify a person is kept — only the key below.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use crate::store::Store;

/// Where a code was printed, from `?source=`; anything else counts as none.
pub const SOURCES: [&str; 3] = ["poster", "letter", "counter"];

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ScanKey {
    pub day: String,
    pub code: String,
    /// The first language the phone asked for (even one we do not have).
    pub requested: String,
    pub served: String,
    pub source: String,
}

#[derive(Default)]
pub struct Scans {
    pending: Mutex<HashMap<ScanKey, i64>>,
    /// Today as (days since the epoch, "YYYY-MM-DD"): formatted once a day,
    /// not on every scan.
    today: Mutex<(i64, String)>,
    /// `madoguchi_scans_total`, looked up once: by name it cost a registry
    /// lookup on every scan (about 1 % of a ready answer).
    counted: OnceLock<metrics::Counter>,
}

/// Keys in memory at most; beyond this a flush is due anyway.
const MAX_PENDING: usize = 50_000;

impl Scans {
    pub fn record(&self, code: &str, requested: &str, served: &str, source: &str) {
        self.counted
            .get_or_init(|| metrics::counter!("madoguchi_scans_total"))
            .increment(1);
        let key = ScanKey {
            day: self.day(),
            code: code.to_owned(),
            requested: requested.chars().take(35).collect(),
            served: served.to_owned(),
            source: if SOURCES.contains(&source) {
                source.to_owned()
            } else {
                String::new()
            },
        };
        let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        if pending.len() < MAX_PENDING || pending.contains_key(&key) {
            *pending.entry(key).or_insert(0) += 1;
        }
    }

    fn day(&self) -> String {
        let now = jiff::Timestamp::now();
        let number = now.as_second().div_euclid(86_400);
        let mut today = self.today.lock().unwrap_or_else(|p| p.into_inner());
        if today.0 != number || today.1.is_empty() {
            *today = (number, now.strftime("%Y-%m-%d").to_string());
        }
        today.1.clone()
    }

    /// Writes what has been counted so far; on failure the counts are kept
    /// for the next try.
    pub async fn flush(&self, store: &Store) -> anyhow::Result<usize> {
        let batch: Vec<(ScanKey, i64)> = {
            let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
            pending.drain().collect()
        };
        if batch.is_empty() {
            return Ok(0);
        }
        match store.add_scans(&batch).await {
            Ok(()) => Ok(batch.len()),
            Err(e) => {
                let mut pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
                for (k, n) in batch {
                    if pending.len() < MAX_PENDING || pending.contains_key(&k) {
                        *pending.entry(k).or_insert(0) += n;
                    }
                }
                Err(e)
            }
        }
    }

    /// Writes what has been counted so far, in a task of its own so that a
    /// caller that goes away (a closed browser tab, a request timeout)
    /// cannot cancel the write half-way and lose the batch. A failure is
    /// logged; the counts stay for the next try.
    pub async fn flush_now(self: &std::sync::Arc<Self>, store: &Store) {
        let (scans, store) = (self.clone(), store.clone());
        match tokio::spawn(async move { scans.flush(&store).await }).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(
                error = %e,
                "scan counts not written yet; kept in memory (up to {MAX_PENDING} keys) for the next try"
            ),
            Err(e) => tracing::error!(error = %e, "the scan flush task failed"),
        }
    }

    /// Scans counted but not yet written.
    pub fn pending(&self) -> i64 {
        let pending = self.pending.lock().unwrap_or_else(|p| p.into_inner());
        pending.values().sum()
    }

    /// Flushes every `every` until `stop` completes, then once more.
    /// A flush is never cancelled half-way (it would lose the drained
    /// batch): stop this with `stop`, not by dropping or aborting it.
    ///
    /// When the database cannot take the counts (locked, full or read-only
    /// disk) they stay in memory — bounded by `MAX_PENDING` keys — for the
    /// next try: a failure is logged once, with its cause, and the recovery
    /// once, not every tick.
    pub async fn flush_periodically(
        self: std::sync::Arc<Self>,
        store: Store,
        every: Duration,
        stop: impl std::future::Future<Output = ()>,
    ) {
        let mut tick = tokio::time::interval(every);
        let mut stop = std::pin::pin!(stop);
        let mut failing = false;
        loop {
            let last = tokio::select! {
                _ = tick.tick() => false,
                () = &mut stop => true,
            };
            match self.flush(&store).await {
                Ok(rows) if failing => {
                    failing = false;
                    tracing::info!(rows, "scan counts written again");
                }
                Ok(_) => {}
                Err(e) if last => {
                    tracing::warn!(
                        error = format!("{e:#}"),
                        lost = self.pending(),
                        "could not write the last scan counts"
                    );
                }
                Err(e) if failing => {
                    tracing::debug!(error = format!("{e:#}"), "scan counts still not written")
                }
                Err(e) => {
                    failing = true;
                    let fault = crate::store::Fault::of(&e).map_or("error", |f| f.as_str());
                    tracing::warn!(
                        error = format!("{e:#}"),
                        fault,
                        pending = self.pending(),
                        "could not write scan counts; keeping them in memory and retrying every {} s \
                         (not logged again until it works)",
                        every.as_secs_f64()
                    );
                }
            }
            if last {
                return;
            }
        }
    }
}
