//! Loading locale folders (`locales/{tag}/*.ftl`) and formatting messages
//! with a fallback chain, so a label is never blank and never a raw id.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Mutex};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use rust_embed::RustEmbed;

use super::check::{self, File, Folder, REFERENCE, Sources};
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

/// A problem that kept a locale folder from being served: one found by
/// the validator ([`check::check`]), the same `locales check` prints.
pub type LoadProblem = check::Problem;

/// The loaded locales, shared by every tenant's view of them.
#[derive(Clone)]
pub struct Locales {
    loaded: Arc<Loaded>,
    /// The languages offered (all loaded, unless [`Locales::only`]
    /// narrowed them), in the picker's order.
    tags: Vec<LangTag>,
}

struct Loaded {
    locales: Vec<Locale>,
    /// (locale, message id) pairs already reported missing.
    reported: Mutex<HashSet<(String, String)>>,
}

impl Locales {
    /// The locales embedded in the binary.
    pub fn embedded() -> (Locales, Vec<LoadProblem>) {
        Locales::build(Sources {
            root: "locales".into(),
            folders: embedded_folders(),
            ..Sources::default()
        })
    }

    /// The locales in `dir`, one sub-folder per language. English from the
    /// binary is added when the folder has none, as the last fallback.
    /// Folders the validator finds errors in are left out, and the
    /// problems returned (each with its file, line and column).
    pub fn from_dir(dir: &Path) -> std::io::Result<(Locales, Vec<LoadProblem>)> {
        let mut sources = check::read_dir(dir)?;
        if !sources.folders.iter().any(|f| f.name == REFERENCE) {
            sources.folders.extend(embedded_reference());
        }
        let retry = sources.clone();
        let (locales, problems) = Locales::build(sources);
        if locales.tags.iter().any(|t| t.to_string() == REFERENCE) {
            return Ok((locales, problems));
        }
        // A broken English folder: the built-in one keeps every label
        // filled, and the others are compared with it instead.
        let mut problems: Vec<LoadProblem> = problems.into_iter().filter(|p| p.locale == REFERENCE).collect();
        let mut sources = retry;
        sources.folders.retain(|f| f.name != REFERENCE);
        sources.unreadable.retain(|p| p.locale != REFERENCE);
        sources.folders.extend(embedded_reference());
        let (locales, others) = Locales::build(sources);
        problems.extend(others);
        problems.push(LoadProblem {
            locale: REFERENCE.into(),
            ..check::Problem::at(
                &format!("{}/{REFERENCE}", dir.display()),
                "using the built-in English instead",
            )
        });
        Ok((locales, problems))
    }

    /// Validates the folders and loads those with no blocking problem.
    pub(crate) fn build(sources: Sources) -> (Locales, Vec<LoadProblem>) {
        let report = check::check(&sources);
        // A folder's own errors keep it out; the glossary's are for
        // translators (`locales check`) and keep nothing out.
        let folder = |p: &LoadProblem| sources.folders.iter().any(|f| f.name == p.locale);
        let mut problems: Vec<LoadProblem> = report
            .problems
            .into_iter()
            .filter(|p| p.blocks() && folder(p))
            .collect();
        let mut locales = Vec::new();
        for folder in sources.folders {
            let blocked = problems.iter().filter(|p| p.locale == folder.name).count();
            if blocked > 0 {
                problems.push(LoadProblem {
                    locale: folder.name.clone(),
                    ..check::Problem::at(
                        &format!("{}/{}", sources.root, folder.name),
                        &format!(
                            "folder not served: {blocked} error{} (see `madoguchi locales check`)",
                            if blocked == 1 { "" } else { "s" }
                        ),
                    )
                });
                continue;
            }
            match load_folder(&sources.root, folder) {
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
                loaded: Arc::new(Loaded { locales, reported }),
                tags,
            },
            problems,
        )
    }

    /// The same locales offering only `langs` (a tenant's choice) and
    /// Japanese, the language every procedure is written in; the others
    /// still fill missing messages as fallbacks. Empty `langs`: all.
    pub fn only(&self, langs: &[LangTag]) -> Locales {
        let tags = self
            .tags
            .iter()
            .filter(|t| langs.is_empty() || langs.contains(t) || t.to_string() == "ja")
            .cloned()
            .collect();
        Locales {
            loaded: self.loaded.clone(),
            tags,
        }
    }

