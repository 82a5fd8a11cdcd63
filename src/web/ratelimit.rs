//! A per-client request budget for expensive endpoints (drawing QR codes):
//! at most `limit` requests per `window` for each key; in memory, bounded.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const MAX_KEYS: usize = 100_000;

pub struct RateLimit {
    limit: u32,
    window: Duration,
    seen: Mutex<HashMap<String, (Instant, u32)>>,
}

impl RateLimit {
    pub fn new(limit: u32, window: Duration) -> RateLimit {
        RateLimit {
            limit,
            window,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// `Ok` if `key` may go on now, else how long until its window resets.
    /// A limit of 0 means no limit.
    pub fn check(&self, key: &str) -> Result<(), Duration> {
        if self.limit == 0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if seen.len() >= MAX_KEYS {
            seen.retain(|_, (start, _)| now.duration_since(*start) < self.window);
        }
        let entry = seen.entry(key.to_owned()).or_insert((now, 0));
        if now.duration_since(entry.0) >= self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.limit {
            return Err(self.window.saturating_sub(now.duration_since(entry.0)));
        }
        entry.1 += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_per_key_and_resets() {
        let r = RateLimit::new(2, Duration::from_millis(50));
        assert!(r.check("a").is_ok() && r.check("a").is_ok());
        assert!(r.check("a").is_err());
        assert!(r.check("b").is_ok(), "other clients are not affected");
        std::thread::sleep(Duration::from_millis(60));
        assert!(r.check("a").is_ok());
    }
}
