//! Property-based fuzzing of the edges that take hostile input: the
//! Accept-Language parser and negotiation, code parsing, and the locale
//! loader. `cargo test` runs a few hundred cases each; `.ci/run` runs
//! `fuzz_for_a_while` (ignored by default) for FUZZ_SECONDS per target and
//! prints the number of executions.

use std::time::{Duration, Instant};

use madoguchi::domain::{Code, LangTag};
use madoguchi::i18n::{Locales, negotiate, parse_accept_language};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Header-like strings: real tags, q-values, separators and noise.
fn accept_language() -> impl Strategy<Value = String> {
    let entry = prop_oneof![
        "[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8}){0,3}",
        Just("*".to_owned()),
        Just("zh-Hant-TW".to_owned()),
        Just("tl".to_owned()),
        any::<String>(),
    ];
    let q = prop_oneof![
        Just(String::new()),
        "(;q=[01](\\.[0-9]{0,4})?)",
        "(;q=(NaN|nan|inf|-1|1e9|x|))",
        ";[ -~]{0,10}",
    ];
    prop::collection::vec((entry, q, "[ ,;]{0,3}"), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .map(|(e, q, sep)| format!("{e}{q},{sep}"))
            .collect()
    })
}

fn check_accept_language(header: &str) -> Result<(), TestCaseError> {
    let tags = parse_accept_language(header);
    prop_assert!(tags.len() <= 16);
    for (i, t) in tags.iter().enumerate() {
        prop_assert!(!tags[..i].contains(t), "duplicate {t}");
        let again = LangTag::parse(&t.to_string());
        prop_assert_eq!(again.as_ref(), Ok(t), "canonical");
    }
    let have: Vec<LangTag> = ["en", "ja", "zh-Hans", "zh-Hant", "fil", "pt-BR", "ne"]
        .iter()
        .map(|t| LangTag::parse(t).unwrap())
        .collect();
    if let Some(chosen) = negotiate(&tags, &have) {
        prop_assert!(have.contains(chosen));
    }
    Ok(())
}

fn check_code(s: &str) -> Result<(), TestCaseError> {
    if let Ok(code) = Code::parse_lenient(s) {
        let text = code.to_string();
        prop_assert!((4..=6).contains(&text.len()));
        prop_assert_eq!(Code::parse(&text), Ok(code.clone()));
        prop_assert_eq!(Code::parse_lenient(&text.to_lowercase()), Ok(code));
    }
    Ok(())
}

/// FTL-like text: message lines, comments, braces, junk.
fn ftl() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        "[a-z][a-z0-9-]{0,12} = [ -~]{0,30}",
        "[a-z][a-z0-9-]{0,12} = \\{ \\$[a-z]{1,6} \\}",
        "    \\.[a-z]{1,6} = [ -~]{0,10}",
        "#{1,3} [ -~]{0,20}",
        "[ -~]{0,40}",
        any::<String>(),
    ];
    prop::collection::vec(line, 0..30).prop_map(|lines| lines.join("\n"))
}

fn check_locale_folder(dir: &std::path::Path, name: &str, text: &str) -> Result<(), TestCaseError> {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("main.ftl"), text).unwrap();
    let (locales, problems) = Locales::from_dir(dir).unwrap();
    std::fs::remove_dir_all(&folder).unwrap();
    // Loaded, or skipped with a problem that names a file and a real line.
    let loaded = locales.tags().iter().any(|t| t.to_string() == name);
    prop_assert!(loaded || !problems.is_empty());
    for p in &problems {
        prop_assert!(
            p.line <= text.lines().count() + 1,
            "line {} of {}",
            p.line,
            text.lines().count()
        );
    }
    // English (added from the binary) is always there to fall back on.
    prop_assert!(locales.tags().iter().any(|t| t.to_string() == "en"));
    Ok(())
}

proptest! {
    #![proptest_config(Config { cases: 300, ..Config::default() })]

    #[test]
    fn accept_language_never_panics(header in accept_language()) {
        check_accept_language(&header)?;
    }

    #[test]
    fn codes_parse_to_canonical_form(s in prop_oneof!["[0-9A-Za-z\\- ]{0,10}", any::<String>()]) {
        check_code(&s)?;
    }
}

proptest! {
    #![proptest_config(Config { cases: 60, ..Config::default() })]

    #[test]
    fn the_locale_loader_survives_any_file(text in ftl()) {
        let dir = tempfile::tempdir().unwrap();
        check_locale_folder(dir.path(), "vi", &text)?;
    }
}

/// Runs each target until its time is up; prints executions per target.
#[test]
#[ignore = "long: run by .ci/run with FUZZ_SECONDS"]
fn fuzz_for_a_while() {
    use std::cell::Cell;
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(60);
    let budget = Duration::from_secs(seconds);
    let dir = tempfile::tempdir().unwrap();
    let count = Cell::new(0u64);
    let until_done = |name: &str, batch: &dyn Fn(&mut TestRunner)| {
        count.set(0);
        let start = Instant::now();
        while start.elapsed() < budget {
            // A fresh runner each batch: new random cases, no shrinking state.
            let mut runner = TestRunner::new(Config {
                cases: 512,
                failure_persistence: None,
                ..Config::default()
            });
            batch(&mut runner);
        }
        println!(
            "fuzz {name}: {} executions in {seconds} s, no failure",
            count.get()
        );
    };
    until_done("accept-language", &|r| {
        r.run(&accept_language(), |h| {
            count.set(count.get() + 1);
            check_accept_language(&h)
        })
        .unwrap()
    });
    until_done("code", &|r| {
        r.run(&any::<String>(), |s| {
            count.set(count.get() + 1);
            check_code(&s)
        })
        .unwrap()
    });
    until_done("locale-loader", &|r| {
        r.run(&ftl(), |t| {
            count.set(count.get() + 1);
            check_locale_folder(dir.path(), "vi", &t)
        })
        .unwrap()
    });
}
