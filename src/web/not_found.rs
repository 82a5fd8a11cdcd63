//! The 404 page, for unknown addresses and for codes that do not resolve.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

use super::Lang;
use super::page::Frame;
use crate::AppState;
use crate::domain::Code;
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "not_found.html")]
pub struct NotFoundPage<'a> {
    pub page: &'a Frame<'a>,
    /// Title and message as written, furigana notation included: the
    /// template shows them as ruby, and the window title without.
    pub title: String,
    pub message: String,
    pub typed: String,
}

/// The 404 page for a code that does not resolve (or is not a code).
pub fn not_found_page(state: &AppState, lang: &Lang, typed: &str) -> AppResult<Response> {
    let typed: String = typed.chars().take(24).collect();
    let page = Frame::new(state, lang, "/");
    let title = page.l.raw("not-found-title");
    let message = if Code::parse_lenient(&typed).is_ok() {
        page.l.raw1("not-found-body", "code", &typed.to_uppercase())
    } else {
        page.l.raw1("code-invalid", "code", &typed)
    };
    let html = NotFoundPage {
        page: &page,
        title,
        message,
        typed,
    }
    .render()?;
    Ok(page.respond(StatusCode::NOT_FOUND, None, html))
}
