//! Single sign-on with OpenID Connect (issue 16, item 4), against a real
//! OpenID Provider: npm `oidc-provider` (certified), run with node by the
//! test (`tests/sso/provider.mjs`; `.ci/run` installs it with `npm ci`).
//! Ignored by default: it needs node and tests/sso/node_modules.
//!
//! The browser is played by hand, both sides, redirects followed one by
//! one: our server at 127.0.0.1 (and a tenant's host), the provider at
//! another port.

mod common;

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};

use common::binary::{run as madoguchi, start};
use common::http::Http;
use common::staff::{PASSWORD, add_user, csrf_of, enc};
use madoguchi::domain::Role;
use madoguchi::store::Store;

struct Provider {
    child: Child,
    issuer: String,
}

impl Drop for Provider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The test provider, with a client whose callbacks are at `rps`.
fn provider(rps: &[&str]) -> Provider {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sso");
    assert!(
        std::path::Path::new(dir)
            .join("node_modules/oidc-provider")
            .is_dir(),
        "run `npm ci` in tests/sso first (.ci/run does)"
    );
    let mut child = Command::new("node")
        .arg("provider.mjs")
        .args(rps)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .spawn()
        .expect("node runs");
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    // Read on, or its next write would fail (EPIPE) and stop it.
    std::thread::spawn(move || std::io::copy(&mut out, &mut std::io::sink()));
    let issuer = line
        .trim()
        .strip_prefix("ready ")
        .unwrap_or_else(|| panic!("the provider says where it listens: {line:?}"))
        .to_owned();
    Provider { child, issuer }
}

fn location(base: &str, headers: &HashMap<String, String>) -> String {
    let l = headers.get("location").expect("a redirect");
    url::Url::parse(base).unwrap().join(l).unwrap().to_string()
}

fn param(u: &str, name: &str) -> Option<String> {
    url::Url::parse(u)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.into_owned())
}

/// `madoguchi [--tenant T] sso set` for the test provider's client.
fn sso_set(
    db: &str,
    tenant: Option<&str>,
    issuer: &str,
    secret: &std::path::Path,
    groups: &[&str],
    extra: &[&str],
) -> (bool, String, String) {
    let mut args: Vec<&str> = Vec::new();
    if let Some(t) = tenant {
        args.extend(["--tenant", t]);
    }
    let secret = secret.to_str().unwrap();
    args.extend([
        "sso",
        "set",
        "--issuer",
        issuer,
        "--client-id",
        "madoguchi",
        "--client-secret-file",
        secret,
    ]);
    for g in groups {
        args.extend(["--group", g]);
    }
    args.extend_from_slice(extra);
    madoguchi(db, &args)
}

/// One browser: our site's cookies and the provider's.
struct Browser {
    ours: Http,
    op: Http,
}

impl Browser {
    fn new(ours: Http, issuer: &str) -> Browser {
        Browser {
            ours,
            op: Http::new(issuer),
        }
    }

    /// Our sign-in button: where it sends the browser.
    async fn start(&mut self) -> String {
        let r = self.ours.client.get(format!(
            "{}/admin/oidc/start?next=%2Fadmin%2Fusers",
            self.ours.base
        ));
        let (status, headers, _) = self.ours.send(r).await;
        assert_eq!(status, 303);
        let to = location(&self.ours.base, &headers);
        assert!(to.starts_with(&self.op.base), "to the provider: {to}");
        assert_eq!(param(&to, "code_challenge_method").as_deref(), Some("S256"));
        to
    }

    /// At the provider: signs in as `account` (the dev login form), and
    /// returns where it sends the browser back to (our callback).
    async fn at_provider(&mut self, authorize: &str, account: &str) -> String {
        let (status, headers, _) = self.op.send(self.op.client.get(authorize)).await;
        assert_eq!(status, 303);
        let mut next = location(&self.op.base, &headers);
        if next.contains("/interaction/") {
            let form = format!("prompt=login&login={}&password=x", enc(account));
            let r = self
                .op
                .client
                .post(&next)
                .header("content-type", "application/x-www-form-urlencoded")
                .body(form);
            let (status, headers, body) = self.op.send(r).await;
            assert_eq!(status, 303, "{body}");
            let resume = location(&self.op.base, &headers);
            let (status, headers, _) = self.op.send(self.op.client.get(&resume)).await;
            assert_eq!(status, 303);
            next = location(&self.op.base, &headers);
        }
        assert!(next.contains("/admin/oidc/callback?"), "back to us: {next}");
        next
    }

