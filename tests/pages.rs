//! The guidance page, its fallback notice, the index, and the pages for
//! codes that do not resolve.

mod common;

use common::{app_with, get, import_file, procedure, sample_app};

#[tokio::test]
async fn guidance_page_shows_the_procedure_and_the_japanese_card() {
    let app = sample_app().await;
    let r = get(&app, "/q/K7Q2", &[("accept-language", "vi-VN")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), "text/html; charset=utf-8");
    let page = r.text();
    assert!(page.contains(r#"<html lang="vi" dir="ltr">"#));
    // Vietnamese labels and text, no fallback notice.
    assert!(
        page.contains("Những thứ cần mang theo"),
        "Vietnamese 'what to bring' label"
    );
    assert!(!page.contains(r#"class="notice""#));
    // The card for the staff is Japanese, with the Japanese title and the
    // resident's language named in Japanese.
    let card = &page[page.find(r#"<div class="card-body" lang="ja">"#).expect("card")..];
    assert!(card.contains("次の手続きをしたいです。"));
    assert!(card.contains("転入届"));
    assert!(card.contains("ベトナム語"));
    assert!(card.contains("K7Q2"));
}

#[tokio::test]
async fn missing_translation_falls_back_with_a_notice_in_the_visitors_language() {
    let app = sample_app().await;
    // T6ZX (resident tax) has ja, en and vi texts only.
    let r = get(&app, "/q/T6ZX", &[("accept-language", "ne-NP,ne;q=0.9")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.html_lang(), "ne");
    assert_eq!(r.header("content-language"), "ne, en");
    let page = r.text();
    let notice = page
        .split(r#"<p class="notice" role="note">"#)
        .nth(1)
        .expect("a fallback notice");
    let notice = notice.split("</p>").next().unwrap();
    assert!(notice.contains("नेपाली"), "the notice is in Nepali: {notice}");
    assert!(
        notice.contains("English"),
        "and names the language shown: {notice}"
    );
    // The text itself is marked as English for screen readers and fonts.
    assert!(page.contains(r#"<article class="text" lang="en" dir="ltr">"#));
    assert!(page.contains("Paying resident tax"));

    // A Vietnamese phone gets the Vietnamese text, and no notice.
    let r = get(&app, "/q/T6ZX", &[("accept-language", "vi")]).await;
    assert_eq!(r.header("content-language"), "vi");
    assert!(!r.text().contains(r#"class="notice""#));

    // Japanese is the last resort, and the page says so.
    let json = import_file(&[procedure(
        "J0NW",
        "published",
        &[("ja", "日本語のみ"), ("vi", "Chỉ tiếng Việt")],
    )]);
    let (app, _) = app_with(Some(&json)).await;
    let r = get(&app, "/q/J0NW", &[("accept-language", "ko")]).await;
    assert_eq!(r.header("content-language"), "ko, ja");
    assert!(r.text().contains("日本語のみ"));
}

#[tokio::test]
async fn codes_resolve_in_any_case_and_through_both_prefixes() {
    let app = sample_app().await;
    for path in ["/q/K7Q2", "/Q/K7Q2", "/q/k7q2", "/Q/k7Q2", "/q/K7-Q2"] {
        let r = get(&app, path, &[("accept-language", "en")]).await;
        assert_eq!(r.status, 200, "{path}");
        assert!(r.text().contains("Moving-in"), "{path}");
    }
}

#[tokio::test]
async fn unknown_codes_get_a_404_page_in_the_visitors_language_with_a_code_box() {
    let app = sample_app().await;
    let r = get(&app, "/q/ZZZZ", &[("accept-language", "ko-KR")]).await;
    assert_eq!(r.status, 404);
    assert_eq!(r.html_lang(), "ko");
    let page = r.text();
    assert!(page.contains("ZZZZ"));
    assert!(page.contains(r#"<form class="code-box" action="/q" method="get""#));
    assert!(page.contains(r#"<input id="code" name="code""#));
}

#[tokio::test]
async fn drafts_are_not_found_and_archived_procedures_are_gone() {
    let json = import_file(&[
        procedure("DRF7", "draft", &[("ja", "下書き"), ("en", "Draft procedure")]),
        procedure(
            "ARC1",
            "archived",
            &[("ja", "終了した手続き"), ("en", "Ended procedure")],
        ),
    ]);
    let (app, _) = app_with(Some(&json)).await;
    let r = get(&app, "/q/DRF7", &[("accept-language", "en")]).await;
    assert_eq!(r.status, 404);
    assert!(!r.text().contains("Draft procedure"));

    let r = get(&app, "/q/ARC1", &[("accept-language", "en")]).await;
    assert_eq!(r.status, 410);
    let page = r.text();
    assert!(page.contains("This procedure has ended"));
    assert!(page.contains("Ended procedure"));
    // Where to ask instead.
    assert!(page.contains("Chuo Ward Office") && page.contains("096-000-0000"));

    let r = get(&app, "/q/ARC1", &[("accept-language", "ja")]).await;
    assert_eq!(r.status, 410);
    assert!(r.text().contains("終了した手続き"));

    // Neither appears on the index.
    let index = get(&app, "/", &[("accept-language", "en")]).await.text();
    assert!(!index.contains("DRF7") && !index.contains("ARC1"));
}

#[tokio::test]
async fn index_lists_published_procedures_in_the_negotiated_language() {
    let app = sample_app().await;
    let r = get(&app, "/", &[("accept-language", "zh-TW")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.html_lang(), "zh-Hant");
    let page = r.text();
    for code in ["C4KA", "G2SB", "H3N8", "J5RW", "K7Q2", "M9CD", "T6ZX"] {
        assert!(page.contains(&format!(r#"href="/q/{code}""#)), "{code} listed");
    }
    // T6ZX has no Chinese text: its title is English and marked so.
    assert!(page.contains(r#"<a href="/q/T6ZX" lang="en">"#));
    assert!(page.contains(r#"action="/q""#));
}

#[tokio::test]
async fn the_code_box_goes_to_the_code() {
    let app = sample_app().await;
    let r = get(&app, "/q?code=k7q2", &[]).await;
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), "/q/K7Q2");
    let r = get(&app, "/q?code=%EF%BC%AB%EF%BC%97%EF%BC%B1%EF%BC%92", &[]).await; // Ｋ７Ｑ２
    assert_eq!(r.header("location"), "/q/K7Q2");
    let r = get(
        &app,
        "/q?code=%3Cscript%3Ealert(1)%3C/script%3E",
        &[("accept-language", "en")],
    )
    .await;
    assert_eq!(r.status, 404);
    let page = r.text();
    assert!(!page.contains("<script>"), "typed text is escaped");
    assert!(page.contains("&#60;script&#62;") || page.contains("&lt;script&gt;"));
}

#[tokio::test]
async fn health() {
    let app = sample_app().await;
    let r = get(&app, "/healthz", &[]).await;
    assert_eq!((r.status.as_u16(), r.text().as_str()), (200, "ok\n"));
}

/// The `content` of the page's `<meta name="description">`.
fn description(html: &str) -> String {
    let at = html
        .find(r#"<meta name="description" content=""#)
        .expect("a description")
        + 34;
    html[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn every_public_page_describes_itself_in_its_language() {
    let json = import_file(&[procedure(
        "ARC1",
        "archived",
        &[("ja", "終了した手続き"), ("en", "Ended procedure")],
    )]);
    let (app, _) = app_with(Some(&json)).await;
    let en = [("accept-language", "en")];
    // The guidance page: its summary, cut after a whole sentence.
    let page = get(&app, "/q/K7Q2", &en).await.text();
    assert_eq!(
        description(&page),
        "This is the notification you make when you move to Kumamoto City from another city, \
         town or village in Japan."
    );
    // Easy Japanese: the summary's first paragraph without its readings.
    let page = get(&app, "/q/K7Q2?lang=ja-Hira", &[]).await.text();
    assert_eq!(
        description(&page),
        "ほかの　町から　熊本市に　引っ越して　きたときに　出す　書類です。"
    );
    // The index and the 404 page: the site's tagline; the 410 page: why it is gone.
    let index = get(&app, "/", &en).await.text();
    assert_eq!(description(&index), "City procedures explained in your language");
    let index = get(&app, "/", &[("accept-language", "ja")]).await.text();
    assert_eq!(description(&index), "市役所の手続きを、あなたの言葉で説明します");
    let missing = get(&app, "/q/ZZZZ", &en).await.text();
    assert_eq!(
        description(&missing),
        "City procedures explained in your language"
    );
    let gone = get(&app, "/q/ARC1", &en).await.text();
    assert_eq!(
        description(&gone),
        "This procedure is no longer offered. Please ask at the counter below."
    );
}

#[tokio::test]
async fn the_site_has_its_own_icon_in_both_formats() {
    let app = sample_app().await;
    let page = get(&app, "/q/K7Q2", &[]).await.text();
    assert!(page.contains(r#"<link rel="icon" href="/favicon.svg" type="image/svg+xml">"#));
    let svg = get(&app, "/favicon.svg", &[]).await;
    assert_eq!(svg.status, 200);
    assert_eq!(svg.header("content-type"), "image/svg+xml");
    assert!(
        svg.text()
            .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\"")
    );
    assert!(svg.header("cache-control").contains("max-age="));
    // Browsers ask for /favicon.ico by themselves on pages that name no icon.
    let ico = get(&app, "/favicon.ico", &[]).await;
    assert_eq!(ico.status, 200);
    assert_eq!(ico.header("content-type"), "image/vnd.microsoft.icon");
    assert_eq!(ico.body[..6], [0, 0, 1, 0, 1, 0], "an ICO holding one image");
    assert_eq!((ico.body[6], ico.body[7]), (32, 32), "32 × 32");
    assert!(ico.header("cache-control").contains("max-age="));
}

#[tokio::test]
async fn the_last_update_is_a_date_in_the_page_language() {
    // Imported at 2026-01-01T00:00:00Z: 09:00 on 1 January in Tokyo.
    let json = import_file(&[procedure(
        "D8TE",
        "published",
        &[("ja", "日付の手続き"), ("en", "Dated procedure")],
    )]);
    let (app, _) = app_with(Some(&json)).await;
    for (lang, date) in [
        ("en", "Last updated: January 1, 2026</p>"),
        ("ja", "最終更新日：2026年1月1日</p>"),
        (
            "ja-Hira",
            "：2026<ruby>年<rp>(</rp><rt>ねん</rt><rp>)</rp></ruby>1<ruby>月<rp>(</rp><rt>がつ</rt><rp>)</rp></ruby><ruby>1日<rp>(</rp><rt>ついたち</rt><rp>)</rp></ruby></p>",
        ),
        ("ko", "마지막 업데이트: 2026년 1월 1일</p>"),
    ] {
        let page = get(&app, &format!("/q/D8TE?lang={lang}"), &[]).await.text();
        let line = page
            .split(r#"class="updated""#)
            .nth(1)
            .and_then(|s| s.split_once('>'))
            .map(|(_, rest)| rest)
            .expect("the date line");
        let line = &line[..line.find("</p>").unwrap() + 4];
        assert!(line.ends_with(date), "{lang}: {line}");
        assert!(!page.contains("2026-01-01"), "{lang}: no ISO date left");
    }
}
