//! HTTP surfaces. One module per surface; they share the language
//! extractor ([`lang`]), the page frame ([`page`]) and the error pages.

pub mod admin;
mod api;
mod assets;
mod audio;
mod client;
mod errors;
mod guidance;
mod lang;
mod not_found;
mod page;
mod print;
mod public;
mod qr;
mod ratelimit;
mod ruby;
mod saved;

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode};
use axum::middleware;
use axum::routing::get;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::compression::predicate::{DefaultPredicate, NotForContentType, Predicate};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::AppState;

pub use guidance::{CHECK_EVERY, DEFAULT_BUDGET_MB, PageCache, ready_answer};
pub use lang::Lang;
pub use ratelimit::RateLimit;

/// A change made through this server (staff pages, API) shows at once on
/// the public pages: after any successful write the next guidance request
/// reads the change counter, and the cache is emptied only if it moved (so
/// a stranger's POST that changes nothing cannot keep the cache cold).
/// Changes from other processes are noticed by the cache's periodic check.
async fn fresh_after_writes(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: middleware::Next,
) -> axum::response::Response {
    let write = !matches!(
        *request.method(),
        axum::http::Method::GET | axum::http::Method::HEAD
    );
    let response = next.run(request).await;
    if write && response.status().as_u16() < 400 {
        state.note_write();
    }
    response
}

/// The largest request body accepted anywhere.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The first value of `key` in a query string, decoded; "" when absent.
pub fn query_param(query: Option<&str>, key: &str) -> String {
    query
        .and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default()
}

/// The headers every response carries unless its handler set its own:
/// made once per router, and stored with each ready answer.
pub(crate) fn security_headers(state: &AppState) -> HeaderMap {
    let mut headers = HeaderMap::new();
    // HSTS only where the service is really reached over https.
    if state.base_url().is_https() {
        headers.insert(
            "strict-transport-security",
            HeaderValue::from_static("max-age=31536000"),
        );
    }
    headers.insert("referrer-policy", HeaderValue::from_static("no-referrer"));
    headers.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    headers.insert("content-security-policy", assets::csp());
    headers
}

/// Adds each of `extra` that `headers` does not have yet.
pub(crate) fn add_missing(headers: &mut HeaderMap, extra: &HeaderMap) {
    for (name, value) in extra {
        if !headers.contains_key(name) {
            headers.insert(name, value.clone());
        }
    }
}

pub fn router(state: AppState) -> Router {
    let security = security_headers(&state);
    // Which municipality a request was for, in its log line ("" at home).
    let tenant = state.tenant().map(ToString::to_string).unwrap_or_default();
    let header = |name: &'static str| {
        SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), security.get(name).cloned())
    };
    Router::new()
        .route("/", get(public::index))
        .route("/q", get(public::code_box))
        .route("/q/{code}", get(guidance::guidance))
        .route("/Q/{code}", get(guidance::guidance))
        .route("/qr/{file}", get(qr::image))
        .route("/healthz", get(public::healthz))
        .route("/saved", get(saved::saved))
        .route("/audio/{code}/{lang}", get(audio::recording))
        .route("/sw.js", get(assets::service_worker))
        .merge(print::router())
        .merge(admin::router())
        .merge(api::router())
        .route("/assets/{file}", get(assets::file))
        .route("/favicon.svg", get(assets::favicon_svg))
        .route("/favicon.ico", get(assets::favicon_ico))
        .fallback(public::not_found)
        // One composed stack, wrapped around each route once: layered one
        // by one, axum boxes and clones every layer on every request, which
        // was most of what a cached page cost. Outermost first.
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(move |request: &axum::http::Request<_>| {
                            let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                            // The path only, never the query (it could carry a token someday).
                            tracing::info_span!("request", id, tenant, method = %request.method(), path = %request.uri().path())
                        })
                        .on_response(DefaultOnResponse::new().level(Level::INFO)),
                )
                .layer(PropagateRequestIdLayer::x_request_id())
                .layer(middleware::from_fn(crate::telemetry::track))
                // gzip or brotli as the client asks (cached pages come
                // compressed already); inside the tracing layer so logs show
                // the status, outside the rest so error pages compress.
                // Recordings are compressed already, and sent in ranges.
                .layer(CompressionLayer::new().compress_when(
                    DefaultPredicate::new().and(NotForContentType::const_new("audio/")),
                ))
                .layer(header("strict-transport-security"))
                .layer(header("referrer-policy"))
                .layer(header("x-content-type-options"))
                .layer(header("content-security-policy"))
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::REQUEST_TIMEOUT,
                    Duration::from_secs(30),
                ))
                .layer(CatchPanicLayer::new())
                .layer(middleware::from_fn_with_state(state.clone(), errors::error_pages))
                .layer(middleware::from_fn_with_state(state.clone(), fresh_after_writes))
                // Bodies over 1 MiB are refused with 413 before anyone reads
                // them. Innermost, since it changes the request's body type.
                .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES)),
        )
        .with_state(state)
}
