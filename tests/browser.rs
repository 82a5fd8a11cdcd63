//! The guidance page in a real browser: headless Chromium through
//! chromedriver, both started here on loopback ports. Ignored by default
//! (they need Debian's chromium and chromium-driver, and axe-core from npm
//! in tests/browser/node_modules); `.ci/run` installs those and runs them.

mod common;

use std::path::Path;

use fantoccini::Locator;
use serde_json::json;

use common::binary::{Server, import, start};
use common::browser::{Browser, axe_source, axe_violations};
use common::{import_file, procedure};

/// Long words (vi, ne), no spaces (ja, zh-Hant, km), tall scripts (my, si),
/// right to left (ur shipped, ar a test fixture).
const LAYOUT_LANGUAGES: [&str; 9] = ["ja", "vi", "zh-Hant", "ne", "my", "si", "km", "ur", "ar"];

/// A server with the samples, an archived procedure (for the 410 page) and
/// the real locales plus a right-to-left test locale.
struct Site {
    server: Server,
    _dir: tempfile::TempDir,
}

fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let locales = dir.path().join("locales");
    for source in [root.join("locales"), root.join("tests/fixtures/rtl-locales")] {
        for entry in std::fs::read_dir(source).unwrap() {
            let entry = entry.unwrap();
            // Language folders only (locales/glossary.tsv is the translators').
            if !entry.file_type().unwrap().is_dir() {
                continue;
            }
            let to = locales.join(entry.file_name());
            std::fs::create_dir_all(&to).unwrap();
            for file in std::fs::read_dir(entry.path()).unwrap() {
                let file = file.unwrap();
                std::fs::copy(file.path(), to.join(file.file_name())).unwrap();
            }
        }
    }
    let db = dir.path().join("m.db");
    let server = start(&db, &["--locales", locales.to_str().unwrap()]);
    // The samples are in (the database was empty); add an archived one.
    let json = import_file(&[procedure(
        "A2RC",
        "archived",
        &[("ja", "終わった手続き"), ("en", "An ended procedure")],
    )]);
    std::fs::write(dir.path().join("archived.json"), json).unwrap();
    import(&db, &dir.path().join("archived.json"));
    Site { server, _dir: dir }
}

