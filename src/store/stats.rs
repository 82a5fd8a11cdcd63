//! Scan counts: written in batches, read for the staff dashboard and CSV.

use super::Store;
use crate::stats::ScanKey;

#[derive(Debug, Clone)]
pub struct ScanRow {
    pub day: String,
    pub code: String,
    pub requested: String,
    pub served: String,
    pub source: String,
    pub count: i64,
}

#[derive(Debug, Clone)]
pub struct Tally {
    pub key: String,
    pub count: i64,
}

impl Store {
    pub async fn add_scans(&self, batch: &[(ScanKey, i64)]) -> anyhow::Result<()> {
        let mut tx = self.write().await?;
        for (k, n) in batch {
            sqlx::query!(
                "INSERT INTO scan_counts (day, code, requested, served, source, count) VALUES (?, ?, ?, ?, ?, ?)
                 ON CONFLICT (day, code, requested, served, source) DO UPDATE SET count = count + excluded.count",
                k.day,
                k.code,
                k.requested,
                k.served,
                k.source,
                n
            )
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Every row since `from_day` (inclusive), oldest first, for CSV.
    pub async fn scans_since(&self, from_day: &str) -> anyhow::Result<Vec<ScanRow>> {
        Ok(sqlx::query_as!(
            ScanRow,
            "SELECT day, code, requested, served, source, count FROM scan_counts WHERE day >= ?
             ORDER BY day, code, requested, served, source",
            from_day
        )
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn scans_per_day(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        Ok(sqlx::query_as!(
            Tally,
            r#"SELECT day AS key, sum(count) AS "count!: i64" FROM scan_counts WHERE day >= ? GROUP BY day ORDER BY day"#,
            from_day
        )
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn scans_per_procedure(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        Ok(sqlx::query_as!(
            Tally,
            r#"SELECT code AS key, sum(count) AS "count!: i64" FROM scan_counts WHERE day >= ?
               GROUP BY code ORDER BY 2 DESC, 1 LIMIT 50"#,
            from_day
        )
        .fetch_all(self.pool())
        .await?)
    }

    /// Requested languages with their counts, most asked first.
    pub async fn scans_per_requested(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        Ok(sqlx::query_as!(
            Tally,
            r#"SELECT requested AS key, sum(count) AS "count!: i64" FROM scan_counts WHERE day >= ?
               GROUP BY requested ORDER BY 2 DESC, 1"#,
            from_day
        )
        .fetch_all(self.pool())
        .await?)
    }

    pub async fn scans_per_source(&self, from_day: &str) -> anyhow::Result<Vec<Tally>> {
        Ok(sqlx::query_as!(
            Tally,
            r#"SELECT source AS key, sum(count) AS "count!: i64" FROM scan_counts WHERE day >= ?
               GROUP BY source ORDER BY 2 DESC, 1"#,
            from_day
        )
        .fetch_all(self.pool())
        .await?)
    }
}
