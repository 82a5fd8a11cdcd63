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
        .env("MADOGUCHI_DB", &db)
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    assert!(child.wait().unwrap().success());
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
    b.close().await;
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
