//! Guidance read aloud, made on the server (issue 15): each published,
//! up-to-date text whose language an installed engine speaks is recorded
//! once, in the background, as Ogg Opus on disk, named by the digest of
//! exactly what is read (`script.rs`). A page offers the recording of the
//! text it shows and nothing else; a request never waits for one to be
//! made (`worker.rs` makes them after each change, one at a time, at the
//! lowest CPU priority). Knows nothing of HTTP.

mod engines;
pub mod opus;
pub mod script;
mod worker;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};

use crate::domain::{Code, LangTag, Office, Procedure, ProcedureText, Status};
use crate::i18n::Locales;

pub use engines::{EngineConfig, Engines, JTALK_DIC, JTALK_VOICE, Voice};
pub use script::{Script, script};
pub use worker::start;

/// A recording to make.
struct Job {
    code: Code,
    lang: LangTag,
    voice: Voice,
    script: Script,
    path: PathBuf,
}

pub struct Audio {
    dir: PathBuf,
    engines: Engines,
    queue: Mutex<VecDeque<Job>>,
    queued: Condvar,
    /// Set when every text must be planned again (the locales changed).
    replan: AtomicBool,
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
        std::fs::create_dir_all(dir.join(".work"))?;
        Ok(Arc::new(Audio {
            dir,
            engines,
            queue: Mutex::new(VecDeque::new()),
            queued: Condvar::new(),
            replan: AtomicBool::new(true),
            nudge: tokio::sync::Notify::new(),
        }))
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    pub fn engines(&self) -> &Engines {
        &self.engines
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
        let script = script(text, office, locales, &voice.name(), voice.reading());
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
        job.path.is_file().then_some(Recording {
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
        self.queue.lock().expect("audio queue").len()
    }

    fn push(&self, job: Job) {
        let mut queue = self.queue.lock().expect("audio queue");
        // A newer text of the same language replaces the one waiting.
        queue.retain(|j| !(j.code == job.code && j.lang == job.lang));
        queue.push_back(job);
        self.queued.notify_one();
    }

    /// Lines for `/healthz`: which of `languages` are read by which engine,
    /// which by none, and the engines that are missing.
    pub fn health(&self, languages: &[LangTag]) -> Vec<String> {
        let mut by: Vec<(String, Vec<String>)> = Vec::new();
        let mut none = Vec::new();
        for lang in languages {
            match self.engines.voice_for(lang) {
                Some(v) => match by.iter_mut().find(|(e, _)| e == v.engine()) {
                    Some((_, langs)) => langs.push(lang.to_string()),
                    None => by.push((v.engine().to_owned(), vec![lang.to_string()])),
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
        lines
    }
}
