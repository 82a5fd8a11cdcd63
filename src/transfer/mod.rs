//! The JSON exchange format for procedures (`madoguchi import` / `export`,
//! and the bundled samples). Documented in `docs/import-format.md`.
//!
//! Parsing is strict (unknown fields are errors, so a typo never silently
//! drops a field) and validation names the record and field at fault.

mod entries;
pub mod sheet;

use serde::{Deserialize, Serialize};

pub use entries::Entries;

use crate::domain::{
    Code, LangTag, Office, OfficeFields, Procedure, ProcedureText, StalePolicy, Status, TextFields,
};

pub const FORMAT: &str = "madoguchi-procedures";
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub format: String,
    pub version: u32,
    /// Shared office records, referred to by procedures' `office`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub offices: Vec<RawOffice>,
    pub procedures: Vec<RawProcedure>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawOffice {
    pub id: i64,
    pub texts: Entries<OfficeFields>,
}

/// A whole import file, checked.
#[derive(Debug, Default)]
pub struct Transfer {
    pub offices: Vec<Office>,
    pub procedures: Vec<Procedure>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProcedure {
    pub code: String,
    pub status: String,
    pub category: String,
    pub revision: i64,
    /// The id of an office in this file's `offices`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<i64>,
    /// `fallback`: readers of an out-of-date translation get an up-to-date
    /// language instead; `notice` (the default, left out): the older
    /// translation with a notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stale_policy: Option<String>,
    /// Keyed by language tag, each once; written in key order.
    pub texts: Entries<RawText>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawText {
    pub revision: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    pub title: String,
    pub summary: String,
    pub bring: Vec<String>,
    pub steps: Vec<String>,
    pub office: String,
    pub floor: String,
    pub counter: String,
    pub hours: String,
    pub fee: String,
    pub contact: String,
    pub notes: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub ended_note: String,
}

/// What is wrong with an import file, and where.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error("not valid JSON for this format: {0}")]
    Syntax(serde_json::Error),
    #[error("\"format\" must be \"{FORMAT}\" and \"version\" {VERSION}")]
    Header,
    #[error("office #{index} (id {id}): {field}: {message}")]
    InvalidOffice {
        index: usize,
        id: i64,
        field: String,
        message: String,
    },
    #[error("procedure #{index} (code {code:?}): {field}: {message}")]
    Invalid {
        /// 1-based position in the file.
        index: usize,
        code: String,
        field: String,
        message: String,
    },
}

/// Parses and validates a whole file; any bad record fails the whole file.
/// `now` fills in `updated` where the file leaves it out.
pub fn parse(json: &str, now: &str) -> Result<Transfer, TransferError> {
    let file: File = serde_json::from_str(json).map_err(TransferError::Syntax)?;
    if file.format != FORMAT || file.version != VERSION {
        return Err(TransferError::Header);
    }
    let mut offices = Vec::with_capacity(file.offices.len());
    for (i, raw) in file.offices.into_iter().enumerate() {
        let fail = |field: String, message: String| TransferError::InvalidOffice {
            index: i + 1,
            id: raw.id,
            field,
            message,
        };
        if raw.id < 1 || offices.iter().any(|o: &Office| o.id == raw.id) {
            return Err(fail(
                "id".into(),
                "must be a positive number, once per file".into(),
            ));
        }
        if let Some(tag) = raw.texts.duplicate() {
            return Err(fail(
                format!("texts.{tag}"),
                "this key appears more than once".into(),
            ));
        }
        let mut texts = Vec::new();
        for (tag, fields) in raw.texts.iter() {
            let lang = LangTag::parse(tag).map_err(|e| fail(format!("texts.{tag}"), e.to_string()))?;
            if let Some(p) = fields.problems().into_iter().next() {
                return Err(fail(format!("texts.{tag}.{}", p.field), p.kind.to_string()));
            }
            texts.push((lang, fields.clone()));
        }
        if !texts.iter().any(|(l, _)| l.to_string() == "ja") {
            return Err(fail("texts.ja".into(), "the Japanese text is required".into()));
        }
        offices.push(Office { id: raw.id, texts });
    }
    let mut seen = std::collections::HashSet::new();
    let procedures = file
        .procedures
        .into_iter()
        .enumerate()
        .map(|(i, raw)| {
            let index = i + 1;
            let code = raw.code.clone();
            let fail = |field: &str, message: String| TransferError::Invalid {
                index,
                code: code.clone(),
                field: field.to_owned(),
                message,
            };
            if let Some(office) = raw.office
                && !offices.iter().any(|o| o.id == office)
            {
                return Err(fail(
                    "office",
                    format!("office {office} is not in this file's \"offices\""),
                ));
            }
            let p = validate(raw, now).map_err(|(f, m)| fail(&f, m))?;
            if !seen.insert(p.code.clone()) {
                return Err(fail("code", "appears more than once in this file".into()));
            }
            Ok(p)
        })
        .collect::<Result<_, _>>()?;
    Ok(Transfer { offices, procedures })
}

type FieldError = (String, String);

fn validate(raw: RawProcedure, now: &str) -> Result<Procedure, FieldError> {
    let e = |f: &str, m: &str| (f.to_owned(), m.to_owned());
    let code = Code::parse(&raw.code).map_err(|err| e("code", &err.to_string()))?;
    let status: Status = raw
        .status
        .parse()
        .map_err(|err: crate::domain::StatusError| e("status", &err.to_string()))?;
    if !crate::domain::validate::category_ok(&raw.category) {
        return Err(e("category", "must be 1 to 40 of a-z, 0-9 and -"));
    }
    let stale = match raw.stale_policy.as_deref() {
        None => StalePolicy::default(),
        Some(s) => StalePolicy::parse(s).ok_or_else(|| e("stale_policy", "must be notice or fallback"))?,
    };
    if raw.revision < 1 {
        return Err(e("revision", "must be 1 or more"));
    }
    if let Some(tag) = raw.texts.duplicate() {
        return Err((format!("texts.{tag}"), "this key appears more than once".into()));
    }
    let mut texts = Vec::with_capacity(raw.texts.len());
    let mut langs = std::collections::HashSet::new();
    for (tag, t) in raw.texts {
        let at = |f: &str| format!("texts.{tag}.{f}");
        let lang = LangTag::parse(&tag).map_err(|err| (format!("texts.{tag}"), err.to_string()))?;
        if !langs.insert(lang.clone()) {
            return Err((
                format!("texts.{tag}"),
                format!("the same language as another entry ({lang})"),
            ));
        }
        let is_source = lang.to_string() == "ja";
        if t.revision < 1 || t.revision > raw.revision {
            return Err((
                at("revision"),
                format!("must be between 1 and the procedure's revision {}", raw.revision),
            ));
        }
        if is_source && t.revision != raw.revision {
            return Err((
                at("revision"),
                "the Japanese text's revision must equal the procedure's".into(),
            ));
        }
        let updated = match t.updated {
            Some(u) => {
                let ts: jiff::Timestamp = u.parse().map_err(|_| {
                    (
                        at("updated"),
                        "must be an RFC 3339 time such as 2026-04-01T09:00:00Z".to_owned(),
                    )
                })?;
                ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
            }
            None => now.to_owned(),
        };
        let mut fields = TextFields {
            title: t.title,
            summary: t.summary,
            bring: t.bring,
            steps: t.steps,
            office: t.office,
            floor: t.floor,
            counter: t.counter,
            hours: t.hours,
            fee: t.fee,
            contact: t.contact,
            notes: t.notes,
            ended_note: t.ended_note,
        };
        crate::domain::validate::normalise_newlines(&mut fields);
        check_fields(&fields).map_err(|(f, m)| (at(&f), m))?;
        texts.push(ProcedureText {
            lang,
            revision: t.revision,
            updated,
            version: 1,
            fields,
        });
    }
    if !texts.iter().any(|t| t.lang.to_string() == "ja") {
        return Err(e("texts.ja", "the Japanese source text is required"));
    }
    Ok(Procedure {
        code,
        status,
        category: raw.category,
        revision: raw.revision,
        office: raw.office,
        stale,
        texts,
    })
}

/// The first problem with one language's fields, as (field, message).
fn check_fields(f: &TextFields) -> Result<(), FieldError> {
    match crate::domain::validate::field_problems(f).into_iter().next() {
        Some(p) => Err((p.field, p.kind.to_string())),
        None => Ok(()),
    }
}

/// The file for a set of offices and procedures, ready to serialise.
pub fn to_file(offices: &[Office], procedures: &[Procedure]) -> File {
    let offices = offices
        .iter()
        .map(|o| RawOffice {
            id: o.id,
            texts: o.texts.iter().map(|(l, f)| (l.to_string(), f.clone())).collect(),
        })
        .collect();
    let procedures = procedures
        .iter()
        .map(|p| RawProcedure {
            code: p.code.to_string(),
            status: p.status.to_string(),
            category: p.category.clone(),
            revision: p.revision,
            office: p.office,
            stale_policy: (!p.stale.is_default()).then(|| p.stale.as_str().to_owned()),
            texts: p
                .texts
                .iter()
                .map(|t| {
                    let f = t.fields.clone();
                    let raw = RawText {
                        revision: t.revision,
                        updated: Some(t.updated.clone()),
                        title: f.title,
                        summary: f.summary,
                        bring: f.bring,
                        steps: f.steps,
                        office: f.office,
                        floor: f.floor,
                        counter: f.counter,
                        hours: f.hours,
                        fee: f.fee,
                        contact: f.contact,
                        notes: f.notes,
                        ended_note: f.ended_note,
                    };
                    (t.lang.to_string(), raw)
                })
                .collect(),
        })
        .collect();
    File {
        format: FORMAT.into(),
        version: VERSION,
        offices,
        procedures,
    }
}

/// Pretty JSON with a final newline.
pub fn to_json(offices: &[Office], procedures: &[Procedure]) -> String {
    let mut s = serde_json::to_string_pretty(&to_file(offices, procedures)).expect("plain data serialises");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests;
