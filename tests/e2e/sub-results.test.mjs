// Sub-results end to end: a help center whose articles are Markdown files with headings (some
// with an explicit {#id}, some anchored at the slug of their text), built by the real
// index-builder, with the article pages served as HTML beside the search page. A query lists
// the headings whose parts match under their article; a sub-result's link ends in its #anchor
// (after the searched words when the widget has data-highlight-param), and following it opens
// the article at that heading with the words marked.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { startServer, launchBrowser, openPage, eventually, assertNoErrors } from './harness.mjs';
import { INDEX_BUILDER, TYPE_DELAY, assertAccessible } from './site.mjs';

// Each article: its Markdown, and the parts of its HTML page (heading ids as the site's
// generator writes them: the same as the Markdown's, explicit or slugged).
const ARTICLES = {
  refunds: {
    title: 'Getting your money back',
    intro: 'Most card payments can be refunded, and a refund reaches you the way you paid.',
    parts: [
      { heading: 'Card limits', id: 'card-limits', explicit: true, text: 'A card refund follows the daily card limits of your plan.' },
      { heading: 'Bank transfers', id: 'bank-transfers', text: 'A transfer is refunded to the same bank account within five business days.' },
      { heading: 'Fees for refunds', id: 'fees', explicit: true, text: 'Refunds are free; the card network returns its fee too.' },
    ],
  },
  'card-order': {
    title: 'Order a new card',
    intro: 'Order a card from the app; it arrives within a week.',
    parts: [],
  },
};

const markdown = ({ title, intro, parts }, slug) =>
  `---\ntitle: ${title}\ncategory: Payments\npublished: 2025-03-04\nurl: /articles/${slug}.html\n---\n\n${intro}\n` +
  parts.map((p) => `\n## ${p.heading}${p.explicit ? ` {#${p.id}}` : ''}\n\n${p.text}\n`).join('');

// Long enough that a heading far down is off screen until the page scrolls to it.
const FILLER = '<p>Background that has nothing to do with the question.</p>'.repeat(30);

const page = ({ title, intro, parts }) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title><link rel="icon" href="data:,"></head>` +
  `<body><header>Example Help</header><main><h1>${title}</h1><p>${intro}</p>${FILLER}` +
  parts.map((p) => `<h2 id="${p.id}">${p.heading}</h2><p>${p.text}</p>${FILLER}`).join('') +
  `</main><script src="/search/faq-search-highlight.js" defer></script></body></html>\n`;

const searchPage = (attrs) =>
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Search</title><link rel="icon" href="data:,"></head>' +
  `<body><main><h1>Help</h1><div id="help"></div><script src="/search/faq-search.js" data-target="#help" ${attrs} defer></script></main></body></html>\n`;

let dir;
let server;
let browser;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fqs-sub-results-'));
  const content = path.join(dir, 'content');
  const publicDir = path.join(dir, 'public');
  fs.mkdirSync(content);
  fs.mkdirSync(path.join(publicDir, 'articles'), { recursive: true });
  for (const [slug, article] of Object.entries(ARTICLES)) {
    fs.writeFileSync(path.join(content, `${slug}.md`), markdown(article, slug));
    fs.writeFileSync(path.join(publicDir, 'articles', `${slug}.html`), page(article));
  }
  fs.writeFileSync(path.join(publicDir, 'search.html'), searchPage('data-highlight-param="fqs"'));
  fs.writeFileSync(path.join(publicDir, 'plain.html'), searchPage(''));
  execFileSync(INDEX_BUILDER, ['build', content, '--out', path.join(publicDir, 'search')], { encoding: 'utf8' });
  server = await startServer(publicDir);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens a search page, types `query` and waits for the result list. */
async function search(pagePath, query) {
  const page = await openPage(browser, server.url + pagePath);
  const widget = page.locator('#help .fqs-root');
  await eventually(async () => assert.equal(await widget.getAttribute('data-state'), 'ready'), { timeout: 10000 });
  await widget.locator('input.fqs-input').pressSequentially(query, { delay: TYPE_DELAY });
  return { page, widget };
}

/** The options of the result list in order: class, href, heading or title, marks. */
const options = (widget) =>
  widget.evaluate((el) =>
    [...el.querySelectorAll('.fqs-list [role=option]')].map((o) => ({
      kind: o.classList.contains('fqs-sub') ? 'sub' : 'result',
      href: o.getAttribute('href'),
      title: (o.querySelector('.fqs-sub-title, .fqs-result-title')?.textContent ?? '').trim(),
      marks: [...o.querySelectorAll('mark')].map((m) => m.textContent.toLowerCase()),
    })),
  );

test('a long article lists its matching headings under it, anchored as the Markdown says', async () => {
  const { page, widget } = await search('/plain.html', 'refund');
  let listed = [];
  await eventually(async () => {
    listed = await options(widget);
    assert.ok(listed.some((o) => o.kind === 'sub'), JSON.stringify(listed));
  }, { timeout: 5000 });
  const at = listed.findIndex((o) => o.href === '/articles/refunds.html');
  assert.ok(at >= 0, JSON.stringify(listed));
  const subs = [];
  for (const o of listed.slice(at + 1)) {
    if (o.kind !== 'sub') break;
    subs.push(o);
  }
  // Right after their article; an explicit {#id} and a slug of the heading's text alike.
  assert.ok(subs.length >= 2 && subs.length <= 3, JSON.stringify(subs));
  for (const sub of subs) {
    const part = ARTICLES.refunds.parts.find((p) => p.heading === sub.title);
    assert.ok(part, `${sub.title} is a heading of the article`);
    assert.equal(sub.href, `/articles/refunds.html#${part.id}`, 'no highlight parameter without the option');
    assert.ok(sub.marks.some((m) => m.startsWith('refund')), `${sub.title} marks the word: ${sub.marks}`);
  }
  assert.ok(subs.some((s) => s.href.endsWith('#bank-transfers')), 'a heading without an id is linked at its slug');
  assert.ok(subs.some((s) => s.href.endsWith('#fees')), 'a heading with {#fees} is linked there');
  await assertNoErrors(page);
});

