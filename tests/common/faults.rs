//! Shared by the fault tests: a database file prepared with the samples,
//! a signed-in admin and an API token; an app over any store.
#![allow(dead_code)]

use std::path::Path;

use axum::Router;
use madoguchi::domain::{BaseUrl, Role};
use madoguchi::i18n::Locales;
use madoguchi::store::Store;
use madoguchi::{AppState, app};

use super::BASE;
use super::staff::{Client, PASSWORD, add_user};

pub fn app_on(store: &Store) -> Router {
    let (locales, _) = Locales::embedded();
    app(AppState::new(
        store.clone(),
        locales,
        BaseUrl::parse(BASE).unwrap(),
    ))
}

/// A database file with the samples and an admin; the admin signed in on
/// an app over it, and an API token.
pub async fn prepared(db: &Path) -> (Store, Client, String) {
    let store = Store::open(db).await.unwrap();
    madoguchi::samples::load_if_empty(&store).await.unwrap();
    add_user(&store, "admin", Role::Admin, &[], false).await;
    let mut c = Client::new(&app_on(&store));
    assert_eq!(c.sign_in("admin", PASSWORD).await.status, 303);
    let r = c
        .submit("/admin/tokens", "/admin/tokens", "name=cms&role=editor&langs=")
        .await;
    let page = r.text();
    let at = page.find("<code>").expect("the new token") + 6;
    let token = page[at..].split('<').next().unwrap().to_owned();
    (store, c, token)
}

pub async fn count(store: &Store, sql: &'static str) -> i64 {
    super::scalar(store, sql).await
}
