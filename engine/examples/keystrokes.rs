//! Per-keystroke search latency, natively.
//!
//! Loads an index file, "types" every query of a query file one character at a time ("h",
//! "ho", "how", "how ", ...), runs `Index::search` with the default options for each prefix
//! (ranking plus hits with snippets and highlights, as the widget does) and prints the
//! latency distribution.
//!
//! ```sh
//! cargo run --release -p faq-search-engine --example keystrokes -- INDEX QUERIES [options]
//! ```
//!
//! QUERIES is JSON Lines with a `"query"` string field per line (other fields are ignored),
//! or plain text with one query per line (`#` starts a comment line).
//!
//! Options:
//!   --rounds N         timed passes over the whole stream (default 5)
//!   --warmup N         untimed passes first (default 1)
//!   --top N            rows in the "slowest" tables (default 10)
//!   --exact            treat each line as one keystroke (no prefixes): for profiling a fixed
//!                      set, e.g. the slowest keystrokes written by --dump-slowest
//!   --dump-slowest F   write the slowest keystrokes (top N), one per line, to F
//!   --json F           also write the summary as JSON to F (read by bench/speed.mjs)
//!   --no-breakdown     skip the breakdown passes (ranking only, prefix expansion)
//!   --limit N          results per search (default 10, as the widget); 0 times ranking alone
//!
//! Each keystroke is timed once per round; its latency is the median of its rounds, which
//! keeps a busy machine's hiccups out of the tail. Percentiles are nearest-rank over those
//! per-keystroke medians. The distributions over every raw sample and over each keystroke's
//! best round are printed too: far apart, they say the machine was busy.

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use faq_search_engine::{Index, SearchOptions};

struct Args {
    index: String,
    queries: String,
    rounds: usize,
    warmup: usize,
    top: usize,
    exact: bool,
    dump_slowest: Option<String>,
    json: Option<String>,
    breakdown: bool,
    limit: Option<usize>,
}

fn usage() -> ! {
    eprintln!(
        "usage: keystrokes INDEX QUERIES [--rounds N] [--warmup N] [--top N] [--exact] \
         [--dump-slowest FILE] [--json FILE] [--no-breakdown] [--limit N]"
    );
    std::process::exit(2);
}

fn parse_args() -> Args {
    let mut positional = Vec::new();
    let mut args = Args {
        index: String::new(),
        queries: String::new(),
        rounds: 5,
        warmup: 1,
        top: 10,
        exact: false,
        dump_slowest: None,
        json: None,
        breakdown: true,
        limit: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = |name: &str| -> String {
            it.next().unwrap_or_else(|| {
                eprintln!("keystrokes: {name} needs a value");
                usage()
            })
        };
        let number = |name: &str, v: String| -> usize {
            v.parse().unwrap_or_else(|_| {
                eprintln!("keystrokes: {name} wants a whole number, got {v:?}");
                usage()
            })
        };
        match a.as_str() {
            "--rounds" => args.rounds = number("--rounds", value("--rounds")).max(1),
            "--warmup" => args.warmup = number("--warmup", value("--warmup")),
            "--top" => args.top = number("--top", value("--top")),
            "--exact" => args.exact = true,
            "--dump-slowest" => args.dump_slowest = Some(value("--dump-slowest")),
            "--json" => args.json = Some(value("--json")),
            "--no-breakdown" => args.breakdown = false,
            "--limit" => args.limit = Some(number("--limit", value("--limit"))),
            "-h" | "--help" => usage(),
            s if s.starts_with("--") => {
                eprintln!("keystrokes: unknown option {s}");
                usage()
            }
            _ => positional.push(a),
        }
    }
    if positional.len() != 2 {
        usage();
    }
    args.queries = positional.pop().unwrap();
    args.index = positional.pop().unwrap();
    args
}

