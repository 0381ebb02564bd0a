#!/usr/bin/env node
// How fast the widget answers a keystroke on screen: the demo page with an index of the
// help-center corpus, in headless Chromium, typed into key by key. For every keystroke the
// page records, from the key press: the first DOM change, the start of the frame that shows
// it, the end of that frame's main-thread work ("painted") and the browser's own Event Timing
// of the key press (to the frame on screen); installProbe() below says how.
//
// A key pressed at a random moment waits for the display's next frame (up to 16.7 ms at
// 60 Hz) whatever the page does. So the same keys are also typed into a bare input that only
// echoes them (the floor), and every keystroke is checked for whether its results came with
// the first frame after the key, together with the typed letter.
//
// Afterwards the same texts are searched again through the JavaScript API in the same page
// ("search alone"), which splits the DOM time into the engine's share and the widget's.
//
// Keystrokes that change nothing on screen (a trailing space, say) have no paint to wait for
// and are counted apart. Also prints the widget's transfer size (wasm + JS + CSS) compressed.
//
//   node bench/keystroke-paint.mjs [--corpus FILE] [--queries FILE] [--max-queries N]
//                                  [--floor-queries N] [--delay MS] [--cpu-slowdown N]
//                                  [--no-build] [--json]
//
// The site is built into target/bench/keystroke-paint/ (never dist/).

import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser } from '../tests/e2e/harness.mjs';
import { REPO_ROOT, CORPUS_DIR, BENCH_OUT, defaultIndexFile, readQueries, distribution, ms, kib, bytes, printTable, copyDemoSite } from './lib/common.mjs';

const HELP = `Usage: node bench/keystroke-paint.mjs [options]

  --corpus FILE      articles to index (default: ${path.join(CORPUS_DIR, 'helpcenter-en.jsonl')})
  --queries FILE     queries to type: JSON Lines with a "query" field, or one per line
                     (default: bench/queries/helpcenter-en.jsonl, else keystrokes-en.txt)
  --max-queries N    type only the first N queries
  --floor-queries N  queries typed into the bare input (default 30)
  --delay MS         pause between keystrokes (default 40: a fast typist)
  --cpu-slowdown N   run the pages' main thread N times slower (Chromium's CPU throttling),
                     as on a phone; default 1
  --no-build         reuse target/widget-pkg and the release index-builder as they are
  --json             print the figures as one JSON object`;

const BUILT_IN_QUERIES = ['how do i reset my password', 'wifi not connecting', 'printer', 'change screen resolution', 'git rebase', 'keyboard shortcuts'];

