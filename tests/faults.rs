//! Faults: a locked database, a full disk, a read-only database, a missing
//! asset or locale folder. Public pages keep serving what they can, staff
//! get a clear message in their language, nothing is half-written.
//!
//! A corrupt locale file is covered by `tests/locales.rs`
//! (`a_broken_folder_is_skipped_and_the_others_served`,
//! `the_server_starts_despite_a_broken_locale_folder`) and, for files that
//! are not UTF-8 or a broken English folder, in `tests/faults_startup.rs`
//! with the other start-up faults.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::http::Request;
use common::faults::{app_on, count, prepared};
use common::staff::{Client, PASSWORD, enc, procedure_form};
use common::{Reply, get, send};
use madoguchi::stats::Scans;
use madoguchi::store::{Fault, OpenOptions, Store};
use madoguchi::transfer;
use serde_json::json;
use sqlx::Connection;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};

async fn api(app: &Router, method: &str, uri: &str, token: &str, body: serde_json::Value) -> Reply {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .unwrap();
    send(app, req).await
}

fn new_procedure(summary: &str) -> serde_json::Value {
    json!({ "category": "living", "ja": { "title": "障害試験", "summary": summary, "bring": ["在留カード"], "steps": ["窓口へ"], "office": "区役所" } })
}

/// The staff's Japanese "nothing saved" page, with its Retry-After.
fn assert_not_saved(r: &Reply, body: &str, retry_after: &str) {
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.header("retry-after"), retry_after);
    assert_eq!(r.html_lang(), "ja");
    let text = r.text();
    assert!(
        text.contains("保存されていません") && text.contains(body),
        "{text}"
    );
    assert!(
        !text.contains("SQLITE") && !text.contains("code:"),
        "no internals: {text}"
    );
}

/// The JSON API's 503.
fn assert_api_unavailable(r: &Reply, word: &str) {
    assert_eq!(r.status, 503, "{}", r.text());
    let v: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(v["error"]["code"], "unavailable", "{v}");
    let message = v["error"]["message"].as_str().unwrap();
    assert!(
        message.contains(word) && message.contains("nothing was saved"),
        "{message}"
    );
    assert!(!r.header("retry-after").is_empty());
}

async fn assert_public_pages_serve(app: &Router) {
    for path in ["/", "/q/K7Q2", "/q/K7Q2?lang=vi", "/healthz", "/poster/K7Q2"] {
        assert_eq!(get(app, path, &[]).await.status, 200, "{path}");
    }
}

#[tokio::test]
async fn a_locked_database_refuses_saves_clearly_and_the_public_pages_keep_serving() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("locked.db");
    let (_, mut c, token) = prepared(&db).await;
    let busy_timeout = Duration::from_millis(300);
    let opts = OpenOptions {
        busy_timeout,
        ..OpenOptions::default()
    };
    let store = Store::open_with(&db, &opts).await.unwrap();
    let app = app_on(&store);
    c.app = app.clone();
    let audit_before = count(&store, "SELECT COUNT(*) FROM audit_log").await;
    let version = store.procedure(&"K7Q2".parse().unwrap()).await.unwrap().unwrap();
    let version = version.japanese().unwrap().version;
    let form = format!("base_version={version}&{}", procedure_form("ロック後の題名", ""));

    // Another process holds the write lock (as `sqlite3` or a second server would).
    let mut other = SqliteConnection::connect_with(&SqliteConnectOptions::new().filename(&db))
        .await
        .unwrap();
    sqlx::query("BEGIN EXCLUSIVE").execute(&mut other).await.unwrap();

    let started = Instant::now();
    let r = c
        .submit("/admin/procedures/K7Q2", "/admin/procedures/K7Q2", &form)
        .await;
    assert!(started.elapsed() >= busy_timeout, "waited for the lock first");
    assert_not_saved(&r, "使用中", "5");
    let r = c
        .submit(
            "/admin/procedures/new",
            "/admin/procedures/new",
            &procedure_form("新規", ""),
        )
        .await;
    assert_not_saved(&r, "使用中", "5");
    // English when chosen on the site.
    let r = c.get("/admin?lang=en").await;
    assert_eq!(r.status, 200, "reading works during the lock");
    let r = c
        .submit("/admin/procedures/K7Q2", "/admin/procedures/K7Q2", &form)
        .await;
    assert_eq!(r.status, 503);
    assert!(
        r.text().contains("Not saved") && r.text().contains("busy"),
        "{}",
        r.text()
    );
    c.get("/admin?lang=ja").await;
    let r = api(&app, "POST", "/api/v1/procedures", &token, new_procedure("概要")).await;
    assert_api_unavailable(&r, "busy");
    assert_eq!(r.header("retry-after"), "5");
    assert_public_pages_serve(&app).await;
    // The dashboard first tries to write the counts in memory; that waits
    // and fails, the counts are kept, and the page shows what is stored.
    for path in ["/admin/stats", "/admin/stats.csv"] {
        assert_eq!(c.get(path).await.status, 200, "{path} only reads");
    }

    // Released: the same save goes through, once; nothing of the failed tries remains.
    sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
    let r = c
        .submit("/admin/procedures/K7Q2", "/admin/procedures/K7Q2", &form)
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let p = store.procedure(&"K7Q2".parse().unwrap()).await.unwrap().unwrap();
    assert_eq!(p.japanese().unwrap().fields.title, "ロック後の題名");
    assert_eq!(
        count(&store, "SELECT COUNT(*) FROM audit_log").await,
        audit_before + 1
    );
    assert_eq!(
        count(
            &store,
            "SELECT COUNT(*) FROM procedure_texts WHERE title = '障害試験'"
        )
        .await,
        0
    );
    assert_eq!(store.integrity_check().await.unwrap(), "ok");
}

