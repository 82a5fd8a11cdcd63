//! Print pages and QR print options, in process (the browser tests that
//! print to PDF and decode are in `print_browser.rs`).

mod common;

use common::staff::{Client, PASSWORD, add_user};
use common::{BASE, get, import_file, procedure};
use madoguchi::domain::{BaseUrl, Role};
use madoguchi::i18n::Locales;
use madoguchi::store::Store;
use madoguchi::{AppState, app, samples};

async fn state_with(locales: Locales) -> AppState {
    let store = madoguchi::store::scratch::store().await;
    samples::load_if_empty(&store).await.unwrap();
    let extra = import_file(&[
        procedure("DRF7", "draft", &[("ja", "下書き"), ("en", "Draft")]),
        procedure("ARC9", "archived", &[("ja", "終わった手続き"), ("en", "Ended")]),
    ]);
    let file = madoguchi::transfer::parse(&extra, "2026-01-01T00:00:00Z").unwrap();
    store
        .import(&file, &madoguchi::domain::Actor::system("test"))
        .await
        .unwrap();
    AppState::new(store, locales, BaseUrl::parse(BASE).unwrap())
}

async fn state() -> AppState {
    state_with(Locales::embedded().0).await
}

/// What a reader sees of an inline piece of HTML: ruby readings and
/// their fallback brackets dropped, tags removed.
fn shown_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let end = if after.starts_with("<rt>") || after.starts_with("<rp>") {
            let close = if after.starts_with("<rt>") {
                "</rt>"
            } else {
                "</rp>"
            };
            after.find(close).unwrap() + close.len()
        } else {
            after.find('>').unwrap() + 1
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// `poster-scan-caption` from each folder under `dir`, without readings.
fn captions_in(dir: &std::path::Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        // Language folders only (locales/glossary.tsv is the translators').
        if !entry.file_type().unwrap().is_dir() {
            continue;
        }
        let tag = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(entry.path().join("main.ftl")).unwrap();
        let line = text
            .lines()
            .find_map(|l| l.strip_prefix("poster-scan-caption = "))
            .unwrap_or_else(|| panic!("{tag} has a caption"));
        out.push((tag, madoguchi::i18n::ruby::strip(line.trim()).into_owned()));
    }
    out.sort();
    out
}

