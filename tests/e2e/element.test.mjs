// The <faq-search> element and the widget's styles: attributes as options, remounting when they
// change, page styles kept out and widget styles kept in (shadow DOM), theming through the
// documented custom properties, and light/dark following the visitor unless pinned.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPage, assertNoErrors, eventually } from './harness.mjs';
import { HELP, TYPE_DELAY, articles, makeSite, bareHtml, searchBox, ready, cards, tabs } from './site.mjs';

let s;

// Rules a real site might have, all of which would reach an unprotected widget.
const HOSTILE_CSS = `
  * { letter-spacing: 3px; text-transform: uppercase; }
  body { font: italic 22px/3 serif; color: rgb(0, 128, 0); }
  input { border: 6px dashed rgb(255, 0, 0) !important; background: rgb(255, 255, 0) !important; }
  button, select { background: rgb(0, 255, 0) !important; border-radius: 0 !important; }
  a { color: rgb(255, 0, 255) !important; text-decoration: underline wavy !important; }
  mark { background: rgb(0, 0, 255) !important; }
  div, p, span { margin: 40px !important; padding: 0 !important; }
  .fqs-root, .fqs-input, .fqs-result { display: none !important; }
`;

const PROBE = `() => {
  const root = document.querySelector('faq-search').shadowRoot;
  const cs = (sel) => getComputedStyle(root.querySelector(sel));
  const pick = (sel, props) => Object.fromEntries(props.map((p) => [p, cs(sel)[p]]));
  return {
    input: pick('.fqs-input', ['borderTopWidth', 'borderTopStyle', 'backgroundColor', 'letterSpacing', 'textTransform', 'fontStyle', 'display']),
    tab: pick('.fqs-tab', ['backgroundColor', 'textTransform', 'marginTop']),
    title: pick('.fqs-result-title', ['color', 'fontFamily', 'fontSize', 'lineHeight', 'marginTop']),
    result: pick('.fqs-result', ['textDecorationLine', 'display']),
    mark: pick('.fqs-mark', ['backgroundColor']),
  };
}`;

before(async () => {
  s = await makeSite();
  const element = (attrs = '') => `<faq-search index="index/" settle-delay="100" ${attrs}></faq-search><script src="faq-search.js" defer></script>`;
  s.page('element.html', bareHtml(element('placeholder="Ask Northwind"')));
  s.page('hostile.html', bareHtml(`<p class="fqs-button fqs-result">A page paragraph with widget class names</p><input id="page-input">` + element(), { head: '<link rel="stylesheet" href="hostile.css">' }));
  s.page('hostile.css', HOSTILE_CSS);
  s.page('themed.html', bareHtml(element(), { head: '<link rel="stylesheet" href="themed.css">' }));
  s.page('themed.css', 'faq-search { --fqs-accent: rgb(200, 0, 0); --fqs-radius: 2px; --fqs-font: Georgia, serif; }\nfaq-search::part(input) { background-color: rgb(1, 2, 3); }\n');
  s.page(
    'light-dom.html',
    bareHtml('<div id="help"></div><script src="faq-search.js" data-target="#help" data-index="index/" data-shadow="false" defer></script>', { head: '<link rel="stylesheet" href="light-dom.css">' }),
  );
  s.page('light-dom.css', '#help .fqs-input { background-color: rgb(4, 5, 6); }\n');
  s.page('pinned.html', bareHtml(element('theme="dark"')));
  s.page('typo.html', bareHtml(element('mode="sideways" strings="{not json"')));
  s.page('ja.html', bareHtml(element('locale="ja"')));
  s.page('fr-page.html', bareHtml(element(), { lang: 'fr' }));
  s.page('pt-page.html', bareHtml(element(), { lang: 'pt-BR' }));
  for (const locale of ['en', 'zh-CN', 'ja', 'ko', 'de', 'fr', 'es', 'ru']) s.page(`lang-${locale}.html`, bareHtml(element(`locale="${locale}"`)));
  s.page(
    'strings.html',
    bareHtml(`<div id="help"></div><script src="faq-search.js" data-target="#help" data-index="index/" data-locale="de" data-strings='{"placeholder": "Wie können wir helfen?", "showMore": "Mehr"}' defer></script>`),
  );
  s.page('api-mount.html', bareHtml('<div id="help"></div><script type="module" src="api-mount.mjs"></script>'));
  s.page(
    'api-mount.mjs',
    "import { mount } from './faq-search-api.js';\n" +
      "window.widget = await mount('#help', { index: 'index/', locale: 'es', strings: { placeholder: '¿Qué necesitas?' } });\n",
  );
});

