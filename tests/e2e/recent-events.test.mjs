// Recent searches (localStorage, and what happens without it) and the events a page can log:
// faq-search:query when a search settles, faq-search:open when a result is opened.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertNoErrors, eventually } from './harness.mjs';
import { HELP, articles, picks, makeSite, inline, searchBox, ready, type, cards, header, focused } from './site.mjs';

let s;

before(async () => {
  s = await makeSite();
  s.page('quick.html', s.demoHtml().replace('data-url-sync', 'data-url-sync data-settle-delay="600"'));
});

after(async () => {
  await s?.close();
});

const QUICK = `${HELP}quick.html`;
const recent = (w) => w.locator('.fqs-recent-query').allInnerTexts();

async function open(path, init) {
  const page = await openPage(s.browser, null);
  if (init) await page.addInitScript(init);
  await page.goto(s.url(path));
  await ready(inline(page));
  return page;
}

test('recent searches survive a reload, search again when picked, and can be cleared', async () => {
  const page = await open(QUICK);
  const w = inline(page);
  assert.deepEqual(await recent(w), [], 'a first visit has none');
  for (const q of ['withdrawal fee', 'qqqzzzxxyy', 'deposit']) {
    await type(w, q);
    await page.waitForTimeout(900);
  }
  await page.goto(s.url(QUICK));
  await ready(inline(page));
  assert.deepEqual(await recent(w), ['deposit', 'withdrawal fee'], 'searches with results, newest first');
  await w.getByRole('option', { name: 'withdrawal fee' }).click();
  await eventually(async () => assert.match(await header(w), /for “withdrawal fee”$/));
  assert.equal(await searchBox(w).inputValue(), 'withdrawal fee');
  await searchBox(w).fill('');
  await eventually(async () => assert.equal((await recent(w)).length, 2));
  await w.getByRole('button', { name: 'Clear' }).click();
  await eventually(async () => assert.deepEqual(await recent(w), []));
  await page.reload();
  await ready(inline(page));
  assert.deepEqual(await recent(w), [], 'cleared for good');
  await assertNoErrors(page);
});

test('recent searches are options the arrow keys reach before the results; Enter searches again; Clear works from the keyboard', async () => {
  const page = await open(QUICK);
  const w = inline(page);
  for (const q of ['withdrawal fee', 'deposit']) {
    await type(w, q);
    await page.waitForTimeout(900);
  }
  await page.keyboard.press('Escape');
  await eventually(async () => assert.deepEqual(await recent(w), ['deposit', 'withdrawal fee']));
  const box = searchBox(w);
  const activeId = () => box.getAttribute('aria-activedescendant');
  const option = (id) => w.locator(`[id="${id}"]`);
  const controls = (await box.getAttribute('aria-controls')).split(' ');
  const lists = [];
  for (const id of controls) lists.push(await w.locator(`[id="${id}"]`).getAttribute('role'));
  assert.deepEqual(lists, ['listbox', 'listbox'], 'the box controls the recent searches and the results');
  assert.equal(await w.locator(`[id="${controls[0]}"] [role=option]`).count(), 2);

  await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.equal(await option(await activeId()).innerText(), 'deposit'));
  assert.equal(await option(await activeId()).getAttribute('aria-selected'), 'true');
  assert.equal(await option(await activeId()).getAttribute('role'), 'option');
  await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.equal(await option(await activeId()).innerText(), 'withdrawal fee'));
  await page.keyboard.press('ArrowDown');
  const results = await cards(w);
  await eventually(async () => assert.equal(await activeId(), results[0].id, 'then the first result'));
  assert.equal(await w.locator('.fqs-recent-query[aria-selected=true]').count(), 0);
  await page.keyboard.press('ArrowUp');
  await eventually(async () => assert.equal(await option(await activeId()).innerText(), 'withdrawal fee'));
  assert.equal((await focused(page)).cls, 'fqs-input', 'focus stays in the search box');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.match(await header(w), /for “withdrawal fee”$/));
  assert.equal(await box.inputValue(), 'withdrawal fee');

  // Clear, reached with Tab from the box and pressed with Enter.
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal((await recent(w)).length, 2));
  for (let i = 0; i < 10 && (await focused(page)).text !== 'Clear'; i++) await page.keyboard.press('Tab');
  assert.equal((await focused(page)).text, 'Clear', 'Tab reaches Clear');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.deepEqual(await recent(w), []));
  await assertNoErrors(page);
});

