//! Single sign-on with OpenID Connect (authorization code with PKCE), no
//! HTTP routes of its own (those are `web::admin::sso`): the provider's
//! metadata and keys, found once and kept a while per site; the
//! authorization URL of a new sign-in; the provider's answer checked (the
//! code exchanged with the PKCE verifier, the ID token's signature,
//! issuer, audience, expiry and nonce, by `openidconnect`); the sign-out
//! URL at the provider.

mod http;

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreAuthenticationFlow, CoreErrorResponseType, CoreGenderClaim,
    CoreJsonWebKey, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreRevocableToken,
    CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken, EmptyExtraTokenFields,
    EndSessionUrl, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdToken, IdTokenFields, IssuerUrl,
    LogoutRequest, Nonce, PkceCodeChallenge, PkceCodeVerifier, PostLogoutRedirectUrl,
    ProviderMetadataWithLogout, RedirectUrl, Scope, StandardErrorResponse, StandardTokenResponse,
    TokenResponse,
};
use serde::{Deserialize, Serialize};

pub use http::OidcHttp;

use crate::domain::SsoConfig;

/// How long a provider's metadata and keys are kept before asking again.
const KEEP_METADATA: Duration = Duration::from_secs(10 * 60);

/// The ID token's other claims, among them the groups (under the name the
/// site's settings give: `groups`, `roles` …).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct GroupClaims {
    #[serde(flatten)]
    pub other: serde_json::Map<String, serde_json::Value>,
}

impl AdditionalClaims for GroupClaims {}

impl GroupClaims {
    /// The groups in claim `name`: a list of strings, or one string (as
    /// some providers send a single group); anything else is none.
    pub fn groups(&self, name: &str) -> Vec<String> {
        match self.other.get(name) {
            Some(serde_json::Value::Array(items)) => items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_owned))
                .collect(),
            Some(serde_json::Value::String(one)) => vec![one.clone()],
            _ => Vec::new(),
        }
    }
}

type Fields = IdTokenFields<
    GroupClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type TokenResp = StandardTokenResponse<Fields, CoreTokenType>;
type GroupIdToken =
    IdToken<GroupClaims, CoreGenderClaim, CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm>;

/// A client as discovery makes it: authorization URL set, token and
/// userinfo URLs as the provider's metadata gave them.
type OidcClient = Client<
    GroupClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    TokenResp,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// One provider as this site's client sees it.
pub struct Provider {
    client: OidcClient,
    issuer: IssuerUrl,
    end_session: Option<EndSessionUrl>,
    client_id: String,
    found: Instant,
}

/// What a new sign-in must keep until the provider answers.
pub struct Started {
    pub url: url::Url,
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct Identity {
    /// `issuer sub`: unique across providers.
    pub subject: String,
    pub username: Option<String>,
    pub groups: Vec<String>,
    /// Kept with the session for signing out at the provider.
    pub id_token: String,
}

/// Why an answer was refused (logged; the person sees one message).
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    #[error("the answer names another issuer: {0}")]
    Issuer(String),
    #[error("the token request failed: {0}")]
    Token(String),
    #[error("no ID token in the token response")]
    NoIdToken,
    #[error("the ID token was refused: {0}")]
    Claims(String),
}

/// Providers per site, found by discovery and kept [`KEEP_METADATA`].
pub struct Providers {
    http: OidcHttp,
    found: Mutex<HashMap<(String, String, String), Arc<Provider>>>,
}

impl Providers {
    pub fn new() -> anyhow::Result<Providers> {
        Ok(Providers {
            http: OidcHttp::new()?,
            found: Mutex::default(),
        })
    }

    fn key(cfg: &SsoConfig, redirect: &str) -> (String, String, String) {
        (cfg.issuer.clone(), cfg.client_id.clone(), redirect.to_owned())
    }

