// A small site as a static site generator writes it (pages in folders, a page that asks not to
// be indexed), built with `index-builder build public/ --out public/search` by whichever
// index-builder a test gives (the one just compiled, or one installed from a release
// artifact), served, and searched in Chromium as a visitor would.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { startServer, launchBrowser, openPage, eventually } from './harness.mjs';

const page = (title, text, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>${head}<link rel="icon" href="data:,"></head>` +
  `<body><header><a href="/">Example Help</a></header><nav><a href="/docs/">Docs</a></nav>` +
  `<main><h1>${title}</h1><p>${text}</p><div id="help"></div>` +
  `<script src="/search/faq-search.js" data-target="#help" defer></script></main><footer>© Example</footer></body></html>\n`;

export const PAGES = {
  'index.html': page('Example Help', 'Answers about accounts, payments and security.'),
  'payments/refunds.html': page('How refunds work', 'Refunds reach your card within five business days of approval.',
    '<meta property="article:published_time" content="2025-03-04T10:00:00+00:00">'),
  'payments/card-limits.html': page('Card limits', 'Daily card limits depend on your verification level.'),
  'security/two-factor.html': page('Turn on two-factor authentication', 'Two-factor authentication protects your account with a second step.'),
  '404.html': page('Page not found', 'Nothing here about refunds.', '<meta name="robots" content="noindex">'),
};

/** Writes PAGES into `<dir>/public` and returns that folder. */
export function writePages(dir) {
  const publicDir = path.join(dir, 'public');
  for (const [name, html] of Object.entries(PAGES)) {
    fs.mkdirSync(path.dirname(path.join(publicDir, name)), { recursive: true });
    fs.writeFileSync(path.join(publicDir, name), html);
  }
  return publicDir;
}

/** A temp folder holding the pages; `close()` removes it. */
export function tempSite(prefix = 'fqs-site-') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, publicDir: writePages(dir), close: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The widget the loader mounted into #help, through its shadow root. */
export const helpWidget = (page) => page.locator('#help .fqs-root');

/**
 * Serves `publicDir`, opens `pagePath`, types `query` and returns the titles listed, after
 * checking that the page logged no error.
 */
export async function searchSite(publicDir, { pagePath = '/payments/card-limits.html', query = 'refunds' } = {}) {
  const server = await startServer(publicDir);
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, server.url + pagePath);
    const widget = helpWidget(page);
    await eventually(async () => assert.equal(await widget.getAttribute('data-state'), 'ready'), { timeout: 10000 });
    const box = widget.locator('input.fqs-input');
    await box.click();
    await box.pressSequentially(query, { delay: 30 });
    let titles = [];
    await eventually(async () => {
      titles = await widget.locator('.fqs-list [role=option] .fqs-result-title').allInnerTexts();
      assert.ok(titles.length > 0, 'results are listed');
    }, { timeout: 10000 });
    assert.deepEqual(page.pageErrors, []);
    assert.deepEqual(page.consoleErrors, []);
    return { titles, requests: [...server.requests] };
  } finally {
    await browser.close();
    await server.close();
  }
}
