//! Locale matching: which of the locales on offer serves the one asked for. One rule for every
//! side that picks by locale: the search's `locale` option, the index a manifest names for a
//! visitor (the widget and `index-builder search` alike) and the widget's language table.
//!
//! The rule, in order: the same tag (case-insensitive, `_` taken for `-`); for Chinese, the
//! same script (Traditional for `zh-Hant`, `zh-TW`, `zh-HK` and `zh-MO`, Simplified
//! otherwise); then the same language. The first candidate that fits wins.

/// The position in `offered` of the locale that serves `wanted`, by the rule above. `None`
/// when `wanted` is blank or nothing on offer shares its language.
pub fn best_match(offered: &[&str], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    if wanted.is_empty() {
        return None;
    }
    if let Some(i) = offered.iter().position(|o| same_tag(o, wanted)) {
        return Some(i);
    }
    let lang = language(wanted);
    if lang == "zh" {
        let script = chinese_script(wanted);
        let same_script = |o: &&str| language(o) == "zh" && chinese_script(o) == script;
        if let Some(i) = offered.iter().position(same_script) {
            return Some(i);
        }
    }
    offered.iter().position(|o| language(o) == lang)
}

/// Whether two tags name the same locale (case-insensitive, `_` taken for `-`).
pub fn same_tag(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim().as_bytes(), b.trim().as_bytes());
    let unify = |c: &u8| {
        if *c == b'_' {
            b'-'
        } else {
            c.to_ascii_lowercase()
        }
    };
    a.len() == b.len() && a.iter().map(unify).eq(b.iter().map(unify))
}

/// The language subtag, lower-cased ("zh" of "zh-Hant-TW").
fn language(tag: &str) -> String {
    tag.trim()
        .split(['-', '_'])
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Whether a Chinese tag asks for Traditional characters.
fn chinese_script(tag: &str) -> bool {
    tag.split(['-', '_']).skip(1).any(|subtag| {
        ["hant", "tw", "hk", "mo"]
            .iter()
            .any(|t| subtag.eq_ignore_ascii_case(t))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pick<'a>(offered: &[&'a str], wanted: &str) -> Option<&'a str> {
        best_match(offered, wanted).map(|i| offered[i])
    }

    #[test]
    fn exact_then_script_then_language() {
        let offered = ["en", "de", "zh-CN", "zh-TW", "ja"];
        assert_eq!(pick(&offered, "de"), Some("de"));
        assert_eq!(pick(&offered, "DE-at"), Some("de"));
        assert_eq!(pick(&offered, " zh_tw "), Some("zh-TW"));
        assert_eq!(pick(&offered, "zh-HK"), Some("zh-TW"));
        assert_eq!(pick(&offered, "zh-Hant"), Some("zh-TW"));
        assert_eq!(pick(&offered, "zh-Hans-SG"), Some("zh-CN"));
        assert_eq!(pick(&offered, "zh-SG"), Some("zh-CN"));
        assert_eq!(pick(&offered, "zh"), Some("zh-CN"));
        assert_eq!(pick(&offered, "fr"), None);
        assert_eq!(pick(&offered, " "), None);
    }

    #[test]
    fn a_language_without_its_script_takes_the_other() {
        assert_eq!(pick(&["en", "zh-CN"], "zh-HK"), Some("zh-CN"));
        assert_eq!(pick(&["zh-TW", "en"], "zh-CN"), Some("zh-TW"));
    }

    #[test]
    fn the_first_of_a_language_wins() {
        assert_eq!(pick(&["pt-PT", "pt-BR"], "pt"), Some("pt-PT"));
        assert_eq!(pick(&["pt-PT", "pt-BR"], "pt_br"), Some("pt-BR"));
        assert_eq!(pick(&["en-US", "en-GB"], "en-AU"), Some("en-US"));
    }

    #[test]
    fn tags_compare_whole() {
        assert!(same_tag("zh_TW", "ZH-tw"));
        assert!(!same_tag("zh-TW", "zh-TWN"));
        assert!(!same_tag("en", "en-GB"));
    }
}
