//! The bundled sample procedures (sample content, not official city text).

use crate::store::Store;
use crate::transfer::Transfer;

/// Where the samples are in the source tree (for `locales check`).
pub const FILE: &str = "assets/samples/procedures.json";
pub const SAMPLES: &str = include_str!("../assets/samples/procedures.json");

/// The samples, parsed; they are checked by the same rules as any import.
pub fn samples() -> anyhow::Result<Transfer> {
    Ok(crate::transfer::parse(SAMPLES, &crate::store::now())?)
}

/// Loads the samples when the store has no procedures at all.
/// Returns how many were loaded.
pub async fn load_if_empty(store: &Store) -> anyhow::Result<usize> {
    if store.procedure_count().await? > 0 {
        return Ok(0);
    }
    let samples = samples()?;
    let loaded = store
        .import_if_empty(&samples, &crate::domain::Actor::system("samples"))
        .await?;
    Ok(if loaded { samples.procedures.len() } else { 0 })
}
