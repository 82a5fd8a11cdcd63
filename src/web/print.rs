//! Print pages: the A4 poster, the A5 counter stand and A4 label sheets.
//!
//! Sizes are in millimetres in `assets/print.css`, with one named `@page`
//! per kind of sheet; QR codes are drawn inline as SVG (vector, so they
//! stay sharp at any printer resolution, and a saved page is complete).
//! PDFs come from the browser's own print path ("Save as PDF").
//!
//! `GET /poster/{CODE}` is public (published procedures only); the staff
//! pages under `/admin/print/` print any procedure, with a warning when
//! the code would not answer yet.

use std::sync::LazyLock;

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, VARY};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use base64::Engine;
use sha2::{Digest, Sha256};

use super::Lang;
use super::admin::AdminFrame;
use super::guidance::Where;
use super::qr::draw;
use super::ruby::{Ruby, plain};
use crate::AppState;
use crate::domain::{BaseUrl, Code, Procedure, Source, Status};
use crate::error::{AppError, AppResult};
use crate::i18n::Localizer;
use crate::qr::{self, Ec, cache};

const CSS: &str = include_str!("../../assets/print.css");
const JS: &str = include_str!("../../assets/print.js");

/// Print pages carry their own policy: the one stylesheet by its hash,
/// and the print button's script from this origin.
static CSP: LazyLock<String> = LazyLock::new(|| {
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(CSS.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{hash}'; script-src 'self'; img-src 'self'; \
         form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
    )
});

/// Symbol edge (quiet zone not included) of the QR code on each sheet.
pub const POSTER_QR_MM: f64 = 90.0;
pub const STAND_QR_MM: f64 = 45.0;

/// A public poster may be kept a few minutes: it is printed, not read
/// live, and an edit or archiving shows on it after that at the latest.
const POSTER_CACHE: &str = "public, max-age=300";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/poster/{code}", get(public_poster))
        .route("/print.js", get(script))
}

async fn script() -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "public, max-age=3600"),
        ],
        JS,
    )
        .into_response()
}

/// An inline QR code, sized in millimetres.
#[derive(Clone)]
pub struct QrView {
    pub side: usize,
    pub mm: String,
    pub path: String,
    pub dark: String,
    pub label: String,
}

/// One procedure, as every sheet shows it. Its texts are [`Ruby`]: a
/// procedure with no ordinary Japanese text prints its first one, which
/// may be Easy Japanese.
#[derive(Clone)]
pub struct Item {
    pub code: String,
    pub title: Ruby,
    /// The title without readings, for the window title.
    pub title_plain: String,
    /// The language of title and place (`ja` unless it had no Japanese text).
    pub lang: String,
    pub url: String,
    /// Exactly what the QR code encodes.
    pub payload: String,
    /// Office, floor and counter, in Japanese.
    pub place: Ruby,
    pub qr: QrView,
}

/// "Scan to read this in your language", in one language (the Easy
/// Japanese line has furigana).
pub struct Caption {
    pub tag: String,
    pub dir: &'static str,
    pub text: Ruby,
}

/// What every print page has around its sheets.
pub struct Chrome<'a> {
    pub l: Localizer<'a>,
    pub lang: String,
    pub title: String,
    pub css: &'static str,
    pub paper: String,
    pub warnings: Vec<String>,
    /// Why the printed codes would not open on residents' phones (the base
    /// URL): shown in red on screen, never printed.
    pub risks: Vec<String>,
    /// What the first code on the page encodes, shown on screen.
    pub encodes: Option<String>,
    /// Whose service this is (`--site-name`), Japanese first: (tag, name).
    pub site: Vec<(String, String)>,
    pub back: Option<String>,
}

#[derive(Template)]
#[template(path = "print/poster.html")]
pub struct PosterPage<'a> {
    pub chrome: Chrome<'a>,
    pub item: Item,
    pub captions: Vec<Caption>,
}

#[derive(Template)]
#[template(path = "print/stand.html")]
pub struct StandPage<'a> {
    pub chrome: Chrome<'a>,
    pub item: Item,
    pub captions: Vec<Caption>,
}

/// The caption in every loaded locale, each in its own language and
/// script: a new locale folder adds its line with no code change.
pub fn captions(state: &AppState) -> Vec<Caption> {
    let locales = state.locales();
    locales
        .all()
        .iter()
        .map(|l| Caption {
            tag: l.tag.to_string(),
            dir: l.tag.dir(),
            text: Ruby::new(&locales.format(l, "poster-scan-caption", None)),
        })
        .collect()
}

