//! The recording plays in a real browser (issue 15, part 2): the real
//! binary makes the recordings with Debian's engines, headless Chromium
//! loads them in the page's `<audio>` player until it can play
//! (`readyState` ≥ 2) for Japanese, Easy Japanese, Vietnamese and Nepali;
//! the service worker keeps a recording once played, and it plays again
//! with no network. Ignored by default (Chromium, chromedriver, Open JTalk
//! and espeak-ng); `.ci/run` runs it.

mod common;

use std::time::{Duration, Instant};

use serde_json::json;

use common::binary::{Server, import, start};
use common::browser::Browser;

const LANGUAGES: [&str; 4] = ["ja", "ja-Hira", "vi", "ne"];

struct Site {
    server: Server,
    _dir: tempfile::TempDir,
}

/// The binary with recordings on, holding K7Q2 in the four languages only
/// (all samples would take minutes to record); returns once all four pages
/// offer their recording.
async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    let mut samples: serde_json::Value =
        serde_json::from_str(include_str!("../assets/samples/procedures.json")).unwrap();
    let procedures = samples["procedures"].as_array_mut().unwrap();
    procedures.retain(|p| p["code"] == "K7Q2");
    let texts = procedures[0]["texts"].as_object_mut().unwrap();
    texts.retain(|lang, _| LANGUAGES.contains(&lang.as_str()));
    let file = dir.path().join("k7q2.json");
    std::fs::write(&file, samples.to_string()).unwrap();
    import(&db, &file);
    let audio = dir.path().join("audio");
    let server = start(&db, &["--no-samples", "--audio-dir", audio.to_str().unwrap()]);
    let started = Instant::now();
    for lang in LANGUAGES {
        let url = format!("{}/q/K7Q2?lang={lang}", server.url);
        loop {
            let html = reqwest::get(&url).await.unwrap().text().await.unwrap();
            if html.contains("<audio") {
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(180),
                "no player for {lang}: {:?}",
                server.log.lock().unwrap()
            );
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
    }
    Site { server, _dir: dir }
}

/// Loads the page's recording and waits until the player can play it;
/// its length in seconds.
async fn playable(b: &Browser) -> f64 {
    b.run("const a = document.querySelector('.listen audio'); a.preload = 'auto'; a.load(); return true")
        .await;
    let duration = b
        .wait_for(
            "const a = document.querySelector('.listen audio'); \
             if (a.error) return 'error ' + a.error.code; \
             return a.readyState >= 2 ? a.duration : false",
        )
        .await;
    duration
        .as_f64()
        .unwrap_or_else(|| panic!("the player failed: {duration}"))
}

#[tokio::test]
#[ignore = "needs chromium, chromium-driver, open-jtalk and espeak-ng; run by .ci/run"]
async fn the_player_plays_japanese_easy_japanese_vietnamese_and_nepali_and_offline_once_played() {
    let site = site().await;
    let b = Browser::start(true, &[]).await;
    for lang in LANGUAGES {
        b.client
            .goto(&format!("{}/q/K7Q2?lang={lang}", site.server.url))
            .await
            .unwrap();
        let label = b
            .run("return document.querySelector('.listen audio').getAttribute('aria-labelledby')")
            .await;
        assert_eq!(label, json!("listen-h"), "{lang}: the player has a name");
        let seconds = playable(&b).await;
        assert!(seconds > 5.0, "{lang}: {seconds} s");
    }

    // Offline: the page and its recording, once played under the service
    // worker, come back from the phone.
    let url = format!("{}/q/K7Q2?lang=vi", site.server.url);
    b.client.goto(&url).await.unwrap();
    b.wait_for("return !!navigator.serviceWorker.controller").await;
    b.client.goto(&url).await.unwrap();
    playable(&b).await;
    // Kept whole from what the player downloaded (the worker was already
    // in charge when the other languages played: they are kept too).
    b.wait_for(
        "const src = document.querySelector('.listen source').src; \
         return caches.open('madoguchi-audio-v1').then(c => c.match(src)).then(r => !!r)",
    )
    .await;
    let Site { server, _dir: _kept } = site;
    drop(server);
    b.cdp("Network.enable", json!({})).await;
    b.cdp(
        "Network.emulateNetworkConditions",
        json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
    )
    .await;
    b.client.goto(&url).await.unwrap();
    assert_eq!(
        b.run("return document.querySelector('.offline-note').hidden")
            .await,
        json!(false),
        "the saved copy"
    );
    let seconds = playable(&b).await;
    assert!(seconds > 5.0, "offline: {seconds} s");
    b.close().await;
}
