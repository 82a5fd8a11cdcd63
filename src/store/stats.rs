//! Scan counts: written in batches, read for the staff dashboard and CSV.

use super::Store;
use super::db::{exec, rows, scalar};
use crate::stats::ScanKey;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ScanRow {
    pub day: String,
    pub code: String,
    pub requested: String,
    pub served: String,
    pub source: String,
    pub count: i64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Tally {
    pub key: String,
    pub count: i64,
}

/// Distinct requested languages stored per day; further ones count as
/// `OTHER_LANGUAGE`. Real phones ask for a few dozen; a flood of invented tags
/// must not grow the table or push the real ones off the ranking.
pub const MAX_REQUESTED_PER_DAY: i64 = 64;
/// Rows per day, all keys together; beyond it a scan is added to the
/// day's one overflow row (no code, `OTHER_LANGUAGE`), so totals stay right.
pub const MAX_ROWS_PER_DAY: i64 = 5_000;
/// The requested language of folded counts (not a language tag).
pub const OTHER_LANGUAGE: &str = "*";

impl Store {
    /// Adds counts, within the per-day bounds above (checked against what
    /// is stored, so restarts and other processes cannot exceed them).
    pub async fn add_scans(&self, batch: &[(ScanKey, i64)]) -> anyhow::Result<()> {
        use std::collections::{HashMap, HashSet};
        let mut tx = self.write().await?;
        // Per day: (rows stored, distinct requested values stored).
        let mut days: HashMap<&str, (i64, HashSet<String>)> = HashMap::new();
        for (k, n) in batch {
            if !days.contains_key(k.day.as_str()) {
                let rows = scalar!(
                    fetch_one,
                    tx.on(),
                    i64,
                    r#"SELECT count(*) AS "n!: i64" FROM scan_counts WHERE day = ?"#,
                    k.day
                )?;
                let requested = scalar!(
                    fetch_all,
                    tx.on(),
                    String,
                    "SELECT DISTINCT requested FROM scan_counts WHERE day = ?",
                    k.day
                )?;
                days.insert(&k.day, (rows, requested.into_iter().collect()));
            }
            let (rows, requested) = days.get_mut(k.day.as_str()).expect("just inserted");
            let mut key = k.clone();
            // A language we serve as asked is bounded by the locales: never folded.
            if key.requested != key.served && !requested.contains(&key.requested) {
                if (requested.len() as i64) < MAX_REQUESTED_PER_DAY {
                    requested.insert(key.requested.clone());
                } else {
                    key.requested = OTHER_LANGUAGE.to_owned();
                }
            }
            let updated = exec!(
                tx.on(),
                "UPDATE scan_counts SET count = count + ?
                 WHERE day = ? AND code = ? AND requested = ? AND served = ? AND source = ?",
                n,
                key.day,
                key.code,
                key.requested,
                key.served,
                key.source
            )?;
            if updated > 0 {
                continue;
            }
            if *rows >= MAX_ROWS_PER_DAY {
                key = ScanKey {
                    day: key.day,
                    code: String::new(),
                    requested: OTHER_LANGUAGE.to_owned(),
                    served: String::new(),
                    source: String::new(),
                };
            }
            let inserted = exec!(tx.on(), "INSERT INTO scan_counts (day, code, requested, served, source, count) VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (day, code, requested, served, source) DO UPDATE SET count = scan_counts.count + excluded.count",
                key.day,
                key.code,
                key.requested,
                key.served,
                key.source,
                n)?;
            // An upsert into the overflow row may add it once.
            if inserted > 0 {
                *rows += 1;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every row since `from_day` (inclusive), oldest first, for CSV.
    pub async fn scans_since(&self, from_day: &str) -> anyhow::Result<Vec<ScanRow>> {
        let mut c = self.conn().await?;
        Ok(rows!(
            fetch_all,
            c.on(),
            ScanRow,
            "SELECT day, code, requested, served, source, count FROM scan_counts WHERE day >= ?
             ORDER BY day, code, requested, served, source",
            from_day
        )?)
    }

    pub async fn scans_per_day(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        let mut c = self.conn().await?;
        Ok(rows!(
            fetch_all,
            c.on(),
            Tally,
            r#"SELECT day AS key, CAST(sum(count) AS BIGINT) AS "count!: i64" FROM scan_counts WHERE day >= ? GROUP BY day ORDER BY day"#,
            from_day
        )?)
    }

    pub async fn scans_per_procedure(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        let mut c = self.conn().await?;
        Ok(rows!(
            fetch_all,
            c.on(),
            Tally,
            r#"SELECT code AS key, CAST(sum(count) AS BIGINT) AS "count!: i64" FROM scan_counts WHERE day >= ?
               GROUP BY code ORDER BY 2 DESC, 1 LIMIT 50"#,
            from_day
        )?)
    }

    /// Requested languages with their counts, most asked first.
    pub async fn scans_per_requested(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        let mut c = self.conn().await?;
        Ok(rows!(
            fetch_all,
            c.on(),
            Tally,
            r#"SELECT requested AS key, CAST(sum(count) AS BIGINT) AS "count!: i64" FROM scan_counts WHERE day >= ?
               GROUP BY requested ORDER BY 2 DESC, 1"#,
            from_day
        )?)
    }

    pub async fn scans_per_source(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        let mut c = self.conn().await?;
        Ok(rows!(
            fetch_all,
            c.on(),
            Tally,
            r#"SELECT source AS key, CAST(sum(count) AS BIGINT) AS "count!: i64" FROM scan_counts WHERE day >= ?
               GROUP BY source ORDER BY 2 DESC, 1"#,
            from_day
        )?)
    }
}
