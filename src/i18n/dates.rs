//! Dates as residents read them: the day in Tokyo (where the offices
//! are, whatever the server's clock zone), written the way the page's
//! language writes a date, from CLDR data compiled into the binary
//! (ICU4X). Knows nothing of HTTP.

use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_locale_core::Locale;
use jiff::Timestamp;
use jiff::civil;
use jiff::tz::{Offset, TimeZone};

use super::EASY_JAPANESE;

/// The offices' time zone.
pub const ZONE: &str = "Asia/Tokyo";

/// Tokyo's zone from the system's database; without one, its fixed
/// offset (Japan has kept UTC+9 all year since 1951).
fn tokyo() -> TimeZone {
    TimeZone::get(ZONE).unwrap_or_else(|_| TimeZone::fixed(Offset::constant(9)))
}

/// The calendar day a stored time stamp falls on in Tokyo. Stamps are
/// UTC (`2025-03-31T15:00:00Z`); a bare `2025-04-01` is taken as that day.
pub fn day_in_tokyo(stamp: &str) -> Option<civil::Date> {
    let stamp = stamp.trim();
    if let Ok(t) = stamp.parse::<Timestamp>() {
        return Some(t.to_zoned_datetime(tokyo()).date());
    }
    stamp.parse::<civil::Date>().ok()
}

/// The ICU locale whose dates `tag` reads. Easy Japanese (`ja-Hira`) is
/// not a CLDR locale; it reads ordinary Japanese dates (`2025年4月1日`),
/// so the script subtag that marks it is dropped for `ja`.
fn locale_of(tag: &str) -> Locale {
    let tag = match tag.split_once('-') {
        Some(("ja", _)) => "ja",
        _ => tag,
    };
    Locale::try_from_str(tag).unwrap_or(Locale::UNKNOWN)
}

/// `day` spelled out in the language `tag` (CLDR's long date, Gregorian
/// calendar: the one Japanese offices and residents' papers use).
pub fn long_date(day: civil::Date, tag: &str) -> Option<String> {
    let formatter =
        FixedCalendarDateTimeFormatter::<Gregorian, YMD>::try_new(locale_of(tag).into(), YMD::long()).ok()?;
    let date = Date::try_new_gregorian(i32::from(day.year()), day.month() as u8, day.day() as u8).ok()?;
    Some(formatter.format(&date).to_string())
}

/// The day of the stored time stamp `stamp` in Tokyo, in the language
/// `tag`; the stamp's own date part when it cannot be read. Easy Japanese
/// gets the Japanese date written with furigana notation
/// (`2025年《ねん》4月《がつ》｜1日《ついたち》`), shown as ruby.
pub fn updated_on(stamp: &str, tag: &str) -> String {
    let day = day_in_tokyo(stamp);
    if tag == EASY_JAPANESE
        && let Some(day) = day
    {
        return easy_japanese(day);
    }
    day.and_then(|day| long_date(day, tag))
        .unwrap_or_else(|| stamp.chars().take(10).collect())
}

/// A day in Easy Japanese: the ordinary Japanese date with readings, the
/// days that have their own reading over the whole `14日`.
fn easy_japanese(day: civil::Date) -> String {
    let (year, month, d) = (day.year(), day.month(), day.day());
    let reading = match d {
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
        "" => format!("{d}日《にち》"),
        r => format!("｜{d}日《{r}》"),
    };
    format!("{year}年《ねん》{month}月《がつ》{day}")
}

/// A staff-facing moment: when, in the staff's zone and language
/// (`2026年12月4日 12:24`), and how long ago when that is recent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffTime {
    /// The stored stamp (RFC 3339 UTC), for `<time datetime>`.
    pub stamp: String,
    /// Year, month, day, hour and minute in the zone, as the language writes them.
    pub at: String,
    /// Seconds since then, when under a day (for "3分前").
    pub ago: Option<i64>,
}

/// `stamp` (RFC 3339 UTC) as staff in `zone` read it in `tag`, seen at `now`.
/// An unreadable stamp is shown as stored.
pub fn staff_time(stamp: &str, now: Timestamp, zone: &TimeZone, tag: &str) -> StaffTime {
    let Ok(t) = stamp.trim().parse::<Timestamp>() else {
        return StaffTime {
            stamp: stamp.to_owned(),
            at: stamp.to_owned(),
            ago: None,
        };
    };
    let local = t.to_zoned_datetime(zone.clone()).datetime();
    let at = long_date_time(local, tag).unwrap_or_else(|| local.strftime("%Y-%m-%d %H:%M").to_string());
    let seconds = now.as_second() - t.as_second();
    StaffTime {
        stamp: stamp.to_owned(),
        at,
        ago: (0..86_400).contains(&seconds).then_some(seconds),
    }
}

