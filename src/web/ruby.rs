//! Furigana as `<ruby>`: text in the `漢字《かんじ》` notation (see
//! `i18n::ruby`) rendered through a template, so base and reading are
//! auto-escaped like any other text.

use askama::Template;

use crate::i18n::ruby::{self, Segment};

#[derive(Template)]
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
    }
}
