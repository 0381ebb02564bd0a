//! The manifest `index-builder` writes next to its indexes (`faq-search.json`): which index
//! file serves which locale. Its schema and the rule that picks a locale are the engine's
//! (`faq_search_engine::manifest`), shared with index-builder. This module reads it from
//! JavaScript and picks the index for the visitor: the locale the site asked for, else the
//! page's `lang`, else the browser's languages, else the manifest's default.

use faq_search_engine::manifest::{Manifest, ManifestIndex, ManifestProblem, MANIFEST_VERSION};
use wasm_bindgen::JsValue;

use crate::js_fields::Fields;

pub use faq_search_engine::manifest::MANIFEST_FILE_NAME;

/// Reads the manifest from its parsed JSON; fields the widget does not use are left empty
/// (`documents`, `parts`, `split`, `stemmer`; a missing `bytes` is 0, "unknown").
pub fn from_js(value: &JsValue) -> Result<Manifest, String> {
    let f = Fields::new(value, "manifest")?.ok_or("invalid manifest: expected an object")?;
    let whole = |n: Option<f64>| n.filter(|n| n.fract() == 0.0 && *n >= 0.0);
    let version =
        whole(f.number("version")?).ok_or("invalid manifest: version must be a whole number")?;
    let mut indexes = Vec::new();
    for entry in f.array("indexes")? {
        let e = Fields::new(&entry, "manifest entry")?
            .ok_or("invalid manifest entry: expected an object")?;
        indexes.push(ManifestIndex {
            locale: e.required_string("locale")?,
            file: e.required_string("file")?,
            bytes: whole(e.number("bytes")?).map_or(0, |n| n as u64),
            documents: 0,
            parts: Vec::new(),
            split: None,
            stemmer: None,
        });
    }
    Ok(Manifest {
        format: f.required_string("format")?,
        version: version.min(f64::from(u32::MAX)) as u32,
        builder: String::new(),
        default: f.string("default")?.unwrap_or_default(),
        indexes,
    })
}

/// Checks what the widget relies on ([`Manifest::check`]), with a message for the site's
/// owner.
pub fn check(manifest: Manifest) -> Result<Manifest, String> {
    match manifest.check() {
        Ok(()) => Ok(manifest),
        Err(ManifestProblem::Format(format)) => Err(format!(
            "the manifest is not a faq-search manifest (format \"{format}\")"
        )),
        Err(ManifestProblem::Version(version)) => Err(format!(
            "the manifest is version {version}, but this widget reads version {MANIFEST_VERSION}: rebuild the index with the matching index-builder"
        )),
        Err(ManifestProblem::Empty) => Err("the manifest lists no index".to_string()),
    }
}

/// The index for the first of `wanted` (BCP 47 tags, most wanted first) that any index
/// serves, else the default, else the first listed; `None` only for a manifest that lists
/// none, which [`check`] refuses.
pub fn pick<'a>(manifest: &'a Manifest, wanted: &[String]) -> Option<&'a ManifestIndex> {
    manifest.pick(wanted)
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
        let index = |l: &&str| ManifestIndex {
            locale: l.to_string(),
            file: format!("{l}.idx"),
            bytes: 0,
            documents: 0,
            parts: Vec::new(),
            split: None,
            stemmer: None,
        };
        Manifest::new("", default.into(), locales.iter().map(index).collect())
    }

    fn picked(m: &Manifest, wanted: &[&str]) -> String {
        let wanted: Vec<String> = wanted.iter().map(|s| s.to_string()).collect();
        pick(m, &wanted).unwrap().locale.clone()
    }

    #[test]
    fn picks_exact_then_script_then_language_then_default() {
        let m = manifest(&["en", "de", "zh-CN", "zh-TW", "ja"], "en");
        assert_eq!(picked(&m, &["de"]), "de");
        assert_eq!(picked(&m, &["DE-at"]), "de");
        assert_eq!(picked(&m, &["zh_tw"]), "zh-TW");
        assert_eq!(picked(&m, &["zh-HK"]), "zh-TW");
        assert_eq!(picked(&m, &["zh-Hant"]), "zh-TW");
        assert_eq!(picked(&m, &["zh-Hans-SG"]), "zh-CN");
        assert_eq!(picked(&m, &["zh"]), "zh-CN");
        assert_eq!(picked(&m, &["fr", "ja"]), "ja");
        assert_eq!(picked(&m, &["fr"]), "en");
        assert_eq!(picked(&m, &[]), "en");
        assert_eq!(picked(&m, &["", " "]), "en");
    }

    /// The same lines index-builder's `search --locale` is tested against (its CLI tests):
    /// both sides pick the same index.
    #[test]
    fn picks_what_index_builder_picks() {
        let table = include_str!("../engine/tests/fixtures/locale-picks.txt");
        let mut offered: Vec<&str> = Vec::new();
        let mut checked = 0;
        for line in table.lines().filter(|l| !l.starts_with('#')) {
            let words: Vec<&str> = line.split_whitespace().collect();
            match words.as_slice() {
                ["offered", rest @ ..] => offered = rest.to_vec(),
                [asked, expected] => {
                    let m = manifest(&offered, offered[0]);
                    assert_eq!(picked(&m, &[asked]), *expected, "{asked}");
                    checked += 1;
                }
                _ => panic!("locale-picks.txt: {line}"),
            }
        }
        assert!(checked >= 4);
    }

    #[test]
    fn falls_back_to_the_first_index_without_a_usable_default() {
        let m = manifest(&["ko", "ja"], "xx");
        assert_eq!(picked(&m, &["fr"]), "ko");
    }

    #[test]
    fn rejects_other_formats_and_versions() {
        let mut m = manifest(&["en"], "en");
        m.version = 2;
        assert!(check(m).unwrap_err().contains("version 2"));
        let mut m = manifest(&["en"], "en");
        m.format = "other".into();
        assert!(check(m).is_err());
        assert!(check(manifest(&[], "en")).is_err());
    }
}
