//! The frame every public page shares: language, direction, picker, CSS,
//! and the headers that say which language a response is in.

use axum::http::header::{CACHE_CONTROL, CONTENT_LANGUAGE, CONTENT_TYPE, SET_COOKIE, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::Lang;
use super::assets::{self, CSS};
use super::ruby::Ruby;
use crate::AppState;
use crate::domain::LangTag;
use crate::i18n::{Locale, Localizer, negotiate, ruby};

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
        ruby::strip(text).into_owned()
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
