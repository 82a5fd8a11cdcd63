//! A procedure and its per-language texts, as the rest of the program sees them.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::{Code, LangTag, StalePolicy};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Draft,
    Published,
    Archived,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("status must be draft, published or archived")]
pub struct StatusError;

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Published => "published",
            Status::Archived => "archived",
        }
    }
}

impl FromStr for Status {
    type Err = StatusError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "draft" => Ok(Status::Draft),
            "published" => Ok(Status::Published),
            "archived" => Ok(Status::Archived),
            _ => Err(StatusError),
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The translatable fields of a procedure, in one language. The schema
/// carries the lengths of `validate` (kept equal by
/// `tests/api.rs::the_openapi_document_describes_the_routes`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextFields {
    /// Required: a text without a title is refused.
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    #[schema(max_length = 4000)]
    #[serde(default)]
    pub summary: String,
    #[schema(max_items = 30, value_type = Vec<ListItem>)]
    #[serde(default)]
    pub bring: Vec<String>,
    #[schema(max_items = 30, value_type = Vec<ListItem>)]
    #[serde(default)]
    pub steps: Vec<String>,
    #[schema(max_length = 500)]
    #[serde(default)]
    pub office: String,
    #[schema(max_length = 500)]
    #[serde(default)]
    pub floor: String,
    #[schema(max_length = 500)]
    #[serde(default)]
    pub counter: String,
    #[schema(max_length = 500)]
    #[serde(default)]
    pub hours: String,
    #[schema(max_length = 500)]
    #[serde(default)]
    pub fee: String,
    #[schema(max_length = 500)]
    #[serde(default)]
    pub contact: String,
    #[schema(max_length = 4000)]
    #[serde(default)]
    pub notes: String,
    /// Shown on the page of an archived procedure: what to do instead.
    #[schema(max_length = 4000)]
    #[serde(default)]
    pub ended_note: String,
}

/// An item of `bring` or `steps`: not blank, at most 500 characters.
#[derive(utoipa::ToSchema)]
#[schema(min_length = 1, max_length = 500, pattern = r"\S")]
#[allow(dead_code)] // a schema only: items are plain strings
pub struct ListItem(String);

/// One language's text of a procedure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcedureText {
    pub lang: LangTag,
    /// For Japanese, the source revision; for a translation, the Japanese
    /// revision it was made from.
    pub revision: i64,
    /// RFC 3339 UTC timestamp of the last change.
    pub updated: String,
    /// Bumped by every edit; an edit based on an older version is a conflict.
    pub version: i64,
    pub fields: TextFields,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Procedure {
    pub code: Code,
    pub status: Status,
    pub category: String,
    /// Revision of the Japanese source text.
    pub revision: i64,
    /// The shared office record where this procedure is done, if any.
    pub office: Option<i64>,
    /// What readers of an out-of-date translation get.
    pub stale: StalePolicy,
    pub texts: Vec<ProcedureText>,
}

impl Procedure {
    pub fn text(&self, lang: &LangTag) -> Option<&ProcedureText> {
        self.texts.iter().find(|t| &t.lang == lang)
    }

    /// The Japanese source text (always present for a stored procedure).
    pub fn japanese(&self) -> Option<&ProcedureText> {
        self.texts
            .iter()
            .find(|t| t.lang.language() == "ja" && t.lang.id().script.is_none())
    }

    pub fn languages(&self) -> impl Iterator<Item = &LangTag> {
        self.texts.iter().map(|t| &t.lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips_through_text() {
        for s in [Status::Draft, Status::Published, Status::Archived] {
            assert_eq!(s.as_str().parse::<Status>(), Ok(s));
        }
        assert_eq!("Published".parse::<Status>(), Err(StatusError));
        assert_eq!("".parse::<Status>(), Err(StatusError));
    }
}