/// Reads the `"query"` string of one JSON object line. A small hand parser keeps the engine
/// crate free of a JSON dependency; it skips other fields' values without interpreting them.
fn json_query_field(line: &str) -> Option<String> {
    let b = line.as_bytes();
    let mut i = 0;
    let skip_ws = |i: &mut usize| {
        while *i < b.len() && b[*i].is_ascii_whitespace() {
            *i += 1;
        }
    };
    skip_ws(&mut i);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i += 1;
    loop {
        skip_ws(&mut i);
        if b.get(i) == Some(&b'}') {
            return None;
        }
        let key = json_string(line, &mut i)?;
        skip_ws(&mut i);
        if b.get(i) != Some(&b':') {
            return None;
        }
        i += 1;
        skip_ws(&mut i);
        if key == "query" {
            return json_string(line, &mut i);
        }
        skip_json_value(b, &mut i)?;
        skip_ws(&mut i);
        match b.get(i) {
            Some(b',') => i += 1,
            _ => return None,
        }
    }
}

/// Decodes a JSON string starting at `b[*i] == '"'`, leaving `*i` after the closing quote.
fn json_string(s: &str, i: &mut usize) -> Option<String> {
    let b = s.as_bytes();
    if b.get(*i) != Some(&b'"') {
        return None;
    }
    *i += 1;
    let mut out = String::new();
    let hex4 = |at: usize| -> Option<u32> {
        let h = s.get(at..at + 4)?;
        u32::from_str_radix(h, 16).ok()
    };
    loop {
        let c = s[*i..].chars().next()?;
        match c {
            '"' => {
                *i += 1;
                return Some(out);
            }
            '\\' => {
                let e = *b.get(*i + 1)?;
                *i += 2;
                match e {
                    b'"' => out.push('"'),
                    b'\\' => out.push('\\'),
                    b'/' => out.push('/'),
                    b'b' => out.push('\u{8}'),
                    b'f' => out.push('\u{c}'),
                    b'n' => out.push('\n'),
                    b'r' => out.push('\r'),
                    b't' => out.push('\t'),
                    b'u' => {
                        let hi = hex4(*i)?;
                        *i += 4;
                        let code =
                            if (0xD800..0xDC00).contains(&hi) && s.get(*i..*i + 2) == Some("\\u") {
                                let lo = hex4(*i + 2)?;
                                if (0xDC00..0xE000).contains(&lo) {
                                    *i += 6;
                                    0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                                } else {
                                    0xFFFD
                                }
                            } else {
                                hi
                            };
                        out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    }
                    _ => return None,
                }
            }
            c => {
                out.push(c);
                *i += c.len_utf8();
            }
        }
    }
}

/// Skips one JSON value (string, number, literal, array or object).
fn skip_json_value(b: &[u8], i: &mut usize) -> Option<()> {
    let mut depth = 0usize;
    loop {
        match *b.get(*i)? {
            b'"' => {
                *i += 1;
                while *b.get(*i)? != b'"' {
                    *i += if b[*i] == b'\\' { 2 } else { 1 };
                }
                *i += 1;
            }
            b'{' | b'[' => {
                depth += 1;
                *i += 1;
            }
            b'}' | b']' => {
                if depth == 0 {
                    return Some(());
                }
                depth -= 1;
                *i += 1;
            }
            b',' if depth == 0 => return Some(()),
            _ => *i += 1,
        }
        if depth == 0 && matches!(b.get(*i), Some(b',') | Some(b'}')) {
            return Some(());
        }
    }
}

fn read_queries(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("keystrokes: cannot read {path}: {e}");
        std::process::exit(1);
    });
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if trimmed.starts_with('{') {
            match json_query_field(trimmed) {
                Some(q) => out.push(q),
                None => eprintln!("keystrokes: {path}:{}: no \"query\" string; skipped", n + 1),
            }
        } else {
            // Kept as written (only the line ending dropped): a trailing space is a keystroke.
            out.push(line.trim_end_matches('\r').to_string());
        }
    }
    out
}

/// One timed unit: the text in the search box after a keystroke.
struct Keystroke {
    query: usize,
    text: String,
}

