//! Error responses, rendered once for the whole app: a page in the
//! visitor's language, or JSON with a stable shape under `/api/`. Covers
//! our own errors (carrying an [`ErrorDetail`]) and the framework's
//! rejections (an error status with a plain-text body).

use askama::Template;
use axum::Json;
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_LANGUAGE, ALLOW, CACHE_CONTROL, CONTENT_TYPE, COOKIE, RETRY_AFTER, WWW_AUTHENTICATE,
};
use axum::http::{HeaderMap, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Lang;
use super::not_found::NotFoundPage;
use super::page::Frame;
use crate::AppState;
use crate::error::{ErrorDetail, ErrorKind};
use crate::store::Fault;

pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Keep only what rendering needs; negotiation runs only on an error.
    let api = request.uri().path().starts_with("/api/");
    let staff = request.uri().path().starts_with("/admin");
    let query = request.uri().query().map(str::to_owned);
    let mut headers = HeaderMap::new();
    for name in [ACCEPT_LANGUAGE, COOKIE] {
        for v in request.headers().get_all(&name) {
            headers.append(name.clone(), v.clone());
        }
    }
    let mut response = next.run(request).await;
    // Every answer under /admin (pages, errors, the fallback 404 for an
    // unknown staff path) may name people or unpublished work: no-store.
    if staff {
        response
            .headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let detail = response.extensions().get::<ErrorDetail>().cloned().or_else(|| {
        let plain = response
            .headers()
            .get(CONTENT_TYPE)
            .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
        let kind = plain
            .then(|| ErrorKind::from_status(response.status()))
            .flatten()?;
        Some(ErrorDetail {
            kind,
            message: String::new(),
            fields: vec![],
        })
    });
    let Some(detail) = detail else { return response };
    let mut out = if api {
        json(&detail)
    } else {
        let mut lang = Lang::from_request(query.as_deref(), &headers);
        if staff {
            // Staff pages' errors speak the staff pages' language.
            lang.requested = super::admin::staff_language(&lang, state.locales())
                .into_iter()
                .collect();
        }
        page(&state, &lang, &detail, staff).unwrap_or_else(|e| {
            tracing::error!(error = %e, "rendering an error page");
            (detail.kind.status(), "Error").into_response()
        })
    };
    *out.status_mut() = response.status();
    // The error page replaces the response and its headers.
    if staff {
        out.headers_mut()
            .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    for name in [ALLOW, WWW_AUTHENTICATE] {
        if let Some(v) = response.headers().get(&name) {
            out.headers_mut().insert(name, v.clone());
        }
    }
    if detail.kind == ErrorKind::TooManyRequests
        && let Ok(v) = HeaderValue::from_str(&detail.message)
    {
        out.headers_mut().insert(RETRY_AFTER, v);
    }
    if detail.kind == ErrorKind::Unavailable {
        out.headers_mut()
            .insert(RETRY_AFTER, HeaderValue::from(fault(&detail).retry_after_secs()));
    }
    out
}

/// What failed, for a 503; a bare 503 from elsewhere counts as busy.
fn fault(detail: &ErrorDetail) -> Fault {
    detail.message.parse().unwrap_or(Fault::Busy)
}

fn json(detail: &ErrorDetail) -> Response {
    let message = match (detail.kind, detail.message.is_empty()) {
        (ErrorKind::TooManyRequests, _) => format!("too many requests; retry after {} s", detail.message),
        (ErrorKind::Unavailable, _) => match fault(detail) {
            Fault::Busy => {
                "the database is busy with another change; nothing was saved; retry in a few seconds"
            }
            Fault::Full => "the database's disk is full; nothing was saved",
            Fault::ReadOnly => "the database is read-only; nothing was saved",
        }
        .to_owned(),
        (_, false) => detail.message.clone(),
        (kind, true) => kind.code().replace('_', " "),
    };
    let fields: Vec<serde_json::Value> = detail
        .fields
        .iter()
        .map(|p| serde_json::json!({ "field": p.field, "problem": p.kind.code(), "message": p.kind.to_string() }))
        .collect();
    let body =
        serde_json::json!({ "error": { "code": detail.kind.code(), "message": message, "fields": fields } });
    (detail.kind.status(), Json(body)).into_response()
}

fn page(state: &AppState, lang: &Lang, detail: &ErrorDetail, staff: bool) -> Result<Response, askama::Error> {
    let page = Frame::new(state, lang, "/");
    let (title, body) = match detail.kind {
        ErrorKind::Unavailable if staff => match fault(detail) {
            Fault::Busy => ("admin-unavailable-title", "admin-busy-body"),
            Fault::Full | Fault::ReadOnly => ("admin-unavailable-title", "admin-cannot-write-body"),
        },
        ErrorKind::Unavailable => ("unavailable-title", "unavailable-body"),
        ErrorKind::NotFound => ("not-found-title", "page-not-found-body"),
        ErrorKind::Internal => ("server-error-title", "server-error-body"),
        ErrorKind::Unauthorized | ErrorKind::Forbidden => ("forbidden-title", "forbidden-body"),
        ErrorKind::TooManyRequests => ("too-many-title", "too-many-body"),
        _ => ("bad-request-title", "bad-request-body"),
    };
    let message = match detail.kind {
        // The wait reaches Fluent as a number, for its plural forms.
        ErrorKind::TooManyRequests => match detail.message.parse::<u64>() {
            Ok(seconds) => page.l.rawn(body, "seconds", seconds),
            Err(_) => page.l.raw1(body, "seconds", &detail.message),
        },
        _ => page.l.raw(body),
    };
    let html = NotFoundPage {
        page: &page,
        title: page.l.raw(title),
        message,
        typed: String::new(),
    }
    .render()?;
    Ok(page.respond(detail.kind.status(), None, html))
}
