//! Ready answers served before the router (`web::ready_answer`, what
//! `serve` asks first): for every input the router has answered once, the
//! ready path must give the same status, headers (but the request id and
//! date) and body, must count the visit like the router does, and must
//! step aside whenever the cache needs a check (a write through this
//! server, or the periodic check due) so no stale page goes out.

mod common;

use common::ready::{REPEAT_VISITS, ready, request, sample_state as state};
use common::{Reply, get};

fn comparable(reply: &Reply) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = reply
        .headers
        .iter()
        // hyper adds `content-length` from the body on the wire (axum does
        // in-process); the bodies themselves are compared.
        .filter(|(name, _)| !["x-request-id", "date", "content-length"].contains(&name.as_str()))
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

#[tokio::test]
async fn the_ready_path_answers_exactly_as_the_router() {
    let (state, app) = state().await;
    // The phone inputs, and what only the ready path's own code handles:
    // codings (chosen per request) and the client's request id.
    let extras: &[(&str, &[(&str, &str)])] = &[
        (
            "/q/K7Q2",
            &[("accept-language", "vi"), ("accept-encoding", "gzip")],
        ),
        (
            "/q/K7Q2",
            &[
                ("accept-language", "vi"),
                ("accept-encoding", "gzip, deflate, br"),
            ],
        ),
        (
            "/q/K7Q2",
            &[
                ("accept-language", "vi"),
                ("accept-encoding", "br;q=0, gzip;q=0.5"),
            ],
        ),
        (
            "/q/K7Q2",
            &[("accept-language", "vi"), ("accept-encoding", "deflate")],
        ),
        (
            "/q/K7Q2",
            &[("accept-language", "vi"), ("accept-encoding", "identity")],
        ),
        (
            "/q/K7Q2",
            &[("accept-language", "vi"), ("x-request-id", "abc-123")],
        ),
    ];
    for (uri, headers) in REPEAT_VISITS.iter().chain(extras) {
        // The router makes the answer; then both paths answer again.
        let first = get(&app, uri, headers).await;
        assert_eq!(first.status, 200, "{uri} {headers:?}");
        for method in ["GET", "HEAD"] {
            let routed = common::send(&app, request(method, uri, headers)).await;
            let fast = ready(&state, method, uri, headers)
                .await
                .unwrap_or_else(|| panic!("{method} {uri} {headers:?} was not answered ready"));
            assert_eq!(fast.status, routed.status, "{method} {uri} {headers:?}");
            assert_eq!(
                comparable(&fast),
                comparable(&routed),
                "{method} {uri} {headers:?}"
            );
            // hyper sends no body for HEAD on the wire (axum drops it in-process).
            if method == "GET" {
                assert_eq!(fast.body, routed.body, "{method} {uri} {headers:?}");
            }
            assert!(!fast.header("x-request-id").is_empty(), "{uri}");
        }
    }
    // The client's own request id comes back, as through the router.
    let with_id = ready(
        &state,
        "GET",
        "/q/K7Q2",
        &[("accept-language", "vi"), ("x-request-id", "abc-123")],
    )
    .await
    .unwrap();
    assert_eq!(with_id.header("x-request-id"), "abc-123");
    // A revisit with the page's ETag is a 304 on both paths.
    let page = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await;
    let etag = page.header("etag");
    let headers = [("accept-language", "vi"), ("if-none-match", etag.as_str())];
    let routed = get(&app, "/q/K7Q2", &headers).await;
    let fast = ready(&state, "GET", "/q/K7Q2", &headers).await.unwrap();
    assert_eq!((fast.status.as_u16(), routed.status.as_u16()), (304, 304));
    assert_eq!(comparable(&fast), comparable(&routed));
}

#[tokio::test]
async fn what_the_router_must_decide_is_left_to_it() {
    let (state, app) = state().await;
    get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await;
    let vi = [("accept-language", "vi")];
    assert!(ready(&state, "GET", "/q/K7Q2", &vi).await.is_some());
    // Inputs never seen, other methods, other paths, escapes, staff.
    assert!(
        ready(&state, "GET", "/q/K7Q2", &[("accept-language", "ko")])
            .await
            .is_none()
    );
    assert!(ready(&state, "POST", "/q/K7Q2", &vi).await.is_none());
    assert!(ready(&state, "GET", "/q/K7Q2/x", &vi).await.is_none());
    assert!(ready(&state, "GET", "/q/K7%51%32", &vi).await.is_none());
    assert!(ready(&state, "GET", "/api/v1/procedures", &vi).await.is_none());
    let staff = [("accept-language", "vi"), ("cookie", "madoguchi_session=x")];
    assert!(ready(&state, "GET", "/q/K7Q2", &staff).await.is_none());
    // A coding not made yet: the ready path never compresses (the router's
    // path does, on the compressing thread, without holding a worker).
    let vi_br = [("accept-language", "vi"), ("accept-encoding", "br")];
    assert!(ready(&state, "GET", "/q/K7Q2", &vi_br).await.is_none());
    // A revisit that gets a 304 needs no coding: answered ready.
    let etag = get(&app, "/q/K7Q2", &vi).await.header("etag");
    let revisit = [
        ("accept-language", "vi"),
        ("accept-encoding", "br"),
        ("if-none-match", etag.as_str()),
    ];
    let fast = ready(&state, "GET", "/q/K7Q2", &revisit)
        .await
        .expect("a 304 needs no body");
    assert_eq!(fast.status, 304);
    let routed = get(&app, "/q/K7Q2", &vi_br).await;
    let fast = ready(&state, "GET", "/q/K7Q2", &vi_br).await.expect("made now");
    assert_eq!(
        (fast.header("content-encoding"), fast.body),
        ("br".to_owned(), routed.body)
    );
    // A write through this server: the next request must read what
    // changed, which only the router's path does.
    state.note_write();
    assert!(ready(&state, "GET", "/q/K7Q2", &vi).await.is_none());
    get(&app, "/q/K7Q2", &vi).await;
    assert!(ready(&state, "GET", "/q/K7Q2", &vi).await.is_some());
}

#[tokio::test]
async fn the_periodic_check_is_never_skipped() {
    let (state, app) = state().await;
    let vi = [("accept-language", "vi")];
    get(&app, "/q/K7Q2", &vi).await;
    assert!(ready(&state, "GET", "/q/K7Q2", &vi).await.is_some());
    tokio::time::sleep(madoguchi::web::CHECK_EVERY + std::time::Duration::from_millis(100)).await;
    assert!(
        ready(&state, "GET", "/q/K7Q2", &vi).await.is_none(),
        "a check is due: the router's path makes it"
    );
}

#[tokio::test]
async fn a_ready_answer_counts_the_scan_and_the_request() {
    let (state, app) = state().await;
    let vi = [("accept-language", "vi")];
    get(&app, "/q/K7Q2?source=poster", &vi).await;
    let before = state.scans().pending();
    ready(&state, "GET", "/q/K7Q2?source=poster", &vi).await.unwrap();
    ready(&state, "HEAD", "/q/K7Q2?source=poster", &vi).await.unwrap();
    assert_eq!(state.scans().pending(), before + 1, "GET counts, HEAD does not");
    let metrics = madoguchi::telemetry::render().await;
    assert!(
        metrics
            .lines()
            .any(|l| l.starts_with("madoguchi_http_requests_total")
                && l.contains("route=\"/q/{code}\"")
                && l.contains("method=\"HEAD\"")
                && l.contains("status=\"200\"")),
        "{metrics}"
    );
}
