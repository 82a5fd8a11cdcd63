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
    assert_eq!(
        api(&app, "POST", uri, &secret, Some(new_procedure("一"))).await,
        201
    );

    let boss = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.name.as_str() == "boss")
        .unwrap();
    store
        .update_user(&boss, Role::Admin, &[], true, &Actor::system("test"))
        .await
        .unwrap();
    assert_eq!(api(&app, "GET", uri, &secret, None).await, 401);
    assert_eq!(
        api(&app, "POST", uri, &secret, Some(new_procedure("二"))).await,
        401
    );
}

#[tokio::test]
async fn tokens_carry_their_creators_current_role() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    let secret = token(&mut c, "cms", "editor", "").await;
    let uri = "/api/v1/procedures";
    assert_eq!(
        api(&app, "POST", uri, &secret, Some(new_procedure("一"))).await,
        201
    );

    // The creator becomes a Vietnamese translator: so does the token.
    let boss = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.name.as_str() == "boss")
        .unwrap();
    let vi = LangTag::parse("vi").unwrap();
    store
        .update_user(&boss, Role::Translator, &[vi], false, &Actor::system("test"))
        .await
        .unwrap();
    assert_eq!(
        api(&app, "POST", uri, &secret, Some(new_procedure("二"))).await,
        403
    );
    // Reading stays (translators read too); restored, the token works again.
    assert_eq!(api(&app, "GET", uri, &secret, None).await, 200);
    store
        .update_user(&boss, Role::Admin, &[], false, &Actor::system("test"))
        .await
        .unwrap();
    assert_eq!(
        api(&app, "POST", uri, &secret, Some(new_procedure("三"))).await,
        201
    );
}

// ---- Findings 3, 4, 6: passwords ----

/// A request as if from `ip` (the server records the peer this way).
fn from(ip: &str, request: axum::http::request::Builder) -> axum::http::request::Builder {
    let peer: SocketAddr = format!("{ip}:40000").parse().unwrap();
    request.extension(ConnectInfo(peer))
}

/// Signs in as `name` from the address `ip`, with a fresh login form.
async fn sign_in_from(app: &Router, ip: &str, name: &str, password: &str) -> u16 {
    let page = send(
        app,
        from(ip, Request::get("/admin/login"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    let cookie = page.header("set-cookie");
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let csrf = csrf_of(&page.text());
    let form = format!(
        "csrf={}&name={}&password={}&next=%2Fadmin",
        enc(&csrf),
        enc(name),
        enc(password)
    );
    let r = send(
        app,
        from(ip, Request::post("/admin/login"))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", cookie)
            .body(Body::from(form))
            .unwrap(),
    )
    .await;
    r.status.as_u16()
}

/// Failures from rotating addresses must not lock the owner out: the
/// owner's address has no failures, so the account's wait does not apply
/// to it; every address that failed does wait.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_owner_signs_in_while_an_attack_on_the_account_runs() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let attack = {
        let app = app.clone();
        tokio::spawn(async move {
            let mut statuses = Vec::new();
            for i in 0..30 {
                statuses.push(
                    sign_in_from(
                        &app,
                        &format!("10.0.{}.{}", i / 200, i % 200 + 1),
                        "admin",
                        "guess",
                    )
                    .await,
                );
            }
            statuses
        })
    };
    // Let the attack get well past the free failures first.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_eq!(
        sign_in_from(&app, "192.0.2.1", "admin", PASSWORD).await,
        303,
        "the owner gets in"
    );
    let statuses = attack.await.unwrap();
    assert!(statuses.iter().all(|&s| s == 401 || s == 429), "{statuses:?}");
    // Every address that failed now waits for the account, right password or not.
    assert_eq!(sign_in_from(&app, "10.0.0.1", "admin", PASSWORD).await, 429);
    assert_eq!(sign_in_from(&app, "192.0.2.2", "admin", PASSWORD).await, 303);
}

