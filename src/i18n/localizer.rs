//! A locale bound to its fallback chain, for templates to call.

use fluent_bundle::FluentArgs;

use super::{Locale, Locales};

#[derive(Clone, Copy)]
pub struct Localizer<'a> {
    pub locales: &'a Locales,
    pub locale: &'a Locale,
}

impl<'a> Localizer<'a> {
    pub fn new(locales: &'a Locales, locale: &'a Locale) -> Self {
        Localizer { locales, locale }
    }

    /// The message `id`.
    pub fn t(&self, id: &str) -> String {
        self.locales.format(self.locale, id, None)
    }

    /// The message `id` with one variable.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.to_owned());
        self.locales.format(self.locale, id, Some(&args))
    }

    pub fn tag(&self) -> String {
        self.locale.tag.to_string()
    }
}
