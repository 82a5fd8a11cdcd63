//! `/api/v1/procedures…`: list, get, create, update, texts, status.

use super::Caller;
use super::schema::{CreateIn, ErrorBody, ProcedureOut, StatusIn, Summary, TextIn, TextOut, UpdateIn};
use crate::AppState;
use crate::domain::validate::{FieldProblem, ProblemKind, field_problems};
use crate::domain::{Code, LangTag, Procedure, StalePolicy, Status, TextFields};
use crate::error::{AppError, AppResult};
use crate::store::Saved;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

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
/// Only a JSON object: serde would also read a struct from an array of
/// its fields in order (`[null, null]`), which no client means.
fn body<T: serde::de::DeserializeOwned>(
    json: Result<Json<serde_json::Value>, JsonRejection>,
) -> AppResult<T> {
    let Json(value) = json.map_err(|e| AppError::BadRequest(e.body_text()))?;
    if !value.is_object() {
        return Err(AppError::BadRequest("the body must be a JSON object".into()));
    }
    serde_json::from_value(value)
        .map_err(|e| AppError::BadRequest(format!("the JSON body does not fit: {e}")))
}

async fn load(state: &AppState, raw: &str) -> AppResult<Procedure> {
    let code = Code::parse_lenient(raw).map_err(|_| AppError::NotFound)?;
    state.store().procedure(&code).await?.ok_or(AppError::NotFound)
}

/// Every procedure, in any status.
#[utoipa::path(get, path = "/api/v1/procedures", responses((status = 200, description = "Every procedure", body = [Summary]), (status = 401, description = "No valid bearer token", body = ErrorBody)))]
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
#[utoipa::path(get, path = "/api/v1/procedures/{code}", params(("code" = String, Path, description = "The procedure's code (any case)")), responses((status = 200, description = "The procedure", body = ProcedureOut), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 404, description = "No procedure has this code", body = ErrorBody)))]
pub async fn get(
    State(state): State<AppState>,
    _caller: Caller,
    Path(code): Path<String>,
) -> AppResult<Json<ProcedureOut>> {
    Ok(Json(out(&load(&state, &code).await?)))
}

/// Whether `slug` is a well-formed key of a category staff have made:
/// the API chooses among categories, it does not create them.
async fn known_category(state: &AppState, slug: &str) -> AppResult<bool> {
    Ok(crate::domain::CategorySlug::parse(slug).is_ok() && state.store().category_exists(slug).await?)
}

/// Creates a draft procedure from its Japanese text; the code is assigned.
#[utoipa::path(post, path = "/api/v1/procedures", request_body = CreateIn, responses((status = 201, description = "Created as a draft, with a new code", body = ProcedureOut), (status = 400, description = "The body is not JSON of this shape (or not sent as application/json)", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token's role may not do this", body = ErrorBody), (status = 422, description = "Invalid values; each problem names its field", body = ErrorBody), (status = 503, description = "The database cannot take writes now (locked, full or read-only); nothing was saved; see Retry-After", body = ErrorBody)))]
pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    json: Result<Json<serde_json::Value>, JsonRejection>,
) -> AppResult<Response> {
    caller.require(caller.role.edits_procedures())?;
    let mut input: CreateIn = body(json)?;
    crate::domain::validate::normalise_newlines(&mut input.ja);
    let mut problems = prefixed("ja", field_problems(&input.ja));
    if !known_category(&state, &input.category).await? {
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
#[utoipa::path(patch, path = "/api/v1/procedures/{code}", params(("code" = String, Path, description = "The procedure's code (any case)")), request_body = UpdateIn, responses((status = 200, description = "Changed", body = ProcedureOut), (status = 400, description = "The body is not JSON of this shape (or not sent as application/json)", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token's role may not do this", body = ErrorBody), (status = 404, description = "No procedure has this code", body = ErrorBody), (status = 409, description = "The procedure changed meanwhile; retry", body = ErrorBody), (status = 422, description = "Invalid values; each problem names its field", body = ErrorBody), (status = 503, description = "The database cannot take writes now (locked, full or read-only); nothing was saved; see Retry-After", body = ErrorBody)))]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    json: Result<Json<serde_json::Value>, JsonRejection>,
) -> AppResult<Json<ProcedureOut>> {
    caller.require(caller.role.edits_procedures())?;
    let input: UpdateIn = body(json)?;
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
    if let Some(c) = input.category.as_deref()
        && !known_category(&state, c).await?
    {
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
#[utoipa::path(put, path = "/api/v1/procedures/{code}/texts/{lang}", params(("code" = String, Path, description = "The procedure's code (any case)"), ("lang" = String, Path, description = "A BCP 47 language tag, e.g. vi, zh-Hant, pt-BR", pattern = r"^[A-Za-z]{2,3}(-[A-Za-z]{4})?(-([A-Za-z]{2}|[0-9]{3}))?(-([A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*$")), request_body = TextIn, responses((status = 200, description = "Saved", body = ProcedureOut), (status = 400, description = "The body is not JSON of this shape (or not sent as application/json)", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token's role may not do this", body = ErrorBody), (status = 404, description = "No procedure has this code", body = ErrorBody), (status = 409, description = "Someone saved this text since base_version", body = ErrorBody), (status = 422, description = "Invalid values; each problem names its field", body = ErrorBody), (status = 503, description = "The database cannot take writes now (locked, full or read-only); nothing was saved; see Retry-After", body = ErrorBody)))]
pub async fn put_text(
    State(state): State<AppState>,
    caller: Caller,
    Path((raw, lang)): Path<(String, String)>,
    json: Result<Json<serde_json::Value>, JsonRejection>,
) -> AppResult<Json<ProcedureOut>> {
    let mut input: TextIn = body(json)?;
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
#[utoipa::path(post, path = "/api/v1/procedures/{code}/status", params(("code" = String, Path, description = "The procedure's code (any case)")), request_body = StatusIn, responses((status = 200, description = "Changed", body = ProcedureOut), (status = 400, description = "The body is not JSON of this shape (or not sent as application/json)", body = ErrorBody), (status = 401, description = "No valid bearer token", body = ErrorBody), (status = 403, description = "The token's role may not do this", body = ErrorBody), (status = 404, description = "No procedure has this code", body = ErrorBody), (status = 422, description = "Invalid values; each problem names its field", body = ErrorBody), (status = 503, description = "The database cannot take writes now (locked, full or read-only); nothing was saved; see Retry-After", body = ErrorBody)))]
pub async fn set_status(
    State(state): State<AppState>,
    caller: Caller,
    Path(raw): Path<String>,
    json: Result<Json<serde_json::Value>, JsonRejection>,
) -> AppResult<Json<ProcedureOut>> {
    caller.require(caller.role.edits_procedures())?;
    let input: StatusIn = body(json)?;
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
