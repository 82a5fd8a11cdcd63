//! What translators get from their tools (issue #17): XLIFF whose line
//! breaks survive a CAT tool, field and revision notes, a pivot language;
//! the glossary as TBX; `locales new` for a new language. (The round trip
//! through translate-toolkit itself is `scripts/xliff-roundtrip.py`, in CI.)

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use madoguchi::domain::{Code, LangTag, Procedure};
use madoguchi::i18n::check::Glossary;
use madoguchi::samples;
use madoguchi::store::Store;
use madoguchi::translations::{self, Pivot, ftl, tbx, xliff};
use quick_xml::Reader;
use quick_xml::events::Event;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn madoguchi(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .env("MADOGUCHI_DB", db)
        .env("RUST_LOG", "warn")
        .stdin(Stdio::null())
        .current_dir(root())
        .output()
        .unwrap()
}

async fn sample_procedures() -> (Store, Vec<Procedure>) {
    let store = madoguchi::store::scratch::store().await;
    samples::load_if_empty(&store).await.unwrap();
    let all = store.all_procedures().await.unwrap();
    (store, all)
}

fn lang(tag: &str) -> LangTag {
    LangTag::parse(tag).unwrap()
}

/// The start tag of the element holding `text` (its `xml:space` shows there).
fn start_tag_of<'f>(file: &'f str, text: &str) -> &'f str {
    let at = file
        .find(text)
        .unwrap_or_else(|| panic!("{text:?} not in\n{file}"));
    let open = file[..at].rfind('<').unwrap();
    &file[open..at]
}

#[tokio::test]
async fn line_breaks_are_preserved_and_round_trip_byte_exact() {
    let (store, procedures) = sample_procedures().await;
    let vi = lang("vi");
    let mut units = translations::units(&procedures, &vi);
    // (No carriage return: every edge stores line breaks as LF.)
    let paragraphs = "Đoạn một.\nĐoạn hai.\n\n  Đoạn ba, thụt vào.\nHết";
    units[1].target = Some(paragraphs.to_owned());
    let file = xliff::export(&vi, &units);
    // On the target and on its unit (so a target a CAT tool adds inherits
    // it); not on text a tool would not change.
    assert_eq!(
        start_tag_of(&file, "Đoạn một."),
        "<target xml:space=\"preserve\">"
    );
    let unit_id = format!("{}-{}", units[1].code, units[1].field);
    assert!(
        file.contains(&format!("<unit id=\"{unit_id}\" xml:space=\"preserve\">")),
        "{file}"
    );
    let plain = units[0].target.clone().unwrap();
    assert!(!plain.contains('\n'));
    assert_eq!(start_tag_of(&file, &plain), "<target>");

    let (_, changed) = translations::check(&procedures, xliff::parse(&file), "2026-12-04T00:00:00Z")
        .unwrap_or_else(|p| panic!("{p:?}"));
    store
        .save_procedures(&changed, &madoguchi::domain::Actor::system("test"))
        .await
        .unwrap();
    let procedures = store.all_procedures().await.unwrap();
    let again = translations::units(&procedures, &vi);
    assert_eq!(again[1].target.as_deref(), Some(paragraphs), "every break kept");
    assert_eq!(
        xliff::export(&vi, &again),
        file,
        "export → import → export: the same bytes"
    );
}

#[tokio::test]
async fn notes_name_the_field_and_the_revision() {
    let (_, procedures) = sample_procedures().await;
    let file = xliff::export(&lang("vi"), &translations::units(&procedures, &lang("vi")));
    let unit = &file[file.find("<unit id=\"K7Q2-bring-2\"").unwrap()..];
    let unit = &unit[..unit.find("</unit>").unwrap()];
    assert!(unit.contains("<note category=\"revision\">1</note>"), "{unit}");
    assert!(unit.contains("<note category=\"field\">bring-2</note>"), "{unit}");
}

