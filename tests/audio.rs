//! Guidance read aloud, made on the server (issue 15, part 2): a recording
//! is made in the background for each text an engine speaks, offered by
//! the page only once made and only for exactly the words shown, sent with
//! `Range`, made again when the text changes; no request waits for one.
//!
//! Most tests use a stand-in for espeak-ng (a shell script that writes a
//! tone and can be held at a gate), so they run anywhere; the last one,
//! ignored by default, runs Debian's Open JTalk and espeak-ng and checks
//! the files with opusinfo and opusdec (`.ci/run` installs them).

mod common;

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::ready::sample_state_with;
use common::speech::FakeEngine;
use common::{Reply, get, send};
use madoguchi::AppState;
use madoguchi::audio::{Audio, EngineConfig, Engines};
use madoguchi::domain::{Actor, Code, Procedure, ProcedureText};

/// The samples, with recordings made by `engines` into `dir`.
async fn audio_state(dir: &Path, engines: Engines) -> (AppState, axum::Router, Arc<Audio>) {
    let audio = Audio::new(dir.to_path_buf(), engines).unwrap();
    let (state, app) = sample_state_with(|s| s.with_audio(audio.clone())).await;
    let current = state.clone();
    madoguchi::audio::start(audio.clone(), move || current.clone());
    (state, app, audio)
}

/// The player's address on the page, if it has one.
fn player(page: &Reply) -> Option<String> {
    let html = page.text();
    let at = html.find("<source src=\"")? + "<source src=\"".len();
    Some(html[at..at + html[at..].find('"')?].to_owned())
}

/// Asks for `path` until its page has a player (other than `not`).
async fn wait_for_player(app: &axum::Router, path: &str, not: Option<&str>) -> String {
    let started = Instant::now();
    loop {
        if let Some(src) = player(&get(app, path, &[]).await)
            && Some(src.as_str()) != not
        {
            return src;
        }
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no recording for {path} after two minutes"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Changes K7Q2 as a staff edit through this server would.
async fn edit_k7q2(state: &AppState, change: impl FnOnce(&mut Procedure)) {
    let store = state.store();
    let mut k7q2 = store
        .procedure(&Code::parse("K7Q2").unwrap())
        .await
        .unwrap()
        .unwrap();
    change(&mut k7q2);
    store
        .save_procedures(&[k7q2], &Actor::system("test"))
        .await
        .unwrap();
    state.note_write();
}

fn text_of<'p>(p: &'p mut Procedure, lang: &str) -> &'p mut ProcedureText {
    p.texts.iter_mut().find(|t| t.lang.to_string() == lang).unwrap()
}