after(async () => {
  await s?.close();
});

const widget = (page) => page.locator('faq-search .fqs-root');

async function openElement(path, contextOptions) {
  const page = await openPage(s.browser, s.url(`${HELP}${path}`), contextOptions);
  await ready(widget(page));
  return page;
}

test('<faq-search> mounts from its attributes, remounts when they change, unmounts when removed', async () => {
  const page = await openPage(s.browser, null);
  await page.addInitScript(() => {
    window.readyEvents = 0;
    document.addEventListener('faq-search:ready', () => window.readyEvents++);
  });
  await page.goto(s.url(`${HELP}element.html`));
  const w = widget(page);
  await ready(w);
  assert.equal(await page.evaluate(() => window.readyEvents), 1, 'faq-search:ready once mounted');
  assert.equal(await page.evaluate(() => !!customElements.get('faq-search')), true, 'the loader defined the element');
  assert.equal(await searchBox(w).getAttribute('placeholder'), 'Ask Northwind');
  assert.equal(await page.evaluate(() => document.querySelector('faq-search').shadowRoot.mode), 'open');

  await page.evaluate(() => {
    const el = document.querySelector('faq-search');
    el.setAttribute('placeholder', 'Search Northwind');
    el.setAttribute('mode', 'modal');
  });
  await eventually(async () => assert.equal(await w.getAttribute('data-mode'), 'modal', 'the attributes remount the widget'));
  await ready(w);
  assert.equal(await w.getByRole('button', { name: 'Search Northwind' }).count(), 1, 'once, with both changes');
  assert.equal(await page.evaluate(() => document.querySelector('faq-search').shadowRoot.querySelectorAll('.fqs-root').length), 1);

  // Removed: the widget is destroyed with it (its container goes), without errors.
  const removed = await page.evaluate(async () => {
    const el = document.querySelector('faq-search');
    el.remove();
    await new Promise((r) => setTimeout(r, 100));
    return el.shadowRoot.querySelectorAll('.fqs-root').length;
  });
  assert.equal(removed, 0, 'the removed element holds no widget');
  await page.evaluate(() => {
    const el = document.createElement('faq-search');
    el.setAttribute('index', 'index/');
    document.querySelector('main').append(el);
  });
  await ready(widget(page));
  await searchBox(widget(page)).pressSequentially('fee', { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(widget(page))).length > 0, 'a new element searches'));
  await assertNoErrors(page);
});

test('page styles do not reach into the widget, and its styles do not reach out', async () => {
  const clean = await openElement('element.html');
  await searchBox(widget(clean)).pressSequentially('withdrawal', { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(widget(clean))).length > 0));
  const expected = await clean.evaluate(`(${PROBE})()`);
  await assertNoErrors(clean);

  const page = await openElement('hostile.html');
  await searchBox(widget(page)).pressSequentially('withdrawal', { delay: TYPE_DELAY });
  await eventually(async () => assert.ok((await cards(widget(page))).length > 0));
  assert.deepEqual(await page.evaluate(`(${PROBE})()`), expected, 'the widget looks the same on a hostile page');

  // Outside the widget, its class names and its stylesheet mean nothing.
  const outside = await page.evaluate(() => {
    const p = getComputedStyle(document.querySelector('p.fqs-button'));
    const input = getComputedStyle(document.querySelector('#page-input'));
    return { pDisplay: p.display, pRadius: p.borderTopLeftRadius, inputBorder: input.borderTopWidth, sheets: [...document.styleSheets].map((x) => x.href?.split('/').pop()) };
  });
  assert.equal(outside.pDisplay, 'none', "the page's own rule applies to its paragraph");
  assert.equal(outside.pRadius, '0px', 'no widget rule reached it');
  assert.equal(outside.inputBorder, '6px', 'the page input keeps the page style');
  assert.ok(!outside.sheets.includes('faq-search.css'), 'the widget stylesheet is not in the document');
  await assertNoErrors(page);
});

