//! The CSV and XLSX templates offered on the upload page.

use super::HEADER;

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
