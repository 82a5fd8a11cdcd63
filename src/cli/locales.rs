//! `madoguchi locales check [DIR]`: problems on stdout, one a line, then a
//! summary per locale; fails (exit 1) when there is any error.

use std::path::Path;

use anyhow::Context;

use crate::i18n::check;

pub fn check(dir: &Path) -> anyhow::Result<()> {
    let report = check::check_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
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
