//! What the pages load besides themselves: the inline stylesheet and the
//! small same-origin script, embedded in the binary, and the
//! Content-Security-Policy that allows exactly these two and nothing else.

use std::sync::LazyLock;

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

/// The public pages' stylesheet, inlined so a page is one request.
pub const CSS: &str = include_str!("../../assets/site.css");

/// The staff pages' stylesheet, a same-origin file (staff pages are not
/// on the one-round-trip budget).
pub const ADMIN_CSS: &str = include_str!("../../assets/admin.css");

/// Read aloud, copy link, share: progressive enhancement only.
pub const SCRIPT: &str = include_str!("../../assets/page.js");
/// The service worker (offline re-reading), at the root so its scope is the site.
pub const SERVICE_WORKER: &str = include_str!("../../assets/sw.js");

/// The site's icon: `assets/favicon.svg`, and the same drawing as an ICO
/// for `/favicon.ico`, which browsers ask for on pages (staff, print, JSON)
/// that name no icon. Both made by `scripts/favicon.py`.
pub const FAVICON_SVG: &str = include_str!("../../assets/favicon.svg");
pub const FAVICON_ICO: &[u8] = include_bytes!("../../assets/favicon.ico");

/// The icon's URL is not versioned, so it is cached for a day, not a year.
const ICON_CACHE: &str = "public, max-age=86400";

/// The script's URL carries a hash of its content, so it can be cached
/// for a year and a new binary still gets its own script fetched.
static SCRIPT_URL: LazyLock<String> = LazyLock::new(|| {
    let digest = Sha256::digest(SCRIPT.as_bytes());
    let hex: String = digest[..6].iter().map(|b| format!("{b:02x}")).collect();
    format!("/assets/page.js?v={hex}")
});

/// No inline script, no `unsafe-inline`: the one inline stylesheet is
/// allowed by its hash, other styles and scripts only from this origin.
static CSP: LazyLock<HeaderValue> = LazyLock::new(|| {
    let hash = STANDARD.encode(Sha256::digest(CSS.as_bytes()));
    let policy = format!(
        "default-src 'none'; style-src 'self' 'sha256-{hash}'; script-src 'self'; img-src 'self'; media-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    );
    HeaderValue::from_str(&policy).expect("the policy is ASCII")
});

pub fn script_url() -> &'static str {
    &SCRIPT_URL
}

pub fn csp() -> HeaderValue {
    CSP.clone()
}

/// `GET /sw.js`: always checked for a newer version (`no-cache`); its own
/// policy lets it fetch pages from this origin and nothing else.
pub async fn service_worker() -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "no-cache"),
            (CONTENT_SECURITY_POLICY, "default-src 'none'; connect-src 'self'"),
        ],
        SERVICE_WORKER,
    )
        .into_response()
}

/// `GET /favicon.svg`.
pub async fn favicon_svg() -> Response {
    (
        [(CONTENT_TYPE, "image/svg+xml"), (CACHE_CONTROL, ICON_CACHE)],
        FAVICON_SVG,
    )
        .into_response()
}

/// `GET /favicon.ico`.
pub async fn favicon_ico() -> Response {
    (
        [
            (CONTENT_TYPE, "image/vnd.microsoft.icon"),
            (CACHE_CONTROL, ICON_CACHE),
        ],
        FAVICON_ICO,
    )
        .into_response()
}

/// `GET /assets/{file}`.
pub async fn file(Path(file): Path<String>) -> Response {
    match file.as_str() {
        "page.js" => (
            [
                (CONTENT_TYPE, "text/javascript; charset=utf-8"),
                (CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            SCRIPT,
        )
            .into_response(),
        "admin.css" => (
            [
                (CONTENT_TYPE, "text/css; charset=utf-8"),
                (CACHE_CONTROL, "public, max-age=3600"),
            ],
            ADMIN_CSS,
        )
            .into_response(),
        // Plain text: the error-page layer turns it into a page.
        _ => (StatusCode::NOT_FOUND, "not found").into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_the_stylesheet_hash_and_allows_no_inline_code() {
        let csp = csp();
        let csp = csp.to_str().unwrap();
        assert!(!csp.contains("unsafe-inline"));
        assert!(csp.contains("script-src 'self'"));
        let hash = csp.split("'sha256-").nth(1).unwrap().split('\'').next().unwrap();
        let digest = STANDARD.decode(hash).unwrap();
        assert_eq!(digest[..], Sha256::digest(CSS.as_bytes())[..]);
    }

    #[test]
    fn the_script_url_changes_with_the_script() {
        assert!(script_url().starts_with("/assets/page.js?v="));
        assert_eq!(script_url().len(), "/assets/page.js?v=".len() + 12);
    }
}
