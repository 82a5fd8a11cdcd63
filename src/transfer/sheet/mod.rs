//! Procedures as a spreadsheet (CSV or XLSX), for staff who keep their
//! lists in Excel or LibreOffice: the Japanese source only, one row per
//! procedure, under a fixed machine header. List fields hold one item per
//! line inside their cell. The whole sheet is checked before anything is
//! written, and every problem is named by sheet row and column.

mod plan;
mod read;
mod template;

pub use plan::{Plan, SheetRow, check, plan};
pub use read::{read_csv, read_xlsx};
pub use template::{template_csv, template_xlsx};

use crate::domain::validate::{FieldProblem, ProblemKind};

/// The first row of every sheet, in this order.
pub const HEADER: [&str; 13] = [
    "code", "category", "title", "summary", "bring", "steps", "office", "floor", "counter", "hours", "fee",
    "contact", "notes",
];

/// Data rows read at most (the 1 MiB upload limit comes first in practice).
pub const MAX_ROWS: usize = 2000;

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
