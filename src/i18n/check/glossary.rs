//! The translators' glossary (`glossary.tsv` beside the locale folders):
//! per language, the preferred word for an administrative term and the
//! words marked wrong for it. The checker warns where a message, or a
//! sample procedure text, uses a word marked wrong.
//!
//! Tab-separated (read with the `csv` crate), one row per wrong word:
//! `lang`, `term`, `preferred`, `wrong` (tabs between), `term` naming the concept (usually
//! the Japanese word); lines starting with `#` are comments.

use std::collections::BTreeMap;

use super::scan::line_col;
use super::{Problem, Severity, problem};

/// The glossary's file name, in the folder of locale folders.
pub const FILE: &str = "glossary.tsv";

/// A word one language should not use, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Avoid {
    pub term: String,
    pub preferred: String,
    pub wrong: String,
}

impl Avoid {
    pub(super) fn advice(&self) -> String {
        format!(
            "the glossary says “{}” for {} (not “{}”)",
            self.preferred, self.term, self.wrong
        )
    }
}

/// Words to avoid, by language tag.
#[derive(Debug, Default)]
pub struct Glossary {
    pub by_lang: BTreeMap<String, Vec<Avoid>>,
}

impl Glossary {
    pub fn avoid(&self, lang: &str) -> &[Avoid] {
        self.by_lang.get(lang).map_or(&[], Vec::as_slice)
    }

    /// Reads the glossary's text; a row that cannot be read is a problem
    /// (with its line) and is left out.
    pub fn parse(path: &str, text: &str, problems: &mut Vec<Problem>) -> Glossary {
        let mut glossary = Glossary::default();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(b'\t')
            .comment(Some(b'#'))
            .flexible(true)
            .quoting(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(1, |p| p.line() as usize);
                    problems.push(problem(path, line, 1, Severity::Error, e.to_string()));
                    continue;
                }
            };
            let line = record.position().map_or(1, |p| p.line() as usize);
            let field = |i: usize| record.get(i).map(str::trim).unwrap_or("");
            let (lang, term, preferred, wrong) = (field(0), field(1), field(2), field(3));
            if [lang, term, preferred, wrong].iter().any(|f| f.is_empty()) || record.len() > 4 {
                problems.push(problem(
                    path,
                    line,
                    1,
                    Severity::Error,
                    "a glossary row has four tab-separated fields: lang, term, preferred, wrong".into(),
                ));
                continue;
            }
            glossary.by_lang.entry(lang.to_owned()).or_default().push(Avoid {
                term: term.to_owned(),
                preferred: preferred.to_owned(),
                wrong: wrong.to_owned(),
            });
        }
        glossary
    }
}

/// Byte offsets in `text` where a wrong word is used (ASCII letters
/// compared without case; Latin words whole), except inside the preferred
/// word itself.
pub(super) fn find<'a>(text: &str, avoid: &'a [Avoid]) -> Vec<(usize, &'a Avoid)> {
    let lower = text.to_ascii_lowercase();
    let mut found = Vec::new();
    for a in avoid {
        let wrong = a.wrong.to_ascii_lowercase();
        let preferred = a.preferred.to_ascii_lowercase();
        let inside_preferred: Vec<(usize, usize)> = lower
            .match_indices(&preferred)
            .map(|(i, p)| (i, i + p.len()))
            .collect();
        for (i, w) in lower.match_indices(&wrong) {
            let whole = !latin_letter_at(&lower[..i], true) && !latin_letter_at(&lower[i + w.len()..], false);
            if whole && !inside_preferred.iter().any(|&(s, e)| s <= i && i + w.len() <= e) {
                found.push((i, a));
            }
        }
    }
    found.sort_by_key(|(i, _)| *i);
    found
}

/// Whether `text` ends (`end`) or starts with a letter of the Latin script
/// (Vietnamese included): a Latin word matches whole words only ("ka" is
/// not in "kaso"). Scripts written without spaces (CJK, Thai) match anywhere.
fn latin_letter_at(text: &str, end: bool) -> bool {
    let c = if end {
        text.chars().next_back()
    } else {
        text.chars().next()
    };
    c.is_some_and(|c| c.is_alphanumeric() && (c <= '\u{24F}' || ('\u{1E00}'..='\u{1EFF}').contains(&c)))
}

