//! The manifest `index-builder` writes next to its indexes (`faq-search.json`): which index
//! file serves which locale. This module reads it and picks the index for the visitor: the
//! locale the site asked for, else the page's `lang`, else the browser's languages, else the
//! manifest's default.

use wasm_bindgen::JsValue;

use crate::js_fields::Fields;

/// The name of the manifest inside the folder `index-builder build --out` writes.
pub const MANIFEST_FILE_NAME: &str = "faq-search.json";

#[derive(Debug)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub default: Option<String>,
    pub indexes: Vec<Entry>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub locale: String,
    /// The index file, relative to the manifest.
    pub file: String,
    /// Its size before compression, for the download's progress.
    pub bytes: Option<u64>,
}

impl Manifest {
    /// Reads the manifest from its parsed JSON; fields the widget does not use are ignored.
    pub fn from_js(value: &JsValue) -> Result<Manifest, String> {
        let f = Fields::new(value, "manifest")?.ok_or("invalid manifest: expected an object")?;
        let whole = |n: Option<f64>| n.filter(|n| n.fract() == 0.0 && *n >= 0.0);
        let version = whole(f.number("version")?)
            .ok_or("invalid manifest: version must be a whole number")?;
        let mut indexes = Vec::new();
        for entry in f.array("indexes")? {
            let e = Fields::new(&entry, "manifest entry")?
                .ok_or("invalid manifest entry: expected an object")?;
            indexes.push(Entry {
                locale: e.required_string("locale")?,
                file: e.required_string("file")?,
                bytes: whole(e.number("bytes")?).map(|n| n as u64),
            });
        }
        Ok(Manifest {
            format: f.required_string("format")?,
            version: version.min(f64::from(u32::MAX)) as u32,
            default: f.string("default")?,
            indexes,
        })
    }

    /// Checks what the widget relies on, with a message for the site's owner.
    pub fn check(self) -> Result<Manifest, String> {
        if self.format != "faq-search-manifest" {
            return Err(format!(
                "the manifest is not a faq-search manifest (format \"{}\")",
                self.format
            ));
        }
        if self.version != 1 {
            return Err(format!(
                "the manifest is version {}, but this widget reads version 1: rebuild the index with the matching index-builder",
                self.version
            ));
        }
        if self.indexes.is_empty() {
            return Err("the manifest lists no index".to_string());
        }
        Ok(self)
    }

    /// The index for the first of `wanted` (BCP 47 tags, most wanted first) that any index
    /// serves, else the default, else the first listed.
    pub fn pick(&self, wanted: &[String]) -> &Entry {
        wanted
            .iter()
            .find_map(|w| best_match(&self.indexes, w))
            .or_else(|| {
                self.default
                    .as_deref()
                    .and_then(|d| self.indexes.iter().find(|e| same_tag(&e.locale, d)))
            })
            .unwrap_or(&self.indexes[0])
    }
}

fn same_tag(a: &str, b: &str) -> bool {
    a.replace('_', "-")
        .eq_ignore_ascii_case(&b.replace('_', "-"))
}

/// The entry serving `wanted`: the same tag; for Chinese, the same script (Traditional for
/// zh-Hant, zh-TW, zh-HK and zh-MO; Simplified otherwise); else the same language.
fn best_match<'a>(entries: &'a [Entry], wanted: &str) -> Option<&'a Entry> {
    let wanted = wanted.trim().replace('_', "-");
    if wanted.is_empty() {
        return None;
    }
    if let Some(e) = entries.iter().find(|e| same_tag(&e.locale, &wanted)) {
        return Some(e);
    }
    let language = |tag: &str| tag.split('-').next().unwrap_or("").to_ascii_lowercase();
    let lang = language(&wanted);
    if lang == "zh" {
        let script = chinese_script(&wanted);
        if let Some(e) = entries
            .iter()
            .find(|e| language(&e.locale) == "zh" && chinese_script(&e.locale) == script)
        {
            return Some(e);
        }
    }
    entries.iter().find(|e| language(&e.locale) == lang)
}

fn chinese_script(tag: &str) -> &'static str {
    let lower = tag.to_ascii_lowercase();
    let traditional = lower
        .split('-')
        .skip(1)
        .any(|s| matches!(s, "hant" | "tw" | "hk" | "mo"));
    if traditional {
        "Hant"
    } else {
        "Hans"
    }
}

/// The languages the visitor's browser asks for, most wanted first.
pub fn browser_languages() -> Vec<String> {
    let global = js_sys::global();
    let navigator = js_sys::Reflect::get(&global, &"navigator".into()).ok();
    let languages = navigator
        .as_ref()
        .and_then(|n| js_sys::Reflect::get(n, &"languages".into()).ok())
        .filter(js_sys::Array::is_array);
    match languages {
        Some(list) => js_sys::Array::from(&list)
            .iter()
            .filter_map(|v| v.as_string())
            .collect(),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(locales: &[&str], default: &str) -> Manifest {
        Manifest {
            format: "faq-search-manifest".into(),
            version: 1,
            default: Some(default.into()),
            indexes: locales
                .iter()
                .map(|l| Entry {
                    locale: l.to_string(),
                    file: format!("{l}.idx"),
                    bytes: None,
                })
                .collect(),
        }
    }

    fn pick(m: &Manifest, wanted: &[&str]) -> String {
        let wanted: Vec<String> = wanted.iter().map(|s| s.to_string()).collect();
        m.pick(&wanted).locale.clone()
    }

    #[test]
    fn picks_exact_then_script_then_language_then_default() {
        let m = manifest(&["en", "de", "zh-CN", "zh-TW", "ja"], "en");
        assert_eq!(pick(&m, &["de"]), "de");
        assert_eq!(pick(&m, &["DE-at"]), "de");
        assert_eq!(pick(&m, &["zh_tw"]), "zh-TW");
        assert_eq!(pick(&m, &["zh-HK"]), "zh-TW");
        assert_eq!(pick(&m, &["zh-Hant"]), "zh-TW");
        assert_eq!(pick(&m, &["zh-Hans-SG"]), "zh-CN");
        assert_eq!(pick(&m, &["zh"]), "zh-CN");
        assert_eq!(pick(&m, &["fr", "ja"]), "ja");
        assert_eq!(pick(&m, &["fr"]), "en");
        assert_eq!(pick(&m, &[]), "en");
        assert_eq!(pick(&m, &["", " "]), "en");
    }

    #[test]
    fn falls_back_to_the_first_index_without_a_usable_default() {
        let m = manifest(&["ko", "ja"], "xx");
        assert_eq!(pick(&m, &["fr"]), "ko");
    }

    #[test]
    fn rejects_other_formats_and_versions() {
        let mut m = manifest(&["en"], "en");
        m.version = 2;
        assert!(m.check().unwrap_err().contains("version 2"));
        let mut m = manifest(&["en"], "en");
        m.format = "other".into();
        assert!(m.check().is_err());
        assert!(manifest(&[], "en").check().is_err());
    }
}
