//! Making recordings in the background. A planner task reads what changed
//! (the same `changes` rows the page cache reads, so an edit through any
//! server or an import by another process is seen) and queues each text
//! whose current recording is missing; one thread, at the lowest CPU
//! priority, runs the engines and the encoder, one recording at a time. A
//! finished code gets a row in `changes` of its own, so every page cache
//! drops its pages and they come back with the player. Nothing here runs on
//! a request: a page only looks whether the file exists.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::engines::Pcm;
use super::script::Pause;
use super::{Audio, Job, opus};
use crate::AppState;
use crate::domain::{Code, Office, Procedure};
use crate::store::Changed;

/// How often the planner reads the changes when nothing nudges it.
const PLAN_EVERY: Duration = Duration::from_millis(500);

/// Starts the planner (a task on the current runtime) and the audio thread.
/// `current` gives the state requests are served with now (its locales
/// change on reload).
pub fn start(audio: Arc<Audio>, current: impl Fn() -> AppState + Send + Sync + 'static) {
    let handle = tokio::runtime::Handle::current();
    let store = current().store().clone();
    let maker = audio.clone();
    let spawned = std::thread::Builder::new().name("audio".into()).spawn(move || {
        // Linux: this thread only, inherited by the engines it starts.
        if let Err(e) = rustix::process::setpriority_process(None, 19) {
            tracing::warn!(error = %e, "audio: cannot lower the CPU priority");
        }
        loop {
            let job = maker.next_job();
            let (code, lang) = (job.code.clone(), job.lang.clone());
            match make(&maker, &job) {
                Ok(()) => tracing::info!(code = %code, lang = %lang, voice = %job.voice.name(), "audio made"),
                Err(e) => {
                    tracing::warn!(code = %code, lang = %lang, error = format!("{e:#}"), "audio not made")
                }
            }
            if !maker.waiting_for(&code)
                && let Err(e) = handle.block_on(store.note_changed(&code))
            {
                tracing::debug!(error = %e, "audio: cannot note the change");
            }
        }
    });
    if let Err(e) = spawned {
        tracing::error!(error = %e, "audio: cannot start its thread; no recordings will be made");
        return;
    }
    tokio::spawn(plan_forever(audio, current));
}

impl Audio {
    fn next_job(&self) -> Job {
        let mut queue = self.queue.lock().expect("audio queue");
        loop {
            if let Some(job) = queue.pop_front() {
                return job;
            }
            queue = self.queued.wait(queue).expect("audio queue");
        }
    }

    fn waiting_for(&self, code: &Code) -> bool {
        self.queue
            .lock()
            .expect("audio queue")
            .iter()
            .any(|j| &j.code == code)
    }
}

async fn plan_forever(audio: Arc<Audio>, current: impl Fn() -> AppState) {
    let mut seen = None;
    loop {
        let state = current();
        let store = state.store();
        match store.changes_since(seen).await {
            Ok(changes) => {
                let everything = audio.replan.swap(false, Ordering::AcqRel);
                let codes = match changes.changed {
                    Changed::Nothing if !everything => Some(Vec::new()),
                    Changed::Codes(codes) if !everything => Some(codes),
                    _ => None,
                };
                match plan(&audio, &state, codes.as_deref()).await {
                    Ok(()) => seen = Some(changes.seq),
                    Err(e) => {
                        if codes.is_none() {
                            audio.replan.store(true, Ordering::Release);
                        }
                        tracing::warn!(error = format!("{e:#}"), "audio: cannot plan recordings")
                    }
                }
            }
            Err(e) => tracing::warn!(error = format!("{e:#}"), "audio: cannot read what changed"),
        }
        tokio::select! {
            _ = tokio::time::sleep(PLAN_EVERY) => {}
            _ = audio.nudge.notified() => {}
        }
    }
}

/// Queues the missing recordings of `codes` (`None`: of every procedure)
/// and deletes their recordings that are no longer current.
async fn plan(audio: &Audio, state: &AppState, codes: Option<&[Code]>) -> anyhow::Result<()> {
    if codes.is_some_and(|c| c.is_empty()) {
        return Ok(());
    }
    let store = state.store();
    let procedures: Vec<Procedure> = match codes {
        None => store.all_procedures().await?,
        Some(codes) => {
            let mut ps = Vec::with_capacity(codes.len());
            for code in codes.iter().collect::<HashSet<_>>() {
                if let Some(p) = store.procedure(code).await? {
                    ps.push(p);
                }
            }
            ps
        }
    };
    let offices = store.offices().await?;
    let locales = state.locales();
    let mut jobs = Vec::new();
    let mut keep: HashSet<std::path::PathBuf> = HashSet::new();
    for p in &procedures {
        let office: Option<&Office> = p.office.and_then(|id| offices.iter().find(|o| o.id == id));
        for text in &p.texts {
            if let Some(job) = audio.plan(p, text, office, locales) {
                keep.insert(job.path.clone());
                if !job.path.is_file() {
                    jobs.push(job);
                }
            }
        }
    }
    let folders: Vec<std::path::PathBuf> = match codes {
        None => std::fs::read_dir(&audio.dir)?
            .filter_map(Result::ok)
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .map(|e| e.path())
            .collect(),
        Some(codes) => codes.iter().map(|c| audio.dir.join(c.as_str())).collect(),
    };
    for folder in folders {
        forget_others(&folder, &keep);
    }
    if !jobs.is_empty() {
        tracing::debug!(recordings = jobs.len(), "audio: queued");
    }
    for job in jobs {
        audio.push(job);
    }
    Ok(())
}

/// Deletes the recordings in `folder` that are not in `keep`: texts changed,
/// unpublished or gone. A page still showing one gets a 404 for it, never
/// another text's words.
fn forget_others(folder: &Path, keep: &HashSet<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if !keep.contains(&path) {
            let _ = std::fs::remove_file(&path);
        }
    }
    let _ = std::fs::remove_dir(folder);
}

/// Speaks every line, joins them with pauses, encodes, and puts the file in
/// place whole (written aside, then renamed).
fn make(audio: &Audio, job: &Job) -> anyhow::Result<()> {
    let work = audio.dir.join(".work");
    std::fs::create_dir_all(&work)?;
    let mut all = Pcm {
        rate: 0,
        samples: Vec::new(),
    };
    for line in &job.script.lines {
        let pcm = audio.engines.speak(&job.voice, &line.text, &work)?;
        if all.rate != 0 && all.rate != pcm.rate {
            anyhow::bail!("the engine changed its rate mid-text");
        }
        all.rate = pcm.rate;
        all.samples.extend(pcm.samples);
        let gap = match line.pause {
            Pause::Short => 0.35,
            Pause::Long => 0.8,
        };
        all.samples.extend(opus::silence(all.rate, gap));
    }
    let file = opus::encode(&all)?;
    let folder = job.path.parent().expect("a recording is in its code's folder");
    std::fs::create_dir_all(folder)?;
    let aside = work.join("recording.opus");
    std::fs::write(&aside, &file)?;
    std::fs::rename(&aside, &job.path)?;
    Ok(())
}
