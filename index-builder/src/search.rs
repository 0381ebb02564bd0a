//! The `search` subcommand: query a built index from the terminal, to check what a build
//! will show in the widget: its hits and, under each, the headings it links to.

use std::io::{self, Write};
use std::path::Path;

use anyhow::{Context, Result};
use faq_search_engine::{Index, SearchOptions, SearchResults, SortOrder, SUB_RESULTS};

use crate::manifest::resolve_index;

/// What to search for and how to print it.
pub enum Input<'a> {
    /// One query; `true` prints JSON instead of text.
    One(&'a str, bool),
    /// A JSON Lines file of `{"query": "..."}` objects (`-` reads standard input); one JSON
    /// line of results per query.
    Batch(&'a Path),
}

pub fn run(
    index_path: &Path,
    input: Input,
    limit: usize,
    category: Option<String>,
    locale: Option<String>,
    sort: SortOrder,
) -> Result<()> {
    let path = resolve_index(index_path, locale.as_deref())?;
    let bytes = std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))?;
    let index =
        Index::from_bytes(bytes).with_context(|| format!("cannot open {}", path.display()))?;
    if index.is_split() {
        // A split index is searched whole from the command line: every part is read up front.
        let folder = path.parent().unwrap_or(Path::new("."));
        for (part, info) in index.parts().iter().enumerate() {
            let file = folder.join(&info.file);
            let bytes =
                std::fs::read(&file).with_context(|| format!("cannot read {}", file.display()))?;
            index
                .add_part(part, bytes)
                .with_context(|| format!("cannot open {}", file.display()))?;
        }
    }
    let options = SearchOptions {
        limit,
        category,
        locale,
        sort,
        ..SearchOptions::default()
    };
    let timed = |query: &str| {
        let started = std::time::Instant::now();
        let results = index.search(query, &options);
        (results, started.elapsed())
    };
    let written = match input {
        Input::One(query, false) => {
            let (results, elapsed) = timed(query);
            print(&results, elapsed)
        }
        Input::One(query, true) => {
            let (results, elapsed) = timed(query);
            print_json(&mut io::stdout().lock(), query, &results, elapsed)
        }
        Input::Batch(file) => {
            let queries = read_queries(file)?;
            let mut out = io::BufWriter::new(io::stdout().lock());
            queries
                .iter()
                .try_for_each(|query| {
                    let (results, elapsed) = timed(query);
                    print_json(&mut out, query, &results, elapsed)
                })
                .and_then(|()| out.flush())
        }
    };
    match written {
        // `index-builder search … | head` closes the pipe early; that is not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        other => other.context("cannot write the results"),
    }
}

/// The queries of a JSON Lines file, in order; blank lines are skipped.
fn read_queries(file: &Path) -> Result<Vec<String>> {
    let text = if file == Path::new("-") {
        io::read_to_string(io::stdin()).context("cannot read the queries from standard input")?
    } else {
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?
    };
    let mut queries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}:{}", file.display(), i + 1);
        let value: serde_json::Value =
            serde_json::from_str(line).with_context(|| format!("{}: invalid JSON", at()))?;
        match value.get("query") {
            Some(serde_json::Value::String(q)) => queries.push(q.clone()),
            _ => anyhow::bail!("{}: query: expected a string", at()),
        }
    }
    Ok(queries)
}

/// One line of JSON: the query, the time it took, then the engine's results as they are
/// (field names in snake case, each hit with its `sub_results`).
fn print_json(
    out: &mut impl Write,
    query: &str,
    results: &SearchResults,
    elapsed: std::time::Duration,
) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Answer<'a> {
        query: &'a str,
        elapsed_ms: f64,
        #[serde(flatten)]
        results: &'a SearchResults,
    }
    let answer = Answer {
        query,
        elapsed_ms: elapsed.as_secs_f64() * 1000.0,
        results,
    };
    serde_json::to_writer(&mut *out, &answer)?;
    writeln!(out)
}

fn print(results: &SearchResults, elapsed: std::time::Duration) -> io::Result<()> {
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
    if let Some(suggestion) = &results.suggestion {
        writeln!(out, "Did you mean: {suggestion}")?;
    }
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
        for sub in hit.sub_results.iter().take(SUB_RESULTS) {
            writeln!(
                out,
                "            > {}  {}",
                mark(&sub.title, &sub.title_highlights),
                sub.url
            )?;
            if !sub.snippet.is_empty() {
                writeln!(
                    out,
                    "              {}",
                    mark(&sub.snippet, &sub.snippet_highlights)
                )?;
            }
        }
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
