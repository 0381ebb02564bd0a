//! The `build` subcommand: articles in, one index per locale out (built in parallel), written
//! through `output` as content-hashed files with compressed copies and a manifest, then a
//! summary per locale.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use anyhow::{bail, Result};
use faq_search_engine::{Document, IndexStats, IndexWriter, SplitSizes, Weights};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::output::{self, LocaleFiles};
use crate::progress::Progress;

pub struct BuildOptions {
    pub out_dir: PathBuf,
    pub weights: Weights,
    /// Groups of equivalent terms (see `synonyms.rs`).
    pub synonyms: Vec<Vec<String>>,
    /// Build only these locales (exact tags, in the corpus's spelling); `None` builds all.
    pub locales: Option<Vec<String>>,
    /// Brotli quality for every file; `None` picks one by file size.
    pub brotli_quality: Option<u32>,
    /// Whether each locale's index is split into a main file and parts.
    pub split: Split,
    /// How many earlier builds' files stay in the folder (see `generations`).
    pub keep_generations: usize,
}

/// When to split an index into a main file and parts fetched as searches need them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    /// Above [`SPLIT_ABOVE_TEXT_BYTES`] of article text.
    Auto,
    Always,
    Never,
}

/// Article text (titles, sections, bodies) above which `Split::Auto` splits. An index is
/// mostly its text, about a third of it after brotli: at 512 KiB the whole file is some
/// 170 KB on the wire, a second on a slow mobile link (1.6 Mbps), while a split index shows
/// a query's first results after its main file and about 20 small parts, 60 to 100 KB. Below
/// this size one file wins: one request, and every later keystroke is answered at once.
pub const SPLIT_ABOVE_TEXT_BYTES: usize = 512 * 1024;

fn should_split(split: Split, docs: &[Document]) -> bool {
    match split {
        Split::Always => true,
        Split::Never => false,
        Split::Auto => {
            let text: usize = docs
                .iter()
                .map(|d| d.title.len() + d.section.len() + d.body.len())
                .sum();
            text > SPLIT_ABOVE_TEXT_BYTES
        }
    }
}

