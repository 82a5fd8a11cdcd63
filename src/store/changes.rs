//! The change counter (migrations/0003): bumped by triggers on every write
//! to procedures or their texts, whichever process made it.

use super::Store;

impl Store {
    /// The current value of the change counter. Equal values mean nothing
    /// a guidance page shows has changed in between.
    pub async fn change_counter(&self) -> anyhow::Result<i64> {
        Ok(
            sqlx::query_scalar!(r#"SELECT value AS "value!: i64" FROM change_counter WHERE id = 1"#)
                .fetch_one(self.pool())
                .await?,
        )
    }
}