/// Posts the password form; returns the reply.
async fn change(c: &mut Client, current: &str, new: &str) -> Reply {
    c.submit(
        "/admin/password",
        "/admin/password",
        &format!("current={}&new={}&confirm={}", enc(current), enc(new), enc(new)),
    )
    .await
}

#[tokio::test]
async fn wrong_current_passwords_are_throttled_like_sign_ins() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    assert_eq!(c.sign_in("editor", PASSWORD).await.status, 303);
    for i in 0..5 {
        let r = change(&mut c, &format!("guess number {i}"), "another long password").await;
        assert_eq!(r.status, 422);
    }
    let r = change(&mut c, "guess number 6", "another long password").await;
    assert_eq!(r.status, 429, "slowed down like a sign-in");
    assert!(!r.header("retry-after").is_empty());
    // Even the right one waits, and nothing changed.
    assert_eq!(
        change(&mut c, PASSWORD, "another long password").await.status,
        429
    );
    let mut fresh = Client::new(&app);
    assert_eq!(
        fresh.sign_in("editor", PASSWORD).await.status,
        429,
        "shared counts"
    );
}

/// Many password changes at once are checked a few at a time, like
/// sign-ins: no flood of argon2 runs (each takes 19 MiB).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_password_changes_take_turns_and_are_counted() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    // Twelve sessions of the same user, each with its form's token.
    let mut clients = Vec::new();
    for _ in 0..12 {
        let mut c = Client::new(&app);
        assert_eq!(c.sign_in("editor", PASSWORD).await.status, 303);
        let csrf = csrf_of(&c.get("/admin/password").await.text());
        clients.push((c, csrf));
    }
    let mut guesses = tokio::task::JoinSet::new();
    for (i, (mut c, csrf)) in clients.into_iter().enumerate() {
        let form = format!(
            "csrf={}&current=guess{i}xxxxxx&new=xxxxxxxxxxxxxx&confirm=xxxxxxxxxxxxxx",
            enc(&csrf)
        );
        guesses.spawn(async move { c.post("/admin/password", &form).await.status.as_u16() });
    }
    let statuses = guesses.join_all().await;
    let checked = statuses.iter().filter(|&&s| s == 422).count();
    let slowed = statuses.iter().filter(|&&s| s == 429).count();
    assert_eq!(checked + slowed, 12, "{statuses:?}");
    assert!(checked <= 6, "{checked} guesses were checked: {statuses:?}");
}

#[tokio::test]
async fn a_new_password_equal_to_the_current_one_is_refused() {
    let (app, store) = app_with(None).await;
    add_user(&store, "newbie", Role::Editor, &[], true).await;
    let mut c = Client::new(&app);
    let r = c.sign_in("newbie", PASSWORD).await;
    assert_eq!(location(&r), "/admin/password");
    let r = change(&mut c, PASSWORD, PASSWORD).await;
    assert_eq!(r.status, 422);
    assert!(r.text().contains("現在のパスワードと違う"), "{}", r.text());
    // Still asked to choose one.
    assert_eq!(location(&c.get("/admin").await), "/admin/password");
    assert_eq!(
        change(&mut c, PASSWORD, "a different long password").await.status,
        200
    );
    assert_eq!(c.get("/admin").await.status, 200);
}

// ---- Finding 1: scan statistics stay bounded ----

