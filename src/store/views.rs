//! What the staff pages list: procedures with filters and the
//! translation matrix (procedures × languages).

use super::Store;
use super::db::rows;
use crate::domain::{LangTag, Procedure, Status};

/// A row of the staff procedure list.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AdminRow {
    pub code: String,
    pub status: String,
    pub category: String,
    pub title_ja: String,
    pub revision: i64,
    pub updated_at: String,
    pub languages: i64,
}

/// One language of one procedure in the translation matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TranslationCell {
    Missing,
    UpToDate,
    OutOfDate,
    /// Made from the current Japanese but leaving out fields it has.
    Incomplete,
}

#[derive(Debug, Clone)]
pub struct TranslationRow {
    pub code: String,
    pub title_ja: String,
    pub status: String,
    pub cells: Vec<TranslationCell>,
}

impl Store {
    /// The staff list: search in code and Japanese title, filter by status
    /// and category.
    pub async fn admin_list(
        &self,
        search: &str,
        status: Option<Status>,
        category: Option<&str>,
    ) -> anyhow::Result<Vec<AdminRow>> {
        let mut c = self.conn().await?;
        let status = status.map(Status::as_str);
        let pattern = format!(
            "%{}%",
            search
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        Ok(rows!(
            fetch_all,
            c.on(),
            AdminRow,
            // SQLite's LIKE ignores the case of ASCII letters only; so does
            // lower() under COLLATE "C" (ILIKE would also fold full-width ones).
            [
                r#"SELECT p.code, p.status, p.category, t.title AS title_ja, p.revision, p.updated_at,
                          (SELECT count(*) FROM procedure_texts x WHERE x.procedure_id = p.id) AS "languages!: i64"
                   FROM procedures p JOIN procedure_texts t ON t.procedure_id = p.id AND t.lang = 'ja'
                   WHERE (?1 IS NULL OR p.status = ?1) AND (?2 IS NULL OR p.category = ?2)
                     AND (p.code LIKE ?3 ESCAPE '\' OR t.title LIKE ?3 ESCAPE '\')
                   ORDER BY p.status = 'archived', p.category, p.code"#,
                r#"SELECT p.code, p.status, p.category, t.title AS title_ja, p.revision, p.updated_at,
                          (SELECT count(*) FROM procedure_texts x WHERE x.procedure_id = p.id) AS "languages!: i64"
                   FROM procedures p JOIN procedure_texts t ON t.procedure_id = p.id AND t.lang = 'ja'
                   WHERE (?1 IS NULL OR p.status = ?1) AND (?2 IS NULL OR p.category = ?2)
                     AND (lower(p.code) LIKE lower(?3) ESCAPE '\'
                          OR lower(t.title COLLATE "C") LIKE lower(?3 COLLATE "C") ESCAPE '\')
                   ORDER BY p.status = 'archived', p.category, p.code"#
            ],
            status,
            category,
            pattern
        )?)
    }

    /// Procedures × `languages`: missing, out of date (translated from an
    /// older Japanese revision), incomplete (leaving out fields the Japanese
    /// has; archived procedures count their archive note) or up to date.
    /// Archived procedures are listed only when a translation lacks their note.
    pub async fn translation_matrix(&self, languages: &[LangTag]) -> anyhow::Result<Vec<TranslationRow>> {
        let procedures: Vec<Procedure> = self
            .all_procedures()
            .await?
            .into_iter()
            .filter(|p| p.status != Status::Archived || archive_note_missing(p, languages))
            .collect();
        Ok(procedures
            .iter()
            .map(|p| TranslationRow {
                code: p.code.to_string(),
                title_ja: p.japanese().map(|t| t.fields.title.clone()).unwrap_or_default(),
                status: p.status.to_string(),
                cells: languages.iter().map(|l| cell(p, l)).collect(),
            })
            .collect())
    }
}

fn cell(p: &Procedure, lang: &LangTag) -> TranslationCell {
    let Some(t) = p.text(lang) else {
        return TranslationCell::Missing;
    };
    if !p.is_current(t) {
        TranslationCell::OutOfDate
    } else if !p.missing_in(&t.fields).is_empty() {
        TranslationCell::Incomplete
    } else {
        TranslationCell::UpToDate
    }
}

/// Whether an archived procedure's note still needs translating into one
/// of `languages` (its 410 page is what its old posters lead to).
fn archive_note_missing(p: &Procedure, languages: &[LangTag]) -> bool {
    let has_note = |l: &LangTag| p.text(l).is_some_and(|t| !t.fields.ended_note.trim().is_empty());
    p.japanese().is_some_and(|j| has_note(&j.lang)) && languages.iter().any(|l| !has_note(l))
}
