//! Several municipalities on one server (issue 16, item 3): each tenant
//! answers its own host names from its own database, with its own site
//! name and languages; `madoguchi tenant add` and the operators' page make
//! them; and no staff or API route of tenant A, given the ids of tenant B,
//! reads or changes anything of B's.
//!
//! Runs on SQLite, and on PostgreSQL (tenants as schemas) when the suite does.

mod common;

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::process::Command;

use common::binary::{Server, run as madoguchi, start};
use common::http::Http;
use common::staff::{PASSWORD, add_user, csrf_of, enc};
use common::{import_file, procedure};
use madoguchi::domain::{Actor, OfficeFields, Role};
use madoguchi::sites::tenant_database;
use madoguchi::store::{Database, Store, TenantRecord};

/// What only tenant B holds; no answer to A may contain it (any case).
const SECRET: &str = "betasecret";

/// The one-time password `tenant add` printed.
fn password_in(stderr: &str) -> String {
    let at = stderr.find("one-time password ").expect("a password is printed") + 18;
    stderr[at..].split_whitespace().next().unwrap().to_owned()
}

async fn tenant_store(home_db: &str, slug: &str) -> (Store, TenantRecord) {
    let home_db: Database = home_db.parse().unwrap();
    let home = Store::open_existing(&home_db).await.unwrap();
    let record = home
        .tenants()
        .await
        .unwrap()
        .into_iter()
        .find(|t| t.slug.as_str() == slug)
        .expect("listed");
    let db = tenant_database(&home_db, &record).unwrap();
    (Store::open_existing(&db).await.unwrap(), record)
}

fn office(name: &str) -> OfficeFields {
    OfficeFields {
        name: name.into(),
        address: "1-1".into(),
        floor: "1F".into(),
        counter: "3".into(),
        hours: "8:30-17:15".into(),
    }
}

/// A client reaching `host` at the server (the host name resolved to it).
fn client_for(server: &Server, host: &str) -> Http {
    let addr: SocketAddr = server.url.trim_start_matches("http://").parse().unwrap();
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .resolve(host, addr)
        .build()
        .unwrap();
    Http::with_client(&format!("http://{host}:{}", addr.port()), client)
}

/// Everything of a tenant's a route could read or change, as text.
async fn snapshot(store: &Store) -> String {
    let export = madoguchi::transfer::to_json(
        &store.offices().await.unwrap(),
        &store.all_procedures().await.unwrap(),
    );
    let users: Vec<String> = store
        .users()
        .await
        .unwrap()
        .iter()
        .map(|u| format!("{} {} {:?} {}", u.name, u.role, u.langs, u.disabled))
        .collect();
    let tokens: Vec<String> = store
        .tokens()
        .await
        .unwrap()
        .iter()
        .map(|t| format!("{} {:?}", t.name, t.revoked_at))
        .collect();
    let categories = format!("{:?}", store.categories().await.unwrap());
    let audit = store.audit(None, None, 1000).await.unwrap().len();
    format!("{export}\n{users:?}\n{tokens:?}\n{categories}\naudit entries: {audit}")
}

struct Setup {
    _dir: tempfile::TempDir,
    home_db: String,
    server: Server,
    beta: Store,
    /// The secret of alice's API token (tenant alpha, admin).
    alpha_token: String,
    /// The ids that exist in beta and not in alpha.
    beta_office: i64,
    beta_user: i64,
    beta_token: i64,
}