fn keystrokes(queries: &[String], exact: bool) -> Vec<Keystroke> {
    let mut out = Vec::new();
    for (qi, q) in queries.iter().enumerate() {
        if exact {
            out.push(Keystroke {
                query: qi,
                text: q.clone(),
            });
            continue;
        }
        for (at, c) in q.char_indices() {
            out.push(Keystroke {
                query: qi,
                text: q[..at + c.len_utf8()].to_string(),
            });
        }
    }
    out
}

/// The word being typed, as the search box would see it: the text after the last space, when
/// the text does not end in one.
fn last_word(text: &str) -> Option<&str> {
    if text.ends_with(|c: char| !c.is_alphanumeric()) {
        return None;
    }
    text.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .filter(|w| !w.is_empty())
}

fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Nearest-rank percentile of sorted values.
fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

struct Dist {
    count: usize,
    median: f64,
    p95: f64,
    p99: f64,
    max: f64,
    mean: f64,
}

fn dist(values: &[f64]) -> Dist {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    Dist {
        count: v.len(),
        median: pct(&v, 50.0),
        p95: pct(&v, 95.0),
        p99: pct(&v, 99.0),
        max: *v.last().unwrap_or(&f64::NAN),
        mean: v.iter().sum::<f64>() / v.len().max(1) as f64,
    }
}

fn fmt_us(us: f64) -> String {
    if us >= 10_000.0 {
        format!("{:.1} ms", us / 1000.0)
    } else if us >= 1000.0 {
        format!("{:.2} ms", us / 1000.0)
    } else {
        format!("{us:.1} µs")
    }
}

fn dist_row(name: &str, d: &Dist) -> String {
    format!(
        "  {name:<42} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10}",
        d.count,
        fmt_us(d.median),
        fmt_us(d.p95),
        fmt_us(d.p99),
        fmt_us(d.max),
        fmt_us(d.mean)
    )
}

fn dist_json(d: &Dist) -> String {
    format!(
        "{{\"count\":{},\"median_us\":{:.3},\"p95_us\":{:.3},\"p99_us\":{:.3},\"max_us\":{:.3},\"mean_us\":{:.3}}}",
        d.count, d.median, d.p95, d.p99, d.max, d.mean
    )
}

