//! `madoguchi archive export|import`: a whole database (the home one, or
//! `--tenant`'s) as one JSON file, to move a municipality (`store::archive`).

use std::io::Write;

use anyhow::Context;
use clap::Subcommand;

use crate::domain::Actor;
use crate::store::{Database, Store};

#[derive(Debug, Subcommand)]
pub enum ArchiveCommand {
    /// The whole database (or `--tenant`'s) as one JSON file: procedures,
    /// texts, offices, categories, accounts, API tokens, audit log and
    /// scan counts; not sessions. Holds password hashes: keep it safe.
    Export {
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<std::path::PathBuf>,
    },
    /// Load an archive into an empty database (or `--tenant`'s; see also
    /// `tenant add --from`): all or nothing.
    Import {
        file: std::path::PathBuf,
        /// Create the database when there is none yet.
        #[arg(long)]
        create: bool,
    },
}

pub async fn run(db: &Database, command: ArchiveCommand) -> anyhow::Result<()> {
    match command {
        ArchiveCommand::Export { output } => {
            let json = Store::open_existing(db).await?.export_archive().await?;
            match output {
                Some(path) => {
                    std::fs::write(&path, json).with_context(|| format!("writing {}", path.display()))
                }
                None => Ok(std::io::stdout().lock().write_all(json.as_bytes())?),
            }
        }
        ArchiveCommand::Import { file, create } => {
            let json =
                std::fs::read_to_string(&file).with_context(|| format!("reading {}", file.display()))?;
            let store = if create {
                Store::open_database(db, &Default::default()).await?
            } else {
                Store::open_existing(db).await?
            };
            store
                .import_archive(&json, &Actor::system("archive import"))
                .await
                .with_context(|| format!("{}: nothing was loaded", file.display()))?;
            eprintln!("loaded {} into {db}", file.display());
            Ok(())
        }
    }
}
