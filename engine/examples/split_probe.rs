//! Measures what a split index makes a first query download: for each part size tried, the
//! parts and bytes loaded until the query's answer is complete (titles and snippets of the
//! first page). Run: `cargo run --release -p faq-search-engine --example split_probe --
//! corpus.jsonl "first query" ["another query" …]` (corpus in the JSON Lines schema).

use std::collections::HashMap;

use faq_search_engine::{Index, IndexWriter, SearchOptions, SplitSizes, Weights};

// The integration tests' corpus reader.
#[path = "../tests/common.rs"]
mod common;

fn main() {
    let mut args = std::env::args().skip(1);
    let corpus = args.next().expect("usage: split_probe corpus.jsonl query…");
    let queries: Vec<String> = args.collect();
    let mut docs = common::read_jsonl(&corpus);
    // As the builder orders a split index.
    faq_search_engine::order_for_split(&mut docs);
    println!("chunk  titles bodies | main    parts | query: parts / bytes loaded (rounds)");
    for (chunk, titles, bodies) in [(8, 1, 2), (8, 2, 4), (16, 2, 4), (16, 4, 8), (32, 8, 16)] {
        let mut w = IndexWriter::new(Weights::default());
        for d in &docs {
            w.add(d);
        }
        let sizes = SplitSizes {
            chunk_bytes: chunk * 1024,
            titles_bytes: titles * 1024,
            bodies_bytes: bodies * 1024,
        };
        let split = w.finish_split(sizes, |_| "probe.".to_string());
        let main_len = split.main.len();
        let files: HashMap<String, Vec<u8>> = split.parts.into_iter().collect();
        print!(
            "{chunk:>4}K {titles:>5}K {bodies:>5}K | {main_len:>7} {:>5} |",
            files.len()
        );
        for q in &queries {
            let index = Index::from_bytes(split.main.clone()).unwrap();
            let (mut parts, mut bytes, mut rounds) = (0, 0, 0);
            let mut by_kind: HashMap<&str, (usize, usize)> = HashMap::new();
            // Every keystroke of the query, as typed.
            let prefixes: Vec<String> = (1..=q.chars().count())
                .map(|n| q.chars().take(n).collect())
                .collect();
            for typed in prefixes.iter().rev().take(1) {
                for _ in 0..8 {
                    let r = index.search(typed, &SearchOptions::default());
                    if r.lacks.parts().is_empty() {
                        break;
                    }
                    rounds += 1;
                    for p in r.lacks.parts() {
                        let f = &index.parts()[p].file;
                        parts += 1;
                        bytes += files[f].len();
                        let e = by_kind.entry(index.parts()[p].kind.name()).or_default();
                        e.0 += 1;
                        e.1 += files[f].len();
                        index.add_part(p, files[f].clone()).unwrap();
                    }
                }
            }
            let mut kinds: Vec<_> = by_kind.into_iter().collect();
            kinds.sort();
            print!(" {q:?}: {parts} / {bytes} ({rounds}) {kinds:?}");
        }
        println!();
    }
}
