//! Procedures and their texts.

use std::collections::BTreeMap;

use anyhow::Context;

use super::db::{On, exec, rows, scalar};
use super::{Store, audit};
use crate::domain::{Actor, Code, LangTag, Procedure, ProcedureText, StalePolicy, Status, TextFields};

/// A published procedure's titles in every language it has, for lists.
#[derive(Debug, Clone)]
pub struct ProcedureTitles {
    pub code: Code,
    pub category: String,
    pub titles: Vec<(LangTag, String)>,
}

#[derive(sqlx::FromRow)]
struct TextRow {
    procedure_id: i64,
    lang: String,
    revision: i64,
    title: String,
    summary: String,
    bring: String,
    steps: String,
    office: String,
    floor: String,
    counter: String,
    hours: String,
    fee: String,
    contact: String,
    notes: String,
    ended_note: String,
    updated_at: String,
    version: i64,
}

impl TextRow {
    fn into_text(self) -> anyhow::Result<ProcedureText> {
        let lang = LangTag::parse(&self.lang).with_context(|| format!("stored language {:?}", self.lang))?;
        let list = |json: &str, what: &str| -> anyhow::Result<Vec<String>> {
            serde_json::from_str(json).with_context(|| format!("stored {what} list of {lang}"))
        };
        Ok(ProcedureText {
            revision: self.revision,
            updated: self.updated_at,
            version: self.version,
            fields: TextFields {
                bring: list(&self.bring, "bring")?,
                steps: list(&self.steps, "steps")?,
                title: self.title,
                summary: self.summary,
                office: self.office,
                floor: self.floor,
                counter: self.counter,
                hours: self.hours,
                fee: self.fee,
                contact: self.contact,
                notes: self.notes,
                ended_note: self.ended_note,
            },
            lang,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ProcedureRow {
    id: i64,
    code: String,
    status: String,
    category: String,
    revision: i64,
    office_id: Option<i64>,
    stale_policy: String,
}

impl ProcedureRow {
    fn into_procedure(self, rows: Vec<TextRow>) -> anyhow::Result<Procedure> {
        let code = Code::parse(&self.code).with_context(|| format!("stored code {:?}", self.code))?;
        let status: Status = self.status.parse().with_context(|| format!("status of {code}"))?;
        let texts = rows
            .into_iter()
            .map(TextRow::into_text)
            .collect::<anyhow::Result<_>>()?;
        let stale =
            StalePolicy::parse(&self.stale_policy).with_context(|| format!("stale policy of {code}"))?;
        Ok(Procedure {
            code,
            status,
            category: self.category,
            revision: self.revision,
            office: self.office_id,
            stale,
            texts,
        })
    }
}

#[derive(sqlx::FromRow)]
struct TitleRow {
    code: String,
    category: String,
    lang: String,
    title: String,
}

impl Store {
    /// How many procedures exist in any status.
    pub async fn procedure_count(&self) -> anyhow::Result<i64> {
        let mut c = self.conn().await?;
        Ok(scalar!(
            fetch_one,
            c.on(),
            i64,
            r#"SELECT count(*) AS "n!: i64" FROM procedures"#
        )?)
    }

    /// One procedure with all its texts, in any status.
    pub async fn procedure(&self, code: &Code) -> anyhow::Result<Option<Procedure>> {
        let code = code.as_str();
        let mut c = self.conn().await?;
        let Some(row) = rows!(
            fetch_optional,
            c.on(),
            ProcedureRow,
            "SELECT id, code, status, category, revision, office_id, stale_policy FROM procedures WHERE code = ?",
            code
        )?
        else {
            return Ok(None);
        };
        let texts = rows!(
            fetch_all,
            c.on(),
            TextRow,
            "SELECT procedure_id, lang, revision, title, summary, bring, steps, office, floor,
                    counter, hours, fee, contact, notes, ended_note, updated_at, version
             FROM procedure_texts WHERE procedure_id = ? ORDER BY lang",
            row.id
        )?;
        row.into_procedure(texts).map(Some)
    }

    /// Every procedure with all its texts, ordered by code (for export).
    pub async fn all_procedures(&self) -> anyhow::Result<Vec<Procedure>> {
        let mut c = self.conn().await?;
        all_procedures_in(c.on()).await
    }

    /// Reads every procedure and writes the ones `change` returns (as
    /// [`save_procedures`](Self::save_procedures) does), in one transaction
    /// that holds the write lock from the read on: nobody saves in between,
    /// and on `Err` nothing is written.
    pub async fn change_procedures<T, E>(
        &self,
        actor: &Actor,
        change: impl FnOnce(&[Procedure]) -> Result<(Vec<Procedure>, T), E>,
    ) -> anyhow::Result<Result<T, E>> {
        let mut tx = self.write().await?;
        let stored = all_procedures_in(tx.on()).await?;
        let (changed, out) = match change(&stored) {
            Ok(x) => x,
            Err(e) => return Ok(Err(e)),
        };
        self.save_procedures_in(tx.on(), &changed, actor).await?;
        tx.commit().await?;
        Ok(Ok(out))
    }

    /// Published procedures' titles, ordered by category then code.
    pub async fn published_titles(&self) -> anyhow::Result<Vec<ProcedureTitles>> {
        let mut c = self.conn().await?;
        let rows = rows!(
            fetch_all,
            c.on(),
            TitleRow,
            "SELECT p.code, p.category, t.lang, t.title
             FROM procedures p JOIN procedure_texts t ON t.procedure_id = p.id
             WHERE p.status = 'published'
             ORDER BY p.category, p.code, t.lang"
        )?;
        let mut out: Vec<ProcedureTitles> = Vec::new();
        for r in rows {
            let lang = LangTag::parse(&r.lang).with_context(|| format!("stored language {:?}", r.lang))?;
            match out.last_mut() {
                Some(last) if last.code.as_str() == r.code => last.titles.push((lang, r.title)),
                _ => out.push(ProcedureTitles {
                    code: Code::parse(&r.code).with_context(|| format!("stored code {:?}", r.code))?,
                    category: r.category,
                    titles: vec![(lang, r.title)],
                }),
            }
        }
        Ok(out)
    }

    /// Writes procedures, all or nothing: each one's row is created or
    /// updated by code, and its texts replaced by the given set (a replaced
    /// text's version moves on, so an editor holding the old one sees a
    /// conflict). Each procedure is recorded in the audit log.
    pub async fn save_procedures(&self, procedures: &[Procedure], actor: &Actor) -> anyhow::Result<()> {
        let mut tx = self.write().await?;
        self.save_procedures_in(tx.on(), procedures, actor).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(super) async fn save_procedures_in(
        &self,
        mut on: On<'_>,
        procedures: &[Procedure],
        actor: &Actor,
    ) -> anyhow::Result<()> {
        let now = super::now();
        for p in procedures {
            let (code, status, stale) = (p.code.as_str(), p.status.as_str(), p.stale.as_str());
            let id = scalar!(
                fetch_one,
                on.re(),
                i64,
                "INSERT INTO procedures (code, status, category, revision, updated_at, office_id, stale_policy)
                 VALUES (?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (code) DO UPDATE SET
                     status = excluded.status, category = excluded.category,
                     revision = excluded.revision, updated_at = excluded.updated_at,
                     office_id = excluded.office_id, stale_policy = excluded.stale_policy
                 RETURNING id",
                code,
                status,
                p.category,
                p.revision,
                now,
                p.office,
                stale
            )
            .with_context(|| format!("saving procedure {code}"))?;
            let langs =
                serde_json::to_string(&p.texts.iter().map(|t| t.lang.to_string()).collect::<Vec<_>>())?;
            exec!(
                on.re(),
                [
                    "DELETE FROM procedure_texts WHERE procedure_id = ? AND lang NOT IN (SELECT value FROM json_each(?))",
                    "DELETE FROM procedure_texts WHERE procedure_id = ? AND lang NOT IN (SELECT json_array_elements_text(?::json))"
                ],
                id,
                langs
            )?;
            for t in &p.texts {
                insert_text(on.re(), id, t)
                    .await
                    .with_context(|| format!("saving the {} text of {code}", t.lang))?;
            }
            let after = serde_json::json!({ "status": status, "revision": p.revision, "languages": langs });
            audit::record(
                on.re(),
                actor,
                "procedure.import",
                code,
                Some(code),
                None,
                Some(&after),
            )
            .await?;
        }
        Ok(())
    }
}

async fn all_procedures_in(mut on: On<'_>) -> anyhow::Result<Vec<Procedure>> {
    let rows = rows!(
        fetch_all,
        on.re(),
        ProcedureRow,
        "SELECT id, code, status, category, revision, office_id, stale_policy FROM procedures ORDER BY code"
    )?;
    let texts = rows!(
        fetch_all,
        on,
        TextRow,
        "SELECT procedure_id, lang, revision, title, summary, bring, steps, office, floor,
                    counter, hours, fee, contact, notes, ended_note, updated_at, version
             FROM procedure_texts ORDER BY procedure_id, lang"
    )?;
    let mut by_procedure: BTreeMap<i64, Vec<TextRow>> = BTreeMap::new();
    for t in texts {
        by_procedure.entry(t.procedure_id).or_default().push(t);
    }
    rows.into_iter()
        .map(|r| {
            let texts = by_procedure.remove(&r.id).unwrap_or_default();
            r.into_procedure(texts)
        })
        .collect()
}

/// Inserts or replaces one text; a replaced text's version moves on.
pub(super) async fn insert_text(on: On<'_>, procedure_id: i64, t: &ProcedureText) -> anyhow::Result<()> {
    let lang = t.lang.to_string();
    let f = &t.fields;
    let bring = serde_json::to_string(&f.bring)?;
    let steps = serde_json::to_string(&f.steps)?;
    exec!(
        on,
        "INSERT INTO procedure_texts (procedure_id, lang, revision, title, summary, bring, steps, office,
             floor, counter, hours, fee, contact, notes, ended_note, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (procedure_id, lang) DO UPDATE SET
             revision = excluded.revision, title = excluded.title, summary = excluded.summary,
             bring = excluded.bring, steps = excluded.steps, office = excluded.office,
             floor = excluded.floor, counter = excluded.counter, hours = excluded.hours,
             fee = excluded.fee, contact = excluded.contact, notes = excluded.notes,
             ended_note = excluded.ended_note, updated_at = excluded.updated_at,
             version = procedure_texts.version + 1",
        procedure_id,
        lang,
        t.revision,
        f.title,
        f.summary,
        bring,
        steps,
        f.office,
        f.floor,
        f.counter,
        f.hours,
        f.fee,
        f.contact,
        f.notes,
        f.ended_note,
        t.updated
    )?;
    Ok(())
}
