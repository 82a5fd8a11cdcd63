//! `GET /qr/{CODE}.png?size=N` and `GET /qr/{CODE}.svg`.

use axum::extract::{Path, RawQuery, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::domain::Code;
use crate::error::{AppError, AppResult};
use crate::qr;

pub async fn image(
    State(state): State<AppState>,
    Path(file): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let (code, ext) = file.rsplit_once('.').ok_or(AppError::NotFound)?;
    let code = Code::parse_lenient(code).map_err(|_| AppError::NotFound)?;
    if state.store().procedure(&code).await?.is_none() {
        return Err(AppError::NotFound);
    }
    let payload = state.base_url().qr_payload(&code);
    // Codes never change, so a drawn QR stays right for a day at least.
    let cache = (CACHE_CONTROL, "public, max-age=86400");
    match ext.to_ascii_lowercase().as_str() {
        "png" => {
            let size = query.as_deref().and_then(size_param);
            let bytes = render(move || qr::png(&payload, qr::clamp_png_size(size))).await?;
            Ok(([(CONTENT_TYPE, "image/png"), cache], bytes).into_response())
        }
        "svg" => {
            let svg = render(move || qr::svg(&payload)).await?;
            Ok(([(CONTENT_TYPE, "image/svg+xml"), cache], svg).into_response())
        }
        _ => Err(AppError::NotFound),
    }
}

/// `size=N` from the query; anything unreadable means the default.
fn size_param(query: &str) -> Option<u32> {
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "size")
        .and_then(|(_, v)| v.parse().ok())
}

/// Drawing a big PNG takes milliseconds of CPU: keep it off the I/O threads.
async fn render<T: Send + 'static>(f: impl FnOnce() -> anyhow::Result<T> + Send + 'static) -> AppResult<T> {
    let out = tokio::task::spawn_blocking(f)
        .await
        .map_err(anyhow::Error::from)?;
    Ok(out?)
}
