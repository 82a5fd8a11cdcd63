//! Headless Chromium through chromedriver, both on loopback ports, for the
//! browser tests (Debian's chromium and chromium-driver).
#![allow(dead_code)]

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::{Value, json};

pub struct Chromedriver {
    child: Child,
    pub url: String,
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn chromedriver() -> Chromedriver {
    let port = free_port();
    let bin = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver runs (Debian: chromium-driver)");
    let started = Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    Chromedriver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

pub struct Browser {
    pub client: Client,
    _profile: tempfile::TempDir,
    _driver: Chromedriver,
}

impl Browser {
    pub async fn start(javascript: bool, extra_args: &[&str]) -> Browser {
        let driver = chromedriver();
        let profile = tempfile::tempdir().unwrap();
        let mut args: Vec<String> = [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--disable-dev-shm-usage",
            "--window-size=1280,900",
        ]
        .iter()
        .map(ToString::to_string)
        .collect();
        args.push(format!("--user-data-dir={}", profile.path().display()));
        args.extend(extra_args.iter().map(ToString::to_string));
        let mut options = json!({ "args": args });
        if let Ok(bin) = std::env::var("CHROMIUM") {
            options["binary"] = json!(bin);
        } else if Path::new("/usr/bin/chromium").exists() {
            options["binary"] = json!("/usr/bin/chromium");
        }
        if !javascript {
            options["prefs"] = json!({ "profile.managed_default_content_settings.javascript": 2 });
        }
        let caps = json!({ "browserName": "chrome", "goog:chromeOptions": options });
        let client = ClientBuilder::rustls()
            .unwrap()
            .capabilities(caps.as_object().unwrap().clone())
            .connect(&driver.url)
            .await
            .expect("a Chromium session");
        Browser {
            client,
            _profile: profile,
            _driver: driver,
        }
    }

    pub async fn run(&self, script: &str) -> Value {
        self.client.execute(script, vec![]).await.expect(script)
    }

    /// A Chrome DevTools Protocol command, through chromedriver.
    pub async fn cdp(&self, cmd: &str, params: Value) -> Value {
        let id = self.client.session_id().await.unwrap().expect("a session");
        let url = format!(
            "{}/session/{id}/goog/cdp/execute",
            self._driver.url.trim_end_matches('/')
        );
        let body = json!({ "cmd": cmd, "params": params }).to_string();
        let reply = reqwest::Client::new()
            .post(url)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("chromedriver answers");
        serde_json::from_slice(&reply.bytes().await.unwrap()).expect("JSON")
    }

    /// Runs `script` until it returns something truthy, for at most 10 s.
    pub async fn wait_for(&self, script: &str) -> Value {
        let started = Instant::now();
        loop {
            let v = self.run(script).await;
            if v.as_bool() == Some(true) || (!v.is_null() && v.as_bool().is_none()) {
                return v;
            }
            assert!(
                started.elapsed() < Duration::from_secs(10),
                "never true: {script}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn close(self) {
        let _ = self.client.close().await;
    }
}

/// axe-core, from `tests/browser/node_modules` (`npm ci` there).
pub fn axe_source() -> String {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/node_modules/axe-core/axe.min.js");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run `npm ci` in tests/browser)", path.display()))
}

pub const AXE_RUN: &str = r#"
const done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
  resultTypes: ['violations']
}).then(function (r) {
  done(r.violations.map(function (v) {
    return v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
      v.nodes.map(function (n) { return n.target.join(' '); }).join(', ');
  }));
}).catch(function (e) { done(['axe failed: ' + e]); });
"#;

pub async fn axe_violations(b: &Browser, axe: &str, url: &str) -> Vec<String> {
    b.client.goto(url).await.unwrap();
    b.client.execute(axe, vec![]).await.expect("axe loads");
    let found = b.client.execute_async(AXE_RUN, vec![]).await.expect("axe runs");
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| format!("{url}: {}", v.as_str().unwrap()))
        .collect()
}