test('a sub-result carries the searched words before its anchor, and opens its heading with the words marked', async () => {
  const { page, widget } = await search('/search.html', 'card limits');
  const sub = widget.locator('a.fqs-sub[href$="#card-limits"]');
  await eventually(async () => assert.equal(await sub.count(), 1), { timeout: 5000 });
  assert.deepEqual(await sub.locator('.fqs-sub-title mark').allInnerTexts(), ['Card', 'limits']);
  const lineMarks = (await sub.locator('.fqs-sub-snippet mark').allInnerTexts()).map((m) => m.toLowerCase());
  assert.ok(lineMarks.includes('card') && lineMarks.includes('limits'), lineMarks.join(', '));

  // The arrow keys reach it right after its article, and it becomes the active descendant.
  const box = widget.locator('input.fqs-input');
  const activeHref = () =>
    widget.evaluate((el) => {
      const id = el.querySelector('input.fqs-input').getAttribute('aria-activedescendant');
      return id && el.querySelector(`[id="${id}"]`)?.getAttribute('href');
    });
  let seen = [];
  for (let i = 0; i < 6 && !seen.at(-1)?.endsWith('#card-limits'); i++) {
    await box.press('ArrowDown');
    await page.waitForTimeout(50);
    seen.push(await activeHref());
  }
  assert.ok(seen.at(-1)?.endsWith('#card-limits'), seen.join(' → '));
  assert.equal(seen.at(-2)?.split('#')[0].split('?')[0], '/articles/refunds.html', 'its article just before it');
  assert.equal(await sub.getAttribute('aria-selected'), 'true');
  await assertAccessible(page, 'sub-results listed, one of them active');

  // Hovering gives the link its words, before the fragment.
  await sub.hover();
  const href = await sub.getAttribute('href');
  const url = new URL(href, server.url);
  assert.equal(url.pathname, '/articles/refunds.html');
  assert.equal(url.hash, '#card-limits', href);
  assert.match(href, /^\/articles\/refunds\.html\?fqs=[^#]+#card-limits$/);
  const words = url.searchParams.get('fqs').toLowerCase().split(' ');
  assert.ok(words.includes('card') && words.includes('limits'), href);

  // Enter on the active sub-result follows it.
  await Promise.all([page.waitForURL(/\/articles\/refunds\.html\?fqs=.+#card-limits$/), box.press('Enter')]);
  await eventually(async () => assert.ok(await page.locator('main[data-fqs-marks]').count()), { timeout: 5000 });
  const marked = (await page.locator('mark.fqs-page-mark').allInnerTexts()).map((m) => m.toLowerCase());
  assert.ok(marked.includes('card') && marked.includes('limits'), marked.join(', '));
  // The page is at the heading, not at the first mark of the page (the introduction's).
  await eventually(async () => {
    const [heading, firstMark] = await page.evaluate(() => {
      const inView = (el) => {
        const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight;
      };
      return [inView(document.getElementById('card-limits')), inView(document.querySelector('mark.fqs-page-mark'))];
    });
    assert.ok(heading, 'the heading is on screen');
    assert.ok(!firstMark, 'the first mark of the page, in the introduction, is not');
  });
  assert.ok((await page.evaluate(() => window.scrollY)) > 0, 'the page scrolled down to it');
  await assertNoErrors(page);
});
