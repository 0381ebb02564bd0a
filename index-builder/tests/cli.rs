//! The index-builder binary as a site build uses it: good input, bad input, atomic output.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const GOOD: &str = r#"{"id":"a","title":"Reset 2FA","body":"Open Security.","url":"/help/a","category":"FAQ","published":"2024-08-08","updated":"2026-05-29","views":31433,"locale":"en","source":"ignored"}
{"id":"b","title":"Deposit fees","body":"Deposits are free.","url":"/help/b","category":"Product documents","published":"2023-01-01","updated":"2023-01-01","views":0,"locale":"en"}
"#;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn build(input: &Path, out: &Path) -> Output {
    bin()
        .arg("build")
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A temp folder holding `corpus.jsonl` with `content`; returns (dir, input path, out dir).
fn setup(content: &str) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("corpus.jsonl");
    fs::write(&input, content).unwrap();
    let out = dir.path().join("out");
    (dir, input, out)
}

#[test]
fn builds_an_index_and_prints_a_summary() {
    let (_dir, input, out) = setup(GOOD);
    let o = build(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    for needle in ["documents  2", "terms", "bytes", "gzip", "took"] {
        assert!(
            stdout.contains(needle),
            "summary lacks {needle:?}:\n{stdout}"
        );
    }
    let bytes = fs::read(out.join("faq-search.idx")).unwrap();
    let index = faq_search_engine::Index::from_bytes(bytes).unwrap();
    assert_eq!(index.doc_count(), 2);
    let hit = &index.search("2fa", &Default::default()).hits[0];
    assert_eq!(
        (hit.id.as_str(), hit.views, hit.published.as_str()),
        ("a", 31_433, "2024-08-08")
    );
    assert_eq!(
        fs::read_dir(&out).unwrap().count(),
        1,
        "no temporary files left behind"
    );
}

/// Each bad record, on line 2, and the message the user must see.
const BAD_RECORDS: &[(&str, &str)] = &[
    (
        r#"{"id":"c","title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":1,"locale":"en""#,
        ":2: invalid JSON",
    ),
    (
        r#"["not", "an", "object"]"#,
        ":2: expected a JSON object, found an array",
    ),
    (
        r#"{"title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":1,"locale":"en"}"#,
        ":2: id: missing",
    ),
    (
        r#"{"id":"c","title":"  ","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":1,"locale":"en"}"#,
        ":2: title: must not be empty",
    ),
    (
        r#"{"id":"c","title":"T","body":5,"url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":1,"locale":"en"}"#,
        ":2: body: expected a string, found a number",
    ),
    (
        r#"{"id":"c","title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-13-08","updated":"2024-08-08","views":1,"locale":"en"}"#,
        ":2: published: \"2024-13-08\" is not a date in the form YYYY-MM-DD",
    ),
    (
        r#"{"id":"c","title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-01","views":1,"locale":"en"}"#,
        ":2: updated: 2024-08-01 is before published 2024-08-08",
    ),
    (
        r#"{"id":"c","title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":-4,"locale":"en"}"#,
        ":2: views: expected a non-negative integer, found -4",
    ),
    (
        r#"{"id":"c","title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":"many","locale":"en"}"#,
        ":2: views: expected a non-negative integer, found a string",
    ),
    (
        r#"{"id":"c","title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":1,"locale":"en us"}"#,
        ":2: locale: \"en us\" is not a language tag",
    ),
    (
        r#"{"id":"a","title":"T","body":"B","url":"/c","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":1,"locale":"en"}"#,
        ":2: id: \"a\" is already used on line 1",
    ),
    (
        r#"{"id":"c","title":"T","body":"B","url":"/c d","category":"FAQ","published":"2024-08-08","updated":"2024-08-08","views":1,"locale":"en"}"#,
        ":2: url: \"/c d\" contains whitespace",
    ),
];

#[test]
fn bad_records_name_file_line_and_field_and_write_nothing() {
    let first = GOOD.lines().next().unwrap();
    for (bad, expected) in BAD_RECORDS {
        let (_dir, input, out) = setup(&format!("{first}\n{bad}\n"));
        let o = build(&input, &out);
        assert_eq!(o.status.code(), Some(1), "{bad}");
        let err = stderr(&o);
        assert!(
            err.contains(&format!("{}{expected}", input.display())),
            "expected {expected:?} in:\n{err}"
        );
        assert!(!out.exists(), "output folder created for a failed build");
    }
}

#[test]
fn invalid_utf8_is_located() {
    let (_dir, input, out) = setup("");
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.extend_from_slice(b"{\"id\":\"\xff\"}\n");
    fs::write(&input, bytes).unwrap();
    let o = build(&input, &out);
    assert!(stderr(&o).contains(":3: not valid UTF-8"), "{}", stderr(&o));
}

#[test]
fn failed_rebuild_keeps_the_previous_index() {
    let (_dir, input, out) = setup(GOOD);
    assert!(build(&input, &out).status.success());
    let before = fs::read(out.join("faq-search.idx")).unwrap();
    fs::write(&input, format!("{GOOD}{{broken\n")).unwrap();
    let o = build(&input, &out);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(fs::read(out.join("faq-search.idx")).unwrap(), before);
    assert_eq!(fs::read_dir(&out).unwrap().count(), 1);
}

#[test]
fn missing_input_and_empty_input_are_clear_errors() {
    let (_dir, input, out) = setup("\n\n");
    let o = build(&input, &out);
    assert!(stderr(&o).contains("no articles found"), "{}", stderr(&o));
    let o = build(&input.with_file_name("nope.jsonl"), &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("cannot read") && stderr(&o).contains("nope.jsonl"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_documents_every_option() {
    let o = bin().args(["build", "--help"]).output().unwrap();
    let help = String::from_utf8_lossy(&o.stdout);
    for flag in [
        "--out",
        "--title-weight",
        "--section-weight",
        "--body-weight",
        "--popularity",
        "--proximity",
        "--synonyms",
        "--quiet",
        "file:line: field",
    ] {
        assert!(help.contains(flag), "--help lacks {flag}:\n{help}");
    }
    let o = bin().arg("--help").output().unwrap();
    assert!(String::from_utf8_lossy(&o.stdout).contains("search"));
}

#[test]
fn usage_errors_exit_with_2() {
    let o = bin().args(["build"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn search_subcommand_prints_highlighted_hits() {
    let (_dir, input, out) = setup(GOOD);
    assert!(build(&input, &out).status.success());
    let o = bin()
        .arg("search")
        .arg(&out)
        .arg("deposit")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("1 results") && stdout.contains("[Deposit] fees"),
        "{stdout}"
    );
}

#[test]
fn search_json_prints_results_and_batches_queries() {
    let (dir, input, out) = setup(GOOD);
    assert!(build(&input, &out).status.success());
    let o = bin()
        .arg("search")
        .arg(&out)
        .arg("deposit")
        .arg("--json")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(v["query"], "deposit");
    assert_eq!(v["total"], 1);
    assert_eq!(v["hits"][0]["id"], "b");
    assert_eq!(v["hits"][0]["title"], "Deposit fees");
    assert!(v["hits"][0]["score"].as_f64().unwrap() > 0.0);
    assert!(v["elapsed_ms"].is_number() && v["categories"].is_array());

    let queries = dir.path().join("queries.jsonl");
    fs::write(
        &queries,
        "{\"query\":\"2fa\",\"kind\":\"keyword\"}\n\n{\"query\":\"nothing here\"}\n{\"query\":\"dep\"}\n",
    )
    .unwrap();
    let o = bin()
        .arg("search")
        .arg(&out)
        .arg("--queries")
        .arg(&queries)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3, "one line per query, blank lines skipped");
    assert_eq!(lines[0]["hits"][0]["id"], "a");
    assert_eq!(lines[1]["total"], 0);
    assert_eq!(lines[2]["query"], "dep");
    assert_eq!(lines[2]["hits"][0]["id"], "b");

    fs::write(&queries, "{\"query\":\"ok\"}\n{\"q\":1}\n").unwrap();
    let o = bin()
        .arg("search")
        .arg(&out)
        .arg("--queries")
        .arg(&queries)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(":2: query: expected a string"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn synonyms_file_is_applied_and_bad_lines_are_located() {
    let (dir, input, out) = setup(GOOD);
    let synonyms = dir.path().join("synonyms.txt");
    fs::write(&synonyms, "# equivalent terms\ntwo-factor, 2fa\n").unwrap();
    let o = bin()
        .args(["build", "--quiet", "--synonyms"])
        .arg(&synonyms)
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let index = faq_search_engine::Index::from_bytes(fs::read(out.join("faq-search.idx")).unwrap())
        .unwrap();
    assert_eq!(
        index.search("two-factor ", &Default::default()).hits[0].id,
        "a"
    );

    // A group of one term is a mistake: named by file and line, and nothing is written.
    let bad_out = dir.path().join("bad-out");
    fs::write(&synonyms, "kyc, verification\nlonely\n").unwrap();
    let o = bin()
        .args(["build", "--synonyms"])
        .arg(&synonyms)
        .arg(&input)
        .arg("--out")
        .arg(&bad_out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("synonyms.txt:2: synonyms:"), "{err}");
    assert!(!bad_out.join("faq-search.idx").exists());
}

#[test]
fn search_locale_option_restricts_results() {
    let corpus = format!(
        "{GOOD}{}\n",
        r#"{"id":"c","title":"Passwort ändern","body":"Einstellungen öffnen.","url":"/de/c","category":"FAQ","published":"2024-01-01","updated":"2024-01-01","views":5,"locale":"de"}"#
    );
    let (_dir, input, out) = setup(&corpus);
    assert!(build(&input, &out).status.success());
    let o = bin()
        .arg("search")
        .arg(&out)
        .args(["", "--locale", "de", "--json"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.contains("\"id\":\"c\""), "{stdout}");
    assert!(!stdout.contains("\"id\":\"a\""), "{stdout}");
}
