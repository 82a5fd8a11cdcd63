//! The procedure list, creating and editing (the Japanese source),
//! publishing, archiving and previewing.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::fields::{FieldView, field_views};
use super::{AdminFrame, Staff, StaffForm};
use crate::AppState;
use crate::domain::validate::{FieldProblem, ProblemKind, field_problems};
use crate::domain::{Code, Procedure, TextFields};
use crate::error::{AppError, AppResult};
use crate::store::{AdminRow, Category, Saved, TranslationCell};
use crate::web::{Lang, query_param};

pub(super) async fn load(state: &AppState, raw: &str) -> AppResult<Procedure> {
    let code = Code::parse_lenient(raw).map_err(|_| AppError::NotFound)?;
    state.store().procedure(&code).await?.ok_or(AppError::NotFound)
}

#[derive(Template)]
#[template(path = "admin/list.html")]
struct ListPage<'a> {
    page: &'a AdminFrame<'a>,
    rows: Vec<AdminRow>,
    q: String,
    status: String,
    category: String,
    categories: Vec<Category>,
}

impl ListPage<'_> {
    /// A row's category by its Japanese name (the slug if unknown).
    fn category_name<'b>(&'b self, slug: &'b str) -> &'b str {
        self.categories
            .iter()
            .find(|c| c.slug == slug)
            .map_or(slug, Category::name_ja)
    }
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let q = query_param(query.as_deref(), "q");
    let status = query_param(query.as_deref(), "status");
    let category = query_param(query.as_deref(), "category");
    let rows = state
        .store()
        .admin_list(
            q.trim(),
            status.parse().ok(),
            (!category.is_empty()).then_some(category.as_str()),
        )
        .await?;
    let categories = state.store().categories().await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let html = ListPage {
        page: &page,
        rows,
        q,
        status,
        category,
        categories,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

/// What the edit page shows about one language of the procedure.
pub struct LangStatus {
    pub tag: String,
    pub name: String,
    pub state: &'static str,
    pub may_edit: bool,
}

#[derive(Template)]
#[template(path = "admin/edit.html")]
struct EditPage<'a> {
    page: &'a AdminFrame<'a>,
    /// None while creating.
    procedure: Option<&'a Procedure>,
    category: String,
    base_version: i64,
    fields: Vec<FieldView>,
    /// A message above the form (conflict, refused code change).
    alert: Option<String>,
    /// What someone else saved meanwhile, on a conflict.
    theirs: Option<Vec<FieldView>>,
    languages: Vec<LangStatus>,
    /// Office records to choose from: (id, Japanese name).
    offices: Vec<(i64, String)>,
    /// The categories to choose from.
    categories: Vec<Category>,
    saved: bool,
    /// What was just done (published, archived …), said once after the redirect.
    done: Option<String>,
}

impl EditPage<'_> {
    fn status_label(&self) -> String {
        self.procedure
            .map(|p| self.page.l.t(&format!("admin-status-{}", p.status)))
            .unwrap_or_default()
    }
}

fn language_statuses(state: &AppState, page: &AdminFrame<'_>, p: &Procedure) -> Vec<LangStatus> {
    let user = page.user.as_ref();
    state
        .locales()
        .all()
        .iter()
        .filter(|l| l.tag.to_string() != "ja")
        .map(|l| LangStatus {
            tag: l.tag.to_string(),
            name: l.name.clone(),
            state: match p.text(&l.tag) {
                None => "missing",
                Some(t) if t.revision >= p.revision => "current",
                Some(_) => "outdated",
            },
            may_edit: user.is_some_and(|u| u.may_edit_text(&l.tag)),
        })
        .collect()
}

async fn office_choices(state: &AppState) -> AppResult<Vec<(i64, String)>> {
    Ok(state
        .store()
        .offices()
        .await?
        .iter()
        .map(|o| (o.id, o.name_ja().to_owned()))
        .collect())
}