/// Log lines written while a test runs (this thread only).
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn lines(&self, containing: &str) -> Vec<String> {
        let text = String::from_utf8(self.0.lock().unwrap().clone()).unwrap();
        text.lines()
            .filter(|l| l.contains(containing))
            .map(str::to_owned)
            .collect()
    }
}

#[tokio::test]
async fn a_full_disk_refuses_writes_whole_and_keeps_the_scan_counts() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .with_max_level(tracing::Level::DEBUG)
        .finish();
    let _logs = tracing::subscriber::set_default(subscriber);

    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("full.db");
    let (roomy, mut c, token) = prepared(&db).await;
    // Compact the file, then forbid it to grow: the disk is full.
    sqlx::query("VACUUM")
        .execute(roomy.sqlite().unwrap())
        .await
        .unwrap();
    let pages = count(&roomy, "PRAGMA page_count").await as u64;
    let opts = OpenOptions {
        max_page_count: Some(pages),
        ..OpenOptions::default()
    };
    let full = Store::open_with(&db, &opts).await.unwrap();
    let app = app_on(&full);
    c.app = app.clone();
    let (procedures, audit) = (
        full.procedure_count().await.unwrap(),
        count(&full, "SELECT COUNT(*) FROM audit_log").await,
    );
    let long = "長".repeat(3900);

    let form = procedure_form("満杯", &format!("&summary={}&notes={}", enc(&long), enc(&long)));
    let r = c
        .submit("/admin/procedures/new", "/admin/procedures/new", &form)
        .await;
    assert_not_saved(&r, "書き込めません", "60");
    let logged = captured.lines("database unavailable");
    assert_eq!(logged.len(), 1, "logged once: {logged:?}");
    assert!(
        logged[0].contains("WARN") && logged[0].contains("full"),
        "{logged:?}"
    );
    let r = api(&app, "POST", "/api/v1/procedures", &token, new_procedure(&long)).await;
    assert_api_unavailable(&r, "full");
    assert_public_pages_serve(&app).await;

    // An import that does not fit: all or nothing.
    let title = "大量".repeat(90);
    let many: Vec<String> = (0..500)
        .map(|i| {
            let code = format!("W{i:03}").replace('I', "1").replace('O', "0");
            common::procedure(&code, "published", &[("ja", &title), ("en", "Bulk")])
        })
        .collect();
    let file = transfer::parse(&common::import_file(&many), "2026-01-01T00:00:00Z").unwrap();
    let e = full
        .import(&file, &madoguchi::domain::Actor::system("test"))
        .await
        .unwrap_err();
    assert_eq!(Fault::of(&e), Some(Fault::Full), "{e:#}");
    assert_eq!(full.procedure_count().await.unwrap(), procedures);
    assert_eq!(count(&full, "SELECT COUNT(*) FROM audit_log").await, audit);
    assert_eq!(full.integrity_check().await.unwrap(), "ok");

    // Scan counts: kept in memory, one warning, no crash; written once there is room.
    let scans = Arc::new(Scans::default());
    // Distinct codes (distinct languages would be folded into a few rows
    // by the per-day bounds and fit).
    for i in 0..3000 {
        scans.record(&format!("K{i:04}"), "vi", "en", "poster");
    }
    assert!(scans.flush(&full).await.is_err());
    assert_eq!(scans.pending(), 3000, "kept for the next try");
    let stop = tokio::time::sleep(Duration::from_millis(300));
    scans
        .clone()
        .flush_periodically(full.clone(), Duration::from_millis(20), stop)
        .await;
    let warned = captured.lines("could not write scan counts");
    assert_eq!(warned.len(), 1, "one warning, not one per try: {warned:?}");
    assert!(
        warned[0].contains("WARN") && warned[0].contains("fault=\"full\""),
        "{warned:?}"
    );
    assert!(
        captured.lines("scan counts still not written").len() > 3,
        "it kept trying"
    );
    assert_eq!(
        captured.lines("could not write the last scan counts").len(),
        1,
        "and says so at the end"
    );
    assert_eq!(scans.pending(), 3000);
    assert_eq!(scans.flush(&roomy).await.unwrap(), 3000);
    assert_eq!(count(&roomy, "SELECT SUM(count) FROM scan_counts").await, 3000);
    assert_eq!(roomy.integrity_check().await.unwrap(), "ok");
}

