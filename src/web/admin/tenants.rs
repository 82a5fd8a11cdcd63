//! `/admin/tenants`: the platform operators' page, on the home site only.
//! Lists the tenants and adds one (its database, its first admin account
//! whose one-time password is shown once here, its row in the list that
//! every server on the home database reads within seconds).

use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;

use super::{AdminFrame, FormData, Staff, StaffForm};
use crate::AppState;
use crate::domain::{BaseUrl, HostName, SiteName, TenantSlug, parse_lang_list};
use crate::error::{AppError, AppResult};
use crate::sites::{NewTenant, TenantCreated, create_tenant};
use crate::store::{TenantConflict, TenantRecord};
use crate::web::Lang;

#[derive(Template)]
#[template(path = "admin/tenants.html")]
struct TenantsPage<'a> {
    page: &'a AdminFrame<'a>,
    tenants: Vec<TenantRecord>,
    form: Option<&'a FormData>,
    errors: Vec<String>,
    created: Option<TenantCreated>,
}

impl TenantsPage<'_> {
    fn field(&self, key: &str) -> String {
        self.form
            .map(|f| f.get(key).trim().to_owned())
            .unwrap_or_default()
    }

    fn form_langs(&self) -> String {
        self.form.map(FormData::langs).unwrap_or_default()
    }
}

/// Operators only, and only where tenants are made (the home site).
fn require_operator(state: &AppState, staff: &Staff) -> AppResult<()> {
    if state.platform().is_none() || !staff.operator {
        return Err(AppError::Forbidden(
            "only the service's operators add tenants".into(),
        ));
    }
    Ok(())
}

async fn render(
    state: &AppState,
    lang: &Lang,
    staff: &Staff,
    status: StatusCode,
    form: Option<&FormData>,
    errors: Vec<String>,
    created: Option<TenantCreated>,
) -> AppResult<Response> {
    let page = AdminFrame::new(state, lang, Some(staff));
    let html = TenantsPage {
        page: &page,
        tenants: state.store().tenants().await?,
        form,
        errors,
        created,
    }
    .render()?;
    Ok(page.respond(status, html))
}

pub async fn list(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    require_operator(&state, &staff)?;
    render(&state, &lang, &staff, StatusCode::OK, None, vec![], None).await
}

/// The form as a tenant to make, or the message ids of what is wrong.
fn parse(form: &FormData) -> Result<NewTenant, Vec<&'static str>> {
    let mut problems = Vec::new();
    let slug = TenantSlug::parse(form.get("slug").trim()).map_err(|_| problems.push("admin-tenant-err-slug"));
    let base_url =
        BaseUrl::parse(form.get("base-url").trim()).map_err(|_| problems.push("admin-tenant-err-url"));
    let hosts: Result<Vec<HostName>, _> = form
        .get("hosts")
        .split_whitespace()
        .map(HostName::parse)
        .collect();
    let hosts = hosts.map_err(|_| problems.push("admin-tenant-err-host"));
    let site_name = form.get("site-name").trim().to_owned();
    if SiteName::parse(&site_name).is_err() {
        problems.push("admin-tenant-err-site-name");
    }
    let langs = parse_lang_list(&form.langs()).map_err(|_| problems.push("admin-err-langs"));
    match (slug, base_url, hosts, langs) {
        (Ok(slug), Ok(base_url), Ok(hosts), Ok(langs)) if problems.is_empty() => Ok(NewTenant {
            slug,
            base_url,
            hosts,
            site_name,
            langs,
            archive: None,
        }),
        _ => Err(problems),
    }
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    require_operator(&state, &staff)?;
    let platform = state.platform().expect("checked").clone();
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let new = match parse(&form) {
        Ok(new) => new,
        Err(problems) => {
            let errors = problems.iter().map(|p| page.l.t(p)).collect();
            return render(
                &state,
                &lang,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&form),
                errors,
                None,
            )
            .await;
        }
    };
    let reserved: Vec<_> = platform.home_host.iter().cloned().collect();
    match create_tenant(&platform.home_db, state.store(), new, &reserved, &staff.actor()).await? {
        Ok(created) => render(&state, &lang, &staff, StatusCode::OK, None, vec![], Some(created)).await,
        Err(conflict) => {
            let error = match conflict {
                TenantConflict::Slug(_) => page.l.t("admin-tenant-err-taken"),
                TenantConflict::Host(h) => page.l.t1("admin-tenant-err-host-taken", "host", &h),
            };
            render(
                &state,
                &lang,
                &staff,
                StatusCode::CONFLICT,
                Some(&form),
                vec![error],
                None,
            )
            .await
        }
    }
}
