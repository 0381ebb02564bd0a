// The widget as a person uses it: dist/ copied to a fresh folder below a sub-path, served over
// HTTP, driven in headless Chromium by typing into the search box. Expected results come from
// the demo corpus itself, not from constants the widget could be written to match.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { openPage, assertNoErrors, screenshot, copyDir, fixFooter, formatDate, formatViews, eventually, defaultIndexFile, writeIndexFolder } from './harness.mjs';
import {
  DIST,
  HELP,
  INDEX_BUILDER,
  TYPE_DELAY,
  articles,
  categories,
  picks,
  docFreq,
  tokens,
  makeSite,
  inline,
  searchBox,
  ready,
  openWidget as open,
  type,
  cards,
  recordOf,
  tabs,
  header,
  showAll,
  focused,
} from './site.mjs';

let s, dataIndex;

function writeVariant(name, indexValue) {
  const html = s.demoHtml();
  const replaced = html.replace(/data-index="[^"]*"/, `data-index="${indexValue}"`);
  assert.notEqual(replaced, html, 'index.html has no data-index attribute to point elsewhere');
  s.page(name, replaced);
}

function writeIndexVariant(folder, bytes) {
  writeIndexFolder(path.join(s.help, folder), bytes);
  writeVariant(`${folder}.html`, `${folder}/`);
}

before(async () => {
  assert.ok(picks.length >= 4, 'the demo corpus should offer distinctive words');
  s = await makeSite();
  dataIndex = s.demoHtml().match(/data-index="([^"]*)"/)?.[1];
  assert.ok(dataIndex !== undefined, 'dist/index.html embeds the widget with a data-index attribute');

  // Broken indexes, each behind its own copy of the page.
  const idx = fs.readFileSync(defaultIndexFile(path.join(DIST, 'index')));
  writeVariant('missing.html', 'no-such-folder/');
  writeVariant('late.html', 'late-index/'); // the index appears only after the first attempt

  const corrupt = Buffer.from(idx);
  const mid = corrupt.length >> 1;
  for (let i = mid; i < mid + 16; i++) corrupt[i] ^= 0xa5;
  writeIndexVariant('idx-corrupt', corrupt);

  writeIndexVariant('idx-truncated', idx.subarray(0, Math.floor(idx.length * 0.6)));

  const version = Buffer.from(idx);
  version.writeUInt32LE(99, 8);
  writeIndexVariant('idx-version', fixFooter(version));

  writeIndexVariant('idx-html', Buffer.from('<!doctype html><title>Not found</title><h1>Page not found</h1>\n'.repeat(8)));

  // A page for the ES-module JS API (a module file, no inline script).
  s.page(
    'api-test.html',
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>API test</title>' +
      '<script type="module" src="api-test.mjs"></script><body><p>API test</p></body></html>\n',
  );
  s.page('api-test.mjs', "import { loadIndex } from './faq-search-api.js';\nwindow.loadIndex = loadIndex;\ndocument.body.dataset.ready = 'yes';\n");

  // A pinned dark theme.
  s.page('dark.html', s.demoHtml().replace('data-index=', 'data-theme="dark" data-index='));
});

after(async () => {
  await s?.close();
});

const openWidget = (pagePath, contextOptions) => open(s, pagePath, contextOptions);

/** Case-insensitive: is `mark` the typed word, a stem or prefix of it, or a form of it? */
function markMatches(mark, word) {
  const m = mark.toLowerCase();
  const lw = word.toLowerCase();
  return m === lw || (lw.startsWith(m) && m.length >= 4) || m.startsWith(lw.slice(0, Math.min(5, lw.length)));
}

// ---------------------------------------------------------------------------------------------
// Searching

