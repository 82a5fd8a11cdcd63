//! The JSON API: tokens from the staff pages, the same validation, audit
//! and conflict rules, and a stable error shape.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::staff::{Client, PASSWORD, add_user, enc};
use common::{Reply, app_with, send};
use madoguchi::domain::Role;
use serde_json::{Value, json};

async fn call(app: &axum::Router, method: &str, uri: &str, token: &str, body: Option<Value>) -> (u16, Value) {
    let mut req = Request::builder().method(method).uri(uri);
    if !token.is_empty() {
        req = req.header("authorization", format!("Bearer {token}"));
    }
    let body = match body {
        Some(v) => {
            req = req.header("content-type", "application/json");
            Body::from(v.to_string())
        }
        None => Body::empty(),
    };
    let r: Reply = send(app, req.body(body).unwrap()).await;
    assert!(
        r.header("content-type").starts_with("application/json"),
        "{uri}: JSON, got {}",
        r.header("content-type")
    );
    (r.status.as_u16(), serde_json::from_slice(&r.body).unwrap())
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

fn ja(title: &str) -> Value {
    json!({ "title": title, "summary": "概要", "bring": ["在留カード"], "steps": ["窓口へ"], "office": "区役所" })
}

#[tokio::test]
async fn tokens_create_update_conflict_and_audit() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let editor = token(&mut c, "city-cms", "editor", "").await;
    assert!(editor.starts_with("mdg_"));
    assert!(
        !c.get("/admin/tokens").await.text().contains(&editor),
        "shown only once"
    );

    let (status, body) = call(&app, "GET", "/api/v1/procedures", "", None).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("unauthorized"))
    );

    let (status, created) = call(
        &app,
        "POST",
        "/api/v1/procedures",
        &editor,
        Some(json!({ "category": "living", "ja": ja("犬の登録") })),
    )
    .await;
    assert_eq!(status, 201, "{created}");
    let code = created["code"].as_str().unwrap().to_owned();
    assert_eq!(created["status"], "draft");
    assert_eq!(created["texts"]["ja"]["fields"]["title"], "犬の登録");

    // A translation, then a stale edit of it: 409, nothing overwritten.
    let vi = json!({ "fields": { "title": "Đăng ký chó", "bring": ["Thẻ lưu trú"] } });
    let (status, p) = call(
        &app,
        "PUT",
        &format!("/api/v1/procedures/{code}/texts/vi"),
        &editor,
        Some(vi),
    )
    .await;
    assert_eq!(status, 200, "{p}");
    let version = p["texts"]["vi"]["version"].as_i64().unwrap();
    let update = |title: &str, base: i64| json!({ "fields": { "title": title }, "base_version": base });
    let (status, _) = call(
        &app,
        "PUT",
        &format!("/api/v1/procedures/{code}/texts/vi"),
        &editor,
        Some(update("A", version)),
    )
    .await;
    assert_eq!(status, 200);
    let (status, body) = call(
        &app,
        "PUT",
        &format!("/api/v1/procedures/{code}/texts/vi"),
        &editor,
        Some(update("B", version)),
    )
    .await;
    assert_eq!((status, body["error"]["code"].as_str()), (409, Some("conflict")));
    let (_, p) = call(&app, "GET", &format!("/api/v1/procedures/{code}"), &editor, None).await;
    assert_eq!(p["texts"]["vi"]["fields"]["title"], "A");

    // Publishing makes it public; the Japanese changing makes vi out of date.
    let (status, _) = call(
        &app,
        "POST",
        &format!("/api/v1/procedures/{code}/status"),
        &editor,
        Some(json!({ "status": "published" })),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        common::get(&app, &format!("/q/{code}"), &[("accept-language", "vi")])
            .await
            .status,
        200
    );
    let ja_version = p["texts"]["ja"]["version"].as_i64().unwrap();
    let (status, p) = call(
        &app,
        "PUT",
        &format!("/api/v1/procedures/{code}/texts/ja"),
        &editor,
        Some(json!({ "fields": ja("犬の登録（改）"), "base_version": ja_version })),
    )
    .await;
    assert_eq!(status, 200, "{p}");
    assert_eq!(p["revision"], 2);
    assert_eq!(p["texts"]["vi"]["out_of_date"], true);

    // Same audit as the staff pages, under the token's name.
    let entries = store.audit(Some(&code), None, 100).await.unwrap();
    assert!(entries.len() >= 5);
    assert!(entries.iter().all(|e| e.actor == "token:city-cms"), "{entries:?}");

    // Revoked tokens stop working.
    let id = store.tokens().await.unwrap()[0].id;
    let r = c
        .submit("/admin/tokens", &format!("/admin/tokens/{id}/revoke"), "")
        .await;
    assert_eq!(r.status, 303);
    let (status, _) = call(&app, "GET", "/api/v1/procedures", &editor, None).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn validation_errors_have_a_stable_shape() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let t = token(&mut c, "t", "editor", "").await;
    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/procedures",
        &t,
        Some(json!({ "category": "Bad Category", "ja": { "title": "", "steps": ["ok", " "], "fee": "x".repeat(501) } })),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(body["error"]["code"], "invalid");
    let fields: Vec<(String, String)> = body["error"]["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap().to_owned(),
                f["problem"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let want = [
        ("ja.title", "empty"),
        ("ja.fee", "too_long"),
        ("ja.steps[1]", "empty"),
        ("category", "invalid"),
    ];
    assert_eq!(fields, want.map(|(a, b)| (a.to_owned(), b.to_owned())));
    assert_eq!(store.procedure_count().await.unwrap(), 7, "nothing stored");

    let (status, body) = call(
        &app,
        "PATCH",
        "/api/v1/procedures/K7Q2",
        &t,
        Some(json!({ "code": "ZZZZ" })),
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["error"]["fields"][0],
        json!({ "field": "code", "problem": "immutable", "message": "cannot be changed" })
    );

    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/procedures",
        &t,
        Some(json!({ "category": "x", "ja": ja("x"), "extra": 1 })),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("bad_request"))
    );
    assert!(body["error"]["message"].as_str().unwrap().contains("extra"));

    let (status, _) = call(
        &app,
        "POST",
        "/api/v1/procedures/K7Q2/status",
        &t,
        Some(json!({ "status": "archived" })),
    )
    .await;
    assert_eq!(status, 422, "archiving needs a Japanese note");
    let (status, body) = call(&app, "GET", "/api/v1/procedures/ZZZZ", &t, None).await;
    assert_eq!((status, body["error"]["code"].as_str()), (404, Some("not_found")));
}

