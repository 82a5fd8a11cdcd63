//! `GET /audio/{CODE}/{LANG}`: the recording of a procedure's text in one
//! language, as the text is now (Ogg Opus, with `Range`, for the page's
//! `<audio>` player). Only a file already made is sent: a request never
//! starts or waits for a recording. A text changed since, out of date,
//! unpublished or not yet recorded is a 404, so a player never plays words
//! the page no longer shows. `?v=` (the page's link) names the recording the
//! page was made with; while it is still the current one it may be cached
//! for a day.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tower::ServiceExt;
use tower_http::services::ServeFile;

use crate::AppState;
use crate::domain::{Code, LangTag};
use crate::error::{AppError, AppResult};

pub async fn recording(
    State(state): State<AppState>,
    Path((raw_code, raw_lang)): Path<(String, String)>,
    request: Request,
) -> AppResult<Response> {
    let audio = state.audio().ok_or(AppError::NotFound)?;
    let code = Code::parse_lenient(&raw_code).map_err(|_| AppError::NotFound)?;
    let lang = LangTag::parse(&raw_lang).map_err(|_| AppError::NotFound)?;
    let cache = state.pages();
    let epoch = cache.refresh(state.store(), state.writes()).await;
    let procedure = cache
        .procedure(epoch, state.store(), &code)
        .await?
        .ok_or(AppError::NotFound)?;
    let text = procedure.text(&lang).ok_or(AppError::NotFound)?;
    let office = match procedure.office {
        Some(id) => state.store().office(id).await?,
        None => None,
    };
    let made = audio
        .recording(&procedure, text, office.as_ref(), state.locales())
        .ok_or(AppError::NotFound)?;
    let asked = super::query_param(request.uri().query(), "v");
    if !asked.is_empty() && asked != made.digest {
        return Err(AppError::NotFound);
    }
    // The digest names the words; size and time tell one making of them
    // from another (an engine upgrade makes other bytes of the same words).
    let meta = std::fs::metadata(&made.path).map_err(|_| AppError::NotFound)?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    let etag = format!("\"{}-{:x}-{mtime:x}\"", made.digest, meta.len());
    let cache_control = if asked.is_empty() {
        "no-cache"
    } else {
        "public, max-age=86400"
    };
    let (mut parts, body) = request.into_parts();
    let h = &mut parts.headers;
    if h.get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Ok((
            StatusCode::NOT_MODIFIED,
            [
                (header::ETAG, etag),
                (header::CACHE_CONTROL, cache_control.to_owned()),
            ],
        )
            .into_response());
    }
    // A range of another making of the file would splice two recordings:
    // the whole file instead.
    if h.get(header::IF_RANGE)
        .is_some_and(|v| v.as_bytes() != etag.as_bytes())
    {
        h.remove(header::RANGE);
    }
    // Ours are the only validators: ServeFile's own would compare times.
    for name in [
        header::IF_RANGE,
        header::IF_MATCH,
        header::IF_NONE_MATCH,
        header::IF_MODIFIED_SINCE,
        header::IF_UNMODIFIED_SINCE,
    ] {
        h.remove(name);
    }
    let request = Request::from_parts(parts, body);
    let mut response = ServeFile::new_with_mime(&made.path, &"audio/ogg".parse().expect("a MIME type"))
        .oneshot(request)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("sending {}: {e}", made.path.display())))?
        .into_response();
    match response.status() {
        StatusCode::OK | StatusCode::PARTIAL_CONTENT => {
            let headers = response.headers_mut();
            headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control));
            headers.remove(header::LAST_MODIFIED);
            Ok(response)
        }
        // Replaced between the look and the read: the text changed.
        StatusCode::NOT_FOUND => Err(AppError::NotFound),
        _ => Ok(response),
    }
}
