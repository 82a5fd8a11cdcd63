//! The speech engines: Open JTalk for Japanese and Easy Japanese, espeak-ng
//! for the languages it has a voice for. Both are Debian programs, found at
//! start; either may be missing, and then its languages simply get no audio.
//! Each line is one run of the program (Open JTalk reads only the first
//! line of its input, and at most about 1,000 bytes of it), with limits
//! (`process.rs`) and, inherited from the audio thread, the lowest CPU
//! priority.

mod espeak;
mod process;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;

use super::script::Reading;
use crate::domain::LangTag;
use espeak::Espeak;
use process::{has_words, read_wav, run, split_at_sentences};

/// Debian's places for the dictionary and the voice (`open-jtalk-mecab-naist-jdic`,
/// `hts-voice-nitech-jp-atr503-m001` from contrib).
pub const JTALK_DIC: &str = "/var/lib/mecab/dic/open-jtalk/naist-jdic";
pub const JTALK_VOICE: &str = "/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice";

/// A little slower than the voices' own pace, for listeners still learning
/// the language: Open JTalk's speed ratio, espeak-ng's words a minute (175
/// by default).
const JTALK_SPEED: &str = "0.9";
const ESPEAK_SPEED: &str = "150";
/// espeak-ng 1.51's Burmese aborts ("buffer overflow") on clauses of about
/// 200 bytes and more; at 150 no sample line does.
const ESPEAK_LINE_BYTES: usize = 150;
/// Open JTalk's input buffer holds about 1,000 bytes of a line.
const JTALK_LINE_BYTES: usize = 900;

/// Where the engines are; `None` finds them on `PATH` and in Debian's places.
#[derive(Debug, Clone, Default)]
pub struct EngineConfig {
    pub open_jtalk: Option<PathBuf>,
    pub jtalk_dic: Option<PathBuf>,
    pub jtalk_voice: Option<PathBuf>,
    pub espeak: Option<PathBuf>,
}

#[derive(Debug, Clone)]
struct JTalk {
    bin: PathBuf,
    dic: PathBuf,
    voice: PathBuf,
    /// The voice's and the dictionary's size and time: an upgraded package
    /// makes other recordings.
    identity: String,
}

#[derive(Debug, Clone, Default)]
pub struct Engines {
    jtalk: Option<JTalk>,
    espeak: Option<Espeak>,
    /// Why an engine or a voice is not used, for the log and `/healthz`
    /// (Debian's package names; no paths).
    missing: Vec<String>,
}

/// The voice that reads a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Voice {
    JTalk,
    Espeak(String),
}

impl Voice {
    /// Names the voice (tests, the log).
    pub fn name(&self) -> String {
        match self {
            Voice::JTalk => "open_jtalk nitech-jp-atr503-m001".into(),
            Voice::Espeak(v) => format!("espeak-ng {v}"),
        }
    }

    pub fn engine(&self) -> &'static str {
        match self {
            Voice::JTalk => "open_jtalk",
            Voice::Espeak(_) => "espeak-ng",
        }
    }

    pub fn reading(&self) -> Reading {
        match self {
            Voice::JTalk => Reading::Kana,
            // Chinese voices read Han characters; the others would say
            // "Chinese letter" for each one of a Japanese term.
            Voice::Espeak(name) if ["cmn", "yue"].contains(&name.as_str()) => Reading::Plain,
            Voice::Espeak(_) => Reading::Foreign,
        }
    }
}

/// Samples of mono PCM at `rate`.
pub struct Pcm {
    pub rate: u32,
    pub samples: Vec<f32>,
}

impl Engines {
    pub fn detect(config: &EngineConfig) -> Engines {
        let mut missing = Vec::new();
        let jtalk = (|| {
            let bin = program(config.open_jtalk.as_ref(), "open_jtalk").or_else(|| {
                missing.push("open_jtalk: not installed (Debian: open-jtalk)".to_owned());
                None
            })?;
            let dic = config.jtalk_dic.clone().unwrap_or_else(|| JTALK_DIC.into());
            let voice = config.jtalk_voice.clone().unwrap_or_else(|| JTALK_VOICE.into());
            if !dic.join("sys.dic").is_file() {
                missing.push("open_jtalk: no dictionary (Debian: open-jtalk-mecab-naist-jdic)".to_owned());
                return None;
            }
            if !voice.is_file() {
                missing.push(
                    "open_jtalk: no voice (Debian contrib: hts-voice-nitech-jp-atr503-m001)".to_owned(),
                );
                return None;
            }
            let stamp = |p: &Path| {
                p.metadata().map_or_else(
                    |_| "?".to_owned(),
                    |m| {
                        let t = m
                            .modified()
                            .ok()
                            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
                        format!("{}@{}", m.len(), t.map_or(0, |t| t.as_secs()))
                    },
                )
            };
            let identity = format!("{} {}", stamp(&voice), stamp(&dic.join("sys.dic")));
            Some(JTalk {
                bin,
                dic,
                voice,
                identity,
            })
        })();
        let probes = tempfile::tempdir().ok();
        let work = probes
            .as_ref()
            .map_or_else(std::env::temp_dir, |d| d.path().to_path_buf());
        let espeak = match program(config.espeak.as_ref(), "espeak-ng") {
            None => {
                missing.push("espeak-ng: not installed (Debian: espeak-ng)".to_owned());
                None
            }
            Some(bin) => Espeak::detect(bin, &work, &mut missing),
        };
        Engines {
            jtalk,
            espeak,
            missing,
        }
    }

