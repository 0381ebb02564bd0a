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
    build_with(input, out, &[])
}

/// `build --index-only` with more options: the index files straight into `out`.
fn build_with(input: &Path, out: &Path, options: &[&str]) -> Output {
    bin()
        .arg("build")
        .arg("--index-only")
        .arg(input)
        .args(options)
        .arg("--out")
        .arg(out)
        .output()
        .expect("runs")
}

/// The manifest of a built folder.
fn manifest(out: &Path) -> serde_json::Value {
    serde_json::from_slice(&fs::read(out.join("faq-search.json")).expect("a manifest"))
        .expect("the manifest is JSON")
}

/// The default locale's index file of a built folder, as the manifest names it.
fn default_index(out: &Path) -> PathBuf {
    let m = manifest(out);
    let default = m["default"].as_str().unwrap();
    let entry = m["indexes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["locale"] == default)
        .expect("the default locale has an index");
    out.join(entry["file"].as_str().unwrap())
}

/// The names of the files in `dir`, sorted, but for the hidden state file.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n != ".faq-search-builds.json")
        .collect();
    names.sort();
    names
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
    for needle in [
        "documents  2",
        "terms",
        "bytes",
        "gzip",
        "brotli",
        "en.",
        ".idx",
        "took",
    ] {
        assert!(
            stdout.contains(needle),
            "summary lacks {needle:?}:\n{stdout}"
        );
    }
    let bytes = fs::read(default_index(&out)).unwrap();
    let index = faq_search_engine::Index::from_bytes(bytes).unwrap();
    assert_eq!(index.doc_count(), 2);
    let hit = &index.search("2fa", &Default::default()).hits[0];
    assert_eq!(
        (hit.id.as_str(), hit.views, hit.published.as_str()),
        ("a", 31_433, "2024-08-08")
    );
    let idx = default_index(&out);
    let idx = idx.file_name().unwrap().to_str().unwrap();
    assert_eq!(
        names(&out),
        [
            idx.to_string(),
            format!("{idx}.br"),
            format!("{idx}.gz"),
            "faq-search.json".into(),
            "faq-search.json.br".into(),
            "faq-search.json.gz".into(),
        ],
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

/// Every file of a folder with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    names(dir)
        .into_iter()
        .map(|n| {
            let bytes = fs::read(dir.join(&n)).unwrap();
            (n, bytes)
        })
        .collect()
}

#[test]
fn failed_rebuild_keeps_the_previous_output() {
    let (_dir, input, out) = setup(GOOD);
    assert!(build(&input, &out).status.success());
    fs::write(out.join("robots.txt"), "site file").unwrap();
    let before = snapshot(&out);
    fs::write(&input, format!("{GOOD}{{broken\n")).unwrap();
    let o = build(&input, &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(":3: invalid JSON"), "{}", stderr(&o));
    assert!(
        snapshot(&out) == before,
        "the failed build changed the output folder"
    );
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
        .args(["build", "--index-only", "--quiet", "--synonyms"])
        .arg(&synonyms)
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let index =
        faq_search_engine::Index::from_bytes(fs::read(default_index(&out)).unwrap()).unwrap();
    assert_eq!(
        index.search("two-factor ", &Default::default()).hits[0].id,
        "a"
    );

    // A group of one term is a mistake: named by file and line, and nothing is written.
    let bad_out = dir.path().join("bad-out");
    fs::write(&synonyms, "kyc, verification\nlonely\n").unwrap();
    let o = bin()
        .args(["build", "--index-only", "--synonyms"])
        .arg(&synonyms)
        .arg(&input)
        .arg("--out")
        .arg(&bad_out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("synonyms.txt:2: synonyms:"), "{err}");
    assert!(!bad_out.exists());
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

/// Two English, one German and two Chinese articles, interleaved.
const MULTI: &str = r#"{"id":"en-1","title":"Reset your password","body":"Open Settings and choose Password.","url":"/en/1","category":"Account","published":"2024-01-01","updated":"2024-02-01","views":10,"locale":"en"}
{"id":"de-1","title":"Passwort zurücksetzen","body":"Öffnen Sie die Einstellungen.","url":"/de/1","category":"Konto","published":"2024-01-01","updated":"2024-01-01","views":3,"locale":"de"}
{"id":"zh-1","title":"重置密码","body":"打开设置并选择密码。","url":"/zh/1","category":"账户","published":"2024-01-01","updated":"2024-01-01","views":7,"locale":"zh-CN"}
{"id":"en-2","title":"Printer setup","body":"Connect the printer by cable.","url":"/en/2","category":"Hardware","published":"2023-05-05","updated":"2023-05-05","views":1,"locale":"en"}
{"id":"zh-2","title":"打印机设置","body":"用电缆连接打印机。","url":"/zh/2","category":"硬件","published":"2023-05-05","updated":"2023-05-05","views":2,"locale":"zh-CN"}
"#;

fn is_hashed_name(name: &str, locale: &str) -> bool {
    let Some(rest) = name.strip_prefix(&format!("{locale}.")) else {
        return false;
    };
    let Some(hash) = rest.strip_suffix(".idx") else {
        return false;
    };
    hash.len() == 10
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[test]
fn one_index_per_locale_named_by_the_manifest() {
    let (_dir, input, out) = setup(MULTI);
    let o = build(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = manifest(&out);
    assert_eq!(m["format"], "faq-search-manifest");
    assert_eq!(m["version"], 1);
    // en and zh-CN have two articles each: the tie goes to the one seen first.
    assert_eq!(m["default"], "en");
    let indexes = m["indexes"].as_array().unwrap();
    let locales: Vec<&str> = indexes
        .iter()
        .map(|i| i["locale"].as_str().unwrap())
        .collect();
    assert_eq!(
        locales,
        ["en", "de", "zh-CN"],
        "in order of first appearance"
    );
    for (entry, (locale, ids)) in indexes.iter().zip([
        ("en", vec!["en-1", "en-2"]),
        ("de", vec!["de-1"]),
        ("zh-CN", vec!["zh-1", "zh-2"]),
    ]) {
        let file = entry["file"].as_str().unwrap();
        assert!(is_hashed_name(file, locale), "{file}");
        assert_eq!(entry["documents"], ids.len());
        assert_eq!(entry["parts"], serde_json::json!([]));
        let bytes = fs::read(out.join(file)).unwrap();
        assert_eq!(entry["bytes"], bytes.len());
        let index = faq_search_engine::Index::from_bytes(bytes).unwrap();
        let stored: Vec<String> = (0..index.doc_count())
            .map(|d| index.stored(d as u32).unwrap().id.to_string())
            .collect();
        assert_eq!(stored, ids, "{locale}: its own articles, in input order");
    }
    let stdout = String::from_utf8_lossy(&o.stdout);
    for needle in ["3 locales, default en", "zh-CN", "de       documents  1"] {
        assert!(
            stdout.contains(needle),
            "summary lacks {needle:?}:\n{stdout}"
        );
    }
}

fn search_json(target: &Path, args: &[&str]) -> Output {
    bin()
        .arg("search")
        .arg(target)
        .args(args)
        .arg("--json")
        .output()
        .unwrap()
}

#[test]
fn search_reads_the_manifest_or_an_index_file() {
    let (_dir, input, out) = setup(MULTI);
    assert!(build(&input, &out).status.success());
    let ids = |o: &Output| -> Vec<String> {
        assert!(o.status.success(), "{}", stderr(o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&search_json(&out, &["password"])),
        ["en-1"],
        "the default locale"
    );
    assert_eq!(
        ids(&search_json(&out, &["passwort", "--locale", "de"])),
        ["de-1"]
    );
    assert_eq!(
        ids(&search_json(&out, &["密码", "--locale", "zh"])),
        ["zh-1"],
        "a bare language"
    );
    let o = search_json(&out, &["x", "--locale", "fr"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no index for locale \"fr\"; this build has en, de, zh-CN"),
        "{}",
        stderr(&o)
    );

    let m = manifest(&out);
    let de = out.join(m["indexes"][1]["file"].as_str().unwrap());
    assert_eq!(
        ids(&search_json(&de, &["einstellungen"])),
        ["de-1"],
        "an .idx file directly"
    );

    let o = search_json(&input.with_file_name("empty-folder-x"), &["x"]);
    assert_eq!(o.status.code(), Some(1));
    fs::create_dir(input.with_file_name("plain")).unwrap();
    let o = search_json(&input.with_file_name("plain"), &["x"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("faq-search.json"), "{}", stderr(&o));
}

#[test]
fn locales_option_builds_only_those() {
    let (_dir, input, out) = setup(MULTI);
    let o = bin()
        .args(["build", "--index-only"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--locales", "de,zh-CN"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let m = manifest(&out);
    assert_eq!(m["default"], "zh-CN");
    assert_eq!(m["indexes"].as_array().unwrap().len(), 2);
    let o = bin()
        .args(["build", "--index-only"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .args(["--locales", "fr"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("no article has locale \"fr\""),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        manifest(&out)["default"],
        "zh-CN",
        "the failed build changed nothing"
    );
}

#[test]
fn hashed_names_follow_the_content_and_stale_files_go() {
    let (_dir, input, out) = setup(MULTI);
    assert!(build(&input, &out).status.success());
    let first = snapshot(&out);
    assert!(build(&input, &out).status.success());
    assert!(
        snapshot(&out) == first,
        "the same input gives the same files and names"
    );

    // Files of the site that happen to live in the folder, and leftovers of older builds.
    fs::write(out.join("robots.txt"), "keep").unwrap();
    fs::write(out.join("faq-search.json.bak"), "keep").unwrap();
    fs::create_dir(out.join("assets")).unwrap();
    fs::write(
        out.join("assets/old.0123456789.idx"),
        "keep: not ours to judge",
    )
    .unwrap();
    fs::write(
        out.join("faq-search.idx"),
        "an index of the single-file layout",
    )
    .unwrap();
    fs::write(out.join("fr.0123456789.idx.br"), "stale").unwrap();
    fs::write(out.join("en.terms-0.0123456789.bin"), "stale").unwrap();

    let before = manifest(&out);
    // Change a German article only.
    fs::write(
        &input,
        MULTI.replace("Öffnen Sie die Einstellungen.", "Klicken Sie auf Konto."),
    )
    .unwrap();
    let o = build_with(&input, &out, &["--keep-generations", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = manifest(&out);
    let file =
        |m: &serde_json::Value, i: usize| m["indexes"][i]["file"].as_str().unwrap().to_string();
    assert_eq!(file(&before, 0), file(&after, 0), "en did not change");
    assert_eq!(file(&before, 2), file(&after, 2), "zh-CN did not change");
    assert_ne!(file(&before, 1), file(&after, 1), "de changed");

    let mut expected: Vec<String> = (0..3)
        .flat_map(|i| {
            let f = file(&after, i);
            [format!("{f}.br"), format!("{f}.gz"), f]
        })
        .chain(
            [
                "faq-search.json",
                "faq-search.json.br",
                "faq-search.json.gz",
            ]
            .map(String::from),
        )
        .chain(["robots.txt", "faq-search.json.bak", "assets"].map(String::from))
        .collect();
    expected.sort();
    assert_eq!(names(&out), expected);
    assert!(out.join("assets/old.0123456789.idx").exists());
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(bytes), &mut out).unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    out
}

#[test]
fn compressed_copies_hold_the_same_bytes() {
    let (_dir, input, out) = setup(MULTI);
    assert!(build(&input, &out).status.success());
    let m = manifest(&out);
    let mut files: Vec<String> = m["indexes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["file"].as_str().unwrap().to_string())
        .collect();
    files.push("faq-search.json".into());
    for name in files {
        let raw = fs::read(out.join(&name)).unwrap();
        let gz = fs::read(out.join(format!("{name}.gz"))).unwrap();
        let br = fs::read(out.join(format!("{name}.br"))).unwrap();
        assert!(gunzip(&gz) == raw, "{name}.gz");
        assert!(unbrotli(&br) == raw, "{name}.br");
    }
}

#[test]
fn a_build_that_fails_while_moving_files_in_takes_them_out_again() {
    let (dir, input, out) = setup(GOOD);
    assert!(build(&input, &out).status.success());
    let before = snapshot(&out);

    // Learn the names the changed corpus will get, then block the last of its files with a
    // folder of the same name, so that moving it into place fails.
    let changed = GOOD.replace("Deposits are free.", "Deposits cost nothing.");
    fs::write(&input, &changed).unwrap();
    let probe = dir.path().join("probe");
    assert!(build(&input, &probe).status.success());
    let new_idx = default_index(&probe);
    let new_idx = new_idx.file_name().unwrap().to_str().unwrap();
    let blocker = out.join(format!("{new_idx}.br"));
    fs::create_dir(&blocker).unwrap();
    fs::write(blocker.join("keep"), "x").unwrap();

    let o = build(&input, &out);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("cannot move"), "{}", stderr(&o));
    fs::remove_dir_all(&blocker).unwrap();
    let names_before: Vec<&String> = before.iter().map(|(n, _)| n).collect();
    assert_eq!(names(&out).iter().collect::<Vec<_>>(), names_before);
    for ((n, a), (_, b)) in snapshot(&out).iter().zip(&before) {
        assert!(a == b, "{n} changed");
    }
    assert!(
        snapshot(&out) == before,
        "the files moved in before the failure were taken out, the old build is whole"
    );
}

#[test]
fn a_split_index_is_a_main_file_plus_parts_that_search_reads() {
    let demo = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../www/demo/articles.jsonl"
    ));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let o = build_with(demo, &out, &["--split", "always"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let m = manifest(&out);
    let entry = &m["indexes"][0];
    let parts = entry["split"]["parts"]
        .as_u64()
        .expect("the manifest counts the parts");
    let main = entry["file"].as_str().unwrap();
    let prefix = main.trim_end_matches(".idx");
    let files = names(&out);
    let bins: Vec<&String> = files.iter().filter(|n| n.ends_with(".bin")).collect();
    assert_eq!(bins.len() as u64, parts);
    assert!(parts > 3, "{parts} parts");
    // Every part shares a name prefix derived from the parts' content, and has .br/.gz copies.
    let part_prefix = bins[0].split('.').take(2).collect::<Vec<_>>().join(".");
    assert!(part_prefix.starts_with("en.") && part_prefix != prefix);
    for bin in &bins {
        assert!(bin.starts_with(&part_prefix), "{bin}");
        assert!(files.contains(&format!("{bin}.br")) && files.contains(&format!("{bin}.gz")));
    }
    // The command-line search reads the parts and finds what the one-file index finds.
    let search = |folder: &Path| {
        let o = bin()
            .arg("search")
            .arg(folder)
            .args(["withdrawal fee", "--json"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let ids: Vec<String> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap().to_string())
            .collect();
        (v["total"].clone(), ids)
    };
    let whole = dir.path().join("whole");
    let o = build_with(demo, &whole, &["--split", "never"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(manifest(&whole)["indexes"][0].get("split").is_none());
    let (split_total, split_ids) = search(&out);
    let (whole_total, whole_ids) = search(&whole);
    assert_eq!(split_total, whole_total);
    assert!(!split_ids.is_empty());
    // A split index puts the most viewed articles first, so ties may order differently; the
    // same articles are found.
    let mut a = split_ids.clone();
    let mut b = whole_ids.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b);
    // A missing part is an error naming it, not a silent empty answer.
    fs::remove_file(out.join(bins[0])).unwrap();
    let o = bin().arg("search").arg(&out).arg("fee").output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains(bins[0].as_str()), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// The whole search (without --index-only): loader, widget folder, index/.

const WITHOUT_WIDGET: &str = "this index-builder was built without the widget: run scripts/build-widget.sh first, or pass --index-only";

/// A small site as any static site generator writes it: pages in folders, a page that asks not
/// to be indexed, and an old page inside the folder the search goes to.
fn static_site() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let public = dir.path().join("public");
    fs::create_dir_all(public.join("getting-started")).unwrap();
    fs::create_dir_all(public.join("search")).unwrap();
    let page = |title: &str, head: &str, text: &str| {
        format!("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>{head}</head><body><nav>Home Docs Blog</nav><main><h1>{title}</h1><p>{text}</p></main><footer>© Example</footer></body></html>")
    };
    fs::write(
        public.join("index.html"),
        page("Welcome", "", "Everything about your account."),
    )
    .unwrap();
    fs::write(
        public.join("getting-started/refunds.html"),
        page(
            "How refunds work",
            "<meta property=\"article:published_time\" content=\"2025-03-04T10:00:00+00:00\">",
            "Refunds arrive within five business days.",
        ),
    )
    .unwrap();
    fs::write(
        public.join("404.html"),
        page(
            "Not found",
            "<meta name=\"robots\" content=\"noindex\">",
            "Refunds page missing.",
        ),
    )
    .unwrap();
    fs::write(
        public.join("search/old.html"),
        page("Old search page", "", "Refunds of an old build."),
    )
    .unwrap();
    (dir, public)
}

/// Whether this index-builder holds the widget; without it, a full build must fail with the
/// message that says so (test.sh builds the widget first and sets FAQ_SEARCH_REQUIRE_WIDGET).
fn has_widget(o: &Output) -> bool {
    if o.status.success() {
        return true;
    }
    assert!(
        stderr(o).contains(WITHOUT_WIDGET),
        "unexpected failure: {}",
        stderr(o)
    );
    assert!(
        std::env::var_os("FAQ_SEARCH_REQUIRE_WIDGET").is_none(),
        "this index-builder was built without the widget"
    );
    false
}

/// The name of the one widget folder (`faq-search.<hash>`) in `out`.
fn asset_folders(out: &Path) -> Vec<String> {
    names(out)
        .into_iter()
        .filter(|n| n.starts_with("faq-search.") && out.join(n).is_dir())
        .collect()
}

#[test]
fn site_mode_indexes_the_pages_and_writes_the_search_into_the_site() {
    let (_dir, public) = static_site();
    let out = public.join("search");
    let o = bin()
        .arg("build")
        .arg(&public)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    if !has_widget(&o) {
        assert!(!out.join("index").exists() && !out.join("faq-search.js").exists());
        return;
    }
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("  <script src=\"/search/faq-search.js\" defer></script>"),
        "{stdout}"
    );
    let version = env!("CARGO_PKG_VERSION");

    let folders = asset_folders(&out);
    assert_eq!(folders.len(), 1, "{:?}", names(&out));
    let folder = &folders[0];
    assert_eq!(folder.len(), "faq-search.".len() + 10);
    for f in [
        "faq-search-api.js",
        "faq-search.css",
        "pkg/faq_search.js",
        "pkg/faq_search_bg.wasm",
        "pkg/faq_search_bg.wasm.br",
    ] {
        assert!(out.join(folder).join(f).is_file(), "{f} is missing");
    }
    let loader = fs::read_to_string(out.join("faq-search.js")).unwrap();
    assert!(
        loader.contains(&format!("var ASSETS = '{folder}/', VERSION = '{version}';")),
        "the loader names the folder and the version"
    );
    assert!(!loader.contains("var ASSETS = '', VERSION = '';"));
    // The old page of the search folder stays where it is, and is not indexed.
    assert!(out.join("old.html").exists());

    let index = out.join("index");
    let m = manifest(&index);
    assert_eq!(m["builder"], version);
    assert_eq!(m["indexes"][0]["documents"], 2, "welcome and refunds only");
    let o = search_json(&index, &["refunds"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let hits: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let titles: Vec<&str> = hits["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["How refunds work"]);
    let hit = &hits["hits"][0];
    assert_eq!(hit["url"], "/getting-started/refunds.html");
    assert_eq!(hit["category"], "Getting started");

    // Again with the same pages: the same files.
    fn tree(dir: &Path, into: &mut Vec<(String, Vec<u8>)>) {
        for name in names(dir) {
            let path = dir.join(&name);
            if path.is_dir() {
                tree(&path, into);
            } else {
                into.push((path.display().to_string(), fs::read(&path).unwrap()));
            }
        }
    }
    let snapshot = |dir: &Path| {
        let mut files = Vec::new();
        tree(dir, &mut files);
        files
    };
    let before = snapshot(&out);
    let o = bin()
        .args(["build", "--quiet"])
        .arg(&public)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(snapshot(&out) == before, "a second build changes nothing");
}

#[test]
fn a_full_build_with_bad_input_writes_nothing() {
    let (dir, input, _) = setup(&format!("{GOOD}{{broken\n"));
    let out = dir.path().join("site/search");
    let o = bin()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(!out.exists(), "nothing written");
    if !stderr(&o).contains(WITHOUT_WIDGET) {
        assert!(stderr(&o).contains(":3: invalid JSON"), "{}", stderr(&o));
    }
}

#[test]
fn index_only_writes_the_manifest_and_indexes_straight_into_the_folder() {
    let (_dir, input, out) = setup(GOOD);
    let o = build(&input, &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let idx = default_index(&out);
    let idx = idx.file_name().unwrap().to_str().unwrap();
    let mut expected: Vec<String> = [
        "faq-search.json",
        "faq-search.json.br",
        "faq-search.json.gz",
    ]
    .map(String::from)
    .into_iter()
    .chain([idx.to_string(), format!("{idx}.br"), format!("{idx}.gz")])
    .collect();
    expected.sort();
    assert_eq!(
        names(&out),
        expected,
        "no loader, no widget, no index/ folder"
    );
    assert!(!String::from_utf8_lossy(&o.stdout).contains("<script"));
}

#[test]
fn the_previous_build_stays_one_generation() {
    let (_dir, input, out) = setup(GOOD);
    let index_files = |out: &Path| -> Vec<String> {
        names(out)
            .into_iter()
            .filter(|n| n.ends_with(".idx"))
            .collect()
    };
    assert!(build(&input, &out).status.success());
    let first = index_files(&out);
    assert_eq!(first.len(), 1);

    fs::write(
        &input,
        GOOD.replace("Deposits are free.", "Deposits cost nothing."),
    )
    .unwrap();
    assert!(build(&input, &out).status.success());
    let second = default_index(&out);
    let second = second.file_name().unwrap().to_str().unwrap().to_string();
    assert_ne!(second, first[0]);
    let mut both = vec![first[0].clone(), second.clone()];
    both.sort();
    assert_eq!(index_files(&out), both, "the first build's index stays");
    assert!(out.join(format!("{}.br", first[0])).exists());

    // The same input again is not a new generation: both stay.
    assert!(build(&input, &out).status.success());
    assert_eq!(index_files(&out), both);

    fs::write(
        &input,
        GOOD.replace("Deposits are free.", "Deposits are gratis."),
    )
    .unwrap();
    assert!(build(&input, &out).status.success());
    let third = default_index(&out);
    let third = third.file_name().unwrap().to_str().unwrap().to_string();
    let mut kept = vec![second.clone(), third.clone()];
    kept.sort();
    assert_eq!(index_files(&out), kept, "the first build's index goes");

    // More generations on request, none with 0.
    fs::write(&input, GOOD).unwrap();
    assert!(build_with(&input, &out, &["--keep-generations", "2"])
        .status
        .success());
    assert_eq!(index_files(&out).len(), 3);
    assert!(build_with(&input, &out, &["--keep-generations", "0"])
        .status
        .success());
    assert_eq!(index_files(&out), first, "only the current build");
}

#[test]
fn earlier_widget_folders_stay_one_generation() {
    let (_dir, input, _) = setup(GOOD);
    let dir = input.parent().unwrap().join("site");
    let out = dir.join("search");
    // A widget folder of an earlier build.
    fs::create_dir_all(out.join("faq-search.0123456789/pkg")).unwrap();
    fs::write(out.join("faq-search.0123456789/faq-search-api.js"), "old").unwrap();
    let full = |extra: &[&str]| {
        bin()
            .args(["build", "--quiet"])
            .args(extra)
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap()
    };
    let o = full(&[]);
    if !has_widget(&o) {
        return;
    }
    let folders = asset_folders(&out);
    assert_eq!(folders.len(), 2, "the earlier folder stays: {folders:?}");
    assert!(folders.contains(&"faq-search.0123456789".to_string()));
    let o = full(&["--keep-generations", "0"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let folders = asset_folders(&out);
    assert_eq!(folders.len(), 1);
    assert_ne!(folders[0], "faq-search.0123456789");
    // Outside the input: the summary says the src depends on where the folder is served.
    let o = full(&[]);
    assert!(o.status.success());
}

#[test]
fn version_is_the_workspace_version() {
    let o = bin().arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("index-builder {}", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(env!("CARGO_PKG_VERSION"), "0.2.0");
}

/// The shared table of which locale gets which index (engine/tests/fixtures/locale-picks.txt):
/// the locales offered, and (asked for, picked) pairs. The widget's picker is tested against
/// the same lines.
fn locale_picks() -> (Vec<String>, Vec<(String, String)>) {
    let table = include_str!("../../engine/tests/fixtures/locale-picks.txt");
    let mut offered = Vec::new();
    let mut picks = Vec::new();
    for line in table.lines().filter(|l| !l.starts_with('#')) {
        let words: Vec<String> = line.split_whitespace().map(String::from).collect();
        match words.as_slice() {
            [first, rest @ ..] if first == "offered" => offered = rest.to_vec(),
            [asked, picked] => picks.push((asked.clone(), picked.clone())),
            _ => panic!("locale-picks.txt: {line}"),
        }
    }
    (offered, picks)
}

#[test]
fn search_picks_the_index_the_widget_picks() {
    let (offered, picks) = locale_picks();
    let corpus: String = offered
        .iter()
        .map(|l| {
            format!(
                r#"{{"id":"{l}","title":"Printer {l}","body":"Connect it.","url":"/{l}","category":"FAQ","published":"2024-01-01","updated":"2024-01-01","views":1,"locale":"{l}"}}"#
            ) + "\n"
        })
        .collect();
    let (_dir, input, out) = setup(&corpus);
    assert!(build(&input, &out).status.success());
    for (asked, picked) in picks {
        let o = search_json(&out, &["", "--locale", &asked]);
        assert!(o.status.success(), "{asked}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert_eq!(v["hits"][0]["locale"], picked.as_str(), "{asked}");
    }
}