test('theming: the documented custom properties on the element restyle the widget', async () => {
  const page = await openElement('themed.html');
  const w = widget(page);
  const style = await w.evaluate((root) => {
    const tab = getComputedStyle(root.querySelector('.fqs-tab-selected'));
    const input = getComputedStyle(root.querySelector('.fqs-input'));
    return { border: tab.borderBottomColor, radius: input.borderTopLeftRadius, font: input.fontFamily };
  });
  assert.deepEqual(style, { border: 'rgb(200, 0, 0)', radius: '2px', font: 'Georgia, serif' });
  const part = await searchBox(w).evaluate((el) => getComputedStyle(el).backgroundColor);
  assert.equal(part, 'rgb(1, 2, 3)', '::part(input) reaches the search box');
  await assertNoErrors(page);
});

test('light and dark follow the visitor unless the theme attribute pins one', async () => {
  const background = (page) => searchBox(widget(page)).evaluate((el) => getComputedStyle(el).backgroundColor);
  const light = await openElement('element.html', { colorScheme: 'light' });
  const dark = await openElement('element.html', { colorScheme: 'dark' });
  const pinned = await openElement('pinned.html', { colorScheme: 'light' });
  const [l, d, p] = [await background(light), await background(dark), await background(pinned)];
  assert.notEqual(l, d, 'the dark scheme changes the colours');
  assert.equal(p, d, 'theme="dark" on a light page looks like the dark scheme');
  await dark.emulateMedia({ colorScheme: 'light' });
  assert.equal(await background(dark), l, 'a change of scheme applies at once');
  for (const page of [light, dark, pinned]) await assertNoErrors(page);
});

test('a mistyped attribute is reported and search still works', async () => {
  const page = await openElement('typo.html');
  const w = widget(page);
  assert.equal(await w.getAttribute('data-mode'), 'inline', 'an unknown mode falls back to inline');
  const warnings = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.reload();
  await ready(widget(page));
  await eventually(async () => {
    assert.ok(warnings.some((w) => /unknown mode "sideways"/.test(w)), `warned about the mode: ${warnings}`);
    assert.ok(warnings.some((w) => /strings attribute is not valid JSON/.test(w)), 'warned about the strings');
  });
  assert.ok((await tabs(widget(page))).length > 1);
  await assertNoErrors(page);
});

test('UI strings: the locale attribute, else the page language, else English; overridable', async () => {
  const text = async (path) => {
    const page = await openPage(s.browser, s.url(`${HELP}${path}`));
    const w = page.locator('.fqs-root');
    await ready(w);
    const out = { placeholder: await searchBox(w).getAttribute('placeholder'), header: await w.locator('.fqs-summary').innerText(), lang: await w.getAttribute('lang') };
    await assertNoErrors(page);
    return out;
  };
  assert.deepEqual(await text('ja.html'), { placeholder: 'ヘルプセンターを検索', header: 'よく読まれている記事', lang: 'ja' });
  assert.deepEqual(await text('fr-page.html'), { placeholder: 'Rechercher dans le centre d’aide', header: 'Articles les plus consultés', lang: 'fr' });
  assert.deepEqual(await text('pt-page.html'), { placeholder: 'Search the help center', header: 'Most viewed articles', lang: 'en' }, 'no Portuguese table: English');
  assert.deepEqual(await text('strings.html'), { placeholder: 'Wie können wir helfen?', header: 'Meistgelesene Artikel', lang: 'de' }, 'data-strings overrides one string');
  assert.deepEqual(await text('api-mount.html'), { placeholder: '¿Qué necesitas?', header: 'Artículos más vistos', lang: 'es' }, 'the JS option does too');
});

