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
