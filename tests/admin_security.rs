//! The staff interface's doors: sign-in, sessions, roles, CSRF, throttling and
//! hostile input, driven through real HTTP flows with a cookie-keeping client.

mod common;

use common::staff::{Client, PASSWORD, add_user, csrf_of, enc, procedure_form};
use common::{app_with, get};
use madoguchi::domain::{Code, Role};
use madoguchi::store::SESSION_IDLE;

fn location(r: &common::Reply) -> String {
    r.header("location")
}

#[tokio::test]
async fn first_sign_in_forces_a_password_change() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], true).await;
    let mut c = Client::new(&app);
    let r = c.sign_in("admin", PASSWORD).await;
    assert_eq!((r.status.as_u16(), location(&r)), (303, "/admin/password".into()));
    // Every other page sends them back until the password is changed.
    let r = c.get("/admin").await;
    assert_eq!(location(&r), "/admin/password");
    let r = c
        .submit(
            "/admin/password",
            "/admin/password",
            &format!("current={}&new=short&confirm=short", enc(PASSWORD)),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(
        r.text().contains("10 文字以上"),
        "the rule is explained in Japanese"
    );
    let new = "my own long password";
    let r = c
        .submit(
            "/admin/password",
            "/admin/password",
            &format!("current={}&new={}&confirm={}", enc(PASSWORD), enc(new), enc(new)),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("パスワードを変更しました"));
    let r = c.get("/admin").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.html_lang(), "ja", "Japanese by default");
    // The old password no longer works; the new one does.
    let mut other = Client::new(&app);
    assert_eq!(other.sign_in("admin", PASSWORD).await.status, 401);
    assert_eq!(location(&other.sign_in("admin", new).await), "/admin");
}

#[tokio::test]
async fn signed_out_visitors_are_sent_to_sign_in() {
    let (app, _) = app_with(None).await;
    let r = get(&app, "/admin/translations", &[]).await;
    assert_eq!(
        (r.status.as_u16(), location(&r)),
        (303, "/admin/login?next=%2Fadmin%2Ftranslations".into())
    );
    let mut c = Client::new(&app);
    let r = c.sign_in("nobody", "whatever password").await;
    assert_eq!(r.status, 401);
    assert!(r.text().contains("ユーザー名またはパスワードが正しくありません"));
}

