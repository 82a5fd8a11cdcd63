//! Shared helpers: every test builds its own app on its own database.
#![allow(dead_code)]

pub mod binary;
pub mod browser;
pub mod faults;
pub mod http;
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
    let store = madoguchi::store::scratch::store().await;
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

/// The `--db` of a test's database "file": the path itself, or, when the
/// suite runs on PostgreSQL (`MADOGUCHI_TEST_PG`), the URL of a schema of
/// its own that stands for that path (the same one each time it is named).
pub fn db_arg(path: &std::path::Path) -> String {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    if !madoguchi::store::scratch::suite_on_postgres() {
        return path.to_str().expect("a UTF-8 path").to_owned();
    }
    static SCHEMAS: OnceLock<Mutex<HashMap<std::path::PathBuf, String>>> = OnceLock::new();
    let mut schemas = SCHEMAS.get_or_init(Default::default).lock().unwrap();
    schemas
        .entry(path.to_owned())
        .or_insert_with(|| {
            madoguchi::store::scratch::schema_for_file().expect("MADOGUCHI_TEST_PG names a server")
        })
        .clone()
}

/// The store [`db_arg`] names for `path`, opened here (and created).
pub async fn open_db(path: &std::path::Path) -> Store {
    let db: madoguchi::store::Database = db_arg(path).parse().unwrap();
    Store::open_database(&db, &Default::default()).await.unwrap()
}

/// One number from the database, whichever it is (a query both read).
pub async fn scalar(store: &Store, sql: &'static str) -> i64 {
    match (store.sqlite(), store.postgres()) {
        (Some(pool), _) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        (_, Some(pool)) => sqlx::query_scalar(sql).fetch_one(pool).await.unwrap(),
        _ => unreachable!("a store is one or the other"),
    }
}

/// One text column's values, whichever database it is.
pub async fn strings(store: &Store, sql: &'static str) -> Vec<String> {
    strings_of(store, sql.to_owned()).await
}

/// As [`strings`], for a statement made by the test (from names the
/// database itself gave).
pub async fn strings_of(store: &Store, sql: String) -> Vec<String> {
    let sql = sqlx::AssertSqlSafe(sql);
    match (store.sqlite(), store.postgres()) {
        (Some(pool), _) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        (_, Some(pool)) => sqlx::query_scalar(sql).fetch_all(pool).await.unwrap(),
        _ => unreachable!("a store is one or the other"),
    }
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
