//! Field-level completeness: which fields of the Japanese source a
//! translation gives, and a reader's text put together field by field from
//! the best language that has each, so nobody reads less than the source.

use super::{LangTag, Procedure, ProcedureText, Status, TextFields};

/// One translatable field of a procedure text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Summary,
    Bring,
    Steps,
    Office,
    Floor,
    Counter,
    Hours,
    Fee,
    Contact,
    Notes,
    EndedNote,
}

impl Field {
    /// Every field, in page order.
    pub const ALL: [Field; 12] = [
        Field::Title,
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
        Field::EndedNote,
    ];

    /// The name used in forms, files and the API.
    pub fn id(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Summary => "summary",
            Field::Bring => "bring",
            Field::Steps => "steps",
            Field::Office => "office",
            Field::Floor => "floor",
            Field::Counter => "counter",
            Field::Hours => "hours",
            Field::Fee => "fee",
            Field::Contact => "contact",
            Field::Notes => "notes",
            Field::EndedNote => "ended_note",
        }
    }

    /// How many pieces of information `f` has in this field: 0 or 1 for a
    /// text, the non-blank items for a list.
    fn pieces(self, f: &TextFields) -> usize {
        let one = |s: &str| usize::from(!s.trim().is_empty());
        let many = |l: &[String]| l.iter().filter(|i| !i.trim().is_empty()).count();
        match self {
            Field::Title => one(&f.title),
            Field::Summary => one(&f.summary),
            Field::Bring => many(&f.bring),
            Field::Steps => many(&f.steps),
            Field::Office => one(&f.office),
            Field::Floor => one(&f.floor),
            Field::Counter => one(&f.counter),
            Field::Hours => one(&f.hours),
            Field::Fee => one(&f.fee),
            Field::Contact => one(&f.contact),
            Field::Notes => one(&f.notes),
            Field::EndedNote => one(&f.ended_note),
        }
    }

    /// Whether `text` gives everything `source` has in this field (a list
    /// with fewer items than the source's leaves something out).
    pub fn covers(self, text: &TextFields, source: &TextFields) -> bool {
        self.pieces(text) >= self.pieces(source)
    }

    /// Copies this field from `from` into `to`.
    fn copy(self, from: &TextFields, to: &mut TextFields) {
        match self {
            Field::Title => to.title.clone_from(&from.title),
            Field::Summary => to.summary.clone_from(&from.summary),
            Field::Bring => to.bring.clone_from(&from.bring),
            Field::Steps => to.steps.clone_from(&from.steps),
            Field::Office => to.office.clone_from(&from.office),
            Field::Floor => to.floor.clone_from(&from.floor),
            Field::Counter => to.counter.clone_from(&from.counter),
            Field::Hours => to.hours.clone_from(&from.hours),
            Field::Fee => to.fee.clone_from(&from.fee),
            Field::Contact => to.contact.clone_from(&from.contact),
            Field::Notes => to.notes.clone_from(&from.notes),
            Field::EndedNote => to.ended_note.clone_from(&from.ended_note),
        }
    }
}

impl TextFields {
    /// The fields `source` has that this text leaves out, in page order.
    pub fn missing(&self, source: &TextFields) -> Vec<Field> {
        Field::ALL
            .into_iter()
            .filter(|f| !f.covers(self, source))
            .collect()
    }
}

/// What to show a reader whose chosen translation is out of date.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StalePolicy {
    /// The older translation, with a notice saying the Japanese changed.
    #[default]
    Notice,
    /// An up-to-date language instead (English or Japanese at worst).
    Fallback,
}

impl StalePolicy {
    pub fn as_str(self) -> &'static str {
        match self {
            StalePolicy::Notice => "notice",
            StalePolicy::Fallback => "fallback",
        }
    }

    pub fn parse(s: &str) -> Option<StalePolicy> {
        match s {
            "notice" => Some(StalePolicy::Notice),
            "fallback" => Some(StalePolicy::Fallback),
            _ => None,
        }
    }

    pub fn is_default(&self) -> bool {
        *self == StalePolicy::default()
    }
}

impl Procedure {
    /// Whether `text` was made from the current Japanese revision (the
    /// Japanese text itself always is).
    pub fn is_current(&self, text: &ProcedureText) -> bool {
        text.revision >= self.revision
    }

    /// The languages a reader may be shown as the main text: all of them,
    /// or under [`StalePolicy::Fallback`] only those up to date.
    pub fn readable_languages(&self) -> Vec<LangTag> {
        self.texts
            .iter()
            .filter(|t| self.stale == StalePolicy::Notice || self.is_current(t))
            .map(|t| t.lang.clone())
            .collect()
    }

    /// The fields of the Japanese source that `text` leaves out. The
    /// archive note counts only once the procedure is archived (a note kept
    /// from an earlier archiving is shown to nobody).
    pub fn missing_in(&self, text: &TextFields) -> Vec<Field> {
        let Some(ja) = self.japanese() else {
            return Vec::new();
        };
        let mut missing = text.missing(&ja.fields);
        if self.status != Status::Archived {
            missing.retain(|f| *f != Field::EndedNote);
        }
        missing
    }

