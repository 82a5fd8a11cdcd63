//! Reading `application/x-www-form-urlencoded` bodies, repeated keys
//! included (lists are edited as one input per item).

use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::response::{IntoResponse, Response};

use super::Staff;
use crate::AppState;

use crate::domain::TextFields;
use crate::error::AppError;

/// A form body larger than this is refused (the largest real form, a
/// procedure text, is well under it).
const MAX_FORM_BYTES: usize = 256 * 1024;

pub struct FormData(Vec<(String, String)>);

impl FormData {
    pub fn parse(body: &[u8]) -> FormData {
        FormData(url::form_urlencoded::parse(body).into_owned().collect())
    }

    /// The text fields of a multipart form.
    pub fn from_pairs(pairs: Vec<(String, String)>) -> FormData {
        FormData(pairs)
    }

    /// The first value of `key`, or "".
    pub fn get(&self, key: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map_or("", |(_, v)| v.as_str())
    }

    /// Every non-blank value of `key`, in order.
    pub fn list(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_owned())
            .collect()
    }

    /// The languages chosen with the `langs` checkboxes (or typed as a
    /// list, `vi, ne`), as one comma-separated string for `parse_lang_list`.
    pub fn langs(&self) -> String {
        self.list("langs").join(",")
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.iter().any(|(k, _)| k == key)
    }

    /// The procedure text fields of a form, trimmed, lists without blanks.
    pub fn text_fields(&self) -> TextFields {
        let line = |k: &str| self.get(k).trim().to_owned();
        // Paragraph fields keep inner line breaks, normalised to \n.
        let para = |k: &str| self.get(k).replace("\r\n", "\n").trim().to_owned();
        TextFields {
            title: line("title"),
            summary: para("summary"),
            bring: self.list("bring"),
            steps: self.list("steps"),
            office: line("office"),
            floor: line("floor"),
            counter: line("counter"),
            hours: line("hours"),
            fee: line("fee"),
            contact: line("contact"),
            notes: para("notes"),
            ended_note: para("ended_note"),
        }
    }

    /// Integer value of `key`, if it is one.
    pub fn int(&self, key: &str) -> Option<i64> {
        self.get(key).trim().parse().ok()
    }
}

impl<S: Send + Sync> FromRequest<S> for FormData {
    type Rejection = AppError;

    async fn from_request(req: Request, _: &S) -> Result<Self, Self::Rejection> {
        let urlencoded = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .is_some_and(|v| v.as_bytes().starts_with(b"application/x-www-form-urlencoded"));
        if !urlencoded {
            return Err(AppError::BadRequest("expected a form".into()));
        }
        let body = axum::body::to_bytes(req.into_body(), MAX_FORM_BYTES)
            .await
            .map_err(|e| {
                // Too long, whichever limit noticed first; otherwise a broken upload.
                let mut source: Option<&dyn std::error::Error> = Some(&e);
                let mut too_large = false;
                while let Some(err) = source {
                    too_large |= err.to_string().contains("length limit exceeded");
                    source = err.source();
                }
                if too_large {
                    AppError::TooLarge
                } else {
                    AppError::BadRequest("form cut short".into())
                }
            })?;
        Ok(FormData::parse(&body))
    }
}

/// A form posted by a signed-in staff member, its CSRF token checked
/// before the handler runs: a handler that takes this cannot forget it.
pub struct StaffForm {
    pub staff: Staff,
    pub form: FormData,
}

impl FromRequest<AppState> for StaffForm {
    type Rejection = Response;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let (mut parts, body) = req.into_parts();
        let staff = Staff::from_request_parts(&mut parts, state).await?;
        let form = FormData::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        staff.check_csrf(&form).map_err(IntoResponse::into_response)?;
        Ok(StaffForm { staff, form })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_keys_make_lists_and_blanks_drop() {
        let f = FormData::parse(b"title=+A+%3Cb%3E&bring=one&bring=+&bring=two&summary=a%0D%0Ab&csrf=x");
        let t = f.text_fields();
        assert_eq!(t.title, "A <b>");
        assert_eq!(t.bring, vec!["one", "two"]);
        assert_eq!(t.summary, "a\nb");
        assert_eq!(f.get("missing"), "");
        assert_eq!(f.int("csrf"), None);
    }
}
