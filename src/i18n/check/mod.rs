//! `madoguchi locales check`: the translator's checker, modelled on
//! Mozilla's compare-locales. Every locale folder is compared with the
//! reference (English); each problem is reported as
//! `path:line:column: severity: message`, then a summary per locale.
//!
//! Positions come from fluent-syntax's AST: parsing a `&str` yields
//! identifiers and text that are slices of the source, so a slice's
//! address gives its exact offset.

use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

use crate::domain::LangTag;

mod scan;

pub(crate) use scan::line_col;
use scan::{File, Parsed, parse_locale};

/// The reference every other locale is compared with.
pub const REFERENCE: &str = "en";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.column, self.severity, self.message
        )
    }
}

/// One locale's counts, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub locale: String,
    pub messages: usize,
    pub missing: usize,
    pub obsolete: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} messages, {} missing, {} obsolete; {} errors, {} warnings",
            self.locale, self.messages, self.missing, self.obsolete, self.errors, self.warnings
        )
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub summaries: Vec<Summary>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

/// Checks every locale folder in `dir`.
pub fn check_dir(dir: &Path) -> std::io::Result<Report> {
    let mut folders: Vec<(String, Vec<File>)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_dir() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let mut files = Vec::new();
        for file in std::fs::read_dir(entry.path())? {
            let path = file?.path();
            if path.extension().is_some_and(|e| e == "ftl") {
                files.push(File {
                    path: path.display().to_string(),
                    text: std::fs::read_to_string(&path)?,
                });
            }
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        folders.push((name, files));
    }
    folders.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(check_folders(&dir.display().to_string(), &folders))
}

/// Files of the reference that only some languages need: the staff
/// interface's words are required in Japanese and optional elsewhere
/// (residents never see them).
const STAFF_FILES: [&str; 1] = ["admin.ftl"];

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn check_folders(root: &str, folders: &[(String, Vec<File>)]) -> Report {
    let mut report = Report::default();
    let mut parsed = Vec::new();
    for (name, files) in folders {
        let mut problems = Vec::new();
        if let Err(e) = LangTag::parse(name) {
            problems.push(problem(
                &format!("{root}/{name}"),
                1,
                1,
                Severity::Error,
                e.to_string(),
            ));
        }
        if files.is_empty() {
            problems.push(problem(
                &format!("{root}/{name}"),
                1,
                1,
                Severity::Error,
                "no .ftl files in this folder".into(),
            ));
        }
        let p = parse_locale(files, &mut problems);
        parsed.push((name.clone(), p, problems));
    }
    let reference = parsed
        .iter()
        .position(|(n, _, _)| n == REFERENCE)
        .map(|i| &parsed[i].1);
    if reference.is_none() {
        report.problems.push(problem(
            root,
            1,
            1,
            Severity::Error,
            format!("no reference locale “{REFERENCE}” to compare with"),
        ));
    }
    for (name, locale, problems) in &parsed {
        let mut summary = Summary {
            locale: name.clone(),
            messages: locale.entries.len(),
            ..Summary::default()
        };
        let mut problems = problems.clone();
        // A folder whose name is not a tag is never loaded: nothing to compare.
        let loadable = LangTag::parse(name).is_ok();
        if let Some(reference) = reference.filter(|_| name != REFERENCE && loadable) {
            let has = |file: &str| {
                folders
                    .iter()
                    .any(|(n, fs)| n == name && fs.iter().any(|f| file_name(&f.path) == file))
            };
            let optional = |ref_path: &str| {
                let file = file_name(ref_path);
                STAFF_FILES.contains(&file) && name != "ja" && !has(file)
            };
            compare(reference, locale, &optional, &mut problems, &mut summary);
        }
        problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        for p in &problems {
            match p.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
        }
        report.problems.extend(problems);
        report.summaries.push(summary);
    }
    report
}

fn problem(path: &str, line: usize, column: usize, severity: Severity, message: String) -> Problem {
    Problem {
        path: path.to_owned(),
        line,
        column,
        severity,
        message,
    }
}

fn compare(
    reference: &Parsed,
    locale: &Parsed,
    optional: &dyn Fn(&str) -> bool,
    problems: &mut Vec<Problem>,
    summary: &mut Summary,
) {
    for (id, r) in &reference.entries {
        let Some(l) = locale.entries.get(id) else {
            if optional(&r.path) {
                continue;
            }
            summary.missing += 1;
            problems.push(problem(
                &locale.first_file,
                1,
                1,
                Severity::Error,
                format!("missing message “{id}” (see {}:{})", r.path, r.line),
            ));
            continue;
        };
        let at = |severity, message| problem(&l.path, l.line, l.column, severity, message);
        if r.has_value && !l.has_value {
            problems.push(at(
                Severity::Error,
                format!("“{id}” has no value; the reference has one"),
            ));
        }
        for name in r.attributes.keys() {
            if !l.attributes.contains_key(name) {
                problems.push(at(Severity::Error, format!("missing attribute “{id}.{name}”")));
            }
        }
        for (name, (line, column)) in &l.attributes {
            if !r.attributes.contains_key(name) {
                problems.push(problem(
                    &l.path,
                    *line,
                    *column,
                    Severity::Warning,
                    format!("obsolete attribute “{id}.{name}”: the reference has none"),
                ));
            }
        }
        for (name, (line, column)) in &l.variables {
            if !r.variables.contains_key(name) {
                problems.push(problem(
                    &l.path,
                    *line,
                    *column,
                    Severity::Error,
                    format!("unknown variable “${name}” in “{id}”: the reference has no such variable"),
                ));
            }
        }
        let unused: BTreeSet<&String> = r
            .variables
            .keys()
            .filter(|v| !l.variables.contains_key(*v))
            .collect();
        for name in unused {
            problems.push(at(
                Severity::Warning,
                format!("“{id}” does not use the variable “${name}” of the reference"),
            ));
        }
    }
    for (id, l) in &locale.entries {
        if !reference.entries.contains_key(id) {
            summary.obsolete += 1;
            problems.push(problem(
                &l.path,
                l.line,
                l.column,
                Severity::Warning,
                format!("obsolete message “{id}”: not in the reference"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folders(list: &[(&str, &str)]) -> Vec<(String, Vec<File>)> {
        list.iter()
            .map(|(name, text)| {
                (
                    name.to_string(),
                    vec![File {
                        path: format!("l/{name}/main.ftl"),
                        text: text.to_string(),
                    }],
                )
            })
            .collect()
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
        let report = check_folders(
            "l",
            &folders(&[
                ("en", "a = A { $n }\nb = B\n    .title = T\nc = C\nd = D\n"),
                (
                    "vi",
                    "a = A { $m }\nb = B\nc = <b>C</b>\nz = Z\nc = again\nd = かな《かな》 漢字《かんじ》\n",
                ),
            ]),
        );
        assert_eq!(
            lines(&report),
            [
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
        assert_eq!(report.summaries[1].errors, 4);
    }
}
