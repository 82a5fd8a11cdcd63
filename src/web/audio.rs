//! `GET /audio/{CODE}/{LANG}`: the recording of a procedure's text in one
//! language, as the text is now (Ogg Opus, with `Range`, for the page's
//! `<audio>` player). Only a file already made is sent: a request never
//! starts or waits for a recording. A text changed since, out of date,
//! unpublished or not yet recorded is a 404, so a player never plays words
//! the page no longer shows. `?v=` (the page's link) names the recording the
//! page was made with; while it is still the current one it may be cached
//! for a day.

use axum::extract::{Path, Request, State};
use axum::http::{HeaderValue, header};
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
    let etag = format!("\"{}\"", made.digest);
    if request
        .headers()
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Ok((axum::http::StatusCode::NOT_MODIFIED, [(header::ETAG, etag)]).into_response());
    }
    let mut response = ServeFile::new_with_mime(&made.path, &"audio/ogg".parse().expect("a MIME type"))
        .oneshot(request)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!("sending {}: {e}", made.path.display())))?
        .into_response();
    if response.status() == axum::http::StatusCode::NOT_FOUND {
        // Replaced between the look and the read: the text changed.
        return Err(AppError::NotFound);
    }
    let headers = response.headers_mut();
    headers.insert(header::ETAG, HeaderValue::from_str(&etag).expect("hex"));
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if asked.is_empty() {
            "no-cache"
        } else {
            "public, max-age=86400"
        }),
    );
    Ok(response)
}
