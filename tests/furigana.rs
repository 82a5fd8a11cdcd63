//! Furigana notation (`漢字《かんじ》`, `｜ごみ袋《ぶくろ》`) never reaches a
//! resident or a printer as text: every public and staff page, print sheet
//! and export is walked with Easy Japanese selected, and none holds `《`,
//! `》` or `｜` outside the form fields where staff edit the notation.

mod common;

use common::staff::{Client, PASSWORD, add_user};
use common::{Reply, app_with, get, import_file, procedure};
use madoguchi::domain::Role;
use madoguchi::i18n::Locales;

const EASY: &str = "lang=ja-Hira";

/// A published procedure and an archived one whose Easy Japanese texts
/// carry notation in every field, on top of the samples.
fn fixtures() -> String {
    import_file(&[
        procedure(
            "R2BY",
            "published",
            &[
                ("ja", "ごみ袋の申込み"),
                ("ja-Hira", "｜ごみ袋《ぶくろ》の　申込《もうしこ》み"),
            ],
        ),
        // Staff may put furigana in the ordinary Japanese text too.
        procedure(
            "F3JA",
            "published",
            &[
                ("ja", "転入届《てんにゅうとどけ》の　出《だ》し方《かた》"),
                ("en", "Moving in"),
            ],
        ),
        procedure(
            "ARC9",
            "archived",
            &[
                ("ja", "終わった手続き"),
                ("ja-Hira", "終《お》わった　手続《てつづ》き"),
            ],
        ),
    ])
}

