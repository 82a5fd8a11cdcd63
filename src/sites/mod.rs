//! Several municipalities on one service: each tenant is a site of its
//! own — its own database, page cache, scan tally, throttle, site name,
//! public address and languages — chosen by the host name a request is
//! addressed to. Hosts no tenant claims go to the home site (the
//! `--db` database), so an install without tenants is a single city.
//!
//! A tenant's data is in its own database (a SQLite file, or a
//! PostgreSQL schema its connections log in to as its own role), and a site holds the
//! [`Store`](crate::store::Store) of that database only: no handler of one
//! tenant has a way to name another's rows. `make.rs` creates and opens
//! those databases.

mod make;

use std::collections::{HashMap, HashSet};
use std::convert::Infallible;
use std::sync::Arc;

use arc_swap::ArcSwap;
use axum::Router;
use axum::extract::Request;
use axum::response::Response;
use tower::{Service, ServiceExt};

use crate::domain::{HostName, TenantSlug};
use crate::i18n::Locales;
use crate::store::{Database, TenantRecord};
use crate::{AppState, app};

pub use make::{
    NewTenant, TenantChange, TenantCreated, change_tenant, create_tenant, open_tenant, refused_host,
    tenant_database,
};

/// What the home site needs to make tenants: the home database, beside
/// which tenants' databases are made.
#[derive(Debug)]
pub struct Platform {
    pub home_db: Database,
    /// The home site's own host, which no tenant may take.
    pub home_host: Option<HostName>,
}

/// One site: its state and the router made from it.
pub struct Site {
    pub state: AppState,
    pub router: Router,
    /// The tenant's record; `None` for the home site.
    pub record: Option<TenantRecord>,
    /// Its PostgreSQL schema, to tell which site a change notice is for.
    pub schema: Option<String>,
}

impl Site {
    pub fn new(state: AppState, record: Option<TenantRecord>, schema: Option<String>) -> Site {
        Site {
            router: app(state.clone()),
            state,
            record,
            schema,
        }
    }

    /// The same site with other locales (and an empty page cache).
    pub fn with_locales(&self, locales: &Locales) -> Site {
        Site::new(
            self.state.with_locales(locales.only(&[])),
            self.record.clone(),
            self.schema.clone(),
        )
    }
}

/// Every site, and which host reaches which.
pub struct Sites {
    pub home: Arc<Site>,
    pub tenants: Vec<Arc<Site>>,
    by_host: HashMap<HostName, Arc<Site>>,
    /// Hosts of listed tenants not served (their database would not open):
    /// answered 503, never with the home site's data.
    down: HashSet<HostName>,
}

/// Where a request goes.
pub enum Target<'a> {
    Site(&'a Arc<Site>),
    /// A listed tenant not served just now.
    Down,
}

impl Sites {
    pub fn new(home: Site, tenants: Vec<Site>) -> Sites {
        Sites::of(Arc::new(home), tenants.into_iter().map(Arc::new).collect())
    }

    fn of(home: Arc<Site>, tenants: Vec<Arc<Site>>) -> Sites {
        let by_host = tenants
            .iter()
            .flat_map(|t| {
                let hosts = t.record.as_ref().map(|r| r.hosts.clone()).unwrap_or_default();
                hosts.into_iter().map(|h| (h, t.clone()))
            })
            .collect();
        Sites {
            home,
            tenants,
            by_host,
            down: HashSet::new(),
        }
    }

    /// The same sites, with the hosts of `listed` tenants that are not
    /// served marked down.
    pub fn with_listed(mut self, listed: &[TenantRecord]) -> Sites {
        self.down = self.down_for(listed);
        self
    }

    /// The hosts of `listed` tenants these sites do not serve.
    pub fn down_for(&self, listed: &[TenantRecord]) -> HashSet<HostName> {
        listed
            .iter()
            .filter(|r| self.tenant(&r.slug).is_none())
            .flat_map(|r| r.hosts.iter().cloned())
            .collect()
    }

    /// The hosts marked down.
    pub fn down(&self) -> &HashSet<HostName> {
        &self.down
    }

