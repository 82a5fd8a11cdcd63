//! `madoguchi translations export|import`: procedure texts for translators.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum;

use crate::domain::LangTag;
use crate::store::Store;
use crate::translations::{self, ftl, xliff};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Fluent, for translators who edit text files.
    Ftl,
    /// XLIFF 2.0, for CAT tools (memoQ, Trados, OmegaT).
    Xliff,
}

impl Format {
    /// XLIFF for `.xlf`/`.xliff`, Fluent otherwise.
    pub fn of(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("xlf" | "xliff") => Format::Xliff,
            _ => Format::Ftl,
        }
    }
}

pub async fn export(
    db: &Path,
    lang: &str,
    format: Option<Format>,
    output: Option<PathBuf>,
) -> anyhow::Result<()> {
    let lang = LangTag::parse(lang)?;
    let format = format.unwrap_or_else(|| output.as_deref().map_or(Format::Ftl, Format::of));
    let store = Store::open_existing(db).await?;
    let units = translations::units(&store.all_procedures().await?, &lang);
    let text = match format {
        Format::Ftl => ftl::export(&lang, &units),
        Format::Xliff => xliff::export(&lang, &units),
    };
    match output {
        Some(path) => std::fs::write(&path, text).with_context(|| format!("writing {}", path.display())),
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}

pub async fn import(db: &Path, file: &Path) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
    let store = Store::open_existing(db).await?;
    let procedures = store.all_procedures().await?;
    let parsed = match Format::of(file) {
        Format::Ftl => ftl::parse(&text),
        Format::Xliff => xliff::parse(&text),
    };
    let checked = translations::check(&procedures, parsed, &crate::store::now());
    match checked {
        Ok((lang, changed)) => {
            let texts: Vec<_> = changed
                .iter()
                .filter_map(|p| p.text(&lang).map(|t| (p.code.clone(), t.clone())))
                .collect();
            store
                .save_texts(&texts, &crate::domain::Actor::system("translations-import"))
                .await?;
            eprintln!("imported {lang} texts of {} procedures", changed.len());
            Ok(())
        }
        Err(problems) => {
            for p in &problems {
                eprintln!("{}:{p}", file.display());
            }
            anyhow::bail!("{} problems; nothing was imported", problems.len())
        }
    }
}
