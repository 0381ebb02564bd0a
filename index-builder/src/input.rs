//! The inputs of a build: which reader each file or folder needs (by extension, or as
//! configured), reading them in parallel, and the checks across files (unique ids, at least
//! one article). The readers are `corpus` (JSON Lines, JSON), `markdown` and `html`.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};
use faq_search_engine::Document;
use rayon::prelude::*;
use serde::Deserialize;

use crate::corpus::{self, Defaults, RecordError, Sourced};
use crate::html::{self, HtmlSelectors};
use crate::markdown;
use crate::progress::Progress;

/// What an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    Jsonl,
    /// One JSON array of objects (`.json`).
    Json,
    /// A folder of `.md` files with front matter.
    Markdown,
    /// A folder of built `.html` pages.
    Html,
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Kind::Jsonl => "jsonl",
            Kind::Json => "json",
            Kind::Markdown => "markdown",
            Kind::Html => "html",
        })
    }
}

/// One input as the command line or the config file gives it.
#[derive(Debug, Clone)]
pub struct InputSpec {
    pub path: PathBuf,
    pub kind: Option<Kind>,
    pub defaults: Defaults,
    /// Prefix of the URLs made up for pages and Markdown files.
    pub base_url: Option<String>,
    /// Glob patterns (relative to the folder) of files to leave out.
    pub exclude: Vec<glob::Pattern>,
}

impl InputSpec {
    pub fn new(path: PathBuf) -> Self {
        InputSpec {
            path,
            kind: None,
            defaults: Defaults::default(),
            base_url: None,
            exclude: Vec::new(),
        }
    }

    /// The kind given, else the file's extension, else what a folder holds.
    fn kind(&self) -> Result<Kind> {
        if let Some(kind) = self.kind {
            return Ok(kind);
        }
        let path = &self.path;
        let meta =
            std::fs::metadata(path).with_context(|| format!("cannot read {}", path.display()))?;
        if meta.is_dir() {
            let files = folder_files(path, &["md", "markdown", "html", "htm"], &[])?;
            let has = |exts: &[&str]| files.iter().any(|(p, _)| has_extension(p, exts));
            return match (has(&["md", "markdown"]), has(&["html", "htm"])) {
                (true, false) => Ok(Kind::Markdown),
                (false, true) => Ok(Kind::Html),
                (true, true) => bail!(
                    "{}: the folder holds both Markdown and HTML files; say which to read \
                     (kind = \"markdown\" or \"html\" in the config, or --kind)",
                    path.display()
                ),
                (false, false) => bail!(
                    "{}: no articles found; the folder has no .md or .html files",
                    path.display()
                ),
            };
        }
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("jsonl" | "ndjson") => Ok(Kind::Jsonl),
            Some("json") => Ok(Kind::Json),
            Some("md" | "markdown") => Ok(Kind::Markdown),
            Some("html" | "htm") => Ok(Kind::Html),
            _ => bail!(
                "{}: cannot tell the format from the name; use .jsonl, .json, a folder of .md \
                 or .html files, or give the kind (--kind, or kind = in the config)",
                path.display()
            ),
        }
    }
}

fn has_extension(path: &Path, exts: &[&str]) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| exts.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

/// Files below `dir` with one of `exts`, sorted, as (path, path relative to `dir` with `/`).
/// Hidden files and folders (`.name`) and `exclude`d paths are skipped.
fn folder_files(
    dir: &Path,
    exts: &[&str],
    exclude: &[glob::Pattern],
) -> Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.with_context(|| format!("cannot read folder {}", dir.display()))?;
        if !entry.file_type().is_file() || !has_extension(entry.path(), exts) {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .expect("walkdir yields paths below its root")
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        if exclude.iter().any(|p| p.matches(&rel)) {
            continue;
        }
        files.push((entry.into_path(), rel));
    }
    Ok(files)
}

/// Everything the readers need besides the input itself.
pub struct ReadOptions<'a> {
    pub html: &'a HtmlSelectors,
}

/// An article and where it came from.
struct Located {
    doc: Document,
    file: PathBuf,
    line: usize,
    column: Option<usize>,
}

