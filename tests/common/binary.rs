//! The real binary, started on port 0 with its own database.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub struct Server {
    pub child: Child,
    pub url: String,
    /// Every line written to standard error so far.
    pub log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `madoguchi serve` on a free loopback port; returns once it listens.
/// The database is the test's file, or what stands for it on PostgreSQL
/// ([`super::db_arg`]).
pub fn start(db: &Path, extra: &[&str]) -> Server {
    start_program(
        Command::new(env!("CARGO_BIN_EXE_madoguchi")),
        &super::db_arg(db),
        extra,
    )
}

/// As [`start`], on exactly this SQLite file (tests of SQLite's faults).
pub fn start_sqlite(db: &Path, extra: &[&str]) -> Server {
    start_program(
        Command::new(env!("CARGO_BIN_EXE_madoguchi")),
        db.to_str().expect("a UTF-8 path"),
        extra,
    )
}

/// As [`start`], with `program` standing for the binary (e.g. the binary
/// run as another user) and `db` as `--db` takes it.
pub fn start_program(mut program: Command, db: &str, extra: &[&str]) -> Server {
    // No recordings unless a test asks for them (`--audio-dir`): making
    // them takes CPU the other tests want.
    if !extra.contains(&"--audio-dir") {
        program.env("MADOGUCHI_NO_AUDIO", "true");
    }
    let mut child = program
        .args(["serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .env("MADOGUCHI_DB", db)
        .env("RUST_LOG", "info")
        .env_remove("MADOGUCHI_BASE_URL")
        .env_remove("MADOGUCHI_LOCALES")
        .stderr(Stdio::piped())
        .spawn()
        .expect("starts");
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let log = Arc::new(Mutex::new(Vec::new()));
    let lines = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(i) = line.find("listening on http://") {
                let _ = tx.send(line[i + 13..].trim().to_owned());
            }
            lines.lock().unwrap().push(line);
        }
    });
    let url = rx.recv_timeout(Duration::from_secs(60)).unwrap_or_else(|_| {
        panic!(
            "the server says where it listens; it said: {:?}",
            log.lock().unwrap()
        )
    });
    Server { child, url, log }
}

/// `madoguchi import --create FILE` on `db`, as a separate process.
pub fn import(db: &Path, file: &Path) {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["import", "--create"])
        .arg(file)
        .env("MADOGUCHI_DB", super::db_arg(db))
        .output()
        .expect("import runs");
    assert!(
        out.status.success(),
        "import failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A command of the binary (not `serve`) on `db` as `--db` takes it:
/// whether it succeeded, its standard output and its standard error.
pub fn run(db: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .env("MADOGUCHI_DB", db)
        .env_remove("MADOGUCHI_TENANT")
        .env_remove("MADOGUCHI_BASE_URL")
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
