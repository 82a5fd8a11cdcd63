//! Which parts of a reader's text are shown in another language than the
//! text's own, labelled for the notice that lists them.

use super::Frame;
use crate::AppState;
use crate::domain::{Composed, Field, LangTag};

/// The fields shown in another language than the main text, for the
/// notice and for each part's `lang` attribute.
pub(crate) struct Completed {
    pub borrowed: Vec<Borrowed>,
}

pub(crate) struct Borrowed {
    field: Field,
    /// The heading the reader sees for this part.
    pub label: String,
    pub lang: String,
    /// The language's own name.
    pub lang_name: String,
}

impl Completed {
    /// `composed`'s borrowed fields among those a page `shows`, labelled in
    /// the page language.
    pub(super) fn new(state: &AppState, page: &Frame<'_>, composed: &Composed, shows: &[Field]) -> Completed {
        let borrowed = composed
            .borrowed
            .iter()
            .filter(|(f, _)| shows.contains(f))
            .map(|(field, tag)| Borrowed {
                field: *field,
                label: page.l.t(field_label(*field)),
                lang: tag.to_string(),
                lang_name: language_name(state, tag),
            })
            .collect();
        Completed { borrowed }
    }

    /// The language a part is shown in, when it is borrowed.
    pub fn lang_of(&self, field: &str) -> Option<&str> {
        self.borrowed
            .iter()
            .find(|b| b.field.id() == field)
            .map(|b| b.lang.as_str())
    }
}

/// The page's heading for a field, as a message id.
fn field_label(field: Field) -> &'static str {
    match field {
        Field::Title | Field::Summary => "section-summary",
        Field::Bring => "section-bring",
        Field::Steps => "section-steps",
        Field::Office => "field-office",
        Field::Floor => "field-floor",
        Field::Counter => "field-counter",
        Field::Hours => "section-hours",
        Field::Fee => "section-fee",
        Field::Contact => "section-contact",
        Field::Notes => "section-notes",
        Field::EndedNote => "section-ended-note",
    }
}

/// The parts each page shows.
pub(super) const GUIDANCE_FIELDS: &[Field] = &[
    Field::Summary,
    Field::Bring,
    Field::Steps,
    Field::Office,
    Field::Floor,
    Field::Counter,
    Field::Hours,
    Field::Fee,
    Field::Contact,
    Field::Notes,
];
pub(super) const GONE_FIELDS: &[Field] = &[
    Field::EndedNote,
    Field::Office,
    Field::Floor,
    Field::Counter,
    Field::Hours,
    Field::Contact,
];

pub(super) fn language_name(state: &AppState, tag: &LangTag) -> String {
    state
        .locales()
        .get(tag)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| tag.to_string())
}