#[tokio::test]
async fn the_pivot_is_shown_only_when_up_to_date() {
    let (_, mut procedures) = sample_procedures().await;
    let (ne, en) = (lang("ne"), lang("en"));
    let k7q2 = Code::parse("K7Q2").unwrap();
    let title_en = procedures
        .iter()
        .find(|p| p.code == k7q2)
        .and_then(|p| p.text(&en))
        .map(|t| t.fields.title.clone())
        .expect("the samples have English");
    let units = translations::units(&procedures, &ne);
    let pivot = Pivot::of(&procedures, &en);
    let file = xliff::export_with(&ne, &units, Some(&pivot));
    assert!(
        file.contains(&format!("<note category=\"pivot en\">{title_en}</note>")),
        "{file}"
    );
    let fluent = ftl::export_with(&ne, &units, Some(&pivot));
    assert!(fluent.contains(&format!("# en:\n#   {title_en}\n")), "{fluent}");

    // The Japanese moves on to revision 2: the English, from revision 1,
    // is not offered as if it were current.
    let p = procedures.iter_mut().find(|p| p.code == k7q2).unwrap();
    p.revision = 2;
    p.texts
        .iter_mut()
        .find(|t| t.lang == lang("ja"))
        .unwrap()
        .revision = 2;
    let units = translations::units(&procedures, &ne);
    let pivot = Pivot::of(&procedures, &en);
    let stale =
        "en: not shown: the en text was made from Japanese revision 1; the Japanese is now at revision 2";
    let file = xliff::export_with(&ne, &units, Some(&pivot));
    let k7q2_title = &file[file.find("<unit id=\"K7Q2-title\"").unwrap()..];
    let k7q2_title = &k7q2_title[..k7q2_title.find("</unit>").unwrap()];
    assert!(!k7q2_title.contains(&title_en), "{k7q2_title}");
    assert!(
        k7q2_title.contains(&format!("<note category=\"pivot en\">{stale}</note>")),
        "{k7q2_title}"
    );
    let fluent = ftl::export_with(&ne, &units, Some(&pivot));
    assert!(fluent.contains(&format!("# {stale}\n")), "{fluent}");
    assert!(!fluent.contains(&format!("#   {title_en}\n")), "{fluent}");
    // The comments do not get in the way of the import.
    let (_, incoming, problems) = ftl::parse(&fluent);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(incoming.iter().all(|i| i.revision.is_some()));
}

#[test]
fn the_command_line_takes_a_pivot() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let import = madoguchi(&db, &["import", "--create", "assets/samples/procedures.json"]);
    assert!(import.status.success(), "{import:?}");
    let out = madoguchi(
        &db,
        &[
            "translations",
            "export",
            "--lang",
            "ne",
            "--pivot",
            "en",
            "--format",
            "xliff",
        ],
    );
    assert!(out.status.success(), "{out:?}");
    let file = String::from_utf8(out.stdout).unwrap();
    assert!(file.contains("<note category=\"pivot en\">"), "{file}");
    let out = madoguchi(&db, &["translations", "export", "--lang", "ne", "--pivot", "ne"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--pivot ne"),
        "{out:?}"
    );
}