/// A flood of invented and varied language tags (the review's wrk run)
/// adds at most `MAX_REQUESTED_PER_DAY` distinct languages, never a
/// variant, and the totals stay right.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_flood_of_language_tags_leaves_the_statistics_bounded() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let code = "C4KA";
    let letters: Vec<char> = ('a'..='z').collect();
    let flood = 1_500;
    for i in 0..flood {
        let tag = format!(
            "{}{}{}-v{i:07}",
            letters[i % 26],
            letters[i / 26 % 26],
            letters[i / 676 % 26]
        );
        let r = common::get(&app, &format!("/q/{code}"), &[("accept-language", &tag)]).await;
        assert_eq!(r.status, 200, "{tag}");
    }
    // Served as asked: never folded, even after the flood.
    for _ in 0..3 {
        common::get(&app, &format!("/q/{code}"), &[("accept-language", "ne")]).await;
    }
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let dashboard = c.get("/admin/stats").await;
    assert_eq!(dashboard.status, 200);
    let rows = store.scans_since("2000-01-01").await.unwrap();
    let requested: std::collections::HashSet<&str> = rows.iter().map(|r| r.requested.as_str()).collect();
    eprintln!(
        "{flood} scans with distinct tags: {} rows, {} requested values, dashboard {} bytes",
        rows.len(),
        requested.len(),
        dashboard.body.len()
    );
    assert!(
        requested.len() as i64 <= madoguchi::store::MAX_REQUESTED_PER_DAY + 2,
        "{requested:?}"
    );
    assert!(requested.contains(madoguchi::store::OTHER_LANGUAGE));
    assert!(requested.contains("ne"));
    assert!(
        rows.iter().all(|r| !r.requested.contains("-v")),
        "variants are dropped"
    );
    assert_eq!(
        rows.iter().map(|r| r.count).sum::<i64>(),
        flood as i64 + 3,
        "totals stay right"
    );
    assert!(dashboard.text().contains("1日の上限を超えた分"));
}

/// However many distinct keys arrive in a day, the table takes at most
/// `MAX_ROWS_PER_DAY` rows (plus one overflow row) for it, across flushes.
#[tokio::test]
async fn rows_per_day_are_bounded_across_flushes() {
    let (_app, store) = app_with(None).await;
    let key = |i: usize| madoguchi::stats::ScanKey {
        day: "2026-12-04".into(),
        code: format!("C{i:05}"),
        requested: "vi".into(),
        served: "vi".into(),
        source: String::new(),
    };
    let max = madoguchi::store::MAX_ROWS_PER_DAY as usize;
    for part in 0..3 {
        let batch: Vec<_> = (part * max / 2..(part + 1) * max / 2 + 100)
            .map(|i| (key(i), 1))
            .collect();
        store.add_scans(&batch).await.unwrap();
    }
    let rows = store.scans_since("2026-12-04").await.unwrap();
    assert_eq!(rows.len(), max + 1, "the cap and one overflow row");
    let sum: i64 = rows.iter().map(|r| r.count).sum();
    assert_eq!(sum, 3 * (max as i64 / 2 + 100), "no scan lost");
    let overflow = rows.iter().find(|r| r.code.is_empty()).expect("an overflow row");
    assert_eq!(overflow.requested, madoguchi::store::OTHER_LANGUAGE);
    // Another day has its own budget.
    store
        .add_scans(&[(
            madoguchi::stats::ScanKey {
                day: "2026-12-05".into(),
                ..key(1)
            },
            1,
        )])
        .await
        .unwrap();
    assert_eq!(store.scans_since("2026-12-05").await.unwrap().len(), 1);
}

// ---- Finding 5: slow and idle clients (the real binary, loopback only) ----

/// Reads until the server closes the connection; whether it did so
/// within `within`.
fn closed_within(stream: &mut std::net::TcpStream, within: std::time::Duration) -> bool {
    use std::io::Read;
    stream.set_read_timeout(Some(within)).unwrap();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf) {
            Ok(0) => return true,
            Ok(_) => continue,
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => return true,
            Err(_) => return false,
        }
    }
}

