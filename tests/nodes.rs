//! Two servers on one PostgreSQL database (issue 16, item 2): an edit on
//! node A shows on node B within a second, a sign-in throttle set on A
//! holds on B, and A killed (SIGKILL) in the middle of an import loses
//! nothing committed and leaves nothing half-done.
//!
//! Needs a PostgreSQL server (`MADOGUCHI_TEST_PG`, or the local default);
//! skipped, and says so, without one.

mod common;

use std::collections::HashMap;
use std::process::Command;
use std::time::{Duration, Instant};

use common::binary::{Server, start_program};
use common::http::Http;
use common::staff::{PASSWORD, add_user, csrf_of};
use madoguchi::domain::{Actor, Code, LangTag, Role};
use madoguchi::store::{Database, Store, scratch};

/// A schema of its own on the test server, set up with the samples, an
/// admin and an editor; its `--db` URL. `None` without a server.
async fn shared_database() -> Option<(Store, String)> {
    let Some(url) = scratch::schema_for_file() else {
        eprintln!("no PostgreSQL server ({}): skipped", scratch::ENV);
        return None;
    };
    let db: Database = url.parse().unwrap();
    let store = Store::open_database(&db, &Default::default()).await.unwrap();
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    add_user(&store, "admin", Role::Admin, &[], false).await;
    add_user(&store, "editor", Role::Editor, &[], false).await;
    Some((store, url))
}

fn node(url: &str) -> Server {
    start_program(Command::new(env!("CARGO_BIN_EXE_madoguchi")), url, &[])
}

/// The guidance page's `<h1>` in `lang` on `http`'s server.
async fn title(http: &mut Http, code: &str, lang: &str) -> String {
    let (status, html) = http.get(&format!("/q/{code}?lang={lang}")).await;
    assert_eq!(status, 200, "{html}");
    let h1 = html.split("<h1").nth(1).expect("an <h1>");
    let text = &h1[h1.find('>').unwrap() + 1..];
    text[..text.find("</h1>").unwrap()].to_owned()
}

/// An editor's API token.
async fn token(store: &Store) -> String {
    let admin = store.user_for_sign_in("admin").await.unwrap().unwrap().0;
    store
        .create_token("cms", Role::Editor, &[], admin.id, &Actor::system("test"))
        .await
        .unwrap()
        .1
}