    /// The text a reader of `main` gets: each field the Japanese source has
    /// but `main` leaves out is taken from English when that is up to date
    /// and has it, else from Japanese.
    pub fn compose(&self, main: &ProcedureText) -> Composed {
        let Some(ja) = self.japanese() else {
            return Composed {
                text: main.clone(),
                borrowed: Vec::new(),
            };
        };
        let english = self
            .texts
            .iter()
            .find(|t| t.lang.to_string() == "en" && t.lang != main.lang && self.is_current(t));
        let mut text = main.clone();
        let mut borrowed = Vec::new();
        for field in self.missing_in(&main.fields) {
            let from = english
                .filter(|en| field.covers(&en.fields, &ja.fields))
                .unwrap_or(ja);
            field.copy(&from.fields, &mut text.fields);
            borrowed.push((field, from.lang.clone()));
        }
        Composed { text, borrowed }
    }
}

/// A reader's text: the main language's fields, completed from others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Composed {
    pub text: ProcedureText,
    /// The fields taken from another language, and from which.
    pub borrowed: Vec<(Field, LangTag)>,
}

impl Composed {
    /// The language a field is shown in, when it is not the main text's.
    pub fn borrowed_lang(&self, field: Field) -> Option<&LangTag> {
        self.borrowed.iter().find(|(f, _)| *f == field).map(|(_, l)| l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Code;

    fn text(lang: &str, revision: i64, f: TextFields) -> ProcedureText {
        ProcedureText {
            lang: LangTag::parse(lang).unwrap(),
            revision,
            updated: "2026-01-01T00:00:00Z".into(),
            version: 1,
            fields: f,
        }
    }

    fn ja() -> TextFields {
        TextFields {
            title: "転入届".into(),
            notes: "備考".into(),
            bring: vec!["在留カード".into(), "パスポート".into()],
            hours: "8:30〜17:15".into(),
            ..TextFields::default()
        }
    }

    fn procedure(texts: Vec<ProcedureText>, stale: StalePolicy) -> Procedure {
        Procedure {
            code: Code::parse("K7Q2").unwrap(),
            status: Status::Published,
            category: "moving".into(),
            revision: 2,
            office: None,
            stale,
            texts,
        }
    }

    #[test]
    fn missing_fields_include_shorter_lists_and_blank_fields() {
        let vi = TextFields {
            title: "Đăng ký".into(),
            bring: vec!["Thẻ lưu trú".into(), " ".into()],
            hours: "8:30–17:15".into(),
            notes: "Extra the source lacks".into(),
            ..TextFields::default()
        };
        assert_eq!(vi.missing(&ja()), [Field::Bring]);
        let vi = TextFields {
            notes: String::new(),
            ..vi
        };
        assert_eq!(vi.missing(&ja()), [Field::Bring, Field::Notes]);
        assert!(ja().missing(&ja()).is_empty());
    }

    #[test]
    fn a_reader_gets_every_field_from_english_when_current_else_japanese() {
        let vi = TextFields {
            title: "Đăng ký".into(),
            ..TextFields::default()
        };
        let en = TextFields {
            title: "Moving in".into(),
            notes: "Notes".into(),
            ..TextFields::default()
        };
        let p = procedure(
            vec![text("ja", 2, ja()), text("en", 2, en), text("vi", 2, vi)],
            StalePolicy::Notice,
        );
        let c = p.compose(p.text(&LangTag::parse("vi").unwrap()).unwrap());
        assert_eq!(c.text.fields.title, "Đăng ký");
        assert_eq!(c.text.fields.notes, "Notes");
        assert_eq!(c.text.fields.hours, "8:30〜17:15");
        assert_eq!(c.text.fields.bring, ja().bring);
        let langs: Vec<(Field, String)> = c.borrowed.iter().map(|(f, l)| (*f, l.to_string())).collect();
        assert_eq!(
            langs,
            [
                (Field::Bring, "ja".to_owned()),
                (Field::Hours, "ja".to_owned()),
                (Field::Notes, "en".to_owned())
            ]
        );
        // A stale English text lends nothing.
        let mut p = p;
        p.texts[1].revision = 1;
        let c = p.compose(p.text(&LangTag::parse("vi").unwrap()).unwrap());
        assert_eq!(c.text.fields.notes, "備考");
        assert_eq!(c.borrowed_lang(Field::Notes).unwrap().to_string(), "ja");
    }

    #[test]
    fn the_fallback_policy_offers_only_current_languages() {
        let t = || TextFields {
            title: "x".into(),
            ..TextFields::default()
        };
        let texts = vec![text("ja", 2, ja()), text("en", 2, t()), text("vi", 1, t())];
        let shown = |p: &Procedure| -> Vec<String> {
            p.readable_languages().iter().map(ToString::to_string).collect()
        };
        assert_eq!(
            shown(&procedure(texts.clone(), StalePolicy::Notice)),
            ["ja", "en", "vi"]
        );
        assert_eq!(shown(&procedure(texts, StalePolicy::Fallback)), ["ja", "en"]);
    }

    #[test]
    fn stale_policy_round_trips() {
        for p in [StalePolicy::Notice, StalePolicy::Fallback] {
            assert_eq!(StalePolicy::parse(p.as_str()), Some(p));
        }
        assert_eq!(StalePolicy::parse("Notice"), None);
    }
}
