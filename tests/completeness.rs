//! Residents never read less, or older, than the Japanese page without
//! being told: every field of the source reaches every language (borrowed,
//! with a notice, when a translation leaves it out), out-of-date
//! translations say so, and the archive note is translated like the rest.

mod common;

use common::staff::{Client, PASSWORD, add_user, csrf_of, enc};
use common::{app_with, get, import_file};
use madoguchi::domain::Role;
use proptest::prelude::*;

async fn editor(app: &axum::Router, store: &madoguchi::store::Store) -> Client {
    add_user(store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(app);
    c.sign_in("editor", PASSWORD).await;
    c
}

/// The value of a hidden input in a form page.
fn hidden(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let at = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} in the form"))
        + marker.len();
    html[at..].split('"').next().unwrap().to_owned()
}

#[tokio::test]
async fn the_archive_note_reaches_every_language_and_is_translatable() {
    let (app, store) = app_with(None).await;
    let mut c = editor(&app, &store).await;
    let r = c
        .submit(
            "/admin/procedures/K7Q2/archive",
            "/admin/procedures/K7Q2/archive",
            &format!(
                "note_ja={}&note_en={}",
                enc("新しい手続きK8を使ってください。"),
                enc("Please use the new procedure K8 instead.")
            ),
        )
        .await;
    assert!(r.status.is_redirection(), "{}", r.status);
    for (lang, note, borrowed_heading) in [
        (
            "vi",
            "Please use the new procedure K8 instead.",
            "Bạn cần làm gì thay thế",
        ),
        (
            "ne",
            "Please use the new procedure K8 instead.",
            "यसको सट्टा के गर्ने",
        ),
        ("zh-Hant", "Please use the new procedure K8 instead.", "替代辦法"),
        ("en", "Please use the new procedure K8 instead.", ""),
        ("ja", "新しい手続きK8を使ってください。", ""),
    ] {
        let page = get(&app, "/q/K7Q2", &[("accept-language", lang)]).await;
        assert_eq!(page.status, 410, "{lang}");
        let html = page.text();
        assert!(html.contains(note), "{lang}: the note is shown\n{html}");
        assert_eq!(
            html.contains(r#"id="borrowed""#),
            !borrowed_heading.is_empty(),
            "{lang}: the notice says which part is in another language"
        );
        assert!(html.contains(borrowed_heading), "{lang}: {borrowed_heading}");
    }
    // The translation editor offers the note; saved, it replaces the borrowed one.
    let form = c.get("/admin/procedures/K7Q2/texts/vi").await.text();
    assert!(
        form.contains(r#"name="ended_note""#),
        "the note can be translated"
    );
    assert!(
        form.contains("新しい手続きK8を使ってください。"),
        "beside its source"
    );
    let matrix = c.get("/admin/translations").await.text();
    let row = matrix
        .split("<tr>")
        .find(|r| r.contains("K7Q2"))
        .expect("an archived procedure whose note needs translating is listed");
    assert!(
        row.contains(r#"class="state-incomplete" data-lang="vi""#),
        "{row}"
    );
    let k7q2 = store
        .procedure(&madoguchi::domain::Code::parse("K7Q2").unwrap())
        .await
        .unwrap()
        .unwrap();
    let vi = k7q2
        .text(&madoguchi::domain::LangTag::parse("vi").unwrap())
        .unwrap();
    let mut body = format!(
        "csrf={}&base_version={}&source_revision={}&ended_note={}",
        enc(&csrf_of(&form)),
        hidden(&form, "base_version"),
        hidden(&form, "source_revision"),
        enc("Vui lòng dùng thủ tục mới K8.")
    );
    for (name, value) in [
        ("title", &vi.fields.title),
        ("summary", &vi.fields.summary),
        ("office", &vi.fields.office),
        ("floor", &vi.fields.floor),
        ("counter", &vi.fields.counter),
        ("hours", &vi.fields.hours),
        ("fee", &vi.fields.fee),
        ("contact", &vi.fields.contact),
        ("notes", &vi.fields.notes),
    ] {
        body.push_str(&format!("&{name}={}", enc(value)));
    }
    for (name, items) in [("bring", &vi.fields.bring), ("steps", &vi.fields.steps)] {
        for i in items {
            body.push_str(&format!("&{name}={}", enc(i)));
        }
    }
    let r = c.post("/admin/procedures/K7Q2/texts/vi", &body).await;
    assert_eq!(r.status, 200);
    assert!(r.text().contains("保存しました"), "complete: saved at once");
    let html = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await.text();
    assert!(html.contains("Vui lòng dùng thủ tục mới K8."));
    assert!(!html.contains(r#"id="borrowed""#), "nothing borrowed any more");
}

#[tokio::test]
async fn a_blank_translated_field_is_asked_about_then_shown_from_another_language() {
    let (app, store) = app_with(None).await;
    add_user(&store, "vi1", Role::Translator, &["vi"], false).await;
    let mut c = Client::new(&app);
    c.sign_in("vi1", PASSWORD).await;
    let url = "/admin/procedures/T6ZX/texts/vi";
    let form = c.get(url).await.text();
    let t6zx = store
        .procedure(&madoguchi::domain::Code::parse("T6ZX").unwrap())
        .await
        .unwrap()
        .unwrap();
    let ja = t6zx.japanese().unwrap().fields.clone();
    assert!(!ja.notes.is_empty(), "the sample has 備考");
    let en_notes = t6zx
        .text(&madoguchi::domain::LangTag::parse("en").unwrap())
        .unwrap()
        .fields
        .notes
        .clone();
    let vi = t6zx
        .text(&madoguchi::domain::LangTag::parse("vi").unwrap())
        .unwrap()
        .fields
        .clone();
    let mut body = format!(
        "csrf={}&base_version={}&source_revision={}&notes=",
        enc(&csrf_of(&form)),
        hidden(&form, "base_version"),
        hidden(&form, "source_revision"),
    );
    for (name, value) in [
        ("title", &vi.title),
        ("summary", &vi.summary),
        ("office", &vi.office),
        ("floor", &vi.floor),
        ("counter", &vi.counter),
        ("hours", &vi.hours),
        ("fee", &vi.fee),
        ("contact", &vi.contact),
    ] {
        body.push_str(&format!("&{name}={}", enc(value)));
    }
    for (name, items) in [("bring", &vi.bring), ("steps", &vi.steps)] {
        for i in items {
            body.push_str(&format!("&{name}={}", enc(i)));
        }
    }
    // First the editor asks, and nothing is saved.
    let r = c.post(url, &body).await;
    let asked = r.text();
    assert!(asked.contains(r#"id="incomplete""#), "{asked}");
    assert!(asked.contains("<li>備考</li>"), "names the field left out");
    assert!(asked.contains(r#"name="incomplete_ok""#), "offers to save anyway");
    assert!(!asked.contains("保存しました"));
    let stored = store.procedure(&t6zx.code).await.unwrap().unwrap();
    assert_eq!(
        stored
            .text(&madoguchi::domain::LangTag::parse("vi").unwrap())
            .unwrap()
            .fields
            .notes,
        vi.notes
    );
    // Saved anyway: incomplete in the matrix, not 最新.
    let r = c.post(url, &format!("{body}&incomplete_ok=1")).await;
    assert!(r.text().contains("保存しました"));
    let editor_page = r.text();
    assert!(
        editor_page.contains(r#"id="f-notes-missing""#),
        "the field is flagged"
    );
    let matrix = c.get("/admin/translations").await.text();
    let row = matrix.split("<tr>").find(|r| r.contains("T6ZX")).unwrap();
    assert!(
        row.contains(r#"class="state-incomplete" data-lang="vi""#),
        "{row}"
    );
    assert!(row.contains("一部未翻訳"));
    // The reader gets the English notes, marked as English, with a notice in Vietnamese.
    let html = get(&app, "/q/T6ZX", &[("accept-language", "vi")]).await.text();
    let notes = html.split(r#"<h2 id="notes">"#).nth(1).expect("a notes section");
    assert!(notes.starts_with("Ghi chú") || notes.contains("</h2>"), "{notes}");
    let first_line = en_notes.lines().next().unwrap();
    assert!(notes.contains(r#"<div lang="en">"#), "marked as English");
    assert!(
        notes.contains(&first_line.replace('\'', "&#39;")) || notes.contains(first_line),
        "{notes}"
    );
    assert!(
        html.contains("Một số phần chưa được dịch."),
        "the notice, in Vietnamese"
    );
}

#[tokio::test]
async fn an_out_of_date_translation_says_so_or_gives_way_to_a_current_language() {
    let (app, store) = app_with(None).await;
    let mut c = editor(&app, &store).await;
    let edit = c.get("/admin/procedures/K7Q2").await.text();
    let k7q2 = store
        .procedure(&madoguchi::domain::Code::parse("K7Q2").unwrap())
        .await
        .unwrap()
        .unwrap();
    let ja = k7q2.japanese().unwrap().fields.clone();
    let vi_hours = k7q2
        .text(&madoguchi::domain::LangTag::parse("vi").unwrap())
        .unwrap()
        .fields
        .hours
        .clone();
    let mut body = format!(
        "csrf={}&base_version={}&category={}&hours={}",
        enc(&csrf_of(&edit)),
        hidden(&edit, "base_version"),
        k7q2.category,
        enc("平日 9:00〜16:00（変更しました）")
    );
    for (name, value) in [
        ("title", &ja.title),
        ("summary", &ja.summary),
        ("office", &ja.office),
        ("floor", &ja.floor),
        ("counter", &ja.counter),
        ("fee", &ja.fee),
        ("contact", &ja.contact),
        ("notes", &ja.notes),
    ] {
        body.push_str(&format!("&{name}={}", enc(value)));
    }
    for (name, items) in [("bring", &ja.bring), ("steps", &ja.steps)] {
        for i in items {
            body.push_str(&format!("&{name}={}", enc(i)));
        }
    }
    let r = c.post("/admin/procedures/K7Q2", &body).await;
    assert_eq!(r.status, 303, "{}", r.text());

    // Default: the older translation, with a notice in Vietnamese, the
    // date the Japanese changed, and a link to the current Japanese.
    let page = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await;
    let html = page.text();
    assert_eq!(page.header("content-language"), "vi");
    assert!(html.contains(&vi_hours), "the older translation");
    let stale = html.split(r#"id="stale""#).nth(1).expect("an out-of-date notice");
    let changed = store
        .procedure(&k7q2.code)
        .await
        .unwrap()
        .unwrap()
        .japanese()
        .unwrap()
        .updated
        .clone();
    assert!(stale.contains("Bản dịch này được làm trước khi"), "{stale}");
    assert!(
        stale.contains(&changed[..4]),
        "the year the Japanese changed: {stale}"
    );
    assert!(stale.contains(r#"href="/q/K7Q2?text=ja""#), "{stale}");
    assert!(!stale.contains("?text=en"), "English is out of date too");
    let current = get(&app, "/q/K7Q2?text=ja", &[("accept-language", "vi")])
        .await
        .text();
    assert!(current.contains("平日 9:00〜16:00（変更しました）"));
    assert!(
        current.contains(r#"<html lang="vi""#),
        "the page's words stay Vietnamese"
    );
    // An up-to-date page has no such notice.
    let ja_page = get(&app, "/q/K7Q2", &[("accept-language", "ja")]).await.text();
    assert!(!ja_page.contains(r#"id="stale""#));

    // The staff choice: an up-to-date language instead.
    let r = c
        .submit(
            "/admin/procedures/K7Q2",
            "/admin/procedures/K7Q2/stale-policy",
            "stale_policy=fallback",
        )
        .await;
    assert_eq!(r.status, 303);
    let html = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await.text();
    assert!(!html.contains(r#"id="stale""#));
    assert!(!html.contains(&vi_hours), "the older translation is not shown");
    assert!(html.contains("平日 9:00〜16:00（変更しました）"));
    assert!(html.contains(r#"<article class="text" lang="ja""#), "{html}");
    // Not even when asked for by name.
    let asked = get(&app, "/q/K7Q2?text=vi", &[("accept-language", "vi")])
        .await
        .text();
    assert!(
        !asked.contains(&vi_hours),
        "?text= does not bring the older translation back"
    );
    let audit = store.audit(Some("K7Q2"), None, 10).await.unwrap();
    assert!(audit.iter().any(|e| e.action == "procedure.stale_policy"));
}

#[tokio::test]
async fn the_staff_card_comes_first_and_its_hint_points_at_it() {
    let app = common::sample_app().await;
    let html = get(&app, "/q/K7Q2", &[("accept-language", "es")]).await.text();
    let show = html
        .find(r##"<a class="button" href="#staff">"##)
        .expect("a show-the-staff action");
    let copy = html.find(r#"id="copy-link""#).unwrap();
    let content = html.find(r#"<article"#).unwrap();
    assert!(show < copy && show < content, "before copy/share and the text");
    let card = &html[html.find(r#"id="staff""#).unwrap()..];
    let hint = card.find(r#"<p class="hint">"#).unwrap();
    let body = card.find(r#"class="card-body""#).unwrap();
    assert!(
        hint < body,
        "the hint ('the box below') comes before the Japanese box"
    );
}

/// A Japanese text with every field, and translations leaving out random ones.
fn text_json(lang: &str, seed: &str, keep: &[bool; 10], items: usize) -> String {
    let v = |i: usize, name: &str| {
        if keep[i] {
            format!("{lang}{name}{seed}")
        } else {
            String::new()
        }
    };
    let list = |name: &str| {
        let n = if lang == "ja" { 3 } else { items };
        let all: Vec<String> = (0..n).map(|i| format!(r#""{lang}{name}{i}{seed}""#)).collect();
        format!("[{}]", all.join(","))
    };
    format!(
        r#""{lang}":{{"revision":1,"title":"{lang}title{seed}","summary":"{}","bring":{},"steps":{},"office":"{}","floor":"{}","counter":"{}","hours":"{}","fee":"{}","contact":"{}","notes":"{}","ended_note":"{}"}}"#,
        v(0, "summary"),
        list("bring"),
        list("steps"),
        v(1, "office"),
        v(2, "floor"),
        v(3, "counter"),
        v(4, "hours"),
        v(5, "fee"),
        v(6, "contact"),
        v(7, "notes"),
        v(8, "endednote"),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// For random translations, every field the Japanese has appears on
    /// every language's page: in that language, or in another with the notice.
    #[test]
    fn every_japanese_field_reaches_every_reader(
        vi in prop::array::uniform10(any::<bool>()),
        en in prop::array::uniform10(any::<bool>()),
        vi_items in 0usize..4,
        en_items in 0usize..4,
        archived in any::<bool>(),
        seed in "[a-z]{6}",
    ) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async {
            let status = if archived { "archived" } else { "published" };
            let texts = [
                text_json("ja", &seed, &[true; 10], 3),
                text_json("vi", &seed, &vi, vi_items),
                text_json("en", &seed, &en, en_items),
            ];
            let procedure = format!(
                r#"{{"code":"P0P0","status":"{status}","category":"test","revision":1,"texts":{{{}}}}}"#,
                texts.join(",")
            );
            let (app, _) = app_with(Some(&import_file(&[procedure]))).await;
            let shown: &[&str] = if archived {
                &["endednote", "office", "floor", "counter", "hours", "contact"]
            } else {
                &["summary", "office", "floor", "counter", "hours", "fee", "contact", "notes", "bring", "steps"]
            };
            for reader in ["vi", "en", "ja", "ne", "zh-Hant", "ja-Hira"] {
                let page = get(&app, "/q/P0P0", &[("accept-language", reader)]).await;
                let html = page.text();
                // The text's language: marked on the text when it is not the page's.
                let main = ["<article class=\"text\" lang=\"", "<section class=\"text\" lang=\""]
                    .iter()
                    .find_map(|m| html.split(m).nth(1))
                    .map(|rest| rest.split('"').next().unwrap().to_owned())
                    .unwrap_or_else(|| page.header("content-language"));
                let mut borrowed = false;
                for field in shown {
                    let found = ["vi", "en", "ja"].iter().find(|l| {
                        if matches!(*field, "bring" | "steps") {
                            (0..3).all(|i| html.contains(&format!("{l}{field}{i}{seed}")))
                        } else {
                            html.contains(&format!("{l}{field}{seed}"))
                        }
                    });
                    let Some(from) = found else {
                        panic!("{reader}: the Japanese {field} is missing\n{html}");
                    };
                    borrowed |= *from != main.as_str();
                }
                assert_eq!(html.contains(r#"id="borrowed""#), borrowed, "{reader}: the notice when, and only when, a part is borrowed");
            }
        });
    }
}

/// Easy Japanese readers get dates and times written out, never
/// `2025-04-01` or `8:30〜17:15` (every sample page, and the index).
#[tokio::test]
async fn easy_japanese_pages_write_dates_and_times_out() {
    let app = common::sample_app().await;
    let mut uris = vec!["/".to_owned()];
    for code in ["K7Q2", "H3N8", "J5RW", "M9CD", "C4KA", "G2SB", "T6ZX"] {
        uris.push(format!("/q/{code}"));
    }
    for uri in uris {
        let html = get(&app, &format!("{uri}?lang=ja-Hira"), &[]).await.text();
        let mut body = &html[html.find("<main").unwrap()..];
        // A text with no Easy Japanese version (T6ZX) is shown in ordinary
        // Japanese, marked as such: only the page's own words are checked.
        if let Some(at) = body.find(r#"<article class="text" lang="ja""#) {
            body = &body[..at];
        }
        let text: String = body
            .split('<')
            .map(|s| s.split_once('>').map_or(s, |(_, t)| t))
            .collect();
        let chars: Vec<char> = text.chars().collect();
        for (i, w) in chars.windows(5).enumerate() {
            let digit = |c: char| c.is_ascii_digit();
            let iso = digit(w[0]) && digit(w[1]) && digit(w[2]) && digit(w[3]) && w[4] == '-';
            let clock = digit(w[0]) && w[1] == ':' && digit(w[2]) && digit(w[3]);
            let around: String = chars[i.saturating_sub(10)..(i + 15).min(chars.len())]
                .iter()
                .collect();
            assert!(!iso && !clock, "{uri}: {around}");
        }
    }
}
