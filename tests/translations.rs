//! Procedure texts for translators: Fluent and XLIFF files round-trip, and
//! an import with errors names each with its line and changes nothing.

mod common;

use std::process::Command;

use madoguchi::domain::{Code, LangTag};
use madoguchi::samples;
use madoguchi::store::Store;
use madoguchi::translations::{self, Unit, ftl, xliff};

type Parse = fn(&str) -> translations::Parsed;

async fn sample_store() -> Store {
    let store = madoguchi::store::scratch::store().await;
    samples::load_if_empty(&store).await.unwrap();
    store
}

async fn units(store: &Store, lang: &LangTag) -> Vec<Unit> {
    translations::units(&store.all_procedures().await.unwrap(), lang)
}

async fn import(store: &Store, text: &str, parse: Parse) {
    let procedures = store.all_procedures().await.unwrap();
    let (_, changed) = translations::check(&procedures, parse(text), "2026-02-02T00:00:00Z")
        .unwrap_or_else(|p| panic!("{p:?}"));
    store
        .save_procedures(&changed, &madoguchi::domain::Actor::system("test"))
        .await
        .unwrap();
}

async fn round_trip(export: fn(&LangTag, &[Unit]) -> String, parse: Parse) {
    let store = sample_store().await;
    let vi = LangTag::parse("vi").unwrap();
    let before = units(&store, &vi).await;
    assert!(
        before.iter().all(|u| u.target.is_some()),
        "the samples have Vietnamese"
    );
    let file = export(&vi, &before);
    import(&store, &file, parse).await;
    assert_eq!(units(&store, &vi).await, before, "export → import → same texts");
    assert_eq!(export(&vi, &units(&store, &vi).await), file, "and the same file");

    // A new language: nothing translated yet; translate two fields of K7Q2.
    let de = LangTag::parse("de").unwrap();
    let empty = units(&store, &de).await;
    assert!(empty.iter().all(|u| u.target.is_none()));
    let mut translated: Vec<Unit> = empty
        .into_iter()
        .filter(|u| u.code == Code::parse("K7Q2").unwrap())
        .collect();
    for u in &mut translated {
        u.target = Some(format!("DE {} <&> {{x}}", u.field));
    }
    let file = export(&de, &translated);
    import(&store, &file, parse).await;
    let k7q2 = store
        .procedure(&Code::parse("K7Q2").unwrap())
        .await
        .unwrap()
        .unwrap();
    let text = k7q2.text(&de).expect("a German text now");
    assert_eq!(text.fields.title, "DE title <&> {x}");
    assert_eq!(text.revision, k7q2.revision, "records the revision it translates");
    assert_eq!(
        units(&store, &de)
            .await
            .iter()
            .filter(|u| u.target.is_some())
            .count(),
        translated.len()
    );
}

#[tokio::test]
async fn fluent_files_round_trip() {
    round_trip(ftl::export, ftl::parse).await;
}

#[tokio::test]
async fn xliff_files_round_trip() {
    round_trip(xliff::export, xliff::parse).await;
    let store = sample_store().await;
    let file = xliff::export(
        &LangTag::parse("ko").unwrap(),
        &units(&store, &LangTag::parse("ko").unwrap()).await,
    );
    assert!(file.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ja\" trgLang=\"ko\">"));
    assert!(file.contains("<unit id=\"K7Q2-title\">"));
    assert!(file.contains("<note category=\"revision\">1</note>"));
}

fn madoguchi(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .env("MADOGUCHI_DB", common::db_arg(db))
        .env("RUST_LOG", "warn")
        .output()
        .unwrap()
}

