//! The widget's words: every visible or announced string, per language, with plural forms
//! chosen by the browser's `Intl.PluralRules`.
//!
//! A table is a list of `(key, text)` pairs. English is complete and is applied first, so a
//! language that lacks a key shows the English text rather than nothing; a site's own
//! `strings` option is applied last. Keys are the camelCase names a site uses to override a
//! string. Templates name their values in braces: `{count}`, `{query}`, `{category}`, `{date}`,
//! `{suggestion}`, `{heading}`, `{title}`.

use faq_search_engine::locale::best_match;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl, js_name = PluralRules)]
    type IntlPluralRules;

    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "PluralRules", catch)]
    fn new(locale: &str) -> Result<IntlPluralRules, JsValue>;

    #[wasm_bindgen(method, js_class = "PluralRules", js_name = select, catch)]
    fn select(this: &IntlPluralRules, n: f64) -> Result<String, JsValue>;
}

/// Declares [`Strings`] with one field per key, and the key → field mapping used by tables and
/// overrides, so a key can never name a field that does not exist.
macro_rules! strings {
    ($($field:ident = $key:literal,)*) => {
        /// Every string of the widget, in one language.
        #[derive(Debug, Clone, PartialEq, Default)]
        pub struct Strings {
            $(pub $field: String,)*
        }

        impl Strings {
            /// Every key, for the docs test and for reporting unknown override keys.
            pub const KEYS: &'static [&'static str] = &[$($key,)*];

            /// Sets the string called `key`; false when there is no such key.
            pub fn set(&mut self, key: &str, value: &str) -> bool {
                match key {
                    $($key => self.$field = value.to_string(),)*
                    _ => return false,
                }
                true
            }
        }
    };
}

strings! {
    placeholder = "placeholder",
    search_label = "searchLabel",
    close = "close",
    loading = "loading",
    error_title = "errorTitle",
    retry = "retry",
    results_one = "resultsOne",
    results_few = "resultsFew",
    results_many = "resultsMany",
    results_other = "resultsOther",
    most_viewed = "mostViewed",
    newest = "newest",
    no_results = "noResults",
    no_results_in = "noResultsIn",
    no_results_hint = "noResultsHint",
    search_all = "searchAll",
    did_you_mean = "didYouMean",
    popular = "popular",
    partial = "partial",
    show_more = "showMore",
    categories_label = "categoriesLabel",
    all = "all",
    sort_label = "sortLabel",
    sort_relevance = "sortRelevance",
    sort_newest = "sortNewest",
    sort_views = "sortViews",
    published = "published",
    updated = "updated",
    views_one = "viewsOne",
    views_few = "viewsFew",
    views_many = "viewsMany",
    views_other = "viewsOther",
    recent = "recent",
    clear_recent = "clearRecent",
    hint_open = "hintOpen",
    hint_move = "hintMove",
    hint_close = "hintClose",
    sub_result = "subResult",
}

const EN: &[(&str, &str)] = &[
    ("placeholder", "Search the help center"),
    ("searchLabel", "Search the help center"),
    ("close", "Close"),
    ("loading", "Loading search…"),
    ("errorTitle", "Search is unavailable:"),
    ("retry", "Retry"),
    ("resultsOne", "{count} result for “{query}”"),
    ("resultsOther", "{count} results for “{query}”"),
    ("mostViewed", "Most viewed articles"),
    ("newest", "Newest articles"),
    ("noResults", "No results for “{query}”"),
    ("noResultsIn", "No results for “{query}” in {category}"),
    (
        "noResultsHint",
        "Check the spelling, or try fewer or more general words.",
    ),
    ("searchAll", "Search all categories"),
    ("didYouMean", "Did you mean {suggestion}?"),
    ("popular", "Popular articles"),
    (
        "partial",
        "No article contains every word; these are the closest matches.",
    ),
    ("showMore", "Show more results"),
    ("categoriesLabel", "Filter by category"),
    ("all", "All"),
    ("sortLabel", "Sort by"),
    ("sortRelevance", "Relevance"),
    ("sortNewest", "Newest"),
    ("sortViews", "Most viewed"),
    ("published", "Published on {date}"),
    ("updated", "Updated on {date}"),
    ("viewsOne", "{count} view"),
    ("viewsOther", "{count} views"),
    ("recent", "Recent searches"),
    ("clearRecent", "Clear"),
    ("hintOpen", "to open"),
    ("hintMove", "to move"),
    ("hintClose", "to close"),
    ("subResult", "{heading} — in: {title}"),
];

