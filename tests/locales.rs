//! Locale folders: the checker, broken folders at start-up, adding a
//! language by adding a folder, Easy Japanese with ruby, right-to-left.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use axum::Router;
use common::{BASE, get};
use madoguchi::domain::BaseUrl;
use madoguchi::i18n::{Locales, check};
use madoguchi::{AppState, app, samples};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

async fn app_on(locales: Locales) -> Router {
    let store = madoguchi::store::scratch::store().await;
    samples::load_if_empty(&store).await.expect("samples load");
    app(AppState::new(store, locales, BaseUrl::parse(BASE).unwrap()))
}

/// The picker's language tags, in order.
fn picker(html: &str) -> Vec<String> {
    let nav = &html[html.find("<ul class=\"langs\">").expect("a picker")..];
    let nav = &nav[..nav.find("</ul>").unwrap()];
    nav.split("hreflang=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

#[test]
fn every_shipped_locale_passes_the_check() {
    let report = check::check_dir(&root().join("locales")).unwrap();
    let problems: Vec<String> = report.problems.iter().map(ToString::to_string).collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(report.summaries.len(), 20, "19 languages and Easy Japanese");
    for s in &report.summaries {
        assert_eq!((s.errors, s.missing), (0, 0), "{s}");
    }
}

#[test]
fn the_check_command_passes_on_the_shipped_locales() {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["locales", "check"])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{stdout}");
    assert!(
        stdout.contains("ja-Hira: 73 messages, 0 missing, 0 obsolete; 0 errors, 0 warnings"),
        "{stdout}"
    );
    // Without a folder named, the bundled samples are checked too: clean.
    assert!(!stdout.contains(": warning: "), "{stdout}");
}

#[test]
fn broken_fixture_locales_give_the_exact_reports() {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["locales", "check", "tests/fixtures/locales-broken"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "errors make it fail");
    let expected = std::fs::read_to_string(root().join("tests/fixtures/locales-broken.expected")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    // Spot checks, so the expected file cannot silently go stale.
    for line in [
        "tests/fixtures/locales-broken/vi/main.ftl:5:5: error: Expected a token starting with \"}\" (in the entry starting on line 4)",
        "tests/fixtures/locales-broken/ko/main.ftl:2:18: error: unknown variable “$user” in “hello”: the reference has no such variable",
        "tests/fixtures/locales-broken/ko/main.ftl:4:7: error: markup in “bye”: write plain text; the page escapes it (furigana: 漢字《かんじ》)",
        "tests/fixtures/locales-broken/ko/main.ftl:5:1: error: duplicate id “bye” (first at tests/fixtures/locales-broken/ko/main.ftl:4)",
        "tests/fixtures/locales-broken/ko/main.ftl:6:1: warning: obsolete message “extra”: not in the reference",
        "tests/fixtures/locales-broken/fr/main.ftl:3:1: error: “code-box” is empty",
        "tests/fixtures/locales-broken/vi/main.ftl:1:1: error: missing message “bye” (see tests/fixtures/locales-broken/en/main.ftl:6)",
        "ko: 5 messages, 0 missing, 1 obsolete; 4 errors, 2 warnings",
    ] {
        assert!(expected.lines().any(|l| l == line), "missing: {line}\n{expected}");
    }
}

#[test]
fn reference_problems_are_reported_with_file_line_column() {
    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["locales", "check", "tests/fixtures/locales-refs"])
        .current_dir(root())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "errors make it fail");
    let expected = std::fs::read_to_string(root().join("tests/fixtures/locales-refs.expected")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    // Every broken reference in the fixture, so the expected file cannot
    // silently go stale.
    let at = "tests/fixtures/locales-refs";
    for line in [
        "es/main.ftl:5:37: error: unknown term “-no-such-term” in “card”",
        "es/main.ftl:9:5: error: The select expression must have a default variant (in the entry starting on line 6)",
        "fr/main.ftl:4:23: error: unknown term “-marque” in “about”",
        "fr/main.ftl:5:28: error: unknown attribute “about.sujet” in “about.title”",
        "fr/main.ftl:6:19: error: unknown attribute “about.titre” in “card”",
        "fr/main.ftl:6:38: error: unknown message “no-such-message” in “card”",
        "fr/main.ftl:12:10: error: circular reference: ping → pong → ping",
        "fr/main.ftl:13:28: error: unknown variable “$langage” in “card-language”: the reference has no such variable",
        "fr/main.ftl:11:1: warning: obsolete message “ping”: not in the reference",
        "fr/main.ftl:4:1: warning: “about” does not refer to “-brand” as the reference does",
    ] {
        let line = format!("{at}/{line}");
        assert!(expected.lines().any(|l| l == line), "missing: {line}\n{expected}");
    }
    // Start-up and reload use the same validator: neither is served.
    let (locales, problems) = Locales::from_dir(&root().join(at)).unwrap();
    let tags: Vec<String> = locales.tags().iter().map(ToString::to_string).collect();
    assert_eq!(tags, ["en"]);
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(
        problems.iter().any(|p| p.ends_with(&format!(
            "{at}/fr/main.ftl:12:10: error: circular reference: ping → pong → ping"
        ))),
        "{problems:#?}"
    );
}

/// The case from issue #11: a new French file whose variable is misspelt.
#[test]
fn an_unknown_variable_fails_the_check_and_is_not_loaded() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&root().join("locales/en"), &dir.path().join("en"));
    let fr = dir.path().join("fr");
    std::fs::create_dir(&fr).unwrap();
    std::fs::write(fr.join("main.ftl"), french()).unwrap();
    let line = french()
        .lines()
        .position(|l| l.starts_with("card-language"))
        .unwrap()
        + 1;
    let expected = format!(
        "{}/fr/main.ftl:{line}:28: error: unknown variable “$langage” in “card-language”: the reference has no such variable",
        dir.path().display()
    );

    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["locales", "check", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(stdout.lines().any(|l| l == expected), "{expected}\n{stdout}");

    let (locales, problems) = Locales::from_dir(dir.path()).unwrap();
    let problems: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert!(problems.contains(&expected), "{problems:#?}");
    assert!(!locales.tags().iter().any(|t| t.to_string() == "fr"));
}

