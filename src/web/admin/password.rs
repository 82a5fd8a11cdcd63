//! Changing one's own password (required after an admin set a one-time
//! one): the current password is checked like a sign-in.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode};
use axum::response::Response;

use super::attempt::{Attempt, attempt};
use super::{AdminFrame, Staff, StaffForm};
use crate::AppState;
use crate::auth;
use crate::error::AppResult;
use crate::web::Lang;
use crate::web::client::ClientAddr;

#[derive(Template)]
#[template(path = "admin/password.html")]
struct PasswordPage<'a> {
    page: &'a AdminFrame<'a>,
    error: Option<String>,
    done: bool,
}

pub async fn password_form(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let html = PasswordPage {
        page: &page,
        error: None,
        done: false,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

pub async fn change_password(
    State(state): State<AppState>,
    lang: Lang,
    ClientAddr(address): ClientAddr,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let (current, new, confirm) = (
        form.get("current").to_owned(),
        form.get("new").to_owned(),
        form.get("confirm").to_owned(),
    );
    let unchanged = new == current;
    // The current password is checked like a sign-in: same turns, same
    // throttle, same counts (a stolen session must not guess it faster).
    let problem = match attempt(&state, staff.user.name.as_str(), current, &address).await? {
        Attempt::Wait(wait) => {
            let secs = wait.as_secs().max(1).to_string();
            tracing::warn!(user = %staff.user.name, %address, "password change slowed down after repeated failures");
            let error = Some(page.l.t1("admin-login-throttled", "seconds", &secs));
            let html = PasswordPage {
                page: &page,
                error,
                done: false,
            }
            .render()?;
            let mut r = page.respond(StatusCode::TOO_MANY_REQUESTS, html);
            r.headers_mut()
                .insert("retry-after", HeaderValue::from_str(&secs).expect("digits"));
            return Ok(r);
        }
        Attempt::Failed => {
            tracing::info!(user = %staff.user.name, %address, "password change: wrong current password");
            Some("admin-password-wrong-current")
        }
        Attempt::SignedIn(_) if new != confirm => Some("admin-password-mismatch"),
        // The one-time password an admin handed out must not stay.
        Attempt::SignedIn(_) if unchanged => Some("admin-password-unchanged"),
        Attempt::SignedIn(_) => auth::password_problem(&new, &staff.user.name).map(|p| match p {
            "too-short" => "admin-password-too-short",
            "too-long" => "admin-password-too-long",
            _ => "admin-password-same-as-name",
        }),
    };
    if let Some(id) = problem {
        let error = Some(page.l.tn(id, "min", auth::MIN_PASSWORD_CHARS));
        let html = PasswordPage {
            page: &page,
            error,
            done: false,
        }
        .render()?;
        return Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY, html));
    }
    let hash = tokio::task::spawn_blocking(move || auth::hash_password(&new))
        .await
        .map_err(anyhow::Error::from)??;
    state
        .store()
        .set_password(&staff.user, &hash, false, Some(&staff.token), &staff.actor())
        .await?;
    let mut user = staff.user.clone();
    user.must_change_password = false;
    let staff = Staff { user, ..staff };
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let html = PasswordPage {
        page: &page,
        error: None,
        done: true,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}