/// The printed item for `p`: its QR code drawn (or found in the cache)
/// with the symbol `symbol_mm` wide.
pub async fn item(state: &AppState, p: &Procedure, source: Source, symbol_mm: f64) -> AppResult<Item> {
    let code = &p.code;
    let payload = state.base_url().qr_payload_from(code, Some(source));
    let key = cache::Key {
        payload: payload.clone(),
        kind: cache::Kind::Inline(Ec::Q),
    };
    let drawn = draw(state, key, move || {
        qr::matrix(&payload, Ec::Q).map(cache::Drawn::Matrix)
    })
    .await?;
    let cache::Drawn::Matrix(m) = &*drawn else {
        return Err(anyhow::anyhow!("the QR cache held something else").into());
    };
    // The quiet zone comes on top of the symbol's size.
    let mm = symbol_mm * m.side as f64 / m.symbol as f64;
    let ja = p.japanese().or_else(|| p.texts.first());
    let title_ja = ja.map(|t| t.fields.title.clone()).unwrap_or_default();
    let place = match ja {
        Some(t) => {
            let office = match p.office {
                Some(id) => state.store().office(id).await?,
                None => None,
            };
            let w = Where::of(t, office.as_ref());
            [w.office, w.floor, w.counter]
                .into_iter()
                .filter(|s| !s.trim().is_empty())
                .collect::<Vec<_>>()
                .join("　")
        }
        None => String::new(),
    };
    Ok(Item {
        code: code.to_string(),
        url: state.base_url().procedure_url(code),
        payload: state.base_url().qr_payload_from(code, Some(source)),
        place: Ruby::new(&place),
        qr: QrView {
            side: m.side,
            mm: format!("{:.1}", (mm * 10.0).ceil() / 10.0),
            path: m.path.clone(),
            dark: qr::Dark::BLACK.to_string(),
            label: format!("QR {code}"),
        },
        title: Ruby::new(&title_ja),
        title_plain: plain(&title_ja),
        lang: ja.map_or_else(|| "ja".to_owned(), |t| t.lang.to_string()),
    })
}

/// The frame's localizer, for the print pages' few words of their own,
/// and the warnings the base URL calls for.
pub fn chrome<'a>(frame: &AdminFrame<'a>, state: &AppState, title: String, paper: &str) -> Chrome<'a> {
    let base: &BaseUrl = state.base_url();
    let mut warnings = Vec::new();
    if state.site_name().is_empty() {
        warnings.push(frame.l.t("print-warn-site-name"));
    }
    let risks = base
        .print_risks()
        .into_iter()
        .map(|r| frame.l.t1(r.message(), "url", base.as_str()))
        .collect();
    Chrome {
        l: frame.l,
        lang: frame.lang.clone(),
        title,
        css: CSS,
        paper: paper.to_owned(),
        warnings,
        risks,
        encodes: None,
        site: state.site_name().all(),
        back: None,
    }
}

/// Warnings for a procedure whose code does not lead to its page yet.
pub fn status_warning(l: &Localizer<'_>, p: &Procedure) -> Option<String> {
    match p.status {
        Status::Published => None,
        Status::Draft => Some(l.t1("print-warn-draft", "code", p.code.as_str())),
        Status::Archived => Some(l.t1("print-warn-archived", "code", p.code.as_str())),
    }
}

/// An HTML print page with its own security policy.
pub fn respond(frame: &AdminFrame<'_>, html: String) -> Response {
    let mut response = frame.respond(StatusCode::OK, html);
    if let Ok(v) = HeaderValue::from_str(&CSP) {
        response.headers_mut().insert(CONTENT_SECURITY_POLICY, v);
    }
    response
}

/// `GET /poster/{CODE}`: published procedures only. Like the guidance
/// page, a draft or unknown code is not found (404) and an archived one
/// shows the "has ended" page (410).
async fn public_poster(
    State(state): State<AppState>,
    lang: Lang,
    Path(raw): Path<String>,
) -> AppResult<Response> {
    let code = Code::parse_lenient(&raw).map_err(|_| AppError::NotFound)?;
    let p = state.store().procedure(&code).await?.ok_or(AppError::NotFound)?;
    match p.status {
        Status::Published => {
            let mut response = poster(&state, &lang, &p, None).await?;
            let h = response.headers_mut();
            h.insert(CACHE_CONTROL, HeaderValue::from_static(POSTER_CACHE));
            // Its words follow the language chosen on this site (cookie).
            h.insert(VARY, HeaderValue::from_static("Cookie"));
            Ok(response)
        }
        Status::Archived => super::guidance::render_procedure(&state, &lang, &p, &format!("/q/{code}")).await,
        Status::Draft => Err(AppError::NotFound),
    }
}

/// The A4 poster of `p`, for the public route and the staff one.
pub async fn poster(
    state: &AppState,
    lang: &Lang,
    p: &Procedure,
    back: Option<String>,
) -> AppResult<Response> {
    let frame = AdminFrame::new(state, lang, None);
    let item = item(state, p, Source::Poster, POSTER_QR_MM).await?;
    let mut chrome = chrome(&frame, state, format!("{} {}", item.code, item.title_plain), "A4");
    chrome.encodes = Some(item.payload.clone());
    chrome.warnings.extend(status_warning(&frame.l, p));
    chrome.back = back;
    let html = PosterPage {
        chrome,
        item,
        captions: captions(state),
    }
    .render()?;
    Ok(respond(&frame, html))
}

/// The A5 counter stand of `p` (staff only).
pub async fn stand(state: &AppState, frame: &AdminFrame<'_>, p: &Procedure) -> AppResult<Response> {
    let item = item(state, p, Source::Counter, STAND_QR_MM).await?;
    let mut chrome = chrome(frame, state, format!("{} {}", item.code, item.title_plain), "A5");
    chrome.encodes = Some(item.payload.clone());
    chrome.warnings.extend(status_warning(&frame.l, p));
    chrome.back = Some("/admin".into());
    let html = StandPage {
        chrome,
        item,
        captions: captions(state),
    }
    .render()?;
    Ok(respond(frame, html))
}