#[tokio::test]
async fn translator_tokens_are_limited_like_translators() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let t = token(&mut c, "vi-agency", "translator", "vi").await;
    let text = json!({ "fields": { "title": "x" } });
    let (status, _) = call(
        &app,
        "PUT",
        "/api/v1/procedures/T6ZX/texts/ko",
        &t,
        Some(text.clone()),
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = call(
        &app,
        "POST",
        "/api/v1/procedures",
        &t,
        Some(json!({ "category": "x", "ja": ja("x") })),
    )
    .await;
    assert_eq!((status, body["error"]["code"].as_str()), (403, Some("forbidden")));
    let (status, _) = call(
        &app,
        "POST",
        "/api/v1/procedures/T6ZX/status",
        &t,
        Some(json!({ "status": "draft" })),
    )
    .await;
    assert_eq!(status, 403);
    // Their own language, as a new translation, works.
    let (status, body) = call(&app, "GET", "/api/v1/procedures/T6ZX", &t, None).await;
    assert_eq!(status, 200);
    let base = body["texts"]["vi"]["version"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        "PUT",
        "/api/v1/procedures/T6ZX/texts/vi",
        &t,
        Some(json!({ "fields": { "title": "Thuế" }, "base_version": base })),
    )
    .await;
    assert_eq!(status, 200);
    // The archive note is translated like any other field (archiving, and
    // so the Japanese note, stays with editors); what the Japanese has and
    // this text leaves out is listed.
    let (_, body) = call(&app, "GET", "/api/v1/procedures/T6ZX", &t, None).await;
    let base = body["texts"]["vi"]["version"].as_i64().unwrap();
    assert_eq!(
        body["texts"]["vi"]["missing"],
        json!([
            "summary", "bring", "steps", "office", "floor", "counter", "hours", "fee", "contact", "notes"
        ])
    );
    assert_eq!(body["texts"]["ja"]["missing"], json!([]));
    let (status, body) = call(
        &app,
        "PUT",
        "/api/v1/procedures/T6ZX/texts/vi",
        &t,
        Some(json!({
            "fields": { "title": "Thuế", "ended_note": "Đã chuyển sang trang khác" },
            "base_version": base
        })),
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        body["texts"]["vi"]["fields"]["ended_note"],
        "Đã chuyển sang trang khác"
    );
}

#[tokio::test]
async fn the_openapi_document_describes_the_routes() {
    let (app, _) = app_with(None).await;
    let (status, doc) = call(&app, "GET", "/api/v1/openapi.json", "", None).await;
    assert_eq!(status, 200);
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/procedures",
        "/api/v1/procedures/{code}",
        "/api/v1/procedures/{code}/texts/{lang}",
        "/api/v1/procedures/{code}/status",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} documented");
    }
    assert!(doc["components"]["schemas"].get("TextFields").is_some());
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
}

#[tokio::test]
async fn the_description_is_cacheable() {
    let (app, _) = app_with(None).await;
    let r = common::get(&app, "/api/v1/openapi.json", &[]).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").starts_with("application/json"));
    assert_eq!(r.header("cache-control"), "public, max-age=300");
    let spec: Value = serde_json::from_slice(&r.body).unwrap();
    assert!(spec["paths"]["/api/v1/procedures"].is_object(), "{spec}");
}

/// The category keys staff have made are the document's `category` enum,
/// so a client (or Schemathesis) knows which the API accepts.
#[tokio::test]
async fn the_document_lists_the_categories_the_api_accepts() {
    let (app, _) = app_with(None).await;
    let (status, doc) = call(&app, "GET", "/api/v1/openapi.json", "", None).await;
    assert_eq!(status, 200);
    let create = &doc["components"]["schemas"]["CreateIn"]["properties"]["category"]["enum"];
    let keys: Vec<&str> = create
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(keys.contains(&"living") && keys.contains(&"tax"), "{keys:?}");
    let update = &doc["components"]["schemas"]["UpdateIn"]["properties"]["category"]["enum"];
    assert!(
        update.as_array().unwrap().contains(&serde_json::Value::Null),
        "optional: null allowed"
    );
}