pub async fn new_form(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let fields = field_views(&page.l, &TextFields::default(), None, &[]);
    let html = EditPage {
        page: &page,
        procedure: None,
        category: String::new(),
        base_version: 0,
        fields,
        alert: None,
        theirs: None,
        languages: vec![],
        offices: vec![],
        categories: state.store().categories().await?,
        saved: false,
        done: None,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

/// The category must be one of the managed list (chosen from a select).
fn category_problem(category: &str, categories: &[Category]) -> Option<FieldProblem> {
    (!categories.iter().any(|c| c.slug == category)).then(|| FieldProblem {
        field: "category".into(),
        kind: ProblemKind::Invalid,
    })
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let mut fields = form.text_fields();
    let list_op = super::fields::apply_list_op(&mut fields, form.get("op"));
    let category = form.get("category").trim().to_ascii_lowercase();
    let categories = state.store().categories().await?;
    let mut problems = field_problems(&fields);
    problems.extend(category_problem(&category, &categories));
    if list_op || !problems.is_empty() {
        let page = AdminFrame::new(&state, &lang, Some(&staff));
        let alert = problems
            .iter()
            .any(|p| p.field == "category")
            .then(|| page.l.t("admin-err-category"));
        // A list button only rearranges the form: nothing is checked yet.
        let (problems, alert) = if list_op {
            (Vec::new(), None)
        } else {
            (problems, alert)
        };
        let views = field_views(&page.l, &fields, None, &problems);
        let html = EditPage {
            page: &page,
            procedure: None,
            category,
            base_version: 0,
            fields: views,
            alert,
            theirs: None,
            languages: vec![],
            offices: vec![],
            categories,
            saved: false,
            done: None,
        }
        .render()?;
        let status = if list_op {
            StatusCode::OK
        } else {
            StatusCode::UNPROCESSABLE_ENTITY
        };
        return Ok(page.respond(status, html));
    }
    let code = state
        .store()
        .create_procedure(&category, &fields, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/admin/procedures/{code}?saved=1")).into_response())
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let p = load(&state, &raw).await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let ja = p
        .japanese()
        .ok_or_else(|| anyhow::anyhow!("{} has no Japanese text", p.code))?;
    let html = EditPage {
        page: &page,
        procedure: Some(&p),
        category: p.category.clone(),
        base_version: ja.version,
        fields: field_views(&page.l, &ja.fields, None, &[]),
        alert: None,
        theirs: None,
        languages: language_statuses(&state, &page, &p),
        offices: office_choices(&state).await?,
        categories: state.store().categories().await?,
        saved: query_param(query.as_deref(), "saved") == "1",
        done: done_message(&page, &query_param(query.as_deref(), "done")),
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    Path(raw): Path<String>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let p = load(&state, &raw).await?;
    let mut fields = form.text_fields();
    let list_op = super::fields::apply_list_op(&mut fields, form.get("op"));
    let category = form.get("category").trim().to_ascii_lowercase();
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let base_version = form.int("base_version").unwrap_or(0);
    let offices = office_choices(&state).await?;
    let categories = state.store().categories().await?;
    let render = |status: StatusCode,
                  problems: &[FieldProblem],
                  alert: Option<String>,
                  theirs: Option<&TextFields>,
                  base: i64| {
        let html = EditPage {
            page: &page,
            procedure: Some(&p),
            category: category.clone(),
            base_version: base,
            fields: field_views(&page.l, &fields, None, problems),
            alert,
            theirs: theirs.map(|t| field_views(&page.l, t, None, &[])),
            languages: language_statuses(&state, &page, &p),
            offices: offices.clone(),
            categories: categories.clone(),
            saved: false,
            done: None,
        }
        .render()?;
        Ok::<_, AppError>(page.respond(status, html))
    };
    if list_op {
        return render(StatusCode::OK, &[], None, None, base_version);
    }
    // The code is the procedure's identity, printed on posters: it never changes.
    if form.has("code") && Code::parse_lenient(form.get("code")).ok().as_ref() != Some(&p.code) {
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &[],
            Some(page.l.t("admin-err-code-immutable")),
            None,
            base_version,
        );
    }
    let mut problems = field_problems(&fields);
    problems.extend(category_problem(&category, &categories));
    if !problems.is_empty() {
        let alert = problems
            .iter()
            .any(|p| p.field == "category")
            .then(|| page.l.t("admin-err-category"));
        return render(
            StatusCode::UNPROCESSABLE_ENTITY,
            &problems,
            alert,
            None,
            base_version,
        );
    }
    match state
        .store()
        .update_source(&p.code, &category, &fields, base_version, &staff.actor())
        .await?
    {
        Saved::Saved => Ok(Redirect::to(&format!("/admin/procedures/{}?saved=1", p.code)).into_response()),
        Saved::NoSuchProcedure => Err(AppError::NotFound),
        Saved::Conflict(theirs) => render(
            StatusCode::CONFLICT,
            &[],
            Some(page.l.t("admin-conflict")),
            Some(&theirs.fields),
            theirs.version,
        ),
    }
}

/// The message for `?done=…` after a redirect; nothing for anything else.
fn done_message(page: &AdminFrame<'_>, done: &str) -> Option<String> {
    [
        "published",
        "unpublished",
        "restored",
        "archived",
        "office",
        "policy",
    ]
    .contains(&done)
    .then(|| page.l.t(&format!("admin-done-{done}")))
}

/// The matrix cell's word, for templates.
pub fn cell_state(c: &TranslationCell) -> &'static str {
    match c {
        TranslationCell::Missing => "missing",
        TranslationCell::UpToDate => "current",
        TranslationCell::OutOfDate => "outdated",
        TranslationCell::Incomplete => "incomplete",
    }
}
