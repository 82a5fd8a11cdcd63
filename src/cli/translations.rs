//! `madoguchi translations export|import`: procedure texts for translators.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::{Subcommand, ValueEnum};

use crate::domain::LangTag;
use crate::i18n::check::Glossary;
use crate::store::{Database, Store};
use crate::translations::{self, ftl, tbx, xliff};

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
    db: &Database,
    lang: &str,
    pivot: Option<&str>,
    format: Option<Format>,
    output: Option<PathBuf>,
) -> anyhow::Result<()> {
    let lang = LangTag::parse(lang)?;
    let pivot = pivot.map(LangTag::parse).transpose()?;
    if let Some(p) = &pivot {
        // Japanese is the source already; the target language cannot guide itself.
        if p == &lang || (p.language() == "ja" && p.id().script.is_none()) {
            anyhow::bail!("--pivot {p}: choose a language other than {lang} and the Japanese source");
        }
    }
    let format = format.unwrap_or_else(|| output.as_deref().map_or(Format::Ftl, Format::of));
    let store = Store::open_existing(db).await?;
    let procedures = store.all_procedures().await?;
    let units = translations::units(&procedures, &lang);
    let pivot = pivot.map(|p| translations::Pivot::of(&procedures, &p));
    let text = match format {
        Format::Ftl => ftl::export_with(&lang, &units, pivot.as_ref()),
        Format::Xliff => xliff::export_with(&lang, &units, pivot.as_ref()),
    };
    match output {
        Some(path) => std::fs::write(&path, text).with_context(|| format!("writing {}", path.display())),
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}

pub async fn import(db: &Database, file: &Path) -> anyhow::Result<()> {
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

/// `translations glossary`: one language's glossary rows as TBX.
pub fn glossary(lang: &str, glossary: &Path, output: Option<PathBuf>) -> anyhow::Result<()> {
    let lang = LangTag::parse(lang)?;
    let text =
        std::fs::read_to_string(glossary).with_context(|| format!("reading {}", glossary.display()))?;
    let mut problems = Vec::new();
    let parsed = Glossary::parse(&glossary.display().to_string(), &text, &mut problems);
    if !problems.is_empty() {
        for p in &problems {
            eprintln!("{p}");
        }
        anyhow::bail!("{} problems in {}", problems.len(), glossary.display());
    }
    let concepts = tbx::concepts(parsed.avoid(&lang.to_string()));
    if concepts.is_empty() {
        anyhow::bail!("{} has no rows for {lang}", glossary.display());
    }
    let text = tbx::export(&lang, &concepts);
    match output {
        Some(path) => std::fs::write(&path, text).with_context(|| format!("writing {}", path.display())),
        None => Ok(std::io::stdout().lock().write_all(text.as_bytes())?),
    }
}

#[derive(Debug, Subcommand)]
pub enum TranslationsCommand {
    /// Every published procedure's texts for one language, to translate.
    Export {
        #[arg(long)]
        lang: String,
        /// A language to translate from beside the Japanese (e.g. en): its
        /// text, where up to date with the Japanese revision, in a note
        /// (XLIFF) or comment (Fluent).
        #[arg(long)]
        pivot: Option<String>,
        /// ftl or xliff (default: from the output's extension, else ftl).
        #[arg(long, value_enum)]
        format: Option<Format>,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Read translated texts back (.ftl, or .xlf/.xliff): all or nothing.
    Import { file: PathBuf },
    /// The glossary's terms for one language as TBX (ISO 30042, TBX-Basic),
    /// for CAT tools: the Japanese word, the preferred word, the words marked wrong.
    Glossary {
        #[arg(long)]
        lang: String,
        /// The glossary (lang, term, preferred, wrong; tab-separated).
        #[arg(long, default_value = "locales/glossary.tsv")]
        glossary: PathBuf,
        /// Write here instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}
