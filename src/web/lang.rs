//! Which language a visitor asked for: `?lang=`, then the `lang` cookie,
//! then `Accept-Language` (q-values honoured).

use axum::extract::FromRequestParts;
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, COOKIE};
use axum::http::request::Parts;
use cookie::{Cookie, SameSite};

use crate::domain::LangTag;
use crate::i18n::parse_accept_language;

pub const COOKIE_NAME: &str = "lang";

/// The visitor's languages, most wanted first.
#[derive(Debug, Clone, Default)]
pub struct Lang {
    pub requested: Vec<LangTag>,
    /// A valid `?lang=` value, to be remembered in a cookie.
    pub from_query: Option<LangTag>,
    /// Languages chosen on this site (`?lang=`, then the cookie), without
    /// the browser's own list: the staff pages follow only these.
    pub chosen: Vec<LangTag>,
    /// The first language of the phone's own list (`Accept-Language`),
    /// for demand statistics, whether or not we have it.
    pub phone: Option<LangTag>,
}

impl Lang {
    pub fn from_parts(parts: &Parts) -> Lang {
        Lang::from_request(parts.uri.query(), &parts.headers)
    }

    pub fn from_request(query: Option<&str>, headers: &HeaderMap) -> Lang {
        let from_query = LangTag::parse(&super::query_param(query, "lang")).ok();
        let from_cookie = headers
            .get_all(COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|c| Cookie::parse(c.trim()).ok())
            .find(|c| c.name() == COOKIE_NAME)
            .and_then(|c| LangTag::parse(c.value()).ok());
        let header = headers
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default();
        let chosen: Vec<LangTag> = from_query.iter().chain(from_cookie.iter()).cloned().collect();
        let mut requested = chosen.clone();
        let accepted = parse_accept_language(header);
        let phone = accepted.first().cloned();
        for tag in accepted {
            if !requested.contains(&tag) {
                requested.push(tag);
            }
        }
        Lang {
            requested,
            from_query,
            chosen,
            phone,
        }
    }

    /// The cookie that remembers a language chosen with `?lang=`.
    pub fn remember(tag: &LangTag, secure: bool) -> Cookie<'static> {
        Cookie::build((COOKIE_NAME, tag.to_string()))
            .path("/")
            .max_age(cookie::time::Duration::days(365))
            .same_site(SameSite::Lax)
            .http_only(true)
            .secure(secure)
            .build()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang::from_parts(parts))
    }
}