/// Sample procedure texts (the import format) checked against the
/// glossary: residents read them like the page's own words.
pub(super) fn check_samples(path: &str, json: &str, glossary: &Glossary) -> Vec<Problem> {
    let mut problems = Vec::new();
    let value: serde_json::Value = match serde_json::from_str(json) {
        Ok(v) => v,
        Err(e) => {
            let p = problem(path, e.line(), e.column(), Severity::Error, e.to_string());
            return vec![p];
        }
    };
    // Where each string was last found, so repeated strings map in order.
    let mut cursor: BTreeMap<String, usize> = BTreeMap::new();
    let procedures = value["procedures"].as_array().map_or(&[][..], Vec::as_slice);
    for procedure in procedures {
        let code = procedure["code"].as_str().unwrap_or("?");
        let Some(texts) = procedure["texts"].as_object() else {
            continue;
        };
        for (lang, fields) in texts {
            let avoid = glossary.avoid(lang);
            if avoid.is_empty() {
                continue;
            }
            let mut strings = Vec::new();
            collect_strings(fields, &mut strings);
            for s in strings {
                let hits = find(s, avoid);
                if hits.is_empty() {
                    continue;
                }
                // The string as it is written in the file (JSON-escaped).
                let encoded = serde_json::to_string(s).unwrap_or_default();
                let from = cursor.get(&encoded).copied().unwrap_or(0);
                let Some(start) = json[from..].find(&encoded).map(|i| i + from) else {
                    continue;
                };
                cursor.insert(encoded.clone(), start + encoded.len());
                for (i, a) in hits {
                    // Escapes (`\"`, `\n`) make the written string longer.
                    let before = serde_json::to_string(&s[..i]).map_or(0, |e| e.len() - 2);
                    let (line, column) = line_col(json, start + 1 + before);
                    problems.push(problem(
                        path,
                        line,
                        column,
                        Severity::Warning,
                        format!("“{}” in {code} ({lang}): {}", a.wrong, a.advice()),
                    ));
                }
            }
        }
    }
    problems.sort_by_key(|p| (p.line, p.column));
    problems.dedup();
    problems
}

fn collect_strings<'v>(value: &'v serde_json::Value, out: &mut Vec<&'v str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_strings(v, out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TSV: &str =
        "# lang\tterm\tpreferred\twrong\nvi\t在留カード\tthẻ lưu trú\tthẻ cư trú\nvi\tbad row\n";

    #[test]
    fn rows_and_bad_rows() {
        let mut problems = Vec::new();
        let g = Glossary::parse("g.tsv", TSV, &mut problems);
        assert_eq!(g.avoid("vi").len(), 1);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 3, "{problems:?}");
    }

    #[test]
    fn latin_words_match_whole() {
        let avoid = [Avoid {
            term: "住所".into(),
            preferred: "address".into(),
            wrong: "tirahan".into(),
        }];
        assert_eq!(find("Tirahan: x", &avoid).len(), 1);
        assert!(find("panirahan, tirahanan", &avoid).is_empty());
        let avoid = [Avoid {
            term: "窓口".into(),
            preferred: "櫃檯".into(),
            wrong: "窗口".into(),
        }];
        assert_eq!(
            find("請到窗口詢問", &avoid)
                .iter()
                .map(|h| h.0)
                .collect::<Vec<_>>(),
            [6]
        );
    }

    #[test]
    fn samples_are_checked_with_positions() {
        let mut problems = Vec::new();
        let g = Glossary::parse("g.tsv", TSV, &mut problems);
        let json = "{\"procedures\": [{\"code\": \"K7Q2\", \"texts\": {\n  \"vi\": {\"title\": \"Mang Thẻ cư trú\"}}}]}";
        let found: Vec<String> = check_samples("s.json", json, &g)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "s.json:2:25: warning: “thẻ cư trú” in K7Q2 (vi): the glossary says “thẻ lưu trú” for 在留カード (not “thẻ cư trú”)"
            ]
        );
    }
}
