//! A whole database as one JSON file (`madoguchi archive export|import`):
//! what a municipality takes with it from one service to another — from
//! its own SQLite install into a shared service's tenant, or between
//! PostgreSQL and SQLite. Every table of its data, row by row; not the
//! sessions, the page caches' `changes`, the sign-in throttle or the
//! tenant list (the service's, not the municipality's).
//!
//! The statements are built from a fixed table list and the columns the
//! database itself reports, never from the file; PostgreSQL reads each
//! table's rows with `json_populate_recordset` and SQLite with `json_each`.

use std::cmp::Ordering;

use anyhow::Context;
use serde_json::{Map, Value};

use super::db::{Conn, On};
use super::{Store, audit};
use crate::domain::Actor;

pub const FORMAT: &str = "madoguchi-archive";
pub const VERSION: i64 = 1;

/// The tables, parents first, each with the columns that order its rows.
const TABLES: &[(&str, &[&str])] = &[
    ("categories", &["slug"]),
    ("category_names", &["slug", "lang"]),
    ("offices", &["id"]),
    ("office_texts", &["office_id", "lang"]),
    ("procedures", &["id"]),
    ("procedure_texts", &["procedure_id", "lang"]),
    ("users", &["id"]),
    ("api_tokens", &["id"]),
    ("audit_log", &["id"]),
    ("scan_counts", &["day", "code", "requested", "served", "source"]),
];

/// Tables whose `id` PostgreSQL numbers (its sequence set after an import).
const NUMBERED: &[&str] = &["offices", "procedures", "users", "api_tokens", "audit_log"];

type Rows = Vec<Map<String, Value>>;

/// Values in key order: numbers as numbers, text bytewise (as SQLite and
/// PostgreSQL's `COLLATE "C"` sort), so both databases write the same file.
fn compare(a: &Map<String, Value>, b: &Map<String, Value>, keys: &[&str]) -> Ordering {
    keys.iter()
        .map(|k| match (&a[*k], &b[*k]) {
            (Value::Number(x), Value::Number(y)) => x.as_i64().cmp(&y.as_i64()),
            (Value::String(x), Value::String(y)) => x.as_bytes().cmp(y.as_bytes()),
            (x, y) => x.to_string().cmp(&y.to_string()),
        })
        .find(|o| o.is_ne())
        .unwrap_or(Ordering::Equal)
}

/// The table's columns as the database has them.
async fn columns(on: &mut On<'_>, table: &str) -> anyhow::Result<Vec<String>> {
    let names: Vec<String> = match on {
        On::Sqlite(c) => {
            sqlx::query_scalar("SELECT name FROM pragma_table_info(?) ORDER BY cid")
                .bind(table)
                .fetch_all(&mut **c)
                .await?
        }
        On::Postgres(c) => {
            sqlx::query_scalar(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(&mut **c)
            .await?
        }
    };
    anyhow::ensure!(!names.is_empty(), "the database has no table {table}");
    Ok(names)
}

async fn read_table(on: &mut On<'_>, table: &str, keys: &[&str]) -> anyhow::Result<Rows> {
    let json: String = match on {
        On::Sqlite(c) => {
            let cols = columns(&mut On::Sqlite(c), table).await?;
            let pairs: Vec<String> = cols.iter().map(|col| format!("'{col}', \"{col}\"")).collect();
            let sql = format!(
                "SELECT json_group_array(json_object({})) FROM \"{table}\"",
                pairs.join(", ")
            );
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&mut **c)
                .await?
        }
        On::Postgres(c) => {
            let sql = format!("SELECT coalesce(json_agg(t), '[]')::text FROM \"{table}\" t");
            sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .fetch_one(&mut **c)
                .await?
        }
    };
    let mut rows: Rows = serde_json::from_str(&json).with_context(|| format!("reading {table}"))?;
    rows.sort_by(|a, b| compare(a, b, keys));
    Ok(rows)
}

async fn schema_version(on: &mut On<'_>) -> anyhow::Result<i64> {
    run(on, "SELECT coalesce(max(version), 0) FROM _sqlx_migrations", true).await
}

/// Runs one statement of ours; with `count`, returns its one number.
async fn run(on: &mut On<'_>, sql: &str, count: bool) -> anyhow::Result<i64> {
    let sql = sqlx::AssertSqlSafe(sql.to_owned());
    Ok(match (on, count) {
        (On::Sqlite(c), true) => sqlx::query_scalar(sql).fetch_one(&mut **c).await?,
        (On::Postgres(c), true) => sqlx::query_scalar(sql).fetch_one(&mut **c).await?,
        (On::Sqlite(c), false) => sqlx::query(sql).execute(&mut **c).await?.rows_affected() as i64,
        (On::Postgres(c), false) => sqlx::query(sql).execute(&mut **c).await?.rows_affected() as i64,
    })
}

