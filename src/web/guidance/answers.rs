//! Ready answers for guidance pages: a page already rendered, with its
//! response headers and its scan labels, found from the request *as sent*
//! (the code in the path, the query, `Accept-Language`, `Cookie`). A repeat
//! visit with the same inputs skips parsing and negotiating languages,
//! building the frame and formatting headers: what is left per request is
//! a hash, a map lookup, a header-map copy and the scan tally.
//!
//! The answer for some inputs is whatever the full path produced for them,
//! so the two cannot disagree; answers live in the page cache and are
//! emptied with it.

use std::hash::{BuildHasher, Hash, Hasher};
use std::sync::Arc;

use axum::body::Body;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_ENCODING, COOKIE, IF_NONE_MATCH, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;

use super::cache::Rendered;
use super::encoding::Encoding;
use crate::AppState;
use crate::domain::Code;

/// The inputs that decide a guidance page, borrowed from the request.
#[derive(Clone, Copy, Hash, PartialEq, Eq)]
pub struct Asked<'r> {
    code: &'r str,
    query: &'r str,
    accept_language: &'r [u8],
    cookie: &'r [u8],
}

impl<'r> Asked<'r> {
    /// `None` for a signed-in staff member (their cookies are not kept as
    /// cache keys), for cookies split over several fields (rare: HTTP/2),
    /// and for inputs longer than any phone sends (so made-up headers
    /// cannot fill memory with answers).
    pub fn of(code: &'r str, query: Option<&'r str>, headers: &'r HeaderMap) -> Option<Asked<'r>> {
        let mut cookies = headers.get_all(COOKIE).iter();
        let cookie = cookies.next().map_or(&b""[..], HeaderValue::as_bytes);
        if cookies.next().is_some() || is_staff(headers) {
            return None;
        }
        let asked = Asked {
            code,
            query: query.unwrap_or(""),
            accept_language: headers
                .get(ACCEPT_LANGUAGE)
                .map_or(&b""[..], HeaderValue::as_bytes),
            cookie,
        };
        let size = asked.code.len() + asked.query.len() + asked.accept_language.len() + asked.cookie.len();
        (size <= MAX_KEPT_BYTES).then_some(asked)
    }

    pub fn hash(&self, hasher: &impl BuildHasher) -> u64 {
        let mut h = hasher.build_hasher();
        Hash::hash(self, &mut h);
        h.finish()
    }

    fn to_owned(self) -> Kept {
        Kept {
            code: self.code.into(),
            query: self.query.into(),
            accept_language: self.accept_language.into(),
            cookie: self.cookie.into(),
        }
    }
}

/// Whether a signed-in staff member is looking: their visits are not scans.
pub fn is_staff(headers: &HeaderMap) -> bool {
    let name = crate::web::admin::SESSION_COOKIE.as_bytes();
    headers
        .get_all(COOKIE)
        .iter()
        .any(|v| v.as_bytes().windows(name.len()).any(|w| w == name))
}

/// The most input bytes an answer is kept for: real phones send well under
/// 200 (`Accept-Language` of a few tags, a `lang` cookie, `?source=`).
const MAX_KEPT_BYTES: usize = 512;

/// [`Asked`], owned: compared on a hit, so a hash collision is a miss.
struct Kept {
    code: Box<str>,
    query: Box<str>,
    accept_language: Box<[u8]>,
    cookie: Box<[u8]>,
}

impl Kept {
    fn matches(&self, asked: &Asked<'_>) -> bool {
        *self.code == *asked.code
            && *self.query == *asked.query
            && *self.accept_language == *asked.accept_language
            && *self.cookie == *asked.cookie
    }
}

/// What a scan of this page is counted as.
pub struct ScanLabels {
    pub code: String,
    pub requested: String,
    pub served: String,
    pub source: String,
}

impl ScanLabels {
    /// A HEAD request or a QR image fetch is not a scan; the caller knows.
    pub fn record(&self, state: &AppState) {
        state
            .scans()
            .record(&self.code, &self.requested, &self.served, &self.source);
    }
}

pub struct Answer {
    /// The procedure shown: its answers go when it changes.
    code: Code,
    asked: Kept,
    page: Arc<Rendered>,
    /// Type, language, caching and cookie headers, as the full path set them.
    headers: HeaderMap,
    scan: ScanLabels,
}

impl Answer {
    /// `headers` are a response's headers as made for these inputs.
    pub fn new(
        code: Code,
        asked: Asked<'_>,
        page: Arc<Rendered>,
        mut headers: HeaderMap,
        scan: ScanLabels,
    ) -> Answer {
        headers.append(VARY, HeaderValue::from_static("Accept-Encoding"));
        headers.insert(axum::http::header::ETAG, page.etag.clone());
        Answer {
            code,
            asked: asked.to_owned(),
            page,
            headers,
            scan,
        }
    }

