//! Guidance read aloud, made on the server (issue 15): each published,
//! up-to-date text whose language an installed engine speaks is recorded
//! once, in the background, as Ogg Opus on disk, named by the digest of
//! exactly what is read and how (`script.rs`). A page offers the recording
//! of the text it shows and nothing else; a request never waits for one to
//! be made (`worker.rs` makes them after each change, one at a time, at the
//! lowest CPU priority). Knows nothing of HTTP.

mod engines;
pub mod opus;
pub mod script;
mod worker;

use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

use crate::domain::{Code, LangTag, Office, Procedure, ProcedureText, Status};
use crate::i18n::Locales;

pub use engines::{EngineConfig, Engines, JTALK_DIC, JTALK_VOICE, Pcm, Voice};
pub use script::{Script, script};
pub use worker::start;

/// How recordings are made here (encoder, rate, pauses): part of every
/// digest, so changing it makes every recording again.
const FORMAT: &str = "ogg-opus 16k c5, pauses 0.35/0.8, v1";
/// A failed recording is tried again after this, doubling each time, up
/// to a day: an engine that cannot read a text must not spin.
pub const RETRY_FIRST: Duration = Duration::from_secs(600);
const RETRY_MOST: Duration = Duration::from_secs(86_400);

/// A recording to make.
struct Job {
    code: Code,
    lang: LangTag,
    voice: Voice,
    script: Script,
    path: PathBuf,
}

type Key = (Code, LangTag);

/// Recordings waiting, oldest first, one per text (a newer plan replaces
/// the one waiting in its place).
#[derive(Default)]
struct Queue {
    order: VecDeque<Key>,
    jobs: HashMap<Key, Job>,
}

struct Failure {
    code: Code,
    attempts: u32,
    next: Instant,
    /// Due and handed to the planner, which queues it again.
    retrying: bool,
}

pub struct Audio {
    dir: PathBuf,
    engines: Engines,
    /// Held while this process makes the recordings in `dir`; a second
    /// server on the same folder only serves them.
    lock: Option<File>,
    queue: Mutex<Queue>,
    queued: Condvar,
    /// The recording being made now (its final path).
    making: Mutex<Option<PathBuf>>,
    failed: Mutex<HashMap<PathBuf, Failure>>,
    /// Codes whose new recordings the page caches have not been told of.
    notices: Mutex<HashSet<Code>>,
    /// Set when every text must be planned again (the locales changed).
    replan: AtomicBool,
    /// Set if the audio thread died.
    stopped: AtomicBool,
    /// The first wait after a failure ([`RETRY_FIRST`]).
    retry_first: Duration,
    nudge: tokio::sync::Notify,
}

/// A text's recording as it is now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recording {
    pub path: PathBuf,
    pub digest: String,
}

impl Audio {
    /// Recordings kept in `dir` (made if missing), spoken by `engines`.
    pub fn new(dir: PathBuf, engines: Engines) -> std::io::Result<Arc<Audio>> {
        Audio::retrying_after(dir, engines, RETRY_FIRST)
    }

