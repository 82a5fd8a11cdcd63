//! Which procedures changed (migrations/0009): triggers on procedures,
//! their texts and office texts write one row per touched code, whichever
//! process wrote, so a server drops only the pages of those codes.

use super::Store;
use super::db::{On, exec, rows, scalar};
use crate::domain::Code;

/// The most changes read one by one; past this the caller starts afresh.
const MAX_READ: i64 = 1_000;

#[derive(sqlx::FromRow)]
struct ChangeRow {
    seq: i64,
    code: Option<String>,
}

/// What changed since a reader's last look.
#[derive(Debug, PartialEq, Eq)]
pub enum Changed {
    Nothing,
    Codes(Vec<Code>),
    /// Too much, pruned past, or not said: drop everything.
    Everything,
}

#[derive(Debug)]
pub struct Changes {
    /// The newest change seen: pass it to the next call.
    pub seq: i64,
    pub changed: Changed,
}

impl Store {
    /// Records that what is shown for `code` changed without its data
    /// changing (its recordings were made), so every server's page cache
    /// drops the code's pages and renders them with the player.
    pub async fn note_changed(&self, code: &Code) -> anyhow::Result<()> {
        let mut c = self.conn().await?;
        let code = code.as_str();
        exec!(c.on(), "INSERT INTO changes (code) VALUES (?)", code)?;
        Ok(())
    }

    /// The changes after `seen` (the `seq` of a previous call; `None` the
    /// first time, which answers [`Changed::Everything`]).
    pub async fn changes_since(&self, seen: Option<i64>) -> anyhow::Result<Changes> {
        let Some(seen) = seen else {
            return self.everything().await;
        };
        // The last seen row itself is read too: if it is gone, rows after
        // it may have been pruned unread.
        let mut c = self.conn().await?;
        let rows = rows!(
            fetch_all,
            c.on(),
            ChangeRow,
            r#"SELECT seq AS "seq!: i64", code FROM changes WHERE seq >= ? ORDER BY seq LIMIT ?"#,
            seen,
            MAX_READ + 2
        )?;
        match rows.first() {
            Some(first) if first.seq == seen && rows.len() as i64 <= MAX_READ + 1 => {}
            _ => return everything_in(c.on()).await,
        }
        let seq = rows.last().map_or(seen, |r| r.seq);
        if rows.len() == 1 {
            return Ok(Changes {
                seq,
                changed: Changed::Nothing,
            });
        }
        let mut codes: Vec<Code> = Vec::with_capacity(rows.len() - 1);
        for row in &rows[1..] {
            match row.code.as_deref().map(Code::parse) {
                Some(Ok(code)) => codes.push(code),
                _ => {
                    return Ok(Changes {
                        seq,
                        changed: Changed::Everything,
                    });
                }
            }
        }
        codes.sort_unstable();
        codes.dedup();
        Ok(Changes {
            seq,
            changed: Changed::Codes(codes),
        })
    }

    async fn everything(&self) -> anyhow::Result<Changes> {
        let mut c = self.conn().await?;
        everything_in(c.on()).await
    }
}