fn json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn main() {
    let args = parse_args();
    let bytes = std::fs::read(&args.index).unwrap_or_else(|e| {
        eprintln!("keystrokes: cannot read {}: {e}", args.index);
        std::process::exit(1);
    });
    let file_bytes = bytes.len();

    // Opening cost: median of a few opens (the copy of the bytes is not timed).
    let mut opens = Vec::new();
    let mut index = None;
    for _ in 0..5 {
        let copy = bytes.clone();
        let t = Instant::now();
        let opened = Index::from_bytes(copy);
        opens.push(micros(t.elapsed()));
        match opened {
            Ok(i) => index = Some(i),
            Err(e) => {
                eprintln!("keystrokes: {}: {e}", args.index);
                std::process::exit(1);
            }
        }
    }
    let index = index.unwrap();
    let open_us = median(&mut opens);

    let queries = read_queries(&args.queries);
    if queries.is_empty() {
        eprintln!("keystrokes: {}: no queries", args.queries);
        std::process::exit(1);
    }
    let stream = keystrokes(&queries, args.exact);
    let mut full = SearchOptions::default();
    if let Some(limit) = args.limit {
        full.limit = limit;
    }
    let rank_only = SearchOptions {
        limit: 0,
        ..SearchOptions::default()
    };

    // Warm-up: caches, branch predictors, allocator pools.
    let mut sink = 0usize;
    for _ in 0..args.warmup {
        for k in &stream {
            sink = sink.wrapping_add(index.search(&k.text, &full).total);
        }
    }

    let n = stream.len();
    let rounds = args.rounds;
    let mut full_samples = vec![Vec::with_capacity(rounds); n];
    let mut rank_samples = vec![Vec::with_capacity(rounds); n];
    let mut prefix_samples = vec![Vec::with_capacity(rounds); n];
    let mut totals = vec![0usize; n];
    let mut prefix_terms = vec![0usize; n];
    let started = Instant::now();
    for _ in 0..rounds {
        for (i, k) in stream.iter().enumerate() {
            let t = Instant::now();
            let r = index.search(&k.text, &full);
            full_samples[i].push(micros(t.elapsed()));
            totals[i] = r.total;
            sink = sink.wrapping_add(r.hits.len());
            drop(r);
            if args.breakdown {
                // Everything but building hits: expansion, scoring, counting, sorting, and any
                // rerank of the top results (which may read their stored text).
                let t = Instant::now();
                let r = index.search(&k.text, &rank_only);
                rank_samples[i].push(micros(t.elapsed()));
                sink = sink.wrapping_add(r.total);
                // Expansion of the word being typed against both fsts (public helper; the
                // search runs the same lookup).
                let t = Instant::now();
                let terms = last_word(&k.text).map(|w| index.terms_with_prefix(w));
                prefix_samples[i].push(micros(t.elapsed()));
                prefix_terms[i] = terms.map_or(0, |t| t.len());
            }
        }
    }
    let measured_s = started.elapsed().as_secs_f64();

    let per_key: Vec<f64> = full_samples.iter_mut().map(|s| median(s)).collect();
    let raw: Vec<f64> = full_samples.iter().flatten().copied().collect();
    // Sorted by `median` above, so the first sample is the fastest round.
    let best: Vec<f64> = full_samples.iter().map(|s| s[0]).collect();
    let rank_key: Vec<f64> = rank_samples
        .iter_mut()
        .filter(|s| !s.is_empty())
        .map(|s| median(s))
        .collect();
    let prefix_key: Vec<f64> = prefix_samples
        .iter_mut()
        .filter(|s| !s.is_empty())
        .map(|s| median(s))
        .collect();
    let hits_key: Vec<f64> = per_key
        .iter()
        .zip(&rank_key)
        .map(|(f, r)| (f - r).max(0.0))
        .collect();

    let d_full = dist(&per_key);
    let d_raw = dist(&raw);
    let d_best = dist(&best);
    let d_rank = dist(&rank_key);
    let d_hits = dist(&hits_key);
    let d_prefix = dist(&prefix_key);
    // Slowest keystrokes.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| per_key[b].total_cmp(&per_key[a]));
    let top = args.top.min(n);
    // Files first, so a closed stdout (`| head`) cannot lose them.
    if let Some(path) = &args.dump_slowest {
        let mut out = String::new();
        for &i in order.iter().take(top) {
            out.push_str(&stream[i].text.replace('\n', " "));
            out.push('\n');
        }
        if let Err(e) = std::fs::write(path, out) {
            eprintln!("keystrokes: cannot write {path}: {e}");
            std::process::exit(1);
        }
    }

    if let Some(path) = &args.json {
        let slowest: Vec<String> = order
            .iter()
            .take(top)
            .map(|&i| {
                format!(
                    "{{\"text\":{},\"us\":{:.3},\"results\":{}}}",
                    json_escape(&stream[i].text),
                    per_key[i],
                    totals[i]
                )
            })
            .collect();
        let mut json = format!(
            "{{\"index\":{},\"bytes\":{},\"docs\":{},\"open_us\":{:.3},\"queries\":{},\"keystrokes\":{},\"rounds\":{},\"search\":{},\"raw\":{},\"best\":{}",
            json_escape(&args.index),
            file_bytes,
            index.doc_count(),
            open_us,
            queries.len(),
            n,
            rounds,
            dist_json(&d_full),
            dist_json(&d_raw),
            dist_json(&d_best)
        );
        if args.breakdown {
            let _ = write!(
                json,
                ",\"rank_only\":{},\"hits\":{},\"prefix\":{}",
                dist_json(&d_rank),
                dist_json(&d_hits),
                dist_json(&d_prefix)
            );
        }
        let _ = write!(json, ",\"slowest\":[{}]}}", slowest.join(","));
        if let Err(e) = std::fs::write(path, json + "\n") {
            eprintln!("keystrokes: cannot write {path}: {e}");
            std::process::exit(1);
        }
    }
    println!(
        "native keystrokes: {} ({} bytes, {} docs, opened in {})",
        args.index,
        file_bytes,
        index.doc_count(),
        fmt_us(open_us)
    );
    println!(
        "  stream: {} queries, {} keystrokes{} from {}; {} warm-up + {} timed rounds ({:.1} s)",
        queries.len(),
        n,
        if args.exact { " (exact lines)" } else { "" },
        args.queries,
        args.warmup,
        rounds,
        measured_s
    );
    println!(
        "  {:<42} {:>7} {:>10} {:>10} {:>10} {:>10} {:>10}",
        "", "count", "median", "p95", "p99", "max", "mean"
    );
    println!(
        "{}",
        dist_row("search (per keystroke, median of rounds)", &d_full)
    );
    println!("{}", dist_row("search (every raw sample)", &d_raw));
    println!(
        "{}",
        dist_row("search (per keystroke, best of rounds)", &d_best)
    );
    if args.breakdown {
        println!(
            "{}",
            dist_row("  limit 0 (everything but building hits)", &d_rank)
        );
        println!(
            "{}",
            dist_row("  building 10 hits (full − limit 0)", &d_hits)
        );
        println!("{}", dist_row("  prefix expansion of last word", &d_prefix));
    }

    println!("\n  slowest keystrokes (median of rounds):");
    println!(
        "    {:>10} {:>10} {:>10} {:>8} {:>9}  text",
        "search", "limit 0", "prefix", "results", "pfx terms"
    );
    for &i in order.iter().take(top) {
        let (r, p) = if args.breakdown {
            (fmt_us(rank_key[i]), fmt_us(prefix_key[i]))
        } else {
            ("-".into(), "-".into())
        };
        println!(
            "    {:>10} {:>10} {:>10} {:>8} {:>9}  {:?}",
            fmt_us(per_key[i]),
            r,
            p,
            totals[i],
            prefix_terms[i],
            stream[i].text
        );
    }

    // Slowest queries: the sum over their keystrokes, and their worst keystroke.
    if !args.exact {
        let mut per_query = vec![(0f64, 0f64, 0usize); queries.len()];
        for (i, k) in stream.iter().enumerate() {
            let e = &mut per_query[k.query];
            e.0 += per_key[i];
            e.1 = e.1.max(per_key[i]);
            e.2 += 1;
        }
        let mut q_order: Vec<usize> = (0..queries.len()).collect();
        q_order.sort_by(|&a, &b| per_query[b].0.total_cmp(&per_query[a].0));
        println!("\n  slowest queries (sum over their keystrokes):");
        println!("    {:>10} {:>10} {:>5}  query", "sum", "worst key", "keys");
        for &q in q_order.iter().take(top.min(queries.len())) {
            let (sum, worst, keys) = per_query[q];
            println!(
                "    {:>10} {:>10} {:>5}  {:?}",
                fmt_us(sum),
                fmt_us(worst),
                keys,
                queries[q]
            );
        }
    }

    std::hint::black_box(sink);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_query_field() {
        assert_eq!(
            json_query_field(
                r#"{"id": 3, "tags": ["a", {"b": "}"}], "query": "reset \"2fa\" \u00e9\ud83d\ude00"}"#
            ),
            Some("reset \"2fa\" é😀".to_string())
        );
        assert_eq!(json_query_field(r#"{"q": "x"}"#), None);
    }

    #[test]
    fn types_every_prefix() {
        let k = keystrokes(&["añb c".to_string()], false);
        let texts: Vec<&str> = k.iter().map(|k| k.text.as_str()).collect();
        assert_eq!(texts, ["a", "añ", "añb", "añb ", "añb c"]);
        assert_eq!(last_word("añb c"), Some("c"));
        assert_eq!(last_word("añb "), None);
    }
}
