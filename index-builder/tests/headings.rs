//! Deep links through the real binary: the headings of Markdown files, HTML pages and JSON
//! `sections` are built into the index, and `search` gives each hit the headings whose parts
//! matched as sub-results linking to `url#anchor`, in its JSON and in its text output.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `build --index-only` of `input` into `out` with more options.
fn build(input: &Path, out: &Path, options: &[&str]) -> Output {
    bin()
        .args(["build", "--index-only", "--quiet"])
        .arg(input)
        .args(options)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

/// `search --json` of `query` in `out`.
fn search_json(out: &Path, query: &str) -> serde_json::Value {
    let o = bin()
        .arg("search")
        .arg(out)
        .arg(query)
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_slice(&o.stdout).expect("one JSON document")
}

/// The first hit's sub-results as (title, url, anchor).
fn sub_results(results: &serde_json::Value) -> Vec<(String, String, String)> {
    let hit = &results["hits"][0];
    hit["sub_results"]
        .as_array()
        .unwrap_or_else(|| panic!("sub_results in {hit}"))
        .iter()
        .map(|s| {
            let text = |k: &str| s[k].as_str().unwrap().to_string();
            (text("title"), text("url"), text("anchor"))
        })
        .collect()
}

fn triple(title: &str, url: &str, anchor: &str) -> (String, String, String) {
    (title.into(), url.into(), anchor.into())
}

const CARDS: &str = "---
title: Card limits and fees
category: Cards
published: 2024-03-01
---

# Card limits and fees

Every card has limits, and some payments cost a fee.

## Daily limits {#daily}

You can withdraw up to 500 euros from cash machines each day.

## Fees abroad

Payments in another currency cost one percent. Withdrawals abroad are free twice a month.

## Fees abroad

A second heading with the same words gets its own anchor.
";

const PLAIN: &str = "---
title: Close your account
category: Account
published: 2024-03-02
---

Closing your account ends every card and payment plan.
";

#[test]
fn markdown_headings_become_sub_results_linking_to_their_anchors() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles");
    fs::create_dir_all(input.join("help")).unwrap();
    fs::write(input.join("help/cards.md"), CARDS).unwrap();
    fs::write(input.join("help/close.md"), PLAIN).unwrap();
    let out = dir.path().join("out");
    let o = build(&input, &out, &["--base-url", "https://help.example.com/"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let results = search_json(&out, "cash machines");
    assert_eq!(results["hits"][0]["id"], "help/cards");
    assert_eq!(
        sub_results(&results),
        [triple(
            "Daily limits",
            "https://help.example.com/help/cards#daily",
            "daily"
        )]
    );
    let sub = &results["hits"][0]["sub_results"][0];
    let snippet = sub["snippet"].as_str().unwrap();
    assert!(snippet.contains("cash machines"), "{sub}");
    assert!(!snippet.contains("{#daily}"), "{sub}");
    for [s, e] in sub["snippet_highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            [
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            ]
        })
    {
        let word = snippet[s..e].to_lowercase();
        assert!(word == "machines" || word == "cash", "{word}");
    }

    let results = search_json(&out, "fees abroad");
    let subs = sub_results(&results);
    assert_eq!(
        subs[..2],
        [
            triple(
                "Fees abroad",
                "https://help.example.com/help/cards#fees-abroad",
                "fees-abroad"
            ),
            triple(
                "Fees abroad",
                "https://help.example.com/help/cards#fees-abroad-1",
                "fees-abroad-1"
            ),
        ]
    );
    assert!(subs.len() <= 3);

    // The title repeated as the first heading links nowhere; an article without headings
    // has no sub-results.
    let results = search_json(&out, "card limits");
    assert!(sub_results(&results)
        .iter()
        .all(|(title, _, _)| title != "Card limits and fees"));
    let results = search_json(&out, "closing");
    assert_eq!(results["hits"][0]["id"], "help/close");
    assert_eq!(results["hits"][0]["sub_results"], serde_json::json!([]));

    // The text output lists them under the hit, marked as the hit's snippet is.
    let o = bin()
        .arg("search")
        .arg(&out)
        .arg("cash machines")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let text = String::from_utf8_lossy(&o.stdout);
    let at = text
        .find("> Daily limits  https://help.example.com/help/cards#daily\n")
        .unwrap_or_else(|| panic!("a sub-result line in:\n{text}"));
    let next = text[at..].lines().nth(1).unwrap();
    assert!(next.contains("[cash] [machines]"), "{text}");
}

#[test]
fn html_headings_link_to_the_ids_of_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("site");
    fs::create_dir_all(input.join("guides")).unwrap();
    fs::write(
        input.join("guides/printer.html"),
        r##"<!doctype html><html lang="en"><head><title>Printer setup</title>
<meta name="category" content="Guides"><meta name="published" content="2024-01-01"></head>
<body><main><h1>Printer setup</h1><p>Set up a printer on your network.</p>
<table><tr><td>Model</td><td>Port</td></tr></table>
<section id="toner"><h2>Replace the cartridge</h2><p>Open the front cover and pull the toner out.</p></section>
<div><div><h2><a id="jam" href="#jam">Paper jams</a></h2><p>Lift the tray and remove the sheet.</p></div></div>
</main></body></html>"##,
    )
    .unwrap();
    let out = dir.path().join("out");
    let o = build(&input, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let results = search_json(&out, "toner");
    assert_eq!(
        sub_results(&results),
        [triple(
            "Replace the cartridge",
            "/guides/printer.html#toner",
            "toner"
        )]
    );
    let results = search_json(&out, "paper tray");
    assert_eq!(
        sub_results(&results),
        [triple("Paper jams", "/guides/printer.html#jam", "jam")]
    );
}

const SECTIONS: &str = r#"{"id":"a","title":"Transfers","body":"How money moves.","url":"/help/a","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":3,"locale":"en","sections":[{"heading":"Instant transfers","anchor":"instant","text":"Arrive within seconds, any day."},{"heading":"Scheduled transfers","text":"Leave on the date you choose."}]}
{"id":"b","title":"Statements","url":"/help/b","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":3,"locale":"en","sections":[{"heading":"Monthly statements","text":"Sent on the first of each month."}]}
"#;

#[test]
fn json_sections_become_sub_results_and_bad_ones_are_located() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus.jsonl");
    fs::write(&input, SECTIONS).unwrap();
    let out = dir.path().join("out");
    let o = build(&input, &out, &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let results = search_json(&out, "seconds");
    assert_eq!(
        sub_results(&results),
        [triple("Instant transfers", "/help/a#instant", "instant")]
    );
    let results = search_json(&out, "date you choose");
    assert_eq!(
        sub_results(&results),
        [triple(
            "Scheduled transfers",
            "/help/a#scheduled-transfers",
            "scheduled-transfers"
        )]
    );
    let results = search_json(&out, "first month");
    assert_eq!(results["hits"][0]["id"], "b", "no body, only sections");
    assert_eq!(
        sub_results(&results),
        [triple(
            "Monthly statements",
            "/help/b#monthly-statements",
            "monthly-statements"
        )]
    );

    let bad = SECTIONS.replace(r#"{"heading":"Monthly statements","#, r#"{"#);
    fs::write(&input, bad).unwrap();
    let failed = dir.path().join("failed");
    let o = build(&input, &failed, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("corpus.jsonl:2: sections[0].heading: missing; expected a string"),
        "{}",
        stderr(&o)
    );
    assert!(!failed.exists(), "a failed build wrote nothing");
}
