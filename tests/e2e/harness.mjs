// Shared helpers for the end-to-end tests: a static file server, the browser, pages that
// record every console error and uncaught exception, and byte-level helpers for damaging
// index files on purpose.

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = path.join(REPO_ROOT, 'tests/e2e/artifacts');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.idx': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The precompressed copy of `file` to send for a request's Accept-Encoding, as static hosts
 * configured per the README do: `file.br` when the client takes br, else `file.gz` for gzip;
 * null when neither applies or exists.
 */
function precompressed(file, acceptEncoding = '') {
  const accepts = (coding) =>
    acceptEncoding.split(',').some((part) => {
      const [name, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return name.trim().toLowerCase() === coding && (!q || Number(q.slice(2)) > 0);
    });
  for (const [coding, suffix] of [['br', '.br'], ['gzip', '.gz']]) {
    if (!accepts(coding)) continue;
    try {
      if (fs.statSync(file + suffix).isFile()) return { coding, file: file + suffix };
    } catch {}
  }
  return null;
}

/**
 * Serves `root` on 127.0.0.1 (at `port`, by default an ephemeral one). Only GET and HEAD; a
 * folder URL serves its index.html; anything outside `root` or missing is a 404. A file with
 * a `.br` or `.gz` copy beside it is sent as that copy, with Content-Encoding, when the request
 * accepts it. Every response is `no-store` so a test never sees another test's bytes. Returns
 * { url, port, requests, trickle, close() }, where `requests` logs "STATUS /path" for each
 * request (useful when a test fails), and `trickle`, when a test sets it to a function of the
 * request URL that returns true, sends that response in twenty pieces over about a second, as
 * a slow link would.
 */
export async function startServer(root, { port: listenPort = 0 } = {}) {
  const realRoot = fs.realpathSync(root);
  const requests = [];
  const api = { requests, trickle: null };
  const server = http.createServer((req, res) => {
    const send = (status, body, type = 'text/plain; charset=utf-8', headers = {}) => {
      requests.push(`${status} ${req.url}`);
      res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', ...headers });
      if (req.method !== 'HEAD' && body?.length && api.trickle?.(req.url)) {
        const piece = Math.ceil(body.length / 20);
        let sent = 0;
        const timer = setInterval(() => {
          res.write(body.subarray(sent, sent + piece));
          sent += piece;
          if (sent >= body.length) {
            clearInterval(timer);
            res.end();
          }
        }, 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      return send(400, 'bad request');
    }
    if (pathname.includes('\0')) return send(400, 'bad request');
    let file = path.resolve(realRoot, '.' + pathname);
    if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return send(404, 'not found');
    let stat;
    try {
      // Resolve symlinks too, so a link cannot lead outside the root.
      file = fs.realpathSync(file);
      if (file !== realRoot && !file.startsWith(realRoot + path.sep)) return send(404, 'not found');
      stat = fs.statSync(file);
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          requests.push(`301 ${req.url}`);
          res.writeHead(301, { Location: pathname + '/' });
          return res.end();
        }
        file = path.join(file, 'index.html');
        stat = fs.statSync(file);
      }
    } catch {
      return send(404, 'not found');
    }
    if (!stat.isFile()) return send(404, 'not found');
    const copy = precompressed(file, req.headers['accept-encoding']);
    // The copy must be a real file inside the root too.
    const copyPath = copy && fs.realpathSync(copy.file);
    if (copy && copyPath.startsWith(realRoot + path.sep)) {
      return send(200, fs.readFileSync(copyPath), mimeType(file), { 'Content-Encoding': copy.coding, Vary: 'Accept-Encoding' });
    }
    send(200, fs.readFileSync(file), mimeType(file), { Vary: 'Accept-Encoding' });
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return Object.assign(api, {
    port,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Opens `url` in a fresh browser context (so no cache, storage or history is shared between
 * tests). `contextOptions` go to browser.newContext (viewport, colorScheme, ...).
 * The page gets `page.consoleErrors` and `page.pageErrors` arrays, filled from the start.
 */
export async function openPage(browser, url, contextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
  const page = await context.newPage();
  // Fail fast: the widget loads in well under a second here.
  page.setDefaultTimeout(10000);
  page.consoleErrors = [];
  page.pageErrors = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') page.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => page.pageErrors.push(String(err?.stack || err)));
  page.on('crash', () => page.pageErrors.push('the page crashed'));
  if (url) await page.goto(url, { waitUntil: 'load' });
  return page;
}

/**
 * Fails when the page logged a console error or threw an uncaught exception. `allow` is a
 * list of RegExps for console errors a test expects (a 404 it caused on purpose); uncaught
 * page errors are never allowed. Closes the page's context afterwards.
 */
export async function assertNoErrors(page, { allow = [], close = true } = {}) {
  const unexpected = page.consoleErrors.filter((text) => !allow.some((re) => re.test(text)));
  const pageErrors = [...page.pageErrors];
  if (close) await page.context().close();
  assert.deepEqual(pageErrors, [], `uncaught errors on the page:\n${pageErrors.join('\n')}`);
  assert.deepEqual(unexpected, [], `console errors on the page:\n${unexpected.join('\n')}`);
}

/** Saves a full-viewport screenshot to tests/e2e/artifacts/<name>.png and returns the path. */
export async function screenshot(page, name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Reads the faq-search.json manifest that index-builder wrote into `folder`. */
export function readManifest(folder) {
  return JSON.parse(fs.readFileSync(path.join(folder, 'faq-search.json'), 'utf8'));
}

/** The path of the default locale's index file in a folder index-builder wrote. */
export function defaultIndexFile(folder) {
  const manifest = readManifest(folder);
  const entry = manifest.indexes.find((i) => i.locale === manifest.default);
  assert.ok(entry, `${folder}/faq-search.json names no index for its default locale`);
  return path.join(folder, entry.file);
}

/**
 * Writes an index folder by hand, as index-builder lays it out: `bytes` as `<locale>.test.idx`
 * (no compressed copies) and a manifest naming it. For indexes damaged on purpose.
 */
export function writeIndexFolder(folder, bytes, { locale = 'en', documents = 1 } = {}) {
  fs.mkdirSync(folder, { recursive: true });
  const file = `${locale}.test.idx`;
  fs.writeFileSync(path.join(folder, file), bytes);
  const manifest = {
    format: 'faq-search-manifest',
    version: 1,
    default: locale,
    indexes: [{ locale, file, bytes: bytes.length, documents, parts: [] }],
  };
  fs.writeFileSync(path.join(folder, 'faq-search.json'), JSON.stringify(manifest, null, 2) + '\n');
  return path.join(folder, file);
}

/** Copies a folder recursively, following symlinks (the server refuses links out of its root). */
export function copyDir(from, to) {
  fs.cpSync(from, to, { recursive: true, dereference: true });
}

/** Reads a JSON Lines corpus. */
export function readJsonl(file) {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line));
}

// CRC-32 (IEEE 802.3, reflected, polynomial 0xEDB88320): what crc32fast writes in the index
// footer. node 20 has no zlib.crc32.
const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Recomputes the 4-byte little-endian CRC-32 footer over everything before it. */
export function fixFooter(buf) {
  const out = Buffer.from(buf);
  out.writeUInt32LE(crc32(out.subarray(0, out.length - 4)), out.length - 4);
  return out;
}

/** Formats a YYYY-MM-DD date like "Aug 8, 2024" (independently of the widget's own code). */
export function formatDate(ymd) {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const [y, m, d] = ymd.split('-').map(Number);
  return `${months[m - 1]} ${d}, ${y}`;
}

/** 31433 -> "31,433" */
export function formatViews(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * Retries `fn` (an async assertion) until it stops throwing or `timeout` ms have passed, then
 * rethrows its last error. For UI that updates a few frames after a keystroke.
 */
export async function eventually(fn, { timeout = 5000, interval = 50 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}
