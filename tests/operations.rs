//! Security headers, limits that answer 413/429, metrics kept off the
//! public listener, structured logs.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use axum::body::Body;
use axum::http::Request;
use common::{app_with, get, sample_app, send};
use madoguchi::domain::BaseUrl;
use madoguchi::i18n::Locales;
use madoguchi::{AppState, QR_RENDERS_PER_MINUTE};

#[tokio::test]
async fn every_page_carries_the_security_headers() {
    let app = sample_app().await;
    for path in ["/", "/q/K7Q2", "/q/ZZZZ", "/admin/login", "/qr/K7Q2.svg"] {
        let r = get(&app, path, &[]).await;
        let csp = r.header("content-security-policy");
        assert!(
            csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(
            csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert_eq!(r.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(r.header("referrer-policy"), "no-referrer", "{path}");
        assert_eq!(r.header("x-request-id").len(), 36, "{path}: a request id");
        assert!(
            r.header("strict-transport-security").is_empty(),
            "{path}: no HSTS over plain http"
        );
    }
    assert_eq!(
        get(&app, "/admin/login", &[]).await.header("cache-control"),
        "no-store"
    );

    // Over https, HSTS.
    let store = madoguchi::store::scratch::store().await;
    let (locales, _) = Locales::embedded();
    let https = madoguchi::app(AppState::new(
        store,
        locales,
        BaseUrl::parse("https://madoguchi.example.jp").unwrap(),
    ));
    assert_eq!(
        get(&https, "/", &[]).await.header("strict-transport-security"),
        "max-age=31536000"
    );
}

#[tokio::test]
async fn oversized_bodies_get_413() {
    let (app, _) = app_with(None).await;
    let big = "x".repeat(madoguchi::web::MAX_BODY_BYTES + 1);
    let r = send(
        &app,
        Request::post("/api/v1/procedures")
            .header("content-type", "application/json")
            .header("content-length", big.len())
            .body(Body::from(big.clone()))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 413);
    let r = send(
        &app,
        Request::post("/admin/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(big))
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, 413);
}

#[tokio::test]
async fn drawing_qr_codes_is_rate_limited_per_client() {
    let app = sample_app().await;
    for i in 0..QR_RENDERS_PER_MINUTE {
        assert_eq!(get(&app, "/qr/K7Q2.svg", &[]).await.status, 200, "request {i}");
    }
    let r = get(&app, "/qr/K7Q2.svg", &[]).await;
    assert_eq!(r.status, 429);
    let wait: u64 = r.header("retry-after").parse().unwrap();
    assert!((1..=60).contains(&wait));
    // Pages are not limited.
    assert_eq!(get(&app, "/q/K7Q2", &[]).await.status, 200);
}

/// Behind the recommended reverse proxy every request comes from the
/// proxy's address; with `--trusted-proxy` each visitor has a budget of
/// their own, and the header is ignored from anyone else.
#[tokio::test]
async fn behind_a_trusted_proxy_limits_are_per_visitor() {
    let dir = tempfile::tempdir().unwrap();
    let qr = |server: &common::binary::Server, client: &'static str| {
        let url = format!("{}/qr/K7Q2.svg", server.url);
        async move {
            reqwest::Client::new()
                .get(url)
                .header("x-forwarded-for", format!("203.0.113.50, {client}"))
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    let limit = ["--qr-per-minute", "2"];
    let proxied = common::binary::start(
        &dir.path().join("p.db"),
        &[&limit[..], &["--trusted-proxy", "127.0.0.1"]].concat(),
    );
    for _ in 0..2 {
        assert_eq!(qr(&proxied, "198.51.100.1").await, 200);
    }
    assert_eq!(
        qr(&proxied, "198.51.100.1").await,
        429,
        "that visitor's budget is spent"
    );
    assert_eq!(
        qr(&proxied, "198.51.100.2").await,
        200,
        "another visitor's is not"
    );
    assert!(
        proxied
            .log
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.contains(r#"trusted_proxies="127.0.0.1""#)),
        "the configuration line names the proxy"
    );
    drop(proxied);

    // Not trusted: the header changes nothing, the peer address counts.
    let direct = common::binary::start(&dir.path().join("d.db"), &limit);
    for _ in 0..2 {
        assert_eq!(qr(&direct, "198.51.100.1").await, 200);
    }
    assert_eq!(
        qr(&direct, "198.51.100.2").await,
        429,
        "a made-up header is no new budget"
    );
}

#[tokio::test]
async fn metrics_are_only_on_their_own_listener_and_logs_can_be_json() {
    // Not on the public router.
    let app = sample_app().await;
    assert_eq!(get(&app, "/metrics", &[]).await.status, 404);

    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--metrics-addr",
            "127.0.0.1:0",
            "--log-format",
            "json",
        ])
        .env("MADOGUCHI_DB", dir.path().join("m.db"))
        .env("MADOGUCHI_NO_AUDIO", "true")
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let (mut public, mut metrics) = (None, None);
    let mut lines = Vec::new();
    while public.is_none() || metrics.is_none() {
        let line = rx.recv_timeout(Duration::from_secs(60)).expect("log lines");
        let json: serde_json::Value =
            serde_json::from_str(&line).unwrap_or_else(|_| panic!("not JSON: {line}"));
        let message = json["fields"]["message"].as_str().unwrap_or_default().to_owned();
        if let Some(url) = message.strip_prefix("listening on ") {
            public = Some(url.to_owned());
        }
        if let Some(url) = message.strip_prefix("metrics on ") {
            metrics = Some(url.to_owned());
        }
        lines.push(line);
    }
    // The first admin's one-time password is printed once, as a warning.
    let password_lines: Vec<&String> = lines.iter().filter(|l| l.contains("one-time password")).collect();
    assert_eq!(password_lines.len(), 1, "{lines:?}");
    assert!(password_lines[0].contains("\"level\":\"WARN\""));
    let (public, metrics) = (public.unwrap(), metrics.unwrap());
    let client = reqwest::Client::new();
    for _ in 0..3 {
        client.get(format!("{public}/q/K7Q2")).send().await.unwrap();
    }
    // Made-up methods share one label instead of growing the series.
    for junk in ["BREW", "XYZZY1"] {
        let method = reqwest::Method::from_bytes(junk.as_bytes()).unwrap();
        client.request(method, format!("{public}/")).send().await.unwrap();
    }
    assert_eq!(
        client
            .get(format!("{public}/metrics"))
            .send()
            .await
            .unwrap()
            .status(),
        404
    );
    let text = client.get(&metrics).send().await.unwrap().text().await.unwrap();
    assert!(
        text.lines()
            .any(|l| l.starts_with("madoguchi_http_requests_total{")
                && l.contains(r#"route="/q/{code}""#)
                && l.contains(r#"status="200""#)
                && l.ends_with(" 3")),
        "{text}"
    );
    assert!(!text.contains("BREW") && !text.contains("XYZZY1"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("madoguchi_http_requests_total{") && l.contains(r#"method="other""#)),
        "{text}"
    );
    assert!(
        text.contains("madoguchi_http_request_duration_seconds_bucket"),
        "a latency histogram"
    );
    assert!(text.contains("madoguchi_scans_total 3"), "{text}");
    assert!(
        text.contains(r#"madoguchi_page_cache_total{result="hit"} 2"#),
        "{text}"
    );
    // A request's log line: JSON with its id, path and status.
    std::thread::sleep(Duration::from_millis(200));
    let logged: Vec<String> = rx.try_iter().collect();
    let done = logged
        .iter()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .find(|j| j["span"]["path"] == "/q/K7Q2" && j["fields"]["status"] == 200);
    let done = done.unwrap_or_else(|| panic!("a request log line in {logged:?}"));
    assert_eq!(done["span"]["id"].as_str().unwrap().len(), 36);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn the_configuration_is_logged_at_start_and_secrets_never() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("config.db");
    let server = common::binary::start(
        &db,
        &[
            "--base-url",
            "https://madoguchi.example.jp/city",
            "--metrics-addr",
            "127.0.0.1:0",
            "--qr-per-minute",
            "77",
        ],
    );
    let log = server.log.lock().unwrap().clone();
    let config: Vec<&String> = log.iter().filter(|l| l.contains(" configuration ")).collect();
    assert_eq!(config.len(), 1, "{log:?}");
    let port = server.url.rsplit(':').next().unwrap();
    for expected in [
        format!("addr=127.0.0.1:{port}"),
        format!(
            "db={}",
            common::db_arg(&db).parse::<madoguchi::store::Database>().unwrap()
        ),
        "base_url=\"https://madoguchi.example.jp/city\"".into(),
        "metrics_addr=\"127.0.0.1:".into(),
        "read_only=false".into(),
        "log_format=\"text\"".into(),
        "qr_per_minute=77".into(),
        "samples=true".into(),
        "locales=\"locales\"".into(),
        "session_idle_secs=7200".into(),
        "session_absolute_secs=43200".into(),
        "busy_timeout_ms=5000".into(),
    ] {
        assert!(config[0].contains(&expected), "{expected} in {}", config[0]);
    }
    let languages = config[0].split("languages=\"").nth(1).unwrap();
    assert!(
        languages.starts_with("ja ja-Hira en ") && languages.contains("vi"),
        "{languages}"
    );
    drop(server);

    // A password in the base URL: refused (QR codes are public), and never echoed.
    for (flag, env) in [(true, false), (false, true)] {
        let mut command = Command::new(env!("CARGO_BIN_EXE_madoguchi"));
        command
            .args(["serve", "--addr", "127.0.0.1:0"])
            .env("MADOGUCHI_DB", &db)
            .env("MADOGUCHI_NO_AUDIO", "true");
        let url = "https://city:s3cret-PW@madoguchi.example.jp";
        if flag {
            command.args(["--base-url", url]);
        }
        if env {
            command.env("MADOGUCHI_BASE_URL", url);
        }
        let out = command.output().unwrap();
        assert!(!out.status.success());
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("s3cret-PW"), "{all}");
        let errors: Vec<&str> = all.lines().filter(|l| l.starts_with("error:")).collect();
        assert_eq!(errors.len(), 1, "{all}");
        assert!(
            errors[0].contains("https://city:***@madoguchi.example.jp") && errors[0].contains("password"),
            "{all}"
        );
    }
}
