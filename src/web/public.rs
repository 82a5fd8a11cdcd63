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
use crate::store::{Category, ProcedureTitles};

#[derive(Template)]
#[template(path = "index.html")]
struct IndexPage<'a> {
    page: &'a Frame<'a>,
    groups: Vec<IndexGroup>,
    /// The search as typed (empty: no search).
    q: String,
    /// Whether anything is published at all.
    any: bool,
}

/// Published procedures of one category, under its name.
struct IndexGroup {
    name: String,
    /// Set when the name is not in the page's language.
    lang: Option<String>,
    procedures: Vec<IndexEntry>,
}

struct IndexEntry {
    code: String,
    title: String,
    /// Set when the title is not in the page's language.
    lang: Option<String>,
}

/// A category's name for a reader of `page_lang`: theirs, else English,
/// else Japanese (Easy Japanese readers get Japanese before English);
/// with the language it is in.
fn category_name<'c>(c: Option<&'c Category>, slug: &'c str, page_lang: &'c str) -> (&'c str, &'c str) {
    let Some(c) = c else {
        return (slug, "en");
    };
    let chain: [&str; 3] = if page_lang.starts_with("ja") {
        [page_lang, "ja", "en"]
    } else {
        [page_lang, "en", "ja"]
    };
    chain
        .iter()
        .find_map(|l| c.names.get(*l).map(|n| (n.as_str(), *l)))
        .unwrap_or((slug, "en"))
}

/// Whether a published procedure matches the search `q` (already
/// lower-cased): a title in any of its languages (readings left out), or
/// its code, as typed or read leniently.
fn matches(p: &ProcedureTitles, q: &str) -> bool {
    let code = p.code.as_str();
    code.to_lowercase().contains(q)
        || Code::parse_lenient(q).is_ok_and(|c| c == p.code)
        || p.titles
            .iter()
            .any(|(_, t)| super::ruby::plain(t).to_lowercase().contains(q))
}

pub async fn index(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let page = Frame::new(&state, &lang, "/");
    let wanted = content_preference(&page, &lang);
    let q = super::query_param(query.as_deref(), "q").trim().to_owned();
    let needle = q.to_lowercase();
    let published = state.store().published_titles().await?;
    let any = !published.is_empty();
    let categories = state.store().categories().await?;
    let mut groups: Vec<(String, IndexGroup)> = Vec::new();
    for p in published
        .iter()
        .filter(|p| needle.is_empty() || matches(p, &needle))
    {
        let tags: Vec<LangTag> = p.titles.iter().map(|(t, _)| t.clone()).collect();
        let Some(chosen) = best_text_language(&wanted, &tags) else {
            continue;
        };
        let Some((tag, title)) = p.titles.iter().find(|(t, _)| t == chosen) else {
            continue;
        };
        let entry = IndexEntry {
            code: p.code.to_string(),
            title: title.clone(),
            lang: (tag.to_string() != page.lang).then(|| tag.to_string()),
        };
        // Rows come ordered by category, so a group is always the last one.
        match groups.last_mut() {
            Some((slug, g)) if *slug == p.category => g.procedures.push(entry),
            _ => {
                let c = categories.iter().find(|c| c.slug == p.category);
                let (name, name_lang) = category_name(c, &p.category, &page.lang);
                groups.push((
                    p.category.clone(),
                    IndexGroup {
                        name: name.to_owned(),
                        lang: (name_lang != page.lang).then(|| name_lang.to_owned()),
                        procedures: vec![entry],
                    },
                ));
            }
        }
    }
    let html = IndexPage {
        page: &page,
        groups: groups.into_iter().map(|(_, g)| g).collect(),
        q,
        any,
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
        Ok(()) => {
            // The first line is the verdict; the rest say which languages
            // are read aloud, by which engine, and what is missing.
            let mut body = String::from("ok\n");
            if let Some(audio) = state.audio() {
                for line in audio.health(state.locales().tags()) {
                    body.push_str(&line);
                    body.push('\n');
                }
            }
            (StatusCode::OK, [(header::CACHE_CONTROL, "no-store")], body).into_response()
        }
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
