//! The real binary: start on port 0, serve samples, stop cleanly on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(db: &std::path::Path, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .env("MADOGUCHI_DB", db)
        .env("RUST_LOG", "info")
        .env_remove("MADOGUCHI_BASE_URL")
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(i) = line.find("listening on http://") {
                let _ = tx.send(line[i + 13..].trim().to_owned());
            }
        }
    });
    let url = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("the server says where it listens");
    Server { child, url }
}

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
