//! Checking a sheet's rows and planning what they change.

use std::collections::HashSet;

use super::{HEADER, MAX_ROWS, SheetProblem};
use crate::domain::validate::{ProblemKind, category_ok, field_problems, normalise_newlines};
use crate::domain::{Code, LangTag, Procedure, ProcedureText, StalePolicy, Status, TextFields};

/// One checked data row.
#[derive(Debug, Clone)]
pub struct SheetRow {
    pub row: usize,
    /// None: a new procedure.
    pub code: Option<Code>,
    pub category: String,
    pub fields: TextFields,
}

fn list(cell: &str) -> Vec<String> {
    cell.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Checks the header and every row; returns the rows only when nothing is wrong.
pub fn check(cells: &[Vec<String>]) -> Result<Vec<SheetRow>, Vec<SheetProblem>> {
    let mut problems = Vec::new();
    let Some(header) = cells.first() else {
        return Err(vec![SheetProblem::new(1, "", ProblemKind::Empty)]);
    };
    let header: Vec<&str> = header.iter().map(|h| h.trim()).collect();
    for (i, want) in HEADER.iter().enumerate() {
        if header.get(i) != Some(want) {
            problems.push(SheetProblem::new(1, want, ProblemKind::Invalid));
        }
    }
    if header.len() > HEADER.len() && header[HEADER.len()..].iter().any(|h| !h.is_empty()) {
        problems.push(SheetProblem::new(1, "", ProblemKind::Invalid));
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if cells.len() > MAX_ROWS + 1 {
        return Err(vec![SheetProblem::new(
            MAX_ROWS + 2,
            "",
            ProblemKind::TooManyItems { max: MAX_ROWS },
        )]);
    }
    let mut rows = Vec::new();
    let mut seen = HashSet::new();
    for (i, raw) in cells.iter().enumerate().skip(1) {
        let row = i + 1;
        // Spreadsheets keep blank rows at the end: they are not procedures.
        if raw.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if raw.len() > HEADER.len() && raw[HEADER.len()..].iter().any(|c| !c.trim().is_empty()) {
            problems.push(SheetProblem::new(row, "", ProblemKind::Invalid));
        }
        let cell = |name: &str| {
            let at = HEADER.iter().position(|h| *h == name).expect("a known column");
            raw.get(at).map_or("", String::as_str)
        };
        let code = match cell("code").trim() {
            "" => None,
            c => match Code::parse_lenient(c) {
                Ok(code) if seen.insert(code.clone()) => Some(code),
                _ => {
                    problems.push(SheetProblem::new(row, "code", ProblemKind::Invalid));
                    None
                }
            },
        };
        let category = cell("category").trim().to_owned();
        if !category_ok(&category) {
            problems.push(SheetProblem::new(row, "category", ProblemKind::Invalid));
        }
        let mut fields = TextFields {
            title: cell("title").trim().to_owned(),
            summary: cell("summary").trim().to_owned(),
            bring: list(cell("bring")),
            steps: list(cell("steps")),
            office: cell("office").trim().to_owned(),
            floor: cell("floor").trim().to_owned(),
            counter: cell("counter").trim().to_owned(),
            hours: cell("hours").trim().to_owned(),
            fee: cell("fee").trim().to_owned(),
            contact: cell("contact").trim().to_owned(),
            notes: cell("notes").trim().to_owned(),
            ended_note: String::new(),
        };
        normalise_newlines(&mut fields);
        problems.extend(
            field_problems(&fields)
                .into_iter()
                .map(|problem| SheetProblem { row, problem }),
        );
        rows.push(SheetRow {
            row,
            code,
            category,
            fields,
        });
    }
    if rows.is_empty() && problems.is_empty() {
        problems.push(SheetProblem::new(2, "", ProblemKind::Empty));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

/// What a checked sheet changes.
#[derive(Debug, Default)]
pub struct Plan {
    /// Procedures to write, whole (their other languages kept as stored).
    pub procedures: Vec<Procedure>,
    pub created: Vec<Code>,
    pub updated: Vec<Code>,
    pub unchanged: Vec<Code>,
}

/// Turns checked rows into whole procedures against what is stored: a new
/// row gets a fresh code never used before, a changed Japanese text a new
/// revision (as in the staff form), an unchanged row nothing. Codes that do
/// not exist are problems.
pub fn plan(rows: Vec<SheetRow>, stored: &[Procedure], now: &str) -> Result<Plan, Vec<SheetProblem>> {
    let ja = LangTag::parse("ja").expect("ja is a tag");
    let mut used: HashSet<String> = stored.iter().map(|p| p.code.as_str().to_owned()).collect();
    let mut plan = Plan::default();
    let mut problems = Vec::new();
    for r in rows {
        let Some(code) = r.code else {
            let code = fresh_code(&mut used);
            plan.created.push(code.clone());
            plan.procedures.push(Procedure {
                code,
                status: Status::Draft,
                category: r.category,
                revision: 1,
                office: None,
                stale: StalePolicy::default(),
                texts: vec![ProcedureText {
                    lang: ja.clone(),
                    revision: 1,
                    updated: now.to_owned(),
                    version: 1,
                    fields: r.fields,
                }],
            });
            continue;
        };
        let Some(p) = stored.iter().find(|p| p.code == code) else {
            problems.push(SheetProblem::new(r.row, "code", ProblemKind::Invalid));
            continue;
        };
        let mut p = p.clone();
        let Some(text) = p.texts.iter_mut().find(|t| t.lang == ja) else {
            problems.push(SheetProblem::new(r.row, "code", ProblemKind::Invalid));
            continue;
        };
        let mut fields = r.fields;
        // The archive note is not a column: it stays as stored.
        fields.ended_note = text.fields.ended_note.clone();
        let text_changed = text.fields != fields;
        if !text_changed && p.category == r.category {
            plan.unchanged.push(code);
            continue;
        }
        if text_changed {
            p.revision += 1;
            text.revision = p.revision;
            text.updated = now.to_owned();
            text.fields = fields;
        }
        p.category = r.category;
        plan.updated.push(code);
        plan.procedures.push(p);
    }
    if problems.is_empty() {
        Ok(plan)
    } else {
        Err(problems)
    }
}

fn fresh_code(used: &mut HashSet<String>) -> Code {
    // As in `Store::create_procedure`: four characters, wider if crowded.
    let mut attempt = 0;
    loop {
        let code = Code::random(4 + attempt / 20);
        if used.insert(code.as_str().to_owned()) {
            return code;
        }
        attempt += 1;
    }
}