test('the demo page starts the wasm with the page, before the loader arrives, and each file once', async () => {
  const page = await openPage(s.browser, undefined);
  const asked = [];
  page.on('request', (r) => asked.push(new URL(r.url()).pathname.replace(HELP, '')));
  await page.goto(s.url(HELP));
  await ready(inline(page));
  const wasm = asked.indexOf('pkg/faq_search_bg.wasm');
  assert.ok(wasm >= 0 && wasm < asked.indexOf('faq-search.js'), `the page's hints ask for the wasm first: ${asked.join(', ')}`);
  for (const file of ['faq-search.js', 'faq-search-api.js', 'pkg/faq_search.js', 'pkg/faq_search_bg.wasm']) {
    assert.equal(asked.filter((a) => a === file).length, 1, `${file} once`);
  }
  await assertNoErrors(page);
});

test('a distinctive word finds its article, with snippet marks, category, dates and views', async () => {
  const page = await openWidget();
  const w = inline(page);
  for (const { article, word } of picks) {
    await type(w, word);
    const card = await eventually(async () => {
      const all = await cards(w);
      const card = all.find((c) => c.href?.endsWith(article.url));
      assert.ok(card, `"${word}" lists "${article.title}"; got ${JSON.stringify(all.map((c) => c.title))}`);
      assert.ok(card.marks.some((m) => !m.inTitle && markMatches(m.text, word)), `snippet marks "${word}": ${JSON.stringify(card.marks)}`);
      return card;
    });
    assert.equal(card.title, article.title, 'result title');
    assert.ok(card.href.endsWith(article.url), `link ${card.href} ends with ${article.url}`);
    for (const m of card.marks) assert.ok(markMatches(m.text, word), `mark "${m.text}" is a form of "${word}"`);
    assert.ok(card.text.includes(article.category), `category "${article.category}" in: ${card.text}`);
    assert.ok(card.text.includes(`Published on ${formatDate(article.published)}`), `published ${article.published} in: ${card.text}`);
    assert.ok(card.text.includes(`Updated on ${formatDate(article.updated)}`), `updated ${article.updated} in: ${card.text}`);
    assert.match(card.text, new RegExp(`(^|[^\\d,])${formatViews(article.views)}([^\\d,]|$)`), `views ${article.views}`);
  }
  await assertNoErrors(page);
});

test('result cards mark the query in their titles, show a snippet of about 30 words, and come ten at a time', async () => {
  const page = await openWidget();
  const w = inline(page);
  const query = 'withdrawal';
  await type(w, query);
  const total = await eventually(async () => {
    assert.match(await header(w), /for “withdrawal”$/);
    const total = (await tabs(w))[0].count;
    assert.ok(total > 20, `"${query}" finds more than two pages: ${total}`);
    assert.equal((await cards(w)).length, 10, 'the first page holds ten results');
    return total;
  });

  const first = await cards(w);
  const withWord = first.filter((c) => /withdrawal/i.test(recordOf(c.href).title));
  assert.ok(withWord.length > 0, 'some listed titles hold the word');
  for (const card of withWord) {
    assert.ok(card.marks.some((m) => m.inTitle && /^withdrawal/i.test(m.text)), `"${card.title}" marks the word: ${JSON.stringify(card.marks)}`);
  }
  const snippets = await w.locator('.fqs-list .fqs-result').evaluateAll((options) =>
    options.map((o) => ({ href: o.getAttribute('href'), text: o.querySelector('.fqs-result-snippet')?.textContent ?? '' })),
  );
  for (const { href, text } of snippets) {
    const words = tokens(text).length;
    const bodyWords = tokens(recordOf(href).body).length;
    assert.ok(words <= 32, `a snippet of at most about 30 words (${words}): ${text}`);
    if (bodyWords >= 60) assert.ok(words >= 20, `a long article gives a snippet of about 30 words (${words}): ${text}`);
  }

  // Each "Show more" adds the next ten, keeping those already listed.
  let listed = first.map((c) => c.href);
  while (listed.length < total) {
    await w.getByRole('button', { name: /show more/i }).click();
    const expected = Math.min(listed.length + 10, total);
    const now = await eventually(async () => {
      const now = (await cards(w)).map((c) => c.href);
      assert.equal(now.length, expected, `"Show more" lists ${expected}`);
      return now;
    });
    assert.deepEqual(now.slice(0, listed.length), listed, 'the results already listed stay, in order');
    listed = now;
  }
  assert.equal(await w.getByRole('button', { name: /show more/i }).count(), 0, 'no "Show more" once all are listed');
  await assertNoErrors(page);
});

