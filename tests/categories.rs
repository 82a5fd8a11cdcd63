//! Categories (issue 12, item 2): staff manage a translatable list, the
//! procedure form chooses from it, the public index groups by it in the
//! reader's language and searches without JavaScript; the API refuses
//! unknown keys.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::staff::{Client, PASSWORD, add_user, enc, procedure_form};
use common::{app_with, get, import_file, procedure, send};
use madoguchi::domain::{Code, Role};
use serde_json::{Value, json};

/// Two published procedures: a dog's registration (ja, vi) and a bicycle
/// parking permit (ja, vi) in `parking`, a key the import creates.
fn fixture() -> String {
    import_file(&[
        procedure(
            "W7PX",
            "published",
            &[("ja", "犬の登録"), ("vi", "Đăng ký nuôi chó")],
        ),
        procedure(
            "Z9BK",
            "published",
            &[("ja", "駐輪場の申込"), ("vi", "Đăng ký bãi đỗ xe đạp")],
        )
        .replace(r#""category":"test""#, r#""category":"parking""#),
    ])
}

#[tokio::test]
async fn staff_manage_categories_and_the_index_groups_and_searches() {
    let (app, store) = app_with(Some(&fixture())).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    add_user(&store, "tr", Role::Translator, &["vi"], false).await;

    // An import's unknown key became a category named by its key.
    let parking = store
        .category("parking")
        .await
        .unwrap()
        .expect("created by the import");
    assert_eq!(parking.name_ja(), "parking");

    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    let list = c.get("/admin/categories").await;
    assert_eq!(list.status, 200);
    assert!(list.text().contains("子育て"), "sample names listed");
    assert!(
        c.get("/admin")
            .await
            .text()
            .contains(r#"href="/admin/categories""#)
    );

    // Creating needs a Japanese name; a bad key is refused.
    let r = c
        .submit("/admin/categories", "/admin/categories", "name-ja=&slug=pets")
        .await;
    assert_eq!(r.status, 422);
    assert!(r.text().contains("日本語の名前を入力してください"));
    let r = c
        .submit(
            "/admin/categories",
            "/admin/categories",
            &format!("name-ja={}&slug={}", enc("ペット"), enc("ペット")),
        )
        .await;
    assert_eq!(r.status, 422);
    let r = c
        .submit(
            "/admin/categories",
            "/admin/categories",
            &format!("name-ja={}&slug=Pets", enc("ペット")),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(r.header("location"), "/admin/categories/pets?saved=1");
    let r = c
        .submit(
            "/admin/categories",
            "/admin/categories",
            &format!("name-ja={}&slug=pets", enc("ペット2")),
        )
        .await;
    assert_eq!(r.status, 422, "a key is used once");

    // Names per language: the edit page offers every loaded locale.
    let page = c.get("/admin/categories/pets").await.text();
    assert!(page.contains(r#"name="name-vi""#) && page.contains(r#"name="name-zh-Hant""#));
    assert!(page.contains("ベトナム語"), "languages by name");
    let r = c
        .submit(
            "/admin/categories/pets",
            "/admin/categories/pets",
            &format!("name-ja={}&name-vi={}", enc("ペット"), enc("Thú cưng")),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let r = c
        .submit(
            "/admin/categories/parking",
            "/admin/categories/parking",
            &format!("name-ja={}&name-en={}", enc("駐輪場"), enc("Bicycle parking")),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let r = c
        .submit(
            "/admin/categories/parking",
            "/admin/categories/parking",
            &format!("name-en={}", enc("Bicycle parking")),
        )
        .await;
    assert_eq!(r.status, 422, "the Japanese name stays required");
    let pets = store.category("pets").await.unwrap().unwrap();
    assert_eq!(pets.name("vi"), Some("Thú cưng"));

    // The procedure form chooses from the list; an unknown key is refused.
    let form = c.get("/admin/procedures/W7PX").await.text();
    assert!(
        form.contains(r#"<option value="pets">ペット (pets)</option>"#),
        "{form}"
    );
    let p = store
        .procedure(&Code::parse("W7PX").unwrap())
        .await
        .unwrap()
        .unwrap();
    let base = p.japanese().unwrap().version;
    let r = c
        .submit(
            "/admin/procedures/W7PX",
            "/admin/procedures/W7PX",
            &format!(
                "base_version={base}&{}",
                procedure_form("犬の登録", "category=nope")
            ),
        )
        .await;
    assert_eq!(r.status, 422);
    let r = c
        .submit(
            "/admin/procedures/W7PX",
            "/admin/procedures/W7PX",
            &format!(
                "base_version={base}&{}",
                procedure_form("犬の登録", "category=pets")
            ),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let p = store
        .procedure(&Code::parse("W7PX").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(p.category, "pets");
    // The staff list shows the name, and filters by it.
    let list = c.get("/admin?category=pets").await.text();
    assert!(list.contains("W7PX") && !list.contains("Z9BK"));
    assert!(list.contains(r#"<td lang="ja">ペット</td>"#));

    // The Vietnamese index: procedures under the Vietnamese name; the
    // English-only category under its English name, marked as English.
    let index = get(&app, "/?lang=vi", &[]).await;
    assert_eq!(index.status, 200);
    let html = index.text();
    let pets_at = html.find("<h2>Thú cưng</h2>").expect(&html);
    let dog_at = html.find("Đăng ký nuôi chó").unwrap();
    assert!(pets_at < dog_at);
    assert!(html.contains(r#"<h2 lang="en">Bicycle parking</h2>"#), "{html}");
    assert!(
        html.contains("<h2>Nhà ở và chuyển nhà</h2>"),
        "sample names in Vietnamese"
    );
    assert!(html.contains(r#"<label for="q">"#));
    let ja = get(&app, "/?lang=ja", &[]).await.text();
    assert!(
        ja.contains("<h2>ペット</h2>") && ja.contains("<h2>駐輪場</h2>"),
        "{ja}"
    );

    // Search: a Vietnamese title in any case, a code, or nothing.
    let found = get(&app, &format!("/?lang=vi&q={}", enc("ĐĂNG KÝ NUÔI")), &[])
        .await
        .text();
    assert!(found.contains("/q/W7PX") && !found.contains("/q/Z9BK"), "{found}");
    let found = get(&app, &format!("/?lang=vi&q={}", enc("犬の")), &[])
        .await
        .text();
    assert!(found.contains("/q/W7PX"), "any of the procedure's languages");
    let found = get(&app, "/?lang=vi&q=z9bk", &[]).await.text();
    assert!(found.contains("/q/Z9BK") && !found.contains("/q/W7PX"));
    let none = get(&app, "/?lang=vi&q=zzzqqq", &[]).await.text();
    assert!(none.contains("Không có thủ tục nào khớp"), "{none}");
    assert!(!none.contains("/q/"));

    // Translators do not manage categories.
    let mut t = Client::new(&app);
    t.sign_in("tr", PASSWORD).await;
    assert_eq!(t.get("/admin/categories").await.status, 403);
    assert_eq!(t.get("/admin/categories/pets").await.status, 403);
    assert!(
        !t.get("/admin/translations")
            .await
            .text()
            .contains(r#"href="/admin/categories""#)
    );

    // The audit log has the entries, in words.
    let entries = store.audit(None, None, 100).await.unwrap();
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.action.as_str(), e.entity.as_str()))
        .collect();
    assert!(
        actions.contains(&("category.create", "category:pets")),
        "{actions:?}"
    );
    assert!(actions.contains(&("category.update", "category:pets")));
    assert!(actions.contains(&("category.update", "category:parking")));
    let mut a = Client::new(&app);
    a.sign_in("admin", PASSWORD).await;
    let log = a.get("/admin/audit").await.text();
    assert!(
        log.contains("分類 pets を作成") && log.contains("分類 parking の名前を変更"),
        "{log}"
    );
    assert!(
        log.contains("分類の名前 (vi)") && log.contains("Thú cưng"),
        "each name a field"
    );
}

#[tokio::test]
async fn the_api_refuses_an_unknown_category() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let r = c
        .submit("/admin/tokens", "/admin/tokens", "name=cms&role=editor&langs=")
        .await;
    let page = r.text();
    let at = page.find("<code>").expect("the secret") + 6;
    let token = page[at..].split('<').next().unwrap().to_owned();
    let post = |category: &str| {
        let body = json!({ "category": category, "ja": { "title": "犬", "summary": "概要", "bring": ["在留カード"], "steps": ["窓口へ"], "office": "区役所" } });
        Request::post("/api/v1/procedures")
            .header("authorization", format!("Bearer {token}"))
            .header("content-type", "application/json")
            .body(Body::from(body.to_string()))
            .unwrap()
    };
    let r = send(&app, post("nope")).await;
    assert_eq!(r.status, 422);
    let v: Value = serde_json::from_slice(&r.body).unwrap();
    assert!(v.to_string().contains(r#""field":"category""#), "{v}");
    assert_eq!(send(&app, post("children")).await.status, 201);
}