#[tokio::test]
async fn translators_only_touch_their_languages() {
    let (app, store) = app_with(None).await;
    add_user(&store, "nepal", Role::Translator, &["ne"], false).await;
    let mut c = Client::new(&app);
    c.sign_in("nepal", PASSWORD).await;
    assert_eq!(c.get("/admin/procedures/K7Q2/texts/ne").await.status, 200);
    assert_eq!(c.get("/admin/procedures/K7Q2/texts/ko").await.status, 403);
    assert_eq!(c.get("/admin/procedures/new").await.status, 403);
    let page = c.get("/admin/procedures/K7Q2/texts/ne").await.text();
    let csrf = csrf_of(&page);
    let r = c
        .post(
            "/admin/procedures/K7Q2/texts/ko",
            &format!("csrf={}&title=x", enc(&csrf)),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = c
        .post("/admin/procedures/K7Q2/publish", &format!("csrf={}", enc(&csrf)))
        .await;
    assert_eq!(r.status, 403);
    let r = c
        .post(
            "/admin/procedures/K7Q2/archive",
            &format!("csrf={}&note_ja=x", enc(&csrf)),
        )
        .await;
    assert_eq!(r.status, 403);
    assert_eq!(c.get("/admin/users").await.status, 403);
    assert_eq!(c.get("/admin/audit").await.status, 403);
}

#[tokio::test]
async fn posts_without_the_csrf_token_are_refused_and_change_nothing() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    let before = store.procedure_count().await.unwrap();
    let r = c.post("/admin/procedures/new", &procedure_form("CSRF", "")).await;
    assert_eq!(r.status, 403);
    let r = c
        .post(
            "/admin/procedures/new",
            &format!("csrf=forged&{}", procedure_form("CSRF", "")),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = c.post("/admin/procedures/K7Q2/publish", "").await;
    assert_eq!(r.status, 403);
    assert_eq!(store.procedure_count().await.unwrap(), before);
    // Sign-in itself is protected too (no login-CSRF).
    let mut fresh = Client::new(&app);
    let r = fresh
        .post(
            "/admin/login",
            &format!("csrf=x&name=editor&password={}", enc(PASSWORD)),
        )
        .await;
    assert_eq!(r.status, 403);
    assert!(!fresh.has_session());
}

/// Every staff form goes through the CSRF-checking extractor: a forged
/// token is refused on each route, and the session survives (sign-out
/// forms are among them).

#[tokio::test]
async fn every_staff_form_refuses_a_forged_token() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    for route in [
        "/admin/logout",
        "/admin/logout-everywhere",
        "/admin/password",
        "/admin/procedures/new",
        "/admin/procedures/K7Q2",
        "/admin/procedures/K7Q2/publish",
        "/admin/procedures/K7Q2/archive",
        "/admin/procedures/K7Q2/texts/vi",
        "/admin/procedures/K7Q2/office",
        "/admin/procedures/K7Q2/stale-policy",
        "/admin/offices",
        "/admin/offices/1",
        "/admin/users",
        "/admin/users/1",
        "/admin/users/1/reset-password",
        "/admin/tokens",
        "/admin/tokens/1/revoke",
        "/admin/import",
    ] {
        let r = c.post(route, "csrf=forged&title=x&name=x").await;
        assert_eq!(r.status, 403, "{route}");
    }
    assert_eq!(c.get("/admin").await.status, 200, "still signed in");
}

#[tokio::test]
async fn sessions_expire_and_sign_out_everywhere_ends_them_all() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let (mut a, mut b) = (Client::new(&app), Client::new(&app));
    a.sign_in("editor", PASSWORD).await;
    b.sign_in("editor", PASSWORD).await;
    assert_eq!(a.get("/admin").await.status, 200);
    let r = a.submit("/admin", "/admin/logout-everywhere", "").await;
    assert_eq!(location(&r), "/admin/login");
    assert_eq!(
        b.get("/admin").await.status,
        303,
        "the other browser is signed out too"
    );

    a.sign_in("editor", PASSWORD).await;
    assert_eq!(a.get("/admin").await.status, 200);
    store.age_sessions(SESSION_IDLE + 1).await.unwrap();
    let r = a.get("/admin").await;
    assert_eq!(r.status, 303, "idle session expired");
    assert!(location(&r).starts_with("/admin/login"));
}

/// Guesses sent all at once must not slip under the throttle: each is
/// checked only after the ones before it were counted (a few at a time).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_guesses_are_throttled_like_sequential_ones() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..12 {
        let mut c = Client::new(&app);
        guesses.spawn(async move { c.sign_in("editor", &format!("wrong password {i}")).await.status });
    }
    let statuses = guesses.join_all().await;
    let checked = statuses.iter().filter(|s| s.as_u16() == 401).count();
    let slowed = statuses.iter().filter(|s| s.as_u16() == 429).count();
    assert_eq!(checked + slowed, 12, "{statuses:?}");
    // Five free failures, plus at most one more already being checked.
    assert!(checked <= 6, "{checked} guesses were checked: {statuses:?}");
}

/// A "name" no account can have (too long, spaces, a password typed in
/// the wrong field) is refused at once and never logged or counted.
#[tokio::test]
async fn impossible_user_names_are_refused_without_counting() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    for junk in ["x".repeat(5000), "my secret password".into(), "a\nb".into()] {
        let r = c.sign_in(&junk, "whatever").await;
        assert_eq!(r.status, 401);
        assert!(!r.text().contains(&junk), "the junk is not shown back");
    }
    // None of that slowed the real account down.
    assert_eq!(c.sign_in("editor", PASSWORD).await.status, 303);
}

