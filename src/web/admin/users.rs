//! Users and API tokens, for admins.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{AdminFrame, FormData, Staff, StaffForm};
use crate::AppState;
use crate::auth;
use crate::domain::{Role, User, UserName, parse_lang_list};
use crate::error::{AppError, AppResult};
use crate::store::ApiToken;
use crate::web::Lang;

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage<'a> {
    page: &'a AdminFrame<'a>,
    users: Vec<User>,
    error: Option<String>,
    /// Name and one-time password of a user just created or reset.
    created: Option<(String, String)>,
    form_name: String,
    form_langs: String,
}

async fn users_page(
    state: &AppState,
    lang: &Lang,
    staff: &Staff,
    status: StatusCode,
    error: Option<String>,
    created: Option<(String, String)>,
    form: Option<&FormData>,
) -> AppResult<Response> {
    let page = AdminFrame::new(state, lang, Some(staff));
    let users = state.store().users().await?;
    let html = UsersPage {
        page: &page,
        users,
        error,
        created,
        form_name: form.map(|f| f.get("name").to_owned()).unwrap_or_default(),
        form_langs: form.map(|f| f.langs()).unwrap_or_default(),
    }
    .render()?;
    Ok(page.respond(status, html))
}

pub async fn list(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    users_page(&state, &lang, &staff, StatusCode::OK, None, None, None).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    let l = AdminFrame::new(&state, &lang, Some(&staff)).l;
    let fail = |id: &str| l.t(id);
    let parsed = (|| {
        let name = UserName::parse(form.get("name")).map_err(|_| fail("admin-err-user-name"))?;
        let role: Role = form.get("role").parse().map_err(|_| fail("admin-err-role"))?;
        let langs = parse_lang_list(&form.langs()).map_err(|_| fail("admin-err-langs"))?;
        Ok::<_, String>((name, role, langs))
    })();
    let (name, role, langs) = match parsed {
        Ok(v) => v,
        Err(msg) => {
            return users_page(
                &state,
                &lang,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(msg),
                None,
                Some(&form),
            )
            .await;
        }
    };
    let password = auth::random_password();
    let hash = hash(password.clone()).await?;
    let created = state
        .store()
        .create_user(name.as_str(), &hash, role, &langs, true, &staff.actor())
        .await?;
    if created.is_none() {
        let msg = l.t("admin-err-user-exists");
        return users_page(
            &state,
            &lang,
            &staff,
            StatusCode::CONFLICT,
            Some(msg),
            None,
            Some(&form),
        )
        .await;
    }
    users_page(
        &state,
        &lang,
        &staff,
        StatusCode::OK,
        None,
        Some((name.as_str().to_owned(), password)),
        None,
    )
    .await
}

async fn hash(password: String) -> AppResult<String> {
    Ok(
        tokio::task::spawn_blocking(move || auth::hash_password(&password))
            .await
            .map_err(anyhow::Error::from)??,
    )
}

#[derive(Template)]
#[template(path = "admin/user.html")]
struct UserPage<'a> {
    page: &'a AdminFrame<'a>,
    user: User,
    langs: String,
    error: Option<String>,
}

async fn target(state: &AppState, id: i64) -> AppResult<User> {
    state.store().user(id).await?.ok_or(AppError::NotFound)
}

