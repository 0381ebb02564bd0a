//! index-builder: turns a help-center corpus into faq-search indexes. This file is argument
//! handling and error reporting only; options are merged in `config`, articles read in
//! `input`, and the indexes built and written in `build`.

mod anchors;
mod build;
mod config;
mod corpus;
mod generations;
mod html;
mod input;
mod manifest;
mod markdown;
mod output;
mod progress;
mod search;
mod sections;
mod site;
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
    /// Read articles and write the search into the output folder: the loader
    /// `faq-search.js` (the one script a page names), the widget's files in a folder named
    /// after their content, and the index in `index/`.
    ///
    /// Inputs are JSON Lines files (one article per line: {"id", "title", "body", "url",
    /// "category", "published", "updated", "views", "locale"} and optionally "section" and
    /// "sections", the parts of a long article under their headings, [{"heading", "anchor",
    /// "text"}]; other fields are ignored), JSON files holding an array of such objects,
    /// folders of Markdown files with YAML or TOML front matter, and folders of built HTML
    /// pages. Headings become deep links (`url#anchor`) in the results. Dates are
    /// YYYY-MM-DD. A bad article stops the build with `file:line: field: problem` and
    /// leaves any existing output untouched.
    ///
    /// A folder of built HTML pages with the output folder inside it (`build public/ --out
    /// public/search`) is a site build: the pages are indexed, the output folder left out,
    /// and the summary gives the script tag to paste.
    ///
    /// The index folder receives `<locale>.<hash>.idx` per locale (the hash changes with the
    /// content, so these files can be cached forever), a `.br` and a `.gz` copy of each, and
    /// `faq-search.json`, the manifest naming them. Files of the previous build stay (see
    /// --keep-generations), older ones are removed; other files in the folder are left alone.
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
        /// Write only the manifest and the index files, straight into the output folder
        /// (no loader, no widget).
        #[arg(long)]
        index_only: bool,
        /// How many earlier builds' hashed files stay, for pages loaded just before a deploy.
        #[arg(long, value_name = "N", default_value_t = 1)]
        keep_generations: usize,
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
        Command::Build {
            args,
            split,
            quiet,
            index_only,
            keep_generations,
        } => {
            if !index_only {
                site::check_widget()?;
            }
            let mut settings = args.settings(split)?;
            settings.build.keep_generations = keep_generations;
            let out = settings.build.out_dir.clone();
            site::exclude_output(&mut settings.inputs, &out)?;
            let inside = site::inside_input(&settings.inputs, &out);
            if !index_only {
                settings.build.out_dir = out.join(site::INDEX_FOLDER);
            }
            let started = std::time::Instant::now();
            let progress = progress::Progress::new(quiet);
            let docs = input::read_all(
                &settings.inputs,
                &input::ReadOptions {
                    html: &settings.html,
                },
                &progress,
            )?;
            if index_only {
                let summary = build::run(&settings.build, docs, &progress, started)?;
                if !quiet {
                    build::print_summary(&summary);
                }
                return Ok(());
            }
            // The widget's new folder first (nothing names it yet), then the index, then the
            // loader that names both.
            let out_existed = out.exists();
            let (folder, created) = site::write_assets(&out, settings.build.brotli_quality)?;
            let summary = match build::run(&settings.build, docs, &progress, started) {
                Ok(summary) => summary,
                Err(err) => {
                    if created {
                        let _ = std::fs::remove_dir_all(out.join(&folder));
                    }
                    if !out_existed {
                        let _ = std::fs::remove_dir(&out); // only succeeds while empty
                    }
                    return Err(err);
                }
            };
            site::write_loader(&out, &folder)?;
            let leftovers = site::prune(&out, &folder, keep_generations);
            if !quiet {
                build::print_summary(&summary);
                site::print_summary(&out, &folder, inside.as_deref());
            }
            for path in leftovers {
                eprintln!(
                    "index-builder: warning: could not remove {}, a folder of an earlier build",
                    path.display()
                );
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
