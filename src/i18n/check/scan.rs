//! Reading one locale for the checker: fluent-syntax's AST, with exact
//! positions taken from the slices it borrows from the source.

use std::collections::BTreeMap;

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::glossary::Avoid;
use super::{Problem, Severity, problem};
use crate::i18n::ruby;

/// One `.ftl` file as read from disk (or from the binary).
#[derive(Debug, Clone)]
pub struct File {
    pub path: String,
    pub text: String,
}

/// A 1-based line and column (in characters).
pub(super) type At = (usize, usize);

/// A reference to another message or term (`{ msg }`, `{ msg.attr }`,
/// `{ -term }`), from the value (`from: None`) or an attribute.
pub(super) struct Ref {
    pub(super) from: Option<String>,
    /// `msg`, or `-term` for terms.
    pub(super) target: String,
    pub(super) attribute: Option<String>,
    pub(super) at: At,
}

/// A select expression's variant keys, at the first key.
pub(super) struct Select {
    pub(super) keys: Vec<String>,
    /// Each key's position, in order.
    pub(super) key_at: Vec<At>,
    pub(super) at: At,
}

/// What the checks need of one message (or term).
pub(super) struct Entry {
    pub(super) path: String,
    pub(super) line: usize,
    pub(super) column: usize,
    pub(super) has_value: bool,
    /// Attribute name → position.
    pub(super) attributes: BTreeMap<String, At>,
    /// Variable name → position of its first use.
    pub(super) variables: BTreeMap<String, At>,
    pub(super) refs: Vec<Ref>,
    pub(super) selects: Vec<Select>,
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

/// Parses every file of one locale. `avoid` is the glossary's list of
/// terms this language should not use (warnings).
pub(super) fn parse_locale(files: &[File], avoid: &[Avoid], problems: &mut Vec<Problem>) -> Parsed {
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
            let (id, id_slice, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_owned(), m.id.name, m.value.as_ref(), &m.attributes),
                ast::Entry::Term(t) => (
                    format!("-{}", t.id.name),
                    t.id.name,
                    Some(&t.value),
                    &t.attributes,
                ),
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
            let mut patterns: Vec<(&ast::Pattern<&str>, Option<&str>)> = Vec::new();
            if let Some(v) = value {
                patterns.push((v, None));
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
                patterns.push((&a.value, Some(a.id.name)));
            }
            let mut walk = Walk {
                file: text,
                from: None,
                variables: BTreeMap::new(),
                refs: Vec::new(),
                selects: Vec::new(),
                calls: Vec::new(),
                texts: Vec::new(),
            };
            for (pattern, attribute) in patterns {
                let name = attribute.map_or(id.clone(), |a| format!("{id}.{a}"));
                if is_empty(pattern) {
                    problems.push(problem(
                        &file.path,
                        line,
                        column,
                        Severity::Error,
                        format!("“{name}” is empty"),
                    ));
                }
                walk.from = attribute.map(str::to_owned);
                walk.texts.clear();
                walk.pattern(pattern);
                for t in &walk.texts {
                    check_text(file, t, &name, avoid, problems);
                }
            }
            for (function, at) in &walk.calls {
                problems.push(problem(
                    &file.path,
                    at.0,
                    at.1,
                    Severity::Error,
                    format!("function “{function}” in “{id}”: the service formats no functions; use the variable itself"),
                ));
            }
            entries.insert(
                id,
                Entry {
                    path: file.path.clone(),
                    line,
                    column,
                    has_value: value.is_some(),
                    attributes: attrs,
                    variables: walk.variables,
                    refs: walk.refs,
                    selects: walk.selects,
                },
            );
        }
    }
    Parsed {
        entries,
        first_file: files.first().map(|f| f.path.clone()).unwrap_or_default(),
    }
}

