//! Slowing down repeated failed sign-ins, per account and per address.
//!
//! After `FREE_FAILURES` failures, each further attempt must wait twice as
//! long as the last (1 s, 2 s, 4 s … capped at 15 min). A success clears
//! the account's count; counts are forgotten after a quiet `FORGET` period.
//! Kept in memory: a restart forgets, which is acceptable for slowing
//! guessing down (the passwords themselves are argon2id hashes).
//!
//! The account's count does not apply to an address with no failures on
//! record: otherwise anyone could lock a named account (`admin`) out for
//! its owner by failing from rotating addresses. Such an attacker gets one
//! guess per fresh address (each failure puts that address under the
//! account's wait and its own), at most two checked at a time.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const FREE_FAILURES: u32 = 5;
const MAX_WAIT: Duration = Duration::from_secs(15 * 60);
const FORGET: Duration = Duration::from_secs(60 * 60);
/// Bound on remembered keys, so a flood of names cannot grow memory.
const MAX_KEYS: usize = 100_000;

#[derive(Default)]
pub struct Throttle {
    state: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    /// How long the caller must still wait before trying `keys`, if at all.
    pub fn wait(&self, keys: &[String]) -> Option<Duration> {
        let now = Instant::now();
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        keys.iter()
            .filter_map(|k| state.get(k))
            .filter_map(|&(failures, last)| {
                let wait = backoff(failures)?;
                (last + wait).checked_duration_since(now)
            })
            .max()
    }

    /// Like `wait` for `account` and `address`, except that the account's
    /// wait is skipped for an address with no failures on record (see the
    /// module notes).
    pub fn wait_for(&self, account: &str, address: &str) -> Option<Duration> {
        let clean = !self
            .state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(address)
            .is_some_and(|&(failures, last)| failures > 0 && last.elapsed() <= FORGET);
        if clean {
            self.wait(&[address.to_owned()])
        } else {
            self.wait(&[account.to_owned(), address.to_owned()])
        }
    }

    pub fn failed(&self, keys: &[String]) {
        let now = Instant::now();
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if state.len() > MAX_KEYS {
            state.retain(|_, (_, last)| now.duration_since(*last) < FORGET);
        }
        for k in keys {
            let entry = state.entry(k.clone()).or_insert((0, now));
            if now.duration_since(entry.1) > FORGET {
                entry.0 = 0;
            }
            entry.0 += 1;
            entry.1 = now;
        }
    }

    pub fn succeeded(&self, key: &str) {
        self.state.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

fn backoff(failures: u32) -> Option<Duration> {
    let over = failures.checked_sub(FREE_FAILURES)?;
    Some(Duration::from_secs(1u64 << over.min(20)).min(MAX_WAIT))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_attempts_then_growing_waits() {
        let t = Throttle::default();
        let keys = vec!["user:a".to_owned(), "ip:1".to_owned()];
        for _ in 0..FREE_FAILURES {
            assert_eq!(t.wait(&keys), None);
            t.failed(&keys);
        }
        let first = t.wait(&keys).expect("now slowed down");
        assert!(first <= Duration::from_secs(1));
        t.failed(&keys);
        assert!(t.wait(&keys).unwrap() > first);
        // Another account from the same address is slowed too.
        assert!(t.wait(&["user:b".to_owned(), "ip:1".to_owned()]).is_some());
        t.succeeded("user:a");
        assert!(t.wait(&["user:a".to_owned()]).is_none());
        assert_eq!(backoff(100), Some(MAX_WAIT));
    }

    #[test]
    fn a_named_account_under_attack_still_opens_from_a_clean_address() {
        let t = Throttle::default();
        for i in 0..20 {
            let ip = format!("ip:10.0.0.{i}");
            assert_eq!(t.wait_for("user:admin", &ip), None, "one guess per fresh address");
            t.failed(&["user:admin".to_owned(), ip]);
        }
        assert!(
            t.wait_for("user:admin", "ip:10.0.0.3").is_some(),
            "a failed address waits"
        );
        assert_eq!(
            t.wait_for("user:admin", "ip:192.0.2.1"),
            None,
            "the owner does not"
        );
    }
}
