//! Procedure texts as XLIFF 2.0 for CAT tools (memoQ, Trados, OmegaT): one
//! `<unit id="{CODE}-{field}">` per field in a `<group>` per procedure, with
//! notes CAT tools show: the Japanese revision (`category="revision"`, read
//! back on import), the field, and with `--pivot` the pivot language's text.
//! Written and read with quick-xml, which escapes and unescapes.
//!
//! Text whose whitespace an XML tool may collapse (line breaks: each is a
//! paragraph on the page) carries `xml:space="preserve"` on its `<source>`
//! or `<target>` and on the `<unit>`, so a target a tool adds inherits it
//! (XLIFF 2.0 allows it on all three, not on `<segment>`).

use std::borrow::Cow;

use quick_xml::Reader;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesStart, BytesText, Event};

use super::lines::Lines;
use super::{Incoming, Parsed, Pivot, PivotText, Problem, Unit, problem};
use crate::domain::LangTag;
use crate::i18n::check::line_col;

const NS: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// The whole file for `lang`.
pub fn export(lang: &LangTag, units: &[Unit]) -> String {
    export_with(lang, units, None)
}

/// The whole file for `lang`, with the `pivot` language's text in a note.
pub fn export_with(lang: &LangTag, units: &[Unit], pivot: Option<&Pivot>) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let lang = lang.to_string();
    let result: std::io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        w.create_element("xliff")
            .with_attributes([
                ("xmlns", NS),
                ("version", "2.0"),
                ("srcLang", "ja"),
                ("trgLang", &lang),
            ])
            .write_inner_content(|w| {
                w.create_element("file")
                    .with_attribute(("id", "procedures"))
                    .write_inner_content(|w| {
                        let mut i = 0;
                        while i < units.len() {
                            let code = units[i].code.to_string();
                            let end = units[i..]
                                .iter()
                                .position(|u| u.code != units[i].code)
                                .map_or(units.len(), |n| i + n);
                            let group = &units[i..end];
                            w.create_element("group")
                                .with_attribute(("id", code.as_str()))
                                .write_inner_content(|w| {
                                    for u in group {
                                        write_unit(w, u, pivot)?;
                                    }
                                    Ok(())
                                })?;
                            i = end;
                        }
                        Ok(())
                    })?;
                Ok(())
            })?;
        Ok(())
    })();
    result.expect("writing to memory does not fail");
    let mut out = String::from_utf8(w.into_inner()).expect("quick-xml writes UTF-8");
    out.push('\n');
    out
}

/// Whether an XML tool that does not preserve space would change `text`:
/// line breaks, tabs, runs of spaces, blanks at either end.
pub fn needs_preserve(text: &str) -> bool {
    text.contains(['\n', '\r', '\t']) || text.contains("  ") || text.starts_with(' ') || text.ends_with(' ')
}

const PRESERVE: (&str, &str) = ("xml:space", "preserve");

fn write_unit(w: &mut Writer<Vec<u8>>, u: &Unit, pivot: Option<&Pivot>) -> std::io::Result<()> {
    let id = format!("{}-{}", u.code, u.field);
    let revision = u.revision.to_string();
    // The pivot's text, or why there is none.
    let pivot_note = pivot.map(|p| {
        let text = match p.get(u) {
            PivotText::Current(text) => text.clone(),
            _ => p.absent(u).unwrap_or_default(),
        };
        (format!("pivot {}", p.lang), text)
    });
    let preserve = needs_preserve(&u.source)
        || u.target.as_deref().is_some_and(needs_preserve)
        || pivot_note.as_ref().is_some_and(|(_, t)| needs_preserve(t));
    let mut unit = w.create_element("unit").with_attribute(("id", id.as_str()));
    if preserve {
        unit = unit.with_attribute(PRESERVE);
    }
    unit.write_inner_content(|w| {
        w.create_element("notes").write_inner_content(|w| {
            w.create_element("note")
                .with_attribute(("category", "revision"))
                .write_text_content(BytesText::new(&revision))?;
            w.create_element("note")
                .with_attribute(("category", "field"))
                .write_text_content(BytesText::new(&u.field))?;
            if let Some((category, text)) = &pivot_note {
                w.create_element("note")
                    .with_attribute(("category", category.as_str()))
                    .write_text_content(char_data(text))?;
            }
            Ok(())
        })?;
        let state = if u.target.is_some() {
            "translated"
        } else {
            "initial"
        };
        w.create_element("segment")
            .with_attribute(("state", state))
            .write_inner_content(|w| {
                text_element(w, "source", &u.source)?;
                if let Some(t) = &u.target {
                    text_element(w, "target", t)?;
                }
                Ok(())
            })?;
        Ok(())
    })?;
    Ok(())
}

