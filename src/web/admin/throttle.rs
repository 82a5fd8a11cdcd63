//! Slowing down repeated failed sign-ins, per account and per address.
//!
//! After `FREE_FAILURES` failures, each further attempt must wait twice as
//! long as the last (1 s, 2 s, 4 s … capped at 15 min). A success clears
//! the account's count; counts are forgotten after a quiet `FORGET` period.
//! Counts live in the database, so every server on it slows a guesser down
//! alike and a restart does not forget; each server also keeps its own in
//! memory, which stands in when the database cannot be read or written
//! (read-only, locked), and the larger count of the two applies.
//!
//! The account's count does not apply to an address with no failures on
//! record: otherwise anyone could lock a named account (`admin`) out for
//! its owner by failing from rotating addresses. Such an attacker gets one
//! guess per fresh address (each failure puts that address under the
//! account's wait and its own), at most two checked at a time per server.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use crate::store::Store;

const FREE_FAILURES: u32 = 5;
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
const FORGET: Duration = Duration::from_secs(60 * 60);
/// Bound on keys remembered in memory, so a flood of names cannot grow it.
const MAX_KEYS: usize = 100_000;

/// Failures of one key: how many, and when the last was (unix ms).
type Count = (u32, i64);

/// How often `serve` removes counts past [`FORGET`] from the database.
pub const FORGET_EVERY: Duration = Duration::from_secs(5 * 60);

/// Removes stored counts quiet for longer than [`FORGET`].
pub async fn forget_old(store: &Store) {
    if let Err(e) = store
        .forget_sign_in_failures(now_ms() - FORGET.as_millis() as i64)
        .await
    {
        tracing::debug!(error = %e, "old sign-in failures not removed; next time");
    }
}

#[derive(Default)]
pub struct Throttle {
    memory: Mutex<HashMap<String, Count>>,
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

impl Throttle {
    /// The counts of `keys` (the larger of the stored and the remembered).
    async fn counts(&self, store: &Store, keys: &[String]) -> HashMap<String, Count> {
        let mut counts: HashMap<String, Count> = {
            let memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
            keys.iter()
                .filter_map(|k| memory.get(k).map(|c| (k.clone(), *c)))
                .collect()
        };
        match store.sign_in_failures(keys).await {
            Ok(stored) => {
                for f in stored {
                    let count = (u32::try_from(f.failures).unwrap_or(u32::MAX), f.last_ms);
                    let entry = counts.entry(f.key).or_insert(count);
                    *entry = (*entry).max(count);
                }
            }
            Err(e) => tracing::warn!(error = %e, "sign-in failures not read; using this server's"),
        }
        let now = now_ms();
        counts.retain(|_, (_, last)| now - *last <= FORGET.as_millis() as i64);
        counts
    }

    /// How long the caller must still wait before trying `keys`, if at all.
    pub async fn wait(&self, store: &Store, keys: &[String]) -> Option<Duration> {
        let counts = self.counts(store, keys).await;
        wait_in(&counts, keys, now_ms())
    }

    /// Like `wait` for `account` and `address`, except that the account's
    /// wait is skipped for an address with no failures on record (see the
    /// module notes).
    pub async fn wait_for(&self, store: &Store, account: &str, address: &str) -> Option<Duration> {
        let keys = [account.to_owned(), address.to_owned()];
        let counts = self.counts(store, &keys).await;
        let clean = counts.get(address).is_none_or(|&(failures, _)| failures == 0);
        let asked = if clean { &keys[1..] } else { &keys[..] };
        wait_in(&counts, asked, now_ms())
    }

