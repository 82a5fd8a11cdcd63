//! Staff roles and what each may do.

use std::fmt;
use std::str::FromStr;

use super::LangTag;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Everything, including users and API tokens.
    Admin,
    /// Procedures and all their texts.
    Editor,
    /// Only the texts of their assigned languages; no publishing.
    Translator,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("role must be admin, editor or translator")]
pub struct RoleError;

impl Role {
    pub const ALL: [Role; 3] = [Role::Admin, Role::Editor, Role::Translator];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Editor => "editor",
            Role::Translator => "translator",
        }
    }

    pub fn manages_users(self) -> bool {
        self == Role::Admin
    }

    /// Create procedures, edit their Japanese text, publish and archive.
    pub fn edits_procedures(self) -> bool {
        matches!(self, Role::Admin | Role::Editor)
    }

    fn rank(self) -> u8 {
        match self {
            Role::Admin => 2,
            Role::Editor => 1,
            Role::Translator => 0,
        }
    }

    /// What a grant of `self` with `langs` (an API token) may still do when
    /// the person who made it now holds `holder` with `holder_langs`: never
    /// more than either. A token outlives nobody's demotion.
    pub fn narrowed(self, langs: &[LangTag], holder: Role, holder_langs: &[LangTag]) -> (Role, Vec<LangTag>) {
        let role = if self.rank() <= holder.rank() {
            self
        } else {
            holder
        };
        let langs = match (self, holder) {
            (Role::Translator, Role::Translator) => langs
                .iter()
                .filter(|l| holder_langs.contains(l))
                .cloned()
                .collect(),
            (Role::Translator, _) => langs.to_vec(),
            (_, Role::Translator) => holder_langs.to_vec(),
            _ => langs.to_vec(),
        };
        (role, langs)
    }

    /// Bring an archived procedure back (to published or draft): its code
    /// stops answering "this procedure has ended", so admins only, with a
    /// confirmation, audited as `procedure.restore`.
    pub fn restores_archived(self) -> bool {
        self == Role::Admin
    }

    /// Whether this role, with these assigned languages, may edit `lang`'s text.
    pub fn may_edit_text(self, assigned: &[LangTag], lang: &LangTag) -> bool {
        match self {
            Role::Admin | Role::Editor => true,
            Role::Translator => lang.to_string() != "ja" && assigned.contains(lang),
        }
    }
}

impl FromStr for Role {
    type Err = RoleError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL.into_iter().find(|r| r.as_str() == s).ok_or(RoleError)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses `vi,ne , zh-Hant` into tags; an empty string is no languages.
pub fn parse_lang_list(s: &str) -> Result<Vec<LangTag>, super::LangTagError> {
    let mut out: Vec<LangTag> = Vec::new();
    for part in s.split([',', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        let tag = LangTag::parse(part)?;
        if !out.contains(&tag) {
            out.push(tag);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LangTag {
        LangTag::parse(s).unwrap()
    }

    #[test]
    fn parse_roles() {
        for r in Role::ALL {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
        }
        assert_eq!("Admin".parse::<Role>(), Err(RoleError));
        assert_eq!("root".parse::<Role>(), Err(RoleError));
    }

    #[test]
    fn translators_edit_only_their_languages_and_never_the_source() {
        let mine = [tag("vi"), tag("ne")];
        assert!(Role::Translator.may_edit_text(&mine, &tag("vi")));
        assert!(!Role::Translator.may_edit_text(&mine, &tag("ko")));
        assert!(!Role::Translator.may_edit_text(&[tag("ja")], &tag("ja")));
        assert!(Role::Editor.may_edit_text(&[], &tag("ko")));
        assert!(!Role::Translator.edits_procedures());
        assert!(!Role::Editor.manages_users());
    }

    #[test]
    fn a_grant_never_exceeds_its_holder() {
        let (vi, ne) = (tag("vi"), tag("ne"));
        assert_eq!(Role::Admin.narrowed(&[], Role::Admin, &[]), (Role::Admin, vec![]));
        assert_eq!(
            Role::Admin.narrowed(&[], Role::Editor, &[]),
            (Role::Editor, vec![])
        );
        assert_eq!(
            Role::Editor.narrowed(&[], Role::Translator, std::slice::from_ref(&vi)),
            (Role::Translator, vec![vi.clone()])
        );
        assert_eq!(
            Role::Translator.narrowed(
                &[vi.clone(), ne.clone()],
                Role::Translator,
                std::slice::from_ref(&ne)
            ),
            (Role::Translator, vec![ne.clone()])
        );
        assert_eq!(
            Role::Translator.narrowed(std::slice::from_ref(&vi), Role::Admin, &[]),
            (Role::Translator, vec![vi])
        );
    }

    #[test]
    fn lang_lists() {
        let got = parse_lang_list(" vi, ne,,tl vi ").unwrap();
        assert_eq!(got, vec![tag("vi"), tag("ne"), tag("fil")]);
        assert!(parse_lang_list("").unwrap().is_empty());
        assert!(parse_lang_list("vi,<b>").is_err());
    }
}
