// Modal mode (a search button opening a dialog: focus moves in, stays in, and returns to what
// opened it) and several widgets on one page, each with its own state, with only the one that
// opted in writing to the URL.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { openPage, assertNoErrors, eventually, defaultIndexFile } from './harness.mjs';
import { DIST, HELP, TYPE_DELAY, articles, picks, makeSite, bareHtml, inline, searchBox, ready, cards, tabs, focused, params } from './site.mjs';

let s;

before(async () => {
  s = await makeSite();
  s.page(
    'two.html',
    s.demoHtml()
      .replace('<div id="help-search">', '<div id="second-search"></div>\n<div id="help-search">')
      .replace('</body>', '<script src="faq-search.js" data-index="index/" data-target="#second-search" defer></script>\n</body>'),
  );
  // A page whose only widget is a modal one with the keyboard shortcuts, after a link.
  s.page('modal-synced.html', bareHtml('<faq-search mode="modal" index="index/" url-sync></faq-search><script src="faq-search.js" defer></script>'));
  s.page(
    'modal.html',
    bareHtml(
      '<h1>Help</h1><p><a id="before" href="#top">A link before the search</a></p>' +
        '<faq-search mode="modal" index="index/" settle-delay="100"></faq-search>' +
        '<p>Filler</p>'.repeat(40) +
        '<script src="faq-search.js" defer></script>',
    ),
  );
});

after(async () => {
  await s?.close();
});

const modalWidget = (page) => page.locator('faq-search .fqs-root');
const dialogOpen = (page) => page.locator('faq-search dialog').evaluate((d) => d.open);
const pageOverflow = (page) => page.evaluate(() => getComputedStyle(document.documentElement).overflow);

async function openModalPage(path) {
  const page = await openPage(s.browser, s.url(path));
  await ready(modalWidget(page));
  return page;
}

test('modal: the button opens a dialog with the focus in its search box; Esc clears, then closes', async () => {
  const page = await openModalPage(`${HELP}modal.html`);
  const m = modalWidget(page);
  const trigger = m.getByRole('button', { name: /search the help center/i });
  assert.equal(await trigger.getAttribute('aria-haspopup'), 'dialog');
  assert.equal(await dialogOpen(page), false);
  await trigger.click();
  const dialog = m.getByRole('dialog', { name: /search the help center/i });
  await dialog.waitFor();
  assert.equal(await dialogOpen(page), true);
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-input', 'focus is in the search box'));
  assert.equal(await pageOverflow(page), 'hidden', 'the page behind does not scroll');

  await page.keyboard.type('withdrawal', { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(m)).length > 3));
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await searchBox(m).inputValue(), '', 'the first Esc clears'));
  assert.equal(await dialogOpen(page), true, 'and leaves the dialog open');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await dialogOpen(page), false, 'the second Esc closes'));
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-trigger', 'focus is back on the button'));
  assert.notEqual(await pageOverflow(page), 'hidden', 'the page scrolls again');
  await assertNoErrors(page);
});

test('modal: Tab and Shift+Tab stay inside the dialog', async () => {
  const page = await openModalPage(`${HELP}modal.html`);
  const m = modalWidget(page);
  await m.getByRole('button', { name: /search/i }).click();
  await m.getByRole('dialog').waitFor();
  await page.keyboard.type('fee', { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(m)).length > 0));
  const inside = () => page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return !!el?.closest('dialog');
  });
  const seen = new Set();
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Tab');
    assert.ok(await inside(), `Tab ${i + 1} keeps focus in the dialog`);
    seen.add((await focused(page)).cls);
  }
  assert.ok(seen.has('fqs-input'), 'Tab comes round to the search box again');
  assert.ok(seen.has('fqs-button fqs-close'), 'and reaches the close button');
  for (let i = 0; i < 20; i++) {
    await page.keyboard.press('Shift+Tab');
    assert.ok(await inside(), `Shift+Tab ${i + 1} keeps focus in the dialog`);
  }
  await assertNoErrors(page);
});

