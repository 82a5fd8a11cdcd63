//! Who is asking, for the per-client limits (sign-in, QR drawing).
//!
//! The peer address of the connection, except behind a reverse proxy named
//! by `--trusted-proxy`: then every request arrives from the proxy, and the
//! client is the last address in `X-Forwarded-For` (the one the proxy itself
//! appended; anything before it was written by the client and is not
//! trusted). Without this, one visitor's failed sign-ins would slow down
//! every staff member, and the QR budget would be shared by the whole city.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::AppState;

/// The client's IP address as text, or "unknown" when the server did not
/// record the peer (in-process tests).
pub struct ClientAddr(pub String);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let client = client_ip(peer, &parts.headers, state.trusted_proxies());
        Ok(ClientAddr(
            client.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()),
        ))
    }
}

fn client_ip(peer: Option<IpAddr>, headers: &HeaderMap, trusted: &[IpAddr]) -> Option<IpAddr> {
    let peer = peer?.to_canonical();
    if !trusted.contains(&peer) {
        return Some(peer);
    }
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .rfind(|v| !v.is_empty())
        .and_then(|v| {
            // Some proxies add the client's port ("192.0.2.1:5678").
            v.parse::<IpAddr>()
                .or_else(|_| v.parse::<SocketAddr>().map(|s| s.ip()))
                .ok()
        });
    Some(forwarded.map_or(peer, |ip| ip.to_canonical()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    fn forwarded(values: &[&str]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_proxy_names_the_client_and_nobody_else_does() {
        let proxy = [ip("127.0.0.1")];
        let h = forwarded(&["203.0.113.9, 198.51.100.7"]);
        // From the proxy: the address it appended (the last one).
        assert_eq!(
            client_ip(Some(ip("127.0.0.1")), &h, &proxy),
            Some(ip("198.51.100.7"))
        );
        // The same header straight from a client is ignored.
        assert_eq!(
            client_ip(Some(ip("192.0.2.1")), &h, &proxy),
            Some(ip("192.0.2.1"))
        );
        // Without --trusted-proxy, never read.
        assert_eq!(client_ip(Some(ip("127.0.0.1")), &h, &[]), Some(ip("127.0.0.1")));
        // Several header lines count as one list; an IPv4-mapped peer is
        // the same peer.
        let h = forwarded(&["203.0.113.9", "2001:db8::1"]);
        assert_eq!(
            client_ip(Some(ip("::ffff:127.0.0.1")), &h, &proxy),
            Some(ip("2001:db8::1"))
        );
        // With a port.
        for (value, client) in [
            ("192.0.2.7:5678", "192.0.2.7"),
            ("[2001:db8::2]:80", "2001:db8::2"),
        ] {
            assert_eq!(
                client_ip(Some(ip("127.0.0.1")), &forwarded(&[value]), &proxy),
                Some(ip(client))
            );
        }
        // Junk or nothing from the proxy: the proxy itself.
        for junk in [&["not an address"][..], &[" , "], &[]] {
            assert_eq!(
                client_ip(Some(ip("127.0.0.1")), &forwarded(junk), &proxy),
                Some(ip("127.0.0.1")),
                "{junk:?}"
            );
        }
        assert_eq!(client_ip(None, &h, &proxy), None);
    }
}
