//! `/api/v1/procedures…`: list, get, create, update, texts, status.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::Caller;
use crate::AppState;
use crate::domain::validate::{FieldProblem, ProblemKind, category_ok, field_problems};
use crate::domain::{Code, LangTag, Procedure, StalePolicy, Status, TextFields};
use crate::error::{AppError, AppResult};
use crate::store::Saved;

#[derive(Serialize, ToSchema)]
pub struct Summary {
    code: String,
    status: String,
    category: String,
    /// Revision of the Japanese source text.
    revision: i64,
    languages: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TextOut {
    /// For ja: the source revision; otherwise the source revision translated from.
    revision: i64,
    /// Send this back as `base_version` when updating the text.
    version: i64,
    updated: String,
    /// True when the Japanese changed after this translation was made.
    out_of_date: bool,
    /// Fields the Japanese source has that this text leaves out (or lists
    /// with fewer items); readers get them in English or Japanese.
    missing: Vec<String>,
    fields: TextFields,
}

#[derive(Serialize, ToSchema)]
pub struct ProcedureOut {
    code: String,
    status: String,
    category: String,
    revision: i64,
    /// notice: readers of an out-of-date translation see it with a notice;
    /// fallback: they get an up-to-date language instead.
    stale_policy: String,
    texts: BTreeMap<String, TextOut>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateIn {
    category: String,
    /// The Japanese source text.
    ja: TextFields,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UpdateIn {
    /// Codes never change: a different value here is refused.
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    category: Option<String>,
    /// notice or fallback
    #[serde(default)]
    stale_policy: Option<String>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TextIn {
    fields: TextFields,
    /// The `version` the edit started from; omit only to create a new translation.
    #[serde(default)]
    base_version: Option<i64>,
    /// The Japanese revision this translation was made from (default: the current one).
    #[serde(default)]
    source_revision: Option<i64>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusIn {
    /// draft, published or archived
    status: String,
    /// For archiving: per language, what people should do instead (ja required).
    #[serde(default)]
    ended_note: BTreeMap<String, String>,
    /// Required (true) to move an archived procedure back to draft or
    /// published, which admin tokens only may do.
    #[serde(default)]
    confirm_restore: bool,
}

/// The shape of every error.
#[derive(Serialize, ToSchema)]
pub struct ErrorBody {
    error: ErrorInner,
}

#[derive(Serialize, ToSchema)]
pub struct ErrorInner {
    /// not_found, bad_request, unauthorized, forbidden, conflict, invalid, too_many_requests,
    /// unavailable (503 with Retry-After: the database is locked, full or read-only; nothing was saved), internal
    code: String,
    message: String,
    fields: Vec<FieldError>,
}

#[derive(Serialize, ToSchema)]
pub struct FieldError {
    /// e.g. `fields.title`, `ja.steps[2]`, `code`
    field: String,
    /// empty, too_long, control_characters, invalid_characters, too_many_items, invalid, immutable
    problem: String,
    message: String,
}

fn out(p: &Procedure) -> ProcedureOut {
    ProcedureOut {
        stale_policy: p.stale.as_str().to_owned(),
        code: p.code.to_string(),
        status: p.status.to_string(),
        category: p.category.clone(),
        revision: p.revision,
        texts: p
            .texts
            .iter()
            .map(|t| {
                let o = TextOut {
                    revision: t.revision,
                    version: t.version,
                    updated: t.updated.clone(),
                    out_of_date: !p.is_current(t),
                    missing: p
                        .missing_in(&t.fields)
                        .iter()
                        .map(|f| f.id().to_owned())
                        .collect(),
                    fields: t.fields.clone(),
                };
                (t.lang.to_string(), o)
            })
            .collect(),
    }
}

fn problem(field: &str, kind: ProblemKind) -> FieldProblem {
    FieldProblem {
        field: field.to_owned(),
        kind,
    }
}

fn prefixed(prefix: &str, problems: Vec<FieldProblem>) -> Vec<FieldProblem> {
    problems
        .into_iter()
        .map(|p| FieldProblem {
            field: format!("{prefix}.{}", p.field),
            kind: p.kind,
        })
        .collect()
}

/// A JSON body, or a 400 that says what is wrong with it.
fn body<T>(json: Result<Json<T>, JsonRejection>) -> AppResult<T> {
    json.map(|Json(v)| v)
        .map_err(|e| AppError::BadRequest(e.body_text()))
}

async fn load(state: &AppState, raw: &str) -> AppResult<Procedure> {
    let code = Code::parse_lenient(raw).map_err(|_| AppError::NotFound)?;
    state.store().procedure(&code).await?.ok_or(AppError::NotFound)
}

/// Every procedure, in any status.
#[utoipa::path(get, path = "/api/v1/procedures", responses((status = 200, body = [Summary]), (status = 401, body = ErrorBody)))]
pub async fn list(State(state): State<AppState>, _caller: Caller) -> AppResult<Json<Vec<Summary>>> {
    let all = state.store().all_procedures().await?;
    Ok(Json(
        all.iter()
            .map(|p| Summary {
                code: p.code.to_string(),
                status: p.status.to_string(),
                category: p.category.clone(),
                revision: p.revision,
                languages: p.languages().map(ToString::to_string).collect(),
            })
            .collect(),
    ))
}

/// One procedure with all its texts.
#[utoipa::path(get, path = "/api/v1/procedures/{code}", params(("code" = String, Path)), responses((status = 200, body = ProcedureOut), (status = 404, body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    _caller: Caller,
    Path(code): Path<String>,
) -> AppResult<Json<ProcedureOut>> {
    Ok(Json(out(&load(&state, &code).await?)))
}

/// Creates a draft procedure from its Japanese text; the code is assigned.
#[utoipa::path(post, path = "/api/v1/procedures", request_body = CreateIn, responses((status = 201, body = ProcedureOut), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    json: Result<Json<CreateIn>, JsonRejection>,
) -> AppResult<Response> {
    caller.require(caller.role.edits_procedures())?;
    let mut input = body(json)?;
    crate::domain::validate::normalise_newlines(&mut input.ja);
    let mut problems = prefixed("ja", field_problems(&input.ja));
    if !category_ok(&input.category) {
        problems.push(problem("category", ProblemKind::Invalid));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let code = state
        .store()
        .create_procedure(&input.category, &input.ja, &caller.actor())
        .await?;
    let p = load(&state, code.as_str()).await?;
    Ok((StatusCode::CREATED, Json(out(&p))).into_response())
}

/// Changes a procedure's category. Its code can never change.
#[utoipa::path(patch, path = "/api/v1/procedures/{code}", params(("code" = String, Path)), request_body = UpdateIn, responses((status = 200, body = ProcedureOut), (status = 422, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    json: Result<Json<UpdateIn>, JsonRejection>,
) -> AppResult<Json<ProcedureOut>> {
    caller.require(caller.role.edits_procedures())?;
    let input = body(json)?;
    let p = load(&state, &raw).await?;
    if let Some(code) = &input.code
        && Code::parse_lenient(code).ok().as_ref() != Some(&p.code)
    {
        return Err(AppError::Invalid(vec![problem("code", ProblemKind::Immutable)]));
    }
    // Everything is checked before anything is saved.
    let policy = match input.stale_policy.as_deref() {
        None => None,
        Some(raw) => Some(
            StalePolicy::parse(raw)
                .ok_or_else(|| AppError::Invalid(vec![problem("stale_policy", ProblemKind::Invalid)]))?,
        ),
    };
    if input.category.as_deref().is_some_and(|c| !category_ok(c)) {
        return Err(AppError::Invalid(vec![problem("category", ProblemKind::Invalid)]));
    }
    if let Some(policy) = policy {
        state
            .store()
            .set_stale_policy(&p.code, policy, &caller.actor())
            .await?;
    }
    if let Some(category) = &input.category {
        let ja = p
            .japanese()
            .ok_or_else(|| anyhow::anyhow!("{} has no Japanese text", p.code))?;
        match state
            .store()
            .update_source(&p.code, category, &ja.fields, ja.version, &caller.actor())
            .await?
        {
            Saved::Saved => {}
            Saved::NoSuchProcedure => return Err(AppError::NotFound),
            Saved::Conflict(_) => {
                return Err(AppError::Conflict(
                    "the procedure changed meanwhile; retry".into(),
                ));
            }
        }
    }
    Ok(Json(out(&load(&state, &raw).await?)))
}

/// Creates or replaces one language's text. `ja` is the source: changing
/// it makes other languages out of date.
#[utoipa::path(put, path = "/api/v1/procedures/{code}/texts/{lang}", params(("code" = String, Path), ("lang" = String, Path)), request_body = TextIn, responses((status = 200, body = ProcedureOut), (status = 409, body = ErrorBody, description = "someone saved since base_version"), (status = 422, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn put_text(
    State(state): State<AppState>,
    caller: Caller,
    Path((raw, lang)): Path<(String, String)>,
    json: Result<Json<TextIn>, JsonRejection>,
) -> AppResult<Json<ProcedureOut>> {
    let mut input = body(json)?;
    crate::domain::validate::normalise_newlines(&mut input.fields);
    let p = load(&state, &raw).await?;
    let lang =
        LangTag::parse(&lang).map_err(|_| AppError::Invalid(vec![problem("lang", ProblemKind::Invalid)]))?;
    caller.require(caller.role.may_edit_text(&caller.langs, &lang))?;
    let problems = prefixed("fields", field_problems(&input.fields));
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let saved = if lang.to_string() == "ja" {
        let base = input
            .base_version
            .ok_or_else(|| AppError::Invalid(vec![problem("base_version", ProblemKind::Empty)]))?;
        state
            .store()
            .update_source(&p.code, &p.category, &input.fields, base, &caller.actor())
            .await?
    } else {
        let source_revision = input.source_revision.unwrap_or(p.revision);
        state
            .store()
            .save_translation(
                &p.code,
                &lang,
                &input.fields,
                source_revision,
                input.base_version,
                &caller.actor(),
            )
            .await?
    };
    match saved {
        Saved::Saved => Ok(Json(out(&load(&state, &raw).await?))),
        Saved::NoSuchProcedure => Err(AppError::NotFound),
        Saved::Conflict(current) => Err(AppError::Conflict(format!(
            "the {lang} text was saved by someone else since base_version; it is now at version {}",
            current.version
        ))),
    }
}

/// Publishes, archives (with a note per language, `ja` required) or returns to draft.
#[utoipa::path(post, path = "/api/v1/procedures/{code}/status", params(("code" = String, Path)), request_body = StatusIn, responses((status = 200, body = ProcedureOut), (status = 422, body = ErrorBody)))]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    json: Result<Json<StatusIn>, JsonRejection>,
) -> AppResult<Json<ProcedureOut>> {
    caller.require(caller.role.edits_procedures())?;
    let input = body(json)?;
    let p = load(&state, &raw).await?;
    let status: Status = input
        .status
        .parse()
        .map_err(|_| AppError::Invalid(vec![problem("status", ProblemKind::Invalid)]))?;
    if p.status == Status::Archived && status != Status::Archived {
        caller.require(caller.role.restores_archived())?;
        if !input.confirm_restore {
            return Err(AppError::Invalid(vec![problem(
                "confirm_restore",
                ProblemKind::Invalid,
            )]));
        }
    }
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    for (tag, note) in &input.ended_note {
        let field = format!("ended_note.{tag}");
        match LangTag::parse(tag) {
            Ok(lang) if p.text(&lang).is_some() => {
                let mut fields = TextFields {
                    title: "x".into(),
                    ended_note: note.trim().to_owned(),
                    ..TextFields::default()
                };
                crate::domain::validate::normalise_newlines(&mut fields);
                problems.extend(
                    field_problems(&fields)
                        .into_iter()
                        .map(|pr| problem(&field, pr.kind)),
                );
                notes.push((lang, fields.ended_note));
            }
            _ => problems.push(problem(&field, ProblemKind::Invalid)),
        }
    }
    if status == Status::Archived && !notes.iter().any(|(l, n)| l.to_string() == "ja" && !n.is_empty()) {
        problems.push(problem("ended_note.ja", ProblemKind::Empty));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    state
        .store()
        .set_status(&p.code, status, &notes, &caller.actor())
        .await?;
    Ok(Json(out(&load(&state, &raw).await?)))
}
