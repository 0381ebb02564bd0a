//! Dates, numbers and counted words ("1 view", "2 views") shown to people, formatted by the
//! browser's `Intl` for the widget's locale. Formatters are built once per widget, not per
//! result card, and every `Intl` call is made through bindings that catch exceptions: a bad
//! locale tag must not abort the wasm.

use std::cell::RefCell;
use std::collections::HashMap;

use faq_search_engine::date::parse_ymd;
use wasm_bindgen::prelude::*;

use crate::i18n::{fill, Plurals};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = DateTimeFormat)]
    type IntlDateTimeFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &JsValue) -> Result<IntlDateTimeFormat, JsValue>;

    #[wasm_bindgen(method, js_class = "DateTimeFormat", js_name = format, catch)]
    fn format(this: &IntlDateTimeFormat, date: &js_sys::Date) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl, js_name = NumberFormat)]
    type IntlNumberFormat;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &str) -> Result<IntlNumberFormat, JsValue>;

    #[wasm_bindgen(method, js_class = "NumberFormat", js_name = format, catch)]
    fn format(this: &IntlNumberFormat, value: f64) -> Result<String, JsValue>;
}

const MS_PER_DAY: f64 = 86_400_000.0;

/// The formatters of one widget. Compared by locale so Yew can skip re-creating them.
pub struct Formats {
    locale: String,
    date: Option<IntlDateTimeFormat>,
    number: Option<IntlNumberFormat>,
    plurals: Plurals,
    /// Formatted dates, by `YYYY-MM-DD`: every keystroke re-renders up to a page of cards, and
    /// each `Intl` call crosses into JavaScript; the same few dates come back again and again.
    dates: RefCell<HashMap<String, String>>,
}

/// Past this many cached dates the cache starts over (a corpus spans a few thousand days).
const MAX_CACHED_DATES: usize = 4096;

impl PartialEq for Formats {
    fn eq(&self, other: &Self) -> bool {
        self.locale == other.locale
    }
}

impl Formats {
    /// Formatters for `locale` (a BCP 47 tag such as `"en"` or `"de-CH"`). An invalid tag falls
    /// back to `"en"`; without `Intl` at all, dates stay `YYYY-MM-DD` and numbers get commas.
    pub fn new(locale: &str) -> Formats {
        let locale = if locale.trim().is_empty() {
            "en"
        } else {
            locale.trim()
        };
        let date_options = date_options();
        let date = IntlDateTimeFormat::new(locale, &date_options)
            .or_else(|_| IntlDateTimeFormat::new("en", &date_options))
            .ok();
        let number = IntlNumberFormat::new(locale)
            .or_else(|_| IntlNumberFormat::new("en"))
            .ok();
        Formats {
            locale: locale.to_string(),
            date,
            number,
            plurals: Plurals::new(locale),
            dates: RefCell::new(HashMap::new()),
        }
    }

    /// `"2024-08-08"` → `"Aug 8, 2024"` (in English). The date is a calendar day, so it is
    /// formatted in UTC: every visitor sees the same day whatever their time zone.
    pub fn date(&self, ymd: &str) -> String {
        if let Some(done) = self.dates.borrow().get(ymd) {
            return done.clone();
        }
        let (Some(days), Some(format)) = (parse_ymd(ymd), &self.date) else {
            return ymd.to_string();
        };
        let date = js_sys::Date::new(&JsValue::from_f64(f64::from(days) * MS_PER_DAY));
        let text = format.format(&date).unwrap_or_else(|_| ymd.to_string());
        let mut dates = self.dates.borrow_mut();
        if dates.len() >= MAX_CACHED_DATES {
            dates.clear();
        }
        dates.insert(ymd.to_string(), text.clone());
        text
    }

    /// `31433` → `"31,433"` (in English).
    pub fn number(&self, value: u64) -> String {
        self.number
            .as_ref()
            .and_then(|f| f.format(value as f64).ok())
            .unwrap_or_else(|| group_thousands(value))
    }

    /// `template` among plural forms for `n`, with `{count}` filled in: `"31,433 views"`.
    pub fn count(&self, n: u64, one: &str, few: &str, many: &str, other: &str) -> String {
        let template = self.plurals.pick(n, one, few, many, other);
        fill(template, &[("count", &self.number(n))])
    }
}

fn date_options() -> JsValue {
    let options = js_sys::Object::new();
    for (key, value) in [
        ("year", "numeric"),
        ("month", "short"),
        ("day", "numeric"),
        ("timeZone", "UTC"),
    ] {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    options.into()
}

/// Fallback when `Intl` is missing: `1234567` → `"1,234,567"`.
fn group_thousands(value: u64) -> String {
    let digits = value.to_string();
    let mut groups: Vec<&str> = Vec::new();
    let mut end = digits.len();
    while end > 3 {
        groups.push(&digits[end - 3..end]);
        end -= 3;
    }
    groups.push(&digits[..end]);
    groups.reverse();
    groups.join(",")
}

#[cfg(test)]
mod tests {
    use super::group_thousands;

    #[test]
    fn groups_thousands() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(31_433), "31,433");
        assert_eq!(group_thousands(1_234_567), "1,234,567");
    }
}
