//! Rendered guidance pages, kept in memory so a page costs about what a
//! static file costs, with an `ETag` so a revisit costs a 304.
//!
//! Invalidation: the database keeps a change counter bumped by triggers on
//! every write to procedures and texts (migrations/0003), whichever process
//! wrote — `madoguchi import` from a shell included. A request reads that
//! counter when the last read is older than [`CHECK_EVERY`]: one tiny query
//! at most twice a second instead of one per request, so a change shows up
//! within half a second. When the locale files change, the server takes a
//! new state with new locales and a new, empty cache (`cli::live`).

use std::collections::HashMap;
use std::hash::RandomState;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

use axum::body::Bytes;
use axum::http::header::GetAll;
use axum::http::header::{ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::answers::{Answer, Asked};
use super::encoding::Encoding;
use crate::domain::{Code, LangTag, Procedure};
use crate::store::Store;
use crate::web::page::Frame;

/// How stale the cache may be after a write by another process.
pub const CHECK_EVERY: Duration = Duration::from_millis(500);

/// Bounds on memory: past these, the map is emptied and refills with what
/// is asked for (7 KB a page: 4096 pages ≈ 30 MB at most).
const MAX_PAGES: usize = 4096;
const MAX_PROCEDURES: usize = 20_000;
/// Ready answers share the pages; an answer itself is a few hundred bytes.
const MAX_ANSWERS: usize = 16_384;

/// One guidance page: which procedure, in which page language, showing
/// the text in which language.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PageKey {
    pub code: Code,
    pub page: LangTag,
    pub text: LangTag,
}

