// The search in the page URL: shared links, history entries only for settled searches, Back
// and Forward, and the header and sort control. The demo page's inline widget has URL sync on
// (data-url-sync); its header widget has not and must leave the URL alone.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoErrors, eventually } from './harness.mjs';
import { HELP, articles, picks, makeSite, inline, searchBox, openWidget, type, cards, recordOf, tabs, header, params, focused } from './site.mjs';

let s;

before(async () => {
  s = await makeSite();
  // The same page with a short settle delay, so tests need not wait for the default pause.
  s.page('quick.html', s.demoHtml().replace('data-url-sync', 'data-url-sync data-settle-delay="600"'));
});

after(async () => {
  await s?.close();
});

const QUICK = `${HELP}quick.html`;
const historyLength = (page) => page.evaluate(() => history.length);
const sortValue = (w) => w.locator('select').inputValue();

test('a shared link opens with its query, tab and sort', async () => {
  const { article, word } = picks[0];
  const page = await openWidget(s, `${HELP}?q=${encodeURIComponent(word)}&category=${encodeURIComponent(article.category)}&sort=newest&utm_source=mail#top`);
  const w = inline(page);
  assert.equal(await searchBox(w).inputValue(), word, 'the box holds the query from the URL');
  await eventually(async () => {
    const selected = (await tabs(w)).find((t) => t.selected);
    assert.equal(selected?.name, article.category, 'the tab from the URL is selected');
    assert.ok((await cards(w)).some((c) => c.href?.endsWith(article.url)), `"${word}" lists "${article.title}"`);
  });
  assert.equal(await sortValue(w), 'newest', 'the sort from the URL is chosen');
  assert.match(await header(w), new RegExp(`^\\d+ results? for “${word}”$`));
  // The header widget has no URL sync: it starts empty whatever the URL says.
  assert.equal(await page.locator('faq-search .fqs-root').getAttribute('data-mode'), 'modal');
  assert.deepEqual(params(page), { q: word, category: article.category, sort: 'newest', utm_source: 'mail' }, 'nothing rewritten at start');
  assert.equal(new URL(page.url()).hash, '#top');
  await assertNoErrors(page);
});

test('typing follows in the URL without new entries; a settled search gets one', async () => {
  const page = await openWidget(s, `${QUICK}?ref=nav`);
  const w = inline(page);
  const start = await historyLength(page);
  const box = searchBox(w);
  await box.click();
  // Faster than the settle delay: one entry for the whole word.
  await box.pressSequentially('withdrawal', { delay: 20 });
  assert.equal(await historyLength(page), start, 'no history entry while typing');
  await eventually(async () => assert.equal(params(page).q, 'withdrawal', 'the URL follows the box'));
  await eventually(async () => assert.equal(await historyLength(page), start + 1, 'one entry once the search settled'));
  assert.equal(params(page).ref, 'nav', 'other parameters are kept');

  await box.pressSequentially(' fee', { delay: 20 });
  await eventually(async () => assert.equal(await historyLength(page), start + 2, 'a second settled search, a second entry'));
  assert.match(await header(w), /^\d+ results? for “withdrawal fee”$/);

  await page.goBack();
  await eventually(async () => {
    assert.equal(params(page).q, 'withdrawal');
    assert.equal(await box.inputValue(), 'withdrawal', 'Back restores the previous search');
    assert.match(await header(w), /for “withdrawal”$/);
  });
  await page.goBack();
  await eventually(async () => {
    assert.equal(params(page).q, undefined);
    assert.equal(await box.inputValue(), '', 'Back again: the empty search the page opened with');
    assert.equal(await header(w), 'Most viewed articles');
  });
  await page.goForward();
  await eventually(async () => assert.equal(await box.inputValue(), 'withdrawal', 'Forward brings it back'));
  assert.equal(await historyLength(page), start + 2, 'Back and Forward add no entries');
  await assertNoErrors(page);
});

