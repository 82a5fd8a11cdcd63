//! A cookie-keeping client for the staff pages, driven in-process.
#![allow(dead_code)]

use std::collections::HashMap;

use axum::Router;
use axum::body::Body;
use axum::http::Request;

use super::{Reply, send};
use madoguchi::domain::{Actor, LangTag, Role};
use madoguchi::store::Store;

pub const PASSWORD: &str = "a long test password";

/// Creates a user with the test password.
pub async fn add_user(store: &Store, name: &str, role: Role, langs: &[&str], must_change: bool) {
    let hash = madoguchi::auth::hash_password(PASSWORD).unwrap();
    let langs: Vec<LangTag> = langs.iter().map(|l| LangTag::parse(l).unwrap()).collect();
    store
        .create_user(name, &hash, role, &langs, must_change, &Actor::system("test"))
        .await
        .unwrap()
        .expect("new user");
}

pub struct Client {
    pub app: Router,
    cookies: HashMap<String, String>,
}

/// The value of `name="csrf"` in a page's first form that has one.
pub fn csrf_of(html: &str) -> String {
    let at = html
        .find(r#"name="csrf" value=""#)
        .expect("a form with a CSRF token");
    html[at + 19..].split('"').next().unwrap().to_owned()
}

pub fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

impl Client {
    pub fn new(app: &Router) -> Client {
        Client {
            app: app.clone(),
            cookies: HashMap::new(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    async fn run(&mut self, request: axum::http::request::Builder, body: Body) -> Reply {
        let request = request.header("cookie", self.cookie_header()).body(body).unwrap();
        let reply = send(&self.app, request).await;
        for v in reply.headers.get_all("set-cookie") {
            let c = cookie::Cookie::parse(v.to_str().unwrap().to_owned()).unwrap();
            if c.max_age().is_some_and(|a| a.is_zero()) || c.value().is_empty() {
                self.cookies.remove(c.name());
            } else {
                self.cookies.insert(c.name().to_owned(), c.value().to_owned());
            }
        }
        reply
    }

    pub async fn get(&mut self, uri: &str) -> Reply {
        self.run(Request::get(uri), Body::empty()).await
    }

    /// Posts a form body as given (already URL-encoded).
    pub async fn post(&mut self, uri: &str, form: &str) -> Reply {
        let req = Request::post(uri).header("content-type", "application/x-www-form-urlencoded");
        self.run(req, Body::from(form.to_owned())).await
    }

    /// Posts a body of any type (a multipart upload, for instance).
    pub async fn post_bytes(&mut self, uri: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let req = Request::post(uri).header("content-type", content_type);
        self.run(req, Body::from(body)).await
    }

    /// Fetches `page` for its CSRF token, then posts `form` plus the token to `action`.
    pub async fn submit(&mut self, page: &str, action: &str, form: &str) -> Reply {
        let html = self.get(page).await.text();
        let csrf = csrf_of(&html);
        self.post(action, &format!("csrf={}&{form}", enc(&csrf))).await
    }

    pub async fn sign_in(&mut self, name: &str, password: &str) -> Reply {
        let page = self.get("/admin/login").await.text();
        let csrf = csrf_of(&page);
        self.post(
            "/admin/login",
            &format!(
                "csrf={}&name={}&password={}&next=%2Fadmin",
                enc(&csrf),
                enc(name),
                enc(password)
            ),
        )
        .await
    }

    pub fn forget_cookies(&mut self) {
        self.cookies.clear();
    }

    pub fn has_session(&self) -> bool {
        self.cookies.contains_key("madoguchi_session")
    }
}

/// A minimal procedure form body; `extra` (`&name=value…`) comes first, so
/// it overrides the defaults (the first value of a field counts).
pub fn procedure_form(title: &str, extra: &str) -> String {
    let base = format!(
        "category=residence&title={}&summary={}&bring={}&bring={}&bring=&steps={}&office={}&hours={}&fee={}&contact=&floor=&counter=&notes={}",
        enc(title),
        enc("概要の文。"),
        enc("在留カード"),
        enc("パスポート"),
        enc("窓口で届け出ます。"),
        enc("中央区役所 区民課"),
        enc("平日 8:30〜17:15"),
        enc("無料"),
        enc(""),
    );
    format!("{}&{base}", extra.trim_start_matches('&'))
}
