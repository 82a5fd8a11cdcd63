//! The frame every public page shares: language, direction, picker, CSS,
//! and the headers that say which language a response is in.

use axum::http::header::{CACHE_CONTROL, CONTENT_LANGUAGE, CONTENT_TYPE, SET_COOKIE, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::Lang;
use super::assets::{self, CSS};
use super::ruby::{self, Ruby};
use crate::AppState;
use crate::domain::LangTag;
use crate::i18n::{Locale, Localizer, negotiate};

static JA: std::sync::LazyLock<LangTag> =
    std::sync::LazyLock::new(|| LangTag::parse("ja").expect("ja is a tag"));

pub struct PickerEntry {
    pub tag: String,
    pub name: String,
    pub href: String,
    pub current: bool,
}

/// What the base template needs.
pub struct Frame<'a> {
    pub l: Localizer<'a>,
    /// The Japanese locale, for the card shown to staff.
    pub ja: Localizer<'a>,
    pub lang: String,
    pub dir: &'static str,
    /// The page's path, for the picker's links.
    path: String,
    pub css: &'static str,
    /// The versioned URL of the page script.
    pub script: &'static str,
    from_query: Option<LangTag>,
    secure: bool,
}

impl<'a> Frame<'a> {
    /// The frame for a page at `path` (without query), in the language
    /// negotiated from `lang`.
    /// The language picker. Built when a page is rendered, not for every
    /// request: a cached page answers without it.
    pub fn languages(&self) -> Vec<PickerEntry> {
        self.l
            .locales
            .all()
            .iter()
            .map(|l| PickerEntry {
                tag: l.tag.to_string(),
                name: l.name.clone(),
                href: format!("{}?lang={}", self.path, l.tag),
                current: l.tag == self.l.locale.tag,
            })
            .collect()
    }

    pub fn new(state: &'a AppState, lang: &Lang, path: &str) -> Frame<'a> {
        let locales = state.locales();
        let locale = locales.negotiate(&lang.requested);
        let ja = locales.get(&JA).unwrap_or(locale);
        // Remember ?lang= only when it named a language we actually have.
        let from_query = lang
            .from_query
            .as_ref()
            .filter(|q| negotiate(std::slice::from_ref(q), locales.tags()) == Some(&locale.tag))
            .map(|_| locale.tag.clone());
        Frame {
            l: Localizer::new(locales, locale),
            ja: Localizer::new(locales, ja),
            lang: locale.tag.to_string(),
            dir: locale.tag.dir(),
            path: path.to_owned(),
            css: CSS,
            script: assets::script_url(),
            from_query,
            secure: state.base_url().is_https(),
        }
    }

    pub fn locale(&self) -> &'a Locale {
        self.l.locale
    }

    /// The message `id` with its furigana as ruby (Easy Japanese).
    pub fn r(&self, id: &str) -> Ruby {
        Ruby::new(&self.l.raw(id))
    }

    /// The message `id` with one variable, furigana as ruby.
    pub fn r1(&self, id: &str, name: &str, value: &str) -> Ruby {
        Ruby::new(&self.l.raw1(id, name, value))
    }

    /// Procedure text with its furigana as ruby.
    pub fn ruby(&self, text: &str) -> Ruby {
        Ruby::new(text)
    }

    /// Procedure text without readings, for the window title.
    pub fn plain(&self, text: &str) -> String {
        ruby::plain(text)
    }

    /// The page's `<meta name="description">`: `text` (a procedure's
    /// summary) as [`describe`] shortens it, or the site's tagline when
    /// it has none.
    pub fn description(&self, text: &str) -> String {
        let d = describe(text);
        if d.is_empty() { self.l.t("site-tagline") } else { d }
    }

    /// An HTML response with the language headers. `content` is the
    /// language of the page's main text when it differs from the page's own.
    pub fn respond(&self, status: StatusCode, content: Option<&LangTag>, html: String) -> Response {
        self.finish((status, html).into_response(), content)
    }

    /// Adds the type and language headers (and the language cookie) to a
    /// page response made elsewhere, e.g. from the page cache.
    pub fn finish(&self, mut response: Response, content: Option<&LangTag>) -> Response {
        let mut languages = self.lang.clone();
        if let Some(c) = content.filter(|c| c.to_string() != self.lang) {
            languages.push_str(", ");
            languages.push_str(&c.to_string());
        }
        let headers = response.headers_mut();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        headers.insert(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        if let Ok(v) = HeaderValue::from_str(&languages) {
            headers.insert(CONTENT_LANGUAGE, v);
        }
        if let Some(tag) = &self.from_query
            && let Ok(v) = HeaderValue::from_str(&Lang::remember(tag, self.secure).to_string())
        {
            headers.insert(SET_COOKIE, v);
        }
        response
    }
}

/// Longest description, in characters: what search results and link
/// previews show before they cut it themselves.
const DESCRIPTION_CHARS: usize = 160;

/// `text` without readings, its first paragraph, at most
/// [`DESCRIPTION_CHARS`] long: cut after the last full sentence in the
/// last third if there is one, else at the last space (`…` added), else
/// (scripts written without spaces) at the limit.
pub fn describe(text: &str) -> String {
    let plain = ruby::plain(text);
    let first = plain.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    if first.chars().count() <= DESCRIPTION_CHARS {
        return first.to_owned();
    }
    let end = first
        .char_indices()
        .nth(DESCRIPTION_CHARS - 1)
        .map_or(first.len(), |(i, _)| i);
    let cut = &first[..end];
    let floor = cut
        .char_indices()
        .nth(DESCRIPTION_CHARS * 2 / 3)
        .map_or(0, |(i, _)| i);
    let tail = &cut[floor..];
    // Full stops of scripts without spaces end a sentence where they
    // stand; `.` `!` `?` only before a space (not in "8.30" or "Tel.096").
    let ends_sentence = |i: usize, c: char| match c {
        '。' | '．' | '！' | '？' | '।' | '။' => true,
        '.' | '!' | '?' => tail[i + 1..].starts_with(char::is_whitespace),
        _ => false,
    };
    if let Some((i, c)) = tail.char_indices().rev().find(|&(i, c)| ends_sentence(i, c)) {
        return cut[..floor + i + c.len_utf8()].to_owned();
    }
    match tail.rfind(char::is_whitespace) {
        Some(i) => format!("{}…", cut[..floor + i].trim_end()),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::describe;

    #[test]
    fn short_text_is_its_first_paragraph_without_readings() {
        assert_eq!(
            describe("市役所《しやくしょ》に　行《い》きます。\n次の段落"),
            "市役所に　行きます。"
        );
        assert_eq!(describe("\n  \nSecond line first."), "Second line first.");
        assert_eq!(describe(""), "");
    }

    #[test]
    fn long_text_ends_at_a_sentence_then_a_word_then_anywhere() {
        let first = format!("{}.", "word ".repeat(25).trim_end());
        let d = describe(&format!("{first} Second sentence goes on and on and on."));
        assert_eq!(d, first);
        // A point inside a number does not end a sentence.
        let times = format!(
            "{} open 8.30 to 17.15 on weekdays {}",
            "word ".repeat(22),
            "more ".repeat(10)
        );
        let d = describe(&times);
        assert!(d.ends_with('…') && d.contains("8.30 to 17.15"), "{d}");

        let words = "word ".repeat(60);
        let d = describe(&words);
        assert!(d.ends_with("word…"), "{d}");
        assert!(d.chars().count() <= 160, "{d}");

        let kanji = "漢".repeat(300);
        let d = describe(&kanji);
        assert_eq!(d, format!("{}…", "漢".repeat(159)));
    }
}
