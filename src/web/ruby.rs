//! Text that may carry furigana (`漢字《かんじ》`, see `i18n::ruby`) leaves
//! the server one of two ways, and only these:
//!
//! - [`Ruby`] wherever ruby can be shown: page and print bodies (the
//!   guidance page, index, error pages, posters, stands, labels); rendered
//!   through a template, so base and reading are auto-escaped;
//! - [`plain`] wherever it cannot: `<title>`, attributes (`alt`,
//!   `aria-label`, `data-*`, `<meta>`), CSV and other plain-text output.
//!
//! Every surface goes through one of them; `tests/furigana.rs` walks every
//! page and print sheet and finds no notation left.

use askama::Template;

use crate::i18n::ruby::{self, Segment};

#[derive(Clone, Template)]
#[template(path = "ruby.html")]
pub struct Ruby {
    segments: Vec<Segment>,
}

impl Ruby {
    pub fn new(text: &str) -> Ruby {
        Ruby {
            segments: ruby::parse(text),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }
}

/// `text` without readings (`漢字《かんじ》` → `漢字`), for places that
/// cannot show ruby.
pub fn plain(text: &str) -> String {
    ruby::strip(text).into_owned()
}

// Its output is the template's, in which every piece of text is escaped.
impl askama::filters::HtmlSafe for Ruby {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_ruby_and_escapes_everything() {
        let html = Ruby::new("<b>危険《きけん》</b> & 市役所《し<やくしょ》").to_string();
        assert_eq!(
            html,
            "&#60;b&#62;<ruby>危険<rp>(</rp><rt>きけん</rt><rp>)</rp></ruby>&#60;/b&#62; &#38; \
             <ruby>市役所<rp>(</rp><rt>し&#60;やくしょ</rt><rp>)</rp></ruby>"
        );
        assert_eq!(Ruby::new("plain").to_string(), "plain");
        assert!(Ruby::new("").is_empty());
    }

    #[test]
    fn plain_keeps_the_bases_only() {
        assert_eq!(plain("｜ごみ袋《ぶくろ》を　読《よ》む"), "ごみ袋を　読む");
    }
}