/// Horizontal overflow of the document and of every piece of text.
const LAYOUT: &str = r#"
const vw = document.documentElement.clientWidth;
const bad = [];
const sw = document.documentElement.scrollWidth;
if (sw > vw) bad.push('document is ' + sw + ' px wide in a ' + vw + ' px viewport');
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
for (let n = walk.nextNode(); n; n = walk.nextNode()) {
  if (!n.textContent.trim()) continue;
  const box = n.parentElement.getBoundingClientRect();
  if (box.width < 2 && box.height < 2) continue; // visually hidden (skip link)
  const range = document.createRange();
  range.selectNodeContents(n);
  for (const r of range.getClientRects()) {
    if (r.width > 0 && (r.left < -0.5 || r.right > vw + 0.5)) {
      bad.push(JSON.stringify(n.textContent.trim().slice(0, 40)) + ' spans ' + Math.round(r.left) + '..' + Math.round(r.right));
      break;
    }
  }
}
return { vw: vw, iw: window.innerWidth, bad: bad };
"#;

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn no_horizontal_scroll_or_text_outside_the_viewport_at_320_and_1280_px() {
    let site = site();
    let b = Browser::start(true, &[]).await;
    let mut problems = Vec::new();
    for width in [320, 1280] {
        b.client.set_window_size(width, 900).await.unwrap();
        for lang in LAYOUT_LANGUAGES {
            for (path, fragment) in [("/q/K7Q2", ""), ("/q/K7Q2", "#staff"), ("/q/T6ZX", ""), ("/", "")] {
                let url = format!("{}{path}?lang={lang}{fragment}", site.server.url);
                b.client.goto(&url).await.unwrap();
                let html_lang = b.run("return document.documentElement.lang").await;
                assert_eq!(html_lang, json!(lang), "{url}");
                let dir = if ["ar", "ur"].contains(&lang) {
                    "rtl"
                } else {
                    "ltr"
                };
                assert_eq!(
                    b.run("return document.documentElement.dir").await,
                    json!(dir),
                    "{url}"
                );
                let r = b.run(LAYOUT).await;
                assert_eq!(r["iw"], json!(width), "the window really is {width} px wide");
                for p in r["bad"].as_array().unwrap() {
                    problems.push(format!("{width} px {url}: {p}"));
                }
            }
        }
    }
    b.close().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
#[ignore = "needs chromium, chromium-driver and axe-core; run by .ci/run"]
async fn axe_core_finds_no_wcag_aa_violations_in_light_and_dark_mode() {
    let site = site();
    let axe = axe_source();
    let u = &site.server.url;
    let pages = [
        format!("{u}/q/K7Q2?lang=vi"),
        format!("{u}/q/K7Q2?lang=ja"),
        format!("{u}/q/K7Q2?lang=ar"),
        format!("{u}/q/K7Q2?lang=ur"),
        format!("{u}/q/H3N8?lang=km"),
        format!("{u}/?lang=si"),
        format!("{u}/q/K7Q2?lang=zh-Hant#staff"),
        format!("{u}/q/T6ZX?lang=ne"),
        format!("{u}/?lang=en"),
        format!("{u}/?lang=my"),
        format!("{u}/q/ZZZZ?lang=vi"),
        format!("{u}/no/such/page"),
        format!("{u}/q/A2RC?lang=en"),
    ];
    let mut problems = Vec::new();
    for (dark, args) in [(false, &[][..]), (true, &["--force-dark-mode"][..])] {
        let b = Browser::start(true, args).await;
        let is_dark = b
            .run("return matchMedia('(prefers-color-scheme: dark)').matches")
            .await;
        assert_eq!(is_dark, json!(dark), "the colour scheme under test");
        for width in [320, 1280] {
            b.client.set_window_size(width, 900).await.unwrap();
            for url in &pages {
                problems.extend(axe_violations(&b, &axe, url).await);
            }
        }
        b.close().await;
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn the_page_works_with_javascript_off_and_the_script_runs_under_the_csp() {
    let site = site();
    let u = &site.server.url;
    // With JavaScript: the same-origin script runs under the strict CSP
    // (it shows the copy button) and the hash lets the inline CSS apply.
    let b = Browser::start(true, &[]).await;
    b.client.goto(&format!("{u}/q/K7Q2?lang=vi")).await.unwrap();
    let copy = b.client.find(Locator::Id("copy-link")).await.unwrap();
    assert!(copy.is_displayed().await.unwrap(), "the script ran");
    let width = b.run("return getComputedStyle(document.body).maxWidth").await;
    assert_eq!(width, json!("672px"), "the inline stylesheet applied");
    b.close().await;

    let b = Browser::start(false, &[]).await;
    let c = &b.client;
    c.goto(&format!("{u}/q/K7Q2?lang=vi")).await.unwrap();
    let h1 = c.find(Locator::Css("h1")).await.unwrap();
    assert!(
        h1.text().await.unwrap().contains("chuyển đến"),
        "Vietnamese title"
    );
    for id in ["read-aloud", "copy-link", "share"] {
        let button = c.find(Locator::Id(id)).await.unwrap();
        assert!(
            !button.is_displayed().await.unwrap(),
            "{id} stays hidden without JavaScript"
        );
    }
    // Staff mode is a link to a :target section: full screen, no script.
    let phrases = c.find(Locator::Css(".phrases")).await.unwrap();
    let before = phrases.rectangle().await.unwrap();
    c.find(Locator::Css(r##"a[href="#staff"]"##))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    assert!(c.current_url().await.unwrap().as_str().ends_with("#staff"));
    let card = c.find(Locator::Id("staff")).await.unwrap();
    // (y is in document coordinates: the page scrolled to the card.)
    let (x, _, w, h) = card.rectangle().await.unwrap();
    assert!(
        x == 0.0 && w > 1200.0 && h > 700.0,
        "the card fills the screen: {x} {w}×{h}"
    );
    let close = c.find(Locator::Css(".staff-close a")).await.unwrap();
    assert!(close.is_displayed().await.unwrap());
    let after = phrases.rectangle().await.unwrap();
    assert!(
        after.3 > before.3,
        "phrases are larger full screen: {before:?} → {after:?}"
    );
    close.click().await.unwrap();
    let (_, _, w, _) = c
        .find(Locator::Id("staff"))
        .await
        .unwrap()
        .rectangle()
        .await
        .unwrap();
    assert!(w < 1000.0, "closed again: {w}");
    // The language picker is plain links.
    c.find(Locator::Css(r#".langs a[hreflang="ne"]"#))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let html = c.find(Locator::Css("html")).await.unwrap();
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ne"));
    // The code box on the index is a plain form.
    c.goto(&format!("{u}/")).await.unwrap();
    c.find(Locator::Id("code"))
        .await
        .unwrap()
        .send_keys("h3n8")
        .await
        .unwrap();
    c.find(Locator::Css(".code-box button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    // A form submission is a navigation the click does not wait for
    // (Chromium 156): wait for the new page, bounded.
    let mut path = String::new();
    for _ in 0..50 {
        path = c.current_url().await.unwrap().path().to_owned();
        if path != "/" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(path, "/q/H3N8");
    b.close().await;
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn read_aloud_appears_only_when_a_voice_exists_for_the_text_language() {
    let site = site();
    let b = Browser::start(true, &[]).await;
    b.client
        .goto(&format!("{}/q/K7Q2?lang=vi", site.server.url))
        .await
        .unwrap();
    let button = b.client.find(Locator::Id("read-aloud")).await.unwrap();
    // Whatever voices this Chromium has: shown exactly when one speaks Vietnamese.
    let has_vi = b
        .run("return speechSynthesis.getVoices().some(v => v.lang.toLowerCase().startsWith('vi'))")
        .await;
    assert_eq!(json!(button.is_displayed().await.unwrap()), has_vi);
    // Voices arrive late in real browsers (`voiceschanged`): only an English
    // one keeps the button hidden, a Vietnamese one shows it.
    let offer = |voices: &str| {
        format!(
            "speechSynthesis.getVoices = () => {voices}; \
             speechSynthesis.dispatchEvent(new Event('voiceschanged'));"
        )
    };
    b.run(&offer("[{ lang: 'en-US', name: 'English' }]")).await;
    assert!(
        !button.is_displayed().await.unwrap(),
        "no Vietnamese voice, no button"
    );
    b.run(&offer(
        "[{ lang: 'en-US', name: 'English' }, { lang: 'vi-VN', name: 'Tiếng Việt' }]",
    ))
    .await;
    assert!(
        button.is_displayed().await.unwrap(),
        "a Vietnamese voice shows the button"
    );
    b.run(&offer("[]")).await;
    assert!(
        !button.is_displayed().await.unwrap(),
        "and it hides again when it goes"
    );
    b.close().await;
}

/// Opens `url` under the service worker (the first visit installs it, the
/// second is kept), then `saved` (`/saved`), and waits until it lists one page.
async fn open_and_keep(b: &Browser, url: &str, saved: &str) {
    b.client.goto(url).await.unwrap();
    b.wait_for("return !!navigator.serviceWorker.controller").await;
    b.client.goto(url).await.unwrap();
    b.client.goto(saved).await.unwrap();
    b.wait_for("return document.querySelectorAll('#saved-list a').length === 1")
        .await;
}

/// Offline re-reading (issue 15): a guidance page opened once opens again
/// with no network, from the service worker's copy, with the note saying
/// so; `/saved` lists it.
#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn a_page_opened_once_opens_again_offline_with_a_note() {
    let site = site();
    let b = Browser::start(true, &[]).await;
    let url = format!("{}/q/K7Q2?lang=vi", site.server.url);
    // The list of saved pages, visited once online, opens offline too.
    let saved = format!("{}/saved?lang=vi", site.server.url);
    open_and_keep(&b, &url, &saved).await;
    b.client.goto(&url).await.unwrap();
    let online_title = b.run("return document.title").await;
    assert_eq!(
        b.run("return document.querySelector('.offline-note').hidden")
            .await,
        json!(true)
    );

    // Offline: the page through the DevTools protocol, and the server gone,
    // for DevTools' offline mode of a page does not reach the service
    // worker's own fetches (they went out and got the live page).
    let Site { server, _dir: _kept } = site;
    drop(server);
    b.cdp("Network.enable", json!({})).await;
    let r = b
        .cdp(
            "Network.emulateNetworkConditions",
            json!({ "offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1 }),
        )
        .await;
    assert!(r.get("value").is_some(), "{r}");
    b.client.goto(&url).await.unwrap();
    assert_eq!(
        b.run("return document.title").await,
        online_title,
        "the same page"
    );
    assert_eq!(
        b.run("return document.querySelector('.offline-note').hidden")
            .await,
        json!(false),
        "with the note"
    );
    assert_eq!(b.run("return document.documentElement.lang").await, json!("vi"));

    // /saved, offline too, lists the page by its title.
    b.client.goto(&saved).await.unwrap();
    let listed = b.wait_for("return document.querySelectorAll('#saved-list a').length > 0 && document.querySelector('#saved-list a').textContent").await;
    assert_eq!(listed, online_title);
    assert_eq!(
        b.run("return document.getElementById('saved-empty').hidden")
            .await,
        json!(true)
    );
    b.close().await;
}

/// A kept page whose procedure has since ended is dropped from the phone
/// when the server says so (410), so it cannot open offline as if current.
#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn a_kept_page_that_has_ended_is_dropped() {
    let site = site();
    let b = Browser::start(true, &[]).await;
    let url = format!("{}/q/J5RW?lang=en", site.server.url);
    let saved = format!("{}/saved?lang=en", site.server.url);
    open_and_keep(&b, &url, &saved).await;

    // Archived by another process; the server sees it within a second.
    let json = import_file(&[procedure(
        "J5RW",
        "archived",
        &[("ja", "住民票"), ("en", "Residence certificate")],
    )]);
    let file = site._dir.path().join("ended.json");
    std::fs::write(&file, json).unwrap();
    import(&site._dir.path().join("m.db"), &file);
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    b.client.goto(&url).await.unwrap();
    b.client.goto(&saved).await.unwrap();
    b.wait_for("return document.getElementById('saved-empty').hidden === false")
        .await;
    assert_eq!(
        b.run("return document.querySelectorAll('#saved-list a').length")
            .await,
        json!(0)
    );
    b.close().await;
}