/// Date and time to the minute, CLDR's long date with the time (24-hour
/// where the language writes it so).
fn long_date_time(dt: civil::DateTime, tag: &str) -> Option<String> {
    let fields = YMDT::long().with_time_precision(TimePrecision::Minute);
    let formatter =
        FixedCalendarDateTimeFormatter::<Gregorian, YMDT>::try_new(locale_of(tag).into(), fields).ok()?;
    let date = Date::try_new_gregorian(i32::from(dt.year()), dt.month() as u8, dt.day() as u8).ok()?;
    let time = Time::try_new(dt.hour() as u8, dt.minute() as u8, 0, 0).ok()?;
    Some(formatter.format(&DateTime { date, time }).to_string())
}

/// The staff's time zone by IANA name (`Asia/Tokyo`), from the system's
/// database; Tokyo's fixed offset when that is all there is.
pub fn zone(name: &str) -> Result<TimeZone, String> {
    match TimeZone::get(name) {
        Ok(z) => Ok(z),
        Err(_) if name == ZONE => Ok(tokyo()),
        Err(e) => Err(format!("unknown time zone {name:?}: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Just after midnight in Tokyo on 1 April 2025, still 31 March in UTC.
    const STAMP: &str = "2025-03-31T15:30:00Z";

    #[test]
    fn the_day_is_the_day_in_tokyo() {
        assert_eq!(day_in_tokyo(STAMP), Some(civil::date(2025, 4, 1)));
        assert_eq!(
            day_in_tokyo("2025-03-31T14:59:59Z"),
            Some(civil::date(2025, 3, 31))
        );
        assert_eq!(day_in_tokyo("2025-04-01"), Some(civil::date(2025, 4, 1)));
        assert_eq!(day_in_tokyo("yesterday"), None);
    }

    #[test]
    fn each_language_writes_the_date_its_own_way() {
        let expected = [
            ("en", "April 1, 2025"),
            ("ja", "2025年4月1日"),
            ("ja-Hira", "2025年《ねん》4月《がつ》｜1日《ついたち》"),
            ("vi", "1 tháng 4 2025"),
            ("zh-Hant", "2025年4月1日"),
            ("zh-Hans", "2025年4月1日"),
            ("ko", "2025년 4월 1일"),
            ("ne", "२०२५ अप्रिल १"),
            // Thai dates are Buddhist by default: the Gregorian year says so.
            ("th", "1 เมษายน ค.ศ. 2025"),
            ("my", "၂၀၂၅ ဧပြီ ၁"),
            ("fil", "Abril 1, 2025"),
            ("id", "1 April 2025"),
            ("es", "1 de abril de 2025"),
            ("pt-BR", "1 de abril de 2025"),
        ];
        let shown: Vec<(&str, String)> = expected
            .iter()
            .map(|(tag, _)| (*tag, updated_on(STAMP, tag)))
            .collect();
        let expected: Vec<(&str, String)> = expected.iter().map(|(t, d)| (*t, d.to_string())).collect();
        assert_eq!(shown, expected);
    }

    #[test]
    fn easy_japanese_reads_the_days_with_their_own_readings() {
        let day = |d| easy_japanese(civil::date(2025, 4, d));
        assert_eq!(day(14), "2025年《ねん》4月《がつ》｜14日《じゅうよっか》");
        assert_eq!(day(15), "2025年《ねん》4月《がつ》15日《にち》");
        assert_eq!(
            crate::i18n::ruby::strip(&day(1)),
            "2025年4月1日",
            "the notation parses"
        );
    }

    #[test]
    fn staff_times_are_local_to_the_minute_with_how_long_ago() {
        let now: Timestamp = "2026-12-04T03:27:52Z".parse().unwrap();
        let tokyo = zone("Asia/Tokyo").unwrap();
        let t = staff_time("2026-12-04T03:24:52Z", now, &tokyo, "ja");
        assert_eq!(t.at, "2026年12月4日 12:24");
        assert_eq!(t.ago, Some(180));
        let en = staff_time("2026-12-04T03:24:52Z", now, &tokyo, "en");
        assert!(
            en.at.starts_with("December 4, 2026") && en.at.contains("12:24"),
            "{}",
            en.at
        );
        // A day or more ago, or in the future: no "ago".
        assert_eq!(staff_time("2026-12-03T03:27:52Z", now, &tokyo, "ja").ago, None);
        assert_eq!(staff_time("2026-12-05T00:00:00Z", now, &tokyo, "ja").ago, None);
        // Another zone, configured.
        let utc = zone("UTC").unwrap();
        assert_eq!(
            staff_time("2026-12-04T03:24:52Z", now, &utc, "ja").at,
            "2026年12月4日 3:24"
        );
        assert!(zone("Mars/Olympus").is_err());
        assert_eq!(staff_time("garbage", now, &tokyo, "ja").at, "garbage");
    }

    #[test]
    fn an_unreadable_stamp_keeps_its_date_part() {
        assert_eq!(updated_on("2025-13-45T00:00:00Z", "en"), "2025-13-45");
    }

    #[test]
    fn an_unknown_language_still_gets_a_date() {
        let shown = updated_on(STAMP, "xx");
        assert!(shown.contains("2025"), "{shown}");
    }
}