/// Home (one procedure), alpha (en and vi only, a site name) and beta
/// (every language; more offices, users and a token than alpha).
async fn setup() -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let home_path = dir.path().join("home.db");
    let home_db = common::db_arg(&home_path);
    let home = common::open_db(&home_path).await;
    let actor = Actor::system("test");
    let file = import_file(&[procedure("K7Q2", "published", &[("ja", "HOME-K7Q2")])]);
    home.import(
        &madoguchi::transfer::parse(&file, "2026-01-01T00:00:00Z").unwrap(),
        &actor,
    )
    .await
    .unwrap();
    add_user(&home, "opal", Role::Admin, &[], false).await;
    add_user(&home, "homer", Role::Admin, &[], false).await;

    let (ok, _, err) = madoguchi(
        &home_db,
        &[
            "tenant",
            "add",
            "alpha",
            "http://alpha.test",
            "--langs",
            "en,vi",
            "--site-name",
            "ja=アルファ市; en=Alpha City",
        ],
    );
    assert!(ok, "{err}");
    assert!(err.contains("added tenant alpha"), "{err}");
    assert!(password_in(&err).len() >= 12, "{err}");
    let (ok, _, err) = madoguchi(
        &home_db,
        &[
            "tenant",
            "add",
            "beta",
            "http://beta.test",
            "--host",
            "www.beta.test",
        ],
    );
    assert!(ok, "{err}");
    let (ok, _, err) = madoguchi(&home_db, &["tenant", "add", "beta", "http://other.test"]);
    assert!(
        !ok && err.contains("exists already"),
        "a slug is taken once: {err}"
    );
    let (ok, _, err) = madoguchi(&home_db, &["tenant", "add", "gamma", "http://WWW.Beta.test:8080"]);
    assert!(
        !ok && err.contains("www.beta.test"),
        "a host reaches one tenant: {err}"
    );
    // Machine names, and the home site's own host, are no tenant's.
    let (ok, _, err) = madoguchi(&home_db, &["tenant", "add", "gamma", "http://127.0.0.1:8080"]);
    assert!(!ok && err.contains("127.0.0.1"), "{err}");
    let (ok, _, err) = madoguchi(
        &home_db,
        &[
            "--base-url",
            "https://home.test",
            "tenant",
            "add",
            "gamma",
            "http://home.test",
        ],
    );
    assert!(!ok && err.contains("home.test"), "{err}");
    let (ok, _, err) = madoguchi(&home_db, &["tenant", "add", "gamma", "http://gamma_city.test"]);
    assert!(!ok && err.contains("gamma_city.test"), "{err}");
    let (ok, _, err) = madoguchi(&home_db, &["tenant", "operator", "opal"]);
    assert!(ok, "{err}");
    // A tenant whose database is gone: its hosts must never get home's pages.
    let (ok, _, err) = madoguchi(&home_db, &["tenant", "add", "broken", "http://broken.test"]);
    assert!(ok, "{err}");
    let (broken, record) = tenant_store(&home_db, "broken").await;
    broken.close().await;
    match home.postgres() {
        Some(pool) => {
            let sql = format!("DROP SCHEMA \"{}\" CASCADE", record.location);
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(pool)
                .await
                .unwrap();
        }
        None => std::fs::remove_file(dir.path().join("home-tenants").join(&record.location)).unwrap(),
    }
    let (ok, out, _) = madoguchi(&home_db, &["tenant", "list"]);
    assert!(ok);
    assert_eq!(
        out,
        "alpha\thttp://alpha.test\talpha.test\ten,vi\nbeta\thttp://beta.test\tbeta.test,www.beta.test\tall\n\
         broken\thttp://broken.test\tbroken.test\tall\n"
    );

    let (alpha, _) = tenant_store(&home_db, "alpha").await;
    let file = import_file(&[
        procedure(
            "K7Q2",
            "published",
            &[("ja", "ALPHA-K7Q2"), ("en", "ALPHA-K7Q2-en")],
        ),
        procedure("A1PH", "published", &[("ja", "ALPHA-ONLY")]),
    ]);
    alpha
        .import(
            &madoguchi::transfer::parse(&file, "2026-01-01T00:00:00Z").unwrap(),
            &actor,
        )
        .await
        .unwrap();
    alpha
        .create_office(&office("ALPHA office"), &actor)
        .await
        .unwrap();
    add_user(&alpha, "alice", Role::Admin, &[], false).await;
    let alice = alpha.user_for_sign_in("alice").await.unwrap().unwrap().0;
    let (_, alpha_token) = alpha
        .create_token("alice-token", Role::Admin, &[], alice.id, &actor)
        .await
        .unwrap();

    let (beta, _) = tenant_store(&home_db, "beta").await;
    let file = import_file(&[
        procedure(
            "K7Q2",
            "published",
            &[("ja", "BETASECRET-K7Q2"), ("en", "BETASECRET en")],
        ),
        procedure("B3TQ", "published", &[("ja", "BETASECRET-B3TQ")]),
        procedure("B3TD", "draft", &[("ja", "BETASECRET-DRAFT")]),
    ]);
    beta.import(
        &madoguchi::transfer::parse(&file, "2026-01-01T00:00:00Z").unwrap(),
        &actor,
    )
    .await
    .unwrap();
    for n in 0..3 {
        beta.create_office(&office(&format!("BETASECRET office {n}")), &actor)
            .await
            .unwrap();
    }
    let beta_office = beta.offices().await.unwrap().iter().map(|o| o.id).max().unwrap();
    for name in ["betasecretbob", "betasecretcat", "betasecretdan"] {
        add_user(&beta, name, Role::Admin, &["vi"], false).await;
    }
    let beta_user = beta.users().await.unwrap().iter().map(|u| u.id).max().unwrap();
    let bob = beta.user_for_sign_in("betasecretbob").await.unwrap().unwrap().0;
    beta.create_token("betasecret-t1", Role::Admin, &[], bob.id, &actor)
        .await
        .unwrap();
    let (beta_token, _) = beta
        .create_token("betasecret-t2", Role::Admin, &[], bob.id, &actor)
        .await
        .unwrap();
    assert!(beta_office > 1 && beta_user > 2 && beta_token > 0);
    alpha.close().await;

    let server = start(&home_path, &["--no-samples"]);
    Setup {
        _dir: dir,
        home_db,
        server,
        beta,
        alpha_token,
        beta_office,
        beta_user,
        beta_token,
    }
}

