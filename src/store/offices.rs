//! Offices and their translations, and linking procedures to them.

use std::collections::BTreeMap;

use super::db::{On, Tx, exec, rows, scalar};
use super::{Store, audit};
use crate::domain::{Actor, Code, LangTag, Office, OfficeFields};
use crate::transfer::Transfer;
use anyhow::Context;

#[derive(sqlx::FromRow)]
struct OfficeRow {
    id: i64,
    lang: String,
    name: String,
    address: String,
    floor: String,
    counter: String,
    hours: String,
}

fn fields_json(f: &OfficeFields) -> serde_json::Value {
    serde_json::to_value(f).expect("plain data serialises")
}

async fn upsert_text(on: On<'_>, id: i64, lang: &LangTag, f: &OfficeFields) -> anyhow::Result<()> {
    let l = lang.to_string();
    exec!(on, "INSERT INTO office_texts (office_id, lang, name, address, floor, counter, hours) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (office_id, lang) DO UPDATE SET name = excluded.name, address = excluded.address,
             floor = excluded.floor, counter = excluded.counter, hours = excluded.hours",
        id,
        l,
        f.name,
        f.address,
        f.floor,
        f.counter,
        f.hours)?;
    Ok(())
}

impl Store {
    pub async fn offices(&self) -> anyhow::Result<Vec<Office>> {
        let mut c = self.conn().await?;
        let rows = rows!(
            fetch_all,
            c.on(),
            OfficeRow,
            "SELECT o.id, t.lang, t.name, t.address, t.floor, t.counter, t.hours
             FROM offices o JOIN office_texts t ON t.office_id = o.id ORDER BY o.id, t.lang"
        )?;
        let mut by_id: BTreeMap<i64, Vec<(LangTag, OfficeFields)>> = BTreeMap::new();
        for r in rows {
            let lang =
                LangTag::parse(&r.lang).with_context(|| format!("stored office language {:?}", r.lang))?;
            let f = OfficeFields {
                name: r.name,
                address: r.address,
                floor: r.floor,
                counter: r.counter,
                hours: r.hours,
            };
            by_id.entry(r.id).or_default().push((lang, f));
        }
        Ok(by_id
            .into_iter()
            .map(|(id, texts)| Office { id, texts })
            .collect())
    }

    pub async fn office(&self, id: i64) -> anyhow::Result<Option<Office>> {
        Ok(self.offices().await?.into_iter().find(|o| o.id == id))
    }

    pub async fn create_office(&self, ja: &OfficeFields, actor: &Actor) -> anyhow::Result<i64> {
        let mut tx = self.write().await?;
        let id = scalar!(
            fetch_one,
            tx.on(),
            i64,
            r#"INSERT INTO offices DEFAULT VALUES RETURNING id AS "id!""#
        )?;
        upsert_text(tx.on(), id, &LangTag::parse("ja").expect("tag"), ja).await?;
        audit::record(
            tx.on(),
            actor,
            "office.create",
            &format!("office:{id}"),
            None,
            None,
            Some(&fields_json(ja)),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn save_office_text(
        &self,
        id: i64,
        lang: &LangTag,
        f: &OfficeFields,
        actor: &Actor,
    ) -> anyhow::Result<bool> {
        let Some(before) = self.office(id).await? else {
            return Ok(false);
        };
        let before = before.text(lang).map(fields_json);
        let mut tx = self.write().await?;
        upsert_text(tx.on(), id, lang, f).await?;
        let entity = format!("office:{id}/{lang}");
        audit::record(
            tx.on(),
            actor,
            "office.update",
            &entity,
            None,
            before.as_ref(),
            Some(&fields_json(f)),
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Points a procedure at an office, or at none.
    pub async fn set_procedure_office(
        &self,
        code: &Code,
        office: Option<i64>,
        actor: &Actor,
    ) -> anyhow::Result<()> {
        let c = code.as_str();
        let mut tx = self.write().await?;
        exec!(
            tx.on(),
            "UPDATE procedures SET office_id = ? WHERE code = ?",
            office,
            c
        )?;
        let after = serde_json::json!({ "office": office });
        audit::record(tx.on(), actor, "procedure.office", c, Some(c), None, Some(&after)).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Writes a checked import file in one transaction: offices by id, then
    /// procedures (see [`Store::save_procedures`]).
    pub async fn import(&self, t: &Transfer, actor: &Actor) -> anyhow::Result<()> {
        let mut tx = self.write().await?;
        self.import_in(&mut tx, t, actor).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Imports `t` only into a store without procedures (the samples at a
    /// first start), checked under the write lock: of servers starting
    /// together on one new database, one imports. Whether it did.
    pub async fn import_if_empty(&self, t: &Transfer, actor: &Actor) -> anyhow::Result<bool> {
        let mut tx = self.write().await?;
        let n = scalar!(
            fetch_one,
            tx.on(),
            i64,
            r#"SELECT count(*) AS "n!: i64" FROM procedures"#
        )?;
        if n > 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        self.import_in(&mut tx, t, actor).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn import_in(&self, tx: &mut Tx, t: &Transfer, actor: &Actor) -> anyhow::Result<()> {
        for o in &t.offices {
            exec!(
                tx.on(),
                "INSERT INTO offices (id) VALUES (?) ON CONFLICT (id) DO NOTHING",
                o.id
            )?;
            let langs =
                serde_json::to_string(&o.texts.iter().map(|(l, _)| l.to_string()).collect::<Vec<_>>())?;
            exec!(
                tx.on(),
                [
                    "DELETE FROM office_texts WHERE office_id = ? AND lang NOT IN (SELECT value FROM json_each(?))",
                    "DELETE FROM office_texts WHERE office_id = ? AND lang NOT IN (SELECT json_array_elements_text(?::json))"
                ],
                o.id,
                langs
            )?;
            for (lang, f) in &o.texts {
                upsert_text(tx.on(), o.id, lang, f).await?;
            }
            audit::record(
                tx.on(),
                actor,
                "office.import",
                &format!("office:{}", o.id),
                None,
                None,
                None,
            )
            .await?;
        }
        if let On::Postgres(c) = tx.on() {
            // Offices came with their own ids: the next one made here must
            // not draw an id taken (SQLite takes the largest plus one).
            sqlx::query(
                "SELECT setval(pg_get_serial_sequence('offices', 'id'), (SELECT max(id) FROM offices))
                 WHERE EXISTS (SELECT 1 FROM offices)",
            )
            .execute(c)
            .await?;
        }
        self.save_procedures_in(tx.on(), &t.procedures, actor).await?;
        Ok(())
    }
}
