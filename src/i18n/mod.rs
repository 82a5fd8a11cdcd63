//! The page's own words: Fluent locales, language negotiation, formatting.
//! Knows nothing of HTTP.

pub mod check;
pub mod dates;
mod locales;
mod localizer;
mod negotiate;
pub mod ruby;
pub mod scaffold;

pub use locales::{EASY_JAPANESE, LoadProblem, Locale, Locales, embedded_reference};
pub use localizer::Localizer;
pub use negotiate::{negotiate, parse_accept_language};
