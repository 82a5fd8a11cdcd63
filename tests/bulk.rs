//! Issue 12, item 6: procedures from a spreadsheet in the browser (CSV and
//! XLSX, checked as a whole, all or nothing), the templates, and the chosen
//! procedures' QR codes as a ZIP.

mod common;

use std::io::{Cursor, Read};

use axum::http::StatusCode;
use common::staff::{Client, PASSWORD, add_user, csrf_of};
use madoguchi::domain::{Code, LangTag, Role};
use madoguchi::store::Store;

const HEADER: &str = "code,category,title,summary,bring,steps,office,floor,counter,hours,fee,contact,notes";
const BOUNDARY: &str = "----madoguchi-test-boundary";

fn multipart(csrf: Option<&str>, file_name: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    if let Some(csrf) = csrf {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn signed_in(store: &Store, app: &axum::Router, role: Role) -> Client {
    let name = format!("user-{}", role.as_str());
    add_user(store, &name, role, &["vi"], false).await;
    let mut c = Client::new(app);
    assert_eq!(c.sign_in(&name, PASSWORD).await.status, StatusCode::SEE_OTHER);
    c
}

async fn upload(c: &mut Client, file_name: &str, bytes: &[u8]) -> common::Reply {
    let csrf = csrf_of(&c.get("/admin/import").await.text());
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
    c.post_bytes(
        "/admin/import",
        &content_type,
        multipart(Some(&csrf), file_name, bytes),
    )
    .await
}

fn ja() -> LangTag {
    LangTag::parse("ja").unwrap()
}

#[tokio::test]
async fn a_good_csv_adds_one_and_updates_one() {
    let (app, store) = common::app_with(None).await;
    let mut c = signed_in(&store, &app, Role::Editor).await;
    let before = store
        .procedure(&Code::parse("C4KA").unwrap())
        .await
        .unwrap()
        .unwrap();
    let csv = format!(
        "{HEADER}\n,living,新しい手続き,説明です。,\"在留カード\n印鑑\",\"書く\n出す\",市民課,1階,3番,平日,無料,096,\n\
         c4ka,children,児童手当（改訂）,新しい説明。,\"在留カード\",\"申請する\",子ども課,2階,5番,平日,無料,096,メモ\n"
    );
    let reply = upload(&mut c, "procedures.csv", csv.as_bytes()).await;
    let html = reply.text();
    assert_eq!(reply.status, StatusCode::OK, "{html}");
    assert!(html.contains("id=\"import-done\""), "{html}");

    let after = store
        .procedure(&Code::parse("C4KA").unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        after.revision,
        before.revision + 1,
        "a changed text bumps the revision"
    );
    assert_eq!(after.category, "children");
    let text = after.japanese().unwrap();
    assert_eq!(text.fields.title, "児童手当（改訂）");
    assert_eq!(text.fields.notes, "メモ");
    assert_eq!(after.texts.len(), before.texts.len(), "translations are kept");

    let all = store.all_procedures().await.unwrap();
    let new: Vec<_> = all
        .iter()
        .filter(|p| p.text(&ja()).is_some_and(|t| t.fields.title == "新しい手続き"))
        .collect();
    assert_eq!(new.len(), 1);
    assert_eq!(new[0].status.as_str(), "draft");
    assert_eq!(new[0].text(&ja()).unwrap().fields.bring, ["在留カード", "印鑑"]);
    assert!(html.contains(new[0].code.as_str()), "the new code is shown");
}

#[tokio::test]
async fn errors_in_rows_2_and_5_are_all_reported_and_nothing_changes() {
    let (app, store) = common::app_with(None).await;
    let mut c = signed_in(&store, &app, Role::Admin).await;
    let before = store.all_procedures().await.unwrap();
    let long = "あ".repeat(600);
    let csv = format!(
        "{HEADER}\n\
         ,living,,説明,,,,,,,,,\n\
         ,living,正しい行,説明,,,,,,,,,\n\
         C4KA,children,児童手当,説明,,,,,,,,,\n\
         ,Not A Category,題,説明,,,,{long},,,,,\n"
    );
    let reply = upload(&mut c, "bad.csv", csv.as_bytes()).await;
    let html = reply.text();
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{html}");
    assert!(html.contains("行 2、列 title：入力してください。"), "{html}");
    assert!(html.contains("行 5、列 category："), "{html}");
    assert!(html.contains("行 5、列 floor："), "{html}");
    assert!(!html.contains("行 3"), "{html}");
    assert_eq!(store.all_procedures().await.unwrap(), before, "nothing changed");

    // An unknown code is a problem of its row too, found before any write.
    let csv = format!("{HEADER}\n,living,新しい,説明,,,,,,,,,\nZZZZ,living,題,説明,,,,,,,,,\n");
    let reply = upload(&mut c, "bad.csv", csv.as_bytes()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        reply
            .text()
            .contains("行 3、列 code：この code の手続きが見つかりません"),
        "{}",
        reply.text()
    );
    assert_eq!(store.all_procedures().await.unwrap(), before, "nothing changed");
}

#[tokio::test]
async fn the_templates_round_trip() {
    let (app, store) = common::app_with(None).await;
    let mut c = signed_in(&store, &app, Role::Editor).await;
    for (path, name) in [
        ("/admin/import/template.csv", "template.csv"),
        ("/admin/import/template.xlsx", "template.xlsx"),
    ] {
        let n = store.procedure_count().await.unwrap();
        let template = c.get(path).await;
        assert_eq!(template.status, StatusCode::OK);
        assert!(template.header("content-disposition").starts_with("attachment"));
        let reply = upload(&mut c, name, &template.body).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        assert_eq!(
            store.procedure_count().await.unwrap(),
            n + 1,
            "one draft from {path}"
        );
    }
}

#[tokio::test]
async fn an_xlsx_upload_is_applied() {
    let (app, store) = common::app_with(None).await;
    let mut c = signed_in(&store, &app, Role::Editor).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let row = [
        "",
        "living",
        "エクセルの手続き",
        "説明",
        "在留カード\n通帳",
        "書く",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ];
    for (col, (h, v)) in (0u16..).zip(HEADER.split(',').zip(row)) {
        sheet.write_string(0, col, h).unwrap();
        sheet.write_string(1, col, v).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let reply = upload(&mut c, "procedures.xlsx", &bytes).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let all = store.all_procedures().await.unwrap();
    let p = all
        .iter()
        .find(|p| {
            p.text(&ja())
                .is_some_and(|t| t.fields.title == "エクセルの手続き")
        })
        .expect("the XLSX row was added");
    assert_eq!(p.text(&ja()).unwrap().fields.bring, ["在留カード", "通帳"]);
}

#[tokio::test]
async fn translators_and_forged_tokens_are_refused() {
    let (app, store) = common::app_with(None).await;
    let before = store.all_procedures().await.unwrap();
    let csv = format!("{HEADER}\n,living,題,説明,,,,,,,,,\n");
    let content_type = format!("multipart/form-data; boundary={BOUNDARY}");

    let mut translator = signed_in(&store, &app, Role::Translator).await;
    assert_eq!(
        translator.get("/admin/import").await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        translator.get("/admin/import/template.csv").await.status,
        StatusCode::FORBIDDEN
    );
    let csrf = csrf_of(&translator.get("/admin").await.text());
    let reply = translator
        .post_bytes(
            "/admin/import",
            &content_type,
            multipart(Some(&csrf), "a.csv", csv.as_bytes()),
        )
        .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);

    let mut editor = signed_in(&store, &app, Role::Editor).await;
    for csrf in [Some("forged"), Some(""), None] {
        let reply = editor
            .post_bytes(
                "/admin/import",
                &content_type,
                multipart(csrf, "a.csv", csv.as_bytes()),
            )
            .await;
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "token {csrf:?}");
    }
    // Beyond the server's 1 MiB body limit: refused before it is read.
    let huge = vec![b'a'; 1024 * 1024 + 1];
    let csrf = csrf_of(&editor.get("/admin/import").await.text());
    let reply = editor
        .post_bytes(
            "/admin/import",
            &content_type,
            multipart(Some(&csrf), "a.csv", &huge),
        )
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE, "{}", reply.text());
    assert_eq!(store.all_procedures().await.unwrap(), before, "nothing changed");
}