/// English made French enough, with the misspelt variable of issue #11.
fn french() -> String {
    let en = std::fs::read_to_string(root().join("locales/en/main.ftl")).unwrap();
    en.lines()
        .map(|l| match l.split_once(" = ") {
            Some(("language-name", _)) => "language-name = Français".to_owned(),
            Some(("card-language", _)) => "card-language = Je parle { $langage }.".to_owned(),
            _ => l.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[tokio::test]
async fn a_broken_folder_is_skipped_and_the_others_served() {
    let (locales, problems) = Locales::from_dir(&root().join("tests/fixtures/locales-broken")).unwrap();
    let reported: Vec<String> = problems.iter().map(ToString::to_string).collect();
    // The validator's own lines, as `locales check` prints them.
    for line in [
        "tests/fixtures/locales-broken/vi/main.ftl:5:5: error: Expected a token starting with \"}\" (in the entry starting on line 4)",
        "tests/fixtures/locales-broken/fr/main.ftl:3:1: error: “code-box” is empty",
        "tests/fixtures/locales-broken/ko/main.ftl:2:18: error: unknown variable “$user” in “hello”: the reference has no such variable",
    ] {
        assert!(
            reported.iter().any(|p| p.ends_with(line)),
            "{line}\n{reported:#?}"
        );
    }
    // A missing message is shown in English: no reason to refuse a folder.
    assert!(
        !reported.iter().any(|p| p.contains("missing message")),
        "{reported:#?}"
    );
    assert!(
        reported.iter().any(|p| p.contains("locales-broken/not a tag:")),
        "{reported:#?}"
    );
    let tags: Vec<String> = locales.tags().iter().map(ToString::to_string).collect();
    assert!(
        tags.contains(&"de".to_owned()) && tags.contains(&"en".to_owned()),
        "{tags:?}"
    );
    for skipped in ["vi", "fr", "ko"] {
        assert!(
            !tags.contains(&skipped.to_owned()),
            "{skipped} served broken: {tags:?}"
        );
    }
    let app = app_on(locales).await;
    let de = get(&app, "/q/K7Q2", &[("accept-language", "de")]).await;
    assert_eq!(de.status, 200);
    assert_eq!(de.html_lang(), "de");
    let vi = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await;
    assert_eq!(vi.status, 200);
    assert_eq!(vi.html_lang(), "en", "the skipped language falls back");
}

#[tokio::test]
async fn adding_a_folder_adds_a_language() {
    let dir = tempfile::tempdir().unwrap();
    for tag in ["en", "ja"] {
        copy_dir(&root().join("locales").join(tag), &dir.path().join(tag));
    }
    let de = dir.path().join("de");
    std::fs::create_dir(&de).unwrap();
    let en = std::fs::read_to_string(root().join("locales/en/main.ftl")).unwrap();
    let translated = en
        .replace("language-name = English", "language-name = Deutsch")
        .replace(
            "section-bring = What to bring",
            "section-bring = Was Sie mitbringen",
        );
    std::fs::write(de.join("main.ftl"), translated).unwrap();

    let (locales, problems) = Locales::from_dir(dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let app = app_on(locales).await;
    let page = get(&app, "/q/K7Q2", &[("accept-language", "de-AT, en;q=0.5")]).await;
    assert_eq!(page.html_lang(), "de");
    let html = page.text();
    assert!(html.contains("Was Sie mitbringen"));
    assert!(html.contains(">Deutsch</a>"), "listed in the picker");
    assert_eq!(picker(&html), ["ja", "en", "de"]);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[tokio::test]
async fn easy_japanese_has_ruby_and_is_only_chosen_explicitly() {
    let (locales, problems) = Locales::embedded();
    assert!(problems.is_empty(), "{problems:?}");
    let app = app_on(locales).await;

    let page = get(&app, "/q/K7Q2?lang=ja-Hira", &[("accept-language", "vi")]).await;
    assert_eq!(page.status, 200);
    assert_eq!(page.html_lang(), "ja-Hira");
    assert!(page.header("set-cookie").starts_with("lang=ja-Hira"));
    let html = page.text();
    assert!(
        html.contains("<ruby>持<rp>(</rp><rt>も</rt><rp>)</rp></ruby>って"),
        "labels carry ruby: {html}"
    );
    assert!(!html.contains('《'), "no raw notation left anywhere");
    let title = &html[html.find("<title>").unwrap()..html.find("</title>").unwrap()];
    assert!(
        !title.contains("<ruby>") && !title.contains("&#60;"),
        "plain title: {title}"
    );
    assert!(title.contains("窓口の　案内"), "{title}");

    // The procedure's own Easy Japanese text, with its furigana.
    assert!(
        html.contains("<h1><ruby>転入届<rp>(</rp><rt>てんにゅうとどけ</rt><rp>)</rp></ruby>（"),
        "{html}"
    );
    assert!(!html.contains("class=\"notice\""), "no fallback notice");
    assert!(
        title.starts_with("<title>転入届（熊本市に　引っ越して　きたとき）"),
        "{title}"
    );
    // Without an Easy Japanese text, the Japanese one, with a notice.
    let t6zx = get(&app, "/q/T6ZX", &[("cookie", "lang=ja-Hira")]).await.text();
    assert!(t6zx.contains("class=\"notice\""), "{t6zx}");
    assert!(t6zx.contains(r#"<article class="text" lang="ja""#), "{t6zx}");

    let tags = picker(&html);
    assert_eq!(&tags[..3], ["ja", "ja-Hira", "en"], "offered next to Japanese");
    assert!(html.contains(">やさしい日本語</a>"));

    // A phone set to Japanese gets ordinary Japanese, never Easy Japanese.
    for header in [
        "ja",
        "ja-JP",
        "ja-JP, ja;q=0.9, en;q=0.5",
        "ja-Hira-JP;q=0.1, ja-JP",
    ] {
        let page = get(&app, "/q/K7Q2", &[("accept-language", header)]).await;
        assert_eq!(page.html_lang(), "ja", "{header}");
        assert!(!page.text().contains("<ruby>"), "{header}");
    }
    // The cookie remembers the explicit choice.
    let page = get(
        &app,
        "/",
        &[("cookie", "lang=ja-Hira"), ("accept-language", "ja")],
    )
    .await;
    assert_eq!(page.html_lang(), "ja-Hira");
}

#[tokio::test]
async fn a_right_to_left_locale_renders_rtl() {
    let (locales, problems) = Locales::from_dir(&root().join("tests/fixtures/locales-rtl")).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let app = app_on(locales).await;
    let page = get(&app, "/q/K7Q2", &[("accept-language", "ar-EG")]).await;
    assert_eq!(page.html_lang(), "ar");
    let html = page.text();
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
    assert!(html.contains("ما يجب إحضاره"));
    // The procedure text (not in Arabic) keeps its own direction.
    assert!(html.contains(r#"lang="en" dir="ltr""#), "{html}");
    // The stylesheet uses logical properties only, so RTL mirrors.
    let css = std::fs::read_to_string(root().join("assets/site.css")).unwrap();
    for physical in ["left", "right"] {
        assert!(!css.contains(physical), "physical `{physical}` in site.css");
    }
}

/// The real binary, started on the broken fixture folders: it reports them
/// with file and line, starts anyway, and serves the others.
#[tokio::test]
async fn the_server_starts_despite_a_broken_locale_folder() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;

    /// Stops the server however the test ends.
    struct Guard(std::process::Child);
    impl Drop for Guard {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--locales",
            "tests/fixtures/locales-broken",
        ])
        .current_dir(root())
        .env("MADOGUCHI_DB", dir.path().join("m.db"))
        .env("MADOGUCHI_NO_AUDIO", "true")
        .env("RUST_LOG", "info")
        .env_remove("MADOGUCHI_BASE_URL")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let _guard = Guard(child);
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let mut log = Vec::new();
    let url = loop {
        let line = rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .unwrap_or_else(|_| panic!("no start: {log:#?}"));
        if let Some(i) = line.find("listening on http://") {
            break line[i + 13..].trim().to_owned();
        }
        log.push(line);
    };
    assert!(
        log.iter()
            .any(|l| l.contains("tests/fixtures/locales-broken/vi/main.ftl:5:5: error:")),
        "{log:#?}"
    );
    assert!(
        log.iter().any(|l| l.contains("locales-broken/not a tag:")),
        "{log:#?}"
    );
    let page = reqwest::Client::new()
        .get(format!("{url}/q/K7Q2"))
        .header("accept-language", "fr, de;q=0.5, en;q=0.1")
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), 200);
    // fr has an empty message: not served, so the next choice is.
    assert!(page.text().await.unwrap().contains(r#"<html lang="de""#));
}

/// Issue #11: numbers reach Fluent as numbers, so each language's plural
/// forms are chosen (a string would always take the default, "1 seconds").
#[test]
fn numbers_choose_the_plural_form() {
    use madoguchi::i18n::Localizer;
    let (locales, problems) = Locales::embedded();
    assert!(problems.is_empty(), "{problems:?}");
    let in_lang = |tag: &str| {
        let locale = locales.get(&tag.parse().unwrap()).unwrap();
        Localizer::new(&locales, locale)
    };
    for (tag, one, two) in [
        (
            "en",
            "Please wait 1 second, then try again.",
            "Please wait 2 seconds, then try again.",
        ),
        (
            "es",
            "Espere 1 segundo y vuelva a intentarlo.",
            "Espere 2 segundos y vuelva a intentarlo.",
        ),
        (
            "pt-BR",
            "Aguarde 1 segundo e tente novamente.",
            "Aguarde 2 segundos e tente novamente.",
        ),
    ] {
        let l = in_lang(tag);
        assert_eq!(l.tn("too-many-body", "seconds", 1_u64), one, "{tag}");
        assert_eq!(l.tn("too-many-body", "seconds", 2_u64), two, "{tag}");
    }
    // The staff words too.
    let en = in_lang("en");
    assert_eq!(
        en.tn("admin-login-throttled", "seconds", 1_u64),
        "Too many failed sign-ins. Please wait 1 second and try again."
    );
    assert_eq!(en.tn("admin-err-too-many-items", "max", 1_u64), "At most 1 item.");
    // A number passed as text never selects "one": why `tn` exists.
    assert_eq!(
        en.t1("too-many-body", "seconds", "1"),
        "Please wait 1 seconds, then try again."
    );
}

/// The 429 page (a visitor over the QR budget) counts the wait in the
/// visitor's language, from a number.
#[tokio::test]
async fn the_too_many_page_says_how_many_seconds() {
    let store = madoguchi::store::scratch::store().await;
    samples::load_if_empty(&store).await.expect("samples load");
    let state = AppState::new(store, Locales::embedded().0, BaseUrl::parse(BASE).unwrap()).with_qr_limit(1);
    let app = app(state);
    let es = [("accept-language", "es")];
    assert_eq!(get(&app, "/qr/K7Q2.svg", &es).await.status, 200);
    let page = get(&app, "/qr/K7Q2.svg", &es).await;
    assert_eq!(page.status, 429);
    let html = page.text();
    let at = html.find("Espere ").expect("the Spanish message") + "Espere ".len();
    let (n, rest) = html[at..].split_once(' ').unwrap();
    let n: u64 = n.parse().unwrap_or_else(|_| panic!("a number: {html}"));
    let unit = if n == 1 { "segundo " } else { "segundos " };
    assert!(rest.starts_with(unit), "{n} {rest}");
}

/// Issue #11: the resident's line is a fixed sentence in their language
/// (not "Tôi nói Tiếng Việt."), and the Japanese card still names the
/// language for the staff.
#[tokio::test]
async fn the_card_says_which_language_the_visitor_speaks() {
    let app = app_on(Locales::embedded().0).await;
    for (lang, japanese, own) in [
        ("vi", "私はベトナム語を話します。", "Tôi nói tiếng Việt."),
        ("es", "私はスペイン語を話します。", "Hablo español."),
        ("zh-CN", "私は中国語（簡体字）を話します。", "我说中文。"),
    ] {
        let html = get(&app, "/q/K7Q2", &[("accept-language", lang)]).await.text();
        let card = &html[html.find(r#"<div class="card-body" lang="ja">"#).unwrap()..];
        let card = &card[..card.find("</div>").unwrap()];
        assert!(card.contains(&format!("<p>{japanese}</p>")), "{lang}: {card}");
        assert!(html.contains(&format!(" · {own}</p>")), "{lang}: {html}");
    }
}

/// The glossary's wrong words, in a sample procedure text, are named with
/// their file, line and column.
#[test]
fn the_check_names_glossary_words_in_the_samples() {
    let dir = tempfile::tempdir().unwrap();
    let samples = std::fs::read_to_string(root().join("assets/samples/procedures.json")).unwrap();
    let at = samples
        .find("thẻ lưu trú")
        .expect("the Vietnamese residence card");
    let edited = format!(
        "{}thẻ cư trú{}",
        &samples[..at],
        &samples[at + "thẻ lưu trú".len()..]
    );
    let file = dir.path().join("samples.json");
    std::fs::write(&file, &edited).unwrap();
    let line = edited[..at].matches('\n').count() + 1;
    let column = edited[..at].rsplit('\n').next().unwrap().chars().count() + 1;

    let out = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["locales", "check", "locales", "--samples", file.to_str().unwrap()])
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "a warning, not an error: {stdout}");
    let expected = format!("{}:{line}:{column}: warning: “thẻ cư trú” in ", file.display());
    let warnings: Vec<&str> = stdout.lines().filter(|l| l.contains(": warning: ")).collect();
    assert_eq!(warnings.len(), 1, "{stdout}");
    assert!(warnings[0].starts_with(&expected), "{expected}\n{stdout}");
    assert!(
        warnings[0].ends_with(
            "(vi): the glossary says “thẻ lưu trú” for 在留カード (residence card) (not “thẻ cư trú”)"
        ),
        "{stdout}"
    );
}