test('sort: newest by updated date, most viewed by views, each from the first page; relevance brings the first order back', async () => {
  const page = await openWidget();
  const w = inline(page);
  await type(w, 'withdrawal');
  await eventually(async () => assert.equal((await cards(w)).length, 10));
  const byRelevance = (await cards(w)).map((c) => c.href);
  await showAll(w);
  const matching = (await cards(w)).map((c) => recordOf(c.href));
  const top = (key) => matching.map((a) => a[key]).sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)).slice(0, 10);

  for (const [sort, key] of [['newest', 'updated'], ['views', 'views']]) {
    await w.locator('select').selectOption(sort);
    await eventually(async () => {
      const shown = (await cards(w)).map((c) => recordOf(c.href)[key]);
      assert.deepEqual(shown, top(key), `sorted by ${sort}: the ten highest ${key} of every matching article, in order`);
    });
    assert.equal((await tabs(w))[0].count, matching.length, 'the same articles, in another order');
  }
  await w.locator('select').selectOption('relevance');
  await eventually(async () => assert.deepEqual((await cards(w)).map((c) => c.href), byRelevance, 'relevance: the first order again'));
  await assertNoErrors(page);
});

test('the first five letters of a long distinctive word already find the article', async () => {
  const page = await openWidget();
  const w = inline(page);
  for (const { article, word } of picks.slice(0, 3)) {
    const prefix = word.slice(0, 5);
    await type(w, prefix);
    await eventually(async () => {
      const all = await cards(w);
      assert.ok(all.some((c) => c.href?.endsWith(article.url)), `"${prefix}" (of "${word}") lists "${article.title}"; got ${JSON.stringify(all.map((c) => c.title))}`);
    });
  }
  await assertNoErrors(page);
});

test('a typo (a dropped or swapped letter) still finds the article', async () => {
  const page = await openWidget();
  const w = inline(page);
  const typos = picks.slice(0, 4).map(({ article, word }, i) => {
    const at = word.length >> 1;
    let typo;
    if (i % 2 === 0) {
      typo = word.slice(0, at) + word.slice(at + 1); // dropped letter
    } else {
      let j = at;
      while (word[j] === word[j + 1]) j++;
      typo = word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2); // swapped letters
    }
    assert.notEqual(typo, word);
    assert.ok(!docFreq.has(typo), `"${typo}" is not a real word of the corpus`);
    return { article, word, typo };
  });
  for (const { article, word, typo } of typos) {
    await type(w, typo);
    await eventually(async () => {
      const all = await cards(w);
      assert.ok(all.some((c) => c.href?.endsWith(article.url)), `"${typo}" (typo of "${word}") lists "${article.title}"; got ${JSON.stringify(all.map((c) => c.title))}`);
    });
  }
  await assertNoErrors(page);
});

