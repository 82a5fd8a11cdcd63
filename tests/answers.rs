//! A repeat visit is answered from the ready answers (no negotiation, no
//! frame): it must get exactly what the first visit got, and the stored
//! compressed bodies must be the page.

mod common;

use std::io::Read;

use common::ready::REPEAT_VISITS;
use common::{Reply, get, sample_app};

fn without_request_id(reply: &Reply) -> Vec<(String, String)> {
    let mut headers: Vec<(String, String)> = reply
        .headers
        .iter()
        .filter(|(name, _)| *name != "x-request-id")
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    headers.sort();
    headers
}

#[tokio::test]
async fn a_repeat_visit_gets_exactly_what_the_first_got() {
    let app = sample_app().await;
    for (uri, headers) in REPEAT_VISITS {
        let first = get(&app, uri, headers).await;
        let again = get(&app, uri, headers).await;
        assert_eq!(first.status, 200, "{uri} {headers:?}");
        assert_eq!(again.status, first.status, "{uri} {headers:?}");
        assert_eq!(again.body, first.body, "{uri} {headers:?}");
        assert_eq!(
            without_request_id(&again),
            without_request_id(&first),
            "{uri} {headers:?}"
        );
    }
    // The answers are per input: the second case did not get the first's page.
    let vi = get(&app, "/q/K7Q2", &[("accept-language", "vi")]).await;
    let tw = get(&app, "/q/K7Q2", &[("accept-language", "zh-TW")]).await;
    assert_eq!(
        (vi.html_lang().as_str(), tw.html_lang().as_str()),
        ("vi", "zh-Hant")
    );
    let fallback = get(&app, "/q/T6ZX", &[("accept-language", "ne")]).await;
    assert_eq!(fallback.header("content-language"), "ne, en");
    let chosen = get(&app, "/q/K7Q2?lang=ko", &[("accept-language", "en")]).await;
    assert!(
        chosen.header("set-cookie").starts_with("lang=ko;"),
        "{:?}",
        chosen.headers
    );
}

#[tokio::test]
async fn an_archived_page_is_answered_again_as_gone() {
    let (app, _store) = common::app_with(Some(&common::import_file(&[common::procedure(
        "PAST1",
        "archived",
        &[("ja", "古い手続き"), ("en", "Old procedure")],
    )])))
    .await;
    for _ in 0..2 {
        let gone = get(&app, "/q/PAST1", &[("accept-language", "en")]).await;
        assert_eq!(gone.status, 410);
        assert!(gone.text().contains("Old procedure"));
    }
}

#[tokio::test]
async fn compressed_answers_are_the_page_in_the_coding_asked_for() {
    let app = sample_app().await;
    let lang = ("accept-language", "vi");
    let plain = get(&app, "/q/K7Q2", &[lang]).await;
    assert_eq!(plain.header("content-encoding"), "");
    let vary = plain
        .headers
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap())
        .collect::<Vec<_>>()
        .join(", ");
    for needed in ["Accept-Encoding", "Accept-Language", "Cookie"] {
        assert!(
            vary.to_lowercase().contains(&needed.to_lowercase()),
            "Vary: {vary}"
        );
    }
    for (accept, coding) in [
        ("gzip, deflate, br", "br"),
        ("gzip", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0, gzip;q=0", ""),
        ("identity", ""),
    ] {
        // Twice: the first compresses, the second is served from memory.
        for _ in 0..2 {
            let reply = get(&app, "/q/K7Q2", &[lang, ("accept-encoding", accept)]).await;
            assert_eq!(reply.header("content-encoding"), coding, "{accept}");
            assert_eq!(reply.header("etag"), plain.header("etag"), "{accept}");
            let mut body = Vec::new();
            match coding {
                "br" => brotli::Decompressor::new(&reply.body[..], 4096)
                    .read_to_end(&mut body)
                    .unwrap(),
                "gzip" => flate2::read::GzDecoder::new(&reply.body[..])
                    .read_to_end(&mut body)
                    .unwrap(),
                _ => {
                    body.clone_from(&reply.body);
                    0
                }
            };
            assert_eq!(body, plain.body, "{accept}");
            if !coding.is_empty() {
                assert!(
                    reply.body.len() * 2 < plain.body.len(),
                    "{accept}: {} bytes",
                    reply.body.len()
                );
            }
        }
    }
}

/// A POST that writes nothing (here a stranger's sign-out: 303 to the sign-in
/// page) must not empty the cache, or anyone could keep every page cold and
/// make each visit pay for a render and brotli. A real write still shows at
/// once.
#[tokio::test]
async fn only_a_real_write_empties_the_cache() {
    let (state, app) = common::ready::sample_state().await;
    let store = state.store().clone();
    for lang in ["vi", "ne"] {
        assert_eq!(get(&app, &format!("/q/K7Q2?lang={lang}"), &[]).await.status, 200);
    }
    assert_eq!(state.pages().len(), 2);

    let request = axum::http::Request::post("/admin/logout")
        .body(axum::body::Body::empty())
        .unwrap();
    let r = common::send(&app, request).await;
    assert_eq!(r.status, 303, "a stranger is sent to sign in");
    assert_eq!(get(&app, "/q/K7Q2?lang=vi", &[]).await.status, 200);
    assert_eq!(state.pages().len(), 2, "nothing was written: both pages stay");

    // A staff edit through this server shows on the very next request,
    // without waiting for the periodic check.
    common::staff::add_user(&store, "editor", madoguchi::domain::Role::Editor, &[], false).await;
    let mut staff = common::staff::Client::new(&app);
    staff.sign_in("editor", common::staff::PASSWORD).await;
    let code = "K7Q2".parse().unwrap();
    let version = store.procedure(&code).await.unwrap().unwrap();
    let version = version.japanese().unwrap().version;
    let form = format!(
        "base_version={version}&{}",
        common::staff::procedure_form("転入届（新しい題）", "")
    );
    let r = staff
        .submit("/admin/procedures/K7Q2", "/admin/procedures/K7Q2", &form)
        .await;
    assert_eq!(r.status, 303, "{}", r.text());
    let page = get(&app, "/q/K7Q2?lang=vi", &[]).await.text();
    assert!(
        page.contains("転入届（新しい題）"),
        "the new Japanese card at once"
    );
    assert_eq!(state.pages().len(), 1, "the old pages went");
}
