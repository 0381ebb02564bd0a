//! The build's config file (`index-builder build --config faq-search.toml`): every option of
//! the command line plus the inputs with their per-input defaults and the HTML selectors.
//! Keys are the command line's flag names; unknown keys are errors naming the key and line.
//! Paths in the file are relative to the file's folder.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use faq_search_engine::Weights;
use serde::Deserialize;

use crate::build::{BuildOptions, Split};
use crate::corpus::{self, Defaults};
use crate::html::HtmlSelectors;
use crate::input::{InputSpec, Kind};
use crate::synonyms;

/// The options of `build` on the command line; each overrides the config file's key of the
/// same name.
#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Articles: JSON Lines files (.jsonl), JSON array files (.json), folders of Markdown
    /// files with front matter, folders of built HTML pages. Replace the config's inputs.
    #[arg(value_name = "INPUT", required_unless_present = "config")]
    pub inputs: Vec<PathBuf>,
    /// A TOML file holding any of these options, the inputs with per-input defaults, and
    /// the HTML selectors (README, "Config file").
    #[arg(long, short, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read every INPUT as this kind instead of telling it by name.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// Folder to write the indexes and manifest into (created if missing).
    #[arg(long, short, value_name = "DIR", required_unless_present = "config")]
    pub out: Option<PathBuf>,
    /// Build only these locales (comma-separated tags as the articles spell them);
    /// default: every locale of the input.
    #[arg(long, value_name = "TAGS", value_delimiter = ',')]
    pub locales: Option<Vec<String>>,
    /// Brotli quality (0-11) of the .br copies; by default 11 for files up to 1 MiB, 9 up
    /// to 16 MiB, 5 above.
    #[arg(long, value_name = "Q", value_parser = clap::value_parser!(u32).range(0..=11))]
    pub brotli_quality: Option<u32>,
    /// Prefix for the URLs of Markdown files and HTML pages that do not give one
    /// ("https://help.example.com/"); without it, HTML pages get their path in the folder.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[arg(long, value_name = "W", help = format!(
        "BM25F boost of the title field [default: {}]",
        Weights::default().title
    ))]
    pub title_weight: Option<f32>,
    #[arg(long, value_name = "W", help = format!(
        "BM25F boost of the section/breadcrumb field [default: {}]",
        Weights::default().section
    ))]
    pub section_weight: Option<f32>,
    #[arg(long, value_name = "W", help = format!(
        "BM25F boost of the body field [default: {}]",
        Weights::default().body
    ))]
    pub body_weight: Option<f32>,
    #[arg(long, value_name = "W", help = format!(
        "How much view counts lift results (0 turns popularity off) [default: {}]",
        Weights::default().popularity
    ))]
    pub popularity: Option<f32>,
    #[arg(long, value_name = "W", help = format!(
        "How much results gain when the query's words stand close together [default: {}]",
        Weights::default().proximity
    ))]
    pub proximity: Option<f32>,
    /// A synonyms file: one group of equivalent terms per line, comma-separated
    /// ("2fa, two-factor authentication"); `#` starts a comment. Stored in the index and
    /// applied at query time.
    #[arg(long, value_name = "FILE")]
    pub synonyms: Option<PathBuf>,
}

/// The build's settings once the command line and the config file are merged: what to read,
/// and how to build.
pub struct Settings {
    pub inputs: Vec<InputSpec>,
    pub html: HtmlSelectors,
    pub build: BuildOptions,
}

