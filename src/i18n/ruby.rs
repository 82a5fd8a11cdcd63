//! The furigana notation used in Easy Japanese texts: `漢字《かんじ》`, as in
//! Aozora Bunko. The base is the run of kanji just before `《`, or whatever
//! follows a `｜` when the base is not all kanji (`｜ごみ袋《ごみぶくろ》`):
//! the reading covers the whole base, kana included, so a word is read as
//! one (`｜14日《じゅうよっか》`, not `14日《にち》`).
//! Parsed into segments here; the web layer renders them as `<ruby>` from a
//! template, so every piece stays auto-escaped. Knows nothing of HTML.

use std::borrow::Cow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Ruby { base: String, reading: String },
}

const OPEN: char = '《';
const CLOSE: char = '》';
/// Marks where a base starts when it is not a plain run of kanji.
const BAR: char = '｜';

/// Kanji and the marks that belong to a run of them (々 〆 ヶ).
fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}' | '々' | '〆' | 'ヶ')
}

/// Splits `text` into plain text and annotated bases. Anything that does not
/// form a complete annotation (no base, no closing `》`, empty reading) stays
/// as it was written.
pub fn parse(text: &str) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut plain = String::new();
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let before = &rest[..open];
        let after = &rest[open + OPEN.len_utf8()..];
        let Some(close) = after.find(CLOSE) else { break };
        let reading = &after[..close];
        // The base: after a bar when there is one, else the trailing kanji.
        let (lead, base) = match before.rfind(BAR) {
            Some(bar) => (&before[..bar], &before[bar + BAR.len_utf8()..]),
            None => {
                let start = before
                    .char_indices()
                    .rev()
                    .take_while(|&(_, c)| is_kanji(c))
                    .last()
                    .map_or(before.len(), |(i, _)| i);
                (&before[..start], &before[start..])
            }
        };
        if base.is_empty() || reading.trim().is_empty() || reading.contains(OPEN) {
            plain.push_str(before);
            plain.push(OPEN);
            rest = after;
            continue;
        }
        plain.push_str(lead);
        if !plain.is_empty() {
            out.push(Segment::Text(std::mem::take(&mut plain)));
        }
        out.push(Segment::Ruby {
            base: base.to_owned(),
            reading: reading.to_owned(),
        });
        rest = &after[close + CLOSE.len_utf8()..];
    }
    plain.push_str(rest);
    if !plain.is_empty() {
        out.push(Segment::Text(plain));
    }
    out
}

/// The text without readings (`漢字《かんじ》` → `漢字`), for places that
/// cannot show ruby: the window title, attributes, plain-text output.
pub fn strip(text: &str) -> Cow<'_, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for s in parse(text) {
        match s {
            Segment::Text(t) => out.push_str(&t),
            Segment::Ruby { base, .. } => out.push_str(&base),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::Segment::{Ruby, Text};
    use super::*;

    fn ruby(base: &str, reading: &str) -> Segment {
        Ruby {
            base: base.into(),
            reading: reading.into(),
        }
    }

    #[test]
    fn kanji_runs_take_the_reading() {
        assert_eq!(
            parse("市役所《しやくしょ》に行《い》きます"),
            [
                ruby("市役所", "しやくしょ"),
                Text("に".into()),
                ruby("行", "い"),
                Text("きます".into())
            ]
        );
        assert_eq!(parse("この紙《かみ》"), [Text("この".into()), ruby("紙", "かみ")]);
        assert_eq!(parse("人々《ひとびと》"), [ruby("人々", "ひとびと")]);
    }

    #[test]
    fn a_bar_marks_a_base_that_is_not_all_kanji() {
        assert_eq!(
            parse("青い｜ごみ袋《ごみぶくろ》です"),
            [
                Text("青い".into()),
                ruby("ごみ袋", "ごみぶくろ"),
                Text("です".into())
            ]
        );
        assert_eq!(
            parse("｜14日《じゅうよっか》の　間《あいだ》"),
            [
                ruby("14日", "じゅうよっか"),
                Text("の　".into()),
                ruby("間", "あいだ")
            ]
        );
    }

    #[test]
    fn incomplete_notation_stays_as_written() {
        for s in [
            "ひらがな《よみ》",
            "漢字《",
            "漢字《》",
            "《かな》",
            "plain",
            "",
            "a》b",
        ] {
            let joined: String = parse(s)
                .into_iter()
                .map(|seg| match seg {
                    Text(t) => t,
                    Ruby { .. } => panic!("{s:?} has no complete annotation"),
                })
                .collect();
            assert_eq!(joined, s);
        }
    }

    #[test]
    fn markup_is_just_text() {
        assert_eq!(
            parse("<b>危険《きけん》</b>"),
            [Text("<b>".into()), ruby("危険", "きけん"), Text("</b>".into())]
        );
    }

    #[test]
    fn strip_keeps_the_base() {
        assert_eq!(strip("市役所《しやくしょ》に行《い》く"), "市役所に行く");
        assert_eq!(strip("｜ごみ袋《ごみぶくろ》"), "ごみ袋");
        assert!(matches!(strip("no notation"), Cow::Borrowed(_)));
    }
}
