//! A category's slug: the stable key procedures, the JSON format and the
//! API refer to, while its names per language are managed by staff.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CategorySlug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a category must be 1 to 40 of a-z, 0-9 and -")]
pub struct CategorySlugError;

impl CategorySlug {
    /// Strict: exactly `[a-z0-9-]{1,40}`.
    pub fn parse(s: &str) -> Result<Self, CategorySlugError> {
        if super::validate::category_ok(s) {
            Ok(Self(s.to_owned()))
        } else {
            Err(CategorySlugError)
        }
    }

    /// What a person typed: trimmed, lower-cased, spaces and `_` made `-`.
    pub fn parse_lenient(s: &str) -> Result<Self, CategorySlugError> {
        let s: String = s
            .trim()
            .chars()
            .map(|c| match c {
                ' ' | '_' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect();
        Self::parse(&s)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for CategorySlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict() {
        assert_eq!(CategorySlug::parse("tax").unwrap().as_str(), "tax");
        assert!(CategorySlug::parse("child-care-2").is_ok());
        assert!(CategorySlug::parse("").is_err());
        assert!(CategorySlug::parse("Tax").is_err());
        assert!(CategorySlug::parse("税金").is_err());
        assert!(CategorySlug::parse(&"a".repeat(41)).is_err());
        assert!(CategorySlug::parse(&"a".repeat(40)).is_ok());
    }

    #[test]
    fn lenient() {
        assert_eq!(
            CategorySlug::parse_lenient(" Child Care ").unwrap().as_str(),
            "child-care"
        );
        assert_eq!(
            CategorySlug::parse_lenient("my_number").unwrap().as_str(),
            "my-number"
        );
        assert!(CategorySlug::parse_lenient("子育て").is_err());
    }
}