test('every promised language: its own words for all the visible UI, and dates and numbers by Intl', async () => {
  const LOCALES = ['en', 'zh-CN', 'ja', 'ko', 'de', 'fr', 'es', 'ru'];
  // The most viewed article comes first on an empty query.
  const top = [...articles].sort((a, b) => b.views - a.views)[0];
  const seen = {};
  for (const locale of LOCALES) {
    const page = await openElement(`lang-${locale}.html`);
    const w = widget(page);
    await eventually(async () => assert.ok((await cards(w)).length > 0));
    seen[locale] = await w.evaluate((root) => {
      const text = (sel) => root.querySelector(sel)?.textContent.replace(/\s+/g, ' ').trim() ?? null;
      return {
        lang: root.getAttribute('lang'),
        placeholder: root.querySelector('.fqs-input').getAttribute('placeholder'),
        header: text('.fqs-summary'),
        tabs: root.querySelector('[role=tablist]').getAttribute('aria-label'),
        all: text('[role=tab] .fqs-tab-label'),
        sortOptions: [...root.querySelectorAll('select option')].map((o) => o.textContent.trim()).join(' | '),
        showMore: text('.fqs-more'),
        meta: text('.fqs-list [role=option] .fqs-result-meta'),
      };
    });
    const expected = await page.evaluate(({ locale, published, updated, views }) => {
      const date = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
      const day = (ymd) => date.format(new Date(`${ymd}T00:00:00Z`));
      // Spaces of every kind read as one, as in the text above.
      const plain = (s) => s.replace(/\s+/g, ' ');
      return { published: plain(day(published)), updated: plain(day(updated)), views: plain(new Intl.NumberFormat(locale).format(views)) };
    }, { locale, published: top.published, updated: top.updated, views: top.views });
    const meta = seen[locale].meta ?? '';
    assert.equal(seen[locale].lang, locale, `${locale}: the widget's lang`);
    for (const [what, value] of Object.entries(expected)) assert.ok(meta.includes(value), `${locale}: the ${what} "${value}" (Intl) in: ${meta}`);
    await assertNoErrors(page);
  }
  for (const locale of LOCALES.slice(1)) {
    for (const [key, english] of Object.entries(seen.en)) {
      if (key === 'lang' || key === 'meta') continue;
      assert.ok(seen[locale][key], `${locale}: ${key} is shown`);
      assert.notEqual(seen[locale][key], english, `${locale}: ${key} is translated ("${seen[locale][key]}")`);
    }
    assert.notEqual(seen[locale].meta.replace(/[\d\s.,]/g, ''), seen.en.meta.replace(/[\d\s.,]/g, ''), `${locale}: the dates and views are in its words`);
  }
});

test('shadow="false" mounts in the light DOM, where the page may style the fqs- classes', async () => {
  const page = await openPage(s.browser, s.url(`${HELP}light-dom.html`));
  const w = page.locator('#help > .fqs-root');
  await ready(w);
  assert.equal(await page.evaluate(() => document.querySelector('#help').shadowRoot), null);
  assert.equal(await searchBox(w).evaluate((el) => getComputedStyle(el).backgroundColor), 'rgb(4, 5, 6)');
  const sheets = await page.evaluate(() => [...document.styleSheets].map((x) => x.href?.split('/').pop()));
  assert.ok(sheets.includes('faq-search.css'), 'the widget stylesheet is linked in the document');
  await assertNoErrors(page);
});