    /// The locales offered, in the picker's order.
    pub fn all(&self) -> Vec<&Locale> {
        self.tags.iter().filter_map(|t| self.get(t)).collect()
    }

    pub fn tags(&self) -> &[LangTag] {
        &self.tags
    }

    /// A loaded locale, offered or not (the staff pages' Japanese and
    /// English, whatever languages a tenant offers its residents).
    pub fn loaded(&self, tag: &LangTag) -> Option<&Locale> {
        self.loaded.locales.iter().find(|l| &l.tag == tag)
    }

    /// An offered locale.
    pub fn get(&self, tag: &LangTag) -> Option<&Locale> {
        if !self.tags.contains(tag) {
            return None;
        }
        self.loaded.locales.iter().find(|l| &l.tag == tag)
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
                    .find_map(|f| self.all().into_iter().find(|l| l.tag.to_string() == *f))
            })
            .or_else(|| self.tags.first().and_then(|t| self.get(t)))
            .unwrap_or(&self.loaded.locales[0])
    }

    /// Whether message `id` exists in `locale` itself, no fallback.
    pub fn has_own_message(&self, locale: &Locale, id: &str) -> bool {
        locale.bundle.has_message(id)
    }

    /// Whether message `id` exists in `locale` or a fallback language
    /// (for words chosen at run time, such as one per audit action).
    pub fn has_message(&self, locale: &Locale, id: &str) -> bool {
        std::iter::once(locale)
            .chain(
                self.loaded
                    .locales
                    .iter()
                    .filter(|l| FALLBACKS.contains(&l.tag.to_string().as_str())),
            )
            .any(|l| l.bundle.has_message(id))
    }

    /// Formats message `id` in `locale`, falling back to English, then
    /// Japanese. A miss is logged once per locale and id.
    pub fn format(&self, locale: &Locale, id: &str, args: Option<&FluentArgs>) -> String {
        let chain = std::iter::once(locale).chain(
            FALLBACKS
                .iter()
                .filter_map(|f| self.loaded.locales.iter().find(|l| l.tag.to_string() == *f)),
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
        let mut reported = self.loaded.reported.lock().unwrap_or_else(|p| p.into_inner());
        if reported.insert(key) {
            tracing::warn!(locale = %tag, message = id, "{what}");
        }
    }
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
        let file = File {
            path: format!("locales/{dir}/{file}"),
            text,
        };
        match folders.iter_mut().find(|f| f.name == dir) {
            Some(f) => f.files.push(file),
            None => folders.push(Folder {
                name: dir.to_owned(),
                files: vec![file],
            }),
        }
    }
    for f in &mut folders {
        f.files.sort_by(|a, b| a.path.cmp(&b.path));
    }
    folders.sort_by(|a, b| a.name.cmp(&b.name));
    folders
}

/// The reference folder built into the binary.
pub fn embedded_reference() -> Vec<Folder> {
    embedded_folders()
        .into_iter()
        .filter(|f| f.name == REFERENCE)
        .collect()
}

/// Makes the bundle of a folder the validator passed.
fn load_folder(root: &str, folder: Folder) -> Result<Locale, Vec<LoadProblem>> {
    let dir_path = format!("{root}/{}", folder.name);
    let problem = |message: String| LoadProblem {
        locale: folder.name.clone(),
        ..check::Problem::at(&dir_path, &message)
    };
    let tag = LangTag::parse(&folder.name).map_err(|e| vec![problem(format!("{e}; folder skipped"))])?;
    let mut bundle = FluentBundle::new_concurrent(vec![tag.id().clone()]);
    // Without this, output carries invisible U+2068/U+2069 around variables.
    bundle.set_use_isolating(false);
    for file in &folder.files {
        // The validator parsed these already; a failure here is a bug in it.
        let resource = FluentResource::try_new(file.text.clone()).map_err(|_| {
            vec![problem(format!(
                "{}: cannot be parsed; folder skipped",
                file.path
            ))]
        })?;
        bundle
            .add_resource(resource)
            .map_err(|e| vec![problem(format!("{}: {e:?}; folder skipped", file.path))])?;
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
        return Err(vec![problem("no language-name message; folder skipped".into())]);
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
#[path = "locales_tests.rs"]
mod tests;