/// The newest change, and "everything" as what changed.
async fn everything_in(on: On<'_>) -> anyhow::Result<Changes> {
    let seq = scalar!(
        fetch_one,
        on,
        i64,
        r#"SELECT MAX(seq) AS "seq!: i64" FROM changes"#
    )?;
    Ok(Changes {
        seq,
        changed: Changed::Everything,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Actor, OfficeFields};

    fn code(s: &str) -> Code {
        Code::parse(s).unwrap()
    }

    async fn samples() -> Vec<Store> {
        let mut stores = crate::store::scratch::each().await;
        for store in &mut stores {
            crate::samples::load_if_empty(store).await.unwrap();
        }
        stores
    }

    async fn insert(store: &Store, code: Option<&str>, times: i64) {
        let mut c = store.conn().await.unwrap();
        exec!(
            c.on(),
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
             INSERT INTO changes (code) SELECT ? FROM n",
            times,
            code
        )
        .unwrap();
    }

    async fn count(store: &Store) -> i64 {
        let mut c = store.conn().await.unwrap();
        scalar!(
            fetch_one,
            c.on(),
            i64,
            r#"SELECT COUNT(*) AS "n!: i64" FROM changes"#
        )
        .unwrap()
    }

    #[tokio::test]
    async fn each_write_names_the_codes_it_touched() {
        for store in samples().await {
            each_write_names_the_codes_it_touched_in(&store).await;
        }
    }

    async fn each_write_names_the_codes_it_touched_in(store: &Store) {
        let first = store.changes_since(None).await.unwrap();
        assert_eq!(first.changed, Changed::Everything, "a first look knows nothing");
        let none = store.changes_since(Some(first.seq)).await.unwrap();
        assert_eq!((none.seq, none.changed), (first.seq, Changed::Nothing));

        // A procedure's row, then its texts: one code, once.
        let mut k7q2 = store.procedure(&code("K7Q2")).await.unwrap().unwrap();
        k7q2.texts[0].fields.title.push('！');
        store
            .save_procedures(&[k7q2], &Actor::system("test"))
            .await
            .unwrap();
        let edit = store.changes_since(Some(first.seq)).await.unwrap();
        assert_eq!(edit.changed, Changed::Codes(vec![code("K7Q2")]));
        assert!(edit.seq > first.seq);

        // An office's text: the procedures done there, and only those.
        let actor = Actor::system("test");
        let fields = OfficeFields {
            name: "中央区役所".into(),
            address: "熊本市中央区".into(),
            floor: "1階".into(),
            counter: "3番".into(),
            hours: "8:30–17:15".into(),
        };
        let office = store.create_office(&fields, &actor).await.unwrap();
        store
            .set_procedure_office(&code("T6ZX"), Some(office), &actor)
            .await
            .unwrap();
        let linked = store.changes_since(Some(edit.seq)).await.unwrap();
        assert_eq!(linked.changed, Changed::Codes(vec![code("T6ZX")]));
        let ja = "ja".parse().unwrap();
        let moved = OfficeFields {
            floor: "2階".into(),
            ..fields
        };
        store.save_office_text(office, &ja, &moved, &actor).await.unwrap();
        let office_edit = store.changes_since(Some(linked.seq)).await.unwrap();
        assert_eq!(office_edit.changed, Changed::Codes(vec![code("T6ZX")]));
    }

    #[tokio::test]
    async fn too_many_pruned_or_unnamed_changes_mean_everything() {
        for store in samples().await {
            too_many_in(&store).await;
        }
    }

    async fn too_many_in(store: &Store) {
        let start = store.changes_since(None).await.unwrap().seq;
        insert(store, Some("K7Q2"), MAX_READ).await;
        let many = store.changes_since(Some(start)).await.unwrap();
        assert_eq!(
            many.changed,
            Changed::Codes(vec![code("K7Q2")]),
            "{MAX_READ} are read"
        );
        insert(store, Some("K7Q2"), MAX_READ + 1).await;
        let more = store.changes_since(Some(many.seq)).await.unwrap();
        assert_eq!(more.changed, Changed::Everything, "one more is too many");
        assert_eq!(
            more.seq,
            many.seq + MAX_READ + 1,
            "and the reader starts from the newest"
        );

        insert(store, None, 1).await;
        let unnamed = store.changes_since(Some(more.seq)).await.unwrap();
        assert_eq!(unnamed.changed, Changed::Everything);

        // 10,000 rows are kept: a reader behind that finds its row gone.
        insert(store, Some("T6ZX"), 10_000).await;
        assert_eq!(count(store).await, 10_000);
        let behind = store.changes_since(Some(unnamed.seq)).await.unwrap();
        assert_eq!(behind.changed, Changed::Everything);
    }
}
