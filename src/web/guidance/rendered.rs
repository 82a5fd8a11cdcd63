//! A rendered guidance page: its bytes, compressed forms made once when
//! first asked for, and an `ETag` so a revisit costs a 304.

use std::sync::OnceLock;

use axum::body::Bytes;
use axum::http::header::GetAll;
use axum::http::header::{ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sha2::{Digest, Sha256};

use super::encoding::Encoding;
use crate::domain::LangTag;
use crate::web::page::Frame;

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
            // Copied: a rendered String has room to spare (up to twice
            // its length), and the page is kept for long.
            body: Bytes::copy_from_slice(html.as_bytes()),
            etag: HeaderValue::from_str(&etag).expect("base64 is a valid header"),
            content,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }

    /// Bytes this page may come to hold: the body, and room for its gzip
    /// and brotli forms (each well under half the body for HTML), made
    /// later and so counted now.
    pub fn weight(&self) -> usize {
        2 * self.body.len() + 256
    }

    fn slot(&self, encoding: Encoding) -> Option<&OnceLock<Bytes>> {
        match encoding {
            Encoding::Identity => None,
            Encoding::Gzip => Some(&self.gzip),
            Encoding::Brotli => Some(&self.brotli),
        }
    }

    /// Whether the body in `encoding` is made.
    pub fn has(&self, encoding: Encoding) -> bool {
        self.slot(encoding).is_none_or(|slot| slot.get().is_some())
    }

    /// Makes the body in `encoding` if it is not made yet, on the
    /// compressing thread ([`Encoding::compress_elsewhere`]).
    pub async fn prepare(&self, encoding: Encoding) {
        if let Some(slot) = self.slot(encoding)
            && slot.get().is_none()
        {
            let made = encoding.compress_elsewhere(self.body.clone()).await;
            let _ = slot.set(made);
        }
    }

    /// The body in `encoding` (compressed here if not prepared).
    pub fn body_in(&self, encoding: Encoding) -> Bytes {
        match self.slot(encoding) {
            None => self.body.clone(),
            Some(slot) => slot.get_or_init(|| encoding.compress(&self.body)).clone(),
        }
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
