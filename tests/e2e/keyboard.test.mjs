// Keyboard-only use and screen readers: the shortcuts, the combobox pattern (arrow keys move
// aria-activedescendant, Enter opens, Esc clears), the live region, and axe-core on every
// state of the demo page.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertNoErrors, eventually } from './harness.mjs';
import { HELP, picks, makeSite, bareHtml, inline, searchBox, openWidget, type, cards, focused, assertAccessible } from './site.mjs';

let s;

before(async () => {
  s = await makeSite();
  // The demo page plus other text fields, to check the shortcuts leave them alone.
  s.page(
    'fields.html',
    s.demoHtml().replace(
      '<div id="help-search">',
      '<form class="site-wrap" aria-label="Feedback"><label>Name <input id="name"></label> <label>Message <textarea id="message"></textarea></label></form>\n<div id="help-search">',
    ),
  );
  s.page('missing.html', s.demoHtml().replace(/data-index="[^"]*"/, 'data-index="no-such-folder/"'));
});

after(async () => {
  await s?.close();
});

const activeId = (w) => searchBox(w).getAttribute('aria-activedescendant');

test('/ and Ctrl+K focus the search, except while typing in another field', async () => {
  const page = await openWidget(s, `${HELP}fields.html`);
  const w = inline(page);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('/');
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-input', '/ focuses the search box'));
  assert.equal(await searchBox(w).inputValue(), '', 'the slash is not typed into it');

  await page.locator('#name').click();
  await page.keyboard.type('a/b');
  assert.equal(await page.locator('#name').inputValue(), 'a/b', 'a slash in another field stays there');
  assert.equal((await focused(page)).id, 'name');
  await page.locator('#message').click();
  await page.keyboard.press('Control+k');
  assert.equal((await focused(page)).id, 'message', 'Ctrl+K in a text area is left to it');

  await page.locator('h1').click();
  await page.keyboard.press('Control+k');
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-input', 'Ctrl+K focuses the search box'));
  await page.keyboard.type('fee');
  await page.keyboard.press('Meta+k');
  assert.equal((await focused(page)).cls, 'fqs-input', 'Cmd+K in the search box keeps focus there');
  assert.equal(await searchBox(w).inputValue(), 'fee');
  await page.locator('h1').click();
  assert.notEqual((await focused(page)).cls, 'fqs-input');
  await page.keyboard.press('Meta+k');
  await eventually(async () => assert.equal((await focused(page)).cls, 'fqs-input', 'Cmd+K from the page focuses the search box'));
  assert.equal(await searchBox(w).inputValue(), 'fee', 'with what was typed still there');
  await assertNoErrors(page);
});

test('keyboard only: type, arrow to a result, Enter opens it', async () => {
  const page = await openWidget(s);
  const w = inline(page);
  await page.keyboard.press('/');
  const { article, word } = picks[2];
  await page.keyboard.type('withdrawal', { delay: 20 });
  await eventually(async () => assert.ok((await cards(w)).length >= 3));
  assert.equal(await activeId(w), null, 'no result is active before an arrow key');
  assert.equal(await searchBox(w).getAttribute('aria-expanded'), 'true');
  assert.equal(await searchBox(w).getAttribute('role'), 'combobox', 'the box is a combobox');
  assert.equal(await searchBox(w).getAttribute('aria-autocomplete'), 'list');
  const listboxId = await searchBox(w).getAttribute('aria-controls');
  assert.equal(await w.locator(`#${listboxId}`).getAttribute('role'), 'listbox');

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const listed = await cards(w);
  await eventually(async () => assert.equal(await activeId(w), listed[2].id, 'the third result is active'));
  assert.deepEqual((await cards(w)).map((c) => c.active), listed.map((_, i) => i === 2), 'only it is aria-selected');
  assert.equal((await focused(page)).cls, 'fqs-input', 'focus stays in the search box');
  assert.ok(await w.locator(`#${listed[2].id}`).isVisible());
  await page.keyboard.press('ArrowUp');
  await eventually(async () => assert.equal(await activeId(w), listed[1].id, 'ArrowUp moves back'));

  // Esc clears the box and the active result.
  await page.keyboard.press('Escape');
  await eventually(async () => assert.equal(await searchBox(w).inputValue(), ''));
  assert.equal(await activeId(w), null);

  await page.keyboard.type(word, { delay: 20 });
  await eventually(async () => assert.ok((await cards(w)).some((c) => c.href?.endsWith(article.url))));
  const position = (await cards(w)).findIndex((c) => c.href?.endsWith(article.url));
  for (let i = 0; i <= position; i++) await page.keyboard.press('ArrowDown');
  await eventually(async () => assert.equal(await activeId(w), (await cards(w))[position].id));
  await Promise.all([page.waitForURL((u) => u.pathname.endsWith(article.url)), page.keyboard.press('Enter')]);
  assert.ok(new URL(page.url()).pathname.endsWith(article.url), `Enter opened ${article.url}`);
  // The demo links point at a help center that does not exist here.
  await assertNoErrors(page, { allow: [/Failed to load resource.*404/] });
});

test('the live region announces the result count once typing pauses', async () => {
  const page = await openWidget(s);
  const w = inline(page);
  const live = w.locator('[aria-live=polite]');
  assert.equal(await live.getAttribute('role'), 'status');
  await type(w, 'withdrawal');
  await eventually(async () => assert.match(await live.textContent(), /^\d+ results for “withdrawal”$/));
  assert.equal(await live.textContent(), await w.locator('.fqs-summary').innerText(), 'the same words as the header');
  await type(w, 'qqqzzzxxyy');
  await eventually(async () => assert.equal(await live.textContent(), 'No results for “qqqzzzxxyy”'));
  await assertNoErrors(page);
});

test('axe-core: no violations when empty, with results, with no results, and in the error state', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await openWidget(s, HELP, { colorScheme: scheme });
    const w = inline(page);
    await assertAccessible(page, `${scheme}: empty query`);
    await type(w, 'withdrawal fee');
    await eventually(async () => assert.ok((await cards(w)).length > 0));
    await page.keyboard.press('ArrowDown');
    await assertAccessible(page, `${scheme}: results, one active`);
    await type(w, 'fxe ');
    await eventually(async () => assert.equal(await w.locator('.fqs-suggestion').count(), 1));
    await assertAccessible(page, `${scheme}: no results, with a suggestion and popular articles`);
    await assertNoErrors(page);
  }
  const page = await openPage(s.browser, s.url(`${HELP}missing.html`));
  await inline(page).getByRole('alert').waitFor();
  await assertAccessible(page, 'error state');
  await assertNoErrors(page, { allow: [/Failed to load resource.*404/] });
});

test('axe-core: no violations with the dialog open', async () => {
  for (const scheme of ['light', 'dark']) {
    const page = await openWidget(s, HELP, { colorScheme: scheme });
    const modal = page.locator('faq-search .fqs-root');
    await modal.getByRole('button', { name: /search/i }).click();
    const dialog = modal.getByRole('dialog');
    await dialog.waitFor();
    await assertAccessible(page, `${scheme}: dialog, empty query`);
    await page.keyboard.type('fee', { delay: 20 });
    await eventually(async () => assert.ok((await cards(modal)).length > 0));
    await page.keyboard.press('ArrowDown');
    await assertAccessible(page, `${scheme}: dialog with results`);
    await assertNoErrors(page);
  }
});
