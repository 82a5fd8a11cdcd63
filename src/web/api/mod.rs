//! The JSON API under `/api/v1`, for city systems: bearer tokens created by
//! admins, the same validation, permissions and audit as the staff pages.
//! Errors are JSON (rendered by `web::errors`):
//! `{"error": {"code", "message", "fields": [{"field", "problem", "message"}]}}`.

mod procedures;
mod schema;

use axum::Router;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::routing::{get, post, put};
use utoipa::OpenApi;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::AppState;
use crate::domain::{Actor, LangTag, Role};
use crate::error::AppError;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi))
        .route(
            "/api/v1/procedures",
            get(procedures::list).post(procedures::create),
        )
        .route(
            "/api/v1/procedures/{code}",
            get(procedures::get).patch(procedures::update),
        )
        .route(
            "/api/v1/procedures/{code}/texts/{lang}",
            put(procedures::put_text),
        )
        .route("/api/v1/procedures/{code}/status", post(procedures::set_status))
}

/// Who is calling: a live API token.
pub struct Caller {
    pub name: String,
    pub role: Role,
    pub langs: Vec<LangTag>,
}

impl Caller {
    pub fn actor(&self) -> Actor {
        Actor::token(&self.name)
    }

    pub fn require(&self, allowed: bool) -> Result<(), AppError> {
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden(format!(
                "the {} role may not do this",
                self.role
            )))
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let secret = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(AppError::Unauthorized)?;
        let token = state
            .store()
            .token_for_secret(secret)
            .await?
            .ok_or(AppError::Unauthorized)?;
        Ok(Caller {
            name: token.name,
            role: token.role,
            langs: token.langs,
        })
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "madoguchi API", version = "1", description = "Procedures and their texts. Authenticate with `Authorization: Bearer TOKEN` (tokens are created by admins under /admin/tokens)."),
    paths(procedures::list, procedures::create, procedures::get, procedures::update, procedures::put_text, procedures::set_status),
    components(schemas(
        crate::domain::TextFields,
        crate::domain::ListItem,
        crate::domain::Role,
        schema::StatusName,
        schema::StalePolicyName,
        schema::ProcedureOut,
        schema::TextOut,
        schema::Summary,
        schema::CreateIn,
        schema::UpdateIn,
        schema::TextIn,
        schema::StatusIn,
        schema::ErrorBody,
        schema::ErrorInner,
        schema::FieldError,
    )),
    modifiers(&Bearer),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct Bearer;

impl utoipa::Modify for Bearer {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

/// The description, with the category keys staff have made as the
/// `category` enum (the API refuses any other): it changes when staff add a
/// category, so it is cached for five minutes.
async fn openapi(
    axum::extract::State(state): axum::extract::State<AppState>,
) -> crate::error::AppResult<impl axum::response::IntoResponse> {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).map_err(anyhow::Error::from)?;
    let keys: Vec<serde_json::Value> = state
        .store()
        .categories()
        .await?
        .into_iter()
        .map(|c| c.slug.into())
        .collect();
    for schema in ["CreateIn", "UpdateIn"] {
        if let Some(category) = doc
            .pointer_mut(&format!("/components/schemas/{schema}/properties/category"))
            .and_then(|c| c.as_object_mut())
        {
            let mut allowed = keys.clone();
            // An optional field may be null (left unchanged).
            if category
                .get("type")
                .is_some_and(|t| t.as_array().is_some_and(|a| a.contains(&"null".into())))
            {
                allowed.push(serde_json::Value::Null);
            }
            category.insert("enum".into(), allowed.into());
        }
    }
    Ok((
        [(axum::http::header::CACHE_CONTROL, "public, max-age=300")],
        axum::Json(doc),
    ))
}
