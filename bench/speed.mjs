#!/usr/bin/env node
// Speed and size benchmarks of faq-search, printed as tables.
//
//   node bench/speed.mjs [--corpus helpcenter-en|large-en|all] [--queries FILE] [options]
//
// For each corpus: builds the index with index-builder (build time), prints the size of every
// index section raw / gzip / brotli next to MiniSearch's serialized index for the same corpus,
// then "types" every query of the query file one character at a time and times each search,
// natively (engine/examples/keystrokes.rs) and through the wasm JavaScript API in headless
// Chromium. Latencies are medians over rounds per keystroke, then median / p95 / p99 over the
// keystrokes (nearest rank). Run `node bench/speed.mjs --help` for the options.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import {
  REPO_ROOT,
  CORPUS_DIR,
  BENCH_OUT,
  defaultIndexFile,
  readQueries,
  keystrokeStream,
  distribution,
  median,
  ms,
  bytes,
  kib,
  printTable,
} from './lib/common.mjs';
import { indexSizes, miniSearchSizes, MINISEARCH_STORE_FIELDS } from './lib/sizes.mjs';
import { browserKeystrokes } from './lib/browser.mjs';

const CORPORA = ['helpcenter-en', 'large-en'];
// What the engine has to reach in the browser: p99 per keystroke.
const BROWSER_P99_GOAL_MS = { 'helpcenter-en': 2, 'large-en': 10 };
const PKG_DIR = path.join(REPO_ROOT, 'target/widget-pkg');
const INDEX_BUILDER = path.join(REPO_ROOT, 'target/release/index-builder');
const KEYSTROKES = path.join(REPO_ROOT, 'target/release/examples/keystrokes');

const HELP = `usage: node bench/speed.mjs [options]

  --corpus NAME        helpcenter-en (default), large-en or all
  --queries FILE       query file: JSON Lines with a "query" field, or one query per line
                       (default: bench/queries/helpcenter-en.jsonl if present, else
                       bench/queries/keystrokes-en.txt)
  --only LIST          comma-separated parts to run: build,sizes,native,browser (default: all)
  --rounds N           timed rounds per keystroke, native (default 5)
  --browser-rounds N   timed rounds per keystroke, browser (default 5; 3 for large-en)
  --browser-warmup N   untimed passes over the stream first, browser (default 3: lets V8
                       tier the wasm up from its baseline compiler)
  --build-runs N       index builds to time (default 3 for helpcenter-en, 1 for large-en)
  --no-build           use the binaries and widget package as they are (no cargo, no wasm-pack)
  --json FILE          also write every result as JSON, to compare runs
  --top N              rows in the slowest-keystroke tables (default 10)

Corpora are read from ${CORPUS_DIR} (FAQ_CORPUS_DIR overrides); indexes go to target/bench/.`;

function parseArgs(argv) {
  const opts = {
    corpus: 'helpcenter-en',
    queries: null,
    only: new Set(['build', 'sizes', 'native', 'browser']),
    rounds: 5,
    browserRounds: null,
    browserWarmup: 3,
    buildRuns: null,
    build: true,
    json: null,
    top: 10,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    const count = () => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) fail(`${a} wants a whole number ≥ 1, got ${v}`);
      return n;
    };
    switch (a) {
      case '--corpus':
        opts.corpus = value();
        break;
      case '--queries':
        opts.queries = value();
        break;
      case '--only':
        opts.only = new Set(value().split(',').map((s) => s.trim()).filter(Boolean));
        for (const part of opts.only) {
          if (!['build', 'sizes', 'native', 'browser'].includes(part)) fail(`--only: unknown part ${part}`);
        }
        break;
      case '--rounds':
        opts.rounds = count();
        break;
      case '--browser-rounds':
        opts.browserRounds = count();
        break;
      case '--browser-warmup':
        opts.browserWarmup = count();
        break;
      case '--build-runs':
        opts.buildRuns = count();
        break;
      case '--no-build':
        opts.build = false;
        break;
      case '--json':
        opts.json = value();
        break;
      case '--top':
        opts.top = count();
        break;
      case '-h':
      case '--help':
        console.log(HELP);
        process.exit(0);
        break;
      default:
        fail(`unknown argument ${a}\n\n${HELP}`);
    }
  }
  if (opts.corpus !== 'all' && !CORPORA.includes(opts.corpus)) fail(`--corpus: ${opts.corpus} is not one of ${CORPORA.join(', ')}, all`);
  if (!opts.queries) {
    const judged = path.join(REPO_ROOT, 'bench/queries/helpcenter-en.jsonl');
    opts.queries = fs.existsSync(judged) ? judged : path.join(REPO_ROOT, 'bench/queries/keystrokes-en.txt');
  }
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

