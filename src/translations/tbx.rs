//! The translators' glossary (`locales/glossary.tsv`) for one language as
//! TBX (TermBase eXchange, ISO 30042:2019, TBX-Basic dialect, DCA style),
//! so CAT tools highlight the administrative terms: a `<conceptEntry>` per
//! term, its Japanese word as the source `<langSec>`, the preferred word
//! (`preferredTerm-admn-sts`) and each word marked wrong
//! (`deprecatedTerm-admn-sts`). Written with quick-xml.

use std::collections::BTreeMap;

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesPI, BytesText, Event};

use crate::domain::LangTag;
use crate::i18n::check::glossary::Avoid;

pub const NS: &str = "urn:iso:std:iso:30042:ed-2";
/// Where TBX tools find the dialect's schemas: TBX-Core's structure
/// (RELAX NG) and TBX-Basic's constraints (Schematron), as LTAC publishes them.
const SCHEMAS: [&str; 2] = [
    r#"xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/TBXcoreStructV03.rng" type="application/xml" schematypens="http://relaxng.org/ns/structure/1.0""#,
    r#"xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/TBX-Basic_DCA.sch" type="application/xml" schematypens="http://purl.oclc.org/dsdl/schematron""#,
];
pub const PREFERRED: &str = "preferredTerm-admn-sts";
pub const DEPRECATED: &str = "deprecatedTerm-admn-sts";

/// One concept of the glossary in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Concept {
    /// The Japanese word.
    pub japanese: String,
    /// What the glossary says after it in brackets (the English), if anything.
    pub gloss: Option<String>,
    pub preferred: String,
    pub deprecated: Vec<String>,
}

/// The glossary's rows of one language, a concept per (term, preferred
/// word), in the glossary's order.
pub fn concepts(rows: &[Avoid]) -> Vec<Concept> {
    let mut out: Vec<Concept> = Vec::new();
    let mut index: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for row in rows {
        let key = (row.term.as_str(), row.preferred.as_str());
        let i = *index.entry(key).or_insert_with(|| {
            // "在留カード (residence card)": the word, then its gloss.
            let (japanese, gloss) = match row.term.split_once(" (") {
                Some((word, rest)) => (word.trim(), Some(rest.trim_end_matches(')').trim())),
                None => (row.term.trim(), None),
            };
            out.push(Concept {
                japanese: japanese.to_owned(),
                gloss: gloss.filter(|g| !g.is_empty()).map(str::to_owned),
                preferred: row.preferred.clone(),
                deprecated: vec![],
            });
            out.len() - 1
        });
        if !out[i].deprecated.contains(&row.wrong) {
            out[i].deprecated.push(row.wrong.clone());
        }
    }
    out
}

/// The TBX file for `lang`.
pub fn export(lang: &LangTag, concepts: &[Concept]) -> String {
    let lang = lang.to_string();
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    let result: std::io::Result<()> = (|| {
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        for pi in SCHEMAS {
            w.write_event(Event::PI(BytesPI::new(pi)))?;
        }
        w.create_element("tbx")
            .with_attributes([
                ("xmlns", NS),
                ("type", "TBX-Basic"),
                ("style", "dca"),
                ("xml:lang", "ja"),
            ])
            .write_inner_content(|w| {
                w.create_element("tbxHeader").write_inner_content(|w| {
                    w.create_element("fileDesc").write_inner_content(|w| {
                        w.create_element("titleStmt").write_inner_content(|w| {
                            w.create_element("title")
                                .write_text_content(BytesText::new(&format!(
                                    "madoguchi glossary: ja → {lang}"
                                )))?;
                            Ok(())
                        })?;
                        w.create_element("sourceDesc").write_inner_content(|w| {
                            w.create_element("p")
                                .write_text_content(BytesText::new("locales/glossary.tsv"))?;
                            Ok(())
                        })?;
                        Ok(())
                    })?;
                    Ok(())
                })?;
                w.create_element("text").write_inner_content(|w| {
                    w.create_element("body").write_inner_content(|w| {
                        for (n, c) in concepts.iter().enumerate() {
                            write_concept(w, &format!("c{}", n + 1), &lang, c)?;
                        }
                        Ok(())
                    })?;
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

fn write_concept(w: &mut Writer<Vec<u8>>, id: &str, lang: &str, c: &Concept) -> std::io::Result<()> {
    w.create_element("conceptEntry")
        .with_attribute(("id", id))
        .write_inner_content(|w| {
            if let Some(gloss) = &c.gloss {
                w.create_element("note")
                    .write_text_content(BytesText::new(gloss))?;
            }
            w.create_element("langSec")
                .with_attribute(("xml:lang", "ja"))
                .write_inner_content(|w| term(w, &c.japanese, None))?;
            w.create_element("langSec")
                .with_attribute(("xml:lang", lang))
                .write_inner_content(|w| {
                    term(w, &c.preferred, Some(PREFERRED))?;
                    for wrong in &c.deprecated {
                        term(w, wrong, Some(DEPRECATED))?;
                    }
                    Ok(())
                })?;
            Ok(())
        })?;
    Ok(())
}

fn term(w: &mut Writer<Vec<u8>>, text: &str, status: Option<&str>) -> std::io::Result<()> {
    w.create_element("termSec").write_inner_content(|w| {
        w.create_element("term")
            .write_text_content(BytesText::new(text))?;
        if let Some(status) = status {
            w.create_element("termNote")
                .with_attribute(("type", "administrativeStatus"))
                .write_text_content(BytesText::new(status))?;
        }
        Ok(())
    })?;
    Ok(())
}
