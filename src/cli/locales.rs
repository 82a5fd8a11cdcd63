//! `madoguchi locales new TAG [DIR]`: a new locale folder (see
//! `i18n::scaffold`), checked before it is kept.
//!
//! `madoguchi locales check [DIR] [--samples FILE]`: problems on stdout,
//! one a line, then a summary per locale; fails (exit 1) when there is any
//! error. Without DIR, the bundled locales (`./locales`) are checked and so
//! are the bundled sample procedures, against the glossary: residents read
//! them like the page's own words.

use std::io::{BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;

use crate::domain::LangTag;
use crate::i18n::{check, scaffold};
use clap::Subcommand;

pub fn check(dir: Option<&Path>, samples: Option<&Path>) -> anyhow::Result<()> {
    let bundled = dir.is_none();
    let dir = dir.unwrap_or(Path::new("locales"));
    let sources = check::read_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    let mut report = check::check(&sources);
    let samples = match samples {
        Some(file) => {
            let json =
                std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
            Some((file.display().to_string(), json))
        }
        None if bundled => Some((
            crate::samples::FILE.to_owned(),
            crate::samples::SAMPLES.to_owned(),
        )),
        None => None,
    };
    if let Some((path, json)) = samples {
        report
            .problems
            .extend(check::check_samples(&sources, &path, &json));
    }
    for p in &report.problems {
        println!("{p}");
    }
    for s in &report.summaries {
        println!("{s}");
    }
    match report.errors() {
        0 => Ok(()),
        n => anyhow::bail!("{n} errors in {}", dir.display()),
    }
}

pub fn new(o: NewLocale) -> anyhow::Result<()> {
    let tag = LangTag::parse(&o.tag)?;
    let folder = o.dir.join(tag.to_string());
    if folder.exists() {
        anyhow::bail!("{} exists already: nothing was made", folder.display());
    }
    let sources = check::read_dir(&o.dir).with_context(|| format!("reading {}", o.dir.display()))?;
    let reference = match sources.folders.iter().find(|f| f.name == check::REFERENCE) {
        Some(f) => f.files.clone(),
        None => crate::i18n::embedded_reference()
            .into_iter()
            .flat_map(|f| f.files)
            .collect(),
    };
    let (name, name_ja) = names(&tag, o.name, o.name_ja)?;
    let files = scaffold::files(&tag, &name, &name_ja, &reference);
    std::fs::create_dir(&folder).with_context(|| format!("making {}", folder.display()))?;
    for (file, text) in &files {
        let path = folder.join(file);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
    }
    // What would keep the folder from being served (a name another
    // language has): refuse it now rather than at start-up.
    let report = check::check(&check::read_dir(&o.dir)?);
    let tag_name = tag.to_string();
    let blocking: Vec<_> = report
        .problems
        .iter()
        .filter(|p| p.locale == tag_name && p.blocks())
        .collect();
    if !blocking.is_empty() {
        for p in &blocking {
            eprintln!("{p}");
        }
        std::fs::remove_dir_all(&folder).with_context(|| format!("removing {}", folder.display()))?;
        anyhow::bail!("{} could not be served: nothing was made", folder.display());
    }
    let missing = report
        .summaries
        .iter()
        .find(|s| s.locale == tag_name)
        .map_or(0, |s| s.missing);
    for (file, _) in &files {
        println!("{}", folder.join(file).display());
    }
    println!(
        "{tag}: {missing} messages to translate, commented out and shown in English until then; \
         `madoguchi locales check {}` lists them",
        o.dir.display()
    );
    Ok(())
}

/// The language's names from the flags, else asked for on the terminal.
fn names(tag: &LangTag, name: Option<String>, name_ja: Option<String>) -> anyhow::Result<(String, String)> {
    let interactive = std::io::stdin().is_terminal();
    if !interactive && (name.is_none() || name_ja.is_none()) {
        anyhow::bail!(
            "the language's names are needed: give --name (in {tag} itself) and --name-ja (in Japanese); \
             there is no terminal to ask on"
        );
    }
    let ask = |given: Option<String>, question: &str| -> anyhow::Result<String> {
        let answer = match given {
            Some(v) => v,
            None => {
                eprint!("{question}: ");
                std::io::stderr().flush()?;
                let mut line = String::new();
                std::io::stdin().lock().read_line(&mut line)?;
                line
            }
        };
        let answer = answer.trim().to_owned();
        if answer.is_empty() {
            anyhow::bail!("{question}: an empty name cannot be shown in the language picker");
        }
        Ok(answer)
    };
    let name = ask(
        name,
        &format!("The language's name in {tag} itself (language-name)"),
    )?;
    let name_ja = ask(name_ja, "Its name in Japanese (language-name-ja)")?;
    Ok((name, name_ja))
}

#[derive(Debug, Subcommand)]
pub enum LocalesCommand {
    /// Compare every locale folder with the reference (en): syntax, missing and
    /// obsolete messages, variables, references, plural forms, empty values,
    /// duplicates, markup, and words the glossary (DIR/glossary.tsv) marks wrong.
    Check {
        /// Folder of locale folders (default: ./locales, and then the bundled
        /// sample procedures are checked against the glossary too).
        dir: Option<PathBuf>,
        /// Procedure texts (import format) to check against the glossary.
        #[arg(long)]
        samples: Option<PathBuf>,
    },
    /// Start a new language: DIR/TAG/ with the public message files of the
    /// reference, every message commented out (shown in English meanwhile)
    /// but the language's names, asked for on the terminal or given as flags.
    New(NewLocale),
}

#[derive(Debug, clap::Args)]
pub struct NewLocale {
    /// The language tag, e.g. fr, uk, zh-Hant.
    pub tag: String,
    /// Folder of locale folders.
    #[arg(default_value = "locales")]
    pub dir: PathBuf,
    /// The language's name in itself (language-name), e.g. Français.
    #[arg(long)]
    pub name: Option<String>,
    /// The language's name in Japanese (language-name-ja), e.g. フランス語.
    #[arg(long)]
    pub name_ja: Option<String>,
}