/// Every route and method the server has, as written in `src/web`:
/// `.route("PATH", get(…).post(…))`.
fn routes_in_source() -> BTreeSet<(String, String)> {
    fn walk(dir: &std::path::Path, routes: &mut BTreeSet<(String, String)>) {
        for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, routes);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                for (at, _) in text.match_indices(".route(") {
                    let rest = text[at + 7..].trim_start();
                    let Some(quoted) = rest.strip_prefix('"') else {
                        continue;
                    };
                    let route = quoted.split('"').next().unwrap().to_owned();
                    // The call's text, to its closing parenthesis.
                    let mut depth = 1;
                    let call: String = text[at + 7..]
                        .chars()
                        .take_while(|c| {
                            depth += match c {
                                '(' => 1,
                                ')' => -1,
                                _ => 0,
                            };
                            depth > 0
                        })
                        .collect();
                    for method in ["get", "post", "put", "patch", "delete"] {
                        let called = call.match_indices(&format!("{method}(")).any(|(i, _)| {
                            i == 0 || !call[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_')
                        });
                        if called {
                            routes.insert((method.to_uppercase(), route.clone()));
                        }
                    }
                }
            }
        }
    }
    let mut routes = BTreeSet::new();
    walk(
        std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src/web")),
        &mut routes,
    );
    assert!(routes.len() > 60, "found the routes: {routes:?}");
    routes
}