    /// The provider of `cfg`, with `redirect` as this site's callback.
    pub async fn get(&self, cfg: &SsoConfig, redirect: &str) -> anyhow::Result<Arc<Provider>> {
        let key = Providers::key(cfg, redirect);
        if let Some(p) = self.found.lock().unwrap_or_else(|p| p.into_inner()).get(&key)
            && p.found.elapsed() < KEEP_METADATA
        {
            return Ok(p.clone());
        }
        let issuer = IssuerUrl::new(cfg.issuer.clone()).context("the issuer URL")?;
        // Checks that the metadata names this very issuer.
        let meta = ProviderMetadataWithLogout::discover_async(issuer.clone(), &self.http)
            .await
            .with_context(|| format!("discovering {}", cfg.issuer))?;
        // Secrets and tokens cross these: https, as the issuer is (plain
        // http only for a provider on this machine, as in tests).
        let loopback = on_this_machine(&cfg.issuer);
        let endpoints = [
            Some(meta.authorization_endpoint().url().clone()),
            meta.token_endpoint().map(|u| u.url().clone()),
            Some(meta.jwks_uri().url().clone()),
            meta.additional_metadata()
                .end_session_endpoint
                .as_ref()
                .map(|u| u.url().clone()),
        ];
        if let Some(plain) = endpoints
            .iter()
            .flatten()
            .find(|u| u.scheme() != "https" && !loopback)
        {
            anyhow::bail!("{} names an endpoint that is not https: {plain}", cfg.issuer);
        }
        let end_session = meta.additional_metadata().end_session_endpoint.clone();
        let client = OidcClient::from_provider_metadata(
            meta,
            ClientId::new(cfg.client_id.clone()),
            Some(ClientSecret::new(cfg.client_secret.clone())),
        )
        .set_redirect_uri(RedirectUrl::new(redirect.to_owned()).context("the callback URL")?);
        let provider = Arc::new(Provider {
            client,
            issuer,
            end_session,
            client_id: cfg.client_id.clone(),
            found: Instant::now(),
        });
        self.found
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key, provider.clone());
        Ok(provider)
    }

    /// Forgets `cfg`'s provider (its keys may have rotated).
    pub fn forget(&self, cfg: &SsoConfig, redirect: &str) {
        self.found
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&Providers::key(cfg, redirect));
    }

    /// A new sign-in asking for `scopes` (besides `openid`): the URL to
    /// send the browser to, and what to keep.
    pub fn start(&self, p: &Provider, scopes: &[String]) -> Started {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = p
            .client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scopes(scopes.iter().map(|s| Scope::new(s.clone())))
            .set_pkce_challenge(challenge)
            .url();
        Started {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            verifier: verifier.secret().clone(),
        }
    }

    /// Checks the provider's answer to a sign-in started with `nonce` and
    /// `verifier`: `iss` (when sent, RFC 9207) must be the issuer; the
    /// code is exchanged; the ID token's signature, issuer, audience,
    /// expiry and nonce are verified.
    pub async fn finish(
        &self,
        p: &Provider,
        code: &str,
        iss: Option<&str>,
        nonce: &str,
        verifier: &str,
        groups_claim: &str,
    ) -> Result<Identity, Refused> {
        if let Some(iss) = iss
            && iss != p.issuer.as_str()
        {
            return Err(Refused::Issuer(iss.to_owned()));
        }
        let token = p
            .client
            .exchange_code(AuthorizationCode::new(code.to_owned()))
            .map_err(|e| Refused::Token(e.to_string()))?
            .set_pkce_verifier(PkceCodeVerifier::new(verifier.to_owned()))
            .request_async(&self.http)
            .await
            .map_err(|e| Refused::Token(chain(&e)))?;
        let id_token = token.id_token().ok_or(Refused::NoIdToken)?;
        // Signed with the provider's keys only: an HMAC signature would be
        // made with the client secret, which more people hold than the
        // provider's private key (and some providers offer it).
        let verifier = p.client.id_token_verifier().set_allowed_algs([
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha384,
            CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha512,
            CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            CoreJwsSigningAlgorithm::RsaSsaPssSha384,
            CoreJwsSigningAlgorithm::RsaSsaPssSha512,
            CoreJwsSigningAlgorithm::EcdsaP256Sha256,
            CoreJwsSigningAlgorithm::EcdsaP384Sha384,
            CoreJwsSigningAlgorithm::EdDsa,
        ]);
        let claims = id_token
            .claims(&verifier, &Nonce::new(nonce.to_owned()))
            .map_err(|e| Refused::Claims(e.to_string()))?;
        Ok(Identity {
            subject: format!("{} {}", p.issuer.as_str(), claims.subject().as_str()),
            username: claims.preferred_username().map(|u| u.to_string()),
            groups: claims.additional_claims().groups(groups_claim),
            id_token: id_token.to_string(),
        })
    }

    /// Where to send the browser to sign out at the provider too, coming
    /// back to `back`; `None` when the provider offers no such thing.
    pub fn logout_url(&self, p: &Provider, id_token: &str, back: &str) -> Option<url::Url> {
        let end = p.end_session.clone()?;
        let hint = GroupIdToken::from_str(id_token).ok()?;
        Some(
            LogoutRequest::from(end)
                .set_id_token_hint(&hint)
                .set_client_id(ClientId::new(p.client_id.clone()))
                .set_post_logout_redirect_uri(PostLogoutRedirectUrl::new(back.to_owned()).ok()?)
                .http_get_url(),
        )
    }
}

/// Whether `url` names this machine (`localhost`, a loopback address):
/// the one place plain http may carry the provider's secrets (tests).
pub fn on_this_machine(url: &str) -> bool {
    match url::Url::parse(url).ok().as_ref().and_then(url::Url::host) {
        Some(url::Host::Domain(d)) => d == "localhost",
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// An error with its causes, for the log (the token request's own words
/// are only "Request failed").
fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        out.push_str(": ");
        out.push_str(&s.to_string());
        source = s.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{GroupClaims, on_this_machine};

    #[test]
    fn only_loopback_issuers_are_on_this_machine() {
        for url in [
            "http://localhost:4000",
            "http://127.0.0.1:4000/x",
            "http://[::1]:8080",
        ] {
            assert!(on_this_machine(url), "{url}");
        }
        for url in [
            "https://login.example.jp",
            "http://10.0.0.1",
            "http://localhost.example.jp",
            "nonsense",
        ] {
            assert!(!on_this_machine(url), "{url}");
        }
    }

    #[test]
    fn groups_come_as_a_list_or_one_string_under_the_configured_claim() {
        let claims: GroupClaims =
            serde_json::from_str(r#"{"groups":["a","b",3],"roles":"Admin","nested":{"x":1}}"#).unwrap();
        assert_eq!(claims.groups("groups"), ["a", "b"]);
        assert_eq!(claims.groups("roles"), ["Admin"]);
        assert!(claims.groups("nested").is_empty());
        assert!(claims.groups("missing").is_empty());
    }
}
