//! Scratch relying party (research for issue 16 item 4; not part of the
//! crate): openidconnect 4.1 over reqwest 0.13, driven against
//! `docs/plans/sso/provider.mjs`. As `src/main.rs` of a scratch crate with
//! openidconnect 4.1 (default-features = false), reqwest 0.13 (rustls),
//! tokio, serde, serde_json, anyhow, url and thiserror:
//! `cargo run -- http://127.0.0.1:4000`.
use std::collections::HashMap;
use std::str::FromStr;
use std::future::Future;
use std::pin::Pin;

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType, CoreGenderClaim,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm,
    CoreRevocableToken, CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AsyncHttpClient, AuthorizationCode, Client, ClientId, ClientSecret,
    ClaimsVerificationError, CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet,
    EndpointSet, HttpRequest, HttpResponse, IdTokenFields, IssuerUrl, LogoutRequest, Nonce,
    PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl, ProviderMetadataWithLogout,
    RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse, TokenResponse,
};
use serde::{Deserialize, Serialize};

// ---- custom async HTTP client over reqwest 0.13 (openidconnect's own impl is for reqwest 0.12)
#[derive(Clone)]
pub struct OidcHttp(reqwest::Client);

impl OidcHttp {
    pub fn new() -> reqwest::Result<Self> {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none()) // SSRF: never follow redirects
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .map(Self)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum OidcHttpError {
    #[error(transparent)]
    Reqwest(#[from] reqwest::Error),
    #[error(transparent)]
    Http(#[from] openidconnect::http::Error),
}

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
            Ok(builder.body(response.bytes().await?.to_vec())?)
        })
    }
}

// ---- the `groups` claim
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GroupClaims {
    #[serde(default)]
    pub groups: Vec<String>,
}
impl AdditionalClaims for GroupClaims {}

type GroupIdTokenFields = IdTokenFields<
    GroupClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type GroupTokenResponse = StandardTokenResponse<GroupIdTokenFields, CoreTokenType>;
/// What `from_provider_metadata(..).set_redirect_uri(..)` returns: auth URL set, token and
/// userinfo URLs "maybe set" (from discovery).
pub type OidcClient = Client<
    GroupClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    GroupTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,      // auth
    EndpointNotSet,   // device auth
    EndpointNotSet,   // introspection
    EndpointNotSet,   // revocation
    EndpointMaybeSet, // token
    EndpointMaybeSet, // userinfo
>;

