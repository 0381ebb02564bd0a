//! index-builder: turns a help-center corpus into faq-search indexes. This file is argument
//! handling and error reporting only; options are merged in `config`, articles read in
//! `input`, and the indexes built and written in `build`.

mod build;
mod config;
mod corpus;
mod html;
mod input;
mod manifest;
mod markdown;
mod output;
mod progress;
mod search;
mod synonyms;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use faq_search_engine::SortOrder;

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
    /// Read articles and write one index per locale into the output folder.
    ///
    /// Inputs are JSON Lines files (one article per line: {"id", "title", "body", "url",
    /// "category", "published", "updated", "views", "locale"} and optionally "section";
    /// other fields are ignored), JSON files holding an array of such objects, folders of
    /// Markdown files with YAML or TOML front matter, and folders of built HTML pages. Dates
    /// are YYYY-MM-DD. A bad article stops the build with `file:line: field: problem` and
    /// leaves any existing output untouched.
    ///
    /// The output folder receives `<locale>.<hash>.idx` per locale (the hash changes with
    /// the content, so these files can be cached forever), a `.br` and a `.gz` copy of each,
    /// and `faq-search.json`, the manifest naming them. Files of the previous build that the
    /// new manifest no longer names are removed; other files in the folder are left alone.
    Build {
        #[command(flatten)]
        args: config::BuildArgs,
        /// auto: split a locale's index into a main file and parts fetched on demand when its
        /// articles hold more than 512 KiB of text; always; never (one file per locale).
        #[arg(long, value_name = "WHEN", default_value = "auto", value_parser = parse_split)]
        split: build::Split,
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

fn parse_split(s: &str) -> Result<build::Split, String> {
    match s {
        "auto" => Ok(build::Split::Auto),
        "always" => Ok(build::Split::Always),
        "never" => Ok(build::Split::Never),
        _ => Err(format!("unknown value {s:?}; use auto, always or never")),
    }
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
        Command::Build { args, split, quiet } => {
            let settings = args.settings(split)?;
            let started = std::time::Instant::now();
            let progress = progress::Progress::new(quiet);
            let docs = input::read_all(
                &settings.inputs,
                &input::ReadOptions {
                    html: &settings.html,
                },
                &progress,
            )?;
            let summary = build::run(&settings.build, docs, &progress, started)?;
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
