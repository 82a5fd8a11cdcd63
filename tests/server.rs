//! The real binary: start on port 0, serve samples, stop cleanly on SIGTERM.

mod common;

use std::process::Command;

use common::binary::start;

#[tokio::test]
async fn serves_samples_and_stops_gracefully() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut server = start(&db, &[]);
    let client = reqwest::Client::new();
    let health = client
        .get(format!("{}/healthz", server.url))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);
    let page = client
        .get(format!("{}/Q/K7Q2", server.url))
        .header("accept-language", "zh-TW,zh;q=0.9")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    assert_eq!(page.headers()["content-language"], "zh-Hant");
    assert!(page.text().await.unwrap().contains(r#"<html lang="zh-Hant""#));

    let pid = server.child.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-TERM", &pid])
            .status()
            .unwrap()
            .success()
    );
    let status = server.child.wait().unwrap();
    assert!(status.success(), "graceful exit: {status:?}");

    // The data survived, and a restart does not load the samples twice.
    let server = start(&db, &[]);
    let index = client
        .get(format!("{}/", server.url))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert_eq!(index.matches(r#"href="/q/K7Q2""#).count(), 1);
}

#[tokio::test]
async fn no_samples_starts_empty() {
    let dir = tempfile::tempdir().unwrap();
    let server = start(&dir.path().join("m.db"), &["--no-samples"]);
    let client = reqwest::Client::new();
    let r = client.get(format!("{}/q/K7Q2", server.url)).send().await.unwrap();
    assert_eq!(r.status(), 404);
}
