//! What is read aloud for one text: its own fields in page order, with the
//! section headings of its language, one utterance per line. Only the
//! language's own words: a field the translation leaves out is skipped (the
//! page shows it borrowed, with its notice), so a Vietnamese voice never
//! reads English. The digest names the audio file, so the page and the
//! audio route find exactly the recording of the text they show.

use sha2::{Digest, Sha256};

use crate::domain::{Office, ProcedureText};
use crate::i18n::{Locales, Localizer, ruby};

/// How a line is read: Open JTalk reads the kana reading (`漢字《かんじ》` →
/// `かんじ`), so the reading staff chose is honoured; a voice of another
/// language gets the text without the Japanese terms shown in brackets for
/// the counter (`ward office (区役所)` → `ward office`), which it could only
/// spell out character by character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Kana,
    Plain,
    Foreign,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pause {
    /// Between items of one section.
    Short,
    /// After a heading's section, before the next heading.
    Long,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub pause: Pause,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Script {
    pub lines: Vec<Line>,
    /// Hex, the first 16 digits of SHA-256 over the voice and the lines.
    pub digest: String,
}

/// The script for `text`, read by `voice` (its name is part of the digest:
/// another voice makes another recording). `office` completes where to go
/// from the office record in the same language (Japanese for Easy Japanese).
pub fn script(
    text: &ProcedureText,
    office: Option<&Office>,
    locales: &Locales,
    voice: &str,
    reading: Reading,
) -> Script {
    let heading_locale = locales.get(&text.lang);
    let mut out = Lines {
        lines: Vec::new(),
        reading,
        // Headings only from the text's own locale: a heading in another
        // language would be read in the wrong voice.
        heading: heading_locale.map(|l| Localizer::new(locales, l)),
    };
    let f = &text.fields;
    out.push(&f.title, Pause::Long);
    let summary: Vec<&str> = f.summary.lines().collect();
    out.section("section-summary", &summary);
    let bring: Vec<&str> = f.bring.iter().map(String::as_str).collect();
    out.section("section-bring", &bring);
    let steps: Vec<&str> = f.steps.iter().map(String::as_str).collect();
    out.section("section-steps", &steps);
    let o = office
        .and_then(|o| {
            o.text(&text.lang).or_else(|| {
                (text.lang.to_string() == crate::i18n::EASY_JAPANESE)
                    .then(|| o.japanese())
                    .flatten()
            })
        })
        .cloned()
        .unwrap_or_default();
    let pick = |own: &str, shared: &str| {
        if own.is_empty() {
            shared.to_owned()
        } else {
            own.to_owned()
        }
    };
    let place = [
        pick(&f.office, &o.name),
        o.address.clone(),
        pick(&f.floor, &o.floor),
        pick(&f.counter, &o.counter),
    ];
    let place: Vec<&str> = place.iter().map(String::as_str).collect();
    out.section("section-where", &place);
    out.section("section-hours", &[pick(&f.hours, &o.hours).as_str()]);
    out.section("section-fee", &[f.fee.as_str()]);
    out.section("section-contact", &[f.contact.as_str()]);
    let notes: Vec<&str> = f.notes.lines().collect();
    out.section("section-notes", &notes);
    let lines = out.lines;

    let mut hash = Sha256::new();
    hash.update(voice.as_bytes());
    for line in &lines {
        hash.update([0, line.pause as u8]);
        hash.update(line.text.as_bytes());
    }
    let digest = hash.finalize();
    let digest = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    Script { lines, digest }
}

struct Lines<'a> {
    lines: Vec<Line>,
    reading: Reading,
    heading: Option<Localizer<'a>>,
}

impl Lines<'_> {
    fn say(&self, s: &str) -> String {
        match self.reading {
            // Easy Japanese puts spaces between words for the eye; read
            // aloud they would split words for the parser.
            Reading::Kana => kana_spacing(&kana(s)),
            Reading::Plain => ruby::strip(s).split_whitespace().collect::<Vec<_>>().join(" "),
            Reading::Foreign => without_japanese(&ruby::strip(s)),
        }
    }

    fn push(&mut self, s: &str, pause: Pause) {
        let s = self.say(s);
        if !s.is_empty() {
            self.lines.push(Line { text: s, pause });
        }
    }

    /// A heading and its items; nothing when no item has words.
    fn section(&mut self, id: &str, items: &[&str]) {
        if items.iter().all(|i| i.trim().is_empty()) {
            return;
        }
        // The language's own heading or none: a fallback would be English.
        let heading = self
            .heading
            .filter(|l| l.locales.has_own_message(l.locale, id))
            .map(|l| l.raw(id));
        if let Some(h) = heading {
            self.push(&h, Pause::Short);
        }
        for item in items {
            self.push(item, Pause::Short);
        }
        if let Some(last) = self.lines.last_mut() {
            last.pause = Pause::Long;
        }
    }
}

fn is_japanese(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FFFF}' | '々' | '〆')
}

