//! espeak-ng, found at start: its voices, its version, and a probe of each
//! voice with the language's own name.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::process;

#[derive(Debug, Clone)]
pub(super) struct Espeak {
    pub(super) bin: PathBuf,
    /// `espeak-ng --version`: an upgrade reads differently.
    pub(super) identity: String,
    pub(super) voices: BTreeSet<String>,
    /// Our tags whose voice exists but cannot read the language's own name
    /// (see [`PROBES`]).
    pub(super) unusable: BTreeSet<String>,
}

/// Our tags whose espeak-ng voice is not named by the language subtag.
const ESPEAK_NAMES: &[(&str, &str)] = &[
    ("en", "en-us"),
    ("zh-Hans", "cmn"),
    // Taiwan Mandarin: most readers of Traditional Chinese in Japan.
    ("zh-Hant", "cmn"),
    ("pt-BR", "pt-br"),
];

/// Each language's name in its own script: a voice that falls back to
/// English to read it (`(en)` in its phonemes) would read the whole text
/// letter by letter, as Debian's espeak-ng 1.51 does with Chinese (its
/// Mandarin dictionary is not packaged). Such a language gets no audio.
const PROBES: &[(&str, &str)] = &[
    ("zh-Hans", "中文"),
    ("zh-Hant", "中文"),
    ("ko", "한국어"),
    ("vi", "tiếng Việt"),
    ("ne", "नेपाली"),
    ("th", "ภาษาไทย"),
    ("my", "မြန်မာ"),
    ("si", "සිංහල"),
    ("bn", "বাংলা"),
    ("ur", "اردو"),
    ("hi", "हिन्दी"),
    ("km", "ខ្មែរ"),
    ("mn", "монгол"),
];

impl Espeak {
    /// The engine at `bin`, its voices probed; what cannot be used goes
    /// into `missing`.
    pub(super) fn detect(bin: PathBuf, work: &Path, missing: &mut Vec<String>) -> Option<Espeak> {
        let voices = match voices(&bin, work) {
            Ok(voices) => voices,
            Err(e) => {
                tracing::warn!(error = format!("{e:#}"), "espeak-ng does not list its voices");
                missing.push("espeak-ng: does not list its voices".to_owned());
                return None;
            }
        };
        let mut version = Command::new(&bin);
        version.arg("--version");
        let identity = process::output(version, work)
            .map(|v| v.lines().next().unwrap_or_default().trim().to_owned())
            .unwrap_or_default();
        let mut espeak = Espeak {
            bin,
            identity,
            voices,
            unusable: BTreeSet::new(),
        };
        for (tag, word) in PROBES {
            let Some(voice) = espeak.voice(tag) else {
                continue;
            };
            if !reads(&espeak.bin, &voice, word, work) {
                missing.push(format!(
                    "espeak-ng {voice}: cannot read {word}, so not used for {tag}"
                ));
                espeak.unusable.insert((*tag).to_owned());
            }
        }
        Some(espeak)
    }

    /// The voice for our `tag`: its own name for it, else the tag, else
    /// the language subtag.
    pub(super) fn voice(&self, tag: &str) -> Option<String> {
        let wanted = ESPEAK_NAMES
            .iter()
            .find(|(ours, _)| *ours == tag)
            .map(|(_, theirs)| (*theirs).to_owned())
            .unwrap_or_else(|| tag.to_ascii_lowercase());
        let base = wanted.split('-').next().unwrap_or_default().to_owned();
        [wanted, base].into_iter().find(|v| self.voices.contains(v))
    }
}

/// Whether `voice` reads `word` without switching to English.
fn reads(bin: &Path, voice: &str, word: &str, work: &Path) -> bool {
    let mut cmd = Command::new(bin);
    cmd.args(["-q", "-x", "-v", voice, word]);
    process::output(cmd, work).is_ok_and(|phonemes| !phonemes.contains("(en)"))
}

/// The language names of `espeak-ng --voices` (its second column).
fn voices(bin: &Path, work: &Path) -> anyhow::Result<BTreeSet<String>> {
    let mut cmd = Command::new(bin);
    cmd.arg("--voices");
    Ok(process::output(cmd, work)?
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_owned))
        .collect())
}
