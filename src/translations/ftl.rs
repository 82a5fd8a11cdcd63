//! Procedure texts as a Fluent file: one message per field,
//! `p-{CODE}-{field}`, with the Japanese source and its revision in the
//! comment above it. Written and read with fluent-syntax's serializer and
//! parser, so escaping and multi-line values follow the Fluent spec.

use fluent_syntax::ast::{
    Comment, Entry, Expression, Identifier, InlineExpression, Message, Pattern, PatternElement, Resource,
};
use fluent_syntax::{parser, serializer};

use super::lines::Lines;
use super::{Incoming, Parsed, Pivot, PivotText, Problem, Unit, problem};
use crate::domain::LangTag;

const PREFIX: &str = "p-";

/// The whole file for `lang`.
pub fn export(lang: &LangTag, units: &[Unit]) -> String {
    export_with(lang, units, None)
}

/// The whole file for `lang`, with the `pivot` language's text in each
/// message's comment, below the Japanese.
pub fn export_with(lang: &LangTag, units: &[Unit], pivot: Option<&Pivot>) -> String {
    let mut body = vec![Entry::ResourceComment(Comment {
        content: vec![
            "madoguchi procedure texts".to_owned(),
            format!("language: {lang}"),
            "Each message is one field of a procedure: p-{CODE}-{field}. The comment above it".to_owned(),
            "holds the Japanese source and the revision it is from: keep that line. A field not".to_owned(),
            "yet translated is commented out: write the translation and remove the “#”.".to_owned(),
            "Import with: madoguchi translations import FILE".to_owned(),
        ]
        .into_iter()
        .chain(pivot.map(|p| {
            format!(
                "Below the Japanese, the {} text when it is up to date with that revision.",
                p.lang
            )
        }))
        .collect(),
    })];
    let mut last_code = None;
    for u in units {
        if last_code != Some(&u.code) {
            body.push(Entry::GroupComment(Comment {
                content: vec![u.code.to_string()],
            }));
            last_code = Some(&u.code);
        }
        let id = format!("{PREFIX}{}-{}", u.code, u.field);
        let mut comment = vec![format!("ja (revision {}):", u.revision)];
        comment.extend(u.source.lines().map(|l| format!("  {l}")));
        if let Some(p) = pivot {
            match p.get(u) {
                PivotText::Current(text) => {
                    comment.push(format!("{}:", p.lang));
                    comment.extend(text.lines().map(|l| format!("  {l}")));
                }
                _ => comment.extend(p.absent(u)),
            }
        }
        match &u.target {
            Some(target) => body.push(Entry::Message(Message {
                id: Identifier { name: id },
                value: Some(pattern(target)),
                attributes: vec![],
                comment: Some(Comment { content: comment }),
            })),
            None => {
                comment.push(format!("{id} ="));
                body.push(Entry::Comment(Comment { content: comment }));
            }
        }
    }
    serializer::serialize(&Resource { body })
}

/// A Fluent pattern that reads back as exactly `text`: braces, a special
/// character at a line's start, and leading or trailing blanks become
/// string literals, which Fluent keeps as they are.
fn pattern(text: &str) -> Pattern<String> {
    let mut elements = Vec::new();
    let literal = |s: &str| PatternElement::Placeable {
        expression: Expression::Inline(InlineExpression::StringLiteral {
            value: s.replace('\\', "\\\\").replace('"', "\\\""),
        }),
    };
    let lines: Vec<&str> = text.split('\n').collect();
    for (n, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let lead = &line[..line.len() - trimmed.len()];
        let body = trimmed.trim_end();
        let tail = &trimmed[body.len()..];
        if !lead.is_empty() {
            elements.push(literal(lead));
        }
        let mut rest = body;
        if let Some(c) = rest.chars().next().filter(|c| matches!(c, '[' | '*' | '.')) {
            elements.push(literal(&c.to_string()));
            rest = &rest[1..];
        }
        let mut text = String::new();
        for c in rest.chars() {
            if c == '{' || c == '}' {
                if !text.is_empty() {
                    elements.push(PatternElement::TextElement {
                        value: std::mem::take(&mut text),
                    });
                }
                elements.push(literal(&c.to_string()));
            } else {
                text.push(c);
            }
        }
        if !text.is_empty() {
            elements.push(PatternElement::TextElement { value: text });
        }
        if !tail.is_empty() {
            elements.push(literal(tail));
        }
        if n + 1 < lines.len() {
            elements.push(PatternElement::TextElement { value: "\n".into() });
        }
    }
    Pattern { elements }
}

