//! Reading one locale for the checker: fluent-syntax's AST, with exact
//! positions taken from the slices it borrows from the source.

use std::collections::BTreeMap;

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::{Problem, Severity, problem};
use crate::i18n::ruby;

/// One `.ftl` file as read from disk.
pub(super) struct File {
    pub(super) path: String,
    pub(super) text: String,
}

/// What the comparison needs of one message (or term).
pub(super) struct Entry {
    pub(super) path: String,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) has_value: bool,
    /// Attribute name → position.
    pub(super) attributes: BTreeMap<String, (usize, usize)>,
    /// Variable name → position of its first use.
    pub(super) variables: BTreeMap<String, (usize, usize)>,
}

/// The messages (and terms, as `-id`) of one locale, by id.
pub(super) struct Parsed {
    pub(super) entries: BTreeMap<String, Entry>,
    pub(super) first_file: String,
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
pub(super) fn offset_in(text: &str, slice: &str) -> Option<usize> {
    let start = text.as_ptr() as usize;
    let at = slice.as_ptr() as usize;
    (at >= start && at + slice.len() <= start + text.len()).then(|| at - start)
}

pub(super) fn parse_locale(files: &[File], problems: &mut Vec<Problem>) -> Parsed {
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