#[tokio::test]
async fn each_host_gets_its_own_tenant_with_its_languages_and_name() {
    let mut s = setup().await;
    let mut home = Http::new(&s.server.url);
    let mut alpha = client_for(&s.server, "alpha.test");
    let mut beta = client_for(&s.server, "beta.test");
    let mut beta_www = client_for(&s.server, "www.beta.test");
    let mut unknown = client_for(&s.server, "nobody.test");

    assert!(home.get("/q/K7Q2").await.1.contains("HOME-K7Q2"));
    assert!(
        unknown.get("/q/K7Q2").await.1.contains("HOME-K7Q2"),
        "unclaimed hosts: home"
    );
    let (status, page) = alpha.get("/q/K7Q2?lang=ja").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("ALPHA-K7Q2") && !page.contains("HOME-K7Q2"),
        "{page}"
    );
    assert!(beta.get("/q/K7Q2?lang=ja").await.1.contains("BETASECRET-K7Q2"));
    assert!(
        beta_www
            .get("/q/K7Q2?lang=ja")
            .await
            .1
            .contains("BETASECRET-K7Q2")
    );
    assert_eq!(alpha.get("/q/B3TQ").await.0, 404, "codes are per tenant");
    // A listed tenant that cannot be opened answers 503, not with home's data.
    let mut broken = client_for(&s.server, "broken.test");
    for path in ["/q/K7Q2", "/", "/admin/login"] {
        let (status, headers, page) = broken
            .send(broken.client.get(format!("{}{path}", broken.base)))
            .await;
        assert_eq!(status, 503, "{path}");
        assert_eq!(headers["retry-after"], "30");
        assert!(
            !page.contains("HOME") && page.contains("ただいま準備中"),
            "{page}"
        );
    }
    assert!(
        s.server
            .log
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains("tenant not served") && l.contains("broken")),
        "said why"
    );
    assert_eq!(beta.get("/q/A1PH").await.0, 404);
    assert_eq!(home.get("/q/A1PH").await.0, 404);

    // Alpha offers Japanese, English and Vietnamese only: a Korean phone
    // gets English there, Korean at beta.
    // (New clients: the ones above keep the language cookie of ?lang=ja.)
    let server = &s.server;
    let korean = |host: &'static str, path: &'static str| async move {
        let h = client_for(server, host);
        let r = h
            .client
            .get(format!("{}{path}", h.base))
            .header("accept-language", "ko");
        r.send().await.unwrap().text().await.unwrap()
    };
    let page = korean("alpha.test", "/q/K7Q2").await;
    assert!(
        page.contains(r#"<html lang="en""#),
        "{}",
        &page[..200.min(page.len())]
    );
    assert!(page.contains("ALPHA-K7Q2-en"));
    let page = korean("beta.test", "/q/K7Q2").await;
    assert!(
        page.contains(r#"<html lang="ko""#),
        "{}",
        &page[..200.min(page.len())]
    );
    let page = korean("alpha.test", "/?lang=ko").await;
    assert!(page.contains(r#"<html lang="en""#), "ko is not offered at alpha");
    let picker = |page: &str| page.matches("hreflang=").count();
    let (_, alpha_index) = alpha.get("/").await;
    let (_, beta_index) = beta.get("/").await;
    assert!(
        picker(&alpha_index) < picker(&beta_index),
        "alpha's picker is shorter"
    );
    assert!(alpha_index.contains(r#"hreflang="vi""#) && !alpha_index.contains(r#"hreflang="ko""#));

    // Its own name on its posters, its own address in its QR codes.
    let (status, poster) = alpha.get("/poster/K7Q2").await;
    assert_eq!(status, 200);
    assert!(
        poster.contains("アルファ市") && poster.contains("Alpha City"),
        "{poster}"
    );
    assert!(!beta.get("/poster/K7Q2").await.1.contains("Alpha City"));
    let (status, svg) = alpha.get("/qr/K7Q2.svg").await;
    assert_eq!(status, 200);
    let text = decode_svg_qr(&svg);
    assert_eq!(text, "HTTP://ALPHA.TEST/Q/K7Q2");

    // `--tenant` points the tools at one tenant's database.
    let (ok, out, err) = madoguchi(&s.home_db, &["--tenant", "beta", "export"]);
    assert!(ok, "{err}");
    assert!(out.contains("BETASECRET-B3TQ") && !out.contains("ALPHA"), "{out}");
    let (ok, _, err) = madoguchi(&s.home_db, &["--tenant", "nobody", "export"]);
    assert!(!ok && err.contains("no tenant nobody"), "{err}");
    let (ok, _, err) = madoguchi(&s.home_db, &["--tenant", "beta", "serve"]);
    assert!(!ok && err.contains("--tenant is for the tools"), "{err}");
    // Its QR codes carry its own address.
    let png = s._dir.path().join("alpha.png");
    let (ok, _, err) = madoguchi(
        &s.home_db,
        &["--tenant", "alpha", "qr", "K7Q2", "-o", png.to_str().unwrap()],
    );
    assert!(ok, "{err}");
    let img = image::load_from_memory(&std::fs::read(&png).unwrap())
        .unwrap()
        .to_luma8();
    let mut img = rqrr::PreparedImage::prepare(img);
    assert_eq!(
        img.detect_grids()[0].decode().unwrap().1,
        "HTTP://ALPHA.TEST/Q/K7Q2"
    );
    let (ok, _, err) = madoguchi(
        &s.home_db,
        &[
            "--tenant",
            "alpha",
            "--base-url",
            "https://home.test",
            "qr",
            "K7Q2",
            "-o",
            png.to_str().unwrap(),
        ],
    );
    assert!(!ok && err.contains("not tenant alpha's address"), "{err}");

    // A tenant's whole data moves: out as an archive, into a new tenant
    // (accounts and all), or into a database of its own.
    let file = s._dir.path().join("beta.json");
    let file = file.to_str().unwrap();
    let (ok, _, err) = madoguchi(&s.home_db, &["--tenant", "beta", "archive", "export", "-o", file]);
    assert!(ok, "{err}");
    let (ok, _, err) = madoguchi(
        &s.home_db,
        &["tenant", "add", "delta", "http://delta.test", "--from", file],
    );
    assert!(ok, "{err}");
    assert!(
        err.contains("came from the archive") && !err.contains("one-time password"),
        "{err}"
    );
    let mut delta = client_for(&s.server, "delta.test");
    let mut moved = false;
    for _ in 0..50 {
        if delta.get("/q/B3TQ?lang=ja").await.1.contains("BETASECRET-B3TQ") {
            moved = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(moved, "delta serves beta's procedures");
    let (status, _) = delta.sign_in("betasecretbob", PASSWORD).await;
    assert_eq!(status, 303, "beta's accounts came along");
    let own = s._dir.path().join("own.db");
    let own_db = common::db_arg(&own);
    let (ok, _, err) = madoguchi(&own_db, &["archive", "import", "--create", file]);
    assert!(ok, "{err}");
    let (ok, out, _) = madoguchi(&own_db, &["export"]);
    assert!(ok && out.contains("BETASECRET-DRAFT"), "{out}");

    // A tenant changed while served: its name, languages and hosts, taken
    // by the running server within seconds; a host of another is refused.
    let (ok, _, err) = madoguchi(
        &s.home_db,
        &[
            "tenant",
            "set",
            "alpha",
            "--site-name",
            "ja=アルファ町; en=Alpha Town",
            "--langs",
            "en,ko",
            "--host",
            "alpha2.test",
        ],
    );
    assert!(ok, "{err}");
    let (ok, _, err) = madoguchi(&s.home_db, &["tenant", "set", "alpha", "--host", "www.beta.test"]);
    assert!(!ok && err.contains("www.beta.test"), "{err}");
    let (ok, _, err) = madoguchi(
        &s.home_db,
        &["tenant", "set", "alpha", "--address", "http://localhost"],
    );
    assert!(!ok && err.contains("localhost"), "{err}");
    let mut renamed = false;
    for _ in 0..50 {
        if alpha.get("/poster/K7Q2").await.1.contains("Alpha Town") {
            renamed = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(renamed, "the new site name is printed");
    let page = korean("alpha.test", "/q/K7Q2").await;
    assert!(page.contains(r#"<html lang="ko""#), "Korean is offered now");
    let page = korean("alpha2.test", "/q/K7Q2?lang=ja").await;
    assert!(page.contains("ALPHA-K7Q2"), "the new host reaches alpha");
    let (_, index) = client_for(&s.server, "alpha.test").get("/").await;
    assert!(
        !index.contains(r#"hreflang="vi""#),
        "Vietnamese is not offered any more"
    );

    // Each tenant counts its own scans, written to its own database (here
    // at a graceful stop).
    assert_eq!(alpha.get("/q/A1PH").await.0, 200);
    assert_eq!(beta.get("/q/B3TQ").await.0, 200);
    Command::new("kill")
        .args(["-TERM", &s.server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(s.server.child.wait().unwrap().success());
    let codes = |store: Store| async move {
        let scans = store.scans_since("2000-01-01").await.unwrap();
        scans.into_iter().map(|r| r.code).collect::<BTreeSet<String>>()
    };
    let (alpha_store, _) = tenant_store(&s.home_db, "alpha").await;
    let (beta_store, _) = tenant_store(&s.home_db, "beta").await;
    let home_store = Store::open_existing(&s.home_db.parse().unwrap()).await.unwrap();
    assert_eq!(
        codes(alpha_store).await,
        BTreeSet::from(["A1PH".to_owned(), "K7Q2".to_owned()])
    );
    assert_eq!(
        codes(beta_store).await,
        BTreeSet::from(["B3TQ".to_owned(), "K7Q2".to_owned()])
    );
    assert_eq!(codes(home_store).await, BTreeSet::from(["K7Q2".to_owned()]));
}

/// The QR code of an SVG, decoded (resvg, then rqrr).
fn decode_svg_qr(svg: &str) -> String {
    let tree = resvg::usvg::Tree::from_str(svg, &Default::default()).unwrap();
    let size = tree.size().to_int_size().scale_by(4.0).unwrap();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(4.0, 4.0),
        &mut pixmap.as_mut(),
    );
    let gray = image::GrayImage::from_fn(size.width(), size.height(), |x, y| {
        let p = pixmap.pixel(x, y).unwrap();
        image::Luma([p.red()])
    });
    let mut img = rqrr::PreparedImage::prepare(gray);
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1);
    grids[0].decode().unwrap().1
}

#[tokio::test]
async fn no_route_of_one_tenant_reaches_another() {
    let s = setup().await;
    let before = snapshot(&s.beta).await;
    let mut alpha = client_for(&s.server, "alpha.test");
    let (status, _) = alpha.sign_in("alice", PASSWORD).await;
    assert_eq!(status, 303);
    let csrf = csrf_of(&alpha.get("/admin/offices").await.1);

    // Beta's ids, as alpha's staff would type them into alpha's routes.
    let (code, draft, office, user, token) = ("B3TQ", "B3TD", s.beta_office, s.beta_user, s.beta_token);
    let staff_get = [
        "/admin".to_owned(),
        format!("/admin?q={code}"),
        "/admin/procedures/new".into(),
        format!("/admin/procedures/{code}"),
        format!("/admin/procedures/{draft}"),
        format!("/admin/procedures/{draft}/publish"),
        format!("/admin/procedures/{code}/archive"),
        format!("/admin/procedures/{draft}/preview"),
        format!("/admin/procedures/{code}/texts/vi"),
        "/admin/categories".into(),
        "/admin/categories/test".into(),
        "/admin/offices".into(),
        format!("/admin/offices/{office}"),
        "/admin/translations".into(),
        format!("/admin/audit?procedure={code}"),
        "/admin/audit?actor=admin".into(),
        "/admin/stats".into(),
        "/admin/stats.csv".into(),
        "/admin/users".into(),
        format!("/admin/users/{user}"),
        "/admin/tokens".into(),
        format!("/admin/print/poster/{code}"),
        format!("/admin/print/stand/{code}"),
        format!("/admin/print/labels?codes={code}&codes={draft}"),
        format!("/admin/print/codes.zip?codes={code}"),
        "/admin/import".into(),
        "/admin/import/template.csv".into(),
        "/admin/import/template.xlsx".into(),
        "/admin/password".into(),
        "/admin/tenants".into(),
        "/admin/login".into(),
    ];
    let staff_post = [
        "/admin/procedures/new".to_owned(),
        format!("/admin/procedures/{code}"),
        format!("/admin/procedures/{draft}/publish"),
        format!("/admin/procedures/{code}/archive"),
        format!("/admin/procedures/{code}/texts/vi"),
        format!("/admin/procedures/{code}/office"),
        format!("/admin/procedures/{code}/stale-policy"),
        "/admin/categories".into(),
        "/admin/categories/test".into(),
        "/admin/offices".into(),
        format!("/admin/offices/{office}"),
        "/admin/users".into(),
        format!("/admin/users/{user}"),
        format!("/admin/users/{user}/reset-password"),
        "/admin/tokens".into(),
        format!("/admin/tokens/{token}/revoke"),
        "/admin/tenants".into(),
        // Her own password: the form's current password is wrong.
        "/admin/password".into(),
        // Last: they end alice's session.
        "/admin/logout-everywhere".into(),
        "/admin/logout".into(),
    ];
    let public_get = [
        "/".to_owned(),
        format!("/?q={code}"),
        "/q".into(),
        format!("/q/{code}"),
        format!("/Q/{code}"),
        format!("/q/{draft}"),
        format!("/qr/{code}.png"),
        format!("/poster/{code}"),
        format!("/audio/{code}/ja"),
        "/healthz".into(),
        "/saved".into(),
        "/sw.js".into(),
        "/print.js".into(),
        "/assets/admin.css".into(),
        "/favicon.svg".into(),
        "/favicon.ico".into(),
        "/admin/oidc/start".into(),
        "/admin/oidc/callback?state=x&code=y".into(),
    ];
    let api = [
        ("GET", "/api/v1/openapi.json".to_owned(), None),
        ("GET", "/api/v1/procedures".into(), None),
        (
            "POST",
            "/api/v1/procedures".into(),
            Some(r#"{"code":"B3TQ","texts":{"ja":{"title":"PWNED"}}}"#),
        ),
        ("GET", format!("/api/v1/procedures/{code}"), None),
        ("GET", format!("/api/v1/procedures/{draft}"), None),
        (
            "PATCH",
            format!("/api/v1/procedures/{code}"),
            Some(r#"{"category":"pwned","stale_policy":"fallback"}"#),
        ),
        (
            "PUT",
            format!("/api/v1/procedures/{code}/texts/vi"),
            Some(r#"{"title":"PWNED","source_revision":1}"#),
        ),
        (
            "POST",
            format!("/api/v1/procedures/{draft}/status"),
            Some(r#"{"status":"published"}"#),
        ),
    ];

    // The table above names every route the server has: a new route
    // must be added here, so it is tried against the other tenant.
    let tried: Vec<(&str, &str)> = staff_get
        .iter()
        .chain(&public_get)
        .map(|p| ("GET", p.as_str()))
        .chain(staff_post.iter().map(|p| ("POST", p.as_str())))
        .chain(api.iter().map(|(m, p, _)| (*m, p.as_str())))
        // The spreadsheet upload, sent below as a multipart form.
        .chain([("POST", "/admin/import")])
        .collect();
    let shape = |path: &str| -> String {
        let path = path.split('?').next().unwrap();
        path.split('/')
            .map(|seg| match seg {
                "B3TQ" | "B3TD" => "{code}".to_owned(),
                "test" => "{slug}".to_owned(),
                "vi" => "{lang}".to_owned(),
                "ja" if path.starts_with("/audio/") => "{lang}".to_owned(),
                s if s.parse::<i64>().is_ok() => "{id}".to_owned(),
                s if s.ends_with(".png") && path.starts_with("/qr/") => "{file}".to_owned(),
                s if path.starts_with("/assets/") && !s.is_empty() && s != "assets" => "{file}".to_owned(),
                s => s.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("/")
    };
    let tried_shapes: BTreeSet<(String, String)> =
        tried.iter().map(|(m, p)| (m.to_string(), shape(p))).collect();
    let untried: Vec<(String, String)> = routes_in_source()
        .into_iter()
        .map(|(m, r)| (m, r.replace("{office_id}", "{id}").replace("{user_id}", "{id}")))
        // Signing in takes a name, not an id: alice's at beta is tried below.
        .filter(|(m, r)| (m.as_str(), r.as_str()) != ("POST", "/admin/login"))
        .filter(|route| !tried_shapes.contains(route))
        .collect();
    assert!(
        untried.is_empty(),
        "routes not tried against another tenant: {untried:?} (tried {tried_shapes:?})"
    );

    // Beta's pages, QR codes and answers are made and cached first: a cache
    // shared across tenants would hand them to alpha below.
    let mut beta = client_for(&s.server, "beta.test");
    for path in [
        format!("/q/{code}"),
        format!("/q/{code}?lang=ja"),
        format!("/Q/{code}"),
        "/q/K7Q2".into(),
        "/q/K7Q2?lang=ja".into(),
        format!("/qr/{code}.png"),
        "/qr/K7Q2.png".into(),
        format!("/poster/{code}"),
        "/poster/K7Q2".into(),
        "/".into(),
    ] {
        assert_eq!(beta.get(&path).await.0, 200, "{path}");
    }
    let (_, beta_page) = beta.get("/q/K7Q2?lang=ja").await;
    assert!(beta_page.contains("BETASECRET-K7Q2"));

    let mut answers = Vec::new();
    for path in &staff_get {
        let (status, headers, body) = alpha
            .send(alpha.client.get(format!("{}{path}", alpha.base)))
            .await;
        answers.push((format!("GET {path}"), status, headers, body));
    }
    // The spreadsheet upload, naming beta's codes: at alpha they are
    // nobody's (refused, or new drafts of alpha's), never beta's.
    let boundary = "----madoguchi-tenant-boundary";
    let csv = format!(
        "code,category,title,summary,bring,steps,office,floor,counter,hours,fee,contact,notes\n\
         {code},test,PWNED,PWNED,x,x,x,x,x,x,x,x,\n{draft},test,PWNED,PWNED,x,x,x,x,x,x,x,x,\n"
    );
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
         Content-Type: text/csv\r\n\r\n{csv}\r\n--{boundary}--\r\n"
    );
    let request = alpha
        .client
        .post(format!("{}/admin/import", alpha.base))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body);
    let (status, headers, body) = alpha.send(request).await;
    answers.push(("POST /admin/import".into(), status, headers, body));
    // A form with every field a staff form has, each meant to change
    // something were it applied to beta.
    let form = |csrf: &str| {
        format!(
            "csrf={}&title=PWNED&summary=PWNED&bring=PWNED&steps=PWNED&name=pwnedname&name-ja=PWNED&name-en=PWNED\
             &slug=pwned&role=admin&langs=vi&disabled=1&status=published&office=1&office_id={office}\
             &stale_policy=fallback&policy=fallback&note=PWNED&ended_note=PWNED&version=1&source_revision=1\
             &address=PWNED&floor=PWNED&counter=PWNED&hours=PWNED&fee=PWNED&confirm=yes&base-url=http%3A%2F%2Fpwned.test",
            enc(csrf)
        )
    };
    for path in &staff_post {
        let request = alpha
            .client
            .post(format!("{}{path}", alpha.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form(&csrf));
        let (status, headers, body) = alpha.send(request).await;
        answers.push((format!("POST {path}"), status, headers, body));
    }
    for path in &public_get {
        let (status, headers, body) = alpha
            .send(alpha.client.get(format!("{}{path}", alpha.base)))
            .await;
        answers.push((format!("GET {path}"), status, headers, body));
    }
    for (method, path, body) in &api {
        let mut request = alpha
            .client
            .request(method.parse().unwrap(), format!("{}{path}", alpha.base))
            .bearer_auth(&s.alpha_token);
        if let Some(body) = body {
            request = request.header("content-type", "application/json").body(*body);
        }
        let (status, headers, body) = alpha.send(request).await;
        answers.push((format!("{method} {path}"), status, headers, body));
    }
    for (what, status, headers, body) in &answers {
        assert!(*status < 500, "{what}: {status}\n{body}");
        assert!(
            !body.to_lowercase().contains(SECRET) && !format!("{headers:?}").to_lowercase().contains(SECRET),
            "{what} ({status}) shows tenant beta's data:\n{headers:?}\n{body}"
        );
    }
    // Alpha's K7Q2 is alpha's own, though beta's was cached first.
    let (_, page) = alpha.get("/q/K7Q2?lang=ja").await;
    assert!(page.contains("ALPHA-K7Q2") && !page.to_lowercase().contains(SECRET));
    // The same code is alpha's own procedure, and alpha's token works on it.
    let (status, _, body) = alpha
        .send(
            alpha
                .client
                .get(format!("{}/api/v1/procedures/K7Q2", alpha.base))
                .bearer_auth(&s.alpha_token),
        )
        .await;
    assert_eq!(status, 200);
    assert!(body.contains("ALPHA-K7Q2"), "{body}");
    let by_status = |wanted: u16| answers.iter().filter(|(_, s, _, _)| *s == wanted).count();
    assert!(
        by_status(404) >= 10,
        "beta's ids are unknown at alpha: {answers:?}"
    );

    // Alpha's session and token are nothing at beta.
    beta.cookies = alpha.cookies.clone();
    let (status, headers, _) = beta.send(beta.client.get(format!("{}/admin", beta.base))).await;
    assert_eq!(status, 303, "not signed in at beta");
    assert!(headers["location"].starts_with("/admin/login"));
    let (status, _, _) = beta
        .send(
            beta.client
                .get(format!("{}/api/v1/procedures", beta.base))
                .bearer_auth(&s.alpha_token),
        )
        .await;
    assert_eq!(status, 401);
    let (status, _) = beta.sign_in("alice", PASSWORD).await;
    assert_ne!(status, 303, "alice has no account at beta");

    assert_eq!(snapshot(&s.beta).await, before, "beta unchanged");
}

#[tokio::test]
async fn an_operator_adds_a_tenant_in_the_staff_pages_and_it_is_served_at_once() {
    let s = setup().await;
    let mut home = Http::new(&s.server.url);
    // An admin who is not an operator does not see or reach the page.
    home.sign_in("homer", PASSWORD).await;
    let (_, list) = home.get("/admin").await;
    assert!(!list.contains("/admin/tenants"));
    assert_eq!(home.get("/admin/tenants").await.0, 403);
    // Nor can they take an operator's account by resetting its password.
    let opal = home.get("/admin/users").await.1;
    let at = opal.find(">opal<").expect("opal listed");
    let id: String = opal[..at]
        .rsplit("/admin/users/")
        .next()
        .unwrap()
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let csrf = csrf_of(&home.get("/admin/users").await.1);
    for action in [
        format!("/admin/users/{id}/reset-password"),
        format!("/admin/users/{id}"),
    ] {
        let request = home
            .client
            .post(format!("{}{action}", home.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("csrf={}&role=translator&langs=vi&disabled=1", enc(&csrf)));
        let (status, _, _) = home.send(request).await;
        assert_eq!(status, 403, "{action}");
    }
    // Nor does a tenant's own admin.
    let mut alpha = client_for(&s.server, "alpha.test");
    alpha.sign_in("alice", PASSWORD).await;
    assert_eq!(alpha.get("/admin/tenants").await.0, 403);

    let mut operator = Http::new(&s.server.url);
    let (status, _) = operator.sign_in("opal", PASSWORD).await;
    assert_eq!(status, 303);
    let (status, page) = operator.get("/admin/tenants").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("alpha.test") && page.contains("www.beta.test"),
        "{page}"
    );
    let csrf = csrf_of(&page);
    let post = |op: &Http, body: String| {
        op.client
            .post(format!("{}/admin/tenants", op.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
    };
    let (status, _, page) = operator
        .send(post(
            &operator,
            format!("csrf={}&slug=Gamma%20City&base-url=gamma", enc(&csrf)),
        ))
        .await;
    assert_eq!(status, 422);
    // The staff pages speak Japanese unless asked otherwise.
    assert!(
        page.contains("2〜32文字") && page.contains("http:// または https://"),
        "{page}"
    );
    let (status, _, page) = operator
        .send(post(
            &operator,
            format!("csrf={}&slug=gamma&base-url=http%3A%2F%2Fbeta.test", enc(&csrf)),
        ))
        .await;
    assert_eq!(status, 409);
    assert!(page.contains("beta.test"), "{page}");
    let (status, _, page) = operator
        .send(post(
            &operator,
            format!(
                "csrf={}&slug=gamma&base-url=http%3A%2F%2Fgamma.test&hosts=g.test&site-name=%E3%82%AC%E3%83%B3%E3%83%9E%E7%94%BA&langs=vi",
                enc(&csrf)
            ),
        ))
        .await;
    assert_eq!(status, 200, "{page}");
    let at = page.find(r#"<code class="secret">"#).expect("the password, once") + 21;
    let password = page[at..].split('<').next().unwrap().to_owned();

    // Served within seconds by the server that reads the list.
    let mut gamma = client_for(&s.server, "g.test");
    let mut served = false;
    for _ in 0..50 {
        if gamma.get("/admin/login").await.1.contains("csrf") && gamma.get("/q/K7Q2").await.0 == 404 {
            served = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(served, "gamma is served");
    let (status, headers) = gamma.sign_in("admin", &password).await;
    assert_eq!(status, 303);
    assert_eq!(
        headers["location"], "/admin/password",
        "the one-time password must be changed first"
    );
    assert_eq!(gamma.get("/admin/password").await.0, 200);
    let (_, audit) = operator.get("/admin/audit").await;
    assert!(audit.contains("gamma"), "{audit}");
}

/// On PostgreSQL, a tenant's connections act as a role owning its schema
/// and nothing else: even a query that names another tenant's tables, or
/// the home ones, is refused by the server (the second fence; the first
/// is that a site holds its own database only).
#[tokio::test]
async fn on_postgres_a_tenant_cannot_read_another_schema_even_by_name() {
    if !madoguchi::store::scratch::suite_on_postgres() {
        eprintln!("SQLite: each tenant is a file of its own; nothing to fence");
        return;
    }
    let s = setup().await;
    let (alpha, _) = tenant_store(&s.home_db, "alpha").await;
    let (_, beta) = tenant_store(&s.home_db, "beta").await;
    let pool = alpha.postgres().unwrap();
    let home_schema = beta.location.strip_suffix("_t_beta").unwrap();
    let own: i64 = sqlx::query_scalar("SELECT count(*) FROM procedures")
        .fetch_one(pool)
        .await
        .unwrap();
    assert_eq!(own, 2, "its own tables");
    for table in [
        format!("\"{}\".procedures", beta.location),
        format!("\"{home_schema}\".tenants"),
        format!("\"{home_schema}\".users"),
    ] {
        let err = sqlx::query(sqlx::AssertSqlSafe(format!("SELECT count(*) FROM {table}")))
            .fetch_one(pool)
            .await
            .expect_err(&table);
        let code = err
            .as_database_error()
            .and_then(|e| e.code())
            .map(|c| c.into_owned());
        assert_eq!(code.as_deref(), Some("42501"), "{table}: {err}");
    }
    // It logged in as its own role: no other role to switch to, and
    // switching back to the session's own changes nothing.
    let mut c = pool.acquire().await.unwrap();
    let who: String = sqlx::query_scalar("SELECT session_user::text")
        .fetch_one(&mut *c)
        .await
        .unwrap();
    assert_eq!(who, beta.location.replace("beta", "alpha"));
    for role in [
        "postgres".to_owned(),
        beta.location.clone(),
        "pg_read_all_data".into(),
    ] {
        let err = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("SET ROLE \"{role}\"")))
            .execute(&mut *c)
            .await
            .expect_err(&role);
        let code = err
            .as_database_error()
            .and_then(|e| e.code())
            .map(|c| c.into_owned());
        assert_eq!(code.as_deref(), Some("42501"), "SET ROLE {role}: {err}");
    }
    sqlx::raw_sql("SET ROLE NONE").execute(&mut *c).await.unwrap();
    let err = sqlx::raw_sql(sqlx::AssertSqlSafe(format!(
        "SELECT count(*) FROM \"{}\".procedures",
        beta.location
    )))
    .execute(&mut *c)
    .await
    .expect_err("still fenced after SET ROLE NONE");
    let code = err
        .as_database_error()
        .and_then(|e| e.code())
        .map(|c| c.into_owned());
    assert_eq!(code.as_deref(), Some("42501"));
    // And the home login, which made the role, is no member of it now.
    let home = Store::open_existing(&s.home_db.parse().unwrap()).await.unwrap();
    let sql = format!(
        "SELECT pg_has_role(current_user, '{}', 'MEMBER') AND NOT rolsuper FROM pg_roles WHERE rolname = current_user",
        beta.location
    );
    let member: bool = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
        .fetch_one(home.postgres().unwrap())
        .await
        .unwrap();
    assert!(
        !member,
        "a superuser is a member of every role; anyone else must not be"
    );
}
