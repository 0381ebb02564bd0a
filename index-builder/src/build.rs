//! The `build` subcommand: corpus in, index file out, written atomically, with a summary.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result};
use faq_search_engine::{IndexStats, IndexWriter, Weights};
use flate2::{write::GzEncoder, Compression};

use crate::corpus;

/// File name of the index inside the output folder; the widget looks for it there.
pub const INDEX_FILE_NAME: &str = "faq-search.idx";

pub struct BuildOptions {
    pub input: PathBuf,
    pub out_dir: PathBuf,
    pub weights: Weights,
    /// Groups of equivalent terms (see `synonyms.rs`).
    pub synonyms: Vec<Vec<String>>,
}

pub struct Summary {
    pub path: PathBuf,
    pub stats: IndexStats,
    pub gzip_bytes: usize,
    pub seconds: f64,
}

pub fn run(opts: &BuildOptions) -> Result<Summary> {
    let started = Instant::now();
    let bytes =
        fs::read(&opts.input).with_context(|| format!("cannot read {}", opts.input.display()))?;
    let docs = corpus::read_jsonl(&opts.input, &bytes)?;
    if docs.is_empty() {
        anyhow::bail!(
            "{}: no articles found; the file is empty",
            opts.input.display()
        );
    }

    let mut writer = IndexWriter::new(opts.weights);
    writer.set_synonyms(opts.synonyms.clone());
    for doc in &docs {
        writer.add(doc);
    }
    let (index, stats) = writer.finish();
    let path = write_atomically(&opts.out_dir, INDEX_FILE_NAME, &index)?;

    let mut gz = GzEncoder::new(Vec::new(), Compression::best());
    gz.write_all(&index)?;
    let gzip_bytes = gz.finish()?.len();
    Ok(Summary {
        path,
        stats,
        gzip_bytes,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Writes `bytes` to `dir/name` through a temporary file in the same folder and a rename, so a
/// reader never sees a half-written index and a failed build leaves the old one in place.
fn write_atomically(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf> {
    fs::create_dir_all(dir)
        .with_context(|| format!("cannot create output folder {}", dir.display()))?;
    let target = dir.join(name);
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| -> Result<()> {
        let mut file =
            fs::File::create(&temp).with_context(|| format!("cannot create {}", temp.display()))?;
        file.write_all(bytes)
            .with_context(|| format!("cannot write {}", temp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot flush {}", temp.display()))?;
        fs::rename(&temp, &target)
            .with_context(|| format!("cannot move the index into {}", target.display()))
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result.map(|()| target)
}

pub fn print_summary(s: &Summary) {
    let kib = |b: usize| b as f64 / 1024.0;
    println!("wrote {}", s.path.display());
    println!("  documents  {}", s.stats.documents);
    println!("  terms      {}", s.stats.terms);
    println!(
        "  index      {} bytes ({:.1} KiB), gzip {} bytes ({:.1} KiB)",
        s.stats.total_bytes,
        kib(s.stats.total_bytes),
        s.gzip_bytes,
        kib(s.gzip_bytes)
    );
    for (name, len) in &s.stats.sections {
        println!("    {name:<16} {len:>10} bytes");
    }
    println!("  took       {:.2} s", s.seconds);
}
