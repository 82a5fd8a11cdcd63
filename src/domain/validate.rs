//! Rules for a procedure's text fields, shared by import, the staff
//! interface and the API. Each problem names its field and kind, so each
//! surface can say it in its own words and place it next to the field.

use std::fmt;

use super::TextFields;

pub const MAX_TITLE: usize = 200;
pub const MAX_LINE: usize = 500;
pub const MAX_PARAGRAPH: usize = 4000;
pub const MAX_ITEMS: usize = 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    Empty,
    TooLong {
        chars: usize,
        max: usize,
    },
    ControlCharacters,
    /// Unicode non-characters (U+FFFE, U+FDD0 …) and other code points
    /// XML cannot carry: they would break the XLIFF export.
    InvalidCharacters,
    TooManyItems {
        max: usize,
    },
    /// Not a valid value (a category, a language, a status …).
    Invalid,
    /// A value that never changes, such as a procedure's code.
    Immutable,
}

/// A problem with one field; `field` is like `title` or `steps[2]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldProblem {
    pub field: String,
    pub kind: ProblemKind,
}

impl FieldProblem {
    /// The field's name without an item index (`steps` for `steps[2]`).
    pub fn base_field(&self) -> &str {
        self.field.split('[').next().unwrap_or(&self.field)
    }
}

impl ProblemKind {
    /// A stable name for APIs and message ids.
    pub fn code(&self) -> &'static str {
        match self {
            ProblemKind::Empty => "empty",
            ProblemKind::TooLong { .. } => "too_long",
            ProblemKind::ControlCharacters => "control_characters",
            ProblemKind::InvalidCharacters => "invalid_characters",
            ProblemKind::TooManyItems { .. } => "too_many_items",
            ProblemKind::Invalid => "invalid",
            ProblemKind::Immutable => "immutable",
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::Empty => write!(f, "must not be empty"),
            ProblemKind::TooLong { chars, max } => write!(f, "{chars} characters; at most {max}"),
            ProblemKind::ControlCharacters => write!(f, "contains control characters"),
            ProblemKind::InvalidCharacters => {
                write!(f, "contains characters that are not text (such as U+FFFE)")
            }
            ProblemKind::TooManyItems { max } => write!(f, "at most {max} items"),
            ProblemKind::Invalid => write!(f, "is not a valid value"),
            ProblemKind::Immutable => write!(f, "cannot be changed"),
        }
    }
}