impl BuildArgs {
    /// Merges the command line over the config file (when one is given) and checks the result;
    /// `split` comes from the command line only.
    pub fn settings(self, split: Split) -> Result<Settings> {
        let (config, config_path) = match &self.config {
            Some(path) => (Config::read(path)?, path.clone()),
            None => (Config::default(), PathBuf::new()),
        };
        let base_url = self.base_url.clone().or_else(|| config.base_url.clone());
        let inputs = if self.inputs.is_empty() {
            let mut inputs = config.input_specs(&config_path)?;
            if let (Some(kind), true) = (self.kind, !inputs.is_empty()) {
                for input in &mut inputs {
                    input.kind = Some(kind);
                }
            }
            if let Some(base) = &self.base_url {
                for input in &mut inputs {
                    input.base_url = Some(base.clone());
                }
            }
            inputs
        } else {
            self.inputs
                .iter()
                .map(|p| InputSpec {
                    kind: self.kind,
                    base_url: base_url.clone(),
                    ..InputSpec::new(p.clone())
                })
                .collect()
        };
        if inputs.is_empty() {
            bail!("no input: give INPUT files or folders, or [[input]] tables in --config");
        }
        let Some(out) = self.out.or(config.out) else {
            bail!("no output folder: give --out DIR, or out = \"DIR\" in --config");
        };
        let default = Weights::default();
        let mut weights = default;
        for (flag, cli, file, slot) in [
            (
                "title-weight",
                self.title_weight,
                config.title_weight,
                &mut weights.title,
            ),
            (
                "section-weight",
                self.section_weight,
                config.section_weight,
                &mut weights.section,
            ),
            (
                "body-weight",
                self.body_weight,
                config.body_weight,
                &mut weights.body,
            ),
            (
                "popularity",
                self.popularity,
                config.popularity,
                &mut weights.popularity,
            ),
            (
                "proximity",
                self.proximity,
                config.proximity,
                &mut weights.proximity,
            ),
        ] {
            if let Some(w) = cli.or(file) {
                if !(w.is_finite() && w >= 0.0) {
                    bail!("--{flag} must be a non-negative number, got {w}");
                }
                *slot = w;
            }
        }
        let brotli_quality = self.brotli_quality.or(config.brotli_quality);
        if let Some(q) = brotli_quality.filter(|&q| q > 11) {
            bail!(
                "{}: brotli-quality must be 0 to 11, got {q}",
                config_path.display()
            );
        }
        let synonyms = match self.synonyms.or(config.synonyms) {
            Some(path) => synonyms::read(&path)?,
            None => Vec::new(),
        };
        Ok(Settings {
            inputs,
            html: config.html,
            build: BuildOptions {
                out_dir: out,
                weights,
                synonyms,
                locales: self.locales.or(config.locales),
                brotli_quality,
                split,
                keep_generations: 1,
            },
        })
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The output folder.
    pub out: Option<PathBuf>,
    /// The inputs, in order (`[[input]]` tables).
    #[serde(default, rename = "input")]
    pub inputs: Vec<InputConfig>,
    pub synonyms: Option<PathBuf>,
    /// Locales to build; all when absent.
    pub locales: Option<Vec<String>>,
    pub title_weight: Option<f32>,
    pub section_weight: Option<f32>,
    pub body_weight: Option<f32>,
    pub popularity: Option<f32>,
    pub proximity: Option<f32>,
    pub brotli_quality: Option<u32>,
    /// Prefix of the URLs made up for Markdown files and HTML pages without one.
    pub base_url: Option<String>,
    #[serde(default)]
    pub html: HtmlSelectors,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct InputConfig {
    pub path: PathBuf,
    pub kind: Option<Kind>,
    /// Category of articles that give none.
    pub category: Option<String>,
    /// Locale of articles that give none (for HTML pages, none and no `<html lang>`);
    /// Markdown and HTML default to "en".
    pub locale: Option<String>,
    /// Overrides the top-level `base-url` for this input.
    pub base_url: Option<String>,
    /// Glob patterns of files to leave out of a folder ("drafts/**", "404.html").
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Config {
    /// Reads `path`; errors are `file:line:column: what is wrong`.
    pub fn read(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read config file {}", path.display()))?;
        let mut config: Config = toml::from_str(&text).map_err(|e| {
            let at = e
                .span()
                .map(|s| corpus::line_column(&text, s.start.min(text.len())));
            let message = e.message().trim_end().to_string();
            match at {
                Some((line, column)) => {
                    anyhow::anyhow!("{}:{line}:{column}: {message}", path.display())
                }
                None => anyhow::anyhow!("{}: {message}", path.display()),
            }
        })?;
        // Relative paths are relative to the config file, not to where the command runs.
        let base = path.parent().unwrap_or(Path::new(""));
        let resolve = |p: &mut PathBuf| {
            if p.is_relative() {
                *p = base.join(&*p);
            }
        };
        if let Some(out) = &mut config.out {
            resolve(out);
        }
        if let Some(s) = &mut config.synonyms {
            resolve(s);
        }
        for input in &mut config.inputs {
            resolve(&mut input.path);
        }
        Ok(config)
    }

    /// The inputs as the readers take them; a bad exclude pattern names the input.
    pub fn input_specs(&self, path: &Path) -> Result<Vec<InputSpec>> {
        self.inputs
            .iter()
            .map(|i| {
                let exclude = i
                    .exclude
                    .iter()
                    .map(|p| {
                        glob::Pattern::new(p).with_context(|| {
                            format!(
                                "{}: input {}: exclude: {p:?} is not a glob pattern",
                                path.display(),
                                i.path.display()
                            )
                        })
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok(InputSpec {
                    path: i.path.clone(),
                    kind: i.kind,
                    defaults: Defaults {
                        category: i.category.clone(),
                        locale: i.locale.clone(),
                    },
                    base_url: i.base_url.clone().or_else(|| self.base_url.clone()),
                    exclude,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(text: &str) -> Result<Config> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("faq-search.toml");
        std::fs::write(&path, text).unwrap();
        Config::read(&path)
            .map_err(|e| anyhow::anyhow!(e.to_string().replace(&path.display().to_string(), "cfg")))
    }

    #[test]
    fn unknown_keys_name_key_and_line() {
        let err = read_str("out = \"x\"\ntitle-wieght = 2.0\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("cfg:2:1: unknown field `title-wieght`"),
            "{err}"
        );
        let err = read_str("[[input]]\npath = \"a\"\nkind = \"pdf\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("cfg:3:") && err.contains("pdf"), "{err}");
        let err = read_str("[html]\ncontnt = [\"main\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("cfg:2:1: unknown field `contnt`"), "{err}");
    }

    #[test]
    fn paths_are_relative_to_the_file() {
        let config =
            read_str("out = \"dist\"\n[[input]]\npath = \"a.jsonl\"\ncategory = \"FAQ\"\n")
                .unwrap();
        assert!(config.out.unwrap().ends_with("dist"));
        assert!(config.inputs[0].path.is_absolute());
        assert_eq!(config.inputs[0].category.as_deref(), Some("FAQ"));
        assert_eq!(
            config.html.content[0], "main",
            "defaults for what is not given"
        );
    }
}
