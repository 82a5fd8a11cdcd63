//! openidconnect's HTTP client over our reqwest (the crate's own is for an
//! older reqwest): never follows redirects (the crate's advice against
//! request forgery), and gives up after 10 seconds.

use std::future::Future;
use std::pin::Pin;

use openidconnect::{AsyncHttpClient, HttpRequest, HttpResponse};

#[derive(Clone)]
pub struct OidcHttp(reqwest::Client);

impl OidcHttp {
    pub fn new() -> anyhow::Result<OidcHttp> {
        Ok(OidcHttp(
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .timeout(std::time::Duration::from_secs(10))
                .build()?,
        ))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OidcHttpError {
    #[error(transparent)]
    Reqwest(#[from] reqwest::Error),
    #[error(transparent)]
    Http(#[from] openidconnect::http::Error),
    #[error("the provider's answer is over 1 MiB")]
    TooLarge,
}

/// The largest answer read from a provider.
const MAX_BODY: usize = 1 << 20;

impl<'c> AsyncHttpClient<'c> for OidcHttp {
    type Error = OidcHttpError;
    type Future = Pin<Box<dyn Future<Output = Result<HttpResponse, OidcHttpError>> + Send + 'c>>;

    fn call(&'c self, request: HttpRequest) -> Self::Future {
        Box::pin(async move {
            let response = self.0.execute(reqwest::Request::try_from(request)?).await?;
            let mut builder = openidconnect::http::Response::builder().status(response.status());
            for (name, value) in response.headers() {
                builder = builder.header(name, value);
            }
            // A provider's answers are small; a huge one is refused before
            // it fills the memory every tenant shares.
            let mut body = Vec::new();
            let mut response = response;
            while let Some(chunk) = response.chunk().await? {
                if body.len() + chunk.len() > MAX_BODY {
                    return Err(OidcHttpError::TooLarge);
                }
                body.extend_from_slice(&chunk);
            }
            Ok(builder.body(body)?)
        })
    }
}
