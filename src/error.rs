//! The one error type of the web layer.
//!
//! `IntoResponse` gives the status and marks the response with an
//! [`ErrorKind`]; the error-page layer (`web::errors`) then renders the page
//! in the visitor's language. Internal errors are logged here, once, with
//! their context, and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// What kind of error page a response should become.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    BadRequest,
    Internal,
}

impl ErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The kind of page for a status produced outside our handlers
    /// (a framework rejection, a panic).
    pub fn from_status(status: StatusCode) -> Option<ErrorKind> {
        match status.as_u16() {
            404 | 405 => Some(ErrorKind::NotFound),
            400..=499 => Some(ErrorKind::BadRequest),
            500..=599 => Some(ErrorKind::Internal),
            _ => None,
        }
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        AppError::Internal(e.into())
    }
}

impl From<askama::Error> for AppError {
    fn from(e: askama::Error) -> Self {
        AppError::Internal(anyhow::Error::new(e).context("rendering a template"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let kind = match &self {
            AppError::NotFound => ErrorKind::NotFound,
            AppError::BadRequest(why) => {
                tracing::debug!(%why, "bad request");
                ErrorKind::BadRequest
            }
            AppError::Internal(e) => {
                tracing::error!(error = format!("{e:#}"), "internal error");
                ErrorKind::Internal
            }
        };
        let mut response = kind.status().into_response();
        response.extensions_mut().insert(kind);
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
