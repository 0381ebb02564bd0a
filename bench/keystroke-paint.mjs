#!/usr/bin/env node
// How fast the widget answers a keystroke on screen: the demo page with an index of the
// help-center corpus, in headless Chromium, typed into key by key. For every keystroke the
// page records, from the `input` event's timestamp:
//
//   dom     the widget's first DOM change for it (search in wasm + Yew render), seen by a
//           MutationObserver;
//   frame   the requestAnimationFrame callback after that change: the frame that shows it
//           starts (this includes waiting for the display's next frame, up to 16.7 ms at 60 Hz);
//   paint   a message posted from that callback: the frame has been rendered.
//
// Afterwards the same texts are searched again through the JavaScript API in the same page
// ("search alone"), which splits the DOM time into the engine's share and the widget's.
//
// Keystrokes that change nothing on screen (a trailing space, say) have no paint to wait for
// and are counted apart. Also prints the widget's transfer size (wasm + JS + CSS) compressed.
//
//   node bench/keystroke-paint.mjs [--corpus FILE] [--queries FILE] [--max-queries N]
//                                  [--delay MS] [--no-build] [--json]
//
// The site is built into target/bench/keystroke-paint/ (never dist/).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser } from '../tests/e2e/harness.mjs';
import { REPO_ROOT, CORPUS_DIR, BENCH_OUT, defaultIndexFile, readQueries, distribution, ms, kib, bytes, printTable } from './lib/common.mjs';

const HELP = `Usage: node bench/keystroke-paint.mjs [options]

  --corpus FILE      articles to index (default: ${path.join(CORPUS_DIR, 'helpcenter-en.jsonl')})
  --queries FILE     queries to type: JSON Lines with a "query" field, or one per line
                     (default: bench/queries/helpcenter-en.jsonl, else keystrokes-en.txt)
  --max-queries N    type only the first N queries
  --delay MS         pause between keystrokes (default 40: a fast typist)
  --no-build         reuse target/widget-pkg and the release index-builder as they are
  --json             print the figures as one JSON object`;

const BUILT_IN_QUERIES = ['how do i reset my password', 'wifi not connecting', 'printer', 'change screen resolution', 'git rebase', 'keyboard shortcuts'];

function parseArgs(argv) {
  const args = { corpus: path.join(CORPUS_DIR, 'helpcenter-en.jsonl'), queries: null, maxQueries: Infinity, delay: 40, build: true, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--corpus') args.corpus = path.resolve(value());
    else if (a === '--queries') args.queries = path.resolve(value());
    else if (a === '--max-queries') args.maxQueries = Number(value());
    else if (a === '--delay') args.delay = Number(value());
    else if (a === '--no-build') args.build = false;
    else if (a === '--json') args.json = true;
    else if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else throw new Error(`unknown argument ${a}\n\n${HELP}`);
  }
  return args;
}

/** The queries to type, from the first file that exists, else a small built-in list. */
function loadQueries(args) {
  const candidates = args.queries
    ? [args.queries]
    : [path.join(REPO_ROOT, 'bench/queries/helpcenter-en.jsonl'), path.join(REPO_ROOT, 'bench/queries/keystrokes-en.txt')];
  for (const file of candidates) {
    if (fs.existsSync(file)) {
      const queries = readQueries(file).filter((q) => q.trim());
      if (queries.length) return { source: path.relative(REPO_ROOT, file), queries: queries.slice(0, args.maxQueries) };
    }
  }
  if (args.queries) throw new Error(`${args.queries}: no queries`);
  return { source: 'built-in list', queries: BUILT_IN_QUERIES.slice(0, args.maxQueries) };
}

