//! Rendered guidance pages kept in memory, so a page costs about what a
//! static file costs: a `moka` cache with a byte budget
//! (`--page-cache-mb`), holding procedures read from the database and the
//! ready answers made from them.
//!
//! Invalidation: triggers record the code of every changed procedure in the
//! `changes` table (migrations/0009), whichever process wrote — `madoguchi
//! import` from a shell included. A request reads the rows after the last
//! one seen when that read is older than [`CHECK_EVERY`] (one tiny query at
//! most twice a second), or at once after a write through this server, and
//! drops only the entries of the codes named: a write does not make every
//! other page cold. When the locale files change, the server takes a new
//! state with new locales and a new, empty cache (`cli::live`).

use std::collections::HashSet;
use std::hash::RandomState;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock, Weak};
use std::time::{Duration, Instant};

use moka::policy::EvictionPolicy;
use moka::sync::Cache;

use super::answers::{Answer, Asked};
pub use super::rendered::Rendered;
use crate::domain::{Code, LangTag, Procedure};
use crate::store::{Changed, Store};

/// How stale the cache may be after a write by another process.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

/// The default byte budget: the process stays under 64 MB however many
/// pages are asked for (bench/RESULTS.md: the allocator keeps about as much
/// again as the cache weighs while pages are being made, more with brotli).
pub const DEFAULT_BUDGET_MB: u64 = 12;

/// One guidance page: which procedure, in which page language, showing
/// the text in which language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub code: Code,
    pub page: LangTag,
    pub text: LangTag,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Procedure(Code),
    Page(PageKey),
    /// By the hash of the [`Asked`] it answers.
    Answer(u64),
}

#[derive(Clone)]
enum Entry {
    Procedure(Arc<Procedure>),
    /// Weak: a page is held by the answers made from it, whose weight
    /// counts it, so the budget bounds what is really held. This entry only
    /// lets new inputs reuse a page some answer still holds.
    Page(Weak<Rendered>),
    Answer(Arc<Answer>),
}

impl Entry {
    fn weight(&self) -> u32 {
        let bytes = match self {
            Entry::Procedure(p) => procedure_weight(p),
            Entry::Page(_) => 128,
            Entry::Answer(a) => a.weight(),
        };
        u32::try_from(bytes).unwrap_or(u32::MAX)
    }
}

/// About what a procedure holds in memory: its texts and a margin for the
/// structs and vectors around them.
fn procedure_weight(p: &Procedure) -> usize {
    let texts: usize = p
        .texts
        .iter()
        .map(|t| {
            let f = &t.fields;
            let lists: usize = f.bring.iter().chain(&f.steps).map(|s| s.len() + 32).sum();
            f.title.len() + f.summary.len() + f.office.len() + f.floor.len() + lists + 512
        })
        .sum();
    texts + 256
}

/// Whether the entry under `key` shows the procedure `code`.
fn shows(key: &Key, entry: &Entry, codes: &HashSet<Code>) -> bool {
    match (key, entry) {
        (Key::Procedure(code), _) => codes.contains(code),
        (Key::Page(page), _) => codes.contains(&page.code),
        (_, Entry::Answer(answer)) => codes.contains(answer.code()),
        _ => true,
    }
}

pub struct PageCache {
    entries: Cache<Key, Entry>,
    /// Bumped, under its write lock, whenever entries are invalidated; an
    /// entry computed under an older epoch is not stored (it may predate
    /// the change). Stores hold the read lock from check to insert.
    epoch: RwLock<u64>,
    /// The newest row of `changes` read; one check at a time.
    seen: tokio::sync::Mutex<Option<i64>>,
    /// When it was last read: milliseconds since `born`, plus one (0: never).
    /// An atomic, so the many requests that need no check take no lock.
    checked: AtomicU64,
    /// The [`AppState::writes`](crate::AppState::writes) count the changes
    /// were last read after.
    writes_seen: AtomicU64,
    born: Instant,
    check_every: Duration,
    hasher: RandomState,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache::new(CHECK_EVERY, DEFAULT_BUDGET_MB << 20)
    }
}

impl PageCache {
    pub fn new(check_every: Duration, budget_bytes: u64) -> PageCache {
        PageCache {
            entries: Cache::builder()
                .max_capacity(budget_bytes)
                .weigher(|_, entry: &Entry| entry.weight())
                // Least recently used goes first, and whatever is asked for
                // comes in. TinyLFU's admission filter, sized by entry count
                // (a few hundred here), saturated after a sweep of 14,000
                // cold pages and then kept refusing a page asked for 16,000
                // times a second: each of those visits read the database.
                .eviction_policy(EvictionPolicy::lru())
                .support_invalidation_closures()
                .build(),
            epoch: RwLock::new(0),
            seen: tokio::sync::Mutex::new(None),
            checked: AtomicU64::new(0),
            writes_seen: AtomicU64::new(0),
            born: Instant::now(),
            check_every,
            hasher: RandomState::new(),
        }
    }