#[tokio::test]
async fn the_chosen_codes_come_as_png_and_svg_in_a_zip() {
    let (app, store) = common::app_with(None).await;
    let mut c = signed_in(&store, &app, Role::Translator).await;
    let list = c.get("/admin").await.text();
    assert!(list.contains("formaction=\"/admin/print/codes.zip\""));
    let reply = c.get("/admin/print/codes.zip?code=C4KA&code=h3n8").await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(reply.header("content-type"), "application/zip");
    let mut zip = zip::ZipArchive::new(Cursor::new(reply.body.clone())).unwrap();
    let mut names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names.sort();
    assert_eq!(names, ["C4KA.png", "C4KA.svg", "H3N8.png", "H3N8.svg"]);
    for code in ["C4KA", "H3N8"] {
        let mut png = Vec::new();
        zip.by_name(&format!("{code}.png"))
            .unwrap()
            .read_to_end(&mut png)
            .unwrap();
        let img = image::load_from_memory(&png).unwrap().to_luma8();
        let mut prepared = rqrr::PreparedImage::prepare(img);
        let grids = prepared.detect_grids();
        assert_eq!(grids.len(), 1);
        let (_, content) = grids[0].decode().unwrap();
        assert_eq!(content, format!("HTTP://MADOGUCHI.TEST/Q/{code}?source=letter"));
        let mut svg = String::new();
        zip.by_name(&format!("{code}.svg"))
            .unwrap()
            .read_to_string(&mut svg)
            .unwrap();
        assert!(svg.contains("<svg"));
    }
    assert_eq!(
        c.get("/admin/print/codes.zip?code=ZZZZ").await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        c.get("/admin/print/codes.zip").await.status,
        StatusCode::BAD_REQUEST
    );
}

