//! The staff flow in a real browser: sign in, create a procedure with a
//! Japanese and a Vietnamese text, publish it, and open its public page as
//! a Vietnamese phone. Ignored by default; `.ci/run` runs it.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use fantoccini::Locator;

use common::binary::start;
use common::browser::Browser;

const PASSWORD: &str = "a long staff password";

fn add_editor(db: &std::path::Path) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["user", "add", "sato", "--role", "editor"])
        .env("MADOGUCHI_DB", common::db_arg(db))
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    writeln!(child.stdin.take().unwrap(), "{PASSWORD}").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
}

async fn fill(b: &Browser, css: &str, text: &str) {
    let field = b
        .client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css}"));
    field.clear().await.unwrap();
    field.send_keys(text).await.unwrap();
}

async fn click(b: &Browser, css: &str) {
    b.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("{css}"))
        .click()
        .await
        .unwrap();
}

/// Waits for the page after a form post to show `css`.
async fn wait_for(b: &Browser, css: &str) {
    b.client
        .wait()
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|_| panic!("waiting for {css}"));
}

#[tokio::test]
#[ignore = "needs chromium and chromium-driver; run by .ci/run"]
async fn staff_create_translate_publish_then_a_vietnamese_phone_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    // The first start creates the schema (and the admin account).
    drop(start(&db, &["--no-samples"]));
    add_editor(&db);
    let server = start(&db, &["--no-samples"]);
    let url = &server.url;

    let staff = Browser::start(true, &[]).await;
    staff.client.goto(&format!("{url}/admin")).await.unwrap();
    assert!(
        staff
            .client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/admin/login")
    );
    fill(&staff, "#name", "sato").await;
    fill(&staff, "#password", PASSWORD).await;
    click(&staff, "form[action='/admin/login'] button").await;
    wait_for(&staff, "a[href='/admin/procedures/new']").await;
    assert_eq!(staff.client.current_url().await.unwrap().path(), "/admin");

    click(&staff, "a[href='/admin/procedures/new']").await;
    // Categories are chosen from the managed list.
    click(&staff, "#category option[value='living']").await;
    fill(&staff, "#f-title", "犬の登録").await;
    fill(
        &staff,
        "#f-summary",
        "犬を飼い始めたら、30日以内に登録してください。",
    )
    .await;
    fill(&staff, "#f-bring", "狂犬病予防注射済票").await;
    fill(&staff, "#f-steps", "窓口で申請書を書きます。").await;
    fill(&staff, "#f-office", "動物愛護センター").await;
    click(&staff, "form.text-form button.save").await;
    wait_for(&staff, "p.ok").await;
    let at = staff.client.current_url().await.unwrap();
    let code = at.path().trim_start_matches("/admin/procedures/").to_owned();
    let created = staff.client.source().await.unwrap();
    assert!(created.contains("保存しました"), "{at}: {created}");
    assert_eq!(code.len(), 4, "a fresh code in {at}");

    staff
        .client
        .goto(&format!("{url}/admin/procedures/{code}/texts/vi"))
        .await
        .unwrap();
    fill(&staff, "#f-title", "Đăng ký nuôi chó").await;
    fill(
        &staff,
        "#f-summary",
        "Khi bắt đầu nuôi chó, hãy đăng ký trong vòng 30 ngày.",
    )
    .await;
    fill(&staff, "#f-bring", "Giấy chứng nhận tiêm phòng dại").await;
    fill(&staff, "#f-steps", "Điền đơn tại quầy.").await;
    click(&staff, "form.text-form button.save").await;
    // The office is left out: the editor asks first, naming it.
    wait_for(&staff, "#incomplete").await;
    let asked = staff.client.source().await.unwrap();
    assert!(asked.contains("<li>担当課</li>"), "{asked}");
    click(&staff, "button[name=incomplete_ok]").await;
    wait_for(&staff, "p.ok").await;
    let saved = staff.client.source().await.unwrap();
    assert!(saved.contains("保存しました"), "{saved}");

    staff
        .client
        .goto(&format!("{url}/admin/procedures/{code}"))
        .await
        .unwrap();
    // Publishing asks first, then says it was done.
    click(&staff, &format!("a[href='/admin/procedures/{code}/publish']")).await;
    wait_for(
        &staff,
        &format!("form[action='/admin/procedures/{code}/publish'] button"),
    )
    .await;
    click(
        &staff,
        &format!("form[action='/admin/procedures/{code}/publish'] button"),
    )
    .await;
    wait_for(&staff, "span.status-published").await;
    let published = staff.client.source().await.unwrap();
    assert!(published.contains("公開中") && published.contains("公開しました。"));
    staff.close().await;

    // A Vietnamese phone: its own browser, no staff cookie, Vietnamese first.
    let phone = Browser::start(true, &["--accept-lang=vi-VN,vi,en", "--window-size=360,800"]).await;
    phone.client.goto(&format!("{url}/q/{code}")).await.unwrap();
    let lang = phone.run("return document.documentElement.lang").await;
    assert_eq!(lang, "vi");
    let page = phone.client.source().await.unwrap();
    assert!(
        page.contains("Đăng ký nuôi chó") && page.contains("Điền đơn tại quầy."),
        "the Vietnamese text"
    );
    // No fallback notice; the one notice says the office is in Japanese.
    assert_eq!(page.matches(r#"class="notice""#).count(), 1, "{page}");
    let borrowed = page
        .split(r#"id="borrowed""#)
        .nth(1)
        .expect("the borrowed-parts notice");
    assert!(
        borrowed.contains(r#"<span lang="ja">日本語</span>"#),
        "{borrowed}"
    );
    assert!(page.contains(r#"<dd lang="ja">動物愛護センター</dd>"#), "{page}");
    let card = phone
        .run("return document.querySelector('.card-body').innerText")
        .await;
    let card = card.as_str().unwrap();
    assert!(
        card.contains("犬の登録") && card.contains("ベトナム語"),
        "the Japanese card: {card}"
    );
    phone.close().await;
}

/// A clerk's day in a real browser: sign in, create a procedure, add three
/// things to bring with the add-a-row button, publish through the
/// confirmation, see the message, and print the poster: the warning that
/// the address is this computer's is on screen and not on paper.
#[tokio::test]
#[ignore = "needs chromium, chromium-driver and poppler-utils; run by .ci/run"]
async fn a_clerks_day() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("m.db");
    drop(start(&db, &["--no-samples"]));
    add_editor(&db);
    let server = start(&db, &["--no-samples"]);
    let url = &server.url;
    let staff = Browser::start(true, &[]).await;
    staff.client.goto(&format!("{url}/admin/login")).await.unwrap();
    fill(&staff, "#name", "sato").await;
    fill(&staff, "#password", PASSWORD).await;
    click(&staff, "form[action='/admin/login'] button").await;
    wait_for(&staff, "a[href='/admin/procedures/new']").await;

    click(&staff, "a[href='/admin/procedures/new']").await;
    choose_category(&staff).await;
    fill(&staff, "#f-title", "自転車の登録").await;
    fill(&staff, "#f-summary", "自転車を登録する手続きです。").await;
    for (i, item) in ["在留カード", "自転車の保証書", "印鑑"].iter().enumerate() {
        if i > 0 {
            click(&staff, "button[name=op][value='bring:add']").await;
            wait_for(
                &staff,
                &format!("ol.list-inputs li:nth-child({}) input[name=bring]", i + 1),
            )
            .await;
        }
        fill(
            &staff,
            &format!("ol.list-inputs li:nth-child({}) input[name=bring]", i + 1),
            item,
        )
        .await;
    }
    click(&staff, "form.text-form button.save").await;
    wait_for(&staff, "p.ok").await;
    let at = staff.client.current_url().await.unwrap();
    let code = at.path().trim_start_matches("/admin/procedures/").to_owned();
    let saved = staff.client.source().await.unwrap();
    for item in ["在留カード", "自転車の保証書", "印鑑"] {
        assert!(saved.contains(&format!(r#"value="{item}""#)), "{item} saved");
    }

    click(&staff, &format!("a[href='/admin/procedures/{code}/publish']")).await;
    wait_for(
        &staff,
        &format!("form[action='/admin/procedures/{code}/publish'] button"),
    )
    .await;
    assert!(staff.client.source().await.unwrap().contains("公開すると"));
    click(
        &staff,
        &format!("form[action='/admin/procedures/{code}/publish'] button"),
    )
    .await;
    wait_for(&staff, "span.status-published").await;
    let flash = staff
        .client
        .find(Locator::Css("p.ok"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(flash.contains("公開しました"), "{flash}");

    staff
        .client
        .goto(&format!("{url}/admin/print/poster/{code}"))
        .await
        .unwrap();
    let risk = staff.client.find(Locator::Css(".tools .risk")).await.unwrap();
    assert!(risk.is_displayed().await.unwrap(), "the warning is on screen");
    assert!(risk.text().await.unwrap().contains("まだ印刷しないでください"));
    let pdf = staff
        .client
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .unwrap();
    let file = dir.path().join("poster.pdf");
    std::fs::write(&file, pdf).unwrap();
    let text = Command::new("pdftotext").arg(&file).arg("-").output().unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("自転車の登録"), "the poster printed: {text}");
    assert!(
        !text.contains("まだ印刷しないでください"),
        "the warning is not on paper"
    );
    staff.close().await;
}

/// The category, chosen from the managed list (no typing).
async fn choose_category(b: &Browser) {
    let select = b.client.find(Locator::Css("select#category")).await.unwrap();
    select.select_by_value("living").await.unwrap();
}