/// `text` as a voice of another language can read it: in each bracket
/// group, the parts (between `,` `:` `;` `、`) holding Japanese are left
/// out, and the group too when nothing is left (`窓口 6 (6番窓口)` →
/// `窓口 6`; `(住民税: city tax)` → `(city tax)`); Japanese words outside
/// brackets are left out as well (the voice would say "Japanese letter"
/// for each character).
fn without_japanese(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    const PAIRS: [(char, char); 4] = [('(', ')'), ('（', '）'), ('「', '」'), ('『', '』')];
    while let Some(open) = rest.find(PAIRS.map(|(o, _)| o)) {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let bracket = from.chars().next().expect("found");
        let close = PAIRS.iter().find(|(o, _)| *o == bracket).expect("a pair").1;
        let inner = &from[bracket.len_utf8()..];
        let Some(end) = inner.find(close) else {
            out.push_str(from);
            rest = "";
            break;
        };
        let kept: Vec<&str> = inner[..end]
            .split([',', ':', ';', '、', '，', '：'])
            .map(str::trim)
            .filter(|part| !part.is_empty() && !part.chars().any(is_japanese))
            .collect();
        if !kept.is_empty() {
            out.push(bracket);
            out.push_str(&kept.join(", "));
            out.push(close);
        }
        rest = &inner[end + close.len_utf8()..];
    }
    out.push_str(rest);
    let out: String = out.chars().filter(|c| !is_japanese(*c)).collect();
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Japanese for Open JTalk: the spaces Easy Japanese puts between words for
/// the eye are dropped (they split words for the parser), but not those
/// beside Latin letters or digits (`12:00 13:00`, `My Number`).
fn kana_spacing(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if ascii(words[i - 1].chars().last()) || ascii(word.chars().next()) {
                out.push(' ');
            }
        }
        out.push_str(word);
    }
    out
}

/// The text with each annotated base replaced by its reading.
pub fn kana(text: &str) -> String {
    ruby::parse(text)
        .into_iter()
        .map(|s| match s {
            ruby::Segment::Text(t) => t,
            ruby::Segment::Ruby { reading, .. } => reading,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{LangTag, TextFields};

    fn text(lang: &str, fields: TextFields) -> ProcedureText {
        ProcedureText {
            lang: LangTag::parse(lang).unwrap(),
            revision: 1,
            updated: String::new(),
            version: 1,
            fields,
        }
    }

    fn locales() -> Locales {
        Locales::embedded().0
    }

    #[test]
    fn furigana_is_read_from_its_reading() {
        assert_eq!(
            kana("｜14日《じゅうよっか》以内《いない》に"),
            "じゅうよっかいないに"
        );
        let t = text(
            "ja-Hira",
            TextFields {
                title: "転入届《てんにゅうとどけ》を　出《だ》す".into(),
                ..TextFields::default()
            },
        );
        let s = script(&t, None, &locales(), "v", Reading::Kana);
        assert_eq!(s.lines[0].text, "てんにゅうとどけをだす");
        assert_eq!(kana("ただの文"), "ただの文");
    }

    #[test]
    fn a_foreign_voice_skips_the_japanese_terms() {
        let cases = [
            (
                "Go to the ward office (区役所) or 「市役所」 today (now).",
                "Go to the ward office or today (now).",
            ),
            ("Counter 6 (6番窓口)", "Counter 6"),
            (
                "Tax (住民税: city and prefectural tax)",
                "Tax (city and prefectural tax)",
            ),
            ("교부통지서(交付通知書, 엽서)", "교부통지서(엽서)"),
            ("ชั้น 1 (1階)", "ชั้น 1"),
            ("Mang thẻ マイナンバー đến quầy", "Mang thẻ đến quầy"),
            ("(区役所) 1F", "1F"),
        ];
        for (text, said) in cases {
            assert_eq!(without_japanese(text), said, "{text}");
        }
    }

    #[test]
    fn easy_japanese_spaces_go_except_beside_latin_and_digits() {
        assert_eq!(kana_spacing("ほかの　まちから　くる"), "ほかのまちからくる");
        assert_eq!(kana_spacing("12:00 13:00 まで"), "12:00 13:00 まで");
        assert_eq!(kana_spacing("My Number カード"), "My Number カード");
    }

    #[test]
    fn sections_come_in_page_order_with_their_headings() {
        let t = text(
            "en",
            TextFields {
                title: "Moving in".into(),
                summary: "Tell the city.\n\nWithin 14 days.".into(),
                bring: vec!["Passport".into(), "Residence card".into()],
                fee: "Free".into(),
                ..TextFields::default()
            },
        );
        let s = script(&t, None, &locales(), "espeak-ng en-us", Reading::Plain);
        let said: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(said[0], "Moving in");
        assert_eq!(said[2], "Tell the city.");
        assert_eq!(said[3], "Within 14 days.");
        assert!(said.contains(&"Passport") && said.contains(&"Residence card"));
        let bring = said.iter().position(|l| *l == "Passport").unwrap();
        assert_ne!(
            said[bring - 1],
            "Tell the city.",
            "a heading comes before the list"
        );
        assert_eq!(said.last(), Some(&"Free"));
        assert_eq!(s.lines.last().unwrap().pause, Pause::Long);
        assert_eq!(s.digest.len(), 16);
    }

    #[test]
    fn the_digest_follows_the_words_and_the_voice() {
        let fields = TextFields {
            title: "A".into(),
            ..TextFields::default()
        };
        let a = script(
            &text("en", fields.clone()),
            None,
            &locales(),
            "v1",
            Reading::Plain,
        );
        let b = script(
            &text("en", fields.clone()),
            None,
            &locales(),
            "v2",
            Reading::Plain,
        );
        let mut other = fields;
        other.title = "B".into();
        let c = script(&text("en", other), None, &locales(), "v1", Reading::Plain);
        assert_ne!(a.digest, b.digest);
        assert_ne!(a.digest, c.digest);
    }

    #[test]
    fn a_language_without_a_locale_is_read_without_headings() {
        let t = text(
            "fr",
            TextFields {
                title: "Arrivée".into(),
                fee: "Gratuit".into(),
                ..TextFields::default()
            },
        );
        let s = script(&t, None, &locales(), "v", Reading::Plain);
        let said: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(said, ["Arrivée", "Gratuit"]);
    }
}