test('modal: Ctrl+K opens it, a result opens from the keyboard, and focus returns to where it was', async () => {
  const page = await openModalPage(`${HELP}modal.html`);
  const m = modalWidget(page);
  await page.locator('#before').focus();
  await page.keyboard.press('Control+k');
  await m.getByRole('dialog').waitFor();
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-input'));
  // The page handles the navigation itself: the widget then only closes.
  await page.evaluate(() => {
    window.opened = [];
    document.querySelector('faq-search').addEventListener('faq-search:open', (e) => {
      window.opened.push(e.detail);
      e.preventDefault();
    });
  });
  const { article, word } = picks[0];
  await page.keyboard.type(word, { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(m)).some((c) => c.href?.endsWith(article.url))));
  const position = (await cards(m)).findIndex((c) => c.href?.endsWith(article.url));
  for (let i = 0; i <= position; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(await dialogOpen(page), false, 'opening a result closes the dialog'));
  const opened = await page.evaluate(() => window.opened);
  assert.equal(opened.length, 1);
  assert.equal(opened[0].url, article.url);
  assert.equal(opened[0].position, position + 1);
  assert.match(page.url(), /modal\.html$/, 'the cancelled event kept the page');
  await eventually(async () => assert.equal((await focused(page)).id, 'before', 'focus is back where Ctrl+K was pressed'));
  await assertNoErrors(page);
});

test('modal: the close button and a click on the backdrop close it', async () => {
  const page = await openModalPage(`${HELP}modal.html`);
  const m = modalWidget(page);
  const trigger = m.getByRole('button', { name: /search the help center/i });
  await trigger.click();
  await m.getByRole('button', { name: 'Close' }).click();
  await eventually(async () => assert.equal(await dialogOpen(page), false));
  await trigger.click();
  await m.getByRole('dialog').waitFor();
  await page.mouse.click(5, 5);
  await eventually(async () => assert.equal(await dialogOpen(page), false, 'a click outside the panel closes'));
  await trigger.click();
  await m.getByRole('dialog').waitFor();
  await m.locator('.fqs-dialog-foot').click();
  assert.equal(await dialogOpen(page), true, 'a click inside the panel does not');
  await assertNoErrors(page);
});

/** The modal page, reached from the demo page (so Back has somewhere to go): page, widget, button. */
async function modalAfterDemo() {
  const page = await openPage(s.browser, s.url(HELP));
  await ready(inline(page));
  await page.goto(s.url(`${HELP}modal.html`));
  const m = modalWidget(page);
  await ready(m);
  return { page, m, trigger: m.getByRole('button', { name: /search the help center/i }) };
}

test('modal: Back closes the dialog; closing it by Esc leaves Back no entry that does nothing', async () => {
  const { page, trigger } = await modalAfterDemo();

  await trigger.click();
  await eventually(async () => assert.equal(await dialogOpen(page), true));
  await page.keyboard.type('fee', { delay: TYPE_DELAY });
  await page.evaluate(() => history.back());
  await eventually(async () => assert.equal(await dialogOpen(page), false, 'Back closed the dialog'));
  assert.match(page.url(), /modal\.html$/, 'and the page stayed');
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-trigger', 'focus is back on the button'));

  // Opened and closed by the widget: Back then leaves for the page before.
  await trigger.click();
  await eventually(async () => assert.equal(await dialogOpen(page), true));
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await dialogOpen(page), false));
  await page.waitForTimeout(200);
  await Promise.all([page.waitForURL((u) => u.pathname === HELP), page.evaluate(() => history.back())]);
  await assertNoErrors(page);
});

test('modal: Forward reopens the dialog Back closed, with its search, and adds no entry', async () => {
  const { page, m, trigger } = await modalAfterDemo();
  const entries = () => page.evaluate(() => history.length);

  await trigger.click();
  await eventually(async () => assert.equal(await dialogOpen(page), true));
  await page.keyboard.type('withdrawal', { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(m)).length > 3));
  const listed = (await cards(m)).map((c) => c.href);
  const length = await entries();

  for (let round = 1; round <= 2; round++) {
    await page.evaluate(() => history.back());
    await eventually(async () => assert.equal(await dialogOpen(page), false, `Back ${round} closed the dialog`));
    await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-trigger', `Back ${round}: focus is on the button`));
    assert.notEqual(await pageOverflow(page), 'hidden');

    await page.evaluate(() => history.forward());
    await eventually(async () => assert.equal(await dialogOpen(page), true, `Forward ${round} reopened the dialog`));
    await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-input', `Forward ${round}: focus is in the search box`));
    assert.equal(await searchBox(m).inputValue(), 'withdrawal', 'with the query it had');
    assert.deepEqual((await cards(m)).map((c) => c.href), listed, 'and its results');
    assert.equal(await pageOverflow(page), 'hidden', 'the page behind is still again');
    assert.match(page.url(), /modal\.html$/);
    assert.equal(await entries(), length, 'reopening pushed no history entry');
  }

  // Closed by the widget after reopening: its entry is taken back as before, so Back leaves.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await dialogOpen(page), false));
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-trigger'));
  await page.waitForTimeout(200);
  await Promise.all([page.waitForURL((u) => u.pathname === HELP), page.evaluate(() => history.back())]);
  await assertNoErrors(page);
});