/// The languages with a table, by the tag they are picked with. English is compiled in (above);
/// the others are data, `www/strings/<tag>.json`, which the build copies next to the module as
/// `strings-<tag>.json` and the widget downloads for its language (`strings_file.rs`). With the
/// `builtin-strings` feature (the browser tests) they are compiled in as well.
const TAGS: &[&str] = &["en", "zh-CN", "ja", "ko", "de", "fr", "es", "ru"];

/// A language's table as loaded: `(key, text)` pairs, applied over English.
pub type Table = Vec<(String, String)>;

/// The tables kept as data, as they are in the repository: `(tag, JSON text)`.
#[cfg(any(test, feature = "builtin-strings"))]
pub const FILES: &[(&str, &str)] = &[
    ("zh-CN", include_str!("../www/strings/zh-CN.json")),
    ("ja", include_str!("../www/strings/ja.json")),
    ("ko", include_str!("../www/strings/ko.json")),
    ("de", include_str!("../www/strings/de.json")),
    ("fr", include_str!("../www/strings/fr.json")),
    ("es", include_str!("../www/strings/es.json")),
    ("ru", include_str!("../www/strings/ru.json")),
];

/// The compiled-in table of `tag` (`builtin-strings`); None for English and unknown tags.
#[cfg(any(test, feature = "builtin-strings"))]
pub fn builtin_table(tag: &str) -> Option<Table> {
    let (_, json) = FILES.iter().find(|(t, _)| *t == tag)?;
    parse_table(json).ok()
}

/// A strings file's `{"key": "text", …}` object.
#[cfg(any(test, feature = "builtin-strings"))]
pub fn parse_table(json: &str) -> Result<Table, String> {
    let map: serde_json::Map<String, serde_json::Value> =
        serde_json::from_str(json).map_err(|e| e.to_string())?;
    map.into_iter()
        .map(|(key, value)| match value {
            serde_json::Value::String(text) => Ok((key, text)),
            _ => Err(format!("{key} is not a string")),
        })
        .collect()
}

/// The table tag for a BCP 47 `locale`, by the engine's locale rule
/// (`faq_search_engine::locale`): the same tag, then for Chinese the same script, then the
/// first table of the same language (`de-AT` → `de`, `zh-TW` → `zh-CN`). `None` when no
/// table fits.
pub fn table_tag(locale: &str) -> Option<&'static str> {
    best_match(TAGS, locale).map(|i| TAGS[i])
}

/// The language the widget speaks for `locale`: the locale itself when there is a table for
/// it, English otherwise (for the root's `lang`, so screen readers pronounce it right).
pub fn ui_language(locale: &str) -> String {
    match table_tag(locale) {
        Some(_) => locale.trim().replace('_', "-"),
        None => "en".to_string(),
    }
}

/// The name of the file with `locale`'s table, next to the widget's module: None when the
/// widget speaks English (English is compiled in, and so is every language without a table).
pub fn strings_file(locale: &str) -> Option<String> {
    table_tag(locale)
        .filter(|tag| *tag != "en")
        .map(|tag| format!("strings-{tag}.json"))
}

impl Strings {
    /// English, complete.
    pub fn english() -> Strings {
        let mut strings = Strings::default();
        for (key, value) in EN {
            strings.set(key, value);
        }
        strings
    }

