//! Tests of `session.rs` (kept apart: the file was past 400 lines).

use super::{posted_from_here, safe_next};
use axum::http::HeaderMap;

#[test]
fn sign_in_posts_from_other_sites_are_told_apart() {
    let base = "https://madoguchi.example/";
    fn h(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut m = HeaderMap::new();
        for (k, v) in pairs {
            m.insert(*k, v.parse().unwrap());
        }
        m
    }
    for ok in [
        h(&[]),
        h(&[("sec-fetch-site", "same-origin")]),
        h(&[("origin", "https://madoguchi.example")]),
        h(&[("origin", "http://10.0.0.5:8080"), ("host", "10.0.0.5:8080")]),
    ] {
        assert!(posted_from_here(&ok, base), "{ok:?}");
    }
    for bad in [
        h(&[("sec-fetch-site", "cross-site")]),
        h(&[
            ("sec-fetch-site", "same-site"),
            ("origin", "https://madoguchi.example"),
        ]),
        h(&[("origin", "https://evil.example")]),
        h(&[("origin", "http://madoguchi.example")]),
        h(&[("origin", "null")]),
        h(&[
            ("origin", "https://madoguchi.example.evil.example"),
            ("host", "madoguchi.example"),
        ]),
    ] {
        assert!(!posted_from_here(&bad, base), "{bad:?}");
    }
}

#[test]
fn only_staff_paths_are_followed_after_sign_in() {
    assert_eq!(safe_next("/admin/procedures/K7Q2"), "/admin/procedures/K7Q2");
    for bad in [
        "https://evil.example/",
        "//evil.example/admin",
        "/admin\\..\\x",
        "/admin\nSet-Cookie: x=1",
        "/admin\r",
        "/q/K7Q2",
        "",
    ] {
        assert_eq!(safe_next(bad), "/admin", "{bad:?}");
    }
}