test('several widgets on one page keep their own state; only the opted-in one writes the URL', async () => {
  const seen = s.server.requests.length;
  const page = await openPage(s.browser, s.url(`${HELP}two.html`));
  const first = inline(page, '#help-search');
  const second = inline(page, '#second-search');
  const header = modalWidget(page);
  for (const w of [first, second, header]) await ready(w);
  const start = await page.evaluate(() => history.length);

  const { article, word } = picks[0];
  await searchBox(second).click();
  await searchBox(second).pressSequentially(word, { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(second)).some((c) => c.href?.endsWith(article.url))));
  await second.getByRole('tab').nth(2).click();
  await page.waitForTimeout(1000);
  assert.deepEqual(params(page), {}, 'the widget without URL sync leaves the URL alone');
  assert.equal(await page.evaluate(() => history.length), start, 'and adds no history entries');
  assert.equal(await searchBox(first).inputValue(), '', 'the other widgets keep their own query');
  assert.equal((await tabs(first))[0].selected, true);
  assert.equal((await tabs(first))[0].count, articles.length);

  await searchBox(first).click();
  await searchBox(first).pressSequentially('deposit', { delay: TYPE_DELAY });
  await page.keyboard.press('Enter');
  await eventually(async () => assert.equal(params(page).q, 'deposit', 'the opted-in widget writes the URL'));
  assert.equal(await searchBox(second).inputValue(), word, 'and the other widget keeps its query');
  await page.goBack();
  await eventually(async () => assert.equal(await searchBox(first).inputValue(), ''));
  assert.equal(await searchBox(second).inputValue(), word, 'Back moves only the synced widget');

  // One download each of the wasm, the stylesheet and the index, whatever the number of widgets.
  const fetched = (file) => s.server.requests.slice(seen).filter((r) => r.endsWith(`/help/${file}`)).length;
  assert.equal(fetched('pkg/faq_search_bg.wasm'), 1, 'the wasm is downloaded once');
  assert.equal(fetched('faq-search.css'), 1, 'the stylesheet is fetched once');
  assert.equal(fetched('index/faq-search.json'), 1, 'the manifest is downloaded once');
  assert.equal(fetched(`index/${path.basename(defaultIndexFile(path.join(DIST, 'index')))}`), 1, 'the index is downloaded once');
  const ids = await page.evaluate(() => {
    const roots = [...document.querySelectorAll('*')].map((e) => e.shadowRoot).filter(Boolean);
    return [document, ...roots].flatMap((r) => [...r.querySelectorAll('[id]')].map((e) => e.id));
  });
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'element ids are unique across widgets');
  await assertNoErrors(page);
});

test('modal with URL sync: a shared link opens the dialog with its results; closing keeps the URL', async () => {
  const page = await openPage(s.browser, s.url(`${HELP}modal-synced.html?q=withdrawal&sort=newest`));
  const m = modalWidget(page);
  await ready(m);
  await eventually(async () => assert.equal(await dialogOpen(page), true, 'the dialog opened by itself'));
  await eventually(async () => assert.ok((await cards(m)).length > 0));
  assert.equal(await searchBox(m).inputValue(), 'withdrawal');
  assert.equal(await m.locator('select').inputValue(), 'newest');
  await m.getByRole('button', { name: 'Close' }).click();
  await eventually(async () => assert.equal(await dialogOpen(page), false));
  assert.equal(params(page).q, 'withdrawal');
  await assertNoErrors(page);
});
