//! The input formats a site already has (JSON array files, Markdown folders, built HTML
//! folders) and the config file, through the real binary: good fixtures build and are
//! searchable with their metadata, bad ones fail with the file, line and field and write
//! nothing.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_index-builder"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn build(args: &[&std::ffi::OsStr]) -> Output {
    bin()
        .args(["build", "--index-only"])
        .args(args)
        .output()
        .expect("runs")
}

/// The first hit of `query` in `out` (default locale, or `locale`), as JSON.
fn first_hit(out: &Path, query: &str, locale: Option<&str>) -> serde_json::Value {
    let mut cmd = bin();
    cmd.arg("search").arg(out).arg(query).arg("--json");
    if let Some(l) = locale {
        cmd.args(["--locale", l]);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["total"].as_u64().unwrap() >= 1,
        "no hit for {query:?}: {v}"
    );
    v["hits"][0].clone()
}

fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("faq-search.json")).unwrap()).unwrap()
}

/// Builds `input` into a fresh folder; returns (temp dir, out).
fn build_ok(inputs: &[PathBuf]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let mut args: Vec<&std::ffi::OsStr> = inputs.iter().map(|p| p.as_os_str()).collect();
    args.extend(["--out".as_ref(), out.as_os_str(), "--quiet".as_ref()]);
    let o = build(&args);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(o.stdout.is_empty(), "--quiet prints nothing");
    (dir, out)
}

/// Builds `input` and expects failure with `expected` (after the file's path) on stderr and
/// no output folder.
fn build_fails(input: &Path, expected: &str) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = build(&[input.as_os_str(), "--out".as_ref(), out.as_os_str()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains(expected), "expected {expected:?} in:\n{err}");
    assert!(!out.exists(), "a failed build wrote {}", out.display());
}

#[test]
fn json_array_file() {
    let (_dir, out) = build_ok(&[fixture("articles.json")]);
    let hit = first_hit(&out, "archive", None);
    assert_eq!(hit["id"], "json-export");
    assert_eq!(hit["title"], "Export your data");
    assert_eq!(hit["category"], "Privacy");
    assert_eq!(hit["published"], "2023-11-20");
    assert_eq!(hit["views"], 45);
    assert_eq!(first_hit(&out, "refund", None)["id"], "json-refunds");
}

#[test]
fn json_array_errors_name_line_column_and_field() {
    let input = fixture("articles-bad.json");
    build_fails(
        &input,
        &format!(
            "{}:13:3: views: expected a non-negative integer, found a string",
            input.display()
        ),
    );
}

#[test]
fn markdown_folder() {
    let (_dir, out) = build_ok(&[fixture("markdown")]);
    assert_eq!(
        manifest(&out)["indexes"][0]["documents"],
        2,
        "the draft is left out"
    );
    let hit = first_hit(&out, "prorates", None);
    assert_eq!(hit["id"], "billing/refunds", "the id defaults to the path");
    assert_eq!(hit["title"], "Refunds for annual plans");
    assert_eq!(hit["url"], "/help/billing/refunds");
    assert_eq!(hit["category"], "Billing");
    assert_eq!(hit["published"], "2024-05-02");
    assert_eq!(hit["updated"], "2025-02-10");
    assert_eq!(hit["views"], 1290);
    assert!(
        !hit["snippet"].as_str().unwrap().contains("**"),
        "markup is dropped: {hit}"
    );
    // Words of code blocks and link texts are searchable; link targets are not.
    assert_eq!(
        first_hit(&out, "cancel --refund", None)["id"],
        "billing/refunds"
    );
    assert_eq!(
        first_hit(&out, "billing team", None)["id"],
        "billing/refunds"
    );
    let hit = first_hit(&out, "recovery codes", None);
    assert_eq!(hit["id"], "account/reset-2fa");
    assert_eq!(
        hit["updated"], "2026-05-29",
        "a TOML date-time keeps its day"
    );
    assert_eq!(hit["views"], 31433);
}

#[test]
fn markdown_errors_name_the_front_matter_line() {
    let input = fixture("markdown-bad");
    build_fails(
        &input,
        &format!(
            "{}:5: published: \"2024-02-30\" is not a date",
            input.join("wrong-date.md").display()
        ),
    );
}

