//! `faq-search.json`, the one file of the output with a fixed name: which locales were built,
//! which (content-hashed) files hold each one's index, and which locale to show by default.
//! Its schema is the engine's (`faq_search_engine::manifest`, shared with the widget; FORMAT.md,
//! "The manifest"); this module writes it as JSON, reads it back and picks an index for `search`.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
pub use faq_search_engine::manifest::{
    Manifest, ManifestIndex, ManifestPart, ManifestSplit, MANIFEST_FILE_NAME,
};
use faq_search_engine::manifest::{ManifestProblem, MANIFEST_FORMAT, MANIFEST_VERSION};

/// The manifest this builder writes: its own version, the default locale and the indexes.
pub fn new(default: String, indexes: Vec<ManifestIndex>) -> Manifest {
    Manifest::new(env!("CARGO_PKG_VERSION"), default, indexes)
}

/// Pretty-printed JSON with a final newline: small, and readable when someone opens it.
pub fn to_json(manifest: &Manifest) -> String {
    let mut json = serde_json::to_string_pretty(manifest).expect("a manifest always serializes");
    json.push('\n');
    json
}

/// Reads and checks `dir/faq-search.json`.
pub fn read(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST_FILE_NAME);
    let text = std::fs::read_to_string(&path).with_context(|| {
        format!(
            "cannot read {}; is {} a folder that index-builder build wrote?",
            path.display(),
            dir.display()
        )
    })?;
    let manifest: Manifest = serde_json::from_str(&text)
        .with_context(|| format!("{}: not a faq-search manifest", path.display()))?;
    match manifest.check() {
        Err(ManifestProblem::Format(format)) => bail!(
            "{}: format is {format:?}, expected {MANIFEST_FORMAT:?}",
            path.display()
        ),
        Err(ManifestProblem::Version(version)) => bail!(
            "{}: manifest version {version}, this index-builder reads version {MANIFEST_VERSION}",
            path.display()
        ),
        // With no index, every locale is "not in this build" (below).
        Err(ManifestProblem::Empty) | Ok(()) => Ok(manifest),
    }
}

/// The index for `locale` (the rule of the engine's `locale` module, which the widget picks
/// by too); `None` picks the default. Errors list what there is.
pub fn pick<'a>(manifest: &'a Manifest, locale: Option<&str>) -> Result<&'a ManifestIndex> {
    let wanted = locale.unwrap_or(&manifest.default);
    manifest.find(wanted).with_context(|| {
        let have: Vec<&str> = manifest.indexes.iter().map(|i| i.locale.as_str()).collect();
        format!(
            "no index for locale {wanted:?}; this build has {}",
            have.join(", ")
        )
    })
}

/// The index file `path` names: the file itself, or the index of `locale` (or the default
/// one) that the manifest of the folder `path` names.
pub fn resolve_index(path: &Path, locale: Option<&str>) -> Result<PathBuf> {
    if !path.is_dir() {
        return Ok(path.to_path_buf());
    }
    let manifest = read(path)?;
    Ok(path.join(&pick(&manifest, locale)?.file))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(locale: &str) -> ManifestIndex {
        ManifestIndex {
            locale: locale.into(),
            file: format!("{locale}.0123456789.idx"),
            bytes: 1,
            documents: 1,
            parts: vec![],
            split: None,
            stemmer: None,
        }
    }

    #[test]
    fn json_has_the_documented_shape() {
        let m = new("en".into(), vec![index("en")]);
        let v: serde_json::Value = serde_json::from_str(&to_json(&m)).unwrap();
        assert_eq!(
            v,
            serde_json::json!({
                "format": "faq-search-manifest", "version": 1,
                "builder": env!("CARGO_PKG_VERSION"), "default": "en",
                "indexes": [{ "locale": "en", "file": "en.0123456789.idx", "bytes": 1,
                              "documents": 1, "parts": [] }]
            })
        );
    }

    #[test]
    fn pick_matches_tags_then_languages() {
        let m = new(
            "de".into(),
            vec![index("de"), index("zh-CN"), index("zh-TW")],
        );
        assert_eq!(pick(&m, None).unwrap().locale, "de");
        assert_eq!(pick(&m, Some("zh-tw")).unwrap().locale, "zh-TW");
        assert_eq!(pick(&m, Some("zh")).unwrap().locale, "zh-CN");
        assert_eq!(pick(&m, Some("zh-HK")).unwrap().locale, "zh-TW");
        let err = pick(&m, Some("fr")).unwrap_err().to_string();
        assert!(
            err.contains("\"fr\"") && err.contains("de, zh-CN, zh-TW"),
            "{err}"
        );
    }
}
