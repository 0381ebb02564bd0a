//! The widget's words: every visible or announced string, per language, with plural forms
//! chosen by the browser's `Intl.PluralRules`.
//!
//! A table is a list of `(key, text)` pairs. English is complete and is applied first, so a
//! language that lacks a key shows the English text rather than nothing; a site's own
//! `strings` option is applied last. Keys are the camelCase names a site uses to override a
//! string. Templates name their values in braces: `{count}`, `{query}`, `{category}`, `{date}`,
//! `{suggestion}`.

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
    results_label = "resultsLabel",
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
    ("resultsLabel", "Search results"),
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
];

/// The languages with a table, by the tag they are picked with.
const TABLES: &[(&str, &[(&str, &str)])] = &[("en", EN)];

/// The table tag for a BCP 47 `locale`: an exact match (case-insensitive), then the language
/// alone (`de-AT` → `de`), then the first table of that language (`zh-TW` → `zh-CN`). `None`
/// when no table fits.
pub fn table_tag(locale: &str) -> Option<&'static str> {
    let locale = locale.trim().replace('_', "-");
    if locale.is_empty() {
        return None;
    }
    let language = locale.split('-').next().unwrap_or_default();
    TABLES
        .iter()
        .map(|(tag, _)| *tag)
        .find(|tag| tag.eq_ignore_ascii_case(&locale))
        .or_else(|| {
            TABLES.iter().map(|(tag, _)| *tag).find(|tag| {
                tag.split('-')
                    .next()
                    .is_some_and(|l| l.eq_ignore_ascii_case(language))
            })
        })
}

impl Strings {
    /// The strings for `locale` (falling back to English), with English filling any gap.
    pub fn for_locale(locale: &str) -> Strings {
        let mut strings = Strings::default();
        for (key, value) in EN {
            strings.set(key, value);
        }
        if let Some(tag) = table_tag(locale) {
            if let Some((_, table)) = TABLES.iter().find(|(t, _)| *t == tag) {
                for (key, value) in table.iter() {
                    strings.set(key, value);
                }
            }
        }
        strings
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

    #[test]
    fn every_table_key_exists() {
        for (tag, table) in TABLES {
            let mut s = Strings::default();
            for (key, value) in table.iter() {
                assert!(s.set(key, value), "{tag}: unknown key {key}");
            }
        }
    }

    #[test]
    fn locale_matching() {
        assert_eq!(table_tag("en-GB"), Some("en"));
        assert_eq!(table_tag("EN"), Some("en"));
        assert_eq!(table_tag(""), None);
        assert_eq!(table_tag("xx"), None);
        assert_eq!(Strings::for_locale("xx-YY"), Strings::for_locale("en"));
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
