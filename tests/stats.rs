//! Demand statistics: what counts as a scan, what is kept (counts only).

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use axum::body::Body;
use axum::http::Request;
use common::staff::{Client, PASSWORD, add_user};
use common::{app_with, get, send};
use madoguchi::domain::Role;

#[tokio::test]
async fn scans_are_counted_and_image_fetches_and_staff_visits_are_not() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    for _ in 0..2 {
        get(&app, "/q/K7Q2", &[("accept-language", "ar-EG,ar;q=0.9,en;q=0.5")]).await;
    }
    get(&app, "/Q/K7Q2?source=poster", &[("accept-language", "vi-VN")]).await;
    get(
        &app,
        "/q/K7Q2?source=evil%3Cb%3E",
        &[("accept-language", "vi-VN")],
    )
    .await;
    get(&app, "/q/K7Q2", &[]).await;
    // Not scans: images, unknown codes, HEAD, staff.
    get(&app, "/qr/K7Q2.png", &[]).await;
    get(&app, "/qr/K7Q2.svg", &[]).await;
    get(&app, "/q/ZZZZ", &[]).await;
    send(&app, Request::head("/q/K7Q2").body(Body::empty()).unwrap()).await;
    let mut staff = Client::new(&app);
    staff.sign_in("editor", PASSWORD).await;
    staff.get("/q/K7Q2").await;

    let page = staff.get("/admin/stats").await.text();
    let rows = store.scans_since("2000-01-01").await.unwrap();
    let mut got: Vec<(String, String, String, i64)> = rows
        .iter()
        .map(|r| (r.requested.clone(), r.served.clone(), r.source.clone(), r.count))
        .collect();
    got.sort();
    assert_eq!(
        got,
        vec![
            (String::new(), "en".into(), String::new(), 1),
            ("ar-EG".into(), "en".into(), String::new(), 2),
            ("vi-VN".into(), "vi".into(), String::new(), 1),
            ("vi-VN".into(), "vi".into(), "poster".into(), 1),
        ]
    );
    assert!(rows.iter().all(|r| r.code == "K7Q2"));
    // The dashboard ranks Arabic as asked for but not available.
    let missing: Vec<&str> = page.split(r#"<tr class="missing-lang">"#).skip(1).collect();
    assert!(
        missing[0].contains("ar-EG") && missing[0].contains("<td>2</td>"),
        "{missing:?}"
    );
    assert!(!page.contains(r#"<tr class="missing-lang"><td><span class="code">vi-VN"#));

    let csv = staff.get("/admin/stats.csv").await;
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    let text = csv.text();
    assert!(text.starts_with("day,code,requested,served,source,count\n"));
    assert_eq!(text.lines().count(), 5);
    assert!(text.contains(",K7Q2,vi-VN,vi,poster,1"));
}

#[tokio::test]
async fn no_address_or_user_agent_is_stored_anywhere() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("MADOGUCHI_DB", common::db_arg(&db))
        .env("MADOGUCHI_NO_AUDIO", "true")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("server output").unwrap();
        if let Some(i) = line.find("listening on http://") {
            break line[i + 13..].trim().to_owned();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let client = reqwest::Client::builder()
        .user_agent("FuzzyPhone/9.9 (Build XYZZY)")
        .build()
        .unwrap();
    for path in [
        "/q/K7Q2",
        "/q/H3N8?source=letter",
        "/",
        "/qr/K7Q2.png",
        "/admin/login",
    ] {
        let r = client
            .get(format!("{url}{path}"))
            .header("accept-language", "ne-NP")
            .send()
            .await
            .unwrap();
        assert!(r.status().is_success(), "{path}");
    }
    // A failed sign-in: the throttle counts it per address, in the database.
    let (failed, _) = common::http::Http::with_client(&url, client)
        .sign_in("admin", "wrong-password-XYZZY")
        .await;
    assert_eq!(failed, 401, "a failed sign-in, counted");
    // Stop gracefully: the tally is written at shutdown.
    Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(child.wait().unwrap().success());

    let store = common::open_db(&db).await;
    let scans = store.scans_since("2000-01-01").await.unwrap();
    assert_eq!(scans.iter().map(|r| r.count).sum::<i64>(), 2, "{scans:?}");
    assert!(
        scans
            .iter()
            .any(|r| r.source == "letter" && r.requested == "ne-NP")
    );
    let on_pg = store.postgres().is_some();
    assert_eq!(
        common::scalar(&store, "SELECT count(*) FROM sign_in_failures").await,
        2,
        "the failure is stored (account and address), hashed"
    );
    let tables = common::strings(
        &store,
        if on_pg {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
        } else {
            "SELECT name FROM sqlite_master WHERE type = 'table'"
        },
    )
    .await;
    assert!(tables.len() >= 10, "{tables:?}");
    for table in tables {
        let columns = if on_pg {
            format!(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = '{table}'"
            )
        } else {
            format!("SELECT name FROM pragma_table_info('{table}')")
        };
        // The names come from the database's own catalogue.
        for col in common::strings_of(&store, columns).await {
            let hits = common::strings_of(&store, format!(
                "SELECT CAST(\"{col}\" AS TEXT) FROM \"{table}\" WHERE CAST(\"{col}\" AS TEXT) LIKE '%127.0.0.1%' OR CAST(\"{col}\" AS TEXT) LIKE '%FuzzyPhone%' OR CAST(\"{col}\" AS TEXT) LIKE '%XYZZY%'"
            ))
            .await;
            assert!(hits.is_empty(), "{table}.{col} holds an address or user agent");
        }
    }
}