    /// No engine at all (audio turned off).
    pub fn none() -> Engines {
        Engines::default()
    }

    pub fn missing(&self) -> &[String] {
        &self.missing
    }

    /// The voice for texts in `lang`, if an installed engine has one.
    pub fn voice_for(&self, lang: &LangTag) -> Option<Voice> {
        let tag = lang.to_string();
        if tag == "ja" || tag == crate::i18n::EASY_JAPANESE {
            return self.jtalk.as_ref().map(|_| Voice::JTalk);
        }
        let espeak = self.espeak.as_ref()?;
        if espeak.unusable.contains(&tag) {
            return None;
        }
        espeak.voice(&tag).map(Voice::Espeak)
    }

    /// What makes a recording by `voice` what it is, beyond its words: the
    /// engine's files and settings. Part of the digest, so changing any of
    /// them makes every recording again.
    pub fn signature(&self, voice: &Voice) -> String {
        match (voice, &self.jtalk, &self.espeak) {
            (Voice::JTalk, Some(j), _) => format!(
                "open_jtalk {} {} {} r{JTALK_SPEED}",
                j.voice.display(),
                j.dic.display(),
                j.identity
            ),
            (Voice::Espeak(name), _, Some(e)) => {
                format!(
                    "espeak-ng {name} {} s{ESPEAK_SPEED} {ESPEAK_LINE_BYTES}",
                    e.identity
                )
            }
            _ => "missing".into(),
        }
    }

    /// Speaks one line into `work` (a folder of the job's own); `None` for a
    /// line with nothing to say. Blocking: called on the audio thread only.
    pub fn speak(&self, voice: &Voice, line: &str, work: &Path) -> anyhow::Result<Option<Pcm>> {
        if !has_words(line) {
            return Ok(None);
        }
        match voice {
            Voice::JTalk => {
                let j = self.jtalk.as_ref().context("open_jtalk is not installed")?;
                pieces(line, JTALK_LINE_BYTES, work, |input, wav| {
                    let mut cmd = Command::new(&j.bin);
                    cmd.arg("-x").arg(&j.dic).arg("-m").arg(&j.voice);
                    cmd.args(["-r", JTALK_SPEED, "-ow"]).arg(wav).arg(input);
                    cmd
                })
            }
            Voice::Espeak(name) => {
                let e = self.espeak.as_ref().context("espeak-ng is not installed")?;
                pieces(line, ESPEAK_LINE_BYTES, work, |input, wav| {
                    let mut cmd = Command::new(&e.bin);
                    cmd.args(["-v", name, "-s", ESPEAK_SPEED, "-w"])
                        .arg(wav)
                        .arg("-f")
                        .arg(input);
                    cmd
                })
            }
        }
    }
}

/// Speaks `line` in pieces of at most `max` bytes, one run of the command
/// `engine` makes (reading the piece from its first path, writing WAV to
/// its second) each, joined.
fn pieces(
    line: &str,
    max: usize,
    work: &Path,
    engine: impl Fn(&Path, &Path) -> Command,
) -> anyhow::Result<Option<Pcm>> {
    let wav = work.join("line.wav");
    let input = work.join("line.txt");
    let mut pcm = Pcm {
        rate: 0,
        samples: Vec::new(),
    };
    for part in split_at_sentences(line, max).into_iter().filter(|p| has_words(p)) {
        std::fs::write(&input, format!("{part}\n"))?;
        run(engine(&input, &wav), work)?;
        let part = read_wav(&wav)?;
        pcm.rate = part.rate;
        pcm.samples.extend(part.samples);
    }
    Ok((pcm.rate != 0).then_some(pcm))
}

/// The configured program if it exists, else `name` on `PATH`.
fn program(configured: Option<&PathBuf>, name: &str) -> Option<PathBuf> {
    match configured {
        Some(path) => path.is_file().then(|| path.clone()),
        None => std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|dir| dir.join(name))
                .find(|p| p.is_file())
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn voices_follow_the_text_language() {
        let engines = Engines {
            jtalk: Some(JTalk {
                bin: "open_jtalk".into(),
                dic: "d".into(),
                voice: "v".into(),
                identity: String::new(),
            }),
            espeak: Some(Espeak {
                bin: "espeak-ng".into(),
                identity: String::new(),
                voices: ["en-us", "cmn", "vi", "pt-br", "pt", "ne", "ja"]
                    .map(String::from)
                    .into(),
                unusable: ["zh-Hans".to_owned()].into(),
            }),
            missing: Vec::new(),
        };
        let voice = |t: &str| engines.voice_for(&LangTag::parse(t).unwrap());
        assert_eq!(voice("ja"), Some(Voice::JTalk));
        assert_eq!(voice("ja-Hira"), Some(Voice::JTalk));
        assert_eq!(voice("en"), Some(Voice::Espeak("en-us".into())));
        assert_eq!(voice("zh-Hant"), Some(Voice::Espeak("cmn".into())));
        assert_eq!(voice("zh-Hans"), None, "its probe failed");
        assert_eq!(voice("pt-BR"), Some(Voice::Espeak("pt-br".into())));
        assert_eq!(voice("vi"), Some(Voice::Espeak("vi".into())));
        assert_eq!(voice("km"), None);
        assert_eq!(voice("fil"), None);
        let no_jtalk = Engines {
            jtalk: None,
            ..engines.clone()
        };
        // espeak-ng's own Japanese is not used: Japanese waits for Open JTalk.
        assert_eq!(no_jtalk.voice_for(&LangTag::parse("ja").unwrap()), None);
    }
}