    /// Reads what changed if it is time to (every `check_every`, or at once
    /// when `writes` says this server wrote something), drops the entries
    /// of the changed codes, and returns the epoch to store entries under.
    /// A failed read keeps the cache: pages already made are still right
    /// as far as anyone knows.
    pub async fn refresh(&self, store: &Store, writes: u64) -> u64 {
        let now = self.born.elapsed().as_millis() as u64 + 1;
        // Every request that comes after a write waits for a read that
        // covers that write: a request must not serve the old page while
        // another's read is still on its way.
        let wrote = writes > self.writes_seen.load(Ordering::Acquire);
        let last = self.checked.load(Ordering::Acquire);
        let due = wrote
            || (last == 0 || now.saturating_sub(last) >= self.check_every.as_millis() as u64)
            // Claim this check so concurrent requests do not repeat it.
            && self
                .checked
                .compare_exchange(last, now, Ordering::AcqRel, Ordering::Acquire)
                .is_ok();
        if due {
            let mut seen = self.seen.lock().await;
            // A read made while this request waited may already cover it.
            if !wrote || writes > self.writes_seen.load(Ordering::Acquire) {
                match store.changes_since(*seen).await {
                    Ok(changes) => {
                        self.drop_changed(&changes.changed);
                        *seen = Some(changes.seq);
                        metrics::gauge!("madoguchi_page_cache_bytes")
                            .set(self.entries.weighted_size() as f64);
                        self.checked.store(now, Ordering::Release);
                        // Only now: a request that skips its own read because
                        // of this must find the entries dropped already.
                        self.writes_seen.fetch_max(writes, Ordering::AcqRel);
                    }
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot read what changed; keeping cached pages")
                    }
                }
            }
        }
        // Taken before this request reads any data: entries it makes from
        // that data are refused if entries are dropped meanwhile.
        *self.epoch.read().expect("cache lock")
    }

    fn drop_changed(&self, changed: &Changed) {
        let codes = match changed {
            Changed::Nothing => return,
            Changed::Codes(codes) => codes,
            Changed::Everything => {
                tracing::debug!("procedures changed: emptying the page cache");
                let mut epoch = self.epoch.write().expect("cache lock");
                *epoch += 1;
                self.entries.invalidate_all();
                return;
            }
        };
        tracing::debug!(codes = codes.len(), "procedures changed: dropping their pages");
        let codes: HashSet<Code> = codes.iter().cloned().collect();
        let mut epoch = self.epoch.write().expect("cache lock");
        *epoch += 1;
        // `get` never returns an entry the predicate matches, even before
        // moka's housekeeping removes it.
        if self
            .entries
            .invalidate_entries_if(move |key, entry| shows(key, entry, &codes))
            .is_err()
        {
            self.entries.invalidate_all();
        }
    }

    /// Whether the cache may answer without reading the changes first:
    /// nothing was written through this server since the last read, and
    /// that read is younger than `check_every`. The ready-answer path asks
    /// this instead of awaiting [`refresh`](Self::refresh); when a check is
    /// due the request takes the full path, which makes it.
    pub fn current(&self, writes: u64) -> bool {
        let last = self.checked.load(Ordering::Acquire);
        let now = self.born.elapsed().as_millis() as u64 + 1;
        last != 0
            && writes <= self.writes_seen.load(Ordering::Acquire)
            && now.saturating_sub(last) < self.check_every.as_millis() as u64
    }

    /// The procedure, from memory or from the database.
    pub async fn procedure(
        &self,
        epoch: u64,
        store: &Store,
        code: &Code,
    ) -> anyhow::Result<Option<Arc<Procedure>>> {
        let key = Key::Procedure(code.clone());
        if let Some(Entry::Procedure(p)) = self.entries.get(&key) {
            return Ok(Some(p));
        }
        // Unknown codes are not remembered: anyone can make up codes.
        let Some(p) = store.procedure(code).await? else {
            return Ok(None);
        };
        let p = Arc::new(p);
        self.store(epoch, key, Entry::Procedure(p.clone()));
        Ok(Some(p))
    }

    /// The page, while some answer still holds it.
    pub fn page(&self, key: &PageKey) -> Option<Arc<Rendered>> {
        match self.entries.get(&Key::Page(key.clone()))? {
            Entry::Page(page) => page.upgrade(),
            _ => None,
        }
    }

    pub fn put_page(&self, epoch: u64, key: PageKey, page: &Arc<Rendered>) {
        self.store(epoch, Key::Page(key), Entry::Page(Arc::downgrade(page)));
    }

    /// The ready answer for these request inputs, if one was kept.
    pub fn answer(&self, asked: &Asked<'_>) -> Option<Arc<Answer>> {
        match self.entries.get(&Key::Answer(asked.hash(&self.hasher)))? {
            Entry::Answer(answer) if answer.answers(asked) => Some(answer),
            _ => None,
        }
    }

    pub fn put_answer(&self, epoch: u64, asked: &Asked<'_>, answer: Arc<Answer>) {
        let key = Key::Answer(asked.hash(&self.hasher));
        self.store(epoch, key, Entry::Answer(answer));
    }

    fn store(&self, epoch: u64, key: Key, entry: Entry) {
        let current = self.epoch.read().expect("cache lock");
        if *current == epoch {
            self.entries.insert(key, entry);
        }
    }

    /// The codes of the pages held, one per page (for tests).
    fn held_pages(&self) -> Vec<Code> {
        self.entries.run_pending_tasks();
        self.entries
            .iter()
            .filter_map(|(key, entry)| match (&*key, entry) {
                (Key::Page(page), Entry::Page(held)) if held.strong_count() > 0 => Some(page.code.clone()),
                _ => None,
            })
            .collect()
    }

    /// The pages held for `code`.
    pub fn pages_of(&self, code: &Code) -> usize {
        self.held_pages().iter().filter(|c| *c == code).count()
    }

    /// The pages held, of any code.
    pub fn len(&self) -> usize {
        self.held_pages().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes held by the cache, as its weigher counts them.
    pub fn weighed_bytes(&self) -> u64 {
        self.entries.run_pending_tasks();
        self.entries.weighted_size()
    }
}
