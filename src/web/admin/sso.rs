//! Signing in with the site's OpenID Provider (`/admin/oidc/start` and
//! `/admin/oidc/callback`), and signing out there too. The sign-in under
//! way is kept in the database (any server may get the answer), bound to
//! the browser that started it by a cookie, and used once.
//!
//! The session cookie is `SameSite=Strict`, which a browser does not send
//! on a redirect chain that began at the provider's site: the callback
//! answers with a page that moves on by itself (a same-site navigation).

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use cookie::{Cookie, SameSite};

use super::AdminFrame;
use super::session::{constant_time_eq, cookie_value, render_login, safe_next, session_cookie};
use crate::AppState;
use crate::auth::{digest, random_token};
use crate::domain::{Actor, role_for};
use crate::error::{AppError, AppResult};
use crate::store::{PendingSso, SESSION_ABSOLUTE, SSO_LOGIN_TTL_MS};
use crate::web::{Lang, query_param};

/// Binds a sign-in under way to the browser that started it. `Lax`: it
/// must come back with the provider's cross-site redirect to the callback.
const SSO_COOKIE: &str = "madoguchi_oidc";

#[derive(Template)]
#[template(path = "admin/sso_done.html")]
struct Done<'a> {
    page: &'a AdminFrame<'a>,
    next: &'a str,
}

fn callback_url(state: &AppState) -> String {
    format!("{}/admin/oidc/callback", state.base_url().as_str())
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

fn browser_cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let c = Cookie::build((SSO_COOKIE, value.to_owned()))
        .path("/admin/oidc")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(state.base_url().is_https())
        .max_age(cookie::time::Duration::seconds(max_age))
        .build();
    HeaderValue::from_str(&c.to_string()).expect("cookie is ASCII")
}

/// The sign-in page saying the provider cannot be used just now.
async fn unreachable(state: &AppState, lang: &Lang, next: &str) -> AppResult<Response> {
    let msg = AdminFrame::new(state, lang, None).l.t("admin-sso-unreachable");
    render_login(state, lang, StatusCode::SERVICE_UNAVAILABLE, "", next, Some(msg)).await
}

/// Sends the browser to the provider.
pub async fn start(
    State(state): State<AppState>,
    lang: Lang,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let Some(cfg) = state.store().sso_config().await? else {
        return Err(AppError::NotFound);
    };
    // Anyone may start a sign-in: what it keeps is small.
    let next = query_param(query.as_deref(), "next");
    let next = if next.len() <= 256 {
        safe_next(&next)
    } else {
        "/admin"
    }
    .to_owned();
    let provider = match state.providers().get(&cfg, &callback_url(&state)).await {
        Ok(p) => p,
        Err(e) => {
            tracing::warn!(
                error = format!("{e:#}"),
                issuer = cfg.issuer,
                "single sign-on: the provider cannot be reached"
            );
            return unreachable(&state, &lang, &next).await;
        }
    };
    let started = state.providers().start(&provider, &cfg.scopes);
    let browser = random_token();
    let kept = state
        .store()
        .begin_sso_login(&PendingSso {
            state_hash: digest(&started.state),
            browser_hash: digest(&browser),
            issuer: cfg.issuer.clone(),
            nonce: started.nonce,
            verifier: started.verifier,
            next: next.clone(),
            created_ms: now_ms(),
        })
        .await?;
    if !kept {
        tracing::warn!("single sign-on: too many sign-ins under way; refusing new ones for now");
        return unreachable(&state, &lang, &next).await;
    }
    let mut response = Redirect::to(started.url.as_str()).into_response();
    response.headers_mut().append(
        SET_COOKIE,
        browser_cookie(&state, &browser, SSO_LOGIN_TTL_MS / 1000),
    );
    Ok(response)
}

