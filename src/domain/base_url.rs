//! The public address the service is reached at, as printed in QR codes.

use std::fmt;

use super::{Code, Source};

/// An absolute http(s) URL with no query or fragment, kept without a
/// trailing slash so paths can be appended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

/// Why codes printed with a base URL would not work on residents' phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PrintRisk {
    /// `localhost`, `127.0.0.1`, `::1`: this machine only.
    Loopback,
    /// A private or link-local address (10.x, 192.168.x, fc00::/7 …) or a
    /// single-label or `.local` name: the office network only.
    Private,
    /// `http://`: phones warn, and some refuse.
    NotHttps,
}

impl PrintRisk {
    /// The message id (`print-risk-…`) that explains it.
    pub fn message(self) -> &'static str {
        match self {
            PrintRisk::Loopback => "print-risk-loopback",
            PrintRisk::Private => "print-risk-private",
            PrintRisk::NotHttps => "print-risk-http",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "the base URL must be an absolute http:// or https:// address without user name, password, query or fragment \
     (it is printed in public QR codes): {0}"
)]
pub struct BaseUrlError(String);

impl BaseUrl {
    pub fn parse(s: &str) -> Result<Self, BaseUrlError> {
        // The refused text is shown: never with its password.
        let err = || BaseUrlError(redact_url(s));
        let url = url::Url::parse(s).map_err(|_| err())?;
        if !matches!(url.scheme(), "http" | "https")
            || url.host_str().is_none()
            || url.query().is_some()
            || url.fragment().is_some()
            || !url.username().is_empty()
            || url.password().is_some()
        {
            return Err(err());
        }
        Ok(BaseUrl(url.as_str().trim_end_matches('/').to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host name phones reach it at (what picks its tenant); an error
    /// for hosts URLs allow and DNS does not (`kita_ku.example.jp`).
    pub fn host(&self) -> Result<super::HostName, super::HostNameError> {
        let url = url::Url::parse(&self.0).map_err(|_| super::HostNameError)?;
        super::HostName::parse(url.host_str().unwrap_or_default())
    }

    pub fn is_https(&self) -> bool {
        self.0.starts_with("https:")
    }

    /// What would keep a printed code from working for a resident, worst
    /// first; empty for a public https address.
    pub fn print_risks(&self) -> Vec<PrintRisk> {
        use std::net::IpAddr;
        let url = url::Url::parse(&self.0).expect("parsed before");
        let mut risks = Vec::new();
        match url.host() {
            Some(url::Host::Ipv4(ip)) => risks.extend(ip_risk(IpAddr::V4(ip))),
            Some(url::Host::Ipv6(ip)) => risks.extend(ip_risk(IpAddr::V6(ip))),
            Some(url::Host::Domain(name)) => {
                let name = name.trim_end_matches('.').to_ascii_lowercase();
                if name == "localhost" || name.ends_with(".localhost") {
                    risks.push(PrintRisk::Loopback);
                } else if !name.contains('.') || name.ends_with(".local") || name.ends_with(".internal") {
                    risks.push(PrintRisk::Private);
                }
            }
            None => {}
        }
        if !self.is_https() {
            risks.push(PrintRisk::NotHttps);
        }
        risks
    }

    /// The guidance page's address, as people read and type it.
    pub fn procedure_url(&self, code: &Code) -> String {
        format!("{}/q/{code}", self.0)
    }

    /// The text inside a QR code for `code`. When the base URL has no path
    /// (scheme and host are case-insensitive, and the routes accept `/Q/`),
    /// it is upper-cased so the QR code can use the denser alphanumeric mode.
    pub fn qr_payload(&self, code: &Code) -> String {
        let has_path = self.0.splitn(4, '/').nth(3).is_some();
        if has_path {
            self.procedure_url(code)
        } else {
            format!("{}/Q/{code}", self.0.to_ascii_uppercase())
        }
    }

    /// [`qr_payload`](Self::qr_payload) with `?source=` telling where the
    /// code was printed. The marker stays lower case: `?` and `=` are not in
    /// QR alphanumeric mode anyway, so it is a short byte-mode segment.
    pub fn qr_payload_from(&self, code: &Code, source: Option<Source>) -> String {
        let mut payload = self.qr_payload(code);
        if let Some(source) = source {
            payload.push_str("?source=");
            payload.push_str(source.as_str());
        }
        payload
    }
}

fn ip_risk(ip: std::net::IpAddr) -> Option<PrintRisk> {
    use std::net::IpAddr;
    let ip = ip.to_canonical();
    if ip.is_loopback() || ip.is_unspecified() {
        return Some(PrintRisk::Loopback);
    }
    let private = match ip {
        IpAddr::V4(v4) => {
            // 100.64.0.0/10 (carrier-grade NAT) is not reachable from phones either.
            let shared = v4.octets()[0] == 100 && v4.octets()[1] & 0xC0 == 64;
            v4.is_private() || v4.is_link_local() || shared
        }
        IpAddr::V6(v6) => v6.is_unique_local() || v6.is_unicast_link_local(),
    };
    private.then_some(PrintRisk::Private)
}

/// `s` with the password of a URL's user information replaced by `***`
/// (`https://user:pass@host` → `https://user:***@host`), for logs and
/// error messages; anything else unchanged. Works on text that is not a
/// valid URL too.
pub fn redact_url(s: &str) -> String {
    let Some(start) = s.find("://").map(|i| i + 3) else {
        return s.to_owned();
    };
    let rest = &s[start..];
    let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
    let Some(at) = authority.rfind('@') else {
        return s.to_owned();
    };
    match authority[..at].find(':') {
        Some(colon) => format!("{}{}:***{}", &s[..start], &rest[..colon], &rest[at..]),
        None => s.to_owned(),
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn print_risks_name_what_phones_cannot_reach() {
        let risks = |s: &str| BaseUrl::parse(s).unwrap().print_risks();
        assert_eq!(risks("https://madoguchi.example.jp"), []);
        assert_eq!(risks("https://203.0.113.9/guide"), []);
        assert_eq!(
            risks("http://127.0.0.1:8080"),
            [PrintRisk::Loopback, PrintRisk::NotHttps]
        );
        assert_eq!(risks("https://localhost"), [PrintRisk::Loopback]);
        assert_eq!(risks("https://[::1]:8443"), [PrintRisk::Loopback]);
        assert_eq!(risks("https://192.168.1.20"), [PrintRisk::Private]);
        assert_eq!(risks("https://10.0.0.5"), [PrintRisk::Private]);
        assert_eq!(risks("https://100.64.1.1"), [PrintRisk::Private]);
        assert_eq!(risks("https://[fd00::1]"), [PrintRisk::Private]);
        assert_eq!(risks("https://intranet"), [PrintRisk::Private]);
        assert_eq!(risks("https://kuyakusho.local"), [PrintRisk::Private]);
        assert_eq!(risks("http://madoguchi.example.jp"), [PrintRisk::NotHttps]);
    }

    fn code() -> Code {
        Code::parse("K7Q2").unwrap()
    }

    #[test]
    fn parses_and_normalises() {
        assert_eq!(
            BaseUrl::parse("https://Example.org/").unwrap().as_str(),
            "https://example.org"
        );
        assert_eq!(
            BaseUrl::parse("http://127.0.0.1:8080").unwrap().as_str(),
            "http://127.0.0.1:8080"
        );
        for bad in [
            "ftp://x",
            "example.org",
            "https://x/?a=1",
            "https://x/#f",
            "https://u:p@x",
            "",
        ] {
            assert!(BaseUrl::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact_url("https://user:pa:ss@host/x"), "https://user:***@host/x");
        assert_eq!(redact_url("http://u:p@h"), "http://u:***@h");
        assert_eq!(redact_url("https://user@host"), "https://user@host");
        assert_eq!(redact_url("https://host/a@b:c"), "https://host/a@b:c");
        assert_eq!(redact_url("not a url"), "not a url");
        let e = BaseUrl::parse("https://city:s3cret@x.example")
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("https://city:***@x.example") && !e.contains("s3cret"),
            "{e}"
        );
    }

    #[test]
    fn qr_payload_is_upper_case_only_without_a_path() {
        let plain = BaseUrl::parse("https://madoguchi.example.jp").unwrap();
        assert_eq!(plain.qr_payload(&code()), "HTTPS://MADOGUCHI.EXAMPLE.JP/Q/K7Q2");
        assert_eq!(
            plain.procedure_url(&code()),
            "https://madoguchi.example.jp/q/K7Q2"
        );
        assert_eq!(
            plain.qr_payload_from(&code(), Some(Source::Letter)),
            "HTTPS://MADOGUCHI.EXAMPLE.JP/Q/K7Q2?source=letter"
        );
        assert_eq!(plain.qr_payload_from(&code(), None), plain.qr_payload(&code()));
        let with_path = BaseUrl::parse("https://city.example.jp/Madoguchi/").unwrap();
        assert_eq!(
            with_path.qr_payload(&code()),
            "https://city.example.jp/Madoguchi/q/K7Q2"
        );
    }
}
