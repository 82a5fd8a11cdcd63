//! A procedure's life: publishing, archiving (with the note shown to people
//! who scan an old poster), restoring an archived one (admins only, with a
//! confirmation), and previewing the public page in any status.

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::procedures::load;
use super::{AdminFrame, Staff, StaffForm};
use crate::AppState;
use crate::domain::validate::field_problems;
use crate::domain::{LangTag, Procedure, StalePolicy, Status, TextFields};
use crate::error::{AppError, AppResult};
use crate::web::{Lang, query_param};

pub async fn publish(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let p = load(&state, &raw).await?;
    if p.status == Status::Archived {
        staff.require(staff.user.role.restores_archived())?;
        if form.get("confirm") != "restore" {
            return Err(AppError::BadRequest(
                "restoring an archived procedure needs its confirmation box ticked".into(),
            ));
        }
    }
    let to = if form.get("to") == "draft" {
        Status::Draft
    } else {
        Status::Published
    };
    let done = match (p.status, to) {
        (Status::Archived, _) => "restored",
        (_, Status::Draft) => "unpublished",
        _ => "published",
    };
    state.store().set_status(&p.code, to, &[], &staff.actor()).await?;
    Ok(Redirect::to(&format!("/admin/procedures/{}?done={done}", p.code)).into_response())
}

#[derive(Template)]
#[template(path = "admin/publish.html")]
struct PublishPage<'a> {
    page: &'a AdminFrame<'a>,
    procedure: &'a Procedure,
    title_ja: String,
    /// "published" or "draft": what the button will do.
    to: &'static str,
    /// The address its QR codes open.
    url: String,
    /// The languages its text is in, by name.
    languages: Vec<String>,
}

/// `GET …/publish[?to=draft]`: what publishing (or taking back) does, and
/// the button that does it: a clerk confirms before the public sees it.
pub async fn publish_form(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let p = load(&state, &raw).await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let to = if query_param(query.as_deref(), "to") == "draft" {
        "draft"
    } else {
        "published"
    };
    let html = PublishPage {
        page: &page,
        title_ja: p.japanese().map(|t| t.fields.title.clone()).unwrap_or_default(),
        to,
        url: state.base_url().procedure_url(&p.code),
        languages: p
            .texts
            .iter()
            .map(|t| page.language_name(&t.lang.to_string()))
            .collect(),
        procedure: &p,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

/// What readers of an out-of-date translation get (see [`StalePolicy`]).
pub async fn stale_policy(
    State(state): State<AppState>,
    Path(raw): Path<String>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let p = load(&state, &raw).await?;
    let policy = StalePolicy::parse(form.get("stale_policy"))
        .ok_or_else(|| AppError::BadRequest("stale_policy must be notice or fallback".into()))?;
    state
        .store()
        .set_stale_policy(&p.code, policy, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/admin/procedures/{}?done=policy", p.code)).into_response())
}

#[derive(Template)]
#[template(path = "admin/archive.html")]
struct ArchivePage<'a> {
    page: &'a AdminFrame<'a>,
    procedure: &'a Procedure,
    title_ja: String,
    note_ja: String,
    note_en: String,
    error: Option<String>,
}

pub async fn archive_form(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(raw): Path<String>,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let p = load(&state, &raw).await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let note = |l: &str| {
        p.text(&LangTag::parse(l).expect("tag"))
            .map(|t| t.fields.ended_note.clone())
            .unwrap_or_default()
    };
    let html = ArchivePage {
        page: &page,
        title_ja: p.japanese().map(|t| t.fields.title.clone()).unwrap_or_default(),
        note_ja: note("ja"),
        note_en: note("en"),
        procedure: &p,
        error: None,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

pub async fn archive(
    State(state): State<AppState>,
    lang: Lang,
    Path(raw): Path<String>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let p = load(&state, &raw).await?;
    let (ja, en) = (
        LangTag::parse("ja").expect("tag"),
        LangTag::parse("en").expect("tag"),
    );
    let note_ja = form.get("note_ja").replace("\r\n", "\n").trim().to_owned();
    let note_en = form.get("note_en").replace("\r\n", "\n").trim().to_owned();
    let check = |s: &str| {
        field_problems(&TextFields {
            title: "x".into(),
            ended_note: s.to_owned(),
            ..TextFields::default()
        })
    };
    let mut problems = check(&note_ja);
    problems.extend(check(&note_en));
    if note_ja.is_empty() || !problems.is_empty() {
        let page = AdminFrame::new(&state, &lang, Some(&staff));
        let error = Some(match problems.first() {
            Some(problem) => super::fields::problem_message(&page.l, problem),
            None => page.l.t("admin-archive-note-required"),
        });
        let html = ArchivePage {
            page: &page,
            title_ja: p.japanese().map(|t| t.fields.title.clone()).unwrap_or_default(),
            note_ja,
            note_en,
            procedure: &p,
            error,
        }
        .render()?;
        return Ok(page.respond(StatusCode::UNPROCESSABLE_ENTITY, html));
    }
    let mut notes = vec![(ja, note_ja)];
    if p.text(&en).is_some() && !note_en.is_empty() {
        notes.push((en, note_en));
    }
    state
        .store()
        .set_status(&p.code, Status::Archived, &notes, &staff.actor())
        .await?;
    Ok(Redirect::to(&format!("/admin/procedures/{}?done=archived", p.code)).into_response())
}

/// The public page as it will look, in any status and any language.
pub async fn preview(
    State(state): State<AppState>,
    staff: Staff,
    Path(raw): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    let _ = staff;
    let p = load(&state, &raw).await?;
    let wanted = LangTag::parse(&query_param(query.as_deref(), "lang")).ok();
    let lang = Lang {
        requested: wanted.into_iter().collect(),
        ..Lang::default()
    };
    crate::web::guidance::render_procedure(
        &state,
        &lang,
        &p,
        &format!("/admin/procedures/{}/preview", p.code),
    )
    .await
}