/// The page without what staff type into forms: `<textarea>` contents
/// and `value="…"` attributes, where notation is what is being edited.
fn outside_form_fields(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    loop {
        let area = rest.find("<textarea");
        let value = rest.find(" value=\"");
        let (at, close) = match (area, value) {
            (Some(a), Some(v)) if v < a => (v, "\""),
            (Some(a), _) => (a, "</textarea>"),
            (None, Some(v)) => (v, "\""),
            (None, None) => break,
        };
        // A value keeps its quotes, a text area goes whole.
        let (skip, keep) = if close == "\"" {
            (at + 8, 0)
        } else {
            (at, close.len())
        };
        out.push_str(&rest[..skip]);
        let after = &rest[skip..];
        let end = after.find(close).map_or(after.len(), |e| e + keep);
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// Where notation was left in `body`, with some context.
fn notation(body: &str) -> Option<String> {
    let at = body.find(['《', '》', '｜'])?;
    let start = body[..at].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let end = body[at..]
        .char_indices()
        .nth(40)
        .map_or(body.len(), |(i, _)| at + i);
    Some(body[start..end].replace('\n', "⏎"))
}

fn assert_clean(uri: &str, r: &Reply, strip_fields: bool) {
    assert!(
        r.status.as_u16() < 500 && r.status != 401 && r.status != 403,
        "{uri}: {}",
        r.status
    );
    let text = String::from_utf8_lossy(&r.body).into_owned();
    let text = if strip_fields {
        outside_form_fields(&text)
    } else {
        text
    };
    if let Some(context) = notation(&text) {
        panic!("{uri} shows furigana notation: …{context}…");
    }
}

#[test]
fn the_form_field_filter_keeps_everything_else() {
    let html = r#"<p>a</p><input value="漢《か》"><textarea name="x">｜袋《ふくろ》</textarea><p>b《</p>"#;
    assert_eq!(outside_form_fields(html), r#"<p>a</p><input value=""><p>b《</p>"#);
    assert!(
        notation(&outside_form_fields(html)).is_some(),
        "notation outside fields is found"
    );
}

#[tokio::test]
async fn no_public_page_or_poster_shows_notation() {
    let (app, _) = app_with(Some(&fixtures())).await;
    let cookie = [("cookie", EASY)];
    let codes = [
        "C4KA", "G2SB", "H3N8", "J5RW", "K7Q2", "M9CD", "T6ZX", "R2BY", "F3JA",
    ];
    let mut uris: Vec<String> = vec![
        "/".into(),
        "/?lang=ja-Hira".into(),
        "/q?code=not-a-code!".into(),
        "/q/ZZZZ".into(),
        "/q/not-a-code!".into(),
        "/no/such/page".into(),
        "/q/ARC9".into(),
        "/q/ARC9?lang=ja-Hira".into(),
        "/poster/ARC9".into(),
        "/poster/ZZZZ".into(),
        "/healthz".into(),
        "/api/v1/openapi.json".into(),
    ];
    let (locales, _) = Locales::embedded();
    for code in codes {
        uris.push(format!("/q/{code}"));
        uris.push(format!("/poster/{code}"));
        uris.push(format!("/poster/{code}?lang=ja-Hira"));
        for l in locales.all() {
            uris.push(format!("/q/{code}?lang={}", l.tag));
        }
    }
    for uri in &uris {
        let r = get(&app, uri, &cookie).await;
        assert_clean(uri, &r, false);
    }
    // The Easy Japanese words are there, as ruby.
    let page = get(&app, "/q/R2BY", &cookie).await.text();
    assert!(
        page.contains("<ruby>ごみ袋<rp>(</rp><rt>ぶくろ</rt>"),
        "the title as ruby"
    );
    assert!(
        page.contains("<title>ごみ袋の　申込み ·"),
        "the window title without readings"
    );
    assert!(page.contains(r#"<meta name="description" content="Summary of ごみ袋の　申込み">"#));
    let poster = get(&app, "/poster/K7Q2", &cookie).await.text();
    assert!(
        poster.contains(r#"<li lang="ja-Hira" dir="ltr">スマートフォンで　<ruby>読<rp>(</rp><rt>よ</rt>"#),
        "the Easy Japanese caption as ruby"
    );
    let card = get(&app, "/q/F3JA?lang=en", &[]).await.text();
    assert!(
        card.contains(r#"<p class="card-title"><ruby>転入届<rp>(</rp><rt>てんにゅうとどけ</rt>"#),
        "the Japanese card's title as ruby"
    );
    let missing = get(&app, "/q/ZZZZ", &cookie).await.text();
    assert!(
        missing.contains("<h1><ruby>手続<rp>(</rp><rt>てつづ</rt>"),
        "the 404 page's words as ruby"
    );
    let gone = get(&app, "/q/ARC9", &cookie).await;
    assert_eq!(gone.status, 410);
    assert!(
        gone.text().contains("<ruby>終<rp>(</rp><rt>お</rt>"),
        "the ended procedure as ruby"
    );
}

#[tokio::test]
async fn no_staff_page_print_sheet_or_export_shows_notation() {
    let (app, store) = app_with(Some(&fixtures())).await;
    add_user(&store, "admin2", Role::Admin, &[], false).await;
    // Scans, so the CSV export has rows.
    for code in ["K7Q2", "R2BY"] {
        get(&app, &format!("/q/{code}?lang=ja-Hira"), &[]).await;
    }
    let mut staff = Client::new(&app);
    staff.get("/?lang=ja-Hira").await;
    let signed = staff.sign_in("admin2", PASSWORD).await;
    assert_eq!(signed.status, 303, "signed in");
    let made = staff
        .submit(
            "/admin/offices",
            "/admin/offices",
            "name=%E5%8C%BA%E5%BD%B9%E6%89%80&address=&floor=&counter=&hours=",
        )
        .await;
    assert!(made.status.is_redirection(), "an office is made: {}", made.status);
    let office = made.header("location");
    let mut uris: Vec<String> = [
        "/admin",
        "/admin/procedures/new",
        "/admin/translations",
        "/admin/audit",
        "/admin/stats",
        "/admin/stats.csv",
        "/admin/users",
        "/admin/users/1",
        "/admin/tokens",
        "/admin/offices",
        "/admin/password",
        "/admin/print/labels?code=K7Q2&code=R2BY&code=F3JA&code=ARC9&fill=1",
        "/admin/print/labels?code=R2BY&layout=2x5",
    ]
    .map(String::from)
    .into();
    uris.push(office);
    for code in ["K7Q2", "R2BY", "F3JA", "ARC9"] {
        for page in ["", "/archive", "/preview", "/preview?lang=ja-Hira"] {
            uris.push(format!("/admin/procedures/{code}{page}"));
        }
        // The translation editor shows its Japanese source as ruby (the
        // notation itself stays in the form fields, where it is edited).
        uris.push(format!("/admin/procedures/{code}/texts/ja-Hira"));
        uris.push(format!("/admin/procedures/{code}/texts/en"));
        uris.push(format!("/admin/print/poster/{code}"));
        uris.push(format!("/admin/print/stand/{code}"));
    }
    for uri in &uris {
        let r = staff.get(uri).await;
        assert_clean(uri, &r, true);
    }
    let csv = staff.get("/admin/stats.csv").await.text();
    assert!(csv.contains("R2BY"), "the export has the scans: {csv}");
    let list = staff.get("/admin").await.text();
    assert!(
        list.contains(r#"aria-label="F3JA 転入届の　出し方""#),
        "the label without readings"
    );
    assert!(list.contains(r#"<td lang="ja"><ruby>転入届<rp>(</rp><rt>てんにゅうとどけ</rt>"#));
    let stand = staff.get("/admin/print/stand/K7Q2").await.text();
    assert!(
        stand.contains("<rt>よ</rt>"),
        "the stand's Easy Japanese caption as ruby"
    );
}
