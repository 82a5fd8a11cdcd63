//! Staff accounts and who did something.

use super::{LangTag, Role};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub role: Role,
    /// For translators: the languages they may edit.
    pub langs: Vec<LangTag>,
    pub disabled: bool,
    pub must_change_password: bool,
    pub created_at: String,
}

impl User {
    pub fn may_edit_text(&self, lang: &LangTag) -> bool {
        self.role.may_edit_text(&self.langs, lang)
    }
}

/// A user name: 1–40 letters, digits, `.`, `_`, `-` (case-insensitive unique).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserName(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a user name has 1 to 40 of a-z, 0-9, '.', '_' and '-'")]
pub struct UserNameError;

impl UserName {
    pub fn parse(s: &str) -> Result<Self, UserNameError> {
        let s = s.trim();
        if s.is_empty()
            || s.len() > 40
            || !s
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        {
            return Err(UserNameError);
        }
        Ok(UserName(s.to_ascii_lowercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who made a change, as written in the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(pub String);

impl Actor {
    pub fn user(u: &User) -> Actor {
        Actor(u.name.clone())
    }
    pub fn token(name: &str) -> Actor {
        Actor(format!("token:{name}"))
    }
    pub fn system(what: &str) -> Actor {
        Actor(format!("system:{what}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names() {
        assert_eq!(UserName::parse(" Tanaka.T ").unwrap().as_str(), "tanaka.t");
        for bad in ["", "a b", "<script>", "田中", &"x".repeat(41)] {
            assert!(UserName::parse(bad).is_err(), "{bad}");
        }
    }
}