#[test]
fn slow_and_idle_connections_are_closed_and_capped() {
    use std::io::{Read, Write};
    use std::net::TcpStream;
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let server = common::binary::start(
        &dir.path().join("db.sqlite"),
        &["--header-timeout", "1", "--max-connections", "16"],
    );
    let addr = server
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned();
    // 40 clients that never finish their headers: more than the cap.
    let mut slow: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .unwrap();
            s
        })
        .collect();
    // A real client still gets an answer: the slow ones are cut after
    // a second, and the rest take their turn.
    let started = Instant::now();
    let mut probe = TcpStream::connect(&addr).unwrap();
    probe
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    probe.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut answer = String::new();
    probe.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    eprintln!(
        "/healthz answered after {:?} behind 40 slow clients",
        started.elapsed()
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    for (i, s) in slow.iter_mut().enumerate() {
        assert!(
            closed_within(s, Duration::from_secs(5)),
            "slow client {i} still open"
        );
    }
    // An idle keep-alive connection is closed after the same timeout.
    let mut idle = TcpStream::connect(&addr).unwrap();
    idle.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    idle.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let mut buf = [0u8; 1024];
    let n = idle.read(&mut buf).unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    let idle_since = Instant::now();
    assert!(
        closed_within(&mut idle, Duration::from_secs(5)),
        "idle keep-alive closed"
    );
    assert!(
        idle_since.elapsed() >= Duration::from_millis(800),
        "kept alive for a while first"
    );
    drop(server);
}

// ---- Finding 9: every text that can be stored exports to XML that parses ----

/// Text with the characters that broke the export: non-characters, lone
/// CRs, controls, XML's own markup, astral characters.
fn hostile_text() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let nasty = prop_oneof![
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just("\n".to_owned()),
        Just("\t".to_owned()),
        Just("\u{FFFE}".to_owned()),
        Just("\u{FFFF}".to_owned()),
        Just("\u{FDD0}".to_owned()),
        Just("\u{1FFFE}".to_owned()),
        Just("\u{0}".to_owned()),
        Just("\u{85}".to_owned()),
        any::<char>().prop_map(String::from),
    ];
    let piece = prop_oneof![
        6 => "[a-zA-Z0-9 ]{1,6}",
        1 => Just("]]>&<\"'".to_owned()),
        1 => Just("転入届".to_owned()),
        1 => Just("😀".to_owned()),
        1 => nasty,
    ];
    proptest::collection::vec(piece, 1..5).prop_map(|p| p.concat())
}

#[test]
fn every_text_that_imports_exports_to_xliff_that_parses() {
    use madoguchi::translations::{units, xliff};
    use proptest::test_runner::{Config, TestRunner};
    let mut runner = TestRunner::new(Config {
        cases: 400,
        ..Config::default()
    });
    let strategy = (hostile_text(), hostile_text(), hostile_text(), hostile_text());
    let stored = std::sync::atomic::AtomicUsize::new(0);
    runner
        .run(&strategy, |(title, summary, en_title, en_notes)| {
            let text = |title: &str, summary: &str, notes: &str| {
                json!({ "revision": 1, "title": title, "summary": summary, "bring": ["在留カード"],
                        "steps": ["窓口へ"], "office": "区役所", "floor": "", "counter": "", "hours": "",
                        "fee": "", "contact": "", "notes": notes })
            };
            let file = json!({ "format": "madoguchi-procedures", "version": 1, "procedures": [{
                "code": "K7Q2", "status": "published", "category": "residence", "revision": 1,
                "texts": { "ja": text(&title, &summary, ""), "en": text(&en_title, "", &en_notes) } }] });
            let parsed = match madoguchi::transfer::parse(&file.to_string(), "2026-01-01T00:00:00Z") {
                Ok(p) => p,
                Err(e) => {
                    // Refused at the edge, with the field named: nothing stored.
                    let e = e.to_string();
                    proptest::prop_assert!(e.contains("texts."), "{e}");
                    return Ok(());
                }
            };
            stored.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let en = LangTag::parse("en").unwrap();
            let doc = xliff::export(&en, &units(&parsed.procedures, &en));
            if let Err(e) = roxmltree::Document::parse(&doc) {
                return Err(proptest::test_runner::TestCaseError::fail(format!(
                    "{e}: {doc:?}"
                )));
            }
            // And it reads back as what was stored.
            let (_, incoming, problems) = xliff::parse(&doc);
            proptest::prop_assert!(problems.is_empty(), "{problems:?}");
            let stored_title = &parsed.procedures[0]
                .texts
                .iter()
                .find(|t| t.lang == en)
                .unwrap()
                .fields
                .title;
            let read = incoming
                .iter()
                .find(|i| i.field == "title")
                .map(|i| i.target.as_str());
            proptest::prop_assert_eq!(read, Some(stored_title.as_str()));
            Ok(())
        })
        .unwrap();
    let stored = stored.into_inner();
    assert!(
        stored > 20,
        "only {stored} cases were stored: the strategy is too hostile"
    );
}

