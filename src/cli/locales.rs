//! `madoguchi locales check [DIR] [--samples FILE]`: problems on stdout,
//! one a line, then a summary per locale; fails (exit 1) when there is any
//! error. Without DIR, the bundled locales (`./locales`) are checked and so
//! are the bundled sample procedures, against the glossary: residents read
//! them like the page's own words.

use std::path::Path;

use anyhow::Context;

use crate::i18n::check;

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