test('tab and sort changes are history entries that Back and Forward restore', async () => {
  const page = await openWidget(s, `${QUICK}?q=withdrawal`);
  const w = inline(page);
  const start = await historyLength(page);
  await eventually(async () => assert.ok((await tabs(w))[0].count > 0));
  const all = await tabs(w);
  const category = all[2].name;
  await w.getByRole('tab').nth(2).click();
  await eventually(async () => assert.equal(params(page).category, category));
  assert.equal(await historyLength(page), start + 1, 'the tab pushed an entry at once');
  await w.locator('select').selectOption('views');
  await eventually(async () => assert.equal(params(page).sort, 'views'));
  assert.equal(await historyLength(page), start + 2);
  const views = (await cards(w)).map((c) => recordOf(c.href).views);
  assert.deepEqual(views, [...views].sort((a, b) => b - a), 'most viewed first');
  assert.ok((await cards(w)).every((c) => recordOf(c.href).category === category), `only ${category}`);

  await page.goBack();
  await eventually(async () => {
    assert.equal(await sortValue(w), 'relevance', 'Back undoes the sort');
    assert.equal((await tabs(w)).find((t) => t.selected)?.name, category, 'and keeps the tab');
  });
  await page.goBack();
  await eventually(async () => assert.ok((await tabs(w))[0].selected, 'Back again selects All'));
  assert.equal(await searchBox(w).inputValue(), 'withdrawal', 'the query stays');
  await page.goForward();
  await page.goForward();
  await eventually(async () => {
    assert.equal(await sortValue(w), 'views');
    assert.equal((await tabs(w)).find((t) => t.selected)?.name, category);
  });
  await assertNoErrors(page);
});

test('an empty box removes the query; Enter settles at once; a bad sort or category is ignored', async () => {
  const page = await openWidget(s, `${HELP}?q=fee&sort=sideways&category=No%20such%20tab`);
  const w = inline(page);
  assert.equal(await sortValue(w), 'relevance', 'an unknown sort reads as relevance');
  await eventually(async () => assert.ok((await tabs(w))[0].selected, 'an unknown category shows All'));
  const start = await historyLength(page);
  await type(w, 'deposit');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await historyLength(page), start + 1, 'Enter settled the search'));
  assert.equal(params(page).q, 'deposit');
  assert.equal(params(page).sort, undefined, 'the default sort is not written');
  await searchBox(w).fill('');
  await eventually(async () => assert.equal(params(page).q, undefined, 'an empty box removes q'));
  await assertNoErrors(page);
});

test('no results: the did-you-mean suggestion searches when clicked, with the most viewed articles below', async () => {
  const page = await openWidget(s, QUICK);
  const w = inline(page);
  // A three-letter word is too short to be matched with a typo, but it gets a suggestion.
  await type(w, 'fxe ');
  await eventually(async () => assert.match(await w.innerText(), /no results for “fxe”/i));
  const suggestion = w.locator('.fqs-suggestion');
  assert.match(await suggestion.innerText(), /^Did you mean \S+\?$/);
  const byViews = [...articles].sort((a, b) => b.views - a.views);
  assert.deepEqual((await cards(w)).map((c) => recordOf(c.href).id), byViews.slice(0, 5).map((a) => a.id), 'the most viewed articles are offered');
  const corrected = (await suggestion.getByRole('button').innerText()).trim();
  await suggestion.getByRole('button').click();
  await eventually(async () => {
    assert.equal((await searchBox(w).inputValue()).trim(), corrected, 'the box holds the suggestion');
    assert.match(await header(w), new RegExp(`^\\d+ results? for “${corrected}”$`));
    assert.equal(params(page).q, corrected, 'and the URL, at once');
  });
  assert.ok((await cards(w)).length > 0);
  assert.equal(await focused(page).then((f) => f.cls), 'fqs-input', 'focus returns to the search box');
  await assertNoErrors(page);
});

test('a corrected typo shows its results and offers the correct spelling', async () => {
  const page = await openWidget(s);
  const w = inline(page);
  await type(w, 'withdrawl');
  await eventually(async () => {
    assert.ok((await cards(w)).length > 0, 'the typo still finds articles');
    assert.match(await w.locator('.fqs-suggestion').innerText(), /^Did you mean withdraw\w*\?$/);
  });
  await assertNoErrors(page);
});
