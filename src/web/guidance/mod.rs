//! The guidance page, `/q/{CODE}`: the handler, the reader's text
//! (negotiated, completed field by field, marked when out of date), the page
//! cache and ready answers (`cache.rs`, `answers.rs`) and the bodies
//! compressed once (`encoding.rs`). Print pages use [`Where`] and
//! [`render_procedure`]; nothing here knows the staff interface.

mod answers;
mod cache;
mod completed;
mod encoding;
mod ready;
mod rendered;

use std::sync::Arc;

use askama::Template;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;

use super::Lang;
use super::not_found::not_found_page;
use super::page::Frame;
use crate::AppState;
use crate::domain::{Code, LangTag, Office, Procedure, ProcedureText, Status};
use crate::error::AppResult;
use crate::i18n::negotiate;
use answers::{Answer, Asked, ScanLabels, is_staff};
use cache::{PageKey, Rendered};
use completed::{Completed, GONE_FIELDS, GUIDANCE_FIELDS, language_name};

pub use cache::{CHECK_EVERY, DEFAULT_BUDGET_MB, PageCache};
pub use ready::ready_answer;

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
    /// When the shown text was last changed: the day in Tokyo, in the page's language.
    updated: String,
    /// Set when the shown translation was made from an older Japanese text.
    stale: Option<Stale>,
    phrases: &'static [&'static str],
    /// The recording of exactly this text, when one has been made.
    listen: Option<String>,
}

/// An out-of-date translation: when the Japanese changed, and where the
/// current text is.
struct Stale {
    /// The day the Japanese text changed, in the page's language.
    changed: String,
    /// Links to the current text in languages that have it: (href, name, tag).
    current: Vec<(String, String, String)>,
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
        answer.prepare(headers).await;
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
            cache.put_page(epoch, key, &r);
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
    let mut made = page.finish(Response::new(Body::empty()), Some(&rendered.content));
    // Stored with the answer, so the ready path need not add them.
    super::add_missing(made.headers_mut(), &super::security_headers(&state));
    let answer = Arc::new(Answer::new(
        code,
        asked,
        rendered,
        made.into_parts().0.headers,
        scan,
    ));
    cache.put_answer(epoch, &asked, answer.clone());
    answer.prepare(headers).await;
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
            .map(|t| crate::i18n::dates::updated_on(&t.updated, &page.lang))
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
    // A file lookup: the recording is made in the background, never here.
    let listen = state
        .audio()
        .and_then(|a| a.recording(procedure, text, office, state.locales()))
        .map(|r| format!("/audio/{code}/{}?v={}", text.lang, r.digest));
    let html = GuidancePage {
        listen,
        code: code.to_string(),
        text: shown,
        completed: &Completed::new(state, page, &composed, GUIDANCE_FIELDS),
        text_dir: text_tag.dir(),
        text_lang,
        shown_name: language_name(state, &text_tag),
        ja_title,
        place: Where::of(shown, office),
        updated: crate::i18n::dates::updated_on(&text.updated, &page.lang),
        stale,
        phrases: PHRASES,
        page,
    }
    .render()?;
    Ok(Rendered::new(StatusCode::OK, html, text_tag))
}

/// Languages for procedure text, best first: the page's language, then
/// whatever else the visitor asked for.
pub(crate) fn content_preference(page: &Frame<'_>, lang: &Lang) -> Vec<LangTag> {
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
/// translations are not offered, not even by `?text=`.
fn pick_text<'p>(
    page: &Frame<'_>,
    lang: &Lang,
    procedure: &'p Procedure,
    query: Option<&str>,
) -> Option<&'p ProcedureText> {
    let tags = procedure.readable_languages();
    let asked = super::query_param(query, "text");
    if let Some(t) = LangTag::parse(&asked)
        .ok()
        .filter(|t| tags.contains(t))
        .and_then(|t| procedure.text(&t))
    {
        return Some(t);
    }
    let chosen = best_text_language(&content_preference(page, lang), &tags)?.clone();
    procedure.text(&chosen)
}

pub(crate) fn best_text_language<'t>(wanted: &[LangTag], have: &'t [LangTag]) -> Option<&'t LangTag> {
    negotiate(wanted, have)
        .or_else(|| {
            ["en", "ja"]
                .iter()
                .find_map(|f| have.iter().find(|t| t.to_string() == *f))
        })
        .or_else(|| have.first())
}
