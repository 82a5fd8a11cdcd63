//! Language tags, parsed once into a canonical BCP 47 form.

use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;
use unic_langid::subtags::Language;

/// A BCP 47 language tag in canonical case (`zh-Hant`, `pt-BR`), with the
/// deprecated `tl` read as its successor `fil`, so the two always match.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct LangTag(LanguageIdentifier);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("“{0}” is not a language tag this service understands")]
pub struct LangTagError(pub String);

/// Longer than any tag we could serve; bounds work on hostile input.
const MAX_TAG_LEN: usize = 35;

impl LangTag {
    pub fn parse(s: &str) -> Result<Self, LangTagError> {
        let err = || LangTagError(s.chars().take(MAX_TAG_LEN).collect());
        let s = s.trim();
        if s.is_empty() || s.len() > MAX_TAG_LEN || s == "*" {
            return Err(err());
        }
        let mut id: LanguageIdentifier = s.parse().map_err(|_| err())?;
        if id.language.as_str() == "und" {
            return Err(err());
        }
        // Only tags whose canonical form reads back as the same tag: some odd
        // inputs (a four-letter variant) print as something that parses
        // differently, and a tag must survive a cookie or the database.
        if id.to_string().parse::<LanguageIdentifier>().ok().as_ref() != Some(&id) {
            return Err(err());
        }
        // CLDR's alias: tl (Tagalog) is served as fil (Filipino).
        if id.language.as_str() == "tl" {
            id.language = "fil".parse::<Language>().expect("fil is a valid language subtag");
        }
        Ok(LangTag(id))
    }

    pub fn id(&self) -> &LanguageIdentifier {
        &self.0
    }

    /// The primary language subtag alone (`zh` for `zh-Hant`).
    pub fn language(&self) -> &str {
        self.0.language.as_str()
    }

    /// Language, script and region only (variants and extensions dropped):
    /// what the negotiation tells apart, and all the demand statistics
    /// keep. `None` for a language CLDR does not know (no likely
    /// subtags): invented tags (`abc-v1234567`) are counted as "other".
    pub fn for_statistics(&self) -> Option<LangTag> {
        let id = &self.0;
        let mut bare = LanguageIdentifier::from_parts(id.language, None, None, &[]);
        if !bare.maximize() {
            return None;
        }
        Some(LangTag(LanguageIdentifier::from_parts(
            id.language,
            id.script,
            id.region,
            &[],
        )))
    }

    /// Whether text in this language runs right to left.
    pub fn is_rtl(&self) -> bool {
        matches!(self.0.character_direction(), unic_langid::CharacterDirection::RTL)
    }

    /// `rtl` or `ltr`, for the HTML `dir` attribute.
    pub fn dir(&self) -> &'static str {
        if self.is_rtl() { "rtl" } else { "ltr" }
    }
}

impl From<LanguageIdentifier> for LangTag {
    fn from(id: LanguageIdentifier) -> Self {
        LangTag(id)
    }
}

impl FromStr for LangTag {
    type Err = LangTagError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        LangTag::parse(s)
    }
}

impl fmt::Display for LangTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_case() {
        assert_eq!(LangTag::parse("ZH-hant").unwrap().to_string(), "zh-Hant");
        assert_eq!(LangTag::parse("pt-br").unwrap().to_string(), "pt-BR");
        assert_eq!(LangTag::parse("en_US").unwrap().to_string(), "en-US");
        assert_eq!(LangTag::parse(" vi ").unwrap().to_string(), "vi");
    }

    #[test]
    fn statistics_keep_language_script_and_region() {
        for (tag, kept) in [
            ("zh-Hant-TW", "zh-Hant-TW"),
            ("pt-BR", "pt-BR"),
            ("ne", "ne"),
            ("fil", "fil"),
            ("my-MM", "my-MM"),
            ("de-DE-1996", "de-DE"),
            // A real (if rare) language: kept, its variant dropped.
            ("abc-v1234567", "abc"),
        ] {
            let got = LangTag::parse(tag).unwrap().for_statistics();
            assert_eq!(got.map(|t| t.to_string()).as_deref(), Some(kept), "{tag}");
        }
        for invented in ["qqq-v1234567", "qqq", "xyz-US"] {
            assert_eq!(
                LangTag::parse(invented).unwrap().for_statistics(),
                None,
                "{invented}"
            );
        }
    }

    #[test]
    fn tagalog_is_filipino() {
        assert_eq!(LangTag::parse("tl").unwrap().to_string(), "fil");
        assert_eq!(LangTag::parse("tl-PH").unwrap().to_string(), "fil-PH");
        assert_eq!(LangTag::parse("fil").unwrap(), LangTag::parse("tl").unwrap());
    }

    #[test]
    fn rejects_what_is_not_a_tag() {
        // The last one was found by the fuzzer: it printed as a different tag.
        for bad in [
            "",
            "*",
            "und",
            "x",
            "en-",
            "日本語",
            "<script>",
            &"a".repeat(200),
            "aAaAA-maaaA-AaAA",
        ] {
            assert!(LangTag::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn direction() {
        assert!(LangTag::parse("ar").unwrap().is_rtl());
        assert_eq!(LangTag::parse("he").unwrap().dir(), "rtl");
        assert_eq!(LangTag::parse("ja").unwrap().dir(), "ltr");
    }
}