#[tokio::test]
async fn a_read_only_database_serves_the_public_and_refuses_staff_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    let (writable, mut c, token) = prepared(&db).await;
    let opts = OpenOptions {
        read_only: true,
        ..OpenOptions::default()
    };
    let store = Store::open_with(&db, &opts).await.unwrap();
    assert!(store.is_read_only());
    let app = app_on(&store);
    c.app = app.clone();
    let audit = count(&store, "SELECT COUNT(*) FROM audit_log").await;

    assert_public_pages_serve(&app).await;
    assert_eq!(c.get("/admin").await.status, 200, "staff can still read");
    let version = store.procedure(&"K7Q2".parse().unwrap()).await.unwrap().unwrap();
    let form = format!(
        "base_version={}&{}",
        version.japanese().unwrap().version,
        procedure_form("読み取り専用", "")
    );
    let r = c
        .submit("/admin/procedures/K7Q2", "/admin/procedures/K7Q2", &form)
        .await;
    assert_not_saved(&r, "読み取り専用", "60");
    let r = api(&app, "POST", "/api/v1/procedures", &token, new_procedure("概要")).await;
    assert_api_unavailable(&r, "read-only");
    // Signing in writes a session: refused with the same message.
    let mut other = Client::new(&app);
    assert_not_saved(&other.sign_in("admin", PASSWORD).await, "読み取り専用", "60");

    assert_eq!(count(&writable, "SELECT COUNT(*) FROM audit_log").await, audit);
    let p = writable
        .procedure(&"K7Q2".parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_ne!(p.japanese().unwrap().fields.title, "読み取り専用");

    // A read-only file whose schema is behind this binary: a clear refusal.
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)")
        .execute(writable.sqlite().unwrap())
        .await
        .unwrap();
    let e = Store::open_with(&db, &opts).await.unwrap_err().to_string();
    assert!(
        e.contains("needs migrations") && e.contains("write access"),
        "{e}"
    );
}

#[tokio::test]
async fn an_unknown_asset_is_a_localized_404_and_harms_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("a.db")).await.unwrap();
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    let app = app_on(&store);
    for (path, lang, title) in [
        ("/assets/site.css", "vi", "Trang này không tồn tại"),
        ("/assets/page.js.map", "ja", "このページはありません"),
        ("/assets/../Cargo.toml", "en", "This page does not exist"),
    ] {
        let r = get(&app, path, &[("accept-language", lang)]).await;
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.html_lang(), lang, "{path}");
        assert!(r.text().contains(title), "{path}: {}", r.text());
    }
    assert_eq!(get(&app, "/assets/page.js", &[]).await.status, 200);
    assert_eq!(get(&app, "/assets/admin.css", &[]).await.status, 200);
    assert_public_pages_serve(&app).await;
}
