//! Whose service this is — the city or office name printed on posters so
//! residents see whose page a code opens (`--site-name`), per language.

use super::LangTag;

/// `熊本市`, or per language `ja=熊本市; en=Kumamoto City; vi=Thành phố Kumamoto`.
/// The first name given is the Japanese one unless `ja=` says otherwise.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiteName(Vec<(LangTag, String)>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("--site-name: {0} (write a name, or names per language: ja=熊本市; en=Kumamoto City)")]
pub struct SiteNameError(String);

impl SiteName {
    pub fn parse(s: &str) -> Result<SiteName, SiteNameError> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(SiteName::default());
        }
        let ja = LangTag::parse("ja").expect("ja is a tag");
        if !s.contains('=') {
            return Ok(SiteName(vec![(ja, checked(s)?)]));
        }
        let mut names: Vec<(LangTag, String)> = Vec::new();
        for part in s.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            let (tag, name) = part
                .split_once('=')
                .ok_or_else(|| SiteNameError(format!("{part:?} has no language (ja=…)")))?;
            let tag = LangTag::parse(tag.trim())
                .map_err(|_| SiteNameError(format!("{tag:?} is not a language tag")))?;
            if names.iter().any(|(t, _)| *t == tag) {
                return Err(SiteNameError(format!("{tag} is given twice")));
            }
            names.push((tag, checked(name)?));
        }
        if !names.iter().any(|(t, _)| *t == ja) {
            return Err(SiteNameError("the Japanese name (ja=…) is required".into()));
        }
        Ok(SiteName(names))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The name in `tag`, if one was given for it.
    pub fn get(&self, tag: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(t, _)| t.to_string() == tag)
            .map(|(_, n)| n.as_str())
    }

    /// The Japanese name first, then the others, each once: what a
    /// multilingual poster prints.
    pub fn all(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .0
            .iter()
            .filter(|(t, _)| t.to_string() == "ja")
            .chain(self.0.iter().filter(|(t, _)| t.to_string() != "ja"))
            .map(|(t, n)| (t.to_string(), n.clone()))
            .collect();
        out.dedup_by(|a, b| a.1 == b.1);
        out
    }
}

fn checked(name: &str) -> Result<String, SiteNameError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
        return Err(SiteNameError(format!(
            "{name:?} must be 1 to 80 characters on one line"
        )));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_name_is_japanese_and_names_per_language_need_japanese() {
        let one = SiteName::parse("熊本市").unwrap();
        assert_eq!(one.get("ja"), Some("熊本市"));
        assert_eq!(one.all(), [("ja".to_owned(), "熊本市".to_owned())]);
        let many = SiteName::parse("en=Kumamoto City; ja=熊本市 ;vi=Thành phố Kumamoto").unwrap();
        assert_eq!(many.get("en"), Some("Kumamoto City"));
        let tags: Vec<String> = many.all().into_iter().map(|(t, _)| t).collect();
        assert_eq!(tags, ["ja", "en", "vi"], "Japanese first");
        assert!(SiteName::parse("").unwrap().is_empty());
        assert!(SiteName::parse("en=Kumamoto City").is_err(), "no Japanese");
        assert!(SiteName::parse("ja=熊本市; ja=八代市").is_err());
        assert!(SiteName::parse("xx-=a; ja=b").is_err());
        assert!(SiteName::parse(&"長".repeat(81)).is_err());
    }
}
