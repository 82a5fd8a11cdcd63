//! `madoguchi locales check`: the translator's checker, modelled on
//! Mozilla's compare-locales. Every locale folder is compared with the
//! reference (English); each problem is reported as
//! `path:line:column: severity: message`, then a summary per locale.
//!
//! Positions come from fluent-syntax's AST: parsing a `&str` yields
//! identifiers and text that are slices of the source, so a slice's
//! address gives its exact offset.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::ruby;
use crate::domain::LangTag;

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

/// One `.ftl` file as read from disk.
struct File {
    path: String,
    text: String,
}

/// What the comparison needs of one message (or term).
struct Entry {
    path: String,
    line: usize,
    column: usize,
    has_value: bool,
    /// Attribute name → position.
    attributes: BTreeMap<String, (usize, usize)>,
    /// Variable name → position of its first use.
    variables: BTreeMap<String, (usize, usize)>,
}

/// The messages of one locale, by id, in file order.
struct Parsed {
    entries: BTreeMap<String, Entry>,
    first_file: String,
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
            compare(reference, locale, &mut problems, &mut summary);
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

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The byte offset of `slice` in `text`, when it is a slice of it.
fn offset_in(text: &str, slice: &str) -> Option<usize> {
    let start = text.as_ptr() as usize;
    let at = slice.as_ptr() as usize;
    (at >= start && at + slice.len() <= start + text.len()).then(|| at - start)
}

fn parse_locale(files: &[File], problems: &mut Vec<Problem>) -> Parsed {
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    for file in files {
        let text = file.text.as_str();
        let pos = |slice: &str| line_col(text, offset_in(text, slice).unwrap_or(0));
        let resource = match parser::parse(text) {
            Ok(r) => r,
            Err((r, errors)) => {
                for e in errors {
                    let (line, column) = line_col(text, e.pos.start);
                    let mut message = e.kind.to_string();
                    // The entry the error swallowed, when it starts elsewhere.
                    if let Some(start) = e.slice.as_ref().map(|s| line_col(text, s.start).0)
                        && start != line
                    {
                        message.push_str(&format!(" (in the entry starting on line {start})"));
                    }
                    problems.push(problem(&file.path, line, column, Severity::Error, message));
                }
                r
            }
        };
        for entry in &resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(&t.value), &t.attributes),
                _ => continue,
            };
            let id_slice = match entry {
                ast::Entry::Message(m) => m.id.name,
                ast::Entry::Term(t) => t.id.name,
                _ => continue,
            };
            let (line, column) = pos(id_slice);
            if let Some(first) = entries.get(&id) {
                problems.push(problem(
                    &file.path,
                    line,
                    column,
                    Severity::Error,
                    format!("duplicate id “{id}” (first at {}:{})", first.path, first.line),
                ));
                continue;
            }
            let mut variables = BTreeMap::new();
            let mut patterns: Vec<(&ast::Pattern<&str>, String)> = Vec::new();
            if let Some(v) = value {
                patterns.push((v, id.clone()));
            }
            let mut attrs = BTreeMap::new();
            for a in attributes {
                let (l, c) = pos(a.id.name);
                if attrs.insert(a.id.name.to_owned(), (l, c)).is_some() {
                    problems.push(problem(
                        &file.path,
                        l,
                        c,
                        Severity::Error,
                        format!("duplicate attribute “{id}.{}”", a.id.name),
                    ));
                }
                patterns.push((&a.value, format!("{id}.{}", a.id.name)));
            }
            for (pattern, name) in patterns {
                if is_empty(pattern) {
                    problems.push(problem(
                        &file.path,
                        line,
                        column,
                        Severity::Error,
                        format!("“{name}” is empty"),
                    ));
                }
                let mut texts = Vec::new();
                walk_pattern(
                    pattern,
                    &mut |var| {
                        // Point at the `$`, just before the name.
                        let at = offset_in(text, var).map_or(0, |o| o.saturating_sub(1));
                        variables
                            .entry(var.to_owned())
                            .or_insert_with(|| line_col(text, at));
                    },
                    &mut texts,
                );
                for t in texts {
                    if let Some(at) = broken_furigana_at(t) {
                        let (l, c) = line_col(text, offset_in(text, t).unwrap_or(0) + at);
                        problems.push(problem(
                            &file.path,
                            l,
                            c,
                            Severity::Warning,
                            format!(
                                "furigana in “{name}” not understood: write 漢字《かんじ》, or ｜base《reading》 when the base is not all kanji"
                            ),
                        ));
                    }
                    if let Some(at) = markup_at(t) {
                        let (l, c) = line_col(text, offset_in(text, t).unwrap_or(0) + at);
                        problems.push(problem(
                            &file.path,
                            l,
                            c,
                            Severity::Error,
                            format!(
                                "markup in “{name}”: write plain text; the page escapes it (furigana: 漢字《かんじ》)"
                            ),
                        ));
                    }
                }
            }
            entries.insert(
                id,
                Entry {
                    path: file.path.clone(),
                    line,
                    column,
                    has_value: value.is_some(),
                    attributes: attrs,
                    variables,
                },
            );
        }
    }
    Parsed {
        entries,
        first_file: files.first().map(|f| f.path.clone()).unwrap_or_default(),
    }
}

