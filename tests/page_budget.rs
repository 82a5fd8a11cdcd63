//! The guidance page's budgets and caching: ≤ 14 KB compressed in every
//! language, nothing from other origins, a strict CSP, a 304 on revisit,
//! and a cache that notices changes.

mod common;

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use sha2::{Digest, Sha256};

use common::{app_with, get, import_file, procedure, sample_app};
use madoguchi::domain::Actor;
use madoguchi::i18n::Locales;
use madoguchi::transfer;

/// One TCP round trip: an initial congestion window of 10 segments of
/// 1460 bytes is 14,600 bytes; headers need some of it.
const BUDGET: usize = 14 * 1000;

const SAMPLE_CODES: [&str; 7] = ["K7Q2", "H3N8", "J5RW", "M9CD", "C4KA", "G2SB", "T6ZX"];

fn shipped_languages() -> Vec<String> {
    let (locales, _) = Locales::embedded();
    locales.tags().iter().map(ToString::to_string).collect()
}

#[tokio::test]
async fn every_sample_page_in_every_language_fits_one_round_trip() {
    let app = sample_app().await;
    let languages = shipped_languages();
    assert!(languages.len() >= 13, "{languages:?}");
    let mut largest = (0, String::new());
    for code in SAMPLE_CODES {
        for lang in &languages {
            for encoding in ["br", "gzip"] {
                let uri = format!("/q/{code}?lang={lang}");
                let r = get(&app, &uri, &[("accept-encoding", encoding)]).await;
                assert_eq!(r.status, 200, "{uri}");
                assert_eq!(r.header("content-encoding"), encoding, "{uri}");
                let size = r.body.len();
                assert!(size <= BUDGET, "{uri} is {size} bytes with {encoding}");
                if size > largest.0 {
                    largest = (size, format!("{uri} ({encoding})"));
                }
            }
        }
    }
    eprintln!("largest compressed page: {} bytes, {}", largest.0, largest.1);
}

/// Every URL in an attribute or a CSS `url()`.
fn urls(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in [
        "href=\"",
        "src=\"",
        "action=\"",
        "srcset=\"",
        "poster=\"",
        "data=\"",
    ] {
        for part in page.split(attr).skip(1) {
            found.push(part.split('"').next().unwrap().to_owned());
        }
    }
    for part in page.split("url(").skip(1) {
        found.push(
            part.split(')')
                .next()
                .unwrap()
                .trim_matches(['"', '\''])
                .to_owned(),
        );
    }
    found
}

#[tokio::test]
async fn no_url_in_any_page_points_off_origin() {
    let app = sample_app().await;
    let mut pages = vec!["/".to_owned(), "/q/ZZZZ".to_owned(), "/no/such/page".to_owned()];
    for code in SAMPLE_CODES {
        for lang in shipped_languages() {
            pages.push(format!("/q/{code}?lang={lang}"));
        }
    }
    for uri in &pages {
        let page = get(&app, uri, &[]).await.text();
        let found = urls(&page);
        assert!(!found.is_empty(), "{uri} has links");
        for url in found {
            // Same origin: a path (not `//host`), a fragment or a query.
            let local = (url.starts_with('/') && !url.starts_with("//"))
                || url.starts_with('#')
                || url.starts_with('?');
            assert!(local, "{uri} links off-origin: {url}");
        }
        assert!(!page.contains("@import"), "{uri}");
    }
}