test('without localStorage (blocked, throwing) the widget works the same', async () => {
  const page = await open(QUICK, () => {
    const deny = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    Object.defineProperty(window, 'localStorage', { get: deny, configurable: true });
  });
  const w = inline(page);
  await type(w, 'withdrawal');
  await page.waitForTimeout(900);
  await searchBox(w).fill('');
  await eventually(async () => assert.equal(await header(w), 'Most viewed articles'));
  assert.deepEqual(await recent(w), ['withdrawal'], 'kept for this visit only');
  await type(w, 'deposit');
  await eventually(async () => assert.ok((await cards(w)).length > 0));
  await page.reload();
  await ready(inline(page));
  assert.deepEqual(await recent(w), [], 'nothing survives the reload');
  await assertNoErrors(page);
});

test('faq-search:query reports each settled search once, including those that find nothing', async () => {
  const page = await open(QUICK);
  const w = inline(page);
  await page.evaluate(() => {
    window.queries = [];
    window.bubbled = 0;
    document.querySelector('#help-search').addEventListener('faq-search:query', (e) => window.queries.push({ ...e.detail, target: e.target.id }));
    document.addEventListener('faq-search:query', () => window.bubbled++);
  });
  const box = searchBox(w);
  await box.click();
  await box.pressSequentially('withdrawal', { delay: 20 });
  await eventually(async () => assert.equal((await page.evaluate(() => window.queries)).length, 1));
  await box.fill('');
  await box.pressSequentially('qqqzzzxxyy', { delay: 20 });
  await eventually(async () => assert.equal((await page.evaluate(() => window.queries)).length, 2));
  await page.keyboard.press('Enter');
  await box.fill('withdrawal');
  await page.waitForTimeout(900);
  await w.getByRole('tab').nth(2).click();
  await eventually(async () => assert.equal((await page.evaluate(() => window.queries)).length, 4));
  const queries = await page.evaluate(() => window.queries);
  const expectTotal = (q) => articles.filter((a) => new RegExp(q, 'i').test(`${a.title} ${a.body}`)).length;
  assert.equal(queries[0].query, 'withdrawal');
  assert.ok(queries[0].total >= expectTotal('\\bwithdrawal\\b'), 'total counts every article with the word');
  assert.equal(queries[0].category, null);
  assert.equal(queries[0].target, 'help-search', 'dispatched on the host element');
  assert.deepEqual(queries[1], { query: 'qqqzzzxxyy', total: 0, category: null, target: 'help-search' }, 'zero results are reported (Enter did not repeat it)');
  assert.equal(queries[3].query, 'withdrawal');
  assert.equal(queries[3].category, (await w.getByRole('tab').nth(2).innerText()).replace(/\s*\d+$/, ''));
  assert.equal(await page.evaluate(() => window.bubbled), 4, 'the events bubble to the document');
  await assertNoErrors(page);
});

test('faq-search:open reports the opened result; cancelling it keeps the page', async () => {
  const page = await open(HELP);
  const w = inline(page);
  const { article, word } = picks[1];
  await type(w, word);
  await eventually(async () => assert.ok((await cards(w)).some((c) => c.href?.endsWith(article.url))));
  await page.evaluate(() => {
    window.opens = [];
    document.querySelector('#help-search').addEventListener('faq-search:open', (e) => {
      window.opens.push(e.detail);
      e.preventDefault();
    });
  });
  const position = (await cards(w)).findIndex((c) => c.href?.endsWith(article.url));
  await w.locator('[role=option]').nth(position).click();
  await eventually(async () => assert.equal((await page.evaluate(() => window.opens)).length, 1));
  assert.deepEqual(await page.evaluate(() => window.opens[0]), { id: article.id, url: article.url, query: word, position: position + 1 });
  assert.ok(!page.url().endsWith(article.url), 'the page handled it: no navigation');

  // Without a listener that cancels, a click is an ordinary link.
  await page.evaluate(() => window.location.reload());
  await ready(inline(page));
  await type(w, word);
  await eventually(async () => assert.ok((await cards(w)).length > 0));
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith(article.url)), w.locator('[role=option]').nth(position).click()]);
  await assertNoErrors(page, { allow: [/Failed to load resource.*404/] });
});