/// Two cells at the sheet's far corners (a few hundred bytes) must not make
/// the server allocate the range between them: refused, nothing changed,
/// and the server still answers.
#[tokio::test]
async fn a_sheet_with_a_far_corner_cell_is_refused_not_allocated() {
    let (app, store) = common::app_with(None).await;
    let mut c = signed_in(&store, &app, Role::Editor).await;
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in (0u16..).zip(HEADER.split(',')) {
        sheet.write_string(0, col, h).unwrap();
    }
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let before = store.all_procedures().await.unwrap();
    let reply = upload(&mut c, "bomb.xlsx", &bytes).await;
    assert_ne!(reply.status, StatusCode::OK);
    assert!(
        reply.text().contains("1048576"),
        "names the cell: {}",
        reply.text()
    );
    assert_eq!(store.all_procedures().await.unwrap(), before);
    assert_eq!(common::get(&app, "/healthz", &[]).await.status, StatusCode::OK);
}

/// A category the list does not have is a problem in the sheet, not a new
/// public category made from a typo.
#[tokio::test]
async fn a_sheet_category_must_be_on_the_list() {
    let (app, store) = common::app_with(None).await;
    let mut c = signed_in(&store, &app, Role::Editor).await;
    let before = store.all_procedures().await.unwrap();
    let csv = format!("{HEADER}\nK7Q2,resdience,転入届,,,,,,,,,,\n");
    let reply = upload(&mut c, "typo.csv", csv.as_bytes()).await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", reply.text());
    assert!(reply.text().contains("category"), "{}", reply.text());
    assert_eq!(store.all_procedures().await.unwrap(), before);
    let names: Vec<String> = store
        .categories()
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.slug)
        .collect();
    assert!(!names.contains(&"resdience".to_owned()));
}