    /// Our callback, as the provider sent the browser there.
    async fn callback(&mut self, url: &str) -> (u16, HashMap<String, String>, String) {
        self.ours.send(self.ours.client.get(url)).await
    }

    async fn sign_in(&mut self, account: &str) -> (u16, String) {
        let to = self.start().await;
        let back = self.at_provider(&to, account).await;
        let (status, _, body) = self.callback(&back).await;
        (status, body)
    }
}

/// The one-line statuses of the server's log since `from`.
fn log_since(server: &common::binary::Server, from: usize) -> String {
    server.log.lock().unwrap()[from..].join("\n")
}

#[tokio::test]
#[ignore = "needs node and tests/sso/node_modules (npm ci); run by .ci/run"]
async fn staff_sign_in_and_out_with_an_openid_provider() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("sso.db");
    let db = common::db_arg(&db_path);
    let home = common::open_db(&db_path).await;
    madoguchi::samples::load_if_empty(&home).await.unwrap();
    add_user(&home, "root", Role::Admin, &[], false).await;
    let server = start(&db_path, &[]);
    let op = provider(&[&server.url]);
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "madoguchi-test-secret\n").unwrap();
    let all_groups = [
        "madoguchi-admins=admin",
        "translators-vi=translator:vi",
        "translators-en=translator:en",
    ];
    let set = |extra: &[&str]| sso_set(&db, None, &op.issuer, &secret, &all_groups, extra);
    let (ok, _, err) = set(&[]);
    assert!(ok, "{err}");
    let (ok, out, _) = madoguchi(&db, &["sso", "show"]);
    assert!(ok && out.contains(&op.issuer) && out.contains("translators-vi=translator:vi"));
    assert!(!out.contains("madoguchi-test-secret"), "never the secret: {out}");

    // The sign-in page offers it beside the password form.
    let mut anyone = Http::new(&server.url);
    let (_, page) = anyone.get("/admin/login").await;
    assert!(
        page.contains("/admin/oidc/start") && page.contains(r#"name="password""#),
        "{page}"
    );

    // A translator: role and languages from the groups claim.
    let mut tomoko = Browser::new(Http::new(&server.url), &op.issuer);
    let (status, page) = tomoko.sign_in("tomoko").await;
    assert_eq!(status, 200, "{}\n{page}", log_since(&server, 0));
    assert!(
        page.contains(r#"http-equiv="refresh""#) && page.contains("url=/admin/users"),
        "{page}"
    );
    let (status, page) = tomoko.ours.get("/admin").await;
    assert_eq!(status, 200);
    assert!(page.contains("tomoko"), "signed in");
    assert_eq!(
        tomoko.ours.get("/admin/users").await.0,
        403,
        "a translator manages no one"
    );
    let store = Store::open_existing(&db.parse().unwrap()).await.unwrap();
    let (user, hash) = store.user_for_sign_in("tomoko").await.unwrap().unwrap();
    assert_eq!(user.role, Role::Translator);
    let langs: Vec<String> = user.langs.iter().map(ToString::to_string).collect();
    assert_eq!(langs, ["en", "vi"]);
    // No password of ours: not a password hash at all, so none matches.
    assert!(!hash.starts_with('$'), "{hash}");

    // An admin, by the admins' group; and by it sent as one string.
    let mut alice = Browser::new(Http::new(&server.url), &op.issuer);
    assert_eq!(alice.sign_in("alice").await.0, 200);
    assert_eq!(alice.ours.get("/admin/users").await.0, 200);
    let mut single = Browser::new(Http::new(&server.url), &op.issuer);
    assert_eq!(single.sign_in("single").await.0, 200);
    assert_eq!(single.ours.get("/admin/users").await.0, 200);
    // Entra-style app roles are not groups: no role here by default.
    let mut entra = Browser::new(Http::new(&server.url), &op.issuer);
    assert_eq!(entra.sign_in("entra").await.0, 403);

    // Refused, each for its own reason (the log says which): no group with
    // a role here; an ID token for another audience; a nonce that is not
    // the one we sent; an answer naming another issuer.
    let refusal = |server: &common::binary::Server, from: usize| {
        let log = log_since(server, from);
        log.lines()
            .find(|l| l.contains("single sign-on refused"))
            .unwrap_or_default()
            .to_owned()
    };
    let from = server.log.lock().unwrap().len();
    let mut nobody = Browser::new(Http::new(&server.url), &op.issuer);
    let (status, page) = nobody.sign_in("nobody").await;
    assert_eq!(status, 403);
    assert!(page.contains("役割がありません"), "{page}");
    assert!(
        refusal(&server, from).contains("no group with a role"),
        "{}",
        refusal(&server, from)
    );
    assert_eq!(nobody.ours.get("/admin").await.0, 303, "not signed in");

    let from = server.log.lock().unwrap().len();
    let mut wrong_aud = Browser::new(Http::new(&server.url), &op.issuer);
    assert_eq!(wrong_aud.sign_in("wrong-aud").await.0, 403);
    assert!(
        refusal(&server, from).to_lowercase().contains("audience"),
        "{}",
        refusal(&server, from)
    );
    assert_eq!(wrong_aud.ours.get("/admin").await.0, 303);

    let from = server.log.lock().unwrap().len();
    let mut tampered = Browser::new(Http::new(&server.url), &op.issuer);
    let to = tampered.start().await;
    let nonce = param(&to, "nonce").unwrap();
    let to = to.replace(&format!("nonce={nonce}"), "nonce=tampered");
    let back = tampered.at_provider(&to, "alice").await;
    assert_eq!(tampered.callback(&back).await.0, 403);
    assert!(
        refusal(&server, from).to_lowercase().contains("nonce"),
        "{}",
        refusal(&server, from)
    );
    assert_eq!(tampered.ours.get("/admin").await.0, 303);

    let from = server.log.lock().unwrap().len();
    let mut mixed_up = Browser::new(Http::new(&server.url), &op.issuer);
    let to = mixed_up.start().await;
    let back = mixed_up.at_provider(&to, "alice").await;
    let iss = param(&back, "iss").expect("the provider names itself (RFC 9207)");
    assert_eq!(iss, op.issuer);
    let back = back.replace(
        &format!("iss={}", enc(&iss)),
        &format!("iss={}", enc("https://evil.example")),
    );
    assert_eq!(mixed_up.callback(&back).await.0, 403);
    assert!(
        refusal(&server, from).contains("another issuer"),
        "{}",
        refusal(&server, from)
    );
    assert_eq!(mixed_up.ours.get("/admin").await.0, 303);

    // An answer brought by another browser is refused, and spent: the
    // browser that started it cannot use it afterwards either.
    let mut victim = Browser::new(Http::new(&server.url), &op.issuer);
    let to = victim.start().await;
    let back = victim.at_provider(&to, "alice").await;
    let mut thief = Browser::new(Http::new(&server.url), &op.issuer);
    assert_eq!(thief.callback(&back).await.0, 403);
    assert_eq!(thief.ours.get("/admin").await.0, 303);
    assert_eq!(victim.callback(&back).await.0, 403, "each state answers once");

    // An account the provider vouches for has no password here to reset.
    let tomoko_id = store.user_for_sign_in("tomoko").await.unwrap().unwrap().0.id;
    let (_, page) = alice.ours.get("/admin/users").await;
    let csrf = csrf_of(&page);
    let r = alice
        .ours
        .client
        .post(format!("{}/admin/users/{tomoko_id}/reset-password", server.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={}", enc(&csrf)));
    assert_eq!(alice.ours.send(r).await.0, 403);

    // Signing out ends our session and the provider's, then comes back:
    // a page that moves on by itself (a redirect after the form post would
    // be stopped by the form's CSP in browsers).
    let (status, page) = alice.ours.get("/admin").await;
    assert_eq!(status, 200, "{page}");
    let csrf = csrf_of(&page);
    let r = alice
        .ours
        .client
        .post(format!("{}/admin/logout", server.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("csrf={}", enc(&csrf)));
    let (status, _, page) = alice.ours.send(r).await;
    assert_eq!(status, 200, "{page}");
    let meta = r#"http-equiv="refresh" content="0; url="#;
    let at = page.find(meta).expect("moves on") + meta.len();
    let end = unescape(page[at..].split('"').next().unwrap());
    assert!(end.starts_with(&format!("{}/session/end?", op.issuer)), "{end}");
    assert!(param(&end, "id_token_hint").is_some());
    assert_eq!(
        param(&end, "post_logout_redirect_uri").as_deref(),
        Some(format!("{}/admin/login", server.url).as_str())
    );
    assert_eq!(alice.ours.get("/admin").await.0, 303, "our session is over");
    let (status, _, page) = alice.op.send(alice.op.client.get(&end)).await;
    assert_eq!(status, 200);
    let at = page
        .find(r#"name="xsrf" value=""#)
        .expect("the provider's confirmation")
        + 19;
    let xsrf = page[at..].split('"').next().unwrap();
    let r = alice
        .op
        .client
        .post(format!("{}/session/end/confirm", op.issuer))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("xsrf={}&logout=yes", enc(xsrf)));
    let (status, headers, _) = alice.op.send(r).await;
    assert_eq!(status, 303);
    assert!(location(&op.issuer, &headers).starts_with(&format!("{}/admin/login", server.url)));
    // Signed out there too: the provider asks who it is again.
    let to = alice.start().await;
    let (_, headers, _) = alice.op.send(alice.op.client.get(&to)).await;
    assert!(
        location(&op.issuer, &headers).contains("/interaction/"),
        "{headers:?}"
    );

    // Taken out of her groups at the provider (here: the rules no longer
    // name them), tomoko is refused at her next sign-in, and her session
    // and account end with it.
    let (ok, _, err) = sso_set(&db, None, &op.issuer, &secret, &["madoguchi-admins=admin"], &[]);
    assert!(ok, "{err}");
    assert_eq!(
        tomoko.ours.get("/admin").await.0,
        200,
        "same provider: her session stays, for now"
    );
    let mut tomoko_again = Browser::new(Http::new(&server.url), &op.issuer);
    assert_eq!(tomoko_again.sign_in("tomoko").await.0, 403);
    assert_eq!(tomoko.ours.get("/admin").await.0, 303, "her session ended");
    assert!(store.user(tomoko_id).await.unwrap().unwrap().disabled);
    let (ok, _, err) = set(&[]);
    assert!(ok, "{err}");
    assert_eq!(
        tomoko_again.sign_in("tomoko").await.0,
        403,
        "an admin enables her again, not the provider"
    );

    // Passwords turned off: the form is gone, a posted one is refused,
    // password sessions end; the provider still signs in.
    let mut root = Http::new(&server.url);
    assert_eq!(root.sign_in("root", PASSWORD).await.0, 303);
    assert_eq!(root.get("/admin").await.0, 200);
    let (ok, _, err) = set(&["--no-passwords"]);
    assert!(ok, "{err}");
    assert_eq!(root.get("/admin").await.0, 303, "password sessions ended");
    let (_, page) = anyone.get("/admin/login").await;
    assert!(
        page.contains("/admin/oidc/start") && !page.contains(r#"name="password""#),
        "{page}"
    );
    root.get("/admin/login").await;
    let token = root.cookies["madoguchi_login"].clone();
    let r = root
        .client
        .post(format!("{}/admin/login", server.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "csrf={}&name=root&password={}&next=%2Fadmin",
            enc(&token),
            enc(PASSWORD)
        ));
    let (status, _, page) = root.send(r).await;
    assert_eq!(status, 403, "passwords are off");
    assert!(page.contains("パスワードは使えません"), "{page}");
    assert_eq!(root.get("/admin").await.0, 303);
    let mut again = Browser::new(Http::new(&server.url), &op.issuer);
    assert_eq!(again.sign_in("alice").await.0, 200);
    assert_eq!(again.ours.get("/admin").await.0, 200);

    // Off again: passwords sign in, the button is gone.
    let (ok, _, err) = madoguchi(&db, &["sso", "off"]);
    assert!(ok, "{err}");
    let (_, page) = anyone.get("/admin/login").await;
    assert!(!page.contains("/admin/oidc/start") && page.contains(r#"name="password""#));
    assert_eq!(anyone.get("/admin/oidc/start").await.0, 404);
    assert_eq!(
        again.ours.get("/admin").await.0,
        303,
        "the provider's sessions ended with it"
    );
    let (status, _) = root.sign_in("root", PASSWORD).await;
    assert_eq!(status, 303);
    let (_, audit) = root.get("/admin/audit").await;
    assert!(
        audit.contains("シングルサインオンを設定") && audit.contains("シングルサインオンを解除"),
        "{audit}"
    );
}

/// Each tenant has its own provider settings: set for one, the others
/// are untouched, and the accounts it makes are that tenant's.
#[tokio::test]
#[ignore = "needs node and tests/sso/node_modules (npm ci); run by .ci/run"]
async fn each_tenant_has_its_own_single_sign_on() {
    let dir = tempfile::tempdir().unwrap();
    let db_path = dir.path().join("home.db");
    let db = common::db_arg(&db_path);
    let home = common::open_db(&db_path).await;
    add_user(&home, "root", Role::Admin, &[], false).await;
    let server = start(&db_path, &["--no-samples"]);
    let addr: SocketAddr = server.url.trim_start_matches("http://").parse().unwrap();
    let alpha_url = format!("http://alpha.test:{}", addr.port());
    let (ok, _, err) = madoguchi(&db, &["tenant", "add", "alpha", &alpha_url]);
    assert!(ok, "{err}");
    let op = provider(&[&alpha_url]);
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "madoguchi-test-secret").unwrap();
    // Alpha's provider sends app roles in a "roles" claim, and refuses a
    // scope named "groups" (as Entra ID does): both are settings.
    let (ok, _, err) = sso_set(
        &db,
        Some("alpha"),
        &op.issuer,
        &secret,
        &["Madoguchi.Admin=admin"],
        &[
            "--groups-claim",
            "roles",
            "--scope",
            "profile",
            "--scope",
            "roles",
        ],
    );
    assert!(ok, "{err}");
    let (ok, out, _) = madoguchi(&db, &["--tenant", "alpha", "sso", "show"]);
    assert!(
        ok && out.contains("scopes\tprofile roles") && out.contains("groups_claim\troles"),
        "{out}"
    );
    let alpha_http = || {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .resolve("alpha.test", addr)
            .build()
            .unwrap();
        Http::with_client(&alpha_url, client)
    };
    // Served within seconds of being added.
    let mut probe = alpha_http();
    for _ in 0..50 {
        if probe.get("/admin/login").await.1.contains("/admin/oidc/start") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let mut entra = Browser::new(alpha_http(), &op.issuer);
    let to = entra.start().await;
    assert_eq!(param(&to, "scope").as_deref(), Some("openid profile roles"));
    let back = entra.at_provider(&to, "entra").await;
    let (status, _, page) = entra.callback(&back).await;
    assert_eq!(status, 200, "{page}");
    assert_eq!(
        entra.ours.get("/admin/users").await.0,
        200,
        "an admin by app role"
    );
    // Alice's groups mean nothing here: alpha's rules read roles.
    let mut alice = Browser::new(alpha_http(), &op.issuer);
    assert_eq!(alice.sign_in("alice").await.0, 403);
    // The home site has no single sign-on, and no such account.
    let (_, page) = Http::new(&server.url).get("/admin/login").await;
    assert!(!page.contains("/admin/oidc/start"));
    assert!(home.user_for_sign_in("entra").await.unwrap().is_none());
    let (ok, out, _) = madoguchi(&db, &["sso", "show"]);
    assert!(ok && out.trim() == "off", "{out}");
}

/// An attribute's text as the browser reads it (askama escapes `&` and `=`).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let j = i + rest[i..].find(';').expect("an entity ends");
        let c = match &rest[i + 1..j] {
            "amp" => Some('&'),
            "quot" => Some('"'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        out.push(c.expect("a known entity"));
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    out
}
