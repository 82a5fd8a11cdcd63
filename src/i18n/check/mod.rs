//! The one locale validator, modelled on Mozilla's compare-locales. It is
//! what `madoguchi locales check` prints, and what start-up and the live
//! reload load by: a folder with a problem that [`Problem::blocks`] is
//! not served (at start-up it is skipped; on a reload the previous words
//! stay). Every locale folder is compared with the reference (English);
//! each problem is reported as `path:line:column: severity: message`, then
//! a summary per locale.
//!
//! Positions come from fluent-syntax's AST: parsing a `&str` yields
//! identifiers and text that are slices of the source, so a slice's
//! address gives its exact offset.

use std::fmt;
use std::path::Path;

use crate::domain::LangTag;

mod compare;
pub mod glossary;
mod identical;
mod plurals;
mod refs;
mod scan;
#[cfg(test)]
mod tests;

pub use glossary::Glossary;
pub use scan::File;
pub(crate) use scan::line_col;
use scan::parse_locale;

/// The reference every other locale is compared with.
pub const REFERENCE: &str = "en";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    pub message: String,
    /// The locale folder it belongs to (empty: the folder of folders).
    pub locale: String,
    /// A missing message or attribute: an error for the translator, but
    /// the page shows the English one meanwhile, so it does not keep the
    /// folder from being served.
    pub falls_back: bool,
}

impl Problem {
    /// A problem of a whole folder or file, at its start.
    pub fn at(path: &str, message: &str) -> Problem {
        problem(path, 1, 1, Severity::Error, message.to_owned())
    }

    /// Whether the folder cannot be served as it is: residents would see
    /// a broken label (`{$langage}`, `{no-such-message}`, `???`).
    pub fn blocks(&self) -> bool {
        self.severity == Severity::Error && !self.falls_back
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            self.path, self.line, self.column, self.severity, self.message
        )
    }
}

/// One locale's counts, for the summary line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub locale: String,
    pub messages: usize,
    pub missing: usize,
    pub obsolete: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} messages, {} missing, {} obsolete; {} errors, {} warnings",
            self.locale, self.messages, self.missing, self.obsolete, self.errors, self.warnings
        )
    }
}

#[derive(Debug, Default)]
pub struct Report {
    pub problems: Vec<Problem>,
    pub summaries: Vec<Summary>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }
}

/// One locale folder's `.ftl` files.
#[derive(Debug, Clone)]
pub struct Folder {
    pub name: String,
    pub files: Vec<File>,
}

/// What is checked: the locale folders, the glossary if there is one,
/// and the files that could not be read at all.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub root: String,
    pub folders: Vec<Folder>,
    pub glossary: Option<File>,
    pub unreadable: Vec<Problem>,
}

/// Reads every locale folder in `dir` (and its glossary). A file that
/// cannot be read (not UTF-8, permissions) is a problem of its folder.
pub fn read_dir(dir: &Path) -> std::io::Result<Sources> {
    let root = dir.display().to_string();
    let mut sources = Sources {
        root: root.clone(),
        ..Sources::default()
    };
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !entry.file_type()?.is_dir() {
            if name == glossary::FILE
                && let Ok(text) = read_text(&entry.path(), "", &mut sources.unreadable)
            {
                let path = entry.path().display().to_string();
                sources.glossary = Some(File { path, text });
            }
            continue;
        }
        let mut files = Vec::new();
        let listing = match std::fs::read_dir(entry.path()) {
            Ok(l) => l.collect::<Result<Vec<_>, _>>(),
            Err(e) => Err(e),
        };
        match listing {
            Ok(list) => {
                for file in list {
                    let path = file.path();
                    if path.extension().is_some_and(|e| e == "ftl")
                        && let Ok(text) = read_text(&path, &name, &mut sources.unreadable)
                    {
                        let path = path.display().to_string();
                        files.push(File { path, text });
                    }
                }
            }
            Err(e) => sources.unreadable.push(Problem {
                locale: name.clone(),
                ..problem(&format!("{root}/{name}"), 1, 1, Severity::Error, e.to_string())
            }),
        }
        files.sort_by(|a, b| a.path.cmp(&b.path));
        sources.folders.push(Folder { name, files });
    }
    sources.folders.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(sources)
}

/// A file's text; where that fails, a problem with the line and column of
/// the first byte that is not UTF-8.
fn read_text(path: &Path, locale: &str, problems: &mut Vec<Problem>) -> Result<String, ()> {
    let shown = path.display().to_string();
    let fail = |line, column, message: String| Problem {
        locale: locale.to_owned(),
        ..problem(&shown, line, column, Severity::Error, message)
    };
    let bytes = std::fs::read(path).map_err(|e| problems.push(fail(1, 1, e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| {
        let valid = String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]).into_owned();
        let (line, column) = line_col(&valid, valid.len());
        problems.push(fail(line, column, "not UTF-8 text".into()));
    })
}

