//! Signing in and out, and the session extractor.

use askama::Template;
use axum::extract::{FromRequestParts, RawQuery, State};
use axum::http::header::{COOKIE, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};

use super::attempt::{Attempt, attempt};
use super::{AdminFrame, FormData, StaffForm};
use crate::AppState;
use crate::auth;
use crate::domain::{Actor, User, UserName};
use crate::error::{AppError, AppResult};
use crate::store::{SESSION_ABSOLUTE, Session};
use crate::web::Lang;
use crate::web::client::ClientAddr;

pub const SESSION_COOKIE: &str = "madoguchi_session";
/// Double-submit token protecting the sign-in form itself.
const LOGIN_COOKIE: &str = "madoguchi_login";

/// A signed-in staff member. Extracting it from a request without a live
/// session redirects to the sign-in page; a user who must change their
/// password is sent there first.
#[derive(Clone)]
pub struct Staff {
    pub user: User,
    pub csrf: String,
    pub token: String,
    /// A platform operator (home site only): may add tenants.
    pub operator: bool,
}

impl Staff {
    /// Refuses a form whose CSRF token is not this session's.
    pub(super) fn check_csrf(&self, form: &FormData) -> AppResult<()> {
        if constant_time_eq(form.get("csrf").as_bytes(), self.csrf.as_bytes()) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "the form's security token is missing or expired".into(),
            ))
        }
    }

    pub fn actor(&self) -> Actor {
        Actor::user(&self.user)
    }

    pub fn require(&self, allowed: bool) -> AppResult<()> {
        if allowed {
            Ok(())
        } else {
            Err(AppError::Forbidden("your role may not do this".into()))
        }
    }
}

pub(super) fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && !a.is_empty() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub(super) fn cookie_value(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| Cookie::parse(c.trim()).ok())
        .find(|c| c.name() == name)
        .map(|c| c.value().to_owned())
}

/// Whether the request carries a live staff session (for public routes
/// that show staff a little more, such as a draft's QR code).
pub async fn signed_in(state: &AppState, headers: &HeaderMap) -> AppResult<bool> {
    match cookie_value(headers, SESSION_COOKIE) {
        Some(token) => Ok(state.store().session(&token).await?.is_some()),
        None => Ok(false),
    }
}

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let session = match cookie_value(&parts.headers, SESSION_COOKIE) {
            Some(token) => match state.store().session(&token).await {
                Ok(s) => s.map(|Session { user, csrf }| Staff {
                    user,
                    csrf,
                    token,
                    operator: false,
                }),
                Err(e) => return Err(AppError::Internal(e).into_response()),
            },
            None => None,
        };
        let session = match session {
            // Only the home site has operators; a tenant's accounts never are.
            Some(mut staff) if state.platform().is_some() => {
                staff.operator = state
                    .store()
                    .is_operator(staff.user.id)
                    .await
                    .map_err(|e| AppError::Internal(e).into_response())?;
                Some(staff)
            }
            other => other,
        };
        let path = parts.uri.path();
        let Some(staff) = session else {
            let next = url::form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>();
            return Err(Redirect::to(&format!("/admin/login?next={next}")).into_response());
        };
        if staff.user.must_change_password && path != "/admin/password" && path != "/admin/logout" {
            return Err(Redirect::to("/admin/password").into_response());
        }
        Ok(staff)
    }
}

pub(super) fn session_cookie(value: &str, max_age: i64, secure: bool) -> HeaderValue {
    let c = Cookie::build((SESSION_COOKIE, value.to_owned()))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(secure)
        .max_age(cookie::time::Duration::seconds(max_age))
        .build();
    HeaderValue::from_str(&c.to_string()).expect("cookie is ASCII")
}

#[derive(Template)]
#[template(path = "admin/login.html")]
struct LoginPage<'a> {
    page: &'a AdminFrame<'a>,
    login_csrf: String,
    name: String,
    next: String,
    error: Option<String>,
    /// Single sign-on is set: its button is shown.
    sso: bool,
    /// Local passwords sign in (unless single sign-on turned them off).
    passwords: bool,
}

/// The sign-in page: the password form and, when set, single sign-on.
pub(super) async fn render_login(
    state: &AppState,
    lang: &Lang,
    status: StatusCode,
    name: &str,
    next: &str,
    error: Option<String>,
) -> AppResult<Response> {
    let sso = state.store().sso_config().await?;
    let page = AdminFrame::new(state, lang, None);
    let login_csrf = auth::random_token();
    let html = LoginPage {
        page: &page,
        login_csrf: login_csrf.clone(),
        name: name.to_owned(),
        next: next.to_owned(),
        error,
        sso: sso.is_some(),
        passwords: sso.is_none_or(|s| s.passwords),
    }
    .render()?;
    let mut response = page.respond(status, html);
    let c = Cookie::build((LOGIN_COOKIE, login_csrf))
        .path("/admin/login")
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(state.base_url().is_https())
        .build();
    response
        .headers_mut()
        .append(SET_COOKIE, HeaderValue::from_str(&c.to_string()).expect("ASCII"));
    Ok(response)
}

