//! The one error type of the web layer.
//!
//! `IntoResponse` gives the status and attaches an [`ErrorDetail`]; the
//! error layer (`web::errors`) then renders it: a page in the visitor's
//! language, or JSON under `/api/`. Internal errors are logged here, once,
//! with their context, and never shown. A database that cannot take a
//! write (locked, full, read-only: [`Fault`]) is not a bug: it answers 503
//! "nothing was saved, try again" rather than 500.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

use crate::domain::validate::FieldProblem;
use crate::store::Fault;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("not signed in")]
    Unauthorized,
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("conflict: {0}")]
    Conflict(String),
    #[error("invalid input")]
    Invalid(Vec<FieldProblem>),
    #[error("request body too large")]
    TooLarge,
    #[error("too many requests")]
    TooManyRequests { retry_after_secs: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// What kind of error a response carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    NotFound,
    BadRequest,
    Unauthorized,
    Forbidden,
    Conflict,
    Invalid,
    TooLarge,
    TooManyRequests,
    /// The database could not take a write; the message is the [`Fault`].
    Unavailable,
    Internal,
}

/// Attached to error responses for the error layer to render.
#[derive(Debug, Clone)]
pub struct ErrorDetail {
    pub kind: ErrorKind,
    /// Safe to show (never internal details).
    pub message: String,
    pub fields: Vec<FieldProblem>,
}

impl ErrorKind {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::BadRequest => StatusCode::BAD_REQUEST,
            ErrorKind::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorKind::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorKind::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code in JSON errors.
    pub fn code(self) -> &'static str {
        match self {
            ErrorKind::NotFound => "not_found",
            ErrorKind::BadRequest => "bad_request",
            ErrorKind::Unauthorized => "unauthorized",
            ErrorKind::Forbidden => "forbidden",
            ErrorKind::Conflict => "conflict",
            ErrorKind::Invalid => "invalid",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::TooManyRequests => "too_many_requests",
            ErrorKind::Unavailable => "unavailable",
            ErrorKind::Internal => "internal",
        }
    }

    /// The kind for a status produced outside our handlers
    /// (a framework rejection, a panic, a timeout).
    pub fn from_status(status: StatusCode) -> Option<ErrorKind> {
        match status.as_u16() {
            401 => Some(ErrorKind::Unauthorized),
            403 => Some(ErrorKind::Forbidden),
            404 | 405 => Some(ErrorKind::NotFound),
            409 => Some(ErrorKind::Conflict),
            413 => Some(ErrorKind::TooLarge),
            422 => Some(ErrorKind::Invalid),
            429 => Some(ErrorKind::TooManyRequests),
            400..=499 => Some(ErrorKind::BadRequest),
            503 => Some(ErrorKind::Unavailable),
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
        let (kind, message, fields) = match self {
            AppError::NotFound => (ErrorKind::NotFound, String::new(), vec![]),
            AppError::BadRequest(why) => (ErrorKind::BadRequest, why, vec![]),
            AppError::Unauthorized => (ErrorKind::Unauthorized, String::new(), vec![]),
            AppError::Forbidden(why) => (ErrorKind::Forbidden, why, vec![]),
            AppError::Conflict(why) => (ErrorKind::Conflict, why, vec![]),
            AppError::Invalid(fields) => (ErrorKind::Invalid, String::new(), fields),
            AppError::TooLarge => (ErrorKind::TooLarge, String::new(), vec![]),
            AppError::TooManyRequests { retry_after_secs } => {
                (ErrorKind::TooManyRequests, retry_after_secs.to_string(), vec![])
            }
            AppError::Internal(e) => match Fault::of(&e) {
                Some(fault) => {
                    tracing::warn!(error = format!("{e:#}"), %fault, "database unavailable; nothing saved");
                    (ErrorKind::Unavailable, fault.to_string(), vec![])
                }
                None => {
                    tracing::error!(error = format!("{e:#}"), "internal error");
                    (ErrorKind::Internal, String::new(), vec![])
                }
            },
        };
        let mut response = kind.status().into_response();
        response.extensions_mut().insert(ErrorDetail {
            kind,
            message,
            fields,
        });
        response
    }
}

pub type AppResult<T> = Result<T, AppError>;
