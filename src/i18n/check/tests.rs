//! The validator on small locales made in place.

use super::*;

fn folders(list: &[(&str, &str)]) -> Sources {
    let folders = list
        .iter()
        .map(|(name, text)| Folder {
            name: name.to_string(),
            files: vec![File {
                path: format!("l/{name}/main.ftl"),
                text: text.to_string(),
            }],
        })
        .collect();
    Sources {
        root: "l".into(),
        folders,
        ..Sources::default()
    }
}

fn lines(report: &Report) -> Vec<String> {
    report.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn positions_are_exact() {
    assert_eq!(line_col("ab\ncdé f", 8), (2, 5));
    assert_eq!(line_col("x", 0), (1, 1));
}

#[test]
fn compares_with_the_reference() {
    let report = check(&folders(&[
        ("en", "a = A { $n }\nb = B\n    .title = T\nc = C\nd = D\n"),
        (
            "vi",
            "a = A { $m }\nb = B\nc = <b>C</b>\nz = Z\nc = again\nd = かな《かな》 漢字《かんじ》\n",
        ),
    ]));
    assert_eq!(
        lines(&report),
        [
            "l/en/main.ftl:1:1: error: no “language-name” message: the language picker cannot name this language",
            "l/vi/main.ftl:1:1: error: no “language-name” message: the language picker cannot name this language",
            "l/vi/main.ftl:1:1: warning: “a” does not use the variable “$n” of the reference",
            "l/vi/main.ftl:1:9: error: unknown variable “$m” in “a”: the reference has no such variable",
            "l/vi/main.ftl:2:1: error: missing attribute “b.title”",
            "l/vi/main.ftl:3:5: error: markup in “c”: write plain text; the page escapes it (furigana: 漢字《かんじ》)",
            "l/vi/main.ftl:4:1: warning: obsolete message “z”: not in the reference",
            "l/vi/main.ftl:5:1: error: duplicate id “c” (first at l/vi/main.ftl:3)",
            "l/vi/main.ftl:6:7: warning: furigana in “d” not understood: write 漢字《かんじ》, or ｜base《reading》 when the base is not all kanji",
        ]
    );
    assert_eq!(report.summaries[1].obsolete, 1);
    assert_eq!(report.summaries[1].errors, 5);
}

#[test]
fn plural_forms_functions_and_glossary_words() {
    let mut sources = folders(&[
        (
            "en",
            "language-name = English\nwait = { $n ->\n    [one] one\n   *[other] more\n}\n",
        ),
        (
            "vi",
            "language-name = Tiếng Việt\nwait = { $n ->\n    [one] một\n   *[other] { NUMBER($n) } Thẻ cư trú\n}\n",
        ),
        (
            "ja",
            "language-name = 日本語\nwait = { $n ->\n    [few] 少し\n   *[other] たくさん\n}\n",
        ),
    ]);
    sources.glossary = Some(File {
        path: "l/glossary.tsv".into(),
        text: "vi\t在留カード\tthẻ lưu trú\tthẻ cư trú\n".into(),
    });
    let report = check(&sources);
    assert_eq!(
        lines(&report),
        [
            "l/vi/main.ftl:3:6: warning: plural forms this language does not have in “wait”: one (it has: other)",
            "l/vi/main.ftl:4:15: error: function “NUMBER” in “wait”: the service formats no functions; use the variable itself",
            "l/vi/main.ftl:4:28: warning: “thẻ cư trú” in “wait”: the glossary says “thẻ lưu trú” for 在留カード (not “thẻ cư trú”)",
            "l/ja/main.ftl:3:6: warning: plural forms this language does not have in “wait”: few (it has: other)",
        ]
    );
    // A key twice; a form English does not have.
    let sources = folders(&[(
        "en",
        "language-name = English\nwait = { $n ->\n    [one] one\n    [one] uno\n   *[other] more\n}\n",
    )]);
    assert_eq!(
        lines(&check(&sources)),
        ["l/en/main.ftl:4:6: warning: variant “one” appears twice in “wait”: only the first is used"]
    );
    let sources = folders(&[(
        "en",
        "language-name = English\nwait = { $n ->\n    [few] a few\n   *[other] more\n}\n",
    )]);
    assert_eq!(
        lines(&check(&sources)),
        [
            "l/en/main.ftl:3:6: warning: plural forms this language does not have in “wait”: few (it has: one, other)"
        ]
    );
}

#[test]
fn a_broken_glossary_fails_the_check_but_not_the_loading() {
    let mut sources = folders(&[("en", "language-name = English\n")]);
    sources.glossary = Some(File {
        path: "l/glossary.tsv".into(),
        text: "vi\tonly two\n".into(),
    });
    let report = check(&sources);
    assert_eq!(
        lines(&report),
        [
            "l/glossary.tsv:1:1: error: a glossary row has four tab-separated fields: lang, term, preferred, wrong"
        ]
    );
    let (locales, problems) = crate::i18n::Locales::build(sources);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(locales.tags().len(), 1);
}

#[test]
fn a_message_left_as_the_reference_is_a_warning() {
    let en = "language-name = English\nsite-name = Madoguchi\na = Apple\nb = { $n } / { $m }\nc = 2025\nd = Dog\n    .title = Dog\n";
    let report = check(&folders(&[
        ("en", en),
        (
            "vi",
            "language-name = Tiếng Việt\nsite-name = Madoguchi\na = Apple\nb = { $n } / { $m }\nc = 2025\nd = Chó\n    .title = Dog\n",
        ),
    ]));
    // The brand name, a value with no letters and placeables only are
    // allowed; a message with its own value but the reference's attribute is
    // not the reference's message.
    assert_eq!(
        lines(&report),
        ["l/vi/main.ftl:3:1: warning: “a” is the same as in the reference (en): not translated yet?"]
    );
    assert!(!report.problems[0].blocks());
}

#[test]
fn a_language_name_another_locale_has_is_refused() {
    let report = check(&folders(&[
        ("en", "language-name = English\n"),
        ("fr", "language-name =  english \n"),
        ("de", "language-name = Deutsch\n"),
    ]));
    let refused: Vec<&Problem> = report.problems.iter().filter(|p| p.blocks()).collect();
    assert_eq!(refused.len(), 1, "{:#?}", report.problems);
    assert_eq!(refused[0].locale, "fr", "the reference keeps its name");
    assert_eq!(
        refused[0].to_string(),
        "l/fr/main.ftl:1:1: error: language-name “english” is also the name of en: the language picker would show it twice; write this language's own name"
    );
    // Two other languages with one name: both are refused.
    let report = check(&folders(&[
        ("en", "language-name = English\n"),
        ("pt", "language-name = Português\n"),
        ("pt-BR", "language-name = Português\n"),
    ]));
    let refused: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.blocks())
        .map(|p| p.locale.as_str())
        .collect();
    assert_eq!(refused, ["pt", "pt-BR"]);
}
