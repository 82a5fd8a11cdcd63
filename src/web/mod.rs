//! HTTP surfaces. One module per surface; they share the language
//! extractor ([`lang`]), the page frame ([`page`]) and the error pages.

pub mod admin;
mod api;
mod errors;
mod lang;
mod page;
mod print;
mod public;
mod qr;

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::middleware;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::AppState;

pub use lang::Lang;

/// Content-Security-Policy for every page: nothing from other origins,
/// no scripts; the one inline stylesheet is allowed.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; \
                   form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

pub fn router(state: AppState) -> Router {
    let header = |name: &'static str, value: &'static str| {
        SetResponseHeaderLayer::if_not_present(HeaderName::from_static(name), HeaderValue::from_static(value))
    };
    Router::new()
        .route("/", get(public::index))
        .route("/q", get(public::code_box))
        .route("/q/{code}", get(public::guidance))
        .route("/Q/{code}", get(public::guidance))
        .route("/qr/{file}", get(qr::image))
        .route("/healthz", get(public::healthz))
        .merge(print::router())
        .merge(admin::router())
        .merge(api::router())
        .fallback(public::not_found)
        .layer(middleware::from_fn_with_state(state.clone(), errors::error_pages))
        .layer(CatchPanicLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(30),
        ))
        .layer(header("content-security-policy", CSP))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("referrer-policy", "no-referrer"))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}
