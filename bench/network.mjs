#!/usr/bin/env node
// faq-search next to Pagefind over an emulated network: what a visitor downloads and waits
// for, in headless Chromium, for the same corpus and the same query.
//
//   node bench/network.mjs [--corpus helpcenter-en|large-en|all] [--rounds N] [--json FILE]
//
// For each corpus both sides are built (and cached in target/bench-network/<corpus>/), served
// from 127.0.0.1 by bench/lib/static-server.mjs (brotli, keep-alive, no-store) and measured in
// one run:
//
//   load        the page is opened with ?q=<query> (the faq-search demo page syncs its inline
//               widget with the URL; the Pagefind page reads ?q= the same way), from a fresh
//               browser context with the cache disabled, until the first results (titles with
//               snippets/excerpts) for that query are in the DOM. Bytes and requests are what
//               the server sent before that moment: page, scripts, styles, wasm and index.
//               Unthrottled and under an emulated slow 4G link (CDP
//               Network.emulateNetworkConditions: 150 ms latency, 200,000 B/s down, 750 kbit/s
//               up); medians over the rounds.
//   keystrokes  the query file typed key by key into a loaded page (unthrottled); for every
//               keystroke, the time from its input event until its results are in the DOM,
//               including any fetches the search waits on. One keystroke at a time: the next
//               key is pressed once the previous one is answered.
//   build       index build time and the size of everything the index build wrote.
//
// Faq-search's side is the project's demo page (www/index.html) with the widget from
// scripts/build-widget.sh and an index written by index-builder. Pagefind's side is the corpus
// rendered as one HTML page per article, indexed by the pagefind CLI from npm, and a minimal
// search page on Pagefind's JavaScript API (bench/lib/pagefind-site.mjs).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { promisify } from 'node:util';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { launchBrowser } from '../tests/e2e/harness.mjs';
import { REPO_ROOT, readQueries, distribution, median, ms, bytes, printTable, copyDemoSite } from './lib/common.mjs';
import { startBrotliServer, brotliOptions } from './lib/static-server.mjs';
import { pagefindBinary, renderSite, runPagefind, PAGEFIND_PAGE_SIZE } from './lib/pagefind-site.mjs';

const brotli = promisify(zlib.brotliCompress);

const CORPORA = ['helpcenter-en', 'large-en'];
const DEFAULT_CORPUS_DIR = process.env.FAQ_CORPUS_DIR || path.resolve(REPO_ROOT, '../shared/corpus');
const OUT = path.join(REPO_ROOT, 'target/bench-network');
const INDEX_BUILDER = path.join(REPO_ROOT, 'target/release/index-builder');
const WIDGET_PKG = path.join(REPO_ROOT, 'target/widget-pkg');
const DEFAULT_QUERY = 'network configuration';
const SIDES = ['faq-search', 'pagefind'];
// Bump when the rendered Pagefind site changes, so cached sites are rebuilt.
const PAGEFIND_SITE_VERSION = 1;

// Slow 4G as Chromium's DevTools presets define it (and as Lighthouse throttles).
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 200_000, uploadThroughput: 750_000 / 8 };
const NO_THROTTLE = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

const HELP = `usage: node bench/network.mjs [options]

  --corpus NAME       helpcenter-en, large-en or all (default all)
  --corpus-dir DIR    where the corpora are (default ${path.relative(process.cwd(), DEFAULT_CORPUS_DIR) || '.'};
                      FAQ_CORPUS_DIR overrides)
  --rounds N          page loads per side and network (default 3); medians are reported
  --query TEXT        the query whose first results are waited for (default "${DEFAULT_QUERY}")
  --queries FILE      the keystroke stream (default bench/queries/keystrokes-en.txt)
  --max-queries N     type only the first N queries of the stream
  --only LIST         comma-separated parts: load,slow,keystrokes (default all three;
                      "load" is the unthrottled load, "slow" the slow 4G one)
  --no-build          use target/release/index-builder and target/widget-pkg as they are
  --rebuild           rebuild the cached sites even when nothing changed
  --json FILE         also write every figure as JSON ("-" prints it instead of the tables)

Sites are cached in target/bench-network/<corpus>/ and rebuilt when the corpus, the
index-builder binary, the pagefind version or the site layout changes.`;

