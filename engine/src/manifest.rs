//! The manifest's schema (FORMAT.md, "The manifest"): `faq-search.json`, which index file
//! serves which locale. index-builder writes it and reads it back for `search`; the widget
//! reads it to pick the index for a visitor. Both use these types, the checks of
//! [`Manifest::check`] and the locale rule of [`crate::locale`], so they pick alike.

use serde::{Deserialize, Serialize};

use crate::locale::{best_match, same_tag};

/// File name of the manifest inside an output folder.
pub const MANIFEST_FILE_NAME: &str = "faq-search.json";
/// The manifest's `format` value.
pub const MANIFEST_FORMAT: &str = "faq-search-manifest";
/// The manifest `version` written and read.
pub const MANIFEST_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    /// The version of index-builder that wrote it (the widget it writes has the same one).
    #[serde(default)]
    pub builder: String,
    /// The locale to use when none asked for is served.
    pub default: String,
    pub indexes: Vec<ManifestIndex>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestIndex {
    pub locale: String,
    /// The index file, relative to the manifest.
    pub file: String,
    /// Its size before compression.
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestSplit {
    pub parts: u64,
    pub bytes: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestPart {
    pub file: String,
    pub bytes: u64,
}

/// Why a manifest cannot be used; each reader words it for its audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ManifestProblem {
    /// `format` is not [`MANIFEST_FORMAT`]: not a manifest at all.
    Format(String),
    /// A `version` other than [`MANIFEST_VERSION`].
    Version(u32),
    /// No index listed.
    Empty,
}

impl Manifest {
    /// A manifest of this format and version, written by index-builder `builder`.
    pub fn new(builder: &str, default: String, indexes: Vec<ManifestIndex>) -> Manifest {
        Manifest {
            format: MANIFEST_FORMAT.into(),
            version: MANIFEST_VERSION,
            builder: builder.into(),
            default,
            indexes,
        }
    }

    /// Whether a reader can use it: the format, the version, and at least one index.
    pub fn check(&self) -> Result<(), ManifestProblem> {
        if self.format != MANIFEST_FORMAT {
            Err(ManifestProblem::Format(self.format.clone()))
        } else if self.version != MANIFEST_VERSION {
            Err(ManifestProblem::Version(self.version))
        } else if self.indexes.is_empty() {
            Err(ManifestProblem::Empty)
        } else {
            Ok(())
        }
    }

    /// The index that serves `wanted`, by the rule of [`crate::locale::best_match`].
    pub fn find(&self, wanted: &str) -> Option<&ManifestIndex> {
        let locales: Vec<&str> = self.indexes.iter().map(|i| i.locale.as_str()).collect();
        best_match(&locales, wanted).map(|i| &self.indexes[i])
    }

    /// The index for the first of `wanted` (most wanted first) that any index serves, else
    /// the default's, else the first listed (`None` only when none is).
    pub fn pick<S: AsRef<str>>(&self, wanted: &[S]) -> Option<&ManifestIndex> {
        wanted
            .iter()
            .find_map(|w| self.find(w.as_ref()))
            .or_else(|| {
                let default = &self.default;
                self.indexes.iter().find(|i| same_tag(&i.locale, default))
            })
            .or(self.indexes.first())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(locales: &[&str], default: &str) -> Manifest {
        let index = |l: &&str| ManifestIndex {
            locale: l.to_string(),
            file: format!("{l}.idx"),
            bytes: 1,
            documents: 1,
            parts: Vec::new(),
            split: None,
            stemmer: None,
        };
        Manifest::new("0.0.0", default.into(), locales.iter().map(index).collect())
    }

    fn pick(m: &Manifest, wanted: &[&str]) -> String {
        m.pick(wanted).unwrap().locale.clone()
    }

    #[test]
    fn picks_exact_then_script_then_language_then_default() {
        let m = manifest(&["en", "de", "zh-CN", "zh-TW", "ja"], "en");
        assert_eq!(pick(&m, &["zh-HK"]), "zh-TW");
        assert_eq!(pick(&m, &["fr", "ja"]), "ja");
        assert_eq!(pick(&m, &["fr"]), "en");
        assert_eq!(pick(&m, &[]), "en");
        assert_eq!(m.find("fr"), None);
        let odd = manifest(&["ko", "ja"], "xx");
        assert_eq!(pick(&odd, &["fr"]), "ko");
    }

    #[test]
    fn checks_format_version_and_indexes() {
        assert_eq!(manifest(&["en"], "en").check(), Ok(()));
        let mut m = manifest(&["en"], "en");
        m.version = 2;
        assert_eq!(m.check(), Err(ManifestProblem::Version(2)));
        m.format = "other".into();
        assert_eq!(m.check(), Err(ManifestProblem::Format("other".into())));
        assert_eq!(manifest(&[], "en").check(), Err(ManifestProblem::Empty));
    }
}
