//! Procedures in bulk from a spreadsheet: the upload page, the upload
//! itself (checked as a whole, written in one transaction or not at all)
//! and the templates to start from.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::fields::problem_message;
use super::upload::{StaffUpload, Upload};
use super::{AdminFrame, Staff};
use crate::AppState;
use crate::domain::Code;
use crate::error::AppResult;
use crate::transfer::sheet::{self, SheetProblem};
use crate::web::Lang;

#[derive(Template)]
#[template(path = "admin/import.html")]
struct ImportPage<'a> {
    page: &'a AdminFrame<'a>,
    header: String,
    /// Each problem as one sentence.
    problems: Vec<String>,
    created: Vec<Code>,
    updated: Vec<Code>,
    unchanged: usize,
    done: bool,
}

impl<'a> ImportPage<'a> {
    fn new(page: &'a AdminFrame<'a>) -> Self {
        ImportPage {
            page,
            header: sheet::HEADER.join(","),
            problems: Vec::new(),
            created: Vec::new(),
            updated: Vec::new(),
            unchanged: 0,
            done: false,
        }
    }
}

pub async fn form(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let html = ImportPage::new(&page).render()?;
    Ok(page.respond(StatusCode::OK, html))
}

/// "行 2、列 title：入力してください。" and the like.
fn say(page: &AdminFrame<'_>, p: &SheetProblem) -> String {
    let l = &page.l;
    let mut args = fluent_bundle::FluentArgs::new();
    args.set("row", p.row);
    args.set("column", p.problem.base_field().to_owned());
    let message = match p.problem.field.as_str() {
        // The form's own words for a category say what a valid one looks like.
        "category" => l.t("admin-err-category"),
        _ => problem_message(l, &p.problem),
    };
    args.set("message", message);
    let id = match (p.row, p.problem.field.as_str()) {
        (1, _) => "admin-import-header-problem",
        (_, "") => "admin-import-row-problem",
        // Malformed, unknown or given twice: the general "not a valid value" says too little.
        (_, "code") => "admin-import-code-problem",
        _ => "admin-import-problem",
    };
    l.locales.format(l.locale, id, Some(&args))
}

fn cells(file: &Upload) -> Result<Vec<Vec<String>>, sheet::Unreadable> {
    let xlsx =
        file.file_name.to_ascii_lowercase().ends_with(".xlsx") || file.bytes.starts_with(b"PK\x03\x04");
    if xlsx {
        sheet::read_xlsx(&file.bytes)
    } else {
        sheet::read_csv(&file.bytes)
    }
}

pub async fn upload(State(state): State<AppState>, lang: Lang, up: StaffUpload) -> AppResult<Response> {
    let staff = up.staff;
    staff.require(staff.user.role.edits_procedures())?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let mut view = ImportPage::new(&page);
    let refused = |view: ImportPage<'_>| -> AppResult<Response> {
        let html = view.render()?;
        Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY, html))
    };
    let Some(file) = up.file else {
        view.problems.push(page.l.t("admin-import-no-file"));
        return refused(view);
    };
    let table = match cells(&file) {
        Ok(t) => t,
        Err(e) => {
            view.problems
                .push(page.l.t1("admin-import-unreadable", "reason", &e.0));
            return refused(view);
        }
    };
    let mut rows_or_problems = sheet::check(&table);
    // Categories come from the managed list (they are never deleted, so
    // one read before the transaction holds for it): a typo in the sheet
    // must not create a public category.
    let known: Vec<String> = state
        .store()
        .categories()
        .await?
        .into_iter()
        .map(|c| c.slug)
        .collect();
    if let Ok(rows) = &rows_or_problems {
        let unknown: Vec<sheet::SheetProblem> = rows
            .iter()
            .filter(|r| !known.contains(&r.category))
            .map(|r| {
                sheet::SheetProblem::new(r.row, "category", crate::domain::validate::ProblemKind::Invalid)
            })
            .collect();
        if !unknown.is_empty() {
            rows_or_problems = Err(unknown);
        }
    }
    let rows = match rows_or_problems {
        Ok(rows) => rows,
        Err(problems) => {
            view.problems = problems.iter().map(|p| say(&page, p)).collect();
            return refused(view);
        }
    };
    // Planned against the stored procedures inside the writing transaction
    // (fresh codes, revisions): one transaction for the whole sheet.
    let now = crate::store::now();
    let planned = state
        .store()
        .change_procedures(&staff.actor(), |stored| {
            sheet::plan(rows, stored, &now).map(|mut plan| (std::mem::take(&mut plan.procedures), plan))
        })
        .await?;
    let plan = match planned {
        Ok(plan) => plan,
        Err(problems) => {
            view.problems = problems.iter().map(|p| say(&page, p)).collect();
            return refused(view);
        }
    };
    view.done = true;
    view.created = plan.created;
    view.updated = plan.updated;
    view.unchanged = plan.unchanged.len();
    let html = view.render()?;
    Ok(page.respond(StatusCode::OK, html))
}

fn download(content_type: &'static str, name: &'static str, body: Vec<u8>) -> Response {
    let mut r = body.into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static(name));
    r
}

pub async fn template_csv(staff: Staff) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    Ok(download(
        "text/csv; charset=utf-8",
        "attachment; filename=\"madoguchi-procedures.csv\"",
        sheet::template_csv(),
    ))
}

pub async fn template_xlsx(staff: Staff) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    Ok(download(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "attachment; filename=\"madoguchi-procedures.xlsx\"",
        sheet::template_xlsx()?,
    ))
}
