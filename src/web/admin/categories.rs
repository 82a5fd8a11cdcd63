//! Categories for editors and admins: the list, creating one (a Japanese
//! name required, the slug typed or made up) and its names per language.
//! Translators do not manage them: categories shape the public index.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use super::{AdminFrame, FormData, Staff, StaffForm};
use crate::AppState;
use crate::domain::CategorySlug;
use crate::error::{AppError, AppResult};
use crate::store::{Category, CategoryCreated};
use crate::web::{Lang, query_param};

/// Longest category name, in characters.
const NAME_MAX: usize = 100;

/// A language a category can be named in: (tag, name shown to staff).
pub struct NameLang {
    pub tag: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "admin/categories.html")]
struct CategoriesPage<'a> {
    page: &'a AdminFrame<'a>,
    categories: Vec<Category>,
    slug: String,
    name_ja: String,
    name_en: String,
    errors: Vec<String>,
}

#[derive(Template)]
#[template(path = "admin/category.html")]
struct CategoryPage<'a> {
    page: &'a AdminFrame<'a>,
    category: &'a Category,
    languages: Vec<NameLang>,
    names: BTreeMap<String, String>,
    errors: Vec<String>,
    saved: bool,
}

/// The languages of the loaded locales, Japanese first, each by its
/// Japanese name on a Japanese page and its own name otherwise.
fn name_languages(state: &AppState, page: &AdminFrame<'_>) -> Vec<NameLang> {
    let mut out: Vec<NameLang> = state
        .locales()
        .all()
        .iter()
        .map(|l| NameLang {
            tag: l.tag.to_string(),
            label: if page.lang == "ja" {
                format!("{}（{}）", l.name_ja, l.name)
            } else {
                l.name.clone()
            },
        })
        .collect();
    out.sort_by_key(|l| l.tag != "ja");
    out
}

/// A name as typed: trimmed, one line, not too long. `Err` names the problem.
fn clean_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    if name.chars().count() > NAME_MAX {
        return Err("admin-category-err-long");
    }
    if name.chars().any(char::is_control) {
        return Err("admin-category-err-characters");
    }
    Ok(name.to_owned())
}

/// The names posted as `name-{tag}` for the given languages; empty ones
/// are left out. Problems come back as message ids.
fn posted_names(form: &FormData, tags: &[&str]) -> (BTreeMap<String, String>, Vec<&'static str>) {
    let mut names = BTreeMap::new();
    let mut problems = Vec::new();
    for tag in tags {
        match clean_name(form.get(&format!("name-{tag}"))) {
            Ok(n) if n.is_empty() => {}
            Ok(n) => {
                names.insert((*tag).to_owned(), n);
            }
            Err(p) => problems.push(p),
        }
    }
    if !names.contains_key("ja") {
        problems.push("admin-category-err-ja");
    }
    problems.dedup();
    (names, problems)
}