async fn get_range(app: &axum::Router, uri: &str, range: &str) -> Reply {
    send(
        app,
        Request::builder()
            .uri(uri)
            .header("range", range)
            .body(Body::empty())
            .unwrap(),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_offers_its_recording_once_made_and_no_request_waits_for_it() {
    let engine = FakeEngine::new(&["vi", "en-us", "ne"], &[]);
    engine.hold();
    let dir = tempfile::tempdir().unwrap();
    let (_state, app, audio) = audio_state(dir.path(), Engines::detect(&engine.config())).await;

    // The engine is held: whatever is asked now is answered without it.
    let page = get(&app, "/q/K7Q2?lang=vi", &[]).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(player(&page), None, "no player before the recording exists");
    assert_eq!(
        get(&app, "/audio/K7Q2/vi", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    let started = Instant::now();
    while audio.pending() == 0 {
        assert!(started.elapsed() < Duration::from_secs(30), "nothing queued");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(engine.calls(), 0, "the engine is still held");
    assert_eq!(get(&app, "/q/K7Q2?lang=ne", &[]).await.status, StatusCode::OK);

    engine.release();
    let src = wait_for_player(&app, "/q/K7Q2?lang=vi", None).await;
    assert!(src.starts_with("/audio/K7Q2/vi?v="), "{src}");
    let whole = get(&app, &src, &[]).await;
    assert_eq!(whole.status, StatusCode::OK);
    assert_eq!(whole.header("content-type"), "audio/ogg");
    assert_eq!(whole.header("accept-ranges"), "bytes");
    assert_eq!(&whole.body[..4], b"OggS");
    assert_eq!(&whole.body[28..36], b"OpusHead");
    assert_eq!(
        whole.header("content-encoding"),
        "",
        "Opus is not compressed again"
    );
    let len = whole.body.len();

    let part = get_range(&app, &src, "bytes=0-99").await;
    assert_eq!(part.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(part.header("content-range"), format!("bytes 0-99/{len}"));
    assert_eq!(part.body, whole.body[..100]);
    let tail = get_range(&app, &src, &format!("bytes={}-", len - 10)).await;
    assert_eq!(tail.body, whole.body[len - 10..]);
    let past = get_range(&app, &src, &format!("bytes={}-", len + 10)).await;
    assert_eq!(past.status, StatusCode::RANGE_NOT_SATISFIABLE);

    let etag = whole.header("etag");
    let again = get(&app, &src, &[("if-none-match", &etag)]).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert_eq!(again.header("cache-control"), "public, max-age=86400");
    // A range of another making of the file: the whole file instead.
    let resumed = get(&app, &src, &[("range", "bytes=100-"), ("if-range", "\"other\"")]).await;
    assert_eq!((resumed.status, resumed.body.len()), (StatusCode::OK, len));
    let resumed = get(&app, &src, &[("range", "bytes=100-"), ("if-range", &etag)]).await;
    assert_eq!(resumed.status, StatusCode::PARTIAL_CONTENT);
    assert_eq!(
        get(&app, "/audio/K7Q2/vi?v=0000000000000000", &[]).await.status,
        StatusCode::NOT_FOUND,
        "another version of the text"
    );

    // No engine for Japanese here, none for Khmer anywhere: no player.
    assert_eq!(player(&get(&app, "/q/K7Q2?lang=ja", &[]).await), None);
    assert_eq!(player(&get(&app, "/q/K7Q2?lang=km", &[]).await), None);
    assert_eq!(
        get(&app, "/audio/K7Q2/km", &[]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(&app, "/audio/Z9Z9/vi", &[]).await.status,
        StatusCode::NOT_FOUND
    );

    let health = get(&app, "/healthz", &[]).await.text();
    let lines: Vec<&str> = health.lines().collect();
    assert_eq!(lines[0], "ok");
    assert!(lines.contains(&"audio espeak-ng: en ne vi"), "{health}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("audio missing: ") && l.contains(" ja ") && l.contains("km")),
        "{health}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("audio engine missing: open_jtalk")),
        "{health}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_changed_text_is_recorded_again_and_the_old_recording_is_gone() {
    let engine = FakeEngine::new(&["vi"], &[]);
    let dir = tempfile::tempdir().unwrap();
    // Files that are not recordings, in the folder given as --audio-dir:
    // never deleted.
    for theirs in ["backups/kept.db", "K7Q2/notes.txt", "K7Q2/vi.notes.opus"] {
        let path = dir.path().join(theirs);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, "not a recording").unwrap();
    }
    let (state, app, _audio) = audio_state(dir.path(), Engines::detect(&engine.config())).await;
    let old = wait_for_player(&app, "/q/K7Q2?lang=vi", None).await;
    assert_eq!(get(&app, &old, &[]).await.status, StatusCode::OK);

    engine.hold();
    edit_k7q2(&state, |k7q2| {
        text_of(k7q2, "vi").fields.fee = "Miễn phí (đã sửa)".into();
    })
    .await;

    // At once, while the new recording cannot be made: the page offers no
    // recording of the old words, and the old one is not sent.
    let page = get(&app, "/q/K7Q2?lang=vi", &[]).await;
    assert!(page.text().contains("đã sửa"));
    assert_eq!(player(&page), None);
    assert_eq!(get(&app, &old, &[]).await.status, StatusCode::NOT_FOUND);

    engine.release();
    let new = wait_for_player(&app, "/q/K7Q2?lang=vi", Some(&old)).await;
    assert_ne!(new, old);
    assert_eq!(get(&app, &new, &[]).await.status, StatusCode::OK);
    assert_eq!(get(&app, &old, &[]).await.status, StatusCode::NOT_FOUND);
    // Only the current recording stays on disk, beside what is not ours.
    let started = Instant::now();
    loop {
        let files: Vec<String> = std::fs::read_dir(dir.path().join("K7Q2"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let digest = new.rsplit("v=").next().unwrap();
        let mut files = files;
        files.sort();
        // (hex digits sort before "notes")
        if files
            == [
                "notes.txt".to_owned(),
                format!("vi.{digest}.opus"),
                "vi.notes.opus".into(),
            ]
        {
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(10), "{files:?}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(dir.path().join("backups/kept.db").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn out_of_date_and_draft_texts_get_no_recording() {
    let engine = FakeEngine::new(&["vi", "en-us"], &[]);
    let dir = tempfile::tempdir().unwrap();
    let (state, app, _audio) = audio_state(dir.path(), Engines::detect(&engine.config())).await;
    wait_for_player(&app, "/q/K7Q2?lang=vi", None).await;
    // The Japanese changes: every translation is now out of date.
    edit_k7q2(&state, |k7q2| {
        let ja = text_of(k7q2, "ja");
        ja.fields.fee = "無料（改定）".into();
        ja.revision += 1;
        k7q2.revision += 1;
    })
    .await;
    let page = get(&app, "/q/K7Q2?lang=vi", &[]).await;
    assert!(page.text().contains("id=\"stale\""), "the out-of-date notice");
    assert_eq!(
        player(&page),
        None,
        "an out-of-date text is not read as if current"
    );
    assert_eq!(
        get(&app, "/audio/K7Q2/vi", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_text_the_engine_cannot_read_is_not_tried_again_at_once() {
    let engine = FakeEngine::new(&["vi", "ne"], &["ne"]);
    let dir = tempfile::tempdir().unwrap();
    let (state, app, audio) = audio_state(dir.path(), Engines::detect(&engine.config())).await;
    wait_for_player(&app, "/q/K7Q2?lang=vi", None).await;
    let started = Instant::now();
    while !audio.idle() {
        assert!(started.elapsed() < Duration::from_secs(60), "still busy");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    // The planner reads the last rows and plans those codes once more.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(audio.idle(), "nothing planned again");
    let newest = || async { common::scalar(state.store(), "SELECT MAX(seq) FROM changes").await };
    let (failures, seq) = (engine.failures(), newest().await);
    // Six samples have Nepali: one attempt each.
    assert_eq!(failures, 6);
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(engine.failures(), failures, "not tried again at once");
    assert_eq!(newest().await, seq, "no more rows for the page caches");
    assert_eq!(player(&get(&app, "/q/K7Q2?lang=ne", &[]).await), None);
    assert_eq!(
        get(&app, "/audio/K7Q2/ne", &[]).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_recording_is_tried_again_later_and_made_once_the_engine_works() {
    let engine = FakeEngine::new(&["ne"], &["ne"]);
    let dir = tempfile::tempdir().unwrap();
    let audio = Audio::retrying_after(
        dir.path().to_path_buf(),
        Engines::detect(&engine.config()),
        Duration::from_millis(300),
    )
    .unwrap();
    let (state, app) = sample_state_with(|s| s.with_audio(audio.clone())).await;
    let current = state.clone();
    madoguchi::audio::start(audio.clone(), move || current.clone());
    let started = Instant::now();
    while engine.failures() < 12 {
        assert!(started.elapsed() < Duration::from_secs(60), "not tried again");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(player(&get(&app, "/q/K7Q2?lang=ne", &[]).await), None);
    // Nothing was edited: the next try, after a longer wait, makes it.
    engine.repair();
    wait_for_player(&app, "/q/K7Q2?lang=ne", None).await;
}

/// Debian's engines, for real: Japanese and Easy Japanese by Open JTalk,
/// Vietnamese and Nepali by espeak-ng; each file checked by opusinfo and
/// decoded by opusdec (opus-tools), at 32 kbit/s or less.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "needs open-jtalk, its dictionary and voice, espeak-ng and opus-tools; run by .ci/run"]
async fn debian_engines_read_japanese_easy_japanese_vietnamese_and_nepali() {
    let engines = Engines::detect(&EngineConfig::default());
    // The coverage table of the README, language by language.
    let (locales, _) = madoguchi::i18n::Locales::embedded();
    let coverage: Vec<String> = locales
        .tags()
        .iter()
        .map(|t| {
            format!(
                "{t}: {}",
                engines.voice_for(t).map_or("none".into(), |v| v.name())
            )
        })
        .collect();
    assert_eq!(
        coverage,
        [
            "ja: open_jtalk nitech-jp-atr503-m001",
            "ja-Hira: open_jtalk nitech-jp-atr503-m001",
            "en: espeak-ng en-us",
            "bn: espeak-ng bn",
            "es: espeak-ng es",
            "fil: none",
            "hi: espeak-ng hi",
            "id: espeak-ng id",
            "km: none",
            "ko: espeak-ng ko",
            "mn: none",
            "my: espeak-ng my",
            "ne: espeak-ng ne",
            "pt-BR: espeak-ng pt-br",
            "si: espeak-ng si",
            "th: espeak-ng th",
            "ur: espeak-ng ur",
            "vi: espeak-ng vi",
            "zh-Hans: none",
            "zh-Hant: none",
        ]
    );
    // Both engines are there; what is missing is Debian's Mandarin.
    assert_eq!(
        engines.missing(),
        [
            "espeak-ng cmn: cannot read 中文, so not used for zh-Hans",
            "espeak-ng cmn: cannot read 中文, so not used for zh-Hant",
        ]
    );
    let dir = tempfile::tempdir().unwrap();
    let audio = Audio::new(dir.path().to_path_buf(), engines).unwrap();
    // K7Q2 alone, in the four languages: the rest would take minutes.
    let samples: serde_json::Value =
        serde_json::from_str(include_str!("../assets/samples/procedures.json")).unwrap();
    let mut file = samples.clone();
    let procedures = file["procedures"].as_array_mut().unwrap();
    procedures.retain(|p| p["code"] == "K7Q2");
    let texts = procedures[0]["texts"].as_object_mut().unwrap();
    texts.retain(|lang, _| ["ja", "ja-Hira", "vi", "ne"].contains(&lang.as_str()));
    let store = madoguchi::store::scratch::store().await;
    let parsed = madoguchi::transfer::parse(&file.to_string(), "2026-01-01T00:00:00Z").unwrap();
    store.import(&parsed, &Actor::system("test")).await.unwrap();
    let (locales, _) = madoguchi::i18n::Locales::embedded();
    let state = AppState::new(
        store,
        locales,
        madoguchi::domain::BaseUrl::parse(common::BASE).unwrap(),
    )
    .with_audio(audio.clone());
    let app = madoguchi::app(state.clone());
    let current = state.clone();
    madoguchi::audio::start(audio, move || current.clone());
    for lang in ["ja", "ja-Hira", "vi", "ne"] {
        let src = wait_for_player(&app, &format!("/q/K7Q2?lang={lang}"), None).await;
        let body = get(&app, &src, &[]).await.body;
        let path = dir.path().join(format!("{lang}.opus"));
        std::fs::write(&path, &body).unwrap();
        let info = std::process::Command::new("opusinfo")
            .arg(&path)
            .output()
            .unwrap();
        let info_text = String::from_utf8_lossy(&info.stdout).into_owned();
        assert!(info.status.success(), "{lang}: {info_text}");
        let seconds = playback_seconds(&info_text);
        assert!(seconds > 5.0, "{lang}: {seconds} s");
        let kbits = body.len() as f64 * 8.0 / seconds / 1000.0;
        assert!(kbits <= 32.0, "{lang}: {kbits:.1} kbit/s");
        let wav = dir.path().join(format!("{lang}.wav"));
        let dec = std::process::Command::new("opusdec")
            .arg("--quiet")
            .arg(&path)
            .arg(&wav)
            .status()
            .unwrap();
        assert!(dec.success(), "{lang}: opusdec");
        let decoded = hound::WavReader::open(&wav).unwrap();
        let decoded_seconds = decoded.duration() as f64 / f64::from(decoded.spec().sample_rate);
        assert!(
            (decoded_seconds - seconds).abs() < 0.1,
            "{lang}: {decoded_seconds} vs {seconds}"
        );
        println!("{lang}: {seconds:.1} s, {} bytes, {kbits:.1} kbit/s", body.len());
    }
}

/// "Playback length: 1m:02.345s" → 62.345.
fn playback_seconds(opusinfo: &str) -> f64 {
    let line = opusinfo
        .lines()
        .find_map(|l| l.trim().strip_prefix("Playback length:"))
        .expect("opusinfo gives the length");
    let (m, s) = line.trim().trim_end_matches('s').split_once("m:").unwrap();
    m.parse::<f64>().unwrap() * 60.0 + s.parse::<f64>().unwrap()
}
