//! `/saved`: the guidance pages this phone keeps for reading offline. The
//! list lives only in the browser (the service worker's cache, `/sw.js`);
//! the page is the frame, and `page.js` fills the list.

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::Lang;
use super::page::Frame;
use crate::AppState;
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "saved.html")]
struct SavedPage<'a> {
    page: &'a Frame<'a>,
}

pub async fn saved(State(state): State<AppState>, lang: Lang) -> AppResult<Response> {
    let page = Frame::new(&state, &lang, "/saved");
    let html = SavedPage { page: &page }.render()?;
    Ok(page.respond(StatusCode::OK, None, html))
}
