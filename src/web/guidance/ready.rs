//! Ready answers served before the router (`cli::live::dispatch` asks
//! here first): a repeat visit to a guidance page, when the cache needs no
//! check, is answered with what the full path stored for the same inputs,
//! plus what the router's layers add to every response — a request id,
//! the metrics, a log line when INFO is on. The security headers are part
//! of the stored answer. Everything else (a check due, an unknown input, a
//! percent-encoded code, staff) goes through the router as before;
//! `tests/ready.rs` compares the two paths header by header.

use std::sync::OnceLock;
use std::time::Instant;

use axum::extract::Request;
use axum::http::{HeaderValue, Method};
use axum::response::Response;
use metrics::{Counter, Histogram};

use super::answers::Asked;
use crate::AppState;

/// The router's route templates for the guidance page.
const ROUTES: [&str; 2] = ["/q/{code}", "/Q/{code}"];
/// The statuses a ready answer can have.
const STATUSES: [u16; 3] = [200, 304, 410];

/// Metric handles made once, so a ready answer does not look each
/// labelled metric up by its labels (a hash and a map lookup apiece).
struct Handles {
    /// By route, method (GET, HEAD) and status, as `telemetry::track` labels them.
    requests: [[[Counter; 3]; 2]; 2],
    duration: [Histogram; 2],
    hit: Counter,
}

fn handles() -> &'static Handles {
    static HANDLES: OnceLock<Handles> = OnceLock::new();
    HANDLES.get_or_init(|| {
        crate::telemetry::handle();
        let requests = ROUTES.map(|route| {
            ["GET", "HEAD"].map(|method| {
                STATUSES.map(|status| {
                    metrics::counter!("madoguchi_http_requests_total", "route" => route, "method" => method, "status" => status.to_string())
                })
            })
        });
        Handles {
            requests,
            duration: ROUTES.map(|route| metrics::histogram!("madoguchi_http_request_duration_seconds", "route" => route)),
            hit: metrics::counter!("madoguchi_page_cache_total", "result" => "hit"),
        }
    })
}

/// The ready answer to `request`, or `None` for the router to answer.
pub fn ready_answer(state: &AppState, request: &Request) -> Option<Response> {
    let started = Instant::now();
    let method = request.method();
    let head = match *method {
        Method::GET => 0,
        Method::HEAD => 1,
        _ => return None,
    };
    let path = request.uri().path();
    let route = match path.get(..3) {
        Some("/q/") => 0,
        Some("/Q/") => 1,
        _ => return None,
    };
    let code = &path[3..];
    // The router decodes percent-escapes; such codes take its path.
    if code.is_empty() || code.contains(['/', '%']) {
        return None;
    }
    let cache = state.pages();
    if !cache.current(state.writes()) {
        return None;
    }
    let headers = request.headers();
    let asked = Asked::of(code, request.uri().query(), headers)?;
    let mut response = cache.answer(&asked)?.respond_if_made(state, method, headers)?;
    let h = handles();
    h.hit.increment(1);
    // As tower-http's request-id layers: the client's id is kept, else one is made.
    let id = headers.get("x-request-id").cloned().unwrap_or_else(|| {
        let mut buf = uuid::Uuid::encode_buffer();
        let id = uuid::Uuid::new_v4().hyphenated().encode_lower(&mut buf);
        HeaderValue::from_str(id).expect("a UUID is a valid header")
    });
    let status = response.status().as_u16();
    if tracing::enabled!(tracing::Level::INFO) {
        let span =
            tracing::info_span!("request", id = id.to_str().unwrap_or("-"), method = %method, path = %path);
        let _in = span.enter();
        tracing::info!(latency = ?started.elapsed(), status, "finished processing request (ready answer)");
    }
    response.headers_mut().insert("x-request-id", id);
    if let Some(i) = STATUSES.iter().position(|s| *s == status) {
        h.requests[route][head][i].increment(1);
    }
    h.duration[route].record(started.elapsed().as_secs_f64());
    Some(response)
}
