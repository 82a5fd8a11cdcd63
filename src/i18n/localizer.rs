//! A locale bound to its fallback chain, for templates to call.

use fluent_bundle::types::FluentNumber;
use fluent_bundle::{FluentArgs, FluentValue};

use super::{EASY_JAPANESE, Locale, Locales, ruby};

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

    /// A date (`YYYY-MM-DD`) as this language's readers read it: Easy
    /// Japanese writes it out with furigana (`2025年《ねん》4月《がつ》｜1日《ついたち》`),
    /// since `2025-04-01` is what its readers find hard; the others keep
    /// the ISO form. For `text-updated` (`{ $date }`).
    pub fn date(&self, iso: &str) -> String {
        if self.tag() != EASY_JAPANESE {
            return iso.to_owned();
        }
        easy_japanese_date(iso).unwrap_or_else(|| iso.to_owned())
    }
}

fn easy_japanese_date(iso: &str) -> Option<String> {
    let mut parts = iso.splitn(3, '-');
    let year: u32 = parts.next()?.parse().ok()?;
    let month: u32 = parts.next()?.parse().ok()?;
    let day: u32 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Days with their own reading take it over the whole "14日".
    let reading = match day {
        1 => "ついたち",
        2 => "ふつか",
        3 => "みっか",
        4 => "よっか",
        5 => "いつか",
        6 => "むいか",
        7 => "なのか",
        8 => "ようか",
        9 => "ここのか",
        10 => "とおか",
        14 => "じゅうよっか",
        20 => "はつか",
        24 => "にじゅうよっか",
        _ => "",
    };
    let day = match reading {
        "" => format!("{day}日《にち》"),
        r => format!("｜{day}日《{r}》"),
    };
    Some(format!("{year}年《ねん》{month}月《がつ》{day}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easy_japanese_dates_are_written_out_with_furigana() {
        let date = |iso| easy_japanese_date(iso).unwrap();
        assert_eq!(date("2025-04-01"), "2025年《ねん》4月《がつ》｜1日《ついたち》");
        assert_eq!(
            date("2025-04-14"),
            "2025年《ねん》4月《がつ》｜14日《じゅうよっか》"
        );
        assert_eq!(date("2025-11-15"), "2025年《ねん》11月《がつ》15日《にち》");
        assert_eq!(easy_japanese_date("2025-13-01"), None);
        assert_eq!(
            ruby::strip(&date("2025-04-01")),
            "2025年4月1日",
            "the notation parses"
        );
    }
}
