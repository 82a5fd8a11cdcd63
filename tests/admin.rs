//! The staff interface's editing work, driven through real HTTP flows with a
//! cookie-keeping client. Who may do what is in `admin_security.rs`.

mod common;

use common::staff::{Client, PASSWORD, add_user, csrf_of, enc, procedure_form};
use common::{app_with, get};
use madoguchi::domain::{Code, Role};

fn location(r: &common::Reply) -> String {
    r.header("location")
}

#[tokio::test]
async fn create_edit_publish_changes_the_public_page() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    let r = c
        .submit(
            "/admin/procedures/new",
            "/admin/procedures/new",
            &procedure_form("犬の登録", ""),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let at = location(&r);
    let code = at
        .trim_start_matches("/admin/procedures/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let code = Code::parse(&code).expect("a fresh code");
    // A draft is not public.
    assert_eq!(get(&app, &format!("/q/{code}"), &[]).await.status, 404);
    let page = c.get(&at).await.text();
    assert!(page.contains("保存しました"));
    let r = c
        .submit(&at, &format!("/admin/procedures/{code}/publish"), "")
        .await;
    assert_eq!(r.status, 303);
    let public = get(&app, &format!("/q/{code}"), &[("accept-language", "ja")]).await;
    assert_eq!(public.status, 200);
    assert!(public.text().contains("犬の登録"));
    assert!(public.text().contains("在留カード") && public.text().contains("パスポート"));

    // Editing the Japanese moves the revision; the public page follows.
    let p = store.procedure(&code).await.unwrap().unwrap();
    assert_eq!(p.revision, 1);
    let form = format!(
        "base_version={}&{}",
        p.japanese().unwrap().version,
        procedure_form("犬の登録（変更）", "")
    );
    let r = c.submit(&at, &format!("/admin/procedures/{code}"), &form).await;
    assert_eq!(r.status, 303, "{}", r.text());
    assert_eq!(store.procedure(&code).await.unwrap().unwrap().revision, 2);
    assert!(
        get(&app, &format!("/q/{code}"), &[])
            .await
            .text()
            .contains("犬の登録（変更）")
    );

    // Preview works for drafts in any language.
    let r = c.get(&format!("/admin/procedures/{code}/preview?lang=vi")).await;
    assert_eq!((r.status.as_u16(), r.html_lang()), (200, "vi".into()));
}

#[tokio::test]
async fn translations_go_out_of_date_and_conflicts_are_shown_not_overwritten() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    add_user(&store, "vi1", Role::Translator, &["vi"], false).await;
    add_user(&store, "vi2", Role::Translator, &["vi"], false).await;
    let (mut a, mut b) = (Client::new(&app), Client::new(&app));
    a.sign_in("vi1", PASSWORD).await;
    b.sign_in("vi2", PASSWORD).await;
    let url = "/admin/procedures/T6ZX/texts/vi";
    let page_a = a.get(url).await.text();
    let page_b = b.get(url).await.text();
    assert!(
        page_a.contains(r#"<div class="source" lang="ja">"#),
        "Japanese beside the form"
    );
    let base = |html: &str| {
        let at = html.find(r#"name="base_version" value=""#).unwrap() + 27;
        html[at..].split('"').next().unwrap().to_owned()
    };
    let form = |html: &str, title: &str| {
        format!(
            "csrf={}&base_version={}&source_revision=1&title={}&bring=A&incomplete_ok=1",
            enc(&csrf_of(html)),
            base(html),
            enc(title)
        )
    };
    let r = a.post(url, &form(&page_a, "Thuế cư trú (bản A)")).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let r = b.post(url, &form(&page_b, "Thuế cư trú (bản B)")).await;
    assert_eq!(r.status, 409);
    let text = r.text();
    assert!(
        text.contains("bản A") && text.contains("bản B"),
        "both versions shown"
    );
    let vi = madoguchi::domain::LangTag::parse("vi").unwrap();
    let code = Code::parse("T6ZX").unwrap();
    let stored = store.procedure(&code).await.unwrap().unwrap();
    assert_eq!(
        stored.text(&vi).unwrap().fields.title,
        "Thuế cư trú (bản A)",
        "not overwritten"
    );

    // The Japanese changes: the Vietnamese is now out of date in the matrix.
    let mut e = Client::new(&app);
    e.sign_in("editor", PASSWORD).await;
    let ja = stored.japanese().unwrap();
    let edit = format!(
        "base_version={}&category=tax&title={}&bring=X",
        ja.version,
        enc("住民税（改訂）")
    );
    let r = e
        .submit("/admin/procedures/T6ZX", "/admin/procedures/T6ZX", &edit)
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let matrix = e.get("/admin/translations").await.text();
    let row = matrix.split("<tr>").find(|r| r.contains("T6ZX")).unwrap();
    assert!(
        row.contains(r#"<td class="state-outdated" data-lang="vi">"#),
        "{row}"
    );
    assert!(
        row.contains(r#"<td class="state-missing" data-lang="ko">"#),
        "{row}"
    );
    assert!(
        row.contains(r#"<td class="state-outdated" data-lang="en">"#),
        "{row}"
    );
}

#[tokio::test]
async fn archiving_asks_for_a_note_and_the_old_code_gives_410_with_it() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    let r = c
        .submit(
            "/admin/procedures/G2SB/archive",
            "/admin/procedures/G2SB/archive",
            "note_ja=&note_en=",
        )
        .await;
    assert_eq!(r.status, 422, "a note is required");
    let r = c
        .submit(
            "/admin/procedures/G2SB/archive",
            "/admin/procedures/G2SB/archive",
            &format!(
                "note_ja={}&note_en={}",
                enc("新しいごみ分別アプリをご覧ください。"),
                enc("Please see the new garbage sorting app.")
            ),
        )
        .await;
    assert_eq!(r.status, 303);
    let r = get(&app, "/q/G2SB", &[("accept-language", "en")]).await;
    assert_eq!(r.status, 410);
    assert!(r.text().contains("Please see the new garbage sorting app."));
    let r = get(&app, "/q/G2SB", &[("accept-language", "ja")]).await;
    assert!(r.text().contains("新しいごみ分別アプリをご覧ください。"));

    // Editing the texts afterwards (the forms have no note field) keeps
    // the notes: only archiving sets them.
    let code = "G2SB".parse().unwrap();
    let version = store.procedure(&code).await.unwrap().unwrap();
    let version = version.japanese().unwrap().version;
    let form = format!(
        "base_version={version}&{}",
        procedure_form("ごみの分け方（旧）", "")
    );
    let r = c
        .submit("/admin/procedures/G2SB", "/admin/procedures/G2SB", &form)
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let r = get(&app, "/q/G2SB", &[("accept-language", "ja")]).await;
    assert_eq!(r.status, 410);
    assert!(
        r.text().contains("新しいごみ分別アプリをご覧ください。"),
        "the Japanese note survives an edit of the Japanese text"
    );
}

#[tokio::test]
async fn bad_input_is_shown_next_to_the_field_and_nothing_is_stored() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    let before = store.procedure_count().await.unwrap();
    let long_fee = "円".repeat(501);
    let r = c
        .submit(
            "/admin/procedures/new",
            "/admin/procedures/new",
            &procedure_form("", &format!("&fee={}", enc(&long_fee))),
        )
        .await;
    assert_eq!(r.status, 422);
    let page = r.text();
    assert!(
        page.contains(r#"<p class="error" id="f-title-error">入力してください。</p>"#),
        "{page}"
    );
    assert!(page.contains("501 文字は長すぎます"));
    assert!(page.contains(r#"aria-describedby="f-fee-help f-fee-error" aria-invalid="true""#));
    assert!(page.contains("パスポート"), "the rest of the form is kept");
    assert_eq!(store.procedure_count().await.unwrap(), before);

    // A code someone tries to change is refused.
    let p = store
        .procedure(&Code::parse("K7Q2").unwrap())
        .await
        .unwrap()
        .unwrap();
    let form = format!(
        "code=ZZZZ&base_version={}&{}",
        p.japanese().unwrap().version,
        procedure_form("転入届", "")
    );
    let r = c
        .submit("/admin/procedures/K7Q2", "/admin/procedures/K7Q2", &form)
        .await;
    assert_eq!(r.status, 422);
    assert!(r.text().contains("コードは変更できません"));
    assert!(
        store
            .procedure(&Code::parse("ZZZZ").unwrap())
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn every_change_is_in_the_audit_log() {
    let (app, store) = app_with(None).await;
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("admin", PASSWORD).await;
    let r = c
        .submit(
            "/admin/procedures/new",
            "/admin/procedures/new",
            &procedure_form("監査", ""),
        )
        .await;
    let code = location(&r)
        .trim_start_matches("/admin/procedures/")
        .trim_end_matches("?saved=1")
        .to_owned();
    c.submit("/admin", &format!("/admin/procedures/{code}/publish"), "")
        .await;
    c.submit(
        "/admin",
        &format!("/admin/procedures/{code}/texts/en"),
        "title=Audit&bring=A&incomplete_ok=1",
    )
    .await;
    c.submit(
        "/admin/users",
        "/admin/users",
        "name=tanaka&role=translator&langs=vi",
    )
    .await;
    let entries = store.audit(Some(&code), None, 100).await.unwrap();
    let actions: Vec<&str> = entries.iter().rev().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["procedure.create", "procedure.publish", "text.create"]);
    assert!(entries.iter().all(|e| e.actor == "admin"));
    let text = entries.iter().find(|e| e.action == "text.create").unwrap();
    assert!(text.after.as_deref().unwrap().contains("Audit"));
    let page = c
        .get(&format!("/admin/audit?procedure={}", code.to_lowercase()))
        .await
        .text();
    assert_eq!(page.matches(r#"<tr class="audit-entry">"#).count(), 3);
    let page = c.get("/admin/audit?user=admin").await.text();
    assert!(page.contains("アカウント「tanaka」を作成"), "in words");
}

#[tokio::test]
async fn offices_are_shared_translated_and_shown_on_the_public_page() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    let r = c
        .submit(
            "/admin/offices",
            "/admin/offices",
            &format!(
                "name={}&address={}&floor=1F&counter=&hours={}",
                enc("テスト区役所"),
                enc("熊本市テスト町1-1"),
                enc("平日 9:00〜16:00")
            ),
        )
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let at = location(&r);
    let id: i64 = at.trim_start_matches("/admin/offices/").parse().unwrap();
    let r = c
        .submit(
            &format!("{at}?text=vi"),
            &at,
            &format!(
                "text=vi&name={}&address={}&hours={}",
                enc("Văn phòng quận Test"),
                enc("1-1 Test"),
                enc("Ngày thường 9:00–16:00")
            ),
        )
        .await;
    assert_eq!(r.status, 200);
    // A procedure without its own where-fields points at the office.
    let json = common::import_file(&[common::procedure(
        "0FC1",
        "published",
        &[("ja", "窓口テスト"), ("vi", "Thử")],
    )
    .replace(r#""office":"Chuo Ward Office""#, r#""office":"""#)
    .replace(r#""hours":"8:30-17:15""#, r#""hours":"""#)]);
    let file = madoguchi::transfer::parse(&json, "2026-01-01T00:00:00Z").unwrap();
    store
        .import(&file, &madoguchi::domain::Actor::system("test"))
        .await
        .unwrap();
    let r = c
        .submit(
            "/admin/procedures/0FC1",
            "/admin/procedures/0FC1/office",
            &format!("office={id}"),
        )
        .await;
    assert_eq!(r.status, 303);
    let page = get(&app, "/q/0FC1", &[("accept-language", "vi")]).await.text();
    assert!(
        page.contains("Văn phòng quận Test") && page.contains("Ngày thường 9:00–16:00"),
        "{page}"
    );
    let page = get(&app, "/q/0FC1", &[("accept-language", "ko")]).await.text();
    assert!(
        page.contains("テスト区役所"),
        "falls back to the Japanese office text"
    );
    // Export carries the office and the link.
    let offices = store.offices().await.unwrap();
    let all = store.all_procedures().await.unwrap();
    let exported = madoguchi::transfer::to_json(&offices, &all);
    assert!(exported.contains("\"offices\"") && exported.contains(&format!("\"office\": {id}")));
}