function fail(message) {
  console.error(`network: ${message}`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    corpus: 'all',
    corpusDir: DEFAULT_CORPUS_DIR,
    rounds: 3,
    query: DEFAULT_QUERY,
    queries: path.join(REPO_ROOT, 'bench/queries/keystrokes-en.txt'),
    maxQueries: Infinity,
    only: new Set(['load', 'slow', 'keystrokes']),
    build: true,
    rebuild: false,
    json: null,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    const count = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) fail(`${a} wants a whole number ≥ 1`);
      return n;
    };
    if (a === '--corpus') {
      opts.corpus = value();
      if (opts.corpus !== 'all' && !CORPORA.includes(opts.corpus)) fail(`--corpus: one of ${CORPORA.join(', ')}, all`);
    } else if (a === '--corpus-dir') opts.corpusDir = path.resolve(value());
    else if (a === '--rounds') opts.rounds = count();
    else if (a === '--query') opts.query = value();
    else if (a === '--queries') opts.queries = path.resolve(value());
    else if (a === '--max-queries') opts.maxQueries = count();
    else if (a === '--only') {
      opts.only = new Set(value().split(',').map((s) => s.trim()).filter(Boolean));
      for (const part of opts.only) if (!['load', 'slow', 'keystrokes'].includes(part)) fail(`--only: unknown part ${part}`);
    } else if (a === '--no-build') opts.build = false;
    else if (a === '--rebuild') opts.rebuild = true;
    else if (a === '--json') opts.json = value();
    else if (a === '--help' || a === '-h') {
      console.log(HELP);
      process.exit(0);
    } else fail(`unknown argument ${a}\n\n${HELP}`);
  }
  if (!opts.query.trim()) fail('--query must not be blank');
  return opts;
}

const log = (m) => process.stderr.write(`network: ${m}\n`);