/// A value with no text and no placeable other than empty strings.
fn is_empty(pattern: &ast::Pattern<&str>) -> bool {
    pattern.elements.iter().all(|e| match e {
        ast::PatternElement::TextElement { value } => value.trim().is_empty(),
        ast::PatternElement::Placeable {
            expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
        } => value.trim().is_empty(),
        ast::PatternElement::Placeable { .. } => false,
    })
}

/// Where a `《` that does not make a reading starts (no kanji base, no
/// closing `》`, empty reading): it would show as written.
fn broken_furigana_at(text: &str) -> Option<usize> {
    let leftover = ruby::parse(text).into_iter().find_map(|s| match s {
        ruby::Segment::Text(t) if t.contains('《') => Some(t),
        _ => None,
    })?;
    let inside = leftover.find('《')?;
    // The leftover text is a piece of `text`; find it there.
    text.find(&leftover).map(|start| start + inside)
}

/// Where an HTML-like tag starts in `text`: `<` followed by a letter, `/` or `!`.
fn markup_at(text: &str) -> Option<usize> {
    text.char_indices().find_map(|(i, c)| {
        let next = text[i + c.len_utf8()..].chars().next()?;
        (c == '<' && (next.is_ascii_alphabetic() || next == '/' || next == '!')).then_some(i)
    })
}

fn walk_pattern<'s>(pattern: &ast::Pattern<&'s str>, var: &mut dyn FnMut(&'s str), texts: &mut Vec<&'s str>) {
    for e in &pattern.elements {
        match e {
            ast::PatternElement::TextElement { value } => texts.push(value),
            ast::PatternElement::Placeable { expression } => walk_expression(expression, var, texts),
        }
    }
}

fn walk_expression<'s>(e: &ast::Expression<&'s str>, var: &mut dyn FnMut(&'s str), texts: &mut Vec<&'s str>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, var, texts);
            for v in variants {
                walk_pattern(&v.value, var, texts);
            }
        }
        ast::Expression::Inline(i) => walk_inline(i, var, texts),
    }
}

fn walk_inline<'s>(
    e: &ast::InlineExpression<&'s str>,
    var: &mut dyn FnMut(&'s str),
    texts: &mut Vec<&'s str>,
) {
    let mut args = |a: &ast::CallArguments<&'s str>, var: &mut dyn FnMut(&'s str)| {
        for p in &a.positional {
            walk_inline(p, var, texts);
        }
        for n in &a.named {
            walk_inline(&n.value, var, texts);
        }
    };
    match e {
        ast::InlineExpression::VariableReference { id } => var(id.name),
        ast::InlineExpression::FunctionReference { arguments, .. } => args(arguments, var),
        ast::InlineExpression::TermReference {
            arguments: Some(a), ..
        } => args(a, var),
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, var, texts),
        _ => {}
    }
}

fn compare(reference: &Parsed, locale: &Parsed, problems: &mut Vec<Problem>, summary: &mut Summary) {
    for (id, r) in &reference.entries {
        let Some(l) = locale.entries.get(id) else {
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