/// An operator's account is changed (role, password) by operators only:
/// otherwise any admin of the home site could reset an operator's password
/// and add tenants as them.
async fn target_for_change(state: &AppState, staff: &Staff, id: i64) -> AppResult<User> {
    let user = target(state, id).await?;
    if state.platform().is_some() && !staff.operator && state.store().is_operator(user.id).await? {
        return Err(AppError::Forbidden(
            "only operators change an operator's account".into(),
        ));
    }
    Ok(user)
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    let user = target(&state, id).await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let langs = user
        .langs
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let html = UserPage {
        page: &page,
        user,
        langs,
        error: None,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    let user = target_for_change(&state, &staff, id).await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let role: Result<Role, _> = form.get("role").parse();
    let langs = parse_lang_list(&form.langs());
    let disabled = form.get("disabled") == "1";
    // An admin cannot lock themselves out.
    let self_lockout =
        user.id == staff.user.id && (disabled || role.as_ref().is_ok_and(|r| *r != Role::Admin));
    let error = match (&role, &langs) {
        _ if self_lockout => Some(page.l.t("admin-err-self-lockout")),
        (Err(_), _) => Some(page.l.t("admin-err-role")),
        (_, Err(_)) => Some(page.l.t("admin-err-langs")),
        _ => None,
    };
    if let Some(error) = error {
        let html = UserPage {
            page: &page,
            user,
            langs: form.langs(),
            error: Some(error),
        }
        .render()?;
        return Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY, html));
    }
    let (role, langs) = (role.expect("checked"), langs.expect("checked"));
    state
        .store()
        .update_user(&user, role, &langs, disabled, &staff.actor())
        .await?;
    Ok(Redirect::to("/admin/users").into_response())
}

pub async fn reset_password(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    StaffForm { staff, .. }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    let user = target_for_change(&state, &staff, id).await?;
    // A password here would sign in past the provider (and its second
    // factor), and outlive the person's leaving the organisation.
    if state.store().is_sso_account(user.id).await? {
        let page = AdminFrame::new(&state, &lang, Some(&staff));
        return Err(AppError::Forbidden(page.l.t("admin-user-reset-sso")));
    }
    let password = auth::random_password();
    let hash = hash(password.clone()).await?;
    state
        .store()
        .set_password(&user, &hash, true, None, &staff.actor())
        .await?;
    users_page(
        &state,
        &lang,
        &staff,
        StatusCode::OK,
        None,
        Some((user.name, password)),
        None,
    )
    .await
}

/// A token as the list shows it.
pub struct ApiTokenView {
    pub id: i64,
    pub name: String,
    pub role: String,
    pub langs: String,
    pub created_by: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[derive(Template)]
#[template(path = "admin/tokens.html")]
struct TokensPage<'a> {
    page: &'a AdminFrame<'a>,
    tokens: Vec<ApiTokenView>,
    error: Option<String>,
    /// A token just created: shown this once.
    secret: Option<String>,
}

async fn tokens_page(
    state: &AppState,
    lang: &Lang,
    staff: &Staff,
    status: StatusCode,
    error: Option<String>,
    secret: Option<String>,
) -> AppResult<Response> {
    let page = AdminFrame::new(state, lang, Some(staff));
    let tokens = state.store().tokens().await?.into_iter().map(view).collect();
    let html = TokensPage {
        page: &page,
        tokens,
        error,
        secret,
    }
    .render()?;
    Ok(page.respond(status, html))
}

fn view(t: ApiToken) -> ApiTokenView {
    ApiTokenView {
        id: t.id,
        name: t.name,
        role: t.role.to_string(),
        langs: t
            .langs
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        created_by: t.created_by,
        created_at: t.created_at,
        revoked_at: t.revoked_at,
    }
}

pub async fn tokens(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    tokens_page(&state, &lang, &staff, StatusCode::OK, None, None).await
}

pub async fn create_token(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    let l = AdminFrame::new(&state, &lang, Some(&staff)).l;
    let name = form.get("name").trim().to_owned();
    let role: Result<Role, _> = form.get("role").parse();
    let langs = parse_lang_list(&form.langs());
    let error = if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        Some(l.t("admin-err-token-name"))
    } else if role.is_err() {
        Some(l.t("admin-err-role"))
    } else if langs.is_err() {
        Some(l.t("admin-err-langs"))
    } else {
        None
    };
    if error.is_some() {
        return tokens_page(
            &state,
            &lang,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            error,
            None,
        )
        .await;
    }
    let (role, langs) = (role.expect("checked"), langs.expect("checked"));
    let (_, secret) = state
        .store()
        .create_token(&name, role, &langs, staff.user.id, &staff.actor())
        .await?;
    tokens_page(&state, &lang, &staff, StatusCode::OK, None, Some(secret)).await
}

pub async fn revoke_token(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    StaffForm { staff, .. }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    state.store().revoke_token(id, &staff.actor()).await?;
    Ok(Redirect::to("/admin/tokens").into_response())
}