/// Reads a file written by [`export`] (and translated): its language and
/// its translations, and every syntax problem with its line.
pub fn parse(text: &str) -> Parsed {
    let lines = Lines::new(text);
    let at = |slice: &str| {
        let offset = (slice.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        lines.line(offset)
    };
    let (resource, errors) = match parser::parse(text) {
        Ok(r) => (r, vec![]),
        Err((r, e)) => (r, e),
    };
    let mut problems: Vec<Problem> = errors
        .iter()
        .map(|e| {
            // The broken entry's first line (past blank lines), where a
            // translator looks; not the end of file the parser reached.
            let start = e.slice.as_ref().map_or(e.pos.start, |s| {
                let skipped = text[s.start..].len() - text[s.start..].trim_start().len();
                s.start + skipped
            });
            problem(lines.line(start), e.kind.to_string())
        })
        .collect();
    let mut lang = None;
    let mut out = Vec::new();
    for entry in &resource.body {
        match entry {
            Entry::ResourceComment(c) => {
                for line in &c.content {
                    if let Some(tag) = line.strip_prefix("language:") {
                        match LangTag::parse(tag.trim()) {
                            Ok(t) => lang = Some(t),
                            Err(e) => problems.push(problem(at(line), e.to_string())),
                        }
                    }
                }
            }
            Entry::Message(m) => {
                let line = at(m.id.name);
                let Some((code, field)) =
                    m.id.name
                        .strip_prefix(PREFIX)
                        .and_then(|rest| rest.split_once('-'))
                else {
                    problems.push(problem(line, format!("“{}” is not p-CODE-field", m.id.name)));
                    continue;
                };
                if !m.attributes.is_empty() {
                    problems.push(problem(line, format!("{}: attributes are not used", m.id.name)));
                }
                let revision = m.comment.as_ref().and_then(|c| {
                    c.content.iter().find_map(|l| {
                        let rest = l.trim().strip_prefix("ja (revision ")?;
                        rest.split(')').next()?.trim().parse::<i64>().ok()
                    })
                });
                let mut value = String::new();
                for e in m.value.iter().flat_map(|p| &p.elements) {
                    match e {
                        PatternElement::TextElement { value: t } => value.push_str(t),
                        PatternElement::Placeable {
                            expression: Expression::Inline(InlineExpression::StringLiteral { value: s }),
                        } => value.push_str(&unescape(s)),
                        PatternElement::Placeable { .. } => problems.push(problem(
                            line,
                            format!("{}: only plain text here (no {{ }} expressions)", m.id.name),
                        )),
                    }
                }
                out.push(Incoming {
                    line,
                    code: code.to_owned(),
                    field: field.to_owned(),
                    revision,
                    target: value,
                });
            }
            Entry::Term(t) => problems.push(problem(at(t.id.name), "terms are not used here")),
            _ => {}
        }
    }
    if lang.is_none() {
        problems.push(problem(1, "no “### language: TAG” line at the top"));
    }
    (lang, out, problems)
}

/// Fluent string-literal escapes: `\"`, `\\`, `\uXXXX`, `\UXXXXXX`.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some(n @ ('u' | 'U')) => {
                let len = if n == 'u' { 4 } else { 6 };
                let hex: String = chars.by_ref().take(len).collect();
                if let Some(ch) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(ch);
                }
            }
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Code;

    #[test]
    fn awkward_text_survives_a_round_trip() {
        let texts = [
            "plain",
            "braces { and } here",
            "two lines\nsecond",
            "para one\n\npara two",
            "  leading and trailing  ",
            "line\n[bracket\n*star\n.dot",
            "quote \" and back\\slash",
            "漢字《かんじ》",
        ];
        let lang = LangTag::parse("vi").unwrap();
        let units: Vec<Unit> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Unit {
                code: Code::parse("K7Q2").unwrap(),
                field: format!("bring-{}", i + 1),
                source: "元の文\n二行目".into(),
                revision: 3,
                target: Some((*t).to_owned()),
            })
            .collect();
        let file = export(&lang, &units);
        let (got_lang, incoming, problems) = parse(&file);
        assert!(problems.is_empty(), "{problems:?}\n{file}");
        assert_eq!(got_lang, Some(lang));
        let got: Vec<&str> = incoming.iter().map(|i| i.target.as_str()).collect();
        assert_eq!(got, texts, "{file}");
        assert!(incoming.iter().all(|i| i.revision == Some(3)));
    }
}
