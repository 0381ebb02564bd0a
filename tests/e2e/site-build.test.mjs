// `index-builder build public/ --out public/search` on a static site's pages: the one script tag
// gives a working search, and when the widget cannot start (WebAssembly blocked by the page's
// Content-Security-Policy, the wasm missing, the widget's files gone or of another version) the
// place of the widget says so and the console names the cause and the fix.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, openPage, eventually } from './harness.mjs';
import { INDEX_BUILDER } from './site.mjs';
import { tempSite, searchSite, PAGES } from './static-site.mjs';

let site;
let search;
let assetFolder;

before(() => {
  site = tempSite();
  const out = execFileSync(INDEX_BUILDER, ['build', site.publicDir, '--out', path.join(site.publicDir, 'search')], { encoding: 'utf8' });
  assert.match(out, /<script src="\/search\/faq-search\.js" defer><\/script>/, 'the summary gives the line to paste');
  search = path.join(site.publicDir, 'search');
  assetFolder = fs.readdirSync(search).find((n) => /^faq-search\.[0-9a-f]{10}$/.test(n));
  assert.ok(assetFolder, 'the widget folder is there');
});

after(() => site?.close());

test('the pages are searchable with the one script tag', async () => {
  const { titles, requests } = await searchSite(site.publicDir);
  assert.equal(titles[0], 'How refunds work');
  assert.ok(!titles.includes('Page not found'), 'the noindex page is not indexed');
  assert.ok(requests.some((r) => r.startsWith(`200 /search/${assetFolder}/pkg/faq_search_bg.wasm`)), 'the wasm comes from the hashed folder');
  assert.ok(requests.some((r) => r.startsWith('200 /search/index/faq-search.json')), 'the index from index/ next to the loader');
});

test('a <faq-search> element without an index attribute reads index/ next to the loader', async () => {
  fs.writeFileSync(path.join(site.publicDir, 'element.html'), PAGES['payments/card-limits.html']
    .replace('<div id="help"></div>', '<faq-search mode="inline"></faq-search>')
    .replace(' data-target="#help"', ''));
  const server = await startServer(site.publicDir);
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, `${server.url}/element.html`);
    const widget = page.locator('faq-search .fqs-root');
    await eventually(async () => assert.equal(await widget.getAttribute('data-state'), 'ready'), { timeout: 10000 });
    await widget.locator('input.fqs-input').pressSequentially('two-factor', { delay: 30 });
    await eventually(async () => {
      const titles = await widget.locator('.fqs-list [role=option] .fqs-result-title').allInnerTexts();
      assert.equal(titles[0], 'Turn on two-factor authentication');
    });
    assert.ok(server.requests.some((r) => r.startsWith('200 /search/index/faq-search.json')));
    assert.equal(await page.locator('#help').count(), 0);
    assert.deepEqual(page.consoleErrors, []);
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});

test('the loader, the widget and the manifest carry the version of the index-builder that wrote them', async () => {
  const version = execFileSync(INDEX_BUILDER, ['--version'], { encoding: 'utf8' }).trim().replace('index-builder ', '');
  const manifest = JSON.parse(fs.readFileSync(path.join(search, 'index/faq-search.json'), 'utf8'));
  assert.equal(manifest.builder, version);
  assert.match(fs.readFileSync(path.join(search, 'faq-search.js'), 'utf8'), new RegExp(`VERSION = '${version.replace(/\./g, '\\.')}'`));
  const server = await startServer(site.publicDir);
  const browser = await launchBrowser();
  try {
    const page = await openPage(browser, `${server.url}/payments/card-limits.html`);
    const widgetVersion = await page.evaluate(async (url) => (await import(url)).widgetVersion(), `/search/${assetFolder}/faq-search-api.js`);
    assert.equal(widgetVersion, version);
  } finally {
    await browser.close();
    await server.close();
  }
});

