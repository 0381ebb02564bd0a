// The site the end-to-end tests drive, and helpers for reading the widget the way a person sees
// it. dist/ is copied to a fresh folder below a sub-path (so every URL must be relative and
// dist/ must be self-contained) and served over HTTP; tests add their own page variants.
//
// The widget lives in a shadow root: Playwright locators (CSS and roles) look through open
// shadow roots, plain DOM calls inside page.evaluate do not, hence the helpers below.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT, startServer, launchBrowser, openPage, copyDir, readJsonl, eventually } from './harness.mjs';

export const DIST = path.join(REPO_ROOT, 'dist');
export const CORPUS = path.join(REPO_ROOT, 'www/demo/articles.jsonl');
export const INDEX_BUILDER = path.join(REPO_ROOT, 'target/release/index-builder');
export const HELP = '/help/';
export const TYPE_DELAY = 30;

/** The demo's articles, each with the text index-builder indexes: a long article's `sections`
 * (heading, then text) follow its body. */
export const articles = readJsonl(CORPUS).map((a) =>
  a.sections ? { ...a, body: [a.body, ...a.sections.flatMap((s) => [s.heading, s.text])].join('\n\n') } : a,
);
export const categories = [...new Set(articles.map((a) => a.category))];

/**
 * Copies dist/ to <tmp>/site/help/, starts a server and a browser. Returns
 * { tmp, site, help, server, browser, url(path), page(name, html), close() }.
 */
