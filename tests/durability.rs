//! Nothing lost: backups of a live database, and imports killed half-way.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use madoguchi::domain::{Actor, TextFields};
use madoguchi::store::Store;

/// The binary on the test's database (SQLite, or PostgreSQL when the
/// suite runs there: see `common::db_arg`).
fn madoguchi(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    c.env("MADOGUCHI_DB", common::db_arg(db))
        .env_remove("MADOGUCHI_BASE_URL");
    c
}

/// The binary on exactly this SQLite file (`backup` is SQLite's).
fn madoguchi_on_file(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
    c.env("MADOGUCHI_DB", db).env_remove("MADOGUCHI_BASE_URL");
    c
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_under_writes_restores_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    let store = Store::open(&db).await.unwrap();
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    // A writer keeps creating procedures while the backup runs in another process.
    let writer = {
        let store = store.clone();
        tokio::spawn(async move {
            let mut n = 0;
            let until = Instant::now() + Duration::from_secs(2);
            while Instant::now() < until {
                let f = TextFields {
                    title: format!("書き込み {n}"),
                    ..TextFields::default()
                };
                store
                    .create_procedure("load", &f, &Actor::system("test"))
                    .await
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    let backup = dir.path().join("backup.db");
    let out = madoguchi_on_file(&db)
        .args(["backup", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = writer.await.unwrap();
    assert!(written > 10, "the writer kept writing ({written})");

    // Restore = use the file as the database.
    let restored = Store::open(&backup).await.unwrap();
    assert_eq!(restored.integrity_check().await.unwrap(), "ok");
    let n = restored.procedure_count().await.unwrap();
    assert!(n >= 7 && n < 7 + written, "a consistent point in the middle: {n}");
    // And it is a working database: every procedure has its Japanese text.
    for p in restored.all_procedures().await.unwrap() {
        assert!(p.japanese().is_some(), "{} lost its text", p.code);
    }
    // Refuses to overwrite.
    let out = madoguchi_on_file(&db)
        .args(["backup", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!out.status.success());
}

/// An import file of `n` procedures, all with category `tag`.
fn big_file(n: usize, tag: &str) -> String {
    let procedures: Vec<String> = (0..n)
        .map(|i| {
            let code = format!("X{i:04}")
                .replace('I', "1")
                .replace('L', "1")
                .replace('O', "0")
                .replace('U', "V");
            common::procedure(
                &code,
                "published",
                &[("ja", "大量"), ("en", "Bulk"), ("vi", "Nhiều")],
            )
            .replace(r#""category":"test""#, &format!(r#""category":"{tag}""#))
        })
        .collect();
    common::import_file(&procedures)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_killed_at_random_points_leave_all_or_nothing() {
    use rand::RngExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crash.db");
    let n = 1500;
    // Time one full import to know where "the middle" is.
    let first = dir.path().join("run0.json");
    std::fs::write(&first, big_file(n, "run0")).unwrap();
    let started = Instant::now();
    assert!(
        madoguchi(&db)
            .args(["import", "--create", first.to_str().unwrap()])
            .status()
            .unwrap()
            .success()
    );
    let full = started.elapsed();

    let mut rng = rand::rng();
    let (mut kept, mut dropped) = (0, 0);
    for run in 1..=12 {
        let tag = format!("run{run}");
        let file = dir.path().join(format!("{tag}.json"));
        std::fs::write(&file, big_file(n, &tag)).unwrap();
        let mut child = madoguchi(&db)
            .args(["import", file.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = rng.random_range(full.as_millis() as u64 / 4..full.as_millis().max(2) as u64 * 15 / 10);
        std::thread::sleep(Duration::from_millis(wait));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();

        let store = common::open_db(&db).await;
        if store.sqlite().is_some() {
            assert_eq!(store.integrity_check().await.unwrap(), "ok", "run {run}");
        }
        let categories = common::strings(
            &store,
            "SELECT DISTINCT category FROM procedures WHERE code LIKE 'X%'",
        )
        .await;
        assert_eq!(
            categories.len(),
            1,
            "run {run} (killed after {wait} ms) left a mix: {categories:?}"
        );
        let count = common::scalar(&store, "SELECT count(*) FROM procedures WHERE code LIKE 'X%'").await;
        assert_eq!(count, n as i64, "run {run}");
        if categories[0] == tag {
            kept += 1;
        } else {
            dropped += 1;
        }
        store.close().await;
    }
    eprintln!("12 kills: {kept} imports had committed, {dropped} left nothing (full import {full:?})");
}
