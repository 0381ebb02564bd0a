// The widget's words as data: English is in the module, every other language is a
// strings-<tag>.json file next to it, downloaded once per page by the widgets that speak it.
// Until it arrives nothing shows in the wrong language; when it cannot be loaded the widget
// works in English and says why on the console.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertNoErrors, eventually } from './harness.mjs';
import { HELP, makeSite, bareHtml, searchBox, ready } from './site.mjs';

let s;

before(async () => {
  s = await makeSite();
  const element = (attrs = '') => `<faq-search index="index/" ${attrs}></faq-search>`;
  const loader = '<script src="faq-search.js" defer></script>';
  s.page('de-two.html', bareHtml(element('id="one"') + element('id="two"') + loader, { lang: 'de' }));
  s.page('en.html', bareHtml(element() + loader));
});

after(async () => {
  await s?.close();
});

/** Opens `path` with the strings files it requests recorded; `route` may intercept them. */
async function open(path, route) {
  const page = await openPage(s.browser, null);
  page.stringsRequests = [];
  page.warnings = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (/\/strings-[^/]*\.json$/.test(url.pathname)) page.stringsRequests.push(url.pathname);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'warning') page.warnings.push(msg.text());
  });
  if (route) await page.route('**/strings-*.json', route);
  await page.goto(s.url(`${HELP}${path}`));
  return page;
}

const texts = (page) =>
  page.locator('faq-search .fqs-root').evaluateAll((roots) =>
    roots.map((root) => ({
      lang: root.getAttribute('lang'),
      placeholder: root.querySelector('.fqs-input').getAttribute('placeholder'),
      header: root.querySelector('.fqs-summary')?.innerText ?? null,
      text: root.innerText,
    })),
  );

test('a German page downloads strings-de.json once for all its widgets', async () => {
  const page = await open('de-two.html');
  for (const id of ['one', 'two']) await ready(page.locator(`#${id} .fqs-root`));
  const seen = await texts(page);
  assert.equal(seen.length, 2);
  for (const w of seen) {
    assert.equal(w.lang, 'de');
    assert.equal(w.placeholder, 'Hilfe-Center durchsuchen');
    assert.equal(w.header, 'Meistgelesene Artikel');
  }
  assert.deepEqual(page.stringsRequests, [`${HELP}pkg/strings-de.json`]);
  assert.deepEqual(page.warnings, []);
  await assertNoErrors(page);
});

test('an English page downloads no strings file', async () => {
  const page = await open('en.html');
  await ready(page.locator('faq-search .fqs-root'));
  const [w] = await texts(page);
  assert.equal(w.placeholder, 'Search the help center');
  assert.deepEqual(page.stringsRequests, []);
  await assertNoErrors(page);
});

test('while the German words are on their way, no English words show', async () => {
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const page = await open('de-two.html', async (route) => {
    await held;
    await route.continue();
  });
  const root = page.locator('#one .fqs-root');
  await root.waitFor();
  // The index has time to arrive; the widget still waits for its words.
  await page.waitForTimeout(700);
  const [w] = await texts(page);
  assert.equal(await root.getAttribute('data-state'), 'loading');
  assert.equal(w.placeholder, '', 'no English placeholder');
  assert.doesNotMatch(w.text, /Search|Loading|Most viewed/, 'no English words');
  release();
  await ready(root);
  assert.equal(await searchBox(root).getAttribute('placeholder'), 'Hilfe-Center durchsuchen');
  await assertNoErrors(page);
});

test('a strings file that cannot be loaded leaves a working English widget and one warning', async () => {
  const page = await open('de-two.html', (route) => route.fulfill({ status: 404, body: 'not here' }));
  for (const id of ['one', 'two']) await ready(page.locator(`#${id} .fqs-root`));
  const seen = await texts(page);
  for (const w of seen) {
    assert.equal(w.placeholder, 'Search the help center');
    assert.equal(w.header, 'Most viewed articles');
  }
  await searchBox(page.locator('#one .fqs-root')).fill('password');
  await eventually(async () => {
    assert.ok((await page.locator('#one .fqs-result').count()) > 0, 'results in English');
  });
  const about = page.warnings.filter((text) => text.includes('strings-de.json'));
  assert.equal(about.length, 1, page.warnings.join('\n'));
  assert.match(about[0], /http:\/\/[^ ]+\/help\/pkg\/strings-de\.json.*HTTP 404/);
  assert.deepEqual(page.stringsRequests, [`${HELP}pkg/strings-de.json`]);
  await assertNoErrors(page, { allow: [/Failed to load resource.*404/] });
});
