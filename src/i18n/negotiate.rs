//! Matching what a person asks for against what we have (RFC 4647 lookup
//! with CLDR likely subtags, through fluent-langneg).

use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

use crate::domain::LangTag;

/// Longest header prefix and most entries we look at; browsers send a few.
const MAX_HEADER_BYTES: usize = 1024;
const MAX_ENTRIES: usize = 16;

/// Parses an `Accept-Language` value into tags, best first by q-value
/// (equal q keeps header order). Entries with q=0 ("not this one"),
/// `*`, and anything that is not a language tag are dropped.
pub fn parse_accept_language(header: &str) -> Vec<LangTag> {
    let mut end = header.len().min(MAX_HEADER_BYTES);
    while !header.is_char_boundary(end) {
        end -= 1;
    }
    // The parser sorts by a float it reads with `f32::from_str`, which
    // accepts "NaN"; a NaN breaks the sort's total order, so such entries go.
    let cleaned: Vec<&str> = header[..end]
        .split(',')
        .filter(|entry| {
            entry
                .split_once('=')
                .is_none_or(|(_, q)| !q.trim().parse::<f32>().is_ok_and(f32::is_nan))
        })
        .take(MAX_ENTRIES)
        .collect();
    let mut tags: Vec<LangTag> = Vec::new();
    for (name, q) in accept_language::parse_with_quality(&cleaned.join(",")) {
        if q > 0.0
            && let Ok(tag) = LangTag::parse(&name)
            && !tags.contains(&tag)
        {
            tags.push(tag);
        }
    }
    tags
}

impl AsRef<LanguageIdentifier> for LangTag {
    fn as_ref(&self) -> &LanguageIdentifier {
        self.id()
    }
}

/// The first of `available` that best serves `requested` (in order of
/// preference), or `None` when nothing matches.
pub fn negotiate<'a>(requested: &[LangTag], available: &'a [LangTag]) -> Option<&'a LangTag> {
    negotiate_languages(requested, available, None, NegotiationStrategy::Lookup)
        .first()
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<LangTag> {
        list.iter().map(|t| LangTag::parse(t).unwrap()).collect()
    }

    fn strings(tags: &[LangTag]) -> Vec<String> {
        tags.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn q_values_order_the_list() {
        let got = parse_accept_language("en;q=0.3, vi-VN, ko;q=0.8, *;q=0.1");
        assert_eq!(strings(&got), ["vi-VN", "ko", "en"]);
    }

    #[test]
    fn hostile_headers_are_survived() {
        assert!(parse_accept_language("").is_empty());
        assert!(parse_accept_language(";;;,,,=q").is_empty());
        assert!(parse_accept_language("fr;q=0").is_empty());
        assert_eq!(
            strings(&parse_accept_language("en;q=NaN, ko;q=0.5, vi;q=nan")),
            ["ko"]
        );
        let huge = "xx-XX;q=0.5,".repeat(10_000) + "vi";
        let got = parse_accept_language(&huge);
        assert_eq!(
            strings(&got),
            ["xx-XX"],
            "bounded, deduplicated, and never reaching the end"
        );
        let unicode = "日本語".repeat(400);
        assert!(parse_accept_language(&unicode).is_empty());
    }

    #[test]
    fn likely_subtags_match_scripts_and_regions() {
        let have = tags(&["en", "ja", "zh-Hans", "zh-Hant", "pt-BR", "fil", "vi"]);
        let pick = |req: &str| negotiate(&tags(&[req]), &have).map(ToString::to_string);
        assert_eq!(pick("zh-TW").as_deref(), Some("zh-Hant"));
        assert_eq!(pick("zh-HK").as_deref(), Some("zh-Hant"));
        assert_eq!(pick("zh-CN").as_deref(), Some("zh-Hans"));
        assert_eq!(pick("zh").as_deref(), Some("zh-Hans"));
        assert_eq!(pick("pt").as_deref(), Some("pt-BR"));
        assert_eq!(pick("tl").as_deref(), Some("fil"));
        assert_eq!(pick("vi-VN").as_deref(), Some("vi"));
        assert_eq!(pick("de"), None);
    }
}
