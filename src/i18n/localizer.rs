//! A locale bound to its fallback chain, for templates to call.

use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};

use super::{Locale, Locales, ruby};

#[derive(Clone, Copy)]
pub struct Localizer<'a> {
    pub locales: &'a Locales,
    pub locale: &'a Locale,
}

impl<'a> Localizer<'a> {
    pub fn new(locales: &'a Locales, locale: &'a Locale) -> Self {
        Localizer { locales, locale }
    }

    /// The message `id` as plain text: furigana readings dropped, for
    /// titles, attributes and other places that cannot show ruby.
    pub fn t(&self, id: &str) -> String {
        ruby::strip(&self.raw(id)).into_owned()
    }

    /// The message `id` with one variable, as plain text.
    pub fn t1(&self, id: &str, name: &str, value: &str) -> String {
        ruby::strip(&self.raw1(id, name, value)).into_owned()
    }

    /// The message `id` with one number, as plain text. The number reaches
    /// Fluent as a number, so `{ $n -> [one] … *[other] … }` picks the
    /// language's plural form (a string would always take the default).
    pub fn tn(&self, id: &str, name: &str, n: impl Into<FluentNumber>) -> String {
        ruby::strip(&self.rawn(id, name, n)).into_owned()
    }

    /// The message `id` as written, furigana notation (`漢字《かんじ》`) included.
    pub fn raw(&self, id: &str) -> String {
        self.locales.format(self.locale, id, None)
    }

    /// The message `id` with one variable, furigana notation included.
    pub fn raw1(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), value.to_owned());
        self.locales.format(self.locale, id, Some(&args))
    }

    /// The message `id` with one number, furigana notation included.
    pub fn rawn(&self, id: &str, name: &str, n: impl Into<FluentNumber>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::Number(n.into()));
        self.locales.format(self.locale, id, Some(&args))
    }

    pub fn tag(&self) -> String {
        self.locale.tag.to_string()
    }
}