/// A category: 1–40 of `a-z`, `0-9` and `-`.
pub fn category_ok(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 40
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Every problem with `f`, in field order; empty when all is well.
pub fn field_problems(f: &TextFields) -> Vec<FieldProblem> {
    let mut out = Vec::new();
    let mut push = |field: String, kind| out.push(FieldProblem { field, kind });
    if f.title.trim().is_empty() {
        push("title".into(), ProblemKind::Empty);
    }
    let single = [
        ("title", &f.title, MAX_TITLE),
        ("office", &f.office, MAX_LINE),
        ("floor", &f.floor, MAX_LINE),
        ("counter", &f.counter, MAX_LINE),
        ("hours", &f.hours, MAX_LINE),
        ("fee", &f.fee, MAX_LINE),
        ("contact", &f.contact, MAX_LINE),
    ];
    for (name, value, max) in single {
        if let Some(kind) = text_problem(value, max, false) {
            push(name.into(), kind);
        }
    }
    for (name, value) in [
        ("summary", &f.summary),
        ("notes", &f.notes),
        ("ended_note", &f.ended_note),
    ] {
        if let Some(kind) = text_problem(value, MAX_PARAGRAPH, true) {
            push(name.into(), kind);
        }
    }
    for (name, items) in [("bring", &f.bring), ("steps", &f.steps)] {
        if items.len() > MAX_ITEMS {
            push(name.into(), ProblemKind::TooManyItems { max: MAX_ITEMS });
        }
        for (i, item) in items.iter().enumerate() {
            if item.trim().is_empty() {
                push(format!("{name}[{i}]"), ProblemKind::Empty);
            } else if let Some(kind) = text_problem(item, MAX_LINE, false) {
                push(format!("{name}[{i}]"), kind);
            }
        }
    }
    out
}

/// Line breaks as `\n`: `\r\n` and a lone `\r` (old Mac files, some
/// clients) become `\n`, as an XML parser would read them. Every edge
/// that takes text (import, API, translation files, forms) calls this
/// before [`field_problems`], which then refuses any `\r` left.
pub fn normalise_newlines(f: &mut TextFields) {
    let fix = |s: &mut String| {
        if s.contains('\r') {
            *s = s.replace("\r\n", "\n").replace('\r', "\n");
        }
    };
    for s in [
        &mut f.title,
        &mut f.summary,
        &mut f.office,
        &mut f.floor,
        &mut f.counter,
        &mut f.hours,
        &mut f.fee,
        &mut f.contact,
        &mut f.notes,
        &mut f.ended_note,
    ] {
        fix(s);
    }
    f.bring.iter_mut().chain(f.steps.iter_mut()).for_each(fix);
}

/// Not text: Unicode's non-characters (U+FDD0–U+FDEF and the last two
/// code points of every plane) — U+FFFE and U+FFFF are also illegal in
/// XML 1.0. (Surrogates cannot occur in a Rust string; C0 and C1
/// controls are `ControlCharacters`.)
pub fn is_noncharacter(c: char) -> bool {
    let n = u32::from(c);
    (0xFDD0..=0xFDEF).contains(&n) || n & 0xFFFE == 0xFFFE
}

/// The character problem of a value, if any: controls (a line break and a
/// tab only where `multiline`), then non-characters.
pub fn character_problem(value: &str, multiline: bool) -> Option<ProblemKind> {
    let control = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\t'));
    if value.chars().any(control) {
        Some(ProblemKind::ControlCharacters)
    } else if value.chars().any(is_noncharacter) {
        Some(ProblemKind::InvalidCharacters)
    } else {
        None
    }
}

fn text_problem(value: &str, max: usize, multiline: bool) -> Option<ProblemKind> {
    let chars = value.chars().count();
    if chars > max {
        return Some(ProblemKind::TooLong { chars, max });
    }
    character_problem(value, multiline)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_problems_are_reported() {
        let f = TextFields {
            title: " ".into(),
            fee: "x".repeat(MAX_LINE + 1),
            summary: "ok\nstill ok".into(),
            notes: "bell\u{7}".into(),
            steps: vec!["one".into(), "".into()],
            ..TextFields::default()
        };
        let got: Vec<(String, ProblemKind)> = field_problems(&f)
            .into_iter()
            .map(|p| (p.field, p.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("title".into(), ProblemKind::Empty),
                ("fee".into(), ProblemKind::TooLong { chars: 501, max: 500 }),
                ("notes".into(), ProblemKind::ControlCharacters),
                ("steps[1]".into(), ProblemKind::Empty),
            ]
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_refused_and_line_breaks_normalised() {
        let mut f = TextFields {
            title: "a\u{FFFE}".into(),
            summary: "one\r\ntwo\rthree".into(),
            notes: "\u{FDD0}".into(),
            fee: "\u{10FFFF}".into(),
            steps: vec!["x\r".into()],
            ..TextFields::default()
        };
        normalise_newlines(&mut f);
        assert_eq!(f.summary, "one\ntwo\nthree");
        let got: Vec<(String, ProblemKind)> = field_problems(&f)
            .into_iter()
            .map(|p| (p.field, p.kind))
            .collect();
        assert_eq!(
            got,
            vec![
                ("title".into(), ProblemKind::InvalidCharacters),
                ("fee".into(), ProblemKind::InvalidCharacters),
                ("notes".into(), ProblemKind::InvalidCharacters),
                ("steps[0]".into(), ProblemKind::ControlCharacters),
            ]
        );
        // A lone CR that skipped normalisation is still refused.
        let raw = TextFields {
            title: "t".into(),
            summary: "a\rb".into(),
            ..TextFields::default()
        };
        assert_eq!(field_problems(&raw)[0].kind, ProblemKind::ControlCharacters);
        assert!(!is_noncharacter('\u{FFFD}') && !is_noncharacter('語') && is_noncharacter('\u{1FFFF}'));
    }

    #[test]
    fn html_is_just_text() {
        let f = TextFields {
            title: "<script>alert(1)</script>".into(),
            ..TextFields::default()
        };
        assert!(field_problems(&f).is_empty());
    }
}
