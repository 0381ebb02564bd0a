// Large help centers: an index split into a main file and parts fetched as searches need them,
// and a manifest with one index per locale, from which the widget picks the page's language.
// The demo corpus is built with `--split always` so that a small site exercises the split path.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, assertNoErrors, eventually, readManifest } from './harness.mjs';
import { CORPUS, INDEX_BUILDER, HELP, articles, makeSite, bareHtml, inline, ready, type, cards, recordOf, header, searchBox } from './site.mjs';

let s;
const partsOnDisk = () => fs.readdirSync(path.join(s.help, 'split-index')).filter((f) => f.endsWith('.bin'));

function variant(name, indexValue, { lang } = {}) {
  let html = s.demoHtml().replace(/data-index="[^"]*"/, `data-index="${indexValue}"`);
  if (lang) html = html.replace(/<html lang="[^"]*"/, `<html lang="${lang}"`);
  return s.page(name, html);
}

function build(input, out, ...flags) {
  execFileSync(INDEX_BUILDER, ['build', '--index-only', input, '--out', out, '--quiet', ...flags], { stdio: 'pipe' });
}

before(async () => {
  s = await makeSite();
  build(CORPUS, path.join(s.help, 'split-index'), '--split', 'always');
  variant('split.html', 'split-index/');

  // Three locales: the demo's English articles, and a few German and Japanese ones.
  const extra = [
    { id: 'de-gebuehren', locale: 'de', title: 'Welche Gebühren fallen bei Auszahlungen an?', body: 'Auszahlungsgebühren hängen vom Netzwerk ab.' },
    { id: 'de-konto', locale: 'de', title: 'Konto verifizieren', body: 'Die Verifizierung schaltet höhere Auszahlungslimits frei.' },
    { id: 'ja-fee', locale: 'ja', title: '出金手数料について', body: '出金手数料はネットワークによって異なります。' },
  ].map((a) => ({ url: `/help/${a.id}`, category: 'FAQ', published: '2025-01-02', updated: '2025-03-04', views: 10, ...a }));
  const multi = path.join(s.tmp, 'multi.jsonl');
  fs.writeFileSync(multi, [...articles, ...extra].map((a) => JSON.stringify(a)).join('\n') + '\n');
  build(multi, path.join(s.help, 'multi-index'));
  variant('multi-de.html', 'multi-index/', { lang: 'de-AT' });
  variant('multi-ja.html', 'multi-index/', { lang: 'ja' });
  variant('multi-fr.html', 'multi-index/', { lang: 'fr' });
});

after(async () => {
  await s?.close();
});

/** Parts of the split index the page fetched so far. */
function partRequests(page) {
  const seen = [];
  page.on('request', (r) => {
    if (r.url().endsWith('.bin')) seen.push(path.basename(new URL(r.url()).pathname));
  });
  return seen;
}

test('a split index answers like the one-file index, fetching only the parts the query needs', async () => {
  const manifest = readManifest(path.join(s.help, 'split-index'));
  assert.ok(manifest.indexes[0].split?.parts > 10, 'the demo was split into parts');
  const total = partsOnDisk().length;

  const page = await openPage(s.browser, s.url(`${HELP}split.html`));
  const fetched = partRequests(page);
  const widget = inline(page);
  await ready(widget);
  await type(widget, 'withdrawal fee');
  let got;
  await eventually(async () => {
    got = await cards(widget);
    assert.ok(got.length > 0, 'results shown');
    assert.ok(got.every((c) => c.marks.some((m) => !m.inTitle)), 'every snippet has arrived, with highlights');
  });
  const splitHeader = await header(widget);
  assert.ok(fetched.length > 0 && fetched.length < total, `fetched ${fetched.length} of ${total} parts`);
  assert.equal(new Set(fetched).size, fetched.length, 'no part is fetched twice');

  // The same query on the demo's one-file index finds the same articles and count.
  const whole = await openPage(s.browser, s.url(HELP));
  const wholeWidget = inline(whole);
  await ready(wholeWidget);
  await type(wholeWidget, 'withdrawal fee');
  await eventually(async () => assert.ok((await cards(wholeWidget)).length > 0));
  const wholeCards = await cards(wholeWidget);
  assert.equal(splitHeader, await header(wholeWidget));
  assert.deepEqual(
    got.map((c) => recordOf(c.href).id).sort(),
    wholeCards.map((c) => recordOf(c.href).id).sort(),
  );
  await assertNoErrors(whole);
  await assertNoErrors(page);
});

