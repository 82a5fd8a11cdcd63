//! The staff interface under `/admin`: Japanese by default (English on
//! request), sign-in with server-side sessions, a CSRF token on every form.

mod attempt;
mod audit;
mod bulk;
mod categories;
mod codes;
mod fields;
mod form;
mod frame;
mod lifecycle;
mod offices;
mod password;
mod print;
mod procedures;
mod session;
mod sso;
mod stats;
mod tenants;
mod throttle;
mod translations;
mod upload;
mod users;

use axum::Router;
use axum::http::{HeaderValue, header};
use axum::routing::{get, post};
use tower_http::set_header::SetResponseHeaderLayer;

use crate::AppState;

pub use form::{FormData, StaffForm};
pub use frame::{AdminFrame, staff_language};
pub use session::{SESSION_COOKIE, Staff, signed_in};
pub use throttle::{FORGET_EVERY, Throttle, forget_old};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/admin", get(procedures::list))
        .route("/admin/login", get(session::login_form).post(session::login))
        .route("/admin/logout", post(session::logout))
        .route("/admin/oidc/start", get(sso::start))
        .route("/admin/oidc/callback", get(sso::callback))
        .route("/admin/logout-everywhere", post(session::logout_everywhere))
        .route(
            "/admin/password",
            get(password::password_form).post(password::change_password),
        )
        .route(
            "/admin/procedures/new",
            get(procedures::new_form).post(procedures::create),
        )
        .route(
            "/admin/procedures/{code}",
            get(procedures::edit_form).post(procedures::update),
        )
        .route(
            "/admin/procedures/{code}/publish",
            get(lifecycle::publish_form).post(lifecycle::publish),
        )
        .route(
            "/admin/procedures/{code}/archive",
            get(lifecycle::archive_form).post(lifecycle::archive),
        )
        .route("/admin/procedures/{code}/preview", get(lifecycle::preview))
        .route(
            "/admin/procedures/{code}/texts/{lang}",
            get(translations::edit_form).post(translations::save),
        )
        .route("/admin/procedures/{code}/office", post(offices::link))
        .route(
            "/admin/procedures/{code}/stale-policy",
            post(lifecycle::stale_policy),
        )
        .route(
            "/admin/categories",
            get(categories::list).post(categories::create),
        )
        .route(
            "/admin/categories/{slug}",
            get(categories::edit_form).post(categories::save),
        )
        .route("/admin/offices", get(offices::list).post(offices::create))
        .route("/admin/offices/{id}", get(offices::edit_form).post(offices::save))
        .route("/admin/translations", get(translations::matrix))
        .route("/admin/audit", get(audit::log))
        .route("/admin/stats", get(stats::dashboard))
        .route("/admin/stats.csv", get(stats::csv))
        .route("/admin/users", get(users::list).post(users::create))
        .route("/admin/users/{id}", get(users::edit_form).post(users::update))
        .route("/admin/users/{id}/reset-password", post(users::reset_password))
        .route("/admin/tokens", get(users::tokens).post(users::create_token))
        .route("/admin/tokens/{id}/revoke", post(users::revoke_token))
        .route("/admin/print/poster/{code}", get(print::poster))
        .route("/admin/print/stand/{code}", get(print::stand))
        .route("/admin/print/labels", get(print::labels))
        .route("/admin/print/codes.zip", get(codes::zip))
        .route("/admin/import", get(bulk::form).post(bulk::upload))
        .route("/admin/tenants", get(tenants::list).post(tenants::create))
        .route("/admin/import/template.csv", get(bulk::template_csv))
        .route("/admin/import/template.xlsx", get(bulk::template_xlsx))
        // Staff pages hold personal and unpublished data: never cache them.
        .layer(SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
}
