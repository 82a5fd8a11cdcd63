//! Loading locale folders (`locales/{tag}/*.ftl`) and formatting messages
//! with a fallback chain, so a label is never blank and never a raw id.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Mutex;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use rust_embed::RustEmbed;

use super::negotiate;
use crate::domain::LangTag;

/// The locale folders shipped inside the binary.
#[derive(RustEmbed)]
#[folder = "locales/"]
#[include = "*/*.ftl"]
struct Embedded;

/// The languages every chain ends with: the reference, then the source.
const FALLBACKS: [&str; 2] = ["en", "ja"];

/// やさしい日本語 (Easy Japanese). No phone asks for it, and a phone set to
/// Japanese must get ordinary Japanese, so it is chosen only when asked for
/// by exactly this tag (`?lang=` or the cookie), never by negotiation.
/// `ja-Hira` because unic-langid rejects the private-use `ja-x-easy`, and
/// a registered script subtag keeps the tag valid BCP 47 that screen
/// readers and fonts still read as Japanese; see README.md.
pub const EASY_JAPANESE: &str = "ja-Hira";

pub struct Locale {
    pub tag: LangTag,
    /// The language's name in its own script, from its own file.
    pub name: String,
    /// The language's name in Japanese, for the card shown to staff.
    pub name_ja: String,
    bundle: FluentBundle<FluentResource>,
}

/// A problem that made a locale folder be skipped at load.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadProblem {
    /// `locales/vi/main.ftl` or the folder alone.
    pub path: String,
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for LoadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.path, self.line, self.message)
    }
}

pub struct Locales {
    locales: Vec<Locale>,
    tags: Vec<LangTag>,
    /// (locale, message id) pairs already reported missing.
    reported: Mutex<HashSet<(String, String)>>,
}

/// One folder's files, before parsing.
#[derive(Clone)]
struct Folder {
    name: String,
    files: Vec<(String, String)>,
}

impl Locales {
    /// The locales embedded in the binary.
    pub fn embedded() -> (Locales, Vec<LoadProblem>) {
        Locales::build("locales", embedded_folders())
    }