    pub fn code(&self) -> &Code {
        &self.code
    }

    /// Bytes held, the page included (it may be shared with other answers:
    /// counted in each, the budget errs on the safe side).
    pub fn weight(&self) -> usize {
        let kept = &self.asked;
        let inputs = kept.code.len() + kept.query.len() + kept.accept_language.len() + kept.cookie.len();
        let headers: usize = self
            .headers
            .iter()
            .map(|(name, value)| name.as_str().len() + value.len() + 64)
            .sum();
        let scan = &self.scan;
        let labels = scan.code.len() + scan.requested.len() + scan.served.len() + scan.source.len();
        inputs + headers + labels + 256 + self.page.weight()
    }

    pub fn answers(&self, asked: &Asked<'_>) -> bool {
        self.asked.matches(asked)
    }

    /// What this request gets: `None` for a 304 (the visitor has this
    /// page), else the page in the best coding they accept.
    fn coding(&self, request: &HeaderMap) -> Option<Encoding> {
        let fresh = self.page.status == StatusCode::OK && self.page.matches(request.get_all(IF_NONE_MATCH));
        (!fresh).then(|| Encoding::preferred(request))
    }

    /// Makes the page in the coding this request gets, off this thread.
    pub async fn prepare(&self, request: &HeaderMap) {
        if let Some(encoding) = self.coding(request) {
            self.page.prepare(encoding).await;
        }
    }

    /// The response (a 304, or the page in the coding asked for; made
    /// here if it was not prepared). Counts the scan.
    pub fn respond(&self, state: &AppState, method: &Method, request: &HeaderMap) -> Response {
        self.respond_with(state, method, self.coding(request))
    }

    /// As [`respond`](Self::respond), but `None` when the page is not made
    /// in the coding this request gets: the ready path never compresses.
    pub fn respond_if_made(
        &self,
        state: &AppState,
        method: &Method,
        request: &HeaderMap,
    ) -> Option<Response> {
        let coding = self.coding(request);
        if coding.is_some_and(|encoding| !self.page.has(encoding)) {
            return None;
        }
        Some(self.respond_with(state, method, coding))
    }

    fn respond_with(&self, state: &AppState, method: &Method, coding: Option<Encoding>) -> Response {
        if method == Method::GET {
            self.scan.record(state);
        }
        let mut response = match coding {
            None => {
                let mut r = Response::new(Body::empty());
                *r.status_mut() = StatusCode::NOT_MODIFIED;
                r
            }
            Some(encoding) => {
                let mut r = Response::new(Body::from(self.page.body_in(encoding)));
                *r.status_mut() = self.page.status;
                r
            }
        };
        *response.headers_mut() = self.headers.clone();
        if let Some(coding) = coding.and_then(Encoding::header) {
            response
                .headers_mut()
                .insert(CONTENT_ENCODING, HeaderValue::from_static(coding));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::RandomState;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn only_ordinary_visits_are_kept() {
        let phone = headers(&[("accept-language", "vi-VN,vi;q=0.9"), ("cookie", "lang=vi")]);
        assert!(Asked::of("K7Q2", Some("source=poster"), &phone).is_some());
        let staff = headers(&[("cookie", "lang=ja; madoguchi_session=abc")]);
        assert!(Asked::of("K7Q2", None, &staff).is_none());
        assert!(is_staff(&staff) && !is_staff(&phone));
        let split = headers(&[("cookie", "lang=vi"), ("cookie", "other=1")]);
        assert!(Asked::of("K7Q2", None, &split).is_none());
        let huge = headers(&[("accept-language", &"en;q=0.1,".repeat(60))]);
        assert!(Asked::of("K7Q2", None, &huge).is_none());
    }

    #[test]
    fn the_same_inputs_hash_alike_and_different_ones_do_not_match() {
        let hasher = RandomState::new();
        let a = headers(&[("accept-language", "ne")]);
        let b = headers(&[("accept-language", "ne")]);
        let c = headers(&[("accept-language", "en")]);
        let (x, y, z) = (
            Asked::of("T6ZX", None, &a).unwrap(),
            Asked::of("T6ZX", None, &b).unwrap(),
            Asked::of("T6ZX", None, &c).unwrap(),
        );
        assert_eq!(x.hash(&hasher), y.hash(&hasher));
        assert!(x.to_owned().matches(&y));
        assert!(!x.to_owned().matches(&z));
        // The query is part of the inputs (it may choose the language).
        let q = Asked::of("T6ZX", Some("lang=en"), &a).unwrap();
        assert!(!x.to_owned().matches(&q));
    }
}
