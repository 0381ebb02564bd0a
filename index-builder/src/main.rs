//! index-builder: turns a help-center corpus into a faq-search index. This file is argument
//! handling and error reporting only; the work lives in `build` and `corpus`.

mod build;
mod corpus;
mod manifest;
mod output;
mod progress;
mod search;
mod synonyms;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use faq_search_engine::{SortOrder, Weights};

/// Build faq-search indexes for static help centers.
///
/// Exit status: 0 on success, 1 when the input is invalid or the index cannot be written,
/// 2 on a usage error.
#[derive(Parser)]
#[command(name = "index-builder", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles from a JSON Lines file and write one index per locale into DIR.
    ///
    /// Each line is one article: {"id", "title", "body", "url", "category", "published",
    /// "updated", "views", "locale"} and optionally "section"; other fields are ignored.
    /// Dates are YYYY-MM-DD. A bad line stops the build with `file:line: field: problem`
    /// and leaves any existing output untouched.
    ///
    /// DIR receives `<locale>.<hash>.idx` per locale (the hash changes with the content, so
    /// these files can be cached forever), a `.br` and a `.gz` copy of each, and
    /// `faq-search.json`, the manifest naming them. Files of the previous build that the new
    /// manifest no longer names are removed; other files in DIR are left alone.
    Build {
        /// The corpus, one JSON object per line.
        input: PathBuf,
        /// Folder to write the indexes and manifest into (created if missing).
        #[arg(long, short, value_name = "DIR")]
        out: PathBuf,
        /// Build only these locales (comma-separated tags as the articles spell them);
        /// default: every locale of the input.
        #[arg(long, value_name = "TAGS", value_delimiter = ',')]
        locales: Option<Vec<String>>,
        /// Brotli quality (0-11) of the .br copies; by default 11 for files up to 1 MiB, 9 up
        /// to 16 MiB, 5 above.
        #[arg(long, value_name = "Q", value_parser = clap::value_parser!(u32).range(0..=11))]
        brotli_quality: Option<u32>,
        /// BM25F boost of the title field.
        #[arg(long, value_name = "W", default_value_t = Weights::default().title)]
        title_weight: f32,
        /// BM25F boost of the section/breadcrumb field.
        #[arg(long, value_name = "W", default_value_t = Weights::default().section)]
        section_weight: f32,
        /// BM25F boost of the body field.
        #[arg(long, value_name = "W", default_value_t = Weights::default().body)]
        body_weight: f32,
        /// How much view counts lift results (0 turns popularity off).
        #[arg(long, value_name = "W", default_value_t = Weights::default().popularity)]
        popularity: f32,
        /// How much results gain when the query's words stand close together.
        #[arg(long, value_name = "W", default_value_t = Weights::default().proximity)]
        proximity: f32,
        /// A synonyms file: one group of equivalent terms per line, comma-separated
        /// ("2fa, two-factor authentication"); `#` starts a comment. Stored in the index and
        /// applied at query time.
        #[arg(long, value_name = "FILE")]
        synonyms: Option<PathBuf>,
        /// Print nothing on success.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Query a built index and print the ranked results with highlights in [brackets].
    Search {
        /// The output folder of a build (its faq-search.json picks the index), or an .idx
        /// file itself.
        index: PathBuf,
        /// The query, as typed into the search box.
        #[arg(required_unless_present = "queries")]
        query: Option<String>,
        /// Run every query of a JSON Lines file ({"query": "..."} per line; other fields are
        /// ignored; `-` reads standard input) in one process and print one JSON line of results
        /// per query, in order.
        #[arg(long, value_name = "FILE", conflicts_with = "query")]
        queries: Option<PathBuf>,
        /// Print the results as JSON (ids, titles, scores, snippets, highlights, totals).
        #[arg(long)]
        json: bool,
        /// How many results to print.
        #[arg(long, short = 'n', default_value_t = 10)]
        limit: usize,
        /// Only results in this category.
        #[arg(long)]
        category: Option<String>,
        /// Search this locale's index (default: the manifest's default locale), with the
        /// query stemmed for its language ("de", "zh-CN"; a bare language picks its first
        /// regional locale).
        #[arg(long)]
        locale: Option<String>,
        /// relevance, newest or views.
        #[arg(long, default_value = "relevance", value_parser = parse_sort)]
        sort: SortOrder,
    },
}

fn parse_sort(s: &str) -> Result<SortOrder, String> {
    SortOrder::parse(s).ok_or_else(|| format!("unknown sort {s:?}; use relevance, newest or views"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("index-builder: error: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build {
            input,
            out,
            locales,
            brotli_quality,
            title_weight,
            section_weight,
            body_weight,
            popularity,
            proximity,
            synonyms,
            quiet,
        } => {
            for (flag, w) in [
                ("--title-weight", title_weight),
                ("--section-weight", section_weight),
                ("--body-weight", body_weight),
                ("--popularity", popularity),
                ("--proximity", proximity),
            ] {
                if !(w.is_finite() && w >= 0.0) {
                    anyhow::bail!("{flag} must be a non-negative number, got {w}");
                }
            }
            let weights = Weights {
                title: title_weight,
                section: section_weight,
                body: body_weight,
                popularity,
                proximity,
                ..Weights::default()
            };
            let synonyms = match synonyms {
                Some(path) => synonyms::read(&path)?,
                None => Vec::new(),
            };
            let started = std::time::Instant::now();
            let progress = progress::Progress::new(quiet);
            let docs = corpus::read_file(&input, &progress)?;
            let summary = build::run(
                &build::BuildOptions {
                    out_dir: out,
                    weights,
                    synonyms,
                    locales,
                    brotli_quality,
                },
                docs,
                &progress,
                started,
            )?;
            if !quiet {
                build::print_summary(&summary);
            }
            Ok(())
        }
        Command::Search {
            index,
            query,
            queries,
            json,
            limit,
            category,
            locale,
            sort,
        } => {
            let input = match (&query, &queries) {
                (_, Some(file)) => search::Input::Batch(file),
                (Some(q), None) => search::Input::One(q, json),
                (None, None) => anyhow::bail!("give a query or --queries FILE"),
            };
            search::run(&index, input, limit, category, locale, sort)
        }
    }
}
