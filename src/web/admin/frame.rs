//! What every staff page shares: its language (Japanese unless English is
//! asked for), the signed-in user, the CSRF token for its forms.

use axum::http::header::{CONTENT_LANGUAGE, CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

use super::Staff;
use crate::AppState;
use crate::domain::{LangTag, User};
use crate::i18n::{Locales, Localizer, negotiate};
use crate::web::Lang;
use crate::web::ruby::{self, Ruby};

/// The staff languages that are loaded: Japanese, English (whatever a
/// tenant offers its residents).
fn staff_languages(locales: &Locales) -> Vec<LangTag> {
    ["ja", "en"]
        .iter()
        .map(|t| LangTag::parse(t).expect("tag"))
        .filter(|t| locales.loaded(t).is_some())
        .collect()
}

/// The language of a staff page: Japanese unless English was chosen on
/// this site; the browser's language does not count (ward-office PCs may
/// be set to anything).
pub fn staff_language(lang: &Lang, locales: &Locales) -> Option<LangTag> {
    let staff_langs = staff_languages(locales);
    negotiate(&lang.chosen, &staff_langs)
        .or(staff_langs.first())
        .cloned()
}

pub struct AdminFrame<'a> {
    pub l: Localizer<'a>,
    pub lang: String,
    pub user: Option<User>,
    /// May add tenants (the nav shows the link).
    pub operator: bool,
    pub csrf: String,
    /// The other staff language, for the switch in the header.
    pub other_lang: String,
    pub other_lang_name: String,
    set_cookie: Option<String>,
    zone: &'a jiff::tz::TimeZone,
    now: jiff::Timestamp,
}

/// One language checkbox (`admin/lang_choices.html`).
pub struct LangChoice {
    pub tag: String,
    pub name: String,
    pub checked: bool,
}

/// A moment as a staff page shows it (`admin/time.html`).
pub struct TimeView {
    /// For `<time datetime>`.
    pub stamp: String,
    /// `2026年12月4日 12:24`, in the staff zone.
    pub at: String,
    /// `3分前`, when under a day ago.
    pub ago: Option<String>,
}

impl<'a> AdminFrame<'a> {
    pub fn new(state: &'a AppState, lang: &Lang, staff: Option<&Staff>) -> AdminFrame<'a> {
        let locales = state.locales();
        let staff_langs = staff_languages(locales);
        let locale = staff_language(lang, locales)
            .and_then(|t| locales.loaded(&t))
            .unwrap_or_else(|| locales.negotiate(&[]));
        let other = staff_langs
            .iter()
            .find(|t| **t != locale.tag)
            .and_then(|t| locales.loaded(t));
        let set_cookie = lang
            .from_query
            .as_ref()
            .filter(|q| **q == locale.tag)
            .map(|t| Lang::remember(t, state.base_url().is_https()).to_string());
        AdminFrame {
            l: Localizer::new(locales, locale),
            lang: locale.tag.to_string(),
            user: staff.map(|s| s.user.clone()),
            operator: staff.is_some_and(|s| s.operator),
            csrf: staff.map(|s| s.csrf.clone()).unwrap_or_default(),
            other_lang: other.map(|l| l.tag.to_string()).unwrap_or_default(),
            other_lang_name: other.map(|l| l.name.clone()).unwrap_or_default(),
            set_cookie,
            zone: state.staff_zone(),
            now: jiff::Timestamp::now(),
        }
    }

    /// Procedure text with its furigana as ruby (see `web::ruby`).
    pub fn ruby(&self, text: &str) -> Ruby {
        Ruby::new(text)
    }

    /// Procedure text without readings, for titles and attributes.
    pub fn plain(&self, text: &str) -> String {
        ruby::plain(text)
    }

    /// A stored time stamp in the staff zone and language, with how long
    /// ago when recent.
    pub fn time(&self, stamp: &str) -> TimeView {
        let t = crate::i18n::dates::staff_time(stamp, self.now, self.zone, &self.lang);
        let ago = t.ago.map(|s| match s {
            0..60 => self.l.t("admin-ago-now"),
            60..3600 => self.l.tn("admin-ago-minutes", "n", s / 60),
            _ => self.l.tn("admin-ago-hours", "n", s / 3600),
        });
        TimeView {
            stamp: t.stamp,
            at: t.at,
            ago,
        }
    }

    /// A language as staff know it: its Japanese name and its own name
    /// (`ベトナム語（Tiếng Việt）`), or for English pages its own name and
    /// tag (`Tiếng Việt (vi)`); the tag itself when no locale has it.
    pub fn language_name(&self, tag: &str) -> String {
        let Some(l) = LangTag::parse(tag).ok().and_then(|t| self.l.locales.get(&t)) else {
            return tag.to_owned();
        };
        if self.lang == "ja" && l.name_ja == l.name {
            l.name.clone()
        } else if self.lang == "ja" {
            format!("{}（{}）", l.name_ja, l.name)
        } else {
            format!("{} ({tag})", l.name)
        }
    }

    /// Checkboxes for the languages a translator or token may edit: every
    /// loaded language but the Japanese source, `chosen` (a list such as
    /// `vi, ne`) ticked.
    pub fn language_choices(&self, chosen: &str) -> Vec<LangChoice> {
        let chosen: Vec<String> = crate::domain::parse_lang_list(chosen)
            .map(|l| l.iter().map(ToString::to_string).collect())
            .unwrap_or_default();
        self.l
            .locales
            .tags()
            .iter()
            .map(ToString::to_string)
            .filter(|t| t != "ja")
            .map(|tag| LangChoice {
                name: self.language_name(&tag),
                checked: chosen.contains(&tag),
                tag,
            })
            .collect()
    }

    pub fn is_admin(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.manages_users())
    }

    pub fn is_editor(&self) -> bool {
        self.user.as_ref().is_some_and(|u| u.role.edits_procedures())
    }

    pub fn respond(&self, status: StatusCode, html: String) -> Response {
        let mut response = (status, html).into_response();
        let h = response.headers_mut();
        h.insert(CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        if let Ok(v) = HeaderValue::from_str(&self.lang) {
            h.insert(CONTENT_LANGUAGE, v);
        }
        if let Some(c) = &self.set_cookie
            && let Ok(v) = HeaderValue::from_str(c)
        {
            h.append(SET_COOKIE, v);
        }
        response
    }
}