/// Sample procedure texts (`path`, the import format's JSON) checked
/// against the glossary of `sources`: residents read them like the page's
/// own words. Problems of the glossary itself are reported by [`check`].
pub fn check_samples(sources: &Sources, path: &str, json: &str) -> Vec<Problem> {
    let glossary = sources
        .glossary
        .as_ref()
        .map(|f| Glossary::parse(&f.path, &f.text, &mut Vec::new()))
        .unwrap_or_default();
    glossary::check_samples(path, json, &glossary)
}

/// Checks every locale folder in `dir`.
pub fn check_dir(dir: &Path) -> std::io::Result<Report> {
    Ok(check(&read_dir(dir)?))
}

/// Files of the reference that only some languages need: the staff
/// interface's words are required in Japanese and optional elsewhere
/// (residents never see them).
pub const STAFF_FILES: [&str; 1] = ["admin.ftl"];

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

/// The validator: every check on every folder of `sources`.
pub fn check(sources: &Sources) -> Report {
    let root = sources.root.as_str();
    let mut report = Report::default();
    let mut glossary_problems = Vec::new();
    let glossary = sources
        .glossary
        .as_ref()
        .map(|f| Glossary::parse(&f.path, &f.text, &mut glossary_problems))
        .unwrap_or_default();
    report.problems.extend(glossary_problems);
    // A glossary that could not be read.
    let folder = |p: &&Problem| sources.folders.iter().any(|f| f.name == p.locale);
    report
        .problems
        .extend(sources.unreadable.iter().filter(|p| !folder(p)).cloned());
    let mut parsed = Vec::new();
    for Folder { name, files } in &sources.folders {
        let mut problems: Vec<Problem> = sources
            .unreadable
            .iter()
            .filter(|p| &p.locale == name)
            .cloned()
            .collect();
        let tag = LangTag::parse(name);
        if let Err(e) = &tag {
            problems.push(problem(
                &format!("{root}/{name}"),
                1,
                1,
                Severity::Error,
                e.to_string(),
            ));
        }
        if files.is_empty() {
            problems.push(problem(
                &format!("{root}/{name}"),
                1,
                1,
                Severity::Error,
                "no .ftl files in this folder".into(),
            ));
        }
        let p = parse_locale(files, glossary.avoid(name), &mut problems);
        refs::check(&p, &mut problems);
        if let Ok(tag) = &tag {
            plurals::check(tag.id(), &p, &mut problems);
        }
        if !files.is_empty() && !p.entries.contains_key("language-name") {
            problems.push(problem(
                &p.first_file,
                1,
                1,
                Severity::Error,
                "no “language-name” message: the language picker cannot name this language".into(),
            ));
        }
        parsed.push((name.clone(), p, problems));
    }
    for (folder, p) in identical::duplicate_names(&sources.folders) {
        if let Some((_, _, problems)) = parsed.iter_mut().find(|(n, _, _)| *n == folder) {
            problems.push(p);
        }
    }
    let reference = parsed
        .iter()
        .position(|(n, _, _)| n == REFERENCE)
        .map(|i| &parsed[i].1);
    let reference_files = sources.folders.iter().find(|f| f.name == REFERENCE);
    if reference.is_none() {
        report.problems.push(problem(
            root,
            1,
            1,
            Severity::Error,
            format!("no reference locale “{REFERENCE}” to compare with"),
        ));
    }
    for (name, locale, problems) in &parsed {
        let mut summary = Summary {
            locale: name.clone(),
            messages: locale.entries.len(),
            ..Summary::default()
        };
        let mut problems = problems.clone();
        // A folder whose name is not a tag is never loaded: nothing to compare.
        let loadable = LangTag::parse(name).is_ok();
        if let Some(reference) = reference.filter(|_| name != REFERENCE && loadable) {
            let has = |file: &str| {
                sources
                    .folders
                    .iter()
                    .any(|f| &f.name == name && f.files.iter().any(|f| file_name(&f.path) == file))
            };
            let optional = |ref_path: &str| {
                let file = file_name(ref_path);
                STAFF_FILES.contains(&file) && name != "ja" && !has(file)
            };
            compare::compare(reference, locale, &optional, &mut problems, &mut summary);
            if let (Some(r), Some(l)) = (reference_files, sources.folders.iter().find(|f| &f.name == name)) {
                problems.extend(identical::identical(&r.files, l));
            }
        }
        problems.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
        for p in &mut problems {
            p.locale = name.clone();
            match p.severity {
                Severity::Error => summary.errors += 1,
                Severity::Warning => summary.warnings += 1,
            }
        }
        report.problems.extend(problems);
        report.summaries.push(summary);
    }
    report
}

fn problem(path: &str, line: usize, column: usize, severity: Severity, message: String) -> Problem {
    Problem {
        path: path.to_owned(),
        line,
        column,
        severity,
        message,
        locale: String::new(),
        falls_back: false,
    }
}
