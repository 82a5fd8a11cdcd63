//! Staff pages speak to people, not developers: times in the staff's zone
//! the Japanese way (2026年12月4日 12:24, 3分前), audit entries in words
//! (「ベトナム語の本文を更新」) with a readable line diff, and no ISO time
//! stamps or raw action ids anywhere on the list, tokens or audit pages.

mod common;

use common::app_with;
use common::staff::{Client, PASSWORD, add_user, enc, procedure_form};
use madoguchi::domain::Role;

/// The text a person sees: tags dropped (attributes such as
/// `<time datetime>` are for machines).
fn visible(html: &str) -> String {
    let body = &html[html.find("<body").unwrap_or(0)..];
    body.split('<')
        .map(|s| s.split_once('>').map_or(s, |(_, t)| t))
        .collect::<Vec<_>>()
        .join(" ")
}

fn has_iso_stamp(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    chars.windows(10).find_map(|w| {
        let d = |i: usize| w[i].is_ascii_digit();
        (d(0) && d(1) && d(2) && d(3) && w[4] == '-' && d(5) && d(6) && w[7] == '-' && d(8) && d(9))
            .then(|| w.iter().collect())
    })
}

#[tokio::test]
async fn times_and_audit_entries_are_in_words() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    // A day's work: create, translate, publish, archive; an account and a token.
    let r = c
        .submit(
            "/admin/procedures/new",
            "/admin/procedures/new",
            &procedure_form("犬の登録", ""),
        )
        .await;
    assert_eq!(r.status, 303);
    let code = r
        .header("location")
        .trim_start_matches("/admin/procedures/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let edit = format!("/admin/procedures/{code}");
    c.submit(
        &format!("{edit}/texts/vi"),
        &format!("{edit}/texts/vi"),
        "title=Đăng ký chó&bring=A&incomplete_ok=1",
    )
    .await;
    c.submit(&edit, &format!("{edit}/publish"), "").await;
    c.submit(
        &format!("{edit}/archive"),
        &format!("{edit}/archive"),
        &format!("note_ja={}", enc("窓口でお尋ねください。")),
    )
    .await;
    c.submit(
        "/admin/users",
        "/admin/users",
        "name=tanaka&role=translator&langs=vi",
    )
    .await;
    c.submit("/admin/tokens", "/admin/tokens", "name=sync&role=editor&langs=")
        .await;
    // Japanese text edited: the diff shows the changed line only as changed.
    c.submit(
        "/admin/procedures/K7Q2",
        "/admin/procedures/K7Q2/stale-policy",
        "stale_policy=fallback",
    )
    .await;

    let audit = c.get("/admin/audit").await.text();
    for page in [
        &audit,
        &c.get("/admin").await.text(),
        &c.get("/admin/tokens").await.text(),
    ] {
        let text = visible(page);
        assert_eq!(has_iso_stamp(&text), None, "no ISO time stamps in {text}");
        for id in [
            "procedure.create",
            "procedure.publish",
            "procedure.archive",
            "procedure.stale_policy",
            "text.create",
            "text.update",
            "user.create",
            "token.create",
        ] {
            assert!(!text.contains(id), "no raw action id {id}");
        }
    }
    let text = visible(&audit);
    for words in [
        "手続きを作成",
        "ベトナム語の本文を作成",
        "公開",
        "終了",
        "アカウント「tanaka」を作成",
        "古い翻訳の表示方法を変更",
        "たった今",
    ] {
        assert!(text.contains(words), "the log says {words}: {text}");
    }
    // The time in Tokyo, the Japanese way, down to the minute.
    let entry = store.audit(None, None, 1).await.unwrap().remove(0);
    let at: jiff::Timestamp = entry.at.parse().unwrap();
    let tokyo = at.to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Tokyo").unwrap());
    let expected = format!(
        "{}年{}月{}日 {}:{:02}",
        tokyo.year(),
        tokyo.month(),
        tokyo.day(),
        tokyo.hour(),
        tokyo.minute()
    );
    assert!(
        audit.contains(&format!(r#"<time datetime="{}">{expected}</time>"#, entry.at)),
        "{expected}"
    );
    // The diff: the stale-policy change shows the old value removed and the new one added.
    let row = audit
        .split(r#"<tr class="audit-entry">"#)
        .find(|r| r.contains("古い翻訳の表示方法を変更"))
        .unwrap();
    assert!(
        row.contains(r#"<li class="del"><del><span class="sr">削除： </span>notice</del></li>"#),
        "{row}"
    );
    assert!(
        row.contains(r#"<li class="ins"><ins><span class="sr">追加： </span>fallback</ins></li>"#),
        "{row}"
    );
}

#[tokio::test]
async fn a_changed_line_in_a_long_text_is_shown_among_the_unchanged_ones() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    let r = c
        .submit(
            "/admin/procedures/new",
            "/admin/procedures/new",
            &procedure_form("犬の登録", &format!("notes={}", enc("一行目\n二行目\n三行目"))),
        )
        .await;
    let at = r.header("location");
    let code = at
        .trim_start_matches("/admin/procedures/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let page = c.get(&at).await.text();
    let base = page
        .split(r#"name="base_version" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let r = c
        .submit(
            &at,
            &format!("/admin/procedures/{code}"),
            &procedure_form(
                "犬の登録",
                &format!("base_version={base}&notes={}", enc("一行目\n2行目\n三行目")),
            ),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let audit = c.get(&format!("/admin/audit?procedure={code}")).await.text();
    let row = audit
        .split(r#"<tr class="audit-entry">"#)
        .find(|r| r.contains("日本語の本文を更新"))
        .expect("the edit, in words");
    let notes = row
        .split("<dt>備考")
        .nth(1)
        .expect("the notes changed")
        .split("</dd>")
        .next()
        .unwrap();
    assert!(notes.contains(r#"<li class="same">一行目</li>"#), "{notes}");
    assert!(
        notes.contains("<del><span class=\"sr\">削除： </span>二行目</del>"),
        "{notes}"
    );
    assert!(
        notes.contains("<ins><span class=\"sr\">追加： </span>2行目</ins>"),
        "{notes}"
    );
    assert!(notes.contains(r#"<li class="same">三行目</li>"#), "{notes}");
    assert!(!row.contains("<dt>名称"), "unchanged fields are not listed");
}

/// Languages are chosen and shown by name (日本語 name and the language's
/// own), never typed as tags.
#[tokio::test]
async fn languages_are_chosen_and_shown_by_name() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    let page = c.get("/admin/users").await.text();
    assert!(
        page.contains(r#"<input type="checkbox" name="langs" value="vi"> <span lang="ja">ベトナム語（Tiếng Việt）</span>"#),
        "{page}"
    );
    assert!(
        !page.contains(r#"value="ja""#),
        "the Japanese source is nobody's translation"
    );
    assert!(!page.contains("placeholder=\"vi, ne\""), "no tags to type");
    let r = c
        .submit(
            "/admin/users",
            "/admin/users",
            "name=tran&role=translator&langs=vi&langs=ne",
        )
        .await;
    assert!(r.status.is_success() || r.status.is_redirection(), "{}", r.status);
    let tran = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .find(|u| u.name.as_str() == "tran")
        .unwrap();
    let tags: Vec<String> = tran.langs.iter().map(ToString::to_string).collect();
    assert_eq!(tags, ["vi", "ne"]);
    let list = c.get("/admin/users").await.text();
    let row = list.split("<tr>").find(|r| r.contains(">tran<")).unwrap();
    assert!(row.contains("ベトナム語（Tiếng Việt）、ネパール語"), "{row}");
    let edit = c.get(&format!("/admin/users/{}", tran.id)).await.text();
    assert!(edit.contains(r#"value="vi" checked"#) && edit.contains(r#"value="ne" checked"#));
    assert!(!edit.contains(r#"value="ko" checked"#));
    // In English, the language's own name and its tag.
    let en = c.get("/admin/users?lang=en").await.text();
    assert!(en.contains("Tiếng Việt (vi)"), "{en}");
}

#[tokio::test]
async fn category_languages_are_named_too() {
    let (app, store) = app_with(None).await;
    add_user(&store, "boss", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("boss", PASSWORD).await;
    let page = c.get("/admin/categories").await.text();
    let row = page
        .split("<tr>")
        .find(|r| r.contains("/admin/categories/living"))
        .unwrap();
    assert!(row.contains("英語（English）"), "{row}");
    assert!(row.contains("ベトナム語（Tiếng Việt）"), "{row}");
    assert!(!row.contains("日本語（日本語）"), "a name said once: {row}");
}
