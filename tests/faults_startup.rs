//! Faults at start-up: a read-only database (served read-only), one it
//! cannot serve (a clear one-line error, no panic), a missing locales
//! folder, locale files that cannot be read.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::faults::prepared;
use madoguchi::i18n::Locales;

/// `madoguchi serve` that must stop at start-up: its standard error.
fn serve_fails(db: &Path, extra: &[&str]) -> String {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .env("MADOGUCHI_DB", db)
        .env("MADOGUCHI_NO_AUDIO", "true")
        .env_remove("MADOGUCHI_BASE_URL")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let until = Instant::now() + Duration::from_secs(30);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > until {
            let _ = child.kill();
            panic!("the server started although it should not");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    stderr
}

#[tokio::test]
async fn the_server_starts_on_a_read_only_database_and_refuses_bad_ones_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("served.db");
    let (writable, _, _) = prepared(&db).await;
    let server = common::binary::start_sqlite(&db, &["--read-only"]);
    let client = reqwest::Client::new();
    for path in ["/q/K7Q2", "/", "/healthz"] {
        let r = client.get(format!("{}{path}", server.url)).send().await.unwrap();
        assert_eq!(r.status(), 200, "{path}");
    }
    let log = server.log.lock().unwrap().join("\n");
    assert!(log.contains("read_only=true"), "{log}");
    assert!(
        log.contains("the database is read-only: public pages are served"),
        "{log}"
    );
    drop(server);

    // No database at all, read-only: one line saying which file.
    let missing = dir.path().join("missing.db");
    let e = serve_fails(&missing, &["--read-only"]);
    assert_eq!(
        e.trim().lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{e}"
    );
    assert!(e.contains("error: opening") && e.contains("missing.db"), "{e}");
    // A schema behind the binary cannot be migrated read-only.
    sqlx::query("DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)")
        .execute(writable.sqlite().unwrap())
        .await
        .unwrap();
    let e = serve_fails(&db, &["--read-only"]);
    assert!(
        e.contains("needs migrations") && e.contains("write access"),
        "{e}"
    );
}

#[test]
fn a_missing_locales_folder_stops_start_up_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let e = serve_fails(&dir.path().join("l.db"), &["--locales", "/nonexistent/locales"]);
    assert!(
        e.contains("error: reading locales from /nonexistent/locales") && e.contains("No such file"),
        "{e}"
    );
}

#[test]
fn unreadable_locale_files_and_a_broken_english_degrade_to_what_works() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for tag in ["en", "ja", "vi"] {
        std::fs::create_dir(dir.path().join(tag)).unwrap();
        std::fs::copy(
            root.join(tag).join("main.ftl"),
            dir.path().join(tag).join("main.ftl"),
        )
        .unwrap();
    }
    // vi: not UTF-8 on line 3; en: a syntax error.
    std::fs::write(dir.path().join("vi/main.ftl"), b"a = b\nc = d\n\xff\xfe = x\n").unwrap();
    std::fs::write(
        dir.path().join("en/main.ftl"),
        "language-name = English\nbroken = {\n",
    )
    .unwrap();
    let (locales, problems) = Locales::from_dir(dir.path()).unwrap();
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    let vi = format!("{}/vi/main.ftl:3:1: error: not UTF-8 text", dir.path().display());
    assert!(problems.contains(&vi), "{problems:?}");
    assert!(
        problems.iter().any(|p| p.ends_with(
            "/en/main.ftl:3:1: error: Expected an inline expression (in the entry starting on line 2)"
        )),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.ends_with("/en:1:1: error: using the built-in English instead")),
        "{problems:?}"
    );
    let tags: Vec<String> = locales.tags().iter().map(ToString::to_string).collect();
    assert_eq!(tags, ["ja", "en"]);
}

/// A database file the server may not write is served read-only. File
/// modes do not stop root: as root (CI), the server runs as `nobody`
/// (through `setpriv`, from a copy of the binary that user can reach).
#[tokio::test]
async fn a_file_it_may_not_write_is_served_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ro.db");
    let (store, _, _) = prepared(&db).await;
    store.close().await;
    let mode =
        |path: &Path, m: u32| std::fs::set_permissions(path, std::fs::Permissions::from_mode(m)).unwrap();
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    for f in &files {
        mode(f, 0o444);
    }
    mode(dir.path(), 0o555);
    let restore = || {
        mode(dir.path(), 0o755);
        for f in &files {
            mode(f, 0o644);
        }
    };
    let bin_dir = tempfile::tempdir().unwrap();
    let program = if std::fs::OpenOptions::new().append(true).open(&db).is_ok() {
        let Some(program) = as_nobody(bin_dir.path()) else {
            restore();
            eprintln!("skipped: root, and setpriv cannot switch to nobody here");
            return;
        };
        program
    } else {
        std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
    };
    let server = common::binary::start_program(program, db.to_str().unwrap(), &[]);
    let r = reqwest::get(format!("{}/q/K7Q2", server.url)).await.unwrap();
    assert_eq!(r.status(), 200);
    let log = server.log.lock().unwrap().join("\n");
    drop(server);
    restore();
    assert!(log.contains("cannot be written; opening it read-only"), "{log}");
    assert!(log.contains("read_only=true"), "{log}");
}

/// The binary, copied where `nobody` can run it, run as `nobody`; `None`
/// when this process cannot switch users.
fn as_nobody(bin_dir: &Path) -> Option<std::process::Command> {
    use std::os::unix::fs::PermissionsExt;
    let ids = ["--reuid=65534", "--regid=65534", "--clear-groups"];
    let works = std::process::Command::new("setpriv")
        .args(ids)
        .arg("true")
        .status()
        .is_ok_and(|s| s.success());
    if !works {
        return None;
    }
    let bin = bin_dir.join("madoguchi");
    std::fs::copy(env!("CARGO_BIN_EXE_madoguchi"), &bin).unwrap();
    std::fs::set_permissions(&bin, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(bin_dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let mut program = std::process::Command::new("setpriv");
    program.args(ids).arg(&bin);
    Some(program)
}
