//! Running an engine: one program run with limits, its WAV read back, and
//! long lines cut where Open JTalk can take them.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use rustix::process::{Pid, Resource, Rlimit, prlimit};
use unicode_segmentation::UnicodeSegmentation;

use super::Pcm;

/// CPU seconds one run may use; then the kernel stops it.
const CPU_LIMIT: u64 = 60;
/// Wall-clock time one run may take: generous, for the audio thread runs
/// at the lowest priority and a busy machine gives it little.
const WALL_LIMIT: Duration = Duration::from_secs(600);

/// Runs `cmd` to the end in `work` (its messages go to a file there, so a
/// chatty engine cannot fill a pipe and stall), with a CPU-time limit and
/// a wall-clock one.
pub(super) fn run(mut cmd: Command, work: &Path) -> anyhow::Result<()> {
    let errors = work.join("stderr.txt");
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(&errors)?)
        .spawn()
        .with_context(|| format!("starting {:?}", cmd.get_program()))?;
    let limit = Rlimit {
        current: Some(CPU_LIMIT),
        maximum: Some(CPU_LIMIT + 5),
    };
    if let Err(e) = prlimit(Some(Pid::from_child(&child)), Resource::Cpu, limit) {
        tracing::debug!(error = %e, "audio: no CPU limit on the engine");
    }
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            if status.success() {
                return Ok(());
            }
            let said = std::fs::read_to_string(&errors).unwrap_or_default();
            let said: String = said.trim().chars().take(300).collect();
            bail!("{:?} failed ({status}): {said}", cmd.get_program());
        }
        if started.elapsed() > WALL_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            bail!("{:?} took longer than {WALL_LIMIT:?}: stopped", cmd.get_program());
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// What `cmd` prints (the probes), stopped after 20 s.
pub(super) fn output(mut cmd: Command, work: &Path) -> anyhow::Result<String> {
    let out = work.join("stdout.txt");
    cmd.stdout(std::fs::File::create(&out)?);
    let errors = work.join("stderr.txt");
    let mut child = cmd
        .stdin(Stdio::null())
        .stderr(std::fs::File::create(&errors)?)
        .spawn()
        .with_context(|| format!("starting {:?}", cmd.get_program()))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("{:?} failed ({status})", cmd.get_program());
            }
            return Ok(std::fs::read_to_string(&out)?);
        }
        if started.elapsed() > Duration::from_secs(20) {
            let _ = child.kill();
            let _ = child.wait();
            bail!("{:?} did not answer", cmd.get_program());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

pub(super) fn read_wav(path: &Path) -> anyhow::Result<Pcm> {
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

/// `line` in pieces of at most `max` bytes (at least one character each),
/// cut after the last sentence end within the limit, else the last clause
/// mark, else the last space, else at the last whole grapheme (never
/// between a letter and its vowel sign). `.`, `,`, `:` and `;` count only
/// before a space or the end: `8:30` and `1.000` are not cut.
pub(super) fn split_at_sentences(line: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while rest.len() > max {
        let (mut sentence, mut clause, mut space, mut fits) = (0, 0, 0, 0);
        let mut graphemes = rest.grapheme_indices(true).peekable();
        while let Some((i, g)) = graphemes.next() {
            let end = i + g.len();
            if end > max {
                break;
            }
            fits = end;
            let before_space = graphemes
                .peek()
                .is_none_or(|(_, next)| next.starts_with(char::is_whitespace));
            match g {
                "。" | "！" | "？" | "။" | "।" | "؟" | "۔" => sentence = end,
                "." | "!" | "?" if before_space => sentence = end,
                "、" | "၊" | "،" => clause = end,
                "," | ";" | ":" if before_space => clause = end,
                g if g.starts_with(char::is_whitespace) => space = end,
                _ => {}
            }
        }
        let first = rest.graphemes(true).next().map_or(1, str::len);
        let cut = [sentence, clause, space, fits]
            .into_iter()
            .find(|&c| c > 0)
            .unwrap_or(first);
        out.push(&rest[..cut]);
        rest = &rest[cut..];
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Whether a line has anything to say: Open JTalk fails on a line of only
/// marks (`※`, `→`, `・・・`), and there is nothing to read in one anyway.
pub(super) fn has_words(line: &str) -> bool {
    line.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_are_cut_after_the_last_mark_within_the_limit() {
        let line = "一二三。".repeat(100); // 12 bytes a sentence
        let parts = split_at_sentences(&line, 40);
        assert!(parts.iter().all(|p| p.len() == 36 || p.len() == 12), "{parts:?}");
        assert_eq!(parts.len(), 34);
        assert_eq!(parts.concat(), line);
    }

    #[test]
    fn sentences_come_before_clauses_and_clauses_before_spaces() {
        let line = "One two. Three, four five six seven";
        assert_eq!(
            split_at_sentences(line, 30),
            ["One two.", " Three, four five six seven"]
        );
        let line = "One two three, four five six seven";
        assert_eq!(split_at_sentences(line, 30)[0], "One two three,");
        // Not inside numbers.
        let line = "Open 8:30 to 17:15 daily, fee 1.000 yen";
        assert_eq!(split_at_sentences(line, 34)[0], "Open 8:30 to 17:15 daily,");
        let line = "One two three four five six seven";
        assert_eq!(split_at_sentences(line, 30)[0], "One two three four five six ");
    }

    #[test]
    fn a_line_with_no_marks_is_cut_at_the_limit() {
        let unbroken = format!("「{}」", "あ".repeat(330));
        let parts = split_at_sentences(&unbroken, 900);
        assert_eq!(
            parts.len(),
            2,
            "{:?}",
            parts.iter().map(|p| p.len()).collect::<Vec<_>>()
        );
        assert_eq!(parts[0].len(), 900);
        assert_eq!(parts.concat(), unbroken);
    }

    #[test]
    fn a_cut_at_the_limit_keeps_vowel_signs_with_their_letter() {
        // Thai without spaces: อยู่ is one letter and two marks.
        let line = "ที่อยู่ใหม่".repeat(20);
        for max in 10..40 {
            for part in split_at_sentences(&line, max) {
                let first = part.chars().next().unwrap();
                let mark = first == '\u{0E31}'
                    || ('\u{0E34}'..='\u{0E3A}').contains(&first)
                    || ('\u{0E47}'..='\u{0E4E}').contains(&first);
                assert!(!mark, "{max}: {part:?}");
            }
        }
    }

    #[test]
    fn lines_of_marks_are_not_read() {
        for silent in ["※", "→", "・・・", "「」", "―", "  "] {
            assert!(!has_words(silent), "{silent}");
        }
        for said in ["a", "あ", "1", "नेपाली", "ខ្មែរ"] {
            assert!(has_words(said), "{said}");
        }
    }
}
