//! The page's own words: Fluent locales, language negotiation, formatting.
//! Knows nothing of HTTP.

mod locales;
mod localizer;
mod negotiate;

pub use locales::{LoadProblem, Locale, Locales};
pub use localizer::Localizer;
pub use negotiate::{negotiate, parse_accept_language};