async fn insert_table(on: &mut On<'_>, table: &str, rows: &Rows) -> anyhow::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let cols = columns(on, table).await?;
    for (i, row) in rows.iter().enumerate() {
        if let Some(k) = row.keys().find(|k| !cols.contains(k)) {
            anyhow::bail!("{table}, row {}: no column {k:?} in this version", i + 1);
        }
    }
    let json = Value::Array(rows.iter().cloned().map(Value::Object).collect()).to_string();
    let list = cols
        .iter()
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ");
    match on {
        On::Sqlite(c) => {
            let values: Vec<String> = cols
                .iter()
                .map(|col| format!("json_extract(value, '$.\"{col}\"')"))
                .collect();
            let sql = format!(
                "INSERT INTO \"{table}\" ({list}) SELECT {} FROM json_each(?) ORDER BY key",
                values.join(", ")
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(json)
                .execute(&mut **c)
                .await?;
        }
        On::Postgres(c) => {
            let sql = format!(
                "INSERT INTO \"{table}\" ({list}) SELECT {list} FROM json_populate_recordset(NULL::\"{table}\", $1::json)"
            );
            sqlx::query(sqlx::AssertSqlSafe(sql))
                .bind(json)
                .execute(&mut **c)
                .await?;
            if NUMBERED.contains(&table) {
                let sql = format!(
                    "SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), max(id)) FROM \"{table}\""
                );
                sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut **c).await?;
            }
        }
    }
    Ok(())
}

async fn archive_of(mut on: On<'_>) -> anyhow::Result<String> {
    let mut tables = Map::new();
    for (table, keys) in TABLES {
        let rows = read_table(&mut on, table, keys).await?;
        tables.insert(
            (*table).to_owned(),
            Value::Array(rows.into_iter().map(Value::Object).collect()),
        );
    }
    let archive = serde_json::json!({
        "format": FORMAT,
        "version": VERSION,
        "schema": schema_version(&mut on).await?,
        "tables": tables,
    });
    Ok(serde_json::to_string_pretty(&archive)? + "\n")
}

impl Store {
    /// Every table of the municipality's data, as the archive file: read
    /// in one transaction, so a server writing meanwhile cannot make the
    /// file disagree with itself.
    pub async fn export_archive(&self) -> anyhow::Result<String> {
        use sqlx::Connection;
        let mut c = self.conn().await?;
        match &mut c {
            Conn::Sqlite(c) => {
                let mut tx = c.begin().await?;
                let archive = archive_of(On::Sqlite(&mut tx)).await;
                tx.rollback().await?;
                archive
            }
            Conn::Postgres(c) => {
                let mut tx = c
                    .begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                    .await?;
                let archive = archive_of(On::Postgres(&mut tx)).await;
                tx.rollback().await?;
                archive
            }
        }
    }

    /// Loads an archive into this database, which must hold no data yet
    /// (no procedure, office or account): all of it in one transaction,
    /// or nothing. The file must come from the same schema version.
    pub async fn import_archive(&self, json: &str, actor: &Actor) -> anyhow::Result<()> {
        let archive: Value = serde_json::from_str(json).context("not a JSON file")?;
        anyhow::ensure!(
            archive["format"] == FORMAT && archive["version"] == VERSION,
            "not a madoguchi archive (format {FORMAT}, version {VERSION})"
        );
        let tables = archive["tables"]
            .as_object()
            .context("an archive without tables")?;
        if let Some(unknown) = tables.keys().find(|k| !TABLES.iter().any(|(t, _)| t == k)) {
            anyhow::bail!("the archive has a table this version does not know: {unknown}");
        }
        let mut tx = self.write().await?;
        let mut on = tx.on();
        let here = schema_version(&mut on).await?;
        anyhow::ensure!(
            archive["schema"].as_i64() == Some(here),
            "the archive is of database version {}, this one of {here}: export it again with this version",
            archive["schema"]
        );
        for table in ["procedures", "offices", "users"] {
            let n = run(&mut on, &format!("SELECT count(*) FROM {table}"), true).await?;
            anyhow::ensure!(
                n == 0,
                "this database has {table} already: an archive goes into an empty one"
            );
        }
        // Categories a migration made (the samples' names) give way to the archive's.
        run(&mut on, "DELETE FROM category_names", false).await?;
        run(&mut on, "DELETE FROM categories", false).await?;
        for (table, _) in TABLES {
            let rows: Rows = match tables.get(*table) {
                Some(Value::Array(rows)) => rows
                    .iter()
                    .map(|r| {
                        r.as_object()
                            .cloned()
                            .with_context(|| format!("{table}: a row that is not an object"))
                    })
                    .collect::<anyhow::Result<_>>()?,
                Some(_) => anyhow::bail!("{table}: not a list of rows"),
                None => Vec::new(),
            };
            insert_table(&mut on, table, &rows)
                .await
                .with_context(|| format!("loading {table}"))?;
        }
        audit::record(on.re(), actor, "archive.import", "archive", None, None, None).await?;
        tx.commit().await?;
        Ok(())
    }
}