test('category tabs show counts, filter the results and keep the query', async () => {
  const page = await openWidget();
  const w = inline(page);
  const query = 'withdrawal';
  await type(w, query);
  // Every article with the exact word must be counted (prefixes and typos may add more).
  const wordRe = new RegExp(`\\b${query}\\b`, 'i');
  const lowerBound = (cat) => articles.filter((a) => (!cat || a.category === cat) && wordRe.test(`${a.title} ${a.body}`)).length;

  const initial = await eventually(async () => {
    const t = await tabs(w);
    assert.deepEqual(t.map((x) => x.name), ['All', ...categories], 'tab names');
    assert.ok(t[0].count >= lowerBound(null), `All count ${t[0].count} >= ${lowerBound(null)}`);
    return t;
  });
  assert.ok(initial[0].selected, 'All is selected at first');
  assert.equal(initial[0].count, initial.slice(1).reduce((s, t) => s + t.count, 0), 'All is the sum of the categories');
  for (const t of initial.slice(1)) assert.ok(t.count >= lowerBound(t.name), `${t.name}: ${t.count} >= ${lowerBound(t.name)}`);

  await showAll(w);
  const everything = await cards(w);
  assert.equal(everything.length, initial[0].count, 'All lists as many results as its count');
  assert.equal(new Set(everything.map((c) => c.href)).size, everything.length, '"Show more" repeats no result');

  for (const [i, cat] of categories.entries()) {
    const expected = initial[i + 1].count;
    await w.getByRole('tab').nth(i + 1).click();
    await eventually(async () => {
      const t = await tabs(w);
      assert.ok(t[i + 1].selected, `${cat} tab is selected`);
      assert.ok(t.filter((x) => x.selected).length === 1, 'one tab selected');
      const shown = await cards(w);
      assert.ok(shown.every((c) => recordOf(c.href).category === cat), `only ${cat} results`);
    });
    assert.equal(await searchBox(w).inputValue(), query, 'the query is kept');
    await showAll(w);
    const shown = await cards(w);
    assert.equal(shown.length, expected, `${cat} lists as many results as its tab count`);
    assert.ok(shown.every((c) => recordOf(c.href).category === cat), `only ${cat} results`);
    assert.ok(shown.every((c) => everything.some((e) => e.href === c.href)), `${cat} results are among All`);
    assert.deepEqual((await tabs(w)).map((t) => t.count), initial.map((t) => t.count), 'counts do not change with the tab');
  }
  await w.getByRole('tab').first().click();
  await eventually(async () => assert.ok((await tabs(w))[0].selected));
  await assertNoErrors(page);
});

test('an empty query lists the most viewed articles', async () => {
  const page = await openWidget();
  const w = inline(page);
  const byViews = [...articles].sort((a, b) => b.views - a.views);
  const shown = await eventually(async () => {
    const shown = await cards(w);
    assert.ok(shown.length >= 3, 'some articles are listed before anything is typed');
    return shown;
  });
  assert.equal(recordOf(shown[0].href).id, byViews[0].id, 'the top item is the most viewed article');
  const views = shown.map((c) => recordOf(c.href).views);
  assert.deepEqual(views, [...views].sort((a, b) => b - a), 'ordered by views');
  assert.deepEqual(shown.map((c) => recordOf(c.href).id), byViews.slice(0, shown.length).map((a) => a.id));

  // Typing then clearing the box brings the list back.
  await type(w, 'bankruptcy');
  await eventually(async () => assert.notEqual(recordOf((await cards(w))[0]?.href).id, byViews[0].id));
  await searchBox(w).fill('');
  await eventually(async () => assert.equal(recordOf((await cards(w))[0]?.href).id, byViews[0].id));
  await assertNoErrors(page);
});

test('a nonsense query says there are no results', async () => {
  const page = await openWidget();
  const w = inline(page);
  const query = 'qqqzzzxxyy';
  await type(w, query);
  await eventually(async () => {
    const text = await w.innerText();
    assert.match(text, /no results/i);
    assert.ok(text.includes(query), 'the message repeats the query');
  });
  // The most viewed articles are offered instead, under their own heading.
  assert.equal(await w.locator('.fqs-subhead').textContent(), 'Popular articles');
  const byViews = [...articles].sort((a, b) => b.views - a.views);
  assert.deepEqual((await cards(w)).map((c) => recordOf(c.href).id), byViews.slice(0, 5).map((a) => a.id), 'the five most viewed articles');
  await assertNoErrors(page);
});

