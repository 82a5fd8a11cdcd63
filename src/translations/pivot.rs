//! A pivot language for translators who work from English (or another
//! language they read) rather than from Japanese: per unit, that
//! language's text, offered only when it was made from the Japanese
//! revision being translated (an older one would mislead).

use std::collections::BTreeMap;

use super::{Unit, field_values, translatable};
use crate::domain::{LangTag, Procedure};

/// One unit's pivot text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PivotText {
    /// Made from the current Japanese revision.
    Current(String),
    /// Made from an older Japanese revision: not offered.
    Stale { revision: i64 },
    /// Not translated into the pivot language.
    Missing,
}

/// The pivot language's texts of every translatable procedure.
#[derive(Debug, Clone)]
pub struct Pivot {
    pub lang: LangTag,
    /// (code, field) → text.
    texts: BTreeMap<(String, String), PivotText>,
}

impl Pivot {
    pub fn of(procedures: &[Procedure], lang: &LangTag) -> Pivot {
        let mut texts = BTreeMap::new();
        for p in procedures.iter().filter(|p| translatable(p)) {
            let Some(text) = p.text(lang) else { continue };
            let current = p.is_current(text);
            for (field, value) in field_values(&text.fields) {
                let entry = if value.is_empty() {
                    PivotText::Missing
                } else if current {
                    PivotText::Current(value)
                } else {
                    PivotText::Stale {
                        revision: text.revision,
                    }
                };
                texts.insert((p.code.to_string(), field), entry);
            }
        }
        Pivot {
            lang: lang.clone(),
            texts,
        }
    }

    pub fn get(&self, unit: &Unit) -> &PivotText {
        self.texts
            .get(&(unit.code.to_string(), unit.field.clone()))
            .unwrap_or(&PivotText::Missing)
    }

    /// What a translator reads about the pivot when there is no text to
    /// show: why not.
    pub fn absent(&self, unit: &Unit) -> Option<String> {
        let lang = &self.lang;
        match self.get(unit) {
            PivotText::Current(_) => None,
            PivotText::Stale { revision } => Some(format!(
                "{lang}: not shown: the {lang} text was made from Japanese revision {revision}; the Japanese is now at revision {}",
                unit.revision
            )),
            PivotText::Missing => Some(format!("{lang}: no {lang} text yet")),
        }
    }
}
