//! The speech engines: Open JTalk for Japanese and Easy Japanese, espeak-ng
//! for the languages it has a voice for. Both are Debian programs, found at
//! start; either may be missing, and then its languages simply get no audio.
//! Each line is one run of the program (Open JTalk reads only the first
//! line of its input, and at most about 1,000 bytes of it), with a time
//! limit and, inherited from the worker thread, the lowest CPU priority.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use super::script::Reading;
use crate::domain::LangTag;

/// Debian's places for the dictionary and the voice (`open-jtalk-mecab-naist-jdic`,
/// `hts-voice-nitech-jp-atr503-m001` from contrib).
pub const JTALK_DIC: &str = "/var/lib/mecab/dic/open-jtalk/naist-jdic";
pub const JTALK_VOICE: &str = "/usr/share/hts-voice/nitech-jp-atr503-m001/nitech_jp_atr503_m001.htsvoice";

/// One run of an engine may take this long; then it is killed.
const RUN_LIMIT: Duration = Duration::from_secs(60);
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
}

#[derive(Debug, Clone)]
struct Espeak {
    bin: PathBuf,
    voices: BTreeSet<String>,
    /// Our tags whose voice exists but cannot read the language's own name
    /// (see [`PROBES`]).
    unusable: BTreeSet<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Engines {
    jtalk: Option<JTalk>,
    espeak: Option<Espeak>,
    /// Why an engine is missing, for `/healthz`.
    missing: Vec<String>,
}

/// The voice that reads a language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Voice {
    JTalk,
    Espeak(String),
}

impl Voice {
    /// Names the voice in the audio's digest and in `/healthz`.
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
            Voice::Espeak(_) => Reading::Plain,
        }
    }
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
                missing.push(format!(
                    "open_jtalk: no dictionary at {} (Debian: open-jtalk-mecab-naist-jdic)",
                    dic.display()
                ));
                return None;
            }
            if !voice.is_file() {
                missing.push(format!(
                    "open_jtalk: no voice at {} (Debian contrib: hts-voice-nitech-jp-atr503-m001)",
                    voice.display()
                ));
                return None;
            }
            Some(JTalk { bin, dic, voice })
        })();
        let espeak = match program(config.espeak.as_ref(), "espeak-ng") {
            None => {
                missing.push("espeak-ng: not installed (Debian: espeak-ng)".to_owned());
                None
            }
            Some(bin) => match espeak_voices(&bin) {
                Ok(voices) => {
                    let mut espeak = Espeak {
                        bin,
                        voices,
                        unusable: BTreeSet::new(),
                    };
                    for (tag, word) in PROBES {
                        let Some(voice) = espeak_voice(&espeak, tag) else {
                            continue;
                        };
                        if !espeak_reads(&espeak.bin, &voice, word) {
                            missing.push(format!(
                                "espeak-ng {voice}: cannot read {word}, so not used for {tag}"
                            ));
                            espeak.unusable.insert((*tag).to_owned());
                        }
                    }
                    Some(espeak)
                }
                Err(e) => {
                    missing.push(format!("espeak-ng: does not list its voices: {e:#}"));
                    None
                }
            },
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
        espeak_voice(espeak, &tag).map(Voice::Espeak)
    }

    /// Speaks one line. Blocking: called on the audio thread only.
    pub fn speak(&self, voice: &Voice, line: &str, work: &Path) -> anyhow::Result<Pcm> {
        let wav = work.join("line.wav");
        let _ = std::fs::remove_file(&wav);
        match voice {
            Voice::JTalk => {
                let j = self.jtalk.as_ref().context("open_jtalk is not installed")?;
                let mut pcm = Pcm {
                    rate: 0,
                    samples: Vec::new(),
                };
                for part in split_at_sentences(line, JTALK_LINE_BYTES) {
                    let input = work.join("line.txt");
                    std::fs::write(&input, format!("{part}\n"))?;
                    let mut cmd = Command::new(&j.bin);
                    cmd.arg("-x").arg(&j.dic).arg("-m").arg(&j.voice);
                    // A little slower than the voice's own pace, for listeners
                    // still learning the language.
                    cmd.args(["-r", "0.9", "-ow"]).arg(&wav).arg(&input);
                    run(cmd)?;
                    let part = read_wav(&wav)?;
                    pcm.rate = part.rate;
                    pcm.samples.extend(part.samples);
                }
                Ok(pcm)
            }
            Voice::Espeak(name) => {
                let e = self.espeak.as_ref().context("espeak-ng is not installed")?;
                let input = work.join("line.txt");
                std::fs::write(&input, line)?;
                let mut cmd = Command::new(&e.bin);
                // 150 words a minute instead of 175: for learners.
                cmd.args(["-v", name, "-s", "150", "-w"])
                    .arg(&wav)
                    .arg("-f")
                    .arg(&input);
                run(cmd)?;
                read_wav(&wav)
            }
        }
    }
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

