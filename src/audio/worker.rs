//! Making recordings in the background. A planner task reads what changed
//! (the same `changes` rows the page cache reads, so an edit through any
//! server or an import by another process is seen) and queues each text
//! whose current recording is missing; one thread, at the lowest CPU
//! priority, runs the engines and the encoder, one recording at a time,
//! each in a folder of its own. For each recording made the planner adds a
//! row to `changes`, so every page cache drops that code's pages and they
//! come back with the player. Nothing here runs on a request: a page only
//! looks whether the file exists.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use super::engines::Pcm;
use super::script::Pause;
use super::{Audio, Job, made, opus};
use crate::AppState;
use crate::domain::{Code, LangTag, Procedure};
use crate::store::Changed;

/// How often the planner reads the changes when nothing nudges it.
const PLAN_EVERY: Duration = Duration::from_millis(500);
/// Longer than this is not a guidance text anyone listens to; refusing it
/// bounds the time and disk one edit can cost.
const MAX_SECONDS: f64 = 30.0 * 60.0;

/// Starts the planner (a task on the current runtime) and the audio thread,
/// unless another process holds the folder (then this one only serves).
/// `current` gives the state requests are served with now (its locales
/// change on reload).
pub fn start(audio: Arc<Audio>, current: impl Fn() -> AppState + Send + Sync + 'static) {
    if !audio.makes_recordings() {
        tracing::info!(
            dir = %audio.dir.display(),
            "audio: another server makes the recordings in this folder; this one serves them"
        );
        return;
    }
    if current().store().is_read_only() {
        // Pages could not be told of new recordings.
        tracing::info!("audio: the database is read-only; recordings already made are served, none made");
        return;
    }
    let maker = audio.clone();
    let spawned = std::thread::Builder::new()
        .name("audio".into())
        .spawn(move || make_forever(&maker));
    if let Err(e) = spawned {
        tracing::error!(error = %e, "audio: cannot start its thread; no recordings will be made");
        audio.stopped.store(true, Ordering::Release);
        return;
    }
    tokio::spawn(plan_forever(audio, current));
}

fn make_forever(audio: &Audio) {
    // Linux: this thread only, inherited by the engines it starts.
    if let Err(e) = rustix::process::setpriority_process(None, 19) {
        tracing::warn!(error = %e, "audio: cannot lower the CPU priority");
    }
    loop {
        let job = audio.next_job();
        let outcome = if made(&job.path) {
            Ok(())
        } else {
            catch_unwind(AssertUnwindSafe(|| make(audio, &job)))
                .unwrap_or_else(|_| Err(anyhow::anyhow!("the recording panicked")))
        };
        match outcome {
            Ok(()) => {
                audio.failed.lock().expect("audio failures").remove(&job.path);
                tracing::info!(code = %job.code, lang = %job.lang, voice = %job.voice.name(), "audio made");
                audio
                    .notices
                    .lock()
                    .expect("audio notices")
                    .insert(job.code.clone());
                audio.nudge.notify_one();
            }
            Err(e) => {
                // Before `making` is cleared: a plan in between must not
                // queue it again at once.
                audio.note_failure(&job);
                tracing::warn!(code = %job.code, lang = %job.lang, error = format!("{e:#}"), "audio not made; tried again later");
            }
        }
        *audio.making.lock().expect("audio job") = None;
    }
}

impl Audio {
    fn next_job(&self) -> Job {
        let mut queue = self.queue.lock().expect("audio queue");
        loop {
            while let Some(key) = queue.order.pop_front() {
                // A key whose job was dropped since it was queued is skipped.
                if let Some(job) = queue.jobs.remove(&key) {
                    // Under the queue's lock, as `push` checks it.
                    *self.making.lock().expect("audio job") = Some(job.path.clone());
                    return job;
                }
            }
            queue = self.queued.wait(queue).expect("audio queue");
        }
    }
}