test('titles show at once; snippets fill in when their text arrives', async () => {
  const page = await openPage(s.browser, undefined);
  // Body fragments (…b<n>.bin) wait until the test lets them go.
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/\.b\d+\.bin$/, async (route) => {
    await gate;
    await route.continue();
  });
  await page.goto(s.url(`${HELP}split.html`));
  const widget = inline(page);
  await ready(widget);
  await type(widget, 'password');
  await eventually(async () => {
    const shown = await cards(widget);
    assert.ok(shown.length > 0, 'results listed before any body text arrived');
    assert.ok(shown.every((c) => c.title.length > 0), 'titles shown');
    assert.ok(shown.every((c) => !c.marks.some((m) => !m.inTitle)), 'no snippet yet');
  });
  release();
  await eventually(async () => {
    const shown = await cards(widget);
    assert.ok(shown.some((c) => c.marks.some((m) => !m.inTitle)), 'snippets filled in');
  });
  await assertNoErrors(page);
});

test('the best results show whole after the first text parts, and the list grows as the rest arrive', async () => {
  const page = await openPage(s.browser, undefined);
  // Once the query is typed, the first two title or body fragments asked for go through and
  // the rest wait for the test (those of the most viewed articles, listed before, all pass).
  const text = [];
  let typed = false;
  let release;
  const gate = new Promise((resolve) => (release = resolve));
  await page.route(/\.[hb]\d+\.bin$/, async (route) => {
    if (typed) {
      text.push(path.basename(new URL(route.request().url()).pathname));
      if (text.length > 2) await gate;
    }
    await route.continue();
  });
  await page.goto(s.url(`${HELP}split.html`));
  const widget = inline(page);
  await ready(widget);
  await page.waitForLoadState('networkidle');
  typed = true;
  // One input event: only this query's parts are asked for.
  await searchBox(widget).fill('account');
  let early;
  await eventually(async () => {
    early = await cards(widget);
    assert.ok(early.length > 0, 'results listed from the first two parts');
    assert.match(await header(widget), /account/);
    assert.ok(early[0].marks.some((m) => !m.inTitle), 'the best result has its snippet');
  });
  assert.match(text[0], /\.h\d+\.bin$/, `its title fragment was asked for first: ${text.join(', ')}`);
  assert.match(text[1], /\.b\d+\.bin$/, `then its text: ${text.join(', ')}`);
  const more = widget.locator('.fqs-more');
  assert.equal(await more.count(), 0, '"Show more" waits for the page to fill');
  release();
  let all;
  await eventually(async () => {
    all = await cards(widget);
    assert.equal(all.length, 10, 'the whole first page');
    assert.ok(all.every((c) => c.marks.some((m) => !m.inTitle)), 'every snippet filled in');
  });
  assert.ok(early.length < all.length, `${early.length} results before the rest arrived`);
  assert.deepEqual(early.map((c) => c.href), all.slice(0, early.length).map((c) => c.href), 'the early results head the list');
  assert.equal(await more.count(), 1, '"Show more" once the page is complete');
  await assertNoErrors(page);
});

test('the index downloads beside the wasm, not after it, and every file once', async () => {
  const page = await openPage(s.browser, undefined);
  const requests = [];
  page.on('request', (r) => requests.push(path.basename(new URL(r.url()).pathname)));
  // The wasm is held back until the split index's main file has been asked for (or 4 s).
  const main = path.basename(readManifest(path.join(s.help, 'split-index')).indexes[0].file);
  let mainAskedWhileWasmHeld = false;
  await page.route(/faq_search_bg\.wasm$/, async (route) => {
    const t0 = Date.now();
    while (!requests.includes(main) && Date.now() - t0 < 4000) await new Promise((r) => setTimeout(r, 20));
    mainAskedWhileWasmHeld = requests.includes(main);
    await route.continue();
  });
  await page.goto(s.url(`${HELP}split.html`));
  const widget = inline(page);
  await ready(widget);
  assert.ok(mainAskedWhileWasmHeld, `the index was asked for while the wasm downloaded: ${requests.join(', ')}`);
  await type(widget, 'withdrawal fee');
  await eventually(async () => assert.ok((await cards(widget)).length > 0, 'results shown'));
  const count = (name) => requests.filter((r) => r === name).length;
  assert.equal(count('faq-search.json'), 2, 'the manifest once per index folder (the header dialog uses the one-file index)');
  assert.equal(count(main), 1, 'the main file once');
  assert.equal(count('faq-search.css'), 1, 'the stylesheet once');
  await assertNoErrors(page);
});