/// espeak-ng's voice for our `tag`: its own name for it, else the tag, else
/// the language subtag.
fn espeak_voice(espeak: &Espeak, tag: &str) -> Option<String> {
    let wanted = ESPEAK_NAMES
        .iter()
        .find(|(ours, _)| *ours == tag)
        .map(|(_, theirs)| (*theirs).to_owned())
        .unwrap_or_else(|| tag.to_ascii_lowercase());
    let base = wanted.split('-').next().unwrap_or_default().to_owned();
    [wanted, base].into_iter().find(|v| espeak.voices.contains(v))
}

/// Whether `voice` reads `word` without switching to English.
fn espeak_reads(bin: &Path, voice: &str, word: &str) -> bool {
    Command::new(bin)
        .args(["-q", "-x", "-v", voice, word])
        .stdin(Stdio::null())
        .output()
        .is_ok_and(|o| o.status.success() && !String::from_utf8_lossy(&o.stdout).contains("(en)"))
}

/// The language names of `espeak-ng --voices` (its second column).
fn espeak_voices(bin: &Path) -> anyhow::Result<BTreeSet<String>> {
    let out = Command::new(bin).arg("--voices").stdin(Stdio::null()).output()?;
    if !out.status.success() {
        bail!("exit status {}", out.status);
    }
    Ok(String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1).map(str::to_owned))
        .collect())
}

/// Runs `cmd` to the end, killing it past [`RUN_LIMIT`].
fn run(mut cmd: Command) -> anyhow::Result<()> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("starting {:?}", cmd.get_program()))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            if status.success() {
                return Ok(());
            }
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            bail!("{:?} failed ({status}): {}", cmd.get_program(), err.trim());
        }
        if started.elapsed() > RUN_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            bail!("{:?} took longer than {RUN_LIMIT:?}: stopped", cmd.get_program());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn read_wav(path: &Path) -> anyhow::Result<Pcm> {
    let mut reader = hound::WavReader::open(path).with_context(|| format!("reading {}", path.display()))?;
    let spec = reader.spec();
    if spec.channels != 1 || spec.sample_format != hound::SampleFormat::Int || spec.bits_per_sample != 16 {
        bail!("unexpected WAV format {spec:?}");
    }
    let samples = reader
        .samples::<i16>()
        .map(|s| s.map(|s| f32::from(s) / 32768.0))
        .collect::<Result<Vec<f32>, _>>()?;
    Ok(Pcm {
        rate: spec.sample_rate,
        samples,
    })
}

/// `line` in pieces of at most `max` bytes, cut after a sentence or clause
/// mark where there is one, else at a character boundary.
fn split_at_sentences(line: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while rest.len() > max {
        let mut cut = 0;
        for (i, c) in rest.char_indices() {
            let end = i + c.len_utf8();
            if end > max {
                break;
            }
            if matches!(c, '。' | '、' | '！' | '？' | '.' | ',' | ' ') || cut == 0 {
                cut = end;
            }
        }
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_after_sentences() {
        let line = "一二三。".repeat(100);
        let parts = split_at_sentences(&line, 40);
        assert!(parts.iter().all(|p| p.len() <= 40 && p.ends_with('。')));
        assert_eq!(parts.concat(), line);
        let unbroken = "あ".repeat(50);
        let parts = split_at_sentences(&unbroken, 40);
        assert!(parts.iter().all(|p| p.len() <= 40));
        assert_eq!(parts.concat(), unbroken);
    }

    #[test]
    fn voices_follow_the_text_language() {
        let engines = Engines {
            jtalk: Some(JTalk {
                bin: "open_jtalk".into(),
                dic: "d".into(),
                voice: "v".into(),
            }),
            espeak: Some(Espeak {
                bin: "espeak-ng".into(),
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