/// The provider's answer: checked, then the account signed in.
pub async fn callback(
    State(state): State<AppState>,
    lang: Lang,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let q = |k: &str| query_param(query.as_deref(), k);
    let page = AdminFrame::new(&state, &lang, None);
    let refuse = |why: String, message: &str| {
        tracing::info!(why, "single sign-on refused");
        let msg = page.l.t(message);
        let state = state.clone();
        let lang = lang.clone();
        async move {
            let mut r = render_login(&state, &lang, StatusCode::FORBIDDEN, "", "/admin", Some(msg)).await?;
            r.headers_mut().append(SET_COOKIE, browser_cookie(&state, "", 0));
            Ok::<_, AppError>(r)
        }
    };
    // Taken first, whatever else is wrong: each state answers once.
    let returned = q("state");
    let pending = match returned.is_empty() {
        true => None,
        false => state.store().take_sso_login(&digest(&returned)).await?,
    };
    let Some(pending) = pending else {
        return refuse("no sign-in under way with this state".into(), "admin-sso-failed").await;
    };
    let browser = cookie_value(&headers, SSO_COOKIE).unwrap_or_default();
    if !constant_time_eq(digest(&browser).as_bytes(), pending.browser_hash.as_bytes()) {
        return refuse("the answer came to another browser".into(), "admin-sso-failed").await;
    }
    if now_ms() - pending.created_ms > SSO_LOGIN_TTL_MS {
        return refuse("the sign-in took too long".into(), "admin-sso-failed").await;
    }
    if !q("error").is_empty() {
        return refuse(format!("the provider said {}", q("error")), "admin-sso-failed").await;
    }
    let Some(cfg) = state.store().sso_config().await? else {
        return refuse(
            "single sign-on was turned off meanwhile".into(),
            "admin-sso-failed",
        )
        .await;
    };
    if cfg.issuer != pending.issuer {
        return refuse("the provider was changed meanwhile".into(), "admin-sso-failed").await;
    }
    let redirect = callback_url(&state);
    let provider = match state.providers().get(&cfg, &redirect).await {
        Ok(p) => p,
        Err(e) => return refuse(format!("{e:#}"), "admin-sso-unreachable").await,
    };
    let iss = q("iss");
    let identity = match state
        .providers()
        .finish(
            &provider,
            &q("code"),
            (!iss.is_empty()).then_some(iss.as_str()),
            &pending.nonce,
            &pending.verifier,
            &cfg.groups_claim,
        )
        .await
    {
        Ok(i) => i,
        Err(e) => {
            // A signature that does not verify may be a rotated key: the
            // next sign-in asks the provider for its keys again.
            if matches!(e, crate::sso::Refused::Claims(_)) {
                state.providers().forget(&cfg, &redirect);
            }
            return refuse(e.to_string(), "admin-sso-failed").await;
        }
    };
    let Some((role, langs)) = role_for(&cfg.rules, &identity.groups) else {
        // Taken out of its groups at the provider: out here too, sessions
        // and API tokens with it, until an admin enables it again.
        state
            .store()
            .sso_lost_role(&identity.subject, &Actor::system("sso"))
            .await?;
        let why = format!("{} is in no group with a role here", identity.subject);
        return refuse(why, "admin-sso-no-role").await;
    };
    let name = identity.username.clone().unwrap_or_default();
    let user = state
        .store()
        .sso_user(&identity.subject, &name, role, &langs, &Actor::system("sso"))
        .await?;
    let Some(user) = user else {
        return refuse(
            format!("{} is disabled here", identity.subject),
            "admin-login-failed",
        )
        .await;
    };
    let (token, _) = state.store().create_session(user.id).await?;
    state
        .store()
        .set_session_id_token(&token, &identity.id_token)
        .await?;
    tracing::info!(user = %user.name, role = %user.role, "signed in by single sign-on");
    let html = Done {
        page: &page,
        next: &pending.next,
    }
    .render()?;
    let mut response = page.respond(StatusCode::OK, html);
    let h = response.headers_mut();
    h.append(
        SET_COOKIE,
        session_cookie(&token, SESSION_ABSOLUTE, state.base_url().is_https()),
    );
    h.append(SET_COOKIE, browser_cookie(&state, "", 0));
    Ok(response)
}

/// Where to sign out at the provider too, for a session it signed in.
pub(super) async fn provider_logout(state: &AppState, id_token: &str) -> Option<String> {
    let cfg = state.store().sso_config().await.ok()??;
    let provider = state.providers().get(&cfg, &callback_url(state)).await.ok()?;
    let back = format!("{}/admin/login", state.base_url().as_str());
    state
        .providers()
        .logout_url(&provider, id_token, &back)
        .map(|u| u.to_string())
}

#[derive(Template)]
#[template(path = "admin/sso_signed_out.html")]
struct SignedOut<'a> {
    page: &'a AdminFrame<'a>,
    url: &'a str,
}

/// Signed out here: the session cookie cleared, and a page that takes the
/// browser on to sign out at the provider (which brings it back here).
pub(super) fn signed_out_at_provider(state: &AppState, lang: &Lang, url: &str) -> AppResult<Response> {
    let page = AdminFrame::new(state, lang, None);
    let html = SignedOut { page: &page, url }.render()?;
    let mut response = page.respond(StatusCode::OK, html);
    response
        .headers_mut()
        .append(SET_COOKIE, session_cookie("", 0, state.base_url().is_https()));
    Ok(response)
}
