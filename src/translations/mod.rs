//! Procedure texts for translators: one language's translatable fields of
//! every published procedure as units (id, Japanese source and revision,
//! existing translation), written as Fluent (`ftl`) or XLIFF 2.x (`xliff`),
//! and read back with every problem named by line before anything changes.

pub mod ftl;
mod lines;
pub mod pivot;
pub mod tbx;
pub mod xliff;

pub use pivot::{Pivot, PivotText};

use std::collections::BTreeMap;
use std::fmt;

use crate::domain::{Code, LangTag, Procedure, ProcedureText, Status, TextFields};

/// The single-line and paragraph fields, in page order (the archive note
/// last: it is what an archived procedure's old posters lead to).
const FIELDS: [&str; 10] = [
    "title",
    "summary",
    "office",
    "floor",
    "counter",
    "hours",
    "fee",
    "contact",
    "notes",
    "ended_note",
];
/// The list fields; their items are `bring-1`, `bring-2` ….
const LISTS: [&str; 2] = ["bring", "steps"];

/// One translatable piece: `K7Q2` + `bring-2`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub code: Code,
    pub field: String,
    pub source: String,
    /// The Japanese revision the source is from.
    pub revision: i64,
    pub target: Option<String>,
}

/// A translation read from a file, before it is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Incoming {
    pub line: usize,
    pub code: String,
    pub field: String,
    pub revision: Option<i64>,
    pub target: String,
}

/// A problem in a translation file, at a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.line, self.message)
    }
}

pub fn problem(line: usize, message: impl Into<String>) -> Problem {
    Problem {
        line,
        message: message.into(),
    }
}

/// What a file reader found: the language named in the file, the
/// translations, and the problems (syntax, …) met while reading.
pub type Parsed = (Option<LangTag>, Vec<Incoming>, Vec<Problem>);

/// Checks a read file against the stored procedures: the language and the
/// procedures to save, or every problem of the file, by line.
pub fn check(
    procedures: &[Procedure],
    parsed: Parsed,
    now: &str,
) -> Result<(LangTag, Vec<Procedure>), Vec<Problem>> {
    let (lang, incoming, mut problems) = parsed;
    let result = match &lang {
        Some(lang) => apply(procedures, lang, &incoming, now),
        None => Ok(vec![]),
    };
    match (lang, result) {
        (Some(lang), Ok(changed)) if problems.is_empty() => Ok((lang, changed)),
        (_, Err(more)) => {
            problems.extend(more);
            problems.sort_by_key(|p| p.line);
            Err(problems)
        }
        _ => {
            problems.sort_by_key(|p| p.line);
            Err(problems)
        }
    }
}

/// The fields of one text, by unit field name.
fn field_values(f: &TextFields) -> Vec<(String, String)> {
    let single = [
        &f.title,
        &f.summary,
        &f.office,
        &f.floor,
        &f.counter,
        &f.hours,
        &f.fee,
        &f.contact,
        &f.notes,
        &f.ended_note,
    ];
    let mut out: Vec<(String, String)> = FIELDS
        .iter()
        .zip(single)
        .map(|(n, v)| ((*n).to_owned(), v.clone()))
        .collect();
    for (name, items) in LISTS.iter().zip([&f.bring, &f.steps]) {
        for (i, item) in items.iter().enumerate() {
            out.push((format!("{name}-{}", i + 1), item.clone()));
        }
    }
    out
}

/// Whether a procedure's texts are translated: published ones, and
/// archived ones (their 410 page, with its note, is what old posters show).
fn translatable(p: &Procedure) -> bool {
    p.status != Status::Draft
}

/// Every published or archived procedure's translatable units for `lang`,
/// by code.
pub fn units(procedures: &[Procedure], lang: &LangTag) -> Vec<Unit> {
    let mut out = Vec::new();
    for p in procedures.iter().filter(|p| translatable(p)) {
        let Some(ja) = p.japanese() else { continue };
        let existing: BTreeMap<String, String> = p
            .text(lang)
            .map(|t| field_values(&t.fields).into_iter().collect())
            .unwrap_or_default();
        for (field, source) in field_values(&ja.fields) {
            if source.is_empty() {
                continue;
            }
            let target = existing.get(&field).filter(|t| !t.is_empty()).cloned();
            out.push(Unit {
                code: p.code.clone(),
                field,
                source,
                revision: ja.revision,
                target,
            });
        }
    }
    out
}