#[tokio::test]
async fn repeated_failed_sign_ins_are_slowed_down_with_a_message() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    for _ in 0..5 {
        assert_eq!(c.sign_in("editor", "wrong password!").await.status, 401);
    }
    let r = c.sign_in("editor", PASSWORD).await;
    assert_eq!(r.status, 429, "even the right password waits");
    assert!(r.text().contains("秒待ってから"));
    assert!(!r.header("retry-after").is_empty());
}

#[tokio::test]
async fn script_typed_into_every_field_comes_back_escaped() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let evil = "<script>alert(1)</script>\"'&";
    let fields = [
        "title", "summary", "bring", "steps", "office", "floor", "counter", "hours", "fee", "contact",
        "notes",
    ];
    let form: String = fields.iter().map(|f| format!("&{f}={}", enc(evil))).collect();
    let r = c
        .submit(
            "/admin/procedures/new",
            "/admin/procedures/new",
            &format!("category=residence{form}"),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let at = location(&r);
    let code = at
        .trim_start_matches("/admin/procedures/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let stored = store
        .procedure(&Code::parse(&code).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.japanese().unwrap().fields.notes, evil, "stored as typed");
    c.submit(&at, &format!("/admin/procedures/{code}/publish"), "")
        .await;
    let r = c
        .submit(
            &format!("/admin/procedures/{code}/texts/vi"),
            &format!("/admin/procedures/{code}/texts/vi"),
            &form[1..],
        )
        .await;
    assert_eq!(r.status, 200);
    let pages = [
        get(&app, &format!("/q/{code}"), &[("accept-language", "ja")])
            .await
            .text(),
        get(&app, &format!("/q/{code}"), &[("accept-language", "vi")])
            .await
            .text(),
        get(&app, "/", &[("accept-language", "ja")]).await.text(),
        c.get(&at).await.text(),
        c.get(&format!("/admin/procedures/{code}/texts/vi")).await.text(),
        c.get("/admin").await.text(),
        c.get("/admin/translations").await.text(),
        c.get(&format!("/admin/audit?procedure={code}")).await.text(),
    ];
    for (i, page) in pages.iter().enumerate() {
        assert!(!page.contains("<script>"), "page {i} has a live script tag");
        assert!(
            page.contains("&#60;script&#62;") || page.contains("&lt;script&gt;"),
            "page {i} shows the text"
        );
    }
}

#[tokio::test]
async fn admins_manage_users() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let r = c
        .submit(
            "/admin/users",
            "/admin/users",
            "name=Suzuki&role=translator&langs=vi%2C+ne",
        )
        .await;
    assert_eq!(r.status, 200);
    let page = r.text();
    let at = page.find("<code>").unwrap() + 6;
    let one_time = page[at..].split('<').next().unwrap().to_owned();
    let mut s = Client::new(&app);
    assert_eq!(location(&s.sign_in("suzuki", &one_time).await), "/admin/password");
    // Disabling ends their sessions.
    let users = store.users().await.unwrap();
    let suzuki = users.iter().find(|u| u.name == "suzuki").unwrap();
    assert_eq!(suzuki.langs.len(), 2);
    let r = c
        .submit(
            &format!("/admin/users/{}", suzuki.id),
            &format!("/admin/users/{}", suzuki.id),
            "role=translator&langs=vi&disabled=1",
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(s.get("/admin/password").await.status, 303);
    assert_eq!(s.sign_in("suzuki", &one_time).await.status, 401);
    // An admin cannot lock themselves out.
    let me = users.iter().find(|u| u.name == "admin").unwrap();
    let r = c
        .submit(
            &format!("/admin/users/{}", me.id),
            &format!("/admin/users/{}", me.id),
            "role=editor&langs=",
        )
        .await;
    assert_eq!(r.status, 422);
}