/// Whether a sign-in form was posted from our own pages. The double-submit
/// cookie alone can be planted by a sibling subdomain (cookie tossing), so
/// the browser's own word is checked too: `Sec-Fetch-Site` when sent (all
/// current browsers), else `Origin` against the public base URL or the
/// `Host` the request came to. A request with neither (scripts, very old
/// browsers) is not a cross-site form post a browser would make.
fn posted_from_here(headers: &HeaderMap, base_url: &str) -> bool {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(site) = header("sec-fetch-site") {
        return site.eq_ignore_ascii_case("same-origin") || site.eq_ignore_ascii_case("none");
    }
    let Some(origin) = header("origin") else {
        return true;
    };
    let Ok(origin) = url::Url::parse(origin) else {
        return false; // includes "null" (sandboxed frames, data: pages)
    };
    let authority = |u: &url::Url| {
        let host = u.host_str().unwrap_or_default().to_ascii_lowercase();
        match u.port() {
            Some(port) => format!("{host}:{port}"),
            None => host,
        }
    };
    let same_as_base = url::Url::parse(base_url)
        .is_ok_and(|b| b.scheme() == origin.scheme() && authority(&b) == authority(&origin));
    let same_as_host = header("host").is_some_and(|h| h.eq_ignore_ascii_case(&authority(&origin)));
    same_as_base || same_as_host
}

/// Only same-site staff paths are followed after sign-in.
pub(super) fn safe_next(next: &str) -> &str {
    // Control characters cannot go into a Location header.
    if next.starts_with("/admin")
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
    {
        next
    } else {
        "/admin"
    }
}

pub async fn login_form(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let next = crate::web::query_param(query.as_deref(), "next");
    render_login(&state, &lang, StatusCode::OK, "", safe_next(&next), None).await
}

pub async fn login(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    ClientAddr(address): ClientAddr,
    form: FormData,
) -> AppResult<Response> {
    // A name no account can have is refused before anything is counted,
    // logged, hashed or shown back: it can only be a mistake or junk.
    let name = UserName::parse(form.get("name"));
    let shown = name.as_ref().map_or("", UserName::as_str);
    let next = safe_next(form.get("next")).to_owned();
    let page = AdminFrame::new(&state, &lang, None);
    let cookie = cookie_value(&headers, LOGIN_COOKIE).unwrap_or_default();
    if !posted_from_here(&headers, state.base_url().as_str()) {
        tracing::warn!(%address, "sign-in form posted from another site: refused");
        let msg = page.l.t("admin-login-expired");
        return render_login(&state, &lang, StatusCode::FORBIDDEN, "", &next, Some(msg)).await;
    }
    if !constant_time_eq(cookie.as_bytes(), form.get("csrf").as_bytes()) {
        let msg = page.l.t("admin-login-expired");
        return render_login(&state, &lang, StatusCode::FORBIDDEN, shown, &next, Some(msg)).await;
    }
    if state.store().sso_config().await?.is_some_and(|s| !s.passwords) {
        let msg = page.l.t("admin-login-passwords-off");
        return render_login(&state, &lang, StatusCode::FORBIDDEN, "", &next, Some(msg)).await;
    }
    let Ok(name) = name else {
        tracing::info!(%address, "failed sign-in: not a possible user name");
        let msg = page.l.t("admin-login-failed");
        return render_login(&state, &lang, StatusCode::UNAUTHORIZED, "", &next, Some(msg)).await;
    };
    let name = name.as_str();
    let password = form.get("password").to_owned();
    let user = match attempt(&state, name, password, &address).await? {
        Attempt::SignedIn(user) => user,
        Attempt::Failed => {
            tracing::info!(user = %name, %address, "failed sign-in");
            let msg = page.l.t("admin-login-failed");
            return render_login(&state, &lang, StatusCode::UNAUTHORIZED, name, &next, Some(msg)).await;
        }
        Attempt::Wait(wait) => {
            let secs = wait.as_secs().max(1);
            let msg = page.l.tn("admin-login-throttled", "seconds", secs);
            tracing::warn!(user = %name, %address, "sign-in slowed down after repeated failures");
            let mut r = render_login(
                &state,
                &lang,
                StatusCode::TOO_MANY_REQUESTS,
                name,
                &next,
                Some(msg),
            )
            .await?;
            r.headers_mut().insert("retry-after", HeaderValue::from(secs));
            return Ok(r);
        }
    };
    let (token, _) = state.store().create_session(user.id).await?;
    tracing::info!(user = %user.name, "signed in");
    let to = if user.must_change_password {
        "/admin/password"
    } else {
        &next
    };
    let mut response = Redirect::to(to).into_response();
    response.headers_mut().append(
        SET_COOKIE,
        session_cookie(&token, SESSION_ABSOLUTE, state.base_url().is_https()),
    );
    Ok(response)
}

fn signed_out(state: &AppState) -> Response {
    let mut response = Redirect::to("/admin/login").into_response();
    response
        .headers_mut()
        .append(SET_COOKIE, session_cookie("", 0, state.base_url().is_https()));
    response
}

pub async fn logout(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, .. }: StaffForm,
) -> AppResult<Response> {
    let id_token = state.store().session_id_token(&staff.token).await?;
    state.store().end_session(&staff.token).await?;
    // Signed in by the provider: signed out there too. A page that moves
    // on by itself, not a redirect: browsers apply the form's CSP
    // (`form-action 'self'`) to a redirect after a form post, and would
    // stop at the provider's address.
    if let Some(id_token) = id_token
        && let Some(url) = super::sso::provider_logout(&state, &id_token).await
    {
        return super::sso::signed_out_at_provider(&state, &lang, &url);
    }
    Ok(signed_out(&state))
}

pub async fn logout_everywhere(
    State(state): State<AppState>,
    StaffForm { staff, .. }: StaffForm,
) -> AppResult<Response> {
    state.store().end_all_sessions(staff.user.id).await?;
    tracing::info!(user = %staff.user.name, "signed out everywhere");
    Ok(signed_out(&state))
}

#[cfg(test)]
#[path = "session_tests.rs"]
mod tests;