/// Checks every incoming translation against the stored procedures and
/// builds the procedures to save, or returns every problem found.
/// A procedure named in the file gets its `lang` text replaced by the
/// file's fields (a field left out is empty).
pub fn apply(
    procedures: &[Procedure],
    lang: &LangTag,
    incoming: &[Incoming],
    now: &str,
) -> Result<Vec<Procedure>, Vec<Problem>> {
    let mut problems = Vec::new();
    if lang.language() == "ja" && lang.id().script.is_none() {
        problems.push(problem(
            1,
            format!("{lang} is the source language; translations only"),
        ));
    }
    // code → (first line, revision, field → (line, value))
    type Fields = BTreeMap<String, (usize, String)>;
    let mut by_code: BTreeMap<String, (usize, Option<i64>, Fields)> = BTreeMap::new();
    // Looked up once per unit: an index, not a scan (20,000 units × 1,000
    // procedures was quadratic).
    let index: std::collections::HashMap<&str, &Procedure> =
        procedures.iter().map(|p| (p.code.as_str(), p)).collect();
    for i in incoming {
        let Some(p) = index.get(i.code.as_str()).copied().filter(|p| translatable(p)) else {
            problems.push(problem(
                i.line,
                format!("unknown or draft procedure “{}”", i.code),
            ));
            continue;
        };
        let Some(ja) = p.japanese() else { continue };
        let entry = by_code
            .entry(i.code.clone())
            .or_insert_with(|| (i.line, i.revision, BTreeMap::new()));
        match i.revision {
            None => problems.push(problem(i.line, format!("{}-{}: no revision", i.code, i.field))),
            Some(r) if r < 1 || r > p.revision => problems.push(problem(
                i.line,
                format!(
                    "{}-{}: revision {r} does not exist (the Japanese text is at revision {})",
                    i.code, i.field, p.revision
                ),
            )),
            // Compared with the first revision only when that one was valid.
            Some(r)
                if entry
                    .1
                    .is_some_and(|first| first != r && (1..=p.revision).contains(&first)) =>
            {
                problems.push(problem(
                    i.line,
                    format!(
                        "{}-{}: revision {r}, but other fields of {} say {}",
                        i.code,
                        i.field,
                        i.code,
                        entry.1.unwrap_or_default()
                    ),
                ))
            }
            Some(_) => {}
        }
        let known =
            field_values(&ja.fields).iter().any(|(f, _)| *f == i.field) || FIELDS.contains(&i.field.as_str());
        if !known {
            problems.push(problem(
                i.line,
                format!("{}: unknown field “{}”", i.code, i.field),
            ));
            continue;
        }
        if let Some((first, _)) = entry.2.get(&i.field) {
            problems.push(problem(
                i.line,
                format!("{}-{} appears twice (first on line {first})", i.code, i.field),
            ));
            continue;
        }
        entry.2.insert(i.field.clone(), (i.line, i.target.clone()));
    }
    let mut out = Vec::new();
    for (code, (line, revision, fields)) in by_code {
        let Some(p) = index.get(code.as_str()).copied() else {
            continue;
        };
        let Some(ja) = p.japanese() else { continue };
        let get = |f: &str| fields.get(f).map(|(_, v)| v.clone()).unwrap_or_default();
        let list = |name: &str, len: usize| -> Vec<String> {
            (1..=len).map(|i| get(&format!("{name}-{i}"))).collect()
        };
        let mut text = TextFields {
            title: get("title"),
            summary: get("summary"),
            office: get("office"),
            floor: get("floor"),
            counter: get("counter"),
            hours: get("hours"),
            fee: get("fee"),
            contact: get("contact"),
            notes: get("notes"),
            bring: list("bring", ja.fields.bring.len()),
            steps: list("steps", ja.fields.steps.len()),
            ended_note: get("ended_note"),
        };
        crate::domain::validate::normalise_newlines(&mut text);
        if let Some(first) = crate::domain::validate::field_problems(&text).into_iter().next() {
            let field = first.field.replace('[', "-").replace(']', "");
            let at = fields.get(first.base_field()).map_or(line, |(l, _)| *l);
            problems.push(problem(at, format!("{code}-{field}: {}", first.kind)));
            continue;
        }
        let mut p = p.clone();
        p.texts.retain(|t| &t.lang != lang);
        p.texts.push(ProcedureText {
            lang: lang.clone(),
            revision: revision.unwrap_or(p.revision),
            updated: now.to_owned(),
            version: 1,
            fields: text,
        });
        out.push(p);
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        problems.sort_by_key(|p| p.line);
        Err(problems)
    }
}