/// Saves K7Q2's Vietnamese title through `server`'s API; the status.
async fn put_vi_title(store: &Store, server: &Server, token: &str, title: &str) -> u16 {
    let p = store
        .procedure(&Code::parse("K7Q2").unwrap())
        .await
        .unwrap()
        .unwrap();
    let vi = p.text(&LangTag::parse("vi").unwrap()).unwrap();
    let body = serde_json::json!({ "fields": { "title": title }, "base_version": vi.version });
    let r = reqwest::Client::new()
        .put(format!("{}/api/v1/procedures/K7Q2/texts/vi", server.url))
        .bearer_auth(token)
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    r.status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_on_one_node_shows_on_the_other_within_a_second() {
    let Some((store, url)) = shared_database().await else {
        return;
    };
    let a = node(&url);
    let b = start_program(
        Command::new(env!("CARGO_BIN_EXE_madoguchi")),
        &url,
        &["--metrics-addr", "127.0.0.1:0"],
    );
    let (mut on_a, mut on_b) = (Http::new(&a.url), Http::new(&b.url));
    // B has the page cached, as a busy node would: the second view is a hit.
    let before = title(&mut on_b, "K7Q2", "vi").await;
    assert_eq!(before, title(&mut on_b, "K7Q2", "vi").await);
    let metrics = {
        let log = b.log.lock().unwrap();
        let line = log
            .iter()
            .find(|l| l.contains("metrics on http://"))
            .expect("B serves metrics");
        line[line.find("http://").unwrap()..].trim().to_owned()
    };
    let text = reqwest::get(&metrics).await.unwrap().text().await.unwrap();
    assert!(
        text.contains(r#"madoguchi_page_cache_total{result="hit"} 1"#),
        "node B answered the second view from its cache: {text}"
    );

    let token = token(&store).await;
    assert_eq!(
        put_vi_title(&store, &a, &token, "Đăng ký chuyển đến (mới)").await,
        200
    );
    let saved = Instant::now();
    assert_eq!(title(&mut on_a, "K7Q2", "vi").await, "Đăng ký chuyển đến (mới)");
    loop {
        let now = title(&mut on_b, "K7Q2", "vi").await;
        if now == "Đăng ký chuyển đến (mới)" {
            break;
        }
        assert_eq!(now, before, "B shows the old page or the new one");
        assert!(
            saved.elapsed() < Duration::from_secs(1),
            "node B still shows {now:?} a second after node A saved"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    eprintln!(
        "seen on node B {} ms after the save on node A",
        saved.elapsed().as_millis()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sign_in_throttle_set_on_one_node_holds_on_the_other() {
    let Some((_store, url)) = shared_database().await else {
        return;
    };
    let (a, b) = (node(&url), node(&url));
    let mut on_a = Http::new(&a.url);
    for attempt in 1..=6 {
        let (status, _) = on_a.sign_in("editor", "wrong password!").await;
        assert!(
            status == 200 || status == 401 || status == 429,
            "attempt {attempt}: {status}"
        );
    }
    // The right password, from the same address, on the other node.
    let mut on_b = Http::new(&b.url);
    let (status, headers) = on_b.sign_in("editor", PASSWORD).await;
    assert_eq!(status, 429, "node B knows of node A's failures");
    assert!(headers.contains_key("retry-after"));
    // The address itself is counted too: another account from it waits.
    let (status, _) = Http::new(&b.url).sign_in("admin", PASSWORD).await;
    assert_eq!(status, 429, "the address is slowed down on every node");
}

/// A CSV of `n` new procedures titled `tag` and a number.
fn sheet(n: usize, tag: &str) -> Vec<u8> {
    let mut csv = String::from(
        "code,category,title,summary,bring,steps,office,floor,counter,hours,fee,contact,notes\n",
    );
    for i in 0..n {
        csv.push_str(&format!(
            ",living,{tag} {i},説明 {i},在留カード,窓口へ,市民課,1階,3番,平日,無料,096,\n"
        ));
    }
    csv.into_bytes()
}

const BOUNDARY: &str = "----madoguchi-nodes-boundary";

fn multipart(csrf: &str, bytes: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bulk.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Signs in on `server` and uploads `csv` to the bulk import; the reply's
/// status, or `None` when the server died under it.
async fn upload(server_url: String, cookies: HashMap<String, String>, csv: Vec<u8>) -> Option<u16> {
    let mut http = Http::new(&server_url);
    http.cookies = cookies;
    let (_, page) = http.get("/admin/import").await;
    let csrf = csrf_of(&page);
    let request = http
        .client
        .post(format!("{}/admin/import", http.base))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(multipart(&csrf, &csv));
    http.try_send(request).await.map(|(status, _, _)| status)
}

async fn count(store: &Store, tag: &str) -> usize {
    store
        .all_procedures()
        .await
        .unwrap()
        .iter()
        .filter(|p| {
            p.japanese()
                .is_some_and(|t| t.fields.title.split(' ').next() == Some(tag))
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_node_killed_during_an_import_loses_nothing_committed_and_leaves_nothing_half_done() {
    use rand::RngExt;
    let Some((store, url)) = shared_database().await else {
        return;
    };
    let n = 1500;
    let token = token(&store).await;
    let b = node(&url);
    // One whole import through a node, timed, to know where its middle is.
    let mut a = node(&url);
    let mut on_a = Http::new(&a.url);
    assert_eq!(on_a.sign_in("editor", PASSWORD).await.0, 303);
    let started = Instant::now();
    let done = upload(a.url.clone(), on_a.cookies.clone(), sheet(n, "whole")).await;
    assert_eq!(done, Some(200));
    let full = started.elapsed();
    assert_eq!(count(&store, "whole").await, n, "the first import is whole");

    let mut rng = rand::rng();
    let (mut kept, mut dropped) = (0, 0);
    for run in 1..=6 {
        let tag = format!("run{run}");
        let sheet = sheet(n, &tag);
        let upload = tokio::spawn(upload(a.url.clone(), on_a.cookies.clone(), sheet));
        let wait = rng.random_range(full.as_millis() as u64 / 4..full.as_millis().max(4) as u64 * 12 / 10);
        tokio::time::sleep(Duration::from_millis(wait)).await;
        let _ = a.child.kill(); // SIGKILL
        let _ = a.child.wait();
        let _ = upload.await;

        // What node B (and the database) holds: all of it or none.
        let got = count(&store, &tag).await;
        assert!(
            got == 0 || got == n,
            "run {run}, killed after {wait} ms: {got} of {n}"
        );
        if got == n {
            kept += 1;
        } else {
            dropped += 1;
        }
        assert_eq!(
            count(&store, "whole").await,
            n,
            "run {run}: the committed import is intact"
        );
        let mut on_b = Http::new(&b.url);
        assert_eq!(on_b.get("/healthz").await.0, 200, "node B kept serving");
        assert!(!title(&mut on_b, "K7Q2", "ja").await.is_empty());
        // And writing: A's unfinished transaction holds no lock.
        let wrote = put_vi_title(&store, &b, &token, &format!("Đăng ký sau lần {run}")).await;
        assert_eq!(wrote, 200, "run {run}: node B saves after node A died mid-import");

        // A comes back, as a supervisor would restart it.
        a = node(&url);
        on_a = Http::new(&a.url);
        assert_eq!(on_a.sign_in("editor", PASSWORD).await.0, 303);
    }
    eprintln!(
        "import of {n} rows: {} ms whole; killed runs: {kept} kept whole, {dropped} left out",
        full.as_millis()
    );
}
