//! Two checks across folders, made on fluent-syntax's AST of each file:
//! a message left as the reference has it (compare-locales' "identical
//! to reference", a warning: a copied folder is not a translated one), and
//! a `language-name` another locale already has (an error that keeps the
//! folder from being served: the picker would offer the same name twice).

use std::collections::BTreeMap;

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::scan::{line_col, offset_in};
use super::{File, Folder, Problem, REFERENCE, Severity, problem};

/// Messages that may read the same in every language: the service's
/// brand name. Values without letters (numbers, codes, `{ $count }`) are
/// allowed as well, without being listed.
const SAME_EVERYWHERE: [&str; 1] = ["site-name"];

/// Messages one language writes as English does, by choice: Filipino
/// uses these English words (the glossary prefers “address”).
const SAME_IN: [(&str, &str); 3] = [
    ("fil", "procedure-code"),
    ("fil", "field-address"),
    ("fil", "field-counter"),
];

struct Message<'s> {
    file: &'s File,
    message: ast::Message<&'s str>,
}

impl Message<'_> {
    fn problem(&self, severity: Severity, text: String) -> Problem {
        let at = offset_in(&self.file.text, self.message.id.name).unwrap_or(0);
        let (line, column) = line_col(&self.file.text, at);
        problem(&self.file.path, line, column, severity, text)
    }
}

/// A folder's messages by id (the first of a duplicate; syntax errors are
/// reported elsewhere).
fn messages(files: &[File]) -> BTreeMap<&str, Message<'_>> {
    let mut out = BTreeMap::new();
    for file in files {
        let resource = parser::parse(file.text.as_str()).unwrap_or_else(|(r, _)| r);
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                out.entry(message.id.name).or_insert(Message { file, message });
            }
        }
    }
    out
}

/// The plain text of a pattern's text elements and string literals.
fn text(pattern: &ast::Pattern<&str>) -> String {
    let mut out = String::new();
    for e in &pattern.elements {
        match e {
            ast::PatternElement::TextElement { value } => out.push_str(value),
            ast::PatternElement::Placeable {
                expression: ast::Expression::Inline(ast::InlineExpression::StringLiteral { value }),
            } => out.push_str(value),
            ast::PatternElement::Placeable { .. } => {}
        }
    }
    out
}

/// Whether a message has any letter in its value or attributes.
fn has_letters(m: &ast::Message<&str>) -> bool {
    m.value
        .iter()
        .chain(m.attributes.iter().map(|a| &a.value))
        .any(|p| text(p).chars().any(char::is_alphabetic))
}

/// Warnings for `locale`'s messages that are exactly the reference's.
pub(super) fn identical(reference: &[File], locale: &Folder) -> Vec<Problem> {
    let theirs = messages(reference);
    let mut problems = Vec::new();
    for (id, ours) in messages(&locale.files) {
        let Some(r) = theirs.get(id) else { continue };
        let same = ours.message.value == r.message.value && ours.message.attributes == r.message.attributes;
        let allowed = SAME_EVERYWHERE.contains(&id) || SAME_IN.contains(&(locale.name.as_str(), id));
        if same && !allowed && has_letters(&ours.message) {
            problems.push(ours.problem(
                Severity::Warning,
                format!("“{id}” is the same as in the reference ({REFERENCE}): not translated yet?"),
            ));
        }
    }
    problems
}

/// Errors, by folder, for a `language-name` that another folder has too
/// (compared without case or surrounding blanks). The reference keeps its
/// name; the others that share one are all refused.
pub(super) fn duplicate_names(folders: &[Folder]) -> Vec<(String, Problem)> {
    let mut by_name: BTreeMap<String, Vec<(&str, Message<'_>)>> = BTreeMap::new();
    let all: Vec<_> = folders
        .iter()
        .map(|f| (f.name.as_str(), messages(&f.files)))
        .collect();
    for (folder, mut messages) in all {
        if let Some(m) = messages.remove("language-name") {
            let name = m.message.value.as_ref().map(text).unwrap_or_default();
            by_name
                .entry(name.trim().to_lowercase())
                .or_default()
                .push((folder, m));
        }
    }
    let mut out = Vec::new();
    for same in by_name.values().filter(|s| s.len() > 1) {
        for (folder, m) in same.iter().filter(|(f, _)| *f != REFERENCE) {
            let others: Vec<&str> = same.iter().map(|(f, _)| *f).filter(|f| f != folder).collect();
            let name = m.message.value.as_ref().map(text).unwrap_or_default();
            out.push((
                folder.to_string(),
                m.problem(
                    Severity::Error,
                    format!(
                        "language-name “{}” is also the name of {}: the language picker would show it twice; write this language's own name",
                        name.trim(),
                        others.join(", ")
                    ),
                ),
            ));
        }
    }
    out
}