    /// The locales in `dir`, one sub-folder per language. English from the
    /// binary is added when the folder has none, as the last fallback.
    pub fn from_dir(dir: &Path) -> std::io::Result<(Locales, Vec<LoadProblem>)> {
        let root = dir.display().to_string();
        let mut folders = Vec::new();
        let mut unreadable = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            if !entry.file_type()?.is_dir() {
                continue;
            }
            let name = entry.file_name().to_string_lossy().into_owned();
            // A file that cannot be read (not UTF-8, permissions) skips
            // its folder, like a syntax error, instead of stopping start-up.
            match read_folder(&entry.path()) {
                Ok(files) => folders.push(Folder { name, files }),
                Err((path, line, message)) => unreadable.push(LoadProblem {
                    path: path.display().to_string(),
                    line,
                    message: format!("{message}; folder skipped"),
                }),
            }
        }
        if !folders.iter().any(|f| f.name == "en") {
            folders.extend(embedded_folders().into_iter().filter(|f| f.name == "en"));
        }
        let retry = folders.clone();
        let (locales, mut problems) = Locales::build(&root, folders);
        problems.splice(0..0, unreadable);
        if locales.tags.iter().any(|t| t.to_string() == "en") {
            return Ok((locales, problems));
        }
        // A broken English folder: the built-in one keeps every label filled.
        let mut folders: Vec<Folder> = retry.into_iter().filter(|f| f.name != "en").collect();
        folders.extend(embedded_folders().into_iter().filter(|f| f.name == "en"));
        let (locales, _) = Locales::build(&root, folders);
        problems.push(LoadProblem {
            path: format!("{root}/en"),
            line: 0,
            message: "using the built-in English instead".into(),
        });
        Ok((locales, problems))
    }

    fn build(root: &str, mut folders: Vec<Folder>) -> (Locales, Vec<LoadProblem>) {
        folders.sort_by(|a, b| a.name.cmp(&b.name));
        let mut problems = Vec::new();
        let mut locales = Vec::new();
        for folder in folders {
            match load_folder(root, folder) {
                Ok(locale) => locales.push(locale),
                Err(p) => problems.extend(p),
            }
        }
        // Japanese, Easy Japanese next to it, English, the rest by tag:
        // the picker's order.
        locales.sort_by_key(|l| {
            let t = l.tag.to_string();
            (t != "ja", t != EASY_JAPANESE, t != "en", t)
        });
        let tags = locales.iter().map(|l| l.tag.clone()).collect();
        let reported = Mutex::new(HashSet::new());
        (
            Locales {
                locales,
                tags,
                reported,
            },
            problems,
        )
    }

    pub fn all(&self) -> &[Locale] {
        &self.locales
    }

    pub fn tags(&self) -> &[LangTag] {
        &self.tags
    }

    pub fn get(&self, tag: &LangTag) -> Option<&Locale> {
        self.locales.iter().find(|l| &l.tag == tag)
    }

    /// The locale that best serves `requested`; English, then Japanese,
    /// when none does.
    /// Easy Japanese only when requested by its exact tag.
    pub fn negotiate(&self, requested: &[LangTag]) -> &Locale {
        let explicit = |t: &LangTag| t.to_string() == EASY_JAPANESE;
        let available: Vec<LangTag> = self
            .tags
            .iter()
            .filter(|t| !explicit(t) || requested.iter().any(|r| r == *t))
            .cloned()
            .collect();
        negotiate(requested, &available)
            .and_then(|t| self.get(t))
            .or_else(|| {
                FALLBACKS
                    .iter()
                    .find_map(|f| self.locales.iter().find(|l| l.tag.to_string() == *f))
            })
            .unwrap_or(&self.locales[0])
    }

    /// Formats message `id` in `locale`, falling back to English, then
    /// Japanese. A miss is logged once per locale and id.
    pub fn format(&self, locale: &Locale, id: &str, args: Option<&FluentArgs>) -> String {
        let chain = std::iter::once(locale).chain(
            FALLBACKS
                .iter()
                .filter_map(|f| self.locales.iter().find(|l| l.tag.to_string() == *f)),
        );
        for (i, l) in chain.enumerate() {
            let Some(pattern) = l.bundle.get_message(id).and_then(|m| m.value()) else {
                continue;
            };
            if i > 0 {
                self.report_once(&locale.tag, id, "missing; using a fallback language");
            }
            let mut errors = Vec::new();
            let text = l.bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                self.report_once(&l.tag, id, &format!("{errors:?}"));
            }
            return text.into_owned();
        }
        self.report_once(&locale.tag, id, "missing in every language");
        // Unreachable with the shipped English; still never an empty label.
        id.replace('-', " ")
    }

    fn report_once(&self, tag: &LangTag, id: &str, what: &str) {
        let key = (tag.to_string(), id.to_owned());
        let mut reported = self.reported.lock().unwrap_or_else(|p| p.into_inner());
        if reported.insert(key) {
            tracing::warn!(locale = %tag, message = id, "{what}");
        }
    }
}

/// A folder's `.ftl` files as (name, text), sorted; or where reading failed
/// as (path, line, why).
fn read_folder(dir: &Path) -> Result<Vec<(String, String)>, (std::path::PathBuf, usize, String)> {
    let mut files = Vec::new();
    let entries = std::fs::read_dir(dir).map_err(|e| (dir.to_owned(), 0, e.to_string()))?;
    for entry in entries {
        let path = entry.map_err(|e| (dir.to_owned(), 0, e.to_string()))?.path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| (path.clone(), 0, e.to_string()))?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = line_of(&String::from_utf8_lossy(valid), valid.len());
            (path.clone(), line, "not UTF-8 text".to_owned())
        })?;
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        files.push((name, text));
    }
    files.sort();
    Ok(files)
}