test('no results in the selected category offers to search all categories', async () => {
  const page = await openWidget();
  const w = inline(page);
  const { article, word } = picks[0];
  const elsewhere = categories.indexOf(categories.find((c) => c !== article.category));
  await type(w, 'withdrawal');
  await w.getByRole('tab').nth(elsewhere + 1).click();
  await eventually(async () => assert.ok((await tabs(w))[elsewhere + 1].selected));
  await type(w, word);
  const button = w.getByRole('button', { name: /all categories/i });
  await eventually(async () => {
    assert.match(await w.innerText(), new RegExp(`no results for .${word}. in ${categories[elsewhere]}`, 'i'));
    assert.equal(await button.count(), 1);
  });
  await button.click();
  await eventually(async () => {
    assert.ok((await tabs(w))[0].selected, 'All is selected');
    assert.ok((await cards(w)).some((c) => c.href?.endsWith(article.url)), `"${word}" lists "${article.title}"`);
  });
  assert.equal(await searchBox(w).inputValue(), word);
  await assertNoErrors(page);
});

test('typing while the index is still downloading searches as soon as it arrives', async () => {
  const page = await openPage(s.browser, null);
  const w = inline(page);
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/*.idx', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(s.url(HELP));
  await searchBox(w).waitFor();
  assert.equal(await w.getAttribute('data-state'), 'loading');
  assert.match(await w.locator('.fqs-loading').innerText(), /loading/i, 'says it is loading');
  const { article, word } = picks[1];
  await type(w, word);
  release();
  await eventually(async () => {
    assert.equal(await w.getAttribute('data-state'), 'ready');
    assert.ok((await cards(w)).some((c) => c.href?.endsWith(article.url)), `"${word}", typed while loading, lists "${article.title}"`);
  });
  assert.equal(await searchBox(w).inputValue(), word, 'what was typed is kept');
  await assertNoErrors(page);
});

test('keys typed within one frame are searched twice at most: the first at once, then the last text', async () => {
  const page = await openPage(s.browser, s.url(HELP));
  const w = inline(page);
  await ready(w);
  const { article, word } = picks[1];
  const searches = () => page.evaluate(() => performance.getEntriesByName('faq-search:search').length);
  const before = await searches();
  // Five input events in one task, as a fast typist or a paste can deliver them.
  await searchBox(w).evaluate((input, text) => {
    for (let n = 1; n <= text.length && n <= 5; n++) {
      input.value = text.slice(0, n);
      input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    }
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  }, word);
  await eventually(async () => assert.ok((await cards(w)).some((c) => c.href?.endsWith(article.url)), `"${word}" lists "${article.title}"`));
  await page.waitForTimeout(200);
  assert.equal((await searches()) - before, 2, 'the first key, then the last text: the keys between are never searched');
  // Keys typed a frame or more apart are each searched.
  await type(w, 'fee');
  await eventually(async () => assert.ok((await searches()) - before >= 4, 'each key of "fee" searched'));
  await assertNoErrors(page);
});

test('a slow index download shows its progress, then the widget is ready', async () => {
  s.server.trickle = (url) => /\.idx$/.test(new URL(url, 'http://x').pathname);
  try {
    const page = await openPage(s.browser, s.url(HELP));
    const w = inline(page);
    const bar = w.locator('progress.fqs-progress');
    await bar.waitFor({ timeout: 5000 });
    const seen = [];
    await eventually(async () => {
      const reading = await w.evaluate((root) => {
        const p = root.querySelector('progress.fqs-progress');
        return p && { value: p.value, max: p.max, label: p.getAttribute('aria-label') };
      });
      if (reading) seen.push(reading);
      assert.equal(await w.getAttribute('data-state'), 'ready');
    });
    assert.ok(seen.length >= 2, `the bar was seen moving (${seen.length} readings)`);
    const { max, label } = seen[0];
    assert.ok(max > 10000, `max is the index size from the manifest (${max})`);
    assert.match(label, /loading/i);
    assert.ok(seen.some((p) => p.value > 0 && p.value < max), `a reading part way: ${JSON.stringify(seen.map((p) => p.value))}`);
    assert.ok(seen.every((p, i) => i === 0 || p.value >= seen[i - 1].value), 'it only moves forward');
    assert.equal(await bar.count(), 0, 'the bar goes once the index is ready');
    await assertNoErrors(page);
  } finally {
    s.server.trickle = null;
  }
});

test('category tabs work from the keyboard', async () => {
  const page = await openWidget();
  const w = inline(page);
  await type(w, 'withdrawal');
  await eventually(async () => assert.ok((await tabs(w))[0].count > 0));
  await w.getByRole('tab', { selected: true }).focus();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => {
    const t = await tabs(w);
    assert.ok(t[1].selected, `${categories[0]} is selected after ArrowRight`);
    assert.ok((await cards(w)).every((c) => recordOf(c.href).category === categories[0]));
  });
  assert.equal((await focused(page)).role, 'tab', 'focus moved with the selection');
  await page.keyboard.press('End');
  await eventually(async () => assert.ok((await tabs(w)).at(-1).selected, 'End selects the last tab'));
  await page.keyboard.press('Home');
  await eventually(async () => assert.ok((await tabs(w))[0].selected, 'Home selects All'));
  assert.equal(await searchBox(w).inputValue(), 'withdrawal');
  await assertNoErrors(page);
});

test('data-theme="dark" pins the dark colours on a light page', async () => {
  const colours = (page) => searchBox(inline(page)).evaluate((el) => `${getComputedStyle(el).backgroundColor} / ${getComputedStyle(el).color}`);
  const pinnedPage = await openWidget(`${HELP}dark.html`, { colorScheme: 'light' });
  const pinned = await colours(pinnedPage);
  await assertNoErrors(pinnedPage);
  const page = await openWidget(HELP, { colorScheme: 'dark' });
  assert.equal(pinned, await colours(page), 'pinned dark = dark scheme');
  await page.emulateMedia({ colorScheme: 'light' });
  assert.notEqual(pinned, await colours(page), 'and differs from light');
  await assertNoErrors(page);
});

// ---------------------------------------------------------------------------------------------
// Broken indexes

async function expectError(pagePath, pattern, allow = []) {
  const page = await openPage(s.browser, s.url(pagePath));
  const w = inline(page);
  const alert = w.getByRole('alert');
  await alert.waitFor({ timeout: 10000 });
  const text = await alert.innerText();
  assert.ok(await alert.isVisible(), 'the message is visible');
  for (const re of [].concat(pattern)) assert.match(text, re);
  assert.equal(await w.getAttribute('data-state'), 'error');
  assert.equal(await w.getByRole('button', { name: /retry/i }).count(), 1, 'a Retry button');
  await screenshot(page, `error-${path.basename(pagePath, '.html')}`);
  await assertNoErrors(page, { allow });
  return text;
}

test('an index that 404s shows a message inside the widget, not an uncaught error', async () => {
  const text = await expectError(`${HELP}missing.html`, [/could not be loaded/i, /404/], [/Failed to load resource.*404/]);
  assert.match(text, /no-such-folder\/faq-search\.json/, 'names the URL it tried');
});

test('Retry loads the index once it is there', async () => {
  const page = await openPage(s.browser, s.url(`${HELP}late.html`));
  const w = inline(page);
  await w.getByRole('alert').waitFor();
  copyDir(path.join(DIST, 'index'), path.join(s.help, 'late-index'));
  await w.getByRole('button', { name: /retry/i }).click();
  await eventually(async () => assert.equal(await w.getAttribute('data-state'), 'ready'));
  assert.equal(await w.getByRole('alert').count(), 0, 'the error is gone');
  await type(w, picks[0].word);
  await eventually(async () => assert.ok((await cards(w)).some((c) => c.href?.endsWith(picks[0].article.url))));
  await assertNoErrors(page, { allow: [/Failed to load resource.*404/] });
});

test('a corrupt index shows the corrupt-index message', async () => {
  await expectError(`${HELP}idx-corrupt.html`, /corrupt/i);
});

test('a truncated index shows the corrupt-index message', async () => {
  await expectError(`${HELP}idx-truncated.html`, /corrupt|cut off|too short/i);
});

test('an index of another format version asks for a rebuild', async () => {
  await expectError(`${HELP}idx-version.html`, [/version 99/i, /rebuild/i]);
});

test('an HTML page served instead of the index is recognised', async () => {
  await expectError(`${HELP}idx-html.html`, /not a faq-search index/i);
});

// ---------------------------------------------------------------------------------------------
// The JavaScript API

test('JS API: loadIndex(...).search returns hits with highlights, honours limit and category', async () => {
  const page = await openPage(s.browser, s.url(`${HELP}api-test.html`));
  await page.waitForSelector('body[data-ready=yes]');
  const result = await page.evaluate(async () => {
    const index = await window.loadIndex('index/');
    const top = index.search('withdrawal', { limit: 3 });
    const all = index.search('withdrawal', { limit: 1000 });
    const announcements = index.search('withdrawal', { limit: 1000, category: 'Announcements' });
    return { top, all, announcements };
  });
  const { top, all, announcements } = result;
  assert.equal(top.hits.length, 3, 'limit 3 gives 3 hits');
  assert.ok(all.hits.length > 3, 'more than 3 articles mention withdrawals');
  assert.deepEqual(top.hits.map((h) => h.id), all.hits.slice(0, 3).map((h) => h.id), 'limit keeps the ranking');

  for (const hit of all.hits) {
    const record = articles.find((a) => a.id === hit.id);
    assert.ok(record, `hit ${hit.id} is a corpus article`);
    for (const field of ['title', 'url', 'category', 'published', 'updated', 'views']) {
      assert.deepEqual(hit[field], record[field], `${hit.id}.${field}`);
    }
    assert.equal(typeof hit.snippet, 'string');
    for (const [key, text] of [['titleHighlights', hit.title], ['snippetHighlights', hit.snippet]]) {
      assert.ok(Array.isArray(hit[key]), `${hit.id}.${key} is an array`);
      for (const [s, e] of hit[key]) {
        assert.ok(0 <= s && s < e && e <= text.length, `${key} range ${s}..${e} inside the text`);
        assert.match(text.slice(s, e), /^withdraw/i, `${hit.id}.${key}: "${text.slice(s, e)}" is a form of "withdrawal"`);
      }
    }
    assert.ok(hit.titleHighlights.length + hit.snippetHighlights.length > 0, `${hit.id} has a highlight`);
  }

  assert.ok(announcements.hits.length > 0, 'some announcements mention withdrawals');
  assert.ok(announcements.hits.every((h) => h.category === 'Announcements'), 'category option filters');
  assert.equal(announcements.hits.length, all.categories.find((c) => c.category === 'Announcements').count, 'category count');
  assert.deepEqual(
    announcements.hits.map((h) => h.id).sort(),
    all.hits.filter((h) => h.category === 'Announcements').map((h) => h.id).sort(),
  );

  const failure = await page.evaluate(async () => {
    try {
      await window.loadIndex('no-such-folder/');
      return { resolved: true };
    } catch (e) {
      return { isError: e instanceof Error, message: String(e?.message ?? e) };
    }
  });
  assert.equal(failure.resolved, undefined, 'loadIndex of a missing index rejects');
  assert.ok(failure.isError, 'it rejects with an Error');
  assert.match(failure.message, /404/);
  await assertNoErrors(page, { allow: [/Failed to load resource.*404/] });
});