test('a closed search dialog fetches no part of a split index until it opens', async () => {
  const html = bareHtml('<faq-search mode="modal" index="split-index/"></faq-search><script src="faq-search.js" defer></script>');
  const page = await openPage(s.browser, undefined);
  const fetched = partRequests(page);
  await page.goto(s.url(s.page('split-modal.html', html)));
  const modal = page.locator('faq-search .fqs-root');
  await modal.waitFor();
  // Its main file loaded (nothing on the network for half a second), and no part after it.
  await page.waitForLoadState('networkidle');
  assert.deepEqual(fetched, [], 'nothing fetched while the dialog is closed');
  await modal.getByRole('button', { name: /search the help center/i }).click();
  await eventually(async () => {
    const shown = await cards(modal);
    assert.ok(shown.length > 0 && shown.every((c) => c.title), 'the dialog lists the most viewed articles');
  });
  assert.ok(fetched.length > 0, 'their text was fetched when it opened');
  assert.equal(new Set(fetched).size, fetched.length, 'no part fetched twice');
  await assertNoErrors(page);
});

test('a part that cannot be fetched shows the error state, and Retry recovers', async () => {
  const page = await openPage(s.browser, undefined);
  let fail = true;
  await page.route(/\.t\d+\.bin$/, (route) => (fail ? route.fulfill({ status: 404, body: 'gone' }) : route.continue()));
  await page.goto(s.url(`${HELP}split.html`));
  const widget = inline(page);
  await ready(widget);
  await type(widget, 'deposit');
  await eventually(async () => assert.equal(await widget.getAttribute('data-state'), 'error'));
  assert.match(await widget.innerText(), /404/);
  fail = false;
  await widget.getByRole('button', { name: /retry|try again/i }).click();
  await eventually(async () => assert.ok((await cards(widget)).length > 0, 'results after Retry'));
  await assertNoErrors(page, { allow: [/404/] });
});

test('one index per locale: the widget picks the page language, then falls back to the default', async () => {
  const manifest = readManifest(path.join(s.help, 'multi-index'));
  assert.deepEqual(manifest.indexes.map((i) => i.locale).sort(), ['de', 'en', 'ja']);
  assert.equal(manifest.default, 'en');

  const results = async (pagePath, query) => {
    const page = await openPage(s.browser, s.url(`${HELP}${pagePath}`));
    const fetched = [];
    page.on('request', (r) => r.url().endsWith('.idx') && fetched.push(path.basename(r.url())));
    const widget = inline(page);
    await ready(widget);
    await type(widget, query);
    let shown = [];
    await eventually(async () => {
      shown = await cards(widget);
      assert.ok(shown.length > 0, `${pagePath}: results for ${query}`);
    });
    await assertNoErrors(page);
    return shown.map((c) => c.title);
  };
  // de-AT → the German index: German words are found (and stemmed as German).
  const de = await results('multi-de.html', 'Auszahlung');
  assert.ok(de.includes('Welche Gebühren fallen bei Auszahlungen an?'), de.join(' | '));
  assert.ok(de.every((t) => ['Welche Gebühren fallen bei Auszahlungen an?', 'Konto verifizieren'].includes(t)), de.join(' | '));
  assert.deepEqual(await results('multi-ja.html', '手数料'), ['出金手数料について']);
  // No French index: the default (English) one, whose articles are the demo's.
  const fr = await results('multi-fr.html', 'withdrawal');
  assert.ok(fr.every((t) => articles.some((a) => a.title === t)), 'English results');
});
