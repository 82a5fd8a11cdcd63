//! A running server notices `madoguchi import` from another process: its
//! cached pages are replaced within the check interval.

mod common;

use std::time::{Duration, Instant};

use common::binary::{import, start};
use common::{import_file, procedure};

#[tokio::test]
async fn an_import_from_another_process_replaces_cached_pages() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let json = import_file(&[procedure(
        "W4XY",
        "published",
        &[("ja", "古い題"), ("en", "Old title")],
    )]);
    std::fs::write(dir.path().join("old.json"), json).unwrap();
    import(&db, &dir.path().join("old.json"));
    let server = start(&db, &[]);
    let client = reqwest::Client::new();
    let page = |lang: &'static str| {
        let client = client.clone();
        let url = format!("{}/q/W4XY?lang={lang}", server.url);
        async move { client.get(url).send().await.unwrap().text().await.unwrap() }
    };
    // Fill the cache (twice: the second is served from memory).
    assert!(page("en").await.contains("Old title"));
    assert!(page("en").await.contains("Old title"));

    let json = import_file(&[procedure(
        "W4XY",
        "published",
        &[("ja", "新しい題"), ("en", "New title")],
    )]);
    std::fs::write(dir.path().join("new.json"), json).unwrap();
    import(&db, &dir.path().join("new.json"));
    let imported = Instant::now();
    loop {
        let text = page("en").await;
        if text.contains("New title") {
            assert!(text.contains("新しい題"), "the Japanese card changed too");
            break;
        }
        assert!(
            imported.elapsed() < Duration::from_secs(3),
            "the page still shows the old text 3 s after the import"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!(
        "new text served {} ms after the import",
        imported.elapsed().as_millis()
    );
    assert!(imported.elapsed() < madoguchi::web::CHECK_EVERY + Duration::from_millis(500));
}
