//! Drawn QR codes kept in memory: the same code with the same options is
//! drawn once. Bounded, oldest out first: codes are few and printing comes
//! in bursts, so a small first-in-first-out store is enough.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::{Ec, Matrix, PngSize, Style};

/// What was drawn, and how.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Kind {
    Png(PngSize, Style),
    Svg(Style),
    /// Module path for an SVG inlined in a print page.
    Inline(Ec),
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Key {
    pub payload: String,
    pub kind: Kind,
}

#[derive(Debug)]
pub enum Drawn {
    Bytes(Vec<u8>),
    Text(String),
    Matrix(Matrix),
}

pub struct Cache {
    capacity: usize,
    inner: Mutex<Store>,
    hits: AtomicU64,
    misses: AtomicU64,
}

#[derive(Default)]
struct Store {
    map: HashMap<Key, Arc<Drawn>>,
    order: VecDeque<Key>,
}

/// Big PNGs are up to a few hundred KB; 256 of them stay well under 100 MB.
pub const DEFAULT_CAPACITY: usize = 256;

impl Default for Cache {
    fn default() -> Self {
        Cache::new(DEFAULT_CAPACITY)
    }
}

impl Cache {
    pub fn new(capacity: usize) -> Cache {
        Cache {
            capacity: capacity.max(1),
            inner: Mutex::default(),
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
        }
    }

    /// The drawing for `key`, if it is kept.
    pub fn cached(&self, key: &Key) -> Option<Arc<Drawn>> {
        let found = self.lock().map.get(key).cloned();
        if found.is_some() {
            self.hits.fetch_add(1, Ordering::Relaxed);
        }
        found
    }

    /// The drawing for `key`, drawn by `draw` only when not kept already.
    /// Two requests racing for a new key may both draw; one result is kept.
    pub fn get_or_draw(
        &self,
        key: Key,
        draw: impl FnOnce() -> anyhow::Result<Drawn>,
    ) -> anyhow::Result<Arc<Drawn>> {
        if let Some(found) = self.cached(&key) {
            return Ok(found);
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let drawn = Arc::new(draw()?);
        let mut store = self.lock();
        if !store.map.contains_key(&key) {
            while store.map.len() >= self.capacity {
                let Some(oldest) = store.order.pop_front() else {
                    break;
                };
                store.map.remove(&oldest);
            }
            store.order.push_back(key.clone());
            store.map.insert(key, drawn.clone());
        }
        Ok(drawn)
    }

    /// (hits, misses) since start.
    pub fn stats(&self) -> (u64, u64) {
        (
            self.hits.load(Ordering::Relaxed),
            self.misses.load(Ordering::Relaxed),
        )
    }

    pub fn len(&self) -> usize {
        self.lock().map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Store> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(p: &str) -> Key {
        Key {
            payload: p.to_owned(),
            kind: Kind::Inline(Ec::Q),
        }
    }

    #[test]
    fn draws_once_and_stays_bounded() {
        let cache = Cache::new(2);
        let mut draws = 0;
        for _ in 0..3 {
            cache
                .get_or_draw(key("A"), || {
                    draws += 1;
                    Ok(Drawn::Text("a".into()))
                })
                .unwrap();
        }
        assert_eq!(draws, 1);
        assert_eq!(cache.stats(), (2, 1));
        cache
            .get_or_draw(key("B"), || Ok(Drawn::Text("b".into())))
            .unwrap();
        cache
            .get_or_draw(key("C"), || Ok(Drawn::Text("c".into())))
            .unwrap();
        assert_eq!(cache.len(), 2);
        // A, the oldest, went out.
        let mut redrawn = false;
        cache
            .get_or_draw(key("A"), || {
                redrawn = true;
                Ok(Drawn::Text("a".into()))
            })
            .unwrap();
        assert!(redrawn);
        // A failed drawing is not kept.
        assert!(cache.get_or_draw(key("D"), || anyhow::bail!("no")).is_err());
        assert!(
            cache
                .get_or_draw(key("D"), || Ok(Drawn::Text("d".into())))
                .is_ok()
        );
    }
}