// ---- Finding 10: archived answers 410 until an admin restores it ----

#[tokio::test]
async fn only_admins_restore_an_archived_procedure_with_a_confirmation() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let code = "C4KA";
    let page = format!("/admin/procedures/{code}");
    let publish = format!("/admin/procedures/{code}/publish");
    let mut editor = Client::new(&app);
    editor.sign_in("editor", PASSWORD).await;
    let r = editor
        .submit(
            &format!("{page}/archive"),
            &format!("{page}/archive"),
            "note_ja=%E7%AA%93%E5%8F%A3%E3%81%B8",
        )
        .await;
    assert_eq!(r.status, 303);
    assert_eq!(common::get(&app, &format!("/q/{code}"), &[]).await.status, 410);

    // An editor cannot bring it back, confirmed or not, and sees no button.
    assert!(!editor.get(&page).await.text().contains("name=\"confirm\""));
    for form in ["", "confirm=restore", "to=draft&confirm=restore"] {
        assert_eq!(editor.submit(&page, &publish, form).await.status, 403, "{form}");
    }
    assert_eq!(common::get(&app, &format!("/q/{code}"), &[]).await.status, 410);

    // An admin must confirm.
    let mut admin = Client::new(&app);
    admin.sign_in("admin", PASSWORD).await;
    assert!(
        admin
            .get(&page)
            .await
            .text()
            .contains("name=\"confirm\" value=\"restore\" required")
    );
    assert_eq!(admin.submit(&page, &publish, "").await.status, 400);
    assert_eq!(common::get(&app, &format!("/q/{code}"), &[]).await.status, 410);
    assert_eq!(admin.submit(&page, &publish, "confirm=restore").await.status, 303);
    assert_eq!(common::get(&app, &format!("/q/{code}"), &[]).await.status, 200);
    let audit = store.audit(None, None, 50).await.unwrap();
    assert!(
        audit
            .iter()
            .any(|e| e.action == "procedure.restore" && e.actor == "admin"),
        "audited as a restore"
    );
}

#[tokio::test]
async fn api_tokens_restore_only_as_admin_and_when_confirmed() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let editor = token(&mut c, "cms", "editor", "").await;
    let admin = token(&mut c, "ops", "admin", "").await;
    let uri = "/api/v1/procedures/C4KA/status";
    let archive = json!({ "status": "archived", "ended_note": { "ja": "窓口へ" } });
    assert_eq!(api(&app, "POST", uri, &editor, Some(archive)).await, 200);
    let back = json!({ "status": "published" });
    assert_eq!(api(&app, "POST", uri, &editor, Some(back.clone())).await, 403);
    assert_eq!(api(&app, "POST", uri, &admin, Some(back)).await, 422);
    let confirmed = json!({ "status": "draft", "confirm_restore": true });
    assert_eq!(
        api(&app, "POST", uri, &editor, Some(confirmed.clone())).await,
        403
    );
    assert_eq!(api(&app, "POST", uri, &admin, Some(confirmed)).await, 200);
}

// ---- Finding 7: reading translation files is linear ----