export async function makeSite() {
  for (const f of ['index.html', 'faq-search.js', 'faq-search-api.js', 'faq-search.css', 'pkg/faq_search.js', 'pkg/faq_search_bg.wasm', 'index/faq-search.json']) {
    assert.ok(fs.existsSync(path.join(DIST, f)), `dist/${f} is missing: run ./scripts/build-dist.sh first`);
  }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fqs-e2e-'));
  const site = path.join(tmp, 'site');
  const help = path.join(site, 'help');
  copyDir(DIST, help);
  assert.ok(fs.realpathSync(help).startsWith(fs.realpathSync(tmp) + path.sep), 'a real copy of dist/');
  const server = await startServer(site);
  const browser = await launchBrowser();
  return {
    tmp,
    site,
    help,
    server,
    browser,
    url: (p) => `${server.url}${p}`,
    /** Writes help/<name> and returns its path on the server. */
    page(name, html) {
      fs.mkdirSync(path.dirname(path.join(help, name)), { recursive: true });
      fs.writeFileSync(path.join(help, name), html);
      return `${HELP}${name}`;
    },
    demoHtml: () => fs.readFileSync(path.join(help, 'index.html'), 'utf8'),
    async close() {
      await browser.close();
      await server.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** A minimal page around `body`, with the loader added by the caller. */
export function bareHtml(body, { lang = 'en', head = '' } = {}) {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>faq-search test</title><link rel="icon" href="data:,">${head}</head><body><main>${body}</main></body></html>\n`;
}

// ---------------------------------------------------------------------------------------------
// Reading the widget

/** The inline widget of the demo page (the header holds a modal one). */
export const inline = (page, host = '#help-search') => page.locator(`${host} .fqs-root`);
export const searchBox = (widget) => widget.locator('input.fqs-input');

/** Waits until `widget` has loaded its index. */
export async function ready(widget) {
  await widget.waitFor();
  await eventually(async () => {
    assert.equal(await widget.count(), 1, 'exactly one widget matches');
    assert.equal(await widget.getAttribute('data-state'), 'ready', 'widget state');
  }, { timeout: 10000 });
}

/** Opens `pagePath` and waits for its inline widget. */
export async function openWidget(s, pagePath = HELP, contextOptions) {
  const page = await openPage(s.browser, s.url(pagePath), contextOptions);
  await ready(inline(page));
  return page;
}

/** Clears the search box, then types `text` key by key. */
export async function type(widget, text) {
  const box = searchBox(widget);
  await box.click();
  await box.fill('');
  await box.pressSequentially(text, { delay: TYPE_DELAY });
}

/** The listed results in order (not their sub-results): link href, title, text and marks of each. */
export function cards(widget) {
  return widget.evaluate((el) =>
    [...el.querySelectorAll('.fqs-list .fqs-result')].map((o) => ({
      id: o.id,
      href: o.getAttribute('href'),
      title: o.querySelector('.fqs-result-title')?.textContent.trim() ?? '',
      text: o.innerText.replace(/\s+/g, ' '),
      active: o.getAttribute('aria-selected') === 'true',
      marks: [...o.querySelectorAll('mark')].map((m) => ({ text: m.textContent, inTitle: !!m.closest('.fqs-result-title') })),
    })),
  );
}

/** The record behind a result link (its href ends with the article url). */
export function recordOf(href) {
  const found = articles.filter((a) => href?.endsWith(a.url));
  assert.equal(found.length, 1, `result href ${href} names exactly one article`);
  return found[0];
}

/** Tabs as { name, count, selected }. */
export async function tabs(widget) {
  const list = widget.getByRole('tab');
  const out = [];
  for (let i = 0; i < (await list.count()); i++) {
    const tab = list.nth(i);
    const text = (await tab.innerText()).replace(/\s+/g, ' ').trim();
    const m = text.match(/^(.*?)\s*(\d[\d,.\s]*)$/);
    assert.ok(m, `tab "${text}" ends with a count`);
    out.push({ name: m[1], count: Number(m[2].replace(/[,.\s]/g, '')), selected: (await tab.getAttribute('aria-selected')) === 'true' });
  }
  return out;
}

/** The header line ("12 results for “fee”"). */
export const header = (widget) => widget.locator('.fqs-summary').innerText();

/** Clicks "Show more" until every result of the current tab is listed. */
export async function showAll(widget) {
  for (let i = 0; i < 50; i++) {
    const more = widget.getByRole('button', { name: /show more/i });
    if ((await more.count()) === 0) return;
    const before = (await cards(widget)).length;
    await more.click();
    await eventually(async () => assert.ok((await cards(widget)).length > before, 'Show more added results'));
  }
  assert.fail('Show more never went away');
}

/** The element that has focus, looking into shadow roots: { tag, id, cls, role, text }. */
export function focused(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el && { tag: el.localName, id: el.id, cls: el.className?.baseVal ?? el.className, role: el.getAttribute('role'), text: (el.innerText ?? '').trim().slice(0, 80) };
  });
}

/** Query parameters of the page URL as an object. */
export const params = (page) => Object.fromEntries(new URL(page.url()).searchParams);

// ---------------------------------------------------------------------------------------------
// Choosing words from the corpus

// Roughly how the engine splits words (UAX #29 keeps "a.b", "can't" and "snake_case" whole).
const TOKEN_RE = /[\p{L}\p{N}_]+(?:['.:][\p{L}\p{N}_]+)*/gu;
export const tokens = (text) => (text.match(TOKEN_RE) ?? []).map((t) => t.toLowerCase());
const docTokens = articles.map((a) => new Set(tokens(`${a.title} ${a.section ?? ''} ${a.body}`)));
export const docFreq = new Map();
for (const set of docTokens) for (const t of set) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
/** How many articles have a word starting with `prefix`. */
const prefixDocs = (prefix) => docTokens.filter((set) => [...set].some((t) => t.startsWith(prefix))).length;

/** The longest body word found in this article only, whose first 5 letters are also unique. */
function distinctiveWord(article) {
  const candidates = [...new Set(tokens(article.body))]
    .filter((w) => /^[a-z]+$/.test(w) && w.length >= 9 && docFreq.get(w) === 1)
    .filter((w) => prefixDocs(w.slice(0, 5)) === 1)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  return candidates[0];
}

/** Two articles per category (in corpus order) with their distinctive word. */
export const picks = categories.flatMap((category) =>
  articles
    .filter((a) => a.category === category)
    .map((article) => ({ article, word: distinctiveWord(article) }))
    .filter((p) => p.word)
    .slice(0, 2),
);

// ---------------------------------------------------------------------------------------------
// Accessibility

const AXE = fs.readFileSync(path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the whole page (shadow roots included) and fails with a readable list of
 * the violations. axe is evaluated through the DevTools protocol rather than a <script> tag, so
 * it also runs on pages with a strict Content-Security-Policy.
 */
export async function assertAccessible(page, what) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary.replace(/\s+/g, ' ')}`),
    }));
  });
  assert.deepEqual(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}`),
    [],
    `axe-core found accessibility problems (${what})`,
  );
}