    /// A language's loaded table over English, so a key the table lacks (or names wrongly)
    /// shows the English text.
    pub fn with_table(table: &[(String, String)]) -> Strings {
        let mut strings = Strings::english();
        for (key, value) in table {
            strings.set(key, value);
        }
        strings
    }

    /// The strings for `locale` from the compiled-in tables (falling back to English).
    #[cfg(any(test, feature = "builtin-strings"))]
    pub fn for_locale(locale: &str) -> Strings {
        let table = table_tag(locale)
            .and_then(builtin_table)
            .unwrap_or_default();
        Strings::with_table(&table)
    }

    /// Applies a site's overrides; returns the keys that name no string, for a warning.
    pub fn apply<'a>(
        &mut self,
        overrides: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<String> {
        overrides
            .into_iter()
            .filter(|(key, value)| !self.set(key, value))
            .map(|(key, _)| key.to_string())
            .collect()
    }
}

/// The CLDR plural category of a count in one locale: "one", "few", "many" or "other" (the
/// categories our languages use; "zero" and "two" count as "other").
pub struct Plurals {
    rules: Option<IntlPluralRules>,
}

impl Plurals {
    pub fn new(locale: &str) -> Plurals {
        let rules = IntlPluralRules::new(locale)
            .or_else(|_| IntlPluralRules::new("en"))
            .ok();
        Plurals { rules }
    }

    /// The template for `n` among `one`, `few`, `many` and `other`; an empty form falls back
    /// to `other`. Without `Intl`, English rules.
    pub fn pick<'a>(
        &self,
        n: u64,
        one: &'a str,
        few: &'a str,
        many: &'a str,
        other: &'a str,
    ) -> &'a str {
        let category = match &self.rules {
            Some(rules) => rules
                .select(n as f64)
                .unwrap_or_else(|_| "other".to_string()),
            None if n == 1 => "one".to_string(),
            None => "other".to_string(),
        };
        let form = match category.as_str() {
            "one" => one,
            "few" => few,
            "many" => many,
            _ => other,
        };
        if form.is_empty() {
            other
        } else {
            form
        }
    }
}