#[tokio::test]
async fn an_import_with_errors_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    {
        let store = common::open_db(&db).await;
        samples::load_if_empty(&store).await.unwrap();
    }
    let snapshot = |db: &std::path::Path| String::from_utf8(madoguchi(db, &["export"]).stdout).unwrap();
    let before = snapshot(&db);

    for (name, format) in [("vi.ftl", "ftl"), ("vi.xlf", "xliff")] {
        let file = dir.path().join(name);
        let out = madoguchi(
            &db,
            &[
                "translations",
                "export",
                "--lang",
                "vi",
                "-o",
                file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{out:?}");
        let good = std::fs::read_to_string(&file).unwrap();
        let bad = match format {
            "ftl" => {
                good.replacen("p-K7Q2-title =", "p-ZZZZ-title =", 1)
                    .replacen("p-H3N8-fee =", "p-H3N8-price =", 1)
                    .replacen("ja (revision 1):", "ja (revision 9):", 1)
                    + "p-K7Q2-notes = { $oops\n"
            }
            _ => good
                .replacen("<unit id=\"K7Q2-title\">", "<unit id=\"ZZZZ-title\">", 1)
                .replacen("<unit id=\"H3N8-fee\">", "<unit id=\"H3N8-price\">", 1)
                .replacen(
                    "<note category=\"revision\">1</note>",
                    "<note category=\"revision\">9</note>",
                    1,
                ),
        };
        // Also a real change, which must not land either.
        let bad = bad.replacen("Cách phân loại", "CHANGED", 1);
        std::fs::write(&file, &bad).unwrap();
        let out = madoguchi(&db, &["translations", "import", file.to_str().unwrap()]);
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(out.status.code(), Some(1), "{stderr}");
        let line_of = |needle: &str| bad.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let path = file.display().to_string();
        let unknown = if format == "ftl" {
            "p-ZZZZ-title"
        } else {
            "\"ZZZZ-title\""
        };
        let field = if format == "ftl" {
            "p-H3N8-price"
        } else {
            "\"H3N8-price\""
        };
        for expected in [
            format!("{path}:{}: unknown or draft procedure “ZZZZ”", line_of(unknown)),
            format!("{path}:{}: H3N8: unknown field “price”", line_of(field)),
            "revision 9 does not exist (the Japanese text is at revision 1)".to_owned(),
            "nothing was imported".to_owned(),
        ] {
            assert!(
                stderr.contains(&expected),
                "{format}: expected {expected:?} in\n{stderr}"
            );
        }
        if format == "ftl" {
            assert!(
                stderr.contains(&format!("{path}:{}: ", bad.lines().count())),
                "syntax error line\n{stderr}"
            );
        }
        assert_eq!(snapshot(&db), before, "{format}: nothing changed");
    }
}

/// An archived procedure's note (what its old posters now lead to) goes out
/// to translators and comes back like any other field, in both formats.
#[tokio::test]
async fn the_archive_note_is_exported_and_imported() {
    for (export, parse) in [
        (
            ftl::export as fn(&LangTag, &[Unit]) -> String,
            ftl::parse as Parse,
        ),
        (xliff::export, xliff::parse),
    ] {
        let store = sample_store().await;
        let code = Code::parse("K7Q2").unwrap();
        let ja = LangTag::parse("ja").unwrap();
        store
            .set_status(
                &code,
                madoguchi::domain::Status::Archived,
                &[(
                    ja,
                    "新しい手続きを使ってください。\n窓口で聞いてください。".into(),
                )],
                &madoguchi::domain::Actor::system("test"),
            )
            .await
            .unwrap();
        let vi = LangTag::parse("vi").unwrap();
        let mut all = units(&store, &vi).await;
        let note = all
            .iter_mut()
            .find(|u| u.code == code && u.field == "ended_note")
            .expect("the archived procedure's note is offered");
        assert!(note.source.contains("新しい手続き") && note.target.is_none());
        note.target = Some("Hãy dùng thủ tục mới.\nHỏi tại quầy.".into());
        let file = export(&vi, &all);
        import(&store, &file, parse).await;
        let stored = store.procedure(&code).await.unwrap().unwrap();
        assert_eq!(
            stored.text(&vi).unwrap().fields.ended_note,
            "Hãy dùng thủ tục mới.\nHỏi tại quầy."
        );
    }
}