/// One output file and the sizes of its copies.
pub struct FileSummary {
    pub name: String,
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub struct LocaleSummary {
    pub locale: String,
    pub stats: IndexStats,
    pub files: Vec<FileSummary>,
    /// How many of `files`, at the end, are the parts of a split index.
    pub split_parts: usize,
}

pub struct Summary {
    pub out_dir: PathBuf,
    pub default: String,
    pub locales: Vec<LocaleSummary>,
    /// Files of an earlier build that could not be removed.
    pub leftovers: Vec<PathBuf>,
    pub seconds: f64,
}

/// Articles grouped by locale: groups in the order their locale first appears, articles in
/// input order inside each group.
pub fn group_by_locale(docs: Vec<Document>) -> Vec<(String, Vec<Document>)> {
    let mut groups: Vec<(String, Vec<Document>)> = Vec::new();
    for doc in docs {
        match groups.iter_mut().find(|(l, _)| *l == doc.locale) {
            Some((_, group)) => group.push(doc),
            None => groups.push((doc.locale.clone(), vec![doc])),
        }
    }
    groups
}

/// One locale's index: its locale, main file, split parts (named) and statistics.
type Built = (String, Vec<u8>, Vec<(String, Vec<u8>)>, IndexStats);

/// Builds and writes the indexes of `docs` (already read and checked). `started` is when
/// reading began, for the summary's time.
pub fn run(
    opts: &BuildOptions,
    docs: Vec<Document>,
    progress: &Progress,
    started: Instant,
) -> Result<Summary> {
    let mut groups = group_by_locale(docs);
    if let Some(wanted) = &opts.locales {
        let have: Vec<&str> = groups.iter().map(|(l, _)| l.as_str()).collect();
        if let Some(missing) = wanted.iter().find(|w| !have.contains(&w.as_str())) {
            bail!(
                "locales: no article has locale {missing:?}; the input has {}",
                have.join(", ")
            );
        }
        groups.retain(|(l, _)| wanted.contains(l));
    }
    let total: usize = groups.iter().map(|(_, d)| d.len()).sum();

    let bar = progress.bar("indexing", total as u64);
    let built: Vec<Built> = groups
        .into_par_iter()
        .map(|(locale, mut docs)| {
            let split = should_split(opts.split, &docs);
            if split {
                faq_search_engine::order_for_split(&mut docs);
            }
            let mut writer = IndexWriter::new(opts.weights);
            writer.set_synonyms(opts.synonyms.clone());
            // Tokenized on all cores, added in order (the engine's `parallel` feature).
            let added = AtomicUsize::new(0);
            writer.add_all(&docs, |n| {
                bar.inc((n - added.swap(n, Ordering::Relaxed)) as u64);
            });
            if split {
                let index = writer.finish_split(SplitSizes::default(), |parts| {
                    let mut hash = Sha256::new();
                    for part in parts {
                        hash.update(part);
                    }
                    let digest = hash.finalize();
                    let hex: String = digest[..5].iter().map(|b| format!("{b:02x}")).collect();
                    format!("{locale}.{hex}.")
                });
                (locale, index.main, index.parts, index.stats)
            } else {
                let (bytes, stats) = writer.finish();
                (locale, bytes, Vec::new(), stats)
            }
        })
        .collect();
    bar.finish_and_clear();

    let spinner = progress.spinner("compressing");
    let mut stats = Vec::new();
    let files = built
        .into_iter()
        .map(|(locale, main, parts, s)| {
            let documents = s.documents;
            stats.push(s);
            LocaleFiles {
                locale,
                documents,
                main,
                extra: Vec::new(),
                parts,
            }
        })
        .collect();
    let prepared = output::prepare(files, opts.brotli_quality);
    spinner.finish_and_clear();

    let leftovers = output::write(
        &opts.out_dir,
        &prepared,
        opts.brotli_quality,
        opts.keep_generations,
    )?;
    let default = output::manifest(&prepared).default;
    let locales = prepared
        .into_iter()
        .zip(stats)
        .map(|(l, stats)| LocaleSummary {
            locale: l.locale,
            stats,
            split_parts: l.split_parts,
            files: l
                .files
                .iter()
                .map(|f| FileSummary {
                    name: f.name.clone(),
                    raw: f.raw.len(),
                    gzip: f.gzip.len(),
                    brotli: f.brotli.len(),
                })
                .collect(),
        })
        .collect();
    Ok(Summary {
        out_dir: opts.out_dir.clone(),
        default,
        locales,
        leftovers,
        seconds: started.elapsed().as_secs_f64(),
    })
}

pub fn print_summary(s: &Summary) {
    let kib = |b: usize| b as f64 / 1024.0;
    println!(
        "wrote {} ({} locale{}, default {})",
        s.out_dir
            .join(crate::manifest::MANIFEST_FILE_NAME)
            .display(),
        s.locales.len(),
        if s.locales.len() == 1 { "" } else { "s" },
        s.default
    );
    for l in &s.locales {
        println!(
            "  {:<8} documents  {}, terms {}",
            l.locale, l.stats.documents, l.stats.terms
        );
        let (whole, parts) = l.files.split_at(l.files.len() - l.split_parts);
        if !parts.is_empty() {
            let sum = |f: fn(&FileSummary) -> usize| parts.iter().map(f).sum::<usize>();
            let (raw, gzip, brotli) = (sum(|f| f.raw), sum(|f| f.gzip), sum(|f| f.brotli));
            println!(
                "           split: {} parts ({} …), {} bytes ({:.1} KiB), gzip {} bytes, brotli {} bytes",
                parts.len(),
                parts[0].name,
                raw,
                kib(raw),
                gzip,
                brotli
            );
        }
        for f in whole {
            println!("           {}", f.name);
            println!(
                "             {} bytes ({:.1} KiB), gzip {} bytes ({:.1} KiB), brotli {} bytes ({:.1} KiB)",
                f.raw,
                kib(f.raw),
                f.gzip,
                kib(f.gzip),
                f.brotli,
                kib(f.brotli)
            );
        }
    }
    for path in &s.leftovers {
        eprintln!(
            "index-builder: warning: could not remove {}, a file of an earlier build",
            path.display()
        );
    }
    println!("  took       {:.2} s", s.seconds);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, locale: &str) -> Document {
        Document {
            id: id.into(),
            title: "t".into(),
            body: String::new(),
            url: "/".into(),
            category: "c".into(),
            published: 0,
            updated: 0,
            views: 0,
            locale: locale.into(),
            section: String::new(),
            headings: Vec::new(),
        }
    }

    #[test]
    fn groups_keep_first_appearance_and_input_order() {
        let groups = group_by_locale(vec![
            doc("1", "de"),
            doc("2", "en"),
            doc("3", "de"),
            doc("4", "zh-CN"),
            doc("5", "en"),
        ]);
        let shape: Vec<(&str, Vec<&str>)> = groups
            .iter()
            .map(|(l, d)| (l.as_str(), d.iter().map(|d| d.id.as_str()).collect()))
            .collect();
        assert_eq!(
            shape,
            vec![
                ("de", vec!["1", "3"]),
                ("en", vec!["2", "5"]),
                ("zh-CN", vec!["4"])
            ]
        );
    }
}
