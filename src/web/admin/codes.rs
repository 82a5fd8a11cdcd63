//! `/admin/print/codes.zip?code=…`: the QR codes of the procedures chosen
//! in the list, as PNG and SVG files in one ZIP, for print shops and
//! letters made elsewhere.

use std::io::{Cursor, Write};

use axum::extract::{RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use zip::write::SimpleFileOptions;

use super::{AdminFrame, Staff};
use crate::AppState;
use crate::domain::{Code, Source};
use crate::error::{AppError, AppResult};
use crate::qr;
use crate::web::Lang;

/// At most this many codes in one archive, so a stray request stays cheap.
const MAX_CODES: usize = 210;

pub async fn zip(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let frame = AdminFrame::new(&state, &lang, Some(&staff));
    let mut codes: Vec<Code> = Vec::new();
    for (k, v) in url::form_urlencoded::parse(query.as_deref().unwrap_or("").as_bytes()) {
        if k != "code" {
            continue;
        }
        // Refused, not cut short: a print shop would miss the rest.
        if codes.len() == MAX_CODES {
            return Err(AppError::BadRequest(frame.l.tn(
                "print-too-many-codes",
                "max",
                MAX_CODES as u64,
            )));
        }
        let found = match Code::parse_lenient(&v) {
            Ok(code) => state.store().procedure(&code).await?.map(|p| p.code),
            Err(_) => None,
        };
        let Some(code) = found else {
            let shown: String = v.chars().take(24).collect();
            return Err(AppError::BadRequest(frame.l.t1(
                "print-warn-unknown",
                "code",
                &shown,
            )));
        };
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.is_empty() {
        return Err(AppError::BadRequest(frame.l.t("print-none-chosen")));
    }
    let payloads: Vec<(String, String)> = codes
        .iter()
        .map(|c| {
            (
                c.to_string(),
                state.base_url().qr_payload_from(c, Some(Source::Letter)),
            )
        })
        .collect();
    let body = archive(&payloads)?;
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_static("attachment; filename=\"madoguchi-codes.zip\""),
    );
    Ok(r)
}

/// A ZIP of `{name}.png` and `{name}.svg` for each (name, payload).
fn archive(payloads: &[(String, String)]) -> anyhow::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    // PNGs are compressed already; SVG text shrinks well.
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, payload) in payloads {
        zip.start_file(format!("{name}.png"), stored)?;
        zip.write_all(&qr::png(payload, qr::DEFAULT_PNG_SIZE)?)?;
        zip.start_file(format!("{name}.svg"), deflated)?;
        zip.write_all(qr::svg(payload)?.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}
