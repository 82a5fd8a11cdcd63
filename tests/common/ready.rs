//! Helpers for the ready-answer path (`web::ready_answer`) and the page
//! cache behind it.

use axum::body::Body;
use axum::http::Request;
use http_body_util::BodyExt;

use super::{BASE, Reply};
use madoguchi::AppState;

/// Repeat-visit inputs a phone sends: languages by header, cookie and
/// `?lang=`, a fallback text, a poster source, a lower-case code.
pub const REPEAT_VISITS: &[(&str, &[(&str, &str)])] = &[
    ("/q/K7Q2", &[("accept-language", "vi-VN,vi;q=0.9,en;q=0.5")]),
    ("/q/K7Q2", &[("accept-language", "zh-TW")]),
    ("/q/K7Q2", &[]),
    ("/Q/K7Q2?source=poster", &[("accept-language", "ne-NP")]),
    // Texts only in ja/en/vi: a Nepali page with English text.
    ("/q/T6ZX", &[("accept-language", "ne")]),
    // ?lang= sets the cookie; the cookie chooses next time.
    ("/q/K7Q2?lang=ko", &[("accept-language", "en")]),
    ("/q/K7Q2", &[("cookie", "lang=fil"), ("accept-language", "en")]),
    ("/q/k7q2", &[("accept-language", "ja")]),
];

/// A state on a fresh in-memory database with the samples, and its app.
pub async fn sample_state() -> (AppState, axum::Router) {
    sample_state_with(|state| state).await
}

/// As [`sample_state`], the state configured first (`with_…` calls need
/// it not yet shared with the app).
pub async fn sample_state_with(configure: impl FnOnce(AppState) -> AppState) -> (AppState, axum::Router) {
    let store = madoguchi::store::scratch::store().await;
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    let (locales, _) = madoguchi::i18n::Locales::embedded();
    let base = madoguchi::domain::BaseUrl::parse(BASE).unwrap();
    let state = configure(AppState::new(store, locales, base));
    (state.clone(), madoguchi::app(state))
}

pub fn request(method: &str, uri: &str, headers: &[(&str, &str)]) -> Request<Body> {
    let mut r = Request::builder().method(method).uri(uri);
    for (k, v) in headers {
        r = r.header(*k, *v);
    }
    r.body(Body::empty()).unwrap()
}

/// The ready path's answer, or `None` when it leaves the request to the router.
pub async fn ready(state: &AppState, method: &str, uri: &str, headers: &[(&str, &str)]) -> Option<Reply> {
    let response = madoguchi::web::ready_answer(state, &request(method, uri, headers))?;
    let (parts, body) = response.into_parts();
    Some(Reply {
        status: parts.status,
        headers: parts.headers,
        body: body.collect().await.unwrap().to_bytes().to_vec(),
    })
}