#[test]
fn html_folder() {
    let (_dir, out) = build_ok(&[fixture("html")]);
    let m = manifest(&out);
    assert_eq!(
        m["default"], "en",
        "en and fr have one page each; en comes first by path"
    );
    let hit = first_hit(&out, "printer wifi", None);
    assert_eq!(hit["id"], "guides/printer");
    assert_eq!(hit["title"], "Connect a network printer");
    assert_eq!(hit["url"], "/guides/printer.html");
    assert_eq!(hit["category"], "Hardware");
    assert_eq!(hit["published"], "2023-06-14");
    assert_eq!(hit["updated"], "2024-10-01");
    assert_eq!(hit["views"], 2207);
    // Navigation, asides and scripts are not part of the article.
    for word in ["trackingword", "scanners", "copyright"] {
        let o = bin()
            .arg("search")
            .arg(&out)
            .args([word, "--json"])
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["total"], 0, "{word} was indexed: {v}");
    }
    let hit = first_hit(&out, "forfait", Some("fr"));
    assert_eq!(hit["id"], "fr-tarifs", "data-id on the content element");
    assert_eq!(hit["title"], "Tarifs | Centre d'aide");
    assert_eq!(hit["category"], "Facturation");
}

#[test]
fn html_errors_name_file_line_and_field() {
    let input = fixture("html-bad");
    build_fails(
        &input,
        &format!(
            "{}:5: published: \"last tuesday\" is not a date",
            input.join("broken-date.html").display()
        ),
    );
}

#[test]
fn several_inputs_and_ids_across_files() {
    let (_dir, out) = build_ok(&[fixture("articles.json"), fixture("markdown")]);
    assert_eq!(manifest(&out)["indexes"][0]["documents"], 4);

    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("again.json");
    fs::copy(fixture("articles.json"), &copy).unwrap();
    let out = dir.path().join("out");
    let o = build(&[
        fixture("articles.json").as_os_str(),
        copy.as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:2:3: id: \"json-refunds\" is already used in {}:2",
            copy.display(),
            fixture("articles.json").display()
        )),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn unknown_input_kinds_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles.csv");
    fs::write(&input, "id,title\n").unwrap();
    build_fails(&input, "cannot tell the format from the name");
}

fn write_config(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("faq-search.toml");
    fs::write(&path, text).unwrap();
    path
}

#[test]
fn config_file_sets_inputs_defaults_weights_and_selectors() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(
        dir.path(),
        &format!(
            r#"
out = "site-index"
base-url = "https://help.example.test/"
popularity = 0.0
locales = ["en"]

[[input]]
path = {markdown:?}

[[input]]
path = {html:?}
kind = "html"
category = "Pages"

[html]
content = ["main p"]
"#,
            markdown = fixture("markdown").display().to_string(),
            html = fixture("html").display().to_string(),
        ),
    );
    let o = bin()
        .args(["build", "--index-only", "--quiet", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let out = dir.path().join("site-index");
    let m = manifest(&out);
    assert_eq!(m["indexes"].as_array().unwrap().len(), 1, "only en");
    assert_eq!(m["indexes"][0]["documents"], 3);
    let hit = first_hit(&out, "printer", None);
    assert_eq!(
        hit["url"], "https://help.example.test/guides/printer.html",
        "base-url"
    );
    // The content selector picked the paragraph: the page's h1 is not in the body.
    assert!(
        !hit["snippet"].as_str().unwrap().starts_with("Connect"),
        "{hit}"
    );

    // A flag overrides the key of the same name.
    let other = dir.path().join("flag-out");
    let o = bin()
        .args(["build", "--index-only", "--quiet", "--config"])
        .arg(&config)
        .arg("--out")
        .arg(&other)
        .arg(fixture("articles.json"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        manifest(&other)["indexes"][0]["documents"],
        2,
        "INPUT replaced the inputs"
    );
}

#[test]
fn config_errors_name_key_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let config = write_config(
        dir.path(),
        "out = \"x\"\n\n[[input]]\npath = \"a.jsonl\"\ncatgory = \"FAQ\"\n",
    );
    let o = bin()
        .args(["build", "--index-only", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:5:1: unknown field `catgory`",
            config.display()
        )),
        "{err}"
    );
    assert!(!dir.path().join("x").exists());

    let config = write_config(dir.path(), "[[input]]\npath = \"a.jsonl\"\n");
    let o = bin()
        .args(["build", "--index-only", "--config"])
        .arg(&config)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("no output folder"), "{}", stderr(&o));
}

#[test]
fn the_example_config_is_valid() {
    // Its inputs are a site's; replace them, keep every other key.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/faq-search.toml");
    let o = bin()
        .args(["build", "--index-only", "--quiet", "--config"])
        .arg(&example)
        .arg(fixture("html"))
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        first_hit(&out, "printer", None)["url"],
        "https://help.example.com/guides/printer.html"
    );
}
