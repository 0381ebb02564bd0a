// Per-keystroke latency of the JavaScript API (SearchIndex.search through wasm-bindgen, as a
// site drawing its own UI calls it) in headless Chromium.
//
// The page is served cross-origin isolated (COOP + COEP), which lifts Chromium's
// performance.now() resolution from 100 µs to 5 µs, so each search() call is timed on its own.
// The page reports the resolution it measured, and whether it was isolated.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../../tests/e2e/harness.mjs';
import { REPO_ROOT } from './common.mjs';

const PAGE = `<!doctype html><meta charset="utf-8"><title>faq-search keystroke benchmark</title><body></body>`;

/** Serves the API module, the widget package and one index file, cross-origin isolated. */
async function startIsolatedServer({ pkgDir, indexFile }) {
  const routes = new Map([
    ['/', { file: null, type: 'text/html; charset=utf-8' }],
    ['/faq-search-api.js', { file: path.join(REPO_ROOT, 'www/faq-search-api.js'), type: 'text/javascript' }],
    ['/pkg/faq_search.js', { file: path.join(pkgDir, 'faq_search.js'), type: 'text/javascript' }],
    ['/pkg/faq_search_bg.wasm', { file: path.join(pkgDir, 'faq_search_bg.wasm'), type: 'application/wasm' }],
    ['/index.idx', { file: indexFile, type: 'application/octet-stream' }],
  ]);
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://localhost').pathname;
    // The stemmer modules, which the API fetches for the index's language (index.prepare()).
    const stemmer = /^\/pkg\/(stem-[a-z]+\.wasm)$/.exec(pathname);
    const route = stemmer
      ? { file: path.join(pkgDir, stemmer[1]), type: 'application/wasm' }
      : routes.get(pathname);
    const headers = {
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Embedder-Policy': 'require-corp',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    };
    if (pathname === '/favicon.ico') {
      res.writeHead(204, headers);
      return res.end();
    }
    if (!route || (route.file && !fs.existsSync(route.file))) {
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    const body = route.file ? fs.readFileSync(route.file) : PAGE;
    res.writeHead(200, { ...headers, 'Content-Type': route.type });
    res.end(body);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Runs in the page: loads the index and times every keystroke, `rounds` times. */
async function pageBenchmark({ texts, rounds, warmup, breakdown }) {
  const api = await import('/faq-search-api.js');
  await api.initialize();

  // Smallest step performance.now() takes here.
  let resolution = Infinity;
  let last = performance.now();
  for (let i = 0; i < 200000 && resolution > 0.001; i++) {
    const t = performance.now();
    if (t > last) {
      resolution = Math.min(resolution, t - last);
      last = t;
    }
  }

  let t = performance.now();
  const bytes = new Uint8Array(await (await fetch('/index.idx')).arrayBuffer());
  const fetchMs = performance.now() - t;
  const opens = [];
  let index;
  for (let i = 0; i < 3; i++) {
    index?.free?.();
    t = performance.now();
    index = api.SearchIndex.fromBytes(bytes);
    opens.push(performance.now() - t);
  }

  // Its language's stemmer, downloaded once (what loadIndex does before it resolves).
  await index.prepare();

  let sink = 0;
  for (let w = 0; w < warmup; w++) for (const text of texts) sink += index.search(text).total;

  const full = texts.map(() => []);
  const rank = texts.map(() => []);
  const totals = new Array(texts.length).fill(0);
  const roundMs = [];
  const rankOnly = { limit: 0 };
  for (let r = 0; r < rounds; r++) {
    const roundStart = performance.now();
    for (let i = 0; i < texts.length; i++) {
      const t0 = performance.now();
      const res = index.search(texts[i]);
      const t1 = performance.now();
      full[i].push(t1 - t0);
      totals[i] = res.total;
      if (breakdown) {
        const t2 = performance.now();
        sink += index.search(texts[i], rankOnly).total;
        rank[i].push(performance.now() - t2);
      }
    }
    roundMs.push(performance.now() - roundStart);
  }
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    resolution,
    userAgent: navigator.userAgent,
    fetchMs,
    openMs: opens,
    full,
    rank: breakdown ? rank : null,
    totals,
    roundMs,
    sink,
  };
}

/**
 * Types `stream` (from keystrokeStream) into `indexFile` through the JS API of the widget
 * package in `pkgDir`. Returns the page's raw measurements (milliseconds).
 */
export async function browserKeystrokes({ pkgDir, indexFile, stream, rounds = 5, warmup = 1, breakdown = true }) {
  const server = await startIsolatedServer({ pkgDir, indexFile });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(server.url, { waitUntil: 'load' });
    const texts = stream.map((k) => k.text);
    const result = await page.evaluate(pageBenchmark, { texts, rounds, warmup, breakdown });
    if (errors.length) throw new Error(`the benchmark page logged errors:\n${errors.join('\n')}`);
    result.browserVersion = browser.version();
    await context.close();
    return result;
  } finally {
    await browser.close();
    await server.close();
  }
}
