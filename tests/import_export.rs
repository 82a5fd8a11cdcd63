//! `madoguchi import` / `export` through the real binary, on files.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{import_file, procedure};

fn madoguchi(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .env("MADOGUCHI_DB", db)
        .env_remove("MADOGUCHI_BASE_URL")
        .output()
        .expect("runs")
}

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn export_import_export_is_exact() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.db"), dir.path().join("b.db"));
    let extra = dir.path().join("extra.json");
    // An archived procedure with hostile text, linked to a shared office.
    let archived = procedure(
        "ARC1",
        "archived",
        &[("ja", "終了"), ("en", r#"Ended \"quoted\" <b>"#)],
    )
    .replace(r#""revision":1,"texts""#, r#""revision":1,"office":7,"texts""#);
    let office = r#"{"id":7,"texts":{"ja":{"name":"中央区役所","address":"手取本町1-1"},"en":{"name":"Chuo Ward Office"}}}"#;
    let file = import_file(&[archived]).replace(
        r#""procedures":["#,
        &format!(r#""offices":[{office}],"procedures":["#),
    );
    std::fs::write(&extra, file).unwrap();
    // a: samples (loaded by import of the bundled file) plus an archived one.
    ok(madoguchi(
        &a,
        &["import", "--create", "assets/samples/procedures.json"],
    ));
    ok(madoguchi(&a, &["import", extra.to_str().unwrap()]));
    let first = ok(madoguchi(&a, &["export"]));
    let file = dir.path().join("export.json");
    std::fs::write(&file, &first).unwrap();
    ok(madoguchi(&b, &["import", "--create", file.to_str().unwrap()]));
    let out = dir.path().join("again.json");
    ok(madoguchi(&b, &["export", "-o", out.to_str().unwrap()]));
    let second = std::fs::read_to_string(&out).unwrap();
    assert_eq!(first, second);
    assert!(first.contains("\"ARC1\"") && first.contains("Ended \\\"quoted\\\" <b>"));
    assert!(
        first.contains("\"offices\"") && first.contains("\"office\": 7"),
        "offices round-trip too"
    );
    assert_eq!(first.matches("\"code\":").count(), 8);
}

#[test]
fn a_bad_record_changes_nothing_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    ok(madoguchi(
        &db,
        &["import", "--create", "assets/samples/procedures.json"],
    ));
    let before = ok(madoguchi(&db, &["export"]));

    // The first record is good and would change K7Q2; the third is bad.
    let bad = import_file(&[
        procedure("K7Q2", "archived", &[("ja", "変更"), ("en", "Changed")]),
        procedure("NEW1", "published", &[("ja", "新規"), ("en", "New")]),
        procedure("NEW2", "published", &[("ja", "新規"), ("vi", "")]),
    ]);
    let file = dir.path().join("bad.json");
    std::fs::write(&file, bad).unwrap();
    let out = madoguchi(&db, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(r#"procedure #3 (code "NEW2"): texts.vi.title: must not be empty"#),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    assert_eq!(ok(madoguchi(&db, &["export"])), before, "the store is unchanged");

    // Broken JSON names its line.
    std::fs::write(&file, "{\n  \"format\": \"madoguchi-procedures\",\n  \"version\": 1,\n  \"procedures\": [ { \"code\": \"K7Q2\", }\n]}").unwrap();
    let out = madoguchi(&db, &["import", file.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("line 4"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ok(madoguchi(&db, &["export"])), before);
}

#[test]
fn qr_command_writes_a_code_for_the_base_url() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    ok(madoguchi(
        &db,
        &["import", "--create", "assets/samples/procedures.json"],
    ));
    let png = dir.path().join("k.png");
    let svg = dir.path().join("k.svg");
    ok(madoguchi(
        &db,
        &[
            "qr",
            "k7q2",
            "--format",
            "png",
            "--size",
            "400",
            "-o",
            png.to_str().unwrap(),
            "--base-url",
            "https://madoguchi.example.jp",
        ],
    ));
    ok(madoguchi(
        &db,
        &[
            "qr",
            "K7Q2",
            "--format",
            "svg",
            "-o",
            svg.to_str().unwrap(),
            "--base-url",
            "https://city.example.jp/madoguchi",
        ],
    ));
    let img = image::open(&png).unwrap().to_luma8();
    assert!(img.width() <= 400);
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let (_, url) = prepared.detect_grids()[0].decode().unwrap();
    assert_eq!(url, "HTTPS://MADOGUCHI.EXAMPLE.JP/Q/K7Q2");
    // A base URL with a path keeps its case: the path may be case-sensitive.
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<?xml"));
    let out = madoguchi(&db, &["qr", "ZZZZ", "-o", png.to_str().unwrap()]);
    assert!(!out.status.success());
}

/// Run in the wrong folder, a tool says there is no database instead of
/// creating an empty one and reporting success on it.
#[test]
fn tools_refuse_a_missing_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("wrong-folder.db");
    let out_file = dir.path().join("out");
    let out = out_file.to_str().unwrap();
    let ftl = dir.path().join("vi.ftl");
    std::fs::write(&ftl, "# lang: vi\n").unwrap();
    for args in [
        vec!["export"],
        vec!["import", "assets/samples/procedures.json"],
        vec!["qr", "K7Q2", "-o", out],
        vec!["translations", "export", "--lang", "vi", "-o", out],
        vec!["translations", "import", ftl.to_str().unwrap()],
        vec!["backup", out],
        vec!["user", "add", "sato", "--role", "editor"],
    ] {
        let run = madoguchi(&db, &args);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "{args:?} must fail");
        assert!(
            stderr.contains(&format!("no database at {}", db.display())),
            "{args:?}: {stderr}"
        );
        assert!(!db.exists(), "{args:?} created the database");
        assert!(!out_file.exists(), "{args:?} wrote a file");
    }
    // --create makes one on purpose.
    ok(madoguchi(
        &db,
        &["import", "--create", "assets/samples/procedures.json"],
    ));
    assert!(ok(madoguchi(&db, &["export"])).contains("K7Q2"));
}
