// The widget as a person uses it: dist/ copied to a fresh folder below a sub-path (so every URL
// must be relative and dist/ must be self-contained), served over HTTP, driven in headless
// Chromium by typing into the search box. Expected results come from the demo corpus itself,
// not from constants the widget could be written to match.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import {
  REPO_ROOT,
  startServer,
  launchBrowser,
  openPage,
  assertNoErrors,
  screenshot,
  copyDir,
  readJsonl,
  fixFooter,
  formatDate,
  formatViews,
  eventually,
} from './harness.mjs';

const DIST = path.join(REPO_ROOT, 'dist');
const CORPUS = path.join(REPO_ROOT, 'www/demo/articles.jsonl');
const INDEX_BUILDER = path.join(REPO_ROOT, 'target/release/index-builder');
const TYPE_DELAY = 30;

const articles = readJsonl(CORPUS);
const byUrl = new Map(articles.map((a) => [a.url, a]));
const categories = [...new Set(articles.map((a) => a.category))];

// ---------------------------------------------------------------------------------------------
// Choosing words from the corpus

// Roughly how the engine splits words (UAX #29 keeps "a.b", "can't" and "snake_case" whole).
const TOKEN_RE = /[\p{L}\p{N}_]+(?:['.:][\p{L}\p{N}_]+)*/gu;
const tokens = (text) => (text.match(TOKEN_RE) ?? []).map((t) => t.toLowerCase());
const docTokens = articles.map((a) => new Set(tokens(`${a.title} ${a.section ?? ''} ${a.body}`)));
const docFreq = new Map();
for (const set of docTokens) for (const t of set) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
/** How many articles have a word starting with `prefix`. */
const prefixDocs = (prefix) => docTokens.filter((set) => [...set].some((t) => t.startsWith(prefix))).length;

/** The longest body word found in this article only, whose first 5 letters are also unique. */
function distinctiveWord(article) {
  const candidates = [...new Set(tokens(article.body))]
    .filter((w) => /^[a-z]+$/.test(w) && w.length >= 9 && docFreq.get(w) === 1)
    .filter((w) => prefixDocs(w.slice(0, 5)) === 1)
    .sort((a, b) => b.length - a.length || a.localeCompare(b));
  return candidates[0];
}

/** Two articles per category (in corpus order) with their distinctive word. */
const picks = categories.flatMap((category) =>
  articles
    .filter((a) => a.category === category)
    .map((article) => ({ article, word: distinctiveWord(article) }))
    .filter((p) => p.word)
    .slice(0, 2),
);

// Hostile articles: markup in every text field and a javascript: URL.
const MALICIOUS = [
  {
    id: 'mal-script',
    title: 'Zanzibar <script>window.__pwned=1</script> title',
    body: 'Zanzibar body with <script>window.__pwned=1</script> inside it.',
    url: '/support/mal-script',
    category: 'FAQ',
  },
  {
    id: 'mal-img',
    title: 'Zanzibar <img src=x onerror="window.__pwned=1"> image',
    body: 'Zanzibar picture <img src=x onerror="window.__pwned=1"> and <b onmouseover="window.__pwned=1">bold</b>.',
    url: '/support/mal-img',
    category: '<img src=x onerror="window.__pwned=1">',
  },
  {
    id: 'mal-url',
    title: 'Zanzibar link that runs script',
    body: 'Zanzibar: clicking this result must not run the javascript url.',
    url: 'javascript:window.__pwned=1',
    category: 'FAQ',
  },
].map((r, i) => ({ ...r, published: '2024-01-0' + (i + 1), updated: '2024-02-0' + (i + 1), views: 1000 - i, locale: 'en' }));

function buildMaliciousSite() {
  const mal = path.join(site, 'mal');
  copyDir(DIST, mal);
  // Never delete or write through a link into the real dist/.
  assert.ok(fs.realpathSync(mal).startsWith(fs.realpathSync(tmp) + path.sep), 'the hostile site is a real copy');
  fs.rmSync(path.join(mal, 'index'), { recursive: true, force: true });
  const corpus = path.join(tmp, 'malicious.jsonl');
  fs.writeFileSync(corpus, MALICIOUS.map((r) => JSON.stringify(r)).join('\n') + '\n');
  const indexDir = path.join(mal, dataIndex.replace(/faq-search\.idx$/, '') || '.');
  execFileSync(INDEX_BUILDER, ['build', corpus, '--out', indexDir, '--quiet'], { stdio: 'pipe' });
}

// ---------------------------------------------------------------------------------------------
// The site under test

let tmp, site, server, browser, dataIndex;
const HELP = '/help/';

function writeVariant(name, indexValue) {
  const html = fs.readFileSync(path.join(site, 'help/index.html'), 'utf8');
  const replaced = html.replace(/data-index="[^"]*"/, `data-index="${indexValue}"`);
  assert.notEqual(replaced, html, 'index.html has no data-index attribute to point elsewhere');
  fs.writeFileSync(path.join(site, 'help', name), replaced);
}

function writeIndexVariant(folder, bytes) {
  fs.mkdirSync(path.join(site, 'help', folder), { recursive: true });
  fs.writeFileSync(path.join(site, 'help', folder, 'faq-search.idx'), bytes);
  writeVariant(`${folder}.html`, `${folder}/`);
}

before(async () => {
  for (const f of ['index.html', 'faq-search.js', 'faq-search-api.js', 'faq-search.css', 'pkg/faq_search.js', 'pkg/faq_search_bg.wasm', 'index/faq-search.idx']) {
    assert.ok(fs.existsSync(path.join(DIST, f)), `dist/${f} is missing: run ./scripts/build-dist.sh first`);
  }
  assert.ok(picks.length >= 4, 'the demo corpus should offer distinctive words');

  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fqs-e2e-'));
  site = path.join(tmp, 'site');
  copyDir(DIST, path.join(site, 'help'));
  assert.ok(fs.realpathSync(path.join(site, 'help')).startsWith(fs.realpathSync(tmp) + path.sep), 'a real copy of dist/');
  const html = fs.readFileSync(path.join(site, 'help/index.html'), 'utf8');
  dataIndex = html.match(/data-index="([^"]*)"/)?.[1];
  assert.ok(dataIndex !== undefined, 'dist/index.html embeds the widget with a data-index attribute');

  // Broken indexes, each behind its own copy of the page.
  const idx = fs.readFileSync(path.join(DIST, 'index/faq-search.idx'));
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
  fs.writeFileSync(
    path.join(site, 'help/api-test.html'),
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>API test</title>' +
      '<script type="module" src="api-test.mjs"></script><body><p>API test</p></body></html>\n',
  );
  fs.writeFileSync(
    path.join(site, 'help/api-test.mjs'),
    "import { loadIndex } from './faq-search-api.js';\nwindow.loadIndex = loadIndex;\ndocument.body.dataset.ready = 'yes';\n",
  );

  // Two widgets on one page (the second leaves the page URL alone), and a pinned dark theme.
  const page = fs.readFileSync(path.join(site, 'help/index.html'), 'utf8');
  const two = page
    .replace('<div id="help-search">', '<div id="second-search"></div>\n<div id="help-search">')
    .replace('</body>', '<script src="faq-search.js" data-index="index/" data-target="#second-search" data-query-param="" defer></script>\n</body>');
  assert.notEqual(two, page);
  fs.writeFileSync(path.join(site, 'help/two.html'), two);
  fs.writeFileSync(path.join(site, 'help/dark.html'), page.replace('data-index=', 'data-theme="dark" data-index='));

  buildMaliciousSite();

  server = await startServer(site);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------
// Page helpers

const url = (p) => `${server.url}${p}`;
const root = (page) => page.locator('.fqs-root');
const searchBox = (page) => root(page).getByRole('searchbox');

/** Opens a page with the widget and waits until it has loaded its index. */
async function openWidget(pagePath = HELP, contextOptions) {
  const page = await openPage(browser, url(pagePath), contextOptions);
  await root(page).waitFor();
  await eventually(async () => {
    assert.equal(await root(page).count(), 1, 'exactly one widget on the page');
    assert.equal(await root(page).getAttribute('data-state'), 'ready', 'widget state');
  }, { timeout: 10000 });
  return page;
}

/** Clears the search box, then types `text` key by key. */
async function type(page, text) {
  const box = searchBox(page);
  await box.click();
  await box.fill('');
  await box.pressSequentially(text, { delay: TYPE_DELAY });
}

/** The result cards in the order shown: link href, title, text and marks of each. */
function cards(page) {
  return root(page).evaluate((el) =>
    [...el.querySelectorAll('[role=tabpanel] li')].map((li) => {
      const link = li.querySelector('a[href]');
      return {
        href: link?.getAttribute('href') ?? null,
        title: (li.querySelector('h1,h2,h3,h4,h5,h6') ?? link)?.textContent.trim() ?? '',
        text: li.innerText.replace(/\s+/g, ' '),
        marks: [...li.querySelectorAll('mark')].map((m) => ({
          text: m.textContent,
          inTitle: !!m.closest('h1,h2,h3,h4,h5,h6,a'),
        })),
      };
    }),
  );
}

/** The record behind a result link (its href ends with the article url). */
function recordOf(href) {
  const found = articles.filter((a) => href?.endsWith(a.url));
  assert.equal(found.length, 1, `result href ${href} names exactly one article`);
  return found[0];
}

/** Tabs as { name, count, selected }. */
async function tabs(page) {
  const list = root(page).getByRole('tab');
  const out = [];
  for (let i = 0; i < (await list.count()); i++) {
    const tab = list.nth(i);
    const text = (await tab.innerText()).replace(/\s+/g, ' ').trim();
    const m = text.match(/^(.*?)\s*(\d[\d,]*)$/);
    assert.ok(m, `tab "${text}" ends with a count`);
    out.push({ name: m[1], count: Number(m[2].replace(/,/g, '')), selected: (await tab.getAttribute('aria-selected')) === 'true' });
  }
  return out;
}

/** Clicks "Show more" until every result of the current tab is listed. */
async function showAll(page) {
  for (let i = 0; i < 50; i++) {
    const more = root(page).getByRole('button', { name: /show more/i });
    if ((await more.count()) === 0) return;
    const before = (await cards(page)).length;
    await more.click();
    await eventually(async () => assert.ok((await cards(page)).length > before, 'Show more added results'));
  }
  assert.fail('Show more never went away');
}

/** Case-insensitive: is `mark` the typed word, a stem or prefix of it, or a form of it? */
function markMatches(mark, word) {
  const m = mark.toLowerCase();
  const w = word.toLowerCase();
  return m === w || (w.startsWith(m) && m.length >= 4) || m.startsWith(w.slice(0, Math.min(5, w.length)));
}

// ---------------------------------------------------------------------------------------------
// Searching

test('a distinctive word finds its article, with snippet marks, category, dates and views', async () => {
  const page = await openWidget();
  for (const { article, word } of picks) {
    await type(page, word);
    const card = await eventually(async () => {
      const all = await cards(page);
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

test('the first five letters of a long distinctive word already find the article', async () => {
  const page = await openWidget();
  for (const { article, word } of picks.slice(0, 3)) {
    const prefix = word.slice(0, 5);
    await type(page, prefix);
    await eventually(async () => {
      const all = await cards(page);
      assert.ok(all.some((c) => c.href?.endsWith(article.url)), `"${prefix}" (of "${word}") lists "${article.title}"; got ${JSON.stringify(all.map((c) => c.title))}`);
    });
  }
  await assertNoErrors(page);
});

test('a typo (a dropped or swapped letter) still finds the article', async () => {
  const page = await openWidget();
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
    await type(page, typo);
    await eventually(async () => {
      const all = await cards(page);
      assert.ok(all.some((c) => c.href?.endsWith(article.url)), `"${typo}" (typo of "${word}") lists "${article.title}"; got ${JSON.stringify(all.map((c) => c.title))}`);
    });
  }
  await assertNoErrors(page);
});

test('category tabs show counts, filter the results and keep the query', async () => {
  const page = await openWidget();
  const query = 'withdrawal';
  await type(page, query);
  // Every article with the exact word must be counted (prefixes and typos may add more).
  const wordRe = new RegExp(`\\b${query}\\b`, 'i');
  const lowerBound = (cat) => articles.filter((a) => (!cat || a.category === cat) && wordRe.test(`${a.title} ${a.body}`)).length;

  const initial = await eventually(async () => {
    const t = await tabs(page);
    assert.deepEqual(t.map((x) => x.name), ['All', ...categories], 'tab names');
    assert.ok(t[0].count >= lowerBound(null), `All count ${t[0].count} >= ${lowerBound(null)}`);
    return t;
  });
  assert.ok(initial[0].selected, 'All is selected at first');
  assert.equal(initial[0].count, initial.slice(1).reduce((s, t) => s + t.count, 0), 'All is the sum of the categories');
  for (const t of initial.slice(1)) assert.ok(t.count >= lowerBound(t.name), `${t.name}: ${t.count} >= ${lowerBound(t.name)}`);

  await showAll(page);
  const everything = await cards(page);
  assert.equal(everything.length, initial[0].count, 'All lists as many results as its count');
  assert.equal(new Set(everything.map((c) => c.href)).size, everything.length, '"Show more" repeats no result');

  for (const [i, cat] of categories.entries()) {
    const expected = initial[i + 1].count;
    await root(page).getByRole('tab').nth(i + 1).click();
    await eventually(async () => {
      const t = await tabs(page);
      assert.ok(t[i + 1].selected, `${cat} tab is selected`);
      assert.ok(t.filter((x) => x.selected).length === 1, 'one tab selected');
      const shown = await cards(page);
      assert.ok(shown.every((c) => recordOf(c.href).category === cat), `only ${cat} results`);
    });
    assert.equal(await searchBox(page).inputValue(), query, 'the query is kept');
    await showAll(page);
    const shown = await cards(page);
    assert.equal(shown.length, expected, `${cat} lists as many results as its tab count`);
    assert.ok(shown.every((c) => recordOf(c.href).category === cat), `only ${cat} results`);
    assert.ok(shown.every((c) => everything.some((e) => e.href === c.href)), `${cat} results are among All`);
    assert.deepEqual((await tabs(page)).map((t) => t.count), initial.map((t) => t.count), 'counts do not change with the tab');
  }
  await root(page).getByRole('tab').first().click();
  await eventually(async () => assert.ok((await tabs(page))[0].selected));
  await assertNoErrors(page);
});

test('an empty query lists the most viewed articles', async () => {
  const page = await openWidget();
  const byViews = [...articles].sort((a, b) => b.views - a.views);
  const shown = await eventually(async () => {
    const shown = await cards(page);
    assert.ok(shown.length >= 3, 'some articles are listed before anything is typed');
    return shown;
  });
  assert.equal(recordOf(shown[0].href).id, byViews[0].id, 'the top item is the most viewed article');
  const views = shown.map((c) => recordOf(c.href).views);
  assert.deepEqual(views, [...views].sort((a, b) => b - a), 'ordered by views');
  assert.deepEqual(shown.map((c) => recordOf(c.href).id), byViews.slice(0, shown.length).map((a) => a.id));

  // Typing then clearing the box brings the list back.
  await type(page, 'bankruptcy');
  await eventually(async () => assert.notEqual(recordOf((await cards(page))[0]?.href).id, byViews[0].id));
  await searchBox(page).fill('');
  await eventually(async () => assert.equal(recordOf((await cards(page))[0]?.href).id, byViews[0].id));
  await assertNoErrors(page);
});

test('a nonsense query says there are no results', async () => {
  const page = await openWidget();
  const query = 'qqqzzzxxyy';
  await type(page, query);
  await eventually(async () => {
    const text = await root(page).innerText();
    assert.match(text, /no results/i);
    assert.ok(text.includes(query), 'the message repeats the query');
    assert.equal((await cards(page)).length, 0, 'no result cards');
  });
  await assertNoErrors(page);
});

test('no results in the selected category offers to search all categories', async () => {
  const page = await openWidget();
  const { article, word } = picks[0];
  const elsewhere = categories.indexOf(categories.find((c) => c !== article.category));
  await type(page, 'withdrawal');
  await root(page).getByRole('tab').nth(elsewhere + 1).click();
  await eventually(async () => assert.ok((await tabs(page))[elsewhere + 1].selected));
  await type(page, word);
  const button = root(page).getByRole('button', { name: /all categories/i });
  await eventually(async () => {
    assert.match(await root(page).innerText(), new RegExp(`no results for .${word}. in ${categories[elsewhere]}`, 'i'));
    assert.equal(await button.count(), 1);
  });
  await button.click();
  await eventually(async () => {
    assert.ok((await tabs(page))[0].selected, 'All is selected');
    assert.ok((await cards(page)).some((c) => c.href?.endsWith(article.url)), `"${word}" lists "${article.title}"`);
  });
  assert.equal(await searchBox(page).inputValue(), word);
  await assertNoErrors(page);
});

test('typing while the index is still downloading searches as soon as it arrives', async () => {
  const page = await openPage(browser, null);
  let release;
  const held = new Promise((r) => (release = r));
  await page.route('**/faq-search.idx', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(url(HELP));
  await searchBox(page).waitFor();
  assert.equal(await root(page).getAttribute('data-state'), 'loading');
  assert.match(await root(page).getByRole('status').innerText(), /loading/i, 'says it is loading');
  const { article, word } = picks[1];
  await type(page, word);
  release();
  await eventually(async () => {
    assert.equal(await root(page).getAttribute('data-state'), 'ready');
    assert.ok((await cards(page)).some((c) => c.href?.endsWith(article.url)), `"${word}", typed while loading, lists "${article.title}"`);
  });
  assert.equal(await searchBox(page).inputValue(), word, 'what was typed is kept');
  await assertNoErrors(page);
});

test('the query lives in the page URL: a shared link opens with its results', async () => {
  const { article, word } = picks[0];
  const page = await openWidget(`${HELP}?q=${encodeURIComponent(word)}`);
  assert.equal(await searchBox(page).inputValue(), word, 'the box holds the query from the URL');
  await eventually(async () => assert.ok((await cards(page)).some((c) => c.href?.endsWith(article.url)), `"${word}" from the URL lists "${article.title}"`));

  const other = picks[1];
  await type(page, other.word);
  await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('q'), other.word, 'typing updates ?q='));
  assert.match(page.url(), /\/help\/\?q=/, 'the page itself did not change');
  await searchBox(page).fill('');
  await eventually(async () => assert.equal(new URL(page.url()).searchParams.get('q'), null, 'an empty box removes ?q='));
  await assertNoErrors(page);
});

test('category tabs work from the keyboard', async () => {
  const page = await openWidget();
  await type(page, 'withdrawal');
  await eventually(async () => assert.ok((await tabs(page))[0].count > 0));
  await root(page).getByRole('tab', { selected: true }).focus();
  await page.keyboard.press('ArrowRight');
  await eventually(async () => {
    const t = await tabs(page);
    assert.ok(t[1].selected, `${categories[0]} is selected after ArrowRight`);
    assert.ok((await cards(page)).every((c) => recordOf(c.href).category === categories[0]));
  });
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('role'));
  assert.equal(focused, 'tab', 'focus moved with the selection');
  await page.keyboard.press('End');
  await eventually(async () => assert.ok((await tabs(page)).at(-1).selected, 'End selects the last tab'));
  await page.keyboard.press('Home');
  await eventually(async () => assert.ok((await tabs(page))[0].selected, 'Home selects All'));
  assert.equal(await searchBox(page).inputValue(), 'withdrawal');
  await assertNoErrors(page);
});

test('two widgets on one page work independently and share one download of the wasm', async () => {
  const seen = server.requests.length;
  const page = await openPage(browser, url(`${HELP}two.html`));
  await page.waitForFunction(() => document.querySelectorAll('.fqs-root[data-state=ready]').length === 2);
  const [first, second] = [page.locator('.fqs-root').nth(0), page.locator('.fqs-root').nth(1)];
  const { article, word } = picks[0];
  const box = first.getByRole('searchbox');
  await box.click();
  await box.pressSequentially(word, { delay: TYPE_DELAY });
  await eventually(async () => assert.ok(await first.locator('a[href]').evaluateAll((as, u) => as.some((a) => a.getAttribute('href').endsWith(u)), article.url)));
  assert.equal(await second.getByRole('searchbox').inputValue(), '', 'the other widget keeps its own query');
  assert.equal(await second.getByRole('tab', { selected: true }).innerText().then((t) => t.replace(/\s+/g, ' ')), `All ${articles.length}`);
  const duplicates = await page.evaluate(() => {
    const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
    return ids.filter((id, i) => ids.indexOf(id) !== i);
  });
  assert.deepEqual(duplicates, [], 'element ids are unique across widgets');
  const fetched = (file) => server.requests.slice(seen).filter((r) => r.endsWith(`/help/${file}`)).length;
  assert.equal(fetched('pkg/faq_search_bg.wasm'), 1, 'the wasm is downloaded once');
  assert.equal(fetched('faq-search.css'), 1, 'the stylesheet is added once');
  await assertNoErrors(page);
});

test('data-theme="dark" pins the dark colours on a light page', async () => {
  const colours = (page) => searchBox(page).evaluate((el) => `${getComputedStyle(el).backgroundColor} / ${getComputedStyle(el).color}`);
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
  const page = await openPage(browser, url(pagePath));
  const alert = root(page).getByRole('alert');
  await alert.waitFor({ timeout: 10000 });
  const text = await alert.innerText();
  assert.ok(await alert.isVisible(), 'the message is visible');
  for (const re of [].concat(pattern)) assert.match(text, re);
  assert.equal(await root(page).getAttribute('data-state'), 'error');
  assert.equal(await root(page).getByRole('button', { name: /retry/i }).count(), 1, 'a Retry button');
  await screenshot(page, `error-${path.basename(pagePath, '.html')}`);
  await assertNoErrors(page, { allow });
  return text;
}

test('an index that 404s shows a message inside the widget, not an uncaught error', async () => {
  const text = await expectError(`${HELP}missing.html`, [/could not be loaded/i, /404/], [/Failed to load resource.*404/]);
  assert.match(text, /no-such-folder\/faq-search\.idx/, 'names the URL it tried');
});

test('Retry loads the index once it is there', async () => {
  const page = await openPage(browser, url(`${HELP}late.html`));
  await root(page).getByRole('alert').waitFor();
  const late = path.join(site, 'help/late-index');
  fs.mkdirSync(late);
  fs.copyFileSync(path.join(DIST, 'index/faq-search.idx'), path.join(late, 'faq-search.idx'));
  await root(page).getByRole('button', { name: /retry/i }).click();
  await eventually(async () => assert.equal(await root(page).getAttribute('data-state'), 'ready'));
  assert.equal(await root(page).getByRole('alert').count(), 0, 'the error is gone');
  await type(page, picks[0].word);
  await eventually(async () => assert.ok((await cards(page)).some((c) => c.href?.endsWith(picks[0].article.url))));
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
// Hostile content in the corpus

test('HTML and javascript: URLs in articles are shown as text and never run', async () => {
  const page = await openWidget('/mal/');
  await type(page, 'zanzibar');
  await eventually(async () => assert.equal((await cards(page)).length, 3, 'all three articles found'));
  const widget = root(page);
  assert.ok(await widget.getByText('<script>window.__pwned=1</script>').first().isVisible(), 'the literal <script> tag is visible text');
  assert.ok(await widget.getByText('onerror="window.__pwned=1"').first().isVisible(), 'the literal <img> tag is visible text');
  const created = await widget.evaluate((el) => el.querySelectorAll('script, img, iframe, object, embed, [onerror], [onmouseover], [onclick]').length);
  assert.equal(created, 0, 'no elements or handlers from article text');
  const hrefs = await widget.evaluate((el) => [...el.querySelectorAll('[href]')].map((a) => a.getAttribute('href')));
  for (const href of hrefs) assert.doesNotMatch(href.replace(/[\s\0-\x1f]/g, ''), /^(javascript|data|vbscript):/i, `unsafe href ${href}`);

  // Clicking and hovering every result must not run anything.
  const titles = widget.getByRole('tabpanel').locator('li').getByText('Zanzibar link that runs script');
  await titles.first().click();
  await page.waitForTimeout(200);
  for (const li of await widget.getByRole('tabpanel').locator('li').all()) await li.hover();
  assert.equal(await page.evaluate(() => typeof window.__pwned), 'undefined', 'window.__pwned was never set');
  assert.match(page.url(), /\/mal\//, 'still on the page');
  await assertNoErrors(page);
});

// ---------------------------------------------------------------------------------------------
// The JavaScript API

test('JS API: loadIndex(...).search returns hits with highlights, honours limit and category', async () => {
  const page = await openPage(browser, url(`${HELP}api-test.html`));
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

// ---------------------------------------------------------------------------------------------
// How it looks

const VIEWPORTS = {
  desktop: { viewport: { width: 1280, height: 900 } },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
};

test('screenshots: desktop and phone, light and dark', async () => {
  for (const [name, options] of Object.entries(VIEWPORTS)) {
    const colours = {};
    // Light and dark side by side: two independent contexts, so they may run at once.
    await Promise.all(['light', 'dark'].map(async (colorScheme) => {
      const page = await openWidget(HELP, { ...options, colorScheme });
      await type(page, 'withdrawal fee');
      await eventually(async () => assert.ok((await cards(page)).length >= 3));
      await page.waitForTimeout(100);
      const width = options.viewport.width;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      colours[colorScheme] = await searchBox(page).evaluate((el) => {
        const title = el.closest('.fqs-root').querySelector('[role=tabpanel] li a');
        return [getComputedStyle(el).backgroundColor, getComputedStyle(title).color].join(' / ');
      });
      await screenshot(page, `search-${name}-${colorScheme}`);
      assert.ok(overflow <= width, `no horizontal scrolling at ${width}px (page is ${overflow}px wide)`);
      await assertNoErrors(page);
    }));
    assert.notEqual(colours.dark, colours.light, `${name}: the widget follows the dark colour scheme`);
  }
});
