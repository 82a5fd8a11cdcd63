//! A running server notices edited locale files: pages show the new words
//! within a few seconds (no cached page keeps the old ones), and a broken
//! edit leaves the previous words in place with the problem in the log.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::binary::start;

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
async fn edited_locale_files_show_without_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let locales = dir.path().join("locales");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"), &locales);
    let server = start(
        &dir.path().join("l.db"),
        &["--locales", locales.to_str().unwrap()],
    );
    let client = reqwest::Client::new();
    let page = || {
        let request = client
            .get(format!("{}/q/K7Q2", server.url))
            .header("accept-language", "vi");
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    // Twice: the second comes from the ready answers.
    for _ in 0..2 {
        assert!(page().await.contains("Tiếng Việt<"));
    }

    let vi = locales.join("vi/main.ftl");
    let text = std::fs::read_to_string(&vi).unwrap();
    let edited = text.replace(
        "language-name = Tiếng Việt\n",
        "language-name = Tiếng Việt (mới)\n",
    );
    assert_ne!(edited, text);
    std::fs::write(&vi, &edited).unwrap();
    let until = Instant::now() + Duration::from_secs(15);
    while !page().await.contains("Tiếng Việt (mới)") {
        assert!(Instant::now() < until, "the edit never showed");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // A broken edit: the page keeps the last good words and stays Vietnamese.
    std::fs::write(&vi, format!("{edited}broken = {{\n")).unwrap();
    let line = edited.lines().count() + 1;
    let until = Instant::now() + Duration::from_secs(15);
    loop {
        let log = server.log.lock().unwrap().join("\n");
        if log.contains("still serving the previous ones") {
            // The validator's line: where the parser stopped, and the entry.
            let at = format!(
                "vi/main.ftl:{}:1: error: Expected an inline expression (in the entry starting on line {line})",
                line + 1
            );
            assert!(log.contains(&at), "{log}");
            break;
        }
        assert!(Instant::now() < until, "no warning about the broken file: {log}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let after = page().await;
    assert!(after.contains("Tiếng Việt (mới)"));
    assert!(after.contains(r#"<html lang="vi""#));
}

/// Issue #11: a new French file with a misspelt variable failed
/// `locales check` but was served, showing `Je parle {$langage}.`. The
/// reload runs the same validator: the file is refused, with its
/// `path:line:column`, and the previous words stay.
#[tokio::test]
async fn a_new_locale_that_fails_the_check_is_not_served() {
    let dir = tempfile::tempdir().unwrap();
    let locales = dir.path().join("locales");
    copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"), &locales);
    let server = start(
        &dir.path().join("l.db"),
        &["--locales", locales.to_str().unwrap()],
    );
    let client = reqwest::Client::new();
    let page = || {
        let request = client
            .get(format!("{}/q/K7Q2", server.url))
            .header("accept-language", "fr, en;q=0.5");
        async move { request.send().await.unwrap().text().await.unwrap() }
    };
    assert!(page().await.contains(r#"<html lang="en""#));

    let en = std::fs::read_to_string(locales.join("en/main.ftl")).unwrap();
    let french: String = en
        .lines()
        .map(|l| match l.split_once(" = ") {
            Some(("language-name", _)) => "language-name = Français".to_owned(),
            Some(("card-language", _)) => "card-language = Je parle { $langage }.".to_owned(),
            _ => l.to_owned(),
        })
        .map(|l| l + "\n")
        .collect();
    let line = french
        .lines()
        .position(|l| l.starts_with("card-language"))
        .unwrap()
        + 1;
    std::fs::create_dir(locales.join("fr")).unwrap();
    std::fs::write(locales.join("fr/main.ftl"), &french).unwrap();

    let expected = format!(
        "fr/main.ftl:{line}:28: error: unknown variable “$langage” in “card-language”: the reference has no such variable"
    );
    let until = Instant::now() + Duration::from_secs(15);
    loop {
        let log = server.log.lock().unwrap().join("\n");
        if log.contains("still serving the previous ones") {
            assert!(log.contains(&expected), "{expected}\n{log}");
            assert!(!log.contains("reloaded"), "{log}");
            break;
        }
        assert!(Instant::now() < until, "no warning about the French file: {log}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let after = page().await;
    assert!(after.contains(r#"<html lang="en""#), "{after}");
    assert!(!after.contains("langage"), "{after}");

    // `locales check` says the same about the same folder.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["locales", "check", locales.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.lines().any(|l| l.ends_with(&expected)), "{stdout}");
}
