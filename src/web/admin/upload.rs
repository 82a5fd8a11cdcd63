//! A `multipart/form-data` upload from a signed-in staff member, its CSRF
//! token checked before the handler runs, like [`StaffForm`](super::StaffForm).

use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::response::{IntoResponse, Response};

use super::{FormData, Staff};
use crate::AppState;
use crate::error::AppError;

/// One uploaded file.
pub struct Upload {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

pub struct StaffUpload {
    pub staff: Staff,
    /// The first file part, if any (an empty file input sends one with no name).
    pub file: Option<Upload>,
}

fn broken(e: axum::extract::multipart::MultipartError) -> Response {
    // Too long, whichever limit noticed first (the server's layer wraps its
    // error deep in the chain); otherwise a broken upload.
    let mut too_large = e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE;
    let mut source: Option<&dyn std::error::Error> = Some(&e);
    while let Some(err) = source {
        too_large |= err.to_string().contains("length limit exceeded");
        source = err.source();
    }
    if too_large {
        AppError::TooLarge.into_response()
    } else {
        AppError::BadRequest(format!("upload cut short: {}", e.body_text())).into_response()
    }
}

impl FromRequest<AppState> for StaffUpload {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let req = Request::from_parts(parts, body);
        let is_multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"multipart/form-data"));
        let wrong_form = || AppError::BadRequest("expected a file upload form".into()).into_response();
        if !is_multipart {
            // Still the token first: a post without a valid one is a 403 whatever its shape.
            let form = FormData::from_request(req, state)
                .await
                .unwrap_or_else(|_| FormData::from_pairs(Vec::new()));
            staff.check_csrf(&form).map_err(IntoResponse::into_response)?;
            return Err(wrong_form());
        }
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|_| wrong_form())?;
        // The whole body is read (within the server's 1 MiB limit) before
        // the token is checked: parts may come in any order.
        let mut fields = Vec::new();
        let mut file = None;
        while let Some(field) = multipart.next_field().await.map_err(broken)? {
            let name = field.name().unwrap_or_default().to_owned();
            match field.file_name().map(str::to_owned) {
                Some(file_name) => {
                    let bytes = field.bytes().await.map_err(broken)?;
                    if file.is_none() && !(file_name.is_empty() && bytes.is_empty()) {
                        file = Some(Upload {
                            file_name,
                            bytes: bytes.to_vec(),
                        });
                    }
                }
                None => fields.push((name, field.text().await.map_err(broken)?)),
            }
        }
        staff
            .check_csrf(&FormData::from_pairs(fields))
            .map_err(IntoResponse::into_response)?;
        Ok(StaffUpload { staff, file })
    }
}