/// 1,000 published procedures with 20 translatable units each.
fn many_procedures() -> Vec<madoguchi::domain::Procedure> {
    let alphabet = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let procedures: Vec<Value> = (0..1000)
        .map(|i| {
            let code: String = [i / 1024 % 32, i / 32 % 32, i % 32, 7]
                .iter()
                .map(|&d| alphabet[d] as char)
                .collect();
            json!({ "code": code, "status": "published", "category": "bulk", "revision": 1, "texts": { "ja": {
                "revision": 1, "title": format!("手続き {i}"), "summary": "概要の文。\n二行目。",
                "bring": (1..=5).map(|n| format!("持ち物 {n}")).collect::<Vec<_>>(),
                "steps": (1..=6).map(|n| format!("手順 {n}")).collect::<Vec<_>>(),
                "office": "中央区役所", "floor": "1階", "counter": "2番", "hours": "平日", "fee": "無料",
                "contact": "096-000-0000", "notes": "注意" } } })
        })
        .collect();
    let file = json!({ "format": "madoguchi-procedures", "version": 1, "procedures": procedures });
    madoguchi::transfer::parse(&file.to_string(), "2026-01-01T00:00:00Z")
        .unwrap()
        .procedures
}

#[test]
fn a_20k_unit_translation_file_is_read_quickly() {
    use madoguchi::translations::{check, ftl, units, xliff};
    let procedures = many_procedures();
    let vi = LangTag::parse("vi").unwrap();
    let mut all = units(&procedures, &vi);
    assert!(all.len() >= 20_000, "{} units", all.len());
    for u in &mut all {
        u.target = Some(format!("bản dịch {}", u.source));
    }
    for (name, text, read) in [
        ("xliff", xliff::export(&vi, &all), xliff::parse as fn(&str) -> _),
        ("ftl", ftl::export(&vi, &all), ftl::parse as fn(&str) -> _),
    ] {
        let started = std::time::Instant::now();
        let (lang, changed) = check(&procedures, read(&text), "2026-01-02T00:00:00Z").expect("a clean file");
        let took = started.elapsed();
        eprintln!(
            "{name}: {} units, {} KB, read and checked in {took:?}",
            all.len(),
            text.len() / 1024
        );
        assert_eq!(lang, vi);
        assert_eq!(changed.len(), 1000);
        // Quadratic took minutes; a debug build reads this in well under a second or two.
        assert!(took < std::time::Duration::from_secs(5), "{name}: {took:?}");
    }
}

// ---- Also: metrics, staff error pages, sign-in CSRF ----

/// Every metrics family has its `# HELP` line (as `promtool check
/// metrics` requires).
#[tokio::test]
async fn every_metrics_family_has_help() {
    let app = common::sample_app().await;
    for _ in 0..2 {
        assert_eq!(common::get(&app, "/q/C4KA", &[]).await.status, 200);
    }
    common::get(&app, "/nothing-here", &[]).await;
    let text = madoguchi::telemetry::render().await;
    let families: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("# TYPE "))
        .filter_map(|l| l.split(' ').next())
        .collect();
    assert!(families.len() >= 4, "{text}");
    for family in families {
        assert!(
            text.lines().any(|l| l.starts_with(&format!("# HELP {family} "))),
            "no HELP for {family}"
        );
    }
}

#[tokio::test]
async fn staff_error_pages_are_not_stored() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    for (uri, status) in [
        ("/admin/procedures/ZZZZ", 404),
        ("/admin/users", 403),
        ("/admin/no-such-page", 404),
    ] {
        let r = c.get(uri).await;
        assert_eq!(r.status, status, "{uri}");
        assert_eq!(r.header("cache-control"), "no-store", "{uri}");
    }
    // A refused form too.
    let r = c.post("/admin/procedures/new", "csrf=forged&title=x").await;
    assert_eq!(r.status, 403);
    assert_eq!(r.header("cache-control"), "no-store");
}