/// Reads every input (files in parallel) and checks the articles across them. Articles come
/// out in input order: inputs as given, files of a folder by path, records in file order.
pub fn read_all(
    inputs: &[InputSpec],
    opts: &ReadOptions,
    progress: &Progress,
) -> Result<Vec<Document>> {
    let selectors = opts.html.compile().map_err(anyhow::Error::msg)?;
    // One job per file.
    let mut jobs: Vec<(usize, Kind, PathBuf, String)> = Vec::new();
    for (i, input) in inputs.iter().enumerate() {
        let kind = input.kind()?;
        let is_dir = input.path.is_dir();
        match (kind, is_dir) {
            (Kind::Markdown | Kind::Html, true) => {
                let exts: &[&str] = if kind == Kind::Markdown {
                    &["md", "markdown"]
                } else {
                    &["html", "htm"]
                };
                let files = folder_files(&input.path, exts, &input.exclude)?;
                if files.is_empty() {
                    bail!(
                        "{}: no articles found; the folder has no {kind} files",
                        input.path.display()
                    );
                }
                jobs.extend(files.into_iter().map(|(p, rel)| (i, kind, p, rel)));
            }
            (Kind::Jsonl | Kind::Json, true) => bail!(
                "{}: is a folder; a {kind} input is one file",
                input.path.display()
            ),
            (_, false) => {
                let rel = input
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                jobs.push((i, kind, input.path.clone(), rel));
            }
        }
    }

    let bar = progress.bar("reading", jobs.len() as u64);
    let read: Vec<Result<Vec<Located>>> = jobs
        .par_iter()
        .map(|(i, kind, path, rel)| {
            let input = &inputs[*i];
            let result = read_file(*kind, path, rel, input, &selectors);
            bar.inc(1);
            result
        })
        .collect();
    bar.finish_and_clear();

    let mut docs = Vec::new();
    let mut seen: HashMap<String, (PathBuf, usize)> = HashMap::new();
    for located in read {
        for l in located? {
            if let Some((file, line)) = seen.get(&l.doc.id) {
                let place = if *file == l.file {
                    format!("on line {line}")
                } else {
                    format!("in {}:{line}", file.display())
                };
                return Err(RecordError {
                    column: l.column,
                    ..RecordError::new(
                        &l.file,
                        l.line,
                        Some("id".into()),
                        format!("{:?} is already used {place}; ids must be unique", l.doc.id),
                    )
                }
                .into());
            }
            seen.insert(l.doc.id.clone(), (l.file, l.line));
            docs.push(l.doc);
        }
    }
    if docs.is_empty() {
        let names: Vec<String> = inputs
            .iter()
            .map(|i| i.path.display().to_string())
            .collect();
        bail!(
            "{}: no articles found; the input is empty",
            names.join(", ")
        );
    }
    Ok(docs)
}

fn read_file(
    kind: Kind,
    path: &Path,
    rel: &str,
    input: &InputSpec,
    selectors: &html::Compiled,
) -> Result<Vec<Located>> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = || {
        String::from_utf8(bytes.clone()).map_err(|e| {
            let (line, _) = corpus::line_column(
                // The valid part is UTF-8 by definition.
                std::str::from_utf8(&bytes[..e.utf8_error().valid_up_to()]).unwrap_or_default(),
                e.utf8_error().valid_up_to(),
            );
            RecordError::new(path, line, None, "not valid UTF-8")
        })
    };
    let defaults = &input.defaults;
    let base_url = input.base_url.as_deref();
    let sourced: Vec<Sourced> = match kind {
        Kind::Jsonl => corpus::read_jsonl(path, &bytes, defaults)?,
        Kind::Json => corpus::read_json_array(path, &text()?, defaults)?,
        Kind::Markdown => {
            let id = rel.rsplit_once('.').map_or(rel, |(stem, _)| stem);
            markdown::read(path, &text()?, id, defaults, base_url)?
                .into_iter()
                .collect()
        }
        Kind::Html if html::is_noindex(&text()?) => Vec::new(),
        Kind::Html => vec![html::read(
            path,
            &text()?,
            rel,
            selectors,
            defaults,
            base_url,
        )?],
    };
    Ok(sourced
        .into_iter()
        .map(|s| Located {
            doc: s.doc,
            file: path.to_path_buf(),
            line: s.line,
            column: s.column,
        })
        .collect())
}
