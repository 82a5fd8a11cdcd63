//! Error pages in the visitor's language, for every error response:
//! ours (marked with [`ErrorKind`]) and the framework's own rejections.

use askama::Template;
use axum::extract::{Request, State};
use axum::http::HeaderMap;
use axum::http::header::{ACCEPT_LANGUAGE, ALLOW, CONTENT_TYPE, COOKIE};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::Lang;
use super::page::Frame;
use super::public::NotFoundPage;
use crate::AppState;
use crate::error::ErrorKind;

pub async fn error_pages(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // Keep only what negotiation needs; it runs only if an error comes back.
    let query = request.uri().query().map(str::to_owned);
    let mut headers = HeaderMap::new();
    for name in [ACCEPT_LANGUAGE, COOKIE] {
        for v in request.headers().get_all(&name) {
            headers.append(name.clone(), v.clone());
        }
    }
    let response = next.run(request).await;
    let kind = response.extensions().get::<ErrorKind>().copied().or_else(|| {
        // A framework rejection: an error status with a plain-text body.
        let plain = response
            .headers()
            .get(CONTENT_TYPE)
            .is_none_or(|v| v.as_bytes().starts_with(b"text/plain"));
        plain.then(|| ErrorKind::from_status(response.status())).flatten()
    });
    let Some(kind) = kind else { return response };
    let lang = Lang::from_request(query.as_deref(), &headers);
    let mut page_response = render(&state, &lang, kind).unwrap_or_else(|e| {
        tracing::error!(error = %e, "rendering an error page");
        (kind.status(), "Error").into_response()
    });
    *page_response.status_mut() = response.status();
    if let Some(allow) = response.headers().get(ALLOW) {
        page_response.headers_mut().insert(ALLOW, allow.clone());
    }
    page_response
}

fn render(state: &AppState, lang: &Lang, kind: ErrorKind) -> Result<Response, askama::Error> {
    let page = Frame::new(state, lang, "/");
    let (title, message) = match kind {
        ErrorKind::NotFound => ("not-found-title", "page-not-found-body"),
        ErrorKind::BadRequest => ("bad-request-title", "bad-request-body"),
        ErrorKind::Internal => ("server-error-title", "server-error-body"),
    };
    let html = NotFoundPage {
        page: &page,
        title: page.l.t(title),
        message: page.l.t(message),
        typed: String::new(),
    }
    .render()?;
    Ok(page.respond(kind.status(), None, html))
}
