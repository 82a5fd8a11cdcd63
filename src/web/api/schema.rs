//! The API's request and response bodies, with the constraints the
//! handlers enforce written into the OpenAPI schema (so the document is
//! exact: what it allows is accepted, what it refuses is refused).
//! Text fields are constrained in `domain::TextFields`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::domain::TextFields;

/// A procedure's status.
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // a schema only: statuses travel as strings
pub enum StatusName {
    Draft,
    Published,
    Archived,
}

/// What readers of an out-of-date translation get: `notice` (it, with a
/// notice) or `fallback` (an up-to-date language instead).
#[derive(ToSchema)]
#[schema(rename_all = "lowercase")]
#[allow(dead_code)] // a schema only
pub enum StalePolicyName {
    Notice,
    Fallback,
}

#[derive(Serialize, ToSchema)]
pub struct Summary {
    #[schema(pattern = r"^[0-9A-HJKMNP-TV-Z]{4,6}$")]
    pub(super) code: String,
    #[schema(value_type = StatusName)]
    pub(super) status: String,
    pub(super) category: String,
    /// Revision of the Japanese source text.
    pub(super) revision: i64,
    pub(super) languages: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TextOut {
    /// For ja: the source revision; otherwise the source revision translated from.
    pub(super) revision: i64,
    /// Send this back as `base_version` when updating the text.
    pub(super) version: i64,
    pub(super) updated: String,
    /// True when the Japanese changed after this translation was made.
    pub(super) out_of_date: bool,
    /// Fields the Japanese source has that this text leaves out (or lists
    /// with fewer items); readers get them in English or Japanese.
    pub(super) missing: Vec<String>,
    pub(super) fields: TextFields,
}

#[derive(Serialize, ToSchema)]
pub struct ProcedureOut {
    #[schema(pattern = r"^[0-9A-HJKMNP-TV-Z]{4,6}$")]
    pub(super) code: String,
    #[schema(value_type = StatusName)]
    pub(super) status: String,
    pub(super) category: String,
    pub(super) revision: i64,
    #[schema(value_type = StalePolicyName)]
    pub(super) stale_policy: String,
    /// By language tag.
    pub(super) texts: BTreeMap<String, TextOut>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateIn {
    /// The key of a category staff have made (1–40 of a-z, 0-9 and -);
    /// an unknown key is refused (422, field `category`).
    #[schema(pattern = r"^[a-z0-9-]{1,40}$")]
    pub(super) category: String,
    /// The Japanese source text.
    pub(super) ja: TextFields,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateIn {
    /// Not part of the contract: codes never change. Accepted only when it
    /// equals the procedure's own (clients that send an object back), a
    /// different value is refused as `immutable`.
    #[serde(default)]
    #[schema(ignore)]
    pub(super) code: Option<String>,
    /// The key of a category staff have made; an unknown key is refused
    /// (422, field `category`).
    #[serde(default)]
    #[schema(pattern = r"^[a-z0-9-]{1,40}$")]
    pub(super) category: Option<String>,
    #[serde(default)]
    #[schema(value_type = Option<StalePolicyName>)]
    pub(super) stale_policy: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextIn {
    pub(super) fields: TextFields,
    /// The `version` the edit started from; omit only to create a new
    /// translation (required for `ja`).
    #[serde(default, deserialize_with = "integer")]
    pub(super) base_version: Option<i64>,
    /// The Japanese revision this translation was made from (default: the current one).
    #[serde(default, deserialize_with = "integer")]
    pub(super) source_revision: Option<i64>,
}

/// An integer, also when written as `12.0`: JSON (and the schema's
/// `integer`) does not tell the two apart; serde's i64 would refuse it.
fn integer<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let n: Option<serde_json::Number> = Option::deserialize(d)?;
    n.map(|n| {
        n.as_i64()
            .or_else(|| {
                n.as_f64()
                    .filter(|f| f.fract() == 0.0 && f.abs() < 9.0e15)
                    .map(|f| f as i64)
            })
            .ok_or_else(|| serde::de::Error::custom(format!("{n} is not an integer")))
    })
    .transpose()
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    #[schema(value_type = StatusName)]
    pub(super) status: String,
    /// For archiving: per language, what people should do instead (ja required).
    #[serde(default)]
    pub(super) ended_note: BTreeMap<String, String>,
    /// Required (true) to move an archived procedure back to draft or
    /// published, which admin tokens only may do.
    #[serde(default)]
    pub(super) confirm_restore: bool,
}

/// The shape of every error.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    pub(super) error: ErrorInner,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorInner {
    /// not_found, bad_request, unauthorized, forbidden, conflict, invalid, too_many_requests,
    /// unavailable (503 with Retry-After: the database is locked, full or read-only; nothing was saved), internal
    pub(super) code: String,
    pub(super) message: String,
    pub(super) fields: Vec<FieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldError {
    /// e.g. `fields.title`, `ja.steps[2]`, `code`
    pub(super) field: String,
    /// empty, too_long, control_characters, invalid_characters, too_many_items, invalid, immutable
    pub(super) problem: String,
    pub(super) message: String,
}