function parseArgs(argv) {
  const args = { corpus: path.join(CORPUS_DIR, 'helpcenter-en.jsonl'), queries: null, maxQueries: Infinity, floorQueries: 30, delay: 40, cpuSlowdown: 1, build: true, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--corpus') args.corpus = path.resolve(value());
    else if (a === '--queries') args.queries = path.resolve(value());
    else if (a === '--max-queries') args.maxQueries = Number(value());
    else if (a === '--floor-queries') args.floorQueries = Number(value());
    else if (a === '--delay') args.delay = Number(value());
    else if (a === '--cpu-slowdown') args.cpuSlowdown = Number(value());
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
  copyDemoSite(pkg, out);
  log(`indexing ${corpus}`);
  execFileSync(builder, ['build', '--index-only', corpus, '--out', path.join(out, 'index'), '--quiet'], { stdio: ['ignore', 'ignore', 'inherit'] });
}

/** Bytes a visitor downloads for the widget itself (not the index), raw, gzip and brotli. */
function transferSizes(site) {
  const files = ['pkg/faq_search_bg.wasm', 'pkg/stem-english.wasm', 'pkg/faq_search.js', 'faq-search.js', 'faq-search-api.js', 'faq-search.css'];
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

/**
 * The floor: a bare page whose input only echoes what was typed into an element (one DOM
 * change per keystroke, as the widget makes). Typed into the same way, it shows what the
 * browser alone costs: mostly the wait for the display's next frame.
 */
const FLOOR_HTML = `<!doctype html><meta charset="utf-8"><title>keystroke floor</title>
<div id="help-search"><div class="fqs-root" data-state="ready"><input class="fqs-input" type="search"><p id="echo"></p></div></div>
<script src="floor.js"></script>`;
const FLOOR_JS = `const input = document.querySelector('.fqs-input');
const echo = document.querySelector('#echo');
input.addEventListener('input', () => { echo.textContent = input.value; });`;

/**
 * Installed in the page before typing: records the times of every keystroke, from the key
 * press (the keydown's timestamp, which is when the key went down; the input event comes
 * later, after the browser has edited the text):
 *
 *   dom     the page's first DOM change for it, seen by a MutationObserver;
 *   frame   the start of the frame that shows that change (the requestAnimationFrame
 *           timestamp: the display's frame time, on its vsync grid), and how many frames
 *           began after the key before that one ("late": 0 when the results came with the
 *           first frame after the key, together with the typed letter);
 *   paint   a message posted from that frame's requestAnimationFrame callback, which runs
 *           once the frame's style, layout and paint are done on the main thread;
 *   shown   the browser's own Event Timing duration of the key press: to the moment the
 *           frame was presented on screen, in 8 ms steps, reported only from 16 ms up.
 */
function installProbe() {
  const host = document.querySelector('#help-search');
  const root = host.shadowRoot ?? host;
  const samples = [];
  const unchanged = [];
  const shown = new Map();
  let pending = null;
  let keyDown = null;
  const channel = new MessageChannel();
  let afterPaint = null;
  channel.port1.onmessage = () => afterPaint?.();
  const isBox = (event) => event.composedPath()[0]?.classList?.contains('fqs-input');

  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.interactionId) shown.set(e.startTime, Math.max(shown.get(e.startTime) ?? 0, e.duration));
    }
  }).observe({ type: 'event', durationThreshold: 16 });
  document.addEventListener('keydown', (event) => isBox(event) && (keyDown = event.timeStamp), true);
  document.addEventListener(
    'input',
    (event) => {
      if (!isBox(event)) return;
      // The previous keystroke changed nothing on screen if it is still pending.
      if (pending && !pending.dom) unchanged.push(pending.text);
      // A fill() has no key press: timed from the input event.
      const t0 = keyDown ?? event.timeStamp;
      keyDown = null;
      pending = { t0, text: event.composedPath()[0].value };
    },
    true,
  );
  new MutationObserver(() => {
    const p = pending;
    if (!p || p.dom) return;
    p.dom = performance.now() - p.t0;
    requestAnimationFrame((frameTime) => {
      p.frameTime = frameTime - p.t0;
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

  window.__keystrokes = { samples, unchanged, shown };
}

/** Chromium's CPU throttling on `page`'s main thread (1: none). */
async function slowDown(page, rate) {
  if (!(rate > 1)) return;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
}

/** The display's frame interval here, from the timestamps of 60 animation frames. */
function frameInterval() {
  return new Promise((resolve) => {
    const times = [];
    const tick = (t) => {
      times.push(t);
      if (times.length < 61) return requestAnimationFrame(tick);
      const gaps = times.slice(1).map((x, i) => x - times[i]).sort((a, b) => a - b);
      resolve(gaps[30]);
    };
    requestAnimationFrame(tick);
  });
}

/** Types `queries` into the page's box (emptied between queries) and returns its samples. */
async function typeInto(page, queries, delay) {
  await page.evaluate(installProbe);
  const interval = await page.evaluate(frameInterval);
  const box = page.locator('#help-search .fqs-root input.fqs-input');
  for (const query of queries) {
    await box.fill('');
    await page.waitForTimeout(60);
    await box.pressSequentially(query, { delay });
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  const { samples, unchanged } = await page.evaluate(() => ({ ...window.__keystrokes, shown: null }));
  const shown = new Map(await page.evaluate(() => [...window.__keystrokes.shown]));
  for (const s of samples) {
    // The first frame after the key starts within one interval; every later one is a frame
    // the results missed.
    s.late = Math.max(0, Math.floor((s.frameTime + 0.5) / interval));
    s.shown = shown.get(s.t0) ?? null;
  }
  return { samples, unchanged, interval };
}

/** Percentiles of Event Timing durations, where `null` stands for "under 16 ms" (not reported). */
function shownDistribution(values) {
  const under = values.filter((v) => v === null).length;
  const reported = values.filter((v) => v !== null).sort((a, b) => a - b);
  const at = (p) => {
    const rank = Math.min(Math.max(Math.ceil((p / 100) * values.length), 1), values.length);
    return rank <= under ? null : reported[rank - under - 1];
  };
  return { median: at(50), p95: at(95), p99: at(99), max: reported.length ? reported.at(-1) : null };
}

const shownMs = (x) => (x === null ? '< 16 ms' : ms(x));

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
  await slowDown(page, args.cpuSlowdown);
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(`${server.url}/`);
  await page.waitForFunction(() => document.querySelector('#help-search')?.shadowRoot?.querySelector('.fqs-root[data-state=ready]'), null, { timeout: 60000 });

  process.stderr.write(`keystroke-paint: typing ${queries.length} queries (${queries.reduce((n, q) => n + [...q].length, 0)} keystrokes) from ${source}\n`);
  const started = Date.now();
  const { samples, unchanged, interval } = await typeInto(page, queries, args.delay);
  const seconds = (Date.now() - started) / 1000;

  // The same keystrokes on the floor page, in the same browser.
  const floorQueries = queries.slice(0, args.floorQueries);
  fs.writeFileSync(path.join(site, 'floor.html'), FLOOR_HTML);
  fs.writeFileSync(path.join(site, 'floor.js'), FLOOR_JS);
  const floorPage = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  await slowDown(floorPage, args.cpuSlowdown);
  await floorPage.goto(`${server.url}/floor.html`);
  process.stderr.write(`keystroke-paint: typing ${floorQueries.length} queries into a bare input (the floor)\n`);
  const floor = await typeInto(floorPage, floorQueries, args.delay);

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

  const lateShare = (list) => list.filter((s) => s.late > 0).length / (list.length || 1);
  const stats = {
    search: distribution(samples.map((s) => s.search)),
    dom: distribution(samples.map((s) => s.dom)),
    frameWait: distribution(samples.map((s) => s.frameTime)),
    frame: distribution(samples.map((s) => s.frame)),
    work: distribution(samples.map((s) => s.paint - s.frame)),
    paint: distribution(samples.map((s) => s.paint)),
    shown: shownDistribution(samples.map((s) => s.shown)),
    late: lateShare(samples),
  };
  const floorStats = {
    paint: distribution(floor.samples.map((s) => s.paint)),
    shown: shownDistribution(floor.samples.map((s) => s.shown)),
    late: lateShare(floor.samples),
  };
  const slowest = [...samples].sort((a, b) => b.paint - a.paint).slice(0, 5);
  const result = {
    corpus: path.relative(REPO_ROOT, args.corpus) || args.corpus,
    queries: source,
    keystrokes: samples.length + unchanged.length,
    measured: samples.length,
    unchanged: unchanged.length,
    delayMs: args.delay,
    cpuSlowdown: args.cpuSlowdown,
    frameIntervalMs: interval,
    seconds,
    stats,
    floor: { keystrokes: floor.samples.length, stats: floorStats },
    slowest: slowest.map((s) => ({ text: s.text, search: s.search, dom: s.dom, frame: s.frame, paint: s.paint, late: s.late })),
    transfer: sizes,
  };
  if (args.json) {
    console.log(JSON.stringify(result, null, 2));
    return;
  }
  const row = (label, d) => [label, ...['median', 'p95', 'p99', 'max'].map((k) => ms(d[k]))];
  const shownRow = (label, d) => [label, ...['median', 'p95', 'p99', 'max'].map((k) => shownMs(d[k]))];
  const pct = (x) => `${(100 * x).toFixed(1)} %`;
  console.log(`faq-search keystroke → paint, headless Chromium, demo page with ${result.corpus}`);
  if (args.cpuSlowdown > 1) console.log(`main thread ${args.cpuSlowdown}× slower (CPU throttling)`);
  console.log(`${result.keystrokes} keystrokes from ${source} (${args.delay} ms apart); ${result.measured} changed the screen, ${result.unchanged} did not; frames every ${interval.toFixed(1)} ms`);
  printTable(
    'From the key press to …',
    ['', 'median', 'p95', 'p99', 'max'],
    [
      row('search alone (JS API, same text)', stats.search),
      row('DOM updated (search + render)', stats.dom),
      row('frame starts (its vsync time)', stats.frameWait),
      row('frame callbacks run (rAF)', stats.frame),
      row('frame painted', stats.paint),
      shownRow('on screen (Event Timing, 8 ms steps)', stats.shown),
      row('  frame work (rAF → painted)', stats.work),
      row('bare input: frame painted', floorStats.paint),
      shownRow('bare input: on screen', floorStats.shown),
    ],
  );
  printTable(
    'Slowest keystrokes (to painted)',
    ['box holds', 'search', 'dom', 'painted', 'frames late'],
    slowest.map((s) => [JSON.stringify(s.text), ms(s.search), ms(s.dom), ms(s.paint), String(s.late)]),
  );
  console.log(`\nResults in the first frame after the key: ${pct(1 - stats.late)} of keystrokes (bare input ${pct(1 - floorStats.late)}).`);
  const goal = stats.paint.p99 < 16 ? 'met' : 'missed';
  console.log(`Goal p99 < 16 ms to painted: ${goal} (${ms(stats.paint.p99)}; a bare input ${ms(floorStats.paint.p99)}: a key pressed at a random moment waits up to one frame for the display); DOM updated p99 ${ms(stats.dom.p99)}.`);
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
