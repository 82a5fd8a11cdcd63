//! Forms a clerk uses without training: list rows moved, removed and added
//! with buttons (no script needed, nothing saved until Save), a confirmation
//! before publishing, a message after every action that survives the
//! redirect, municipal labels and help under each field.

mod common;

use common::app_with;
use common::staff::{Client, PASSWORD, add_user, csrf_of, enc, procedure_form};
use madoguchi::domain::{Code, Role};

fn inputs(html: &str, name: &str) -> Vec<String> {
    let marker = format!(r#"name="{name}" value=""#);
    html.split(&marker)
        .skip(1)
        .map(|s| s.split('"').next().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn list_rows_move_and_grow_with_buttons_and_are_saved_with_save() {
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
    let at = r.header("location");
    let code = at
        .trim_start_matches("/admin/procedures/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let page = c.get(&at).await.text();
    assert_eq!(
        inputs(&page, "bring"),
        ["在留カード", "パスポート"],
        "the items, no empty rows"
    );
    assert!(
        page.contains(r#"name="op" value="bring:add""#),
        "an add-a-row button"
    );
    let base = page
        .split(r#"name="base_version" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    let form = |extra: &str| {
        format!(
            "csrf={}&{}",
            enc(&csrf_of(&page)),
            procedure_form("犬の登録", &format!("base_version={base}&{extra}"))
        )
    };
    // ↑ on the second item: the form comes back reordered, nothing saved.
    let r = c
        .post(&format!("/admin/procedures/{code}"), &form("op=bring:up:1"))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(inputs(&r.text(), "bring"), ["パスポート", "在留カード"]);
    let stored = store
        .procedure(&Code::parse(&code).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.japanese().unwrap().fields.bring,
        ["在留カード", "パスポート"],
        "not saved yet"
    );
    // Add a row: one empty row to type into.
    let r = c
        .post(&format!("/admin/procedures/{code}"), &form("op=bring:add"))
        .await;
    assert_eq!(
        inputs(&r.text(), "bring"),
        ["在留カード", "パスポート", ""],
        "one row to type into"
    );
    // Remove the first, then Save (no op): saved as shown.
    let r = c
        .post(&format!("/admin/procedures/{code}"), &form("op=bring:del:0"))
        .await;
    assert_eq!(inputs(&r.text(), "bring"), ["パスポート"]);
    let empty = c.get("/admin/procedures/new").await.text();
    assert_eq!(
        inputs(&empty, "bring"),
        [""],
        "an empty list has one row to type into"
    );
    let r = c
        .post(
            &format!("/admin/procedures/{code}"),
            &format!(
                "csrf={}&{}",
                enc(&csrf_of(&page)),
                procedure_form("犬の登録", &format!("base_version={base}&bring={}", enc("印鑑")))
            ),
        )
        .await;
    assert_eq!(r.status, 303);
    let stored = store
        .procedure(&Code::parse(&code).unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.japanese().unwrap().fields.bring,
        ["印鑑", "在留カード", "パスポート"]
    );
    // Enter in a text field submits the form's first button: Save, not a row button.
    let edit_form = page.split(r#"class="text-form""#).nth(1).unwrap();
    let first_in_form = edit_form.split("<button").nth(1).unwrap();
    assert!(
        first_in_form.starts_with(r#" type="submit" class="default-submit""#),
        "{first_in_form}"
    );
}

#[tokio::test]
async fn publishing_asks_first_and_every_action_says_it_was_done() {
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
    let at = r.header("location");
    let code = at
        .trim_start_matches("/admin/procedures/")
        .trim_end_matches("?saved=1")
        .to_owned();
    let edit = c.get(&at).await.text();
    assert!(edit.contains("保存しました"));
    // The publish button leads to a confirmation, which says what happens.
    assert!(edit.contains(&format!(
        r#"<a class="button" href="/admin/procedures/{code}/publish">"#
    )));
    let confirm = c.get(&format!("/admin/procedures/{code}/publish")).await.text();
    assert!(confirm.contains("公開すると"), "{confirm}");
    assert!(confirm.contains(&format!("/q/{code}</code>")));
    let r = c
        .submit(
            &format!("/admin/procedures/{code}/publish"),
            &format!("/admin/procedures/{code}/publish"),
            "",
        )
        .await;
    assert_eq!(
        r.header("location"),
        format!("/admin/procedures/{code}?done=published")
    );
    let page = c.get(&r.header("location")).await.text();
    assert!(
        page.contains(r#"<p class="ok" role="status">公開しました。"#),
        "{page}"
    );
    // Back to draft, archive, office: each says so after the redirect.
    let r = c
        .submit(
            &format!("/admin/procedures/{code}/publish?to=draft"),
            &format!("/admin/procedures/{code}/publish"),
            "to=draft",
        )
        .await;
    assert!(
        c.get(&r.header("location"))
            .await
            .text()
            .contains("下書きに戻しました")
    );
    let r = c
        .submit(
            &format!("/admin/procedures/{code}/archive"),
            &format!("/admin/procedures/{code}/archive"),
            &format!("note_ja={}", enc("窓口でお尋ねください。")),
        )
        .await;
    assert!(c.get(&r.header("location")).await.text().contains("終了しました"));
    // A made-up ?done= says nothing.
    let page = c
        .get(&format!("/admin/procedures/{code}?done=hacked"))
        .await
        .text();
    assert!(!page.contains(r#"<p class="ok""#));
}

#[tokio::test]
async fn fields_use_municipal_words_and_explain_themselves() {
    let (app, store) = app_with(None).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    let mut c = Client::new(&app);
    c.sign_in("editor", PASSWORD).await;
    let page = c.get("/admin/procedures/new").await.text();
    for (label, field) in [("担当課", "office"), ("窓口番号", "counter"), ("階", "floor")] {
        assert!(
            page.contains(&format!(r#"<label for="f-{field}">{label}</label>"#)),
            "{label}"
        );
        assert!(
            page.contains(&format!(r#"<p class="hint" id="f-{field}-help">"#)),
            "help for {field}"
        );
        assert!(
            page.contains(&format!(r#"aria-describedby="f-{field}-help""#)),
            "tied to {field}"
        );
    }
}
