//! `madoguchi backup FILE`: a consistent copy of a live database.

use std::path::Path;

use anyhow::Context;

use crate::store::{Database, Store};

pub async fn backup(db: &Database, target: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        !target.exists(),
        "{} exists already; choose a new file name",
        target.display()
    );
    let store = Store::open_existing(db)
        .await
        .with_context(|| format!("opening {db}"))?;
    store
        .backup_to(target)
        .await
        .with_context(|| format!("writing {}", target.display()))?;
    let bytes = std::fs::metadata(target).map(|m| m.len()).unwrap_or(0);
    eprintln!("backed up {db} to {} ({bytes} bytes)", target.display());
    Ok(())
}