/// `<source>` or `<target>`, preserving its space where that matters.
fn text_element(w: &mut Writer<Vec<u8>>, name: &str, text: &str) -> std::io::Result<()> {
    let mut e = w.create_element(name);
    if needs_preserve(text) {
        e = e.with_attribute(PRESERVE);
    }
    e.write_text_content(char_data(text))?;
    Ok(())
}

/// `text` as XML character data: escaped, and a carriage return as a
/// character reference, which XML parsers keep (a literal one they read as
/// a line feed).
fn char_data(text: &str) -> BytesText<'_> {
    if text.contains('\r') {
        BytesText::from_escaped(quick_xml::escape::escape(text).replace('\r', "&#13;"))
    } else {
        BytesText::new(text)
    }
}

/// The file's line ends as an XML parser reads them (XML 1.0 §2.11): CR LF
/// and a lone CR are a line feed (a CAT tool on Windows may save CR LF);
/// `&#13;` stays a carriage return.
fn xml_line_ends(text: &str) -> Cow<'_, str> {
    if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// The unit being read.
#[derive(Default)]
struct Open {
    id: String,
    line: usize,
    revision: Option<i64>,
    target: Option<String>,
}

/// Reads an XLIFF 2.x file: its target language and translations, or every
/// problem with its line. Units without a target are left out.
pub fn parse(text: &str) -> Parsed {
    let normalised = xml_line_ends(text);
    let text = normalised.as_ref();
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut problems = Vec::new();
    let mut lang = None;
    let mut out = Vec::new();
    let mut path: Vec<String> = Vec::new();
    let mut unit: Option<Open> = None;
    let mut revision_text: Option<String> = None;
    let mut saw_root = false;
    let lines = Lines::new(text);
    loop {
        let line = lines.line(reader.buffer_position() as usize);
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                // Once per file, so counting from the start is fine here.
                let (at, column) = line_col(text, reader.error_position() as usize);
                problems.push(problem(at, format!("not well-formed XML (column {column}): {e}")));
                break;
            }
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(event, Event::Empty(_));
                let name = local(e);
                let attr = |key: &str| attribute(e, key);
                match (path.last().map(String::as_str), name.as_str()) {
                    (None, "xliff") => {
                        saw_root = true;
                        if !attr("version").is_some_and(|v| v.starts_with("2.")) {
                            problems.push(problem(line, "not XLIFF 2.x (version=\"2.0\" expected)"));
                        }
                        match attr("trgLang").map(|t| LangTag::parse(&t)) {
                            Some(Ok(t)) => lang = Some(t),
                            Some(Err(err)) => problems.push(problem(line, err.to_string())),
                            None => problems.push(problem(line, "no trgLang on <xliff>")),
                        }
                    }
                    (None, other) => {
                        problems.push(problem(line, format!("<{other}> is not an XLIFF document")))
                    }
                    (_, "unit") => {
                        unit = Some(Open {
                            id: attr("id").unwrap_or_default(),
                            line,
                            ..Open::default()
                        });
                    }
                    (Some("notes"), "note") if attr("category").as_deref() == Some("revision") => {
                        revision_text = Some(String::new());
                    }
                    (Some("segment"), "target") => {
                        if let Some(u) = unit.as_mut() {
                            u.target = Some(String::new());
                        }
                    }
                    (Some("target"), other) => problems.push(problem(
                        line,
                        format!("<{other}> inside a target: only plain text is accepted"),
                    )),
                    _ => {}
                }
                if !empty {
                    path.push(name);
                } else if name == "unit" {
                    finish(unit.take(), &mut out, &mut problems);
                }
            }
            Event::Text(t) => {
                let s = t.unescape().unwrap_or_else(|e| {
                    problems.push(problem(line, format!("bad escape: {e}")));
                    Cow::Borrowed("")
                });
                match path.last().map(String::as_str) {
                    Some("target") => {
                        if let Some(target) = unit.as_mut().and_then(|u| u.target.as_mut()) {
                            target.push_str(&s);
                        }
                    }
                    Some("note") => {
                        if let Some(r) = revision_text.as_mut() {
                            r.push_str(&s);
                        }
                    }
                    _ => {}
                }
            }
            Event::CData(c) => {
                if path.last().map(String::as_str) == Some("target")
                    && let Some(target) = unit.as_mut().and_then(|u| u.target.as_mut())
                {
                    target.push_str(&String::from_utf8_lossy(&c));
                }
            }
            Event::End(_) => {
                let name = path.pop().unwrap_or_default();
                if name == "note"
                    && let Some(r) = revision_text.take()
                    && let Some(u) = unit.as_mut()
                {
                    match r.trim().parse() {
                        Ok(n) => u.revision = Some(n),
                        Err(_) => {
                            problems.push(problem(line, format!("revision “{}” is not a number", r.trim())))
                        }
                    }
                }
                if name == "unit" {
                    finish(unit.take(), &mut out, &mut problems);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root && problems.is_empty() {
        problems.push(problem(1, "no <xliff> element"));
    }
    (lang, out, problems)
}

fn finish(unit: Option<Open>, out: &mut Vec<Incoming>, problems: &mut Vec<Problem>) {
    let Some(u) = unit else { return };
    let Some(target) = u.target.filter(|t| !t.is_empty()) else {
        return;
    };
    let Some((code, field)) = u.id.split_once('-') else {
        problems.push(problem(u.line, format!("unit id “{}” is not CODE-field", u.id)));
        return;
    };
    out.push(Incoming {
        line: u.line,
        code: code.to_owned(),
        field: field.to_owned(),
        revision: u.revision,
        target,
    });
}

fn local(e: &BytesStart) -> String {
    String::from_utf8_lossy(e.local_name().as_ref()).into_owned()
}

fn attribute(e: &BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key.as_bytes())
        .and_then(|a| a.unescape_value().ok().map(Cow::into_owned))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_named_by_line() {
        let file = "<?xml version=\"1.0\"?>\n<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"ja\" trgLang=\"vi\">\n<file id=\"f\">\n<unit id=\"K7Q2-title\">\n<notes><note category=\"revision\">x</note></notes>\n<segment><source>a</source><target>b <pc id=\"1\">c</pc></target></segment>\n</unit>\n<unit id=\"nodash\"><segment><source>a</source><target>b</target></segment></unit>\n</file>\n</xliff>\n";
        let (lang, _, problems) = parse(file);
        assert_eq!(lang.map(|l| l.to_string()).as_deref(), Some("vi"));
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "5: revision “x” is not a number",
                "6: <pc> inside a target: only plain text is accepted",
                "8: unit id “nodash” is not CODE-field",
            ]
        );
    }

    #[test]
    fn malformed_xml_and_other_documents_are_refused() {
        let (_, _, p) = parse("<xliff version=\"2.0\" trgLang=\"vi\">\n<file>\n</xliff>\n");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].message.starts_with("not well-formed XML"), "{p:?}");
        assert_eq!(p[0].line, 3);
        let (_, _, p) = parse("<xliff version=\"1.2\"><file/></xliff>");
        assert!(p.iter().any(|p| p.message.contains("not XLIFF 2.x")), "{p:?}");
        assert!(p.iter().any(|p| p.message.contains("no trgLang")), "{p:?}");
        let (_, _, p) = parse("<html/>");
        assert_eq!(p[0].message, "<html> is not an XLIFF document");
    }
}
