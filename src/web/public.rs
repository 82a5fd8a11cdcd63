//! The public pages: index, code box, 404, health. (The guidance page
//! itself is `guidance/`.)

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::Lang;
use super::guidance::{best_text_language, content_preference};
use super::not_found::{NotFoundPage, not_found_page};
use super::page::Frame;
use crate::AppState;
use crate::domain::{Code, LangTag};
use crate::error::AppResult;

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    page: &'a Frame<'a>,
    procedures: Vec<IndexEntry>,
}

struct IndexEntry {
    code: String,
    title: String,
    /// Set when the title is not in the page's language.
    lang: Option<String>,
}

pub async fn index(State(state): State<AppState>, lang: Lang) -> AppResult<Response> {
    let page = Frame::new(&state, &lang, "/");
    let wanted = content_preference(&page, &lang);
    let procedures = state
        .store()
        .published_titles()
        .await?
        .into_iter()
        .filter_map(|p| {
            let tags: Vec<LangTag> = p.titles.iter().map(|(t, _)| t.clone()).collect();
            let chosen = best_text_language(&wanted, &tags)?;
            let (tag, title) = p.titles.iter().find(|(t, _)| t == chosen)?;
            Some(IndexEntry {
                code: p.code.to_string(),
                title: title.clone(),
                lang: (tag.to_string() != page.lang).then(|| tag.to_string()),
            })
        })
        .collect();
    let html = IndexPage {
        page: &page,
        procedures,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, None, html))
}

/// The code box: `/q?code=k7q2` goes to `/q/K7Q2`.
pub async fn code_box(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let typed = super::query_param(query.as_deref(), "code");
    match Code::parse_lenient(&typed) {
        Ok(code) => Ok(Redirect::to(&format!("/q/{code}")).into_response()),
        Err(_) => not_found_page(&state, &lang, &typed),
    }
}

pub async fn not_found(State(state): State<AppState>, lang: Lang, uri: Uri) -> AppResult<Response> {
    let page = Frame::new(&state, &lang, "/");
    let title = page.l.raw("not-found-title");
    let message = page.l.raw("page-not-found-body");
    tracing::debug!(path = %uri.path(), "no such page");
    let html = NotFoundPage {
        page: &page,
        title,
        message,
        typed: String::new(),
    }
    .render()?;
    Ok(page.respond(StatusCode::NOT_FOUND, None, html))
}

pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.store().ping().await {
        Ok(()) => (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], "ok\n").into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [(header::CACHE_CONTROL, "no-store")],
                "database unavailable\n",
            )
                .into_response()
        }
    }
}