async fn plan_forever(audio: Arc<Audio>, current: impl Fn() -> AppState) {
    let mut seen = None;
    loop {
        let state = current();
        let store = state.store();
        tell_page_caches(&audio, &state).await;
        match store.changes_since(seen).await {
            Ok(changes) => {
                let everything = audio.replan.swap(false, Ordering::AcqRel);
                let again = audio.due_again();
                let codes = match changes.changed {
                    Changed::Nothing if !everything => Some(again),
                    Changed::Codes(codes) if !everything => Some(codes.into_iter().chain(again).collect()),
                    _ => None,
                };
                match plan(&audio, &state, codes).await {
                    Ok(()) => seen = Some(changes.seq),
                    Err(e) => {
                        audio.replan.store(true, Ordering::Release);
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

/// One `changes` row per code with new recordings; kept for the next
/// round when the database cannot take it.
async fn tell_page_caches(audio: &Audio, state: &AppState) {
    let codes: Vec<Code> = audio
        .notices
        .lock()
        .expect("audio notices")
        .iter()
        .cloned()
        .collect();
    for code in codes {
        match state.store().note_changed(&code).await {
            Ok(()) => {
                audio.notices.lock().expect("audio notices").remove(&code);
            }
            Err(e) => tracing::debug!(error = %e, "audio: cannot tell the page caches yet"),
        }
    }
}

/// Queues the missing recordings of `codes` (`None`: of every procedure),
/// drops waiting jobs no longer wanted, and deletes recordings no longer
/// current.
async fn plan(audio: &Arc<Audio>, state: &AppState, codes: Option<Vec<Code>>) -> anyhow::Result<()> {
    if codes.as_ref().is_some_and(Vec::is_empty) {
        return Ok(());
    }
    let store = state.store();
    let procedures: Vec<Procedure> = match &codes {
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
    let (audio, state) = (audio.clone(), state.clone());
    // File lookups and deletions: off the runtime's threads.
    tokio::task::spawn_blocking(move || {
        let locales = state.locales();
        let mut wanted: HashMap<Code, HashMap<LangTag, PathBuf>> = HashMap::new();
        let mut jobs = Vec::new();
        for p in &procedures {
            let office = p.office.and_then(|id| offices.iter().find(|o| o.id == id));
            let of_code = wanted.entry(p.code.clone()).or_default();
            for text in &p.texts {
                if let Some(job) = audio.plan(p, text, office, locales) {
                    of_code.insert(job.lang.clone(), job.path.clone());
                    if !made(&job.path) {
                        jobs.push(job);
                    }
                }
            }
        }
        let still_wanted = |code: &Code, lang: &LangTag, path: &PathBuf| match wanted.get(code) {
            Some(langs) => langs.get(lang) == Some(path),
            None => true,
        };
        {
            let mut queue = audio.queue.lock().expect("audio queue");
            queue
                .jobs
                .retain(|(code, lang), job| still_wanted(code, lang, &job.path));
        }
        audio
            .failed
            .lock()
            .expect("audio failures")
            .retain(|path, f| match wanted.get(&f.code) {
                Some(langs) => langs.values().any(|p| p == path),
                None => true,
            });
        let folders: Vec<PathBuf> = match &codes {
            None => std::fs::read_dir(&audio.dir)
                .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default(),
            Some(codes) => codes.iter().map(|c| audio.dir.join(c.as_str())).collect(),
        };
        for folder in folders {
            forget_others(&audio, &folder, &wanted);
        }
        if !jobs.is_empty() {
            tracing::debug!(recordings = jobs.len(), "audio: queued");
        }
        for job in jobs {
            audio.push(job);
        }
    })
    .await?;
    Ok(())
}

/// Deletes the recordings in `folder` (a code's) that are not current:
/// texts changed, unpublished or gone. Touches only what is ours: a folder
/// named as a code, files named `{LANG}.{16 hex digits}.opus`, of a
/// language some engine reads now (a voice missing for a while, say during
/// an upgrade, must not cost its recordings). A page still showing one
/// gets a 404 for it, never another text's words.
fn forget_others(audio: &Audio, folder: &Path, wanted: &HashMap<Code, HashMap<LangTag, PathBuf>>) {
    let Some(code) = folder
        .file_name()
        .and_then(|n| n.to_str())
        .and_then(|n| Code::parse(n).ok())
    else {
        return;
    };
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let keep = wanted.get(&code);
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let lang = path
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(|n| n.strip_suffix(".opus"))
            .and_then(|n| n.rsplit_once('.'))
            .filter(|(_, digest)| digest.len() == 16 && digest.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|(lang, _)| LangTag::parse(lang).ok());
        let Some(lang) = lang else { continue };
        let current = keep.is_some_and(|k| k.values().any(|p| *p == path));
        if !current && audio.engines.voice_for(&lang).is_some() {
            let _ = std::fs::remove_file(&path);
        }
    }
    // Only when empty.
    let _ = std::fs::remove_dir(folder);
}

/// Speaks every line into a stream encoder (one line in memory at a time),
/// then puts the file in place whole: written and synced in the job's own
/// folder, then renamed.
fn make(audio: &Audio, job: &Job) -> anyhow::Result<()> {
    let work = tempfile::Builder::new()
        .prefix("job")
        .tempdir_in(audio.dir.join(".work"))?;
    let mut stream: Option<opus::Stream> = None;
    for line in &job.script.lines {
        let Some(Pcm { rate, samples }) = audio.engines.speak(&job.voice, &line.text, work.path())? else {
            continue;
        };
        let s = match &mut stream {
            Some(s) => s,
            None => stream.insert(opus::Stream::new(rate)?),
        };
        if s.input_rate() != rate {
            anyhow::bail!("the engine changed its rate mid-text");
        }
        s.push(&samples)?;
        let gap = match line.pause {
            Pause::Short => 0.35,
            Pause::Long => 0.8,
        };
        s.push(&opus::silence(rate, gap))?;
        if s.seconds() > MAX_SECONDS {
            anyhow::bail!("longer than {} minutes: not recorded", MAX_SECONDS / 60.0);
        }
    }
    let stream = stream.ok_or_else(|| anyhow::anyhow!("nothing to say"))?;
    let bytes = stream.finish()?;
    let aside = work.path().join("recording.opus");
    let mut file = std::fs::File::create(&aside)?;
    file.write_all(&bytes)?;
    file.sync_all()?;
    let folder = job.path.parent().expect("a recording is in its code's folder");
    // The planner removes empty code folders: once more if it just did.
    let mut tries = 0;
    loop {
        std::fs::create_dir_all(folder)?;
        match std::fs::rename(&aside, &job.path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && tries == 0 => tries += 1,
            done => break done?,
        }
    }
    std::fs::File::open(folder)?.sync_all()?;
    std::fs::File::open(&audio.dir)?.sync_all()?;
    Ok(())
}