fn caption_items(html: &str) -> Vec<(String, String)> {
    let list = html.split(r#"<ul class="captions">"#).nth(1).unwrap();
    let list = list.split("</ul>").next().unwrap();
    let mut out: Vec<(String, String)> = list
        .split("<li lang=\"")
        .skip(1)
        .map(|li| {
            let tag = li.split('"').next().unwrap().to_owned();
            let inner = li.split_once('>').unwrap().1.split("</li").next().unwrap();
            (tag, shown_text(inner))
        })
        .collect();
    out.sort();
    out
}

#[tokio::test]
async fn poster_captions_cover_every_language_folder() {
    let app = app(state().await);
    let r = get(&app, "/poster/K7Q2", &[]).await;
    assert_eq!(r.status, 200);
    let expected = captions_in(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales"));
    assert!(expected.len() >= 13, "{expected:?}");
    assert_eq!(caption_items(&r.text()), expected);
    // Each in its own script: the Japanese, Thai and Nepali lines are not English.
    let html = r.text();
    assert!(html.contains(r#"<li lang="th" dir="ltr">สแกน"#), "Thai caption");
    // Easy Japanese with its furigana as ruby, never as 読《よ》.
    assert!(
        html.contains(r#"<li lang="ja-Hira" dir="ltr">スマートフォンで　<ruby>読<rp>(</rp><rt>よ</rt><rp>)</rp></ruby>みとると"#),
        "Easy Japanese caption with ruby"
    );
    assert!(!html.contains('《'), "no furigana notation printed");
    assert!(html.contains("<h1 lang=\"ja\">転入届"), "Japanese title");
}

#[tokio::test]
async fn a_new_language_folder_adds_its_caption_without_code_changes() {
    let dir = tempfile::tempdir().unwrap();
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    for tag in ["en", "ja"] {
        let to = dir.path().join(tag);
        std::fs::create_dir_all(&to).unwrap();
        for f in std::fs::read_dir(src.join(tag)).unwrap() {
            let f = f.unwrap();
            std::fs::copy(f.path(), to.join(f.file_name())).unwrap();
        }
    }
    // Swahili: a language the service does not ship.
    let sw = dir.path().join("sw");
    std::fs::create_dir_all(&sw).unwrap();
    let en = std::fs::read_to_string(src.join("en/main.ftl")).unwrap();
    let sw_text = en
        .replace("language-name = English", "language-name = Kiswahili")
        .replace(
            "poster-scan-caption = Scan to read this in your language",
            "poster-scan-caption = Changanua ili usome hii kwa lugha yako",
        );
    std::fs::write(sw.join("main.ftl"), sw_text).unwrap();
    let (locales, problems) = Locales::from_dir(dir.path()).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    let app = app(state_with(locales).await);
    let html = get(&app, "/poster/K7Q2", &[]).await.text();
    let items = caption_items(&html);
    assert_eq!(items.len(), 3, "{items:?}");
    assert!(items.contains(&("sw".into(), "Changanua ili usome hii kwa lugha yako".into())));
}

#[tokio::test]
async fn public_poster_only_for_published_procedures() {
    let app = app(state().await);
    assert_eq!(get(&app, "/poster/K7Q2", &[]).await.status, 200);
    assert_eq!(get(&app, "/poster/k7q2", &[]).await.status, 200, "any case");
    assert_eq!(get(&app, "/poster/DRF7", &[]).await.status, 404);
    let gone = get(&app, "/poster/ARC9", &[("accept-language", "en")]).await;
    assert_eq!(gone.status, 410);
    assert!(
        gone.text().contains("Ended"),
        "the ended page, with the procedure"
    );
    let missing = get(&app, "/poster/DRF7", &[("accept-language", "ja")]).await;
    assert_eq!(missing.html_lang(), "ja", "a 404 page in the visitor's language");
    assert_eq!(get(&app, "/poster/ZZZZ", &[]).await.status, 404);
    assert_eq!(get(&app, "/poster/not-a-code!", &[]).await.status, 404);
}

#[tokio::test]
async fn poster_parts_and_its_own_security_policy() {
    let app = app(state().await);
    let r = get(&app, "/poster/K7Q2", &[]).await;
    let html = r.text();
    // The code, the address to type, the counter.
    assert!(html.contains(r#"<p class="code mono">K7Q2</p>"#));
    assert!(html.contains(r#"<p class="url">http://madoguchi.test/q/K7Q2</p>"#));
    assert!(html.contains(r#"<p class="place" lang="ja">"#));
    // The QR code is drawn inline at ≥ 80 mm, quiet zone on top.
    let svg = inline_svgs(&html);
    assert_eq!(svg.len(), 1);
    let mm: f64 = svg[0]
        .split("width=\"")
        .nth(1)
        .unwrap()
        .split("mm")
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(mm > 90.0, "{mm} mm with the quiet zone");
    assert_eq!(decode_svg(&svg[0]), "HTTP://MADOGUCHI.TEST/Q/K7Q2?source=poster");
    // The stylesheet is allowed by its hash; the print button's script by origin.
    let csp = r.header("content-security-policy");
    let css = html
        .split("<style>")
        .nth(1)
        .unwrap()
        .split("</style>")
        .next()
        .unwrap();
    use base64::Engine;
    use sha2::Digest;
    let hash = base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(css.as_bytes()));
    assert!(csp.contains(&format!("style-src 'sha256-{hash}'")), "{csp}");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(!html.contains("<script>"), "no inline script");
    assert!(html.contains(r#"<script src="/print.js" defer></script>"#));
    let js = get(&app, "/print.js", &[]).await;
    assert_eq!(js.status, 200);
    assert!(js.text().contains("window.print()"));
    // Sized pages for the printer.
    for rule in [
        "@page poster{size:A4 portrait",
        "@page stand{size:A5 portrait",
        "@page labels{size:A4 portrait",
    ] {
        assert!(css.contains(rule), "{rule}");
    }
}

#[tokio::test]
async fn the_source_marker_leaves_the_code_working() {
    let app = app(state().await);
    assert_eq!(get(&app, "/q/K7Q2?source=poster", &[]).await.status, 200);
    assert_eq!(get(&app, "/Q/K7Q2?source=letter", &[]).await.status, 200);
    assert_eq!(get(&app, "/Q/K7Q2?source=anything", &[]).await.status, 200);
}

#[tokio::test]
async fn qr_print_options() {
    let state = state().await;
    let app = app(state.clone());
    // Physical size: 80 mm at 300 dpi, recorded in pHYs.
    let r = get(&app, "/qr/K7Q2.png?mm=80&dpi=300&source=poster&ec=H", &[]).await;
    assert_eq!(r.status, 200);
    let reader = png::Decoder::new(std::io::Cursor::new(&r.body))
        .read_info()
        .unwrap();
    let info = reader.info();
    let dims = info.pixel_dims.expect("pHYs");
    assert_eq!((dims.xppu, dims.unit), (11811, png::Unit::Meter));
    let mm = f64::from(info.width) * 1000.0 / f64::from(dims.xppu);
    assert!((80.0..85.0).contains(&mm), "{mm} mm");
    let img = image::load_from_memory(&r.body).unwrap().to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(img);
    let grids = prepared.detect_grids();
    let (meta, content) = grids[0].decode().unwrap();
    assert_eq!(content, "HTTP://MADOGUCHI.TEST/Q/K7Q2?source=poster");
    assert_eq!(meta.ecc_level, 2, "H");
    // A dark enough colour is used; a light one is refused with the reason.
    let navy = get(&app, "/qr/K7Q2.svg?dark=1a2a6b", &[]).await;
    assert_eq!(navy.status, 200);
    assert!(navy.text().contains("#1a2a6b"));
    for bad in ["dark=ffcc00", "dark=888888", "ec=L", "source=web", "dpi=x"] {
        let r = get(&app, &format!("/qr/K7Q2.png?{bad}"), &[]).await;
        assert_eq!(r.status, 400, "{bad}");
    }
    // The reason given (the HTML error page shows only a generic message).
    let why = madoguchi::qr::Dark::parse("ffcc00").unwrap_err().to_string();
    assert!(
        why.contains("contrast of 1.") && why.contains("at least 7:1"),
        "{why}"
    );
}

#[tokio::test]
async fn the_same_code_and_options_are_drawn_once() {
    let state = state().await;
    let app = app(state.clone());
    let (h0, m0) = state.qr_cache().stats();
    let a = get(&app, "/qr/K7Q2.png?mm=50&dpi=300", &[]).await;
    let b = get(&app, "/qr/k7q2.png?dpi=300&mm=50", &[]).await;
    assert_eq!(a.body, b.body);
    let (h1, m1) = state.qr_cache().stats();
    assert_eq!((h1 - h0, m1 - m0), (1, 1), "second render is a cache hit");
    // Other options are another drawing.
    get(&app, "/qr/K7Q2.png?mm=50&dpi=300&ec=H", &[]).await;
    assert_eq!(state.qr_cache().stats().1 - m0, 2);
    // Print pages share the cache: the second poster draws nothing new.
    get(&app, "/poster/K7Q2", &[]).await;
    let (h2, m2) = state.qr_cache().stats();
    get(&app, "/poster/K7Q2", &[]).await;
    assert_eq!(state.qr_cache().stats(), (h2 + 1, m2));
}

#[tokio::test]
async fn staff_choose_procedures_and_print_labels_stands_and_posters() {
    let state = state().await;
    add_user(state.store(), "printer", Role::Editor, &[], false).await;
    let app = app(state);
    let mut c = Client::new(&app);
    // Signed out: no print pages.
    assert_ne!(c.get("/admin/print/labels?code=K7Q2").await.status, 200);
    c.sign_in("printer", PASSWORD).await;
    let list = c.get("/admin").await.text();
    assert!(list.contains(r#"<form method="get" action="/admin/print/labels""#));
    assert!(list.contains(r#"<input type="checkbox" name="code" value="K7Q2""#));
    assert!(list.contains(r#"href="/admin/print/stand/K7Q2""#));

    let codes = ["K7Q2", "H3N8", "J5RW", "M9CD", "C4KA", "G2SB", "T6ZX"];
    let query: String = codes.iter().map(|c| format!("code={c}&")).collect();
    let r = c
        .get(&format!("/admin/print/labels?{query}layout=3x7&fill=1"))
        .await;
    assert_eq!(r.status, 200);
    let html = r.text();
    assert_eq!(html.matches(r#"<section class="sheet labels l3x7">"#).count(), 1);
    let svgs = inline_svgs(&html);
    assert_eq!(svgs.len(), 21, "a full sheet");
    for (i, svg) in svgs.iter().enumerate() {
        let expect = format!("HTTP://MADOGUCHI.TEST/Q/{}?source=letter", codes[i % 7]);
        assert_eq!(decode_svg(svg), expect, "label {i}");
    }
    // Without fill: the chosen ones, blank labels after them; 2 × 5 layout.
    let html = c
        .get("/admin/print/labels?code=K7Q2&code=DRF7&code=NOPE&layout=2x5")
        .await
        .text();
    assert_eq!(inline_svgs(&html).len(), 2);
    assert_eq!(html.matches(r#"<div class="label">"#).count(), 10);
    assert!(html.contains("DRF7 はまだ公開されていません"), "draft warning");
    assert!(
        html.contains("コード NOPE の手続きはありません"),
        "unknown code named"
    );
    assert_eq!(c.get("/admin/print/labels?layout=3x7").await.status, 400);

    let stand = c.get("/admin/print/stand/K7Q2").await;
    assert_eq!(stand.status, 200);
    let svgs = inline_svgs(&stand.text());
    assert_eq!(svgs.len(), 1);
    assert_eq!(
        decode_svg(&svgs[0]),
        "HTTP://MADOGUCHI.TEST/Q/K7Q2?source=counter"
    );
    assert!(stand.text().contains(r#"<div class="fold">"#));
    // Staff may print a draft's poster (with a warning); the public may not.
    let draft = c.get("/admin/print/poster/DRF7").await;
    assert_eq!(draft.status, 200);
    assert!(draft.text().contains(r#"class="warn""#));
    assert_eq!(c.get("/admin/print/poster/ZZZZ").await.status, 404);
}

/// The inline `<svg class="qr" …>…</svg>` elements of a page.
fn inline_svgs(html: &str) -> Vec<String> {
    html.split(r#"<svg class="qr""#)
        .skip(1)
        .map(|s| format!("<svg{}</svg>", s.split("</svg>").next().unwrap()))
        .collect()
}

/// Rasterises an SVG at 8 px a module and decodes its one QR code.
fn decode_svg(svg: &str) -> String {
    use resvg::{tiny_skia, usvg};
    // Draw by viewBox units (modules), not by the millimetre size.
    let side: u32 = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let px = side * 8;
    let svg = svg
        .replacen(" width=\"", " data-w=\"", 1)
        .replacen(" height=\"", " data-h=\"", 1);
    let tree = usvg::Tree::from_str(&svg, &usvg::Options::default()).expect("an SVG");
    let mut pixmap = tiny_skia::Pixmap::new(px, px).unwrap();
    let scale = px as f32 / tree.size().width();
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let gray = image::GrayImage::from_fn(px, px, |x, y| image::Luma([pixmap.pixel(x, y).unwrap().red()]));
    let mut prepared = rqrr::PreparedImage::prepare(gray);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().expect("decodes").1
}

#[tokio::test]
async fn public_posters_may_be_kept_for_minutes_staff_ones_never() {
    let app = app(state().await);
    let r = get(&app, "/poster/K7Q2", &[]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "public, max-age=300");
    assert_eq!(r.header("vary"), "Cookie", "its words follow the chosen language");
    // An archived code's poster is the live "has ended" page.
    let gone = get(&app, "/poster/ARC9", &[]).await;
    assert_eq!(gone.status, 410);
    assert_eq!(gone.header("cache-control"), "no-cache");
    let state = state().await;
    add_user(state.store(), "printer", Role::Editor, &[], false).await;
    let mut staff = Client::new(&madoguchi::app(state));
    staff.sign_in("printer", PASSWORD).await;
    let r = staff.get("/admin/print/poster/K7Q2").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("cache-control"), "no-store");
}

/// A base URL residents' phones cannot open is named, in red, on every
/// print page before anything is printed, with the exact address the code
/// holds; a public https address gets no warning.
#[tokio::test]
async fn print_pages_warn_about_a_base_url_phones_cannot_open() {
    for (base, risk) in [
        ("http://127.0.0.1:8080", Some("このパソコンでしか開けません")),
        ("https://192.168.10.5", Some("庁内ネットワークの中のアドレス")),
        ("http://madoguchi.example.jp", Some("https:// ではありません")),
        ("https://madoguchi.example.jp", None),
    ] {
        let store = madoguchi::store::scratch::store().await;
        samples::load_if_empty(&store).await.unwrap();
        add_user(&store, "editor", Role::Editor, &[], false).await;
        let state = AppState::new(store, Locales::embedded().0, BaseUrl::parse(base).unwrap());
        let payload = state.base_url().qr_payload_from(
            &madoguchi::domain::Code::parse("K7Q2").unwrap(),
            Some(madoguchi::domain::Source::Poster),
        );
        let app = app(state);
        let mut c = Client::new(&app);
        c.sign_in("editor", PASSWORD).await;
        for uri in [
            "/admin/print/poster/K7Q2",
            "/admin/print/stand/K7Q2",
            "/admin/print/labels?code=K7Q2",
        ] {
            let html = c.get(uri).await.text();
            let tools = html
                .split(r#"<div class="tools">"#)
                .nth(1)
                .unwrap()
                .split("</div>")
                .next()
                .unwrap();
            match risk {
                Some(words) => {
                    assert!(
                        tools.contains(r#"<p class="warn risk" role="alert">"#),
                        "{base} {uri}"
                    );
                    assert!(tools.contains(words), "{base} {uri}: {tools}");
                }
                None => assert!(!tools.contains("risk"), "{base} {uri}: {tools}"),
            }
            assert!(tools.contains("<code>"), "{uri}: the address the code opens");
        }
        let poster = c.get("/admin/print/poster/K7Q2").await.text();
        assert!(poster.contains(&format!("<code>{payload}</code>")), "{poster}");
    }
}

/// Posters and stands say whose service this is (`--site-name`, per
/// language); without one, the print page says so on screen.
#[tokio::test]
async fn posters_name_the_city_that_runs_the_service() {
    let store = madoguchi::store::scratch::store().await;
    samples::load_if_empty(&store).await.unwrap();
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let named = AppState::new(
        store.clone(),
        Locales::embedded().0,
        BaseUrl::parse(BASE).unwrap(),
    )
    .with_site_name(madoguchi::domain::SiteName::parse("ja=熊本市; en=Kumamoto City").unwrap());
    let app = app(named);
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    for uri in ["/admin/print/poster/K7Q2", "/admin/print/stand/K7Q2"] {
        let html = c.get(uri).await.text();
        assert!(
            html.contains(
                r#"<p class="site"><span lang="ja">熊本市</span> · <span lang="en">Kumamoto City</span></p>"#
            ),
            "{uri}"
        );
        assert!(!html.contains("--site-name"), "{uri}: no warning");
    }
    let public = get(&app, "/poster/K7Q2", &[]).await.text();
    assert!(public.contains("熊本市"));
    let unnamed = app_without_name(&store).await;
    let mut c = Client::new(&unnamed);
    c.sign_in("editor", PASSWORD).await;
    let html = c.get("/admin/print/poster/K7Q2").await.text();
    assert!(!html.contains(r#"<p class="site">"#));
    let tools = html
        .split(r#"<div class="tools">"#)
        .nth(1)
        .unwrap()
        .split("</div>")
        .next()
        .unwrap();
    assert!(tools.contains("--site-name"), "{tools}");
}

async fn app_without_name(store: &Store) -> axum::Router {
    app(AppState::new(
        store.clone(),
        Locales::embedded().0,
        BaseUrl::parse(BASE).unwrap(),
    ))
}
