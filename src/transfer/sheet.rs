//! Procedures as a spreadsheet (CSV or XLSX), for staff who keep their
//! lists in Excel or LibreOffice: the Japanese source only, one row per
//! procedure, under a fixed machine header. List fields hold one item per
//! line inside their cell. The whole sheet is checked before anything is
//! written, and every problem is named by sheet row and column.

use std::collections::HashSet;
use std::io::Cursor;

use calamine::{Reader, Xlsx};

use crate::domain::validate::{FieldProblem, ProblemKind, category_ok, field_problems, normalise_newlines};
use crate::domain::{Code, LangTag, Procedure, ProcedureText, StalePolicy, Status, TextFields};

/// The first row of every sheet, in this order.
pub const HEADER: [&str; 13] = [
    "code", "category", "title", "summary", "bring", "steps", "office", "floor", "counter", "hours", "fee",
    "contact", "notes",
];

/// Data rows read at most (the 1 MiB upload limit comes first in practice).
pub const MAX_ROWS: usize = 2000;

/// The most an uploaded XLSX file may unpack to.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

/// A problem at a sheet row (1 is the header) and column (a header name,
/// with an item index for lists such as `steps[1]`; empty for the row as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetProblem {
    pub row: usize,
    pub problem: FieldProblem,
}

impl SheetProblem {
    pub fn new(row: usize, column: &str, kind: ProblemKind) -> SheetProblem {
        SheetProblem {
            row,
            problem: FieldProblem {
                field: column.to_owned(),
                kind,
            },
        }
    }
}

/// The file could not be read as a sheet at all.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct Unreadable(pub String);

/// Cells of a CSV file: UTF-8 (with or without a byte-order mark) or, as
/// Excel on Japanese Windows saves it, Shift_JIS.
pub fn read_csv(bytes: &[u8]) -> Result<Vec<Vec<String>>, Unreadable> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => {
            let (s, _, bad) = encoding_rs::SHIFT_JIS.decode(bytes);
            if bad {
                return Err(Unreadable("neither UTF-8 nor Shift_JIS".into()));
            }
            s.into_owned()
        }
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // One row more than allowed, so that `check` can tell there were too many.
    for record in reader.records().take(MAX_ROWS + 2) {
        let record = record.map_err(|e| Unreadable(e.to_string()))?;
        rows.push(record.iter().map(str::to_owned).collect());
    }
    Ok(rows)
}

/// Cells of the first worksheet of an XLSX file, as the spreadsheet shows them.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Vec<String>>, Unreadable> {
    // An XLSX file is a ZIP: refuse one that would unpack to far more than
    // a real sheet of this size does, before anything is unpacked.
    // (Sizes from the central directory, which the reader holds entries to.)
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| Unreadable(e.to_string()))?;
    let mut unpacked = 0u64;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| Unreadable(e.to_string()))?;
        unpacked = unpacked.saturating_add(entry.size());
    }
    if unpacked > MAX_UNPACKED {
        return Err(Unreadable("the XLSX file unpacks to too much data".into()));
    }
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| Unreadable(e.to_string()))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Unreadable("no worksheet".into()))?;
    // Cell by cell, never as a whole range: a range is allocated from its
    // corners, so two cells at A1 and XFD1048576 would ask for ~10^10 slots.
    // A cell beyond the rows and columns this format has is refused.
    let mut reader = book
        .worksheet_cells_reader(&name)
        .map_err(|e| Unreadable(e.to_string()))?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(|e| Unreadable(e.to_string()))? {
        let (row, col) = cell.get_position();
        let (row, col) = (row as usize, col as usize);
        if row > MAX_ROWS + 1 || col >= HEADER.len() {
            let value = calamine::Data::from(cell.get_value().clone()).to_string();
            if value.trim().is_empty() {
                continue;
            }
            return Err(Unreadable(format!(
                "a cell outside the {} columns and {} rows a sheet may have (row {}, column {})",
                HEADER.len(),
                MAX_ROWS + 1,
                row + 1,
                col + 1
            )));
        }
        if rows.len() <= row {
            rows.resize(row + 1, Vec::new());
        }
        let cells = &mut rows[row];
        if cells.len() <= col {
            cells.resize(col + 1, String::new());
        }
        cells[col] = calamine::Data::from(cell.get_value().clone()).to_string();
    }
    Ok(rows)
}

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

/// The example row of the templates (a new procedure: no code).
fn example() -> [&'static str; 13] {
    [
        "",
        "residence",
        "転入届《てんにゅうとどけ》",
        "ほかの市区町村から引っ越してきたときの届出です。",
        "本人確認書類\n前の住所の転出証明書",
        "申請書を書きます\n窓口に出します",
        "市民課",
        "1階",
        "3番",
        "平日 8:30〜17:15",
        "無料",
        "096-000-0000",
        "引っ越してから14日以内に届け出てください。",
    ]
}

/// The CSV template: header and one example row, UTF-8 with a byte-order
/// mark so that Excel opens it as UTF-8.
pub fn template_csv() -> Vec<u8> {
    let mut w = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    w.write_record(HEADER).expect("writing to memory");
    w.write_record(example()).expect("writing to memory");
    w.into_inner().expect("writing to memory")
}

/// The XLSX template: the same two rows, list cells wrapped.
pub fn template_xlsx() -> anyhow::Result<Vec<u8>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    let wrap = rust_xlsxwriter::Format::new().set_text_wrap();
    for (col, (name, value)) in (0u16..).zip(HEADER.iter().zip(example())) {
        sheet.write_string_with_format(0, col, *name, &bold)?;
        sheet.write_string_with_format(1, col, value, &wrap)?;
        sheet.set_column_width(col, 24)?;
    }
    Ok(book.save_to_buffer()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(csv: &str) -> Vec<Vec<String>> {
        read_csv(csv.as_bytes()).unwrap()
    }

    #[test]
    fn templates_read_back_as_one_new_row() {
        let rows = check(&read_csv(&template_csv()).unwrap()).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].fields.bring.len(), 2);
        let x = check(&read_xlsx(&template_xlsx().unwrap()).unwrap()).unwrap();
        assert_eq!(x[0].fields, rows[0].fields);
    }

    #[test]
    fn every_problem_is_named_by_row_and_column() {
        let head = HEADER.join(",");
        let sheet = format!("{head}\n,residence,,s\n,Bad Cat,t,s,\"a\n\nb\"\nZZZZZZZ!,residence,t\n");
        let problems = check(&cells(&sheet)).unwrap_err();
        let at: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.row, p.problem.field.as_str()))
            .collect();
        assert_eq!(at, [(2, "title"), (3, "category"), (4, "code")]);
    }

    #[test]
    fn shift_jis_is_read() {
        let head = HEADER.join(",");
        let text = format!("{head}\n,residence,転入届\n");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        let rows = check(&read_csv(&sjis).unwrap()).unwrap();
        assert_eq!(rows[0].fields.title, "転入届");
    }

    #[test]
    fn a_wrong_header_is_refused() {
        assert!(check(&cells("title,code\n,x\n")).is_err());
        assert!(check(&cells(&HEADER.join(","))).is_err(), "no rows");
    }
}
