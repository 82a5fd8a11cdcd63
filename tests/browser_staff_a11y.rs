//! Every staff page, checked by axe-core in Chromium for WCAG 2.2 A/AA
//! (JIS X 8341-3:2016 level AA is WCAG 2.0 AA: this is stricter), signed in
//! as an admin so every page is reachable. Ignored by default; `.ci/run`
//! runs it.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use fantoccini::Locator;

use common::binary::start;
use common::browser::{Browser, axe_source, axe_violations};

const PASSWORD: &str = "a long staff password";

/// The staff pages, each as a clerk reaches it.
const PAGES: &[&str] = &[
    "/admin",
    "/admin?status=published",
    "/admin/procedures/new",
    "/admin/procedures/K7Q2",
    "/admin/procedures/K7Q2/texts/vi",
    "/admin/procedures/K7Q2/publish?to=draft",
    "/admin/procedures/K7Q2/archive",
    "/admin/translations",
    "/admin/offices",
    "/admin/users",
    "/admin/users/1",
    "/admin/tokens",
    "/admin/audit",
    "/admin/stats",
    "/admin/password",
    "/admin/categories",
    "/admin/categories/living",
    "/admin/import",
    "/admin/tenants",
    "/admin/print/poster/K7Q2",
    "/admin/print/stand/K7Q2",
    "/admin/print/labels?code=K7Q2&code=H3N8",
    "/admin/no-such-page",
];

#[tokio::test]
#[ignore = "needs chromium, chromium-driver and axe-core; run by .ci/run"]
async fn axe_core_finds_no_violations_on_any_staff_page() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    drop(start(&db, &[]));
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["user", "add", "kanri", "--role", "admin"])
        .env("MADOGUCHI_DB", common::db_arg(&db))
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(child.wait().unwrap().success());
    // An operator too, so the tenants page is reachable.
    let made = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["tenant", "operator", "kanri"])
        .env("MADOGUCHI_DB", common::db_arg(&db))
        .status()
        .unwrap();
    assert!(made.success());
    let server = start(&db, &[]);
    let url = &server.url;
    let axe = axe_source();
    let b = Browser::start(true, &[]).await;
    let mut problems = axe_violations(&b, &axe, &format!("{url}/admin/login")).await;
    // Signed in with the keyboard alone: type, then Enter.
    b.client.goto(&format!("{url}/admin/login")).await.unwrap();
    b.client
        .find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys("kanri")
        .await
        .unwrap();
    b.client
        .find(Locator::Id("password"))
        .await
        .unwrap()
        .send_keys(&format!("{PASSWORD}\u{E007}"))
        .await
        .unwrap();
    b.client
        .wait()
        .for_element(Locator::Css("a[href='/admin/procedures/new']"))
        .await
        .expect("signed in by pressing Enter");
    for lang in ["ja", "en"] {
        for page in PAGES {
            let sep = if page.contains('?') { '&' } else { '?' };
            problems.extend(axe_violations(&b, &axe, &format!("{url}{page}{sep}lang={lang}")).await);
        }
    }
    // Edit → save → take back to draft, with the keyboard alone: Enter in
    // a field saves (the form's first button is Save), Enter on a link
    // follows it, Enter on the confirmation button confirms.
    let enter = "\u{E007}";
    b.client
        .goto(&format!("{url}/admin/procedures/K7Q2?lang=ja"))
        .await
        .unwrap();
    let title = b.client.find(Locator::Id("f-title")).await.unwrap();
    title.send_keys(&format!("（改）{enter}")).await.unwrap();
    let saved = b.client.wait().for_element(Locator::Css("p.ok")).await.unwrap();
    assert!(saved.text().await.unwrap().contains("保存しました"));
    b.client
        .find(Locator::Css("a[href='/admin/procedures/K7Q2/publish?to=draft']"))
        .await
        .unwrap()
        .send_keys(enter)
        .await
        .unwrap();
    let confirm = b
        .client
        .wait()
        .for_element(Locator::Css(
            "form[action='/admin/procedures/K7Q2/publish'] button[type=submit]",
        ))
        .await
        .unwrap();
    confirm.send_keys(enter).await.unwrap();
    b.client
        .wait()
        .for_element(Locator::Css("span.status-draft"))
        .await
        .unwrap();
    let done = b
        .client
        .find(Locator::Css("p.ok"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(done.contains("下書きに戻しました"), "{done}");
    b.close().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
