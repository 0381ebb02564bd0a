//! The `search` subcommand: query a built index from the terminal, to check what a build
//! will show in the widget.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use faq_search_engine::{Index, SearchOptions, SortOrder};

use crate::build::INDEX_FILE_NAME;

pub fn run(
    index_path: &Path,
    query: &str,
    limit: usize,
    category: Option<String>,
    sort: SortOrder,
) -> Result<()> {
    let path = if index_path.is_dir() {
        index_path.join(INDEX_FILE_NAME)
    } else {
        index_path.to_path_buf()
    };
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let index =
        Index::from_bytes(bytes).with_context(|| format!("cannot open {}", path.display()))?;
    let started = std::time::Instant::now();
    let results = index.search(
        query,
        &SearchOptions {
            limit,
            category,
            sort,
            ..SearchOptions::default()
        },
    );
    let elapsed = started.elapsed();
    match print(&results, elapsed) {
        // `index-builder search … | head` closes the pipe early; that is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the results"),
    }
}

fn print(
    results: &faq_search_engine::SearchResults,
    elapsed: std::time::Duration,
) -> io::Result<()> {
    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} results{} in {:.2} ms",
        results.total,
        if results.partial {
            " (partial matches)"
        } else {
            ""
        },
        elapsed.as_secs_f64() * 1000.0
    )?;
    for hit in &results.hits {
        writeln!(
            out,
            "\n{:>8.3}  {}  [{}]  {}",
            hit.score,
            mark(&hit.title, &hit.title_highlights),
            hit.category,
            hit.id
        )?;
        writeln!(
            out,
            "          {}",
            mark(&hit.snippet, &hit.snippet_highlights)
        )?;
    }
    Ok(())
}

/// Brackets highlighted ranges, e.g. "[Withdraw]ing funds".
fn mark(text: &str, ranges: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(text.len() + ranges.len() * 2);
    let mut at = 0;
    for &(s, e) in ranges {
        out.push_str(&text[at..s]);
        out.push('[');
        out.push_str(&text[s..e]);
        out.push(']');
        at = e;
    }
    out.push_str(&text[at..]);
    out
}