    pub async fn failed(&self, store: &Store, keys: &[String]) {
        let now = now_ms();
        let forget = FORGET.as_millis() as i64;
        {
            let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
            if memory.len() > MAX_KEYS {
                memory.retain(|_, (_, last)| now - *last < forget);
            }
            for k in keys {
                let entry = memory.entry(k.clone()).or_insert((0, now));
                if now - entry.1 > forget {
                    entry.0 = 0;
                }
                entry.0 += 1;
                entry.1 = now;
            }
        }
        if let Err(e) = store.add_sign_in_failure(keys, now, forget).await {
            tracing::warn!(error = %e, "sign-in failure not stored; this server still counts it");
        }
    }

    pub async fn succeeded(&self, store: &Store, key: &str) {
        self.memory.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
        if let Err(e) = store.clear_sign_in_failures(key).await {
            tracing::warn!(error = %e, "sign-in failures not cleared");
        }
    }
}

/// The longest wait any of `keys` still imposes at `now`.
fn wait_in(counts: &HashMap<String, Count>, keys: &[String], now: i64) -> Option<Duration> {
    keys.iter()
        .filter_map(|k| counts.get(k))
        .filter_map(|&(failures, last)| {
            let wait = backoff(failures)?;
            let until = last + wait.as_millis() as i64;
            (until > now).then(|| Duration::from_millis((until - now) as u64))
        })
        .max()
}

fn backoff(failures: u32) -> Option<Duration> {
    let over = failures.checked_sub(FREE_FAILURES)?;
    Some(Duration::from_secs(1u64 << over.min(20)).min(MAX_WAIT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn free_attempts_then_growing_waits() {
        for store in crate::store::scratch::each().await {
            let t = Throttle::default();
            let keys = vec!["user:a".to_owned(), "ip:1".to_owned()];
            for _ in 0..FREE_FAILURES {
                assert_eq!(t.wait(&store, &keys).await, None);
                t.failed(&store, &keys).await;
            }
            let first = t.wait(&store, &keys).await.expect("now slowed down");
            assert!(first <= Duration::from_secs(1));
            t.failed(&store, &keys).await;
            assert!(t.wait(&store, &keys).await.unwrap() > first);
            // Another account from the same address is slowed too.
            assert!(
                t.wait(&store, &["user:b".to_owned(), "ip:1".to_owned()])
                    .await
                    .is_some()
            );
            // And so is another server on the same database.
            let other = Throttle::default();
            assert!(other.wait(&store, &keys).await.is_some(), "counts are shared");
            t.succeeded(&store, "user:a").await;
            assert!(t.wait(&store, &["user:a".to_owned()]).await.is_none());
            assert!(other.wait(&store, &["user:a".to_owned()]).await.is_none());
            assert_eq!(backoff(100), Some(MAX_WAIT));
        }
    }

    #[tokio::test]
    async fn a_named_account_under_attack_still_opens_from_a_clean_address() {
        for store in crate::store::scratch::each().await {
            let t = Throttle::default();
            for i in 0..20 {
                let ip = format!("ip:10.0.0.{i}");
                assert_eq!(
                    t.wait_for(&store, "user:admin", &ip).await,
                    None,
                    "one guess per fresh address"
                );
                t.failed(&store, &["user:admin".to_owned(), ip]).await;
            }
            assert!(
                t.wait_for(&store, "user:admin", "ip:10.0.0.3").await.is_some(),
                "a failed address waits"
            );
            assert_eq!(
                t.wait_for(&store, "user:admin", "ip:192.0.2.1").await,
                None,
                "the owner does not"
            );
        }
    }

    #[tokio::test]
    async fn a_database_that_cannot_be_written_still_slows_guessing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.db");
        crate::store::Store::open(&path).await.unwrap();
        let read_only = crate::store::OpenOptions {
            read_only: true,
            ..Default::default()
        };
        let store = crate::store::Store::open_with(&path, &read_only).await.unwrap();
        let t = Throttle::default();
        let keys = vec!["user:a".to_owned(), "ip:1".to_owned()];
        for _ in 0..=FREE_FAILURES {
            t.failed(&store, &keys).await;
        }
        assert!(t.wait(&store, &keys).await.is_some(), "this server remembers");
    }
}