    /// The site a request is for: by the authority of an absolute URI,
    /// else its `Host`; hosts no tenant lists go to the home site.
    pub fn for_request(&self, request: &Request) -> Target<'_> {
        if self.by_host.is_empty() && self.down.is_empty() {
            return Target::Site(&self.home);
        }
        let host = request.uri().authority().map(|a| a.as_str()).or_else(|| {
            request
                .headers()
                .get(axum::http::header::HOST)
                .and_then(|h| h.to_str().ok())
        });
        let Some(host) = host.and_then(|h| HostName::parse(h).ok()) else {
            return Target::Site(&self.home);
        };
        match self.by_host.get(&host) {
            Some(site) => Target::Site(site),
            None if self.down.contains(&host) => Target::Down,
            None => Target::Site(&self.home),
        }
    }

    /// The tenant `slug`'s site.
    pub fn tenant(&self, slug: &TenantSlug) -> Option<&Arc<Site>> {
        self.tenants
            .iter()
            .find(|t| t.record.as_ref().is_some_and(|r| &r.slug == slug))
    }

    /// Every site, the home site first.
    pub fn all(&self) -> impl Iterator<Item = &Arc<Site>> {
        std::iter::once(&self.home).chain(&self.tenants)
    }

    /// The same sites with other locales.
    pub fn with_locales(&self, locales: &Locales) -> Sites {
        let mut sites = Sites::new(
            self.home.with_locales(locales),
            self.tenants.iter().map(|t| t.with_locales(locales)).collect(),
        );
        sites.down = self.down.clone();
        sites
    }

    /// The same sites with `changed` in place of the tenants of the same
    /// slug (the others kept as they are, caches and all).
    pub fn with_changed(&self, changed: &[Arc<Site>]) -> Sites {
        let slug = |s: &Arc<Site>| s.record.as_ref().map(|r| r.slug.clone());
        let tenants = self
            .tenants
            .iter()
            .map(|t| changed.iter().find(|c| slug(c) == slug(t)).unwrap_or(t).clone())
            .collect();
        let mut sites = Sites::of(self.home.clone(), tenants);
        sites.down = self.down.clone();
        sites
    }

    /// The same sites and `added` (sites already here are kept as they
    /// are, caches and all).
    pub fn with_added(&self, added: &[Arc<Site>]) -> Sites {
        let mut tenants = self.tenants.clone();
        tenants.extend(added.iter().cloned());
        let mut sites = Sites::of(self.home.clone(), tenants);
        sites.down = self.down.clone();
        sites.down.retain(|h| !sites.by_host.contains_key(h));
        sites
    }
}

/// What requests go to; replaced when locales or tenants change.
pub type Current = Arc<ArcSwap<Sites>>;

/// What hyper serves: each request goes to its site's router as it is
/// when the request arrives, unless a ready guidance answer takes it first.
pub fn dispatch(
    current: Current,
) -> impl Service<Request, Response = Response, Error = Infallible, Future = impl Send> + Clone + Send {
    tower::service_fn(move |request: Request| {
        let sites = current.load();
        let (ready, router) = match sites.for_request(&request) {
            Target::Site(site) => {
                let ready = crate::web::ready_answer(&site.state, &request);
                let router = ready.is_none().then(|| site.router.clone());
                (ready, router)
            }
            Target::Down => (Some(down()), None),
        };
        async move {
            match (ready, router) {
                (Some(response), _) => Ok(response),
                (None, Some(router)) => router.oneshot(request).await,
                (None, None) => unreachable!("a ready answer or the router"),
            }
        }
    })
}

#[derive(askama::Template)]
#[template(path = "tenant_down.html")]
struct Down;

/// The answer for a listed tenant that is not served just now: in
/// Japanese and English (its languages are in its database), never cached.
fn down() -> Response {
    use askama::Template;
    use axum::http::{HeaderValue, StatusCode, header};
    use axum::response::IntoResponse;
    let html = Down.render().unwrap_or_default();
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, html).into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
    h.insert(
        "content-security-policy",
        HeaderValue::from_static("default-src 'none'"),
    );
    response
}
