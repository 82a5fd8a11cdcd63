//! The public pages: index, guidance page, code box, health.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::Lang;
use super::page::Frame;
use crate::AppState;
use crate::domain::{Code, LangTag, Office, Procedure, ProcedureText, Status};
use crate::error::AppResult;
use crate::i18n::negotiate;

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

#[derive(Template)]
#[template(path = "procedure.html")]
struct GuidancePage<'a> {
    page: &'a Frame<'a>,
    code: String,
    text: &'a ProcedureText,
    /// The text's language, when it is not the page's.
    text_lang: Option<String>,
    text_dir: &'static str,
    shown_name: String,
    ja_title: String,
    place: Where,
}

/// Where to go: the procedure's own fields, completed from its office record.
pub struct Where {
    pub office: String,
    pub address: String,
    pub floor: String,
    pub counter: String,
    pub hours: String,
    pub contact: String,
}

impl Where {
    pub(crate) fn of(text: &ProcedureText, office: Option<&Office>) -> Where {
        let o = office
            .and_then(|o| o.text(&text.lang).or_else(|| o.japanese()))
            .cloned()
            .unwrap_or_default();
        let f = &text.fields;
        let pick = |own: &str, shared: String| if own.is_empty() { shared } else { own.to_owned() };
        Where {
            office: pick(&f.office, o.name),
            address: o.address,
            floor: pick(&f.floor, o.floor),
            counter: pick(&f.counter, o.counter),
            hours: pick(&f.hours, o.hours),
            contact: f.contact.clone(),
        }
    }
}

#[derive(Template)]
#[template(path = "gone.html")]
struct GonePage<'a> {
    page: &'a Frame<'a>,
    code: String,
    text: &'a ProcedureText,
    text_lang: Option<String>,
    place: Where,
}

#[derive(Template)]
#[template(path = "not_found.html")]
pub struct NotFoundPage<'a> {
    pub page: &'a Frame<'a>,
    pub title: String,
    pub message: String,
    pub typed: String,
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
    let typed = query
        .and_then(|q| {
            url::form_urlencoded::parse(q.as_bytes())
                .find(|(k, _)| k == "code")
                .map(|(_, v)| v.into_owned())
        })
        .unwrap_or_default();
    match Code::parse_lenient(&typed) {
        Ok(code) => Ok(Redirect::to(&format!("/q/{code}")).into_response()),
        Err(_) => not_found_page(&state, &lang, &typed),
    }
}

pub async fn guidance(
    State(state): State<AppState>,
    lang: Lang,
    Path(raw): Path<String>,
) -> AppResult<Response> {
    let Ok(code) = Code::parse_lenient(&raw) else {
        return not_found_page(&state, &lang, &raw);
    };
    match state.store().procedure(&code).await? {
        Some(p) if p.status != Status::Draft => {
            let office = match p.office {
                Some(id) => state.store().office(id).await?,
                None => None,
            };
            render_procedure(&state, &lang, &p, office.as_ref(), &format!("/q/{code}"))
        }
        _ => not_found_page(&state, &lang, code.as_str()),
    }
}

/// The public page of a procedure in any status (drafts too, for the staff
/// preview): the guidance page, or the "has ended" page when archived.
pub fn render_procedure(
    state: &AppState,
    lang: &Lang,
    procedure: &Procedure,
    office: Option<&Office>,
    path: &str,
) -> AppResult<Response> {
    let code = &procedure.code;
    let page = Frame::new(state, lang, path);
    let Some(text) = pick_text(&page, lang, procedure) else {
        return not_found_page(state, lang, code.as_str());
    };
    let text_tag = text.lang.clone();
    let text_lang = (text_tag.to_string() != page.lang).then(|| text_tag.to_string());
    if procedure.status == Status::Archived {
        let html = GonePage {
            code: code.to_string(),
            text,
            text_lang,
            place: Where::of(text, office),
            page: &page,
        }
        .render()?;
        return Ok(page.respond(StatusCode::GONE, Some(&text_tag), html));
    }
    let shown_name = state
        .locales()
        .get(&text_tag)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| text_tag.to_string());
    let ja_title = procedure
        .japanese()
        .map(|t| t.fields.title.clone())
        .unwrap_or_default();
    let html = GuidancePage {
        code: code.to_string(),
        text,
        text_dir: text_tag.dir(),
        text_lang,
        shown_name,
        ja_title,
        place: Where::of(text, office),
        page: &page,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, Some(&text_tag), html))
}

pub async fn not_found(State(state): State<AppState>, lang: Lang, uri: Uri) -> AppResult<Response> {
    let page = Frame::new(&state, &lang, "/");
    let title = page.l.t("not-found-title");
    let message = page.l.t("page-not-found-body");
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

/// The 404 page for a code that does not resolve (or is not a code).
fn not_found_page(state: &AppState, lang: &Lang, typed: &str) -> AppResult<Response> {
    let typed: String = typed.chars().take(24).collect();
    let page = Frame::new(state, lang, "/");
    let title = page.l.t("not-found-title");
    let message = if Code::parse_lenient(&typed).is_ok() {
        page.l.t1("not-found-body", "code", &typed.to_uppercase())
    } else {
        page.l.t1("code-invalid", "code", &typed)
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

/// Languages for procedure text, best first: the page's language, then
/// whatever else the visitor asked for.
fn content_preference(page: &Frame<'_>, lang: &Lang) -> Vec<LangTag> {
    let mut wanted = vec![page.locale().tag.clone()];
    wanted.extend(
        lang.requested
            .iter()
            .filter(|t| **t != page.locale().tag)
            .cloned(),
    );
    wanted
}

/// The procedure's text in the best language it has for this visitor;
/// English, then Japanese, when none fits.
fn pick_text<'p>(page: &Frame<'_>, lang: &Lang, procedure: &'p Procedure) -> Option<&'p ProcedureText> {
    let tags: Vec<LangTag> = procedure.languages().cloned().collect();
    let chosen = best_text_language(&content_preference(page, lang), &tags)?;
    procedure.text(chosen)
}

fn best_text_language<'t>(wanted: &[LangTag], have: &'t [LangTag]) -> Option<&'t LangTag> {
    negotiate(wanted, have)
        .or_else(|| {
            ["en", "ja"]
                .iter()
                .find_map(|f| have.iter().find(|t| t.to_string() == *f))
        })
        .or_else(|| have.first())
}
