// The page highlighter (faq-search-highlight.js, written by `index-builder build` beside the
// loader): on an article page opened with ?fqs=<words>, the words are marked in the main
// content and the first one is scrolled into view; without the parameter the page is left alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, openPage, eventually, screenshot } from './harness.mjs';
import { INDEX_BUILDER } from './site.mjs';

const FILLER = '<p>Background that has nothing to do with the question.</p>'.repeat(40);

const article = ({ lang = 'en', title, body, extraHead = '' }) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title>${extraHead}<link rel="icon" href="data:,"></head>` +
  `<body><header>Refunds and card help</header><nav><a href="/">Refunds</a></nav>` +
  `<main><h1>${title}</h1>${body}</main>` +
  `<footer>Refunds policy</footer><script src="/search/faq-search-highlight.js" defer></script></body></html>\n`;

const PAGES = {
  'refunds.html': article({
    title: 'Getting your money back',
    body:
      `${FILLER}<p id="first">A <b>Refund</b> reaches your card; refunded amounts show as REFUNDS.</p>` +
      `<p>Café owners ask about refunds too. The word refundable is another word.</p>` +
      `<script>var refunds = 'not text';</script><p data-fqs-ignore>Refunds in an ignored block.</p>` +
      `<p>Text that looks like markup: &lt;img src=x onerror="window.hacked=1"&gt; refunds</p>` +
      `${FILLER}<h2 id="card-limits">Card limits</h2><p id="after-anchor">Card refunds follow the card limits.</p>${FILLER}`,
  }),
  'zh.html': article({ lang: 'zh-CN', title: '充值说明', body: `<p id="zh">如何查看充值地址？充值地址在账户页面。</p>` }),
};

let dir;
let server;
let browser;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fqs-highlight-'));
  const publicDir = path.join(dir, 'public');
  fs.mkdirSync(publicDir);
  for (const [name, html] of Object.entries(PAGES)) fs.writeFileSync(path.join(publicDir, name), html);
  const out = execFileSync(INDEX_BUILDER, ['build', publicDir, '--out', path.join(publicDir, 'search')], { encoding: 'utf8' });
  assert.match(out, /<script src="\/search\/faq-search-highlight\.js" defer><\/script>/, 'the summary gives the article pages their line');
  assert.ok(fs.existsSync(path.join(publicDir, 'search/faq-search-highlight.js')));
  server = await startServer(publicDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens `url` and waits for the highlighter to have run (it sets data-fqs-marks on its root). */
async function openMarked(url) {
  const page = await openPage(browser, server.url + url);
  await eventually(async () => assert.ok(await page.locator('main[data-fqs-marks]').count()), { timeout: 5000 });
  return page;
}

const marks = (page) => page.locator('mark.fqs-page-mark').allInnerTexts();

test('without the parameter the page is left alone', async () => {
  const page = await openPage(browser, `${server.url}/refunds.html`);
  const before = await page.locator('main').innerHTML();
  await page.waitForTimeout(300);
  assert.equal(await page.locator('mark').count(), 0);
  assert.equal(await page.locator('main').getAttribute('data-fqs-marks'), null);
  assert.equal(await page.locator('main').innerHTML(), before);
  assert.equal(await page.evaluate(() => window.scrollY), 0);
  assert.deepEqual(page.pageErrors, []);
});

test('the listed words are marked as whole words in the main content, whatever their case and accents', async () => {
  const page = await openMarked('/refunds.html?fqs=refunds%20refund%20cafe');
  // "refunded" and "refundable" are other words; header, nav, footer, the script and the
  // ignored block are not article text.
  assert.deepEqual(await marks(page), ['Refund', 'REFUNDS', 'Café', 'refunds', 'refunds', 'refunds']);
  assert.equal(await page.locator('main').getAttribute('data-fqs-marks'), '6');
  assert.equal(await page.locator('#after-anchor mark').innerText(), 'refunds');
  assert.equal(await page.locator('header mark, nav mark, footer mark, [data-fqs-ignore] mark').count(), 0);
  // The marks wrap text nodes: the page's text is unchanged, and nothing became markup.
  assert.equal(await page.locator('#first').innerText(), 'A Refund reaches your card; refunded amounts show as REFUNDS.');
  assert.equal(await page.locator('main img').count(), 0);
  assert.equal(await page.evaluate(() => window.hacked), undefined);
  await screenshot(page, 'page-highlight');
  assert.deepEqual(page.pageErrors, []);
});

test('the first mark is scrolled into view', async () => {
  const page = await openMarked('/refunds.html?fqs=refunds');
  await eventually(async () => {
    const inView = await page.locator('mark.fqs-page-mark').first().evaluate((m) => {
      const r = m.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= window.innerHeight;
    });
    assert.ok(inView, 'the first mark is on screen');
  });
  assert.ok(await page.evaluate(() => window.scrollY) > 0);
});

test('with an #anchor, the first mark of that section is shown instead of the first of the page', async () => {
  const page = await openMarked('/refunds.html?fqs=refunds#card-limits');
  await eventually(async () => {
    const [first, afterAnchor] = await page.evaluate(() => {
      const onScreen = (el) => {
        const r = el.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= window.innerHeight;
      };
      return [onScreen(document.querySelector('#first')), onScreen(document.querySelector('#after-anchor mark'))];
    });
    assert.ok(afterAnchor, 'the mark after the anchor is on screen');
    assert.ok(!first, 'the page did not go back to the first mark');
  });
});

test('Chinese words are marked wherever they occur', async () => {
  const page = await openMarked(`/zh.html?fqs=${encodeURIComponent('充值 地址')}`);
  // "充值" and "地址" touch in "充值地址": one mark each time.
  assert.deepEqual(await marks(page), ['充值', '充值地址', '充值地址']);
});