/** A copy of the built site, changed by `change(dir)`, served; opens `page` and returns it. */
async function brokenSite(name, change, html = PAGES['payments/card-limits.html']) {
  const dir = path.join(site.dir, name);
  fs.cpSync(site.publicDir, dir, { recursive: true });
  change(dir);
  fs.writeFileSync(path.join(dir, 'page.html'), html);
  const server = await startServer(dir);
  const browser = await launchBrowser();
  const page = await openPage(browser, `${server.url}/page.html`);
  page.cleanup = async () => {
    await browser.close();
    await server.close();
  };
  return page;
}

/** The error the widget's place shows (in its shadow root or as the loader's message). */
async function shownError(page) {
  let text = '';
  await eventually(async () => {
    text = await page.locator('#help [role=alert]').innerText();
    assert.ok(text.length > 0);
  }, { timeout: 10000 });
  assert.ok(await page.locator('#help [role=alert]').isVisible(), 'the message is visible');
  return text;
}

test('a Content-Security-Policy without wasm-unsafe-eval: an error state, and the console says which directive to add', async () => {
  const csp = `<meta http-equiv="Content-Security-Policy" content="script-src 'self'; style-src 'self'">`;
  const page = await brokenSite('csp', () => {}, PAGES['payments/card-limits.html'].replace('<meta charset="utf-8">', `<meta charset="utf-8">${csp}`));
  try {
    const text = await shownError(page);
    assert.match(text, /Search is unavailable/);
    await eventually(() => {
      const ours = page.consoleErrors.filter((e) => e.startsWith('faq-search: '));
      assert.equal(ours.length, 1, page.consoleErrors.join('\n'));
      assert.match(ours[0], /Content-Security-Policy does not allow WebAssembly: add 'wasm-unsafe-eval' to its script-src/);
    });
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await page.cleanup();
  }
});

test('a missing wasm (404): an error state, and the console names the file and the status', async () => {
  const page = await brokenSite('no-wasm', (dir) => {
    for (const f of ['faq_search_bg.wasm', 'faq_search_bg.wasm.br', 'faq_search_bg.wasm.gz']) fs.rmSync(path.join(dir, 'search', assetFolder, 'pkg', f));
  });
  try {
    assert.match(await shownError(page), /Search is unavailable/);
    await eventually(() => {
      const ours = page.consoleErrors.filter((e) => e.startsWith('faq-search: '));
      assert.equal(ours.length, 1, page.consoleErrors.join('\n'));
      assert.match(ours[0], /faq_search_bg\.wasm could not be downloaded \(HTTP 404\): upload every file index-builder wrote/);
    });
    assert.deepEqual(page.pageErrors, []);
  } finally {
    await page.cleanup();
  }
});

test('a loader whose widget folder is gone (a cached loader after later deploys) says so in place', async () => {
  const page = await brokenSite('no-assets', (dir) => fs.rmSync(path.join(dir, 'search', assetFolder), { recursive: true }));
  try {
    assert.match(await shownError(page), /Search is unavailable: its files could not be loaded/);
    assert.ok(page.consoleErrors.some((e) => /faq-search: the widget could not be loaded from .*faq-search\.[0-9a-f]{10}\//.test(e)), page.consoleErrors.join('\n'));
  } finally {
    await page.cleanup();
  }
});

test('a loader that meets widget files of another version says so in place', async () => {
  const page = await brokenSite('other-version', (dir) => {
    const loader = path.join(dir, 'search', 'faq-search.js');
    const text = fs.readFileSync(loader, 'utf8');
    assert.match(text, /VERSION = '\d+\.\d+\.\d+'/);
    fs.writeFileSync(loader, text.replace(/VERSION = '\d+\.\d+\.\d+'/, "VERSION = '0.0.1'"));
  });
  try {
    assert.match(await shownError(page), /its files are of another version \(.+, expected 0\.0\.1\)/);
    assert.ok(page.consoleErrors.some((e) => /this faq-search\.js is version 0\.0\.1 but found widget files of version/.test(e)), page.consoleErrors.join('\n'));
  } finally {
    await page.cleanup();
  }
});
