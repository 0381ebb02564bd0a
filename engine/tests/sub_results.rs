//! Sub-results: a hit whose article has headings links to the headings whose parts matched
//! best, in an index in one file and in a split one; articles without headings cost nothing.

mod common;

use common::{build, doc, open};
use faq_search_engine::{
    Document, Heading, Index, IndexWriter, SearchOptions, SplitSizes, SubResult, Weights,
};

/// A long article: an introduction, then parts under headings.
fn manual() -> Document {
    manual_with_filler(10)
}

/// The manual with `n` sentences of filler after each part.
fn manual_with_filler(n: usize) -> Document {
    let filler = "Background words about spreadsheets and their many uses. ".repeat(n);
    let parts = [
        (
            "Getting started",
            "getting-started",
            format!("Open a new sheet and type your numbers. {filler}"),
        ),
        (
            "Looking up values",
            "lookup",
            format!("The VLOOKUP function finds a value in the first column of a range. {filler}"),
        ),
        (
            "Charts",
            "charts",
            format!("A chart shows your numbers as bars or lines. {filler}"),
        ),
        (
            "Fees for exports",
            "fees",
            format!("Exporting a chart costs nothing. {filler}"),
        ),
        (
            "When nothing is found",
            "lookup-errors",
            format!("When VLOOKUP finds nothing it shows #N/A; check the range. {filler}"),
        ),
    ];
    let mut body = format!("This manual explains spreadsheets. {filler}");
    let mut headings = Vec::new();
    for (heading, anchor, text) in parts {
        body.push_str("\n\n");
        headings.push(Heading {
            text: heading.into(),
            anchor: anchor.into(),
            start: body.len(),
        });
        body.push_str(heading);
        body.push_str("\n\n");
        body.push_str(&text);
    }
    Document {
        headings,
        ..doc("sheets", "Spreadsheet manual", &body, "Manuals", 5)
    }
}

fn corpus() -> Vec<Document> {
    vec![
        manual(),
        doc(
            "charts",
            "Make a chart",
            "Select numbers and press Chart.",
            "FAQ",
            50,
        ),
        doc(
            "vlookup",
            "VLOOKUP reference",
            "VLOOKUP finds values by their key.",
            "FAQ",
            10,
        ),
    ]
}

fn hit_of<'a>(
    results: &'a faq_search_engine::SearchResults,
    id: &str,
) -> &'a faq_search_engine::Hit {
    results
        .hits
        .iter()
        .find(|h| h.id == id)
        .unwrap_or_else(|| panic!("{id} is a hit"))
}

fn marked(text: &str, ranges: &[(usize, usize)]) -> Vec<String> {
    ranges
        .iter()
        .map(|&(a, b)| text[a..b].to_lowercase())
        .collect()
}

#[test]
fn a_hit_links_to_the_headings_whose_parts_matched_best() {
    let index = open(&corpus());
    let res = index.search("vlookup range", &SearchOptions::default());
    let subs = &hit_of(&res, "sheets").sub_results;
    let anchors: Vec<&str> = subs.iter().map(|s| s.anchor.as_str()).collect();
    assert_eq!(anchors, ["lookup", "lookup-errors"], "{subs:#?}");
    let first: &SubResult = &subs[0];
    assert_eq!(first.title, "Looking up values");
    assert_eq!(first.url, "/help/sheets#lookup");
    assert!(
        first.snippet.starts_with("The VLOOKUP function"),
        "{}",
        first.snippet
    );
    assert!(
        !first.snippet.contains("Looking up values"),
        "the heading is not repeated"
    );
    assert_eq!(
        marked(&first.snippet, &first.snippet_highlights)[..2],
        ["vlookup", "range"]
    );
    assert!(subs.len() <= faq_search_engine::SUB_RESULTS);
}

#[test]
fn a_heading_that_names_the_query_ranks_its_part_first() {
    let index = open(&corpus());
    let res = index.search("charts", &SearchOptions::default());
    let subs = &hit_of(&res, "sheets").sub_results;
    assert_eq!(subs[0].anchor, "charts", "{subs:#?}");
    assert_eq!(
        marked(&subs[0].title, &subs[0].title_highlights),
        ["charts"]
    );
    assert!(
        subs.iter().any(|s| s.anchor == "fees"),
        "the export part mentions a chart too"
    );
    assert!(subs.len() <= 3);
}

