//! Issue 13: the findings of a hostile review, one regression test (or a
//! few) each. Every test runs on its own database, in process unless it
//! needs real connections (then the real binary, on 127.0.0.1 only).

mod common;

use std::net::SocketAddr;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use common::staff::{Client, PASSWORD, add_user, csrf_of, enc};
use common::{Reply, app_with, send};
use madoguchi::domain::{Actor, LangTag, Role};
use serde_json::{Value, json};

fn location(r: &Reply) -> String {
    r.header("location")
}

/// Creates a token through the admin page, as an admin would.
async fn token(c: &mut Client, name: &str, role: &str, langs: &str) -> String {
    let r = c
        .submit(
            "/admin/tokens",
            "/admin/tokens",
            &format!("name={}&role={role}&langs={}", enc(name), enc(langs)),
        )
        .await;
    assert_eq!(r.status, 200);
    let page = r.text();
    let at = page.find("<code>").expect("the secret, shown once") + 6;
    page[at..].split('<').next().unwrap().to_owned()
}

async fn api(app: &Router, method: &str, uri: &str, token: &str, body: Option<Value>) -> u16 {
    let mut req = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"));
    let body = match body {
        Some(v) => {
            req = req.header("content-type", "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    send(app, req.body(body).unwrap()).await.status.as_u16()
}

fn new_procedure(title: &str) -> Value {
    json!({ "category": "residence", "ja": {
        "title": title, "summary": "概要", "bring": ["在留カード"], "steps": ["窓口へ"], "office": "区役所" } })
}

// ---- Finding 2: API tokens outlive their creator ----

#[tokio::test]
async fn tokens_of_a_disabled_user_stop_at_once() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    add_user(&store, "other", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    let secret = token(&mut c, "cms", "admin", "").await;
    let uri = "/api/v1/procedures";
    assert_eq!(api(&app, "POST", uri, &secret, Some(new_procedure("一"))).await, 201);

    let boss = store.users().await.unwrap().into_iter().find(|u| u.name.as_str() == "boss").unwrap();
    store
        .update_user(&boss, Role::Admin, &[], true, &Actor::system("test"))
        .await
        .unwrap();
    assert_eq!(api(&app, "GET", uri, &secret, None).await, 401);
    assert_eq!(api(&app, "POST", uri, &secret, Some(new_procedure("二"))).await, 401);
}

#[tokio::test]
async fn tokens_carry_their_creators_current_role() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    let secret = token(&mut c, "cms", "editor", "").await;
    let uri = "/api/v1/procedures";
    assert_eq!(api(&app, "POST", uri, &secret, Some(new_procedure("一"))).await, 201);

    // The creator becomes a Vietnamese translator: so does the token.
    let boss = store.users().await.unwrap().into_iter().find(|u| u.name.as_str() == "boss").unwrap();
    let vi = LangTag::parse("vi").unwrap();
    store
        .update_user(&boss, Role::Translator, &[vi], false, &Actor::system("test"))
        .await
        .unwrap();
    assert_eq!(api(&app, "POST", uri, &secret, Some(new_procedure("二"))).await, 403);
    // Reading stays (translators read too); restored, the token works again.
    assert_eq!(api(&app, "GET", uri, &secret, None).await, 200);
    store
        .update_user(&boss, Role::Admin, &[], false, &Actor::system("test"))
        .await
        .unwrap();
    assert_eq!(api(&app, "POST", uri, &secret, Some(new_procedure("三"))).await, 201);
}
