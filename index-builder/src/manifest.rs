//! `faq-search.json`, the one file of the output with a fixed name: which locales were built,
//! which (content-hashed) files hold each one's index, and which locale to show by default.
//! FORMAT.md, "The manifest", is the reference for its schema.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

/// File name of the manifest inside the output folder; the widget looks for it there.
pub const MANIFEST_FILE_NAME: &str = "faq-search.json";
/// The manifest's `format` value.
pub const MANIFEST_FORMAT: &str = "faq-search-manifest";
/// The manifest's `version` this builder writes and reads.
pub const MANIFEST_VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The version of index-builder that wrote it (the widget it writes has the same one).
    #[serde(default)]
    pub builder: String,
    pub default: String,
    pub indexes: Vec<ManifestIndex>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestIndex {
    pub locale: String,
    pub file: String,
    pub bytes: u64,
    pub documents: u32,
    #[serde(default)]
    pub parts: Vec<ManifestPart>,
    /// A split index: how many part files its main file names, and their bytes together.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub split: Option<ManifestSplit>,
    /// The Snowball stemmer the locale's language uses ("english"), if any: the widget
    /// downloads its module beside the index.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stemmer: Option<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestSplit {
    pub parts: u64,
    pub bytes: u64,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestPart {
    pub file: String,
    pub bytes: u64,
}

impl Manifest {
    pub fn new(default: String, indexes: Vec<ManifestIndex>) -> Self {
        Manifest {
            format: MANIFEST_FORMAT.into(),
            version: MANIFEST_VERSION,
            builder: env!("CARGO_PKG_VERSION").into(),
            default,
            indexes,
        }
    }

    /// Pretty-printed JSON with a final newline: small, and readable when someone opens it.
    pub fn to_json(&self) -> String {
        let mut json = serde_json::to_string_pretty(self).expect("a manifest always serializes");
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
        if manifest.format != MANIFEST_FORMAT {
            bail!(
                "{}: format is {:?}, expected {MANIFEST_FORMAT:?}",
                path.display(),
                manifest.format
            );
        }
        if manifest.version != MANIFEST_VERSION {
            bail!(
                "{}: manifest version {}, this index-builder reads version {MANIFEST_VERSION}",
                path.display(),
                manifest.version
            );
        }
        Ok(manifest)
    }

    /// The index for `locale`: the exact tag (case-insensitive), else the first whose language
    /// matches ("zh" finds "zh-CN"); `None` picks the default. Errors list what there is.
    pub fn pick(&self, locale: Option<&str>) -> Result<&ManifestIndex> {
        let wanted = locale.unwrap_or(&self.default);
        let language = |tag: &str| {
            tag.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        self.indexes
            .iter()
            .find(|i| i.locale.eq_ignore_ascii_case(wanted))
            .or_else(|| {
                self.indexes
                    .iter()
                    .find(|i| language(&i.locale) == language(wanted))
            })
            .with_context(|| {
                let have: Vec<&str> = self.indexes.iter().map(|i| i.locale.as_str()).collect();
                format!(
                    "no index for locale {wanted:?}; this build has {}",
                    have.join(", ")
                )
            })
    }
}

/// The index file `path` names: the file itself, or the index of `locale` (or the default
/// one) that the manifest of the folder `path` names.
pub fn resolve_index(path: &Path, locale: Option<&str>) -> Result<PathBuf> {
    if !path.is_dir() {
        return Ok(path.to_path_buf());
    }
    let manifest = Manifest::read(path)?;
    Ok(path.join(&manifest.pick(locale)?.file))
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
        let m = Manifest::new("en".into(), vec![index("en")]);
        let v: serde_json::Value = serde_json::from_str(&m.to_json()).unwrap();
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
        let m = Manifest::new(
            "de".into(),
            vec![index("de"), index("zh-CN"), index("zh-TW")],
        );
        assert_eq!(m.pick(None).unwrap().locale, "de");
        assert_eq!(m.pick(Some("zh-tw")).unwrap().locale, "zh-TW");
        assert_eq!(m.pick(Some("zh")).unwrap().locale, "zh-CN");
        let err = m.pick(Some("fr")).unwrap_err().to_string();
        assert!(
            err.contains("\"fr\"") && err.contains("de, zh-CN, zh-TW"),
            "{err}"
        );
    }
}