#[test]
fn articles_without_headings_have_no_sub_results_and_no_headings_section() {
    let docs: Vec<Document> = corpus().into_iter().skip(1).collect();
    let bytes = build(&docs);
    let sections = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
    let kinds: Vec<u32> = (0..sections)
        .map(|i| u32::from_le_bytes(bytes[16 + 16 * i..20 + 16 * i].try_into().unwrap()))
        .collect();
    assert!(!kinds.contains(&10), "{kinds:?}");
    let index = Index::from_bytes(bytes).unwrap();
    let res = index.search("chart", &SearchOptions::default());
    assert!(res.hits.iter().all(|h| h.sub_results.is_empty()));
    // With the manual, the section is there and only the manual's hit has sub-results.
    let index = open(&corpus());
    let res = index.search("chart", &SearchOptions::default());
    assert!(hit_of(&res, "charts").sub_results.is_empty());
    assert!(!hit_of(&res, "sheets").sub_results.is_empty());
}

#[test]
fn an_empty_query_or_a_missing_anchor_gives_no_sub_results() {
    let mut manual = manual();
    for h in &mut manual.headings {
        h.anchor.clear();
    }
    let index = open(&[manual]);
    assert!(index.search("vlookup", &SearchOptions::default()).hits[0]
        .sub_results
        .is_empty());
    let index = open(&corpus());
    let all = index.search("", &SearchOptions::default());
    assert!(all.hits.iter().all(|h| h.sub_results.is_empty()));
}

#[test]
fn a_split_index_brings_headings_with_the_body_fragment() {
    let docs = corpus();
    let mut w = IndexWriter::new(Weights::default());
    for d in &docs {
        w.add(d);
    }
    let split = w.finish_split(
        SplitSizes {
            chunk_bytes: 500,
            titles_bytes: 10,
            bodies_bytes: 10,
        },
        |_| "t.".to_string(),
    );
    let files: std::collections::HashMap<String, Vec<u8>> = split.parts.into_iter().collect();
    let index = Index::from_bytes(split.main).unwrap();
    let one_file = open(&docs);
    let mut res = index.search("charts", &SearchOptions::default());
    for _ in 0..8 {
        if res.lacks.is_empty() {
            break;
        }
        for part in res.lacks.parts() {
            let name = &index.parts()[part].file;
            index.add_part(part, files[name].clone()).unwrap();
        }
        res = index.search("charts", &SearchOptions::default());
    }
    let whole = one_file.search("charts", &SearchOptions::default());
    let sheets = hit_of(&res, "sheets");
    // Once its body fragment is in, the manual's sub-results are those of the one file.
    assert_eq!(sheets.sub_results[0].anchor, "charts");
    assert_eq!(sheets.sub_results, hit_of(&whole, "sheets").sub_results);
    // Only the body fragment of the manual carries a headings section.
    let with_headings = files
        .values()
        .filter(|bytes| {
            let n = u32::from_le_bytes(bytes[12..16].try_into().unwrap()) as usize;
            (0..n).any(|i| {
                u32::from_le_bytes(bytes[16 + 16 * i..20 + 16 * i].try_into().unwrap()) == 10
            })
        })
        .count();
    assert_eq!(with_headings, 1);
}

#[test]
fn parts_past_what_is_read_are_found_by_their_headings() {
    let long = manual_with_filler(60);
    let charts = long.headings.iter().find(|h| h.anchor == "charts").unwrap();
    assert!(
        charts.start > 8_000,
        "the test needs a part past the first 8,000 bytes"
    );
    let index = open(&[long]);
    let res = index.search("charts", &SearchOptions::default());
    let sub = &res.hits[0].sub_results[0];
    assert_eq!((sub.anchor.as_str(), sub.snippet.as_str()), ("charts", ""));
    let res = index.search("bars", &SearchOptions::default());
    assert!(res.hits.is_empty() || res.hits[0].sub_results.is_empty());
}

#[test]
fn a_heading_that_names_the_query_lifts_its_article() {
    let body = |lead: &str| {
        format!("{lead}\n\nSpreadsheets hold numbers in cells. The pivot table sums them by group.")
    };
    // Both bodies hold the same words; only one article says them as a heading.
    let mut plain = doc(
        "plain",
        "Working with sheets",
        &body("Sheets"),
        "Manuals",
        5,
    );
    let mut headed = doc(
        "headed",
        "Working with tables",
        &body("Tables"),
        "Manuals",
        5,
    );
    let start = headed.body.find("Spreadsheets").unwrap();
    headed.body.insert_str(start, "Pivot tables\n\n");
    headed.headings.push(Heading {
        text: "Pivot tables".into(),
        anchor: "pivot".into(),
        start,
    });
    plain.body = plain
        .body
        .replace("Spreadsheets", "Pivot tables\n\nSpreadsheets");
    let index = open(&[plain, headed]);
    let res = index.search("pivot", &SearchOptions::default());
    let ids: Vec<&str> = res.hits.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["headed", "plain"]);
}
