//! Where a printed QR code was put, marked in the URL it encodes.

use std::fmt;

/// `?source=` in a printed code's URL: the code stays the same, and the
/// scan statistics can later tell posters, letters and counters apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    Poster,
    Letter,
    Counter,
}

impl Source {
    pub const ALL: [Source; 3] = [Source::Poster, Source::Letter, Source::Counter];

    pub fn parse(s: &str) -> Option<Source> {
        Source::ALL
            .into_iter()
            .find(|x| x.as_str().eq_ignore_ascii_case(s.trim()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Source::Poster => "poster",
            Source::Letter => "letter",
            Source::Counter => "counter",
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_three_places_only() {
        assert_eq!(Source::parse("Poster"), Some(Source::Poster));
        assert_eq!(Source::parse("letter"), Some(Source::Letter));
        assert_eq!(Source::parse("counter"), Some(Source::Counter));
        assert_eq!(Source::parse("web"), None);
        assert_eq!(Source::parse(""), None);
    }
}
