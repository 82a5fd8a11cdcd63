//! The audit log, for admins, filtered by procedure and by user.

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;

use super::{AdminFrame, Staff};
use crate::AppState;
use crate::domain::Code;
use crate::error::AppResult;
use crate::store::AuditEntry;
use crate::web::Lang;

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage<'a> {
    page: &'a AdminFrame<'a>,
    entries: Vec<AuditEntry>,
    procedure: String,
    user: String,
}

pub async fn log(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    let get = |key: &str| crate::web::query_param(query.as_deref(), key).trim().to_owned();
    let (procedure, user) = (get("procedure"), get("user"));
    let code = Code::parse_lenient(&procedure).ok().map(|c| c.to_string());
    let code = code
        .as_deref()
        .or((!procedure.is_empty()).then_some(procedure.as_str()));
    let entries = state
        .store()
        .audit(code, (!user.is_empty()).then_some(user.as_str()), 500)
        .await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let html = AuditPage {
        page: &page,
        entries,
        procedure,
        user,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}