/// (language, Japanese term, preferred, deprecated) read back from a TBX file.
fn read_tbx(text: &str) -> Vec<(String, String, String, Vec<String>)> {
    let mut reader = Reader::from_str(text);
    let mut out = Vec::new();
    let (mut lang, mut ja, mut preferred, mut deprecated) =
        (String::new(), String::new(), String::new(), vec![]);
    let (mut term, mut path) = (String::new(), Vec::<String>::new());
    let mut sec_lang = String::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = String::from_utf8(e.local_name().as_ref().to_vec()).unwrap();
                if name == "langSec" {
                    let a = e.try_get_attribute("xml:lang").unwrap().expect("xml:lang");
                    sec_lang = a.unescape_value().unwrap().into_owned();
                }
                if name == "tbx" {
                    assert_eq!(
                        e.try_get_attribute("type")
                            .unwrap()
                            .unwrap()
                            .unescape_value()
                            .unwrap(),
                        "TBX-Basic"
                    );
                }
                path.push(name);
            }
            Event::Text(t) => {
                let t = t.unescape().unwrap().into_owned();
                match path.last().map(String::as_str) {
                    Some("term") => term = t,
                    Some("termNote") if t == tbx::PREFERRED => preferred = term.clone(),
                    Some("termNote") if t == tbx::DEPRECATED => deprecated.push(term.clone()),
                    _ => {}
                }
            }
            Event::End(_) => match path.pop().as_deref() {
                Some("termSec") if sec_lang == "ja" => ja = term.clone(),
                Some("langSec") if sec_lang != "ja" => lang = sec_lang.clone(),
                Some("conceptEntry") => out.push((
                    std::mem::take(&mut lang),
                    std::mem::take(&mut ja),
                    std::mem::take(&mut preferred),
                    std::mem::take(&mut deprecated),
                )),
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

#[test]
fn the_glossary_exports_as_tbx_per_language() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("unused.db");
    let tsv = std::fs::read_to_string(root().join("locales/glossary.tsv")).unwrap();
    let glossary = Glossary::parse("glossary.tsv", &tsv, &mut Vec::new());
    for tag in ["vi", "zh-Hant", "pt-BR"] {
        let file = dir.path().join(format!("{tag}.tbx"));
        let out = madoguchi(
            &db,
            &[
                "translations",
                "glossary",
                "--lang",
                tag,
                "-o",
                file.to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{out:?}");
        let got = read_tbx(&std::fs::read_to_string(&file).unwrap());
        // Each row of the glossary: its Japanese word as the source, the
        // preferred word, and the wrong word deprecated, in one concept.
        let rows = glossary.avoid(tag);
        assert!(!rows.is_empty());
        let mut want: Vec<(String, String, String, Vec<String>)> = Vec::new();
        for r in rows {
            let ja = r.term.split(" (").next().unwrap().to_owned();
            match want.iter_mut().find(|w| w.1 == ja && w.2 == r.preferred) {
                Some(w) => w.3.push(r.wrong.clone()),
                None => want.push((tag.to_owned(), ja, r.preferred.clone(), vec![r.wrong.clone()])),
            }
        }
        assert_eq!(got, want, "{tag}");
    }
    let zh_text = std::fs::read_to_string(dir.path().join("zh-Hant.tbx")).unwrap();
    // The dialect's schemas, for TBX tools that check them.
    assert!(zh_text.contains("<?xml-model href=\"https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch\""));
    let zh = read_tbx(&zh_text);
    assert_eq!(
        zh[1],
        (
            "zh-Hant".into(),
            "窓口".into(),
            "櫃檯".into(),
            vec!["窗口".into(), "櫃台".into()]
        )
    );
    let out = madoguchi(&db, &["translations", "glossary", "--lang", "de"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no rows for de"),
        "{out:?}"
    );
}

fn copy_locales(to: &Path) {
    for entry in std::fs::read_dir(root().join("locales")).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            for f in std::fs::read_dir(entry.path()).unwrap() {
                let f = f.unwrap();
                std::fs::copy(f.path(), target.join(f.file_name())).unwrap();
            }
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test]
async fn locales_new_makes_a_folder_served_in_english_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let locales = dir.path().join("locales");
    copy_locales(&locales);
    let db = dir.path().join("t.db");
    let dir_arg = locales.to_str().unwrap();
    let new = |args: &[&str]| {
        let mut all = vec!["locales", "new"];
        all.extend(args);
        madoguchi(&db, &all)
    };

    // No terminal to ask on and no names given: a clear refusal.
    let out = new(&["fr", dir_arg]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("give --name"),
        "{out:?}"
    );
    assert!(!locales.join("fr").exists());

    let out = new(&["fr", dir_arg, "--name", "Français", "--name-ja", "フランス語"]);
    assert!(out.status.success(), "{out:?}");
    let names: Vec<String> = std::fs::read_dir(locales.join("fr"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["main.ftl"], "the public files only: no admin.ftl");
    let main = std::fs::read_to_string(locales.join("fr/main.ftl")).unwrap();
    assert!(main.contains("NATIVE REVIEW PENDING"), "{main}");
    assert!(main.contains("\nlanguage-name = Français\n"), "{main}");
    assert!(main.contains("\nlanguage-name-ja = フランス語\n"), "{main}");
    assert!(main.contains("\n# section-bring = What to bring\n"), "{main}");

    // The checker: every other message missing, nothing else.
    let out = madoguchi(&db, &["locales", "check", dir_arg]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    let fr: Vec<&str> = stdout.lines().filter(|l| l.contains("/fr/")).collect();
    assert!(fr.len() > 50, "{stdout}");
    assert!(
        fr.iter().all(|l| l.contains(": error: missing message “")),
        "{fr:#?}"
    );
    let en = std::fs::read_to_string(locales.join("en/main.ftl")).unwrap();
    let messages = fluent_syntax::parser::parse(en.as_str())
        .unwrap()
        .body
        .iter()
        .filter(|e| matches!(e, fluent_syntax::ast::Entry::Message(_)))
        .count();
    assert!(
        stdout.contains(&format!(
            "fr: 2 messages, {} missing, 0 obsolete; {} errors, 0 warnings",
            messages - 2,
            messages - 2
        )),
        "{stdout}"
    );

    // The server serves it: French in the picker, English words meanwhile.
    let server = common::binary::start(&db, &["--locales", dir_arg]);
    let page = reqwest::get(format!("{}/q/K7Q2?lang=fr", server.url))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("<html lang=\"fr\""), "{page}");
    assert!(page.contains(">Français</a>"), "{page}");
    assert!(page.contains("What to bring"), "{page}");
    drop(server);

    // An existing folder, a tag that is not one, a name another has.
    let out = new(&["fr", dir_arg, "--name", "X", "--name-ja", "X"]);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("exists already"),
        "{out:?}"
    );
    let out = new(&["not a tag", dir_arg, "--name", "X", "--name-ja", "X"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("is not a language tag"),
        "{out:?}"
    );
    let out = new(&["de", dir_arg, "--name", "English", "--name-ja", "ドイツ語"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("language-name “English” is also the name of en"),
        "{out:?}"
    );
    assert!(!locales.join("de").exists(), "nothing was made");
}
