//! The procedure text form: one view per field, with the Japanese source
//! beside it in the translation editor and each problem next to its field.

use crate::domain::TextFields;
use crate::domain::validate::{FieldProblem, ProblemKind};
use crate::i18n::Localizer;

pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    /// "line", "para" or "list".
    pub kind: &'static str,
    pub value: String,
    /// For lists: the items, then blank inputs to add more.
    pub items: Vec<String>,
    pub source: String,
    pub source_items: Vec<String>,
    pub error: Option<String>,
    pub required: bool,
    pub max: usize,
    /// The source has this field and the value leaves it out (or has
    /// fewer list items): readers would get it in another language.
    pub missing: bool,
}

const FIELDS: [(&str, &str); 12] = [
    ("title", "line"),
    ("summary", "para"),
    ("bring", "list"),
    ("steps", "list"),
    ("office", "line"),
    ("floor", "line"),
    ("counter", "line"),
    ("hours", "line"),
    ("fee", "line"),
    ("contact", "line"),
    ("notes", "para"),
    // Only in the translation editor, when the source has an archive note.
    ("ended_note", "para"),
];

fn value_of<'f>(f: &'f TextFields, name: &str) -> (&'f str, &'f [String]) {
    match name {
        "title" => (&f.title, &[]),
        "summary" => (&f.summary, &[]),
        "bring" => ("", &f.bring),
        "steps" => ("", &f.steps),
        "office" => (&f.office, &[]),
        "floor" => (&f.floor, &[]),
        "counter" => (&f.counter, &[]),
        "hours" => (&f.hours, &[]),
        "fee" => (&f.fee, &[]),
        "contact" => (&f.contact, &[]),
        "notes" => (&f.notes, &[]),
        "ended_note" => (&f.ended_note, &[]),
        _ => ("", &[]),
    }
}

/// A list edit asked for with a form button (`op=bring:up:2`, `steps:del:0`,
/// `bring:add`), applied to `fields` without saving: the form comes back
/// with the rows moved, removed or one more empty row, and needs no script.
/// Returns whether there was such a request.
pub fn apply_list_op(fields: &mut TextFields, op: &str) -> bool {
    let mut parts = op.splitn(3, ':');
    let (Some(name), Some(action)) = (parts.next(), parts.next()) else {
        return false;
    };
    let list = match name {
        "bring" => &mut fields.bring,
        "steps" => &mut fields.steps,
        _ => return false,
    };
    let at = parts.next().and_then(|i| i.parse::<usize>().ok());
    match (action, at) {
        ("add", _) => list.push(String::new()),
        ("del", Some(i)) if i < list.len() => {
            list.remove(i);
        }
        ("up", Some(i)) if i > 0 && i < list.len() => list.swap(i - 1, i),
        ("down", Some(i)) if i + 1 < list.len() => list.swap(i, i + 1),
        _ => {}
    }
    true
}

/// A problem in the staff language, with the item number for lists.
pub fn problem_message(l: &Localizer<'_>, p: &FieldProblem) -> String {
    let item = p
        .field
        .split_once('[')
        .and_then(|(_, i)| i.trim_end_matches(']').parse::<usize>().ok());
    let mut args = fluent_bundle::FluentArgs::new();
    if let ProblemKind::TooLong { chars, max } = p.kind {
        args.set("chars", chars);
        args.set("max", max);
    }
    if let ProblemKind::TooManyItems { max } = p.kind {
        args.set("max", max);
    }
    let message = l.locales.format(
        l.locale,
        &format!("admin-err-{}", p.kind.code().replace('_', "-")),
        Some(&args),
    );
    match item {
        Some(i) => format!("{} {}", l.tn("admin-err-item", "n", i + 1), message),
        None => message,
    }
}

pub fn field_views(
    l: &Localizer<'_>,
    values: &TextFields,
    source: Option<&TextFields>,
    problems: &[FieldProblem],
) -> Vec<FieldView> {
    let missing = source.map(|s| values.missing(s)).unwrap_or_default();
    FIELDS
        .iter()
        .filter(|(name, _)| *name != "ended_note" || source.is_some_and(|s| !s.ended_note.is_empty()))
        .map(|&(name, kind)| {
            let (value, items) = value_of(values, name);
            let (source_value, source_items) = source.map_or(("", &[][..]), |s| value_of(s, name));
            // Empty rows: as many as the source has more items (translation
            // editor), or one for an empty list; "add a row" adds one more.
            let blanks = if kind == "list" {
                source_items
                    .len()
                    .saturating_sub(items.len())
                    .max(usize::from(items.is_empty()))
            } else {
                0
            };
            let errors: Vec<String> = problems
                .iter()
                .filter(|p| p.base_field() == name)
                .map(|p| problem_message(l, p))
                .collect();
            FieldView {
                name,
                label: l.t(&format!("admin-field-{name}")),
                kind,
                value: value.to_owned(),
                items: items
                    .iter()
                    .cloned()
                    .chain(std::iter::repeat_n(String::new(), blanks))
                    .collect(),
                source: source_value.to_owned(),
                source_items: source_items.to_vec(),
                error: (!errors.is_empty()).then(|| errors.join(" ")),
                required: name == "title",
                missing: missing.iter().any(|f| f.id() == name),
                max: match kind {
                    "para" => crate::domain::validate::MAX_PARAGRAPH,
                    _ if name == "title" => crate::domain::validate::MAX_TITLE,
                    _ => crate::domain::validate::MAX_LINE,
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bring(items: &[&str]) -> TextFields {
        TextFields {
            bring: items.iter().map(|s| (*s).to_owned()).collect(),
            ..TextFields::default()
        }
    }

    #[test]
    fn list_buttons_move_remove_and_add_rows() {
        let mut f = bring(&["a", "b", "c"]);
        assert!(apply_list_op(&mut f, "bring:up:2"));
        assert_eq!(f.bring, ["a", "c", "b"]);
        assert!(apply_list_op(&mut f, "bring:down:0"));
        assert_eq!(f.bring, ["c", "a", "b"]);
        assert!(apply_list_op(&mut f, "bring:del:1"));
        assert_eq!(f.bring, ["c", "b"]);
        assert!(apply_list_op(&mut f, "bring:add"));
        assert_eq!(f.bring, ["c", "b", ""]);
        // Out of range or unknown: nothing moves, but it was a button press.
        assert!(apply_list_op(&mut f, "bring:up:0"));
        assert!(apply_list_op(&mut f, "bring:del:9"));
        assert_eq!(f.bring, ["c", "b", ""]);
        assert!(!apply_list_op(&mut f, ""));
        assert!(!apply_list_op(&mut f, "title:add"));
    }
}