#[tokio::test]
async fn the_csp_allows_the_inline_stylesheet_by_hash_and_scripts_only_from_self() {
    let app = sample_app().await;
    let r = get(&app, "/q/K7Q2?lang=vi", &[]).await;
    let csp = r.header("content-security-policy");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    let page = r.text();
    let css = page
        .split("<style>")
        .nth(1)
        .unwrap()
        .split("</style>")
        .next()
        .unwrap();
    let hash = format!("'sha256-{}'", STANDARD.encode(Sha256::digest(css.as_bytes())));
    assert!(csp.contains(&hash), "{csp} should name {hash}");
    assert_eq!(page.matches("<style").count(), 1);
    assert!(
        !page.contains(" style="),
        "no style attributes: the CSP would block them"
    );
    // The only script is the same-origin file, which is long-cached.
    assert_eq!(page.matches("<script").count(), 1);
    let src = page
        .split("<script src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    assert!(src.starts_with("/assets/page.js?v="), "{src}");
    let js = get(&app, src, &[]).await;
    assert_eq!(js.status, 200);
    assert_eq!(js.header("content-type"), "text/javascript; charset=utf-8");
    assert!(js.header("cache-control").contains("immutable"));
    assert!(js.text().contains("speechSynthesis"));
    assert_eq!(get(&app, "/assets/other.js", &[]).await.status, 404);
}

#[tokio::test]
async fn a_revisit_costs_a_304() {
    let app = sample_app().await;
    let first = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await;
    assert_eq!(first.status, 200);
    let etag = first.header("etag");
    assert!(etag.starts_with("W/\""), "{etag}");
    assert_eq!(first.header("cache-control"), "no-cache");
    let again = get(
        &app,
        "/q/K7Q2",
        &[("accept-language", "vi"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());
    assert_eq!(again.header("etag"), etag);
    assert_eq!(again.header("content-language"), "vi");
    // Another language is another representation.
    let ko = get(
        &app,
        "/q/K7Q2",
        &[("accept-language", "ko"), ("if-none-match", &etag)],
    )
    .await;
    assert_eq!(ko.status, 200);
    assert_ne!(ko.header("etag"), etag);
    // A compressed response carries the same tag.
    let br = get(
        &app,
        "/q/K7Q2",
        &[("accept-language", "vi"), ("accept-encoding", "br")],
    )
    .await;
    assert_eq!(br.header("etag"), etag);
}

#[tokio::test]
async fn a_change_to_the_texts_shows_within_the_check_interval() {
    let json = import_file(&[procedure(
        "W4XY",
        "published",
        &[("ja", "古い題"), ("en", "Old title")],
    )]);
    let (app, store) = app_with(Some(&json)).await;
    let r = get(&app, "/q/W4XY?lang=en", &[]).await;
    assert!(r.text().contains("Old title"));
    let etag = r.header("etag");
    let json = import_file(&[procedure(
        "W4XY",
        "published",
        &[("ja", "新しい題"), ("en", "New title")],
    )]);
    let procedures = transfer::parse(&json, "2026-02-02T00:00:00Z").unwrap();
    store.import(&procedures, &Actor::system("test")).await.unwrap();
    tokio::time::sleep(madoguchi::web::CHECK_EVERY + std::time::Duration::from_millis(100)).await;
    let r = get(&app, "/q/W4XY?lang=en", &[("if-none-match", &etag)]).await;
    assert_eq!(r.status, 200, "the old tag no longer matches");
    let page = r.text();
    assert!(page.contains("New title"), "the cached page was replaced");
    assert!(page.contains("新しい題"), "and the Japanese card too");
    assert!(
        page.contains("Last updated: February 2, 2026"),
        "with the text's new date"
    );
    // Archiving turns the cached page into the 410 page.
    let json = import_file(&[procedure(
        "W4XY",
        "archived",
        &[("ja", "新しい題"), ("en", "New title")],
    )]);
    store
        .import(
            &transfer::parse(&json, "2026-02-03T00:00:00Z").unwrap(),
            &Actor::system("test"),
        )
        .await
        .unwrap();
    tokio::time::sleep(madoguchi::web::CHECK_EVERY + std::time::Duration::from_millis(100)).await;
    assert_eq!(get(&app, "/q/W4XY?lang=en", &[]).await.status, 410);
}

#[tokio::test]
async fn the_page_has_the_staff_mode_phrases_date_and_tools() {
    let app = sample_app().await;
    let page = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await.text();
    // Full-screen card without JavaScript: a link to the :target section.
    assert!(page.contains(r##"<section class="card" id="staff""##));
    assert!(page.contains(r##"href="#staff""##));
    let card = &page[page.find(r#"id="staff""#).unwrap()..];
    assert!(card.contains("転入届"));
    assert!(card.contains("ベトナム語"));
    for (ja, vi) in [
        ("わかりません。", "Tôi không hiểu."),
        ("紙に書いてください。", "Xin vui lòng viết ra giấy."),
        ("通訳の方はいますか？", "Ở đây có phiên dịch viên không?"),
    ] {
        assert!(
            card.contains(&format!(r#"<span lang="ja">{ja}</span><br>{vi}"#)),
            "{ja}"
        );
    }
    // The date of the Vietnamese text, in Vietnamese words (day, month, year).
    let updated = page
        .split(r#"<p class="updated">Cập nhật lần cuối: "#)
        .nth(1)
        .and_then(|s| s.split("</p>").next())
        .expect("the date line");
    assert!(updated.contains(" tháng "), "{updated}");
    assert!(updated.ends_with(" 2026") || updated.contains(" 20"), "{updated}");
    // Buttons that need JavaScript start hidden.
    for id in ["read-aloud", "copy-link", "share"] {
        let at = page.find(&format!(r#"id="{id}""#)).expect(id);
        let tag = &page[page[..at].rfind('<').unwrap()..at + page[at..].find('>').unwrap()];
        assert!(tag.contains(" hidden"), "{tag}");
    }
    assert!(page.contains(r#"<a href="/">"#), "a link back to the list");
    assert!(page.contains("@media print"));
}