/// Login CSRF: a sign-in form posted from another site is refused even
/// when the attacker planted a matching double-submit cookie (cookie
/// tossing from a sibling subdomain); our own form still signs in.
#[tokio::test]
async fn sign_in_posted_from_another_site_is_refused() {
    let (app, store) = app_with(None).await;
    add_user(&store, "attacker", Role::Translator, &["vi"], false).await;
    let forged = |extra: &[(&str, &str)]| {
        let mut r = Request::post("/admin/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", "madoguchi_login=planted");
        for (k, v) in extra {
            r = r.header(*k, *v);
        }
        r.body(Body::from(format!(
            "csrf=planted&name=attacker&password={}&next=%2Fadmin",
            enc(PASSWORD)
        )))
        .unwrap()
    };
    for headers in [
        vec![
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ],
        vec![("sec-fetch-site", "same-site")],
        vec![("origin", "https://evil.example")],
    ] {
        let r = send(&app, forged(&headers)).await;
        assert_eq!(r.status, 403, "{headers:?}");
        assert!(
            r.header("set-cookie").find("madoguchi_session=").is_none(),
            "no session"
        );
    }
    let ours = send(
        &app,
        forged(&[("origin", common::BASE), ("sec-fetch-site", "same-origin")]),
    )
    .await;
    assert_eq!(
        ours.status, 303,
        "a same-origin post with the double-submit value signs in"
    );
}

// ---- The API's contract (Schemathesis and the spec validator run in .ci/run) ----

#[tokio::test]
async fn the_openapi_document_is_exact_where_the_review_found_it_loose() {
    let app = common::sample_app().await;
    let doc: Value =
        serde_json::from_slice(&common::get(&app, "/api/v1/openapi.json", &[]).await.body).unwrap();
    let mut responses = 0;
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let codes = op["responses"].as_object().unwrap();
            for (status, r) in codes {
                responses += 1;
                assert!(
                    r["description"].as_str().is_some_and(|d| !d.is_empty()),
                    "{method} {path} {status}"
                );
            }
            assert!(
                codes.contains_key("401"),
                "{method} {path}: every route needs a token"
            );
            if path.contains("{code}") {
                assert!(codes.contains_key("404"), "{method} {path}");
            }
            if op.get("requestBody").is_some() {
                assert!(codes.contains_key("400"), "{method} {path}: bad JSON");
            }
        }
    }
    assert!(responses >= 30, "{responses}");
    let schemas = &doc["components"]["schemas"];
    assert_eq!(
        schemas["StatusName"]["enum"],
        json!(["draft", "published", "archived"])
    );
    let text = &schemas["TextFields"];
    assert_eq!(text["required"], json!(["title"]));
    assert_eq!(text["properties"]["title"]["minLength"], 1);
    assert!(
        schemas["UpdateIn"]["properties"].get("code").is_none(),
        "codes never change"
    );
    let put = &doc["paths"]["/api/v1/procedures/{code}/texts/{lang}"]["put"];
    assert!(
        put["parameters"][1]["schema"]["pattern"].is_string(),
        "language tags have a pattern"
    );
}

#[tokio::test]
async fn api_bodies_must_be_objects_and_integers_may_be_written_as_floats() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let secret = token(&mut c, "cms", "editor", "").await;
    // serde would read a struct from an array of its fields.
    assert_eq!(
        api(
            &app,
            "PATCH",
            "/api/v1/procedures/C4KA",
            &secret,
            Some(json!([null, null]))
        )
        .await,
        400
    );
    assert_eq!(
        api(
            &app,
            "POST",
            "/api/v1/procedures",
            &secret,
            Some(json!(["x", {}]))
        )
        .await,
        400
    );
    let text = json!({ "fields": { "title": "Chuyển đến" }, "source_revision": 1.0 });
    assert_eq!(
        api(
            &app,
            "PUT",
            "/api/v1/procedures/C4KA/texts/km",
            &secret,
            Some(text)
        )
        .await,
        200
    );
    let text = json!({ "fields": { "title": "Chuyển đến" }, "source_revision": 1.5 });
    assert_eq!(
        api(
            &app,
            "PUT",
            "/api/v1/procedures/C4KA/texts/km",
            &secret,
            Some(text)
        )
        .await,
        400
    );
}