/// The checks on a piece of plain text: furigana notation, markup, and
/// terms the glossary marks wrong for this language.
fn check_text(file: &File, t: &str, name: &str, avoid: &[Avoid], problems: &mut Vec<Problem>) {
    let text = file.text.as_str();
    let at = |i: usize| line_col(text, offset_in(text, t).unwrap_or(0) + i);
    if let Some(i) = broken_furigana_at(t) {
        let (l, c) = at(i);
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
    if let Some(i) = markup_at(t) {
        let (l, c) = at(i);
        problems.push(problem(
            &file.path,
            l,
            c,
            Severity::Error,
            format!("markup in “{name}”: write plain text; the page escapes it (furigana: 漢字《かんじ》)"),
        ));
    }
    for (i, a) in super::glossary::find(t, avoid) {
        let (l, c) = at(i);
        problems.push(problem(
            &file.path,
            l,
            c,
            Severity::Warning,
            format!("“{}” in “{name}”: {}", a.wrong, a.advice()),
        ));
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

/// Collects what one entry's patterns use, with positions in `file`.
struct Walk<'s> {
    file: &'s str,
    /// The attribute whose pattern is being walked (`None`: the value).
    from: Option<String>,
    variables: BTreeMap<String, At>,
    refs: Vec<Ref>,
    selects: Vec<Select>,
    calls: Vec<(String, At)>,
    texts: Vec<&'s str>,
}

impl<'s> Walk<'s> {
    fn at(&self, slice: &str, back: usize) -> At {
        line_col(
            self.file,
            offset_in(self.file, slice).map_or(0, |o| o.saturating_sub(back)),
        )
    }

    fn pattern(&mut self, pattern: &ast::Pattern<&'s str>) {
        for e in &pattern.elements {
            match e {
                ast::PatternElement::TextElement { value } => self.texts.push(value),
                ast::PatternElement::Placeable { expression } => self.expression(expression),
            }
        }
    }

    fn expression(&mut self, e: &ast::Expression<&'s str>) {
        match e {
            ast::Expression::Select { selector, variants } => {
                self.inline(selector);
                let keys: Vec<&str> = variants
                    .iter()
                    .map(|v| match &v.key {
                        ast::VariantKey::Identifier { name } => *name,
                        ast::VariantKey::NumberLiteral { value } => *value,
                    })
                    .collect();
                if let Some(first) = keys.first() {
                    let at = self.at(first, 0);
                    let key_at = keys.iter().map(|k| self.at(k, 0)).collect();
                    self.selects.push(Select {
                        keys: keys.iter().map(|k| k.to_string()).collect(),
                        key_at,
                        at,
                    });
                }
                for v in variants {
                    self.pattern(&v.value);
                }
            }
            ast::Expression::Inline(i) => self.inline(i),
        }
    }

    fn arguments(&mut self, a: &ast::CallArguments<&'s str>) {
        for p in &a.positional {
            self.inline(p);
        }
        for n in &a.named {
            self.inline(&n.value);
        }
    }

    fn inline(&mut self, e: &ast::InlineExpression<&'s str>) {
        match e {
            ast::InlineExpression::VariableReference { id } => {
                // Point at the `$`, just before the name.
                let at = self.at(id.name, 1);
                self.variables.entry(id.name.to_owned()).or_insert(at);
            }
            ast::InlineExpression::FunctionReference { id, arguments } => {
                let at = self.at(id.name, 0);
                self.calls.push((id.name.to_owned(), at));
                self.arguments(arguments);
            }
            ast::InlineExpression::MessageReference { id, attribute } => {
                let at = self.at(id.name, 0);
                self.refs.push(Ref {
                    from: self.from.clone(),
                    target: id.name.to_owned(),
                    attribute: attribute.as_ref().map(|a| a.name.to_owned()),
                    at,
                });
            }
            ast::InlineExpression::TermReference {
                id,
                attribute,
                arguments,
            } => {
                // Point at the `-`, just before the name.
                let at = self.at(id.name, 1);
                self.refs.push(Ref {
                    from: self.from.clone(),
                    target: format!("-{}", id.name),
                    attribute: attribute.as_ref().map(|a| a.name.to_owned()),
                    at,
                });
                if let Some(a) = arguments {
                    self.arguments(a);
                }
            }
            ast::InlineExpression::Placeable { expression } => self.expression(expression),
            _ => {}
        }
    }
}
