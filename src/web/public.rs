//! The public pages: index, guidance page, code box, health.

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, RawQuery, Request, State};
use std::sync::Arc;

use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Redirect, Response};

use super::Lang;
use super::answers::{Answer, Asked, ScanLabels, is_staff};
use super::cache::{PageKey, Rendered};
use super::page::Frame;
use crate::AppState;
use crate::domain::{Code, Composed, Field, LangTag, Office, Procedure, ProcedureText, Status};
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
    /// The reader's text, completed field by field (see [`Procedure::compose`]).
    text: &'a ProcedureText,
    completed: &'a Completed,
    /// The text's language, when it is not the page's.
    text_lang: Option<String>,
    text_dir: &'static str,
    shown_name: String,
    ja_title: String,
    place: Where,
    /// When the shown text was last changed (YYYY-MM-DD).
    updated: String,
    /// Set when the shown translation was made from an older Japanese text.
    stale: Option<Stale>,
    phrases: &'static [&'static str],
}

/// An out-of-date translation: when the Japanese changed, and where the
/// current text is.
struct Stale {
    /// The day the Japanese text changed (YYYY-MM-DD).
    changed: String,
    /// Links to the current text in languages that have it: (href, name, tag).
    current: Vec<(String, String, String)>,
}

/// The fields shown in another language than the main text, for the
/// notice and for each part's `lang` attribute.
pub(crate) struct Completed {
    borrowed: Vec<Borrowed>,
}

struct Borrowed {
    field: Field,
    /// The heading the reader sees for this part.
    label: String,
    lang: String,
    /// The language's own name.
    lang_name: String,
}

impl Completed {
    /// `composed`'s borrowed fields among those a page `shows`, labelled in
    /// the page language.
    fn new(state: &AppState, page: &Frame<'_>, composed: &Composed, shows: &[Field]) -> Completed {
        let borrowed = composed
            .borrowed
            .iter()
            .filter(|(f, _)| shows.contains(f))
            .map(|(field, tag)| Borrowed {
                field: *field,
                label: page.l.t(field_label(*field)),
                lang: tag.to_string(),
                lang_name: language_name(state, tag),
            })
            .collect();
        Completed { borrowed }
    }

    /// The language a part is shown in, when it is borrowed.
    pub fn lang_of(&self, field: &str) -> Option<&str> {
        self.borrowed
            .iter()
            .find(|b| b.field.id() == field)
            .map(|b| b.lang.as_str())
    }
}

/// The page's heading for a field, as a message id.
fn field_label(field: Field) -> &'static str {
    match field {
        Field::Title | Field::Summary => "section-summary",
        Field::Bring => "section-bring",
        Field::Steps => "section-steps",
        Field::Office => "field-office",
        Field::Floor => "field-floor",
        Field::Counter => "field-counter",
        Field::Hours => "section-hours",
        Field::Fee => "section-fee",
        Field::Contact => "section-contact",
        Field::Notes => "section-notes",
        Field::EndedNote => "section-ended-note",
    }
}

/// The parts each page shows.
const GUIDANCE_FIELDS: &[Field] = &[
    Field::Summary,
    Field::Bring,
    Field::Steps,
    Field::Office,
    Field::Floor,
    Field::Counter,
    Field::Hours,
    Field::Fee,
    Field::Contact,
    Field::Notes,
];
const GONE_FIELDS: &[Field] = &[
    Field::EndedNote,
    Field::Office,
    Field::Floor,
    Field::Counter,
    Field::Hours,
    Field::Contact,
];

fn language_name(state: &AppState, tag: &LangTag) -> String {
    state
        .locales()
        .get(tag)
        .map(|l| l.name.clone())
        .unwrap_or_else(|| tag.to_string())
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

/// Phrases for the counter, shown in Japanese and the resident's language.
const PHRASES: &[&str] = &["phrase-not-understand", "phrase-write-down", "phrase-interpreter"];

#[derive(Template)]
#[template(path = "gone.html")]
struct GonePage<'a> {
    page: &'a Frame<'a>,
    code: String,
    text: &'a ProcedureText,
    completed: &'a Completed,
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
    let typed = super::query_param(query.as_deref(), "code");
    match Code::parse_lenient(&typed) {
        Ok(code) => Ok(Redirect::to(&format!("/q/{code}")).into_response()),
        Err(_) => not_found_page(&state, &lang, &typed),
    }
}

