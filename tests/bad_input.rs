//! Hostile and malformed requests get a page or a clean 4xx, never a 500.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::{get, sample_app, send};

#[tokio::test]
async fn odd_paths_and_codes() {
    let app = sample_app().await;
    let cases = [
        "/q/..",
        "/q/..%2F..%2Fetc%2Fpasswd",
        "/q/%2e%2e",
        "/q/%FF%FE",
        "/q/%00",
        "/q/K7Q2%00",
        "/q/%E8%BB%A2%E5%85%A5",
        "/q/%3Cscript%3E",
        "/q/'%20OR%201=1--",
        "/q/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "/../../etc/passwd",
        "/qr/K7Q2.gif",
        "/qr/..png",
        "/qr/%FF.svg",
        "/qr/ZZZZ.png",
        "/q/K7Q2/extra",
        "/nothing-here",
    ];
    for path in cases {
        let r = get(&app, path, &[("accept-language", "en")]).await;
        assert!(r.status.is_client_error(), "{path}: {}", r.status);
        assert!(
            r.header("content-type").starts_with("text/html"),
            "{path}: an error page"
        );
        assert!(!r.text().contains("<script>"), "{path}: escaped");
    }
    // Odd query strings on a good code still give the page.
    for path in [
        "/q/K7Q2?lang=%FF%FE&lang=en",
        "/q/K7Q2?%%%",
        "/q/K7Q2?lang",
        "/q/K7Q2?lang=en&lang=ko",
    ] {
        let r = get(&app, path, &[]).await;
        assert_eq!(r.status, 200, "{path}");
    }
}

#[tokio::test]
async fn malformed_and_huge_accept_language() {
    let app = sample_app().await;
    let huge = "vi;q=0.9,".repeat(5_000);
    let bad_bytes = Request::get("/q/K7Q2")
        .header(
            "accept-language",
            axum::http::HeaderValue::from_bytes(b"\xff\xfe;q=1").unwrap(),
        )
        .body(Body::empty())
        .unwrap();
    let r = send(&app, bad_bytes).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.html_lang(), "en");
    for header in [
        huge.as_str(),
        "q=1;en",
        ";;;;",
        "en;q=1e999",
        "en;q=-1,vi",
        "zh-Hant-TW-x-private-very-long-tag",
    ] {
        let r = get(&app, "/q/K7Q2", &[("accept-language", header)]).await;
        assert_eq!(r.status, 200, "{header:.40}");
    }
}

#[tokio::test]
async fn wrong_methods_get_a_page_not_a_crash() {
    let app = sample_app().await;
    let r = send(&app, Request::post("/q/K7Q2").body(Body::from("x")).unwrap()).await;
    assert_eq!(r.status, 405);
    assert!(r.header("content-type").starts_with("text/html"));
    assert!(r.header("allow").contains("GET"));
}

#[tokio::test]
async fn error_pages_speak_the_visitors_language() {
    let app = sample_app().await;
    let r = get(&app, "/nothing-here", &[("accept-language", "vi")]).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.html_lang(), "vi");
    let r = get(&app, "/q/%FF%FE", &[("accept-language", "ko")]).await;
    assert!(r.status.is_client_error());
    assert_eq!(r.html_lang(), "ko");
}
