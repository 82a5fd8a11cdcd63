//! Real Accept-Language headers → the page's language and the text's.

mod common;

use common::{get, sample_app};

/// (what sends it, Accept-Language, page language, Content-Language)
/// against K7Q2, whose text exists in ja en vi zh-Hans zh-Hant ko fil ne id.
const CASES: &[(&str, &str, &str, &str)] = &[
    ("iOS Safari, Japanese phone", "ja-JP", "ja", "ja"),
    ("iOS Safari, Vietnamese", "vi-VN,vi;q=0.9", "vi", "vi"),
    (
        "Android Chrome, Vietnamese",
        "vi-VN,vi;q=0.9,en-US;q=0.8,en;q=0.7",
        "vi",
        "vi",
    ),
    ("desktop Chrome, US English", "en-US,en;q=0.9", "en", "en"),
    (
        "Edge, Taiwan",
        "zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7",
        "zh-Hant",
        "zh-Hant",
    ),
    (
        "Android, Hong Kong",
        "zh-HK,zh;q=0.9,en;q=0.8",
        "zh-Hant",
        "zh-Hant",
    ),
    (
        "Android, mainland China",
        "zh-CN,zh;q=0.9,en;q=0.8",
        "zh-Hans",
        "zh-Hans",
    ),
    ("bare zh", "zh", "zh-Hans", "zh-Hans"),
    (
        "Firefox, Spain",
        "es-ES,es;q=0.8,en-US;q=0.5,en;q=0.3",
        "es",
        "es",
    ),
    (
        "Android, Philippines",
        "fil-PH,fil;q=0.9,en-US;q=0.8",
        "fil",
        "fil",
    ),
    ("old Android, Tagalog", "tl", "fil", "fil"),
    ("iOS, Portugal", "pt-PT,pt;q=0.9,en;q=0.8", "pt-BR", "pt-BR"),
    ("Android, Nepal", "ne-NP,ne;q=0.9,en;q=0.8", "ne", "ne"),
    (
        "Samsung Internet, Korea",
        "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7",
        "ko",
        "ko",
    ),
    ("Indonesia", "id-ID,id;q=0.9", "id", "id"),
    ("Myanmar", "my-MM,my;q=0.9", "my", "my"),
    ("Sri Lanka", "si-LK,si;q=0.9,en;q=0.8", "si", "si"),
    ("Pakistan, right to left", "ur-PK,ur;q=0.9,en;q=0.8", "ur", "ur"),
    ("q-values, not position, decide", "en;q=0.5, ko;q=0.9", "ko", "ko"),
    ("q=0 means no", "ja;q=0, vi;q=0.2", "vi", "vi"),
    ("German: nothing matches", "de-DE,de;q=0.9", "en", "en"),
    ("wildcard", "*", "en", "en"),
    ("empty", "", "en", "en"),
    ("garbage", "🙂;;q=x,,,=,;", "en", "en"),
    ("NaN q-values", "ko;q=NaN, vi;q=0.5", "vi", "vi"),
];

#[tokio::test]
async fn accept_language_table() {
    let app = sample_app().await;
    let mut failures = Vec::new();
    for (who, header, page, content) in CASES {
        let r = get(&app, "/q/K7Q2", &[("accept-language", header)]).await;
        let got = (r.status.as_u16(), r.html_lang(), r.header("content-language"));
        if got != (200, page.to_string(), content.to_string()) {
            failures.push(format!(
                "{who} ({header:?}): expected 200 {page} [{content}], got {got:?}"
            ));
        }
        assert!(r.header("vary").contains("Accept-Language"), "{who}: Vary");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test]
async fn query_parameter_wins_and_is_remembered() {
    let app = sample_app().await;
    let r = get(&app, "/q/K7Q2?lang=ko", &[("accept-language", "vi")]).await;
    assert_eq!(r.html_lang(), "ko");
    let cookie = r.header("set-cookie");
    assert!(cookie.starts_with("lang=ko;"), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    // The cookie then beats Accept-Language, with no query.
    let r = get(
        &app,
        "/q/K7Q2",
        &[("accept-language", "vi"), ("cookie", "lang=ko")],
    )
    .await;
    assert_eq!(r.html_lang(), "ko");
    assert!(r.header("set-cookie").is_empty());

    // A query names the language case-insensitively and through aliases.
    let r = get(&app, "/q/K7Q2?lang=TL", &[]).await;
    assert_eq!(r.html_lang(), "fil");
    assert!(r.header("set-cookie").starts_with("lang=fil;"));
}

#[tokio::test]
async fn unknown_or_hostile_lang_values_are_ignored() {
    let app = sample_app().await;
    for q in ["xx", "de", "%3Cscript%3E", "", "*", "ja%00"] {
        let r = get(&app, &format!("/q/K7Q2?lang={q}"), &[("accept-language", "vi")]).await;
        assert_eq!(r.status, 200, "lang={q}");
        assert_eq!(r.html_lang(), "vi", "lang={q}");
        assert!(
            r.header("set-cookie").is_empty(),
            "lang={q} must not set a cookie"
        );
    }
    let r = get(
        &app,
        "/q/K7Q2",
        &[("cookie", "lang=<b>; other=1"), ("accept-language", "ko")],
    )
    .await;
    assert_eq!(r.html_lang(), "ko");
}

#[tokio::test]
async fn the_picker_names_each_language_in_its_own_script() {
    let app = sample_app().await;
    let page = get(&app, "/q/K7Q2", &[("accept-language", "en")]).await.text();
    for (tag, name) in [
        ("ja", "日本語"),
        ("vi", "Tiếng Việt"),
        ("zh-Hant", "繁體中文"),
        ("ko", "한국어"),
        ("ne", "नेपाली"),
        ("my", "မြန်မာဘာသာ"),
    ] {
        let link = format!(r#"<a href="/q/K7Q2?lang={tag}" lang="{tag}" hreflang="{tag}">{name}</a>"#);
        assert!(page.contains(&link), "missing {link}");
    }
    assert!(page.contains(r#"lang="en" hreflang="en" aria-current="true">English</a>"#));
}
