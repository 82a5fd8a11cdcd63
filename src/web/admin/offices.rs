//! Offices: shared records of where to go (name, address, floor, counter,
//! hours), reused by many procedures and translatable like their texts.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::fields::problem_message;
use super::procedures::load;
use super::{AdminFrame, FormData, Staff, StaffForm};
use crate::AppState;
use crate::domain::validate::FieldProblem;
use crate::domain::{LangTag, Office, OfficeFields};
use crate::error::{AppError, AppResult};
use crate::web::Lang;

pub struct OfficeRow {
    pub id: i64,
    pub name_ja: String,
    pub langs: String,
}

#[derive(Template)]
#[template(path = "admin/offices.html")]
struct OfficesPage<'a> {
    page: &'a AdminFrame<'a>,
    offices: Vec<OfficeRow>,
    form: OfficeFields,
    errors: Vec<(String, String)>,
}

fn office_fields(form: &FormData) -> OfficeFields {
    let get = |k: &str| form.get(k).trim().to_owned();
    OfficeFields {
        name: get("name"),
        address: get("address"),
        floor: get("floor"),
        counter: get("counter"),
        hours: get("hours"),
    }
}

fn messages(page: &AdminFrame<'_>, problems: &[FieldProblem]) -> Vec<(String, String)> {
    problems
        .iter()
        .map(|p| {
            (
                page.l.t(&format!("admin-office-{}", p.field)),
                problem_message(&page.l, p),
            )
        })
        .collect()
}

async fn offices_page(
    state: &AppState,
    lang: &Lang,
    staff: &Staff,
    status: StatusCode,
    form: OfficeFields,
    problems: &[FieldProblem],
) -> AppResult<Response> {
    let page = AdminFrame::new(state, lang, Some(staff));
    let offices = state
        .store()
        .offices()
        .await?
        .iter()
        .map(|o| OfficeRow {
            id: o.id,
            name_ja: o.name_ja().to_owned(),
            langs: o
                .texts
                .iter()
                .map(|(l, _)| l.to_string())
                .collect::<Vec<_>>()
                .join(" "),
        })
        .collect();
    let errors = messages(&page, problems);
    let html = OfficesPage {
        page: &page,
        offices,
        form,
        errors,
    }
    .render()?;
    Ok(page.respond(status, html))
}

pub async fn list(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    offices_page(
        &state,
        &lang,
        &staff,
        StatusCode::OK,
        OfficeFields::default(),
        &[],
    )
    .await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let fields = office_fields(&form);
    let problems = fields.problems();
    if !problems.is_empty() {
        return offices_page(
            &state,
            &lang,
            &staff,
            StatusCode::UNPROCESSABLE_ENTITY,
            fields,
            &problems,
        )
        .await;
    }
    let id = state.store().create_office(&fields, &staff.actor()).await?;
    Ok(Redirect::to(&format!("/admin/offices/{id}")).into_response())
}

#[derive(Template)]
#[template(path = "admin/office.html")]
struct OfficePage<'a> {
    page: &'a AdminFrame<'a>,
    office: &'a Office,
    source: OfficeFields,
    target: String,
    form: OfficeFields,
    errors: Vec<(String, String)>,
    languages: Vec<(String, String)>,
    saved: bool,
}

fn target_of(query: Option<&str>) -> LangTag {
    LangTag::parse(&crate::web::query_param(query, "text"))
        .ok()
        .unwrap_or_else(|| LangTag::parse("ja").expect("tag"))
}

#[allow(clippy::too_many_arguments)]
fn office_page(
    state: &AppState,
    lang: &Lang,
    staff: &Staff,
    office: &Office,
    target: &LangTag,
    form: OfficeFields,
    problems: &[FieldProblem],
    status: StatusCode,
    saved: bool,
) -> AppResult<Response> {
    let page = AdminFrame::new(state, lang, Some(staff));
    let languages = state
        .locales()
        .all()
        .iter()
        .filter(|l| staff.user.may_edit_text(&l.tag))
        .map(|l| (l.tag.to_string(), l.name.clone()))
        .collect();
    let errors = messages(&page, problems);
    let html = OfficePage {
        page: &page,
        office,
        source: office.japanese().cloned().unwrap_or_default(),
        target: target.to_string(),
        form,
        errors,
        languages,
        saved,
    }
    .render()?;
    Ok(page.respond(status, html))
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(id): Path<i64>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let office = state.store().office(id).await?.ok_or(AppError::NotFound)?;
    let target = target_of(query.as_deref());
    staff.require(staff.user.may_edit_text(&target))?;
    let form = office.text(&target).cloned().unwrap_or_default();
    office_page(
        &state,
        &lang,
        &staff,
        &office,
        &target,
        form,
        &[],
        StatusCode::OK,
        false,
    )
}

pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<i64>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    let office = state.store().office(id).await?.ok_or(AppError::NotFound)?;
    let target = LangTag::parse(form.get("text")).map_err(|_| AppError::BadRequest("no language".into()))?;
    staff.require(staff.user.may_edit_text(&target))?;
    let fields = office_fields(&form);
    let problems = fields.problems();
    if !problems.is_empty() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return office_page(
            &state, &lang, &staff, &office, &target, fields, &problems, status, false,
        );
    }
    state
        .store()
        .save_office_text(id, &target, &fields, &staff.actor())
        .await?;
    let office = state.store().office(id).await?.ok_or(AppError::NotFound)?;
    office_page(
        &state,
        &lang,
        &staff,
        &office,
        &target,
        fields,
        &[],
        StatusCode::OK,
        true,
    )
}

/// Links a procedure to an office (or to none).
pub async fn link(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let p = load(&state, &raw).await?;
    let office = match form.int("office") {
        Some(id) if id > 0 => Some(
            state
                .store()
                .office(id)
                .await?
                .ok_or(AppError::BadRequest("no such office".into()))?
                .id,
        ),
        _ => None,
    };
    state
        .store()
        .set_procedure_office(&p.code, office, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/admin/procedures/{}?done=office", p.code)).into_response())
}