function step(message) {
  console.error(`bench: ${message}`);
}

/** Runs a command in the repository; exits with its output when it fails. */
function run(cmd, args, { inherit = false } = {}) {
  const r = spawnSync(cmd, args, {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: inherit ? 'inherit' : 'pipe',
    maxBuffer: 64 << 20,
  });
  if (r.error) fail(`${cmd}: ${r.error.message}`);
  if (r.status !== 0) fail(`${cmd} ${args.join(' ')} failed (exit ${r.status})\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r;
}

function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) visit(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}

/** The widget package is stale when any Rust source it is built from is newer than it. */
function widgetIsStale() {
  const wasm = path.join(PKG_DIR, 'faq_search_bg.wasm');
  if (!fs.existsSync(wasm)) return true;
  const sources = ['engine/src', 'engine/Cargo.toml', 'src', 'Cargo.toml', 'Cargo.lock'].map((p) => path.join(REPO_ROOT, p));
  return newestMtime(sources) > fs.statSync(wasm).mtimeMs;
}

function buildTools(opts) {
  const needNative = opts.only.has('native');
  const needBuilder = opts.only.has('build') || opts.only.has('sizes') || needNative || opts.only.has('browser');
  if (!opts.build) {
    if (opts.only.has('browser') && widgetIsStale()) step('warning: target/widget-pkg is older than the Rust sources (--no-build)');
    return;
  }
  if (needBuilder) {
    step('cargo build --release -p index-builder');
    run('cargo', ['build', '--release', '--quiet', '-p', 'index-builder']);
  }
  if (needNative) {
    step('cargo build --release -p faq-search-engine --example keystrokes');
    run('cargo', ['build', '--release', '--quiet', '-p', 'faq-search-engine', '--example', 'keystrokes']);
  }
  if (opts.only.has('browser') && widgetIsStale()) {
    step('scripts/build-widget.sh (the widget package is older than the Rust sources)');
    run('bash', ['scripts/build-widget.sh'], { inherit: true });
  }
}

/** Builds the index of `corpus` `runs` times; returns { file, seconds: [took], wall: [s] }. */
function buildIndex(corpus, runs) {
  const input = path.join(CORPUS_DIR, `${corpus}.jsonl`);
  const outDir = path.join(BENCH_OUT, corpus);
  const took = [];
  const wall = [];
  let stdout = '';
  for (let i = 0; i < runs; i++) {
    step(`index-builder build ${corpus} (${i + 1}/${runs})`);
    const t = performance.now();
    const r = run(INDEX_BUILDER, ['build', '--index-only', input, '--out', outDir]);
    wall.push((performance.now() - t) / 1000);
    stdout = r.stdout;
    const m = /took\s+([\d.]+)\s*s/.exec(r.stdout);
    if (m) took.push(Number(m[1]));
  }
  return { file: defaultIndexFile(outDir), took, wall, stdout };
}

function readCorpus(corpus) {
  return fs
    .readFileSync(path.join(CORPUS_DIR, `${corpus}.jsonl`), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

function pctOf(part, whole) {
  return `${((100 * part) / whole).toFixed(0)}%`;
}

function printSizes(corpus, ours, mini) {
  const rows = ours.sections.map((s) => [s.name, bytes(s.raw), bytes(s.gzip), bytes(s.brotli), pctOf(s.brotli, ours.whole.brotli)]);
  rows.push(['(header, table, CRC)', bytes(ours.envelope), '', '', '']);
  rows.push(['index w/o stored text', bytes(ours.indexOnly.raw), bytes(ours.indexOnly.gzip), bytes(ours.indexOnly.brotli), '']);
  rows.push(['whole file (served)', bytes(ours.whole.raw), bytes(ours.whole.gzip), bytes(ours.whole.brotli), '100%']);
  printTable(
    `Sizes, ${corpus}: faq-search index sections (each compressed on its own; gzip -9, brotli -q 11 -w 24)`,
    ['section', 'raw', 'gzip', 'brotli', 'of br total'],
    rows,
  );
  if (!mini) return;
  const cmp = (label, a, b) => [
    label,
    bytes(a.raw),
    bytes(a.brotli),
    bytes(b.raw),
    bytes(b.gzip),
    bytes(b.brotli),
    `${(a.gzip / b.gzip).toFixed(2)}`,
    `${(a.brotli / b.brotli).toFixed(2)}`,
  ];
  printTable(
    `Sizes, ${corpus}: faq-search vs MiniSearch 7 (fields title+body; JSON.stringify)`,
    ['comparison', 'ours raw', 'ours br', 'MiniSearch raw', 'MS gzip', 'MS brotli', 'gz ratio', 'br ratio'],
    [
      cmp('index only (ours w/o stored text; MS no storeFields)', ours.indexOnly, mini.indexOnly),
      cmp(`all to render (whole file; MS storeFields ${MINISEARCH_STORE_FIELDS.length})`, ours.whole, mini.withStored),
    ],
  );
  console.log(
    `  ratio = ours / MiniSearch (below 1.00: ours is smaller). MiniSearch storeFields: ${MINISEARCH_STORE_FIELDS.join(', ')}; ` +
      `ours also stores id and section. MiniSearch build ${ms(mini.indexOnly.buildMs)} (no stored) / ${ms(mini.withStored.buildMs)} (stored), in node.`,
  );
}

function latencyRows(dists) {
  return dists.map(([label, d]) => [label, String(d.count), ms(d.median), ms(d.p95), ms(d.p99), ms(d.max), ms(d.mean)]);
}

function summarizeBrowser(stream, r) {
  const perKey = r.full.map(median);
  const raw = r.full.flat();
  const out = {
    crossOriginIsolated: r.crossOriginIsolated,
    resolutionMs: r.resolution,
    browser: r.browserVersion,
    fetchMs: r.fetchMs,
    openMs: median(r.openMs),
    roundMs: r.roundMs,
    search: distribution(perKey),
    raw: distribution(raw),
    best: distribution(r.full.map((v) => Math.min(...v))),
    perKey,
  };
  if (r.rank) {
    const rankKey = r.rank.map(median);
    out.rankOnly = distribution(rankKey);
    out.hits = distribution(perKey.map((f, i) => Math.max(0, f - rankKey[i])));
    out.rankKey = rankKey;
  }
  out.totals = r.totals;
  return out;
}

function printBrowser(corpus, stream, b, top, queries) {
  console.log(
    `\nBrowser keystrokes, ${corpus}: JS API search() in headless Chromium ${b.browser}, ` +
      `cross-origin isolated: ${b.crossOriginIsolated}, timer step ${(b.resolutionMs * 1000).toFixed(1)} µs`,
  );
  console.log(
    `  index fetched in ${ms(b.fetchMs)}, opened (SearchIndex.fromBytes) in ${ms(b.openMs)}; ` +
      `${stream.length} keystrokes × ${b.roundMs.length} rounds, rounds took ${b.roundMs.map((x) => (x / 1000).toFixed(1)).join(', ')} s`,
  );
  const rows = [
    ['search() per keystroke, median of rounds', b.search],
    ['search() every raw sample', b.raw],
    ['search() per keystroke, best of rounds', b.best],
  ];
  if (b.rankOnly) {
    rows.push(['  { limit: 0 } (everything but hits)', b.rankOnly]);
    rows.push(['  10 hits + JS objects (full − limit 0)', b.hits]);
  }
  printTable(null, ['', 'count', 'median', 'p95', 'p99', 'max', 'mean'], latencyRows(rows));
  const order = b.perKey.map((_, i) => i).sort((x, y) => b.perKey[y] - b.perKey[x]);
  printTable(
    '  slowest keystrokes in the browser (median of rounds):',
    ['text', 'search()', 'limit 0', 'results'],
    order.slice(0, top).map((i) => [JSON.stringify(stream[i].text), ms(b.perKey[i]), b.rankKey ? ms(b.rankKey[i]) : '-', String(b.totals[i])]),
  );
  const perQuery = queries.map(() => ({ sum: 0, worst: 0, keys: 0 }));
  stream.forEach((k, i) => {
    const e = perQuery[k.query];
    e.sum += b.perKey[i];
    e.worst = Math.max(e.worst, b.perKey[i]);
    e.keys += 1;
  });
  const qOrder = queries.map((_, i) => i).sort((x, y) => perQuery[y].sum - perQuery[x].sum);
  printTable(
    '  slowest queries in the browser (sum over their keystrokes):',
    ['query', 'sum', 'worst key', 'keys'],
    qOrder.slice(0, top).map((q) => [JSON.stringify(queries[q]), ms(perQuery[q].sum), ms(perQuery[q].worst), String(perQuery[q].keys)]),
  );
}

async function benchCorpus(corpus, opts, queries, stream) {
  const result = { corpus };
  console.log(`\n${'='.repeat(100)}\n${corpus}\n${'='.repeat(100)}`);
  const large = corpus === 'large-en';
  // The default locale's index of the last build (both corpora are English only).
  let indexFile = defaultIndexFile(path.join(BENCH_OUT, corpus));

  // Without the build part, the index is still rebuilt when index-builder is newer than it.
  const stale = !indexFile || (fs.existsSync(INDEX_BUILDER) && fs.statSync(INDEX_BUILDER).mtimeMs > fs.statSync(indexFile).mtimeMs);
  if (opts.only.has('build') || stale) {
    const runs = opts.only.has('build') ? (opts.buildRuns ?? (large ? 1 : 3)) : 1;
    const b = buildIndex(corpus, runs);
    indexFile = b.file;
    result.build = { runs, took: b.took, wall: b.wall };
    console.log(`\nindex-builder build ${corpus} (last run's output):`);
    console.log(b.stdout.replace(/^/gm, '  ').trimEnd());
    console.log(
      `  build time over ${runs} run${runs > 1 ? 's' : ''}: median ${median(b.took).toFixed(2)} s as printed ` +
        `(${b.took.map((x) => x.toFixed(2)).join(', ')}), median wall ${median(b.wall).toFixed(2)} s`,
    );
  }

  if (opts.only.has('sizes')) {
    step(`sizes ${corpus}: compressing every section (brotli -q 11 is slow on large inputs)`);
    const ours = indexSizes(indexFile);
    step(`sizes ${corpus}: MiniSearch`);
    const mini = miniSearchSizes(readCorpus(corpus));
    result.sizes = { ours, miniSearch: mini };
    printSizes(corpus, ours, mini);
  }

  if (opts.only.has('native')) {
    step(`native keystrokes ${corpus}`);
    const jsonFile = path.join(BENCH_OUT, corpus, 'keystrokes-native.json');
    console.log('');
    run(
      KEYSTROKES,
      [indexFile, opts.queries, '--rounds', String(opts.rounds), '--top', String(opts.top), '--json', jsonFile],
      { inherit: true },
    );
    result.native = JSON.parse(fs.readFileSync(jsonFile, 'utf8'));
  }

  if (opts.only.has('browser')) {
    const rounds = opts.browserRounds ?? (large ? 3 : 5);
    step(`browser keystrokes ${corpus} (${stream.length} keystrokes × ${rounds} rounds after ${opts.browserWarmup} warm-up)`);
    const raw = await browserKeystrokes({ pkgDir: PKG_DIR, indexFile, stream, rounds, warmup: opts.browserWarmup });
    const b = summarizeBrowser(stream, raw);
    printBrowser(corpus, stream, b, opts.top, queries);
    const { perKey, rankKey, totals, ...keep } = b;
    result.browser = keep;
  }
  return result;
}

function printSummary(results) {
  const rows = [];
  for (const r of results) {
    const n = r.native?.search;
    const b = r.browser?.search;
    const goal = BROWSER_P99_GOAL_MS[r.corpus];
    const us = (x) => (x === undefined ? '-' : ms(x / 1000));
    rows.push([
      r.corpus,
      us(n?.median_us),
      us(n?.p95_us),
      us(n?.p99_us),
      b ? ms(b.median) : '-',
      b ? ms(b.p95) : '-',
      b ? ms(b.p99) : '-',
      `≤ ${goal} ms`,
      b ? (b.p99 <= goal ? 'met' : `${(b.p99 / goal).toFixed(1)}× over`) : '-',
    ]);
  }
  printTable(
    'Summary: per-keystroke latency (median of rounds per keystroke; nearest-rank percentiles)',
    ['corpus', 'native p50', 'native p95', 'native p99', 'browser p50', 'browser p95', 'browser p99', 'goal p99', 'browser'],
    rows,
  );
  const sizeRows = results
    .filter((r) => r.sizes)
    .map((r) => {
      const { ours, miniSearch: m } = r.sizes;
      return [
        r.corpus,
        kib(ours.indexOnly.brotli),
        kib(m.indexOnly.brotli),
        (ours.indexOnly.brotli / m.indexOnly.brotli).toFixed(2),
        kib(ours.whole.brotli),
        kib(m.withStored.brotli),
        (ours.whole.brotli / m.withStored.brotli).toFixed(2),
        r.build ? `${median(r.build.took).toFixed(2)} s` : '-',
      ];
    });
  if (sizeRows.length) {
    printTable(
      'Summary: brotli bytes, faq-search vs MiniSearch (ratio below 1.00: ours is smaller)',
      ['corpus', 'index only', 'MS index only', 'ratio', 'all to render', 'MS + stored', 'ratio', 'build (median)'],
      sizeRows,
    );
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const queries = readQueries(opts.queries);
  if (!queries.length) fail(`${opts.queries}: no queries`);
  const stream = keystrokeStream(queries);
  console.log(
    `faq-search benchmarks: ${queries.length} queries, ${stream.length} keystrokes from ${path.relative(REPO_ROOT, opts.queries) || opts.queries}`,
  );
  console.log(`machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, node ${process.version}`);
  buildTools(opts);
  fs.mkdirSync(BENCH_OUT, { recursive: true });
  const corpora = opts.corpus === 'all' ? CORPORA : [opts.corpus];
  const results = [];
  for (const corpus of corpora) results.push(await benchCorpus(corpus, opts, queries, stream));
  printSummary(results);
  if (opts.json) {
    fs.writeFileSync(opts.json, JSON.stringify({ date: new Date().toISOString(), queries: opts.queries, results }, null, 1) + '\n');
    step(`wrote ${opts.json}`);
  }
}

main().catch((e) => {
  console.error(e?.stack ?? e);
  process.exit(1);
});
