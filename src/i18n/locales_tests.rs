//! Tests of `locales.rs` (kept apart: the file was past 400 lines).

use super::*;

fn folders(list: &[(&str, &str)]) -> Sources {
    let folders = list
        .iter()
        .map(|(name, ftl)| Folder {
            name: (*name).into(),
            files: vec![File {
                path: format!("loc/{name}/main.ftl"),
                text: (*ftl).into(),
            }],
        })
        .collect();
    Sources {
        root: "loc".into(),
        folders,
        ..Sources::default()
    }
}

#[test]
fn broken_folders_are_reported_with_line_and_skipped() {
    let (locales, problems) = Locales::build(folders(&[
        ("en", "language-name = English\nhello = Hello { $name }\n"),
        ("vi", "language-name = Tiếng Việt\n\nbroken = {\n"),
        ("not a tag", "language-name = X\n"),
    ]));
    assert_eq!(locales.tags().len(), 1);
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "loc/vi/main.ftl:4:1: error: Expected an inline expression (in the entry starting on line 3)",
            "loc/not a tag:1:1: error: “not a tag” is not a language tag this service understands",
            "loc/vi:1:1: error: folder not served: 1 error (see `madoguchi locales check`)",
            "loc/not a tag:1:1: error: folder not served: 1 error (see `madoguchi locales check`)",
        ]
    );
}

#[test]
fn missing_messages_fall_back_and_variables_are_clean() {
    let (locales, problems) = Locales::build(folders(&[
        (
            "en",
            "language-name = English\nhello = Hello { $name }\nonly-en = Only\n",
        ),
        ("ko", "language-name = 한국어\nhello = 안녕하세요 { $name }\n"),
    ]));
    assert!(
        problems.is_empty(),
        "a missing message is no reason to refuse: {problems:?}"
    );
    let ko = locales.get(&LangTag::parse("ko").unwrap()).unwrap();
    let mut args = FluentArgs::new();
    args.set("name", "Kim");
    assert_eq!(locales.format(ko, "hello", Some(&args)), "안녕하세요 Kim");
    assert_eq!(locales.format(ko, "only-en", None), "Only");
    assert_eq!(locales.format(ko, "no-such-id", None), "no such id");
}

#[test]
fn the_shipped_locales_load_cleanly() {
    let (locales, problems) = Locales::embedded();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        locales.all()[0].tag.to_string(),
        if locales.tags().len() > 1 { "ja" } else { "en" }
    );
}

#[test]
fn a_tenant_offers_only_its_languages_and_japanese() {
    let (locales, _) = Locales::embedded();
    let tag = |s: &str| LangTag::parse(s).unwrap();
    let some = locales.only(&[tag("vi"), tag("en")]);
    let offered: Vec<String> = some.tags().iter().map(ToString::to_string).collect();
    assert_eq!(offered, ["ja", "en", "vi"]);
    assert_eq!(some.all().len(), 3);
    assert!(some.get(&tag("ko")).is_none(), "not offered");
    // A Korean phone gets English, as with any language not offered.
    assert_eq!(some.negotiate(&[tag("ko")]).tag.to_string(), "en");
    assert_eq!(some.negotiate(&[tag("vi"), tag("en")]).tag.to_string(), "vi");
    // Without English, the fallback is Japanese; English still fills
    // a message a locale lacks.
    let vi_only = locales.only(&[tag("vi")]);
    assert_eq!(vi_only.negotiate(&[tag("ko")]).tag.to_string(), "ja");
    assert_eq!(locales.only(&[]).tags(), locales.tags());
}
