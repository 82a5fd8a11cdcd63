//! Plural variants checked against the language's CLDR plural rules, the
//! ones fluent-bundle itself selects with at run time (intl_pluralrules):
//! a select on a number that names one plural form must name all of them
//! (as compare-locales asks), and must not name forms the language has not.
//! A key given twice in one select is reported too (only the first counts).

use std::collections::BTreeSet;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

use super::scan::Parsed;
use super::{Problem, Severity, problem};

const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// The cardinal plural forms of `language`, found by asking the rules
/// about enough numbers to meet every form CLDR defines for it.
pub(super) fn categories(language: &LanguageIdentifier) -> BTreeSet<String> {
    let mut bundle = FluentBundle::new(vec![language.clone()]);
    let ftl =
        "x = { $n ->\n [zero] zero\n [one] one\n [two] two\n [few] few\n [many] many\n *[other] other\n}\n";
    let resource = FluentResource::try_new(ftl.to_owned()).expect("valid");
    bundle.add_resource(resource).expect("one message");
    let pattern = bundle
        .get_message("x")
        .and_then(|m| m.value())
        .expect("has a value");
    let integers = (0..=200u32).chain([1_000, 10_000, 100_000, 1_000_000, 2_000_000]);
    let numbers = integers.map(f64::from).chain([0.5, 1.5, 2.5, 10.5]);
    let mut found = BTreeSet::new();
    for n in numbers {
        let mut args = FluentArgs::new();
        args.set("n", FluentValue::from(n));
        let mut errors = Vec::new();
        found.insert(
            bundle
                .format_pattern(pattern, Some(&args), &mut errors)
                .into_owned(),
        );
    }
    found
}

pub(super) fn check(language: &LanguageIdentifier, locale: &Parsed, problems: &mut Vec<Problem>) {
    let forms = categories(language);
    for (id, entry) in &locale.entries {
        for select in &entry.selects {
            let keys: BTreeSet<&str> = select.keys.iter().map(String::as_str).collect();
            let plural = keys.iter().any(|k| *k != "other" && forms.contains(*k));
            let all_forms = keys.iter().all(|k| CATEGORIES.contains(k));
            let at = |severity, message| problem(&entry.path, select.at.0, select.at.1, severity, message);
            // The same key twice: only the first is ever chosen (compare-locales warns too).
            for (i, key) in select.keys.iter().enumerate() {
                if select.keys[..i].contains(key) {
                    let (line, column) = select.key_at[i];
                    problems.push(problem(
                        &entry.path,
                        line,
                        column,
                        Severity::Warning,
                        format!("variant “{key}” appears twice in “{id}”: only the first is used"),
                    ));
                }
            }
            if plural {
                let missing: Vec<&str> = forms
                    .iter()
                    .map(String::as_str)
                    .filter(|f| !keys.contains(f))
                    .collect();
                if !missing.is_empty() {
                    problems.push(at(
                        Severity::Warning,
                        format!("plural forms missing in “{id}”: {}", missing.join(", ")),
                    ));
                }
            }
            if all_forms {
                let foreign: Vec<&str> = keys.iter().copied().filter(|k| !forms.contains(*k)).collect();
                if !foreign.is_empty() {
                    problems.push(at(
                        Severity::Warning,
                        format!(
                            "plural forms this language does not have in “{id}”: {} (it has: {})",
                            foreign.join(", "),
                            forms.iter().cloned().collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(tag: &str) -> Vec<String> {
        categories(&tag.parse().unwrap()).into_iter().collect()
    }

    #[test]
    fn forms_come_from_cldr() {
        assert_eq!(forms("en"), ["one", "other"]);
        assert_eq!(forms("ja"), ["other"]);
        assert_eq!(forms("vi"), ["other"]);
        assert!(forms("es").contains(&"one".to_owned()));
        assert!(forms("pt-BR").contains(&"one".to_owned()));
    }
}
