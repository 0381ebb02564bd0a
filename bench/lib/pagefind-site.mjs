// The Pagefind side of bench/network.mjs: a corpus rendered as a static site (one HTML page per
// article), indexed by the `pagefind` CLI from npm, plus a minimal search page that uses
// Pagefind's own JavaScript API the way its Default UI does (search, then `data()` for the
// first five results) and draws titles and excerpts into the page.

import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { REPO_ROOT } from './common.mjs';

const require = createRequire(path.join(REPO_ROOT, 'package.json'));

/** Results drawn at first, as Pagefind's Default UI does. */
export const PAGEFIND_PAGE_SIZE = 5;

/** The pagefind executable from npm (@pagefind/<platform>-<arch>), and its version. */
export function pagefindBinary() {
  const platform = process.platform === 'win32' ? 'windows' : process.platform;
  const pkg = `@pagefind/${platform}-${process.arch}`;
  let file = null;
  for (const name of ['pagefind_extended', 'pagefind']) {
    try {
      file = require.resolve(`${pkg}/bin/${name}`);
      break;
    } catch {
      // try the next name
    }
  }
  if (!file) throw new Error(`the pagefind binary (${pkg}) is not installed: run npm ci`);
  const run = spawnSync(file, ['--version'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${file} --version failed: ${run.stderr || run.error}`);
  return { file, version: run.stdout.trim() };
}

const escapeHtml = (s) =>
  String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

/** One article as a page: title, h1, body paragraphs; category as a filter, dates and views as meta. */
export function articleHtml(a) {
  const paragraphs = String(a.body)
    .split(/\n\n+/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  const attr = escapeHtml;
  return `<!doctype html>
<html lang="${attr(a.locale || 'en')}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(a.title)}</title>
<meta data-pagefind-filter="category[content]" content="${attr(a.category)}">
<meta data-pagefind-meta="published[content]" content="${attr(a.published)}">
<meta data-pagefind-meta="updated[content]" content="${attr(a.updated)}">
<meta data-pagefind-meta="views[content]" content="${attr(a.views)}">
</head>
<body>
<nav>${escapeHtml(a.section ?? a.category)}</nav>
<main data-pagefind-body>
<h1>${escapeHtml(a.title)}</h1>
${paragraphs}
</main>
</body>
</html>
`;
}

/** Where an article's page goes: its `url` (a relative path like /help/<id>) as a folder. */
function pagePath(site, a, i) {
  const clean = String(a.url ?? '')
    .split('/')
    .filter((part) => part && part !== '.' && part !== '..')
    .map((part) => part.replace(/[^\w.-]/g, '_'));
  return path.join(site, ...(clean.length ? clean : ['article', String(i)]), 'index.html');
}

/**
 * Writes one page per article of `articles` below `site` (emptied first), and the search page
 * `search.html`. Returns { pages, ms }.
 */
export function renderSite(articles, site) {
  const started = performance.now();
  fs.rmSync(site, { recursive: true, force: true });
  fs.mkdirSync(site, { recursive: true });
  articles.forEach((a, i) => {
    const file = pagePath(site, a, i);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, articleHtml(a));
  });
  fs.writeFileSync(path.join(site, 'search.html'), SEARCH_PAGE);
  return { pages: articles.length, ms: performance.now() - started };
}

/** Runs `pagefind --site <site>` and times it. Returns { ms, log }. */
export function runPagefind(binary, site, { timeoutMs = 15 * 60 * 1000 } = {}) {
  fs.rmSync(path.join(site, 'pagefind'), { recursive: true, force: true });
  const started = performance.now();
  const run = spawnSync(binary, ['--site', site], { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  if (run.error) throw new Error(`pagefind did not finish: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`pagefind failed (exit ${run.status}):\n${run.stdout}\n${run.stderr}`);
  if (!fs.existsSync(path.join(site, 'pagefind/pagefind.js'))) throw new Error(`pagefind wrote no ${site}/pagefind/pagefind.js`);
  return { ms, log: run.stdout };
}

// The search page. `?q=` starts a search as soon as the page runs (what the benchmark opens);
// typing searches on every input event with no debounce, and a search overtaken by a newer one
// is dropped unrendered. Each rendered search is logged in window.__pf.renders with the
// input event's timestamp and the time its results were in the DOM; window.__pf.done is the
// number of the last search (or clearing of the box) that is finished.
const SEARCH_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Search (Pagefind)</title>
<link rel="icon" href="data:,">
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; }
input { width: 100%; font: inherit; padding: .5rem .75rem; box-sizing: border-box; }
ol { list-style: none; padding: 0; }
li { margin: 1rem 0; }
.title { font-weight: 600; }
.excerpt { color: #444; }
mark { background: #fff3a0; }
</style>
</head>
<body>
<h1>Search</h1>
<input id="q" type="search" autocomplete="off" aria-label="Search">
<p id="summary"></p>
<ol id="results"></ol>
<script type="module">
const PAGE_SIZE = ${PAGEFIND_PAGE_SIZE};
const box = document.getElementById('q');
const list = document.getElementById('results');
const summary = document.getElementById('summary');
const state = { renders: [], errors: [], seq: 0, done: 0 };
window.__pf = state;
let pagefind = null;
const loadPagefind = () => (pagefind ??= import('/pagefind/pagefind.js'));

async function run(text, t0) {
  const seq = ++state.seq;
  try {
    const pf = await loadPagefind();
    const search = await pf.search(text);
    if (seq !== state.seq) return;
    const results = search ? search.results : [];
    const data = await Promise.all(results.slice(0, PAGE_SIZE).map((r) => r.data()));
    if (seq !== state.seq) return;
    const items = data.map((d) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.className = 'title';
      a.href = d.url;
      a.textContent = d.meta?.title ?? d.url;
      const p = document.createElement('p');
      p.className = 'excerpt';
      p.innerHTML = d.excerpt; // Pagefind's excerpt: escaped text with <mark> around matches
      li.append(a, p);
      return li;
    });
    list.replaceChildren(...items);
    summary.textContent = results.length + ' results for “' + text + '”';
    state.renders.push({ seq, text, t0, t1: performance.now(), total: results.length, shown: items.length });
    state.done = seq;
  } catch (e) {
    state.errors.push(String(e && e.stack || e));
    state.done = seq;
  }
}

box.addEventListener('input', (event) => {
  const text = box.value;
  if (!text.trim()) {
    state.seq++;
    list.replaceChildren();
    summary.textContent = '';
    state.done = state.seq;
    return;
  }
  run(text, event.timeStamp);
});

const q = new URLSearchParams(location.search).get('q');
if (q) {
  box.value = q;
  run(q, 0);
}
</script>
</body>
</html>
`;