/** Runs a command; throws with its output when it fails or takes longer than `timeoutMs`. */
function run(cmd, args, { cwd = REPO_ROOT, timeoutMs = 20 * 60 * 1000 } = {}) {
  const started = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  const took = performance.now() - started;
  if (r.error) throw new Error(`${cmd} ${args.join(' ')}: ${r.error.code === 'ETIMEDOUT' ? `no result after ${timeoutMs / 1000} s` : r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
  return { ms: took, stdout: r.stdout, stderr: r.stderr };
}

function sha256File(file) {
  const hash = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

const key = (...parts) => crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);

/** Every file below `dir`, as paths relative to it. */
function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

// ---------------------------------------------------------------------------------------------
// Building both sites (cached)

/** Builds index-builder and the widget, unless told not to. */
function buildTools(opts) {
  if (!opts.build) return;
  try {
    log('building index-builder (cargo build --release -p index-builder)');
    run('cargo', ['build', '--quiet', '--release', '-p', 'index-builder']);
    log('building the widget (scripts/build-widget.sh)');
    run(path.join(REPO_ROOT, 'scripts/build-widget.sh'), []);
  } catch (error) {
    throw new Error(`${error.message}\n(--no-build measures the index-builder and widget already built)`);
  }
}

/** The widget package to serve: target/widget-pkg, else dist/pkg. */
function widgetPkg() {
  for (const dir of [WIDGET_PKG, path.join(REPO_ROOT, 'dist/pkg')]) {
    if (fs.existsSync(path.join(dir, 'faq_search_bg.wasm')) && fs.existsSync(path.join(dir, 'faq_search.js'))) return dir;
  }
  throw new Error('no widget build: run ./scripts/build-widget.sh (or drop --no-build)');
}

const isCompressedCopy = (f) => /\.(br|gz)$/.test(f);

/**
 * The faq-search side of `corpus`: index-builder's output in faq-search-index/ (rebuilt when
 * the corpus or the binary changed), and the site: www/ (the demo page, loader, API, CSS), the
 * widget package in pkg/ and a copy of the index output in index/, where every file without a
 * precompressed .br copy from the builder gets one (brotli 11), as a host would serve it.
 */
function faqSearchSite(name, corpusFile, corpusHash, opts) {
  if (!fs.existsSync(INDEX_BUILDER)) throw new Error(`${INDEX_BUILDER} is missing: drop --no-build, or run cargo build --release -p index-builder`);
  const dir = path.join(OUT, name);
  const indexDir = path.join(dir, 'faq-search-index');
  const site = path.join(dir, 'faq-search-site');
  const stampFile = path.join(dir, 'faq-search.json');
  const want = key('faq-search', corpusHash, sha256File(INDEX_BUILDER));
  let stamp = readJson(stampFile);
  if (opts.rebuild || !stamp || stamp.key !== want || !fs.existsSync(path.join(site, 'index'))) {
    log(`${name}: building the faq-search index`);
    fs.rmSync(indexDir, { recursive: true, force: true });
    fs.rmSync(path.join(site, 'index'), { recursive: true, force: true });
    const built = run(INDEX_BUILDER, ['build', '--index-only', corpusFile, '--out', indexDir, '--quiet']);
    const files = listFiles(indexDir);
    if (!files.filter((f) => !isCompressedCopy(f)).length) throw new Error(`index-builder wrote nothing into ${indexDir}`);
    // The served copy, with a .br next to every file that has none, compressed on zlib's
    // thread pool while the caller builds the Pagefind side.
    fs.cpSync(indexDir, path.join(site, 'index'), { recursive: true });
    const buildMs = built.ms;
    const builtAt = new Date().toISOString();
    const load = os.loadavg()[0];
    const compressing = Promise.all(
      files
        .filter((f) => !isCompressedCopy(f) && !files.includes(`${f}.br`))
        .map(async (f) => {
          const raw = fs.readFileSync(path.join(indexDir, f));
          fs.writeFileSync(path.join(site, 'index', `${f}.br`), await brotli(raw, brotliOptions(raw.length)));
        }),
    ).then(() => {
      const done = { key: want, buildMs, builtAt, load };
      fs.writeFileSync(stampFile, JSON.stringify(done, null, 2));
      return done;
    });
    stamp = { key: want, buildMs, builtAt, load, compressing };
  } else log(`${name}: faq-search index is cached (built ${stamp.builtAt})`);

  // The page and the widget: cheap, so copied every run (the widget may have been rebuilt).
  const pkg = widgetPkg();
  copyDemoSite(pkg, site);
  return { site, indexDir, stamp, pkg: path.relative(REPO_ROOT, pkg) };
}

/** The Pagefind side of `corpus`: rendered pages + pagefind/ bundle, rebuilt when anything changed. */
function pagefindSite(name, articles, corpusHash, opts, binary) {
  const dir = path.join(OUT, name);
  const site = path.join(dir, 'pagefind-site');
  const stampFile = path.join(dir, 'pagefind.json');
  const want = key('pagefind', corpusHash, binary.version, PAGEFIND_SITE_VERSION);
  let stamp = readJson(stampFile);
  if (opts.rebuild || !stamp || stamp.key !== want || !fs.existsSync(path.join(site, 'pagefind/pagefind.js'))) {
    log(`${name}: rendering ${articles.length} pages for Pagefind`);
    const rendered = renderSite(articles, site);
    log(`${name}: indexing with ${binary.version}`);
    const load = os.loadavg()[0];
    const built = runPagefind(binary.file, site);
    stamp = { key: want, buildMs: built.ms, renderMs: rendered.ms, pages: rendered.pages, builtAt: new Date().toISOString(), load };
    fs.writeFileSync(stampFile, JSON.stringify(stamp, null, 2));
  } else log(`${name}: Pagefind site is cached (built ${stamp.builtAt})`);
  return { site, bundle: path.join(site, 'pagefind'), stamp };
}

// ---------------------------------------------------------------------------------------------
// Sizes on disk

/** faq-search: every file the builder wrote except its .br/.gz copies; brotli from the .br copies. */
function faqSearchDiskSizes(indexDir, site) {
  const files = listFiles(indexDir).filter((f) => !isCompressedCopy(f));
  let raw = 0;
  let br = 0;
  let fromBuilder = 0;
  for (const f of files) {
    raw += fs.statSync(path.join(indexDir, f)).size;
    const own = path.join(indexDir, `${f}.br`);
    if (fs.existsSync(own)) {
      br += fs.statSync(own).size;
      fromBuilder++;
    } else br += fs.statSync(path.join(site, 'index', `${f}.br`)).size;
  }
  return { files: files.length, raw, brotli: br, brotliFrom: fromBuilder === files.length ? 'the builder' : fromBuilder ? 'builder + ours' : 'ours (quality 11)' };
}

/**
 * Pagefind: the whole pagefind/ bundle it wrote (its UI scripts included), and the search data
 * alone (entry, meta, index chunks, filters, fragments), raw and as served (its data files are
 * gzip already and go out as they are; the rest brotli 11).
 */
async function pagefindDiskSizes(bundle) {
  const files = listFiles(bundle);
  const isData = (f) => /\.(pf_meta|pf_index|pf_fragment|pf_filter)$/.test(f) || f === 'pagefind-entry.json';
  const sum = { raw: 0, served: 0, dataRaw: 0, dataServed: 0, files: files.length, dataFiles: 0 };
  for (const f of files) {
    const buf = fs.readFileSync(path.join(bundle, f));
    const gz = buf.length > 2 && buf[0] === 0x1f && buf[1] === 0x8b;
    const served = gz ? buf.length : (await brotli(buf, brotliOptions(buf.length))).length;
    sum.raw += buf.length;
    sum.served += served;
    if (isData(f)) {
      sum.dataRaw += buf.length;
      sum.dataServed += served;
      sum.dataFiles++;
    }
  }
  return sum;
}

// ---------------------------------------------------------------------------------------------
// In the page

/**
 * Init script: records when the first results for `query` are in the DOM (window.__first).
 * Watches the document and every shadow root created (the widget's lives in one) with
 * MutationObservers, whose callbacks run right after the DOM changed.
 */
function firstResultsProbe({ side, query }) {
  const state = { t: null, shown: 0 };
  window.__first = state;
  const roots = [document];
  const check = () => {
    if (state.t !== null) return;
    for (const root of roots) {
      let summary;
      let shown;
      if (side === 'faq-search') {
        // Result cards with their snippets (a split index shows titles before snippets).
        summary = root.querySelector?.('.fqs-summary');
        const withText = [...(root.querySelectorAll?.('[role=option]') ?? [])].filter((o) => o.querySelector('.fqs-result-snippet')?.textContent.trim());
        shown = withText.length;
      } else {
        summary = root.querySelector?.('#summary');
        shown = root.querySelectorAll?.('#results li .excerpt').length ?? 0;
      }
      if (shown > 0 && summary && summary.textContent.includes(query)) {
        state.t = performance.now();
        state.shown = shown;
        return;
      }
    }
  };
  const watch = (root) => new MutationObserver(check).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.push(root);
    watch(root);
    return root;
  };
  watch(document);
}

/**
 * Installed in a loaded faq-search page before typing. Every input event of the inline
 * widget's box is a keystroke. Its answer is the widget's last DOM change once no fetch it
 * started is still running (a split index fetches the parts a search needs: titles, then the
 * text of snippets); a keystroke that changed nothing, a frame and a task later with nothing
 * in flight, counts as unchanged. window.__ks.done is the number of the last keystroke answered.
 */
function faqSearchKeystrokeProbe() {
  const host = document.querySelector('#help-search');
  const root = host.shadowRoot ?? host;
  const state = { samples: [], seq: 0, done: 0, pending: null, fetches: 0 };
  window.__ks = state;
  const finish = (p, unchanged) => {
    if (p.finished) return;
    p.finished = true;
    state.samples.push({ text: p.text, ms: (unchanged ? performance.now() : p.lastChange) - p.t0, unchanged, fetches: p.fetches });
    state.done = p.seq;
  };
  // Called in a task of its own, after the widget's render and effects (microtasks) ran.
  const check = (p, final) => {
    if (p.finished || p.inflight > 0) return;
    if (p.lastChange != null && (p.lastChange >= p.lastSettled || final)) finish(p, false);
    else if (final) finish(p, true);
  };
  const later = (fn) => setTimeout(fn, 0);
  const fetch = window.fetch;
  window.fetch = async function (...args) {
    const p = state.pending && !state.pending.finished ? state.pending : null;
    if (p) {
      p.inflight++;
      p.fetches++;
      state.fetches++;
    }
    const settled = () => {
      if (!p) return;
      p.inflight--;
      p.lastSettled = performance.now();
      later(() => check(p, false));
      requestAnimationFrame(() => later(() => check(p, true)));
    };
    let response;
    try {
      response = await fetch.apply(this, args);
    } catch (e) {
      settled();
      throw e;
    }
    // The widget reads bodies with arrayBuffer(): the fetch is over when that resolves.
    const read = response.arrayBuffer.bind(response);
    response.arrayBuffer = () => read().finally(settled);
    return response;
  };
  document.addEventListener(
    'input',
    (event) => {
      const el = event.composedPath()[0];
      if (!el?.classList?.contains('fqs-input')) return;
      const p = { seq: ++state.seq, text: el.value, t0: event.timeStamp, finished: false, inflight: 0, fetches: 0, lastChange: null, lastSettled: -1 };
      state.pending = p;
      requestAnimationFrame(() => later(() => check(p, true)));
    },
    true,
  );
  new MutationObserver(() => {
    const p = state.pending;
    if (!p || p.finished) return;
    p.lastChange = performance.now();
    later(() => check(p, false));
  }).observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
}

/** The wasm heap of the widget: the glue module (already loaded by the API) hands back its exports. */
async function faqSearchHeap() {
  const glue = await import(new URL('pkg/faq_search.js', document.baseURI).href);
  const exports = await glue.default();
  return exports?.memory?.buffer?.byteLength ?? null;
}

// ---------------------------------------------------------------------------------------------
// Measuring

const pageUrl = (server, side, query) =>
  side === 'faq-search' ? `${server.url}/?q=${encodeURIComponent(query)}` : `${server.url}/search.html?q=${encodeURIComponent(query)}`;

/** What kind of file a request path is, for the byte breakdown. */
function kindOf(p) {
  const pathname = p.split('?')[0];
  if (/\.html?$/.test(pathname) || pathname.endsWith('/')) return 'html';
  if (/\.m?js$/.test(pathname)) return 'js';
  if (/\.css$/.test(pathname)) return 'css';
  if (/\.wasm$|^\/pagefind\/wasm\.[^/]*\.pagefind$/.test(pathname)) return 'wasm';
  if (/\.pf_fragment$/.test(pathname)) return 'fragments';
  return 'index';
}
const KINDS = ['html', 'js', 'css', 'wasm', 'index', 'fragments'];

async function newPage(browser, { throttle, initScript }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  if (initScript) await context.addInitScript(...initScript);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e?.stack || e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('crash', () => errors.push('the page crashed'));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', throttle ? SLOW_4G : NO_THROTTLE);
  return { context, page, errors };
}

/** One page load until the first results; bytes and requests from the server's log. */
async function measureLoad(browser, server, side, query, { throttle, timeoutMs, heap = false }) {
  const { context, page, errors } = await newPage(browser, { throttle, initScript: [firstResultsProbe, { side, query }] });
  const from = server.log.length;
  try {
    await page.goto(pageUrl(server, side, query), { waitUntil: 'commit', timeout: timeoutMs });
    try {
      await page.waitForFunction(() => window.__first?.t != null || null, null, { timeout: timeoutMs, polling: 100 });
    } catch (e) {
      const got = server.log.slice(from).map((l) => `${l.status} ${l.path}`).join('\n  ');
      throw new Error(`${side}: no results for "${query}" after ${timeoutMs / 1000} s${throttle ? ' (slow 4G)' : ''}; page errors: ${errors.join('; ') || 'none'}; requests:\n  ${got}`);
    }
    const { t, shown, origin } = await page.evaluate(() => ({ ...window.__first, origin: performance.timeOrigin }));
    const heapBytes = heap && side === 'faq-search' ? await page.evaluate(faqSearchHeap) : null;
    // Anything asked for after the results were shown is not counted (nor expected).
    await page.waitForTimeout(200);
    const cut = origin + t;
    const all = server.log.slice(from);
    const before = all.filter((l) => l.at <= cut + 1);
    const byKind = Object.fromEntries(KINDS.map((k) => [k, 0]));
    for (const l of before) byKind[kindOf(l.path)] += l.bytes + l.headerBytes;
    const failed = before.filter((l) => l.status >= 400).map((l) => `${l.status} ${l.path}`);
    if (errors.length) throw new Error(`${side}: the page reported errors:\n${errors.join('\n')}`);
    if (failed.length) throw new Error(`${side}: failed requests: ${failed.join(', ')}`);
    return {
      ms: t,
      shown,
      requests: before.length,
      wireBytes: before.reduce((n, l) => n + l.bytes + l.headerBytes, 0),
      bodyBytes: before.reduce((n, l) => n + l.bytes, 0),
      byKind,
      later: all.length - before.length,
      heapBytes,
      files: before.map((l) => ({ path: l.path, bytes: l.bytes, encoding: l.encoding, requestedMs: Math.round(l.at - origin) })),
    };
  } finally {
    await context.close();
  }
}

/** Types `queries` key by key into a loaded page of `side`; one keystroke at a time. */
async function measureKeystrokes(browser, server, side, queries, { timeoutMs = 30000 } = {}) {
  const { context, page, errors } = await newPage(browser, { throttle: false });
  const from = server.log.length;
  const started = performance.now();
  try {
    page.setDefaultTimeout(timeoutMs);
    let box;
    if (side === 'faq-search') {
      await page.goto(`${server.url}/`, { waitUntil: 'load' });
      await page.waitForFunction(() => document.querySelector('#help-search')?.shadowRoot?.querySelector('.fqs-root[data-state=ready]'), null, { timeout: timeoutMs });
      await page.evaluate(faqSearchKeystrokeProbe);
      box = page.locator('#help-search .fqs-root input.fqs-input');
    } else {
      await page.goto(`${server.url}/search.html`, { waitUntil: 'load' });
      // Pagefind loads its entry file, metadata and wasm on the first search; do that now, as
      // the widget has its index loaded before the first key.
      await page.evaluate(async () => {
        const pf = await import('/pagefind/pagefind.js');
        await pf.search('');
      });
      box = page.locator('#q');
    }
    await box.click();
    const done = () => page.evaluate(() => (window.__ks ?? window.__pf).done);
    const waitDone = async (n, what) => {
      try {
        await page.waitForFunction((k) => (window.__ks ?? window.__pf).done >= k, n, { timeout: timeoutMs, polling: 'raf' });
      } catch {
        throw new Error(`${side}: no answer to keystroke ${JSON.stringify(what)} within ${timeoutMs / 1000} s`);
      }
    };
    let n = await done();
    for (const query of queries) {
      const before = await page.evaluate(() => (window.__ks ?? window.__pf).seq);
      await box.fill('');
      if ((await page.evaluate(() => (window.__ks ?? window.__pf).seq)) > before) await waitDone(before + 1, '');
      n = await page.evaluate(() => (window.__ks ?? window.__pf).seq);
      await page.waitForTimeout(50);
      for (const ch of query) {
        await page.keyboard.type(ch);
        n += 1;
        await waitDone(n, ch);
      }
    }
    const samples =
      side === 'faq-search'
        ? await page.evaluate(() => window.__ks.samples.filter((s) => s.text.trim()))
        : await page.evaluate(() => window.__pf.renders.filter((r) => r.t0 > 0 && r.text.trim()).map((r) => ({ text: r.text, ms: r.t1 - r.t0, unchanged: false })));
    const pfErrors = side === 'pagefind' ? await page.evaluate(() => window.__pf.errors) : [];
    const heapBytes = side === 'faq-search' ? await page.evaluate(faqSearchHeap) : null;
    if (errors.length || pfErrors.length) throw new Error(`${side}: the page reported errors while typing:\n${[...errors, ...pfErrors].join('\n')}`);
    const measured = samples.filter((s) => !s.unchanged);
    return {
      keystrokes: samples.length,
      measured: measured.length,
      unchanged: samples.length - measured.length,
      stats: distribution(measured.map((s) => s.ms)),
      slowest: [...measured].sort((a, b) => b.ms - a.ms).slice(0, 3),
      requests: server.log.length - from,
      seconds: (performance.now() - started) / 1000,
      heapBytes,
      // Every keystroke, for the JSON output: what was typed, its time and (faq-search) how
      // many fetches it waited on.
      samples: samples.map((s) => ({ text: s.text, ms: Math.round(s.ms * 10) / 10, unchanged: s.unchanged, fetches: s.fetches })),
    };
  } finally {
    await context.close();
  }
}

/** Median of each figure over the rounds. */
function summarize(rounds) {
  if (!rounds.length) return null;
  const m = (f) => median(rounds.map(f));
  return {
    rounds: rounds.length,
    ms: m((r) => r.ms),
    msMin: Math.min(...rounds.map((r) => r.ms)),
    msMax: Math.max(...rounds.map((r) => r.ms)),
    requests: m((r) => r.requests),
    wireBytes: m((r) => r.wireBytes),
    bodyBytes: m((r) => r.bodyBytes),
    byKind: Object.fromEntries(KINDS.map((k) => [k, m((r) => r.byKind[k])])),
    shown: m((r) => r.shown),
    later: Math.max(...rounds.map((r) => r.later)),
    heapBytes: rounds.some((r) => r.heapBytes != null) ? m((r) => r.heapBytes ?? NaN) : null,
  };
}

async function benchCorpus(name, opts, binary, browser) {
  const corpusFile = path.join(opts.corpusDir, `${name}.jsonl`);
  if (!fs.existsSync(corpusFile)) throw new Error(`${corpusFile} is missing (--corpus-dir or FAQ_CORPUS_DIR says where the corpora are)`);
  const corpusHash = sha256File(corpusFile);
  const articles = fs
    .readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));

  const fsSide = faqSearchSite(name, corpusFile, corpusHash, opts);
  const pfSide = pagefindSite(name, articles, corpusHash, opts, binary);
  if (fsSide.stamp.compressing) {
    log(`${name}: waiting for the brotli copies of the faq-search index`);
    fsSide.stamp = await fsSide.stamp.compressing;
  }
  const disk = {
    'faq-search': faqSearchDiskSizes(fsSide.indexDir, fsSide.site),
    pagefind: await pagefindDiskSizes(pfSide.bundle),
  };

  const servers = {};
  try {
    servers['faq-search'] = await startBrotliServer(fsSide.site);
    servers.pagefind = await startBrotliServer(pfSide.site);
    await servers['faq-search'].warm(listFiles(fsSide.site).filter((f) => !f.startsWith('index/')));
    await servers.pagefind.warm(['search.html', ...listFiles(pfSide.bundle).filter((f) => !f.includes('/')).map((f) => `pagefind/${f}`)]);

    const result = { corpus: name, documents: articles.length, query: opts.query, load: {}, slow: {}, keystrokes: {}, build: {}, disk };
    result.build['faq-search'] = { ms: fsSide.stamp.buildMs, builtAt: fsSide.stamp.builtAt, load: fsSide.stamp.load, widget: fsSide.pkg };
    result.build.pagefind = { ms: pfSide.stamp.buildMs, renderMs: pfSide.stamp.renderMs, builtAt: pfSide.stamp.builtAt, load: pfSide.stamp.load, version: binary.version };

    // One unmeasured load each: fills the server's brotli cache and wakes everything up.
    log(`${name}: warm-up loads`);
    for (const side of SIDES) await measureLoad(browser, servers[side], side, opts.query, { throttle: false, timeoutMs: 120000 });

    const networks = [
      ['load', false],
      ['slow', true],
    ].filter(([part]) => opts.only.has(part));
    for (const [part, throttle] of networks) {
      const rounds = { 'faq-search': [], pagefind: [] };
      for (let r = 0; r < opts.rounds; r++) {
        const order = r % 2 ? [...SIDES].reverse() : SIDES;
        for (const side of order) {
          // Slow 4G moves 200 kB/s: allow for the biggest site plus a margin.
          const timeoutMs = throttle ? 60000 + (disk['faq-search'].brotli / SLOW_4G.downloadThroughput) * 3000 : 60000;
          log(`${name}: ${throttle ? 'slow 4G' : 'unthrottled'} load ${r + 1}/${opts.rounds}, ${side}`);
          rounds[side].push(await measureLoad(browser, servers[side], side, opts.query, { throttle, timeoutMs, heap: !throttle }));
        }
      }
      for (const side of SIDES) {
        result[part][side] = summarize(rounds[side]);
        result[part][side].files = rounds[side][0].files;
      }
    }

    if (opts.only.has('keystrokes')) {
      const queries = readQueries(opts.queries).filter((q) => q.trim()).slice(0, opts.maxQueries);
      result.keystrokeQueries = { file: path.relative(REPO_ROOT, opts.queries), queries: queries.length };
      for (const side of SIDES) {
        log(`${name}: typing ${queries.length} queries, ${side}`);
        result.keystrokes[side] = await measureKeystrokes(browser, servers[side], side, queries);
      }
    }
    return result;
  } finally {
    for (const s of Object.values(servers)) await s.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Printing

const sec = (x) => (Number.isFinite(x) ? (x >= 10000 ? `${(x / 1000).toFixed(1)} s` : `${(x / 1000).toFixed(2)} s`) : '-');
const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b > 0 ? `${(a / b).toFixed(2)}×` : '-');

function printCorpus(r) {
  const fsName = 'faq-search';
  const pf = 'pagefind';
  console.log(`\n=== ${r.corpus}: ${r.documents.toLocaleString('en-US')} articles; first results for "${r.query}" ===`);
  console.log(`faq-search: the demo page (inline widget, ?q= synced), ${r.build[fsName].widget}; shows up to 10 results with snippets.`);
  console.log(`Pagefind: ${r.build[pf].version}, a minimal page on its JS API (search, then data() for the first ${PAGEFIND_PAGE_SIZE} results, as its Default UI), titles + excerpts.`);
  console.log(`Both pages are opened with ?q= and timed from navigation start until result titles with snippets/excerpts are in the DOM.`);

  for (const [part, title] of [
    ['load', 'Page load → first results, unthrottled'],
    ['slow', `Page load → first results, slow 4G (${SLOW_4G.latency} ms, ${SLOW_4G.downloadThroughput.toLocaleString('en-US')} B/s down, 750 kbit/s up)`],
  ]) {
    const a = r[part][fsName];
    const b = r[part][pf];
    if (!a || !b) continue;
    printTable(
      `${title}; median of ${a.rounds} rounds`,
      ['', 'faq-search', 'Pagefind', 'faq-search / Pagefind'],
      [
        ['time to first results', sec(a.ms), sec(b.ms), ratio(a.ms, b.ms)],
        ['  (fastest … slowest round)', `${sec(a.msMin)} … ${sec(a.msMax)}`, `${sec(b.msMin)} … ${sec(b.msMax)}`, ''],
        ['requests until then', String(a.requests), String(b.requests), ''],
        ['bytes over the wire', bytes(a.wireBytes), bytes(b.wireBytes), ratio(a.wireBytes, b.wireBytes)],
        ['results shown', String(a.shown), String(b.shown), ''],
      ],
    );
    if (a.later || b.later) console.log(`  (requests after the first results: faq-search ${a.later}, Pagefind ${b.later}; not counted)`);
  }
  const a = r.load[fsName] ?? r.slow[fsName];
  const b = r.load[pf] ?? r.slow[pf];
  if (a && b) {
    printTable(
      'Bytes over the wire until first results, by kind (response headers + bodies as sent)',
      ['kind', 'faq-search', 'Pagefind'],
      [...KINDS.map((k) => [k === 'fragments' ? 'fragments (result text)' : k, bytes(a.byKind[k]), bytes(b.byKind[k])]), ['total', bytes(a.wireBytes), bytes(b.wireBytes)]],
    );
  }

  const ka = r.keystrokes[fsName];
  const kb = r.keystrokes[pf];
  if (ka && kb) {
    printTable(
      `Keystroke → its results in the DOM, unthrottled (${r.keystrokeQueries.queries} queries of ${r.keystrokeQueries.file}, one key at a time)`,
      ['', 'keystrokes', 'p50', 'p95', 'p99', 'max'],
      [
        [`faq-search`, `${ka.measured}${ka.unchanged ? ` (+${ka.unchanged} unchanged)` : ''}`, ms(ka.stats.median), ms(ka.stats.p95), ms(ka.stats.p99), ms(ka.stats.max)],
        [`Pagefind`, String(kb.measured), ms(kb.stats.median), ms(kb.stats.p95), ms(kb.stats.p99), ms(kb.stats.max)],
      ],
    );
    console.log(`  slowest: faq-search ${ka.slowest.map((s) => `${JSON.stringify(s.text)} ${ms(s.ms)}`).join(', ')}`);
    console.log(`           Pagefind   ${kb.slowest.map((s) => `${JSON.stringify(s.text)} ${ms(s.ms)}`).join(', ')}`);
    console.log(`  requests while loading and typing: faq-search ${ka.requests}, Pagefind ${kb.requests}; took ${Math.round(ka.seconds)} s and ${Math.round(kb.seconds)} s`);
    if (ka.unchanged) console.log('  "unchanged": keystrokes after which the widget changed nothing on screen (a trailing space, say); not in the percentiles.');
  }

  const d = r.disk;
  const heap = r.load[fsName]?.heapBytes ?? ka?.heapBytes;
  printTable(
    'Build and index on disk',
    ['', 'faq-search', 'Pagefind'],
    [
      ['index build time', sec(r.build[fsName].ms), sec(r.build[pf].ms)],
      ['index files', String(d[fsName].files), `${d[pf].files} (${d[pf].dataFiles} data)`],
      ['index on disk', bytes(d[fsName].raw), `${bytes(d[pf].raw)} (data ${bytes(d[pf].dataRaw)})`],
      ['  compressed, as served', `${bytes(d[fsName].brotli)} brotli`, `${bytes(d[pf].served)} (data ${bytes(d[pf].dataServed)})`],
      ['wasm heap after load', heap ? `${bytes(heap)} (${ratio(heap, d[fsName].raw)} index)` : '-', 'in a worker, not read'],
      ...(ka?.heapBytes ? [['  after the keystrokes', `${bytes(ka.heapBytes)} (${ratio(ka.heapBytes, d[fsName].raw)} index)`, '']] : []),
    ],
  );
  const when = (b) => `${b.builtAt.replace('T', ' ').slice(0, 16)} UTC${Number.isFinite(b.load) ? `, load average ${b.load.toFixed(1)}` : ''}`;
  console.log(`  Build times are from the build the cache holds: faq-search ${when(r.build[fsName])}; Pagefind ${when(r.build[pf])}.`);
  console.log(`  faq-search's brotli sizes come from ${d[fsName].brotliFrom}. Pagefind's build time leaves out ${sec(r.build[pf].renderMs)} of rendering the HTML pages;`);
  console.log('  its bundle includes its UI scripts and styles, "data" is entry + meta + index chunks + filters + fragments.');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const corpora = opts.corpus === 'all' ? CORPORA : [opts.corpus];
  if (opts.only.has('keystrokes') && !fs.existsSync(opts.queries)) fail(`${opts.queries}: no such query file`);
  const started = performance.now();
  buildTools(opts);
  const binary = pagefindBinary();
  const results = [];
  let browser = null;
  const cleanup = async () => {
    await browser?.close().catch(() => {});
  };
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      log(`${signal}: stopping`);
      cleanup().finally(() => process.exit(130));
    });
  }
  try {
    browser = await launchBrowser();
    for (const name of corpora) results.push(await benchCorpus(name, opts, binary, browser));
  } finally {
    await cleanup();
  }
  const out = { date: new Date().toISOString(), browser: browser.version(), query: opts.query, rounds: opts.rounds, seconds: (performance.now() - started) / 1000, slow4g: SLOW_4G, results };
  if (opts.json) {
    const text = JSON.stringify(out, null, 2);
    if (opts.json === '-') {
      console.log(text);
      return;
    }
    fs.mkdirSync(path.dirname(path.resolve(opts.json)), { recursive: true });
    fs.writeFileSync(opts.json, text + '\n');
    log(`wrote ${opts.json}`);
  }
  console.log(`faq-search vs Pagefind over the network — headless Chromium ${out.browser}, served from 127.0.0.1 with brotli, cache disabled`);
  for (const r of results) printCorpus(r);
  console.log(`\nTook ${Math.round(out.seconds)} s.`);
}

main().catch((error) => {
  console.error(`network: ${error.message}`);
  process.exit(1);
});
