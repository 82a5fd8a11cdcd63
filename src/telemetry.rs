//! Prometheus metrics: requests by route and status, latency, scans, page
//! cache hits. Served only on the separate `--metrics-addr` listener, never
//! on the public one.

use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request};
use axum::http::Method;
use axum::middleware::Next;
use axum::response::Response;
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// How often histogram samples are folded into their buckets.
const UPKEEP_EVERY: Duration = Duration::from_secs(5);

/// The process-wide recorder (installed on first use).
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            .set_buckets_for_metric(
                Matcher::Full("madoguchi_http_request_duration_seconds".into()),
                &[
                    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
                ],
            )
            .expect("buckets are not empty")
            .build_recorder();
        let handle = recorder.handle();
        // Tests build many apps in one process: the first recorder stays.
        let _ = metrics::set_global_recorder(recorder);
        describe();
        // Histograms keep every sample until they are drained; without a
        // scrape, that grew by ~20 bytes a request. A plain thread, so it
        // runs whatever runtime (or test) first touched the metrics.
        let upkeep = handle.clone();
        std::thread::Builder::new()
            .name("metrics-upkeep".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(UPKEEP_EVERY);
                    upkeep.run_upkeep();
                }
            })
            .expect("starting the metrics upkeep thread");
        handle
    })
}

/// `# HELP` for every family (Prometheus tooling expects one).
fn describe() {
    use metrics::Unit;
    metrics::describe_counter!(
        "madoguchi_http_requests_total",
        Unit::Count,
        "HTTP requests answered, by route template, method and status."
    );
    metrics::describe_histogram!(
        "madoguchi_http_request_duration_seconds",
        Unit::Seconds,
        "Time to answer an HTTP request, by route template."
    );
    metrics::describe_counter!(
        "madoguchi_scans_total",
        Unit::Count,
        "Guidance pages shown to visitors (QR scans and typed codes; staff not counted)."
    );
    metrics::describe_counter!(
        "madoguchi_page_cache_total",
        Unit::Count,
        "Guidance-page cache lookups, by result (hit or miss)."
    );
    metrics::describe_gauge!(
        "madoguchi_page_cache_bytes",
        Unit::Bytes,
        "Bytes the guidance-page cache holds, as it weighs them (at most --page-cache-mb)."
    );
}

/// Counts each request by route template (never the raw path: codes and
/// junk would make unbounded labels) and status, and times it.
pub async fn track(request: Request, next: Next) -> Response {
    handle();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_owned(), |p| p.as_str().to_owned());
    // Any token is a valid method: unknown ones share a label so junk
    // requests cannot grow the series without bound.
    let method = match *request.method() {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    };
    let started = Instant::now();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    metrics::counter!("madoguchi_http_requests_total", "route" => route.clone(), "method" => method, "status" => status)
        .increment(1);
    metrics::histogram!("madoguchi_http_request_duration_seconds", "route" => route)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics` on the metrics listener.
pub async fn render() -> String {
    handle().render()
}
