//! Staff print pages: the poster and counter stand of one procedure, and
//! label sheets for a batch chosen in the procedure list.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;

use super::procedures::load;
use super::{AdminFrame, Staff};
use crate::AppState;
use crate::domain::{Code, Source};
use crate::error::{AppError, AppResult};
use crate::web::Lang;
use crate::web::print::{self, Chrome, Item};

/// The label layouts offered, both common A4 sheets cut edge to edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// 3 columns × 7 rows of 70 × 42.3 mm (21 a sheet).
    L3x7,
    /// 2 columns × 5 rows of 105 × 57 mm (10 a sheet).
    L2x5,
}

impl Layout {
    pub fn parse(s: &str) -> Layout {
        match s {
            "2x5" => Layout::L2x5,
            _ => Layout::L3x7,
        }
    }

    pub fn per_sheet(self) -> usize {
        match self {
            Layout::L3x7 => 21,
            Layout::L2x5 => 10,
        }
    }

    /// The QR symbol's edge on one label; the quiet zone comes on top.
    pub fn qr_mm(self) -> f64 {
        match self {
            Layout::L3x7 => 27.0,
            Layout::L2x5 => 36.0,
        }
    }

    fn class(self) -> &'static str {
        match self {
            Layout::L3x7 => "l3x7",
            Layout::L2x5 => "l2x5",
        }
    }
}

/// At most this many sheets in one page, so a stray request stays cheap.
const MAX_SHEETS: usize = 10;

#[derive(Template)]
#[template(path = "print/labels.html")]
struct LabelsPage<'a> {
    chrome: Chrome<'a>,
    layout: &'static str,
    /// Each sheet's labels, blank ones as None.
    sheets: Vec<Vec<Option<Item>>>,
}

pub async fn poster(
    State(state): State<AppState>,
    lang: Lang,
    _staff: Staff,
    Path(raw): Path<String>,
) -> AppResult<Response> {
    let p = load(&state, &raw).await?;
    print::poster(&state, &lang, &p, Some("/admin".into())).await
}

pub async fn stand(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(raw): Path<String>,
) -> AppResult<Response> {
    let p = load(&state, &raw).await?;
    let frame = AdminFrame::new(&state, &lang, Some(&staff));
    print::stand(&state, &frame, &p).await
}

/// `GET /admin/print/labels?code=K7Q2&code=H3N8&layout=3x7&fill=1`: the
/// chosen codes in the order given; `fill` repeats them to the end of the
/// last sheet (a sheet of one code for a mailing).
pub async fn labels(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let mut raw_codes = Vec::new();
    let mut layout = Layout::L3x7;
    let mut fill = false;
    for (k, v) in url::form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()) {
        match k.as_ref() {
            "code" => raw_codes.push(v.into_owned()),
            "layout" => layout = Layout::parse(&v),
            "fill" => fill = !v.is_empty() && v != "0",
            _ => {}
        }
    }
    let frame = AdminFrame::new(&state, &lang, Some(&staff));
    let mut chrome = print::chrome(&frame, &state, frame.l.t("print-labels-title"), "A4");
    chrome.back = Some("/admin".into());
    let mut items = Vec::new();
    for raw in raw_codes.iter().take(layout.per_sheet() * MAX_SHEETS) {
        let found = match Code::parse_lenient(raw) {
            Ok(code) => state.store().procedure(&code).await?,
            Err(_) => None,
        };
        let Some(p) = found else {
            let shown: String = raw.chars().take(24).collect();
            chrome
                .warnings
                .push(frame.l.t1("print-warn-unknown", "code", &shown));
            continue;
        };
        chrome.warnings.extend(print::status_warning(&frame.l, &p));
        items.push(print::item(&state, &p, Source::Letter, layout.qr_mm()).await?);
    }
    if items.is_empty() {
        return Err(AppError::BadRequest(frame.l.t("print-none-chosen")));
    }
    chrome.encodes = items.first().map(|i| i.payload.clone());
    let per = layout.per_sheet();
    let total = if fill {
        items.len().div_ceil(per) * per
    } else {
        items.len()
    };
    let labels: Vec<Item> = items.iter().cycle().take(total).cloned().collect();
    let sheets: Vec<Vec<Option<Item>>> = labels
        .chunks(per)
        .map(|chunk| {
            let mut sheet: Vec<Option<Item>> = chunk.iter().cloned().map(Some).collect();
            sheet.resize_with(per, || None);
            sheet
        })
        .collect();
    let html = LabelsPage {
        chrome,
        layout: layout.class(),
        sheets,
    }
    .render()?;
    Ok(print::respond(&frame, html))
}
