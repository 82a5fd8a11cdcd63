//! The side-by-side translation editor and the procedures × languages matrix.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::fields::{FieldView, field_views};
use super::procedures::{cell_state, load};
use super::{AdminFrame, Staff, StaffForm};
use crate::AppState;
use crate::domain::validate::{FieldProblem, field_problems};
use crate::domain::{LangTag, Procedure, TextFields};
use crate::error::{AppError, AppResult};
use crate::store::{Saved, TranslationCell, TranslationRow};
use crate::web::Lang;

#[derive(Template)]
#[template(path = "admin/translate.html")]
struct EditorPage<'a> {
    page: &'a AdminFrame<'a>,
    procedure: &'a Procedure,
    target: String,
    target_name: String,
    fields: Vec<FieldView>,
    /// Empty for a new translation.
    base_version: String,
    source_revision: i64,
    outdated: bool,
    alert: Option<String>,
    theirs: Option<Vec<FieldView>>,
    saved: bool,
    /// Set when saving was held back because the translation leaves out
    /// fields of the source: their labels, for the "save anyway" question.
    incomplete: Vec<String>,
}

fn target_lang(state: &AppState, staff: &Staff, raw: &str) -> AppResult<(LangTag, String)> {
    let tag = LangTag::parse(raw).map_err(|_| AppError::NotFound)?;
    if tag.to_string() == "ja" {
        return Err(AppError::NotFound);
    }
    if !staff.user.may_edit_text(&tag) {
        return Err(AppError::Forbidden(format!(
            "{} may not edit {tag}",
            staff.user.name
        )));
    }
    let name = state
        .locales()
        .get(&tag)
        .map_or_else(|| tag.to_string(), |l| l.name.clone());
    Ok((tag, name))
}

/// The editor for one procedure and language, as every answer of
/// [`edit_form`] and [`save`] shows it.
struct Editor<'a> {
    state: &'a AppState,
    lang: &'a Lang,
    staff: &'a Staff,
    target: &'a LangTag,
    target_name: &'a str,
}

/// What one answer shows in the editor besides the procedure.
struct Shown<'a> {
    values: &'a TextFields,
    problems: &'a [FieldProblem],
    /// Empty for a new translation.
    base_version: Option<i64>,
    alert: Option<String>,
    theirs: Option<&'a TextFields>,
    status: StatusCode,
    saved: bool,
    incomplete: Vec<String>,
}

impl<'a> Shown<'a> {
    /// The form with these values, nothing else to say.
    fn form(values: &'a TextFields, base_version: Option<i64>) -> Self {
        Shown {
            values,
            problems: &[],
            base_version,
            alert: None,
            theirs: None,
            status: StatusCode::OK,
            saved: false,
            incomplete: Vec::new(),
        }
    }
}

impl Editor<'_> {
    fn render(&self, p: &Procedure, shown: Shown<'_>) -> AppResult<Response> {
        let page = AdminFrame::new(self.state, self.lang, Some(self.staff));
        let source = p.japanese().map(|t| t.fields.clone()).unwrap_or_default();
        let existing = p.text(self.target);
        let html = EditorPage {
            page: &page,
            procedure: p,
            target: self.target.to_string(),
            target_name: self.target_name.to_owned(),
            fields: field_views(&page.l, shown.values, Some(&source), shown.problems),
            base_version: shown.base_version.map(|v| v.to_string()).unwrap_or_default(),
            source_revision: p.revision,
            outdated: existing.is_some_and(|t| t.revision < p.revision),
            alert: shown.alert,
            theirs: shown.theirs.map(|t| field_views(&page.l, t, None, &[])),
            saved: shown.saved,
            incomplete: shown.incomplete,
        }
        .render()?;
        Ok(page.respond(shown.status, html))
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path((raw, target)): Path<(String, String)>,
) -> AppResult<Response> {
    let p = load(&state, &raw).await?;
    let (tag, name) = target_lang(&state, &staff, &target)?;
    if tag.to_string() == "ja" {
        return Ok(Redirect::to(&format!("/admin/procedures/{}", p.code)).into_response());
    }
    let existing = p.text(&tag).cloned();
    let values = existing.as_ref().map(|t| t.fields.clone()).unwrap_or_default();
    let editor = Editor {
        state: &state,
        lang: &lang,
        staff: &staff,
        target: &tag,
        target_name: &name,
    };
    editor.render(&p, Shown::form(&values, existing.map(|t| t.version)))
}

pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    Path((raw, target)): Path<(String, String)>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    let p = load(&state, &raw).await?;
    let (tag, name) = target_lang(&state, &staff, &target)?;
    let editor = Editor {
        state: &state,
        lang: &lang,
        staff: &staff,
        target: &tag,
        target_name: &name,
    };
    let mut fields = form.text_fields();
    let list_op = super::fields::apply_list_op(&mut fields, form.get("op"));
    let base = form.int("base_version");
    let source_revision = form.int("source_revision").unwrap_or(p.revision);
    if list_op {
        return editor.render(&p, Shown::form(&fields, base));
    }
    let problems = field_problems(&fields);
    if !problems.is_empty() {
        return editor.render(
            &p,
            Shown {
                problems: &problems,
                status: StatusCode::UNPROCESSABLE_ENTITY,
                ..Shown::form(&fields, base)
            },
        );
    }
    // Asked once: a translation that leaves out what the source has means
    // readers get those fields in another language.
    let missing = p.missing_in(&fields);
    if !missing.is_empty() && !form.has("incomplete_ok") {
        let page = AdminFrame::new(&state, &lang, Some(&staff));
        let incomplete = missing
            .iter()
            .map(|f| page.l.t(&format!("admin-field-{}", f.id())))
            .collect();
        return editor.render(
            &p,
            Shown {
                incomplete,
                ..Shown::form(&fields, base)
            },
        );
    }
    match state
        .store()
        .save_translation(&p.code, &tag, &fields, source_revision, base, &staff.actor())
        .await?
    {
        Saved::Saved => {
            let p = load(&state, &raw).await?;
            let version = p.text(&tag).map(|t| t.version);
            editor.render(
                &p,
                Shown {
                    saved: true,
                    ..Shown::form(&fields, version)
                },
            )
        }
        Saved::NoSuchProcedure => Err(AppError::NotFound),
        Saved::Conflict(theirs) => {
            let page = AdminFrame::new(&state, &lang, Some(&staff));
            editor.render(
                &p,
                Shown {
                    alert: Some(page.l.t("admin-conflict")),
                    theirs: Some(&theirs.fields),
                    status: StatusCode::CONFLICT,
                    ..Shown::form(&fields, (theirs.version > 0).then_some(theirs.version))
                },
            )
        }
    }
}

pub struct LangColumn {
    pub tag: String,
    pub name: String,
    pub missing: usize,
    pub current: usize,
    pub outdated: usize,
    pub incomplete: usize,
}

#[derive(Template)]
#[template(path = "admin/matrix.html")]
struct MatrixPage<'a> {
    page: &'a AdminFrame<'a>,
    columns: Vec<LangColumn>,
    rows: Vec<TranslationRow>,
}

impl MatrixPage<'_> {
    fn state(&self, c: &TranslationCell) -> &'static str {
        cell_state(c)
    }
}

pub async fn matrix(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    let languages: Vec<LangTag> = state
        .locales()
        .tags()
        .iter()
        .filter(|t| t.to_string() != "ja")
        .cloned()
        .collect();
    let rows = state.store().translation_matrix(&languages).await?;
    let columns = languages
        .iter()
        .enumerate()
        .map(|(i, tag)| {
            let count = |want: TranslationCell| rows.iter().filter(|r| r.cells[i] == want).count();
            LangColumn {
                tag: tag.to_string(),
                name: state
                    .locales()
                    .get(tag)
                    .map_or_else(|| tag.to_string(), |l| l.name.clone()),
                missing: count(TranslationCell::Missing),
                current: count(TranslationCell::UpToDate),
                outdated: count(TranslationCell::OutOfDate),
                incomplete: count(TranslationCell::Incomplete),
            }
        })
        .collect();
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let html = MatrixPage {
        page: &page,
        columns,
        rows,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}
