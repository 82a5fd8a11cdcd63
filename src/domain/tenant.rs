//! Tenants: a municipality (or an office group) sharing one service with
//! others, chosen by the host name a request is addressed to.

use std::fmt;

/// A tenant's key: `[a-z0-9-]{2,32}`, starting with a letter, not ending
/// with `-`. Names its database file or schema, so nothing else may pass.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TenantSlug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a tenant's name must be 2 to 32 of a-z, 0-9 and -, starting with a letter and not ending with -")]
pub struct TenantSlugError;

impl TenantSlug {
    pub fn parse(s: &str) -> Result<Self, TenantSlugError> {
        let ok = (2..=32).contains(&s.len())
            && s.starts_with(|c: char| c.is_ascii_lowercase())
            && !s.ends_with('-')
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if ok {
            Ok(Self(s.to_owned()))
        } else {
            Err(TenantSlugError)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The slug as a PostgreSQL identifier part (`-` is `_`; slugs
    /// cannot hold `_`, so two slugs never give the same name).
    pub fn as_identifier(&self) -> String {
        self.0.replace('-', "_")
    }
}

impl fmt::Display for TenantSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A host name as requests name it: lower case, no port, no trailing dot.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HostName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a host name: letters, digits, - and . (an IPv6 address in [ ])")]
pub struct HostNameError;

impl HostName {
    /// A `Host` header or a URL's authority: `Kumamoto.Example.JP:443` is
    /// `kumamoto.example.jp`. Anything with a user, path or space is refused.
    pub fn parse(s: &str) -> Result<Self, HostNameError> {
        let s = s.trim();
        let host = if let Some(rest) = s.strip_prefix('[') {
            // [::1]:8080
            let end = rest.find(']').ok_or(HostNameError)?;
            let after = &rest[end + 1..];
            if !(after.is_empty() || port_ok(after.strip_prefix(':').ok_or(HostNameError)?)) {
                return Err(HostNameError);
            }
            let ip: std::net::Ipv6Addr = rest[..end].parse().map_err(|_| HostNameError)?;
            return Ok(Self(format!("[{ip}]")));
        } else {
            match s.rsplit_once(':') {
                Some((host, port)) if port_ok(port) => host,
                Some(_) => return Err(HostNameError),
                None => s,
            }
        };
        let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
        let label_ok = |l: &str| {
            (1..=63).contains(&l.len())
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        };
        if host.is_empty() || host.len() > 253 || !host.split('.').all(label_ok) {
            return Err(HostNameError);
        }
        Ok(Self(host))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `localhost` or an IP address: a machine, not a municipality's name.
    pub fn is_machine(&self) -> bool {
        self.0 == "localhost"
            || self.0.ends_with(".localhost")
            || self.0.starts_with('[')
            || self.0.parse::<std::net::Ipv4Addr>().is_ok()
    }
}

fn port_ok(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

impl fmt::Display for HostName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        for good in ["kumamoto", "kita-ku", "k2", "a0-b1"] {
            assert_eq!(TenantSlug::parse(good).unwrap().as_str(), good);
        }
        for bad in [
            "",
            "k",
            "2k",
            "-k",
            "k-",
            "Kumamoto",
            "kita_ku",
            "熊本",
            "a/b",
            "a.b",
            &"a".repeat(33),
        ] {
            assert!(TenantSlug::parse(bad).is_err(), "{bad:?}");
        }
        assert!(TenantSlug::parse(&"a".repeat(32)).is_ok());
        assert_eq!(TenantSlug::parse("kita-ku").unwrap().as_identifier(), "kita_ku");
    }

    #[test]
    fn hosts() {
        let h = |s: &str| HostName::parse(s).map(|h| h.as_str().to_owned());
        assert_eq!(h("Kumamoto.Example.JP").unwrap(), "kumamoto.example.jp");
        assert_eq!(h("kumamoto.example.jp:443").unwrap(), "kumamoto.example.jp");
        assert_eq!(h("kumamoto.example.jp.").unwrap(), "kumamoto.example.jp");
        assert_eq!(h("127.0.0.1:8080").unwrap(), "127.0.0.1");
        assert_eq!(h("localhost").unwrap(), "localhost");
        assert_eq!(h("[::1]:8080").unwrap(), "[::1]");
        assert_eq!(h("[0:0::1]").unwrap(), "[::1]");
        for machine in ["localhost", "a.localhost", "127.0.0.1", "[::1]", "10.0.0.7:80"] {
            assert!(HostName::parse(machine).unwrap().is_machine(), "{machine}");
        }
        assert!(!HostName::parse("kita.example.jp").unwrap().is_machine());
        assert!(!HostName::parse("1.example.jp").unwrap().is_machine());
        for bad in [
            "",
            ":80",
            "a b",
            "a/b",
            "user@host",
            "a..b",
            "-a.jp",
            "a.jp:x",
            "a.jp:",
            "[::1",
            "[zz]",
            "ａ.jp",
        ] {
            assert!(HostName::parse(bad).is_err(), "{bad:?}");
        }
    }
}
