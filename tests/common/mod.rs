//! Shared helpers: every test builds its own app on its own database.
#![allow(dead_code)]

pub mod binary;
pub mod browser;
pub mod faults;
pub mod ready;
pub mod speech;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

use madoguchi::domain::BaseUrl;
use madoguchi::i18n::Locales;
use madoguchi::store::Store;
use madoguchi::{AppState, app, samples, transfer};

pub mod staff;

pub const BASE: &str = "http://madoguchi.test";

/// An app on a fresh in-memory database holding the bundled samples and
/// any extra procedures given as import JSON.
pub async fn app_with(extra: Option<&str>) -> (Router, Store) {
    let store = Store::in_memory().await.expect("in-memory store");
    samples::load_if_empty(&store).await.expect("samples load");
    if let Some(json) = extra {
        let file = transfer::parse(json, "2026-01-01T00:00:00Z").expect("fixture parses");
        store
            .import(&file, &madoguchi::domain::Actor::system("test"))
            .await
            .expect("fixture saves");
    }
    let (locales, problems) = Locales::embedded();
    assert!(problems.is_empty(), "{problems:?}");
    let state = AppState::new(store.clone(), locales, BaseUrl::parse(BASE).unwrap());
    (app(state), store)
}

pub async fn sample_app() -> Router {
    app_with(None).await.0
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("utf-8 body")
    }

    pub fn header(&self, name: &str) -> String {
        self.headers
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    }

    /// The `lang` attribute of the `<html>` element.
    pub fn html_lang(&self) -> String {
        let text = self.text();
        let start = text.find("<html lang=\"").expect("an <html lang>") + 12;
        text[start..].split('"').next().unwrap().to_owned()
    }
}

pub async fn get(app: &Router, uri: &str, headers: &[(&str, &str)]) -> Reply {
    let mut request = Request::get(uri);
    for (k, v) in headers {
        request = request.header(*k, *v);
    }
    send(app, request.body(Body::empty()).unwrap()).await
}

pub async fn send(app: &Router, request: Request<Body>) -> Reply {
    let response = app.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

/// A JSON import file holding the given procedure objects.
pub fn import_file(procedures: &[String]) -> String {
    format!(
        r#"{{"format":"madoguchi-procedures","version":1,"procedures":[{}]}}"#,
        procedures.join(",")
    )
}

/// One procedure object with a text per (language, title).
pub fn procedure(code: &str, status: &str, texts: &[(&str, &str)]) -> String {
    let texts: Vec<String> = texts
        .iter()
        .map(|(lang, title)| {
            format!(
                r#""{lang}":{{"revision":1,"title":"{title}","summary":"Summary of {title}","bring":["Residence card"],"steps":["Go to the counter"],"office":"Chuo Ward Office","floor":"1F","counter":"Counter 3","hours":"8:30-17:15","fee":"Free","contact":"096-000-0000","notes":""}}"#
            )
        })
        .collect();
    format!(
        r#"{{"code":"{code}","status":"{status}","category":"test","revision":1,"texts":{{{}}}}}"#,
        texts.join(",")
    )
}