pub async fn guidance(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    request: Request,
) -> AppResult<Response> {
    let (headers, query, method) = (request.headers(), request.uri().query(), request.method());
    let cache = state.pages();
    let epoch = cache.refresh(state.store(), state.writes()).await;
    let asked = Asked::of(&raw, query, headers);
    if let Some(answer) = asked.as_ref().and_then(|a| cache.answer(a)) {
        metrics::counter!("madoguchi_page_cache_total", "result" => "hit").increment(1);
        return Ok(answer.respond(&state, method, headers));
    }
    let lang = Lang::from_request(query, headers);
    let Ok(code) = Code::parse_lenient(&raw) else {
        return not_found_page(&state, &lang, &raw);
    };
    let procedure = match cache.procedure(epoch, state.store(), &code).await? {
        Some(p) if p.status != Status::Draft => p,
        _ => return not_found_page(&state, &lang, code.as_str()),
    };
    let page = Frame::new(&state, &lang, &format!("/q/{code}"));
    let Some(text) = pick_text(&page, &lang, &procedure, query) else {
        return not_found_page(&state, &lang, code.as_str());
    };
    let key = PageKey {
        code: code.clone(),
        page: page.locale().tag.clone(),
        text: text.lang.clone(),
    };
    let rendered = match cache.page(&key) {
        Some(r) => {
            // The page was rendered; these inputs had no answer yet.
            metrics::counter!("madoguchi_page_cache_total", "result" => "hit").increment(1);
            r
        }
        None => {
            metrics::counter!("madoguchi_page_cache_total", "result" => "miss").increment(1);
            let office = office_of(&state, &procedure).await?;
            let r = Arc::new(render_guidance(
                &state,
                &page,
                &code,
                &procedure,
                office.as_ref(),
                text,
            )?);
            cache.put_page(epoch, key, r.clone());
            r
        }
    };
    let scan = ScanLabels {
        code: code.to_string(),
        requested: lang.phone.as_ref().map_or_else(String::new, |t| {
            t.for_statistics()
                .map_or_else(|| crate::store::OTHER_LANGUAGE.to_owned(), |t| t.to_string())
        }),
        served: page.lang.clone(),
        source: super::query_param(query, "source"),
    };
    let Some(asked) = asked else {
        // Not kept as an answer; counted unless a signed-in staff member looks.
        if method == Method::GET && !is_staff(headers) {
            scan.record(&state);
        }
        return Ok(rendered.respond(&page, headers));
    };
    let made = page.finish(Response::new(Body::empty()), Some(&rendered.content));
    let answer = Arc::new(Answer::new(asked, rendered, made.into_parts().0.headers, scan));
    cache.put_answer(epoch, &asked, answer.clone());
    Ok(answer.respond(&state, method, headers))
}

async fn office_of(state: &AppState, procedure: &Procedure) -> AppResult<Option<Office>> {
    Ok(match procedure.office {
        Some(id) => state.store().office(id).await?,
        None => None,
    })
}

/// The public page of a procedure in any status, uncached (the staff
/// preview, drafts included): the guidance page, or the "has ended" page.
pub async fn render_procedure(
    state: &AppState,
    lang: &Lang,
    procedure: &Procedure,
    path: &str,
) -> AppResult<Response> {
    let page = Frame::new(state, lang, path);
    let Some(text) = pick_text(&page, lang, procedure, None) else {
        return not_found_page(state, lang, procedure.code.as_str());
    };
    let office = office_of(state, procedure).await?;
    let rendered = render_guidance(state, &page, &procedure.code, procedure, office.as_ref(), text)?;
    Ok(rendered.respond(&page, &HeaderMap::new()))
}

fn render_guidance(
    state: &AppState,
    page: &Frame<'_>,
    code: &Code,
    procedure: &Procedure,
    office: Option<&Office>,
    text: &ProcedureText,
) -> AppResult<Rendered> {
    let text_tag = text.lang.clone();
    let text_lang = (text_tag.to_string() != page.lang).then(|| text_tag.to_string());
    let composed = procedure.compose(text);
    let shown = &composed.text;
    if procedure.status == Status::Archived {
        let html = GonePage {
            code: code.to_string(),
            text: shown,
            completed: &Completed::new(state, page, &composed, GONE_FIELDS),
            text_lang,
            place: Where::of(shown, office),
            page,
        }
        .render()?;
        return Ok(Rendered::new(StatusCode::GONE, html, text_tag));
    }
    let japanese = procedure.japanese();
    let ja_title = japanese.map(|t| t.fields.title.clone()).unwrap_or_default();
    let stale = (!procedure.is_current(text)).then(|| Stale {
        changed: japanese
            .map(|t| t.updated.chars().take(10).collect())
            .unwrap_or_default(),
        current: procedure
            .texts
            .iter()
            .filter(|t| procedure.is_current(t) && ["ja", "en"].contains(&t.lang.to_string().as_str()))
            .map(|t| {
                let tag = t.lang.to_string();
                (
                    format!("/q/{code}?text={tag}"),
                    language_name(state, &t.lang),
                    tag,
                )
            })
            .collect(),
    });
    let html = GuidancePage {
        code: code.to_string(),
        text: shown,
        completed: &Completed::new(state, page, &composed, GUIDANCE_FIELDS),
        text_dir: text_tag.dir(),
        text_lang,
        shown_name: language_name(state, &text_tag),
        ja_title,
        place: Where::of(shown, office),
        updated: text.updated.chars().take(10).collect(),
        stale,
        phrases: PHRASES,
        page,
    }
    .render()?;
    Ok(Rendered::new(StatusCode::OK, html, text_tag))
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
/// English, then Japanese, when none fits. `?text=TAG` asks for one of the
/// procedure's languages by name (the links of the out-of-date notice).
/// Under [`StalePolicy::Fallback`](crate::domain::StalePolicy) out-of-date
/// translations are not offered.
fn pick_text<'p>(
    page: &Frame<'_>,
    lang: &Lang,
    procedure: &'p Procedure,
    query: Option<&str>,
) -> Option<&'p ProcedureText> {
    let asked = super::query_param(query, "text");
    if let Some(t) = LangTag::parse(&asked).ok().and_then(|t| procedure.text(&t)) {
        return Some(t);
    }
    let tags = procedure.readable_languages();
    let chosen = best_text_language(&content_preference(page, lang), &tags)?.clone();
    procedure.text(&chosen)
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