pub struct Rendered {
    pub status: StatusCode,
    pub body: Bytes,
    pub etag: HeaderValue,
    /// The language of the page's main text.
    pub content: LangTag,
    /// The body compressed, once, when first asked for.
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Rendered {
    pub fn new(status: StatusCode, html: String, content: LangTag) -> Rendered {
        let digest = Sha256::digest(html.as_bytes());
        // Weak: the same page may go out gzip, brotli or plain.
        let etag = format!("W/\"{}\"", URL_SAFE_NO_PAD.encode(&digest[..16]));
        Rendered {
            status,
            body: Bytes::from(html),
            etag: HeaderValue::from_str(&etag).expect("base64 is a valid header"),
            content,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    /// The body in `encoding`.
    pub fn body_in(&self, encoding: Encoding) -> Bytes {
        let slot = match encoding {
            Encoding::Identity => return self.body.clone(),
            Encoding::Gzip => &self.gzip,
            Encoding::Brotli => &self.brotli,
        };
        slot.get_or_init(|| encoding.compress(&self.body)).clone()
    }

    /// Whether `If-None-Match` names this page (weak comparison).
    pub fn matches(&self, if_none_match: GetAll<'_, HeaderValue>) -> bool {
        let ours = self.etag.to_str().unwrap_or("").trim_start_matches("W/");
        if_none_match
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(|t| t.trim().trim_start_matches("W/"))
            .any(|t| t == "*" || t == ours)
    }

    /// The page, or a 304 when the visitor already has it.
    pub fn respond(&self, page: &Frame<'_>, request: &HeaderMap) -> Response {
        let fresh = self.status == StatusCode::OK && self.matches(request.get_all(IF_NONE_MATCH));
        let mut response = if fresh {
            StatusCode::NOT_MODIFIED.into_response()
        } else {
            (self.status, self.body.clone()).into_response()
        };
        response.headers_mut().insert(ETAG, self.etag.clone());
        page.finish(response, Some(&self.content))
    }
}

#[derive(Default)]
struct Entries {
    procedures: HashMap<Code, Arc<Procedure>>,
    pages: HashMap<PageKey, Arc<Rendered>>,
    /// By the hash of the [`Asked`] they answer.
    answers: HashMap<u64, Arc<Answer>>,
}

pub struct PageCache {
    entries: RwLock<Entries>,
    /// Bumped whenever the entries are emptied; an entry computed under an
    /// older epoch is not stored (it may predate the change).
    epoch: AtomicU64,
    /// The database's change counter as last read.
    counter: Mutex<Option<i64>>,
    /// When it was last read: milliseconds since `born`, plus one (0: never).
    /// An atomic, so the many requests that need no check take no lock.
    checked: AtomicU64,
    /// The [`AppState::writes`](crate::AppState::writes) count the counter
    /// was last read after.
    writes_seen: AtomicU64,
    born: Instant,
    check_every: Duration,
    hasher: RandomState,
}

impl Default for PageCache {
    fn default() -> Self {
        PageCache::new(CHECK_EVERY)
    }
}

impl PageCache {
    pub fn new(check_every: Duration) -> PageCache {
        PageCache {
            entries: RwLock::default(),
            epoch: AtomicU64::new(0),
            counter: Mutex::new(None),
            checked: AtomicU64::new(0),
            writes_seen: AtomicU64::new(0),
            born: Instant::now(),
            check_every,
            hasher: RandomState::new(),
        }
    }

    /// Empties the cache (the change counter moved).
    fn clear(&self) {
        let mut entries = self.entries.write().expect("cache lock");
        self.epoch.fetch_add(1, Ordering::SeqCst);
        *entries = Entries::default();
    }

    /// Reads the database's change counter if it is time to (every
    /// `check_every`, or at once when `writes` says this server wrote
    /// something), empties the cache if it moved, and returns the epoch to
    /// store entries under. A failed read keeps the cache: pages already
    /// made are still right as far as anyone knows.
    pub async fn refresh(&self, store: &Store, writes: u64) -> u64 {
        let now = self.born.elapsed().as_millis() as u64 + 1;
        // Every request that comes after a write reads the counter itself
        // until one read has covered that write: a request must not serve
        // the old page while another's read is still on its way.
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
            match store.change_counter().await {
                Ok(counter) => {
                    // Emptied under the counter's lock: a request that finds
                    // the counter already current must also find the cache
                    // already emptied.
                    let mut seen = self.counter.lock().expect("cache lock");
                    if *seen != Some(counter) {
                        if seen.is_some() {
                            tracing::debug!(counter, "procedures changed: emptying the page cache");
                        }
                        *seen = Some(counter);
                        self.clear();
                    }
                    // Only now: a request that skips its own read because
                    // of this must find the cache emptied already.
                    self.writes_seen.fetch_max(writes, Ordering::AcqRel);
                }
                Err(e) => tracing::warn!(error = %e, "cannot read the change counter; keeping cached pages"),
            }
        }
        // Taken before this request reads any data: entries it makes from
        // that data are refused if the cache is emptied meanwhile.
        self.epoch.load(Ordering::SeqCst)
    }

    /// Whether the cache may answer without reading the change counter
    /// first: nothing was written through this server since the last read,
    /// and that read is younger than `check_every`. The ready-answer path
    /// asks this instead of awaiting [`refresh`](Self::refresh); when a
    /// check is due the request takes the full path, which makes it.
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
        if let Some(p) = self.entries.read().expect("cache lock").procedures.get(code) {
            return Ok(Some(p.clone()));
        }
        // Unknown codes are not remembered: anyone can make up codes.
        let Some(p) = store.procedure(code).await? else {
            return Ok(None);
        };
        let p = Arc::new(p);
        self.store(epoch, |e| {
            if e.procedures.len() >= MAX_PROCEDURES {
                e.procedures.clear();
            }
            e.procedures.insert(code.clone(), p.clone());
        });
        Ok(Some(p))
    }

    pub fn page(&self, key: &PageKey) -> Option<Arc<Rendered>> {
        self.entries.read().expect("cache lock").pages.get(key).cloned()
    }

    pub fn put_page(&self, epoch: u64, key: PageKey, page: Arc<Rendered>) {
        self.store(epoch, |e| {
            if e.pages.len() >= MAX_PAGES {
                // Answers hold pages too: emptied together, memory stays bounded.
                e.pages.clear();
                e.answers.clear();
            }
            e.pages.insert(key, page);
        });
    }

    /// The ready answer for these request inputs, if one was kept.
    pub fn answer(&self, asked: &Asked<'_>) -> Option<Arc<Answer>> {
        let hash = asked.hash(&self.hasher);
        let entries = self.entries.read().expect("cache lock");
        entries.answers.get(&hash).filter(|a| a.answers(asked)).cloned()
    }

    pub fn put_answer(&self, epoch: u64, asked: &Asked<'_>, answer: Arc<Answer>) {
        let hash = asked.hash(&self.hasher);
        self.store(epoch, |e| {
            if e.answers.len() >= MAX_ANSWERS {
                e.answers.clear();
            }
            e.answers.insert(hash, answer);
        });
    }

    fn store(&self, epoch: u64, f: impl FnOnce(&mut Entries)) {
        let mut entries = self.entries.write().expect("cache lock");
        // Checked under the lock that `clear` takes to bump the epoch.
        if self.epoch.load(Ordering::SeqCst) == epoch {
            f(&mut entries);
        }
    }

    pub fn len(&self) -> usize {
        self.entries.read().expect("cache lock").pages.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