/// A slug made from the English name when there is one, else numbered.
fn made_up_slug(name_en: &str, taken: &[Category]) -> Option<CategorySlug> {
    let from_en: String = name_en
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if from_en.is_empty() {
        "category".to_owned()
    } else {
        from_en
            .chars()
            .take(30)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned()
    };
    (0..1000)
        .map(|n| {
            if n == 0 {
                base.clone()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|s| taken.iter().all(|c| &c.slug != s))
        .and_then(|s| CategorySlug::parse(&s).ok())
}

async fn list_page(
    state: &AppState,
    lang: &Lang,
    staff: &Staff,
    status: StatusCode,
    form: Option<&FormData>,
    errors: Vec<String>,
) -> AppResult<Response> {
    let page = AdminFrame::new(state, lang, Some(staff));
    let get = |k: &str| form.map(|f| f.get(k).trim().to_owned()).unwrap_or_default();
    let html = CategoriesPage {
        page: &page,
        categories: state.store().categories().await?,
        slug: get("slug"),
        name_ja: get("name-ja"),
        name_en: get("name-en"),
        errors,
    }
    .render()?;
    Ok(page.respond(status, html))
}

pub async fn list(State(state): State<AppState>, lang: Lang, staff: Staff) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    list_page(&state, &lang, &staff, StatusCode::OK, None, vec![]).await
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let (names, problems) = posted_names(&form, &["ja", "en"]);
    let mut errors: Vec<String> = problems.iter().map(|p| page.l.t(p)).collect();
    let typed = form.get("slug").trim();
    let existing = state.store().categories().await?;
    let slug = if typed.is_empty() {
        made_up_slug(form.get("name-en"), &existing)
    } else {
        CategorySlug::parse_lenient(typed).ok()
    };
    match &slug {
        None => errors.push(page.l.t("admin-err-category")),
        Some(s) if existing.iter().any(|c| c.slug == s.as_str()) => {
            errors.push(page.l.t("admin-category-err-taken"));
        }
        Some(_) => {}
    }
    let slug = match slug {
        Some(s) if errors.is_empty() => s,
        _ => {
            return list_page(
                &state,
                &lang,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&form),
                errors,
            )
            .await;
        }
    };
    match state
        .store()
        .create_category(&slug, &names, &staff.actor())
        .await?
    {
        CategoryCreated::Created => {
            Ok(Redirect::to(&format!("/admin/categories/{slug}?saved=1")).into_response())
        }
        CategoryCreated::SlugTaken => {
            let errors = vec![page.l.t("admin-category-err-taken")];
            list_page(
                &state,
                &lang,
                &staff,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(&form),
                errors,
            )
            .await
        }
    }
}

fn category_page(
    state: &AppState,
    page: &AdminFrame<'_>,
    category: &Category,
    names: BTreeMap<String, String>,
    errors: Vec<String>,
    status: StatusCode,
    saved: bool,
) -> AppResult<Response> {
    let html = CategoryPage {
        page,
        category,
        languages: name_languages(state, page),
        names,
        errors,
        saved,
    }
    .render()?;
    Ok(page.respond(status, html))
}

pub async fn edit_form(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    Path(slug): Path<String>,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let category = state.store().category(&slug).await?.ok_or(AppError::NotFound)?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let saved = query_param(query.as_deref(), "saved") == "1";
    let names = category.names.clone();
    category_page(&state, &page, &category, names, vec![], StatusCode::OK, saved)
}

pub async fn save(
    State(state): State<AppState>,
    lang: Lang,
    Path(slug): Path<String>,
    StaffForm { staff, form }: StaffForm,
) -> AppResult<Response> {
    staff.require(staff.user.role.edits_procedures())?;
    let category = state.store().category(&slug).await?.ok_or(AppError::NotFound)?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let languages = name_languages(&state, &page);
    let tags: Vec<&str> = languages.iter().map(|l| l.tag.as_str()).collect();
    let (mut names, problems) = posted_names(&form, &tags);
    if !problems.is_empty() {
        let errors = problems.iter().map(|p| page.l.t(p)).collect();
        return category_page(
            &state,
            &page,
            &category,
            names,
            errors,
            StatusCode::UNPROCESSABLE_ENTITY,
            false,
        );
    }
    // Names in languages no longer loaded are kept, not silently dropped.
    for (tag, name) in &category.names {
        if !tags.contains(&tag.as_str()) {
            names.insert(tag.clone(), name.clone());
        }
    }
    if !state
        .store()
        .update_category(&slug, &names, &staff.actor())
        .await?
    {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/admin/categories/{slug}?saved=1")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_made_up() {
        let taken = vec![Category {
            slug: "child-care".into(),
            names: BTreeMap::new(),
        }];
        assert_eq!(
            made_up_slug("Child care", &taken).unwrap().as_str(),
            "child-care-1"
        );
        assert_eq!(
            made_up_slug("Pets & animals!", &taken).unwrap().as_str(),
            "pets-animals"
        );
        assert_eq!(made_up_slug("", &taken).unwrap().as_str(), "category");
    }

    #[test]
    fn names_cleaned() {
        assert_eq!(clean_name("  子育て ").unwrap(), "子育て");
        assert!(clean_name("a\u{7}b").is_err());
        assert!(clean_name(&"あ".repeat(101)).is_err());
    }
}