/** The demo site (page, loader, API, CSS, wasm) with an index of `corpus`, in `out`. */
function buildSite(corpus, out, build) {
  const log = (m) => process.stderr.write(`keystroke-paint: ${m}\n`);
  if (build) {
    log('building the widget (scripts/build-widget.sh) and index-builder');
    execFileSync(path.join(REPO_ROOT, 'scripts/build-widget.sh'), { stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('cargo', ['build', '--quiet', '--release', '-p', 'index-builder'], { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const pkg = path.join(REPO_ROOT, 'target/widget-pkg');
  const builder = path.join(REPO_ROOT, 'target/release/index-builder');
  for (const f of [path.join(pkg, 'faq_search_bg.wasm'), builder]) {
    if (!fs.existsSync(f)) throw new Error(`${f} is missing: run without --no-build`);
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(path.join(out, 'pkg'), { recursive: true });
  for (const f of fs.readdirSync(path.join(REPO_ROOT, 'www'))) {
    if (/\.(html|css|js)$/.test(f)) fs.copyFileSync(path.join(REPO_ROOT, 'www', f), path.join(out, f));
  }
  for (const f of ['faq_search.js', 'faq_search_bg.wasm']) fs.copyFileSync(path.join(pkg, f), path.join(out, 'pkg', f));
  log(`indexing ${corpus}`);
  execFileSync(builder, ['build', corpus, '--out', path.join(out, 'index'), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Bytes a visitor downloads for the widget itself (not the index), raw, gzip and brotli. */
function transferSizes(site) {
  const files = ['pkg/faq_search_bg.wasm', 'pkg/faq_search.js', 'faq-search.js', 'faq-search-api.js', 'faq-search.css'];
  const rows = files.map((f) => {
    const raw = fs.readFileSync(path.join(site, f));
    return {
      file: f,
      raw: raw.length,
      gzip: zlib.gzipSync(raw, { level: 9 }).length,
      brotli: zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
  const total = rows.reduce((t, r) => ({ file: 'total', raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  const idxFile = defaultIndexFile(path.join(site, 'index'));
  const idx = fs.readFileSync(idxFile);
  const index = {
    file: path.relative(site, idxFile),
    raw: idx.length,
    gzip: zlib.gzipSync(idx, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(idx, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  return { files: rows, total, index };
}

/** Installed in the page before typing: records the three times of every keystroke. */
function installProbe() {
  const host = document.querySelector('#help-search');
  const root = host.shadowRoot ?? host;
  const samples = [];
  const unchanged = [];
  let pending = null;
  const channel = new MessageChannel();
  let afterPaint = null;
  channel.port1.onmessage = () => afterPaint?.();

  document.addEventListener(
    'input',
    (event) => {
      if (!event.composedPath()[0]?.classList?.contains('fqs-input')) return;
      // The previous keystroke changed nothing on screen if it is still pending.
      if (pending && !pending.dom) unchanged.push(pending.text);
      pending = { t0: event.timeStamp, text: event.composedPath()[0].value };
    },
    true,
  );
  new MutationObserver(() => {
    const p = pending;
    if (!p || p.dom) return;
    p.dom = performance.now() - p.t0;
    requestAnimationFrame(() => {
      p.frame = performance.now() - p.t0;
      afterPaint = () => {
        afterPaint = null;
        p.paint = performance.now() - p.t0;
        samples.push(p);
        if (pending === p) pending = null;
      };
      channel.port2.postMessage(0);
    });
  }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });

  window.__keystrokes = { samples, unchanged };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { source, queries } = loadQueries(args);
  const out = path.join(BENCH_OUT, 'keystroke-paint');
  const site = path.join(out, 'site');
  buildSite(args.corpus, site, args.build);
  const sizes = transferSizes(site);

  const server = await startServer(site);
  const browser = await launchBrowser();
  const page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/`);
  const widget = page.locator('#help-search .fqs-root');
  await page.waitForFunction(() => document.querySelector('#help-search')?.shadowRoot?.querySelector('.fqs-root[data-state=ready]'), null, { timeout: 60000 });
  await page.evaluate(installProbe);
  const box = widget.locator('input.fqs-input');

  process.stderr.write(`keystroke-paint: typing ${queries.length} queries (${queries.reduce((n, q) => n + [...q].length, 0)} keystrokes) from ${source}\n`);
  const started = Date.now();
  for (const query of queries) {
    await box.fill('');
    await page.waitForTimeout(60);
    await box.pressSequentially(query, { delay: args.delay });
    await page.waitForTimeout(60);
  }
  const { samples, unchanged } = await page.evaluate(() => window.__keystrokes);
  // The engine's share: each text searched as the widget does (first page, its snippet
  // length), through the JS API; the best of three runs, so a stray pause does not count.
  const searchMs = await page.evaluate(async (texts) => {
    const api = await import('./faq-search-api.js');
    const index = await api.loadIndex('index/');
    return texts.map((text) => {
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        index.search(text, { limit: 10, snippetWords: 28 });
        best = Math.min(best, performance.now() - t);
      }
      return best;
    });
  }, samples.map((s) => s.text));
  samples.forEach((s, i) => (s.search = searchMs[i]));
  await browser.close();
  await server.close();
  if (errors.length) throw new Error(`the page reported errors:\n${errors.join('\n')}`);

  const stats = {
    search: distribution(samples.map((s) => s.search)),
    dom: distribution(samples.map((s) => s.dom)),
    frame: distribution(samples.map((s) => s.frame)),
    paint: distribution(samples.map((s) => s.paint)),
  };
  const slowest = [...samples].sort((a, b) => b.paint - a.paint).slice(0, 5);
  const result = {
    corpus: path.relative(REPO_ROOT, args.corpus) || args.corpus,
    queries: source,
    keystrokes: samples.length + unchanged.length,
    measured: samples.length,
    unchanged: unchanged.length,
    delayMs: args.delay,
    seconds: (Date.now() - started) / 1000,
    stats,
    slowest: slowest.map((s) => ({ text: s.text, search: s.search, dom: s.dom, frame: s.frame, paint: s.paint })),
    transfer: sizes,
  };
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  console.log(`faq-search keystroke → paint, headless Chromium, demo page with ${result.corpus}`);
  console.log(`${result.keystrokes} keystrokes from ${source} (${args.delay} ms apart); ${result.measured} changed the screen, ${result.unchanged} did not`);
  printTable(
    'From the input event to …',
    ['', 'median', 'p95', 'p99', 'max'],
    [
      ['search alone (JS API, same text)', ...['median', 'p95', 'p99', 'max'].map((k) => ms(stats.search[k]))],
      ['DOM updated (search + render)', ...['median', 'p95', 'p99', 'max'].map((k) => ms(stats.dom[k]))],
      ['next frame starts (rAF)', ...['median', 'p95', 'p99', 'max'].map((k) => ms(stats.frame[k]))],
      ['frame painted', ...['median', 'p95', 'p99', 'max'].map((k) => ms(stats.paint[k]))],
    ],
  );
  printTable(
    'Slowest keystrokes (to painted)',
    ['box holds', 'search', 'dom', 'painted'],
    slowest.map((s) => [JSON.stringify(s.text), ms(s.search), ms(s.dom), ms(s.paint)]),
  );
  const goal = stats.paint.p99 < 16 ? 'met' : 'missed';
  console.log(`\nGoal p99 < 16 ms to painted: ${goal} (${ms(stats.paint.p99)}); DOM updated p99 ${ms(stats.dom.p99)}.`);
  printTable(
    'Transfer size of the widget (what a visitor downloads besides the index)',
    ['file', 'raw', 'gzip -9', 'brotli 11'],
    [...sizes.files, sizes.total, sizes.index].map((r) => [r.file, bytes(r.raw), bytes(r.gzip), bytes(r.brotli)]),
  );
  console.log(`\nWidget total: ${kib(sizes.total.brotli)} brotli (${kib(sizes.total.gzip)} gzip); the index adds ${kib(sizes.index.brotli)} brotli.`);
}

main().catch((error) => {
  console.error(`keystroke-paint: ${error.message}`);
  process.exit(1);
});