/// Everything the callback needs; strings, so it can be a database row (any node handles the callback).
#[derive(Debug, Clone)]
pub struct PendingLogin {
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

pub struct Tenant {
    pub client: OidcClient,
    pub end_session: Option<openidconnect::EndSessionUrl>,
    pub issuer: IssuerUrl,
}

pub async fn discover(http: &OidcHttp, issuer: &str, id: &str, secret: &str, redirect: &str) -> anyhow::Result<Tenant> {
    let issuer = IssuerUrl::new(issuer.to_owned())?;
    // ProviderMetadataWithLogout = CoreProviderMetadata + end_session_endpoint.
    let meta = ProviderMetadataWithLogout::discover_async(issuer.clone(), http).await?;
    let end_session = meta.additional_metadata().end_session_endpoint.clone();
    let client = OidcClient::from_provider_metadata(
        meta,
        ClientId::new(id.to_owned()),
        Some(ClientSecret::new(secret.to_owned())),
    )
    .set_redirect_uri(RedirectUrl::new(redirect.to_owned())?);
    Ok(Tenant { client, end_session, issuer })
}

pub fn start(client: &OidcClient) -> (url::Url, PendingLogin) {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let (url, state, nonce) = client
        .authorize_url(CoreAuthenticationFlow::AuthorizationCode, CsrfToken::new_random, Nonce::new_random)
        .add_scope(Scope::new("profile".into()))
        .add_scope(Scope::new("groups".into()))
        .set_pkce_challenge(challenge)
        .url();
    let pending = PendingLogin {
        state: state.secret().clone(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    };
    (url, pending)
}

#[derive(Debug)]
pub struct Identity {
    pub subject: String,
    pub username: Option<String>,
    pub groups: Vec<String>,
    pub id_token: String, // kept for id_token_hint at sign-out
}

#[derive(Debug, thiserror::Error)]
pub enum FinishError {
    #[error("token request: {0}")]
    Token(String),
    #[error("no id_token in the token response")]
    NoIdToken,
    #[error("id token refused: {0}")]
    Claims(#[from] ClaimsVerificationError),
}

pub async fn finish(http: &OidcHttp, client: &OidcClient, pending: PendingLogin, code: String) -> Result<Identity, FinishError> {
    let token = client
        .exchange_code(AuthorizationCode::new(code))
        .map_err(|e| FinishError::Token(e.to_string()))? // ConfigurationError: no token endpoint
        .set_pkce_verifier(PkceCodeVerifier::new(pending.pkce_verifier))
        .request_async(http)
        .await
        .map_err(|e| FinishError::Token(format!("{e:?}")))?;
    let id_token = token.id_token().ok_or(FinishError::NoIdToken)?;
    let verifier = client.id_token_verifier(); // iss, aud (client_id), signature (RS256 default), exp
    let claims = id_token.claims(&verifier, &Nonce::new(pending.nonce))?;
    Ok(Identity {
        subject: claims.subject().to_string(),
        username: claims.preferred_username().map(|u| u.to_string()),
        groups: claims.additional_claims().groups.clone(),
        id_token: id_token.to_string(),
    })
}

// ---- test driver: plays the browser against oidc-provider's dev interactions
struct Browser {
    http: reqwest::Client,
    cookies: HashMap<String, String>,
}

impl Browser {
    async fn go(&mut self, method: reqwest::Method, url: &str, form: Option<&[(&str, &str)]>) -> anyhow::Result<reqwest::Response> {
        let mut req = self.http.request(method, url);
        if !self.cookies.is_empty() {
            let c: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            req = req.header(reqwest::header::COOKIE, c.join("; "));
        }
        if let Some(f) = form {
            let body: String = url::form_urlencoded::Serializer::new(String::new()).extend_pairs(f).finish();
            req = req.header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded").body(body);
        }
        let resp = req.send().await?;
        for sc in resp.headers().get_all(reqwest::header::SET_COOKIE) {
            let pair = sc.to_str()?.split(';').next().unwrap_or("");
            if let Some((k, v)) = pair.split_once('=') {
                self.cookies.insert(k.trim().to_owned(), v.to_owned());
            }
        }
        Ok(resp)
    }
}

fn location(base: &str, r: &reqwest::Response) -> anyhow::Result<String> {
    let l = r.headers().get(reqwest::header::LOCATION).ok_or_else(|| anyhow::anyhow!("no Location ({})", r.status()))?;
    Ok(url::Url::parse(base)?.join(l.to_str()?)?.to_string())
}

/// GET /auth -> 303 /interaction/:uid; POST login form -> 303 /auth/:uid; GET -> 303 redirect_uri?code&state&iss
async fn sign_in_at_op(b: &mut Browser, op: &str, auth_url: &str, login: &str) -> anyhow::Result<url::Url> {
    let r = b.go(reqwest::Method::GET, auth_url, None).await?;
    let interaction = location(op, &r)?;
    let r = b.go(reqwest::Method::POST, &interaction, Some(&[("prompt", "login"), ("login", login), ("password", "x")])).await?;
    let resume = location(op, &r)?;
    let r = b.go(reqwest::Method::GET, &resume, None).await?;
    Ok(url::Url::parse(&location(op, &r)?)?)
}

fn param(u: &url::Url, name: &str) -> Option<String> {
    u.query_pairs().find(|(k, _)| k == name).map(|(_, v)| v.into_owned())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let op = std::env::args().nth(1).unwrap_or("http://127.0.0.1:4000".into());
    let http = OidcHttp::new()?;
    let t = discover(&http, &op, "madoguchi", "madoguchi-test-secret", "http://127.0.0.1:3000/admin/oidc/callback").await?;
    let browser_http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;

    // 1. sign in, groups from the ID token
    let mut b = Browser { http: browser_http.clone(), cookies: HashMap::new() };
    let (url, pending) = start(&t.client);
    println!("authorize url: {url}");
    let cb = sign_in_at_op(&mut b, &op, url.as_str(), "tomoko").await?;
    println!("callback: {cb}");
    assert_eq!(param(&cb, "state").as_deref(), Some(pending.state.as_str()));
    assert_eq!(param(&cb, "iss").as_deref(), Some(t.issuer.as_str())); // RFC 9207 mix-up check
    let id = finish(&http, &t.client, pending, param(&cb, "code").unwrap()).await?;
    println!("signed in: sub={} username={:?} groups={:?}", id.subject, id.username, id.groups);

    // 2. sign-out URL (RP-initiated logout)
    let logout = LogoutRequest::from(t.end_session.clone().expect("end_session_endpoint"))
        .set_id_token_hint(&openidconnect::IdToken::<GroupClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>::from_str(&id.id_token)?)
        .set_client_id(ClientId::new("madoguchi".into()))
        .set_post_logout_redirect_uri(PostLogoutRedirectUrl::new("http://127.0.0.1:3000/admin/login".into())?)
        .set_state(CsrfToken::new("lo1".into()))
        .http_get_url();
    println!("logout url: {logout}");

    // 3. wrong nonce: the authorization request carries another nonce than the stored one
    let mut b = Browser { http: browser_http.clone(), cookies: HashMap::new() };
    let (mut url, pending) = start(&t.client);
    let pairs: Vec<(String, String)> = url.query_pairs().map(|(k, v)| { let v = if k == "nonce" { "tampered".to_owned() } else { v.into_owned() }; (k.into_owned(), v) }).collect();
    url.query_pairs_mut().clear().extend_pairs(pairs);
    let cb = sign_in_at_op(&mut b, &op, url.as_str(), "alice").await?;
    match finish(&http, &t.client, pending, param(&cb, "code").unwrap()).await {
        Err(e) => println!("wrong nonce refused: {e} / {:?}", e),
        Ok(i) => anyhow::bail!("wrong nonce accepted: {i:?}"),
    }

    // 4. wrong audience: provider.mjs signs account "wrong-aud"'s ID token for "someone-else"
    let mut b = Browser { http: browser_http.clone(), cookies: HashMap::new() };
    let (url, pending) = start(&t.client);
    let cb = sign_in_at_op(&mut b, &op, url.as_str(), "wrong-aud").await?;
    match finish(&http, &t.client, pending, param(&cb, "code").unwrap()).await {
        Err(e) => println!("wrong audience refused: {e} / {:?}", e),
        Ok(i) => anyhow::bail!("wrong audience accepted: {i:?}"),
    }

    // 5. discovery for an issuer that the metadata does not name
    let other = op.replace("127.0.0.1", "localhost");
    match discover(&http, &other, "madoguchi", "x", "http://127.0.0.1:3000/admin/oidc/callback").await {
        Err(e) => println!("issuer mismatch at discovery refused: {e}"),
        Ok(_) => anyhow::bail!("issuer mismatch accepted"),
    }

    // 6. the same code twice (replayed callback) is refused by the OP
    let mut b = Browser { http: browser_http, cookies: HashMap::new() };
    let (url, pending) = start(&t.client);
    let cb = sign_in_at_op(&mut b, &op, url.as_str(), "alice").await?;
    let code = param(&cb, "code").unwrap();
    finish(&http, &t.client, pending.clone(), code.clone()).await?;
    match finish(&http, &t.client, pending, code).await {
        Err(e) => println!("code replay refused: {e}"),
        Ok(_) => anyhow::bail!("code replay accepted"),
    }
    Ok(())
}
