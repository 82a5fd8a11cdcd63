//! The floor of madoguchi's HTTP stack, for `bench/run.sh`: bare hyper on
//! the same multi-threaded tokio runtime, answering every request with the
//! same bytes and headers a ready guidance page has, chosen by
//! `Accept-Encoding` as madoguchi chooses. No router, no layers, no cache.
//!
//! `cargo run --release --example hyper_floor -- ADDR PAGE` serves `PAGE`,
//! `PAGE.gz` and `PAGE.br` (files fetched from madoguchi) on `ADDR`.

use std::convert::Infallible;
use std::sync::Arc;

use http_body_util::Full;
use hyper::body::Bytes;
use hyper::header::{ACCEPT_ENCODING, CONTENT_ENCODING, HeaderValue};
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(addr), Some(page)) = (args.next(), args.next()) else {
        eprintln!("usage: hyper_floor ADDR PAGE");
        std::process::exit(2);
    };
    let read = |suffix: &str| std::fs::read(format!("{page}{suffix}")).map(Bytes::from);
    let bodies = Arc::new((read("")?, read(".gz")?, read(".br")?));
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("listening on http://{}", listener.local_addr()?);
    loop {
        let (stream, _) = listener.accept().await?;
        let _ = stream.set_nodelay(true);
        let bodies = bodies.clone();
        tokio::spawn(async move {
            let service = service_fn(move |request: Request<hyper::body::Incoming>| {
                let accepts = request
                    .headers()
                    .get(ACCEPT_ENCODING)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or("");
                let (body, coding) = if accepts.contains("br") {
                    (bodies.2.clone(), Some("br"))
                } else if accepts.contains("gzip") {
                    (bodies.1.clone(), Some("gzip"))
                } else {
                    (bodies.0.clone(), None)
                };
                let mut response = Response::new(Full::new(body));
                let h = response.headers_mut();
                for (name, value) in [
                    ("content-type", "text/html; charset=utf-8"),
                    ("vary", "Accept-Language, Cookie, Accept-Encoding"),
                    ("cache-control", "no-cache"),
                    ("content-language", "vi"),
                    ("etag", "W/\"CVplZp0fr2AKnShooOc5aQ\""),
                    ("x-content-type-options", "nosniff"),
                    ("referrer-policy", "no-referrer"),
                ] {
                    h.insert(name, HeaderValue::from_static(value));
                }
                if let Some(c) = coding {
                    h.insert(CONTENT_ENCODING, HeaderValue::from_static(c));
                }
                async move { Ok::<_, Infallible>(response) }
            });
            let _ = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
        });
    }
}
