//! What the staff interface and the API do to procedures: create, edit the
//! Japanese source, save translations without losing concurrent edits,
//! publish and archive (the lists they show are in `views.rs`).

use anyhow::Context;

use super::db::{On, exec, scalar};
use super::procedures::insert_text;
use super::{Store, audit};
use crate::domain::{Actor, Code, LangTag, ProcedureText, StalePolicy, Status, TextFields};

/// The outcome of an edit that carries the version it started from.
#[derive(Debug)]
pub enum Saved {
    Saved,
    /// Someone saved in between; here is what they saved.
    Conflict(Box<ProcedureText>),
    NoSuchProcedure,
}

fn text_json(f: &TextFields) -> serde_json::Value {
    serde_json::to_value(f).expect("plain data serialises")
}

impl Store {
    /// Creates a draft procedure with a fresh code, never used before.
    pub async fn create_procedure(
        &self,
        category: &str,
        ja: &TextFields,
        actor: &Actor,
    ) -> anyhow::Result<Code> {
        let ja_tag = LangTag::parse("ja").expect("ja is a tag");
        let mut tx = self.write().await?;
        // Four characters give about a million codes; widen if crowded.
        let mut attempt = 0;
        let (id, code) = loop {
            let code = Code::random(4 + attempt / 20);
            let c = code.as_str();
            let id = scalar!(
                fetch_optional,
                tx.on(),
                i64,
                "INSERT INTO procedures (code, status, category) VALUES (?, 'draft', ?)
                 ON CONFLICT (code) DO NOTHING RETURNING id",
                c,
                category
            )?;
            if let Some(id) = id {
                break (id, code);
            }
            attempt += 1;
            anyhow::ensure!(attempt < 60, "no free procedure code found");
        };
        let text = ProcedureText {
            lang: ja_tag,
            revision: 1,
            updated: super::now(),
            version: 1,
            fields: ja.clone(),
        };
        insert_text(tx.on(), id, &text).await?;
        let c = code.as_str();
        let after = serde_json::json!({ "category": category, "ja": text_json(ja) });
        audit::record(tx.on(), actor, "procedure.create", c, Some(c), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(code)
    }

    /// Saves the Japanese source text and category (the archive note
    /// stays as stored: see [`keeping_the_ended_note`]). A changed text moves
    /// the procedure to a new revision, which makes older translations
    /// out of date.
    pub async fn update_source(
        &self,
        code: &Code,
        category: &str,
        ja: &TextFields,
        base_version: i64,
        actor: &Actor,
    ) -> anyhow::Result<Saved> {
        let Some(p) = self.procedure(code).await? else {
            return Ok(Saved::NoSuchProcedure);
        };
        let current = p
            .japanese()
            .context("a procedure without its Japanese text")?
            .clone();
        if current.version != base_version {
            return Ok(Saved::Conflict(Box::new(current)));
        }
        let ja = &keeping_the_ended_note(ja, Some(&current));
        let c = code.as_str();
        let mut tx = self.write().await?;
        let text_changed = current.fields != *ja;
        let revision = if text_changed { p.revision + 1 } else { p.revision };
        let now = super::now();
        // The WHERE on version makes the check and the write one step.
        let done = exec!(
            tx.on(),
            "UPDATE procedures SET category = ?, revision = ?, updated_at = ?
             WHERE code = ? AND (SELECT version FROM procedure_texts t
                                 WHERE t.procedure_id = procedures.id AND t.lang = 'ja') = ?",
            category,
            revision,
            now,
            c,
            base_version
        )?;
        if done == 0 {
            drop(tx);
            return self.conflict_or_missing(code, &current.lang).await;
        }
        if text_changed {
            let id = procedure_id(tx.on(), c).await?;
            let text = ProcedureText {
                revision,
                updated: now,
                fields: ja.clone(),
                ..current.clone()
            };
            insert_text(tx.on(), id, &text).await?;
        }
        let before = serde_json::json!({ "category": p.category, "revision": p.revision, "ja": text_json(&current.fields) });
        let after = serde_json::json!({ "category": category, "revision": revision, "ja": text_json(ja) });
        audit::record(
            tx.on(),
            actor,
            "text.update",
            &format!("{c}/ja"),
            Some(c),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Saved::Saved)
    }

    /// Saves one translation, made from Japanese revision `source_revision`
    /// (its archive note included: translators translate it like any field).
    /// `base_version` is the version the editor started from (`None` for a
    /// new translation).
    pub async fn save_translation(
        &self,
        code: &Code,
        lang: &LangTag,
        fields: &TextFields,
        source_revision: i64,
        base_version: Option<i64>,
        actor: &Actor,
    ) -> anyhow::Result<Saved> {
        let Some(p) = self.procedure(code).await? else {
            return Ok(Saved::NoSuchProcedure);
        };
        anyhow::ensure!(
            lang.to_string() != "ja",
            "the Japanese text is the source, saved with update_source"
        );
        let current = p.text(lang).cloned();
        if current.as_ref().map(|t| t.version) != base_version {
            return self.conflict_or_missing(code, lang).await;
        }
        let c = code.as_str();
        let l = lang.to_string();
        let source_revision = source_revision.clamp(1, p.revision);
        let mut tx = self.write().await?;
        let id = procedure_id(tx.on(), c).await?;
        // Re-check inside the transaction: the write lock is held from here.
        let now_version = scalar!(
            fetch_optional,
            tx.on(),
            i64,
            "SELECT version FROM procedure_texts WHERE procedure_id = ? AND lang = ?",
            id,
            l
        )?;
        if now_version != base_version {
            drop(tx);
            return self.conflict_or_missing(code, lang).await;
        }
        let text = ProcedureText {
            lang: lang.clone(),
            revision: source_revision,
            updated: super::now(),
            version: 1,
            fields: fields.clone(),
        };
        insert_text(tx.on(), id, &text).await?;
        let before = current.map(|t| text_json(&t.fields));
        let after = text_json(fields);
        let action = if before.is_some() {
            "text.update"
        } else {
            "text.create"
        };
        audit::record(
            tx.on(),
            actor,
            action,
            &format!("{c}/{l}"),
            Some(c),
            before.as_ref(),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(Saved::Saved)
    }

    /// Saves texts from a translation file in one transaction, each
    /// replacing that language's text of its procedure (other languages are
    /// untouched) and recorded in the audit log.
    pub async fn save_texts(&self, texts: &[(Code, ProcedureText)], actor: &Actor) -> anyhow::Result<()> {
        let mut tx = self.write().await?;
        for (code, t) in texts {
            let c = code.as_str();
            let id = procedure_id(tx.on(), c).await?;
            insert_text(tx.on(), id, t).await?;
            let after = text_json(&t.fields);
            audit::record(
                tx.on(),
                actor,
                "text.import",
                &format!("{c}/{}", t.lang),
                Some(c),
                None,
                Some(&after),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    async fn conflict_or_missing(&self, code: &Code, lang: &LangTag) -> anyhow::Result<Saved> {
        Ok(match self.procedure(code).await? {
            None => Saved::NoSuchProcedure,
            Some(p) => match p.text(lang) {
                Some(t) => Saved::Conflict(Box::new(t.clone())),
                // Deleted in between: saving again creates it.
                None => Saved::Conflict(Box::new(ProcedureText {
                    lang: lang.clone(),
                    revision: p.revision,
                    updated: String::new(),
                    version: 0,
                    fields: TextFields::default(),
                })),
            },
        })
    }

    /// What readers of this procedure's out-of-date translations get.
    /// Returns false when there is no such procedure.
    pub async fn set_stale_policy(
        &self,
        code: &Code,
        policy: StalePolicy,
        actor: &Actor,
    ) -> anyhow::Result<bool> {
        let Some(p) = self.procedure(code).await? else {
            return Ok(false);
        };
        if p.stale == policy {
            return Ok(true);
        }
        let (c, s, now) = (code.as_str(), policy.as_str(), super::now());
        let mut tx = self.write().await?;
        exec!(
            tx.on(),
            "UPDATE procedures SET stale_policy = ?, updated_at = ? WHERE code = ?",
            s,
            now,
            c
        )?;
        let before = serde_json::json!({ "stale_policy": p.stale.as_str() });
        let after = serde_json::json!({ "stale_policy": s });
        audit::record(
            tx.on(),
            actor,
            "procedure.stale_policy",
            c,
            Some(c),
            Some(&before),
            Some(&after),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Publishes, archives or returns a procedure to draft. Archiving
    /// stores, per language, the note shown to people who scan an old
    /// poster.
    pub async fn set_status(
        &self,
        code: &Code,
        status: Status,
        ended_notes: &[(LangTag, String)],
        actor: &Actor,
    ) -> anyhow::Result<bool> {
        let Some(p) = self.procedure(code).await? else {
            return Ok(false);
        };
        let (c, s, now) = (code.as_str(), status.as_str(), super::now());
        let mut tx = self.write().await?;
        exec!(
            tx.on(),
            "UPDATE procedures SET status = ?, updated_at = ? WHERE code = ?",
            s,
            now,
            c
        )?;
        for (lang, note) in ended_notes {
            let l = lang.to_string();
            exec!(
                tx.on(),
                "UPDATE procedure_texts SET ended_note = ?, version = version + 1
                 WHERE lang = ? AND procedure_id = (SELECT id FROM procedures WHERE code = ?)",
                note,
                l,
                c
            )?;
        }
        let before = serde_json::json!({ "status": p.status.as_str() });
        let notes: serde_json::Map<String, serde_json::Value> = ended_notes
            .iter()
            .map(|(l, n)| (l.to_string(), n.clone().into()))
            .collect();
        let after = serde_json::json!({ "status": s, "ended_note": notes });
        let action = format!(
            "procedure.{}",
            match status {
                // Out of archived: the code stops answering 410.
                _ if p.status == Status::Archived && status != Status::Archived => "restore",
                Status::Published => "publish",
                Status::Archived => "archive",
                Status::Draft => "unpublish",
            }
        );
        audit::record(tx.on(), actor, &action, c, Some(c), Some(&before), Some(&after)).await?;
        tx.commit().await?;
        Ok(true)
    }
}

/// The row id of the procedure with this code (one that must exist: it
/// was read just before, and procedures are never deleted).
async fn procedure_id(on: On<'_>, code: &str) -> anyhow::Result<i64> {
    scalar!(
        fetch_optional,
        on,
        i64,
        "SELECT id FROM procedures WHERE code = ?",
        code
    )?
    .with_context(|| format!("no procedure {code}"))
}

/// `fields` with the archive note as `stored` has it. The Japanese note
/// is set only by archiving ([`Store::set_status`], editors only): the
/// source form has no note field, so a source edit never changes it.
/// (Translations carry their own note, translated like any other field.)
fn keeping_the_ended_note(fields: &TextFields, stored: Option<&ProcedureText>) -> TextFields {
    TextFields {
        ended_note: stored.map(|t| t.fields.ended_note.clone()).unwrap_or_default(),
        ..fields.clone()
    }
}
