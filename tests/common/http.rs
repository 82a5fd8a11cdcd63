//! A browser's worth of HTTP against a real server (the binary started by
//! `binary::start`): cookies kept, redirects not followed.

use std::collections::HashMap;

use super::staff::{csrf_of, enc};

pub struct Http {
    pub base: String,
    pub client: reqwest::Client,
    pub cookies: HashMap<String, String>,
}

impl Http {
    pub fn new(base: &str) -> Http {
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Http::with_client(base, client)
    }

    /// With a client of the test's own (a user agent, say).
    pub fn with_client(base: &str, client: reqwest::Client) -> Http {
        Http {
            base: base.to_owned(),
            client,
            cookies: HashMap::new(),
        }
    }

    /// `request` with the cookies kept so far; `None` when the server is
    /// gone (a test that kills it).
    pub async fn try_send(
        &mut self,
        request: reqwest::RequestBuilder,
    ) -> Option<(u16, HashMap<String, String>, String)> {
        let cookie = self
            .cookies
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("; ");
        let r = request.header("cookie", cookie).send().await.ok()?;
        for v in r.headers().get_all("set-cookie") {
            let c = cookie::Cookie::parse(v.to_str().unwrap().to_owned()).unwrap();
            self.cookies.insert(c.name().to_owned(), c.value().to_owned());
        }
        let status = r.status().as_u16();
        let headers = r
            .headers()
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or_default().to_owned()))
            .collect();
        Some((status, headers, r.text().await.ok()?))
    }

    pub async fn send(&mut self, request: reqwest::RequestBuilder) -> (u16, HashMap<String, String>, String) {
        self.try_send(request).await.expect("the server answers")
    }

    pub async fn get(&mut self, path: &str) -> (u16, String) {
        let request = self.client.get(format!("{}{path}", self.base));
        let (status, _, body) = self.send(request).await;
        (status, body)
    }

    /// Signs in through the form (with its CSRF token); the status and headers.
    pub async fn sign_in(&mut self, name: &str, password: &str) -> (u16, HashMap<String, String>) {
        let csrf = csrf_of(&self.get("/admin/login").await.1);
        let form = format!(
            "csrf={}&name={}&password={}&next=%2Fadmin",
            enc(&csrf),
            enc(name),
            enc(password)
        );
        let request = self
            .client
            .post(format!("{}/admin/login", self.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(form);
        let (status, headers, _) = self.send(request).await;
        (status, headers)
    }
}
