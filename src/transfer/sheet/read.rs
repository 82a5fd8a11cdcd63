//! Reading an uploaded sheet into cells: CSV in UTF-8 or Shift_JIS, and
//! the first worksheet of an XLSX file, within bounds.

use std::io::Cursor;

use calamine::{Reader, Xlsx};

use super::{HEADER, MAX_ROWS, Unreadable};

/// The most an uploaded XLSX file may unpack to.
const MAX_UNPACKED: u64 = 64 * 1024 * 1024;

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