fn embedded_folders() -> Vec<Folder> {
    let mut folders: Vec<Folder> = Vec::new();
    for path in Embedded::iter() {
        let Some((dir, file)) = path.split_once('/') else {
            continue;
        };
        let Some(content) = Embedded::get(&path) else {
            continue;
        };
        let text = String::from_utf8_lossy(&content.data).into_owned();
        match folders.iter_mut().find(|f| f.name == dir) {
            Some(f) => f.files.push((file.to_owned(), text)),
            None => folders.push(Folder {
                name: dir.to_owned(),
                files: vec![(file.to_owned(), text)],
            }),
        }
    }
    for f in &mut folders {
        f.files.sort();
    }
    folders
}

/// 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn load_folder(root: &str, folder: Folder) -> Result<Locale, Vec<LoadProblem>> {
    let dir_path = format!("{root}/{}", folder.name);
    let problem = |path: &str, line: usize, message: String| LoadProblem {
        path: path.to_owned(),
        line,
        message,
    };
    let tag = LangTag::parse(&folder.name)
        .map_err(|e| vec![problem(&dir_path, 0, format!("{e}; folder skipped"))])?;
    let mut bundle = FluentBundle::new_concurrent(vec![tag.id().clone()]);
    // Without this, output carries invisible U+2068/U+2069 around variables.
    bundle.set_use_isolating(false);
    let mut problems = Vec::new();
    for (file, text) in folder.files {
        let path = format!("{dir_path}/{file}");
        match FluentResource::try_new(text.clone()) {
            Ok(resource) => {
                if let Err(errors) = bundle.add_resource(resource) {
                    for e in errors {
                        problems.push(problem(&path, 0, e.to_string()));
                    }
                }
            }
            Err((_, errors)) => {
                for e in errors {
                    // The broken entry's first line: where a translator looks.
                    let at = e.slice.as_ref().map_or(e.pos.start, |s| s.start);
                    problems.push(problem(&path, line_of(&text, at), e.kind.to_string()));
                }
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let plain = |id: &str| {
        let mut errors = Vec::new();
        bundle
            .get_message(id)
            .and_then(|m| m.value())
            .map(|p| bundle.format_pattern(p, None, &mut errors).into_owned())
            .filter(|s| !s.trim().is_empty())
    };
    let Some(name) = plain("language-name") else {
        return Err(vec![problem(
            &dir_path,
            0,
            "no language-name message; folder skipped".into(),
        )]);
    };
    let name_ja = plain("language-name-ja").unwrap_or_else(|| name.clone());
    Ok(Locale {
        tag,
        name,
        name_ja,
        bundle,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(name: &str, ftl: &str) -> Folder {
        Folder {
            name: name.into(),
            files: vec![("main.ftl".into(), ftl.into())],
        }
    }

    #[test]
    fn broken_folders_are_reported_with_line_and_skipped() {
        let (locales, problems) = Locales::build(
            "loc",
            vec![
                folder("en", "language-name = English\nhello = Hello { $name }\n"),
                folder("vi", "language-name = Tiếng Việt\n\nbroken = {\n"),
                folder("not a tag", "language-name = X\n"),
            ],
        );
        assert_eq!(locales.tags().len(), 1);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.path == "loc/vi/main.ftl" && p.line == 3),
            "{problems:?}"
        );
        assert!(problems.iter().any(|p| p.path == "loc/not a tag"));
    }

    #[test]
    fn missing_messages_fall_back_and_variables_are_clean() {
        let (locales, _) = Locales::build(
            "loc",
            vec![
                folder(
                    "en",
                    "language-name = English\nhello = Hello { $name }\nonly-en = Only\n",
                ),
                folder("ko", "language-name = 한국어\nhello = 안녕하세요 { $name }\n"),
            ],
        );
        let ko = locales.get(&LangTag::parse("ko").unwrap()).unwrap();
        let mut args = FluentArgs::new();
        args.set("name", "Kim");
        assert_eq!(locales.format(ko, "hello", Some(&args)), "안녕하세요 Kim");
        assert_eq!(locales.format(ko, "only-en", None), "Only");
        assert_eq!(locales.format(ko, "no-such-id", None), "no such id");
    }

    #[test]
    fn the_shipped_locales_load_cleanly() {
        let (locales, problems) = Locales::embedded();
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            locales.all()[0].tag.to_string(),
            if locales.tags().len() > 1 { "ja" } else { "en" }
        );
    }
}