    /// As [`Audio::new`], a failed recording first tried again after
    /// `retry_first` (tests).
    pub fn retrying_after(
        dir: PathBuf,
        engines: Engines,
        retry_first: Duration,
    ) -> std::io::Result<Arc<Audio>> {
        std::fs::create_dir_all(&dir)?;
        let lock = File::create(dir.join(".lock"))?;
        let lock = rustix::fs::flock(&lock, rustix::fs::FlockOperation::NonBlockingLockExclusive)
            .is_ok()
            .then_some(lock);
        if lock.is_some() {
            // Jobs a crash left half done; ours alone, under the lock.
            let _ = std::fs::remove_dir_all(dir.join(".work"));
        }
        std::fs::create_dir_all(dir.join(".work"))?;
        Ok(Arc::new(Audio {
            dir,
            engines,
            lock,
            queue: Mutex::default(),
            queued: Condvar::new(),
            making: Mutex::default(),
            failed: Mutex::default(),
            notices: Mutex::default(),
            replan: AtomicBool::new(true),
            stopped: AtomicBool::new(false),
            retry_first,
            nudge: tokio::sync::Notify::new(),
        }))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn engines(&self) -> &Engines {
        &self.engines
    }

    /// Whether this process makes the recordings (it holds the folder).
    pub fn makes_recordings(&self) -> bool {
        self.lock.is_some()
    }

    /// The voice for `text`, when it is offered at all: the procedure is
    /// published, the text made from the current Japanese (a resident never
    /// hears an out-of-date text read as if current) and its language spoken
    /// by an installed engine.
    pub fn voice(&self, procedure: &Procedure, text: &ProcedureText) -> Option<Voice> {
        (procedure.status == Status::Published && procedure.is_current(text))
            .then(|| self.engines.voice_for(&text.lang))
            .flatten()
    }

    /// What `text` is read as now, and where its recording goes.
    fn plan(
        &self,
        procedure: &Procedure,
        text: &ProcedureText,
        office: Option<&Office>,
        locales: &Locales,
    ) -> Option<Job> {
        let voice = self.voice(procedure, text)?;
        let how = format!("{FORMAT}; {}", self.engines.signature(&voice));
        let script = script(text, office, locales, &how, voice.reading());
        if script.lines.is_empty() {
            return None;
        }
        let path = self.path(&procedure.code, &text.lang, &script.digest);
        Some(Job {
            code: procedure.code.clone(),
            lang: text.lang.clone(),
            voice,
            script,
            path,
        })
    }

    /// The recording of `text` as it is now, if it has been made. A file
    /// lookup: cheap beside the render it is part of.
    pub fn recording(
        &self,
        procedure: &Procedure,
        text: &ProcedureText,
        office: Option<&Office>,
        locales: &Locales,
    ) -> Option<Recording> {
        let job = self.plan(procedure, text, office, locales)?;
        made(&job.path).then_some(Recording {
            path: job.path,
            digest: job.script.digest,
        })
    }

    fn path(&self, code: &Code, lang: &LangTag, digest: &str) -> PathBuf {
        self.dir.join(code.as_str()).join(format!("{lang}.{digest}.opus"))
    }

    /// Plan every text again (new locales: new headings).
    pub fn replan_all(&self) {
        self.replan.store(true, Ordering::Release);
        self.nudge.notify_one();
    }

    /// Look for changes now rather than at the next tick (after a write
    /// through this server).
    pub fn nudge(&self) {
        self.nudge.notify_one();
    }

    /// Recordings waiting to be made.
    pub fn pending(&self) -> usize {
        self.queue.lock().expect("audio queue").jobs.len()
    }

    /// Nothing waiting, nothing being made, and the page caches told of
    /// everything made.
    pub fn idle(&self) -> bool {
        self.pending() == 0
            && self.making.lock().expect("audio job").is_none()
            && self.notices.lock().expect("audio notices").is_empty()
    }

    /// Queues `job` unless it is being made, or failed and is not due again.
    fn push(&self, job: Job) {
        if let Some(f) = self.failed.lock().expect("audio failures").get(&job.path)
            && f.next > Instant::now()
        {
            return;
        }
        // The queue's lock first, then the job's: as `next_job` takes them.
        let mut queue = self.queue.lock().expect("audio queue");
        if self.making.lock().expect("audio job").as_ref() == Some(&job.path) {
            return;
        }
        let key = (job.code.clone(), job.lang.clone());
        if queue.jobs.insert(key.clone(), job).is_none() {
            queue.order.push_back(key);
        }
        self.queued.notify_one();
    }

    fn note_failure(&self, job: &Job) {
        let mut failed = self.failed.lock().expect("audio failures");
        let f = failed.entry(job.path.clone()).or_insert(Failure {
            code: job.code.clone(),
            attempts: 0,
            next: Instant::now(),
            retrying: false,
        });
        f.attempts += 1;
        f.retrying = false;
        let wait = self
            .retry_first
            .saturating_mul(1 << f.attempts.min(9).saturating_sub(1))
            .min(RETRY_MOST);
        f.next = Instant::now() + wait;
    }

    /// The codes with a failed recording due for another try, each once.
    fn due_again(&self) -> Vec<Code> {
        let now = Instant::now();
        let mut failed = self.failed.lock().expect("audio failures");
        failed
            .values_mut()
            .filter(|f| !f.retrying && f.next <= now)
            .map(|f| {
                f.retrying = true;
                f.code.clone()
            })
            .collect()
    }

    /// Lines for `/healthz`: which of `languages` are read by which engine,
    /// which by none, and what is missing (package names, no paths).
    pub fn health(&self, languages: &[LangTag]) -> Vec<String> {
        let mut by: Vec<(&str, Vec<String>)> = Vec::new();
        let mut none = Vec::new();
        for lang in languages {
            match self.engines.voice_for(lang) {
                Some(v) => match by.iter_mut().find(|(e, _)| *e == v.engine()) {
                    Some((_, langs)) => langs.push(lang.to_string()),
                    None => by.push((v.engine(), vec![lang.to_string()])),
                },
                None => none.push(lang.to_string()),
            }
        }
        let mut lines: Vec<String> = by
            .into_iter()
            .map(|(engine, langs)| format!("audio {engine}: {}", langs.join(" ")))
            .collect();
        if !none.is_empty() {
            lines.push(format!("audio missing: {}", none.join(" ")));
        }
        lines.extend(
            self.engines
                .missing()
                .iter()
                .map(|m| format!("audio engine missing: {m}")),
        );
        if self.stopped.load(Ordering::Acquire) {
            lines.push("audio stopped: the audio thread failed; no recordings are being made".into());
        }
        lines
    }
}

/// A recording in place: a file with something in it (an empty one is
/// what a crash between write and rename could leave).
fn made(path: &Path) -> bool {
    path.metadata().is_ok_and(|m| m.is_file() && m.len() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of every bundled sample text, in every language an
    /// installed engine reads, is spoken without an error: the class of
    /// espeak-ng 1.51's Burmese aborting on long clauses, or Open JTalk
    /// failing on a line of marks.
    #[test]
    #[ignore = "needs Debian's open-jtalk (with its dictionary and voice) and espeak-ng; run by .ci/run"]
    fn every_sample_line_is_spoken_by_the_installed_engines() {
        let engines = Engines::detect(&EngineConfig::default());
        let samples = crate::transfer::parse(
            include_str!("../../assets/samples/procedures.json"),
            "2026-01-01T00:00:00Z",
        )
        .unwrap();
        let (locales, _) = Locales::embedded();
        let work = tempfile::tempdir().unwrap();
        let mut spoken = 0;
        for p in &samples.procedures {
            for text in &p.texts {
                let Some(voice) = engines.voice_for(&text.lang) else {
                    continue;
                };
                let s = script(text, None, &locales, "test", voice.reading());
                for line in &s.lines {
                    if let Err(e) = engines.speak(&voice, &line.text, work.path()) {
                        panic!("{} {}: {:?}: {e:#}", p.code, text.lang, line.text);
                    }
                    spoken += 1;
                }
            }
        }
        assert!(spoken > 1_000, "{spoken} lines");
    }
}
