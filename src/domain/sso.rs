//! Single sign-on settings of one site (a tenant or the home site): the
//! OpenID Provider, and which of its groups give which role here.

use std::fmt;

use super::{LangTag, Role, parse_lang_list};

/// One rule: members of `group` get `role` (translators: for `langs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupRule {
    pub group: String,
    pub role: Role,
    pub langs: Vec<LangTag>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "a group rule is GROUP=ROLE or GROUP=translator:LANGS, e.g. city-admins=admin or translators-vi=translator:vi"
)]
pub struct GroupRuleError;

impl GroupRule {
    /// `madoguchi-admins=admin`, `translators-vi=translator:vi,ne`.
    pub fn parse(s: &str) -> Result<GroupRule, GroupRuleError> {
        let (group, rest) = s.split_once('=').ok_or(GroupRuleError)?;
        let group = group.trim();
        if group.is_empty() || group.len() > 200 || group.chars().any(char::is_control) {
            return Err(GroupRuleError);
        }
        let (role, langs) = match rest.split_once(':') {
            Some((role, langs)) => (role, parse_lang_list(langs).map_err(|_| GroupRuleError)?),
            None => (rest, Vec::new()),
        };
        let role: Role = role.trim().parse().map_err(|_| GroupRuleError)?;
        // Languages narrow translators only; a translator needs some.
        if (role == Role::Translator) == langs.is_empty() {
            return Err(GroupRuleError);
        }
        Ok(GroupRule {
            group: group.to_owned(),
            role,
            langs,
        })
    }
}

impl fmt::Display for GroupRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={}", self.group, self.role)?;
        if !self.langs.is_empty() {
            let langs: Vec<String> = self.langs.iter().map(ToString::to_string).collect();
            write!(f, ":{}", langs.join(","))?;
        }
        Ok(())
    }
}

/// The role a member of `groups` gets: the highest any rule gives, with
/// the languages of every translator rule when that is translator.
/// `None`: no rule matches, and the person may not sign in here.
pub fn role_for(rules: &[GroupRule], groups: &[String]) -> Option<(Role, Vec<LangTag>)> {
    let matching: Vec<&GroupRule> = rules.iter().filter(|r| groups.contains(&r.group)).collect();
    let best = [Role::Admin, Role::Editor, Role::Translator]
        .into_iter()
        .find(|role| matching.iter().any(|r| r.role == *role))?;
    let mut langs: Vec<LangTag> = Vec::new();
    if best == Role::Translator {
        for l in matching.iter().flat_map(|r| &r.langs) {
            if !langs.contains(l) {
                langs.push(l.clone());
            }
        }
    }
    Some((best, langs))
}

/// A site's single sign-on: the provider, this service's client there,
/// the group rules, and whether local passwords still sign in.
#[derive(Clone, PartialEq, Eq)]
pub struct SsoConfig {
    /// The issuer, exactly as the provider names itself.
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    pub passwords: bool,
    pub rules: Vec<GroupRule>,
    /// Scopes asked for besides `openid`, e.g. `profile groups`.
    pub scopes: Vec<String>,
    /// The ID token claim holding the groups (`groups`; `roles` with
    /// Entra ID's app roles).
    pub groups_claim: String,
}

/// Never prints the secret.
impl fmt::Debug for SsoConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SsoConfig")
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field("passwords", &self.passwords)
            .field("rules", &self.rules)
            .field("scopes", &self.scopes)
            .field("groups_claim", &self.groups_claim)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rule(s: &str) -> GroupRule {
        GroupRule::parse(s).unwrap()
    }

    #[test]
    fn rules_parse_and_print_back() {
        for s in [
            "city-admins=admin",
            "editors=editor",
            "translators-vi=translator:vi,ne",
            "CN=Staff,OU=X=editor",
        ] {
            let r = GroupRule::parse(s);
            if s.starts_with("CN=") {
                // The first `=` splits: such a group name cannot be written.
                assert!(r.is_err());
                continue;
            }
            assert_eq!(r.unwrap().to_string(), s);
        }
        for bad in [
            "",
            "=admin",
            "x=boss",
            "x=translator",
            "x=admin:vi",
            "x=translator:??",
            "x",
        ] {
            assert!(GroupRule::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn the_highest_role_wins_and_translator_languages_add_up() {
        let rules = [
            rule("admins=admin"),
            rule("editors=editor"),
            rule("tr-vi=translator:vi"),
            rule("tr-en=translator:en,vi"),
        ];
        let g = |gs: &[&str]| gs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let tag = |s: &str| LangTag::parse(s).unwrap();
        assert_eq!(
            role_for(&rules, &g(&["tr-vi", "admins"])),
            Some((Role::Admin, vec![]))
        );
        assert_eq!(
            role_for(&rules, &g(&["tr-vi", "editors"])),
            Some((Role::Editor, vec![]))
        );
        assert_eq!(
            role_for(&rules, &g(&["tr-vi", "tr-en", "other"])),
            Some((Role::Translator, vec![tag("vi"), tag("en")]))
        );
        assert_eq!(role_for(&rules, &g(&["other"])), None);
        assert_eq!(role_for(&rules, &[]), None);
        assert_eq!(role_for(&[], &g(&["admins"])), None);
    }

    #[test]
    fn the_secret_is_never_printed() {
        let c = SsoConfig {
            issuer: "https://id.example.jp".into(),
            client_id: "madoguchi".into(),
            client_secret: "s3cr3t-value".into(),
            passwords: true,
            rules: vec![],
            scopes: vec!["profile".into()],
            groups_claim: "groups".into(),
        };
        assert!(!format!("{c:?}").contains("s3cr3t"));
    }
}
