//! The audit log, for admins, filtered by procedure and by user: each entry
//! in words (「ベトナム語の本文を更新」), its time in the staff zone, and
//! what changed as a line diff, field by field.

use std::collections::BTreeMap;

use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde_json::Value;
use similar::{ChangeTag, TextDiff};

use super::{AdminFrame, Staff};
use crate::AppState;
use crate::domain::{Code, LangTag};
use crate::error::AppResult;
use crate::store::AuditEntry;
use crate::web::Lang;

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage<'a> {
    page: &'a AdminFrame<'a>,
    entries: Vec<EntryView>,
    procedure: String,
    user: String,
}

/// One entry as staff read it.
struct EntryView {
    at: String,
    actor: String,
    /// What was done, as a sentence in the staff language.
    what: String,
    /// The procedure it concerns, for the link.
    code: Option<String>,
    changes: Vec<FieldChange>,
}

/// One field that changed: its label and the lines before and after.
struct FieldChange {
    label: String,
    lines: Vec<DiffLine>,
}

struct DiffLine {
    /// "same", "del" or "ins".
    kind: &'static str,
    text: String,
}

pub async fn log(
    State(state): State<AppState>,
    lang: Lang,
    staff: Staff,
    RawQuery(query): RawQuery,
) -> AppResult<Response> {
    staff.require(staff.user.role.manages_users())?;
    let get = |key: &str| crate::web::query_param(query.as_deref(), key).trim().to_owned();
    let (procedure, user) = (get("procedure"), get("user"));
    let code = Code::parse_lenient(&procedure).ok().map(|c| c.to_string());
    let code = code
        .as_deref()
        .or((!procedure.is_empty()).then_some(procedure.as_str()));
    let entries = state
        .store()
        .audit(code, (!user.is_empty()).then_some(user.as_str()), 500)
        .await?;
    let page = AdminFrame::new(&state, &lang, Some(&staff));
    let entries = entries.iter().map(|e| view(&state, &page, e)).collect();
    let html = AuditPage {
        page: &page,
        entries,
        procedure,
        user,
    }
    .render()?;
    Ok(page.respond(StatusCode::OK, html))
}

fn view(state: &AppState, page: &AdminFrame<'_>, e: &AuditEntry) -> EntryView {
    EntryView {
        at: e.at.clone(),
        actor: e.actor.clone(),
        what: sentence(state, page, &e.action, &e.entity),
        code: e.procedure.clone(),
        changes: changes(page, e.before.as_deref(), e.after.as_deref()),
    }
}

/// The action in words: `admin-audit-{action}` with what it was done to
/// (a language by its name, a user, a token, an office).
fn sentence(state: &AppState, page: &AdminFrame<'_>, action: &str, entity: &str) -> String {
    let id = format!("admin-audit-{}", action.replace(['.', '_'], "-"));
    let mut args = fluent_bundle::FluentArgs::new();
    let (kind, name) = entity.split_once([':', '/']).unwrap_or((entity, ""));
    args.set("code", kind.to_owned());
    args.set("name", name.to_owned());
    if action.starts_with("text.") {
        let language = LangTag::parse(name)
            .ok()
            .and_then(|t| state.locales().get(&t))
            .map_or_else(
                || name.to_owned(),
                |l| {
                    if page.lang == "ja" {
                        l.name_ja.clone()
                    } else {
                        l.name.clone()
                    }
                },
            );
        args.set("language", language);
    }
    let l = &page.l;
    if l.locales.has_message(l.locale, &id) {
        l.locales.format(l.locale, &id, Some(&args))
    } else {
        // An action this page has no words for yet: say so plainly.
        l.locales.format(l.locale, "admin-audit-other", Some(&args))
    }
}

/// The fields that differ between `before` and `after` (JSON), each with
/// a line diff; a creation shows every field as added.
fn changes(page: &AdminFrame<'_>, before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let flat = |json: Option<&str>| {
        let mut out = BTreeMap::new();
        if let Some(v) = json.and_then(|j| serde_json::from_str::<Value>(j).ok()) {
            flatten(&v, "", &mut out);
        }
        out
    };
    let (before, after) = (flat(before), flat(after));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let old = before.get(key).map_or("", String::as_str);
            let new = after.get(key).map_or("", String::as_str);
            (old != new).then(|| FieldChange {
                label: label(page, key),
                lines: diff(old, new),
            })
        })
        .collect()
}

/// `{"ja": {"title": …, "bring": [a, b]}}` → `ja.title`, `ja.bring`
/// (a list as its items, one a line).
fn flatten(v: &Value, prefix: &str, out: &mut BTreeMap<String, String>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(v, &key, out);
            }
        }
        Value::Array(items) => {
            let lines: Vec<String> = items
                .iter()
                .map(|i| i.as_str().map_or_else(|| i.to_string(), str::to_owned))
                .collect();
            out.insert(prefix.to_owned(), lines.join("\n"));
        }
        Value::String(s) => {
            out.insert(prefix.to_owned(), s.clone());
        }
        Value::Null => {
            out.insert(prefix.to_owned(), String::new());
        }
        other => {
            out.insert(prefix.to_owned(), other.to_string());
        }
    }
}

/// A field's label in the staff language (the form's own label where
/// there is one), with the language it belongs to when the key names one.
fn label(page: &AdminFrame<'_>, key: &str) -> String {
    let (scope, field) = key.rsplit_once('.').unwrap_or(("", key));
    let id = match field {
        "category" => "admin-category".to_owned(),
        "status" => "admin-status".to_owned(),
        "stale_policy" => "admin-stale-policy".to_owned(),
        "role" => "admin-role".to_owned(),
        "langs" => "admin-user-langs".to_owned(),
        "revision" => "admin-audit-revision".to_owned(),
        f => format!("admin-field-{f}"),
    };
    let l = &page.l;
    let word = if l.locales.has_message(l.locale, &id) {
        l.t(&id)
    } else {
        field.to_owned()
    };
    if scope.is_empty() || LangTag::parse(scope).is_err() {
        word
    } else {
        format!("{word} ({scope})")
    }
}

fn diff(old: &str, new: &str) -> Vec<DiffLine> {
    TextDiff::from_lines(old, new)
        .iter_all_changes()
        .map(|c| DiffLine {
            kind: match c.tag() {
                ChangeTag::Equal => "same",
                ChangeTag::Delete => "del",
                ChangeTag::Insert => "ins",
            },
            text: c.value().trim_end_matches('\n').to_owned(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_nested_objects_flatten_to_lines() {
        let v: Value = serde_json::json!({ "category": "tax", "ja": { "bring": ["a", "b"], "title": "x" } });
        let mut out = BTreeMap::new();
        flatten(&v, "", &mut out);
        assert_eq!(out["category"], "tax");
        assert_eq!(out["ja.bring"], "a\nb");
        assert_eq!(out["ja.title"], "x");
    }

    #[test]
    fn a_diff_keeps_the_same_lines_and_marks_the_changed_ones() {
        let kinds: Vec<(&str, String)> = diff("one\ntwo\nthree", "one\n2\nthree")
            .into_iter()
            .map(|l| (l.kind, l.text))
            .collect();
        let expect = [("same", "one"), ("del", "two"), ("ins", "2"), ("same", "three")];
        assert_eq!(kinds, expect.map(|(k, t)| (k, t.to_owned())).to_vec());
    }
}