/// Fills `{name}` placeholders in `template`. Values are inserted once, so a value that itself
/// contains braces (a query like `{count}`) is never expanded again.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                let name = &after[..close];
                match values.iter().find(|(n, _)| *n == name) {
                    Some((_, value)) => out.push_str(value),
                    None => {
                        out.push('{');
                        out.push_str(name);
                        out.push('}');
                    }
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Splits a template around one placeholder, for putting an element (a button) in its place:
/// `"Did you mean {suggestion}?"` → `("Did you mean ", "?")`. Without the placeholder, the
/// whole template comes first.
pub fn split_at<'a>(template: &'a str, name: &str) -> (&'a str, &'a str) {
    let needle = format!("{{{name}}}");
    match template.find(&needle) {
        Some(at) => (&template[..at], &template[at + needle.len()..]),
        None => (template, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_is_complete() {
        let en = Strings::for_locale("en");
        for key in Strings::KEYS {
            let optional = key.ends_with("Few") || key.ends_with("Many");
            let has = EN.iter().any(|(k, _)| k == key);
            assert!(has || optional, "English lacks {key}");
        }
        assert_eq!(en.placeholder, "Search the help center");
    }

    /// Every strings file parses, is an object of strings with known keys only, covers every
    /// key English has (plural forms a language does not have fall back to "other" on
    /// purpose: `One` for Chinese, Japanese and Korean, `Few`/`Many` for all but Russian), and
    /// keeps English's placeholders.
    #[test]
    fn every_strings_file_is_complete() {
        assert_eq!(
            FILES.len(),
            TAGS.len() - 1,
            "a file for every language but English"
        );
        for tag in TAGS.iter().filter(|t| **t != "en") {
            let (_, json) = FILES
                .iter()
                .find(|(t, _)| t == tag)
                .unwrap_or_else(|| panic!("no strings file for {tag}"));
            let table = parse_table(json).unwrap_or_else(|e| panic!("strings-{tag}.json: {e}"));
            for (key, _) in &table {
                assert!(
                    Strings::KEYS.contains(&key.as_str()),
                    "{tag}: unknown key {key}"
                );
            }
            for (key, _) in EN {
                let optional = key.ends_with("One");
                assert!(
                    optional || table.iter().any(|(k, _)| k == key),
                    "{tag} lacks {key}"
                );
            }
            let placeholders = |text: &str| {
                let mut names: Vec<String> = text
                    .split('{')
                    .skip(1)
                    .filter_map(|rest| rest.split_once('}').map(|(name, _)| name.to_string()))
                    .collect();
                names.sort();
                names
            };
            for (key, text) in &table {
                // A plural form is compared with English "other" (English has no "few").
                let english_key = ["Few", "Many"]
                    .iter()
                    .find_map(|form| key.strip_suffix(form))
                    .map_or(key.to_string(), |base| format!("{base}Other"));
                let english = EN
                    .iter()
                    .find(|(k, _)| *k == english_key)
                    .map(|(_, t)| *t)
                    .unwrap_or_default();
                assert_eq!(
                    placeholders(text),
                    placeholders(english),
                    "{tag}.{key} keeps the placeholders"
                );
            }
        }
    }

    #[test]
    fn a_bad_strings_file_is_refused() {
        assert!(parse_table(r#"{"placeholder": 3}"#).is_err());
        assert!(parse_table(r#"{"placeholder": "a""#).is_err());
        assert!(parse_table("[]").is_err());
        assert_eq!(
            parse_table(r#"{"close": "Fermer\u00a0"}"#),
            Ok(vec![("close".to_string(), "Fermer\u{a0}".to_string())])
        );
    }

    #[test]
    fn strings_file_names() {
        assert_eq!(strings_file("de-AT"), Some("strings-de.json".to_string()));
        assert_eq!(
            strings_file("zh-TW"),
            Some("strings-zh-CN.json".to_string())
        );
        assert_eq!(strings_file("en-GB"), None);
        assert_eq!(strings_file("pt-BR"), None);
        assert_eq!(strings_file(""), None);
    }

    #[test]
    fn locale_matching() {
        assert_eq!(table_tag("en-GB"), Some("en"));
        assert_eq!(table_tag("EN"), Some("en"));
        assert_eq!(table_tag("zh-CN"), Some("zh-CN"));
        assert_eq!(table_tag("zh_cn"), Some("zh-CN"));
        assert_eq!(
            table_tag("zh-TW"),
            Some("zh-CN"),
            "the same language beats English"
        );
        assert_eq!(table_tag("de-AT"), Some("de"));
        assert_eq!(table_tag("pt-BR"), None);
        assert_eq!(table_tag(""), None);
        assert_eq!(table_tag("xx"), None);
        assert_eq!(Strings::for_locale("xx-YY"), Strings::for_locale("en"));
        assert_eq!(
            Strings::for_locale("ja").search_all,
            "すべてのカテゴリを検索"
        );
        assert_eq!(
            Strings::for_locale("ru").results_many,
            "{count} результатов по запросу «{query}»"
        );
    }

    #[test]
    fn overrides_apply_and_unknown_keys_are_reported() {
        let mut s = Strings::for_locale("en");
        let unknown = s.apply([("placeholder", "Ask us"), ("nope", "x")]);
        assert_eq!(s.placeholder, "Ask us");
        assert_eq!(unknown, vec!["nope".to_string()]);
    }

    #[test]
    fn fill_replaces_each_placeholder_once() {
        assert_eq!(
            fill(
                "{count} results for “{query}”",
                &[("count", "3"), ("query", "{count}")]
            ),
            "3 results for “{count}”"
        );
        assert_eq!(fill("a {missing} b {", &[]), "a {missing} b {");
        assert_eq!(
            split_at("Did you mean {suggestion}?", "suggestion"),
            ("Did you mean ", "?")
        );
        assert_eq!(
            split_at("no placeholder", "suggestion"),
            ("no placeholder", "")
        );
    }
}
